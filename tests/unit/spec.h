/*
 * spec.h - the literate golden files of tests/spec/ (render_html.txt,
 * render_text.txt), as cmark's spec files: prose, and examples that are
 * a line of 32 backticks followed by "example" and options, the input, a
 * line holding a single ".", the expected output, and a closing line of
 * 32 backticks.
 *
 * spec_run() reads the file, hands each example to the runner's render
 * function and compares byte for byte.  In input and output alike "→"
 * stands for a tab (input only), and the invisible spaces are written
 * [NNBSP] (U+202F) and [NBSP] (U+00A0).  With SPEC_BLESS=1 in the
 * environment the file is rewritten with what the renderer produces now:
 * for adding examples, never for making a failing test pass unread.
 *
 * Header-only: each runner is one program.
 */
#ifndef FOLIO_TEST_SPEC_H
#define FOLIO_TEST_SPEC_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "render.h"
#include "util.h"

#include "test.h"

#define SPEC_FENCE "````````````````````````````````"

/* Render md (after marks and tabs are read) with the example's options. */
typedef void (*spec_render_fn)(const char *opts, const struct buf *md,
			       struct buf *out);

static const struct { const char *mark, *bytes; } spec_marks[] = {
	{ "[NNBSP]", "\xE2\x80\xAF" },
	{ "[NBSP]", "\xC2\xA0" },
};

/* Marks to bytes (to_bytes) or back, in place. */
static void spec_marks_replace(struct buf *b, int to_bytes)
{
	struct buf out = BUF_INIT;
	size_t i = 0, k;

	while (i < b->len) {
		for (k = 0; k < sizeof(spec_marks) / sizeof(spec_marks[0]); k++) {
			const char *from = to_bytes ? spec_marks[k].mark : spec_marks[k].bytes;
			const char *to = to_bytes ? spec_marks[k].bytes : spec_marks[k].mark;
			size_t n = strlen(from);

			if (i + n <= b->len && !memcmp(b->buf + i, from, n)) {
				buf_adds(&out, to);
				i += n;
				break;
			}
		}
		if (k == sizeof(spec_marks) / sizeof(spec_marks[0]))
			buf_addc(&out, b->buf[i++]);
	}
	buf_reset(b);
	buf_add(b, out.buf, out.len);
	buf_release(&out);
}

static void spec_add_input(struct buf *b, const char *s, size_t n)
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
	buf_addc(b, '\n');
}

/* Run every example of path; returns the number of examples. */
static int spec_run(const char *path, spec_render_fn render)
{
	struct buf file = BUF_INIT, md = BUF_INIT, want = BUF_INIT,
		   out = BUF_INIT, blessed = BUF_INIT;
	const char *p, *end;
	char opts[256] = "";
	unsigned line = 0, at = 0;
	int state = 0, count = 0;	/* 0 prose, 1 input, 2 output */
	int bless = getenv("SPEC_BLESS") != NULL;

	if (buf_read_file(&file, path, 1u << 24) != BUF_READ_OK) {
		TEST_FAIL("cannot read %s", path);
		return 0;
	}
	for (p = file.buf, end = file.buf + file.len; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *next = nl ? nl + 1 : end;
		size_t flen = strlen(SPEC_FENCE);

		line++;
		if (state == 0) {
			buf_add(&blessed, p, (size_t)(next - p));
			if (n >= flen + 8 && !memcmp(p, SPEC_FENCE " example", flen + 8)) {
				snprintf(opts, sizeof(opts), "%.*s ", (int)(n - flen - 8),
					 p + flen + 8);
				at = line;
				buf_reset(&md);
				buf_reset(&want);
				state = 1;
			}
		} else if (state == 1) {
			buf_add(&blessed, p, (size_t)(next - p));
			if (n == 1 && p[0] == '.')
				state = 2;
			else
				spec_add_input(&md, p, n);
		} else if (n == flen && !memcmp(p, SPEC_FENCE, n)) {
			spec_marks_replace(&md, 1);
			spec_marks_replace(&want, 1);
			buf_reset(&out);
			render(opts, &md, &out);
			count++;
			if (out.len == want.len && !memcmp(out.buf, want.buf, out.len)) {
				TEST_PASS();
			} else {
				struct buf g = BUF_INIT, w = BUF_INIT;

				buf_add(&g, out.buf, out.len);
				buf_add(&w, want.buf, want.len);
				spec_marks_replace(&g, 0);
				spec_marks_replace(&w, 0);
				TEST_FAIL("%s: example %d (line %u,%s)", path, count, at, opts);
				printf("--- input:\n%s--- want:\n%s--- got:\n%s", md.buf,
				       w.buf, g.buf);
				buf_release(&g);
				buf_release(&w);
			}
			spec_marks_replace(&out, 0);
			buf_add(&blessed, out.buf, out.len);
			buf_add(&blessed, p, (size_t)(next - p));
			state = 0;
		} else {
			buf_add(&want, p, n);
			buf_addc(&want, '\n');
		}
		p = next;
	}
	if (state)
		TEST_FAIL("%s: example at line %u is not closed", path, at);
	if (bless && !state) {
		FILE *f = fopen(path, "wb");

		if (f) {
			fwrite(blessed.buf, 1, blessed.len, f);
			fclose(f);
		}
	}
	buf_release(&file);
	buf_release(&md);
	buf_release(&want);
	buf_release(&out);
	buf_release(&blessed);
	return count;
}

/*
 * The article: links of every example file resolve through this table:
 * article:same     -> same-page.html (the page's language)
 * article:orig     -> ../fr/original.html, hreflang fr (the original)
 * article:evil     -> a target whose URL tries to break out of the
 *                     attribute: the renderer must escape it
 * anything else    -> no page: the text stays, the link goes
 */
static int spec_resolve(void *ctx, const char *id, size_t n, struct buf *href,
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

/* The value of "name=" in an example's options ("" when absent). */
static void spec_opt(const char *opts, const char *name, char *out, size_t size)
{
	char key[32];
	const char *p;
	size_t n;

	snprintf(key, sizeof(key), " %s=", name);
	p = strstr(opts, key);
	out[0] = '\0';
	if (!p)
		return;
	p += strlen(key);
	n = strcspn(p, " ");
	if (n >= size)
		n = size - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

/* Is the word flag among the options? */
static int spec_flag(const char *opts, const char *flag)
{
	char key[32];

	snprintf(key, sizeof(key), " %s ", flag);
	return strstr(opts, key) != NULL;
}

#endif
