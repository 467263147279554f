#!/bin/sh
# t0440-l10n-check: the --check[=STATES] exit policy (SPEC 7.2), and what
# the sample corpus (articles/) tells its translators.
. "$(dirname "$0")/lib.sh"

STATES=$SRC/tests/corpora/l10n-states
SAMPLE=$SRC/articles

check() {
	folio -C "$STATES/corpus" l10n "$@" >out 2>err; echo $? >status
}

has_line() {
	printf '%s\n' "$1" >expect-line &&
	grep -Fx -f expect-line actual >found &&
	test_cmp expect-line found
}

test_expect_success 'without --check, l10n reports and exits 0' '
	check &&
	expect_status 0 &&
	test_cmp /dev/null err
'

test_expect_success '--check: any failing state exits 1 and says which' '
	check --check &&
	expect_status 1 &&
	echo "folio: l10n check failed: stale, missing, orphan, invalid" >expect-err &&
	test_cmp expect-err err
'

test_expect_success '--check= with an empty list is a usage error, not every state' '
	STATES_UNSET= &&
	check --check=$STATES_UNSET &&
	expect_status 2 &&
	echo "folio: --check= names no state: write --check alone for every state, or --check=STATES" >expect-err &&
	test_cmp expect-err err &&
	test_cmp /dev/null out &&
	check --check=, &&
	expect_status 2 &&
	echo "folio: --check='"','"' names no state: write --check alone for every state" >expect-err &&
	test_cmp expect-err err &&
	check --check=,stale &&
	expect_status 1
'

test_expect_success '--check=STATE for each state present' '
	for s in stale missing orphan invalid; do
		check --check=$s && expect_status 1 || return 1
	done
'

test_expect_success '--check=STATE for states absent exits 0' '
	check --check=incomplete &&
	expect_status 0 &&
	check --check=strings &&
	expect_status 0
'

test_expect_success '--check with --lang: only that language counts' '
	check --check=stale --lang en &&
	expect_status 0 &&
	check --check=stale --lang de &&
	expect_status 1 &&
	check --check=orphan --lang de,nl &&
	expect_status 0
'

test_expect_success '--check with PATHs: only those articles count' '
	check --check=orphan alpha beta &&
	expect_status 0 &&
	check --check=orphan gamma &&
	expect_status 1
'

test_expect_success '--check does not change the report' '
	check --format json &&
	mv out plain &&
	check --format json --check &&
	test_cmp plain out
'

test_expect_success '-q: the check is silent on stderr' '
	check -q --check &&
	expect_status 1 &&
	test_cmp /dev/null err
'

test_expect_success 'sample: nl has two current translations; de and tr are stale by date, en, ar and tr by a safety change' '
	folio -C "$SAMPLE" l10n >actual 2>err; echo $? >status &&
	expect_status 0 &&
	has_line "nl: 3 missing, 2 string problems, about 830 words" &&
	has_line "  current   immunotherapie-reponse/nl.md      based on 2024-02, the original'\''s date" &&
	has_line "  stale     immunotherapie-reponse/de.md      based on 2023-10, original updated 2024-02 (4 months behind), 446 words; change: unknown (no base: dated only)" &&
	has_line "  stale     systeme-immunitaire-cancer/tr.md  based on 2023-11, original updated 2024-06 (7 months behind), 270 words; change: unknown (no base: dated only)" &&
	has_line "  stale     immunotherapie-reponse/en.md      based on 2024-01, original updated 2024-02 (1 month behind), 446 words; change: safety (1 safety, 0 content, 0 editorial)" &&
	has_line "  current   immuno-oncologie/en.md            based on 2024-03, the original'\''s date"
'

test_expect_success 'sample: the nl catalog lacks stale_notice and translated_by' '
	folio -C "$SAMPLE" l10n --lang nl --format json >actual 2>err &&
	grep -F "\"nl\":{\"missing\":[\"stale_notice\",\"translated_by\"],\"empty\":[],\"obsolete\":[],\"placeholders\":[],\"length\":[],\"untranslated\":[]}" actual &&
	folio -C "$SAMPLE" l10n --lang nl --check=strings >actual 2>err; echo $? >status &&
	expect_status 1
'

test_expect_success 'sample: what a German translator runs' '
	folio -C "$SAMPLE" l10n --lang de >actual 2>err; echo $? >status &&
	expect_status 0 &&
	has_line "de: 2 missing, 1 stale, about 1,000 words" &&
	has_line "  missing   immuno-oncologie/de.md            original immuno-oncologie/fr.md (2024-03), 298 words" &&
	has_line "  current   approches-therapeutiques/de.md    based on 2024-05, the original'\''s date"
'

test_done
