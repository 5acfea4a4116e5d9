// Helpers for the getBuffer() suites (buffers, numpy): reading a view by its
// documented rule, and a view that is always released.

/** Element [i, j, ...] of a view, by the documented rule. */
export function at(view, ...index) {
  let k = view.offset;
  index.forEach((x, d) => { k += x * view.strides[d]; });
  return view.data[k];
}

/** fn(view, obj) on getBuffer(type) of the object `code` evaluates to; both released after. */
export function withBuffer(py, code, fn, type) {
  const obj = py.runPython(code);
  const view = obj.getBuffer(type);
  try {
    return fn(view, obj);
  } finally {
    view.release();
    obj.destroy();
  }
}
