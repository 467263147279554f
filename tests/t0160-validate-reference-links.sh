#!/bin/sh
# t0160-validate-reference-links: a reference link or image ("[text][ref]",
# "![][ref]", "[ref]") is reported where it is used, not at its
# definition: image-alt, empty-link and link-target are properties of the
# use, and one definition may serve a fine link and an empty one.
. "$(dirname "$0")/lib.sh"

test_expect_success 'image-alt, empty-link and link-target at the use' '
	printf "source_language: en\nlanguages: [en]\n" >folio.yaml &&
	mkdir n && : >n/a.png &&
	printf -- "---\nid: n\nlang: en\ntitle: T\nsummary: S.\nupdated: 2024-01\nstatus: draft\n---\nFirst paragraph.\n\nSee [the other][o] and ![][img] and [][e].\n\nMore text.\n\n[o]: article:nope\n[img]: a.png\n[e]: https://x.org\n" >n/en.md &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	n/en.md:11:5: error: link to an article that does not exist: '"'"'article:nope'"'"' (via [o] at line 15) [link-target]
	n/en.md:11:24: error: image without alternative text: describe it between the brackets [image-alt]
	n/en.md:11:37: error: link with no text [empty-link]
	EOF
	test_cmp expect out
'

test_expect_success 'one definition, several uses: each placed, nested and escaped ones too' '
	printf "source_language: en\nlanguages: [en]\n" >folio.yaml &&
	mkdir n && : >n/a.png &&
	printf -- "---\nid: n\nlang: en\ntitle: T\nsummary: S.\nupdated: 2024-01\nstatus: draft\n---\nA fine [link][e] and an empty [][e].\n\n[img]: a.png\n\n![][img] first, then [![][img]][e] and *[][e]* and [e] and \\\\[x] [][e].\n\n[e]: https://x.org\n" >n/en.md &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	n/en.md:9:31: error: link with no text [empty-link]
	n/en.md:13:1: error: image without alternative text: describe it between the brackets [image-alt]
	n/en.md:13:22: error: link with no text [empty-link]
	n/en.md:13:23: error: image without alternative text: describe it between the brackets [image-alt]
	n/en.md:13:41: error: link with no text [empty-link]
	n/en.md:13:65: error: link with no text [empty-link]
	EOF
	test_cmp expect out
'

test_done
