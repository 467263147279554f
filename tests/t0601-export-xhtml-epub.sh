#!/bin/sh
# t0601-export-xhtml-epub: the books `folio export --to xhtml` writes are
# EPUBs that Debian's epubcheck accepts with no error and no warning
# (SPEC 8.3): every language tree exported from articles/ and from every
# corpus of tests/corpora (with their errors: the articles without errors
# make the book), unzipped and zipped as the man page says; and every XML
# document is well-formed for xmllint.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/epub.sh"

# Every corpus: the sample, and each folio.yaml below tests/corpora.
corpora() {
	echo "$SRC/articles"
	find "$SRC/tests/corpora" -name folio.yaml | LC_ALL=C sort | sed "s|/folio.yaml$||"
}

# Export every corpus to ./books/N/; exit 0 or 1 (articles with errors)
# is fine, 2 or 3 is not.  ./trees lists the language trees.
export_all() {
	n=0 &&
	for c in $(corpora); do
		n=$((n + 1)) &&
		{ (cd "$c" && "$FOLIO" export --to xhtml -q -o "$OLDPWD/books/$n" >/dev/null 2>&1); st=$?; } &&
		if [ $st -gt 1 ]; then echo "$c: exit $st"; return 1; fi || return 1
	done &&
	find books -name mimetype | LC_ALL=C sort | sed "s|/mimetype$||" >trees &&
	test "$(wc -l <trees)" -ge 30
}

if command -v xmllint >/dev/null 2>&1; then
test_expect_success 'xmllint: every content document, navigation, package and container is well-formed XML' '
	export_all &&
	find books -type f \( -name "*.xhtml" -o -name "*.opf" -o -name "*.xml" \) -print0 |
		LC_ALL=C sort -z | xargs -0 xmllint --noout --nonet >xmllint.out 2>&1 ||
	{ head -40 xmllint.out; false; }
'
else
	test_skip 'xmllint on every document' 'xmllint not installed: make deps'
fi

if [ -n "$EPUBCHECK" ]; then
test_expect_success 'epubcheck: every language tree of every corpus, no error and no warning' '
	export_all &&
	epubcheck_ok $(cat trees) &&
	grep -c "^Validating using EPUB version 3.2 rules.$" epubcheck.out >count &&
	wc -l <trees | tr -d " " >expect &&
	test_cmp expect count
'

test_expect_success 'epubcheck: the French book zipped as folio-export(1) says' '
	command -v zip >/dev/null || { echo "zip not installed"; exit 0; } &&
	cp -R "$SRC/articles" articles &&
	(cd articles && folio export --to xhtml -q) &&
	(cd articles/out/xhtml/fr && zip -X0 ../fr.epub mimetype >/dev/null &&
	 zip -Xr9D ../fr.epub META-INF EPUB >/dev/null) &&
	(cd articles/out/xhtml/ar && zip -X0 ../ar.epub mimetype >/dev/null &&
	 zip -Xr9D ../ar.epub META-INF EPUB >/dev/null) &&
	epubcheck_ok articles/out/xhtml/fr.epub articles/out/xhtml/ar.epub &&
	grep -c "^Validating using EPUB version 3.2 rules.$" epubcheck.out >count &&
	echo 2 >two && test_cmp two count
'

test_expect_success 'epubcheck: a book with images of the corpus' '
	cp -R "$SRC/tests/corpora/export-xhtml-book" c &&
	python3 -c "import struct, zlib
def chunk(t, d):
    return struct.pack(\">I\", len(d)) + t + d + struct.pack(\">I\", zlib.crc32(t + d))
raw = b\"\".join(b\"\\x00\" + b\"\\x20\\x80\\x20\" * 16 for _ in range(8))
open(\"c/douleur/reglette.png\", \"wb\").write(b\"\\x89PNG\\r\\n\\x1a\\n\" + chunk(b\"IHDR\", struct.pack(\">IIBBBBB\", 16, 8, 8, 2, 0, 0, 0))
    + chunk(b\"IDAT\", zlib.compress(raw)) + chunk(b\"IEND\", b\"\"))" &&
	(cd c && folio export --to xhtml -q) &&
	test -f c/out/xhtml/fr/EPUB/images/douleur/reglette.png &&
	epubcheck_ok c/out/xhtml/fr
'

test_expect_success 'epubcheck fails on a broken book (the check can fail)' '
	cp -R "$SRC/tests/corpora/export-xhtml-book" c &&
	(cd c && folio export --to xhtml -q) &&
	rm c/out/xhtml/fr/EPUB/sommeil.xhtml &&
	! epubcheck_ok c/out/xhtml/fr >/dev/null
'
else
	test_skip 'epubcheck on every language tree' 'epubcheck (and java) not installed: make deps'
fi

test_done
