/*
 * schema_unit.c - the schema engine beyond the conformance suite: the
 * exact words, positions and pointers of its diagnostics, load-time
 * errors, $ref across files, recursion, and concurrent validation.
 */
#include "buf.h"
#include "diag.h"
#include "schema.h"
#include "util.h"
#include "yaml_tree.h"

#include "test.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Every diagnostic as "LINE:COL POINTER MESSAGE", one a line, sorted; the
 * pointer is "-" for the document itself (and for load errors).
 */
static char *render(struct diag_list *d)
{
	struct buf b = BUF_INIT;
	size_t i;

	diag_list_sort(d);
	for (i = 0; i < d->n; i++)
		buf_addf(&b, "%s%u:%u %s %s", i ? "\n" : "", d->v[i].line,
			 d->v[i].col,
			 d->v[i].pointer && *d->v[i].pointer ? d->v[i].pointer : "-",
			 d->v[i].message);
	return buf_detach(&b, NULL);
}

static struct schema *load(const char *text, struct diag_list *d)
{
	return schema_load_mem("test.schema.yaml", text, strlen(text), d);
}

/* Validate the YAML doc against the schema; the rendered diagnostics. */
static char *run(const char *schema, const char *doc)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct ydoc y = YDOC_INIT;
	struct yaml_opts yo = { "doc.yaml", 0, 0 };
	struct schema *s = load(schema, &d);
	char *out;
	int n;

	if (!s) {
		out = render(&d);
		printf("# schema did not load: %s\n", out);
		free(out);
		diag_list_release(&d);
		return xstrdup("(schema did not load)");
	}
	if (yaml_parse(&y, doc, strlen(doc), &yo, &d) < 0) {
		out = render(&d);
		printf("# document did not parse: %s\n", out);
		free(out);
		out = xstrdup("(document did not parse)");
		goto out;
	}
	n = schema_validate(s, y.root, "doc.yaml", &d);
	CHECK((n == 0) == schema_valid(s, y.root),
	      "schema_valid and schema_validate disagree on: %s", doc);
	CHECK((size_t)n == d.n, "schema_validate returned %d for %zu", n, d.n);
	out = render(&d);
out:
	ydoc_release(&y);
	schema_free(s);
	diag_list_release(&d);
	return out;
}

/* The load-time diagnostics of a schema ("" when it loads). */
static char *load_errors(const char *schema)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct schema *s = load(schema, &d);
	char *out = render(&d);

	CHECK(!s == (d.n > 0), "schema %s but %zu diagnostics",
	      s ? "loaded" : "failed", d.n);
	schema_free(s);
	diag_list_release(&d);
	return out;
}

#define EXPECT(schema, doc, want) do { \
	char *got_ = run(schema, doc); \
	CHECK_STR(got_, want, "%s", doc); \
	free(got_); \
} while (0)

#define EXPECT_LOAD(schema, want) do { \
	char *got_ = load_errors(schema); \
	CHECK_STR(got_, want, "loading %s", schema); \
	free(got_); \
} while (0)

static void test_type(void)
{
	EXPECT("type: object\nproperties:\n  title: {type: string}\n",
	       "title: [a, b]\n",
	       "1:8 /title 'title' must be a string, got array");
	EXPECT("properties:\n  n: {type: integer}\n", "n: 1.5\n",
	       "1:4 /n 'n' must be an integer, got number '1.5'");
	/* the suite's rule: 1.0 is an integer */
	EXPECT("properties:\n  n: {type: integer}\n", "n: 1.0\n", "");
	/* YAML 1.2 core: 2023-10 and no are strings, quoted 5 is too */
	EXPECT("properties:\n  a: {type: string}\n  b: {type: string}\n"
	       "  c: {type: string}\n", "a: 2023-10\nb: no\nc: '5'\n", "");
	EXPECT("properties:\n  n: {type: [string, 'null']}\n", "n: 5\n",
	       "1:4 /n 'n' must be a string or null, got integer '5'");
	EXPECT("type: object\n", "- a\n",
	       "1:1 - the document must be an object, got array");
	/* an empty document is null */
	EXPECT("type: object\n", "",
	       "0:0 - the document must be an object, got null");
	EXPECT("properties:\n  n: {type: [integer, number, boolean]}\n",
	       "n: x\n",
	       "1:4 /n 'n' must be a number or a boolean, got string 'x'");
}

static void test_enum_const(void)
{
	EXPECT("properties:\n  lang: {enum: [fr, nl, en, de, ar, tr]}\n",
	       "lang: xx\n",
	       "1:7 /lang 'lang' must be one of fr, nl, en, de, ar, tr, got 'xx'");
	EXPECT("properties:\n  s: {const: published}\n", "s: draft\n",
	       "1:4 /s 's' must be 'published', got 'draft'");
	EXPECT("properties:\n  s: {enum: [1, [2], {a: 3}, null]}\n",
	       "s: {b: 1}\n",
	       "1:4 /s 's' must be one of 1, [2], {\"a\":3}, null, got object");
	/* numbers by value, but not booleans */
	EXPECT("enum: [1, true]\n", "1.0\n", "");
	EXPECT("const: 0\n", "false\n",
	       "1:1 - the document must be '0', got 'false'");
	EXPECT("properties:\n  s: {enum: []}\n", "s: 1\n",
	       "1:4 /s 's' is not allowed (an empty 'enum')");
}

static void test_required(void)
{
	EXPECT("required: [title, id]\n", "id: x\nlang: fr\n",
	       "1:1 - missing required key 'title'");
	EXPECT("properties:\n  reviewers:\n    items:\n      required: [name]\n",
	       "reviewers:\n  - role: x\n",
	       "2:5 /reviewers/0 missing required key 'name' in 'reviewers[0]'");
	EXPECT("dependentRequired:\n  url: [title]\n", "url: x\n",
	       "1:1 - 'title' is required when 'url' is present");
	EXPECT("dependentSchemas:\n  url: {required: [title]}\n", "url: x\n",
	       "1:1 - missing required key 'title'");
}

static void test_if_then(void)
{
	const char *s =
		"properties:\n  status: {enum: [draft, published]}\n"
		"if:\n  properties: {status: {const: published}}\n"
		"  required: [status]\n"
		"then:\n  required: [reviewers]\n"
		"else:\n  required: [owner]\n";

	EXPECT(s, "status: published\n",
	       "1:1 - 'reviewers' is required when 'status' is 'published'");
	EXPECT(s, "status: draft\n",
	       "1:1 - 'owner' is required unless 'status' is 'published'");
	EXPECT(s, "status: published\nreviewers: [a]\n", "");
	/* the condition found inside anyOf, as in article.schema.yaml */
	EXPECT("if:\n  anyOf:\n    - not: {required: [status]}\n"
	       "    - properties: {status: {const: published}}\n"
	       "then: {required: [reviewers]}\n", "title: x\n",
	       "1:1 - 'reviewers' is required when 'status' is 'published'");
	/* the wording reaches the then-schema's own required only */
	EXPECT("if: {properties: {a: {const: 1}}}\n"
	       "then:\n  properties:\n    b: {required: [c]}\n",
	       "a: 1\nb: {d: 2}\n",
	       "2:4 /b missing required key 'c' in 'b'");
	EXPECT("if: {properties: {a: {enum: [1, 2]}}}\n"
	       "then: {required: [x]}\n", "a: 2\n",
	       "1:1 - 'x' is required when 'a' is one of 1, 2");
}

static void test_unknown_keys(void)
{
	const char *s = "additionalProperties: false\n"
			"properties:\n  updated: {}\n  title: {}\n";

	EXPECT(s, "title: x\nudpated: 2023\n",
	       "2:1 /udpated unknown key 'udpated' (did you mean 'updated'?)");
	EXPECT(s, "title: x\nzzz: 1\n", "2:1 /zzz unknown key 'zzz'");
	EXPECT("properties:\n  r:\n    items:\n      additionalProperties: false\n"
	       "      properties: {name: {}}\n",
	       "r:\n  - nmae: x\n",
	       "2:5 /r/0/nmae unknown key 'nmae' in 'r[0]' (did you mean 'name'?)");
	/* patternProperties keys are known keys */
	EXPECT("additionalProperties: false\npatternProperties:\n  '^x-': {}\n",
	       "x-a: 1\n", "");
	EXPECT("additionalProperties: {type: integer}\n", "a: b\n",
	       "1:4 /a 'a' must be an integer, got string 'b'");
	EXPECT("properties:\n  a: false\n", "a: 1\n", "1:4 /a 'a' is not allowed");
	EXPECT("propertyNames: {pattern: '^[a-z]+$'}\n", "ok: 1\nNot: 2\n",
	       "2:1 /Not key 'Not' must match '^[a-z]+$', got 'Not'");
	EXPECT("propertyNames: {maxLength: 2}\n", "1234: 1\n",
	       "1:1 /1234 key '1234' must be at most 2 characters long, got 4");
}

static void test_strings(void)
{
	/* code points, not bytes */
	EXPECT("maxLength: 3\n", "\"été\"\n", "");
	EXPECT("minLength: 4\n", "\"été\"\n",
	       "1:1 - the document must be at least 4 characters long, got 'été'");
	EXPECT("properties:\n  s: {maxLength: 2}\n", "s: abc\n",
	       "1:4 /s 's' must be at most 2 characters long, got 3");
	EXPECT("properties:\n  slug: {pattern: '^[a-z-]+$'}\n", "slug: A b\n",
	       "1:7 /slug 'slug' must match '^[a-z-]+$', got 'A b'");
	EXPECT("properties:\n  id:\n    pattern: '^[a-z]+$'\n"
	       "    description: Lowercase letters.\n", "id: X1\n",
	       "1:5 /id 'id' must be lowercase letters, got 'X1'");
	/* unanchored search, as ECMA-262 */
	EXPECT("pattern: 'b+'\n", "abc\n", "");
	/* $ is the very end, not before a final newline */
	EXPECT("pattern: '^a$'\n", "\"a\\n\"\n",
	       "1:1 - the document must match '^a$', got 'a\\n'");
	/* long Unicode property names, which PCRE2 spells short */
	EXPECT("pattern: '^\\p{Letter}+$'\n", "\"élan\"\n", "");
	EXPECT("pattern: '^\\p{Lu}'\n", "élan\n",
	       "1:1 - the document must match '^\\p{Lu}', got 'élan'");
	/* formats only apply to strings */
	EXPECT("format: date\n", "12\n", "");
}

static void test_formats(void)
{
	const char *s = "properties:\n  updated: {format: partial-date}\n";

	EXPECT(s, "updated: 2023-13\n",
	       "1:10 /updated 'updated' must be a date YYYY-MM or YYYY-MM-DD, "
	       "got '2023-13'");
	EXPECT(s, "updated: 2023-10\n", "");
	EXPECT(s, "updated: 2024-02-29\n", "");
	EXPECT(s, "updated: 2023-02-29\n",
	       "1:10 /updated 'updated' must be a date YYYY-MM or YYYY-MM-DD, "
	       "got '2023-02-29'");
	EXPECT(s, "updated: 2023-1\n",
	       "1:10 /updated 'updated' must be a date YYYY-MM or YYYY-MM-DD, "
	       "got '2023-1'");
	EXPECT("format: date\n", "2023-10\n",
	       "1:1 - the document must be a date YYYY-MM-DD, got '2023-10'");
	EXPECT("format: email\n", "jeanne@example.org\n", "");
	EXPECT("format: email\n", "jeanne@\n",
	       "1:1 - the document must be an email address, got 'jeanne@'");
	EXPECT("format: uri\n", "https://www.example.org/a?b#c\n", "");
	EXPECT("format: uri\n", "/relative\n",
	       "1:1 - the document must be an absolute URI, got '/relative'");
	EXPECT("format: uri-reference\n", "../a b\n",
	       "1:1 - the document must be a URI reference, got '../a b'");
	/* an IRI: letters beyond ASCII, but still no space nor bidi control */
	EXPECT("format: uri\n", "https://fr.wikipedia.org/wiki/Immunoth\xC3\xA9rapie\n",
	       "1:1 - the document must be an absolute URI, got "
	       "'https://fr.wikipedia.org/wiki/Immunoth\xC3\xA9rapie'");
	EXPECT("format: iri\n", "https://fr.wikipedia.org/wiki/Immunoth\xC3\xA9rapie\n", "");
	EXPECT("format: iri\n", "https://\xC3\xA9" "cole.example/k\xC3\xB6ln?q=\xC3\xA9#\xC3\xA9\n", "");
	EXPECT("format: iri\n", "/relative/\xC3\xA9\n",
	       "1:1 - the document must be an absolute IRI (a URI that may hold "
	       "letters such as \xC3\xA9), got '/relative/\xC3\xA9'");
	EXPECT("format: iri\n", "\"https://x.org/a b\"\n",
	       "1:1 - the document must be an absolute IRI (a URI that may hold "
	       "letters such as \xC3\xA9), got 'https://x.org/a b'");
	EXPECT("format: iri\n", "\"https://x.org/\xE2\x80\xAEgpj.exe\"\n",
	       "1:1 - the document must be an absolute IRI (a URI that may hold "
	       "letters such as \xC3\xA9), got 'https://x.org/\xE2\x80\xAEgpj.exe'");
	EXPECT("format: iri-reference\n", "../caf\xC3\xA9.html\n", "");
	EXPECT("format: hostname\n", "www.example.org\n", "");
	EXPECT("format: ipv4\n", "10.0.0.256\n",
	       "1:1 - the document must be an IPv4 address, got '10.0.0.256'");
	EXPECT("format: ipv6\n", "\"fe80::1\"\n", "");
	EXPECT("format: uuid\n", "2eb8aa08-aa98-11ea-b4aa-73b441d16380\n", "");
	EXPECT("format: time\n", "\"14:30:00+01:00\"\n", "");
	EXPECT("format: date-time\n", "2023-10-05T14:30:00Z\n", "");
	EXPECT("format: regex\n", "'(a'\n",
	       "1:1 - the document must be a regular expression, got '(a'");
}

static void test_numbers(void)
{
	EXPECT("properties:\n  m: {minimum: 1}\n", "m: 0\n",
	       "1:4 /m 'm' must be at least 1, got '0'");
	EXPECT("properties:\n  m: {exclusiveMinimum: 0}\n", "m: 0\n",
	       "1:4 /m 'm' must be greater than 0, got '0'");
	EXPECT("properties:\n  m: {maximum: 36}\n", "m: 36.5\n",
	       "1:4 /m 'm' must be at most 36, got '36.5'");
	EXPECT("properties:\n  m: {exclusiveMaximum: 2.5}\n", "m: 2.5\n",
	       "1:4 /m 'm' must be less than 2.5, got '2.5'");
	/* integers compare exactly, beyond what a double holds */
	EXPECT("maximum: 9007199254740992\n", "9007199254740993\n",
	       "1:1 - the document must be at most 9007199254740992, "
	       "got '9007199254740993'");
	EXPECT("minimum: 9223372036854775806\n", "9223372036854775807\n", "");
	/* decimal multiples, exactly */
	EXPECT("multipleOf: 0.01\n", "19.99\n", "");
	EXPECT("multipleOf: 0.01\n", "0.07\n", "");
	EXPECT("multipleOf: 0.1\n", "0.3\n", "");
	EXPECT("multipleOf: 0.01\n", "19.999\n",
	       "1:1 - the document must be a multiple of 0.01, got '19.999'");
	EXPECT("multipleOf: 3\n", "-9\n", "");
	EXPECT("multipleOf: 1e-2\n", "1.5e1\n", "");
	/* a quotient too large for a double is not a multiple */
	EXPECT("multipleOf: 0.123456789\n", "1e308\n",
	       "1:1 - the document must be a multiple of 0.123456789, got '1e308'");
}

static void test_arrays(void)
{
	EXPECT("properties:\n  r: {minItems: 1}\n", "r: []\n",
	       "1:4 /r 'r' must have at least 1 item, got 0");
	EXPECT("properties:\n  r: {maxItems: 2}\n", "r: [a, b, c]\n",
	       "1:4 /r 'r' must have at most 2 items, got 3");
	EXPECT("properties:\n  related: {uniqueItems: true}\n",
	       "related: [a, b, a]\n",
	       "1:17 /related/2 'related' must not repeat items, got 'a' again "
	       "(first at [0])");
	EXPECT("properties:\n  related: {items: {type: string}}\n",
	       "related:\n  - a\n  - 3\n",
	       "3:5 /related/1 'related[1]' must be a string, got integer '3'");
	EXPECT("prefixItems: [{type: string}]\nitems: false\n", "[a, b]\n",
	       "1:5 /1 '[1]' is not allowed");
	EXPECT("properties:\n  m: {items: {items: {type: string}}}\n",
	       "m: [[a], [b, 1]]\n",
	       "1:14 /m/1/1 'm[1][1]' must be a string, got integer '1'");
	EXPECT("contains: {const: fr}\n", "[en, de]\n",
	       "1:1 - the document must contain at least 1 item 'fr', got 0");
	EXPECT("contains: {type: integer}\nminContains: 2\n", "[1, a]\n",
	       "1:1 - the document must contain at least 2 matching items, got 1");
	EXPECT("contains: {type: integer}\nmaxContains: 1\n", "[1, 2]\n",
	       "1:1 - the document must contain at most 1 matching item, got 2");
}

static void test_objects(void)
{
	EXPECT("minProperties: 2\n", "a: 1\n",
	       "1:1 - the document must have at least 2 keys, got 1");
	EXPECT("properties:\n  o: {maxProperties: 1}\n", "o: {a: 1, b: 2}\n",
	       "1:4 /o 'o' must have at most 1 key, got 2");
	EXPECT("patternProperties:\n  '^n_': {type: integer}\n", "n_a: x\nb: y\n",
	       "1:6 /n_a 'n_a' must be an integer, got string 'x'");
	/* keys escape into the pointer by RFC 6901 */
	EXPECT("additionalProperties: {type: integer}\n", "\"a/b~c\": x\n",
	       "1:10 /a~1b~0c 'a/b~c' must be an integer, got string 'x'");
}

static void test_combinators(void)
{
	/* every alternative wants another type: one message says it */
	EXPECT("properties:\n  t:\n    anyOf: [{type: string}, {type: array}]\n",
	       "t: 5\n",
	       "1:4 /t 't' must be a string or an array, got integer '5'");
	/* the closest alternative's errors, not a wall */
	EXPECT("anyOf:\n  - {type: string}\n"
	       "  - {type: object, required: [a, b], properties: {c: {type: integer}}}\n"
	       "  - {type: object, required: [a]}\n",
	       "c: x\nb: 1\n",
	       "1:1 - missing required key 'a'");
	EXPECT("anyOf:\n  - {type: object, properties: {a: {type: integer}}, required: [a]}\n"
	       "  - {type: object, required: [z, y]}\n",
	       "a: x\n",
	       "1:4 /a 'a' must be an integer, got string 'x'");
	EXPECT("oneOf: [{type: integer}, {minimum: 2}]\n", "3\n",
	       "1:1 - the document must match exactly one allowed form, "
	       "got '3' matching 2");
	EXPECT("oneOf: [{type: integer}, {type: string}]\n", "[1]\n",
	       "1:1 - the document must be a string or an integer, got array");
	EXPECT("properties:\n  a: {not: {const: x}}\n", "a: x\n",
	       "1:4 /a 'a' must not match the schema in 'not', got 'x'");
	EXPECT("properties:\n  a: {not: {const: x, description: the value x}}\n",
	       "a: x\n", "1:4 /a 'a' must not be the value x, got 'x'");
	EXPECT("allOf: [{required: [a]}, {required: [b]}]\n", "c: 1\n",
	       "1:1 - missing required key 'a'\n1:1 - missing required key 'b'");
	EXPECT("false\n", "1\n", "1:1 - the document is not allowed");
	EXPECT("true\n", "[1, {a: 2}]\n", "");
}

static void test_refs(void)
{
	EXPECT("properties:\n  updated: {$ref: '#/$defs/date'}\n"
	       "$defs:\n  date: {type: string, format: partial-date}\n",
	       "updated: 2023-00\n",
	       "1:10 /updated 'updated' must be a date YYYY-MM or YYYY-MM-DD, "
	       "got '2023-00'");
	EXPECT("$ref: '#anchored'\n$defs:\n  x: {$anchor: anchored, type: string}\n",
	       "1\n", "1:1 - the document must be a string, got integer '1'");
	/* ~0 ~1 and percent-encoding in pointers */
	EXPECT("$ref: '#/$defs/a~1b~0c%25'\n$defs:\n  'a/b~c%': {type: integer}\n",
	       "x\n", "1:1 - the document must be an integer, got string 'x'");
	/* $id changes the base of relative references inside it */
	EXPECT("$id: http://example.org/root.json\n"
	       "$ref: item.json\n"
	       "$defs:\n  i: {$id: item.json, type: integer}\n",
	       "x\n", "1:1 - the document must be an integer, got string 'x'");
	/* a recursive schema over a recursive instance */
	EXPECT("type: object\nproperties:\n  name: {type: string}\n"
	       "  kids: {type: array, items: {$ref: '#'}}\n",
	       "name: a\nkids:\n  - name: b\n    kids:\n      - name: 3\n",
	       "5:15 /kids/0/kids/0/name 'name' must be a string, got integer '3'");
	/* a $ref cycle that never moves into the instance ends */
	EXPECT("$defs:\n  a: {$ref: '#/$defs/b'}\n  b: {$ref: '#/$defs/a'}\n"
	       "$ref: '#/$defs/a'\n", "1\n",
	       "1:1 - validation stopped: the schema nests deeper than 1000 "
	       "levels at the document (a $ref cycle?)");
}

/* Hostile schemas end, and quickly, with one diagnostic saying why. */
static void test_costly(void)
{
	struct buf doc = BUF_INIT;
	char *got;
	int i;

	/* alternatives that all recurse: 2^depth if nothing stops it */
	for (i = 0; i < 60; i++)
		buf_adds(&doc, "{a: ");
	buf_adds(&doc, "x");
	for (i = 0; i < 60; i++)
		buf_adds(&doc, "}");
	got = run("anyOf:\n"
		  "  - {type: object, additionalProperties: {$ref: '#'}}\n"
		  "  - {type: object, additionalProperties: {$ref: '#'}, "
		  "minProperties: 1}\n", doc.buf);
	CHECK(strstr(got, "validation stopped at") != NULL, "%s", got);
	free(got);
	/* the same with errors at every level: report mode stays linear */
	got = run("anyOf:\n"
		  "  - {additionalProperties: {$ref: '#'}, required: [zz]}\n"
		  "  - {additionalProperties: {$ref: '#'}, required: [yy]}\n",
		  doc.buf);
	CHECK(strstr(got, "stopped") == NULL && strstr(got, "'zz'"), "%.200s", got);
	free(got);
	EXPECT("anyOf: [{$ref: '#'}, {$ref: '#'}]\n", "1\n",
	       "1:1 - the document matches none of the allowed forms, got '1'\n"
	       "1:1 - validation stopped: the schema nests deeper than 1000 "
	       "levels at the document (a $ref cycle?)");
	buf_release(&doc);
}

static void test_load_errors(void)
{
	EXPECT_LOAD("type: object\nproperties:\n  a: {tpye: string}\n",
		    "3:7 - unknown keyword 'tpye' (did you mean 'type'?)");
	EXPECT_LOAD("foo: 1\n", "1:1 - unknown keyword 'foo'");
	/* names and data are not keywords */
	EXPECT_LOAD("properties:\n  foo: {}\n  unevaluated: {}\n"
		    "$defs:\n  bar: {}\n"
		    "enum: [{foo: 1}]\nconst: {bar: 2}\n"
		    "examples: [{baz: 3}]\ndefault: {qux: 4}\n"
		    "dependentSchemas:\n  zz: {}\n"
		    "dependentRequired:\n  yy: [xx]\n"
		    "title: t\ndescription: d\n$comment: c\ndeprecated: false\n"
		    "readOnly: false\nwriteOnly: false\n"
		    "$schema: https://json-schema.org/draft/2020-12/schema\n", "");
	EXPECT_LOAD("properties:\n  a:\n    pattern: '(x'\n",
		    "3:14 - invalid regular expression '(x' in 'pattern': "
		    "missing closing parenthesis at offset 2");
	EXPECT_LOAD("$ref: '#/$defs/missing'\n",
		    "1:7 - '$ref' '#/$defs/missing' resolves to no schema");
	EXPECT_LOAD("$ref: 'https://example.org/remote.json'\n",
		    "1:7 - '$ref' 'https://example.org/remote.json' resolves to "
		    "no schema");
	EXPECT_LOAD("minLength: -1\n",
		    "1:12 - 'minLength' must be a non-negative integer, got "
		    "integer '-1'");
	EXPECT_LOAD("required: name\n",
		    "1:11 - 'required' must be a list of strings, got string 'name'");
	EXPECT_LOAD("type: text\n",
		    "1:7 - unknown type 'text' in 'type' (one of null, boolean, "
		    "integer, number, string, array, object)");
	EXPECT_LOAD("format: colour\n",
		    "1:9 - unknown format 'colour' (known: date, date-time, time, "
		    "email, uri, uri-reference, iri, iri-reference, hostname, ipv4, "
		    "ipv6, uuid, regex, partial-date)");
	EXPECT_LOAD("items: [{}]\n",
		    "1:8 - 'items' must be a schema; a list of schemas is "
		    "'prefixItems' in draft 2020-12");
	EXPECT_LOAD("anyOf: []\n", "1:8 - 'anyOf' must not be empty");
	EXPECT_LOAD("- type\n", "1:1 - a schema must be a mapping or true or "
		    "false, got array");
	EXPECT_LOAD("", "0:0 - the schema is empty");
	EXPECT_LOAD("$defs:\n  a: {$anchor: x}\n  b: {$anchor: x}\n",
		    "3:16 - '$anchor' 'x' is already defined at line 2");
}

/* Files on disk: relative $refs, and errors named in the right file. */
static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		TEST_FAIL("cannot write %s", path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

static void test_files(void)
{
	char dir[] = "/tmp/folio-schema-unit.XXXXXX";
	struct buf p = BUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	struct ydoc y = YDOC_INIT;
	struct yaml_opts yo = { "doc.yaml", 0, 0 };
	struct schema *s;
	char *got;

	if (!mkdtemp(dir)) {
		TEST_FAIL("mkdtemp");
		return;
	}
	buf_addf(&p, "%s/sub", dir);
	mkdir(p.buf, 0700);
	buf_reset(&p);
	buf_addf(&p, "%s/a.yaml", dir);
	write_file(p.buf, "properties:\n  d: {$ref: 'sub/b.yaml#/$defs/date'}\n"
		   "  e: {$ref: 'sub/b.yaml#email'}\n");
	buf_reset(&p);
	buf_addf(&p, "%s/sub/b.yaml", dir);
	write_file(p.buf, "$id: https://example.org/schemas/b.yaml\n"
		   "$defs:\n  date: {$ref: '../c.json'}\n"
		   "  e: {$anchor: email, format: email}\n");
	buf_reset(&p);
	buf_addf(&p, "%s/c.json", dir);
	write_file(p.buf, "{\"type\": \"string\", \"format\": \"date\"}\n");

	buf_reset(&p);
	buf_addf(&p, "%s/a.yaml", dir);
	s = schema_load_file(p.buf, &d);
	CHECK(s != NULL, "relative $refs across files load");
	if (s) {
		const char *doc = "d: 2023-02-30\ne: x@\n";

		yaml_parse(&y, doc, strlen(doc), &yo, &d);
		schema_validate(s, y.root, "doc.yaml", &d);
		got = render(&d);
		CHECK_STR(got, "1:4 /d 'd' must be a date YYYY-MM-DD, got '2023-02-30'\n"
			  "2:4 /e 'e' must be an email address, got 'x@'",
			  "validation through three files, one with its own $id");
		free(got);
		ydoc_release(&y);
		schema_free(s);
	}
	diag_list_release(&d);

	/* a bad keyword in a referenced file is reported in that file */
	buf_reset(&p);
	buf_addf(&p, "%s/c.json", dir);
	write_file(p.buf, "{\"type\": \"string\",\n \"formt\": \"date\"}\n");
	buf_reset(&p);
	buf_addf(&p, "%s/a.yaml", dir);
	s = schema_load_file(p.buf, &d);
	CHECK(s == NULL && d.n == 1, "an error in a referenced file fails the load");
	if (d.n == 1) {
		CHECK(strstr(d.v[0].file, "c.json") != NULL, "reported in %s", d.v[0].file);
		CHECK(d.v[0].line == 2 && d.v[0].col == 2, "at %u:%u", d.v[0].line,
		      d.v[0].col);
	}
	schema_free(s);
	diag_list_release(&d);

	buf_reset(&p);
	buf_addf(&p, "rm -rf '%s'", dir);
	CHECK(system(p.buf) == 0, "clean up");
	buf_release(&p);
}

/* The built-in schemas load, and refer to each other, from memory. */
static void test_embedded(void)
{
	struct diag_list d = DIAG_LIST_INIT;
	const char *text = "$ref: article.schema.yaml\n";
	struct schema *s = schema_load_mem("schemas/wrapper.schema.yaml", text,
					   strlen(text), &d);
	char *got = render(&d);

	CHECK(s != NULL, "an embedded schema refers to another: %s", got);
	free(got);
	schema_free(s);
	diag_list_release(&d);
}

struct job {
	const struct schema *s;
	const struct ynode *doc;
	int errors;
	char *text;
};

static void *worker(void *arg)
{
	struct job *j = arg;
	int i;

	for (i = 0; i < 200; i++) {
		struct diag_list d = DIAG_LIST_INIT;

		j->errors = schema_validate(j->s, j->doc, "doc.yaml", &d);
		if (i == 199)
			j->text = render(&d);
		diag_list_release(&d);
	}
	return NULL;
}

/* One compiled schema, several threads: same answers as one thread. */
static void test_threads(void)
{
	const char *schema = "properties:\n  id: {pattern: '^[a-z]+$'}\n"
			     "  n: {anyOf: [{type: string}, {minimum: 3}]}\n"
			     "additionalProperties: false\n";
	const char *doc = "id: X\nn: 1\nzz: 2\n";
	struct diag_list d = DIAG_LIST_INIT;
	struct ydoc y = YDOC_INIT;
	struct yaml_opts yo = { "doc.yaml", 0, 0 };
	struct schema *s = load(schema, &d);
	pthread_t t[4];
	struct job jobs[4];
	int i;

	yaml_parse(&y, doc, strlen(doc), &yo, &d);
	for (i = 0; i < 4; i++) {
		jobs[i].s = s;
		jobs[i].doc = y.root;
		jobs[i].text = NULL;
		pthread_create(&t[i], NULL, worker, &jobs[i]);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		CHECK(jobs[i].errors == 3, "thread %d found %d errors", i,
		      jobs[i].errors);
		CHECK_STR(jobs[i].text,
			  "1:5 /id 'id' must match '^[a-z]+$', got 'X'\n"
			  "2:4 /n 'n' must be at least 3, got '1'\n"
			  "3:1 /zz unknown key 'zz'", "thread %d", i);
		free(jobs[i].text);
	}
	ydoc_release(&y);
	schema_free(s);
	diag_list_release(&d);
}

int main(void)
{
	test_type();
	test_enum_const();
	test_required();
	test_if_then();
	test_unknown_keys();
	test_strings();
	test_formats();
	test_numbers();
	test_arrays();
	test_objects();
	test_combinators();
	test_refs();
	test_costly();
	test_load_errors();
	test_files();
	test_embedded();
	test_threads();
	return test_done("schema_unit");
}
