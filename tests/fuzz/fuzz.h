/*
 * fuzz.h - what every harness shares: the libFuzzer entry point's
 * signature and a few helpers.  A harness is one file fuzz_NAME.c that
 * defines LLVMFuzzerTestOneInput(); it is linked either with libFuzzer
 * (-fsanitize=fuzzer) or with replay.c, which feeds it files.
 *
 * A harness must leave nothing behind between runs: everything it
 * allocates is released before it returns, so that LeakSanitizer
 * reports only folio's leaks.
 */
#ifndef FOLIO_FUZZ_H
#define FOLIO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Cut data[0..size) at the first NUL byte: the part before goes to
 * (a, an), the rest to (b, bn).  Returns 1 when there was a NUL, else 0
 * (then *b is the whole input again, so both halves are exercised).
 */
static inline int fuzz_split(const uint8_t *data, size_t size,
			     const char **a, size_t *an,
			     const char **b, size_t *bn)
{
	const uint8_t *z = memchr(data, 0, size);

	*a = (const char *)data;
	if (!z) {
		*an = size;
		*b = (const char *)data;
		*bn = size;
		return 0;
	}
	*an = (size_t)(z - data);
	*b = (const char *)z + 1;
	*bn = size - *an - 1;
	return 1;
}

/* 1 when s[0..n) is UTF-8 (no overlongs, no surrogates). */
static inline int fuzz_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], cp, len, k;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, cp = c & 0x07;
		else
			return 0;
		if (i + len > n)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

/* A copy of s[0..n) with a NUL after it, owned by the caller. */
static inline char *fuzz_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		abort();
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/*
 * wrap_word() (wrap.h) as its comment describes it, one character at a
 * time through utf8proc: the characters at the start of s[0..n) that go
 * into a word as they are, their display width, their first and last
 * code points.
 */
static inline size_t fuzz_wrap_word(const char *s, size_t n, unsigned *width,
				    unsigned *first, unsigned *last)
{
	size_t j = 0;

	*width = *first = *last = 0;
	while (j < n) {
		unsigned char c = (unsigned char)s[j];
		utf8proc_int32_t cp = c;
		utf8proc_ssize_t k = 1;

		if (c <= 0x20 || c == 0x7F)
			break;
		if (c >= 0x80) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)s + j,
					     (utf8proc_ssize_t)(n - j), &cp);
			if (k <= 0 || cp < 0xA0 || cp == 0x2028 || cp == 0x2029 ||
			    cp == 0xFFFD)
				break;
		}
		if (!j)
			*first = (unsigned)cp;
		*last = (unsigned)cp;
		*width += c < 0x80 ? 1 : utf8proc_charwidth(cp) > 0 ?
			  (unsigned)utf8proc_charwidth(cp) : 0;
		j += (size_t)k;
	}
	return j;
}

#endif

struct diag_list;

/*
 * Print the list in every format (text, json, github) into memory and
 * abort() unless each is well-formed: text and github one line per
 * diagnostic, JSON one syntactically valid UTF-8 document.  Then release
 * the list.  Defined in fuzz_util.c.
 */
void fuzz_check_diags(struct diag_list *l);

/* A strict JSON syntax check of s[0..n): 1 when valid. */
int fuzz_json_valid(const char *s, size_t n);
