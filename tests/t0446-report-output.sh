#!/bin/sh
# t0446-report-output: -o FILE and --format of the commands that print a
# report of their own (l10n, diff, readability) are checked alike, with
# one wording: "-o -" is the standard output, a directory is refused
# before any work, a report never replaces a file of the corpus, a write
# that fails says so the same way, and html is a report format that the
# diagnostics of validate, schema and export do not take.
. "$(dirname "$0")/lib.sh"

CORPUS=$SRC/tests/corpora/l10n-golden/corpus

test_expect_success '-o - is the standard output for l10n, diff and readability' '
	cp -R "$CORPUS" c &&
	for cmd in l10n diff readability; do
		folio -C c $cmd --format json >expect 2>/dev/null
		folio -C c $cmd --format json -o - >actual 2>/dev/null &&
		test_cmp expect actual &&
		! test -e c/- || return 1
	done
'

test_expect_success '-o DIR is refused before any work, by every report command' '
	cp -R "$CORPUS" c && mkdir pages &&
	for cmd in l10n diff readability; do
		folio -C c $cmd --format html -o "$PWD/pages" >out 2>err; echo $? >status &&
		expect_status 2 &&
		echo "folio: -o '\''$PWD/pages'\'' is a directory: name the file to write" >expect &&
		test_cmp expect err &&
		test_cmp /dev/null out || return 1
	done &&
	! test -e pages-diff.html &&
	ls pages >left &&
	test_cmp /dev/null left
'

test_expect_success 'a report never replaces an article, a catalog or folio.yaml' '
	cp -R "$CORPUS" c &&
	cp -R "$CORPUS" before &&
	for cmd in l10n diff readability; do
		for f in dose/en.md _strings/de.yaml folio.yaml nouveau/nl.md; do
			folio -C c $cmd -o "$f" >out 2>err; echo $? >status &&
			expect_status 2 &&
			echo "folio: -o '\''$f'\'' is a file of the corpus: a report never replaces an article, a catalog or folio.yaml" >expect &&
			test_cmp expect err || return 1
		done
	done &&
	diff -r before c
'

test_expect_success 'a report may still go into the corpus under its own name' '
	cp -R "$CORPUS" c &&
	folio -C c l10n --format html -o status.html 2>err &&
	test -s c/status.html && test -s c/status-diff.html &&
	folio -C c readability --format html -o readability.html 2>err &&
	test -s c/readability.html
'

test_expect_success 'a write that fails is said in one wording by every command' '
	cp -R "$CORPUS" c &&
	for cmd in l10n diff readability; do
		folio -C c $cmd -o "$PWD/no/such/report.txt" >out 2>err; echo $? >status &&
		expect_status 3 &&
		echo "folio: $PWD/no/such/report.txt: cannot write: no such file or directory [write]" >expect &&
		grep -v "^delta/de.md:" err >actual &&
		test_cmp expect actual || return 1
	done
'

test_expect_success '--format: one wording, html only where a report has it' '
	cp -R "$CORPUS" c &&
	folio -C c l10n --format xml 2>err; echo $? >status &&
	expect_status 2 &&
	echo "folio: --format must be text, json, github or html, got '\''xml'\''" >expect &&
	test_cmp expect err &&
	for cmd in diff readability; do
		folio -C c $cmd --format github 2>err; echo $? >status &&
		expect_status 2 &&
		echo "folio: --format must be text, json or html, got '\''github'\''" >expect &&
		test_cmp expect err || return 1
	done &&
	for cmd in validate "export --to html" schema; do
		folio -C c $cmd --format html 2>err; echo $? >status &&
		expect_status 2 &&
		echo "folio: --format must be text, json or github, got '\''html'\''" >expect &&
		test_cmp expect err || return 1
	done
'

test_expect_success '-o a FIFO writes into it: the FIFO stays, its reader gets the report' '
	cp -R "$CORPUS" c &&
	mkfifo pipe &&
	for cmd in l10n diff readability; do
		folio -C c $cmd --format json >expect 2>/dev/null
		{ timeout 20 cat pipe >actual & } &&
		folio -C c $cmd --format json -o "$PWD/pipe" 2>err &&
		wait &&
		test -p pipe &&
		test_cmp expect actual || return 1
	done
'

test_expect_success '-o /dev/stdout goes where the standard output goes, appended to' '
	cp -R "$CORPUS" c &&
	test -L /dev/stdout &&
	for cmd in l10n diff readability; do
		folio -C c $cmd --format json >report 2>/dev/null
		{ echo first line && cat report; } >expect &&
		echo first line >log &&
		folio -C c $cmd --format json -o /dev/stdout >>log 2>err &&
		test_cmp expect log &&
		test -L /dev/stdout || return 1
	done &&
	folio -C c l10n --format html -o /dev/stdout >page 2>err &&
	grep -q "<html" page &&
	! test -e /dev/stdout-diff.html
'

test_expect_success '-o a symbolic link to a file replaces the file and keeps the link' '
	cp -R "$CORPUS" c &&
	mkdir reports &&
	echo old >reports/real.json &&
	ln -s reports/real.json link.json &&
	folio -C c l10n --format json >expect 2>/dev/null
	folio -C c l10n --format json -o "$PWD/link.json" 2>err &&
	test -L link.json &&
	test_cmp expect reports/real.json
'

test_done
