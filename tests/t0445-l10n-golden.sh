#!/bin/sh
# t0445-l10n-golden: the whole output of folio l10n (text, -q, JSON,
# GitHub annotations, the HTML dashboard and its diff page), folio diff
# (text, JSON, HTML) and folio readability (text, JSON, HTML) on a corpus
# with every state, byte for byte.  tests/corpora/l10n-golden/corpus has:
# current (by base and by dates alone), stale by date with no base, stale
# by text with an editorial (soins/en), content (regime/en) and safety
# (dose/en, dose/nl) change, missing, orphan, invalid, incomplete
# (regime/de), QA findings (qa/en), a string missing from catalogs and
# one left untranslated (de).  The expected outputs are in
# tests/golden/l10n/; after a deliberate change of output, regenerate
# them with GOLDEN_UPDATE=1 sh tests/t0445-l10n-golden.sh and review the
# diff.
. "$(dirname "$0")/lib.sh"

GOLDEN=$SRC/tests/golden/l10n
CORPUS=$SRC/tests/corpora/l10n-golden/corpus

# Write every output of the three commands into directory $1, each
# command's standard error and exit status beside its output.
run_all() {
	o=$1 &&
	mkdir -p "$o" c &&
	cp -R "$CORPUS/." c/ &&
	for f in text json github; do
		folio -C c l10n --format $f >"$o/l10n.$f" 2>"$o/l10n.$f.err"
		echo $? >"$o/l10n.$f.status"
	done &&
	folio -C c l10n -q >"$o/l10n-quiet.text" 2>"$o/l10n-quiet.text.err"
	echo $? >"$o/l10n-quiet.text.status" &&
	folio -C c l10n --lang de --check >"$o/l10n-de-check.text" \
		2>"$o/l10n-de-check.text.err"
	echo $? >"$o/l10n-de-check.text.status" &&
	folio -C c l10n --format github --check=stale-safety \
		>"$o/l10n-check-safety.github" 2>"$o/l10n-check-safety.github.err"
	echo $? >"$o/l10n-check-safety.github.status" &&
	folio -C c l10n --format html -o "$PWD/$o/status.html" \
		>"$o/l10n.html.out" 2>"$o/l10n.html.err"
	echo $? >"$o/l10n.html.status" &&
	for f in text json html; do
		folio -C c diff --format $f >"$o/diff.$f" 2>"$o/diff.$f.err"
		echo $? >"$o/diff.$f.status"
		folio -C c readability --format $f >"$o/readability.$f" \
			2>"$o/readability.$f.err"
		echo $? >"$o/readability.$f.status"
	done &&
	test -f "$o/status-diff.html"
}

if [ -n "$GOLDEN_UPDATE" ]; then
	rm -rf "$GOLDEN" &&
	mkdir -p "$TRASH/update" &&
	(cd "$TRASH/update" && run_all out) &&
	mkdir -p "$(dirname "$GOLDEN")" &&
	cp -R "$TRASH/update/out" "$GOLDEN" &&
	echo "updated $GOLDEN"
	exit
fi

test_expect_success 'l10n, diff and readability print what they printed before, byte for byte' '
	run_all out &&
	diff -r "$GOLDEN" out
'

test_expect_success 'the corpus has every state the outputs are meant to show' '
	folio -C "$CORPUS" l10n --format json >report.json 2>err &&
	for s in current stale missing orphan invalid; do
		grep -q "\"state\":\"$s\"" report.json || return 1
	done &&
	for k in editorial content safety unknown; do
		grep -q "\"change\":\"$k\"" report.json || return 1
	done &&
	grep -q "\"incomplete\":true" report.json &&
	grep -q "qa-number" report.json &&
	grep -q "\"missing\":\[\"stale_notice\"\]" report.json &&
	grep -q "\"untranslated\":\[\"further_reading\"\]" report.json
'

test_done
