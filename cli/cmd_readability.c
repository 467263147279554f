/*
 * cmd_readability.c - `folio readability`: how hard each article is to
 * read, in its language (SPEC 15).
 */
#include "atomic.h"
#include "buf.h"
#include "corpus.h"
#include "escape.h"
#include "main.h"
#include "markdown.h"
#include "opts.h"
#include "prose.h"
#include "readability.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_line[] =
	"folio readability [--lang L]... [--format text|json|html] [-o FILE] [-j N] [PATH...]";
static const char about[] =
	"Measure how hard each article is to read: sentences, words, syllables,\n"
	"the longest sentences, the score of the language's formula and its band;\n"
	"a translation much harder to read than its original is flagged.";

/* What the workers fill: one measure per article, at its index. */
struct measure {
	const struct corpus *c;
	struct rd_stats *stats;
	unsigned char *done;
	struct syl_cache *caches;	/* one per worker */
};

static void measure_seg(void *ctx, const struct prose_seg *seg)
{
	if (prose_measured(seg))
		rd_segment(ctx, seg);
}

static void measure_body(void *ctx, size_t i, int worker, const struct article *a,
			 const struct md_src *src, struct md_check *chk,
			 struct diag_list *d)
{
	struct measure *ms = ctx;
	struct readability r;
	struct prose *p;

	(void)a;
	(void)chk;
	(void)d;
	rd_init(&r, ms->c->articles[i].lang);
	r.cache = &ms->caches[worker];
	p = prose_new(src, measure_seg, &r);
	md_run(src, &prose_parser, p);
	prose_free(p);
	ms->stats[i] = r.stats;
	ms->done[i] = 1;
}

static void fill(struct rd_article *x, const struct article_meta *m,
		 const struct rd_stats *s)
{
	memset(x, 0, sizeof(*x));
	x->file = m->path;
	x->lang = m->lang;
	x->title = m->title;
	x->syl = syl_lang_of(m->lang);
	x->stats = *s;
	x->band = BAND_NONE;
	x->original_band = BAND_NONE;
	if (rd_score(s, x->syl, &x->score) == 0) {
		x->has_score = 1;
		x->band = rd_band_of(x->score);
	}
}

/* Compare each translation with its original (measured too). */
static void compare(struct rd_article *x, const struct corpus *c,
		    const struct article_meta *m, const struct measure *ms)
{
	const struct article_meta *o;
	struct rd_article ox;
	size_t count = 0;

	if (!m->translated || !m->id)
		return;
	o = corpus_original(c, m->id, &count);
	if (!o || count != 1 || !ms->done[o - c->articles])
		return;
	fill(&ox, o, &ms->stats[o - c->articles]);
	x->original = o->path;
	x->original_band = ox.band;
	if (x->band != BAND_NONE && ox.band != BAND_NONE &&
	    (int)x->band - (int)ox.band >= 2)
		x->much_harder = 1;
}

int cmd_readability(int argc, const char **argv, const struct global_opts *g)
{
	struct corpus c;
	struct diag_list d = DIAG_LIST_INIT;
	struct opt_list langs = { NULL, 0, 0, NULL, 0 };
	struct measure ms = { NULL, NULL, NULL, NULL };
	struct rd_report rep = { NULL, 0 };
	struct buf out = BUF_INIT;
	struct diag_out o = { FMT_TEXT, 0, 0 };
	enum report_format format = REPORT_TEXT;
	const char *format_name = "text", *output = NULL;
	unsigned char *on = NULL;
	int jobs = default_jobs(), first, nargs, ret;
	size_t i;
	const struct opt opts[] = {
		{ "lang", 0, OPT_LIST, &langs, "L", "report only language L (repeatable)" },
		{ "format", 0, OPT_STRING, &format_name, "F", "text, json or html" },
		{ "output", 'o', OPT_STRING, &output, "FILE",
		  "write the report to FILE (atomically)" },
		{ "jobs", 'j', OPT_INT, &jobs, "N", "read N files at once (default: CPUs)" },
		{ NULL, 0, 0, NULL, NULL, NULL },
	};

	(void)g;
	memset(&c, 0, sizeof(c));
	ret = opts_parse(argc, argv, opts, usage_line, about, &first, &nargs);
	if (ret) {
		ret = ret > 0 ? EXIT_OK : EXIT_USAGE;
		goto out;
	}
	ret = EXIT_USAGE;
	if (cmd_report_format(format_name, REPORT_NO_GITHUB, &format) < 0 ||
	    cmd_output_check(&output) < 0)
		goto out;
	if (corpus_open(&c, nargs ? argv[first] : NULL, jobs, &d) < 0 ||
	    corpus_select(&c, argv + first, nargs, &d) < 0) {
		diag_list_sort(&d);
		for (i = 0; i < d.n; i++)
			diag_print_one(&d.v[i], &o, stderr);
		goto out;
	}
	on = cmd_lang_select(&c.cfg, langs.v, langs.n);
	if (!on || cmd_output_outside(output, &c) < 0)
		goto out;

	/* every body is measured: a translation is compared with its original */
	ms.c = &c;
	ms.stats = xcalloc(c.n ? c.n : 1, sizeof(*ms.stats));
	ms.done = xcalloc(c.n ? c.n : 1, 1);
	ms.caches = xcalloc((size_t)c.jobs, sizeof(*ms.caches));
	c.body_walk = measure_body;
	c.body_ctx = &ms;
	/* schema findings are validate's: readability does not say them */
	corpus_index(&c, INDEX_BODY | INDEX_NO_LINKS | INDEX_NO_SCHEMA, &d);
	/* a file that cannot be read is said; its article is left out */
	diag_list_sort(&d);
	for (i = 0; i < d.n; i++)
		if (d.v[i].severity == SEV_ERROR && d.v[i].rule != R_SCHEMA)
			diag_print_one(&d.v[i], &o, stderr);

	rep.v = xcalloc(c.n ? c.n : 1, sizeof(*rep.v));
	for (i = 0; i < c.n; i++) {
		const struct article_meta *m = &c.articles[i];
		int li;

		if (!c.selected[i] || !ms.done[i] || !m->lang)
			continue;
		li = config_lang(&c.cfg, m->lang);
		if (li < 0 || !on[li])
			continue;
		fill(&rep.v[rep.n], m, &ms.stats[i]);
		compare(&rep.v[rep.n], &c, m, &ms);
		rep.n++;
	}
	switch (format) {
	case REPORT_JSON: rd_report_json(&rep, &out); break;
	case REPORT_HTML: rd_report_html(&rep, &out); break;
	default: rd_report_text(&rep, &out); break;
	}
	ret = cmd_write_report(output, &out);
out:
	free(rep.v);
	free(ms.stats);
	free(ms.done);
	for (i = 0; ms.caches && i < (size_t)c.jobs; i++)
		syl_cache_release(&ms.caches[i]);
	free(ms.caches);
	free(on);
	buf_release(&out);
	opt_list_release(&langs);
	corpus_release(&c);
	diag_list_release(&d);
	return ret;
}
