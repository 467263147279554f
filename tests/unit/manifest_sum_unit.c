/*
 * manifest_sum_unit.c - cli/export_manifest.c: the checksum of a file
 * read in pieces (manifest_sum_fd(), how a book is noted) is the one of
 * its bytes in memory (manifest_sum()), at sizes around the pieces and
 * the words; a file that cannot be read gives -1.  The sum is the one
 * manifests of earlier runs hold: a word at a time, as ref_sum() spells
 * it, however manifest_sum() is unrolled.
 */
#include "buf.h"
#include "export_manifest.h"
#include "test.h"

#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

/* n (0 to 8) bytes at p as a little-endian word. */
static unsigned long long word(const unsigned char *p, size_t n)
{
	unsigned long long w = 0;
	size_t k;

	for (k = 0; k < n; k++)
		w |= (unsigned long long)p[k] << (8 * k);
	return w;
}

/* The checksum as defined: the whole words one after the other, then
 * the last 0 to 7 bytes and the final mix. */
static unsigned long long ref_sum(const unsigned char *p, size_t len)
{
	unsigned long long h = 0xcbf29ce484222325ULL ^ len;
	size_t whole = len - len % 8, i;

	for (i = 0; i < whole; i += 8) {
		h ^= word(p + i, 8);
		h *= 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	h ^= word(p + whole, len - whole);
	h *= 0x9e3779b97f4a7c15ULL;
	h ^= h >> 32;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

int main(void)
{
	char path[] = "/tmp/folio-sum-unit.XXXXXX";
	static const size_t sizes[] = {
		0, 1, 7, 8, 9, 65535, 65536, 65537, 65543, 65544,
		131072, 200003, 1000000
	};
	struct buf b = BUF_INIT;
	uint64_t s = 7;
	size_t i, n;
	int fd = mkstemp(path);

	CHECK(fd >= 0, "a file to sum");
	if (fd < 0)
		return test_done("manifest_sum_unit");
	unlink(path);
	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		unsigned long long sum = 0;

		buf_reset(&b);
		for (n = 0; n < sizes[i]; n++) {
			s = s * 6364136223846793005ull + 1442695040888963407ull;
			buf_addc(&b, (int)(s >> 56));
		}
		CHECK(ftruncate(fd, 0) == 0 &&
		      pwrite(fd, b.buf, b.len, 0) == (ssize_t)b.len &&
		      lseek(fd, 0, SEEK_SET) == 0, "%zu bytes written", b.len);
		CHECK(manifest_sum_fd(fd, &sum) == 0 &&
		      sum == manifest_sum(b.buf, b.len),
		      "%zu bytes: read in pieces, the same checksum", b.len);
	}
	buf_reset(&b);
	for (n = 0; n < 300; n++) {
		CHECK(manifest_sum(b.buf, b.len) ==
		      ref_sum((const unsigned char *)b.buf, b.len),
		      "%zu bytes: the checksum as defined", b.len);
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		buf_addc(&b, (int)(s >> 56));
	}
	close(fd);
	{
		unsigned long long sum;

		CHECK(manifest_sum_fd(fd, &sum) < 0, "a closed file: -1");
	}
	buf_release(&b);
	return test_done("manifest_sum_unit");
}
