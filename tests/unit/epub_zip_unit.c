/*
 * epub_zip_unit.c - cli/epub_zip.c: a book zipped from its tree and its
 * pages deflated ahead holds, entry by entry, the files of the tree and
 * the pages (read back through libzip, CRC checked), mimetype first and
 * stored, the files folio wrote deflated; a file of the tree that
 * vanished before the book is made gives a diagnostic naming it, no
 * book and no temporary file.  Run from the project root.
 */
#include "buf.h"
#include "deflate.h"
#include "diag.h"
#include "epub.h"
#include "epub_zip.h"
#include "util.h"
#include "zip_write.h"
#include "test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#define NPAGES 3

static void put(const char *dir, const char *name, const char *data)
{
	struct buf p = BUF_INIT;
	FILE *f;

	buf_addf(&p, "%s/%s", dir, name);
	f = fopen(p.buf, "wb");
	if (f) {
		fputs(data, f);
		fclose(f);
	}
	buf_release(&p);
}

/* The entry name of archive za, read whole into out; 0 when it is. */
static int entry(zip_t *za, const char *name, struct buf *out)
{
	zip_file_t *f = zip_fopen(za, name, 0);
	char chunk[4096];
	zip_int64_t r;

	buf_reset(out);
	if (!f)
		return -1;
	while ((r = zip_fread(f, chunk, sizeof(chunk))) > 0)
		buf_add(out, chunk, (size_t)r);
	zip_fclose(f);
	return r < 0 ? -1 : 0;
}

/* Files in dir whose name starts with a dot (temporary ones). */
static int hidden(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL)
		n += e->d_name[0] == '.' && strcmp(e->d_name, ".") &&
		     strcmp(e->d_name, "..") && strcmp(e->d_name, ".tree");
	if (d)
		closedir(d);
	return n;
}

int main(void)
{
	char dir[] = "/tmp/folio-epub-zip-unit.XXXXXX";
	static const char *const files[][2] = {
		{ "mimetype", EPUB_MIMETYPE },
		{ "META-INF/container.xml", "<?xml version=\"1.0\"?><container/>\n" },
		{ "EPUB/package.opf", "<?xml version=\"1.0\"?><package>"
		  "<manifest/><spine/></package>\n" },
		{ "EPUB/nav.xhtml", "<?xml version=\"1.0\"?><html><body><nav>"
		  "<ol><li>un</li><li>deux</li></ol></nav></body></html>\n" },
		{ "EPUB/style.css", "body { margin: 0 1em; }\n" },
	};
	const char *pages[NPAGES] = { "a.xhtml", "b.xhtml", "c.xhtml" };
	struct zip_blob blobs[NPAGES];
	const struct zip_blob *bp[NPAGES];
	struct buf text[NPAGES], z[NPAGES], tree = BUF_INIT, dest = BUF_INIT,
		   got = BUF_INIT, p = BUF_INIT;
	struct deflater *zd = deflater_new();
	struct diag_list d;
	struct epub_zip ez;
	zip_t *za;
	zip_stat_t st;
	size_t i;
	int k;

	CHECK(mkdtemp(dir) != NULL && zd, "a directory and a deflater");
	buf_addf(&tree, "%s/.tree", dir);
	buf_addf(&p, "%s/META-INF", tree.buf);
	mkdir(tree.buf, 0755);
	mkdir(p.buf, 0755);
	buf_reset(&p);
	buf_addf(&p, "%s/EPUB", tree.buf);
	mkdir(p.buf, 0755);
	for (i = 0; i < sizeof(files) / sizeof(*files); i++)
		put(tree.buf, files[i][0], files[i][1]);
	for (k = 0; k < NPAGES; k++) {
		uint32_t crc = 0;

		buf_init(&text[k]);
		buf_init(&z[k]);
		buf_addf(&text[k], "<?xml version=\"1.0\"?><html><body>");
		for (i = 0; i < 50; i++)
			buf_addf(&text[k], "<p>page %d, paragraphe %zu</p>\n", k, i);
		buf_adds(&text[k], "</body></html>\n");
		CHECK(deflate_page(zd, text[k].buf, text[k].len, &z[k], &crc) == 0,
		      "page %d deflated", k);
		memset(&blobs[k], 0, sizeof(blobs[k]));
		blobs[k].crc = crc;
		blobs[k].size = text[k].len;
		blobs[k].comp_size = z[k].len;
		blobs[k].data = z[k].buf;
		blobs[k].fd = -1;
		bp[k] = &blobs[k];
	}
	buf_addf(&dest, "%s/fr.epub", dir);
	memset(&ez, 0, sizeof(ez));
	ez.tree = tree.buf;
	ez.dest = dest.buf;
	ez.nav = "nav.xhtml";
	ez.stylesheet = "style.css";
	ez.pages = pages;
	ez.blobs = bp;
	ez.npages = NPAGES;
	ez.modified = "2026-11-28T00:00:00Z";

	/* the whole book */
	memset(&d, 0, sizeof(d));
	CHECK(epub_zip_book(&ez, &d) == 1 && d.n == 0, "the book is written");
	za = zip_open(dest.buf, ZIP_RDONLY | ZIP_CHECKCONS, NULL);
	CHECK(za != NULL, "libzip opens it, its directory consistent");
	for (i = 0; za && i < sizeof(files) / sizeof(*files); i++) {
		CHECK(entry(za, files[i][0], &got) == 0 &&
		      !strcmp(got.buf, files[i][1]) &&
		      zip_get_name(za, i, 0) &&
		      !strcmp(zip_get_name(za, i, 0), files[i][0]),
		      "entry %zu is %s, as in the tree", i, files[i][0]);
		CHECK(zip_stat_index(za, i, 0, &st) == 0 &&
		      st.comp_method == (i ? ZIP_CM_DEFLATE : ZIP_CM_STORE),
		      "%s: %s", files[i][0], i ? "deflated" : "stored");
	}
	for (k = 0; za && k < NPAGES; k++) {
		buf_reset(&p);
		buf_addf(&p, "EPUB/%s", pages[k]);
		CHECK(entry(za, p.buf, &got) == 0 && got.len == text[k].len &&
		      !memcmp(got.buf, text[k].buf, got.len),
		      "%s reads back as the page", p.buf);
	}
	if (za)
		zip_close(za);
	diag_list_release(&d);

	/* the same bytes again: left alone */
	memset(&d, 0, sizeof(d));
	CHECK(epub_zip_book(&ez, &d) == 0 && d.n == 0, "the same book: left alone");
	diag_list_release(&d);

	/* a file of the tree that vanished: no book, the old one kept */
	buf_reset(&p);
	buf_addf(&p, "%s/EPUB/nav.xhtml", tree.buf);
	unlink(p.buf);
	unlink(dest.buf);
	memset(&d, 0, sizeof(d));
	CHECK(epub_zip_book(&ez, &d) < 0 && d.n == 1 &&
	      !strcmp(d.v[0].file, dest.buf) && strstr(d.v[0].message, p.buf) &&
	      strstr(d.v[0].message, "cannot read"),
	      "a vanished file is named: %s", d.n ? d.v[0].message : "(none)");
	CHECK(access(dest.buf, F_OK) < 0 && hidden(dir) == 0,
	      "no book, no temporary file");
	diag_list_release(&d);

	/* clean up */
	for (i = 0; i < sizeof(files) / sizeof(*files); i++) {
		buf_reset(&p);
		buf_addf(&p, "%s/%s", tree.buf, files[i][0]);
		unlink(p.buf);
	}
	buf_reset(&p);
	buf_addf(&p, "%s/META-INF", tree.buf);
	rmdir(p.buf);
	buf_reset(&p);
	buf_addf(&p, "%s/EPUB", tree.buf);
	rmdir(p.buf);
	rmdir(tree.buf);
	rmdir(dir);
	for (k = 0; k < NPAGES; k++) {
		buf_release(&text[k]);
		buf_release(&z[k]);
	}
	buf_release(&tree);
	buf_release(&dest);
	buf_release(&got);
	buf_release(&p);
	deflater_free(zd);
	return test_done("epub_zip_unit");
}
