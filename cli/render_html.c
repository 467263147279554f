/*
 * render_html.c - article bodies as HTML, or as XHTML with RENDER_XHTML.
 *
 * md4c pushes blocks, spans and text; this file turns each callback into
 * markup at once, into one output buffer, so a body is rendered in a single
 * pass with no tree.  Two things cannot be written as they come:
 *
 *   - a heading's id is made from its text, which arrives after the
 *     opening tag: the heading's inner markup goes to a side buffer and
 *     the whole element is written when it closes;
 *   - an image's alt text arrives as text callbacks between the image's
 *     enter and leave: it is collected, and <img> is written on leave.
 *
 * Everything the author wrote reaches the output through escape.c; what
 * the renderer writes itself is fixed markup.  The differences between
 * HTML and XHTML are only how void elements end, so they are one flag.
 */
#include "buf.h"
#include "escape.h"
#include "arena.h"
#include "markdown.h"
#include "numbers.h"
#include "rawhtml.h"
#include "render.h"
#include "typo.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Ids already given in this page, with the next suffix to try for each;
 * the ids are in the arena *names (borrowed), the table is owned.
 */
struct idset {
	struct idslot {
		char *id;
		unsigned next;
	} *v;
	size_t n, cap;		/* cap is a power of two, or 0 */
	struct arena *names;
};

/* One open link: whether <a> was written, and its URL for autolinks. */
struct link {
	int emitted;
	struct buf href;	/* decoded destination */
};

#define MAX_LINKS 8		/* md4c never nests links; images nest in them */
#define SPAN_TYPES 32		/* open spans whose type is kept */

struct html {
	const struct render_opts *o;
	struct render_info *info;
	struct buf *out;	/* where markup goes now */
	struct buf *body;	/* the caller's output */
	int xhtml;
	int use_typo;
	int valid_utf8;		/* RENDER_VALID_UTF8 */
	struct typo typo;
	struct num_list nums;	/* the typography's scratch (typo.nums) */
	struct buf tmp;		/* typography output, before escaping */
	size_t *ltr, altr;	/* runs of tmp shown left to right (rtl) */
	struct buf url;		/* a decoded URL */
	struct buf ent;		/* a decoded entity */

	/* the heading being rendered */
	int in_heading;
	unsigned heading_level;
	struct buf heading;	/* its inner markup */
	struct buf heading_text;	/* its plain text */
	struct buf id;		/* its id */
	struct idset ids;
	struct arena names;	/* of ids: emptied, not freed, per page */

	/* the image being rendered; images nest in alt text, the outer wins */
	int img_depth;
	int img_ok;
	struct buf img_src, img_title, alt;

	struct link links[MAX_LINKS];
	int nlinks;
	int in_code_block;
	int in_html_block;
	unsigned span_depth;	/* Markdown spans open (not in alt text) */
	/* their types: the first SPAN_TYPES here, deeper ones in span_more */
	MD_SPANTYPE span_type[SPAN_TYPES];
	MD_SPANTYPE *span_more;	/* owned, NULL until a body nests deeper */
	size_t span_more_alloc;
	struct rawhtml_stack raw;	/* inline tags of the list open */
};

static struct idslot *idset_find(struct idset *set, const char *s, size_t n)
{
	size_t i;

	if (!set->cap)
		return NULL;
	for (i = hash_mem(s, n) & (set->cap - 1); set->v[i].id;
	     i = (i + 1) & (set->cap - 1))
		if (memeq(s, n, set->v[i].id))
			return &set->v[i];
	return NULL;
}

static struct idslot *idset_add(struct idset *set, const char *s, size_t n)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap) {
		struct idset bigger = { NULL, 0, set->cap ? set->cap * 2 : 16,
					set->names };

		bigger.v = xcalloc(bigger.cap, sizeof(*bigger.v));
		for (i = 0; i < set->cap; i++) {
			size_t j;

			if (!set->v[i].id)
				continue;
			j = hash_mem(set->v[i].id, strlen(set->v[i].id));
			for (j &= bigger.cap - 1; bigger.v[j].id;
			     j = (j + 1) & (bigger.cap - 1))
				;
			bigger.v[j] = set->v[i];
		}
		bigger.n = set->n;
		free(set->v);
		*set = bigger;
	}
	for (i = hash_mem(s, n) & (set->cap - 1); set->v[i].id;
	     i = (i + 1) & (set->cap - 1))
		;
	set->v[i].id = arena_strndup(set->names, s, n);
	set->v[i].next = 2;
	set->n++;
	return &set->v[i];
}

static void idset_release(struct idset *set)
{
	free(set->v);
	memset(set, 0, sizeof(*set));
}

/*
 * Make id (holding the base) unique in the page: the first "x" stays,
 * then "x-2", "x-3"...  Each base remembers its next suffix so that a
 * body of a thousand equal headings stays linear.
 */
static void unique_id(struct idset *set, struct buf *id)
{
	struct idslot *base = idset_find(set, id->buf, id->len);
	size_t len = id->len;

	if (!base) {
		idset_add(set, id->buf, id->len);
		return;
	}
	for (;;) {
		unsigned k = base->next++;

		buf_setlen(id, len);
		buf_addf(id, "-%u", k);
		if (!idset_find(set, id->buf, id->len))
			break;
	}
	idset_add(set, id->buf, id->len);
}

/* ---- output helpers ---- */

static void put(struct html *h, const char *s)
{
	buf_adds(h->out, s);
}

static void put_void_end(struct html *h)
{
	put(h, h->xhtml ? " />" : ">");
}

/*
 * Characters HTML and XML both refuse (C0 controls but tab and line ends,
 * DEL) become U+FFFD, so that a stray control byte in a body cannot make
 * a page invalid.  s[0..n) is appended to dst.  escape_html() replaces
 * the same bytes, so escaped text needs no pass of its own: this is for
 * the plain heading and alt text collected before escaping.
 */
static void add_clean(struct buf *dst, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
			buf_add(dst, s + start, i - start);
			buf_addcp(dst, 0xFFFD);
			start = i + 1;
		}
	}
	buf_add(dst, s + start, n - start);
}

/* An attribute value from md4c: entities decoded, then escaped. */
static void put_attr(struct html *h, const MD_ATTRIBUTE *a)
{
	buf_reset(&h->url);
	md_attr_text(&h->url, a);
	escape_html(h->out, h->url.buf, h->url.len);
}

static void put_escaped(struct html *h, const char *t, size_t tn)
{
	/* both replace controls as add_clean does */
	if (h->valid_utf8)
		escape_html_utf8(h->out, t, tn);
	else
		escape_html(h->out, t, tn);
}

/*
 * Text of a right-to-left page: each phone number and each number in
 * Western digits written in pieces isolated left to right, so that its
 * groups are not shown in reverse order (render_ltr_runs()).  <bdi> in
 * HTML; a <span dir="ltr"> in XHTML, which every EPUB 3 reading system
 * isolates alike.
 */
static void text_isolated(struct html *h, const char *t, size_t tn)
{
	const char *nl = h->typo.nums_lang;
	/* the numbers the typography read, when it read them as lang does */
	size_t k, at = 0, runs = render_ltr_runs(t, tn, h->o->lang,
		nl && !strcmp(nl, h->o->lang) ? &h->nums : NULL, &h->nums,
		&h->ltr, &h->altr);

	for (k = 0; k < runs; k++) {
		size_t from = h->ltr[2 * k], to = h->ltr[2 * k + 1];

		put_escaped(h, t + at, from - at);
		put(h, h->xhtml ? "<span dir=\"ltr\">" : "<bdi dir=\"ltr\">");
		put_escaped(h, t + from, to - from);
		put(h, h->xhtml ? "</span>" : "</bdi>");
		at = to;
	}
	put_escaped(h, t + at, tn - at);
}

/*
 * Text the reader sees: typography, then escaping, into the heading's
 * plain text and the image's alt text too when those are being collected.
 * verbatim: code or a URL, copied as written.
 */
static void text_run(struct html *h, const char *s, size_t n, int verbatim)
{
	const char *t = s;
	size_t tn = n;

	if (h->use_typo) {
		if (verbatim) {
			typo_verbatim(&h->typo, s, n);
		} else {
			buf_reset(&h->tmp);
			t = typo_run(&h->typo, &h->tmp, s, n, &tn);
		}
	}
	if (h->img_depth) {
		add_clean(&h->alt, t, tn);
		return;
	}
	if (h->in_heading && h->heading_text.len < 1024)
		add_clean(&h->heading_text, t, tn);
	if (h->o->rtl && h->use_typo && !verbatim) {
		text_isolated(h, t, tn);
		return;
	}
	/* both replace controls as add_clean does */
	if (h->valid_utf8)
		escape_html_utf8(h->out, t, tn);
	else
		escape_html(h->out, t, tn);
}

/* ---- blocks ---- */

static void raw_unwind(struct html *h, unsigned depth);
static void spans_close_to(struct html *h, unsigned depth);

/*
 * A fenced block's language becomes class="language-X" (what highlighters
 * look for) only when it is a plain name: c, c++, objective-c, x86_64...
 */
static int code_lang_ok(const MD_ATTRIBUTE *lang)
{
	MD_SIZE i;

	if (lang->size > 32)
		return 0;
	for (i = 0; i < lang->size; i++) {
		char c = lang->text[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '+' || c == '#' || c == '.'))
			return 0;
	}
	return 1;
}

static const char *align_class(MD_ALIGN a)
{
	switch (a) {
	case MD_ALIGN_LEFT: return " class=\"align-start\"";
	case MD_ALIGN_CENTER: return " class=\"align-center\"";
	case MD_ALIGN_RIGHT: return " class=\"align-end\"";
	default: return "";
	}
}

static void heading_open(struct html *h, unsigned level)
{
	h->in_heading = 1;
	h->heading_level = level < 1 ? 1 : level > 6 ? 6 : level;
	buf_reset(&h->heading);
	buf_reset(&h->heading_text);
	h->out = &h->heading;
}

/* A copy of s[0..n) for ri: in its arena when it has one. */
static char *info_str(struct render_info *ri, const char *s, size_t n)
{
	return ri->arena ? arena_strndup(ri->arena, s, n) : xstrndup(s, n);
}

static void heading_close(struct html *h)
{
	struct buf *id = &h->id;
	char open[] = "<h1 id=\"", close[] = "</h1>\n";

	h->out = h->body;
	h->in_heading = 0;
	buf_reset(id);
	render_heading_id(id, h->heading_text.buf, h->heading_text.len);
	unique_id(&h->ids, id);
	open[2] = close[3] = (char)('0' + h->heading_level);	/* 1 to 6 */
	put(h, open);
	escape_html(h->out, id->buf, id->len);
	put(h, "\">");
	buf_add(h->out, h->heading.buf, h->heading.len);
	put(h, close);
	if (h->info) {
		struct render_info *ri = h->info;
		struct render_heading *rh;
		char *p;

		GROW(ri->headings, ri->alloc, ri->nheadings + 1);
		rh = &ri->headings[ri->nheadings++];
		rh->level = h->heading_level;
		rh->id = info_str(ri, id->buf, id->len);
		rh->text = info_str(ri, h->heading_text.buf, h->heading_text.len);
		/* soft breaks collapse: a table of contents entry is one line */
		for (p = rh->text; *p; p++)
			if (*p == '\n')
				*p = ' ';
	}
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct html *h = ud;

	if (h->use_typo && type != MD_BLOCK_DOC)
		typo_block(&h->typo);
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		put(h, "<blockquote>\n");
		break;
	case MD_BLOCK_UL:
		put(h, "<ul>\n");
		break;
	case MD_BLOCK_OL: {
		unsigned start = ((MD_BLOCK_OL_DETAIL *)detail)->start;

		if (start == 1)
			put(h, "<ol>\n");
		else
			buf_addf(h->out, "<ol start=\"%u\">\n", start);
		break;
	}
	case MD_BLOCK_LI:
		put(h, "<li>");
		break;
	case MD_BLOCK_HR:
		put(h, "<hr");
		put_void_end(h);
		put(h, "\n");
		break;
	case MD_BLOCK_H:
		heading_open(h, ((MD_BLOCK_H_DETAIL *)detail)->level);
		break;
	case MD_BLOCK_CODE: {
		const MD_BLOCK_CODE_DETAIL *c = detail;

		h->in_code_block = 1;
		put(h, "<pre><code");
		if (c->lang.size && code_lang_ok(&c->lang)) {
			put(h, " class=\"language-");
			put_attr(h, &c->lang);
			put(h, "\"");
		}
		put(h, ">");
		break;
	}
	case MD_BLOCK_HTML:
		/* never emitted: validate warns (raw-html) */
		h->in_html_block = 1;
		break;
	case MD_BLOCK_P:
		put(h, "<p>");
		break;
	case MD_BLOCK_TABLE:
		/* the wrapper scrolls sideways on a phone; the table keeps its role */
		put(h, "<div class=\"table\">\n<table>\n");
		break;
	case MD_BLOCK_THEAD:
		put(h, "<thead>\n");
		break;
	case MD_BLOCK_TBODY:
		put(h, "<tbody>\n");
		break;
	case MD_BLOCK_TR:
		put(h, "<tr>\n");
		break;
	case MD_BLOCK_TH:
		put(h, "<th scope=\"col\"");
		put(h, align_class(((MD_BLOCK_TD_DETAIL *)detail)->align));
		put(h, ">");
		break;
	case MD_BLOCK_TD:
		put(h, "<td");
		put(h, align_class(((MD_BLOCK_TD_DETAIL *)detail)->align));
		put(h, ">");
		break;
	}
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct html *h = ud;

	(void)detail;
	if (h->span_depth)
		spans_close_to(h, 0);
	if (h->raw.n)
		raw_unwind(h, 0);
	switch (type) {
	case MD_BLOCK_DOC:
	case MD_BLOCK_HR:
		break;
	case MD_BLOCK_QUOTE:
		put(h, "</blockquote>\n");
		break;
	case MD_BLOCK_UL:
		put(h, "</ul>\n");
		break;
	case MD_BLOCK_OL:
		put(h, "</ol>\n");
		break;
	case MD_BLOCK_LI:
		put(h, "</li>\n");
		break;
	case MD_BLOCK_H:
		heading_close(h);
		break;
	case MD_BLOCK_CODE:
		h->in_code_block = 0;
		put(h, "</code></pre>\n");
		break;
	case MD_BLOCK_HTML:
		h->in_html_block = 0;
		break;
	case MD_BLOCK_P:
		put(h, "</p>\n");
		break;
	case MD_BLOCK_TABLE:
		put(h, "</table>\n</div>\n");
		break;
	case MD_BLOCK_THEAD:
		put(h, "</thead>\n");
		break;
	case MD_BLOCK_TBODY:
		put(h, "</tbody>\n");
		break;
	case MD_BLOCK_TR:
		put(h, "</tr>\n");
		break;
	case MD_BLOCK_TH:
		put(h, "</th>\n");
		break;
	case MD_BLOCK_TD:
		put(h, "</td>\n");
		break;
	}
	return 0;
}

/* ---- spans ---- */

static void link_open(struct html *h, const MD_SPAN_A_DETAIL *a)
{
	struct link *l = &h->links[h->nlinks++];
	const char *hreflang = NULL;
	int i;

	buf_reset(&l->href);
	md_attr_text(&l->href, &a->href);
	l->emitted = render_link_target(h->o, &l->href, &h->url, &hreflang);
	/*
	 * md4c's permissive autolinks find URLs inside a link's text too:
	 * HTML has no link in a link, the outer one stays.
	 */
	for (i = 0; i < h->nlinks - 1; i++)
		if (h->links[i].emitted)
			l->emitted = 0;
	if (l->emitted) {
		put(h, "<a href=\"");
		escape_url(h->out, l->href.buf, l->href.len);
		put(h, "\"");
		/* hreflang only: the link text is the author's, in the
		 * page's language, not in the language of the target */
		if (hreflang) {
			put(h, " hreflang=\"");
			escape_html(h->out, hreflang, strlen(hreflang));
			put(h, "\"");
		}
		if (a->title.size) {
			put(h, " title=\"");
			put_attr(h, &a->title);
			put(h, "\"");
		}
		put(h, ">");
	}
}

static void link_close(struct html *h)
{
	struct link *l = &h->links[--h->nlinks];

	if (l->emitted)
		put(h, "</a>");
}

/* Is this text the URL of the autolink it is in (so no typography)? */
static int is_autolink_text(const struct html *h, const char *s, size_t n)
{
	const struct buf *href;

	if (!h->nlinks)
		return 0;
	href = &h->links[h->nlinks - 1].href;
	return render_is_url_text(href->buf, href->len, s, n);
}

static void img_open(struct html *h, const MD_SPAN_IMG_DETAIL *img)
{
	buf_reset(&h->img_src);
	buf_reset(&h->img_title);
	buf_reset(&h->alt);
	md_attr_text(&h->img_src, &img->src);
	md_attr_text(&h->img_title, &img->title);
	h->img_ok = h->img_src.len &&
		    render_url_allowed(h->img_src.buf, h->img_src.len, 0) &&
		    !(h->o->flags & RENDER_IMG_ALT);
	if (h->img_ok && h->o->image) {
		buf_reset(&h->url);
		h->img_ok = h->o->image(h->o->image_ctx, h->img_src.buf,
					h->img_src.len, &h->url) == 0;
		buf_reset(&h->img_src);
		buf_add(&h->img_src, h->url.buf, h->url.len);
	}
}

static void img_close(struct html *h)
{
	if (h->info && h->img_ok) {
		h->info->images++;
		if (h->alt.len)
			h->info->images_alt++;
	}
	if (h->in_heading && h->heading_text.len < 1024)
		buf_add(&h->heading_text, h->alt.buf, h->alt.len);
	if (!h->img_ok) {
		/* no image to show: its description is the content */
		escape_html(h->out, h->alt.buf, h->alt.len);
		return;
	}
	put(h, "<img src=\"");
	escape_url(h->out, h->img_src.buf, h->img_src.len);
	put(h, "\" alt=\"");
	escape_html(h->out, h->alt.buf, h->alt.len);
	put(h, "\"");
	if (h->img_title.len) {
		put(h, " title=\"");
		escape_html(h->out, h->img_title.buf, h->img_title.len);
		put(h, "\"");
	}
	put_void_end(h);
}

static void raw_tag(struct html *h, enum rawhtml_tag t, int closing)
{
	if (t == RH_BR) {
		if (h->use_typo)
			typo_verbatim(&h->typo, "\n", 1);
		put(h, h->xhtml ? "<br />\n" : "<br>\n");
		if (h->in_heading)
			buf_addc(&h->heading_text, ' ');
		return;
	}
	put(h, closing ? "</" : "<");
	put(h, rawhtml_name(t));
	put(h, ">");
}

/* Close the inline tags opened inside depth spans or more. */
static void raw_unwind(struct html *h, unsigned depth)
{
	enum rawhtml_tag t;

	while (h->raw.n && (t = rawhtml_unwind(&h->raw, depth)) != RH_NONE)
		raw_tag(h, t, 1);
}

/* Inline raw HTML: the tags of rawhtml.h, well nested; never the rest. */
static void raw_inline(struct html *h, const char *s, size_t n)
{
	struct rawhtml_inline r;

	rawhtml_inline(s, n, &r);
	if (r.kind != RK_RENDERED)
		return;
	if (r.tag == RH_BR)
		raw_tag(h, r.tag, 0);
	else if (r.closing ? rawhtml_pop(&h->raw, r.tag, h->span_depth) == 0 :
			     rawhtml_push(&h->raw, r.tag, h->span_depth) == 0)
		raw_tag(h, r.tag, r.closing);
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct html *h = ud;

	if (h->img_depth) {
		/* inside alt text only the text counts */
		if (type == MD_SPAN_IMG)
			h->img_depth++;
		return 0;
	}
	if (h->span_depth < SPAN_TYPES) {
		h->span_type[h->span_depth] = type;
	} else {
		GROW(h->span_more, h->span_more_alloc,
		     h->span_depth - SPAN_TYPES + 1);
		h->span_more[h->span_depth - SPAN_TYPES] = type;
	}
	h->span_depth++;
	switch (type) {
	case MD_SPAN_EM:
		put(h, "<em>");
		break;
	case MD_SPAN_STRONG:
		put(h, "<strong>");
		break;
	case MD_SPAN_DEL:
		put(h, "<del>");
		break;
	case MD_SPAN_CODE:
		put(h, "<code>");
		break;
	case MD_SPAN_U:
		put(h, "<u>");
		break;
	case MD_SPAN_A:
		if (h->nlinks == MAX_LINKS)
			return 1;	/* cannot happen with md4c: stop */
		link_open(h, detail);
		break;
	case MD_SPAN_IMG:
		h->img_depth = 1;
		img_open(h, detail);
		break;
	default:
		break;
	}
	return 0;
}

/* The closing markup of a Markdown span. */
static void span_close(struct html *h, MD_SPANTYPE type)
{
	if (h->raw.n)
		raw_unwind(h, h->span_depth);
	h->span_depth--;
	switch (type) {
	case MD_SPAN_EM:
		put(h, "</em>");
		break;
	case MD_SPAN_STRONG:
		put(h, "</strong>");
		break;
	case MD_SPAN_DEL:
		put(h, "</del>");
		break;
	case MD_SPAN_CODE:
		put(h, "</code>");
		break;
	case MD_SPAN_U:
		put(h, "</u>");
		break;
	case MD_SPAN_A:
		if (h->nlinks)
			link_close(h);
		break;
	default:
		break;
	}
}

/*
 * md4c 0.4.8 does not always pair its span events: a permissive autolink
 * that swallows "**" leaves the strong span open ("**https://x.org/a**~~"),
 * another closes an emphasis never opened.  XHTML must be well-formed, so
 * a span's end closes the spans opened inside it first, an end with no
 * such span open is dropped, and a block's end closes what is left.
 */
static MD_SPANTYPE span_type_at(const struct html *h, unsigned i)
{
	return i < SPAN_TYPES ? h->span_type[i] : h->span_more[i - SPAN_TYPES];
}

/* Depth of the innermost open span of this type, or -1. */
static long span_open_at(const struct html *h, MD_SPANTYPE type)
{
	unsigned i = h->span_depth;

	/* the innermost, as md4c nearly always says: at once */
	if (i && span_type_at(h, i - 1) == type)
		return (long)i - 1;
	while (i-- > 0)
		if (span_type_at(h, i) == type)
			return (long)i;
	return -1;
}

static void spans_close_to(struct html *h, unsigned depth)
{
	while (h->span_depth > depth) {
		if (h->img_depth) {
			h->img_depth = 0;
			img_close(h);
			h->span_depth--;
			continue;
		}
		span_close(h, span_type_at(h, h->span_depth - 1));
	}
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct html *h = ud;
	long at;

	(void)detail;
	if (h->img_depth) {
		if (type == MD_SPAN_IMG && --h->img_depth == 0) {
			img_close(h);
			h->span_depth--;
		}
		return 0;
	}
	at = span_open_at(h, type);
	if (at < 0)
		return 0;
	spans_close_to(h, (unsigned)at + 1);
	span_close(h, type);
	return 0;
}

/* ---- text ---- */

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *ud)
{
	struct html *h = ud;
	size_t n = size;

	if (h->in_html_block)
		return 0;
	switch (type) {
	case MD_TEXT_HTML:
		/* raw HTML is never emitted (SPEC 8.2), but for the tags of
		 * rawhtml.h; inside alt text only the text counts */
		if (!h->img_depth)
			raw_inline(h, s, n);
		break;
	case MD_TEXT_NULLCHAR:
		text_run(h, "\xEF\xBF\xBD", 3, 0);
		break;
	case MD_TEXT_BR:
		if (h->img_depth) {
			text_run(h, " ", 1, 0);
			break;
		}
		if (h->use_typo)
			typo_verbatim(&h->typo, "\n", 1);
		put(h, h->xhtml ? "<br />\n" : "<br>\n");
		if (h->in_heading)
			buf_addc(&h->heading_text, ' ');
		break;
	case MD_TEXT_SOFTBR:
		text_run(h, "\n", 1, 0);
		break;
	case MD_TEXT_ENTITY:
		buf_reset(&h->ent);
		if (md_entity_add(&h->ent, s, n) == 0) {
			text_run(h, h->ent.buf, h->ent.len, 0);
		} else {
			text_run(h, s, n, 1);
		}
		break;
	case MD_TEXT_CODE:
	case MD_TEXT_LATEXMATH:
		text_run(h, s, n, 1);
		break;
	default:
		text_run(h, s, n, is_autolink_text(h, s, n));
		break;
	}
	return 0;
}

/*
 * What render_html() keeps from one body to the next: a struct html whose
 * buffers alone are used (keep_swap()).
 */
struct html_keep {
	struct html h;
};

/* The buffers of a struct html that an html_keep keeps. */
#define HTML_BUFS(X) X(tmp) X(url) X(ent) X(heading) X(heading_text) X(id) \
	X(img_src) X(img_title) X(alt)

/*
 * Exchange the buffers of a and b, and nothing else; with empty: empty
 * those a gets (their room stays).
 */
static void keep_swap(struct html *a, struct html *b, int empty)
{
#define SWAP_BUF(f) swap_mem(&a->f, &b->f, sizeof(a->f)); \
	if (empty) buf_reset(&a->f);
	int i;

	HTML_BUFS(SWAP_BUF)
	for (i = 0; i < MAX_LINKS; i++) {
		SWAP_BUF(links[i].href)
	}
#undef SWAP_BUF
	swap_mem(&a->names, &b->names, sizeof(a->names));
	if (empty)
		arena_reset(&a->names);
}

/* fn on every buffer of h: buf_init, buf_release. */
static void html_bufs_each(struct html *h, void (*fn)(struct buf *))
{
#define EACH(f) fn(&h->f);
	int i;

	HTML_BUFS(EACH)
	for (i = 0; i < MAX_LINKS; i++)
		EACH(links[i].href)
#undef EACH
}

struct html_keep *html_keep_new(void)
{
	struct html_keep *k = xcalloc(1, sizeof(*k));

	html_bufs_each(&k->h, buf_init);
	return k;
}

void html_keep_free(struct html_keep *k)
{
	if (!k)
		return;
	html_bufs_each(&k->h, buf_release);
	arena_release(&k->h.names);
	free(k);
}

int render_html(const struct md_src *src, struct md_check *chk,
		const struct render_opts *o, struct buf *out,
		struct render_info *info)
{
	struct html h;
	MD_PARSER p;
	int ret;

	memset(&h, 0, sizeof(h));
	h.o = o;
	h.info = info;
	h.out = h.body = out;
	h.xhtml = !!(o->flags & RENDER_XHTML);
	h.valid_utf8 = !!(o->flags & RENDER_VALID_UTF8);
	h.use_typo = !(o->flags & RENDER_NO_TYPO) && typo_needed(o->lang);
	if (h.use_typo) {
		typo_init(&h.typo, o->lang, o->typo_flags);
		h.typo.nums = &h.nums;
	}
	html_bufs_each(&h, buf_init);
	if (o->html_keep)
		keep_swap(&h, &o->html_keep->h, 1);
	h.ids.names = &h.names;

	memset(&p, 0, sizeof(p));
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = text;
	ret = chk ? md_run_with_check(chk, &p, &h) : md_run(src, &p, &h);

	/* the kept room goes back; what is left is empty */
	if (o->html_keep)
		keep_swap(&h, &o->html_keep->h, 0);
	html_bufs_each(&h, buf_release);
	free(h.span_more);
	free(h.ltr);
	num_list_release(&h.nums);
	idset_release(&h.ids);
	arena_release(&h.names);
	return ret ? -1 : 0;
}
