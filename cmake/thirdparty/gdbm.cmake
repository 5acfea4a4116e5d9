# GNU dbm for wasm, with its ndbm compatibility library, through its own
# configure (only the libraries): CPython's _gdbm and _dbm link them.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
unpack(src)
# gdbm 1.23's config.sub predates the emscripten OS name; automake's knows it.
file(COPY_FILE /usr/share/automake-1.16/config.sub "${src}/build-aux/config.sub")
run("${src}" emconfigure ./configure --prefix=${STAGE} --host=wasm32-unknown-emscripten
  --disable-shared --enable-static --enable-libgdbm-compat --without-readline --disable-nls
  "CFLAGS=-O2 ${PIC_FLAG}")
run("${src}" emmake make -j${JOBS})
run("${src}" emmake make install)
# The name _dbmmodule.c includes for gdbm's ndbm (as Debian installs it).
file(COPY_FILE "${STAGE}/include/ndbm.h" "${STAGE}/include/gdbm-ndbm.h")
finish()
