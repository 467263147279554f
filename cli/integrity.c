/*
 * integrity.c - the changes of an original since a translation's base,
 * and their class (SPEC 12.2, 12.3).
 */
#include "integrity.h"
#include "corpus.h"
#include "diag.h"
#include "snapshot.h"
#include "util.h"
#include "yaml_tree.h"

#include <stdlib.h>
#include <string.h>

static int load_blocks(struct block_list *l, const char *path,
		       struct diag_list *diags)
{
	struct article a;
	int r;

	article_init(&a, path);
	r = article_load(&a, path, diags);
	if (r == 0)
		r = blocks_of_article(l, &a);
	article_release(&a);
	return r;
}

int change_class_at_least(enum change_class cls, enum change_class min)
{
	int rank = cls == CLASS_UNKNOWN ? CLASS_SAFETY : (int)cls;
	int want = min == CLASS_UNKNOWN ? CLASS_SAFETY : (int)min;

	return rank >= want;
}

void base_cache_init(struct base_cache *bc, const struct article_meta *orig)
{
	memset(bc, 0, sizeof(*bc));
	bc->orig = orig;
	bc->now = (struct block_list)BLOCK_LIST_INIT;
}

void base_cache_release(struct base_cache *bc)
{
	size_t i;

	block_list_release(&bc->now);
	for (i = 0; i < bc->n; i++) {
		block_list_release(&bc->v[i].l);
		free(bc->v[i].changes);
	}
	free(bc->v);
	memset(bc, 0, sizeof(*bc));
}

/* The base text of that digest, read once. */
static struct base_text *base_text(const struct corpus *c,
					 struct base_cache *bc, const char *digest,
					 struct diag_list *diags)
{
	struct base_text *t;
	struct buf text = BUF_INIT;
	size_t i;

	for (i = 0; i < bc->n; i++)
		if (!strcmp(bc->v[i].digest, digest))
			return &bc->v[i];
	GROW(bc->v, bc->alloc, bc->n + 1);
	t = &bc->v[bc->n++];
	memset(t, 0, sizeof(*t));
	memcpy(t->digest, digest, 17);
	t->l = (struct block_list)BLOCK_LIST_INIT;
	if (snapshot_find(c, bc->orig, digest, &text, diags) == 0) {
		struct article a;
		struct diag_list scratch = DIAG_LIST_INIT;

		article_init(&a, bc->orig->path);
		if (article_load_mem(&a, text.buf, text.len, &scratch) == 0 &&
		    blocks_of_article(&t->l, &a) == 0) {
			const char *u = ynode_scalar(ymap_get(a.fm.root, "updated"));

			if (!u || date_parse(u, &t->updated) < 0)
				memset(&t->updated, 0, sizeof(t->updated));
			t->ok = 1;
		}
		article_release(&a);
		diag_list_release(&scratch);
	}
	buf_release(&text);
	return t;
}

int base_diff_build(struct base_diff *d, const struct corpus *c,
		    struct base_cache *bc, const struct article_meta *trans,
		    int with_trans, struct diag_list *diags)
{
	struct diag_list scratch = DIAG_LIST_INIT;
	const struct article_meta *orig = bc->orig;
	struct base_text *t;
	size_t i;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	d->trans = (struct block_list)BLOCK_LIST_INIT;
	d->cls = CLASS_UNKNOWN;
	/* a file the index read already reports its own problems */
	if (!bc->now_state)
		bc->now_state = load_blocks(&bc->now, orig->path, &scratch) < 0 ? -1 : 1;
	d->now = &bc->now;
	if (bc->now_state < 0 ||
	    (with_trans && load_blocks(&d->trans, trans->path, &scratch) < 0)) {
		rc = -1;
		goto out;
	}
	if (!trans->tf_base[0])
		goto out;
	t = base_text(c, bc, trans->tf_base, diags);
	if (!t->ok)
		goto out;
	d->available = 1;
	d->old = &t->l;
	d->base_updated = t->updated;
	if (with_trans) {
		d->n = blocks_diff(d->old, d->now, &d->trans, orig->lang, &d->v);
	} else {
		/* the same for every translation on that base: once */
		if (!t->diffed) {
			t->nchanges = blocks_diff(d->old, d->now, NULL, orig->lang,
						  &t->changes);
			t->diffed = 1;
		}
		d->n = t->nchanges;
		d->v = d->n ? xmalloc(d->n * sizeof(*d->v)) : NULL;
		if (d->n)
			memcpy(d->v, t->changes, d->n * sizeof(*d->v));
	}
	d->cls = CLASS_EDITORIAL;
	for (i = 0; i < d->n; i++) {
		enum change_class k = d->v[i].cls;

		if (k <= CLASS_SAFETY)
			d->counts[k]++;
		if (k > d->cls && k <= CLASS_SAFETY)
			d->cls = k;
	}
out:
	diag_list_release(&scratch);
	return rc;
}

void base_diff_release(struct base_diff *d)
{
	block_list_release(&d->trans);
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

int integrity_stale_notice(const struct corpus *c, const struct article_meta *orig,
			   const struct article_meta *trans)
{
	struct base_cache bc;
	struct base_diff d;
	int notice;

	if (!trans->tf_base[0] || !orig->digest[0])
		return date_cmp(trans->tf_updated, orig->updated) < 0;
	if (!strcmp(trans->tf_base, orig->digest))
		return 0;
	base_cache_init(&bc, orig);
	notice = base_diff_build(&d, c, &bc, trans, 0, NULL) < 0 ||
		 change_class_at_least(d.cls, CLASS_CONTENT);
	base_diff_release(&d);
	base_cache_release(&bc);
	return notice;
}
