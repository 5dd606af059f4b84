#!/usr/bin/env bash
# Builds the C library and installs it under a prefix:
#   PREFIX/include/kizuna.h
#   PREFIX/lib/libkizuna.so.X.Y.Z (+ libkizuna.so.X, libkizuna.so links), PREFIX/lib/libkizuna.a
#   PREFIX/lib/pkgconfig/kizuna.pc
#   PREFIX/lib/cmake/kizuna/kizunaConfig.cmake, kizunaConfigVersion.cmake
# Usage: bindings/c/install.sh [--prefix DIR] [--no-build]   (default prefix /usr/local)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

prefix=/usr/local
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --no-build) build=0; shift ;;
    *) echo "install.sh: unknown argument $1 (use --prefix DIR, --no-build)" >&2; exit 2 ;;
  esac
done
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"

if [ "$build" = 1 ]; then
  cargo build --release --quiet -p kizuna-c --manifest-path "$root/Cargo.toml"
fi
target="${CARGO_TARGET_DIR:-$root/target}/release"

define() { sed -n "s/^#define $1 \\(.*\\)/\\1/p" "$here/include/kizuna.h"; }
major="$(define KZ_VERSION_MAJOR)"
minor="$(define KZ_VERSION_MINOR)"
version="$major.$minor.$(define KZ_VERSION_PATCH)"
# What Rust's standard library needs from the system when linked statically on Linux
# (`cargo rustc -p kizuna-c --crate-type staticlib -- --print native-static-libs`).
libs_private="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"

install -d "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/kizuna"
install -m 644 "$here/include/kizuna.h" "$prefix/include/kizuna.h"
install -m 755 "$target/libkizuna.so" "$prefix/lib/libkizuna.so.$version"
ln -sf "libkizuna.so.$version" "$prefix/lib/libkizuna.so.$major"
ln -sf "libkizuna.so.$major" "$prefix/lib/libkizuna.so"
install -m 644 "$target/libkizuna.a" "$prefix/lib/libkizuna.a"

fill() {
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" -e "s|@MAJOR@|$major|g" \
      -e "s|@MINOR@|$minor|g" -e "s|@LIBS_PRIVATE@|$libs_private|g" \
      -e "s|@LIBS_PRIVATE_CMAKE@|$(echo "$libs_private" | sed 's/-l//g; s/ /;/g')|g" "$1" > "$2"
}
fill "$here/kizuna.pc.in" "$prefix/lib/pkgconfig/kizuna.pc"
fill "$here/cmake/kizunaConfig.cmake.in" "$prefix/lib/cmake/kizuna/kizunaConfig.cmake"
fill "$here/cmake/kizunaConfigVersion.cmake.in" "$prefix/lib/cmake/kizuna/kizunaConfigVersion.cmake"

echo "installed kizuna $version under $prefix"
