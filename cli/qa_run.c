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
#include "glossary.h"
#include "buf.h"
#include "pool.h"
#include "snapshot.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct qa_job {
	const struct corpus *c;
	const struct glossary *g;
	int flags;
	unsigned char *compared;	/* [c->n], or NULL */
	const struct id_group **groups;	/* the jobs, in a fixed order */
	struct diag_list *lists;	/* one per job */
};

/*
 * Read m into blocks; problems were reported by the index already.  When
 * the index kept where its frontmatter blocks are, the frontmatter is
 * not parsed again, nor the UTF-8 of a file that has not changed.
 */
static int load_blocks(const struct corpus *c, const struct article_meta *m,
		       struct block_list *l)
{
	struct article a;
	struct diag_list quiet = DIAG_LIST_INIT;
	const struct fm_where *w = c->fm_where ? &c->fm_where[m - c->articles] : NULL;
	int rc = -1;

	article_init(&a, m->path);
	if (w && w->simple && m->file.ino &&
	    article_read(&a, m->path, &m->file, -1, &quiet) == 0 &&
	    file_id_same(&a.id, &m->file)) {
		blocks_of_body(l, w, m->title, m->summary, &a);
		rc = 0;
	} else {
		/* not as indexed: read it as it is now */
		article_release(&a);
		article_init(&a, m->path);
		if (article_load(&a, m->path, &quiet) == 0)
			rc = blocks_of_article(l, &a);
	}
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

/*
 * Can article m have a finding of its own (qa-digits, a forbidden
 * term)?  Only when the glossary forbids terms in its language, or its
 * file holds an Arabic-Indic digit: the index noted which do; else a
 * look at the bytes is cheaper than reading it into blocks.
 */
static int may_have_own(const struct corpus *c, const struct article_meta *m,
			const struct glossary *g)
{
	const struct fm_where *w = c->fm_where ? &c->fm_where[m - c->articles] : NULL;
	struct buf text = BUF_INIT;
	size_t i;
	int may;

	if (g) {
		int li = glossary_lang(g, m->lang);

		for (i = 0; li >= 0 && i < g->n; i++)
			if (g->v[i].nforbidden[li])
				return 1;
	}
	if (w && w->filled)
		return w->arabic_digit;
	if (buf_read_file(&text, m->path, ARTICLE_MAX_SIZE) != BUF_READ_OK)
		return 1;
	may = blocks_arabic_digit(text.buf, text.len);
	buf_release(&text);
	return may;
}

/* Is any selected translation of the group compared with original o? */
static int translations_compared(const struct corpus *c,
				 const struct id_group *grp,
				 const struct article_meta *o)
{
	size_t k;

	for (k = 0; k < grp->len; k++) {
		size_t i = c->by_id[grp->start + k];
		const struct article_meta *m = &c->articles[i];

		if (m != o && c->selected[i] && m->usable && m->lang &&
		    renders_current(m, o) && !corpus_twin(c, m))
			return 1;
	}
	return 0;
}

/*
 * A base text of the original (SPEC 12.1), read once per digest for all
 * the translations of a job that render it.
 */
struct base_side {
	char digest[17];
	int ok;
	struct block_list l;
	char *path;		/* as reported: the snapshot's */
	struct qa_side side;
};

struct bases {
	struct base_side *v;
	size_t n, alloc;
};

static struct qa_side *base_side(const struct corpus *c,
				 const struct article_meta *o,
				 const char *digest, struct bases *bs)
{
	struct base_side *b;
	struct buf text = BUF_INIT, rel = BUF_INIT;
	size_t k;

	for (k = 0; k < bs->n; k++)
		if (!strcmp(bs->v[k].digest, digest))
			return bs->v[k].ok ? &bs->v[k].side : NULL;
	GROW(bs->v, bs->alloc, bs->n + 1);
	b = &bs->v[bs->n++];
	memset(b, 0, sizeof(*b));
	memcpy(b->digest, digest, sizeof(b->digest));
	snapshot_relpath(&rel, o->id, o->lang, digest);
	b->path = corpus_path(c, rel.buf);
	if (snapshot_find(c, o, digest, &text, NULL) == 0 &&
	    blocks_of_file(&b->l, text.buf, text.len, b->path, NULL) == 0) {
		b->ok = 1;
		b->side.blocks = &b->l;
		b->side.path = b->path;
		b->side.lang = o->lang;
	}
	buf_release(&text);
	buf_release(&rel);
	return b->ok ? &b->side : NULL;
}

static void bases_release(struct bases *bs)
{
	size_t k;

	for (k = 0; k < bs->n; k++) {
		qa_side_release(&bs->v[k].side);
		block_list_release(&bs->v[k].l);
		free(bs->v[k].path);
	}
	free(bs->v);
}

/* Does translation m render a base text other than o's text now? */
static int renders_base(const struct article_meta *m,
			const struct article_meta *o)
{
	return m->translated && m->tf_base[0] && !m->tf_base_bad &&
	       o->digest[0] && strcmp(m->tf_base, o->digest) &&
	       m->tf_lang && o->lang && !strcmp(m->tf_lang, o->lang);
}

static void qa_one(void *ctx, size_t j, int worker)
{
	struct qa_job *job = ctx;
	const struct corpus *c = job->c;
	const struct id_group *grp = job->groups[j];
	struct diag_list *d = &job->lists[j];
	struct block_list orig = BLOCK_LIST_INIT;
	struct qa_side os = { NULL, NULL, NULL, NULL };
	struct bases bases = { NULL, 0, 0 };
	const struct article_meta *o = NULL;
	int orig_loaded = 0;
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
		struct qa_side side = { NULL, m->path, m->lang, NULL };
		struct qa_side *with = NULL;
		int compare, base;

		if (!c->selected[i] || !m->usable || !m->lang)
			continue;
		/* a duplicate id is an error of its own: which of the two
		 * renders the original is not known */
		compare = o && o != m && !corpus_twin(c, m) && renders_current(m, o);
		base = o && o != m && !corpus_twin(c, m) && !compare &&
		       renders_base(m, o);
		if (!compare && !base && ((job->flags & QA_COMPARE_ONLY) ||
					  !may_have_own(c, m, job->g)) &&
		    (m != o || !translations_compared(c, grp, o)))
			continue;
		if ((m == o || compare) && !orig_loaded) {
			orig_loaded = 1;
			if (load_blocks(c, o, &orig) == 0) {
				os.blocks = &orig;
				os.path = o->path;
				os.lang = o->lang;
			}
		}
		if (m == o) {
			if (os.blocks && !(job->flags & QA_COMPARE_ONLY))
				qa_article(&os, job->g, d);
			continue;
		}
		if (compare && os.blocks)
			with = &os;
		else if (base)
			with = base_side(c, o, m->tf_base, &bases);
		if (!with && ((job->flags & QA_COMPARE_ONLY) || !may_have_own(c, m, job->g)))
			continue;
		if (load_blocks(c, m, &mine) < 0)
			goto next;
		side.blocks = &mine;
		if (!(job->flags & QA_COMPARE_ONLY))
			qa_article(&side, job->g, d);
		if (with) {
			qa_compare(with, &side, job->g, d);
			if (job->compared)
				job->compared[i] = 1;
		}
next:
		qa_side_release(&side);
		block_list_release(&mine);
	}
	bases_release(&bases);
	qa_side_release(&os);
	block_list_release(&orig);
}

void qa_run(const struct corpus *c, const struct glossary *g, int flags,
	    unsigned char *compared, struct diag_list *d)
{
	struct qa_job job;
	size_t n = 0, k;

	memset(&job, 0, sizeof(job));
	job.c = c;
	job.g = g;
	job.flags = flags;
	job.compared = compared;
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

void qa_counts_of(const struct diag_list *l, const char *path,
		  struct qa_counts *out)
{
	size_t lo = 0, hi = l->n, i;

	memset(out, 0, sizeof(*out));
	/* the first entry of path: files sort in byte order, NULL first */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *f = l->v[mid].file;

		if (!f || strcmp(f, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < l->n && l->v[i].file && !strcmp(l->v[i].file, path); i++) {
		if (l->v[i].rule < R_QA_NUMBER || l->v[i].rule > R_QA_DIGITS)
			continue;
		if (!out->first)
			out->first = &l->v[i];
		if (l->v[i].severity == SEV_ERROR)
			out->errors++;
		else
			out->warnings++;
	}
}
