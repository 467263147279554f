#!/bin/sh
# t0160-validate-sources: a source's url is held to the body's link-scheme
# rule: a scheme the page never links (javascript:, ftp:) is an error at
# the url's value, in validate and in export, which keeps the page out.
. "$(dirname "$0")/lib.sh"

corpus() {
	make_corpus "fr" && add_catalogs fr &&
	write_article a/fr.md <<-\EOF
	---
	id: a
	lang: fr
	title: Titre
	summary: Un résumé.
	updated: 2024-01
	status: published
	reviewers: [{name: X, role: r, affiliation: H}]
	sources:
	  - {title: "javascript: <x>", url: "javascript:alert(1)"}
	  - title: Une revue
	    url: https://example.org/revue
	  - title: Un fichier
	    url: ftp://example.org/a.pdf
	  - title: Sans lien
	---
	Un paragraphe.
	EOF
}

test_expect_success 'validate: each refused source url, at its value' '
	corpus &&
	{ folio validate >actual 2>err; echo $? >status; } &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	a/fr.md:10:37: error: source not linked, its url has a scheme folio never links to: '\''javascript:alert(1)'\'' (http, https, mailto and tel are) [link-scheme]
	a/fr.md:14:10: error: source not linked, its url has a scheme folio never links to: '\''ftp://example.org/a.pdf'\'' (http, https, mailto and tel are) [link-scheme]
	EOF
	test_cmp expect actual
'

test_expect_success 'validate --format json: the pointer of the url' '
	corpus &&
	{ folio validate --format json >actual 2>err; echo $? >status; } &&
	expect_status 1 &&
	grep -F "\"pointer\":\"/sources/0/url\"" actual &&
	grep -F "\"pointer\":\"/sources/2/url\"" actual
'

test_expect_success 'rules: link-scheme warning lets it pass; http and mailto pass' '
	corpus &&
	printf "rules:\n  link-scheme: warning\n" >>folio.yaml &&
	{ folio validate >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	test "$(grep -c "warning: source not linked" actual)" = 2 &&
	sed -e "s|javascript:alert(1)|mailto:a@example.org|" \
	    -e "s|ftp://example.org|http://example.org|" a/fr.md >t &&
	mv t a/fr.md &&
	{ folio validate >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	! grep -q "link-scheme" actual
'

test_expect_success 'export: the article with a refused source url is not exported' '
	corpus &&
	{ folio export --to html -o out >actual 2>err; echo $? >status; } &&
	expect_status 1 &&
	grep -F "a/fr.md:14:10: error: source not linked" err &&
	! test -f out/fr/a.html &&
	sed -e "s|javascript:alert(1)|https://example.org|" -e "s|ftp:|https:|" a/fr.md >t && mv t a/fr.md &&
	folio export --to html -o out >actual 2>err &&
	grep -F "<a href=\"https://example.org/a.pdf\"" out/fr/a.html
'

test_done
