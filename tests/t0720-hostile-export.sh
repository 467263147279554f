#!/bin/sh
# t0720-hostile-export: `folio export` on a hostile corpus (SPEC 4.1, 8, 10;
# issue 7), in every format export knows (html now; xhtml and text when
# they are built).  Beside the hostile files stands one good article,
# good/fr.md, which must still be exported.  Every case: ends within 20 s,
# exits as SPEC 4.1 says (1 when articles are refused, 3 when the output
# cannot be written), names each bad file with its position, writes only
# inside the output directory and never a partial file, leaves the
# sources as they were, and writes pages that are valid UTF-8 with no
# control characters (HTML and XML forbid them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile-lib.sh"

# ---- helpers of this file (fm and the generators: hostile-lib.sh) ----

good() {
	mkdir -p good &&
	{ printf -- '---\nid: good\nlang: fr\ntitle: Le bon article\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n---\n' &&
	  printf "## Une partie\n\nUn paragraphe.\n"; } >good/fr.md
}

corpus() {
	mkdir c && cd c && make_corpus "fr en" && good
}

# The formats export knows, and where each puts the page of good/fr.md.
FORMATS=
for f in html xhtml text; do
	if ! "$FOLIO" export --to $f --help >/dev/null 2>&1 ||
	   "$FOLIO" export --to $f -o /dev/null/x 2>&1 | grep -q -e "must be one of" -e "not built yet"; then
		test_skip "hostile export --to $f" "export --to $f not built yet"
	else
		FORMATS="$FORMATS $f"
	fi
done
good_page() {
	case $1 in
	html) echo "fr/good.html" ;;
	xhtml) echo "fr/EPUB/good.xhtml" ;;
	text) echo "fr/good.txt" ;;
	esac
}

# exports EXPECTED-STATUS [ARGS]: export to ../out-FORMAT in every format,
# in text and json diagnostics; checks the status, the sources, the good
# page, that nothing but the output directories appeared beside the
# corpus, and the pages themselves.
exports() {
	want=$1 && shift &&
	sums >../sums.before &&
	ls -A .. >../ls.before &&
	for f in $FORMATS; do
		{ run export --to $f -o ../out-$f "$@" >../actual-$f 2>../err-$f; echo $? >../status-$f; } &&
		{ run export --to $f -o ../out-$f --format json "$@" >../actual-$f.json 2>../err-$f.json; echo $? >../status-$f.json; } &&
		cat ../actual-$f ../err-$f >../diags-$f &&
		test "$(cat ../status-$f)" = "$want" &&
		test "$(cat ../status-$f.json)" = "$want" &&
		python3 -m json.tool ../actual-$f.json >/dev/null &&
		lines_ok ../actual-$f ../err-$f &&
		test -s ../out-$f/$(good_page $f) &&
		pages_ok ../out-$f $f ||
		{ echo "--to $f: status $(cat ../status-$f) (want $want):"; head -c 3000 ../actual-$f ../err-$f; return 1; }
	done &&
	sums >../sums.after &&
	test_cmp ../sums.before ../sums.after &&
	ls -A .. | grep -v -e "^out-" -e "^actual-" -e "^err-" -e "^status-" -e "^diags-" -e "^sums\." -e "^ls\." -e "^badlines$" >../ls.after &&
	grep -v -e "^out-" -e "^actual-" -e "^err-" -e "^status-" -e "^diags-" -e "^sums\." -e "^ls\." -e "^badlines$" ../ls.before >../ls.before2 &&
	test_cmp ../ls.before2 ../ls.after
}

# Diagnostics: one per line, no terminal escapes.
lines_ok() {
	if grep -v -E '^([^ ].*: )?(error|warning): .* \[[a-z0-9-]+\]$|^folio: ' "$1" >../badlines; then
		echo "malformed lines:" && cat ../badlines && return 1
	fi
	! grep -q "$(printf '\033')" "$1" "$2"
}

# Every file written is valid UTF-8 with no control character but tab,
# newline and carriage return (text: also form feed); no temporary file.
pages_ok() {
	python3 -c 'import os, sys
top, fmt = sys.argv[1], sys.argv[2]
bad = set(range(32)) - {9, 10, 13} | {127}
if fmt == "text":
    bad -= {12}
for d, _, files in os.walk(top):
    for f in files:
        p = os.path.join(d, f)
        b = open(p, "rb").read()
        try:
            t = b.decode("utf-8")
        except UnicodeDecodeError as e:
            sys.exit("%s: not UTF-8: %s" % (p, e))
        c = [x for x in b if x in bad]
        assert not c, "%s: control characters %r" % (p, c[:5])
        assert not f.startswith(".") or f == ".folio" or f.startswith(".folio-manifest-"), "%s: a temporary file" % p
        if fmt != "text":
            assert "\uFFFE" not in t and "\uFFFF" not in t, p
' "$1" "$2"
}

if ! command -v python3 >/dev/null 2>&1 || [ -z "$FORMATS" ]; then
	test_skip 'hostile export cases' 'python3 missing, or no export format built'
	test_done
	exit
fi

# ---- bad bytes beside a good article ----

test_expect_success 'random bytes, bombs, depth, bad UTF-8, CR-only: refused with positions, good exported' '
	corpus && mkdir r b d u cr e s &&
	noise 65536 1 >r/fr.md &&
	{ printf -- "---\nid: b\nlang: fr\n" && laughs && printf -- "---\n"; } >b/fr.md &&
	{ printf -- "---\n" && gen "\"{a: \" * 10000" && printf -- "\n---\n"; } >d/fr.md &&
	{ fm u && printf "caf\351 \300\257\n"; } >u/fr.md &&
	printf -- "---\rid: cr\rlang: fr\r---\rBody.\r" >cr/fr.md &&
	: >e/fr.md &&
	printf -- "---\njust a scalar\n---\n" >s/fr.md &&
	exports 1 &&
	for f in $FORMATS; do
		grep -q "^r/fr.md:1:[0-9]*: error: .*\[encoding\]$" ../diags-$f &&
		grep -q "^b/fr.md:[0-9]*:[0-9]*: error: .*\[yaml-limits\]$" ../diags-$f &&
		grep -q "^d/fr.md:2:[0-9]*: error: .*\[yaml-limits\]$" ../diags-$f &&
		grep -q "^u/fr.md:9:4: error: .*\[encoding\]$" ../diags-$f &&
		grep -q "^cr/fr.md:1:1: error: .*\[frontmatter\]$" ../diags-$f &&
		grep -q "^e/fr.md:1:1: error: .*\[frontmatter\]$" ../diags-$f &&
		grep -q "^s/fr.md:2:1: error: .*\[frontmatter\]$" ../diags-$f || return 1
	done
'

test_expect_success 'a 20 MB file and a 3 MB single line: bounded, the line exported' '
	corpus && mkdir big line &&
	{ fm big && gen "(\"mot \" * 20 + \"\\n\") * 260000"; } >big/fr.md &&
	{ fm line && gen "\"[un lien](article:good) <sup>x</sup> \\\"entre guillemets\\\" : oui ! \" * 60000"; } >line/fr.md &&
	exports 1 &&
	for f in $FORMATS; do
		grep -q "^big/fr.md: error: .*\[yaml-limits\]$" ../diags-$f &&
		test -s ../out-$f/$(good_page $f | sed s/good/line/) || return 1
	done
'

test_expect_success 'Markdown nested 50,000 deep (quotes, brackets, lists, emphasis): exported, bounded' '
	corpus && mkdir q br li em &&
	{ fm q && gen "\"> \" * 50000 + \"profond\\n\""; } >q/fr.md &&
	{ fm br && gen "\"[\" * 50000 + \"x\" + \"](article:good)\" * 50000 + \"\\n\""; } >br/fr.md &&
	{ fm li && gen "\"- \" * 50000 + \"x\\n\""; } >li/fr.md &&
	{ fm em && gen "\"*\" * 50000 + \"x\" + \"*\" * 50000 + \"\\n\""; } >em/fr.md &&
	exports 0
'

test_expect_success 'control characters and noncharacters from YAML escapes never reach a page' '
	corpus && mkdir ctl &&
	printf -- "---\nid: ctl\nlang: fr\ntitle: \"a\\\\x01b\\\\x7fc\\\\u0085d\\\\uFFFEe\\\\x1b[31m\"\nsummary: \"\\\\x0c\\\\x00\"\nupdated: 2024-01\nreviewers:\n  - name: \"Dr \\\\x02\"\n    role: \"\\\\x03\"\n---\nTexte \001 avec \002 des \033[31m contrôles.\n" >ctl/fr.md &&
	exports 0
'

test_expect_success 'directories named *.md, FIFOs, devices, loops, dangling links: one diagnostic each' '
	corpus && mkdir -p dir.md/x f &&
	fm inside >dir.md/x/fr.md &&
	mkfifo f/fr.md && ln -s /dev/zero zero.md && ln -s self.md self.md &&
	ln -s nowhere/fr.md dangling.md && ln -s .. up &&
	exports 1 &&
	for f in $FORMATS; do
		grep -q "^f/fr.md: error: .*\[io\]$" ../diags-$f &&
		grep -q "^zero.md: error: .*\[io\]$" ../diags-$f &&
		grep -q "^self.md: error: .*\[io\]$" ../diags-$f &&
		grep -q "^dangling.md: error: .*\[io\]$" ../diags-$f || return 1
	done
'

test_expect_success 'an article linked in from outside the corpus is exported, never written to' '
	mkdir outside && fm outside >outside/fr.md && cksum outside/fr.md >outside.sum &&
	corpus && mkdir ext && ln -s ../../outside/fr.md ext/fr.md &&
	exports 0 &&
	cd .. && cksum outside/fr.md >outside.sum2 && test_cmp outside.sum outside.sum2
'

test_expect_success 'file names with spaces, newlines, escapes and invalid UTF-8: well-formed report' '
	corpus &&
	for d in "with space" "$(printf "new\nline")" "$(printf "esc\033[31m")" "$(printf "bad\377")" "<b>&amp;"; do
		mkdir -- "$d" && printf -- "---\nid: x\n---\n" >"$d/fr.md" || return 1
	done &&
	exports 1 &&
	for f in $FORMATS; do
		grep -q "^new\\\\nline/fr.md:2:1: " ../diags-$f || return 1
	done
'

test_expect_success 'slugs that could escape are refused even when the schema lets them through' '
	corpus &&
	printf "type: object\nproperties:\n  slug: {type: string}\n" >loose.yaml &&
	printf "schema: loose.yaml\n" >>folio.yaml &&
	n=0 &&
	for slug in "../../evil" "/tmp/evil" "a/b" ".." "." "" "a\\\\u0000b" "x\\\\ny" \
		"$(gen "\"s\" * 5000")" "con" "-rf" ".hidden" "a\\\\\\\\b"; do
		n=$((n + 1)) && mkdir s$n &&
		printf -- "---\nid: s%d\nlang: fr\ntitle: T\nupdated: 2024-01\nreviewers: [{name: X}]\nslug: \"%s\"\n---\nBody.\n" $n "$slug" >s$n/fr.md || return 1
	done &&
	sums >../sums.before &&
	for f in $FORMATS; do
		{ run export --to $f -o ../out-$f >../actual-$f 2>../err-$f; echo $? >../status-$f; } &&
		test "$(cat ../status-$f)" -le 3 &&
		lines_ok ../actual-$f ../err-$f && pages_ok ../out-$f $f || return 1
	done &&
	sums >../sums.after && test_cmp ../sums.before ../sums.after &&
	! test -e ../evil && ! test -e /tmp/evil.html && ! test -e ../../evil.html &&
	! ls -A .. | grep -v -e "^c$" -e "^out-" -e "^actual-" -e "^err-" -e "^status-" -e "^diags-" -e "^sums\." -e "^ls\." -e "^badlines$" -e "^expect"
'

test_expect_success 'hostile _templates: recursion, depth, 2^41 partials, FIFO: an error, no partial page' '
	corpus && mkdir _templates &&
	for i in $(seq 0 40); do
		printf "{{>p%d}}{{>p%d}}" $((i + 1)) $((i + 1)) >_templates/p$i || return 1
	done &&
	printf "{{title}}" >_templates/p41 &&
	for t in "{{>page.html}}{{>page.html}}" "$(gen "\"{{#title}}\" * 100 + \"{{/title}}\" * 100")" \
		"{{#x}}" "{{=<% %>=}}<%title" "{{>p0}}"; do
		printf "%s" "$t" >_templates/page.html &&
		rm -rf ../out-html &&
		{ run export --to html -o ../out-html >../actual 2>../err; echo $? >../status; } &&
		test "$(cat ../status)" -ge 1 && test "$(cat ../status)" -le 3 &&
		! test -e ../out-html/fr/good.html ||
		{ echo "template: $(printf "%s" "$t" | head -c 80): status $(cat ../status)"; cat ../actual ../err; return 1; }
	done &&
	rm _templates/page.html && mkfifo _templates/page.html &&
	{ run export --to html -o ../out-html >../actual 2>../err; echo $? >../status; } &&
	test "$(cat ../status)" -ge 1 && test "$(cat ../status)" -le 3
'

test_expect_success 'hostile options: --width, --encoding, --lang, -o are usage errors (2)' '
	corpus &&
	for opts in "--width 0" "--width -1" "--width 99999999999999999999" "--width x" \
		"--encoding no-such-encoding" "--encoding ../../../etc/passwd" \
		"--lang $(printf "\033[31m")" "-o /dev/null/x"; do
		{ run export --to html $opts >../actual 2>../err; echo $? >../status; } &&
		test "$(cat ../status)" -ge 1 &&
		! grep -q "$(printf "\033")" ../actual ../err ||
		{ echo "$opts: status $(cat ../status)"; cat ../err; return 1; }
	done
'

# ---- the output directory ----

trap 'awk -v t="$TRASH" "index(\$2, t) == 1 { print \$2 }" /proc/mounts 2>/dev/null |
	sort -r | while read -r m; do umount "$m"; done 2>/dev/null; rm -rf "$TRASH"' EXIT

small_fs() {
	[ "$(id -u)" = 0 ] && mkdir -p "$1" &&
	mount -t tmpfs -o "size=${3:-16k}${2:+,$2}" tmpfs "$1" 2>/dev/null
}

if mkdir -p "$TRASH/probe" && small_fs "$TRASH/probe" && umount "$TRASH/probe"; then

test_expect_success 'a full output file system: exit 3, no partial or temporary file' '
	corpus && mkdir more && { fm more && gen "\"Un long texte. \" * 3000"; } >more/fr.md &&
	for f in $FORMATS; do
		small_fs ../full-$f "" 16k &&
		{ dd if=/dev/zero of=../full-$f/fill bs=1k count=12 2>/dev/null; true; } &&
		{ run export --to $f -o ../full-$f/out >../actual 2>../err; echo $? >../status; } &&
		pages_ok ../full-$f/out $f && ls -A ../full-$f/out >../left 2>/dev/null;
		python3 -c "import os, sys
for d, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        p = os.path.join(d, f)
        if os.path.getsize(p) == 0: sys.exit(p + \": an empty (partial) file\")" ../full-$f/out &&
		umount ../full-$f &&
		test "$(cat ../status)" = 3 && grep -q "\[write\]$" ../actual ../err ||
		{ umount ../full-$f 2>/dev/null; echo "--to $f: status $(cat ../status)"; cat ../actual ../err; return 1; }
	done
'

test_expect_success 'a read-only output file system: exit 3, the old pages intact' '
	corpus &&
	for f in $FORMATS; do
		small_fs ../ro-$f "" 256k &&
		run export --to $f -o ../ro-$f/out >/dev/null 2>&1 &&
		(cd ../ro-$f && find . -type f -print0 | sort -z | xargs -0 cksum) >../ro.before &&
		printf "\nUn ajout.\n" >>good/fr.md &&
		mount -o remount,ro ../ro-$f &&
		{ run export --to $f -o ../ro-$f/out >../actual 2>../err; echo $? >../status; } &&
		(cd ../ro-$f && find . -type f -print0 | sort -z | xargs -0 cksum) >../ro.after &&
		umount ../ro-$f &&
		test "$(cat ../status)" = 3 && test_cmp ../ro.before ../ro.after ||
		{ umount ../ro-$f 2>/dev/null; echo "--to $f: status $(cat ../status)"; cat ../actual ../err; return 1; }
	done
'

else
	test_skip 'export to a full or read-only file system' 'cannot mount a tmpfs (needs root)'
fi

test_expect_success 'an output path that is a file, a FIFO or under /dev/null: exit 3, no hang' '
	corpus && : >../afile && mkfifo ../afifo &&
	for o in ../afile ../afifo /dev/null/x ../afile/sub; do
		for f in $FORMATS; do
			{ run export --to $f -o "$o" >../actual 2>../err; echo $? >../status; } &&
			test "$(cat ../status)" = 3 -o "$(cat ../status)" = 2 ||
			{ echo "-o $o --to $f: status $(cat ../status)"; cat ../actual ../err; return 1; }
		done
	done &&
	test_cmp /dev/null ../afile
'

test_expect_success 'two runs into one new output directory at once: both exit 0, the pages whole, nothing hidden left' '
	corpus &&
	for f in $FORMATS; do
		run export --to $f -q -o ../ref-$f &&
		for i in 1 2 3 4; do
			rm -rf ../twice &&
			{ run export --to $f -q -o ../twice >../err1 2>&1 & pid=$! &&
			  { run export --to $f -q -o ../twice >../err2 2>&1; echo $? >../status2; } &&
			  { wait $pid; echo $? >../status1; }; } &&
			test "$(cat ../status1)$(cat ../status2)" = 00 &&
			diff -r ../ref-$f ../twice ||
			{ echo "--to $f, try $i: status $(cat ../status1) $(cat ../status2)"; cat ../err1 ../err2; return 1; }
		done
	done
'

test_expect_success '250 inherited open files and a limit of 1,024: every page exported' '
	make_corpus "fr en" &&
	i=0 &&
	while [ $i -lt 400 ]; do
		mkdir -p a$i b$i && fm a$i >a$i/fr.md && echo "Texte $i." >>a$i/fr.md &&
		fm b$i en >b$i/en.md && echo "Text $i." >>b$i/en.md &&
		i=$((i + 1)) || return 1
	done &&
	python3 -c "import os, resource, sys
keep = [os.open(\"folio.yaml\", os.O_RDONLY) for _ in range(250)]
for fd in keep:
    os.set_inheritable(fd, True)
resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))
os.execv(sys.argv[1], sys.argv[1:])" "$FOLIO" export --to html -q -j 8 -o out 2>err; echo $? >status &&
	cat err && test "$(cat status)" = 0 &&
	test "$(ls out/fr | wc -l)" = 401 && test "$(ls out/en | wc -l)" = 401
'

# neither DIR OLD NEW: the files under DIR that are neither the one of the
# same name under OLD nor the one under NEW.
neither() {
	for d in "$2" "$3" "$1"; do
		(cd "$d" && find . -type f -exec md5sum {} +) || return 1
		echo ==
	done | awk '''$1 == "==" { n++; next }
		n < 2 { known[$2 " " $1] = 1; next }
		!(($2 " " $1) in known) { print $2 }'''
}

test_expect_success 'a run stopped by a signal, sent twice: every file whole, old or new; nothing hidden left; status 143' '
	make_corpus "fr en" &&
	para="Un paragraphe assez long pour que la page prenne le temps de se faire, avec un [lien](article:a1)." &&
	i=0 &&
	while [ $i -lt 1200 ]; do
		mkdir -p a$i && fm a$i >a$i/fr.md &&
		printf "## Partie\n\n%s\n\n%s\n\n%s\n" "$para" "$para" "$para" >>a$i/fr.md &&
		printf -- "---\nid: a%s\nlang: en\ntitle: T\nupdated: 2024-01\ntranslated_from: {lang: fr, updated: 2024-01}\nreviewers:\n  - name: Dr Exemple\n---\n## Part\n\nText %s.\n" $i $i >a$i/en.md &&
		i=$((i + 1)) || return 1
	done &&
	run export --to html -q -o new &&
	cp -R new old &&
	find old -name "*.html" -exec sh -c "echo \"<!-- an older page -->\" >>\"\$1\"" sh {} ";" &&
	stopped=0 &&
	for delay in 0.05 0.1 0.2 0.3; do
		for into in existing fresh; do
			rm -rf out &&
			if test $into = existing; then cp -R old out; fi &&
			{ "$FOLIO" export --to html -q -j 2 -o out 2>err & pid=$!; } &&
			# twice, as timeout(1) does (to the process, then its
			# group), the second once the first is taken
			sleep $delay && kill -TERM $pid 2>/dev/null;
			sleep 0.02; kill -TERM $pid 2>/dev/null;
			wait $pid; status=$? &&
			case $status in
			0) diff -r new out ;;
			143) stopped=$((stopped + 1)) &&
			     if test $into = existing; then
				neither out old new >bad && test_cmp /dev/null bad
			     else
				! find out -type f | grep -q .
			     fi ;;
			*) echo "status $status"; cat err; false ;;
			esac &&
			find out -name ".*" ! -name ".folio-manifest-*" >dots 2>/dev/null;
			test_cmp /dev/null dots ||
			{ echo "after $delay s into a $into directory: status $status"; return 1; }
		done
	done &&
	echo "$stopped of 8 runs stopped" &&
	test $stopped -gt 0
'

test_expect_success 'every run stayed under the memory bound' '
	if test -s "$TRASH/rss-over"; then cat "$TRASH/rss-over"; false; fi
'

test_done
