#!/bin/sh
# t0500-export-html: `folio export --to html` on the sample corpus (SPEC 8,
# 8.2): the files it writes, exit codes and options, writing only what
# changed, and output that depends on nothing but the input (-j, locale,
# clock).
. "$(dirname "$0")/lib.sh"

# A copy of the sample corpus in ./articles.
sample() {
	cp -R "$SRC/articles" articles
}

# list DIR: every file below DIR, sorted, one per line, into ./actual-list.
list() {
	(cd "$1" && find . -type f ! -name ".folio-manifest-*" | LC_ALL=C sort) >actual-list
}

test_expect_success 'the sample corpus: every page, an index per language, one stylesheet' '
	sample &&
	(cd articles && folio export --to html >../out 2>../err); echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null out &&
	list articles/out/html &&
	cat >expect-list <<-\EOF &&
	./ar/al-ilaj-al-manai-bikhtisar.html
	./ar/ilm-al-awram-al-manai.html
	./ar/index.html
	./ar/kayfa-yastajib-al-saratan-lil-ilaj-al-manai.html
	./de/behandlungsansaetze-bei-krebs.html
	./de/immuntherapie-kurz-erklaert.html
	./de/index.html
	./de/wie-krebs-auf-immuntherapie-reagiert.html
	./en/how-cancer-responds-to-immunotherapy.html
	./en/immune-system-and-cancer.html
	./en/immuno-oncology.html
	./en/immunotherapy-in-brief.html
	./en/index.html
	./fr/approches-therapeutiques.html
	./fr/cancer-et-immunotherapie.html
	./fr/immuno-oncologie.html
	./fr/immunotherapie-en-bref.html
	./fr/index.html
	./fr/systeme-immunitaire-cancer.html
	./nl/hoe-kanker-reageert-op-immunotherapie.html
	./nl/immunotherapie-in-het-kort.html
	./nl/index.html
	./style.css
	./tr/bagisiklik-sistemi-ve-kanser.html
	./tr/index.html
	./tr/kanser-immunoterapiye-nasil-yanit-verir.html
	./tr/kisaca-immunoterapi.html
	EOF
	test_cmp expect-list actual-list &&
	printf "%s\n" "folio: 0 errors, 0 warnings in 20 files" \
		"folio: 20 pages exported (27 written, 0 unchanged)" >expect-err &&
	test_cmp expect-err err
'

test_expect_success 'pages start right: doctype, lang and dir, charset, viewport' '
	sample &&
	(cd articles && folio export --to html -q) &&
	head -5 articles/out/html/fr/cancer-et-immunotherapie.html >actual &&
	cat >expect <<-\EOF &&
	<!DOCTYPE html>
	<html lang="fr" dir="ltr">
	<head>
	<meta charset="utf-8">
	<meta name="viewport" content="width=device-width, initial-scale=1">
	EOF
	test_cmp expect actual &&
	sed -n 2p articles/out/html/ar/index.html >actual &&
	echo "<html lang=\"ar\" dir=\"rtl\">" >expect &&
	test_cmp expect actual
'

test_expect_success 'a regional tag of a right-to-left language is right to left: ar-MA, fa-IR' '
	make_corpus "fr ar-MA fa-IR" &&
	for l in fr ar-MA fa-IR; do
		tf=
		test $l = fr || tf="translated_from: {lang: fr, updated: 2024-01}"
		printf -- "---\nid: n\nlang: %s\ntitle: T\nupdated: 2024-01\nstatus: draft\n%s\n---\nTexte.\n" "$l" "$tf" >x.md &&
		mkdir -p n && mv x.md n/$l.md || return 1
	done &&
	folio export --to html --include-drafts -q -o o &&
	grep -q "<html lang=\"ar-MA\" dir=\"rtl\">" o/ar-MA/n.html &&
	grep -q "<html lang=\"fa-IR\" dir=\"rtl\">" o/fa-IR/n.html &&
	grep -q "<html lang=\"fr\" dir=\"ltr\">" o/fr/n.html
'

test_expect_success 'head: title, description, canonical, every hreflang and x-default, JSON-LD' '
	sample &&
	(cd articles && folio export --to html -q) &&
	grep -e "<title>" -e "rel=\"canonical\"" -e "rel=\"alternate\"" \
		articles/out/html/de/wie-krebs-auf-immuntherapie-reagiert.html >actual &&
	cat >expect <<-\EOF &&
	<title>Wie reagiert Krebs auf eine Immuntherapie?</title>
	<link rel="canonical" href="https://www.example.org/de/wie-krebs-auf-immuntherapie-reagiert.html">
	<link rel="alternate" hreflang="fr" href="https://www.example.org/fr/cancer-et-immunotherapie.html">
	<link rel="alternate" hreflang="nl" href="https://www.example.org/nl/hoe-kanker-reageert-op-immunotherapie.html">
	<link rel="alternate" hreflang="en" href="https://www.example.org/en/how-cancer-responds-to-immunotherapy.html">
	<link rel="alternate" hreflang="de" href="https://www.example.org/de/wie-krebs-auf-immuntherapie-reagiert.html">
	<link rel="alternate" hreflang="ar" href="https://www.example.org/ar/kayfa-yastajib-al-saratan-lil-ilaj-al-manai.html">
	<link rel="alternate" hreflang="tr" href="https://www.example.org/tr/kanser-immunoterapiye-nasil-yanit-verir.html">
	<link rel="alternate" hreflang="x-default" href="https://www.example.org/fr/cancer-et-immunotherapie.html">
	EOF
	test_cmp expect actual &&
	grep -c "<meta name=\"description\" content=\"" \
		articles/out/html/de/wie-krebs-auf-immuntherapie-reagiert.html >count &&
	echo 1 >one && test_cmp one count &&
	grep "application/ld+json" articles/out/html/fr/immuno-oncologie.html >ld &&
	grep -q "\"@type\":\"MedicalWebPage\",\"inLanguage\":\"fr\",\"headline\":\"L'"'"'immuno-oncologie, une nouvelle avancée contre le cancer\"" ld &&
	grep -q "\"dateModified\":\"2024-03\",\"reviewedBy\":" ld &&
	! grep -q "lastReviewed" ld &&
	grep -q "\"reviewedBy\":\[{\"@type\":\"Person\",\"name\":\"Dr Claire Exemple\"},{\"@type\":\"Person\",\"name\":\"Prof. Lucas Modèle\"}\]" ld &&
	grep -q "\"audience\":{\"@type\":\"MedicalAudience\",\"audienceType\":\"Patient\"}" ld
'

test_expect_success 'the Nu HTML checker finds no error in any page' '
	vnu="$SRC/node_modules/vnu-jar/build/dist/vnu.jar" &&
	if ! [ -f "$vnu" ] || ! command -v java >/dev/null; then
		echo "skip" >skipped; exit 0
	fi &&
	sample &&
	(cd articles && folio export --to html -q) &&
	java -jar "$vnu" --errors-only $(find articles/out/html -name "*.html" | LC_ALL=C sort) >vnu.out 2>&1 ||
	{ cat vnu.out; false; }
'
[ -f "$SRC/node_modules/vnu-jar/build/dist/vnu.jar" ] && command -v java >/dev/null ||
	test_skip 'vnu on the sample corpus' 'vnu-jar not installed: make deps'

test_expect_success 'a second run writes nothing: every file keeps its mtime' '
	sample &&
	(cd articles && folio export --to html -q) &&
	find articles/out -type f -exec touch -d "2001-01-01 00:00" {} + &&
	(cd articles && folio export --to html 2>../err); echo $? >status &&
	expect_status 0 &&
	grep "27 unchanged" err &&
	find articles/out -type f ! -name ".folio-manifest-*" -newermt "2001-01-02" >newer &&
	test_cmp /dev/null newer
'

test_expect_success 'a changed article rewrites its page, and the pages that show its title' '
	sample &&
	(cd articles && folio export --to html -q) &&
	find articles/out -type f -exec touch -d "2001-01-01 00:00" {} + &&
	sed "s/^title: .*/title: Ein neuer Titel/" articles/approches-therapeutiques/de.md >t &&
	mv t articles/approches-therapeutiques/de.md &&
	(cd articles && folio export --to html -q) &&
	(cd articles/out/html && find . -type f ! -name ".folio-manifest-*" -newermt "2001-01-02" | LC_ALL=C sort) >actual &&
	cat >expect <<-\EOF &&
	./de/behandlungsansaetze-bei-krebs.html
	./de/index.html
	./de/wie-krebs-auf-immuntherapie-reagiert.html
	EOF
	test_cmp expect actual &&
	grep -q "<h1>Ein neuer Titel</h1>" articles/out/html/de/behandlungsansaetze-bei-krebs.html
'

test_expect_success 'no temporary file is left behind' '
	sample &&
	(cd articles && folio export --to html -q && folio export --to html -q) &&
	find articles/out -name ".*" ! -name ".folio-manifest-*" >dots &&
	test_cmp /dev/null dots
'

test_expect_success 'a language directory that exists is written in, not replaced: its mode stays' '
	sample &&
	mkdir -p articles/out/html/fr &&
	chmod 0750 articles/out/html/fr &&
	(cd articles && folio export --to html -q) &&
	test "$(stat -c %a articles/out/html/fr)" = 750 &&
	test -f articles/out/html/fr/approches-therapeutiques.html &&
	test "$(stat -c %a articles/out/html/en)" != 750
'

test_expect_success 'the hidden directory of a killed run is neither read nor touched' '
	sample &&
	mkdir -p articles/out/html/.fr.1.tmp &&
	echo "half a page" >articles/out/html/.fr.1.tmp/approches-therapeutiques.html &&
	(cd articles && folio export --to html -q) &&
	echo "half a page" >expect &&
	test_cmp expect articles/out/html/.fr.1.tmp/approches-therapeutiques.html &&
	grep -q "</html>" articles/out/html/fr/approches-therapeutiques.html &&
	find articles/out -name ".*" ! -name ".folio-manifest-*" >dots &&
	echo articles/out/html/.fr.1.tmp >expect &&
	test_cmp expect dots
'

test_expect_success 'the same bytes with -j 1 and -j 4' '
	sample &&
	(cd articles && folio export --to html -q -j 1 -o ../one &&
	 folio export --to html -q -j 4 -o ../four) &&
	diff -r one four
'

test_expect_success 'the same bytes when few files may be open at once' '
	sample &&
	(cd articles && folio export --to html -q -j 2 -o ../all) &&
	(cd articles && ulimit -n 262 && folio export --to html -q -j 2 -o ../some) &&
	(cd articles && ulimit -n 40 && folio export --to html -q -j 2 -o ../none) &&
	diff -r all some && diff -r all none
'

test_expect_success 'the same bytes whatever the locale, time zone, clock and umask' '
	sample &&
	(cd articles && folio export --to html -q -o ../a) &&
	(cd articles && LC_ALL=C TZ=Pacific/Kiritimati SOURCE_DATE_EPOCH=0 \
		folio export --to html -q -o ../b) &&
	(cd articles && umask 077 && LANG=fr_FR.UTF-8 LC_ALL= TZ=America/Adak \
		folio export --to html -q -o ../c) &&
	diff -r a b && diff -r a c
'

test_expect_success 'files honour the umask (0644 under 022)' '
	sample &&
	(cd articles && umask 022 && folio export --to html -q) &&
	ls -l articles/out/html/fr/index.html >ls &&
	grep -q "^-rw-r--r--" ls
'

test_expect_success '-o DIR, created with its parents; a trailing slash is fine' '
	sample &&
	(cd articles && folio export --to html -q -o ../x/y/z/) &&
	test -f x/y/z/fr/index.html &&
	test -f x/y/z/style.css &&
	! test -e articles/out
'

test_expect_success '-C DIR: the output still goes under the directory folio runs in' '
	sample &&
	folio -C articles export --to html -q &&
	test -f articles/out/html/fr/index.html
'

test_expect_success 'out/html/ under the current directory, not the corpus' '
	sample &&
	mkdir elsewhere &&
	(cd elsewhere && folio export --to html -q ../articles) &&
	test -f elsewhere/out/html/fr/cancer-et-immunotherapie.html &&
	! test -e articles/out
'

test_expect_success '--lang fr: only the French pages and index' '
	sample &&
	(cd articles && folio export --to html -q --lang fr) &&
	list articles/out/html &&
	cat >expect-list <<-\EOF &&
	./fr/approches-therapeutiques.html
	./fr/cancer-et-immunotherapie.html
	./fr/immuno-oncologie.html
	./fr/immunotherapie-en-bref.html
	./fr/index.html
	./fr/systeme-immunitaire-cancer.html
	./style.css
	EOF
	test_cmp expect-list actual-list
'

test_expect_success '--lang fr --lang ar and --lang fr,ar agree, and a page is the same as in a full run' '
	sample &&
	(cd articles && folio export --to html -q --lang fr --lang ar -o ../a &&
	 folio export --to html -q --lang fr,ar -o ../b &&
	 folio export --to html -q -o ../all) &&
	diff -r a b &&
	test_cmp all/ar/index.html a/ar/index.html &&
	test_cmp all/fr/cancer-et-immunotherapie.html a/fr/cancer-et-immunotherapie.html
'

test_expect_success '--lang with a language folio.yaml does not list: exit 2, nothing written' '
	sample &&
	(cd articles && folio export --to html --lang xx 2>../err); echo $? >status &&
	expect_status 2 &&
	grep -q "error: --lang .xx. is not one of the configured languages \[config\]" err &&
	! test -e articles/out
'

test_expect_success 'PATHs: only those articles, and the index of their language' '
	sample &&
	(cd articles && folio export --to html -q immuno-oncologie/en.md systeme-immunitaire-cancer) &&
	list articles/out/html &&
	cat >expect-list <<-\EOF &&
	./en/immune-system-and-cancer.html
	./en/immuno-oncology.html
	./en/index.html
	./fr/index.html
	./fr/systeme-immunitaire-cancer.html
	./style.css
	./tr/bagisiklik-sistemi-ve-kanser.html
	./tr/index.html
	EOF
	test_cmp expect-list actual-list
'

test_expect_success 'a PATH that does not exist: exit 2' '
	sample &&
	(cd articles && folio export --to html nowhere 2>../err); echo $? >status &&
	expect_status 2 &&
	grep -q "nowhere" err
'

test_expect_success 'usage errors: no --to, an unknown format, text options, unknown option' '
	sample && cd articles &&
	{ folio export 2>../err1; echo $? >../status1; } &&
	{ folio export --to pdf 2>../err2; echo $? >../status2; } &&
	{ folio export --to html --width 60 2>../err3; echo $? >../status3; } &&
	{ folio export --to html --jbos 2 2>../err4; echo $? >../status4; } &&
	cd .. &&
	cat status1 status2 status3 status4 >statuses &&
	printf "2\n2\n2\n2\n" >expect && test_cmp expect statuses &&
	grep -q "export needs --to FORMAT" err1 &&
	grep -q "to must be one of html, xhtml, epub, text, got .pdf." err2 &&
	grep -q "apply to --to text only" err3 &&
	grep -q "did you mean .--jobs." err4 &&
	! test -e articles/out
'

test_expect_success '--help: the usage and every option, exit 0' '
	folio export --help >out; echo $? >status &&
	expect_status 0 &&
	grep -q "^usage: folio export --to FORMAT" out &&
	grep -q -- "--include-drafts" out &&
	grep -q -- "-o, --output DIR" out
'

test_expect_success 'outside a corpus: exit 2' '
	folio export --to html 2>err; echo $? >status &&
	expect_status 2 &&
	grep -q "no folio.yaml" err
'

test_expect_success '--format json: the diagnostics document on stdout' '
	sample &&
	(cd articles && folio export --to html --format json >../out 2>../err); echo $? >status &&
	expect_status 0 &&
	grep -q "\"summary\":{\"files\":20,\"errors\":0,\"warnings\":0}" out
'

test_expect_success 'tabs and line ends in body text are kept as text, in and out of code' '
	sample &&
	f=articles/systeme-immunitaire-cancer/fr.md &&
	printf "\nUne\tcolonne,\tpuis\tune autre, dans une phrase assez longue.\n\nDu code : \140a\tb\140 et la suite du texte < 3 & plus.\n" >>$f &&
	(cd articles && folio export --to html -q) &&
	grep "Une	colonne,	puis	une autre" articles/out/html/fr/systeme-immunitaire-cancer.html &&
	grep "<code>a	b</code>" articles/out/html/fr/systeme-immunitaire-cancer.html &&
	grep "texte &lt; 3 &amp; plus" articles/out/html/fr/systeme-immunitaire-cancer.html
'

test_done
