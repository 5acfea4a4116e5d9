// Python -> JS conversion of single values (implicit conversions).
#pragma once
#include <Python.h>

#include "../bridge/wire/js_ref.h"
#include "../bridge/wire/js_slot.h"
#include "../bridge/wire/small_vector.h"

namespace isthmus {

/// int (Number when |x| <= 2^53-1, else BigInt), float, str, bool, None.
/// Returns an invalid JsRef with *handled = false for any other type, and an
/// invalid JsRef with *handled = true when a Python error is set.
JsRef py_scalar_to_js(PyObject* obj, bool* handled);

/// A str in whichever of latin-1, UCS-2 or UTF-8 is cheapest to cross.
JsRef py_str_to_js(PyObject* str);

/// A new PyProxy of obj, owning one reference to it. roundtrip (create_proxy's
/// default): when it comes back to Python it is a JsProxy of the PyProxy
/// (Pyodide's JsDoubleProxy), not obj.
JsRef new_pyproxy(PyObject* obj, bool roundtrip = false);

/// The AUX.PYPROXY_* bits (wire.h) of a PyProxy of obj: callable, and a
/// collections.abc.Sequence / MutableSequence (a PyProxy with Array methods).
/// Never fails (no error is left set).
int32_t pyproxy_aux(PyObject* obj);

/// Keeps handles made while filling slots alive until the JS call returns.
class SlotKeepAlive {
 public:
  SlotKeepAlive() = default;
  SlotKeepAlive(const SlotKeepAlive&) = delete;
  SlotKeepAlive& operator=(const SlotKeepAlive&) = delete;
  void keep(JsRef ref);
  ~SlotKeepAlive();

 private:
  SmallVector<JsId, 8> ids_;
};

/// Fill a slot with obj, converted implicitly, as an argument of a JS call.
/// Python objects that need a PyProxy become borrowed ones (destroyed by JS
/// when the call returns) unless `owned`, when JS gets a new reference.
/// Borrowed slots may point into obj (short strings): JS reads them at once.
/// A JsProxy's id is borrowed, owned or not: the caller keeps obj (or a
/// reference to the id) alive until JS reads the slot. (Taking a reference
/// here for every owned slot cost `js_obj.x = proxy` about 10 ns.)
/// False with an error set.
bool py_to_slot(PyObject* obj, isthmus_js_slot* slot, SlotKeepAlive& keep, bool owned);

/// Fill a slot with obj as a result handed to JS: JS owns what it gets
/// (aux = 1 on handle kinds: JS releases the id after reading it).
bool py_to_result_slot(PyObject* obj, isthmus_js_slot* slot);

}  // namespace isthmus
