// ESLint (flat config), run by tools/lint.sh: `npx eslint`.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: [
      'build/', 'dist/', 'node_modules/',
    ],
  },
  js.configs.recommended,
  {
    // The runtime and everything around it run under node and in browsers.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    // `_name`: a parameter that is there for the function's arity.
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
  {
    // Emscripten JS libraries (--js-library): scripts evaluated by Emscripten's
    // compiler, whose functions see the runtime's names (and each other's
    // without their `$`); their parameters follow C signatures.
    files: ['js/*.lib.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries([
        'mergeInto', 'LibraryManager', 'Module', 'FS', 'SYSCALLS', 'GOT', 'LDSO', 'asmLibraryArg', 'err',
        'UTF8ToString', 'addFunction', 'isInternalSym', 'resolveGlobalSymbol', 'loadWebAssemblyModule',
        'isthmusDylib', 'isthmusDupStream', 'wasmMemory', 'HEAP8', 'HEAP16', 'HEAP32', 'HEAPU8', 'HEAPU16',
        'stringToUTF8',
        'NODEFS', 'fs', 'isthmusFsFixes', 'PATH', 'PATH_FS', 'MEMFS', 'isthmusSetTimes', 'isthmusPutTime',
        'isthmusFormatTime', 'isthmusFsTracking', 'PIPEFS',
        // js/abi.lib.js's own `$` names: the runtime's JS modules (see its header).
        'IH', 'IB', 'IE', 'IOps', 'IDeep', 'IUtf8',
      ].map((name) => [name, 'readonly'])),
    },
    rules: { 'no-unused-vars': ['error', { args: 'none' }] },
  },
  {
    // Prepended to Emscripten's glue, which uses what it defines.
    files: ['js/glue-prelude.js'],
    rules: { 'no-unused-vars': ['error', { varsIgnorePattern: '^(require|__dirname)$' }] },
  },
];
