#!/bin/sh
# t0910-first-week-validate: what validate told nobody in an editor's
# first week: slug clashes that only export found, year 0000, a
# translation dated before the version it renders, names of spaces,
# translators on an original, an article related to itself, and the
# notes of silenced rules under -q.
. "$(dirname "$0")/lib.sh"

# art PATH ID LANG [EXTRA FRONTMATTER LINES]: a small draft article.
art() {
	mkdir -p "$(dirname "$1")" &&
	printf -- "---\nid: %s\nlang: %s\ntitle: Titre\nupdated: 2024-01\nstatus: draft\n%b---\nUn paragraphe.\n" \
		"$2" "$3" "$4" >"$1"
}

validate() {
	folio validate "$@" >actual 2>err; echo $? >status
}

test_expect_success 'slugs that differ only in case are reported by validate' '
	make_corpus "fr en" && add_catalogs fr en &&
	art a/fr.md a fr "slug: Commun\n" &&
	art b/fr.md b fr "slug: commun\n" &&
	art b/en.md b en "slug: commun\ntranslated_from:\n  lang: fr\n  updated: 2024-01\n" &&
	validate &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	a/fr.md:7:7: error: slug '\''Commun'\'' is also the slug of '\''b/fr.md'\'' in '\''fr'\'': both would write one file [slug]
	b/fr.md:7:7: error: slug '\''commun'\'' is also the slug of '\''a/fr.md'\'' in '\''fr'\'': both would write one file [slug]
	EOF
	test_cmp expect actual
'

test_expect_success 'the slug index (any case), or an id that is index, is reported' '
	make_corpus "fr en" && add_catalogs fr en &&
	art a/fr.md a fr "slug: INDEX\n" &&
	art index/fr.md index fr &&
	validate &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	a/fr.md:7:7: error: slug '\''INDEX'\'' is reserved: it would replace the language'\''s index.html [slug]
	index/fr.md:2:5: error: slug '\''index'\'' is reserved: it would replace the language'\''s index.html [slug]
	EOF
	test_cmp expect actual
'

test_expect_success 'validate and export agree on a clash' '
	make_corpus "fr en" && add_catalogs fr en &&
	art a/fr.md a fr "slug: Commun\n" &&
	art b/fr.md b fr "slug: commun\n" &&
	validate &&
	grep "\[slug\]" actual >from-validate &&
	folio export --to html --include-drafts >/dev/null 2>export-err;
	grep "\[slug\]" export-err >from-export &&
	test_cmp from-validate from-export
'

test_expect_success 'year 0000 is no date, in updated and review_due' '
	make_corpus "fr en" && add_catalogs fr en &&
	art a/fr.md a fr "review_due: 0000-01\n" &&
	sed "s/updated: 2024-01/updated: 0000-01/" a/fr.md >tmp && mv tmp a/fr.md &&
	validate &&
	expect_status 1 &&
	grep -F "a/fr.md:5:10: error: '\''updated'\'' must be a date YYYY-MM or YYYY-MM-DD, got '\''0000-01'\'' [schema]" actual &&
	grep -F "a/fr.md:7:13: error: '\''review_due'\'' must be a date YYYY-MM or YYYY-MM-DD, got '\''0000-01'\'' [schema]" actual &&
	folio schema "$SRC/schemas/article.schema.yaml" a/fr.md >/dev/null 2>&1; echo $? >status &&
	expect_status 1
'

test_expect_success 'a translation dated before what it renders: a warning' '
	make_corpus "fr en" && add_catalogs fr en &&
	art a/fr.md a fr "" &&
	sed "s/2024-01/2024-03/" a/fr.md >tmp && mv tmp a/fr.md &&
	art a/en.md a en "translated_from:\n  lang: fr\n  updated: 2024-03\n" &&
	validate &&
	expect_status 0 &&
	echo "a/en.md:5:10: warning: '\''updated'\'' is earlier than '\''translated_from.updated'\'': '\''2024-01'\'' before '\''2024-03'\'' (the page would show an older date than the version it renders) [translation-date]" >expect &&
	test_cmp expect actual &&
	validate --strict &&
	expect_status 1
'

test_expect_success 'a reviewer or translator name of spaces names no one' '
	make_corpus "fr en" && add_catalogs fr en &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	reviewers:
	  - name: "   "
	---
	Un paragraphe.
	EOF
	art a/en.md a en "translators: [\"\\\\u00A0 \"]\ntranslated_from:\n  lang: fr\n  updated: 2024-01\n" &&
	validate &&
	expect_status 1 &&
	grep -F "a/fr.md:7:11: error: '\''name'\'' must be a name, not only spaces, got '\''   '\'' [schema]" actual &&
	grep -F "a/en.md:7:15: error: '\''translators[0]'\'' must be a name, not only spaces" actual
'

test_expect_success 'translators on an original: a warning' '
	make_corpus "fr en" && add_catalogs fr en &&
	art a/fr.md a fr "translators: [Jean Dupont]\n" &&
	validate &&
	expect_status 0 &&
	echo "a/fr.md:7:1: warning: '\''translators'\'' on an original: it has no '\''translated_from'\'', so its pages credit no translator [translators-original]" >expect &&
	test_cmp expect actual
'

test_expect_success 'an article related to itself: a warning at the item' '
	make_corpus "fr en" && add_catalogs fr en &&
	art a/fr.md a fr "related: [b, a]\n" &&
	art b/fr.md b fr &&
	validate &&
	expect_status 0 &&
	echo "a/fr.md:7:14: warning: '\''related'\'' names the article itself: '\''a'\'' (it is not linked) [related-self]" >expect &&
	test_cmp expect actual
'

test_expect_success 'the new rules can be silenced' '
	make_corpus "fr en" && add_catalogs fr en &&
	echo "ignore: [related-self, translators-original, translation-date]" >>folio.yaml &&
	art a/fr.md a fr "related: [a]\ntranslators: [X]\n" &&
	validate &&
	expect_status 0 &&
	test_cmp /dev/null actual
'

test_expect_success '-q hides the notes of silenced rules, not the errors' '
	make_corpus "fr en" && add_catalogs fr en &&
	echo "ignore: [raw-html]" >>folio.yaml &&
	art a/fr.md a fr "updated: 2024-02\n" &&
	validate -q &&
	expect_status 1 &&
	! grep -F "is silenced" err &&
	grep -F "[yaml-duplicate-key]" actual &&
	validate &&
	grep -F "folio: note: rule '\''raw-html'\'' is silenced by '\''ignore'\'' in folio.yaml" err
'

test_expect_success 'a source URL with accents (an IRI) passes, and is percent-encoded in the page' '
	make_corpus "fr en" && add_catalogs fr en &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	sources:
	  - title: Immunothérapie
	    url: https://fr.wikipedia.org/wiki/Immunothérapie
	  - title: Espace
	    url: https://example.org/a b
	---
	Un paragraphe.
	EOF
	validate &&
	expect_status 1 &&
	echo "a/fr.md:11:10: error: '\''url'\'' must be an absolute IRI (a URI that may hold letters such as é), got '\''https://example.org/a b'\'' [schema]" >expect &&
	test_cmp expect actual &&
	sed "/Espace/,/a b/d" a/fr.md >tmp && mv tmp a/fr.md &&
	validate &&
	expect_status 0 &&
	folio export --to html --include-drafts >/dev/null 2>&1 &&
	grep -F "<a href=\"https://fr.wikipedia.org/wiki/Immunoth%C3%A9rapie\">Immunothérapie</a>" out/html/fr/a.html
'

test_expect_success 'a value with ": " unquoted: the message says to quote it' '
	make_corpus "fr en" && add_catalogs fr en &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Immunothérapie : comment ?
	updated: 2024-01
	---
	Un paragraphe.
	EOF
	validate &&
	expect_status 1 &&
	echo "a/fr.md:4:23: error: malformed yaml: mapping values are not allowed in this context (a value that holds '\'': '\'' must be quoted: key: \"a value : like this\") [yaml-syntax]" >expect &&
	test_cmp expect actual
'

test_expect_success 'an unclosed quote is reported where it opened' '
	make_corpus "fr en" && add_catalogs fr en &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: "Immunothérapie
	updated: 2024-01
	status: draft
	---
	Un paragraphe.
	EOF
	validate &&
	expect_status 1 &&
	echo "a/fr.md:4:8: error: malformed yaml: the quoted value that starts here has no closing quote (found unexpected end of stream while scanning a quoted scalar) [yaml-syntax]" >expect &&
	test_cmp expect actual
'

test_expect_success 'no string catalog: a warning for each language with articles, --strict fails' '
	make_corpus "fr en de" &&
	art a/fr.md a fr &&
	art a/de.md a de "translated_from: {lang: fr, updated: 2024-01}\n" &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	no_catalog de fr >expect &&
	test_cmp expect actual &&
	echo "folio: 0 errors, 2 warnings in 3 files" >expect-err &&
	test_cmp expect-err err &&
	folio validate --strict >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp expect actual
'

test_expect_success 'no catalog beside the source'\''s: the page would print the source'\''s strings; none for English by default' '
	make_corpus "fr en de" &&
	art a/fr.md a fr &&
	art a/en.md a en "translated_from: {lang: fr, updated: 2024-01}\n" &&
	folio validate >actual 2>err; echo $? >status &&
	no_catalog fr >expect &&
	test_cmp expect actual &&
	add_catalogs fr &&
	folio validate >actual 2>err; echo $? >status &&
	echo "_strings/en.yaml: warning: no string catalog for '\''en'\'': its pages would print the source language'\''s strings [strings-missing]" >expect &&
	test_cmp expect actual &&
	add_catalogs en &&
	folio validate --strict >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual
'

test_expect_success 'rules: can make a missing catalog an error' '
	make_corpus "fr en" &&
	echo "rules: {strings-missing: error}" >>folio.yaml &&
	art a/fr.md a fr &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	echo "_strings/fr.yaml: error: no string catalog for '\''fr'\'': its pages would print folio'\''s built-in English strings [strings-missing]" >expect &&
	test_cmp expect actual
'

test_expect_success 'a catalog named in another case is not read, and the warning says so' '
	make_corpus "fr en" &&
	art a/fr.md a fr &&
	mkdir _strings && cp "$SRC/articles/_strings/fr.yaml" _strings/FR.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	echo "_strings/fr.yaml: warning: no string catalog for '\''fr'\'': its pages would print folio'\''s built-in English strings ('\''_strings/FR.yaml'\'' is not read: file names are case-sensitive) [strings-missing]" >expect &&
	test_cmp expect actual
'

test_done
