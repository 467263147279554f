#!/bin/sh
# t0570-export-golden: the whole output of `folio export` on
# tests/corpora/export-golden, in every format, byte for byte against the
# trees under tests/golden/export/ (html/, xhtml/, text/, epub/ with the
# books, epub-unzipped/ with what each book holds, and messages/ with
# what each export printed).  Any change to what export writes shows
# here as a diff; when the change is meant, write the trees again with
#   GOLDEN_WRITE=1 sh tests/t0570-export-golden.sh
# and read the diff before committing it.
. "$(dirname "$0")/lib.sh"

GOLDEN=$SRC/tests/golden/export

# export_all DIR JOBS: every format of the golden corpus under DIR/out,
# the books unzipped under DIR/out/epub-unzipped, the messages under
# DIR/out/messages.
export_all() {
	cp -R "$SRC/tests/corpora/export-golden" "$1" &&
	mkdir -p "$1/out/messages" &&
	for fmt in html xhtml text epub
	do
		(cd "$1" && folio export --to $fmt -j "$2" \
			>out/messages/$fmt.out 2>out/messages/$fmt.err
		 echo $? >out/messages/$fmt.status) || return 1
	done &&
	top=$(cd "$1" && pwd) &&
	for book in "$top"/out/epub/*.epub
	do
		lang=$(basename "$book" .epub) &&
		mkdir -p "$top/out/epub-unzipped/$lang" &&
		(cd "$top/out/epub-unzipped/$lang" && unzip -q "$book") || return 1
	done
}

if [ -n "$GOLDEN_WRITE" ]; then
	tmp=$(mktemp -d) &&
	export_all "$tmp/c" 1 &&
	rm -rf "$GOLDEN" &&
	mkdir -p "$(dirname "$GOLDEN")" &&
	cp -R "$tmp/c/out" "$GOLDEN" &&
	rm -rf "$tmp" &&
	echo "wrote $GOLDEN"
	exit
fi

if ! command -v unzip >/dev/null 2>&1; then
	test_skip 'the export golden trees' 'no unzip'
	test_done
	exit
fi

test_expect_success 'one job: every file of every format, byte for byte' '
	export_all c 1 &&
	diff -r "$GOLDEN" c/out
'

test_expect_success 'two jobs: the same bytes' '
	export_all c 2 &&
	diff -r "$GOLDEN" c/out
'

test_expect_success 'a second export over the first changes nothing and says so' '
	export_all c 2 &&
	(cd c && folio export --to html >../out 2>../err); echo $? >status &&
	expect_status 0 &&
	diff -r "$GOLDEN/html" c/out/html &&
	echo "folio: 0 errors, 0 warnings in 23 files" >expect &&
	echo "folio: 23 pages exported (0 written, 31 unchanged)" >>expect &&
	test_cmp expect err
'

test_done
