#!/bin/sh
# t0144-qa-units: qa-unit (SPEC 13) where a translation keeps a number
# and loses or changes its unit: dropped (500 mg as 500), per mille for
# per cent, Fahrenheit for Celsius; a unit spelt out as a word is not a
# finding.
. "$(dirname "$0")/lib.sh"

setup() {
	make_corpus "fr en" && add_catalogs fr en &&
	write_article n/fr.md <<-\EOF &&
	---
	id: n
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Fièvre au-dessus de 38,5 °C.

	Prenez 500 mg.

	Dans 50 % des cas.

	Prenez 250 mg le soir.
	EOF
	write_article n/en.md <<-\EOF
	---
	id: n
	lang: en
	title: Title
	updated: 2024-01
	status: draft
	translated_from: {lang: fr, updated: 2024-01}
	---
	Fever above 38.5 °F.

	Take 500.

	In 50 ‰ of cases.

	Take 250 milligrams in the evening.
	EOF
}

test_expect_success 'a unit dropped or changed: qa-unit at the number; one spelt out: nothing' '
	setup &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	n/en.md:9:13: error: unit differs: '\''38.5 °F'\'' where the original has '\''38,5 °C'\'' (original n/fr.md:8) [qa-unit]
	n/en.md:11:6: error: unit differs: '\''500'\'' where the original has '\''500 mg'\'' (original n/fr.md:10) [qa-unit]
	n/en.md:13:4: error: unit differs: '\''50 ‰'\'' where the original has '\''50 %'\'' (original n/fr.md:12) [qa-unit]
	EOF
	test_cmp expect out
'

test_expect_success 'the units put right: no finding' '
	setup &&
	sed -e "s/38.5 °F/38.5 °C/" -e "s/Take 500\\./Take 500 mg./" -e "s/50 ‰/50 %/" n/en.md >t &&
	mv t n/en.md &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 0
'

arabic() {
	make_corpus "fr ar" && add_catalogs fr ar &&
	write_article n/fr.md <<-\EOF &&
	---
	id: n
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Fièvre au-dessus de 38,5 °C.

	Prenez 500 mg, soit 2 mg/kg, dans 1,5 l d'eau.

	Tension : 120 mmHg ; 100 µg.
	EOF
	write_article n/ar.md <<-\EOF
	---
	id: n
	lang: ar
	title: عنوان
	updated: 2024-01
	status: draft
	translated_from: {lang: fr, updated: 2024-01}
	---
	حمى فوق ٣٨٫٥ °م.

	خذ ٥٠٠ ملجم، أي ٢ ملغ/كجم، في ١٫٥ لتر من الماء.

	الضغط: ١٢٠ مم زئبق ؛ ١٠٠ ميكروغرام.
	EOF
}

test_expect_success 'Arabic spellings of units (°م, ملجم, كجم, لتر, مم زئبق, ميكروغرام) are the same units' '
	arabic &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 0 &&
	test_must_be_empty() { ! test -s "$1"; } &&
	test_must_be_empty out
'

test_expect_success 'an Arabic unit that is not the original'"'"'s still differs: °F for °C' '
	arabic &&
	sed "s/٣٨٫٥ °م/٣٨٫٥ °F/" n/ar.md >t && mv t n/ar.md &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 1 &&
	grep -q "^n/ar.md:9:.*error: unit differs: .٣٨٫٥ °F. where the original has .38,5 °C. .*\[qa-unit\]$" out
'

test_done
