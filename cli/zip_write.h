/*
 * zip_write.h - a zip archive from files, through libzip, the same bytes
 * for the same files (an EPUB book, SPEC 16).
 *
 * Entries are written in the order given, every one dated the same
 * moment and given the same attributes (a regular file, 0644, made on
 * Unix), so that nothing of the machine, the clock, the umask or the time
 * zone reaches the archive.  An entry marked store is stored as it is,
 * with no extra field: what an EPUB's mimetype must be, first in the
 * archive.  The others are deflated: by libzip as the archive is written,
 * or ahead of it, by the workers that make them (deflate_page(),
 * deflate.h), so that writing the archive only copies streams held in
 * memory or in a file of the caller's (struct zip_blob).
 */
#ifndef FOLIO_ZIP_WRITE_H
#define FOLIO_ZIP_WRITE_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/*
 * An entry deflated ahead (deflate_page()): its raw deflate stream, in
 * memory or at an offset of a file the caller keeps open (pages put
 * aside when too many wait: epub_zip.h), with the CRC-32 and size of
 * the data it gives back.
 */
struct zip_blob {
	uint32_t crc;
	uint64_t size;		/* bytes of the data */
	uint64_t comp_size;	/* bytes of the stream */
	const char *data;	/* the stream, or NULL: in fd at off */
	int fd;
	uint64_t off;
};

/* One entry; the strings are borrowed. */
struct zip_item {
	const char *name;	/* in the archive: "EPUB/nav.xhtml" */
	const char *path;	/* the file it holds, read by zip_write() */
	int store;		/* stored, not compressed */
	const struct zip_blob *blob;	/* or, instead of path, its stream */
};

/* A moment, as the archive's MS-DOS date and time hold it (UTC). */
struct zip_time {
	int year, month, day;	/* 1980..2107, 1..12, 1..31 */
	int hour, min, sec;
};

/*
 * Write the archive of v[0..n) to path, which must not exist: a file
 * only this run knows (a temporary name the caller renames into place).
 * Files larger than max bytes are refused; a blob's stream is read as
 * it is (the caller made it).  stop, when not NULL, is asked
 * while the archive is written: non-zero gives it up (^C).
 * Returns 0; or -1 with the reason appended to why (the file named when
 * one cannot be read) and nothing left at path.
 */
int zip_write(const char *path, const struct zip_item *v, size_t n,
	      const struct zip_time *when, unsigned long long max,
	      int (*stop)(void), struct buf *why);

/*
 * An ISO 8601 UTC moment "YYYY-MM-DDThh:mm:ssZ" (dcterms:modified) into
 * t, clamped to the range an MS-DOS date holds.  -1 when s is not one.
 */
int zip_time_parse(const char *s, struct zip_time *t);

#endif
