#!/bin/sh
# t0502-export-html-safety: what export refuses (SPEC 8, 8.2, 10):
# articles with validation errors are reported and not exported (exit 1),
# hostile bodies and frontmatter come out inert, slugs never lead outside
# the output directory, and a write that fails (exit 3) leaves no partial
# file behind.
. "$(dirname "$0")/lib.sh"

# art PATH ID LANG [KEY: VALUE]... <BODY: an article, valid unless told.
art() {
	art_path=$1 art_id=$2 art_lang=$3
	shift 3
	mkdir -p "$(dirname "$art_path")" &&
	{
		printf -- '---\nid: %s\nlang: %s\ntitle: Titre %s\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n' \
			"$art_id" "$art_lang" "$art_id" &&
		for line in "$@"; do printf '%s\n' "$line"; done &&
		printf -- '---\n' &&
		cat
	} >"$art_path"
}

# A corpus with one article in error in the body, one in error in the
# frontmatter, and two clean ones linking to them.
broken() {
	make_corpus "fr en" &&
	echo "Voir [b](article:b) et [c](article:c)." | art a/fr.md a fr "related: [b, c]" &&
	printf '# Un titre de niveau 1\n\nTexte.\n' | art b/fr.md b fr &&
	echo "Texte." | art c/fr.md c fr "related: [gone]" &&
	echo "Text <wbr>raw." | art d/fr.md d fr
}

test_expect_success 'articles with errors: reported, not exported; the others are (exit 1)' '
	broken &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	b/fr.md:9:1: error: level-1 heading in the body: the title is the page'"'"'s only level-1 heading, start at level 2 [heading-level]
	c/fr.md:8:11: error: '"'"'related'"'"' names an article that does not exist: '"'"'gone'"'"' [related-missing]
	folio: 2 errors, 0 warnings in 4 files
	folio: 2 pages exported (4 written, 0 unchanged), some articles skipped because of errors
	EOF
	test_cmp expect err &&
	(cd out/html && find . -type f ! -name ".folio-manifest-*" | LC_ALL=C sort) >actual &&
	printf "./fr/a.html\n./fr/d.html\n./fr/index.html\n./style.css\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'links to an article that is not exported become text, also when only its body is wrong' '
	broken &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 1 &&
	grep "^<p>Voir" out/html/fr/a.html >actual &&
	echo "<p>Voir b et c.</p>" >expect &&
	test_cmp expect actual &&
	! grep -q "class=\"related\"" out/html/fr/a.html &&
	! grep -q "b.html\|c.html" out/html/fr/index.html
'

test_expect_success 'with errors in bodies, the same bytes and report for -j 1 and -j 4' '
	broken &&
	folio export --to html -j 1 -o one 2>err1; echo $? >status &&
	expect_status 1 &&
	folio export --to html -j 4 -o four 2>err4; echo $? >status &&
	expect_status 1 &&
	diff -r one four &&
	sed "s/([0-9]* written, [0-9]* unchanged)//" err1 >e1 &&
	sed "s/([0-9]* written, [0-9]* unchanged)//" err4 >e4 &&
	test_cmp e1 e4
'

test_expect_success 'with errors in bodies, a second run leaves the index as it was' '
	broken &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 1 &&
	cp out/html/fr/index.html index-before &&
	touch -d "2001-02-03 04:05" out/html/fr/index.html &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp index-before out/html/fr/index.html &&
	test "$(find out/html/fr/index.html -newermt "2001-02-04")" = "" &&
	find out -name ".*" ! -name ".folio-manifest-*" >dots &&
	! test -s dots
'

test_expect_success 'with errors in bodies, a second run rewrites no page: each keeps its mtime' '
	broken &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 1 &&
	cp -r out/html before &&
	find out -type f -exec touch -d "2001-02-03 04:05" {} + &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 1 &&
	grep "(0 written, 4 unchanged)" err &&
	diff -r before out/html &&
	find out -newermt "2001-02-04" -type f ! -name ".folio-manifest-*" >newer &&
	test_cmp /dev/null newer &&
	find out -name ".*" ! -name ".folio-manifest-*" >dots &&
	! test -s dots
'

test_expect_success 'with errors in bodies, a page that changed is written once, a page that did not is left' '
	broken &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 1 &&
	find out -type f -exec touch -d "2001-02-03 04:05" {} + &&
	sed "s/^Voir/Lire/" a/fr.md >t && mv t a/fr.md &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 1 &&
	grep "(1 written, 3 unchanged)" err &&
	grep -q "^<p>Lire b et c.</p>$" out/html/fr/a.html &&
	(cd out && find . -newermt "2001-02-04" -type f ! -name ".folio-manifest-*") >newer &&
	echo ./html/fr/a.html >expect &&
	test_cmp expect newer &&
	find out -name ".*" ! -name ".folio-manifest-*" >dots &&
	! test -s dots
'

test_expect_success 'with errors in bodies, an empty language directory that exists gets the pages a new one does' '
	broken &&
	folio export --to html -q -o new 2>err; echo $? >status &&
	expect_status 1 &&
	mkdir -p empty/fr &&
	folio export --to html -o empty 2>err; echo $? >status &&
	expect_status 1 &&
	grep "(4 written, 0 unchanged)" err &&
	diff -r new empty &&
	find empty -name ".*" ! -name ".folio-manifest-*" >dots &&
	! test -s dots
'

test_expect_success 'a language whose every article fails has no index, in a new directory or not' '
	broken &&
	printf "# Un titre\n\nText.\n" |
		art b/en.md b en "translated_from: {lang: fr, updated: 2024-01}" &&
	folio export --to html -o new 2>err; echo $? >status &&
	expect_status 1 &&
	test -f new/fr/index.html &&
	! test -e new/en/index.html &&
	mkdir -p old/en && echo "before" >old/en/index.html &&
	folio export --to html -o old 2>err; echo $? >status &&
	expect_status 1 &&
	echo "before" >expect &&
	test_cmp expect old/en/index.html &&
	find new old -name ".*" ! -name ".folio-manifest-*" >dots &&
	! test -s dots
'

test_expect_success 'warnings do not stop a page, and export does not print them' '
	broken &&
	folio export --to html d 2>err; echo $? >status &&
	expect_status 0 &&
	! grep -q "raw-html" err &&
	grep -q "^<p>Text raw.</p>$" out/html/fr/d.html
'

test_expect_success 'the errors of articles outside the run are not reported (--lang, PATHs)' '
	broken &&
	echo "Text." | art a/en.md a en "translated_from: {lang: fr, updated: 2024-01}" &&
	folio export --to html --lang en 2>err; echo $? >status &&
	expect_status 0 &&
	! grep -q "error:" err &&
	folio export --to html -o o2 a d 2>err; echo $? >status &&
	expect_status 0 &&
	test -f o2/fr/a.html
'

test_expect_success 'a draft with errors is neither exported nor reported' '
	make_corpus &&
	printf "# H1\n" | art a/fr.md a fr "status: draft" &&
	echo "Text." | art b/fr.md b fr &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 0 &&
	! test -e out/html/fr/a.html &&
	folio export --to html --include-drafts 2>err; echo $? >status &&
	expect_status 1 &&
	grep -q "^a/fr.md:10:1: error: level-1 heading" err
'

test_expect_success 'the hostile corpus: every bad slug refused, nothing outside the output directory' '
	cp -R "$SRC/tests/corpora/export-hostile" c &&
	(cd c && folio export --to html 2>../err); echo $? >status &&
	expect_status 1 &&
	grep "\[slug\]" err >actual &&
	cat >expect <<-\EOF &&
	colon/fr.md:5:7: error: slug '"'"'javascript:alert'"'"' cannot name a page: it contains '"'"':'"'"' (use letters, digits, '"'"'-'"'"', '"'"'_'"'"' and '"'"'.'"'"') [slug]
	dotslug/fr.md:5:7: error: slug '"'"'.hidden'"'"' would name a hidden file: it starts with '"'"'.'"'"' [slug]
	escape/fr.md:5:7: error: slug '"'"'../../evil'"'"' could escape the output directory: it contains '"'"'..'"'"' [slug]
	index/fr.md:5:7: error: slug '"'"'index'"'"' is reserved: it would replace the language'"'"'s index.html [slug]
	twin-a/fr.md:5:7: error: slug '"'"'twin'"'"' is also the slug of '"'"'twin-b/fr.md'"'"' in '"'"'fr'"'"': both would write one file [slug]
	twin-b/fr.md:5:7: error: slug '"'"'Twin'"'"' is also the slug of '"'"'twin-a/fr.md'"'"' in '"'"'fr'"'"': both would write one file [slug]
	EOF
	test_cmp expect actual &&
	(cd c/out/html && find . ! -name ".folio-manifest-*" | LC_ALL=C sort) >actual &&
	printf ".\n./fr\n./fr/index.html\n./fr/xss.html\n./style.css\n" >expect &&
	test_cmp expect actual &&
	! find . -name "evil*" | grep -q . &&
	! find . -name ".hidden*" | grep -q .
'

test_expect_success 'the hostile corpus: no script but the JSON-LD, no javascript:, no event attribute' '
	cp -R "$SRC/tests/corpora/export-hostile" c &&
	(cd c && folio export --to html -q -o ../o); echo $? >status &&
	expect_status 1 &&
	grep -c "<script" o/fr/xss.html >count &&
	echo 1 >one && test_cmp one count &&
	grep -q "^<script type=\"application/ld+json\">" o/fr/xss.html &&
	! grep -i "javascript:\|vbscript:\|data:text\|data:image" o/fr/xss.html | grep -v "ld+json" &&
	! grep -iE "<[^>]* on[a-z]+=" o/fr/xss.html &&
	! grep -q "</script><script>" o/fr/xss.html &&
	grep -q "<title>&lt;/title&gt;&lt;script&gt;" o/fr/xss.html &&
	grep -q "\\\\u003c/script\\\\u003e" o/fr/xss.html
'

test_expect_success 'the hostile corpus: the page it writes passes the Nu HTML checker' '
	vnu="$SRC/node_modules/vnu-jar/build/dist/vnu.jar" &&
	if ! [ -f "$vnu" ] || ! command -v java >/dev/null; then exit 0; fi &&
	cp -R "$SRC/tests/corpora/export-hostile" c &&
	(cd c && folio export --to html -q -o ../o); echo $? >status &&
	expect_status 1 &&
	java -jar "$vnu" --errors-only o/fr/*.html >vnu.out 2>&1 ||
	{ cat vnu.out; false; }
'

test_expect_success 'a language directory that is a symlink out of the output directory: exit 3, nothing written there' '
	make_corpus &&
	echo "Text." | art a/fr.md a fr &&
	mkdir -p out/html outside &&
	ln -s ../../outside out/html/fr &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 3 &&
	grep -q "^out/html/fr: error: directory leads outside .out/html.: not written \[write\]" err &&
	find outside -type f >actual &&
	test_cmp /dev/null actual
'

test_expect_success 'a page that is a symlink is replaced, never written through' '
	make_corpus &&
	echo "Text." | art a/fr.md a fr &&
	echo "precious" >victim &&
	mkdir -p out/html/fr &&
	ln -s ../../../victim out/html/fr/a.html &&
	folio export --to html -q; echo $? >status &&
	expect_status 0 &&
	echo precious >expect && test_cmp expect victim &&
	! test -L out/html/fr/a.html &&
	grep -q "<h1>Titre a</h1>" out/html/fr/a.html
'

test_expect_success 'a page path taken by a directory: exit 3, the other pages written, no temporary left' '
	make_corpus &&
	echo "Text." | art a/fr.md a fr &&
	echo "Text." | art b/fr.md b fr &&
	mkdir -p out/html/fr/a.html &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 3 &&
	grep -q "^out/html/fr/a.html: error: cannot write: is a directory \[write\]" err &&
	test -f out/html/fr/b.html &&
	find out -name ".*" ! -name ".folio-manifest-*" >dots &&
	test_cmp /dev/null dots
'

test_expect_success 'an output directory that cannot be created: exit 3' '
	make_corpus &&
	echo "Text." | art a/fr.md a fr &&
	echo "a file" >file &&
	folio export --to html -o file/html 2>err; echo $? >status &&
	expect_status 3 &&
	grep -q "^file/html: error: cannot create directory: a path component is not a directory \[write\]" err
'

if [ "$(id -u)" = 0 ]; then
	test_skip 'a read-only output directory' 'running as root: permissions do not apply'
else
	test_expect_success 'a read-only output directory: exit 3, the old page intact, no partial file' '
		make_corpus &&
		echo "Text." | art a/fr.md a fr &&
		folio export --to html -q &&
		cp out/html/fr/a.html before &&
		echo "More text." | art a/fr.md a fr &&
		chmod a-w out/html/fr &&
		folio export --to html 2>err; echo $? >status;
		chmod u+w out/html/fr &&
		expect_status 3 &&
		grep -q "^out/html/fr/a.html: error: cannot write: permission denied \[write\]" err &&
		test_cmp before out/html/fr/a.html &&
		find out -name ".*" ! -name ".folio-manifest-*" >dots &&
		test_cmp /dev/null dots
	'
fi

test_expect_success 'a write error outranks article errors: exit 3' '
	broken &&
	echo "x" >out &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 3
'

test_done
