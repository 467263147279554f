#!/bin/sh
# t0611-export-text-encoding: `folio export --to text --encoding ENC
# [--translit]` (SPEC 8.4): conversion through iconv, the no-break space
# fallbacks, characters an encoding lacks reported with file, line and
# name (the page not written), transliteration, unknown encodings.
. "$(dirname "$0")/lib.sh"

sample() {
	cp -R "$SRC/articles" articles
}

print_corpus() {
	cp -R "$SRC/tests/corpora/export-text-print" c
}

test_expect_success 'cp1254 for Turkish: the same text as UTF-8, in cp1254 bytes' '
	sample &&
	(cd articles && folio export --to text -q --lang tr -o ../utf8 &&
	 folio export --to text --lang tr --encoding cp1254 -o ../cp 2>../err); echo $? >status &&
	expect_status 0 &&
	for f in utf8/tr/*.txt; do
		iconv -f CP1254 -t UTF-8 "cp/tr/${f#utf8/tr/}" >back &&
		test_cmp "$f" back || return 1
	done &&
	grep -q "$(printf "Kanser imm\374noterapiye nas\375l yan\375t verir?")" cp/tr/kanser-immunoterapiye-nasil-yanit-verir.txt
'

test_expect_success 'cp1256 for Arabic: the same text, « » and the Arabic comma and question mark included' '
	print_corpus && sample &&
	(cd articles && folio export --to text -q --lang ar -o ../utf8 &&
	 folio export --to text -q --lang ar --encoding cp1256 -o ../cp) &&
	(cd c && folio export --to text -q --lang ar --encoding CP1256 -o ../cp2) &&
	for f in utf8/ar/*.txt; do
		iconv -f CP1256 -t UTF-8 "cp/ar/${f#utf8/ar/}" >back &&
		test_cmp "$f" back || return 1
	done &&
	iconv -f CP1256 -t UTF-8 cp2/ar/al-riaya-al-daima.txt >back &&
	test_cmp c/_expect/ar/al-riaya-al-daima.txt back
'

test_expect_success 'latin1 on Arabic: each character named at its line in the source, the page not written, exit 1' '
	print_corpus &&
	(cd c && folio export --to text --lang ar --encoding latin1 >../out 2>../err); echo $? >status &&
	expect_status 1 &&
	! test -e c/out/text/ar/al-riaya-al-daima.txt &&
	q="'"'"'" &&
	sed "s/Q/$q/g" >expect <<-\EOF &&
	soins-support/ar.md: error: Qlatin1Q lacks 397 more characters of this page: out/text/ar/al-riaya-al-daima.txt not written (--translit approximates those it safely can) [unmappable]
	soins-support/ar.md:4:9: error: Qlatin1Q has no U+0627 ARABIC LETTER ALEF QاQ: out/text/ar/al-riaya-al-daima.txt not written [unmappable]
	soins-support/ar.md:4:11: error: Qlatin1Q has no U+0644 ARABIC LETTER LAM QلQ: out/text/ar/al-riaya-al-daima.txt not written [unmappable]
	soins-support/ar.md:4:13: error: Qlatin1Q has no U+0631 ARABIC LETTER REH QرQ: out/text/ar/al-riaya-al-daima.txt not written [unmappable]
	soins-support/ar.md:4:15: error: Qlatin1Q has no U+0639 ARABIC LETTER AIN QعQ: out/text/ar/al-riaya-al-daima.txt not written [unmappable]
	soins-support/ar.md:4:19: error: Qlatin1Q has no U+064A ARABIC LETTER YEH QيQ: out/text/ar/al-riaya-al-daima.txt not written [unmappable]
	folio: 6 errors, 0 warnings in 1 file
	folio: 0 pages exported (0 written, 0 unchanged), some articles skipped because of errors
	EOF
	test_cmp expect err
'

test_expect_success 'latin1 on Arabic while another body has errors: each character reported once, for the page as it would be' '
	print_corpus &&
	printf "\n# Un titre de niveau 1\n" >>c/fatigue/fr.md &&
	(cd c && folio export --to text --lang ar --encoding latin1 2>../err); echo $? >status &&
	expect_status 1 &&
	! test -e c/out/text/ar/al-riaya-al-daima.txt &&
	test "$(grep -c "has no U+0627 ARABIC LETTER ALEF" err)" = 1 &&
	test "$(grep -c "lacks .* more characters" err)" = 1 &&
	grep -q "^folio: 6 errors, 0 warnings in 1 file$" err
'

test_expect_success 'cp1252 on French: U+202F falls back to U+00A0; ascii --translit: to a plain space' '
	print_corpus &&
	(cd c && folio export --to text -q --lang fr -o ../utf8 &&
	 folio export --to text -q --lang fr --encoding cp1252 -o ../cp &&
	 folio export --to text -q --lang fr --encoding ascii --translit -o ../as) &&
	sed "s/$(printf "\342\200\257")/$(printf "\302\240")/g" utf8/fr/soins-de-support.txt >expect &&
	iconv -f CP1252 -t UTF-8 cp/fr/soins-de-support.txt >back &&
	test_cmp expect back &&
	head -1 as/fr/soins-de-support.txt >actual &&
	echo "Les soins de support : a quoi servent-ils ?" >expect &&
	test_cmp expect actual &&
	! grep -q "$(printf "\240")" as/fr/soins-de-support.txt
'

test_expect_success 'latin1 on French: typography'"'"'s apostrophe falls back to '"'"'; the source'"'"'s dash is reported' '
	print_corpus &&
	(cd c && folio export --to text --lang fr --encoding latin1 2>../err); echo $? >status &&
	expect_status 1 &&
	! grep -q "U+2019" err &&
	grep -q "^soins-support/fr.md:51:3: error: .latin1. has no U+2014 EM DASH .—.: out/text/fr/soins-de-support.txt not written \[unmappable\]$" err
'

test_expect_success 'a character the source does not have (typography): named at its line of the text, and said so' '
	sample &&
	(cd articles && folio export --to text --lang en --encoding latin1 2>../err); echo $? >status &&
	expect_status 1 &&
	grep -q "^immunotherapie-reponse/en.md: error: .latin1. has no U+201C LEFT DOUBLE QUOTATION MARK .“. (line [0-9]* of the text, not in the source): out/text/en/how-cancer-responds-to-immunotherapy.txt not written \[unmappable\]$" err &&
	line=$(sed -n "s/^immunotherapie-reponse\/en.md: .*U+201C .*(line \([0-9]*\) of the text.*/\1/p" err) &&
	(cd articles && folio export --to text -q --lang en -o ../utf8) &&
	sed -n "${line}p" utf8/en/how-cancer-responds-to-immunotherapy.txt | grep -q "“"
'

test_expect_success '--translit: the pages are written, letters without their accents, quotes plain' '
	sample &&
	(cd articles && folio export --to text --lang tr,en --encoding latin1 --translit 2>../err); echo $? >status &&
	expect_status 0 &&
	head -1 articles/out/text/tr/kanser-immunoterapiye-nasil-yanit-verir.txt | iconv -f LATIN1 -t UTF-8 >actual &&
	echo "Kanser immünoterapiye nasil yanit verir?" >expect &&
	test_cmp expect actual &&
	grep -q "Immünoterapi, tümöre dogrudan" articles/out/text/tr/kanser-immunoterapiye-nasil-yanit-verir.txt ||
	iconv -f LATIN1 -t UTF-8 articles/out/text/tr/kanser-immunoterapiye-nasil-yanit-verir.txt | grep -q "^Immünoterapi, tümöre dogrudan" &&
	grep -q "\"learned\"" articles/out/text/en/how-cancer-responds-to-immunotherapy.txt
'

test_expect_success '--translit: a character with no spelling (Arabic in latin1) is an error at its place, never ?' '
	sample &&
	(cd articles && folio export --to text --lang ar --encoding latin1 --translit 2>../err); echo $? >status &&
	expect_status 1 &&
	! test -e articles/out/text/ar/kayfa-yastajib-al-saratan-lil-ilaj-al-manai.txt &&
	grep -q "^immunotherapie-reponse/ar.md:[0-9]*:[0-9]*: error: .latin1. has no U+06.. ARABIC LETTER .*not written \[unmappable\]$" err
'

# dose_corpus DIR LANG BODY: a one-article corpus in LANG, the page DIR/n.txt
dose_corpus() {
	mkdir -p "$1/n" &&
	printf "source_language: %s\nlanguages: [%s]\n" $2 $2 >"$1/folio.yaml" &&
	printf -- "---\nid: n\nlang: %s\ntitle: n\nsummary: S.\nupdated: 2024-01\nstatus: published\nreviewers: [{name: X, role: r, affiliation: H}]\n---\n%s\n" \
		$2 "$3" >"$1/n/$2.md"
}

test_expect_success '--translit: superscripts as ^, subscripts as _, per mille as o/oo, mu as u or µ; never a digit lost' '
	dose_corpus d fr "$(printf "Plaquettes : 150 × 10<sup>9</sup>/L, 10<sup>15</sup>, m², CO<sub>2</sub>.\n\nRisque : 5 ‰ ; 50 μg ; 50 µg ; ± 2.")" &&
	(cd d && folio export --to text -q --encoding latin1 --translit -o ../l1 &&
	 folio export --to text -q --encoding ascii --translit -o ../as) &&
	sed -n "6p;8p" l1/fr/n.txt | iconv -f LATIN1 -t UTF-8 | sed "s/\xc2\xa0/ /g" >actual &&
	cat >expect <<-\EOF &&
	Plaquettes : 150 × 10^9/L, 10^15, m², CO_2.
	Risque : 5 o/oo ; 50 µg ; 50 µg ; ± 2.
	EOF
	test_cmp expect actual &&
	sed -n "6p;8p" as/fr/n.txt >actual &&
	cat >expect <<-\EOF &&
	Plaquettes : 150 x 10^9/L, 10^15, m^2, CO_2.
	Risque : 5 o/oo ; 50 ug ; 50 ug ; +/- 2.
	EOF
	test_cmp expect actual
'

test_expect_success '--translit in cp1256: Arabic-Indic digits as 0-9 in folio'"'"'s Arabic notation (38,5 and 1 000)' '
	dose_corpus d ar "$(printf "الصفائح ١٥٠ × 10<sup>9</sup>/L.\n\nحمى فوق ٣٨٫٥ °C ؛ ١٬٠٠٠ ملغ ؛ ۲۵ ؛ ٥ ‰.")" &&
	(cd d && folio export --to text -q --encoding cp1256 --translit -o ../cp) &&
	sed -n "6p;8p" cp/ar/n.txt | iconv -f CP1256 -t UTF-8 | sed "s/\xc2\xa0/ /g" >actual &&
	printf "الصفائح 150 × 10^9/L.\nحمى فوق 38,5 °C ؛ 1 000 ملغ ؛ 25 ؛ 5 ‰.\n" >expect &&
	test_cmp expect actual
'

test_expect_success '--translit in ascii: a sign with no faithful spelling (°) is an error at its place, not ?' '
	dose_corpus d fr "Fièvre : 38,5 °C." &&
	(cd d && folio export --to text --encoding ascii --translit 2>../err); echo $? >status &&
	expect_status 1 &&
	! test -e d/out/text/fr/n.txt &&
	grep -q "^n/fr.md:10:16: error: .ascii. has no U+00B0 .*not written \[unmappable\]$" err
'

test_expect_success 'utf-8, UTF8 and no --encoding write the same bytes' '
	print_corpus &&
	(cd c && folio export --to text -q -o ../a && folio export --to text -q --encoding utf-8 -o ../b &&
	 folio export --to text -q --encoding UTF8 -o ../d) &&
	diff -r a b && diff -r a d
'

test_expect_success 'the same bytes in cp1254 with -j 1 and -j 2' '
	sample &&
	(cd articles && folio export --to text -q --encoding cp1254 --lang tr,fr,de -j 1 -o ../one &&
	 folio export --to text -q --encoding cp1254 --lang tr,fr,de -j 2 -o ../two) &&
	diff -r one two
'

test_expect_success 'an unknown encoding, or one with a suffix of its own: exit 2, nothing written, no escape printed' '
	print_corpus && cd c &&
	{ folio export --to text --encoding klingon 2>../err1; echo $? >../s1; } &&
	{ folio export --to text --encoding "latin1//IGNORE" 2>../err2; echo $? >../s2; } &&
	{ folio export --to text --encoding "$(printf "\033[31m")" 2>../err3; echo $? >../s3; } &&
	cd .. && cat s1 s2 s3 >statuses && printf "2\n2\n2\n" >expect && test_cmp expect statuses &&
	grep -q "^folio: --encoding .klingon. is not an encoding iconv knows" err1 &&
	! grep -q "$(printf "\033")" err3 &&
	! test -e c/out
'

test_expect_success '--format json: the unmappable errors as diagnostics' '
	print_corpus &&
	(cd c && folio export --to text --lang tr --encoding latin1 --format json >../out 2>../err); echo $? >status &&
	expect_status 1 &&
	python3 -c "import json, sys
d = json.load(open(\"out\"))
r = [x for x in d[\"diagnostics\"] if x[\"rule\"] == \"unmappable\"]
assert r and all(x[\"file\"] == \"soins-support/tr.md\" for x in r), r
assert any(\"U+0131 LATIN SMALL LETTER DOTLESS I\" in x[\"message\"] and x[\"line\"] == 4 for x in r), r"
'

test_done
