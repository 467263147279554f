#!/bin/sh
# t0462-diff: folio diff (SPEC 12.3): blocks changed, added, removed and
# moved since a translation's base, each with its class, the word diff
# and the translation's block; JSON; --class, --check, --lang, FILE, -o.
. "$(dirname "$0")/lib.sh"

setup() {
	make_corpus "fr en de" &&
	write_article s/fr.md <<-\EOF &&
	---
	id: s
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	## Dose

	Prenez 500 mg par jour.

	Un texte simple.

	Premier repère.

	Second repère.

	Un paragraphe qui bouge.

	Un paragraphe qui part après 3 jours.
	EOF
	for l in en de; do
		write_article s/$l.md <<-EOF || return 1
		---
		id: s
		lang: $l
		title: Title $l
		updated: 2024-01
		status: draft
		translated_from:
		  lang: fr
		  updated: 2024-01
		---
		## Dose $l

		Take 500 mg a day ($l).

		A simple text ($l).

		First landmark ($l).

		Second landmark ($l).

		A moving paragraph ($l).

		A leaving paragraph ($l).
		EOF
	done &&
	folio stamp s/en.md s/de.md >/dev/null 2>&1 &&
	write_article s/fr.md <<-\EOF
	---
	id: s
	lang: fr
	title: Titre
	updated: 2024-02
	status: draft
	---
	## Dose

	Un tout autre propos sur la fatigue.

	Un paragraphe qui bouge.

	Prenez 750 mg par jour.

	Un texte, simple !

	Premier repère.

	Second repère.
	EOF
}

test_expect_success 'text: each change with its class, word diff and counterpart' '
	setup &&
	folio diff --lang en >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null err &&
	b=$(sed -n "s/^  base: \"\(.*\)\"/\1/p" s/en.md) &&
	cat >expect <<-EOF &&
	s/en.md: stale translation of s/fr.md
	  base $b (2024-01) -> now NOW (2024-02): safety (2 safety, 1 content, 2 editorial)

	  content, added paragraph: s/fr.md:10
	    original: {+Un tout autre propos sur la fatigue.+}
	    translation: (none: a new block to translate)

	  editorial, moved paragraph: s/fr.md:12 (line 18 in the base)
	    original: Un paragraphe qui bouge.
	    translation: s/en.md:22: A moving paragraph (en).

	  safety, changed paragraph: s/fr.md:14 (line 10 in the base)
	    original: Prenez [-500-]{+750+} mg par jour.
	    translation: s/en.md:14: Take 500 mg a day (en).

	  editorial, changed paragraph: s/fr.md:16 (line 12 in the base)
	    original: Un [-texte-]{+texte,+} [-simple.-]{+simple !+}
	    translation: s/en.md:16: A simple text (en).

	  safety, removed paragraph: s/fr.md (line 20 in the base)
	    original: [-Un paragraphe qui part après 3 jours.-]
	    translation: s/en.md:24: A leaving paragraph (en).

	EOF
	sed "s/ -> now [0-9a-f]* / -> now NOW /" actual >actual-now &&
	test_cmp expect actual-now
'

test_expect_success 'json: the SPEC shape, digests and dates, null sides' '
	setup &&
	folio diff --lang en --format json >actual 2>err; echo $? >status &&
	expect_status 0 &&
	b=$(sed -n "s/^  base: \"\(.*\)\"/\1/p" s/en.md) &&
	head -n 2 actual | sed "s/\"now\":\"[0-9a-f]*\"/\"now\":\"N\"/" >head &&
	printf "%s\n" "{\"translations\":[" \
		" {\"file\":\"s/en.md\",\"original\":\"s/fr.md\",\"base\":\"$b\",\"now\":\"N\",\"base_updated\":\"2024-01\",\"updated\":\"2024-02\",\"change\":\"safety\",\"changes\":[" >expect &&
	test_cmp expect head &&
	grep -F "{\"class\":\"safety\",\"kind\":\"changed\",\"old\":{\"line\":10,\"text\":\"Prenez 500 mg par jour.\"},\"new\":{\"line\":14,\"text\":\"Prenez 750 mg par jour.\"},\"translation\":{\"line\":14,\"text\":\"Take 500 mg a day (en).\"}}" actual &&
	grep -F "{\"class\":\"content\",\"kind\":\"added\",\"old\":null,\"new\":{\"line\":10,\"text\":\"Un tout autre propos sur la fatigue.\"},\"translation\":null}" actual
'

test_expect_success '--class content leaves out editorial changes; --class safety more' '
	setup &&
	folio diff --lang en --class content >actual 2>err &&
	! grep -q "^  editorial" actual &&
	grep -q "^  content, added" actual &&
	folio diff --lang en --class safety --format json >actual 2>err &&
	! grep -q "\"class\":\"content\"" actual &&
	test "$(grep -c "\"class\":\"safety\"" actual)" = 2
'

test_expect_success '--check: exit 1 at content or higher; editorial alone passes' '
	setup &&
	folio diff --check >actual 2>err; echo $? >status &&
	expect_status 1 &&
	echo "folio: diff check failed: a content change or higher" >expect-err &&
	test_cmp expect-err err &&
	folio stamp s/en.md s/de.md >/dev/null 2>&1 &&
	sed "s/sur la fatigue./sur la fatigue !/" s/fr.md >t && mv t s/fr.md &&
	folio diff --check >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^  editorial, changed paragraph" actual &&
	folio diff --check --class editorial >actual 2>err; echo $? >status &&
	expect_status 1 &&
	echo "folio: diff check failed: an editorial change or higher" >expect-err &&
	test_cmp expect-err err
'

test_expect_success 'FILE names one translation; --lang another; the others not shown' '
	setup &&
	folio diff s/de.md >actual 2>err &&
	grep -q "^s/de.md: stale" actual && ! grep -q "^s/en.md" actual &&
	folio diff --lang en >actual 2>err &&
	grep -q "^s/en.md: stale" actual && ! grep -q "^s/de.md" actual
'

test_expect_success '-o writes the report; nothing on stdout' '
	setup &&
	folio diff -o report.txt >out 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null out &&
	grep -q "^s/en.md: stale" report.txt
'

test_expect_success 'a dated-only stale translation: unknown, counts as safety for --check' '
	make_corpus "fr en" &&
	printf -- "---\nid: s\nlang: fr\ntitle: T\nupdated: 2024-02\nstatus: draft\n---\nTexte.\n" >fr.md &&
	printf -- "---\nid: s\nlang: en\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from: {lang: fr, updated: 2024-01}\n---\nText.\n" >en.md &&
	folio diff --check --class safety >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -q "^  base (none) (2024-01) -> now [0-9a-f]* (2024-02): unknown$" actual
'

test_expect_success 'no stale translation: empty report, exit 0 even with --check' '
	make_corpus "fr en" &&
	printf -- "---\nid: s\nlang: fr\ntitle: T\nupdated: 2024-01\nstatus: draft\n---\nTexte.\n" >fr.md &&
	folio diff --check >actual 2>err; echo $? >status &&
	expect_status 0 && test_cmp /dev/null actual &&
	folio diff --format json >actual &&
	echo "{\"translations\":[]}" >expect && test_cmp expect actual
'

test_expect_success 'usage errors: exit 2' '
	setup &&
	folio diff --class huge >out 2>err; echo $? >status &&
	expect_status 2 && grep -q "class must be" err &&
	folio diff --format xml >out 2>err; echo $? >status &&
	expect_status 2 &&
	folio diff --lang xx >out 2>err; echo $? >status &&
	expect_status 2
'

test_done
