#!/bin/sh
# t0162-validate-same-ok: an item of a catalog's same_ok that names no key
# of that catalog exempts nothing: validate warns at the item.
. "$(dirname "$0")/lib.sh"

corpus() {
	make_corpus "fr en" &&
	mkdir _strings &&
	cat >_strings/fr.yaml <<-\EOF &&
	further_reading: Pour aller plus loin
	index_title: Articles
	sections:
	  espace-patients: Espace patients
	EOF
	cat >_strings/en.yaml <<-\EOF
	further_reading: Further reading
	index_title: Articles
	sections:
	  espace-patients: Patients
	same_ok: [index_title, sections, sections.espace-patients]
	EOF
}

test_expect_success 'same_ok naming keys, or a mapping above them: nothing to say' '
	corpus &&
	{ folio validate >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	test_cmp /dev/null actual
'

test_expect_success 'same_ok naming no key: a warning at each such item' '
	corpus &&
	echo "same_ok: [index_titel, index_title, sections.espace-patient]" >same &&
	sed "s/^same_ok:.*//" _strings/en.yaml >t && cat t same >_strings/en.yaml &&
	{ folio validate >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	_strings/en.yaml:6:11: warning: '\''same_ok'\'' names no key of this catalog: '\''index_titel'\'' (it exempts nothing) [strings-untranslated]
	_strings/en.yaml:6:37: warning: '\''same_ok'\'' names no key of this catalog: '\''sections.espace-patient'\'' (it exempts nothing) [strings-untranslated]
	EOF
	test_cmp expect actual &&
	{ folio validate --strict >actual 2>err; echo $? >status; } &&
	expect_status 1
'

test_done
