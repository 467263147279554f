#!/bin/sh
# t0566-export-book-links: an EPUB holds its pages and images only, so in
# the xhtml tree a site-absolute link becomes absolute from base_url (or
# its text alone without base_url) and a link to a file the book does not
# hold keeps its text alone; each is reported with book-link, and the
# book passes epubcheck.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/epub.sh"

corpus() {
	make_corpus "fr" &&
	mkdir -p a &&
	echo "%PDF-1.4" >a/notice.pdf &&
	cat >a/fr.md <<-\EOF
	---
	id: a
	lang: fr
	title: Titre a
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	## Aide

	Voir [l'aide](/aide/index.html), [la notice](notice.pdf),
	[le site](https://example.org/x) et [plus haut](#aide).
	EOF
}

test_expect_success 'with base_url: a site-absolute link becomes absolute, a file the book lacks is text' '
	corpus &&
	echo "base_url: https://www.example.org/" >>folio.yaml &&
	folio export --to xhtml 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	a/fr.md:11:6: warning: a link to the web site in a book: made absolute from base_url: '"'"'https://www.example.org/aide/index.html'"'"' [book-link]
	a/fr.md:11:34: warning: a link to a file the book does not hold: only its text is shown: '"'"'notice.pdf'"'"' [book-link]
	folio: 0 errors, 2 warnings in 1 file
	folio: 1 page exported (6 written, 0 unchanged)
	EOF
	test_cmp expect err &&
	p=out/xhtml/fr/EPUB/a.xhtml &&
	grep -q "<a href=\"https://www.example.org/aide/index.html\">l’aide</a>" $p &&
	! grep -q "href=\"notice.pdf\"" $p &&
	grep -q "la notice" $p &&
	grep -q "<a href=\"https://example.org/x\">" $p &&
	grep -q "<a href=\"#aide\">" $p &&
	if test -n "$EPUBCHECK"; then epubcheck_ok out/xhtml/fr; fi
'

test_expect_success 'without base_url: a site-absolute link is its text alone, reported' '
	corpus &&
	folio export --to xhtml 2>err; echo $? >status &&
	expect_status 0 &&
	grep "^a/fr.md:11:6: warning: a link to a file the book does not hold: only its text is shown: '"'"'/aide/index.html'"'"' (set base_url to link to the web site) \[book-link\]$" err &&
	! grep -q "href=\"/aide" out/xhtml/fr/EPUB/a.xhtml &&
	if test -n "$EPUBCHECK"; then epubcheck_ok out/xhtml/fr; fi
'

test_expect_success 'the web pages keep site-absolute links as written, and copy the file' '
	corpus &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "<a href=\"/aide/index.html\">" out/html/fr/a.html &&
	grep -q "<a href=\"files/a/notice.pdf\">" out/html/fr/a.html &&
	test_cmp a/notice.pdf out/html/fr/files/a/notice.pdf
'

test_done
