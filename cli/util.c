#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static void oom(void)
{
	fputs("folio: out of memory\n", stderr);
	exit(3);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void *xgrow(void *v, size_t *alloc, size_t need, size_t sz)
{
	size_t n = *alloc;

	if (need <= n)
		return v;
	n = n ? n : 8;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / sz)
			oom();
		n *= 2;
	}
	*alloc = n;
	return xrealloc(v, n * sz);
}

const char *errmsg(int err)
{
	switch (err) {
	case ENOENT: return "no such file or directory";
	case EACCES: return "permission denied";
	case EPERM: return "operation not permitted";
	case ELOOP: return "too many levels of symbolic links";
	case ENOTDIR: return "a path component is not a directory";
	case EISDIR: return "is a directory";
	case ENOSPC: return "no space left on device";
	case EDQUOT: return "disk quota exceeded";
	case EROFS: return "read-only file system";
	case EIO: return "input/output error";
	case EMFILE: case ENFILE: return "too many open files";
	case ENAMETOOLONG: return "file name too long";
	case EEXIST: return "file exists";
	case ENOMEM: return "out of memory";
	case EXDEV: return "cross-device link";
	case EBUSY: return "device or resource busy";
	case EFBIG: return "file too large";
	default: return "system error";
	}
}

int ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;

		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb || !ca)
			return ca - cb;
	}
}

const char *image_media_type(const char *name, size_t n)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".gif", "image/gif" },
		{ ".svg", "image/svg+xml" },
	};
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		size_t k = strlen(types[i].ext);

		if (n <= k)
			continue;
		for (j = 0; j < k; j++) {
			char c = name[n - k + j];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != types[i].ext[j])
				break;
		}
		if (j == k)
			return types[i].type;
	}
	return NULL;
}

const char *find_bytes(const char *s, size_t n, const char *w, size_t wn)
{
	const char *p = s, *end = s + n;

	while (wn && (size_t)(end - p) >= wn &&
	       (p = memchr(p, w[0], (size_t)(end - p) - wn + 1)) != NULL) {
		if (!memcmp(p, w, wn))
			return p;
		p++;
	}
	return NULL;
}

size_t utf8_count(const char *s, size_t n)
{
	size_t i = 0, cont = 0;

#ifdef __SSE2__
	/*
	 * Sixteen at a time: a continuation byte is below 0xC0 read as
	 * signed (-128 to -65), and each lane of acc counts its own, up to
	 * 255 blocks before they are summed.
	 */
	while (i + 16 <= n) {
		__m128i acc = _mm_setzero_si128(), sums;
		size_t stop = n - i >= 255 * 16 ? i + 255 * 16 : n & ~(size_t)15;

		if (stop < i + 16)
			stop = i + 16;
		for (; i + 16 <= stop; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(s + i));

			acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));
		}
		sums = _mm_sad_epu8(acc, _mm_setzero_si128());
		cont += (size_t)_mm_cvtsi128_si32(sums) +
			(size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
	}
#endif
	/* n less the continuation bytes (10xxxxxx), eight at a time: one
	 * bit per byte, summed into the top byte by the multiply */
	for (; i + 8 <= n; i += 8) {
		unsigned long long w;

		memcpy(&w, s + i, 8);
		w = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
		cont += (size_t)((w * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return n - cont;
}
