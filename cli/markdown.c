/*
 * markdown.c - article: links, and the body checks that validate and
 * l10n share with the renderers (md_src.c: md4c's run and its
 * positions; md_text.c: entities and attributes as md4c gives them).
 */
#include "markdown.h"
#include "buf.h"
#include "diag.h"
#include "directive.h"
#include "rawhtml.h"
#include "render.h"
#include "util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int md_article_link(const char *href, size_t len, const char **id, size_t *n)
{
	static const char scheme[] = "article:";
	size_t i;

	/* schemes are case-insensitive (RFC 3986 3.1): ARTICLE:b too */
	if (len < 8 || (href[0] | 0x20) != 'a')
		return 0;
	for (i = 0; i < 8; i++)
		if ((href[i] >= 'A' && href[i] <= 'Z' ? href[i] + 32 : href[i]) !=
		    scheme[i])
			return 0;
	if (id)
		*id = href + 8;
	if (n) {
		const char *hash = memchr(href + 8, '#', len - 8);

		*n = hash ? (size_t)(hash - href) - 8 : len - 8;
	}
	return 1;
}

/* ---- the body checks ---- */

#define MAX_DEFS 64

struct md_check {
	const struct md_src *src;
	const char *file;
	struct article_meta *meta;
	struct diag_list *diags;
	const MD_PARSER *renderer;
	void *renderer_data;
	const MD_PARSER *also;	/* md_check_also(): one more reader, or NULL */
	void *also_data;

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
	int want_ids;		/* keep the heading ids in meta->ids */
	int want_frags;		/* check links to #fragments of the page */
	int doc_done;		/* the body was parsed to its end */

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
		/* a reference ("[text][ref]"): the link itself at use */
		int ref;
		struct pos use;
		int def;	/* its definition's line in defs, or -1 */
	} spans[16];
	int nspans;
	/* the end of the last text or destination read: see ref_use_pos() */
	const char *cursor;
	/* raw HTML: the block being scanned, the inline tags open */
	struct rawhtml_scan scan;
	const char *html_at;	/* the HTML block's first tag, or NULL */
	const char *html_start;	/* its first run */
	const char *html_end;	/* the end of its last run */
	unsigned html_line;	/* last line whose text was reported */
	struct rawhtml_stack raw;
	const char *raw_at[RAWHTML_DEPTH];
	unsigned span_depth;	/* Markdown spans open */
	size_t html_reports, html_unreported;

	/* tables: the header's cells, the row's, where the row's text was */
	unsigned head_cells, row_cells;
	int in_head;
	const char *row_last;

	/*
	 * Lines that look like a link reference definition ("[x]: y"):
	 * md4c shows no definition, so one that no link uses and that is
	 * not text of another block would vanish.  Checked at the end.
	 */
	struct defline {
		size_t start, end;	/* the line in the body */
		int seen;		/* some block showed it */
		int used;		/* a link takes its destination */
	} *defs;		/* owned; NULL in most bodies */
	int ndefs;
	size_t defs_alloc;
	size_t links_alloc, headings_alloc;

	/*
	 * The ids the page's headings get (render_heading_id, made unique
	 * as the renderer does), and the page's own #fragment links, checked
	 * against them when the body ends.
	 */
	char **ids;
	unsigned *next;		/* per id: the suffix to try next for it */
	size_t nids, aids, anext;
	/*
	 * The texts of the headings whose ids are not made yet, one after
	 * the other (htext[hend[k-1]..hend[k])): most pages have no
	 * #fragment link, so ids are made only when one is checked, or
	 * when md_check_ids() asks for them (ids_settle()).
	 */
	struct buf htext;
	size_t *hend, nhend, ahend;
	/* open addressing over ids (indexes + 1), cap a power of two */
	size_t *slot, cap;
	struct frag {
		char *name;
		struct pos pos;
	} *frags;
	size_t nfrags, afrags;
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
	c->want_frags = 1;
	buf_init(&c->heading);
	buf_init(&c->dest);
	buf_init(&c->htext);
	return c;
}

void md_check_words(struct md_check *c, int on)
{
	c->want_words = on;
}

void md_check_ids(struct md_check *c, int on)
{
	c->want_ids = on;
}

void md_check_links(struct md_check *c, int on)
{
	c->want_links = on;
}

void md_check_fragments(struct md_check *c, int on)
{
	c->want_frags = on;
}

static void ids_settle(struct md_check *c);

void md_check_free(struct md_check *c)
{
	size_t i;

	if (!c)
		return;
	/* a body parsed to its end gives its ids (md_check_ids) */
	if (c->doc_done && c->want_ids && !c->meta->ids_known) {
		ids_settle(c);
		c->meta->ids_known = 1;
		c->meta->nids = c->nids;
		c->meta->ids = xcalloc(c->nids + 1, sizeof(*c->meta->ids));
		for (i = 0; i < c->nids; i++)
			c->meta->ids[i] = md_id_key(c->ids[i], strlen(c->ids[i]));
	}
	buf_release(&c->heading);
	buf_release(&c->dest);
	buf_release(&c->htext);
	free(c->hend);
	free(c->defs);
	for (i = 0; i < c->nids; i++)
		free(c->ids[i]);
	free(c->ids);
	free(c->next);
	free(c->slot);
	for (i = 0; i < c->nfrags; i++)
		free(c->frags[i].name);
	free(c->frags);
	free(c);
}

static size_t id_hash(const char *s, size_t n)
{
	size_t h = 5381, i;

	for (i = 0; i < n; i++)
		h = h * 33 + (unsigned char)s[i];
	return h;
}

/* The slot of id[0..n) in c->slot: where it is, or the empty one to use. */
static size_t *id_slot(const struct md_check *c, const char *id, size_t n)
{
	size_t i = id_hash(id, n) & (c->cap - 1);

	for (;; i = (i + 1) & (c->cap - 1)) {
		const char *s;

		if (!c->slot[i])
			return &c->slot[i];
		s = c->ids[c->slot[i] - 1];
		if (strlen(s) == n && !memcmp(s, id, n))
			return &c->slot[i];
	}
}

static int has_id(const struct md_check *c, const char *id, size_t n)
{
	return c->cap && *id_slot(c, id, n) != 0;
}

static void add_id(struct md_check *c, char *id)
{
	size_t i;

	if (2 * (c->nids + 1) > c->cap) {
		free(c->slot);
		c->cap = c->cap ? 2 * c->cap : 64;
		c->slot = xcalloc(c->cap, sizeof(*c->slot));
		for (i = 0; i < c->nids; i++)
			*id_slot(c, c->ids[i], strlen(c->ids[i])) = i + 1;
	}
	GROW(c->ids, c->aids, c->nids + 1);
	GROW(c->next, c->anext, c->nids + 1);
	c->next[c->nids] = 2;
	c->ids[c->nids++] = id;
	*id_slot(c, id, strlen(id)) = c->nids;
}

/* The id of a heading whose text is s[0..n), as the renderers make it unique. */
static void push_id(struct md_check *c, const char *s, size_t n)
{
	struct buf id = BUF_INIT;
	size_t len, base;

	render_heading_id(&id, s, n);
	len = id.len;
	/* as render_html.c's unique_id(): "x", "x-2", "x-3"... each base
	 * remembers its next suffix, so equal headings cost no search */
	if (has_id(c, id.buf, id.len)) {
		base = *id_slot(c, id.buf, id.len) - 1;
		do {
			buf_setlen(&id, len);
			buf_addf(&id, "-%u", c->next[base]++);
		} while (has_id(c, id.buf, id.len));
	}
	add_id(c, buf_detach(&id, NULL));
}

/* The heading just closed: its text kept until its id is needed. */
static void keep_heading(struct md_check *c)
{
	if (!c->want_frags && !c->want_ids)
		return;		/* no id will be asked for */
	/* a page's headings in one allocation, most of the time */
	if (!c->htext.alloc)
		buf_grow(&c->htext, 1024);
	buf_add(&c->htext, c->heading.buf, c->heading.len);
	GROW(c->hend, c->ahend, c->nhend < 16 ? 16 : c->nhend + 1);
	c->hend[c->nhend++] = c->htext.len;
}

/* The ids of the headings kept so far, made in their order. */
static void ids_settle(struct md_check *c)
{
	size_t k, start = 0;

	for (k = 0; k < c->nhend; k++) {
		push_id(c, c->htext.buf + start, c->hend[k] - start);
		start = c->hend[k];
	}
	c->nhend = 0;
	buf_reset(&c->htext);
}

/* The body is over: every #fragment of the page names one of its headings. */
static void check_frags(struct md_check *c)
{
	size_t i;

	if (c->nfrags)
		ids_settle(c);
	for (i = 0; i < c->nfrags; i++)
		if (!has_id(c, c->frags[i].name, strlen(c->frags[i].name)))
			diag(c->diags, R_FRAGMENT, c->file, c->frags[i].pos.line,
			     c->frags[i].pos.col, NULL, "link to a heading this "
			     "page does not have: '#%s'", c->frags[i].name);
}

int md_check_dangling(const struct md_check *c, size_t i, const char **name,
		      struct pos *pos)
{
	if (i >= c->nfrags)
		return -1;
	/* one thread owns c: its ids can be made through a const pointer */
	ids_settle((struct md_check *)c);
	*name = c->frags[i].name;
	*pos = c->frags[i].pos;
	return !has_id(c, c->frags[i].name, strlen(c->frags[i].name));
}

/*
 * A link or image destination dest[0..n) (decoded) that names a file
 * beside the article ("pic.png", "../b/fr.md"): it must exist.  One with
 * a scheme, a site-absolute one and a fragment alone are not files; the
 * page's own #fragments are kept for check_frags().
 */
void md_path_decode(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] == '%' && i + 2 < n &&
		    (hi = hex_digit(s[i + 1])) >= 0 &&
		    (lo = hex_digit(s[i + 2])) >= 0) {
			buf_addc(out, (char)(hi * 16 + lo));
			i += 2;
		} else {
			buf_addc(out, s[i]);
		}
	}
}

/*
 * An image file that exists but that no page can show (export shows its
 * alternative text instead): not a PNG, JPEG, GIF or SVG file, not a
 * regular file, or outside the corpus (a symbolic link out of it, or a
 * path that leaves it), since export never copies a file from outside.
 */
static struct pos span_dest_pos(const struct md_check *c,
				const struct span *sp);

static void check_image_file(struct md_check *c, const char *path,
			     const struct stat *st, const char *dest, size_t n,
			     const struct span *sp)
{
	const char *why = NULL, *rel = c->meta ? c->meta->relpath : NULL;
	size_t flen = strlen(c->file), rlen = rel ? strlen(rel) : 0;
	char root[PATH_MAX], real[PATH_MAX];
	struct buf top = BUF_INIT;

	if (!image_media_type(path, strlen(path)))
		why = "not a PNG, JPEG, GIF or SVG file";
	else if (!S_ISREG(st->st_mode))
		why = "not a regular file";
	else if (rel && flen >= rlen && !strcmp(c->file + flen - rlen, rel)) {
		/* the corpus root: the file's path without its relative path */
		buf_add(&top, c->file, flen - rlen);
		if (!top.len)
			buf_adds(&top, ".");
		if (realpath(top.buf, root) && realpath(path, real)) {
			size_t k = strlen(root);

			if (strncmp(real, root, k) || (real[k] != '/' && k > 1))
				why = "outside the corpus (export follows no link out of it)";
		}
	}
	if (why) {
		struct pos pos = span_dest_pos(c, sp);

		diag(c->diags, R_LOCAL_TARGET, c->file, pos.line, pos.col, NULL,
		     "image '%.*s' is %s: pages show its alternative text instead",
		     (int)n, dest, why);
	}
	buf_release(&top);
}

/* sp: the link or image, placed only for a diagnostic (span_dest_pos()) */
static void check_local(struct md_check *c, const char *dest, size_t n,
			const struct span *sp)
{
	int image = sp->image;
	const char *colon = memchr(dest, ':', n), *end;
	struct buf path = BUF_INIT;
	const char *slash;
	struct stat st;
	size_t k;

	if (!n || dest[0] == '/')
		return;
	/* a scheme (http:, article:, mailto:): a colon before any of / ? # */
	for (k = 0; colon && dest + k < colon && dest[k] != '/' && dest[k] != '?' &&
	     dest[k] != '#'; k++)
		;
	if (colon && dest + k == colon)
		return;
	if (dest[0] == '#') {
		if (!c->want_frags)
			return;
		GROW(c->frags, c->afrags, c->nfrags + 1);
		c->frags[c->nfrags].name = xstrndup(dest + 1, n - 1);
		c->frags[c->nfrags].pos = span_dest_pos(c, sp);
		c->nfrags++;
		return;
	}
	end = dest;
	while (end < dest + n && *end != '?' && *end != '#')
		end++;
	slash = strrchr(c->file, '/');
	if (slash)
		buf_add(&path, c->file, (size_t)(slash - c->file + 1));
	md_path_decode(&path, dest, (size_t)(end - dest));
	if (memchr(path.buf, '\0', path.len) || stat(path.buf, &st) < 0) {
		struct pos pos = span_dest_pos(c, sp);

		diag(c->diags, R_LOCAL_TARGET, c->file, pos.line, pos.col, NULL,
		     image ? "image file not found: '%.*s'" :
		     "link to a file that does not exist: '%.*s'",
		     (int)(end - dest), dest);
	} else if (image) {
		check_image_file(c, path.buf, &st, dest, (size_t)(end - dest), sp);
	}
	buf_release(&path);
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

/* Where the link or image sp starts in the source (see chk_enter_span()). */
static struct pos span_dest_pos(const struct md_check *c,
				const struct span *sp)
{
	return sp->dest ? span_pos(c, sp->dest) : sp->pos;
}

/* The high bit of each byte of v that is zero, and no other bit. */
static uint64_t zero_bytes(uint64_t v)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;

	return ~(((v & low7) + low7) | v | low7);
}

/*
 * Words are runs of bytes other than space, tab, LF and CR; a run may go
 * on from one text callback to the next (c->in_word).
 */
static void count_words(struct md_check *c, const char *s, size_t n)
{
	size_t i = 0;

	if (!c->want_words)
		return;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* eight bytes at a time: a word starts at each byte that is not a
	 * space and follows one (the byte before is the next lower one) */
	if (n >= 8) {
		const uint64_t ones = 0x0101010101010101ull, high = ones << 7;
		uint64_t before = c->in_word ? 0 : 0x80;	/* the byte before is a space */
		size_t words = 0;

		for (; i + 8 <= n; i += 8) {
			uint64_t w, sp, starts;

			memcpy(&w, s + i, 8);
			sp = zero_bytes(w ^ (' ' * ones));
			/* a control character: which ones are tabs and line ends */
			if ((w - ' ' * ones) & ~w & high)
				sp |= zero_bytes(w ^ ('\t' * ones)) |
				      zero_bytes(w ^ ('\n' * ones)) |
				      zero_bytes(w ^ ('\r' * ones));
			starts = ~sp & high & ((sp << 8) | before);
			words += (size_t)(((starts >> 7) * ones) >> 56);
			before = sp >> 63 << 7;
		}
		c->meta->words += words;
		c->in_word = !before;
	}
#endif
	if (i < n) {
		size_t words = 0;
		int in_word = c->in_word;

		for (; i < n; i++) {
			unsigned char ch = (unsigned char)s[i];
			int space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';

			words += !space && !in_word;
			in_word = !space;
		}
		c->meta->words += words;
		c->in_word = in_word;
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

static struct pos span_where(const struct md_check *c, const struct span *sp);

/* ---- raw HTML (rawhtml.h) ---- */

/* Room for one more raw-html report: a hostile body gets a hundred. */
static int html_report(struct md_check *c)
{
	if (c->html_reports < 100) {
		c->html_reports++;
		return 1;
	}
	c->html_unreported++;
	return 0;
}

/*
 * Up to 40 bytes of s[0..n), not past the line's end (nor a tag, with
 * stop '<'), never cutting a character in two, for a message.
 */
static int quote_upto(const char *s, size_t n, int stop)
{
	const char *nl = memchr(s, '\n', n), *lt;

	if (nl)
		n = (size_t)(nl - s);
	if (stop && n > 1 && (lt = memchr(s + 1, stop, n - 1)))
		n = (size_t)(lt - s);
	if (n > 40) {
		n = 40;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	return (int)n;
}

static int quote_len(const char *s, size_t n)
{
	return quote_upto(s, n, 0);
}

/* The inline tags opened inside depth spans or more are left open. */
static void raw_unwind(struct md_check *c, unsigned depth)
{
	enum rawhtml_tag t;

	while (c->raw.n && (t = rawhtml_unwind(&c->raw, depth)) != RH_NONE) {
		struct pos p = md_src_pos(c->src, c->raw_at[c->raw.n]);

		if (html_report(c))
			diag_sev(c->diags, R_RAW_HTML, SEV_ERROR, c->file,
				 p.line, p.col, NULL,
				 "'<%s>' not closed where it should be: "
				 "add '</%s>'", rawhtml_name(t), rawhtml_name(t));
	}
}

static int in_image(const struct md_check *c)
{
	int i;

	for (i = 0; i < c->nspans; i++)
		if (c->spans[i].image)
			return 1;
	return 0;
}

static void html_inline(struct md_check *c, const char *s, size_t n)
{
	struct rawhtml_inline r;
	struct pos p;

	rawhtml_inline(s, n, &r);
	if (r.kind == RK_COMMENT)
		return;
	if (r.kind == RK_RENDERED && in_image(c)) {
		/* alternative text is text: 10<sup>9</sup> would read 109 */
		p = md_src_pos(c->src, s);
		if (p.line && !r.closing && html_report(c))
			diag_sev(c->diags, R_RAW_HTML, SEV_ERROR, c->file,
				 p.line, p.col, NULL, "'<%s>' in an image's "
				 "alternative text is not rendered: write the "
				 "text as it reads", rawhtml_name(r.tag));
		return;
	}
	if (r.kind == RK_RENDERED && r.tag == RH_BR)
		return;
	if (r.kind == RK_RENDERED) {
		if (r.closing && rawhtml_pop(&c->raw, r.tag, c->span_depth) == 0)
			return;
		if (!r.closing && c->raw.n < RAWHTML_DEPTH) {
			c->raw_at[c->raw.n] = s;
			rawhtml_push(&c->raw, r.tag, c->span_depth);
			return;
		}
	}
	p = md_src_pos(c->src, s);
	if (!p.line || !html_report(c))
		return;
	if (r.kind == RK_RENDERED && r.closing)
		diag_sev(c->diags, R_RAW_HTML, SEV_ERROR, c->file, p.line,
			 p.col, NULL, "'</%s>' closes no open '<%s>' here, "
			 "it is not rendered", rawhtml_name(r.tag),
			 rawhtml_name(r.tag));
	else if (r.kind == RK_RENDERED)
		diag_sev(c->diags, R_RAW_HTML, SEV_ERROR, c->file, p.line,
			 p.col, NULL, "'<%s>' nested too deeply, it is not "
			 "rendered", rawhtml_name(r.tag));
	else if (r.kind == RK_EMPTY)
		diag(c->diags, R_RAW_HTML, c->file, p.line, p.col, NULL,
		     "raw html is never rendered: '%.*s'", quote_len(s, n), s);
	else
		diag_sev(c->diags, R_RAW_HTML, SEV_ERROR, c->file, p.line,
			 p.col, NULL, "raw html is not rendered, what it says "
			 "is lost: '%.*s' (only sup, sub, s, del, ins, mark "
			 "and br are, without attributes)", quote_len(s, n), s);
}

static void html_block_text(struct md_check *c, const char *s, size_t n)
{
	size_t text_at = 0, tag_at = 0;
	int found = rawhtml_scan(&c->scan, s, n, &text_at, &tag_at);
	struct pos p;

	if (!c->html_start)
		c->html_start = s;
	/* md4c gives a line's end as a newline of its own, not the source's */
	if (in_src(c, s) && in_src(c, s + n) && s + n > c->html_end)
		c->html_end = s + n;
	if (found & RAWHTML_TAG)
		c->html_at = s + tag_at;
	if (!(found & RAWHTML_TEXT))
		return;
	p = md_src_pos(c->src, s + text_at);
	if (!p.line || p.line == c->html_line)
		return;
	c->html_line = p.line;
	if (html_report(c))
		diag_sev(c->diags, R_RAW_HTML, SEV_ERROR, c->file, p.line,
			 p.col, NULL, "text in an html block is never "
			 "rendered: '%.*s'", quote_upto(s + text_at, n - text_at, '<'),
			 s + text_at);
}

/*
 * A block of comments alone says nothing (folio: directives live there);
 * one that holds tags but no text gets a warning; one whose comment
 * never ends hides the rest of the body.
 */
static void html_block_end(struct md_check *c)
{
	struct pos p;

	if (c->html_start && c->html_end > c->html_start && in_src(c, c->html_start) &&
	    html_report(c))
		directives_check(c->src, c->file, c->html_start, c->html_end,
				 c->diags);
	if (rawhtml_scan_open_comment(&c->scan) && c->html_start) {
		p = md_src_pos(c->src, c->html_start);
		if (html_report(c))
			diag_sev(c->diags, R_RAW_HTML, SEV_ERROR, c->file,
				 p.line, p.col, NULL, "html comment not "
				 "closed: it hides the rest of the body, end "
				 "it with '-->'");
		return;
	}
	if (!c->html_at || c->html_line)
		return;
	p = md_src_pos(c->src, c->html_at);
	if (p.line && html_report(c))
		diag(c->diags, R_RAW_HTML, c->file, p.line, p.col, NULL,
		     "raw html is never rendered: '%.*s'",
		     quote_len(c->html_at, (size_t)(c->src->text + c->src->len -
						    c->html_at)), c->html_at);
}

/* ---- text that no block shows ---- */

/*
 * Cells of the table row on the line holding p, as GFM splits it (a '|'
 * escaped or in a code span splits nothing); *extra is where the cell
 * after the first ncols starts.  Rows are read with memchr() when they
 * hold no backslash or backtick, as most do.
 */
static unsigned row_cells(const struct md_check *c, const char *p,
			  const char **extra, unsigned ncols)
{
	const struct md_src *s = c->src;
	const char *text = s->text, *end, *q, *nl;
	size_t li = md_src_line(s, (size_t)(p - text));
	unsigned pipes = 0;
	int code = 0, trailing = 0;

	p = text + s->line_starts[li];
	end = li + 1 < s->nlines ? text + s->line_starts[li + 1] : text + s->len;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '>'))
		p++;
	if (p < end && *p == '|')
		p++;
	*extra = NULL;
	if ((nl = memchr(p, '\n', (size_t)(end - p))))
		end = nl;
	if (!memchr(p, '`', (size_t)(end - p)) && !memchr(p, '\\', (size_t)(end - p))) {
		for (q = p; (q = memchr(q, '|', (size_t)(end - q))); q++)
			if (++pipes == ncols)
				*extra = q + 1;
		for (q = end; q > p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'); q--)
			;
		trailing = pipes && q > p && q[-1] == '|';
		return pipes + 1 - (unsigned)trailing;
	}
	for (q = p; q < end; q++) {
		if (*q == '\\' && q + 1 < end) {
			q++;
			continue;
		}
		if (*q == '`')
			code = !code;
		if (*q == '|' && !code) {
			pipes++;
			if (pipes == ncols)
				*extra = q + 1;
			trailing = 1;
		} else if (*q != ' ' && *q != '\t' && *q != '\r') {
			trailing = 0;
		}
	}
	return pipes + 1 - (unsigned)trailing;
}

static void row_check(struct md_check *c)
{
	const char *extra;
	unsigned n;
	struct pos p;

	/* a row whose cells are all empty has nothing to lose */
	if (c->in_head || !c->head_cells || c->last == c->row_last ||
	    !in_src(c, c->last))
		return;
	n = row_cells(c, c->last, &extra, c->head_cells);
	if (n <= c->head_cells || !extra)
		return;
	while (*extra == ' ' || *extra == '\t')
		extra++;
	p = md_src_pos(c->src, extra);
	diag(c->diags, R_TABLE_CELLS, c->file, p.line, p.col, NULL,
	     "table row with %u cells under a header of %u: the cells past "
	     "the header are not shown", n, c->head_cells);
}

/* Lines starting "[label]:", up to three spaces in (CommonMark 4.7). */
static void defs_find(struct md_check *c)
{
	const struct md_src *s = c->src;
	size_t i;

	/* most bodies have no "]:": a fast search says so */
	{
		const char *p = s->text, *end = s->text + s->len;

		while ((p = memchr(p, ']', (size_t)(end - p))) && p + 1 < end &&
		       p[1] != ':')
			p++;
		if (!p || p + 1 >= end)
			return;
	}
	for (i = 0; i < s->nlines; i++) {
		size_t a = s->line_starts[i], e, k = 0;
		const char *t = s->text;

		while (a < s->len && t[a] == ' ' && k < 3) {
			a++;
			k++;
		}
		if (a >= s->len || t[a] != '[')
			continue;
		e = i + 1 < s->nlines ? s->line_starts[i + 1] : s->len;
		{
			const char *rb = memchr(t + a, ']', e - a);

			if (!rb || (size_t)(rb - t) + 1 >= e || rb[1] != ':')
				continue;
		}
		if (c->ndefs == MAX_DEFS) {
			c->ndefs = -1;	/* too many to follow: none checked */
			return;
		}
		GROW(c->defs, c->defs_alloc, (size_t)c->ndefs + 1);
		c->defs[c->ndefs].start = a;
		c->defs[c->ndefs].end = e;
		c->defs[c->ndefs].seen = c->defs[c->ndefs].used = 0;
		c->ndefs++;
	}
}

/* The line that reads as a link reference definition p is on, or -1. */
static int def_at(const struct md_check *c, const char *p)
{
	size_t off;
	int i;

	if (c->ndefs <= 0 || !in_src(c, p))
		return -1;
	off = (size_t)(p - c->src->text);
	for (i = 0; i < c->ndefs; i++)
		if (off >= c->defs[i].start && off < c->defs[i].end)
			return i;
	return -1;
}

/*
 * " (via [label] at line N)": which definition a reference link's
 * destination comes from, for the reports made at the link, since the
 * fault is in the definition; nothing for another link.
 */
static void ref_via(const struct md_check *c, const struct span *sp,
		    struct buf *out)
{
	const char *t, *rb;
	size_t n;
	struct pos p;

	buf_reset(out);
	if (sp->def < 0 || sp->def >= c->ndefs)
		return;
	t = c->src->text + c->defs[sp->def].start;
	n = c->defs[sp->def].end - c->defs[sp->def].start;
	rb = memchr(t, ']', n);
	if (!rb)
		return;
	p = md_src_pos(c->src, t);
	buf_addf(out, " (via %.*s at line %u)", quote_len(t, (size_t)(rb + 1 - t)),
		 t, p.line);
}

static void defs_mark(struct md_check *c, const char *p, int used)
{
	int i = def_at(c, p);

	if (i >= 0 && used)
		c->defs[i].used = 1;
	else if (i >= 0)
		c->defs[i].seen = 1;
}

/*
 * A footnote ("[^1]: ...") is a link definition to CommonMark: its text
 * becomes a URL, or nothing.  A definition no link uses is not shown
 * either: an error when it reads like text, a warning when it is a URL.
 */
static void defs_check(struct md_check *c)
{
	int i;

	for (i = 0; i < c->ndefs; i++) {
		const struct defline *d = &c->defs[i];
		const char *t = c->src->text + d->start, *colon;
		size_t n = d->end - d->start;
		struct pos p;
		int urlish;

		if (d->seen || (d->used && t[1] != '^'))
			continue;
		p = md_src_pos(c->src, t);
		if (t[1] == '^') {
			diag_sev(c->diags, R_LINK_DEFINITION, SEV_ERROR, c->file,
				 p.line, p.col, NULL, "footnotes are not "
				 "supported, this note is not shown: '%.*s'",
				 quote_len(t, n), t);
			continue;
		}
		colon = memchr(t, ':', n);
		urlish = colon && (memchr(colon + 1, '/', n - (size_t)(colon + 1 - t)) ||
				   memchr(colon + 1, ':', n - (size_t)(colon + 1 - t)) ||
				   memchr(colon + 1, '.', n - (size_t)(colon + 1 - t)));
		diag_sev(c->diags, R_LINK_DEFINITION,
			 urlish ? SEV_WARNING : SEV_ERROR, c->file, p.line,
			 p.col, NULL, "link definition that no link uses, not "
			 "shown: '%.*s'", quote_len(t, n), t);
	}
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
		c->head_cells = 0;
		break;
	case MD_BLOCK_THEAD:
		c->in_head = 1;
		break;
	case MD_BLOCK_TR:
		c->row_cells = 0;
		c->row_last = c->last;
		break;
	case MD_BLOCK_TH:
		c->head_cells++;
		break;
	case MD_BLOCK_DOC:
		defs_find(c);
		break;
	case MD_BLOCK_HTML:
		c->in_html_block = 1;
		memset(&c->scan, 0, sizeof(c->scan));
		c->html_at = c->html_start = c->html_end = NULL;
		c->html_line = 0;
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
	switch (type) {
	case MD_BLOCK_H:
		heading_check(c, c->last);
		keep_heading(c);
		c->in_heading = 0;
		if (c->want_words)
			push_heading(c);
		break;
	case MD_BLOCK_LI:
		c->li_depth--;
		break;
	case MD_BLOCK_HTML:
		c->in_html_block = 0;
		html_block_end(c);
		break;
	case MD_BLOCK_THEAD:
		c->in_head = 0;
		break;
	case MD_BLOCK_TR:
		row_check(c);
		break;
	case MD_BLOCK_DOC:
		check_frags(c);
		c->doc_done = 1;
		if (c->ndefs > 0)
			defs_check(c);
		if (c->html_unreported) {
			struct pos p = md_src_pos(c->src, c->last);

			diag_sev(c->diags, R_RAW_HTML, SEV_ERROR, c->file,
				 p.line, p.col, NULL, "%zu more raw html "
				 "findings not reported", c->html_unreported);
		}
		break;
	default:
		break;
	}
	if (c->raw.n)
		raw_unwind(c, 0);
	c->span_depth = 0;	/* spans never cross blocks */
	return 0;
}

/*
 * A link or image whose scheme no renderer accepts (ftp:, file:,
 * javascript:): its text is shown, its destination is lost.
 */
static void scheme_check(struct md_check *c, const struct span *sp,
			 const MD_ATTRIBUTE *dest)
{
	int ok = render_url_allowed(dest->text, dest->size, 0);
	struct buf via = BUF_INIT;
	struct pos p;

	if (ok && memchr(dest->text, '&', dest->size)) {
		buf_reset(&c->dest);
		md_attr_text(&c->dest, dest);
		ok = render_url_allowed(c->dest.buf, c->dest.len, 0);
	}
	if (ok)
		return;
	p = span_where(c, sp);
	ref_via(c, sp, &via);
	diag(c->diags, R_LINK_SCHEME, c->file, p.line, p.col, NULL,
	     "%s not rendered, its url has a scheme folio never links to: "
	     "'%.*s' (%s are)%s",
	     sp->image ? "image" : "link", quote_len(dest->text, dest->size),
	     dest->text, sp->image ? "http, https, mailto and tel" :
	     "http, https, mailto, tel and article", via.buf);
	buf_release(&via);
}

/*
 * Where a reference link or image ("[text][ref]", "![alt][ref]", "[ref]")
 * starts: md4c gives the definition's destination, so look for its '['
 * (an image's "![") from the end of what came before it in the source,
 * past escaped brackets and definition lines; *found: it was, near.
 */
static struct pos ref_use_pos(struct md_check *c, int image, int *found)
{
	const char *text = c->src->text, *end = text + c->src->len;
	const char *q = c->cursor && in_src(c, c->cursor) ? c->cursor : text;
	const char *stop = end - q > 4096 ? q + 4096 : end;
	struct pos none = { 0, 0 };

	for (; q < stop; q++) {
		if (*q != '[' || (q > text && q[-1] == '\\') || def_at(c, q) >= 0)
			continue;
		if (image && !(q > text && q[-1] == '!'))
			continue;
		c->cursor = q + 1;
		*found = 1;
		return md_src_pos(c->src, image ? q - 1 : q);
	}
	*found = 0;
	return none;
}

static int chk_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct md_check *c = ud;
	struct span *sp;
	const MD_ATTRIBUTE *dest;

	c->span_depth++;
	if (type != MD_SPAN_A && type != MD_SPAN_IMG)
		return 0;
	if (c->nspans == (int)ARRAY_SIZE(c->spans))
		return 0;
	sp = &c->spans[c->nspans++];
	memset(sp, 0, sizeof(*sp));
	sp->image = type == MD_SPAN_IMG;
	dest = sp->image ? &((MD_SPAN_IMG_DETAIL *)detail)->src :
			   &((MD_SPAN_A_DETAIL *)detail)->href;
	sp->def = dest->size ? def_at(c, dest->text) : -1;
	if (in_src(c, dest->text) && dest->size)
		c->last = dest->text;
	if (c->ndefs > 0)
		defs_mark(c, dest->text, 1);
	if (sp->def >= 0)
		sp->use = ref_use_pos(c, sp->image, &sp->ref);
	else if (in_src(c, dest->text) && (!c->cursor ||
		 dest->text + dest->size > c->cursor))
		c->cursor = dest->text + dest->size;
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
	/* an image is never an article: link, so article: is refused there */
	if (!sp->empty_href && (sp->image ||
				!md_article_link(dest->text, dest->size, NULL, NULL)))
		scheme_check(c, sp, dest);
	if (!sp->empty_href) {
		buf_reset(&c->dest);
		md_attr_text(&c->dest, dest);
		check_local(c, c->dest.buf, c->dest.len, sp);
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

			/* b holds the destination's text already (not empty) */
			md_article_link(b->buf, b->len, &id, &n);
			GROW(m->links, c->links_alloc, m->nlinks + 1);
			m->links[m->nlinks].id = xstrndup(id, n);
			m->links[m->nlinks].frag = 8 + n < b->len ?
				xstrndup(b->buf + 9 + n, b->len - 9 - n) : NULL;
			m->links[m->nlinks].pos = span_where(c, sp);
			m->links[m->nlinks].via = NULL;
			if (sp->def >= 0) {
				struct buf via = BUF_INIT;

				ref_via(c, sp, &via);
				if (via.len)
					m->links[m->nlinks].via =
						buf_detach(&via, NULL);
				buf_release(&via);
			}
			m->nlinks++;
		}
	}
	return 0;
}

/* Where span sp starts, for a diagnostic (see struct span). */
static struct pos span_where(const struct md_check *c, const struct span *sp)
{
	if (sp->ref)
		return sp->use;
	if (sp->dest)
		return span_pos(c, sp->dest);
	if (sp->pos.line)
		return sp->pos;
	if (sp->text_at)
		return md_src_pos(c->src, sp->text_at);
	return md_src_pos(c->src, c->last);
}

struct pos md_check_span_pos(const struct md_check *c)
{
	struct pos none = { 0, 0 };

	if (!c || !c->nspans)
		return none;
	return span_where(c, &c->spans[c->nspans - 1]);
}

static int chk_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct md_check *c = ud;
	struct span *sp;
	struct pos pos;

	(void)detail;
	if (c->raw.n)
		raw_unwind(c, c->span_depth);
	/* md4c may end a span it never began (see render_html.c) */
	if (c->span_depth)
		c->span_depth--;
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
	if (in_src(c, text) && size && (!c->cursor || text + size > c->cursor))
		c->cursor = text + size;
	if (c->ndefs > 0)
		defs_mark(c, text, 0);
	if (c->in_heading)
		heading_check(c, c->last);
	switch (type) {
	case MD_TEXT_HTML:
		if (c->in_html_block)
			html_block_text(c, text, size);
		else
			html_inline(c, text, size);
		return 0;
	case MD_TEXT_SOFTBR:
	case MD_TEXT_BR:
		c->in_word = 0;
		heading_text(c, " ", 1);
		return 0;
	case MD_TEXT_ENTITY:
		{
			struct buf b = BUF_INIT;

			if (md_entity_add(&b, text, size) != 0)
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

void md_check_also(struct md_check *c, const MD_PARSER *reader, void *data)
{
	c->also = reader;
	c->also_data = data;
}

static const MD_PARSER no_renderer;

int md_check_run(struct md_check *c)
{
	MD_PARSER p;

	if (c->also)	/* the tee, with no renderer */
		return md_run_with_check(c, &no_renderer, NULL);
	memset(&p, 0, sizeof(p));
	p.enter_block = chk_enter_block;
	p.leave_block = chk_leave_block;
	p.enter_span = chk_enter_span;
	p.leave_span = chk_leave_span;
	p.text = chk_text;
	return md_run(c->src, &p, c);
}

/*
 * The tee: checks first, then the reader of md_check_also() (what it
 * returns is not the parse's to stop on), then the renderer.
 */
static int tee_enter_block(MD_BLOCKTYPE t, void *d, void *ud)
{
	struct md_check *c = ud;

	chk_enter_block(t, d, c);
	if (c->also)
		c->also->enter_block(t, d, c->also_data);
	return c->renderer->enter_block ?
	       c->renderer->enter_block(t, d, c->renderer_data) : 0;
}

static int tee_leave_block(MD_BLOCKTYPE t, void *d, void *ud)
{
	struct md_check *c = ud;

	chk_leave_block(t, d, c);
	if (c->also)
		c->also->leave_block(t, d, c->also_data);
	return c->renderer->leave_block ?
	       c->renderer->leave_block(t, d, c->renderer_data) : 0;
}

static int tee_enter_span(MD_SPANTYPE t, void *d, void *ud)
{
	struct md_check *c = ud;

	chk_enter_span(t, d, c);
	if (c->also)
		c->also->enter_span(t, d, c->also_data);
	return c->renderer->enter_span ?
	       c->renderer->enter_span(t, d, c->renderer_data) : 0;
}

static int tee_leave_span(MD_SPANTYPE t, void *d, void *ud)
{
	struct md_check *c = ud;

	chk_leave_span(t, d, c);
	if (c->also)
		c->also->leave_span(t, d, c->also_data);
	return c->renderer->leave_span ?
	       c->renderer->leave_span(t, d, c->renderer_data) : 0;
}

static int tee_text(MD_TEXTTYPE t, const MD_CHAR *s, MD_SIZE n, void *ud)
{
	struct md_check *c = ud;

	chk_text(t, s, n, c);
	if (c->also)
		c->also->text(t, s, n, c->also_data);
	return c->renderer->text ?
	       c->renderer->text(t, s, n, c->renderer_data) : 0;
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
