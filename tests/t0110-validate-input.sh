#!/bin/sh
# t0110-validate-input: bad input (SPEC 3, 10; issue 3 "Bad input").  Each
# malformed file gets one clear diagnostic with its position, every other
# file is still checked, and folio neither crashes nor hangs.
. "$(dirname "$0")/lib.sh"

# A valid article's frontmatter: fm ID [LINE-ENDING]
fm() {
	printf -- '---%s\nid: %s%s\nlang: fr%s\ntitle: T%s\nupdated: 2024-01%s\nreviewers:%s\n  - name: Dr Exemple%s\n---%s\n' \
		"$2" "$1" "$2" "$2" "$2" "$2" "$2" "$2" "$2"
}

# good/fr.md: a well-formed article with one error (a related id that does
# not exist), to show that it is still checked beside the bad files.
good() {
	mkdir -p good &&
	printf -- '---\nid: good\nlang: fr\ntitle: T\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\nrelated: [gone]\n---\nBody.\n' >good/fr.md
}
GOOD="good/fr.md:8:11: error: 'related' names an article that does not exist: 'gone' [related-missing]"

# run_folio: validate with a time limit when timeout(1) exists, so that a
# hang fails the case instead of the whole suite.
run_folio() {
	if command -v timeout >/dev/null 2>&1; then
		timeout 10 "$FOLIO" "$@"
	else
		"$FOLIO" "$@"
	fi
}

test_expect_success 'no frontmatter, an empty file, a blank first line: 1:1' '
	make_corpus && add_catalogs && good &&
	mkdir none empty blank &&
	printf "Just a body.\n" >none/fr.md &&
	: >empty/fr.md &&
	{ printf "\n" && fm blank; } >blank/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-EOF &&
	blank/fr.md:1:1: error: no frontmatter: the file must start with a '\''---'\'' line [frontmatter]
	empty/fr.md:1:1: error: no frontmatter: the file must start with a '\''---'\'' line [frontmatter]
	$GOOD
	none/fr.md:1:1: error: no frontmatter: the file must start with a '\''---'\'' line [frontmatter]
	EOF
	test_cmp expect actual
'

test_expect_success 'unterminated frontmatter: one error at the opening line' '
	make_corpus && add_catalogs && good &&
	mkdir open &&
	printf -- "---\nid: open\nlang: fr\ntitle: T\n\nBody.\n" >open/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-EOF &&
	$GOOD
	open/fr.md:1:1: error: frontmatter not terminated: no closing '\''---'\'' line [frontmatter]
	EOF
	test_cmp expect actual
'

test_expect_success 'frontmatter closed by "..." is accepted' '
	make_corpus && add_catalogs &&
	mkdir dots &&
	printf -- "---\nid: dots\nlang: fr\ntitle: T\nupdated: 2024-01\nreviewers:\n  - name: X\n...\nSee [x](article:gone).\n" >dots/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	dots/fr.md:9:5: error: link to an article that does not exist: '\''article:gone'\'' [link-target]
	EOF
	test_cmp expect actual
'

test_expect_success 'frontmatter that is not a mapping: one error' '
	make_corpus && add_catalogs && good &&
	mkdir list &&
	printf -- "---\n- a\n- b\n---\nBody.\n" >list/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cut -d" " -f1-2 actual >prefix &&
	cat >expect <<-\EOF &&
	good/fr.md:8:11: error:
	list/fr.md:2:1: error:
	EOF
	test_cmp expect prefix
'

test_expect_success 'broken YAML: one error at libyaml'\''s position, others checked' '
	make_corpus && add_catalogs && good &&
	mkdir broken &&
	printf -- "---\nid: broken\nlang: fr\ntitle: [unclosed\nupdated: 2024-01\n---\nBody.\n" >broken/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-EOF &&
	broken/fr.md:5:8: error: malformed yaml: did not find expected '\'','\'' or '\'']'\'' while parsing a flow sequence [yaml-syntax]
	$GOOD
	EOF
	test_cmp expect actual
'

test_expect_success 'a tab in the indentation: one yaml-syntax error' '
	make_corpus && add_catalogs && good &&
	mkdir tab &&
	printf -- "---\nid: tab\nlang: fr\ntitle: T\nupdated: 2024-01\nreviewers:\n\t- name: X\n---\nBody.\n" >tab/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cut -d" " -f1-2 actual >prefix &&
	awk "{ print \$NF }" actual >rules &&
	printf "good/fr.md:8:11: error:\ntab/fr.md:7:1: error:\n" >expect-prefix &&
	printf "[related-missing]\n[yaml-syntax]\n" >expect-rules &&
	test_cmp expect-prefix prefix &&
	test_cmp expect-rules rules
'

test_expect_success 'invalid UTF-8 and NUL bytes: one error each, at line:col' '
	make_corpus && add_catalogs && good &&
	mkdir latin1 nul body &&
	printf -- "---\nid: latin1\nlang: fr\ntitle: caf\351\nupdated: 2024-01\n---\nBody.\n" >latin1/fr.md &&
	{ fm nul && printf "Body\000\000text.\n"; } >nul/fr.md &&
	{ fm body && printf "ok\n\n\303\251t\303\251 \200\200\n"; } >body/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-EOF &&
	body/fr.md:11:5: error: invalid UTF-8 byte 0x80 (and 1 more invalid byte or NUL in the file) [encoding]
	$GOOD
	latin1/fr.md:4:11: error: invalid UTF-8 byte 0xE9 [encoding]
	nul/fr.md:9:5: error: NUL byte in the file (and 1 more invalid byte or NUL) [encoding]
	EOF
	test_cmp expect actual
'

test_expect_success 'a UTF-8 BOM: a warning, and the file is fully checked' '
	make_corpus && add_catalogs &&
	mkdir bom &&
	{ printf "\357\273\277" && fm bom && printf "# Big\n"; } >bom/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	bom/fr.md:1:1: warning: byte order mark at the start of the file [encoding]
	bom/fr.md:9:1: error: level-1 heading in the body: the title is the page'\''s only level-1 heading, start at level 2 [heading-level]
	EOF
	test_cmp expect actual
'

test_expect_success 'CRLF line endings: accepted, same positions as LF' '
	make_corpus && add_catalogs &&
	mkdir lf crlf &&
	{ fm lf && printf "Text <hr> and [x](article:gone).\n\n#### Deep\n"; } >lf/fr.md &&
	{ fm crlf "$(printf "\r")" && printf "Text <hr> and [x](article:gone).\r\n\r\n#### Deep\r\n"; } >crlf/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	crlf/fr.md:9:6: warning: raw html is never rendered: '\''<hr>'\'' [raw-html]
	crlf/fr.md:9:15: error: link to an article that does not exist: '\''article:gone'\'' [link-target]
	crlf/fr.md:11:1: error: heading level skipped: level 4 after level 1 [heading-level]
	lf/fr.md:9:6: warning: raw html is never rendered: '\''<hr>'\'' [raw-html]
	lf/fr.md:9:15: error: link to an article that does not exist: '\''article:gone'\'' [link-target]
	lf/fr.md:11:1: error: heading level skipped: level 4 after level 1 [heading-level]
	EOF
	test_cmp expect actual
'

test_expect_success 'CRLF in the frontmatter: positions of values unchanged' '
	make_corpus && add_catalogs &&
	mkdir crlf &&
	printf -- "---\r\nid: crlf\r\nlang: xx\r\ntitle: T\r\nupdated: 2024-01\r\nreviewers:\r\n  - name: X\r\nrelated: [a-b, nope]\r\n---\r\nBody.\r\n" >crlf/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	crlf/fr.md:2:5: warning: path does not match id and lang: expected '\''crlf/xx.md'\'' [path-mismatch]
	crlf/fr.md:3:7: error: '\''lang'\'' must be one of the languages of folio.yaml (fr, en), got '\''xx'\'' [unknown-lang]
	crlf/fr.md:8:11: error: '\''related'\'' names an article that does not exist: '\''a-b'\'' [related-missing]
	crlf/fr.md:8:16: error: '\''related'\'' names an article that does not exist: '\''nope'\'' [related-missing]
	EOF
	test_cmp expect actual
'

test_expect_success 'BOM and CRLF together' '
	make_corpus && add_catalogs &&
	mkdir both &&
	{ printf "\357\273\277" && fm both "$(printf "\r")" && printf "[x](article:gone)\r\n"; } >both/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	both/fr.md:1:1: warning: byte order mark at the start of the file [encoding]
	both/fr.md:9:1: error: link to an article that does not exist: '\''article:gone'\'' [link-target]
	EOF
	test_cmp expect actual
'

test_expect_success 'a directory named *.md: one diagnostic, the articles inside checked' '
	make_corpus && add_catalogs && good &&
	mkdir -p notes.md/inner &&
	{ fm inner && printf "[x](article:gone)\n"; } >notes.md/inner/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-EOF &&
	$GOOD
	notes.md: error: not a regular file [io]
	notes.md/inner/fr.md:9:1: error: link to an article that does not exist: '\''article:gone'\'' [link-target]
	EOF
	test_cmp expect actual
'

test_expect_success 'a FIFO: one diagnostic, no hang' '
	make_corpus && add_catalogs && good &&
	mkdir pipe &&
	mkfifo pipe/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-EOF &&
	$GOOD
	pipe/fr.md: error: not a regular file [io]
	EOF
	test_cmp expect actual
'

test_expect_success 'a dangling symbolic link: one lowercase diagnostic naming its target' '
	make_corpus && add_catalogs && good &&
	mkdir dangling &&
	ln -s moved-away.md dangling/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cut -d" " -f1-2 actual >prefix &&
	awk "{ print \$NF }" actual >rules &&
	printf "dangling/fr.md: error:\ngood/fr.md:8:11: error:\n" >expect-prefix &&
	printf "[io]\n[related-missing]\n" >expect-rules &&
	test_cmp expect-prefix prefix &&
	test_cmp expect-rules rules &&
	sed -n "1s/^dangling\/fr.md: error: \(.*\) \[io\]$/\1/p" actual >message &&
	grep -F "'\''moved-away.md'\''" message >/dev/null &&
	! grep "[A-Z]" message
'

test_expect_success 'a symbolic link to an article is read like the article' '
	make_corpus && add_catalogs &&
	mkdir -p store real &&
	{ fm real && printf "[x](article:gone)\n"; } >store/real.txt &&
	ln -s ../store/real.txt real/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	real/fr.md:9:1: error: link to an article that does not exist: '\''article:gone'\'' [link-target]
	EOF
	test_cmp expect actual
'

test_expect_success 'symbolic link loops: no hang, a lowercase diagnostic' '
	make_corpus && add_catalogs && good &&
	mkdir loop &&
	ln -s .. loop/up &&
	ln -s self.md loop/self.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cut -d" " -f1-2 actual >prefix &&
	printf "good/fr.md:8:11: error:\nloop/self.md: error:\n" >expect-prefix &&
	test_cmp expect-prefix prefix &&
	sed -n "2s/^loop\/self.md: error: \(.*\) \[io\]$/\1/p" actual >message &&
	test -s message &&
	! grep "[A-Z]" message
'

if [ "$(id -u)" = 0 ]
then
	test_skip 'an unreadable file: one diagnostic, others checked' 'root reads every file'
else
	test_expect_success 'an unreadable file: one diagnostic, others checked' '
		make_corpus && add_catalogs && good &&
		mkdir secret &&
		{ fm secret && printf "Body.\n"; } >secret/fr.md &&
		chmod 000 secret/fr.md &&
		run_folio validate >actual 2>err; echo $? >status &&
		chmod 644 secret/fr.md &&
		expect_status 1 &&
		cut -d" " -f1-2 actual >prefix &&
		awk "{ print \$NF }" actual >rules &&
		printf "good/fr.md:8:11: error:\nsecret/fr.md: error:\n" >expect-prefix &&
		printf "[related-missing]\n[io]\n" >expect-rules &&
		test_cmp expect-prefix prefix &&
		test_cmp expect-rules rules
	'
fi

test_expect_success 'a file over 4 MiB: yaml-limits without reading it, others checked' '
	make_corpus && add_catalogs && good &&
	mkdir big &&
	{
		fm big &&
		dd if=/dev/zero bs=1024 count=4200 2>/dev/null | tr "\000" "a"
	} >big/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-EOF &&
	big/fr.md: error: file larger than 4 MiB, not read [yaml-limits]
	$GOOD
	EOF
	test_cmp expect actual
'

test_expect_success 'a line of 2 MB in the body: no crash, positions after it right' '
	make_corpus && add_catalogs &&
	mkdir long &&
	{
		fm long &&
		dd if=/dev/zero bs=1024 count=2048 2>/dev/null | tr "\000" "a" &&
		printf "\n\n[x](article:gone)\n"
	} >long/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	long/fr.md:11:1: error: link to an article that does not exist: '\''article:gone'\'' [link-target]
	EOF
	test_cmp expect actual
'

test_expect_success 'every kind of bad file at once: one line each, the good one checked' '
	make_corpus && add_catalogs && good &&
	mkdir none open broken latin1 nul dir.md pipe dangling bom crlf &&
	printf "Just a body.\n" >none/fr.md &&
	printf -- "---\nid: open\n" >open/fr.md &&
	printf -- "---\nid: broken\ntitle: \"unclosed\n---\n" >broken/fr.md &&
	printf -- "---\nid: latin1\nlang: fr\ntitle: caf\351\n---\n" >latin1/fr.md &&
	{ fm nul && printf "\000\n"; } >nul/fr.md &&
	mkfifo pipe/fr.md &&
	ln -s nowhere.md dangling/fr.md &&
	{ printf "\357\273\277" && fm bom; } >bom/fr.md &&
	fm crlf "$(printf "\r")" >crlf/fr.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cut -d" " -f1-2 actual >prefix &&
	awk "{ print \$NF }" actual >rules &&
	cat >expect-prefix <<-\EOF &&
	bom/fr.md:1:1: warning:
	broken/fr.md:3:8: error:
	dangling/fr.md: error:
	dir.md: error:
	good/fr.md:8:11: error:
	latin1/fr.md:4:11: error:
	none/fr.md:1:1: error:
	nul/fr.md:9:1: error:
	open/fr.md:1:1: error:
	pipe/fr.md: error:
	EOF
	cat >expect-rules <<-\EOF &&
	[encoding]
	[yaml-syntax]
	[io]
	[io]
	[related-missing]
	[encoding]
	[frontmatter]
	[encoding]
	[frontmatter]
	[io]
	EOF
	test_cmp expect-prefix prefix &&
	test_cmp expect-rules rules &&
	echo "folio: 9 errors, 1 warning in 13 files" >expect-err &&
	test_cmp expect-err err
'

test_expect_success 'a hostile alias bomb in a catalog: yaml-limits, no hang' '
	make_corpus && add_catalogs && good &&
	mkdir -p _strings &&
	{
		echo "a: &a [x, x, x, x, x, x, x, x, x, x]" &&
		echo "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]" &&
		echo "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]" &&
		echo "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]" &&
		echo "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]" &&
		echo "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]" &&
		echo "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]"
	} >_strings/fr.yaml &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cut -d" " -f1-2 actual >prefix &&
	awk "{ print \$NF }" actual >rules &&
	printf "_strings/fr.yaml:4:36: error:\ngood/fr.md:8:11: error:\n" >expect-prefix &&
	printf "[yaml-limits]\n[related-missing]\n" >expect-rules &&
	test_cmp expect-prefix prefix &&
	test_cmp expect-rules rules
'

test_expect_success 'a broken string catalog: its position, articles still checked' '
	make_corpus && add_catalogs && good &&
	mkdir -p _strings &&
	printf "further_reading: Pour aller plus loin\nmonths: [janvier, février\n" >_strings/fr.yaml &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-EOF &&
	_strings/fr.yaml:3:1: error: malformed yaml: did not find expected '\'','\'' or '\'']'\'' while parsing a flow sequence [yaml-syntax]
	$GOOD
	EOF
	test_cmp expect actual
'

test_expect_success 'directories starting with _ or . are not articles' '
	make_corpus && add_catalogs && good &&
	mkdir -p _drafts .git/x _templates &&
	printf "no frontmatter\n" >_drafts/fr.md &&
	printf "no frontmatter\n" >.git/x/fr.md &&
	printf "no frontmatter\n" >_templates/page.md &&
	run_folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	echo "$GOOD" >expect &&
	test_cmp expect actual
'

test_done
