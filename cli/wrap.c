/*
 * wrap.c - greedy line filling by display columns (wrap.h).
 *
 * Text goes straight into the output, as the pending `unit`: the words
 * read since the last break opportunity, after a space when the line
 * already holds something.  When the next word starts, it either joins
 * the unit (no line may break between them: the word starts with ';' or
 * '»', the unit ends with '«') or the unit is placed: it stays where it
 * is when it fits the line, else it moves to the start of the next one
 * (one copy per line, not per word).  A unit is placed only once the
 * next word is known, because that word decides whether the space before
 * it is a break opportunity.
 */
#include "wrap.h"
#include "numbers.h"
#include "typo.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define REPLACEMENT "\xEF\xBF\xBD"

enum mode { M_TEXT, M_VERBATIM };

void wrap_init(struct wrap *w, struct buf *out, unsigned width)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->width = width;
	buf_init(&w->move);
	buf_init(&w->split);
}

void wrap_release(struct wrap *w)
{
	buf_release(&w->move);
	buf_release(&w->split);
}

/*
 * Which code points from U+0300 to U+07FF take no column (combining
 * marks: Arabic vowel signs, Hebrew points, Latin accents...), one bit
 * each, as utf8proc_charwidth() counts them; every other one there takes
 * one.  Two-byte UTF-8 (accented Latin, Arabic) is most of what the
 * engine measures; render_text_spec checks this table against utf8proc
 * for every code point it covers.
 */
static const uint32_t zero_width_2[40] = {
	0xffffffff, 0xffffffff, 0xffffffff, 0x0000ffff,
	0x00000000, 0x00000000, 0x00000000, 0x00000000,
	0x00000000, 0x00000000, 0x00000000, 0x00000000,
	0x000003f8, 0x00000000, 0x00000000, 0x00000000,
	0x00000000, 0x00000000, 0x00000000, 0x00000000,
	0xfffe0000, 0xbfffffff, 0x000000b6, 0x00000000,
	0x17ff003f, 0x00000000, 0xfffff800, 0x00010000,
	0x00000000, 0x00000000, 0xbfc00000, 0x00003d9f,
	0x00028000, 0xffff0000, 0x000007ff, 0x00000000,
	0x00000000, 0x0001ffc0, 0x00000000, 0x200ff800,
};

/* Width of a code point of two UTF-8 bytes (U+00A0 to U+07FF). */
static unsigned width2(unsigned cp)
{
	/* U+00A0 to U+02FF (accented Latin) are one column each */
	if (cp < 0x300)
		return 1;
	cp -= 0x300;
	return !((zero_width_2[cp >> 5] >> (cp & 31)) & 1);
}

static unsigned cp_width(int32_t cp)
{
	int k;

	if (cp < 0x800)
		return cp < 0xA0 ? 1 : width2((unsigned)cp);
	k = utf8proc_charwidth(cp);
	return k > 0 ? (unsigned)k : 0;
}

/*
 * The code point at s[0..n) into *cp, its length returned; what the
 * output must not carry (controls, C1, invalid UTF-8) reads as U+FFFD.
 * Spaces and line ends are left to the caller.
 */
static size_t next_cp(const char *s, size_t n, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	if ((unsigned char)*s < 0x80) {
		c = (unsigned char)*s;
		*cp = c < 0x20 || c == 0x7F ? 0xFFFD : c;
		return 1;
	}
	/* two bytes, the common case (accents, Arabic), without a call */
	if (n >= 2 && (unsigned char)s[0] >= 0xC2 && (unsigned char)s[0] <= 0xDF &&
	    ((unsigned char)s[1] & 0xC0) == 0x80) {
		c = (((unsigned char)s[0] & 0x1F) << 6) | ((unsigned char)s[1] & 0x3F);
		*cp = c < 0xA0 ? 0xFFFD : c;
		return 2;
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
	if (k <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c < 0xA0 ? 0xFFFD : c;
	return (size_t)k;
}

static void add_str(struct buf *b, const struct wrap_str *s)
{
	if (s->len)
		buf_add(b, s->s, s->len);
}

/*
 * Lines are written straight into the output: a line opens with the blank
 * line owed (first line only) and its prefix, units are appended as they
 * are placed, and it closes with its line end.
 */
static void open_line(struct wrap *w)
{
	const struct wrap_str *pre = w->lines ? &w->rest : &w->first;

	if (!w->lines)
		add_str(w->out, &w->before);
	w->line_start = w->out->len;
	add_str(w->out, pre);
	w->text_at = w->out->len;
	w->room = w->width > pre->width ? w->width - pre->width : 1;
	w->line_open = 1;
	w->line_w = 0;
}

static void close_line(struct wrap *w)
{
	size_t start = w->line_start;

	/* an empty line in a quote is ">", not "> " */
	while (w->out->len > start && w->out->buf[w->out->len - 1] == ' ')
		w->out->len--;
	buf_setlen(w->out, w->out->len);
	buf_addc(w->out, '\n');
	w->lines++;
	if (w->line_w > w->max_line)
		w->max_line = w->line_w;
	w->line_open = 0;
	w->line_w = 0;
}

/* The pending unit does not fit: it moves to the next line, without the
 * space before it. */
static void move_unit(struct wrap *w)
{
	struct buf *out = w->out;

	buf_reset(&w->move);
	buf_add(&w->move, out->buf + w->unit_at, out->len - w->unit_at);
	buf_setlen(out, w->unit_at - (size_t)w->unit_sep);
	close_line(w);
	open_line(w);
	buf_add(out, w->move.buf, w->move.len);
	w->line_w = w->unit_w;
}

/*
 * The pending unit is complete: it stays on the open line when it fits,
 * else it moves to the next line.
 */
static void settle(struct wrap *w);

static inline void place(struct wrap *w)
{
	if (w->tent)
		settle(w);
	if (!w->unit)
		return;
	w->unit = 0;
	if (w->unit_w > w->max_unit)
		w->max_unit = w->unit_w;
	if (!w->unit_brk || w->line_w + (unsigned)w->unit_sep + w->unit_w <=
	    w->room)
		w->line_w += (unsigned)w->unit_sep + w->unit_w;
	else
		move_unit(w);
}

/* A digit: ASCII, Arabic-Indic or Eastern Arabic-Indic. */
static inline int is_digit_cp(unsigned cp)
{
	return cp - '0' < 10u || cp - 0x660 < 10u || cp - 0x6F0 < 10u;
}

/*
 * Does the word s[0..n) read as a unit of SPEC 13's list (mg, ml, %,
 * °C, mg/kg, ملغ ...) after a number?  The number reader decides, on
 * "1 " and the word, so that the wrapper and translation QA know the
 * same units.
 */
static int is_unit_word(struct wrap *w, const char *s, size_t n)
{
	struct num_list l = NUM_LIST_INIT;
	struct wrap_unit_memo *m;
	char t[40];
	int yes;

	if (n > sizeof(t) - 2)
		n = sizeof(t) - 2;
	/* the answer depends on the word's bytes alone */
	m = &w->memo[n ? (n * 7 + (unsigned char)s[0] * 3 +
			  (unsigned char)s[n - 1]) % 16 : 0];
	if (n && m->len == n && !memcmp(m->word, s, n))
		return m->yes;
	t[0] = '1';
	t[1] = ' ';
	memcpy(t + 2, s, n);
	numbers_scan(&l, t, n + 2, "en");
	yes = l.n && l.v[0].kind == NUM_NUMBER && l.v[0].off == 0 &&
	      l.v[0].unit[0];
	num_list_release(&l);
	if (n) {
		m->len = (unsigned char)n;
		m->yes = (unsigned char)yes;
		memcpy(m->word, s, n);
	}
	return yes;
}

/*
 * May a word that starts with the byte lead be the unit of a number that
 * ends with last?  Only a guess, made when the word starts: a word may
 * come in pieces ("m" then "g", or "m" then "ois"), so that settle()
 * decides once it is whole.
 */
static inline int maybe_unit(unsigned last, unsigned char lead)
{
	/* the first bytes of every spelling of a unit (numbers.c) */
	static const unsigned char unit_lead[256] = {
		['%'] = 1, ['I'] = 1, ['L'] = 1, ['M'] = 1, ['U'] = 1,
		['c'] = 1, ['d'] = 1, ['g'] = 1, ['k'] = 1, ['l'] = 1,
		['m'] = 1, ['n'] = 1, [0xC2] = 1, [0xCE] = 1, [0xD9] = 1,
		[0xE2] = 1,
	};

	return unit_lead[lead] &&
	       (last - '0' < 10u || last - 0x660 < 10u || last - 0x6F0 < 10u);
}

/*
 * The word glued to the pending unit because it may be a number's unit
 * is whole: when it is no unit ("3 mois"), the unit is cut in two again,
 * the number placed, and the word made the pending unit, after a break
 * opportunity, as if it had never been glued.
 */
static void settle(struct wrap *w)
{
	struct buf *out = w->out;
	unsigned last = w->unit_last, word_w;

	w->tent = 0;
	if (is_unit_word(w, out->buf + w->tent_at, out->len - w->tent_at))
		return;
	word_w = w->unit_w - w->tent_w - (unsigned)w->tent_sp;
	buf_reset(&w->split);
	buf_add(&w->split, out->buf + w->tent_at, out->len - w->tent_at);
	buf_setlen(out, w->tent_at - (size_t)w->tent_sp);
	w->unit_w = w->tent_w;
	place(w);
	if (!w->line_open)
		open_line(w);
	w->unit_sep = w->tent_sp && out->len > w->text_at;
	w->unit_brk = out->len > w->text_at;
	if (w->unit_sep)
		buf_addc(out, ' ');
	w->unit_at = out->len;
	w->unit = 1;
	w->unit_w = word_w;
	buf_add(out, w->split.buf, w->split.len);
	w->unit_last = last;
}

/*
 * Before the first character of a word (first: its code point, lead its
 * first byte): it joins the pending unit, or the unit is placed and a new
 * one starts.  A line never breaks before ; : ! ? », after «, nor between
 * a number and its unit ("500 mg": a dose split over two lines is
 * misread).
 */
static inline void word_start(struct wrap *w, unsigned char lead,
			      unsigned first)
{
	int glue, tent = 0;

	if (w->tent)
		settle(w);
	w->in_word = 1;
	glue = w->unit && (typo_glue_after(w->unit_last) || typo_glue_before(first));
	if (w->unit && !glue)
		glue = tent = maybe_unit(w->unit_last, lead);
	if (glue) {
		if (tent) {
			w->tent = 1;
			w->tent_w = w->unit_w;
			w->tent_sp = !w->nosp;
		}
		if (!w->nosp) {
			buf_addc(w->out, ' ');
			w->unit_w++;
		}
		w->nosp = 0;
		if (tent)
			w->tent_at = w->out->len;
		return;
	}
	place(w);
	if (!w->line_open)
		open_line(w);
	w->unit_sep = !w->nosp && w->out->len > w->text_at;
	w->unit_brk = w->out->len > w->text_at;
	w->nosp = 0;
	if (w->unit_sep)
		buf_addc(w->out, ' ');
	w->unit_at = w->out->len;
	w->unit = 1;
	w->unit_w = 0;
}

/*
 * Characters s[0..n) of the word being read: first, last code points;
 * `readable` bytes may be read from s (n or more): a short word is copied
 * as one 16-byte block when both sides have room.
 */
static inline void word_add(struct wrap *w, const char *s, size_t n,
			    size_t readable, unsigned first, unsigned last,
			    unsigned width)
{
	struct buf *out = w->out;

	if (!w->in_word)
		word_start(w, (unsigned char)s[0], first);
	buf_grow(out, n + 16);
	if (n <= 16 && readable >= 16)
		memcpy(out->buf + out->len, s, 16);
	else
		memcpy(out->buf + out->len, s, n);
	out->len += n;
	out->buf[out->len] = '\0';
	w->unit_w += width;
	w->unit_last = last;
}

/* plain_run() for a run that holds bytes above 0x7F: decoded and measured
 * character by character. */
static size_t decode_run(const char *s, size_t n, unsigned *width,
			 unsigned *first, unsigned *last)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = 0;
	unsigned wd = 0, cp = 0;

	while (j < n) {
		unsigned c = u[j];

		if (c > 0x20 && c < 0x7F) {
			/* printable ASCII, the common case: 8 bytes at a time */
			size_t a = j;

			while (j + 8 <= n) {
				uint64_t x, m;

				memcpy(&x, u + j, 8);
				/* the high bit of a byte below 0x21, or above 0x7E
				 * (the lowest flagged byte is exact: a borrow or
				 * carry only ever flags bytes above a true one) */
				m = ((x - 0x2121212121212121ULL) & ~x) |
				    ((x + 0x0101010101010101ULL) | x);
				m &= 0x8080808080808080ULL;
				if (m) {
					j += (size_t)__builtin_ctzll(m) >> 3;
					goto ascii_end;
				}
				j += 8;
			}
			while (j < n && u[j] > 0x20 && u[j] < 0x7F)
				j++;
ascii_end:
			wd += (unsigned)(j - a);
			cp = u[j - 1];
			/* a space, a control or the end: the run is over */
			if (j == n || u[j] < 0x80)
				break;
		} else if (c >= 0xC2 && c <= 0xDF && j + 1 < n &&
			   (u[j + 1] & 0xC0) == 0x80) {
			/* two bytes (accents, Arabic) without a call: a run of
			 * them is an Arabic word */
			unsigned v = ((c & 0x1F) << 6) | (u[j + 1] & 0x3F);

			if (v < 0xA0)
				break;
			do {
				cp = v;
				wd += width2(v);
				j += 2;
				if (j + 1 >= n || u[j] < 0xC2 || u[j] > 0xDF ||
				    (u[j + 1] & 0xC0) != 0x80)
					break;
				v = ((u[j] & 0x1Fu) << 6) | (u[j + 1] & 0x3Fu);
			} while (v >= 0xA0);
		} else if (c >= 0xE0) {
			int32_t v;
			size_t k = next_cp(s + j, n - j, &v);

			if (v == 0xFFFD || v == 0x2028 || v == 0x2029)
				break;
			cp = (unsigned)v;
			wd += cp_width(v);
			j += k;
		} else {
			break;
		}
	}
	*width = wd;
	*last = cp;
	if (!j)
		*first = 0;
	else if (u[0] < 0x80)
		*first = u[0];
	else {
		int32_t v;

		next_cp(s, n, &v);
		*first = (unsigned)v;
	}
	return j;
}

#ifdef __SSE2__
/*
 * Which of the 16 bytes in v end a word: a space, a control or DEL (bytes
 * above 0x7F, negative when compared signed, go on), one bit each.
 */
static inline unsigned word_ends16(__m128i v)
{
	__m128i ok = _mm_or_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)),
				  _mm_cmplt_epi8(v, _mm_setzero_si128()));

	ok = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)), ok);
	return ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFFu;
}
#endif

/*
 * The characters that go into the word as they are, from s[0..n): printable
 * ASCII but spaces, and valid UTF-8 of any character that is not a
 * control or a line separator.  Returns their length (0: s starts with a
 * space or something to replace); *width, *first and *last describe them.
 * One run is one copy, however many accents or Arabic letters it holds.
 *
 * Its end is found first, 16 bytes at a time: the first space, control or
 * DEL.  Printable ASCII up to there (most words) is measured by its
 * length; anything else is decoded (decode_run), which also stops at
 * what the output must not carry.
 */
static size_t plain_run(const char *s, size_t n, unsigned *width,
			unsigned *first, unsigned *last)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t e = 0;
	unsigned high = 0;

#ifdef __SSE2__
	while (e + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(u + e));
		unsigned stop = word_ends16(v),
			 hm = (unsigned)_mm_movemask_epi8(v);

		if (stop) {
			unsigned k = (unsigned)__builtin_ctz(stop);

			high |= hm & ((1u << k) - 1);
			e += k;
			goto end;
		}
		high |= hm;
		e += 16;
	}
#endif
	while (e < n && u[e] > 0x20 && u[e] != 0x7F)
		high |= u[e++] & 0x80u;
#ifdef __SSE2__
end:
#endif
	if (high)
		return decode_run(s, e, width, first, last);
	*width = (unsigned)e;
	*first = e ? u[0] : 0;
	*last = e ? u[e - 1] : 0;
	return e;
}

/* The bits set in x (32 bits), without the library call a CPU without
 * POPCNT would need. */
static inline unsigned bits32(unsigned x)
{
	x -= (x >> 1) & 0x55555555u;
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0F0F0F0Fu;
	return (x * 0x01010101u) >> 24;
}

/* The code point of the valid two-byte, three-byte sequence at u. */
static inline unsigned cp2(const unsigned char *u)
{
	return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
}

static inline unsigned cp3(const unsigned char *u)
{
	return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
}

/*
 * plain_run() for the common case, inline: a word that ends within the 16
 * bytes at s or at the end of s (then the bytes before s, `before` of
 * them, are read when there are enough, else s is copied), and holds
 * nothing but printable ASCII and characters from U+00A0 to U+02FF
 * (accented Latin: French, German, Turkish; no-break space, guillemets),
 * U+0600 to U+06BF (Arabic) or U+2000 to U+203F but those without width
 * (curly quotes and apostrophes, dashes, U+202F).  Its width is its
 * characters, less the Arabic marks of zero_width_2 (U+0600-0605,
 * U+0610-061A, U+061C, U+064B-065F, U+0670).  Anything else goes to
 * plain_run(), which gives the same results the long way.  Inlined into
 * fill_words(): a call per word costs more than the rest.
 */
static int has_cjk(const char *s, size_t n);

static inline __attribute__((always_inline)) size_t
word_run(const char *s, size_t n, size_t before, unsigned *width,
	 unsigned *first, unsigned *last, int no_cjk)
{
	size_t k;

#ifdef __SSE2__
/* bytes are compared signed: 0x80 is -128, 0xFF is -1 */
#define B(x) _mm_set1_epi8((char)(x))
#define IN(x, lo, hi) _mm_and_si128(_mm_cmpgt_epi8((x), B((lo) - 1)), \
				    _mm_cmplt_epi8((x), B((hi) + 1)))
	{
		const unsigned char *u = (const unsigned char *)s;
		__m128i v, nx, nx2, z;
		unsigned stop, k, m, hm, l2, l3, cont, zero;

		if (n >= 16) {
			v = _mm_loadu_si128((const __m128i *)u);
		} else if (n + before >= 16) {
			/* the last 16 bytes of the text, moved so that s
			 * comes first and spaces after it */
			unsigned char t[32];

			_mm_storeu_si128((__m128i *)t,
					 _mm_loadu_si128((const __m128i *)(u + n - 16)));
			_mm_storeu_si128((__m128i *)(t + 16), B(' '));
			v = _mm_loadu_si128((const __m128i *)(t + 16 - n));
		} else {
			/* a text shorter than 16 bytes: copied, spaces after */
			unsigned char t[16];

			_mm_storeu_si128((__m128i *)t, B(' '));
			memcpy(t, u, n);
			v = _mm_loadu_si128((const __m128i *)t);
		}
		stop = word_ends16(v);
		if (!stop)
			goto slow;
		k = (unsigned)__builtin_ctz(stop);
		m = (1u << k) - 1;
		hm = (unsigned)_mm_movemask_epi8(v) & m;
		if (!hm) {
			*width = k;
			*first = k ? u[0] : 0;
			*last = k ? u[k - 1] : 0;
			return k;
		}
		/*
		 * Each two-byte lead followed by one continuation byte, each
		 * 0xE2 0x80 by one more, and nothing else above 0x7F.  Not
		 * taken: U+0080 to U+009F (0xC2 0x80 to 0xC2 0x9F, controls),
		 * U+200B to U+200F and U+2028 to U+202E (0xE2 0x80 0x8B to
		 * 0x8F, 0xA8 to 0xAE: no width, or a line end).
		 */
		nx = _mm_srli_si128(v, 1);	/* the byte after each */
		nx2 = _mm_srli_si128(v, 2);	/* and the one after that */
		l2 = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			IN(v, -62, -53), IN(v, -40, -38))) & m;
		l3 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, B(0xE2))) & m;
		if (l3)
			l3 &= (unsigned)_mm_movemask_epi8(_mm_and_si128(
				_mm_cmpeq_epi8(nx, B(0x80)),
				_mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(nx2, B(0x8B)),
							  IN(nx2, -112, -89)),
					     IN(nx2, -81, -65))));
		cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, B(-64))) & m;
		if ((l2 << 1 | l3 << 1 | l3 << 2) != cont ||
		    (l2 | l3 | cont) != hm ||
		    ((unsigned)_mm_movemask_epi8(_mm_and_si128(
			     _mm_cmpeq_epi8(v, B(0xC2)),
			     _mm_cmplt_epi8(nx, B(0xA0)))) & m))
			goto slow;
		/* the Arabic marks: 0xD8 0x80-0x85, 0x90-0x9A, 0x9C; 0xD9
		 * 0x8B-0x9F, 0xB0 (looked for only after 0xD8 or 0xD9) */
		zero = 0;
		if ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			    _mm_or_si128(v, B(1)), B(0xD9))) & m) {
			z = _mm_and_si128(_mm_cmpeq_epi8(v, B(0xD8)),
				_mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(nx, B(0x86)),
							  IN(nx, -112, -102)),
					     _mm_cmpeq_epi8(nx, B(0x9C))));
			z = _mm_or_si128(z, _mm_and_si128(_mm_cmpeq_epi8(v, B(0xD9)),
				_mm_or_si128(IN(nx, -117, -97),
					     _mm_cmpeq_epi8(nx, B(0xB0)))));
			zero = (unsigned)_mm_movemask_epi8(z) & m;
		}
		/* both masks are 16 bits: one count for the two */
		*width = k - bits32(cont | zero << 16);
		*first = u[0] < 0x80 ? u[0] : u[0] == 0xE2 ? cp3(u) : cp2(u);
		*last = u[k - 1] < 0x80 ? u[k - 1] :
			k >= 3 && (l3 >> (k - 3) & 1) ? cp3(u + k - 3) :
			cp2(u + k - 2);
		return k;
	}
slow:
#undef IN
#undef B
#endif
	/* no_cjk: a word of Chinese or Japanese is not a word (feed_cjk) */
	k = plain_run(s, n, width, first, last);
	return no_cjk && has_cjk(s, k) ? 0 : k;
}

size_t wrap_word(const char *s, size_t n, size_t before, unsigned *width,
		 unsigned *first, unsigned *last)
{
	return word_run(s, n, before, width, first, last, 0);
}

/*
 * Running text the fast way: words of plain characters (word_run) one
 * space apart, placed a line at a time.  A word is final once the next
 * one is read and does not glue to it; final words that stay on the open
 * line are copied together when the line closes or the run ends.  The
 * first word that is not known to be final (the last of s, or one before
 * anything else) is left pending, exactly as word_add leaves it, and the
 * word-by-word path goes on from there.  Called between words (in_word
 * 0) at a byte that is not a space, `before` bytes into the text;
 * returns the bytes read, 0 when s does not start with a plain word or
 * that word glues to the pending unit.
 */
static size_t fill_words(struct wrap *w, const char *s, size_t n,
			 size_t before)
{
	struct buf *out = w->out;
	unsigned wd, first, last;
	size_t a = 0, len, from = 0, to = 0;
	int owed = 0;

	len = word_run(s, n, before, &wd, &first, &last, 1);
	if (!len || (w->unit && (typo_glue_after(w->unit_last) ||
				 typo_glue_before(first) ||
				 maybe_unit(w->unit_last, (unsigned char)s[0]))))
		return 0;
	place(w);
	if (!w->line_open)
		open_line(w);
	for (;;) {
		unsigned nwd, nfirst, nlast;
		size_t b = a + len, nlen;

		if (b + 1 >= n || s[b] != ' ')
			break;
		nlen = word_run(s + b + 1, n - b - 1, before + b + 1, &nwd,
				&nfirst, &nlast, 1);
		if (!nlen || typo_glue_after(last) || typo_glue_before(nfirst) ||
		    maybe_unit(last, (unsigned char)s[b + 1]))
			break;
		/* s[a..b) is final: as place() would put it */
		if (wd > w->max_unit)
			w->max_unit = wd;
		if (!owed && out->len == w->text_at) {
			from = a;
			owed = 1;
			w->line_w = wd;
		} else if (w->line_w + 1 + wd <= w->room) {
			if (!owed) {
				buf_addc(out, ' ');
				from = a;
				owed = 1;
			}
			w->line_w += 1 + wd;
		} else {
			if (owed)
				buf_add(out, s + from, to - from);
			close_line(w);
			open_line(w);
			from = a;
			owed = 1;
			w->line_w = wd;
		}
		to = b;
		a = b + 1;
		len = nlen;
		wd = nwd;
		first = nfirst;
		last = nlast;
	}
	if (owed)
		buf_add(out, s + from, to - from);
	/* no unit is pending (place() above): s[a..a+len) becomes it */
	word_add(w, s + a, len, n - a, first, last, wd);
	return a + len;
}

/* Ideographs, kana and the CJK symbols: a line may break around them. */
static int is_cjk(unsigned cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* What no line may start with in Chinese and Japanese (UAX #14 CL, CP,
 * NS, EX, IS: closing marks, small kana, the prolonged sound mark). */
static int cjk_no_break_before(unsigned cp)
{
	static const unsigned short v[] = {
		0x3001, 0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011,
		0x3015, 0x3017, 0x3019, 0x301B, 0x301C, 0x301E, 0x301F, 0x303B,
		0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085,
		0x3087, 0x308E, 0x3095, 0x3096, 0x309B, 0x309C, 0x309D, 0x309E,
		0x30A0, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3,
		0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x30FB, 0x30FC, 0x30FD,
		0x30FE, 0xFF01, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F,
		0xFF3D, 0xFF5D, 0xFF60,
	};
	size_t i;

	if (cp < 0x3001 || cp > 0xFF60)
		return typo_no_break_before(cp);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (v[i] == cp)
			return 1;
	return 0;
}

/* What no line may end with (UAX #14 OP: opening marks). */
static int cjk_no_break_after(unsigned cp)
{
	switch (cp) {
	case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010:
	case 0x3014: case 0x3016: case 0x3018: case 0x301A: case 0x301D:
	case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F:
		return 1;
	}
	return typo_no_break_after(cp);
}

/*
 * A run of text that holds CJK characters: a character at a time, so
 * that a line may break between two of them, or between one of them and
 * anything else, without a space (UAX #14's ID class, simplified).
 */
static void feed_cjk(struct wrap *w, const char *s, size_t n)
{
	size_t j = 0;

	while (j < n) {
		int32_t cp;
		size_t k = next_cp(s + j, n - j, &cp);
		unsigned c = (unsigned)cp;

		if (w->in_word && w->unit && (is_cjk(c) || is_cjk(w->unit_last)) &&
		    !cjk_no_break_before(c) && !cjk_no_break_after(w->unit_last)) {
			w->in_word = 0;
			w->nosp = 1;
		}
		word_add(w, s + j, k, k, c, c, cp_width(cp));
		j += k;
	}
}

/* Does s[0..n) hold a character from U+3000 up (lead bytes 0xE3 and up)? */
static int has_cjk(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0xE3)
			return 1;
	return 0;
}

static void feed(struct wrap *w, const char *s, size_t n, enum mode mode)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned width, first, last;
		int32_t cp;
		size_t k;

		/* a space between words ends the word, the common case */
		if (c == ' ' && mode == M_TEXT) {
			w->in_word = 0;
			i++;
			continue;
		}
		if (mode == M_TEXT && !w->in_word &&
		    (k = fill_words(w, s + i, n - i, i)) > 0) {
			i += k;
			continue;
		}
		k = plain_run(s + i, n - i, &width, &first, &last);
		if (k && mode == M_TEXT &&
		    ((w->in_word && w->unit && w->unit_last >= 0x2E80) ||
		     has_cjk(s + i, k))) {
			feed_cjk(w, s + i, k);
			i += k;
			continue;
		}
		if (k) {
			word_add(w, s + i, k, n - i, first, last, width);
			i += k;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (mode == M_TEXT)
				w->in_word = 0;
			else
				word_add(w, " ", 1, 1, ' ', ' ', 1);
			i++;
			continue;
		}
		k = next_cp(s + i, n - i, &cp);
		if (cp == 0x2028 || cp == 0x2029) {
			if (mode == M_TEXT)
				w->in_word = 0;
			else
				word_add(w, " ", 1, 1, ' ', ' ', 1);
		} else {
			/* a control, C1, or bytes that are not UTF-8 */
			word_add(w, REPLACEMENT, 3, 3, 0xFFFD, 0xFFFD, 1);
		}
		i += k;
	}
}

void wrap_begin(struct wrap *w, const struct wrap_str *before,
		const struct wrap_str *first, const struct wrap_str *rest)
{
	static const struct wrap_str none = { "", 0, 0 };

	w->before = before ? *before : none;
	w->first = first ? *first : none;
	w->rest = rest ? *rest : none;
	w->lines = 0;
	w->max_line = w->max_unit = 0;
	w->line_open = 0;
	w->unit = w->unit_sep = w->in_word = 0;
	w->unit_brk = w->nosp = 0;
	w->tent = 0;
	w->line_w = w->unit_w = 0;
	w->open = 1;
}

void wrap_text(struct wrap *w, const char *s, size_t n)
{
	feed(w, s, n, M_TEXT);
}

void wrap_verbatim(struct wrap *w, const char *s, size_t n)
{
	feed(w, s, n, M_VERBATIM);
}

void wrap_attach(struct wrap *w, const char *s, size_t n)
{
	/* the unit goes on: no space, no break before s */
	if (w->unit)
		w->in_word = 1;
	feed(w, s, n, M_VERBATIM);
}

void wrap_break(struct wrap *w)
{
	place(w);
	w->in_word = 0;
	if (!w->line_open)
		open_line(w);
	close_line(w);
}

size_t wrap_end(struct wrap *w)
{
	if (!w->open)
		return w->lines;
	place(w);
	w->in_word = 0;
	if (w->line_open)
		close_line(w);
	w->open = 0;
	return w->lines;
}

unsigned wrap_width(const char *s, size_t n)
{
	unsigned width = 0;
	size_t i = 0;

	while (i < n) {
		int32_t cp;

		if ((unsigned char)s[i] < 0x80) {
			width++;
			i++;
			continue;
		}
		i += next_cp(s + i, n - i, &cp);
		width += cp == 0xFFFD ? 1 : cp_width(cp);
	}
	return width;
}

void wrap_clean(struct buf *out, const char *s, size_t n, int keep_tabs)
{
	size_t i = 0, start = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t k;

		if ((c >= 0x20 && c < 0x7F) || c == '\n' || (c == '\t' && keep_tabs)) {
			i++;
			continue;
		}
		if (c == '\t') {
			buf_add(out, s + start, i - start);
			buf_addc(out, ' ');
			start = ++i;
			continue;
		}
		if (c == '\r' && i + 1 < n && s[i + 1] == '\n') {
			/* CRLF: the line end is the LF */
			buf_add(out, s + start, i - start);
			start = ++i;
			continue;
		}
		k = next_cp(s + i, n - i, &cp);
		if (cp == 0xFFFD) {
			buf_add(out, s + start, i - start);
			buf_adds(out, REPLACEMENT);
			start = i + k;
		}
		i += k;
	}
	buf_add(out, s + start, n - start);
}
