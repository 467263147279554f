/*
 * directive.c - the folio: comments of a body, checked (directive.h).
 */
#include "directive.h"
#include "diag.h"
#include "markdown.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

static int blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* At most 40 bytes of a word for a message, whole characters only. */
static int shown(const char *s, size_t n)
{
	if (n > 40) {
		n = 40;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	return (int)n;
}

/* The comment [s, e) (from its "<!--" to its "-->"), when it is one. */
static void check_one(const struct md_src *src, const char *file,
		      const char *s, const char *e, struct diag_list *d)
{
	struct pos p = md_src_pos(src, s);
	const char *q, *w;

	for (s += 4; s < e && blank(*s); s++)
		;
	if (e - s < 6 || memcmp(s, "folio:", 6))
		return;		/* an ordinary comment */
	for (w = s + 6; w < e && blank(*w); w++)
		;
	for (q = w; q < e && !blank(*q); q++)
		;
	if (q - w != 6 || memcmp(w, "ignore", 6)) {
		diag(d, R_DIRECTIVE, file, p.line, p.col, NULL,
		     "unknown folio: directive '%.*s' (the one there is: "
		     "'folio: ignore RULE, ...'): it does nothing",
		     shown(w, (size_t)(q - w)), w);
		return;
	}
	for (w = q; w < e; w = q) {
		char name[64];

		while (w < e && (blank(*w) || *w == ','))
			w++;
		for (q = w; q < e && !blank(*q) && *q != ','; q++)
			;
		if (q == w)
			break;
		snprintf(name, sizeof(name), "%.*s", (int)(q - w), w);
		if ((size_t)(q - w) >= sizeof(name) ||
		    (rule_by_id(name) < 0 && strncmp(name, "style:", 6)))
			diag(d, R_DIRECTIVE, file, p.line, p.col, NULL,
			     "'folio: ignore' names no rule: '%.*s' (it silences "
			     "nothing)", shown(w, (size_t)(q - w)), w);
	}
}

void directives_check(const struct md_src *src, const char *file,
		      const char *s, const char *e, struct diag_list *d)
{
	while (s && s < e) {
		const char *open = find_bytes(s, (size_t)(e - s), "<!--", 4);
		const char *close;

		if (!open)
			return;
		close = find_bytes(open + 4, (size_t)(e - open - 4), "-->", 3);
		if (!close)
			return;
		check_one(src, file, open, close, d);
		s = close + 3;
	}
}
