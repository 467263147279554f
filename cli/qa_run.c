/*
 * qa_run.c - validate's translation QA pass over a corpus (SPEC 13).
 *
 * One job per article id, so that an original is read and cut into
 * blocks once for all its translations; a job holds the original's
 * blocks and one other article's at a time, so memory follows the
 * largest article times the workers, not the corpus.
 *
 * Run inside the index (qa_stream_begin()), the bodies are cut into
 * blocks in the index's own parse, and each id's articles are compared
 * as soon as the last file of their directory is indexed: nothing is
 * read or parsed twice, and only the directories being indexed hold
 * blocks.  That holds when every id is its directory's name (SPEC 4's
 * layout); else the pass runs after the index as above.
 */
#include "qa.h"
#include "article.h"
#include "blocks.h"
#include "corpus.h"
#include "date.h"
#include "diag.h"
#include "glossary.h"
#include "numbers.h"
#include "buf.h"
#include "pool.h"
#include "snapshot.h"
#include "util.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct qa_job {
	const struct corpus *c;
	const struct glossary *g;
	int flags;
	unsigned char *compared;	/* [c->n], or NULL */
	const struct id_group **groups;	/* the jobs, in a fixed order */
	struct diag_list *lists;	/* one per job */
	struct block_list **pre;	/* [c->n]: cut by the index, or NULL */
	struct qa_class *classes;	/* [c->n], or NULL */
	int errors_only;		/* qa_stream_errors_only() */
};

/*
 * Read m into blocks; problems were reported by the index already.  When
 * the index kept where its frontmatter blocks are, the frontmatter is
 * not parsed again, nor the UTF-8 of a file that has not changed.
 */
static int load_blocks(const struct corpus *c, const struct article_meta *m,
		       struct block_list *l, int *indexed)
{
	struct article a;
	struct diag_list quiet = DIAG_LIST_INIT;
	const struct fm_where *w = c->fm_where ? &c->fm_where[m - c->articles] : NULL;
	int rc = -1;

	article_init(&a, m->path);
	if (w && w->simple && m->file_key &&
	    article_read(&a, m->path, m->file_key, -1, &quiet) == 0 &&
	    article_file_key(&a.id) == m->file_key) {
		blocks_of_body(l, w, m->title, m->summary, &a);
		rc = 0;
		*indexed = 1;
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
	may = numbers_arabic_digit(text.buf, text.len);
	buf_release(&text);
	return may;
}

/*
 * A group: the articles of one id (all of them: corpus_original() and
 * corpus_twin() of the lookup read the same), in the lookup's order.
 */
struct members {
	const size_t *v;
	size_t n;
};

/* Another article of the group with m's language (a duplicate), or NULL. */
static const struct article_meta *twin_in(const struct corpus *c,
					  const struct members *g,
					  const struct article_meta *m)
{
	size_t k;

	if (!m->lang)
		return NULL;
	for (k = 0; k < g->n; k++) {
		const struct article_meta *o = &c->articles[g->v[k]];

		/* the lookup's key: no language sorts as "" */
		if (o != m && !strcmp(o->lang ? o->lang : "", m->lang))
			return o;
	}
	return NULL;
}

/* Is any selected translation of the group compared with original o? */
static int translations_compared(const struct corpus *c,
				 const struct members *grp,
				 const struct article_meta *o)
{
	size_t k;

	for (k = 0; k < grp->n; k++) {
		size_t i = grp->v[k];
		const struct article_meta *m = &c->articles[i];

		if (m != o && c->selected[i] && m->usable && m->lang &&
		    renders_current(m, o) && !twin_in(c, grp, m))
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
	int diffed;		/* class and counts: from the original now */
	struct qa_class cls;
};

struct bases {
	struct base_side *v;
	size_t n, alloc;
};

static struct base_side *base_side(const struct corpus *c,
				 const struct article_meta *o,
				 const char *digest, struct bases *bs)
{
	struct base_side *b;
	struct buf text = BUF_INIT, rel = BUF_INIT;
	size_t k;

	for (k = 0; k < bs->n; k++)
		if (!strcmp(bs->v[k].digest, digest))
			return bs->v[k].ok ? &bs->v[k] : NULL;
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
	return b->ok ? b : NULL;
}

/*
 * Translation i renders base text b of the original whose blocks are
 * os's: its change class, from the changes of the original since b,
 * worked out once per base text.
 */
static void base_class(const struct qa_job *job, const struct article_meta *o,
		       const struct qa_side *os, struct base_side *b, size_t i)
{
	struct block_change *v = NULL;
	size_t n, k;

	if (!os->blocks)
		return;
	if (!b->diffed) {
		/* the original's list is the pass's own (lazy_norm) */
		block_list_norm_all((struct block_list *)os->blocks);
		block_list_norm_all(&b->l);
		n = blocks_diff(&b->l, os->blocks, NULL, o->lang, &v);
		b->cls.known = 1;
		b->cls.cls = CLASS_EDITORIAL;
		for (k = 0; k < n; k++) {
			enum change_class cls = v[k].cls;

			if (cls > CLASS_SAFETY)
				continue;
			b->cls.counts[cls]++;
			if (cls > b->cls.cls)
				b->cls.cls = cls;
		}
		free(v);
		b->diffed = 1;
	}
	job->classes[i] = b->cls;
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

/*
 * Article m's blocks: as the index cut them, else read now.  *western:
 * 1 when the file they were cut from is the one the index found
 * without an Arabic-Indic digit.
 */
static int blocks_of(const struct qa_job *job, const struct article_meta *m,
		     struct block_list *l, const struct block_list **out,
		     int *western)
{
	const struct corpus *c = job->c;
	const struct fm_where *w = c->fm_where ? &c->fm_where[m - c->articles] : NULL;
	int indexed = 0, rc = 0;

	if (job->pre && job->pre[m - c->articles] && job->pre[m - c->articles]->n) {
		*out = job->pre[m - c->articles];
		indexed = 1;
	} else {
		*out = l;
		rc = load_blocks(c, m, l, &indexed);
	}
	*western = indexed && w && w->filled && !w->arabic_digit;
	return rc;
}

static void qa_group(const struct qa_job *job, const struct members *grp,
		     struct diag_list *d)
{
	const struct corpus *c = job->c;
	struct block_list orig = BLOCK_LIST_INIT;
	struct qa_side os = { NULL, NULL, NULL, NULL, 0, 0 };
	struct bases bases = { NULL, 0, 0 };
	const struct article_meta *o = NULL;
	int orig_loaded = 0;
	size_t k, count = 0;
	enum rule r;

	orig.lazy_norm = 1;	/* QA reads few blocks' norm */
	memcpy(d->ignored, c->cfg.ignore, sizeof(d->ignored));
	if (job->errors_only)
		for (r = R_QA_NUMBER; r <= R_QA_DIGITS; r++)
			if (rule_severity(d->ignored, r, rule_table[r].severity) != SEV_ERROR)
				d->ignored[r] = RULE_OFF;
	/* links are read for qa-link, and tel: targets for qa-phone */
	os.no_links = RULE_SILENCED(d->ignored[R_QA_LINK]) &&
		      RULE_SILENCED(d->ignored[R_QA_PHONE]);
	/* the original: the one article of the id without translated_from */
	for (k = 0; k < grp->n; k++)
		if (!c->articles[grp->v[k]].translated && count++ == 0)
			o = &c->articles[grp->v[k]];
	if (count != 1)
		o = NULL;
	for (k = 0; k < grp->n; k++) {
		size_t i = grp->v[k];
		const struct article_meta *m = &c->articles[i];
		struct block_list mine = BLOCK_LIST_INIT;
		const struct block_list *ml;
		struct qa_side side = { NULL, m->path, m->lang, NULL, 0, os.no_links };
		struct qa_side *with = NULL;
		struct base_side *b;
		int compare, base;

		if (!c->selected[i] || !m->usable || !m->lang)
			continue;
		/* a duplicate id is an error of its own: which of the two
		 * renders the original is not known */
		compare = o && o != m && !twin_in(c, grp, m) && renders_current(m, o);
		base = o && o != m && !twin_in(c, grp, m) && !compare &&
		       renders_base(m, o);
		if (!compare && !base && ((job->flags & QA_COMPARE_ONLY) ||
					  !may_have_own(c, m, job->g)) &&
		    (m != o || !translations_compared(c, grp, o)))
			continue;
		if ((m == o || compare || (base && job->classes)) && !orig_loaded) {
			const struct block_list *ol;

			orig_loaded = 1;
			if (blocks_of(job, o, &orig, &ol, &os.body_western) == 0) {
				os.blocks = ol;
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
		else if (base && (b = base_side(c, o, m->tf_base, &bases)) != NULL) {
			b->side.no_links = os.no_links;
			with = &b->side;
			if (job->classes)
				base_class(job, o, &os, b, i);
		}
		if (!with && ((job->flags & QA_COMPARE_ONLY) || !may_have_own(c, m, job->g)))
			continue;
		mine.lazy_norm = 1;
		if (blocks_of(job, m, &mine, &ml, &side.body_western) < 0)
			goto next;
		side.blocks = ml;
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

static void qa_one(void *ctx, size_t j, int worker)
{
	struct qa_job *job = ctx;
	const struct id_group *g = job->groups[j];
	struct members grp = { job->c->by_id + g->start, g->len };

	(void)worker;
	qa_group(job, &grp, &job->lists[j]);
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

/* ---- inside the index ---------------------------------------------- */

struct qa_stream {
	struct qa_job job;	/* pre: [c->n]; compared: own, or NULL */
	unsigned char *compared;	/* the caller's, or NULL */
	size_t *dir_of;		/* [c->n]: the article's directory */
	size_t *order;		/* [c->n]: articles by directory */
	size_t *dir_start;	/* [ndirs + 1]: into order */
	size_t ndirs;
	atomic_size_t *pending;	/* [ndirs]: files not indexed yet */
	unsigned char *done;	/* [ndirs]: compared in the index */
	atomic_int astray;	/* an article's id is not its directory */
	struct diag_list *lists;	/* [ndirs] */
};

static struct block_list *stream_blocks_for(void *ctx, size_t i)
{
	struct qa_stream *s = ctx;
	const struct corpus *c = s->job.c;
	const struct article_meta *m = &c->articles[i];

	/* what a group may read: its selected articles and its original */
	if (m->usable && m->lang && m->id && (c->selected[i] || !m->translated)) {
		struct block_list *l = xmalloc(sizeof(*l));

		*l = (struct block_list)BLOCK_LIST_INIT;
		l->lazy_norm = 1;	/* QA reads few blocks' norm */
		s->job.pre[i] = l;
		return l;
	}
	return NULL;
}

static void pre_free(struct qa_stream *s, size_t i)
{
	if (s->job.pre[i]) {
		block_list_release(s->job.pre[i]);
		free(s->job.pre[i]);
		s->job.pre[i] = NULL;
	}
}

/* Compare the articles of directory k, then free their blocks. */
static void stream_dir(struct qa_stream *s, size_t k)
{
	const struct corpus *c = s->job.c;
	size_t from = s->dir_start[k], to = s->dir_start[k + 1], n = 0, j, a;
	size_t *v = xcalloc(to - from + 1, sizeof(*v));

	if (!atomic_load(&s->astray)) {
		struct members grp;

		/* the lookup's order: by language, then by path */
		for (j = from; j < to; j++) {
			size_t i = s->order[j];
			const char *lang = c->articles[i].lang ? c->articles[i].lang : "";

			if (!c->articles[i].id)
				continue;
			for (a = n; a > 0; a--) {
				const struct article_meta *p = &c->articles[v[a - 1]];

				if (strcmp(p->lang ? p->lang : "", lang) <= 0)
					break;
				v[a] = v[a - 1];
			}
			v[a] = i;
			n++;
		}
		grp.v = v;
		grp.n = n;
		if (n)
			qa_group(&s->job, &grp, &s->lists[k]);
		s->done[k] = 1;
	}
	for (j = from; j < to; j++)
		pre_free(s, s->order[j]);
	free(v);
}

static void stream_indexed(void *ctx, size_t i, int worker)
{
	struct qa_stream *s = ctx;
	const struct article_meta *m = &s->job.c->articles[i];
	size_t k = s->dir_of[i];

	(void)worker;
	if (m->id && (strlen(m->id) != corpus_rel_dir_len(m->relpath) ||
		      memcmp(m->id, m->relpath, strlen(m->id))))
		atomic_store(&s->astray, 1);
	if (atomic_fetch_sub(&s->pending[k], 1) == 1)
		stream_dir(s, k);
}

struct qa_stream *qa_stream_begin(struct corpus *c, const struct glossary *g,
				  int flags, unsigned char *compared)
{
	struct qa_stream *s = xcalloc(1, sizeof(*s));
	size_t k;

	s->job.c = c;
	s->job.g = g;
	s->job.flags = flags;
	s->job.pre = xcalloc(c->n + 1, sizeof(*s->job.pre));
	s->compared = compared;
	if (compared)
		s->job.compared = xcalloc(c->n + 1, 1);
	s->dir_of = xcalloc(c->n + 1, sizeof(*s->dir_of));
	s->order = xcalloc(c->n + 1, sizeof(*s->order));
	s->dir_start = xcalloc(c->n + 2, sizeof(*s->dir_start));
	s->ndirs = corpus_dirs(c, s->dir_of, s->order, s->dir_start);
	s->pending = xcalloc(s->ndirs + 1, sizeof(*s->pending));
	for (k = 0; k < s->ndirs; k++)
		atomic_init(&s->pending[k], s->dir_start[k + 1] - s->dir_start[k]);
	s->done = xcalloc(s->ndirs + 1, 1);
	s->lists = xcalloc(s->ndirs + 1, sizeof(*s->lists));
	atomic_init(&s->astray, 0);
	c->blocks_for = stream_blocks_for;
	c->indexed = stream_indexed;
	c->index_ctx = s;
	return s;
}

void qa_stream_classes(struct qa_stream *s, struct qa_class *classes)
{
	s->job.classes = classes;
}

void qa_stream_errors_only(struct qa_stream *s)
{
	s->job.errors_only = 1;
}

void qa_stream_finish(struct qa_stream *s, struct corpus *c, struct diag_list *d)
{
	size_t i, k;
	int whole = !atomic_load(&s->astray);

	c->blocks_for = NULL;
	c->indexed = NULL;
	c->index_ctx = NULL;
	for (k = 0; k < s->ndirs; k++)
		whole = whole && s->done[k];
	if (whole) {
		for (k = 0; k < s->ndirs; k++)
			diag_list_append(d, &s->lists[k]);
		if (s->compared)
			memcpy(s->compared, s->job.compared, c->n);
	}
	for (k = 0; k < s->ndirs; k++)
		diag_list_release(&s->lists[k]);
	for (i = 0; i < c->n; i++)
		pre_free(s, i);
	free(s->job.pre);
	free(s->job.compared);
	free(s->dir_of);
	free(s->order);
	free(s->dir_start);
	free(s->pending);
	free(s->done);
	free(s->lists);
	/* not every id is its directory, or the index did not run: after it
	 * (and no class is known: the groups may not have been whole) */
	if (!whole) {
		if (s->job.classes)
			memset(s->job.classes, 0, c->n * sizeof(*s->job.classes));
		qa_run(c, s->job.g, s->job.flags, s->compared, d);
	}
	free(s);
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
