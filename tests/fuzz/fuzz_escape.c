/*
 * fuzz_escape.c - every escaping function of escape.h on arbitrary bytes,
 * each checked for what its output must be: HTML text with no markup and
 * no character HTML or XML forbids, JSON strings that parse, one-line
 * terminal text, one-line GitHub annotations, URLs with no space, quote or
 * control character.  All outputs must be valid UTF-8.
 */
#include "fuzz.h"

#include "buf.h"
#include "escape.h"

#include <stdio.h>

static void fail(const char *what, const struct buf *b)
{
	fprintf(stderr, "fuzz: %s:\n%s\n", what, b->buf);
	abort();
}

static int has_byte(const struct buf *b, int (*bad)(unsigned char))
{
	size_t i;

	for (i = 0; i < b->len; i++)
		if (bad((unsigned char)b->buf[i]))
			return 1;
	return 0;
}

static int html_bad(unsigned char c)
{
	return c == '<' || c == '>' || c == '"' || c == '\'' || c == 0x7F ||
	       (c < 0x20 && c != '\t' && c != '\n' && c != '\r');
}

static int line_bad(unsigned char c)
{
	return c < 0x20 || c == 0x7F;
}

static int url_bad(unsigned char c)
{
	return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' ||
	       c == '\'';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct buf b = BUF_INIT;
	int prop;

	escape_html(&b, s, size);
	if (has_byte(&b, html_bad) || !fuzz_utf8_valid(b.buf, b.len) ||
	    strstr(b.buf, "\xEF\xBF\xBE") || strstr(b.buf, "\xEF\xBF\xBF"))
		fail("escape_html", &b);
	/* on valid UTF-8, the faster escaper writes the same bytes; on
	 * anything else, it must still not crash or write markup */
	{
		struct buf fast = BUF_INIT;

		escape_html_utf8(&fast, s, size);
		if (fuzz_utf8_valid(s, size) &&
		    (fast.len != b.len || memcmp(fast.buf, b.buf, b.len)))
			fail("escape_html_utf8 differs from escape_html", &fast);
		if (has_byte(&fast, html_bad))
			fail("escape_html_utf8", &fast);
		buf_release(&fast);
	}
	buf_reset(&b);

	escape_json_str(&b, s, size);
	if (!fuzz_json_valid(b.buf, b.len))
		fail("escape_json_str", &b);
	buf_reset(&b);

	escape_json_script(&b, s, size);
	if (!fuzz_json_valid(b.buf, b.len) || strstr(b.buf, "</") ||
	    strchr(b.buf, '<') || strstr(b.buf, "\xC2\x85"))
		fail("escape_json_script", &b);
	buf_reset(&b);

	escape_text_line(&b, s, size);
	if (has_byte(&b, line_bad) || !fuzz_utf8_valid(b.buf, b.len))
		fail("escape_text_line", &b);
	buf_reset(&b);

	for (prop = 0; prop < 2; prop++) {
		escape_github(&b, s, size, prop);
		if (has_byte(&b, line_bad) || !fuzz_utf8_valid(b.buf, b.len) ||
		    (prop && (strchr(b.buf, ':') || strchr(b.buf, ','))))
			fail("escape_github", &b);
		buf_reset(&b);
	}

	escape_url(&b, s, size);
	if (has_byte(&b, url_bad))
		fail("escape_url", &b);
	buf_release(&b);
	return 0;
}
