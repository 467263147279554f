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
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

/*
 * Deflate's fastest level: a book's pages are small and alike, level 1
 * gives within a few percent of level 6's size in a third of the time,
 * and the size is a reader's download, not a cost that grows with use.
 */
#define DEFLATE_LEVEL 1

/* A regular file, rw-r--r--, as the high half of Unix external attributes. */
#define ENTRY_ATTRIBUTES ((zip_uint32_t)0100644 << 16)

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

static void libzip_error(struct buf *why, zip_error_t *e)
{
	buf_adds(why, zip_error_strerror(e));
}

int zip_write(const char *path, const struct zip_item *v, size_t n,
	      const struct zip_time *when, unsigned long long max,
	      int (*stop)(void), struct buf *why)
{
	struct stop_ctx sc = { stop };
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
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct stat st;
		zip_source_t *src;
		zip_int64_t idx;

		/* the file as it is now: what the book is written from */
		if (stat(v[i].path, &st) < 0) {
			buf_addf(why, "cannot read '%s': %s", v[i].path,
				 errmsg(errno));
			goto fail;
		}
		if (!S_ISREG(st.st_mode) || (unsigned long long)st.st_size > max) {
			buf_addf(why, "cannot read '%s': not a regular file of "
				 "at most %llu bytes", v[i].path, max);
			goto fail;
		}
		src = zip_source_file(za, v[i].path, 0, st.st_size);
		if (!src) {
			buf_addf(why, "cannot read '%s': ", v[i].path);
			libzip_error(why, zip_get_error(za));
			goto fail;
		}
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
		else
			libzip_error(why, zip_get_error(za));
		goto fail;
	}
	return 0;
fail:
	zip_discard(za);
	unlink(path);
	return -1;
}
