/*
 * xliff_match.c - which unit of a translation renders which unit of its
 * original, and which units changed since the translation's base (SPEC 14).
 *
 * A translation without a base, or whose base is the original's text now,
 * is matched unit by unit when it has the original's shape (the same unit
 * ids in the same order).  A translation with an older base has the shape
 * of that older text: the original then and now are aligned block by block
 * (blocks_diff(), SPEC 12.3), each block now is followed to its block
 * then, and that one to the translation's block at the same place.  Units
 * are tied to blocks by kind and rank (the third paragraph, the second
 * table row...), table cells by their column, alt texts and titles by
 * their paragraph.  The base text is cut into units too: a unit whose
 * block changed is compared with the base's unit at its place, so that
 * only the units whose own text changed are marked for review, each with
 * its text then for the note; and an import knows each destination the
 * original had at the base (xliff_dest.c).
 */
#include "xliff.h"

#include "article.h"
#include "blocks.h"
#include "corpus.h"
#include "date.h"
#include "diag.h"
#include "integrity.h"
#include "snapshot.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void xmatch_release(struct xmatch *m)
{
	size_t i;

	if (m->old)
		for (i = 0; i < m->n; i++)
			free(m->old[i]);
	free(m->old);
	free(m->counterpart);
	free(m->review);
	free(m->then);
	xdoc_release(&m->base);
	if (m->base_art) {
		article_release(m->base_art);
		free(m->base_art);
	}
	memset(m, 0, sizeof(*m));
}

static int same_shape(const struct xdoc *a, const struct xdoc *b)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < a->n && a->units[i].kind <= XU_SOURCE)
			i++;
		while (j < b->n && b->units[j].kind <= XU_SOURCE)
			j++;
		if (i >= a->n || j >= b->n)
			return i >= a->n && j >= b->n;
		if (strcmp(a->units[i].id, b->units[j].id))
			return 0;
		i++;
		j++;
	}
}

static long unit_index_of(const struct xdoc *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (!strcmp(x->units[i].id, id))
			return (long)i;
	return -1;
}

/* A unit's block: kind and rank; its place inside the block (suffix). */
struct uplace {
	long block;		/* index in the block list, or -1 */
	char suffix[24];	/* "c2" for a cell, "alt1" for an alt text ... */
};

/* The blocks of a list by kind: kind k's rank-th block is by_kind[k][rank]. */
struct kinds {
	size_t *v[BLK__COUNT];
	size_t n[BLK__COUNT], alloc[BLK__COUNT];
};

static void kinds_build(struct kinds *k, const struct block_list *l)
{
	size_t i;

	memset(k, 0, sizeof(*k));
	for (i = 0; i < l->n; i++) {
		enum block_kind t = l->v[i].kind;

		if ((unsigned)t >= BLK__COUNT)
			continue;
		GROW(k->v[t], k->alloc[t], k->n[t] + 1);
		k->v[t][k->n[t]++] = i;
	}
}

static void kinds_release(struct kinds *k)
{
	int t;

	for (t = 0; t < BLK__COUNT; t++)
		free(k->v[t]);
}

/* The index of the rank-th block of kind t, or -1. */
static long nth_block(const struct kinds *k, enum block_kind t, unsigned rank)
{
	return rank < k->n[t] ? (long)k->v[t][rank] : -1;
}

static void places(struct uplace *p, const struct xdoc *x, const struct block_list *bl)
{
	size_t i, parent_i = (size_t)-1;
	unsigned rows = 0, last_t = 0, last_r = 0, sources = 0;
	struct kinds kk, *l = &kk;

	kinds_build(&kk, bl);

	for (i = 0; i < x->n; i++) {
		const struct xunit *u = &x->units[i];
		const char *dash = strchr(u->id, '-');
		unsigned k = 0, t = 0, r = 0, c = 0;

		p[i].block = -1;
		p[i].suffix[0] = '\0';
		if ((u->kind == XU_ALT || u->kind == XU_LINK_TITLE) && dash) {
			char parent[40];
			long pi;

			snprintf(parent, sizeof(parent), "%.*s", (int)(dash - u->id), u->id);
			snprintf(p[i].suffix, sizeof(p[i].suffix), "%s", dash + 1);
			/* a unit's alt texts and titles follow it */
			pi = parent_i != (size_t)-1 && !strcmp(x->units[parent_i].id, parent) ?
			     (long)parent_i : -1;
			if (pi >= 0) {
				p[i].block = p[pi].block;
			} else if (sscanf(parent, "img%u", &k) == 1 && k) {
				p[i].block = nth_block(l, BLK_IMAGE, k - 1);
			}
			continue;
		}
		parent_i = i;
		switch (u->kind) {
		case XU_TITLE:
			p[i].block = nth_block(l, BLK_TITLE, 0);
			break;
		case XU_SUMMARY:
			p[i].block = nth_block(l, BLK_SUMMARY, 0);
			break;
		case XU_SOURCE:
			if (sscanf(u->id, "source%u", &k) == 1 && k)
				p[i].block = nth_block(l, BLK_SOURCE, k - 1);
			sources++;
			break;
		case XU_HEADING:
			if (sscanf(u->id, "h%u", &k) == 1 && k)
				p[i].block = nth_block(l, BLK_HEADING, k - 1);
			break;
		case XU_PARAGRAPH:
			if (sscanf(u->id, "p%u", &k) == 1 && k)
				p[i].block = nth_block(l, BLK_PARAGRAPH, k - 1);
			break;
		case XU_LIST_ITEM:
			if (sscanf(u->id, "li%u", &k) == 1 && k)
				p[i].block = nth_block(l, BLK_LIST_ITEM, k - 1);
			break;
		case XU_QUOTE:
			if (sscanf(u->id, "q%u", &k) == 1 && k)
				p[i].block = nth_block(l, BLK_QUOTE, k - 1);
			break;
		case XU_ALT:
			if (sscanf(u->id, "img%u", &k) == 1 && k)
				p[i].block = nth_block(l, BLK_IMAGE, k - 1);
			break;
		case XU_CELL:
			if (sscanf(u->id, "t%ur%uc%u", &t, &r, &c) != 3)
				break;
			if (t != last_t || r != last_r)
				rows++;
			last_t = t;
			last_r = r;
			p[i].block = nth_block(l, BLK_TABLE_ROW, rows - 1);
			snprintf(p[i].suffix, sizeof(p[i].suffix), "c%u", c);
			break;
		default:
			break;
		}
	}
	(void)sources;
	kinds_release(&kk);
}

/*
 * The unit of x at block b with that suffix, or -1.  first[b]: the first
 * unit of block b (a block's units are consecutive).
 */
static long unit_at(const struct uplace *p, const struct xdoc *x,
		    const long *first, long b, const char *suffix)
{
	size_t i;

	if (b < 0 || first[b] < 0)
		return -1;
	for (i = (size_t)first[b]; i < x->n && p[i].block == b; i++)
		if (!strcmp(p[i].suffix, suffix))
			return (long)i;
	return -1;
}

/* Same shape: body units in step; the frontmatter's by id (a few). */
static void by_id(struct xmatch *m, const struct xdoc *ox, const struct xdoc *tx)
{
	int shape = same_shape(ox, tx);
	size_t i, j = 0;

	for (i = 0; i < ox->n; i++) {
		if (ox->units[i].kind <= XU_SOURCE) {
			m->counterpart[i] = unit_index_of(tx, ox->units[i].id);
			continue;
		}
		if (!shape)
			continue;
		while (j < tx->n && tx->units[j].kind <= XU_SOURCE)
			j++;
		if (j < tx->n)
			m->counterpart[i] = (long)j++;
	}
}

/*
 * Do a and b have the same body, block by block?  The frontmatter's
 * blocks are left out: units are tied to blocks by kind and rank, so a
 * translation without the original's source titles still follows its
 * body block by block.
 */
static int same_body_shape(const struct block_list *a, const struct block_list *b)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < a->n && a->v[i].kind <= BLK_SOURCE)
			i++;
		while (j < b->n && b->v[j].kind <= BLK_SOURCE)
			j++;
		if (i == a->n || j == b->n)
			return i == a->n && j == b->n;
		if (a->v[i].kind != b->v[j].kind || a->v[i].level != b->v[j].level)
			return 0;
		i++;
		j++;
	}
}

/*
 * Each block of the base old: the translation's block at the same place
 * (trans has old's body shape, same_body_shape()), or -1.  Body blocks
 * pair in order; the frontmatter's by kind and rank, so a source title
 * the translation lacks pairs with nothing.
 */
static long *old_to_trans(const struct block_list *old, const struct block_list *trans)
{
	long *to = xmalloc((old->n + 1) * sizeof(*to));
	unsigned rank_o[BLK_SOURCE + 1] = { 0 }, rank_t[BLK_SOURCE + 1] = { 0 };
	size_t i, j = 0, k;

	for (i = 0; i < old->n; i++) {
		enum block_kind t = old->v[i].kind;

		to[i] = -1;
		if (t <= BLK_SOURCE) {
			/* the rank-th block of that kind in the translation */
			unsigned want = rank_o[t]++;

			memset(rank_t, 0, sizeof(rank_t));
			for (k = 0; k < trans->n; k++)
				if (trans->v[k].kind == t && rank_t[t]++ == want) {
					to[i] = (long)k;
					break;
				}
			continue;
		}
		while (j < trans->n && trans->v[j].kind <= BLK_SOURCE)
			j++;
		if (j < trans->n)
			to[i] = (long)j++;
	}
	return to;
}

/* Each block now: its block then, -1 when added; the blocks no change
 * names are the common subsequence, in order. */
static long *blocks_then(const struct base_diff *d)
{
	long *then = xmalloc((d->now->n + 1) * sizeof(*then));
	unsigned char *old_used = xcalloc(d->old->n + 1, 1);
	unsigned char *new_used = xcalloc(d->now->n + 1, 1);
	size_t i, j, k;

	for (j = 0; j < d->now->n; j++)
		then[j] = -1;
	for (k = 0; k < d->n; k++) {
		const struct block_change *ch = &d->v[k];

		if (ch->old_i >= 0 && (size_t)ch->old_i < d->old->n)
			old_used[ch->old_i] = 1;
		if (ch->new_i >= 0 && (size_t)ch->new_i < d->now->n)
			new_used[ch->new_i] = 1;
		if (ch->old_i >= 0 && ch->new_i >= 0 && (size_t)ch->new_i < d->now->n)
			then[ch->new_i] = ch->old_i;
	}
	for (i = 0, j = 0; i < d->old->n && j < d->now->n; ) {
		if (old_used[i]) {
			i++;
		} else if (new_used[j]) {
			j++;
		} else {
			then[j++] = (long)i++;
		}
	}
	free(old_used);
	free(new_used);
	return then;
}

/* Each block now: the change, changed or moved, that it comes from, or -1. */
static long *blocks_change(const struct base_diff *d)
{
	long *change_of = xmalloc((d->now->n + 1) * sizeof(*change_of));
	size_t j, k;

	for (j = 0; j < d->now->n; j++)
		change_of[j] = -1;
	for (k = 0; k < d->n; k++)
		if ((d->v[k].kind == CH_CHANGED || d->v[k].kind == CH_MOVED) &&
		    d->v[k].new_i >= 0 && (size_t)d->v[k].new_i < d->now->n)
			change_of[d->v[k].new_i] = (long)k;
	return change_of;
}

/* Each block of a list of nb: its first unit in x (placed by p), or -1. */
static long *first_units(const struct uplace *p, size_t nunits, size_t nb)
{
	long *first = xmalloc((nb + 1) * sizeof(*first));
	size_t k;

	for (k = 0; k < nb; k++)
		first[k] = -1;
	for (k = nunits; k-- > 0; )
		if (p[k].block >= 0 && (size_t)p[k].block < nb)
			first[p[k].block] = (long)k;
	return first;
}

/*
 * The original's units at the translation's base: its file then (the
 * snapshot, or git history) cut into units.  0, or -1 when it cannot be
 * read as an article any more (the blocks were: it should).
 */
static int load_base(struct xmatch *m, const struct corpus *c,
		     const struct article_meta *om, const char *digest)
{
	struct buf text = BUF_INIT;
	struct diag_list scratch = DIAG_LIST_INIT;
	int ret = -1;

	if (snapshot_find(c, om, digest, &text, NULL) == 0) {
		m->base_art = xmalloc(sizeof(*m->base_art));
		article_init(m->base_art, om->path);
		if (article_load_mem(m->base_art, text.buf, text.len, &scratch) == 0 &&
		    m->base_art->body) {
			xliff_segment(&m->base, m->base_art);
			ret = 0;
		}
	}
	diag_list_release(&scratch);
	buf_release(&text);
	return ret;
}

/*
 * Each unit of ox: the base's unit at its place (its block now followed
 * to its block then, the same suffix there), or -1.
 */
static void base_units(struct xmatch *m, const struct base_diff *d,
		       const struct xdoc *ox, const struct uplace *po,
		       const long *then)
{
	struct uplace *pb = xcalloc(m->base.n + 1, sizeof(*pb));
	long *first;
	size_t i;

	places(pb, &m->base, d->old);
	first = first_units(pb, m->base.n, d->old->n);
	for (i = 0; i < ox->n; i++) {
		long b = po[i].block;

		m->then[i] = -1;
		if (b >= 0 && (size_t)b < d->now->n && then[b] >= 0)
			m->then[i] = unit_at(pb, &m->base, first, then[b], po[i].suffix);
	}
	free(first);
	free(pb);
}

/*
 * Why unit i, whose block changed (the change ch), is for review: its
 * own text against the base's unit at its place, so that the cell of a
 * row or the alt text of a paragraph that did not change is not.  The
 * text then is kept for the note.
 */
static void review_unit(struct xmatch *m, size_t i, const struct xdoc *ox,
			const struct block_change *ch)
{
	const struct xunit *bu;
	struct buf t = BUF_INIT;
	int k;

	if (ch->kind == CH_MOVED) {
		m->review[i] = XR_MOVED;
		return;
	}
	if (!m->base_known) {
		m->review[i] = XR_TEXT;	/* no text then to compare with */
		return;
	}
	if (m->then[i] < 0) {
		m->review[i] = XR_NEW;
		return;
	}
	bu = &m->base.units[m->then[i]];
	k = xunit_differs(bu, m->base.body, &ox->units[i], ox->body);
	if (!k)
		return;
	m->review[i] = k == 1 ? XR_TEXT : XR_MARKUP;
	xunit_read_text(&t, bu, bu->kind <= XU_SOURCE ? NULL : m->base.body);
	m->old[i] = xstrndup(t.buf, t.len);
	buf_release(&t);
}

/*
 * Through the base: each unit of ox to its block now (po), that block to
 * its block then (then), and that one to the translation's unit at the
 * same place; a unit whose block changed or moved is looked at for
 * review.
 */
static void by_base(struct xmatch *m, const struct base_diff *d,
		    const struct xdoc *ox, const struct xdoc *tx,
		    const struct uplace *po, const long *then)
{
	long *change_of = blocks_change(d), *first;
	long *to_trans = old_to_trans(d->old, &d->trans);
	struct uplace *pt = xcalloc(tx->n + 1, sizeof(*pt));
	size_t i;

	places(pt, tx, &d->trans);
	first = first_units(pt, tx->n, d->trans.n);
	for (i = 0; i < ox->n; i++) {
		long b = po[i].block, ob;

		if (b < 0 || (size_t)b >= d->now->n)
			continue;
		ob = then[b];
		if (ob < 0)
			continue;
		/* the translation has the old text's shape: the same place */
		m->counterpart[i] = unit_at(pt, tx, first, to_trans[ob], po[i].suffix);
		if (change_of[b] >= 0)
			review_unit(m, i, ox, &d->v[change_of[b]]);
	}
	free(to_trans);
	free(first);
	free(change_of);
	free(pt);
}

/* A stale translation with a base: through the base text when it is
 * known, unit by unit otherwise. */
static int match_stale(struct xmatch *m, const struct corpus *c,
		       const struct article_meta *om, const struct xdoc *ox,
		       const struct article_meta *tm, const struct xdoc *tx,
		       struct diag_list *diags)
{
	struct base_diff d;
	struct base_cache bc;
	struct uplace *po = NULL;
	long *then = NULL;

	base_cache_init(&bc, om);
	if (base_diff_build(&d, c, &bc, tm, 1, diags) < 0) {
		base_diff_release(&d);
		base_cache_release(&bc);
		return -1;
	}
	if (d.available && d.old) {
		po = xcalloc(ox->n + 1, sizeof(*po));
		places(po, ox, d.now);
		then = blocks_then(&d);
		if (load_base(m, c, om, tm->tf_base) == 0) {
			m->base_known = 1;
			base_units(m, &d, ox, po, then);
		}
	}
	if (!d.available || !d.old || !same_body_shape(d.old, &d.trans)) {
		m->base_missing = !d.available;
		m->shapeless = d.available && d.old;
		by_id(m, ox, tx);
	} else {
		if (d.base_updated.y)
			date_format(d.base_updated, m->base_updated);
		by_base(m, &d, ox, tx, po, then);
	}
	free(po);
	free(then);
	base_diff_release(&d);
	base_cache_release(&bc);
	return 0;
}

int xliff_match(struct xmatch *m, const struct corpus *c,
		const struct article_meta *om, const struct xdoc *ox,
		const struct article_meta *tm, const struct xdoc *tx,
		const char digest_now[17], struct diag_list *diags)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	m->n = ox->n;
	m->counterpart = xmalloc((ox->n + 1) * sizeof(*m->counterpart));
	m->review = xcalloc(ox->n + 1, 1);
	m->old = xcalloc(ox->n + 1, sizeof(*m->old));
	m->then = xmalloc((ox->n + 1) * sizeof(*m->then));
	m->base = (struct xdoc)XDOC_INIT;
	for (i = 0; i < ox->n; i++)
		m->counterpart[i] = m->then[i] = -1;
	if (!tm->tf_base[0]) {
		/* dated only: stale by the dates, matched when of the same shape */
		m->stale = tm->tf_updated.y && om->updated.y &&
			   date_cmp(tm->tf_updated, om->updated) < 0;
		by_id(m, ox, tx);
		return 0;
	}
	if (!strcmp(tm->tf_base, digest_now)) {
		/* current: the base is the text now */
		m->base_known = 2;
		for (i = 0; i < ox->n; i++)
			m->then[i] = (long)i;
		by_id(m, ox, tx);
		return 0;
	}
	m->stale = 1;
	return match_stale(m, c, om, ox, tm, tx, diags);
}
