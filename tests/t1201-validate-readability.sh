#!/bin/sh
# validate's readability gates (SPEC 15): readability: in folio.yaml warns
# on each sentence longer than max_sentence_words, at its line, and on each
# article whose band is below min_band, at its title.
. "$(dirname "$0")/lib.sh"

setup() {
	make_corpus "fr en" && add_catalogs fr en &&
	printf 'readability:\n  max_sentence_words: %s\n  min_band: %s\n' "$1" "$2" >>folio.yaml &&
	write_article a/fr.md <<-\EOT
	---
	id: a
	lang: fr
	title: Un titre
	updated: 2024-01
	status: draft
	---
	Une phrase courte. Puis une phrase qui compte exactement neuf mots ici.

	- un point de liste avec une phrase bien plus longue que permis
	EOT
}

test_expect_success 'a sentence over max_sentence_words warns at its line and column' '
	setup 8 very-difficult &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOT &&
	a/fr.md:8:20: warning: sentence too long: 9 words, more than max_sentence_words 8 [readability]
	a/fr.md:10:3: warning: sentence too long: 12 words, more than max_sentence_words 8 [readability]
	EOT
	test_cmp expect actual
'

test_expect_success 'no warning at the limit; --strict fails on one' '
	setup 12 very-difficult &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 && test_cmp /dev/null actual &&
	setup 11 very-difficult &&
	folio validate --strict >actual 2>err; echo $? >status &&
	expect_status 1 && grep -c "\[readability\]" actual >n && echo 1 >one && test_cmp one n
'

test_expect_success 'an article below min_band warns at its title, with a pointer' '
	make_corpus "fr en" && add_catalogs fr en &&
	printf "readability:\n  min_band: standard\n" >>folio.yaml &&
	write_article a/en.md <<-\EOT &&
	---
	id: a
	lang: en
	title: Immunotherapy
	updated: 2024-01
	status: draft
	---
	Immunotherapy constitutes a complementary therapeutic approach necessitating multidisciplinary monitoring.
	EOT
	write_article b/en.md <<-\EOT &&
	---
	id: b
	lang: en
	title: Cancer
	updated: 2024-01
	status: draft
	---
	Cancer is a disease of the cells. Your doctor will help you.
	EOT
	folio validate --format json >actual; echo $? >status &&
	expect_status 0 &&
	grep "\"file\":\"a/en.md\",\"line\":4,\"column\":8,\"severity\":\"warning\",\"rule\":\"readability\",\"message\":\"hard to read: score 0.0 is .very-difficult., below min_band .standard. (Flesch)\",\"pointer\":\"/title\"" actual &&
	! grep "b/en.md" actual
'

test_expect_success 'Arabic has no band: only its sentences are gated' '
	make_corpus "fr ar" && add_catalogs fr ar &&
	printf "readability:\n  max_sentence_words: 3\n  min_band: very-easy\n" >>folio.yaml &&
	write_article a/ar.md <<-\EOT &&
	---
	id: a
	lang: ar
	title: عنوان
	updated: 2024-01
	status: draft
	---
	السرطان مرض في الخلايا. نعم.
	EOT
	folio validate >actual 2>err &&
	cat >expect <<-\EOT &&
	a/ar.md:8:1: warning: sentence too long: 4 words, more than max_sentence_words 3 [readability]
	EOT
	test_cmp expect actual
'

test_expect_success 'ignore: [readability] silences the gates, and says so' '
	setup 3 very-easy &&
	echo "ignore: [readability]" >>folio.yaml &&
	folio validate >actual 2>err &&
	test_cmp /dev/null actual &&
	grep "rule .readability. is silenced" err
'

test_expect_success 'bad readability: values are config errors at their position' '
	make_corpus "fr en" && add_catalogs fr en &&
	printf "readability:\n  max_sentence_words: 0\n  min_band: simple\n  other: 1\n" >>folio.yaml &&
	folio validate >actual 2>&1; echo $? >status &&
	expect_status 2 &&
	grep "^folio.yaml:4:23: error: .*\[schema\]" actual &&
	grep "^folio.yaml:5:13: error: .*\[schema\]" actual &&
	grep "^folio.yaml:6:3: error: .*other.*\[schema\]" actual
'

test_done
