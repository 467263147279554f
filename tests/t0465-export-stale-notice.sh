#!/bin/sh
# t0465-export-stale-notice: an exported translation carries the stale
# notice when its original changed since its base by a content, safety or
# unknown change, not for an editorial change alone (SPEC 8.1, 12.2); a
# translation without a base keeps the date rule.
. "$(dirname "$0")/lib.sh"

setup() {
	make_corpus "fr en" &&
	write_article s/fr.md <<-\EOF &&
	---
	id: s
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Prenez 500 mg par jour, sans attendre.
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
	Take 500 mg a day, without waiting.
	EOF
	folio stamp s/en.md >/dev/null 2>&1
}

edit() {
	sed "s/$1/$2/" s/fr.md >x && mv x s/fr.md
}

notice() {
	folio export --to html --include-drafts -o o >out 2>err &&
	grep -q "class=\"stale\"" o/en/s.html
}

test_expect_success 'current by its base: no notice' '
	setup && ! notice
'

test_expect_success 'an editorial change alone, dates equal or not: no notice' '
	setup && edit "sans attendre." "sans attendre !" && ! notice &&
	edit "^updated: 2024-01" "updated: 2024-03" && ! notice
'

test_expect_success 'a content change: the notice, though the dates are equal' '
	setup && edit "sans attendre" "sans tarder davantage" && notice
'

test_expect_success 'a safety change (a dose): the notice' '
	setup && edit "500 mg" "750 mg" && notice
'

test_expect_success 'a negation changed: the notice' '
	setup && edit "sans attendre" "en attendant" && notice
'

test_expect_success 'the base text unavailable: unknown, so the notice' '
	setup && rm -r _base && edit "sans attendre." "sans attendre !" && notice
'

test_expect_success 'no base: the date rule' '
	setup && sed "/^  base: /d" s/en.md >x && mv x s/en.md &&
	edit "500 mg" "750 mg" && ! notice &&
	edit "^updated: 2024-01" "updated: 2024-03" && notice
'

test_done
