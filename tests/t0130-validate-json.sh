#!/bin/sh
# t0130-validate-json: `folio validate --format json` (SPEC 4.2): every
# rule of SPEC 5 with its file, line, column, severity, rule, message and
# pointer; the summary; the document for a clean corpus, a file-level
# problem and a missing corpus.  The corpora are those of t0100
# (tests/corpora/validate-rules/RULE/, expected stdout in RULE.json).
. "$(dirname "$0")/lib.sh"

RULES=$SRC/tests/corpora/validate-rules

use_fixture() {
	cp -R "$RULES/$1/." .
}

# json_fixture NAME STATUS: the JSON report of corpus NAME is RULE.json
# byte for byte, stderr is empty, and the exit status is STATUS.
json_fixture() {
	use_fixture "$1" &&
	{ folio validate --format json >actual 2>err; echo $? >status; } &&
	expect_status "$2" &&
	test_cmp "$RULES/$1.json" actual &&
	test_cmp /dev/null err
}

# json_heads 'HEAD' ...: the diagnostics of ./actual, one a line, begin
# with these file, line, column, severity and rule members (the warning
# that the corpus has no string catalog left out).
json_heads() {
	printf '%s\n' "$@" >expect-heads &&
	sed -n '/"file":"_strings\//d; s/^  \({"file":.*\)$/\1/p' actual >diags &&
	cut -d, -f1-5 diags >actual-heads &&
	test_cmp expect-heads actual-heads
}

# json_pointers 'POINTER' ...: the pointer member of each diagnostic.
json_pointers() {
	printf '%s\n' "$@" >expect-pointers &&
	sed -n 's/^  {.*,"pointer":\("[^"]*"\)},\{0,1\}$/\1/p' actual >actual-pointers &&
	test_cmp expect-pointers actual-pointers
}

fm() {
	printf -- '---\nid: %s\nlang: fr\ntitle: %s\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n---\n' "$1" "$2"
}

for rule in frontmatter yaml-syntax yaml-duplicate-key yaml-limits \
	unknown-lang duplicate-id translation-source related-missing \
	link-target heading-level image-alt empty-link date-future
do
	test_expect_success "$rule: golden JSON report" "
		FOLIO_TODAY=2026-11-28 &&
		json_fixture $rule 1
	"
done

for rule in path-mismatch raw-html review-overdue
do
	test_expect_success "$rule: golden JSON report (warnings, exit 0)" "
		FOLIO_TODAY=2026-11-28 &&
		json_fixture $rule 0
	"
done

test_expect_success 'encoding: invalid UTF-8, NUL byte and BOM with their positions' '
	make_corpus &&
	mkdir latin1 nul bom &&
	{ fm latin1 "$(printf "caf\351")" && printf "Body.\n"; } >latin1/fr.md &&
	{ fm nul T && printf "Body\000text.\n"; } >nul/fr.md &&
	{ printf "\357\273\277" && fm bom T && printf "Body.\n"; } >bom/fr.md &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	{"diagnostics":[
	  {"file":"_strings/fr.yaml","line":0,"column":0,"severity":"warning","rule":"strings-missing","message":"no string catalog for '\''fr'\'': its pages would print folio'\''s built-in English strings"},
	  {"file":"bom/fr.md","line":1,"column":1,"severity":"warning","rule":"encoding","message":"byte order mark at the start of the file"},
	  {"file":"latin1/fr.md","line":4,"column":11,"severity":"error","rule":"encoding","message":"invalid UTF-8 byte 0xE9"},
	  {"file":"nul/fr.md","line":9,"column":5,"severity":"error","rule":"encoding","message":"NUL byte in the file"}
	],
	 "summary":{"files":4,"errors":2,"warnings":2}}
	EOF
	test_cmp expect actual
'

test_expect_success 'schema: a bad date, exactly as SPEC 4.2 shows it' '
	json_fixture schema-date 1
'

test_expect_success 'schema: a misspelt key, pointer to the key' '
	use_fixture schema-unknown-key &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 1 &&
	json_heads \
		"{\"file\":\"typo/fr.md\",\"line\":2,\"column\":1,\"severity\":\"error\",\"rule\":\"schema\"" \
		"{\"file\":\"typo/fr.md\",\"line\":5,\"column\":1,\"severity\":\"error\",\"rule\":\"schema\"" &&
	json_pointers "\"\"" "\"/udpated\""
'

test_expect_success 'schema: missing title and missing reviewers, at the mapping' '
	use_fixture schema-required &&
	cp -R "$RULES/schema-reviewers/." . &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 1 &&
	json_heads \
		"{\"file\":\"no-title/fr.md\",\"line\":2,\"column\":1,\"severity\":\"error\",\"rule\":\"schema\"" \
		"{\"file\":\"unreviewed/fr.md\",\"line\":2,\"column\":1,\"severity\":\"error\",\"rule\":\"schema\""
'

test_expect_success 'schema: a slug with ../, pointer /slug' '
	use_fixture schema-slug &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 1 &&
	json_heads \
		"{\"file\":\"escape/fr.md\",\"line\":5,\"column\":7,\"severity\":\"error\",\"rule\":\"schema\"" &&
	json_pointers "\"/slug\""
'

test_expect_success 'a clean corpus: empty diagnostics and the summary' '
	make_corpus &&
	mkdir clean _strings &&
	cp "$SRC/articles/_strings/fr.yaml" _strings/ &&
	{ fm clean T && printf "Body.\n"; } >clean/fr.md &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	{"diagnostics":[],
	 "summary":{"files":3,"errors":0,"warnings":0}}
	EOF
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'a file-level problem: line and column 0, the keys always there (SPEC 4.2)' '
	make_corpus &&
	mkdir notes.md &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	{"diagnostics":[
	  {"file":"notes.md","line":0,"column":0,"severity":"error","rule":"io","message":"not a regular file"}
	],
	 "summary":{"files":2,"errors":1,"warnings":0}}
	EOF
	test_cmp expect actual
'

test_expect_success 'no corpus: one JSON document with the reason, exit 2' '
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 2 &&
	cat >expect <<-\EOF &&
	{"diagnostics":[
	  {"file":null,"line":0,"column":0,"severity":"error","rule":"config","message":"no folio.yaml in the current directory or any parent directory (use -C DIR to name the corpus)"}
	],
	 "summary":{"files":0,"errors":1,"warnings":0}}
	EOF
	test_cmp expect actual
'

test_expect_success 'a broken folio.yaml: its position in JSON, exit 2' '
	printf "source_language: fr\nlanguages: [fr, en\n" >folio.yaml &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 2 &&
	json_heads \
		"{\"file\":\"folio.yaml\",\"line\":3,\"column\":1,\"severity\":\"error\",\"rule\":\"yaml-syntax\""
'

test_expect_success 'messages are escaped: quotes, backslash, tab' '
	make_corpus &&
	mkdir q &&
	{ fm q T && printf "A <wbr\tclass=\"a\\\\b\">tag.\n"; } >q/fr.md &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	{"diagnostics":[
	  {"file":"_strings/fr.yaml","line":0,"column":0,"severity":"warning","rule":"strings-missing","message":"no string catalog for '\''fr'\'': its pages would print folio'\''s built-in English strings"},
	  {"file":"q/fr.md","line":9,"column":3,"severity":"warning","rule":"raw-html","message":"raw html is never rendered: '\''<wbr\tclass=\"a\\b\">'\''"}
	],
	 "summary":{"files":2,"errors":0,"warnings":2}}
	EOF
	test_cmp expect actual
'

test_expect_success 'a path with a quote and a backslash is escaped in "file"' '
	make_corpus &&
	mkdir "q\"x\\y" &&
	{ fm q T && printf "See [x](article:gone).\n"; } >"q\"x\\y/fr.md" &&
	folio validate --format json >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	{"diagnostics":[
	  {"file":"_strings/fr.yaml","line":0,"column":0,"severity":"warning","rule":"strings-missing","message":"no string catalog for '\''fr'\'': its pages would print folio'\''s built-in English strings"},
	  {"file":"q\"x\\y/fr.md","line":2,"column":5,"severity":"warning","rule":"path-mismatch","message":"path does not match id and lang: expected '\''q/fr.md'\''"},
	  {"file":"q\"x\\y/fr.md","line":9,"column":5,"severity":"error","rule":"link-target","message":"link to an article that does not exist: '\''article:gone'\''"}
	],
	 "summary":{"files":2,"errors":1,"warnings":2}}
	EOF
	test_cmp expect actual
'

test_expect_success '-q drops warnings from the list, the summary still counts them' '
	FOLIO_TODAY=2026-11-28 &&
	use_fixture review-overdue &&
	folio validate --format json -q >actual 2>err; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	{"diagnostics":[],
	 "summary":{"files":5,"errors":0,"warnings":3}}
	EOF
	test_cmp expect actual
'

test_done
