# CPython's test-only C modules (_testcapi, _testinternalcapi, _testbuffer, ...)
# as wasm side modules, for CPython's own test suite inside Isthmus
# (tools/regrtest.py puts ${ISTHMUS_TESTMODS_DIR} on the wasm runs' PYTHONPATH).
# They are compiled from the cached CPython source against its headers and
# pyconfig.h, and never go into dist/: they exist to poke at the interpreter's
# internals, not for users. Included from tests/CMakeLists.txt.
#
#   isthmus_test_module(<import name> SOURCES <files under Modules/...>)
#
# Include/internal is on the path as CPython's Makefile puts it for every
# module: _testinternalcapi and _testmultiphase define Py_BUILD_CORE_MODULE
# themselves and use the internal C API. A side module imports
# every C symbol it uses from the main module, which exports all of
# libpython3.11.a (MAIN_MODULE=1), internal functions included: each of these
# links as is, and js/dylink.lib.js would name any symbol missing at import.
#
# Left out: _testclinic (test_clinic needs subprocesses, which wasm does not
# have). _ctypes_test serves test_ctypes, whose ctypes.test package the
# regrtest_lib copy provides (tests/CMakeLists.txt).

set(ISTHMUS_TESTMODS_DIR "${CMAKE_BINARY_DIR}/regrtest/testmods")
set(testmods_targets "")

function(isthmus_test_module name)
  cmake_parse_arguments(arg "" "" "SOURCES" ${ARGN})
  list(TRANSFORM arg_SOURCES PREPEND "${CPYTHON_SRC}/Modules/")
  # The CPython source appears only when thirdparty_cpython has run (a cold
  # build): CMake must not look for these files at configure time.
  set_source_files_properties(${arg_SOURCES} PROPERTIES GENERATED TRUE)
  set(target testmod_${name})
  add_executable(${target} ${arg_SOURCES})
  set_target_properties(${target} PROPERTIES OUTPUT_NAME ${name} SUFFIX .cpython-311-wasm32-emscripten.so
    RUNTIME_OUTPUT_DIRECTORY "${ISTHMUS_TESTMODS_DIR}")
  target_include_directories(${target} PRIVATE "${CPYTHON_SRC}/Include" "${CPYTHON_SRC}"
    "${CPYTHON_SRC}/Include/internal")
  # CPython's own flags for its modules (PY_STDMODULE_CFLAGS): its OPT, C11.
  separate_arguments(opt UNIX_COMMAND "${ISTHMUS_CPYTHON_OPT}")
  target_compile_options(${target} PRIVATE ${opt} -std=c11)
  target_link_options(${target} PRIVATE -sSIDE_MODULE=1 -sWASM_BIGINT=1)
  add_dependencies(${target} thirdparty_cpython)
  set(testmods_targets ${testmods_targets} ${target} PARENT_SCOPE)
endfunction()

isthmus_test_module(_testcapi SOURCES _testcapimodule.c)
isthmus_test_module(_testinternalcapi SOURCES _testinternalcapi.c)
isthmus_test_module(_testbuffer SOURCES _testbuffer.c)
isthmus_test_module(_testmultiphase SOURCES _testmultiphase.c)
isthmus_test_module(_testimportmultiple SOURCES _testimportmultiple.c)
isthmus_test_module(xxlimited SOURCES xxlimited.c)
isthmus_test_module(xxlimited_35 SOURCES xxlimited_35.c)
isthmus_test_module(_xxtestfuzz SOURCES _xxtestfuzz/_xxtestfuzz.c _xxtestfuzz/fuzzer.c)
isthmus_test_module(_ctypes_test SOURCES _ctypes/_ctypes_test.c)

add_custom_target(regrtest_testmods ALL DEPENDS ${testmods_targets})
