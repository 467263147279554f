/*
 * collate_unit.c - cli/collate.c: collate_key(), which reads most titles
 * from its own tables, gives the key that collate_key_full() (utf8proc,
 * in context) gives: for every character the tables hold, alone, between
 * letters, beside every other one of its block, and for titles in the
 * six languages of the sample, in Turkish and in every other language.
 */
#include "buf.h"
#include "collate.h"
#include "util.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char *const langs[] = { "fr", "tr", "az-Latn", "ar", NULL };

static int bad;

/* One string, in each language: both paths give the same key. */
static void same(const char *s)
{
	size_t l;

	for (l = 0; l < ARRAY_SIZE(langs); l++) {
		char *quick = collate_key(s, langs[l]);
		char *full = collate_key_full(s, langs[l]);

		if (strcmp(quick, full) && bad++ < 5)
			CHECK_STR(quick, full, "key of \"%s\" in %s",
				  s ? s : "(null)", langs[l] ? langs[l] : "(none)");
		free(quick);
		free(full);
	}
}

static void add_cp(struct buf *b, unsigned cp)
{
	unsigned char c[5] = { 0 };

	utf8proc_encode_char((utf8proc_int32_t)cp, c);
	buf_adds(b, (const char *)c);
}

/* Every character of [lo, hi), in a few contexts. */
static void each(unsigned lo, unsigned hi)
{
	static const char *const before[] = { "", "a", "Ab ", "I", "1", "x\xcc\x81" };
	unsigned cp;
	size_t i;

	for (cp = lo; cp < hi; cp++) {
		for (i = 0; i < ARRAY_SIZE(before); i++) {
			struct buf t = BUF_INIT;

			buf_adds(&t, before[i]);
			add_cp(&t, cp);
			buf_adds(&t, "a.");
			add_cp(&t, cp);
			same(t.buf);
			buf_release(&t);
		}
	}
}

/* Every pair of characters of [lo, hi): none composes with the other. */
static void pairs(unsigned lo, unsigned hi)
{
	unsigned a, b;

	for (a = lo; a < hi; a++) {
		for (b = lo; b < hi; b++) {
			struct buf t = BUF_INIT;

			add_cp(&t, a);
			add_cp(&t, b);
			same(t.buf);
			buf_release(&t);
		}
	}
}

int main(void)
{
	static const char *const titles[] = {
		/* fr */
		"Immunoth\xc3\xa9rapie : les r\xc3\xa9ponses",
		"\xc2\xab \xc5\x92" "d\xc3\xa8me \xc2\xbb et c\xc5\x93ur",
		"L\xe2\x80\x99immunit\xc3\xa9 \xe2\x80\x94 \xc3\xa9tapes\xe2\x80\xaf!",
		"\xc3\x89TAPES 1 \xc3\xa0 3 (2024)", "  -- ", "",
		/* nl, en, de */
		"Na\xc3\xaf" "eve T-cellen en \xc3\xa9\xc3\xa9n ge\xc3\xafnjecteerde dosis",
		"What is immunotherapy? A 5-minute guide",
		"Stra\xc3\x9f" "e, \xc3\x84rzte und \xc3\x96sophagus-Krebs",
		/* tr: dotted and dotless i, both cases */
		"\xc4\xb0mm\xc3\xbcnoterapi ve ba\xc4\x9f\xc4\xb1\xc5\x9f\xc4\xb1kl\xc4\xb1k",
		"IRMAK \xc4\xb0ZM\xc4\xb0R \xc3\x87\xc4\x9e\xc5\x9e\xc3\x96\xc3\x9c \xc3\xa7\xc4\x9f\xc5\x9f\xc3\xb6\xc3\xbc",
		/* ar: letters, harakat, Arabic-Indic digits, Arabic comma */
		"\xd8\xa7\xd9\x84\xd8\xb9\xd9\x84\xd8\xa7\xd8\xac \xd8\xa8\xd9\x90\xd8\xa7\xd9\x84\xd9\x85\xd9\x86\xd8\xa7\xd8\xb9\xd8\xa9",
		"\xd8\xa2\xd8\xa5\xd8\xa6\xd8\x8c \xd9\xa1\xd9\xa2\xd9\xa3 \xd8\x9f",
		/* ligatures, compatibility forms, marks written apart */
		"\xef\xac\x81n \xef\xac\x82" "eur", "K\xe2\x84\xaa \xc2\xbd \xc2\xb2",
		"cafe\xcc\x81 c\xcc\xa7" "a", "\xc4\xb3" "s \xc5\x80l",
		/* not UTF-8, controls */
		"caf\xc3", "a\xc3(b", "tab\there", "\x7f", "\xe2\x80", "\xe2\x81\xb0x",
		"\xc0\x80", "\xed\xa0\x80",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(titles); i++)
		same(titles[i]);
	same(NULL);
	each(0x20, 0x800);
	each(0x2000, 0x2080);
	pairs(0x80, 0x180);
	pairs(0x600, 0x700);
	pairs(0x20, 0x80);
	CHECK(bad == 0, "%d keys differ from utf8proc's", bad);
	return test_done("collate_unit");
}
