#!/usr/bin/env bash
# Builds the C library and installs it under a prefix:
#   PREFIX/include/kizuna.h
#   PREFIX/lib/libkizuna.so.X.Y.Z (+ links by its soname and as libkizuna.so), PREFIX/lib/libkizuna.a
#   PREFIX/lib/pkgconfig/kizuna.pc
#   PREFIX/lib/cmake/kizuna/kizunaConfig.cmake, kizunaConfigVersion.cmake
#   PREFIX/lib/pkgconfig/kizuna-static.pc (to link statically: pkg-config --libs kizuna-static)
# Usage: bindings/c/install.sh [--prefix DIR] [--no-build]   (default prefix /usr/local)
# DESTDIR, when set, is put before every installed path (for packaging), not in the files.
# Linux only: the shared library is an ELF `.so` with a soname.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

prefix=/usr/local
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix)
      [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }
      prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --no-build) build=0; shift ;;
    *) echo "install.sh: unknown argument $1 (use --prefix DIR, --no-build)" >&2; exit 2 ;;
  esac
done
case "$prefix" in
  /*) ;;
  *) prefix="$(pwd)/$prefix" ;;
esac
dest="${DESTDIR:-}$prefix"

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

soname="$(readelf -d "$target/libkizuna.so" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')"
[ -n "$soname" ] || { echo "install.sh: $target/libkizuna.so has no soname" >&2; exit 1; }

install -d "$dest/include" "$dest/lib/pkgconfig" "$dest/lib/cmake/kizuna"
install -m 644 "$here/include/kizuna.h" "$dest/include/kizuna.h"
install -m 755 "$target/libkizuna.so" "$dest/lib/libkizuna.so.$version"
[ "$soname" = "libkizuna.so.$version" ] || ln -sf "libkizuna.so.$version" "$dest/lib/$soname"
ln -sf "$soname" "$dest/lib/libkizuna.so"
install -m 644 "$target/libkizuna.a" "$dest/lib/libkizuna.a"

# The files find the prefix from where they are installed (pkg-config's ${pcfiledir}, CMake's
# CMAKE_CURRENT_LIST_DIR), so an installed tree can be moved.
fill() {
  sed -e "s|@VERSION@|$version|g" -e "s|@MAJOR@|$major|g" \
      -e "s|@MINOR@|$minor|g" -e "s|@SONAME@|$soname|g" -e "s|@LIBS_PRIVATE@|$libs_private|g" \
      -e "s|@LIBS_PRIVATE_CMAKE@|$(echo "$libs_private" | sed 's/-l//g; s/ /;/g')|g" "$1" > "$2"
}
fill "$here/kizuna.pc.in" "$dest/lib/pkgconfig/kizuna.pc"
fill "$here/kizuna-static.pc.in" "$dest/lib/pkgconfig/kizuna-static.pc"
fill "$here/cmake/kizunaConfig.cmake.in" "$dest/lib/cmake/kizuna/kizunaConfig.cmake"
fill "$here/cmake/kizunaConfigVersion.cmake.in" "$dest/lib/cmake/kizuna/kizunaConfigVersion.cmake"

echo "installed kizuna $version ($soname) under $dest"
