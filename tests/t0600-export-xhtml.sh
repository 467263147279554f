#!/bin/sh
# t0600-export-xhtml: `folio export --to xhtml` (SPEC 8.3): an unzipped
# EPUB 3 per language, its package, its navigation, its content documents
# as XML, where links between articles point, and output that depends on
# nothing but the input.  epubcheck, xmllint and zip: t0601.
. "$(dirname "$0")/lib.sh"

sample() {
	cp -R "$SRC/articles" articles
}

book() {
	cp -R "$SRC/tests/corpora/export-xhtml-book" c
}

list() {
	(cd "$1" && find . -type f ! -name ".folio-manifest-*" | LC_ALL=C sort) >actual-list
}

# png FILE: a small valid PNG image.
png() {
	python3 -c 'import struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
raw = b"".join(b"\x00" + b"\xc0\x20\x20" * 16 for _ in range(8))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 8, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))' "$1"
}

# The invisible spaces of French typography, written [NBSP] and [NNBSP].
marks() {
	sed -e "s/\[NBSP\]/$(printf '\302\240')/g" -e "s/\[NNBSP\]/$(printf '\342\200\257')/g"
}

test_expect_success 'the sample corpus: an EPUB tree per language' '
	sample &&
	(cd articles && folio export --to xhtml >../out 2>../err); echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null out &&
	list articles/out/xhtml &&
	cat >expect-list <<-\EOF &&
	./ar/EPUB/al-ilaj-al-manai-bikhtisar.xhtml
	./ar/EPUB/ilm-al-awram-al-manai.xhtml
	./ar/EPUB/kayfa-yastajib-al-saratan-lil-ilaj-al-manai.xhtml
	./ar/EPUB/nav.xhtml
	./ar/EPUB/package.opf
	./ar/EPUB/style.css
	./ar/META-INF/container.xml
	./ar/mimetype
	./de/EPUB/behandlungsansaetze-bei-krebs.xhtml
	./de/EPUB/immuntherapie-kurz-erklaert.xhtml
	./de/EPUB/nav.xhtml
	./de/EPUB/package.opf
	./de/EPUB/style.css
	./de/EPUB/wie-krebs-auf-immuntherapie-reagiert.xhtml
	./de/META-INF/container.xml
	./de/mimetype
	./en/EPUB/how-cancer-responds-to-immunotherapy.xhtml
	./en/EPUB/immune-system-and-cancer.xhtml
	./en/EPUB/immuno-oncology.xhtml
	./en/EPUB/immunotherapy-in-brief.xhtml
	./en/EPUB/nav.xhtml
	./en/EPUB/package.opf
	./en/EPUB/style.css
	./en/META-INF/container.xml
	./en/mimetype
	./fr/EPUB/approches-therapeutiques.xhtml
	./fr/EPUB/cancer-et-immunotherapie.xhtml
	./fr/EPUB/immuno-oncologie.xhtml
	./fr/EPUB/immunotherapie-en-bref.xhtml
	./fr/EPUB/nav.xhtml
	./fr/EPUB/package.opf
	./fr/EPUB/style.css
	./fr/EPUB/systeme-immunitaire-cancer.xhtml
	./fr/META-INF/container.xml
	./fr/mimetype
	./nl/EPUB/hoe-kanker-reageert-op-immunotherapie.xhtml
	./nl/EPUB/immunotherapie-in-het-kort.xhtml
	./nl/EPUB/nav.xhtml
	./nl/EPUB/package.opf
	./nl/EPUB/style.css
	./nl/META-INF/container.xml
	./nl/mimetype
	./tr/EPUB/bagisiklik-sistemi-ve-kanser.xhtml
	./tr/EPUB/kanser-immunoterapiye-nasil-yanit-verir.xhtml
	./tr/EPUB/kisaca-immunoterapi.xhtml
	./tr/EPUB/nav.xhtml
	./tr/EPUB/package.opf
	./tr/EPUB/style.css
	./tr/META-INF/container.xml
	./tr/mimetype
	EOF
	test_cmp expect-list actual-list &&
	printf "%s\n" "folio: 0 errors, 0 warnings in 20 files" \
		"folio: 20 pages exported (50 written, 0 unchanged)" >expect-err &&
	test_cmp expect-err err
'

test_expect_success 'mimetype is exactly "application/epub+zip", no newline; container.xml points at the package' '
	book &&
	(cd c && folio export --to xhtml -q) &&
	printf "application/epub+zip" >expect &&
	test_cmp expect c/out/xhtml/fr/mimetype &&
	test_cmp expect c/out/xhtml/ar/mimetype &&
	cat >expect <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
	  <rootfiles>
	    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
	  </rootfiles>
	</container>
	EOF
	test_cmp expect c/out/xhtml/ar/META-INF/container.xml
'

test_expect_success 'the package: identifier, title, language, modified, accessibility, manifest and spine in nav order' '
	book &&
	(cd c && folio export --to xhtml -q) &&
	uuid=$(python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, \"urn:folio:c:fr\"))") &&
	sed "s/@UUID@/$uuid/" >expect <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="fr" dir="ltr">
	  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
	    <dc:identifier id="pub-id">urn:uuid:@UUID@</dc:identifier>
	    <dc:title>Articles (français)</dc:title>
	    <dc:language>fr</dc:language>
	    <meta property="dcterms:modified">2025-11-28T00:00:00Z</meta>
	    <meta property="schema:accessMode">textual</meta>
	    <meta property="schema:accessModeSufficient">textual</meta>
	    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
	    <meta property="schema:accessibilityFeature">tableOfContents</meta>
	    <meta property="schema:accessibilityFeature">readingOrder</meta>
	    <meta property="schema:accessibilityHazard">none</meta>
	    <meta property="schema:accessibilitySummary" xml:lang="en" dir="ltr">Patient information articles in reflowable text, with headings, lists and tables marked up for what they are; the table of contents links every article, in reading order. There are no images, sound or video. The content has not been evaluated against WCAG, and no conformance is claimed.</meta>
	  </metadata>
	  <manifest>
	    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
	    <item id="css" href="style.css" media-type="text/css"/>
	    <item id="p1" href="douleur.xhtml" media-type="application/xhtml+xml"/>
	    <item id="p2" href="sommeil.xhtml" media-type="application/xhtml+xml"/>
	    <item id="p3" href="glossaire.xhtml" media-type="application/xhtml+xml"/>
	  </manifest>
	  <spine>
	    <itemref idref="nav"/>
	    <itemref idref="p1"/>
	    <itemref idref="p2"/>
	    <itemref idref="p3"/>
	  </spine>
	</package>
	EOF
	test_cmp expect c/out/xhtml/fr/EPUB/package.opf
'

test_expect_success 'right to left: page-progression-direction, dir on the package and the pages; hrefs of non-ASCII slugs encoded' '
	book &&
	(cd c && folio export --to xhtml -q) &&
	grep -q "^<package .* xml:lang=\"ar\" dir=\"rtl\">$" c/out/xhtml/ar/EPUB/package.opf &&
	grep -q "^  <spine page-progression-direction=\"rtl\">$" c/out/xhtml/ar/EPUB/package.opf &&
	grep -q "<item id=\"p1\" href=\"%D8%A7%D9%84%D8%A3%D9%84%D9%85.xhtml\"" c/out/xhtml/ar/EPUB/package.opf &&
	grep -q "<dc:title>المقالات (العربية)</dc:title>" c/out/xhtml/ar/EPUB/package.opf &&
	sed -n 3p "c/out/xhtml/ar/EPUB/الألم.xhtml" >actual &&
	echo "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">" >expect &&
	test_cmp expect actual
'

test_expect_success 'the identifier: stable, per language, from base_url when there is one' '
	sample &&
	(cd articles && folio export --to xhtml -q -o ../a && folio export --to xhtml -q -j 1 -o ../b) &&
	for l in fr ar; do
		u=$(python3 -c "import uuid, sys; print(uuid.uuid5(uuid.NAMESPACE_URL, sys.argv[1]))" "https://www.example.org/$l/") &&
		grep -q "<dc:identifier id=\"pub-id\">urn:uuid:$u</dc:identifier>" a/$l/EPUB/package.opf || return 1
	done &&
	test_cmp a/fr/EPUB/package.opf b/fr/EPUB/package.opf
'

test_expect_success 'dcterms:modified: SOURCE_DATE_EPOCH, else the newest updated of the book' '
	book &&
	(cd c && SOURCE_DATE_EPOCH=1700000000 folio export --to xhtml -q -o ../e &&
	 env -u SOURCE_DATE_EPOCH "$FOLIO" export --to xhtml -q -o ../u) &&
	grep -c "dcterms:modified" e/fr/EPUB/package.opf >count && echo 1 >one && test_cmp one count &&
	grep -q "<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>" e/fr/EPUB/package.opf &&
	grep -q "<meta property=\"dcterms:modified\">2024-06-01T00:00:00Z</meta>" u/fr/EPUB/package.opf &&
	grep -q "<meta property=\"dcterms:modified\">2024-03-01T00:00:00Z</meta>" u/ar/EPUB/package.opf
'

test_expect_success 'content documents: XML declaration, both namespaces, lang and xml:lang, a title, a stylesheet in the book' '
	book &&
	(cd c && folio export --to xhtml -q) &&
	head -11 c/out/xhtml/fr/EPUB/douleur.xhtml >actual &&
	marks >expect <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<!DOCTYPE html>
	<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="fr" xml:lang="fr" dir="ltr">
	<head>
	<meta charset="utf-8" />
	<title>Douleur et cancer[NBSP]: en parler, la soulager</title>
	<meta name="description" content="La douleur n’est pas une fatalité[NNBSP]; elle se mesure et se traite." />
	<link rel="stylesheet" type="text/css" href="style.css" />
	</head>
	<body>
	<article epub:type="chapter">
	EOF
	test_cmp expect actual
'

test_expect_success 'no named entity but the XML five, no <img> the book does not hold, no raw HTML' '
	book &&
	(cd c && folio export --to xhtml -q) &&
	cat c/out/xhtml/*/EPUB/*.xhtml >all &&
	! grep -E "&[A-Za-z][A-Za-z0-9]*;" all | grep -v -E "&(amp|lt|gt|quot|apos);" &&
	! grep -E "&(nbsp|eacute|laquo|raquo);" all &&
	! grep -q "<img" all &&
	! grep -q "<span>brut" all && ! grep -q "jamais écrit" all &&
	grep -q "<p>Réglette d’évaluation de la douleur brut</p>" c/out/xhtml/fr/EPUB/douleur.xhtml &&
	grep -q "un code <code>a &lt; b &amp;&amp; c &gt; d</code>" c/out/xhtml/fr/EPUB/douleur.xhtml
'

test_expect_success 'images of the corpus go into the book (manifest, alternativeText); others are their alt text' '
	book && png c/douleur/reglette.png && mkdir c/_images && png c/_images/logo.png &&
	printf "\n![Le logo](../_images/logo.png) ![Web](https://example.org/x.png) ![Dehors](../../x.png) ![Texte](notes.txt)\n" >>c/douleur/fr.md &&
	(cd c && folio export --to xhtml -q) &&
	test_cmp c/douleur/reglette.png c/out/xhtml/fr/EPUB/images/douleur/reglette.png &&
	test_cmp c/_images/logo.png c/out/xhtml/fr/EPUB/images/_images/logo.png &&
	grep -q "<img src=\"images/douleur/reglette.png\" alt=\"Réglette d’évaluation de la douleur\" />" c/out/xhtml/fr/EPUB/douleur.xhtml &&
	grep -q "<p><img src=\"images/_images/logo.png\" alt=\"Le logo\" /> Web Dehors Texte</p>" c/out/xhtml/fr/EPUB/douleur.xhtml &&
	grep -q "<item id=\"r1\" href=\"images/_images/logo.png\" media-type=\"image/png\"/>" c/out/xhtml/fr/EPUB/package.opf &&
	grep -q "<item id=\"r2\" href=\"images/douleur/reglette.png\" media-type=\"image/png\"/>" c/out/xhtml/fr/EPUB/package.opf &&
	grep -q "<meta property=\"schema:accessMode\">visual</meta>" c/out/xhtml/fr/EPUB/package.opf &&
	grep -q "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>" c/out/xhtml/fr/EPUB/package.opf &&
	! grep -q "visual\|alternativeText" c/out/xhtml/ar/EPUB/package.opf &&
	sed -i "s/logo.png)/logo.png \"\")/; s/!\[Le logo\]/![]/" c/douleur/fr.md &&
	sed -i "s/^ignore: \\[raw-html\\]/ignore: [raw-html, image-alt]/" c/folio.yaml &&
	(cd c && folio export --to xhtml -q) &&
	! grep -q "alternativeText" c/out/xhtml/fr/EPUB/package.opf &&
	grep -q "Some images have no text alternative" c/out/xhtml/fr/EPUB/package.opf &&
	rm c/_images/logo.png && sed -i "s/!\[\](..\/_images\/logo.png \"\")//" c/douleur/fr.md &&
	(cd c && folio export --to xhtml -q) &&
	! test -e c/out/xhtml/fr/EPUB/images/_images/logo.png &&
	test -f c/out/xhtml/fr/EPUB/images/douleur/reglette.png
'

test_expect_success 'links between articles go to the pages of the book, fragments kept; other languages without base_url are text' '
	book &&
	(cd c && folio export --to xhtml -q) &&
	grep -q "le <a href=\"sommeil.xhtml#conseils\">sommeil</a> et le <a href=\"glossaire.xhtml\">glossaire</a>" c/out/xhtml/fr/EPUB/douleur.xhtml &&
	grep -q "<li><a href=\"sommeil.xhtml\">Bien dormir pendant les traitements</a></li>" c/out/xhtml/fr/EPUB/douleur.xhtml &&
	grep -q "<p class=\"versions\">Également disponible en arabe</p>" c/out/xhtml/fr/EPUB/douleur.xhtml &&
	f="c/out/xhtml/ar/EPUB/الألم.xhtml" &&
	grep -q "<p>أخبر فريقك بالألم. اقرأ أيضًا عن النوم والمسرد.</p>" "$f" &&
	grep -q "<li><span lang=\"fr\" xml:lang=\"fr\" dir=\"ltr\">Glossaire</span></li>" "$f" &&
	! grep -q "href=\"\.\./" c/out/xhtml/*/EPUB/*.xhtml
'

test_expect_success 'with base_url, links to other languages go to their web pages' '
	sample &&
	(cd articles && folio export --to xhtml -q) &&
	f=articles/out/xhtml/ar/EPUB/kayfa-yastajib-al-saratan-lil-ilaj-al-manai.xhtml &&
	grep -q "<a href=\"https://www.example.org/fr/systeme-immunitaire-cancer.html\" hreflang=\"fr\">" $f &&
	grep -q "<a href=\"ilm-al-awram-al-manai.xhtml\">" $f &&
	grep -q "<a href=\"https://www.example.org/en/how-cancer-responds-to-immunotherapy.html\" hreflang=\"en\">" $f
'

test_expect_success 'the navigation document: every article, by section then title, a section without a label last' '
	book &&
	(cd c && folio export --to xhtml -q) &&
	sed -n "/<nav/,/<\/nav>/p" c/out/xhtml/fr/EPUB/nav.xhtml >actual &&
	marks >expect <<-\EOF &&
	<nav epub:type="toc" id="toc" role="doc-toc">
	<h1>Articles</h1>
	<ol>
	<li><span>Espace patients</span>
	<ol>
	<li><a href="douleur.xhtml">Douleur et cancer[NBSP]: en parler, la soulager</a></li>
	</ol>
	</li>
	<li><span>Pour les proches</span>
	<ol>
	<li><a href="sommeil.xhtml">Bien dormir pendant les traitements</a></li>
	</ol>
	</li>
	<li><a href="glossaire.xhtml">Glossaire</a></li>
	</ol>
	</nav>
	EOF
	test_cmp expect actual
'

test_expect_success 'drafts stay out of the book unless --include-drafts' '
	book &&
	(cd c && folio export --to xhtml -q && folio export --to xhtml -q --include-drafts -o ../d) &&
	! test -e c/out/xhtml/fr/EPUB/brouillon.xhtml &&
	! grep -q brouillon c/out/xhtml/fr/EPUB/package.opf &&
	test -f d/fr/EPUB/brouillon.xhtml &&
	grep -q "href=\"brouillon.xhtml\"" d/fr/EPUB/package.opf d/fr/EPUB/nav.xhtml
'

test_expect_success 'PATHs: the book holds those articles; links to the others go to the web or become text' '
	book &&
	(cd c && folio export --to xhtml -q && folio export --to xhtml -q douleur/fr.md) &&
	list c/out/xhtml/fr &&
	cat >expect-list <<-\EOF &&
	./EPUB/douleur.xhtml
	./EPUB/nav.xhtml
	./EPUB/package.opf
	./EPUB/style.css
	./META-INF/container.xml
	./mimetype
	EOF
	test_cmp expect-list actual-list &&
	grep -q "le sommeil et le glossaire" c/out/xhtml/fr/EPUB/douleur.xhtml &&
	! grep -q "sommeil.xhtml" c/out/xhtml/fr/EPUB/nav.xhtml c/out/xhtml/fr/EPUB/package.opf
'

test_expect_success 'a page whose slug changed leaves the book: no stray file' '
	book &&
	(cd c && folio export --to xhtml -q) &&
	sed "s/^title: Glossaire$/title: Glossaire\nslug: lexique/" c/glossaire/fr.md >t && mv t c/glossaire/fr.md &&
	(cd c && folio export --to xhtml -q) &&
	! test -e c/out/xhtml/fr/EPUB/glossaire.xhtml &&
	test -f c/out/xhtml/fr/EPUB/lexique.xhtml &&
	grep -q "href=\"lexique.xhtml\"" c/out/xhtml/fr/EPUB/package.opf
'

test_expect_success 'a slug "nav" would replace the navigation document: refused' '
	book &&
	sed "s/^title: Glossaire$/title: Glossaire\nslug: nav/" c/glossaire/fr.md >t && mv t c/glossaire/fr.md &&
	(cd c && folio export --to xhtml 2>../err); echo $? >status &&
	expect_status 1 &&
	grep -q "^glossaire/fr.md:[0-9]*:[0-9]*: error: slug .nav. is reserved: it would replace the language.s nav.xhtml \[slug\]$" err
'

test_expect_success 'the same bytes with -j 1 and -j 4, whatever the locale and time zone; a second run writes nothing' '
	sample &&
	(cd articles && folio export --to xhtml -q -j 1 -o ../one &&
	 LC_ALL=C TZ=Pacific/Kiritimati folio export --to xhtml -q -j 4 -o ../four) &&
	diff -r one four &&
	(cd articles && folio export --to xhtml -j 2 -o ../one 2>../err) &&
	grep -q "(0 written, 50 unchanged)" err
'

test_expect_success 'templates: _templates/page.xhtml, nav.xhtml and epub.css replace the built-in ones' '
	book && mkdir c/_templates &&
	printf "<?xml version=\"1.0\"?>\n<p lang=\"{{lang}}\">{{title}} {{#stale}}stale{{/stale}}</p>\n" >c/_templates/page.xhtml &&
	printf "<nav>{{#sections}}{{#articles}}{{{href}}} {{/articles}}{{/sections}}</nav>\n" >c/_templates/nav.xhtml &&
	printf "body { color: black }\n" >c/_templates/epub.css &&
	(cd c && folio export --to xhtml -q) &&
	echo "<p lang=\"ar\">الألم والسرطان </p>" >expect &&
	tail -1 "c/out/xhtml/ar/EPUB/الألم.xhtml" >actual && test_cmp expect actual &&
	echo "<nav>douleur.xhtml sommeil.xhtml glossaire.xhtml </nav>" >expect &&
	test_cmp expect c/out/xhtml/fr/EPUB/nav.xhtml &&
	printf "body { color: black }\n" >expect &&
	test_cmp expect c/out/xhtml/fr/EPUB/style.css
'

test_expect_success 'text options are refused with --to xhtml' '
	book &&
	(cd c && folio export --to xhtml --encoding latin1 2>../err); echo $? >status &&
	expect_status 2 &&
	grep -q "apply to --to text only" err &&
	! test -e c/out
'

test_done
