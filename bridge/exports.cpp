// Entry points JS calls (js/isthmus.mjs). Arguments and results are handle
// ids; a result of kJsError means "call isthmus_take_error()".
#include <Python.h>
#include <emscripten.h>

#include "../typeconv/js_to_py.h"
#include "../typeconv/py_to_js.h"
#include "interpreter.h"
#include "js_ref.h"
#include "python_error.h"

using namespace isthmus;

namespace {
JsRef pending_error;

JsId fail_with_python_error() {
  pending_error = take_python_error();
  return kJsError;
}

// _isthmus.code_runner.run(source, globals): exec, value of the last expression.
PyObject* code_runner() {
  static PyObject* run = nullptr;
  if (!run) {
    PyObject* mod = PyImport_ImportModule("_isthmus.code_runner");
    if (!mod) return nullptr;
    run = PyObject_GetAttrString(mod, "run");
    Py_DECREF(mod);
  }
  return run;
}
}  // namespace

extern "C" {

/// Start CPython with the recursion limit the JS stack can hold (measured by
/// the loader). kJsUndefined on success.
EMSCRIPTEN_KEEPALIVE JsId isthmus_init(int recursion_limit) {
  if (start_interpreter(default_paths())) {
    Py_SetRecursionLimit(recursion_limit);
    return kJsUndefined;
  }
  if (PyErr_Occurred()) return fail_with_python_error();
  JsRef msg = JsRef::adopt(isthmus_js_from_latin1(
      reinterpret_cast<const uint8_t*>("Python failed to start (see stderr)"), 35));
  JsRef type = JsRef::adopt(isthmus_js_from_latin1(reinterpret_cast<const uint8_t*>("SystemError"), 11));
  pending_error = JsRef::adopt(isthmus_js_python_error(msg.release(), type.release()));
  return kJsError;
}

/// Run source code (a JS string id, borrowed) in __main__; returns the last
/// expression's value converted to JS.
EMSCRIPTEN_KEEPALIVE JsId isthmus_run_python(JsId code) {
  PyObject* source = js_string_to_py(JsHandle(code));
  if (!source) return fail_with_python_error();
  PyObject* run = code_runner();
  PyObject* main_dict = PyModule_GetDict(PyImport_AddModule("__main__"));  // borrowed
  PyObject* result = run ? PyObject_CallFunctionObjArgs(run, source, main_dict, nullptr) : nullptr;
  Py_DECREF(source);
  if (!result) return fail_with_python_error();
  JsRef out = py_to_js_or_repr(result);
  Py_DECREF(result);
  if (!out.valid()) return fail_with_python_error();
  return out.release();
}

/// The error of the last call that returned kJsError (owned by the caller).
EMSCRIPTEN_KEEPALIVE JsId isthmus_take_error() {
  JsRef err = std::move(pending_error);
  pending_error = JsRef();
  return err.valid() ? err.release() : kJsUndefined;
}

}  // extern "C"
