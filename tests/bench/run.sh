#!/bin/sh
# tests/bench/run.sh - `make bench` (SPEC 9, issue 8): time folio against
# the floor, alternately, on generated corpora, and print the ratios with
# peak memory.  It measures and prints; it never asserts a timing, and a
# command that fails is shown as n/a with its reason, never ends the run.
# See tests/bench/README.md for the method and the knobs below.
#
#   BENCH_N=1000        ids in the main corpus
#   BENCH_PAIRS=5       folio/floor pairs per row; the median is printed
#   BENCH_BIG=          empty: the 10,000-id corpus, one pair a row (memory);
#                       1: the 10,000-id corpus with BENCH_PAIRS pairs; 0: skip
#   BENCH_BIG_N=10000   ids in the big corpus
#   BENCH_SEED=1        generator seed
#   BENCH_ONLY=         a grep -E pattern over row names ("validate|l10n")
#   BENCH_REF=1         0: skip pandoc and hugo
#   BENCH_REF_PAIRS=3   pairs for pandoc and hugo
#   BENCH_PANDOC_SAMPLE=10  pandoc sees 1 file in N (and so does its floor)
#   BENCH_TIMEOUT=600   seconds before one run is killed (needs timeout(1))
#   BENCH_OUT=          empty: runs write to a tmpfs (/dev/shm) when there is
#                       one; disk: under the work directory, after a sync
#   BENCH_KEEP=1        keep the work directory
#   FOLIO=./folio       the binary under test
set -u
BENCH=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$BENCH/../.." && pwd)
FOLIO=${FOLIO:-$SRC/folio}
N=${BENCH_N:-1000}
PAIRS=${BENCH_PAIRS:-5}
BIG=${BENCH_BIG:-}
BIG_N=${BENCH_BIG_N:-10000}
SEED=${BENCH_SEED:-1}
ONLY=${BENCH_ONLY:-}
REF=${BENCH_REF:-1}
REF_PAIRS=${BENCH_REF_PAIRS:-3}
SAMPLE=${BENCH_PANDOC_SAMPLE:-10}
TIMEOUT=${BENCH_TIMEOUT:-600}
CC=${CC:-cc}

# Reproducible dates for folio, '.' as the decimal point for awk and printf.
export FOLIO_TODAY=2026-11-28 SOURCE_DATE_EPOCH=1795824000 NO_COLOR=1
unset LC_ALL
export LC_NUMERIC=C

WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-bench.XXXXXX") || exit 2
# Where each timed run writes.  On this kind of machine, file creation on
# disk (ext4, mounted with discard) costs more than the floor's own work and
# varies by a factor of two from run to run with what the previous run
# deleted; a tmpfs keeps the write in the measure and the noise out of it.
SHM=
if [ "${BENCH_OUT:-}" != disk ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	SHM=$(mktemp -d /dev/shm/folio-bench.XXXXXX 2>/dev/null) || SHM=
fi
RUN=${SHM:-$WORK}/run
# shellcheck disable=SC2317  # called by the trap
cleanup() {
	[ -n "$SHM" ] && rm -rf "$SHM"
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "bench: work directory kept: $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
BIN=$WORK/bin
RES=$WORK/res
mkdir -p "$BIN" "$RES"

# ---- build the generator, the floor and the timer ------------------------
MD_CFLAGS=$(pkg-config --cflags md4c-html yaml-0.1 2>/dev/null)
MD_LIBS=$(pkg-config --libs md4c-html yaml-0.1 2>/dev/null || echo -lmd4c-html -lmd4c -lyaml)
CFL="-O2 -std=c11 -Wall -Wextra"
# shellcheck disable=SC2086,SC2015  # flags are lists of words
$CC $CFL -o "$BIN/gen" "$BENCH/gen.c" &&
$CC $CFL -o "$BIN/maxrss" "$BENCH/maxrss.c" &&
$CC $CFL $MD_CFLAGS -o "$BIN/floor" "$BENCH/floor.c" $MD_LIBS || {
	echo "bench: cannot build tests/bench (the floor needs md4c-html and" \
		"libyaml: apt-get install libmd4c-html0-dev libyaml-dev)" >&2
	exit 2
}
TO=
command -v timeout >/dev/null 2>&1 && TO="timeout $TIMEOUT"

# ---- helpers ---------------------------------------------------------------
median() {	# median of the first column of file $1
	sort -n "$1" | awk '{ a[NR] = $1 }
		END { if (NR == 0) exit; if (NR % 2) print a[(NR + 1) / 2];
		      else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
peak() {	# largest second column of file $1, in MiB
	awk '$2 > m { m = $2 } END { if (NR) printf "%.1f", m / 1024 }' "$1"
}
field() {	# field NAME of maxrss's result line
	sed -n "s/.*$1=\([^ ]*\).*/\1/p" "$WORK/one"
}

# run FILE CMD...: one timed run writing into the fresh, empty $RUN/out
# (stdout to $RUN/report.txt); appends "seconds kb status" to FILE.
# Returns the command's status.
run() {
	f=$1
	shift
	rm -rf "$RUN"
	mkdir -p "$RUN/out"
	[ -z "$SHM" ] && sync
	# shellcheck disable=SC2086
	"$BIN/maxrss" "$WORK/one" $TO "$@" </dev/null >"$RUN/report.txt" 2>"$WORK/err"
	st=$(field status)
	echo "$(field seconds) $(field maxrss_kb) $st" >>"$f"
	return "$st"
}

# why: the reason a run failed, from its stderr, on one short line.
why() {
	case $1 in
	124) echo "timed out after ${TIMEOUT}s"; return ;;
	127) r="cannot run" ;;
	*) r="exit $1" ;;
	esac
	line=$(grep -v '^[[:space:]]*$' "$WORK/err" | head -1 | cut -c1-70)
	echo "$r${line:+: $line}"
}

# pairs ROW NPAIRS SRCDIR CMD...: NPAIRS pairs of the floor over SRCDIR and
# CMD, alternating which goes first, so that drift (page cache, clock, other
# load) falls on both alike.  Leaves the runs in $RES/ROW.floor and
# $RES/ROW.cmd, and the reason in $RES/ROW.note when CMD failed (a failed
# command is not run again).
pairs() {
	row=$1 np=$2 fsrc=$3
	shift 3
	: >"$RES/$row.floor"
	: >"$RES/$row.cmd"
	rm -f "$RES/$row.note" "$RES/$row.floor.note"
	i=1
	while [ "$i" -le "$np" ]; do
		if [ $((i % 2)) = 1 ]; then
			run "$RES/$row.floor" "$BIN/floor" "$fsrc" "$RUN/out" ||
				echo "floor: $(why $?)" >"$RES/$row.floor.note"
			run "$RES/$row.cmd" "$@"
			st=$?
		else
			run "$RES/$row.cmd" "$@"
			st=$?
			run "$RES/$row.floor" "$BIN/floor" "$fsrc" "$RUN/out" ||
				echo "floor: $(why $?)" >"$RES/$row.floor.note"
		fi
		if [ "$st" = 1 ]; then
			echo "exit 1 (findings): $(grep -hv '^[[:space:]]*$' "$RUN/report.txt" "$WORK/err" | head -1 | cut -c1-60)" >"$RES/$row.note"
		elif [ "$st" != 0 ]; then
			why "$st" >"$RES/$row.note"
			: >"$RES/$row.cmd"
			break
		fi
		i=$((i + 1))
	done
}

target() {	# the issue's targets, by row
	case $1 in
	validate.1 | export-html.1 | export-xhtml.1 | export-text.1 | xliff.1) echo "<= 2.0x" ;;
	validate.2 | export-html.2) echo "<= 1.0x" ;;
	export-epub.1 | export-epub.2) echo "<= 2.0x" ;;
	l10n.1 | l10n-base.1 | readability.1) echo "<= 1.5x" ;;
	diff.1) echo "<= 2.0x" ;;
	*) echo "-" ;;
	esac
}

ratio() {	# ratio A B, printed as 1.23x
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b }'
}

HDR="%-26s %2s %9s %9s %8s %8s %10s %10s  %s\n"
header() {	# header [TOOL]
	t=${1:-folio}
	# shellcheck disable=SC2059
	printf "$HDR" command -j "$t s" "floor s" ratio target "$t RSS" "floor RSS" note
}

# print_row ROW LABEL J: one line of the table from $RES/ROW.*
print_row() {
	row=$1
	fm=$(median "$RES/$row.cmd")
	lm=$(median "$RES/$row.floor")
	note=
	[ -f "$RES/$row.note" ] && note=$(cat "$RES/$row.note")
	[ -f "$RES/$row.floor.note" ] && note="$note${note:+; }$(cat "$RES/$row.floor.note")"
	if [ -z "$fm" ]; then
		# shellcheck disable=SC2059
		[ -n "$lm" ] && lm=$(printf %.3f "$lm")
		# shellcheck disable=SC2059
		printf "$HDR" "$2" "$3" n/a "${lm:-n/a}" n/a "$(target "$row")" n/a \
			"$(peak "$RES/$row.floor") MiB" "$note"
		return
	fi
	# shellcheck disable=SC2059
	printf "$HDR" "$2" "$3" "$(printf %.3f "$fm")" "$(printf %.3f "$lm")" \
		"$(ratio "$fm" "$lm")" "$(target "$row")" "$(peak "$RES/$row.cmd") MiB" \
		"$(peak "$RES/$row.floor") MiB" "$note"
}

# ---- the rows ------------------------------------------------------------
# name|label|folio arguments after "-C CORPUS --color never" (J and OUT are
# replaced); validate and l10n write their report to stdout.
ROWS="validate|validate (with QA)|validate -j J
l10n|l10n|l10n -j J
export-html|export --to html|export --to html -j J -o OUT
export-xhtml|export --to xhtml|export --to xhtml -j J -o OUT
export-epub|export --to epub|export --to epub -j J -o OUT
export-text|export --to text|export --to text -j J -o OUT
readability|readability|readability -j J
validate-style|validate, 10 style rules|-C STYLE validate -j J
xliff|xliff export --lang de|xliff export --lang de -o OUT"

# bench_corpus CORPUS NPAIRS SUFFIX [ROWS]: every row, -j 1 and 2, folio vs
# floor.
bench_corpus() {
	corpus=$1 np=$2 sfx=$3
	echo "${4:-$ROWS}" | while IFS='|' read -r name label args; do
		if [ -n "$ONLY" ] && ! echo "$name" | grep -Eq "$ONLY"; then
			continue
		fi
		# the same corpus with ten house style rules per language
		if [ "$name" = validate-style ] && [ ! -d "$corpus-style" ]; then
			cp -al "$corpus" "$corpus-style" 2>/dev/null ||
				cp -R "$corpus" "$corpus-style"
			mkdir -p "$corpus-style/_style"
			cp "$BENCH"/style/*.yaml "$corpus-style/_style/"
		fi
		for j in 1 2; do
			# a command without -j runs once
			case $args in *J*) ;; *) [ $j = 2 ] && continue ;; esac
			a=$(echo "$args" | sed "s|J|$j|; s|OUT|$RUN/out|; s|STYLE|$corpus-style|")
			# shellcheck disable=SC2086
			pairs "$name.$j$sfx" "$np" "$corpus" \
				"$FOLIO" -C "$corpus" --color never $a
		done
	done
}

print_table() {	# print_table SUFFIX [ROWS]
	header
	echo "${2:-$ROWS}" | while IFS='|' read -r name label args; do
		for j in 1 2; do
			[ -f "$RES/$name.$j$1.floor" ] && print_row "$name.$j$1" "$label" "$j"
		done
	done
}

corpus_line() {	# corpus_line DIR: "N files, M MiB of Markdown"
	find "$1" -name '*.md' ! -path '*/_*' | awk -v d="$1" '{ n++ } END { printf "%d files", n }'
	printf ", %s MiB of Markdown" "$(find "$1" -name '*.md' ! -path '*/_*' -exec cat {} + | wc -c | awk '{ printf "%.1f", $1 / 1048576 }')"
}

# ---- the main corpus -----------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
ver=$("$FOLIO" --version 2>/dev/null | head -1)
echo "folio bench: $(date -u +%Y-%m-%dT%H:%MZ), ${ver:-no folio at $FOLIO}"
echo "machine: $(nproc 2>/dev/null || echo '?') CPUs${cpu:+, $cpu}; timer: tests/bench/maxrss.c (wall clock, ru_maxrss)"
echo "runs write to: ${SHM:+a tmpfs, }$RUN/out (fresh and empty for each run)"

C1=$WORK/corpus-$N
t0=$(date +%s.%N)
"$BIN/gen" -n "$N" -seed "$SEED" -o "$C1" -strings "$SRC/articles/_strings" 2>"$WORK/gen.log" || {
	cat "$WORK/gen.log" >&2
	exit 2
}
# validate's translation QA (SPEC 13) runs with a glossary, as a corpus
# that has one would
cp "$BENCH/glossary.yaml" "$C1/_glossary.yaml"
t1=$(date +%s.%N)
echo "corpus: $N ids, $(corpus_line "$C1"), seed $SEED, generated in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')s"
echo "        ($(sed 's/^gen: //; s/.*(\(.*\))/\1/' "$WORK/gen.log"))"

# Warm the page cache and check the corpus once, untimed.
mkdir -p "$WORK/warm"
"$BIN/floor" "$C1" "$WORK/warm" || echo "bench: the floor failed on the corpus"
rm -rf "$WORK/warm"
if [ -x "$FOLIO" ]; then
	"$FOLIO" -C "$C1" --color never validate >"$WORK/v.out" 2>"$WORK/v.err"
	st=$?
	echo "check: folio validate on the corpus exits $st ($(tail -1 "$WORK/v.err"))"
else
	echo "check: no folio binary at $FOLIO: every folio row is n/a"
fi
echo
echo "== $N ids: median of $PAIRS pairs, folio and floor alternately; RSS is the peak over the runs"
bench_corpus "$C1" "$PAIRS" ""
print_table ""
# the cost of house style: validate with ten rules a language over validate
for j in 1 2; do
	a=$(median "$RES/validate-style.$j.cmd" 2>/dev/null)
	b=$(median "$RES/validate.$j.cmd" 2>/dev/null)
	[ -n "$a" ] && [ -n "$b" ] &&
		echo "style rules, -j $j: validate with them / without: $(ratio "$a" "$b") (target <= 1.20x)"
done

# ---- epubcheck on the books of the main corpus (SPEC 16), untimed ------------
if [ -z "$ONLY" ] || echo export-epub | grep -Eq "$ONLY"; then
	echo
	EB=$WORK/epub-books
	if ! "$FOLIO" -C "$C1" --color never export --to epub -q -o "$EB" 2>"$WORK/epub.err"; then
		echo "epubcheck: the books could not be made: $(head -1 "$WORK/epub.err")"
	else
		# shellcheck disable=SC1091  # the tests' way of running epubcheck
		. "$SRC/tests/epub.sh"
		if [ -z "$EPUBCHECK" ]; then
			echo "epubcheck: not installed, skipped (apt-get install epubcheck)"
		else
			t0=$(date +%s)
			(cd "$WORK" && epubcheck_ok "$EB"/*.epub >/dev/null 2>&1)
			nb=$(ls "$EB"/*.epub | wc -l)
			awk -v nb="$nb" -v s="$(($(date +%s) - t0))" '
				/^Messages:/ { n++; f += $2; e += $5; w += $8 }
				END { printf "epubcheck: %d of %d books of the %s checked in %ds: %d fatal, %d errors, %d warnings\n",
					n, nb, "main corpus", s, f, e, w }' "$WORK/epubcheck.out"
		fi
	fi
fi

# ---- translation integrity (SPEC 12): bases, classes, folio diff ---------------
# A copy of the corpus where every translation is stamped (translated_from.
# base and a snapshot under _base/), then one original in ten changed by a
# dose and a word: its translations are stale by their text, with their
# base text at hand.  l10n then works out a change class for each (the
# "content checks"), and diff shows every stale translation's changes.
BASE_ROWS="l10n-base|l10n, with bases|l10n -j J
diff|diff, every stale|diff -j J"
if [ -x "$FOLIO" ] && { [ -z "$ONLY" ] || echo "$BASE_ROWS" | cut -d'|' -f1 | grep -Eq "$ONLY"; }; then
	C3=$WORK/corpus-$N-based
	cp -R "$C1" "$C3"
	t0=$(date +%s.%N)
	find "$C3" -name '*.md' ! -name 'fr.md' ! -path '*/_*' | sort >"$WORK/tr.list"
	# shellcheck disable=SC2046  # one stamp run for every translation
	xargs "$FOLIO" stamp <"$WORK/tr.list" >/dev/null 2>"$WORK/stamp.err" ||
		echo "bench: folio stamp on the corpus: $(head -1 "$WORK/stamp.err")"
	find "$C3" -name fr.md ! -path '*/_*' | sort | awk 'NR % 10 == 1' |
		while read -r f; do
			sed '0,/^[A-Z].*[a-z]\.$/s//& Prenez 2 comprimés par jour./' "$f" >"$f.t" &&
				mv "$f.t" "$f"
		done
	t1=$(date +%s.%N)
	stale=$("$FOLIO" -C "$C3" --color never l10n --format json 2>/dev/null |
		grep -o '"state":"stale"' | wc -l)
	echo
	echo "== $N ids, every translation stamped, one original in ten changed: $stale stale translations ($(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')s to prepare)"
	bench_corpus "$C3" "$PAIRS" "" "$BASE_ROWS"
	print_table "" "$BASE_ROWS"
	rm -rf "$C3"
fi

# ---- pandoc and hugo, the reference a user would otherwise pick --------------
ref_rows=
if [ "$REF" != 0 ] && { [ -z "$ONLY" ] || echo export-html | grep -Eq "$ONLY"; }; then
	echo
	echo "== the same corpus through pandoc and hugo (ratio to the floor timed beside them, $REF_PAIRS pairs)"
	if command -v pandoc >/dev/null 2>&1; then
		# pandoc starts once per file (~0.1 s), so it sees 1 file in
		# $SAMPLE, and so does the floor it is compared with.
		SMP=$WORK/sample
		find "$C1" -name '*.md' ! -path '*/_*' | sort | awk -v k="$SAMPLE" '(NR - 1) % k == 0' >"$WORK/sample.list"
		while read -r f; do
			rel=${f#"$C1"/}
			mkdir -p "$SMP/$(dirname "$rel")"
			ln "$f" "$SMP/$rel" 2>/dev/null || cp "$f" "$SMP/$rel"
			echo "-o $(echo "$rel" | tr / _ | sed 's/\.md$/.html/') $SMP/$rel"
		done <"$WORK/sample.list" >"$WORK/pandoc.args"
		ns=$(wc -l <"$WORK/pandoc.args")
		for j in 1 2; do
			# shellcheck disable=SC2016  # expanded by that sh
			pairs "pandoc.$j" "$REF_PAIRS" "$SMP" \
				sh -c 'cd "$1/out" && exec xargs -P "$2" -L 1 pandoc -f gfm+yaml_metadata_block -t html5 -s <"$3"' \
				sh "$RUN" "$j" "$WORK/pandoc.args"
		done
		ref_rows="pandoc"
		pandoc_label="pandoc, $ns files (1/$SAMPLE)"
	else
		echo "pandoc: not installed, skipped (apt-get install pandoc)"
	fi
	if command -v hugo >/dev/null 2>&1; then
		# A multilingual site: content/articles/<id>.<lang>.md (hard links
		# to the corpus files), a page template with the title, summary,
		# body, hreflang alternates and translations, and one index per
		# language.  GOMAXPROCS stands for -j.
		H=$WORK/hugo
		mkdir -p "$H/content/articles" "$H/layouts/_default"
		cp "$BENCH/hugo/config.toml" "$H/config.toml"
		cp "$BENCH/hugo/single.html" "$BENCH/hugo/list.html" "$H/layouts/_default/"
		find "$C1" -name '*.md' ! -path '*/_*' | while read -r f; do
			rel=${f#"$C1"/}
			dst=$H/content/articles/$(dirname "$rel").$(basename "$rel")
			ln "$f" "$dst" 2>/dev/null || cp "$f" "$dst"
		done
		for j in 1 2; do
			pairs "hugo.$j" "$REF_PAIRS" "$C1" \
				env GOMAXPROCS="$j" hugo --quiet --noBuildLock -s "$H" -d "$RUN/out" \
				--cacheDir "$WORK/hugo-cache"
		done
		ref_rows="$ref_rows hugo"
	else
		echo "hugo: not installed, skipped (apt-get install hugo)"
	fi
	if [ -n "$ref_rows" ]; then
		header tool
		for t in $ref_rows; do
			case $t in
			pandoc) label=$pandoc_label ;;
			hugo) label="hugo, multilingual site" ;;
			esac
			for j in 1 2; do
				print_row "$t.$j" "$label" "$j"
			done
		done
	fi
fi

# ---- export --to html beside them --------------------------------------------
rcell() {	# rcell ROW: the median ratio, or n/a
	a=$(median "$RES/$1.cmd" 2>/dev/null)
	b=$(median "$RES/$1.floor" 2>/dev/null)
	if [ -n "$a" ] && [ -n "$b" ]; then ratio "$a" "$b"; else echo n/a; fi
}
if [ -f "$RES/export-html.1.floor" ] || [ -n "$ref_rows" ]; then
	echo
	echo "== HTML from the same corpus, as a ratio to the floor (lower is better)"
	printf "%-34s %8s %8s\n" "" "-j 1" "-j 2"
	printf "%-34s %8s %8s\n" "target (issue 8)" "<= 2.0x" "<= 1.0x"
	printf "%-34s %8s %8s\n" "folio export --to html" "$(rcell export-html.1)" "$(rcell export-html.2)"
	for t in $ref_rows; do
		case $t in
		pandoc) label="pandoc per file, standalone" ;;
		hugo) label="hugo, GOMAXPROCS=j" ;;
		esac
		printf "%-34s %8s %8s\n" "$label" "$(rcell "$t.1")" "$(rcell "$t.2")"
	done
fi

# ---- the big corpus: memory must not grow with the corpus ------------------------
if [ "$BIG" != 0 ]; then
	np=1
	[ "$BIG" = 1 ] && np=$PAIRS
	C2=$WORK/corpus-$BIG_N
	rm -rf "$C1" "$C1-style" "$WORK/sample" "$WORK/hugo"
	t0=$(date +%s.%N)
	"$BIN/gen" -n "$BIG_N" -seed "$SEED" -o "$C2" -strings "$SRC/articles/_strings" 2>"$WORK/gen.log" || {
		cat "$WORK/gen.log" >&2
		exit 2
	}
	cp "$BENCH/glossary.yaml" "$C2/_glossary.yaml"
	t1=$(date +%s.%N)
	echo
	echo "corpus: $BIG_N ids, $(corpus_line "$C2"), generated in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')s"
	mkdir -p "$WORK/warm"
	"$BIN/floor" "$C2" "$WORK/warm" >/dev/null 2>&1
	rm -rf "$WORK/warm"
	if [ "$np" = 1 ]; then
		echo "== $BIG_N ids: one pair per row (BENCH_BIG=1 for $PAIRS); memory target: peak < 100 MiB"
	else
		echo "== $BIG_N ids: median of $np pairs; memory target: peak < 100 MiB"
	fi
	bench_corpus "$C2" "$np" ".big"
	print_table ".big"
	if [ -z "$ONLY" ] || echo validate | grep -Eq "$ONLY"; then
		echo
		echo "peak RSS of folio by corpus size (memory must not grow with the corpus):"
		printf "%-26s %2s %12s %12s\n" command -j "$N ids" "$BIG_N ids"
		echo "$ROWS" | while IFS='|' read -r name label args; do
			for j in 1 2; do
				[ -f "$RES/$name.$j.big.cmd" ] || continue
				a=$(peak "$RES/$name.$j.cmd")
				b=$(peak "$RES/$name.$j.big.cmd")
				printf "%-26s %2s %12s %12s\n" "$label" "$j" "${a:-n/a}${a:+ MiB}" "${b:-n/a}${b:+ MiB}"
			done
		done
	fi
fi

cat <<'EOF'

targets (issue 8, median ratios on the 1,000-id corpus; peak memory under
100 MiB at 10,000 ids):

| command | -j 1 | -j 2 |
| --- | --- | --- |
| validate | <= 2.0x floor | <= 1.0x floor |
| export --to html | <= 2.0x floor | <= 1.0x floor |
| export --to text, xhtml | <= 2.0x floor | — |
| export --to epub | <= 2.0x floor | <= 2.0x floor |
| l10n | <= 1.5x floor | — |
| readability | <= 1.5x floor | — |
| validate, 10 style rules a language | <= 1.2x validate | <= 1.2x validate |
| l10n, with bases (change classes) | <= 1.5x floor | — |
| diff, every stale translation | <= 2.0x floor | — |

ratio = median folio seconds / median floor seconds, both timed in the same
pairs; the floor reads each file, parses its frontmatter with libyaml and
renders its body with md4c-html, one thread (tests/bench/floor.c).
EOF
exit 0
