#!/bin/sh
# tests/fuzz/build.sh - build the fuzz harnesses.
#
#   sh tests/fuzz/build.sh MODE OUTDIR [HARNESS...]
#
# MODE fuzz:   clang -fsanitize=fuzzer,address,undefined (libFuzzer's main)
# MODE replay: clang -fsanitize=address,undefined with tests/fuzz/replay.c
#              as main: runs each file or directory given as an argument.
# The cli/*.c objects (all but main.c) are compiled once into
# OUTDIR/obj and archived, so a harness pulls in only the modules it
# uses; an object that does not compile (a module being written) is
# skipped with a warning, and only a harness that needs it fails.
# Default HARNESS list: every tests/fuzz/fuzz_*.c but fuzz_util.c.
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
MODE=${1:?usage: build.sh fuzz|replay OUTDIR [HARNESS...]}
OUT=${2:?usage: build.sh fuzz|replay OUTDIR [HARNESS...]}
shift 2
CC=${FUZZ_CC:-clang}
JOBS=${FUZZ_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}
cd "$SRC" || exit 2

command -v "$CC" >/dev/null 2>&1 || { echo "build.sh: $CC not found" >&2; exit 77; }
if [ ! -f build/embedded.h ]; then
	make -s build/embedded.h >&2 || exit 2
fi

PKGS="yaml-0.1 libpcre2-8 md4c libutf8proc libcrypto libzip zlib libdeflate libxml-2.0"
PKG_CFLAGS=$(pkg-config --cflags $PKGS 2>/dev/null)
PKG_LIBS=$(pkg-config --libs $PKGS 2>/dev/null || echo -lyaml -lpcre2-8 -lmd4c -lutf8proc -lcrypto -lzip -lz -ldeflate -lxml2)
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# fuzz: -O1 for speed; replay: -O0, three times quicker to build, and
# replaying the seeds takes seconds either way (FUZZ_OPT overrides)
case $MODE in
fuzz)	OBJ_SAN="$SAN -fsanitize=fuzzer-no-link"
	LINK_SAN="$SAN -fsanitize=fuzzer"
	OPT=${FUZZ_OPT:--O1}
	MAIN= ;;
replay)	OBJ_SAN=$SAN
	LINK_SAN=$SAN
	OPT=${FUZZ_OPT:--O0}
	MAIN=tests/fuzz/replay.c ;;
*)	echo "build.sh: unknown mode $MODE" >&2; exit 2 ;;
esac
CFLAGS="$OPT -g -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -w $PKG_CFLAGS -Icli -Ibuild"
HFLAGS="$OPT -g -std=gnu11 -Wall -Wextra $PKG_CFLAGS -Icli -Ibuild -Itests/fuzz"
grep -q 'render_text(' cli/render.h 2>/dev/null && [ -f cli/render_text.c ] &&
	HFLAGS="$HFLAGS -DHAVE_RENDER_TEXT"
grep -q 'iconv' cli/export.h 2>/dev/null && HFLAGS="$HFLAGS -DHAVE_EXPORT_ICONV"

mkdir -p "$OUT/obj" || exit 2
newest_h=$(ls -t cli/*.h build/embedded.h | head -1)

# Compile the objects that are missing or older than their source or any
# header, $JOBS at a time.
stale=
for f in cli/*.c; do
	n=$(basename "$f" .c)
	[ "$n" = main ] && continue
	o=$OUT/obj/$n.o
	if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
		stale="$stale $f"
	fi
done
if [ -n "$stale" ]; then
	# shellcheck disable=SC2086
	printf '%s\n' $stale | xargs -P "$JOBS" -I{} sh -c '
		n=$(basename {} .c)
		if ! '"$CC $CFLAGS $OBJ_SAN"' -c -o "'"$OUT"'/obj/$n.o.tmp" {} 2>"'"$OUT"'/obj/$n.log"; then
			echo "build.sh: warning: {} does not compile, skipped (see '"$OUT"'/obj/$n.log)" >&2
			rm -f "'"$OUT"'/obj/$n.o" "'"$OUT"'/obj/$n.o.tmp"
		else
			mv "'"$OUT"'/obj/$n.o.tmp" "'"$OUT"'/obj/$n.o"
		fi'
	rm -f "$OUT/libfolio.a"
fi
# objects of modules that no longer exist
for o in "$OUT"/obj/*.o; do
	[ -f "$o" ] || continue
	[ -f "cli/$(basename "$o" .o).c" ] || { rm -f "$o"; rm -f "$OUT/libfolio.a"; }
done
if [ ! -f "$OUT/libfolio.a" ]; then
	ar rcs "$OUT/libfolio.a" "$OUT"/obj/*.o || exit 2
fi

if [ $# = 0 ]; then
	for h in tests/fuzz/fuzz_*.c; do
		n=$(basename "$h" .c)
		[ "$n" = fuzz_util ] || set -- "$@" "$n"
	done
fi
status=0
for n in "$@"; do
	bin=$OUT/$n
	h=tests/fuzz/$n.c
	if [ -f "$bin" ] && [ ! "$h" -nt "$bin" ] && [ ! "$OUT/libfolio.a" -nt "$bin" ] &&
	   [ ! tests/fuzz/fuzz.h -nt "$bin" ] && [ ! tests/fuzz/fuzz_util.c -nt "$bin" ] &&
	   [ ! tests/fuzz/replay.c -nt "$bin" ]; then
		continue
	fi
	# shellcheck disable=SC2086
	if ! $CC $HFLAGS $LINK_SAN -o "$bin" "$h" tests/fuzz/fuzz_util.c $MAIN \
		"$OUT/libfolio.a" $PKG_LIBS -lpthread -lm; then
		echo "build.sh: $n does not build" >&2
		rm -f "$bin"
		status=1
	fi
done
exit $status
