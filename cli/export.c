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

static const char *find_bytes(const char *s, size_t n, const char *w,
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
		     "written (--translit approximates them)", x->enc.name,
		     bad->more, dir, name);
	buf_release(&what);
	buf_release(&u);
}

static void bimages_free(struct bimage *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].src);
		free(v[i].name);
	}
	free(v);
}

/* An image src of an article, for an e-book's image resolver. */
struct image_ctx {
	const struct export *x;
	size_t art;
	struct job *j;
	const struct article *a;	/* its text, to place a report */
};

/*
 * The image types every EPUB reading system shows (EPUB 3.2's core media
 * types); any other would need a fallback the book does not have.
 */
static const char *image_type(const char *name, size_t n)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".gif", "image/gif" },
		{ ".svg", "image/svg+xml" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		size_t k = strlen(types[i].ext);

		if (n > k && !export_ascii_casecmp(name + n - k, types[i].ext))
			return types[i].type;
	}
	return NULL;
}

/* Does one component of an image's path give a name that OCF accepts? */
static int plain_component(const char *s, size_t n)
{
	size_t i;

	if (!n || s[0] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return 0;
	}
	return 1;
}

/*
 * A zipped book (SPEC 16) shows a web image as its alternative text, but
 * an image the article means to hold (a path, no scheme) that the book
 * cannot hold is an error of the article, at the image's first mention:
 * the page would lose it unseen.
 */
static void book_image_refused(const struct image_ctx *ic, const char *src,
			       size_t n)
{
	const struct article *a = ic->a;
	const char *colon = memchr(src, ':', n), *slash = memchr(src, '/', n);
	const char *hit = NULL, *p;
	struct buf q = BUF_INIT;
	unsigned line = 0, col = 0;

	/* a URL with a scheme (https:) is a web image: its alt text */
	if (colon && (!slash || colon < slash))
		return;
	/* in the body: where the image is (the frontmatter may name it too) */
	if (n && a->body)
		hit = find_bytes(a->body, a->body_len, src, n);
	if (hit) {
		line = 1, col = 1;
		for (p = a->text.buf; p < hit; p++) {
			if (*p == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)*p & 0xC0) != 0x80) {
				col++;
			}
		}
	}
	escape_text_line(&q, src, n);
	diag(&ic->j->d, R_BOOK_IMAGE, ic->x->c.articles[ic->art].path, line,
	     col, NULL, "image '%s' cannot go into the book: %s", q.buf,
	     !image_type(src, n) ? "not a PNG, JPEG, GIF or SVG file" :
	     "no such file in the corpus");
	buf_release(&q);
}

/*
 * render_image_fn of an e-book: an image that is a file of the corpus
 * (a relative path from the article, staying inside the corpus, of a type
 * every reading system shows) goes into the book as images/<its path in
 * the corpus>; anything else (a web image, a missing file) is shown as its
 * alternative text, since an EPUB may only show what it holds.
 */
static int copy_local(struct image_ctx *ic, const char *src, size_t n,
		      const char *type, const char *dir, struct buf *out);

static int resolve_image(void *vctx, const char *src, size_t n,
			 struct buf *out)
{
	return copy_local(vctx, src, n, image_type(src, n), "images", out);
}

/*
 * The file of the corpus src[0..n) names (relative to the article), of
 * the media type type, goes beside the pages (or into the book) as
 * dir/<its path in the corpus>, the name appended to out; -1 when src is
 * no such file (type NULL: not one that may go).
 */
static int copy_local(struct image_ctx *ic, const char *src, size_t n,
		      const char *type, const char *dir, struct buf *out)
{
	const struct export *x = ic->x;
	const char *rel = x->c.articles[ic->art].relpath, *slash, *p, *end;
	struct buf path = BUF_INIT, name = BUF_INIT;
	char *fs = NULL, real[PATH_MAX];
	struct stat st;
	size_t i, rootlen = strlen(x->c.root_abs);
	int ret = -1;

	if (!n || n > 512 || src[0] == '/' || memchr(src, ':', n) ||
	    memchr(src, '?', n) || memchr(src, '#', n) || memchr(src, '%', n) ||
	    memchr(src, '\\', n) || !type)
		goto out;
	/* the article's directory, then the path: "." and ".." resolved */
	slash = strrchr(rel, '/');
	if (slash)
		buf_add(&path, rel, (size_t)(slash - rel));
	for (p = src, end = src + n; p < end; ) {
		const char *e = memchr(p, '/', (size_t)(end - p));
		size_t k = e ? (size_t)(e - p) : (size_t)(end - p);

		if (k == 0 || (k == 1 && p[0] == '.')) {
			/* nothing */
		} else if (k == 2 && p[0] == '.' && p[1] == '.') {
			size_t up = path.len;

			if (!path.len)
				goto out;	/* above the corpus */
			while (up && path.buf[up - 1] != '/')
				up--;
			buf_setlen(&path, up ? up - 1 : 0);
		} else {
			if (!plain_component(p, k))
				goto out;
			if (path.len)
				buf_addc(&path, '/');
			buf_add(&path, p, k);
		}
		p += k + (e ? 1 : 0);
	}
	if (!path.len)
		goto out;
	/* a file of the corpus, not a link out of it */
	fs = corpus_path(&x->c, path.buf);
	if (stat(fs, &st) < 0 || !S_ISREG(st.st_mode) || !realpath(fs, real) ||
	    strncmp(real, x->c.root_abs, rootlen) != 0 || real[rootlen] != '/')
		goto out;
	/* an image that runs a script or fetches a file has no place in a
	 * book: an error, and the page is not exported */
	if (!strcmp(type, "image/svg+xml") && svg_check_file(fs, &ic->j->d) < 0)
		goto out;
	buf_addf(&name, "%s/%s", dir, path.buf);
	for (i = 0; i < ic->j->nimg; i++)
		if (!strcmp(ic->j->img[i].name, name.buf))
			break;
	if (i == ic->j->nimg) {
		GROW(ic->j->img, ic->j->aimg, ic->j->nimg + 1);
		ic->j->img[i].src = fs;
		ic->j->img[i].name = xstrdup(name.buf);
		ic->j->img[i].type = type;
		ic->j->nimg++;
		fs = NULL;
	}
	buf_add(out, name.buf, name.len);
	ret = 0;
out:
	if (ret < 0 && x->f->zip)
		book_image_refused(ic, src, n);
	free(fs);
	buf_release(&path);
	buf_release(&name);
	return ret;
}

/*
 * render_image_fn of a web page: an image of the corpus is copied beside
 * the pages as an e-book's is (resolve_image: images/<its path in the
 * corpus>), so that the page never points at a file that is not there; a
 * web image (a URL with a scheme, or site-absolute) is shown as written.
 */
static int resolve_web_image(void *vctx, const char *src, size_t n,
			     struct buf *out)
{
	const char *colon = memchr(src, ':', n), *slash = memchr(src, '/', n);

	if ((n && src[0] == '/') || (colon && (!slash || colon < slash))) {
		buf_add(out, src, n);
		return 0;
	}
	return resolve_image(vctx, src, n, out);
}

/*
 * render_link_fn of a web page: a relative link to a file of the corpus
 * beside the article ("notice.pdf", not an article's ".md") is copied
 * beside the pages as images are (files/<its path in the corpus>; an
 * image under images/), so that the link does not break; its #fragment or
 * ?query stays.  Anything else is left as written.
 */
static int web_link(void *vctx, struct buf *href)
{
	const char *colon = memchr(href->buf, ':', href->len), *type;
	struct buf to = BUF_INIT;
	char *path;
	size_t k, n;

	for (k = 0; k < href->len && href->buf[k] != '/' &&
	     href->buf[k] != '?' && href->buf[k] != '#'; k++)
		;
	if ((colon && (size_t)(colon - href->buf) < k) || !href->len ||
	    href->buf[0] == '/' || href->buf[0] == '#' || href->buf[0] == '?')
		return 0;
	for (n = 0; n < href->len && href->buf[n] != '?' &&
	     href->buf[n] != '#'; n++)
		;
	path = xstrndup(href->buf, n);	/* the suffix tests want its end */
	type = image_type(path, n);
	if (!(n >= 3 && !export_ascii_casecmp(path + n - 3, ".md")) &&
	    copy_local(vctx, path, n, type ? type : "application/octet-stream",
		       type ? "images" : "files", &to) == 0) {
		buf_add(&to, href->buf + n, href->len - n);
		buf_reset(href);
		buf_add(href, to.buf, to.len);
	}
	free(path);
	buf_release(&to);
	return 0;
}

/*
 * render_link_fn of an e-book: a book holds its pages and images only, so
 * a site-absolute link ("/aide.html") becomes absolute from base_url, and
 * such a link without base_url, or a relative one ("../b/fr.md",
 * "notice.pdf"), keeps its text without a link; each is reported (a link
 * with a scheme, and the page's own #fragments, stay).
 */
static int book_link(void *vctx, struct buf *href)
{
	struct image_ctx *ic = vctx;
	const struct export *x = ic->x;
	const struct article_meta *m = &x->c.articles[ic->art];
	const char *colon = memchr(href->buf, ':', href->len);
	size_t k;

	for (k = 0; k < href->len && href->buf[k] != '/' &&
	     href->buf[k] != '?' && href->buf[k] != '#'; k++)
		;
	if (href->buf[0] == '#') {
		/* one no heading has fails epubcheck: its text alone */
		for (k = 0; k < ic->j->ndangling; k++)
			if (memeq(href->buf + 1, href->len - 1,
				  ic->j->dangling[k]))
				return -1;
		return 0;
	}
	if (colon && (size_t)(colon - href->buf) < k)
		return 0;
	if (href->len > 1 && href->buf[0] == '/' && href->buf[1] != '/' &&
	    x->c.cfg.base_url) {
		const char *base = x->c.cfg.base_url;
		size_t bn = strlen(base);
		char *rest = xstrndup(href->buf + 1, href->len - 1);

		buf_reset(href);
		buf_add(href, base, bn && base[bn - 1] == '/' ? bn - 1 : bn);
		buf_addc(href, '/');
		buf_adds(href, rest);
		free(rest);
		diag(&ic->j->d, R_BOOK_LINK, m->path, 0, 0, NULL, "a link to "
		     "the web site in a book: made absolute from base_url: "
		     "'%s'", href->buf);
		return 0;
	}
	diag(&ic->j->d, R_BOOK_LINK, m->path, 0, 0, NULL, "a link to a file "
	     "the book does not hold: only its text is shown: '%.*s'%s",
	     (int)href->len, href->buf, href->buf[0] == '/' ?
	     " (set base_url to link to the web site)" : "");
	return -1;
}

/*
 * An e-book page's links to #fragments of itself that no heading has
 * (known once the body was checked): kept in the job for book_link(),
 * each reported at its line.  Returns how many.
 */
static size_t book_dangling(struct job *j, const struct md_check *chk,
			    const struct article_meta *m)
{
	const char *name;
	struct pos pos;
	size_t i;
	int r;

	for (i = 0; (r = md_check_dangling(chk, i, &name, &pos)) >= 0; i++) {
		if (!r)
			continue;
		GROW(j->dangling, j->adangling, j->ndangling + 1);
		j->dangling[j->ndangling++] = xstrdup(name);
		diag(&j->d, R_BOOK_LINK, m->path, pos.line, pos.col, NULL,
		     "a link to a heading this page does not have: only its "
		     "text is shown: '#%s'", name);
	}
	return j->ndangling;
}

static void dangling_free(struct job *j)
{
	size_t i;

	for (i = 0; i < j->ndangling; i++)
		free(j->dangling[i]);
	free(j->dangling);
	j->dangling = NULL;
	j->ndangling = j->adangling = 0;
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
	bimages_free(j->img, j->nimg);
	j->img = NULL;
	j->nimg = j->aimg = 0;
	j->images = j->images_alt = 0;
	if (run->check)
		dangling_free(j);
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
		ro.image = x->f->book ? resolve_image : resolve_web_image;
		ro.image_ctx = &ic;
		ro.link = x->f->book ? book_link : web_link;
		ro.link_ctx = &ic;
	}
	buf_reset(&sc->body);
	/* the headings' strings live as long as the page's data */
	info.arena = &sc->arena;
	if (x->f->text)
		seed_refs(x, j->art, &info);
	x->f->body(&src, chk, &ro, &sc->body, &info);
	if (chk && x->f->book && book_dangling(j, chk, m)) {
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

static int cmp_bimage(const void *a, const void *b)
{
	return strcmp(((const struct bimage *)a)->name,
		      ((const struct bimage *)b)->name);
}

#define IMAGE_MAX (64u << 20)

/*
 * Copy a book's images (sorted, each once) into EPUB/; res gets one entry
 * per image for the manifest (L->nimg of them; the strings stay L->img's).
 * Returns 0, or -1 when one could not be copied (the page that shows it
 * then points nowhere: reported).
 */
int export_copy_images(struct export *x, size_t k, struct epub_res *res,
		       struct diag_list *d, struct export_result *r)
{
	struct xlang *L = &x->langs[k];
	struct buf data = BUF_INIT;
	size_t i, n = 0;
	int ret = 0;

	/* pages share images: each once */
	if (L->nimg)
		qsort(L->img, L->nimg, sizeof(*L->img), cmp_bimage);
	for (i = 0; i < L->nimg; i++) {
		if (n && !strcmp(L->img[n - 1].name, L->img[i].name)) {
			free(L->img[i].src);
			free(L->img[i].name);
			continue;
		}
		L->img[n++] = L->img[i];
	}
	L->nimg = n;
	for (i = 0; i < n; i++) {
		struct bimage *b = &L->img[i];
		const char *base = strrchr(b->name, '/');
		struct buf dir = BUF_INIT;
		char *dp;
		int rr;

		res[i].href = b->name;
		res[i].type = b->type;
		buf_addf(&dir, "%s/%.*s", L->dir, (int)(base - b->name), b->name);
		dp = export_safe_dir(x, &dir, d);
		buf_reset(&data);
		if (!dp) {
			ret = -1;
		} else if ((rr = buf_read_file(&data, b->src, IMAGE_MAX)) !=
			   BUF_READ_OK) {
			ret = diag(d, R_IO, b->src, 0, 0, NULL,
				   "cannot read the image a page shows: %s",
				   rr == BUF_READ_ERRNO ? errmsg(errno) :
				   "not a regular file of at most 64 MiB");
		} else {
			export_count_write(r, export_write_file(x, dp, export_lang_how(L), base + 1,
						  data.buf, data.len, d));
		}
		free(dp);
	}
	buf_release(&data);
	return ret;
}

/*
 * The images a language's web pages show, copied beside them (the files
 * of earlier runs that no page shows any more go by the manifest).
 */
int export_web_files(struct export *x, size_t k, struct diag_list *d,
		     struct export_result *r)
{
	struct epub_res *res = xcalloc(x->langs[k].nimg + 1, sizeof(*res));
	int ret = export_copy_images(x, k, res, d, r);

	free(res);
	return ret;
}

/* Is rel (from EPUB/) one of the book's images? */
static int book_has_image(const struct epub_res *res, size_t n,
			  const char *rel)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(res[mid].href, rel);

		if (!c)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * Images of earlier runs the book no longer shows, below EPUB/images/
 * (all folio's), go like stale pages; never through a link.
 */
int export_prune_images(const char *dir, const char *rel,
			const struct epub_res *res, size_t n, int depth,
			struct diag_list *d)
{
	DIR *dh = depth < 32 ? opendir(dir) : NULL;
	struct dirent *e;
	int ret = 0;

	while (dh && (e = readdir(dh)) != NULL) {
		struct buf path = BUF_INIT, r = BUF_INIT;
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		buf_addf(&path, "%s/%s", dir, e->d_name);
		buf_addf(&r, "%s/%s", rel, e->d_name);
		if (lstat(path.buf, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				if (export_prune_images(path.buf, r.buf, res, n, depth + 1,
						 d) < 0)
					ret = -1;
			} else if (!book_has_image(res, n, r.buf) &&
				   e->d_name[0] != '.' && unlink(path.buf) < 0) {
				ret = diag(d, R_WRITE, path.buf, 0, 0, NULL,
					   "cannot remove an image the book no "
					   "longer holds: %s", errmsg(errno));
			}
		}
		buf_release(&path);
		buf_release(&r);
	}
	if (dh)
		closedir(dh);
	return ret;
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
		bimages_free(x->langs[i].img, x->langs[i].nimg);
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
		bimages_free(run->jobs[i].img, run->jobs[i].nimg);
		run->jobs[i].img = NULL;
		run->jobs[i].nimg = run->jobs[i].aimg = 0;
		if (!run->jobs[i].render || run->jobs[i].failed) {
			dangling_free(&run->jobs[i]);
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
		bimages_free(run->jobs[i].img, run->jobs[i].nimg);
		dangling_free(&run->jobs[i]);
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
