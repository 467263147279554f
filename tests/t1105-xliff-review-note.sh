#!/bin/sh
# t1105 - the note of a unit marked for review (SPEC 14): the old text of
# exactly that unit, as plain text (emphasis markers gone, a link's text
# kept without its URL, a line break a new line), XML-escaped; and only
# the units whose own text changed are marked: an unchanged cell of a
# changed row, or the paragraph around a changed alt text, is not.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xliff-lib.sh"

XSD=${FOLIO_XSD_DIR:-$SRC/tests/xsd}

# a/en.md translated from a/fr.md and stamped; then the original edited:
# a word in bold in the first paragraph, one cell of the table
setup() {
	make_corpus "fr en" &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Un titre
	updated: 2024-01
	status: published
	reviewers:
	  - name: X
	---

	Le traitement stimule les **lymphocytes T**.@@
	Il faut parfois *patienter* 2 à 3 mois (< 3 mois chez l'enfant), voir [le guide](https://example.org/guide "Guide").

	| Médicament | Dose | Rythme |
	| --- | --- | --- |
	| pembrolizumab | 200 mg | toutes les 3 semaines |
	| nivolumab | 240 mg | toutes les 2 semaines |

	- Une fatigue `grade 1` est fréquente.
	EOF
	write_article a/en.md <<-\EOF &&
	---
	id: a
	lang: en
	title: A title
	updated: 2024-01
	status: published
	reviewers:
	  - name: X
	translated_from:
	  lang: fr
	  updated: 2024-01
	---

	The treatment stimulates **T lymphocytes**.@@
	It can take *patience*: 2 to 3 months (< 3 months in children), see [the guide](https://example.org/guide "Guide").

	| Drug | Dose | Schedule |
	| --- | --- | --- |
	| pembrolizumab | 200 mg | every 3 weeks |
	| nivolumab | 240 mg | every 2 weeks |

	- A `grade 1` fatigue is common.
	EOF
	sed -i "s/@@\$/  /" a/fr.md a/en.md &&
	folio stamp a/en.md >stdout 2>err &&
	sed -i -e "s/\*\*lymphocytes T\*\*/**lymphocytes T CD8**/" \
	       -e "s/| 200 mg |/| 400 mg |/" \
	       -e "s/^updated: 2024-01/updated: 2024-03/" a/fr.md
}

test_expect_success 'the note holds the old text of the paragraph, without its Markdown' '
	setup &&
	folio xliff export --lang en -o x >stdout 2>err &&
	sed -n "/<trans-unit id=\"p1\"/,/<\/trans-unit>/p" x/en/a.xlf >actual &&
	cat >expect <<-\EOF &&
	   <trans-unit id="p1" xml:space="preserve">
	    <source>Le traitement stimule les <g id="1" ctype="bold">lymphocytes T CD8</g>.<x id="2" ctype="lb"/>Il faut parfois <g id="3" ctype="italic">patienter</g> 2 à 3 mois (&lt; 3 mois chez l'"'"'enfant), voir <g id="4" ctype="link">le guide</g>.</source>
	    <target state="needs-review-translation">The treatment stimulates <g id="1" ctype="bold">T lymphocytes</g>.<x id="2" ctype="lb"/>It can take <g id="3" ctype="italic">patience</g>: 2 to 3 months (&lt; 3 months in children), see <g id="4" ctype="link">the guide</g>.</target>
	    <note from="folio">the original changed since the translation'"'"'s base (2024-01); the source was: Le traitement stimule les lymphocytes T.
	Il faut parfois patienter 2 à 3 mois (&lt; 3 mois chez l'"'"'enfant), voir le guide.</note>
	   </trans-unit>
	EOF
	test_cmp expect actual
'

test_expect_success 'a changed cell is marked with its own old text, the cells beside it are not' '
	setup &&
	folio xliff export --lang en -o x >stdout 2>err &&
	sed -n "/<trans-unit id=\"t1r2c[0-9]\"/,/<\/trans-unit>/p" x/en/a.xlf >actual &&
	cat >expect <<-\EOF &&
	   <trans-unit id="t1r2c1" xml:space="preserve">
	    <source>pembrolizumab</source>
	    <target state="translated">pembrolizumab</target>
	   </trans-unit>
	   <trans-unit id="t1r2c2" xml:space="preserve">
	    <source>400 mg</source>
	    <target state="needs-review-translation">200 mg</target>
	    <note from="folio">the original changed since the translation'"'"'s base (2024-01); the source was: 200 mg</note>
	   </trans-unit>
	   <trans-unit id="t1r2c3" xml:space="preserve">
	    <source>toutes les 3 semaines</source>
	    <target state="translated">every 3 weeks</target>
	   </trans-unit>
	EOF
	test_cmp expect actual &&
	grep -c "<note" x/en/a.xlf >actual &&
	echo 2 >expect &&
	test_cmp expect actual
'

test_expect_success '--changed sends the changed paragraph and the changed cell only' '
	setup &&
	folio xliff export --lang en --changed -o x >stdout 2>err &&
	grep -o "trans-unit id=\"[^\"]*\"" x/en/a.xlf >actual &&
	printf "%s\n" "trans-unit id=\"p1\"" "trans-unit id=\"t1r2c2\"" >expect &&
	test_cmp expect actual
'

test_expect_success 'XLIFF 2.0: the same notes, on the units in state initial' '
	setup &&
	folio xliff export --lang en --xliff 2.0 --changed -o x >stdout 2>err &&
	sed -n "/<notes>/,/<\/notes>/p" x/en/a.xlf >actual &&
	cat >expect <<-\EOF &&
	   <notes>
	    <note category="folio">the original changed since the translation'"'"'s base (2024-01); the source was: Le traitement stimule les lymphocytes T.
	Il faut parfois patienter 2 à 3 mois (&lt; 3 mois chez l'"'"'enfant), voir le guide.</note>
	   </notes>
	   <notes>
	    <note category="folio">the original changed since the translation'"'"'s base (2024-01); the source was: 200 mg</note>
	   </notes>
	EOF
	test_cmp expect actual &&
	grep -c "<segment state=\"initial\">" x/en/a.xlf >actual &&
	echo 2 >expect &&
	test_cmp expect actual
'

test_expect_success 'importing the --changed file keeps the unchanged cells of the changed row' '
	setup &&
	folio xliff export --lang en --changed -o x >stdout 2>err &&
	sed -e "s|<target state=\"needs-review-translation\">The treatment stimulates <g id=\"1\" ctype=\"bold\">T lymphocytes</g>|<target state=\"translated\">The treatment stimulates <g id=\"1\" ctype=\"bold\">CD8 T lymphocytes</g>|" \
	    -e "s|<target state=\"needs-review-translation\">200 mg|<target state=\"translated\">400 mg|" \
	    x/en/a.xlf >t.xlf &&
	folio xliff import t.xlf >stdout 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&

	The treatment stimulates **CD8 T lymphocytes**.@@
	It can take *patience*: 2 to 3 months (\< 3 months in children), see [the guide](https://example.org/guide "Guide").

	| Drug | Dose | Schedule |
	| --- | --- | --- |
	| pembrolizumab | 400 mg | every 3 weeks |
	| nivolumab | 240 mg | every 2 weeks |

	- A `grade 1` fatigue is common.
	EOF
	sed -i "s/@@\$/  /" expect &&
	body_of a/en.md >actual &&
	test_cmp expect actual &&
	! grep -q warning stdout
'

test_expect_success 'a list item, a heading, the title and an alt text: each note is that unit'"'"'s text (and a second note for the markup the translation lacks)' '
	setup &&
	sed -i -e "s/^title: Un titre/title: Un autre titre/" \
	       -e "s/Une fatigue \`grade 1\` est fréquente./Une fatigue \`grade 2\` est fréquente./" a/fr.md &&
	printf "\\n## Les effets [indésirables](https://example.org/fr/effets)\\n\\nVoir ![un schéma](schema.png) ici.\\n" >>a/fr.md &&
	printf "\\n## The [side](https://example.org/en/effects) effects\\n\\nSee ![a diagram](schema.png) here.\\n" >>a/en.md &&
	folio stamp a/en.md >stdout 2>err &&
	sed -i -e "s/effets \[indésirables\]/effets [secondaires]/" -e "s/!\[un schéma\]/![le schéma]/" \
	       -e "s/^updated: 2024-03/updated: 2024-04/" -e "s/^title: Un autre titre/title: Un nouveau titre/" \
	       -e "s/^- Une fatigue \`grade 2\`/- Une _fatigue_ \`grade 3\`/" a/fr.md &&
	folio xliff export --lang en -o x >stdout 2>err &&
	grep "<note" x/en/a.xlf >actual &&
	cat >expect <<-\EOF &&
	    <note from="folio">the original changed since the translation'"'"'s base (2024-03); the source was: Un autre titre</note>
	    <note from="folio">the original changed since the translation'"'"'s base (2024-03); the source was: Une fatigue grade 2 est fréquente.</note>
	    <note from="folio">the translation'"'"'s inline markup (emphasis, links, code) differs from the original'"'"'s: check it</note>
	    <note from="folio">the original changed since the translation'"'"'s base (2024-03); the source was: Les effets indésirables</note>
	    <note from="folio">the original changed since the translation'"'"'s base (2024-03); the source was: un schéma</note>
	EOF
	test_cmp expect actual &&
	grep -B 3 "the source was: un schéma" x/en/a.xlf >actual &&
	grep -q "<trans-unit id=\"p2-alt1\"" actual &&
	grep -A 3 "<trans-unit id=\"p2\"" x/en/a.xlf >actual &&
	grep -q "<target state=\"translated\">See <x id=\"1\" ctype=\"image\"/> here.</target>" actual
'

test_expect_success 'a link target changed, not the text: marked, and the note says so' '
	setup &&
	folio xliff export --lang en -o x0 >stdout 2>err &&
	sed -i -e "s/\*\*lymphocytes T CD8\*\*/**lymphocytes T**/" -e "s/| 400 mg |/| 200 mg |/" \
	       -e "s|https://example.org/guide|https://example.org/guide-2024|" a/fr.md &&
	folio xliff export --lang en --changed -o x >stdout 2>err &&
	grep -o "trans-unit id=\"[^\"]*\"" x/en/a.xlf >actual &&
	echo "trans-unit id=\"p1\"" >expect &&
	test_cmp expect actual &&
	grep -q "<note from=\"folio\">the original changed since the translation'"'"'s base (2024-01), in a link'"'"'s or an image'"'"'s target, code or HTML only; the source was: Le traitement" x/en/a.xlf
'

if ! command -v xmllint >/dev/null 2>&1; then
	test_skip 'the exports with notes are well-formed and valid' 'xmllint not installed'
else
	test_expect_success 'the exports with notes are well-formed XML' '
		setup &&
		folio xliff export --lang en -o x12 >stdout 2>err &&
		folio xliff export --lang en --xliff 2.0 -o x20 >stdout 2>err &&
		xmllint --nonet --noout x12/en/a.xlf x20/en/a.xlf
	'
	if [ -f "$XSD/xliff-core-1.2-strict.xsd" ] && [ -f "$XSD/xliff-core-2.0.xsd" ] &&
	   [ -f "$XSD/xml.xsd" ]; then
		test_expect_success 'the exports with notes validate: XLIFF 1.2 strict and 2.0 core' '
			setup &&
			folio xliff export --lang en -o x12 >stdout 2>err &&
			folio xliff export --lang en --xliff 2.0 -o x20 >stdout 2>err &&
			mkdir -p xsd/informativeCopiesOf3rdPartySchemas/w3c &&
			cp "$XSD"/xliff-core-1.2-strict.xsd "$XSD"/xliff-core-2.0.xsd "$XSD"/xml.xsd xsd/ &&
			cp "$XSD"/xml.xsd xsd/informativeCopiesOf3rdPartySchemas/w3c/ &&
			printf "%s\n" "<?xml version=\"1.0\"?>" \
				"<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">" \
				"<system systemId=\"http://www.w3.org/2001/xml.xsd\" uri=\"file://$PWD/xsd/xml.xsd\"/>" \
				"<uri name=\"http://www.w3.org/2001/xml.xsd\" uri=\"file://$PWD/xsd/xml.xsd\"/>" \
				"</catalog>" >catalog.xml &&
			XML_CATALOG_FILES=$PWD/catalog.xml xmllint --nonet --noout \
				--schema xsd/xliff-core-1.2-strict.xsd x12/en/a.xlf 2>lint.err &&
			xmllint --nonet --noout --schema xsd/xliff-core-2.0.xsd x20/en/a.xlf 2>>lint.err &&
			test $(grep -c " validates\$" lint.err) = 2
		'
	else
		test_skip 'the exports with notes validate against the OASIS schemas' "no schemas in $XSD: run make deps"
	fi
fi

test_done
