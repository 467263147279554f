/*
 * markdown.c - md4c with folio's flags, positions for md4c's pointers,
 * and the body checks that validate and l10n share with the renderers.
 */
#include "markdown.h"
#include "buf.h"
#include "diag.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void md_src_init(struct md_src *s, const char *text, size_t len,
		 unsigned first_line)
{
	size_t i, alloc = 0;
	int long_line = 0;

	s->text = text;
	s->len = len;
	s->first_line = first_line;
	s->line_starts = NULL;
	s->nlines = 0;
	s->cols = NULL;
	/* room for lines of 32 bytes on average: seldom grown */
	GROW(s->line_starts, alloc, len / 32 + 2);
	s->line_starts[s->nlines++] = 0;
	for (i = 0; i < len; i++) {
		const char *nl = memchr(text + i, '\n', len - i);

		if (!nl)
			break;
		if ((size_t)(nl - text) - i >= MD_COL_STEP)
			long_line = 1;
		i = (size_t)(nl - text);
		if (s->nlines + 1 > alloc)
			GROW(s->line_starts, alloc, s->nlines + 1);
		s->line_starts[s->nlines++] = i + 1;
	}
	if (len - s->line_starts[s->nlines - 1] >= MD_COL_STEP)
		long_line = 1;
	s->long_lines = long_line;
}

/*
 * Column checkpoints for long lines, built lazily: most bodies never ask
 * for a position far into a line.  An md_src belongs to one thread, so the
 * cache can be filled through a const pointer.
 */
static void build_cols(const struct md_src *cs)
{
	struct md_src *s = (struct md_src *)cs;
	unsigned col = 1;
	size_t i;

	s->cols = xcalloc(s->len / MD_COL_STEP + 1, sizeof(*s->cols));
	for (i = 0; i <= s->len; i++) {
		if (i % MD_COL_STEP == 0)
			s->cols[i / MD_COL_STEP] = col;
		if (i == s->len)
			break;
		if (s->text[i] == '\n')
			col = 1;
		else if (((unsigned char)s->text[i] & 0xC0) != 0x80)
			col++;
	}
}

void md_src_release(struct md_src *s)
{
	free(s->line_starts);
	free(s->cols);
	s->line_starts = NULL;
	s->cols = NULL;
	s->nlines = 0;
}

static size_t line_index(const struct md_src *s, size_t off)
{
	size_t lo = 0, hi = s->nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (s->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Columns count code points, as libyaml's do for the frontmatter. */
static unsigned count_cols(const char *p, size_t n)
{
	size_t i = 0, cont = 0;

	/* n less the continuation bytes (10xxxxxx), eight at a time */
	for (; i + 8 <= n; i += 8) {
		unsigned long long w;

		memcpy(&w, p + i, 8);
		w = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
		/* one bit per byte: the multiply sums them into the top byte
		 * (no popcount instruction needed) */
		cont += (size_t)((w * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)p[i] & 0xC0) == 0x80;
	return (unsigned)(1 + n - cont);
}

struct pos md_src_pos(const struct md_src *s, const char *p)
{
	struct pos r = { 0, 0 };
	size_t off, li, start;

	if (!p || p < s->text || p > s->text + s->len)
		return r;
	off = (size_t)(p - s->text);
	li = line_index(s, off);
	r.line = s->first_line + (unsigned)li;
	start = s->line_starts[li];
	/* counting up to 64 KiB is cheaper than building the checkpoints */
	if (s->long_lines && off - start >= 65536) {
		if (!s->cols)
			build_cols(s);
		/* from the last checkpoint, which is inside this line */
		size_t k = off / MD_COL_STEP * MD_COL_STEP;

		r.col = s->cols[k / MD_COL_STEP] - 1 +
			count_cols(s->text + k, off - k);
		return r;
	}
	r.col = count_cols(s->text + start, off - start);
	return r;
}

int md_run(const struct md_src *s, const MD_PARSER *parser, void *userdata)
{
	MD_PARSER p = *parser;

	p.flags = FOLIO_MD_FLAGS;
	return md_parse(s->text, (MD_SIZE)s->len, &p, userdata);
}

int md_article_link(const char *href, size_t len, const char **id, size_t *n)
{
	size_t i;

	if (len < 8 || memcmp(href, "article:", 8) != 0)
		return 0;
	*id = href + 8;
	for (i = 8; i < len && href[i] != '#'; i++)
		;
	*n = i - 8;
	return 1;
}

/* A small table of the named entities authors actually type. */
static const struct { const char *name; unsigned cp; } entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xA0 }, { "shy", 0xAD }, { "copy", 0xA9 },
	{ "reg", 0xAE }, { "trade", 0x2122 }, { "deg", 0xB0 }, { "plusmn", 0xB1 },
	{ "times", 0xD7 }, { "divide", 0xF7 }, { "micro", 0xB5 }, { "middot", 0xB7 },
	{ "laquo", 0xAB }, { "raquo", 0xBB }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
	{ "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bdquo", 0x201E },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
	{ "euro", 0x20AC }, { "eacute", 0xE9 }, { "egrave", 0xE8 }, { "ecirc", 0xEA },
	{ "agrave", 0xE0 }, { "acirc", 0xE2 }, { "ccedil", 0xE7 }, { "ocirc", 0xF4 },
	{ "ucirc", 0xFB }, { "ugrave", 0xF9 }, { "icirc", 0xEE }, { "iuml", 0xEF },
	{ "euml", 0xEB }, { "auml", 0xE4 }, { "ouml", 0xF6 }, { "uuml", 0xFC },
	{ "Auml", 0xC4 }, { "Ouml", 0xD6 }, { "Uuml", 0xDC }, { "szlig", 0xDF },
	{ "Eacute", 0xC9 }, { "Egrave", 0xC8 }, { "Agrave", 0xC0 }, { "Ccedil", 0xC7 },
	{ "oelig", 0x153 }, { "OElig", 0x152 }, { "aelig", 0xE6 }, { "thinsp", 0x2009 },
	{ "ensp", 0x2002 }, { "emsp", 0x2003 }, { "zwnj", 0x200C }, { "zwj", 0x200D },
	{ "lrm", 0x200E }, { "rlm", 0x200F }, { "le", 0x2264 }, { "ge", 0x2265 },
	{ "rarr", 0x2192 }, { "larr", 0x2190 }, { "bull", 0x2022 }, { "sect", 0xA7 },
	{ "para", 0xB6 }, { "frac12", 0xBD }, { "frac14", 0xBC }, { "frac34", 0xBE },
	{ "sup2", 0xB2 }, { "sup3", 0xB3 }, { "iexcl", 0xA1 }, { "iquest", 0xBF },
};

int md_entity(const char *s, size_t n, unsigned *cp)
{
	size_t i;
	unsigned v = 0;

	if (n < 3 || s[0] != '&' || s[n - 1] != ';')
		return -1;
	if (s[1] == '#') {
		int hex = n > 3 && (s[2] == 'x' || s[2] == 'X');

		for (i = hex ? 3 : 2; i < n - 1; i++) {
			char c = s[i];
			unsigned d;

			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				d = (unsigned)(c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				d = (unsigned)(c - 'A' + 10);
			else
				return -1;
			v = v * (hex ? 16 : 10) + d;
			if (v > 0x10FFFF)
				v = 0x110000;
		}
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		*cp = v;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(entities); i++) {
		if (memeq(s + 1, n - 2, entities[i].name)) {
			*cp = entities[i].cp;
			return 0;
		}
	}
	return -1;
}

void md_attr_text(struct buf *b, const MD_ATTRIBUTE *attr)
{
	unsigned i;

	for (i = 0; attr->substr_offsets[i] < attr->size; i++) {
		const char *s = attr->text + attr->substr_offsets[i];
		size_t n = attr->substr_offsets[i + 1] - attr->substr_offsets[i];
		unsigned cp;

		switch (attr->substr_types[i]) {
		case MD_TEXT_NULLCHAR:
			buf_addcp(b, 0xFFFD);
			break;
		case MD_TEXT_ENTITY:
			if (md_entity(s, n, &cp) == 0)
				buf_addcp(b, cp);
			else
				buf_add(b, s, n);
			break;
		default:
			buf_add(b, s, n);
		}
	}
}

/* ---- the body checks ---- */

struct md_check {
	const struct md_src *src;
	const char *file;
	struct article_meta *meta;
	struct diag_list *diags;
	const MD_PARSER *renderer;
	void *renderer_data;

	const char *last;	/* last pointer seen inside the source */
	int last_level;		/* previous heading level (the title is 1) */
	int in_heading;
	int in_html_block;	/* warned for this HTML block already */
	int heading_level;
	int heading_reported;	/* its level was checked */
	struct buf heading;
	struct buf dest;	/* a link's destination, decoded */
	int li_depth;
	int in_word;
	int want_words;		/* count words, keep heading texts (l10n) */
	int want_links;		/* keep article: links in meta->links */

	/*
	 * Links and images: one frame each, they nest (image in a link).
	 * Where one starts is worked out only for a diagnostic (span_where):
	 * from its destination in the source (dest), else from its first
	 * text run (text_at), else pos when it had to be taken at once.
	 */
	struct span {
		int image;
		int has_text;
		int empty_href;
		const char *dest, *text_at;
		struct pos pos;
	} spans[16];
	int nspans;
	unsigned html_line;	/* last line a raw-html warning was given */
	size_t links_alloc, headings_alloc;
};

struct md_check *md_check_new(const struct md_src *src, const char *file,
			      struct article_meta *meta, struct diag_list *diags)
{
	struct md_check *c = xcalloc(1, sizeof(*c));

	c->src = src;
	c->file = file;
	c->meta = meta;
	c->diags = diags;
	c->last = src->text;
	c->last_level = 1;
	c->want_links = 1;
	buf_init(&c->heading);
	buf_init(&c->dest);
	return c;
}

void md_check_words(struct md_check *c, int on)
{
	c->want_words = on;
}

void md_check_links(struct md_check *c, int on)
{
	c->want_links = on;
}

void md_check_free(struct md_check *c)
{
	if (!c)
		return;
	buf_release(&c->heading);
	buf_release(&c->dest);
	free(c);
}

static int in_src(const struct md_check *c, const char *p)
{
	return p >= c->src->text && p <= c->src->text + c->src->len;
}

/* Column of the first non-blank of the line holding p. */
static struct pos line_start_pos(const struct md_check *c, const char *p)
{
	struct pos r = md_src_pos(c->src, p);
	const char *q = p, *text = c->src->text;

	while (q > text && q[-1] != '\n')
		q--;
	while (q < p && (*q == ' ' || *q == '\t' || *q == '>'))
		q++;
	r.col = md_src_pos(c->src, q).col;
	return r;
}

/*
 * Where a link or image starts: walk back from its destination to the
 * "](" and then to the matching '[' (and a '!' before it); the
 * destination itself when the source does not have that shape.
 */
static struct pos span_pos(const struct md_check *c, const char *dest)
{
	const char *text = c->src->text, *q;
	int depth = 0;

	/* bounded, so that hostile bodies cannot make this quadratic */
	if (in_src(c, dest) && dest - text > 4096)
		text = dest - 4096;
	if (!in_src(c, dest) || dest == text)
		return md_src_pos(c->src, c->last);
	q = dest - 1;
	while (q > text && !(q[0] == '(' && q[-1] == ']') && q[0] != '\n')
		q--;
	if (q <= text || q[0] != '(')
		return md_src_pos(c->src, dest);
	for (q -= 1; q >= text; q--) {
		if (*q == ']')
			depth++;
		else if (*q == '[' && --depth == 0)
			break;
	}
	if (q < text)
		return md_src_pos(c->src, dest);
	if (q > text && q[-1] == '!')
		q--;
	return md_src_pos(c->src, q);
}

static void count_words(struct md_check *c, const char *s, size_t n)
{
	size_t i;

	if (!c->want_words)
		return;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		int space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';

		if (!space && !c->in_word)
			c->meta->words++;
		c->in_word = !space;
	}
}

static void heading_text(struct md_check *c, const char *s, size_t n)
{
	if (c->in_heading && c->heading.len < 512)
		buf_add(&c->heading, s, n);
}

static void heading_check(struct md_check *c, const char *at)
{
	int level = c->heading_level;
	struct pos pos = { 0, 0 };

	if (c->heading_reported)
		return;
	c->heading_reported = 1;
	/* where the heading starts: only for a diagnostic */
	if (level == 1 || level > c->last_level + 1)
		pos = line_start_pos(c, at);
	if (level == 1)
		diag(c->diags, R_HEADING_LEVEL, c->file, pos.line, pos.col,
		     NULL, "level-1 heading in the body: the title is the "
		     "page's only level-1 heading, start at level 2");
	else if (level > c->last_level + 1)
		diag(c->diags, R_HEADING_LEVEL, c->file, pos.line, pos.col,
		     NULL, "heading level skipped: level %d after level %d",
		     level, c->last_level);
	c->last_level = level;
}

static void push_heading(struct md_check *c)
{
	struct article_meta *m = c->meta;

	GROW(m->headings, c->headings_alloc, m->nheadings + 1);
	m->headings[m->nheadings++] = xstrndup(c->heading.buf, c->heading.len);
}

static int chk_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct md_check *c = ud;

	c->in_word = 0;
	switch (type) {
	case MD_BLOCK_H:
		c->in_heading = 1;
		c->heading_level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
		c->heading_reported = 0;
		buf_reset(&c->heading);
		c->meta->counts.headings++;
		break;
	case MD_BLOCK_P:
		if (!c->li_depth)
			c->meta->counts.paragraphs++;
		break;
	case MD_BLOCK_LI:
		c->li_depth++;
		c->meta->counts.list_items++;
		break;
	case MD_BLOCK_TABLE:
		c->meta->counts.tables++;
		break;
	case MD_BLOCK_HTML:
		c->in_html_block = 1;
		break;
	default:
		break;
	}
	return 0;
}

static int chk_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct md_check *c = ud;

	(void)detail;
	c->in_word = 0;
	if (type == MD_BLOCK_H) {
		heading_check(c, c->last);
		c->in_heading = 0;
		if (c->want_words)
			push_heading(c);
	} else if (type == MD_BLOCK_LI) {
		c->li_depth--;
	} else if (type == MD_BLOCK_HTML) {
		c->in_html_block = 0;
	}
	return 0;
}

static int chk_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct md_check *c = ud;
	struct span *sp;
	const MD_ATTRIBUTE *dest;

	if (type != MD_SPAN_A && type != MD_SPAN_IMG)
		return 0;
	if (c->nspans == (int)ARRAY_SIZE(c->spans))
		return 0;
	sp = &c->spans[c->nspans++];
	memset(sp, 0, sizeof(*sp));
	sp->image = type == MD_SPAN_IMG;
	dest = sp->image ? &((MD_SPAN_IMG_DETAIL *)detail)->src :
			   &((MD_SPAN_A_DETAIL *)detail)->href;
	if (in_src(c, dest->text) && dest->size)
		c->last = dest->text;
	sp->empty_href = dest->size == 0;
	/* an empty destination has no place in the source: the link's
	 * first text run places it instead (see chk_text) */
	if (!sp->empty_href) {
		/* span_pos() of a destination in the source reads nothing
		 * that changes: it can wait */
		if (in_src(c, dest->text) && dest->text > c->src->text)
			sp->dest = dest->text;
		else
			sp->pos = span_pos(c, dest->text);
	}
	if (sp->image) {
		c->meta->counts.images++;
	} else {
		const char *id;
		size_t n;

		c->meta->counts.links++;
		if (c->want_links && md_article_link(dest->text, dest->size, &id, &n)) {
			struct article_meta *m = c->meta;
			struct buf *b = &c->dest;

			buf_reset(b);
			md_attr_text(b, dest);
			md_article_link(b->buf, b->len, &id, &n);
			GROW(m->links, c->links_alloc, m->nlinks + 1);
			m->links[m->nlinks].id = xstrndup(id, n);
			m->links[m->nlinks].pos = sp->dest ?
				span_pos(c, sp->dest) : sp->pos;
			m->nlinks++;
		}
	}
	return 0;
}

/* Where span sp starts, for a diagnostic (see struct span). */
static struct pos span_where(const struct md_check *c, const struct span *sp)
{
	if (sp->dest)
		return span_pos(c, sp->dest);
	if (sp->pos.line)
		return sp->pos;
	if (sp->text_at)
		return md_src_pos(c->src, sp->text_at);
	return md_src_pos(c->src, c->last);
}

static int chk_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct md_check *c = ud;
	struct span *sp;
	struct pos pos;

	(void)detail;
	if (type != MD_SPAN_A && type != MD_SPAN_IMG)
		return 0;
	if (!c->nspans)
		return 0;
	sp = &c->spans[--c->nspans];
	if (sp->image && !sp->has_text) {
		pos = span_where(c, sp);
		diag(c->diags, R_IMAGE_ALT, c->file, pos.line, pos.col,
		     NULL, "image without alternative text: describe it "
		     "between the brackets");
	}
	if (!sp->image && sp->empty_href) {
		pos = span_where(c, sp);
		diag(c->diags, R_EMPTY_LINK, c->file, pos.line, pos.col,
		     NULL, "link with no destination");
	} else if (!sp->image && !sp->has_text) {
		pos = span_where(c, sp);
		diag(c->diags, R_EMPTY_LINK, c->file, pos.line, pos.col,
		     NULL, "link with no text");
	}
	/* an image with alt text gives its link a text */
	if (sp->image && sp->has_text && c->nspans)
		c->spans[c->nspans - 1].has_text = 1;
	return 0;
}

static int blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

static int chk_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
	struct md_check *c = ud;
	int i;

	if (in_src(c, text) && size)
		c->last = text;
	if (c->in_heading)
		heading_check(c, c->last);
	switch (type) {
	case MD_TEXT_HTML:
		{
			struct pos p = md_src_pos(c->src, text);

			/* one warning a line; md4c hands the block's line ends
			 * over as separate runs */
			if (!p.line || blank(text, size) || p.line == c->html_line ||
			    c->in_html_block > 1)
				break;
			/* a `<!-- folio: ... -->` directive (SPEC 13) is
			 * folio's, not HTML of the page */
			if (c->in_html_block && size >= 11 &&
			    !memcmp(text, "<!-- folio:", 11)) {
				c->in_html_block = 2;
				break;
			}
			if (c->in_html_block)
				c->in_html_block = 2;
			c->html_line = p.line;
			diag(c->diags, R_RAW_HTML, c->file, p.line, p.col, NULL,
			     "raw html is never rendered: '%.*s'",
			     (int)(size > 40 ? 40 : size), text);
		}
		return 0;
	case MD_TEXT_SOFTBR:
	case MD_TEXT_BR:
		c->in_word = 0;
		heading_text(c, " ", 1);
		return 0;
	case MD_TEXT_ENTITY:
		{
			unsigned cp;
			struct buf b = BUF_INIT;

			if (md_entity(text, size, &cp) == 0)
				buf_addcp(&b, cp);
			else
				buf_add(&b, text, size);
			heading_text(c, b.buf, b.len);
			count_words(c, b.buf, b.len);
			buf_release(&b);
		}
		break;
	default:
		heading_text(c, text, size);
		count_words(c, text, size);
		break;
	}
	for (i = 0; i < c->nspans; i++) {
		struct span *sp = &c->spans[i];

		if (!sp->dest && !sp->pos.line && !sp->text_at &&
		    in_src(c, text) && text > c->src->text)
			sp->text_at = text - (sp->image ? 2 : 1);
		if (!blank(text, size))
			sp->has_text = 1;
	}
	return 0;
}

int md_check_run(struct md_check *c)
{
	MD_PARSER p;

	memset(&p, 0, sizeof(p));
	p.enter_block = chk_enter_block;
	p.leave_block = chk_leave_block;
	p.enter_span = chk_enter_span;
	p.leave_span = chk_leave_span;
	p.text = chk_text;
	return md_run(c->src, &p, c);
}

/* The tee: checks first, then the renderer. */
static int tee_enter_block(MD_BLOCKTYPE t, void *d, void *ud)
{
	struct md_check *c = ud;

	chk_enter_block(t, d, c);
	return c->renderer->enter_block(t, d, c->renderer_data);
}

static int tee_leave_block(MD_BLOCKTYPE t, void *d, void *ud)
{
	struct md_check *c = ud;

	chk_leave_block(t, d, c);
	return c->renderer->leave_block(t, d, c->renderer_data);
}

static int tee_enter_span(MD_SPANTYPE t, void *d, void *ud)
{
	struct md_check *c = ud;

	chk_enter_span(t, d, c);
	return c->renderer->enter_span(t, d, c->renderer_data);
}

static int tee_leave_span(MD_SPANTYPE t, void *d, void *ud)
{
	struct md_check *c = ud;

	chk_leave_span(t, d, c);
	return c->renderer->leave_span(t, d, c->renderer_data);
}

static int tee_text(MD_TEXTTYPE t, const MD_CHAR *s, MD_SIZE n, void *ud)
{
	struct md_check *c = ud;

	chk_text(t, s, n, c);
	return c->renderer->text(t, s, n, c->renderer_data);
}

int md_run_with_check(struct md_check *c, const MD_PARSER *renderer,
		      void *renderer_data)
{
	MD_PARSER p;

	memset(&p, 0, sizeof(p));
	c->renderer = renderer;
	c->renderer_data = renderer_data;
	p.enter_block = tee_enter_block;
	p.leave_block = tee_leave_block;
	p.enter_span = tee_enter_span;
	p.leave_span = tee_leave_span;
	p.text = tee_text;
	return md_run(c->src, &p, c);
}
