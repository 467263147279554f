/*
 * zip_write.c - a reproducible zip archive through libzip (zip_write.h).
 *
 * libzip reads each file and compresses it only in zip_close(), into a
 * temporary file of its own beside path that it renames to path when the
 * archive is whole, and removes when it is not (a read that fails, a full
 * disk, the caller's stop): path exists only whole.
 */
#include "zip_write.h"
#include "buf.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

/*
 * What libzip deflates itself (in a book, SVG images): deflate's
 * fastest level.  The pages, most of a book, and the package around
 * them are deflated ahead (deflate.h).
 */
#define DEFLATE_LEVEL 1

/* A regular file, rw-r--r--, as the high half of Unix external attributes. */
#define ENTRY_ATTRIBUTES ((zip_uint32_t)0100644 << 16)

/*
 * A libzip source for a blob: the entry's data as it is, already
 * deflated, with its CRC and sizes, so that libzip copies it from
 * memory or from the caller's file.
 */
struct blob_src {
	const struct zip_blob *blob;
	const char *name;	/* the entry's, for a reason */
	uint64_t pos;		/* read so far */
	struct buf why;		/* why it cannot be read, for the caller */
	zip_error_t error;
};

static zip_int64_t blob_cb(void *ud, void *data, zip_uint64_t len,
			   zip_source_cmd_t cmd)
{
	struct blob_src *b = ud;
	const struct zip_blob *z = b->blob;
	uint64_t left = z->comp_size - b->pos;
	ssize_t r;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		b->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		if (len > left)
			len = left;
		if (len > 1u << 30)
			len = 1u << 30;
		if (!len)
			return 0;
		if (z->data) {
			memcpy(data, z->data + b->pos, (size_t)len);
			b->pos += len;
			return (zip_int64_t)len;
		}
		do {
			r = pread(z->fd, data, (size_t)len,
				  (off_t)(z->off + b->pos));
		} while (r < 0 && errno == EINTR);
		if (r <= 0) {
			/* the file of the streams lost some: never a short entry */
			zip_error_set(&b->error, ZIP_ER_READ, r < 0 ? errno : 0);
			if (!b->why.len)
				buf_addf(&b->why, "cannot read back the page "
					 "'%s' put aside: %s", b->name,
					 r < 0 ? errmsg(errno) :
					 "the file holding it was cut short");
			return -1;
		}
		b->pos += (uint64_t)r;
		return r;
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;

		if (len < sizeof(*st))
			return -1;
		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
			    ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
		st->size = z->size;
		st->comp_size = z->comp_size;
		st->comp_method = ZIP_CM_DEFLATE;
		st->crc = z->crc;
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&b->error, data, len);
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
			ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
			ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&b->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* The first reason a blob could not be read, appended to why; 0 if none. */
static int blobs_why(const struct blob_src *v, size_t n, struct buf *why)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].blob && v[i].why.len) {
			buf_adds(why, v[i].why.buf);
			return 1;
		}
	return 0;
}

static void blobs_free(struct blob_src *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].blob) {
			buf_release(&v[i].why);
			zip_error_fini(&v[i].error);
		}
	free(v);
}

struct stop_ctx {
	int (*stop)(void);
};

static int cancel_cb(zip_t *za, void *ud)
{
	const struct stop_ctx *s = ud;

	(void)za;
	return s->stop && s->stop();
}

int zip_time_parse(const char *s, struct zip_time *t)
{
	if (!s || strlen(s) != 20 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &t->year, &t->month, &t->day,
		   &t->hour, &t->min, &t->sec) != 6)
		return -1;
	if (t->year < 1980) {
		t->year = 1980, t->month = 1, t->day = 1;
		t->hour = t->min = t->sec = 0;
	} else if (t->year > 2107) {
		t->year = 2107, t->month = 12, t->day = 31;
		t->hour = 23, t->min = 59, t->sec = 58;
	}
	if (t->month < 1 || t->month > 12 || t->day < 1 || t->day > 31 ||
	    t->hour > 23 || t->min > 59 || t->sec > 60)
		return -1;
	return 0;
}

/* libzip's reason, in folio's words where the system gave one. */
static void libzip_error(struct buf *why, zip_error_t *e)
{
	int sys = zip_error_code_system(e);
	const char *m;

	if (zip_error_system_type(e) == ZIP_ET_SYS && sys &&
	    strcmp(errmsg(sys), "system error")) {
		buf_adds(why, errmsg(sys));
		return;
	}
	m = zip_error_strerror(e);
	/* messages are lowercase: "Seek error" reads "seek error" */
	if (m[0] >= 'A' && m[0] <= 'Z' && m[1] >= 'a' && m[1] <= 'z') {
		buf_addc(why, m[0] - 'A' + 'a');
		m++;
	}
	buf_adds(why, m);
}

/*
 * The source of one entry: its file as it is now, or its blob (b is
 * then filled and must live until the archive is closed).  NULL, with
 * why appended, when it cannot be read.
 */
static zip_source_t *item_source(zip_t *za, const struct zip_item *it,
				 struct blob_src *b, unsigned long long max,
				 struct buf *why)
{
	zip_source_t *src;
	struct stat st;

	if (it->blob) {
		b->blob = it->blob;
		b->name = it->name;
		buf_init(&b->why);
		zip_error_init(&b->error);
		src = zip_source_function(za, blob_cb, b);
	} else if (stat(it->path, &st) < 0) {
		buf_addf(why, "cannot read '%s': %s", it->path, errmsg(errno));
		return NULL;
	} else if (!S_ISREG(st.st_mode) ||
		   (unsigned long long)st.st_size > max) {
		buf_addf(why, "cannot read '%s': not a regular file of at most "
			 "%llu bytes", it->path, max);
		return NULL;
	} else {
		src = zip_source_file(za, it->path, 0, st.st_size);
	}
	if (!src) {
		buf_addf(why, "cannot read '%s': ", it->blob ? it->name : it->path);
		libzip_error(why, zip_get_error(za));
	}
	return src;
}

int zip_write(const char *path, const struct zip_item *v, size_t n,
	      const struct zip_time *when, unsigned long long max,
	      int (*stop)(void), struct buf *why)
{
	struct stop_ctx sc = { stop };
	struct blob_src *blobs = xcalloc(n + 1, sizeof(*blobs));
	zip_uint16_t dtime, ddate;
	zip_error_t ze;
	zip_t *za;
	size_t i;
	int err = 0;

	dtime = (zip_uint16_t)(when->hour << 11 | when->min << 5 | when->sec / 2);
	ddate = (zip_uint16_t)((when->year - 1980) << 9 | when->month << 5 |
			       when->day);
	za = zip_open(path, ZIP_CREATE | ZIP_EXCL, &err);
	if (!za) {
		zip_error_init_with_code(&ze, err);
		libzip_error(why, &ze);
		zip_error_fini(&ze);
		blobs_free(blobs, n);
		return -1;
	}
	for (i = 0; i < n; i++) {
		zip_source_t *src;
		zip_int64_t idx;

		src = item_source(za, &v[i], &blobs[i], max, why);
		if (!src)
			goto fail;
		idx = zip_file_add(za, v[i].name, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src);
			libzip_error(why, zip_get_error(za));
			goto fail;
		}
		if (zip_set_file_compression(za, (zip_uint64_t)idx,
					     v[i].store ? ZIP_CM_STORE :
					     ZIP_CM_DEFLATE,
					     v[i].store ? 0 : DEFLATE_LEVEL) < 0 ||
		    zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate,
					 0) < 0 ||
		    zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0,
						     ZIP_OPSYS_UNIX,
						     ENTRY_ATTRIBUTES) < 0) {
			libzip_error(why, zip_get_error(za));
			goto fail;
		}
	}
	if (stop)
		zip_register_cancel_callback_with_state(za, cancel_cb, NULL, &sc);
	if (zip_close(za) < 0) {
		if (stop && stop())
			buf_adds(why, "interrupted");
		else if (!blobs_why(blobs, n, why))
			libzip_error(why, zip_get_error(za));
		goto fail;
	}
	blobs_free(blobs, n);
	return 0;
fail:
	zip_discard(za);
	unlink(path);
	blobs_free(blobs, n);
	return -1;
}
