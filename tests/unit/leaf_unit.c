/*
 * leaf_unit.c - unit tests of the small leaf modules: buf, escape, date,
 * the YAML tree's scalar resolution and positions, opts.
 */
#include "article.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "entities.h"
#include "markdown.h"
#include "numbers.h"
#include "rawhtml.h"
#include "escape.h"
#include "util.h"
#include "yaml_tree.h"
#include "test.h"
#include "../fuzz/fuzz.h"	/* fuzz_utf8_valid(), the byte-by-byte check */

#include <math.h>
#include <stdlib.h>

static char *esc(void (*fn)(struct buf *, const char *, size_t), const char *s)
{
	struct buf b = BUF_INIT;

	fn(&b, s, strlen(s));
	return buf_detach(&b, NULL);
}

static void test_buf(void)
{
	struct buf b = BUF_INIT;
	char *p;

	CHECK(b.buf && b.len == 0 && b.buf[0] == '\0', "a fresh buffer is an empty string");
	buf_addf(&b, "%s-%d", "x", 42);
	buf_addcp(&b, 0x202F);
	buf_addcp(&b, 0x1F600);
	CHECK_STR(b.buf, "x-42\xE2\x80\xAF\xF0\x9F\x98\x80", "addf and code points");
	buf_reset(&b);
	buf_addu(&b, 0);
	buf_addc(&b, ' ');
	buf_addu(&b, 2024);
	buf_addc(&b, ' ');
	buf_addu(&b, 18446744073709551615ull);
	CHECK_STR(b.buf, "0 2024 18446744073709551615", "decimals");
	buf_setlen(&b, 4);
	CHECK_STR(b.buf, "0 20", "setlen truncates");
	p = buf_detach(&b, NULL);
	CHECK(b.len == 0 && b.buf[0] == '\0', "detach resets");
	free(p);
	buf_release(&b);
}

static void test_escape(void)
{
	char *s;

	s = esc(escape_html, "<a href=\"x\">Tom & 'Jerry'</a>");
	CHECK_STR(s, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;", "html");
	free(s);
	/* sixteen bytes a test: specials before, across and after a block */
	s = esc(escape_html, "0123456789abcde<0123456789abcdef&x\x01yz0123456789'");
	CHECK_STR(s, "0123456789abcde&lt;0123456789abcdef&amp;x\xEF\xBF\xBDyz0123456789&#39;",
		  "html: a special at every place of a block");
	free(s);
	s = esc(escape_html, "caf\xC3\xA9 \xC2\x85 \xEF\xBF\xBE \xFF\xC3 \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85");
	CHECK_STR(s, "caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
		  "\xEF\xBF\xBD\xEF\xBF\xBD \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85",
		  "html: C1 controls, U+FFFE and invalid bytes become U+FFFD");
	free(s);
	{
		/* the escaper for checked UTF-8 writes the same bytes */
		static const char *const valid[] = {
			"", "plain ASCII text that is longer than sixteen bytes",
			"tab\tand\nline\r\nends\tin\ta\tblock of sixteen\t<b>",
			"<b>\"Tom\" & 'Jerry'</b>\x7f\x1f\t\n\r",
			"caf\xC3\xA9 \xC2\xAB\xE2\x80\xAFoui\xE2\x80\xAF\xC2\xBB \xC2\x85\xC2\x9F\xC2\xA0",
			"\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xBF\xBD\xEF\xAC\x81 \xF0\x9F\x98\x80 & more & more & more",
			"\xD8\xA7\xD9\x84\xD8\xB3\xD8\xB1\xD8\xB7\xD8\xA7\xD9\x86 <\xD9\x8E>",
		};
		size_t k;

		for (k = 0; k < ARRAY_SIZE(valid); k++) {
			char *a = esc(escape_html, valid[k]);
			char *b = esc(escape_html_utf8, valid[k]);

			CHECK_STR(b, a, "html: escape_html_utf8 as escape_html on valid UTF-8");
			free(a);
			free(b);
		}
	}
	{
		/*
		 * One special in plain text of 1 to 40 bytes, at every place:
		 * both escapers read whole blocks, then the text's last
		 * block again for what is left.
		 */
		static const struct { const char *in, *out; } one[] = {
			{ "<", "&lt;" }, { ">", "&gt;" }, { "&", "&amp;" },
			{ "\"", "&quot;" }, { "'", "&#39;" },
			{ "\x01", "\xEF\xBF\xBD" }, { "\x7F", "\xEF\xBF\xBD" },
			{ "\xC2\x85", "\xEF\xBF\xBD\xEF\xBF\xBD" }, { "\t", "\t" },
			{ "\xC3\xA9", "\xC3\xA9" },
		};
		size_t n, at, k;
		int bad = 0;

		for (n = 1; n <= 40; n++) {
			for (at = 0; at < n; at++) {
				for (k = 0; k < ARRAY_SIZE(one); k++) {
					struct buf in = BUF_INIT, want = BUF_INIT;
					char *a, *b;
					size_t i;

					for (i = 0; i < n; i++) {
						buf_adds(&in, i == at ? one[k].in : "a");
						buf_adds(&want, i == at ? one[k].out : "a");
					}
					a = esc(escape_html, in.buf);
					b = esc(escape_html_utf8, in.buf);
					if ((strcmp(a, want.buf) || strcmp(b, want.buf)) &&
					    !bad++)
						CHECK_STR(strcmp(a, want.buf) ? a : b, want.buf,
							  "html: a special at %zu of %zu", at, n);
					free(a);
					free(b);
					buf_release(&in);
					buf_release(&want);
				}
			}
		}
		CHECK(!bad, "html: %d texts with one special escaped wrong", bad);
	}
	s = esc(escape_json, "a\"b\\c\n\x01\xff");
	CHECK_STR(s, "a\\\"b\\\\c\\n\\u0001\\ufffd", "json: controls and invalid UTF-8");
	free(s);
	s = esc(escape_url, "https://x.org/a b?q=1&r='2'#é");
	CHECK_STR(s, "https://x.org/a%20b?q=1&amp;r=&#39;2&#39;#%C3%A9", "url");
	free(s);
	s = esc(escape_url, "https://x.org/a[1]?q=[b]");
	CHECK_STR(s, "https://x.org/a%5B1%5D?q=%5Bb%5D", "url: brackets encoded");
	free(s);
	s = esc(escape_url, "http://[::1]:8080/p[2]#[x]");
	CHECK_STR(s, "http://[::1]:8080/p%5B2%5D#%5Bx%5D", "url: an IPv6 host keeps its brackets");
	free(s);
	s = esc(escape_url, "//[2001:db8::1]/x");
	CHECK_STR(s, "//[2001:db8::1]/x", "url: scheme-relative IPv6 host");
	free(s);
	s = esc(escape_url, "a/[::1]/b");
	CHECK_STR(s, "a/%5B::1%5D/b", "url: brackets in a path are no host");
	free(s);
	s = esc(escape_text_line, "dir\nname\t\x7f.md");
	CHECK_STR(s, "dir\\nname\\t\\x7f.md", "text line: one line whatever the name");
	free(s);
	{
		struct buf b = BUF_INIT;

		escape_json_script(&b, "</script>", 9);
		CHECK_STR(b.buf, "\"\\u003c/script\\u003e\"", "json in a script element");
		buf_reset(&b);
		/* letters of any script go through whole; what HTML refuses in
		 * a script (C1, U+FFFE/F) is escaped, broken UTF-8 replaced */
		escape_json_script(&b, "\xc3\xa9t\xc3\xa9 \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a "
				   "\xc2\x85\xef\xbf\xbe\xef\xbf\xbd \xe2\x80 a&b", 30);
		CHECK_STR(b.buf, "\"\xc3\xa9t\xc3\xa9 \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a "
			  "\\u0085\\ufffe\xef\xbf\xbd \\ufffd\\ufffd a\\u0026b\"",
			  "json in a script: runs of UTF-8, C1, noncharacters, broken bytes");
		buf_reset(&b);
		escape_json(&b, "\xc2\x85<\xef\xbf\xbe>\xf0\x9f\x98\x80\xed\xa0\x80", 14);
		CHECK_STR(b.buf, "\xc2\x85<\xef\xbf\xbe>\xf0\x9f\x98\x80\\ufffd\\ufffd\\ufffd",
			  "json: C1, <, > and noncharacters as they are; a surrogate replaced");
		buf_release(&b);
	}
}

static void test_entities(void)
{
	static const char *const rendered[] = {
		"<sup>", "</sup>", "<SUB>", "</sub >", "<s>", "<del>", "<ins>",
		"<mark>", "<br>", "<br/>", "<br />",
	};
	static const char *const text[] = {
		"<b>", "</span>", "<sup class=\"x\">", "<img src=x alt=\"y\">",
		"<abbr title=\"t\">", "<![CDATA[x]]>",
	};
	static const char *const empty[] = {
		"<wbr>", "<img src=x>", "<hr/>", "</br>", "<span/>", "<?php x ?>", "<!DOCTYPE html>",
	};
	struct rawhtml_inline r;
	struct buf b = BUF_INIT;
	size_t k;

	CHECK(entity_count() == 2125, "the 2,125 HTML5 names");
	CHECK_STR(entity_lookup("mu", 2), "\xCE\xBC", "&mu;");
	CHECK_STR(entity_lookup("Scedil", 6), "\xC5\x9E", "&Scedil;");
	CHECK_STR(entity_lookup("NotEqualTilde", 13), "\xE2\x89\x82\xCC\xB8", "two code points");
	CHECK(entity_lookup("AElig", 5) && entity_lookup("zwnj", 4), "first and last");
	CHECK(!entity_lookup("Mu2", 3) && !entity_lookup("m", 1) && !entity_lookup("mux", 3),
	      "no such name");
	CHECK(md_entity_add(&b, "&ne;", 4) == 0 && md_entity_add(&b, "&#x3bc;", 7) == 0 &&
	      md_entity_add(&b, "&bogus;", 7) == -1, "md_entity_add");
	CHECK_STR(b.buf, "\xE2\x89\xA0\xCE\xBC", "named and numeric");
	buf_release(&b);
	for (k = 0; k < ARRAY_SIZE(rendered); k++) {
		rawhtml_inline(rendered[k], strlen(rendered[k]), &r);
		CHECK(r.kind == RK_RENDERED, "rendered: %s", rendered[k]);
	}
	for (k = 0; k < ARRAY_SIZE(text); k++) {
		rawhtml_inline(text[k], strlen(text[k]), &r);
		CHECK(r.kind == RK_TEXT, "text-bearing: %s", text[k]);
	}
	for (k = 0; k < ARRAY_SIZE(empty); k++) {
		rawhtml_inline(empty[k], strlen(empty[k]), &r);
		CHECK(r.kind == RK_EMPTY, "no text: %s", empty[k]);
	}
	rawhtml_inline("<!-- x -->", 10, &r);
	CHECK(r.kind == RK_COMMENT, "a comment");
}

static void test_date(void)
{
	struct date a, b;
	char out[11];

	CHECK(date_parse("2023-10", &a) == 0 && a.y == 2023 && a.m == 10 && a.d == 0, "YYYY-MM");
	CHECK(date_parse("2024-02-29", &b) == 0, "leap day");
	CHECK(date_parse("2023-02-29", &b) < 0, "not a leap year");
	CHECK(date_parse("2023-13", &b) < 0, "month 13");
	CHECK(date_parse("2023-1", &b) < 0, "one-digit month");
	CHECK(date_parse("2023-10-15", &b) == 0 && date_cmp(a, b) == 0,
	      "coarser precision: 2023-10 equals 2023-10-15");
	date_parse("2024-06", &b);
	CHECK(date_months(a, b) == 8, "months between 2023-10 and 2024-06");
	date_format(date_add_months(a, 36), out);
	CHECK_STR(out, "2026-10", "36 months later");
	date_format(b, out);
	CHECK_STR(out, "2024-06", "a month");
	date_parse("0987-01-05", &b);
	date_format(b, out);
	CHECK_STR(out, "0987-01-05", "a day, zeros kept");
}

static struct ynode *parse(struct ydoc *d, const char *text, struct diag_list *l)
{
	struct yaml_opts o = { "t.yaml", 0, 0 };

	yaml_parse(d, text, strlen(text), &o, l);
	return d->root;
}

static void test_yaml(void)
{
	struct ydoc d = YDOC_INIT;
	struct diag_list l = DIAG_LIST_INIT;
	struct ynode *r = parse(&d, "a: no\nb: 2023-10\nc: 0x1F\nd: 1.5\ne: ~\nf: \"true\"\ng: .inf\n", &l);

	CHECK(r && r->type == Y_MAP && r->n == 7, "a map of 7");
	CHECK(ymap_get(r, "a")->type == Y_STRING, "'no' is a string in YAML 1.2");
	CHECK(ymap_get(r, "b")->type == Y_STRING, "a date is a string");
	CHECK(ymap_get(r, "c")->type == Y_INT && ymap_get(r, "c")->v.i == 31, "hex integer");
	CHECK(ymap_get(r, "d")->type == Y_FLOAT, "float");
	CHECK(ymap_get(r, "e")->type == Y_NULL, "null");
	CHECK(ymap_get(r, "f")->type == Y_STRING, "quoted true is a string");
	CHECK(isinf(ymap_get(r, "g")->num), ".inf");
	CHECK(ymap_get(r, "b")->line == 2 && ymap_get(r, "b")->col == 4, "positions");
	ydoc_release(&d);

	r = parse(&d, "k: 1\nk: 2\n", &l);
	CHECK(!r && l.n == 1 && l.v[0].rule == R_YAML_DUPLICATE_KEY && l.v[0].line == 2,
	      "duplicate key at its line");
	ydoc_release(&d);
	diag_list_release(&l);

	r = parse(&d, "a: &x [1, 2]\nb: *x\n", &l);
	CHECK(r && ymap_get(r, "b")->type == Y_SEQ && ymap_get(r, "b")->n == 2, "alias expanded");
	CHECK(ynode_equal(ymap_get(r, "a"), ymap_get(r, "b")), "equal");
	ydoc_release(&d);
	diag_list_release(&l);
}

static unsigned rnd(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(*seed >> 33);
}

static int check_agrees(const unsigned char *s, size_t n)
{
	struct diag_list l = DIAG_LIST_INIT;
	int ok = utf8_check((const char *)s, n, 1, "t.md", &l) == 0;

	diag_list_release(&l);
	/* UTF-8 as RFC 3629 has it, without NUL */
	return ok == (fuzz_utf8_valid((const char *)s, n) && !memchr(s, 0, n));
}

/*
 * utf8_check() reads long texts sixteen bytes at a time: every lead byte
 * with every second byte (and continuations or not after it) at the
 * places around a block's end, then texts of valid characters with one
 * byte changed, must be judged as a byte-by-byte check judges them.
 */
static void test_utf8(void)
{
	static const unsigned at[] = { 0, 13, 14, 15, 16, 29, 30, 31, 32, 47, 60,
				       61, 62, 63 };
	static const unsigned char more[] = { 0x80, 0xBF, 'a' };
	static const char *const chars[] = {
		"a", " ", "\n", "\xC3\xA9", "\xD8\xB9", "\xD9\x8E", "\xE2\x80\xAF",
		"\xE4\xBD\xA0", "\xEF\xBF\xBD", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
	};
	unsigned char b[96];
	unsigned long seed = 99;
	unsigned lead, second, k, m1, m2, bad = 0, first_bad = 0;
	int round;

	for (lead = 0x80; lead <= 0xFF; lead++)
		for (second = 0; second <= 0xFF; second++)
			for (k = 0; k < ARRAY_SIZE(at); k++)
				for (m1 = 0; m1 < 3; m1++)
					for (m2 = 0; m2 < 3; m2++) {
						memset(b, 'a', sizeof(b));
						b[at[k]] = (unsigned char)lead;
						if (at[k] + 1 < sizeof(b))
							b[at[k] + 1] = (unsigned char)second;
						if (at[k] + 2 < sizeof(b))
							b[at[k] + 2] = more[m1];
						if (at[k] + 3 < sizeof(b))
							b[at[k] + 3] = more[m2];
						if (!check_agrees(b, sizeof(b)) && !bad++)
							first_bad = lead << 8 | second;
					}
	CHECK(!bad, "%u byte pairs judged unlike a byte-by-byte check, first %04X",
	      bad, first_bad);
	bad = 0;
	for (round = 0; round < 20000; round++) {
		struct buf t = BUF_INIT;

		size_t want = 64 + rnd(&seed) % 200, at_;

		while (t.len < want)
			buf_adds(&t, chars[rnd(&seed) % ARRAY_SIZE(chars)]);
		if (round % 4) {
			at_ = rnd(&seed) % t.len;
			t.buf[at_] = (char)(rnd(&seed) & 0xFF);
		}
		if (!check_agrees((const unsigned char *)t.buf, t.len))
			bad++;
		{	/* code points: every byte but a continuation */
			size_t k, want_n = 0;

			for (k = 0; k < t.len; k++)
				want_n += ((unsigned char)t.buf[k] & 0xC0) != 0x80;
			if (utf8_count(t.buf, t.len) != want_n)
				bad++;
		}
		buf_release(&t);
	}
	CHECK(!bad, "%u of 20000 texts judged unlike a byte-by-byte check", bad);
}

/*
 * The UTF-8 check tells whether a file holds an Arabic-Indic digit in the
 * same reading: it must say what numbers_arabic_digit() says, digits
 * and their neighbours (D9 9F, D9 AA, DB AF, DB BA) on every side of a
 * block's end.
 */
static void test_arabic_digit(void)
{
	static const char *const chars[] = {
		"a", "\n", "\xC3\xA9", "\xD8\xB9", "\xD9\xA0", "\xD9\xA9", "\xDB\xB0",
		"\xDB\xB9", "\xD9\x9F", "\xD9\xAA", "\xDB\xAF", "\xDB\xBA",
		"\xE2\x80\xAF",
	};
	unsigned long seed = 5;
	unsigned bad = 0, known = 0, with = 0, round;

	for (round = 0; round < 20000; round++) {
		struct buf t = BUF_INIT;
		struct article a;
		struct diag_list l = DIAG_LIST_INIT;
		size_t want = 64 + rnd(&seed) % 300;
		int odds = 1 + (int)(rnd(&seed) % 3), want_digit;

		while (t.len < want) {
			unsigned k = rnd(&seed) % ARRAY_SIZE(chars);

			/* mostly no digit at all, or one or two */
			if (k >= 4 && k <= 7 && rnd(&seed) % 400 >= (unsigned)odds)
				k = 0;
			buf_adds(&t, chars[k]);
		}
		want_digit = numbers_arabic_digit(t.buf, t.len);
		article_init(&a, "t.md");
		article_load_mem(&a, t.buf, t.len, &l);
		if (a.arabic_digit >= 0) {
			known++;
			with += want_digit;
			if (a.arabic_digit != want_digit)
				bad++;
		}
		article_release(&a);
		diag_list_release(&l);
		buf_release(&t);
	}
	CHECK(!bad, "%u of %u texts whose digit is unlike numbers_arabic_digit()'s",
	      bad, known);
	printf("# arabic digits: %u of 20000 texts told by the UTF-8 check, %u with one\n",
	       known, with);
}

/* Line and column of every offset of t (and of its end), counted. */
static struct pos *naive_pos(const char *t, size_t n, unsigned first_line)
{
	struct pos *v = malloc((n + 1) * sizeof(*v)), r = { first_line, 1 };
	size_t i;

	for (i = 0; i <= n; i++) {
		v[i] = r;
		if (i < n && t[i] == '\n') {
			r.line++;
			r.col = 1;
		} else if (i < n && ((unsigned char)t[i] & 0xC0) != 0x80) {
			r.col++;
		}
	}
	return v;
}

/*
 * md_src_pos() answers from the position it gave last: every offset
 * asked for in reading order, backwards, at random, and twice over, must
 * get the line and column a count from the start gives.
 */
static void test_md_src(void)
{
	static const char *const parts[] = {
		"a", " ", "\n", "\n\n", "\xC3\xA9", "\xD8\xB9", "\xE2\x80\xAF",
		"\xF0\x9F\x98\x80", "- ", "> ", "| a | b |\n",
	};
	struct buf t = BUF_INIT;
	struct md_src s;
	struct pos *want;
	unsigned long seed = 7;
	unsigned bad = 0, round;
	size_t off, k;

	while (t.len < 12000) {
		buf_adds(&t, parts[rnd(&seed) % ARRAY_SIZE(parts)]);
		if (rnd(&seed) % 200 == 0)	/* a line past MD_COL_STEP */
			for (k = 0; k < 400; k++)
				buf_adds(&t, "\xC3\xA9");
		if (rnd(&seed) % 1000 == 0)	/* past 255 blocks of 16 */
			for (k = 0; k < 3000; k++)
				buf_adds(&t, k % 3 ? "\xC3\xA9" : "a");
	}
	md_src_init(&s, t.buf, t.len, 5);
	want = naive_pos(t.buf, t.len, 5);
	for (round = 0; round < 4; round++)
		for (k = 0; k <= t.len; k++) {
			struct pos got;

			off = round == 0 ? k : round == 1 ? t.len - k :
			      round == 2 ? rnd(&seed) % (t.len + 1) :
			      (k / 2) + (k % 2) * (rnd(&seed) % 40);
			if (off > t.len)
				off = t.len;
			got = md_src_pos(&s, t.buf + off);
			if (got.line != want[off].line || got.col != want[off].col)
				bad++;
		}
	CHECK(!bad, "%u positions unlike a count from the start", bad);
	CHECK(s.nlines == want[t.len].line - 4, "%zu lines", s.nlines);
	free(want);
	md_src_release(&s);
	buf_release(&t);
}

int main(void)
{
	test_buf();
	test_escape();
	test_entities();
	test_date();
	test_yaml();
	test_utf8();
	test_md_src();
	test_arabic_digit();
	return test_done("leaf_unit");
}
