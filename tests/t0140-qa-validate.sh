#!/bin/sh
# t0140-qa-validate: translation QA in validate (SPEC 13): numbers by value
# across locales, units, phone numbers, link targets, untranslated blocks,
# digit scripts, alignment, `rules:` and `<!-- folio: ignore -->`.
#
# tests/corpora/qa/basic: an original in French and translations that
# render it well (de, ar: other decimal marks, thousands, digits, times)
# or badly (en: a unit, a total, a phone digit, a link, a paragraph left
# in French), and a stale one (tr) that is not compared.
. "$(dirname "$0")/lib.sh"

QA=$SRC/tests/corpora/qa

use_basic() {
	cp -R "$QA/basic/." . &&
	add_catalogs fr en de ar tr
}

test_expect_success 'the findings of the en translation, and none for de, ar, tr' '
	use_basic &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$QA/basic.text" actual &&
	echo "folio: 3 errors, 2 warnings in 11 files" >expect-err &&
	test_cmp expect-err err
'

test_expect_success 'json: rule, position and message of each finding' '
	use_basic &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$QA/basic.json" actual
'

test_expect_success 'github: a qa finding as an annotation' '
	use_basic &&
	folio validate --format github >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "::error file=dose/en.md,line=16,col=6,title=qa-phone::phone number differs: '\''0800 15 810'\'' where the original has '\''0800 15 801'\'' (original dose/fr.md:15)" actual
'

test_expect_success 'a correct translation in another locale has no finding' '
	use_basic &&
	rm dose/en.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual
'

test_expect_success 'without the suppression, the ignored block is a finding' '
	use_basic &&
	sed "/folio: ignore/d" dose/fr.md >tmp && mv tmp dose/fr.md &&
	folio validate dose/en.md >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "dose/en.md:20:1: error: missing number '\''42'\'' (original dose/fr.md:20) [qa-number]" actual
'

test_expect_success 'a folio: directive is neither raw html nor exported' '
	use_basic &&
	folio validate dose/fr.md >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual &&
	folio export --to html -o out dose/fr.md >/dev/null 2>&1 &&
	! grep -r "folio: ignore" out
'

test_expect_success 'a stale translation is not compared; current again, it is' '
	use_basic &&
	folio validate dose/tr.md >actual 2>err; echo $? >status &&
	expect_status 0 &&
	sed "s/2023-06/2024-01/" dose/tr.md >tmp && mv tmp dose/tr.md &&
	folio validate dose/tr.md >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "dose/tr.md:12:1: error: missing number '\''500 mg'\'' (original dose/fr.md:11) [qa-number]" actual
'

test_expect_success 'rules: sets the level of qa rules and old ones, off says so' '
	use_basic &&
	printf "rules: {qa-number: warning, qa-unit: warning, qa-phone: warning, qa-link: error, qa-untranslated: off}\n" >>folio.yaml &&
	folio validate dose/en.md >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOT &&
	dose/en.md:12:1: warning: missing number '\''1 000 mg'\'' (original dose/fr.md:11) [qa-number]
	dose/en.md:12:6: warning: unit differs: '\''500 g'\'' where the original has '\''500 mg'\'' (original dose/fr.md:11) [qa-unit]
	dose/en.md:16:1: error: missing link target '\''article:dose'\'' (original dose/fr.md:15) [qa-link]
	dose/en.md:16:6: warning: phone number differs: '\''0800 15 810'\'' where the original has '\''0800 15 801'\'' (original dose/fr.md:15) [qa-phone]
	EOT
	test_cmp expect actual &&
	cat >expect-err <<-\EOT &&
	folio: note: rule '\''qa-untranslated'\'' is silenced by '\''rules'\'' in folio.yaml
	folio: 1 error, 3 warnings in 7 files
	EOT
	test_cmp expect-err err
'

test_expect_success 'rules: an old rule made an error fails the run' '
	use_basic &&
	rm dose/en.md &&
	printf "\n<hr>\n" >>dose/fr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	printf "rules:\n  raw-html: error\n" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "error: raw html is never rendered" actual
'

test_expect_success 'rules: an unknown rule or level is a positioned config error' '
	use_basic &&
	printf "rules:\n  qa-numbers: off\n" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	echo "folio.yaml:4:3: error: '\''rules'\'' names no validate rule: '\''qa-numbers'\'' [config]" >expect &&
	test_cmp expect actual &&
	use_basic &&
	printf "rules:\n  qa-number: loud\n" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	grep -F "folio.yaml:4:14: error:" actual
'

test_expect_success 'ignore: still silences a rule, a qa rule included' '
	use_basic &&
	printf "ignore: [qa-unit, qa-number, qa-phone]\n" >>folio.yaml &&
	folio validate dose/en.md >actual 2>err; echo $? >status &&
	expect_status 0 &&
	! grep -e qa-unit -e qa-number -e qa-phone actual &&
	grep -F "rule '\''qa-unit'\'' is silenced by '\''ignore'\''" err
'

test_expect_success 'alignment by section: an extra paragraph, the findings stay in their section' '
	use_basic &&
	sed "s/^## Contact$/## Contact\n\nA paragraph the original does not have./" dose/en.md >tmp &&
	mv tmp dose/en.md &&
	folio validate dose/en.md >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "dose/en.md:12:1: error: missing number '\''1 000 mg'\''" actual &&
	grep -F "dose/en.md:18:6: error: phone number differs" actual &&
	grep -F "dose/en.md:16:1: warning: missing link target '\''article:dose'\''" actual
'

test_expect_success 'alignment over the whole body: other headings, numbers still found' '
	use_basic &&
	sed "s/^## Contact$/Contact:/" dose/de.md >tmp && mv tmp dose/de.md &&
	printf "\n## Mehr\n\nText.\n\n## Noch mehr\n\n1 mg.\n" >>dose/de.md &&
	folio validate dose/de.md >actual 2>err; echo $? >status &&
	expect_status 0 &&
	sed "s/500 mg, also/50 mg, also/" dose/de.md >tmp && mv tmp dose/de.md &&
	folio validate dose/de.md >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "dose/de.md:12:1: error: missing number '\''500 mg'\'' (original dose/fr.md:11) [qa-number]" actual
'

test_expect_success 'qa-digits: Western digits in an article written in Arabic-Indic' '
	use_basic &&
	sed "s/٠٨٠٠ ١٥ ٨٠١/0800 15 801/" dose/ar.md >tmp && mv tmp dose/ar.md &&
	folio validate dose/ar.md >actual 2>err; echo $? >status &&
	expect_status 0 &&
	echo "dose/ar.md:16:13: warning: mixed digits: 9 Western digits in an article written with 19 Arabic-Indic digits [qa-digits]" >expect &&
	test_cmp expect actual
'

test_expect_success 'qa-digits: an Arabic-Indic digit written as a YAML escape in the title alone' '
	use_basic &&
	sed "s/^title: The 0.5 g dose$/title: \"The 0.5 g dose (\\\\u0662)\"/" dose/en.md >tmp &&
	mv tmp dose/en.md &&
	grep -F "title: \"The 0.5 g dose (\\u0662)\"" dose/en.md &&
	folio validate dose/en.md >actual 2>err; echo $? >status &&
	grep "^dose/en.md:4:24: warning: mixed digits: 1 Arabic-Indic digit in an article written with 21 Western digits \[qa-digits\]$" actual
'

test_expect_success 'qa-untranslated: short blocks and a translated block are not flagged' '
	use_basic &&
	sed "s/^Ce paragraphe est resté identique dans la traduction.$/This paragraph was translated./" dose/en.md >tmp &&
	mv tmp dose/en.md &&
	sed "s/^## Contact$/## Contact ici/" dose/en.md >tmp && mv tmp dose/en.md &&
	folio validate dose/en.md >actual 2>err; echo $? >status &&
	! grep qa-untranslated actual
'

test_expect_success 'qa-untranslated: a block left as written but for its case, accents and ß included' '
	use_basic &&
	sed "s/^Ce paragraphe est resté identique dans la traduction.$/Étape suivante : la Straße du traitement à l'\''hôpital./" dose/fr.md >tmp &&
	mv tmp dose/fr.md &&
	sed "s/^Ce paragraphe est resté identique dans la traduction.$/ÉTAPE SUIVANTE : LA STRASSE DU TRAITEMENT À L'\''HÔPITAL./" dose/en.md >tmp &&
	mv tmp dose/en.md &&
	folio validate dose/en.md >actual 2>err; echo $? >status &&
	grep "^dose/en.md:18:1: warning: untranslated paragraph, identical to the original: '\''ÉTAPE SUIVANTE : LA STRASSE DU TRAITEME...'\'' (original dose/fr.md:17) \[qa-untranslated\]$" actual
'

test_expect_success 'qa-untranslated: a block whose first words only are the original'\''s is translated' '
	use_basic &&
	sed "s/^Ce paragraphe est resté identique dans la traduction.$/Étape suivante du traitement à l'\''hôpital de jour./" dose/fr.md >tmp &&
	mv tmp dose/fr.md &&
	sed "s/^Ce paragraphe est resté identique dans la traduction.$/étape suivante du traitement at the day hospital./" dose/en.md >tmp &&
	mv tmp dose/en.md &&
	folio validate dose/en.md >actual 2>err; echo $? >status &&
	! grep qa-untranslated actual
'

test_expect_success 'a stale translation with a base text is compared with that text' '
	use_basic &&
	folio stamp dose/de.md >/dev/null 2>&1 &&
	sed "s/^Prenez 500 mg/Prenez 750 mg/; s/^updated: 2024-01/updated: 2024-02/" dose/fr.md >tmp &&
	mv tmp dose/fr.md &&
	folio validate dose/de.md >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual &&
	sed "s/täglich 500 mg/täglich 50 mg/" dose/de.md >tmp && mv tmp dose/de.md &&
	folio validate dose/de.md >actual 2>err; echo $? >status &&
	expect_status 1 &&
	digest=$(ls _base/dose | sed "s/^fr\.//; s/\.md$//") &&
	echo "dose/de.md:12:1: error: missing number '\''500 mg'\'' (original _base/dose/fr.$digest.md:11) [qa-number]" >expect &&
	test_cmp expect actual &&
	folio l10n --lang de >actual 2>err &&
	grep -xF "            qa: 1 error; line 12: missing number '\''500 mg'\'' (original _base/dose/fr.$digest.md:11) [qa-number]" actual
'

test_expect_success 'the same output whatever the number of workers' '
	use_basic &&
	folio validate -j 1 >one 2>/dev/null;
	folio validate -j 4 >four 2>/dev/null;
	test_cmp one four
'

test_expect_success 'a translation outside its id'"'"'s directory is compared all the same' '
	use_basic &&
	mkdir elsewhere && mv dose/en.md elsewhere/en.md &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 1 &&
	grep "\[qa-" out >actual &&
	grep "^dose/en.md:" "$QA/basic.text" | sed "s,^dose/en.md:,elsewhere/en.md:," >expect &&
	test_cmp expect actual &&
	folio l10n --format json >l10n.json 2>/dev/null;
	grep -F "missing number" l10n.json
'

test_expect_success 'a tel: link to other digits is qa-phone, in validate and export' '
	make_corpus "fr en" &&
	mkdir -p t &&
	printf -- "---\nid: t\nlang: fr\ntitle: T\nupdated: 2024-01\nstatus: draft\n---\nAppelez le [0800 15 801](tel:+3380015801).\n" >t/fr.md &&
	printf -- "---\nid: t\nlang: en\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from: {lang: fr, updated: 2024-01}\n---\nCall [0800 15 801](tel:+33-800-15-802).\n" >t/en.md &&
	{ folio --color never validate >actual 2>&1; echo $? >status; } &&
	expect_status 1 &&
	grep -F "t/en.md:9:20: error: phone number differs: link to '\''tel:+33-800-15-802'\'' where the original has '\''tel:+3380015801'\'' (original t/fr.md:8) [qa-phone]" actual &&
	! grep -F "[qa-link]" actual &&
	{ folio --color never export --to html --include-drafts -o o >out 2>err; echo $? >status; } &&
	expect_status 1 && grep -F "[qa-phone]" err && test ! -e o/en/t.html &&
	printf -- "---\nid: t\nlang: en\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from: {lang: fr, updated: 2024-01}\n---\nCall [0800 15 801](tel:+33-800-15-801).\n" >t/en.md &&
	folio --color never validate >actual 2>&1
'

test_done
