# Stdlib C modules that CPython 3.11's configure marks n/a for Emscripten's
# browser target, built here from the cached CPython source as built-in
# modules (isthmus_add_static_extension) so that CPython itself, and its cache
# key, stay as they are. Each works on what Emscripten 3.1.6's libc gives:
#   fcntl    fcntl()/lockf() locks always granted, flock() a no-op, ioctl() on
#            the runtime's terminals (Pyodide ships fcntl too)
#   termios  tcgetattr()/tcsetattr() on the runtime's terminals, ENOTTY elsewhere
#   pwd, grp one user and one group, those of getuid() and getgid()
#            (bridge/user_database.c: the libc's stubs find nobody)
#   resource getrlimit() says "no limit" for each resource (there are none),
#            setrlimit() is accepted; no getrusage(): the libc's is a stub
#            reporting 1.000002 s of user time whatever ran (pyconfig.h
#            has no HAVE_GETRUSAGE, so resource.c leaves it out)
#   syslog   the API, with nowhere to log to: musl's syslog() finds no
#            /dev/log socket and drops the message, as on a machine
#            without a syslog daemon
#   _gdbm, _dbm  GNU dbm and its ndbm compatibility library (cmake/thirdparty/gdbm.cmake),
#            as Debian's python3.11 builds them: dbm.gnu, dbm.ndbm
#   _uuid    util-linux's libuuid (cmake/thirdparty/libuuid.cmake): uuid1()
#            through uuid_generate_time_safe, as on Linux
# Left out: _xxsubinterpreters. It builds, and its channel tests pass since
# pipes give end of file (js/fs_fixes.lib.js), but a subinterpreter that tries
# to start a thread (none here) keeps the new thread's state (CPython 3.11's
# _thread clears it on failure without deleting it), and destroying that
# interpreter then aborts the runtime ("Py_EndInterpreter: not the last thread").

function(isthmus_stdlib_extension name source)
  cmake_parse_arguments(arg "" "" "DEFINITIONS;LINK" ${ARGN})
  set(path "${CPYTHON_SRC}/Modules/${source}")
  # The CPython source appears only once thirdparty_cpython has run (a cold
  # build): CMake must not look for it at configure time.
  set_source_files_properties("${path}" PROPERTIES GENERATED TRUE)
  isthmus_add_static_extension(stdlib_${name} NAME ${name} SOURCES "${path}" LINK ${arg_LINK})
  # As CPython's Makefile compiles a built-in stdlib module.
  separate_arguments(opt UNIX_COMMAND "${ISTHMUS_CPYTHON_OPT}")
  target_compile_options(stdlib_${name} PRIVATE ${opt} -std=c11)
  target_compile_definitions(stdlib_${name} PRIVATE Py_BUILD_CORE_BUILTIN ${arg_DEFINITIONS})
  target_include_directories(stdlib_${name} PRIVATE "${CPYTHON_SRC}/Include/internal")
  add_dependencies(stdlib_${name} thirdparty_cpython)
endfunction()

isthmus_stdlib_extension(fcntl fcntlmodule.c)
isthmus_stdlib_extension(termios termios.c)
add_library(isthmus_user_database STATIC bridge/user_database.c)
set(user_db_calls getpwuid_r getpwnam_r getpwent setpwent endpwent getgrgid_r getgrnam_r getgrent setgrent endgrent)
list(TRANSFORM user_db_calls REPLACE "^(.+)$" "\\1=isthmus_\\1" OUTPUT_VARIABLE user_db_defs)
isthmus_stdlib_extension(pwd pwdmodule.c DEFINITIONS ${user_db_defs} LINK isthmus_user_database)
isthmus_stdlib_extension(grp grpmodule.c DEFINITIONS ${user_db_defs} LINK isthmus_user_database)
isthmus_stdlib_extension(resource resource.c)
isthmus_stdlib_extension(syslog syslogmodule.c)
isthmus_stdlib_extension(_gdbm _gdbmmodule.c LINK "${gdbm_PREFIX}/lib/libgdbm.a")
isthmus_stdlib_extension(_dbm _dbmmodule.c DEFINITIONS USE_GDBM_COMPAT HAVE_GDBM_DASH_NDBM_H=1
  LINK "${gdbm_PREFIX}/lib/libgdbm_compat.a" "${gdbm_PREFIX}/lib/libgdbm.a")
foreach(name _gdbm _dbm)
  target_include_directories(stdlib_${name} PRIVATE "${gdbm_PREFIX}/include")
  add_dependencies(stdlib_${name} thirdparty_gdbm)
endforeach()
isthmus_stdlib_extension(_uuid _uuidmodule.c DEFINITIONS HAVE_UUID_UUID_H HAVE_UUID_GENERATE_TIME_SAFE
  LINK "${libuuid_PREFIX}/lib/libuuid.a")
target_include_directories(stdlib__uuid PRIVATE "${libuuid_PREFIX}/include")
add_dependencies(stdlib__uuid thirdparty_libuuid)
