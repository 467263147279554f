#!/bin/sh
# t0141-qa-glossary: _glossary.yaml (SPEC 13): terms a translation must
# render, patterns for inflected forms, forbidden terms in every article
# of a language, keep names, and positioned errors in the file itself.
. "$(dirname "$0")/lib.sh"

fm() {	# fm ID LANG [translated]
	printf -- "---\nid: %s\nlang: %s\ntitle: T\nupdated: 2024-01\n" "$1" "$2"
	[ -n "${3:-}" ] && printf "translated_from: {lang: fr, updated: 2024-01}\n"
	printf "reviewers:\n  - name: X\n---\n\n"
}

setup() {
	printf "source_language: fr\nlanguages: [fr, en, de]\n" >folio.yaml &&
	add_catalogs fr en de &&
	mkdir -p a &&
	{ fm a fr; printf "L'\''immunothérapie agit sur le système immunitaire.\n\nLe nivolumab est une immunothérapie.\n"; } >a/fr.md &&
	{ fm a de t; printf "Die Immuntherapien wirken auf das Immunsystem.\n\nNivolumab ist eine Immuntherapie.\n"; } >a/de.md &&
	{ fm a en t; printf "Immunotherapy acts on the immune system.\n\nNivolumab is an immunotherapy.\n"; } >a/en.md &&
	cat >_glossary.yaml <<-\EOT
	- fr: immunothérapie
	  de: Immuntherapie
	  en: immunotherapy
	  pattern: {de: "Immuntherapien?"}
	  forbidden: {en: [immunotherapie], fr: [immuno-thérapie]}
	- fr: système immunitaire
	  de: Immunsystem
	  en: immune system
	- fr: nivolumab
	  keep: true
	EOT
}

test_expect_success 'terms rendered (inflected by a pattern, any case): no finding' '
	setup &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual
'

test_expect_success 'a term not rendered, at the translation block, naming the original' '
	setup &&
	sed "s/Immunotherapy acts/Immuno-oncology acts/" a/en.md >tmp && mv tmp a/en.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	echo "a/en.md:11:1: warning: glossary term '\''immunothérapie'\'' not rendered as '\''immunotherapy'\'' (original a/fr.md:10) [qa-glossary]" >expect &&
	test_cmp expect actual
'

test_expect_success 'a forbidden term, in a translation and in an original, at its column' '
	setup &&
	sed "s/Nivolumab is an immunotherapy/Nivolumab is an immunotherapy, an immunotherapie/" a/en.md >tmp && mv tmp a/en.md &&
	sed "s/Le nivolumab est une immunothérapie/Le nivolumab est une immuno-thérapie, une immunothérapie/" a/fr.md >tmp && mv tmp a/fr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOT &&
	a/en.md:13:35: warning: forbidden term '\''immunotherapie'\'': the glossary says '\''immunotherapy'\'' [qa-glossary]
	a/fr.md:12:22: warning: forbidden term '\''immuno-thérapie'\'': the glossary says '\''immunothérapie'\'' [qa-glossary]
	EOT
	test_cmp expect actual
'

test_expect_success 'a term inside a link target or code is no use of it' '
	setup &&
	printf "\nVoir [ici](https://example.org/immunotherapie) et \`immunotherapie\`.\n" >>a/en.md &&
	folio validate >actual 2>err; echo $? >status &&
	test_cmp /dev/null actual
'

test_expect_success 'keep: a name kept as written, case-sensitively' '
	setup &&
	sed "s/Nivolumab ist/NIVOLUMAB ist/" a/de.md >tmp && mv tmp a/de.md &&
	sed "s/Nivolumab is/Opdivo is/" a/en.md >tmp && mv tmp a/en.md &&
	folio validate >actual 2>err; echo $? >status &&
	cat >expect <<-\EOT &&
	a/de.md:13:1: warning: glossary name '\''nivolumab'\'' not kept as written (original a/fr.md:12) [qa-glossary]
	a/en.md:13:1: warning: glossary name '\''nivolumab'\'' not kept as written (original a/fr.md:12) [qa-glossary]
	EOT
	test_cmp expect actual
'

test_expect_success 'keep: a block of kept names only is not untranslated' '
	setup &&
	printf "\nNivolumab nivolumab nivolumab nivolumab.\n" >>a/fr.md &&
	printf "\nNivolumab nivolumab nivolumab nivolumab.\n" >>a/en.md &&
	printf "\nNivolumab nivolumab nivolumab nivolumab.\n" >>a/de.md &&
	folio validate >actual 2>err; echo $? >status &&
	test_cmp /dev/null actual
'

test_expect_success 'errors in the glossary: positioned; other entries still used' '
	setup &&
	cat >>_glossary.yaml <<-\EOT &&
	- fr: chimiothérapie
	  es: quimioterapia
	  en: chemotherapy
	  pattern: {en: "chemo(therapy"}
	- fr: Immunothérapie
	  de: Behandlung
	EOT
	sed "s/Immunotherapy acts/Immuno-oncology acts/" a/en.md >tmp && mv tmp a/en.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOT &&
	_glossary.yaml:12:3: error: unknown language '\''es'\'': not in '\''languages'\'' of folio.yaml [glossary]
	_glossary.yaml:14:31: error: bad pattern '\''chemo(therapy'\'' at offset 13: missing closing parenthesis [glossary]
	_glossary.yaml:15:7: error: duplicate term '\''Immunothérapie'\'' for '\''fr'\'': already at line 1 [glossary]
	a/en.md:11:1: warning: glossary term '\''immunothérapie'\'' not rendered as '\''immunotherapy'\'' (original a/fr.md:10) [qa-glossary]
	EOT
	test_cmp expect actual
'

test_expect_success 'a schema error does not hide a bad pattern, placed at its character' '
	setup &&
	cat >>_glossary.yaml <<-\EOT &&
	- fr: chimiothérapie
	  en: 3
	  pattern: {en: "chémo+*thérapie"}
	- fr: radiothérapie
	  en: radiotherapy
	  pattern:
	    en: radio{2,1}therapy
	EOT
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOT &&
	_glossary.yaml:12:7: error: '\''en'\'' must be a string, got integer '\''3'\'' [schema]
	_glossary.yaml:13:24: error: bad pattern '\''chémo+*thérapie'\'' at offset 7: quantifier does not follow a repeatable item [glossary]
	_glossary.yaml:17:18: error: bad pattern '\''radio{2,1}therapy'\'' at offset 9: numbers out of order in {} quantifier [glossary]
	EOT
	test_cmp expect actual
'

test_expect_success 'a glossary that breaks its schema: the schema error, at its node' '
	setup &&
	printf -- "- fr: x\n  keep: 3\n" >>_glossary.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "_glossary.yaml:12:9: error:" actual &&
	grep -F "[schema]" actual
'

test_expect_success 'qa-glossary off in rules: no finding, and said' '
	setup &&
	sed "s/Immunotherapy acts/Immuno-oncology acts/" a/en.md >tmp && mv tmp a/en.md &&
	printf "rules: {qa-glossary: off}\n" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	test_cmp /dev/null actual &&
	grep -F "rule '\''qa-glossary'\'' is silenced by '\''rules'\''" err
'

test_expect_success 'a term written with a long s (U+017F) is found as PCRE2 finds it' '
	setup &&
	{ fm a de t; printf "Die Immuntherapien wirken auf das Immun\305\277ystem.\n\nNivolumab ist eine Immuntherapie.\n"; } >a/de.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual
'

turkish() {
	printf "source_language: fr\nlanguages: [fr, tr]\n" >folio.yaml && add_catalogs fr tr &&
	mkdir -p a &&
	{ fm a fr; printf "L'\''immunothérapie aide le système immunitaire.\n\nLe SYSTÈME IMMUNITAIRE réagit. Il dit non.\n"; } >a/fr.md &&
	cat >_glossary.yaml <<-\EOT
	- fr: immunothérapie
	  tr: immünoterapi
	  forbidden: {tr: [ilaç tedavisi]}
	- fr: système immunitaire
	  tr: bağışıklık sistemi
	- fr: il
	  tr: ılık
	EOT
}

test_expect_success 'Turkish casing: İ is the capital of i, I of ı; capitals match, a forbidden term in capitals is found' '
	turkish &&
	{ fm a tr t; printf "İmmünoterapi bağışıklık sistemi için iyidir.\n\nBAĞIŞIKLIK SİSTEMİ tepki verir. ILIK. İLAÇ TEDAVİSİ.\n"; } >a/tr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	echo "a/tr.md:13:39: warning: forbidden term '\''İLAÇ TEDAVİSİ'\'': the glossary says '\''immünoterapi'\'' [qa-glossary]" >expect &&
	test_cmp expect actual
'

test_expect_success 'Turkish casing: I is not the capital of i, nor İ of ı' '
	turkish &&
	{ fm a tr t; printf "IMMÜNOTERAPI bağışıklık sistemi için iyidir.\n\nBAĞIŞIKLIK SİSTEMİ tepki verir. İLİK.\n"; } >a/tr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	a/tr.md:11:1: warning: glossary term '\''immunothérapie'\'' not rendered as '\''immünoterapi'\'' (original a/fr.md:10) [qa-glossary]
	a/tr.md:13:1: warning: glossary term '\''il'\'' not rendered as '\''ılık'\'' (original a/fr.md:12) [qa-glossary]
	EOF
	test_cmp expect actual
'

test_expect_success 'a _glossary.yaml that is not a file is said, not skipped' '
	printf "source_language: fr\nlanguages: [fr, en]\n" >folio.yaml && add_catalogs fr en &&
	mkdir _glossary.yaml &&
	{ folio --color never validate >actual 2>&1; echo $? >status; } &&
	expect_status 1 &&
	grep -x "_glossary.yaml: error: not a regular file \[io\]" actual
'

test_done
