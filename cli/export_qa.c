/*
 * export_qa.c - translation QA in the page pass (SPEC 8, 13).
 *
 * An article with validation errors is not exported, and a translation
 * whose numbers, units or phone numbers differ from its original's has
 * such errors: a page must never tell a patient 50 mg where the original
 * says 500 mg.  The comparison is validate's own stream (qa_run.c), with
 * the same glossary, `rules:` levels and ignore directives, so export
 * refuses exactly the translations validate fails.  Its blocks are cut in
 * the parse that renders each page (the frontmatter's from the index's
 * fm_where), and a directory is compared once its last article's page is
 * made: no body is read or parsed twice.  A translation found wrong after
 * its page was made fails as a body error does (export_first_pass():
 * pages waiting under temporary names are given up, the others made
 * again without it); its page, when it went straight into a new
 * directory, is removed.
 */
#include "export_int.h"
#include "blocks.h"
#include "glossary.h"
#include "markdown.h"
#include "qa.h"
#include "util.h"

#include <stdlib.h>
#include <unistd.h>

struct export_qa {
	struct qa_stream *stream;
	struct glossary *g;
	int raw_norm;		/* blocks without their normalized text */
};

void export_qa_begin(struct run *run)
{
	struct corpus *c = &run->x->c;
	struct diag_list quiet = DIAG_LIST_INIT;
	unsigned char *has_job;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->selected[i] && c->articles[i].translated)
			break;
	if (i == c->n || !c->fm_where)
		return;
	run->qa = xcalloc(1, sizeof(*run->qa));
	/*
	 * export shows errors only: the glossary's findings are warnings
	 * unless rules: raises them (or qa-untranslated, whose 'keep' names
	 * it reads).  An unusable entry is validate's to report.
	 */
	if (rule_severity(c->cfg.ignore, R_QA_GLOSSARY, SEV_WARNING) == SEV_ERROR ||
	    rule_severity(c->cfg.ignore, R_QA_UNTRANSLATED, SEV_WARNING) == SEV_ERROR)
		run->qa->g = glossary_load(c, &quiet);
	/* those two are the only rules that compare normalized text */
	run->qa->raw_norm = !run->qa->g;
	diag_list_release(&quiet);
	run->qa->stream = qa_stream_begin(c, run->qa->g, 0, NULL);
	qa_stream_errors_only(run->qa->stream);
	/* an article no job reads is read by the comparison itself */
	has_job = xcalloc(c->n + 1, 1);
	for (i = 0; i < run->njobs; i++)
		has_job[run->jobs[i].art] = 1;
	for (i = 0; i < c->n; i++)
		if (!has_job[i])
			c->indexed(c->index_ctx, i, 0);
	free(has_job);
}

struct blocks_walk *export_qa_walk(struct run *run, size_t art,
				   const struct md_src *src,
				   const struct article *a,
				   struct md_check *chk)
{
	struct corpus *c = &run->x->c;
	const struct article_meta *m = &c->articles[art];
	struct block_list *bl;
	struct blocks_walk *bw;
	struct article fm;

	if (!run->qa || !chk || !c->blocks_for ||
	    !(bl = c->blocks_for(c->index_ctx, art)))
		return NULL;
	/* no error-level rule reads a block's normalized text: skip it */
	bl->raw_norm = run->qa->raw_norm;
	/* the frontmatter's blocks, where the index found them */
	article_init(&fm, m->path);
	blocks_of_body(bl, &c->fm_where[art], m->title, m->summary, &fm);
	article_release(&fm);
	bw = blocks_walk_new(bl, src, a->body, a->body_len);
	md_check_also(chk, blocks_walk_parser(), blocks_walk_data(bw));
	return bw;
}

void export_qa_done(struct run *run, size_t art, struct blocks_walk *bw,
		    int worker)
{
	struct corpus *c = &run->x->c;

	if (bw)
		blocks_walk_end(bw);
	if (run->qa && run->check && c->indexed)
		c->indexed(c->index_ctx, art, worker);
}

/*
 * The page of job j, given up: not listed as produced, and removed when
 * it went straight into a directory no reader sees yet (a page waiting
 * under a temporary name is given up with the others, and the old page
 * stays, with page-kept's warning).
 */
static void unwrite(const struct run *run, struct job *j)
{
	const struct export *x = run->x;
	struct buf path = BUF_INIT;

	if (j->wrote == WRITE_FAILED || !x->langs[x->lix[j->art]].dir)
		return;
	buf_addf(&path, "%s/%s%s", x->langs[x->lix[j->art]].dir,
		 x->slug[j->art], x->f->ext);
	export_unnote(x, path.buf);
	if (!j->staged && j->wrote == WRITE_DONE)
		unlink(path.buf);
	j->wrote = WRITE_FAILED;
	buf_release(&path);
}

void export_qa_finish(struct run *run)
{
	struct corpus *c = &run->x->c;
	struct diag_list qd = DIAG_LIST_INIT;
	long *job_of;
	size_t i;

	if (!run->qa)
		return;
	memcpy(qd.ignored, c->cfg.ignore, sizeof(qd.ignored));
	qa_stream_finish(run->qa->stream, c, &qd);
	glossary_free(run->qa->g);
	free(run->qa);
	run->qa = NULL;
	job_of = xmalloc((c->n + 1) * sizeof(*job_of));
	for (i = 0; i < c->n; i++)
		job_of[i] = -1;
	for (i = 0; i < run->njobs; i++)
		job_of[run->jobs[i].art] = (long)i;
	for (i = 0; i < qd.n; i++) {
		struct diag *g = &qd.v[i];
		long k = g->file ? export_article_by_path(c, g->file) : -1;
		struct job *j;

		if (k < 0 || job_of[k] < 0)
			continue;
		j = &run->jobs[job_of[k]];
		if (g->severity == SEV_ERROR && !j->failed) {
			j->failed = 1;
			unwrite(run, j);
		}
		/* reported with the article's own findings */
		GROW(j->d.v, j->d.alloc, j->d.n + 1);
		j->d.v[j->d.n] = *g;
		j->d.v[j->d.n].seq = j->d.n;
		j->d.n++;
		memset(g, 0, sizeof(*g));
	}
	free(job_of);
	diag_list_release(&qd);
}
