#!/bin/sh
# t0164-validate-reference-via: a reference link's destination comes
# from its definition ("[o]: article:nope"): the link-target, fragment
# and link-scheme rules report it at the link, and name the definition
# and its line, where the fault is to be fixed; an inline link's
# message is unchanged.
. "$(dirname "$0")/lib.sh"

# n/fr.md uses three definitions; b/fr.md has no heading "rien".
refs() {
	make_corpus "fr" &&
	add_catalogs fr &&
	mkdir -p n b &&
	printf -- "---\nid: n\nlang: fr\ntitle: T\nupdated: 2024-01\nstatus: draft\n---\nVoir [ceci][o], [cela][f] et [là][S].\n\nEt [ici](article:nope) puis [là](ftp://example.org/y).\n\n[o]: article:nope\n[f]: article:b#rien\n[s]: ftp://example.org/x\n" >n/fr.md &&
	printf -- "---\nid: b\nlang: fr\ntitle: B\nupdated: 2024-01\nstatus: draft\n---\nTexte.\n" >b/fr.md
}

test_expect_success 'validate names the definition of each reference link it reports' '
	refs &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	n/fr.md:8:6: error: link to an article that does not exist: '"'"'article:nope'"'"' (via [o] at line 12) [link-target]
	n/fr.md:8:17: warning: link to a heading '"'"'article:b'"'"' does not have: '"'"'#rien'"'"' (via [f] at line 13) [fragment]
	n/fr.md:8:30: error: link not rendered, its url has a scheme folio never links to: '"'"'ftp://example.org/x'"'"' (http, https, mailto, tel and article are) (via [s] at line 14) [link-scheme]
	n/fr.md:10:4: error: link to an article that does not exist: '"'"'article:nope'"'"' [link-target]
	n/fr.md:10:29: error: link not rendered, its url has a scheme folio never links to: '"'"'ftp://example.org/y'"'"' (http, https, mailto, tel and article are) [link-scheme]
	EOF
	test_cmp expect out
'

test_expect_success 'export names it too, and JSON carries it in the message' '
	refs &&
	folio export --to html --include-drafts -o o --format json >out 2>err; echo $? >status &&
	expect_status 1 &&
	grep -c "(via \\[o\\] at line 12)\"" out >actual &&
	echo 1 >expect &&
	test_cmp expect actual &&
	grep -c "(via \\[s\\] at line 14)\"" out >actual &&
	test_cmp expect actual
'

test_done
