# Helpers shared by the third-party build scripts (run with `cmake -P`).
# Each script builds into ${PREFIX}.tmp and renames it to ${PREFIX} only on
# success, so an interrupted build never leaves a half-filled cache entry.
cmake_minimum_required(VERSION 3.20)
foreach(var TARBALL PREFIX)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "${var} must be given with -D")
  endif()
endforeach()
if(NOT DEFINED JOBS)
  set(JOBS 2)
endif()
# PIC=ON: position-independent code, so the objects can go into a main module
# that loads side modules (C extensions) at run time.
if(PIC)
  set(PIC_FLAG -fPIC)
else()
  set(PIC_FLAG "")
endif()
set(ENV{NODE_PATH} /usr/share/nodejs)
set(STAGE "${PREFIX}.tmp")
set(WORK "${PREFIX}.work")
file(REMOVE_RECURSE "${STAGE}" "${WORK}")
file(MAKE_DIRECTORY "${STAGE}/lib" "${STAGE}/include" "${WORK}")

# run(<dir> <command...>): run a command, stop the script when it fails.
function(run dir)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${dir}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " cmd)
    message(FATAL_ERROR "failed (${rc}) in ${dir}: ${cmd}")
  endif()
endfunction()

# unpack(<out-var>): extract TARBALL into WORK, return its single top directory.
function(unpack out)
  file(ARCHIVE_EXTRACT INPUT "${TARBALL}" DESTINATION "${WORK}")
  file(GLOB top LIST_DIRECTORIES true "${WORK}/*")
  set(${out} "${top}" PARENT_SCOPE)
endfunction()

# compile_archive(<srcdir> <archive> <cflags> <files...>): emcc each file, emar them.
function(compile_archive srcdir archive cflags)
  set(objs)
  foreach(f ${ARGN})
    get_filename_component(base "${f}" NAME_WE)
    run("${srcdir}" emcc ${cflags} -c "${f}" -o "${base}.o")
    list(APPEND objs "${base}.o")
  endforeach()
  run("${srcdir}" emar rcs "${archive}" ${objs})
endfunction()

macro(finish)
  file(WRITE "${STAGE}/.complete" "")
  file(REMOVE_RECURSE "${PREFIX}")
  file(RENAME "${STAGE}" "${PREFIX}")
  file(REMOVE_RECURSE "${WORK}")
endmacro()
