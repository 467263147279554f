#!/bin/sh
# House style rules that start with a literal are looked for by it, in
# one pass over the text, and tried only where it is: they must report
# exactly what a search of each rule from match to match reports (SPEC
# 15): capitals, the long s and the Kelvin sign that PCRE2 matches
# caselessly for s and k, rules that overlap on the same words, a rule
# with two starts, a case-sensitive one, and their order at one place.
. "$(dirname "$0")/lib.sh"

rules() {
	mkdir -p _style && cat >_style/fr.yaml <<-\EOT
	rules:
	  - id: sein
	    pattern: "(?i)\\bseins?\\b"
	    message: m
	  - id: kyste
	    pattern: "(?i)\\bkystes?\\b"
	    message: m
	  - id: le-sein
	    pattern: "(?i)\\ble sein"
	    message: m
	  - id: sein-ou-poitrine
	    pattern: "(?i)\\bsein|poitrine"
	    message: m
	  - id: sei
	    pattern: "sei"
	    message: m
	  - id: ein-e
	    pattern: "eins?e?"
	    message: m
	EOT
}

test_expect_success 'every match of every rule, in order, long s and Kelvin sign too' '
	make_corpus "fr en" && add_catalogs fr en && rules &&
	write_article a/fr.md <<-EOT &&
	---
	id: a
	lang: fr
	title: T
	updated: 2024-01
	status: draft
	---
	Le sein, les SEINS, le $(printf "\305\277")ein et un $(printf "\342\204\252")yste ; la poitrine.

	Seins seins, \`sein\` https://sein.org/sein et ein.
	EOT
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	sed "s/^\([^ ]*\) warning: m: .\(.*\). \[style:\(.*\)\]$/\1 \2 \3/" actual >got &&
	cat >expect <<-EOT &&
	a/fr.md:8:1: Le sein le-sein
	a/fr.md:8:4: sein sein
	a/fr.md:8:4: sein sein-ou-poitrine
	a/fr.md:8:4: sei sei
	a/fr.md:8:5: ein ein-e
	a/fr.md:8:14: SEINS sein
	a/fr.md:8:14: SEIN sein-ou-poitrine
	a/fr.md:8:21: le $(printf "\305\277")ein le-sein
	a/fr.md:8:24: $(printf "\305\277")ein sein
	a/fr.md:8:24: $(printf "\305\277")ein sein-ou-poitrine
	a/fr.md:8:25: ein ein-e
	a/fr.md:8:35: $(printf "\342\204\252")yste kyste
	a/fr.md:8:46: poitrine sein-ou-poitrine
	a/fr.md:10:1: Seins sein
	a/fr.md:10:1: Sein sein-ou-poitrine
	a/fr.md:10:2: eins ein-e
	a/fr.md:10:7: seins sein
	a/fr.md:10:7: sein sein-ou-poitrine
	a/fr.md:10:7: sei sei
	a/fr.md:10:8: eins ein-e
	a/fr.md:10:46: ein ein-e
	EOT
	test_cmp expect got &&
	grep "^folio: 0 errors, 21 warnings in 5 files$" err
'

test_expect_success 'a rule silenced by ignore: leaves the others as they were' '
	make_corpus "fr en" && add_catalogs fr en && rules &&
	echo "ignore: [style:sein]" >>folio.yaml &&
	write_article a/fr.md <<-\EOT &&
	---
	id: a
	lang: fr
	title: T
	updated: 2024-01
	status: draft
	---
	Le sein.
	EOT
	folio validate >actual 2>err &&
	cat >expect <<-\EOT &&
	a/fr.md:8:1: warning: m: '"'"'Le sein'"'"' [style:le-sein]
	a/fr.md:8:4: warning: m: '"'"'sein'"'"' [style:sein-ou-poitrine]
	a/fr.md:8:4: warning: m: '"'"'sei'"'"' [style:sei]
	a/fr.md:8:5: warning: m: '"'"'ein'"'"' [style:ein-e]
	EOT
	test_cmp expect actual
'

test_expect_success 'a long text: the literal pass finds what a rule-by-rule search finds' '
	make_corpus "fr en" && add_catalogs fr en && rules &&
	# the same rules with nothing a literal pass could look for: each
	# runs alone, from match to match
	sed "s/pattern: \"\\((?i)\\)\\{0,1\\}/&(?:)/" _style/fr.yaml >plain.yaml &&
	! cmp -s _style/fr.yaml plain.yaml && mkdir -p a &&
	{
		printf -- "---\nid: a\nlang: fr\ntitle: T\nupdated: 2024-01\nstatus: draft\n---\n" &&
		k=0 && while [ $k -lt 70 ]; do
			printf "%s" "$(printf "%${k}s" "" | sed "s/ /é/g")" &&
			printf " Sein%s kyste seins le sein, poitrine leine " "$k" &&
			k=$((k + 1))
		done && echo
	} >a/fr.md &&
	folio validate >literal 2>err &&
	cp plain.yaml _style/fr.yaml &&
	folio validate >plain 2>err2 &&
	test_cmp plain literal &&
	test $(wc -l <literal) -gt 400
'

test_done
