// The numbers both sides of the wire agree on, defined once. Each list is an
// X-macro: C++ expands it into enums here; tools/gen_wire.py reads the same
// lists and writes dist/wire.mjs for the JS half (every `X(NAME, value)` line
// becomes `GROUP.NAME`). tests/js/wire.test.mjs checks, in the built runtime,
// that the C++ values (isthmus_wire_json) and dist/wire.mjs are the same.
// Comments inside the lists must be /* */ (the lines are continued).
#pragma once
#include <cstdint>

// Kinds of isthmus_js_slot values (js_slot.h).
#define ISTHMUS_WIRE_KIND(X)                                                          \
  X(UNDEFINED, 0)                                                                     \
  X(NULL, 1)                                                                          \
  X(TRUE, 2)                                                                          \
  X(FALSE, 3)                                                                         \
  X(NUMBER, 4)       /* num */                                                        \
  X(BIGINT, 5)       /* id */                                                         \
  X(STRING, 6)       /* id (or the units' address, AUX.STRING_INLINE); num: length */ \
  X(FUNCTION, 7)     /* id */                                                         \
  X(OBJECT, 8)       /* id */                                                         \
  X(PYPROXY, 9)      /* id = PyObject*; aux: AUX.PYPROXY_* */                         \
  X(SYMBOL, 10)      /* id */                                                         \
  X(ERROR, 11)       /* id, an Error instance */                                      \
  X(ARRAY, 12)       /* id: an Array or TypedArray (its JsProxy is a Sequence) */     \
  X(MAP, 13)         /* id: a Map-like, js/map_like.mjs (its JsProxy is a Mapping) */ \
  X(MUTABLE_MAP, 14) /* id: a Map-like with set and delete (a MutableMapping) */      \
  X(THENABLE, 15)    /* id: a call's result with then(): a Future in Python (Pyodide's) */

// Byte offsets in isthmus_js_slot (static_asserts in js_slot.h).
#define ISTHMUS_WIRE_SLOT(X) \
  X(KIND, 0)                 \
  X(ID, 4)                   \
  X(NUM, 8)                  \
  X(AUX, 16)                 \
  X(ASCII, 20)               \
  X(SIZE, 24)

// Bits of a slot's `aux`.
#define ISTHMUS_WIRE_AUX(X)                                                           \
  X(HANDLE_OWNED, 1)       /* C++ -> JS, handle kinds: the reader frees the id */     \
  X(PYPROXY_OWNED, 1)      /* C++ -> JS: JS owns one reference (else borrowed) */     \
  X(PYPROXY_CALLABLE, 2)   /* C++ -> JS: the object is callable */                    \
  X(PYPROXY_SEQUENCE, 4)   /* C++ -> JS: a Sequence (with the Array methods) */       \
  X(PYPROXY_MUTABLE, 8)    /* C++ -> JS: with PYPROXY_SEQUENCE, a MutableSequence */  \
  X(PYPROXY_ROUNDTRIP, 32) /* C++ -> JS: create_proxy's: back in Python, a JsProxy */ \
  X(STRING_UNIT_MASK, 7)   /* bytes per code unit: 1, 2 or 4 */                       \
  X(STRING_UTF8, 8)        /* JS -> C++: long text, C++ asks for its UTF-8 */         \
  X(STRING_INLINE, 16)     /* the code units are in wasm memory at `id`, no handle */ \
  X(STRING_INLINE_MAX, 64) /* UTF-16 units of the longest inline (short) string */

// Handle ids of the immortal values (js_ref.h, js/handles.mjs).
#define ISTHMUS_WIRE_HANDLE(X) \
  X(UNDEFINED, 0)              \
  X(NULL, 1)                   \
  X(TRUE, 2)                   \
  X(FALSE, 3)                  \
  X(GLOBAL_THIS, 4)            \
  X(FIRST_DYNAMIC, 5)          \
  X(SLOT_BITS, 20) /* debug table: bits of the slot, a generation above them */

// What entry points return besides a kind or a count.
#define ISTHMUS_WIRE_RESULT(X)                                             \
  X(THREW, -1)          /* an error is parked: take it */                  \
  X(ABSENT, -2)         /* no such property / no length / iterator done */ \
  X(UNBOUND_METHOD, -3) /* isthmus_py_getattr: a method of the type, not bound */

// Operations of isthmus_js_op / isthmus_js_op_value on one JS value.
#define ISTHMUS_WIRE_OP(X)                                                   \
  X(HAS, 0)                                                                  \
  X(LENGTH, 1) /* RESULT.ABSENT: no length */                                \
  X(TRUTHY, 2)                                                               \
  X(STRICT_EQUALS, 3)                                                        \
  X(CONTAINS, 4)                                                             \
  X(GETITEM, 5)                                                              \
  X(DELITEM, 7)                                                              \
  X(ITER, 8)                                                                 \
  X(TO_STRING, 9)                                                            \
  X(TYPEOF, 10)                                                              \
  X(KEYS, 11)                                                                \
  X(VALUES, 12)                                                              \
  X(ENTRIES, 13)                                                             \
  X(DIR, 14)                                                                 \
  X(JS_ID, 18)                                                               \
  X(NEW_OBJECT, 19)                                                          \
  X(CONTAINER_KIND, 20) /* a CONTAINER */                                    \
  X(ERROR_KIND, 21)     /* an ERROR_KIND; *out: key, name, message or exc */ \
  X(NEW_ARRAY, 22)                                                           \
  X(MAP_ENTRIES, 24)                                                         \
  X(BYTE_LENGTH, 25)   /* RESULT.ABSENT: not binary data */                  \
  X(BUFFER_FORMAT, 26) /* format char | itemsize << 8 */                     \
  X(NEW_SET, 27)                                                             \
  X(NEW_MAP, 28)                                                             \
  X(ENTRY_COUNT, 29)                                                         \
  X(SET_PENDING_ERROR, 30) /* park the argument as the error to raise */     \
  X(HAS_DISPOSE, 31)       /* a Symbol.dispose method? (arg true: async) */  \
  X(DISPOSE, 32)           /* o[Symbol.dispose]() (arg true: async) */

// OP.CONTAINER_KIND answers.
#define ISTHMUS_WIRE_CONTAINER(X) \
  X(OTHER, 0)                     \
  X(ARRAY_LIKE, 1)                \
  X(MAP, 2)                       \
  X(SET, 3)                       \
  X(PLAIN_OBJECT, 4)              \
  X(BINARY, 5)

// OP.ERROR_KIND answers: the Python exception a parked JS error becomes.
#define ISTHMUS_WIRE_ERROR_KIND(X)                                    \
  X(JS_EXCEPTION, 0)    /* any other value: JsException */            \
  X(KEY_ERROR, 1)       /* *out = the key */                          \
  X(INDEX_ERROR, 2)     /* *out = the index */                        \
  X(PYTHON_ERROR, 3)    /* a PythonError: *out num = its PyObject* */ \
  X(ATTRIBUTE_ERROR, 4) /* *out = the name */                         \
  X(TYPE_ERROR, 5)      /* *out = the message */                      \
  X(VALUE_ERROR, 6)                                                   \
  X(OVERFLOW_ERROR, 7)                                                \
  X(STOP_ITERATION, 8) /* *out = what the iterator returned */

// Element types of isthmus_js_typed_array_copy.
#define ISTHMUS_WIRE_TYPED_ARRAY(X) \
  X(INT8, 0)                        \
  X(UINT8, 1)                       \
  X(INT16, 2)                       \
  X(UINT16, 3)                      \
  X(INT32, 4)                       \
  X(UINT32, 5)                      \
  X(BIGINT64, 6)                    \
  X(BIGUINT64, 7)                   \
  X(FLOAT32, 8)                     \
  X(FLOAT64, 9)                     \
  X(BOOL_ARRAY, 10) /* '?': an Array of booleans, as Pyodide gives */

// What isthmus_py_describe tells about a Python object.
#define ISTHMUS_WIRE_DESCRIBE(X)                                         \
  X(REPR, 0)                                                             \
  X(STR, 1)                                                              \
  X(TYPE_NAME, 2)                                                        \
  X(CALLABLE, 3)                                                         \
  X(GENERATOR, 4)                                                        \
  X(ITERABLE, 5)                                                         \
  X(AWAITABLE, 6)                                                        \
  X(DICT, 7)      /* a dict (exactly): its str keys are JS properties */ \
  X(API_FLAGS, 8) /* the API_FLAG bits: which PyProxy methods it has */

// Which of the PyProxy methods an object has (`"get" in proxy`), from its
// type's slots, as Pyodide decides them.
#define ISTHMUS_WIRE_API_FLAG(X)                                        \
  X(GET, 1)        /* __getitem__: get(), asJsJson() */                 \
  X(SET, 2)        /* __setitem__ / __delitem__: set(), delete() */     \
  X(HAS, 4)        /* __contains__: has() */                            \
  X(LENGTH, 8)     /* __len__: length */                                \
  X(NEXT, 16)      /* an iterator (sync or async): next() */            \
  X(GENERATOR, 32) /* a generator (sync or async): throw(), return() */ \
  X(BUFFER, 64)    /* the buffer protocol: getBuffer() */

// Byte offsets in isthmus_buffer_info (proxies/py_buffer.cpp).
#define ISTHMUS_WIRE_BUFFER_INFO(X) \
  X(HELD, 0)                        \
  X(BUF, 4)                         \
  X(LEN, 8)                         \
  X(ITEMSIZE, 12)                   \
  X(READONLY, 16)                   \
  X(NDIM, 20)                       \
  X(FORMAT, 24)                     \
  X(SHAPE, 28)                      \
  X(STRIDES, 32)                    \
  X(C_CONTIGUOUS, 36)               \
  X(F_CONTIGUOUS, 40)               \
  X(INDIRECT, 44)                   \
  X(SIZE, 48)

// Every list, for code that walks them all (isthmus_wire_json, the generator).
// clang-format off
#define ISTHMUS_WIRE_GROUPS(G)                                                               \
  G(KIND) G(SLOT) G(AUX) G(HANDLE) G(RESULT) G(OP) G(CONTAINER) G(ERROR_KIND) G(TYPED_ARRAY) \
  G(DESCRIBE) G(API_FLAG) G(BUFFER_INFO)
// clang-format on

namespace isthmus::wire {
// C++ names: wire::Op::HAS, wire::ErrorKind::KEY_ERROR, ... (NULL and TRUE are
// spelled out only in KIND/HANDLE, which C++ uses through js_slot.h/js_ref.h.)
#define ISTHMUS_WIRE_ITEM(name, value) name = value,
enum class Op : int32_t { ISTHMUS_WIRE_OP(ISTHMUS_WIRE_ITEM) };
enum class Container : int32_t { ISTHMUS_WIRE_CONTAINER(ISTHMUS_WIRE_ITEM) };
enum class ErrorKind : int32_t { ISTHMUS_WIRE_ERROR_KIND(ISTHMUS_WIRE_ITEM) };
enum class TypedArray : int32_t { ISTHMUS_WIRE_TYPED_ARRAY(ISTHMUS_WIRE_ITEM) };
enum class Describe : int32_t { ISTHMUS_WIRE_DESCRIBE(ISTHMUS_WIRE_ITEM) };
namespace api_flag {
enum : int32_t { ISTHMUS_WIRE_API_FLAG(ISTHMUS_WIRE_ITEM) };
}
enum Result : int32_t { ISTHMUS_WIRE_RESULT(ISTHMUS_WIRE_ITEM) };
namespace slot {
enum : int32_t { ISTHMUS_WIRE_SLOT(ISTHMUS_WIRE_ITEM) };
}
namespace aux {
enum : int32_t { ISTHMUS_WIRE_AUX(ISTHMUS_WIRE_ITEM) };
}
namespace buffer_info {
enum : int32_t { ISTHMUS_WIRE_BUFFER_INFO(ISTHMUS_WIRE_ITEM) };
}
#undef ISTHMUS_WIRE_ITEM
}  // namespace isthmus::wire
