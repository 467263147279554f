#!/bin/sh
# t0430-l10n-output: the html report, -o, colour, -q, and the usage
# errors of folio l10n (SPEC 7.2, 4.1).
. "$(dirname "$0")/lib.sh"

STATES=$SRC/tests/corpora/l10n-states
STRUCT=$SRC/tests/corpora/l10n-structure

test_expect_success 'html -o: one self-contained page, nothing on stdout' '
	folio -C "$STATES/corpus" l10n --format html -o "$PWD/status.html" >out 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null out &&
	test_cmp /dev/null err &&
	head -n 1 status.html >first &&
	echo "<!DOCTYPE html>" >expect-first &&
	test_cmp expect-first first &&
	! grep -i "<script" status.html &&
	sed "s/ href=\"status-diff.html#t-[a-z0-9-]*\"//g" status.html >own &&
	! grep -E "(src|href)=" own &&
	grep -F "<a href=\"status-diff.html#t-alpha-de\">" status.html &&
	grep -F "<section id=\"t-alpha-de\">" status-diff.html &&
	! grep -E "(src|href)=|<script|https?:" status-diff.html &&
	! grep -E "https?:" status.html &&
	! grep -i "@import" status.html &&
	tail -n 1 status.html >last &&
	echo "</html>" >expect-last &&
	test_cmp expect-last last
'

test_expect_success 'html: a coverage bar per language, in inline SVG' '
	folio -C "$STATES/corpus" l10n --format html >page.html 2>err &&
	grep -c "<svg " page.html >n &&
	echo 4 >expect-n &&
	test_cmp expect-n n &&
	grep -F "aria-label=\"en: 33% up to date\"" page.html
'

test_expect_success 'html: the matrix names each state, file and dates' '
	folio -C "$STATES/corpus" l10n --format html >page.html 2>err &&
	grep -F "<td class=\"s-stale\"><b>! Out of date</b><span class=\"file code\">alpha/de.md</span>based on the version of <span class=\"d\">2023-11</span>; original updated <span class=\"d\">2024-03</span> (4 months behind)<br>change: <span class=\"k k-unknown\">unknown</span></td>" page.html &&
	grep -F "<td class=\"s-missing\"><b>" page.html >/dev/null &&
	grep -F "to create: <span class=\"file code\">beta/de.md</span>" page.html &&
	grep -F "<td class=\"s-orphan\">" page.html >/dev/null &&
	grep -F "<td class=\"s-invalid\">" page.html >/dev/null &&
	grep -F "<td class=\"s-current\">" page.html >/dev/null &&
	grep -F "<td class=\"s-original\"><b>Original</b><span class=\"file code\">beta/nl.md</span>" page.html
'

test_expect_success 'html: text from the corpus is escaped' '
	cp -R "$STATES/corpus" c &&
	sed "s|^title: Alpha en français|title: \"<b>Alpha</b> \\& co\"|" "$STATES/corpus/alpha/fr.md" >c/alpha/fr.md &&
	folio -C c l10n --format html >page.html 2>err &&
	grep -F "&lt;b&gt;Alpha&lt;/b&gt; &amp; co" page.html &&
	! grep -F "<b>Alpha</b>" page.html
'

test_expect_success 'html: incomplete translations are marked' '
	folio -C "$STRUCT/corpus" l10n --format html >page.html 2>err &&
	grep -F "Incomplete: 2 of 3 headings, 4 of 5 paragraphs, 0 of 1 tables; the section “Deuxième partie” is missing" page.html &&
	grep -F "Incomplete: 4 of 5 paragraphs; shorter under the heading “Première partie”" page.html
'

test_expect_success 'html: same page for the same input' '
	folio -C "$STATES/corpus" l10n --format html >one.html 2>err &&
	folio -C "$STATES/corpus" l10n --format html -j 3 >two.html 2>err &&
	test_cmp one.html two.html
'

test_expect_success '-o writes atomically: no temporary file is left' '
	mkdir out &&
	folio -C "$STATES/corpus" l10n --format json -o "$PWD/out/status.json" >stdout 2>err &&
	ls out >files &&
	echo status.json >expect-files &&
	test_cmp expect-files files &&
	test_cmp "$STATES/states.json" out/status.json
'

test_expect_success '-o replaces an existing file and keeps its mode' '
	echo old >report.txt &&
	chmod 640 report.txt &&
	folio -C "$STATES/corpus" l10n -o "$PWD/report.txt" >stdout 2>err &&
	test_cmp "$STATES/states.text" report.txt &&
	stat -c %a report.txt >mode &&
	echo 640 >expect-mode &&
	test_cmp expect-mode mode
'

test_expect_success '-o into a missing directory is a write error (3)' '
	folio -C "$STATES/corpus" l10n -o "$PWD/no/such/dir/x.txt" >out 2>err; echo $? >status &&
	expect_status 3 &&
	grep -F "cannot write: no such file or directory [write]" err
'

test_expect_success 'no colour when not a terminal; --color=always colours' '
	folio -C "$STATES/corpus" l10n >plain 2>err &&
	! grep -q "$(printf "\033")" plain &&
	folio -C "$STATES/corpus" --color=always l10n >colour 2>err &&
	grep -q "$(printf "\033")\[33m" colour &&
	folio -C "$STATES/corpus" --color=always l10n -o "$PWD/file.txt" >out 2>err &&
	! grep -q "$(printf "\033")" file.txt
'

test_expect_success '-q leaves out current articles' '
	folio -C "$STATES/corpus" l10n -q >actual 2>err &&
	! grep -E "^  current " actual &&
	grep -F "  stale     alpha/de.md" actual
'

test_expect_success 'usage errors exit 2' '
	folio -C "$STATES/corpus" l10n --format xml >out 2>err; echo $? >status &&
	expect_status 2 &&
	grep -F "folio: --format must be text, json, github or html, got '\''xml'\''" err &&
	folio -C "$STATES/corpus" l10n --lang xx >out 2>err; echo $? >status &&
	expect_status 2 &&
	grep -F "folio: --lang: '\''xx'\'' is not one of the languages of folio.yaml: fr nl en de" err &&
	folio -C "$STATES/corpus" l10n --check=stale,bogus >out 2>err; echo $? >status &&
	expect_status 2 &&
	grep -F "unknown state '\''bogus'\''" err &&
	folio -C "$STATES/corpus" l10n --frobnicate >out 2>err; echo $? >status &&
	expect_status 2
'

test_expect_success 'no corpus, or a PATH that does not exist: exit 2' '
	folio l10n >out 2>err; echo $? >status &&
	expect_status 2 &&
	grep -F "no folio.yaml" err &&
	folio -C "$STATES/corpus" l10n no-such-dir >out 2>err; echo $? >status &&
	expect_status 2 &&
	test_cmp /dev/null out
'

test_expect_success '--help prints the usage and exits 0' '
	folio l10n --help >out 2>err; echo $? >status &&
	expect_status 0 &&
	grep -F "usage: folio l10n" out
'

test_done
