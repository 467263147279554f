#!/bin/sh
# t0612-export-numbers-whole: a number stays whole on a line.  The spaces
# of "1 000 mg", "14 h 30" and "0800 15 801" become no-break ones (U+202F
# between French digit groups, U+00A0 elsewhere and before a unit), so
# the text page never reads "1" at the end of one line and "000 mg" at
# the start of the next, and the web page cannot break there either.
. "$(dirname "$0")/lib.sh"

corpus() {
	make_corpus "fr en" &&
	write_article n/fr.md <<-\EOF &&
	---
	id: n
	lang: fr
	title: Titre
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	La dose maximale recommandée est de 1 000 mg par jour.

	Rendez-vous à 14 h 30, au plus tard ; sinon appelez le 0800 15 801.
	EOF
	write_article n/en.md <<-\EOF
	---
	id: n
	lang: en
	title: Title
	updated: 2024-01
	translated_from:
	  lang: fr
	  updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	The highest recommended dose is up to 1 000 mg a day.

	Come at 14:30, at the latest, or else call 0800 15 801.
	EOF
}

nnbsp=$(printf '\342\200\257')
nbsp=$(printf '\302\240')

test_expect_success 'the text page breaks no number across lines' '
	corpus &&
	folio export --to text --width 40 -q 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-EOF &&
	La dose maximale recommandée est de
	1${nnbsp}000${nbsp}mg par jour.

	Rendez-vous à 14${nbsp}h${nbsp}30, au plus tard${nnbsp};
	sinon appelez le 0800${nbsp}15${nbsp}801.
	EOF
	sed -n "/^La dose/,/801/p" out/text/fr/n.txt >actual &&
	test_cmp expect actual &&
	cat >expect <<-EOF &&
	The highest recommended dose is up to
	1${nbsp}000${nbsp}mg a day.
	EOF
	sed -n "/^The highest/,/a day/p" out/text/en/n.txt >actual &&
	test_cmp expect actual
'

test_expect_success 'the web page joins the number the same way' '
	corpus &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "est de 1${nnbsp}000${nbsp}mg par jour" out/html/fr/n.html &&
	grep -q "appelez le 0800${nbsp}15${nbsp}801\." out/html/fr/n.html &&
	grep -q "up to 1${nbsp}000${nbsp}mg a day" out/html/en/n.html
'

test_expect_success 'the book joins it too' '
	corpus &&
	folio export --to xhtml -q 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "est de 1${nnbsp}000${nbsp}mg par jour" out/xhtml/fr/EPUB/n.xhtml
'

test_done
