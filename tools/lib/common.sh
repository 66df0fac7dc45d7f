# Shared shell helpers for tools/*. Source it; it sets ROOT, CACHE and BUILD.
# CACHE holds third-party sources and their wasm builds, outside git and shared
# between clones (STREAKBOX_CACHE overrides). BUILD holds this clone's build trees.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${STREAKBOX_CACHE:-${HOME:-/root}/.cache/streakbox}"
BUILD="$ROOT/build"
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn

say() { printf '\033[1m[streakbox]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[streakbox] error:\033[0m %s\n' "$*" >&2; exit 1; }

# lock KEY: the value pinned for KEY in emsdk.lock.
lock() {
  local v
  v="$(sed -n "s/^$1=//p" "$ROOT/emsdk.lock")"
  [ -n "$v" ] || die "emsdk.lock has no $1"
  printf '%s' "$v"
}

# check_sha256 FILE EXPECTED: fails loudly when the file is not the pinned one.
check_sha256() {
  local got
  got="$(sha256sum "$1" | cut -d' ' -f1)"
  [ "$got" = "$2" ] || die "$1: sha256 $got does not match emsdk.lock ($2)"
}

jobs_n() { nproc 2>/dev/null || echo 2; }

# The compiler cache (ccache, from tools/bootstrap), kept in CACHE so that every
# clone shares it: a fresh clone compiles what any clone compiled before in
# seconds. Paths under ROOT are hashed relative to it (CCACHE_BASEDIR) and the
# working directory is left out (CCACHE_NOHASHDIR), so clones at other paths
# hit the same entries. Native and fuzz builds pass CCACHE_CMAKE to cmake;
# emcc wraps its own clang calls (EM_COMPILER_WRAPPER).
CCACHE_CMAKE=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_DIR="${CCACHE_DIR:-$CACHE/ccache}" CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
  export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-3G}" EM_COMPILER_WRAPPER=ccache
  CCACHE_CMAKE=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
