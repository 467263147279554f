/*
 * collate.c - index sort keys (collate.h).
 */
#include "collate.h"
#include "buf.h"
#include "render.h"
#include "util.h"

#include <string.h>
#include <utf8proc.h>

/*
 * Turkish and Azerbaijani: the letters of their own that sort after a
 * Latin letter (ç after c, ı between h and i, ə after e), as that letter
 * and a byte above every other a key holds.  Lower case: the key is made
 * from the case-folded text, where I is already ı and İ i.
 */
static const char *turkic_letter(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x00E7: return "c\xFF";	/* ç */
	case 0x011F: return "g\xFF";	/* ğ */
	case 0x0131: return "h\xFF";	/* ı */
	case 0x00F6: return "o\xFF";	/* ö */
	case 0x015F: return "s\xFF";	/* ş */
	case 0x00FC: return "u\xFF";	/* ü */
	case 0x0259: return "e\xFF";	/* ə */
	default: return NULL;
	}
}

static int is_turkic(const char *lang)
{
	return lang && (!strcmp(lang, "tr") || !strcmp(lang, "az") ||
			!strncmp(lang, "tr-", 3) || !strncmp(lang, "az-", 3));
}

/*
 * s with Turkish capital I's case: I is ı and İ is i before utf8proc
 * folds it (which knows one I, the dotted one's lower case).
 */
static char *turkic_lower_i(const char *s)
{
	struct buf b = BUF_INIT;

	for (; *s; s++) {
		if (*s == 'I')
			buf_adds(&b, "\xC4\xB1");
		else if ((unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0xB0)
			buf_addc(&b, 'i'), s++;
		else
			buf_addc(&b, *s);
	}
	return buf_detach(&b, NULL);
}

/* The key of one letter of a Turkic text: its own, or without its marks. */
static void turkic_add(struct buf *k, utf8proc_int32_t cp, const char *at,
		       utf8proc_ssize_t len)
{
	utf8proc_int32_t d[8];
	utf8proc_ssize_t nd, i;
	int last = 0;
	const char *as = turkic_letter(cp);

	if (as) {
		buf_adds(k, as);
		return;
	}
	nd = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE |
				     UTF8PROC_STRIPMARK, &last);
	if (nd <= 0 || nd > 8) {
		buf_add(k, at, (size_t)len);
		return;
	}
	for (i = 0; i < nd; i++) {
		const char *l = d[i] >= 0x80 ? render_fold_latin((unsigned)d[i]) : NULL;

		if (l)
			buf_adds(k, l);
		else if ((as = turkic_letter(d[i])) != NULL)
			buf_adds(k, as);
		else
			buf_addcp(k, (unsigned)d[i]);
	}
}

char *collate_key_full(const char *s, const char *lang)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n, i = 0;
	struct buf k = BUF_INIT;
	char *lowered = NULL;
	int gap = 0, turkic = is_turkic(lang);

	if (!s)
		return xstrdup("");
	if (turkic)
		s = lowered = turkic_lower_i(s);
	/* Turkic letters keep their marks until each is read: ç is not c */
	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_COMPOSE |
			 UTF8PROC_CASEFOLD | UTF8PROC_COMPAT |
			 (turkic ? 0 : UTF8PROC_STRIPMARK));
	if (n < 0) {
		char *own = xstrdup(s);

		free(lowered);
		return own;
	}
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(folded + i, n - i, &cp);
		utf8proc_category_t cat;
		const char *as;

		if (len <= 0)
			break;
		cat = utf8proc_category(cp);
		as = cp >= 0x80 && !turkic ? render_fold_latin((unsigned)cp) : NULL;
		if (as || (cat >= UTF8PROC_CATEGORY_LU &&
			   cat <= UTF8PROC_CATEGORY_LO) ||
		    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO)) {
			if (gap && k.len)
				buf_addc(&k, ' ');
			gap = 0;
			if (as)
				buf_adds(&k, as);
			else if (turkic && cp >= 0x80)
				turkic_add(&k, cp, (const char *)folded + i, len);
			else
				buf_add(&k, (const char *)folded + i, (size_t)len);
		} else if (!(cat >= UTF8PROC_CATEGORY_MN &&
			     cat <= UTF8PROC_CATEGORY_ME)) {
			gap = 1;
		}
		i += len;
	}
	free(folded);
	free(lowered);
	return buf_detach(&k, NULL);
}

/*
 * The fast path.  Most titles are ASCII, Latin letters with accents,
 * Arabic letters, and punctuation; utf8proc_map() spends thousands of
 * instructions on each whatever it holds.  These tables hold, for each
 * such character alone, what collate_key_full() makes of it: its key,
 * " " for a gap (a space, punctuation, a symbol), "" for a mark to drop,
 * NULL for a character they leave to utf8proc (one whose key depends on
 * its neighbours, or spans a gap: ½ is "1 2").  None of them composes
 * with a neighbour once marks are stripped, so a string of them has the
 * key of its characters one after the other; tests/unit/collate_unit.c
 * checks every entry, and every pair, against collate_key_full().
 */

/* U+0080..U+017F, [0] for most languages and [1] for Turkic ones. */
static const char *const latin_key[2][256] = {
{
	/* U+0080 */ " ", " ", " ", " ", " ", " ", " ", " ",
	/* U+0088 */ " ", " ", " ", " ", " ", " ", " ", " ",
	/* U+0090 */ " ", " ", " ", " ", " ", " ", " ", " ",
	/* U+0098 */ " ", " ", " ", " ", " ", " ", " ", " ",
	/* U+00A0 */ " ", " ", " ", " ", " ", " ", " ", " ",
	/* U+00A8 */ " ", " ", "a", " ", " ", " ", " ", " ",
	/* U+00B0 */ " ", " ", "2", "3", " ", "\xCE\xBC", " ", " ",
	/* U+00B8 */ " ", "1", "o", " ", NULL, NULL, NULL, " ",
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* U+00C8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", " ",
	/* U+00D8 */ "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* U+00E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", " ",
	/* U+00F8 */ "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c",
	/* U+0108 */ "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e",
	/* U+0118 */ "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h",
	/* U+0128 */ "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
	/* U+0138 */ "\xC4\xB8", "l", "l", "l", "l", "l", "l", NULL,
	/* U+0140 */ NULL, "l", "l", "n", "n", "n", "n", "n",
	/* U+0148 */ "n", "\xCA\xBCn", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
	/* U+0158 */ "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t",
	/* U+0168 */ "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y",
	/* U+0178 */ "y", "z", "z", "z", "z", "z", "z", "s",
},
{
	/* U+0080 */ " ", " ", " ", " ", " ", " ", " ", " ",
	/* U+0088 */ " ", " ", " ", " ", " ", " ", " ", " ",
	/* U+0090 */ " ", " ", " ", " ", " ", " ", " ", " ",
	/* U+0098 */ " ", " ", " ", " ", " ", " ", " ", " ",
	/* U+00A0 */ " ", " ", " ", " ", " ", " ", " ", " ",
	/* U+00A8 */ " ", " ", "a", " ", " ", " ", " ", " ",
	/* U+00B0 */ " ", " ", "2", "3", " ", "\xCE\xBC", " ", " ",
	/* U+00B8 */ " ", "1", "o", " ", NULL, NULL, NULL, " ",
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c\xFF",
	/* U+00C8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o\xFF", " ",
	/* U+00D8 */ "o", "u", "u", "u", "u\xFF", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c\xFF",
	/* U+00E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o\xFF", " ",
	/* U+00F8 */ "o", "u", "u", "u", "u\xFF", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c",
	/* U+0108 */ "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e",
	/* U+0118 */ "e", "e", "e", "e", "g", "g", "g\xFF", "g\xFF",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h",
	/* U+0128 */ "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "h\xFF", "ij", "ij", "j", "j", "k", "k",
	/* U+0138 */ "\xC4\xB8", "l", "l", "l", "l", "l", "l", NULL,
	/* U+0140 */ NULL, "l", "l", "n", "n", "n", "n", "n",
	/* U+0148 */ "n", "\xCA\xBCn", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
	/* U+0158 */ "r", "r", "s", "s", "s", "s", "s\xFF", "s\xFF",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t",
	/* U+0168 */ "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y",
	/* U+0178 */ "y", "z", "z", "z", "z", "z", "z", "s",
},
};

/*
 * U+0600..U+06FF outside Turkic languages (where a mark may compose with
 * the letter before it): g a gap, m a mark, s a letter that is its own
 * key, X a letter arabic_key() spells, . left to utf8proc.
 */
static const char arabic_class[257] =
	"ggggggggggggggggmmmmmmmmmmmgggggssXXXXXsssssssssssssssssssssssss"
	"sssssssssssmmmmmmmmmmmmmmmmmmmmmssssssssssggggssmssssXXXXsssssss"
	"ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss"
	"XsXssssssssssssssssXgsmmmmmmmggmmmmmmssmmgmmmmsssssssssssssssggs";

/* The key of an Arabic letter that is not its own (class X). */
static const char *arabic_key(unsigned cp)
{
	switch (cp) {
	case 0x0622: case 0x0623: case 0x0625: return "\xD8\xA7";	/* alef */
	case 0x0624: return "\xD9\x88";		/* waw */
	case 0x0626: return "\xD9\x8A";		/* yeh */
	case 0x0675: return "\xD8\xA7\xD9\xB4";
	case 0x0676: return "\xD9\x88\xD9\xB4";
	case 0x0677: return "\xDB\x87\xD9\xB4";
	case 0x0678: return "\xD9\x8A\xD9\xB4";
	case 0x06C0: return "\xDB\x95";
	case 0x06C2: return "\xDB\x81";
	case 0x06D3: return "\xDB\x92";
	default: return NULL;
	}
}

/* One ASCII byte's key: a letter or digit, else a gap. */
static const char *ascii_key(unsigned char c, int turkic, char *one)
{
	if (c >= 'A' && c <= 'Z') {
		if (turkic && c == 'I')
			return "h\xFF";	/* dotless: I is the capital of ı */
		c = (unsigned char)(c - 'A' + 'a');
	} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
		return " ";
	}
	one[0] = (char)c;
	one[1] = '\0';
	return one;
}

/*
 * The key of the character at *s, advancing *s past it, from the tables
 * above; NULL when they do not know it (or it is not valid UTF-8).
 */
static const char *quick_char(const unsigned char **s, int turkic,
			      char *one)
{
	const unsigned char *p = *s;
	unsigned cp;
	char c;

	if (p[0] < 0x80) {
		*s = p + 1;
		return ascii_key(p[0], turkic, one);
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDB && (p[1] & 0xC0) == 0x80) {
		cp = (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
		*s = p + 2;
		if (cp < 0x180)
			return latin_key[turkic][cp - 0x80];
		if (cp < 0x600 || turkic)
			return NULL;
		c = arabic_class[cp - 0x600];
		if (c == 'g')
			return " ";
		if (c == 'm')
			return "";
		if (c == 's') {
			one[0] = (char)p[0];
			one[1] = (char)p[1];
			one[2] = '\0';
			return one;
		}
		return c == 'X' ? arabic_key(cp) : NULL;
	}
	/* U+2000..U+206F, general punctuation and spaces: all gaps */
	if (p[0] == 0xE2 && (p[1] == 0x80 || p[1] == 0x81) &&
	    (p[2] & 0xC0) == 0x80 && (p[1] == 0x80 || p[2] < 0xB0)) {
		*s = p + 3;
		return " ";
	}
	return NULL;
}

/* collate_key() from the tables: 0, or -1 (k emptied) when s holds a
 * character they do not know. */
static int quick_key(const char *str, int turkic, struct buf *k)
{
	const unsigned char *s = (const unsigned char *)str;
	char one[4];
	int gap = 0;

	while (*s) {
		const char *key = quick_char(&s, turkic, one);

		if (!key) {
			buf_release(k);
			return -1;
		}
		if (key[0] == ' ') {
			gap = 1;
		} else if (key[0]) {
			if (gap && k->len)
				buf_addc(k, ' ');
			gap = 0;
			buf_adds(k, key);
		}
	}
	return 0;
}

char *collate_key(const char *s, const char *lang)
{
	struct buf k = BUF_INIT;

	if (s && quick_key(s, is_turkic(lang), &k) == 0)
		return buf_detach(&k, NULL);
	return collate_key_full(s, lang);
}
