# CPython 3.11 for wasm32-emscripten, configured with its own
# Tools/wasm/config.site plus seeds for Debian emscripten 3.1.6, built in tree.
# Inputs: TARBALL PREFIX BUILD_PYTHON ZLIB BZIP2 XZ SQLITE FFI (dependency prefixes)
#         PATCH_DIR (patches/cpython: our changes, applied in name order)
#         OPT (optimisation flags) NODIST (extra flags for CPython's own objects)
#         PYMALLOC (ON: CPython's small-object allocator; 3.11 leaves it out
#         on Emscripten, and every object then costs a dlmalloc call)
#         PIC (ON: -fPIC objects and dlopen(), for a main module that loads
#         C extensions as side modules)
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
file(ARCHIVE_EXTRACT INPUT "${TARBALL}" DESTINATION "${STAGE}")
set(src "${STAGE}/Python-3.11.2")
file(GLOB patches "${PATCH_DIR}/*.patch")
list(SORT patches)
foreach(p ${patches})
  run("${src}" patch -p1 --forward --input "${p}")
endforeach()

# _ctypes: 3.11 builds it only through setup.py as a shared library (its
# Setup.stdlib line is commented out); Setup.local makes it a built-in module
# of libpython3.11.a. The HAVE_FFI_* defines are what setup.py derives from
# ffi.h (libffi 3.4 has all three), without "=1": makesetup takes any line
# with a "=" for a variable definition. libffi.a itself is linked by the
# interpreter (cmake/ThirdParty.cmake), libpython3.11.a holds no libraries.
# Only with dynamic linking: ctypes calls dlopen(NULL) at import, and without
# a main module Emscripten's dlopen aborts the whole program; without _ctypes
# `import ctypes` is an ImportError instead.
if(PIC)
  file(WRITE "${src}/Modules/Setup.local" "_ctypes _ctypes/_ctypes.c _ctypes/callbacks.c \\
_ctypes/callproc.c _ctypes/stgdict.c _ctypes/cfield.c -I${FFI}/include \\
-DHAVE_FFI_PREP_CIF_VAR -DHAVE_FFI_PREP_CLOSURE_LOC -DHAVE_FFI_CLOSURE_ALLOC
")
endif()

# Autoconf's AC_CHECK_LIB links a dummy `char f();` prototype; 3.1.6's
# wasm-emscripten-finalize rejects it ("attempted pop from empty stack"), so
# every library probe fails. The libraries are ours and known good: seed them.
set(site "${STAGE}/config.site")
file(WRITE "${site}" ". ${src}/Tools/wasm/config.site-wasm32-emscripten\n")
foreach(fn bind_double column_decltype column_double complete enable_shared_cache
           progress_handler result_double serialize set_authorizer trace trace_v2 value_double)
  file(APPEND "${site}" "ac_cv_lib_sqlite3_sqlite3_${fn}=yes\n")
endforeach()
# Emscripten 3.1.6's clock_nanosleep ignores TIMER_ABSTIME, so time.sleep()
# would sleep for the whole monotonic clock value: use relative nanosleep.
file(APPEND "${site}" "ac_cv_func_clock_nanosleep=no
ac_cv_lib_rt_clock_nanosleep=no
ac_cv_lib_sqlite3_sqlite3_load_extension=no
ac_cv_lib_bz2_BZ2_bzCompress=yes
ac_cv_lib_lzma_lzma_easy_encoder=yes
ac_cv_lib_z_gzread=yes
ac_cv_lib_z_inflateCopy=yes
")
set(ENV{CONFIG_SITE} "${site}")

if(PYMALLOC)
  set(pymalloc_flag --with-pymalloc)
else()
  set(pymalloc_flag --without-pymalloc)
endif()
set(dynload_flag)
if(PIC)
  set(dynload_flag --enable-wasm-dynamic-linking)
endif()
execute_process(COMMAND "${src}/config.guess" OUTPUT_VARIABLE build_triple OUTPUT_STRIP_TRAILING_WHITESPACE)
run("${src}" emconfigure ./configure
  --host=wasm32-unknown-emscripten --build=${build_triple}
  --with-emscripten-target=browser --with-build-python=${BUILD_PYTHON}
  --without-ensurepip --disable-test-modules --disable-ipv6 ${pymalloc_flag} ${dynload_flag}
  "OPT=${OPT}"
  "ZLIB_CFLAGS=-I${ZLIB}/include" "ZLIB_LIBS=-L${ZLIB}/lib -lz"
  "BZIP2_CFLAGS=-I${BZIP2}/include" "BZIP2_LIBS=-L${BZIP2}/lib -lbz2"
  "LIBLZMA_CFLAGS=-I${XZ}/include" "LIBLZMA_LIBS=-L${XZ}/lib -llzma"
  "LIBSQLITE3_CFLAGS=-I${SQLITE}/include" "LIBSQLITE3_LIBS=-L${SQLITE}/lib -lsqlite3")
# Only the static library (it holds the stdlib C modules too), the archives it
# needs, and the target's sysconfig data; python.js itself is never linked.
run("${src}" emmake make -j${JOBS} "CFLAGS_NODIST=${NODIST}"
  libpython3.11.a Modules/_decimal/libmpdec/libmpdec.a Modules/expat/libexpat.a pybuilddir.txt)
file(STRINGS "${src}/pybuilddir.txt" builddir)
file(GLOB sysconfigdata "${src}/${builddir}/_sysconfigdata_*.py")
file(COPY ${sysconfigdata} DESTINATION "${STAGE}/lib")
foreach(a libpython3.11.a Modules/_decimal/libmpdec/libmpdec.a Modules/expat/libexpat.a)
  file(COPY "${src}/${a}" DESTINATION "${STAGE}/lib")
endforeach()
# Which stdlib modules came out built-in: the smoke tests check the list.
file(COPY "${src}/Modules/config.c" DESTINATION "${STAGE}")
finish()
