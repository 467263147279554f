/*
 * manifest_sum_unit.c - cli/export_manifest.c: the checksum of a file
 * read in pieces (manifest_sum_fd(), how a book is noted) is the one of
 * its bytes in memory (manifest_sum()), at sizes around the pieces and
 * the words; a file that cannot be read gives -1.
 */
#include "buf.h"
#include "export_manifest.h"
#include "test.h"

#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

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
	close(fd);
	{
		unsigned long long sum;

		CHECK(manifest_sum_fd(fd, &sum) < 0, "a closed file: -1");
	}
	buf_release(&b);
	return test_done("manifest_sum_unit");
}
