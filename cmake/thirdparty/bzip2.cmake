# libbz2 for wasm: seven C files.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
unpack(src)
compile_archive("${src}" "${STAGE}/lib/libbz2.a" "-O2;${PIC_FLAG};-D_FILE_OFFSET_BITS=64"
  blocksort.c huffman.c crctable.c randtable.c compress.c decompress.c bzlib.c)
file(COPY "${src}/bzlib.h" DESTINATION "${STAGE}/include")
finish()
