/*
 * typo.c - per-language typography of text runs.  See typo.h for the rules.
 *
 * One pass over each run.  Bytes that no rule can touch are found through
 * a 256-entry class table and copied in spans with one buf_add(); only the
 * few trigger bytes (quotes, French punctuation, the 'w' of "www.", the
 * lead bytes of « » and the curly quotes) stop the scan.  The previous
 * character is recomputed from the end of each span, so the plain text
 * between triggers is never decoded.  Spaces are not triggers either,
 * though French replaces them: a punctuation looks back for the spaces
 * just before it, which this call copied to out unchanged.  The same scan
 * notes whether the run may hold a digit: only then is it read again for
 * numbers to keep whole.  typo_run() copies nothing until a rule changes
 * something, so that a run no rule touches is given back as it came.
 */
#include "typo.h"
#include "buf.h"
#include "numbers.h"

#include <limits.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define TYPO_AVX2 1	/* thirty-two bytes a test where the CPU has AVX2 */
#endif

#define END_CP UINT_MAX		/* "next" past the end of the run */

#define NNBSP 0x202Fu
#define NBSP 0x00A0u
#define LAQUO 0x00ABu
#define RAQUO 0x00BBu
#define RSQUO 0x2019u

struct rules {
	unsigned open1, close1;	/* the language's quotes */
	unsigned open2, close2;	/* quotes inside quotes */
	unsigned char fr;	/* French spacing */
	unsigned char apos;	/* ' between letters -> ’ */
};

static const struct rules rules_of[] = {
	[TYPO_LANG_NONE] = { 0, 0, 0, 0, 0, 0 },
	[TYPO_LANG_OTHER] = { 0x201C, 0x201D, 0x2018, 0x2019, 0, 0 },
	[TYPO_LANG_FR] = { LAQUO, RAQUO, 0x201C, 0x201D, 1, 1 },
	[TYPO_LANG_EN] = { 0x201C, 0x201D, 0x2018, 0x2019, 0, 1 },
	[TYPO_LANG_DE] = { 0x201E, 0x201C, 0x201A, 0x2018, 0, 1 },
	[TYPO_LANG_NL] = { 0x201C, 0x201D, 0x2018, 0x2019, 0, 1 },
	[TYPO_LANG_TR] = { 0x201C, 0x201D, 0x2018, 0x2019, 0, 1 },
	/* U+00AB/BB are bidi-mirrored, so « opens in right-to-left text too. */
	[TYPO_LANG_AR] = { LAQUO, RAQUO, 0x201C, 0x201D, 0, 0 },
};

/* Byte classes: which bytes may need a rule, by kind of language. */
enum {
	K_ALL = 1,	/* " ' : in every language */
	K_FR = 2,	/* ; ! ? %, French only */
	K_W = 4,	/* w W: maybe "www." */
	K_LEAD = 8,	/* lead byte of « » or a curly quote */
	K_DIGIT = 16,	/* never a stop: 0-9, and 0xD9 0xDB (Arabic digits) */
};

static const unsigned char byte_class[256] = {
	['"'] = K_ALL, ['\''] = K_ALL, [':'] = K_ALL,
	[';'] = K_FR, ['!'] = K_FR, ['?'] = K_FR, ['%'] = K_FR,
	['w'] = K_W, ['W'] = K_W,
	[0xC2] = K_LEAD, [0xE2] = K_LEAD,
	['0' ... '9'] = K_DIGIT, [0xD9] = K_DIGIT, [0xDB] = K_DIGIT,
};

/* One call of typo_text(). */
struct run {
	struct typo *t;
	const struct rules *r;
	struct buf *out;
	const unsigned char *s;
	size_t n;
	size_t i;	/* the byte being looked at */
	size_t span;	/* s[span..i) is plain text not yet appended */
	/*
	 * s[clean..span) is what out ends with, copied unchanged, so spaces
	 * there can be taken back.  Spaces from an earlier call are out of
	 * reach: the caller may have appended markup after them.
	 */
	size_t clean;
	/*
	 * Not 0 when the run may hold a digit (K_DIGIT): gathered as the
	 * scan passes bytes over, so that a run without one, most runs,
	 * is not read again for numbers.
	 */
	unsigned digits;
	/*
	 * Not 0 while nothing is appended to out and s[0..span) stands for
	 * what would be (typo_run()): a run that needs no change is never
	 * copied.
	 */
	int lazy;
};

/* The code point at s[0..n) and its length; invalid UTF-8 is U+FFFD, 1 byte. */
static size_t decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0], v;
	size_t len, k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, v = c & 0x07;
	else
		goto bad;
	if (len > n)
		goto bad;
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (s[k] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		goto bad;
	*cp = v;
	return len;
bad:
	*cp = 0xFFFD;
	return 1;
}

/* The last code point of s[0..n), n > 0. */
static unsigned last_cp(const unsigned char *s, size_t n)
{
	size_t k = n - 1;
	unsigned cp;

	if (s[k] < 0x80)
		return s[k];
	while (k > 0 && n - k < 4 && (s[k] & 0xC0) == 0x80)
		k--;
	if (decode(s + k, n - k, &cp) != n - k)
		return 0xFFFD;
	return cp;
}

static int is_space(unsigned cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	/* The Zs characters besides U+0020. */
	return cp == NBSP || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == NNBSP || cp == 0x205F || cp == 0x3000;
}

static int is_digit(unsigned cp)
{
	return cp >= '0' && cp <= '9';
}

/* Letters, and combining marks since they belong to the letter before. */
static int is_letter(unsigned cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	if (cp > 0x10FFFF)
		return 0;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

static int is_word(unsigned cp)
{
	return is_digit(cp) || is_letter(cp);
}

static int is_dash(unsigned cp)
{
	return cp == '-' || (cp >= 0x2010 && cp <= 0x2015);
}

static int is_opening(unsigned cp)
{
	switch (cp) {
	case '(': case '[': case '{':
	case LAQUO: case 0x2039: case 0x201C: case 0x201E: case 0x2018: case 0x201A:
		return 1;
	}
	return 0;
}

/* After prev, a straight " opens a quotation. */
static int opens_after(unsigned prev)
{
	return prev == 0 || is_space(prev) || is_dash(prev) || is_opening(prev);
}

/*
 * Before next, a " that could open closes when a quote is open: it is a
 * closing quote with a stray space before it (" Bonjour ", the way French
 * writers type quotes when they have no « »).
 */
static int closes_before(unsigned next)
{
	if (next == END_CP)
		return 1;	/* "Bonjour " at the end of a run or block */
	return is_space(next) ||
	       (next > 0 && next < 0x80 && strchr(".,;:!?)]}", (int)next));
}

static int is_fr_punct(unsigned cp)
{
	return cp == ';' || cp == ':' || cp == '!' || cp == '?';
}

static unsigned peek(const struct run *r, size_t j)
{
	unsigned cp;

	if (j >= r->n)
		return END_CP;
	decode(r->s + j, r->n - j, &cp);
	return cp;
}

static unsigned space_nbsp(const struct typo *t)
{
	return (t->flags & TYPO_NO_NBSP) ? ' ' : NBSP;
}

static unsigned space_nnbsp(const struct typo *t)
{
	if (t->flags & TYPO_NO_NBSP)
		return ' ';
	return (t->flags & TYPO_NO_NNBSP) ? NBSP : NNBSP;
}

/* Append the plain text s[span..i). */
static void run_flush(struct run *r)
{
	if (r->i > r->span) {
		if (!r->lazy)
			buf_add(r->out, r->s + r->span, r->i - r->span);
		r->t->prev = last_cp(r->s + r->span, r->i - r->span);
		r->t->after_verbatim = 0;
	}
	r->span = r->i;
}

/* Something changes: out gets what s[0..span) stood for until now. */
static void run_copy(struct run *r)
{
	if (r->lazy) {
		r->lazy = 0;
		buf_add(r->out, r->s, r->span);
	}
}

/* Append cp in place of what is at s[i] (the caller moves past it). */
static void run_put(struct run *r, unsigned cp)
{
	run_copy(r);
	buf_addcp(r->out, cp);
	r->t->prev = cp;
	r->t->after_verbatim = 0;
	r->clean = r->i;
}

/* The length in bytes of the spaces that end s[lo..j). */
static size_t spaces_before(const unsigned char *s, size_t lo, size_t j)
{
	size_t end = j, k;
	unsigned cp;

	while (j > lo) {
		if (s[j - 1] < 0x80) {
			if (!is_space(s[j - 1]))
				break;
			j--;
			continue;
		}
		for (k = j - 1; k > lo && j - k < 4 && (s[k] & 0xC0) == 0x80; k--)
			;
		if (decode(s + k, j - k, &cp) != j - k || !is_space(cp))
			break;
		j = k;
	}
	return end - j;
}

/* Past the spaces from s[i]. */
static size_t skip_spaces(const struct run *r, size_t j)
{
	unsigned cp;
	size_t len;

	while (j < r->n) {
		len = decode(r->s + j, r->n - j, &cp);
		if (!is_space(cp))
			break;
		j += len;
	}
	return j;
}

/*
 * Drop the spaces after a « and its no-break space, here and, when the run
 * ends first, at the start of the next one.
 */
static void eat_spaces(struct run *r)
{
	size_t j = skip_spaces(r, r->i);

	if (j != r->i)
		run_copy(r);
	r->i = r->span = r->clean = j;
	r->t->eat_space = r->i == r->n;
}

/*
 * A URL starts at or before s[i]: leave everything up to the next space as
 * it is, and remember when it runs past the end of this run.
 */
static void url(struct run *r)
{
	unsigned cp;
	size_t j = r->i, len;

	run_flush(r);
	while (j < r->n) {
		len = decode(r->s + j, r->n - j, &cp);
		if (is_space(cp))
			break;
		j += len;
	}
	r->i = j;	/* s[span..j) goes out with the next flush */
	r->digits = 1;	/* not looked at: it may hold a number */
	r->t->in_url = j == r->n;
	r->t->eat_space = 0;
}

/* Is the word just before s[i] (in this run) a URL scheme? */
static int scheme_before(const struct run *r)
{
	static const struct {
		const char *s;
		size_t n;
	} schemes[] = {
		{ "http", 4 }, { "https", 5 }, { "ftp", 3 }, { "mailto", 6 },
		{ "tel", 3 }, { "file", 4 },
	};
	size_t k = r->i, len, m, q;

	while (k > 0 && r->i - k < 7 && r->s[k - 1] < 0x80 &&
	       is_letter(r->s[k - 1]))
		k--;
	len = r->i - k;
	if (len < 3 || (k > 0 && r->s[k - 1] < 0x80 && is_word(r->s[k - 1])))
		return 0;
	for (m = 0; m < sizeof(schemes) / sizeof(schemes[0]); m++) {
		if (schemes[m].n != len)
			continue;
		for (q = 0; q < len; q++)
			if ((r->s[k + q] | 0x20) != (unsigned char)schemes[m].s[q])
				break;
		if (q == len)
			return 1;
	}
	return 0;
}

/*
 * French: the no-break space sp goes before s[i], s[span..i) flushed;
 * replace the spaces this call just appended, or add one when insert says
 * so.
 */
static void fr_space_before(struct run *r, unsigned sp, int insert)
{
	size_t k = spaces_before(r->s, r->clean, r->i);

	if (k) {
		run_copy(r);
		buf_setlen(r->out, r->out->len - k);
		run_put(r, sp);
	} else if (insert) {
		run_put(r, sp);
	}
}

/* French ; : ! ? % at s[i]; s[span..i) already flushed. */
static void fr_punct(struct run *r, unsigned cp)
{
	struct typo *t = r->t;
	unsigned prev = t->prev, next = peek(r, r->i + 1);
	int insert = 1;

	if (prev == 0 || is_space(prev) || is_opening(prev))
		insert = 0;	/* nothing to attach to */
	else if (t->after_verbatim &&
		 (cp == '%' || !(next == END_CP || is_space(next))))
		insert = 0;	/* code glued to what follows: leave it; but
				 * "`code`: text" is spaced as "*mot*: text" */
	else if (is_fr_punct(cp) && (is_fr_punct(prev)))
		insert = 0;	/* "?!": one space, before the first */
	else if (cp == ':' && (is_word(next) || next == ':' || next == '/' ||
			       next == '\\'))
		insert = 0;	/* 14:30, 3:1, std::, C:\ are not punctuation */
	else if (cp == ':' && scheme_before(r))
		insert = 0;	/* "http:" */
	fr_space_before(r, cp == ';' || cp == '!' || cp == '?' ?
			space_nnbsp(t) : space_nbsp(t), insert);
	run_put(r, cp);
	r->i++;
	r->span = r->i;
}

/* An opening quote cp (typed or converted) at s[i], of len bytes. */
static void open_quote(struct run *r, unsigned cp, size_t len)
{
	run_put(r, cp);
	r->i += len;
	r->span = r->i;
	if (r->r->fr && cp == LAQUO) {
		run_put(r, space_nbsp(r->t));
		eat_spaces(r);
	}
}

/* A closing quote cp (typed or converted) at s[i], of len bytes. */
static void close_quote(struct run *r, unsigned cp, size_t len)
{
	unsigned prev = r->t->prev;

	/* Quotes around code keep their spaces: no after_verbatim test. */
	if (r->r->fr && cp == RAQUO)
		fr_space_before(r, space_nbsp(r->t), !(prev == 0 || is_space(prev)));
	run_put(r, cp);
	r->i += len;
	r->span = r->i;
}

/* A straight " at s[i]; s[span..i) already flushed. */
static void straight_dquote(struct run *r)
{
	struct typo *t = r->t;
	const struct rules *q = r->r;

	if (opens_after(t->prev) && !(t->depth > 0 && closes_before(peek(r, r->i + 1)))) {
		open_quote(r, t->depth % 2 ? q->open2 : q->open1, 1);
		t->depth++;
	} else if (t->depth > 0) {
		t->depth--;
		close_quote(r, t->depth % 2 ? q->close2 : q->close1, 1);
	} else {
		r->i++;	/* nothing open: inches or a stray mark, keep it */
	}
}

/* A straight ' at s[i]; s[span..i) already flushed. */
static void straight_squote(struct run *r)
{
	unsigned next = peek(r, r->i + 1);

	if (r->r->apos && is_letter(r->t->prev) &&
	    (next == END_CP || is_letter(next))) {
		run_put(r, RSQUO);
		r->span = ++r->i;
	} else {
		r->i++;
	}
}

static void colon(struct run *r)
{
	if ((r->i + 2 < r->n && r->s[r->i + 1] == '/' && r->s[r->i + 2] == '/') ||
	    (scheme_before(r) && r->i + 1 < r->n && !is_space(peek(r, r->i + 1)))) {
		url(r);
		return;
	}
	if (r->r->fr)
		fr_punct(r, ':');
	else
		r->i++;
}

static void maybe_www(struct run *r)
{
	const unsigned char *p = r->s + r->i;
	unsigned prev;

	if (r->n - r->i < 4 || (p[0] | 0x20) != 'w' || (p[1] | 0x20) != 'w' ||
	    (p[2] | 0x20) != 'w' || p[3] != '.') {
		r->i++;
		return;
	}
	run_flush(r);
	prev = r->t->prev;
	if (is_word(prev) || prev == '.' || prev == '/' || prev == '@' || prev == '-')
		r->i++;
	else
		url(r);
}

/* A lead byte at s[i] of something that may be « » or a curly quote. */
static void lead(struct run *r)
{
	struct typo *t = r->t;
	unsigned cp;
	size_t len = decode(r->s + r->i, r->n - r->i, &cp);

	if (cp == r->r->open1) {
		t->depth++;
		if (r->r->fr) {
			run_flush(r);
			open_quote(r, cp, len);
		} else {
			r->i += len;
		}
	} else if (cp == r->r->close1) {
		if (t->depth > 0)
			t->depth--;
		if (r->r->fr) {
			run_flush(r);
			close_quote(r, cp, len);
		} else {
			r->i += len;
		}
	} else {
		r->i += len;
	}
}

enum typo_lang typo_lang_of(const char *lang)
{
	static const struct {
		char tag[3];
		enum typo_lang lang;
	} known[] = {
		{ "fr", TYPO_LANG_FR }, { "en", TYPO_LANG_EN },
		{ "de", TYPO_LANG_DE }, { "nl", TYPO_LANG_NL },
		{ "tr", TYPO_LANG_TR }, { "ar", TYPO_LANG_AR },
	};
	size_t len = 0, k;

	if (!lang)
		return TYPO_LANG_NONE;
	while (lang[len] && lang[len] != '-' && lang[len] != '_')
		len++;
	if (len == 0)
		return TYPO_LANG_NONE;
	/* zxx: "no linguistic content", nothing to set in type. */
	if (len == 3 && (lang[0] | 0x20) == 'z' && (lang[1] | 0x20) == 'x' &&
	    (lang[2] | 0x20) == 'x')
		return TYPO_LANG_NONE;
	if (len == 2)
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if ((lang[0] | 0x20) == known[k].tag[0] &&
			    (lang[1] | 0x20) == known[k].tag[1])
				return known[k].lang;
	return TYPO_LANG_OTHER;
}

int typo_needed(const char *lang)
{
	return typo_lang_of(lang) != TYPO_LANG_NONE;
}

void typo_init_lang(struct typo *t, enum typo_lang lang, unsigned flags)
{
	t->lang = lang;
	t->flags = flags;
	t->nums = NULL;
	t->nums_lang = NULL;
	typo_block(t);
}

void typo_init(struct typo *t, const char *lang, unsigned flags)
{
	typo_init_lang(t, typo_lang_of(lang), flags);
}

void typo_block(struct typo *t)
{
	t->prev = 0;
	t->depth = 0;
	t->after_verbatim = 0;
	t->eat_space = 0;
	t->in_url = 0;
}

#ifdef __SSE2__
/*
 * Which of the 16 bytes at u a rule looks at, one bit each; *digits gets
 * a bit for each K_DIGIT byte among them.
 */
static inline unsigned stops16(const unsigned char *u, int fr,
			       unsigned *digits)
{
	/*
	 * Pairs of stops one bit apart share a test: v | 0x20 is 0xE2 for
	 * 0xC2 and 0xE2 (and 'w' for w and W), v | 1 is ';' for ':' and
	 * ';', v | 4 is '%' for '!' and '%'.
	 */
	const __m128i dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\''),
		colon = _mm_set1_epi8(':'), low = _mm_set1_epi8(0x20),
		w = _mm_set1_epi8('w'), e2 = _mm_set1_epi8((char)0xE2),
		one = _mm_set1_epi8(1), semi = _mm_set1_epi8(';'),
		four = _mm_set1_epi8(4), pct = _mm_set1_epi8('%'),
		quest = _mm_set1_epi8('?'), nine = _mm_set1_epi8(9),
		zero = _mm_set1_epi8('0'), two = _mm_set1_epi8(2),
		db = _mm_set1_epi8((char)0xDB);
	__m128i v = _mm_loadu_si128((const __m128i *)u);
	__m128i vl = _mm_or_si128(v, low), d = _mm_sub_epi8(v, zero);
	__m128i m = _mm_or_si128(
		_mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq)),
		_mm_cmpeq_epi8(vl, e2));
	unsigned ws = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(vl, w));

	/* 0-9, and v | 2 is 0xDB for 0xD9 and 0xDB (0xDA too: a guess) */
	*digits |= (unsigned)_mm_movemask_epi8(_mm_or_si128(
		_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d),
		_mm_cmpeq_epi8(_mm_or_si128(v, two), db)));

	if (fr)
		m = _mm_or_si128(m, _mm_or_si128(
			_mm_cmpeq_epi8(_mm_or_si128(v, one), semi),
			_mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(v, four), pct),
				     _mm_cmpeq_epi8(v, quest))));
	else
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, colon));
	/*
	 * A w matters only before another ("www."): a lone one (with, wie,
	 * wat) is passed over here, as the caller would.  The last byte's w
	 * is kept, its next byte being in the next block.
	 */
	return (unsigned)_mm_movemask_epi8(m) | (ws & ((ws >> 1) | 0x8000u));
}
#endif

#ifdef TYPO_AVX2
/*
 * The constants of stops32(), in memory: as operands of the compares
 * they cost nothing, where sixteen registers cannot hold them all and
 * building them again in the loop costs three instructions each.
 */
enum { S_DQ, S_SQ, S_COLON, S_LOW, S_W, S_E2, S_ONE, S_SEMI, S_FOUR, S_PCT,
       S_QUEST, S_NINE, S_ZERO, S_TWO, S_DB, S_COUNT };

static const unsigned char stop32_k[S_COUNT][32] __attribute__((aligned(32))) = {
	[S_DQ] = { [0 ... 31] = '"' }, [S_SQ] = { [0 ... 31] = '\'' },
	[S_COLON] = { [0 ... 31] = ':' }, [S_LOW] = { [0 ... 31] = 0x20 },
	[S_W] = { [0 ... 31] = 'w' }, [S_E2] = { [0 ... 31] = 0xE2 },
	[S_ONE] = { [0 ... 31] = 1 }, [S_SEMI] = { [0 ... 31] = ';' },
	[S_FOUR] = { [0 ... 31] = 4 }, [S_PCT] = { [0 ... 31] = '%' },
	[S_QUEST] = { [0 ... 31] = '?' }, [S_NINE] = { [0 ... 31] = 9 },
	[S_ZERO] = { [0 ... 31] = '0' }, [S_TWO] = { [0 ... 31] = 2 },
	[S_DB] = { [0 ... 31] = 0xDB },
};

/* stops16() for the 32 bytes at u, one bit each. */
__attribute__((target("avx2")))
static inline unsigned stops32(const unsigned char *u, int fr,
			       unsigned *digits)
{
#define K(c) _mm256_load_si256((const __m256i *)k[c])
	const unsigned char (*k)[32] = stop32_k;
	__m256i v = _mm256_loadu_si256((const __m256i *)u), vl, d, m;
	unsigned ws;

	/* the compiler must not see through k: it would build each
	 * constant in a register again, inside the loop */
	__asm__("" : "+r"(k));
	vl = _mm256_or_si256(v, K(S_LOW));
	d = _mm256_sub_epi8(v, K(S_ZERO));
	m = _mm256_or_si256(
		_mm256_or_si256(_mm256_cmpeq_epi8(v, K(S_DQ)),
				_mm256_cmpeq_epi8(v, K(S_SQ))),
		_mm256_cmpeq_epi8(vl, K(S_E2)));
	ws = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(vl, K(S_W)));
	*digits |= (unsigned)_mm256_movemask_epi8(_mm256_or_si256(
		_mm256_cmpeq_epi8(_mm256_min_epu8(d, K(S_NINE)), d),
		_mm256_cmpeq_epi8(_mm256_or_si256(v, K(S_TWO)), K(S_DB))));
	if (fr)
		m = _mm256_or_si256(m, _mm256_or_si256(
			_mm256_cmpeq_epi8(_mm256_or_si256(v, K(S_ONE)), K(S_SEMI)),
			_mm256_or_si256(
				_mm256_cmpeq_epi8(_mm256_or_si256(v, K(S_FOUR)), K(S_PCT)),
				_mm256_cmpeq_epi8(v, K(S_QUEST)))));
	else
		m = _mm256_or_si256(m, _mm256_cmpeq_epi8(v, K(S_COLON)));
#undef K
	return (unsigned)_mm256_movemask_epi8(m) |
	       (ws & ((ws >> 1) | 0x80000000u));
}

/* skip_plain() thirty-two bytes a test, for n - i >= 32. */
__attribute__((target("avx2")))
static size_t skip_plain32(const unsigned char *u, size_t i, size_t n, int fr,
			   unsigned *digits)
{
	unsigned bits;

	while (i + 32 <= n) {
		bits = stops32(u + i, fr, digits);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
		i += 32;
	}
	if (i < n) {
		bits = stops32(u + n - 32, fr, digits) >> (32 - (n - i));
		return bits ? i + (size_t)__builtin_ctz(bits) : n;
	}
	return i;
}
#endif

/*
 * From i, skip bytes no rule looks at (byte_class & mask is 0), many at a
 * time; the caller finishes byte by byte.  With SSE2, sixteen a test, the
 * last ones too when the text holds sixteen: those of the text's last
 * block from i on.  *digits is not 0 when a byte read may be a digit
 * (bytes before i or after the stop may be counted: a guess, never a
 * miss).
 */
static size_t skip_plain(const unsigned char *u, size_t i, size_t n,
			 unsigned mask, unsigned *digits)
{
#ifdef __SSE2__
	int fr = (mask & K_FR) != 0;
	unsigned bits;

#ifdef TYPO_AVX2
	if (n - i >= 32 && __builtin_cpu_supports("avx2"))
		return skip_plain32(u, i, n, fr, digits);
#endif
	while (i + 16 <= n) {
		bits = stops16(u + i, fr, digits);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
		i += 16;
	}
	if (i < n && n >= 16) {
		bits = stops16(u + n - 16, fr, digits) >> (16 - (n - i));
		return bits ? i + (size_t)__builtin_ctz(bits) : n;
	}
#else
	const unsigned char *b = byte_class;
	unsigned c;

	while (i + 4 <= n &&
	       !((c = b[u[i]] | b[u[i + 1]] | b[u[i + 2]] | b[u[i + 3]]) & mask)) {
		*digits |= c & K_DIGIT;
		i += 4;
	}
#endif
	return i;
}

/* The digit 0-9 in any of the scripts SPEC 13 reads (Western,
 * Arabic-Indic, Eastern Arabic-Indic). */
static int any_digit(unsigned cp)
{
	return is_digit(cp) || (cp >= 0x0660 && cp <= 0x0669) ||
	       (cp >= 0x06F0 && cp <= 0x06F9);
}

/*
 * Is u[i] a digit followed by a space: an ASCII digit before U+0020,
 * U+00A0 or U+202F, or an Arabic-Indic or Eastern Arabic-Indic digit
 * (two bytes) before U+0020?
 */
static int digit_space_at(const unsigned char *u, size_t n, size_t i)
{
	unsigned c = u[i];

	if (c - '0' < 10u)
		return (i + 1 < n && u[i + 1] == ' ') ||
		       (i + 2 < n && u[i + 1] == 0xC2 && u[i + 2] == 0xA0) ||
		       (i + 3 < n && u[i + 1] == 0xE2 && u[i + 2] == 0x80 &&
			u[i + 3] == 0xAF);
	return i + 2 < n && u[i + 2] == ' ' &&
	       ((c == 0xD9 && u[i + 1] - 0xA0u < 10u) ||
		(c == 0xDB && u[i + 1] - 0xB0u < 10u));
}

#ifdef __SSE2__
/*
 * The bytes among the 16 at u[0..16) where digit_space_at() may hold, one
 * bit each (u[0..18) is read): an ASCII digit before a space or the lead
 * byte of a no-break space, an Arabic digit before a space.  Most blocks
 * hold no digit and no 0xD9 or 0xDB: they are passed over first.
 */
static inline unsigned digit_space16(const unsigned char *u)
{
	const __m128i nine = _mm_set1_epi8(9);
	__m128i a = _mm_loadu_si128((const __m128i *)u), b, c, ad, ed, arabic;
	__m128i d = _mm_sub_epi8(a, _mm_set1_epi8('0'));
	__m128i dig = _mm_cmpeq_epi8(_mm_min_epu8(d, nine), d);
	/* v | 2 is 0xDB for 0xD9 and 0xDB (and 0xDA, checked below) */
	__m128i lead = _mm_cmpeq_epi8(_mm_or_si128(a, _mm_set1_epi8(2)),
				      _mm_set1_epi8((char)0xDB));

	if (!_mm_movemask_epi8(_mm_or_si128(dig, lead)))
		return 0;
	/* Arabic text has 0xD9 everywhere: its digits are looked for next */
	b = _mm_loadu_si128((const __m128i *)(u + 1));
	ad = _mm_sub_epi8(b, _mm_set1_epi8((char)0xA0));
	ed = _mm_sub_epi8(b, _mm_set1_epi8((char)0xB0));
	arabic = _mm_and_si128(lead, _mm_or_si128(
		_mm_cmpeq_epi8(_mm_min_epu8(ad, nine), ad),
		_mm_cmpeq_epi8(_mm_min_epu8(ed, nine), ed)));
	if (!_mm_movemask_epi8(_mm_or_si128(dig, arabic)))
		return 0;
	c = _mm_loadu_si128((const __m128i *)(u + 2));
	/* v | 0x20 is 0xE2 for 0xC2 and 0xE2 */
	dig = _mm_and_si128(dig, _mm_or_si128(
		_mm_cmpeq_epi8(b, _mm_set1_epi8(' ')),
		_mm_cmpeq_epi8(_mm_or_si128(b, _mm_set1_epi8(0x20)),
			       _mm_set1_epi8((char)0xE2))));
	arabic = _mm_and_si128(arabic, _mm_cmpeq_epi8(c, _mm_set1_epi8(' ')));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(dig, arabic));
}
#endif

/*
 * Does u[0..n) hold a digit followed by a space (digit_space_at())?  Only
 * then may a number there be written in several pieces.  One pass, and
 * little work for most runs of text, which hold no digit at all.
 */
static int digit_then_space(const unsigned char *u, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	unsigned bits;

	for (; n >= 18; i += 16) {
		/* the last block ends at n - 2: u[n - 2] is left, u[n - 1]
		 * has nothing after it */
		if (i + 18 > n)
			i = n - 18;
		for (bits = digit_space16(u + i); bits; bits &= bits - 1)
			if (digit_space_at(u, n, i + (size_t)__builtin_ctz(bits)))
				return 1;
		if (i + 18 == n) {
			i = n - 2;
			break;
		}
	}
#endif
	for (; i < n; i++)
		if (((unsigned)(u[i] - '0') < 10u || (u[i] | 2) == 0xDB) &&
		    digit_space_at(u, n, i))
			return 1;
	return 0;
}

/* The language numbers_scan() reads a page of t's language in. */
static const char *num_lang(enum typo_lang l)
{
	switch (l) {
	case TYPO_LANG_FR: return "fr";
	case TYPO_LANG_DE: return "de";
	case TYPO_LANG_NL: return "nl";
	case TYPO_LANG_TR: return "tr";
	case TYPO_LANG_AR: return "ar";
	default: return "en";
	}
}

/*
 * One number stays whole on a line: in out[from..), the spaces inside each
 * number SPEC 13 reads (digit groups "1 000", a number and its unit
 * "500 mg", a time "14 h 30") become no-break ones: between two digits
 * the language's group separator (U+202F in French, U+00A0 elsewhere),
 * anywhere else U+00A0, the one a phone number's groups take too.
 */
static void join_numbers(struct typo *t, struct buf *out, size_t from)
{
	struct num_list own = NUM_LIST_INIT, *nl = t->nums ? t->nums : &own;
	const unsigned char *u;
	struct buf tail = BUF_INIT;
	size_t n = out->len - from, i, k, done = 0;
	unsigned group = t->lang == TYPO_LANG_FR ? space_nnbsp(t) : space_nbsp(t);

	nl->n = 0;
	/* may_join() found a digit before a space: no second look for one */
	numbers_scan_unchecked(nl, out->buf + from, n, num_lang(t->lang));
	u = (const unsigned char *)out->buf + from;
	for (k = 0; k < nl->n; k++) {
		const struct num_token *tok = &nl->v[k];
		size_t end = tok->off + tok->len;

		if (end > n)
			continue;
		for (i = tok->off; i < end; ) {
			unsigned cp, before, after;
			size_t len = decode(u + i, n - i, &cp), j;

			if (!is_space(cp) || i == tok->off) {
				i += len;
				continue;
			}
			for (j = i + len; j < end; j += len) {
				len = decode(u + j, n - j, &after);
				if (!is_space(after))
					break;
			}
			if (j >= end)
				break;
			before = last_cp(u, i);
			buf_add(&tail, (const char *)u + done, i - done);
			buf_addcp(&tail, tok->kind != NUM_PHONE &&
				  any_digit(before) && any_digit(after) ?
				  group : space_nbsp(t));
			done = i = j;
		}
	}
	if (done) {
		buf_add(&tail, (const char *)u + done, n - done);
		buf_setlen(out, from);
		buf_add(out, tail.buf, tail.len);
	} else if (t->nums) {
		t->nums_lang = num_lang(t->lang);	/* the text as read */
	}
	buf_release(&tail);
	num_list_release(&own);
}

/*
 * May the text u[0..n) (digits: the scan's guess that it holds a digit)
 * hold a number in pieces?  No digit in a run, none in what it became.
 */
static int may_join(unsigned digits, const char *u, size_t n)
{
	return n && digits && digit_then_space((const unsigned char *)u, n);
}

/*
 * Convert s[0..n) into out; with lazy, only when something changes.
 * Returns 1 when the text is in out, from its length on entry, 0 when it
 * is s as it is.
 */
static int convert(struct typo *t, struct buf *out, const char *s, size_t n,
		   int lazy)
{
	struct run r;
	unsigned mask;
	size_t from = out->len;

	t->nums_lang = NULL;
	r.t = t;
	r.r = &rules_of[t->lang];
	r.out = out;
	r.s = (const unsigned char *)s;
	r.n = n;
	r.i = r.span = r.clean = 0;
	r.digits = 0;
	r.lazy = lazy;
	mask = K_ALL | K_W | K_LEAD | (r.r->fr ? K_FR : 0);
	/* French adds a few bytes per punctuation; one growth in the usual case. */
	buf_grow(out, n + n / 8 + 8);

	if (t->in_url)
		url(&r);
	if (t->eat_space)
		eat_spaces(&r);
	while (r.i < n) {
		const unsigned char *u = r.s, *b = byte_class;
		size_t i = r.i;
		unsigned char c;
		unsigned k;

		i = skip_plain(u, i, n, mask, &r.digits);
		while (i < n && !(b[u[i]] & mask))
			r.digits |= b[u[i++]] & K_DIGIT;
		r.i = i;
		if (i >= n)
			break;
		c = u[i];
		k = b[c] & mask;
		if (k & K_W) {
			if (n - i >= 4 && (u[i + 1] | 0x20) == 'w')
				maybe_www(&r);
			else
				r.i++;
			continue;
		}
		if (k & K_LEAD) {
			lead(&r);
			continue;
		}
		run_flush(&r);
		switch (c) {
		case '"':
			straight_dquote(&r);
			break;
		case '\'':
			straight_squote(&r);
			break;
		case ':':
			colon(&r);
			break;
		default:	/* ; ! ? %, French only */
			fr_punct(&r, c);
			break;
		}
	}
	run_flush(&r);
	if (r.lazy) {
		if (!may_join(r.digits, s, n))
			return 0;
		run_copy(&r);
	} else if (!may_join(r.digits, out->buf + from, out->len - from)) {
		return 1;
	}
	join_numbers(t, out, from);
	return 1;
}

void typo_text(struct typo *t, struct buf *out, const char *s, size_t n)
{
	t->nums_lang = NULL;
	if (t->lang == TYPO_LANG_NONE)
		buf_add(out, s, n);
	else
		convert(t, out, s, n, 0);
}

const char *typo_run(struct typo *t, struct buf *out, const char *s, size_t n,
		     size_t *len)
{
	size_t from = out->len;

	t->nums_lang = NULL;
	if (t->lang != TYPO_LANG_NONE && convert(t, out, s, n, 1)) {
		*len = out->len - from;
		return out->buf + from;
	}
	*len = n;
	return s;
}

void typo_verbatim(struct typo *t, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k;

	t->after_verbatim = 1;
	t->eat_space = 0;
	if (n == 0)
		return;
	t->prev = last_cp(u, n);
	for (k = 0; k < n && t->in_url; k++)
		if (u[k] == ' ' || u[k] == '\t' || u[k] == '\n' || u[k] == '\r')
			t->in_url = 0;
}

int typo_no_break_before(unsigned cp)
{
	switch (cp) {
	case ';': case ':': case '!': case '?':
	case RAQUO: case 0x203A: case 0x201D: case RSQUO:
	case 0x061B: case 0x061F:	/* Arabic semicolon, question mark */
	case NBSP: case NNBSP:
		return 1;
	}
	return 0;
}

int typo_no_break_after(unsigned cp)
{
	switch (cp) {
	case LAQUO: case 0x2039: case 0x201E: case 0x201A:
	case NBSP: case NNBSP:
		return 1;
	}
	return 0;
}
