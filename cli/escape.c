#include "escape.h"
#include "buf.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define ESCAPE_AVX2 1	/* thirty-two bytes a test where the CPU has AVX2 */
#endif

static size_t utf8_seq(const unsigned char *s, size_t n);

#define FFFD "\xEF\xBF\xBD"

/*
 * The bytes each escaper must replace, so that the runs between them are
 * copied whole: renderers call these for every run of text.  Besides the
 * XML five, escape_html() replaces with U+FFFD what is not a character of
 * HTML or XML text: C0 controls but tab, newline and carriage return, DEL,
 * and (checked apart, from 0x80 up) invalid UTF-8, C1 controls, U+FFFE and
 * U+FFFF, so that a file name or a YAML escape such as "\x01" cannot make
 * a page that vnu or epubcheck reject.
 */
static const char *const html_rep[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
	['"'] = "&quot;", ['\''] = "&#39;",
	[0x00] = FFFD, [0x01] = FFFD, [0x02] = FFFD, [0x03] = FFFD,
	[0x04] = FFFD, [0x05] = FFFD, [0x06] = FFFD, [0x07] = FFFD,
	[0x08] = FFFD, [0x0B] = FFFD, [0x0C] = FFFD, [0x0E] = FFFD,
	[0x0F] = FFFD, [0x10] = FFFD, [0x11] = FFFD, [0x12] = FFFD,
	[0x13] = FFFD, [0x14] = FFFD, [0x15] = FFFD, [0x16] = FFFD,
	[0x17] = FFFD, [0x18] = FFFD, [0x19] = FFFD, [0x1A] = FFFD,
	[0x1B] = FFFD, [0x1C] = FFFD, [0x1D] = FFFD, [0x1E] = FFFD,
	[0x1F] = FFFD, [0x7F] = FFFD,
};

/* Bytes of the sequence at s[0..n) (s[0] >= 0x80) that HTML text may
 * hold, or 0. */
static size_t html_seq(const unsigned char *s, size_t n)
{
	size_t len;

	/* the common two-byte letters (Latin accents, Arabic) first */
	if (s[0] >= 0xC3 && s[0] <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80)
		return 2;
	len = utf8_seq(s, n);

	if ((len == 2 && s[0] == 0xC2 && s[1] < 0xA0) ||
	    (len == 3 && s[0] == 0xEF && s[1] == 0xBF && s[2] >= 0xBE))
		return 0;
	return len;
}

/* 0: copied as it is; 1: replaced by html_rep; 2: from 0x80, checked. */
static const unsigned char html_class[256] = {
	[0x00 ... 0x08] = 1, [0x0B] = 1, [0x0C] = 1, [0x0E ... 0x1F] = 1,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1, [0x7F] = 1,
	[0x80 ... 0xFF] = 2,
};

#ifdef __SSE2__
/* Which of the 16 bytes at u html_class flags, one bit each. */
static inline unsigned html_stops16(const unsigned char *u)
{
	const __m128i sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F),
		amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'),
		gt = _mm_set1_epi8('>'), dq = _mm_set1_epi8('"'),
		sq = _mm_set1_epi8('\'');
	__m128i v = _mm_loadu_si128((const __m128i *)u);
	__m128i m = _mm_or_si128(
		_mm_or_si128(_mm_cmplt_epi8(v, sp), _mm_cmpeq_epi8(v, del)),
		_mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)),
			_mm_or_si128(_mm_cmpeq_epi8(v, gt),
				     _mm_or_si128(_mm_cmpeq_epi8(v, dq),
						  _mm_cmpeq_epi8(v, sq)))));

	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/*
 * From i, skip bytes html_class says to copy, many at a time; the caller
 * finishes byte by byte.  With SSE2 (every x86-64), sixteen bytes a test:
 * a signed compare below 0x20 also catches 0x80 and up, which are class 2;
 * the last bytes too, from the text's last block, when it has sixteen.
 */
static size_t html_plain(const unsigned char *u, size_t i, size_t n)
{
#ifdef __SSE2__
	unsigned bits;

	while (i + 16 <= n) {
		bits = html_stops16(u + i);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
		i += 16;
	}
	/* the rest: the text's last block, from i on */
	if (i < n && n >= 16) {
		bits = html_stops16(u + n - 16) >> (16 - (n - i));
		return bits ? i + (size_t)__builtin_ctz(bits) : n;
	}
#else
	const unsigned char *k = html_class;

	while (i + 4 <= n && !(k[u[i]] | k[u[i + 1]] | k[u[i + 2]] | k[u[i + 3]]))
		i += 4;
#endif
	return i;
}

void escape_html(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	const unsigned char *k = html_class;
	size_t i = 0, start = 0, len;
	const char *rep;

	buf_grow(b, n);
	for (;;) {
		i = html_plain(u, i, n);
		while (i < n && !k[u[i]])
			i++;
		if (i >= n)
			break;
		if (k[u[i]] == 2) {
			if ((len = html_seq(u + i, n - i))) {
				i += len;
				/* the rest of an Arabic or accented word */
				while (i + 1 < n && u[i] >= 0xC3 && u[i] <= 0xDF &&
				       (u[i + 1] & 0xC0) == 0x80)
					i += 2;
				continue;
			}
			rep = FFFD;
		} else {
			rep = html_rep[u[i]];
		}
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = ++i;
	}
	buf_add(b, s + start, n - start);
}

/*
 * In valid UTF-8, only two lead bytes can start what HTML refuses: 0xC2
 * (C1 controls, U+0080 to U+009F) and 0xEF (U+FFFE, U+FFFF).
 */
static const unsigned char utf8_class[256] = {
	[0x00 ... 0x08] = 1, [0x0B] = 1, [0x0C] = 1, [0x0E ... 0x1F] = 1,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1, [0x7F] = 1,
	[0xC2] = 2, [0xEF] = 2,
};

#ifdef __SSE2__
/*
 * The 16 bytes at u that may be in utf8_class, one bit each: tab and line
 * ends are caught too (the test is v <= 0x1F), and passed over by the
 * caller.
 */
static inline unsigned utf8_stops16(const unsigned char *u)
{
	/* v | 1 is '\'' for '&' and '\'', v | 2 is '>' for '<' and '>' */
	const __m128i c1f = _mm_set1_epi8(0x1F), del = _mm_set1_epi8(0x7F),
		one = _mm_set1_epi8(1), sq = _mm_set1_epi8('\''),
		two = _mm_set1_epi8(2), gt = _mm_set1_epi8('>'),
		dq = _mm_set1_epi8('"'), c2 = _mm_set1_epi8((char)0xC2),
		ef = _mm_set1_epi8((char)0xEF);
	__m128i v = _mm_loadu_si128((const __m128i *)u);
	/* v <= 0x1F, unsigned: max(v, 0x1F) == 0x1F */
	__m128i m = _mm_or_si128(
		_mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, c1f), c1f),
			     _mm_cmpeq_epi8(v, del)),
		_mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(v, one), sq),
				     _mm_cmpeq_epi8(_mm_or_si128(v, two), gt)),
			_mm_cmpeq_epi8(v, dq)));

	m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, c2),
					  _mm_cmpeq_epi8(v, ef)));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

#ifdef ESCAPE_AVX2
/*
 * The constants of utf8_stops32(), in memory: as operands of the
 * compares they cost nothing, where building them in registers costs
 * thirty instructions a call, and most calls read one or two blocks.
 */
enum { E_C1F, E_DEL, E_ONE, E_SQ, E_TWO, E_GT, E_DQ, E_C2, E_EF, E_COUNT };

static const unsigned char utf8_k[E_COUNT][32] __attribute__((aligned(32))) = {
	[E_C1F] = { [0 ... 31] = 0x1F }, [E_DEL] = { [0 ... 31] = 0x7F },
	[E_ONE] = { [0 ... 31] = 1 }, [E_SQ] = { [0 ... 31] = '\'' },
	[E_TWO] = { [0 ... 31] = 2 }, [E_GT] = { [0 ... 31] = '>' },
	[E_DQ] = { [0 ... 31] = '"' }, [E_C2] = { [0 ... 31] = 0xC2 },
	[E_EF] = { [0 ... 31] = 0xEF },
};

/* utf8_stops16() for the 32 bytes at u. */
__attribute__((target("avx2")))
static inline unsigned utf8_stops32(const unsigned char *u)
{
#define K(c) _mm256_load_si256((const __m256i *)k[c])
	const unsigned char (*k)[32] = utf8_k;
	__m256i v = _mm256_loadu_si256((const __m256i *)u), m;

	/* the compiler must not see through k: it would build each
	 * constant in a register again */
	__asm__("" : "+r"(k));
	m = _mm256_or_si256(
		_mm256_or_si256(_mm256_cmpeq_epi8(_mm256_max_epu8(v, K(E_C1F)), K(E_C1F)),
				_mm256_cmpeq_epi8(v, K(E_DEL))),
		_mm256_or_si256(
			_mm256_or_si256(
				_mm256_cmpeq_epi8(_mm256_or_si256(v, K(E_ONE)), K(E_SQ)),
				_mm256_cmpeq_epi8(_mm256_or_si256(v, K(E_TWO)), K(E_GT))),
			_mm256_cmpeq_epi8(v, K(E_DQ))));

	m = _mm256_or_si256(m, _mm256_or_si256(_mm256_cmpeq_epi8(v, K(E_C2)),
						_mm256_cmpeq_epi8(v, K(E_EF))));
#undef K
	return (unsigned)_mm256_movemask_epi8(m);
}

/* utf8_plain() thirty-two bytes a test, for n - i >= 32. */
__attribute__((target("avx2")))
static size_t utf8_plain32(const unsigned char *u, size_t i, size_t n)
{
	unsigned bits;

	while (i + 32 <= n) {
		for (bits = utf8_stops32(u + i); bits; bits &= bits - 1) {
			size_t j = i + (size_t)__builtin_ctz(bits);

			if (utf8_class[u[j]])
				return j;
		}
		i += 32;
	}
	if (i < n) {
		for (bits = utf8_stops32(u + n - 32) >> (32 - (n - i)); bits;
		     bits &= bits - 1) {
			size_t j = i + (size_t)__builtin_ctz(bits);

			if (utf8_class[u[j]])
				return j;
		}
		return n;
	}
	return i;
}
#endif

/* From i, skip bytes utf8_class says to copy, as html_plain() does. */
static size_t utf8_plain(const unsigned char *u, size_t i, size_t n)
{
#ifdef __SSE2__
	unsigned bits;

#ifdef ESCAPE_AVX2
	if (n - i >= 32 && __builtin_cpu_supports("avx2"))
		return utf8_plain32(u, i, n);
#endif
	while (i + 16 <= n) {
		bits = utf8_stops16(u + i);
		if (bits) {
			size_t j = i + (size_t)__builtin_ctz(bits);

			if (utf8_class[u[j]])
				return j;
			i = j + 1;
			continue;
		}
		i += 16;
	}
	/* the rest: the text's last block, from i on */
	if (i < n && n >= 16) {
		for (bits = utf8_stops16(u + n - 16) >> (16 - (n - i)); bits;
		     bits &= bits - 1) {
			size_t j = i + (size_t)__builtin_ctz(bits);

			if (utf8_class[u[j]])
				return j;
		}
		return n;
	}
#endif
	while (i < n && !utf8_class[u[i]])
		i++;
	return i;
}

void escape_html_utf8(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0, len;
	const char *rep;

	buf_grow(b, n);
	for (;;) {
		i = utf8_plain(u, i, n);
		if (i >= n)
			break;
		if (utf8_class[u[i]] == 2) {
			if ((len = html_seq(u + i, n - i))) {
				i += len;
				continue;
			}
			/* a C1 control or U+FFFE/F: U+FFFD per byte, as
			 * escape_html() writes it (one when s is not UTF-8
			 * after all) */
			len = utf8_seq(u + i, n - i);
			if (!len)
				len = 1;
			buf_add(b, s + start, i - start);
			for (; len; len--, i++)
				buf_adds(b, FFFD);
			start = i;
			continue;
		}
		rep = html_rep[u[i]];
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = ++i;
	}
	buf_add(b, s + start, n - start);
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/*
 * Bytes json_body() copies as they are (0) and the rest: 1 printable ASCII
 * the script form escapes (< > &), 2 what JSON escapes, 3 a lead byte,
 * whose sequence is checked (4 when it cannot be one).
 */
static const unsigned char json_class[256] = {
	[0x00 ... 0x1F] = 2, ['"'] = 2, ['\\'] = 2, [0x7F] = 2,
	['<'] = 1, ['>'] = 1, ['&'] = 1,
	[0x80 ... 0xC1] = 4, [0xC2 ... 0xF4] = 3, [0xF5 ... 0xFF] = 4,
};

static void json_body(struct buf *b, const char *s, size_t n, int script)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0;

	buf_grow(b, n);
	while (i < n) {
		unsigned char c = u[i];
		unsigned k = json_class[c];
		size_t len;

		if (!k || (k == 1 && !script)) {
			i++;
			continue;
		}
		/*
		 * Valid UTF-8 goes along with the run, but for what is an HTML
		 * parse error even inside a script: C1 controls, U+FFFE/F.
		 */
		if (k == 3 && (len = utf8_seq(u + i, n - i)) != 0 &&
		    !(script && ((len == 2 && c == 0xC2 && u[i + 1] < 0xA0) ||
				 (len == 3 && c == 0xEF && u[i + 1] == 0xBF &&
				  u[i + 2] >= 0xBE)))) {
			i += len;
			continue;
		}
		buf_add(b, s + start, i - start);
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, c);
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			switch (c) {
			case '\n': buf_adds(b, "\\n"); break;
			case '\t': buf_adds(b, "\\t"); break;
			case '\r': buf_adds(b, "\\r"); break;
			default: buf_addf(b, "\\u%04x", c); break;
			}
			i++;
		} else if (k == 1) {
			buf_addf(b, "\\u%04x", c);
			i++;
		} else if (k == 4 || (len = utf8_seq(u + i, n - i)) == 0) {
			buf_adds(b, "\\ufffd");
			i++;
		} else {
			/* the same value, escaped */
			buf_addf(b, "\\u%04x", len == 2 ? u[i + 1] :
				 0xFF00u | (0xC0u | (u[i + 2] & 0x3F)));
			i += len;
		}
		start = i;
	}
	buf_add(b, s + start, n - start);
}

void escape_json(struct buf *b, const char *s, size_t n)
{
	json_body(b, s, n, 0);
}

void escape_json_str(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	json_body(b, s, n, 0);
	buf_addc(b, '"');
}

void escape_json_script(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	json_body(b, s, n, 1);
	buf_addc(b, '"');
}

/* 1: percent-encode; 2: HTML-escape; 3: '[' or ']'; 0: copy */
static const unsigned char url_class[256] = {
	[0x00 ... 0x20] = 1, ['"'] = 1, ['<'] = 1, ['>'] = 1, ['\\'] = 1,
	['^'] = 1, ['`'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1,
	[0x7F ... 0xFF] = 1, ['&'] = 2, ['\''] = 2, ['['] = 3, [']'] = 3,
};

/*
 * The brackets of an IPv6 host ("http://[::1]:8080/"), which are the
 * only ones a URL may hold as they are (RFC 3986 3.2.2): their offsets
 * in *lb and *rb, or n when there are none.
 */
static void ipv6_brackets(const char *s, size_t n, size_t *lb, size_t *rb)
{
	const char *p = n > 2 ? memchr(s, '/', n) : NULL;
	size_t i;

	*lb = *rb = n;
	/* "//" after a scheme, or at the start (scheme-relative) */
	if (!p || (size_t)(p - s) + 2 >= n || p[1] != '/' ||
	    (p > s && p[-1] != ':'))
		return;
	i = (size_t)(p - s) + 2;
	if (s[i] != '[')
		return;
	*lb = i;
	for (i++; i < n && s[i] != ']' && s[i] != '/' && s[i] != '?' &&
	     s[i] != '#'; i++)
		;
	if (i < n && s[i] == ']')
		*rb = i;
	else
		*lb = n;
}

void escape_url(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0, lb = n, rb = n;
	int looked = 0;		/* for the host's brackets, once */

	buf_grow(b, n);
	for (;;) {
		unsigned char c;
		char pct[3];

		while (i < n && !url_class[u[i]])
			i++;
		if (i >= n)
			break;
		c = u[i];
		if (url_class[c] == 3) {
			if (!looked++)
				ipv6_brackets(s, n, &lb, &rb);
			if (i == lb || i == rb) {
				i++;
				continue;
			}
		}
		buf_add(b, s + start, i - start);
		start = ++i;
		if (url_class[c] == 2) {
			buf_adds(b, c == '&' ? "&amp;" : "&#39;");
			continue;
		}
		pct[0] = '%';
		pct[1] = hex[c >> 4];
		pct[2] = hex[c & 15];
		buf_add(b, pct, 3);
	}
	buf_add(b, s + start, n - start);
}

void escape_text_line(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned char c = u[i];
		size_t len;

		if (c == '\n') {
			buf_adds(b, "\\n");
			i++;
		} else if (c == '\t') {
			buf_adds(b, "\\t");
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			buf_addf(b, "\\x%02x", c);
			i++;
		} else if ((len = utf8_seq(u + i, n - i)) == 0) {
			buf_addf(b, "\\x%02x", c);
			i++;
		} else {
			buf_add(b, s + i, len);
			i += len;
		}
	}
}

void escape_github(struct buf *b, const char *s, size_t n, int property)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		switch (s[i]) {
		case '%': buf_adds(b, "%25"); break;
		case '\r': buf_adds(b, "%0D"); break;
		case '\n': buf_adds(b, "%0A"); break;
		case ':': if (property) buf_adds(b, "%3A"); else buf_addc(b, ':'); break;
		case ',': if (property) buf_adds(b, "%2C"); else buf_addc(b, ','); break;
		default:
			/* no terminal escapes in CI logs; UTF-8 as in JSON */
			if (u[i] < 0x20 || u[i] == 0x7F) {
				buf_addf(b, "%%%02X", u[i]);
			} else if ((len = utf8_seq(u + i, n - i)) == 0) {
				buf_adds(b, "\xEF\xBF\xBD");
			} else {
				buf_add(b, s + i, len);
				i += len;
				continue;
			}
		}
		i++;
	}
}
