// Emscripten 3.1.6's FS where it differs from POSIX (linked with --js-library):
// each fix replaces the FS function that is wrong, from the postset below,
// which runs after FS.staticInit() and before the runtime starts. NODERAWFS
// (the GoogleTest binary) has FS functions of its own and is left alone.

mergeInto(LibraryManager.library, {
  // Two syscalls that every program with files imports pull the fixes in.
  __syscall_open__deps: ['$SYSCALLS', '$isthmusFsFixes'],
  __syscall_stat64__deps: ['$SYSCALLS', '$isthmusFsFixes'],

  $isthmusFsFixes__deps: ['$FS', '$SYSCALLS'],
  $isthmusFsFixes__postset: 'isthmusFsFixes();',
  $isthmusFsFixes: function() {
    if (typeof NODERAWFS != 'undefined') return;
    var ENOENT = 44, EINVAL = 28;

    // readlink() answered the target resolved to an absolute path ("b" came
    // back as "/dir/b"): the link's own text is what POSIX returns.
    SYSCALLS.doReadlink = function(path, buf, bufsize) {
      if (bufsize <= 0) return -EINVAL;
      var node = FS.lookupPath(path).node;
      if (!node) throw new FS.ErrnoError(ENOENT);
      if (!node.node_ops.readlink || (node.mode !== undefined && !FS.isLink(node.mode))) {
        throw new FS.ErrnoError(EINVAL);
      }
      // Not NUL-terminated, cut at bufsize bytes.
      var bytes = new TextEncoder().encode(node.node_ops.readlink(node));
      var len = Math.min(bytes.length, bufsize);
      HEAPU8.set(bytes.subarray(0, len), buf);
      return len;
    };
    // NODEFS's readlink made the host's target relative to the mount's root,
    // which FS.readlink then resolved against the link's directory: a relative
    // link below the root led elsewhere. The host's text, as MEMFS keeps it.
    if (typeof NODEFS != 'undefined') {
      NODEFS.node_ops.readlink = function(node) {
        try {
          return fs.readlinkSync(NODEFS.realPath(node));
        } catch (e) {
          if (!e.code) throw e;
          throw new FS.ErrnoError(NODEFS.convertNodeCode(e));
        }
      };
    }
  },
});
