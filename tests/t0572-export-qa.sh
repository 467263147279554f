#!/bin/sh
# t0572-export-qa: a translation that validate fails for translation QA
# (SPEC 13: a number, a unit or a phone number that differs from the
# original's) is not exported, in every format: its errors are printed,
# the other pages are exported, exit 1 (SPEC 8).  `rules:` levels and
# ignore directives decide as they do in validate, for every rule.
. "$(dirname "$0")/lib.sh"
# a number and its unit are joined by a no-break space (typography)
nbsp=$(printf '\302\240')

setup() {
	make_corpus "fr en de" &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Prenez 500 mg deux fois par jour ; appelez le 0800 15 801.
	EOF
	write_article a/en.md <<-\EOF &&
	---
	id: a
	lang: en
	title: Title
	updated: 2024-01
	status: draft
	translated_from:
	  lang: fr
	  updated: 2024-01
	---
	Take 50 mg twice a day; call 0800 15 802.
	EOF
	write_article a/de.md <<-\EOF
	---
	id: a
	lang: de
	title: Titel
	updated: 2024-01
	status: draft
	translated_from:
	  lang: fr
	  updated: 2024-01
	---
	Nehmen Sie 500 mg zweimal täglich; rufen Sie 0800 15 801 an.
	EOF
}

for fmt in html xhtml text; do
	ext=$fmt
	test "$fmt" = text && ext=txt
	# an e-book tree: <lang>/EPUB/<slug>.xhtml
	sub=
	test "$fmt" = xhtml && sub=/EPUB
	test_expect_success "$fmt: the wrong dose is not published, the rest is" '
		setup &&
		{ folio export --to '$fmt' --include-drafts -o o >out 2>err; echo $? >status; } && expect_status 1 &&
		grep "a/en.md:.*missing number .500 mg.*\[qa-number\]" err &&
		grep "a/en.md:.*0800 15 802.*\[qa-phone\]" err &&
		test ! -e o/en'$sub'/a.'$ext' &&
		test -f o/de'$sub'/a.'$ext' && test -f o/fr'$sub'/a.'$ext'
	'
done

test_expect_success 'epub: the English book lacks the page' '
	setup &&
	{ folio export --to epub --include-drafts -o o >out 2>err; echo $? >status; } && expect_status 1 &&
	grep "\[qa-number\]" err &&
	unzip -l o/de.epub | grep -q "a\.xhtml" &&
	! { test -f o/en.epub && unzip -l o/en.epub | grep -q "a\.xhtml"; }
'

test_expect_success 'what validate passes is exported: rules lower the level' '
	setup &&
	printf "rules:\n  qa-number: warning\n  qa-phone: off\n" >>folio.yaml &&
	folio validate >vout 2>&1 &&
	folio export --to html --include-drafts -o o >out 2>err &&
	test -f o/en/a.html &&
	! grep "\[qa-" err
'

test_expect_success 'an ignore directive before the block lets it through' '
	setup &&
	sed "s/^Take 50/<!-- folio: ignore qa-number, qa-phone -->\n\nTake 50/" a/en.md >x &&
	mv x a/en.md &&
	folio export --to html --include-drafts -o o >out 2>err &&
	test -f o/en/a.html
'

test_expect_success 'a rule raised to error by rules: keeps the page out' '
	setup &&
	sed "s/0800 15 802/0800 15 801/; s/Take 50 mg/Take 500 mg/" a/en.md >x &&
	mv x a/en.md &&
	printf "See [the site](https://example.org/a).\n" >>a/fr.md &&
	printf "See the site.\n" >>a/en.md &&
	folio export --to html --include-drafts -o o >out 2>err &&
	test -f o/en/a.html &&
	printf "rules:\n  qa-link: error\n" >>folio.yaml &&
	rm -rf o &&
	{ folio export --to html --include-drafts -o o >out 2>err; echo $? >status; } && expect_status 1 &&
	grep "\[qa-link\]" err && test ! -e o/en/a.html
'

test_expect_success 'digits of two scripts and an untranslated paragraph: out only when raised to error' '
	setup && rm a/de.md &&
	sed "s/0800 15 802/0800 15 801/; s/Take 50 mg/Take 500 mg/" a/en.md >x &&
	mv x a/en.md &&
	printf "\nUne phrase assez longue pour compter ici.\n\nDose \331\243 mg.\n" >>a/fr.md &&
	printf "\nUne phrase assez longue pour compter ici.\n\nDose \331\243 mg or 3 mg.\n" >>a/en.md &&
	folio export --to html --include-drafts -o o >out 2>err &&
	test -f o/en/a.html &&
	for r in qa-digits qa-untranslated; do
		cp folio.yaml folio.keep &&
		printf "rules:\n  $r: error\n" >>folio.yaml &&
		rm -rf o &&
		{ folio export --to html --include-drafts -o o >out 2>err; echo $? >status; } &&
		expect_status 1 &&
		grep "\[$r\]" err && test ! -e o/en/a.html &&
		mv folio.keep folio.yaml || return 1
	done
'

test_expect_success 'a body rule lowered by rules: no longer keeps a page out' '
	setup &&
	sed "s/^Take 50/Take 500/; s/802/801/" a/en.md >x && mv x a/en.md &&
	printf "Voir ![](pic.png)\n" >>a/fr.md &&
	printf "See ![](pic.png)\n" >>a/en.md && : >a/pic.png &&
	{ folio export --to html --include-drafts -o o >out 2>err; echo $? >status; } && expect_status 1 &&
	grep "\[image-alt\]" err &&
	printf "rules:\n  image-alt: warning\n" >>folio.yaml &&
	folio validate >vout 2>&1 &&
	folio export --to html --include-drafts -o o >out 2>err &&
	test -f o/en/a.html && test -f o/fr/a.html
'

test_expect_success 'a translation that goes wrong keeps its last good page, and says so' '
	setup &&
	sed "s/^Take 50/Take 500/; s/802/801/" a/en.md >x && mv x a/en.md &&
	folio export --to html --include-drafts -o o >out 2>err &&
	grep -q "Take 500${nbsp}mg" o/en/a.html &&
	sed "s/^Take 500/Take 50/" a/en.md >x && mv x a/en.md &&
	{ folio export --to html --include-drafts -o o >out 2>err; echo $? >status; } && expect_status 1 &&
	grep "a/en.md:.*\[qa-number\]" err &&
	grep "\[page-kept\]" err &&
	grep -q "Take 500${nbsp}mg" o/en/a.html &&
	! ls -a o/en | grep -q "tmp" &&
	sed "s/^Take 50/Take 500/" a/en.md >x && mv x a/en.md &&
	folio export --to html --include-drafts -o o >out 2>err &&
	grep -q "Take 500${nbsp}mg" o/en/a.html
'

test_expect_success 'findings as validate gives them, each line the same' '
	setup &&
	folio validate >vout 2>&1;
	grep "error: .*\[qa-" vout | sort >expect &&
	{ folio export --to html --include-drafts -o o >out 2>err; echo $? >status; } && expect_status 1 &&
	grep "error: .*\[qa-" err | sort >actual &&
	test_cmp expect actual
'

test_expect_success 'a new language directory gets no page of the wrong translation, nor a leftover' '
	setup &&
	{ folio export --to html --include-drafts -o o >out 2>err; echo $? >status; } && expect_status 1 &&
	test -d o/en && ! test -e o/en/a.html &&
	test -z "$(ls -a o | grep "^\.en")" &&
	! grep "en/a.html" o/.folio-manifest-html
'

test_expect_success 'the glossary keeps a page out only when rules: makes it an error' '
	setup &&
	sed "s/^Take 50/Take 500/; s/802/801/; s/twice a day/twice a day with chemo/" a/en.md >x && mv x a/en.md &&
	printf -- "- fr: chimiothérapie\n  en: chemotherapy\n  forbidden: {en: [chemo]}\n" >_glossary.yaml &&
	folio validate >vout 2>&1;
	grep "\[qa-glossary\]" vout &&
	folio export --to html --include-drafts -o o >out 2>err &&
	test -f o/en/a.html &&
	printf "rules: {qa-glossary: error}\n" >>folio.yaml && rm -rf o &&
	{ folio export --to html --include-drafts -o o >out 2>err; echo $? >status; } && expect_status 1 &&
	grep "a/en.md:.*\[qa-glossary\]" err && test ! -e o/en/a.html
'

test_done
