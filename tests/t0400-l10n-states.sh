#!/bin/sh
# t0400-l10n-states: every article state of SPEC 7.1 (current, stale,
# missing, orphan, invalid) in the text, json and github formats, with
# --lang and PATHs.
#
# tests/corpora/l10n-states/corpus has one article id per situation:
#   alpha  fr original; en current, de stale (4 months), nl invalid (based
#          on a date later than the original)
#   beta   written in Dutch first: fr current (2024-02 equals 2024-02-15),
#          en invalid (names fr as its original), de missing
#   gamma  en orphan: no original
#   delta  fr original; de invalid (broken YAML: the report goes on),
#          nl invalid (a second original), en missing
# The expected outputs are beside it (states.text, states.json ...).
. "$(dirname "$0")/lib.sh"

STATES=$SRC/tests/corpora/l10n-states

# expect_status N: the exit status saved in ./status is N.
# l10n_text / l10n_json: run l10n on the corpus, keep stdout, stderr, status.
l10n_text() {
	folio -C "$STATES/corpus" l10n "$@" >actual 2>err; echo $? >status
}

# has_line TEXT: ./actual holds exactly this line.
has_line() {
	printf '%s\n' "$1" >expect-line &&
	grep -Fx -f expect-line actual >found &&
	test_cmp expect-line found
}

test_expect_success 'text: the table and the details of every language' '
	l10n_text &&
	expect_status 0 &&
	test_cmp "$STATES/states.text" actual &&
	test_cmp /dev/null err
'

test_expect_success 'json: SPEC 7.2 shape' '
	l10n_text --format json &&
	expect_status 0 &&
	test_cmp "$STATES/states.json" actual &&
	test_cmp /dev/null err
'

test_expect_success 'github: one annotation per state, errors under --check' '
	l10n_text --format github --check &&
	expect_status 1 &&
	test_cmp "$STATES/states.github" actual
'

test_expect_success 'state current: same date, and 2024-02 equals 2024-02-15' '
	l10n_text &&
	has_line "  current   alpha/en.md  based on 2024-03, the original'\''s date" &&
	has_line "  current   beta/fr.md  based on 2024-02, the original'\''s date"
'

test_expect_success 'state stale: both dates, months behind and words' '
	l10n_text &&
	has_line "  stale     alpha/de.md  based on 2023-11, original updated 2024-03 (4 months behind), 14 words; change: unknown (no base: dated only)" &&
	l10n_text --format json &&
	grep -F "\"de\":{\"state\":\"stale\",\"file\":\"alpha/de.md\",\"updated\":\"2023-12\",\"based_on\":\"2023-11\",\"months_behind\":4,\"change\":\"unknown\",\"changes\":{},\"incomplete\":false}" actual
'

test_expect_success 'state missing: the file to create and the words of the original' '
	l10n_text &&
	has_line "  missing   beta/de.md   original beta/nl.md (2024-02-15), 14 words" &&
	has_line "  missing   delta/en.md  original delta/fr.md (2024-06), 13 words"
'

test_expect_success 'state orphan: a translation without an original' '
	l10n_text &&
	has_line "  orphan    gamma/en.md  translated from '\''fr'\'' 2024-01, but no article '\''gamma'\'' is an original" &&
	l10n_text --format json &&
	grep -F "{\"id\":\"gamma\",\"original\":null,\"translations\":{\"en\":{\"state\":\"orphan\"" actual
'

test_expect_success 'state invalid: later than the original, another language, a second original' '
	l10n_text &&
	has_line "  invalid   alpha/nl.md  line 8: '\''translated_from.updated'\'' 2024-05 is later than the original'\''s '\''updated'\'' 2024-03" &&
	has_line "  invalid   beta/en.md   line 7: translated from '\''fr'\'', but the original beta/nl.md is in '\''nl'\''" &&
	has_line "  invalid   delta/nl.md  line 2: a second original of '\''delta'\'' (no '\''translated_from'\''): the original is delta/fr.md"
'

test_expect_success 'state invalid: broken frontmatter gives the reason, the rest is reported' '
	l10n_text &&
	has_line "  invalid   delta/de.md  line 4: malformed yaml: mapping values are not allowed in this context (a value that holds '\'': '\'' must be quoted: key: \"a value : like this\") [yaml-syntax]" &&
	has_line "  stale     alpha/de.md  based on 2023-11, original updated 2024-03 (4 months behind), 14 words; change: unknown (no base: dated only)"
'

test_expect_success 'an original in Dutch: fr is a translation, coverage counts it' '
	l10n_text &&
	has_line "fr              1      0        0       0        0           0                0      100%                   0           1"
'

test_expect_success 'workload: "de: 1 missing, 1 stale, 1 invalid, about 28 words"' '
	l10n_text &&
	has_line "de: 1 missing, 1 stale, 1 invalid, about 28 words"
'

test_expect_success '--lang de: the German translator sees only German' '
	l10n_text --lang de &&
	expect_status 0 &&
	test_cmp "$STATES/states-de.text" actual
'

test_expect_success '--lang twice and comma-separated are the same' '
	l10n_text --lang de --lang en --format json &&
	mv actual twice &&
	l10n_text --lang de,en --format json &&
	test_cmp twice actual &&
	grep "^{\"source_language\":\"fr\",\"languages\":\[\"en\",\"de\"\],$" actual
'

test_expect_success 'PATHs restrict the articles reported' '
	l10n_text alpha &&
	expect_status 0 &&
	test_cmp "$STATES/states-alpha.text" actual
'

test_expect_success 'output does not depend on -j' '
	l10n_text --format json -j 1 &&
	mv actual one &&
	l10n_text --format json -j 8 &&
	test_cmp one actual
'

test_expect_success 'l10n never writes into the corpus' '
	cp -R "$STATES/corpus" c &&
	(cd c && find . -type f | sort | xargs cksum) >before &&
	folio -C c l10n >/dev/null 2>&1 &&
	folio -C c l10n --format html >/dev/null 2>&1 &&
	(cd c && find . -type f | sort | xargs cksum) >after &&
	test_cmp before after
'

test_done
