#!/bin/sh
# t0569-export-index-order: the order of titles in an HTML index and an
# EPUB's table of contents: Turkish letters of their own (Ç, Ğ, I, İ, Ö,
# Ş, Ü) after the Latin letters they follow in the Turkish alphabet.
. "$(dirname "$0")/lib.sh"

turkish_corpus() {
	printf "source_language: tr\nlanguages: [tr]\n" >folio.yaml &&
	i=0 &&
	for t in "Cuma günü tedavi" "Çay ve ilaçlar" "Ilık su" "İğne korkusu" \
		 "Su içmek" "Şeker ve kanser" "Hap almak" "Öksürük" "Oruç" \
		 "Uyku" "Üzüm" "Gece" "Ğ harfi"; do
		i=$((i + 1)) &&
		mkdir -p a$i &&
		printf -- "---\nid: a%s\nlang: tr\ntitle: %s\nsummary: Özet.\nupdated: 2024-01\nstatus: published\nreviewers: [{name: X, role: r, affiliation: H}]\n---\nMetin.\n" \
			$i "$t" >a$i/tr.md || return 1
	done
}

cat >"$TRASH/expect-order" <<\EOF
Cuma günü tedavi
Çay ve ilaçlar
Gece
Ğ harfi
Hap almak
Ilık su
İğne korkusu
Oruç
Öksürük
Su içmek
Şeker ve kanser
Uyku
Üzüm
EOF

test_expect_success 'HTML index: Turkish alphabetical order' '
	turkish_corpus &&
	folio export --to html -q -o out 2>err; echo $? >status &&
	expect_status 0 &&
	sed -n "s/.*<a href=\"a[0-9]*\.html\">\([^<]*\)<\/a>.*/\1/p" out/tr/index.html >actual &&
	test_cmp "$TRASH/expect-order" actual
'

test_expect_success 'EPUB table of contents: the same order' '
	turkish_corpus &&
	folio export --to epub -q -o out 2>err; echo $? >status &&
	expect_status 0 &&
	unzip -p out/tr.epub "*nav.xhtml" >nav &&
	sed -n "s/.*<a href=\"a[0-9]*\.xhtml\">\([^<]*\)<\/a>.*/\1/p" nav >actual &&
	test_cmp "$TRASH/expect-order" actual
'

test_done
