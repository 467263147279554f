/*
 * mustache_unit.c - what the official spec does not pin down: syntax
 * errors and their positions, the fifth escaped character, runaway partial
 * recursion, folio's truthiness, indentation of nested partials, data trees
 * built by hand, and rendering one template from several threads.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "util.h"
#include "yaml_tree.h"

#include "test.h"

/* Partials by name from a NULL-terminated list of name, source pairs. */
struct partials {
	const char *const *src;
	struct mustache *t[16];
	size_t n;
};

static void partials_compile(struct partials *p, const char *const *src)
{
	memset(p, 0, sizeof(*p));
	p->src = src;
	for (p->n = 0; src[2 * p->n]; p->n++)
		p->t[p->n] = mustache_compile(src[2 * p->n],
					      src[2 * p->n + 1],
					      strlen(src[2 * p->n + 1]), NULL);
}

static void partials_free(struct partials *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		mustache_free(p->t[i]);
}

static const struct mustache *find_partial(void *ctx, const char *name,
					   size_t len)
{
	const struct partials *p = ctx;
	size_t i;

	/* The name must arrive NUL-terminated, as the header promises. */
	if (name[len] != '\0')
		return NULL;
	for (i = 0; i < p->n; i++)
		if (strcmp(p->src[2 * i], name) == 0)
			return p->t[i];
	return NULL;
}

/*
 * Render src with data and partials (a NULL-terminated name, source list,
 * or NULL) into a static-free string the caller frees; NULL when compiling
 * or rendering fails.
 */
static char *render(const char *src, const struct ynode *data,
		    const char *const *partial_src)
{
	static const char *const none[] = { NULL };
	struct partials p;
	struct mustache *t;
	struct buf out = BUF_INIT;
	char *ret = NULL;

	partials_compile(&p, partial_src ? partial_src : none);
	t = mustache_compile("test", src, strlen(src), NULL);
	if (!t)
		goto out;
	if (mustache_render(t, data, find_partial, &p, &out) < 0)
		goto out;
	ret = buf_detach(&out, NULL);
out:
	mustache_free(t);
	partials_free(&p);
	buf_release(&out);
	return ret;
}

/* Parse YAML text into doc->root (aborting the check on failure). */
static const struct ynode *yaml(struct ydoc *doc, const char *text)
{
	struct yaml_opts opts = { "data", 0, 0 };
	struct diag_list diags = DIAG_LIST_INIT;

	if (yaml_parse(doc, text, strlen(text), &opts, &diags) < 0)
		printf("# bad test data: %s\n", text);
	diag_list_release(&diags);
	return doc->root;
}

static void check_render(const char *src, const char *data_yaml,
			 const char *const *partial_src, const char *want,
			 int line)
{
	struct ydoc doc = YDOC_INIT;
	char *got = render(src, data_yaml ? yaml(&doc, data_yaml) : NULL,
			   partial_src);

	CHECK_STR(got, want, "line %d: render of \"%s\"", line, src);
	free(got);
	ydoc_release(&doc);
}
#define RENDER(src, data, partials, want) \
	check_render(src, data, partials, want, __LINE__)

/* Compile src expecting one R_TEMPLATE error at line:col whose message
 * starts with want. */
static void check_error(const char *src, unsigned line, unsigned col,
			const char *want, int at)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct mustache *t = mustache_compile("page.html", src, strlen(src),
					      &diags);

	CHECK(t == NULL, "line %d: \"%s\" compiled", at, src);
	CHECK(diags.n == 1, "line %d: %zu diagnostics for \"%s\"", at,
	      diags.n, src);
	if (diags.n >= 1) {
		const struct diag *d = &diags.v[0];

		CHECK(d->rule == R_TEMPLATE, "line %d: rule %d", at,
		      (int)d->rule);
		CHECK(d->line == line && d->col == col,
		      "line %d: at %u:%u, want %u:%u (%s)", at, d->line,
		      d->col, line, col, d->message);
		CHECK_STR(d->file, "page.html", "line %d: file", at);
		CHECK(strncmp(d->message, want, strlen(want)) == 0,
		      "line %d: message \"%s\", want \"%s...\"", at,
		      d->message, want);
	}
	mustache_free(t);
	diag_list_release(&diags);
}
#define ERROR_AT(src, line, col, want) \
	check_error(src, line, col, want, __LINE__)

static void test_syntax_errors(void)
{
	struct buf deep = BUF_INIT;
	struct mustache *t;
	int i;

	ERROR_AT("a\n  {{#items}}\nb\n", 2, 3, "unclosed section \"items\"");
	ERROR_AT("{{#a}}{{#b}}{{/b}}", 1, 1, "unclosed section \"a\"");
	ERROR_AT("{{#a}}\n  {{/b}}", 2, 3,
		 "closing tag \"b\" does not match open section \"a\"");
	ERROR_AT("x {{/a}}", 1, 3, "closing tag \"a\" without an open");
	ERROR_AT("one\ntwo {{name", 2, 5, "unclosed tag");
	ERROR_AT("{{{name}}", 1, 1, "unclosed tag, no \"}}}\"");
	ERROR_AT("{{=<% %>}}", 1, 1, "unclosed tag, no \"=}}\"");
	ERROR_AT("\n\n {{=<%=}}", 3, 2, "bad delimiters");
	ERROR_AT("{{=a b c=}}", 1, 1, "bad delimiters");
	ERROR_AT("{{=a= b=}}", 1, 1, "bad delimiters");
	ERROR_AT("{{}}", 1, 1, "empty tag");
	ERROR_AT("{{# }}", 1, 1, "empty tag");
	ERROR_AT("{{first name}}", 1, 1, "bad tag name \"first name\"");
	ERROR_AT("{{a..b}}", 1, 1, "bad tag name \"a..b\"");
	ERROR_AT("{{#.a}}{{/.a}}", 1, 1, "bad tag name");
	/* Columns count characters: "é" is two bytes, one column. */
	ERROR_AT("\xc3\xa9t\xc3\xa9 {{/x}}", 1, 5, "closing tag");
	/* After a delimiter change, errors speak of the new delimiters. */
	ERROR_AT("{{=<% %>=}}\n<%#a%>\n<%/b%>", 3, 1, "closing tag \"b\"");
	ERROR_AT("{{=<% %>=}}\n<%a", 2, 1, "unclosed tag, no \"%>\"");
	/* A comment may hold anything but its closing delimiter. */
	ERROR_AT("x {{! {{#a} ", 1, 3, "unclosed tag");

	for (i = 0; i <= MUSTACHE_MAX_NESTING; i++)
		buf_adds(&deep, "{{#a}}");
	ERROR_AT(deep.buf, 1, 6 * MUSTACHE_MAX_NESTING + 1,
		 "sections nested too deeply");
	/* Exactly the limit is fine. */
	buf_reset(&deep);
	for (i = 0; i < MUSTACHE_MAX_NESTING; i++)
		buf_adds(&deep, "{{#a}}");
	for (i = 0; i < MUSTACHE_MAX_NESTING; i++)
		buf_adds(&deep, "{{/a}}");
	t = mustache_compile("deep", deep.buf, deep.len, NULL);
	CHECK(t != NULL, "%d nested sections rejected", MUSTACHE_MAX_NESTING);
	mustache_free(t);
	buf_release(&deep);

	/* NULL diags: still NULL, nothing reported anywhere. */
	CHECK(mustache_compile("x", "{{#a}}", 6, NULL) == NULL,
	      "unclosed section compiled without diags");
	/* The text need not be NUL-terminated: len decides. */
	t = mustache_compile("x", "{{a}}{{#b", 5, NULL);
	CHECK(t != NULL, "text past len was read");
	mustache_free(t);
}

static void test_escaping(void)
{
	static const char *const angle[] = { "p", "<{{x}}>", NULL };

	RENDER("{{x}}", "x: \"& < > \\\" '\"", NULL,
	       "&amp; &lt; &gt; &quot; &#39;");
	RENDER("{{{x}}}|{{&x}}", "x: \"& < > \\\" '\"", NULL,
	       "& < > \" '|& < > \" '");
	RENDER("{{.}}", "\"<b>\"", NULL, "&lt;b&gt;");
	/* Literal text is the template author's and never escaped. */
	RENDER("<p class='a'>&amp;</p>", NULL, NULL, "<p class='a'>&amp;</p>");
	/* A partial's literal text is not escaped either, its values are. */
	RENDER("{{>p}}", "x: '<'", angle, "<&lt;>");
}

/* {n: {n: ... {n: false}}} with k maps. */
static const struct ynode *chain(struct arena *a, int k)
{
	struct ynode *node = ynode_bool(a, 0);

	while (k-- > 0) {
		struct ynode *m = ynode_new(a, Y_MAP);

		ymap_add(a, m, "n", node);
		node = m;
	}
	return node;
}

static void test_partial_recursion(void)
{
	static const char *const loop[] = { "loop", "x{{>loop}}", NULL };
	static const char *const nest[] = {
		"p", "{{#n}}.{{>p}}{{/n}}", NULL
	};
	static const char *const twice[] = {
		"p", "{{#n}}.{{>p}}{{>p}}{{/n}}", NULL
	};
	struct partials p;
	struct mustache *t;
	struct buf out = BUF_INIT;
	struct arena a = ARENA_INIT;
	int ret;

	partials_compile(&p, loop);
	t = mustache_compile("top", "{{>loop}}", 9, NULL);
	buf_adds(&out, "kept");
	ret = mustache_render(t, NULL, find_partial, &p, &out);
	CHECK(ret == -1, "runaway recursion returned %d", ret);
	CHECK_STR(out.buf, "kept", "output not restored after failure");
	mustache_free(t);
	partials_free(&p);

	/*
	 * Recursion bounded by the data is fine up to the limit: with k maps
	 * nested through n and false at the bottom, p nests k times.  Built
	 * by hand because YAML itself stops at depth 64.
	 */
	partials_compile(&p, nest);
	t = mustache_compile("top", "{{>p}}", 6, NULL);
	buf_reset(&out);
	ret = mustache_render(t, chain(&a, MUSTACHE_MAX_PARTIAL_DEPTH),
			      find_partial, &p, &out);
	CHECK(ret == 0 && out.len == MUSTACHE_MAX_PARTIAL_DEPTH - 1,
	      "%d partial levels: ret %d, %zu bytes",
	      MUSTACHE_MAX_PARTIAL_DEPTH, ret, out.len);
	/* One more level is a runaway. */
	buf_reset(&out);
	ret = mustache_render(t, chain(&a, MUSTACHE_MAX_PARTIAL_DEPTH + 1),
			      find_partial, &p, &out);
	CHECK(ret == MUSTACHE_DEEP && out.len == 0, "%d partial levels: ret %d",
	      MUSTACHE_MAX_PARTIAL_DEPTH + 1, ret);

	mustache_free(t);
	partials_free(&p);

	/*
	 * Twice per level stays under the depth limit but would take 2^60
	 * renders: the step budget ends it.
	 */
	partials_compile(&p, twice);
	t = mustache_compile("top", "{{>p}}", 6, NULL);
	buf_reset(&out);
	ret = mustache_render(t, chain(&a, 60), find_partial, &p, &out);
	CHECK(ret == MUSTACHE_STEPS && out.len == 0, "exponential partials: ret %d", ret);
	CHECK(strstr(mustache_runaway_msg(ret), "does not finish") != NULL,
	      "the step limit is named as such: %s", mustache_runaway_msg(ret));
	CHECK(strstr(mustache_runaway_msg(MUSTACHE_DEEP), "nest deeper") != NULL,
	      "the depth limit is named as such");
	/* ... while a modest fan-out still renders. */
	ret = mustache_render(t, chain(&a, 10), find_partial, &p, &out);
	CHECK(ret == 0 && out.len == 511,
	      "2^9 - 1 partials: ret %d, %zu bytes", ret, out.len);
	mustache_free(t);
	partials_free(&p);

	buf_release(&out);
	arena_release(&a);
}

static void test_hand_built(void)
{
	struct arena a = ARENA_INIT;
	struct ynode *root = ynode_new(&a, Y_MAP);
	struct ynode *page = ynode_new(&a, Y_MAP);
	struct ynode *tags = ynode_new(&a, Y_SEQ);
	struct ynode *ratio = ynode_new(&a, Y_FLOAT);
	struct mustache *t;
	struct buf out = BUF_INIT;
	static const char src[] =
		"<h1>{{page.title}}</h1>\n"
		"{{#page}}\n"
		"  <p>{{lang}}: {{words}} words, {{ratio}}</p>\n"
		"{{/page}}\n"
		"<ul>\n"
		"{{#tags}}\n"
		"  <li>{{.}}</li>\n"
		"{{/tags}}\n"
		"{{^tags}}\n"
		"  <li>none</li>\n"
		"{{/tags}}\n"
		"</ul>\n"
		"{{#draft}}draft{{/draft}}{{^draft}}final{{/draft}}\n";
	int i;

	ratio->v.f = 0.1;
	ratio->num = 0.1;
	ymap_add(&a, page, "title", ynode_string(&a, "Caf\xc3\xa9 & co",
					      strlen("Caf\xc3\xa9 & co")));
	ymap_add(&a, page, "words", ynode_int(&a, 1234));
	ymap_add(&a, page, "ratio", ratio);
	ymap_add(&a, root, "page", page);
	ymap_add(&a, root, "lang", ynode_string(&a, "fr", 2));
	ymap_add(&a, root, "tags", tags);
	ymap_add(&a, root, "draft", ynode_bool(&a, 0));
	t = mustache_compile("page", src, strlen(src), NULL);
	CHECK(t != NULL, "hand-built template does not compile");

	mustache_render(t, root, NULL, NULL, &out);
	CHECK_STR(out.buf,
		  "<h1>Caf\xc3\xa9 &amp; co</h1>\n"
		  "  <p>fr: 1234 words, 0.1</p>\n"
		  "<ul>\n"
		  "  <li>none</li>\n"
		  "</ul>\n"
		  "final\n", "hand-built tree, no tags");

	yseq_add(&a, tags, ynode_string(&a, "a<b", 3));
	yseq_add(&a, tags, ynode_string(&a, "c", 1));
	/* Appends: the same template renders again, unchanged by use. */
	buf_reset(&out);
	for (i = 0; i < 2; i++)
		mustache_render(t, root, NULL, NULL, &out);
	CHECK_STR(out.buf,
		  "<h1>Caf\xc3\xa9 &amp; co</h1>\n"
		  "  <p>fr: 1234 words, 0.1</p>\n"
		  "<ul>\n"
		  "  <li>a&lt;b</li>\n"
		  "  <li>c</li>\n"
		  "</ul>\n"
		  "final\n"
		  "<h1>Caf\xc3\xa9 &amp; co</h1>\n"
		  "  <p>fr: 1234 words, 0.1</p>\n"
		  "<ul>\n"
		  "  <li>a&lt;b</li>\n"
		  "  <li>c</li>\n"
		  "</ul>\n"
		  "final\n", "hand-built tree, two tags, twice");

	mustache_free(t);
	buf_release(&out);
	arena_release(&a);
}

static void test_values(void)
{
	/* folio's truthiness: "" is falsy, 0 and {} are not. */
	RENDER("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "s: ''", NULL, "no");
	RENDER("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "s: ' '", NULL, "yes");
	RENDER("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "s: 0", NULL, "yes");
	RENDER("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "s: {}", NULL, "yes");
	RENDER("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "s: []", NULL, "no");
	RENDER("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "s: ~", NULL, "no");
	RENDER("{{#s}}yes{{/s}}{{^s}}no{{/s}}", NULL, NULL, "no");
	/* Numbers and booleans as text. */
	RENDER("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}}",
	       "{a: 0x1F, b: -7, c: 1.5, d: 2.0, e: 0.1, f: true, g: 1e3}",
	       NULL, "31 -7 1.5 2 0.1 true 1000");
	/* Exponents only where JavaScript would write them too. */
	RENDER("{{a}} {{b}} {{c}} {{d}}",
	       "{a: 1.5e-5, b: 1e21, c: 1e-7, d: 123456789012.5}", NULL,
	        "0.000015 1e+21 1e-07 123456789012.5");
	/* Collections print nothing rather than a made-up form. */
	RENDER("[{{m}}{{l}}]", "{m: {a: 1}, l: [1, 2]}", NULL, "[]");
	/* Null data and no partial callback. */
	RENDER("a{{x}}{{>p}}b", NULL, NULL, "ab");
	/* A null found in a nearer context hides the outer value. */
	RENDER("{{#in}}[{{x}}]{{/in}}", "{x: outer, in: {x: ~}}", NULL, "[]");
}

static void test_indentation(void)
{
	static const char *const nested[] = {
		"a", "x\n {{>b}}\ny\n",
		"b", "1\n2\n",
		NULL
	};
	static const char *const inline_inner[] = {
		"a", "x {{>b}}\n", "b", "1\n2", NULL
	};
	static const char *const comment[] = {
		"a", "{{!c}}z\n{{=<% %>=}}w\n", NULL
	};
	static const char *const close[] = {
		"a", "{{#f}}\n{{/f}}z\n", NULL
	};
	static const char *const blank[] = {
		"a", "x\n\ny", NULL
	};
	static const char *const value[] = { "v", "{{v}}\n", NULL };

	/* Standalone partials inside standalone partials add up. */
	RENDER("  {{>a}}\n", NULL, nested, "  x\n   1\n   2\n  y\n");
	/* An inline partial starts flush, even inside an indented one. */
	RENDER("  {{>a}}\n", NULL, inline_inner, "  x 1\n2\n");
	/* Tags with no output still take the indent their line has. */
	RENDER("\t{{>a}}", NULL, comment, "\tz\n\tw\n");
	/* An inline close tag's indent belongs to its section. */
	RENDER("  {{>a}}\n", "f: false", close, "z\n");
	RENDER("  {{>a}}\n", "f: true", close, "  z\n");
	/* Empty lines inside the partial are indented as well. */
	RENDER("\t{{>a}}", NULL, blank, "\tx\n\t\n\ty");
	/* Values are the data's, never indented. */
	RENDER("  {{>v}}\n", "v: \"1\\n2\"", value, "  1\n2\n");
}

static void test_delimiters(void)
{
	RENDER("{{=<% %>=}}<%#l%><%{.}%>,<%/l%>{{x}}", "l: ['<', 2]", NULL,
	       "<,2,{{x}}");
	RENDER("{{=| |=}}|x| |={{ }}=|{{x}}", "x: 1", NULL, "1 1");
	/* Whitespace inside tags is not part of the name. */
	RENDER("{{\tx\n}}{{# l }}{{ . }}{{/ l }}", "{x: 1, l: [a]}", NULL,
	       "1a");
}

struct thread_arg {
	const struct mustache *t;
	const struct ynode *data;
	int ok;
};

static void *render_many(void *p)
{
	struct thread_arg *a = p;
	struct buf out = BUF_INIT;
	int i;

	a->ok = 1;
	for (i = 0; i < 2000; i++) {
		buf_reset(&out);
		if (mustache_render(a->t, a->data, NULL, NULL, &out) < 0 ||
		    strcmp(out.buf, "(1)(2)(3)") != 0)
			a->ok = 0;
	}
	buf_release(&out);
	return NULL;
}

static void test_threads(void)
{
	struct ydoc doc = YDOC_INIT;
	struct thread_arg args[4];
	pthread_t th[4];
	const struct ynode *data = yaml(&doc, "l: [1, 2, 3]");
	struct mustache *t;
	size_t i;

	t = mustache_compile("t", "{{#l}}({{.}}){{/l}}", 19, NULL);
	for (i = 0; i < ARRAY_SIZE(th); i++) {
		args[i].t = t;
		args[i].data = data;
		args[i].ok = 0;
	}
	for (i = 0; i < ARRAY_SIZE(th); i++)
		pthread_create(&th[i], NULL, render_many, &args[i]);
	for (i = 0; i < ARRAY_SIZE(th); i++) {
		pthread_join(th[i], NULL);
		CHECK(args[i].ok, "thread %zu rendered wrongly", i);
	}
	mustache_free(t);
	ydoc_release(&doc);
}

/*
 * Hints: one set kept across renders of data whose keys move, vanish and
 * nest differently must never change what is rendered.
 */
static void test_hints(void)
{
	static const char *const data[] = {
		"{a: 1, b: 2, c: {d: 3}, list: [{x: 1, a: in}, {a: 5, x: 2}]}",
		"{c: {e: 0, d: 4}, b: 6, a: 7, list: [{x: 3}, {y: 0, x: 4, a: 8}]}",
		"{b: 9, list: [], c: 5}",
		"{a: [1, 2], b: {a: 1}, c: {d: {d: 6}}, list: {x: 7}}",
		"{a: 1, b: 2, c: {d: 3}, list: [{x: 1, a: in}, {a: 5, x: 2}]}",
		"{a: \"\\u00e9<&>\\\"' \\u2019\\u0085\\ufffe \\u0639\", b: x}",
	};
	static const char src[] = "{{a}}|{{b}}|{{c.d}}|{{c.e}}|"
		"{{#list}}[{{x}}{{a}}]{{/list}}|{{#b}}{{a}}{{/b}}";
	struct mustache *t = mustache_compile("hints", src, strlen(src), NULL);
	struct mustache_hints *hints = calloc(1, sizeof(*hints));
	size_t i, round;

	CHECK(t && hints, "compiled");
	for (round = 0; t && hints && round < 2; round++) {
		for (i = 0; i < sizeof(data) / sizeof(data[0]); i++) {
			struct ydoc doc = YDOC_INIT;
			const struct ynode *d = yaml(&doc, data[i]);
			struct buf plain = BUF_INIT, hinted = BUF_INIT;

			mustache_render(t, d, NULL, NULL, &plain);
			/* the second round vouches for the data's UTF-8: the
			 * escaping must not change */
			mustache_render_hinted(t, d, NULL, NULL, &hinted, hints,
					       round == 1);
			CHECK_STR(hinted.buf, plain.buf, "hinted render %zu, round %zu",
				  i, round);
			buf_release(&plain);
			buf_release(&hinted);
			ydoc_release(&doc);
		}
	}
	mustache_free(t);
	free(hints);
}

/* mustache_markup(): tags and left-out sections blanked in place. */
static void markup_is(int at, const char *src, int truth, const char *want,
		      int want_partials)
{
	struct buf out = BUF_INIT;
	int partials = -1;
	int ret = mustache_markup(src, strlen(src), truth, &out, &partials);

	CHECK(ret == 0 && out.len == strlen(src) && !strcmp(out.buf, want) &&
	      partials == want_partials, "line %d: \"%s\" gave \"%s\"", at,
	      src, out.buf ? out.buf : "");
	buf_release(&out);
}

static void test_markup(void)
{
	markup_is(__LINE__, "<p a=\"{{x}}\">{{{b}}}</p>", 1,
		  "<p a=\"     \">       </p>", 0);
	markup_is(__LINE__, "{{#a}}<i>{{/a}}{{^a}}<b>\n{{/a}}.", 1,
		  "      <i>               \n      .", 0);
	markup_is(__LINE__, "{{#a}}<i>{{/a}}{{^a}}<b>\n{{/a}}.", 0,
		  "                     <b>\n      .", 0);
	markup_is(__LINE__, "{{^a}}{{#b}}x{{/b}}{{/a}}y{{! c }}{{> p}}", 1,
		  "                         y               ", 1);
	markup_is(__LINE__, "{{=<% %>=}}<% a %>{{b}}", 1,
		  "                  {{b}}", 0);
}

int main(void)
{
	test_syntax_errors();
	test_escaping();
	test_partial_recursion();
	test_hand_built();
	test_values();
	test_indentation();
	test_delimiters();
	test_threads();
	test_hints();
	test_markup();
	return test_done("mustache_unit");
}
