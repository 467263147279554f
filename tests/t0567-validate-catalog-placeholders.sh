#!/bin/sh
# t0567-validate-catalog-placeholders: a placeholder a catalog string's
# key does not take ({datum} for {date}) would be printed as typed, so
# export holds the language back; validate reports it too, with the same
# rule and message, and exits 1.
. "$(dirname "$0")/lib.sh"

corpus() {
	make_corpus "fr" &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre a
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	Texte.
	EOF
	mkdir -p _strings &&
	printf 'updated_on: "Mis à jour : {datum}"\nindex_title: Articles\n' >_strings/fr.yaml
}

test_expect_success 'validate reports an unknown placeholder of a catalog' '
	corpus &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	_strings/fr.yaml:1:13: error: unknown placeholder '"'"'{datum}'"'"' in '"'"'updated_on'"'"': it would be printed as it is (it takes {date}) [strings-placeholders]
	folio: 1 error, 0 warnings in 3 files
	EOF
	cat out err >actual &&
	test_cmp expect actual
'

test_expect_success 'export refuses the language with the same message' '
	corpus &&
	folio validate >verr 2>&1;
	folio export --to html 2>err; echo $? >status &&
	expect_status 1 &&
	grep "\[strings-placeholders\]$" verr >v &&
	grep "\[strings-placeholders\]$" err >e &&
	test_cmp v e &&
	grep -q "\[catalog-held\]$" err
'

test_expect_success 'a placeholder the key takes is fine' '
	corpus &&
	printf "updated_on: \"Mis à jour : {date}\"\n" >_strings/fr.yaml &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 0 &&
	! grep -q strings-placeholders err
'

test_done
