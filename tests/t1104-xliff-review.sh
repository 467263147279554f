#!/bin/sh
# t1104 - the blocks changed since a translation's base (SPEC 12.3, 14):
# marked for review with the old source in a note, --changed sends only
# them and the new ones, and the import of that file completes the
# translation from its unchanged blocks and stamps it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xliff-lib.sh"

# a/en.md stamped from a/fr.md through an import, then translated by hand
setup() {
	make_corpus "fr en" &&
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

	Premier paragraphe.

	Deuxième paragraphe, avec une dose de 5 mg.

	- un élément
	- un autre
	EOF
	folio xliff export --lang en -o x0 >stdout 2>err &&
	fill_targets x0/en/a.xlf t0.xlf &&
	folio xliff import t0.xlf >stdout 2>err &&
	sed -i -e "s/^Premier paragraphe./First paragraph./" \
	       -e "s/^Deuxième paragraphe, avec une dose de 5 mg./Second paragraph, with a dose of 5 mg./" \
	       -e "s/^- un élément/- an item/" -e "s/^- un autre/- another/" \
	       -e "s/^title: \"Un titre\"/title: \"A title\"/" a/en.md &&
	grep -q "^  base: " a/en.md &&
	sed -i -e "s/une dose de 5 mg/une dose de 50 mg/" -e "s/^updated: 2024-01/updated: 2024-03/" a/fr.md &&
	printf "\\nUn paragraphe nouveau.\\n" >>a/fr.md
}

test_expect_success 'the changed block is marked for review, with its old source; the rest is translated' '
	setup &&
	folio xliff export --lang en -o x >stdout 2>err &&
	grep -A 3 "trans-unit id=\"p2\"" x/en/a.xlf >p2 &&
	grep -q "<target state=\"needs-review-translation\">Second paragraph, with a dose of 5 mg.</target>" p2 &&
	grep -q "<note from=\"folio\">the original changed since the translation'"'"'s base (2024-01); the source was: Deuxième paragraphe, avec une dose de 5 mg.</note>" p2 &&
	grep -q "<target state=\"translated\">First paragraph.</target>" x/en/a.xlf &&
	grep -q "<target state=\"translated\">an item</target>" x/en/a.xlf &&
	grep -q "<target state=\"translated\">A title</target>" x/en/a.xlf &&
	grep -c "needs-review-translation" x/en/a.xlf >actual &&
	echo 1 >expect &&
	test_cmp expect actual &&
	grep -A 2 "trans-unit id=\"p3\"" x/en/a.xlf >p3 &&
	grep -q "<source>Un paragraphe nouveau.</source>" p3 &&
	! grep -q "<target" p3 &&
	folio xliff export --lang en --xliff 2.0 -o y >stdout 2>err &&
	grep -c "<segment state=\"initial\">" y/en/a.xlf >actual &&
	test_cmp expect actual
'

test_expect_success '--changed: only the changed and the new units' '
	setup &&
	folio xliff export --lang en --changed -o x >stdout 2>err &&
	grep -o "trans-unit id=\"[^\"]*\"" x/en/a.xlf >actual &&
	printf "%s\n" "trans-unit id=\"p2\"" "trans-unit id=\"p3\"" >expect &&
	test_cmp expect actual
'

test_expect_success 'importing the --changed file completes the translation and stamps it again' '
	setup &&
	old=$(sed -n "s/^  base: \"\(.*\)\"\$/\1/p" a/en.md) &&
	folio xliff export --lang en --changed -o x >stdout 2>err &&
	sed -e "s|<target state=\"needs-review-translation\">Second paragraph, with a dose of 5 mg.|<target state=\"translated\">Second paragraph, with a dose of 50 mg.|" \
	    -e "s|^\( *\)<source>Un paragraphe nouveau.</source>|&<target state=\"translated\">A new paragraph.</target>|" \
	    x/en/a.xlf >t.xlf &&
	folio xliff import t.xlf >stdout 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&

	First paragraph.

	Second paragraph, with a dose of 50 mg.

	- an item
	- another

	A new paragraph.
	EOF
	body_of a/en.md >actual &&
	test_cmp expect actual &&
	grep -q "^title: \"A title\"\$" a/en.md &&
	grep -q "^  updated: 2024-03\$" a/en.md &&
	new=$(sed -n "s/^  base: \"\(.*\)\"\$/\1/p" a/en.md) &&
	test -n "$new" && test "$new" != "$old" &&
	test_cmp a/fr.md _base/a/fr.$new.md &&
	test ! -e _base/a/fr.$old.md &&
	folio l10n --lang en >l10n 2>err &&
	grep -q "^  current   a/en.md" l10n
'

test_expect_success 'a --changed file with a unit left for review is incomplete' '
	setup &&
	folio xliff export --lang en --changed -o x >stdout 2>err &&
	sed -e "s|^\( *\)<source>Un paragraphe nouveau.</source>|&<target state=\"translated\">A new paragraph.</target>|" \
	    x/en/a.xlf >t.xlf &&
	snapshot >snap.before &&
	folio xliff import t.xlf >stdout 2>err; echo $? >status &&
	expect_status 1 &&
	grep -q "1 of 6 units are not translated (the first: '"'"'p2'"'"')" stdout &&
	snapshot >snap.after &&
	test_cmp snap.before snap.after
'

test_expect_success 'no base text (snapshot removed, no git): every target marked for review' '
	setup &&
	rm -r _base &&
	folio xliff export --lang en -o x >stdout 2>err &&
	grep -c "<target" x/en/a.xlf >expect &&
	grep -c "<target state=\"needs-review-translation\">" x/en/a.xlf >actual &&
	test_cmp expect actual &&
	grep -q "the text it was made from is not available" x/en/a.xlf
'

# b/en.md stamped by hand, without the original's source title; then a
# dose added to the original's second paragraph
setup_nosource() {
	make_corpus "fr en" &&
	write_article b/fr.md <<-'EOF' &&
	---
	id: b
	lang: fr
	title: Titre
	updated: 2024-01
	status: published
	sources:
	  - title: Une source
	    url: https://example.org/s
	---
	Premier paragraphe.

	Il faut patienter avant de voir un effet.

	Troisième paragraphe.
	EOF
	write_article b/en.md <<-'EOF' &&
	---
	id: b
	lang: en
	title: Title
	updated: 2024-01
	status: published
	translated_from:
	  lang: fr
	  updated: 2024-01
	---
	First paragraph.

	It can take a while before any effect is seen.

	Third paragraph.
	EOF
	folio stamp b/en.md >stdout 2>err &&
	sed -i "s/patienter avant/patienter 2 à 3 mois avant/" b/fr.md
}

test_expect_success 'a translation without the source titles: the changed block still marked, each target in its place' '
	setup_nosource &&
	folio xliff export --lang en -o x >stdout 2>err &&
	grep -A 3 "trans-unit id=\"p2\"" x/en/b.xlf >p2 &&
	grep -q "<target state=\"needs-review-translation\">It can take a while before any effect is seen.</target>" p2 &&
	grep -q "the source was: Il faut patienter avant de voir un effet." p2 &&
	grep -A 2 "trans-unit id=\"p1\"" x/en/b.xlf | grep -q "<target state=\"translated\">First paragraph.</target>" &&
	grep -A 2 "trans-unit id=\"p3\"" x/en/b.xlf | grep -q "<target state=\"translated\">Third paragraph.</target>" &&
	grep -c "needs-review-translation" x/en/b.xlf >actual &&
	echo 1 >expect && test_cmp expect actual &&
	folio xliff export --lang en --changed -o y >stdout 2>err &&
	grep "<trans-unit id=" y/en/b.xlf | sed "s/.*id=\"\([a-z0-9]*\)\".*/\1/" >actual &&
	printf "source1\np2\n" >expect && test_cmp expect actual
'

test_expect_success 'a body of another shape than its base: every unit for review' '
	setup_nosource &&
	printf "\nFourth paragraph, added by the translator.\n" >>b/en.md &&
	sed -i "s/^First paragraph./## First\n\nFirst paragraph./" b/en.md &&
	folio xliff export --lang en -o x >stdout 2>err &&
	! grep -q "state=\"translated\"" x/en/b.xlf &&
	grep -q "needs-review-translation" x/en/b.xlf
'

test_done
