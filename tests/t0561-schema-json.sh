#!/bin/sh
# t0561-schema-json: `folio schema` reads a schema or a document named
# *.json as strict JSON (RFC 8259), with positions, into the same tree as
# YAML: no trailing commas, no YAML syntax, surrogate pairs decoded, lone
# surrogates, leading zeros and raw control characters refused, duplicate
# keys reported as for YAML.
. "$(dirname "$0")/lib.sh"

schema() {
	printf '{"type": "object",\n "properties": {"e": {"type": "string", "maxLength": 1}}}\n' >s.json
}

test_expect_success 'a surrogate pair is one character (Python ensure_ascii output)' '
	schema &&
	printf "{\n  \"e\": \"\\\\ud83d\\\\udca9\"\n}\n" >ok.json &&
	folio schema s.json ok.json >out 2>err; echo $? >status &&
	expect_status 0 &&
	test ! -s out
'

test_expect_success 'the decoded string is what the schema sees' '
	printf "{\"type\": \"object\", \"properties\": {\"e\": {\"const\": \"\\360\\237\\222\\251\"}}}\n" >c.json &&
	printf "{\"e\": \"\\\\uD83D\\\\uDCA9\"}\n" >ok.json &&
	folio schema c.json ok.json >out 2>err; echo $? >status &&
	expect_status 0
'

test_expect_success 'refused in a document: each with its line and column (exit 1)' '
	schema &&
	printf "{\n  \"e\": \"x\",\n}\n" >a-trailing.json &&
	printf "[1, 2,]\n" >b-array.json &&
	printf "{\n  \"e\": \"\\\\ud83d x\"\n}\n" >c-high.json &&
	printf "{\"e\": \"\\\\udca9\"}\n" >d-low.json &&
	printf "{\"e\": 01}\n" >e-zero.json &&
	printf "{\"e\": \"a\tb\"}\n" >f-tab.json &&
	printf "e: a\n" >g-yaml.json &&
	printf "{\"e\": \"a\", \"e\": \"b\"}\n" >h-dup.json &&
	printf "{\"e\": \"a\"} x\n" >i-after.json &&
	printf "" >j-empty.json &&
	printf "{\"e\": \"a\\\\x\"}\n" >k-escape.json &&
	printf "{\"e\": 1.}\n" >l-frac.json &&
	folio schema s.json a-trailing.json b-array.json c-high.json d-low.json \
		e-zero.json f-tab.json g-yaml.json h-dup.json i-after.json \
		j-empty.json k-escape.json l-frac.json >out 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	a-trailing.json:2:11: error: malformed json: a comma before '"'"'}'"'"' (trailing commas are not JSON) [json-syntax]
	b-array.json:1:6: error: malformed json: a comma before '"'"']'"'"' (trailing commas are not JSON) [json-syntax]
	c-high.json:2:9: error: malformed json: lone high surrogate '"'"'\ud83d'"'"' (not followed by a low surrogate) [json-syntax]
	d-low.json:1:8: error: malformed json: lone low surrogate '"'"'\udca9'"'"' (not preceded by a high surrogate) [json-syntax]
	e-zero.json:1:7: error: malformed json: a number with a leading zero [json-syntax]
	f-tab.json:1:9: error: malformed json: control character U+0009 in a string (write it as an escape) [json-syntax]
	g-yaml.json:1:1: error: malformed json: unexpected '"'"'e'"'"', expected a value [json-syntax]
	h-dup.json:1:12: error: duplicate key '"'"'e'"'"' (first at line 1) [yaml-duplicate-key]
	i-after.json:1:12: error: malformed json: unexpected '"'"'x'"'"', expected the end of the document after the value [json-syntax]
	j-empty.json:1:1: error: malformed json: unexpected end of the document, expected a value [json-syntax]
	k-escape.json:1:9: error: malformed json: unknown escape '"'"'\x'"'"' [json-syntax]
	l-frac.json:1:9: error: malformed json: unexpected '"'"'}'"'"', expected a digit after '"'"'.'"'"' [json-syntax]
	EOF
	test_cmp expect out
'

test_expect_success 'schema violations in a JSON document point at the node' '
	schema &&
	printf "{\n  \"other\": 1,\n    \"e\": \"ab\"\n}\n" >long.json &&
	folio schema s.json long.json >out 2>err; echo $? >status &&
	expect_status 1 &&
	echo "long.json:3:10: error: '"'"'e'"'"' must be at most 1 character long, got 2 [schema]" >expect &&
	test_cmp expect out
'

test_expect_success 'a schema with a trailing comma is not loaded (exit 2)' '
	printf "{\"type\": \"object\",}\n" >bad.json &&
	printf "{}\n" >doc.json &&
	folio schema bad.json doc.json >out 2>err; echo $? >status &&
	expect_status 2 &&
	echo "bad.json:1:18: error: malformed json: a comma before '"'"'}'"'"' (trailing commas are not JSON) [json-syntax]" >expect &&
	test_cmp expect out
'

test_expect_success 'a .yaml document is still YAML' '
	schema &&
	printf "e: a\n" >doc.yaml &&
	folio schema s.json doc.yaml >out 2>err; echo $? >status &&
	expect_status 0
'

test_expect_success 'nesting past 64 levels is refused, not a crash' '
	schema &&
	i=0 && : >deep.json &&
	while [ $i -lt 70 ]; do printf "[" >>deep.json; i=$((i + 1)); done &&
	folio schema s.json deep.json >out 2>err; echo $? >status &&
	expect_status 1 &&
	echo "deep.json:1:65: error: nesting deeper than 64 levels [yaml-limits]" >expect &&
	test_cmp expect out
'

test_done
