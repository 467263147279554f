/*
 * export_text.c - the text page (SPEC 8.4) around a body that
 * render_text() rendered: title, summary, stale notice, body, update
 * line, other languages, acknowledgements, further reading, and the
 * links heading with the sources and the numbered URLs.
 *
 * It lays out the page from the page data export builds for every format
 * (the variables of folio-export(1), URLs raw), with the wrapping engine
 * of the body (wrap.h), so that the page's paragraphs wrap as the body's
 * do.
 */
#include "buf.h"
#include "export_int.h"
#include "render.h"
#include "util.h"
#include "wrap.h"
#include "yaml_tree.h"

#include <string.h>

struct page {
	struct buf *out;
	struct wrap w;
	struct render_refs *refs;
	size_t start;		/* where the page began in out */
	const struct ynode *d;	/* the page's data */
	size_t from;		/* ymap_get_next()'s place in d */
};

static const struct ynode *string_or_null(const struct ynode *n)
{
	return n && n->type == Y_STRING && n->len ? n : NULL;
}

static const struct ynode *str_of(const struct ynode *d, const char *key)
{
	return string_or_null(ymap_get(d, key));
}

/*
 * The page's data, asked for in about the order export_page_data()
 * (export_page.c) put its keys in, each once.
 */
static const struct ynode *page_get(struct page *pg, const char *key)
{
	return ymap_get_next(pg->d, key, &pg->from);
}

static const struct ynode *page_str(struct page *pg, const char *key)
{
	return string_or_null(page_get(pg, key));
}

static int page_true(struct page *pg, const char *key)
{
	const struct ynode *n = page_get(pg, key);

	return n && n->type == Y_BOOL && n->v.b;
}

/* A blank line between the parts of the page. */
static void part(struct page *pg)
{
	if (pg->out->len > pg->start)
		buf_addc(pg->out, '\n');
}

/* " [n]" after a link's text. */
static void ref(struct page *pg, const struct ynode *href)
{
	char s[32];
	size_t n;

	if (!href)
		return;
	n = fmt_uint_between(s, " [", render_refs_add(pg->refs, href->str, href->len),
		    "]");
	wrap_attach(&pg->w, s, n);
}

static void para(struct page *pg, const struct ynode *text)
{
	if (!text)
		return;
	part(pg);
	wrap_begin(&pg->w, NULL, NULL, NULL);
	wrap_text(&pg->w, text->str, text->len);
	wrap_end(&pg->w);
}

static void heading(struct page *pg, const struct ynode *text, char c)
{
	unsigned i;

	if (!text)
		return;
	para(pg, text);
	for (i = 0; i < pg->w.max_line; i++)
		buf_addc(pg->out, c);
	buf_addc(pg->out, '\n');
}

/* "- title [n]" for each item of a list of {title, href}. */
static void items(struct page *pg, const struct ynode *list)
{
	static const struct wrap_str dash = { "- ", 2, 2 }, hang = { "  ", 2, 2 };
	size_t i;

	if (!list || list->type != Y_SEQ)
		return;
	for (i = 0; i < list->n; i++) {
		const struct ynode *t = str_of(list->items[i], "title");

		if (!t)
			continue;
		wrap_begin(&pg->w, NULL, &dash, &hang);
		wrap_text(&pg->w, t->str, t->len);
		ref(pg, str_of(list->items[i], "href"));
		wrap_end(&pg->w);
	}
}

/* The parts of a text page, read out of its page data. */
struct text_parts {
	const struct ynode *title, *summary, *body, *updated_on, *reviewers,
		*ack, *translated_by, *also, *runs, *notice, *label, *href,
		*related, *further, *sources, *links;
	int has_reviewers, stale, has_related, has_sources;
};

/* In the order of export_page_data()'s keys: each found in a few steps. */
static void text_parts_read(struct page *pg, struct text_parts *t)
{
	t->title = page_str(pg, "title");
	t->summary = page_str(pg, "summary");
	t->body = page_str(pg, "body");
	t->updated_on = page_str(pg, "updated_on");
	t->reviewers = page_get(pg, "reviewers");
	t->has_reviewers = page_true(pg, "has_reviewers");
	t->ack = page_str(pg, "acknowledgements");
	t->translated_by = page_str(pg, "translated_by");
	t->also = page_str(pg, "also_available_in");
	t->runs = page_get(pg, "also_available_in_runs");
	t->stale = page_true(pg, "stale");
	t->notice = page_str(pg, "stale_notice");
	t->label = page_str(pg, "original_link");
	t->href = page_str(pg, "original_href");
	t->related = page_get(pg, "related");
	t->has_related = page_true(pg, "has_related");
	t->further = page_str(pg, "further_reading");
	t->sources = page_get(pg, "sources");
	t->has_sources = page_true(pg, "has_sources");
	t->links = page_str(pg, "links");
}

/* "Also available in", each language followed by its link's number. */
static void text_languages(struct page *pg, const struct text_parts *t)
{
	size_t i;

	if (t->runs && t->runs->type == Y_SEQ && t->runs->n) {
		part(pg);
		wrap_begin(&pg->w, NULL, NULL, NULL);
		for (i = 0; i < t->runs->n; i++) {
			const struct ynode *s = str_of(t->runs->items[i], "text");

			if (s)
				wrap_text(&pg->w, s->str, s->len);
			ref(pg, str_of(t->runs->items[i], "href"));
		}
		wrap_end(&pg->w);
	} else {
		para(pg, t->also);
	}
}

/* The sources, then every URL by its number (lynx's references). */
static void text_links(struct page *pg, const struct text_parts *t)
{
	struct buf *out = pg->out;
	size_t i, width;
	char num[32];

	if (!t->has_sources && !pg->refs->n)
		return;
	heading(pg, t->links, '-');
	if (t->has_sources) {
		part(pg);
		items(pg, t->sources);
	}
	if (!pg->refs->n)
		return;
	part(pg);
	width = fmt_uint_between(num, "[", pg->refs->n, "]");
	for (i = 0; i < pg->refs->n; i++) {
		size_t k = fmt_uint_between(num, "[", i + 1, "]");

		buf_add(out, num, k);
		for (; k <= width; k++)
			buf_addc(out, ' ');
		wrap_clean(out, pg->refs->url[i], strlen(pg->refs->url[i]), 0);
		buf_addc(out, '\n');
	}
}

void export_text_layout(const struct ynode *d, unsigned width,
			struct render_info *info, struct buf *out)
{
	struct page pg;
	struct text_parts t;
	const struct ynode *list;
	size_t i;

	memset(&pg, 0, sizeof(pg));
	pg.out = out;
	pg.start = out->len;
	pg.refs = &info->refs;
	pg.d = d;
	wrap_init(&pg.w, out, width ? width : RENDER_TEXT_WIDTH);
	text_parts_read(&pg, &t);

	heading(&pg, t.title, '=');
	para(&pg, t.summary);
	if (t.stale && t.notice) {
		part(&pg);
		wrap_begin(&pg.w, NULL, NULL, NULL);
		wrap_text(&pg.w, t.notice->str, t.notice->len);
		if (t.href && t.label) {
			wrap_text(&pg.w, " ", 1);
			wrap_text(&pg.w, t.label->str, t.label->len);
			ref(&pg, t.href);
		}
		wrap_end(&pg.w);
	}
	if (t.body) {
		part(&pg);
		buf_add(out, t.body->str, t.body->len);
	}
	para(&pg, t.updated_on);
	text_languages(&pg, &t);
	if (t.has_reviewers) {
		heading(&pg, t.ack, '-');
		list = t.reviewers;
		for (i = 0; list && list->type == Y_SEQ && i < list->n; i++)
			para(&pg, str_of(list->items[i], "thanks"));
	}
	para(&pg, t.translated_by);
	if (t.has_related) {
		heading(&pg, t.further, '-');
		part(&pg);
		items(&pg, t.related);
	}
	text_links(&pg, &t);
	wrap_release(&pg.w);
}

/* The text format's page (its page_fn): the layout above at --width. */
int export_text_page(const struct export *x, const struct ynode *data,
		     struct render_info *info, struct buf *out)
{
	export_text_layout(data, x->width, info, out);
	return 0;
}
