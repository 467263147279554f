#!/bin/sh
# t0161-validate-section: an article's section that the reference
# catalog's sections do not name (a typo) is a warning at the value:
# its page would print the id as the section's label.
. "$(dirname "$0")/lib.sh"

# art ID SECTION: a draft French article in that section
art() {
	write_article $1/fr.md <<-EOF
	---
	id: $1
	lang: fr
	title: Titre
	section: $2
	updated: 2024-01
	status: draft
	---
	Un paragraphe.
	EOF
}

corpus() {
	make_corpus "fr en" &&
	mkdir _strings &&
	printf "sections:\n  espace-patients: Espace patients\n" >_strings/fr.yaml &&
	printf "sections:\n  traitements: Treatments\n" >_strings/en.yaml &&
	art a espace-patients &&
	art b traitements
}

test_expect_success 'a section the reference catalog does not name: a warning at the value' '
	corpus &&
	{ folio validate >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	b/fr.md:5:10: warning: section not named in the reference catalog'\''s '\''sections'\'' (_strings/fr.yaml): '\''traitements'\'' (its pages show the id as its label) [section]
	EOF
	test_cmp expect actual &&
	{ folio validate --strict >actual 2>err; echo $? >status; } &&
	expect_status 1
'

test_expect_success 'every section named, or no reference catalog: nothing to say' '
	corpus &&
	printf "  traitements: Traitements\n" >>_strings/fr.yaml &&
	{ folio validate >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	! grep -q "\[section\]" actual &&
	rm _strings/fr.yaml &&
	{ folio validate >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	! grep -q "\[section\]" actual
'

test_expect_success 'a reference catalog without sections: every section is said' '
	corpus &&
	printf "further_reading: Pour aller plus loin\n" >_strings/fr.yaml &&
	{ folio validate --format json >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	grep -F "\"line\":5,\"column\":10" actual &&
	test "$(grep -o "\"rule\":\"section\"" actual | wc -l)" = 2
'

test_expect_success 'rules: section off silences it' '
	corpus &&
	printf "rules:\n  section: off\n" >>folio.yaml &&
	{ folio validate >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	! grep -q "\[section\]" actual
'

test_done
