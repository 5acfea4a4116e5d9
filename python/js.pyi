"""`import js`: JavaScript's global object as a Python module.

Every attribute is the property of the same name of `globalThis` (or of
loadPyodide's `jsglobals`), looked up when read; `from js import document`
and `import js.foo.bar` (nested objects as submodules) work too. The names
below are the ECMAScript globals and the few host functions that both
browsers and Node.js have; any other name is looked up the same way.
"""
from typing import Any

from _isthmus._core import JsCallable, JsProxy

def __getattr__(name: str) -> Any: ...

globalThis: JsProxy
console: JsProxy
JSON: JsProxy
Math: JsProxy
Reflect: JsProxy
Atomics: JsProxy
Intl: JsProxy
WebAssembly: JsProxy

Object: JsCallable
Function: JsCallable
Array: JsCallable
String: JsCallable
Number: JsCallable
Boolean: JsCallable
BigInt: JsCallable
Symbol: JsCallable
Date: JsCallable
RegExp: JsCallable
Error: JsCallable
TypeError: JsCallable
RangeError: JsCallable
Map: JsCallable
Set: JsCallable
WeakMap: JsCallable
WeakSet: JsCallable
WeakRef: JsCallable
Promise: JsCallable
Proxy: JsCallable
ArrayBuffer: JsCallable
DataView: JsCallable
Int8Array: JsCallable
Uint8Array: JsCallable
Uint8ClampedArray: JsCallable
Int16Array: JsCallable
Uint16Array: JsCallable
Int32Array: JsCallable
Uint32Array: JsCallable
Float32Array: JsCallable
Float64Array: JsCallable
BigInt64Array: JsCallable
BigUint64Array: JsCallable
TextEncoder: JsCallable
TextDecoder: JsCallable
URL: JsCallable
AbortController: JsCallable

parseInt: JsCallable
parseFloat: JsCallable
isNaN: JsCallable
isFinite: JsCallable
encodeURIComponent: JsCallable
decodeURIComponent: JsCallable
setTimeout: JsCallable
clearTimeout: JsCallable
setInterval: JsCallable
clearInterval: JsCallable
queueMicrotask: JsCallable
structuredClone: JsCallable
fetch: JsCallable
