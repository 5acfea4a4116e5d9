// FS.trackingDelegate, as the newer Emscripten in Pyodide has it: hooks a
// program sets (FS.trackingDelegate.onWriteToFile = (path, n) => ...) that
// the FS calls after opening, reading, writing, seeking, closing, making,
// moving and deleting files. 3.1.6 has them only in FS_DEBUG builds; here
// they wrap the FS functions (js/fs_fixes.lib.js calls this last), and an
// unset hook costs one property lookup.

mergeInto(LibraryManager.library, {
  $isthmusFsTracking__deps: ['$FS'],
  $isthmusFsTracking: function() {
    var delegate = FS.trackingDelegate = {};
    /** FS[name] calls `before` and `after` (with its arguments and result) around itself. */
    function wrap(name, before, after) {
      var original = FS[name];
      FS[name] = function() {
        if (before) before.apply(null, arguments);
        var result = original.apply(FS, arguments);
        if (after) after(arguments, result);
        return result;
      };
    }
    var call = function(hook) {
      var f = delegate[hook];
      if (typeof f === 'function') f.apply(null, Array.prototype.slice.call(arguments, 1));
    };
    wrap('open', null, function(a, stream) {
      if (typeof a[0] === 'string') call('onOpenFile', stream.path, a[1]);
    });
    wrap('close', null, function(a) { call('onCloseFile', a[0].path); });
    wrap('llseek', null, function(a, position) { call('onSeekFile', a[0].path, position, a[2]); });
    wrap('read', null, function(a, n) { call('onReadFile', a[0].path, n); });
    wrap('write', null, function(a, n) { call('onWriteToFile', a[0].path, n); });
    // (the mode as FS.mkdir makes it: permission bits and S_IFDIR)
    wrap('mkdir', null, function(a) { call('onMakeDirectory', a[0], ((a[1] === undefined ? 511 : a[1]) & 4095) | 16384); });
    wrap('symlink', null, function(a) { call('onMakeSymlink', a[0], a[1]); });
    wrap('rename', function(from, to) { call('willMovePath', from, to); },
      function(a) { call('onMovePath', a[0], a[1]); });
    wrap('unlink', function(path) { call('willDeletePath', path); }, function(a) { call('onDeletePath', a[0]); });
    wrap('rmdir', function(path) { call('willDeletePath', path); }, function(a) { call('onDeletePath', a[0]); });
  },
});
