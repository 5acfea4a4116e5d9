// strftime() as glibc has it in the C locale, for Emscripten 3.1.6 (linked with
// --js-library, replacing library.js's `strftime`, which strftime_l calls too).
// Emscripten's version rewrites the format with one regular expression per
// conversion and computes weeks from JS Dates: %W and %V were a week short
// (2023-01-02 gave 00 and 00; it is 01 and 01: 80 failures in CPython's
// test_strptime), %W built its Date from tm_year without 1900, %j ignored
// tm_yday, %c used %d where C has %e, %z printed +0580 for +05:30, one
// conversion's output could be taken for the next one's, and glibc's flags and
// widths (%-d, %_H, %^a, %10Y) came out as they were written. This is one pass
// over the format bytes that follows glibc's strftime_l.c: numbers from the
// struct tm fields alone, the C locale's names, flags, widths, E/O modifiers,
// and the format copied as it is for an unknown conversion.

mergeInto(LibraryManager.library, {
  /**
   * The text of `format` (a string of byte values) for the struct tm fields
   * in `t`, or null when it would be `limit` bytes or longer.
   */
  $isthmusFormatTime: function(format, t, limit) {
    var WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
      'October', 'November', 'December'];
    var TOO_LONG = {};
    var hour12 = t.hour > 12 ? t.hour - 12 : t.hour === 0 ? 12 : t.hour;

    function fill(ch, n) {
      if (n <= 0) return '';
      if (n >= limit) throw TOO_LONG;
      return ch.repeat(n);
    }
    // toupper/tolower of the C locale: ASCII letters only (the text is bytes).
    function upper(s) { return s.replace(/[a-z]+/g, function(m) { return m.toUpperCase(); }); }
    function lower(s) { return s.replace(/[A-Z]+/g, function(m) { return m.toLowerCase(); }); }
    function isLeap(y) { return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0); }
    // Days since the Monday that starts the ISO week of day `yday` (glibc's iso_week_days).
    function isoWeekDays(yday, wday) {
      return yday - (yday - wday + 4 + 378) % 7 + 3;
    }

    function format1(f) {
      var out = '';
      for (var i = 0; i < f.length; i++) {
        if (f[i] !== '%') {
          out += f[i];
          continue;
        }
        var percent = i;
        var pad = '';  // '_', '-', '0' or none
        var toUpper = false, toLower = false, changeCase = false;
        for (;;) {
          var flag = f[++i];
          if (flag === '_' || flag === '-' || flag === '0') pad = flag;
          else if (flag === '^') toUpper = true;
          else if (flag === '#') changeCase = true;
          else break;
        }
        var width = -1;
        if (f[i] >= '0' && f[i] <= '9') {
          width = 0;
          while (f[i] >= '0' && f[i] <= '9') {
            width = Math.min(width * 10 + (f.charCodeAt(i) - 48), 0x7fffffff);
            i++;
          }
        }
        var modifier = f[i] === 'E' || f[i] === 'O' ? f[i++] : '';

        // glibc's add(): `s` right-aligned in the field width, with zeros
        // for the 0 flag and spaces otherwise.
        var add = function(s) {
          return fill(pad === '0' ? '0' : ' ', width - s.length) + s;
        };
        var copy = function(s) {
          return add(toLower ? lower(s) : toUpper ? upper(s) : s);
        };
        // glibc's DO_NUMBER: at least `digits` digits (or the width), padded
        // with zeros after the sign, or with spaces (_, and %e %k %l), or not (-).
        var number = function(digits, value, spacePad) {
          if (spacePad && pad !== '0' && pad !== '-') pad = '_';
          digits = Math.max(digits, width);
          var text = (value < 0 ? '-' : '') + String(Math.abs(value));
          var lead = '';
          if (pad !== '-' && digits > text.length) {
            var padding = digits - text.length;
            if (pad === '_') {
              lead = fill(' ', padding);
              width = width > padding ? width - padding : 0;
            } else {
              if (value < 0) {
                lead = '-';
                text = text.slice(1);
              }
              lead += fill('0', padding);
              width = 0;
            }
          }
          return lead + add(text);
        };

        var c = i < f.length ? f[i] : '';
        var bad = false;
        var sub = null;
        switch (c) {
          case '%':
            out += add('%');
            break;
          case 'a':
          case 'A':
            if (modifier) { bad = true; break; }
            if (changeCase) { toUpper = true; toLower = false; }
            if (t.wday < 0 || t.wday > 6) out += copy('?');
            else out += copy(c === 'a' ? WEEKDAYS[t.wday].slice(0, 3) : WEEKDAYS[t.wday]);
            break;
          case 'b':
          case 'h':
          case 'B':
            if (changeCase) { toUpper = true; toLower = false; }
            if (modifier === 'E') { bad = true; break; }
            if (t.mon < 0 || t.mon > 11) out += copy('?');
            else out += copy(c === 'B' ? MONTHS[t.mon] : MONTHS[t.mon].slice(0, 3));
            break;
          case 'c':
            if (modifier === 'O') bad = true;
            else sub = '%a %b %e %H:%M:%S %Y';
            break;
          case 'C': {
            var year = t.year + 1900;
            out += number(1, Math.trunc(year / 100) - (year % 100 < 0 ? 1 : 0));
            break;
          }
          case 'x':
            if (modifier === 'O') bad = true;
            else sub = '%m/%d/%y';
            break;
          case 'D':
            if (modifier) bad = true;
            else sub = '%m/%d/%y';
            break;
          case 'd':
          case 'e':
            if (modifier === 'E') bad = true;
            else out += number(2, t.mday, c === 'e');
            break;
          case 'F':
            if (modifier) bad = true;
            else sub = '%Y-%m-%d';
            break;
          case 'H':
          case 'k':
            if (modifier === 'E') bad = true;
            else out += number(2, t.hour, c === 'k');
            break;
          case 'I':
          case 'l':
            if (modifier === 'E') bad = true;
            else out += number(2, hour12, c === 'l');
            break;
          case 'j':
            if (modifier === 'E') bad = true;
            else out += number(3, t.yday + 1);
            break;
          case 'M':
            if (modifier === 'E') bad = true;
            else out += number(2, t.min);
            break;
          case 'm':
            if (modifier === 'E') bad = true;
            else out += number(2, t.mon + 1);
            break;
          case 'n':
            out += add('\n');
            break;
          case 'P':
          case 'p':
            if (c === 'P') toLower = true;
            if (changeCase) { toUpper = false; toLower = true; }
            out += copy(t.hour > 11 ? 'PM' : 'AM');
            break;
          case 'R':
            sub = '%H:%M';
            break;
          case 'r':
            sub = '%I:%M:%S %p';
            break;
          case 'S':
            if (modifier === 'E') bad = true;
            else out += number(2, t.sec);
            break;
          case 's': {
            // mktime() of the fields, in the local time zone, as glibc does.
            var date = new Date(0);
            date.setFullYear(t.year + 1900, t.mon, t.mday);
            date.setHours(t.hour, t.min, t.sec, 0);
            out += add(String(Math.floor(date.getTime() / 1000)));
            break;
          }
          case 'X':
            if (modifier === 'O') bad = true;
            else sub = '%H:%M:%S';
            break;
          case 'T':
            sub = '%H:%M:%S';
            break;
          case 't':
            out += add('\t');
            break;
          case 'u':
            out += number(1, (t.wday - 1 + 7) % 7 + 1);
            break;
          case 'U':
            if (modifier === 'E') bad = true;
            else out += number(2, Math.trunc((t.yday - t.wday + 7) / 7));
            break;
          case 'V':
          case 'g':
          case 'G': {
            if (modifier === 'E') { bad = true; break; }
            var isoYear = t.year + 1900;
            var days = isoWeekDays(t.yday, t.wday);
            if (days < 0) {
              // This ISO week belongs to the previous year.
              isoYear--;
              days = isoWeekDays(t.yday + (365 + (isLeap(isoYear) ? 1 : 0)), t.wday);
            } else {
              var next = isoWeekDays(t.yday - (365 + (isLeap(isoYear) ? 1 : 0)), t.wday);
              if (next >= 0) {
                // This ISO week belongs to the next year.
                isoYear++;
                days = next;
              }
            }
            if (c === 'g') out += number(2, (isoYear % 100 + 100) % 100);
            else if (c === 'G') out += number(1, isoYear);
            else out += number(2, Math.trunc(days / 7) + 1);
            break;
          }
          case 'W':
            if (modifier === 'E') bad = true;
            else out += number(2, Math.trunc((t.yday - (t.wday - 1 + 7) % 7 + 7) / 7));
            break;
          case 'w':
            if (modifier === 'E') bad = true;
            else out += number(1, t.wday);
            break;
          case 'Y':
            if (modifier === 'O') bad = true;
            else out += number(1, t.year + 1900);
            break;
          case 'y':
            out += number(2, (t.year % 100 + 100) % 100);
            break;
          case 'Z':
            if (changeCase) { toUpper = false; toLower = true; }
            out += copy(t.zone);
            break;
          case 'z': {
            // No offset is known when tm_isdst is negative.
            if (t.isdst < 0) break;
            var diff = t.gmtoff;
            out += add(diff < 0 ? '-' : '+');
            diff = Math.trunc(Math.abs(diff) / 60);
            out += number(4, Math.trunc(diff / 60) * 100 + diff % 60);
            break;
          }
          case '':
            // A '%' (with its flags and width) at the end of the format.
            i--;
            bad = true;
            break;
          default:
            bad = true;
        }
        if (bad) {
          // An unknown conversion is copied as it is written.
          out += copy(f.slice(percent, i + 1));
        } else if (sub !== null) {
          var text = format1(sub);
          out += add(toUpper ? upper(text) : text);
        }
        if (out.length >= limit) throw TOO_LONG;
      }
      if (out.length >= limit) throw TOO_LONG;
      return out;
    }

    try {
      return format1(format);
    } catch (e) {
      if (e === TOO_LONG) return null;
      throw e;
    }
  },

  // size_t strftime(char *s, size_t maxsize, const char *format, const struct tm *tm):
  // the format's bytes are kept as they are (one char code per byte), so are
  // tm_zone's.
  strftime__deps: ['$isthmusFormatTime'],
  strftime__sig: 'iiiii',
  strftime: function(s, maxsize, format, tm) {
    function bytes(ptr) {
      var text = '';
      if (!ptr) return text;
      for (var p = ptr; HEAPU8[p]; p++) text += String.fromCharCode(HEAPU8[p]);
      return text;
    }
    // struct tm's fields (struct_info: sec, min, hour, mday, mon, year, wday, yday, isdst, gmtoff, zone).
    var t = {
      sec: HEAP32[tm >> 2], min: HEAP32[(tm + 4) >> 2], hour: HEAP32[(tm + 8) >> 2],
      mday: HEAP32[(tm + 12) >> 2], mon: HEAP32[(tm + 16) >> 2], year: HEAP32[(tm + 20) >> 2],
      wday: HEAP32[(tm + 24) >> 2], yday: HEAP32[(tm + 28) >> 2], isdst: HEAP32[(tm + 32) >> 2],
      gmtoff: HEAP32[(tm + 36) >> 2], zone: bytes(HEAP32[(tm + 40) >> 2]),
    };
    // maxsize counts the terminating NUL: the text must be shorter.
    var text = isthmusFormatTime(bytes(format), t, maxsize >>> 0);
    if (text === null || text.length >= maxsize >>> 0) return 0;
    for (var i = 0; i < text.length; i++) HEAPU8[s + i] = text.charCodeAt(i);
    HEAPU8[s + text.length] = 0;
    return text.length;
  },
});
