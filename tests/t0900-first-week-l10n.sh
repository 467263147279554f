#!/bin/sh
# t0900-first-week-l10n: what translators are told by l10n and stamp in
# their first week: never a path to create that exists, days instead of
# "0 months behind", stamp goes on after a refusal and its dry run warns
# like the real run.
. "$(dirname "$0")/lib.sh"

STAMP=$SRC/tests/corpora/l10n-stamp

# art PATH ID LANG UPDATED [TF_UPDATED]: a small article; with
# TF_UPDATED, a translation of the fr original.
art() {
	mkdir -p "$(dirname "$1")" &&
	{
		printf -- "---\nid: %s\nlang: %s\ntitle: Titre\nupdated: %s\n" "$2" "$3" "$4"
		printf "status: draft\n"
		[ -z "$5" ] || printf "translated_from:\n  lang: fr\n  updated: %s\n" "$5"
		printf -- "---\nUn paragraphe de texte.\n"
	} >"$1"
}

# has_line TEXT: ./actual holds exactly this line.
has_line() {
	printf '%s\n' "$1" >expect-line &&
	grep -Fx -f expect-line actual >found &&
	test_cmp expect-line found
}

test_expect_success 'an original saved under the wrong language: no "create" of it' '
	make_corpus "fr en" &&
	art e/fr.md e en 2024-01 &&
	folio l10n --lang fr >actual 2>err; echo $? >status &&
	expect_status 0 &&
	has_line "  missing   e/fr.md  e/fr.md already holds the en original of '\''e'\'', which belongs at e/en.md; original e/fr.md (2024-01), 5 words" &&
	folio l10n --lang fr --format github >actual 2>err &&
	grep -F "missing fr translation of '\''e'\'' (e/fr.md already holds the en original of '\''e'\'', which belongs at e/en.md, 5 words)" actual
'

test_expect_success 'a file holding another id: l10n says what it holds' '
	make_corpus "fr en" &&
	art a/fr.md a fr 2024-01 &&
	art a/en.md b en 2024-01 &&
	folio l10n --lang en >actual 2>err &&
	has_line "  missing   a/en.md  a/en.md already holds the en original of '\''b'\'', which belongs at b/en.md; original a/fr.md (2024-01), 5 words" &&
	folio l10n --lang en --format html -o status.html 2>err &&
	grep -F "a/en.md already holds the en original of &#39;b&#39;" status.html &&
	! grep -F "to create: <span class=\"file code\">a/en.md" status.html
'

test_expect_success 'a free path is still the file to create' '
	make_corpus "fr en" &&
	art a/fr.md a fr 2024-01 &&
	folio l10n --lang en >actual 2>err &&
	has_line "  missing   a/en.md  original a/fr.md (2024-01), 5 words"
'

test_expect_success 'stale by a few days: days, not "0 months behind"' '
	make_corpus "fr en" &&
	art a/fr.md a fr 2024-03-20 &&
	art a/en.md a en 2024-03-16 2024-03-15 &&
	folio l10n --lang en >actual 2>err &&
	has_line "  stale     a/en.md  (draft) based on 2024-03-15, original updated 2024-03-20 (5 days behind), 5 words; change: unknown (no base: dated only)" &&
	folio l10n --lang en --format json >actual 2>err &&
	grep -F "\"months_behind\":0,\"days_behind\":5," actual &&
	art a/en.md a en 2024-03-16 2024-02-25 &&
	folio l10n --lang en >actual 2>err &&
	has_line "  stale     a/en.md  (draft) based on 2024-02-25, original updated 2024-03-20 (24 days behind), 5 words; change: unknown (no base: dated only)" &&
	art a/en.md a en 2024-03-16 2024-02-05 &&
	folio l10n --lang en >actual 2>err &&
	has_line "  stale     a/en.md  (draft) based on 2024-02-05, original updated 2024-03-20 (1 month behind), 5 words; change: unknown (no base: dated only)"
'

test_expect_success 'stamp: a missing first FILE does not stop the others' '
	cp -R "$STAMP/corpus/." . &&
	folio stamp nope/de.md soins/de.md >out 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect-out <<-\EOF &&
	soins/de.md: translated_from.updated 2023-10 -> 2024-01
	soins/de.md: translated_from.base (none) -> 4ce9fcfd0446a0f1
	_base/soins/fr.4ce9fcfd0446a0f1.md: snapshot saved
	EOF
	test_cmp expect-out out &&
	grep -F "nope/de.md: error: cannot stamp: no such file or directory [stamp]" err &&
	cmp soins/de.md "$STAMP/expect/soins/de.md"
'

test_expect_success 'stamp --dry-run warns of a shorter translation as the real run does' '
	cp -R "$STAMP/corpus/." . &&
	head -n 13 "$STAMP/corpus/soins/de.md" >soins/de.md &&
	cp soins/de.md before &&
	folio stamp --dry-run soins/de.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	cmp before soins/de.md &&
	echo "soins/de.md: warning: would be stamped, but the translation is shorter than the original soins/fr.md: 0 of 1 headings, 1 of 2 paragraphs [incomplete]" >expect-err &&
	echo "soins/de.md:9:10: warning: would be stamped, but its '\''updated'\'' 2023-12 is earlier than the original'\''s 2024-01 it now renders: set it to the date of this translation [translation-date]" >>expect-err &&
	test_cmp expect-err err
'

test_expect_success 'the html dashboard has one main landmark around its content' '
	make_corpus "fr en" &&
	art a/fr.md a fr 2024-01 &&
	folio l10n --format html -o status.html 2>err &&
	grep -c "<main>" status.html >count &&
	echo 1 >expect-count &&
	test_cmp expect-count count &&
	sed -n "/<body>/,/<\/body>/p" status.html >body &&
	sed -n 2p body >second &&
	echo "<main>" >expect-second &&
	test_cmp expect-second second &&
	grep -B1 "^<footer>" body | head -n 1 >before-footer &&
	echo "</main>" >expect-before &&
	test_cmp expect-before before-footer &&
	if command -v java >/dev/null && test -f "$SRC/node_modules/vnu-jar/build/dist/vnu.jar"; then
		java -jar "$SRC/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only status.html
	fi
'

test_done
