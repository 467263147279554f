/*
 * blocks.c - an article's text as blocks (SPEC 12.3), its digest (12.1),
 * and the alignment of two versions of one original with each change
 * classed editorial, content or safety.
 *
 * md4c gives no block ranges, only the text runs inside them; a block's
 * source is the lines from its first run to its last, with the container
 * prefixes ("> ", list indentation) and its own marker taken off.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>
#include <sha2.h>
#include <utf8proc.h>

#include "article.h"
#include "blocks.h"
#include "diag.h"
#include "markdown.h"
#include "numbers.h"
#include "util.h"

static const char *const kind_names[BLK__COUNT] = {
	"title", "summary", "source", "heading", "paragraph", "list-item",
	"table-row", "code", "image", "quote",
};

const char *block_kind_name(enum block_kind k)
{
	return (unsigned)k < BLK__COUNT ? kind_names[k] : "?";
}

const char *change_kind_name(enum change_kind k)
{
	static const char *const names[] = { "changed", "added", "removed", "moved" };

	return (unsigned)k < ARRAY_SIZE(names) ? names[k] : "?";
}

const char *change_class_name(enum change_class c)
{
	static const char *const names[] = { "editorial", "content", "safety", "unknown" };

	return (unsigned)c < ARRAY_SIZE(names) ? names[c] : "?";
}

/* ---- storage ---------------------------------------------------------- */

/* Copy s[0..n) to storage that never moves; NUL-terminated. */
/* What a chunk holds at least: the strings of several blocks. */
#define STORE_CHUNK 8192

static char *list_chunk(struct block_list *l, size_t size)
{
	char *p = xmalloc(size);

	/* room for 8, then doubled at each power of two: one realloc per
	 * store made storing quadratic (ASan's realloc always moves) */
	if (l->nchunks == 0 || (l->nchunks >= 8 && !(l->nchunks & (l->nchunks - 1))))
		l->chunks = xrealloc(l->chunks, (l->nchunks ? 2 * l->nchunks : 8) *
				     sizeof(*l->chunks));
	l->chunks[l->nchunks++] = p;
	return p;
}

/* A copy of s[0..n), NUL-terminated, that stays where it is until the
 * list is released: strings share chunks, one allocation for many. */
static const char *list_store(struct block_list *l, const char *s, size_t n)
{
	char *p;

	if (n + 1 > l->room) {
		if (n + 1 > STORE_CHUNK / 4) {
			/* a long one gets its own, the chunk stays open */
			p = list_chunk(l, n + 1);
			goto copy;
		}
		l->at = list_chunk(l, STORE_CHUNK);
		l->room = STORE_CHUNK;
	}
	p = l->at;
	l->at += n + 1;
	l->room -= n + 1;
copy:
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void block_list_release(struct block_list *l)
{
	size_t i;

	for (i = 0; i < l->nchunks; i++)
		free(l->chunks[i]);
	free(l->chunks);
	free(l->v);
	buf_release(&l->store);
	buf_release(&l->tmp);
	l->v = NULL;
	l->chunks = NULL;
	l->at = NULL;
	l->n = l->alloc = l->nchunks = l->room = 0;
}

/*
 * Is s[0..n) NFC as it stands, by a quick look?  Every character is a
 * starter that NFC leaves alone: below U+0300, or in the Greek to Arabic
 * blocks or general punctuation with combining class 0 and no
 * decomposition but one that composes back.  Anything else (a combining
 * mark, Hangul, a singleton) takes the full normalization.  Most of a
 * corpus's text passes, and skips utf8proc_map(), the most costly step
 * of reading blocks.
 */
static int nfc_quick(const char *s, size_t n)
{
	size_t i = 0;
	unsigned last_ccc = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len;
		const utf8proc_property_t *p;

		unsigned char c = (unsigned char)s[i], c1;

		if (c < 0x80) {
			/* ASCII, eight bytes at a time where it can */
			i++;
			while (i + 8 <= n) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			last_ccc = 0;
			continue;
		}
		/* the starters most text holds, without a lookup: U+0080 to
		 * U+02FF, and the Arabic letters U+0621 to U+063A and U+0641
		 * to U+064A (class 0, nothing that does not compose back) */
		c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0;
		if ((c1 & 0xC0) == 0x80 &&
		    ((c >= 0xC2 && c <= 0xCB) ||
		     (c == 0xD8 && c1 >= 0xA1 && c1 <= 0xBA) ||
		     (c == 0xD9 && c1 >= 0x81 && c1 <= 0x8A))) {
			i += 2;
			last_ccc = 0;
			continue;
		}
		len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				       (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0)
			return 0;
		i += (size_t)len;
		if (cp < 0x300) {
			last_ccc = 0;
			continue;
		}
		if (!((cp >= 0x370 && cp < 0x900) || (cp >= 0x2000 && cp < 0x2070)))
			return 0;
		p = utf8proc_get_property(cp);
		/* Arabic harakat compose with nothing: in canonical order
		 * they stay as they are */
		if (p->combining_class != 0) {
			if (!((cp >= 0x64B && cp <= 0x652) || cp == 0x670) ||
			    (unsigned)p->combining_class < last_ccc)
				return 0;
			last_ccc = (unsigned)p->combining_class;
			continue;
		}
		last_ccc = 0;
		if (p->decomp_seqindex != UINT16_MAX &&
		    (p->decomp_type != 0 || p->comp_exclusion))
			return 0;
	}
	return 1;
}

/* NFC of s[0..n) into out (appending); invalid UTF-8 is kept as is. */
static void nfc_add(struct buf *out, const char *s, size_t n)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t k;

	if (nfc_quick(s, n)) {
		buf_add(out, s, n);
		return;
	}
	k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &r,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (k < 0) {
		buf_add(out, s, n);
		return;
	}
	buf_add(out, r, (size_t)k);
	free(r);
}

/* Whitespace runs as one space, trimmed, NFC. */
static void normalize_ws(struct buf *out, struct buf *scratch, const char *s,
			 size_t n)
{
	struct buf t = *scratch;
	const unsigned char *u = (const unsigned char *)s;
	char *o;
	size_t i;
	int space = 0;

	buf_reset(&t);
	/* what is written is never longer than s: straight into t */
	buf_grow(&t, n);
	o = t.buf;
	for (i = 0; i < n; i++) {
		unsigned char c = u[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			space = 1;
			continue;
		}
		/* U+00A0, U+202F: typography, not a difference of text */
		if (c == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) {
			space = 1;
			i++;
			continue;
		}
		if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0xAF) {
			space = 1;
			i += 2;
			continue;
		}
		if (space && o > t.buf)
			*o++ = ' ';
		space = 0;
		*o++ = (char)c;
		/* the run of bytes up to the next space of any kind, at once */
		while (i + 1 < n && u[i + 1] > ' ' && u[i + 1] != 0xC2 && u[i + 1] != 0xE2)
			*o++ = (char)u[++i];
	}
	t.len = (size_t)(o - t.buf);
	t.buf[t.len] = '\0';
	nfc_add(out, t.buf, t.len);
	*scratch = t;
}

static struct block *list_add(struct block_list *l, enum block_kind kind,
			      unsigned level, unsigned line, unsigned col,
			      const char *text, size_t len, unsigned section,
			      const char *ignore)
{
	struct block *b;
	struct buf *norm = &l->store;

	GROW(l->v, l->alloc, l->n + 1);
	b = &l->v[l->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->level = level;
	b->line = line;
	b->col = col;
	b->text = list_store(l, text, len);
	b->len = len;
	buf_reset(norm);
	normalize_ws(norm, &l->tmp, text, len);
	b->norm = list_store(l, norm->buf, norm->len);
	b->norm_len = norm->len;
	b->section = section;
	b->ignore = ignore ? list_store(l, ignore, strlen(ignore)) : NULL;
	return b;
}

/* ---- the body's blocks ------------------------------------------------ */

enum { CT_QUOTE = 1, CT_LI = 2 };

struct walk {
	struct block_list *l;
	const struct md_src *src;
	const char *body, *end;
	unsigned section;
	unsigned char ct[64];	/* container stack */
	unsigned depth;
	unsigned skipped;	/* containers past the stack's room */
	int li_fresh;		/* the innermost LI has had no block yet */

	/* the leaf being read */
	int open;		/* 0 none, else 1 + enum block_kind */
	int implicit;		/* a tight list item's text, no P */
	int first_of_li;
	unsigned level;
	const char *first, *last;	/* first run, end of the last run */
	int img_depth;
	int only_image;		/* no text outside an image so far */
	int saw_image;
	struct buf code;	/* a code block's text */
	int in_html;
	struct buf html;
	struct buf ignore;	/* pending folio: ignore list */
	int table_row;
};

static int in_body(const struct walk *w, const char *p)
{
	return p >= w->body && p <= w->end;
}

static const char *line_start(const struct walk *w, const char *p)
{
	while (p > w->body && p[-1] != '\n')
		p--;
	return p;
}

static const char *line_end(const struct walk *w, const char *p)
{
	const char *q = memchr(p, '\n', (size_t)(w->end - p));

	return q ? q : w->end;
}

/* Skip container prefixes: spaces, tabs and '>' quote markers. */
static const char *skip_prefix(const char *p, const char *lim)
{
	while (p < lim && (*p == ' ' || *p == '\t' || *p == '>'))
		p++;
	return p;
}

/* A list marker at p ("- ", "1. ", "2) "): its length with the spaces. */
static size_t list_marker(const char *p, const char *lim)
{
	const char *q = p;

	if (q < lim && (*q == '-' || *q == '+' || *q == '*'))
		q++;
	else {
		while (q < lim && q - p < 9 && *q >= '0' && *q <= '9')
			q++;
		if (q == p || q >= lim || (*q != '.' && *q != ')'))
			return 0;
		q++;
	}
	if (q < lim && *q != ' ' && *q != '\t')
		return 0;
	while (q < lim && (*q == ' ' || *q == '\t'))
		q++;
	return (size_t)(q - p);
}

static void leaf_start(struct walk *w, enum block_kind k, unsigned level)
{
	w->open = 1 + (int)k;
	w->level = level;
	w->first = w->last = NULL;
	w->img_depth = 0;
	w->only_image = 1;
	w->saw_image = 0;
	w->first_of_li = w->li_fresh;
	w->li_fresh = 0;
	buf_reset(&w->code);
}

/* The leaf's source, prefixes and markers off, into out. */
static void leaf_source(struct walk *w, enum block_kind k, struct buf *out,
			const char **startp)
{
	const char *ls = line_start(w, w->first);
	const char *start = skip_prefix(ls, w->first);
	const char *stop = line_end(w, w->last > w->first ? w->last - 1 : w->last);
	const char *p;

	if (k == BLK_HEADING) {
		while (start < w->first && *start == '#')
			start++;
		while (start < w->first && (*start == ' ' || *start == '\t'))
			start++;
	} else if (k != BLK_TABLE_ROW && w->first_of_li) {
		size_t m;

		while ((m = list_marker(start, w->first)) > 0)
			start = skip_prefix(start + m, w->first);
	}
	if (start > w->first)
		start = w->first;
	if (stop < w->last)
		stop = w->last;
	*startp = start;
	/* line by line: later lines lose their container prefix */
	p = start;
	for (;;) {
		const char *e = line_end(w, p);

		if (e > stop)
			e = stop;
		if (e > p && e[-1] == '\r')
			e--;
		if (p != start)
			buf_addc(out, '\n');
		buf_add(out, p, (size_t)(e - p));
		if (e >= stop || (e < w->end && line_end(w, p) >= stop))
			break;
		p = line_end(w, p) + 1;
		if (p > stop)
			break;
		p = skip_prefix(p, stop);
	}
	/* trailing spaces; a heading's closing #s */
	while (out->len && (out->buf[out->len - 1] == ' ' || out->buf[out->len - 1] == '\t'))
		out->len--;
	if (k == BLK_HEADING) {
		size_t n = out->len;

		while (n && out->buf[n - 1] == '#')
			n--;
		if (n < out->len && (n == 0 || out->buf[n - 1] == ' ' || out->buf[n - 1] == '\t')) {
			while (n && (out->buf[n - 1] == ' ' || out->buf[n - 1] == '\t'))
				n--;
			out->len = n;
		}
	}
	buf_setlen(out, out->len);
}

static void leaf_end(struct walk *w)
{
	enum block_kind k;
	struct buf text = BUF_INIT;
	const char *start;
	struct pos pos;

	if (!w->open)
		return;
	k = (enum block_kind)(w->open - 1);
	w->open = 0;
	w->implicit = 0;
	if (!w->first)
		return;		/* nothing to place it by */
	if (k == BLK_PARAGRAPH && w->saw_image && w->only_image)
		k = BLK_IMAGE;
	if (k == BLK_CODE) {
		size_t n = w->code.len;

		while (n && w->code.buf[n - 1] == '\n')
			n--;
		buf_add(&text, w->code.buf, n);
		start = w->first;
	} else if (k == BLK_TABLE_ROW) {
		const char *ls = line_start(w, w->first), *e = line_end(w, w->first);

		start = skip_prefix(ls, w->first);
		while (e > start && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		buf_add(&text, start, (size_t)(e - start));
	} else {
		leaf_source(w, k, &text, &start);
	}
	pos = md_src_pos(w->src, start);
	list_add(w->l, k, k == BLK_HEADING ? w->level : 0, pos.line, pos.col,
		 text.buf, text.len, w->section,
		 w->ignore.len ? w->ignore.buf : NULL);
	buf_reset(&w->ignore);
	if (k == BLK_HEADING)
		w->section++;
	buf_release(&text);
}

static unsigned innermost(const struct walk *w)
{
	return w->depth ? w->ct[w->depth - 1] : 0;
}

static void push(struct walk *w, unsigned char t)
{
	if (w->depth < sizeof(w->ct))
		w->ct[w->depth++] = t;
	else
		w->skipped++;
}

static void pop(struct walk *w)
{
	if (w->skipped)
		w->skipped--;
	else if (w->depth)
		w->depth--;
}

/* `<!-- folio: ignore a, b -->`: the rule list "a,b" into w->ignore. */
static void html_block(struct walk *w)
{
	const char *s = w->html.buf, *e = s + w->html.len;
	const char *p;

	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	if (e - s < 7 || memcmp(s, "<!--", 4) || memcmp(e - 3, "-->", 3)) {
		buf_reset(&w->ignore);	/* other HTML stands between */
		return;
	}
	s += 4;
	e -= 3;
	while (s < e && isspace((unsigned char)*s))
		s++;
	if (e - s < 6 || memcmp(s, "folio:", 6))
		return;
	s += 6;
	while (s < e && isspace((unsigned char)*s))
		s++;
	if (e - s < 6 || memcmp(s, "ignore", 6))
		return;
	for (p = s + 6; p < e;) {
		const char *q;

		while (p < e && (isspace((unsigned char)*p) || *p == ','))
			p++;
		for (q = p; q < e && !isspace((unsigned char)*q) && *q != ','; q++)
			;
		if (q > p) {
			if (w->ignore.len)
				buf_addc(&w->ignore, ',');
			buf_add(&w->ignore, p, (size_t)(q - p));
		}
		p = q;
	}
}

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct walk *w = ud;

	if (w->implicit)
		leaf_end(w);	/* a tight item's text ends at its first child */
	switch (type) {
	case MD_BLOCK_QUOTE:
		push(w, CT_QUOTE);
		break;
	case MD_BLOCK_LI:
		push(w, CT_LI);
		w->li_fresh = 1;
		break;
	case MD_BLOCK_H:
		leaf_start(w, BLK_HEADING, ((MD_BLOCK_H_DETAIL *)detail)->level);
		break;
	case MD_BLOCK_P:
		leaf_start(w, innermost(w) == CT_LI ? BLK_LIST_ITEM :
			   innermost(w) == CT_QUOTE ? BLK_QUOTE : BLK_PARAGRAPH, 0);
		break;
	case MD_BLOCK_CODE:
		leaf_start(w, BLK_CODE, 0);
		break;
	case MD_BLOCK_TR:
		leaf_start(w, BLK_TABLE_ROW, 0);
		w->table_row = 1;
		break;
	case MD_BLOCK_HTML:
		w->in_html = 1;
		buf_reset(&w->html);
		break;
	default:
		break;
	}
	return 0;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct walk *w = ud;

	(void)detail;
	switch (type) {
	case MD_BLOCK_QUOTE:
		leaf_end(w);
		pop(w);
		break;
	case MD_BLOCK_LI:
		leaf_end(w);
		pop(w);
		w->li_fresh = 0;
		break;
	case MD_BLOCK_H:
	case MD_BLOCK_P:
	case MD_BLOCK_CODE:
		leaf_end(w);
		break;
	case MD_BLOCK_TR:
		leaf_end(w);
		w->table_row = 0;
		break;
	case MD_BLOCK_HTML:
		w->in_html = 0;
		html_block(w);
		break;
	default:
		break;
	}
	return 0;
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct walk *w = ud;

	(void)detail;
	if (type == MD_SPAN_IMG) {
		w->img_depth++;
		w->saw_image = 1;
	}
	return 0;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct walk *w = ud;

	(void)detail;
	if (type == MD_SPAN_IMG && w->img_depth)
		w->img_depth--;
	return 0;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
	struct walk *w = ud;

	if (w->in_html) {
		buf_add(&w->html, text, size);
		return 0;
	}
	if (!w->open) {
		if (innermost(w) != CT_LI || type == MD_TEXT_HTML)
			return 0;
		/* a tight list item: its text comes with no paragraph */
		leaf_start(w, BLK_LIST_ITEM, 0);
		w->implicit = 1;
	}
	if (w->open - 1 == BLK_CODE)
		buf_add(&w->code, text, size);
	if (!in_body(w, text) || !in_body(w, text + size) ||
	    type == MD_TEXT_NULLCHAR)
		return 0;
	if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR) {
		/* a line end: it places nothing */
		return 0;
	}
	if (!w->img_depth && w->only_image) {
		size_t i;

		for (i = 0; i < size; i++)
			if (!isspace((unsigned char)text[i])) {
				w->only_image = 0;
				break;
			}
	}
	if (!w->first || text < w->first)
		w->first = text;
	if (!w->last || text + size > w->last)
		w->last = text + size;
	return 0;
}

static const MD_PARSER walk_parser = {
	0, 0, on_enter_block, on_leave_block, on_enter_span, on_leave_span,
	on_text, NULL, NULL
};

static void walk_init(struct walk *w, struct block_list *l,
		      const struct md_src *src, const char *body, size_t len,
		      unsigned section)
{
	memset(w, 0, sizeof(*w));
	w->l = l;
	w->src = src;
	w->body = body;
	w->end = body + len;
	w->section = section;
	buf_init(&w->code);
	buf_init(&w->html);
	buf_init(&w->ignore);
}

static void walk_finish(struct walk *w)
{
	leaf_end(w);
	buf_release(&w->code);
	buf_release(&w->html);
	buf_release(&w->ignore);
}

static void body_blocks(struct block_list *l, const char *body, size_t len,
			unsigned first_line, unsigned section)
{
	struct md_src src;
	struct walk w;

	md_src_init(&src, body, len, first_line);
	walk_init(&w, l, &src, body, len, section);
	md_run(&src, &walk_parser, &w);
	walk_finish(&w);
	md_src_release(&src);
}

struct blocks_walk {
	struct walk w;
};

struct blocks_walk *blocks_walk_new(struct block_list *l, const struct md_src *src,
				    const char *body, size_t len)
{
	struct blocks_walk *bw = xmalloc(sizeof(*bw));

	walk_init(&bw->w, l, src, body, len, 0);
	return bw;
}

const struct MD_PARSER *blocks_walk_parser(void)
{
	return &walk_parser;
}

void *blocks_walk_data(struct blocks_walk *bw)
{
	return &bw->w;
}

void blocks_walk_end(struct blocks_walk *bw)
{
	walk_finish(&bw->w);
	free(bw);
}

/* ---- the frontmatter's blocks ----------------------------------------- */

static const char *scalar_text(const struct ynode *n)
{
	const char *s = ynode_scalar(n);

	return s && n->type != Y_NULL ? s : NULL;
}

static void fm_block(struct block_list *l, enum block_kind k, const struct ynode *n)
{
	const char *s = scalar_text(n);

	if (s)
		list_add(l, k, 0, n->line, n->col, s, strlen(s), 0, NULL);
}

int blocks_of_frontmatter(struct block_list *l, const struct article *a)
{
	const struct ynode *fm = a->fm.root, *src;
	size_t i;

	if (!fm)
		return -1;
	fm_block(l, BLK_TITLE, ymap_get(fm, "title"));
	fm_block(l, BLK_SUMMARY, ymap_get(fm, "summary"));
	src = ymap_get(fm, "sources");
	for (i = 0; src && src->type == Y_SEQ && i < src->n; i++)
		fm_block(l, BLK_SOURCE, ymap_get(src->items[i], "title"));
	return 0;
}

int blocks_of_article(struct block_list *l, const struct article *a)
{
	if (blocks_of_frontmatter(l, a) < 0)
		return -1;
	if (a->body)
		body_blocks(l, a->body, a->body_len, a->body_line, 0);
	return 0;
}

int blocks_arabic_digit(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s, *end = u + n, *p;

	for (p = u; p < end && (p = memchr(p, 0xD9, (size_t)(end - p))) != NULL; p++)
		if (p + 1 < end && p[1] >= 0xA0 && p[1] <= 0xA9)
			return 1;
	for (p = u; p < end && (p = memchr(p, 0xDB, (size_t)(end - p))) != NULL; p++)
		if (p + 1 < end && p[1] >= 0xB0 && p[1] <= 0xB9)
			return 1;
	return 0;
}

void blocks_fm_where(struct fm_where *w, const struct article *a,
		     const char *title, const char *summary)
{
	const struct ynode *fm = a->fm.root, *src, *n;
	const char *s;
	size_t i;

	memset(w, 0, sizeof(*w));
	w->filled = 1;
	w->arabic_digit = (unsigned char)blocks_arabic_digit(a->text.buf, a->text.len);
	if (!fm)
		return;
	n = ymap_get(fm, "title");
	if ((s = scalar_text(n)) != NULL) {
		if (*s ? !title || strcmp(s, title) : title != NULL)
			return;
		w->title = 1;
		w->title_line = n->line;
		w->title_col = n->col;
	}
	n = ymap_get(fm, "summary");
	if ((s = scalar_text(n)) != NULL) {
		if (*s ? !summary || strcmp(s, summary) : summary != NULL)
			return;
		w->summary = 1;
		w->summary_line = n->line;
		w->summary_col = n->col;
	}
	src = ymap_get(fm, "sources");
	for (i = 0; src && src->type == Y_SEQ && i < src->n; i++) {
		n = ymap_get(src->items[i], "title");
		if ((s = scalar_text(n)) == NULL)
			continue;
		if (!w->sources)
			w->sources = xcalloc(src->n, sizeof(*w->sources));
		w->sources[w->nsources].line = n->line;
		w->sources[w->nsources].col = n->col;
		w->sources[w->nsources].title = xstrdup(s);
		w->nsources++;
	}
	w->simple = 1;
}

void blocks_fm_where_release(struct fm_where *w)
{
	size_t i;

	for (i = 0; i < w->nsources; i++)
		free(w->sources[i].title);
	free(w->sources);
	w->sources = NULL;
	w->nsources = 0;
}

void blocks_of_body(struct block_list *l, const struct fm_where *w,
		    const char *title, const char *summary,
		    const struct article *a)
{
	size_t i;

	if (w->title)
		list_add(l, BLK_TITLE, 0, w->title_line, w->title_col,
			 title ? title : "", title ? strlen(title) : 0, 0, NULL);
	if (w->summary)
		list_add(l, BLK_SUMMARY, 0, w->summary_line, w->summary_col,
			 summary ? summary : "", summary ? strlen(summary) : 0, 0, NULL);
	for (i = 0; i < w->nsources; i++)
		list_add(l, BLK_SOURCE, 0, w->sources[i].line, w->sources[i].col,
			 w->sources[i].title, strlen(w->sources[i].title), 0, NULL);
	if (a->body)
		body_blocks(l, a->body, a->body_len, a->body_line, 0);
}

int blocks_of_file(struct block_list *l, const char *text, size_t len,
		   const char *path, struct diag_list *diags)
{
	struct article a;
	struct diag_list scratch = DIAG_LIST_INIT;
	int r;

	article_init(&a, path);
	r = article_load_mem(&a, text, len, diags ? diags : &scratch);
	if (r == 0)
		r = blocks_of_article(l, &a);
	article_release(&a);
	diag_list_release(&scratch);
	return r;
}

int block_ignores(const struct block *b, const char *rule)
{
	const char *p = b->ignore;
	size_t n = strlen(rule);

	while (p && *p) {
		const char *q = strchr(p, ',');
		size_t k = q ? (size_t)(q - p) : strlen(p);

		if (k == n && !memcmp(p, rule, n))
			return 1;
		p = q ? q + 1 : NULL;
	}
	return 0;
}

int blocks_same_shape(const struct block_list *a, const struct block_list *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->v[i].kind != b->v[i].kind || a->v[i].level != b->v[i].level)
			return 0;
	return 1;
}

/* ---- the digest (12.1) ------------------------------------------------ */

/*
 * One field as hashed: LF line ends, no trailing spaces or tabs, no
 * leading or trailing blank lines, NFC.
 */
static void digest_field(SHA2_CTX *ctx, struct buf *t, const char *name,
			 const char *s, size_t n)
{
	struct buf lines = BUF_INIT;
	size_t i = 0, start, end;

	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		size_t k = e;

		while (k > i && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\r'))
			k--;
		buf_add(&lines, s + i, k - i);
		if (nl)
			buf_addc(&lines, '\n');
		i = nl ? e + 1 : n;
	}
	/* leading blank lines, then trailing ones */
	start = 0;
	for (i = 0; i < lines.len; i++)
		if (lines.buf[i] == '\n')
			start = i + 1;
		else
			break;
	end = lines.len;
	while (end > start && lines.buf[end - 1] == '\n')
		end--;
	buf_reset(t);
	nfc_add(t, lines.buf + start, end - start);
	SHA256Update(ctx, (const uint8_t *)name, strlen(name));
	SHA256Update(ctx, (const uint8_t *)"\n", 1);
	SHA256Update(ctx, (const uint8_t *)t->buf, t->len);
	SHA256Update(ctx, (const uint8_t *)"\n", 1);
	buf_release(&lines);
}

static void digest_string_field(SHA2_CTX *ctx, struct buf *t, const char *name,
				const struct ynode *n)
{
	const char *s = scalar_text(n);

	digest_field(ctx, t, name, s ? s : "", s ? n->len : 0);
}

static void digest_hex(SHA2_CTX *ctx, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_LENGTH];
	int i;

	SHA256Final(d, ctx);
	for (i = 0; i < 8; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[16] = '\0';
}

void text_digest_article(const struct article *a, char out[17])
{
	const struct ynode *fm = a->fm.root, *src;
	SHA2_CTX ctx;
	struct buf t = BUF_INIT;
	size_t i;

	SHA256Init(&ctx);
	digest_string_field(&ctx, &t, "title", ymap_get(fm, "title"));
	digest_string_field(&ctx, &t, "summary", ymap_get(fm, "summary"));
	src = ymap_get(fm, "sources");
	for (i = 0; src && src->type == Y_SEQ && i < src->n; i++)
		digest_string_field(&ctx, &t, "source", ymap_get(src->items[i], "title"));
	digest_field(&ctx, &t, "body", a->body ? a->body : "",
		     a->body ? a->body_len : 0);
	digest_hex(&ctx, out);
	buf_release(&t);
}

int text_digest_file(const char *text, size_t len, char out[17])
{
	struct article a;
	struct diag_list scratch = DIAG_LIST_INIT;
	int r;

	article_init(&a, "");
	r = article_load_mem(&a, text, len, &scratch);
	if (r == 0)
		text_digest_article(&a, out);
	article_release(&a);
	diag_list_release(&scratch);
	return r;
}

/* ---- classes ----------------------------------------------------------- */

/*
 * What makes a change a safety change (12.3): the multiset of numbers,
 * units, phone numbers, URLs and link targets, and negation words of a
 * text, as strings ("n:0.5 g", "u:https://...", "w:pas") sorted.
 */
struct facts {
	char **v;
	size_t n, alloc;
};

static void facts_add(struct facts *f, const char *kind, const char *s, size_t n)
{
	char *p = xmalloc(strlen(kind) + n + 1);

	memcpy(p, kind, strlen(kind));
	memcpy(p + strlen(kind), s, n);
	p[strlen(kind) + n] = '\0';
	GROW(f->v, f->alloc, f->n + 1);
	f->v[f->n++] = p;
}

static void facts_release(struct facts *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Numbers, times and phone numbers as SPEC 13 reads them (numbers.h):
 * "0,5 g" and "500 mg" are one fact, grouping and digit scripts aside.
 */
static void facts_numbers(struct facts *f, const char *s, size_t n, const char *lang)
{
	struct num_list nl = NUM_LIST_INIT;
	size_t i;

	numbers_scan(&nl, s, n, lang);
	for (i = 0; i < nl.n; i++) {
		const struct num_token *t = &nl.v[i];
		char key[96];
		int k;

		if (t->kind == NUM_PHONE)
			k = snprintf(key, sizeof(key), "p:%s", t->digits);
		else if (t->kind == NUM_TIME)
			k = snprintf(key, sizeof(key), "t:%.6g", t->value);
		else if (t->base_unit[0])
			k = snprintf(key, sizeof(key), "n:%.6g %s", t->base, t->base_unit);
		else
			k = snprintf(key, sizeof(key), "n:%.6g %s", t->value, t->unit);
		if (k > 0)
			facts_add(f, "", key, strlen(key) < sizeof(key) ? strlen(key) : sizeof(key) - 1);
	}
	num_list_release(&nl);
}

static int url_char_end(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ')' ||
	       c == '>' || c == ']' || c == '"' || c == '\'' || c == '<';
}

/* Link destinations ("](x)"), autolinks and bare URLs. */
static void facts_urls(struct facts *f, const char *s, size_t n)
{
	static const char *const schemes[] = {
		"http://", "https://", "mailto:", "tel:", "www.", "article:",
	};
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (s[i] == ']' && i + 1 < n && s[i + 1] == '(') {
			size_t j = i + 2;

			while (j < n && (s[j] == ' ' || s[j] == '<'))
				j++;
			k = j;
			while (k < n && !url_char_end((unsigned char)s[k]))
				k++;
			if (k > j)
				facts_add(f, "l:", s + j, k - j);
			continue;
		}
		/* every scheme starts with one of these letters */
		if (!strchr("hmtwaHMTWA", s[i]) || !s[i])
			continue;
		for (k = 0; k < ARRAY_SIZE(schemes); k++) {
			size_t m = strlen(schemes[k]), j;

			if (n - i < m || strncasecmp(s + i, schemes[k], m))
				continue;
			if (i && isalnum((unsigned char)s[i - 1]))
				continue;
			if (i >= 2 && s[i - 1] == '(' && s[i - 2] == ']')
				break;	/* counted as the link's target */
			for (j = i + m; j < n && !url_char_end((unsigned char)s[j]); j++)
				;
			while (j > i + m && strchr(".,;:!?", s[j - 1]))
				j--;
			facts_add(f, "u:", s + i, j - i);
			i = j - 1;
			break;
		}
	}
}

static const char *const neg_fr[] = { "ne", "n", "pas", "jamais", "sans", "aucun", "aucune", "rien", "ni", NULL };
static const char *const neg_en[] = { "not", "no", "never", "without", "none", "nor", NULL };
static const char *const neg_de[] = { "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "ohne", NULL };
static const char *const neg_nl[] = { "niet", "geen", "nooit", "zonder", NULL };
static const char *const neg_tr[] = { "de\xc4\x9fil", "yok", "hi\xc3\xa7", NULL };
static const char *const neg_ar[] = {
	"\xd9\x84\xd8\xa7",			/* لا */
	"\xd9\x84\xd9\x85",			/* لم */
	"\xd9\x84\xd9\x86",			/* لن */
	"\xd9\x84\xd9\x8a\xd8\xb3",		/* ليس */
	"\xd9\x84\xd9\x8a\xd8\xb3\xd8\xaa",	/* ليست */
	"\xd8\xba\xd9\x8a\xd8\xb1",		/* غير */
	"\xd8\xa8\xd8\xaf\xd9\x88\xd9\x86",	/* بدون */
	NULL
};

static const char *const *negations(const char *lang)
{
	if (!lang)
		return NULL;
	if (!strncmp(lang, "fr", 2))
		return neg_fr;
	if (!strncmp(lang, "en", 2))
		return neg_en;
	if (!strncmp(lang, "de", 2))
		return neg_de;
	if (!strncmp(lang, "nl", 2))
		return neg_nl;
	if (!strncmp(lang, "tr", 2))
		return neg_tr;
	if (!strncmp(lang, "ar", 2))
		return neg_ar;
	return NULL;
}

static int is_letter(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

/* Negation words: whole lowercase words, split on non-letters. */
static void facts_negations(struct facts *f, const char *s, size_t n, const char *lang)
{
	const char *const *words = negations(lang);
	struct buf w = BUF_INIT;
	size_t i = 0;

	if (!words)
		return;
	while (i <= n) {
		utf8proc_int32_t cp = -1;
		utf8proc_ssize_t k = 0;

		if (i < n) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					     (utf8proc_ssize_t)(n - i), &cp);
			if (k <= 0) {
				k = 1;
				cp = -1;
			}
		}
		if (cp >= 0 && is_letter(cp)) {
			buf_addcp(&w, (unsigned)utf8proc_tolower(cp));
			i += (size_t)k;
			continue;
		}
		if (w.len) {
			size_t j;

			for (j = 0; words[j]; j++)
				if (!strcmp(w.buf, words[j]))
					facts_add(f, "w:", w.buf, w.len);
			/* English n't: "don't", "isn’t" */
			if (words == neg_en && w.len > 1 && w.buf[w.len - 1] == 'n' && i < n) {
				const char *p = s + i;
				size_t rest = n - i;

				if ((rest >= 2 && p[0] == '\'' && (p[1] == 't' || p[1] == 'T') &&
				     (rest == 2 || !isalpha((unsigned char)p[2]))) ||
				    (rest >= 4 && !memcmp(p, "\xe2\x80\x99", 3) &&
				     (p[3] == 't' || p[3] == 'T') &&
				     (rest == 4 || !isalpha((unsigned char)p[4]))))
					facts_add(f, "w:", "n't", 3);
			}
			buf_reset(&w);
		}
		if (i == n)
			break;
		i += (size_t)k;
	}
	buf_release(&w);
}

static void facts_of(struct facts *f, const char *s, size_t n, const char *lang)
{
	facts_numbers(f, s, n, lang);
	facts_urls(f, s, n);
	facts_negations(f, s, n, lang);
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), cmp_str);
}

static int facts_equal(const struct facts *a, const struct facts *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]))
			return 0;
	return 1;
}

/* The letters and digits alone, lowercase: what an editorial change keeps. */
static void letters_of(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);

		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (is_letter(cp) || utf8proc_category(cp) == UTF8PROC_CATEGORY_ND) {
			utf8proc_category_t c = utf8proc_category(cp);

			if (c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME)
				continue;
			buf_addcp(out, (unsigned)utf8proc_tolower(cp));
		}
	}
}

static enum change_class classify(const struct block *o, const struct block *n,
				  const char *lang)
{
	struct facts fo = { 0 }, fn = { 0 };
	enum change_class c;

	if (o)
		facts_of(&fo, o->text, o->len, lang);
	if (n)
		facts_of(&fn, n->text, n->len, lang);
	if (!o || !n) {
		c = (o ? fo.n : fn.n) ? CLASS_SAFETY : CLASS_CONTENT;
	} else if (!facts_equal(&fo, &fn)) {
		c = CLASS_SAFETY;
	} else {
		struct buf a = BUF_INIT, b = BUF_INIT;

		letters_of(&a, o->norm, o->norm_len);
		letters_of(&b, n->norm, n->norm_len);
		c = a.len == b.len && !memcmp(a.buf, b.buf, a.len) ?
			CLASS_EDITORIAL : CLASS_CONTENT;
		buf_release(&a);
		buf_release(&b);
	}
	facts_release(&fo);
	facts_release(&fn);
	return c;
}

/* ---- alignment --------------------------------------------------------- */

static int same_norm(const struct block *a, const struct block *b)
{
	return a->norm_len == b->norm_len && !memcmp(a->norm, b->norm, a->norm_len);
}

struct changes {
	struct block_change *v;
	size_t n, alloc;
};

static void change_add(struct changes *c, enum change_kind k, long oi, long ni)
{
	GROW(c->v, c->alloc, c->n + 1);
	c->v[c->n].kind = k;
	c->v[c->n].cls = CLASS_EDITORIAL;
	c->v[c->n].old_i = oi;
	c->v[c->n].new_i = ni;
	c->v[c->n].trans_i = -1;
	c->n++;
}

static int is_frontmatter(enum block_kind k)
{
	return k == BLK_TITLE || k == BLK_SUMMARY || k == BLK_SOURCE;
}

/*
 * The translation's block for each block of old, or -1: the frontmatter's
 * by kind and rank (a translation may lack the sources), the body's when
 * the bodies have the same shape.  NULL when nothing can be placed.
 */
static long *counterparts(const struct block_list *old, const struct block_list *trans)
{
	long *map = xmalloc((old->n + 1) * sizeof(*map));
	size_t i, j, ob = 0, tb = 0, placed = 0;
	int body_same = 1;

	while (ob < old->n && is_frontmatter(old->v[ob].kind))
		ob++;
	while (tb < trans->n && is_frontmatter(trans->v[tb].kind))
		tb++;
	if (old->n - ob != trans->n - tb)
		body_same = 0;
	for (i = ob, j = tb; body_same && i < old->n; i++, j++)
		if (old->v[i].kind != trans->v[j].kind || old->v[i].level != trans->v[j].level)
			body_same = 0;
	for (i = 0; i < old->n; i++) {
		map[i] = -1;
		if (i < ob) {
			/* the rank-th block of this kind in the translation */
			size_t rank = 0, k;

			for (k = 0; k < i; k++)
				rank += old->v[k].kind == old->v[i].kind;
			for (k = 0; k < tb; k++)
				if (trans->v[k].kind == old->v[i].kind && rank-- == 0) {
					map[i] = (long)k;
					break;
				}
		} else if (body_same) {
			map[i] = (long)(tb + (i - ob));
		}
		placed += map[i] >= 0;
	}
	if (!placed) {
		free(map);
		return NULL;
	}
	return map;
}

/* The words of a normalized text, lowercase letters and digits, sorted. */
static size_t words_of(const struct block *b, char ***out)
{
	char **v = NULL;
	size_t n = 0, alloc = 0;
	const char *p = b->norm, *e = b->norm + b->norm_len;

	while (p < e) {
		const char *q = memchr(p, ' ', (size_t)(e - p));
		struct buf w = BUF_INIT;

		if (!q)
			q = e;
		letters_of(&w, p, (size_t)(q - p));
		if (w.len) {
			GROW(v, alloc, n + 1);
			v[n++] = buf_detach(&w, NULL);
		}
		buf_release(&w);
		p = q + 1;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_str);
	*out = v;
	return n;
}

static void words_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Dice's coefficient of two sorted word lists, in thousandths. */
static unsigned similarity(char **a, size_t na, char **b, size_t nb)
{
	size_t i = 0, j = 0, common = 0;

	if (!na && !nb)
		return 1000;
	while (i < na && j < nb) {
		int c = strcmp(a[i], b[j]);

		if (!c) {
			common++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	return (unsigned)(2000 * common / (na + nb));
}

struct cand {
	unsigned score;
	size_t i, j;
};

static int cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

/* Past this many unmatched pairs, similarity is not looked for. */
#define SIMILAR_MAX_PAIRS 20000

static void change_add(struct changes *c, enum change_kind k, long oi, long ni);

static void pair_similar(const struct block_list *old, const struct block_list *new,
			 const long *match_o, const long *match_n, long *pair_o,
			 long *pair_n, struct changes *ch)
{
	size_t *uo = NULL, *un = NULL, nuo = 0, nun = 0, ao = 0, an = 0, i, j, nc = 0;
	char ***wo, ***wn;
	size_t *lo, *ln;
	struct cand *c;

	for (i = 0; i < old->n; i++)
		if (match_o[i] < 0 && pair_o[i] < 0) {
			GROW(uo, ao, nuo + 1);
			uo[nuo++] = i;
		}
	for (j = 0; j < new->n; j++)
		if (match_n[j] < 0 && pair_n[j] < 0) {
			GROW(un, an, nun + 1);
			un[nun++] = j;
		}
	if (!nuo || !nun || nuo * nun > SIMILAR_MAX_PAIRS) {
		free(uo);
		free(un);
		return;
	}
	wo = xcalloc(nuo, sizeof(*wo));
	wn = xcalloc(nun, sizeof(*wn));
	lo = xcalloc(nuo, sizeof(*lo));
	ln = xcalloc(nun, sizeof(*ln));
	c = xmalloc(nuo * nun * sizeof(*c));
	for (i = 0; i < nuo; i++)
		lo[i] = words_of(&old->v[uo[i]], &wo[i]);
	for (j = 0; j < nun; j++)
		ln[j] = words_of(&new->v[un[j]], &wn[j]);
	for (i = 0; i < nuo; i++)
		for (j = 0; j < nun; j++) {
			unsigned sc = similarity(wo[i], lo[i], wn[j], ln[j]);

			if (sc >= 500 && old->v[uo[i]].kind == new->v[un[j]].kind) {
				c[nc].score = sc;
				c[nc].i = uo[i];
				c[nc].j = un[j];
				nc++;
			}
		}
	qsort(c, nc, sizeof(*c), cmp_cand);
	for (i = 0; i < nc; i++) {
		if (pair_o[c[i].i] >= 0 || pair_n[c[i].j] >= 0)
			continue;
		pair_o[c[i].i] = (long)c[i].j;
		pair_n[c[i].j] = (long)c[i].i;
		change_add(ch, CH_CHANGED, (long)c[i].i, (long)c[i].j);
	}
	for (i = 0; i < nuo; i++)
		words_free(wo[i], lo[i]);
	for (j = 0; j < nun; j++)
		words_free(wn[j], ln[j]);
	free(wo);
	free(wn);
	free(lo);
	free(ln);
	free(c);
	free(uo);
	free(un);
}

struct keyed {
	size_t key, old_i;
	struct block_change c;
};

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->old_i < b->old_i ? -1 : a->old_i > b->old_i;
}

/*
 * Changes in the order of the new text; a removed block just before the
 * new place of the next old block that has one.
 */
static void order_changes(struct changes *ch, size_t no, size_t nn,
			  const long *match_o, const long *pair_o)
{
	struct keyed *k = xmalloc((ch->n + 1) * sizeof(*k));
	size_t i, m;

	for (i = 0; i < ch->n; i++) {
		const struct block_change *c = &ch->v[i];

		k[i].c = *c;
		k[i].old_i = c->old_i >= 0 ? (size_t)c->old_i : 0;
		if (c->new_i >= 0) {
			k[i].key = 2 * (size_t)c->new_i + 1;
			continue;
		}
		k[i].key = 2 * nn;
		for (m = (size_t)c->old_i + 1; m < no; m++) {
			long to = match_o[m] >= 0 ? match_o[m] : pair_o[m];

			if (to >= 0) {
				k[i].key = 2 * (size_t)to;
				break;
			}
		}
	}
	qsort(k, ch->n, sizeof(*k), cmp_keyed);
	for (i = 0; i < ch->n; i++)
		ch->v[i] = k[i].c;
	free(k);
}

/* Past this many cells the middle is not aligned: all removed, all added. */
#define LCS_MAX_CELLS (16u << 20)

size_t blocks_diff(const struct block_list *old, const struct block_list *new,
		   const struct block_list *trans, const char *lang,
		   struct block_change **out)
{
	size_t no = old->n, nn = new->n, pre = 0, suf = 0, i, j, k;
	size_t *ho, *hn;
	long *match_o, *match_n;	/* old i -> new j and back, -1 none */
	struct changes ch = { NULL, 0, 0 };
	long *counter = trans ? counterparts(old, trans) : NULL;

	match_o = xmalloc((no + 1) * sizeof(*match_o));
	match_n = xmalloc((nn + 1) * sizeof(*match_n));
	for (i = 0; i < no; i++)
		match_o[i] = -1;
	for (j = 0; j < nn; j++)
		match_n[j] = -1;
	ho = xmalloc((no + 1) * sizeof(*ho));
	hn = xmalloc((nn + 1) * sizeof(*hn));
	for (i = 0; i < no; i++)
		ho[i] = hash_mem(old->v[i].norm, old->v[i].norm_len);
	for (j = 0; j < nn; j++)
		hn[j] = hash_mem(new->v[j].norm, new->v[j].norm_len);
#define EQ(a, b) (ho[a] == hn[b] && same_norm(&old->v[a], &new->v[b]))
	while (pre < no && pre < nn && EQ(pre, pre)) {
		match_o[pre] = (long)pre;
		match_n[pre] = (long)pre;
		pre++;
	}
	while (suf < no - pre && suf < nn - pre && EQ(no - 1 - suf, nn - 1 - suf)) {
		match_o[no - 1 - suf] = (long)(nn - 1 - suf);
		match_n[nn - 1 - suf] = (long)(no - 1 - suf);
		suf++;
	}
	{
		size_t a = no - pre - suf, b = nn - pre - suf;

		if (a && b && (double)(a + 1) * (double)(b + 1) <= LCS_MAX_CELLS) {
			/* L[i][j]: LCS length of old[pre+i..] and new[pre+j..] */
			uint32_t *L = xcalloc((a + 1) * (b + 1), sizeof(*L));

			for (i = a; i-- > 0;)
				for (j = b; j-- > 0;)
					L[i * (b + 1) + j] = EQ(pre + i, pre + j) ?
						L[(i + 1) * (b + 1) + j + 1] + 1 :
						L[(i + 1) * (b + 1) + j] >= L[i * (b + 1) + j + 1] ?
						L[(i + 1) * (b + 1) + j] : L[i * (b + 1) + j + 1];
			i = j = 0;
			while (i < a && j < b) {
				if (EQ(pre + i, pre + j)) {
					match_o[pre + i] = (long)(pre + j);
					match_n[pre + j] = (long)(pre + i);
					i++;
					j++;
				} else if (L[(i + 1) * (b + 1) + j] >= L[i * (b + 1) + j + 1])
					i++;
				else
					j++;
			}
			free(L);
		}
	}
	/*
	 * What LCS leaves unmatched is paired: the same text elsewhere is
	 * moved; a similar text (half its words or more in common) anywhere
	 * is changed, the most similar first; then, between two matches,
	 * blocks of one kind in order are changed.  The rest are removed or
	 * added.
	 */
	{
		long *pair_o = xmalloc((no + 1) * sizeof(*pair_o));
		long *pair_n = xmalloc((nn + 1) * sizeof(*pair_n));
		size_t *gap_o = xmalloc((no + 1) * sizeof(*gap_o));
		size_t *gap_n = xmalloc((nn + 1) * sizeof(*gap_n));
		size_t g;

		for (i = 0; i < no; i++)
			pair_o[i] = -1;
		for (j = 0; j < nn; j++)
			pair_n[j] = -1;
		for (i = 0; i < no; i++) {
			if (match_o[i] >= 0)
				continue;
			for (j = 0; j < nn; j++)
				if (match_n[j] < 0 && pair_n[j] < 0 && EQ(i, j)) {
					pair_o[i] = (long)j;
					pair_n[j] = (long)i;
					change_add(&ch, CH_MOVED, (long)i, (long)j);
					break;
				}
		}
		pair_similar(old, new, match_o, match_n, pair_o, pair_n, &ch);
		/* the gap of each unmatched block: matches before it */
		for (i = 0, g = 0; i < no; i++) {
			if (match_o[i] >= 0)
				g++;
			gap_o[i] = g;
		}
		for (j = 0, g = 0; j < nn; j++) {
			if (match_n[j] >= 0)
				g++;
			gap_n[j] = g;
		}
		for (i = 0; i < no; i++) {
			if (match_o[i] >= 0 || pair_o[i] >= 0)
				continue;
			for (j = 0; j < nn; j++)
				if (match_n[j] < 0 && pair_n[j] < 0 && gap_n[j] == gap_o[i] &&
				    old->v[i].kind == new->v[j].kind) {
					pair_o[i] = (long)j;
					pair_n[j] = (long)i;
					change_add(&ch, CH_CHANGED, (long)i, (long)j);
					break;
				}
		}
		for (i = 0; i < no; i++)
			if (match_o[i] < 0 && pair_o[i] < 0)
				change_add(&ch, CH_REMOVED, (long)i, -1);
		for (j = 0; j < nn; j++)
			if (match_n[j] < 0 && pair_n[j] < 0)
				change_add(&ch, CH_ADDED, -1, (long)j);
		order_changes(&ch, old->n, new->n, match_o, pair_o);
		free(pair_o);
		free(pair_n);
		free(gap_o);
		free(gap_n);
	}
#undef EQ
	for (k = 0; k < ch.n; k++) {
		struct block_change *c = &ch.v[k];

		if (c->kind == CH_MOVED)
			c->cls = CLASS_EDITORIAL;
		else
			c->cls = classify(c->old_i >= 0 ? &old->v[c->old_i] : NULL,
					  c->new_i >= 0 ? &new->v[c->new_i] : NULL, lang);
		if (counter && c->old_i >= 0)
			c->trans_i = counter[c->old_i];
	}
	free(counter);
	free(ho);
	free(hn);
	free(match_o);
	free(match_n);
	*out = ch.v;
	return ch.n;
}
