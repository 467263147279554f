#!/bin/sh
# t0410-l10n-structure: a current or stale translation with fewer
# headings, paragraphs, list items, tables, images or links than its
# original is incomplete, with the counts and where the text is missing
# (SPEC 7.1 "Structure").
#
# tests/corpora/l10n-structure/corpus/soins: the French original has an
# introduction with a link, three sections (paragraphs, a list, a table,
# an image).  en lost the second section; de (stale) lost a paragraph of
# the first; nl lost the link of the introduction; ar has one paragraph
# more, which is not incomplete.  suite: three sections alike, and an en
# translation of the first two.
. "$(dirname "$0")/lib.sh"

STRUCT=$SRC/tests/corpora/l10n-structure

l10n_run() {
	folio -C "$STRUCT/corpus" l10n "$@" >actual 2>err; echo $? >status
}

has_line() {
	printf '%s\n' "$1" >expect-line &&
	grep -Fx -f expect-line actual >found &&
	test_cmp expect-line found
}

test_expect_success 'text: counts and the first heading without a counterpart' '
	l10n_run &&
	expect_status 0 &&
	test_cmp "$STRUCT/structure.text" actual &&
	test_cmp /dev/null err
'

test_expect_success 'json: incomplete, the counts of both, and the heading' '
	l10n_run --format json &&
	expect_status 0 &&
	test_cmp "$STRUCT/structure.json" actual
'

test_expect_success 'a lost section names its heading, not the one after it' '
	l10n_run &&
	has_line "            incomplete: 2 of 3 headings, 4 of 5 paragraphs, 0 of 1 tables; first heading without a counterpart: '\''Deuxième partie'\'' (line 20 of the original)"
'

test_expect_success 'sections alike: the one left out is the last, as when a translator stopped' '
	l10n_run &&
	has_line "            incomplete: 2 of 3 headings, 2 of 3 paragraphs; first heading without a counterpart: '\''Trois'\'' (line 17 of the original)"
'

test_expect_success 'a shorter section is named when no heading is lost' '
	l10n_run &&
	has_line "            incomplete: 4 of 5 paragraphs; the first section with fewer blocks is '\''Première partie'\'' (line 11 of the original)"
'

test_expect_success 'a lost link in the introduction' '
	l10n_run &&
	has_line "            incomplete: 0 of 1 links; the text before the first heading has fewer blocks"
'

test_expect_success 'a stale translation is also compared' '
	l10n_run --format json &&
	grep -F "\"de\":{\"state\":\"stale\",\"file\":\"soins/de.md\",\"updated\":\"2024-02\",\"based_on\":\"2024-01\",\"months_behind\":2,\"change\":\"unknown\",\"changes\":{},\"incomplete\":true," actual
'

test_expect_success 'more blocks than the original is not incomplete' '
	l10n_run --format json &&
	grep -F "\"ar\":{\"state\":\"current\",\"file\":\"soins/ar.md\",\"updated\":\"2024-03\",\"based_on\":\"2024-03\",\"incomplete\":false}" actual
'

test_expect_success 'the summary counts incomplete translations' '
	l10n_run &&
	has_line "en              2      0        0       0        0           2                0      100%                   0           2"
'

test_expect_success '--check=incomplete fails, --check=stale only on de' '
	l10n_run --check=incomplete --lang ar &&
	expect_status 0 &&
	l10n_run --check=incomplete --lang nl &&
	expect_status 1 &&
	l10n_run --check=stale --lang en,nl &&
	expect_status 0 &&
	l10n_run --check=stale &&
	expect_status 1
'

test_done
