/*
 * export_assets.c - what a page's body points to besides other pages:
 * its images (copied from the corpus into a book, which may show only
 * what it holds, or into the web pages' images/) and its links to local
 * files (a book keeps their text, the web pages link to the copy), each
 * refusal reported at its line; and the images a book no longer holds.
 */
#include "export_int.h"
#include "epub.h"
#include "escape.h"
#include "markdown.h"
#include "svgcheck.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

void export_bimages_free(struct bimage *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].src);
		free(v[i].name);
	}
	free(v);
}

/*
 * Does one component of a file's path (percent-decoded: "mon image.png",
 * "schéma.png") give a name the copy may take, in a directory of pages or
 * in a book (OCF)?  Not a hidden name, no control character and none of
 * the characters OCF forbids in a file name.
 */
static int plain_component(const char *s, size_t n)
{
	size_t i;

	if (!n || s[0] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || strchr("\"*:<>?\\|", c))
			return 0;
	}
	return 1;
}

/*
 * The copy's name as a URL: what a path may hold as it is, the rest
 * (a space, '%', '#', non-ASCII) percent-encoded, so that the page's
 * link names the file the copy is.
 */
static void add_url_path(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/!$&'()*+,;=@", c)) {
			buf_addc(out, (char)c);
		} else {
			buf_addc(out, '%');
			buf_addc(out, hex[c >> 4]);
			buf_addc(out, hex[c & 15]);
		}
	}
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
	     !image_media_type(src, n) ? "not a PNG, JPEG, GIF or SVG file" :
	     "no such file in the corpus");
	buf_release(&q);
}

/*
 * A file of the corpus whose path has a space goes into a book under a
 * name without one (a reading system must escape it, and epubcheck warns,
 * PKG-010): its spaces as '-', and before its extension eight hex digits
 * of its path, so that "mon image.png" and "mon-image.png" stay two files.
 */
static void book_name(struct buf *name, const char *dir, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t i, start;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		dot = base + strlen(base);
	buf_reset(name);
	buf_addf(name, "%s/", dir);
	start = name->len;
	buf_add(name, path, (size_t)(dot - path));
	for (i = start; i < name->len; i++)
		if (name->buf[i] == ' ')
			name->buf[i] = '-';
	buf_addf(name, "-%08x%s", (unsigned)(hash_mem(path, strlen(path)) & 0xFFFFFFFFu),
		 dot);
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

int export_book_image(void *vctx, const char *src, size_t n,
			 struct buf *out)
{
	return copy_local(vctx, src, n, image_media_type(src, n), "images", out);
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
	struct buf path = BUF_INIT, name = BUF_INIT, dec = BUF_INIT;
	char *fs = NULL, real[PATH_MAX];
	struct stat st;
	size_t i, rootlen = strlen(x->c.root_abs);
	int ret = -1;

	if (!n || n > 512 || src[0] == '/' || memchr(src, ':', n) ||
	    memchr(src, '?', n) || memchr(src, '#', n) ||
	    memchr(src, '\\', n) || !type)
		goto out;
	/* a destination is a URL: "mon%20image.png" names "mon image.png",
	 * as validate's local-target reads it */
	md_path_decode(&dec, src, n);
	if (!dec.len || memchr(dec.buf, '\0', dec.len))
		goto out;
	/* the article's directory, then the path: "." and ".." resolved */
	slash = strrchr(rel, '/');
	if (slash)
		buf_add(&path, rel, (size_t)(slash - rel));
	for (p = dec.buf, end = dec.buf + dec.len; p < end; ) {
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
	if (x->f->zip && strchr(path.buf, ' '))
		book_name(&name, dir, path.buf);
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
	add_url_path(out, name.buf, name.len);
	ret = 0;
out:
	if (ret < 0 && x->f->zip)
		book_image_refused(ic, src, n);
	free(fs);
	buf_release(&path);
	buf_release(&name);
	buf_release(&dec);
	return ret;
}

/*
 * render_image_fn of a web page: an image of the corpus is copied beside
 * the pages as an e-book's is (resolve_image: images/<its path in the
 * corpus>), so that the page never points at a file that is not there; a
 * web image (a URL with a scheme, or site-absolute) is shown as written.
 */
int export_web_image(void *vctx, const char *src, size_t n,
			     struct buf *out)
{
	const char *colon = memchr(src, ':', n), *slash = memchr(src, '/', n);

	if ((n && src[0] == '/') || (colon && (!slash || colon < slash))) {
		buf_add(out, src, n);
		return 0;
	}
	return export_book_image(vctx, src, n, out);
}

/*
 * render_link_fn of a web page: a relative link to a file of the corpus
 * beside the article ("notice.pdf", not an article's ".md") is copied
 * beside the pages as images are (files/<its path in the corpus>; an
 * image under images/), so that the link does not break; its #fragment or
 * ?query stays.  Anything else is left as written.
 */
int export_web_link(void *vctx, struct buf *href)
{
	const char *colon = memchr(href->buf, ':', href->len), *type;
	struct buf to = BUF_INIT;
	char *path;
	size_t k, n;
	int r;

	for (k = 0; k < href->len && href->buf[k] != '/' &&
	     href->buf[k] != '?' && href->buf[k] != '#'; k++)
		;
	if ((colon && (size_t)(colon - href->buf) < k) || !href->len ||
	    href->buf[0] == '/' || href->buf[0] == '#' || href->buf[0] == '?')
		return 0;
	if ((r = export_source_link(vctx, href)) != 1)
		return r;
	for (n = 0; n < href->len && href->buf[n] != '?' &&
	     href->buf[n] != '#'; n++)
		;
	path = xstrndup(href->buf, n);	/* the suffix tests want its end */
	type = image_media_type(path, n);
	if (!(n >= 3 && !ascii_casecmp(path + n - 3, ".md")) &&
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
int export_book_link(void *vctx, struct buf *href)
{
	struct image_ctx *ic = vctx;
	const struct export *x = ic->x;
	const struct article_meta *m = &x->c.articles[ic->art];
	const char *colon = memchr(href->buf, ':', href->len);
	struct pos at = md_check_span_pos(ic->chk);
	size_t k;
	int r;

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
	if ((r = export_source_link(ic, href)) != 1)
		return r;
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
		if (ic->chk)
			diag(&ic->j->d, R_BOOK_LINK, m->path, at.line, at.col,
			     NULL, "a link to the web site in a book: made "
			     "absolute from base_url: '%s'", href->buf);
		return 0;
	}
	if (ic->chk)
		diag(&ic->j->d, R_BOOK_LINK, m->path, at.line, at.col, NULL,
		     "a link to a file the book does not hold: only its text "
		     "is shown: '%.*s'%s", (int)href->len, href->buf,
		     href->buf[0] == '/' ?
		     " (set base_url to link to the web site)" : "");
	return -1;
}

/*
 * An e-book page's links to #fragments of itself that no heading has
 * (known once the body was checked): kept in the job for export_book_link(),
 * each reported at its line.  Returns how many.
 */
size_t export_book_dangling(struct job *j, const struct md_check *chk,
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

void export_dangling_free(struct job *j)
{
	size_t i;

	for (i = 0; i < j->ndangling; i++)
		free(j->dangling[i]);
	free(j->dangling);
	j->dangling = NULL;
	j->ndangling = j->adangling = 0;
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
