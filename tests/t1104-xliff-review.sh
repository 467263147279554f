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

test_done
