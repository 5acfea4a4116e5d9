#include "interpreter.h"

#include <Python.h>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <cwchar>
#include <string>

#include "static_extensions.h"

namespace isthmus {
namespace {
bool started = false;

constexpr const wchar_t* kStdlibZip = L"/lib/python311.zip";
constexpr const wchar_t* kDefaultPath[] = {
    L"/lib/isthmus.zip",  // python/ : _isthmus, pyodide
    kStdlibZip,           // the stdlib, precompiled
    L"/lib/python3.11/site-packages",
};

// With its sources asked for, the loader lays the stdlib out as files
// (js/stdlib_tree.mjs), where CPython's getpath looks for it (its landmark,
// os.py, makes sys._stdlib_dir this directory); the directory then replaces
// the zip, so that a module's __file__ is a file.
const wchar_t* stdlib_entry(const wchar_t* entry) {
  if (std::wcscmp(entry, kStdlibZip) == 0 && access("/lib/python3.11/os.py", F_OK) == 0) return L"/lib/python3.11";
  return entry;
}

bool check(PyStatus status) {
  if (PyStatus_Exception(status)) {
    std::fprintf(stderr, "isthmus: Python failed to start: %s: %s\n", status.func ? status.func : "",
                 status.err_msg ? status.err_msg : "");
    return false;
  }
  return true;
}
// PYTHONPATH ahead of the standard library, absolute, as python's getpath
// puts it (unless -E or -I). In the configuration rather than added to
// sys.path later, so that subinterpreters, which copy it, find it too.
bool prepend_pythonpath(PyConfig& config) {
  if (!check(PyConfig_Read(&config))) return false;
  if (!config.use_environment || !config.pythonpath_env) return true;
  std::wstring cwd;
  if (char buf[4096]; getcwd(buf, sizeof buf)) cwd.assign(buf, buf + std::strlen(buf));
  std::wstring env = config.pythonpath_env;
  Py_ssize_t at = 0;
  for (size_t start = 0; start <= env.size();) {
    size_t end = env.find(L':', start);
    if (end == std::wstring::npos) end = env.size();
    std::wstring entry = env.substr(start, end - start);
    start = end + 1;
    if (entry.empty()) continue;
    if (entry[0] != L'/') entry = cwd + (cwd.size() > 1 ? L"/" : L"") + entry;
    if (!check(PyWideStringList_Insert(&config.module_search_paths, at++, entry.c_str()))) return false;
  }
  return true;
}
}  // namespace

InterpreterPaths default_paths() {
  return {kDefaultPath, static_cast<int>(sizeof(kDefaultPath) / sizeof(kDefaultPath[0]))};
}

bool interpreter_started() { return started; }

bool start_interpreter(const InterpreterPaths& paths, const char* const* cli_argv, int cli_argc) {
  if (started) return true;
  for (int i = 0; i < isthmus_static_extension_count; ++i) {
    const auto& ext = isthmus_static_extensions[i];
    if (PyImport_AppendInittab(ext.name, ext.init) != 0) {
      std::fprintf(stderr, "isthmus: cannot register extension %s\n", ext.name);
      return false;
    }
  }

  PyPreConfig pre;
  if (cli_argv) {
    // -E, -I, -X dev, PYTHONDEVMODE, PYTHONMALLOC are read here.
    PyPreConfig_InitPythonConfig(&pre);
    pre.configure_locale = 0;  // the wasm libc has only the C locale
    pre.coerce_c_locale = 0;
  } else {
    PyPreConfig_InitIsolatedConfig(&pre);
  }
  pre.utf8_mode = 1;
  if (!check(cli_argv ? Py_PreInitializeFromBytesArgs(&pre, cli_argc, const_cast<char**>(cli_argv))
                      : Py_PreInitialize(&pre))) {
    return false;
  }

  PyConfig config;
  bool ok = true;
  if (cli_argv) {
    // python's defaults (site, bytecode files, SIGINT -> KeyboardInterrupt),
    // then the command line as CPython parses it; js/cli_args.mjs has already
    // refused what CPython would exit on.
    PyConfig_InitPythonConfig(&config);
    ok = check(PyConfig_SetBytesArgv(&config, cli_argc, const_cast<char* const*>(cli_argv))) &&
         // Not a python found on the host's PATH through a mount: the command
         // (runpy's "isthmus: No module named x" uses it).
         check(PyConfig_SetBytesString(&config, &config.executable, cli_argv[0]));
  } else {
    PyConfig_InitIsolatedConfig(&config);
    config.write_bytecode = 0;
    config.install_signal_handlers = 0;
    config.site_import = 0;
  }
  // Output reaches JS callbacks as soon as Python writes it.
  config.buffered_stdio = 0;
  config.pathconfig_warnings = 0;
  ok = ok && check(PyConfig_SetString(&config, &config.home, L"/")) &&
       check(PyConfig_SetString(&config, &config.program_name, L"python"));
  config.module_search_paths_set = 1;
  for (int i = 0; ok && i < paths.search_path_len; ++i) {
    ok = check(PyWideStringList_Append(&config.module_search_paths, stdlib_entry(paths.search_path[i])));
  }
  if (cli_argv) ok = ok && prepend_pythonpath(config);
  ok = ok && check(Py_InitializeFromConfig(&config));
  PyConfig_Clear(&config);
  if (!ok) return false;
  started = true;

  // The Python half: installs the finder for dotted built-in modules.
  PyObject* boot = PyImport_ImportModule("_isthmus");
  if (!boot) return false;
  Py_DECREF(boot);
  return true;
}

}  // namespace isthmus
