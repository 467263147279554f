#!/bin/sh
# t0461-l10n-base: translation states with a base (SPEC 12.2): the text
# decides whatever the dates, each stale translation gets its change
# class, dated-only translations are counted, --check=stale-content and
# stale-safety gate by class, validate says updated-not-bumped.
. "$(dirname "$0")/lib.sh"

# setup BODY: a French original with BODY (dated 2024-01) and an English
# translation stamped on it.
setup() {
	make_corpus "fr en de" &&
	write_article s/fr.md <<-EOF &&
	---
	id: s
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	$1

	Un second paragraphe.
	EOF
	write_article s/en.md <<-\EOF &&
	---
	id: s
	lang: en
	title: Title
	updated: 2024-01
	status: draft
	translated_from:
	  lang: fr
	  updated: 2024-01
	---
	The text.

	A second paragraph.
	EOF
	folio stamp s/en.md >/dev/null 2>&1
}

# edit OLD NEW: change the original's text, not its date.
edit() {
	sed "s/$1/$2/" s/fr.md >t && mv t s/fr.md
}

l10n() {
	folio l10n --lang en "$@" >actual 2>err; echo $? >status
}

has_line() {
	printf '%s\n' "$1" >expect-line &&
	grep -Fx -f expect-line actual >found &&
	test_cmp expect-line found
}

test_expect_success 'equal base: current; re-dated when the dates differ' '
	setup "Prenez 500 mg." &&
	l10n && has_line "  current   s/en.md  (draft) based on 2024-01, the original'\''s date" &&
	sed "s/^updated: 2024-01$/updated: 2024-05/" s/fr.md >t && mv t s/fr.md &&
	l10n && expect_status 0 &&
	has_line "  current   s/en.md  (draft) based on 2024-01, original dated 2024-05 (re-dated, text unchanged)" &&
	l10n --format json &&
	grep -F "\"en\":{\"state\":\"current\",\"file\":\"s/en.md\",\"draft\":true,\"updated\":\"2024-01\",\"based_on\":\"2024-01\",\"redated\":true," actual &&
	grep -F "\"dated_only\":0}" actual
'

test_expect_success 'a base of another text: stale with equal dates, class safety for a dose' '
	setup "Prenez 500 mg." && edit "500 mg" "750 mg" &&
	l10n && expect_status 0 &&
	has_line "  stale     s/en.md  (draft) based on 2024-01, original updated 2024-01 (0 months behind), 7 words; change: safety (1 safety, 0 content, 0 editorial)" &&
	l10n --format json &&
	grep -F "\"months_behind\":0,\"change\":\"safety\",\"changes\":{\"safety\":1,\"content\":0,\"editorial\":0}," actual
'

test_expect_success 'class content: words changed, no number' '
	setup "Prenez ce médicament." && edit "ce médicament" "ce traitement" &&
	l10n --format json &&
	grep -F "\"change\":\"content\",\"changes\":{\"safety\":0,\"content\":1,\"editorial\":0}" actual
'

test_expect_success 'class editorial: punctuation and typography only' '
	setup "Prenez ce médicament." && edit "ce médicament." "ce médicament !" &&
	l10n --format json &&
	grep -F "\"change\":\"editorial\",\"changes\":{\"safety\":0,\"content\":0,\"editorial\":1}" actual
'

test_expect_success 'a negation is a safety change' '
	setup "Vous pouvez conduire." && edit "pouvez conduire" "ne pouvez pas conduire" &&
	l10n --format json &&
	grep -F "\"change\":\"safety\"" actual
'

test_expect_success 'no base: date rules, counted as dated only, class unknown when stale' '
	setup "Texte." &&
	printf -- "---\nid: s\nlang: de\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2023-06\n---\nText.\n\nZwei.\n" >s/de.md &&
	folio l10n --lang de --format json >actual 2>err &&
	grep -F "\"months_behind\":7,\"change\":\"unknown\",\"changes\":{}," actual &&
	grep -F "\"de\":{\"current\":0,\"stale\":1," actual &&
	grep -F "\"dated_only\":1}" actual &&
	folio l10n --lang de >actual 2>err &&
	grep -F "; change: unknown (no base: dated only)" actual
'

test_expect_success 'text and dashboard count the dated only, as the JSON does' '
	setup "Texte." &&
	printf -- "---\nid: s\nlang: de\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2024-01\n---\nText.\n\nZwei.\n" >s/de.md &&
	folio l10n --lang en --lang de >actual 2>err &&
	head -n 3 actual >table &&
	cat >expect <<-\EOF &&
	language  current  stale  missing  orphan  invalid  incomplete  strings missing  coverage  words to translate  dated only
	en              1      0        0       0        0           0                0      100%                   0           0
	de              1      0        0       0        0           0                0      100%                   0           1
	EOF
	test_cmp expect table &&
	folio l10n --lang de --format html >page.html 2>err &&
	grep -F "1 translation is dated only: without a base, judged by their dates alone." page.html &&
	folio stamp s/de.md >/dev/null 2>&1 &&
	folio l10n --lang de >actual 2>err &&
	sed -n 2p actual >row &&
	echo "de              1      0        0       0        0           0                0      100%                   0           0" >expect &&
	test_cmp expect row &&
	folio l10n --lang de --format html >page.html 2>err &&
	! grep -F "dated only" page.html
'

test_expect_success '--check=stale-content: editorial passes, content fails' '
	setup "Prenez ce médicament." && edit "ce médicament." "ce médicament !" &&
	l10n --check=stale-content && expect_status 0 &&
	l10n --check=stale && expect_status 1 &&
	edit "ce médicament" "ce traitement" &&
	l10n --check=stale-content && expect_status 1 &&
	grep -F "folio: l10n check failed: stale-content" err &&
	l10n --check=stale-safety && expect_status 0
'

test_expect_success '--check=stale-safety: a dose fails, and so does unknown' '
	setup "Prenez 500 mg." && edit "500 mg" "5 g" &&
	l10n --check=stale-safety && expect_status 1 &&
	setup "Texte." &&
	printf -- "---\nid: s\nlang: de\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2023-06\n---\nText.\n" >s/de.md &&
	folio l10n --lang de --check=stale-safety >actual 2>err; echo $? >status &&
	expect_status 1
'

test_expect_success 'github: a stale editorial translation is a warning under --check=stale-content' '
	setup "Prenez ce médicament." && edit "ce médicament." "ce médicament !" &&
	l10n --format github --check=stale-content &&
	grep -q "^::warning file=s/en.md,.*change: editorial" actual &&
	edit "ce médicament" "ce remède" &&
	l10n --format github --check=stale-content &&
	grep -q "^::error file=s/en.md,.*change: content" actual
'

test_expect_success 'validate: updated-not-bumped on the original, at its updated' '
	setup "Prenez 500 mg." && edit "500 mg" "750 mg" &&
	echo "rules: {qa-number: off}" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	{ no_catalog fr &&
	  echo "s/fr.md:5:10: warning: the text changed since 2024-01 but '\''updated'\'' still says 2024-01 (the base of s/en.md) [updated-not-bumped]"; } >expect &&
	test_cmp expect actual &&
	sed "s/^updated: 2024-01$/updated: 2024-02/" s/fr.md >t && mv t s/fr.md &&
	folio validate >actual 2>err &&
	no_catalog fr >expect &&
	test_cmp expect actual
'

test_expect_success 'a base that is not 16 hex digits: positioned error, the rest still reported' '
	setup "Texte." &&
	sed "s/^  base: .*/  base: \"xyz\"/" s/en.md >t && mv t s/en.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	{ no_catalog fr &&
	  echo "s/en.md:10:9: error: '\''base'\'' must be 16 hexadecimal digits, got '\''xyz'\'' [schema]"; } >expect &&
	test_cmp expect actual &&
	l10n && expect_status 0 &&
	has_line "  invalid   s/en.md  line 10: '\''translated_from.base'\'' must be 16 hexadecimal digits (the digest folio stamp writes)"
'

test_expect_success 'a draft translation is marked (draft) beside its state, a published one is not' '
	setup "Prenez 500 mg." &&
	l10n && grep -F "s/en.md  (draft) based on" actual &&
	l10n --format json && grep -F "\"file\":\"s/en.md\",\"draft\":true," actual &&
	folio l10n --lang en --format html >page.html 2>err &&
	grep -F "</b> (draft)<span class=\"file code\">s/en.md" page.html &&
	sed "s/^status: draft$/status: published\nreviewers: [{name: X, role: r, affiliation: H}]/" s/en.md >t && mv t s/en.md &&
	l10n && grep -F "s/en.md  based on" actual &&
	l10n --format json && ! grep -F "\"draft\"" actual &&
	folio l10n --lang en --format html >page.html 2>err &&
	! grep -F "(draft)" page.html
'

test_expect_success 'translations on two bases of one original: each its own class' '
	setup "Prenez 500 mg." &&
	sed "s/^lang: en$/lang: de/" s/en.md >s/de.md &&
	folio stamp s/de.md >/dev/null 2>&1 &&
	edit "500 mg" "750 mg" &&
	sed "s/^lang: en$/lang: nl/" s/en.md >s/nl.md &&
	folio stamp s/nl.md >/dev/null 2>&1 &&
	edit "750 mg\\." "750 mg par jour." &&
	printf "source_language: fr\nlanguages: [fr, en, de, nl]\n" >folio.yaml &&
	folio l10n --format json >actual 2>err &&
	grep -F "\"en\":{\"state\":\"stale\"" actual >/dev/null &&
	grep -o "\"[a-z][a-z]\":{\"state\":\"stale\",[^}]*\"change\":\"[a-z]*\"" actual |
		sed "s/^\"\([a-z]*\)\".*\"change\":\"\([a-z]*\)\"/\1 \2/" >classes &&
	printf "en safety\nde safety\nnl content\n" >expect &&
	test_cmp expect classes
'

test_done
