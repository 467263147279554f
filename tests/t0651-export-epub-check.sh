#!/bin/sh
# t0651-export-epub-check: the books `folio export --to epub` writes are
# EPUBs that Debian's epubcheck accepts with no error and no warning
# (SPEC 16): every book of the sample corpus and of every corpus of
# tests/corpora (with their errors: the articles without errors make the
# book), a book with an image, and a book in Arabic script.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/epub.sh"

corpora() {
	echo "$SRC/articles"
	find "$SRC/tests/corpora" -name folio.yaml | LC_ALL=C sort | sed "s|/folio.yaml$||"
}

# png FILE: a small valid PNG image.
png() {
	python3 -c 'import struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
raw = b"".join(b"\x00" + b"\x20\x80\x20" * 16 for _ in range(8))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 8, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))' "$1"
}

if [ -z "$EPUBCHECK" ]; then
	test_skip 'epubcheck on every book' 'epubcheck (and java) not installed: make deps'
	test_done
	exit
fi

test_expect_success 'epubcheck: every book of every corpus, no error and no warning' '
	n=0 &&
	for c in $(corpora); do
		n=$((n + 1)) &&
		{ (cd "$c" && "$FOLIO" export --to epub -q -o "$OLDPWD/books/$n" >/dev/null 2>&1); st=$?; } &&
		if [ $st -gt 1 ]; then echo "$c: exit $st"; return 1; fi || return 1
	done &&
	find books -name "*.epub" | LC_ALL=C sort >list &&
	test "$(wc -l <list)" -ge 20 &&
	test -f books/1/fr.epub && test -f books/1/ar.epub &&
	epubcheck_ok $(cat list) &&
	grep -c "^Validating using EPUB version 3.2 rules.$" epubcheck.out >count &&
	wc -l <list | tr -d " " >expect &&
	test_cmp expect count
'

test_expect_success 'epubcheck: a book with an image of the corpus, and its Arabic book' '
	cp -R "$SRC/tests/corpora/export-xhtml-book" c && png c/douleur/reglette.png &&
	(cd c && folio export --to epub -q) &&
	python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).getinfo(\"EPUB/images/douleur/reglette.png\")" c/out/epub/fr.epub &&
	epubcheck_ok c/out/epub/fr.epub c/out/epub/ar.epub
'

test_expect_success 'epubcheck fails on a book whose mimetype is not first (the check can fail)' '
	cp -R "$SRC/tests/corpora/export-xhtml-book" c && png c/douleur/reglette.png &&
	(cd c && folio export --to epub -q) &&
	python3 -c "import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], \"w\", zipfile.ZIP_DEFLATED) as dst:
    for i in reversed(src.infolist()):
        dst.writestr(i, src.read(i.filename))" c/out/epub/fr.epub bad.epub &&
	! epubcheck_ok bad.epub >/dev/null
'

test_done
