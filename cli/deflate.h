/*
 * deflate.h - the files of a book (its pages, its package) deflated and
 * checked (SPEC 16), through libdeflate.
 *
 * A page becomes a raw deflate stream (RFC 1951, no zlib header: what a
 * zip entry holds) at libdeflate's fastest level, and the stream is
 * inflated again and compared with the page before it is given: a page
 * of a book reads exactly as it was rendered, or is not deflated that
 * way.  A stream that does not read back (never seen) is replaced by one
 * of stored blocks, written here and checked the same way.  The same
 * page gives the same bytes with the same libdeflate.
 *
 * A struct deflater holds one thread's state (libdeflate's compressor
 * and decompressor, about 220 KiB, and room for a page read back): each
 * worker has its own, made once and used for every page it deflates.
 */
#ifndef FOLIO_DEFLATE_H
#define FOLIO_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct deflater;

/* A deflater, owned by the caller (deflater_free()); NULL: no memory. */
struct deflater *deflater_new(void);
void deflater_free(struct deflater *z);

/*
 * Append the raw deflate stream of data[0..len) to out, read back and
 * found equal to data, and set *crc to the CRC-32 of data.  Returns 0,
 * or -1 (out as it was) when data is over 1 GiB or no stream of it
 * reads back.
 */
int deflate_page(struct deflater *z, const char *data, size_t len,
		 struct buf *out, uint32_t *crc);

/*
 * Append data[0..len) as a raw deflate stream of stored blocks (no
 * compression), the stream deflate_page() falls back on.
 */
void deflate_stored(const char *data, size_t len, struct buf *out);

#endif
