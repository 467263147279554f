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
#include "typo.h"

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
}

void wrap_release(struct wrap *w)
{
	buf_release(&w->move);
}

static unsigned cp_width(int32_t cp)
{
	int k;

	/* ASCII and U+00A0 to U+02FF (accented Latin, no combining mark
	 * before U+0300) are one column each */
	if (cp < 0x300)
		return 1;
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

static unsigned avail(const struct wrap *w)
{
	unsigned pw = w->lines ? w->rest.width : w->first.width;

	return w->width > pw ? w->width - pw : 1;
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
	if (!w->lines)
		add_str(w->out, &w->before);
	w->line_start = w->out->len;
	add_str(w->out, w->lines ? &w->rest : &w->first);
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

/*
 * The pending unit is complete: it stays on the open line when it fits,
 * else it moves to the next line (without the space before it).
 */
static void place(struct wrap *w)
{
	struct buf *out = w->out;

	if (!w->unit)
		return;
	w->unit = 0;
	if (w->unit_w > w->max_unit)
		w->max_unit = w->unit_w;
	if (!w->unit_sep || w->line_w + 1 + w->unit_w <= avail(w)) {
		w->line_w += w->unit_sep + w->unit_w;
		return;
	}
	buf_reset(&w->move);
	buf_add(&w->move, out->buf + w->unit_at, out->len - w->unit_at);
	buf_setlen(out, w->unit_at - 1);
	close_line(w);
	open_line(w);
	buf_add(out, w->move.buf, w->move.len);
	w->line_w = w->unit_w;
}

/*
 * Before the first character of a word (first: its code point): it
 * joins the pending unit, or the unit is placed and a new one starts.
 */
static void word_start(struct wrap *w, unsigned first)
{
	w->in_word = 1;
	if (w->unit && (typo_glue_after(w->unit_last) || typo_glue_before(first))) {
		buf_addc(w->out, ' ');
		w->unit_w++;
		return;
	}
	place(w);
	if (!w->line_open)
		open_line(w);
	w->unit_sep = w->out->len > w->line_start + (w->lines ? w->rest.len : w->first.len);
	if (w->unit_sep)
		buf_addc(w->out, ' ');
	w->unit_at = w->out->len;
	w->unit = 1;
	w->unit_w = 0;
}

/* Characters s[0..n) of the word being read: first, last code points. */
static void word_add(struct wrap *w, const char *s, size_t n, unsigned first,
		     unsigned last, unsigned width)
{
	if (!w->in_word)
		word_start(w, first);
	buf_add(w->out, s, n);
	w->unit_w += width;
	w->unit_last = last;
}

/* From j, past the printable ASCII but spaces (0x21 to 0x7E). */
static size_t printable_ascii(const char *s, size_t j, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
#ifdef __SSE2__
	const __m128i sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);

	while (j + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(u + j));
		/* unsigned v <= 0x20, or v >= 0x7F */
		__m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, sp), sp),
					 _mm_cmpeq_epi8(_mm_max_epu8(v, del), v));
		int bits = _mm_movemask_epi8(m);

		if (bits)
			return j + (size_t)__builtin_ctz((unsigned)bits);
		j += 16;
	}
#endif
	while (j < n && u[j] > 0x20 && u[j] < 0x7F)
		j++;
	return j;
}

/*
 * The characters that go into the word as they are, from s[0..n): printable
 * ASCII but spaces, and valid UTF-8 of any character that is not a
 * control or a line separator.  Returns their length (0: s starts with a
 * space or something to replace); *width, *first and *last describe them.
 * One run is one copy, however many accents or Arabic letters it holds.
 */
static size_t plain_run(const char *s, size_t n, unsigned *width,
			unsigned *first, unsigned *last)
{
	size_t j = 0;
	unsigned wd = 0;
	int32_t cp;

	*first = *last = 0;
	while (j < n) {
		size_t a = j, k;

		/* printable ASCII, the common case */
		j = printable_ascii(s, j, n);
		if (j > a) {
			wd += (unsigned)(j - a);
			if (!a)
				*first = (unsigned char)s[0];
			*last = (unsigned char)s[j - 1];
		}
		if (j == n || (unsigned char)s[j] < 0x80)
			break;
		k = next_cp(s + j, n - j, &cp);
		if (cp == 0xFFFD || cp == 0x2028 || cp == 0x2029)
			break;
		wd += cp_width(cp);
		if (!j)
			*first = (unsigned)cp;
		*last = (unsigned)cp;
		j += k;
	}
	*width = wd;
	return j;
}

static void feed(struct wrap *w, const char *s, size_t n, enum mode mode)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned width, first, last;
		int32_t cp;
		size_t k = plain_run(s + i, n - i, &width, &first, &last);

		if (k) {
			word_add(w, s + i, k, first, last, width);
			i += k;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (mode == M_TEXT)
				w->in_word = 0;
			else
				word_add(w, " ", 1, ' ', ' ', 1);
			i++;
			continue;
		}
		k = next_cp(s + i, n - i, &cp);
		if (cp == 0x2028 || cp == 0x2029) {
			if (mode == M_TEXT)
				w->in_word = 0;
			else
				word_add(w, " ", 1, ' ', ' ', 1);
		} else {
			/* a control, C1, or bytes that are not UTF-8 */
			word_add(w, REPLACEMENT, 3, 0xFFFD, 0xFFFD, 1);
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
