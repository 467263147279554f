/*
 * deflate.c - a book's pages deflated and checked (deflate.h).
 *
 * Why libdeflate, and at level 1 (measured on the 8.98 MB of XHTML
 * pages of the 200-id bench corpus, pages in memory, CPU time a round
 * on the loaded 2-CPU host, tests/bench/README.md): its level 1 takes
 * 36 ms for 31.2 % of the bytes, where zlib's level 1 took 117 ms for
 * 32.9 % and the greedy encoder folio had of its own 41 ms for 33.0 %;
 * libdeflate's levels 2 to 6 gain at most one point (30.3 % at 6) for
 * twice the time.  A maintained, widely used and fuzzed encoder in
 * place of 600 lines of folio's own is also less code to get wrong.
 *
 * Why the read-back stays: a patient-information book must never hold
 * a page that reads differently from the page folio checked, and no
 * encoder, however well tested, is proof against its own faults or a
 * fault of the machine while it runs.  libdeflate's decompressor, a
 * separate piece of code from its compressor, inflates each stream
 * into this deflater's room and the result is compared byte for byte:
 * 13 ms a round on the same pages (zlib's inflate took 29 ms), about a
 * third of the compression.  The reader's CRC-32 check only says that a
 * page is wrong, once the book has been handed out.
 */
#include "deflate.h"
#include "buf.h"
#include "util.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

#define DEFLATE_LEVEL 1		/* libdeflate's fastest (see above) */
#define PAGE_MAX (1u << 30)	/* a page of a book is far under this */
#define STORED_MAX 65535u	/* bytes of one stored block */

struct deflater {
	struct libdeflate_compressor *c;
	struct libdeflate_decompressor *d;
	struct buf back;	/* a stream read back, compared with its page */
};

struct deflater *deflater_new(void)
{
	struct deflater *z = xcalloc(1, sizeof(*z));

	z->c = libdeflate_alloc_compressor(DEFLATE_LEVEL);
	z->d = libdeflate_alloc_decompressor();
	buf_init(&z->back);
	if (!z->c || !z->d) {
		deflater_free(z);
		return NULL;
	}
	return z;
}

void deflater_free(struct deflater *z)
{
	if (!z)
		return;
	libdeflate_free_compressor(z->c);
	libdeflate_free_decompressor(z->d);
	buf_release(&z->back);
	free(z);
}

void deflate_stored(const char *data, size_t len, struct buf *out)
{
	size_t at = 0;

	do {
		size_t n = len - at < STORED_MAX ? len - at : STORED_MAX;
		unsigned char h[5];

		/* BFINAL on the last block, BTYPE 00; then LEN and ~LEN */
		h[0] = at + n == len;
		h[1] = (unsigned char)(n & 0xff);
		h[2] = (unsigned char)(n >> 8);
		h[3] = (unsigned char)(~n & 0xff);
		h[4] = (unsigned char)((~n >> 8) & 0xff);
		buf_add(out, h, sizeof(h));
		buf_add(out, data + at, n);
		at += n;
	} while (at < len);
}

/* Does the raw stream s[0..sn), whole, inflate to data[0..len) exactly? */
static int reads_back(struct deflater *z, const char *s, size_t sn,
		      const char *data, size_t len)
{
	size_t used = 0;

	buf_reset(&z->back);
	buf_grow(&z->back, len);
	/* no actual_out: anything but exactly len bytes is a failure */
	if (libdeflate_deflate_decompress_ex(z->d, s, sn, z->back.buf, len,
					     &used, NULL) != LIBDEFLATE_SUCCESS)
		return 0;
	return used == sn && !memcmp(z->back.buf, data, len);
}

int deflate_page(struct deflater *z, const char *data, size_t len,
		 struct buf *out, uint32_t *crc)
{
	size_t at = out->len, bound, n;

	if (len > PAGE_MAX)
		return -1;
	*crc = (uint32_t)libdeflate_crc32(0, data, len);
	bound = libdeflate_deflate_compress_bound(z->c, len);
	buf_grow(out, bound);
	n = libdeflate_deflate_compress(z->c, data, len, out->buf + at, bound);
	if (n && reads_back(z, out->buf + at, n, data, len)) {
		buf_setlen(out, at + n);
		return 0;
	}
	/* never a page that does not read back as it is: stored then */
	buf_setlen(out, at);
	deflate_stored(data, len, out);
	if (reads_back(z, out->buf + at, out->len - at, data, len))
		return 0;
	buf_setlen(out, at);
	return -1;
}
