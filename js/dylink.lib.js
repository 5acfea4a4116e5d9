// Side modules (C extensions built with -sSIDE_MODULE) loaded ahead of the
// import that dlopen()s them. Linked with `--js-library` into main-module
// builds only (ISTHMUS_DYNAMIC_LINKING). Loading here is asynchronous, as a
// browser requires for any wasm larger than 4 KB on the main thread; when
// CPython's dlopen() later asks for the same path, Emscripten finds the
// instance in Module.preloadedWasm and links it without compiling again.

mergeInto(LibraryManager.library, {
  $isthmusDylib__deps: ['$loadWebAssemblyModule', '$resolveGlobalSymbol', '$GOT', '$LDSO'],
  $isthmusDylib__postset: "Module['isthmusDylib'] = isthmusDylib;",
  $isthmusDylib: {
    /** True once `path` is loaded or preloaded (a second load is a no-op). */
    has: function(path) {
      return Module['preloadedWasm'][path] !== undefined || LDSO.loadedLibsByName[path] !== undefined;
    },
    /**
     * The imports of a compiled side module that nothing here provides.
     * Emscripten would only find them when first called (a JS TypeError
     * unwinding through C): checked up front, the load fails cleanly.
     */
    missingSymbols: function(module) {
      var own = new Set(WebAssembly.Module.exports(module).map(function(e) { return e.name; }));
      var missing = [];
      WebAssembly.Module.imports(module).forEach(function(imp) {
        var name = imp.name;
        if (imp.module === 'env') {
          if (imp.kind !== 'function' || name in asmLibraryArg || own.has(name) || name.startsWith('invoke_')) return;
        } else if (imp.module === 'GOT.mem' || imp.module === 'GOT.func') {
          if (own.has(name) || (GOT[name] && GOT[name].value)) return;
        } else {
          return;
        }
        if (!resolveGlobalSymbol(name, true)) missing.push(name);
      });
      return missing;
    },
    /**
     * Compile and instantiate the side module `bytes` that will live at
     * `path`; resolves when a dlopen(path) can link it synchronously.
     * @param {string} path  absolute path in the wasm filesystem
     * @param {Uint8Array} bytes
     */
    load: function(path, bytes) {
      if (isthmusDylib.has(path)) return Promise.resolve();
      return WebAssembly.compile(bytes).then(function(module) {
        var missing = isthmusDylib.missingSymbols(module);
        if (missing.length) {
          throw new Error(path + ' needs ' + missing.slice(0, 5).join(', ') +
            (missing.length > 5 ? ' and ' + (missing.length - 5) + ' more' : '') +
            ', which this build of Isthmus does not provide: rebuild the package against it');
        }
        return loadWebAssemblyModule(module, { loadAsync: true, nodelete: true });
      }).then(function(exports) {
        Module['preloadedWasm'][path] = exports;
      });
    },
  },

  // MAIN_MODULE=1 keeps every JS library function for side modules, among
  // them three that eval() a string: replaced, so the glue stays free of eval
  // (pages with a Content-Security-Policy without 'unsafe-eval' load it).
  emscripten_run_script: function(ptr) {
    err('isthmus: emscripten_run_script(' + UTF8ToString(ptr) + ') is not available: Isthmus runs no JS eval');
  },
  emscripten_run_script_int: function(ptr) {
    err('isthmus: emscripten_run_script_int(' + UTF8ToString(ptr) + ') is not available: Isthmus runs no JS eval');
    return 0;
  },
  emscripten_run_script_string: function(ptr) {
    err('isthmus: emscripten_run_script_string(' + UTF8ToString(ptr) + ') is not available: Isthmus runs no JS eval');
    return 0;
  },

  // Emscripten 3.1.6 makes a GOT entry for every export of every module it
  // links, and puts every exported function in the table: for a main module
  // exporting all of libc and CPython (~9,200 symbols) that was ~40 ms of each
  // start-up. Here only entries that exist are filled, i.e. those some module
  // imports (GOTHandler makes them when it instantiates); those still 0
  // afterwards are resolved by reportUndefinedSymbols, as before.
  $updateGOT__deps: ['$GOT', '$isInternalSym'],
  $updateGOT: function(exports, replace) {
    for (var symName in exports) {
      var entry = GOT[symName];
      if (!entry || isInternalSym(symName) || !(replace || entry.value == 0)) continue;
      var value = exports[symName];
      if (typeof value == 'function') {
        entry.value = addFunction(value);
      } else if (typeof value == 'number') {
        entry.value = value;
      } else if (typeof value == 'bigint') {
        entry.value = Number(value);
      } else {
        err('unhandled export type for `' + symName + '`: ' + (typeof value));
      }
    }
  },
});

// Both symbols above extend or replace parts of Emscripten's dynamic linker, so
// they depend on its internal symbols on purpose. Emscripten 3.1.6 warns about
// that at every link ("user library symbol ... depends on internal symbol"),
// with no option to turn it off; its only use of the `__user` mark is that
// warning, so dropping the mark keeps the link output free of warnings.
delete LibraryManager.library.$isthmusDylib__user;
delete LibraryManager.library.$updateGOT__user;
