/*
 * readability.c - sentences, words, syllables, scores and bands.
 */
#include "readability.h"

#include <math.h>
#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

/*
 * Abbreviations after which a point ends no sentence: the short list of
 * each language, and those of every language (titles before a name).
 */
static const char *const abbr_all[] = { "Dr.", "Prof.", "Pr.", NULL };
static const char *const abbr_fr[] = {
	"p. ex.", "M.", "MM.", "Mme.", "cf.", "env.", "c.-à-d.", NULL
};
static const char *const abbr_en[] = {
	"e.g.", "i.e.", "Mr.", "Mrs.", "Ms.", "vs.", "approx.", NULL
};
static const char *const abbr_de[] = {
	"z. B.", "z.B.", "bzw.", "d. h.", "d.h.", "ca.", "ggf.", "evtl.", NULL
};
static const char *const abbr_nl[] = {
	"bijv.", "o.a.", "d.w.z.", "m.a.w.", "i.p.v.", "ca.", NULL
};
static const char *const abbr_tr[] = { "vb.", "vs.", "bkz.", NULL };

static const char *const *abbr_list(enum syl_lang lang)
{
	switch (lang) {
	case SYL_FR: return abbr_fr;
	case SYL_EN: return abbr_en;
	case SYL_DE: return abbr_de;
	case SYL_NL: return abbr_nl;
	case SYL_TR: return abbr_tr;
	default: return NULL;
	}
}

static int alnum_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c >= 0x80;
}

/*
 * Each point of each abbreviation of a list, found once: the abbreviation,
 * its length and the point's offset in it.
 */
struct abbr_point {
	const char *a;
	size_t len, k;
};

#define ABBR_POINTS 40
struct abbr_points {
	struct abbr_point v[ABBR_POINTS];
	size_t n;
};

static struct abbr_points abbr_pts[SYL_AR + 2];	/* last: abbr_all */

static void abbr_points_of(struct abbr_points *p, const char *const *list)
{
	for (p->n = 0; list && *list; list++) {
		size_t k, len = strlen(*list);

		for (k = 0; k < len; k++)
			if ((*list)[k] == '.' && p->n < ABBR_POINTS)
				p->v[p->n++] = (struct abbr_point){ *list, len, k };
	}
}

/* Is the point at t[i] inside one of the abbreviations of p? */
static int abbr_in(const char *t, size_t n, size_t i, const struct abbr_points *p)
{
	size_t j;

	for (j = 0; j < p->n; j++) {
		const struct abbr_point *x = &p->v[j];
		size_t s;

		if (x->k > i)
			continue;
		/* the byte before the point first: most points end here */
		if (x->k && t[i - 1] != x->a[x->k - 1])
			continue;
		s = i - x->k;
		if (s + x->len <= n && !memcmp(t + s, x->a, x->len) &&
		    (s == 0 || !alnum_byte((unsigned char)t[s - 1])))
			return 1;
	}
	return 0;
}

/*
 * The classes of the code points below U+0800 (one or two UTF-8 bytes),
 * from utf8proc once: what is_word_cp(), is_digit_cp() and is_space_cp()
 * would say.
 */
enum { CL_WORD = 1, CL_DIGIT = 2, CL_SPACE = 4 };
static unsigned char cp_class[0x800];
static pthread_once_t cp_class_once = PTHREAD_ONCE_INIT;

/*
 * What a byte says at once (byte_class[], from cp_class_init()): an ASCII
 * letter or digit, or an ASCII byte that neither continues a word nor
 * ends a sentence (a space, a comma); anything else is looked at closer.
 */
enum { BY_WORD = 1, BY_SKIP = 2 };
static unsigned char byte_class[256];

static int is_terminal(int32_t c);

static void cp_class_init(void)
{
	int32_t c;
	int l;

	for (l = 0; l <= SYL_AR; l++)
		abbr_points_of(&abbr_pts[l], abbr_list((enum syl_lang)l));
	abbr_points_of(&abbr_pts[SYL_AR + 1], abbr_all);

	for (c = 0x80; c < 0x800; c++) {
		utf8proc_category_t k = utf8proc_category(c);

		cp_class[c] = (unsigned char)(
			((k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO) ? CL_WORD : 0) |
			(k == UTF8PROC_CATEGORY_ND ? CL_DIGIT : 0) |
			(k == UTF8PROC_CATEGORY_ZS ? CL_SPACE : 0));
	}
	for (c = 0; c < 0x80; c++) {
		cp_class[c] = (unsigned char)(
			(((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9')) ? CL_WORD : 0) |
			((c >= '0' && c <= '9') ? CL_DIGIT : 0));
		byte_class[c] = (cp_class[c] & CL_WORD) ? BY_WORD :
			is_terminal(c) ? 0 : BY_SKIP;
	}
}

void rd_init(struct readability *r, const char *lang)
{
	memset(r, 0, sizeof(*r));
	r->lang = syl_lang_of(lang);
	pthread_once(&cp_class_once, cp_class_init);
}

static int is_word_cp(int32_t c)
{
	utf8proc_category_t k;

	if (c >= 0 && c < 0x800)
		return cp_class[c] & CL_WORD;
	k = utf8proc_category(c);

	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO);
}

static int is_digit_cp(int32_t c)
{
	if (c >= 0 && c < 0x800)
		return cp_class[c] & CL_DIGIT;
	return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

static int is_inner_joiner(int32_t c)
{
	return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_terminal(int32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x61F;
}

static int is_closer(int32_t c)
{
	return c == ')' || c == ']' || c == '"' || c == '\'' || c == 0xBB ||
		c == 0x201D || c == 0x2019 || c == 0x203A;
}

static int is_space_cp(int32_t c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == 0xA0 || c == 0x202F ||
		(c >= 0x80 && (c < 0x800 ? (cp_class[c] & CL_SPACE) != 0 :
			       utf8proc_category(c) == UTF8PROC_CATEGORY_ZS));
}

/* The code point at t[i] (U+FFFD for a bad byte), *k its length. */
static int32_t cp_at(const char *t, size_t n, size_t i, size_t *k)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t r;

	unsigned char b = (unsigned char)t[i];

	if (b < 0x80) {
		*k = 1;
		return b;
	}
	/* two bytes, well formed: what utf8proc_iterate() would decode */
	if (b >= 0xC2 && b <= 0xDF && i + 1 < n &&
	    ((unsigned char)t[i + 1] & 0xC0) == 0x80) {
		*k = 2;
		return ((int32_t)(b & 0x1F) << 6) | ((unsigned char)t[i + 1] & 0x3F);
	}
	r = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
			     (utf8proc_ssize_t)(n - i), &c);

	if (r <= 0) {
		*k = 1;
		return 0xFFFD;
	}
	*k = (size_t)r;
	return c;
}

static void keep_longest(struct rd_stats *s, const struct rd_sentence *x)
{
	size_t i = s->nlongest < RD_LONGEST ? s->nlongest++ : RD_LONGEST;

	if (i == RD_LONGEST) {
		/* full: x replaces the last one when it has more words */
		if (x->words <= s->longest[RD_LONGEST - 1].words)
			return;
		i = RD_LONGEST - 1;
	}
	/* ties keep document order: an earlier sentence stays first */
	while (i > 0 && s->longest[i - 1].words < x->words) {
		s->longest[i] = s->longest[i - 1];
		i--;
	}
	s->longest[i] = *x;
}

/*
 * The sentence of cur->words words that began at seg's offset start; its
 * position is looked up only when someone will see it.
 */
static void end_sentence(struct readability *r, struct rd_sentence *cur,
			 const struct prose_seg *seg, size_t start)
{
	const struct rd_stats *s = &r->stats;

	if (!cur->words)
		return;
	if (r->sentence || s->nlongest < RD_LONGEST ||
	    cur->words > s->longest[RD_LONGEST - 1].words) {
		struct pos p = prose_pos(seg, start);

		cur->line = p.line;
		cur->col = p.col;
	}
	r->stats.sentences++;
	keep_longest(&r->stats, cur);
	if (r->sentence)
		r->sentence(r->ctx, cur);
	cur->words = 0;
}

/* Bytes that may join two parts of a word, or start a longer character. */
static int may_join(unsigned char b)
{
	return b == '\'' || b == '-' || b == '.' || b == ',' || b >= 0x80;
}

/*
 * The end of the run of letters and digits from t[i]: ASCII ones a byte
 * at a time, those of two bytes (accents, Arabic) decoded here; *c is
 * the last one, unchanged for an empty run.
 */
static size_t word_run(const char *t, size_t n, size_t i, int32_t *c)
{
	for (;;) {
		size_t j = i;
		unsigned char b;

		while (j < n && (byte_class[(unsigned char)t[j]] & BY_WORD))
			j++;
		if (j > i) {
			*c = (unsigned char)t[j - 1];
			i = j;
		}
		if (i + 1 >= n)
			return i;
		b = (unsigned char)t[i];
		if (b >= 0xC2 && b <= 0xDF && ((unsigned char)t[i + 1] & 0xC0) == 0x80) {
			int32_t d = ((int32_t)(b & 0x1F) << 6) | ((unsigned char)t[i + 1] & 0x3F);

			if (cp_class[d] & CL_WORD) {
				*c = d;
				i += 2;
				continue;
			}
		}
		return i;
	}
}

void rd_segment(struct readability *r, const struct prose_seg *seg)
{
	const char *t = seg->text;
	size_t n = seg->len, i = 0, first = 0;
	const struct abbr_points *abbr = &abbr_pts[r->lang],
		*all = &abbr_pts[SYL_AR + 1];
	struct rd_sentence cur = { 0, 0, 0 };
	int counted = r->lang != SYL_AR && r->lang != SYL_OTHER;

	while (i < n) {
		size_t k, start = i;
		int32_t c;
		unsigned char b = (unsigned char)t[i];

		/* spaces and ASCII punctuation that ends nothing, at once */
		if (byte_class[b] & BY_SKIP) {
			i++;
			continue;
		}
		c = cp_at(t, n, i, &k);
		if (is_word_cp(c)) {
			unsigned syl;

			/* one word: letters, digits, inner joiners, 0,5 */
			for (;;) {
				size_t k2, k3;
				int32_t d, e;

				/* letters and digits of one or two bytes, most of a word */
				i = word_run(t, n, i + k, &c);
				if (i >= n || !may_join((unsigned char)t[i]))
					break;
				d = cp_at(t, n, i, &k2);
				if (is_word_cp(d)) {
					c = d;
					k = k2;
					continue;
				}
				if (i + k2 >= n)
					break;
				e = cp_at(t, n, i + k2, &k3);
				if ((is_inner_joiner(d) && is_word_cp(e)) ||
				    ((d == '.' || d == ',') && is_digit_cp(c) &&
				     is_digit_cp(e))) {
					i += k2;
					c = e;
					k = k3;
					continue;
				}
				break;
			}
			if (!cur.words)
				first = start;
			cur.words++;
			r->stats.words++;
			if (!counted)
				continue;
			syl = r->cache ?
				syl_cache_count_in(r->cache, r->lang, t + start, i - start,
						   n - start) :
				syllables_count(r->lang, t + start, i - start);
			r->stats.syllables += syl ? syl : 1;
			continue;
		}
		i += k;
		if (!is_terminal(c))
			continue;
		if (c == '.' && abbr_in(t, n, start, all))
			continue;
		if (c == '.' && abbr_in(t, n, start, abbr))
			continue;
		/* more points, then closing quotes; then a space or the end */
		while (i < n && is_terminal(cp_at(t, n, i, &k)))
			i += k;
		while (i < n && is_closer(cp_at(t, n, i, &k)))
			i += k;
		if (i >= n || is_space_cp(cp_at(t, n, i, &k)))
			end_sentence(r, &cur, seg, first);
	}
	end_sentence(r, &cur, seg, first);
}

int rd_score(const struct rd_stats *s, enum syl_lang lang, double *score)
{
	double asl, asw, v;

	if (!s->words || !s->sentences)
		return -1;
	asl = (double)s->words / (double)s->sentences;
	asw = (double)s->syllables / (double)s->words;
	switch (lang) {
	case SYL_FR:
		v = 207 - 1.015 * asl - 73.6 * asw;
		break;
	case SYL_NL:
		v = 206.835 - 0.93 * asl - 77 * asw;
		break;
	case SYL_EN:
		v = 206.835 - 1.015 * asl - 84.6 * asw;
		break;
	case SYL_DE:
		v = 180 - asl - 58.5 * asw;
		break;
	case SYL_TR:
		v = 198.825 - 40.175 * asw - 2.610 * asl;
		break;
	default:
		return -1;
	}
	if (v < 0)
		v = 0;
	if (v > 100)
		v = 100;
	*score = round(v * 10) / 10;
	return 0;
}

static const char *const band_names[] = {
	"very-easy", "easy", "fairly-easy", "standard", "fairly-difficult",
	"difficult", "very-difficult"
};

enum rd_band rd_band_of(double score)
{
	if (score >= 90) return BAND_VERY_EASY;
	if (score >= 80) return BAND_EASY;
	if (score >= 70) return BAND_FAIRLY_EASY;
	if (score >= 60) return BAND_STANDARD;
	if (score >= 50) return BAND_FAIRLY_DIFFICULT;
	if (score >= 30) return BAND_DIFFICULT;
	return BAND_VERY_DIFFICULT;
}

const char *rd_band_name(enum rd_band b)
{
	return b == BAND_NONE ? NULL : band_names[b];
}

enum rd_band rd_band_parse(const char *s)
{
	int i;

	for (i = 0; s && i <= BAND_VERY_DIFFICULT; i++)
		if (!strcmp(s, band_names[i]))
			return (enum rd_band)i;
	return BAND_NONE;
}

const char *rd_formula(enum syl_lang lang)
{
	switch (lang) {
	case SYL_FR: return "Kandel-Moles";
	case SYL_NL: return "Flesch-Douma";
	case SYL_EN: return "Flesch";
	case SYL_DE: return "Amstad";
	case SYL_TR: return "Ateşman";
	default: return NULL;
	}
}
