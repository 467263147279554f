/*
 * export_epub.c - the e-book of a language (--to xhtml and epub): its
 * package (package.opf, nav, container.xml, mimetype) around the pages
 * written, the pages and images a book no longer holds removed, and the
 * books zipped, one per worker.
 *
 * A zipped book's pages never become files (struct book_store): each is
 * deflated by the worker that renders it (deflate_page(), which reads
 * every stream back before it is used) and held until the books are
 * zipped, where libzip copies it.  What is held in memory is bounded
 * (BOOK_HELD_MAX): past that, pages are put aside, one after another,
 * in a single file of the output directory that has no name (removed as
 * soon as it is made), so that what waits in memory does not grow with
 * the corpus (a 32-byte place an article aside), and nothing is left
 * behind whatever stops the run.  Where a page is held changes nothing
 * of the book's bytes.
 */
#include "export_int.h"
#include "deflate.h"
#include "epub.h"
#include "epub_zip.h"
#include "export_manifest.h"
#include "pool.h"
#include "util.h"
#include "zip_write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the pages of the books, until they are zipped ---- */

/*
 * Pages held in memory, all books together, before they are put aside
 * (each page's place, 32 bytes, is held for every article whatever):
 * a small corpus's books (some 380 pages of 2.7 KB deflated) never
 * touch the file system.  Putting a page aside costs no more than
 * holding it (one write, one read, both in the page cache: the export
 * of 1,000 ids takes the same time with every page put aside, and 14
 * MiB less memory; with 1 MiB held rather than 4, the same CPU time
 * and 3 MiB less at any size), so the bound is small.
 */
#ifndef BOOK_HELD_MAX	/* -DBOOK_HELD_MAX=0 puts every page aside */
#define BOOK_HELD_MAX ((size_t)1 << 20)
#endif

/*
 * A page held: its stream in memory (data) or put aside (at off), 32
 * bytes an article however it is held; comp is 0 until it is made.
 */
struct held {
	char *data;		/* owned, or NULL: put aside */
	uint64_t off;
	uint32_t comp;		/* bytes of the stream */
	uint32_t crc;
	uint64_t size;		/* bytes of the page */
};

struct book_store {
	pthread_mutex_t lock;
	struct held *page;	/* per article */
	size_t n;
	size_t held;		/* bytes of streams held in memory */
	int fd;			/* the file of pages put aside, or -1 */
	uint64_t end;		/* its length, as reserved */
};

void export_books_open(struct export *x)
{
	struct book_store *s = xcalloc(1, sizeof(*s));

	pthread_mutex_init(&s->lock, NULL);
	s->n = x->c.n;
	s->page = xcalloc(s->n + 1, sizeof(*s->page));
	s->fd = -1;
	x->books = s;
}

void export_books_free(struct export *x)
{
	struct book_store *s = x->books;
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		free(s->page[i].data);
	free(s->page);
	if (s->fd >= 0)
		close(s->fd);
	pthread_mutex_destroy(&s->lock);
	free(s);
	x->books = NULL;
}

/*
 * The file pages are put aside in, made on first need (s->lock held):
 * in the output directory (the books' file system, where the space
 * they need is), with no name once open.  -1 with errno.
 */
static int aside_file(const struct export *x, struct book_store *s)
{
	struct buf path = BUF_INIT;
	int fd;

	if (s->fd >= 0)
		return s->fd;
	buf_addf(&path, "%s/.folio-pages.XXXXXX", x->outdir);
	fd = mkstemp(path.buf);
	if (fd >= 0) {
		unlink(path.buf);
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
		s->fd = fd;
	}
	buf_release(&path);
	return fd;
}

/* Write all of data[0..len) at off of fd: 0, or -1 with errno. */
static int write_at(int fd, const char *data, size_t len, uint64_t off)
{
	while (len) {
		ssize_t w = pwrite(fd, data, len, (off_t)off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			return -1;
		}
		data += w;
		len -= (size_t)w;
		off += (uint64_t)w;
	}
	return 0;
}

/*
 * The page of article art, page[0..len), deflated (in scratch) and held
 * for its book, in place of one an earlier pass made.  Called by the
 * workers.  WRITE_DONE; or WRITE_FAILED, reported, and the book is not
 * made.
 */
enum write_result export_book_keep(struct export *x, size_t art,
				   const char *page, size_t len,
				   struct deflater *zd, struct buf *scratch,
				   struct diag_list *d)
{
	struct book_store *s = x->books;
	struct xlang *L = &x->langs[x->lix[art]];
	struct held h, old;
	uint32_t crc;
	int fd = -1, err = 0;

	buf_reset(scratch);
	/* a page of a book is under 4 MiB (yaml-limits): never near 4 GiB */
	if (!zd || deflate_page(zd, page, len, scratch, &crc) < 0 ||
	    scratch->len > UINT32_MAX) {
		diag(d, R_WRITE, x->c.articles[art].path, 0, 0, NULL,
		     "cannot compress its page for the book");
		return WRITE_FAILED;
	}
	memset(&h, 0, sizeof(h));
	h.comp = (uint32_t)scratch->len;
	h.crc = crc;
	h.size = len;
	pthread_mutex_lock(&s->lock);
	if (s->held + h.comp <= BOOK_HELD_MAX) {
		s->held += h.comp;
		h.data = xmalloc(h.comp + 1);	/* filled out of the lock */
	} else if ((fd = aside_file(x, s)) >= 0) {
		h.off = s->end;
		s->end += h.comp;
	} else {
		err = errno;
	}
	pthread_mutex_unlock(&s->lock);
	if (h.data) {
		memcpy(h.data, scratch->buf, h.comp);
	} else if (err || write_at(fd, scratch->buf, h.comp, h.off) < 0) {
		if (!err)
			err = errno;
		memset(&h, 0, sizeof(h));
	}
	pthread_mutex_lock(&s->lock);
	old = s->page[art];
	s->page[art] = h;
	if (old.data)
		s->held -= old.comp;
	if (!h.comp && !L->book_failed) {
		/* said once a book, not once a page of a full disk */
		struct buf book = BUF_INIT;

		buf_addf(&book, "%s/%s.epub", x->outdir, L->code);
		diag(d, R_WRITE, book.buf, 0, 0, NULL,
		     "cannot put a page of the book aside: %s", errmsg(err));
		buf_release(&book);
	}
	if (!h.comp)
		L->book_failed = 1;
	pthread_mutex_unlock(&s->lock);
	free(old.data);
	return h.comp ? WRITE_DONE : WRITE_FAILED;
}

/*
 * A directory of the output (META-INF, EPUB/images/...): created, and
 * refused when a symbolic link would take it out of the output directory.
 * Takes dir; returns it (owned) or NULL.
 */
char *export_safe_dir(const struct export *x, struct buf *dir_,
		      struct diag_list *d)
{
	struct buf dir = *dir_;
	char real[PATH_MAX];
	size_t rootlen = strlen(x->outdir_abs);

	buf_init(dir_);
	if (export_make_dirs(dir.buf) < 0) {
		diag(d, R_WRITE, dir.buf, 0, 0, NULL, "cannot create directory: %s",
		     errmsg(errno));
		goto fail;
	}
	if (!realpath(dir.buf, real) || strncmp(real, x->outdir_abs, rootlen) != 0 ||
	    real[rootlen] != '/') {
		diag(d, R_WRITE, dir.buf, 0, 0, NULL,
		     "directory leads outside '%s': not written", x->outdir);
		goto fail;
	}
	return buf_detach(&dir, NULL);
fail:
	buf_release(&dir);
	return NULL;
}

/* The root of a language's book, or a directory below it (META-INF). */
static char *lang_subdir(const struct export *x, size_t k, const char *sub,
			 struct diag_list *d)
{
	struct buf dir = BUF_INIT;

	if (x->langs[k].stage)
		buf_adds(&dir, x->langs[k].stage);
	else
		buf_addf(&dir, "%s/%s", x->outdir, x->langs[k].code);
	if (sub)
		buf_addf(&dir, "/%s", sub);
	return export_safe_dir(x, &dir, d);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Pages of earlier runs that this book no longer holds (a slug that
 * changed, an article withdrawn) would be files the package does not
 * list, which epubcheck reports: the EPUB directory is folio's, and they
 * go.  Only *.xhtml files, never followed through a link.
 */
static int prune_pages(const struct export *x, const char *dir,
		       const char **pages, size_t n, struct diag_list *d)
{
	const char **sorted = xcalloc(n + 1, sizeof(*sorted));
	DIR *dh = opendir(dir);
	struct dirent *e;
	size_t elen = strlen(x->f->ext);
	int ret = 0;

	memcpy(sorted, pages, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_cstr);
	while (dh && (e = readdir(dh)) != NULL) {
		const char *name = e->d_name;
		size_t len = strlen(name);
		struct buf path = BUF_INIT;
		struct stat st;

		if (name[0] == '.' || len <= elen ||
		    strcmp(name + len - elen, x->f->ext) ||
		    !strcmp(name, x->f->index_file) ||
		    bsearch(&name, sorted, n, sizeof(*sorted), cmp_cstr))
			continue;
		buf_addf(&path, "%s/%s", dir, name);
		if (lstat(path.buf, &st) == 0 &&
		    (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
		    unlink(path.buf) < 0)
			ret = diag(d, R_WRITE, path.buf, 0, 0, NULL,
				   "cannot remove a page the book no longer "
				   "holds: %s", errmsg(errno));
		buf_release(&path);
	}
	if (dh)
		closedir(dh);
	free(sorted);
	return ret;
}

/*
 * dcterms:modified: SOURCE_DATE_EPOCH when set, else the newest `updated`
 * of the book's articles (at midnight UTC), so that the same corpus gives
 * the same package.
 */
static void book_modified(const struct export *x, const struct entry *v,
			  size_t n, char out[32])
{
	struct date newest = { 0, 0, 0 };
	size_t i;

	if (x->epoch >= 0) {
		time_t t = (time_t)x->epoch;
		struct tm tm;

		if (gmtime_r(&t, &tm) &&
		    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
			return;
	}
	for (i = 0; i < n; i++) {
		struct date u = x->c.articles[v[i].art].updated;

		if (u.y > newest.y || (u.y == newest.y && (u.m > newest.m ||
		    (u.m == newest.m && u.d > newest.d))))
			newest = u;
	}
	if (!newest.y)
		newest.y = 1970, newest.m = 1;
	snprintf(out, 32, "%04d-%02d-%02dT00:00:00Z", newest.y % 10000,
		 newest.m, newest.d ? newest.d : 1);
}

/*
 * The book's dc:identifier, the same for the same corpus and language
 * wherever the book is built: from book_id, else base_url, else the
 * corpus directory's name (said once, as a warning: another corpus may
 * share it).
 */
static void book_identifier(struct export *x, const struct xlang *L,
			    struct diag_list *d, struct buf *id)
{
	struct buf seed = BUF_INIT;

	if (x->c.cfg.book_id) {
		buf_addf(&seed, "urn:folio:book:%s:%s", x->c.cfg.book_id, L->code);
	} else if (x->c.cfg.base_url) {
		buf_addf(&seed, "%s%s/", x->c.cfg.base_url, L->code);
	} else {
		const char *base = strrchr(x->c.root_abs, '/');

		buf_addf(&seed, "urn:folio:%s:%s", base ? base + 1 : x->c.root_abs,
			 L->code);
		if (!x->said_book_id++) {
			char *cfg = corpus_path(&x->c, "folio.yaml");

			diag_sev(d, R_CONFIG, SEV_WARNING, cfg, 0, 0, NULL,
				 "neither 'book_id' nor 'base_url' is set: the "
				 "e-books' dc:identifier is made from the directory "
				 "name '%s' alone, which another corpus may share; "
				 "set 'book_id'",
				 base ? base + 1 : x->c.root_abs);
			free(cfg);
		}
	}
	epub_identifier(id, seed.buf);
	buf_release(&seed);
}

/*
 * What makes a language's tree an OCF container: mimetype at its top and
 * META-INF/container.xml.  -1 when a directory cannot be made.
 */
static int book_container(struct export *x, size_t k, struct diag_list *d,
			  struct export_result *r)
{
	const struct xlang *L = &x->langs[k];
	struct buf tmp = BUF_INIT;
	char *root, *meta;
	int ret = 0;

	root = lang_subdir(x, k, NULL, d);
	meta = lang_subdir(x, k, "META-INF", d);
	if (!root || !meta) {
		ret = -1;
		goto out;
	}
	export_count_write(r, export_write_file(x, root, export_lang_how(L),
						"mimetype", EPUB_MIMETYPE,
						strlen(EPUB_MIMETYPE), d));
	epub_container(&tmp);
	export_count_write(r, export_write_file(x, meta, export_lang_how(L),
						"container.xml", tmp.buf,
						tmp.len, d));
out:
	free(root);
	free(meta);
	buf_release(&tmp);
	return ret;
}

/* mimetype, META-INF/container.xml and EPUB/package.opf of a language. */
int export_epub_files(struct export *x, size_t k, struct diag_list *d,
		      struct export_result *r)
{
	struct xlang *L = &x->langs[k];
	struct epub_book b;
	struct entry *v;
	struct buf opf = BUF_INIT, id = BUF_INIT, title = BUF_INIT,
		   tmp = BUF_INIT;
	char modified[32];
	const char **pages;
	struct epub_res *res;
	size_t n, i;
	int ret = 0;

	v = export_lang_entries(x, k, &n);
	pages = xcalloc(n + 1, sizeof(*pages));
	for (i = 0; i < n; i++) {
		buf_reset(&tmp);
		buf_addf(&tmp, "%s%s", x->slug[v[i].art], x->f->ext);
		pages[i] = xstrdup(tmp.buf);
	}
	book_modified(x, v, n, modified);
	book_identifier(x, L, d, &id);
	if (L->label[L_BOOK_TITLE]->len)
		buf_adds(&title, L->label[L_BOOK_TITLE]->str);
	else
		buf_addf(&title, "%s (%s)", L->label[L_INDEX]->str,
			 L->autonym->str);

	res = xcalloc(L->nimg + 1, sizeof(*res));
	if (export_copy_images(x, k, res, d, r) < 0)
		ret = -1;
	buf_reset(&tmp);
	buf_addf(&tmp, "%s/images", L->dir);
	if (export_prune_images(tmp.buf, "images", res, L->nimg, 0, d) < 0)
		ret = -1;

	memset(&b, 0, sizeof(b));
	b.lang = L->code;
	b.rtl = L->rtl;
	b.identifier = id.buf;
	b.title = title.buf;
	if (L->label[L_BOOK_DESCRIPTION]->len)
		b.description = L->label[L_BOOK_DESCRIPTION]->str;
	b.modified = modified;
	b.nav = x->f->index_file;
	b.stylesheet = x->f->stylesheet;
	b.pages = pages;
	b.npages = n;
	b.res = res;
	b.nres = L->nimg;
	b.images = L->images;
	b.images_alt = L->images_alt;
	epub_package(&b, &opf);
	export_count_write(r, export_write_file(x, L->dir, export_lang_how(L), "package.opf",
				  opf.buf, opf.len, d));

	if (book_container(x, k, d, r) < 0) {
		ret = -1;
		goto out;
	}
	if (prune_pages(x, L->dir, pages, n, d) < 0)
		ret = -1;
out:
	for (i = 0; i < n; i++)
		free((char *)pages[i]);
	free(pages);
	free(res);
	free(v);
	buf_release(&opf);
	buf_release(&id);
	buf_release(&title);
	buf_release(&tmp);
	return ret;
}

/*
 * The zipped books (struct export_format.zip): each language's pages
 * held and the files of its tree, whole now, into outdir/<lang>.epub
 * (epub_zip.h), in the order of its package, one book per worker; what
 * the pages and files counted as written is the books' now.  The hidden
 * trees and the pages go afterwards (export_give_up_stages()).
 */
struct zip_run {
	struct export *x;
	struct diag_list *d;	/* per language, merged in its order */
	int *wrote;		/* per language: epub_zip_book(), or -2: none */
};

static void zip_book(void *ctx, size_t k, int worker)
{
	struct zip_run *zr = ctx;
	struct export *x = zr->x;
	struct xlang *L = &x->langs[k];
	struct diag_list *d = &zr->d[k];
	struct epub_zip z;
	struct entry *v;
	struct epub_res *res = NULL;
	struct buf dest = BUF_INIT, tmp = BUF_INIT;
	const char **pages;
	const struct zip_blob **blobs;
	struct zip_blob *zb;
	char modified[32];
	size_t n, i, *at;

	(void)worker;
	zr->wrote[k] = -2;
	if (!L->stage || !L->dir || !L->has_pages)
		return;
	buf_addf(&dest, "%s/%s.epub", x->outdir, L->code);
	if (L->book_failed) {
		diag(d, R_WRITE, dest.buf, 0, 0, NULL, "not written: "
		     "some files of the book could not be made");
		zr->wrote[k] = -1;
		buf_release(&dest);
		return;
	}
	v = export_lang_entries(x, k, &n);
	pages = xcalloc(n + 1, sizeof(*pages));
	blobs = xcalloc(n + 1, sizeof(*blobs));
	zb = xcalloc(n + 1, sizeof(*zb));
	at = xcalloc(n + 1, sizeof(*at));
	/* the pages' names one after another in tmp: no allocation a page */
	for (i = 0; i < n; i++) {
		at[i] = tmp.len;
		buf_adds(&tmp, x->slug[v[i].art]);
		buf_adds(&tmp, x->f->ext);
		buf_addc(&tmp, '\0');
	}
	for (i = 0; i < n; i++) {
		const struct held *h = &x->books->page[v[i].art];

		pages[i] = tmp.buf + at[i];
		zb[i].crc = h->crc;
		zb[i].size = h->size;
		zb[i].comp_size = h->comp;
		zb[i].data = h->data;
		zb[i].fd = x->books->fd;
		zb[i].off = h->off;
		blobs[i] = &zb[i];
	}
	for (i = 0; i < n && zb[i].comp_size; i++)
		;
	if (i < n) {
		/* a page of the book that was not made: never a book without it */
		diag(d, R_WRITE, dest.buf, 0, 0, NULL, "not written: its page "
		     "'%s' was not made", pages[i]);
		zr->wrote[k] = -1;
		goto out;
	}
	/* export_copy_images() left the images sorted and each once */
	res = xcalloc(L->nimg + 1, sizeof(*res));
	for (i = 0; i < L->nimg; i++) {
		res[i].href = L->img[i].name;
		res[i].type = L->img[i].type;
	}
	book_modified(x, v, n, modified);
	memset(&z, 0, sizeof(z));
	z.tree = L->stage;
	z.dest = dest.buf;
	z.nav = x->f->index_file;
	z.stylesheet = x->f->stylesheet;
	z.pages = pages;
	z.blobs = blobs;
	z.npages = n;
	z.res = res;
	z.nres = L->nimg;
	z.modified = modified;
	zr->wrote[k] = epub_zip_book(&z, d);
out:
	free(pages);
	free(at);
	free(blobs);
	free(zb);
	free(res);
	free(v);
	buf_release(&dest);
	buf_release(&tmp);
}

/*
 * The manifest learns a book as it now is, by its bytes, read in pieces:
 * a book of 10,000 articles is some 30 MB, which never needs to be in
 * memory whole.
 */
static void note_book(struct export *x, size_t k)
{
	struct buf path = BUF_INIT, rel = BUF_INIT;
	unsigned long long sum;
	int fd;

	if (!x->man)
		return;
	buf_addf(&path, "%s/%s.epub", x->outdir, x->langs[k].code);
	buf_addf(&rel, "%s.epub", x->langs[k].code);
	fd = open(path.buf, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0 && manifest_sum_fd(fd, &sum) == 0)
		export_manifest_note_sum(x->man, rel.buf, NULL, sum);
	if (fd >= 0)
		close(fd);
	buf_release(&path);
	buf_release(&rel);
}

void export_zip_books(struct export *x, int workers, struct diag_list *d,
		      struct export_result *r)
{
	size_t i, k, nl = x->c.cfg.nlang;
	struct zip_run zr;

	zr.x = x;
	zr.d = xcalloc(nl + 1, sizeof(*zr.d));
	zr.wrote = xcalloc(nl + 1, sizeof(*zr.wrote));
	for (k = 0; k < nl; k++) {
		memcpy(zr.d[k].ignored, d->ignored, sizeof(d->ignored));
		zr.wrote[k] = -2;
	}
	/* a file of a tree that could not be written: no book of it */
	for (i = 0; i < d->n; i++) {
		const char *f = d->v[i].file;

		for (k = 0; f && d->v[i].severity == SEV_ERROR && k < nl; k++) {
			const char *st = x->langs[k].stage;
			size_t sl = st ? strlen(st) : 0;

			if (st && !strncmp(f, st, sl) && f[sl] == '/')
				x->langs[k].book_failed = 1;
		}
	}
	pool_run(workers, nl, zip_book, &zr);
	r->written = r->unchanged = 0;
	for (k = 0; k < nl; k++) {
		if (zr.wrote[k] >= 0) {
			r->books++;
			note_book(x, k);
		}
		if (zr.wrote[k] != -2)
			export_count_write(r, zr.wrote[k] > 0 ? WRITE_DONE :
				    zr.wrote[k] == 0 ? WRITE_SAME :
				    WRITE_FAILED);
		diag_list_append(d, &zr.d[k]);
		diag_list_release(&zr.d[k]);
		/* a file of a hidden tree is named as a file of its book */
		if (x->langs[k].stage) {
			struct buf book = BUF_INIT;

			buf_addf(&book, "%s/%s.epub", x->outdir, x->langs[k].code);
			export_unstage_paths(d, x->langs[k].stage, book.buf);
			buf_release(&book);
		}
	}
	free(zr.d);
	free(zr.wrote);
}
