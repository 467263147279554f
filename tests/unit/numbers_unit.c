/*
 * numbers_unit.c - cli/numbers.c, the number reader of SPEC 13, by two
 * tables: what one text reads as in one language (each token printed by
 * num_format, phone numbers as "tel:DIGITS", joined by " | "), and pairs
 * of texts in two languages that say, or do not say, the same numbers.
 */
#include "buf.h"
#include "numbers.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

struct read_case {
	const char *lang, *text, *want;
};

static const struct read_case reads[] = {
	/* decimal separators by language */
	{ "fr", "1,5 mg", "1.5 mg" },
	{ "en", "1.5 mg", "1.5 mg" },
	{ "de", "1,5 mg", "1.5 mg" },
	{ "nl", "1,5 mg", "1.5 mg" },
	{ "tr", "1,5 mg", "1.5 mg" },
	{ "ar", "1,5 mg", "1.5 mg" },
	{ "en", "1,5", "1 | 5" },
	{ "de", "1.5", "1 | 5" },
	{ "fr", "0,25 ml", "0.25 ml" },
	{ "en", "0.25 ml", "0.25 ml" },
	/* thousands */
	{ "de", "1.000", "1000" },
	{ "en", "1.000", "1" },
	{ "en", "1,000", "1000" },
	{ "de", "1,000", "1" },
	{ "nl", "1.000", "1000" },
	{ "tr", "1.000", "1000" },
	{ "fr", "1 000", "1000" },
	{ "fr", "1\u00A0000", "1000" },
	{ "fr", "1\u202F000", "1000" },
	{ "en", "1\u202F000", "1000" },
	{ "fr", "1 000 000", "1000000" },
	{ "en", "1,000,000", "1000000" },
	{ "de", "1.000.000", "1000000" },
	{ "en", "1,234.5", "1234.5" },
	{ "de", "1.234,5", "1234.5" },
	{ "fr", "1 234,5", "1234.5" },
	{ "fr", "2 100 patients", "2100" },
	{ "fr", "en 2019 250 patients", "2019 | 250" },
	{ "en", "1,50 m", "1 | 50 m" },
	/* Arabic */
	{ "ar", "\u0665\u0660\u0660 mg", "500 mg" },
	{ "ar", "\u06F5\u06F0\u06F0", "500" },
	{ "ar", "\u0660\u066B\u0665 g", "0.5 g" },
	{ "ar", "\u0661\u066C\u0660\u0660\u0660", "1000" },
	{ "ar", "\u0665\u0660\u066A", "50 %" },
	{ "ar", "\u0665\u0660\u0660 \u0645\u0644\u063A", "500 mg" },
	{ "ar", "\u0665 \u0645\u0644", "5 ml" },
	{ "ar", "\u0648\u0665\u0660", "50" },
	/* Arabic spellings of units */
	{ "ar", "٣٨٫٥ °م", "38.5 °C" },
	{ "ar", "٣٨٫٥ ° م", "38.5 °C" },
	{ "ar", "٥٠٠ ملجم", "500 mg" },
	{ "ar", "٥٠٠ مغ", "500 mg" },
	{ "ar", "٢ كجم", "2 kg" },
	{ "ar", "٢ كغ", "2 kg" },
	{ "ar", "٥ غ", "5 g" },
	{ "ar", "٥ جم", "5 g" },
	{ "ar", "٥ غرام", "5 g" },
	{ "ar", "١٠٠ ميكروغرام", "100 µg" },
	{ "ar", "١٠٠ مكغ", "100 µg" },
	{ "ar", "٥ مل", "5 ml" },
	{ "ar", "١٫٥ لتر", "1.5 l" },
	{ "ar", "١٢٠ مم زئبق", "120 mmHg" },
	{ "ar", "٣ مم", "3 mm" },
	{ "ar", "١٥ سم", "15 cm" },
	{ "ar", "٥٫٥ ملي مول/لتر", "5.5 mmol/l" },
	{ "ar", "١٠٠٠ وحدة دولية", "1000 IU" },
	{ "ar", "٧٥ ملغ/م²", "75 mg/m²" },
	{ "ar", "٢ ملغ/كجم", "2 mg/kg" },
	{ "ar", "٥ وحدات", "5" },
	{ "ar", "٥ غير", "5" },
	{ "en", "1\u066C000", "1 | 0" },
	/* percent */
	{ "fr", "50 %", "50 %" },
	{ "fr", "50\u00A0%", "50 %" },
	{ "en", "50%", "50 %" },
	{ "tr", "%50", "50 %" },
	{ "tr", "% 50", "50 %" },
	{ "tr", "%50 ile %60", "50 % | 60 %" },
	{ "fr", "10 % 20 patients", "10 % | 20" },
	/* ranges */
	{ "fr", "2\u20133 mg", "2 | 3 mg" },
	{ "en", "2-3 mg", "2 | 3 mg" },
	{ "de", "2 \u2013 3", "2 | 3" },
	{ "fr", "-20 \u00B0C", "-20 \u00B0C" },
	{ "fr", "\u221220 \u00B0C", "-20 \u00B0C" },
	{ "en", "COVID-19", "" },
	/* times */
	{ "fr", "14:30", "14:30" },
	{ "fr", "14h30", "14:30" },
	{ "fr", "14 h 30", "14:30" },
	{ "en", "2:30 pm", "14:30" },
	{ "en", "2 p.m.", "14:00" },
	{ "en", "9 am", "9:00" },
	{ "de", "14.30 Uhr", "14:30" },
	{ "nl", "14.30 uur", "14:30" },
	{ "nl", "tussen 8.30 en 12.00 uur", "8:30 | 12:00" },
	{ "de", "von 8.30 bis 12.00 Uhr", "8:30 | 12:00" },
	{ "de", "am 12.03.2024", "12 | 3 | 2024" },
	{ "de", "1.50", "1:50" },
	{ "fr", "1.50", "1 | 50" },
	{ "fr", "24 h", "24" },
	{ "fr", "1:100", "1 | 100" },
	{ "fr", "25:30", "25 | 30" },
	/* units */
	{ "fr", "500 mg", "500 mg" },
	{ "fr", "500mg", "500 mg" },
	{ "en", "0.5 g", "0.5 g" },
	{ "en", "2 kg", "2 kg" },
	{ "en", "100 \u00B5g", "100 \u00B5g" },
	{ "en", "100 \u03BCg", "100 \u00B5g" },
	{ "en", "100 mcg", "100 \u00B5g" },
	{ "en", "5 ng", "5 ng" },
	{ "en", "5 mL", "5 ml" },
	{ "en", "5 dL", "5 dl" },
	{ "fr", "5 cl", "5 cl" },
	{ "fr", "1,5 L", "1.5 l" },
	{ "fr", "1000 UI", "1000 IU" },
	{ "de", "1000 IE", "1000 IU" },
	{ "en", "1000 IU", "1000 IU" },
	{ "fr", "5,5 mmol/l", "5.5 mmol/l" },
	{ "en", "5.5 mmol/L", "5.5 mmol/l" },
	{ "fr", "120 mmHg", "120 mmHg" },
	{ "de", "120 mm Hg", "120 mmHg" },
	{ "fr", "38,5 \u00B0C", "38.5 \u00B0C" },
	{ "en", "2 m", "2 m" },
	{ "fr", "15 cm", "15 cm" },
	{ "fr", "3 mm", "3 mm" },
	{ "fr", "2 mg/kg", "2 mg/kg" },
	{ "en", "75 mg/m\u00B2", "75 mg/m\u00B2" },
	{ "en", "75 mg/m2", "75 mg/m\u00B2" },
	{ "fr", "100 ml/h", "100 ml/h" },
	{ "fr", "3 semaines", "3" },
	{ "fr", "5 l'heure", "5" },
	{ "en", "5 min", "5" },
	{ "fr", "2 mois", "2" },
	{ "en", "2 tablets", "2" },
	/* phone numbers */
	{ "fr", "+32 2 555 12 34", "tel:3225551234" },
	{ "fr", "0800 15 801", "tel:080015801" },
	{ "fr", "02/555.12.34", "tel:025551234" },
	{ "en", "+32 (0)2 555 12 34", "tel:32025551234" },
	{ "de", "0800-15-801", "tel:080015801" },
	{ "fr", "025551234", "tel:025551234" },
	{ "fr", "0800 15", "800 | 15" },
	{ "fr", "112", "112" },
	{ "de", "01.02.2024", "1 | 2 | 2024" },
	{ "fr", "01/02/2024", "1 | 2 | 2024" },
	/* not numbers of the text */
	{ "fr", "`500 mg`", "" },
	{ "fr", "``a ` 5``", "" },
	{ "fr", "[lien](https://example.org/500)", "" },
	{ "fr", "[lien 3](article:dose-500)", "3" },
	{ "fr", "<https://example.org/12>", "" },
	{ "fr", "voir https://example.org/12 ou 5 mg", "5 mg" },
	{ "fr", "www.example.org/12", "" },
	{ "fr", "<!-- 500 mg -->", "" },
	{ "fr", "<span id=\"a2\">7</span>", "7" },
	{ "fr", "1\\. premier", "1" },
	{ "fr", "1. premier", "" },
	{ "fr", "a\n2) second", "" },
	{ "fr", "&#160;", "" },
	{ "fr", "info2@example.org", "" },
	{ "fr", "B12 et H2O", "" },
	{ "fr", "vitamine B12 : 2 \u00B5g", "2 \u00B5g" },
	{ "fr", "![image 3](img/4.png)", "3" },
	{ "fr", "[a]: https://x.org/9", "" },
	/* long runs of words stepped over sixteen bytes at a time, with
	 * what lies in them: a digit glued to a word far from its start,
	 * a URL whose scheme ends after sixteen bytes, Arabic letters */
	{ "en", "the patients of the long-term study COVID-19 took 5 mg", "5 mg" },
	{ "en", "the quick brown fox jumps over the lazy dogAB12 then 3", "3" },
	{ "en", "as the guideline says, see https://example.org/12 and 7", "7" },
	{ "en", "as the guideline says, read about it at www.example.org/12 then 4", "4" },
	{ "fr", "ceci est une phrase assez longue, l'été passé à 5 h", "5" },
	{ "ar", "يشرح لك فريق الرعاية ٥٠٠ ملغ", "500 mg" },
	{ "ar", "يشرح لك فريق الرعاية و٥٠", "50" },
	{ "de", "eine ziemlich lange Zeile ohne Ziffern, dann\n1. Punkt und 2 Tage", "2" },
	{ "fr", "un texte long avec `du code 12` puis \\`9 et 8", "9 | 8" },
	{ "fr", "", "" },
};

/* Two texts in two languages: do they hold the same numbers? */
struct pair_case {
	const char *la, *a, *lb, *b;
	int same;
};

static const struct pair_case pairs[] = {
	{ "fr", "1,5 mg", "en", "1.5 mg", 1 },
	{ "fr", "1,5 mg", "en", "1,5 mg", 0 },
	{ "de", "1.000 Patienten", "en", "1,000 patients", 1 },
	{ "de", "1.000 Patienten", "en", "1.000 patients", 0 },
	{ "fr", "1\u202F000 patients", "en", "1,000 patients", 1 },
	{ "fr", "1 000", "nl", "1.000", 1 },
	{ "fr", "1 000", "tr", "1.000", 1 },
	{ "fr", "1 000", "ar", "\u0661\u066C\u0660\u0660\u0660", 1 },
	{ "fr", "500 mg", "ar", "\u0665\u0660\u0660 mg", 1 },
	{ "fr", "500 mg", "ar", "\u06F5\u06F0\u06F0 mg", 1 },
	{ "fr", "500 mg", "ar", "\u0665\u0660 mg", 0 },
	{ "fr", "500 mg", "en", "0.5 g", 1 },
	{ "fr", "500 mg", "de", "0,5 g", 1 },
	{ "fr", "500 mg", "en", "50 mg", 0 },
	{ "fr", "500 mg", "en", "500 g", 0 },
	{ "fr", "500 mg", "en", "500 ml", 0 },
	{ "fr", "1 g", "en", "1000 mg", 1 },
	{ "fr", "1 kg", "en", "1000 g", 1 },
	{ "fr", "100 \u00B5g", "en", "100 mcg", 1 },
	{ "fr", "100 \u00B5g", "en", "0.1 mg", 1 },
	{ "fr", "1 mg", "en", "1000 ng", 0 },
	{ "fr", "1 mg", "en", "1000000 ng", 1 },
	{ "fr", "5 ml", "en", "5 mL", 1 },
	{ "fr", "1 l", "en", "1000 ml", 1 },
	{ "fr", "1 dl", "en", "100 ml", 1 },
	{ "fr", "1 cl", "en", "10 ml", 1 },
	{ "fr", "1,5 l", "de", "1,5 L", 1 },
	{ "fr", "50 %", "tr", "%50", 1 },
	{ "fr", "50 %", "tr", "%5", 0 },
	{ "fr", "50 %", "en", "50%", 1 },
	{ "fr", "50 %", "ar", "\u0665\u0660\u066A", 1 },
	{ "fr", "38,5 °C", "ar", "٣٨٫٥ °م", 1 },
	{ "fr", "38,5 °C", "ar", "٣٨٫٥ °F", 0 },
	{ "fr", "500 mg", "ar", "٥٠٠ ملجم", 1 },
	{ "fr", "500 mg", "ar", "٥٠٠ غ", 0 },
	{ "fr", "100 µg", "ar", "١٠٠ ميكروغرام", 1 },
	{ "fr", "2 kg", "ar", "٢ كجم", 1 },
	{ "fr", "50 %", "en", "50", 0 },
	{ "fr", "14:30", "en", "2:30 pm", 1 },
	{ "fr", "14 h 30", "de", "14.30 Uhr", 1 },
	{ "fr", "14h30", "nl", "14.30 uur", 1 },
	{ "fr", "14:30", "en", "14:30", 1 },
	{ "fr", "14:30", "en", "4:30 pm", 0 },
	{ "fr", "14:30", "en", "1430", 0 },
	{ "fr", "2\u20133 fois", "en", "2-3 times", 1 },
	{ "fr", "2 \u00E0 3 fois", "en", "2-3 times", 1 },
	{ "fr", "2\u20133 fois", "en", "2-4 times", 0 },
	{ "fr", "1000 UI", "de", "1000 IE", 1 },
	{ "fr", "1000 UI", "en", "1000 IU", 1 },
	{ "fr", "1000 UI", "en", "100 IU", 0 },
	{ "fr", "5,5 mmol/l", "en", "5.5 mmol/L", 1 },
	{ "fr", "120 mmHg", "de", "120 mm Hg", 1 },
	{ "fr", "38 \u00B0C", "tr", "38 \u00B0C", 1 },
	{ "fr", "38 \u00B0C", "tr", "39 \u00B0C", 0 },
	{ "fr", "2 mg/kg", "en", "2 mg/kg", 1 },
	{ "fr", "2 mg/kg", "en", "2 mg", 0 },
	{ "fr", "75 mg/m\u00B2", "en", "75 mg/m2", 1 },
	{ "fr", "100 ml/h", "en", "0.1 l/h", 1 },
	{ "fr", "1 mg/ml", "en", "1 g/l", 1 },
	{ "fr", "1 m", "en", "100 cm", 1 },
	{ "fr", "1 cm", "en", "10 mm", 1 },
	{ "fr", "+32 2 555 12 34", "en", "+32 2 555 12 34", 1 },
	{ "fr", "+32 2 555 12 34", "nl", "+32 (0)2 555 12 34", 0 },
	{ "fr", "+32 2 555 12 34", "de", "+32-2-555-12-34", 1 },
	{ "fr", "0800 15 801", "nl", "0800 15 801", 1 },
	{ "fr", "0800 15 801", "nl", "0800 15 810", 0 },
	{ "fr", "0800 15 801", "en", "0800.15.801", 1 },
	{ "fr", "02 555 12 34", "ar", "\u0660\u0662 \u0665\u0665\u0665 \u0661\u0662 \u0663\u0664", 1 },
	{ "fr", "`500 mg`", "en", "", 1 },
	{ "fr", "[texte](https://a.org/5)", "en", "[text](https://a.org/6)", 1 },
	{ "fr", "<!-- 5 -->", "en", "", 1 },
	{ "fr", "3 comprim\u00E9s", "en", "three tablets", 0 },
	{ "fr", "3 comprim\u00E9s", "tr", "3 tablet", 1 },
	{ "de", "2,5 mg", "en", "2.5 mg", 1 },
	{ "nl", "2,5 mg", "en", "2.5 mg", 1 },
	{ "tr", "2,5 mg", "en", "2.5 mg", 1 },
	{ "ar", "2,5 mg", "en", "2.5 mg", 1 },
	{ "ar", "\u0662\u066B\u0665 mg", "en", "2.5 mg", 1 },
	{ "de", "10.000 Einheiten", "fr", "10 000 unit\u00E9s", 1 },
	{ "nl", "10.000 eenheden", "fr", "10\u00A0000 unit\u00E9s", 1 },
	{ "tr", "10.000", "en", "10,000", 1 },
	{ "de", "-5 \u00B0C", "en", "5 \u00B0C", 0 },
	{ "de", "-5 \u00B0C", "en", "-5 \u00B0C", 1 },
};

static void describe(struct buf *out, const char *lang, const char *text)
{
	struct num_list l = NUM_LIST_INIT;
	size_t k;

	numbers_scan(&l, text, strlen(text), lang);
	for (k = 0; k < l.n; k++) {
		if (k)
			buf_adds(out, " | ");
		if (l.v[k].kind == NUM_PHONE)
			buf_adds(out, "tel:");
		num_format(out, &l.v[k]);
	}
	num_list_release(&l);
}

/* Same multiset of tokens under num_equal. */
static int same_numbers(const struct pair_case *c)
{
	struct num_list a = NUM_LIST_INIT, b = NUM_LIST_INIT;
	char *used;
	size_t i, k;
	int same;

	numbers_scan(&a, c->a, strlen(c->a), c->la);
	numbers_scan(&b, c->b, strlen(c->b), c->lb);
	same = a.n == b.n;
	used = calloc(b.n + 1, 1);
	for (i = 0; same && i < a.n; i++) {
		for (k = 0; k < b.n; k++)
			if (!used[k] && num_equal(&a.v[i], &b.v[k]))
				break;
		if (k == b.n)
			same = 0;
		else
			used[k] = 1;
	}
	free(used);
	num_list_release(&a);
	num_list_release(&b);
	return same;
}

/* Offsets point at the token in the text, and appending adds to a list. */
static void test_offsets(void)
{
	struct num_list l = NUM_LIST_INIT;
	const char *t = "Prenez 500 mg, puis %20 et appelez +32 2 555 12 34.";
	size_t got;

	got = numbers_scan(&l, t, strlen(t), "tr");
	CHECK(got == 3 && l.n == 3, "three tokens, got %zu", got);
	if (l.n == 3) {
		CHECK(l.v[0].off == 7 && l.v[0].len == 6, "500 mg at 7+6, got %zu+%zu",
		      l.v[0].off, l.v[0].len);
		CHECK(l.v[1].off == 20 && l.v[1].len == 3, "%%20 at 20+3, got %zu+%zu",
		      l.v[1].off, l.v[1].len);
		CHECK(l.v[2].kind == NUM_PHONE && l.v[2].off == 35,
		      "phone at 35, got %zu", l.v[2].off);
	}
	got = numbers_scan(&l, "1 et 2", 6, "fr");
	CHECK(got == 2 && l.n == 5, "appended two, now %zu", l.n);
	num_list_release(&l);
	CHECK(l.v == NULL && l.n == 0, "released");
}

/* Arbitrary bytes: no crash, every token inside the text. */
static void test_bytes(void)
{
	unsigned seed = 12345;
	char text[256];
	int round, bad = 0;
	static const char alphabet[] = "0123456789 .,:%-+()/`[]<>!h\xD9\xA0\xAB\xAC\xE2\x80\xAF";

	for (round = 0; round < 2000; round++) {
		struct num_list l = NUM_LIST_INIT;
		size_t n = (size_t)(seed % sizeof(text)), k;

		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			text[k] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		numbers_scan(&l, text, n, round % 2 ? "ar" : "en");
		for (k = 0; k < l.n; k++)
			if (l.v[k].off + l.v[k].len > n || !l.v[k].len)
				bad++;
		num_list_release(&l);
	}
	CHECK(bad == 0, "%d tokens outside their text", bad);
}

int main(void)
{
	size_t k;

	for (k = 0; k < sizeof(reads) / sizeof(reads[0]); k++) {
		struct buf got = BUF_INIT;

		describe(&got, reads[k].lang, reads[k].text);
		CHECK_STR(got.buf, reads[k].want, "%s '%s'", reads[k].lang,
			  reads[k].text);
		buf_release(&got);
	}
	for (k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		const struct pair_case *c = &pairs[k];
		int same = same_numbers(c);

		if (same != c->same) {
			struct buf a = BUF_INIT, b = BUF_INIT;

			describe(&a, c->la, c->a);
			describe(&b, c->lb, c->b);
			CHECK(0, "%s '%s' [%s] vs %s '%s' [%s]: want %s", c->la,
			      c->a, a.buf, c->lb, c->b, b.buf,
			      c->same ? "same" : "different");
			buf_release(&a);
			buf_release(&b);
		} else {
			CHECK(1, "pair");
		}
	}
	test_offsets();
	test_bytes();
	return test_done("numbers_unit");
}
