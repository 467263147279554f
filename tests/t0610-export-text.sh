#!/bin/sh
# t0610-export-text: `folio export --to text` (SPEC 8.1, 8.4): the files,
# whole pages against the goldens of tests/corpora/export-text-print/_expect,
# --width, links numbered to the web pages, and output that depends on
# nothing but the input.  Encodings: t0611.  Wrapping and each structure in
# detail: tests/spec/render_text.txt.
. "$(dirname "$0")/lib.sh"

sample() {
	cp -R "$SRC/articles" articles
}

print_corpus() {
	cp -R "$SRC/tests/corpora/export-text-print" c
}

list() {
	(cd "$1" && find . -type f ! -name ".folio-manifest-*" | LC_ALL=C sort) >actual-list
}

test_expect_success 'the sample corpus: a text file per article, nothing else' '
	sample &&
	(cd articles && folio export --to text >../out 2>../err); echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null out &&
	list articles/out/text &&
	cat >expect-list <<-\EOF &&
	./ar/al-ilaj-al-manai-bikhtisar.txt
	./ar/ilm-al-awram-al-manai.txt
	./ar/kayfa-yastajib-al-saratan-lil-ilaj-al-manai.txt
	./de/behandlungsansaetze-bei-krebs.txt
	./de/immuntherapie-kurz-erklaert.txt
	./de/wie-krebs-auf-immuntherapie-reagiert.txt
	./en/how-cancer-responds-to-immunotherapy.txt
	./en/immune-system-and-cancer.txt
	./en/immuno-oncology.txt
	./en/immunotherapy-in-brief.txt
	./fr/approches-therapeutiques.txt
	./fr/cancer-et-immunotherapie.txt
	./fr/immuno-oncologie.txt
	./fr/immunotherapie-en-bref.txt
	./fr/systeme-immunitaire-cancer.txt
	./nl/hoe-kanker-reageert-op-immunotherapie.txt
	./nl/immunotherapie-in-het-kort.txt
	./tr/bagisiklik-sistemi-ve-kanser.txt
	./tr/kanser-immunoterapiye-nasil-yanit-verir.txt
	./tr/kisaca-immunoterapi.txt
	EOF
	test_cmp expect-list actual-list &&
	printf "%s\n" "folio: 0 errors, 0 warnings in 20 files" \
		"folio: 20 pages exported (20 written, 0 unchanged)" >expect-err &&
	test_cmp expect-err err
'

test_expect_success 'whole pages: French, German, Arabic, Turkish (stale) as in _expect/' '
	print_corpus &&
	(cd c && folio export --to text -q) &&
	diff -r -x ".folio-manifest-*" c/_expect c/out/text
'

test_expect_success 'the page: title underlined with = as wide as it is, summary, body, closing parts in the page language' '
	print_corpus &&
	(cd c && folio export --to text -q) &&
	head -2 c/out/text/ar/al-riaya-al-daima.txt >actual &&
	printf "%s\n" "الرعاية الداعمة: ما الغرض منها؟" "===============================" >expect &&
	test_cmp expect actual &&
	grep -q "^Date de mise à jour du texte.: mai 2024$" c/out/text/fr/soins-de-support.txt &&
	grep -q "^Également disponible en allemand \[3\], arabe \[4\] et turc \[5\]$" c/out/text/fr/soins-de-support.txt &&
	grep -q "^Remerciements$" c/out/text/fr/soins-de-support.txt &&
	grep -q "^Pour aller plus loin$" c/out/text/fr/soins-de-support.txt &&
	grep -q "^- La fatigue liée au cancer \[1\]$" c/out/text/fr/soins-de-support.txt &&
	grep -q "^Übersetzt von Jana Beispiel$" c/out/text/de/supportivtherapie.txt
'

test_expect_success 'a stale translation: the notice first, its link to the original is [1]' '
	print_corpus &&
	(cd c && folio export --to text -q) &&
	sed -n "7,8p" c/out/text/tr/destekleyici-bakim.txt >actual &&
	printf "%s\n" "Bu çeviri, orijinal metnin en son güncellemesini yansıtmıyor olabilir." \
		"Orijinal metni okuyun [1]" >expect &&
	test_cmp expect actual &&
	grep -q "^\[1\] https://soins.example.org/fr/soins-de-support.html$" c/out/text/tr/destekleyici-bakim.txt &&
	grep -q "^Şu dillerde de mevcuttur: Fransızca \[1\], Almanca \[3\] ve Arapça \[4\]$" c/out/text/tr/destekleyici-bakim.txt
'

test_expect_success 'links: numbered in reading order, a URL once, listed under the catalog links heading' '
	print_corpus &&
	(cd c && folio export --to text -q) &&
	sed -n "/^Liens$/,\$p" c/out/text/fr/soins-de-support.txt >actual &&
	cat >expect <<-\EOF &&
	Liens
	-----

	- Guide des soins de support (document de démonstration) [6]

	[1] https://soins.example.org/fr/fatigue.html
	[2] https://soins.example.org/ressources/recommandations
	[3] https://soins.example.org/de/supportivtherapie.html
	[4] https://soins.example.org/ar/al-riaya-al-daima.html
	[5] https://soins.example.org/tr/destekleyici-bakim.html
	[6] https://soins.example.org/ressources/guide?format=pdf&lang=fr
	EOF
	test_cmp expect actual
'

test_expect_success 'without base_url, links to other articles are their text; autolinks and mailto are unnumbered' '
	cp -R "$SRC/tests/corpora/export-links" c &&
	(cd c && folio export --to text -q) &&
	grep -q "^See beta and gamma\.$" c/out/text/en/alpha.txt &&
	! grep -q "\[[0-9]*\]" c/out/text/en/alpha.txt
'

# Lines wider than W columns (combining marks 0, wide characters 2) that
# could have been broken: more than one word once the list marker, a
# link's " [n]" and glued no-break spaces are set aside.  Code, tables and
# the URL list are exempt.
too_wide() {
	python3 -c 'import sys, unicodedata, re
w = int(sys.argv[1])
def cols(s):
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)
bad = 0
for f in sys.argv[2:]:
    for line in open(f, encoding="utf-8").read().split("\n"):
        if cols(line) <= w or line.startswith("    ") or re.match(r"^\[[0-9]+\] ", line) or "  " in line.strip():
            continue
        core = re.sub(r"^(> )*(- |[0-9]+[.)] |  )*", "", line)
        core = re.sub(r" \[[0-9]+\]", "", core)
        if " " in core:
            print("%s: %d columns: %s" % (f, cols(line), line)); bad = 1
sys.exit(bad)' "$@"
}

test_expect_success '--width 40: no line wider than 40 columns but a word that is' '
	print_corpus && sample &&
	(cd c && folio export --to text -q --width 40) &&
	(cd articles && folio export --to text -q --width 40) &&
	too_wide 40 c/out/text/*/*.txt articles/out/text/*/*.txt &&
	(cd articles && folio export --to text -q -o ../w72) &&
	too_wide 72 w72/*/*.txt &&
	! too_wide 40 w72/fr/*.txt >/dev/null &&
	grep -q "^- Schmerzbehandlung und$" c/out/text/de/supportivtherapie.txt &&
	grep -q "^  Schmerztherapieberatungsgespräche;$" c/out/text/de/supportivtherapie.txt
'

test_expect_success 'Arabic with vowel marks wraps by letters: the same lines at --width 30 with and without the marks' '
	mkdir c && cd c && make_corpus "ar fr" &&
	printf "source_language: ar\nlanguages: [ar]\n" >folio.yaml &&
	mkdir a b &&
	body="يَعْمَلُ العِلَاجُ المَنَاعِيُّ عَنْ طَرِيقِ جِهَازِ المَنَاعَةِ بَدَلًا مِنْ مُهَاجَمَةِ الوَرَمِ مُبَاشَرَةً." &&
	bare=$(printf "%s" "$body" | python3 -c "import sys, unicodedata; t = sys.stdin.read(); sys.stdout.write(\"\".join(c for c in t if unicodedata.category(c) != \"Mn\"))") &&
	printf -- "---\nid: a\nlang: ar\ntitle: أ\nupdated: 2024-01\nreviewers: [{name: X}]\n---\n%s\n" "$body" >a/ar.md &&
	printf -- "---\nid: b\nlang: ar\ntitle: أ\nupdated: 2024-01\nreviewers: [{name: X}]\n---\n%s\n" "$bare" >b/ar.md &&
	folio export --to text -q --width 30 &&
	awk "{ print NF }" out/text/ar/a.txt >na && awk "{ print NF }" out/text/ar/b.txt >nb &&
	test_cmp na nb &&
	test "$(wc -l <out/text/ar/a.txt)" -ge 6
'

test_expect_success 'French: never a line that starts with ; : ! ? » or ends with «, at any width' '
	sample &&
	for w in 20 23 29 31 37 44 53 61 72; do
		(cd articles && folio export --to text -q --lang fr --width $w -o ../w$w) || return 1
	done &&
	cat w*/fr/*.txt >all &&
	! grep -n -E "^(;|:|!|\?|»)" all &&
	! grep -n -E "«$" all
'

test_expect_success 'the same bytes with -j 1, -j 2 and -j 4, whatever the locale and time zone' '
	sample &&
	(cd articles && folio export --to text -q -j 1 -o ../one &&
	 folio export --to text -q -j 2 -o ../two &&
	 LC_ALL=C TZ=Pacific/Kiritimati LANG=tr_TR.UTF-8 folio export --to text -q -j 4 -o ../four) &&
	diff -r one two && diff -r one four
'

test_expect_success 'a second run writes nothing' '
	print_corpus &&
	(cd c && folio export --to text -q && folio export --to text 2>../err) &&
	grep -q "(0 written, 6 unchanged)" err
'

test_expect_success 'usage: --width out of range, an unknown option value: exit 2, nothing written' '
	print_corpus && cd c &&
	{ folio export --to text --width 5 2>../err1; echo $? >../s1; } &&
	{ folio export --to text --width 100000 2>../err2; echo $? >../s2; } &&
	{ folio export --to text --width x 2>../err3; echo $? >../s3; } &&
	cd .. && cat s1 s2 s3 >statuses && printf "2\n2\n2\n" >expect && test_cmp expect statuses &&
	grep -q "^folio: --width must be 20 to 1000 columns, got 5$" err1 &&
	! test -e c/out
'

test_expect_success 'hostile text: controls and escapes from the YAML never reach the file' '
	mkdir c && cd c && make_corpus fr && mkdir x &&
	printf -- "---\nid: x\nlang: fr\ntitle: \"a\\\\x1b[31mb\\\\x07\"\nupdated: 2024-01\nreviewers: [{name: \"\\\\x01\"}]\n---\nTexte \033[31m rouge.\n" >x/fr.md &&
	folio export --to text -q &&
	! grep -q "$(printf "\033")" out/text/fr/x.txt &&
	! grep -q "$(printf "\007")" out/text/fr/x.txt &&
	grep -q "^a�\[31mb�$" out/text/fr/x.txt
'

test_done
