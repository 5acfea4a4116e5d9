# liblzma for wasm through xz's own configure (only the library is built).
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
unpack(src)
run("${src}" emconfigure ./configure --prefix=${STAGE} --host=wasm32-unknown-emscripten
  --disable-shared --enable-static --disable-threads --disable-nls --disable-xz
  --disable-xzdec --disable-lzmadec --disable-lzmainfo --disable-lzma-links
  --disable-scripts --disable-doc "CFLAGS=-O2 ${PIC_FLAG}")
run("${src}/src/liblzma" emmake make -j${JOBS})
run("${src}/src/liblzma" emmake make install)
finish()
