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

char *collate_key(const char *s, const char *lang)
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
