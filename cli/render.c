/*
 * render.c - what every body renderer shares, and the page data with them:
 * the references of a render (numbered links, headings), where a link
 * goes (article: resolved, schemes allowed), whether a link's text is its
 * URL, and the heading ids with the folding of accented Latin and Arabic
 * that index sort keys use too (collate.c).
 *
 * render_html.c and render_text.c each call into this file and never into
 * each other.
 */
#include "buf.h"
#include "markdown.h"
#include "numbers.h"
#include "render.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- what a render leaves ---- */

void render_info_release(struct render_info *ri)
{
	size_t i;

	for (i = 0; !ri->arena && i < ri->nheadings; i++) {
		free(ri->headings[i].id);
		free(ri->headings[i].text);
	}
	free(ri->headings);
	ri->headings = NULL;
	ri->nheadings = ri->alloc = 0;
	render_refs_release(&ri->refs);
	ri->images = ri->images_alt = 0;
}

/* ---- numbered links ---- */

size_t render_refs_add(struct render_refs *r, const char *url, size_t n)
{
	size_t i;

	if ((r->n + 1) * 2 > r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16, k;
		size_t *slot = xcalloc(cap, sizeof(*slot));

		for (k = 0; k < r->n; k++) {
			for (i = hash_mem(r->url[k], strlen(r->url[k])) & (cap - 1);
			     slot[i]; i = (i + 1) & (cap - 1))
				;
			slot[i] = k + 1;
		}
		free(r->slot);
		r->slot = slot;
		r->cap = cap;
	}
	for (i = hash_mem(url, n) & (r->cap - 1); r->slot[i];
	     i = (i + 1) & (r->cap - 1))
		if (memeq(url, n, r->url[r->slot[i] - 1]))
			return r->slot[i];
	GROW(r->url, r->alloc, r->n + 1);
	r->url[r->n++] = xstrndup(url, n);
	r->slot[i] = r->n;
	return r->n;
}

void render_refs_release(struct render_refs *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->url[i]);
	free(r->url);
	free(r->slot);
	memset(r, 0, sizeof(*r));
}

/* ---- URLs ---- */

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int scheme_is(const char *s, size_t n, const char *lit)
{
	size_t i;

	if (strlen(lit) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (ascii_lower((unsigned char)s[i]) != lit[i])
			return 0;
	return 1;
}

int render_link_target(const struct render_opts *o, struct buf *href,
		       struct buf *scratch, const char **hreflang)
{
	struct buf *url = scratch;
	const char *id;
	size_t n;
	int ok = 0;

	*hreflang = NULL;
	if (!md_article_link(href->buf, href->len, &id, &n)) {
		if (!href->len || !render_url_allowed(href->buf, href->len, 0))
			return 0;
		return !o->link || o->link(o->link_ctx, href) == 0;
	}
	buf_reset(url);
	if (o->resolve && n &&
	    o->resolve(o->resolve_ctx, id, n, url, hreflang) == 0) {
		/* the fragment goes along: article:id#part */
		const char *rest = id + n;
		size_t len = href->len - (size_t)(rest - href->buf);

		if (!(len > 1 && *rest == '#' && o->fragment &&
		      o->fragment(o->fragment_ctx, rest + 1, len - 1) < 0))
			buf_add(url, rest, len);
		buf_reset(href);
		buf_add(href, url->buf, url->len);
		ok = 1;
	}
	return ok;
}

int render_url_allowed(const char *url, size_t n, int allow_article)
{
	static const char *const ok[] = { "http", "https", "mailto", "tel" };
	size_t i;

	/*
	 * Browsers drop tabs and newlines anywhere in a URL ("java\tscript:"),
	 * so any control character refuses the URL rather than being trusted
	 * to escaping.
	 */
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)url[i];

		if (c < 0x20 || c == 0x7F)
			return 0;
	}
	/* A scheme is ALPHA *( ALPHA / DIGIT / + - . ) before the first ':'. */
	if (!n || !((url[0] >= 'a' && url[0] <= 'z') ||
		    (url[0] >= 'A' && url[0] <= 'Z')))
		return 1;
	for (i = 1; i < n; i++) {
		char c = url[i];

		if (c == ':')
			break;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
			return 1;	/* no scheme: a relative URL */
	}
	if (i == n)
		return 1;
	if (allow_article && scheme_is(url, i, "article"))
		return 1;
	for (n = 0; n < ARRAY_SIZE(ok); n++)
		if (scheme_is(url, i, ok[n]))
			return 1;
	return 0;
}

/* ---- heading ids ---- */

/*
 * What id_char() makes of U+00C0 to U+017F when it is one ASCII letter
 * (é, ç, ğ, ş: their letter without the mark; ø, ł, ı, đ: the letter
 * render_fold_latin() reads them as), '.' for the others (æ, ß, ×:
 * through utf8proc).  render_html_spec checks every entry against
 * utf8proc and the list of render.h.
 */
static const char latin_letter[] =
	"aaaaaa.ceeeeiiiidnooooo.ouuuuy.."
	"aaaaaa.ceeeeiiiidnooooo.ouuuuy.y"
	"aaaaaaccccccccddddeeeeeeeeeegggg"
	"gggghhhhiiiiiiiiii..jjkk.llllll."
	".llnnnnnn.nnoooooo..rrrrrrssssss"
	"ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/*
 * The letters of the Arabic block that id_char() keeps as they are
 * (hamza, alef to ghain, tatweel to yeh), and its marks, which it drops
 * (U+064B to U+065F, U+0670).  Checked against utf8proc as above.
 */
static int arabic_self(unsigned cp)
{
	return cp == 0x621 || (cp >= 0x627 && cp <= 0x63A) ||
	       (cp >= 0x640 && cp <= 0x64A);
}

static int arabic_mark(unsigned cp)
{
	return (cp >= 0x64B && cp <= 0x65F) || cp == 0x670;
}

const char *render_fold_latin(unsigned cp)
{
	switch (cp) {
	case 0xE6: return "ae";		/* æ */
	case 0x153: return "oe";	/* œ */
	case 0xF8: return "o";		/* ø */
	case 0x142: return "l";		/* ł */
	case 0x111: return "d";		/* đ */
	case 0xF0: return "d";		/* ð */
	case 0xFE: return "th";		/* þ */
	case 0x131: return "i";		/* ı */
	case 0x14B: return "n";		/* ŋ */
	case 0x127: return "h";		/* ħ */
	case 0x167: return "t";		/* ŧ */
	}
	return NULL;
}

int render_fold2(unsigned cp, char *c)
{
	if (cp >= 0xC0 && cp < 0x180 && latin_letter[cp - 0xC0] != '.') {
		*c = latin_letter[cp - 0xC0];
		return 1;
	}
	if (arabic_self(cp))
		return 2;
	if (arabic_mark(cp))
		return 0;
	return -1;
}

/*
 * A letter or digit s[0..len) into the id, after a '-' when separators
 * came since the last one; ids are XML names too: "h-" before a leading
 * digit.  Returns 0 when it would pass 64 bytes.  Inlined: it runs for
 * every character of every heading.
 */
static inline __attribute__((always_inline)) int
id_add(struct buf *out, size_t start, int *dash, const char *s, size_t len,
       int digit)
{
	if (out->len == start && digit)
		buf_adds(out, "h-");
	else if (*dash && out->len > start)
		buf_addc(out, '-');
	*dash = 0;
	if (out->len - start + len > 64)
		return 0;
	buf_add(out, s, len);
	return 1;
}

/*
 * One code point of a heading into its id: ASCII directly, anything else
 * through utf8proc (compatibility decomposition, case folding, marks
 * stripped), one code point at a time so that nothing is allocated.
 * Returns 0 when it ends the id (64 bytes reached).
 */
static int id_char(struct buf *out, size_t start, int *dash, int32_t cp)
{
	utf8proc_int32_t d[16];
	utf8proc_ssize_t nd, k;
	int last = 0;

	if (cp < 0x80) {
		d[0] = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
		nd = 1;
	} else {
		nd = utf8proc_decompose_char(cp, d, 16, UTF8PROC_DECOMPOSE |
					     UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
					     UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
					     &last);
		if (nd < 0 || nd > 16)
			nd = 0;
	}
	for (k = 0; k < nd; k++) {
		utf8proc_int32_t c = d[k];
		utf8proc_uint8_t u[4];
		utf8proc_ssize_t len;
		int alnum, digit;
		const char *as = c >= 0x80 ? render_fold_latin((unsigned)c) : NULL;

		if (as) {
			if (!id_add(out, start, dash, as, strlen(as), 0))
				return 0;
			continue;
		}

		if (c < 0x80) {
			digit = c >= '0' && c <= '9';
			alnum = digit || (c >= 'a' && c <= 'z');
		} else {
			utf8proc_category_t cat = utf8proc_category(c);

			digit = cat >= UTF8PROC_CATEGORY_ND &&
				cat <= UTF8PROC_CATEGORY_NO;
			alnum = digit || (cat >= UTF8PROC_CATEGORY_LU &&
					  cat <= UTF8PROC_CATEGORY_LO);
		}
		if (!alnum) {
			*dash = 1;
			continue;
		}
		if (c < 0x80) {
			u[0] = (utf8proc_uint8_t)c;
			len = 1;
		} else {
			len = utf8proc_encode_char(c, u);
		}
		if (!id_add(out, start, dash, (const char *)u, (size_t)len, digit))
			return 0;
	}
	return 1;
}

/* An ASCII letter or digit as an id holds it (lowercase), or 0. */
static inline char ascii_id_char(unsigned char c)
{
	static const char id_of[128] =
		"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
		"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" "0123456789\0\0\0\0\0\0"
		"\0abcdefghijklmnopqrstuvwxyz\0\0\0\0\0"
		"\0abcdefghijklmnopqrstuvwxyz\0\0\0\0";

	return c < 0x80 ? id_of[c] : 0;
}

void render_heading_id(struct buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = out->len, i = 0;
	int dash = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		if (u[i] < 0x80) {
			/* ASCII, most headings, without utf8proc */
			char c = ascii_id_char(u[i]);
			size_t room, k = 0;
			char *p;

			i++;
			if (!c) {
				dash = 1;
				continue;
			}
			if (!id_add(out, start, &dash, &c, 1, c <= '9'))
				break;
			/* the rest of its word, straight: the id holds at
			 * most 64 bytes, one of them just added */
			buf_grow(out, 64);
			room = 64 - (out->len - start);
			p = out->buf + out->len;
			while (k < room && i < n && (c = ascii_id_char(u[i]))) {
				p[k++] = c;
				i++;
			}
			buf_setlen(out, out->len + k);
			if (k == room && i < n && ascii_id_char(u[i]))
				break;	/* one more would pass 64 bytes */
			continue;
		}
		if (u[i] >= 0xC3 && u[i] <= 0xD9 && i + 1 < n &&
		    (u[i + 1] & 0xC0) == 0x80) {
			/* accented Latin and Arabic without utf8proc */
			unsigned v = ((u[i] & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu);

			if (v < 0x180 && latin_letter[v - 0xC0] != '.') {
				i += 2;
				if (!id_add(out, start, &dash,
					    &latin_letter[v - 0xC0], 1, 0))
					break;
				continue;
			}
			if (arabic_self(v)) {
				i += 2;
				if (!id_add(out, start, &dash, s + i - 2, 2, 0))
					break;
				continue;
			}
			if (arabic_mark(v)) {
				i += 2;
				continue;
			}
		}
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			/* not UTF-8: a separator, and on */
			cp = ' ';
			k = 1;
		}
		if (!id_char(out, start, &dash, cp))
			break;
		i += (size_t)k;
	}
	if (out->len == start)
		buf_adds(out, "section");
}

/* ---- link text ---- */

int render_is_url_text(const char *href, size_t hn, const char *s, size_t n)
{
	if (hn == n && !memcmp(href, s, n))
		return 1;
	if (hn == n + 7 && !memcmp(href, "http://", 7) &&
	    !memcmp(href + 7, s, n))
		return 1;
	return hn == n + 7 && !memcmp(href, "mailto:", 7) &&
	       !memcmp(href + 7, s, n);
}

/* Does s[0..n) hold an ASCII digit, and a space (U+0020, U+00A0, U+202F)? */
static int western_in_pieces(const char *s, size_t n)
{
	int digit = 0, space = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9')
			digit = 1;
		else if (c == ' ' || (c == 0xC2 && i + 1 < n &&
				       (unsigned char)s[i + 1] == 0xA0) ||
			 (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			  (unsigned char)s[i + 2] == 0xAF))
			space = 1;
	}
	return digit && space;
}

/*
 * Does s[0..n) hold an ASCII digit?  Sixteen bytes a test: right-to-left
 * pages are mostly Arabic letters, every run of which is asked.
 */
static int has_ascii_digit(const char *s, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i nine = _mm_set1_epi8(9), zero = _mm_set1_epi8('0');

	for (; i + 16 <= n; i += 16) {
		__m128i d = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(s + i)),
					 zero);

		if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d)))
			return 1;
	}
#endif
	for (; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

size_t render_ltr_runs(const char *text, size_t n, const char *lang,
		       const struct num_list *known, struct num_list *scratch,
		       size_t **v, size_t *alloc)
{
	struct num_list own = NUM_LIST_INIT;
	const struct num_list *nl = known;
	size_t k, found = 0, used = 0;

	/* no ASCII digit, nothing to isolate: Arabic-Indic digits lay out
	 * as one number */
	if (!has_ascii_digit(text, n))
		return 0;
	if (!nl) {
		if (!scratch)
			scratch = &own;
		scratch->n = 0;
		numbers_scan_unchecked(scratch, text, n, lang);	/* a digit is there */
		nl = scratch;
	}
	for (k = 0; k < nl->n; k++) {
		const struct num_token *t = &nl->v[k];

		if (t->off + t->len > n || (t->kind != NUM_PHONE &&
		    !western_in_pieces(text + t->off, t->len)))
			continue;
		GROW(*v, *alloc, used + 2);
		(*v)[used++] = t->off;
		(*v)[used++] = t->off + t->len;
		found++;
	}
	num_list_release(&own);
	return found;
}
