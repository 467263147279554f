#!/bin/sh
# t0450-stamp: folio stamp sets translated_from.updated to the original's
# updated and changes nothing else, byte for byte (SPEC 7.4).
#
# tests/corpora/l10n-stamp/corpus/soins: fr is the original (2024-01);
#   de  plain value, comments, unusual key order
#   en  CRLF line endings, a double-quoted value
#   nl  a byte order mark, a single-quoted day-precision date, a comment
#   ar  a flow mapping after lines of Arabic
#   tr  already current
# seul/de.md has no original; seul/en.md has no translated_from.updated.
# tests/corpora/l10n-stamp/expect/soins holds the stamped files.
. "$(dirname "$0")/lib.sh"

STAMP=$SRC/tests/corpora/l10n-stamp

use_corpus() {
	cp -R "$STAMP/corpus/." .
}

test_expect_success 'plain value among comments: only its bytes change' '
	use_corpus &&
	folio stamp soins/de.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect-out <<-\EOF &&
	soins/de.md: translated_from.updated 2023-10 -> 2024-01
	soins/de.md: translated_from.base (none) -> 4ce9fcfd0446a0f1
	_base/soins/fr.4ce9fcfd0446a0f1.md: snapshot saved
	EOF
	test_cmp expect-out out &&
	echo "soins/de.md:9:10: warning: stamped, but its '\''updated'\'' 2023-12 is earlier than the original'\''s 2024-01 it now renders: set it to the date of this translation [translation-date]" >expect-err &&
	test_cmp expect-err err &&
	cmp soins/fr.md _base/soins/fr.4ce9fcfd0446a0f1.md &&
	cmp soins/de.md "$STAMP/expect/soins/de.md"
'

test_expect_success 'CRLF and double quotes are kept' '
	use_corpus &&
	folio stamp soins/en.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	cmp soins/en.md "$STAMP/expect/soins/en.md"
'

test_expect_success 'a BOM, single quotes and a trailing comment are kept' '
	use_corpus &&
	folio stamp soins/nl.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect-out <<-\EOF &&
	soins/nl.md: translated_from.updated 2023-10-05 -> 2024-01
	soins/nl.md: translated_from.base (none) -> 4ce9fcfd0446a0f1
	_base/soins/fr.4ce9fcfd0446a0f1.md: snapshot saved
	EOF
	test_cmp expect-out out &&
	cmp soins/nl.md "$STAMP/expect/soins/nl.md"
'

test_expect_success 'a flow mapping after multi-byte text is found exactly' '
	use_corpus &&
	folio stamp soins/ar.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	cmp soins/ar.md "$STAMP/expect/soins/ar.md"
'

test_expect_success 'several files at once, then l10n says current' '
	use_corpus &&
	folio stamp soins/de.md soins/en.md soins/nl.md soins/ar.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	for f in de en nl ar; do cmp soins/$f.md "$STAMP/expect/soins/$f.md" || return 1; done &&
	rm -r seul &&
	folio l10n --check=stale >out 2>err; echo $? >status &&
	expect_status 0
'

test_expect_success '--dry-run shows the change and writes nothing' '
	use_corpus &&
	folio stamp --dry-run soins/de.md soins/en.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect-out <<-\EOF &&
	soins/de.md: translated_from.updated 2023-10 -> 2024-01 (dry run, not written)
	soins/de.md: translated_from.base (none) -> 4ce9fcfd0446a0f1 (dry run, not written)
	soins/en.md: translated_from.updated 2023-10 -> 2024-01 (dry run, not written)
	soins/en.md: translated_from.base (none) -> 4ce9fcfd0446a0f1 (dry run, not written)
	EOF
	test_cmp expect-out out &&
	! test -e _base &&
	cmp soins/de.md "$STAMP/corpus/soins/de.md" &&
	cmp soins/en.md "$STAMP/corpus/soins/en.md"
'

test_expect_success 'current by date without a base: base and snapshot added' '
	use_corpus &&
	folio stamp soins/tr.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect-out <<-\EOF &&
	soins/tr.md: translated_from.base (none) -> 4ce9fcfd0446a0f1
	_base/soins/fr.4ce9fcfd0446a0f1.md: snapshot saved
	EOF
	test_cmp expect-out out &&
	sed "/^  updated: 2024-01/a\\
  base: \"4ce9fcfd0446a0f1\"" "$STAMP/corpus/soins/tr.md" >expect-tr &&
	test_cmp expect-tr soins/tr.md
'

test_expect_success 'already current with its base: says so, leaves the file alone, exit 0' '
	use_corpus &&
	folio stamp soins/tr.md >/dev/null 2>&1 &&
	cp soins/tr.md stamped &&
	ls -i soins/tr.md >before &&
	folio stamp soins/tr.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	echo "soins/tr.md: already current (translated_from.updated 2024-01, the original'\''s is 2024-01; base 4ce9fcfd0446a0f1)" >expect-out &&
	test_cmp expect-out out &&
	ls -i soins/tr.md >after &&
	test_cmp before after &&
	cmp soins/tr.md stamped
'

test_expect_success 'refused: an original, a missing original, no updated (exit 1)' '
	use_corpus &&
	folio stamp soins/fr.md seul/de.md seul/en.md >out 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp /dev/null out &&
	cat >expect-err <<-\EOF &&
	soins/fr.md:2:1: error: cannot stamp: not a translation: it has no '\''translated_from'\'' (an original is never stamped) [stamp]
	seul/de.md:2:5: error: cannot stamp: the original of '\''seul'\'' does not exist [stamp]
	seul/en.md:6:1: error: cannot stamp: '\''translated_from'\'' has no '\''updated'\'' value to stamp [stamp]
	EOF
	test_cmp expect-err err &&
	for f in soins/fr.md seul/de.md seul/en.md; do cmp $f "$STAMP/corpus/$f" || return 1; done
'

test_expect_success 'one refusal does not stop the others, and exits 1' '
	use_corpus &&
	folio stamp seul/de.md soins/de.md >out 2>err; echo $? >status &&
	expect_status 1 &&
	cmp soins/de.md "$STAMP/expect/soins/de.md"
'

test_expect_success 'refused: a translation naming another language than the original' '
	use_corpus &&
	sed "s/^  lang: fr/  lang: nl/" "$STAMP/corpus/soins/de.md" >soins/de.md &&
	folio stamp soins/de.md >out 2>err; echo $? >status &&
	expect_status 1 &&
	echo "soins/de.md:5:9: error: cannot stamp: translated_from names '\''nl'\'', but the original soins/fr.md is in '\''fr'\'' [stamp]" >expect-err &&
	test_cmp expect-err err
'

test_expect_success 'refused: broken frontmatter, with the reason' '
	use_corpus &&
	printf -- "---\nid: soins\nlang: de\ntitle: a: b\n---\nText.\n" >soins/de.md &&
	cp soins/de.md before &&
	folio stamp soins/de.md >out 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "soins/de.md:4:9: error: malformed yaml" err &&
	grep -F "soins/de.md: error: cannot stamp: the frontmatter cannot be read [stamp]" err &&
	cmp before soins/de.md
'

test_expect_success 'refused: values stamp cannot rewrite safely (alias, block, tag)' '
	use_corpus &&
	printf -- "---\nid: soins\nlang: de\nupdated: &d 2023-10\ntranslated_from:\n  lang: fr\n  updated: *d\n---\n" >soins/de.md &&
	printf -- "---\nid: soins\nlang: en\ntranslated_from:\n  lang: fr\n  updated: |\n    2023-10\n---\n" >soins/en.md &&
	printf -- "---\nid: soins\nlang: nl\ntranslated_from:\n  lang: fr\n  updated: !!str 2023-10\n---\n" >soins/nl.md &&
	cp -R soins _before &&
	folio stamp soins/de.md soins/en.md soins/nl.md >out 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect-err <<-\EOF &&
	soins/de.md:7:3: error: cannot stamp: the value of '\''translated_from.updated'\'' is an alias of another value; edit it by hand [stamp]
	soins/en.md:6:12: error: cannot stamp: the value of '\''translated_from.updated'\'' is not a plain or simply quoted scalar on one line; edit it by hand [stamp]
	soins/nl.md:6:12: error: cannot stamp: the value of '\''translated_from.updated'\'' is not a plain or simply quoted scalar on one line; edit it by hand [stamp]
	EOF
	test_cmp expect-err err &&
	for f in de en nl; do cmp _before/$f.md soins/$f.md || return 1; done
'

test_expect_success 'refused: a file that is not an article, or does not exist' '
	use_corpus &&
	folio stamp folio.yaml nope.md >out 2>err; echo $? >status &&
	expect_status 1 &&
	grep -F "folio.yaml: error: cannot stamp: not an article of the corpus" err &&
	grep -F "nope.md: error: cannot stamp:" err
'

test_expect_success 'the file mode is kept, no temporary file is left' '
	use_corpus &&
	chmod 604 soins/de.md &&
	folio stamp soins/de.md >out 2>err &&
	stat -c %a soins/de.md >mode &&
	echo 604 >expect-mode &&
	test_cmp expect-mode mode &&
	ls -A soins >files &&
	printf "ar.md\nde.md\nen.md\nfr.md\nnl.md\ntr.md\n" >expect-files &&
	test_cmp expect-files files
'

test_expect_success 'a symbolic link stays a link; its target is stamped' '
	use_corpus &&
	mv soins/de.md real-de.md &&
	ln -s ../real-de.md soins/de.md &&
	folio stamp soins/de.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	test -L soins/de.md &&
	cmp real-de.md "$STAMP/expect/soins/de.md"
'

test_expect_success 'a symbolic link to a file outside the corpus: refused, that file untouched' '
	mkdir inside outside &&
	(cd inside && use_corpus) &&
	mv inside/soins/de.md outside/de.md &&
	cp outside/de.md before &&
	ln -s ../../outside/de.md inside/soins/de.md &&
	(cd inside && folio stamp soins/de.md >../out 2>../err); echo $? >status &&
	expect_status 1 &&
	grep -q "^soins/de.md: error: cannot stamp: a symbolic link to a file outside the corpus" err &&
	cmp before outside/de.md &&
	test -L inside/soins/de.md
'

test_expect_success 'a file changed between read and write is not overwritten' '
	use_corpus &&
	{ FOLIO_TEST_STAMP_PAUSE=2 "$FOLIO" stamp soins/de.md >out 2>err; echo $? >status; } &
	sleep 1 &&
	echo "A line the translator added meanwhile." >>soins/de.md &&
	cp soins/de.md newer &&
	wait &&
	expect_status 1 &&
	cmp newer soins/de.md &&
	grep -F "soins/de.md: error: cannot stamp: the file changed while it was being stamped; nothing written, run folio stamp again [stamp]" err &&
	ls -A soins >files &&
	printf "ar.md\nde.md\nen.md\nfr.md\nnl.md\ntr.md\n" >expect-files &&
	test_cmp expect-files files
'

test_expect_success 'a shorter translation is stamped with a warning' '
	use_corpus &&
	head -n 13 "$STAMP/corpus/soins/de.md" >soins/de.md &&
	folio stamp soins/de.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	echo "soins/de.md: warning: stamped, but the translation is shorter than the original soins/fr.md: 0 of 1 headings, 1 of 2 paragraphs [incomplete]" >expect-err &&
	echo "soins/de.md:9:10: warning: stamped, but its '\''updated'\'' 2023-12 is earlier than the original'\''s 2024-01 it now renders: set it to the date of this translation [translation-date]" >>expect-err &&
	test_cmp expect-err err
'

test_expect_success 'a translation dated after the original it now renders: no word' '
	use_corpus &&
	sed "s/^updated: 2023-12\$/updated: 2024-02/" "$STAMP/corpus/soins/de.md" >soins/de.md &&
	folio stamp soins/de.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null err
'

test_expect_success 'the corpus is found from the file, wherever folio runs' '
	use_corpus &&
	mkdir elsewhere &&
	(cd elsewhere && "$FOLIO" stamp ../soins/de.md >../out 2>../err); echo $? >status &&
	expect_status 0 &&
	cmp soins/de.md "$STAMP/expect/soins/de.md"
'

test_expect_success 'usage: no FILE is exit 2' '
	use_corpus &&
	folio stamp >out 2>err; echo $? >status &&
	expect_status 2 &&
	grep -F "usage: folio stamp" err
'

test_done
