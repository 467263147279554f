#!/bin/sh
# t0564-export-withdrawn: export keeps a manifest of the files it wrote
# (OUT/.folio-manifest-FORMAT) and removes those it wrote before and no
# longer produces: a page set to draft, deleted, or renamed goes; a file
# it did not write stays; an article that now fails validation keeps its
# last good page, with a warning; a hand-edited or hostile manifest
# removes nothing outside what export wrote.
. "$(dirname "$0")/lib.sh"

# art PATH ID LANG [KEY: VALUE]...: a valid article, unless told
art() {
	art_path=$1 art_id=$2 art_lang=$3
	shift 3
	mkdir -p "$(dirname "$art_path")" &&
	{
		printf -- '---\nid: %s\nlang: %s\ntitle: Titre %s\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n' \
			"$art_id" "$art_lang" "$art_id" &&
		for line in "$@"; do printf '%s\n' "$line"; done &&
		printf -- '---\nTexte.\n'
	} >"$art_path"
}

corpus() {
	make_corpus "fr de" &&
	art a/fr.md a fr &&
	art b/fr.md b fr &&
	art c/fr.md c fr &&
	art a/de.md a de "translated_from:" "  lang: fr" "  updated: 2024-01"
}

test_expect_success 'an article set to draft, another deleted: their pages go, the index no longer lists them' '
	corpus &&
	folio export --to html -q &&
	test -f out/html/fr/b.html && test -f out/html/fr/c.html &&
	art b/fr.md b fr "status: draft" &&
	rm -r c &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 0 &&
	! test -e out/html/fr/b.html &&
	! test -e out/html/fr/c.html &&
	test -f out/html/fr/a.html &&
	! grep -q "b.html\|c.html" out/html/fr/index.html &&
	! grep -q "b.html\|c.html" out/html/.folio-manifest-html &&
	grep -q "^fr/a.html	[0-9a-f]\{16\}	a/fr.md$" out/html/.folio-manifest-html
'

test_expect_success 'a changed slug: the page under the old name goes' '
	corpus &&
	folio export --to text -q &&
	art a/fr.md a fr "slug: nouveau-nom" &&
	folio export --to text -q 2>err; echo $? >status &&
	expect_status 0 &&
	! test -e out/text/fr/a.txt &&
	test -f out/text/fr/nouveau-nom.txt
'

test_expect_success 'files export did not write stay, even in its directories' '
	corpus &&
	folio export --to html -q &&
	echo mine >out/html/fr/mine.html &&
	echo "User-agent: *" >out/html/robots.txt &&
	art b/fr.md b fr "status: draft" &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null err &&
	echo mine >expect && test_cmp expect out/html/fr/mine.html &&
	test -f out/html/robots.txt
'

test_expect_success 'an article that now fails validation keeps its last good page, with a warning' '
	corpus &&
	folio export --to html -q &&
	cp out/html/fr/b.html good.html &&
	printf "# Un titre de niveau 1\n" >>b/fr.md &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 1 &&
	grep "^b/fr.md: warning: not exported: this version has errors, the page of the last good export stays: '"'"'out/html/fr/b.html'"'"' \[page-kept\]$" err &&
	grep "^b/fr.md:10:1: error: .*\[heading-level\]$" err &&
	test_cmp good.html out/html/fr/b.html &&
	grep -q "^fr/b.html	" out/html/.folio-manifest-html &&
	art b/fr.md b fr &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0
'

test_expect_success '--lang and PATHs remove nothing of what they do not cover' '
	corpus &&
	folio export --to html -q &&
	art b/fr.md b fr "status: draft" &&
	folio export --to html -q --lang de 2>err; echo $? >status &&
	expect_status 0 &&
	test -f out/html/fr/b.html &&
	folio export --to html -q a/fr.md 2>err; echo $? >status &&
	expect_status 0 &&
	test -f out/html/fr/b.html &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	! test -e out/html/fr/b.html
'

test_expect_success 'a hostile manifest: nothing outside, no link followed, no file export did not write' '
	corpus &&
	folio export --to html -q &&
	mkdir -p outside && echo keep >outside/victim &&
	echo keep >out/html/fr/mine.html &&
	ln -s ../../../outside/victim out/html/fr/link.html &&
	ln -s ../../outside out/html/lnk &&
	m=out/html/.folio-manifest-html &&
	printf "../../outside/victim\t0000000000000000\n" >>$m &&
	printf "%s\t0000000000000000\n" "$PWD/outside/victim" >>$m &&
	printf "fr/../../../outside/victim\t-\n" >>$m &&
	printf "fr/link.html\t0000000000000000\n" >>$m &&
	printf "lnk/victim\t0000000000000000\n" >>$m &&
	printf "fr/mine.html\t0000000000000000\n" >>$m &&
	printf "./fr/a.html\n" >>$m &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-EOF &&
	out/html: warning: '"'"'fr/link.html'"'"' not removed: a symbolic link, which export never writes [manifest]
	out/html: warning: '"'"'fr/mine.html'"'"' not removed: its bytes are not those the last export wrote [manifest]
	out/html: warning: '"'"'lnk/victim'"'"' not removed: '"'"'lnk'"'"' is not a directory (a symbolic link?) [manifest]
	out/html/.folio-manifest-html:11:1: warning: manifest entry ignored: '"'"'../../outside/victim'"'"' is not a path inside the output directory [manifest]
	out/html/.folio-manifest-html:12:1: warning: manifest entry ignored: '"'"'$PWD/outside/victim'"'"' is not a path inside the output directory [manifest]
	out/html/.folio-manifest-html:13:1: warning: manifest entry ignored: '"'"'fr/../../../outside/victim'"'"' is not a path inside the output directory [manifest]
	out/html/.folio-manifest-html:17:1: warning: manifest entry ignored: '"'"'./fr/a.html'"'"' is not a path inside the output directory [manifest]
	folio: 0 errors, 7 warnings in 4 files
	folio: 4 pages exported (0 written, 7 unchanged)
	EOF
	test_cmp expect err &&
	echo keep >expect && test_cmp expect outside/victim &&
	test_cmp expect out/html/fr/mine.html &&
	test -h out/html/fr/link.html &&
	test -f out/html/fr/a.html &&
	! grep -q "outside\|mine\|link" $m
'

test_expect_success 'a manifest that is a symbolic link is not read, nor written through' '
	corpus &&
	folio export --to html -q &&
	printf "fr/a.html\t0000000000000000\n" >elsewhere &&
	rm out/html/.folio-manifest-html &&
	ln -s ../../elsewhere out/html/.folio-manifest-html &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 0 &&
	grep "^out/html/.folio-manifest-html: warning: manifest is not a regular file: ignored, nothing it names is removed \[manifest\]$" err &&
	printf "fr/a.html\t0000000000000000\n" >expect && test_cmp expect elsewhere &&
	! test -h out/html/.folio-manifest-html
'

test_expect_success 'the EPUB tree: a withdrawn page goes, the book still passes epubcheck' '
	. "$SRC/tests/epub.sh" &&
	corpus &&
	folio export --to xhtml -q &&
	art b/fr.md b fr "status: review" &&
	folio export --to xhtml -q 2>err; echo $? >status &&
	expect_status 0 &&
	! test -e out/xhtml/fr/EPUB/b.xhtml &&
	! grep -q "b.xhtml" out/xhtml/fr/EPUB/package.opf out/xhtml/.folio-manifest-xhtml &&
	if test -n "$EPUBCHECK"; then epubcheck_ok out/xhtml/fr; fi
'

test_expect_success 'the Nu HTML checker finds no error in the pages left' '
	vnu="$SRC/node_modules/vnu-jar/build/dist/vnu.jar" &&
	if ! [ -f "$vnu" ] || ! command -v java >/dev/null; then
		exit 0
	fi &&
	corpus &&
	folio export --to html -q &&
	art b/fr.md b fr "status: draft" &&
	folio export --to html -q &&
	java -jar "$vnu" --errors-only out/html/fr/*.html out/html/de/*.html >vnu.out 2>&1 ||
	{ cat vnu.out; false; }
'

test_done
