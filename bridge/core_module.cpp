// _isthmus._core: the bridge's native module, seen from Python.
// Registered as a dotted built-in through isthmus_add_static_extension.
#include <pybind11/pybind11.h>

#include "js_ref.h"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "Native half of the Isthmus bridge";
  m.def("live_js_handles", &isthmus::live_js_handles,
        "Number of JS values currently held by handles (for leak tests).");
  m.attr("ISTHMUS_VERSION") = ISTHMUS_VERSION;
}
