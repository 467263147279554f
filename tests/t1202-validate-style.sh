#!/bin/sh
# House style (SPEC 15): _style/<lang>.yaml rules reported by validate as
# style:<id> at line and column, with their suggestion; scopes, levels,
# what is never matched; a broken rules file.
. "$(dirname "$0")/lib.sh"

rules() {
	mkdir -p _style && cat >_style/fr.yaml <<-\EOT
	rules:
	  - id: neoplasie
	    pattern: "(?i)\\bnéoplasies?\\b"
	    message: jargon, use a plain word
	    suggest: cancer
	  - id: titre-majuscule
	    pattern: "\\b\\p{Lu}\\p{Ll}+ \\p{Lu}"
	    message: capitals in a title
	    scope: title
	    level: info
	  - id: resume-etc
	    pattern: "etc\\."
	    message: an unfinished list
	    scope: summary
	    level: error
	EOT
}

article() {
	write_article a/fr.md <<-\EOT
	---
	id: a
	lang: fr
	title: "Le Cancer"
	summary: Tumeur, néoplasie, etc.
	updated: 2024-01
	status: draft
	---
	La néoplasie est une maladie. Les Néoplasies aussi.
	EOT
}

test_expect_success 'a match is style:<id> at its line and column, suggestion in the message' '
	make_corpus "fr en" && add_catalogs fr en && rules && article &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOT &&
	a/fr.md:4:9: info: capitals in a title: '"'"'Le C'"'"' [style:titre-majuscule]
	a/fr.md:5:29: error: an unfinished list: '"'"'etc.'"'"' [style:resume-etc]
	a/fr.md:9:4: warning: jargon, use a plain word: '"'"'néoplasie'"'"', write '"'"'cancer'"'"' [style:neoplasie]
	a/fr.md:9:35: warning: jargon, use a plain word: '"'"'Néoplasies'"'"', write '"'"'cancer'"'"' [style:neoplasie]
	EOT
	test_cmp expect actual &&
	grep "^folio: 1 error, 2 warnings, 1 info in 5 files$" err
'

test_expect_success 'JSON carries the id, the level and "suggest"; github a notice' '
	make_corpus "fr en" && add_catalogs fr en && rules && article &&
	folio validate --format json >actual; echo $? >status &&
	expect_status 1 &&
	grep "\"line\":9,\"column\":4,\"severity\":\"warning\",\"rule\":\"style:neoplasie\",\"message\":\"jargon, use a plain word: .néoplasie., write .cancer.\",\"suggest\":\"cancer\"}" actual &&
	grep "\"severity\":\"info\",\"rule\":\"style:titre-majuscule\"" actual &&
	grep "\"summary\":{\"files\":5,\"errors\":1,\"warnings\":2}}" actual &&
	{ folio validate --format github >gh 2>err; true; } &&
	grep "^::notice file=a/fr.md,line=4,col=9,title=style%3Atitre-majuscule::capitals in a title: .Le C.$" gh
'

test_expect_success 'JSON: diagnostics and summary keep SPEC 4.2'\''s shape; info findings in a list of their own' '
	make_corpus "fr en" && add_catalogs fr en && rules && article &&
	folio validate --format json >actual; echo $? >status &&
	expect_status 1 &&
	sed -n "/^{\"diagnostics\":\[/,/^\],/p" actual >diags &&
	grep -c "\"severity\":\"\(error\|warning\)\"" diags >n-listed &&
	echo 3 >expect-n && test_cmp expect-n n-listed &&
	! grep "\"severity\":\"info\"" diags &&
	cat >expect-info <<-\EOT &&
	 "info":[
	  {"file":"a/fr.md","line":4,"column":9,"severity":"info","rule":"style:titre-majuscule","message":"capitals in a title: '"'"'Le C'"'"'"}
	],
	EOT
	sed -n "/^ \"info\":\[/,/^\],/p" actual >info &&
	test_cmp expect-info info &&
	tail -n 1 actual >summary &&
	echo " \"summary\":{\"files\":5,\"errors\":1,\"warnings\":2}}" >expect-summary &&
	test_cmp expect-summary summary &&
	folio validate --format json -q >quiet; echo $? >status &&
	! grep "info" quiet
'

test_expect_success 'only the language of the file: no rules for en' '
	make_corpus "fr en" && add_catalogs fr en && rules &&
	write_article a/en.md <<-\EOT &&
	---
	id: a
	lang: en
	title: A Title
	updated: 2024-01
	status: draft
	---
	A néoplasie.
	EOT
	folio validate >actual 2>err &&
	test_cmp /dev/null actual
'

test_expect_success 'link text and alt text are checked; code, URLs and raw HTML never' '
	make_corpus "fr en" && add_catalogs fr en && rules &&
	write_article a/fr.md <<-\EOT &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	[une néoplasie](https://x.org/néoplasie) et ![néoplasie](x.png).

	Voir `néoplasie`, https://néoplasie.org/a et <b title="néoplasie">x</b>.

	<div>néoplasie</div>

	    néoplasie

	## Néoplasie
	EOT
	echo "ignore: [raw-html, local-target]" >>folio.yaml &&
	folio validate >actual 2>err &&
	cat >expect <<-\EOT &&
	a/fr.md:8:6: warning: jargon, use a plain word: '"'"'néoplasie'"'"', write '"'"'cancer'"'"' [style:neoplasie]
	a/fr.md:8:47: warning: jargon, use a plain word: '"'"'néoplasie'"'"', write '"'"'cancer'"'"' [style:neoplasie]
	a/fr.md:16:4: warning: jargon, use a plain word: '"'"'Néoplasie'"'"', write '"'"'cancer'"'"' [style:neoplasie]
	EOT
	test_cmp expect actual
'

test_expect_success 'ignore: style:<id> silences one rule, style all of them' '
	make_corpus "fr en" && add_catalogs fr en && rules && article &&
	echo "ignore: [style:neoplasie, style:resume-etc]" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -c "style:" actual >n && echo 1 >one && test_cmp one n &&
	grep "rule .style:neoplasie. is silenced" err &&
	make_corpus "fr en" && add_catalogs fr en && echo "ignore: [style]" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 && test_cmp /dev/null actual
'

test_expect_success 'a pattern that does not compile: positioned error, no rule of the file runs' '
	make_corpus "fr en" && add_catalogs fr en && rules && article &&
	cat >>_style/fr.yaml <<-\EOT &&
	  - id: casse
	    pattern: "trai(tement"
	    message: broken
	EOT
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep "^_style/fr.yaml:17:26: error: pattern does not compile: missing closing parenthesis at offset 11 of .trai(tement. \[style-rules\]$" actual &&
	! grep "style:" actual
'

test_expect_success 'a schema error does not hide a bad pattern; each pattern error at its character' '
	make_corpus "fr en" && add_catalogs fr en && mkdir _style &&
	cat >_style/fr.yaml <<-\EOT &&
	rules:
	  - id: a
	    pattern: "néo)plasie"
	    message: m
	    level: fatal
	  - id: b
	    pattern: ab)c
	    message: m
	  - id: c
	    pattern: '\''x'\'\''y)'\''
	    message: m
	EOT
	article &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -v "^a/" actual >style-lines &&
	cat >expect <<-\EOT &&
	_style/fr.yaml:3:18: error: pattern does not compile: unmatched closing parenthesis at offset 4 of '\''néo)plasie'\'' [style-rules]
	_style/fr.yaml:5:12: error: '\''level'\'' must be one of error, warning, info, got '\''fatal'\'' [schema]
	_style/fr.yaml:7:16: error: pattern does not compile: unmatched closing parenthesis at offset 2 of '\''ab)c'\'' [style-rules]
	_style/fr.yaml:10:14: error: pattern does not compile: unmatched closing parenthesis at offset 3 of '\''x'\''y)'\'' [style-rules]
	EOT
	test_cmp expect style-lines
'

test_expect_success 'a schema violation or a duplicate id: positioned errors' '
	make_corpus "fr en" && add_catalogs fr en && mkdir _style &&
	cat >_style/fr.yaml <<-\EOT &&
	rules:
	  - id: a
	    pattern: x
	    message: m
	    level: fatal
	  - id: a
	    pattern: y
	    message: m
	  - pattern: z
	EOT
	article &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep "^_style/fr.yaml:5:12: error: .*\[schema\]" actual &&
	grep "^_style/fr.yaml:9:5: error: .*id.*\[schema\]" actual &&
	sed -i "s/fatal/info/; /- pattern: z/d" _style/fr.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep "^_style/fr.yaml:6:9: error: rule id .a. is used twice \[style-rules\]" actual
'

test_expect_success 'a rules file that is not YAML, or not UTF-8' '
	make_corpus "fr en" && add_catalogs fr en && mkdir _style && article &&
	printf "rules: [\n" >_style/fr.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 && grep "^_style/fr.yaml:.*\[yaml-syntax\]" actual &&
	printf "rules: \377\n" >_style/fr.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 && grep "^_style/fr.yaml:1:8: error: .*\[encoding\]" actual
'

test_expect_success 'a rules file that is a FIFO or a directory: an io error, articles checked' '
	make_corpus "fr en" && add_catalogs fr en && mkdir -p _style/en.yaml && mkfifo _style/fr.yaml && article &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep "^_style/fr.yaml: error: not a regular file \[io\]$" actual &&
	grep "^_style/en.yaml: error: not a regular file \[io\]$" actual
'

test_expect_success 'a pattern that backtracks without end gives up with an error, no hang' '
	make_corpus "fr en" && add_catalogs fr en && mkdir _style &&
	cat >_style/fr.yaml <<-\EOT &&
	rules:
	  - id: lent
	    pattern: "(\\w+\\s?)+$"
	    message: m
	EOT
	write_article a/fr.md <<-\EOT &&
	---
	id: a
	lang: fr
	title: T
	updated: 2024-01
	status: draft
	---
	aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!
	EOT
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep "^a/fr.md:8:1: error: rule .lent. of _style/fr.yaml gave up here: match limit exceeded \[style-rules\]$" actual
'

test_expect_success 'the sample corpus has French and English rules that run' '
	test -f "$SRC/articles/_style/fr.yaml" && test -f "$SRC/articles/_style/en.yaml" &&
	cp -R "$SRC/articles" . &&
	folio -C articles validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	! grep "style-rules\|\[schema\]" actual &&
	write_article articles/x/fr.md <<-\EOT &&
	---
	id: x
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Une néoplasie.
	EOT
	folio -C articles validate >actual 2>err &&
	grep "x/fr.md:8:5: .*néoplasie.*\[style:" actual
'

test_done
