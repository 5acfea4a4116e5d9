// The embedded interpreter: start-up, string crossings, errors.
#include <Python.h>
#include <gtest/gtest.h>

#include <string>

#include "bridge/interpreter.h"
#include "typeconv/errors.h"
#include "typeconv/js_to_py.h"
#include "typeconv/py_to_js.h"

using isthmus::JsRef;

namespace {
// Evaluate an expression in a fresh namespace; a new reference or nullptr.
PyObject* eval(const char* expr) {
  PyObject* globals = PyDict_New();
  PyObject* result = PyRun_String(expr, Py_eval_input, globals, globals);
  Py_DECREF(globals);
  return result;
}

// Python str -> JS string -> Python str.
bool round_trips(const char* expr) {
  PyObject* original = eval(expr);
  if (!original) {
    PyErr_Print();
    return false;
  }
  JsRef js = isthmus::py_str_to_js(original);
  PyObject* back = isthmus::js_string_to_py(js);
  bool same = back && PyUnicode_Compare(original, back) == 0;
  Py_DECREF(original);
  Py_XDECREF(back);
  return same;
}
}  // namespace

TEST(Interpreter, StartedWithTheWasmStdlib) {
  EXPECT_TRUE(isthmus::interpreter_started());
  PyObject* platform = eval("__import__('sys').platform");
  ASSERT_NE(platform, nullptr);
  EXPECT_STREQ(PyUnicode_AsUTF8(platform), "emscripten");
  Py_DECREF(platform);
}

TEST(Interpreter, DottedStaticExtensionImports) {
  PyObject* r = eval("__import__('_isthmus_testing.native._ext', fromlist=['add']).add(2, 3)");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(PyLong_AsLong(r), 5);
  Py_DECREF(r);
}

TEST(Strings, RoundTripEveryKind) {
  EXPECT_TRUE(round_trips("''"));
  EXPECT_TRUE(round_trips("'ascii'"));
  EXPECT_TRUE(round_trips("'caf\\xe9 \\xff'"));                  // latin-1
  EXPECT_TRUE(round_trips("'\\u20ac \\u4e2d\\u6587'"));          // UCS-2
  EXPECT_TRUE(round_trips("'\\U0001F600 astral \\U00010348'"));  // UCS-4
  EXPECT_TRUE(round_trips("'nul\\x00inside\\x00'"));
  EXPECT_TRUE(round_trips("'x' * 100000 + '\\u20ac'"));
}

TEST(Strings, NonStringIsATypeError) {
  JsRef number = JsRef::adopt(isthmus_js_from_f64(1));
  PyObject* r = isthmus::js_string_to_py(number);
  EXPECT_EQ(r, nullptr);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_TypeError));
  PyErr_Clear();
}

TEST(Errors, PythonErrorIsCreatedAndCleared) {
  int before = isthmus::live_js_handles();
  PyObject* r = eval("1/0");
  ASSERT_EQ(r, nullptr);
  {
    JsRef err = isthmus::take_python_error();
    EXPECT_TRUE(err.valid());
    EXPECT_FALSE(PyErr_Occurred());
  }
  EXPECT_EQ(isthmus::live_js_handles(), before);
}

TEST(Conversions, IntegersBeyond53BitsStayExact) {
  int before = isthmus::live_js_handles();
  for (const char* expr : {"2**53 - 1", "2**53", "-(2**64)", "10**30", "True", "None", "1.5", "'s'"}) {
    PyObject* v = eval(expr);
    ASSERT_NE(v, nullptr) << expr;
    isthmus_js_slot slot{};
    EXPECT_TRUE(isthmus::py_to_result_slot(v, &slot)) << expr;
    if (slot.kind == ISTHMUS_JS_OBJECT) isthmus_js_release(slot.id);  // a result JS would own
    Py_DECREF(v);
  }
  EXPECT_EQ(isthmus::live_js_handles(), before);
}

TEST(Slots, NumbersFollowNumberIsSafeInteger) {
  isthmus_js_slot s{};
  s.kind = ISTHMUS_JS_NUMBER;
  s.num = 3.0;
  PyObject* three = isthmus::js_slot_to_py(s);
  ASSERT_NE(three, nullptr);
  EXPECT_TRUE(PyLong_CheckExact(three));
  Py_DECREF(three);
  s.num = 9007199254740992.0;  // 2**53: not a safe integer
  PyObject* big = isthmus::js_slot_to_py(s);
  EXPECT_TRUE(PyFloat_CheckExact(big));
  Py_DECREF(big);
  s.num = -0.5;
  PyObject* half = isthmus::js_slot_to_py(s);
  EXPECT_EQ(PyFloat_AsDouble(half), -0.5);
  Py_DECREF(half);
}

TEST(Slots, PythonScalarsTravelInline) {
  int before = isthmus::live_js_handles();
  isthmus::SlotKeepAlive keep;
  isthmus_js_slot s{};
  PyObject* n = PyLong_FromLong(42);
  ASSERT_TRUE(isthmus::py_to_slot(n, &s, keep, false));
  EXPECT_EQ(s.kind, ISTHMUS_JS_NUMBER);
  EXPECT_EQ(s.num, 42.0);
  ASSERT_TRUE(isthmus::py_to_slot(Py_None, &s, keep, false));
  EXPECT_EQ(s.kind, ISTHMUS_JS_UNDEFINED);
  ASSERT_TRUE(isthmus::py_to_slot(Py_True, &s, keep, false));
  EXPECT_EQ(s.kind, ISTHMUS_JS_TRUE);
  // A short str (not interned) points JS at its code units.
  PyObject* str = PyUnicode_FromString("caf\xc3\xa9");
  ASSERT_TRUE(isthmus::py_to_slot(str, &s, keep, false));
  EXPECT_EQ(s.kind, ISTHMUS_JS_STRING);
  EXPECT_EQ(s.num, 4.0);
  EXPECT_EQ(s.aux, 16 | 1);
  EXPECT_EQ(reinterpret_cast<void*>(static_cast<intptr_t>(s.id)), PyUnicode_DATA(str));
  EXPECT_EQ(isthmus::live_js_handles(), before);  // no handle for any of them
  Py_DECREF(str);
  Py_DECREF(n);
}
