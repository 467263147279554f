#!/bin/sh
# t0565-local-links-images: validate reports local images and relative
# links to files that are not there, and #fragments of the page that no
# heading has (ids made as the renderers make them); the HTML export
# copies an article's local images beside its page, as the EPUB does.
. "$(dirname "$0")/lib.sh"

png() {
	printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\10\0\0\0\0:~\233U\0\0\0\nIDATx\234c\0\0\0\2\0\1\345\'"'"'\336\374\0\0\0\0IEND\256B`\202' >"$1"
}

corpus() {
	make_corpus "fr" && add_catalogs fr &&
	mkdir -p a/img b &&
	png a/img/schema.png &&
	cat >a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre a
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	## Effets secondaires

	## Effets secondaires

	![Le schéma](img/schema.png) et [le même](img/schema.png?v=2#haut)
	voir [plus haut](#effets-secondaires), [le second](#effets-secondaires-2)
	et [b](../b/fr.md), [web](https://example.org/x.png), [site](/aide.html).
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
	## Dosage

	Voir ![Un manque](manque.png), [c](../c/fr.md) et [plus bas](#posologie).
	EOF
}

test_expect_success 'validate: missing image, missing file, dangling fragment, each at its place' '
	corpus &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	b/fr.md:11:31: warning: image file not found: '"'"'manque.png'"'"' [local-target]
	b/fr.md:11:47: warning: link to a file that does not exist: '"'"'../c/fr.md'"'"' [local-target]
	b/fr.md:11:72: warning: link to a heading this page does not have: '"'"'#posologie'"'"' [fragment]
	EOF
	test_cmp expect out &&
	folio validate --strict >out 2>err; echo $? >status &&
	expect_status 1
'

test_expect_success 'article:ID#FRAGMENT: the heading must exist in the page the link leads to' '
	corpus &&
	mkdir c &&
	cat >c/fr.md <<-\EOF &&
	---
	id: c
	lang: fr
	title: Titre c
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	Voir [a](article:a#effets-secondaires-2), [b](article:b#dosage) et [non](article:a#dosage).
	EOF
	folio validate c/fr.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	echo "c/fr.md:9:68: warning: link to a heading '"'"'article:a'"'"' does not have: '"'"'#dosage'"'"' [fragment]" >expect &&
	test_cmp expect out
'

test_expect_success 'the HTML export copies local images beside the page, web images stay as written' '
	corpus &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp a/img/schema.png out/html/fr/images/a/img/schema.png &&
	grep -q "<img src=\"images/a/img/schema.png\" alt=\"Le schéma\">" out/html/fr/a.html &&
	grep -q "id=\"effets-secondaires-2\"" out/html/fr/a.html &&
	! grep -q "manque.png" out/html/fr/b.html &&
	grep -q "Un manque" out/html/fr/b.html &&
	grep -q "^fr/images/a/img/schema.png	" out/html/.folio-manifest-html
'

test_expect_success 'an image no page shows or links any more goes from the output' '
	corpus &&
	folio export --to html -q &&
	sed -e "s/!\[Le schéma\](img\/schema.png)/Le schéma/" \
	    -e "s/\[le même\](img\/schema.png?v=2#haut)/le même/" a/fr.md >t &&
	mv t a/fr.md &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	! test -e out/html/fr/images/a/img/schema.png &&
	test -f a/img/schema.png
'

test_expect_success 'an image no page can show: another type, a link out of the corpus, a path out of it' '
	corpus &&
	mkdir -p ../outside && png ../outside/far.png &&
	ln -s "$(cd .. && pwd)/outside/far.png" a/img/lien.png &&
	ln -s schema.png a/img/dedans.png &&
	cp a/img/schema.png a/img/photo.webp &&
	printf "\n![Lien](img/lien.png)\n\n![Dedans](img/dedans.png)\n\n![Photo](img/photo.webp)\n\n![Loin](../../outside/far.png)\n" >>a/fr.md &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 0 &&
	grep "image .img/lien.png. is outside the corpus" out &&
	grep "image .img/photo.webp. is not a PNG, JPEG, GIF or SVG file" out &&
	grep "image .\.\./\.\./outside/far.png. is outside the corpus" out &&
	! grep "dedans.png" out
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
