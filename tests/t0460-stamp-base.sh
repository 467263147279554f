#!/bin/sh
# t0460-stamp-base: folio stamp writes translated_from.base and the
# original's snapshot (SPEC 7.4, 12.1): only the bytes of the values
# change, a missing base is inserted where it belongs, snapshots are kept
# and pruned.
. "$(dirname "$0")/lib.sh"

# orig [TEXT]: the French original, dated 2024-01.
orig() {
	write_article s/fr.md <<-EOF
	---
	id: s
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	${1:-Prenez 500 mg par jour.}
	EOF
}

corpus() {
	make_corpus "fr en de ar" && orig
}

# digest: what folio stamp prints as the base of s/en.md (dry run).
digest() {
	folio stamp --dry-run s/en.md >dry &&
	sed -n "s/^s\/en.md: translated_from.base .* -> \([0-9a-f]*\) (dry run.*/\1/p" dry
}

test_expect_success 'block mapping: base inserted after updated, same indentation, comments kept' '
	corpus &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from:   # where from\n    lang: fr\n    updated: 2023-10   # the original then\n    # a comment line\ntranslators: [A]\n---\nText.\n" >s/en.md &&
	d=$(digest) && test -n "$d" &&
	folio stamp s/en.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from:   # where from\n    lang: fr\n    updated: 2024-01   # the original then\n    base: \"$d\"\n    # a comment line\ntranslators: [A]\n---\nText.\n" >expect &&
	test_cmp expect s/en.md &&
	cmp s/fr.md _base/s/fr.$d.md &&
	printf "%s\n" "s/en.md: translated_from.updated 2023-10 -> 2024-01" \
		"s/en.md: translated_from.base (none) -> $d" \
		"_base/s/fr.$d.md: snapshot saved" >expect-out &&
	test_cmp expect-out out
'

test_expect_success 'CRLF: the inserted line ends with CRLF too' '
	corpus &&
	printf -- "---\r\nid: s\r\nlang: en\r\ntitle: Title\r\nupdated: 2024-01\r\nstatus: draft\r\ntranslated_from:\r\n  lang: fr\r\n  updated: \"2023-10\"\r\n---\r\nText.\r\n" >s/en.md &&
	d=$(digest) &&
	folio stamp s/en.md >out 2>err &&
	printf -- "---\r\nid: s\r\nlang: en\r\ntitle: Title\r\nupdated: 2024-01\r\nstatus: draft\r\ntranslated_from:\r\n  lang: fr\r\n  updated: \"2024-01\"\r\n  base: \"$d\"\r\n---\r\nText.\r\n" >expect &&
	test_cmp expect s/en.md
'

test_expect_success 'flow mapping: ", base" after updated, the rest of the line kept' '
	corpus &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from: {lang: fr, updated: 2023-10}  # flow\n---\nText.\n" >s/en.md &&
	d=$(digest) &&
	folio stamp s/en.md >out 2>err &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from: {lang: fr, updated: 2024-01, base: \"$d\"}  # flow\n---\nText.\n" >expect &&
	test_cmp expect s/en.md
'

test_expect_success 'flow mapping after an anchor or a tag: ", base" inside it, the file still reads' '
	corpus &&
	for tf in "&tf {lang: fr, updated: 2023-10}" "!!map {lang: fr, updated: 2023-10}" \
		"&a !!map {lang: fr, updated: \"2023-10\"}"; do
		printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from: %s\n---\nText.\n" "$tf" >s/en.md &&
		d=$(digest) &&
		folio stamp s/en.md >out 2>err &&
		grep -q "^translated_from: .*{lang: fr, updated: \"*2024-01\"*, base: \"$d\"}$" s/en.md ||
			return 1
		folio validate s/en.md >vout 2>&1
		! grep -q "\[yaml" vout || return 1
	done
'

test_expect_success 'flow mapping with updated first: base still right after it' '
	corpus &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from: { updated: \"2024-01\", lang: fr }\n---\nText.\n" >s/en.md &&
	d=$(digest) &&
	folio stamp s/en.md >out 2>err &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from: { updated: \"2024-01\", base: \"$d\", lang: fr }\n---\nText.\n" >expect &&
	test_cmp expect s/en.md &&
	echo "s/en.md: translated_from.base (none) -> $d" >expect-first &&
	head -n 1 out >first && test_cmp expect-first first
'

test_expect_success 'an old base is replaced in its own quotes; a plain one gets double quotes' '
	corpus &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  base: '\''0123456789abcdef'\''  # old\n  lang: fr\n  updated: 2024-01\n---\nText.\n" >s/en.md &&
	d=$(digest) &&
	folio stamp s/en.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  base: '\''$d'\''  # old\n  lang: fr\n  updated: 2024-01\n---\nText.\n" >expect &&
	test_cmp expect s/en.md &&
	printf -- "---\nid: s\nlang: de\ntitle: Titel\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2024-01\n  base: 1234567890123456\n---\nText.\n" >s/de.md &&
	folio stamp s/de.md >out 2>err &&
	grep -q "^  base: \"$d\"\$" s/de.md &&
	grep -q "^  updated: 2024-01\$" s/de.md
'

test_expect_success 'already current with its base: nothing written, the snapshot made again if gone' '
	corpus &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2024-01\n---\nText.\n" >s/en.md &&
	folio stamp s/en.md >/dev/null 2>&1 &&
	cp s/en.md stamped && d=$(ls _base/s | sed "s/^fr\.\(.*\)\.md$/\1/") &&
	rm -r _base &&
	folio stamp s/en.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp stamped s/en.md &&
	cmp s/fr.md _base/s/fr.$d.md &&
	grep -q "already current" out
'

test_expect_success '--dry-run: no snapshot, no change' '
	corpus &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2023-10\n---\nText.\n" >s/en.md &&
	cp s/en.md before &&
	folio stamp --dry-run s/en.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp before s/en.md &&
	! test -e _base
'

test_expect_success 'an existing snapshot of that digest is kept as it is' '
	corpus &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2023-10\n---\nText.\n" >s/en.md &&
	d=$(digest) &&
	mkdir -p _base/s && sed "s/^status: draft$/status: review/" s/fr.md >_base/s/fr.$d.md &&
	cp _base/s/fr.$d.md kept &&
	folio stamp s/en.md >out 2>err &&
	test_cmp kept _base/s/fr.$d.md &&
	! grep -q "snapshot saved" out
'

test_expect_success 'pruning: a snapshot goes when no translation names it any more' '
	corpus &&
	for l in en de; do
		printf -- "---\nid: s\nlang: $l\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2024-01\n---\nText.\n" >s/$l.md || return 1
	done &&
	folio stamp s/en.md s/de.md >/dev/null 2>&1 &&
	old=$(ls _base/s) &&
	orig "Prenez 750 mg par jour." &&
	folio stamp s/en.md >out 2>err &&
	ls _base/s >two && test "$(grep -c "" two)" = 2 &&
	grep -qx "$old" two &&
	folio stamp s/de.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	ls _base/s >one && test "$(grep -c "" one)" = 1 &&
	! grep -qx "$old" one &&
	grep -q "^_base/s/$old: snapshot removed (no translation names it)\$" out &&
	cmp s/fr.md "_base/s/$(cat one)"
'

test_expect_success 'pruning: two translations stamped in one run leave one snapshot' '
	corpus &&
	for l in en de; do
		printf -- "---\nid: s\nlang: $l\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2024-01\n---\nText.\n" >s/$l.md || return 1
	done &&
	folio stamp s/en.md s/de.md >/dev/null 2>&1 &&
	orig "Prenez 750 mg par jour." &&
	folio stamp s/en.md s/de.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	ls _base/s >one && test "$(grep -c "" one)" = 1 &&
	cmp s/fr.md "_base/s/$(cat one)"
'

test_expect_success 'pruning keeps what a translation that cannot be read names' '
	corpus &&
	for l in en de; do
		printf -- "---\nid: s\nlang: $l\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2024-01\n---\nText.\n" >s/$l.md || return 1
	done &&
	folio stamp s/en.md s/de.md >/dev/null 2>&1 &&
	old=$(ls _base/s) &&
	orig "Prenez 750 mg par jour." &&
	sed "s/^title: T\$/title: \"T/" s/de.md >de.tmp && mv de.tmp s/de.md &&
	folio stamp s/en.md >out 2>err; echo $? >status &&
	expect_status 0 &&
	ls _base/s >two && grep -qx "$old" two &&
	! grep -q "snapshot removed" out &&
	sed "s/^title: \"T\$/title: T/" s/de.md >de.tmp && mv de.tmp s/de.md &&
	folio diff s/de.md >diff 2>err &&
	grep -q "750" diff
'

test_expect_success 'pruning keeps files that are not snapshots' '
	corpus &&
	printf -- "---\nid: s\nlang: en\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2024-01\n---\nText.\n" >s/en.md &&
	mkdir -p _base/s && echo notes >_base/s/README &&
	echo x >_base/s/fr.0123456789abcdef.md &&
	folio stamp s/en.md >out 2>err &&
	test -f _base/s/README &&
	! test -e _base/s/fr.0123456789abcdef.md
'

test_expect_success 'metadata is not text: a new reviewer or date changes no base' '
	corpus &&
	printf -- "---\nid: s\nlang: en\ntitle: T\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2024-01\n---\nText.\n" >s/en.md &&
	folio stamp s/en.md >/dev/null 2>&1 &&
	cp s/en.md stamped &&
	sed "s/^status: draft$/status: review\nreview_due: 2027-01/" s/fr.md >t && mv t s/fr.md &&
	folio stamp s/en.md >out 2>err &&
	test_cmp stamped s/en.md &&
	grep -q "already current" out
'

test_expect_success 'a snapshot whose text is not its digest is replaced, and said so' '
	corpus &&
	printf -- "---\nid: s\nlang: en\ntitle: Title\nupdated: 2024-01\nstatus: draft\ntranslated_from:\n  lang: fr\n  updated: 2023-10\n---\nText.\n" >s/en.md &&
	d=$(digest) && mkdir -p _base/s &&
	sed "s/500 mg/5000 mg/" s/fr.md >_base/s/fr.$d.md &&
	folio stamp s/en.md >out 2>err &&
	grep -Fx "_base/s/fr.$d.md: snapshot replaced (its text was not that of its digest: edited, or not a file)" out &&
	cmp s/fr.md _base/s/fr.$d.md &&
	folio stamp s/en.md >out 2>err &&
	! grep "snapshot" out
'

test_done
