#!/bin/sh
# t0710-hostile-l10n-stamp: `folio l10n` and `folio stamp` on a hostile
# corpus (SPEC 4.1, 7, 10; issue 7).  Beside the hostile files stands one
# good original with a current translation (good/fr.md, good/en.md), which
# must still be reported.  Every case: ends within 20 s, exits as SPEC 4.1
# says, well-formed text, github, JSON and HTML, sources untouched (stamp:
# only the one value, and nothing when it refuses).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile-lib.sh"

# ---- helpers of this file (fm and the generators: hostile-lib.sh) ----

# A translation: tr ID LANG BASED_ON
tr_fm() {
	printf -- '---\nid: %s\nlang: %s\ntitle: T\nupdated: 2024-01\ntranslated_from:\n  lang: fr\n  updated: %s\n---\n' "$1" "$2" "$3"
}

good() {
	mkdir -p good &&
	{ fm good && printf "## Une partie\n\nUn paragraphe.\n"; } >good/fr.md &&
	{ tr_fm good en 2024-01 && printf "## A part\n\nA paragraph.\n"; } >good/en.md
}

expect_status() {
	echo "$1" >../expect-status &&
	test_cmp ../expect-status ../status
}

corpus() {
	mkdir c && cd c && make_corpus "fr en de nl" && good
}

# l10n_all [ARGS]: l10n in text, json, github and html with the sources
# checksummed around; the status of the text run in ../status, the others
# must be the same.
l10n_all() {
	sums >../sums.before &&
	{ run l10n "$@" >../actual 2>../err; echo $? >../status; } &&
	{ run l10n "$@" --format json >../actual.json 2>../err.json; echo $? >../status.json; } &&
	{ run l10n "$@" --format github >../actual.github 2>../err.github; echo $? >../status.github; } &&
	{ run l10n "$@" --format html >../actual.html 2>../err.html; echo $? >../status.html; } &&
	sums >../sums.after &&
	test_cmp ../sums.before ../sums.after &&
	test_cmp ../status ../status.json &&
	test_cmp ../status ../status.github &&
	test_cmp ../status ../status.html &&
	python3 -m json.tool ../actual.json >/dev/null &&
	html_ok ../actual.html &&
	if grep -v -E '^::(error|warning|notice) ' ../actual.github >../badlines; then
		echo "malformed github lines:" && cat ../badlines && return 1
	fi &&
	! grep -q "$(printf '\033')" ../actual ../actual.github ../actual.json ../actual.html ../err
}

# A self-contained page: doctype first, </html> last, no script, and no
# tag that the corpus could have smuggled in.
html_ok() {
	head -n 1 "$1" >../first && echo "<!DOCTYPE html>" >../expect-first &&
	test_cmp ../expect-first ../first &&
	tail -n 1 "$1" >../last && echo "</html>" >../expect-last &&
	test_cmp ../expect-last ../last &&
	! grep -i -q "<script\|<iframe\|<img\|javascript:" "$1" &&
	python3 -c 'import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
    def handle_starttag(self, t, a):
        if t not in ("meta", "br", "link", "rect", "path", "circle", "line", "img", "hr", "input", "col", "wbr"):
            self.stack.append(t)
    def handle_endtag(self, t):
        if t in ("rect", "path", "circle", "line"):
            return
        assert self.stack and self.stack[-1] == t, "</%s> closes <%s>" % (t, self.stack[-1] if self.stack else None)
        self.stack.pop()
p = P()
p.feed(open(sys.argv[1], encoding="utf-8", errors="strict").read())
p.close()
assert not p.stack, "unclosed: %s" % p.stack' "$1"
}

# The good translation is reported as current in the text and JSON.
has_good() {
	grep -q "current *good/en.md" ../actual &&
	python3 -c 'import json
d = json.load(open("../actual.json"))
a = [x for x in d["articles"] if x["id"] == "good"][0]
assert a["translations"]["en"]["state"] == "current", a' ||
	{ echo "good/en.md not reported current:"; head -c 3000 ../actual; return 1; }
}

if ! command -v python3 >/dev/null 2>&1; then
	test_skip 'hostile l10n and stamp cases' 'python3 missing'
	test_done
	exit
fi
if run l10n --help 2>&1 | grep -q "not built yet"; then
	test_skip 'hostile l10n cases' 'l10n not built yet'
	L10N=no
fi

# ---- l10n ----

[ "${L10N:-yes}" = yes ] && {

test_expect_success 'l10n: hostile translations beside a good pair: reported, exit 0' '
	corpus && mkdir -p r b d u f q &&
	{ fm r && printf "Texte.\n"; } >r/fr.md && noise 65536 1 >r/en.md &&
	{ fm b && printf "Texte.\n"; } >b/fr.md &&
	{ printf -- "---\nid: b\nlang: en\n" && laughs && printf -- "---\n"; } >b/en.md &&
	{ fm d && printf "Texte.\n"; } >d/fr.md &&
	{ printf -- "---\n" && gen "\"[\" * 10000" && printf -- "\n---\n"; } >d/en.md &&
	{ fm u && printf "Texte.\n"; } >u/fr.md &&
	{ tr_fm u en 2024-01 && printf "caf\351\n"; } >u/en.md &&
	{ fm f && printf "Texte.\n"; } >f/fr.md && mkfifo f/en.md &&
	{ fm q && printf "Texte.\n"; } >q/fr.md &&
	printf -- "---\rid: q\rlang: en\r---\r" >q/en.md &&
	l10n_all && expect_status 0 && has_good
'

test_expect_success 'l10n --check: the same corpus fails with 1, never 2 or more' '
	corpus && mkdir r && { fm r && printf "Texte.\n"; } >r/fr.md && noise 4096 2 >r/en.md &&
	l10n_all --check && expect_status 1 && has_good
'

test_expect_success 'l10n: hostile originals (bomb, random, 20 MB, FIFO): no hang, others reported' '
	corpus && mkdir -p b r big f &&
	{ printf -- "---\nid: b\nlang: fr\n" && laughs && printf -- "---\n"; } >b/fr.md &&
	tr_fm b en 2024-01 >b/en.md &&
	noise 8192 3 >r/fr.md && tr_fm r en 2024-01 >r/en.md &&
	{ fm big && gen "(\"mot \" * 20 + \"\\n\") * 260000"; } >big/fr.md &&
	tr_fm big en 2024-01 >big/en.md &&
	mkfifo f/fr.md && tr_fm f en 2024-01 >f/en.md &&
	l10n_all && expect_status 0 && has_good
'

test_expect_success 'l10n: translated_from of every wrong shape' '
	corpus && mkdir t && { fm t && printf "Texte.\n"; } >t/fr.md &&
	for shape in "scalar" "[fr, 2024-01]" "{lang: [fr], updated: {a: b}}" \
		"{lang: fr, updated: 9999-99-99}" "{lang: fr, updated: 0000-00}" \
		"{lang: fr, updated: 2024-01-32}" "{lang: \"\", updated: \"\"}" \
		"{lang: fr, updated: 99999999999999999999}" "~" "{}"; do
		printf -- "---\nid: t\nlang: en\ntitle: T\nupdated: 2024-01\ntranslated_from: %s\n---\n" "$shape" >t/en.md &&
		l10n_all || { echo "shape: $shape"; return 1; }
		expect_status 0 && has_good || { echo "shape: $shape"; return 1; }
	done
'

test_expect_success 'l10n: structure comparison of 50,000 nested blocks is bounded' '
	corpus && mkdir s &&
	{ fm s && gen "\"> \" * 50000 + \"x\\n\\n\" + \"- \" * 50000 + \"y\\n\\n\" + \"## h\\n\\nP.\\n\\n\" * 20000"; } >s/fr.md &&
	{ tr_fm s en 2024-01 && gen "\"[\" * 50000 + \"x\" + \"](u)\" * 50000 + \"\\n\""; } >s/en.md &&
	{ tr_fm s de 2024-01 && gen "\"## h\\n\\n\" * 30000"; } >s/de.md &&
	l10n_all && expect_status 0 && has_good &&
	grep -q "incomplete" ../actual
'

test_expect_success 'l10n: hostile string catalogs: FIFO, bomb, depth, noise, huge placeholders' '
	corpus && mkdir _strings &&
	printf "further_reading: \"Pour aller plus loin\"\nthanks: \"Merci à {name}\"\n" >_strings/fr.yaml &&
	mkfifo _strings/en.yaml &&
	laughs >_strings/de.yaml &&
	{ gen "\"\".join(\" \" * i + \"k%d:\\n\" % i for i in range(100))" && printf "%100s x: y\n" ""; } >_strings/nl.yaml &&
	l10n_all && expect_status 0 && has_good &&
	rm _strings/en.yaml && noise 3000 4 >_strings/en.yaml &&
	l10n_all && expect_status 0 && has_good &&
	{ printf "further_reading: \"" && gen "\"{\" * 100000 + \"x\" + \"}\" * 100000" && printf "\"\nthanks: \"{name\"\n"; } >_strings/en.yaml &&
	l10n_all && expect_status 0 && has_good
'

test_expect_success 'l10n: catalog keys with newlines, escapes and markup stay well-formed' '
	corpus && mkdir _strings &&
	printf "\"a\\\\nb\": x\n\"<script>\": y\n\"\\\\e[31m\": z\n\"\\\\u00ff\\\\x01\": w\n" >_strings/fr.yaml &&
	printf "other: x\n" >_strings/en.yaml &&
	l10n_all && expect_status 0 && has_good
'

test_expect_success 'l10n: file names with newlines, markup, escapes and invalid UTF-8' '
	corpus &&
	for d in "$(printf "new\nline")" "<script>x<" "$(printf "esc\033[31m")" "$(printf "bad\377")" "a&b\"c"; do
		mkdir -- "$d" && fm "n$(echo "$d" | cksum | cut -c1-5)" >"$d/fr.md" &&
		tr_fm "n$(echo "$d" | cksum | cut -c1-5)" en 2023-01 >"$d/en.md" || return 1
	done &&
	l10n_all && expect_status 0 && has_good &&
	grep -q "new\\\\nline/en.md" ../actual &&
	grep -F -q "&lt;script&gt;x&lt;/en.md" ../actual.html
'

test_expect_success 'l10n: symlink loops, dangling links, directories named *.md' '
	corpus && ln -s self.md self.md && ln -s nowhere.md dangling.md &&
	mkdir -p dir.md/x && ln -s ../good loopdir &&
	l10n_all && expect_status 0 && has_good
'

test_expect_success 'l10n: hostile --lang values and PATHs are usage errors or empty reports' '
	corpus &&
	for l in "$(printf "x\ny")" "" "../../etc" "$(printf "\033[31m")" "$(gen "\"z\" * 100000")"; do
		{ run l10n --lang "$l" >../actual 2>../err; echo $? >../status; } &&
		test "$(cat ../status)" = 0 -o "$(cat ../status)" = 2 &&
		! grep -q "$(printf "\033")" ../actual ../err ||
		{ echo "--lang: status $(cat ../status)"; head -c 500 ../err; return 1; }
	done &&
	{ run l10n "$(printf "no\nsuch")" >../actual 2>../err; echo $? >../status; } &&
	test "$(cat ../status)" -le 2
'

}

# ---- writing the report: -o ----

# Whatever a failed case left mounted goes before the scratch directory.
trap 'awk -v t="$TRASH" "index(\$2, t) == 1 { print \$2 }" /proc/mounts 2>/dev/null |
	sort -r | while read -r m; do umount "$m"; done 2>/dev/null; rm -rf "$TRASH"' EXIT

# Mount a small tmpfs on DIR (root only); ro: read-only.  Fails when it
# cannot, so that callers skip.
small_fs() {
	[ "$(id -u)" = 0 ] && mkdir -p "$1" &&
	mount -t tmpfs -o "size=${3:-16k}${2:+,$2}" tmpfs "$1" 2>/dev/null
}

can_mount() {
	mkdir -p "$TRASH/probe" &&
	small_fs "$TRASH/probe" && umount "$TRASH/probe"
}

if [ "${L10N:-yes}" = yes ] && can_mount; then

test_expect_success 'l10n -o into a full file system: exit 3, no partial file' '
	corpus && small_fs ../full "" 16k &&
	{ dd if=/dev/zero of=../full/fill bs=1k count=64 2>/dev/null; true; } &&
	sums >../sums.before &&
	{ run l10n --format html -o ../full/status.html >../actual 2>../err; echo $? >../status; } &&
	ls -A ../full >../left; umount ../full &&
	expect_status 3 && grep -q "status.html" ../err &&
	echo fill >../expect-left && test_cmp ../expect-left ../left &&
	sums >../sums.after && test_cmp ../sums.before ../sums.after
'

test_expect_success 'l10n -o into a read-only file system: exit 3, nothing written' '
	corpus && small_fs ../ro ro 16k &&
	{ run l10n --format json -o ../ro/status.json >../actual 2>../err; echo $? >../status; } &&
	ls -A ../ro >../left; umount ../ro &&
	expect_status 3 && test_cmp /dev/null ../left
'

else
	test_skip 'l10n -o on a full or read-only file system' 'cannot mount a tmpfs (needs root)'
fi

[ "${L10N:-yes}" = yes ] &&
test_expect_success 'l10n -o onto a directory or a missing directory: an error, nothing written' '
	corpus && mkdir ../adir &&
	{ run l10n -o ../adir >../actual 2>../err; echo $? >../status; } &&
	test "$(cat ../status)" -ge 2 && test_cmp /dev/null ../actual &&
	{ run l10n -o ../nowhere/x/status.txt >../actual 2>../err; echo $? >../status; } &&
	test "$(cat ../status)" -ge 2 && ! test -e ../nowhere
'

# ---- stamp ----

if run stamp --help 2>&1 | grep -q "not built yet"; then
	test_skip 'hostile stamp cases' 'stamp not built yet'
	STAMP=no
fi

# stamp_refused FILE...: stamp refuses each, with a diagnostic naming
# it, exit 1 (2 when the argument is not a file at all: a usage error),
# and no file changes.
stamp_refused() {
	sums >../sums.before &&
	{ run stamp "$@" >../actual 2>../err; echo $? >../status; } &&
	sums >../sums.after &&
	{ test "$(cat ../status)" = 1 || test "$(cat ../status)" = 2 ||
	  { echo "status $(cat ../status)"; return 1; }; } &&
	test_cmp ../sums.before ../sums.after &&
	for f in "$@"; do
		grep -q -F -- "$f" ../err ../actual ||
		{ echo "no diagnostic for $f:"; cat ../actual ../err; return 1; }
	done
}

[ "${STAMP:-yes}" = yes ] && {

test_expect_success 'stamp refuses what is not a file: FIFO, directory, loops, devices' '
	corpus && mkdir s &&
	mkfifo s/en.md && mkdir s/de.md && ln -s nl.md s/nl.md && ln -s /dev/zero s/zero.md &&
	ln -s nowhere.md s/dangling.md &&
	stamp_refused s/en.md && stamp_refused s/de.md && stamp_refused s/nl.md &&
	stamp_refused s/zero.md && stamp_refused s/dangling.md
'

test_expect_success 'stamp refuses hostile files and leaves them as they were' '
	corpus && mkdir -p good2 &&
	noise 4096 5 >good/de.md &&
	{ printf -- "---\nid: good\nlang: nl\n" && laughs && printf "translated_from: {lang: fr, updated: 2023-01}\n---\n"; } >good/nl.md &&
	{ tr_fm good es 2023-01 && gen "\"x\" * 5000000"; } >good/es.md &&
	printf -- "---\rid: good\rlang: tr\rtranslated_from:\r  lang: fr\r  updated: 2023-01\r---\r" >good/tr.md &&
	{ printf -- "---\nid: good\nlang: pt\ntitle: a\000b\ntranslated_from:\n  lang: fr\n  updated: 2023-01\n---\n"; } >good/pt.md &&
	{ printf -- "---\nid: good\nlang: it\ntitle: caf\351\ntranslated_from:\n  lang: fr\n  updated: 2023-01\n---\n"; } >good/it.md &&
	for f in de nl es tr pt it; do stamp_refused good/$f.md || { echo "file $f"; return 1; }; done
'

test_expect_success 'stamp: values of every awkward shape are refused or changed alone' '
	corpus && mkdir t && { fm t && printf "Texte.\n"; } >t/fr.md &&
	for shape in "*d" "[2023-01]" "{a: b}" "!!str 2023-01" "|\n    2023-01" \
		"2023-01 # comment" "\"2023-01\"" "2023-01-01T00:00:00" "" "~"; do
		printf -- "---\nid: t\nlang: en\ntitle: T\nupdated: 2024-01\nd: &d 2023-01\ntranslated_from:\n  lang: fr\n  updated: $shape\n---\nBody.\n" >t/en.md &&
		cp t/en.md ../before &&
		{ run stamp t/en.md >../actual 2>../err; echo $? >../status; } &&
		case $(cat ../status) in
		0)	cmp -s ../before t/en.md && continue
			diff ../before t/en.md | grep -v "^> *base: \"[0-9a-f]*\"$" >../diff
			test "$(grep -c "^[<>]" ../diff)" = 2 &&
			grep -q "^> *updated: .*2024-01" ../diff ||
			{ echo "shape $shape: more than the value changed"; cat ../diff; return 1; } ;;
		1)	cmp ../before t/en.md || { echo "shape $shape: refused but changed"; return 1; } ;;
		*)	echo "shape $shape: status $(cat ../status)"; cat ../err; return 1 ;;
		esac
	done
'

test_expect_success 'stamp: one bad file among good ones: the good ones are stamped, exit 1' '
	corpus && mkdir s && mkfifo s/en.md &&
	tr_fm good de 2023-01 >good/de.md &&
	{ run stamp s/en.md good/de.md >../actual 2>../err; echo $? >../status; } &&
	expect_status 1 && grep -q "updated: 2024-01" good/de.md
'

test_expect_success 'stamp: file names with newlines and escapes stay on one line' '
	corpus && mkdir -- "$(printf "new\nline")" "$(printf "esc\033[31m")" &&
	tr_fm good de 2023-01 >"$(printf "new\nline")/de.md" &&
	tr_fm good nl 2023-01 >"$(printf "esc\033[31m")/nl.md" &&
	{ run stamp "$(printf "new\nline")/de.md" "$(printf "esc\033[31m")/nl.md" >../actual 2>../err; echo $? >../status; } &&
	test "$(cat ../status)" -le 1 &&
	! grep -q "$(printf "\033")" ../actual ../err &&
	test "$(grep -c "" ../actual)" -le 5
'

}

if [ "${STAMP:-yes}" = yes ] && can_mount; then

test_expect_success 'stamp on a full file system: exit 3, file untouched, no temporary left' '
	mkdir c && small_fs c "" 16k && cd c && make_corpus "fr en de nl" && good &&
	tr_fm good de 2023-01 >good/de.md &&
	{ dd if=/dev/zero of=fill bs=1k count=64 2>/dev/null; true; } &&
	cksum good/de.md >../before && ls -A good >../ls-before &&
	{ run stamp good/de.md >../actual 2>../err; echo $? >../status; } &&
	cksum good/de.md >../after && ls -A good >../ls-after &&
	cd .. && umount c &&
	test "$(cat status)" = 3 && test_cmp before after && test_cmp ls-before ls-after
'

test_expect_success 'stamp on a read-only file system: exit 3, file untouched' '
	mkdir c && small_fs c "" 64k && cd c && make_corpus "fr en de nl" && good &&
	tr_fm good de 2023-01 >good/de.md &&
	mount -o remount,ro "$PWD" &&
	cksum good/de.md >../before &&
	{ run stamp good/de.md >../actual 2>../err; echo $? >../status; } &&
	cksum good/de.md >../after && cd .. && umount c &&
	test "$(cat status)" = 3 && test_cmp before after
'

else
	test_skip 'stamp on a full or read-only file system' 'cannot mount a tmpfs (needs root)'
fi

test_expect_success 'every run stayed under the memory bound' '
	if test -s "$TRASH/rss-over"; then cat "$TRASH/rss-over"; false; fi
'

test_done
