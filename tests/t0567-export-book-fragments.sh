#!/bin/sh
# t0567-export-book-fragments: in a book, a link to a #fragment of its own
# page that no heading has would fail epubcheck: it keeps its text alone,
# reported at its line (book-link); the page's good #fragments stay, and
# the web page keeps the link as written.  A link to a heading of another
# page of the book (article:b#x, ../b/fr.md#x) that the other page lacks
# leads to that page's top, reported at its line; a relative link to an
# article's Markdown file leads to its page, never to the source, and is
# its text alone when that page is not published.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/epub.sh"

corpus() {
	make_corpus "fr" &&
	write_article a/fr.md <<-\EOF
	---
	id: a
	lang: fr
	title: Titre a
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	## Aide

	Voir [plus haut](#aide) et [nulle part](#nulle),
	puis [encore](#nulle) et [le site](/x.html).
	EOF
}

test_expect_success 'the tree: a dangling #fragment is text, reported at its line' '
	corpus &&
	echo "book_id: urn:uuid:0b9e3c2c-8c1a-4d0e-9a43-0f5b5b7d1a11" >>folio.yaml &&
	folio export --to xhtml 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	a/fr.md:11:28: warning: a link to a heading this page does not have: only its text is shown: '"'"'#nulle'"'"' [book-link]
	a/fr.md:12:6: warning: a link to a heading this page does not have: only its text is shown: '"'"'#nulle'"'"' [book-link]
	a/fr.md:12:26: warning: a link to a file the book does not hold: only its text is shown: '"'"'/x.html'"'"' (set base_url to link to the web site) [book-link]
	folio: 0 errors, 3 warnings in 1 file
	folio: 1 page exported (6 written, 0 unchanged)
	EOF
	test_cmp expect err &&
	p=out/xhtml/fr/EPUB/a.xhtml &&
	grep -q "<a href=\"#aide\">plus haut</a>" $p &&
	! grep -q "href=\"#nulle\"" $p &&
	grep -q "nulle part" $p &&
	if test -n "$EPUBCHECK"; then epubcheck_ok out/xhtml/fr; fi
'

test_expect_success 'the zipped book too' '
	corpus &&
	echo "book_id: urn:uuid:0b9e3c2c-8c1a-4d0e-9a43-0f5b5b7d1a11" >>folio.yaml &&
	folio export --to epub 2>err; echo $? >status &&
	expect_status 0 &&
	test $(grep -c "'"'"'#nulle'"'"' \[book-link\]$" err) = 2 &&
	if test -n "$EPUBCHECK"; then epubcheck_ok out/epub/fr.epub; fi
'

test_expect_success 'the web page keeps the link as written' '
	corpus &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "<a href=\"#nulle\">nulle part</a>" out/html/fr/a.html
'

cross() {
	make_corpus "fr en" &&
	echo "book_id: urn:uuid:0b9e3c2c-8c1a-4d0e-9a43-0f5b5b7d1a11" >>folio.yaml &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre a
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	## Aide

	Voir [b dose](article:b#dose) et [b nulle](article:b#nulle).
	Puis [fichier](../b/fr.md), [fichier dose](../b/fr.md#dose),
	[fichier nulle](../b/fr.md#absente) et [brouillon](../c/fr.md).
	Enfin [sans titre](article:d#rien).
	EOF
	write_article b/fr.md <<-\EOF &&
	---
	id: b
	lang: fr
	title: Titre b
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	## Dose

	Texte.
	EOF
	write_article c/fr.md <<-\EOF &&
	---
	id: c
	lang: fr
	title: Titre c
	status: draft
	updated: 2024-01
	---
	Brouillon.
	EOF
	write_article d/fr.md <<-\EOF
	---
	id: d
	lang: fr
	title: Titre d
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	Pas de titre ici.
	EOF
}

test_expect_success 'a book: links to headings another page lacks lead to its top' '
	cross &&
	folio export --to xhtml 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	a/fr.md:11:34: warning: a link to a heading '"'"'article:b'"'"' does not have: it leads to the top of that page: '"'"'#nulle'"'"' [book-link]
	a/fr.md:13:1: warning: a link to a heading '"'"'article:b'"'"' does not have: it leads to the top of that page: '"'"'#absente'"'"' [book-link]
	a/fr.md:14:7: warning: a link to a heading '"'"'article:d'"'"' does not have: it leads to the top of that page: '"'"'#rien'"'"' [book-link]
	folio: 0 errors, 3 warnings in 3 files
	folio: 3 pages exported (8 written, 0 unchanged)
	EOF
	test_cmp expect err &&
	p=out/xhtml/fr/EPUB/a.xhtml &&
	grep -q "<a href=\"b.xhtml#dose\">b dose</a>" $p &&
	grep -q "<a href=\"b.xhtml\">b nulle</a>" $p &&
	grep -q "<a href=\"b.xhtml\">fichier</a>" $p &&
	grep -q "<a href=\"b.xhtml#dose\">fichier dose</a>" $p &&
	grep -q "<a href=\"b.xhtml\">fichier nulle</a>" $p &&
	grep -q "<a href=\"d.xhtml\">sans titre</a>" $p &&
	grep -q "brouillon" $p && ! grep -q "c/fr.md\|c.xhtml" $p &&
	if test -n "$EPUBCHECK"; then epubcheck_ok out/xhtml/fr; fi
'

test_expect_success 'a second run finds every page as it was' '
	cross &&
	folio export --to xhtml 2>/dev/null &&
	folio export --to xhtml 2>err &&
	tail -n 1 err >last &&
	echo "folio: 3 pages exported (0 written, 8 unchanged)" >expect &&
	test_cmp expect last
'

test_expect_success 'the zipped book passes epubcheck' '
	cross &&
	folio export --to epub 2>err; echo $? >status &&
	expect_status 0 &&
	test $(grep -c "it leads to the top of that page" err) = 3 &&
	if test -n "$EPUBCHECK"; then epubcheck_ok out/epub/fr.epub; fi
'

test_expect_success 'a web page: a link to an article'"'"'s file leads to its page' '
	cross &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 0 &&
	! grep -q "book-link" err &&
	p=out/html/fr/a.html &&
	grep -q "<a href=\"b.html\">fichier</a>" $p &&
	grep -q "<a href=\"b.html#dose\">fichier dose</a>" $p &&
	grep -q "<a href=\"b.html#absente\">fichier nulle</a>" $p &&
	grep -q "brouillon" $p && ! grep -q "c/fr.md\|c.html" $p &&
	! test -e out/html/files
'

test_expect_success 'a text page: a link to an article'"'"'s file is its text alone' '
	cross &&
	folio export --to text -q 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "Puis fichier, fichier dose" out/text/fr/a.txt &&
	! grep -q "fr\.md" out/text/fr/a.txt
'

test_expect_success 'validate: a link to a heading of a page with none is reported' '
	cross &&
	folio validate >err 2>&1; echo $? >status &&
	expect_status 0 &&
	grep -q "^a/fr.md:14:7: warning: link to a heading '"'"'article:d'"'"' does not have: '"'"'#rien'"'"' \[fragment\]$" err &&
	grep -q "^a/fr.md:11:34: warning: .*#nulle" err
'

test_done
