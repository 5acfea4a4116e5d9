# dist/: the npm-style package. JS sources are copied at build time; the
# stdlib and the Python half become precompiled zips.
set(ISTHMUS_JS_FILES isthmus.mjs handles.mjs errors.mjs stdio.mjs pyodide_extras.mjs map_like.mjs native_fs.mjs json_view.mjs cli.mjs cli_args.mjs cli_mounts.mjs cli_tty.mjs isthmus.d.ts
    slot_codec.mjs slot_layout.mjs js_ops.mjs deep_convert.mjs pyproxy.mjs buffer.mjs fetch.mjs packages.mjs
    stdlib_tree.mjs bound_call.mjs literal_map.mjs realm.mjs)
set(dist_outputs)
foreach(f ${ISTHMUS_JS_FILES})
  add_custom_command(OUTPUT "${ISTHMUS_DIST}/${f}"
    COMMAND ${CMAKE_COMMAND} -E copy "${PROJECT_SOURCE_DIR}/js/${f}" "${ISTHMUS_DIST}/${f}"
    DEPENDS "${PROJECT_SOURCE_DIR}/js/${f}")
  list(APPEND dist_outputs "${ISTHMUS_DIST}/${f}")
endforeach()
# The numbers the C++ and JS halves share, generated from the C++ header.
add_custom_command(OUTPUT "${ISTHMUS_DIST}/wire.mjs"
  COMMAND ${ISTHMUS_BUILD_PYTHON} "${PROJECT_SOURCE_DIR}/tools/gen_wire.py"
          "${PROJECT_SOURCE_DIR}/bridge/wire/wire.h" "${ISTHMUS_DIST}/wire.mjs" "${PROJECT_VERSION}"
  DEPENDS "${PROJECT_SOURCE_DIR}/bridge/wire/wire.h" "${PROJECT_SOURCE_DIR}/tools/gen_wire.py")
list(APPEND dist_outputs "${ISTHMUS_DIST}/wire.mjs")
configure_file(js/package.json.in "${ISTHMUS_DIST}/package.json" @ONLY)
configure_file(LICENSE "${ISTHMUS_DIST}/LICENSE" COPYONLY)

# What of Lib/ is left out of python311.zip, and why (size against use):
#   test, distutils/tests, ctypes/test, unittest/test, sqlite3/test:
#     CPython's own tests (~30 MB); tools/regrtest.py runs them from build/regrtest.
#   idlelib, tkinter, turtledemo: need Tk, which no wasm build has (_tkinter).
#   curses: needs _curses (ncurses is not built for wasm).
#   ensurepip, venv: install pip / make environments with subprocesses and a
#     native executable; micropip and loadPackage install here.
#   lib2to3: deprecated, removed in 3.13; its grammar is pickled at first use.
#   site-packages: empty in the source tree (wheels go to /lib/python3.11/site-packages).
# pydoc_data is in (help() and pydoc's topics need it: ~0.2 MB in the zip).
# __phello__ is in (a few hundred bytes): the frozen package's submodules that
# are not frozen are found in the zip (sys._stdlib_dir, python/_isthmus/stdlib_dir.py).
# The .py sources go to python311-src.zip, loaded only when asked for
# (loadPyodide({ stdlibSources: true }), the isthmus command): tracebacks,
# inspect.getsource and linecache then show stdlib lines.
set(ISTHMUS_STDLIB_EXCLUDE test idlelib tkinter turtledemo ensurepip venv lib2to3
    distutils/tests ctypes/test unittest/test sqlite3/test site-packages curses)
add_custom_command(OUTPUT "${ISTHMUS_DIST}/python311.zip" "${ISTHMUS_DIST}/python311-src.zip"
  COMMAND ${ISTHMUS_BUILD_PYTHON} "${PROJECT_SOURCE_DIR}/tools/make_zip.py"
          "${ISTHMUS_DIST}/python311.zip" ".=${CPYTHON_SRC}/Lib"
          ".=${cpython_PREFIX}/lib/_sysconfigdata__emscripten_wasm32-emscripten.py"
          --zip-path /lib/python311.zip --exclude ${ISTHMUS_STDLIB_EXCLUDE}
          --sources-out "${ISTHMUS_DIST}/python311-src.zip"
  DEPENDS "${cpython_PREFIX}/.complete" "${PROJECT_SOURCE_DIR}/tools/make_zip.py"
  COMMENT "Packing the stdlib into dist/python311.zip (sources: python311-src.zip)")
# With the type stubs (python/**/*.pyi, py.typed), stored as they are.
file(GLOB_RECURSE isthmus_python_sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/python/*.py"
     "${PROJECT_SOURCE_DIR}/python/*.pyi" "${PROJECT_SOURCE_DIR}/python/*/py.typed")
add_custom_command(OUTPUT "${ISTHMUS_DIST}/isthmus.zip"
  COMMAND ${ISTHMUS_BUILD_PYTHON} "${PROJECT_SOURCE_DIR}/tools/make_zip.py"
          "${ISTHMUS_DIST}/isthmus.zip" ".=${PROJECT_SOURCE_DIR}/python" --zip-path /lib/isthmus.zip --stubs
  DEPENDS ${isthmus_python_sources} "${PROJECT_SOURCE_DIR}/tools/make_zip.py"
  COMMENT "Packing python/ into dist/isthmus.zip")
list(APPEND dist_outputs "${ISTHMUS_DIST}/python311.zip" "${ISTHMUS_DIST}/python311-src.zip" "${ISTHMUS_DIST}/isthmus.zip")
add_custom_target(dist ALL DEPENDS ${dist_outputs} isthmus_asm)
