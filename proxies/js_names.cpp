#include "js_names.h"

#include <cstring>
#include <unordered_map>

#include "../typeconv/py_to_js.h"

namespace isthmus {

// obj.from_ reaches `from` (and obj.from__ `from_`): a Python keyword
// followed by underscores loses one, as Pyodide's normalizeReservedWords.
PyObject* js_attribute_name(PyObject* name) {
  static const char* const keywords[] = {"False",  "None",   "True",    "and",      "as",       "assert", "async",
                                         "await",  "break",  "class",   "continue", "def",      "del",    "elif",
                                         "else",   "except", "finally", "for",      "from",     "global", "if",
                                         "import", "in",     "is",      "lambda",   "nonlocal", "not",    "or",
                                         "pass",   "raise",  "return",  "try",      "while",    "with",   "yield"};
  // Most names do not end in '_': answer those without touching UTF-8.
  Py_ssize_t n = PyUnicode_GET_LENGTH(name);
  if (n < 2 || PyUnicode_READ_CHAR(name, n - 1) != '_') return Py_NewRef(name);
  Py_ssize_t len = 0;
  const char* s = PyUnicode_AsUTF8AndSize(name, &len);
  if (s && len > 1 && s[len - 1] == '_') {
    Py_ssize_t stem = len - 1;
    while (stem > 0 && s[stem - 1] == '_') --stem;
    for (const char* kw : keywords) {
      if (std::strlen(kw) == static_cast<size_t>(stem) && std::memcmp(kw, s, stem) == 0) {
        return PyUnicode_FromStringAndSize(s, len - 1);
      }
    }
  }
  PyErr_Clear();
  return Py_NewRef(name);
}

namespace {
// Interned Python names -> their JS strings (a handle each), see js_name.
std::unordered_map<PyObject*, JsId>& name_cache() {
  static std::unordered_map<PyObject*, JsId> cache;
  return cache;
}
}  // namespace

void drop_name_cache() {
  auto& cache = name_cache();
  for (auto& [name, id] : cache) {
    JsRef::reattach(id);
    Py_DECREF(name);
  }
  cache.clear();
}

JsHandle js_name(PyObject* name, JsRef* temp) {
  auto& cache = name_cache();
  constexpr size_t kMaxCached = 10000;  // interned strings are mostly program text
  if (PyUnicode_CHECK_INTERNED(name) && cache.size() < kMaxCached) {
    auto it = cache.find(name);
    if (it != cache.end()) return JsHandle(it->second);
    JsRef ref = py_str_to_js(name);
    if (!ref.valid()) return JsHandle();
    Py_INCREF(name);  // the cache keeps the interned str alive, so its address stays unique
    JsId id = ref.detach();
    cache.emplace(name, id);
    return JsHandle(id);
  }
  if (PyUnicode_CHECK_INTERNED(name)) {
    auto it = cache.find(name);
    if (it != cache.end()) return JsHandle(it->second);
  }
  *temp = py_str_to_js(name);
  return *temp;
}

}  // namespace isthmus
