# zlib for wasm: its sources compile as they are, no configure needed.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
unpack(src)
compile_archive("${src}" "${STAGE}/lib/libz.a" "-O2;${PIC_FLAG};-DHAVE_UNISTD_H;-DHAVE_STDARG_H"
  adler32.c compress.c crc32.c deflate.c gzclose.c gzlib.c gzread.c gzwrite.c
  infback.c inffast.c inflate.c inftrees.c trees.c uncompr.c zutil.c)
file(COPY "${src}/zlib.h" "${src}/zconf.h" DESTINATION "${STAGE}/include")
finish()
