/*
 * export_index.c - each language's index page (an e-book's table of
 * contents reads the same entries): the titles' sort keys, the order of
 * sections and titles, the index data, and the index files, written by
 * job 0 of the first pass beside the pages and put in place at the end,
 * or made again when a body failed since.
 */
#include "export_int.h"
#include "atomic.h"
#include "collate.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- the index pages ---- */

/* stylesheet, index_href, index_title: shared by pages and indexes. */
void export_index_links(struct pg *p, struct ynode *d)
{
	const struct export_format *f = p->x->f;
	struct arena *page = p->a;

	/* the same on every page of the run: made once per worker */
	if (!p->stylesheet) {
		struct ynode *m = ynode_new(page, Y_MAP);

		p->a = &p->kept_arena;
		if (f->stylesheet) {
			buf_reset(&p->t2);
			if (!f->style_per_lang)
				buf_adds(&p->t2, "../");
			buf_adds(&p->t2, f->stylesheet);
			pg_set_url(p, m, "stylesheet", p->t2.buf, p->t2.len);
		} else {
			pg_set_null(p, m, "stylesheet");
		}
		if (f->index_file)
			pg_set_url(p, m, "index_href", f->index_file,
				   strlen(f->index_file));
		else
			pg_set_null(p, m, "index_href");
		p->a = page;
		p->stylesheet = m->pairs[0].value;
		p->index_href = m->pairs[1].value;
	}
	pg_map_add(p, d, "stylesheet", p->stylesheet);
	pg_map_add(p, d, "index_href", p->index_href);
	pg_set_label(p, d, L_INDEX);
}

/* A sort key that ignores case, accents and punctuation, the same in
 * any locale, with lang's own letters in their place (collate.h). */
char *export_sort_key(const char *s, const char *lang)
{
	char *k = collate_key(s, lang);

	/* kept for every published article until the books are made: no
	 * more room than the key */
	return xrealloc(k, strlen(k) + 1);
}

static int cmp_entry(const void *va, const void *vb)
{
	const struct entry *a = va, *b = vb;
	int r;

	if (a->section != b->section)
		return a->section < b->section ? -1 : 1;
	if (a->section_id && b->section_id &&
	    (r = strcmp(a->section_id, b->section_id)) != 0)
		return r;
	if ((r = strcmp(a->key, b->key)) != 0)
		return r;
	return a->art < b->art ? -1 : a->art > b->art;
}

/*
 * Sections come in the order of the source catalog's `sections` (the
 * editors' order), then unknown sections by id, then articles without a
 * section.
 */
static long section_rank(const struct export *x, const char *id)
{
	const struct ynode *s = ymap_get(export_cat_root(x, x->src), "sections");
	size_t i;

	if (!id)
		return LONG_MAX;
	for (i = 0; s && s->type == Y_MAP && i < s->n; i++)
		if (!strcmp(s->pairs[i].key->str, id))
			return (long)i;
	return LONG_MAX - 1;
}

/*
 * The articles of a language in the order of its index (and of an EPUB's
 * table of contents and spine): by section, then by title.  An EPUB's
 * index lists only the pages of its book.  Returns the entries (the
 * caller frees them with free()), *n their number.
 */
struct entry *export_lang_entries(const struct export *x, size_t lang,
				  size_t *n)
{
	const struct corpus *c = &x->c;
	struct entry *v = xcalloc(c->n + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < c->n; i++) {
		if (!x->pub[i] || (size_t)x->lix[i] != lang ||
		    (x->f->book && !export_reported(x, i)))
			continue;
		v[*n].art = i;
		v[*n].section = section_rank(x, c->articles[i].section);
		v[*n].section_id = c->articles[i].section;
		v[*n].key = x->title_key[i];
		(*n)++;
	}
	qsort(v, *n, sizeof(*v), cmp_entry);
	return v;
}

/*
 * Whether language k's index is there to link to: the language is not
 * held back (a catalog with errors), or its index is in the output
 * directory from an earlier run, which the held language keeps.
 */
static int index_there(const struct export *x, size_t k)
{
	struct buf path = BUF_INIT;
	int there;

	if (!x->langs[k].held || x->f->book || x->f->web_links)
		return 1;
	buf_addf(&path, "%s/%s/%s%s", x->outdir_abs, x->langs[k].code,
		 x->f->page_dir, x->f->index_file);
	there = access(path.buf, F_OK) == 0;
	buf_release(&path);
	return there;
}

/*
 * The other languages' indexes, as alternates (hreflang, x-default for
 * the source language's) and as a language menu.
 */
static void index_languages(struct pg *p, struct ynode *alts,
			    struct ynode *langs)
{
	const struct export *x = p->x;
	const struct corpus *c = &x->c;
	const char *f_index = x->f->index_file;
	size_t k;

	for (k = 0; k < c->cfg.nlang; k++) {
		struct ynode *item;

		if (!x->langs[k].npub || !index_there(x, k))
			continue;
		buf_reset(&p->t2);
		if (c->cfg.base_url)
			buf_addf(&p->t2, "%s%s/%s", c->cfg.base_url,
				 x->langs[k].code, f_index);
		else if (k == p->lang)
			buf_adds(&p->t2, f_index);
		else
			buf_addf(&p->t2, "../%s/%s", x->langs[k].code, f_index);
		item = ynode_new(p->a, Y_MAP);
		pg_set_cstr(p, item, "hreflang", x->langs[k].code);
		pg_set_url(p, item, "href", p->t2.buf, p->t2.len);
		pg_set_bool(p, item, "self", k == p->lang);
		yseq_add(p->a, alts, item);
		if (k == x->src) {
			item = ynode_new(p->a, Y_MAP);
			pg_set_cstr(p, item, "hreflang", "x-default");
			pg_set_url(p, item, "href", p->t2.buf, p->t2.len);
			pg_set_bool(p, item, "self", k == p->lang);
			yseq_add(p->a, alts, item);
		}
		item = ynode_new(p->a, Y_MAP);
		pg_set_cstr(p, item, "lang", x->langs[k].code);
		pg_set_cstr(p, item, "dir", x->langs[k].rtl ? "rtl" : "ltr");
		pg_map_add(p, item, "name", x->langs[p->lang].name[k]);
		pg_map_add(p, item, "autonym", x->langs[k].autonym);
		pg_set_cstr(p, item, "autonym_lang",
			 x->langs[x->langs[k].autonym_lang].code);
		pg_set_cstr(p, item, "autonym_dir",
			 x->langs[x->langs[k].autonym_lang].rtl ? "rtl" : "ltr");
		buf_reset(&p->t2);
		if (k == p->lang)
			buf_adds(&p->t2, f_index);
		else
			buf_addf(&p->t2, "../%s/%s", x->langs[k].code, f_index);
		pg_set_url(p, item, "href", p->t2.buf, p->t2.len);
		pg_set_bool(p, item, "self", k == p->lang);
		yseq_add(p->a, langs, item);
	}
}

/*
 * The index's entries, grouped by section in the order of
 * export_lang_entries(), into sections.  Returns how many.
 */
static size_t index_sections(struct pg *p, struct ynode *sections)
{
	const struct export *x = p->x;
	const struct corpus *c = &x->c;
	struct ynode *cur = NULL, *arts = NULL;
	struct entry *v;
	size_t i, n = 0;

	v = export_lang_entries(x, p->lang, &n);
	for (i = 0; i < n; i++) {
		const struct article_meta *m = &c->articles[v[i].art];
		struct ynode *item;

		if (!cur || (i && (v[i].section != v[i - 1].section ||
				   (m->section && v[i - 1].section_id &&
				    strcmp(m->section, v[i - 1].section_id))))) {
			const char *label = m->section ?
				export_cat_sub(x, p->lang, "sections", m->section) : NULL;

			cur = ynode_new(p->a, Y_MAP);
			if (m->section) {
				pg_set_cstr(p, cur, "id", m->section);
				pg_set_text(p, cur, "label", label ? label : m->section);
			} else {
				pg_set_null(p, cur, "id");
				pg_set_null(p, cur, "label");
			}
			arts = ynode_new(p->a, Y_SEQ);
			pg_map_add(p, cur, "articles", arts);
			yseq_add(p->a, sections, cur);
		}
		item = ynode_new(p->a, Y_MAP);
		pg_set_cstr(p, item, "id", m->id);
		pg_set_text(p, item, "title", m->title ? m->title : m->id);
		if (m->summary)
			pg_set_text(p, item, "summary", m->summary);
		else
			pg_set_null(p, item, "summary");
		buf_reset(&p->t2);
		export_href_to(x, p->lang, v[i].art, !x->f->text, &p->t2);
		pg_set_str(p, item, "href", p->t2.buf, p->t2.len);
		pg_set_bool(p, item, "stale", export_is_stale(x, v[i].art));
		yseq_add(p->a, arts, item);
	}
	free(v);
	return n;
}

static struct ynode *index_data(struct pg *p)
{
	const struct export *x = p->x;
	const struct corpus *c = &x->c;
	struct ynode *d = ynode_new(p->a, Y_MAP);
	struct ynode *alts = ynode_new(p->a, Y_SEQ);
	struct ynode *langs = ynode_new(p->a, Y_SEQ);
	struct ynode *sections = ynode_new(p->a, Y_SEQ);
	size_t n;
	const char *f_index = x->f->index_file;

	pg_set_lang_attrs(p, d);
	{
		enum typo_lang tl;
		const char *s = export_cat_str_typo(x, p->lang, "index_title", &tl);

		pg_set_text_typo(p, d, "title", s, tl);
	}
	buf_reset(&p->t2);
	if (c->cfg.base_url)
		buf_addf(&p->t2, "%s%s/%s", c->cfg.base_url,
			 x->langs[p->lang].code, f_index);
	else
		buf_adds(&p->t2, f_index);
	pg_set_url(p, d, "canonical", p->t2.buf, p->t2.len);
	export_index_links(p, d);

	index_languages(p, alts, langs);
	pg_map_add(p, d, "alternates", alts);
	pg_map_add(p, d, "languages", langs);

	n = index_sections(p, sections);
	pg_map_add(p, d, "sections", sections);
	pg_set_bool(p, d, "has_articles", n > 0);
	pg_map_add(p, d, "strings", x->langs[p->lang].strings);
	return d;
}

/*
 * The index page of every language that has one.  wrote[k] (or NULL)
 * holds what an earlier call of the run did with language k's, and gets
 * what this one did: a page it wrote stays "written" when found up to
 * date now.  defer (or NULL): an index replacing another is left in
 * defer[k] (export_write_file_defer()).
 */
static void write_indexes(struct export *x, struct diag_list *d,
			  struct export_result *r, enum write_result *wrote,
			  struct buf *defer)
{
	struct scratch sc;
	size_t k;

	if (!x->index_t)
		return;
	memset(&sc, 0, sizeof(sc));
	buf_init(&sc.page);
	for (k = 0; k < x->c.cfg.nlang; k++) {
		struct xlang *L = &x->langs[k];
		struct ynode *data;

		if (!L->dir || !L->has_pages)
			continue;
		sc.pg.x = x;
		sc.pg.lang = k;
		sc.pg.rtl = L->rtl;
		sc.pg.a = &sc.arena;
		data = index_data(&sc.pg);
		buf_reset(&sc.page);
		int rc_t = mustache_render(x->index_t, data, export_partial, x,
					   &sc.page);

		if (rc_t < 0) {
			diag(d, R_TEMPLATE, export_tpl_find(x, x->f->index_template)->file,
			     0, 0, NULL, "%s", mustache_runaway_msg(rc_t));
			r->usage_error = 1;
		} else {
			enum write_result w;

			w = export_write_file_defer(x, L->dir, export_lang_how(L),
					     x->f->index_file, sc.page.buf,
					     sc.page.len,
					     defer ? &defer[k] : NULL, d);

			if (wrote && wrote[k] == WRITE_DONE && w == WRITE_SAME)
				w = WRITE_DONE;
			if (wrote)
				wrote[k] = w;
			export_count_write(r, w);
		}
		arena_release(&sc.arena);
	}
	buf_release(&sc.page);
	pg_release(&sc.pg);
}

/*
 * After a body failed, what export_index_job() wrote lists pages that were not
 * written: an index waiting to replace another is given up (it was never
 * seen), and one written in a new directory goes when its language has
 * no index now (all its articles failed).
 */
static void drop_indexes(struct export *x, enum write_result *wrote,
			 struct buf *tmp)
{
	struct buf path = BUF_INIT;
	size_t k;

	for (k = 0; x->index_t && k < x->c.cfg.nlang; k++) {
		const struct xlang *L = &x->langs[k];

		if (tmp[k].len) {
			unlink(tmp[k].buf);
			buf_reset(&tmp[k]);
			wrote[k] = WRITE_FAILED;
		}
		if (wrote[k] != WRITE_DONE || (L->dir && L->has_pages))
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/%s", L->dir, x->f->index_file);
		unlink(path.buf);
		wrote[k] = WRITE_FAILED;
	}
	buf_release(&path);
}

/* No body failed: the indexes that export_index_job() left waiting go in place. */
static void commit_indexes(struct export *x, struct buf *tmp,
			   struct diag_list *d, struct export_result *r)
{
	struct buf path = BUF_INIT;
	size_t k;

	for (k = 0; x->index_t && k < x->c.cfg.nlang; k++) {
		if (!tmp[k].len)
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/%s", x->langs[k].dir, x->f->index_file);
		if (atomic_commit(tmp[k].buf, path.buf) < 0) {
			diag(d, R_WRITE, path.buf, 0, 0, NULL,
			     "cannot write: %s", errmsg(errno));
			r->written--;
			r->write_error = 1;
		}
		buf_reset(&tmp[k]);
	}
	buf_release(&path);
}

/*
 * Job 0 of the first pass (run.indexes): the sort keys of the publishable
 * articles' titles, which indexes and tables of contents are ordered by
 * (Unicode case folding: costly enough to be done beside the pages, not
 * before them), then the index pages.
 */
void export_index_job(struct run *run)
{
	struct export *x = run->x;
	size_t i;

	for (i = 0; i < x->c.n; i++)
		if (x->pub[i])
			x->title_key[i] = export_sort_key(x->c.articles[i].title,
							  x->c.articles[i].lang);
	write_indexes(x, &run->index_d, &run->index_r, run->index_wrote,
		      run->index_tmp);
}

/*
 * The indexes: those job 0 wrote in the first pass put in place, or,
 * when a body failed since, made again without its article.
 */
void export_finish_indexes(struct run *run, struct diag_list *all,
			   struct export_result *r)
{
	struct export *x = run->x;

	if (run->late) {
		/* the first pass's indexes list articles that failed since */
		export_lang_counts(x);
		drop_indexes(x, run->index_wrote, run->index_tmp);
		write_indexes(x, all, r, run->index_wrote, NULL);
	} else {
		diag_list_append(all, &run->index_d);
		r->written += run->index_r.written;
		r->unchanged += run->index_r.unchanged;
		r->write_error |= run->index_r.write_error;
		r->usage_error |= run->index_r.usage_error;
		commit_indexes(x, run->index_tmp, all, r);
	}
}
