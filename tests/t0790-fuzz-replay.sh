#!/bin/sh
# t0790-fuzz-replay: every fuzz harness of tests/fuzz/ over its seed corpus
# (tests/fuzz/corpus/HARNESS/) and the inputs fuzzing once broke folio
# with (tests/regress/HARNESS/), without libFuzzer, under AddressSanitizer,
# LeakSanitizer and UBSan: any crash, leak, undefined behaviour, or
# harness assertion fails the case.  `make fuzz` fuzzes for real; this
# only replays, in seconds (the objects are kept in build/fuzz/replay/).
. "$(dirname "$0")/lib.sh"

CC=${FUZZ_CC:-clang}
OUT=$SRC/build/fuzz/replay

if ! command -v "$CC" >/dev/null 2>&1; then
	test_skip 'fuzz harnesses over their seeds and regressions' "$CC missing"
	test_done
	exit
fi

test_expect_success 'the harnesses build with ASan and UBSan (replay mode)' '
	sh "$SRC/tests/fuzz/build.sh" replay "$OUT" >build.log 2>&1 ||
	{ tail -30 build.log; false; }
'

for h in "$SRC"/tests/fuzz/fuzz_*.c; do
	n=$(basename "$h" .c)
	[ "$n" = fuzz_util ] && continue
	test_expect_success "$n: seeds and regression inputs" '
		test -x "$OUT/'"$n"'" &&
		set -- "$SRC/tests/fuzz/corpus/'"$n"'" &&
		if test -d "$SRC/tests/regress/'"$n"'"; then
			set -- "$@" "$SRC/tests/regress/'"$n"'"
		fi &&
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=1 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		timeout 120 "$OUT/'"$n"'" "$@" >out 2>err ||
		{ tail -40 err; false; } &&
		grep -q "^replay: [1-9][0-9]* inputs$" out
	'
done

test_done
