#!/bin/sh
# t0145-qa-comparison: a comparison sign before a number is part of what
# it says.  diff classes "< 3 mmol/l" become "> 3 mmol/l" (or "≤" become
# "≥", or a sign added) as a safety change, so the stale notice and
# --check see it; translation QA reports a translation whose sign points
# the other way (qa-number), and not one that says the sign in words.
. "$(dirname "$0")/lib.sh"

# stale OLD NEW: an original, its translation stamped, then the original
# changed from OLD to NEW; prints the class of the change.
stale() {
	make_corpus "fr en" &&
	printf -- "---\nid: s\nlang: fr\ntitle: T\nupdated: 2024-01\nstatus: draft\n---\n%s\n" "$1" >s.fr &&
	mkdir -p s && mv s.fr s/fr.md &&
	printf -- "---\nid: s\nlang: en\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from: {lang: fr, updated: 2024-01}\n---\nText.\n" >s/en.md &&
	folio stamp s/en.md >/dev/null 2>&1 &&
	printf -- "---\nid: s\nlang: fr\ntitle: T\nupdated: 2024-01\nstatus: draft\n---\n%s\n" "$2" >s/fr.md &&
	folio diff --format json | sed -n "s/.*\"change\":\"\([a-z]*\)\".*/\1/p"
}

test_expect_success 'diff: a comparison sign turned round is a safety change' '
	stale "Si la glycémie est < 3 mmol/l, appelez." \
	      "Si la glycémie est > 3 mmol/l, appelez." >actual &&
	echo safety >expect && test_cmp expect actual &&
	stale "Dose ≤ 5 mg/kg." "Dose ≥ 5 mg/kg." >actual &&
	test_cmp expect actual &&
	stale "Dose de 5 mg/kg." "Dose &lt; 5 mg/kg." >actual &&
	test_cmp expect actual
'

test_expect_success 'diff: the same sign, spaced otherwise, is no safety change' '
	stale "Si la glycémie est < 3 mmol/l, appelez." \
	      "Si la glycémie est <3 mmol/l, appelez." >actual &&
	echo editorial >expect && test_cmp expect actual
'

test_expect_success 'diff: an arrow or a tag before a number is no sign' '
	stale "Étape 1 -> 2 jours." "Étape 1 -> 3 jours." >actual &&
	echo safety >expect && test_cmp expect actual &&
	stale "Prenez <b>2</b> comprimés." "Prenez <b>2</b> comprimés !" >actual &&
	echo editorial >expect && test_cmp expect actual
'

qa() {
	make_corpus "fr en" &&
	mkdir -p n &&
	printf -- "---\nid: n\nlang: fr\ntitle: T\nupdated: 2024-01\nstatus: draft\n---\n%s\n" "$1" >n/fr.md &&
	printf -- "---\nid: n\nlang: en\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from: {lang: fr, updated: 2024-01}\n---\n%s\n" "$2" >n/en.md &&
	folio --color never validate 2>&1
}

test_expect_success 'QA: a translation whose sign points the other way is an error' '
	qa "Si la glycémie est < 3 mmol/l, appelez." \
	   "If blood sugar is > 3 mmol/l, call." >actual; echo $? >status &&
	expect_status 1 &&
	grep -F "n/en.md:9:21: error: comparison reversed: '\''> 3 mmol/l'\'' where the original has '\''< 3 mmol/l'\'' (original n/fr.md:8) [qa-number]" actual &&
	qa "Dose ≥ 5 mg/kg." "Dose ≤ 5 mg/kg." >actual; echo $? >status &&
	expect_status 1 &&
	grep -F "comparison reversed: '\''≤ 5 mg/kg'\''" actual
'

test_expect_success 'QA: the same sign, another way of writing it, or words: no finding' '
	qa "Si la glycémie est < 3 mmol/l, appelez." \
	   "If blood sugar is &lt; 3 mmol/l, call." >actual; echo $? >status &&
	expect_status 0 &&
	qa "Dose ≤ 5 mg/kg." "Dose <= 5 mg/kg." >actual; echo $? >status &&
	expect_status 0 &&
	qa "Si la glycémie est < 3 mmol/l, appelez." \
	   "If blood sugar is below 3 mmol/l, call." >actual; echo $? >status &&
	expect_status 0
'

test_done
