/*
 * export_pass.c - the passes over the articles, in the worker pool: each
 * job reads its article again, runs validate's body checks in the parse
 * that renders it, builds the page data, fills the template (or the page
 * function), converts a text page to its encoding and writes the page
 * (a zipped book's page is deflated and held for its book instead:
 * export_book_keep()).  The first pass checks and renders; a second
 * one, only when a body failed, renders again the pages that may link
 * to it.
 */
#include "export_int.h"
#include "checks.h"
#include "deflate.h"
#include "interrupt.h"
#include "markdown.h"
#include "pool.h"
#include "util.h"

#include <utf8proc.h>

/*
 * validate's link-target rule (checks.c) for one article, once its body
 * has told its article: links: validate's index of the frontmatter alone
 * sees none.
 */
static void check_links(const struct export *x, struct article_meta *m,
			struct diag_list *d)
{
	size_t k;

	for (k = 0; k < m->nlinks; k++) {
		if (checks_link_target(&x->c, m, &m->links[k], d))
			export_unpublished_link(x, m, &m->links[k], d);
		free(m->links[k].id);
		free(m->links[k].frag);
		free(m->links[k].via);
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
		hit = find_bytes(a->text.buf, a->text.len, u.buf, u.len);
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
		     "written%s", x->enc.name, bad->more, dir, name,
		     x->enc.translit ? "" : " (--translit approximates those "
		     "it safely can)");
	buf_release(&what);
	buf_release(&u);
}

/* Job j back to "nothing done", before a pass renders it. */
static void job_reset(const struct run *run, struct job *j)
{
	j->wrote = WRITE_FAILED;
	j->refused = 0;
	j->made = SIZE_MAX;
	export_bimages_free(j->img, j->nimg);
	j->img = NULL;
	j->nimg = j->aimg = 0;
	j->images = j->images_alt = 0;
	if (run->check) {
		export_dangling_free(j);
		export_xfrags_free(j);
	}
	memcpy(j->d.ignored, run->x->c.cfg.ignore, sizeof(j->d.ignored));
}

/*
 * What the body renderer is told for job j's page: its language, the
 * format's flags, the article: links resolved through rc, and for a
 * book or the web pages the hooks of images and local files (ic).
 */
static void job_render_opts(const struct run *run, struct job *j,
			    const struct scratch *sc, const struct article *a,
			    const struct md_check *chk, struct resolve_ctx *rc,
			    struct image_ctx *ic, struct render_opts *ro)
{
	const struct export *x = run->x;
	const struct xlang *L = &x->langs[x->lix[j->art]];

	rc->x = x;
	rc->lang = (size_t)x->lix[j->art];
	rc->last = SIZE_MAX;
	memset(ro, 0, sizeof(*ro));
	ro->lang = L->code;
	ro->rtl = L->rtl;
	/* load() checked the whole file's UTF-8 */
	ro->flags = x->f->render_flags | RENDER_VALID_UTF8;
	if (!x->enc.utf8)
		ro->flags |= RENDER_NO_ISOLATES;
	ro->resolve = export_resolve;
	ro->resolve_ctx = rc;
	ro->width = x->width;
	ro->html_keep = sc->html_keep;
	ro->text_keep = sc->text_keep;
	if (x->f->book || x->f->lang_files == export_web_files) {
		ic->x = x;
		ic->art = j->art;
		ic->j = j;
		ic->a = a;
		ic->rc = rc;
		ic->chk = chk;
		ro->image = x->f->book ? export_book_image : export_web_image;
		ro->image_ctx = ic;
		ro->link = x->f->book ? export_book_link : export_web_link;
		ro->link_ctx = ic;
		ro->fragment = x->f->book ? export_book_fragment : NULL;
		ro->fragment_ctx = ic;
	} else if (x->f->text) {
		ic->x = x;
		ic->art = j->art;
		ro->link = export_text_link;
		ro->link_ctx = ic;
	}
}

/*
 * Job j's body rendered into sc->body (info gets its headings, links and
 * images), with the body checks in the same parse when chk is set (the
 * first pass; chk is freed).  A book's links to pages it does not hold
 * are rendered again as text.  -1 when the body has errors.
 */
static int job_body(const struct run *run, struct job *j,
		    struct scratch *sc, const struct md_src *src,
		    const struct render_opts *ro, struct image_ctx *ic,
		    struct md_check *chk, struct render_info *info)
{
	const struct export *x = run->x;
	struct article_meta *m = &x->c.articles[j->art];

	buf_reset(&sc->body);
	/* the headings' strings live as long as the page's data */
	info->arena = &sc->arena;
	if (x->f->text)
		seed_refs(x, j->art, info);
	x->f->body(src, chk, ro, &sc->body, info);
	if (chk && x->f->book && export_book_dangling(j, chk, m)) {
		/* again, those links as text; what it reports, once */
		struct render_info fresh = RENDER_INFO_INIT;
		size_t had = j->d.n;

		render_info_release(info);
		*info = fresh;
		info->arena = &sc->arena;
		buf_reset(&sc->body);
		ic->chk = NULL;
		x->f->body(src, NULL, ro, &sc->body, info);
		diag_list_truncate(&j->d, had);
	}
	if (chk) {
		md_check_free(chk);
		check_links(x, m, &j->d);
		if (diag_count(&j->d).errors) {
			j->failed = 1;
			return -1;
		}
	}
	return 0;
}

/*
 * Job j's page around its body, in sc->page: the page data, then the
 * format's template or page function.  -1 when it cannot be made.
 */
static int job_page(const struct run *run, struct job *j, struct scratch *sc,
		    struct render_info *info)
{
	const struct export *x = run->x;
	const struct xlang *L = &x->langs[x->lix[j->art]];
	struct ynode *data;
	int rc_t;

	sc->pg.x = x;
	sc->pg.lang = (size_t)x->lix[j->art];
	sc->pg.rtl = L->rtl;
	sc->pg.a = &sc->arena;
	data = export_page_data(&sc->pg, j->art, x->c.articles[j->art].keep,
				sc->body.buf, sc->body.len, info);
	buf_reset(&sc->page);
	j->made = j->d.n;
	if (x->f->page_fn)
		return x->f->page_fn(x, data, info, &sc->page) < 0 ? -1 : 0;
	rc_t = mustache_render_hinted(x->page_t, data, export_partial, (void *)x,
				      &sc->page, &sc->hints,
				      /* every string comes from a file load()
				       * or libyaml checked, or from folio */
				      1);
	if (rc_t < 0) {
		diag(&j->d, R_TEMPLATE,
		     export_tpl_find(x, x->f->page_template)->file, 0, 0, NULL,
		     "%s", mustache_runaway_msg(rc_t));
		j->bad_template = 1;
		return -1;
	}
	return 0;
}

/*
 * The bytes of job j's file name: the page as it is, or converted to
 * the text encoding (refused, and reported, when the encoding lacks one
 * of its characters).  NULL when there are none.
 */
static const struct buf *job_bytes(const struct run *run, struct job *j,
				   struct scratch *sc, const struct article *a,
				   const char *name)
{
	const struct export *x = run->x;
	const struct article_meta *m = &x->c.articles[j->art];
	const struct buf *page = &sc->page;

	if (x->f->text && !x->enc.utf8) {
		struct encode_bad bad;

		buf_reset(&sc->conv);
		if (encoder_convert(&sc->enc, sc->page.buf, sc->page.len,
				    &sc->conv, &bad) < 0) {
			struct buf shown = BUF_INIT;

			export_shown_dir(x, &x->langs[x->lix[j->art]], &shown);
			report_unmappable(x, m, a, shown.buf, name, &sc->page,
					  &bad, &j->d);
			buf_release(&shown);
			j->refused = 1;
			return NULL;
		}
		page = &sc->conv;
	}
	return page;
}

/*
 * Job j's file written, or on the first pass, in a directory readers
 * see, left under its temporary name until the pass is over.  before:
 * what an earlier pass did with it (a page it wrote stays "written").
 */
static void job_write(const struct run *run, struct job *j,
		      const struct buf *page, const char *name,
		      enum write_result before)
{
	const struct export *x = run->x;
	const struct xlang *L = &x->langs[x->lix[j->art]];
	int how = export_lang_how(L);

	if (L->fresh && before == WRITE_FAILED)
		how |= WRITE_FRESH;
	if (run->check && !(how & WRITE_HIDDEN)) {
		struct buf tmp = BUF_INIT;

		j->wrote = export_write_file_defer(x, L->dir, how, name,
						   page->buf, page->len, &tmp,
						   &j->d);
		if (tmp.len)
			j->staged = buf_detach(&tmp, NULL);
		buf_release(&tmp);
	} else {
		j->wrote = export_write_file(x, L->dir, how, name, page->buf,
					     page->len, &j->d);
	}
	if (before == WRITE_DONE && j->wrote == WRITE_SAME)
		j->wrote = WRITE_DONE;
}

/*
 * pool_fn of a pass: article j->art read again, checked (first pass)
 * and, when this run writes it, rendered, laid out and written.
 */
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
	struct blocks_walk *bw = NULL;
	struct render_opts ro;
	struct resolve_ctx rc;
	struct image_ctx ic;
	struct article a;
	struct md_src src;
	struct buf name = BUF_INIT;
	const struct buf *page;
	/* a page written by the first pass stays "written" if the second
	 * pass finds it up to date */
	enum write_result before = j->wrote;
	int rc_t;

	job_reset(run, j);
	memcpy(load.ignored, x->c.cfg.ignore, sizeof(load.ignored));
	article_init(&a, m->path);
	memset(&src, 0, sizeof(src));	/* released at out: even unset */
	/* the index holds the frontmatter: read the body, parse no YAML */
	rc_t = article_read(&a, m->path, m->file_key, m->fd_kept ? m->fd : -1,
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
	/* translation QA's blocks, in the same parse */
	bw = export_qa_walk(run, j->art, &src, &a, chk);
	/* a book's pages give their headings' ids for export_xfrags_check() */
	if (chk && x->f->book)
		md_check_ids(chk, 1);
	if (!j->render) {
		md_check_run(chk);
		md_check_free(chk);
		check_links(x, m, &j->d);
		j->failed = diag_count(&j->d).errors > 0;
		goto out;
	}
	job_render_opts(run, j, sc, &a, chk, &rc, &ic, &ro);
	if (job_body(run, j, sc, &src, &ro, &ic, chk, &info) < 0 ||
	    job_page(run, j, sc, &info) < 0)
		goto out;
	buf_adds(&name, x->slug[j->art]);
	buf_adds(&name, x->f->ext);
	page = job_bytes(run, j, sc, &a, name.buf);
	if (!page)
		goto out;
	if (x->f->zip)	/* deflated here, in parallel: the book only copies it */
		j->wrote = export_book_keep(x, j->art, page->buf, page->len,
					    sc->zd, &sc->conv, &j->d);
	else
		job_write(run, j, page, name.buf, before);
	j->images = info.images;
	j->images_alt = info.images_alt;
out:
	export_qa_done(run, j->art, bw, worker);
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
		if (run->x->f->zip)	/* NULL (no memory): reported a page */
			run->sc[i].zd = deflater_new();
		if (run->x->f->text)
			run->sc[i].text_keep = text_keep_new();
		else
			run->sc[i].html_keep = html_keep_new();
	}
	pool_run(nsc, njobs + (run->indexes ? 1 : 0), pass_job, run);
	for (i = 0; i < nsc; i++) {
		encoder_release(&run->sc[i].enc);
		deflater_free(run->sc[i].zd);
		run->sc[i].zd = NULL;
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
void export_first_pass(struct run *run)
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
	export_qa_begin(run);
	run_pool(run, run->njobs, run->nsc);
	export_qa_finish(run);
	run->indexes = 0;
	for (i = 0; i < run->njobs; i++) {
		if (run->jobs[i].failed && x->pub[run->jobs[i].art]) {
			x->pub[run->jobs[i].art] = 0;
			run->late++;
		}
	}
	/* a book's links to headings other pages lack: those pages again */
	run->redo = x->f->book ?
		export_xfrags_check(x, run->jobs, run->njobs) : 0;
	export_settle_staged(x, run->jobs, run->njobs,
		      !run->late && !interrupt_caught(), run->nsc);
}

/*
 * Second pass, only when a body had errors: the pages written before
 * that was known may link to it, so they are rendered again.  -1 when
 * a signal stopped it.
 */
int export_second_pass(struct run *run, struct diag_list *all)
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
			export_xfrags_free(&run->jobs[i]);
			continue;
		}
		run->jobs[n] = run->jobs[i];
		if (n != i) {	/* moved: one owner */
			run->jobs[i].dangling = NULL;
			run->jobs[i].ndangling = 0;
			run->jobs[i].adangling = 0;
			run->jobs[i].xfrags = NULL;
			run->jobs[i].nxfrags = 0;
			run->jobs[i].axfrags = 0;
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

/* The first pass's reports, in article order, and its errors counted. */
void export_first_reports(struct run *run, struct diag_list *all)
{
	struct corpus *c = &run->x->c;
	size_t i;

	for (i = 0; i < run->njobs; i++) {
		struct job *j = &run->jobs[i];
		struct article_meta *m = &c->articles[j->art];

		/* a page made again reports its making in the second pass */
		if ((run->late || j->redo) && j->render && !j->failed &&
		    j->made < j->d.n)
			diag_list_truncate(&j->d, j->made);
		m->errors += (unsigned)diag_count(&j->d).errors;
		diag_list_append(all, &j->d);
		diag_list_release(&j->d);
		if (j->xd) {
			diag_list_append(all, j->xd);
			diag_list_release(j->xd);
			free(j->xd);
			j->xd = NULL;
		}
	}
}

/*
 * Without a second pass: the book pages export_xfrags_check() marked,
 * rendered again (their first rendering was given up by
 * export_settle_staged(), so each is compared with the file as it was
 * before the run); what making them reports goes to all.  -1 when a
 * signal stopped it.
 */
int export_redo_pass(struct run *run, struct diag_list *all)
{
	struct job *jobs = run->jobs, *some;
	size_t i, n = 0, njobs = run->njobs;

	some = xcalloc(njobs + 1, sizeof(*some));
	for (i = 0; i < njobs; i++)
		if (jobs[i].redo && jobs[i].render && !jobs[i].failed)
			some[n++] = jobs[i];	/* lent, given back below */
	run->jobs = some;
	run->check = 0;
	run_pool(run, n, run->nsc);
	run->jobs = jobs;
	for (i = n = 0; i < njobs; i++) {
		if (!(jobs[i].redo && jobs[i].render && !jobs[i].failed))
			continue;
		jobs[i] = some[n++];
		diag_list_append(all, &jobs[i].d);
		diag_list_release(&jobs[i].d);
	}
	free(some);
	return interrupt_caught() ? -1 : 0;
}
