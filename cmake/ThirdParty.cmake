# The expensive wasm builds (C libraries, CPython) live outside the clone in
# ${ISTHMUS_CACHE}/<name>-<key>, where <key> hashes every input: the source
# tarball, the build script, the compiler version and the flags. A warm machine
# reuses them; a changed input gets a new directory. Outputs depend on no file
# of the clone (a fresh clone's mtimes are new), only on their key.
if(DEFINED ENV{ISTHMUS_CACHE})
  set(ISTHMUS_CACHE "$ENV{ISTHMUS_CACHE}")
elseif(DEFINED ENV{XDG_CACHE_HOME})
  set(ISTHMUS_CACHE "$ENV{XDG_CACHE_HOME}/isthmus")
else()
  set(ISTHMUS_CACHE "$ENV{HOME}/.cache/isthmus")
endif()
set(ISTHMUS_SOURCES "${ISTHMUS_CACHE}/src" CACHE PATH "apt-get source downloads")
find_program(ISTHMUS_BUILD_PYTHON python3.11 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)

execute_process(COMMAND emcc --version OUTPUT_VARIABLE emcc_version)
string(REGEX MATCH "[^\n]*" emcc_version "${emcc_version}")
file(SHA256 "${CMAKE_CURRENT_LIST_DIR}/thirdparty/common.cmake" common_hash)

# isthmus_thirdparty(<name> TARBALL <glob> [PATCHES <dir>] [DEPENDS <names>] [DEFS <-Dx=y>...])
# Defines ${name}_PREFIX and a target thirdparty_<name>. The *.patch files in
# PATCHES (applied by the script, in name order) are part of the key.
function(isthmus_thirdparty name)
  cmake_parse_arguments(arg "" "TARBALL;PATCHES" "DEPENDS;DEFS" ${ARGN})
  file(GLOB tarball "${ISTHMUS_SOURCES}/${arg_TARBALL}")
  list(LENGTH tarball n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "expected one ${arg_TARBALL} in ${ISTHMUS_SOURCES} (run tools/install-deps.sh)")
  endif()
  set(script "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/thirdparty/${name}.cmake")
  file(SHA256 "${script}" script_hash)
  get_filename_component(tarname "${tarball}" NAME)
  set(dep_stamps)
  set(dep_keys)
  foreach(d ${arg_DEPENDS})
    list(APPEND dep_stamps "${${d}_PREFIX}/.complete")
    list(APPEND dep_keys "${${d}_PREFIX}")
  endforeach()
  set(patch_hashes)
  if(arg_PATCHES)
    file(GLOB patches "${arg_PATCHES}/*.patch")
    list(SORT patches)
    foreach(p ${patches})
      file(SHA256 "${p}" h)
      list(APPEND patch_hashes "${h}")
    endforeach()
  endif()
  # The patches' contents are in the key, their folder is not: every clone
  # (whatever its path) shares the cache.
  string(SHA256 key "${tarname};${script_hash};${common_hash};${emcc_version};${arg_DEFS};${dep_keys};${patch_hashes}")
  if(arg_PATCHES)
    list(APPEND arg_DEFS "-DPATCH_DIR=${arg_PATCHES}")
  endif()
  string(SUBSTRING "${key}" 0 12 key)
  set(prefix "${ISTHMUS_CACHE}/${name}-${key}")
  set(log "${CMAKE_BINARY_DIR}/logs/thirdparty-${name}.log")
  add_custom_command(OUTPUT "${prefix}/.complete"
    COMMAND ${CMAKE_COMMAND} "-DTARBALL=${tarball}" "-DPREFIX=${prefix}" -DJOBS=2 ${arg_DEFS}
            -P "${script}"
    DEPENDS ${dep_stamps}
    COMMENT "Building ${name} for wasm into ${prefix} (cached; log: ${log})"
    USES_TERMINAL VERBATIM)
  add_custom_target(thirdparty_${name} DEPENDS "${prefix}/.complete")
  # Third-party output (configure, thousands of compiler warnings) goes to the
  # log, not the terminal: tools/run_logged.py prints a line a minute and, on
  # failure, the log's tail. A launcher, not a change of the COMMAND above:
  # neither the key nor CMake's rule hash (a changed rule deletes its output,
  # the shared cache entry) depends on it.
  set_property(TARGET thirdparty_${name} PROPERTY RULE_LAUNCH_CUSTOM
    "\"${ISTHMUS_BUILD_PYTHON}\" \"${PROJECT_SOURCE_DIR}/tools/run_logged.py\" \"${log}\" ${name} --")
  # File-level DEPENDS alone would duplicate the dependencies' rules here.
  foreach(d ${arg_DEPENDS})
    add_dependencies(thirdparty_${name} thirdparty_${d})
  endforeach()
  set(${name}_PREFIX "${prefix}" PARENT_SCOPE)
endfunction()

# Dynamic linking: the interpreter is an Emscripten main module and C
# extensions load at run time as side modules (dlopen). Everything linked into
# a main module must be position-independent, so it changes every build below.
option(ISTHMUS_DYNAMIC_LINKING "Main module that loads C extensions (side modules) at run time" ON)
set(pic_def "-DPIC=${ISTHMUS_DYNAMIC_LINKING}")
isthmus_thirdparty(zlib TARBALL "zlib_*.orig.tar.*" DEFS ${pic_def})
isthmus_thirdparty(bzip2 TARBALL "bzip2_*.orig.tar.*" DEFS ${pic_def})
isthmus_thirdparty(xz TARBALL "xz-utils_*.orig.tar.*" DEFS ${pic_def})
isthmus_thirdparty(sqlite TARBALL "sqlite3_*.orig.tar.xz" DEFS ${pic_def})
isthmus_thirdparty(libffi TARBALL "libffi_3.4.8.orig.tar.*"
  PATCHES "${PROJECT_SOURCE_DIR}/patches/libffi" DEFS ${pic_def})
# CPython's own objects get the call trampoline (see README "C extensions").
set(ISTHMUS_CPYTHON_OPT "-DNDEBUG -fwrapv -O2" CACHE STRING "CPython OPT flags")
set(ISTHMUS_CPYTHON_NODIST "-DPY_CALL_TRAMPOLINE" CACHE STRING "CPython CFLAGS_NODIST")
option(ISTHMUS_CPYTHON_PYMALLOC "CPython's small-object allocator (pymalloc): 3.11 leaves it out on Emscripten; measured faster here" ON)
isthmus_thirdparty(cpython TARBALL "python3.11_3.11.2.orig.tar.*"
  PATCHES "${PROJECT_SOURCE_DIR}/patches/cpython"
  DEPENDS zlib bzip2 xz sqlite libffi
  DEFS "-DBUILD_PYTHON=${ISTHMUS_BUILD_PYTHON}" "-DOPT=${ISTHMUS_CPYTHON_OPT}"
       "-DNODIST=${ISTHMUS_CPYTHON_NODIST}" "-DPYMALLOC=${ISTHMUS_CPYTHON_PYMALLOC}" ${pic_def}
       "-DZLIB=${zlib_PREFIX}" "-DBZIP2=${bzip2_PREFIX}" "-DXZ=${xz_PREFIX}" "-DSQLITE=${sqlite_PREFIX}"
       "-DFFI=${libffi_PREFIX}")
add_custom_target(thirdparty DEPENDS thirdparty_cpython)
# Not CPython's: the stdlib's _gdbm, _dbm and _uuid are built beside it
# (cmake/StdlibExtensions.cmake), so CPython's cache key stays as it is.
isthmus_thirdparty(gdbm TARBALL "gdbm_*.orig.tar.*" DEFS ${pic_def})
isthmus_thirdparty(libuuid TARBALL "util-linux_*.orig.tar.*" DEFS ${pic_def})

set(CPYTHON_SRC "${cpython_PREFIX}/Python-3.11.2")
# One imported library carrying everything the interpreter links against.
add_library(cpython INTERFACE)
add_dependencies(cpython thirdparty)
target_include_directories(cpython INTERFACE "${CPYTHON_SRC}/Include" "${CPYTHON_SRC}")
target_link_libraries(cpython INTERFACE
  "${cpython_PREFIX}/lib/libpython3.11.a" "${cpython_PREFIX}/lib/libmpdec.a"
  "${cpython_PREFIX}/lib/libexpat.a" "${zlib_PREFIX}/lib/libz.a" "${bzip2_PREFIX}/lib/libbz2.a"
  "${xz_PREFIX}/lib/liblzma.a" "${sqlite_PREFIX}/lib/libsqlite3.a" "${libffi_PREFIX}/lib/libffi.a")
