/*
 * prose.c - leaf blocks of a body as segments of running text.
 */
#include "prose.h"
#include "buf.h"
#include "markdown.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct prose {
	const struct md_src *src;
	prose_fn fn;
	void *ctx;
	struct buf text;
	struct prose_chunk *chunks;
	size_t nchunks, alloc;
	enum prose_kind kind;
	int in_leaf;		/* text goes to the segment */
	int skip;		/* inside a code or HTML block */
	/* the autolink being read: where its text starts, and its href */
	int in_link;
	size_t link_off;
	struct buf href;
};

struct prose *prose_new(const struct md_src *src, prose_fn fn, void *ctx)
{
	struct prose *p = xcalloc(1, sizeof(*p));

	p->src = src;
	p->fn = fn;
	p->ctx = ctx;
	buf_init(&p->text);
	buf_init(&p->href);
	return p;
}

void prose_free(struct prose *p)
{
	if (!p)
		return;
	buf_release(&p->text);
	buf_release(&p->href);
	free(p->chunks);
	free(p);
}

struct pos prose_pos(const struct prose_seg *s, size_t off)
{
	size_t lo = 0, hi = s->nchunks;
	struct pos none = { 0, 0 };

	if (!s->nchunks)
		return none;
	/* the last chunk that starts at or before off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->chunks[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (;;) {
		const struct prose_chunk *c = &s->chunks[lo];

		if (c->src) {
			size_t k = off >= c->off ? off - c->off : 0;

			if (k > c->len)
				k = c->len;
			return md_src_pos(s->src, c->src + k);
		}
		/* a decoded piece: where the one before it ended */
		if (!lo)
			return none;
		lo--;
		off = s->chunks[lo].off + s->chunks[lo].len;
	}
}

static int in_src(const struct prose *p, const char *t)
{
	return t >= p->src->text && t <= p->src->text + p->src->len;
}

static void add_chunk(struct prose *p, const char *src, size_t len)
{
	struct prose_chunk *c;

	GROW(p->chunks, p->alloc, p->nchunks + 1);
	c = &p->chunks[p->nchunks++];
	c->off = p->text.len;
	c->src = src && in_src(p, src) ? src : NULL;
	c->len = c->src ? len : 0;
}

static int url_char(unsigned char c)
{
	return c > ' ' && c != '<' && c != '>' && c != '"';
}

/*
 * Blank the URLs md4c did not make links of (a host with non-ASCII
 * letters ends its autolink early): a scheme and "://", or "www." at the
 * start of a word, to the next space, less the punctuation after it.
 */
static void blank_urls(char *t, size_t n)
{
	const char *q = NULL, *r = NULL;	/* the next ':' and 'w' */
	size_t i = 0, s, e;

	while (n >= 4 && i + 3 < n) {
		if (!q || q < t + i)
			q = memchr(t + i, ':', n - 3 - i);
		if (!r || r < t + i)
			r = memchr(t + i, 'w', n - 3 - i);
		if (!q && !r)
			break;
		i = (size_t)(((q && (!r || q < r)) ? q : r) - t);
		if (t[i] == ':' && t[i + 1] == '/' && t[i + 2] == '/') {
			s = i;
			while (s > 0 && (isalnum((unsigned char)t[s - 1]) ||
					 t[s - 1] == '+' || t[s - 1] == '-' || t[s - 1] == '.'))
				s--;
			if (s == i) {
				i++;
				continue;
			}
		} else if (t[i] == 'w' && !strncmp(t + i, "www.", 4) &&
			   (i == 0 || !url_char((unsigned char)t[i - 1]) ||
			    t[i - 1] == '(')) {
			s = i;
		} else {
			i++;
			continue;
		}
		e = i;
		while (e < n && url_char((unsigned char)t[e]))
			e++;
		while (e > i && strchr(".,;:!?)]", t[e - 1]))
			e--;
		memset(t + s, ' ', e - s);
		i = e > i ? e : i + 1;
	}
}

static void prose_flush(struct prose *p)
{
	size_t i;
	int blank = 1;

	for (i = 0; i < p->text.len && blank; i++)
		blank = p->text.buf[i] == ' ' || p->text.buf[i] == '\n';
	if (!blank) {
		struct prose_seg s;

		blank_urls(p->text.buf, p->text.len);
		s.text = p->text.buf;
		s.len = p->text.len;
		s.kind = p->kind;
		s.src = p->src;
		s.chunks = p->chunks;
		s.nchunks = p->nchunks;
		p->fn(p->ctx, &s);
	}
	buf_reset(&p->text);
	p->nchunks = 0;
	p->in_leaf = 0;
}

static void start(struct prose *p, enum prose_kind kind)
{
	prose_flush(p);
	p->kind = kind;
	p->in_leaf = !p->skip;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct prose *p = ud;

	(void)detail;
	switch (type) {
	case MD_BLOCK_P:
		start(p, PROSE_PARAGRAPH);
		break;
	case MD_BLOCK_LI:
		start(p, PROSE_ITEM);
		break;
	case MD_BLOCK_H:
		start(p, PROSE_HEADING);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		start(p, PROSE_CELL);
		break;
	case MD_BLOCK_CODE:
	case MD_BLOCK_HTML:
		prose_flush(p);
		p->skip++;
		break;
	default:
		/* a quote, a list, a table: what came before is a block */
		prose_flush(p);
	}
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct prose *p = ud;

	(void)detail;
	prose_flush(p);
	if ((type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) && p->skip)
		p->skip--;
	return 0;
}

/* The text of a link that is its own destination: a URL, blanked. */
static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct prose *p = ud;

	if (type == MD_SPAN_A && !p->in_link) {
		const MD_SPAN_A_DETAIL *a = detail;

		p->in_link = 1;
		p->link_off = p->text.len;
		buf_reset(&p->href);
		md_attr_text(&p->href, &a->href);
	}
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct prose *p = ud;

	(void)detail;
	if (type == MD_SPAN_A && p->in_link) {
		size_t n = p->text.len - p->link_off;

		p->in_link = 0;
		/* www.x for http://www.x, a@b for mailto:a@b: the end matches */
		if (n && n <= p->href.len &&
		    !memcmp(p->text.buf + p->link_off,
			    p->href.buf + p->href.len - n, n))
			memset(p->text.buf + p->link_off, ' ', n);
	}
	return 0;
}

static int prose_text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE n, void *ud)
{
	struct prose *p = ud;
	unsigned cp;

	if (!p->in_leaf)
		return 0;
	switch (type) {
	case MD_TEXT_NORMAL:
		add_chunk(p, t, n);
		buf_add(&p->text, t, n);
		break;
	case MD_TEXT_ENTITY:
		add_chunk(p, t, 0);
		if (md_entity(t, n, &cp) == 0)
			buf_addcp(&p->text, cp);
		else
			buf_addc(&p->text, ' ');
		break;
	case MD_TEXT_NULLCHAR:
		add_chunk(p, NULL, 0);
		buf_addcp(&p->text, 0xFFFD);
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		add_chunk(p, NULL, 0);
		buf_addc(&p->text, '\n');
		break;
	default:
		/* code, raw HTML, math: one space, never read */
		add_chunk(p, t, 0);
		buf_addc(&p->text, ' ');
	}
	return 0;
}

const MD_PARSER prose_parser = {
	0, FOLIO_MD_FLAGS, enter_block, leave_block, enter_span, leave_span,
	prose_text, NULL, NULL
};
