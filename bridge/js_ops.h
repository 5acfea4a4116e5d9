// Operation codes for isthmus_js_op / isthmus_js_op_value (js/ffi.mjs OP).
#pragma once
#include <cstdint>

namespace isthmus {
enum class JsOp : int32_t {
  kHas = 0,
  kLength = 1,  // -2: no length
  kTruthy = 2,
  kStrictEquals = 3,
  kContains = 4,
  kGetItem = 5,
  kDelItem = 7,
  kIter = 8,
  kToString = 9,
  kTypeof = 10,
  kKeys = 11,
  kValues = 12,
  kEntries = 13,
  kDir = 14,
  kJsId = 18,
  kNewObject = 19,
  kContainerKind = 20,  // 1 array-like, 2 map, 3 set, 4 plain object, 0 other
  kErrorKind = 21,      // 0 other, 1 KeyError, 2 IndexError, 3 PythonError (*out = PyObject*),
                        // 4 AttributeError, 5 TypeError, 6 ValueError, 7 OverflowError
                        // (*out = the key / name / message)
  kNewArray = 22,
  kArrayPush = 23,
  kMapEntries = 24,
  kByteLength = 25,    // -2: not binary data
  kBufferFormat = 26,  // format char | itemsize << 8
  kNewSet = 27,
  kNewMap = 28,
  kEntryCount = 29,
  kSetPendingError = 30,  // make obj the error raise_js_error() raises
};
enum ContainerKind : int32_t { kOther = 0, kArrayLike = 1, kMap = 2, kSet = 3, kPlainObject = 4, kBinary = 5 };
}  // namespace isthmus
