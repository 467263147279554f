#!/bin/sh
# t0143-qa-directive: a <!-- folio: --> comment that says nothing folio
# knows (an unknown verb, a misspelt rule) is a warning at the comment
# (rule directive), since it silences nothing; a good one is silent.
. "$(dirname "$0")/lib.sh"

setup() {
	make_corpus "fr en" &&
	write_article n/fr.md <<-\EOF &&
	---
	id: n
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Prenez 500 mg.

	Appelez le 0800 15 801.

	Prenez 3 comprimés.
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
	<!-- folio: ignore qa-numbr -->

	Take 50 mg.

	<!-- folio: ignor qa-phone -->
	Call 0800 15 801.

	<!-- folio: ignore qa-number, qa-bogus, style:jargon -->
	<!-- a note for the translator -->

	Take 4 tablets.
	EOF
}

test_expect_success 'a misspelt rule or verb: a warning at the comment, and it silences nothing' '
	setup &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "n/en.md:9:1: warning: '\''folio: ignore'\'' names no rule: '\''qa-numbr'\'' (it silences nothing) [directive]" out &&
	grep -F "n/en.md:11:1: error: missing number '\''500 mg'\''" out &&
	grep -F "n/en.md:13:1: warning: unknown folio: directive '\''ignor'\''" out &&
	grep -F "n/en.md:16:1: warning: '\''folio: ignore'\'' names no rule: '\''qa-bogus'\''" out &&
	! grep "style:jargon" out &&
	! grep "translator" out &&
	! grep "missing number '\''3'\''" out
'

test_expect_success 'well-formed directives: no directive warning' '
	setup &&
	sed -e "s/qa-numbr/qa-number/" -e "s/ignor qa-phone/ignore qa-phone/" \
	    -e "s/, qa-bogus//" n/en.md >t && mv t n/en.md &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 0 &&
	! grep "\[directive\]" out
'

test_expect_success 'rules: can silence the directive rule like any other' '
	setup &&
	printf "rules: {directive: off}\n" >>folio.yaml &&
	folio validate >out 2>err;
	! grep "\[directive\]" out
'

test_done
