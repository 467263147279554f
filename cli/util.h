/*
 * util.h - allocation that never returns NULL, and small string helpers.
 *
 * Allocation failure is handled here and only here: folio prints
 * "folio: out of memory" and exits with status 3.  Every pointer returned
 * by x*() is owned by the caller and released with free().
 */
#ifndef FOLIO_UTIL_H
#define FOLIO_UTIL_H

#include <stddef.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *v (of *alloc elements of size sz) to hold at least need elements. */
void *xgrow(void *v, size_t *alloc, size_t need, size_t sz);
/*
 * Exchange the n bytes at a and b (two fields of one type, say); inline,
 * so that a constant n makes a few moves.
 */
static inline void swap_mem(void *a, void *b, size_t n)
{
	unsigned char t[64];

	while (n) {
		size_t k = n < sizeof(t) ? n : sizeof(t);

		memcpy(t, a, k);
		memcpy(a, b, k);
		memcpy(b, t, k);
		a = (unsigned char *)a + k;
		b = (unsigned char *)b + k;
		n -= k;
	}
}

/* The same on an array v of alloc elements; the test is inline (need is
 * read twice: no side effects there). */
#define GROW(v, alloc, need) \
	((v) = (need) <= (alloc) ? (v) : xgrow((v), &(alloc), (need), sizeof(*(v))))

/* FNV-1a of s[0..n): for the tables that find an id. */
static inline size_t hash_mem(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Is s[0..n) equal to the NUL-terminated lit? */
static inline int memeq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* The value of hexadecimal digit c, or -1. */
static inline int hex_digit(int c)
{
	return c >= '0' && c <= '9' ? c - '0' :
	       c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The decimal digits of v into out (no NUL; 20 at most); returns how many. */
static inline size_t fmt_uint(char *out, unsigned long long v)
{
	char digits[20];
	size_t n = 0, k;

	do {
		digits[sizeof(digits) - ++n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (k = 0; k < n; k++)
		out[k] = digits[sizeof(digits) - n + k];
	return n;
}

/*
 * pre, the decimal digits of n and post into s (room for them and a NUL,
 * at least 32 bytes for short pre and post: " [12]"); returns the length.
 */
static inline size_t fmt_uint_between(char *s, const char *pre,
				      unsigned long long n, const char *post)
{
	size_t len = strlen(pre), k = strlen(post);

	memcpy(s, pre, len);
	len += fmt_uint(s + len, n);
	memcpy(s + len, post, k + 1);
	return len + k;
}

/* strcmp() without regard to ASCII case (slugs, file name endings). */
int ascii_casecmp(const char *a, const char *b);

/* The code points of UTF-8 s[0..n): the bytes that do not continue one. */
size_t utf8_count(const char *s, size_t n);

/*
 * A lowercase message for errno value err (diagnostics are lowercase);
 * static storage, safe from any thread.
 */
const char *errmsg(int err);

/* The first w[0..wn) in s[0..n), or NULL (memmem() is not POSIX). */
const char *find_bytes(const char *s, size_t n, const char *w, size_t wn);

/*
 * The media type of an image file named name[0..n) (its extension, in
 * any case) among those every page and every EPUB reading system shows:
 * PNG, JPEG, GIF, SVG; NULL for any other.
 */
const char *image_media_type(const char *name, size_t n);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
