#!/bin/sh
# t0100-validate-rules: every rule of SPEC 5 in the text format, with its
# exact file:line:col, severity, message and [rule].
#
# Each rule has a small corpus in tests/corpora/validate-rules/RULE/ and
# the expected stdout beside it (RULE.text; RULE.json is used by t0130).
# The encoding cases need bytes that do not belong in a text file: they
# are written here with printf.
. "$(dirname "$0")/lib.sh"

RULES=$SRC/tests/corpora/validate-rules

# use_fixture NAME: copy the corpus NAME into the current directory.
use_fixture() {
	cp -R "$RULES/$1/." .
}

# expect_status N: the exit status saved in ./status is N.
# expect_err TEXT: stderr (./err) is exactly TEXT and a newline.
expect_err() {
	printf '%s\n' "$1" >expect-err &&
	test_cmp expect-err err
}

# expect_prefix FILE:LINE:COL: SEVERITY: ... -- each line of ./actual starts
# with the given "position severity:" pair and ends with the given [rule]:
# expect_prefix RULE 'f.md:5:1: error:' ...  (one argument per line)
# The corpora have no string catalog: its warning (strings-missing, on
# _strings/) is left out, the lines of the articles are compared.
expect_prefix() {
	rule=$1
	shift
	printf '%s\n' "$@" >expect-prefix &&
	grep -v "^_strings/" actual >actual-articles &&
	cut -d' ' -f1-2 actual-articles >actual-prefix &&
	test_cmp expect-prefix actual-prefix &&
	for p in "$@"; do echo "[$rule]"; done >expect-rule &&
	awk '{ print $NF }' actual-articles >actual-rule &&
	test_cmp expect-rule actual-rule
}

# A valid article's frontmatter, for the encoding cases.
fm() {
	printf -- '---\nid: %s\nlang: fr\ntitle: %s\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n---\n' "$1" "$2"
}

# --- structure of the file ---

test_expect_success 'frontmatter: none, and not terminated, both at 1:1' '
	use_fixture frontmatter &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/frontmatter.text" actual &&
	expect_err "folio: 2 errors, 0 warnings in 3 files"
'

test_expect_success 'yaml-syntax: an unquoted colon in a title, at libyaml'\''s position' '
	use_fixture yaml-syntax &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/yaml-syntax.text" actual
'

test_expect_success 'yaml-duplicate-key: at the second key, naming the first line' '
	use_fixture yaml-duplicate-key &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/yaml-duplicate-key.text" actual
'

test_expect_success 'yaml-limits: alias budget and nesting depth, at the node' '
	use_fixture yaml-limits &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/yaml-limits.text" actual
'

test_expect_success 'encoding: invalid UTF-8 in the frontmatter, at its byte' '
	make_corpus &&
	mkdir latin1 &&
	{ fm latin1 "$(printf "caf\351 cr\350me")" && printf "Body.\n"; } >latin1/fr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	latin1/fr.md:4:11: error: invalid UTF-8 byte 0xE9 (and 1 more invalid byte or NUL in the file) [encoding]
	EOF
	test_cmp expect actual
'

test_expect_success 'encoding: invalid UTF-8 in the body, column in characters' '
	make_corpus &&
	mkdir body &&
	{ fm body T && printf "Line one.\n\nD\303\251j\303\240 \377 here.\n"; } >body/fr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	body/fr.md:11:6: error: invalid UTF-8 byte 0xFF [encoding]
	EOF
	test_cmp expect actual
'

test_expect_success 'encoding: a NUL byte, at its line and column' '
	make_corpus &&
	mkdir nul &&
	{ fm nul T && printf "Body\000text.\n"; } >nul/fr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	nul/fr.md:9:5: error: NUL byte in the file [encoding]
	EOF
	test_cmp expect actual
'

test_expect_success 'encoding: a byte order mark is a warning at 1:1, the file is checked' '
	make_corpus &&
	mkdir bom &&
	{ printf "\357\273\277" && fm bom T && printf "See [x](article:nowhere).\n"; } >bom/fr.md &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	_strings/fr.yaml: warning: no string catalog for '\''fr'\'': its pages would print folio'\''s built-in English strings [strings-missing]
	bom/fr.md:1:1: warning: byte order mark at the start of the file [encoding]
	bom/fr.md:9:5: error: link to an article that does not exist: '\''article:nowhere'\'' [link-target]
	EOF
	test_cmp expect actual
'

# --- schema (SPEC 2.2, schemas/article.schema.yaml) ---

test_expect_success 'schema: a date that is not one, with the message of SPEC 4.2' '
	use_fixture schema-date &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/schema-date.text" actual
'

test_expect_success 'schema: a misspelt key at the key, the missing key at the mapping' '
	use_fixture schema-unknown-key &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	expect_prefix schema "typo/fr.md:2:1: error:" "typo/fr.md:5:1: error:" &&
	grep -F "'\''updated'\''" actual >line1 &&
	grep -F "'\''udpated'\''" actual >line2
'

test_expect_success 'schema: a missing title, at the frontmatter mapping' '
	use_fixture schema-required &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	expect_prefix schema "no-title/fr.md:2:1: error:" &&
	grep -F "'\''title'\''" actual >line
'

test_expect_success 'schema: published without reviewers is an error, a draft is not' '
	use_fixture schema-reviewers &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	expect_prefix schema "unreviewed/fr.md:2:1: error:" &&
	grep -F "'\''reviewers'\''" actual >line
'

test_expect_success 'schema: published is the default status, reviewers still required' '
	make_corpus &&
	write_article plain/fr.md <<-\EOF &&
	---
	id: plain
	lang: fr
	title: Sans statut ni relecteurs
	updated: 2024-01
	---
	Body.
	EOF
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	expect_prefix schema "plain/fr.md:2:1: error:" &&
	grep -F "'\''reviewers'\''" actual >line
'

test_expect_success 'schema: a slug that climbs out with ../, at the value' '
	use_fixture schema-slug &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	expect_prefix schema "escape/fr.md:5:7: error:" &&
	grep -F "'\''../../etc/passwd'\''" actual >line
'

test_expect_success 'schema: a status outside the enum, at the value' '
	make_corpus &&
	write_article st/fr.md <<-\EOF &&
	---
	id: st
	lang: fr
	title: Un statut inconnu
	updated: 2024-01
	status: publish
	reviewers:
	  - name: Dr Exemple
	---
	Body.
	EOF
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	expect_prefix schema "st/fr.md:6:9: error:" &&
	grep -F "'\''publish'\''" actual >line
'

# --- the corpus as a whole ---

test_expect_success 'unknown-lang: at the lang value, listing the languages' '
	use_fixture unknown-lang &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/unknown-lang.text" actual
'

test_expect_success 'duplicate-id: both files reported, each naming the other' '
	use_fixture duplicate-id &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/duplicate-id.text" actual
'

test_expect_success 'path-mismatch: a warning at the id, exit 0' '
	use_fixture path-mismatch &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp "$RULES/path-mismatch.text" actual &&
	expect_err "folio: 0 errors, 3 warnings in 3 files"
'

test_expect_success 'translation-source: later date, other language, no original, two originals' '
	use_fixture translation-source &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/translation-source.text" actual
'

test_expect_success 'related-missing: at the list item, flow and block lists' '
	use_fixture related-missing &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/related-missing.text" actual
'

test_expect_success 'link-target: at the link, in a paragraph and in a list item' '
	use_fixture link-target &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/link-target.text" actual
'

# --- the body ---

test_expect_success 'heading-level: a skipped level and a level-1 heading' '
	use_fixture heading-level &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/heading-level.text" actual
'

test_expect_success 'image-alt: at the image; an image with alt text passes' '
	use_fixture image-alt &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/image-alt.text" actual
'

test_expect_success 'empty-link: no text and no destination, each at its [' '
	use_fixture empty-link &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/empty-link.text" actual
'

test_expect_success 'raw-html: a warning for each tag that holds no text, none for <br> or comments' '
	use_fixture raw-html &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp "$RULES/raw-html.text" actual &&
	expect_err "folio: 0 errors, 3 warnings in 2 files"
'

test_expect_success 'raw-html: none for HTML inside code spans and code blocks' '
	make_corpus &&
	write_article code/fr.md <<-\EOF &&
	---
	id: code
	lang: fr
	title: Du code
	updated: 2024-01
	reviewers:
	  - name: Dr Exemple
	---
	Write `<br>` to break a line.

	    <div>indented code</div>

	```html
	<p>fenced code</p>
	```

	But this one is <em>real</em>.
	EOF
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	cat >expect <<-\EOF &&
	_strings/fr.yaml: warning: no string catalog for '\''fr'\'': its pages would print folio'\''s built-in English strings [strings-missing]
	code/fr.md:17:17: error: raw html is not rendered, what it says is lost: '\''<em>'\'' (only sup, sub, s, del, ins, mark and br are, without attributes) [raw-html]
	code/fr.md:17:25: error: raw html is not rendered, what it says is lost: '\''</em>'\'' (only sup, sub, s, del, ins, mark and br are, without attributes) [raw-html]
	EOF
	test_cmp expect actual
'

# --- dates (FOLIO_TODAY) ---

test_expect_success 'date-future: a day after today; the current month is not the future' '
	FOLIO_TODAY=2026-11-28 &&
	use_fixture date-future &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 1 &&
	test_cmp "$RULES/date-future.text" actual
'

test_expect_success 'review-overdue: review_due passed, and older than review_months' '
	FOLIO_TODAY=2026-11-28 &&
	use_fixture review-overdue &&
	folio validate >actual 2>err; echo $? >status &&
	expect_status 0 &&
	test_cmp "$RULES/review-overdue.text" actual &&
	expect_err "folio: 0 errors, 3 warnings in 5 files"
'

test_expect_success 'a schema of folio.yaml that asks for nothing still leaves no article out' '
	mkdir -p cs/n cs/m &&
	printf "source_language: fr\nlanguages: [fr, en]\nschema: custom.yaml\n" >cs/folio.yaml &&
	printf "type: object\n" >cs/custom.yaml &&
	printf -- "---\nid: n\nlang: fr\nstatus: draft\nupdated: 2024-01\n---\nTexte.\n" >cs/n/fr.md &&
	printf -- "---\nid: n\nlang: en\ntranslated_from: {lang: fr}\nupdated: {a: 1}\n---\nText.\n" >cs/n/en.md &&
	printf -- "---\nlang: fr\nupdated: 2024-01\n---\nX.\n" >cs/m/fr.md &&
	(cd cs && folio --color never validate) >actual 2>&1; echo $? >status &&
	expect_status 1 &&
	grep -F "m/fr.md:2:1: error: '\''id'\'' is missing or not a string: folio knows an article by it" actual &&
	grep -F "n/en.md:4:18: error: '\''translated_from'\'' must give the original'\''s '\''lang'\'' and the date '\''updated'\'' it renders [translation-source]" actual &&
	grep -F "n/en.md:5:10: error: '\''updated'\'' is missing or not a date" actual &&
	! grep -F "n/fr.md" actual
'

test_done
