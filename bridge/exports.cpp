// The top of the C++ side: the entry points js/isthmus.mjs calls for the
// runtime API (declared with the rest of the door in wire/abi.h). A result
// of RESULT.THREW (kJsError, -1) means "call isthmus_take_error()", which
// gives the PythonError that typeconv/errors.cpp parked.
#include <Python.h>
#include <emscripten.h>
#include <malloc.h>

#include <string>
#include <vector>

#include "../proxies/js_names.h"
#include "../proxies/js_proxy.h"
#include "../typeconv/errors.h"
#include "../typeconv/js_to_py.h"
#include "../typeconv/py_to_js.h"
#include "interpreter.h"
#include "wire/abi.h"
#include "wire/py_ref.h"
#include "wire/python_attr.h"
#include "wire/wire.h"

extern "C" int Py_EMSCRIPTEN_SIGNAL_HANDLING;  // Python/emscripten_signal.c
extern "C" void _Py_CheckEmscriptenSignals(void);

namespace isthmus {
namespace {
// The command line given by isthmus_set_cli_argv, for isthmus_init.
std::vector<std::string> cli_args;
}  // namespace
}  // namespace isthmus

using namespace isthmus;

extern "C" {

/// Start CPython with the recursion limit the JS stack can hold (measured by
/// the loader). kJsUndefined on success.
EMSCRIPTEN_KEEPALIVE JsId isthmus_init(int recursion_limit) {
  std::vector<const char*> argv;
  for (const auto& a : cli_args) argv.push_back(a.c_str());
  if (start_interpreter(default_paths(), argv.empty() ? nullptr : argv.data(), static_cast<int>(argv.size()))) {
    Py_SetRecursionLimit(recursion_limit);
    return kJsUndefined;
  }
  if (PyErr_Occurred()) {
    fail_to_js();
    return kJsError;
  }
  JsRef msg =
      JsRef::adopt(isthmus_js_from_latin1(reinterpret_cast<const uint8_t*>("Python failed to start (see stderr)"), 35));
  JsRef type = JsRef::adopt(isthmus_js_from_latin1(reinterpret_cast<const uint8_t*>("SystemError"), 11));
  set_pending_error(JsRef::adopt(isthmus_js_python_error(msg.release(), type.release(), nullptr)));
  return kJsError;
}

/// Before isthmus_init: configure CPython as the `isthmus` command, from
/// `len` bytes of NUL-terminated UTF-8 arguments (program name first).
EMSCRIPTEN_KEEPALIVE void isthmus_set_cli_argv(const char* buf, int len) {
  cli_args.clear();
  for (int at = 0; at < len;) {
    cli_args.emplace_back(buf + at);
    at += static_cast<int>(cli_args.back().size()) + 1;
  }
}

/// Turn CPython's check of Module.Py_EmscriptenSignalBuffer on or off
/// (setInterruptBuffer). On: SIGINT must have Python's handler, or
/// PyErr_SetInterruptEx ignores it (the embedded config installs none).
EMSCRIPTEN_KEEPALIVE int32_t isthmus_set_signal_handling(int on) {
  Py_EMSCRIPTEN_SIGNAL_HANDLING = on;
  if (!on) return 0;
  static PyObject* install = nullptr;
  PyObject* fn = cached_python_attr(&install, "_isthmus.api", "install_sigint_handler");
  PyRef r = PyRef::steal(fn ? PyObject_CallNoArgs(fn) : nullptr);
  if (!r) return fail_to_js();
  return 0;
}

/// checkInterrupt(): raise KeyboardInterrupt (-1, see isthmus_take_error)
/// if the interrupt buffer asks for it.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_check_interrupt() {
  _Py_CheckEmscriptenSignals();
  // In a stdio handler CPython is inside a read or write with the GIL
  // released: SIGINT stays pending and ABSENT says so; the handler's error
  // makes the device return EINTR, and CPython raises it there (js/stdio.mjs).
  if (_PyThreadState_UncheckedGet() == nullptr) return wire::ABSENT;
  return PyErr_CheckSignals() < 0 ? fail_to_js() : 0;
}

/// Run source code (a JS string id, borrowed) in `globals` (a dict, or null
/// for __main__'s); *out = the last expression's value.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_run_python(JsId code, PyObject* globals, isthmus_js_slot* out) {
  static PyObject* run = nullptr;
  PyRef source = PyRef::steal(js_string_to_py(JsHandle(code)));
  if (!source) return fail_to_js();
  if (!globals) globals = PyModule_GetDict(PyImport_AddModule("__main__"));  // borrowed
  if (!PyDict_Check(globals)) {
    PyErr_SetString(PyExc_TypeError, "runPython: globals must be a dict");
    return fail_to_js();
  }
  PyObject* fn = cached_python_attr(&run, "_isthmus.code_runner", "run");
  PyObject* result = fn ? PyObject_CallFunctionObjArgs(fn, source.get(), globals, nullptr) : nullptr;
  return give_to_js(result, out);
}

/// pyimport("pkg.mod") or pyimport("pkg.mod.attr").
EMSCRIPTEN_KEEPALIVE int32_t isthmus_pyimport(JsId name, isthmus_js_slot* out) {
  static PyObject* pyimport = nullptr;
  PyRef n = PyRef::steal(js_string_to_py(JsHandle(name)));
  if (!n) return fail_to_js();
  PyObject* fn = cached_python_attr(&pyimport, "_isthmus.api", "pyimport");
  PyObject* result = fn ? PyObject_CallOneArg(fn, n.get()) : nullptr;
  return give_to_js(result, out);
}

/// A Python function of the bridge's Python half, for the JS API.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_api(JsId name, isthmus_js_slot* out) {
  PyRef n = PyRef::steal(js_string_to_py(JsHandle(name)));
  if (!n) return fail_to_js();
  PyRef mod = PyRef::steal(PyImport_ImportModule("_isthmus.api"));
  PyObject* fn = mod ? PyObject_GetAttr(mod.get(), n.get()) : nullptr;
  return give_to_js(fn, out);
}

/// The error of the last call that failed (owned by the caller).
EMSCRIPTEN_KEEPALIVE JsId isthmus_take_error() {
  JsRef err = take_pending_error();
  return err.valid() ? err.release() : kJsUndefined;
}

/// Free the JS handles C++ has let go of (queued, see bridge/js_ref.cpp).
EMSCRIPTEN_KEEPALIVE void isthmus_flush_releases() { flush_releases(); }

/// Drop the caches that hold JS handles (for _liveCounts: no leak, but counted).
EMSCRIPTEN_KEEPALIVE void isthmus_drop_caches() { drop_name_cache(); }

/// The wire.h lists as JSON text ({"KIND": {"UNDEFINED": 0, ...}, ...}), as
/// this build's C++ sees them: tests/js/wire.test.mjs compares them with the
/// generated dist/wire.mjs. Static storage; valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* isthmus_wire_json() {
  static std::string json;
  json = "{";
#define ISTHMUS_WIRE_JSON_ITEM(name, value) json += "\"" #name "\":" + std::to_string(value) + ",";
#define ISTHMUS_WIRE_JSON_GROUP(group)          \
  json += "\"" #group "\":{";                   \
  ISTHMUS_WIRE_##group(ISTHMUS_WIRE_JSON_ITEM); \
  json.back() = '}';                            \
  json += ",";
  ISTHMUS_WIRE_GROUPS(ISTHMUS_WIRE_JSON_GROUP)
#undef ISTHMUS_WIRE_JSON_GROUP
#undef ISTHMUS_WIRE_JSON_ITEM
  json.back() = '}';
  return json.c_str();
}

/// Bytes of the wasm heap in use (malloc'd and not freed): the leak check's
/// view of C and Python memory (pymalloc's arenas come from malloc too).
EMSCRIPTEN_KEEPALIVE int32_t isthmus_heap_in_use() { return static_cast<int32_t>(mallinfo().uordblks); }

}  // extern "C"
