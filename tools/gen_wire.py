"""Write dist/wire.mjs from the X-macro lists of bridge/wire/wire.h.

    python3 tools/gen_wire.py bridge/wire/wire.h dist/wire.mjs VERSION

Every `#define ISTHMUS_WIRE_<GROUP>(X)` list becomes a frozen object
`export const <GROUP>` with one property per `X(NAME, value)`; the version
of the CMake project becomes `VERSION`.
"""
import re
import sys

LIST = re.compile(r"^#define ISTHMUS_WIRE_(\w+)\(X\)((?:[^\n]*\\\n)*[^\n]*)", re.M)
ITEM = re.compile(r"\bX\((\w+),\s*(-?\d+)\)")


def groups(text):
    found = {}
    for name, body in LIST.findall(text):
        body = re.sub(r"/\*.*?\*/", "", body.replace("\\\n", "\n"), flags=re.S)
        items = [(key, int(value)) for key, value in ITEM.findall(body)]
        if not items:
            raise SystemExit(f"gen_wire: ISTHMUS_WIRE_{name} has no X(NAME, value) items")
        found[name] = items
    return found


def main(header, output, version):
    with open(header, encoding="utf-8") as f:
        found = groups(f.read())
    lines = [
        "// Generated from bridge/wire/wire.h by tools/gen_wire.py: do not edit.",
        "// The numbers the C++ bridge and the JS half agree on.",
        f"export const VERSION = '{version}';",
    ]
    for name, items in found.items():
        props = ", ".join(f"{key}: {value}" for key, value in items)
        lines.append(f"export const {name} = Object.freeze({{ {props} }});")
    text = "\n".join(lines) + "\n"
    try:
        with open(output, encoding="utf-8") as f:
            if f.read() == text:
                return  # unchanged: keep the mtime (nothing downstream rebuilds)
    except FileNotFoundError:
        pass
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main(*sys.argv[1:])
