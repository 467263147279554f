#!/bin/sh
# t0142-qa-l10n: translation QA (SPEC 13) in l10n's report: each current
# translation's findings in the text detail, the JSON and the dashboard;
# a stale one is "not checked: base text unavailable".
. "$(dirname "$0")/lib.sh"

QA=$SRC/tests/corpora/qa

use_basic() {
	cp -R "$QA/basic/." .
}

test_expect_success 'text: the count and the first finding under a current translation' '
	use_basic &&
	folio l10n --lang en >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -F "  current   dose/en.md  based on 2024-01, the original'\''s date" actual &&
	grep -xF "            qa: 3 errors, 2 warnings; line 12: missing number '\''1 000 mg'\'' (original dose/fr.md:11) [qa-number]" actual
'

test_expect_success 'text: a clean translation has no qa line; a stale one is not checked' '
	use_basic &&
	folio l10n --lang de --lang tr >actual 2>err; echo $? >status &&
	grep -F "qa: " actual >qa-lines &&
	echo "            qa: not checked: base text unavailable" >expect &&
	test_cmp expect qa-lines &&
	grep -A2 -F "  stale     dose/tr.md" actual >stale &&
	grep -xF "            qa: not checked: base text unavailable" stale
'

test_expect_success 'json: checked, counts and first finding; stale not checked' '
	use_basic &&
	folio l10n --format json >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -F "\"qa\":{\"en\":{\"checked\":true,\"errors\":3,\"warnings\":2,\"first\":{\"line\":12,\"column\":1,\"rule\":\"qa-number\",\"message\":\"missing number '\''1 000 mg'\'' (original dose/fr.md:11)\"}},\"de\":{\"checked\":true,\"errors\":0,\"warnings\":0},\"ar\":{\"checked\":true,\"errors\":0,\"warnings\":0},\"tr\":{\"checked\":false,\"reason\":\"base text unavailable\"}}" actual
'

test_expect_success 'html: the dashboard marks a translation with findings' '
	use_basic &&
	folio l10n --format html >page.html 2>err &&
	grep -F "<span class=\"warn qa\" title=\"missing number &#39;1 000 mg&#39; (original dose/fr.md:11) [qa-number], line 12\">" page.html &&
	grep -F "QA: 3 errors, 2 warnings</span>" page.html
'

test_expect_success 'rules: and folio: ignore apply in l10n too' '
	use_basic &&
	printf "rules: {qa-number: off, qa-unit: warning}\n" >>folio.yaml &&
	folio l10n --lang en >actual 2>err; echo $? >status &&
	grep -xF "            qa: 1 error, 3 warnings; line 12: unit differs: '\''500 g'\'' where the original has '\''500 mg'\'' (original dose/fr.md:11) [qa-unit]" actual
'

test_expect_success 'the sample corpus: its one finding in the English detail' '
	folio -C "$SRC/articles" l10n --lang en >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -xF "            qa: 1 warning; line 25: glossary term '\''chimiothérapie'\'' not rendered as '\''chemotherapy'\'' (original immuno-oncologie/fr.md:20) [qa-glossary]" actual
'

test_done
