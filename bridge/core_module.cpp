// _isthmus._core: the bridge's native module, seen from Python.
// Registered as a dotted built-in through isthmus_add_static_extension.
#include <emscripten/version.h>
#include <pybind11/pybind11.h>

#include "../proxies/js_proxy.h"
#include "../proxies/jsnull.h"
#include "../typeconv/errors.h"
#include "../typeconv/py_to_js.h"
#include "../typeconv/to_js_deep.h"
#include "wire/js_ref.h"
#include "wire/python_attr.h"

namespace py = pybind11;
using namespace isthmus;

namespace {
py::object steal_or_throw(PyObject* obj) {
  if (!obj) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(obj);
}

// A PyProxy owning a reference to obj, seen from Python as a JsProxy. A
// plain vectorcall function: pybind11's argument dispatch cost more than the
// rest of create_proxy(o).destroy().
// roundtrip (create_proxy's default, as in Pyodide): back in Python, a
// JsProxy of the PyProxy (a JsDoubleProxy); else obj itself.
PyObject* make_pyproxy(PyObject* obj, bool roundtrip) {
  return js_proxy_new(new_pyproxy(obj, roundtrip), JsRef(),
                      PyCallable_Check(obj) ? ISTHMUS_JS_FUNCTION : ISTHMUS_JS_OBJECT);
}
PyObject* create_proxy(PyObject*, PyObject* obj) { return make_pyproxy(obj, /*roundtrip=*/true); }
// create_proxy(obj, *, capture_this=False, roundtrip=True): keyword
// arguments (rare) go to the Python half (_isthmus.api.create_proxy).
PyObject* create_proxy_call(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs != 1) {
    PyErr_Format(PyExc_TypeError, "create_proxy() takes exactly one positional argument (%zd given)", nargs);
    return nullptr;
  }
  if (!kwnames || PyTuple_GET_SIZE(kwnames) == 0) return create_proxy(nullptr, args[0]);
  static PyObject* with_options = nullptr;
  PyObject* fn = cached_python_attr(&with_options, "_isthmus.api", "create_proxy");
  return fn ? PyObject_Vectorcall(fn, args, static_cast<size_t>(nargs), kwnames) : nullptr;
}
PyMethodDef create_proxy_def = {"create_proxy",
                                reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(create_proxy_call)),
                                METH_FASTCALL | METH_KEYWORDS,
                                "create_proxy(obj, *, capture_this=False, roundtrip=True): a PyProxy of obj that lives "
                                "until destroy()."};

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "Native half of the Isthmus bridge";
  // The wheel platform tag: C extensions must be built by this Emscripten.
  m.attr("PLATFORM") = "emscripten_" + std::to_string(__EMSCRIPTEN_major__) + "_" +
                       std::to_string(__EMSCRIPTEN_minor__) + "_" + std::to_string(__EMSCRIPTEN_tiny__) + "_wasm32";
  if (!init_js_proxy_types(m.ptr())) throw py::error_already_set();
  m.def("live_js_handles", &isthmus::live_js_handles,
        "Number of JS values currently held by handles (for leak tests).");
  m.add_object("create_proxy", steal_or_throw(PyCFunction_NewEx(&create_proxy_def, nullptr, m.attr("__name__").ptr())));
  m.def(
      "to_js_owned",
      [](py::handle value) -> py::object {
        PyObject* v = value.ptr();
        if (v == Py_None || PyBool_Check(v) || PyLong_Check(v) || PyFloat_Check(v) || PyUnicode_Check(v) ||
            v == jsnull() || js_proxy_id(v) != kJsError) {
          return py::reinterpret_borrow<py::object>(value);
        }
        return steal_or_throw(make_pyproxy(v, /*roundtrip=*/false));
      },
      "value itself if it converts implicitly, else an owned PyProxy of it (for resolving Promises).");
  m.def(
      "python_error",
      [](py::handle exc) {
        PyObject* e = exc.ptr();
        if (!PyExceptionInstance_Check(e)) throw py::type_error("python_error: expected an exception");
        PyErr_Restore(Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(e))), Py_NewRef(e), PyException_GetTraceback(e));
        return steal_or_throw(js_proxy_new(take_python_error(), JsRef(), ISTHMUS_JS_ERROR));
      },
      "The JS PythonError for a Python exception.");
  m.def(
      "to_exception", [](py::handle value) { return steal_or_throw(js_value_to_exception(value.ptr())); },
      "The Python exception for a JS rejection or throw value.");
  if (!init_conversion_error(m.ptr())) throw py::error_already_set();
  m.def(
      "to_js",
      [](py::handle obj, int depth, py::handle pyproxies, bool create_pyproxies, py::handle dict_converter,
         py::handle default_converter) {
        ToJsOptions o;
        o.depth = depth;
        o.pyproxies = pyproxies.is_none() ? nullptr : pyproxies.ptr();
        o.create_pyproxies = create_pyproxies;
        o.dict_converter = dict_converter.is_none() ? nullptr : dict_converter.ptr();
        o.default_converter = default_converter.is_none() ? nullptr : default_converter.ptr();
        if (o.pyproxies && js_proxy_id(o.pyproxies) == kJsError) {
          throw py::type_error("to_js: pyproxies must be a JS Array");
        }
        return steal_or_throw(to_js_deep(obj.ptr(), o));
      },
      "Deep Python -> JS conversion (pyodide.ffi.to_js).");
  m.def(
      "create_proxy_unwrapping",
      [](py::handle obj) { return steal_or_throw(make_pyproxy(obj.ptr(), /*roundtrip=*/false)); },
      "create_proxy(obj, roundtrip=False): back in Python, the PyProxy is obj itself.");
  m.def(
      "this_of", [](py::handle proxy) { return steal_or_throw(js_proxy_this(proxy.ptr())); },
      "The `this` a JsProxy method is called with (a JsProxy), or None.");
  m.def(
      "js_globals",
      []() { return steal_or_throw(js_proxy_new(JsRef::adopt(kJsGlobalThis), JsRef(), ISTHMUS_JS_OBJECT)); },
      "The object `import js` exposes.");
  m.attr("ISTHMUS_VERSION") = ISTHMUS_VERSION;
}
