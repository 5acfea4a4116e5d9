#!/bin/sh
# Installs the Debian packages and source packages Isthmus builds from;
# with --test also Chromium for the browser tests and the linters;
# with --lint only the linters' packages (tools/lint.sh).
# Idempotent: a machine that already has everything spends a few seconds here.
set -eu
CACHE="${ISTHMUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/isthmus}"
SRC="$CACHE/src"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
# autoconf automake libtool libltdl-dev: libffi's orig tarball has no configure
# script; like Debian's own build (libltdl-dev is in its Build-Depends) we run autoreconf.
PKGS="emscripten pybind11-dev googletest dpkg-dev patch cmake make xz-utils tcl python3.11 python3.11-venv python3-pytest gcc g++ autoconf automake libtool libltdl-dev"
# The linters of tools/lint.sh: shellcheck, clang-format, and python3.11-venv for ruff's venv.
LINT_PKGS="shellcheck clang-format python3.11-venv"
case "${1:-}" in
  --test) PKGS="$PKGS chromium $LINT_PKGS" ;;
  --lint) PKGS="$LINT_PKGS" ;;
esac
need=""
update=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"; done
# apt-get source needs a deb-src entry with the same origin as the binary one.
if [ "${1:-}" != --lint ] && ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ \
    && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
    | $SUDO tee /etc/apt/sources.list.d/isthmus-deb-src.sources >/dev/null
  update=yes
fi
if [ -n "$need$update" ]; then
  $SUDO apt-get update -qq
  # $need is a list of package names: split on purpose.
  # shellcheck disable=SC2086
  [ -z "$need" ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
[ "${1:-}" != --lint ] || exit 0
# Source packages, pinned: the orig tarballs are what the build uses.
mkdir -p "$SRC"
# The second argument of fetch and fetch_trixie is a glob: unquoted on purpose.
# shellcheck disable=SC2086
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
# libffi: bookworm's 3.4.4 has no wasm32 port; trixie's 3.4.8 has (src/wasm32).
# Its deb-src index goes into a private apt state under the cache, so the
# system's sources stay bookworm-only.
# shellcheck disable=SC2086
fetch_trixie() { # name=version  glob-of-orig
  ls "$SRC"/$2 >/dev/null 2>&1 && return 0
  apt_dir="$CACHE/apt-trixie"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/etc"
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    > "$apt_dir/etc/trixie-src.sources"
  set -- "$1" "$2" -o Dir::State::Lists="$apt_dir/lists" -o Dir::Etc::SourceList=/dev/null \
    -o Dir::Etc::SourceParts="$apt_dir/etc"
  name="$1" glob="$2"; shift 2
  apt-get "$@" -qq update >/dev/null
  (cd "$SRC" && apt-get "$@" source -qq --download-only "$name" >/dev/null)
  ls "$SRC"/$glob >/dev/null
}
fetch_trixie libffi=3.4.8-2 'libffi_3.4.8.orig.tar.*'
echo "deps ok: $SRC"
