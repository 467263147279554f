/*
 * syllables.c - syllables of a word by the rules of its language.
 *
 * Every language first turns the word into lowercase code points and a
 * flag per letter saying whether it is a vowel there (u after q is a
 * consonant, y before a vowel is one), then counts nuclei: runs of vowels
 * that the language reads as one sound.  The corrections after that are
 * the language's own (see syllables.h).  Words longer than WORD_MAX code
 * points are counted on their first WORD_MAX: no real word is that long.
 */
#include "syllables.h"

#include "util.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#define WORD_MAX 128

struct word {
	int32_t c[WORD_MAX];
	unsigned char v[WORD_MAX];	/* c[i] is a vowel here */
	int n;
};

enum syl_lang syl_lang_of(const char *tag)
{
	static const struct {
		const char *code;
		enum syl_lang lang;
	} known[] = {
		{ "fr", SYL_FR }, { "nl", SYL_NL }, { "en", SYL_EN },
		{ "de", SYL_DE }, { "tr", SYL_TR }, { "ar", SYL_AR },
	};
	size_t i, n;

	if (!tag)
		return SYL_OTHER;
	n = strcspn(tag, "-_");
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (n == 2 && !strncmp(tag, known[i].code, 2))
			return known[i].lang;
	return SYL_OTHER;
}

static void decode(struct word *w, const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)len;

	w->n = 0;
	while (left > 0 && w->n < WORD_MAX) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		/* ASCII, most of the letters of five of the languages */
		if (*p < 0x80) {
			w->c[w->n++] = *p >= 'A' && *p <= 'Z' ? *p + 32 : *p;
			p++;
			left--;
			continue;
		}
		k = utf8proc_iterate(p, left, &cp);
		if (k <= 0) {
			cp = '?';
			k = 1;
		}
		w->c[w->n++] = utf8proc_tolower(cp);
		p += k;
		left -= k;
	}
}

static int in(int32_t c, const int32_t *set)
{
	for (; *set; set++)
		if (*set == c)
			return 1;
	return 0;
}

/*
 * Mark the vowels of w from the language's letters (every set holds the
 * ASCII a e i o u y; Turkish does not mark).
 */
static void mark(struct word *w, const int32_t *vowels)
{
	int i;

	for (i = 0; i < w->n; i++) {
		int32_t c = w->c[i];

		w->v[i] = c < 0x80 ? (c == 'a' || c == 'e' || c == 'i' || c == 'o' ||
				      c == 'u' || c == 'y')
			: in(c, vowels);
	}
	for (i = 0; i < w->n; i++) {
		if (!w->v[i])
			continue;
		if (w->c[i] == 'u' && i > 0 && w->c[i - 1] == 'q')
			w->v[i] = 0;
		else if (w->c[i] == 'y' && i + 1 < w->n && w->v[i + 1] &&
			 w->c[i + 1] != 'y')
			w->v[i] = 0;
	}
}

static int at(const struct word *w, int i, int32_t c)
{
	return i >= 0 && i < w->n && w->c[i] == c;
}

static int ends(const struct word *w, const char *ascii)
{
	int k = (int)strlen(ascii), i;

	if (k > w->n)
		return 0;
	for (i = 0; i < k; i++)
		if (w->c[w->n - k + i] != (unsigned char)ascii[i])
			return 0;
	return 1;
}

static int cons(const struct word *w, int i)
{
	utf8proc_category_t k;

	if (i < 0 || i >= w->n || w->v[i])
		return 0;
	if (w->c[i] < 0x80)
		return w->c[i] >= 'a' && w->c[i] <= 'z';
	k = utf8proc_category(w->c[i]);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

/* ---- French ---------------------------------------------------------- */

static const int32_t fr_vowels[] = {
	'a', 'e', 'i', 'o', 'u', 'y', 0xe0, 0xe2, 0xe4, 0xe9, 0xe8, 0xea,
	0xeb, 0xee, 0xef, 0xf4, 0xf6, 0xfb, 0xf9, 0xfc, 0xff, 0x153, 0xe6, 0
};

/* The e at i is the last letter, or is followed by a final s. */
static int fr_final_e(const struct word *w, int i)
{
	return w->c[i] == 'e' && (i == w->n - 1 || (i == w->n - 2 && w->c[i + 1] == 's'));
}

/* Do the vowels at i - 1 and i belong to two syllables? */
static int fr_break(const struct word *w, int i)
{
	int32_t a = w->c[i - 1], b = w->c[i];

	if (b == 0xef || b == 0xeb)	/* ï ë: naïf, Noël */
		return 1;
	if (a == 0xe9)			/* é then a vowel: réaction, créer */
		return !fr_final_e(w, i);
	if (b == 0xe9)			/* oé, aé; not ié, ué (pitié, tué) */
		return a != 'i' && a != 'u';
	return 0;
}

static unsigned fr_count(struct word *w)
{
	unsigned n = 0;
	int i, k;

	mark(w, fr_vowels);
	/* gu before e, i, é, è, ê, y: the u only hardens the g (langue, guérir) */
	for (i = 1; i + 1 < w->n; i++)
		if (w->c[i] == 'u' && w->c[i - 1] == 'g' &&
		    in(w->c[i + 1], (const int32_t[]){ 'e', 'i', 0xe9, 0xe8, 0xea, 'y', 0 }))
			w->v[i] = 0;
	for (i = 0; i < w->n; i++)
		if (w->v[i] && (i == 0 || !w->v[i - 1] || fr_break(w, i)))
			n++;
	/* the mute e at the end: forme, malades; not le, de */
	k = w->n - 1;
	if (k >= 0 && w->c[k] == 's')
		k--;
	if (n > 1 && k >= 1 && w->c[k] == 'e' && cons(w, k - 1))
		n--;
	/*
	 * and between single consonants after a vowel, as in medecin,
	 * samedi, traitement (a doubled consonant is one: vomissement);
	 * not at the start (semaine), nor before two (justement)
	 */
	for (k = 2; k + 2 < w->n && n > 1; k++)
		if (w->c[k] == 'e' && cons(w, k - 1) && cons(w, k + 1) &&
		    w->v[k + 2] && w->c[k + 1] != 'x' &&
		    (w->v[k - 2] || (k >= 3 && w->c[k - 2] == w->c[k - 1] &&
				     w->v[k - 3])))
			n--;
	return n;
}

/* ---- Dutch and German: diphthongs and long vowels as one nucleus ----- */

static const int32_t nl_vowels[] = {
	'a', 'e', 'i', 'o', 'u', 'y', 0xe9, 0xe8, 0xea, 0xeb, 0xef, 0xf6,
	0xfc, 0xe1, 0xf3, 0xe0, 0
};

static const char *const nl_groups[] = {
	"aai", "ooi", "oei", "eeu", "ieu",
	"aa", "ee", "oo", "uu", "ie", "oe", "ui", "ij", "ei", "eu", "ou",
	"au", NULL
};

static const int32_t de_vowels[] = {
	'a', 'e', 'i', 'o', 'u', 'y', 0xe4, 0xf6, 0xfc, 0
};

/* äu is given as "\xe4u" below: one byte per code point under U+0100 */
static const char *const de_groups[] = {
	"\xe4u", "ei", "ey", "ai", "ay", "au", "eu", "ie", "aa", "ee", "oo",
	NULL
};

/* Length of the group of groups[] that starts at i, or 0. */
static int group_at(const struct word *w, int i, const char *const *groups)
{
	int g, k;

	/* every group's second letter is a vowel or the j of ij */
	if (i + 1 >= w->n || (!w->v[i + 1] && w->c[i + 1] != 'j'))
		return 0;
	for (g = 0; groups[g]; g++) {
		const unsigned char *s = (const unsigned char *)groups[g];

		for (k = 0; s[k]; k++)
			if (i + k >= w->n || w->c[i + k] != s[k])
				break;
		if (!s[k])
			return k;
	}
	return 0;
}

static unsigned group_count(struct word *w, const int32_t *vowels,
			    const char *const *groups, int german)
{
	unsigned n = 0;
	int i = 0;

	mark(w, vowels);
	while (i < w->n) {
		int k;

		if (!w->v[i]) {
			i++;
			continue;
		}
		k = group_at(w, i, groups);
		/*
		 * German ie is two syllables in -ient, -ienz, -iell and a
		 * final -ien after another syllable: Patient, speziell,
		 * Bakterien; not in schien or Dienst.
		 */
		if (german && k == 2 && w->c[i] == 'i' && n > 0 &&
		    ((at(w, i + 2, 'n') && (i + 3 == w->n || at(w, i + 3, 't') ||
					    at(w, i + 3, 'z'))) ||
		     (at(w, i + 2, 'l') && at(w, i + 3, 'l'))))
			k = 1;
		n++;
		i += k ? k : 1;
	}
	return n;
}

/* ---- English ---------------------------------------------------------- */

static const int32_t en_vowels[] = { 'a', 'e', 'i', 'o', 'u', 'y', 0 };

/* Do the vowels at i - 1 and i belong to two syllables? */
static int en_break(const struct word *w, int i)
{
	int32_t a = w->c[i - 1], b = w->c[i];

	/* i before a, o, u: di-ag-no-sis, pe-ri-od; not -tion, -cial, -gion */
	if (a == 'i' && (b == 'a' || b == 'o' || b == 'u'))
		return !(i >= 2 && in(w->c[i - 2], (const int32_t[]){ 'c', 't', 's', 'x', 'g', 0 }));
	/* u before a: u-su-al, ac-tu-al */
	if (a == 'u' && b == 'a')
		return 1;
	return 0;
}

static const char *const suffixes[] = { "ly", "ful", "less", "ment", "ness", NULL };

static unsigned en_count(struct word *w)
{
	unsigned n = 0;
	int i, m;

	mark(w, en_vowels);
	m = w->n;
	/* -gue at the end: the ue is silent (fatigue, vague) */
	if (m >= 3 && ends(w, "gue"))
		w->v[m - 2] = 0;
	for (i = 0; i < m; i++)
		if (w->v[i] && (i == 0 || !w->v[i - 1] || en_break(w, i)))
			n++;
	if (n <= 1)
		return n;
	/* a silent e before -ly, -ful, -less, -ment, -ness: likely, useful */
	for (i = 0; suffixes[i]; i++) {
		int k = m - (int)strlen(suffixes[i]) - 1;

		if (k >= 2 && ends(w, suffixes[i]) && w->c[k] == 'e' &&
		    cons(w, k - 1) && w->v[k - 2]) {
			n--;
			break;
		}
	}
	if (n <= 1)
		return n;
	if (w->c[m - 1] == 'e' && cons(w, m - 2)) {
		/* a silent e, but a heard -le after a consonant (table) */
		if (!(w->c[m - 2] == 'l' && cons(w, m - 3)))
			n--;
	} else if (ends(w, "ed") && cons(w, m - 3)) {
		/* -ed is heard after t and d only (wanted, needed) */
		if (!at(w, m - 3, 't') && !at(w, m - 3, 'd'))
			n--;
	} else if (ends(w, "es") && cons(w, m - 3)) {
		/* -es is heard after s, x, z, ch, sh, c, g and a consonant + l */
		int32_t p = w->c[m - 3];

		if (!in(p, (const int32_t[]){ 's', 'x', 'z', 'c', 'g', 0 }) &&
		    !(p == 'h' && (at(w, m - 4, 'c') || at(w, m - 4, 's'))) &&
		    !(p == 'l' && cons(w, m - 4)))
			n--;
	}
	return n;
}

/* ---- Turkish ---------------------------------------------------------- */

static const int32_t tr_vowels[] = {
	'a', 'e', 0x131, 'i', 'o', 0xf6, 'u', 0xfc, 0xe2, 0xee, 0xfb, 0
};

static unsigned tr_count(const struct word *w)
{
	unsigned n = 0;
	int i;

	for (i = 0; i < w->n; i++)
		n += in(w->c[i], tr_vowels);
	return n;
}

/* The bytes w[0..n) of a word, n at most 8, as one number. */
static uint64_t word_bytes(const char *w, size_t n)
{
	uint64_t x = 0;
	size_t i;

	if (n == 8) {
		memcpy(&x, w, 8);
		return x;
	}
	for (i = 0; i < n; i++)
		x |= (uint64_t)(unsigned char)w[i] << (8 * i);
	return x;
}

/* The miss of syl_cache_count_in(): count, and keep the word in e. */
unsigned syl_cache_fill(struct syl_entry *e, enum syl_lang lang, const char *w,
			size_t n, uint64_t head, uint64_t tail)
{
	e->count = (unsigned char)syllables_count(lang, w, n);
	e->len = (unsigned char)n;
	e->lang = (unsigned char)lang;
	e->head = head;
	e->tail = tail;
	memcpy(e->w, w, n);
	return e->count;
}

struct syl_entry *syl_cache_alloc(struct syl_cache *c)
{
	return c->v = xcalloc(SYL_CACHE_SIZE, sizeof(*c->v));
}

uint64_t syl_word_bytes(const char *w, size_t n)
{
	return word_bytes(w, n);
}

unsigned syl_cache_count(struct syl_cache *c, enum syl_lang lang,
			 const char *w, size_t n)
{
	return syl_cache_count_in(c, lang, w, n, n);
}

void syl_cache_release(struct syl_cache *c)
{
	free(c->v);
	c->v = NULL;
}

unsigned syllables_count(enum syl_lang lang, const char *s, size_t len)
{
	struct word w;

	if (lang == SYL_AR || lang == SYL_OTHER)
		return 0;
	decode(&w, s, len);
	switch (lang) {
	case SYL_FR:
		return fr_count(&w);
	case SYL_NL:
		return group_count(&w, nl_vowels, nl_groups, 0);
	case SYL_DE:
		return group_count(&w, de_vowels, de_groups, 1);
	case SYL_EN:
		return en_count(&w);
	case SYL_TR:
		return tr_count(&w);
	default:
		return 0;
	}
}
