#!/bin/sh
# t0530-body-content: nothing the author wrote is lost or altered on its
# way to the page (issue 20).  The corpus tests/corpora/body-content
# holds what Markdown alone cannot say and authors write anyway: inline
# HTML tags folio renders, HTML5 entities, strikethrough, URLs with
# brackets, upper-case schemes, a URL in a link's text.  It validates
# clean and reads the same in every format; what folio cannot show is an
# error of validate, at its line and column.
. "$(dirname "$0")/lib.sh"
# a number and its unit are joined by a no-break space (typography)
nbsp=$(printf '\302\240')

CORPUS="$SRC/tests/corpora/body-content"
VNU="$SRC/node_modules/vnu-jar/build/dist/vnu.jar"

# art PATH <BODY: an article of id "a" in French.
art() {
	mkdir -p "$(dirname "$1")" &&
	printf -- '---\nid: a\nlang: fr\ntitle: Essai\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n---\n' >"$1" &&
	cat >>"$1"
}

exported() {
	cp -R "$CORPUS" c &&
	(cd c && add_catalogs && folio validate >../validate.out 2>&1 &&
	 folio export --to html -q && folio export --to xhtml -q &&
	 folio export --to text -q)
}

test_expect_success 'the corpus validates clean: rendered tags, entities and URLs are no findings' '
	exported &&
	echo "folio: 0 errors, 0 warnings in 4 files" >expect &&
	test_cmp expect validate.out
'

test_expect_success 'html: sup, sub, s, del, ins, mark and br are rendered, as written' '
	exported &&
	p=c/out/html/fr/dose.html &&
	grep -F "150 × 10<sup>9</sup>/L" $p &&
	grep -F "2${nbsp}mg/m<sup>2</sup>" $p &&
	grep -F "H<sub>2</sub>O" $p &&
	grep -F "10<sup>−3</sup> L/s" $p &&
	grep -F "Prendre <s>4</s> 2 comprimés, <del>le soir</del> <ins>le matin</ins>," $p &&
	grep -F "<mark>à jeun</mark>, le 1<sup>er</sup> jour.<br>" $p
'

test_expect_success 'xhtml: the same tags, void ones closed' '
	exported &&
	p=c/out/xhtml/fr/EPUB/dose.xhtml &&
	grep -F "150 × 10<sup>9</sup>/L" $p &&
	grep -F "le 1<sup>er</sup> jour.<br />" $p &&
	if command -v xmllint >/dev/null; then xmllint --noout --nonet $p; fi
'

test_expect_success 'text: exponents and indices keep their meaning, strikethrough stays visible' '
	exported &&
	p=c/out/text/fr/dose.txt &&
	grep -F "150 × 10⁹/L" $p &&
	grep -F "2${nbsp}mg/m²" $p &&
	grep -F "H₂O" $p &&
	grep -F "10⁻³ L/s" $p &&
	grep -F "Prendre ~~4~~ 2 comprimés, ~~le soir~~ le matin, à jeun, le 1er jour." $p &&
	grep -Fx "Puis une pause." $p &&
	! grep -F "109/L" $p
'

test_expect_success 'entities: every HTML5 name, in text, link titles and alt texts' '
	exported &&
	grep -F "5 μg, α et β, x ≠ y, ğ et Ş." c/out/html/fr/dose.html &&
	grep -F "title=\"Notice — μg\"" c/out/html/fr/dose.html &&
	grep -F "alt=\"Schéma β\"" c/out/html/fr/dose.html &&
	grep -F "5 μg, α et β, x ≠ y, ğ et Ş." c/out/text/fr/dose.txt &&
	grep -F "[Schéma β]" c/out/text/fr/dose.txt &&
	! grep -F "&mu;" c/out/html/fr/dose.html c/out/text/fr/dose.txt
'

test_expect_success 'urls: brackets encoded but an IPv6 host'"'"'s, ARTICLE: resolved, no link in a link' '
	exported &&
	p=c/out/html/fr/dose.html &&
	grep -F "href=\"https://example.org/t%5B1%5D?q=%5Ba%5D\"" $p &&
	grep -F "href=\"http://[2001:db8::1]:8080/p\"" $p &&
	grep -F "<a href=\"notice.html\"" $p &&
	grep -F "<a href=\"https://example.org/guide\">site https://example.org/guide ici</a>" $p &&
	! grep "<a [^>]*>[^<]*<a " $p
'

if [ -f "$VNU" ] && command -v java >/dev/null; then
test_expect_success 'vnu: the pages have no error' '
	exported &&
	java -jar "$VNU" --errors-only c/out/html/fr/*.html >vnu.out 2>&1 ||
	{ cat vnu.out; false; }
'
else
	test_skip 'vnu on the pages' 'vnu.jar or java missing: make deps'
fi

test_expect_success 'validate: what no format would show is reported, each at its line and column' '
	make_corpus && add_catalogs &&
	art a/fr.md <<-\EOF &&
	Texte <b>gras</b>, <span class="x">span</span>, <sup class="y">2</sup>, <img src="s.png" alt="Schéma">, <wbr>.
	Mal <sup>fermé, </sub> seul.

	<div class="alerte">
	Ne prenez pas ce médicament si vous êtes enceinte.
	</div>

	<!-- folio: ignore qa-number -->

	<script>
	</script>
	<p onclick="x()">Texte caché</p>

	<div></div>

	[ftp](ftp://example.org/f) [fichier](FILE:///etc/passwd) ![img](javascript:x) [ok](HTTPS://example.org)

	| a | b |
	|---|---|
	| 1 | `x|y` | perdu |

	Voir la note [^1].

	[^1]: Notice

	[Attention]: Danger
	[site]: https://example.org/
	EOF
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	a/fr.md:9:7: error: raw html is not rendered, what it says is lost: '"'"'<b>'"'"' (only sup, sub, s, del, ins, mark and br are, without attributes) [raw-html]
	a/fr.md:9:14: error: raw html is not rendered, what it says is lost: '"'"'</b>'"'"' (only sup, sub, s, del, ins, mark and br are, without attributes) [raw-html]
	a/fr.md:9:20: error: raw html is not rendered, what it says is lost: '"'"'<span class="x">'"'"' (only sup, sub, s, del, ins, mark and br are, without attributes) [raw-html]
	a/fr.md:9:40: error: raw html is not rendered, what it says is lost: '"'"'</span>'"'"' (only sup, sub, s, del, ins, mark and br are, without attributes) [raw-html]
	a/fr.md:9:49: error: raw html is not rendered, what it says is lost: '"'"'<sup class="y">'"'"' (only sup, sub, s, del, ins, mark and br are, without attributes) [raw-html]
	a/fr.md:9:65: error: '"'"'</sup>'"'"' closes no open '"'"'<sup>'"'"' here, it is not rendered [raw-html]
	a/fr.md:9:73: error: raw html is not rendered, what it says is lost: '"'"'<img src="s.png" alt="Schéma">'"'"' (only sup, sub, s, del, ins, mark and br are, without attributes) [raw-html]
	a/fr.md:9:105: warning: raw html is never rendered: '"'"'<wbr>'"'"' [raw-html]
	a/fr.md:10:5: error: '"'"'<sup>'"'"' not closed where it should be: add '"'"'</sup>'"'"' [raw-html]
	a/fr.md:10:17: error: '"'"'</sub>'"'"' closes no open '"'"'<sub>'"'"' here, it is not rendered [raw-html]
	a/fr.md:13:1: error: text in an html block is never rendered: '"'"'Ne prenez pas ce médicament si vous êt'"'"' [raw-html]
	a/fr.md:20:18: error: text in an html block is never rendered: '"'"'Texte caché'"'"' [raw-html]
	a/fr.md:22:1: warning: raw html is never rendered: '"'"'<div></div>'"'"' [raw-html]
	a/fr.md:24:1: error: link not rendered, its url has a scheme folio never links to: '"'"'ftp://example.org/f'"'"' (http, https, mailto, tel and article are) [link-scheme]
	a/fr.md:24:28: error: link not rendered, its url has a scheme folio never links to: '"'"'FILE:///etc/passwd'"'"' (http, https, mailto, tel and article are) [link-scheme]
	a/fr.md:24:58: error: image not rendered, its url has a scheme folio never links to: '"'"'javascript:x'"'"' (http, https, mailto and tel are) [link-scheme]
	a/fr.md:28:15: error: table row with 3 cells under a header of 2: the cells past the header are not shown [table-cells]
	a/fr.md:32:1: error: footnotes are not supported, this note is not shown: '"'"'[^1]: Notice'"'"' [link-definition]
	a/fr.md:32:7: warning: link to a file that does not exist: '"'"'Notice'"'"' [local-target]
	a/fr.md:34:1: error: link definition that no link uses, not shown: '"'"'[Attention]: Danger'"'"' [link-definition]
	a/fr.md:35:1: warning: link definition that no link uses, not shown: '"'"'[site]: https://example.org/'"'"' [link-definition]
	EOF
	test_cmp expect actual
'

test_expect_success 'validate: a comment never closed hides the rest of the body, an error where it opens' '
	make_corpus && add_catalogs &&
	printf "Avant.\n\n<!-- une note\n\nLe reste : 2 comprimés.\n" | art a/fr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	echo "a/fr.md:11:1: error: html comment not closed: it hides the rest of the body, end it with '"'"'-->'"'"' [raw-html]" >expect &&
	test_cmp expect actual
'

test_expect_success 'export: an article whose HTML block holds text is not published' '
	make_corpus && add_catalogs &&
	printf "<div class=\"alerte\">\nNe prenez pas ce médicament.\n</div>\n" | art a/fr.md &&
	folio export --to html 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "a/fr.md:10:1: error: text in an html block is never rendered: '"'"'Ne prenez pas ce médicament.'"'"'" err &&
	! test -e out/html/fr/a.html
'

test_expect_success 'validate: a rendered tag in an image'"'"'s alternative text is an error (it would read 109)' '
	make_corpus && add_catalogs &&
	echo "![150 × 10<sup>9</sup>/L](p.png)" | art a/fr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	a/fr.md:9:1: warning: image file not found: '"'"'p.png'"'"' [local-target]
	a/fr.md:9:11: error: '"'"'<sup>'"'"' in an image'"'"'s alternative text is not rendered: write the text as it reads [raw-html]
	EOF
	test_cmp expect actual
'

test_expect_success 'validate: an image from article: is refused too (only links go to articles)' '
	make_corpus && add_catalogs &&
	echo "![schéma](article:a)" | art a/fr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	echo "a/fr.md:9:1: error: image not rendered, its url has a scheme folio never links to: '"'"'article:a'"'"' (http, https, mailto and tel are) [link-scheme]" >expect &&
	test_cmp expect actual
'

test_expect_success 'the new rules can be silenced with ignore:' '
	make_corpus && add_catalogs &&
	printf "[f](ftp://x.org/f)\n\n[n]: note\n" | art a/fr.md &&
	echo "ignore: [link-scheme, link-definition, table-cells]" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual
'

test_expect_success 'a body of 3,000 raw tags: a hundred reports and a count of the rest' '
	make_corpus && add_catalogs &&
	awk "BEGIN { for (i = 0; i < 1500; i++) printf \"<b>x</b> \"; print \"\" }" | art a/fr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test $(grep -c "\[raw-html\]" actual) = 101 &&
	grep -F "2900 more raw html findings not reported" actual
'

test_done
