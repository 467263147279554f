#include "escape.h"
#include "buf.h"

#include <string.h>

void escape_html(struct buf *b, const char *s, size_t n)
{
	size_t i, start = 0;

	buf_grow(b, n);
	for (i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = i + 1;
	}
	buf_add(b, s + start, n - start);
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static void json_body(struct buf *b, const char *s, size_t n, int script)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned char c = u[i];
		size_t len;

		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, c);
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			switch (c) {
			case '\n': buf_adds(b, "\\n"); break;
			case '\t': buf_adds(b, "\\t"); break;
			case '\r': buf_adds(b, "\\r"); break;
			default: buf_addf(b, "\\u%04x", c); break;
			}
			i++;
		} else if (script && (c == '<' || c == '>' || c == '&')) {
			buf_addf(b, "\\u%04x", c);
			i++;
		} else if ((len = utf8_seq(u + i, n - i)) == 0) {
			buf_adds(b, "\\ufffd");
			i++;
		} else {
			buf_add(b, s + i, len);
			i += len;
		}
	}
}

void escape_json(struct buf *b, const char *s, size_t n)
{
	json_body(b, s, n, 0);
}

void escape_json_str(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	json_body(b, s, n, 0);
	buf_addc(b, '"');
}

void escape_json_script(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	json_body(b, s, n, 1);
	buf_addc(b, '"');
}

void escape_url(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' ||
		    c == '>' || c == '\\' || c == '^' || c == '`' ||
		    c == '{' || c == '|' || c == '}') {
			buf_addc(b, '%');
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		} else if (c == '&') {
			buf_adds(b, "&amp;");
		} else if (c == '\'') {
			buf_adds(b, "&#39;");
		} else {
			buf_addc(b, c);
		}
	}
}

void escape_text_line(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned char c = u[i];
		size_t len;

		if (c == '\n') {
			buf_adds(b, "\\n");
			i++;
		} else if (c == '\t') {
			buf_adds(b, "\\t");
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			buf_addf(b, "\\x%02x", c);
			i++;
		} else if ((len = utf8_seq(u + i, n - i)) == 0) {
			buf_addf(b, "\\x%02x", c);
			i++;
		} else {
			buf_add(b, s + i, len);
			i += len;
		}
	}
}

void escape_github(struct buf *b, const char *s, size_t n, int property)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '%': buf_adds(b, "%25"); break;
		case '\r': buf_adds(b, "%0D"); break;
		case '\n': buf_adds(b, "%0A"); break;
		case ':': if (property) buf_adds(b, "%3A"); else buf_addc(b, ':'); break;
		case ',': if (property) buf_adds(b, "%2C"); else buf_addc(b, ','); break;
		default: buf_addc(b, s[i]);
		}
	}
}
