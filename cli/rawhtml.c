/*
 * rawhtml.c - the inline tags folio renders, the stack that keeps them
 * nested, and the scan of HTML blocks for text (see rawhtml.h).
 */
#include "rawhtml.h"
#include "util.h"

#include <string.h>

static const char *const names[] = {
	[RH_NONE] = "", [RH_SUP] = "sup", [RH_SUB] = "sub", [RH_S] = "s",
	[RH_DEL] = "del", [RH_INS] = "ins", [RH_MARK] = "mark", [RH_BR] = "br",
};

/* Elements that hold no text (HTML's void elements). */
static const char *const voids[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "param", "source", "track", "wbr",
};

const char *rawhtml_name(enum rawhtml_tag t)
{
	return names[t];
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int name_is(const char *s, size_t n, const char *lit)
{
	size_t i;

	if (strlen(lit) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != lit[i])
			return 0;
	return 1;
}

/* Does the attribute list s[0..n) give text: alt, title, aria-label? */
static int text_attr(const char *s, size_t n)
{
	static const char *const text_names[] = { "alt", "title", "aria-label" };
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (i && !is_space((unsigned char)s[i - 1]))
			continue;
		for (k = 0; k < ARRAY_SIZE(text_names); k++) {
			size_t len = strlen(text_names[k]), j;

			if (n - i <= len || !name_is(s + i, len, text_names[k]))
				continue;
			for (j = i + len; j < n && is_space((unsigned char)s[j]); j++)
				;
			if (j < n && s[j] == '=')
				return 1;
		}
	}
	return 0;
}

void rawhtml_inline(const char *s, size_t n, struct rawhtml_inline *r)
{
	size_t i = 1, start, end;
	unsigned k;
	int self_closing = 0, is_void = 0;

	memset(r, 0, sizeof(*r));
	r->kind = RK_TEXT;
	if (n < 3 || s[0] != '<' || s[n - 1] != '>')
		return;
	if (n >= 7 && !memcmp(s, "<!--", 4)) {
		r->kind = RK_COMMENT;
		return;
	}
	if (s[1] == '?' || (s[1] == '!' && s[2] != '[')) {
		/* a processing instruction or a declaration: no text */
		r->kind = RK_EMPTY;
		return;
	}
	if (s[1] == '/') {
		r->closing = 1;
		i = 2;
	}
	start = i;
	while (i < n && (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ||
			 (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
		i++;
	end = i;
	if (end == start)
		return;		/* <![CDATA[...]]>: its text is lost */
	/* what is left: attributes, then "/>" or ">" */
	{
		size_t j = n - 1;

		if (j > i && s[j - 1] == '/') {
			self_closing = 1;
			j--;
		}
		while (i < j && is_space((unsigned char)s[i]))
			i++;
		r->attrs = i < j;
		for (k = 1; k < ARRAY_SIZE(names); k++) {
			if (name_is(s + start, end - start, names[k]) &&
			    !r->attrs && !(self_closing && k != RH_BR) &&
			    !(r->closing && (self_closing || k == RH_BR))) {
				r->kind = RK_RENDERED;
				r->tag = (enum rawhtml_tag)k;
				return;
			}
		}
		for (k = 0; k < ARRAY_SIZE(voids); k++)
			if (name_is(s + start, end - start, voids[k]))
				is_void = 1;
		if ((is_void || self_closing) && !text_attr(s + i, j - i))
			r->kind = RK_EMPTY;
	}
}

int rawhtml_push(struct rawhtml_stack *st, enum rawhtml_tag t,
		 unsigned depth)
{
	if (st->n == RAWHTML_DEPTH)
		return -1;
	st->v[st->n].tag = t;
	st->v[st->n].depth = depth;
	st->n++;
	return 0;
}

int rawhtml_pop(struct rawhtml_stack *st, enum rawhtml_tag t,
		unsigned depth)
{
	if (!st->n || st->v[st->n - 1].tag != t ||
	    st->v[st->n - 1].depth != depth)
		return -1;
	st->n--;
	return 0;
}

enum rawhtml_tag rawhtml_unwind(struct rawhtml_stack *st, unsigned depth)
{
	if (!st->n || st->v[st->n - 1].depth < depth)
		return RH_NONE;
	return st->v[--st->n].tag;
}

enum { SC_OUT, SC_TAG, SC_COMMENT };

int rawhtml_scan(struct rawhtml_scan *sc, const char *s, size_t n,
		 size_t *text_at, size_t *tag_at)
{
	size_t i;
	int found = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (sc->state) {
		case SC_COMMENT:
			if (c == '>' && i >= 2 && s[i - 1] == '-' && s[i - 2] == '-')
				sc->state = SC_OUT;
			else if (c == '>' && i < 2 && sc->quote == '-')
				sc->state = SC_OUT;	/* "--" ended the last run */
			/* remember whether the run ends in "--" */
			sc->quote = (i + 1 == n && c == '-' && i && s[i - 1] == '-') ? '-' : 0;
			break;
		case SC_TAG:
			if (sc->quote) {
				if (c == (unsigned char)sc->quote)
					sc->quote = 0;
			} else if (c == '"' || c == '\'') {
				sc->quote = (char)c;
			} else if (c == '>') {
				sc->state = SC_OUT;
			}
			break;
		default:
			if (c == '<' && i + 3 < n && !memcmp(s + i, "<!--", 4)) {
				sc->state = SC_COMMENT;
				sc->quote = 0;
				i += 3;
			} else if (c == '<' && i + 1 < n &&
				   (((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z') ||
				    s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?')) {
				sc->state = SC_TAG;
				sc->quote = 0;
				if (!sc->tags++) {
					*tag_at = i;
					found |= RAWHTML_TAG;
				}
			} else if (!is_space(c) && !(found & RAWHTML_TEXT)) {
				*text_at = i;
				found |= RAWHTML_TEXT;
			}
			break;
		}
	}
	return found;
}

int rawhtml_scan_open_comment(const struct rawhtml_scan *sc)
{
	return sc->state == SC_COMMENT;
}
