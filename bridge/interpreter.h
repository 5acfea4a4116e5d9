// Start-up of the embedded CPython interpreter.
#pragma once

namespace isthmus {

struct InterpreterPaths {
  // Entries of sys.path, in order. The stdlib zip and our Python half.
  const wchar_t* const* search_path;
  int search_path_len;
};

/// The default layout of the virtual filesystem (see js/isthmus.mjs).
InterpreterPaths default_paths();

/// Register the static extensions, initialise CPython and import the bridge's
/// Python half. Returns false with a Python error set, or with no error set
/// when CPython itself failed to start (message written to stderr).
/// With `cli_argv` (the `isthmus` command's argv, program name first), CPython
/// is configured as `python` would be: its own parsing of the flags sets
/// sys.flags, sys.argv, -X/-W options and the hash seed, and PYTHON* variables
/// are read from the environment unless -E/-I. Without it, isolated.
bool start_interpreter(const InterpreterPaths& paths, const char* const* cli_argv = nullptr, int cli_argc = 0);

bool interpreter_started();

}  // namespace isthmus
