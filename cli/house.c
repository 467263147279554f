/*
 * house.c - validate's readability gates and house style, per article.
 */
#include "house.h"
#include "markdown.h"
#include "prose.h"
#include "readability.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* One article being checked: what the callbacks need. */
struct walk {
	const struct house *h;
	const struct article_meta *m;
	const struct style_book *book;	/* NULL: no rules for this language */
	struct readability rd;
	int measure;
	struct diag_list *d;
	/*
	 * The body's segments end to end, with their maps, for the rules to
	 * run once per article: a match call per segment and rule costs
	 * more than the matching
	 */
	struct buf all;
	struct prose_chunk *chunks;
	size_t nchunks, alloc;
};

static struct pos seg_pos(const void *ctx, size_t off)
{
	return prose_pos(ctx, off);
}

static void on_segment(void *ctx, const struct prose_seg *seg)
{
	struct walk *w = ctx;
	const struct config *cfg = &w->h->c->cfg;

	size_t i, base;

	(void)cfg;
	if (w->measure && prose_measured(seg))
		rd_segment(&w->rd, seg);
	if (!w->book || !w->book->nscope[SCOPE_BODY])
		return;
	/* a NUL between blocks: no match runs on from one to the next */
	if (w->all.len)
		buf_add(&w->all, "\n\0\n", 3);
	base = w->all.len;
	buf_add(&w->all, seg->text, seg->len);
	GROW(w->chunks, w->alloc, w->nchunks + seg->nchunks);
	for (i = 0; i < seg->nchunks; i++) {
		w->chunks[w->nchunks] = seg->chunks[i];
		w->chunks[w->nchunks++].off += base;
	}
}

static void check_body(struct walk *w, const struct md_src *src)
{
	const struct config *cfg = &w->h->c->cfg;
	struct prose_seg all;

	if (!w->all.len)
		return;
	memset(&all, 0, sizeof(all));
	all.text = w->all.buf;
	all.len = w->all.len;
	all.src = src;
	all.chunks = w->chunks;
	all.nchunks = w->nchunks;
	style_check(w->book, SCOPE_BODY, all.text, all.len, seg_pos, &all,
		    w->m->path, cfg->ignore_style, cfg->nignore_style, w->d);
}

static void on_sentence(void *ctx, const struct rd_sentence *s)
{
	struct walk *w = ctx;
	unsigned max = w->h->c->cfg.max_sentence_words;

	if (max && s->words > max)
		diag(w->d, R_READABILITY, w->m->path, s->line, s->col, NULL,
		     "sentence too long: %u words, more than max_sentence_words %u",
		     s->words, max);
}

/* A frontmatter scalar: an offset in its value as a column on its line. */
static struct pos scalar_pos(const void *ctx, size_t off)
{
	const struct ynode *n = ctx;
	struct pos p = { n->line, n->col };
	size_t i;

	if (n->line == n->end_line) {
		p.col += n->quoted;
		for (i = 0; i < off && i < n->len; i++)
			p.col += ((unsigned char)n->str[i] & 0xC0) != 0x80;
	}
	return p;
}

static void check_field(struct walk *w, const struct ynode *fm, const char *key,
			enum style_scope scope)
{
	const struct ynode *n = ymap_get(fm, key);
	const struct config *cfg = &w->h->c->cfg;

	if (n && n->type == Y_STRING)
		style_check(w->book, scope, n->str, n->len, scalar_pos, n,
			    w->m->path, cfg->ignore_style, cfg->nignore_style, w->d);
}

static void house_body(void *ctx, size_t i, int worker, const struct article *a,
		       const struct md_src *src, struct md_check *chk,
		       struct diag_list *d)
{
	const struct house *h = ctx;
	const struct config *cfg = &h->c->cfg;
	struct walk w;
	struct prose *p;
	int li;

	(void)worker;
	memset(&w, 0, sizeof(w));
	w.h = h;
	w.m = &h->c->articles[i];
	w.d = d;
	li = w.m->lang ? config_lang(cfg, w.m->lang) : -1;
	if (li >= 0 && h->books[li].n)
		w.book = &h->books[li];
	w.measure = w.m->lang && (cfg->max_sentence_words || cfg->min_band >= 0);
	if (!w.book && !w.measure) {
		md_check_run(chk);
		return;
	}
	rd_init(&w.rd, w.m->lang);
	w.rd.sentence = on_sentence;
	w.rd.ctx = &w;
	buf_init(&w.all);
	p = prose_new(src, on_segment, &w);
	md_run_with_check(chk, &prose_parser, p);
	prose_free(p);
	if (w.book)
		check_body(&w, src);
	buf_release(&w.all);
	free(w.chunks);

	if (w.measure && cfg->min_band >= 0) {
		double score;

		if (rd_score(&w.rd.stats, w.rd.lang, &score) == 0 &&
		    (int)rd_band_of(score) > cfg->min_band) {
			const struct ynode *t = ymap_get(a->fm.root, "title");

			diag(d, R_READABILITY, w.m->path, t ? t->line : 0,
			     t ? t->col : 0, t ? "/title" : NULL,
			     "hard to read: score %.1f is '%s', below min_band '%s' (%s)",
			     score, rd_band_name(rd_band_of(score)),
			     rd_band_name((enum rd_band)cfg->min_band),
			     rd_formula(w.rd.lang));
		}
	}
	if (w.book && a->fm.root) {
		check_field(&w, a->fm.root, "title", SCOPE_TITLE);
		check_field(&w, a->fm.root, "summary", SCOPE_SUMMARY);
	}
}

void house_setup(struct house *h, struct corpus *c, struct diag_list *diags)
{
	const struct config *cfg = &c->cfg;
	size_t i;
	int any = 0;

	memset(h, 0, sizeof(*h));
	h->c = c;
	h->books = xcalloc(cfg->nlang ? cfg->nlang : 1, sizeof(*h->books));
	for (i = 0; i < cfg->nlang; i++) {
		struct buf rel = BUF_INIT;
		char *path;
		int rc;

		buf_addf(&rel, "_style/%s.yaml", cfg->languages[i]);
		path = corpus_path(c, rel.buf);
		rc = style_load(&h->books[i], path, diags);
		h->nfiles += rc <= 0;
		any |= h->books[i].n > 0;
		free(path);
		buf_release(&rel);
	}
	if (any || cfg->max_sentence_words || cfg->min_band >= 0) {
		c->body_walk = house_body;
		c->body_ctx = h;
	}
}

void house_release(struct house *h)
{
	size_t i;

	if (!h->books)
		return;
	for (i = 0; i < h->c->cfg.nlang; i++)
		style_release(&h->books[i]);
	free(h->books);
	h->books = NULL;
}
