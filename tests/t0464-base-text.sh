#!/bin/sh
# t0464-base-text: finding a translation's base text (SPEC 12.1): the
# snapshot, checked; else the original's git history (a repository made
# here, full and shallow); else "unavailable" with a positioned
# diagnostic, the digest still deciding the state and nothing else lost.
. "$(dirname "$0")/lib.sh"

# corpus: fr original, en translation stamped on it, then the original's
# dose changed (the en translation is stale, its snapshot in _base/).
corpus() {
	make_corpus "fr en" &&
	write_article s/fr.md <<-\EOF &&
	---
	id: s
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Prenez 500 mg par jour.
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
	Take 500 mg a day.
	EOF
	write_article t/fr.md <<-\EOF &&
	---
	id: t
	lang: fr
	title: Autre
	updated: 2024-01
	status: draft
	---
	Un autre texte.
	EOF
	write_article t/en.md <<-\EOF &&
	---
	id: t
	lang: en
	title: Other
	updated: 2023-01
	status: draft
	translated_from:
	  lang: fr
	  updated: 2023-01
	---
	Another text.
	EOF
	folio stamp s/en.md >/dev/null 2>&1 &&
	snap=$(ls _base/s/fr.*.md) &&
	if [ "${1:-}" != base ]; then dose 750 mg; fi
}

# dose N UNIT: the original's dose now.
dose() {
	sed "s/^Prenez .* par jour.$/Prenez $1 $2 par jour./" s/fr.md >x && mv x s/fr.md
}

# git_init: the corpus (with its base text) as a repository, then two
# later versions of the original committed.
git_init() {
	git init -q . &&
	git -c user.name=t -c user.email=t@example.org add -A &&
	git -c user.name=t -c user.email=t@example.org commit -q -m base &&
	dose 1 g &&
	git -c user.name=t -c user.email=t@example.org commit -q -am later &&
	dose 750 mg &&
	git -c user.name=t -c user.email=t@example.org commit -q -am now
}

safety_line() {
	grep -q "^  safety, changed paragraph: s/fr.md:8 (line 8 in the base)$" actual &&
	grep -q "^    original: Prenez \[-500-\]{+750+} mg par jour.$" actual
}

test_expect_success 'from the snapshot' '
	corpus &&
	folio diff >actual 2>err; echo $? >status &&
	expect_status 0 && test_cmp /dev/null err && safety_line
'

test_expect_success 'no snapshot, no git: unavailable, said once, the class unknown' '
	corpus && rm -r _base &&
	folio diff >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^s/fr.md: warning: base text .[0-9a-f]*. unavailable: no snapshot ._base/s/fr.[0-9a-f]*.md., and no git history (.*) \[base-text\]$" err &&
	test "$(grep -c "" err)" = 1 &&
	grep -q "^  base [0-9a-f]* (2024-01) -> now [0-9a-f]* (2024-01): unknown$" actual &&
	grep -q "^t/en.md: stale translation of t/fr.md$" actual &&
	folio l10n --lang en >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -F "; change: unknown (base text unavailable)" actual &&
	grep -q "base-text" err
'

if command -v git >/dev/null; then
test_expect_success 'no snapshot: found in the git history, newest first' '
	corpus base && rm -r _base && git_init &&
	folio diff s/en.md >actual 2>err; echo $? >status &&
	expect_status 0 && test_cmp /dev/null err && safety_line
'

test_expect_success 'the corpus in a subdirectory of the repository' '
	mkdir -p repo/sub && cd repo/sub && corpus base && rm -r _base && cd .. &&
	git init -q . &&
	git -c user.name=t -c user.email=t@example.org add -A &&
	git -c user.name=t -c user.email=t@example.org commit -q -m one &&
	cd sub && dose 750 mg && folio diff s/en.md >actual 2>err; echo $? >status &&
	expect_status 0 && test_cmp /dev/null err && safety_line
'

test_expect_success 'a shallow clone: the base is not there, said so, the rest still shown' '
	mkdir full && (cd full && corpus base && rm -r _base && git_init) &&
	git clone -q --depth 1 "file://$PWD/full" shallow 2>/dev/null &&
	cd shallow &&
	folio diff >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^s/fr.md: warning: base text .[0-9a-f]*. unavailable: no snapshot .*, and no version in the shallow (cut short) git history has that digest \[base-text\]$" err &&
	grep -q "^t/en.md: stale translation" actual
'

test_expect_success 'a broken repository: said so, never a hang, the rest still shown' '
	corpus base && rm -r _base && git_init &&
	rm -rf .git/objects/* .git/refs/heads/* && echo "garbage" >.git/HEAD &&
	folio diff >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^s/fr.md: warning: base text .* unavailable: .* \[base-text\]$" err &&
	grep -q "^t/en.md: stale translation" actual
'
else
	test_skip 'the git fallback' 'git missing'
fi

test_expect_success 'a snapshot of another article: positioned, not used' '
	corpus &&
	sed "s/^id: s$/id: autre/" $snap >x && mv x $snap &&
	folio diff >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^$snap:2:5: warning: snapshot of another article, not used: id .autre., not .s. \[base-text\]$" err &&
	grep -q ": unknown$" actual
'

test_expect_success 'a snapshot edited since it was saved: its digest is checked' '
	corpus &&
	sed "s/500 mg/50 mg/" $snap >x && mv x $snap &&
	folio diff >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^$snap:1:1: warning: snapshot.s text has digest .[0-9a-f]*., not .[0-9a-f]*. (edited since it was saved?), not used \[base-text\]$" err
'

test_expect_success 'a corrupt snapshot: positioned, not used' '
	corpus &&
	printf -- "---\ntitle: [unclosed\n---\nx\n" >$snap &&
	folio diff >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^$snap:[0-9]*:[0-9]*: warning: corrupt snapshot, not used: .* \[base-text\]$" err &&
	printf "\x00\xff" >$snap &&
	folio diff >actual 2>err &&
	grep -q "^$snap:1:1: warning: corrupt snapshot, not used: .* \[base-text\]$" err
'

test_expect_success 'a snapshot that is a directory: said so' '
	corpus && rm $snap && mkdir $snap &&
	folio diff >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^$snap: warning: snapshot is not a regular file, not read \[base-text\]$" err
'

test_expect_success 'a snapshot that cannot be read (a link loop): said so, the rest still shown' '
	corpus && rm $snap && ln -s loop1 _base/s/loop2 && ln -s loop2 _base/s/loop1 &&
	ln -s loop1 $snap &&
	folio diff >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep -q "^$snap: warning: cannot read snapshot: too many levels of symbolic links \[base-text\]$" err &&
	grep -q "^t/en.md: stale translation" actual
'

if [ "$(id -u)" != 0 ]; then
test_expect_success '_base/ unreadable: said so, the rest still shown' '
	corpus && chmod 000 _base &&
	folio diff >actual 2>err; echo $? >status; chmod 755 _base &&
	expect_status 0 &&
	grep -q "warning: cannot read snapshot: permission denied \[base-text\]$" err &&
	grep -q "^t/en.md: stale translation" actual
'
else
	test_skip '_base/ unreadable' 'running as root: permissions do not apply'
fi

test_done
