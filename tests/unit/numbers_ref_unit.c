/*
 * numbers_ref_unit.c - the number reader against a simple reading of
 * itself.  cli/numbers.c is compiled here a second time with
 * NUMBERS_SIMPLE: one byte at a time, units looked up one by one, no
 * finder of numbers_find.c; the program's numbers_scan() must give the
 * same tokens (kind, value, units, digits, offsets) on many random texts
 * of mixed scripts, digits of three scripts, no-break spaces, signs,
 * units, times, phone numbers, URLs, e-mail addresses and Markdown.
 * cli/numbers_find.c is compiled a second time without AVX2, and both
 * builds of each finder are held to what its header promises.
 */
#define NUMBERS_SIMPLE 1
#define numbers_scan ref_numbers_scan
#define numbers_scan_unchecked ref_numbers_scan_unchecked
#define numbers_has_digit ref_numbers_has_digit
#define numbers_arabic_digit ref_numbers_arabic_digit
#define num_equal ref_num_equal
#define numbers_comparison ref_numbers_comparison
#define num_cmp_sign ref_num_cmp_sign
#define num_format ref_num_format
#define num_list_release ref_num_list_release
#include "../../cli/numbers.c"
#undef numbers_scan
#undef numbers_scan_unchecked
#undef numbers_has_digit
#undef numbers_arabic_digit
#undef num_equal
#undef numbers_comparison
#undef num_cmp_sign
#undef num_format
#undef num_list_release

#define FIND_NO_AVX2 1
#define find_digit sse_find_digit
#define find_scan_stop sse_find_scan_stop
#define find_link_start sse_find_link_start
#define find_any4 sse_find_any4
#include "../../cli/numbers_find.c"
#undef find_digit
#undef find_scan_stop
#undef find_link_start
#undef find_any4

#include "test.h"

size_t numbers_scan(struct num_list *l, const char *text, size_t len,
		    const char *lang);
size_t numbers_scan_unchecked(struct num_list *l, const char *text,
			      size_t len, const char *lang);
int numbers_has_digit(const char *text, size_t len);
int numbers_arabic_digit(const char *text, size_t len);
void num_list_release(struct num_list *l);
int find_digit(const char *s, size_t n, int arabic_only);
size_t find_scan_stop(const char *s, size_t n, size_t i);
size_t find_link_start(const char *s, size_t n, size_t i);
size_t find_any4(const char *s, size_t n, size_t i, const char set[4]);

/* What random texts are made of. */
static const char *const pieces[] = {
	" ", " ", " ", "  ", "\n", "\n\n", "\t", "\xC2\xA0", "\xE2\x80\xAF",
	"\xE2\x80\x89", "0", "1", "5", "9", "12", "500", "1 000", "1.000",
	"1,5", "0,5", "2.5", "10.000", "1 000 000", "14:30", "8:30", "14 h 30",
	"14h30", "14.30 Uhr", "8.30 uur", "2 pm", "2:30 a.m.", "12.03.2024",
	"01/02/2024", "+32 2 555 12 34", "0800 123 456", "(0)20 123 45 67",
	"+49 (0) 30 1234567", "06-12345678", "\xD9\xA0", "\xD9\xA1", "\xD9\xA5",
	"\xD9\xA9", "\xDB\xB0", "\xDB\xB4", "\xDB\xB9", "\xD9\xAB", "\xD9\xAC",
	"\xD9\xAA", "\xD9\xA1\xD9\xAC\xD9\xA0\xD9\xA0\xD9\xA0",
	"\xD9\xA5\xD9\xA0\xD9\xA0 \xD9\x85\xD9\x84\xD8\xBA",
	"\xD9\x85\xD9\x84\xD8\xBA", "\xD9\x85\xD9\x84", "\xD8\xBA",
	"\xD9\x83\xD8\xBA", "\xD8\xB3\xD9\x85", "\xD9\x84\xD8\xAA\xD8\xB1",
	"\xD9\x85\xD9\x84\xD9\x8A\xD9\x84\xD8\xAA\xD8\xB1",
	"\xD9\x85\xD9\x8A\xD9\x83\xD8\xB1\xD9\x88\xD8\xBA\xD8\xB1\xD8\xA7\xD9\x85",
	"\xD9\x85\xD9\x85 \xD8\xB2\xD8\xA6\xD8\xA8\xD9\x82",
	"\xD9\x88\xD8\xAD\xD8\xAF\xD8\xA9 \xD8\xAF\xD9\x88\xD9\x84\xD9\x8A\xD8\xA9",
	"\xD8\xB3\xD8\xA7\xD8\xB9\xD8\xA9", "\xD9\x88", "\xD8\xA7\xD9\x84",
	"\xD9\x81\xD9\x8A", "\xD9\x85\xD8\xB1\xD8\xA9", "mg", "g", "kg", "\xC2\xB5g",
	"\xCE\xBCg", "mcg", "ng", "ml", "mL", "dl", "cl", "l", "L", "%", "\xE2\x80\xB0",
	"\xC2\xB0" "C", "\xC2\xB0 C", "\xC2\xB0" "F", "\xC2\xB0\xD9\x85", "IU", "UI",
	"IE", "ME", "cm", "mm", "m", "mmol/l", "mmol/L", "mm Hg", "mmHg", "/kg",
	"/m\xC2\xB2", "/m2", "/h", "/min", "/", "-", "\xE2\x88\x92", "\xE2\x80\x93",
	"<", ">", "<=", ">=", "\xE2\x89\xA4", "\xE2\x89\xA5", "&lt;", "&gt;",
	"&le;", "&#160;", "&#x202F;", "&amp;", "&", ".", ",", ";", ":", "!", "?",
	"(", ")", "[", "]", "](", "](https://a.org/5(x)y)", "[x]: http://e.de/1 ",
	"`", "``", "`5 mg`", "``a`1`b``", "<!-- 5 -->", "<!--", "-->", "<b>", "</b>",
	"<br/>", "<https://x.org/10>", "<a href=\"3\">", "https://x.org/a1",
	"http://b.de/2", "www.c3.nl", "www", "www.", "wwww.", "mailto:a@b.c",
	"tel:+3225551234", "article:id-5", "ftp://f/6", "ht", "a1.b@c.de",
	"x@y", "@", "\\", "\\`", "\\5", "*", "**", "_", "__", "~~", "1. ", "2) ",
	"  3. ", "10.", "- ", "# ", "| ", "B12", "H2O", "pT1-2", "COVID-19",
	"l'heure", "\xE2\x80\x99", "de", "la", "het", "und", "the", "ve", "bir",
	"\xC3\xA9t\xC3\xA9", "gr\xC3\xB6\xC3\x9F" "e", "\xC4\xB1", "\xC5\x9F",
	"\xC3\x97", "\xC3\xB7", "Prenez", "appelez", "www.kanker.nl/1", "x",
	"\xFF", "\xD9", "\xDB", "\xE2\x80", "\xC2", "\x80", "h", "a", "p", "am",
	"pm", "Uhr", "uur", "'", "\"", "=", "{", "}", "$", "#",
};

static unsigned rnd(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7FFF;
}

static size_t make_text(char *text, size_t cap, unsigned *seed)
{
	size_t n = 0, want = rnd(seed) % (cap / 2);

	while (n < want) {
		const char *p = pieces[rnd(seed) % ARRAY_SIZE(pieces)];
		size_t len = strlen(p);

		if (n + len > cap)
			break;
		memcpy(text + n, p, len);
		n += len;
	}
	return n;
}

static int same_token(const struct num_token *a, const struct num_token *b)
{
	return a->kind == b->kind && a->off == b->off && a->len == b->len &&
	       !memcmp(&a->value, &b->value, sizeof(a->value)) &&
	       !memcmp(&a->base, &b->base, sizeof(a->base)) &&
	       !strcmp(a->unit, b->unit) && !strcmp(a->base_unit, b->base_unit) &&
	       !strcmp(a->digits, b->digits);
}

static int same_lists(const struct num_list *a, const struct num_list *b)
{
	size_t k;

	if (a->n != b->n)
		return 0;
	for (k = 0; k < a->n; k++)
		if (!same_token(&a->v[k], &b->v[k]))
			return 0;
	return 1;
}

static void show(const char *what, const char *text, size_t n,
		 const struct num_list *l)
{
	size_t k;

	printf("# %s on \"%.*s\":", what, (int)n, text);
	for (k = 0; k < l->n; k++)
		printf(" [%d %zu+%zu %.10g %s]", (int)l->v[k].kind, l->v[k].off,
		       l->v[k].len, l->v[k].value, l->v[k].unit);
	printf("\n");
}

/* Every spelling of a unit is found by its first character. */
static const char *const spellings[] = {
	"mmol/l", "mmol/L", "mm Hg", "mmHg", "\xC2\xB0" "C", "\xC2\xB0 C",
	"\xC2\xB0\xD9\x85", "\xC2\xB0 \xD9\x85", "kg", "mg", "\xC2\xB5g",
	"\xCE\xBCg", "mcg", "ng", "g", "dl", "dL", "cl", "cL", "ml", "mL", "l",
	"L", "%", "\xD9\xAA", "\xE2\x80\xB0", "\xC2\xB0" "F", "\xC2\xB0 F",
	"IU", "UI", "IE", "ME", "cm", "mm", "m",
	"\xD9\x85\xD9\x84\xD9\x8A\x20\xD9\x85\xD9\x88\xD9\x84\x2F\xD9\x84\xD8\xAA\xD8\xB1",
	"\xD9\x85\xD9\x84\xD9\x8A\xD9\x85\xD9\x88\xD9\x84\x2F\xD9\x84\xD8\xAA\xD8\xB1",
	"\xD9\x85\xD9\x84\xD9\x84\xD9\x8A\xD9\x84\xD8\xAA\xD8\xB1",
	"\xD9\x85\xD9\x84\xD9\x8A\xD9\x84\xD8\xAA\xD8\xB1",
	"\xD9\x85\xD9\x8A\xD9\x83\xD8\xB1\xD9\x88\xD8\xBA\xD8\xB1\xD8\xA7\xD9\x85",
	"\xD9\x85\xD9\x8A\xD9\x83\xD8\xB1\xD9\x88\xD8\xAC\xD8\xB1\xD8\xA7\xD9\x85",
	"\xD9\x85\xD9\x83\xD8\xBA",
	"\xD9\x83\xD9\x8A\xD9\x84\xD9\x88\xD8\xBA\xD8\xB1\xD8\xA7\xD9\x85",
	"\xD9\x83\xD9\x8A\xD9\x84\xD9\x88\xD8\xAC\xD8\xB1\xD8\xA7\xD9\x85",
	"\xD9\x83\xD8\xAC\xD9\x85", "\xD9\x85\xD9\x84\xD8\xAC\xD9\x85",
	"\xD9\x85\xD9\x84\xD9\x85", "\xD9\x85\xD9\x85\x20\xD8\xB2\xD8\xA6\xD8\xA8\xD9\x82",
	"\xD9\x85\xD9\x85", "\xD8\xB3\xD9\x85", "\xD8\xBA\xD8\xB1\xD8\xA7\xD9\x85",
	"\xD8\xAC\xD8\xB1\xD8\xA7\xD9\x85", "\xD8\xAC\xD9\x85", "\xD8\xBA",
	"\xD9\x84\xD8\xAA\xD8\xB1",
	"\xD9\x88\xD8\xAD\xD8\xAF\xD8\xA9\x20\xD8\xAF\xD9\x88\xD9\x84\xD9\x8A\xD8\xA9",
	"\xD9\x85\xD9\x84\xD8\xBA\xD9\x85", "\xD9\x85\xD9\x84\xD8\xBA",
	"\xD9\x85\xD8\xBA", "\xD9\x83\xD8\xBA", "\xD9\x85\xD9\x84",
};
static const char *const per_spellings[] = {
	"m\xC2\xB2", "m2", "min", "h", "kg", "g", "dl", "dL", "ml", "mL", "l",
	"L", "\xD9\x83\xD8\xBA", "\xD9\x83\xD8\xAC\xD9\x85", "\xD9\x85\xC2\xB2",
	("\xD9\x85" "2"), "\xD8\xB3\xD8\xA7\xD8\xB9\xD8\xA9",
};

static int in_group(const struct unit *g, const char *sp)
{
	for (; g && g->text; g++)
		if (!strcmp(g->text, sp))
			return 1;
	return 0;
}

static void test_tables(void)
{
	size_t k;
	int missing = 0;

	for (k = 0; k < ARRAY_SIZE(spellings); k++)
		if (!in_group(units_at(spellings[k], strlen(spellings[k]), 0), spellings[k])) {
			printf("# unit '%s' not found\n", spellings[k]);
			missing++;
		}
	for (k = 0; k < ARRAY_SIZE(per_spellings); k++)
		if (!in_group(per_units_at(per_spellings[k], strlen(per_spellings[k]), 0),
			      per_spellings[k])) {
			printf("# denominator '%s' not found\n", per_spellings[k]);
			missing++;
		}
	CHECK(missing == 0, "%d spellings not found by their first character", missing);
}

/* The scan and the simple scan: the same tokens, on every language. */
static void test_scans(void)
{
	static const char *const langs[] = { "fr", "en", "de", "nl", "tr", "ar" };
	unsigned seed = 20261128;
	char text[1024];
	int round, bad = 0, shown = 0, with_tokens = 0;

	for (round = 0; round < 30000; round++) {
		size_t n = make_text(text, sizeof(text), &seed);
		const char *lang = langs[round % ARRAY_SIZE(langs)];
		struct num_list a = NUM_LIST_INIT, b = NUM_LIST_INIT, c = NUM_LIST_INIT;

		numbers_scan(&a, text, n, lang);
		ref_numbers_scan(&b, text, n, lang);
		numbers_scan_unchecked(&c, text, n, lang);
		if (a.n)
			with_tokens++;
		if (!same_lists(&a, &b) || !same_lists(&a, &c)) {
			bad++;
			if (shown++ < 3) {
				printf("# %s\n", lang);
				show("scan", text, n, &a);
				show("simple", text, n, &b);
				show("unchecked", text, n, &c);
			}
		}
		num_list_release(&a);
		num_list_release(&b);
		num_list_release(&c);
	}
	CHECK(bad == 0, "%d texts read differently by the scan and the simple scan", bad);
	CHECK(with_tokens > 10000, "only %d texts with tokens", with_tokens);
}

/* Is a byte of s[j..n) one find_scan_stop() promises to stop on? */
static int promised_stop(const unsigned char *u, size_t n, size_t j)
{
	return (u[j] && strchr("\n&(+0123456789:<@\\]`", u[j])) ||
	       (u[j] == 'w' && j + 1 < n && u[j + 1] == 'w') ||
	       (j + 1 < n && ((u[j] == 0xD9 && u[j + 1] >= 0xA0 && u[j + 1] <= 0xA9) ||
			      (u[j] == 0xDB && u[j + 1] >= 0xB0 && u[j + 1] <= 0xB9)));
}

/* A byte it may stop on beside those. */
static int allowed_stop(const unsigned char *u, size_t n, size_t j)
{
	return promised_stop(u, n, j) || (u[j] >= '(' && u[j] <= '@') ||
	       u[j] == 'w' || u[j] == 0xD9 || u[j] == 0xDB;
}

static int link_promised(const unsigned char *u, size_t n, size_t j)
{
	return u[j] == '`' || u[j] == ']' || u[j] == '<' ||
	       (j + 1 < n && ((u[j] == 'h' && u[j + 1] == 't') ||
			      (u[j] == 'w' && u[j + 1] == 'w')));
}

/* Each finder, both builds, against its promise, from every place. */
static void test_finders(void)
{
	unsigned seed = 777;
	char text[1024];
	int round, bad_digit = 0, bad_stop = 0, bad_link = 0, bad_any = 0;

	for (round = 0; round < 3000; round++) {
		size_t n = make_text(text, sizeof(text), &seed), i, j, p, q;
		const unsigned char *u = (const unsigned char *)text;
		int ar;

		for (ar = 0; ar < 2; ar++) {
			int want = simple_digit(text, n, ar);

			if (find_digit(text, n, ar) != want ||
			    sse_find_digit(text, n, ar) != want)
				bad_digit++;
		}
		for (i = 0; i <= n; i++) {
			p = find_scan_stop(text, n, i);
			q = sse_find_scan_stop(text, n, i);
			for (j = i; j < p && j < n; j++)
				if (promised_stop(u, n, j))
					bad_stop++;
			for (j = i; j < q && j < n; j++)
				if (promised_stop(u, n, j))
					bad_stop++;
			if (p > n || q > n || (p < n && !allowed_stop(u, n, p)) ||
			    (q < n && !allowed_stop(u, n, q)))
				bad_stop++;

			p = find_link_start(text, n, i);
			q = sse_find_link_start(text, n, i);
			for (j = i; j < p && j < n; j++)
				if (link_promised(u, n, j))
					bad_link++;
			for (j = i; j < q && j < n; j++)
				if (link_promised(u, n, j))
					bad_link++;
			if (p > n || q > n || (p < n && !strchr("`]<hw", text[p])) ||
			    (q < n && !strchr("`]<hw", text[q])))
				bad_link++;

			for (j = i; j < n && !strchr("\\()\n", text[j]); j++)
				;
			if (j < n && !text[j])
				j = n;	/* no NUL in the texts */
			if (find_any4(text, n, i, "\\()\n") != j ||
			    sse_find_any4(text, n, i, "\\()\n") != j)
				bad_any++;
		}
	}
	CHECK(bad_digit == 0, "find_digit wrong %d times", bad_digit);
	CHECK(bad_stop == 0, "find_scan_stop wrong %d times", bad_stop);
	CHECK(bad_link == 0, "find_link_start wrong %d times", bad_link);
	CHECK(bad_any == 0, "find_any4 wrong %d times", bad_any);
}

int main(void)
{
	test_tables();
	test_scans();
	test_finders();
	return test_done("numbers_ref_unit");
}
