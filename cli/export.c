/*
 * export.c - the export pipeline: which articles, their page data, the
 * templates, and the files (SPEC 8, 8.1, 8.2, 8.5).
 *
 * The run, in order:
 *   1. corpus_open/select, corpus_index of the frontmatter only, and
 *      checks_cross: every error but those of the bodies is known before
 *      anything is written; templates are compiled (an error stops here);
 *   2. set-up, single-threaded: string catalogs, which articles are
 *      publishable (not a draft unless asked, no error, a safe and unique
 *      slug), the id table links resolve through, the output directories;
 *   3. the pages, in the worker pool: each job reads its article again (so
 *      bodies are never all in memory) and runs validate's body checks in
 *      the same md4c parse that renders it, so a body is parsed once; a
 *      page is written only when its body has no error (and, for text,
 *      when --encoding has every character of it: the conversion is the
 *      worker's, with its own iconv_t).  Diagnostics go to the job's own
 *      list, merged afterwards in article order.  A page that replaces a
 *      file of a directory that existed waits under its temporary name
 *      until the pass is over (export_settle_staged());
 *   4. only when some body had errors: the waiting pages are given up and
 *      the pages are rendered again without those articles (links to
 *      them would otherwise lead nowhere), each compared with the file
 *      as it was before the run;
 *   5. each language's index (an e-book's table of contents), its files
 *      (an e-book's package and images), then the stylesheet.
 *
 * Whether a link, a version or a related article is shown depends only on
 * the corpus (publishable or not), never on --lang, PATHs or -j, so a page
 * comes out byte-identical however the run was restricted.  The one
 * exception is an e-book: it must hold every page it links to, so its
 * links follow what the run puts in it (PATHs select its articles).
 */
#include "export.h"
#include "export_catalog.h"
#include "export_int.h"
#include "export_manifest.h"
#include "arena.h"
#include "article.h"
#include "atomic.h"
#include "buf.h"
#include "checks.h"
#include "collate.h"
#include "corpus.h"
#include "date.h"
#include "diag.h"
#include "embed.h"
#include "encode.h"
#include "epub.h"
#include "epub_zip.h"
#include "escape.h"
#include "integrity.h"
#include "interrupt.h"
#include "markdown.h"
#include "mustache.h"
#include "pool.h"
#include "render.h"
#include "slugs.h"
#include "svgcheck.h"
#include "typo.h"
#include "util.h"
#include "yaml_tree.h"
#include "zip_write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

struct export;

/* ---- building page data ---- */

struct pg;


/*
 * validate's link-target rule for one article, once its body has told
 * its article: links: an id that no article has (the same message as
 * checks.c, which sees no links when the index skips the bodies).
 */
static void check_links(const struct export *x, struct article_meta *m,
			struct diag_list *d)
{
	size_t k;

	for (k = 0; k < m->nlinks; k++) {
		if (!export_id_find(x, m->links[k].id, strlen(m->links[k].id)))
			diag(d, R_LINK_TARGET, m->path, m->links[k].pos.line,
			     m->links[k].pos.col, NULL,
			     "link to an article that does not exist: 'article:%s'",
			     m->links[k].id);
		free(m->links[k].id);
		free(m->links[k].frag);
	}
	/* checked: the index does not keep them (memory stays flat) */
	free(m->links);
	m->links = NULL;
	m->nlinks = 0;
}

/*
 * A text page shows its stale notice, with the link to the original,
 * before the body: that link is number 1, so the body's links are
 * numbered after it, in reading order.
 */
static void seed_refs(const struct export *x, size_t art,
		      struct render_info *info)
{
	const struct article_meta *m = &x->c.articles[art];
	const struct xid *e = m->id ? export_id_find(x, m->id, strlen(m->id)) : NULL;
	struct buf url = BUF_INIT;

	if (export_is_stale(x, art) && e && e->orig >= 0 && (size_t)e->orig != art &&
	    x->pub[e->orig] && export_href_to(x, (size_t)x->lix[art], (size_t)e->orig,
				       0, &url) == 0)
		render_refs_add(&info->refs, url.buf, url.len);
	buf_release(&url);
}

const char *export_find_bytes(const char *s, size_t n, const char *w,
			      size_t wn)
{
	const char *p = s, *end = s + n;

	while (wn && (size_t)(end - p) >= wn &&
	       (p = memchr(p, w[0], (size_t)(end - p) - wn + 1)) != NULL) {
		if (!memcmp(p, w, wn))
			return p;
		p++;
	}
	return NULL;
}

/* "U+0644 ARABIC LETTER LAM 'ل'": the character, named as well as we can. */
static void describe_char(struct buf *out, unsigned cp)
{
	const char *name = encode_char_name(cp);
	utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);

	buf_addf(out, "U+%04X", cp);
	if (name)
		buf_addf(out, " %s", name);
	/* shown only when it shows: not a mark, a space or a control */
	if (cp != 0xFFFD && cat >= UTF8PROC_CATEGORY_LU &&
	    cat <= UTF8PROC_CATEGORY_SO && cat != UTF8PROC_CATEGORY_MN &&
	    cat != UTF8PROC_CATEGORY_MC && cat != UTF8PROC_CATEGORY_ME) {
		buf_adds(out, " '");
		buf_addcp(out, cp);
		buf_addc(out, '\'');
	}
}

/*
 * The characters a page has that --encoding lacks: each at its first
 * place in the article's file when it is there (the usual case: the text
 * is the author's), else at its line in the text output (typography, a
 * catalog string, another article's title), saying so.
 */
static void report_unmappable(const struct export *x,
			      const struct article_meta *m,
			      const struct article *a, const char *dir,
			      const char *name, const struct buf *page,
			      const struct encode_bad *bad, struct diag_list *d)
{
	struct buf what = BUF_INIT, u = BUF_INIT;
	size_t i;

	for (i = 0; i < bad->n; i++) {
		const char *hit, *p;
		unsigned line = 1, col = 1;
		size_t k;

		buf_reset(&what);
		buf_reset(&u);
		describe_char(&what, bad->v[i].cp);
		buf_addcp(&u, bad->v[i].cp);
		hit = export_find_bytes(a->text.buf, a->text.len, u.buf, u.len);
		if (hit) {
			for (p = a->text.buf; p < hit; p++) {
				if (*p == '\n') {
					line++;
					col = 1;
				} else {
					col++;
				}
			}
			diag(d, R_UNMAPPABLE, m->path, line, col, NULL,
			     "'%s' has no %s: %s/%s not written", x->enc.name,
			     what.buf, dir, name);
			continue;
		}
		for (k = 0; k < bad->v[i].offset && k < page->len; k++)
			if (page->buf[k] == '\n')
				line++;
		diag(d, R_UNMAPPABLE, m->path, 0, 0, NULL,
		     "'%s' has no %s (line %u of the text, not in the source): "
		     "%s/%s not written", x->enc.name, what.buf, line, dir, name);
	}
	if (bad->more)
		diag(d, R_UNMAPPABLE, m->path, 0, 0, NULL,
		     "'%s' lacks %zu more characters of this page: %s/%s not "
		     "written (--translit approximates them)", x->enc.name,
		     bad->more, dir, name);
	buf_release(&what);
	buf_release(&u);
}

static void page_job(void *ctx, size_t i, int worker)
{
	struct run *run = ctx;
	struct export *x = run->x;
	struct job *j = &run->jobs[i];
	struct scratch *sc = &run->sc[worker];
	struct article_meta *m = &x->c.articles[j->art];
	struct diag_list load = DIAG_LIST_INIT;
	struct render_info info = RENDER_INFO_INIT;
	struct md_check *chk = NULL;
	struct render_opts ro;
	struct resolve_ctx rc;
	struct image_ctx ic;
	struct article a;
	struct md_src src;
	struct ynode *data;
	struct buf name = BUF_INIT, *page;
	struct xlang *L;
	/* a page written by the first pass stays "written" if the second
	 * pass finds it up to date */
	enum write_result before = j->wrote;
	int rc_t, how;

	j->wrote = WRITE_FAILED;
	j->refused = 0;
	j->made = SIZE_MAX;
	export_bimages_free(j->img, j->nimg);
	j->img = NULL;
	j->nimg = j->aimg = 0;
	j->images = j->images_alt = 0;
	if (run->check)
		export_dangling_free(j);
	memcpy(j->d.ignored, x->c.cfg.ignore, sizeof(j->d.ignored));
	memcpy(load.ignored, x->c.cfg.ignore, sizeof(load.ignored));
	article_init(&a, m->path);
	memset(&src, 0, sizeof(src));	/* released at out: even unset */
	/* the index holds the frontmatter: read the body, parse no YAML */
	rc_t = article_read(&a, m->path, &m->file, m->fd_kept ? m->fd : -1,
			    &load);
	m->fd_kept = 0;	/* closed: a second pass opens the file again */
	if (rc_t < 0 || !a.body || !m->keep) {
		/*
		 * The index reported why, unless the file changed since: then
		 * say why it is left out now.
		 */
		if (!m->errors)
			diag_list_append(&j->d, &load);
		j->failed = 1;
		goto out;
	}
	md_src_init(&src, a.body, a.body_len, a.body_line);
	if (run->check)
		chk = md_check_new(&src, m->path, m, &j->d);
	if (!j->render) {
		md_check_run(chk);
		md_check_free(chk);
		check_links(x, m, &j->d);
		j->failed = diag_count(&j->d).errors > 0;
		goto out;
	}
	L = &x->langs[x->lix[j->art]];
	rc.x = x;
	rc.lang = (size_t)x->lix[j->art];
	memset(&ro, 0, sizeof(ro));
	ro.lang = L->code;
	ro.rtl = L->rtl;
	/* load() checked the whole file's UTF-8 */
	ro.flags = x->f->render_flags | RENDER_VALID_UTF8;
	ro.resolve = export_resolve;
	ro.resolve_ctx = &rc;
	ro.width = x->width;
	ro.html_keep = sc->html_keep;
	ro.text_keep = sc->text_keep;
	if (x->f->book || x->f->lang_files == export_web_files) {
		ic.x = x;
		ic.art = j->art;
		ic.j = j;
		ic.a = &a;
		ro.image = x->f->book ? export_book_image : export_web_image;
		ro.image_ctx = &ic;
		ro.link = x->f->book ? export_book_link : export_web_link;
		ro.link_ctx = &ic;
	}
	buf_reset(&sc->body);
	/* the headings' strings live as long as the page's data */
	info.arena = &sc->arena;
	if (x->f->text)
		seed_refs(x, j->art, &info);
	x->f->body(&src, chk, &ro, &sc->body, &info);
	if (chk && x->f->book && export_book_dangling(j, chk, m)) {
		/* again, those links as text; what it reports, once */
		struct render_info fresh = RENDER_INFO_INIT;
		size_t had = j->d.n;

		render_info_release(&info);
		info = fresh;
		info.arena = &sc->arena;
		buf_reset(&sc->body);
		x->f->body(&src, NULL, &ro, &sc->body, &info);
		diag_list_truncate(&j->d, had);
	}
	if (chk) {
		md_check_free(chk);
		check_links(x, m, &j->d);
		if (diag_count(&j->d).errors) {
			j->failed = 1;
			goto out;
		}
	}

	sc->pg.x = x;
	sc->pg.lang = rc.lang;
	sc->pg.rtl = L->rtl;
	sc->pg.a = &sc->arena;
	data = export_page_data(&sc->pg, j->art, m->keep, sc->body.buf, sc->body.len,
			 &info);
	buf_reset(&sc->page);
	j->made = j->d.n;
	if (x->f->page_fn) {
		if (x->f->page_fn(x, data, &info, &sc->page) < 0)
			goto out;
	} else if ((rc_t = mustache_render_hinted(x->page_t, data, export_partial,
						  x, &sc->page, &sc->hints,
						  /* every string comes from a
						   * file load() or libyaml
						   * checked, or from folio */
						  1)) < 0) {
		diag(&j->d, R_TEMPLATE, export_tpl_find(x, x->f->page_template)->file,
		     0, 0, NULL, "%s", mustache_runaway_msg(rc_t));
		j->bad_template = 1;
		goto out;
	}
	buf_adds(&name, x->slug[j->art]);
	buf_adds(&name, x->f->ext);
	page = &sc->page;
	if (x->f->text && !x->enc.utf8) {
		struct encode_bad bad;

		buf_reset(&sc->conv);
		if (encoder_convert(&sc->enc, sc->page.buf, sc->page.len,
				    &sc->conv, &bad) < 0) {
			struct buf shown = BUF_INIT;

			export_shown_dir(x, L, &shown);
			report_unmappable(x, m, &a, shown.buf, name.buf,
					  &sc->page, &bad, &j->d);
			buf_release(&shown);
			j->refused = 1;
			goto out;
		}
		page = &sc->conv;
	}
	if (x->f->zip) {
		/* deflated here, in parallel: the book only copies it */
		buf_reset(&sc->conv);
		if (zip_deflate_blob(page->buf, page->len, &sc->conv) < 0) {
			diag(&j->d, R_WRITE, m->path, 0, 0, NULL,
			     "cannot compress its page for the book");
			goto out;
		}
		page = &sc->conv;
	}
	how = export_lang_how(L);
	if (L->fresh && before == WRITE_FAILED)
		how |= WRITE_FRESH;
	if (run->check && !(how & WRITE_HIDDEN)) {
		struct buf tmp = BUF_INIT;

		j->wrote = export_write_file_defer(x, L->dir, how, name.buf, page->buf,
					    page->len, &tmp, &j->d);
		if (tmp.len)
			j->staged = buf_detach(&tmp, NULL);
		buf_release(&tmp);
	} else {
		j->wrote = export_write_file(x, L->dir, how, name.buf, page->buf,
				      page->len, &j->d);
	}
	j->images = info.images;
	j->images_alt = info.images_alt;
	if (before == WRITE_DONE && j->wrote == WRITE_SAME)
		j->wrote = WRITE_DONE;
out:
	md_src_release(&src);
	arena_reset(&sc->arena);
	render_info_release(&info);
	diag_list_release(&load);
	article_release(&a);
	buf_release(&name);
}


/* pool_fn of the passes: job 0 is export_index_job() when run.indexes is set. */
static void pass_job(void *ctx, size_t i, int worker)
{
	struct run *run = ctx;

	if (!run->indexes)
		page_job(ctx, i, worker);
	else if (i)
		page_job(ctx, i - 1, worker);
	else
		export_index_job(run);
}

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


static void run_pool(struct run *run, size_t njobs, int nsc)
{
	int i;

	for (i = 0; i < nsc; i++) {
		buf_init(&run->sc[i].body);
		buf_init(&run->sc[i].page);
		buf_init(&run->sc[i].conv);
		buf_init(&run->sc[i].pg.t1);
		buf_init(&run->sc[i].pg.t2);
		encoder_init(&run->sc[i].enc, &run->x->enc);
		if (run->x->f->text)
			run->sc[i].text_keep = text_keep_new();
		else
			run->sc[i].html_keep = html_keep_new();
	}
	pool_run(nsc, njobs + (run->indexes ? 1 : 0), pass_job, run);
	for (i = 0; i < nsc; i++) {
		encoder_release(&run->sc[i].enc);
		html_keep_free(run->sc[i].html_keep);
		text_keep_free(run->sc[i].text_keep);
		run->sc[i].html_keep = NULL;
		run->sc[i].text_keep = NULL;
		buf_release(&run->sc[i].conv);
		buf_release(&run->sc[i].body);
		buf_release(&run->sc[i].page);
		pg_release(&run->sc[i].pg);
		arena_release(&run->sc[i].arena);
	}
}

/*
 * First pass: every publishable article (their body errors decide what
 * others may link to) and every reported one (its errors are shown); the
 * pages of this run are rendered in the same parse, and job 0 writes the
 * indexes meanwhile.  run->late counts the articles whose body failed.
 */
static void first_pass(struct run *run)
{
	struct export *x = run->x;
	struct corpus *c = &x->c;
	size_t i, k;

	run->jobs = xcalloc(c->n + 1, sizeof(*run->jobs));
	run->sc = xcalloc((size_t)run->nsc, sizeof(*run->sc));
	for (i = 0; i < c->n; i++) {
		int kk = x->lix[i];
		struct job *j = &run->jobs[run->njobs];

		if (!x->pub[i] && !(export_reported(x, i) && c->articles[i].usable))
			continue;
		j->art = i;
		j->wrote = WRITE_FAILED;
		j->render = x->pub[i] && export_reported(x, i) && x->langs[kk].dir;
		run->njobs++;
	}
	run->check = 1;
	x->title_key = xcalloc(c->n + 1, sizeof(*x->title_key));
	/* the indexes and tables of contents sort by the titles' keys */
	run->indexes = x->index_t || x->f->lang_files;
	run->index_wrote = xcalloc(c->cfg.nlang + 1, sizeof(*run->index_wrote));
	run->index_tmp = xcalloc(c->cfg.nlang + 1, sizeof(*run->index_tmp));
	for (k = 0; k < c->cfg.nlang; k++)
		run->index_wrote[k] = WRITE_FAILED;
	export_lang_counts(x);
	run_pool(run, run->njobs, run->nsc);
	run->indexes = 0;
	for (i = 0; i < run->njobs; i++) {
		if (run->jobs[i].failed && x->pub[run->jobs[i].art]) {
			x->pub[run->jobs[i].art] = 0;
			run->late++;
		}
	}
	export_settle_staged(x, run->jobs, run->njobs,
		      !run->late && !interrupt_caught(), run->nsc);
}

/*
 * Second pass, only when a body had errors: the pages written before
 * that was known may link to it, so they are rendered again.  -1 when
 * a signal stopped it.
 */
static int second_pass(struct run *run, struct diag_list *all)
{
	struct export *x = run->x;
	size_t i, n = 0;

	free(x->ids);
	free(x->by_lang_pool);
	x->ids = NULL;
	x->by_lang_pool = NULL;
	export_build_ids(x);
	for (i = 0; i < run->njobs; i++) {
		/* rendered again below: the images too */
		export_bimages_free(run->jobs[i].img, run->jobs[i].nimg);
		run->jobs[i].img = NULL;
		run->jobs[i].nimg = run->jobs[i].aimg = 0;
		if (!run->jobs[i].render || run->jobs[i].failed) {
			export_dangling_free(&run->jobs[i]);
			continue;
		}
		run->jobs[n] = run->jobs[i];
		if (n != i) {	/* moved: one owner */
			run->jobs[i].dangling = NULL;
			run->jobs[i].ndangling = 0;
			run->jobs[i].adangling = 0;
		}
		memset(&run->jobs[n].d, 0, sizeof(run->jobs[n].d));
		n++;
	}
	run->njobs = n;
	run->check = 0;
	run_pool(run, run->njobs, run->nsc);
	for (i = 0; i < run->njobs; i++) {
		diag_list_append(all, &run->jobs[i].d);
		diag_list_release(&run->jobs[i].d);
	}
	return interrupt_caught() ? -1 : 0;
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

	if (corpus_open(c, o->npaths ? o->paths[0] : NULL, nsc, d) < 0 ||
	    corpus_select(c, o->paths, o->npaths, d) < 0)
		return -1;
	if (run_langs(x, d) < 0 || run_output_options(x) < 0)
		return -1;
	x->yes = ynode_bool(&x->arena, 1);
	x->no = ynode_bool(&x->arena, 0);
	x->null = ynode_new(&x->arena, Y_NULL);
	return export_load_templates(x, d);
}

/* The first pass's reports, in article order, and its errors counted. */
static void run_first_reports(struct run *run, struct diag_list *all)
{
	struct corpus *c = &run->x->c;
	size_t i;

	for (i = 0; i < run->njobs; i++) {
		struct job *j = &run->jobs[i];
		struct article_meta *m = &c->articles[j->art];

		/* a page made again reports its making in the second pass */
		if (run->late && j->render && !j->failed && j->made < j->d.n)
			diag_list_truncate(&j->d, j->made);
		m->errors += (unsigned)diag_count(&j->d).errors;
		diag_list_append(all, &j->d);
		diag_list_release(&j->d);
	}
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
	int nsc = o->jobs < 1 ? 1 : o->jobs > 64 ? 64 : o->jobs;

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
	corpus_index(&x.c, INDEX_KEEP | INDEX_DIGEST_BASED, &all);
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
	first_pass(&run);
	if (interrupt_caught()) {
		export_give_up_stages(&x);
		goto out;
	}
	run_first_reports(&run, &all);
	if (run.late && second_pass(&run, &all) < 0) {
		export_give_up_stages(&x);
		goto out;
	}
	run_tally(&run, r);
	run_book_images(&run);
	export_finish_indexes(&run, &all, r);
	run_put_in_place(&run, &all, d, r);
merge:
	export_keep_diags(&x, &all, d);
out:
	diag_list_release(&all);
	run_release(&run, x.c.n, x.c.cfg.nlang);
	export_release(&x);
	export_manifest_release(&man);
	return r->usage_error || r->write_error ? -1 : 0;
}
