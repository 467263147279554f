/*
 * export_run.c - the run of an export (SPEC 8, 8.1, 8.2, 8.5), step by
 * step; each step is in the file of its concern (export_int.h lists
 * them):
 *   1. corpus_open/select, corpus_index of the frontmatter only, and
 *      checks_cross: every error but those of the bodies is known before
 *      anything is written; templates are compiled (an error stops here);
 *   2. set-up, single-threaded: string catalogs (export_lang.c), which
 *      articles are publishable (not a draft unless asked, no error, a
 *      safe and unique slug) and the id table links resolve through
 *      (export_select.c), the output directories (export_tree.c);
 *   3. the pages, in the worker pool (export_pass.c): each job reads its
 *      article again (so bodies are never all in memory) and runs
 *      validate's body checks in the same md4c parse that renders it, and
 *      cuts its blocks there for translation QA (export_qa.c), so a body
 *      is parsed once; a page is written only when its body has no
 *      error (and, for text, when --encoding has every character of it:
 *      the conversion is the worker's, with its own iconv_t).
 *      Diagnostics go to the job's own list, merged afterwards in article
 *      order.  A page that replaces a file of a directory that existed
 *      waits under its temporary name until the pass is over
 *      (export_settle_staged());
 *   4. only when some body had errors: the waiting pages are given up and
 *      the pages are rendered again without those articles (links to
 *      them would otherwise lead nowhere), each compared with the file
 *      as it was before the run;
 *   5. each language's index (export_index.c), its files (an e-book's
 *      package and images: export_epub.c, export_assets.c), then the
 *      stylesheet (export_format.c).
 *
 * Whether a link, a version or a related article is shown depends only on
 * the corpus (publishable or not), never on --lang, PATHs or -j, so a page
 * comes out byte-identical however the run was restricted.  The one
 * exception is an e-book: it must hold every page it links to, so its
 * links follow what the run puts in it (PATHs select its articles).
 */
#include "export_int.h"
#include "checks.h"
#include "export_manifest.h"
#include "interrupt.h"
#include "util.h"
#include "pool.h"

#include <stdlib.h>
#include <unistd.h>

/* What struct export holds, whether the run went to the end or not. */
static void export_release(struct export *x)
{
	size_t i;

	for (i = 0; x->langs && i < x->c.cfg.nlang; i++) {
		catalog_release(&x->langs[i].cat);
		if (x->langs[i].code_esc != x->langs[i].code)
			free(x->langs[i].code_esc);
		free(x->langs[i].dir);
		free(x->langs[i].stage);
		export_bimages_free(x->langs[i].img, x->langs[i].nimg);
	}
	free(x->langs);
	for (i = 0; x->slug_esc && i < x->c.n; i++)
		if (x->slug_esc[i] != x->slug[i])
			free((char *)x->slug_esc[i]);
	free(x->slug_esc);
	if (x->base_esc != x->c.cfg.base_url)
		free(x->base_esc);
	free(x->slug);
	for (i = 0; x->title_key && i < x->c.n; i++)
		free(x->title_key[i]);
	free(x->title_key);
	free(x->lix);
	free(x->pub);
	free(x->stale);
	free(x->ids);
	free(x->by_lang_pool);
	for (i = 0; i < x->ntpls; i++) {
		mustache_free(x->tpls[i].t);
		free(x->tpls[i].name);
		free(x->tpls[i].file);
	}
	free(x->tpls);
	free(x->outdir);
	free(x->outdir_abs);
	arena_release(&x->arena);
	encoding_release(&x->enc);
	corpus_release(&x->c);
}

/* 9999-12-31T23:59:59Z: the last time a dcterms:modified can write */
#define EPOCH_MAX 253402300799LL

/*
 * SOURCE_DATE_EPOCH (reproducible-builds.org): seconds since 1970 as
 * decimal digits, up to EPOCH_MAX; -1 when unset or empty, -2 when it is
 * anything else (a build asked to be reproducible must not go on with
 * the clock or a year of five digits).
 */
static long long source_date_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	long long v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -2;
		v = v * 10 + (*s - '0');
		if (v > EPOCH_MAX)
			return -2;
	}
	return v;
}

/* ---- the run, step by step ---- */

/* The languages of the run: codes, typography, which --lang asks for. */
static int run_langs(struct export *x, struct diag_list *d)
{
	const struct export_opts *o = x->o;
	struct corpus *c = &x->c;
	size_t i, k;
	int bad = 0;

	x->src = (size_t)config_lang(&c->cfg, c->cfg.source_language);
	x->langs = xcalloc(c->cfg.nlang + 1, sizeof(*x->langs));
	for (k = 0; k < c->cfg.nlang; k++) {
		x->langs[k].code = c->cfg.languages[k];
		x->langs[k].code_esc = export_url_escaped(x->langs[k].code);
		x->langs[k].typo = typo_lang_of(x->langs[k].code);
		x->langs[k].rtl = c->cfg.rtl[k];
		x->langs[k].wanted = !o->nlangs;
	}
	for (i = 0; i < (size_t)o->nlangs; i++) {
		int kk = config_lang(&c->cfg, o->langs[i]);

		if (kk < 0) {
			char *cfgpath = corpus_path(c, "folio.yaml");

			diag(d, R_CONFIG, cfgpath, 0, 0, NULL,
			     "--lang '%s' is not one of the configured languages",
			     o->langs[i]);
			free(cfgpath);
			bad = 1;
		} else {
			x->langs[kk].wanted = 1;
		}
	}
	return bad ? -1 : 0;
}

/* What the text formats take, and the date books say they were made. */
static int run_output_options(struct export *x)
{
	const struct export_opts *o = x->o;

	if (x->f->text) {
		x->width = o->width ? (unsigned)o->width : RENDER_TEXT_WIDTH;
		if (encoding_open(&x->enc, o->encoding, o->translit) < 0)
			return -1;
	} else {
		x->enc.utf8 = 1;
	}
	x->epoch = source_date_epoch();
	if (x->epoch == -2) {
		fprintf(stderr, "folio: SOURCE_DATE_EPOCH must be seconds since "
			"1970, from 0 to %lld (9999-12-31), got '%s'\n",
			EPOCH_MAX, getenv("SOURCE_DATE_EPOCH"));
		return -1;
	}
	return 0;
}

/*
 * The corpus, the languages, the options and the templates: -1 on a
 * usage error, before anything is indexed.
 */
static int run_open(struct export *x, int nsc, struct diag_list *d)
{
	const struct export_opts *o = x->o;
	struct corpus *c = &x->c;
	size_t i;

	if (corpus_open(c, o->npaths ? o->paths[0] : NULL, nsc, d) < 0 ||
	    corpus_select(c, o->paths, o->npaths, d) < 0)
		return -1;
	if (run_langs(x, d) < 0 || run_output_options(x) < 0)
		return -1;
	x->yes = ynode_bool(&x->arena, 1);
	x->no = ynode_bool(&x->arena, 0);
	x->null = ynode_new(&x->arena, Y_NULL);
	for (i = 0; i < ARRAY_SIZE(x->small_int); i++)
		x->small_int[i] = ynode_int(&x->arena, (long long)i);
	return export_load_templates(x, d);
}

/* The pages and articles the summary line counts. */
static void run_tally(const struct run *run, struct export_result *r)
{
	const struct export *x = run->x;
	size_t i;

	for (i = 0; i < run->njobs; i++) {
		const struct job *j = &run->jobs[i];

		if (j->bad_template)
			r->usage_error = 1;
		if (j->render && !j->failed && j->refused)
			r->skipped++;
		if (!j->render || j->failed || j->bad_template || j->refused)
			continue;
		export_count_write(r, j->wrote);
		if (j->wrote != WRITE_FAILED)
			r->pages++;
	}
	for (i = 0; i < x->c.n; i++) {
		if (!export_reported(x, i))
			continue;
		r->files++;
		if (!x->pub[i])
			r->skipped++;
	}
}

/* An e-book holds the images its written pages show: theirs, gathered. */
static void run_book_images(struct run *run)
{
	struct export *x = run->x;
	size_t i;

	for (i = 0; i < run->njobs; i++) {
		struct job *j = &run->jobs[i];
		struct xlang *L;

		if (!j->render || j->failed || j->bad_template || j->refused ||
		    j->wrote == WRITE_FAILED)
			continue;
		L = &x->langs[x->lix[j->art]];
		L->images += j->images;
		L->images_alt += j->images_alt;
		if (j->nimg) {
			GROW(L->img, L->aimg, L->nimg + j->nimg);
			memcpy(L->img + L->nimg, j->img, j->nimg * sizeof(*j->img));
			L->nimg += j->nimg;
		}
		free(j->img);
		j->img = NULL;
		j->nimg = j->aimg = 0;
	}
}

/*
 * Each language's files (an e-book's package), the stylesheet, the
 * books zipped or the new directories put in place, and the manifest.
 */
static void run_put_in_place(struct run *run, struct diag_list *all,
			     struct diag_list *d, struct export_result *r)
{
	struct export *x = run->x;
	size_t k;

	for (k = 0; x->f->lang_files && k < x->c.cfg.nlang; k++)
		if (x->langs[k].dir && x->langs[k].has_pages &&
		    x->f->lang_files(x, k, all, r) < 0) {
			r->write_error = 1;
			x->langs[k].book_failed = 1;
		}
	export_write_stylesheet(x, all, r);
	if (x->f->zip) {
		export_zip_books(x, run->nsc, all, r);
		export_give_up_stages(x);
	} else {
		export_unstage(x, all, r);
	}
	export_finish_manifest(x, run->jobs, run->njobs, d, r);
}

/* What a run holds, whether it went to the end or stopped short. */
static void run_release(struct run *run, size_t nart, size_t nlang)
{
	size_t i, k;

	diag_list_release(&run->index_d);
	free(run->index_wrote);
	for (k = 0; run->index_tmp && k < nlang; k++) {
		if (run->index_tmp[k].len)	/* a run that stopped short */
			unlink(run->index_tmp[k].buf);
		buf_release(&run->index_tmp[k]);
	}
	free(run->index_tmp);
	for (i = 0; run->jobs && i < nart + 1; i++) {
		export_bimages_free(run->jobs[i].img, run->jobs[i].nimg);
		export_dangling_free(&run->jobs[i]);
		export_xfrags_free(&run->jobs[i]);
		/* reports left unmerged by a run that stopped short */
		diag_list_release(&run->jobs[i].d);
	}
	free(run->jobs);
	free(run->sc);
}

int export_run(const struct export_opts *o, struct diag_list *d,
	       struct export_result *r)
{
	struct export x;
	struct export_manifest man;
	struct diag_list all = DIAG_LIST_INIT;
	struct run run;
	int nsc = pool_jobs(o->jobs);

	memset(&x, 0, sizeof(x));
	memset(r, 0, sizeof(*r));
	memset(&run, 0, sizeof(run));
	export_manifest_init(&man);
	x.man = &man;
	x.o = o;
	x.f = export_format_find(o->format);
	if (!x.f) {
		r->usage_error = 1;
		export_manifest_release(&man);
		return -1;
	}
	run.x = &x;
	run.nsc = nsc;
	if (run_open(&x, nsc, d) < 0) {
		r->usage_error = 1;
		goto out;
	}

	/*
	 * The frontmatter of every article and the cross-file rules; the
	 * bodies are checked in the pages' own parse, below.
	 */
	corpus_index(&x.c, INDEX_KEEP | INDEX_DIGEST_BASED | INDEX_FM_WHERE, &all);
	if (interrupt_caught())	/* an index left part done */
		goto out;
	checks_cross(&x.c, &all);
	export_load_catalogs(&x, &all);
	export_select_articles(&x, &all, nsc);
	export_prepare_langs(&x);

	/* stopped by a signal: nothing is written yet, nothing is */
	if (interrupt_caught())
		goto out;
	if (export_open_output(&x, &all, r) < 0)
		goto merge;
	export_first_pass(&run);
	if (interrupt_caught()) {
		export_give_up_stages(&x);
		goto out;
	}
	export_first_reports(&run, &all);
	if (run.late ? export_second_pass(&run, &all) < 0 :
	    run.redo && export_redo_pass(&run, &all) < 0) {
		export_give_up_stages(&x);
		goto out;
	}
	run_tally(&run, r);
	run_book_images(&run);
	export_finish_indexes(&run, &all, r);
	run_put_in_place(&run, &all, d, r);
	export_report_templates(&x, &all);
merge:
	export_keep_diags(&x, &all, d);
out:
	diag_list_release(&all);
	run_release(&run, x.c.n, x.c.cfg.nlang);
	export_release(&x);
	export_manifest_release(&man);
	return r->usage_error || r->write_error ? -1 : 0;
}
