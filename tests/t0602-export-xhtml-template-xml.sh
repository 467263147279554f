#!/bin/sh
# t0602-export-xhtml-template-xml: a page or index template of the
# e-book formats (xhtml, epub) that is not well-formed XML (<br>, &nbsp;)
# is a template error at its line and column, and no page is written:
# an e-book reader would refuse every page made from it.
. "$(dirname "$0")/lib.sh"

corpus() {
	make_corpus "fr" &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	summary: Un résumé.
	updated: 2024-01
	status: published
	reviewers: [{name: X, role: r, affiliation: H}]
	---
	Un paragraphe.
	EOF
	mkdir _templates
}

# page BODY-LINE: a page.xhtml whose body is that line (line 4)
page() {
	{
		echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" &&
		echo "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{{lang}}\" xml:lang=\"{{lang}}\">" &&
		echo "<head><title>{{title}}</title></head><body>" &&
		echo "$1" &&
		echo "{{{body}}}</body></html>"
	} >_templates/page.xhtml
}

test_expect_success 'an entity XML does not know: error at its "&", no book' '
	corpus &&
	page "<p>Ligne suite&nbsp;!</p>" &&
	{ folio export --to epub -o out >actual 2>err; echo $? >status; } &&
	expect_status 2 &&
	cat >expect <<-\EOF &&
	_templates/page.xhtml:4:15: error: not well-formed XML, which an e-book reader refuses: entity '\''nbsp'\'' not defined [template]
	EOF
	grep "\[template\]" err >actual &&
	test_cmp expect actual &&
	! test -f out/fr.epub
'

test_expect_success 'an unclosed <br> in a section: error, no page of the xhtml tree' '
	corpus &&
	page "{{#summary}}<p>Ligne<br>suite</p>{{/summary}}" &&
	{ folio export --to xhtml -o out >actual 2>err; echo $? >status; } &&
	expect_status 2 &&
	grep -F "_templates/page.xhtml:4:" err &&
	grep -F "opening and ending tag mismatch: br line 4 and p [template]" err &&
	! test -f out/fr/EPUB/a.xhtml
'

test_expect_success 'inverted sections are read too; the html format is not concerned' '
	corpus &&
	page "{{^stale}}<p>&eacute;</p>{{/stale}}" &&
	{ folio export --to xhtml -o out >actual 2>err; echo $? >status; } &&
	expect_status 2 &&
	grep -F "_templates/page.xhtml:4:14: error: not well-formed XML" err &&
	{ folio export --to html -o web >actual 2>err; echo $? >status; } &&
	expect_status 0
'

test_expect_success 'well-formed templates pass: <br/>, &#160;, a comment before <?xml' '
	corpus &&
	page "{{#summary}}<p>Ligne<br/>suite&#160;!</p>{{/summary}}{{^summary}}<p>-</p>{{/summary}}" &&
	{ echo "{{! the page of every article }}" && cat _templates/page.xhtml; } >t &&
	mv t _templates/page.xhtml &&
	{ folio export --to xhtml -o out >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	grep -F "<br/>suite" out/fr/EPUB/a.xhtml
'

test_expect_success 'the built-in templates, copied into _templates/, pass' '
	corpus &&
	cp "$SRC/cli/templates/page.xhtml" "$SRC/cli/templates/nav.xhtml" _templates/ &&
	{ folio export --to epub -o out >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	! grep -q "\[template\]" err &&
	test -f out/fr.epub
'

test_done
