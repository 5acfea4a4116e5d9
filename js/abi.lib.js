// The one door from C++ into JS (declared in bridge/abi.h). Every function
// takes and returns primitives: handle ids, pointers to isthmus_js_slot
// vectors (bridge/js_slot.h), lengths, f64. Linked with `--js-library`.
// IH: this instance's HandleTable (js/handles.mjs); IB: the slot codec and
// PyProxy factory (js/bridge.mjs), both handed in by the loader. A JS
// exception never unwinds through C++: it is parked in IB and -1 returned.

mergeInto(LibraryManager.library, {
  $IH: "=Module['isthmusHandles']",
  $IB: "=Module['isthmusBridge']",
  $IPythonError: "=Module['isthmusPythonError']",
  $IUtf8: "=new TextDecoder('utf-8')",

  // Emscripten's node socket emulation needs the npm 'ws' package for
  // listen() and crashes the runtime without it; wasm cannot serve anyway.
  // (asyncio's default loop listens for its self-pipe: issue 5 replaces it.)
  $isthmusNoServerSockets__deps: ['$SOCKFS', '$FS'],
  $isthmusNoServerSockets__postset:
    'SOCKFS.websocket_sock_ops.listen = function() { throw new FS.ErrnoError(138 /* EOPNOTSUPP */); };',
  $isthmusNoServerSockets: '=true',

  // The wasm memory, for IB's views (export names are minified at -O2).
  $isthmusMemory: function() { return wasmMemory; },
  $isthmusMemory__postset: "Module['isthmusMemory'] = isthmusMemory;",

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

  isthmus_js_python_error__deps: ['$IH', '$IB'],
  isthmus_js_python_error: function(messageId, typeId, excPtr) {
    return IH.put(IB.pythonError(IH.take(messageId), IH.take(typeId), excPtr));
  },

  // ---- Core FFI -------------------------------------------------------------
  isthmus_js_classify__deps: ['$IH', '$IB'],
  isthmus_js_classify: function(id, out) { return IB.classifyInto(IH.get(id), id, out); },

  isthmus_js_string_write__deps: ['$IH', '$IB'],
  isthmus_js_string_write: function(id, out, unitSize) { IB.writeString(IH.get(id), out, unitSize); },

  isthmus_js_op_value_string__deps: ['$IH'],
  isthmus_js_op_value_string: function(id) { return IH.put(String(IH.get(id))); },

  isthmus_js_take_error__deps: ['$IH', '$IB'],
  isthmus_js_take_error: function() { return IH.put(IB.takeError()); },

  isthmus_js_error_text__deps: ['$IH', '$IB'],
  isthmus_js_error_text: function(id) { return IH.put(IB.errorText(IH.get(id))); },

  isthmus_js_pyproxy_new__deps: ['$IH', '$IB'],
  isthmus_js_pyproxy_new: function(ptr, callable) { return IH.put(IB.proxies.owned(ptr, callable !== 0)); },

  isthmus_js_getprop__deps: ['$IH', '$IB'],
  isthmus_js_getprop: function(obj, key, out) {
    try {
      return IB.getProp(IH.get(obj), IH.get(key), out);
    } catch (e) {
      return IB.fail(e);
    }
  },

  isthmus_js_setprop__deps: ['$IH', '$IB'],
  isthmus_js_setprop: function(obj, key, value) {
    try {
      IH.get(obj)[IH.get(key)] = IB.decode(value, null);
      return 0;
    } catch (e) {
      return IB.fail(e);
    }
  },

  isthmus_js_delprop__deps: ['$IH', '$IB'],
  isthmus_js_delprop: function(obj, key) {
    try {
      const o = IH.get(obj);
      const k = IH.get(key);
      if (!(k in Object(o))) throw IB.lookupFailure('attribute', k);
      delete o[k];
      return 0;
    } catch (e) {
      return IB.fail(e);
    }
  },

  isthmus_js_call__deps: ['$IH', '$IB'],
  isthmus_js_call: function(fn, self, args, nargs, out) {
    return IB.call(IH.get(fn), IH.get(self), args, nargs, out, false);
  },

  isthmus_js_construct__deps: ['$IH', '$IB'],
  isthmus_js_construct: function(fn, args, nargs, out) {
    return IB.call(IH.get(fn), undefined, args, nargs, out, true);
  },

  isthmus_js_op__deps: ['$IH', '$IB'],
  isthmus_js_op: function(code, obj, arg) { return IB.op(code, IH.get(obj), arg); },

  isthmus_js_op_value__deps: ['$IH', '$IB'],
  isthmus_js_op_value: function(code, obj, arg, out) { return IB.opValue(code, IH.get(obj), arg, out); },

  isthmus_js_setitem__deps: ['$IH', '$IB'],
  isthmus_js_setitem: function(obj, key, value) { return IB.setItem(IH.get(obj), key, value); },

  isthmus_js_copy_bytes__deps: ['$IH', '$IB'],
  isthmus_js_copy_bytes: function(obj, ptr, len, toWasm) { return IB.copyBytes(IH.get(obj), ptr, len, toWasm); },

  isthmus_js_fill__deps: ['$IH', '$IB'],
  isthmus_js_fill: function(obj, keys, values, n) { return IB.fill(IH.get(obj), keys, values, n); },

  isthmus_js_typed_array_copy__deps: ['$IB'],
  isthmus_js_typed_array_copy: function(type, ptr, len, out) { return IB.typedArrayCopy(type, ptr, len, out); },

  isthmus_js_entries_to_slots__deps: ['$IH', '$IB'],
  isthmus_js_entries_to_slots: function(obj, keys, values, n) { return IB.entriesToSlots(IH.get(obj), keys, values, n); },

  isthmus_js_iter_next__deps: ['$IH', '$IB'],
  isthmus_js_iter_next: function(it, out) { return IB.iterNext(IH.get(it), out); },
});
