#!/bin/sh
# Installs the Debian packages and source packages Isthmus builds from;
# with --test also Chromium for the browser tests.
# Idempotent: a machine that already has everything spends a few seconds here.
set -eu
CACHE="${ISTHMUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/isthmus}"
SRC="$CACHE/src"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
PKGS="emscripten pybind11-dev googletest dpkg-dev patch cmake make xz-utils tcl python3.11 python3.11-venv python3-pytest gcc g++"
[ "${1:-}" != --test ] || PKGS="$PKGS chromium"
need=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"; done
# apt-get source needs a deb-src entry with the same origin as the binary one.
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
    | $SUDO tee /etc/apt/sources.list.d/isthmus-deb-src.sources >/dev/null
  need="$need update"
fi
if [ -n "$need" ]; then
  $SUDO apt-get update -qq
  [ -z "$(echo $need | sed 's/update//')" ] || \
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $(echo $need | sed 's/update//') >/dev/null
fi
# Source packages, pinned: the orig tarballs are what the build uses.
mkdir -p "$SRC"
fetch() { # name=version  glob-of-orig
  ls "$SRC"/$2 >/dev/null 2>&1 && return 0
  (cd "$SRC" && apt-get source -qq --download-only "$1" >/dev/null)
  ls "$SRC"/$2 >/dev/null
}
fetch python3.11=3.11.2-6+deb12u8 'python3.11_3.11.2.orig.tar.*'
fetch zlib 'zlib_*.orig.tar.*'
fetch bzip2 'bzip2_*.orig.tar.*'
fetch xz-utils 'xz-utils_*.orig.tar.*'
fetch sqlite3 'sqlite3_*.orig.tar.*'
echo "deps ok: $SRC"
