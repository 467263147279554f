#!/bin/sh
# t0578-export-unpublished: a link to an article that is not published
# (a draft, or in review) shows its text alone, a related id naming one
# is left out of further reading, and a stale translation's notice loses
# its link to such an original (SPEC 8, 8.1): export says so, with a
# warning at each (unpublished), so that an editor sees why; validate
# does not, and --include-drafts publishes them.
. "$(dirname "$0")/lib.sh"

# art PATH ID LANG STATUS [KEY: VALUE]... <BODY
art() {
	art_path=$1 art_id=$2 art_lang=$3 art_status=$4
	shift 4
	mkdir -p "$(dirname "$art_path")" &&
	{
		printf -- '---\nid: %s\nlang: %s\ntitle: Title %s\nupdated: 2024-03\nstatus: %s\nreviewers:\n  - name: Dr Example\n' \
			"$art_id" "$art_lang" "$art_id" "$art_status" &&
		for line in "$@"; do printf '%s\n' "$line"; done &&
		printf -- '---\n' &&
		cat
	} >"$art_path"
}

# a links to draft b in its body and in related; c is published.
linked() {
	make_corpus "fr en" &&
	echo "Texte A. Voir [B](article:b) et [C](article:c)." |
		art a/fr.md a fr published "related: [c, b]" &&
	echo "Texte B." | art b/fr.md b fr draft &&
	echo "Texte C." | art c/fr.md c fr published
}

test_expect_success 'a link and a related id to a draft: text alone, left out, each a warning' '
	linked &&
	folio export --to html -o o 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	a/fr.md:9:14: warning: related article '"'"'b'"'"' is not published: left out of further reading [unpublished]
	a/fr.md:11:15: warning: link to unpublished article '"'"'b'"'"' rendered as text [unpublished]
	folio: 0 errors, 2 warnings in 2 files
	folio: 2 pages exported (4 written, 0 unchanged)
	EOF
	test_cmp expect err &&
	grep "^<p>Texte" o/fr/a.html >actual &&
	echo "<p>Texte A. Voir B et <a href=\"c.html\">C</a>.</p>" >expect &&
	test_cmp expect actual &&
	! grep -q "b.html" o/fr/a.html
'

test_expect_success 'in JSON and GitHub formats, with the related item'"'"'s pointer' '
	linked &&
	folio export --to html -o o --format json >actual 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	{"diagnostics":[
	  {"file":"a/fr.md","line":9,"column":14,"severity":"warning","rule":"unpublished","message":"related article '"'"'b'"'"' is not published: left out of further reading","pointer":"/related/1"},
	  {"file":"a/fr.md","line":11,"column":15,"severity":"warning","rule":"unpublished","message":"link to unpublished article '"'"'b'"'"' rendered as text"}
	],
	 "summary":{"files":2,"errors":0,"warnings":2}}
	EOF
	test_cmp expect actual &&
	folio export --to html -o o2 --format github >out 2>actual; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	::warning file=a/fr.md,line=9,col=14,title=unpublished::related article '"'"'b'"'"' is not published: left out of further reading
	::warning file=a/fr.md,line=11,col=15,title=unpublished::link to unpublished article '"'"'b'"'"' rendered as text
	folio: 0 errors, 2 warnings in 2 files
	folio: 2 pages exported (4 written, 0 unchanged)
	EOF
	test_cmp expect actual
'

test_expect_success 'with --include-drafts the draft is linked: no warning' '
	linked &&
	folio export --to html -o o --include-drafts 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	folio: 0 errors, 0 warnings in 3 files
	folio: 3 pages exported (5 written, 0 unchanged)
	EOF
	test_cmp expect err &&
	grep -q "<a href=\"b.html\">B</a>" o/fr/a.html
'

test_expect_success 'validate takes a link to a draft for a right one' '
	linked &&
	add_catalogs fr en &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 0 &&
	echo "folio: 0 errors, 0 warnings in 6 files" >expect &&
	test_cmp expect err
'

test_expect_success 'a page in review counts as unpublished, in the text format too' '
	make_corpus "fr en" &&
	echo "Texte A, [B](article:b)." | art a/fr.md a fr published &&
	echo "Texte B." | art b/fr.md b fr review &&
	folio export --to text -o o 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	a/fr.md:10:10: warning: link to unpublished article '"'"'b'"'"' rendered as text [unpublished]
	folio: 0 errors, 1 warning in 1 file
	folio: 1 page exported (1 written, 0 unchanged)
	EOF
	test_cmp expect err
'

test_expect_success 'a stale translation whose original went back to review: its notice has no link' '
	make_corpus "fr en" &&
	echo "Texte." | art a/fr.md a fr review &&
	echo "Text." | art a/en.md a en published \
		"translated_from:" "  lang: fr" "  updated: 2024-01" &&
	folio export --to html -o o 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	a/en.md:10:3: warning: original '"'"'a/fr.md'"'"' is not published: the stale notice does not link to it [unpublished]
	folio: 0 errors, 1 warning in 1 file
	folio: 1 page exported (3 written, 0 unchanged)
	EOF
	test_cmp expect err &&
	grep "class=\"stale\"" o/en/a.html >actual &&
	! grep -q "href=" actual
'

test_expect_success 'a draft version in the page'"'"'s language: the link leads to the original, no warning' '
	make_corpus "fr en" &&
	echo "Texte B." | art b/fr.md b fr published &&
	echo "Text B." | art b/en.md b en draft \
		"translated_from:" "  lang: fr" "  updated: 2024-03" &&
	echo "Text A, [B](article:b)." | art a/en.md a en published "related: [b]" \
		"translated_from:" "  lang: fr" "  updated: 2024-03" &&
	echo "Texte A." | art a/fr.md a fr published &&
	folio export --to html --lang en -o o 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	folio: 0 errors, 0 warnings in 1 file
	folio: 1 page exported (3 written, 0 unchanged)
	EOF
	test_cmp expect err &&
	grep -q "<p>Text A, <a href=\"../fr/b.html\" hreflang=\"fr\">B</a>.</p>" o/en/a.html &&
	grep -q "<li><a href=\"../fr/b.html\" hreflang=\"fr\" lang=\"fr\">Title b</a></li>" o/en/a.html
'

test_expect_success 'a draft in another language only, with no published original: a warning' '
	make_corpus "fr en" &&
	echo "Text B." | art b/en.md b en draft &&
	echo "Text A, [B](article:b)." | art a/en.md a en published &&
	folio export --to html --lang en -o o 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	a/en.md:10:9: warning: link to unpublished article '"'"'b'"'"' rendered as text [unpublished]
	folio: 0 errors, 1 warning in 1 file
	folio: 1 page exported (3 written, 0 unchanged)
	EOF
	test_cmp expect err
'

test_expect_success 'rules: {unpublished: off} in folio.yaml silences it' '
	linked &&
	echo "rules: {unpublished: off}" >>folio.yaml &&
	folio export --to html -o o 2>err; echo $? >status &&
	expect_status 0 &&
	! grep -q "unpublished" err
'

test_done
