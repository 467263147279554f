#!/bin/sh
# t0466-digest-where: validate and l10n take the digest of an original's
# text only for ids with a based translation (SPEC 12.1, 12.2); wherever
# that translation is read, before or after its original, in the same
# directory or another one, with one worker or two, its base decides.
. "$(dirname "$0")/lib.sh"

# setup LANG DIR: a French original s/fr.md and its translation into LANG
# at DIR/LANG.md, stamped, then the original's dose changed, not its date.
setup() {
	make_corpus "fr $1" &&
	write_article s/fr.md <<-\EOF &&
	---
	id: s
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Prenez 500 mg.
	EOF
	write_article $2/$1.md <<-EOF &&
	---
	id: s
	lang: $1
	title: Title
	updated: 2024-01
	status: draft
	translated_from:
	  lang: fr
	  updated: 2024-01
	---
	Take 500 mg.
	EOF
	folio stamp $2/$1.md >/dev/null 2>&1 &&
	sed "s/500 mg/750 mg/" s/fr.md >t && mv t s/fr.md
}

# check LANG DIR: stale by its text with one worker and two, and validate
# says the original's date was not moved; translation QA compares the
# translation with its base, where the dose is the same (compared with
# the original now, it would find 750 mg missing).
check() {
	for j in 1 2; do
		folio l10n -j $j --lang $1 >actual 2>err; echo $? >status &&
		expect_status 0 &&
		grep -F "  stale     $2/$1.md  (draft) based on 2024-01, original updated 2024-01 (0 months behind)" actual >/dev/null &&
		grep -F "change: safety (1 safety, 0 content, 0 editorial)" actual >/dev/null &&
		folio validate -j $j >actual 2>err; echo $? >status &&
		expect_status 0 &&
		# no catalog: a warning for each language but English
		no_catalog $(printf "%s\n" fr $1 | grep -vx en | LC_ALL=C sort) >expect &&
		{ [ $2 = s ] || echo "$2/$1.md:2:5: warning: path does not match id and lang: expected 's/$1.md' [path-mismatch]"; } >>expect &&
		echo "s/fr.md:5:10: warning: the text changed since 2024-01 but 'updated' still says 2024-01 (the base of $2/$1.md) [updated-not-bumped]" >>expect &&
		test_cmp expect actual || return 1
	done
}

test_expect_success 'a based translation read before its original (de.md)' '
	setup de s && check de s
'

test_expect_success 'a based translation read after its original (tr.md)' '
	setup tr s && check tr s
'

test_expect_success 'a based translation outside its original'\''s directory' '
	setup en other && check en other
'

test_expect_success 'a translation without a base beside a based one goes by its dates' '
	setup en s &&
	write_article s/tr.md <<-\EOF &&
	---
	id: s
	lang: tr
	title: Başlık
	updated: 2024-01
	status: draft
	translated_from:
	  lang: fr
	  updated: 2024-01
	---
	500 mg alın.
	EOF
	printf "source_language: fr\nlanguages: [fr, en, tr]\n" >folio.yaml &&
	folio l10n -j 1 --lang tr >actual 2>err &&
	grep -F "  current   s/tr.md  (draft) based on 2024-01, the original'\''s date" actual >/dev/null &&
	folio l10n -j 1 --lang en >actual 2>err &&
	grep -F "  stale     s/en.md  (draft) based on 2024-01" actual >/dev/null
'

test_expect_success 'the dashboard'\''s diff page shows the digest of an original whose translation has no base' '
	make_corpus "fr en" &&
	write_article s/fr.md <<-\EOF &&
	---
	id: s
	lang: fr
	title: Titre
	updated: 2024-03
	status: draft
	---
	Texte.
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
	Text.
	EOF
	folio stamp s/en.md >stamped 2>err &&
	sed -n "s/.*base .* -> \([0-9a-f]\{16\}\).*/\1/p" stamped >digest &&
	test -s digest &&
	sed "/^  base:/d" s/en.md >t && mv t s/en.md &&
	sed "s/^  updated: 2024-03$/  updated: 2024-01/" s/en.md >t && mv t s/en.md &&
	folio l10n --format html -o status.html >out 2>err &&
	grep -F "now <span class=\"code\">$(cat digest)</span>" status-diff.html >/dev/null
'

test_done
