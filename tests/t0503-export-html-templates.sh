#!/bin/sh
# t0503-export-html-templates: pages through Mustache templates (SPEC 8.5):
# the built-in ones, overrides and partials from the corpus's _templates/,
# the variables folio-export(1) documents, and template errors (exit 2,
# nothing written).
. "$(dirname "$0")/lib.sh"

corpus() {
	cp -R "$SRC/tests/corpora/export-links" c
}

test_expect_success '_templates/page.html replaces the built-in page, with the documented variables' '
	corpus &&
	mkdir c/_templates &&
	cat >c/_templates/page.html <<-\EOF &&
	{{lang}} {{dir}} {{rtl}} {{id}} {{slug}} [{{title}}] [{{summary}}]
	canonical={{{canonical}}} css={{{stylesheet}}} index={{{index_href}}} {{index_title}}
	{{#section}}section={{id}}:{{label}}{{/section}}
	updated={{updated}} date={{updated_date}} line={{updated_on}}
	{{#reviewers}}reviewer={{name}}/{{role}}/{{affiliation}}
	{{/reviewers}}{{#translators}}translator={{name}}
	{{/translators}}{{#versions}}version={{lang}} {{name}} {{autonym}} {{{href}}} original={{original}} stale={{stale}}
	{{/versions}}{{#alternates}}alt={{hreflang}} {{{href}}} self={{self}}
	{{/alternates}}{{#related}}related={{id}} {{title}} {{{href}}} {{#title_lang}}lang={{title_lang}}{{/title_lang}}
	{{/related}}stale={{stale}} original={{{original_href}}} toc={{has_toc}}
	{{#headings}}h{{level}} #{{id}} {{text}}
	{{/headings}}strings={{strings.further_reading}} {{strings.language_names.de}}
	{{{body}}}
	EOF
	(cd c && folio export --to html -q -o ../o) &&
	cat >expect <<-\EOF &&
	en ltr false alpha alpha [Alpha, the first article] [An article that links to the others.]
	canonical=alpha.html css=../style.css index=index.html Articles
	section=guides:Guides pratiques
	updated=2024-04 date=April 2024 line=Last updated: April 2024
	reviewer=Dr Jeanne Exemple/oncologist/Demonstration Hospital
	translator=Jane Sample
	translator=John Doe
	translator=Ann Other
	version=fr French français ../fr/alpha.html original=true stale=false
	version=de German allemand ../de/alpha.html original=false stale=true
	version=ar Arabic العربية ../ar/alpha.html original=false stale=false
	alt=fr ../fr/alpha.html self=false
	alt=en alpha.html self=true
	alt=de ../de/alpha.html self=false
	alt=ar ../ar/alpha.html self=false
	alt=x-default ../fr/alpha.html self=false
	related=beta Beta beta-en.html 
	related=gamma Gamma, sans rubrique ../fr/gamma.html lang=fr
	stale=false original=../fr/alpha.html toc=false
	strings=Pour aller plus loin German
	<p>See <a href="beta-en.html">beta</a> and <a href="../fr/gamma.html#detail" hreflang="fr">gamma</a>.</p>
	
	EOF
	test_cmp expect o/en/alpha.html
'

test_expect_success 'partials come from _templates/, and the built-in index is kept' '
	corpus &&
	mkdir c/_templates &&
	printf "<p>{{title}}</p>{{> footer.html}}\n" >c/_templates/page.html &&
	printf "[footer of {{id}}]" >c/_templates/footer.html &&
	(cd c && folio export --to html -q -o ../o) &&
	echo "<p>Bêta</p>[footer of beta]" >expect &&
	test_cmp expect o/fr/beta.html &&
	grep -q "<main class=\"index\">" o/fr/index.html
'

test_expect_success '_templates/index.html replaces the index' '
	corpus &&
	mkdir c/_templates &&
	printf "{{title}}:{{#sections}}[{{label}}{{#articles}} {{id}}{{/articles}}]{{/sections}}\n" \
		>c/_templates/index.html &&
	(cd c && folio export --to html -q -o ../o) &&
	echo "Articles:[Guides pratiques alpha beta][ gamma]" >expect &&
	test_cmp expect o/fr/index.html
'

test_expect_success '_templates/style.css replaces the stylesheet, byte for byte' '
	corpus &&
	mkdir c/_templates &&
	printf "body { color: red }\n" >c/_templates/style.css &&
	(cd c && folio export --to html -q -o ../o) &&
	test_cmp c/_templates/style.css o/style.css
'

test_expect_success 'the built-in stylesheet: logical properties, print styles' '
	corpus &&
	(cd c && folio export --to html -q -o ../o) &&
	grep -q "@media print" o/style.css &&
	grep -q "margin-inline" o/style.css &&
	grep -q "border-inline-start" o/style.css &&
	! grep -E "(margin|padding|border)-(left|right)|text-align: (left|right)|float" o/style.css |
		grep -v "pre {" | grep -v "text-align: left;" | grep -q .
'

test_expect_success 'a template syntax error: exit 2 with its position, nothing written' '
	corpus &&
	mkdir c/_templates &&
	printf "<p>\n{{#title}}unclosed\n" >c/_templates/page.html &&
	(cd c && folio export --to html -o ../o 2>../err); echo $? >status &&
	expect_status 2 &&
	grep -q "^_templates/page.html:2:[0-9]*: error: .*\[template\]$" err &&
	! test -e o
'

test_expect_success 'a broken partial is an error even when unused' '
	corpus &&
	mkdir c/_templates &&
	printf "{{/oops}}" >c/_templates/broken.html &&
	(cd c && folio export --to html -o ../o 2>../err); echo $? >status &&
	expect_status 2 &&
	grep -q "^_templates/broken.html:1:1: error: .*\[template\]$" err
'

test_expect_success 'a partial that includes itself: exit 2, no page' '
	corpus &&
	mkdir c/_templates &&
	printf "{{> page.html}}" >c/_templates/page.html &&
	(cd c && folio export --to html -o ../o 2>../err); echo $? >status &&
	expect_status 2 &&
	grep -q "partials nest deeper than" err &&
	! test -e o/fr/alpha.html
'

test_expect_success 'a template that does not finish: exit 2, the message says so, no page' '
	corpus &&
	mkdir c/_templates &&
	# 25 sections nested over a list of two or more: 2^25 steps at least
	for i in $(seq 25); do printf "{{#alternates}}"; done >c/_templates/page.html &&
	printf x >>c/_templates/page.html &&
	for i in $(seq 25); do printf "{{/alternates}}"; done >>c/_templates/page.html &&
	(cd c && folio export --to html -o ../o 2>../err); echo $? >status &&
	expect_status 2 &&
	grep -q "^_templates/page.html: error: the template does not finish (more than 16,777,216 steps)" err &&
	! grep -q "partials nest" err &&
	! test -e o/fr/alpha.html
'

test_expect_success 'template values are escaped; a triple mustache is not' '
	corpus &&
	mkdir c/_templates &&
	printf "{{summary}}|{{{summary}}}\n" >c/_templates/page.html &&
	sed "s/^summary: .*/summary: \"<b>\\&\"/" c/beta/fr.md >t && mv t c/beta/fr.md &&
	(cd c && folio export --to html -q -o ../o) &&
	echo "&lt;b&gt;&amp;|<b>&" >expect &&
	test_cmp expect o/fr/beta.html
'

test_expect_success 'a misspelt variable or partial of a corpus template: a warning at its tag' '
	corpus &&
	mkdir c/_templates &&
	printf "<title>{{titel}}</title>\n{{{body}}}{{#sources}}{{tilte}}{{/sources}}\n{{> pied}}{{#stale}}{{notice}}{{/stale}}\n" >c/_templates/page.html &&
	(cd c && folio export --to html -o ../o 2>../err); echo $? >status &&
	expect_status 0 &&
	grep "^_templates/page.html:1:8: warning: .titel. matched no value on any page: it rendered as nothing.*\[template\]" err &&
	grep "^_templates/page.html:3:1: warning: partial .pied. is no file of _templates/: it renders as nothing \[template\]" err &&
	! grep "body" err && ! grep "sources" err
'

test_expect_success 'the built-in templates as a corpus'"'"'s own: no such warning' '
	corpus &&
	mkdir c/_templates &&
	cp "$SRC/cli/templates/page.html" "$SRC/cli/templates/index.html" c/_templates/ &&
	(cd c && folio export --to html -o ../o 2>../err) &&
	! grep "\[template\]" err
'

test_done
