#!/bin/sh
# Build the libFuzzer targets into tests/fuzz/out/ with clang, ASan and UBSan.
#
#   tests/fuzz/build.sh [TARGET...]      (default: every fuzz_*.c here)
#
# lib/*.c is compiled once into an archive, so a target links only the lib files
# it needs; a lib file that does not compile yet (work in progress) is reported
# and skipped, and only the targets that need it fail. Exit status: non-zero if
# any requested target failed to build.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out="$here/out"
obj="$out/obj"
CC=${CC:-clang}
schema_dir=${ROUTEMU_SCHEMA_DIR:-$top/schema}

command -v "$CC" >/dev/null 2>&1 || { echo "build.sh: $CC not found (apt-get install clang)" >&2; exit 1; }
pkgs="libxml-2.0 libevent json-c libcrypto"
pcflags=$(pkg-config --cflags $pkgs) || { echo "build.sh: pkg-config $pkgs failed" >&2; exit 1; }
plibs=$(pkg-config --libs $pkgs)

san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cflags="-std=c11 -D_GNU_SOURCE -g -O1 $san -Wall -Wextra -Wno-unused-parameter \
-I$top/lib $pcflags -DSCHEMADIR=\"$schema_dir\" -DFUZZ_SCHEMA_DIR=\"$schema_dir\""

mkdir -p "$obj"
rm -f "$obj"/*.o "$out/libroutemu-fuzz.a"
libfail=""
for src in "$top"/lib/*.c; do
	o="$obj/$(basename "$src" .c).o"
	if ! $CC $cflags -fsanitize=fuzzer-no-link -c "$src" -o "$o" 2>"$o.log"; then
		libfail="$libfail $(basename "$src")"
		echo "build.sh: lib/$(basename "$src") does not compile (see $o.log); skipped" >&2
		rm -f "$o"
	fi
done
ar rcs "$out/libroutemu-fuzz.a" "$obj"/*.o

if [ $# -gt 0 ]; then
	targets="$*"
else
	targets=$(cd "$here" && ls fuzz_*.c | sed 's/\.c$//')
fi
status=0
for t in $targets; do
	t=$(basename "$t" .c)
	if $CC $cflags -fsanitize=fuzzer "$here/$t.c" "$out/libroutemu-fuzz.a" $plibs -lm \
	    -o "$out/$t" 2>"$out/$t.log"; then
		echo "built   $t"
	else
		echo "FAILED  $t (see $out/$t.log)"
		sed -n '1,5p' "$out/$t.log" | sed 's/^/        /'
		status=1
	fi
done
[ -n "$libfail" ] && echo "lib files skipped:$libfail"
exit $status
