/*
 * article.c - read one article: encoding, frontmatter split, YAML tree,
 * and the distilled metadata the corpus keeps.
 */
#include "article.h"
#include "arena.h"
#include "diag.h"
#include "numbers.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#include <tmmintrin.h>
#define UTF8_SSSE3 1
#endif

void article_init(struct article *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->path = path;
	a->arabic_digit = -1;
	buf_init(&a->text);
}

void article_release(struct article *a)
{
	buf_release(&a->text);
	ydoc_release(&a->fm);
}

#ifdef UTF8_SSSE3
/*
 * UTF-8 checked sixteen bytes at a time with SSSE3's table lookups, after
 * J. Keiser and D. Lemire, "Validating UTF-8 in less than one instruction
 * per byte" (Software: Practice and Experience, 2021).  Each byte is
 * looked at with the one before it: three 16-entry tables, indexed by
 * the high nibble of the first byte, its low nibble and the high nibble
 * of the second, give the errors that pair may show, and their AND is
 * the errors it does show.  The third and fourth bytes of a sequence are
 * checked against the byte two and three places before.  NUL is refused
 * too, as utf8_valid() does.
 */
enum {
	U8_TOO_SHORT = 1 << 0,	/* a lead not followed by a continuation */
	U8_TOO_LONG = 1 << 1,	/* a continuation after ASCII */
	U8_OVERLONG_3 = 1 << 2,
	U8_TOO_LARGE = 1 << 3,	/* above U+10FFFF */
	U8_SURROGATE = 1 << 4,
	U8_OVERLONG_2 = 1 << 5,
	U8_TOO_LARGE_1000 = 1 << 6,
	U8_OVERLONG_4 = 1 << 6,
	U8_TWO_CONTS = 1 << 7,	/* two continuations (the third and fourth
				 * bytes of a sequence cancel it out) */
	U8_CARRY = U8_TOO_SHORT | U8_TOO_LONG | U8_TWO_CONTS,
};

/*
 * The three tables, as the sixteen bytes of one lane: the errors a pair
 * may show by the high nibble of its first byte, by its low nibble, and
 * by the high nibble of its second byte.
 */
#define U8_BYTE1_HIGH \
	U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, \
	U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, \
	(char)U8_TWO_CONTS, (char)U8_TWO_CONTS, (char)U8_TWO_CONTS, \
	(char)U8_TWO_CONTS, \
	U8_TOO_SHORT | U8_OVERLONG_2, \
	U8_TOO_SHORT, \
	U8_TOO_SHORT | U8_OVERLONG_3 | U8_SURROGATE, \
	(char)(U8_TOO_SHORT | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_OVERLONG_4)
#define U8_BYTE1_LOW \
	(char)(U8_CARRY | U8_OVERLONG_3 | U8_OVERLONG_2 | U8_OVERLONG_4), \
	(char)(U8_CARRY | U8_OVERLONG_2), \
	(char)U8_CARRY, (char)U8_CARRY, \
	(char)(U8_CARRY | U8_TOO_LARGE), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_SURROGATE), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000), \
	(char)(U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000)
#define U8_BYTE2_HIGH \
	U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, \
	U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, \
	(char)(U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | \
	       U8_TOO_LARGE_1000 | U8_OVERLONG_4), \
	(char)(U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | \
	       U8_TOO_LARGE), \
	(char)(U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | \
	       U8_TOO_LARGE), \
	(char)(U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | \
	       U8_TOO_LARGE), \
	U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT

/*
 * s[0..n) in blocks of 16.  Returns where the caller must go on checking
 * byte by byte (the last lead of the last block, whose sequence may run
 * past it, or the end of the blocks), or (size_t)-1 when a block is not
 * UTF-8.
 */
__attribute__((target("ssse3")))
static size_t utf8_blocks(const unsigned char *s, size_t n)
{
	const __m128i nib = _mm_set1_epi8(0x0F);
	const __m128i byte1_high = _mm_setr_epi8(U8_BYTE1_HIGH);
	const __m128i byte1_low = _mm_setr_epi8(U8_BYTE1_LOW);
	const __m128i byte2_high = _mm_setr_epi8(U8_BYTE2_HIGH);
	__m128i prev = _mm_setzero_si128(), err = _mm_setzero_si128();
	size_t i, end = n & ~(size_t)15, back;
	int prev_ascii = 1;

	for (i = 0; i < end; i += 16) {
		__m128i in = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i prev1, prev2, prev3, sc, must23;
		int high = _mm_movemask_epi8(in);

		err = _mm_or_si128(err, _mm_cmpeq_epi8(in, _mm_setzero_si128()));
		if (!high && prev_ascii) {
			prev = in;
			continue;
		}
		prev1 = _mm_alignr_epi8(in, prev, 15);
		sc = _mm_and_si128(
			_mm_and_si128(
				_mm_shuffle_epi8(byte1_high,
						 _mm_and_si128(_mm_srli_epi16(prev1, 4), nib)),
				_mm_shuffle_epi8(byte1_low, _mm_and_si128(prev1, nib))),
			_mm_shuffle_epi8(byte2_high,
					 _mm_and_si128(_mm_srli_epi16(in, 4), nib)));
		prev2 = _mm_alignr_epi8(in, prev, 14);
		prev3 = _mm_alignr_epi8(in, prev, 13);
		/* 0x80 where a third (after 111_____) or fourth (after
		 * 1111____) byte must be a continuation */
		must23 = _mm_and_si128(
			_mm_or_si128(_mm_subs_epu8(prev2, _mm_set1_epi8(0x60)),
				     _mm_subs_epu8(prev3, _mm_set1_epi8(0x70))),
			_mm_set1_epi8((char)0x80));
		err = _mm_or_si128(err, _mm_xor_si128(must23, sc));
		prev = in;
		prev_ascii = !high;
	}
	if (_mm_movemask_epi8(_mm_cmpeq_epi8(err, _mm_setzero_si128())) != 0xFFFF)
		return (size_t)-1;
	/* a sequence the blocks cut: checked again from its lead */
	for (back = end; back > 0 && back + 3 > end; back--)
		if (s[back - 1] >= 0xC0)
			return back - 1;
	return end;
}

/*
 * The same thirty-two bytes at a time with AVX2, where the processor has
 * it; the tables are looked up in each 16-byte lane, so each holds them
 * twice.  The bytes before `in` come from the previous block across the
 * lanes.  It also notes whether the text holds an Arabic-Indic digit
 * (U+0660-0669: D9 A0-A9, U+06F0-06F9: DB B0-B9), which translation QA
 * asks of every file, in the same reading: *digit is 1 when a digit is
 * whole in s[0..end), where end is the value returned.
 */
#define U8_BEFORE(in, prev, k) \
	_mm256_alignr_epi8((in), _mm256_permute2x128_si256((prev), (in), 0x21), \
			   16 - (k))

__attribute__((target("avx2")))
static size_t utf8_blocks32(const unsigned char *s, size_t n, int *digit)
{
	const __m256i nib = _mm256_set1_epi8(0x0F);
	const __m256i byte1_high = _mm256_setr_epi8(U8_BYTE1_HIGH, U8_BYTE1_HIGH);
	const __m256i byte1_low = _mm256_setr_epi8(U8_BYTE1_LOW, U8_BYTE1_LOW);
	const __m256i byte2_high = _mm256_setr_epi8(U8_BYTE2_HIGH, U8_BYTE2_HIGH);
	const __m256i zero = _mm256_setzero_si256();
	__m256i prev = zero, err = zero, dig = zero;
	size_t i, end = n & ~(size_t)31, back;
	int prev_ascii = 1;

	for (i = 0; i < end; i += 32) {
		__m256i in = _mm256_loadu_si256((const __m256i *)(s + i));
		__m256i prev1, sc, must23, d0, d1;
		int high = _mm256_movemask_epi8(in);

		err = _mm256_or_si256(err, _mm256_cmpeq_epi8(in, zero));
		if (!high && prev_ascii) {
			prev = in;
			continue;
		}
		prev1 = U8_BEFORE(in, prev, 1);
		sc = _mm256_and_si256(
			_mm256_and_si256(
				_mm256_shuffle_epi8(byte1_high,
						    _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nib)),
				_mm256_shuffle_epi8(byte1_low, _mm256_and_si256(prev1, nib))),
			_mm256_shuffle_epi8(byte2_high,
					    _mm256_and_si256(_mm256_srli_epi16(in, 4), nib)));
		must23 = _mm256_and_si256(
			_mm256_or_si256(
				_mm256_subs_epu8(U8_BEFORE(in, prev, 2), _mm256_set1_epi8(0x60)),
				_mm256_subs_epu8(U8_BEFORE(in, prev, 3), _mm256_set1_epi8(0x70))),
			_mm256_set1_epi8((char)0x80));
		err = _mm256_or_si256(err, _mm256_xor_si256(must23, sc));
		/* a second byte A0-A9 after D9, or B0-B9 after DB: in range
		 * when the distance from its first is at most 9; most blocks
		 * (those of Latin scripts) have no D9 nor DB before a byte */
		if (!_mm256_movemask_epi8(_mm256_cmpeq_epi8(
			    _mm256_or_si256(prev1, _mm256_set1_epi8(2)),
			    _mm256_set1_epi8((char)0xDB)))) {
			prev = in;
			prev_ascii = !high;
			continue;
		}
		d0 = _mm256_sub_epi8(in, _mm256_set1_epi8((char)0xA0));
		d1 = _mm256_sub_epi8(in, _mm256_set1_epi8((char)0xB0));
		d0 = _mm256_and_si256(_mm256_cmpeq_epi8(prev1, _mm256_set1_epi8((char)0xD9)),
				      _mm256_cmpeq_epi8(_mm256_min_epu8(d0, _mm256_set1_epi8(9)), d0));
		d1 = _mm256_and_si256(_mm256_cmpeq_epi8(prev1, _mm256_set1_epi8((char)0xDB)),
				      _mm256_cmpeq_epi8(_mm256_min_epu8(d1, _mm256_set1_epi8(9)), d1));
		dig = _mm256_or_si256(dig, _mm256_or_si256(d0, d1));
		prev = in;
		prev_ascii = !high;
	}
	if (!_mm256_testz_si256(err, err))
		return (size_t)-1;
	*digit = !_mm256_testz_si256(dig, dig);
	for (back = end; back > 0 && back + 3 > end; back--)
		if (s[back - 1] >= 0xC0)
			return back - 1;
	return end;
}
#endif

/*
 * The common case first: a file that is valid needs no line counting, so
 * runs of ASCII without NUL are skipped eight bytes at a time and the
 * position is worked out only when something is wrong.  *digit: whether
 * s holds an Arabic-Indic digit (numbers_arabic_digit()), when the check
 * could tell in the same reading, else -1.
 */
static int utf8_valid(const unsigned char *s, size_t n, int *digit)
{
	size_t i = 0;

	*digit = -1;
#ifdef UTF8_SSSE3
	if (n >= 64 && __builtin_cpu_supports("avx2")) {
		int d = 0;

		i = utf8_blocks32(s, n, &d);
		if (i == (size_t)-1)
			return 0;
		/* the pairs the blocks did not hold whole */
		*digit = d || numbers_arabic_digit((const char *)s + (i ? i - 1 : 0),
						   n - (i ? i - 1 : 0));
	} else if (n >= 64 && __builtin_cpu_supports("ssse3")) {
		i = utf8_blocks(s, n);
		if (i == (size_t)-1)
			return 0;
	}
#endif

	while (i < n) {
		unsigned c;

#ifdef __SSE2__
		if (n - i >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
			/* high bytes, and NULs */
			int stop = _mm_movemask_epi8(v) |
				   _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));

			if (!stop) {
				i += 16;
				continue;
			}
			i += (size_t)__builtin_ctz((unsigned)stop);
		} else
#endif
		if (n - i >= 8) {
			unsigned long long w, stop;

			memcpy(&w, s + i, 8);
			/* high bytes, and NULs (exact up to the first one) */
			stop = (w & 0x8080808080808080ULL) |
			       ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL);
			if (!stop) {
				i += 8;
				continue;
			}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* the ASCII before the first byte to look at */
			i += (size_t)__builtin_ctzll(stop) >> 3;
#endif
		}
		c = s[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
		} else if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
				return 0;
			i += 2;
			/* Arabic and Cyrillic words: a run of two-byte letters */
			while (i + 1 < n && s[i] >= 0xC2 && s[i] <= 0xDF &&
			       (s[i + 1] & 0xC0) == 0x80)
				i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			unsigned cp;

			if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80)
				return 0;
			cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
			if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
				return 0;
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			unsigned cp;

			if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
				return 0;
			cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3Fu) << 12) |
			     ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
			if (cp < 0x10000 || cp > 0x10FFFF)
				return 0;
			i += 4;
		} else {
			return 0;
		}
	}
	return 1;
}

/*
 * The first invalid byte or NUL of a file is reported where it is; how
 * many more the file holds is said with it, so that one run tells the
 * whole of the work to do.
 */
int utf8_valid_text(const char *text, size_t n)
{
	int digit;

	return utf8_valid((const unsigned char *)text, n, &digit);
}

static int utf8_check_digit(const char *text, size_t n, unsigned first_line,
			    const char *file, struct diag_list *diags, int *digit)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned line = first_line, col = 1, bad_line = 0, bad_col = 0;
	size_t i = 0, more = 0;
	int bad_byte = -1;	/* the first: 0 for a NUL, else the byte */

	if (utf8_valid(s, n, digit))
		return 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len = 1, k;
		unsigned cp;

		if (c == '\n') {
			line++;
			col = 1;
			i++;
			continue;
		}
		if (c == 0)
			goto bad;
		if (c < 0x80) {
			i++;
			col++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, cp = c & 0x07;
		else
			goto bad;
		if (i + len > n)
			goto bad;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += len;
		col++;
		continue;
bad:
		if (bad_byte < 0) {
			bad_byte = (int)c;
			bad_line = line;
			bad_col = col;
		} else {
			more++;
		}
		i++;
		col++;
	}
	if (bad_byte < 0)
		return 0;
	if (!more)
		return bad_byte ? diag(diags, R_ENCODING, file, bad_line, bad_col, NULL,
				       "invalid UTF-8 byte 0x%02X", (unsigned)bad_byte) :
				  diag(diags, R_ENCODING, file, bad_line, bad_col, NULL,
				       "NUL byte in the file");
	return bad_byte ? diag(diags, R_ENCODING, file, bad_line, bad_col, NULL,
			       "invalid UTF-8 byte 0x%02X (and %zu more invalid "
			       "byte%s or NUL%s in the file)", (unsigned)bad_byte,
			       more, more == 1 ? "" : "s", more == 1 ? "" : "s") :
			  diag(diags, R_ENCODING, file, bad_line, bad_col, NULL,
			       "NUL byte in the file (and %zu more invalid byte%s "
			       "or NUL%s)", more, more == 1 ? "" : "s",
			       more == 1 ? "" : "s");
}

int utf8_check(const char *text, size_t n, unsigned first_line,
	       const char *file, struct diag_list *diags)
{
	int digit;

	return utf8_check_digit(text, n, first_line, file, diags, &digit);
}

/* Length of the line at p (without its end), and of the end (0-2). */
static size_t line_len(const char *p, const char *end, size_t *eol)
{
	const char *q = memchr(p, '\n', (size_t)(end - p));

	if (!q)
		q = end;
	*eol = q < end ? 1 : 0;
	if (q > p && q[-1] == '\r') {
		q--;
		(*eol)++;
	}
	return (size_t)(q - p);
}

static int is_fence(const char *p, size_t n, int closing)
{
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return memeq(p, n, "---") || (closing && memeq(p, n, "..."));
}

/* One step of splitmix64's mixing: every bit of v moves every bit out. */
static uint64_t mix64(uint64_t v)
{
	v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ull;
	v = (v ^ (v >> 27)) * 0x94D049BB133111EBull;
	return v ^ (v >> 31);
}

uint64_t article_file_key(const struct file_id *id)
{
	uint64_t h = 0x9E3779B97F4A7C15ull;

	if (!id->ino)
		return 0;
	h = mix64(h ^ id->dev);
	h = mix64(h ^ id->ino);
	h = mix64(h ^ id->size);
	h = mix64(h ^ (uint64_t)id->mtime);
	h = mix64(h ^ (uint64_t)id->mtime_ns);
	h = mix64(h ^ (uint64_t)id->ctime);
	h = mix64(h ^ (uint64_t)id->ctime_ns);
	return h ? h : 1;
}

/* Say why a file cannot be read; a dangling link names its target. */
static int io_error(struct article *a, const char *fs_path, int err,
		    struct diag_list *diags)
{
	char target[512];
	ssize_t n;

	if (err == ENOENT && (n = readlink(fs_path, target, sizeof(target) - 1)) >= 0) {
		target[n] = '\0';
		return diag(diags, R_IO, a->path, 0, 0, NULL,
			    "dangling symbolic link to '%s'", target);
	}
	return diag(diags, R_IO, a->path, 0, 0, NULL, "cannot read: %s",
		    errmsg(err));
}

/*
 * The reading of article_load() and article_read().  fd: the file, or -1
 * to open fs_path; keep (or NULL): where to leave the file open, when
 * read, rather than close it.
 */
static int split(struct article *a, int parse, uint64_t checked,
		 struct diag_list *diags);

static int load(struct article *a, const char *fs_path, int parse,
		uint64_t checked, int fd, int *keep,
		struct diag_list *diags)
{
	enum buf_read_result r = BUF_READ_ERRNO;

	if (keep)
		*keep = -1;
	if (fd < 0)
		fd = buf_open_file(fs_path);
	if (fd >= 0) {
		int saved;

		r = buf_read_fd_id(&a->text, fd, ARTICLE_MAX_SIZE, &a->id);
		saved = errno;
		if (keep && r == BUF_READ_OK)
			*keep = fd;
		else
			close(fd);
		errno = saved;
	}
	switch (r) {
	case BUF_READ_OK:
		break;
	case BUF_READ_TOO_BIG:
		return diag(diags, R_YAML_LIMITS, a->path, 0, 0, NULL,
			    "file larger than 4 MiB, not read");
	case BUF_READ_NOT_FILE:
		return diag(diags, R_IO, a->path, 0, 0, NULL,
			    "not a regular file");
	default:
		return io_error(a, fs_path, errno, diags);
	}
	return split(a, parse, checked, diags);
}

/* The frontmatter and body of the text in a->text, as load() reads them. */
static int split(struct article *a, int parse, uint64_t checked,
		 struct diag_list *diags)
{
	const char *text, *end, *p;
	size_t n, eol;
	unsigned line;
	struct yaml_opts yo;

	text = a->text.buf;
	n = a->text.len;
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		a->had_bom = 1;
		diag_sev(diags, R_ENCODING, SEV_WARNING, a->path, 1, 1, NULL,
			 "byte order mark at the start of the file");
		text += 3;
		n -= 3;
	}
	if (!(checked && article_file_key(&a->id) == checked)) {
		int digit;

		if (utf8_check_digit(text, n, 1, a->path, diags, &digit) < 0) {
			a->id.ino = 0;	/* not a file to trust */
			return -1;
		}
		a->arabic_digit = (signed char)digit;
	}
	end = text + n;
	if (!n || !is_fence(text, line_len(text, end, &eol), 0))
		return diag(diags, R_FRONTMATTER, a->path, 1, 1, NULL,
			    "no frontmatter: the file must start with a '---' line");
	p = text + line_len(text, end, &eol) + eol;
	a->fm_start = (size_t)(p - a->text.buf);
	line = 2;
	for (;;) {
		size_t len;

		if (p >= end)
			return diag(diags, R_FRONTMATTER, a->path, 1, 1, NULL,
				    "frontmatter not terminated: no closing '---' line");
		len = line_len(p, end, &eol);
		if (is_fence(p, len, 1))
			break;
		p += len + eol;
		line++;
	}
	a->fm_len = (size_t)(p - a->text.buf) - a->fm_start;
	p += line_len(p, end, &eol) + eol;
	a->body = p;
	a->body_len = (size_t)(end - p);
	a->body_line = line + 1;
	if (!parse)
		return 0;

	yo.file = a->path;
	yo.line_base = 1;
	yo.json_pointer_diags = 0;
	if (yaml_parse(&a->fm, a->text.buf + a->fm_start, a->fm_len, &yo, diags) < 0)
		return -1;
	if (!a->fm.root || a->fm.root->type != Y_MAP) {
		unsigned l = a->fm.root ? a->fm.root->line : 2;
		unsigned c = a->fm.root ? a->fm.root->col : 1;

		diag(diags, R_FRONTMATTER, a->path, l, c, NULL,
		     "frontmatter must be a mapping of keys, got %s",
		     a->fm.root ? ytype_name(a->fm.root->type) : "nothing");
		a->fm.root = NULL;
		return -1;
	}
	return 0;
}

int article_load(struct article *a, const char *fs_path, struct diag_list *diags)
{
	return load(a, fs_path, 1, 0, -1, NULL, diags);
}

int article_load_keep(struct article *a, const char *fs_path, int *fd,
		      struct diag_list *diags)
{
	return load(a, fs_path, 1, 0, -1, fd, diags);
}

int article_load_mem(struct article *a, const char *text, size_t len,
		     struct diag_list *diags)
{
	if (len > ARTICLE_MAX_SIZE)
		return diag(diags, R_YAML_LIMITS, a->path, 0, 0, NULL,
			    "file larger than 4 MiB, not read");
	buf_add(&a->text, text, len);
	return split(a, 1, 0, diags);
}

int article_read(struct article *a, const char *fs_path,
		 uint64_t checked, int fd, struct diag_list *diags)
{
	return load(a, fs_path, 0, checked, fd, NULL, diags);
}

/* A scalar's text as the index keeps it: NULL when null or empty. */
static const char *text_of(const struct ynode *n)
{
	const char *s = ynode_scalar(n);

	return s && n->type != Y_NULL && *s ? s : NULL;
}

static struct pos pos_of(const struct ynode *n)
{
	struct pos p = { 0, 0 };

	if (n) {
		p.line = n->line;
		p.col = n->col;
	}
	return p;
}

static void date_of(const struct ynode *n, struct date *d, struct pos *p)
{
	const char *s = ynode_scalar(n);

	*p = pos_of(n);
	if (!s || date_parse(s, d) < 0)
		memset(d, 0, sizeof(*d));
}

/* translated_from.base, quoted or plain: 16 hex digits, kept lowercase. */
static void base_of(struct article_meta *m, const struct ynode *n)
{
	const char *s = ynode_scalar(n);
	size_t i;

	m->tf_base[0] = '\0';
	m->tf_base_bad = 0;
	m->tf_base_pos = pos_of(n);
	if (!n)
		return;
	if (!s || n->len != 16 || n->type == Y_FLOAT) {
		m->tf_base_bad = 1;
		return;
	}
	for (i = 0; i < 16; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			m->tf_base_bad = 1;
			m->tf_base[0] = '\0';
			return;
		}
		m->tf_base[i] = c;
	}
	m->tf_base[16] = '\0';
}

/* ---- the article store ---- */

/* A slot of a store's table of strings or of article_keeps. */
struct store_slot {
	const void *p;		/* NULL: empty */
	uint32_t hash;		/* the low bits of its hash */
	uint32_t size;		/* an article_keep's bytes */
};

struct store_table {
	struct store_slot *v;
	size_t n, cap;		/* cap: 0 or a power of two */
};

struct article_store {
	struct arena arena;
	struct store_table strs, keeps;
	char *scratch;		/* an article_keep laid out, to look up */
	size_t ascratch;
};

struct article_store *article_store_new(void)
{
	return xcalloc(1, sizeof(struct article_store));
}

void article_store_free(struct article_store *st)
{
	if (!st)
		return;
	arena_release(&st->arena);
	free(st->strs.v);
	free(st->keeps.v);
	free(st->scratch);
	free(st);
}

/* Room in t for one more entry: twice the size when half full. */
static void table_room(struct store_table *t)
{
	struct store_slot *old = t->v;
	size_t oldcap = t->cap, i, k;

	if (2 * (t->n + 1) <= t->cap)
		return;
	t->cap = t->cap ? 2 * t->cap : 256;
	t->v = xcalloc(t->cap, sizeof(*t->v));
	for (i = 0; i < oldcap; i++) {
		if (!old[i].p)
			continue;
		for (k = old[i].hash & (t->cap - 1); t->v[k].p; k = (k + 1) & (t->cap - 1))
			;
		t->v[k] = old[i];
	}
	free(old);
}

/* s (or NULL) as stored once in st, whoever else names it. */
static char *store_str(struct article_store *st, const char *s)
{
	struct store_table *t = &st->strs;
	size_t n, h, i;
	char *r;

	if (!s)
		return NULL;
	n = strlen(s);
	h = (uint32_t)hash_mem(s, n);
	table_room(t);
	for (i = h & (t->cap - 1); t->v[i].p; i = (i + 1) & (t->cap - 1))
		if (t->v[i].hash == (uint32_t)h && strcmp(t->v[i].p, s) == 0)
			return (char *)t->v[i].p;
	r = arena_strndup(&st->arena, s, n);
	t->v[i].p = r;
	t->v[i].hash = (uint32_t)h;
	t->n++;
	return r;
}

/* Copy s (or NULL) to *at, moving *at past it. */
static char *put_str(char **at, const char *s)
{
	size_t len;
	char *r;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	r = memcpy(*at, s, len);
	*at += len;
	return r;
}

/*
 * The strings the index keeps of an article go to its store: the ids,
 * languages and sections that many articles name are stored once; the
 * title, summary and slug, and the related ids' array, in one block.
 */
void article_meta_fill(struct article_meta *m, const struct article *a,
		       struct article_store *st)
{
	const struct ynode *fm = a->fm.root, *n, *tf, *rel;
	const char *title, *summary, *slug;
	size_t i, size, nrel = 0;
	char *at;

	if (!fm)
		return;
	m->usable = 1;
	n = ymap_get(fm, "id");
	m->id = store_str(st, text_of(n));
	m->id_pos = pos_of(n);
	n = ymap_get(fm, "lang");
	m->lang = store_str(st, text_of(n));
	m->lang_pos = pos_of(n);
	title = text_of(ymap_get(fm, "title"));
	summary = text_of(ymap_get(fm, "summary"));
	slug = text_of(ymap_get(fm, "slug"));
	m->section = store_str(st, text_of(ymap_get(fm, "section")));
	date_of(ymap_get(fm, "updated"), &m->updated, &m->updated_pos);
	date_of(ymap_get(fm, "review_due"), &m->review_due, &m->review_due_pos);
	date_of(ymap_get(fm, "reviewed"), &m->reviewed, &m->reviewed_pos);
	n = ymap_get(fm, "status");
	m->status = STATUS_PUBLISHED;
	if (ynode_str(n) && !strcmp(n->str, "draft"))
		m->status = STATUS_DRAFT;
	else if (ynode_str(n) && !strcmp(n->str, "review"))
		m->status = STATUS_REVIEW;

	tf = ymap_get(fm, "translated_from");
	if (tf) {
		m->translated = 1;
		m->tf_pos = pos_of(tf);
		n = ymap_get(tf, "lang");
		m->tf_lang = store_str(st, text_of(n));
		m->tf_lang_pos = pos_of(n);
		date_of(ymap_get(tf, "updated"), &m->tf_updated, &m->tf_updated_pos);
		base_of(m, ymap_get(tf, "base"));
	}
	n = ymap_get(fm, "translators");
	if (n)
		m->translators_pos = pos_of(ymap_pair(fm, "translators")->key);
	rel = ymap_get(fm, "related");
	if (rel && rel->type != Y_SEQ)
		rel = NULL;

	/* the related array first (aligned), then the strings */
	for (i = 0; rel && i < rel->n; i++)
		nrel += text_of(rel->items[i]) != NULL;
	size = nrel * sizeof(*m->related);
	size += title ? strlen(title) + 1 : 0;
	size += summary ? strlen(summary) + 1 : 0;
	size += slug ? strlen(slug) + 1 : 0;
	if (!size)
		return;
	at = arena_alloc_raw(&st->arena, size);
	m->related = nrel ? (struct relref *)at : NULL;
	at += nrel * sizeof(*m->related);
	m->title = put_str(&at, title);
	m->summary = put_str(&at, summary);
	m->slug = put_str(&at, slug);
	for (i = 0; rel && i < rel->n; i++) {
		const char *id = text_of(rel->items[i]);

		if (!id)
			continue;
		m->related[m->nrelated].id = store_str(st, id);
		m->related[m->nrelated].pos = pos_of(rel->items[i]);
		m->nrelated++;
	}
}

void article_meta_release(struct article_meta *m)
{
	size_t i;

	/* relpath may be the end of path's block (scan_sort()) */
	if (m->relpath) {
		size_t pl = m->path ? strlen(m->path) : 0, rl = strlen(m->relpath);

		if (!m->path || rl > pl || m->relpath != m->path + (pl - rl))
			free(m->relpath);
	}
	free(m->path);
	if (!m->packed) {
		for (i = 0; i < m->nlinks; i++) {
			free(m->links[i].id);
			free(m->links[i].frag);
			free(m->links[i].via);
		}
		free(m->ids);
		free(m->links);
		for (i = 0; i < m->nheadings; i++)
			free(m->headings[i]);
		free(m->headings);
	}
	if (m->fd_kept)
		close(m->fd);
	memset(m, 0, sizeof(*m));
}

void article_meta_pack(struct article_meta *m, struct article_store *st)
{
	size_t i;

	if (m->packed)
		return;
	if (m->nheadings) {
		char **v = arena_alloc_raw(&st->arena, m->nheadings * sizeof(*v));

		for (i = 0; i < m->nheadings; i++) {
			/* copied, not looked up: most are an article's own */
			v[i] = arena_strndup(&st->arena, m->headings[i],
					     strlen(m->headings[i]));
			free(m->headings[i]);
		}
		free(m->headings);
		m->headings = v;
	} else {
		free(m->headings);
		m->headings = NULL;
	}
	if (m->nlinks) {
		struct idref *v = arena_alloc_raw(&st->arena, m->nlinks * sizeof(*v));

		for (i = 0; i < m->nlinks; i++) {
			v[i].id = store_str(st, m->links[i].id);
			v[i].pos = m->links[i].pos;
			v[i].frag = m->links[i].frag ?
				    arena_strndup(&st->arena, m->links[i].frag,
						  strlen(m->links[i].frag)) : NULL;
			v[i].via = m->links[i].via ?
				   arena_strndup(&st->arena, m->links[i].via,
						 strlen(m->links[i].via)) : NULL;
			free(m->links[i].id);
			free(m->links[i].frag);
			free(m->links[i].via);
		}
		free(m->links);
		m->links = v;
	} else {
		free(m->links);
		m->links = NULL;
	}
	if (m->ids) {
		/* as md_check gave them: nids keys and a 0 after */
		uint64_t *v = arena_alloc_raw(&st->arena, (m->nids + 1) * sizeof(*v));

		memcpy(v, m->ids, (m->nids + 1) * sizeof(*v));
		free(m->ids);
		m->ids = v;
	}
	m->packed = 1;
}

/* A string field of map, as the pages show it: "" unless a string. */
static const char *field(const struct ynode *map, const char *key)
{
	const struct ynode *n = ymap_get(map, key);

	return n && n->type == Y_STRING ? n->str : "";
}

/* Does the string s hold something besides white space?  A name of
 * spaces names no one. */
static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* What keep_layout() counts, then fills. */
struct keep_counts {
	const struct ynode *rv, *tr, *src;	/* reviewers, translators, sources */
	size_t nr, nt, ns;			/* the entries kept of each */
};

/*
 * Count the entries of an article_keep into *n and return its bytes
 * (with block NULL), or fill block as *n says, its strings stored in st.
 * The same walk both times, so they agree.
 */
static size_t keep_layout(const struct ynode *fm, char *block,
			  struct keep_counts *n, struct article_store *st)
{
	const struct ynode *rv, *tr, *src;
	size_t i;
	struct article_keep *k = (struct article_keep *)block;

	if (!block) {
		n->rv = ymap_get(fm, "reviewers");
		/* an original was not translated by anyone: no credit */
		n->tr = ymap_get(fm, "translated_from") ?
			ymap_get(fm, "translators") : NULL;
		n->src = ymap_get(fm, "sources");
		n->nr = n->nt = n->ns = 0;
		for (i = 0; n->rv && n->rv->type == Y_SEQ && i < n->rv->n; i++)
			n->nr += !blank(field(n->rv->items[i], "name"));
		for (i = 0; n->tr && n->tr->type == Y_SEQ && i < n->tr->n; i++)
			n->nt += n->tr->items[i]->type == Y_STRING &&
				 !blank(n->tr->items[i]->str);
		for (i = 0; n->src && n->src->type == Y_SEQ && i < n->src->n; i++)
			n->ns += *field(n->src->items[i], "title") != '\0';
		return sizeof(*k) + n->nr * sizeof(struct keep_person) +
		       n->nt * sizeof(char *) + n->ns * sizeof(struct keep_source);
	}
	rv = n->rv;
	tr = n->tr;
	src = n->src;
	memset(k, 0, sizeof(*k));
	k->reviewers = (struct keep_person *)(block + sizeof(*k));
	k->translators = (const char **)(k->reviewers + n->nr);
	k->sources = (struct keep_source *)(k->translators + n->nt);
	for (i = 0; rv && rv->type == Y_SEQ && i < rv->n; i++) {
		const struct ynode *r = rv->items[i];
		struct keep_person *p = &k->reviewers[k->nreviewers];
		const char *name = field(r, "name");

		if (blank(name))
			continue;
		p->name = store_str(st, name);
		p->role = store_str(st, field(r, "role"));
		p->affiliation = store_str(st, field(r, "affiliation"));
		k->nreviewers++;
	}
	for (i = 0; tr && tr->type == Y_SEQ && i < tr->n; i++) {
		if (tr->items[i]->type != Y_STRING || blank(tr->items[i]->str))
			continue;
		k->translators[k->ntranslators++] = store_str(st, tr->items[i]->str);
	}
	for (i = 0; src && src->type == Y_SEQ && i < src->n; i++) {
		const struct ynode *o = src->items[i];
		struct keep_source *q = &k->sources[k->nsources];
		const char *title = field(o, "title");

		if (!*title)
			continue;
		q->title = store_str(st, title);
		q->url = store_str(st, field(o, "url"));
		k->nsources++;
	}
	return 0;
}

/*
 * The article_keep of fm, shared with every article of st that has the
 * same one.  Its strings are stored once in st, so two keeps are the
 * same when their arrays of pointers are: laid out in st's scratch,
 * looked up by those arrays, and copied to st's arena when new (its
 * pointers moved to the copy's arrays).
 */
const struct article_keep *article_keep_of(struct article_store *st,
					   const struct ynode *fm)
{
	struct store_table *t = &st->keeps;
	struct keep_counts n;
	size_t size = keep_layout(fm, NULL, &n, st), head = sizeof(struct article_keep);
	size_t h, i;
	struct article_keep *k;
	char *block;

	if (size > st->ascratch) {
		free(st->scratch);
		st->ascratch = size > 1024 ? size : 1024;
		st->scratch = xmalloc(st->ascratch);
	}
	keep_layout(fm, st->scratch, &n, st);
	h = (uint32_t)(hash_mem(st->scratch + head, size - head) ^
		       (n.nr * 0x9E3779B9u + n.nt * 0x85EBCA6Bu + n.ns * 0xC2B2AE35u));
	table_room(t);
	for (i = h & (t->cap - 1); t->v[i].p; i = (i + 1) & (t->cap - 1)) {
		k = (struct article_keep *)t->v[i].p;
		if (t->v[i].hash == (uint32_t)h && t->v[i].size == size &&
		    k->nreviewers == n.nr && k->ntranslators == n.nt &&
		    k->nsources == n.ns &&
		    memcmp((const char *)k + head, st->scratch + head, size - head) == 0)
			return k;
	}
	block = arena_alloc_raw(&st->arena, size);
	memcpy(block, st->scratch, size);
	k = (struct article_keep *)block;
	k->reviewers = (struct keep_person *)(block + head);
	k->translators = (const char **)(k->reviewers + n.nr);
	k->sources = (struct keep_source *)(k->translators + n.nt);
	t->v[i].p = block;
	t->v[i].hash = (uint32_t)h;
	t->v[i].size = (uint32_t)size;
	t->n++;
	return k;
}
