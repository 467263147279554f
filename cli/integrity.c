/*
 * integrity.c - the changes of an original since a translation's base,
 * and their class (SPEC 12.2, 12.3).
 */
#include "integrity.h"
#include "corpus.h"
#include "diag.h"
#include "snapshot.h"
#include "util.h"

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

int base_diff_build(struct base_diff *d, const struct corpus *c,
		    const struct article_meta *orig,
		    const struct article_meta *trans, struct diag_list *diags)
{
	struct buf base = BUF_INIT;
	struct diag_list scratch = DIAG_LIST_INIT;
	size_t i;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	d->old = (struct block_list)BLOCK_LIST_INIT;
	d->now = (struct block_list)BLOCK_LIST_INIT;
	d->trans = (struct block_list)BLOCK_LIST_INIT;
	d->cls = CLASS_UNKNOWN;
	/* a file the index read already reports its own problems */
	if (load_blocks(&d->now, orig->path, &scratch) < 0 ||
	    load_blocks(&d->trans, trans->path, &scratch) < 0) {
		rc = -1;
		goto out;
	}
	if (!trans->tf_base[0])
		goto out;
	if (snapshot_find(c, orig, trans->tf_base, &base, diags) != 0)
		goto out;
	{
		struct article a;

		article_init(&a, orig->path);
		if (article_load_mem(&a, base.buf, base.len, &scratch) == 0 &&
		    blocks_of_article(&d->old, &a) == 0) {
			const char *u = ynode_scalar(ymap_get(a.fm.root, "updated"));

			if (!u || date_parse(u, &d->base_updated) < 0)
				memset(&d->base_updated, 0, sizeof(d->base_updated));
			d->available = 1;
		}
		article_release(&a);
	}
	if (!d->available)
		goto out;
	d->n = blocks_diff(&d->old, &d->now, &d->trans, orig->lang, &d->v);
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
	buf_release(&base);
	return rc;
}

void base_diff_release(struct base_diff *d)
{
	block_list_release(&d->old);
	block_list_release(&d->now);
	block_list_release(&d->trans);
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

int integrity_stale_notice(const struct corpus *c, const struct article_meta *orig,
			   const struct article_meta *trans)
{
	struct base_diff d;
	int notice;

	if (!trans->tf_base[0] || !orig->digest[0])
		return date_cmp(trans->tf_updated, orig->updated) < 0;
	if (!strcmp(trans->tf_base, orig->digest))
		return 0;
	notice = base_diff_build(&d, c, orig, trans, NULL) < 0 ||
		 change_class_at_least(d.cls, CLASS_CONTENT);
	base_diff_release(&d);
	return notice;
}
