"""time.strftime as glibc has it in the C locale (js/strftime.lib.js replaces Emscripten 3.1.6's)."""

import datetime
import json
import os
import time

import pytest

YEARS = [1900, 1969, 1970, 1999, 2000, 2004, 2005, 2009, 2010, 2015, 2016, 2020, 2021, 2023, 2024, 2026, 2027, 2100]


def _days(year):
    day = datetime.date(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


@pytest.mark.parametrize("year", YEARS)
def test_week_and_day_numbers_for_every_day(year):
    # Each value from its definition, with date arithmetic: %U/%W count the
    # Sundays/Mondays since 1 January, %G/%V/%u are the ISO calendar.
    sundays = mondays = 0
    wrong = []
    for day in _days(year):
        sundays += day.isoweekday() == 7
        mondays += day.isoweekday() == 1
        iso_year, iso_week, iso_day = day.isocalendar()
        yday = (day - datetime.date(year, 1, 1)).days + 1
        expected = (
            f"{sundays:02d} {mondays:02d} {iso_week:02d} {iso_year} {iso_year % 100:02d}"
            f" {yday:03d} {iso_day} {iso_day % 7}"
        )
        got = time.strftime("%U %W %V %G %g %j %u %w", day.timetuple())
        if got != expected:
            wrong.append((day.isoformat(), got, expected))
    assert wrong == []


def test_the_reported_week_numbers():
    # 2023-01-02, a Monday: Emscripten 3.1.6 said 00 and 00.
    assert time.strftime("%W %V", datetime.date(2023, 1, 2).timetuple()) == "01 01"
    assert datetime.date(2023, 1, 2).strftime("%U %W %V %G") == "01 01 01 2023"
    assert datetime.date(2021, 1, 1).strftime("%G-W%V-%u") == "2020-W53-5"
    assert datetime.date(2024, 12, 30).strftime("%G-W%V-%u") == "2025-W01-1"


def test_strptime_reads_back_what_strftime_wrote():
    for day in _days(2023):
        for fmt in ("%Y %W %w", "%Y %U %w", "%G %V %u"):
            text = day.strftime(fmt)
            assert datetime.datetime.strptime(text, fmt).date() == day, (fmt, text)


# glibc's answers (2.36, the C locale) for these formats and tuples are in
# strftime_glibc.json, written by this module run with the host's python:
#     /usr/bin/python3.11 tests/python/test_strftime.py > tests/python/strftime_glibc.json


def _tuple(y, m, d, hour=0, minute=0, sec=0, isdst=0):
    # Weekday and day of the year from the same date 400*k years away (the
    # Gregorian calendar repeats every 400 years), for years datetime lacks.
    near = y
    while near < 1:
        near += 400
    while near > 9999:
        near -= 400
    t = datetime.date(near, m, d).timetuple()
    return (y, m, d, hour, minute, sec, t.tm_wday, t.tm_yday, isdst)


TUPLES = [
    _tuple(2023, 1, 2, 3, 4, 5), _tuple(2021, 1, 1), _tuple(2024, 12, 30, 12, 30, 59), _tuple(1, 1, 1, 13, 7, 9),
    _tuple(999, 12, 31, 23, 59, 59), _tuple(9999, 12, 31), _tuple(2000, 2, 29, 11, 59, 59), _tuple(1900, 1, 1),
    _tuple(12345, 6, 15, 1, 2, 3), _tuple(0, 1, 1), _tuple(-1, 12, 31, 22, 0, 0), _tuple(2026, 1, 1, isdst=-1),
]
# Every conversion (Q and : are none) after each flag, width and modifier.
CONVERSIONS = "aAbBcCdDeFgGhHIjklmMnpPrRStTuUVwWxXyYz%Q:"
PREFIXES = ["", "-", "_", "0", "^", "#", "+", "10", "-10", "_10", "010", "^#8", "1", "E", "O", "0O"]
FORMATS = ["|".join("%" + p + c for c in CONVERSIONS) for p in PREFIXES] + [
    "%", "abc%", "%5", "%E", "%10%", "%-%", "%c%x%X", "%^c", "%12F", "%010D"]


def _glibc_table():
    with open(os.path.join(os.path.dirname(__file__), "strftime_glibc.json"), encoding="utf-8") as f:
        return json.load(f)


def test_conversions_flags_and_widths_match_glibc():
    table = _glibc_table()
    assert table["tuples"] == [list(t) for t in TUPLES]
    wrong = []
    for fmt in FORMATS:
        for t, expected in zip(TUPLES, table["formats"][fmt], strict=True):
            got = time.strftime(fmt, t)
            if got != expected:
                parts = zip(fmt.split("|"), got.split("|"), expected.split("|"), strict=False)
                wrong.append((t, [(c, g, e) for c, g, e in parts if g != e] or (fmt, got, expected)))
    assert wrong == []


def test_zone_and_offset():
    # tm_zone and tm_gmtoff come from a struct_time; Emscripten 3.1.6 printed +0580 for +05:30.
    t = time.struct_time((2024, 1, 2, 3, 4, 5, 1, 2, 0), {"tm_zone": "IST", "tm_gmtoff": 19800})
    assert time.strftime("%z %Z %#Z %10z", t) == "+0530 IST ist          +0000000530"
    t = time.struct_time((2024, 1, 2, 3, 4, 5, 1, 2, 1), {"tm_zone": "NDT", "tm_gmtoff": -9000})
    assert time.strftime("%z %Z", t) == "-0230 NDT"
    # No offset is known when tm_isdst is -1.
    assert time.strftime("[%z]", (2024, 1, 2, 3, 4, 5, 1, 2, -1)) == "[]"
    # %s: mktime() of the fields.
    assert time.strftime("%s", time.localtime(1704164645)) == "1704164645"


def test_long_and_odd_formats():
    t = (2024, 1, 2, 3, 4, 5, 1, 2, 0)
    assert time.strftime("%Y" * 500, t) == "2024" * 500
    assert time.strftime("", t) == ""
    assert time.strftime("%%Y%%", t) == "%Y%"
    # Unknown conversions are copied.
    assert time.strftime("%Q %", t) == "%Q %"



if __name__ == "__main__":
    # One line per tuple and per format, for readable diffs.
    def line(key, value, last):
        comma = "" if last else ","
        return f"    {json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}{comma}"

    print("{")
    print('  "about": "time.strftime(format, tuple) of the host\'s python3.11 (Debian bookworm: glibc 2.36, the C'
          ' locale), written by running test_strftime.py",')
    print('  "tuples": [')
    print(",\n".join(f"    {json.dumps(list(t))}" for t in TUPLES))
    print("  ],")
    print('  "formats": {')
    for n, fmt in enumerate(FORMATS):
        print(line(fmt, [time.strftime(fmt, t) for t in TUPLES], n == len(FORMATS) - 1))
    print("  }")
    print("}")
