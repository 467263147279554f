#!/bin/sh
# t0940-first-week-cli: the command line as a new user meets it: folio
# help COMMAND, FOLIO_TODAY empty or invalid, l10n -o -, and a hint for
# --check written with a space.
. "$(dirname "$0")/lib.sh"

corpus() {
	make_corpus "fr en" &&
	write_article a/fr.md <<-\EOF
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Un paragraphe.
	EOF
}

test_expect_success 'folio help validate prints the help of validate' '
	folio help validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	folio validate --help >expect &&
	test_cmp expect actual &&
	grep -q "^usage: folio validate" actual
'

test_expect_success 'folio help with an unknown command: a usage error' '
	folio help nope >actual 2>err; echo $? >status &&
	expect_status 2 &&
	grep -F "folio: '\''nope'\'' is not a folio command" err
'

test_expect_success 'an empty FOLIO_TODAY is ignored' '
	corpus &&
	FOLIO_TODAY= folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	no_catalog fr >expect &&
	test_cmp expect actual
'

test_expect_success 'an invalid FOLIO_TODAY is refused with a clear message, exit 2' '
	corpus &&
	FOLIO_TODAY=28/11/2026 folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	echo "folio: FOLIO_TODAY must be a date YYYY-MM-DD (or empty, for today), got '\''28/11/2026'\''" >expect &&
	test_cmp expect err
'

test_expect_success 'l10n -o - writes to the standard output, no file named -' '
	corpus &&
	folio l10n -o - --format json >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test ! -e ./- &&
	grep -q "^{\"source_language\":\"fr\"" actual
'

test_expect_success '--check stale (with a space): a hint, not "cannot open"' '
	corpus &&
	folio l10n --check stale >actual 2>err; echo $? >status &&
	expect_status 2 &&
	echo "folio: no file '\''stale'\'': to limit --check to those states, write --check=stale" >expect &&
	test_cmp expect err &&
	folio l10n --check missing,stale >actual 2>err; echo $? >status &&
	grep -F "write --check=missing,stale" err
'

test_expect_success 'a path named like a state still works when it exists' '
	corpus &&
	mkdir stale &&
	write_article stale/fr.md <<-\EOF &&
	---
	id: stale
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Un paragraphe.
	EOF
	folio l10n --check stale >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "missing   stale/en.md" actual
'

test_expect_success 'the README'\''s stamp example names a translation of the sample corpus' '
	sed -n "s/^folio -C articles stamp \([^ ]*\) .*/\1/p" "$SRC/README.md" >path &&
	test -s path &&
	cp -R "$SRC/articles" . &&
	(cd articles && folio stamp --dry-run "$(cat ../path)") >out 2>err; echo $? >status &&
	expect_status 0 &&
	grep -F "$(cat path): " out
'

test_expect_success 'the README says where the conformance suites come from' '
	grep -F "../shared/conformance/" "$SRC/README.md" &&
	grep -F "CONFORMANCE_DIR=" "$SRC/README.md"
'

test_expect_success '--lang with a language folio.yaml lacks: one message for l10n, diff and readability' '
	cp -R "$SRC/articles" a &&
	echo "folio: --lang: '"'"'xx'"'"' is not one of the languages of folio.yaml: fr nl en de ar tr" >expect &&
	for cmd in l10n diff readability; do
		folio -C a $cmd --lang xx >out 2>err; echo $? >status &&
		echo 2 >expect-status && test_cmp expect-status status &&
		test_cmp /dev/null out &&
		test_cmp expect err || return 1
	done
'

test_done
