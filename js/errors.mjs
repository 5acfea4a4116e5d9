// Errors that cross from Python into JavaScript.

/** A Python exception seen from JS. `message` is the formatted traceback. */
export class PythonError extends Error {
  /**
   * @param {string} message formatted Python traceback
   * @param {string} type the exception class name, e.g. "ZeroDivisionError"
   */
  constructor(message, type) {
    super(message);
    this.type = type;
  }
}
Object.defineProperty(PythonError.prototype, 'name', { value: 'PythonError' });
