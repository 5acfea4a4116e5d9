// Calling a user's default_converter(value, convert, cache_conversion) from
// the deep converters (to_js_deep.cpp, to_py_deep.cpp). `convert` and
// `cache_conversion` are Python callables bound to the running converter,
// which must provide:
//   PyObject* convert_nested(PyObject* value)   // a new reference or nullptr
//   bool remember(PyObject* from, PyObject* to)  // record a conversion (cycles)
//   int current_depth                            // depth for convert_nested
#pragma once
#include <Python.h>

#include "../bridge/wire/py_ref.h"

namespace isthmus {

template <class Converter>
PyObject* call_default_converter(Converter* converter, PyObject* default_converter, PyObject* value, int depth) {
  static constexpr const char* kCapsule = "isthmus.converter";
  static PyMethodDef convert_def = {"convert",
                                    [](PyObject* capsule, PyObject* v) -> PyObject* {
                                      auto* c = static_cast<Converter*>(PyCapsule_GetPointer(capsule, kCapsule));
                                      return c ? c->convert_nested(v) : nullptr;
                                    },
                                    METH_O, "Convert a value with the same options."};
  static PyMethodDef cache_def = {
      "cache_conversion",
      reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(
          +[](PyObject* capsule, PyObject* const* args, Py_ssize_t nargs) -> PyObject* {
            auto* c = static_cast<Converter*>(PyCapsule_GetPointer(capsule, kCapsule));
            if (!c) return nullptr;
            if (nargs != 2) {
              PyErr_SetString(PyExc_TypeError, "cache_conversion(value, converted) takes 2 arguments");
              return nullptr;
            }
            if (!c->remember(args[0], args[1])) return nullptr;
            Py_RETURN_NONE;
          })),
      METH_FASTCALL, "Record the conversion of a value (for shared references and cycles)."};

  PyRef capsule = PyRef::steal(PyCapsule_New(converter, kCapsule, nullptr));
  if (!capsule) return nullptr;
  PyRef convert_fn = PyRef::steal(PyCFunction_New(&convert_def, capsule.get()));
  PyRef cache_fn = PyRef::steal(PyCFunction_New(&cache_def, capsule.get()));
  int saved = converter->current_depth;
  converter->current_depth = depth < 0 ? -1 : depth - 1;
  PyObject* result = convert_fn && cache_fn ? PyObject_CallFunctionObjArgs(default_converter, value, convert_fn.get(),
                                                                           cache_fn.get(), nullptr)
                                            : nullptr;
  converter->current_depth = saved;
  return result;
}

}  // namespace isthmus
