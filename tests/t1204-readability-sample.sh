#!/bin/sh
# The sample corpus has a plain-language text, "immunotherapie-en-bref",
# beside its detailed articles, in each of its six languages: folio
# readability must rank it easier than every other article of the same
# language (by the language's score; Arabic, which has none, by words
# per sentence), and the ranking `make demo` prints says so.
. "$(dirname "$0")/lib.sh"

# lang ease file, one line per article of the JSON report; higher ease
# is easier: the score, or minus the words per sentence without one
ranks() {
	sed -n 's/.*"file":"\([^"]*\)","lang":"\([^"]*\)".*"words_per_sentence":\([0-9.]*\),"score":\([0-9.]*\|null\),.*/\2 \4 \3 \1/p' "$1" |
	awk '{ print $1, ($2 == "null" ? -$3 : $2), $4 }'
}

test_expect_success 'in every language the plain text ranks easier than every other article' '
	cp -R "$SRC/articles" . &&
	folio -C articles readability --format json >report.json &&
	ranks report.json >ranks &&
	cut -d" " -f1 ranks | sort -u >langs &&
	printf "ar\nde\nen\nfr\nnl\ntr\n" >expect && test_cmp expect langs &&
	for l in fr nl en de ar tr; do
		easy=$(awk -v l=$l "\$1 == l && \$3 ~ /immunotherapie-en-bref/ { print \$2 }" ranks) &&
		test -n "$easy" &&
		others=$(awk -v l=$l "\$1 == l && \$3 !~ /immunotherapie-en-bref/" ranks | wc -l) &&
		test "$others" -ge 1 &&
		awk -v l=$l -v e="$easy" "\$1 == l && \$3 !~ /immunotherapie-en-bref/ && \$2 >= e + 0 { bad = 1; print \"not harder:\", \$0 } END { exit bad }" ranks ||
		return 1
	done
'

test_expect_success 'the plain texts are in the easy bands, the detailed ones not' '
	cp -R "$SRC/articles" . &&
	folio -C articles readability >report.txt &&
	for l in fr nl en de tr; do
		grep "^immunotherapie-en-bref/$l.md  $l  [0-9.]* \(very-easy\|easy\) " report.txt ||
		return 1
	done &&
	! grep "^immunotherapie-reponse/[a-z]*.md  [a-z]*  [0-9.]* \(very-easy\|easy\|fairly-easy\) " report.txt
'

test_expect_success 'the ranking of make demo names the plain text easiest in each language' '
	cp -R "$SRC/articles" . &&
	folio -C articles readability --format json >report.json &&
	awk -f "$SRC/tools/readability-rank.awk" report.json >demo &&
	test $(wc -l <demo) -eq 6 &&
	for l in fr nl en de ar tr; do
		grep "^readability $l: easiest immunotherapie-en-bref/$l.md (.*), hardest [a-z-]*/$l.md (" demo &&
		! grep "^readability $l: .*hardest immunotherapie-en-bref/" demo ||
		return 1
	done
'

test_expect_success 'the plain texts pass validate and are current translations' '
	cp -R "$SRC/articles" . &&
	folio -C articles validate >actual 2>err &&
	! grep "immunotherapie-en-bref" actual &&
	folio -C articles l10n >l10n &&
	for l in nl en de ar tr; do
		grep "^  current   immunotherapie-en-bref/$l.md " l10n || return 1
	done
'

test_done
