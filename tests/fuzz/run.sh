#!/bin/sh
# tests/fuzz/run.sh - `make fuzz`: build every libFuzzer harness into
# build/fuzz/ and run each for FUZZ_SECONDS (default 60).
#
#   FUZZ_SECONDS=600 sh tests/fuzz/run.sh [HARNESS...]
#
# Each harness starts from its seeds (tests/fuzz/corpus/HARNESS/) and its
# regression inputs (tests/regress/HARNESS/); what it discovers is kept in
# build/fuzz/corpus/HARNESS/ for the next run (never in the source tree).
# A crash, leak, timeout (FUZZ_TIMEOUT, default 10 s per input) or out of
# memory (2 GB) is written to build/fuzz/crashes/HARNESS-*; the script
# then goes on with the other harnesses and exits 1 at the end.
# FUZZ_JOBS=N runs N processes per harness (libFuzzer -jobs/-workers).
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_EACH=${FUZZ_SECONDS:-60}
TIMEOUT=${FUZZ_TIMEOUT:-10}
JOBS=${FUZZ_JOBS:-1}
OUT=$SRC/build/fuzz
cd "$SRC" || exit 2

if ! command -v "${FUZZ_CC:-clang}" >/dev/null 2>&1; then
	echo "fuzz: ${FUZZ_CC:-clang} not found: make deps installs it" >&2
	exit 2
fi
sh tests/fuzz/build.sh fuzz "$OUT" "$@" || exit 2
if [ $# = 0 ]; then
	for h in tests/fuzz/fuzz_*.c; do
		n=$(basename "$h" .c)
		[ "$n" = fuzz_util ] || set -- "$@" "$n"
	done
fi

# Longest input worth trying, per harness.
max_len() {
	case $1 in
	fuzz_frontmatter|fuzz_markdown) echo 65536 ;;
	fuzz_typo) echo 4096 ;;
	*) echo 16384 ;;
	esac
}

mkdir -p "$OUT/crashes"
failed=
for n in "$@"; do
	[ -x "$OUT/$n" ] || { echo "fuzz: $n was not built" >&2; failed="$failed $n"; continue; }
	mkdir -p "$OUT/corpus/$n"
	regress=
	[ -d "tests/regress/$n" ] && regress=$SRC/tests/regress/$n
	dict=
	[ -f "tests/fuzz/dict/$n.dict" ] && dict=-dict=$SRC/tests/fuzz/dict/$n.dict
	extra=
	[ "$JOBS" -gt 1 ] && extra="-jobs=$JOBS -workers=$JOBS"
	echo "fuzz: $n for ${SECONDS_EACH}s"
	# from build/fuzz/: with -jobs, libFuzzer writes fuzz-N.log there
	# shellcheck disable=SC2086
	(cd "$OUT" &&
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	"$OUT/$n" -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$n")" \
		-rss_limit_mb=2048 -timeout="$TIMEOUT" -print_final_stats=1 \
		-artifact_prefix="$OUT/crashes/$n-" $dict $extra \
		"$OUT/corpus/$n" "$SRC/tests/fuzz/corpus/$n" $regress \
		>"$OUT/$n.log" 2>&1)
	rc=$?
	grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE' "$OUT/$n.log" | sed "s/^/fuzz: $n: /"
	if [ $rc != 0 ]; then
		echo "fuzz: $n FAILED (exit $rc); see $OUT/$n.log:"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written|fuzz:' "$OUT/$n.log" | head -10 | sed 's/^/    /'
		failed="$failed $n"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: failures in:$failed (inputs in $OUT/crashes/; keep each, once fixed, in tests/regress/HARNESS/)"
	exit 1
fi
echo "fuzz: no crash"
