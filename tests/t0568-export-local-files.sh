#!/bin/sh
# t0568-export-local-files: a relative link to a file beside the article
# that is not an image (notice.pdf) is copied beside the web page as
# images are (files/<its path in the corpus>), its #fragment kept, so the
# link does not break; a link to an article's .md leads to its page; a
# file the corpus does not have and links out of the corpus stay as
# written, and a file no page links any more goes from the output.  A book cannot hold such a file: its
# link keeps its text alone, reported (book-link).
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/epub.sh"

corpus() {
	make_corpus "fr" &&
	mkdir -p a/docs b &&
	echo "%PDF-1.4" >a/notice.pdf &&
	echo "%PDF-1.4 schéma" >a/docs/plan.pdf &&
	cat >a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre a
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	## Aide

	Lire [la notice](notice.pdf), [le plan](docs/plan.pdf#page=2),
	[l’absent](absent.pdf), [b](../b/fr.md) et [le site](https://example.org/n.pdf).
	EOF
	cat >b/fr.md <<-\EOF
	---
	id: b
	lang: fr
	title: Titre b
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	Texte.
	EOF
}

test_expect_success 'the web page links a copy of each local file' '
	corpus &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	p=out/html/fr/a.html &&
	grep -q "<a href=\"files/a/notice.pdf\">la notice</a>" $p &&
	grep -q "<a href=\"files/a/docs/plan.pdf#page=2\">le plan</a>" $p &&
	test_cmp a/notice.pdf out/html/fr/files/a/notice.pdf &&
	test_cmp a/docs/plan.pdf out/html/fr/files/a/docs/plan.pdf &&
	grep -q "<a href=\"absent.pdf\">" $p &&
	grep -q "<a href=\"b.html\">b</a>" $p &&
	grep -q "<a href=\"https://example.org/n.pdf\">" $p &&
	! test -e out/html/fr/files/b
'

test_expect_success 'a file no page links any more goes from the output' '
	corpus &&
	folio export --to html -q &&
	sed "s/\[la notice\](notice.pdf)/la notice/" a/fr.md >t && mv t a/fr.md &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	! test -e out/html/fr/files/a/notice.pdf &&
	test -f out/html/fr/files/a/docs/plan.pdf &&
	test -f a/notice.pdf
'

test_expect_success 'the book keeps the text of such links, reported' '
	corpus &&
	folio export --to xhtml 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^a/fr.md:11:6: warning: a link to a file the book does not hold: only its text is shown: '"'"'notice.pdf'"'"' \[book-link\]$" err &&
	! grep -q "href=\"notice.pdf\"" out/xhtml/fr/EPUB/a.xhtml &&
	! test -e out/xhtml/fr/EPUB/files &&
	if test -n "$EPUBCHECK"; then epubcheck_ok out/xhtml/fr; fi
'

test_expect_success 'the Nu HTML checker finds no error in these pages' '
	vnu="$SRC/node_modules/vnu-jar/build/dist/vnu.jar" &&
	if ! [ -f "$vnu" ] || ! command -v java >/dev/null; then
		exit 0
	fi &&
	corpus &&
	folio export --to html -q &&
	java -jar "$vnu" --errors-only out/html/fr/*.html >vnu.out 2>&1 ||
	{ cat vnu.out; false; }
'

test_done
