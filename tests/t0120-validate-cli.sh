#!/bin/sh
# t0120-validate-cli: the command line of `folio validate` (SPEC 4, 5):
# exit codes, --strict, -q, --format github, ignore:, FOLIO_TODAY, -j,
# PATHs, -C and corpus discovery, paths relative to the current directory,
# and the sample corpus.
. "$(dirname "$0")/lib.sh"

# expect_err LINE...: stderr (./err) is exactly these lines.
expect_err() {
	printf '%s\n' "$@" >expect-err &&
	test_cmp expect-err err
}

# art DIR ID [KEY: VALUE]... <BODY: write DIR/fr.md, a valid French
# original with extra frontmatter lines, and the body from stdin.
art() {
	art_dir=$1 art_id=$2
	shift 2
	mkdir -p "$art_dir" &&
	{
		printf -- '---\nid: %s\nlang: fr\ntitle: T\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n' "$art_id" &&
		for line in "$@"; do printf '%s\n' "$line"; done &&
		printf -- '---\n' &&
		cat
	} >"$art_dir/fr.md"
}

# The corpus most cases use, in ./corp:
#   a/fr.md      an error: related id 'gone' (8:11)
#   b/fr.md      a warning: raw html (9:6); links to a
#   sub/c/fr.md  a warning: review_due passed (8:13)
corp() {
	mkdir corp &&
	printf 'source_language: fr\nlanguages: [fr, en, de]\n' >corp/folio.yaml &&
	(cd corp && add_catalogs) &&
	echo "Body." | art corp/a a "related: [gone]" &&
	echo "Text <hr> and [a](article:a)." | art corp/b b &&
	echo "Body." | art corp/sub/c c "review_due: 2026-10"
}

A_ERR="a/fr.md:8:11: error: 'related' names an article that does not exist: 'gone' [related-missing]"
B_WARN="b/fr.md:9:6: warning: raw html is never rendered: '<hr>' [raw-html]"
C_WARN="sub/c/fr.md:8:13: warning: medical review overdue: 'review_due' was '2026-10' [review-overdue]"
FOLIO_TODAY=2026-11-28

# --- exit status (SPEC 4.1) ---

test_expect_success 'a clean corpus: exit 0, nothing on stdout, the summary on stderr' '
	make_corpus && add_catalogs &&
	echo "Body." | art ok ok &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual &&
	expect_err "folio: 0 errors, 0 warnings in 3 files"
'

test_expect_success 'errors: exit 1, diagnostics in path order, then by line' '
	corp && cd corp &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	printf "%s\n" "$A_ERR" "$B_WARN" "$C_WARN" >expect &&
	test_cmp expect actual &&
	expect_err "folio: 1 error, 2 warnings in 5 files"
'

test_expect_success 'warnings only: exit 0; with --strict: exit 1, same report' '
	corp && cd corp &&
	echo "Body." | art a a &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	folio validate --strict >actual-strict 2>err-strict; echo $? >status &&
	expect_status 1 &&
	printf "%s\n" "$B_WARN" "$C_WARN" >expect &&
	test_cmp expect actual &&
	test_cmp expect actual-strict &&
	test_cmp err err-strict
'

test_expect_success '--strict without warnings: exit 0' '
	make_corpus && add_catalogs &&
	echo "Body." | art ok ok &&
	folio validate --strict >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual
'

test_expect_success 'no corpus: exit 2, the reason and how to name one' '
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cat actual err >all &&
	grep -F "error: no folio.yaml in the current directory or any parent directory (use -C DIR to name the corpus)" all >line
'

test_expect_success '-C a directory that does not exist: exit 2' '
	folio -C nowhere validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	test_cmp /dev/null actual &&
	grep -F "'\''nowhere'\''" err >line
'

test_expect_success 'broken YAML in folio.yaml: exit 2 at its position' '
	printf "source_language: fr\nlanguages: [fr, en\n" >folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cat >expect <<-\EOF &&
	folio.yaml:3:1: error: malformed yaml: did not find expected '\'','\'' or '\'']'\'' while parsing a flow sequence [yaml-syntax]
	EOF
	test_cmp expect actual
'

test_expect_success 'an unknown key in folio.yaml: exit 2 at the key' '
	printf "source_language: fr\nlanguages: [fr, en]\nreveiw_months: 24\n" >folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cut -d" " -f1-2 actual >prefix &&
	echo "folio.yaml:3:1: error:" >expect &&
	test_cmp expect prefix &&
	awk "{ print \$NF }" actual >rule &&
	echo "[schema]" >expect &&
	test_cmp expect rule &&
	grep -F "'\''reveiw_months'\''" actual >line
'

test_expect_success 'folio.yaml without source_language: exit 2, no crash' '
	printf "languages: [fr, en]\n" >folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cut -d" " -f1-2 actual >prefix &&
	echo "folio.yaml:1:1: error:" >expect &&
	test_cmp expect prefix &&
	grep -F "'\''source_language'\''" actual >line
'

test_expect_success 'an empty folio.yaml: exit 2, no crash' '
	: >folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cut -d" " -f1-2 actual >prefix &&
	echo "folio.yaml: error:" >expect &&
	test_cmp expect prefix
'

test_expect_success 'languages that is not a list: exit 2 at the value' '
	printf "source_language: fr\nlanguages: fr\n" >folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cut -d" " -f1-2 actual >prefix &&
	echo "folio.yaml:2:12: error:" >expect &&
	test_cmp expect prefix &&
	grep -F "'\''languages'\''" actual >line
'

test_expect_success 'source_language not among languages: exit 2 at the value' '
	printf "source_language: de\nlanguages: [fr, en]\n" >folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cat >expect <<-\EOF &&
	folio.yaml:1:18: error: '\''source_language'\'' must be one of '\''languages'\'', got '\''de'\'' [config]
	EOF
	test_cmp expect actual
'

test_expect_success 'an unknown option: exit 2, the option and the usage on stderr' '
	make_corpus && add_catalogs &&
	folio validate --stirct >actual 2>err; echo $? >status &&
	expect_status 2 &&
	test_cmp /dev/null actual &&
	expect_err "folio: unknown option '\''--stirct'\'' (did you mean '\''--strict'\''?)" \
		"usage: folio validate [--strict] [--format text|json|github] [-q] [-j N] [PATH...]"
'

test_expect_success 'a bad --format: exit 2, naming the choices and the value' '
	make_corpus && add_catalogs &&
	folio validate --format xml >actual 2>err; echo $? >status &&
	expect_status 2 &&
	test_cmp /dev/null actual &&
	expect_err "folio: --format must be text, json or github, got '\''xml'\''"
'

test_expect_success '--format without a value, -j without a number: exit 2' '
	make_corpus && add_catalogs &&
	folio validate --format >actual 2>err; echo $? >status &&
	expect_status 2 &&
	test_cmp /dev/null actual &&
	folio validate -j many >actual 2>err; echo $? >status &&
	expect_status 2 &&
	test_cmp /dev/null actual &&
	grep -F "'\''many'\''" err >line
'

test_expect_success 'a PATH that does not exist: exit 2, a lowercase message' '
	corp && cd corp &&
	folio validate a/en.md >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cut -d" " -f1-2 actual >prefix &&
	echo "a/en.md: error:" >expect &&
	test_cmp expect prefix &&
	sed -n "s/^a\/en.md: error: \(.*\) \[[a-z-]*\]$/\1/p" actual >message &&
	test -s message &&
	! grep "[A-Z]" message
'

if [ -w /dev/full ]
then
	test_expect_success 'a write error on stdout: exit 3' '
		corp && cd corp &&
		folio validate >/dev/full 2>err; echo $? >status &&
		expect_status 3 &&
		folio validate --format json >/dev/full 2>err; echo $? >status &&
		expect_status 3
	'
else
	test_skip 'a write error on stdout: exit 3' 'no /dev/full'
fi

test_expect_success '--help: the usage on stdout, exit 0' '
	folio validate --help >actual 2>err; echo $? >status &&
	expect_status 0 &&
	head -n 1 actual >first &&
	echo "usage: folio validate [--strict] [--format text|json|github] [-q] [-j N] [PATH...]" >expect &&
	test_cmp expect first
'

# --- ignore: in folio.yaml ---

test_expect_success 'ignore: silences the rule and says so on stderr' '
	corp && cd corp &&
	echo "ignore: [raw-html]" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	printf "%s\n" "$A_ERR" "$C_WARN" >expect &&
	test_cmp expect actual &&
	expect_err "folio: note: rule '\''raw-html'\'' is silenced by '\''ignore'\'' in folio.yaml" \
		"folio: 1 error, 1 warning in 5 files"
'

test_expect_success 'ignore: a silenced error no longer fails the run' '
	corp && cd corp &&
	echo "ignore: [related-missing, review-overdue, raw-html]" >>folio.yaml &&
	folio validate --strict >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual &&
	expect_err "folio: note: rule '\''related-missing'\'' is silenced by '\''ignore'\'' in folio.yaml" \
		"folio: note: rule '\''raw-html'\'' is silenced by '\''ignore'\'' in folio.yaml" \
		"folio: note: rule '\''review-overdue'\'' is silenced by '\''ignore'\'' in folio.yaml" \
		"folio: 0 errors, 0 warnings in 5 files"
'

test_expect_success 'ignore: the note is on stderr with --format json too' '
	corp && cd corp &&
	echo "ignore: [raw-html]" >>folio.yaml &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 1 &&
	expect_err "folio: note: rule '\''raw-html'\'' is silenced by '\''ignore'\'' in folio.yaml" &&
	cat >expect <<-\EOF &&
	{"diagnostics":[
	  {"file":"a/fr.md","line":8,"column":11,"severity":"error","rule":"related-missing","message":"'\''related'\'' names an article that does not exist: '\''gone'\''","pointer":"/related/0"},
	  {"file":"sub/c/fr.md","line":8,"column":13,"severity":"warning","rule":"review-overdue","message":"medical review overdue: '\''review_due'\'' was '\''2026-10'\''","pointer":"/review_due"}
	],
	 "summary":{"files":5,"errors":1,"warnings":1}}
	EOF
	test_cmp expect actual
'

test_expect_success 'ignore: a rule that does not exist is a config error, exit 2' '
	corp && cd corp &&
	echo "ignore: [raw-htm]" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cat >expect <<-\EOF &&
	folio.yaml:3:10: error: '\''ignore'\'' names no validate rule: '\''raw-htm'\'' [config]
	EOF
	test_cmp expect actual
'

test_expect_success 'folio.yaml: every error in one run, each at its line and column' '
	corp && cd corp &&
	printf "rules: {qa-link: eror, nonsense-rule: off}\nignore: [bogus, raw-html, 3]\n" >>folio.yaml &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cat >expect <<-\EOF &&
	folio.yaml:3:18: error: '\''qa-link'\'' must be one of error, warning, off, got '\''eror'\'' [schema]
	folio.yaml:3:24: error: '\''rules'\'' names no validate rule: '\''nonsense-rule'\'' [config]
	folio.yaml:4:10: error: '\''ignore'\'' names no validate rule: '\''bogus'\'' [config]
	folio.yaml:4:27: error: '\''ignore[2]'\'' must be a string, got integer '\''3'\'' [schema]
	EOF
	test_cmp expect actual &&
	echo "folio: 4 errors, 0 warnings in 0 files" >expect-err &&
	test_cmp expect-err err
'

# --- FOLIO_TODAY ---

test_expect_success 'FOLIO_TODAY decides date-future, at day precision when given' '
	make_corpus && add_catalogs &&
	echo "Body." | art soon soon &&
	sed "s/^updated: 2024-01$/updated: 2026-12-01/" soon/fr.md >tmp && mv tmp soon/fr.md &&
	FOLIO_TODAY=2026-11-30 &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	soon/fr.md:5:10: error: '\''updated'\'' is in the future: '\''2026-12-01'\'' (today is 2026-11-30) [date-future]
	EOF
	test_cmp expect actual &&
	FOLIO_TODAY=2026-12-01 &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual
'

test_expect_success 'FOLIO_TODAY decides review-overdue, months compared as months' '
	make_corpus && add_catalogs &&
	echo "Body." | art due due "review_due: 2026-10" &&
	FOLIO_TODAY=2026-10-31 &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual &&
	FOLIO_TODAY=2026-11-01 &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	due/fr.md:8:13: warning: medical review overdue: '\''review_due'\'' was '\''2026-10'\'' [review-overdue]
	EOF
	test_cmp expect actual
'

test_expect_success 'FOLIO_TODAY with review_months: overdue the month after' '
	make_corpus && add_catalogs &&
	echo "review_months: 12" >>folio.yaml &&
	echo "Body." | art old old &&
	FOLIO_TODAY=2025-01-31 &&
	folio validate >actual 2>err; echo $? >status &&
	test_cmp /dev/null actual &&
	FOLIO_TODAY=2025-02-01 &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	old/fr.md:5:10: warning: medical review overdue: not updated since '\''2024-01'\'', more than 12 months ago (review_months) [review-overdue]
	EOF
	test_cmp expect actual
'

test_expect_success 'a FOLIO_TODAY that is not a date: exit 2, not the system date' '
	make_corpus && add_catalogs &&
	echo "Body." | art ok ok &&
	FOLIO_TODAY=28/11/2026 &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 2 &&
	test_cmp /dev/null actual &&
	grep -F FOLIO_TODAY err >line &&
	grep -F "'\''28/11/2026'\''" err >line
'

# --- -j ---

# A corpus of 120 articles with errors and warnings spread over them.
many() {
	make_corpus "fr en de" && add_catalogs &&
	i=0 &&
	while [ $i -lt 40 ]; do
		echo "Body [x](article:gone-$i) <hr>." | art "n$i" "n$i" "related: [n$(( (i + 1) % 40 )), missing-$i]" &&
		printf -- "---\nid: n%s\nlang: en\ntitle: T\nupdated: 2024-0%s\ntranslated_from:\n  lang: fr\n  updated: 2024-0%s\nreviewers:\n  - name: X\n---\n# H1\n" \
			$i $((i % 3 + 1)) $((i % 2 + 1)) >"n$i/en.md" &&
		printf -- "---\nid: n%s\nlang: de\ntitle: T\nupdated: 2024-01\n---\n" $i >"n$i/de.md" &&
		i=$((i + 1)) || return 1
	done
}

test_expect_success '-j 1 and -j 4: identical text reports' '
	many &&
	folio validate -j 1 >actual1 2>err1; echo $? >status1 &&
	folio validate -j 4 >actual4 2>err4; echo $? >status4 &&
	test_cmp status1 status4 &&
	test_cmp actual1 actual4 &&
	test_cmp err1 err4 &&
	test $(wc -l <actual1) -gt 200
'

test_expect_success '-j 1 and -j 4: identical JSON and github reports' '
	many &&
	folio validate -j 1 --format json >json1 2>/dev/null; echo $? >status1 &&
	folio validate -j 4 --format json >json4 2>/dev/null; echo $? >status4 &&
	test_cmp status1 status4 &&
	test $(wc -l <json1) -gt 200 &&
	test_cmp json1 json4 &&
	folio validate -j 1 --format github >gh1 2>/dev/null; echo $? >status1 &&
	folio validate -j 4 --format github >gh4 2>/dev/null; echo $? >status4 &&
	test_cmp status1 status4 &&
	test_cmp gh1 gh4
'

# --- PATHs, -C, discovery, paths relative to the current directory ---

test_expect_success 'PATHs restrict the report to those articles' '
	corp && cd corp &&
	folio validate a sub/c/fr.md >actual 2>err; echo $? >status &&
	expect_status 1 &&
	printf "%s\n" "$A_ERR" "$C_WARN" >expect &&
	test_cmp expect actual &&
	expect_err "folio: 1 error, 1 warning in 4 files"
'

test_expect_success 'PATHs: cross-file checks still see the whole corpus' '
	corp && cd corp && add_catalogs en &&
	mkdir -p dup/b &&
	printf -- "---\nid: b\nlang: en\ntitle: T\nupdated: 2024-01\ntranslated_from:\n  lang: fr\n  updated: 2024-01\nreviewers:\n  - name: X\n---\nBody.\n" >b/en.md &&
	cp b/en.md dup/b/en.md &&
	folio validate b >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-EOF &&
	b/en.md:2:5: error: duplicate article: id '\''b'\'' in '\''en'\'' is also in '\''dup/b/en.md'\'' [duplicate-id]
	$B_WARN
	EOF
	test_cmp expect actual
'

test_expect_success '-C DIR: as if started in DIR, paths relative to it' '
	corp &&
	folio -C corp validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	printf "%s\n" "$A_ERR" "$B_WARN" "$C_WARN" >expect &&
	test_cmp expect actual
'

test_expect_success '-C DIR with a PATH relative to DIR' '
	corp &&
	folio -C corp validate b/fr.md >actual 2>err; echo $? >status &&
	expect_status 0 &&
	printf "%s\n" "$B_WARN" >expect &&
	test_cmp expect actual
'

test_expect_success 'discovery from a subdirectory: paths relative to the cwd' '
	corp && mkdir corp/other && cd corp/other &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	printf "%s\n" "../$A_ERR" "../$B_WARN" "../$C_WARN" >expect &&
	test_cmp expect actual
'

test_expect_success 'from inside an article directory: its files without ../' '
	corp && cd corp/sub/c &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	printf "%s\n" "../../$A_ERR" "../../$B_WARN" "fr.md:8:13: warning: medical review overdue: '\''review_due'\'' was '\''2026-10'\'' [review-overdue]" >expect &&
	test_cmp expect actual
'

test_expect_success 'discovery from a PATH argument, from outside the corpus' '
	corp &&
	folio validate corp/b/fr.md corp/sub >actual 2>err; echo $? >status &&
	expect_status 0 &&
	printf "%s\n" "corp/$B_WARN" "corp/$C_WARN" >expect &&
	test_cmp expect actual
'

test_expect_success 'a PATH outside the corpus: exit 2' '
	corp && mkdir elsewhere &&
	echo "Body." | art elsewhere/x x &&
	folio validate corp/a elsewhere/x/fr.md >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cut -d" " -f1-2 actual >prefix &&
	echo "elsewhere/x/fr.md: error:" >expect &&
	test_cmp expect prefix
'

# --- --format github, -q ---

test_expect_success '--format github: one workflow command a diagnostic' '
	corp && cd corp &&
	mkdir d.md &&
	folio validate --format github >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	::error file=a/fr.md,line=8,col=11,title=related-missing::'\''related'\'' names an article that does not exist: '\''gone'\''
	::warning file=b/fr.md,line=9,col=6,title=raw-html::raw html is never rendered: '\''<hr>'\''
	::error file=d.md,title=io::not a regular file
	::warning file=sub/c/fr.md,line=8,col=13,title=review-overdue::medical review overdue: '\''review_due'\'' was '\''2026-10'\''
	EOF
	test_cmp expect actual &&
	expect_err "folio: 2 errors, 2 warnings in 6 files"
'

test_expect_success '--format github escapes %, newlines and , in properties' '
	make_corpus && add_catalogs &&
	mkdir "a,b%c" &&
	echo "[x](article:gone)" | art "a,b%c" x &&
	folio validate --format github >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	::warning file=a%2Cb%25c/fr.md,line=2,col=5,title=path-mismatch::path does not match id and lang: expected '\''x/fr.md'\''
	::error file=a%2Cb%25c/fr.md,line=9,col=1,title=link-target::link to an article that does not exist: '\''article:gone'\''
	EOF
	test_cmp expect actual
'

test_expect_success '-q: errors only, the summary on stderr' '
	corp && cd corp &&
	folio validate -q >actual 2>err; echo $? >status &&
	expect_status 1 &&
	printf "%s\n" "$A_ERR" >expect &&
	test_cmp expect actual &&
	expect_err "folio: 1 error, 2 warnings in 5 files"
'

test_expect_success '-q with warnings only: silent, exit 0' '
	corp && cd corp &&
	echo "Body." | art a a &&
	folio validate >loud 2>err; echo $? >status &&
	expect_status 0 &&
	test -s loud &&
	folio validate -q >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp /dev/null actual &&
	test_cmp /dev/null err
'

test_expect_success '-q --strict: the warnings that fail the run are shown' '
	corp && cd corp &&
	echo "Body." | art a a &&
	folio validate -q --strict >actual 2>err; echo $? >status &&
	expect_status 1 &&
	printf "%s\n" "$B_WARN" "$C_WARN" >expect &&
	test_cmp expect actual
'

# --- the sample corpus ---

# The sample shows one finding of translation QA (SPEC 13), on purpose:
# its English translation says "chemo" where the glossary wants
# "chemotherapy".
SAMPLE_QA="immuno-oncologie/en.md:25:1: warning: glossary term 'chimiothérapie' not rendered as 'chemotherapy' (original immuno-oncologie/fr.md:20) [qa-glossary]"

test_expect_success 'the sample corpus in articles/ validates: exit 0, its one warning' '
	here=$(pwd) &&
	cd "$SRC/articles" &&
	folio validate >"$here/actual" 2>"$here/err"; echo $? >"$here/status" &&
	cd "$here" &&
	expect_status 0 &&
	printf "%s\n" "$SAMPLE_QA" >expect-out &&
	test_cmp expect-out actual &&
	sed "s/in [0-9]* files$/in N files/" err >err-n &&
	echo "folio: 0 errors, 1 warning in N files" >expect &&
	test_cmp expect err-n
'

test_expect_success 'the sample corpus with -C, --strict and JSON: the one warning fails' '
	folio -C "$SRC/articles" validate --strict --format json >actual 2>err; echo $? >status &&
	expect_status 1 &&
	grep -c "\"rule\":" actual >count &&
	echo 1 >expect &&
	test_cmp expect count &&
	grep -q "\"rule\":\"qa-glossary\"" actual
'

test_done
