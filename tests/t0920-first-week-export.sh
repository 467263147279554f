#!/bin/sh
# t0920-first-week-export: what a patient would read wrong on a page:
# French spaces in an English fallback string, a stray comma in the
# thanks line, "Translated by" on an original, a link of an article to
# itself, code and emphasis spaced differently before a colon.
. "$(dirname "$0")/lib.sh"

# nbsp FILE: the file with U+00A0 as [NBSP] and U+202F as [NNBSP].
nbsp() {
	sed "s/$(printf '\302\240')/[NBSP]/g; s/$(printf '\342\200\257')/[NNBSP]/g" "$1"
}

test_expect_success 'an English fallback string gets no French spaces on a French page' '
	make_corpus "fr en" &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	reviewers:
	  - name: Jean Dupont
	---
	Un paragraphe.
	EOF
	folio export --to text >/dev/null 2>&1 &&
	nbsp out/text/fr/a.txt >actual &&
	grep -Fx "Updated: January 2024" actual &&
	mkdir _strings &&
	echo "updated_on: \"Mis à jour : {date}\"" >_strings/fr.yaml &&
	folio export --to text >/dev/null 2>&1 &&
	nbsp out/text/fr/a.txt >actual &&
	grep -Fx "Mis à jour[NBSP]: January 2024" actual
'

test_expect_success 'the thanks line closes up around a missing role and affiliation' '
	make_corpus "fr en" &&
	mkdir _strings &&
	echo "thanks: \"Merci à {name}, {role} ({affiliation}), pour sa relecture.\"" >_strings/fr.yaml &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	reviewers:
	  - name: Jean Dupont
	  - name: Ana Modèle
	    affiliation: CHU
	  - name: Paul Témoin
	    role: oncologue
	---
	Un paragraphe.
	EOF
	folio export --to html >/dev/null 2>&1 &&
	grep "^<p>Merci" out/html/fr/a.html >actual &&
	cat >expect <<-\EOF &&
	<p>Merci à Jean Dupont pour sa relecture.</p>
	<p>Merci à Ana Modèle (CHU) pour sa relecture.</p>
	<p>Merci à Paul Témoin, oncologue, pour sa relecture.</p>
	EOF
	test_cmp expect actual
'

test_expect_success 'a joint word before a missing value goes with it' '
	make_corpus "fr en" &&
	mkdir _strings &&
	echo "thanks: \"Merci à {name}, {role} à {affiliation}, pour sa relecture.\"" >_strings/fr.yaml &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	reviewers:
	  - name: Jean Dupont
	    role: oncologue
	---
	Un paragraphe.
	EOF
	folio export --to text >/dev/null 2>&1 &&
	grep -F "Merci" out/text/fr/a.txt >actual &&
	echo "Merci à Jean Dupont, oncologue, pour sa relecture." >expect &&
	test_cmp expect actual
'

test_expect_success 'translators on an original: no "Translated by"; on a translation: yes' '
	make_corpus "fr en" &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	translators: [Jean Dupont]
	---
	Un paragraphe.
	EOF
	write_article a/en.md <<-\EOF &&
	---
	id: a
	lang: en
	title: Title
	updated: 2024-01
	status: draft
	translators: [Ann Sample]
	translated_from: {lang: fr, updated: 2024-01}
	---
	A paragraph.
	EOF
	folio export --to html --include-drafts >/dev/null 2>&1 &&
	! grep -F "Translated by" out/html/fr/a.html &&
	! grep -F "Jean Dupont" out/html/fr/a.html &&
	grep -F "Translated by Ann Sample" out/html/en/a.html &&
	! grep -F "Translated by Ann Sample," out/html/en/a.html
'

test_expect_success 'an article related to itself is not linked to itself' '
	make_corpus "fr en" &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Premier
	updated: 2024-01
	status: draft
	related: [a, b]
	---
	Un paragraphe.
	EOF
	write_article b/fr.md <<-\EOF &&
	---
	id: b
	lang: fr
	title: Second
	updated: 2024-01
	status: draft
	---
	Un paragraphe.
	EOF
	folio export --to html --include-drafts >/dev/null 2>&1 &&
	grep -F "href=\"b.html\"" out/html/fr/a.html &&
	! grep -F "<a href=\"a.html\"" out/html/fr/a.html
'

test_expect_success 'code and emphasis before a colon get the same French space' '
	make_corpus "fr en" &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	La commande `ls`: liste. Le mot *liste*: liste. Le module `std`::vector.
	EOF
	folio export --to html --include-drafts >/dev/null 2>&1 &&
	nbsp out/html/fr/a.html >actual &&
	grep -F "<code>ls</code>[NBSP]: liste. Le mot <em>liste</em>[NBSP]: liste. Le module <code>std</code>::vector." actual
'

test_expect_success 'a link to another language: hreflang, and lang only on text in it' '
	make_corpus "fr de" &&
	mkdir _strings &&
	printf "language_names: {fr: français, de: allemand}\n" >_strings/fr.yaml &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Original
	updated: 2024-01
	status: draft
	---
	Un paragraphe.
	EOF
	write_article b/de.md <<-\EOF &&
	---
	id: b
	lang: de
	title: Deutsch
	updated: 2024-01
	status: draft
	related: [a]
	---
	Siehe [den Text](article:a).
	EOF
	folio export --to html --include-drafts >/dev/null 2>&1 &&
	grep -F "Siehe <a href=\"../fr/a.html\" hreflang=\"fr\">den Text</a>." out/html/de/b.html &&
	grep -F "<a href=\"../fr/a.html\" hreflang=\"fr\" lang=\"fr\"" out/html/de/b.html &&
	grep -F "<a href=\"../de/index.html\" hreflang=\"de\" lang=\"fr\" dir=\"ltr\">allemand</a>" out/html/fr/index.html
'

# one_page: a corpus of one French draft showing $1 as an image.
one_page() {
	make_corpus "fr en" &&
	echo "book_id: urn:folio:test" >>folio.yaml &&
	write_article a/fr.md <<-EOF
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	![Un schéma]($1)
	EOF
}

test_expect_success 'an SVG with a script is refused for an e-book, at its line' '
	one_page s.svg &&
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect width=\"1\" height=\"1\"/>\n<script>alert(1)</script>\n</svg>\n" >a/s.svg &&
	folio export --to xhtml --include-drafts >stdout 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "a/s.svg:3:1: error: SVG image refused for an e-book: it holds a <script> element; the pages that show it are not exported [svg-unsafe]" err &&
	test ! -e out/xhtml/fr/EPUB/images/a/s.svg
'

test_expect_success 'an SVG with an event attribute or a remote reference is refused' '
	one_page s.svg &&
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x()\"/>\n" >a/s.svg &&
	folio export --to xhtml --include-drafts >stdout 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "it holds a script in the attribute '\''onload'\''" err &&
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<image xlink:href=\"https://example.org/x.png\" width=\"1\" height=\"1\"/></svg>\n" >a/s.svg &&
	folio export --to xhtml --include-drafts >stdout 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "a/s.svg:2:1: error: SVG image refused for an e-book: it holds a reference outside the image ('\''https://example.org/x.png'\'')" err &&
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(https://x.org/a.css);</style></svg>\n" >a/s.svg &&
	folio export --to xhtml --include-drafts >stdout 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "a stylesheet that loads from outside the image (@import)" err
'

test_expect_success 'a plain SVG, with inner references, goes into the book' '
	one_page s.svg &&
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs><rect id=\"r\" width=\"1\" height=\"1\" style=\"fill:url(#g)\"/></defs><use xlink:href=\"#r\"/></svg>\n" >a/s.svg &&
	folio export --to xhtml --include-drafts >stdout 2>err; echo $? >status &&
	expect_status 0 &&
	cmp a/s.svg out/xhtml/fr/EPUB/images/a/s.svg
'

test_expect_success 'book_id makes the identifier; without it nor base_url, a warning' '
	one_page x.png &&
	folio export --to xhtml --include-drafts >stdout 2>err &&
	grep -o "urn:uuid:[0-9a-f-]*" out/xhtml/fr/EPUB/package.opf >id1 &&
	! grep -F "book_id" err &&
	sed "/book_id/d" folio.yaml >tmp && mv tmp folio.yaml &&
	folio export --to xhtml --include-drafts >stdout 2>err &&
	grep -o "urn:uuid:[0-9a-f-]*" out/xhtml/fr/EPUB/package.opf >id2 &&
	! test_cmp id1 id2 >/dev/null &&
	grep -F "folio.yaml: warning: neither '\''book_id'\'' nor '\''base_url'\'' is set" err &&
	echo "book_id: urn:folio:other" >>folio.yaml &&
	folio export --to xhtml --include-drafts >stdout 2>err &&
	grep -o "urn:uuid:[0-9a-f-]*" out/xhtml/fr/EPUB/package.opf >id3 &&
	! test_cmp id1 id3 >/dev/null
'

test_expect_success 'SOURCE_DATE_EPOCH out of range or not digits: exit 2, nothing written' '
	one_page x.png &&
	SOURCE_DATE_EPOCH=253402300800 folio export --to xhtml --include-drafts >stdout 2>err; echo $? >status &&
	expect_status 2 &&
	grep -F "folio: SOURCE_DATE_EPOCH must be seconds since 1970, from 0 to 253402300799 (9999-12-31), got '\''253402300800'\''" err &&
	test ! -e out &&
	SOURCE_DATE_EPOCH=1e9 folio export --to xhtml --include-drafts >stdout 2>err; echo $? >status &&
	expect_status 2 &&
	SOURCE_DATE_EPOCH=253402300799 folio export --to xhtml --include-drafts >stdout 2>err; echo $? >status &&
	expect_status 0 &&
	grep -F "<meta property=\"dcterms:modified\">9999-12-31T23:59:59Z</meta>" out/xhtml/fr/EPUB/package.opf
'

test_expect_success 'base_url with a query or a fragment is refused' '
	make_corpus "fr en" &&
	echo "base_url: https://example.org/site?lang=fr" >>folio.yaml &&
	folio validate >stdout 2>err; echo $? >status &&
	expect_status 2 &&
	grep -F "folio.yaml:3:11: error: '\''base_url'\'' must be an http or https URL without a query or fragment" stdout &&
	make_corpus "fr en" &&
	echo "base_url: https://example.org/#top" >>folio.yaml &&
	folio validate >stdout 2>err; echo $? >status &&
	expect_status 2
'

test_expect_success 'the index sorts Œ, Æ, Ł and « » among the letters, and ids fold them' '
	make_corpus "fr en" &&
	n=0 &&
	for t in "Zona" "Œdème" "« Dialogue »" "Ærosol" "Łódź" "Cancer" "Oreille"; do
		n=$((n + 1)) &&
		printf -- "---\nid: a%s\nlang: fr\ntitle: \"%s\"\nupdated: 2024-01\nstatus: draft\n---\n## %s\n" "$n" "$t" "$t" >a$n.md || return 1
	done &&
	folio export --to html --include-drafts >/dev/null 2>&1 &&
	nbsp out/html/fr/index.html >index &&
	sed -n "s/.*<a href=\"a[0-9]*.html\"[^>]*>\([^<]*\)<.*/\1/p" index >actual &&
	cat >expect <<-\EOF &&
	Ærosol
	Cancer
	«[NBSP]Dialogue[NBSP]»
	Łódź
	Œdème
	Oreille
	Zona
	EOF
	test_cmp expect actual &&
	grep -F "<h2 id=\"oedeme\">" out/html/fr/a2.html &&
	grep -F "<h2 id=\"lodz\">" out/html/fr/a5.html
'

test_expect_success 'an article skipped for an error folio.yaml silences is named' '
	make_corpus "fr en" &&
	echo "rules: {frontmatter: \"off\"}" >>folio.yaml &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	reviewers:
	  - name: Jean Dupont
	---
	Un paragraphe.
	EOF
	mkdir z && echo "no frontmatter" >z/en.md &&
	folio export --to html >actual 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	z/en.md: warning: not exported: its errors are silenced by '\''rules'\'' or '\''ignore'\'' in folio.yaml [ignore]
	folio: 0 errors, 1 warning in 2 files
	folio: 1 page exported (3 written, 0 unchanged), some articles skipped because of errors
	EOF
	test_cmp expect err &&
	test_cmp /dev/null actual &&
	test -f out/html/fr/a.html
'

test_done
