#!/bin/sh
# t0300-schema-cli: `folio schema SCHEMA FILE...` on the command line
# (SPEC 6): a valid document passes, each violation is positioned at its
# node, a schema with an unknown keyword is refused before any document is
# read, an unreadable file does not stop the others, and the formats.
. "$(dirname "$0")/lib.sh"

setup() {
	cat >s.yaml <<-\EOS &&
	type: object
	required: [name]
	properties:
	  name: {type: string, minLength: 2}
	  dose: {type: number, minimum: 0}
	additionalProperties: false
	EOS
	printf "name: Ab\ndose: 5\n" >ok.yaml &&
	printf "name: A\ndose: -1\nextra: 1\n" >bad.yaml
}

test_expect_success 'a valid document: exit 0, nothing on stdout' '
	setup &&
	folio schema s.yaml ok.yaml >out 2>err; echo $? >status &&
	echo 0 >expect && test_cmp expect status &&
	test_cmp /dev/null out &&
	echo "folio: 0 errors, 0 warnings in 1 file" >expect && test_cmp expect err
'

test_expect_success 'each violation at its node, exit 1' '
	setup &&
	folio schema s.yaml bad.yaml >out 2>err; echo $? >status &&
	echo 1 >expect && test_cmp expect status &&
	cat >expect <<-\EOF &&
	bad.yaml:1:7: error: '"'"'name'"'"' must be at least 2 characters long, got '"'"'A'"'"' [schema]
	bad.yaml:2:7: error: '"'"'dose'"'"' must be at least 0, got '"'"'-1'"'"' [schema]
	bad.yaml:3:1: error: unknown key '"'"'extra'"'"' [schema]
	EOF
	test_cmp expect out
'

test_expect_success 'json: pointers into the document' '
	setup &&
	folio schema --format json s.yaml bad.yaml >out 2>err; echo $? >status &&
	echo 1 >expect && test_cmp expect status &&
	grep -q "\"pointer\":\"/dose\"" out &&
	grep -q "\"summary\":{\"files\":1,\"errors\":3,\"warnings\":0}" out
'

test_expect_success 'github annotations' '
	setup &&
	folio schema --format github s.yaml bad.yaml >out 2>err; echo $? >status &&
	echo 1 >expect && test_cmp expect status &&
	grep -q "^::error file=bad.yaml,line=2,col=7,title=schema::" out
'

test_expect_success 'a schema keyword folio does not know: exit 2, no document read' '
	setup &&
	printf "type: object\nfoo: 1\n" >badschema.yaml &&
	folio schema badschema.yaml bad.yaml >out 2>err; echo $? >status &&
	echo 2 >expect && test_cmp expect status &&
	echo "badschema.yaml:2:1: error: unknown keyword '"'"'foo'"'"' [schema-invalid]" >expect &&
	test_cmp expect out
'

test_expect_success 'an unreadable file is reported and the others still checked' '
	setup &&
	folio schema s.yaml nope.yaml bad.yaml >out 2>err; echo $? >status &&
	echo 2 >expect && test_cmp expect status &&
	grep -q "^bad.yaml:3:1: error: unknown key" out &&
	grep -q "^nope.yaml: error: cannot read: no such file or directory \[io\]" out
'

test_expect_success 'usage: no document is exit 2 with a message' '
	setup &&
	folio schema s.yaml >out 2>err; echo $? >status &&
	echo 2 >expect && test_cmp expect status &&
	grep -q "no document" err
'

test_done
