#!/bin/sh
# t0930-first-week-text: plain text for print: Chinese and Japanese
# wrapped by display width, Turkish dotless i transliterated, a French
# page in latin1 without --translit only because of folio's apostrophe.
. "$(dirname "$0")/lib.sh"

test_expect_success 'Chinese wraps between ideographs, by display width' '
	printf "source_language: zh\nlanguages: [zh, en]\n" >folio.yaml &&
	write_article a/zh.md <<-\EOF &&
	---
	id: a
	lang: zh
	title: 免疫疗法
	updated: 2024-01
	status: draft
	---
	免疫疗法是一种通过激活人体自身免疫系统来攻击癌细胞的治疗方法。与化疗不同，它作用于免疫系统。
	EOF
	folio export --to text --include-drafts --width 20 >/dev/null 2>&1 &&
	sed -n "4,8p" out/text/zh/a.txt >actual &&
	cat >expect <<-\EOF &&
	免疫疗法是一种通过激
	活人体自身免疫系统来
	攻击癌细胞的治疗方
	法。与化疗不同，它作
	用于免疫系统。
	EOF
	test_cmp expect actual
'

test_expect_success 'Japanese: no line starts with a closing mark or ends with an opening one' '
	printf "source_language: ja\nlanguages: [ja, en]\n" >folio.yaml &&
	write_article a/ja.md <<-\EOF &&
	---
	id: a
	lang: ja
	title: 療法
	updated: 2024-01
	status: draft
	---
	免疫療法は、体の免疫を使う治療法です。「化学療法」とは異なります。

	使用 PD-1 抑制剂治疗的患者需要定期检查。
	EOF
	folio export --to text --include-drafts --width 20 >/dev/null 2>&1 &&
	sed -n "4,10p" out/text/ja/a.txt >actual &&
	cat >expect <<-\EOF &&
	免疫療法は、体の免疫
	を使う治療法です。
	「化学療法」とは異な
	ります。

	使用 PD-1 抑制剂治疗
	的患者需要定期检查。
	EOF
	test_cmp expect actual
'

test_expect_success 'Turkish dotless i and other letters without accents under --translit' '
	printf "source_language: tr\nlanguages: [tr, en]\n" >folio.yaml &&
	write_article a/tr.md <<-\EOF &&
	---
	id: a
	lang: tr
	title: Bağışıklık
	updated: 2024-01
	status: draft
	---
	Işık ve ılık; Łódź, œdème.
	EOF
	folio export --to text --include-drafts --encoding latin1 --translit >/dev/null 2>&1 &&
	iconv -f LATIN1 -t UTF-8 out/text/tr/a.txt >actual &&
	grep -Fx "Bagisiklik" actual &&
	grep -Fx "Isik ve ilik; Lódz, oedème." actual
'

test_expect_success 'a French page goes to latin1 without --translit: the curled apostrophe falls back' '
	make_corpus "fr en" &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: L'\''hôpital
	updated: 2024-01
	status: draft
	---
	L'\''enfant d'\''abord.
	EOF
	folio export --to text --include-drafts --encoding latin1 >/dev/null 2>err; echo $? >status &&
	expect_status 0 &&
	iconv -f LATIN1 -t UTF-8 out/text/fr/a.txt >actual &&
	grep -Fx "L'\''hôpital" actual &&
	grep -Fx "L'\''enfant d'\''abord." actual &&
	folio export --to text --include-drafts -o utf8 >/dev/null 2>&1 &&
	grep -F "L’enfant d’abord." utf8/fr/a.txt
'

test_done
