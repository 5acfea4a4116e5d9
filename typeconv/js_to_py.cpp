#include "js_to_py.h"

#include <string>

namespace isthmus {

PyObject* js_string_to_py(JsHandle str) {
  int32_t len = isthmus_js_string_utf8_length(str.id());
  if (len < 0) {
    PyErr_SetString(PyExc_TypeError, "expected a JS string");
    return nullptr;
  }
  // A reused buffer: no allocation per call once it is large enough.
  static std::string scratch;
  if (scratch.size() < static_cast<size_t>(len) + 1) scratch.resize(static_cast<size_t>(len) + 1);
  int32_t written = isthmus_js_string_write_utf8(str.id(), scratch.data(), len + 1);
  // Lone surrogates in JS strings became U+FFFD in stringToUTF8; valid UTF-8 remains.
  return PyUnicode_DecodeUTF8(scratch.data(), written, "surrogatepass");
}

}  // namespace isthmus
