# libuuid (util-linux) for wasm, the library alone: CPython's _uuid links it.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
unpack(src)
run("${src}" emconfigure ./configure --host=wasm32-unknown-emscripten
  --disable-shared --enable-static --disable-all-programs --enable-libuuid --disable-nls
  --disable-bash-completion --without-python --without-systemd --without-udev --without-ncurses --without-tinfo
  "CFLAGS=-O2 ${PIC_FLAG}")
run("${src}" emmake make -j${JOBS} libuuid.la)
file(COPY_FILE "${src}/.libs/libuuid.a" "${STAGE}/lib/libuuid.a")
file(MAKE_DIRECTORY "${STAGE}/include/uuid")
file(COPY_FILE "${src}/libuuid/src/uuid.h" "${STAGE}/include/uuid/uuid.h")
finish()
