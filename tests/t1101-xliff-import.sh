#!/bin/sh
# t1101 - folio xliff import (SPEC 14): the round trip byte for byte, targets
# put back as Markdown, the frontmatter built or kept, complete or --partial.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xliff-lib.sh"

# Every inline construct and block kind the segmenter knows.
setup() {
	make_corpus "fr en de" &&
	write_article a/fr.md <<-'EOF'
	---
	id: a
	lang: fr
	title: Un titre "cité"
	summary: Un résumé
	section: espace-patients
	updated: 2024-01
	status: published
	reviewers:
	  - name: X
	related: [b]
	sources:
	  - title: Une source
	    url: https://example.org/s
	---

	## Un *titre* de section

	Du *texte*, du **gras**, du `code`, un [lien](https://example.org/l "Le titre")
	et ![une image](i.png "Titre image") puis une coupure  
	dure, une autre\
	et <https://example.org/auto>, www.example.com, [un *lien* imbriqué](article:b),
	_souligné_, ***les deux***, ~~barré~~, \*échappé\*, &amp; &eacute; et 10<sup>9</sup>/L.

	![Seule](seule.png)

	> Une citation *avec* emphase
	> sur deux lignes.
	>
	> - une liste dans la citation

	- élément **un**
	- élément deux
	  sur deux lignes
	  1. imbriqué [réf][r]

	| A *a* | B |
	|---|:-:|
	| un `x` | [deux](u) |
	| | trois \| quatre |

	```
	du code *jamais* traduit
	```

	    indenté

	Setext
	------

	<!-- folio: ignore qa-number -->
	Dernier paragraphe.

	[r]: https://example.org/ref
	EOF
	write_article b/fr.md <<-'EOF'
	---
	id: b
	lang: fr
	title: B
	updated: 2024-01
	status: published
	reviewers:
	  - name: X
	---

	Corps.
	EOF
}

test_expect_success 'round trip: targets equal to sources give the body byte for byte (1.2, 2.0)' '
	setup &&
	for v in 1.2 2.0; do
		rm -f a/en.md &&
		folio xliff export --lang en --xliff $v -o x$v >stdout 2>err &&
		fill_targets x$v/en/a.xlf t$v.xlf &&
		folio xliff import t$v.xlf >stdout 2>err &&
		body_of a/fr.md >expect &&
		body_of a/en.md >actual &&
		test_cmp expect actual || return 1
	done
'

test_expect_success 'round trip on every article of the sample corpus' '
	cp -r "$SRC/articles" c &&
	cd c &&
	for v in 1.2 2.0; do
		folio xliff export --lang nl --xliff $v -o ../x$v >../stdout 2>../err &&
		for f in ../x$v/nl/*.xlf; do
			fill_targets $f $f.t && mv $f.t $f || return 1
		done &&
		folio xliff import ../x$v/nl/*.xlf >../stdout 2>../err &&
		for f in ../x$v/nl/*.xlf; do
			id=$(basename $f .xlf) &&
			orig=$(grep -L "^translated_from" $id/*.md | head -n 1) &&
			body_of $orig >../expect &&
			body_of $id/nl.md >../actual &&
			test_cmp ../expect ../actual || return 1
			rm $id/nl.md
		done || return 1
	done
'

test_expect_success 'round trip on a generated corpus (the bench generator), over its translations' '
	if ! cc -O1 -o gen "$SRC/tests/bench/gen.c" 2>cc.err; then
		echo "cannot build tests/bench/gen.c" && cat cc.err && false
	fi &&
	./gen -n 40 -o c -strings "$SRC/articles/_strings" >gen.out 2>&1 &&
	cd c &&
	folio xliff export --lang de -o ../x >../stdout 2>../err &&
	ls ../x/de >../ids &&
	test -s ../ids &&
	for f in ../x/de/*.xlf; do
		fill_targets $f $f.t && mv $f.t $f || return 1
	done &&
	folio xliff import ../x/de/*.xlf >../stdout 2>../err &&
	n=0 &&
	for f in ../x/de/*.xlf; do
		id=$(basename $f .xlf) &&
		body_of $id/fr.md >../expect &&
		body_of $id/de.md >../actual &&
		test_cmp ../expect ../actual &&
		n=$((n + 1)) || return 1
	done &&
	test $n = $(wc -l <../ids)
'

test_expect_success 'a CRLF original: the round trip keeps its line ends, the new frontmatter uses them' '
	setup &&
	sed "s/\$/\r/" a/fr.md >crlf && mv crlf a/fr.md &&
	folio xliff export --lang en -o x >stdout 2>err &&
	fill_targets x/en/a.xlf t.xlf &&
	folio xliff import t.xlf >stdout 2>err &&
	body_of a/fr.md >expect &&
	body_of a/en.md >actual &&
	test_cmp expect actual &&
	tr -d -c "\\r" <a/en.md | wc -c >expect &&
	wc -l <a/en.md >actual &&
	test_cmp expect actual
'

test_expect_success 'translated targets in place: codes as the Markdown, text escaped, codes reordered' '
	setup &&
	folio xliff export --lang en -o x >stdout 2>err &&
	fill_targets x/en/a.xlf t.xlf &&
	sed -i \
	    -e "s|<target state=\"translated\">Un <g id=\"1\" ctype=\"italic\">titre</g> de section|<target state=\"translated\">A <g id=\"1\" ctype=\"italic\">section</g> title|" \
	    -e "s|<target state=\"translated\">Du <g id=\"1\" ctype=\"italic\">texte</g>, du <g id=\"2\" ctype=\"bold\">gras</g>|<target state=\"translated\">Some <g id=\"2\" ctype=\"bold\">bold *stars* [x]</g> and <g id=\"1\" ctype=\"italic\">text</g>|" \
	    -e "s|<target state=\"translated\">Le titre|<target state=\"translated\">The \&quot;title\&quot;|" \
	    -e "s|<target state=\"translated\">une image|<target state=\"translated\">an [image]|" \
	    -e "s|<target state=\"translated\">Seule|<target state=\"translated\">Alone|" \
	    -e "s|<target state=\"translated\">trois \\| quatre|<target state=\"translated\">three \\| four|" \
	    -e "s|<target state=\"translated\">élément deux sur deux lignes|<target state=\"translated\">1. item two|" \
	    t.xlf &&
	folio xliff import t.xlf >stdout 2>err &&
	cat >expect <<-\EOF &&

	## A *section* title

	Some **bold \*stars\* \[x\]** and *text*, du `code`, un [lien](https://example.org/l "The \"title\"")
	et ![an \[image\]](i.png "Titre image") puis une coupure  
	dure, une autre\
	et <https://example.org/auto>, www.example.com, [un *lien* imbriqué](article:b),
	_souligné_, ***les deux***, ~~barré~~, \*échappé\*, &amp; &eacute; et 10<sup>9</sup>/L.

	![Alone](seule.png)
	EOF
	body_of a/en.md >body &&
	head -n 10 body >actual &&
	test_cmp expect actual &&
	grep -q "^- 1\\\\. item two\$" body &&
	grep -q "^| | three \\\\| four |\$" body
'

test_expect_success 'a new translation: frontmatter from the original and the targets' '
	setup &&
	folio xliff export --lang en -o x >stdout 2>err &&
	fill_targets x/en/a.xlf t.xlf &&
	sed -i -e "s|<target state=\"translated\">Un titre &quot;cité&quot;|<target state=\"translated\">A \&quot;quoted\&quot; title|" \
	    -e "s|<target state=\"translated\">Une source|<target state=\"translated\">A source|" t.xlf &&
	folio xliff import t.xlf >stdout 2>err; echo $? >status &&
	{ expect_status 0 || { cat err; false; }; } &&
	cat >expect <<-\EOF &&
	---
	id: a
	lang: en
	title: "A \"quoted\" title"
	summary: "Un résumé"
	section: "espace-patients"
	updated: 2026-11-28
	status: review
	related: ["b"]
	sources:
	  - title: "A source"
	    url: "https://example.org/s"
	translated_from:
	  lang: fr
	  updated: 2024-01
	  base: "DIGEST"
	---
	EOF
	digest=$(sed -n "s/^  base: \"\([0-9a-f]*\)\"\$/\1/p" a/en.md) &&
	test -n "$digest" &&
	sed "s/^  base: \"$digest\"\$/  base: \"DIGEST\"/" a/en.md | head -n 17 >actual &&
	test_cmp expect actual &&
	test_cmp a/fr.md _base/a/fr.$digest.md &&
	folio l10n --lang en >l10n 2>err &&
	grep -q "^  current   a/en.md" l10n &&
	echo "t.xlf: imported into a/en.md (complete)" >expect &&
	test_cmp expect stdout &&
	folio validate a/en.md >stdout 2>err; echo $? >status &&
	expect_status 0
'

test_expect_success 'an incomplete file is refused, and nothing is written' '
	setup &&
	folio xliff export --lang en -o x >stdout 2>err &&
	fill_targets x/en/a.xlf t.xlf &&
	sed -i "s|<target state=\"translated\">Seule|<target state=\"needs-translation\">Seule|" t.xlf &&
	folio xliff import t.xlf >stdout 2>err; echo $? >status &&
	expect_status 1 &&
	grep -q "^t.xlf:[0-9]*:[0-9]*: error: 1 of [0-9]* units are not translated (the first: '"'"'img1'"'"'): not imported; --partial imports it as a draft \[xliff\]" stdout &&
	test ! -e a/en.md
'

test_expect_success '--partial: a draft, the source text kept where untranslated' '
	setup &&
	folio xliff export --lang en -o x >stdout 2>err &&
	sed -e "s|^\\( *\\)<source>Un titre &quot;cité&quot;</source>|&<target state=\"translated\">A title</target>|" \
	    -e "s|^\\( *\\)<source>Dernier paragraphe.</source>|&<target state=\"final\">Last paragraph.</target>|" \
	    x/en/a.xlf >t.xlf &&
	folio xliff import --partial t.xlf >stdout 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^status: draft\$" a/en.md &&
	grep -q "^title: \"A title\"\$" a/en.md &&
	grep -q "^Last paragraph.\$" a/en.md &&
	grep -q "^## Un \*titre\* de section\$" a/en.md &&
	! grep -q "^  base:" a/en.md &&
	test ! -e _base
'

test_expect_success 'an existing translation keeps its frontmatter; translated_from brought up to date, its own updated to today' '
	setup &&
	write_article a/en.md <<-\EOF &&
	---
	id: a
	lang: en
	title: Old title
	summary: Old summary
	updated: 2023-05
	status: published
	reviewers:
	  - name: Y
	translators: [Z]
	translated_from: {lang: fr, updated: 2023-02}
	---

	Old body.
	EOF
	folio xliff export --lang en -o x >stdout 2>err &&
	fill_targets x/en/a.xlf t.xlf &&
	sed -i "s|<target state=\"translated\">Un titre &quot;cité&quot;|<target state=\"translated\">New title|" t.xlf &&
	folio xliff import t.xlf >stdout 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	---
	id: a
	lang: en
	title: "New title"
	summary: "Un résumé"
	updated: 2026-11
	status: published
	reviewers:
	  - name: Y
	translators: [Z]
	translated_from: {lang: fr, updated: 2024-01, base: "DIGEST"}
	---
	EOF
	digest=$(ls _base/a | sed -n "s/^fr\.\([0-9a-f]*\)\.md\$/\1/p") &&
	test -n "$digest" &&
	sed "s/base: \"$digest\"}/base: \"DIGEST\"}/" a/en.md | head -n 12 >actual &&
	test_cmp expect actual &&
	body_of a/fr.md >expect &&
	body_of a/en.md >actual &&
	test_cmp expect actual
'

# published_en [STATUS-LINE]: an English translation of a, published
published_en() {
	{ printf -- "---\nid: a\nlang: en\ntitle: Old title\nupdated: 2023-05\n" &&
	  { test -z "$1" || printf "%s\n" "$1"; } &&
	  printf "reviewers:\n  - name: Y\ntranslated_from: {lang: fr, updated: 2023-02}\n---\n\nOld body.\n"; } >a/en.md &&
	folio xliff export --lang en -o x >/dev/null 2>&1 &&
	sed -e "s|^\\( *\\)<source>Dernier paragraphe.</source>|&<target state=\"final\">Last paragraph.</target>|" \
	    x/en/a.xlf >t.xlf
}

test_expect_success '--partial into a published translation: a draft, and said so' '
	setup &&
	published_en "status: published" &&
	folio xliff import --partial t.xlf >stdout 2>err &&
	test "$(grep -c "^status: draft\$" a/en.md)" = 1 &&
	! grep -q "^status: published" a/en.md &&
	grep -q "^t.xlf: warning: a/en.md was published: imported in part it is a draft now, and the next export withdraws its page until the translation is complete \[xliff\]\$" stdout
'

test_expect_success '--partial into a translation with no status (published): status: draft added' '
	setup &&
	published_en "" &&
	folio xliff import --partial t.xlf >stdout 2>err &&
	sed -n "/^translated_from:/{n;p;}" a/en.md >after &&
	echo "status: draft" >expect &&
	test_cmp expect after &&
	grep -q "was published: imported in part it is a draft now" stdout &&
	folio validate a/en.md >/dev/null 2>&1
'

test_expect_success 'XLIFF 2.0 split into sentences by a tool: segments and ignorables joined' '
	make_corpus "fr en" &&
	write_article n/fr.md <<-\EOF &&
	---
	id: n
	lang: fr
	title: Titre
	updated: 2024-01
	status: published
	reviewers: [{name: X}]
	---
	Première phrase. Seconde phrase avec **gras**.
	EOF
	folio xliff export --lang en --xliff 2.0 -o x >/dev/null 2>&1 &&
	cat >t.xlf <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
	 <file id="f1" original="n/fr.md">
	  <unit id="title" xml:space="preserve">
	   <segment state="translated"><source>Titre</source><target>Title</target></segment>
	  </unit>
	  <unit id="p1" xml:space="preserve">
	   <originalData>
	    <data id="d1s">**</data>
	    <data id="d1e">**</data>
	   </originalData>
	   <segment id="s1" state="translated"><source>Première phrase.</source><target>First sentence.</target></segment>
	   <ignorable><source> </source></ignorable>
	   <segment id="s2" state="final"><source>Seconde phrase avec <pc id="1" dataRefStart="d1s" dataRefEnd="d1e">gras</pc>.</source><target>Second sentence in <pc id="1" dataRefStart="d1s" dataRefEnd="d1e">bold</pc>.</target></segment>
	  </unit>
	 </file>
	</xliff>
	EOF
	folio xliff import t.xlf >stdout 2>err &&
	grep -q "^First sentence. Second sentence in \*\*bold\*\*.\$" n/en.md &&
	sed "s|<segment id=\"s2\" state=\"final\">|<segment id=\"s2\" state=\"initial\">|" t.xlf >u.xlf &&
	rm n/en.md &&
	{ folio xliff import u.xlf >stdout 2>err; echo $? >status; } &&
	expect_status 1 && test ! -e n/en.md
'

test_expect_success 'a localized link target or image of the translation is kept on import (the original'"'"'s did not change)' '
	make_corpus "fr en" &&
	mkdir -p n &&
	H="---\nid: n\nlang: %s\ntitle: T\nsummary: S.\nupdated: 2024-01\nstatus: published\nreviewers: [{name: X, role: r, affiliation: H}]\n%b---\n" &&
	{ printf -- "$H" fr "" && printf "Voir [le site](https://example.org/fr) et ![Schéma](schema-fr.png).\n\nFin du texte ici.\n"; } >n/fr.md &&
	{ printf -- "$H" en "translated_from: {lang: fr, updated: 2024-01}\n" && printf "See [the site](https://example.org/en) and ![Diagram](schema-en.png).\n\nEnd of the text here.\n"; } >n/en.md &&
	touch n/schema-fr.png n/schema-en.png &&
	folio stamp n/en.md >/dev/null 2>&1 &&
	sed "s/Fin du texte ici./Fin du texte, ici./; s/updated: 2024-01/updated: 2024-02/" n/fr.md >fr.tmp && mv fr.tmp n/fr.md &&
	folio xliff export --lang en -o x >/dev/null 2>&1 &&
	sed "s/needs-review-translation/translated/" x/en/n.xlf >t.xlf &&
	folio xliff import t.xlf >stdout 2>err &&
	grep -q "^See \[the site\](https://example.org/en) and !\[Diagram\](schema-en.png).\$" n/en.md &&
	! grep -q warning stdout
'

test_expect_success 'each file on its own: a good one imported, a bad one refused, exit 1' '
	setup &&
	folio xliff export --lang en -o x >stdout 2>err &&
	folio xliff export --lang de -o x >stdout 2>err &&
	fill_targets x/en/a.xlf en.xlf &&
	fill_targets x/de/a.xlf de.xlf &&
	sed -i "s|trans-unit id=\"p1\"|trans-unit id=\"p99\"|" de.xlf &&
	folio xliff import de.xlf en.xlf >stdout 2>err; echo $? >status &&
	expect_status 1 &&
	test -f a/en.md &&
	test ! -e a/de.md &&
	grep -q "^de.xlf:[0-9]*:[0-9]*: error: unknown unit id '"'"'p99'"'"'" stdout
'

test_expect_success 'translated_from after an anchor: base goes inside the flow mapping, the file still reads' '
	make_corpus "fr en" &&
	printf -- "---\nid: n\nlang: fr\ntitle: Titre\nupdated: 2024-01\nstatus: published\nreviewers: [{name: X, role: r, affiliation: H}]\n---\nPrenez 500 mg.\n" >x.md &&
	mkdir -p n && mv x.md n/fr.md &&
	printf -- "---\nid: n\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: published\nreviewers: [{name: X, role: r, affiliation: H}]\ntranslated_from: &tf {lang: fr, updated: 2023-01}\n---\nTake 500 mg.\n" >n/en.md &&
	folio xliff export --lang en -o x >stdout 2>err &&
	fill_targets x/en/n.xlf t.xlf &&
	folio xliff import t.xlf >stdout 2>err &&
	grep -q "^translated_from: &tf {lang: fr, updated: 2024-01, base: \"[0-9a-f]\{16\}\"}$" n/en.md &&
	folio validate n/en.md >vout 2>&1
'

test_expect_success 'values the translator left as they were keep their bytes: plain, quoted, folded' '
	make_corpus "fr en" &&
	mkdir n &&
	printf -- "---\nid: n\nlang: fr\ntitle: Titre\nsummary: Le résumé.\nupdated: 2024-01\nstatus: published\nreviewers: [{name: X, role: r, affiliation: H}]\nsources:\n  - title: Une source\n    url: https://example.org/s\n---\nPrenez 500 mg.\n" >n/fr.md &&
	printf -- "---\nid: n\nlang: en\ntitle: Title\nsummary: '\''The summary.'\''\nupdated: 2024-01\nstatus: published\nreviewers: [{name: X, role: r, affiliation: H}]\nsources:\n  - title: >-\n      A\n      source\n    url: https://example.org/s\ntranslated_from: {lang: fr, updated: 2023-01}\n---\nTake 500 mg.\n" >n/en.md &&
	cp n/en.md before &&
	folio xliff export --lang en -o x >stdout 2>err &&
	sed "s/state=\"needs-review-translation\"/state=\"translated\"/" x/en/n.xlf >t.xlf &&
	folio xliff import t.xlf >stdout 2>err; echo $? >status &&
	expect_status 0 &&
	grep -v "^translated_from:" before >expect &&
	grep -v "^translated_from:" n/en.md >actual &&
	test_cmp expect actual &&
	grep -q "^translated_from: {lang: fr, updated: 2024-01, base: \"[0-9a-f]\{16\}\"}$" n/en.md
'

test_done
