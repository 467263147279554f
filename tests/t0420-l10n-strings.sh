#!/bin/sh
# t0420-l10n-strings: each string catalog compared with the source
# language's (SPEC 7.3): missing, empty, obsolete keys, placeholders,
# list lengths, untranslated values (a warning; same_ok exempts; values
# without letters are not flagged), each at the catalog's file:line:col.
#
# tests/corpora/l10n-strings/corpus/_strings: fr is the reference; de has
# every problem once; en is clean thanks to same_ok; nl has no catalog;
# tr's YAML is malformed.
. "$(dirname "$0")/lib.sh"

STRINGS=$SRC/tests/corpora/l10n-strings

l10n_run() {
	folio -C "$STRINGS/corpus" l10n "$@" >actual 2>err; echo $? >status
}

has_line() {
	printf '%s\n' "$1" >expect-line &&
	grep -Fx -f expect-line actual >found &&
	test_cmp expect-line found
}

test_expect_success 'text: every problem with its position' '
	l10n_run &&
	expect_status 0 &&
	test_cmp "$STRINGS/strings.text" actual &&
	test_cmp /dev/null err
'

test_expect_success 'json: the keys of each problem, nested keys with dots' '
	l10n_run --format json &&
	expect_status 0 &&
	test_cmp "$STRINGS/strings.json" actual
'

test_expect_success 'github: annotations at the catalog positions' '
	l10n_run --format github &&
	expect_status 0 &&
	test_cmp "$STRINGS/strings.github" actual
'

test_expect_success 'missing: a nested key, named with dots, pointing at the reference' '
	l10n_run &&
	has_line "_strings/de.yaml:10:3: error: missing string '\''sections.recherche'\'' (reference: _strings/fr.yaml:11:3) [strings-missing]"
'

test_expect_success 'empty' '
	l10n_run &&
	has_line "_strings/de.yaml:4:1: error: empty string '\''further_reading'\'' [strings-empty]"
'

test_expect_success 'obsolete' '
	l10n_run &&
	has_line "_strings/de.yaml:12:1: error: obsolete string '\''old_title'\'': the reference _strings/fr.yaml has no such key [strings-obsolete]"
'

test_expect_success 'placeholders: {datum} is not {date}' '
	l10n_run &&
	has_line "_strings/de.yaml:2:13: error: placeholders of '\''updated_on'\'' differ from the reference: missing {date}; unknown {datum} [strings-placeholders]"
'

test_expect_success 'placeholders: a placeholder used twice is the same set' '
	l10n_run --lang en &&
	! grep -F "strings-placeholders" actual
'

test_expect_success 'length: a list of 11 months' '
	l10n_run &&
	has_line "_strings/de.yaml:8:9: error: list '\''months'\'' has 11 items, the reference has 12 [strings-length]"
'

test_expect_success 'untranslated: a warning; same_ok exempts; ", " has no letters' '
	l10n_run &&
	has_line "_strings/de.yaml:5:14: warning: string '\''index_title'\'' is the same as the reference ('\''Articles'\''); if that is right, list it in '\''same_ok'\'' [strings-untranslated]" &&
	! grep -F "'\''list_sep'\''" actual &&
	l10n_run --lang en &&
	! grep -F "strings-untranslated" actual
'

test_expect_success 'no catalog: every string is missing, said once' '
	l10n_run --lang nl &&
	has_line "_strings/nl.yaml: error: no catalog: all 10 strings of _strings/fr.yaml are missing [strings-missing]" &&
	has_line "nl              0      0        1       0        0           0               10        0%                   4           0"
'

test_expect_success 'a malformed catalog is a diagnostic, not a crash' '
	l10n_run --lang tr &&
	expect_status 0 &&
	has_line "_strings/tr.yaml:3:1: error: malformed yaml: did not find expected '\'','\'' or '\'']'\'' while parsing a flow sequence [yaml-syntax]"
'

test_expect_success '-q leaves out the warnings' '
	l10n_run -q --lang de &&
	! grep -F "strings-untranslated" actual &&
	grep -F "strings-length" actual
'

test_expect_success '--check=strings fails on errors; warnings alone pass' '
	l10n_run --check=strings --lang de &&
	expect_status 1 &&
	l10n_run --check=strings --lang en &&
	expect_status 0 &&
	cp -R "$STRINGS/corpus" c &&
	sed "s/^links: Links/links: Liens/" "$STRINGS/corpus/_strings/en.yaml" >c/_strings/en.yaml &&
	folio -C c l10n --check=strings --lang en >actual 2>err; echo $? >status &&
	expect_status 0 &&
	has_line "_strings/en.yaml:13:8: warning: string '\''links'\'' is the same as the reference ('\''Liens'\''); if that is right, list it in '\''same_ok'\'' [strings-untranslated]"
'

test_expect_success 'no reference catalog: said once, and strings fail --check' '
	cp -R "$STRINGS/corpus" c &&
	rm c/_strings/fr.yaml &&
	folio -C c l10n --lang fr --check=strings >actual 2>err; echo $? >status &&
	expect_status 1 &&
	has_line "_strings/fr.yaml: error: no reference catalog: the source language'\''s strings are what every other catalog is compared with [strings-missing]"
'

test_done
