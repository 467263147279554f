/*
 * export_links.c - what a page's links lead to beyond the renderer's own
 * rules (SPEC 8, 8.2): links to an article's Markdown file ("../b/fr.md")
 * made links to its page, and an e-book's links to #fragments of its
 * other pages checked once every page of the book is rendered.
 */
#include "export_int.h"
#include "buf.h"
#include "corpus.h"
#include "diag.h"
#include "markdown.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * An e-book page's link to a #fragment of another page of the same book
 * (article:b#dose, or ../b/fr.md#dose): the first pass keeps each with
 * where it is written; once every page of the book has given its
 * headings' ids, export_xfrags_check() marks those the other page has no
 * heading for (epubcheck refuses them), and the page is rendered again
 * with them leading to the top of that page.
 */
struct xfrag {
	size_t to;		/* the article linked to */
	char *frag;		/* without its '#' (owned) */
	struct pos pos;		/* where the link is written */
	int drop;		/* no heading of that page has it */
};

/* Is article t's page in the book of language from? */
static int in_book(const struct export *x, size_t from, size_t t)
{
	return x->f->book && x->lix[t] >= 0 && (size_t)x->lix[t] == from &&
	       x->pub[t] && export_reported(x, t);
}

/*
 * ic's page links to #frag[0..n) of article t: kept by the first render
 * of the first pass; in a later render, -1 when export_xfrags_check() found
 * that t has no such heading (the link then leads to t's top).
 */
static int xfrag_link(struct image_ctx *ic, size_t t, const char *frag,
		      size_t n)
{
	struct job *j = ic->j;
	struct xfrag *f;
	size_t k;

	if (!in_book(ic->x, (size_t)ic->x->lix[ic->art], t))
		return 0;
	if (ic->chk) {
		GROW(j->xfrags, j->axfrags, j->nxfrags + 1);
		f = &j->xfrags[j->nxfrags++];
		f->to = t;
		f->frag = xstrndup(frag, n);
		f->pos = md_check_span_pos(ic->chk);
		f->drop = 0;
		return 0;
	}
	for (k = 0; k < j->nxfrags; k++) {
		f = &j->xfrags[k];
		if (f->drop && f->to == t && memeq(frag, n, f->frag))
			return -1;
	}
	return 0;
}

/* render_fragment_fn of an e-book page: of the article resolve() found. */
int export_book_fragment(void *vctx, const char *frag, size_t n)
{
	struct image_ctx *ic = vctx;

	if (ic->rc->last == SIZE_MAX)
		return 0;
	return xfrag_link(ic, ic->rc->last, frag, n);
}

/*
 * After the first pass, when every page of the book has been rendered and
 * has given its headings' ids: the links to a heading the other page does
 * not have, each reported at its line and marked to drop.  Returns how
 * many pages are to be rendered again.
 */
size_t export_xfrags_check(const struct export *x, struct job *jobs,
			   size_t njobs)
{
	size_t i, k, l, redo = 0;
	uint64_t key;

	for (i = 0; i < njobs; i++) {
		struct job *j = &jobs[i];
		const struct article_meta *m = &x->c.articles[j->art];

		for (k = 0; !j->failed && k < j->nxfrags; k++) {
			struct xfrag *f = &j->xfrags[k];
			const struct article_meta *t = &x->c.articles[f->to];

			if (!t->ids_known)
				continue;	/* not rendered: not known */
			key = md_id_key(f->frag, strlen(f->frag));
			for (l = 0; l < t->nids && t->ids[l] != key; l++)
				;
			if (l < t->nids)
				continue;
			f->drop = 1;
			j->redo = 1;
			if (!j->xd) {
				j->xd = xcalloc(1, sizeof(*j->xd));
				memcpy(j->xd->ignored, x->c.cfg.ignore,
				       sizeof(j->xd->ignored));
			}
			diag(j->xd, R_BOOK_LINK, m->path, f->pos.line,
			     f->pos.col, NULL, "a link to a heading 'article:%s' "
			     "does not have: it leads to the top of that page: "
			     "'#%s'", t->id, f->frag);
		}
		redo += j->redo;
	}
	return redo;
}

void export_xfrags_free(struct job *j)
{
	size_t k;

	for (k = 0; k < j->nxfrags; k++)
		free(j->xfrags[k].frag);
	free(j->xfrags);
	j->xfrags = NULL;
	j->nxfrags = j->axfrags = 0;
	j->redo = 0;
	if (j->xd) {
		diag_list_release(j->xd);
		free(j->xd);
		j->xd = NULL;
	}
}

/*
 * Append to out the path of link dest[0..n), relative to file's
 * directory, percent-decoded and with its "." and ".." steps taken, as
 * the corpus's paths are written.  Returns -1 when it leaves the
 * corpus's top or holds a NUL.
 */
static int link_path(const char *file, const char *dest, size_t n,
		     struct buf *out)
{
	const char *slash = strrchr(file, '/');
	struct buf raw = BUF_INIT;
	size_t i, start, keep;
	int ok = 0;

	if (slash)
		buf_add(&raw, file, (size_t)(slash - file + 1));
	md_path_decode(&raw, dest, n);
	if (memchr(raw.buf, '\0', raw.len))
		ok = -1;
	for (start = 0; !ok && start < raw.len; start = i + 1) {
		for (i = start; i < raw.len && raw.buf[i] != '/'; i++)
			;
		if (i == start || memeq(raw.buf + start, i - start, "."))
			continue;
		if (memeq(raw.buf + start, i - start, "..")) {
			/* back one step, not above the top */
			for (keep = out->len; keep > 0 && out->buf[keep - 1] != '/'; keep--)
				;
			if (!out->len || memeq(out->buf + keep,
					       out->len - keep, "..")) {
				ok = -1;
				break;
			}
			out->len = keep ? keep - 1 : 0;
			out->buf[out->len] = '\0';
			continue;
		}
		if (out->len)
			buf_addc(out, '/');
		buf_add(out, raw.buf + start, i - start);
	}
	buf_release(&raw);
	return ok;
}

/* Is s[0..n) a relative path to a Markdown file ("../b/fr.md")? */
static int is_md_path(const char *s, size_t n)
{
	return n >= 4 && s[n - 3] == '.' && (s[n - 2] | 0x20) == 'm' &&
	       (s[n - 1] | 0x20) == 'd' && s[0] != '/' && !memchr(s, ':', n);
}

/*
 * The article whose file link dest[0..n) from article `from` names
 * ("../b/fr.md"), or SIZE_MAX: the corpus lays an article out as
 * ID/LANG.md, so its directory and name find it, and the paths compared
 * say it is that file.
 */
static size_t article_of_link(const struct export *x, size_t from,
			      const char *dest, size_t n)
{
	const struct article_meta *m = &x->c.articles[from], *t;
	struct buf want = BUF_INIT, have = BUF_INIT, id = BUF_INIT,
		   lang = BUF_INIT;
	size_t found = SIZE_MAX;
	const char *base, *dir;

	if (link_path(m->path, dest, n, &want) < 0 || want.len < 4)
		goto out;
	base = strrchr(want.buf, '/');
	if (!base)
		goto out;
	for (dir = base; dir > want.buf && dir[-1] != '/'; dir--)
		;
	buf_add(&id, dir, (size_t)(base - dir));
	buf_add(&lang, base + 1, want.len - (size_t)(base + 1 - want.buf) - 3);
	t = corpus_find(&x->c, id.buf, lang.buf);
	if (t && link_path("", t->path, strlen(t->path), &have) == 0 &&
	    !strcmp(have.buf, want.buf))
		found = (size_t)(t - x->c.articles);
out:
	buf_release(&want);
	buf_release(&have);
	buf_release(&id);
	buf_release(&lang);
	return found;
}

/*
 * A relative link to an article's Markdown file ("../b/fr.md#dose", as
 * editors preview the corpus): the link to that article's page in the
 * file's language, as article:b would lead there, its #fragment kept; its
 * text alone when that page is not published (never the source).
 * Returns 0 (href replaced), -1 (its text alone) or 1: not an article's
 * file.
 */
int export_source_link(struct image_ctx *ic, struct buf *href)
{
	const struct export *x = ic->x;
	size_t n, t, from = (size_t)x->lix[ic->art];
	struct buf url = BUF_INIT;
	int r = -1;

	for (n = 0; n < href->len && href->buf[n] != '?' &&
	     href->buf[n] != '#'; n++)
		;
	if (!is_md_path(href->buf, n))
		return 1;
	t = article_of_link(x, ic->art, href->buf, n);
	if (t == SIZE_MAX)
		return 1;
	if (x->pub[t] && export_href_to(x, from, t, 0, &url) == 0) {
		r = 0;
		if (n + 1 < href->len && href->buf[n] == '#' &&
		    xfrag_link(ic, t, href->buf + n + 1, href->len - n - 1) < 0)
			n = href->len;	/* to the page's top */
		buf_add(&url, href->buf + n, href->len - n);
		buf_reset(href);
		buf_add(href, url.buf, url.len);
	}
	buf_release(&url);
	return r;
}

/*
 * render_link_fn of a text page: a link to an article's Markdown file is
 * its text alone, as an article: link is there (a path to the source
 * means nothing on paper).
 */
int export_text_link(void *vctx, struct buf *href)
{
	struct image_ctx *ic = vctx;
	size_t n;

	for (n = 0; n < href->len && href->buf[n] != '?' &&
	     href->buf[n] != '#'; n++)
		;
	if (!is_md_path(href->buf, n))
		return 0;
	return article_of_link(ic->x, ic->art, href->buf, n) == SIZE_MAX ? 0 : -1;
}

/*
 * Links to an article that is not published (SPEC 8, 8.1): validate
 * takes a link to a draft for one that will be published with it, but
 * the page export writes shows its text alone, leaves it out of further
 * reading, or gives its stale notice no link to the original.  Each is
 * told where it is written, as a warning: the corpus may be right.
 */

/* Is t left out of this run for its status alone (draft, review)? */
static int held_back(const struct export *x, const struct article_meta *t)
{
	return t->status != STATUS_PUBLISHED && !x->o->include_drafts;
}

/*
 * The article that article:id from a page of language lang would lead
 * to but for its status, when it leads nowhere: its version in lang,
 * else its original (SPEC 8).  NULL when the link has a page to lead
 * to, names no article, or leads nowhere for another reason (errors).
 */
static const struct article_meta *unpublished(const struct export *x,
					      const char *id, size_t lang)
{
	const struct xid *e = export_id_find(x, id, strlen(id));
	const struct article_meta *t;

	if (!e || e->by_lang[lang] >= 0 || (e->orig >= 0 && x->pub[e->orig]))
		return NULL;
	t = corpus_find(&x->c, id, x->langs[lang].code);
	if (t && held_back(x, t))
		return t;
	if (e->orig >= 0 && held_back(x, &x->c.articles[e->orig]))
		return &x->c.articles[e->orig];
	return NULL;
}

void export_unpublished_link(const struct export *x,
			     const struct article_meta *m,
			     const struct idref *l, struct diag_list *d)
{
	long i = m - x->c.articles;

	if (x->lix[i] < 0 || !unpublished(x, l->id, (size_t)x->lix[i]))
		return;
	diag(d, R_UNPUBLISHED, m->path, l->pos.line, l->pos.col, NULL,
	     "link to unpublished article '%s' rendered as text", l->id);
}

/* Article i's related ids and stale notice, as its page shows them. */
static void unpublished_refs(const struct export *x, size_t i,
			     struct diag_list *d)
{
	const struct article_meta *m = &x->c.articles[i], *o;
	const struct xid *e;
	size_t k, lang = (size_t)x->lix[i];
	char ptr[64];

	for (k = 0; k < m->nrelated; k++) {
		if (m->id && !strcmp(m->related[k].id, m->id))
			continue;	/* never further reading for itself */
		if (!unpublished(x, m->related[k].id, lang))
			continue;
		snprintf(ptr, sizeof(ptr), "/related/%zu", k);
		diag(d, R_UNPUBLISHED, m->path, m->related[k].pos.line,
		     m->related[k].pos.col, ptr, "related article '%s' is not "
		     "published: left out of further reading",
		     m->related[k].id);
	}
	if (!export_is_stale(x, i) || !m->id)
		return;
	e = export_id_find(x, m->id, strlen(m->id));
	if (!e || e->orig < 0 || (size_t)e->orig == i || x->pub[e->orig])
		return;
	o = &x->c.articles[e->orig];
	if (held_back(x, o))
		diag(d, R_UNPUBLISHED, m->path, m->tf_pos.line, m->tf_pos.col,
		     "/translated_from", "original '%s' is not published: the "
		     "stale notice does not link to it", o->path);
}

void export_unpublished_refs(const struct export *x, struct diag_list *d)
{
	size_t i;

	for (i = 0; i < x->c.n; i++)
		if (x->pub[i] && export_reported(x, i))
			unpublished_refs(x, i, d);
}
