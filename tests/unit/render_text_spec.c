/*
 * render_text_spec.c - the golden examples of tests/spec/render_text.txt
 * through render_text() and, for examples with an encoding, through the
 * encoder (encode.h); plus unit checks of the wrapping engine, the link
 * numbers and the table of character names.
 *
 * Options of an example: lang=XX (default zxx: no typography), width=N
 * (default 72), encoding=ENC and translit.  The output of an example is
 * the body as render_text() writes it, then, when it has links, a line
 * "--" and the numbered URLs.  With an encoding the text is converted and
 * shown back in UTF-8, or, when the encoding lacks characters, replaced
 * by one line per character: "unmappable U+XXXX NAME at line N".
 *
 * Links to article: ids resolve through a fixed table, as in
 * render_html_spec.c: same -> same-page.html, orig ->
 * ../fr/original.html, every other id has no page.
 *
 * Run from the project root: build/unit/render_text_spec.  To add
 * examples, write them with an empty expected part and run with
 * SPEC_BLESS=1, then read every line it wrote.
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "encode.h"
#include "markdown.h"
#include "render.h"
#include "util.h"
#include "wrap.h"
#include "../fuzz/fuzz.h"	/* fuzz_wrap_word(), a word read one character at a time */

#include "spec.h"

/* The converted bytes back in UTF-8, for the golden file. */
static void decode(const char *enc, const struct buf *in, struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	char tmp[4096];
	char *ip = in->buf;
	size_t il = in->len;

	if (cd == (iconv_t)-1) {
		buf_adds(out, "cannot decode\n");
		return;
	}
	while (il) {
		char *op = tmp;
		size_t ol = sizeof(tmp);

		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    op == tmp) {
			buf_adds(out, "[undecodable]");
			break;
		}
		buf_add(out, tmp, (size_t)(op - tmp));
	}
	iconv_close(cd);
}

/*
 * A body that leaves something in every buffer a renderer keeps between
 * bodies: each example is rendered again after it with kept buffers, and
 * must come out the same.
 */
static const char dirty[] =
	"# T\n\n- a [l](https://x.org) ![i](y.png \"t\")\n  1. b *c*\n\n"
	"> q `c` <b>h</b>\n\n| a | b |\n|---|---|\n| [c](article:x) | d |\n\n"
	"```\ncode\n```\n\n## H ![alt **x**](z.png)\n";

static void render(const char *opts, const struct buf *md, struct buf *out)
{
	char lang[16], width[16], enc[32];
	struct render_opts o;
	struct render_info info = RENDER_INFO_INIT;
	struct md_src src;
	struct buf text = BUF_INIT;
	size_t i;

	spec_opt(opts, "lang", lang, sizeof(lang));
	spec_opt(opts, "width", width, sizeof(width));
	spec_opt(opts, "encoding", enc, sizeof(enc));
	memset(&o, 0, sizeof(o));
	o.lang = *lang ? lang : "zxx";
	o.rtl = !strcmp(o.lang, "ar");
	o.width = *width ? (unsigned)atoi(width) : 0;
	o.resolve = spec_resolve;
	md_src_init(&src, md->buf, md->len, 1);
	render_text(&src, NULL, &o, &text, &info);
	md_src_release(&src);
	{
		struct render_info again_info = RENDER_INFO_INIT;
		struct buf again = BUF_INIT;

		o.text_keep = text_keep_new();
		md_src_init(&src, dirty, strlen(dirty), 1);
		render_text(&src, NULL, &o, &again, &again_info);
		md_src_release(&src);
		render_info_release(&again_info);
		buf_reset(&again);
		md_src_init(&src, md->buf, md->len, 1);
		render_text(&src, NULL, &o, &again, &again_info);
		md_src_release(&src);
		if (again.len != text.len || memcmp(again.buf, text.buf, text.len))
			buf_adds(out, "[not the same with kept buffers]\n");
		text_keep_free(o.text_keep);
		o.text_keep = NULL;
		render_info_release(&again_info);
		buf_release(&again);
	}
	if (info.refs.n) {
		buf_adds(&text, "--\n");
		for (i = 0; i < info.refs.n; i++)
			buf_addf(&text, "[%zu] %s\n", i + 1, info.refs.url[i]);
	}
	if (*enc) {
		struct encoding e;
		struct encoder c;
		struct encode_bad bad;
		struct buf conv = BUF_INIT;

		if (encoding_open(&e, enc, spec_flag(opts, "translit")) < 0) {
			buf_addf(out, "unknown encoding %s\n", enc);
			goto out;
		}
		encoder_init(&c, &e);
		if (encoder_convert(&c, text.buf, text.len, &conv, &bad) == 0) {
			decode(enc, &conv, out);
		} else {
			for (i = 0; i < bad.n; i++) {
				const char *name = encode_char_name(bad.v[i].cp);
				size_t k, line = 1;

				for (k = 0; k < bad.v[i].offset; k++)
					line += text.buf[k] == '\n';
				buf_addf(out, "unmappable U+%04X %s at line %zu\n",
					 bad.v[i].cp, name ? name : "?", line);
			}
			if (bad.more)
				buf_addf(out, "and %zu more\n", bad.more);
		}
		encoder_release(&c);
		encoding_release(&e);
		buf_release(&conv);
	} else {
		buf_add(out, text.buf, text.len);
	}
out:
	render_info_release(&info);
	buf_release(&text);
}

/* Wrap pieces[0..n) of text fed as they are; the results in *w. */
static void wrap_pieces(struct wrap *w, struct buf *out, unsigned width,
			const char *const *pieces, const size_t *lens, size_t n)
{
	size_t i;

	wrap_init(w, out, width);
	wrap_begin(w, NULL, NULL, NULL);
	for (i = 0; i < n; i++)
		wrap_text(w, pieces[i], lens[i]);
	wrap_end(w);
}

/* A pseudo-random number: the same texts on every run. */
static unsigned rnd(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(*seed >> 33);
}

/*
 * Cut text into pieces of up to max characters (1: each character; more:
 * a random length each), never inside one.  Returns how many.
 */
static size_t cut_chars(const struct buf *text, size_t max,
			unsigned long *seed, const char **pieces, size_t *lens)
{
	size_t at, np = 0;

	for (at = 0; at < text->len;) {
		size_t len = 1;

		if (max > 1)
			len += rnd(seed) % max;
		if (at + len > text->len)
			len = text->len - at;
		while (at + len < text->len &&
		       ((unsigned char)text->buf[at + len] & 0xC0) == 0x80)
			len++;
		pieces[np] = text->buf + at;
		lens[np++] = len;
		at += len;
	}
	return np;
}

/*
 * Running text is filled a line at a time when it can be, word by word
 * when it cannot: whole paragraphs, random chunks and one character at a
 * time (which never leaves the word-by-word way) must give the same lines.
 */
static void wrap_chunks_checks(void)
{
	static const char *const words[] = {
		"a", "le", "patient", "traitement", "chimioth\xC3\xA9rapie",
		"\xD8\xA7\xD9\x84\xD8\xB9\xD9\x84\xD8\xA7\xD8\xAC",
		"\xD9\x83\xD9\x8E\xD8\xAA\xD9\x8E\xD8\xA8\xD9\x8E", "\xC2\xAB",
		"\xC2\xBB", ";", ":", "!", "?", "mot\xE2\x80\xAF?", "14:30",
		"t\xC3\xBCrk\xC3\xA7" "e", "Krankenversicherungsbeitr\xC3\xA4ge",
		"\xE4\xBD\xA0\xE5\xA5\xBD", "x\x01y", "\xEF\xBF\xBD",
		"e\xCC\x81", "\xC2\xA0", "(voir", "page)",
		/* around the inline path for short words (word_run) */
		"abcdefghijklmno", "abcdefghijklmnop", "\xC3\xA9",
		"\xC3\xA7" "a", "\xC4\xB1\xC4\x9F\xC5\x9F\xC4\xB0",
		"\xCB\xBF\xC3\x80", "\xC2\x85x", "x\xC3", "\xA9t\xC3\xA9",
		"\xC3\xC3\xA9", "\xC3\xA9\xCC\x81", "\xC3\xA9\xD9\x8E",
		"chimioth\xC3\xA9rapies", "d\xC3\xA9j\xC3\xA0\xC2\xA0;",
		"\xC3\xA9\x7F\xC3\xA9",
		/* Arabic marks around the ranges word_run() tests */
		"\xD8\x80\xD8\xA8", "\xD8\x85\xD8\x86", "\xD8\x8F\xD8\x90",
		"\xD8\x9A\xD8\x9B\xD8\x9C\xD8\x9D", "\xD9\x8A\xD9\x8B",
		"\xD9\x9F\xD9\xA0", "\xD9\xAF\xD9\xB0\xD9\xB1",
		"\xDA\x86\xDA\xBF", "\xDB\x96\xDB\x8C", "\xD7\x91\xD6\xBC",
	};
	static const char *const gaps[] = { " ", " ", " ", " ", " ", "  ", "\t",
					    "\n", "" };
	unsigned long seed = 12345;
	int round, bad = 0;

	for (round = 0; round < 400; round++) {
		struct buf text = BUF_INIT, o1 = BUF_INIT, o2 = BUF_INIT, o3 = BUF_INIT;
		const char *pieces[2048];
		size_t lens[2048], np, i;
		unsigned width;
		int k, nwords;
		struct wrap w1, w2, w3;

		width = 4 + rnd(&seed) % 40;
		nwords = 1 + (int)(rnd(&seed) % 50);	/* under 2048 characters */
		if (rnd(&seed) % 4 == 0)
			buf_adds(&text, " ");
		for (k = 0; k < nwords; k++) {
			buf_adds(&text, words[rnd(&seed) % ARRAY_SIZE(words)]);
			buf_adds(&text, gaps[rnd(&seed) % ARRAY_SIZE(gaps)]);
		}
		wrap_pieces(&w1, &o1, width, (const char *const[]){ text.buf },
			    &text.len, 1);
		/* random chunks, cut between characters */
		np = cut_chars(&text, 12, &seed, pieces, lens);
		wrap_pieces(&w2, &o2, width, pieces, lens, np);
		/* one character at a time */
		np = cut_chars(&text, 1, &seed, pieces, lens);
		wrap_pieces(&w3, &o3, width, pieces, lens, np);
		for (i = 0; i < 2; i++) {
			const struct wrap *w = i ? &w3 : &w2;
			const struct buf *o = i ? &o3 : &o2;

			if ((o->len != o1.len || memcmp(o->buf, o1.buf, o1.len) ||
			     w->lines != w1.lines || w->max_line != w1.max_line ||
			     w->max_unit != w1.max_unit) && !bad++)
				CHECK(0, "width %u, %s: \"%s\" gives\n%s\nbut whole\n%s",
				      width, i ? "a character at a time" : "in chunks",
				      text.buf, o->buf, o1.buf);
		}
		wrap_release(&w1);
		wrap_release(&w2);
		wrap_release(&w3);
		buf_release(&text);
		buf_release(&o1);
		buf_release(&o2);
		buf_release(&o3);
	}
	CHECK(!bad, "%d of 400 texts wrap differently in pieces", bad);
}

/*
 * The characters the checks below put in words: U+0080 to U+07FF (Latin,
 * Arabic and their marks), U+2000 to U+206F (spaces, quotes, dashes,
 * controls of layout), and a few of three and four bytes.
 */
static const unsigned more_cps[] = { 0x20AC, 0x2122, 0x3000, 0x4F60, 0xFEFF,
				     0xFFFD, 0x1F600 };
#define NCPS (0x780 + 0x70 + ARRAY_SIZE(more_cps))

static unsigned nth_cp(size_t k)
{
	return k < 0x780 ? 0x80 + (unsigned)k : k < 0x7F0 ?
	       0x2000 + (unsigned)k - 0x780 : more_cps[k - 0x7F0];
}

/*
 * Does wrap_word() read s[0..n), `before` bytes into a text, as
 * fuzz_wrap_word() does?  Says so once.
 */
static int word_agrees(const char *s, size_t n, size_t before, int *bad)
{
	unsigned w1, f1, l1, w2, f2, l2;
	size_t k1 = wrap_word(s, n, before, &w1, &f1, &l1);
	size_t k2 = fuzz_wrap_word(s, n, &w2, &f2, &l2);

	if (k1 == k2 && w1 == w2 && f1 == f2 && l1 == l2)
		return 1;
	if (!(*bad)++) {
		struct buf hex = BUF_INIT;
		size_t i;

		for (i = 0; i < n; i++)
			buf_addf(&hex, "%02x ", (unsigned char)s[i]);
		CHECK(0, "wrap_word(%s, %zu before) = %zu, width %u, "
		      "U+%04X..U+%04X; one at a time: %zu, width %u, "
		      "U+%04X..U+%04X", hex.buf, before, k1, w1, f1, l1, k2, w2,
		      f2, l2);
		buf_release(&hex);
	}
	return 0;
}

/*
 * Words are read 16 bytes at a time: every character of nth_cp() at every
 * place in a word around
 * the block's end and the text's (with and without text before); then
 * random texts, from every start to every end.
 */
static void word_checks(void)
{
	static const char *const bits[] = {
		"a", "Z", "1", ";", " ", "\t", "\x01", "\x7F", "\xC3\xA9",
		"\xC2\xA0", "\xC2\xAB", "\xC2\x85", "\xCC\x81", "\xD8\xB9",
		"\xD9\x8E", "\xD8\x80", "\xDA\x86", "\xDB\x8C",
		"\xE2\x80\x99", "\xE2\x80\xAF", "\xE2\x80\x8B",
		"\xE2\x80\xA8", "\xE2\x80", "\xEF\xBF\xBD", "\xE4\xBD\xA0",
		"\xF0\x9F\x98\x80", "\x80", "\xC3", "\xFF", "\xED\xA0\x80",
	};
	unsigned long seed = 777;
	size_t k;
	int bad = 0, round;

	for (k = 0; k < NCPS; k++) {
		unsigned char c[5] = { 0 };
		char buf[96], *text = buf + 20;
		size_t lead, len, before;

		utf8proc_encode_char((utf8proc_int32_t)nth_cp(k), c);
		memset(buf, 'p', 20);
		for (lead = 0; lead <= 16; lead++) {
			memset(text, 'x', lead);
			len = lead + (size_t)snprintf(text + lead, 64 - lead,
						      "%sy%s z%s", c, c, c);
			/* whole, cut after the character, cut inside it; at
			 * the start of a text and 20 bytes into one */
			for (before = 0; before <= 20; before += 20) {
				word_agrees(text, len, before, &bad);
				word_agrees(text, lead + strlen((char *)c), before,
					    &bad);
				word_agrees(text, lead + 1, before, &bad);
			}
		}
	}
	for (round = 0; round < 400; round++) {
		struct buf text = BUF_INIT;
		size_t a, b;
		int nbits = 1 + (int)(rnd(&seed) % 24);

		while (nbits--)
			buf_adds(&text, bits[rnd(&seed) % ARRAY_SIZE(bits)]);
		for (a = 0; a < text.len; a++)
			for (b = a; b <= text.len; b++)
				word_agrees(text.buf + a, b - a, a, &bad);
		buf_release(&text);
	}
	CHECK(!bad, "%d words read differently", bad);
}

/*
 * Every character of nth_cp() inside short words, which the whole text
 * measures 16 bytes at a time and a character at a time does not: same
 * lines, same widths.
 */
static void wrap_char_checks(void)
{
	unsigned cp;
	size_t k;
	int bad = 0;

	for (k = 0; k < NCPS; k++) {
		unsigned char c[5] = { 0 };
		struct buf text = BUF_INIT, o1 = BUF_INIT, o2 = BUF_INIT;
		const char *pieces[128];
		size_t lens[128], np;
		unsigned long seed = k;
		struct wrap w1, w2;

		cp = nth_cp(k);
		utf8proc_encode_char((utf8proc_int32_t)cp, c);
		buf_addf(&text, "a%sb %s%s ab%s %s x%s\xC3\xA9 le %s\xD9\x8E "
			 "l\xE2\x80\x99%s mot", c, c, c, c, c, c, c, c);
		wrap_pieces(&w1, &o1, 9, (const char *const[]){ text.buf },
			    &text.len, 1);
		np = cut_chars(&text, 1, &seed, pieces, lens);
		wrap_pieces(&w2, &o2, 9, pieces, lens, np);
		if ((o1.len != o2.len || memcmp(o1.buf, o2.buf, o1.len) ||
		     w1.max_line != w2.max_line || w1.max_unit != w2.max_unit) &&
		    !bad++)
			CHECK(0, "U+%04X: \"%s\" gives\n%s\nbut a character at a "
			      "time\n%s", cp, text.buf, o1.buf, o2.buf);
		wrap_release(&w1);
		wrap_release(&w2);
		buf_release(&text);
		buf_release(&o1);
		buf_release(&o2);
	}
	CHECK(!bad, "%d characters measure differently", bad);
}

/* The engine alone: greedy filling, marks, no-break rules, prefixes. */
static void wrap_checks(void)
{
	static const struct {
		unsigned width;
		const char *in, *want;
	} cases[] = {
		{ 10, "aaa bbb ccc ddd", "aaa bbb\nccc ddd\n" },
		{ 10, "  spaces   collapse  ", "spaces\ncollapse\n" },
		{ 5, "unbreakable-word x", "unbreakable-word\nx\n" },
		/* U+202F before '?' is not a space */
		{ 12, "Comment vas\xE2\x80\xAF?", "Comment\nvas\xE2\x80\xAF?\n" },
		/* nor a plain space before ';' (no typography) */
		{ 9, "abcdefg ;", "abcdefg ;\n" },
		/* « keeps the word after it */
		{ 8, "dit \xC2\xAB mot", "dit\n\xC2\xAB mot\n" },
		/* Arabic marks take no column: 4 letters with 4 fathas fit 4 */
		{ 4, "\xD8\xA8\xD9\x8E\xD8\xA8\xD9\x8E\xD8\xA8\xD9\x8E\xD8\xA8\xD9\x8E x",
		  "\xD8\xA8\xD9\x8E\xD8\xA8\xD9\x8E\xD8\xA8\xD9\x8E\xD8\xA8\xD9\x8E\nx\n" },
		/* controls and broken UTF-8 never reach the output */
		{ 20, "a\x01" "b \x1b[31m \xff", "a\xEF\xBF\xBD" "b \xEF\xBF\xBD[31m \xEF\xBF\xBD\n" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct buf out = BUF_INIT;
		struct wrap w;

		wrap_init(&w, &out, cases[i].width);
		wrap_begin(&w, NULL, NULL, NULL);
		wrap_text(&w, cases[i].in, strlen(cases[i].in));
		wrap_end(&w);
		CHECK_STR(out.buf, cases[i].want, "wrap case %zu", i);
		wrap_release(&w);
		buf_release(&out);
	}
	{
		/* hanging prefixes, a reference glued to its word */
		static const struct wrap_str first = { "- ", 2, 2 }, rest = { "  ", 2, 2 };
		struct buf out = BUF_INIT;
		struct wrap w;

		wrap_init(&w, &out, 12);
		wrap_begin(&w, NULL, &first, &rest);
		wrap_text(&w, "one two three ", 14);
		wrap_attach(&w, " [1]", 4);
		wrap_text(&w, " four", 5);
		wrap_end(&w);
		CHECK_STR(out.buf, "- one two\n  three [1]\n  four\n", "prefixes");
		CHECK(w.max_line == 9 && w.max_unit == 9 && w.lines == 3,
		      "max_line %u max_unit %u lines %zu", w.max_line, w.max_unit,
		      w.lines);
		wrap_release(&w);
		buf_release(&out);
	}
	wrap_chunks_checks();
	wrap_char_checks();
	word_checks();
	CHECK(wrap_width("\xD9\x83\xD9\x8E\xD9\x8A\xD9\x92\xD9\x81\xD9\x8E", 12) == 3,
	      "vowelled Arabic counts its letters only");
	CHECK(wrap_width("\xE4\xBD\xA0\xE5\xA5\xBD", 6) == 4, "wide characters count 2");
	CHECK(wrap_width("e\xCC\x81t\xC3\xA9", 6) == 3, "combining acute counts 0");
	{
		/* the engine's own table of two-byte widths, against utf8proc */
		unsigned cp, bad = 0, first_bad = 0;

		for (cp = 0xA0; cp < 0x800; cp++) {
			char u[2] = { (char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F)) };
			int want = utf8proc_charwidth((utf8proc_int32_t)cp);

			if (wrap_width(u, 2) != (unsigned)(want > 0 ? want : 0) &&
			    !bad++)
				first_bad = cp;
		}
		CHECK(!bad, "%u two-byte widths differ from utf8proc, first U+%04X",
		      bad, first_bad);
	}
}

static void refs_checks(void)
{
	struct render_refs r = { NULL, 0, 0, NULL, 0 };
	char url[32];
	size_t i;

	CHECK(render_refs_add(&r, "https://a", 9) == 1, "first");
	CHECK(render_refs_add(&r, "https://b", 9) == 2, "second");
	CHECK(render_refs_add(&r, "https://a", 9) == 1, "the same URL, the same number");
	for (i = 0; i < 1000; i++) {
		snprintf(url, sizeof(url), "u%zu", i);
		render_refs_add(&r, url, strlen(url));
	}
	CHECK(r.n == 1002 && render_refs_add(&r, "u500", 4) == 503,
	      "many: %zu", r.n);
	render_refs_release(&r);
}

static void names_checks(void)
{
	unsigned cp, prev = 0;
	int sorted = 1;

	/* the table is searched by halves: it must be in order */
	for (cp = 0; cp < 0x10000; cp++) {
		if (!encode_char_name(cp))
			continue;
		if (cp < prev)
			sorted = 0;
		prev = cp;
	}
	CHECK(sorted, "names in order");
	CHECK_STR(encode_char_name(0x0627), "ARABIC LETTER ALEF", "alef");
	CHECK_STR(encode_char_name(0x202F), "NARROW NO-BREAK SPACE", "nnbsp");
	CHECK_STR(encode_char_name(0x011F), "LATIN SMALL LETTER G WITH BREVE", "g breve");
	CHECK_STR(encode_char_name(0x0663), "ARABIC-INDIC DIGIT THREE", "digit");
	CHECK(encode_char_name(0x4E00) == NULL, "unknown: NULL");
}

static void encoding_checks(void)
{
	struct encoding e;

	CHECK(encoding_open(&e, "no-such-encoding", 0) < 0, "unknown encoding");
	CHECK(encoding_open(&e, "latin1//TRANSLIT", 0) < 0, "no suffix of our own");
	CHECK(encoding_open(&e, "../../etc/passwd", 0) < 0, "no path");
	CHECK(encoding_open(&e, "UTF-8", 0) == 0 && e.utf8, "utf-8");
	encoding_release(&e);
	CHECK(encoding_open(&e, "latin1", 0) == 0 && e.no_nnbsp && !e.no_nbsp,
	      "latin1 has U+00A0, not U+202F");
	encoding_release(&e);
	CHECK(encoding_open(&e, "ascii", 0) == 0 && e.no_nnbsp && e.no_nbsp,
	      "ascii has neither");
	encoding_release(&e);
	CHECK(encoding_open(&e, "cp1256", 0) == 0 && e.no_nnbsp && !e.no_nbsp,
	      "cp1256");
	encoding_release(&e);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/spec/render_text.txt";
	int n;

	wrap_checks();
	refs_checks();
	names_checks();
	encoding_checks();
	n = spec_run(path, render);
	printf("# %d examples in %s\n", n, path);
	return test_done("render_text_spec");
}
