#!/bin/sh
# t0563-export-catalog-held: a language whose string catalog has an error
# (malformed YAML, a placeholder export does not fill, 11 months) is not
# exported: the error is reported, its pages stay as the last good run
# left them, the other languages are exported, and the exit status is 1.
# The other languages' pages link to its pages only where an earlier run
# left them: in a fresh directory no "also available in", no hreflang
# alternate and no language menu entry leads to a page that is not there.
. "$(dirname "$0")/lib.sh"

corpus() {
	make_corpus "fr de" &&
	mkdir -p a _strings &&
	printf -- "---\nid: a\nlang: fr\ntitle: Titre\nupdated: 2024-01\nreviewers:\n  - name: Dr X\n---\nTexte.\n" >a/fr.md &&
	printf -- "---\nid: a\nlang: de\ntitle: Titel\nupdated: 2024-01\ntranslated_from:\n  lang: fr\n  updated: 2024-01\nreviewers:\n  - name: Dr X\n---\nText.\n" >a/de.md &&
	printf "updated_on: \"Mis à jour : {date}\"\nmonths: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]\n" >_strings/fr.yaml &&
	printf "updated_on: \"Aktualisiert: {date}\"\nmonths: [Januar, Februar, März, April, Mai, Juni, Juli, August, September, Oktober, November, Dezember]\n" >_strings/de.yaml
}

# a good run, then every file made old, to see what is written again
good_run() {
	folio export --to "$1" -q &&
	find out -type f -exec touch -d "2001-01-01 00:00" {} + &&
	cp -R out good
}

test_expect_success 'an unknown placeholder: the language keeps its pages, exit 1' '
	corpus && good_run html &&
	printf "updated_on: \"Mis à jour : {datum}\"\n" >_strings/fr.yaml &&
	echo "Neuer Text." >>a/de.md &&
	folio export --to html 2>out.txt; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	_strings/fr.yaml: error: language '"'"'fr'"'"' not exported: its string catalog has errors; its pages stay as they were [catalog-held]
	_strings/fr.yaml:1:13: error: unknown placeholder '"'"'{datum}'"'"' in '"'"'updated_on'"'"': it would be printed as it is (it takes {date}) [strings-placeholders]
	folio: 2 errors, 0 warnings in 1 file
	folio: 1 page exported (1 written, 2 unchanged)
	EOF
	test_cmp expect out.txt &&
	test_cmp good/html/fr/a.html out/html/fr/a.html &&
	test_cmp good/html/fr/index.html out/html/fr/index.html &&
	find out/html/fr -type f -newermt 2001-01-02 >newer &&
	test_cmp /dev/null newer &&
	grep -q "Neuer Text" out/html/de/a.html &&
	! grep -q "{datum}" out/html/de/a.html
'

test_expect_success '11 months: German pages stay, French ones are exported' '
	corpus && good_run html &&
	printf "updated_on: \"Aktualisiert: {date}\"\nmonths: [a, b, c, d, e, f, g, h, i, j, k]\n" >_strings/de.yaml &&
	echo "Nouveau texte." >>a/fr.md &&
	folio export --to html 2>out.txt; echo $? >status &&
	expect_status 1 &&
	grep "^_strings/de.yaml:2:9: error: '"'"'months'"'"' must have at least 12 items, got 11 \[schema\]$" out.txt &&
	grep "^_strings/de.yaml: error: language '"'"'de'"'"' not exported" out.txt &&
	test_cmp good/html/de/a.html out/html/de/a.html &&
	grep -q "Nouveau texte" out/html/fr/a.html
'

test_expect_success 'a YAML error in _strings/fr.yaml: no French page rewritten with English defaults' '
	corpus && good_run text &&
	printf "updated_on: [\n" >_strings/fr.yaml &&
	folio export --to text 2>out.txt; echo $? >status &&
	expect_status 1 &&
	grep "^_strings/fr.yaml:2:1: error: malformed yaml: .*\[yaml-syntax\]$" out.txt &&
	grep "^_strings/fr.yaml: error: language '"'"'fr'"'"' not exported" out.txt &&
	test_cmp good/text/fr/a.txt out/text/fr/a.txt &&
	! grep -q "Updated" out/text/fr/a.txt
'

test_expect_success 'no earlier run: the language gets no directory at all' '
	corpus &&
	printf "updated_on: \"{datum}\"\n" >_strings/fr.yaml &&
	folio export --to xhtml -q 2>out.txt; echo $? >status &&
	expect_status 1 &&
	! test -e out/xhtml/fr &&
	test -f out/xhtml/de/EPUB/package.opf
'

test_expect_success 'no earlier run: no page links the held language' '
	corpus &&
	printf "updated_on: \"Mis à jour : {datum}\"\n" >_strings/fr.yaml &&
	folio export --to html -q 2>out.txt; echo $? >status &&
	expect_status 1 &&
	! test -e out/html/fr &&
	! grep -q "\.\./fr/\|hreflang=\"fr\"\|Auch verfügbar" out/html/de/a.html &&
	! grep -q "\.\./fr/\|hreflang=\"fr\"" out/html/de/index.html
'

test_expect_success 'an earlier run left the held pages: the links to them stay' '
	corpus && good_run html &&
	printf "updated_on: \"Mis à jour : {datum}\"\n" >_strings/fr.yaml &&
	echo "Neuer Text." >>a/de.md &&
	folio export --to html -q 2>out.txt; echo $? >status &&
	expect_status 1 &&
	grep -q "Neuer Text" out/html/de/a.html &&
	grep -q "<a href=\"\.\./fr/a\.html\" hreflang=\"fr\">" out/html/de/a.html &&
	grep -q "<link rel=\"alternate\" hreflang=\"fr\" href=\"\.\./fr/a\.html\"" out/html/de/a.html &&
	grep -q "href=\"\.\./fr/index\.html\"" out/html/de/index.html
'

test_expect_success 'a sound catalog changes nothing: exit 0' '
	corpus &&
	folio export --to html -q 2>out.txt; echo $? >status &&
	expect_status 0 &&
	grep -q "Mis à jour" out/html/fr/a.html
'

test_done
