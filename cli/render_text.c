/*
 * render_text.c - article bodies as plain text for print (SPEC 8.4); the
 * page around them is export_text.c's.
 *
 * md4c pushes blocks, spans and text; running text goes straight into the
 * wrapping engine (wrap.h), which writes finished lines to the output, so
 * a body is rendered in one pass with no tree.  What cannot be written as
 * it comes is kept until its block ends: a code block (its lines are
 * indented as a whole), an image's alt text, and a table (columns are as
 * wide as their widest cell, known only at the end).
 *
 * Layout:
 *   - blocks are separated by one blank line; the items of a tight list
 *     are not;
 *   - a list item's first line starts with its marker ("- ", "3. "), the
 *     others are indented by the marker's width (a hanging indent), and so
 *     are nested blocks; a quote's lines start with "> ";
 *   - indentation stops growing at half the width, so that a list nested
 *     fifty levels deep still has room for its words;
 *   - level-1 and level-2 headings are underlined with '=' and '-' over
 *     the width of their longest line, deeper ones stand on their lines;
 *   - code blocks are written as they are, indented by four spaces;
 *   - a table is written in aligned columns two spaces apart, its header
 *     underlined with '-'; when it is wider than the line, its columns
 *     shrink towards their longest word and cells wrap inside them;
 *   - emphasis is dropped; a link is its text followed by " [n]", n its
 *     number in the list of URLs at the end of the page (a link whose text
 *     is its URL gets no number: the URL is there already); an image is
 *     "[alt]".
 *
 * Text gets the page language's typography (typo.h) as in HTML; the
 * no-break spaces it adds are not spaces for the wrapping engine, so a
 * French "?" never starts a line.  The output is UTF-8; converting it to
 * another encoding is the export's job.
 */
#include "buf.h"
#include "markdown.h"
#include "numbers.h"
#include "rawhtml.h"
#include "render.h"
#include "typo.h"
#include "util.h"
#include "wrap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODE_INDENT "    "
#define REPLACEMENT "\xEF\xBF\xBD"
#define MAX_LINKS 8		/* md4c never nests links; see render_html.c */
#define LINK_TEXT_MAX 4096	/* enough to compare a link's text with its URL */
#define COL_GAP "  "		/* between table columns */

/* ---- the body ---- */

enum level_kind { LV_QUOTE, LV_ITEM };

/* A container that indents its lines: a quote or a list item. */
struct level {
	enum level_kind kind;
	char mark[24];		/* "> ", "- ", "12. " */
	size_t mlen;
	unsigned w;		/* its columns */
};

struct list {
	int ordered;
	unsigned next;		/* the next item's number */
	char delim;		/* '.' or ')' */
	int tight;
	unsigned items;		/* items opened so far */
};

/* How a piece of inline text may be broken. */
enum piece { P_TEXT, P_VERBATIM, P_ATTACH };

struct tseg {
	size_t off, len;
	enum piece kind;
};

struct tcell {
	size_t seg0, seg1;	/* its pieces: seg[seg0..seg1) */
	MD_ALIGN align;
};

/* A table being read: cells as pieces, laid out when it ends. */
struct table {
	int active, in_cell;
	struct buf bytes;
	struct tseg *seg;
	size_t nseg, aseg;
	struct tcell *cell;
	size_t ncell, acell;
	size_t *row;		/* index of each row's first cell */
	size_t nrow, arow;
	size_t head_rows;
};

struct tlink {
	int emitted;
	struct buf href;	/* where it goes */
	struct buf text;	/* its text, up to LINK_TEXT_MAX */
};

struct text {
	const struct render_opts *o;
	struct render_info *info;
	struct buf *out;
	unsigned width;
	struct wrap w;
	int para;		/* a paragraph is open in w */
	unsigned heading;	/* level of the open heading, or 0 */

	struct level *lv;
	size_t nlv, alv;
	size_t nshown;		/* levels within the indentation cap */
	unsigned shown_w;	/* their columns */
	size_t nused;		/* levels [0, nused) have written their marker */
	struct list *ls;
	size_t nls, als;

	int wrote;		/* a line has been written */
	int owed;		/* a blank line is owed before the next line */
	size_t owed_depth;	/* ... with the prefixes of levels below this */
	struct buf before, first, rest;	/* the open paragraph's prefixes */

	int use_typo;
	struct typo typo;
	struct num_list nums;	/* the typography's scratch (typo.nums) */
	int softbreak;		/* a soft break held for the next text run */
	struct buf tmp, tmp2, line;
	struct buf url;		/* a link's destination being resolved */
	struct buf ent;		/* a decoded entity */

	struct tlink links[MAX_LINKS];
	int nlinks;
	int img_depth;
	struct buf alt;
	int in_code;
	struct buf code;
	int in_html_block;
	unsigned span_depth;	/* Markdown spans open (not in alt text) */
	struct rawhtml_stack raw;	/* inline tags of rawhtml.h open */
	enum rawhtml_tag script;	/* the innermost open sup or sub */
	int script_mode;	/* how its text is written: enum script_mode */
	struct buf sbuf;	/* a run in super- or subscript */
	struct table t;
	struct wrap cw;		/* table cells */
	struct buf cells;
};

/*
 * Prefix of a line: each level's marker on its first line, else spaces;
 * a quote's "> " on every line.  Levels past the indentation cap indent
 * no further, but an item's marker still shows on its first line.
 * Returns its width.  Only the levels whose marker is still to be written
 * are visited past the cap, so a list nested 50,000 deep stays linear.
 */
static unsigned build_prefix(const struct text *h, struct buf *b, int first,
			     size_t depth)
{
	unsigned w = 0;
	size_t i;

	buf_reset(b);
	for (i = 0; i < depth && i < h->nshown; i++) {
		const struct level *l = &h->lv[i];

		if (l->kind == LV_QUOTE || (first && i >= h->nused)) {
			buf_add(b, l->mark, l->mlen);
		} else {
			unsigned k;

			for (k = 0; k < l->w; k++)
				buf_addc(b, ' ');
		}
		w += l->w;
	}
	for (i = h->nused > i ? h->nused : i; first && i < depth; i++) {
		const struct level *l = &h->lv[i];

		if (l->kind == LV_ITEM) {
			buf_add(b, l->mark, l->mlen);
			w += l->w;
		}
	}
	return w;
}

static void use_markers(struct text *h)
{
	h->nused = h->nlv;
}

/* The blank line owed, into b ("" when none). */
static void build_blank(const struct text *h, struct buf *b)
{
	buf_reset(b);
	if (!h->owed || !h->wrote)
		return;
	build_prefix(h, b, 0, h->owed_depth);
	while (b->len && b->buf[b->len - 1] == ' ')
		b->len--;
	buf_setlen(b, b->len);
	buf_addc(b, '\n');
}

/* A line the renderer writes itself (code, tables, rules, underlines). */
static void put_line(struct text *h, const char *s, size_t n, int first)
{
	size_t start;

	build_blank(h, &h->before);
	buf_add(h->out, h->before.buf, h->before.len);
	start = h->out->len;
	build_prefix(h, &h->first, first, h->nlv);
	buf_add(h->out, h->first.buf, h->first.len);
	buf_add(h->out, s, n);
	while (h->out->len > start && h->out->buf[h->out->len - 1] == ' ')
		h->out->len--;
	buf_setlen(h->out, h->out->len);
	buf_addc(h->out, '\n');
	if (first)
		use_markers(h);
	h->owed = 0;
	h->wrote = 1;
}

static void para_begin(struct text *h)
{
	struct wrap_str before, first, rest;

	build_blank(h, &h->before);
	first.width = build_prefix(h, &h->first, 1, h->nlv);
	rest.width = build_prefix(h, &h->rest, 0, h->nlv);
	before.s = h->before.buf;
	before.len = h->before.len;
	before.width = 0;
	first.s = h->first.buf;
	first.len = h->first.len;
	rest.s = h->rest.buf;
	rest.len = h->rest.len;
	wrap_begin(&h->w, &before, &first, &rest);
	h->para = 1;
}

/* End the open paragraph; returns the lines it wrote. */
static size_t para_end(struct text *h)
{
	size_t n;

	if (!h->para)
		return 0;
	n = wrap_end(&h->w);
	h->para = 0;
	if (n) {
		use_markers(h);
		h->owed = 0;
		h->wrote = 1;
	}
	return n;
}

/* A block ended: the next one is a blank line away. */
static void block_done(struct text *h)
{
	if (!h->wrote)
		return;
	if (!h->owed || h->owed_depth > h->nlv)
		h->owed_depth = h->nlv;
	h->owed = 1;
}

static void owe_outside(struct text *h)
{
	if (h->owed_depth > h->nlv)
		h->owed_depth = h->nlv;
}

/*
 * A block starts: the paragraph open before it (the text of a tight list
 * item, which has no paragraph of its own) ends there.
 */
static void end_implicit(struct text *h)
{
	if (h->para) {
		para_end(h);
		block_done(h);
	}
}

static void push_level(struct text *h, enum level_kind kind, const char *mark)
{
	struct level *l;
	unsigned cap = h->width / 2;

	GROW(h->lv, h->alv, h->nlv + 1);
	l = &h->lv[h->nlv];
	l->kind = kind;
	l->mlen = strlen(mark);
	if (l->mlen >= sizeof(l->mark))
		l->mlen = sizeof(l->mark) - 1;
	memcpy(l->mark, mark, l->mlen);
	l->w = (unsigned)l->mlen;
	/* deeper levels than the cap still nest, without indenting further */
	if (h->nshown == h->nlv && h->shown_w + l->w <= cap) {
		h->nshown++;
		h->shown_w += l->w;
	}
	h->nlv++;
}

static void pop_level(struct text *h)
{
	if (!h->nlv)
		return;
	h->nlv--;
	if (h->nused > h->nlv)
		h->nused = h->nlv;
	if (h->nshown > h->nlv) {
		h->nshown = h->nlv;
		h->shown_w -= h->lv[h->nlv].w;
	}
	owe_outside(h);
}

/* ---- inline text ---- */

static void cell_piece(struct text *h, const char *s, size_t n, enum piece k)
{
	struct table *t = &h->t;

	GROW(t->seg, t->aseg, t->nseg + 1);
	t->seg[t->nseg].off = t->bytes.len;
	t->seg[t->nseg].len = n;
	t->seg[t->nseg].kind = k;
	t->nseg++;
	buf_add(&t->bytes, s, n);
}

static void put_piece(struct wrap *w, const char *s, size_t n, enum piece k)
{
	switch (k) {
	case P_TEXT:
		wrap_text(w, s, n);
		break;
	case P_VERBATIM:
		wrap_verbatim(w, s, n);
		break;
	case P_ATTACH:
		wrap_attach(w, s, n);
		break;
	}
}

/* Inline text to where it goes: a table cell, or the paragraph. */
static void put_text(struct text *h, const char *s, size_t n, enum piece k)
{
	if (!n)
		return;
	if (h->t.active) {
		if (h->t.in_cell)
			cell_piece(h, s, n, k);
		return;
	}
	if (!h->para)
		para_begin(h);
	put_piece(&h->w, s, n, k);
}

/* A held soft break, before anything that is not ordinary text. */
static void flush_soft(struct text *h)
{
	if (!h->softbreak)
		return;
	h->softbreak = 0;
	if (h->img_depth) {
		buf_addc(&h->alt, ' ');
		return;
	}
	if (h->use_typo) {
		buf_reset(&h->tmp);
		typo_text(&h->typo, &h->tmp, "\n", 1);
		put_text(h, h->tmp.buf, h->tmp.len, P_TEXT);
	} else {
		put_text(h, "\n", 1, P_TEXT);
	}
}

/*
 * Superscript and subscript (<sup>, <sub>) in plain text: "10<sup>9</sup>"
 * must not read "109".  Digits and + - = ( ) have Unicode super- and
 * subscript forms; a superscript of letters alone is written as it is
 * (French ordinals, "1<sup>er</sup>", "M<sup>me</sup>"); a subscript of
 * letters alone gets '_' ("V_max"); anything else "^(...)" or "_(...)".
 * The first run of the tag decides.
 */
enum script_mode { SM_NONE, SM_MAPPED, SM_PLAIN, SM_PREFIX, SM_PAREN };

static const char *const sup_form[] = {
	"\u2070", "\u00B9", "\u00B2", "\u00B3", "\u2074",
	"\u2075", "\u2076", "\u2077", "\u2078", "\u2079",
	"\u207A", "\u207B", "\u207C", "\u207D", "\u207E",
};
static const char *const sub_form[] = {
	"\u2080", "\u2081", "\u2082", "\u2083", "\u2084",
	"\u2085", "\u2086", "\u2087", "\u2088", "\u2089",
	"\u208A", "\u208B", "\u208C", "\u208D", "\u208E",
};

/* Index of s[i..] in the forms above, and its length in *len; -1. */
static int script_index(const char *s, size_t n, size_t i, size_t *len)
{
	static const char signs[] = "+-=()";
	const char *p;

	*len = 1;
	if (s[i] >= '0' && s[i] <= '9')
		return s[i] - '0';
	if (s[i] && (p = strchr(signs, s[i])))
		return 10 + (int)(p - signs);
	if (n - i >= 3 && !memcmp(s + i, "\xE2\x88\x92", 3)) {	/* minus sign */
		*len = 3;
		return 11;
	}
	return -1;
}

static int script_maps(const char *s, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i += len)
		if (script_index(s, n, i, &len) < 0)
			return 0;
	return n > 0;
}

/* s[0..n) as the open script shows it, into h->sbuf. */
static void script_text(struct text *h, const char *s, size_t n)
{
	const char *const *form = h->script == RH_SUP ? sup_form : sub_form;
	size_t i, len;
	int digit = 0, letters = 1;

	buf_reset(&h->sbuf);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		digit |= c >= '0' && c <= '9';
		if (!(c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			letters = 0;
	}
	if (h->script_mode == SM_NONE) {
		if (script_maps(s, n))
			h->script_mode = SM_MAPPED;
		else if (h->script == RH_SUP && !digit)
			h->script_mode = SM_PLAIN;
		else if (h->script == RH_SUB && letters) {
			h->script_mode = SM_PREFIX;
			buf_addc(&h->sbuf, '_');
		} else {
			h->script_mode = SM_PAREN;
			buf_adds(&h->sbuf, h->script == RH_SUP ? "^(" : "_(");
		}
	}
	if (h->script_mode == SM_MAPPED && script_maps(s, n)) {
		for (i = 0; i < n; i += len)
			buf_adds(&h->sbuf, form[script_index(s, n, i, &len)]);
		return;
	}
	buf_add(&h->sbuf, s, n);
}

/* A run of the reader's text: into the open link's text, then the line. */
static void text_put_run(struct text *h, const char *t, size_t tn,
			 enum piece k)
{
	if (h->nlinks) {
		struct buf *lt = &h->links[h->nlinks - 1].text;

		if (lt->len < LINK_TEXT_MAX)
			buf_add(lt, t, tn < LINK_TEXT_MAX ? tn : LINK_TEXT_MAX);
	}
	put_text(h, t, tn, k);
}

/*
 * Text of a right-to-left page: each phone number and each number in
 * Western digits written in pieces between U+2066 LEFT-TO-RIGHT ISOLATE
 * and U+2069 POP DIRECTIONAL ISOLATE, so that a reader's bidirectional
 * display does not show its groups in reverse order (render_ltr_runs()).
 */
static void text_isolated(struct text *h, const char *t, size_t tn,
			  enum piece k)
{
	size_t *v = NULL, alloc = 0, at = 0, i;
	const char *nl = h->typo.nums_lang;
	/* the numbers the typography read, when it read them as lang does */
	size_t runs = render_ltr_runs(t, tn, h->o->lang,
		nl && !strcmp(nl, h->o->lang) ? &h->nums : NULL, &h->nums,
		&v, &alloc);
	struct buf iso = BUF_INIT;

	if (!runs) {
		text_put_run(h, t, tn, k);
		return;
	}
	for (i = 0; i < runs; i++) {
		buf_add(&iso, t + at, v[2 * i] - at);
		buf_adds(&iso, "\xE2\x81\xA6");
		buf_add(&iso, t + v[2 * i], v[2 * i + 1] - v[2 * i]);
		buf_adds(&iso, "\xE2\x81\xA9");
		at = v[2 * i + 1];
	}
	buf_add(&iso, t + at, tn - at);
	text_put_run(h, iso.buf, iso.len, k);
	buf_release(&iso);
	free(v);
}

/*
 * Text the reader sees: typography (unless verbatim), then to the image's
 * alt text, the open link's text and the output.  A soft break held back
 * goes in front, in the same typography call, so "Comment\n?" gets its
 * no-break space.
 */
static void run(struct text *h, const char *s, size_t n, int verbatim,
		enum piece k)
{
	const char *t = s;
	size_t tn = n;

	if (h->script && !h->img_depth && k == P_TEXT) {
		script_text(h, s, n);
		s = t = h->sbuf.buf;
		n = tn = h->sbuf.len;
		verbatim = 1;
	}
	if (h->softbreak && h->use_typo && !verbatim && !h->img_depth) {
		h->softbreak = 0;
		buf_reset(&h->tmp2);
		buf_addc(&h->tmp2, '\n');
		buf_add(&h->tmp2, s, n);
		s = h->tmp2.buf;
		n = h->tmp2.len;
		t = s;
		tn = n;
	}
	flush_soft(h);
	if (h->use_typo) {
		if (verbatim) {
			typo_verbatim(&h->typo, s, n);
		} else {
			buf_reset(&h->tmp);
			t = typo_run(&h->typo, &h->tmp, s, n, &tn);
		}
	}
	if (h->img_depth) {
		buf_add(&h->alt, t, tn);
		return;
	}
	if (h->o->rtl && h->use_typo && !verbatim &&
	    !(h->o->flags & RENDER_NO_ISOLATES)) {
		text_isolated(h, t, tn, k);
		return;
	}
	text_put_run(h, t, tn, k);
}

/* ---- blocks ---- */

static void raw_unwind(struct text *h, unsigned depth);
static int leave_span(MD_SPANTYPE type, void *detail, void *ud);

static void code_flush(struct text *h)
{
	const char *p = h->code.buf, *end = h->code.buf + h->code.len;
	int first = 1;

	/* the block's last line end is not an empty line */
	if (end > p && end[-1] == '\n')
		end--;
	while (p <= end && h->code.len) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		buf_reset(&h->line);
		buf_adds(&h->line, CODE_INDENT);
		wrap_clean(&h->line, p, n, 1);
		put_line(h, h->line.buf, h->line.len, first);
		first = 0;
		if (!nl)
			break;
		p = nl + 1;
	}
	buf_reset(&h->code);
}

static void underline(struct text *h, unsigned width, char c)
{
	unsigned i;

	buf_reset(&h->line);
	for (i = 0; i < width; i++)
		buf_addc(&h->line, c);
	put_line(h, h->line.buf, h->line.len, 0);
}

static void rule(struct text *h)
{
	unsigned avail = h->width > h->shown_w ? h->width - h->shown_w : 5, i;

	buf_reset(&h->line);
	for (i = 0; avail > 5 && i < (avail - 5) / 2; i++)
		buf_addc(&h->line, ' ');
	buf_adds(&h->line, "* * *");
	put_line(h, h->line.buf, h->line.len, 1);
}

static void table_reset(struct table *t)
{
	buf_reset(&t->bytes);
	t->nseg = t->ncell = t->nrow = t->head_rows = 0;
	t->in_cell = 0;
}

static void replay(struct text *h, const struct tcell *c)
{
	size_t i;

	for (i = c->seg0; i < c->seg1; i++)
		put_piece(&h->cw, h->t.bytes.buf + h->t.seg[i].off,
			  h->t.seg[i].len, h->t.seg[i].kind);
}

/* The cells of row r, and how many. */
static size_t row_cells(const struct table *t, size_t r, size_t *first)
{
	size_t end = r + 1 < t->nrow ? t->row[r + 1] : t->ncell;

	*first = t->row[r];
	return end - t->row[r];
}

/*
 * Column widths: each column as wide as its widest cell when the table
 * fits; else every column at least its longest word, and the room left
 * shared in proportion to what each column would still want.
 */
static void table_widths(struct text *h, size_t ncols, unsigned *w)
{
	struct table *t = &h->t;
	unsigned *nat = xcalloc(ncols, sizeof(*nat));
	unsigned *min = xcalloc(ncols, sizeof(*min));
	unsigned long total = 0, mins = 0, want = 0, extra, given = 0;
	unsigned avail = h->width > h->shown_w ? h->width - h->shown_w : 1;
	size_t r, c, first, n;

	for (r = 0; r < t->nrow; r++) {
		n = row_cells(t, r, &first);
		for (c = 0; c < n && c < ncols; c++) {
			buf_reset(&h->cells);
			wrap_begin(&h->cw, NULL, NULL, NULL);
			h->cw.width = (unsigned)-1 / 2;
			replay(h, &t->cell[first + c]);
			wrap_end(&h->cw);
			if (h->cw.max_line > nat[c])
				nat[c] = h->cw.max_line;
			if (h->cw.max_unit > min[c])
				min[c] = h->cw.max_unit;
		}
	}
	for (c = 0; c < ncols; c++) {
		if (!nat[c])
			nat[c] = min[c] = 1;
		total += nat[c] + (c ? strlen(COL_GAP) : 0);
		mins += min[c] + (c ? strlen(COL_GAP) : 0);
		want += nat[c] - min[c];
		w[c] = nat[c];
	}
	if (total > avail) {
		extra = mins < avail ? avail - mins : 0;
		for (c = 0; c < ncols; c++) {
			unsigned long add = want ? extra * (nat[c] - min[c]) / want : 0;

			w[c] = min[c] + (unsigned)add;
			given += add;
		}
		/* what rounding left over, to the first columns that want it */
		for (c = 0; c < ncols && given < extra; c++) {
			if (w[c] < nat[c]) {
				w[c]++;
				given++;
			}
		}
	}
	free(nat);
	free(min);
}

struct cellpos {
	size_t off, end;	/* its remaining lines in h->cells */
};

static void table_row(struct text *h, size_t r, size_t ncols,
		      const unsigned *w, struct cellpos *cp, int *first)
{
	struct table *t = &h->t;
	size_t first_cell, n = row_cells(t, r, &first_cell), c;
	size_t lines = 0;

	buf_reset(&h->cells);
	for (c = 0; c < ncols; c++) {
		size_t start = h->cells.len, k;

		if (c < n) {
			wrap_begin(&h->cw, NULL, NULL, NULL);
			h->cw.width = w[c];
			replay(h, &t->cell[first_cell + c]);
			k = wrap_end(&h->cw);
		} else {
			k = 0;
		}
		if (k > lines)
			lines = k;
		cp[c].off = start;
		cp[c].end = h->cells.len;
	}
	for (; lines; lines--) {
		buf_reset(&h->line);
		for (c = 0; c < ncols; c++) {
			const char *s = h->cells.buf + cp[c].off;
			const char *nl = cp[c].off < cp[c].end ?
				memchr(s, '\n', cp[c].end - cp[c].off) : NULL;
			size_t len = nl ? (size_t)(nl - s) : 0;
			unsigned tw = wrap_width(s, len), pad = tw < w[c] ? w[c] - tw : 0;
			unsigned left = 0, k;
			MD_ALIGN a = c < n ? t->cell[first_cell + c].align : MD_ALIGN_DEFAULT;

			if (a == MD_ALIGN_RIGHT)
				left = pad;
			else if (a == MD_ALIGN_CENTER)
				left = pad / 2;
			if (c)
				buf_adds(&h->line, COL_GAP);
			for (k = 0; k < left; k++)
				buf_addc(&h->line, ' ');
			buf_add(&h->line, s, len);
			for (k = left; k < pad; k++)
				buf_addc(&h->line, ' ');
			if (nl)
				cp[c].off += len + 1;
		}
		put_line(h, h->line.buf, h->line.len, *first);
		*first = 0;
	}
}

static void table_flush(struct text *h)
{
	struct table *t = &h->t;
	size_t ncols = 0, r, c, first_cell;
	unsigned *w;
	struct cellpos *cp;
	int first = 1, tall = 0;

	for (r = 0; r < t->nrow; r++) {
		size_t n = row_cells(t, r, &first_cell);

		if (n > ncols)
			ncols = n;
	}
	if (!ncols)
		return;
	w = xcalloc(ncols, sizeof(*w));
	cp = xcalloc(ncols, sizeof(*cp));
	table_widths(h, ncols, w);
	/* rows of several lines are told apart by a blank line */
	for (r = t->head_rows; r < t->nrow && !tall; r++) {
		size_t n = row_cells(t, r, &first_cell);

		for (c = 0; c < n && c < ncols && !tall; c++) {
			buf_reset(&h->cells);
			wrap_begin(&h->cw, NULL, NULL, NULL);
			h->cw.width = w[c];
			replay(h, &t->cell[first_cell + c]);
			tall = wrap_end(&h->cw) > 1;
		}
	}
	for (r = 0; r < t->nrow; r++) {
		if (r > t->head_rows && tall)
			put_line(h, "", 0, 0);
		table_row(h, r, ncols, w, cp, &first);
		if (r + 1 == t->head_rows) {
			buf_reset(&h->line);
			for (c = 0; c < ncols; c++) {
				unsigned k;

				if (c)
					buf_adds(&h->line, COL_GAP);
				for (k = 0; k < w[c]; k++)
					buf_addc(&h->line, '-');
			}
			put_line(h, h->line.buf, h->line.len, first);
			first = 0;
		}
	}
	free(w);
	free(cp);
}

static void list_item_open(struct text *h)
{
	struct list *l = h->nls ? &h->ls[h->nls - 1] : NULL;
	char mark[24];

	if (l && l->ordered) {
		char post[3] = { l->delim, ' ', '\0' };

		fmt_uint_between(mark, "", l->next++, post);
	} else {
		memcpy(mark, "- ", 3);
	}
	/* the items of a tight list follow each other without a blank line */
	if (l && l->tight && l->items)
		h->owed = 0;
	if (l)
		l->items++;
	push_level(h, LV_ITEM, mark);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct text *h = ud;

	flush_soft(h);
	if (h->use_typo && type != MD_BLOCK_DOC)
		typo_block(&h->typo);
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		end_implicit(h);
		push_level(h, LV_QUOTE, "> ");
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL: {
		struct list *l;
		int nested_tight;

		end_implicit(h);
		nested_tight = h->nls && h->ls[h->nls - 1].tight && h->nlv &&
			       h->lv[h->nlv - 1].kind == LV_ITEM &&
			       h->nused >= h->nlv;
		GROW(h->ls, h->als, h->nls + 1);
		l = &h->ls[h->nls++];
		memset(l, 0, sizeof(*l));
		if (type == MD_BLOCK_OL) {
			const MD_BLOCK_OL_DETAIL *d = detail;

			l->ordered = 1;
			l->next = d->start;
			l->delim = d->mark_delimiter == ')' ? ')' : '.';
			l->tight = d->is_tight;
		} else {
			l->tight = ((const MD_BLOCK_UL_DETAIL *)detail)->is_tight;
		}
		/* "- a" then "  - b": a tight list in a tight item */
		if (nested_tight && l->tight)
			h->owed = 0;
		break;
	}
	case MD_BLOCK_LI:
		end_implicit(h);
		list_item_open(h);
		break;
	case MD_BLOCK_HR:
		end_implicit(h);
		rule(h);
		block_done(h);
		break;
	case MD_BLOCK_H:
		end_implicit(h);
		h->heading = ((MD_BLOCK_H_DETAIL *)detail)->level;
		para_begin(h);
		break;
	case MD_BLOCK_CODE:
		end_implicit(h);
		h->in_code = 1;
		buf_reset(&h->code);
		break;
	case MD_BLOCK_HTML:
		/* never written: validate warns (raw-html) */
		h->in_html_block = 1;
		break;
	case MD_BLOCK_P:
		if (!h->t.active) {
			end_implicit(h);
			para_begin(h);
		}
		break;
	case MD_BLOCK_TABLE:
		end_implicit(h);
		table_reset(&h->t);
		h->t.active = 1;
		break;
	case MD_BLOCK_THEAD:
	case MD_BLOCK_TBODY:
		break;
	case MD_BLOCK_TR:
		GROW(h->t.row, h->t.arow, h->t.nrow + 1);
		h->t.row[h->t.nrow++] = h->t.ncell;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (!h->t.nrow)
			break;
		GROW(h->t.cell, h->t.acell, h->t.ncell + 1);
		h->t.cell[h->t.ncell].seg0 = h->t.cell[h->t.ncell].seg1 = h->t.nseg;
		h->t.cell[h->t.ncell].align = ((MD_BLOCK_TD_DETAIL *)detail)->align;
		h->t.ncell++;
		h->t.in_cell = 1;
		break;
	}
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct text *h = ud;
	size_t n;

	(void)detail;
	flush_soft(h);
	while (h->img_depth)	/* an image md4c left open: its alt text */
		leave_span(MD_SPAN_IMG, NULL, h);
	if (h->raw.n)
		raw_unwind(h, 0);
	h->span_depth = 0;	/* spans never cross blocks */
	switch (type) {
	case MD_BLOCK_DOC:
	case MD_BLOCK_HR:
		break;
	case MD_BLOCK_QUOTE:
		para_end(h);
		block_done(h);
		pop_level(h);
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		para_end(h);
		block_done(h);
		if (h->nls)
			h->nls--;
		break;
	case MD_BLOCK_LI:
		para_end(h);
		block_done(h);
		pop_level(h);
		break;
	case MD_BLOCK_H:
		n = para_end(h);
		if (n && h->heading <= 2)
			underline(h, h->w.max_line, h->heading <= 1 ? '=' : '-');
		h->heading = 0;
		block_done(h);
		break;
	case MD_BLOCK_CODE:
		h->in_code = 0;
		code_flush(h);
		block_done(h);
		break;
	case MD_BLOCK_HTML:
		h->in_html_block = 0;
		break;
	case MD_BLOCK_P:
		if (!h->t.active) {
			para_end(h);
			block_done(h);
		}
		break;
	case MD_BLOCK_TABLE:
		h->t.active = 0;
		table_flush(h);
		table_reset(&h->t);
		block_done(h);
		break;
	case MD_BLOCK_THEAD:
		h->t.head_rows = h->t.nrow;
		break;
	case MD_BLOCK_TBODY:
	case MD_BLOCK_TR:
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (h->t.in_cell && h->t.ncell)
			h->t.cell[h->t.ncell - 1].seg1 = h->t.nseg;
		h->t.in_cell = 0;
		break;
	}
	return 0;
}

/* ---- spans ---- */

static void link_open(struct text *h, const MD_SPAN_A_DETAIL *a)
{
	struct tlink *l = &h->links[h->nlinks++];
	const char *hreflang;

	buf_reset(&l->href);
	buf_reset(&l->text);
	md_attr_text(&l->href, &a->href);
	l->emitted = render_link_target(h->o, &l->href, &h->url, &hreflang);
}

static void link_close(struct text *h)
{
	struct tlink *l = &h->links[--h->nlinks];
	char ref[32];
	size_t k;

	if (!l->emitted || render_is_url_text(l->href.buf, l->href.len,
					      l->text.buf, l->text.len))
		return;
	k = render_refs_add(&h->info->refs, l->href.buf, l->href.len);
	k = fmt_uint_between(ref, " [", k, "]");
	if (h->nlinks)
		buf_add(&h->links[h->nlinks - 1].text, ref, k);
	put_text(h, ref, k, P_ATTACH);
}

/* A line break: <br>, or a hard break of Markdown. */
static void hard_break(struct text *h)
{
	if (h->use_typo)
		typo_verbatim(&h->typo, "\n", 1);
	if (h->t.active) {
		put_text(h, " ", 1, P_TEXT);
	} else {
		if (!h->para)
			para_begin(h);
		wrap_break(&h->w);
	}
}

/* The innermost sup or sub open, after the stack changed. */
static void script_find(struct text *h)
{
	int i;

	h->script = RH_NONE;
	for (i = h->raw.n - 1; i >= 0 && !h->script; i--)
		if (h->raw.v[i].tag == RH_SUP || h->raw.v[i].tag == RH_SUB)
			h->script = h->raw.v[i].tag;
}

/*
 * An inline tag opens or closes: strikethrough stays visible as "~~"
 * (the printed page has no other way); ins and mark, like emphasis,
 * leave their text alone.
 */
static void raw_tag(struct text *h, enum rawhtml_tag t, int closing)
{
	switch (t) {
	case RH_S:
	case RH_DEL:
		run(h, "~~", 2, 1, P_TEXT);
		break;
	case RH_SUP:
	case RH_SUB:
		if (closing && h->script_mode == SM_PAREN) {
			h->script = RH_NONE;
			run(h, ")", 1, 1, P_TEXT);
		}
		/* an outer sup or sub starts again */
		h->script_mode = SM_NONE;
		script_find(h);
		break;
	default:
		break;
	}
}

static void raw_unwind(struct text *h, unsigned depth)
{
	enum rawhtml_tag t;

	while (h->raw.n && (t = rawhtml_unwind(&h->raw, depth)) != RH_NONE)
		raw_tag(h, t, 1);
}

static void raw_inline(struct text *h, const char *s, size_t n)
{
	struct rawhtml_inline r;

	rawhtml_inline(s, n, &r);
	if (r.kind != RK_RENDERED)
		return;
	if (r.tag == RH_BR)
		hard_break(h);
	else if (r.closing ? rawhtml_pop(&h->raw, r.tag, h->span_depth) == 0 :
			     rawhtml_push(&h->raw, r.tag, h->span_depth) == 0)
		raw_tag(h, r.tag, r.closing);
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct text *h = ud;

	flush_soft(h);
	if (h->img_depth) {
		if (type == MD_SPAN_IMG)
			h->img_depth++;
		return 0;
	}
	h->span_depth++;
	switch (type) {
	case MD_SPAN_DEL:
		run(h, "~~", 2, 1, P_TEXT);
		break;
	case MD_SPAN_A:
		if (h->nlinks == MAX_LINKS)
			return 1;	/* cannot happen with md4c: stop */
		link_open(h, detail);
		break;
	case MD_SPAN_IMG:
		h->img_depth = 1;
		buf_reset(&h->alt);
		break;
	default:
		/* emphasis, strong, underline: the text only */
		break;
	}
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct text *h = ud;

	(void)detail;
	flush_soft(h);
	if (h->img_depth) {
		if (type == MD_SPAN_IMG && --h->img_depth == 0 && h->alt.len) {
			buf_reset(&h->tmp2);
			buf_addc(&h->tmp2, '[');
			buf_add(&h->tmp2, h->alt.buf, h->alt.len);
			buf_addc(&h->tmp2, ']');
			if (h->nlinks) {
				struct buf *lt = &h->links[h->nlinks - 1].text;

				if (lt->len < LINK_TEXT_MAX)
					buf_add(lt, h->tmp2.buf, h->tmp2.len);
			}
			put_text(h, h->tmp2.buf, h->tmp2.len, P_TEXT);
		}
		if (!h->img_depth)
			h->span_depth--;
		return 0;
	}
	/* md4c may end a span it never began (see render_html.c) */
	if (!h->span_depth)
		return 0;
	if (h->raw.n)
		raw_unwind(h, h->span_depth);
	h->span_depth--;
	if (type == MD_SPAN_DEL)
		run(h, "~~", 2, 1, P_TEXT);
	if (type == MD_SPAN_A && h->nlinks)
		link_close(h);
	return 0;
}

/* ---- text ---- */

static int is_autolink_text(const struct text *h, const char *s, size_t n)
{
	const struct buf *href;

	if (!h->nlinks)
		return 0;
	href = &h->links[h->nlinks - 1].href;
	return render_is_url_text(href->buf, href->len, s, n);
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *ud)
{
	struct text *h = ud;
	size_t n = size;

	if (h->in_html_block)
		return 0;
	if (h->in_code) {
		if (type == MD_TEXT_NULLCHAR)
			buf_adds(&h->code, REPLACEMENT);
		else
			buf_add(&h->code, s, n);
		return 0;
	}
	if (type != MD_TEXT_NORMAL && type != MD_TEXT_SOFTBR &&
	    type != MD_TEXT_ENTITY)
		flush_soft(h);
	switch (type) {
	case MD_TEXT_HTML:
		/* raw HTML is never written (SPEC 8.2), but for the tags of
		 * rawhtml.h; inside alt text only the text counts */
		if (!h->img_depth)
			raw_inline(h, s, n);
		break;
	case MD_TEXT_NULLCHAR:
		run(h, REPLACEMENT, 3, 0, P_TEXT);
		break;
	case MD_TEXT_BR:
		if (h->img_depth) {
			run(h, " ", 1, 0, P_TEXT);
			break;
		}
		hard_break(h);
		break;
	case MD_TEXT_SOFTBR:
		if (h->img_depth)
			run(h, " ", 1, 0, P_TEXT);
		else if (h->use_typo)
			h->softbreak = 1;
		else
			run(h, "\n", 1, 0, P_TEXT);
		break;
	case MD_TEXT_ENTITY:
		buf_reset(&h->ent);
		if (md_entity_add(&h->ent, s, n) == 0) {
			run(h, h->ent.buf, h->ent.len, 0, P_TEXT);
		} else {
			run(h, s, n, 1, P_TEXT);
		}
		break;
	case MD_TEXT_CODE:
	case MD_TEXT_LATEXMATH:
		run(h, s, n, 1, P_VERBATIM);
		break;
	default:
		run(h, s, n, is_autolink_text(h, s, n), P_TEXT);
		break;
	}
	return 0;
}

/*
 * What render_text() keeps from one body to the next: a struct text whose
 * buffers and arrays alone are used (keep_swap()).
 */
struct text_keep {
	struct text h;
};

/* The buffers of a struct text that a text_keep keeps, and its arrays. */
#define TEXT_BUFS(X) X(before) X(first) X(rest) X(tmp) X(tmp2) X(line) \
	X(url) X(ent) X(sbuf) X(alt) X(code) X(cells) X(t.bytes)
#define TEXT_ARRAYS(X) X(lv, alv) X(ls, als) X(t.seg, t.aseg) \
	X(t.cell, t.acell) X(t.row, t.arow)

/*
 * Exchange the buffers and arrays of a and b, and nothing else; with
 * empty: empty the buffers a gets (their room stays; an array's count is
 * not kept).
 */
static void keep_swap(struct text *a, struct text *b, int empty)
{
#define SWAP(f) swap_mem(&a->f, &b->f, sizeof(a->f));
#define SWAP_BUF(f) SWAP(f) if (empty) buf_reset(&a->f);
#define SWAP_ARRAY(v, alloc) SWAP(v) SWAP(alloc)
	int i;

	TEXT_BUFS(SWAP_BUF)
	TEXT_ARRAYS(SWAP_ARRAY)
	for (i = 0; i < MAX_LINKS; i++) {
		SWAP_BUF(links[i].href)
		SWAP_BUF(links[i].text)
	}
#undef SWAP_ARRAY
#undef SWAP_BUF
#undef SWAP
}

/* fn on every buffer of h: buf_init, buf_release. */
static void text_bufs_each(struct text *h, void (*fn)(struct buf *))
{
#define EACH(f) fn(&h->f);
	int i;

	TEXT_BUFS(EACH)
	for (i = 0; i < MAX_LINKS; i++) {
		EACH(links[i].href)
		EACH(links[i].text)
	}
#undef EACH
}

static void text_bufs_release(struct text *h)
{
#define FREE(v, alloc) free(h->v);
	wrap_release(&h->w);
	wrap_release(&h->cw);
	text_bufs_each(h, buf_release);
	TEXT_ARRAYS(FREE)
#undef FREE
}

struct text_keep *text_keep_new(void)
{
	struct text_keep *k = xcalloc(1, sizeof(*k));

	text_bufs_each(&k->h, buf_init);
	return k;
}

void text_keep_free(struct text_keep *k)
{
	if (!k)
		return;
	text_bufs_release(&k->h);
	free(k);
}

int render_text(const struct md_src *src, struct md_check *chk,
		const struct render_opts *o, struct buf *out,
		struct render_info *info)
{
	struct text h;
	MD_PARSER p;
	int ret;

	memset(&h, 0, sizeof(h));
	h.o = o;
	h.info = info;
	h.out = out;
	h.width = o->width ? o->width : RENDER_TEXT_WIDTH;
	wrap_init(&h.w, out, h.width);
	wrap_init(&h.cw, &h.cells, h.width);
	text_bufs_each(&h, buf_init);
	h.use_typo = !(o->flags & RENDER_NO_TYPO) && typo_needed(o->lang);
	if (h.use_typo) {
		typo_init(&h.typo, o->lang, o->typo_flags);
		h.typo.nums = &h.nums;
	}
	if (o->text_keep)
		keep_swap(&h, &o->text_keep->h, 1);

	memset(&p, 0, sizeof(p));
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = text;
	ret = chk ? md_run_with_check(chk, &p, &h) : md_run(src, &p, &h);
	para_end(&h);

	/* the kept room goes back; what is left is empty */
	if (o->text_keep)
		keep_swap(&h, &o->text_keep->h, 0);
	text_bufs_release(&h);
	num_list_release(&h.nums);
	return ret ? -1 : 0;
}
