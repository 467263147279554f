/*
 * fuzz_iconv.c - the text export's encoding path (encode.h): a page of
 * arbitrary text through encoder_convert() into each --encoding, with and
 * without --translit.  The first byte picks the encoding and --translit;
 * the rest is the page.
 *
 * Asserts what encode.h promises: a failure names at least one
 * character, each at the offset of a UTF-8 sequence that encodes it in
 * the page as given (with --translit too, where folio's own spellings
 * have changed the page's length before iconv: 10⁹ is 10^9), and with
 * --translit only a character that has no faithful spelling fails (an
 * ASCII page never does); a success with nothing to report leaves no
 * report.
 */
#include "fuzz.h"

#include "buf.h"
#include "encode.h"

#include <stdio.h>

static const char *const names[] = {
	"latin1", "cp1252", "cp1254", "cp1256", "ascii", "iso-8859-15",
	"utf-8", "cp1250", "iso-8859-6", "koi8-r", "cp437", "UTF-16LE",
	"ISO_8859-9", "windows-1251", "no-such-encoding", "UTF8",
};

/* Opened once per run, as export does; never released (reachable). */
static struct encoding encodings[16][2];
static int opened[16][2];

/* The code point of the UTF-8 sequence at s[0..n), or -1. */
static long decode(const unsigned char *s, size_t n)
{
	unsigned c = s[0], len, k;
	long cp;

	if (c < 0x80)
		return c;
	len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
	if (!len || len > n)
		return -1;
	cp = c & (0x7F >> len);
	for (k = 1; k < len; k++)
		cp = (cp << 6) | (s[k] & 0x3F);
	return cp;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct encoder c;
	struct encode_bad bad;
	struct buf out = BUF_INIT;
	unsigned e, tr;
	const char *page;
	size_t n, k;
	int r, valid;

	if (!size)
		return 0;
	e = data[0] & 15;
	tr = (data[0] >> 4) & 1;
	page = (const char *)data + 1;
	n = size - 1;
	if (!opened[e][tr]) {
		opened[e][tr] = encoding_open(&encodings[e][tr], names[e], tr) == 0 ? 1 : -1;
	}
	if (opened[e][tr] < 0)
		return 0;
	valid = fuzz_utf8_valid(page, n);
	encoder_init(&c, &encodings[e][tr]);
	r = encoder_convert(&c, page, n, &out, &bad);
	if (valid && r < 0) {
		for (k = 0; tr && k < n && !(page[k] & 0x80); k++)
			;
		if (tr && k == n) {
			fprintf(stderr, "fuzz: --translit to %s failed on ASCII\n",
				names[e]);
			abort();
		}
		if (!bad.n) {
			fprintf(stderr, "fuzz: %s failed, naming nothing\n", names[e]);
			abort();
		}
		for (k = 0; k < bad.n; k++) {
			size_t off = bad.v[k].offset;

			if (off >= n ||
			    decode((const unsigned char *)page + off, n - off) !=
			    (long)bad.v[k].cp) {
				fprintf(stderr, "fuzz: U+%04X reported at offset %zu\n",
					bad.v[k].cp, off);
				abort();
			}
			(void)encode_char_name(bad.v[k].cp);
		}
	}
	if (r == 0 && (bad.n || bad.more)) {
		fprintf(stderr, "fuzz: success with characters reported\n");
		abort();
	}
	/* the same encoder serves the next page of the worker */
	buf_reset(&out);
	encoder_convert(&c, page, n / 2, &out, &bad);
	encoder_release(&c);
	buf_release(&out);
	for (k = 0; k + 2 < n; k += 3)
		(void)encode_char_name((unsigned)data[1 + k] << 16 |
				       (unsigned)data[2 + k] << 8 | data[3 + k]);
	return 0;
}
