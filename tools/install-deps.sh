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
# Source packages, pinned by version and by the sha256 of the orig tarball
# (what the build uses). Versions from the bookworm point release, not from
# bookworm-security: the security mirror dropped zlib's deb12u1 sources while
# its index still named them (404 on 2026-12-07).
mkdir -p "$SRC"
# check_orig glob sha256: exactly one file matches and it has that hash.
# The glob is unquoted on purpose (it is expanded here).
# shellcheck disable=SC2086
check_orig() {
  # Upstream signatures (xz-utils ships one) match the glob too; the hash
  # check stands in for them.
  rm -f "$SRC"/$1.asc
  set -- "$(ls "$SRC"/$1)" "$2"
  case "$1" in *"
"*) echo "install-deps: more than one source tarball matches: $1" >&2; exit 1 ;; esac
  echo "$2  $1" | sha256sum -c --quiet - || { echo "install-deps: $1 is not the pinned source" >&2; exit 1; }
}
# shellcheck disable=SC2086
fetch() { # name=version  glob-of-orig  sha256
  ls "$SRC"/$2 >/dev/null 2>&1 || (cd "$SRC" && apt-get source -qq --download-only "$1" >/dev/null)
  check_orig "$2" "$3"
}
fetch python3.11=3.11.2-6+deb12u8 'python3.11_3.11.2.orig.tar.*' 2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
fetch zlib=1:1.2.13.dfsg-1 'zlib_*.orig.tar.*' 71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1
fetch bzip2=1.0.8-5 'bzip2_*.orig.tar.*' ab5a03176ee106d3f0fa90e381da478ddae405918153cca248e682cd0c4a2269
fetch xz-utils=5.4.1-1+deb12u1 'xz-utils_*.orig.tar.*' 5d9827aa1875b21c288f78864bb26d2650b436ea8d2cad364e4921eb6266a5a5
fetch sqlite3=3.40.1-2+deb12u2 'sqlite3_*.orig.tar.*' aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655
fetch gdbm=1.23-3 'gdbm_*.orig.tar.*' 74b1081d21fff13ae4bd7c16e5d6e504a4c26f7cde1dca0d963a484174bbcacd
fetch util-linux=2.38.1-5+deb12u3 'util-linux_*.orig.tar.*' 60492a19b44e6cf9a3ddff68325b333b8b52b6c59ce3ebd6a0ecaa4c5117e84f
# libffi: bookworm's 3.4.4 has no wasm32 port; trixie's 3.4.8 has (src/wasm32).
# Its deb-src index goes into a private apt state under the cache, so the
# system's sources stay bookworm-only.
# shellcheck disable=SC2086
fetch_trixie() { # name=version  glob-of-orig  sha256
  ls "$SRC"/$2 >/dev/null 2>&1 && { check_orig "$2" "$3"; return 0; }
  apt_dir="$CACHE/apt-trixie"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/etc"
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    > "$apt_dir/etc/trixie-src.sources"
  set -- "$1" "$2" "$3" -o Dir::State::Lists="$apt_dir/lists" -o Dir::Etc::SourceList=/dev/null \
    -o Dir::Etc::SourceParts="$apt_dir/etc"
  name="$1" glob="$2" sum="$3"; shift 3
  apt-get "$@" -qq update >/dev/null
  (cd "$SRC" && apt-get "$@" source -qq --download-only "$name" >/dev/null)
  check_orig "$glob" "$sum"
}
fetch_trixie libffi=3.4.8-2 'libffi_3.4.8.orig.tar.*' cbb7f0b3b095dc506387ec1e35b891bfb4891d05b90a495bc69a10f2293f80ff
echo "deps ok: $SRC"
