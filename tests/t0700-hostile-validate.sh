#!/bin/sh
# t0700-hostile-validate: `folio validate` on a hostile corpus (SPEC 3, 4.1,
# 10; issue 7).  Each case puts one good article beside the bad input and
# checks: folio ends within 20 s, exits as SPEC 4.1 says, names the bad
# file with its position, still reports the good file, prints well-formed
# lines (text, github) and JSON, and leaves every source byte as it was.
# t0110 covers the everyday bad files; this file covers the hostile ones.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile-lib.sh"

# ---- helpers of this file (fm and the generators: hostile-lib.sh) ----

# The good article, with one known error so that it shows in the report.
good() {
	mkdir -p good &&
	printf -- '---\nid: good\nlang: fr\ntitle: T\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\nrelated: [gone]\n---\nBody.\n' >good/fr.md
}
GOOD="good/fr.md:8:11: error: 'related' names an article that does not exist: 'gone' [related-missing]"

have_python() { command -v python3 >/dev/null 2>&1; }

# hostile CMD...: run `folio CMD...` in text, json and github formats with
# the checksums taken around each; leaves actual, err, status, actual.json,
# actual.github in the directory above the corpus.  The corpus is the
# current directory.
hostile() {
	sums >../sums.before &&
	{ run "$@" >../actual 2>../err; echo $? >../status; } &&
	{ run "$@" --format json >../actual.json 2>../err.json; echo $? >../status.json; } &&
	{ run "$@" --format github >../actual.github 2>../err.github; echo $? >../status.github; } &&
	sums >../sums.after &&
	test_cmp ../sums.before ../sums.after &&
	well_formed
}

# Every text line is FILE[:LINE:COL]: SEVERITY: MESSAGE [RULE]; every
# github line is ::SEVERITY ...::MESSAGE; the JSON parses; the three agree
# on the status.
well_formed() {
	if grep -v -E '^([^ ].*: )?(error|warning): .* \[[a-z0-9-]+\]$' ../actual >../badlines; then
		echo "malformed text lines:" && cat ../badlines && return 1
	fi
	if grep -v -E '^::(error|warning) ' ../actual.github >../badlines; then
		echo "malformed github lines:" && cat ../badlines && return 1
	fi
	python3 -m json.tool ../actual.json >/dev/null &&
	test_cmp ../status ../status.json &&
	test_cmp ../status ../status.github &&
	test "$(wc -l <../actual)" = "$(wc -l <../actual.github)"
}

expect_status() {
	echo "$1" >../expect-status &&
	test_cmp ../expect-status ../status
}

# has RULE PLACE - a line of the text report starts with PLACE (FILE,
# FILE:LINE or FILE:LINE:COL) followed by ':' and ends with [RULE].
has() {
	awk -v p="$2" -v r="[$1]" '
		index($0, p) == 1 && substr($0, length(p) + 1, 1) == ":" &&
		substr($0, length($0) - length(r) + 1) == r { found = 1 }
		END { exit !found }' ../actual ||
	{ echo "no [$1] at $2 in:"; head -c 4000 ../actual; return 1; }
}

has_good() {
	grep -q -F -x -- "$GOOD" ../actual ||
	{ echo "the good article was not reported:"; head -c 4000 ../actual; return 1; }
}

# Make the corpus in ./c and enter it.
corpus() {
	mkdir c && cd c && make_corpus && good
}

if ! have_python; then
	test_skip 'hostile validate cases' 'python3 missing'
	test_done
	exit
fi

# ---- bytes that are not an article ----

test_expect_success 'random bytes: one diagnostic at a position, others checked' '
	corpus && mkdir -p r1 r2 r3 &&
	noise 65536 1 >r1/fr.md &&
	{ printf -- "---\n" && noise 4096 2 && printf -- "\n---\n"; } >r2/fr.md &&
	{ fm r3 && noise 65536 3; } >r3/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has encoding r1/fr.md:1 && has encoding r2/fr.md && has encoding r3/fr.md:9
'

test_expect_success 'random bytes without NULs or invalid UTF-8: frontmatter or yaml error' '
	corpus && mkdir r4 &&
	{ printf -- "---\n" && noise 20000 4 | tr -d "\000\200-\377" && printf -- "\n---\nbody\n"; } >r4/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	grep -q "^r4/fr.md:[0-9]*:[0-9]*: error: " ../actual
'

test_expect_success 'empty files, a lone fence, an empty frontmatter' '
	corpus && mkdir e1 e2 e3 e4 &&
	: >e1/fr.md &&
	printf -- "---\n" >e2/fr.md &&
	printf -- "---\n---\n" >e3/fr.md &&
	printf -- "---\n...\n" >e4/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has frontmatter e1/fr.md:1:1 && has frontmatter e2/fr.md:1:1 &&
	has frontmatter e3/fr.md:2:1 && has frontmatter e4/fr.md:2:1
'

test_expect_success 'frontmatter that is a scalar, a list, a number, an alias' '
	corpus && mkdir s1 s2 s3 s4 &&
	printf -- "---\njust a string\n---\nbody\n" >s1/fr.md &&
	printf -- "---\n- id: x\n- lang: fr\n---\nbody\n" >s2/fr.md &&
	printf -- "---\n42\n---\nbody\n" >s3/fr.md &&
	printf -- "---\n&a [*a]\n---\nbody\n" >s4/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has frontmatter s1/fr.md:2:1 && has frontmatter s2/fr.md:2:1 &&
	has frontmatter s3/fr.md:2:1 && grep -q "^s4/fr.md:2:[0-9]*: error: " ../actual
'

test_expect_success 'tabs: in indentation, after a colon, inside values' '
	corpus && mkdir t1 t2 t3 &&
	printf -- "---\nid: t1\n\tlang: fr\n---\n" >t1/fr.md &&
	printf -- "---\nid:\tt2\nlang:\tfr\ntitle:\tT\nupdated:\t2024-01\nreviewers:\n  - name:\tX\n---\n" >t2/fr.md &&
	printf -- "---\nid: t3\nlang: fr\ntitle: \"a\tb\"\nupdated: 2024-01\nreviewers: [{name: X}]\n---\n\tcode\n" >t3/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has yaml-syntax t1/fr.md:3
'

test_expect_success 'keys of thousands of characters: libyaml limit, message bounded' '
	corpus && mkdir k1 k2 k3 &&
	{ printf -- "---\nid: k1\n" && gen "\"k\" * 5000" && printf ": v\n---\n"; } >k1/fr.md &&
	{ printf -- "---\nid: k2\n? " && gen "\"k\" * 20000" && printf "\n: v\n---\n"; } >k2/fr.md &&
	{ printf -- "---\nid: k3\ntitle: \"" && gen "\"t\" * 1000000" && printf "\"\n---\n"; } >k3/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has yaml-syntax k1/fr.md:3 && has schema k2/fr.md:3:3 &&
	test $(wc -c <../actual) -lt 20000
'

# ---- YAML bombs and depth ----

test_expect_success 'billion laughs in the frontmatter: yaml-limits, fast' '
	corpus && mkdir b1 &&
	{ printf -- "---\nid: b1\n" && laughs && printf -- "---\n"; } >b1/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has yaml-limits b1/fr.md
'

test_expect_success 'aliases in keys and many anchors: bounded' '
	corpus && mkdir b2 &&
	{ printf -- "---\nid: b2\n" && gen "\"\".join(\"k%d: &a%d v\\n\" % (i, i) for i in range(2000))" &&
	  gen "\"\".join(\"r%d: *a%d\\n\" % (i, i) for i in range(2000))" && printf -- "---\n"; } >b2/fr.md &&
	hostile validate && expect_status 1 && has_good && has schema b2/fr.md
'

test_expect_success 'nesting 10,000 deep (flow, block, mapping): yaml-limits at level 65' '
	corpus && mkdir n1 n2 n3 &&
	{ printf -- "---\n" && gen "\"[\" * 10000 + \"]\" * 10000" && printf "\n---\n"; } >n1/fr.md &&
	{ printf -- "---\n" && gen "\"- \" * 10000 + \"x\\n\"" && printf -- "---\n"; } >n2/fr.md &&
	{ printf -- "---\n" && gen "\"{a: \" * 10000 + \"1\" + \"}\" * 10000" && printf "\n---\n"; } >n3/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has yaml-limits n1/fr.md:2:65 && has yaml-limits n2/fr.md:2 &&
	has yaml-limits n3/fr.md:2
'

test_expect_success 'a deep block mapping over 10,000 lines: yaml-limits' '
	corpus && mkdir n4 &&
	{ printf -- "---\n" && gen "\"\".join(\" \" * i + \"k:\\n\" for i in range(2000))" && printf -- "---\n"; } >n4/fr.md &&
	hostile validate && expect_status 1 && has_good && has yaml-limits n4/fr.md:66
'

# ---- encodings ----

test_expect_success 'invalid and overlong UTF-8: encoding error at line:col' '
	corpus && mkdir u1 u2 u3 u4 u5 u6 u7 &&
	{ fm u1 && printf "ok\nab\300\257\n"; } >u1/fr.md &&
	{ fm u2 && printf "ok\nabc\340\200\257\n"; } >u2/fr.md &&
	{ fm u3 && printf "\355\240\200\n"; } >u3/fr.md &&
	{ fm u4 && printf "x\370\210\200\200\200\n"; } >u4/fr.md &&
	{ fm u5 && printf "\364\220\200\200\n"; } >u5/fr.md &&
	{ fm u6 && printf "\200 lone continuation\n"; } >u6/fr.md &&
	{ fm u7 && printf "truncated \342\202"; } >u7/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has encoding u1/fr.md:10:3 && has encoding u2/fr.md:10:4 &&
	has encoding u3/fr.md:9:1 && has encoding u4/fr.md:9:2 &&
	has encoding u5/fr.md:9:1 && has encoding u6/fr.md:9:1 &&
	has encoding u7/fr.md:9:11
'

test_expect_success 'invalid UTF-8 and NULs inside the frontmatter' '
	corpus && mkdir u8 u9 &&
	printf -- "---\nid: u8\ntitle: caf\351\n---\n" >u8/fr.md &&
	printf -- "---\nid: u9\ntitle: a\000b\n---\n" >u9/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has encoding u8/fr.md:3:11 && has encoding u9/fr.md:3:9
'

test_expect_success 'UTF-16 with a BOM: an encoding error, not garbage' '
	corpus && mkdir u10 &&
	printf "\377\376-\000-\000-\000\n\000" >u10/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	grep -q "^u10/fr.md:1:[0-9]*: error: .*\[encoding\]$" ../actual
'

test_expect_success 'CR-only line endings: one frontmatter error at 1:1' '
	corpus && mkdir cr &&
	printf -- "---\rid: cr\rlang: fr\rtitle: T\rupdated: 2024-01\r---\rBody.\r" >cr/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has frontmatter cr/fr.md:1:1
'

test_expect_success 'mixed CR, LF and CRLF in one body: positions stay on LF lines' '
	corpus && mkdir mix &&
	{ fm mix && printf "a\r\nb\rc\n# h1\r\n"; } >mix/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has heading-level mix/fr.md:11:1
'

# ---- size ----

test_expect_success 'a 20 MB file: yaml-limits without reading it, fast' '
	corpus && mkdir big &&
	{ fm big && gen "(\"word \" * 15 + \"\\n\") * 280000"; } >big/fr.md &&
	test $(wc -c <big/fr.md) -gt 20000000 &&
	hostile validate && expect_status 1 && has_good &&
	has yaml-limits big/fr.md
'

test_expect_success 'a 3 MB single line of links and raw HTML: bounded, positions right' '
	corpus && mkdir line &&
	{ fm line && gen "\"[a](article:gone) <b>x</b> \" * 120000" && printf "\n\n## ok\n\n#### skip\n"; } >line/fr.md &&
	test $(wc -c <line/fr.md) -gt 3000000 &&
	hostile validate && expect_status 1 && has_good &&
	has link-target line/fr.md:9:1 && has raw-html line/fr.md:9:19 &&
	has heading-level line/fr.md:13:1
'

test_expect_success 'a 3 MB single line in the frontmatter: under the limit, bounded' '
	corpus && mkdir fmline &&
	{ printf -- "---\nid: fmline\nlang: fr\ntitle: T\nupdated: 2024-01\nreviewers: [{name: X}]\nsummary: " &&
	  gen "\"mot \" * 750000" && printf "\n---\nBody [x](article:gone).\n"; } >fmline/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has link-target fmline/fr.md:9:6
'

# ---- Markdown nesting ----

test_expect_success 'Markdown with 50,000 nested quotes, brackets, lists, emphasis' '
	corpus && mkdir q br li ol em im &&
	{ fm q && gen "\"> \" * 50000 + \"deep\\n\""; } >q/fr.md &&
	{ fm br && gen "\"[\" * 50000 + \"x\" + \"](article:gone)\" * 50000 + \"\\n\""; } >br/fr.md &&
	{ fm li && gen "\"- \" * 50000 + \"x\\n\""; } >li/fr.md &&
	{ fm ol && gen "\"1. \" * 50000 + \"x\\n\""; } >ol/fr.md &&
	{ fm em && gen "\"*\" * 50000 + \"x\" + \"*\" * 50000 + \"\\n\""; } >em/fr.md &&
	{ fm im && gen "\"![\" * 20000 + \"x](i.png)\" * 20000 + \"\\n\""; } >im/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has link-target br/fr.md:9
'

test_expect_success 'list items nested 10,000 levels by indentation: bounded' '
	corpus && mkdir ind &&
	{ fm ind && gen "\"\".join(\" \" * (2 * i) + \"- x\\n\" for i in range(1500))"; } >ind/fr.md &&
	hostile validate && expect_status 1 && has_good
'

test_expect_success 'thousands of headings, links and images with no text' '
	corpus && mkdir many &&
	{ fm many && gen "\"# h\\n\\n[](x) ![](y) [z]()\\n\\n\" * 5000"; } >many/fr.md &&
	hostile validate && expect_status 1 && has_good &&
	has heading-level many/fr.md:9:1 && has image-alt many/fr.md:11:7 &&
	has empty-link many/fr.md:11:1
'

# ---- things that are not regular files ----

test_expect_success 'directories named *.md, FIFOs, devices: one diagnostic each, no hang' '
	corpus && mkdir -p dir.md/x fifo &&
	fm inside >dir.md/x/fr.md &&
	mkfifo fifo/fr.md &&
	ln -s /dev/zero zero.md &&
	ln -s /dev/stdin stdin.md &&
	hostile validate </dev/null && expect_status 1 && has_good &&
	has io fifo/fr.md && has io zero.md && has io stdin.md &&
	grep -q "^dir.md/x/fr.md:" ../actual
'

test_expect_success 'a FIFO as folio.yaml: exit 2, no hang' '
	mkdir c && cd c && mkfifo folio.yaml && good &&
	sums >../sums.before &&
	{ run validate >../actual 2>../err; echo $? >../status; } &&
	expect_status 2 && grep -q "folio.yaml" ../actual ../err
'

test_expect_success 'symbolic link loops and dangling links: no hang, one diagnostic each' '
	corpus && mkdir loop &&
	ln -s self.md self.md &&
	ln -s b.md a.md && ln -s a.md b.md &&
	ln -s ../loop loop/again &&
	ln -s . loop/here &&
	ln -s nowhere/fr.md dangling.md &&
	hostile validate && expect_status 1 && has_good &&
	has io self.md && has io a.md && has io b.md && has io dangling.md
'

test_expect_success 'links pointing out of the corpus: read-only, never written' '
	mkdir outside && fm outside >outside/fr.md && cksum outside/fr.md >out.sum &&
	corpus && mkdir ext &&
	ln -s ../../outside/fr.md ext/fr.md &&
	ln -s ../outside extdir &&
	ln -s /etc/passwd passwd.md &&
	hostile validate && expect_status 1 && has_good &&
	has frontmatter passwd.md:1:1 &&
	cd .. && cksum outside/fr.md >out.sum2 && test_cmp out.sum out.sum2
'

# ---- names ----

test_expect_success 'file names with spaces, newlines, tabs, invalid UTF-8, quotes' '
	corpus &&
	mkdir -- "with space" "$(printf "new\nline")" "$(printf "tab\tbed")" \
		"$(printf "bad\377")" "quo\"te" "back\\\\slash" "-dash" &&
	printf -- "---\nid: x\n---\n" >"with space/fr.md" &&
	printf -- "---\nid: x\n---\n" >"$(printf "new\nline")/fr.md" &&
	printf -- "---\nid: x\n---\n" >"$(printf "tab\tbed")/fr.md" &&
	printf -- "---\nid: x\n---\n" >"$(printf "bad\377")/fr.md" &&
	printf -- "---\nid: x\n---\n" >"quo\"te/fr.md" &&
	printf -- "---\nid: x\n---\n" >"back\\\\slash/fr.md" &&
	printf -- "---\nid: x\n---\n" >"-dash/fr.md" &&
	printf -- "---\nid: x\n---\n" >"$(printf "ctrl\033[31m").md" &&
	hostile validate && expect_status 1 && has_good &&
	test $(grep -c "missing required key .lang." ../actual) = 8 &&
	grep -q "^new\\\\nline/fr.md:2:1: " ../actual &&
	grep -q "^tab\\\\tbed/fr.md:2:1: " ../actual &&
	! grep -q "$(printf "\033")" ../actual ../actual.json ../actual.github &&
	python3 -c "import json, sys
d = json.load(open(\"../actual.json\"))
files = {x[\"file\"] for x in d[\"diagnostics\"]}
assert \"new\\nline/fr.md\" in files, files
assert \"tab\\tbed/fr.md\" in files, files
assert \"bad\\ufffd/fr.md\" in files, files
assert \"quo\\\"te/fr.md\" in files, files
"
'

test_expect_success 'a PATH argument that is a FIFO, a directory, or does not exist' '
	corpus && mkfifo pipe.md &&
	sums >../sums.before &&
	{ run validate pipe.md good >../actual 2>../err; echo $? >../status; } &&
	sums >../sums.after && test_cmp ../sums.before ../sums.after &&
	test "$(cat ../status)" -le 2 &&
	{ run validate nowhere.md >../actual 2>../err; echo $? >../status; } &&
	test "$(cat ../status)" -le 2
'

# ---- the configuration ----

test_expect_success 'hostile folio.yaml: bomb, depth, random bytes, huge: exit 2 each' '
	mkdir c && cd c && good &&
	for kind in bomb deep noise huge dir; do
		rm -rf folio.yaml &&
		case $kind in
		bomb)	{ printf "source_language: fr\nlanguages: [fr]\n" &&
			  printf "x: &a [1,1,1,1,1,1,1,1,1,1]\n" &&
			  for p in a b c d e f; do
				n=$(echo $p | tr a-f b-g)
				printf "%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n" $n $n $p $p $p $p $p $p $p $p $p $p
			  done; } >folio.yaml ;;
		deep)	gen "\"[\" * 10000" >folio.yaml ;;
		noise)	noise 4096 9 >folio.yaml ;;
		huge)	{ printf "source_language: fr\nlanguages: [fr]\n#" && gen "\"x\" * 5000000"; } >folio.yaml ;;
		dir)	mkdir folio.yaml ;;
		esac &&
		{ run validate >../actual 2>../err; echo $? >../status; } &&
		expect_status 2 && test -s ../err || { echo "kind $kind"; cat ../err; return 1; }
	done
'

test_expect_success 'a schema path in folio.yaml that is a FIFO, /dev/zero or out of the tree' '
	mkdir c && cd c && good && mkfifo fifo.yaml &&
	for s in fifo.yaml /dev/zero ../../../../../../etc/passwd nowhere.yaml; do
		printf "source_language: fr\nlanguages: [fr]\nschema: %s\n" "$s" >folio.yaml &&
		{ run validate >../actual 2>../err; echo $? >../status; } &&
		expect_status 2 || { echo "schema $s"; cat ../err; return 1; }
	done
'

test_expect_success 'hostile string catalogs: FIFO, bomb, random: diagnostics, articles checked' '
	corpus && mkdir _strings && mkfifo _strings/fr.yaml &&
	noise 2048 5 >_strings/en.yaml &&
	hostile validate && test "$(cat ../status)" -ge 1 && has_good &&
	grep -q "^_strings/fr.yaml: error: " ../actual &&
	grep -q "^_strings/en.yaml:" ../actual
'

# ---- races and parallelism ----

# Delete, rewrite and replace files of the corpus in a loop.
churn() {
	i=0
	while [ $i -lt 400 ]; do
		rm -f v3/fr.md v5/fr.md; fm v3 >v3/fr.md
		head -c 100 "$FOLIO" >v5/fr.md; rm -rf v7 && mkdir v7 && fm v7 >v7/fr.md
		mv v8 v8.tmp && mv v8.tmp v8
		i=$((i + 1))
	done
}

test_expect_success 'files deleted and rewritten while folio runs: never a crash' '
	corpus &&
	for i in 1 2 3 4 5 6 7 8 9; do mkdir v$i && fm v$i >v$i/fr.md; done &&
	{ churn & churn=$!; } &&
	for r in 1 2 3 4 5 6 7 8 9 10; do
		run validate -j 3 >../actual 2>../err; rc=$?
		test $rc -le 1 || { echo "run $r: status $rc"; cat ../err; kill $churn; return 1; }
	done &&
	wait $churn
'

test_expect_success 'the same hostile corpus gives the same report with -j 1 and -j 8' '
	corpus && mkdir r1 q b1 &&
	noise 4096 1 >r1/fr.md &&
	{ fm q && gen "\"> \" * 5000 + \"x\\n\""; } >q/fr.md &&
	{ printf -- "---\n" && gen "\"[\" * 100"; } >b1/fr.md &&
	mkfifo fifo.md &&
	run validate -j 1 >../j1 2>../e1; echo $? >../s1 &&
	run validate -j 8 >../j8 2>../e8; echo $? >../s8 &&
	test_cmp ../j1 ../j8 && test_cmp ../e1 ../e8 && test_cmp ../s1 ../s8
'

# ---- folio schema ----

test_expect_success 'folio schema with hostile schemas and instances: bounded, exit 1 or 2' '
	mkdir c && cd c &&
	printf "{\"\$ref\": \"#\"}\n" >loop.json &&
	printf "{\"\$defs\": {\"a\": {\"\$ref\": \"#/\$defs/b\"}, \"b\": {\"\$ref\": \"#/\$defs/a\"}}, \"\$ref\": \"#/\$defs/a\"}\n" >loop2.json &&
	printf "{\"pattern\": \"^(a+)+\$\"}\n" >redos.json &&
	printf "{\"\$ref\": \"fifo.json\"}\n" >reffifo.json &&
	printf "{\"\$ref\": \"self.json\"}\n" >self.json &&
	printf "{\"items\": {\"\$ref\": \"#\"}}\n" >rec.json &&
	printf "{\"\$defs\": {\"a\": {\"\$id\": \"\"}}}\n" >idself.json &&
	printf "{\"allOf\": [{\"\$id\": \"idself2.json\"}]}\n" >idself2.json &&
	mkfifo fifo.json &&
	gen "\"a\" * 100000 + \"!\"" >long.txt &&
	printf "\"%s\"\n" "$(cat long.txt)" >redos.yaml &&
	gen "\"[\" * 60 + \"]\" * 60" >deep.json &&
	echo 1 >one.json &&
	sums >../sums.before &&
	for pair in "loop.json one.json" "loop2.json one.json" "redos.json redos.yaml" \
		    "reffifo.json one.json" "self.json one.json" "rec.json deep.json" \
		    "fifo.json one.json" "one.json fifo.json" "rec.json /dev/zero" \
		    "idself.json one.json" "idself2.json one.json"; do
		set -- $pair &&
		{ run schema "$1" "$2" >../actual 2>../err; echo $? >../status; } &&
		test "$(cat ../status)" -ge 0 && test "$(cat ../status)" -le 2 ||
		{ echo "schema $pair: status $(cat ../status)"; cat ../actual ../err; return 1; }
	done &&
	sums >../sums.after && test_cmp ../sums.before ../sums.after
'

test_expect_success 'every run stayed under the memory bound' '
	if test -s "$TRASH/rss-over"; then cat "$TRASH/rss-over"; false; fi
'

test_done
