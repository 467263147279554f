/*
 * deflate_unit.c - cli/deflate.c: every stream it gives (libdeflate's,
 * or its own stored blocks) is read back by zlib's inflate (a strict
 * reader of its own: incomplete codes, bad distances and trailing
 * garbage are errors) and gives the input byte for byte, with zlib's
 * CRC-32 of it; text shrinks, data that does not compress grows by a few
 * bytes only, and the same input gives the same bytes.  Run from the
 * project root.
 */
#include "buf.h"
#include "deflate.h"
#include "util.h"
#include "test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A generator of its own, so that the cases are the same everywhere. */
static uint32_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*s >> 33);
}

/* Inflate z[0..zn) (raw) into out; 0 when it is one whole stream. */
static int inflate_all(const char *z, size_t zn, size_t want, struct buf *out)
{
	z_stream s;
	int rc;

	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, -15) != Z_OK)
		return -1;
	buf_reset(out);
	buf_grow(out, want + 1);
	s.next_in = (Bytef *)z;
	s.avail_in = (uInt)zn;
	s.next_out = (Bytef *)out->buf;
	s.avail_out = (uInt)(want + 1);
	rc = inflate(&s, Z_FINISH);
	buf_setlen(out, s.total_out);
	inflateEnd(&s);
	/* the whole input is the stream: nothing left after its end */
	return rc == Z_STREAM_END && s.avail_in == 0 ? 0 : -1;
}

static struct deflater *zd;

/* Deflate data, check it inflates back; the compressed size, or 0. */
static size_t round_trip(const char *what, const unsigned char *data,
			 size_t len)
{
	struct buf z = BUF_INIT, back = BUF_INIT, again = BUF_INIT;
	uint32_t crc = 0, crc2 = 0;
	size_t zn;
	int ok;

	buf_adds(&z, "pre");	/* appended after what is there */
	CHECK(deflate_page(zd, (const char *)data, len, &z, &crc) == 0,
	      "%s (%zu bytes): deflated", what, len);
	ok = !memcmp(z.buf, "pre", 3) &&
	     inflate_all(z.buf + 3, z.len - 3, len, &back) == 0 &&
	     back.len == len && !memcmp(back.buf, data, len);
	CHECK(ok, "%s (%zu bytes): inflates back to the input", what, len);
	CHECK(crc == (uint32_t)crc32(0L, data, (uInt)len),
	      "%s (%zu bytes): its CRC-32", what, len);
	CHECK(deflate_page(zd, (const char *)data, len, &again, &crc2) == 0 &&
	      crc2 == crc && again.len == z.len - 3 &&
	      !memcmp(again.buf, z.buf + 3, again.len),
	      "%s: the same bytes twice", what);
	zn = ok ? z.len - 3 : 0;
	/* the stream it falls back on, stored blocks */
	buf_reset(&again);
	deflate_stored((const char *)data, len, &again);
	CHECK(inflate_all(again.buf, again.len, len, &back) == 0 &&
	      back.len == len && !memcmp(back.buf, data, len) &&
	      again.len == len + 5 * (len / 65535 + (len % 65535 || !len)),
	      "%s (%zu bytes): stored, inflates back, 5 bytes a block", what,
	      len);
	buf_release(&z);
	buf_release(&back);
	buf_release(&again);
	return zn;
}

static void fill_text(struct buf *b, size_t n, uint64_t *s)
{
	static const char *const words[] = {
		"<p>", "</p>\n", "le ", "traitement ", "de ", "la ", "chimiothérapie ",
		"dure ", "six ", "mois", ". ", "<strong>", "</strong>", "500 mg ",
		"<a href=\"x.xhtml\">", "</a>", "patient ", "médecin ", "\n"
	};

	while (b->len < n)
		buf_adds(b, words[rnd(s) % (sizeof(words) / sizeof(*words))]);
	buf_setlen(b, n);
}

int main(void)
{
	struct buf b = BUF_INIT;
	uint64_t s = 42;
	size_t i, n, zn;
	static const size_t sizes[] = {
		0, 1, 2, 3, 4, 5, 7, 8, 9, 100, 257, 258, 259, 1000, 4096,
		32767, 32768, 32769, 65535, 65536, 65537, 100000, 300000
	};

	zd = deflater_new();
	CHECK(zd != NULL, "a deflater");
	if (!zd)
		return test_done("deflate_unit");

	/* text, at sizes around every boundary of the format and the code */
	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		buf_reset(&b);
		fill_text(&b, sizes[i], &s);
		zn = round_trip("text", (const unsigned char *)b.buf, b.len);
		if (b.len >= 1000)
			CHECK(zn > 0 && zn < b.len / 3,
			      "text of %zu bytes shrinks to under a third: %zu",
			      b.len, zn);
	}
	/* bytes that do not compress: stored, a few bytes over */
	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		buf_reset(&b);
		for (n = 0; n < sizes[i]; n++)
			buf_addc(&b, (int)(rnd(&s) & 0xFF));
		zn = round_trip("random", (const unsigned char *)b.buf, b.len);
		CHECK(zn > 0 && zn <= b.len + 6 * (b.len / 16384 + 2),
		      "random bytes of %zu: %zu, not much more", b.len, zn);
	}
	/* one byte repeated: the longest matches, distance 1 */
	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		buf_reset(&b);
		for (n = 0; n < sizes[i]; n++)
			buf_addc(&b, 'a');
		zn = round_trip("one byte", (const unsigned char *)b.buf, b.len);
		if (b.len >= 1000)
			CHECK(zn > 0 && zn < b.len / 50, "%zu times 'a': %zu",
			      b.len, zn);
	}
	/* a repeat just within and just past the window */
	for (n = 32760; n <= 32776; n += 4) {
		buf_reset(&b);
		fill_text(&b, 600, &s);
		while (b.len < n)
			buf_addc(&b, (int)(rnd(&s) & 0xFF));
		buf_add(&b, b.buf, 600);
		round_trip("far repeat", (const unsigned char *)b.buf, b.len);
	}
	/* few symbols, skewed: long codes, flattened to 15 bits */
	buf_reset(&b);
	for (i = 0; i < 40; i++)
		for (n = 0; n < ((size_t)1 << (i < 20 ? i : 20)) && b.len < 2000000; n++)
			buf_addc(&b, (int)(rnd(&s) % 7 == 0 ? 'A' + i : (rnd(&s) & 0xFF)));
	round_trip("skewed", (const unsigned char *)b.buf, b.len);
	/* mixed: random stretches and text, many blocks */
	for (i = 0; i < 30; i++) {
		buf_reset(&b);
		n = rnd(&s) % 200000;
		while (b.len < n) {
			size_t k = rnd(&s) % 3000, end = b.len + k;

			if (rnd(&s) & 1) {
				struct buf t = BUF_INIT;

				fill_text(&t, k, &s);
				buf_add(&b, t.buf, t.len);
				buf_release(&t);
			} else {
				while (b.len < end)
					buf_addc(&b, (int)(rnd(&s) % (1 + i * 8)));
			}
		}
		round_trip("mixed", (const unsigned char *)b.buf, b.len);
	}
	buf_release(&b);
	deflater_free(zd);
	return test_done("deflate_unit");
}
