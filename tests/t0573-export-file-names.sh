#!/bin/sh
# t0573-export-file-names: a body's link or image destination is a URL,
# so "mon%20image.png", "<mon image.png>" and "schéma.png" (raw UTF-8 or
# percent-encoded) name files of the corpus like plain names do: export
# copies them beside the pages (or into the book) and writes the copy's
# URL percent-encoded; validate reports a file that is really missing at
# its line and column.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/epub.sh"

png=$SRC/tests/golden/export/html/fr/images/douleur/reglette.png

corpus() {
	make_corpus "fr" && add_catalogs fr &&
	mkdir -p n &&
	cp "$png" "n/mon image.png" &&
	cp "$png" "n/schéma.png" &&
	echo "%PDF-1.4" >"n/ma notice.pdf" &&
	echo "%PDF-1.4 été" >"n/notice-été.pdf" &&
	cat >n/fr.md <<-\EOF
	---
	id: n
	lang: fr
	title: Titre
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	![Un](mon%20image.png)

	![Deux](<mon image.png>)

	![Trois](schéma.png) ![Quatre](sch%C3%A9ma.png)

	Voir [la notice](<ma notice.pdf>) et [l’été](notice-%C3%A9t%C3%A9.pdf).
	EOF
}

test_expect_success 'validate finds the files such names give' '
	corpus &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 0 &&
	echo "folio: 0 errors, 0 warnings in 3 files" >expect &&
	test_cmp expect err
'

test_expect_success 'a file really missing is reported at its line and column' '
	corpus &&
	printf "\n![Six](absent%%20x.png)\n" >>n/fr.md &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^n/fr.md:17:1: warning: image file not found: '"'"'absent%20x.png'"'"' \[local-target\]$" out
'

test_expect_success 'the web page shows copies of such images and files' '
	corpus &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	p=out/html/fr/n.html &&
	test $(grep -c "<img src=\"images/n/mon%20image.png\" alt=\"\(Un\|Deux\)\">" $p) = 2 &&
	grep -q "<img src=\"images/n/sch%C3%A9ma.png\" alt=\"Trois\">" $p &&
	grep -q "<img src=\"images/n/sch%C3%A9ma.png\" alt=\"Quatre\">" $p &&
	grep -q "<a href=\"files/n/ma%20notice.pdf\">la notice</a>" $p &&
	grep -q "<a href=\"files/n/notice-%C3%A9t%C3%A9.pdf\">l’été</a>" $p &&
	test_cmp "$png" "out/html/fr/images/n/mon image.png" &&
	test_cmp "$png" "out/html/fr/images/n/schéma.png" &&
	test_cmp "n/ma notice.pdf" "out/html/fr/files/n/ma notice.pdf" &&
	test_cmp "n/notice-été.pdf" "out/html/fr/files/n/notice-été.pdf"
'

test_expect_success 'the book holds such images' '
	corpus &&
	folio export --to xhtml -q 2>err; echo $? >status &&
	expect_status 0 &&
	b=out/xhtml/fr/EPUB &&
	grep -q "<img src=\"images/n/sch%C3%A9ma.png\" alt=\"Trois\"" $b/n.xhtml &&
	grep -q "href=\"images/n/mon%20image.png\"" $b/package.opf &&
	test_cmp "$png" "$b/images/n/schéma.png" &&
	test_cmp "$png" "$b/images/n/mon image.png"
'

test_expect_success 'an .epub names such a file without a space, two files stay two' '
	corpus &&
	cp "$png" n/mon-image.png &&
	printf "\n![Cinq](mon-image.png)\n" >>n/fr.md &&
	folio export --to epub -q 2>err; echo $? >status &&
	expect_status 0 &&
	unzip -Z1 out/epub/fr.epub >entries &&
	! grep " " entries &&
	grep -x "EPUB/images/n/mon-image-[0-9a-f]\{8\}\.png" entries >spaced &&
	grep -x "EPUB/images/n/mon-image.png" entries &&
	name=$(sed "s|^EPUB/||" spaced) &&
	unzip -p out/epub/fr.epub EPUB/n.xhtml >page &&
	grep -q "<img src=\"$name\" alt=\"Un\"" page &&
	grep -q "<img src=\"images/n/mon-image.png\" alt=\"Cinq\"" page &&
	unzip -p out/epub/fr.epub "EPUB/$name" >got && test_cmp "$png" got
'

if [ -n "$EPUBCHECK" ]; then
	test_expect_success 'epubcheck: that book has no error and no warning' '
		corpus &&
		folio export --to epub -q 2>err &&
		epubcheck_ok out/epub/fr.epub
	'
else
	test_skip 'epubcheck on the book' 'epubcheck (and java) not installed: make deps'
fi

test_done
