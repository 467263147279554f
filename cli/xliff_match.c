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
 * their paragraph.
 */
#include "xliff.h"

#include "article.h"
#include "blocks.h"
#include "corpus.h"
#include "date.h"
#include "integrity.h"
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

/*
 * Through the base: each unit of ox to its block now, that block to its
 * block then, and that one to the translation's unit at the same place;
 * a unit whose block changed or moved is marked for review.
 */
static void by_base(struct xmatch *m, const struct base_diff *d,
		    const struct xdoc *ox, const struct xdoc *tx)
{
	long *then = blocks_then(d), *change_of = blocks_change(d), *first;
	long *to_trans = old_to_trans(d->old, &d->trans);
	struct uplace *po = xcalloc(ox->n + 1, sizeof(*po));
	struct uplace *pt = xcalloc(tx->n + 1, sizeof(*pt));
	size_t i, k;

	places(po, ox, d->now);
	places(pt, tx, &d->trans);
	first = xmalloc((d->trans.n + 1) * sizeof(*first));
	for (k = 0; k < d->trans.n; k++)
		first[k] = -1;
	for (k = tx->n; k-- > 0; )
		if (pt[k].block >= 0 && (size_t)pt[k].block < d->trans.n)
			first[pt[k].block] = (long)k;
	for (i = 0; i < ox->n; i++) {
		long b = po[i].block, ob;

		if (b < 0 || (size_t)b >= d->now->n)
			continue;
		ob = then[b];
		if (ob < 0)
			continue;
		/* the translation has the old text's shape: the same place */
		m->counterpart[i] = unit_at(pt, tx, first, to_trans[ob], po[i].suffix);
		if (change_of[b] >= 0) {
			const struct block_change *ch = &d->v[change_of[b]];

			m->review[i] = 1;
			if (ch->kind == CH_CHANGED)
				m->old[i] = xstrndup(d->old->v[ob].text, d->old->v[ob].len);
		}
	}
	free(then);
	free(to_trans);
	free(first);
	free(change_of);
	free(po);
	free(pt);
}

int xliff_match(struct xmatch *m, const struct corpus *c,
		const struct article_meta *om, const struct xdoc *ox,
		const struct article_meta *tm, const struct xdoc *tx,
		const char digest_now[17], struct diag_list *diags)
{
	struct base_diff d;
	struct base_cache bc;
	size_t i;

	memset(m, 0, sizeof(*m));
	m->n = ox->n;
	m->counterpart = xmalloc((ox->n + 1) * sizeof(*m->counterpart));
	m->review = xcalloc(ox->n + 1, 1);
	m->old = xcalloc(ox->n + 1, sizeof(*m->old));
	for (i = 0; i < ox->n; i++)
		m->counterpart[i] = -1;
	if (!tm->tf_base[0]) {
		/* dated only: stale by the dates, matched when of the same shape */
		m->stale = tm->tf_updated.y && om->updated.y &&
			   date_cmp(tm->tf_updated, om->updated) < 0;
		by_id(m, ox, tx);
		return 0;
	}
	if (!strcmp(tm->tf_base, digest_now)) {
		by_id(m, ox, tx);
		return 0;
	}
	m->stale = 1;
	base_cache_init(&bc, om);
	if (base_diff_build(&d, c, &bc, tm, 1, diags) < 0) {
		base_diff_release(&d);
		base_cache_release(&bc);
		return -1;
	}
	if (!d.available || !d.old || !same_body_shape(d.old, &d.trans)) {
		m->base_missing = !d.available;
		m->shapeless = d.available && d.old;
		by_id(m, ox, tx);
	} else {
		if (d.base_updated.y)
			date_format(d.base_updated, m->base_updated);
		by_base(m, &d, ox, tx);
	}
	base_diff_release(&d);
	base_cache_release(&bc);
	return 0;
}
