// dup(), dup2()/dup3(), fcntl(F_DUPFD) and fstat() as POSIX has them, for Emscripten
// 3.1.6's FS (linked with --js-library, replacing its syscalls). Emscripten reopens
// the old descriptor's path, which fails for devices and unlinked files
// (pytest's fd-level capture: `os.dup2(tmpfile.fileno(), 1)` raised
// PermissionError) and gives the copy a position of its own. Here the copy is
// a second stream on the same open file: it shares the position, and the
// file is closed (stream_ops.close) when its last descriptor is.

mergeInto(LibraryManager.library, {
  $isthmusDupStream__deps: ['$FS', '$SYSCALLS', '__syscall_fcntl64'],
  // fcntl(F_DUPFD), which musl's F_DUPFD_CLOEXEC (CPython's os.dup) ends in,
  // reopened the path too: wrapped before the wasm imports are gathered.
  $isthmusDupStream__postset: `
    (function() {
      var fcntl = ___syscall_fcntl64;
      ___syscall_fcntl64 = function(fd, cmd, varargs) {
        if (cmd !== 0 /* F_DUPFD */) return fcntl(fd, cmd, varargs);
        try {
          SYSCALLS.varargs = varargs;
          var lowest = SYSCALLS.get();
          if (lowest < 0) return -28;  // EINVAL
          return isthmusDupStream(SYSCALLS.getStreamFromFD(fd), lowest, undefined).fd;
        } catch (e) {
          if (typeof FS == 'undefined' || !(e instanceof FS.ErrnoError)) throw e;
          return -e.errno;
        }
      };
      var close = FS.close;
      FS.close = function(stream) {
        var shared = stream.isthmusShared;
        if (shared && shared.refs > 1 && !FS.isClosed(stream)) {
          shared.refs--;
          FS.closeStream(stream.fd);
          stream.fd = null;
          return;
        }
        return close(stream);
      };
    })();`,
  /** A new descriptor (the lowest free one in [fdStart, fdEnd]) on old's open file. */
  $isthmusDupStream: function(old, fdStart, fdEnd) {
    var root = old.isthmusRoot || old;
    var shared = root.isthmusShared || (root.isthmusShared = { refs: 1 });
    var copy = FS.createStream(old, fdStart, fdEnd);
    copy.isthmusRoot = root;
    copy.isthmusShared = shared;
    Object.defineProperty(copy, 'position', {
      get: function() { return root.position; },
      set: function(value) { root.position = value; },
      enumerable: true, configurable: true,
    });
    shared.refs++;
    return copy;
  },

  __syscall_dup__deps: ['$FS', '$SYSCALLS', '$isthmusDupStream'],
  __syscall_dup: function(fd) {
    try {
      return isthmusDupStream(SYSCALLS.getStreamFromFD(fd), 0, undefined).fd;
    } catch (e) {
      if (typeof FS == 'undefined' || !(e instanceof FS.ErrnoError)) throw e;
      return -e.errno;
    }
  },

  __syscall_dup3__deps: ['$FS', '$SYSCALLS', '$isthmusDupStream'],
  __syscall_dup3: function(fd, suggestFD, flags) {
    try {
      var old = SYSCALLS.getStreamFromFD(fd);
      if (old.fd === suggestFD) return -28;  // EINVAL, as dup3
      var existing = FS.getStream(suggestFD);
      if (existing) FS.close(existing);
      return isthmusDupStream(old, suggestFD, suggestFD).fd;
    } catch (e) {
      if (typeof FS == 'undefined' || !(e instanceof FS.ErrnoError)) throw e;
      return -e.errno;
    }
  },

  // fstat() looked the descriptor's path up again too: ENOENT for an open
  // unlinked file (a TemporaryFile, which pytest's capfd stats). Stat the
  // open file's node instead.
  __syscall_fstat64__deps: ['$FS', '$SYSCALLS'],
  __syscall_fstat64: function(fd, buf) {
    try {
      var stream = SYSCALLS.getStreamFromFD(fd);
      var node = stream.node;
      // NODERAWFS (the GoogleTest binary) has host streams without nodes: by path, as before.
      if (!node || !node.node_ops) return SYSCALLS.doStat(FS.stat, stream.path, buf);
      return SYSCALLS.doStat(function() {
        if (!node.node_ops.getattr) throw new FS.ErrnoError(63);  // EPERM, as FS.stat
        return node.node_ops.getattr(node);
      }, stream.path, buf);
    } catch (e) {
      if (typeof FS == 'undefined' || !(e instanceof FS.ErrnoError)) throw e;
      return -e.errno;
    }
  },
});
