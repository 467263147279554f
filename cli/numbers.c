/*
 * numbers.c - the number reader of SPEC 13: numbers, units, times and
 * phone numbers of a block's Markdown source, read by the conventions of
 * its language.
 *
 * One pass over the bytes.  Regions that are not text (code spans, link
 * destinations, autolinks, bare URLs, HTML comments and tags, character
 * references, ordered-list markers) are stepped over; at a digit not glued
 * to a Latin word ("B12", "H2O" are names, not numbers) a phone number is
 * tried first, then a time, then a number with its groups, decimals and
 * unit.  A separator is read as a thousands separator only before exactly
 * three digits, so "1,5" in English is the two numbers 1 and 5 and "1.5"
 * in German the two numbers 1 and 5: a number written with the other
 * language's convention is not silently accepted.
 */
#include "numbers.h"
#include "buf.h"
#include "numbers_find.h"
#include "util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <utf8proc.h>
#include <stdio.h>
#include <string.h>

struct locale {
	unsigned dec_comma:1;	/* ',' is the decimal separator */
	unsigned dec_point:1;	/* '.' is the decimal separator */
	unsigned grp_comma:1;	/* ',' groups thousands */
	unsigned grp_dot:1;	/* '.' groups thousands */
	unsigned arabic:1;	/* U+066B decimal, U+066C groups */
	unsigned ampm:1;	/* "2 pm", "2:30 a.m." are times */
	unsigned hour_word:1;	/* "14.30 Uhr", "14.30 uur" */
};

static struct locale locale_of(const char *lang)
{
	struct locale l;

	memset(&l, 0, sizeof(l));
	if (lang && (!strcmp(lang, "fr") || !strcmp(lang, "tr") ||
		     !strcmp(lang, "ar") || !strcmp(lang, "de") ||
		     !strcmp(lang, "nl"))) {
		l.dec_comma = 1;
		l.grp_dot = lang[0] == 'd' || lang[0] == 'n' || lang[0] == 't';
		l.arabic = lang[0] == 'a';
		l.hour_word = lang[0] == 'd' || lang[0] == 'n';
	} else {
		l.dec_point = 1;
		l.grp_comma = 1;
		l.ampm = 1;
	}
	return l;
}

/* cp_at() past ASCII. */
static unsigned cp_at_multi(const char *s, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t left = n - i;

	*len = 1;
	if ((u[0] & 0xE0) == 0xC0 && left >= 2 && (u[1] & 0xC0) == 0x80) {
		*len = 2;
		return ((unsigned)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	}
	if ((u[0] & 0xF0) == 0xE0 && left >= 3 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {
		*len = 3;
		return ((unsigned)(u[0] & 0x0F) << 12) |
		       ((unsigned)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	}
	if ((u[0] & 0xF8) == 0xF0 && left >= 4 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80 && (u[3] & 0xC0) == 0x80) {
		*len = 4;
		return ((unsigned)(u[0] & 0x07) << 18) |
		       ((unsigned)(u[1] & 0x3F) << 12) |
		       ((unsigned)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
	}
	return 0xFFFD;
}

/* The code point at s[i..n) and its length; a bad byte is U+FFFD, 1 byte. */
static inline unsigned cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	if ((unsigned char)s[i] < 0x80) {
		*len = 1;
		return (unsigned char)s[i];
	}
	return cp_at_multi(s, n, i, len);
}

/* The code point that ends at s[i) (before i), or 0 at the start. */
static unsigned cp_before(const char *s, size_t i)
{
	size_t k = i, len;

	if (!i)
		return 0;
	while (k > 0 && i - k < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0)
		k--;
	return cp_at(s, i, k, &len);
}

/* The value of a digit of any of the three scripts, else -1. */
static int digit_value(unsigned cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0x660 && cp <= 0x669)
		return (int)(cp - 0x660);
	if (cp >= 0x6F0 && cp <= 0x6F9)
		return (int)(cp - 0x6F0);
	return -1;
}

static int digit_at(const char *s, size_t n, size_t i, size_t *len)
{
	if (i >= n) {
		*len = 0;
		return -1;
	}
	return digit_value(cp_at(s, n, i, len));
}

/* Spaces that may stand between a number and its unit or its groups. */
static int is_space_cp(unsigned cp)
{
	return cp == ' ' || cp == 0xA0 || cp == 0x202F || cp == 0x2009;
}

static int is_ascii_alpha(unsigned cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/*
 * A letter that glues to a following digit into a name ("B12", "H2O",
 * "pT1"): Latin letters, ASCII and accented.  Arabic letters are left out:
 * the conjunction "و" is written against the number that follows it.
 */
static int is_word_letter(unsigned cp)
{
	return is_ascii_alpha(cp) || cp == '_' ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/*
 * Does a letter (any script), or an apostrophe, start at s[i)?  A unit
 * ends on a word boundary: "5 l'heure" holds no litre.
 */
static int letter_at(const char *s, size_t n, size_t i)
{
	size_t len;
	unsigned cp;
	utf8proc_category_t cat;

	if (i >= n)
		return 0;
	cp = cp_at(s, n, i, &len);
	if (cp < 0x80)
		return is_ascii_alpha(cp) || cp == '\'' || cp == '_';
	if (cp == 0x2019)
		return 1;
	cat = utf8proc_category((utf8proc_int32_t)cp);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* ---- units ---------------------------------------------------------- */

struct unit {
	const char *text;	/* as written */
	size_t len;		/* of text */
	const char *canon;
	const char *base;
	double factor;		/* value in base = value * factor */
};

/*
 * The units, one array per first byte (per first character where it is
 * not ASCII), each ended by UNIT_END; units_at() picks the array.  In
 * one array, longest spellings first where one starts another.  An
 * entry: its spelling (as written, with its length), canonical spelling,
 * base and factor.
 */
#define U(text, canon, base, factor) { text, sizeof(text) - 1, canon, base, factor }
#define UNIT_END { NULL, 0, NULL, NULL, 0 }

static const struct unit u_pct[] = {
	U("%", "%", "%", 1),
	UNIT_END
};
static const struct unit u_I_up[] = {
	U("IE", "IU", "IU", 1),
	U("IU", "IU", "IU", 1),
	UNIT_END
};
static const struct unit u_L_up[] = {
	U("L", "l", "l", 1),
	UNIT_END
};
static const struct unit u_M_up[] = {
	U("ME", "IU", "IU", 1),
	UNIT_END
};
static const struct unit u_U_up[] = {
	U("UI", "IU", "IU", 1),
	UNIT_END
};
static const struct unit u_c[] = {
	U("cL", "cl", "l", 0.01),
	U("cl", "cl", "l", 0.01),
	U("cm", "cm", "m", 0.01),
	UNIT_END
};
static const struct unit u_d[] = {
	U("dL", "dl", "l", 0.1),
	U("dl", "dl", "l", 0.1),
	UNIT_END
};
static const struct unit u_g[] = {
	U("g", "g", "g", 1),
	UNIT_END
};
static const struct unit u_k[] = {
	U("kg", "kg", "g", 1e3),
	UNIT_END
};
static const struct unit u_l[] = {
	U("l", "l", "l", 1),
	UNIT_END
};
static const struct unit u_m[] = {
	U("mL", "ml", "l", 1e-3),
	U("mcg", "\xC2\xB5g", "g", 1e-6),
	U("mg", "mg", "g", 1e-3),
	U("ml", "ml", "l", 1e-3),
	U("mmol/l", "mmol/l", "mmol/l", 1),
	U("mmol/L", "mmol/l", "mmol/l", 1),
	U("mm Hg", "mmHg", "mmHg", 1),
	U("mmHg", "mmHg", "mmHg", 1),
	U("mm", "mm", "m", 1e-3),
	U("m", "m", "m", 1),
	UNIT_END
};
static const struct unit u_n[] = {
	U("ng", "ng", "g", 1e-9),
	UNIT_END
};
static const struct unit u_c2b0[] = {
	/* °C, °F, micro sign; °م, ° م: the Arabic for °C (درجة مئوية) */
	U("\xC2\xB0" "C", "\xC2\xB0" "C", "\xC2\xB0" "C", 1),
	U("\xC2\xB0 C", "\xC2\xB0" "C", "\xC2\xB0" "C", 1),
	U("\xC2\xB0\xD9\x85", "\xC2\xB0" "C", "\xC2\xB0" "C", 1),
	U("\xC2\xB0 \xD9\x85", "\xC2\xB0" "C", "\xC2\xB0" "C", 1),
	U("\xC2\xB0" "F", "\xC2\xB0" "F", "\xC2\xB0" "F", 1),
	U("\xC2\xB0 F", "\xC2\xB0" "F", "\xC2\xB0" "F", 1),
	UNIT_END
};
static const struct unit u_c2b5[] = {
	U("\xC2\xB5g", "\xC2\xB5g", "g", 1e-6),	/* micro sign */
	UNIT_END
};
static const struct unit u_cebc[] = {
	U("\xCE\xBCg", "\xC2\xB5g", "g", 1e-6),	/* Greek mu */
	UNIT_END
};
static const struct unit u_d8ac[] = {
	/*
	 * Arabic spellings, the Levant's and Egypt's (غ and ج both write
	 * the g of gram): longest first where one starts another.
	 */
	U("\xD8\xAC\xD8\xB1\xD8\xA7\xD9\x85", "g", "g", 1),	/* جرام */
	U("\xD8\xAC\xD9\x85", "g", "g", 1),	/* جم */
	UNIT_END
};
static const struct unit u_d8b3[] = {
	U("\xD8\xB3\xD9\x85", "cm", "m", 0.01),	/* سم */
	UNIT_END
};
static const struct unit u_d8ba[] = {
	U("\xD8\xBA\xD8\xB1\xD8\xA7\xD9\x85", "g", "g", 1),	/* غرام */
	U("\xD8\xBA", "g", "g", 1),	/* غ */
	UNIT_END
};
static const struct unit u_d983[] = {
	U("\xD9\x83\xD9\x8A\xD9\x84\xD9\x88\xD8\xBA\xD8\xB1\xD8\xA7\xD9\x85", "kg", "g", 1e3),	/* كيلوغرام */
	U("\xD9\x83\xD9\x8A\xD9\x84\xD9\x88\xD8\xAC\xD8\xB1\xD8\xA7\xD9\x85", "kg", "g", 1e3),	/* كيلوجرام */
	U("\xD9\x83\xD8\xAC\xD9\x85", "kg", "g", 1e3),	/* كجم */
	U("\xD9\x83\xD8\xBA", "kg", "g", 1e3),				/* كغ */
	UNIT_END
};
static const struct unit u_d984[] = {
	U("\xD9\x84\xD8\xAA\xD8\xB1", "l", "l", 1),	/* لتر */
	UNIT_END
};
static const struct unit u_d985[] = {
	U("\xD9\x85\xD9\x84\xD9\x8A\x20\xD9\x85\xD9\x88\xD9\x84\x2F\xD9\x84\xD8\xAA\xD8\xB1", "mmol/l", "mmol/l", 1),	/* ملي مول/لتر */
	U("\xD9\x85\xD9\x84\xD9\x8A\xD9\x85\xD9\x88\xD9\x84\x2F\xD9\x84\xD8\xAA\xD8\xB1", "mmol/l", "mmol/l", 1),	/* مليمول/لتر */
	U("\xD9\x85\xD9\x84\xD9\x84\xD9\x8A\xD9\x84\xD8\xAA\xD8\xB1", "ml", "l", 1e-3),	/* ملليلتر */
	U("\xD9\x85\xD9\x84\xD9\x8A\xD9\x84\xD8\xAA\xD8\xB1", "ml", "l", 1e-3),	/* مليلتر */
	U("\xD9\x85\xD9\x8A\xD9\x83\xD8\xB1\xD9\x88\xD8\xBA\xD8\xB1\xD8\xA7\xD9\x85", "\xC2\xB5g", "g", 1e-6),	/* ميكروغرام */
	U("\xD9\x85\xD9\x8A\xD9\x83\xD8\xB1\xD9\x88\xD8\xAC\xD8\xB1\xD8\xA7\xD9\x85", "\xC2\xB5g", "g", 1e-6),	/* ميكروجرام */
	U("\xD9\x85\xD9\x83\xD8\xBA", "\xC2\xB5g", "g", 1e-6),	/* مكغ */
	U("\xD9\x85\xD9\x84\xD8\xAC\xD9\x85", "mg", "g", 1e-3),	/* ملجم */
	U("\xD9\x85\xD9\x84\xD9\x85", "mm", "m", 1e-3),	/* ملم */
	U("\xD9\x85\xD9\x85\x20\xD8\xB2\xD8\xA6\xD8\xA8\xD9\x82", "mmHg", "mmHg", 1),	/* مم زئبق */
	U("\xD9\x85\xD9\x85", "mm", "m", 1e-3),	/* مم */
	U("\xD9\x85\xD9\x84\xD8\xBA\xD9\x85", "mg", "g", 1e-3),	/* ملغم */
	U("\xD9\x85\xD9\x84\xD8\xBA", "mg", "g", 1e-3),		/* ملغ */
	U("\xD9\x85\xD8\xBA", "mg", "g", 1e-3),			/* مغ */
	U("\xD9\x85\xD9\x84", "ml", "l", 1e-3),			/* مل */
	UNIT_END
};
static const struct unit u_d988[] = {
	U("\xD9\x88\xD8\xAD\xD8\xAF\xD8\xA9\x20\xD8\xAF\xD9\x88\xD9\x84\xD9\x8A\xD8\xA9", "IU", "IU", 1),	/* وحدة دولية */
	UNIT_END
};
static const struct unit u_d9aa[] = {
	U("\xD9\xAA", "%", "%", 1),			/* U+066A */
	UNIT_END
};
static const struct unit u_e280[] = {
	/* not in SPEC 13's list, but units all the same: 50 % is not
	 * 50 \u2030, nor 38 \u00B0C 38 \u00B0F */
	U("\xE2\x80\xB0", "\xE2\x80\xB0", "\xE2\x80\xB0", 1),	/* per mille */
	UNIT_END
};


/* Denominators of a unit per unit, beside the units above; arrayed alike. */
static const struct unit per_L_up[] = {
	U("L", "l", "l", 1),
	UNIT_END
};
static const struct unit per_d[] = {
	U("dL", "dl", "l", 0.1),
	U("dl", "dl", "l", 0.1),
	UNIT_END
};
static const struct unit per_g[] = {
	U("g", "g", "g", 1),
	UNIT_END
};
static const struct unit per_h[] = {
	U("h", "h", "h", 1),
	UNIT_END
};
static const struct unit per_k[] = {
	U("kg", "kg", "g", 1e3),
	UNIT_END
};
static const struct unit per_l[] = {
	U("l", "l", "l", 1),
	UNIT_END
};
static const struct unit per_m[] = {
	U("m2", "m\xC2\xB2", "m\xC2\xB2", 1),
	U("mL", "ml", "l", 1e-3),
	U("min", "min", "h", 1.0 / 60),
	U("ml", "ml", "l", 1e-3),
	U("m\xC2\xB2", "m\xC2\xB2", "m\xC2\xB2", 1),
	UNIT_END
};
static const struct unit per_d8b3[] = {
	U("\xD8\xB3\xD8\xA7\xD8\xB9\xD8\xA9", "h", "h", 1),	/* ساعة */
	UNIT_END
};
static const struct unit per_d983[] = {
	U("\xD9\x83\xD8\xBA", "kg", "g", 1e3),			/* كغ */
	U("\xD9\x83\xD8\xAC\xD9\x85", "kg", "g", 1e3),	/* كجم */
	UNIT_END
};
static const struct unit per_d985[] = {
	U("\xD9\x85\xC2\xB2", "m\xC2\xB2", "m\xC2\xB2", 1),		/* م² */
	U("\xD9\x85" "2", "m\xC2\xB2", "m\xC2\xB2", 1),		/* م2 */
	UNIT_END
};

/*
 * The entries of units[] that may be spelt at s[i): those of its first
 * byte, or of its first character where it is not ASCII; NULL when none.
 */
static const struct unit *units_at(const char *s, size_t n, size_t i)
{
	unsigned c2 = i + 1 < n ? (unsigned char)s[i + 1] : 0;

	switch ((unsigned char)s[i]) {
	case '%': return u_pct;
	case 'I': return u_I_up;
	case 'L': return u_L_up;
	case 'M': return u_M_up;
	case 'U': return u_U_up;
	case 'c': return u_c;
	case 'd': return u_d;
	case 'g': return u_g;
	case 'k': return u_k;
	case 'l': return u_l;
	case 'm': return u_m;
	case 'n': return u_n;
	case 0xC2:
		switch (c2) {
		case 0xB0: return u_c2b0;
		case 0xB5: return u_c2b5;
		}
		return NULL;
	case 0xCE:
		switch (c2) {
		case 0xBC: return u_cebc;
		}
		return NULL;
	case 0xD8:
		switch (c2) {
		case 0xAC: return u_d8ac;
		case 0xB3: return u_d8b3;
		case 0xBA: return u_d8ba;
		}
		return NULL;
	case 0xD9:
		switch (c2) {
		case 0x83: return u_d983;
		case 0x84: return u_d984;
		case 0x85: return u_d985;
		case 0x88: return u_d988;
		case 0xAA: return u_d9aa;
		}
		return NULL;
	case 0xE2:
		switch (c2) {
		case 0x80: return u_e280;
		}
		return NULL;
	}
	return NULL;
}

/* The same among the denominators. */
static const struct unit *per_units_at(const char *s, size_t n, size_t i)
{
	unsigned c2 = i + 1 < n ? (unsigned char)s[i + 1] : 0;

	switch ((unsigned char)s[i]) {
	case 'L': return per_L_up;
	case 'd': return per_d;
	case 'g': return per_g;
	case 'h': return per_h;
	case 'k': return per_k;
	case 'l': return per_l;
	case 'm': return per_m;
	case 0xD8:
		switch (c2) {
		case 0xB3: return per_d8b3;
		}
		return NULL;
	case 0xD9:
		switch (c2) {
		case 0x83: return per_d983;
		case 0x85: return per_d985;
		}
		return NULL;
	}
	return NULL;
}

/*
 * The first entry of group t (from units_at()) that is spelt at s[i) and
 * ends on a word boundary.
 */
static const struct unit *unit_match(const struct unit *t, const char *s,
				     size_t n, size_t i)
{
	for (; t && t->text; t++) {
		size_t len = t->len;

		/* the second byte before the rest: a group's entries
		 * mostly differ there */
		if (len > n - i || (len > 1 && s[i + 1] != t->text[1]) ||
		    (len > 2 && memcmp(s + i + 2, t->text + 2, len - 2)))
			continue;
		/* "%" and "°C" end themselves; a letter must not follow a word */
		if (letter_at(s, n, i + len) && t->text[0] != '%' &&
		    (unsigned char)t->text[0] != 0xE2)
			continue;
		if (i + len < n && s[i + len] >= '0' && s[i + len] <= '9' &&
		    t->text[len - 1] != '%')
			continue;
		return t;
	}
	return NULL;
}

/* dst = a, or "a/b" when b is non-NULL, cut to cap - 1 bytes. */
static void set_str(char *dst, size_t cap, const char *a, const char *b)
{
	size_t k = 0;

	while (*a && k + 1 < cap)
		dst[k++] = *a++;
	if (b && k + 1 < cap) {
		dst[k++] = '/';
		while (*b && k + 1 < cap)
			dst[k++] = *b++;
	}
	dst[k] = '\0';
}

/*
 * Read the unit after a number ending at i: at most one space, then a
 * unit, then perhaps "/unit".  Fills t and returns the end, or i.
 */
static size_t read_unit(const char *s, size_t n, size_t i, struct num_token *t)
{
	const struct unit *u, *d = NULL;
	size_t j = i, len, end;

	if (j < n && is_space_cp(cp_at(s, n, j, &len)))
		j += len;
	if (j >= n || !(u = unit_match(units_at(s, n, j), s, n, j)))
		return i;
	end = j + u->len;
	if (end + 1 < n && s[end] == '/' && u->base[0] != '%' &&
	    strchr(u->canon, '/') == NULL &&
	    (d = unit_match(per_units_at(s, n, end + 1), s, n, end + 1)))
		end += 1 + d->len;
	set_str(t->unit, sizeof(t->unit), u->canon, d ? d->canon : NULL);
	set_str(t->base_unit, sizeof(t->base_unit), u->base, d ? d->base : NULL);
	t->base = t->value * u->factor / (d ? d->factor : 1);
	return end;
}

/* ---- regions that are not text ------------------------------------- */

static int starts(const char *s, size_t n, size_t i, const char *lit)
{
	size_t len = strlen(lit);

	return n - i >= len && memcmp(s + i, lit, len) == 0;
}

/*
 * Past the code span opened by the backtick run at i, or past the run.
 * nocloser[r] (r < 64): a search for a closing run of r backticks from
 * there on found none, so a later one need not look (no quadratic time
 * on a text of unmatched backticks); a run of 64 or more opens nothing.
 */
static size_t skip_code(const char *s, size_t n, size_t i, size_t *nocloser)
{
	size_t run = 0, j;

	/* nocloser[0] (no run is empty) is 0 until the first backtick */
	if (!nocloser[0])
		for (j = 0; j < 64; j++)
			nocloser[j] = SIZE_MAX;

	while (i + run < n && s[i + run] == '`')
		run++;
	if (run >= 64 || nocloser[run] <= i)
		return i + run;
	for (j = i + run; j < n; ) {
		size_t r = 0;

		if (s[j] != '`') {
			j++;
			continue;
		}
		while (j + r < n && s[j + r] == '`')
			r++;
		if (r == run)
			return j + r;
		j += r;
	}
	nocloser[run] = i;
	return i + run;
}

/* Past a link destination "(...)" starting at i (balanced parentheses). */
static size_t skip_dest(const char *s, size_t n, size_t i)
{
	int depth = 0;
	size_t j;

	for (j = i; (j = find_any4(s, n, j, "\\()\n")) < n; j++) {
		if (s[j] == '\\' && j + 1 < n) {
			j++;
		} else if (s[j] == '(') {
			depth++;
		} else if (s[j] == ')' && --depth == 0) {
			return j + 1;
		} else if (s[j] == '\n' && j + 1 < n && s[j + 1] == '\n') {
			break;
		}
	}
	return j;
}

/* Past whatever starts with '<' at i: comment, autolink, tag; else i. */
static size_t skip_angle(const char *s, size_t n, size_t i)
{
	size_t j;

	if (starts(s, n, i, "<!--")) {
		for (j = i + 4; j + 3 <= n; j++)
			if (starts(s, n, j, "-->"))
				return j + 3;
		return n;
	}
	if (i + 1 >= n)
		return i;
	if (!is_ascii_alpha((unsigned char)s[i + 1]) && s[i + 1] != '/' &&
	    s[i + 1] != '!' && s[i + 1] != '?')
		return i;
	for (j = i + 1; j < n && s[j] != '>' && s[j] != '<'; j++)
		if (s[j] == '\n' && j + 1 < n && s[j + 1] == '\n')
			return i;
	return j < n && s[j] == '>' ? j + 1 : i;
}

/* A bare URL starts at i: past it (to the next space), else i. */
static size_t skip_url(const char *s, size_t n, size_t i)
{
	static const char *const schemes[] = {
		"https://", "http://", "ftp://", "www.", "mailto:", "tel:",
		"article:",
	};
	size_t k, j;
	unsigned prev = cp_before(s, i);

	if (is_word_letter(prev) || digit_value(prev) >= 0)
		return i;
	for (k = 0; k < ARRAY_SIZE(schemes); k++)
		if (starts(s, n, i, schemes[k]))
			break;
	if (k == ARRAY_SIZE(schemes))
		return i;
	for (j = i; j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' &&
		    s[j] != '<' && s[j] != '>'; j++)
		;
	return j;
}

/* An email address around '@' at i: past it; else i. */
static size_t skip_email(const char *s, size_t n, size_t at, size_t *start)
{
	size_t a = at, j;

	while (a > 0 && (is_ascii_alpha((unsigned char)s[a - 1]) ||
			 (s[a - 1] >= '0' && s[a - 1] <= '9') ||
			 strchr("._%+-", s[a - 1])))
		a--;
	if (a == at || at + 1 >= n || !is_ascii_alpha((unsigned char)s[at + 1]))
		return at;
	for (j = at + 1; j < n && (is_ascii_alpha((unsigned char)s[j]) ||
				   (s[j] >= '0' && s[j] <= '9') ||
				   s[j] == '.' || s[j] == '-'); j++)
		;
	*start = a;
	return j;
}

/* An ordered-list marker at the start of a line: past it, else i. */
static size_t skip_list_marker(const char *s, size_t n, size_t i)
{
	size_t j = i, d = 0;

	while (j < n && j - i < 3 && s[j] == ' ')
		j++;
	while (j < n && s[j] >= '0' && s[j] <= '9' && d < 9) {
		j++;
		d++;
	}
	if (!d || j >= n || (s[j] != '.' && s[j] != ')'))
		return i;
	j++;
	if (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n')
		return i;
	return j;
}

/* A character reference "&#160;", "&#x202F;": past it, else i. */
static size_t skip_charref(const char *s, size_t n, size_t i)
{
	size_t j = i + 2;

	if (!starts(s, n, i, "&#"))
		return i;
	if (j < n && (s[j] == 'x' || s[j] == 'X'))
		j++;
	while (j < n && j - i < 12 && ((s[j] >= '0' && s[j] <= '9') ||
		       (s[j] >= 'a' && s[j] <= 'f') || (s[j] >= 'A' && s[j] <= 'F')))
		j++;
	return j < n && s[j] == ';' ? j + 1 : i;
}

/* ---- tokens --------------------------------------------------------- */

static struct num_token *push(struct num_list *l, enum num_kind kind,
			      size_t off, size_t len)
{
	struct num_token *t;

	GROW(l->v, l->alloc, l->n + 1);
	t = &l->v[l->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->off = off;
	t->len = len;
	return t;
}

/*
 * A phone number at i ('+', '0' or '(' before one of them): groups of
 * digits joined by one space, dot, dash, slash or parenthesis, 8 digits or
 * more.  A date such as 01.02.2024 or 01/02/2024 is not a phone number.
 * Returns its end, or i.
 */
static size_t read_phone(const char *s, size_t n, size_t i, struct num_token *t)
{
	char digits[sizeof(t->digits)];
	size_t j = i, nd = 0, len, last_end = i, groups = 0, glen = 0;
	size_t group_len[8];
	int d, seps_datey = 1;

	if (s[j] == '(')
		j++;
	if (j < n && s[j] == '+')
		j++;
	else if (digit_at(s, n, j, &len) != 0)
		return i;
	for (;;) {
		d = digit_at(s, n, j, &len);
		if (d >= 0) {
			if (nd < sizeof(digits) - 1)
				digits[nd] = (char)('0' + d);
			nd++;
			glen++;
			j += len;
			last_end = j;
			continue;
		}
		if (glen) {
			if (groups < ARRAY_SIZE(group_len))
				group_len[groups] = glen;
			groups++;
			glen = 0;
		}
		if (j >= n)
			break;
		/* one joiner, or ") " / " (" */
		if (s[j] == ')' || s[j] == '(') {
			j++;
			if (j < n && s[j] == ' ')
				j++;
		} else if (s[j] == ' ' || s[j] == '.' || s[j] == '-' ||
			   s[j] == '/') {
			if (s[j] == ' ')
				seps_datey = 0;
			j++;
			if (j < n && s[j] == '(')
				j++;
		} else if (is_space_cp(cp_at(s, n, j, &len))) {
			seps_datey = 0;
			j += len;
		} else {
			break;
		}
		if (digit_at(s, n, j, &len) < 0)
			break;
	}
	if (glen) {
		if (groups < ARRAY_SIZE(group_len))
			group_len[groups] = glen;
		groups++;
	}
	if (nd < 8)
		return i;
	if (seps_datey && groups == 3 && group_len[0] <= 2 &&
	    group_len[1] <= 2 && (group_len[2] == 4 || group_len[2] == 2))
		return i;
	digits[nd < sizeof(digits) - 1 ? nd : sizeof(digits) - 1] = '\0';
	memcpy(t->digits, digits, sizeof(digits));
	return last_end;
}

/* Read digits at j into *v; returns how many digits, and moves *end. */
static size_t read_digits(const char *s, size_t n, size_t j, double *v,
			  size_t *end)
{
	size_t count = 0, len;
	int d;

	while ((d = digit_at(s, n, j, &len)) >= 0) {
		*v = *v * 10 + d;
		j += len;
		count++;
	}
	*end = j;
	return count;
}

/* Exactly k digits at j, then no digit: their value, else -1. */
static int exact_digits(const char *s, size_t n, size_t j, size_t k,
			size_t *end)
{
	double v = 0;
	size_t e;

	if (read_digits(s, n, j, &v, &e) != k)
		return -1;
	*end = e;
	return (int)v;
}

static size_t skip_spaces(const char *s, size_t n, size_t j, size_t max)
{
	size_t len, k = 0;

	while (j < n && k < max && is_space_cp(cp_at(s, n, j, &len))) {
		j += len;
		k++;
	}
	return j;
}

/* "am", "a.m.", "pm", "p.m." at j (after a space or none): +1 pm, -1 am. */
static int ampm_at(const char *s, size_t n, size_t j, size_t *end)
{
	int pm;
	size_t k = skip_spaces(s, n, j, 1);

	if (k >= n || (s[k] != 'a' && s[k] != 'p' && s[k] != 'A' &&
		       s[k] != 'P'))
		return 0;
	pm = s[k] == 'p' || s[k] == 'P';
	if (k + 1 < n && (s[k + 1] == 'm' || s[k + 1] == 'M') &&
	    !letter_at(s, n, k + 2)) {
		*end = k + 2;
		return pm ? 1 : -1;
	}
	if (starts(s, n, k + 1, ".m.") || starts(s, n, k + 1, ".M.")) {
		*end = k + 4;
		return pm ? 1 : -1;
	}
	return 0;
}

/*
 * A time at i: "14:30", "14h30", "14 h 30", "2:30 pm", "2 pm" (en),
 * "14.30 Uhr" (de), "14.30 uur" (nl).  Returns its end, or i.
 */
static size_t read_time(const char *s, size_t n, size_t i,
			const struct locale *loc, struct num_token *t)
{
	double hv = 0;
	size_t j, e = i, hd, k;
	int h, m = -1, ap;

	hd = read_digits(s, n, i, &hv, &j);
	if (hd > 2 || hv > 24)
		return i;
	h = (int)hv;
	if (j < n && s[j] == ':') {
		m = exact_digits(s, n, j + 1, 2, &e);
		if (m < 0 || m > 59 || (e < n && s[e] == ':'))
			return i;
		j = e;
	} else if (j < n) {
		k = skip_spaces(s, n, j, 1);
		if (k < n && s[k] == 'h' && !letter_at(s, n, k + 1)) {
			m = exact_digits(s, n, skip_spaces(s, n, k + 1, 1), 2, &e);
			if (m < 0 || m > 59)
				return i;
			j = e;
		} else if (loc->hour_word && s[j] == '.') {
			/*
			 * "14.30 Uhr", and "zwischen 8.30 und 12.00 Uhr":
			 * in de and nl a '.' before two digits is neither
			 * a decimal mark nor a group, so H.MM is a time;
			 * not so in a date (12.03.2024).
			 */
			m = exact_digits(s, n, j + 1, 2, &e);
			if (m < 0 || m > 59)
				return i;
			k = skip_spaces(s, n, e, 1);
			if (!starts(s, n, k, "Uhr") && !starts(s, n, k, "uur") &&
			    e + 1 < n && s[e] == '.' && s[e + 1] >= '0' &&
			    s[e + 1] <= '9')
				return i;
			j = e;
		}
	}
	if (loc->ampm && (ap = ampm_at(s, n, j, &e)) != 0 && h >= 1 && h <= 12) {
		h = h % 12 + (ap > 0 ? 12 : 0);
		j = e;
		if (m < 0)
			m = 0;
	}
	if (m < 0)
		return i;
	t->value = t->base = h * 60 + m;
	return j;
}

/*
 * A number at i, the first digit: integer part, groups, decimals, unit.
 * Returns its end (past the unit).
 */
static size_t read_number(const char *s, size_t n, size_t i,
			  const struct locale *loc, struct num_token *t)
{
	double v = 0, scale;
	size_t j, lead, len, e, k;
	int grouped_by = 0;

	lead = read_digits(s, n, i, &v, &j);
	for (;;) {
		unsigned cp;
		int grp;

		if (j >= n)
			break;
		cp = cp_at(s, n, j, &len);
		grp = ((cp == ',' && loc->grp_comma) ||
		       (cp == '.' && loc->grp_dot) ||
		       (cp == 0x066C && loc->arabic) || is_space_cp(cp));
		if (grp && lead <= 3 && (!grouped_by || grouped_by == (int)cp)) {
			double g = 0;

			if (read_digits(s, n, j + len, &g, &e) == 3) {
				v = v * 1000 + g;
				j = e;
				grouped_by = (int)cp;
				continue;
			}
		}
		break;
	}
	if (j < n) {
		unsigned cp = cp_at(s, n, j, &len);
		int dec = (cp == ',' && loc->dec_comma) ||
			  (cp == '.' && loc->dec_point) ||
			  (cp == 0x066B && loc->arabic);

		if (dec && grouped_by != (int)cp && digit_at(s, n, j + len, &k) >= 0) {
			int d;

			j += len;
			scale = 0.1;
			while ((d = digit_at(s, n, j, &len)) >= 0) {
				v += d * scale;
				scale /= 10;
				j += len;
			}
		}
	}
	t->value = t->base = v;
	return read_unit(s, n, j, t);
}

/* '%' or U+066A ending just before i, after at most one space: its start. */
static size_t percent_before(const char *s, size_t i, size_t floor)
{
	size_t j = i;

	if (j > floor && s[j - 1] == ' ')
		j--;
	if (j > floor && s[j - 1] == '%')
		return j - 1;
	if (j >= floor + 2 && (unsigned char)s[j - 2] == 0xD9 &&
	    (unsigned char)s[j - 1] == 0xAA)
		return j - 2;
	return i;
}

/* A minus sign just before i ('-' or U+2212 after a space, or at the start). */
static size_t minus_before(const char *s, size_t i, size_t floor)
{
	size_t j;
	unsigned prev;

	if (i > floor && s[i - 1] == '-')
		j = i - 1;
	else if (i >= floor + 3 && starts(s, i, i - 3, "\xE2\x88\x92"))
		j = i - 3;
	else
		return i;
	prev = cp_before(s, j);
	if (j == 0 || prev == ' ' || prev == '\n' || prev == '(' ||
	    prev == '\t' || prev == 0xA0 || prev == 0x202F)
		return j;
	return i;
}

void num_list_release(struct num_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
}

#ifdef NUMBERS_SIMPLE
/* One byte at a time: the reference the unit test holds the finders to. */
static int simple_digit(const char *s, size_t n, int arabic_only)
{
	size_t i, len;

	for (i = 0; i < n; i += len) {
		int d = digit_value(cp_at(s, n, i, &len));

		if (d >= 0 && (!arabic_only || (unsigned char)s[i] >= 0x80))
			return 1;
	}
	return 0;
}
#endif

/*
 * Every token starts with a digit that digit_value() reads (a phone
 * number's '+' or '(' is followed by digits), so a text without any has
 * none: most blocks, looked at in one pass.
 */
int numbers_has_digit(const char *s, size_t n)
{
#ifdef NUMBERS_SIMPLE
	return simple_digit(s, n, 0);
#else
	return find_digit(s, n, 0);
#endif
}

int numbers_arabic_digit(const char *s, size_t n)
{
#ifdef NUMBERS_SIMPLE
	return simple_digit(s, n, 1);
#else
	return find_digit(s, n, 1);
#endif
}

/*
 * Markup at i whose text holds no number of the text: a code span, an
 * autolink or HTML, a link destination or reference definition, a
 * character reference, an escaped character, an e-mail address (whose
 * local part's tokens are dropped from l, down to the scan's first,
 * before), a URL.  Returns where the scan goes on (i when nothing is
 * skipped); *floor_too is set when a number may not reach back past it.
 */
static size_t skip_markup(struct num_list *l, size_t before, const char *s,
			  size_t n, size_t i, size_t *nocloser, int *floor_too)
{
	unsigned char c = (unsigned char)s[i];
	size_t e, start;

	*floor_too = 1;
	switch (c) {
	case '`':
		return skip_code(s, n, i, nocloser);
	case '<':
		return skip_angle(s, n, i);
	case ']':
		if (i + 1 < n && s[i + 1] == '(')
			return skip_dest(s, n, i + 1);
		if (i + 1 < n && s[i + 1] == ':') {
			/* a link reference definition: its destination */
			e = skip_spaces(s, n, i + 2, 4);
			while (e < n && s[e] != ' ' && s[e] != '\n')
				e++;
			return e;
		}
		return i;
	case '&':
		return skip_charref(s, n, i);
	case '\\':
		*floor_too = 0;
		return i + 1 < n && s[i + 1] != '\n' ? i + 2 : i;
	case '@':
		e = skip_email(s, n, i, &start);
		if (e != i) {
			/* drop what the local part held */
			while (l->n > before && l->v[l->n - 1].off >= start)
				l->n--;
		}
		return e;
	case 'h': case 'w': case 'f': case 'm': case 't': case 'a':
		/* the second letter of a scheme first: most words
		 * starting so are no URL */
		if (i + 1 >= n || !((c == 'h' && s[i + 1] == 't') ||
				    (c == 'w' && s[i + 1] == 'w') ||
				    (c == 'f' && s[i + 1] == 't') ||
				    (c == 'm' && s[i + 1] == 'a') ||
				    (c == 't' && s[i + 1] == 'e') ||
				    (c == 'a' && s[i + 1] == 'r')))
			return i;
		return skip_url(s, n, i);
	default:
		return i;
	}
}

/* The rest of a word the scan is in, from i. */
static size_t word_rest(const char *s, size_t n, size_t i)
{
	size_t l2;

	while (i < n) {
		unsigned c2;

		if (is_ascii_alpha((unsigned char)s[i])) {
			i++;
			continue;
		}
		c2 = cp_at(s, n, i, &l2);

		/* "COVID-19", "pT1-2": a name, digits and all */
		if (c2 == '-' && i + 1 < n && s[i + 1] >= '0' &&
		    s[i + 1] <= '9') {
			i++;
			continue;
		}
		if (!is_word_letter(c2) && digit_value(c2) < 0)
			break;
		i += l2;
	}
	return i;
}

/* Past the word whose first letter (len bytes) is at i: digits glued to
 * a word are part of a name ("B12", "H2O", "COVID-19", "pT1-2"). */
static size_t skip_word(const char *s, size_t n, size_t i, size_t len)
{
	return word_rest(s, n, i + len);
}

/*
 * The token of the run of digits at i (the first digit): a phone number,
 * a time or a number (with a minus or Turkish percent sign before it,
 * not before floor).  Returns its end.
 */
static size_t read_token(struct num_list *l, const char *s, size_t n, size_t i,
			 const struct locale *loc, size_t floor)
{
	/* read into the token pushed, zeroed: each reader writes it only
	 * when it reads something */
	struct num_token *t = push(l, NUM_PHONE, i, 0);
	size_t e, from, pct;

	if (digit_at(s, n, i, &e) == 0 && (e = read_phone(s, n, i, t)) != i) {
		t->len = e - i;
		return e;
	}
	if ((e = read_time(s, n, i, loc, t)) != i) {
		t->kind = NUM_TIME;
		t->len = e - i;
		return e;
	}
	e = read_number(s, n, i, loc, t);
	from = minus_before(s, i, floor);
	pct = percent_before(s, from, floor);
	if (from != i) {
		t->value = -t->value;
		t->base = -t->base;
	}
	if (pct != from && !t->unit[0]) {
		strcpy(t->unit, "%");
		strcpy(t->base_unit, "%");
		t->base = t->value;
		from = pct;
	}
	t->kind = NUM_NUMBER;
	t->off = from;
	t->len = e - from;
	return e;
}

/*
 * Where the letters of a URL scheme ending in ':' ("https", "mailto",
 * "article"...) start, when they end at the ':' at j and start at or
 * after i; else j.  Of skip_url()'s schemes, "www." has no ':', and the
 * others' letters differ in their last two, so one at most ends here.
 */
static size_t scheme_before(const char *s, size_t j, size_t i)
{
	static const char *const colon[] = {
		"article", "mailto", "https", "http", "ftp", "tel",
	};
	size_t k;

	if (j - i < 3)
		return j;
	for (k = 0; k < ARRAY_SIZE(colon); k++) {
		size_t len = strlen(colon[k]);

		if (j - i >= len && s[j - 1] == colon[k][len - 1] &&
		    !memcmp(s + j - len, colon[k], len))
			return j - len;
	}
	return j;
}

/*
 * From i, where the scan stands on a character of its own (not inside a
 * word or markup) and not at the start of a line, to the next place the
 * scan has work, stepping over what one byte at a time would read and
 * leave: letters, words, spaces, punctuation.  What that stepping would
 * have done on the way is done here: a URL whose scheme ends at a ':'
 * or "www." is skipped (and *floor moved past it), and a digit glued to
 * the word before it ("B12") is stepped over with its word.  Returns
 * where the scan goes on, or n.
 */
static size_t quiet_run(const char *s, size_t n, size_t i, size_t *floor)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i, p, e;

	for (;; j++) {
		unsigned char c;

		j = find_scan_stop(s, n, j);
		if (j >= n)
			return n;
		c = u[j];
		if ((c >= '0' && c <= '9') ||
		    (c == 0xD9 && j + 1 < n && u[j + 1] >= 0xA0 && u[j + 1] <= 0xA9) ||
		    (c == 0xDB && j + 1 < n && u[j + 1] >= 0xB0 && u[j + 1] <= 0xB9)) {
			/*
			 * Is it glued to a word ("B12", "COVID-19")?  Walk
			 * as the scan would from the last byte that no word
			 * holds (ASCII, not a letter, '_' or '-'): the scan
			 * stands on it, then on what follows.
			 */
			for (p = j; p > i && (u[p - 1] >= 0x80 || is_ascii_alpha(u[p - 1]) ||
					      u[p - 1] == '_' || u[p - 1] == '-'); p--)
				;
			while (p < j) {
				size_t len;

				if (is_word_letter(cp_at(s, n, p, &len)))
					p = word_rest(s, n, p + len);
				else
					p += len;
			}
			return p;
		}
		switch (c) {
		case ':':
			/* "https:", "mailto:", "article:"...: the scheme
			 * whose letters end here, not before i */
			if ((p = scheme_before(s, j, i)) != j &&
			    (e = skip_url(s, n, p)) != p) {
				*floor = e;
				return e;
			}
			continue;
		case 'w':
			/* "www.", from its start */
			if (n - j >= 4 && !memcmp(s + j, "www.", 4) &&
			    (e = skip_url(s, n, j)) != j) {
				*floor = e;
				return e;
			}
			continue;
		case '\n': case '&': case '(': case '+': case '<': case '@':
		case '\\': case ']': case '`':
			return j;
		default:
			/* ')', '*', '.', '/', ';', '=', '>', '?', a 'w'
			 * of no "www.", an Arabic letter: one byte's
			 * step, nothing to do */
			continue;
		}
	}
}

size_t numbers_scan(struct num_list *l, const char *s, size_t n,
		    const char *lang)
{
	if (!numbers_has_digit(s, n))
		return 0;
	return numbers_scan_unchecked(l, s, n, lang);
}

size_t numbers_scan_unchecked(struct num_list *l, const char *s, size_t n,
			      const char *lang)
{
	struct locale loc;
	size_t before = l->n, i = 0, floor = 0, len, e;
	size_t nocloser[64];

	loc = locale_of(lang);
	nocloser[0] = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp, prev;
		int floor_too;

		if (i == 0 || s[i - 1] == '\n') {
			e = skip_list_marker(s, n, i);
			if (e != i) {
				i = floor = e;
				continue;
			}
		} else {
#ifndef NUMBERS_SIMPLE
			i = quiet_run(s, n, i, &floor);
			if (i >= n)
				break;
			c = (unsigned char)s[i];
#else
			/* byte by byte, as quiet_run() must read the same */
			(void)quiet_run;
#endif
		}
		e = skip_markup(l, before, s, n, i, nocloser, &floor_too);
		if (e != i) {
			i = e;
			if (floor_too)
				floor = e;
			continue;
		}
		/* most bytes are letters, spaces and punctuation: the fast
		 * way past them */
		if (c < 0x80 && !is_ascii_alpha(c) && c != '_' &&
		    (c < '0' || c > '9') && c != '+' && c != '(') {
			i++;
			continue;
		}
		cp = cp_at(s, n, i, &len);
		if (is_word_letter(cp)) {
			i = skip_word(s, n, i, len);
			continue;
		}
		prev = cp_before(s, i);
		if ((c == '+' || c == '(') && !is_word_letter(prev) &&
		    digit_value(prev) < 0) {
			struct num_token tok;

			memset(&tok, 0, sizeof(tok));
			e = read_phone(s, n, i, &tok);
			if (e != i) {
				struct num_token *t = push(l, NUM_PHONE, i, e - i);

				memcpy(t->digits, tok.digits, sizeof(t->digits));
				i = floor = e;
				continue;
			}
			i += len;
			continue;
		}
		if (digit_value(cp) < 0 || digit_value(prev) >= 0) {
			i += len;
			continue;
		}
		/* a digit that starts a run */
		i = floor = read_token(l, s, n, i, &loc, floor);
	}
	return l->n - before;
}

static int same_value(double a, double b)
{
	double d = fabs(a - b), m = fmax(fabs(a), fabs(b));

	return d <= 1e-9 * m || d < 1e-12;
}

int num_equal(const struct num_token *a, const struct num_token *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == NUM_PHONE)
		return strcmp(a->digits, b->digits) == 0;
	if (a->kind == NUM_TIME)
		return same_value(a->value, b->value);
	if (strcmp(a->base_unit, b->base_unit))
		return 0;
	return same_value(a->base, b->base);
}

void num_format(struct buf *b, const struct num_token *t)
{
	char v[40];

	switch (t->kind) {
	case NUM_PHONE:
		buf_adds(b, t->digits);
		return;
	case NUM_TIME:
		buf_addf(b, "%d:%02d", (int)t->value / 60, (int)t->value % 60);
		return;
	case NUM_NUMBER:
		snprintf(v, sizeof(v), "%.10g", t->value);
		buf_adds(b, v);
		if (t->unit[0]) {
			buf_addc(b, ' ');
			buf_adds(b, t->unit);
		}
		return;
	}
}

static int ends_with(const char *s, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i >= n && !memcmp(s + i - n, w, n);
}

enum num_cmp numbers_comparison(const char *s, size_t off)
{
	size_t i = off;
	unsigned char c;

	/* the spaces between the sign and the number */
	for (;;) {
		if (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			i--;
		else if (ends_with(s, i, "\xc2\xa0"))
			i -= 2;
		else if (ends_with(s, i, "\xe2\x80\xaf"))
			i -= 3;
		else
			break;
	}
	if (ends_with(s, i, "\xe2\x89\xa4") || ends_with(s, i, "\xe2\xa9\xbd") ||
	    ends_with(s, i, "&le;") || ends_with(s, i, "<="))
		return NUM_CMP_LE;
	if (ends_with(s, i, "\xe2\x89\xa5") || ends_with(s, i, "\xe2\xa9\xbe") ||
	    ends_with(s, i, "&ge;") || ends_with(s, i, ">="))
		return NUM_CMP_GE;
	if (ends_with(s, i, "&lt;"))
		return NUM_CMP_LT;
	if (ends_with(s, i, "&gt;"))
		return NUM_CMP_GT;
	if (!i)
		return NUM_CMP_NONE;
	if (s[i - 1] == '<')
		return NUM_CMP_LT;
	if (s[i - 1] != '>')
		return NUM_CMP_NONE;
	/* "->", "=>" and a tag's end ("<b>", "<br/>", `<a href="x">`) */
	c = i >= 2 ? (unsigned char)s[i - 2] : ' ';
	if (c == '-' || c == '=' || c == '/' || c == '"' || c == '\'' ||
	    is_ascii_alpha(c) || (c >= '0' && c <= '9'))
		return NUM_CMP_NONE;
	return NUM_CMP_GT;
}

const char *num_cmp_sign(enum num_cmp c)
{
	switch (c) {
	case NUM_CMP_LT: return "<";
	case NUM_CMP_LE: return "\xe2\x89\xa4";
	case NUM_CMP_GT: return ">";
	case NUM_CMP_GE: return "\xe2\x89\xa5";
	default: return "";
	}
}
