/*
 * qa_run.c - validate's translation QA pass over a corpus (SPEC 13).
 *
 * One job per article id, so that an original is read and cut into
 * blocks once for all its translations; a job holds the original's
 * blocks and one other article's at a time, so memory follows the
 * largest article times the workers, not the corpus.
 */
#include "qa.h"
#include "article.h"
#include "blocks.h"
#include "corpus.h"
#include "date.h"
#include "diag.h"
#include "pool.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct qa_job {
	const struct corpus *c;
	const struct glossary *g;
	const struct id_group **groups;	/* the jobs, in a fixed order */
	struct diag_list *lists;	/* one per job */
};

/* Read m into blocks; problems were reported by the index already. */
static int load_blocks(const struct article_meta *m, struct block_list *l)
{
	struct article a;
	struct diag_list quiet = DIAG_LIST_INIT;
	int rc = -1;

	article_init(&a, m->path);
	if (article_load(&a, m->path, &quiet) == 0)
		rc = blocks_of_article(l, &a);
	article_release(&a);
	diag_list_release(&quiet);
	return rc;
}

/*
 * Is translation m compared with the current original o?  When its
 * translated_from names o's language and date: the text it renders is
 * o's text now.
 */
static int renders_current(const struct article_meta *m,
			   const struct article_meta *o)
{
	/* with a base, the text decides (SPEC 12.2), not the dates */
	if (m->translated && m->tf_base[0] && o->digest[0])
		return !strcmp(m->tf_base, o->digest);
	return m->translated && m->tf_lang && o->lang && o->usable &&
	       !strcmp(m->tf_lang, o->lang) && m->tf_updated.y &&
	       o->updated.y && date_cmp(m->tf_updated, o->updated) == 0;
}

static void qa_one(void *ctx, size_t j, int worker)
{
	struct qa_job *job = ctx;
	const struct corpus *c = job->c;
	const struct id_group *grp = job->groups[j];
	struct diag_list *d = &job->lists[j];
	struct block_list orig = BLOCK_LIST_INIT;
	const struct article_meta *o = NULL;
	int orig_loaded = 0, orig_ok = 0;
	size_t k, count = 0;

	(void)worker;
	memcpy(d->ignored, c->cfg.ignore, sizeof(d->ignored));
	o = corpus_original(c, grp->id, &count);
	if (count != 1)
		o = NULL;
	for (k = 0; k < grp->len; k++) {
		size_t i = c->by_id[grp->start + k];
		const struct article_meta *m = &c->articles[i];
		struct block_list mine = BLOCK_LIST_INIT;
		struct qa_side side = { NULL, m->path, m->lang };
		int compare;

		if (!c->selected[i] || !m->usable || !m->lang)
			continue;
		/* a duplicate id is an error of its own: which of the two
		 * renders the original is not known */
		compare = o && o != m && renders_current(m, o) &&
			  !corpus_twin(c, m);
		if (m == o) {
			if (!orig_loaded) {
				orig_ok = load_blocks(o, &orig) == 0;
				orig_loaded = 1;
			}
			if (orig_ok) {
				side.blocks = &orig;
				qa_article(&side, job->g, d);
			}
			continue;
		}
		if (load_blocks(m, &mine) < 0)
			goto next;
		side.blocks = &mine;
		qa_article(&side, job->g, d);
		if (compare) {
			struct qa_side os = { &orig, o->path, o->lang };

			if (!orig_loaded) {
				orig_ok = load_blocks(o, &orig) == 0;
				orig_loaded = 1;
			}
			if (orig_ok)
				qa_compare(&os, &side, job->g, d);
		}
next:
		block_list_release(&mine);
	}
	block_list_release(&orig);
}

void qa_run(const struct corpus *c, const struct glossary *g,
	    struct diag_list *d)
{
	struct qa_job job;
	size_t n = 0, k;

	memset(&job, 0, sizeof(job));
	job.c = c;
	job.g = g;
	job.groups = xcalloc(c->groups_cap + 1, sizeof(*job.groups));
	for (k = 0; k < c->groups_cap; k++)
		if (c->groups[k].id)
			job.groups[n++] = &c->groups[k];
	job.lists = xcalloc(n + 1, sizeof(*job.lists));
	pool_run(c->jobs, n, qa_one, &job);
	for (k = 0; k < n; k++) {
		diag_list_append(d, &job.lists[k]);
		diag_list_release(&job.lists[k]);
	}
	free(job.lists);
	free(job.groups);
}
