// PyProxy.getBuffer(): a zero-copy view of a Python buffer (PEP 3118) as a
// TypedArray over wasm memory. The view holds the Python buffer (and so a
// reference to its exporter) until release(); a FinalizationRegistry
// releases forgotten views.
//
// Memory growth: when wasm memory grows, TypedArrays made earlier are
// detached (length 0). `data` is a getter that re-creates the TypedArray
// whenever the memory's ArrayBuffer changed, so read `view.data` again after
// anything that may allocate (any Python call) instead of keeping the array.
import { BUFFER_INFO, RESULT } from './wire.mjs';
import { SLOT_SIZE } from './slot_layout.mjs';

/** isthmus_buffer_info's fields as int32 indexes. */
const INFO = Object.freeze(Object.fromEntries(Object.entries(BUFFER_INFO).map(([k, v]) => [k, v >> 2])));

/** Element types a view can be forced to, as getBuffer(type) names them. */
const TYPES = {
  i8: Int8Array, u8: Uint8Array, u8clamped: Uint8ClampedArray, i16: Int16Array, u16: Uint16Array,
  i32: Int32Array, u32: Uint32Array, i64: BigInt64Array, u64: BigUint64Array,
  f32: Float32Array, f64: Float64Array, dataview: DataView,
};

/** struct format -> the type getBuffer() picks by default. JS has no
 * float16 or complex arrays: float16 ('e') comes as its bits (u16), complex
 * ('Zf', 'Zd', NumPy's formats) as interleaved real and imaginary parts;
 * `format` and `itemsize` say so. */
const FORMATS = {
  b: 'i8', B: 'u8', c: 'u8', s: 'u8', '?': 'u8', h: 'i16', H: 'u16', i: 'i32', l: 'i32', n: 'i32',
  I: 'u32', L: 'u32', N: 'u32', P: 'u32', q: 'i64', Q: 'u64', f: 'f32', d: 'f64',
  e: 'u16', Zf: 'f32', Zd: 'f64',
};

/** Parse a struct format: { char, bigEndian }, or { error } saying why not
 * (a message, not an Error: a cached Error's stack would keep the PyProxy
 * of its first caller alive). */
function parseFormat(format) {
  let f = format;
  let bigEndian = false;
  if (f.length > 1 && '@=<>!'.includes(f[0])) {
    bigEndian = f[0] === '>' || f[0] === '!';
    f = f.slice(1);
  }
  if (!Object.hasOwn(FORMATS, f)) {
    const hint = f === 'g' || f === 'Zg' ? ': long double has no JS counterpart' : '';
    return { error: `getBuffer: unsupported buffer format '${format}'${hint} (supported: ${Object.keys(FORMATS).join(' ')}; getBuffer('u8') or getBuffer('dataview') gives the raw bytes)` };
  }
  return { char: f, bigEndian };
}

/** parseFormat, remembered: exporters use a handful of formats. */
const parsedFormats = new Map();
function parseFormatCached(format) {
  let parsed = parsedFormats.get(format);
  if (parsed === undefined) {
    parsed = parseFormat(format);
    if (parsedFormats.size < 256) parsedFormats.set(format, parsed);
  }
  return parsed;
}

export class BufferViews {
  constructor(bridge) {
    this.bridge = bridge;
    const M = bridge.M;
    // A forgotten view counts as released too: _liveCounts() is exact.
    this.registry = new FinalizationRegistry((held) => {
      if (!held.ptr) return;
      const ptr = held.ptr;
      held.ptr = 0;
      this.live--;
      M._isthmus_py_release_buffer(ptr);
    });
    this.live = 0;
    // Registration costs ~0.6 us: views still held when the task ends are
    // registered then; views released at once never pay. Until then the
    // pending list holds them (a WeakRef each would cost more than it saves).
    this.pending = [];
    this.flushScheduled = false;
  }

  track(view) {
    this.live++;
    this.pending.push(view);
    if (this.pending.length >= 4096) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => { this.flushScheduled = false; this.flush(); });
    }
  }

  flush() {
    const views = this.pending;
    this.pending = [];
    for (const view of views) {
      const h = view._held;
      if (h.ptr) {
        this.registry.register(view, h, h);
        h.registered = true;
      }
    }
  }

  /** getBuffer on a PyObject*; `type` forces the element type. */
  get(ptr, type) {
    const b = this.bridge;
    const M = b.M;
    if (type !== undefined && !(type in TYPES)) {
      throw new TypeError(`getBuffer: unknown type '${type}' (one of ${Object.keys(TYPES).join(', ')})`);
    }
    const infoPtr = b.pushSlots(Math.ceil(BUFFER_INFO.SIZE / SLOT_SIZE));
    let held = 0;
    try {
      if (M._isthmus_py_get_buffer(ptr, infoPtr) === RESULT.THREW) throw b.proxies.takePythonError();
      if (b.HEAP32.length === 0) b.refreshViews();
      const H = b.HEAP32;
      const i = infoPtr >> 2;
      held = H[i + INFO.HELD];
      const buf = H[i + INFO.BUF];
      const itemsize = H[i + INFO.ITEMSIZE];
      const ndim = H[i + INFO.NDIM];
      const format = b.cString(H[i + INFO.FORMAT]);
      const shapeAt = H[i + INFO.SHAPE] >> 2;
      const stridesAt = H[i + INFO.STRIDES] >> 2;
      if (H[i + INFO.INDIRECT]) throw new TypeError('getBuffer: buffers with suboffsets (PIL-style) are not supported');
      const parsed = parseFormatCached(format);
      if (parsed.error && type === undefined) throw new TypeError(parsed.error);
      const name = type ?? FORMATS[parsed.char];
      if (type === undefined && parsed.bigEndian) {
        throw new TypeError(`getBuffer: big-endian format '${format}' needs getBuffer('dataview')`);
      }
      const Type = TYPES[name];
      const unit = Type === DataView ? 1 : Type.BYTES_PER_ELEMENT;
      // The bytes the view spans: negative strides reach below `buf`.
      const shape = new Array(ndim);
      const strides = new Array(ndim);
      let lo = 0;
      let hi = 0;
      let empty = false;
      let misfit = buf % unit !== 0;
      for (let k = 0; k < ndim; k++) {
        const n = H[shapeAt + k];
        const stride = H[stridesAt + k];
        shape[k] = n;
        strides[k] = stride / unit;
        if (n === 0) empty = true;
        if (stride % unit !== 0) misfit = true;
        const reach = (n - 1) * stride;
        if (reach < 0) lo += reach; else hi += reach;
      }
      // No elements: any layout fits (an empty array('Q') need not be aligned), a view at 0.
      if (empty) { lo = hi = 0; misfit = false; }
      const start = empty ? 0 : buf + lo;
      // A C-contiguous buffer asked for as other elements (bytes as 'i16') is
      // its bytes reinterpreted, as in Pyodide; shape and strides stay in
      // the buffer's own units (Pyodide's fractional strides).
      const reinterpreted = type !== undefined && H[i + INFO.C_CONTIGUOUS] !== 0 && buf % unit === 0
        && H[i + INFO.LEN] % unit === 0;
      if (misfit && !reinterpreted) {
        const byteStrides = strides.map((s) => s * unit);
        throw new TypeError(`getBuffer: the buffer's layout (format '${format}', strides ${byteStrides}) does not fit '${name}' elements`);
      }
      const view = new PyBufferView(this, held, start, empty ? 0 : hi - lo + itemsize, Type);
      view.offset = lo === 0 ? 0 : -lo / unit;
      view.shape = shape;
      view.strides = strides;
      view.ndim = ndim;
      view.nbytes = H[i + INFO.LEN];
      view.itemsize = itemsize;
      view.format = format;
      view.readonly = H[i + INFO.READONLY] !== 0;
      view.c_contiguous = H[i + INFO.C_CONTIGUOUS] !== 0;
      view.f_contiguous = H[i + INFO.F_CONTIGUOUS] !== 0;
      held = 0;
      return view;
    } finally {
      if (held) M._isthmus_py_release_buffer(held);
      b.popSlots(infoPtr);
    }
  }
}

/** The view getBuffer() returns. */
export class PyBufferView {
  constructor(views, held, start, byteLength, Type) {
    this._views = views;
    this._held = { ptr: held, registered: false };
    this._start = start;
    this._byteLength = byteLength;
    this._Type = Type;
    this._array = null;
    this._arrayBuffer = null;
    /** Index of element [0, 0, ...] in `data`. */
    this.offset = 0;
    /** Elements per axis. */
    this.shape = null;
    /** Strides in elements of `data` (negative for reversed axes). */
    this.strides = null;
    this.ndim = 0;
    this.nbytes = 0;
    this.itemsize = 0;
    this.format = '';
    this.readonly = false;
    this.c_contiguous = false;
    this.f_contiguous = false;
    views.track(this);
  }

  /**
   * The elements, over wasm memory (no copy): element [i, j, ...] is
   * data[offset + i * strides[0] + j * strides[1] + ...]. Re-created after
   * wasm memory grows; writes are seen by Python unless `readonly`.
   */
  get data() {
    if (!this._held.ptr) throw new Error('This buffer view was released');
    const memory = this._views.bridge.memory.buffer;
    if (this._arrayBuffer !== memory) {
      this._arrayBuffer = memory;
      const T = this._Type;
      this._array = T === DataView
        ? new DataView(memory, this._start, this._byteLength)
        : new T(memory, this._start, this._byteLength / T.BYTES_PER_ELEMENT);
    }
    return this._array;
  }

  /** Release the Python buffer; `data` is unusable afterwards. */
  release() {
    const h = this._held;
    if (!h.ptr) return;
    if (h.registered) this._views.registry.unregister(h);
    this._views.bridge.M._isthmus_py_release_buffer(h.ptr);
    h.ptr = 0;
    this._array = null;
    this._views.live--;
  }

  [Symbol.dispose]() {
    this.release();
  }
}
