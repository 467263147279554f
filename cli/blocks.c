/*
 * blocks.c - an article's text as blocks (SPEC 12.3) and its digest
 * (12.1); blocks_diff.c aligns two versions of one original.
 *
 * md4c gives no block ranges, only the text runs inside them; a block's
 * source is the lines from its first run to its last, with the container
 * prefixes ("> ", list indentation) and its own marker taken off.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>
/*
 * OpenSSL's SHA256_Init/Update/Final: deprecated in 3.0 for the EVP
 * interface, but they never fail and load nothing, where EVP (and the
 * one-shot SHA256() built on it) fetches the algorithm from a provider at
 * each call, reads the system's openssl.cnf once (about 2 MiB) and may
 * fail under its settings: a digest must be the same on every machine.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <utf8proc.h>

#include "article.h"
#include "blocks.h"
#include "numbers.h"
#include "diag.h"
#include "markdown.h"
#include "util.h"

static const char *const kind_names[BLK__COUNT] = {
	"title", "summary", "source", "heading", "paragraph", "list-item",
	"table-row", "code", "image", "quote",
};

const char *block_kind_name(enum block_kind k)
{
	return (unsigned)k < BLK__COUNT ? kind_names[k] : "?";
}

/* ---- storage ---------------------------------------------------------- */

/* Copy s[0..n) to storage that never moves; NUL-terminated. */
/* What a chunk holds at least: the strings of several blocks. */
#define STORE_CHUNK 8192

static char *list_chunk(struct block_list *l, size_t size)
{
	char *p = xmalloc(size);

	/* room for 8, then doubled at each power of two: one realloc per
	 * store made storing quadratic (ASan's realloc always moves) */
	if (l->nchunks == 0 || (l->nchunks >= 8 && !(l->nchunks & (l->nchunks - 1))))
		l->chunks = xrealloc(l->chunks, (l->nchunks ? 2 * l->nchunks : 8) *
				     sizeof(*l->chunks));
	l->chunks[l->nchunks++] = p;
	return p;
}

/* A copy of s[0..n), NUL-terminated, that stays where it is until the
 * list is released: strings share chunks, one allocation for many. */
static const char *list_store(struct block_list *l, const char *s, size_t n)
{
	char *p;

	if (n + 1 > l->room) {
		if (n + 1 > STORE_CHUNK / 4) {
			/* a long one gets its own, the chunk stays open */
			p = list_chunk(l, n + 1);
			goto copy;
		}
		l->at = list_chunk(l, STORE_CHUNK);
		l->room = STORE_CHUNK;
	}
	p = l->at;
	l->at += n + 1;
	l->room -= n + 1;
copy:
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void block_list_release(struct block_list *l)
{
	size_t i;

	for (i = 0; i < l->nchunks; i++)
		free(l->chunks[i]);
	free(l->chunks);
	free(l->v);
	buf_release(&l->store);
	buf_release(&l->tmp);
	l->v = NULL;
	l->chunks = NULL;
	l->at = NULL;
	l->n = l->alloc = l->nchunks = l->room = 0;
}

/*
 * One character of s[0..n) at *i that is not ASCII, for nfc_quick() and
 * is_normal(): 1 when NFC leaves it alone after what came before
 * (*last_ccc, the combining class of the character before), with *i past
 * it; 0 when the text needs the full normalization.  A starter below
 * U+0300 or in the Greek to Arabic blocks or general punctuation with
 * combining class 0 and no decomposition but one that composes back
 * passes; so do Arabic harakat in canonical order, which compose with
 * nothing.  Anything else (another combining mark, Hangul, a singleton)
 * does not.
 */
static int nfc_step(const char *s, size_t n, size_t *i, unsigned *last_ccc)
{
	unsigned char c = (unsigned char)s[*i];
	unsigned char c1 = *i + 1 < n ? (unsigned char)s[*i + 1] : 0;
	const utf8proc_property_t *p;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;

	/* the starters most text holds, without a lookup: U+0080 to
	 * U+02FF, and the Arabic letters U+0621 to U+063A and U+0641 to
	 * U+064A (class 0, nothing that does not compose back) */
	if ((c1 & 0xC0) == 0x80 &&
	    ((c >= 0xC2 && c <= 0xCB) ||
	     (c == 0xD8 && c1 >= 0xA1 && c1 <= 0xBA) ||
	     (c == 0xD9 && c1 >= 0x81 && c1 <= 0x8A))) {
		*i += 2;
		*last_ccc = 0;
		return 1;
	}
	len = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
			       (utf8proc_ssize_t)(n - *i), &cp);
	if (len <= 0)
		return 0;
	*i += (size_t)len;
	if (cp < 0x300) {
		*last_ccc = 0;
		return 1;
	}
	if (!((cp >= 0x370 && cp < 0x900) || (cp >= 0x2000 && cp < 0x2070)))
		return 0;
	p = utf8proc_get_property(cp);
	if (p->combining_class != 0) {
		if (!((cp >= 0x64B && cp <= 0x652) || cp == 0x670) ||
		    (unsigned)p->combining_class < *last_ccc)
			return 0;
		*last_ccc = (unsigned)p->combining_class;
		return 1;
	}
	*last_ccc = 0;
	return !(p->decomp_seqindex != UINT16_MAX &&
		 (p->decomp_type != 0 || p->comp_exclusion));
}

/*
 * Is s[0..n) NFC as it stands, by a quick look (nfc_step())?  Most of a
 * corpus's text passes, and skips utf8proc_map(), the most costly step
 * of reading blocks.
 */
static int nfc_quick(const char *s, size_t n)
{
	size_t i = 0;
	unsigned last_ccc = 0;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			/* ASCII, eight bytes at a time where it can */
			i++;
			while (i + 8 <= n) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			last_ccc = 0;
			continue;
		}
		if (!nfc_step(s, n, &i, &last_ccc))
			return 0;
	}
	return 1;
}

/* NFC of s[0..n) into out (appending); invalid UTF-8 is kept as is. */
static void nfc_add(struct buf *out, const char *s, size_t n)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t k;

	if (nfc_quick(s, n)) {
		buf_add(out, s, n);
		return;
	}
	k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &r,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (k < 0) {
		buf_add(out, s, n);
		return;
	}
	buf_add(out, r, (size_t)k);
	free(r);
}

/* The high bit of each byte of v that is zero, and no other bit. */
static uint64_t zero_bytes(uint64_t v)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;

	return ~(((v & low7) + low7) | v | low7);
}

/*
 * Are the eight bytes of w, after a byte that is not a space, what
 * normalize_ws() leaves as they are: no control character, tab or line
 * end, no U+00A0 or U+202F (lead bytes 0xC2, 0xE2), no two spaces in a
 * row and no space last?
 */
static int plain_words(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones << 7;
	uint64_t sp = zero_bytes(w ^ (' ' * ones));

	/* below 0x20: exact as a yes or no (only a byte above one that
	 * is may be flagged too) */
	if (((w - ' ' * ones) & ~w & high) | zero_bytes(w ^ (0xC2 * ones)) |
	    zero_bytes(w ^ (0xE2 * ones)))
		return 0;
	return !(sp & ((sp >> 8) | (high << 56)));
}

/* Whitespace runs as one space, trimmed, NFC. */
static void normalize_ws(struct buf *out, struct buf *scratch, const char *s,
			 size_t n)
{
	struct buf t = *scratch;
	const unsigned char *u = (const unsigned char *)s;
	char *o;
	size_t i;
	int space = 0;

	buf_reset(&t);
	/* what is written is never longer than s: straight into t */
	buf_grow(&t, n);
	o = t.buf;
	for (i = 0; i < n; i++) {
		unsigned char c = u[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			space = 1;
			continue;
		}
		/* U+00A0, U+202F: typography, not a difference of text */
		if (c == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) {
			space = 1;
			i++;
			continue;
		}
		if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0xAF) {
			space = 1;
			i += 2;
			continue;
		}
		if (space && o > t.buf)
			*o++ = ' ';
		space = 0;
		*o++ = (char)c;
		/* words with one space between them, eight bytes at a time,
		 * then the run of bytes up to the next space of any kind */
		while (i + 9 <= n) {
			uint64_t w;

			memcpy(&w, u + i + 1, 8);
			if (!plain_words(w))
				break;
			memcpy(o, &w, 8);
			o += 8;
			i += 8;
		}
		while (i + 1 < n && u[i + 1] > ' ' && u[i + 1] != 0xC2 && u[i + 1] != 0xE2)
			*o++ = (char)u[++i];
	}
	t.len = (size_t)(o - t.buf);
	t.buf[t.len] = '\0';
	nfc_add(out, t.buf, t.len);
	*scratch = t;
}

/*
 * Is s[0..n) its own normalized text (normalize_ws()): no whitespace at
 * either end, no tab, line end, U+00A0 or U+202F, no two spaces in a
 * row, and NFC by nfc_step()'s look?  One pass and no copy; most blocks
 * are.
 */
static int is_normal(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	unsigned last_ccc = 0;
	int space = 1;		/* as if a space came first: none may */

	while (i < n) {
		unsigned char c = u[i];

		if (c >= 0x80) {
			if ((c == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) ||
			    (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 &&
			     u[i + 2] == 0xAF))
				return 0;
			space = 0;
			if (!nfc_step(s, n, &i, &last_ccc))
				return 0;
			continue;
		}
		if (c == ' ') {
			if (space)
				return 0;
			space = 1;
		} else if (c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
			   c == '\v') {
			return 0;
		} else {
			space = 0;
		}
		i++;
		last_ccc = 0;
		/* ASCII words with one space between them, eight bytes at a
		 * time (plain_words() wants no space before them) */
		while (!space && i + 8 <= n) {
			uint64_t w;

			memcpy(&w, u + i, 8);
			if ((w & 0x8080808080808080ull) || !plain_words(w))
				break;
			i += 8;
		}
	}
	return !space || !n;
}

void block_norm(struct block_list *l, struct block *b)
{
	struct buf *norm = &l->store;

	if (b->norm)
		return;
	if (l->raw_norm || is_normal(b->text, b->len)) {
		b->norm = b->text;
		b->norm_len = b->len;
		return;
	}
	buf_reset(norm);
	normalize_ws(norm, &l->tmp, b->text, b->len);
	/* most often a block's text is its normalized text: one copy */
	if (norm->len == b->len && !memcmp(norm->buf, b->text, b->len))
		b->norm = b->text;
	else
		b->norm = list_store(l, norm->buf, norm->len);
	b->norm_len = norm->len;
}

static int ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/*
 * Do a's and b's texts as written tell that their normalized texts do
 * not fold alike, without normalizing them?  Where they first differ
 * (bytes before equal but for ASCII case), two ASCII characters other
 * than spaces, each followed by ASCII or nothing (no combining mark
 * NFC could join to it), are each their own fold, as are the bytes
 * before them; so is an Arabic letter beside an ASCII character.  0:
 * not known.
 */
int blocks_fold_differ(const struct block *a, const struct block *b)
{
	const unsigned char *x = (const unsigned char *)a->text;
	const unsigned char *y = (const unsigned char *)b->text;
	size_t i, n = a->len < b->len ? a->len : b->len;
	int xa, ya;

	for (i = 0; i < n; i++)
		if (x[i] != y[i] && !(x[i] < 0x80 && ((x[i] | 0x20) >= 'a' && (x[i] | 0x20) <= 'z') &&
				      (x[i] | 0x20) == (y[i] | 0x20)))
			break;
	if (i == n)
		return 0;
	xa = x[i] < 0x80 && !ascii_space(x[i]) &&
	     (i + 1 >= a->len || x[i + 1] < 0x80);
	ya = y[i] < 0x80 && !ascii_space(y[i]) &&
	     (i + 1 >= b->len || y[i + 1] < 0x80);
	if (xa && ya)
		return 1;
	/* U+0600 to U+06FF: Arabic, which neither NFC nor folding makes
	 * ASCII */
	return (xa && y[i] >= 0xD8 && y[i] <= 0xDB) ||
	       (ya && x[i] >= 0xD8 && x[i] <= 0xDB);
}

static char *casefold(const char *s, size_t n)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
		return xstrndup(s, n);
	return (char *)out;
}

/*
 * The Arabic letters of s (U+0621..U+063A, U+0641..U+064A).  Case folding
 * leaves them as they are, nothing else folds or composes into one, and
 * in NFC text a composed letter (U+0622...) is one letter before and
 * after: two texts that fold alike hold as many.  Counting stops past
 * max.
 */
static size_t arabic_letters(const char *s, size_t n, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, count = 0;

	/* most texts hold none: two quick looks */
	if (!memchr(s, 0xD8, n) && !memchr(s, 0xD9, n))
		return 0;
	for (i = 0; i + 1 < n && count <= max; i++) {
		if (u[i] < 0xD8 || u[i] > 0xD9)
			continue;
		if (u[i] == 0xD8 ? u[i + 1] >= 0xA1 && u[i + 1] <= 0xBA :
				   u[i + 1] >= 0x81 && u[i + 1] <= 0x8A)
			count++;
		i++;
	}
	return count;
}

/*
 * Do the words of a's and b's normalized texts that hold byte i (where
 * they first differ, all bytes before equal but for ASCII case) fold
 * alike?
 */
static int same_word_folded(const struct block *a, const struct block *b,
			    size_t i)
{
	size_t from = i, ea = i, eb = i;
	char *x, *y;
	int same;

	while (from > 0 && a->norm[from - 1] != ' ')
		from--;
	while (ea < a->norm_len && a->norm[ea] != ' ')
		ea++;
	while (eb < b->norm_len && b->norm[eb] != ' ')
		eb++;
	x = casefold(a->norm + from, ea - from);
	y = casefold(b->norm + from, eb - from);
	same = !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

int blocks_same_folded(const struct block *a, const struct block *b)
{
	char *x, *y;
	int same;
	size_t i, na;

	if (a->norm_len == b->norm_len && !memcmp(a->norm, b->norm, a->norm_len))
		return 1;
	/* a case difference changes few lengths: skip the rest cheaply */
	if (a->norm_len > b->norm_len + 8 || b->norm_len > a->norm_len + 8)
		return 0;
	/* the first difference, ASCII case aside: two ASCII bytes there
	 * differ in any case */
	for (i = 0; i < a->norm_len && i < b->norm_len; i++) {
		unsigned char x = (unsigned char)a->norm[i], y = (unsigned char)b->norm[i];

		if (x == y || (x < 0x80 && y < 0x80 && ((x | 0x20) >= 'a' && (x | 0x20) <= 'z') &&
			       (x | 0x20) == (y | 0x20)))
			continue;
		if (x < 0x80 && y < 0x80)
			return 0;
		break;
	}
	/* an Arabic text beside a Latin one, most often: no folding needed */
	na = arabic_letters(a->norm, a->norm_len, SIZE_MAX);
	if (arabic_letters(b->norm, b->norm_len, na) != na)
		return 0;
	/*
	 * Folding keeps every space and folds what lies between two spaces
	 * alone (no mapping makes or takes a space, nothing composes with
	 * one), so two texts that fold alike fold alike word by word: the
	 * words where they first differ ("des" and "Übelkeit") are folded
	 * first, and most often tell them apart.
	 */
	if (!same_word_folded(a, b, i))
		return 0;
	x = casefold(a->norm, a->norm_len);
	y = casefold(b->norm, b->norm_len);
	same = !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

void block_list_norm_all(struct block_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		block_norm(l, &l->v[i]);
}

static struct block *list_add(struct block_list *l, enum block_kind kind,
			      unsigned level, unsigned line, unsigned col,
			      const char *text, size_t len, unsigned section,
			      const char *ignore)
{
	struct block *b;

	GROW(l->v, l->alloc, l->n + 1);
	b = &l->v[l->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->level = level;
	b->line = line;
	b->col = col;
	b->text = list_store(l, text, len);
	b->len = len;
	if (l->lazy_norm) {
		b->norm = NULL;
		b->norm_len = 0;
	} else {
		block_norm(l, b);
	}
	b->section = section;
	b->ignore = ignore ? list_store(l, ignore, strlen(ignore)) : NULL;
	return b;
}

/* ---- the body's blocks ------------------------------------------------ */

enum { CT_QUOTE = 1, CT_LI = 2 };

struct walk {
	struct block_list *l;
	const struct md_src *src;
	const char *body, *end;
	unsigned section;
	unsigned char ct[64];	/* container stack */
	unsigned depth;
	unsigned skipped;	/* containers past the stack's room */
	int li_fresh;		/* the innermost LI has had no block yet */

	/* the leaf being read */
	int open;		/* 0 none, else 1 + enum block_kind */
	int implicit;		/* a tight list item's text, no P */
	int first_of_li;
	unsigned level;
	const char *first, *last;	/* first run, end of the last run */
	int img_depth;
	int only_image;		/* no text outside an image so far */
	int saw_image;
	struct buf code;	/* a code block's text */
	struct buf text;	/* scratch: the leaf's text, before the list has it */
	int in_html;
	struct buf html;
	struct buf ignore;	/* pending folio: ignore list */
	int table_row;
};

static int in_body(const struct walk *w, const char *p)
{
	return p >= w->body && p <= w->end;
}

static const char *line_start(const struct walk *w, const char *p)
{
	while (p > w->body && p[-1] != '\n')
		p--;
	return p;
}

static const char *line_end(const struct walk *w, const char *p)
{
	const char *q = memchr(p, '\n', (size_t)(w->end - p));

	return q ? q : w->end;
}

/* Skip container prefixes: spaces, tabs and '>' quote markers. */
static const char *skip_prefix(const char *p, const char *lim)
{
	while (p < lim && (*p == ' ' || *p == '\t' || *p == '>'))
		p++;
	return p;
}

/* A list marker at p ("- ", "1. ", "2) "): its length with the spaces. */
static size_t list_marker(const char *p, const char *lim)
{
	const char *q = p;

	if (q < lim && (*q == '-' || *q == '+' || *q == '*'))
		q++;
	else {
		while (q < lim && q - p < 9 && *q >= '0' && *q <= '9')
			q++;
		if (q == p || q >= lim || (*q != '.' && *q != ')'))
			return 0;
		q++;
	}
	if (q < lim && *q != ' ' && *q != '\t')
		return 0;
	while (q < lim && (*q == ' ' || *q == '\t'))
		q++;
	return (size_t)(q - p);
}

static void leaf_start(struct walk *w, enum block_kind k, unsigned level)
{
	w->open = 1 + (int)k;
	w->level = level;
	w->first = w->last = NULL;
	w->img_depth = 0;
	w->only_image = 1;
	w->saw_image = 0;
	w->first_of_li = w->li_fresh;
	w->li_fresh = 0;
	buf_reset(&w->code);
}

/* The leaf's source, prefixes and markers off, into out. */
static void leaf_source(struct walk *w, enum block_kind k, struct buf *out,
			const char **startp)
{
	const char *ls = line_start(w, w->first);
	const char *start = skip_prefix(ls, w->first);
	const char *lastc = w->last > w->first ? w->last - 1 : w->last;
	/* the end of the leaf's first line, and of its last, the same one
	 * for most leaves: no newline from start to lastc */
	const char *le1 = line_end(w, start);
	const char *stop = le1 >= lastc ? le1 : line_end(w, lastc);
	const char *p;

	if (k == BLK_HEADING) {
		while (start < w->first && *start == '#')
			start++;
		while (start < w->first && (*start == ' ' || *start == '\t'))
			start++;
	} else if (k != BLK_TABLE_ROW && w->first_of_li) {
		size_t m;

		while ((m = list_marker(start, w->first)) > 0)
			start = skip_prefix(start + m, w->first);
	}
	if (start > w->first)
		start = w->first;
	if (stop < w->last)
		stop = w->last;
	*startp = start;
	/* line by line: later lines lose their container prefix */
	p = start;
	for (;;) {
		const char *le = p == start ? le1 : line_end(w, p);
		const char *e = le;

		if (e > stop)
			e = stop;
		if (e > p && e[-1] == '\r')
			e--;
		if (p != start)
			buf_addc(out, '\n');
		buf_add(out, p, (size_t)(e - p));
		if (e >= stop || (e < w->end && le >= stop))
			break;
		p = le + 1;
		if (p > stop)
			break;
		p = skip_prefix(p, stop);
	}
	/* trailing spaces; a heading's closing #s */
	while (out->len && (out->buf[out->len - 1] == ' ' || out->buf[out->len - 1] == '\t'))
		out->len--;
	if (k == BLK_HEADING) {
		size_t n = out->len;

		while (n && out->buf[n - 1] == '#')
			n--;
		if (n < out->len && (n == 0 || out->buf[n - 1] == ' ' || out->buf[n - 1] == '\t')) {
			while (n && (out->buf[n - 1] == ' ' || out->buf[n - 1] == '\t'))
				n--;
			out->len = n;
		}
	}
	buf_setlen(out, out->len);
}

static void leaf_end(struct walk *w)
{
	enum block_kind k;
	struct buf *text = &w->text;
	const char *start;
	struct pos pos;

	if (!w->open)
		return;
	k = (enum block_kind)(w->open - 1);
	buf_reset(text);
	w->open = 0;
	w->implicit = 0;
	if (!w->first)
		return;		/* nothing to place it by */
	if (k == BLK_PARAGRAPH && w->saw_image && w->only_image)
		k = BLK_IMAGE;
	if (k == BLK_CODE) {
		size_t n = w->code.len;

		while (n && w->code.buf[n - 1] == '\n')
			n--;
		buf_add(text, w->code.buf, n);
		start = w->first;
	} else if (k == BLK_TABLE_ROW) {
		const char *ls = line_start(w, w->first), *e = line_end(w, w->first);

		start = skip_prefix(ls, w->first);
		while (e > start && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		buf_add(text, start, (size_t)(e - start));
	} else {
		leaf_source(w, k, text, &start);
	}
	pos = md_src_pos(w->src, start);
	list_add(w->l, k, k == BLK_HEADING ? w->level : 0, pos.line, pos.col,
		 text->buf, text->len, w->section,
		 w->ignore.len ? w->ignore.buf : NULL);
	buf_reset(&w->ignore);
	if (k == BLK_HEADING)
		w->section++;
}

static unsigned innermost(const struct walk *w)
{
	return w->depth ? w->ct[w->depth - 1] : 0;
}

static void push(struct walk *w, unsigned char t)
{
	if (w->depth < sizeof(w->ct))
		w->ct[w->depth++] = t;
	else
		w->skipped++;
}

static void pop(struct walk *w)
{
	if (w->skipped)
		w->skipped--;
	else if (w->depth)
		w->depth--;
}

/* `<!-- folio: ignore a, b -->`: the rule list "a,b" into w->ignore. */
static void html_block(struct walk *w)
{
	const char *s = w->html.buf, *e = s + w->html.len;
	const char *p;

	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	if (e - s < 7 || memcmp(s, "<!--", 4) || memcmp(e - 3, "-->", 3)) {
		buf_reset(&w->ignore);	/* other HTML stands between */
		return;
	}
	s += 4;
	e -= 3;
	while (s < e && isspace((unsigned char)*s))
		s++;
	if (e - s < 6 || memcmp(s, "folio:", 6))
		return;
	s += 6;
	while (s < e && isspace((unsigned char)*s))
		s++;
	if (e - s < 6 || memcmp(s, "ignore", 6))
		return;
	for (p = s + 6; p < e;) {
		const char *q;

		while (p < e && (isspace((unsigned char)*p) || *p == ','))
			p++;
		for (q = p; q < e && !isspace((unsigned char)*q) && *q != ','; q++)
			;
		if (q > p) {
			if (w->ignore.len)
				buf_addc(&w->ignore, ',');
			buf_add(&w->ignore, p, (size_t)(q - p));
		}
		p = q;
	}
}

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct walk *w = ud;

	if (w->implicit)
		leaf_end(w);	/* a tight item's text ends at its first child */
	switch (type) {
	case MD_BLOCK_QUOTE:
		push(w, CT_QUOTE);
		break;
	case MD_BLOCK_LI:
		push(w, CT_LI);
		w->li_fresh = 1;
		break;
	case MD_BLOCK_H:
		leaf_start(w, BLK_HEADING, ((MD_BLOCK_H_DETAIL *)detail)->level);
		break;
	case MD_BLOCK_P:
		leaf_start(w, innermost(w) == CT_LI ? BLK_LIST_ITEM :
			   innermost(w) == CT_QUOTE ? BLK_QUOTE : BLK_PARAGRAPH, 0);
		break;
	case MD_BLOCK_CODE:
		leaf_start(w, BLK_CODE, 0);
		break;
	case MD_BLOCK_TR:
		leaf_start(w, BLK_TABLE_ROW, 0);
		w->table_row = 1;
		break;
	case MD_BLOCK_HTML:
		w->in_html = 1;
		buf_reset(&w->html);
		break;
	default:
		break;
	}
	return 0;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct walk *w = ud;

	(void)detail;
	switch (type) {
	case MD_BLOCK_QUOTE:
		leaf_end(w);
		pop(w);
		break;
	case MD_BLOCK_LI:
		leaf_end(w);
		pop(w);
		w->li_fresh = 0;
		break;
	case MD_BLOCK_H:
	case MD_BLOCK_P:
	case MD_BLOCK_CODE:
		leaf_end(w);
		break;
	case MD_BLOCK_TR:
		leaf_end(w);
		w->table_row = 0;
		break;
	case MD_BLOCK_HTML:
		w->in_html = 0;
		html_block(w);
		break;
	default:
		break;
	}
	return 0;
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct walk *w = ud;

	(void)detail;
	if (type == MD_SPAN_IMG) {
		w->img_depth++;
		w->saw_image = 1;
	}
	return 0;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct walk *w = ud;

	(void)detail;
	if (type == MD_SPAN_IMG && w->img_depth)
		w->img_depth--;
	return 0;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
	struct walk *w = ud;

	if (w->in_html) {
		buf_add(&w->html, text, size);
		return 0;
	}
	if (!w->open) {
		if (innermost(w) != CT_LI || type == MD_TEXT_HTML)
			return 0;
		/* a tight list item: its text comes with no paragraph */
		leaf_start(w, BLK_LIST_ITEM, 0);
		w->implicit = 1;
	}
	if (w->open - 1 == BLK_CODE)
		buf_add(&w->code, text, size);
	if (!in_body(w, text) || !in_body(w, text + size) ||
	    type == MD_TEXT_NULLCHAR)
		return 0;
	if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR) {
		/* a line end: it places nothing */
		return 0;
	}
	if (!w->img_depth && w->only_image) {
		size_t i;

		for (i = 0; i < size; i++)
			if (!isspace((unsigned char)text[i])) {
				w->only_image = 0;
				break;
			}
	}
	if (!w->first || text < w->first)
		w->first = text;
	if (!w->last || text + size > w->last)
		w->last = text + size;
	return 0;
}

static const MD_PARSER walk_parser = {
	0, 0, on_enter_block, on_leave_block, on_enter_span, on_leave_span,
	on_text, NULL, NULL
};

static void walk_init(struct walk *w, struct block_list *l,
		      const struct md_src *src, const char *body, size_t len,
		      unsigned section)
{
	memset(w, 0, sizeof(*w));
	w->l = l;
	w->src = src;
	w->body = body;
	w->end = body + len;
	w->section = section;
	/* room for a block every 128 bytes of body: seldom grown, where
	 * doubling from 8 reallocated three times for most bodies */
	GROW(l->v, l->alloc, l->n + len / 128 + 8);
	buf_init(&w->code);
	buf_init(&w->text);
	buf_init(&w->html);
	buf_init(&w->ignore);
}

static void walk_finish(struct walk *w)
{
	leaf_end(w);
	buf_release(&w->code);
	buf_release(&w->text);
	buf_release(&w->html);
	buf_release(&w->ignore);
}

static void body_blocks(struct block_list *l, const char *body, size_t len,
			unsigned first_line, unsigned section)
{
	struct md_src src;
	struct walk w;

	md_src_init(&src, body, len, first_line);
	walk_init(&w, l, &src, body, len, section);
	md_run(&src, &walk_parser, &w);
	walk_finish(&w);
	md_src_release(&src);
}

struct blocks_walk {
	struct walk w;
};

struct blocks_walk *blocks_walk_new(struct block_list *l, const struct md_src *src,
				    const char *body, size_t len)
{
	struct blocks_walk *bw = xmalloc(sizeof(*bw));

	walk_init(&bw->w, l, src, body, len, 0);
	return bw;
}

const struct MD_PARSER *blocks_walk_parser(void)
{
	return &walk_parser;
}

void *blocks_walk_data(struct blocks_walk *bw)
{
	return &bw->w;
}

void blocks_walk_end(struct blocks_walk *bw)
{
	walk_finish(&bw->w);
	free(bw);
}

/* ---- the frontmatter's blocks ----------------------------------------- */

static const char *scalar_text(const struct ynode *n)
{
	const char *s = ynode_scalar(n);

	return s && n->type != Y_NULL ? s : NULL;
}

static void fm_block(struct block_list *l, enum block_kind k, const struct ynode *n)
{
	const char *s = scalar_text(n);

	if (s)
		list_add(l, k, 0, n->line, n->col, s, strlen(s), 0, NULL);
}

int blocks_of_frontmatter(struct block_list *l, const struct article *a)
{
	const struct ynode *fm = a->fm.root, *src;
	size_t i;

	if (!fm)
		return -1;
	fm_block(l, BLK_TITLE, ymap_get(fm, "title"));
	fm_block(l, BLK_SUMMARY, ymap_get(fm, "summary"));
	src = ymap_get(fm, "sources");
	for (i = 0; src && src->type == Y_SEQ && i < src->n; i++)
		fm_block(l, BLK_SOURCE, ymap_get(src->items[i], "title"));
	return 0;
}

int blocks_of_article(struct block_list *l, const struct article *a)
{
	if (blocks_of_frontmatter(l, a) < 0)
		return -1;
	if (a->body)
		body_blocks(l, a->body, a->body_len, a->body_line, 0);
	return 0;
}

void blocks_fm_where(struct fm_where *w, const struct article *a,
		     const char *title, const char *summary)
{
	const struct ynode *fm = a->fm.root, *src, *n;
	const char *s;
	size_t i;

	memset(w, 0, sizeof(*w));
	w->filled = 1;
	w->arabic_digit = (unsigned char)(a->arabic_digit >= 0 ? a->arabic_digit :
					  numbers_arabic_digit(a->text.buf, a->text.len));
	if (!fm)
		return;
	n = ymap_get(fm, "title");
	if ((s = scalar_text(n)) != NULL) {
		if (*s ? !title || strcmp(s, title) : title != NULL)
			return;
		w->title = 1;
		w->title_line = n->line;
		w->title_col = n->col;
	}
	n = ymap_get(fm, "summary");
	if ((s = scalar_text(n)) != NULL) {
		if (*s ? !summary || strcmp(s, summary) : summary != NULL)
			return;
		w->summary = 1;
		w->summary_line = n->line;
		w->summary_col = n->col;
	}
	src = ymap_get(fm, "sources");
	for (i = 0; src && src->type == Y_SEQ && i < src->n; i++) {
		n = ymap_get(src->items[i], "title");
		if ((s = scalar_text(n)) == NULL)
			continue;
		if (!w->sources)
			w->sources = xcalloc(src->n, sizeof(*w->sources));
		w->sources[w->nsources].line = n->line;
		w->sources[w->nsources].col = n->col;
		w->sources[w->nsources].title = xstrdup(s);
		w->nsources++;
	}
	w->simple = 1;
}

void blocks_fm_where_release(struct fm_where *w)
{
	size_t i;

	for (i = 0; i < w->nsources; i++)
		free(w->sources[i].title);
	free(w->sources);
	w->sources = NULL;
	w->nsources = 0;
}

void blocks_of_body(struct block_list *l, const struct fm_where *w,
		    const char *title, const char *summary,
		    const struct article *a)
{
	size_t i;

	if (w->title)
		list_add(l, BLK_TITLE, 0, w->title_line, w->title_col,
			 title ? title : "", title ? strlen(title) : 0, 0, NULL);
	if (w->summary)
		list_add(l, BLK_SUMMARY, 0, w->summary_line, w->summary_col,
			 summary ? summary : "", summary ? strlen(summary) : 0, 0, NULL);
	for (i = 0; i < w->nsources; i++)
		list_add(l, BLK_SOURCE, 0, w->sources[i].line, w->sources[i].col,
			 w->sources[i].title, strlen(w->sources[i].title), 0, NULL);
	if (a->body)
		body_blocks(l, a->body, a->body_len, a->body_line, 0);
}

int blocks_of_file(struct block_list *l, const char *text, size_t len,
		   const char *path, struct diag_list *diags)
{
	struct article a;
	struct diag_list scratch = DIAG_LIST_INIT;
	int r;

	article_init(&a, path);
	r = article_load_mem(&a, text, len, diags ? diags : &scratch);
	if (r == 0)
		r = blocks_of_article(l, &a);
	article_release(&a);
	diag_list_release(&scratch);
	return r;
}

int block_ignores(const struct block *b, const char *rule)
{
	const char *p = b->ignore;
	size_t n = strlen(rule);

	while (p && *p) {
		const char *q = strchr(p, ',');
		size_t k = q ? (size_t)(q - p) : strlen(p);

		if (k == n && !memcmp(p, rule, n))
			return 1;
		p = q ? q + 1 : NULL;
	}
	return 0;
}

int blocks_same_shape(const struct block_list *a, const struct block_list *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->v[i].kind != b->v[i].kind || a->v[i].level != b->v[i].level)
			return 0;
	return 1;
}

/* ---- the digest (12.1) ------------------------------------------------ */

/*
 * The digest's input is kept as its fields, each one its name, a NUL, its
 * length and its bytes as the article has them: gathering is a copy, and
 * the work (line ends, NFC, SHA-256) is done only when a digest is wanted,
 * maybe later and by another thread than the one that read the article.
 */
static void input_field(struct buf *in, const char *name, const char *s,
			size_t n)
{
	buf_add(in, name, strlen(name) + 1);
	buf_add(in, &n, sizeof(n));
	buf_add(in, s, n);
}

static void input_string_field(struct buf *in, const char *name,
			       const struct ynode *n)
{
	const char *s = scalar_text(n);

	input_field(in, name, s ? s : "", s ? n->len : 0);
}

void blocks_digest_input(struct buf *in, const struct article *a)
{
	const struct ynode *fm = a->fm.root, *src;
	size_t i;

	input_string_field(in, "title", ymap_get(fm, "title"));
	input_string_field(in, "summary", ymap_get(fm, "summary"));
	src = ymap_get(fm, "sources");
	for (i = 0; src && src->type == Y_SEQ && i < src->n; i++)
		input_string_field(in, "source", ymap_get(src->items[i], "title"));
	input_field(in, "body", a->body ? a->body : "", a->body ? a->body_len : 0);
}

/*
 * One field as hashed, appended to msg: its name, a LF, its text with LF
 * line ends, no trailing spaces or tabs, no leading or trailing blank
 * lines, NFC, and a LF.
 */
static void digest_field(struct buf *msg, struct buf *lines, const char *name,
			 const char *s, size_t n)
{
	size_t i = 0, start, end;

	buf_reset(lines);
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		size_t k = e;

		while (k > i && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\r'))
			k--;
		buf_add(lines, s + i, k - i);
		if (nl)
			buf_addc(lines, '\n');
		i = nl ? e + 1 : n;
	}
	/* leading blank lines, then trailing ones */
	start = 0;
	for (i = 0; i < lines->len; i++)
		if (lines->buf[i] == '\n')
			start = i + 1;
		else
			break;
	end = lines->len;
	while (end > start && lines->buf[end - 1] == '\n')
		end--;
	buf_adds(msg, name);
	buf_addc(msg, '\n');
	nfc_add(msg, lines->buf + start, end - start);
	buf_addc(msg, '\n');
}

void blocks_digest_of_input(const char *in, size_t len, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	struct buf msg = BUF_INIT, lines = BUF_INIT;
	unsigned char d[SHA256_DIGEST_LENGTH];
	const char *p = in, *end = in + len;
	SHA256_CTX ctx;
	int i;

	while (p < end) {
		const char *name = p;
		size_t n;

		p += strlen(p) + 1;
		memcpy(&n, p, sizeof(n));
		p += sizeof(n);
		digest_field(&msg, &lines, name, p, n);
		p += n;
	}
	/* the message whole, in one call: OpenSSL's SHA-256 uses the
	 * processor's SHA extensions where it has them */
	SHA256_Init(&ctx);
	SHA256_Update(&ctx, msg.buf, msg.len);
	SHA256_Final(d, &ctx);
	for (i = 0; i < 8; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[16] = '\0';
	buf_release(&msg);
	buf_release(&lines);
}

void blocks_digest_article(const struct article *a, char out[17])
{
	struct buf in = BUF_INIT;

	blocks_digest_input(&in, a);
	blocks_digest_of_input(in.buf, in.len, out);
	buf_release(&in);
}

int blocks_digest_file(const char *text, size_t len, char out[17])
{
	struct article a;
	struct diag_list scratch = DIAG_LIST_INIT;
	int r;

	article_init(&a, "");
	r = article_load_mem(&a, text, len, &scratch);
	if (r == 0)
		blocks_digest_article(&a, out);
	article_release(&a);
	diag_list_release(&scratch);
	return r;
}
