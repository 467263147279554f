#!/bin/sh
# t0652-export-epub-robust: `folio export --to epub` on bad input and when
# writing fails (SPEC 4.1, 10, 16): an article too large, an image the
# book cannot hold, an image that cannot be read when the book is made,
# an output that cannot be written, a full or read-only file system, a
# signal.  Each gets a diagnostic and the right exit status; the other
# books are written; no half-written .epub, temporary file or hidden
# directory is ever left, and a book in place is whole, old or new.
. "$(dirname "$0")/lib.sh"

book() {
	cp -R "$SRC/tests/corpora/export-xhtml-book" c && png c/douleur/reglette.png &&
	echo "book_id: urn:example:folio-t0652" >>c/folio.yaml
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

# pages BOOK: the pages of a book, in its order.
pages() {
	python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(" ".join(n[5:] for n in z.namelist() if n.startswith("EPUB/") and n.endswith(".xhtml")))' "$1"
}

# clean DIR: nothing hidden (a temporary file or directory) below DIR.
clean() {
	find "$1" -name ".*" ! -name ".folio-manifest-*" >hidden &&
	test_cmp /dev/null hidden
}

test_expect_success 'an article over 4 MiB: its error, the book without it, exit 1' '
	book &&
	{ printf -- "---\nid: enorme\nlang: fr\ntitle: Énorme\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n---\n" &&
	  python3 -c "print(\"Un paragraphe assez long. \" * 200000)"; } | write_article c/enorme/fr.md &&
	(cd c && folio export --to epub 2>../err); echo $? >status &&
	expect_status 1 &&
	grep -q "^enorme/fr.md: error: .*4 MiB.* \[yaml-limits\]$" err &&
	pages c/out/epub/fr.epub >actual &&
	echo "nav.xhtml douleur.xhtml sommeil.xhtml glossaire.xhtml" >expect &&
	test_cmp expect actual &&
	test -f c/out/epub/ar.epub && clean c/out
'

test_expect_success 'an image that is not there, or not an image: book-image at its position, the article left out' '
	book && rm c/douleur/reglette.png &&
	printf "\n![Schéma](schema.txt)\n" >>c/sommeil/fr.md &&
	(cd c && folio export --to epub 2>../err); echo $? >status &&
	expect_status 1 &&
	grep -v "^folio: " err >actual &&
	cat >expect <<-\EOF &&
	douleur/fr.md:39:40: error: image '\''reglette.png'\'' cannot go into the book: no such file in the corpus [book-image]
	sommeil/fr.md:19:11: error: image '\''schema.txt'\'' cannot go into the book: not a PNG, JPEG, GIF or SVG file [book-image]
	EOF
	test_cmp expect actual &&
	pages c/out/epub/fr.epub >actual &&
	echo "nav.xhtml glossaire.xhtml" >expect &&
	test_cmp expect actual &&
	clean c/out &&
	(cd c && folio export --to xhtml -q)
'

test_expect_success 'an image that cannot be read when the book is made: no book for that language, the old one kept, exit 3' '
	book &&
	(cd c && folio export --to epub -q) &&
	cp c/out/epub/fr.epub old.epub &&
	echo "Un ajout." >>c/glossaire/fr.md &&
	rm c/douleur/reglette.png && truncate -s 65M c/douleur/reglette.png &&
	(cd c && folio export --to epub 2>../err); echo $? >status &&
	expect_status 3 &&
	grep -q "^douleur/reglette.png: error: cannot read the image a page shows: not a regular file of at most 64 MiB \[io\]$" err &&
	grep -q "^out/epub/fr.epub: error: not written: some files of the book could not be made \[write\]$" err &&
	test_cmp old.epub c/out/epub/fr.epub &&
	test -f c/out/epub/ar.epub && clean c/out
'

test_expect_success 'an output that cannot be written: exit 3, a diagnostic, nothing hidden left' '
	book &&
	mkdir -p c/out/epub/fr.epub &&
	(cd c && folio export --to epub 2>../err); echo $? >status &&
	expect_status 3 &&
	grep -q "^out/epub/fr.epub: error: cannot write: is a directory \[write\]$" err &&
	test -f c/out/epub/ar.epub && clean c/out &&
	: >file &&
	(cd c && folio export --to epub -o ../file/x 2>../err); echo $? >status &&
	expect_status 3 &&
	grep -q "\[write\]$" err &&
	test_cmp /dev/null file
'

# small_fs DIR OPTIONS SIZE: a tmpfs at DIR (root only).
small_fs() {
	mkdir -p "$1" && mount -t tmpfs -o "size=$3${2:+,$2}" tmpfs "$1" 2>/dev/null
}

if mkdir -p "$TRASH/probe" && small_fs "$TRASH/probe" "" 16k && umount "$TRASH/probe"; then

test_expect_success 'a full file system: the books whole or exit 3, no partial book, no temporary file' '
	book &&
	for fill in 8 24 40 48; do
		small_fs full "" 64k &&
		dd if=/dev/zero of=full/fill bs=1k count=$fill 2>/dev/null;
		{ (cd c && folio export --to epub -o ../full/out >../out 2>../err); echo $? >status; } &&
		ls -A full/out 2>/dev/null | grep -v "^\.folio-manifest-" >books;
		{ find full -name ".*" ! -name ".folio-manifest-*" >hidden; python3 -c "import sys, zipfile
for f in sys.argv[1:]:
    assert zipfile.ZipFile(f).testzip() is None, f" $(find full/out -name "*.epub"); echo $? >zipok; } &&
		umount full &&
		test_cmp /dev/null hidden && echo 0 >zero && test_cmp zero zipok &&
		# the pages never make a tree of files beside the books: with
		# 56 KiB free, the books (under 10 KiB) are written
		case $fill:$(cat status) in
		8:0) test "$(cat books | tr "\n" " ")" = "ar.epub fr.epub " ;;
		8:*) false ;;
		*:0) test "$(cat books | tr "\n" " ")" = "ar.epub fr.epub " ;;
		*:3) grep -q "\[write\]$" err && ! grep -q "/\.[a-z]*\.[0-9-]*\.tmp" err ;;
		*) false ;;
		esac ||
		{ umount full 2>/dev/null; echo "fill $fill: status $(cat status)"; cat err; return 1; }
	done
'

test_expect_success 'a disk that fills while pages are put aside: one report a book, exit 3, nothing left' '
	mkdir big && (cd big && make_corpus "fr en") &&
	# 9 MB of pages that hardly deflate: past the 1 MiB held in memory,
	# the rest put aside on a file system of 256 KiB
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
	small_fs full "" 256k &&
	{ (cd big && folio export --to epub -o ../full/out 2>../err); echo $? >status; } &&
	find full -name ".*" ! -name ".folio-manifest-*" >hidden;
	ls -A full/out | grep -v "^\.folio-manifest-" >books;
	umount full &&
	expect_status 3 &&
	test_cmp /dev/null hidden && test_cmp /dev/null books &&
	grep -c "^\.\./full/out/[a-z]*\.epub: error: cannot put a page of the book aside: no space left on device \[write\]$" err >count &&
	test "$(cat count)" -ge 1 && test "$(cat count)" -le 2
'

test_expect_success 'a read-only file system: exit 3, the books as they were' '
	book &&
	small_fs ro "" 256k &&
	(cd c && folio export --to epub -q -o ../ro/out) &&
	cp ro/out/fr.epub old.epub &&
	echo "Un ajout." >>c/glossaire/fr.md &&
	mount -o remount,ro ro &&
	{ (cd c && folio export --to epub -o ../ro/out 2>../err); echo $? >status; } &&
	cmp old.epub ro/out/fr.epub >cmp.out 2>&1; echo $? >same &&
	umount ro &&
	expect_status 3 && echo 0 >zero && test_cmp zero same &&
	grep -q "read-only file system \[write\]$" err
'

else
	test_skip 'export --to epub to a full or read-only file system' 'cannot mount a tmpfs (needs root)'
fi

test_expect_success 'a run stopped by a signal: every book whole, old or new; nothing hidden left' '
	mkdir c && cd c && make_corpus "fr en" &&
	para="Un paragraphe assez long pour que la page prenne le temps de se faire, avec un [lien](article:a1)." &&
	i=0 &&
	while [ $i -lt 800 ]; do
		mkdir -p a$i &&
		printf -- "---\nid: a%s\nlang: fr\ntitle: Article %s\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n---\n## Partie\n\n%s\n\n%s\n\n%s\n" $i $i "$para" "$para" "$para" >a$i/fr.md &&
		i=$((i + 1)) || return 1
	done &&
	cp a1/fr.md ../a1.md && echo "Un ajout." >>a1/fr.md &&
	folio export --to epub -q -o old &&
	cp ../a1.md a1/fr.md &&
	folio export --to epub -q -o new &&
	! cmp -s old/fr.epub new/fr.epub &&
	stopped=0 &&
	for delay in 0.01 0.03 0.06 0.1 0.15 0.2; do
		rm -rf out && cp -R old out &&
		{ "$FOLIO" export --to epub -q -j 2 -o out 2>err & pid=$!; } &&
		sleep $delay && kill -TERM $pid 2>/dev/null;
		wait $pid; status=$? &&
		case $status in
		0) cmp new/fr.epub out/fr.epub ;;
		143) stopped=$((stopped + 1)) &&
		     { cmp -s new/fr.epub out/fr.epub || cmp old/fr.epub out/fr.epub; } ;;
		*) echo "status $status"; cat err; false ;;
		esac &&
		ls -A out | grep -v "^\.folio-manifest-" >actual && echo fr.epub >expect && test_cmp expect actual ||
		{ echo "after $delay s: status $status"; return 1; }
	done &&
	echo "$stopped of 6 runs stopped" &&
	test $stopped -gt 0
'

test_done
