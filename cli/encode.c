/*
 * encode.c - text pages through iconv (encode.h).
 */
#include "encode.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NAME_MAX_LEN 64

static int is_utf8_name(const char *name)
{
	char k[NAME_MAX_LEN + 1];
	size_t i, n = 0;

	for (i = 0; name[i] && n < NAME_MAX_LEN; i++) {
		char c = name[i];

		if (c == '-' || c == '_')
			continue;
		k[n++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	k[n] = '\0';
	return !strcmp(k, "utf8");
}

/* Does the encoding have the UTF-8 character u? */
static int has_char(iconv_t cd, const char *u)
{
	char in[8], out[32];
	char *ip = in, *op = out;
	size_t il = strlen(u), ol = sizeof(out);

	memcpy(in, u, il);
	iconv(cd, NULL, NULL, NULL, NULL);
	return iconv(cd, &ip, &il, &op, &ol) != (size_t)-1;
}

static void probe_spellings(struct encoding *e, iconv_t cd);

int encoding_open(struct encoding *e, const char *name, int translit)
{
	iconv_t cd;
	size_t i;

	memset(e, 0, sizeof(*e));
	e->translit = translit;
	if (!name || !*name || is_utf8_name(name)) {
		e->name = xstrdup(name && *name ? name : "utf-8");
		e->utf8 = 1;
		return 0;
	}
	if (strlen(name) > NAME_MAX_LEN)
		return -1;
	for (i = 0; name[i]; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.' || c == ':'))
			return -1;
	}
	/* the probe is without //TRANSLIT: what the encoding itself has */
	cd = iconv_open(name, "UTF-8");
	if (cd == (iconv_t)-1)
		return -1;
	e->no_nnbsp = !has_char(cd, "\xE2\x80\xAF");
	e->no_nbsp = !has_char(cd, "\xC2\xA0");
	e->no_rsquo = !has_char(cd, "\xE2\x80\x99");
	if (translit)
		probe_spellings(e, cd);
	iconv_close(cd);
	e->name = xstrdup(name);
	return 0;
}

void encoding_release(struct encoding *e)
{
	free(e->name);
	e->name = NULL;
}

void encoder_init(struct encoder *c, const struct encoding *e)
{
	c->e = e;
	c->cd = (iconv_t)-1;
	c->tr = (iconv_t)-1;
	buf_init(&c->fallback);
	c->subs = NULL;
	c->nsubs = c->asubs = 0;
}

void encoder_release(struct encoder *c)
{
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	if (c->tr != (iconv_t)-1)
		iconv_close(c->tr);
	c->cd = c->tr = (iconv_t)-1;
	buf_release(&c->fallback);
	free(c->subs);
	c->subs = NULL;
	c->nsubs = c->asubs = 0;
}

/*
 * --translit's own spellings, for characters whose meaning iconv's
 * //TRANSLIT would change or drop: a superscript digit read as a plain
 * one makes 10^9 a hundred and nine, Arabic-Indic digits and U+2030
 * become '?', and Greek mu becomes 'm' (micrograms as milligrams).
 * Used only where the encoding lacks the character (probed once, in
 * encoding_open()).  Superscripts and subscripts are taken as a run:
 * "10¹⁵" in latin1, which has ¹ but not ⁵, is 10^15, not 10¹^5.
 * Sorted by code point.
 */
enum { SP_PLAIN, SP_SUP, SP_SUB, SP_GROUP, SP_MICRO };

static const struct spelling {
	unsigned cp;
	const char *as;
	unsigned char kind;
} spellings[] = {
	{ 0x00B1, "+/-", SP_PLAIN }, { 0x00B2, "2", SP_SUP },
	{ 0x00B3, "3", SP_SUP }, { 0x00B5, "u", SP_MICRO },
	{ 0x00B9, "1", SP_SUP }, { 0x03BC, "u", SP_MICRO },
	{ 0x0660, "0", SP_PLAIN }, { 0x0661, "1", SP_PLAIN },
	{ 0x0662, "2", SP_PLAIN }, { 0x0663, "3", SP_PLAIN },
	{ 0x0664, "4", SP_PLAIN }, { 0x0665, "5", SP_PLAIN },
	{ 0x0666, "6", SP_PLAIN }, { 0x0667, "7", SP_PLAIN },
	{ 0x0668, "8", SP_PLAIN }, { 0x0669, "9", SP_PLAIN },
	/* folio's Arabic notation with Western digits: 38,5 and 1 000 */
	{ 0x066A, "%", SP_PLAIN }, { 0x066B, ",", SP_PLAIN },
	{ 0x066C, " ", SP_GROUP },
	{ 0x06F0, "0", SP_PLAIN }, { 0x06F1, "1", SP_PLAIN },
	{ 0x06F2, "2", SP_PLAIN }, { 0x06F3, "3", SP_PLAIN },
	{ 0x06F4, "4", SP_PLAIN }, { 0x06F5, "5", SP_PLAIN },
	{ 0x06F6, "6", SP_PLAIN }, { 0x06F7, "7", SP_PLAIN },
	{ 0x06F8, "8", SP_PLAIN }, { 0x06F9, "9", SP_PLAIN },
	{ 0x2030, "o/oo", SP_PLAIN }, { 0x2031, "o/ooo", SP_PLAIN },
	{ 0x2070, "0", SP_SUP }, { 0x2074, "4", SP_SUP },
	{ 0x2075, "5", SP_SUP }, { 0x2076, "6", SP_SUP },
	{ 0x2077, "7", SP_SUP }, { 0x2078, "8", SP_SUP },
	{ 0x2079, "9", SP_SUP }, { 0x207A, "+", SP_SUP },
	{ 0x207B, "-", SP_SUP }, { 0x207C, "=", SP_SUP },
	{ 0x207D, "(", SP_SUP }, { 0x207E, ")", SP_SUP },
	{ 0x2080, "0", SP_SUB }, { 0x2081, "1", SP_SUB },
	{ 0x2082, "2", SP_SUB }, { 0x2083, "3", SP_SUB },
	{ 0x2084, "4", SP_SUB }, { 0x2085, "5", SP_SUB },
	{ 0x2086, "6", SP_SUB }, { 0x2087, "7", SP_SUB },
	{ 0x2088, "8", SP_SUB }, { 0x2089, "9", SP_SUB },
	{ 0x208A, "+", SP_SUB }, { 0x208B, "-", SP_SUB },
	{ 0x208C, "=", SP_SUB }, { 0x208D, "(", SP_SUB },
	{ 0x208E, ")", SP_SUB },
	{ 0x2212, "-", SP_PLAIN },
};

_Static_assert(ARRAY_SIZE(spellings) <= ENCODE_SPELLINGS,
	       "struct encoding has room for every spelling");

static int spelling_find(unsigned cp)
{
	size_t lo = 0, hi = ARRAY_SIZE(spellings);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (spellings[mid].cp == cp)
			return (int)mid;
		if (spellings[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Which of the characters folio spells itself the encoding lacks. */
static void probe_spellings(struct encoding *e, iconv_t cd)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(spellings); k++) {
		struct buf u = BUF_INIT;

		buf_addcp(&u, spellings[k].cp);
		e->lacks[k] = !has_char(cd, u.buf);
		buf_release(&u);
	}
}

/* The code point at s[i..n) and its length (a bad byte: U+FFFD, 1). */
static unsigned cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					      (utf8proc_ssize_t)(n - i), &cp);

	if (k <= 0) {
		*len = 1;
		return 0xFFFD;
	}
	*len = (size_t)k;
	return (unsigned)cp;
}

/* orig[o, o + ol) became the last cl bytes of c->fallback. */
static void sub_note(struct encoder *c, size_t o, size_t ol, size_t cl)
{
	if (c->nsubs == c->asubs) {
		c->asubs = c->asubs ? 2 * c->asubs : 16;
		c->subs = xrealloc(c->subs, c->asubs * sizeof(*c->subs));
	}
	c->subs[c->nsubs].o = o;
	c->subs[c->nsubs].ol = ol;
	c->subs[c->nsubs].c = c->fallback.len - cl;
	c->subs[c->nsubs].cl = cl;
	c->nsubs++;
}

/* A run of superscripts (or subscripts) at s[i..n) as ^15 (_2), or 0. */
static int substitute_run(struct encoder *c, const char *s, size_t n,
			  size_t i, unsigned kind, size_t *used)
{
	size_t j = i, l;
	int lacks = 0, m;

	while (j < n && (m = spelling_find(cp_at(s, n, j, &l))) >= 0 &&
	       spellings[m].kind == kind) {
		lacks |= c->e->lacks[m];
		j += l;
	}
	*used = j - i;
	if (!lacks)
		return 0;
	buf_addc(&c->fallback, kind == SP_SUP ? '^' : '_');
	for (j = i; j < i + *used; j += l)
		buf_adds(&c->fallback,
			 spellings[spelling_find(cp_at(s, n, j, &l))].as);
	return 1;
}

/*
 * What replaces the character cp at s[i..n) (len bytes), appended to
 * c->fallback; 0 when it stays.  *used: the bytes of s it stands for
 * (a run of superscripts is replaced whole, or kept whole).
 */
static int substitute(struct encoder *c, const char *s, size_t n, size_t i,
		      unsigned cp, size_t len, size_t *used)
{
	const struct encoding *e = c->e;
	int k;

	*used = len;
	if (cp == 0x202F && e->no_nnbsp) {
		buf_adds(&c->fallback, e->no_nbsp ? " " : "\xC2\xA0");
		return 1;
	}
	if (cp == 0x00A0 && e->no_nbsp) {
		buf_addc(&c->fallback, ' ');
		return 1;
	}
	if (cp == 0x2019 && e->no_rsquo) {
		buf_addc(&c->fallback, '\'');
		return 1;
	}
	if (!e->translit || (k = spelling_find(cp)) < 0)
		return 0;
	if (spellings[k].kind == SP_SUP || spellings[k].kind == SP_SUB)
		return substitute_run(c, s, n, i, spellings[k].kind, used);
	if (!e->lacks[k])
		return 0;
	if (spellings[k].kind == SP_GROUP && !e->no_nbsp)
		buf_adds(&c->fallback, "\xC2\xA0");
	else if (cp == 0x03BC && !e->lacks[spelling_find(0x00B5)])
		buf_adds(&c->fallback, "\xC2\xB5");
	else
		buf_adds(&c->fallback, spellings[k].as);
	return 1;
}

/*
 * The page with what the encoding lacks and folio spells itself replaced
 * (the no-break spaces, the apostrophe, and with --translit the table
 * above) in c->fallback, each replacement noted in c->subs; s itself
 * when nothing needs replacing.
 */
static const char *fallback(struct encoder *c, const char *s, size_t *n)
{
	const struct encoding *e = c->e;
	size_t i, len, used, start = 0;

	c->nsubs = 0;
	if (!e->no_nnbsp && !e->no_nbsp && !e->no_rsquo && !e->translit)
		return s;
	buf_reset(&c->fallback);
	for (i = 0; i < *n; i += len) {
		unsigned cp;
		size_t before, kept;

		if ((unsigned char)s[i] < 0x80) {
			len = 1;
			continue;
		}
		cp = cp_at(s, *n, i, &len);
		kept = c->fallback.len;
		buf_add(&c->fallback, s + start, i - start);
		before = c->fallback.len;
		if (!substitute(c, s, *n, i, cp, len, &used)) {
			/* stays: copied with the text after it */
			buf_setlen(&c->fallback, kept);
			len = used;
			continue;
		}
		sub_note(c, i, used, c->fallback.len - before);
		start = i + used;
		len = used;
	}
	if (!c->nsubs)
		return s;
	buf_add(&c->fallback, s + start, *n - start);
	*n = c->fallback.len;
	return c->fallback.buf;
}

static void note_bad(struct encode_bad *bad, unsigned cp, size_t offset)
{
	size_t i;

	for (i = 0; i < bad->n; i++)
		if (bad->v[i].cp == cp)
			return;
	if (bad->n == ENCODE_BAD_MAX) {
		/* counted once per character only while they are few */
		bad->more++;
		return;
	}
	bad->v[bad->n].cp = cp;
	bad->v[bad->n].offset = offset;
	bad->n++;
}

/* The offset in the original page of an offset in the replaced one. */
static size_t original_offset(const struct encoder *c, size_t off)
{
	size_t lo = 0, hi = c->nsubs;

	/* the last replacement that starts at or before off */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->subs[mid].c <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return off;
	lo--;
	if (off < c->subs[lo].c + c->subs[lo].cl)
		return c->subs[lo].o;
	return off - (c->subs[lo].c + c->subs[lo].cl) +
	       (c->subs[lo].o + c->subs[lo].ol);
}

/* Convert s[0..n) whole through cd into out, or nothing and -1. */
static int convert_piece(iconv_t cd, const char *s, size_t n, struct buf *out)
{
	char tmp[64], *in = (char *)s, *op = tmp;
	size_t il = n, ol = sizeof(tmp);

	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &in, &il, &op, &ol) == (size_t)-1 || il ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		return -1;
	buf_add(out, tmp, (size_t)(op - tmp));
	return 0;
}

/*
 * Letters with no accent to strip, so no decomposition, that iconv's
 * //TRANSLIT in the C locale turns into '?': what they are read as.
 */
static const struct { unsigned cp; const char *as; } letters[] = {
	{ 0x00C6, "AE" }, { 0x00D0, "D" }, { 0x00D8, "O" }, { 0x00DE, "Th" },
	{ 0x00DF, "ss" }, { 0x00E6, "ae" }, { 0x00F0, "d" }, { 0x00F8, "o" },
	{ 0x00FE, "th" }, { 0x0110, "D" }, { 0x0111, "d" }, { 0x0126, "H" },
	{ 0x0127, "h" }, { 0x0131, "i" }, { 0x0141, "L" }, { 0x0142, "l" },
	{ 0x014A, "N" }, { 0x014B, "n" }, { 0x0152, "OE" }, { 0x0153, "oe" },
	{ 0x0166, "T" }, { 0x0167, "t" },
};

/* Only ever asked about a character an encoding lacks: a linear look. */
static const char *letter_as(int32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if (letters[i].cp == (unsigned)cp)
			return letters[i].as;
	return NULL;
}

/* A digit, fraction, numeral: a character that stands for a number. */
static int is_numeric(int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_NL ||
	       cat == UTF8PROC_CATEGORY_NO;
}

/* Question marks of other scripts, which '?' spells faithfully. */
static int is_question(int32_t cp)
{
	return cp == 0x00BF || cp == 0x037E || cp == 0x061F || cp == 0x2047 ||
	       cp == 0x2048 || cp == 0x2049 || cp == 0x2E2E || cp == 0xFE56 ||
	       cp == 0xFF1F;
}

/*
 * Is out[from..) a spelling of cp that keeps what the text says?  Not
 * when it holds the '?' iconv writes for a character it has nothing for,
 * nor a digit where cp is not a number (the encodings iconv is asked for
 * here all write ASCII as ASCII).
 */
static int faithful(int32_t cp, const struct buf *out, size_t from)
{
	size_t i;

	for (i = from; i < out->len; i++) {
		char ch = out->buf[i];

		if (ch == '?' && !is_question(cp))
			return 0;
		if (ch >= '0' && ch <= '9' && !is_numeric(cp))
			return 0;
	}
	return 1;
}

/*
 * --translit for one character the encoding lacks, and that encode.c
 * does not spell itself.  First the letter without its marks (ğ -> g,
 * İ -> I: utf8proc, the same everywhere), then folio's table of letters,
 * then iconv's //TRANSLIT (“ -> ", € -> EUR, ½ -> 1/2), whose tables
 * would otherwise depend on the locale's; folio never sets one, so glibc
 * uses the C locale's, the same on every machine.  A number is never
 * decomposed (① would be 1, and ①② twelve).  -1 when nothing spells it
 * faithfully: out is then as it was.
 */
static int translit(struct encoder *c, const char *s, size_t n, int32_t cp,
		    struct buf *out)
{
	utf8proc_int32_t d[8];
	utf8proc_ssize_t nd = 0;
	struct buf u = BUF_INIT;
	int last = 0, ret = -1;
	size_t from = out->len;
	utf8proc_ssize_t i;

	if (!is_numeric(cp))
		nd = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE |
					     UTF8PROC_COMPAT | UTF8PROC_STRIPMARK,
					     &last);
	if (nd > 0 && nd <= 8 && !(nd == 1 && d[0] == cp)) {
		for (i = 0; i < nd; i++)
			buf_addcp(&u, (unsigned)d[i]);
		if (convert_piece(c->cd, u.buf, u.len, out) == 0) {
			if (faithful(cp, out, from)) {
				ret = 0;
				goto out;
			}
			buf_setlen(out, from);
		}
	}
	if (letter_as(cp) &&
	    convert_piece(c->cd, letter_as(cp), strlen(letter_as(cp)), out) == 0) {
		ret = 0;
		goto out;
	}
	if (c->tr == (iconv_t)-1) {
		struct buf name = BUF_INIT;

		buf_addf(&name, "%s//TRANSLIT", c->e->name);
		c->tr = iconv_open(name.buf, "UTF-8");
		buf_release(&name);
	}
	if (c->tr != (iconv_t)-1 && convert_piece(c->tr, s, n, out) == 0) {
		if (faithful(cp, out, from))
			ret = 0;
		else
			buf_setlen(out, from);
	}
out:
	buf_release(&u);
	return ret;
}

int encoder_convert(struct encoder *c, const char *s, size_t n,
		    struct buf *out, struct encode_bad *bad)
{
	const char *src = s;
	char *in, *op;
	size_t inleft, ol, srcn = n;
	int failed = 0;

	memset(bad, 0, sizeof(*bad));
	if (c->e->utf8) {
		buf_add(out, s, n);
		return 0;
	}
	if (c->cd == (iconv_t)-1) {
		c->cd = iconv_open(c->e->name, "UTF-8");
		if (c->cd == (iconv_t)-1) {
			/* probed at the start of the run: cannot happen */
			bad->v[0].cp = 0xFFFD;
			bad->n = 1;
			return -1;
		}
	}
	src = fallback(c, s, &srcn);
	iconv(c->cd, NULL, NULL, NULL, NULL);
	in = (char *)src;
	inleft = srcn;
	buf_grow(out, srcn + 16);
	for (;;) {
		size_t r;

		op = out->buf + out->len;
		ol = out->alloc - out->len - 1;
		r = inleft ? iconv(c->cd, &in, &inleft, &op, &ol) :
			     iconv(c->cd, NULL, NULL, &op, &ol);
		out->len = (size_t)(op - out->buf);
		if (r != (size_t)-1) {
			if (!inleft)
				break;
			continue;
		}
		if (errno == E2BIG) {
			buf_grow(out, out->alloc);
			continue;
		}
		/* EILSEQ (or EINVAL): a character it lacks */
		{
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)in,
							      (utf8proc_ssize_t)inleft, &cp);
			size_t off = (size_t)(in - src);

			if (k <= 0) {
				cp = 0xFFFD;
				k = 1;
			}
			if (!c->e->translit || translit(c, in, (size_t)k, cp, out) < 0) {
				note_bad(bad, (unsigned)cp,
					 original_offset(c, off));
				failed = 1;
			}
			in += k;
			inleft -= (size_t)k;
		}
	}
	buf_setlen(out, out->len);
	return failed ? -1 : 0;
}

/* ---- names ---- */

static const struct {
	unsigned cp;
	const char *name;
} names[] = {
	{ 0x00A0, "NO-BREAK SPACE" },
	{ 0x00AB, "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK" },
	{ 0x00BB, "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK" },
	{ 0x00C0, "LATIN CAPITAL LETTER A WITH GRAVE" },
	{ 0x00C2, "LATIN CAPITAL LETTER A WITH CIRCUMFLEX" },
	{ 0x00C4, "LATIN CAPITAL LETTER A WITH DIAERESIS" },
	{ 0x00C7, "LATIN CAPITAL LETTER C WITH CEDILLA" },
	{ 0x00C8, "LATIN CAPITAL LETTER E WITH GRAVE" },
	{ 0x00C9, "LATIN CAPITAL LETTER E WITH ACUTE" },
	{ 0x00CA, "LATIN CAPITAL LETTER E WITH CIRCUMFLEX" },
	{ 0x00CE, "LATIN CAPITAL LETTER I WITH CIRCUMFLEX" },
	{ 0x00D4, "LATIN CAPITAL LETTER O WITH CIRCUMFLEX" },
	{ 0x00D6, "LATIN CAPITAL LETTER O WITH DIAERESIS" },
	{ 0x00DC, "LATIN CAPITAL LETTER U WITH DIAERESIS" },
	{ 0x00DF, "LATIN SMALL LETTER SHARP S" },
	{ 0x00E0, "LATIN SMALL LETTER A WITH GRAVE" },
	{ 0x00E2, "LATIN SMALL LETTER A WITH CIRCUMFLEX" },
	{ 0x00E4, "LATIN SMALL LETTER A WITH DIAERESIS" },
	{ 0x00E7, "LATIN SMALL LETTER C WITH CEDILLA" },
	{ 0x00E8, "LATIN SMALL LETTER E WITH GRAVE" },
	{ 0x00E9, "LATIN SMALL LETTER E WITH ACUTE" },
	{ 0x00EA, "LATIN SMALL LETTER E WITH CIRCUMFLEX" },
	{ 0x00EB, "LATIN SMALL LETTER E WITH DIAERESIS" },
	{ 0x00EE, "LATIN SMALL LETTER I WITH CIRCUMFLEX" },
	{ 0x00EF, "LATIN SMALL LETTER I WITH DIAERESIS" },
	{ 0x00F4, "LATIN SMALL LETTER O WITH CIRCUMFLEX" },
	{ 0x00F6, "LATIN SMALL LETTER O WITH DIAERESIS" },
	{ 0x00F9, "LATIN SMALL LETTER U WITH GRAVE" },
	{ 0x00FB, "LATIN SMALL LETTER U WITH CIRCUMFLEX" },
	{ 0x00FC, "LATIN SMALL LETTER U WITH DIAERESIS" },
	{ 0x011E, "LATIN CAPITAL LETTER G WITH BREVE" },
	{ 0x011F, "LATIN SMALL LETTER G WITH BREVE" },
	{ 0x0130, "LATIN CAPITAL LETTER I WITH DOT ABOVE" },
	{ 0x0131, "LATIN SMALL LETTER DOTLESS I" },
	{ 0x0152, "LATIN CAPITAL LIGATURE OE" },
	{ 0x0153, "LATIN SMALL LIGATURE OE" },
	{ 0x015E, "LATIN CAPITAL LETTER S WITH CEDILLA" },
	{ 0x015F, "LATIN SMALL LETTER S WITH CEDILLA" },
	{ 0x0178, "LATIN CAPITAL LETTER Y WITH DIAERESIS" },
	{ 0x060C, "ARABIC COMMA" },
	{ 0x061B, "ARABIC SEMICOLON" },
	{ 0x061F, "ARABIC QUESTION MARK" },
	{ 0x0621, "ARABIC LETTER HAMZA" },
	{ 0x0622, "ARABIC LETTER ALEF WITH MADDA ABOVE" },
	{ 0x0623, "ARABIC LETTER ALEF WITH HAMZA ABOVE" },
	{ 0x0624, "ARABIC LETTER WAW WITH HAMZA ABOVE" },
	{ 0x0625, "ARABIC LETTER ALEF WITH HAMZA BELOW" },
	{ 0x0626, "ARABIC LETTER YEH WITH HAMZA ABOVE" },
	{ 0x0627, "ARABIC LETTER ALEF" },
	{ 0x0628, "ARABIC LETTER BEH" },
	{ 0x0629, "ARABIC LETTER TEH MARBUTA" },
	{ 0x062A, "ARABIC LETTER TEH" },
	{ 0x062B, "ARABIC LETTER THEH" },
	{ 0x062C, "ARABIC LETTER JEEM" },
	{ 0x062D, "ARABIC LETTER HAH" },
	{ 0x062E, "ARABIC LETTER KHAH" },
	{ 0x062F, "ARABIC LETTER DAL" },
	{ 0x0630, "ARABIC LETTER THAL" },
	{ 0x0631, "ARABIC LETTER REH" },
	{ 0x0632, "ARABIC LETTER ZAIN" },
	{ 0x0633, "ARABIC LETTER SEEN" },
	{ 0x0634, "ARABIC LETTER SHEEN" },
	{ 0x0635, "ARABIC LETTER SAD" },
	{ 0x0636, "ARABIC LETTER DAD" },
	{ 0x0637, "ARABIC LETTER TAH" },
	{ 0x0638, "ARABIC LETTER ZAH" },
	{ 0x0639, "ARABIC LETTER AIN" },
	{ 0x063A, "ARABIC LETTER GHAIN" },
	{ 0x0640, "ARABIC TATWEEL" },
	{ 0x0641, "ARABIC LETTER FEH" },
	{ 0x0642, "ARABIC LETTER QAF" },
	{ 0x0643, "ARABIC LETTER KAF" },
	{ 0x0644, "ARABIC LETTER LAM" },
	{ 0x0645, "ARABIC LETTER MEEM" },
	{ 0x0646, "ARABIC LETTER NOON" },
	{ 0x0647, "ARABIC LETTER HEH" },
	{ 0x0648, "ARABIC LETTER WAW" },
	{ 0x0649, "ARABIC LETTER ALEF MAKSURA" },
	{ 0x064A, "ARABIC LETTER YEH" },
	{ 0x064B, "ARABIC FATHATAN" },
	{ 0x064C, "ARABIC DAMMATAN" },
	{ 0x064D, "ARABIC KASRATAN" },
	{ 0x064E, "ARABIC FATHA" },
	{ 0x064F, "ARABIC DAMMA" },
	{ 0x0650, "ARABIC KASRA" },
	{ 0x0651, "ARABIC SHADDA" },
	{ 0x0652, "ARABIC SUKUN" },
	{ 0x0670, "ARABIC LETTER SUPERSCRIPT ALEF" },
	{ 0x067E, "ARABIC LETTER PEH" },
	{ 0x0686, "ARABIC LETTER TCHEH" },
	{ 0x0698, "ARABIC LETTER JEH" },
	{ 0x06A9, "ARABIC LETTER KEHEH" },
	{ 0x06AF, "ARABIC LETTER GAF" },
	{ 0x06CC, "ARABIC LETTER FARSI YEH" },
	{ 0x1E9E, "LATIN CAPITAL LETTER SHARP S" },
	{ 0x200B, "ZERO WIDTH SPACE" },
	{ 0x200C, "ZERO WIDTH NON-JOINER" },
	{ 0x200D, "ZERO WIDTH JOINER" },
	{ 0x200E, "LEFT-TO-RIGHT MARK" },
	{ 0x200F, "RIGHT-TO-LEFT MARK" },
	{ 0x2010, "HYPHEN" },
	{ 0x2011, "NON-BREAKING HYPHEN" },
	{ 0x2013, "EN DASH" },
	{ 0x2014, "EM DASH" },
	{ 0x2018, "LEFT SINGLE QUOTATION MARK" },
	{ 0x2019, "RIGHT SINGLE QUOTATION MARK" },
	{ 0x201A, "SINGLE LOW-9 QUOTATION MARK" },
	{ 0x201C, "LEFT DOUBLE QUOTATION MARK" },
	{ 0x201D, "RIGHT DOUBLE QUOTATION MARK" },
	{ 0x201E, "DOUBLE LOW-9 QUOTATION MARK" },
	{ 0x2022, "BULLET" },
	{ 0x2026, "HORIZONTAL ELLIPSIS" },
	{ 0x202F, "NARROW NO-BREAK SPACE" },
	{ 0x2039, "SINGLE LEFT-POINTING ANGLE QUOTATION MARK" },
	{ 0x203A, "SINGLE RIGHT-POINTING ANGLE QUOTATION MARK" },
	{ 0x20AC, "EURO SIGN" },
	{ 0x2122, "TRADE MARK SIGN" },
	{ 0x2192, "RIGHTWARDS ARROW" },
	{ 0x2264, "LESS-THAN OR EQUAL TO" },
	{ 0x2265, "GREATER-THAN OR EQUAL TO" },
	{ 0xFFFD, "REPLACEMENT CHARACTER" },
};

const char *encode_char_name(unsigned cp)
{
	size_t lo = 0, hi = ARRAY_SIZE(names);

	if (cp >= 0x0660 && cp <= 0x0669) {
		static const char *const digits[10] = {
			"ARABIC-INDIC DIGIT ZERO", "ARABIC-INDIC DIGIT ONE",
			"ARABIC-INDIC DIGIT TWO", "ARABIC-INDIC DIGIT THREE",
			"ARABIC-INDIC DIGIT FOUR", "ARABIC-INDIC DIGIT FIVE",
			"ARABIC-INDIC DIGIT SIX", "ARABIC-INDIC DIGIT SEVEN",
			"ARABIC-INDIC DIGIT EIGHT", "ARABIC-INDIC DIGIT NINE",
		};

		return digits[cp - 0x0660];
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (names[mid].cp == cp)
			return names[mid].name;
		if (names[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
