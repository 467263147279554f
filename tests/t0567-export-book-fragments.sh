#!/bin/sh
# t0567-export-book-fragments: in a book, a link to a #fragment of its own
# page that no heading has would fail epubcheck: it keeps its text alone,
# reported at its line (book-link); the page's good #fragments stay, and
# the web page keeps the link as written.
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
	a/fr.md: warning: a link to a file the book does not hold: only its text is shown: '"'"'/x.html'"'"' (set base_url to link to the web site) [book-link]
	a/fr.md:11:28: warning: a link to a heading this page does not have: only its text is shown: '"'"'#nulle'"'"' [book-link]
	a/fr.md:12:6: warning: a link to a heading this page does not have: only its text is shown: '"'"'#nulle'"'"' [book-link]
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

test_done
