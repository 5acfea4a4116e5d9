// Emscripten 3.1.6's FS where it differs from POSIX (linked with --js-library):
// each fix replaces the FS function that is wrong, from the postset below,
// which runs after FS.staticInit() and before the runtime starts. NODERAWFS
// (the GoogleTest binary) has FS functions of its own and is left alone.

mergeInto(LibraryManager.library, {
  // Two syscalls that every program with files imports pull the fixes in.
  __syscall_open__deps: ['$SYSCALLS', '$isthmusFsFixes'],
  __syscall_stat64__deps: ['$SYSCALLS', '$isthmusFsFixes'],

  $isthmusFsFixes__deps: ['$FS', '$SYSCALLS', '$PATH', '$PATH_FS'],
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

    // Symlink loops: FS.lookupPath follows a link by looking its target up
    // again with `recurse_count: opts.recurse_count`, never incremented, so a
    // link whose target runs through a link back to it (a -> b/x, b -> a/x)
    // recursed until "Maximum call stack size exceeded", and only a loop in
    // the last component stopped at its 40 consecutive links. Here every link
    // followed during one lookup, at any depth, counts against Linux's 40
    // (MAXSYMLINKS), then ELOOP.
    var ELOOP = 32;
    FS.lookupPath = function(path, opts) {
      opts = opts || {};
      path = PATH_FS.resolve(FS.cwd(), path);
      if (!path) return { path: '', node: null };
      var followMount = opts.follow_mount === undefined ? true : opts.follow_mount;
      var links = opts.isthmusLinks || { left: 40 };
      var parts = PATH.normalizeArray(path.split('/').filter(function(p) { return !!p; }), false);
      var current = FS.root;
      var currentPath = '/';
      for (var i = 0; i < parts.length; i++) {
        var last = i === parts.length - 1;
        if (last && opts.parent) break;
        current = FS.lookupNode(current, parts[i]);
        currentPath = PATH.join2(currentPath, parts[i]);
        if (FS.isMountpoint(current) && (!last || followMount)) current = current.mounted.root;
        if (!last || opts.follow) {
          while (FS.isLink(current.mode)) {
            if (--links.left < 0) throw new FS.ErrnoError(ELOOP);
            currentPath = PATH_FS.resolve(PATH.dirname(currentPath), FS.readlink(currentPath));
            current = FS.lookupPath(currentPath, { isthmusLinks: links }).node;
          }
        }
      }
      return { path: currentPath, node: current };
    };
    // FS.open ignored every error of its own lookup and went on to create the
    // file or to fail with ENOENT: opening a symlink loop said ENOENT (EEXIST
    // with O_CREAT), and "f/x" under a regular file ENOENT. Only a missing
    // file goes on now.
    var openFollowingLookup = FS.open;
    FS.open = function(path, flags, mode, fdStart, fdEnd) {
      if (typeof path == 'string' && path !== '') {
        var bits = typeof flags == 'string' ? FS.modeStringToFlags(flags) : flags;
        try {
          FS.lookupPath(PATH.normalize(path), { follow: !(bits & 131072 /* O_NOFOLLOW */) });
        } catch (e) {
          if (!(e instanceof FS.ErrnoError) || e.errno !== ENOENT) throw e;
        }
      }
      return openFollowingLookup(path, flags, mode, fdStart, fdEnd);
    };

    // A path through a regular file ("f/x"): searching a node that is not a
    // directory failed its execute-permission check (EACCES), and creating in
    // it its write one; POSIX says ENOTDIR.
    var ENOTDIR = 54;
    var mayLookup = FS.mayLookup;
    FS.mayLookup = function(dir) {
      return FS.isDir(dir.mode) ? mayLookup(dir) : ENOTDIR;
    };
    var mayCreate = FS.mayCreate;
    FS.mayCreate = function(dir, name) {
      return FS.isDir(dir.mode) ? mayCreate(dir, name) : ENOTDIR;
    };
  },
});
