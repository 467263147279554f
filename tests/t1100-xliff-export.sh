#!/bin/sh
# t1100 - folio xliff export (SPEC 14): units, ids, inline codes, targets,
# review marking, --changed, both XLIFF versions.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xliff-lib.sh"

setup() {
	make_corpus "fr en de" &&
	write_article a/fr.md <<-'EOF'
	---
	id: a
	lang: fr
	title: Un titre
	updated: 2024-01
	status: published
	reviewers:
	  - name: X
	sources:
	  - title: Une source
	    url: https://example.org/s
	---

	## Un *titre* de section

	Du *texte*, du **gras**, du `code`, un [lien](https://example.org/l "Le titre")
	et ![une image](i.png) puis une coupure  
	et <https://example.org/auto> et [un *lien* imbriqué](article:b).

	![Seule](seule.png)

	| A | B |
	|---|---|
	| un | deux |
	EOF
	write_article b/fr.md <<-'EOF'
	---
	id: b
	lang: fr
	title: Brouillon
	updated: 2024-01
	status: draft
	---

	Pas encore publié.
	EOF
}

# a translation of a with the original's shape; $1: translated_from.updated
translation() {
	write_article a/en.md <<-EOF
	---
	id: a
	lang: en
	title: A title
	updated: 2024-02
	status: published
	reviewers:
	  - name: X
	sources:
	  - title: A source
	    url: https://example.org/s
	translated_from:
	  lang: fr
	  updated: $1
	---

	## A *section* title

	Some *text*, **bold**, \`code\`, a [link](https://example.org/l "The title")
	and ![an image](i.png) then a break  
	and <https://example.org/auto> and [a *nested* link](article:b).

	![Alone](seule.png)

	| A | B |
	|---|---|
	| one | two |
	EOF
}

test_expect_success 'one unit per block, inline Markdown as codes, URLs never text (1.2)' '
	setup &&
	folio xliff export --lang en >stdout 2>err; echo $? >status &&
	expect_status 0 &&
	ls out/xliff/en >actual &&
	echo a.xlf >expect &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
	 <file original="a/fr.md" source-language="fr" target-language="en" datatype="x-markdown">
	  <header>
	   <tool tool-id="folio" tool-name="folio"/>
	  </header>
	  <body>
	   <trans-unit id="title" xml:space="preserve">
	    <source>Un titre</source>
	   </trans-unit>
	   <trans-unit id="source1" xml:space="preserve">
	    <source>Une source</source>
	   </trans-unit>
	   <trans-unit id="h1" xml:space="preserve">
	    <source>Un <g id="1" ctype="italic">titre</g> de section</source>
	   </trans-unit>
	   <trans-unit id="p1" xml:space="preserve">
	    <source>Du <g id="1" ctype="italic">texte</g>, du <g id="2" ctype="bold">gras</g>, du <x id="3" ctype="x-code"/>, un <g id="4" ctype="link">lien</g> et <x id="5" ctype="image"/> puis une coupure<x id="6" ctype="lb"/>et <x id="7" ctype="x-autolink"/> et <g id="8" ctype="link">un <g id="9" ctype="italic">lien</g> imbriqué</g>.</source>
	   </trans-unit>
	   <trans-unit id="p1-title1" xml:space="preserve">
	    <source>Le titre</source>
	   </trans-unit>
	   <trans-unit id="p1-alt1" xml:space="preserve">
	    <source>une image</source>
	   </trans-unit>
	   <trans-unit id="img1" xml:space="preserve">
	    <source>Seule</source>
	   </trans-unit>
	   <trans-unit id="t1r1c1" xml:space="preserve">
	    <source>A</source>
	   </trans-unit>
	   <trans-unit id="t1r1c2" xml:space="preserve">
	    <source>B</source>
	   </trans-unit>
	   <trans-unit id="t1r2c1" xml:space="preserve">
	    <source>un</source>
	   </trans-unit>
	   <trans-unit id="t1r2c2" xml:space="preserve">
	    <source>deux</source>
	   </trans-unit>
	  </body>
	 </file>
	</xliff>
	EOF
	test_cmp expect out/xliff/en/a.xlf &&
	! grep -q -e "example.org" -e "i.png" -e "\`code\`" out/xliff/en/a.xlf
'

test_expect_success '2.0: <pc> and <ph/> with the Markdown in <originalData>' '
	setup &&
	folio xliff export --lang en --xliff 2.0 -o x >stdout 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "srcLang=\"fr\" trgLang=\"en\"" x/en/a.xlf &&
	grep -q "<data id=\"d4e\">](https://example.org/l &quot;Le titre&quot;)</data>" x/en/a.xlf &&
	grep -q "<data id=\"d3\">\`code\`</data>" x/en/a.xlf &&
	grep -q "<pc id=\"8\" dataRefStart=\"d8s\" dataRefEnd=\"d8e\" type=\"link\">un <pc id=\"9\"" x/en/a.xlf &&
	grep -q "<ph id=\"6\" dataRef=\"d6\" type=\"fmt\" subType=\"xlf:lb\"/>" x/en/a.xlf &&
	grep "example.org" x/en/a.xlf >lines &&
	! grep -v "^ *<data id=" lines
'

test_expect_success 'usage errors: no --lang, a language not in the corpus, a version' '
	setup &&
	{ folio xliff export >stdout 2>err; echo $? >status; } &&
	expect_status 2 &&
	grep -q "needs --lang" err &&
	{ folio xliff export --lang it >stdout 2>err; echo $? >status; } &&
	expect_status 2 &&
	grep -q "'"'"'it'"'"' is not one of" err &&
	{ folio xliff export --lang en --xliff 1.1 >stdout 2>err; echo $? >status; } &&
	expect_status 2 &&
	{ folio xliff frobnicate >stdout 2>err; echo $? >status; } &&
	expect_status 2 &&
	test ! -e out/xliff
'

test_expect_success 'only published originals; never the original'"'"'s own language' '
	setup &&
	translation 2024-01 &&
	folio xliff export --lang en >stdout 2>err &&
	ls out/xliff/en >actual &&
	echo a.xlf >expect &&
	test_cmp expect actual &&
	{ folio xliff export --lang fr >stdout 2>err; echo $? >status; } &&
	expect_status 0 &&
	test ! -e out/xliff/fr/a.xlf
'

test_expect_success 'a current translation gives every unit its target, translated' '
	setup &&
	translation 2024-01 &&
	folio xliff export --lang en >stdout 2>err &&
	grep -c "<source>" out/xliff/en/a.xlf >expect &&
	grep -c "<target state=\"translated\">" out/xliff/en/a.xlf >actual &&
	test_cmp expect actual &&
	grep -q "<target state=\"translated\">Some <g id=\"1\" ctype=\"italic\">text</g>, <g id=\"2\" ctype=\"bold\">bold</g>" out/xliff/en/a.xlf &&
	grep -q "<target state=\"translated\">The title</target>" out/xliff/en/a.xlf &&
	grep -q "<target state=\"translated\">Alone</target>" out/xliff/en/a.xlf &&
	! grep -q "<note" out/xliff/en/a.xlf
'

test_expect_success 'a stale translation: targets marked for review, with a note (1.2 and 2.0)' '
	setup &&
	translation 2023-06 &&
	folio xliff export --lang en >stdout 2>err &&
	grep -c "<source>" out/xliff/en/a.xlf >expect &&
	grep -c "<target state=\"needs-review-translation\">" out/xliff/en/a.xlf >actual &&
	test_cmp expect actual &&
	grep -c "<note from=\"folio\">the original changed since this translation (translated_from.updated 2023-06, the original'"'"'s updated 2024-01)" out/xliff/en/a.xlf >actual &&
	test_cmp expect actual &&
	folio xliff export --lang en --xliff 2.0 -o x >stdout 2>err &&
	grep -c "<segment state=\"initial\">" x/en/a.xlf >actual &&
	test_cmp expect actual
'

test_expect_success '--changed: nothing for a current translation, all for a stale or missing one' '
	setup &&
	translation 2024-01 &&
	folio xliff export --lang en --changed >stdout 2>err &&
	test ! -e out/xliff/en/a.xlf &&
	grep -q "0 XLIFF files" err &&
	folio xliff export --lang de --changed >stdout 2>err &&
	test -f out/xliff/de/a.xlf &&
	! grep -q "<target" out/xliff/de/a.xlf &&
	translation 2023-06 &&
	folio xliff export --lang en --changed >stdout 2>err &&
	grep -c "<source>" out/xliff/en/a.xlf >expect &&
	grep -c "needs-review-translation" out/xliff/en/a.xlf >actual &&
	test_cmp expect actual
'

test_expect_success 'unit ids stay the same when the text is edited' '
	setup &&
	folio xliff export --lang en -o one >stdout 2>err &&
	sed -i "s/Du \*texte\*/Un tout autre *texte*/; s/| un | deux |/| un autre | deux |/" a/fr.md &&
	folio xliff export --lang en -o two >stdout 2>err &&
	grep -o "trans-unit id=\"[^\"]*\"" one/en/a.xlf >expect &&
	grep -o "trans-unit id=\"[^\"]*\"" two/en/a.xlf >actual &&
	test_cmp expect actual &&
	grep -q "Un tout autre" two/en/a.xlf
'

test_expect_success 'a translation of another shape: targets for the frontmatter only' '
	setup &&
	translation 2024-01 &&
	sed -i "s/^and <https/\\nand <https/" a/en.md &&
	folio xliff export --lang en >stdout 2>err &&
	grep -q "<target state=\"translated\">A title</target>" out/xliff/en/a.xlf &&
	grep -c "<target" out/xliff/en/a.xlf >actual &&
	echo 2 >expect &&
	test_cmp expect actual
'

test_expect_success 'a target whose markup differs is sent as text, for review' '
	setup &&
	translation 2024-01 &&
	sed -i "s/^## A \*section\* title/## A section **title**/" a/en.md &&
	folio xliff export --lang en >stdout 2>err &&
	grep -q "<target state=\"needs-review-translation\">A section title</target>" out/xliff/en/a.xlf &&
	grep -q "inline markup (emphasis, links, code) differs" out/xliff/en/a.xlf
'

test_done
