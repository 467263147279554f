#!/bin/sh
# t0574-export-rtl-numbers: in a right-to-left page, a phone number or a
# number in Western digits written in pieces ("0800 15 801", "1 000 mg",
# "38,5 °C") is isolated left to right, or the bidirectional algorithm
# shows its groups in reverse order ("801 15 0800"): <bdi dir="ltr"> in
# HTML, <span dir="ltr"> in an e-book's XHTML, U+2066 ... U+2069 in text.
# A number in Arabic-Indic digits, and every left-to-right page, stay as
# they were; so does text in an encoding that lacks the isolates.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/epub.sh"

corpus() {
	make_corpus "fr ar" &&
	write_article n/fr.md <<-\EOF &&
	---
	id: n
	lang: fr
	title: Titre
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	Au-dessus de 38,5 °C, appelez le 0800 15 801 ; dose 1 000 mg, 240 mg.
	EOF
	write_article n/ar.md <<-\EOF
	---
	id: n
	lang: ar
	title: عنوان
	updated: 2024-01
	translated_from:
	  lang: fr
	  updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	فوق 38,5 °C اتصل بالرقم 0800 15 801؛ الجرعة 1 000 mg و٢٤٠ mg.
	EOF
}

nbsp=$(printf '\302\240')
lri=$(printf '\342\201\246')
pdi=$(printf '\342\201\251')

test_expect_success 'html: each such number in <bdi dir="ltr">' '
	corpus &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	echo "<p>فوق <bdi dir=\"ltr\">38,5${nbsp}°C</bdi> اتصل بالرقم <bdi dir=\"ltr\">0800${nbsp}15${nbsp}801</bdi>؛ الجرعة <bdi dir=\"ltr\">1${nbsp}000${nbsp}mg</bdi> و٢٤٠${nbsp}mg.</p>" >expect &&
	grep "^<p>فوق" out/html/ar/n.html >actual &&
	test_cmp expect actual &&
	! grep -q "<bdi" out/html/fr/n.html
'

test_expect_success 'xhtml: the same in <span dir="ltr">, a valid book' '
	corpus &&
	folio export --to xhtml -q 2>err; echo $? >status &&
	expect_status 0 &&
	echo "<p>فوق <span dir=\"ltr\">38,5${nbsp}°C</span> اتصل بالرقم <span dir=\"ltr\">0800${nbsp}15${nbsp}801</span>؛ الجرعة <span dir=\"ltr\">1${nbsp}000${nbsp}mg</span> و٢٤٠${nbsp}mg.</p>" >expect &&
	grep "^<p>فوق" out/xhtml/ar/EPUB/n.xhtml >actual &&
	test_cmp expect actual &&
	if test -n "$EPUBCHECK"; then epubcheck_ok out/xhtml/ar; fi
'

test_expect_success 'text: each such number between U+2066 and U+2069' '
	corpus &&
	folio export --to text -q 2>err; echo $? >status &&
	expect_status 0 &&
	echo "فوق ${lri}38,5${nbsp}°C${pdi} اتصل بالرقم ${lri}0800${nbsp}15${nbsp}801${pdi}؛ الجرعة ${lri}1${nbsp}000${nbsp}mg${pdi} و٢٤٠${nbsp}mg." >expect &&
	grep "^فوق" out/text/ar/n.txt >actual &&
	test_cmp expect actual &&
	! grep -q "$lri" out/text/fr/n.txt
'

test_expect_success 'text in an encoding without the isolates: none, and the page is written' '
	corpus &&
	sed "s/٢٤٠/240/" n/ar.md >t && mv t n/ar.md &&
	folio export --to text --lang ar --encoding cp1256 -q 2>err; echo $? >status &&
	expect_status 0 &&
	iconv -f cp1256 -t utf-8 out/text/ar/n.txt >page &&
	echo "فوق 38,5${nbsp}°C اتصل بالرقم 0800${nbsp}15${nbsp}801؛ الجرعة 1${nbsp}000${nbsp}mg و240${nbsp}mg." >expect &&
	grep "^فوق" page >actual &&
	test_cmp expect actual
'

test_done
