// The JS half of a call through JsProxy.bind_sig() (python/_isthmus/jsbind.py):
// Python has bound and converted the arguments; here the ones annotated
// `Json` become JSON views of their (borrowed) PyProxies, keyword arguments
// become the trailing object, and the function is called or constructed.

/**
 * The `callBound` of `_isthmus_js`.
 * @param {Function} PyProxy the PyProxy class (what a `Json` argument arrives as)
 */
export function boundCaller(PyProxy) {
  /**
   * @param {Function} fn the JS function
   * @param {unknown} thisArg its `this` (undefined for a plain function)
   * @param {boolean} construct `new fn(...)` (a class bound with bind_class)
   * @param {string} modes per value: "j" a JSON view of a PyProxy, "d" as given
   * @param {string[] | null} kwnames names of the last values, which go in
   *   one trailing object; null: no trailing object
   * @param {unknown[]} args the positional values, then the keyword ones
   */
  return function callBound(fn, thisArg, construct, modes, kwnames, ...args) {
    for (let i = 0; i < args.length; i++) {
      const v = /** @type {any} */ (args[i]);
      if (modes[i] === 'j' && v instanceof PyProxy) args[i] = v.asJsJson();
    }
    if (kwnames) {
      const kw = args.splice(args.length - kwnames.length);
      args.push(Object.fromEntries(kwnames.map((name, i) => [name, kw[i]])));
    }
    return construct ? Reflect.construct(fn, args) : Reflect.apply(fn, thisArg, args);
  };
}
