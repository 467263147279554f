/*
 * numbers_find.c - the byte finders of numbers_find.h.
 *
 * Each finder has three paths that give one answer: AVX2 (thirty-two
 * bytes a step, chosen at run time when the CPU has it), SSE2 (sixteen)
 * and one byte at a time for what is left.  A step looks at the byte
 * after its last one too (the second byte of an Arabic-Indic digit, the
 * second 'w' of "ww"), so the vector paths stop one byte short of the
 * end and a last step, overlapping the one before, covers the rest.
 */
#include "numbers_find.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(FIND_NO_AVX2)
#include <immintrin.h>
#define FIND_AVX2 1
#endif

#ifndef __SSE2__
/* Does a digit of U+0660-U+0669 or U+06F0-U+06F9 start at u[i]? */
static int arabic_digit_at(const unsigned char *u, size_t n, size_t i)
{
	return i + 1 < n &&
	       ((u[i] == 0xD9 && u[i + 1] >= 0xA0 && u[i + 1] <= 0xA9) ||
		(u[i] == 0xDB && u[i + 1] >= 0xB0 && u[i + 1] <= 0xB9));
}

static int digit_bytes(const unsigned char *u, size_t n, size_t i,
		       int arabic_only)
{
	for (; i < n; i++) {
		if (!arabic_only && (unsigned)(u[i] - '0') < 10u)
			return 1;
		if ((u[i] | 2) == 0xDB && arabic_digit_at(u, n, i))
			return 1;
	}
	return 0;
}
#endif

/*
 * The bytes find_scan_stop() stops on one at a time: those it promises,
 * any 'w' for "ww", the rest of '(' to '@' and the lead bytes 0xD9, 0xDB.
 */
static const unsigned char scan_stop[256] = {
	['w'] = 1,
	['\n'] = 1, ['&'] = 1, ['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1,
	['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
	['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	[':'] = 1, [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1,
	['@'] = 1, ['\\'] = 1, [']'] = 1, ['`'] = 1, [0xD9] = 1, [0xDB] = 1,
};

#ifdef FIND_AVX2
/* The single bytes find_scan_stop() promises to stop on. */
static const unsigned char stop_single[256] = {
	['\n'] = 1, ['&'] = 1, ['('] = 1, ['+'] = 1, ['0'] = 1, ['1'] = 1,
	['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, [':'] = 1, ['<'] = 1, ['@'] = 1, ['\\'] = 1,
	[']'] = 1, ['`'] = 1,
};
#endif

static const unsigned char link_stop[256] = {
	['`'] = 1, [']'] = 1, ['<'] = 1, ['h'] = 1, ['w'] = 1,
};

#ifdef __SSE2__
/*
 * Where the sixteen bytes v start a digit (w: the sixteen bytes after
 * v's first): an ASCII digit, unless arabic_only, or 0xD9 before
 * 0xA0-0xA9 or 0xDB before 0xB0-0xB9.
 */
static inline __m128i digit_mask16(__m128i v, __m128i w, int arabic_only)
{
	const __m128i nine = _mm_set1_epi8(9);
	__m128i lead = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(2)),
				      _mm_set1_epi8((char)0xDB));
	/* 0xA0 after 0xD9, 0xB0 after 0xDB */
	__m128i e = _mm_sub_epi8(_mm_sub_epi8(w, _mm_set1_epi8((char)0xA0)),
		_mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xDB)),
			      _mm_set1_epi8(0x10)));
	__m128i m = _mm_and_si128(lead, _mm_cmpeq_epi8(_mm_min_epu8(e, nine), e));

	if (!arabic_only) {
		__m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));

		m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(d, nine), d));
	}
	return m;
}

static int digit_sse2(const unsigned char *u, size_t n, int arabic_only)
{
	size_t i;

	if (n < 17) {
		unsigned char b[32];

		memset(b, 0, sizeof(b));
		memcpy(b, u, n);
		return _mm_movemask_epi8(digit_mask16(
			_mm_loadu_si128((const __m128i *)b),
			_mm_loadu_si128((const __m128i *)(b + 1)), arabic_only)) != 0;
	}
	for (i = 0; i + 17 <= n; i += 16)
		if (_mm_movemask_epi8(digit_mask16(
			_mm_loadu_si128((const __m128i *)(u + i)),
			_mm_loadu_si128((const __m128i *)(u + i + 1)), arabic_only)))
			return 1;
	/* the last sixteen but one bytes as leads; the last alone */
	i = n - 17;
	return _mm_movemask_epi8(digit_mask16(
		_mm_loadu_si128((const __m128i *)(u + i)),
		_mm_loadu_si128((const __m128i *)(u + i + 1)), arabic_only)) ||
	       (!arabic_only && (unsigned)(u[n - 1] - '0') < 10u);
}
#endif

#ifdef FIND_AVX2
/*
 * The constants of the AVX2 steps, read from memory: built in registers
 * they cost more instructions than a short step.
 */
#define SPLAT(b) { b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, \
		   b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b }
enum { K_2, K_DB, K_MINUS_A0, K_NINE, K_16, K_NIB, K_W, K_MINUS_0, K_LEAD,
       K_BQ, K_RB, K_LT, K_H, K_T };
static const unsigned char splat[][32] __attribute__((aligned(32))) = {
	[K_2] = SPLAT(2), [K_DB] = SPLAT(0xDB), [K_MINUS_A0] = SPLAT(0x60),
	[K_NINE] = SPLAT(9), [K_16] = SPLAT(0x10), [K_NIB] = SPLAT(0x0F),
	[K_W] = SPLAT('w'), [K_MINUS_0] = SPLAT(0xD0), [K_LEAD] = SPLAT(0x40),
	[K_BQ] = SPLAT('`'), [K_RB] = SPLAT(']'), [K_LT] = SPLAT('<'),
	[K_H] = SPLAT('h'), [K_T] = SPLAT('t'),
};
/* a load the compiler keeps: it would fold the array and build it */
__attribute__((target("avx2")))
static inline __m256i kload(const unsigned char *p)
{
	__m256i v;

	__asm__("vmovdqa %1, %0" : "=x"(v) : "m"(*(const __m256i *)p));
	return v;
}
#define K(k) kload(splat[k])

/*
 * The nibble tables of find_scan_stop()'s bytes: a byte's high nibble
 * picks a bit (0x0 bit 0, 0x2 bit 1, 0x3 bit 2, 0x4 bit 3, 0x5 bit 4,
 * 0x6 bit 5, 0xD bit 6), and its low nibble's entry holds the bits of
 * the rows it is wanted in: bits 0-5 for the single bytes it promises,
 * bit 6 for the lead bytes 0xD9 and 0xDB of the Arabic-Indic digits.
 */
static const unsigned char stop_lo[32] __attribute__((aligned(32))) = {
	0x2C, 4, 4, 4, 4, 4, 6, 4, 6, 0x44, 5, 0x42, 0x14, 0x10, 0, 0,
	0x2C, 4, 4, 4, 4, 4, 6, 4, 6, 0x44, 5, 0x42, 0x14, 0x10, 0, 0,
};
static const unsigned char stop_hi[32] __attribute__((aligned(32))) = {
	1, 0, 2, 4, 8, 0x10, 0x20, 0, 0, 0, 0, 0, 0, 0x40, 0, 0,
	1, 0, 2, 4, 8, 0x10, 0x20, 0, 0, 0, 0, 0, 0, 0x40, 0, 0,
};

/* digit_mask16() on thirty-two bytes. */
__attribute__((target("avx2")))
static inline __m256i digit_mask32(__m256i v, __m256i w, int arabic_only)
{
	__m256i lead = _mm256_cmpeq_epi8(_mm256_or_si256(v, K(K_2)), K(K_DB));
	__m256i e = _mm256_sub_epi8(_mm256_add_epi8(w, K(K_MINUS_A0)),
		_mm256_and_si256(_mm256_cmpeq_epi8(v, K(K_DB)), K(K_16)));
	__m256i m = _mm256_and_si256(lead, _mm256_cmpeq_epi8(
		_mm256_min_epu8(e, K(K_NINE)), e));

	if (!arabic_only) {
		__m256i d = _mm256_add_epi8(v, K(K_MINUS_0));

		m = _mm256_or_si256(m, _mm256_cmpeq_epi8(_mm256_min_epu8(d, K(K_NINE)), d));
	}
	return m;
}

/*
 * Does the step at p (p[32] read too) start a digit?  The second bytes
 * only where there is a lead byte: most texts are not Arabic.
 */
__attribute__((target("avx2")))
static inline int digit_step32(const unsigned char *p, int arabic_only)
{
	__m256i v = _mm256_loadu_si256((const __m256i *)p);
	__m256i d = _mm256_add_epi8(v, K(K_MINUS_0));

	if (!arabic_only &&
	    _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(d, K(K_NINE)), d)))
		return 1;
	if (!_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_or_si256(v, K(K_2)), K(K_DB))))
		return 0;
	return _mm256_movemask_epi8(digit_mask32(
		v, _mm256_loadu_si256((const __m256i *)(p + 1)), 1)) != 0;
}

/* n >= 33 */
__attribute__((target("avx2")))
static int digit_avx2(const unsigned char *u, size_t n, int arabic_only)
{
	size_t i;

	for (i = 0; i + 33 <= n; i += 32)
		if (digit_step32(u + i, arabic_only))
			return 1;
	return digit_step32(u + n - 33, arabic_only) ||
	       (!arabic_only && (unsigned)(u[n - 1] - '0') < 10u);
}

/*
 * Where the thirty-two bytes at p hold a byte find_scan_stop() promises
 * (p[32] is read for "ww" and the Arabic-Indic digits): the single bytes
 * by the nibble tables, and where these find a lead byte, only those
 * that start a digit.
 */
__attribute__((target("avx2")))
static inline unsigned stop_mask32(const unsigned char *p)
{
	__m256i v = _mm256_loadu_si256((const __m256i *)p);
	__m256i w = _mm256_loadu_si256((const __m256i *)(p + 1));
	__m256i cls;
	unsigned m, lead;

	cls = _mm256_and_si256(
		_mm256_shuffle_epi8(kload(stop_lo),
				    _mm256_and_si256(v, K(K_NIB))),
		_mm256_shuffle_epi8(kload(stop_hi),
				    _mm256_and_si256(_mm256_srli_epi16(v, 4), K(K_NIB))));
	m = ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(
		_mm256_or_si256(cls, _mm256_and_si256(_mm256_cmpeq_epi8(v, K(K_W)),
						      _mm256_cmpeq_epi8(w, K(K_W)))),
		_mm256_setzero_si256()));
	if (!m)
		return 0;
	lead = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(cls, K(K_LEAD)));
	if (m & lead)
		m = (m & ~lead) |
		    (unsigned)_mm256_movemask_epi8(digit_mask32(v, w, 1));
	return m;
}

/* n - i >= 33 */
__attribute__((target("avx2")))
static size_t scan_stop_avx2(const unsigned char *u, size_t n, size_t i)
{
	unsigned m;

	for (; i + 33 <= n; i += 32)
		if ((m = stop_mask32(u + i)) != 0)
			return i + (size_t)__builtin_ctz(m);
	if (i < n - 1) {
		/* the last step overlaps the one before: not before i */
		m = stop_mask32(u + n - 33) & (~0u << (i - (n - 33)));
		if (m)
			return n - 33 + (size_t)__builtin_ctz(m);
	}
	/* the last byte alone, which no "ww" or digit of two bytes starts */
	return stop_single[u[n - 1]] ? n - 1 : n;
}

/* Where the thirty-two bytes at p hold '`', ']', '<', "ht" or "ww". */
__attribute__((target("avx2")))
static inline unsigned link_mask32(const unsigned char *p)
{
	__m256i v = _mm256_loadu_si256((const __m256i *)p);
	__m256i w = _mm256_loadu_si256((const __m256i *)(p + 1));
	__m256i m = _mm256_or_si256(
		_mm256_or_si256(_mm256_cmpeq_epi8(v, K(K_BQ)), _mm256_cmpeq_epi8(v, K(K_RB))),
		_mm256_cmpeq_epi8(v, K(K_LT)));

	m = _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(v, K(K_H)),
						_mm256_cmpeq_epi8(w, K(K_T))));
	m = _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(v, K(K_W)),
						_mm256_cmpeq_epi8(w, K(K_W))));
	return (unsigned)_mm256_movemask_epi8(m);
}

/* n - i >= 33 */
__attribute__((target("avx2")))
static size_t link_start_avx2(const unsigned char *u, size_t n, size_t i)
{
	unsigned m;

	for (; i + 33 <= n; i += 32)
		if ((m = link_mask32(u + i)) != 0)
			return i + (size_t)__builtin_ctz(m);
	if (i < n - 1) {
		m = link_mask32(u + n - 33) & (~0u << (i - (n - 33)));
		if (m)
			return n - 33 + (size_t)__builtin_ctz(m);
	}
	return link_stop[u[n - 1]] ? n - 1 : n;
}

/* n - i >= 32 */
__attribute__((target("avx2")))
static size_t any4_avx2(const unsigned char *u, size_t n, size_t i,
			const char set[4])
{
	const __m256i a = _mm256_set1_epi8(set[0]), b = _mm256_set1_epi8(set[1]);
	const __m256i c = _mm256_set1_epi8(set[2]), d = _mm256_set1_epi8(set[3]);
	size_t at;

	for (;; i += 32) {
		unsigned m;
		__m256i v;

		/* the last step overlaps the one before: not before i */
		at = i + 32 <= n ? i : n - 32;
		v = _mm256_loadu_si256((const __m256i *)(u + at));
		m = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(
			_mm256_or_si256(_mm256_cmpeq_epi8(v, a), _mm256_cmpeq_epi8(v, b)),
			_mm256_or_si256(_mm256_cmpeq_epi8(v, c), _mm256_cmpeq_epi8(v, d))));
		m &= ~0u << (i - at);
		if (m)
			return at + (size_t)__builtin_ctz(m);
		if (i + 32 >= n)
			return n;
	}
}

static int have_avx2(void)
{
	return __builtin_cpu_supports("avx2");
}
#endif

int find_digit(const char *s, size_t n, int arabic_only)
{
	const unsigned char *u = (const unsigned char *)s;

#ifdef FIND_AVX2
	if (n >= 33 && have_avx2())
		return digit_avx2(u, n, arabic_only);
#endif
#ifdef __SSE2__
	if (n)
		return digit_sse2(u, n, arabic_only);
	return 0;
#else
	return digit_bytes(u, n, 0, arabic_only);
#endif
}

size_t find_scan_stop(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

#ifdef FIND_AVX2
	if (i < n && n - i >= 33 && have_avx2())
		return scan_stop_avx2(u, n, i);
#endif
#ifdef __SSE2__
	{
		const __m128i nl = _mm_set1_epi8('\n'), amp = _mm_set1_epi8('&');
		const __m128i bq = _mm_set1_epi8('`');
		const __m128i a0 = _mm_set1_epi8('(' - 1), a1 = _mm_set1_epi8('+' + 1);
		const __m128i b0 = _mm_set1_epi8('.' - 1), b1 = _mm_set1_epi8('@' + 1);
		const __m128i c0 = _mm_set1_epi8('\\' - 1), c1 = _mm_set1_epi8(']' + 1);

		for (; i + 17 <= n; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(u + i));
			/* signed compares: bytes of 0x80 and above are below '(' */
			__m128i m = _mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, amp)),
				_mm_cmpeq_epi8(v, bq));

			__m128i w = _mm_loadu_si128((const __m128i *)(u + i + 1));

			m = _mm_or_si128(m, digit_mask16(v, w, 1));
			m = _mm_or_si128(m, _mm_and_si128(
				_mm_cmpeq_epi8(v, _mm_set1_epi8('w')),
				_mm_cmpeq_epi8(w, _mm_set1_epi8('w'))));
			m = _mm_or_si128(m, _mm_and_si128(_mm_cmpgt_epi8(v, a0),
							  _mm_cmplt_epi8(v, a1)));
			m = _mm_or_si128(m, _mm_and_si128(_mm_cmpgt_epi8(v, b0),
							  _mm_cmplt_epi8(v, b1)));
			m = _mm_or_si128(m, _mm_and_si128(_mm_cmpgt_epi8(v, c0),
							  _mm_cmplt_epi8(v, c1)));
			if (_mm_movemask_epi8(m))
				return i + (size_t)__builtin_ctz((unsigned)_mm_movemask_epi8(m));
		}
	}
#endif
	while (i < n && !scan_stop[u[i]])
		i++;
	return i;
}

size_t find_link_start(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

#ifdef FIND_AVX2
	if (i < n && n - i >= 33 && have_avx2())
		return link_start_avx2(u, n, i);
#endif
#ifdef __SSE2__
	for (; i + 17 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(u + i));
		__m128i w = _mm_loadu_si128((const __m128i *)(u + i + 1));
		__m128i m = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('`')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8(']'))),
			_mm_cmpeq_epi8(v, _mm_set1_epi8('<')));

		m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('h')),
						  _mm_cmpeq_epi8(w, _mm_set1_epi8('t'))));
		m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('w')),
						  _mm_cmpeq_epi8(w, _mm_set1_epi8('w'))));
		if (_mm_movemask_epi8(m))
			return i + (size_t)__builtin_ctz((unsigned)_mm_movemask_epi8(m));
	}
#endif
	while (i < n && !link_stop[u[i]])
		i++;
	return i;
}

size_t find_any4(const char *s, size_t n, size_t i, const char set[4])
{
	const unsigned char *u = (const unsigned char *)s;

#ifdef FIND_AVX2
	if (i < n && n - i >= 32 && have_avx2())
		return any4_avx2(u, n, i, set);
#endif
#ifdef __SSE2__
	{
		const __m128i a = _mm_set1_epi8(set[0]), b = _mm_set1_epi8(set[1]);
		const __m128i c = _mm_set1_epi8(set[2]), d = _mm_set1_epi8(set[3]);

		for (; i + 16 <= n; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(u + i));
			int m = _mm_movemask_epi8(_mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)),
				_mm_or_si128(_mm_cmpeq_epi8(v, c), _mm_cmpeq_epi8(v, d))));

			if (m)
				return i + (size_t)__builtin_ctz((unsigned)m);
		}
	}
#endif
	for (; i < n; i++)
		if (u[i] == (unsigned char)set[0] || u[i] == (unsigned char)set[1] ||
		    u[i] == (unsigned char)set[2] || u[i] == (unsigned char)set[3])
			return i;
	return n;
}
