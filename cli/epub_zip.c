/*
 * epub_zip.c - a language's book into its .epub (epub_zip.h).
 */
#include "epub_zip.h"
#include "atomic.h"
#include "buf.h"
#include "deflate.h"
#include "diag.h"
#include "epub.h"
#include "interrupt.h"
#include "util.h"
#include "zip_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file of a book larger than this is not one folio wrote. */
#define BOOK_FILE_MAX (256ull << 20)

/* Do the files at a and b hold the same bytes?  Never follows links. */
static int same_file(const char *a, const char *b)
{
	char x[65536], y[65536];
	struct stat sa, sb;
	int fa, fb, same = 0;

	fa = open(a, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	fb = open(b, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fa < 0 || fb < 0 || fstat(fa, &sa) < 0 || fstat(fb, &sb) < 0 ||
	    !S_ISREG(sb.st_mode) || sa.st_size != sb.st_size)
		goto out;
	for (;;) {
		ssize_t r = read(fa, x, sizeof(x)), k = 0;

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			same = r == 0;
			break;
		}
		while (k < r) {
			ssize_t q = read(fb, y + k, (size_t)(r - k));

			if (q < 0 && errno == EINTR)
				continue;
			if (q <= 0)
				goto out;
			k += q;
		}
		if (memcmp(x, y, (size_t)r))
			goto out;
	}
out:
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	return same;
}

/*
 * The files folio wrote in the tree (the container, the package, the
 * navigation, the stylesheet: v[1..nfiles)) deflated here as the pages
 * were, by libdeflate and read back (deflate.h), not by zlib through
 * libzip: in a third of the time, and so that every deflated entry of a
 * book is checked.  Each is read whole (a package of 10,000 pages is
 * some 1.2 MB); its stream is kept in streams[i] and given as v[i].blob.
 * 0, or -1 with the reason in why.
 */
static int deflate_files(struct zip_item *v, size_t nfiles,
			 struct zip_blob *blobs, struct buf *streams,
			 struct buf *why)
{
	struct deflater *zd = deflater_new();
	struct buf data = BUF_INIT;
	size_t i;
	int ret = -1;

	if (!zd) {
		buf_adds(why, "out of memory");
		return -1;
	}
	for (i = 1; i < nfiles; i++) {
		enum buf_read_result rr;
		uint32_t crc;

		buf_reset(&data);
		rr = buf_read_file(&data, v[i].path, BOOK_FILE_MAX);
		if (rr != BUF_READ_OK) {
			if (rr == BUF_READ_ERRNO)
				buf_addf(why, "cannot read '%s': %s", v[i].path,
					 errmsg(errno));
			else
				buf_addf(why, "cannot read '%s': not a regular "
					 "file of at most %llu bytes", v[i].path,
					 BOOK_FILE_MAX);
			goto out;
		}
		if (deflate_page(zd, data.buf, data.len, &streams[i], &crc) < 0) {
			buf_addf(why, "cannot compress '%s'", v[i].path);
			goto out;
		}
		blobs[i].crc = crc;
		blobs[i].size = data.len;
		blobs[i].comp_size = streams[i].len;
		blobs[i].data = streams[i].buf;
		blobs[i].fd = -1;
		v[i].blob = &blobs[i];
	}
	ret = 0;
out:
	buf_release(&data);
	deflater_free(zd);
	return ret;
}

/* Append s, prefixed, and a NUL to text; where it starts in text. */
static size_t add_str(struct buf *text, const char *prefix, const char *s)
{
	size_t at = text->len;

	buf_adds(text, prefix);
	buf_adds(text, s);
	buf_addc(text, '\0');
	return at;
}

/*
 * The entries of z's book into v[0..cap), in the order of EPUB's OCF
 * (mimetype first, then the package), their names in names and the
 * paths of those read from the tree in paths, one after another (no
 * allocation an entry: a book may hold 10,000 pages).  The number of
 * entries; *nfiles is the index of the first page (mimetype and the
 * files of the tree folio wrote come before).
 */
static size_t book_entries(const struct epub_zip *z, struct zip_item *v,
			   size_t cap, struct buf *names, struct buf *paths,
			   size_t *nfiles)
{
	size_t *at = xcalloc(cap + 1, sizeof(*at));
	size_t n = 0, i;

	at[n++] = add_str(names, "", "mimetype");
	v[0].store = 1;
	at[n++] = add_str(names, "", "META-INF/container.xml");
	at[n++] = add_str(names, "", EPUB_PACKAGE);
	at[n++] = add_str(names, "EPUB/", z->nav);
	if (z->stylesheet)
		at[n++] = add_str(names, "EPUB/", z->stylesheet);
	*nfiles = n;
	for (i = 0; i < z->npages; i++, n++) {
		at[n] = add_str(names, "EPUB/", z->pages[i]);
		v[n].blob = z->blobs[i];	/* by the worker that made it */
	}
	for (i = 0; i < z->nres; i++, n++) {
		at[n] = add_str(names, "EPUB/", z->res[i].href);
		/* compressed already: deflate would only cost time */
		v[n].store = !strcmp(z->res[i].type, "image/png") ||
			     !strcmp(z->res[i].type, "image/jpeg") ||
			     !strcmp(z->res[i].type, "image/gif");
	}
	/* names is whole: pointers into it hold from here on */
	for (i = 0; i < n; i++) {
		v[i].name = names->buf + at[i];
		if (!v[i].blob) {
			at[i] = paths->len;
			buf_adds(paths, z->tree);
			add_str(paths, "/", v[i].name);
		}
	}
	for (i = 0; i < n; i++)
		if (!v[i].blob)
			v[i].path = paths->buf + at[i];
	free(at);
	return n;
}

int epub_zip_book(const struct epub_zip *z, struct diag_list *d)
{
	size_t cap = 5 + z->npages + z->nres, n, i;
	struct zip_item *v = xcalloc(cap, sizeof(*v));
	struct buf names = BUF_INIT, paths = BUF_INIT;
	struct buf tmp = BUF_INIT, why = BUF_INIT;
	struct zip_blob files[5];	/* the files folio wrote */
	struct buf streams[5];
	struct zip_time when;
	struct stat st;
	size_t nfiles;
	int k, attempt, ret = -1;

	for (i = 0; i < 5; i++)
		buf_init(&streams[i]);
	n = book_entries(z, v, cap, &names, &paths, &nfiles);
	if (deflate_files(v, nfiles, files, streams, &why) < 0) {
		diag(d, R_WRITE, z->dest, 0, 0, NULL,
		     "cannot write the book: %s", why.buf);
		goto out;
	}
	if (zip_time_parse(z->modified, &when) < 0) {
		diag(d, R_WRITE, z->dest, 0, 0, NULL,
		     "cannot date the book's files: '%s'", z->modified);
		goto out;
	}
	/*
	 * A book that could not be written is written once more from the
	 * start before it is reported: the archive library was once seen
	 * to refuse an archive it had just created ("read-only archive"),
	 * in one run of many, and the second try succeeds; a fault of the
	 * files themselves fails both tries and is reported.
	 */
	for (attempt = 0; attempt < 2; attempt++) {
		for (k = 0; k < ATOMIC_TRIES; k++) {
			atomic_tmp_name(&tmp, z->dest, k);
			if (lstat(tmp.buf, &st) < 0 && errno == ENOENT)
				break;
		}
		if (k == ATOMIC_TRIES) {
			diag(d, R_WRITE, z->dest, 0, 0, NULL,
			     "cannot write: no free temporary name beside it");
			goto out;
		}
		buf_reset(&why);
		if (zip_write(tmp.buf, v, n, &when, BOOK_FILE_MAX,
			      interrupt_caught, &why) == 0)
			break;
		if (interrupt_caught())
			goto out;
	}
	if (attempt == 2) {
		diag(d, R_WRITE, z->dest, 0, 0, NULL,
		     "cannot write the book: %s", why.buf);
		goto out;
	}
	if (same_file(tmp.buf, z->dest)) {
		unlink(tmp.buf);
		ret = 0;
	} else if (interrupt_caught()) {
		unlink(tmp.buf);
	} else if (rename(tmp.buf, z->dest) < 0) {
		diag(d, R_WRITE, z->dest, 0, 0, NULL, "cannot write: %s",
		     errmsg(errno));
		unlink(tmp.buf);
	} else {
		ret = 1;
	}
out:
	for (i = 0; i < 5; i++)
		buf_release(&streams[i]);
	free(v);
	buf_release(&names);
	buf_release(&paths);
	buf_release(&tmp);
	buf_release(&why);
	return ret;
}
