/*
 * export_select.c - which articles a run exports and reports on: the
 * publishable ones (not a draft left out, no error, a slug that can name
 * a page and is the only one of its language), the id table links
 * resolve through, and which diagnostics the user sees.
 */
#include "export_int.h"
#include "integrity.h"
#include "pool.h"
#include "slugs.h"
#include "util.h"

#include <stdlib.h>

/* ---- the id table ---- */

const struct xid *export_id_find(const struct export *x, const char *id,
				 size_t n)
{
	long slot = x->ids ? corpus_id_slot(&x->c, id, n) : -1;

	return slot >= 0 && x->ids[slot].id ? &x->ids[slot] : NULL;
}

void export_build_ids(struct export *x)
{
	struct corpus *c = &x->c;
	size_t i, k, nl = c->cfg.nlang, used = 0, nids = 0;

	/* one entry per slot of the corpus's table of ids; a row of
	 * by_lang_pool per id */
	x->ids = xcalloc(c->groups_cap + 1, sizeof(*x->ids));
	for (i = 0; i < c->groups_cap; i++)
		nids += c->groups[i].id != NULL;
	x->by_lang_pool = xmalloc((nids + 1) * (nl ? nl : 1) * sizeof(long));
	for (i = 0; i < c->n; i++) {
		const struct article_meta *m = &c->articles[i];
		long slot = m->id ? corpus_id_slot(c, m->id, strlen(m->id)) : -1;
		struct xid *e;

		if (slot < 0)	/* no id (every id has its slot) */
			continue;
		e = &x->ids[slot];
		if (!e->id) {
			e->id = m->id;
			e->orig = -1;
			e->by_lang = x->by_lang_pool + used * nl;
			used++;
			for (k = 0; k < nl; k++)
				e->by_lang[k] = -1;
		}
		if (!m->translated && e->orig < 0)
			e->orig = (long)i;
		if (x->pub[i] && e->by_lang[x->lix[i]] < 0)
			e->by_lang[x->lix[i]] = (long)i;
	}
	/* a page shows the staleness of each of its versions: once each */
	free(x->stale);
	x->stale = xcalloc(c->n + 1, 1);
	for (i = 0; i < c->n; i++) {
		const struct article_meta *m = &c->articles[i];
		const struct xid *e;

		if (!m->translated || !m->id)
			continue;
		e = export_id_find(x, m->id, strlen(m->id));
		/* by its base when it has one, not for an editorial change */
		x->stale[i] = e && e->orig >= 0 &&
			      integrity_stale_notice(c, &c->articles[e->orig], m);
	}
}

/* ---- which articles ---- */

static void check_slug(struct export *x, size_t i, struct diag_list *d)
{
	const struct article_meta *m = &x->c.articles[i];
	struct buf why = BUF_INIT;
	struct pos p;

	if (slug_check(x->slug[i], x->f->index_file, &why) < 0) {
		x->pub[i] = 0;
		p = m->slug ? slug_pos(m) : m->id_pos;
		diag(d, R_SLUG, m->path, p.line, p.col, "/slug", "slug '%s' %s",
		     x->slug[i], why.buf);
	}
	buf_release(&why);
}

/*
 * Which articles may be published, PUBLISH_SPAN of them a job: each one's
 * language, whether it is usable and not a draft left out, its slug (and
 * the same escaped), and whether that slug can name a page.  What an
 * article is told is its own; the slugs that clash come after.
 */
#define PUBLISH_SPAN 256

struct publish {
	struct export *x;
	struct diag_list *lists;	/* one per span */
};

static void publish_span(void *ctx, size_t span, int worker)
{
	struct publish *pb = ctx;
	struct export *x = pb->x;
	const struct corpus *c = &x->c;
	size_t i, end = (span + 1) * PUBLISH_SPAN;

	(void)worker;
	for (i = span * PUBLISH_SPAN; i < c->n && i < end; i++) {
		const struct article_meta *m = &c->articles[i];

		x->lix[i] = config_lang(&c->cfg, m->lang);
		if (!m->usable || !m->id || x->lix[i] < 0 || m->errors)
			continue;
		if (m->status != STATUS_PUBLISHED && !x->o->include_drafts)
			continue;
		x->slug[i] = m->slug ? m->slug : m->id;
		x->slug_esc[i] = export_url_escaped(x->slug[i]);
		x->pub[i] = 1;
		check_slug(x, i, &pb->lists[span]);
	}
}

/* An article's slug, for sorting a language's. */
struct slug_entry {
	const char *slug;
	size_t art;
};

/* By slug without regard to ASCII case, then in the articles' order. */
static int cmp_slug(const void *va, const void *vb)
{
	const struct slug_entry *a = va, *b = vb;
	int r = ascii_casecmp(a->slug, b->slug);

	if (r)
		return r;
	return a->art < b->art ? -1 : a->art > b->art;
}

/* Does any slug of a language stand twice, without regard to ASCII case? */
static int any_slug_clash(const struct export *x)
{
	const struct corpus *c = &x->c;
	size_t i, cap = 16, mask, *slot;
	int found = 0;

	while (cap < c->n * 2 + 2)
		cap *= 2;
	mask = cap - 1;
	slot = xcalloc(cap, sizeof(*slot));	/* article + 1, or 0 */
	for (i = 0; i < c->n && !found; i++) {
		const unsigned char *s = (const unsigned char *)x->slug[i];
		size_t h = 2166136261u + (size_t)x->lix[i], k;

		if (!x->pub[i])
			continue;
		for (; *s; s++)
			h = (h ^ (*s >= 'A' && *s <= 'Z' ? *s + 32u : *s)) * 16777619u;
		for (k = h & mask; slot[k]; k = (k + 1) & mask) {
			size_t o = slot[k] - 1;

			if (x->lix[o] == x->lix[i] &&
			    !ascii_casecmp(x->slug[o], x->slug[i])) {
				found = 1;
				break;
			}
		}
		slot[k] = i + 1;
	}
	free(slot);
	return found;
}

/*
 * Two publishable articles of one language with the same slug would write
 * one file: both are refused.  Compared without ASCII case, because the
 * pages may be served from a case-insensitive file system.
 */
static void check_slug_clashes(struct export *x, struct diag_list *d)
{
	struct corpus *c = &x->c;
	size_t i, j, t, n, k;
	struct slug_entry *v;
	unsigned char *clash;

	/* the common case, no clash, in one pass: the sort only to report */
	if (!any_slug_clash(x))
		return;
	v = xcalloc(c->n + 1, sizeof(*v));
	clash = xcalloc(c->n + 1, 1);

	for (k = 0; k < c->cfg.nlang; k++) {
		n = 0;
		for (i = 0; i < c->n; i++) {
			if (!x->pub[i] || (size_t)x->lix[i] != k)
				continue;
			v[n].slug = x->slug[i];
			v[n++].art = i;
		}
		qsort(v, n, sizeof(*v), cmp_slug);
		for (i = 0; i < n; i = j) {
			/* v[i..j) share one slug */
			for (j = i + 1; j < n && !ascii_casecmp(v[i].slug,
								v[j].slug); j++)
				;
			for (t = i; j - i > 1 && t < j; t++) {
				const struct article_meta *m = &c->articles[v[t].art];
				const struct article_meta *o =
					&c->articles[v[t == i ? i + 1 : i].art];
				struct pos p = m->slug ? slug_pos(m) : m->id_pos;

				clash[v[t].art] = 1;
				diag(d, R_SLUG, m->path, p.line, p.col, "/slug",
				     "slug '%s' is also the slug of '%s' in '%s': "
				     "both would write one file", v[t].slug,
				     o->path, x->langs[k].code);
			}
		}
	}
	for (i = 0; i < c->n; i++)
		if (clash[i])
			x->pub[i] = 0;
	free(v);
	free(clash);
}

/*
 * The article whose reported path is path, or -1.  Articles are sorted by
 * relpath, and every path is the same root prefix before it.
 */
long export_article_by_path(const struct corpus *c, const char *path)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->articles[mid].path, path);

		if (!r)
			return (long)mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * An article this run reports on that is not exported because of errors
 * shows them, unless folio.yaml silences them (`rules: {frontmatter:
 * off}` on a file with no frontmatter): then the summary's "skipped
 * because of errors" would stand with no error printed.  Such an
 * article is named, with why.
 */
static void name_silenced(const struct export *x, struct diag_list *kept)
{
	const struct corpus *c = &x->c;
	unsigned char *shown = xcalloc(c->n + 1, 1);
	size_t i;

	for (i = 0; i < kept->n; i++) {
		long j;

		if (kept->v[i].severity == SEV_ERROR && kept->v[i].file &&
		    (j = export_article_by_path(c, kept->v[i].file)) >= 0)
			shown[j] = 1;
	}
	for (i = 0; i < c->n; i++)
		if (!x->pub[i] && !shown[i] && export_reported(x, i))
			diag(kept, R_IGNORE, c->articles[i].path, 0, 0, NULL,
			     "not exported: its errors are silenced by "
			     "'rules' or 'ignore' in folio.yaml");
	free(shown);
}

/*
 * Which diagnostics the user sees: errors only (export is not validate),
 * and of articles only those this run is about (selected, in a wanted
 * language, not a skipped draft).
 */
void export_keep_diags(const struct export *x, struct diag_list *all,
		       struct diag_list *d)
{
	const struct corpus *c = &x->c;
	struct diag_list kept = DIAG_LIST_INIT;
	size_t i;

	for (i = 0; i < all->n; i++) {
		struct diag *g = &all->v[i];
		long j = g->file ? export_article_by_path(c, g->file) : -1;
		/* warnings are validate's, but those of the run's config and
		 * templates and what became of a book's links or of links to
		 * unpublished articles */
		int show = g->severity == SEV_ERROR || g->rule == R_CONFIG ||
			   g->rule == R_BOOK_LINK || g->rule == R_TEMPLATE ||
			   g->rule == R_UNPUBLISHED;

		if (show && j >= 0) {
			const struct article_meta *m = &c->articles[j];
			int k = x->lix[j];

			show = c->selected[j] && (k < 0 || x->langs[k].wanted) &&
			       (m->status == STATUS_PUBLISHED || x->o->include_drafts);
		}
		if (show) {
			GROW(kept.v, kept.alloc, kept.n + 1);
			kept.v[kept.n++] = *g;
		} else {
			free(g->file);
			free(g->message);
			free(g->pointer);
		}
	}
	free(all->v);
	all->v = NULL;
	all->n = all->alloc = 0;
	name_silenced(x, &kept);
	diag_list_append(d, &kept);
	diag_list_release(&kept);
}

/* Is article i one this run reports on (SPEC 4: PATHs, --lang, drafts)? */
int export_reported(const struct export *x, size_t i)
{
	const struct article_meta *m = &x->c.articles[i];
	int k = x->lix[i];

	return x->c.selected[i] && (k < 0 || x->langs[k].wanted) &&
	       (m->status == STATUS_PUBLISHED || x->o->include_drafts);
}

/*
 * Which articles are published, with their slugs (told in the order of
 * the articles, for any -j), and the id table links resolve through.
 */
void export_select_articles(struct export *x, struct diag_list *all, int nsc)
{
	struct corpus *c = &x->c;
	struct publish pb;
	size_t i, n = (c->n + PUBLISH_SPAN - 1) / PUBLISH_SPAN;

	x->lix = xcalloc(c->n + 1, sizeof(*x->lix));
	x->pub = xcalloc(c->n + 1, 1);
	x->slug = xcalloc(c->n + 1, sizeof(*x->slug));
	x->slug_esc = xcalloc(c->n + 1, sizeof(*x->slug_esc));
	pb.x = x;
	pb.lists = xcalloc(n + 1, sizeof(*pb.lists));
	pool_run(nsc, n, publish_span, &pb);
	/* in the order of the articles: the same report for any -j */
	for (i = 0; i < n; i++)
		diag_list_append(all, &pb.lists[i]);
	free(pb.lists);
	check_slug_clashes(x, all);
	if (c->cfg.base_url)
		x->base_esc = export_url_escaped(c->cfg.base_url);
	export_build_ids(x);
	export_unpublished_refs(x, all);
}
