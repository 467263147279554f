/*
 * xliff_seg.c - an article cut into translation units and a skeleton
 * (SPEC 14), and the body rebuilt from the skeleton with targets in place.
 *
 * md4c tells which blocks and spans there are, and hands out text as
 * pointers into the body, but not where the markup is.  The markup is
 * what lies between two pieces of text: each gap is cut among the spans
 * that open and close there, in the order md4c reports them (a '*' for
 * an emphasis, '](url "title")' for the end of a link...), so that every
 * item of a unit owns an exact byte range and the units and the
 * skeleton between them put back together are the body, byte for byte.
 */
#include "xliff.h"

#include "article.h"
#include "markdown.h"
#include "util.h"
#include "yaml_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const code_names[XC__COUNT] = {
	"em", "strong", "del", "link", "image", "code", "break", "autolink",
	"html",
};

const char *xcode_name(enum xcode_kind k)
{
	return k < XC__COUNT ? code_names[k] : "?";
}

static void unit_release(struct xunit *u)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		free(u->items[i].text);
	free(u->items);
	u->items = NULL;
	u->n = u->alloc = 0;
}

void xdoc_release(struct xdoc *x)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		unit_release(&x->units[i]);
	free(x->units);
	x->units = NULL;
	x->n = x->alloc = 0;
}

const struct xunit *xdoc_find(const struct xdoc *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (!strcmp(x->units[i].id, id))
			return &x->units[i];
	return NULL;
}

void xunit_plain(struct buf *b, const struct xunit *u)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		if (u->items[i].type == XI_TEXT)
			buf_add(b, u->items[i].text, u->items[i].len);
}

int xunit_same(const struct xunit *a, const struct xunit *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		const struct xitem *x = &a->items[i], *y = &b->items[i];

		if (x->type != y->type)
			return 0;
		if (x->type == XI_TEXT) {
			if (x->len != y->len || memcmp(x->text, y->text, x->len))
				return 0;
		} else if (x->kind != y->kind || x->id != y->id) {
			return 0;
		}
	}
	return 1;
}

/* A code span's code as a reader reads it: without its backtick runs,
 * one space stripped from each end when both have one, lines joined. */
static void code_text(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, j = n, k;

	while (i < j && s[i] == '`')
		i++;
	while (j > i && s[j - 1] == '`')
		j--;
	if (j - i >= 2 && (s[i] == ' ' || s[i] == '\n') &&
	    (s[j - 1] == ' ' || s[j - 1] == '\n')) {
		for (k = i; k < j && (s[k] == ' ' || s[k] == '\n'); k++)
			;
		if (k < j) {
			i++;
			j--;
		}
	}
	for (k = i; k < j; k++)
		if (s[k] != '\r')
			buf_addc(b, s[k] == '\n' ? ' ' : s[k]);
}

/* Is the inline HTML s[0..n) a line break (<br>, <br/>, <br />)? */
static int html_br(const char *s, size_t n)
{
	size_t i = 3;

	if (n < 4 || s[0] != '<' || (s[1] != 'b' && s[1] != 'B') ||
	    (s[2] != 'r' && s[2] != 'R'))
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && s[i] == '/')
		i++;
	return i + 1 == n && s[i] == '>';
}

void xunit_read_text(struct buf *b, const struct xunit *u, const char *body)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		const struct xitem *it = &u->items[i];

		if (it->type == XI_TEXT) {
			buf_add(b, it->text, it->len);
		} else if (it->type != XI_PH) {
			continue;
		} else if (it->kind == XC_BREAK) {
			buf_addc(b, '\n');
		} else if (!body || it->raw_end <= it->raw) {
			continue;
		} else if (it->kind == XC_CODE) {
			code_text(b, body + it->raw, it->raw_end - it->raw);
		} else if (it->kind == XC_AUTOLINK && it->dest_end > it->dest) {
			buf_add(b, body + it->dest, it->dest_end - it->dest);
		} else if (it->kind == XC_HTML &&
			   html_br(body + it->raw, it->raw_end - it->raw)) {
			buf_addc(b, '\n');
		}
	}
}

static int same_bytes(const char *a, size_t as, size_t ae, const char *b,
		      size_t bs, size_t be)
{
	if (!a || !b)
		return ae - as == be - bs && ae == as;
	return ae - as == be - bs && !memcmp(a + as, b + bs, ae - as);
}

int xunit_differs(const struct xunit *a, const char *abody,
		  const struct xunit *b, const char *bbody)
{
	size_t i;

	if (!xunit_same(a, b))
		return 1;
	if (!same_bytes(abody, a->dest, a->dest_end, bbody, b->dest, b->dest_end))
		return 2;
	for (i = 0; i < a->n; i++) {
		const struct xitem *x = &a->items[i], *y = &b->items[i];

		switch (x->kind) {
		case XC_LINK:
			if (x->type != XI_CLOSE)
				break;
			/* fall through */
		case XC_IMAGE:
			if (!same_bytes(abody, x->dest, x->dest_end, bbody, y->dest,
					y->dest_end))
				return 2;
			break;
		case XC_CODE:
		case XC_AUTOLINK:
		case XC_HTML:
			if (!same_bytes(abody, x->raw, x->raw_end, bbody, y->raw,
					y->raw_end))
				return 2;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* Append an item; text items next to each other become one. */
static struct xitem *unit_add(struct xunit *u, enum xitem_type t, size_t raw,
			      size_t raw_end)
{
	struct xitem *it;

	if (t == XI_TEXT && u->n && u->items[u->n - 1].type == XI_TEXT &&
	    u->items[u->n - 1].raw_end == raw) {
		u->items[u->n - 1].raw_end = raw_end;
		return &u->items[u->n - 1];
	}
	GROW(u->items, u->alloc, u->n + 1);
	it = &u->items[u->n++];
	memset(it, 0, sizeof(*it));
	it->type = t;
	it->raw = raw;
	it->raw_end = raw_end;
	return it;
}

static void item_text(struct xitem *it, const char *s, size_t n)
{
	it->text = xrealloc(it->text, it->len + n + 1);
	memcpy(it->text + it->len, s, n);
	it->len += n;
	it->text[it->len] = '\0';
}

static struct xunit *doc_add(struct xdoc *x, enum xunit_kind k, const char *id)
{
	struct xunit *u;

	GROW(x->units, x->alloc, x->n + 1);
	u = &x->units[x->n++];
	memset(u, 0, sizeof(*u));
	u->kind = k;
	snprintf(u->id, sizeof(u->id), "%s", id);
	return u;
}

/* One unit of the frontmatter: a plain string value. */
static void fm_unit(struct xdoc *x, enum xunit_kind k, const char *id,
		    const struct ynode *n)
{
	const char *s = ynode_str(n);
	struct xunit *u;

	if (!s || !*s)
		return;
	u = doc_add(x, k, id);
	item_text(unit_add(u, XI_TEXT, 0, 0), s, n->len);
}

/* The walk over the body. */
#define MAX_NEST 64

struct frame {
	struct xunit u;		/* being filled */
	unsigned stack[MAX_NEST];	/* open paired codes' ids */
	enum xcode_kind kinds[MAX_NEST];
	int sp;
	size_t open_start;	/* an image: where its "![" starts */
	unsigned skip;		/* inside a code span or an autolink */
};

struct seg {
	struct xdoc *x;
	const char *b;		/* the body */
	size_t len;
	MD_BLOCKTYPE blocks[MAX_NEST * 2];
	int nblocks;
	int in_unit;
	size_t pos;		/* the next byte of the body not yet given out */
	struct frame main, sub;	/* the unit, an image's alt text */
	int in_image;
	/* the units an image or a link title makes, parent first */
	struct xunit *pending;
	size_t npending, apending;
	unsigned nalt, ntitle;
	unsigned count[8];	/* per kind: h p li q img t */
	unsigned table_row, table_col;
	enum xunit_kind kind;
	int bad;		/* the markup could not be followed */
};

enum { N_H, N_P, N_LI, N_Q, N_IMG, N_T };

static int is_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	       (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* Length of a run of c at b[i..]. */
static size_t run_length(const char *b, size_t len, size_t i, char c)
{
	size_t k = i;

	while (k < len && b[k] == c)
		k++;
	return k - i;
}

/*
 * The end of a link's or an image's tail after its ']' at i: "(dest
 * "title")", "[ref]" or nothing.  The title's inner range, when there
 * is one, goes to *ts, *te; the destination's (without <>) to *ds, *de.
 */
static size_t link_tail(const char *b, size_t len, size_t i, size_t *ts,
			size_t *te, size_t *ds, size_t *de)
{
	size_t k;
	int depth = 0;

	*ts = *te = *ds = *de = 0;
	if (i >= len || b[i] != ']')
		return i;
	k = i + 1;
	if (k < len && b[k] == '[') {
		for (k++; k < len && b[k] != ']'; k++)
			if (b[k] == '\\' && k + 1 < len)
				k++;
		return k < len ? k + 1 : i + 1;
	}
	if (k >= len || b[k] != '(')
		return i + 1;
	k++;
	while (k < len && (b[k] == ' ' || b[k] == '\t' || b[k] == '\n' || b[k] == '\r'))
		k++;
	*ds = k;
	if (k < len && b[k] == '<') {
		*ds = k + 1;
		for (k++; k < len && b[k] != '>' && b[k] != '\n'; k++)
			if (b[k] == '\\' && k + 1 < len)
				k++;
		*de = k;
		if (k < len && b[k] == '>')
			k++;
	} else {
		for (; k < len; k++) {
			char c = b[k];

			if (c == '\\' && k + 1 < len) {
				k++;
				continue;
			}
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
			    (c == ')' && depth == 0))
				break;
			if (c == '(')
				depth++;
			else if (c == ')')
				depth--;
		}
		*de = k;
	}
	while (k < len && (b[k] == ' ' || b[k] == '\t' || b[k] == '\n' || b[k] == '\r'))
		k++;
	if (k < len && (b[k] == '"' || b[k] == '\'' || b[k] == '(')) {
		char close = b[k] == '(' ? ')' : b[k];
		size_t s = k + 1;

		for (k++; k < len && b[k] != close; k++)
			if (b[k] == '\\' && k + 1 < len)
				k++;
		if (k < len) {
			*ts = s;
			*te = k;
			k++;
		}
		while (k < len && (b[k] == ' ' || b[k] == '\t' || b[k] == '\n' || b[k] == '\r'))
			k++;
	}
	if (k < len && b[k] == ')')
		return k + 1;
	*ds = *de = 0;
	return i + 1;
}

static struct frame *top_frame(struct seg *s)
{
	return s->in_image ? &s->sub : &s->main;
}

static void add_pending(struct seg *s, struct xunit *u)
{
	GROW(s->pending, s->apending, s->npending + 1);
	s->pending[s->npending++] = *u;
	memset(u, 0, sizeof(*u));
}

/* A title (link or image) between ts and te as a unit of its own. */
static void title_unit(struct seg *s, size_t ts, size_t te)
{
	struct xunit u;
	struct xitem *it;
	size_t k;

	if (te <= ts)
		return;
	memset(&u, 0, sizeof(u));
	u.kind = XU_LINK_TITLE;
	u.start = ts;
	u.end = te;
	snprintf(u.id, sizeof(u.id), "title%u", ++s->ntitle);
	it = unit_add(&u, XI_TEXT, ts, te);
	for (k = ts; k < te; k++) {
		if (s->b[k] == '\\' && k + 1 < te && is_punct(s->b[k + 1]))
			k++;
		item_text(it, s->b + k, 1);
	}
	add_pending(s, &u);
}

/* Give the bytes up to p to the next item (an escape's backslash...). */
static size_t seg_advance(struct seg *s, size_t p)
{
	size_t from = s->pos;

	if (p < s->pos || p > s->len) {
		s->bad = 1;
		return from;
	}
	s->pos = p;
	return from;
}

static void open_code(struct seg *s, enum xcode_kind k, size_t len)
{
	struct frame *f = top_frame(s);
	struct xitem *it;
	size_t from = s->pos;

	if (s->pos + len > s->len) {
		s->bad = 1;
		len = 0;
	}
	s->pos += len;
	it = unit_add(&f->u, XI_OPEN, from, s->pos);
	it->kind = k;
	it->id = ++f->u.ncodes;
	if (f->sp < MAX_NEST) {
		f->stack[f->sp] = it->id;
		f->kinds[f->sp] = k;
	}
	f->sp++;
}

static struct xitem *close_code(struct seg *s, enum xcode_kind k, size_t end)
{
	struct frame *f = top_frame(s);
	struct xitem *it;
	size_t from = s->pos;

	if (end < s->pos || end > s->len) {
		s->bad = 1;
		end = s->pos;
	}
	s->pos = end;
	it = unit_add(&f->u, XI_CLOSE, from, end);
	it->kind = k;
	if (f->sp > 0) {
		f->sp--;
		if (f->sp < MAX_NEST)
			it->id = f->stack[f->sp];
	}
	return it;
}

static struct xitem *ph(struct frame *f, enum xcode_kind k, size_t from,
			size_t end)
{
	struct xitem *it = unit_add(&f->u, XI_PH, from, end);

	it->kind = k;
	it->id = ++f->u.ncodes;
	return it;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct seg *s = ud;
	const char *b = s->b;
	size_t p = s->pos, len = s->len;
	struct frame *f;

	(void)detail;
	if (!s->in_unit)
		return 0;
	f = top_frame(s);
	if (f->skip) {
		f->skip++;
		return 0;
	}
	switch (type) {
	case MD_SPAN_EM:
		open_code(s, XC_EM, p < len && (b[p] == '*' || b[p] == '_'));
		break;
	case MD_SPAN_STRONG:
		open_code(s, XC_STRONG, run_length(b, len, p, b[p]) >= 2 ? 2 : 0);
		break;
	case MD_SPAN_DEL: {
		size_t r = run_length(b, len, p, '~');

		open_code(s, XC_DEL, r > 2 ? 2 : r);
		break;
	}
	case MD_SPAN_A:
		if (p < len && b[p] == '[') {
			open_code(s, XC_LINK, 1);
		} else if (p < len && b[p] == '<') {
			const char *gt = memchr(b + p, '>', len - p);
			size_t end = gt ? (size_t)(gt - b) + 1 : p;
			struct xitem *it = ph(f, XC_AUTOLINK, p, end);

			if (end > p + 1) {
				it->dest = p + 1;
				it->dest_end = end - 1;
			}
			s->pos = end;
			f->skip = 1;
		} else {
			/* a bare URL: its text, given next, is the whole link */
			f->skip = 1;
			f->open_start = p;
			ph(f, XC_AUTOLINK, p, p);
		}
		break;
	case MD_SPAN_IMG:
		if (s->in_image) {
			f->skip = 1;
			break;
		}
		s->in_image = 1;
		memset(&s->sub, 0, sizeof(s->sub));
		s->sub.u.kind = XU_ALT;
		s->sub.open_start = p;
		s->pos = p + (run_length(b, len, p, '!') ? 2 : 0);
		if (s->pos > len) {
			s->bad = 1;
			s->pos = len;
		}
		s->sub.u.start = s->pos;
		break;
	case MD_SPAN_CODE: {
		size_t r = run_length(b, len, p, '`'), k = p + r, end = p;

		while (r && k < len) {
			size_t q = run_length(b, len, k, '`');

			if (q == r) {
				end = k + q;
				break;
			}
			k += q ? q : 1;
		}
		if (end == p)
			s->bad = 1;
		ph(f, XC_CODE, p, end);
		s->pos = end;
		f->skip = 1;
		break;
	}
	default:
		break;
	}
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct seg *s = ud;
	const char *b = s->b;
	size_t p = s->pos, len = s->len, ts, te, ds, de;
	struct frame *f;
	struct xitem *it;

	(void)detail;
	if (!s->in_unit)
		return 0;
	f = top_frame(s);
	if (f->skip) {
		f->skip--;
		if (f->skip == 0 && type == MD_SPAN_A && f->u.n &&
		    f->u.items[f->u.n - 1].kind == XC_AUTOLINK &&
		    f->u.items[f->u.n - 1].raw == f->open_start &&
		    f->u.items[f->u.n - 1].raw_end == f->open_start) {
			f->u.items[f->u.n - 1].raw_end = s->pos;
			f->u.items[f->u.n - 1].dest = f->open_start;
			f->u.items[f->u.n - 1].dest_end = s->pos;
		}
		return 0;
	}
	switch (type) {
	case MD_SPAN_EM:
		close_code(s, XC_EM, p + (p < len && (b[p] == '*' || b[p] == '_')));
		break;
	case MD_SPAN_STRONG:
		close_code(s, XC_STRONG, p + (run_length(b, len, p, b[p]) >= 2 ? 2 : 0));
		break;
	case MD_SPAN_DEL: {
		size_t r = run_length(b, len, p, '~');

		close_code(s, XC_DEL, p + (r > 2 ? 2 : r));
		break;
	}
	case MD_SPAN_A: {
		size_t end = link_tail(b, len, p, &ts, &te, &ds, &de);

		it = close_code(s, XC_LINK, end);
		it->dest = ds;
		it->dest_end = de;
		if (te > ts)
			title_unit(s, ts, te);
		break;
	}
	case MD_SPAN_IMG: {
		size_t end = link_tail(b, len, p, &ts, &te, &ds, &de);
		struct xunit alt;

		if (!s->in_image)
			break;
		s->in_image = 0;
		alt = s->sub.u;
		memset(&s->sub.u, 0, sizeof(s->sub.u));
		alt.end = p;
		it = ph(&s->main, XC_IMAGE, s->sub.open_start, end > p ? end : p);
		it->dest = ds;
		it->dest_end = de;
		s->pos = end > p ? end : p;
		if (alt.n) {
			snprintf(alt.id, sizeof(alt.id), "alt%u", ++s->nalt);
			add_pending(s, &alt);
		} else {
			unit_release(&alt);
		}
		if (te > ts)
			title_unit(s, ts, te);
		break;
	}
	default:
		break;
	}
	return 0;
}

/* A soft or hard line break: trailing blanks, the line end, the next line's prefix. */
static size_t line_break(const char *b, size_t len, size_t p)
{
	while (p < len && (b[p] == ' ' || b[p] == '\t'))
		p++;
	if (p < len && b[p] == '\\')
		p++;
	if (p < len && b[p] == '\r')
		p++;
	if (p < len && b[p] == '\n')
		p++;
	while (p < len && (b[p] == ' ' || b[p] == '\t' || b[p] == '>'))
		p++;
	return p;
}

static int seg_text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE n, void *ud)
{
	struct seg *s = ud;
	struct frame *f;
	struct xitem *it;
	size_t off, from;

	if (!s->in_unit)
		return 0;
	f = top_frame(s);
	if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR) {
		size_t end = line_break(s->b, s->len, s->pos);

		if (f->skip)
			return 0;
		if (type == MD_TEXT_BR) {
			ph(f, XC_BREAK, s->pos, end);
		} else {
			it = unit_add(&f->u, XI_TEXT, s->pos, end);
			item_text(it, " ", 1);
		}
		s->pos = end;
		return 0;
	}
	if (t < s->b || t + n > s->b + s->len) {
		s->bad = 1;
		return 0;
	}
	off = (size_t)(t - s->b);
	if (f->skip) {
		if (off + n > s->pos)
			s->pos = off + n;
		return 0;
	}
	if (type == MD_TEXT_HTML) {
		from = seg_advance(s, off);
		ph(f, XC_HTML, from, off + n);
		s->pos = off + n;
		return 0;
	}
	from = seg_advance(s, off);
	s->pos = off + n;
	it = unit_add(&f->u, XI_TEXT, from, off + n);
	if (type == MD_TEXT_ENTITY) {
		unsigned cp;
		struct buf e = BUF_INIT;

		if (md_entity(t, n, &cp) == 0)
			buf_addcp(&e, cp);
		else
			buf_add(&e, t, n);
		item_text(it, e.buf, e.len);
		buf_release(&e);
	} else if (type == MD_TEXT_NULLCHAR) {
		item_text(it, "\xEF\xBF\xBD", 3);
	} else {
		item_text(it, t, n);
	}
	return 0;
}

/*
 * Where the unit starts: back from its first piece of text over the
 * markup that opens before it.
 */
struct first {
	int found;
	size_t at;
	MD_SPANTYPE opens[MAX_NEST];
	int nopens;
};

static size_t back_over_opens(const char *b, size_t p, const struct first *fi)
{
	int k;

	/* an escaped first character: its backslash is the unit's */
	if (p > 0 && b[p - 1] == '\\' && is_punct(b[p]))
		p--;
	for (k = fi->nopens - 1; k >= 0; k--) {
		switch (fi->opens[k]) {
		case MD_SPAN_EM:
			if (p > 0 && (b[p - 1] == '*' || b[p - 1] == '_'))
				p--;
			break;
		case MD_SPAN_STRONG:
			if (p > 1 && (b[p - 1] == '*' || b[p - 1] == '_') && b[p - 2] == b[p - 1])
				p -= 2;
			break;
		case MD_SPAN_DEL:
			while (p > 0 && b[p - 1] == '~')
				p--;
			break;
		case MD_SPAN_A:
			if (p > 0 && (b[p - 1] == '[' || b[p - 1] == '<'))
				p--;
			break;
		case MD_SPAN_IMG:
			if (p > 1 && b[p - 1] == '[' && b[p - 2] == '!')
				p -= 2;
			break;
		case MD_SPAN_CODE:
			if (p > 1 && b[p - 1] == ' ' && b[p - 2] == '`')
				p--;
			while (p > 0 && b[p - 1] == '`')
				p--;
			break;
		default:
			break;
		}
	}
	return p;
}

/*
 * A first pass over a unit's events finds its start; md4c is run once per
 * body, so the events are kept: a unit is small.
 */
enum ev_type { EV_ENTER, EV_LEAVE, EV_TEXT };

struct ev {
	enum ev_type t;
	MD_SPANTYPE span;
	MD_TEXTTYPE tt;
	const MD_CHAR *p;
	MD_SIZE n;
};

struct walk {
	struct seg s;
	struct ev *ev;
	size_t nev, aev;
};

static unsigned *counter(struct seg *s, int which)
{
	return &s->count[which];
}

/* Where the unit's first text is, past the spans that open before it. */
static int first_text(const struct walk *w, struct first *fi)
{
	const struct seg *s = &w->s;
	size_t i;

	memset(fi, 0, sizeof(*fi));
	for (i = 0; i < w->nev && !fi->found; i++) {
		const struct ev *e = &w->ev[i];

		if (e->t == EV_ENTER && fi->nopens < MAX_NEST)
			fi->opens[fi->nopens++] = e->span;
		else if (e->t == EV_LEAVE && fi->nopens > 0)
			fi->nopens--;
		else if (e->t == EV_TEXT && e->tt != MD_TEXT_BR &&
			 e->tt != MD_TEXT_SOFTBR && e->p >= s->b &&
			 e->p <= s->b + s->len) {
			fi->found = 1;
			fi->at = (size_t)(e->p - s->b);
		}
	}
	return fi->found;
}

/* The events kept for the unit played into its segmenter. */
static void replay(struct walk *w)
{
	struct seg *s = &w->s;
	size_t i;

	s->in_unit = 1;
	for (i = 0; i < w->nev; i++) {
		const struct ev *e = &w->ev[i];

		if (e->t == EV_ENTER)
			enter_span(e->span, NULL, s);
		else if (e->t == EV_LEAVE)
			leave_span(e->span, NULL, s);
		else
			seg_text(e->tt, e->p, e->n, s);
	}
	s->in_unit = 0;
	w->nev = 0;
	if (s->in_image) {
		unit_release(&s->sub.u);
		s->in_image = 0;
	}
	s->main.u.end = s->pos;
}

/* The unit's id by kind and rank: h2, li3, q1, t1r2c3, p4; an image alone
 * is img5. */
static void unit_id(struct seg *s, int img_only, char *id, size_t size)
{
	switch (s->kind) {
	case XU_HEADING:
		snprintf(id, size, "h%u", ++*counter(s, N_H));
		break;
	case XU_LIST_ITEM:
		snprintf(id, size, "li%u", img_only ? 0 : ++*counter(s, N_LI));
		break;
	case XU_QUOTE:
		snprintf(id, size, "q%u", img_only ? 0 : ++*counter(s, N_Q));
		break;
	case XU_CELL:
		snprintf(id, size, "t%ur%uc%u", s->count[N_T], s->table_row,
			 s->table_col);
		break;
	default:
		snprintf(id, size, "p%u", img_only ? 0 : ++*counter(s, N_P));
	}
	if (img_only)
		snprintf(id, size, "img%u", ++*counter(s, N_IMG));
}

/* The unit added to the document (unless an image alone), then its alt
 * texts and link titles, named after it. */
static void add_units(struct seg *s, int img_only, const char *id)
{
	struct xunit *u;
	size_t np;

	if (img_only) {
		/* the image is skeleton: its alt text says where it points */
		for (np = 0; np < s->npending; np++)
			if (s->pending[np].kind == XU_ALT) {
				s->pending[np].dest = s->main.u.items[0].dest;
				s->pending[np].dest_end = s->main.u.items[0].dest_end;
				break;
			}
		unit_release(&s->main.u);
	} else {
		u = doc_add(s->x, s->kind, id);
		*u = s->main.u;
		u->kind = s->kind;
		snprintf(u->id, sizeof(u->id), "%s", id);
	}
	memset(&s->main.u, 0, sizeof(s->main.u));
	for (np = 0; np < s->npending; np++) {
		struct xunit *p = &s->pending[np];
		char sub[40];

		/* alt1 -> p3-alt1; an image alone: img2 for its alt text */
		if (img_only && p->kind == XU_ALT)
			snprintf(sub, sizeof(sub), "%s", id);
		else
			snprintf(sub, sizeof(sub), "%.19s-%.19s", id, p->id);
		u = doc_add(s->x, p->kind, sub);
		sub[0] = '\0';
		snprintf(sub, sizeof(sub), "%s", u->id);
		*u = *p;
		snprintf(u->id, sizeof(u->id), "%s", sub);
	}
	s->npending = 0;
	s->nalt = s->ntitle = 0;
}

static void finish_unit(struct walk *w)
{
	struct seg *s = &w->s;
	struct first fi;
	char id[40];
	int img_only;

	s->in_unit = 0;
	if (!first_text(w, &fi)) {
		w->nev = 0;
		return;
	}
	memset(&s->main, 0, sizeof(s->main));
	s->npending = 0;
	s->in_image = 0;
	s->bad = 0;
	s->pos = back_over_opens(s->b, fi.at, &fi);
	s->main.u.start = s->pos;
	replay(w);
	img_only = s->main.u.n == 1 && s->main.u.items[0].type == XI_PH &&
		   s->main.u.items[0].kind == XC_IMAGE &&
		   (s->kind == XU_PARAGRAPH || s->kind == XU_LIST_ITEM ||
		    s->kind == XU_QUOTE);
	unit_id(s, img_only, id, sizeof(id));
	add_units(s, img_only, id);
}

static void push_ev(struct walk *w, enum ev_type t, MD_SPANTYPE span,
		    MD_TEXTTYPE tt, const MD_CHAR *p, MD_SIZE n)
{
	struct ev *e;

	GROW(w->ev, w->aev, w->nev + 1);
	e = &w->ev[w->nev++];
	e->t = t;
	e->span = span;
	e->tt = tt;
	e->p = p;
	e->n = n;
}

static int leaf(MD_BLOCKTYPE t)
{
	return t == MD_BLOCK_P || t == MD_BLOCK_H || t == MD_BLOCK_TH ||
	       t == MD_BLOCK_TD || t == MD_BLOCK_LI;
}

static enum xunit_kind kind_here(const struct seg *s)
{
	int i;

	switch (s->blocks[s->nblocks - 1]) {
	case MD_BLOCK_H:
		return XU_HEADING;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		return XU_CELL;
	case MD_BLOCK_LI:
		return XU_LIST_ITEM;
	default:
		break;
	}
	for (i = s->nblocks - 2; i >= 0; i--) {
		if (s->blocks[i] == MD_BLOCK_LI)
			return XU_LIST_ITEM;
		if (s->blocks[i] == MD_BLOCK_QUOTE)
			return XU_QUOTE;
	}
	return XU_PARAGRAPH;
}

static int w_enter_block(MD_BLOCKTYPE t, void *detail, void *ud)
{
	struct walk *w = ud;
	struct seg *s = &w->s;

	(void)detail;
	if (s->in_unit)
		finish_unit(w);
	if (t == MD_BLOCK_TABLE) {
		s->count[N_T]++;
		s->table_row = 0;
	} else if (t == MD_BLOCK_TR) {
		s->table_row++;
		s->table_col = 0;
	} else if (t == MD_BLOCK_TH || t == MD_BLOCK_TD) {
		s->table_col++;
	}
	if (s->nblocks < (int)ARRAY_SIZE(s->blocks))
		s->blocks[s->nblocks] = t;
	s->nblocks++;
	return 0;
}

static int w_leave_block(MD_BLOCKTYPE t, void *detail, void *ud)
{
	struct walk *w = ud;
	struct seg *s = &w->s;

	(void)t;
	(void)detail;
	if (s->in_unit)
		finish_unit(w);
	if (s->nblocks > 0)
		s->nblocks--;
	return 0;
}

/* Events go to the unit of the leaf block they are in, if any. */
static int here_ok(struct walk *w)
{
	struct seg *s = &w->s;
	MD_BLOCKTYPE top;

	if (s->nblocks < 1 || s->nblocks > (int)ARRAY_SIZE(s->blocks))
		return 0;
	top = s->blocks[s->nblocks - 1];
	if (!leaf(top))
		return 0;
	if (!s->in_unit) {
		s->in_unit = 1;
		s->kind = kind_here(s);
	}
	return 1;
}

static int w_enter_span(MD_SPANTYPE t, void *detail, void *ud)
{
	(void)detail;
	if (here_ok(ud))
		push_ev(ud, EV_ENTER, t, 0, NULL, 0);
	return 0;
}

static int w_leave_span(MD_SPANTYPE t, void *detail, void *ud)
{
	(void)detail;
	if (here_ok(ud))
		push_ev(ud, EV_LEAVE, t, 0, NULL, 0);
	return 0;
}

static int w_text(MD_TEXTTYPE t, const MD_CHAR *p, MD_SIZE n, void *ud)
{
	if (here_ok(ud))
		push_ev(ud, EV_TEXT, 0, t, p, n);
	return 0;
}

void xliff_segment(struct xdoc *x, const struct article *a)
{
	const struct ynode *root = a->fm.root, *src;
	struct walk w;
	struct md_src ms;
	MD_PARSER parser;
	size_t i;

	x->body = a->body;
	x->body_len = a->body_len;
	if (root) {
		fm_unit(x, XU_TITLE, "title", ymap_get(root, "title"));
		fm_unit(x, XU_SUMMARY, "summary", ymap_get(root, "summary"));
		src = ymap_get(root, "sources");
		if (src && src->type == Y_SEQ)
			for (i = 0; i < src->n; i++) {
				char id[32];

				snprintf(id, sizeof(id), "source%zu", i + 1);
				if (src->items[i]->type == Y_MAP)
					fm_unit(x, XU_SOURCE, id,
						ymap_get(src->items[i], "title"));
			}
	}
	if (!a->body)
		return;
	memset(&w, 0, sizeof(w));
	w.s.x = x;
	w.s.b = a->body;
	w.s.len = a->body_len;
	memset(&parser, 0, sizeof(parser));
	parser.flags = FOLIO_MD_FLAGS;
	parser.enter_block = w_enter_block;
	parser.leave_block = w_leave_block;
	parser.enter_span = w_enter_span;
	parser.leave_span = w_leave_span;
	parser.text = w_text;
	md_src_init(&ms, a->body, a->body_len, a->body_line);
	md_run(&ms, &parser, &w);
	if (w.s.in_unit)
		finish_unit(&w);
	md_src_release(&ms);
	free(w.ev);
	free(w.s.pending);
}

/* Rebuilding. */
struct rebuild {
	struct buf *out;
	const struct xdoc *x;
	const struct xtarget *t;
	const struct xdoc *trans;
	const long *counterpart;
	const struct xsplice *sp;
	size_t nsp;
};

static int body_unit(const struct xunit *u)
{
	return u->kind != XU_TITLE && u->kind != XU_SUMMARY && u->kind != XU_SOURCE;
}

static void emit_unit(struct rebuild *r, size_t j);

/* The original's bytes [a, b), each splice inside them in place of its
 * own (a splice lies inside one code, never across a unit's edge). */
static void put_body(struct rebuild *r, size_t a, size_t b)
{
	size_t lo = 0, hi = r->nsp;

	/* the first splice that ends after a */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->sp[mid].end <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < r->nsp && r->sp[lo].start < b; lo++) {
		const struct xsplice *p = &r->sp[lo];

		if (p->start < a || p->end > b)
			continue;
		buf_add(r->out, r->x->body + a, p->start - a);
		buf_add(r->out, p->s, p->n);
		a = p->end;
	}
	buf_add(r->out, r->x->body + a, b - a);
}

/*
 * The body's bytes [a, b), with the units from the from-th on that lie
 * inside them rebuilt (a unit's own range holds only units after it).
 */
static void emit_range(struct rebuild *r, size_t a, size_t b, size_t from)
{
	const struct xdoc *x = r->x;
	size_t j, at = a;

	for (j = from; j < x->n; j++) {
		const struct xunit *u = &x->units[j];

		if (!body_unit(u))
			continue;
		if (u->start >= b)
			break;	/* units are in the order of their start */
		if (u->start < at || u->end > b)
			continue;
		put_body(r, at, u->start);
		emit_unit(r, j);
		at = u->end;
	}
	put_body(r, at, b);
}

/*
 * Text a translator wrote, as Markdown that reads back as that text: the
 * characters that could start markup are escaped, a line end is a space
 * (a new line could end the block).
 */
static void md_escape(struct buf *b, const char *s, size_t n, int at_start,
		      int cell)
{
	size_t i = 0;

	if (at_start) {
		size_t d = 0;

		while (d < n && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d && d < n && (s[d] == '.' || s[d] == ')')) {
			buf_add(b, s, d);
			buf_addc(b, '\\');
			i = d;
		} else if (n && (s[0] == '#' || s[0] == '-' || s[0] == '+' ||
				 s[0] == '=' || s[0] == '>')) {
			buf_addc(b, '\\');
		}
	}
	for (; i < n; i++) {
		char c = s[i];

		switch (c) {
		case '\\': case '*': case '_': case '`': case '[': case ']':
		case '<': case '>': case '~':
			buf_addc(b, '\\');
			buf_addc(b, c);
			break;
		case '|':
			if (cell)
				buf_addc(b, '\\');
			buf_addc(b, c);
			break;
		case '&':
			if (i + 1 < n && (s[i + 1] == '#' ||
					  (s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
					  (s[i + 1] >= 'A' && s[i + 1] <= 'Z')))
				buf_addc(b, '\\');
			buf_addc(b, c);
			break;
		case '\r':
			break;
		case '\n':
			buf_addc(b, ' ');
			break;
		default:
			buf_addc(b, c);
		}
	}
}

static const struct xitem *code_item(const struct xunit *u, enum xitem_type t,
				     unsigned id)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		if (u->items[i].type == t && u->items[i].id == id)
			return &u->items[i];
	return NULL;
}

/* A title's text between its quotes. */
static void title_escape(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' || s[i] == '"' || s[i] == '\'' || s[i] == '(' ||
		    s[i] == ')')
			buf_addc(b, '\\');
		buf_addc(b, s[i] == '\n' ? ' ' : s[i]);
	}
}

/* What stands before or after item i: a code's type and id, or nothing. */
static unsigned neighbour(const struct xunit *u, size_t i, int dir)
{
	long k = (long)i + dir;

	if (k < 0 || (size_t)k >= u->n)
		return 0;
	return (unsigned)u->items[k].type << 24 | u->items[k].id;
}

/*
 * The source's text item that target item i repeats unchanged between the
 * same codes: its Markdown is kept as written (line ends, escapes and
 * entities included).
 */
static const struct xitem *same_text(const struct xunit *src,
				     const struct xunit *tgt, size_t i)
{
	const struct xitem *t = &tgt->items[i];
	unsigned before = neighbour(tgt, i, -1), after = neighbour(tgt, i, 1);
	size_t k;

	for (k = 0; k < src->n; k++) {
		const struct xitem *s = &src->items[k];

		if (s->type == XI_TEXT && s->len == t->len &&
		    !memcmp(s->text, t->text, t->len) &&
		    neighbour(src, k, -1) == before && neighbour(src, k, 1) == after)
			return s;
	}
	return NULL;
}

static void emit_unit(struct rebuild *r, size_t j)
{
	const struct xunit *src = &r->x->units[j];
	const struct xtarget *t = r->t ? &r->t[j] : NULL;
	const struct xunit *tu;
	size_t i;

	if (!t || t->state != XT_TRANSLATED) {
		if (r->trans && r->counterpart && r->counterpart[j] >= 0 &&
		    (size_t)r->counterpart[j] < r->trans->n &&
		    body_unit(tu = &r->trans->units[r->counterpart[j]])) {
			buf_add(r->out, r->trans->body + tu->start, tu->end - tu->start);
			return;
		}
		emit_range(r, src->start, src->end, j + 1);
		return;
	}
	if (xunit_same(&t->unit, src)) {
		emit_range(r, src->start, src->end, j + 1);
		return;
	}
	for (i = 0; i < t->unit.n; i++) {
		const struct xitem *it = &t->unit.items[i];
		const struct xitem *c;

		if (it->type == XI_TEXT) {
			const struct xitem *same = same_text(src, &t->unit, i);

			if (same) {
				emit_range(r, same->raw, same->raw_end, j + 1);
				continue;
			}
			if (src->kind == XU_LINK_TITLE) {
				title_escape(r->out, it->text, it->len);
				continue;
			}
			md_escape(r->out, it->text, it->len,
				  i == 0 && src->kind != XU_CELL &&
				  src->kind != XU_ALT && src->kind != XU_LINK_TITLE,
				  src->kind == XU_CELL);
			continue;
		}
		c = code_item(src, it->type, it->id);
		if (c)
			emit_range(r, c->raw, c->raw_end, j + 1);
	}
}

void xliff_rebuild(struct buf *out, const struct xdoc *x,
		   const struct xtarget *targets, const struct xdoc *trans,
		   const long *counterpart, const struct xsplice *sp, size_t nsp)
{
	struct rebuild r = { out, x, targets, trans, counterpart, sp, nsp };

	emit_range(&r, 0, x->body_len, 0);
}
