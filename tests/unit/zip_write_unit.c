/*
 * zip_write_unit.c - cli/zip_write.c: an archive of pages deflated ahead,
 * held in memory or put aside in a file, reads back (through libzip) as
 * the pages, entry by entry, with no file left open; a page whose file
 * was cut short, or a file that vanished, gives a reason naming it, and
 * no archive.  Run from the project root.
 */
#include "buf.h"
#include "deflate.h"
#include "util.h"
#include "zip_write.h"
#include "test.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define NPAGES 40

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static void put_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

/* The page i: a few hundred bytes of markup that differ from page to page. */
static void page(struct buf *b, int i)
{
	int k;

	buf_reset(b);
	buf_addf(b, "<?xml version=\"1.0\"?>\n<html><body><h1>Page %d</h1>\n", i);
	for (k = 0; k < i * 7; k++)
		buf_addf(b, "<p>paragraphe %d de la page %d</p>\n", k, i);
	buf_adds(b, "</body></html>\n");
}

int main(void)
{
	char dir[] = "/tmp/folio-zip-unit.XXXXXX";
	struct zip_item v[NPAGES + 1];
	struct zip_blob blobs[NPAGES + 1];
	struct buf paths[NPAGES + 1], names[NPAGES + 1], held[NPAGES + 1];
	struct buf data = BUF_INIT, blob = BUF_INIT, why = BUF_INIT,
		   arc = BUF_INIT, want = BUF_INIT, aside = BUF_INIT;
	struct zip_time when = { 2026, 11, 28, 0, 0, 0 };
	int i, fds, ok, afd;
	uint64_t end = 0;
	zip_t *za;
	struct deflater *zd = deflater_new();

	if (!mkdtemp(dir)) {
		printf("not ok - cannot make a temporary directory\n");
		return 1;
	}
	memset(v, 0, sizeof(v));
	v[0].name = "mimetype";
	v[0].store = 1;
	buf_init(&paths[0]);
	buf_init(&names[0]);
	buf_addf(&paths[0], "%s/mimetype", dir);
	v[0].path = paths[0].buf;
	put_file(v[0].path, "application/epub+zip", 20);
	/* the odd pages in memory, the even ones put aside in one file */
	buf_addf(&aside, "%s/aside", dir);
	afd = open(aside.buf, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(afd >= 0, "a file to put pages aside in");
	memset(blobs, 0, sizeof(blobs));
	for (i = 1; i <= NPAGES; i++) {
		uint32_t crc;

		buf_init(&paths[i]);
		buf_init(&names[i]);
		buf_init(&held[i]);
		buf_addf(&names[i], "EPUB/p%d.xhtml", i);
		page(&data, i);
		buf_reset(&blob);
		CHECK(zd && deflate_page(zd, data.buf, data.len, &blob, &crc) == 0,
		      "page %d deflated", i);
		blobs[i].crc = crc;
		blobs[i].size = data.len;
		blobs[i].comp_size = blob.len;
		blobs[i].fd = -1;
		if (i % 2) {
			buf_add(&held[i], blob.buf, blob.len);
			blobs[i].data = held[i].buf;
		} else {
			CHECK(pwrite(afd, blob.buf, blob.len, (off_t)end) ==
			      (ssize_t)blob.len, "page %d put aside", i);
			blobs[i].fd = afd;
			blobs[i].off = end;
			end += blob.len;
		}
		v[i].name = names[i].buf;
		v[i].blob = &blobs[i];
	}

	/* the whole archive */
	buf_addf(&arc, "%s/book.epub", dir);
	fds = open_fds();
	CHECK(zip_write(arc.buf, v, NPAGES + 1, &when, 1u << 20, NULL, &why) == 0,
	      "the archive is written: %s", why.buf);
	CHECK(open_fds() == fds, "no file left open: %d, was %d", open_fds(), fds);
	za = zip_open(arc.buf, ZIP_RDONLY | ZIP_CHECKCONS, NULL);
	CHECK(za != NULL, "libzip opens it, its directory consistent");
	for (i = 1; za && i <= NPAGES; i++) {
		zip_file_t *f = zip_fopen(za, names[i].buf, 0);
		zip_int64_t r;

		page(&want, i);
		buf_reset(&data);
		buf_grow(&data, want.len + 16);
		r = f ? zip_fread(f, data.buf, want.len + 16) : -1;
		ok = r == (zip_int64_t)want.len && !memcmp(data.buf, want.buf, want.len);
		CHECK(ok, "%s reads back as the page (CRC checked)", names[i].buf);
		if (f)
			zip_fclose(f);
	}
	if (za)
		zip_close(za);
	unlink(arc.buf);

	/* the file of the pages put aside, cut short under the last one */
	CHECK(ftruncate(afd, (off_t)(end - 1)) == 0, "the file cut short");
	buf_reset(&why);
	CHECK(zip_write(arc.buf, v, NPAGES + 1, &when, 1u << 20, NULL, &why) < 0,
	      "an archive with a page cut short is refused");
	buf_reset(&want);
	buf_addf(&want, "cannot read back the page 'EPUB/p%d.xhtml' put aside: "
		 "the file holding it was cut short", NPAGES);
	CHECK_STR(why.buf, want.buf, "the reason names the page");
	CHECK(access(arc.buf, F_OK) < 0, "no archive left");
	CHECK(open_fds() == fds, "no file left open");

	/* a file (not a page) that vanished */
	unlink(paths[0].buf);
	buf_reset(&why);
	CHECK(zip_write(arc.buf, v, NPAGES + 1, &when, 1u << 20, NULL, &why) < 0,
	      "an archive with a missing file is refused");
	buf_reset(&want);
	buf_addf(&want, "cannot read '%s': ", paths[0].buf);
	CHECK(!strncmp(why.buf, want.buf, want.len) && why.len > want.len,
	      "the reason names the file: %s", why.buf);
	CHECK(access(arc.buf, F_OK) < 0, "no archive left");
	CHECK(open_fds() == fds, "no file left open");

	close(afd);
	unlink(aside.buf);
	for (i = 0; i <= NPAGES; i++) {
		buf_release(&paths[i]);
		buf_release(&names[i]);
		if (i)
			buf_release(&held[i]);
	}
	buf_release(&aside);
	rmdir(dir);
	buf_release(&data);
	buf_release(&blob);
	buf_release(&why);
	buf_release(&arc);
	buf_release(&want);
	deflater_free(zd);
	return test_done("zip_write_unit");
}
