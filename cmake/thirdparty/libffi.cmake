# libffi for wasm32 (the foreign-function calls and closures behind _ctypes),
# from Debian trixie's 3.4.8: the first Debian libffi with a wasm32 port.
# Debian's orig tarball has no generated configure, so autoreconf first (as
# Debian's own build does). Only the static library and its headers are kept.
# Inputs: TARBALL PREFIX PATCH_DIR PIC
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
unpack(src)
file(GLOB patches "${PATCH_DIR}/*.patch")
list(SORT patches)
foreach(p ${patches})
  run("${src}" patch -p1 --forward --input "${p}")
endforeach()
run("${src}" autoreconf -fi)
# configure appends -fexceptions for gcc-like compilers; for C it only adds
# unwind tables (no invoke_* imports), so it does not clash with the
# -fwasm-exceptions C++ of the main module.
run("${src}" emconfigure ./configure --prefix=${STAGE} --host=wasm32-unknown-emscripten
  --enable-static --disable-shared --disable-dependency-tracking --disable-builddir
  --disable-multi-os-directory --disable-raw-api --disable-docs
  "CFLAGS=-O2 ${PIC_FLAG}")
run("${src}" emmake make -j${JOBS})
run("${src}" emmake make install)
file(REMOVE_RECURSE "${STAGE}/share" "${STAGE}/lib/libffi.la")
finish()
