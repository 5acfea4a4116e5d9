// The one door from C++ into JS (declared in bridge/abi.h). Every function
// takes and returns primitives: ids of the handle table, pointers, lengths,
// f64 and i64 (BigInt, WASM_BIGINT). Linked with `--js-library`.
// IH is this instance's HandleTable (js/handles.mjs), handed in by the loader.

mergeInto(LibraryManager.library, {
  $IH: "=Module['isthmusHandles']",
  $IPythonError: "=Module['isthmusPythonError']",
  $IUtf8: "=new TextDecoder('utf-8')",
  $IUtf16: "=new TextDecoder('utf-16le')",

  // Emscripten's node socket emulation needs the npm 'ws' package for
  // listen() and crashes the runtime without it; wasm cannot serve anyway.
  // (asyncio's default loop listens for its self-pipe: issue 5 replaces it.)
  $isthmusNoServerSockets__deps: ['$SOCKFS', '$FS'],
  $isthmusNoServerSockets__postset:
    'SOCKFS.websocket_sock_ops.listen = function() { throw new FS.ErrnoError(138 /* EOPNOTSUPP */); };',
  $isthmusNoServerSockets: '=true',

  isthmus_js_release__deps: ['$IH', '$isthmusNoServerSockets'],
  isthmus_js_release: function(id) { IH.release(id); },

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
    let s = '';
    for (let i = 0; i < len; i += 8192) {
      s += String.fromCharCode.apply(null, HEAPU8.subarray(ptr + i, ptr + Math.min(len, i + 8192)));
    }
    return IH.put(s);
  },
  isthmus_js_from_utf16__deps: ['$IH', '$IUtf16'],
  isthmus_js_from_utf16: function(ptr, len) {
    return IH.put(IUtf16.decode(HEAPU8.subarray(ptr, ptr + 2 * len)));
  },
  isthmus_js_from_utf8__deps: ['$IH', '$IUtf8'],
  isthmus_js_from_utf8: function(ptr, len) {
    return IH.put(IUtf8.decode(HEAPU8.subarray(ptr, ptr + len)));
  },

  // JS string -> UTF-8 bytes, in two steps so C++ owns the buffer.
  isthmus_js_string_utf8_length__deps: ['$IH'],
  isthmus_js_string_utf8_length: function(id) {
    const s = IH.get(id);
    return typeof s === 'string' ? lengthBytesUTF8(s) : -1;
  },
  isthmus_js_string_write_utf8__deps: ['$IH'],
  isthmus_js_string_write_utf8: function(id, ptr, capacity) {
    return stringToUTF8(IH.get(id), ptr, capacity);
  },

  isthmus_js_python_error__deps: ['$IH', '$IPythonError'],
  isthmus_js_python_error: function(messageId, typeId) {
    return IH.put(new IPythonError(IH.take(messageId), IH.take(typeId)));
  },
});
