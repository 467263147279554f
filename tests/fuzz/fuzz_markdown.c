/*
 * fuzz_markdown.c - article bodies through the body checks (md_check,
 * as validate runs them) and every renderer of render.h, with and
 * without the checks teed in.  The first byte picks the page language
 * and the flags, the second the text width and RENDER_IMG_ALT; the rest
 * is the body.
 *
 * Beyond the sanitizers it asserts what render.h promises: valid UTF-8
 * in gives valid UTF-8 out, and no markup the author typed (a <script>,
 * an <iframe>, a javascript: link) ever reaches the HTML; and that the
 * text wrapper measures words as a reading one character at a time does.
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include "buf.h"
#include "diag.h"
#include "markdown.h"
#include "render.h"
#include "typo.h"
#include "wrap.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const langs[] = {
	"fr", "en", "de", "nl", "tr", "ar", "", "fr-BE", "zxx", "pt",
	"FR", "de-CH", "ar-MA", "x", "en-GB", "nl-BE",
};

/* --width values, from the degenerate to the default (0) and beyond */
static const unsigned widths[] = {
	0, 1, 2, 3, 4, 8, 12, 20, 40, 72, 80, 100, 1000, 65535, 5, 7,
};

/* article:<id>: ids starting with 'x' do not resolve; others do. */
static int resolve(void *ctx, const char *id, size_t n, struct buf *href,
		   const char **hreflang)
{
	(void)ctx;
	if (!n || id[0] == 'x')
		return -1;
	buf_adds(href, "../en/");
	buf_add(href, id, n);
	buf_adds(href, ".html");
	*hreflang = id[0] == 'e' ? "en" : NULL;
	return 0;
}

/*
 * The scheme of every href="..." and src="..." in the output is one that
 * render.h allows (the URL as written, before any unescaping: an entity
 * cannot hide a scheme from a browser, since '&' cannot start one).
 */
static int bad_url(const char *html)
{
	static const char *const attrs[] = { "href=\"", "src=\"" };
	size_t a;

	for (a = 0; a < 2; a++) {
		const char *p = html;

		while ((p = strstr(p, attrs[a]))) {
			const char *v = p + strlen(attrs[a]), *q = v;

			while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			       (q > v && ((*q >= '0' && *q <= '9') || *q == '+' ||
					  *q == '-' || *q == '.')))
				q++;
			if (*q == ':' && q > v &&
			    !(q - v == 4 && !strncasecmp(v, "http", 4)) &&
			    !(q - v == 5 && !strncasecmp(v, "https", 5)) &&
			    !(q - v == 6 && !strncasecmp(v, "mailto", 6)) &&
			    !(q - v == 3 && !strncasecmp(v, "tel", 3)))
				return 1;
			p = v;
		}
	}
	return 0;
}

/* A control character that is not a character of HTML or XML text. */
static int has_control(const struct buf *out)
{
	size_t i;

	for (i = 0; i < out->len; i++) {
		unsigned char c = (unsigned char)out->buf[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
			return 1;
	}
	return 0;
}

static void check_output(const struct buf *out, int utf8_in, int html)
{
	if (html && has_control(out)) {
		fprintf(stderr, "fuzz: a control character in the HTML:\n%s\n",
			out->buf);
		abort();
	}
	if (out->buf[out->len] != '\0')
		abort();
	if (utf8_in && !fuzz_utf8_valid(out->buf, out->len)) {
		fprintf(stderr, "fuzz: valid UTF-8 in, invalid out:\n%s\n",
			out->buf);
		abort();
	}
	if (html && (memmem(out->buf, out->len, "<script", 7) ||
	    memmem(out->buf, out->len, "<iframe", 7) ||
	    bad_url(out->buf))) {
		fprintf(stderr, "fuzz: author markup reached the output:\n%s\n",
			out->buf);
		abort();
	}
}

static void render_one(render_body_fn fn, const struct md_src *src,
		       const struct render_opts *o, int with_check,
		       int utf8_in, int html, struct diag_list *diags)
{
	struct buf out = BUF_INIT;
	struct render_info info = RENDER_INFO_INIT;
	struct article_meta meta;
	struct md_check *chk = NULL;
	size_t i;

	memset(&meta, 0, sizeof(meta));
	if (with_check)
		chk = md_check_new(src, "fuzz/fr.md", &meta, diags);
	fn(src, chk, o, &out, &info);
	check_output(&out, utf8_in, html);
	for (i = 0; i < info.nheadings; i++) {
		if (!info.headings[i].id || !info.headings[i].id[0] ||
		    !info.headings[i].text)
			abort();
		if (utf8_in && !fuzz_utf8_valid(info.headings[i].text,
						strlen(info.headings[i].text)))
			abort();
	}
	render_info_release(&info);
	md_check_free(chk);
	article_meta_release(&meta);
	buf_release(&out);
}

/*
 * RENDER_VALID_UTF8 only takes a faster escaper: on valid UTF-8 the page
 * must be the same byte for byte.
 */
static void same_when_valid(const struct md_src *src, const struct render_opts *o)
{
	struct render_opts fast = *o;
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct render_info ia = RENDER_INFO_INIT, ib = RENDER_INFO_INIT;

	fast.flags |= RENDER_VALID_UTF8;
	render_html(src, NULL, o, &a, &ia);
	render_html(src, NULL, &fast, &b, &ib);
	if (a.len != b.len || memcmp(a.buf, b.buf, a.len)) {
		fprintf(stderr, "fuzz: RENDER_VALID_UTF8 changed the page:\n%s\n"
			"---\n%s\n", a.buf, b.buf);
		abort();
	}
	render_info_release(&ia);
	render_info_release(&ib);
	buf_release(&a);
	buf_release(&b);
}

/* md_src_pos() against a plain count from the start of the text. */
static void check_positions(const struct md_src *src, unsigned step)
{
	unsigned line = src->first_line, col = 1;
	size_t i;

	for (i = 0; i <= src->len; i++) {
		if (i % step == 0 || i == src->len) {
			struct pos p = md_src_pos(src, src->text + i);

			if (p.line != line || p.col != col) {
				fprintf(stderr, "fuzz: md_src_pos at %zu: %u:%u, "
					"counted %u:%u\n", i, p.line, p.col,
					line, col);
				abort();
			}
		}
		if (i == src->len)
			break;
		if (src->text[i] == '\n')
			line++, col = 1;
		else if (((unsigned char)src->text[i] & 0xC0) != 0x80)
			col++;
	}
}

/*
 * The wrapping engine's reading of a word (wrap_word: 16 bytes at a time
 * where it can) against one character at a time, from every offset of
 * the body up to 40 bytes on (the first 512 bytes of it).
 */
static void check_words(const char *s, size_t n)
{
	size_t a, b;

	for (a = 0; a < n && a < 512; a++) {
		for (b = a; b <= n && b <= a + 40; b++) {
			unsigned w1, f1, l1, w2, f2, l2;
			size_t k1 = wrap_word(s + a, b - a, a, &w1, &f1, &l1);
			size_t k2 = fuzz_wrap_word(s + a, b - a, &w2, &f2, &l2);

			if (k1 != k2 || w1 != w2 || f1 != f2 || l1 != l2) {
				fprintf(stderr, "fuzz: wrap_word at %zu, %zu bytes: "
					"%zu, width %u, U+%04X..U+%04X; one at a "
					"time: %zu, width %u, U+%04X..U+%04X\n",
					a, b - a, k1, w1, f1, l1, k2, w2, f2, l2);
				abort();
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct article_meta meta;
	struct md_check *chk;
	struct md_src src;
	struct render_opts o;
	unsigned cfg, cfg2;
	int utf8_in;
	char *body;

	if (size < 2)
		return 0;
	cfg = data[0];
	cfg2 = data[1];
	data++;
	size--;
	/*
	 * Bodies always come from a struct buf, so a NUL follows them; md4c
	 * 0.4.8 relies on it (it reads the byte after the end: see
	 * tests/fuzz/README.md), so the harness gives it one too.
	 */
	body = fuzz_strndup((const char *)data + 1, size - 1);
	size--;
	utf8_in = fuzz_utf8_valid(body, size) && !memchr(body, 0, size);

	/* as validate runs it */
	md_src_init(&src, body, size, 1 + (cfg >> 6));
	/* at most ~2000 positions: each may count a long line */
	check_positions(&src, size / 2000 > 1 + cfg % 61 ? (unsigned)(size / 2000) :
			1 + cfg % 61);
	memset(&meta, 0, sizeof(meta));
	chk = md_check_new(&src, "fuzz/fr.md", &meta, &diags);
	md_check_run(chk);
	md_check_free(chk);
	article_meta_release(&meta);

	memset(&o, 0, sizeof(o));
	o.lang = langs[cfg & 15];
	o.rtl = o.lang[0] == 'a';
	o.flags = (cfg & 16) ? RENDER_XHTML : 0;
	if (cfg & 32)
		o.flags |= RENDER_NO_TYPO;
	o.typo_flags = (cfg >> 6) == 1 ? TYPO_NO_NNBSP :
		       (cfg >> 6) == 2 ? TYPO_NO_NBSP : 0;
	o.resolve = (cfg & 128) ? NULL : resolve;
	if (cfg2 & 16)
		o.flags |= RENDER_IMG_ALT;
	o.width = widths[cfg2 & 15];

	render_one(render_html, &src, &o, 1, utf8_in, 1, &diags);
	render_one(render_html, &src, &o, 0, utf8_in, 1, &diags);
	if (utf8_in)
		same_when_valid(&src, &o);
#ifdef HAVE_RENDER_TEXT
	render_one(render_text, &src, &o, 1, utf8_in, 0, &diags);
#endif
	check_words(body, size);
	md_src_release(&src);
	free(body);
	fuzz_check_diags(&diags);
	return 0;
}
