#!/bin/sh
# tests/run.sh - run every unit test and command-line test; print the total
# as "N passed, N failed" and exit non-zero on any failure.
SRC=$(cd "$(dirname "$0")/.." && pwd)
FOLIO=${FOLIO:-$SRC/folio}
UNITDIR=${UNITDIR:-$SRC/build/unit}
export SRC FOLIO
passed=0 failed=0 skipped=0 broken=0
log=$(mktemp)
count() {
	# every program ends with "# NAME: N passed, N failed[, N skipped]"
	line=$(grep -E '^# [^:]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	if [ -z "$line" ]; then
		echo "not ok - $1 printed no counts (crashed?)"
		failed=$((failed + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + ${s:-0}))
	if [ "$2" != 0 ] && [ "$f" = 0 ]; then
		echo "not ok - $1 exited $2"
		failed=$((failed + 1))
	fi
}
for t in "$UNITDIR"/*; do
	[ -x "$t" ] || continue
	(cd "$SRC" && "$t") >"$log" 2>&1
	rc=$?
	grep -v '^# ' "$log" | head -50
	grep '^# ' "$log"
	count "$(basename "$t")" $rc
done
for t in "$SRC"/tests/t[0-9]*.sh; do
	[ -f "$t" ] || continue
	sh "$t" >"$log" 2>&1
	rc=$?
	grep -v '^# ' "$log" | head -80
	grep '^# ' "$log"
	count "$(basename "$t")" $rc
done
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
