#!/usr/bin/env bash
# The C suite, from an installed prefix as a CRM build would use it:
#   1. install the library (bindings/c/install.sh) into a temporary prefix;
#   2. compile the header alone as C11 and as C++17;
#   3. build the tests against the shared library (pkg-config) and run them, then under
#      valgrind (no errors, no definite, indirect or possible leaks);
#   4. build them against the static library with AddressSanitizer + UndefinedBehaviorSanitizer
#      and run them;
#   5. build examples/c with make + pkg-config and with CMake (find_package), shared and
#      static, and run the sample posts through each.
# Needs gcc, g++, make, cmake, pkg-config, valgrind and libcjson-dev (scripts/test installs them).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf -- '--> %s\n' "$*"; }

prefix="$work/prefix"
bindings/c/install.sh --prefix "$prefix"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
strict=(-std=c11 -Wall -Wextra -Werror -pedantic)
kizuna_cflags=($(pkg-config --cflags kizuna))
cjson=($(pkg-config --cflags --libs libcjson))
static_libs=($(pkg-config --libs kizuna-static))

step "header compiles as C11 and C++17 (and links from C++)"
echo '#include <kizuna.h>' | gcc "${strict[@]}" "${kizuna_cflags[@]}" -x c -fsyntax-only -
g++ -std=c++17 -Wall -Wextra -Werror -pedantic "${kizuna_cflags[@]}" -o "$work/test_cpp" bindings/c/tests/test_cpp.cpp $(pkg-config --libs kizuna) -Wl,-rpath,"$prefix/lib"
"$work/test_cpp"

step "tests against the shared library"
shared=($(pkg-config --libs kizuna) -Wl,-rpath,"$prefix/lib" -lpthread -lm)
gcc "${strict[@]}" -g -I bindings/c/tests "${kizuna_cflags[@]}" -o "$work/test_api" bindings/c/tests/test_api.c "${shared[@]}"
gcc "${strict[@]}" -g -I bindings/c/tests "${kizuna_cflags[@]}" -o "$work/test_vectors" bindings/c/tests/test_vectors.c "${cjson[@]}" "${shared[@]}"
"$work/test_api"
"$work/test_vectors" tests/vectors

step "tests under valgrind"
# Every leak kind but "still reachable" fails the run; valgrind.supp names the one cache
# that memcheck misreads.
memcheck=(valgrind --quiet --error-exitcode=1 --leak-check=full
  --suppressions=bindings/c/tests/valgrind.supp
  --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible)
"${memcheck[@]}" "$work/test_api"
"${memcheck[@]}" "$work/test_vectors" tests/vectors

step "tests under AddressSanitizer + UndefinedBehaviorSanitizer (static library)"
sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
gcc "${strict[@]}" -g "${sanitize[@]}" -I bindings/c/tests "${kizuna_cflags[@]}" -o "$work/test_api_asan" bindings/c/tests/test_api.c "${static_libs[@]}"
gcc "${strict[@]}" -g "${sanitize[@]}" -I bindings/c/tests "${kizuna_cflags[@]}" -o "$work/test_vectors_asan" bindings/c/tests/test_vectors.c "${cjson[@]}" "${static_libs[@]}"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$work/test_api_asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$work/test_vectors_asan" tests/vectors

step "examples/c with make + pkg-config and with CMake"
posts="$work/posts.tsv"
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    post = json.loads(line)
    print(post["id"] + "\t" + " ".join(post["text"].split()))
' examples/data/sample_posts.jsonl > "$posts"
cp -r examples/c "$work/make"
make --quiet -C "$work/make" crm_queue crm_queue_static
cmake -S examples/c -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" > /dev/null
cmake --build "$work/cmake" > /dev/null
expected="$("$work/make/crm_queue" --brand "Sora Air" < "$posts")"
[ -n "$expected" ] || { echo "crm_queue found no post to answer in the sample" >&2; exit 1; }
for program in make/crm_queue_static cmake/crm_queue cmake/crm_queue_static; do
  got="$("$work/$program" --brand "Sora Air" < "$posts")"
  [ "$got" = "$expected" ] || { echo "$program disagrees with make/crm_queue" >&2; exit 1; }
done
echo "$expected" | head -3
echo "C suite passed"
