# SQLite for wasm: the amalgamation is generated natively (needs tclsh), then
# compiled with emcc. No threads and no extension loading in wasm.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
unpack(src)
run("${src}" ./configure --disable-tcl)
run("${src}" make sqlite3.c)
compile_archive("${src}" "${STAGE}/lib/libsqlite3.a"
  "-O2;${PIC_FLAG};-DSQLITE_OMIT_LOAD_EXTENSION;-DSQLITE_THREADSAFE=0;-DSQLITE_ENABLE_MATH_FUNCTIONS" sqlite3.c)
file(COPY "${src}/sqlite3.h" "${src}/sqlite3ext.h" DESTINATION "${STAGE}/include")
finish()
