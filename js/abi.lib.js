// The C++ -> JS half of the door (bridge/wire/abi.h lists both halves): one
// body per C name, linked with `--js-library`. Arguments and results are
// primitives: handle ids, pointers to isthmus_js_slot vectors, lengths, f64.
// Every body that runs JS code which may throw has the same shape,
//     try { return <work>; } catch (e) { return IE.park(e); }
// so a JS exception never unwinds through wasm: it is parked (js/errors.mjs)
// and C++ sees RESULT.THREW (-1). The work itself lives in the ES modules:
// IH the handle table (js/handles.mjs), IB the slot codec
// (js/slot_codec.mjs), IOps the operations (js/js_ops.mjs), IDeep the deep
// conversions (js/deep_convert.mjs), IE the errors (js/errors.mjs); the
// loader (js/isthmus.mjs) hands them in on the Module object.

mergeInto(LibraryManager.library, {
  $IH: "=Module['isthmusHandles']",
  $IB: "=Module['isthmusBridge']",
  $IE: "=Module['isthmusBridge'].errors",
  $IOps: "=Module['isthmusOps']",
  $IDeep: "=Module['isthmusDeep']",
  $IUtf8: "=new TextDecoder('utf-8')",

  // Emscripten's node socket emulation needs the npm 'ws' package for
  // listen() and crashes the runtime without it; wasm cannot serve anyway.
  $isthmusNoServerSockets__deps: ['$SOCKFS', '$FS'],
  $isthmusNoServerSockets__postset:
    'SOCKFS.websocket_sock_ops.listen = function() { throw new FS.ErrnoError(138 /* EOPNOTSUPP */); };',
  $isthmusNoServerSockets: '=true',

  // The wasm memory, for IB's views (export names are minified at -O2).
  $isthmusMemory: function() { return wasmMemory; },
  $isthmusMemory__postset: "Module['isthmusMemory'] = isthmusMemory;",

  // ---- handles (never throw) -------------------------------------------------
  isthmus_js_release__deps: ['$IH'],
  isthmus_js_release: function(id) { IH.release(id); },

  // (Every binary links this one: it carries the runtime-wide deps.)
  isthmus_js_release_many__deps: ['$IH', '$isthmusNoServerSockets', '$isthmusMemory'],
  isthmus_js_release_many: function(ids, n) {
    for (let k = 0; k < n; k++) IH.release(HEAP32[(ids >> 2) + k]);
  },

  isthmus_js_dup__deps: ['$IH'],
  isthmus_js_dup: function(id) { return IH.put(IH.get(id)); },

  isthmus_js_live_count__deps: ['$IH'],
  isthmus_js_live_count: function() { return IH.liveCount(); },

  // ---- values from C++ (never throw) -----------------------------------------
  isthmus_js_from_f64__deps: ['$IH'],
  isthmus_js_from_f64: function(x) { return IH.put(x); },

  // Integers beyond 2^53 arrive as decimal text: BigInt never truncates.
  isthmus_js_bigint_from_decimal__deps: ['$IH'],
  isthmus_js_bigint_from_decimal: function(ptr, len) {
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(HEAPU8[ptr + i]);
    return IH.put(BigInt(s));
  },

  // Strings come in the representation CPython keeps them in (PEP 393).
  isthmus_js_from_latin1__deps: ['$IH'],
  isthmus_js_from_latin1: function(ptr, len) {
    if (len < 16) {
      let s = '';
      for (let i = 0; i < len; i++) s += String.fromCharCode(HEAPU8[ptr + i]);
      return IH.put(s);
    }
    let s = '';
    for (let i = 0; i < len; i += 8192) {
      s += String.fromCharCode.apply(null, HEAPU8.subarray(ptr + i, ptr + Math.min(len, i + 8192)));
    }
    return IH.put(s);
  },
  // Code units as they are: TextDecoder would replace lone surrogates.
  isthmus_js_from_utf16__deps: ['$IH'],
  isthmus_js_from_utf16: function(ptr, len) {
    const base = ptr >> 1;
    let s = '';
    for (let i = 0; i < len; i += 8192) {
      s += String.fromCharCode.apply(null, HEAPU16.subarray(base + i, base + Math.min(len, i + 8192)));
    }
    return IH.put(s);
  },
  isthmus_js_from_utf8__deps: ['$IH', '$IUtf8'],
  isthmus_js_from_utf8: function(ptr, len) {
    return IH.put(IUtf8.decode(HEAPU8.subarray(ptr, ptr + len)));
  },

  // JS string -> UTF-8 bytes into a buffer C++ owns (3 bytes per UTF-16 unit suffice).
  isthmus_js_string_write_utf8__deps: ['$IH', '$IB'],
  isthmus_js_string_write_utf8: function(id, ptr, capacity) {
    return IB.writeUtf8(IH.get(id), ptr, capacity);
  },

  isthmus_js_string_write__deps: ['$IH', '$IB'],
  isthmus_js_string_write: function(id, out, unitSize) { IB.writeString(IH.get(id), out, unitSize); },

  isthmus_js_op_value_string__deps: ['$IH'],
  isthmus_js_op_value_string: function(id) { return IH.put(String(IH.get(id))); },

  // aux: the AUX.PYPROXY_* bits of a slot (callable, sequence).
  isthmus_js_pyproxy_new__deps: ['$IH', '$IB'],
  isthmus_js_pyproxy_new: function(ptr, aux) { return IH.put(IB.ownedPyProxy(ptr, aux)); },

  // Never throws: a destroyed PyProxy is classified as an opaque object.
  isthmus_js_classify__deps: ['$IH', '$IB'],
  isthmus_js_classify: function(id, out) { return IB.classifyInto(IH.get(id), id, out); },

  // ---- errors (never throw) --------------------------------------------------
  isthmus_js_python_error__deps: ['$IH', '$IE'],
  isthmus_js_python_error: function(messageId, typeId, excPtr) {
    return IH.put(IE.pythonError(IH.take(messageId), IH.take(typeId), excPtr));
  },

  isthmus_js_take_error__deps: ['$IH', '$IE'],
  isthmus_js_take_error: function() { return IH.put(IE.take()); },

  isthmus_js_error_text__deps: ['$IH', '$IE'],
  isthmus_js_error_text: function(id) { return IH.put(IE.text(IH.get(id))); },

  // ---- operations (may throw: parked) ----------------------------------------
  isthmus_js_getprop__deps: ['$IH', '$IB', '$IE', '$IOps'],
  isthmus_js_getprop: function(obj, key, out) {
    try { return IOps.getProp(IB, IH.get(obj), IH.get(key), out); } catch (e) { return IE.park(e); }
  },

  isthmus_js_setprop__deps: ['$IH', '$IB', '$IE'],
  isthmus_js_setprop: function(obj, key, value) {
    try { IH.get(obj)[IH.get(key)] = IB.decode(value, null); return 0; } catch (e) { return IE.park(e); }
  },

  isthmus_js_delprop__deps: ['$IH', '$IE', '$IOps'],
  isthmus_js_delprop: function(obj, key) {
    try { return IOps.delProp(IH.get(obj), IH.get(key)); } catch (e) { return IE.park(e); }
  },

  isthmus_js_call__deps: ['$IH', '$IB', '$IE', '$IOps'],
  isthmus_js_call: function(fn, self, args, nargs, out) {
    try { return IOps.call(IB, IH.get(fn), IH.get(self), args, nargs, out, false); } catch (e) { return IE.park(e); }
  },

  isthmus_js_construct__deps: ['$IH', '$IB', '$IE', '$IOps'],
  isthmus_js_construct: function(fn, args, nargs, out) {
    try { return IOps.call(IB, IH.get(fn), undefined, args, nargs, out, true); } catch (e) { return IE.park(e); }
  },

  isthmus_js_op__deps: ['$IH', '$IB', '$IE', '$IOps'],
  isthmus_js_op: function(code, obj, arg) {
    try { return IOps.op(IB, code, IH.get(obj), arg); } catch (e) { return IE.park(e); }
  },

  isthmus_js_op_value__deps: ['$IH', '$IB', '$IE', '$IOps'],
  isthmus_js_op_value: function(code, obj, arg, out) {
    try { return IOps.opValue(IB, code, IH.get(obj), arg, out); } catch (e) { return IE.park(e); }
  },

  isthmus_js_setitem__deps: ['$IH', '$IB', '$IE', '$IOps'],
  isthmus_js_setitem: function(obj, key, value) {
    try { return IOps.setItemSlots(IB, IH.get(obj), key, value); } catch (e) { return IE.park(e); }
  },

  isthmus_js_iter_next__deps: ['$IH', '$IB', '$IE', '$IOps'],
  isthmus_js_iter_next: function(it, out) {
    try { return IOps.iterNext(IB, IH.get(it), out); } catch (e) { return IE.park(e); }
  },

  // ---- deep conversions (may throw: parked) ----------------------------------
  isthmus_js_copy_bytes__deps: ['$IH', '$IB', '$IE', '$IDeep'],
  isthmus_js_copy_bytes: function(obj, ptr, len, toWasm) {
    try { return IDeep.copyBytes(IB, IH.get(obj), ptr, len, toWasm); } catch (e) { return IE.park(e); }
  },

  isthmus_js_fill__deps: ['$IH', '$IB', '$IE', '$IDeep'],
  isthmus_js_fill: function(obj, keys, values, n) {
    try { return IDeep.fill(IB, IH.get(obj), keys, values, n); } catch (e) { return IE.park(e); }
  },

  isthmus_js_typed_array_copy__deps: ['$IB', '$IE', '$IDeep'],
  isthmus_js_typed_array_copy: function(type, ptr, len, out) {
    try { return IDeep.typedArrayCopy(IB, type, ptr, len, out); } catch (e) { return IE.park(e); }
  },

  isthmus_js_entries_to_slots__deps: ['$IH', '$IB', '$IE', '$IDeep'],
  isthmus_js_entries_to_slots: function(obj, keys, values, n) {
    try { return IDeep.entriesToSlots(IB, IH.get(obj), keys, values, n); } catch (e) { return IE.park(e); }
  },
});
