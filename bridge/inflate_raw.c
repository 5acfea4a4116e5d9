// Raw DEFLATE for js/stdlib_tree.mjs, which serves the stdlib zips' members
// as files and inflates each on first read. The browser has no synchronous
// inflate of its own; the zlib CPython links is already here.
#include <emscripten.h>
#include <zlib.h>

/// Inflate in[0, in_len) into out[0, out_len); 0 when it fills out exactly.
EMSCRIPTEN_KEEPALIVE int isthmus_inflate_raw(const unsigned char* in, unsigned in_len, unsigned char* out,
                                             unsigned out_len) {
  z_stream s = {0};
  if (inflateInit2(&s, -MAX_WBITS) != Z_OK) return -1;
  s.next_in = (unsigned char*)in;
  s.avail_in = in_len;
  s.next_out = out;
  s.avail_out = out_len;
  int rc = inflate(&s, Z_FINISH);
  unsigned long produced = s.total_out;
  inflateEnd(&s);
  return rc == Z_STREAM_END && produced == out_len ? 0 : -1;
}
