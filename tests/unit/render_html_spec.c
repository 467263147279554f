/*
 * render_html_spec.c - the golden examples of tests/spec/render_html.txt
 * through render_html(), byte for byte, plus unit checks of the URL
 * filter and the heading ids.
 *
 * The file's format is described at its top.  Examples resolve article:
 * links through a fixed table (see resolve() below), so that both outcomes
 * of the resolver and its failure are covered without a corpus.
 *
 * RENDER_SPEC_BLESS=1 rewrites the file with what the renderer produces
 * now: for adding examples, never for making a failing test pass unread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "markdown.h"
#include "render.h"
#include "util.h"

#include "test.h"

#define FENCE "````````````````````````````````"

/*
 * article:same     -> same-page.html (the page's language)
 * article:orig     -> ../fr/original.html, hreflang fr (the original)
 * article:evil     -> a target whose URL tries to break out of the
 *                     attribute: the renderer must escape it
 * anything else    -> no page: the text stays, the link goes
 */
static int resolve(void *ctx, const char *id, size_t n, struct buf *href,
		   const char **hreflang)
{
	(void)ctx;
	if (memeq(id, n, "same")) {
		buf_adds(href, "same-page.html");
		*hreflang = NULL;
		return 0;
	}
	if (memeq(id, n, "orig")) {
		buf_adds(href, "../fr/original.html");
		*hreflang = "fr";
		return 0;
	}
	if (memeq(id, n, "evil")) {
		buf_adds(href, "x.html\" onclick=\"alert(1)");
		*hreflang = NULL;
		return 0;
	}
	return -1;
}

struct example {
	unsigned line;
	char lang[16];
	unsigned flags;
	struct buf md, want;
};

/* "example lang=fr xhtml notypo" */
static void parse_options(struct example *ex, const char *s)
{
	const char *p = strstr(s, "lang=");

	snprintf(ex->lang, sizeof(ex->lang), "zxx");
	if (p) {
		size_t n = strcspn(p + 5, " \n");

		if (n >= sizeof(ex->lang))
			n = sizeof(ex->lang) - 1;
		memcpy(ex->lang, p + 5, n);
		ex->lang[n] = '\0';
	}
	if (strstr(s, " xhtml"))
		ex->flags |= RENDER_XHTML;
	if (strstr(s, " notypo"))
		ex->flags |= RENDER_NO_TYPO;
}

/* "→" stands for a tab in the Markdown, as in the CommonMark spec. */
static void add_md_line(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i + 3 <= n && !memcmp(s + i, "\xE2\x86\x92", 3)) {
			buf_addc(b, '\t');
			i += 2;
		} else {
			buf_addc(b, s[i]);
		}
	}
}

/*
 * The no-break spaces of French typography are invisible in the file, so
 * it writes them as [NNBSP] (U+202F) and [NBSP] (U+00A0), in the Markdown
 * and in the HTML alike.  to_bytes() reads them, to_marks() writes them.
 */
static const struct { const char *mark, *bytes; } marks[] = {
	{ "[NNBSP]", "\xE2\x80\xAF" },
	{ "[NBSP]", "\xC2\xA0" },
};

static void replace_all(struct buf *b, int to_bytes)
{
	struct buf out = BUF_INIT;
	size_t i = 0, k;

	while (i < b->len) {
		for (k = 0; k < ARRAY_SIZE(marks); k++) {
			const char *from = to_bytes ? marks[k].mark : marks[k].bytes;
			const char *to = to_bytes ? marks[k].bytes : marks[k].mark;
			size_t n = strlen(from);

			if (i + n <= b->len && !memcmp(b->buf + i, from, n)) {
				buf_adds(&out, to);
				i += n;
				break;
			}
		}
		if (k == ARRAY_SIZE(marks))
			buf_addc(&out, b->buf[i++]);
	}
	buf_reset(b);
	buf_add(b, out.buf, out.len);
	buf_release(&out);
}

static void render(const struct example *ex, struct buf *out)
{
	struct md_src src;
	struct render_opts o;

	memset(&o, 0, sizeof(o));
	o.lang = ex->lang;
	o.rtl = !strcmp(ex->lang, "ar");
	o.flags = ex->flags;
	o.resolve = resolve;
	md_src_init(&src, ex->md.buf, ex->md.len, 1);
	render_html(&src, NULL, &o, out, NULL);
	md_src_release(&src);
}

static void unit_checks(void)
{
	static const struct { const char *url; int ok; } urls[] = {
		{ "https://example.org/", 1 }, { "HTTP://example.org", 1 },
		{ "mailto:a@b.org", 1 }, { "tel:+3212345", 1 },
		{ "relative/page.html", 1 }, { "../up.html", 1 },
		{ "#anchor", 1 }, { "?q=1", 1 }, { "//cdn.example.org/x", 1 },
		{ "a b:c", 1 }, { "", 1 },
		{ "javascript:alert(1)", 0 }, { "JavaScript:alert(1)", 0 },
		{ "java\tscript:alert(1)", 0 }, { "data:text/html,x", 0 },
		{ "vbscript:x", 0 }, { "file:///etc/passwd", 0 },
		{ "article:x", 0 }, { "ftp://example.org", 0 },
		{ "\x01javascript:x", 0 },
	};
	static const struct { const char *text, *id; } ids[] = {
		{ "Une réponse qui peut prendre du temps",
		  "une-reponse-qui-peut-prendre-du-temps" },
		{ "Quand la tumeur semble d’abord grossir",
		  "quand-la-tumeur-semble-d-abord-grossir" },
		{ "Größe & Maße", "grosse-masse" },
		{ "  Spaces  ", "spaces" },
		{ "2. Étape", "h-2-etape" },
		{ "?!", "section" },
		{ "", "section" },
		{ "علاج يعمل", "علاج-يعمل" },
		{ "İyi Işık", "iyi-isık" },
		{ "<script>alert(1)</script>", "script-alert-1-script" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(urls); i++)
		CHECK(render_url_allowed(urls[i].url, strlen(urls[i].url), 0) ==
		      urls[i].ok, "render_url_allowed(\"%s\") should be %d",
		      urls[i].url, urls[i].ok);
	CHECK(render_url_allowed("article:x", 9, 1),
	      "article: allowed when asked");
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		struct buf b = BUF_INIT;

		render_heading_id(&b, ids[i].text, strlen(ids[i].text));
		CHECK_STR(b.buf, ids[i].id, "render_heading_id(\"%s\")",
			  ids[i].text);
		buf_release(&b);
	}
	{
		/* control characters HTML and XML refuse become U+FFFD */
		struct example ex;
		struct buf out = BUF_INIT;

		memset(&ex, 0, sizeof(ex));
		snprintf(ex.lang, sizeof(ex.lang), "fr");
		buf_init(&ex.md);
		buf_adds(&ex.md, "a\x01" "b\x7f c\x0b\n\n## t\x02" "i\n");
		render(&ex, &out);
		CHECK_STR(out.buf, "<p>a\xEF\xBF\xBD" "b\xEF\xBF\xBD c\xEF\xBF\xBD</p>\n"
			  "<h2 id=\"t-i\">t\xEF\xBF\xBD" "i</h2>\n", "control characters");
		buf_release(&out);
		buf_release(&ex.md);
	}
	{
		/* a long heading's id stops at 64 bytes, on a character */
		struct buf b = BUF_INIT;
		const char *t = "ééééééééééééééééééééééééééééééééééééééééééééé";

		render_heading_id(&b, t, strlen(t));
		CHECK(b.len <= 64 && b.len > 0, "long id: %zu bytes", b.len);
		buf_release(&b);
	}
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/spec/render_html.txt";
	int bless = getenv("RENDER_SPEC_BLESS") != NULL;
	struct buf file = BUF_INIT, out = BUF_INIT, blessed = BUF_INIT;
	struct example ex;
	const char *p, *end;
	unsigned line = 0;
	int state = 0, count = 0;	/* 0 prose, 1 markdown, 2 html */

	unit_checks();
	if (buf_read_file(&file, path, 1u << 24) != BUF_READ_OK) {
		TEST_FAIL("cannot read %s", path);
		return test_done("render_html_spec");
	}
	memset(&ex, 0, sizeof(ex));
	buf_init(&ex.md);
	buf_init(&ex.want);
	for (p = file.buf, end = file.buf + file.len; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *next = nl ? nl + 1 : end;

		line++;
		if (state == 0) {
			buf_add(&blessed, p, (size_t)(next - p));
			if (n >= strlen(FENCE) + 8 &&
			    !memcmp(p, FENCE " example", strlen(FENCE) + 8)) {
				char opts[128];

				snprintf(opts, sizeof(opts), "%.*s",
					 (int)(n - strlen(FENCE)), p + strlen(FENCE));
				memset(&ex.lang, 0, sizeof(ex.lang));
				ex.flags = 0;
				ex.line = line;
				buf_reset(&ex.md);
				buf_reset(&ex.want);
				parse_options(&ex, opts);
				state = 1;
			}
		} else if (state == 1) {
			buf_add(&blessed, p, (size_t)(next - p));
			if (n == 1 && p[0] == '.')
				state = 2;
			else {
				add_md_line(&ex.md, p, n);
				buf_addc(&ex.md, '\n');
			}
		} else if (n == strlen(FENCE) && !memcmp(p, FENCE, n)) {
			buf_reset(&out);
			replace_all(&ex.md, 1);
			replace_all(&ex.want, 1);
			render(&ex, &out);
			count++;
			if (out.len == ex.want.len &&
			    !memcmp(out.buf, ex.want.buf, out.len)) {
				TEST_PASS();
			} else {
				TEST_FAIL("example %d (line %u, lang=%s)", count,
					  ex.line, ex.lang);
				printf("--- markdown:\n%s--- want:\n%s--- got:\n%s",
				       ex.md.buf, ex.want.buf, out.buf);
			}
			replace_all(&out, 0);
			buf_add(&blessed, out.buf, out.len);
			buf_add(&blessed, p, (size_t)(next - p));
			state = 0;
		} else {
			buf_add(&ex.want, p, n);
			buf_addc(&ex.want, '\n');
		}
		p = next;
	}
	if (state)
		TEST_FAIL("%s: example at line %u is not closed", path, ex.line);
	if (bless && !state) {
		FILE *f = fopen(path, "wb");

		if (f) {
			fwrite(blessed.buf, 1, blessed.len, f);
			fclose(f);
		}
	}
	printf("# %d examples in %s\n", count, path);
	buf_release(&file);
	buf_release(&out);
	buf_release(&blessed);
	buf_release(&ex.md);
	buf_release(&ex.want);
	return test_done("render_html_spec");
}
