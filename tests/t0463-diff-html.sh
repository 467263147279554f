#!/bin/sh
# t0463-diff-html: folio diff --format html, and the diff page that
# l10n --format html -o writes beside its dashboard (SPEC 12.3): one
# self-contained page, three columns per change, right to left where the
# language is, valid for the Nu HTML checker.
. "$(dirname "$0")/lib.sh"

VNU=$SRC/node_modules/vnu-jar/build/dist/vnu.jar

setup() {
	printf 'source_language: fr\nlanguages: [fr, ar, en]\n' >folio.yaml &&
	write_article s/fr.md <<-\EOF &&
	---
	id: s
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Prenez 500 mg par jour.

	Un texte <simple> & court.
	EOF
	write_article s/ar.md <<-\EOF &&
	---
	id: s
	lang: ar
	title: عنوان
	updated: 2024-01
	status: draft
	translated_from: {lang: fr, updated: 2024-01}
	---
	خذ 500 ملغ يوميا.

	نص بسيط وقصير.
	EOF
	folio stamp s/ar.md >/dev/null 2>&1 &&
	sed "s/500 mg/750 mg/; s/& court/\\& bref/" s/fr.md >t && mv t s/fr.md
}

test_expect_success 'html: three columns, words marked, the Arabic column right to left' '
	setup &&
	folio diff --format html -o diff.html >out 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null out &&
	head -n 1 diff.html >first && echo "<!DOCTYPE html>" >expect && test_cmp expect first &&
	grep -F "<section id=\"t-s-ar\">" diff.html &&
	grep -F "<td lang=\"fr\" dir=\"ltr\">Prenez <del>500</del> mg par jour.</td><td lang=\"fr\" dir=\"ltr\">Prenez <ins>750</ins> mg par jour.</td><td lang=\"ar\" dir=\"rtl\">خذ 500 ملغ يوميا.</td>" diff.html &&
	grep -F "Un texte &lt;simple&gt; &amp; <del>court.</del>" diff.html &&
	! grep -iE "<script|src=|href=|https?:|@import" diff.html
'

test_expect_success 'l10n --format html -o: each stale cell links to its entry in the diff page beside it' '
	setup && mkdir site &&
	folio l10n --format html -o site/status.html >out 2>err; echo $? >status &&
	expect_status 0 &&
	grep -F "<a href=\"status-diff.html#t-s-ar\">change: <span class=\"k k-safety\">safety</span> (1 safety, 1 content, 0 editorial)</a>" site/status.html &&
	grep -F "<section id=\"t-s-ar\">" site/status-diff.html
'

test_expect_success 'l10n --format html without -o: the dashboard alone, no link, no diff page' '
	setup &&
	folio l10n --format html >page.html 2>err &&
	! grep -q "status-diff" page.html &&
	grep -F "change: <span class=\"k k-safety\">safety</span>" page.html &&
	! test -e status-diff.html
'

if [ -f "$VNU" ] && command -v java >/dev/null; then
test_expect_success 'the Nu HTML checker finds no error in the diff page and the dashboard' '
	setup && mkdir site &&
	folio l10n --format html -o site/status.html >out 2>err &&
	folio diff --format html -o site/diff.html >out 2>err &&
	java -jar "$VNU" --errors-only site/diff.html site/status-diff.html site/status.html >vnu.out 2>&1 ||
	{ cat vnu.out; false; }
'
else
	test_skip 'vnu on the diff page' 'vnu-jar not installed: make deps'
fi

test_done
