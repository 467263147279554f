#!/bin/sh
# t1102 - hostile XLIFF imports (SPEC 14, 10): each is a positioned
# diagnostic, exit 1, and nothing written; no entity is ever expanded and
# no file outside the XLIFF is ever read.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xliff-lib.sh"

setup() {
	make_corpus "fr en de" &&
	write_article a/fr.md <<-'EOF' &&
	---
	id: a
	lang: fr
	title: Un titre
	updated: 2024-01
	status: published
	reviewers:
	  - name: X
	---

	Un [premier](https://example.org/1) lien, du *texte* et `code`,
	un [second](https://example.org/2) lien.

	Dernier paragraphe.
	EOF
	write_article b/fr.md <<-'EOF' &&
	---
	id: b
	lang: fr
	title: Autre
	updated: 2024-01
	status: published
	reviewers:
	  - name: X
	---

	Autre chose.
	EOF
	folio xliff export --lang en -o x >stdout 2>err &&
	folio xliff export --lang en --xliff 2.0 -o y >stdout 2>err &&
	fill_targets x/en/a.xlf good.xlf &&
	fill_targets y/en/a.xlf good20.xlf &&
	snapshot >snap.before
}

# refused FILE PATTERN: exit 1, the diagnostic, nothing written
refused() {
	folio xliff import "$1" >stdout 2>stderr; echo $? >status &&
	expect_status 1 &&
	grep -q "$2" stdout &&
	snapshot >snap.after &&
	test_cmp snap.before snap.after
}

P1='Un <g id="1" ctype="link">premier</g> lien, du <g id="2" ctype="italic">texte</g> et <x id="3" ctype="x-code"/>, un <g id="4" ctype="link">second</g> lien.'

test_expect_success 'the good file imports (the cases below start from it)' '
	setup &&
	folio xliff import good.xlf >stdout 2>err &&
	test -f a/en.md &&
	rm a/en.md &&
	folio xliff import good20.xlf >stdout 2>err &&
	test -f a/en.md
'

test_expect_success 'an unknown unit id' '
	setup &&
	sed "s/trans-unit id=\"p2\"/trans-unit id=\"p7\"/" good.xlf >t.xlf &&
	refused t.xlf "^t.xlf:[0-9]*:4: error: unknown unit id '"'"'p7'"'"': the original a/fr.md has no such block \[xliff\]"
'

test_expect_success 'a unit id twice' '
	setup &&
	sed "s/trans-unit id=\"p2\"/trans-unit id=\"p1\"/" good.xlf >t.xlf &&
	refused t.xlf "^t.xlf:[0-9]*:4: error: unit id '"'"'p1'"'"' appears twice (first on line [0-9]*) \[xliff\]"
'

test_expect_success 'an empty target for a source with text' '
	setup &&
	sed "s|<target state=\"translated\">Dernier paragraphe.</target>|<target state=\"translated\"> </target>|" good.xlf >t.xlf &&
	refused t.xlf "error: unit '"'"'p2'"'"': the target is empty, but the source is not \[xliff\]"
'

test_expect_success 'a code missing from the target' '
	setup &&
	sed "s|<target state=\"translated\">Un <g id=\"1\" ctype=\"link\">premier</g>|<target state=\"translated\">Un premier|" good.xlf >t.xlf &&
	refused t.xlf "error: unit '"'"'p1'"'"': inline code 1 (link) of the source is missing from the target"
'

test_expect_success 'an extra code, a code twice, a paired code as a placeholder' '
	setup &&
	sed "s|<target state=\"translated\">Un |<target state=\"translated\">Un <x id=\"9\"/>|" good.xlf >t.xlf &&
	refused t.xlf "unit '"'"'p1'"'"': inline code 9 of the target is not in the source" &&
	sed "s|<target state=\"translated\">Un |<target state=\"translated\">Un <x id=\"3\"/>|" good.xlf >t.xlf &&
	refused t.xlf "unit '"'"'p1'"'"': inline code 3 appears twice in the target" &&
	sed "s|<target state=\"translated\">Un <g id=\"1\" ctype=\"link\">premier</g>|<target state=\"translated\">Un <x id=\"1\"/>|" good.xlf >t.xlf &&
	refused t.xlf "unit '"'"'p1'"'"': inline code 1 of the target is not in the source"
'

test_expect_success 'a link inside a link is refused; other codes may be reordered and nested' '
	setup &&
	sed "s|<target state=\"translated\">.*lien\\.</target>|<target state=\"translated\">Un <g id=\"1\">premier <g id=\"4\">second</g></g>, <g id=\"2\">texte</g> <x id=\"3\"/>.</target>|" good.xlf >t.xlf &&
	refused t.xlf "unit '"'"'p1'"'"': a link inside a link (code 4)" &&
	sed "s|<target state=\"translated\">.*lien\\.</target>|<target state=\"translated\"><g id=\"4\">Second</g> <x id=\"3\"/> <g id=\"2\">text <g id=\"1\">first</g></g>.</target>|" good.xlf >t.xlf &&
	folio xliff import t.xlf >stdout 2>err &&
	grep -q "^\\[Second\\](https://example.org/2) \`code\` \\*text \\[first\\](https://example.org/1)\\*\\.\$" a/en.md
'

test_expect_success 'a file for another article, or a wrong language' '
	setup &&
	sed "s|original=\"a/fr.md\"|original=\"zz/fr.md\"|" good.xlf >t.xlf &&
	refused t.xlf "error: the article '"'"'zz'"'"' has no original in this corpus" &&
	sed "s|original=\"a/fr.md\"|original=\"b/fr.md\"|" good.xlf >t.xlf &&
	refused t.xlf "error: the source of unit '"'"'title'"'"' is not the original" &&
	sed "s|original=\"a/fr.md\"|original=\"../a/fr.md\"|" good.xlf >t.xlf &&
	refused t.xlf "has no original in this corpus" &&
	sed "s|source-language=\"fr\"|source-language=\"de\"|" good.xlf >t.xlf &&
	refused t.xlf "but the original of '"'"'a'"'"' is a/fr.md, in '"'"'fr'"'"'" &&
	sed "s|target-language=\"en\"|target-language=\"it\"|" good.xlf >t.xlf &&
	refused t.xlf "target language '"'"'it'"'"' is not one of the corpus" &&
	sed "s|target-language=\"en\"|target-language=\"fr\"|" good.xlf >t.xlf &&
	refused t.xlf "target language '"'"'fr'"'"'"
'

test_expect_success 'the original changed since the export' '
	setup &&
	sed -i "s/Dernier paragraphe./Dernier paragraphe, modifié./" a/fr.md &&
	snapshot >snap.before &&
	refused good.xlf "the source of unit '"'"'p2'"'"' is not the original'"'"'s text any more: a/fr.md changed since the export; export again"
'

test_expect_success 'malformed XML, another version, not XLIFF, an element folio does not write' '
	setup &&
	head -c 600 good.xlf >t.xlf &&
	refused t.xlf "^t.xlf:[0-9]*:[0-9]*: error: not well-formed XML: " &&
	sed "s|version=\"1.2\"|version=\"1.1\"|" good.xlf >t.xlf &&
	refused t.xlf "XLIFF version '"'"'1.1'"'"' is not one folio reads" &&
	sed "s|xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"|xmlns=\"urn:example\"|" good.xlf >t.xlf &&
	refused t.xlf "XLIFF version '"'"'1.2'"'"' is not one folio reads" &&
	printf "<html/>\\n" >t.xlf &&
	refused t.xlf "not an XLIFF file: the root element is '"'"'html'"'"'" &&
	sed "s|<target state=\"translated\">Dernier|<target state=\"translated\"><bpt id=\"1\">x</bpt>Dernier|" good.xlf >t.xlf &&
	refused t.xlf "an inline element folio does not write: '"'"'<bpt>'"'"'" &&
	: >t.xlf &&
	refused t.xlf "not well-formed XML" &&
	refused missing.xlf "cannot read"
'

test_expect_success 'an external entity: refused, the file it names never read' '
	setup &&
	echo "TOP-SECRET-7731" >"$PWD/secret.txt" &&
	snapshot >snap.before &&
	sed -e "1a\\
<!DOCTYPE xliff [ <!ENTITY leak SYSTEM \"file://$PWD/secret.txt\"> ]>" \
	    -e "s|<target state=\"translated\">Dernier paragraphe.|<target state=\"translated\">\\&leak;|" good.xlf >t.xlf &&
	refused t.xlf "^t.xlf:2:1: error: a DOCTYPE or entity declaration is not allowed in an XLIFF file: nothing imported \[xliff\]" &&
	! grep -r -l "TOP-SECRET" . --exclude=secret.txt &&
	sed -e "1a\\
<!-- a comment first --><!DOCTYPE x SYSTEM \"file://$PWD/secret.txt\">" good.xlf >t.xlf &&
	refused t.xlf "a DOCTYPE or entity declaration is not allowed" &&
	! grep -r -l "TOP-SECRET" . --exclude=secret.txt
'

test_expect_success 'billion laughs: refused before any expansion' '
	setup &&
	{
		echo "<?xml version=\"1.0\"?>" &&
		echo "<!DOCTYPE xliff [" &&
		echo " <!ENTITY l0 \"lol\">" &&
		for i in 1 2 3 4 5 6 7 8 9; do
			echo " <!ENTITY l$i \"&l$((i - 1));&l$((i - 1));&l$((i - 1));&l$((i - 1));&l$((i - 1));&l$((i - 1));&l$((i - 1));&l$((i - 1));&l$((i - 1));&l$((i - 1));\">"
		done &&
		echo "]>" &&
		sed 1d good.xlf | sed "s|<target state=\"translated\">Dernier paragraphe.|<target state=\"translated\">\\&l9;|"
	} >t.xlf &&
	refused t.xlf "^t.xlf:2:1: error: a DOCTYPE or entity declaration is not allowed"
'

test_expect_success '2.0: the same checks (a missing code, a link in a link)' '
	setup &&
	sed "s|<target>Un <pc id=\"1\" dataRefStart=\"d1s\" dataRefEnd=\"d1e\" type=\"link\">premier</pc>|<target>Un premier|" good20.xlf >t.xlf &&
	refused t.xlf "inline code 1 (link) of the source is missing from the target" &&
	sed "s|<target>.*lien\\.</target>|<target><pc id=\"1\">a <pc id=\"4\">b</pc></pc> <pc id=\"2\">c</pc> <ph id=\"3\"/></target>|" good20.xlf >t.xlf &&
	refused t.xlf "a link inside a link"
'

test_expect_success 'a file at the translation'"'"'s place that folio cannot read is never replaced' '
	setup &&
	printf -- "---\nid: [broken\n---\nMy own work.\n" >a/en.md &&
	snapshot >snap.before &&
	refused good.xlf "error: a/en.md exists but is not a translation of '"'"'a'"'"' folio can read: nothing imported" &&
	grep -q "My own work." a/en.md
'

test_done
