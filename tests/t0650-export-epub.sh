#!/bin/sh
# t0650-export-epub: `folio export --to epub` (SPEC 16): one zipped EPUB 3
# per language, what it holds and in which order, the zip itself (mimetype
# first and stored, fixed order, dates and attributes), its package (title
# and description from the catalogs, 8.3's metadata, right to left), where
# links and images go, and the same bytes for the same input.  epubcheck:
# t0651; bad input, interrupts and write errors: t0652.
. "$(dirname "$0")/lib.sh"

sample() {
	cp -R "$SRC/articles" articles
}

# The book corpus of t0600, with its image made.
book() {
	cp -R "$SRC/tests/corpora/export-xhtml-book" c && png c/douleur/reglette.png
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

# entries BOOK: one line per entry, in the archive's order: name, method
# (stored or deflated), date and time, external attributes, extra bytes.
entries() {
	python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
for i in z.infolist():
    print(i.filename, {0: "stored", 8: "deflated"}.get(i.compress_type, i.compress_type),
          "%04d-%02d-%02dT%02d:%02d:%02d" % i.date_time, "%o" % (i.external_attr >> 16),
          len(i.extra))' "$1"
}

# member BOOK NAME: the bytes of one entry, on stdout.
member() {
	python3 -c 'import sys, zipfile
sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"
}

test_expect_success 'the sample corpus: one .epub per language with a published article, nothing else' '
	sample &&
	(cd articles && folio export --to epub >../out 2>../err); echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null out &&
	(cd articles/out/epub && ls -A | grep -v "^\.folio-manifest-") >actual &&
	printf "ar.epub\nde.epub\nen.epub\nfr.epub\nnl.epub\ntr.epub\n" >expect &&
	test_cmp expect actual &&
	tail -1 err >actual &&
	echo "folio: 20 pages exported in 6 books (6 written, 0 unchanged)" >expect &&
	test_cmp expect actual &&
	! ls -A articles/out >actual-top 2>&1 | grep -v "^epub$"
'

test_expect_success 'the archive: mimetype first, stored, no extra field; fixed order, date and attributes' '
	sample &&
	(cd articles && folio export --to epub -q) &&
	entries articles/out/epub/fr.epub >actual &&
	cat >expect <<-\EOF &&
	mimetype stored 2025-11-28T00:00:00 100644 0
	META-INF/container.xml deflated 2025-11-28T00:00:00 100644 0
	EPUB/package.opf deflated 2025-11-28T00:00:00 100644 0
	EPUB/nav.xhtml deflated 2025-11-28T00:00:00 100644 0
	EPUB/style.css deflated 2025-11-28T00:00:00 100644 0
	EPUB/cancer-et-immunotherapie.xhtml deflated 2025-11-28T00:00:00 100644 0
	EPUB/immuno-oncologie.xhtml deflated 2025-11-28T00:00:00 100644 0
	EPUB/immunotherapie-en-bref.xhtml deflated 2025-11-28T00:00:00 100644 0
	EPUB/systeme-immunitaire-cancer.xhtml deflated 2025-11-28T00:00:00 100644 0
	EPUB/approches-therapeutiques.xhtml deflated 2025-11-28T00:00:00 100644 0
	EOF
	test_cmp expect actual &&
	head -c 58 articles/out/epub/fr.epub | tail -c 28 >actual &&
	printf "mimetypeapplication/epub+zip" >expect &&
	test_cmp expect actual
'

test_expect_success 'the entries are the xhtml export of the same corpus, byte for byte' '
	sample &&
	(cd articles && folio export --to epub -q && folio export --to xhtml -q) &&
	for l in fr ar; do
		for f in mimetype META-INF/container.xml EPUB/package.opf EPUB/nav.xhtml EPUB/style.css EPUB/immuno-oncologie.xhtml; do
			[ $l = ar ] && [ $f = EPUB/immuno-oncologie.xhtml ] && f=EPUB/ilm-al-awram-al-manai.xhtml
			member articles/out/epub/$l.epub $f >actual &&
			test_cmp articles/out/xhtml/$l/$f actual || return 1
		done
	done
'

test_expect_success 'dates: SOURCE_DATE_EPOCH, else the newest updated of the book, in the package and every entry' '
	sample &&
	(cd articles && SOURCE_DATE_EPOCH=1700000000 folio export --to epub -q -o ../e &&
	 env -u SOURCE_DATE_EPOCH "$FOLIO" export --to epub -q -o ../u) &&
	entries e/fr.epub | cut -d" " -f3 | sort -u >actual &&
	echo 2023-11-14T22:13:20 >expect && test_cmp expect actual &&
	member e/fr.epub EPUB/package.opf | grep -c "<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>" >actual &&
	echo 1 >expect && test_cmp expect actual &&
	entries u/fr.epub | cut -d" " -f3 | sort -u >actual &&
	member u/fr.epub EPUB/package.opf | sed -n "s/.*dcterms:modified\">\(.*\)Z<.*/\1/p" >expect &&
	test_cmp expect actual &&
	grep -q "^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T00:00:00$" actual
'

test_expect_success 'the package: title and description from the catalog, else the source catalog, else the index title' '
	sample &&
	(cd articles && folio export --to epub -q) &&
	member articles/out/epub/fr.epub EPUB/package.opf >fr.opf &&
	grep -q "^    <dc:title>Vivre avec un cancer$(printf "\302\240"): l’information des patients</dc:title>$" fr.opf &&
	grep -q "^    <dc:description>Les articles de la fondation pour les patients et leurs proches, relus par des médecins.</dc:description>$" fr.opf &&
	member articles/out/epub/ar.epub EPUB/package.opf >ar.opf &&
	grep -q "<dc:title>العيش مع السرطان: معلومات للمرضى</dc:title>" ar.opf &&
	sed -i "/^book_/d" articles/_strings/de.yaml &&
	(cd articles && folio export --to epub -q) &&
	member articles/out/epub/de.epub EPUB/package.opf >de.opf &&
	grep -q "<dc:title>Vivre avec un cancer" de.opf &&
	grep -q "<dc:description>Les articles de la fondation" de.opf &&
	sed -i "/^book_/d" articles/_strings/*.yaml &&
	(cd articles && folio export --to epub -q) &&
	member articles/out/epub/de.epub EPUB/package.opf >de.opf &&
	grep -q "<dc:title>Artikel (Deutsch)</dc:title>" de.opf &&
	! grep -q "dc:description" de.opf
'

test_expect_success 'l10n checks book_title and book_description like every string; validate types them' '
	sample &&
	sed -i "/^book_title/d" articles/_strings/de.yaml &&
	sed -i "s/^book_description: .*/book_description: Les articles de la fondation pour les patients et leurs proches, relus par des médecins./" articles/_strings/tr.yaml &&
	(cd articles && folio l10n --lang de --lang tr --check=strings >../out 2>../err); echo $? >status &&
	expect_status 1 &&
	grep -q "^_strings/de.yaml:1:1: error: missing string .book_title. (reference: _strings/fr.yaml:13:1) \[strings-missing\]$" out &&
	grep -q "^_strings/tr.yaml:14:19: warning: string .book_description. is the same as the reference" out &&
	sed -i "s/^book_title: .*/book_title: [Un, livre]/" articles/_strings/en.yaml &&
	(cd articles && folio validate >../out 2>../err); echo $? >status &&
	expect_status 1 &&
	grep -q "^_strings/en.yaml:[0-9]*:13: error: .book_title. must be a string, got array \[schema\]$" out
'

test_expect_success 'the package: language, identifier, accessibility metadata; right to left for Arabic' '
	sample &&
	(cd articles && folio export --to epub -q) &&
	member articles/out/epub/ar.epub EPUB/package.opf >ar.opf &&
	u=$(python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, \"https://www.example.org/ar/\"))") &&
	grep -q "<dc:identifier id=\"pub-id\">urn:uuid:$u</dc:identifier>" ar.opf &&
	grep -q "<dc:language>ar</dc:language>" ar.opf &&
	grep -q "^<package .* xml:lang=\"ar\" dir=\"rtl\">$" ar.opf &&
	grep -q "^  <spine page-progression-direction=\"rtl\">$" ar.opf &&
	for p in accessMode accessModeSufficient accessibilityFeature accessibilityHazard accessibilitySummary; do
		grep -q "<meta property=\"schema:$p\"" ar.opf || return 1
	done &&
	member articles/out/epub/fr.epub EPUB/package.opf >fr.opf &&
	! grep -q "page-progression-direction" fr.opf
'

test_expect_success 'order: sections as the source catalog lists them, then by title whatever case and accents; no section last' '
	mkdir c && cd c && make_corpus "fr en" && mkdir _strings &&
	printf "sections: {zeta: Zêta, alpha: Alpha}\n" >_strings/fr.yaml &&
	for a in "e1 Émail alpha" "e2 eau alpha" "e3 Zona zeta" "e4 abcès zeta" "e5 Œdème -" "e6 Aide -"; do
		set -- $a &&
		{ printf -- "---\nid: %s\nlang: fr\ntitle: %s\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n" $1 $2 &&
		  if [ $3 != - ]; then echo "section: $3"; fi &&
		  printf -- "---\nTexte.\n"; } | write_article $1/fr.md || return 1
	done &&
	folio export --to epub -q &&
	entries out/epub/fr.epub | sed -n "s|^EPUB/\(e[0-9]\)\.xhtml .*|\1|p" | tr "\n" " " >actual &&
	printf "e4 e3 e2 e1 e6 e5 " >expect &&
	test_cmp expect actual &&
	member out/epub/fr.epub EPUB/nav.xhtml >nav &&
	grep -q "<li><span>Zêta</span>" nav &&
	sed -n "s/.*<a href=\"\(e[0-9]\)\.xhtml\">.*/\1/p" nav | tr "\n" " " >actual &&
	test_cmp expect actual
'

test_expect_success 'links: inside the book to its pages; outside it to base_url, else plain text' '
	book &&
	(cd c && folio export --to epub -q) &&
	member c/out/epub/fr.epub EPUB/douleur.xhtml >fr.page &&
	grep -q "le <a href=\"sommeil.xhtml#conseils\">sommeil</a> et le <a href=\"glossaire.xhtml\">glossaire</a>" fr.page &&
	member c/out/epub/ar.epub "EPUB/الألم.xhtml" >ar.page &&
	grep -q "<p>أخبر فريقك بالألم. اقرأ أيضًا عن النوم والمسرد.</p>" ar.page &&
	! grep -q "href=\"https\?:" ar.page &&
	printf "base_url: https://www.example.org/\n" >>c/folio.yaml &&
	(cd c && folio export --to epub -q) &&
	member c/out/epub/ar.epub "EPUB/الألم.xhtml" >ar.page &&
	grep -q "<a href=\"https://www.example.org/fr/sommeil.html\" hreflang=\"fr\">النوم</a>" ar.page &&
	(cd c && folio export --to epub -q -o ../one douleur/fr.md) &&
	member one/fr.epub EPUB/douleur.xhtml >one.page &&
	grep -q "<a href=\"https://www.example.org/fr/sommeil.html#conseils\">sommeil</a>" one.page &&
	entries one/fr.epub | cut -d" " -f1 | grep "^EPUB/.*xhtml$" >actual &&
	printf "EPUB/nav.xhtml\nEPUB/douleur.xhtml\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'images: a file of the corpus goes into the book, a web image is its alt text' '
	book &&
	printf "\n![Sur le web](https://example.org/x.png)\n" >>c/douleur/fr.md &&
	(cd c && folio export --to epub -q) &&
	member c/out/epub/fr.epub EPUB/images/douleur/reglette.png >actual &&
	test_cmp c/douleur/reglette.png actual &&
	entries c/out/epub/fr.epub | tail -1 | cut -d" " -f1 >actual &&
	echo EPUB/images/douleur/reglette.png >expect && test_cmp expect actual &&
	member c/out/epub/fr.epub EPUB/douleur.xhtml >page &&
	grep -q "<img src=\"images/douleur/reglette.png\" alt=\"Réglette d’évaluation de la douleur\" />" page &&
	grep -q "<p>Sur le web</p>" page &&
	member c/out/epub/fr.epub EPUB/package.opf >opf &&
	grep -q "<item id=\"r1\" href=\"images/douleur/reglette.png\" media-type=\"image/png\"/>" opf
'

test_expect_success 'drafts stay out of the book unless --include-drafts' '
	book &&
	(cd c && folio export --to epub -q && folio export --to epub -q --include-drafts -o ../d) &&
	! entries c/out/epub/fr.epub | grep -q brouillon &&
	entries d/fr.epub | grep -q "^EPUB/brouillon.xhtml " &&
	member d/fr.epub EPUB/nav.xhtml | grep -q "href=\"brouillon.xhtml\""
'

test_expect_success 'the same bytes with -j 1 and -j 2, another umask, locale and time zone; a second run writes nothing' '
	sample &&
	(cd articles && folio export --to epub -q -j 1 -o ../one &&
	 (umask 077 && LC_ALL=C TZ=Pacific/Kiritimati folio export --to epub -q -j 2 -o ../two)) &&
	for f in one/*.epub; do cmp "$f" "two/${f#one/}" || return 1; done &&
	touch -d "2001-01-01 00:00" one/fr.epub &&
	(cd articles && folio export --to epub -j 2 -o ../one 2>../err) &&
	grep -q "^folio: 20 pages exported in 6 books (0 written, 6 unchanged)$" err &&
	test "$(stat -c %Y one/fr.epub)" = "$(date -d "2001-01-01 00:00" +%s)" &&
	echo "Un ajout." >>articles/immuno-oncologie/fr.md &&
	(cd articles && folio export --to epub -j 2 -o ../one 2>../err) &&
	# the French book, and the English and Arabic ones whose translation
	# of that article is now stale by its text (their stale notice)
	grep -q "^folio: 20 pages exported in 6 books (3 written, 3 unchanged)$" err &&
	! cmp -s one/fr.epub two/fr.epub
'

test_expect_success 'books larger than the pages held in memory: every page whole, as xhtml writes it, the same with -j 1 and -j 2' '
	mkdir big && (cd big && make_corpus "fr en") &&
	# 2 x 30 pages of text that deflate cannot shrink much: about 9 MB
	# of pages, past the 4 MiB held before pages are put aside
	cat >gen.py <<-\EOF &&
	import os, random
	r = random.Random(25)
	for i in range(30):
	    for lang in ("fr", "en"):
	        words = " ".join("".join(r.choice("abcdefghijklmnopqrstuvwxyz")
	                                 for _ in range(r.randint(2, 9)))
	                         for _ in range(21000))
	        head = "---\nid: a%d\nlang: %s\ntitle: Article %d\nupdated: 2024-01\n" \
	               "reviewers:\n  - name: Dr Exemple\n" % (i, lang, i)
	        if lang == "en":
	            head += "translated_from:\n  lang: fr\n  updated: 2024-01\n"
	        os.makedirs("big/a%d" % i, exist_ok=True)
	        with open("big/a%d/%s.md" % (i, lang), "w") as f:
	            f.write(head + "---\n" + words + "\n")
	EOF
	python3 gen.py &&
	cat >same.py <<-\EOF &&
	import sys, zipfile
	z = zipfile.ZipFile(sys.argv[1])
	assert z.testzip() is None
	pages = [n for n in z.namelist() if n.endswith(".xhtml") and n != "EPUB/nav.xhtml"]
	for n in pages:
	    assert z.read(n) == open(sys.argv[2] + "/" + n, "rb").read(), n
	print(len(pages))
	EOF
	(cd big && folio export --to epub -q -j 1 -o ../one &&
	 folio export --to epub -q -j 2 -o ../two &&
	 folio export --to xhtml -q -o ../x) &&
	cmp one/fr.epub two/fr.epub && cmp one/en.epub two/en.epub &&
	test $(($(stat -c %s one/fr.epub) + $(stat -c %s one/en.epub))) -gt 4500000 &&
	echo 30 >expect &&
	for l in fr en; do
		python3 same.py one/$l.epub x/$l >count && test_cmp expect count || return 1
	done &&
	ls -A one two | grep "^\." | grep -v "^\.folio-manifest-" >hidden;
	test_cmp /dev/null hidden
'

test_expect_success '--lang ar writes only the Arabic book' '
	book &&
	(cd c && folio export --to epub -q --lang ar) &&
	(cd c/out/epub && ls -A | grep -v "^\.folio-manifest-") >actual &&
	echo ar.epub >expect && test_cmp expect actual
'

test_expect_success 'text options are refused with --to epub; --help names the format' '
	book &&
	(cd c && folio export --to epub --width 40 2>../err); echo $? >status &&
	expect_status 2 &&
	folio export --help >help &&
	grep -q -- "--to epub" help
'

test_expect_success 'a language with no published article left loses its book; other files stay' '
	cp -R "$SRC/articles" a &&
	(cd a && folio export --to epub -q) &&
	echo "not folio'"'"'s" >a/out/epub/notes.txt &&
	for f in a/*/tr.md; do sed "s/^status: published/status: draft/" "$f" >t && mv t "$f"; done &&
	(cd a && folio export --to epub -q) &&
	(cd a/out/epub && ls -A | grep -v "^\.folio-manifest-") >actual &&
	printf "ar.epub\nde.epub\nen.epub\nfr.epub\nnl.epub\nnotes.txt\n" >expect &&
	test_cmp expect actual
'

test_done
