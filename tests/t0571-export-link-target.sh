#!/bin/sh
# t0571-export-link-target: export checks a body's article: links with
# validate's link-target rule (checks.c), in the parse that renders the
# page: the same line, position and message as validate, and no page.
. "$(dirname "$0")/lib.sh"

corpus() {
	make_corpus "fr en" &&
	mkdir a b &&
	cat >a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Article A
	updated: 2024-01
	status: published
	reviewers:
	  - name: Dr A
	---

	Voir [b](article:b), [c](article:c) et [a](article:a#rien).
	EOF
	cat >b/fr.md <<-\EOF
	---
	id: b
	lang: fr
	title: Article B
	updated: 2024-01
	status: published
	reviewers:
	  - name: Dr B
	---

	Texte de B.
	EOF
}

test_expect_success 'export reports a link to a missing article as validate does' '
	corpus &&
	folio validate >vout 2>verr; echo $? >vstatus &&
	grep "\[link-target\]" vout >expect &&
	test $(wc -l <expect) = 1 &&
	folio export --to html >export-out 2>err; echo $? >status &&
	expect_status 1 &&
	grep "\[link-target\]" err >actual &&
	test_cmp expect actual &&
	echo "a/fr.md:11:22: error: link to an article that does not exist: '"'"'article:c'"'"' [link-target]" >expect-line &&
	test_cmp expect-line actual &&
	test -f out/html/fr/b.html &&
	! test -f out/html/fr/a.html
'

test_done
