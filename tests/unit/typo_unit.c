/*
 * typo_unit.c - cli/typo.c: the golden cases of tests/spec/typo.txt (its
 * format is described at the top of that file), then the helpers and a
 * robustness pass over arbitrary bytes.  Run from the project root.
 */
#include "buf.h"
#include "typo.h"
#include "util.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#define SPEC "tests/spec/typo.txt"

/*
 * Decode the escapes of the spec file in s[0..n): \uXXXX \t \n \\ \| \`.
 * Returns -1 on a malformed escape.
 */
static int unescape(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			buf_addc(out, s[i]);
			continue;
		}
		if (++i == n)
			return -1;
		switch (s[i]) {
		case 't': buf_addc(out, '\t'); break;
		case 'n': buf_addc(out, '\n'); break;
		case '\\': case '|': case '`': buf_addc(out, s[i]); break;
		case 'u': {
			unsigned cp = 0;
			size_t k;

			if (n - i < 5)
				return -1;
			for (k = 1; k <= 4; k++) {
				char c = s[i + k];

				cp <<= 4;
				if (c >= '0' && c <= '9')
					cp |= (unsigned)(c - '0');
				else if (c >= 'A' && c <= 'F')
					cp |= (unsigned)(c - 'A' + 10);
				else if (c >= 'a' && c <= 'f')
					cp |= (unsigned)(c - 'a' + 10);
				else
					return -1;
			}
			buf_addcp(out, cp);
			i += 4;
			break;
		}
		default:
			return -1;
		}
	}
	return 0;
}

/* s for a failure report: the invisible spaces and controls as escapes. */
static void visible(struct buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) {
			buf_adds(out, "\\u00A0");
			i++;
		} else if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 &&
			   (u[i + 2] == 0xAF || (u[i + 2] >= 0x80 && u[i + 2] <= 0x8A))) {
			buf_addf(out, "\\u20%02X", u[i + 2] - 0x80);
			i += 2;
		} else if (u[i] < 0x20) {
			buf_addf(out, "\\x%02X", u[i]);
		} else {
			buf_addc(out, u[i]);
		}
	}
}

/*
 * One input line: a block of runs split at unescaped '|'; a run in
 * backquotes is verbatim (reported, and copied as a renderer would).
 */
static int run_line(struct typo *t, struct buf *out, const char *line, size_t n,
		    int via_run)
{
	struct buf run = BUF_INIT, tmp = BUF_INIT;
	size_t i = 0, start;
	int rc = 0;

	typo_block(t);
	while (i <= n) {
		start = i;
		while (i < n && line[i] != '|') {
			if (line[i] == '\\' && i + 1 < n)
				i++;
			i++;
		}
		buf_reset(&run);
		if (i - start >= 2 && line[start] == '`' && line[i - 1] == '`' &&
		    line[i - 2] != '\\') {
			if (unescape(&run, line + start + 1, i - start - 2) < 0)
				rc = -1;
			typo_verbatim(t, run.buf, run.len);
			buf_add(out, run.buf, run.len);
		} else {
			if (unescape(&run, line + start, i - start) < 0)
				rc = -1;
			if (via_run) {
				const char *r;
				size_t rn;

				r = typo_run(t, &tmp, run.buf, run.len, &rn);
				buf_add(out, r, rn);
				buf_reset(&tmp);
			} else {
				typo_text(t, out, run.buf, run.len);
			}
		}
		i++;
	}
	buf_release(&tmp);
	buf_release(&run);
	return rc;
}

struct spec_case {
	char title[200];
	char lang[40];
	unsigned flags;
	const char *in[32], *want[32];
	size_t in_len[32], want_len[32];
	int nin, nwant;
	int bad;
};

static void check_case(const struct spec_case *c)
{
	struct typo t;
	struct buf got = BUF_INIT, want = BUF_INIT, g = BUF_INIT, w = BUF_INIT;
	int k, ok = 1, via_run;

	if (c->bad || c->nin == 0 || c->nin != c->nwant) {
		TEST_FAIL("%s: malformed case (%d input lines, %d expected)",
			  c->title, c->nin, c->nwant);
		return;
	}
	/* typo_text(), then typo_run(): the same text */
	for (via_run = 0; via_run < 2 && ok; via_run++) {
		typo_init(&t, c->lang, c->flags);
		for (k = 0; k < c->nin && ok; k++) {
			buf_reset(&got);
			buf_reset(&want);
			if (run_line(&t, &got, c->in[k], c->in_len[k], via_run) < 0 ||
			    unescape(&want, c->want[k], c->want_len[k]) < 0) {
				TEST_FAIL("%s: bad escape in line %d", c->title, k + 1);
				ok = 0;
			} else if (got.len != want.len || memcmp(got.buf, want.buf, got.len)) {
				visible(&g, got.buf, got.len);
				visible(&w, want.buf, want.len);
				TEST_FAIL("%s (line %d%s)\n   got:  %s\n   want: %s",
					  c->title, k + 1, via_run ? ", typo_run" : "",
					  g.buf, w.buf);
				ok = 0;
			}
		}
	}
	if (ok)
		TEST_PASS();
	buf_release(&got);
	buf_release(&want);
	buf_release(&g);
	buf_release(&w);
}

/* Parse and run every case of the spec file; returns the case count. */
static int run_spec(const char *path)
{
	struct buf file = BUF_INIT;
	struct spec_case c;
	const char *p, *end, *nl;
	int in_case = 0, part = 0, count = 0;
	size_t len;

	if (buf_read_file(&file, path, 1 << 20) != BUF_READ_OK) {
		TEST_FAIL("cannot read %s (run from the project root)", path);
		return 0;
	}
	p = file.buf;
	end = file.buf + file.len;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len >= 4 && memcmp(p, "### ", 4) == 0) {
			if (in_case)
				check_case(&c), count++;
			memset(&c, 0, sizeof(c));
			snprintf(c.title, sizeof(c.title), "%.*s", (int)(len - 4), p + 4);
			in_case = 1;
			part = 0;
		} else if (!in_case) {
			;	/* commentary between cases */
		} else if (len == 0) {
			if (part == 1)
				check_case(&c), count++, in_case = 0;
			else
				c.bad = 1;	/* a blank line among the input */
		} else if (part == 0 && c.nin == 0 && len > 6 && memcmp(p, "lang: ", 6) == 0) {
			snprintf(c.lang, sizeof(c.lang), "%.*s", (int)(len - 6), p + 6);
		} else if (part == 0 && c.nin == 0 && len > 7 && memcmp(p, "flags: ", 7) == 0) {
			if (memeq(p + 7, len - 7, "no-nnbsp"))
				c.flags |= TYPO_NO_NNBSP;
			else if (memeq(p + 7, len - 7, "no-nbsp"))
				c.flags |= TYPO_NO_NBSP;
			else
				c.bad = 1;
		} else if (part == 0 && len == 1 && p[0] == '.') {
			part = 1;
		} else if (part == 0) {
			if (c.nin == 32)
				c.bad = 1;
			else
				c.in[c.nin] = p, c.in_len[c.nin++] = len;
		} else {
			if (c.nwant == 32)
				c.bad = 1;
			else
				c.want[c.nwant] = p, c.want_len[c.nwant++] = len;
		}
		p = nl ? nl + 1 : end;
	}
	if (in_case)
		check_case(&c), count++;
	buf_release(&file);
	return count;
}

static void test_lang(void)
{
	CHECK(typo_lang_of("fr") == TYPO_LANG_FR, "fr");
	CHECK(typo_lang_of("FR-ca") == TYPO_LANG_FR, "FR-ca");
	CHECK(typo_lang_of("fr_BE") == TYPO_LANG_FR, "fr_BE");
	CHECK(typo_lang_of("de-CH") == TYPO_LANG_DE, "de-CH");
	CHECK(typo_lang_of("ar") == TYPO_LANG_AR, "ar");
	CHECK(typo_lang_of("fra") == TYPO_LANG_OTHER, "fra is not fr");
	CHECK(typo_lang_of("f") == TYPO_LANG_OTHER, "f");
	CHECK(typo_lang_of("es") == TYPO_LANG_OTHER, "es");
	CHECK(typo_lang_of("") == TYPO_LANG_NONE, "empty");
	CHECK(typo_lang_of(NULL) == TYPO_LANG_NONE, "NULL");
	CHECK(typo_lang_of("zxx") == TYPO_LANG_NONE, "zxx");
	CHECK(typo_needed("fr") && typo_needed("en") && typo_needed("ja"),
	      "languages with rules");
	CHECK(!typo_needed("zxx") && !typo_needed("") && !typo_needed(NULL),
	      "no linguistic content");
}

static void test_breaks(void)
{
	static const unsigned before[] = { ';', ':', '!', '?', 0xBB, 0x203A,
		0x201D, 0x2019, 0x061B, 0x061F, 0xA0, 0x202F };
	static const unsigned after[] = { 0xAB, 0x2039, 0x201E, 0x201A, 0xA0, 0x202F };
	size_t k;

	for (k = 0; k < ARRAY_SIZE(before); k++)
		CHECK(typo_no_break_before(before[k]), "no break before U+%04X", before[k]);
	for (k = 0; k < ARRAY_SIZE(after); k++)
		CHECK(typo_no_break_after(after[k]), "no break after U+%04X", after[k]);
	CHECK(!typo_no_break_before(0xAB) && !typo_no_break_after(0xBB), "« »");
	CHECK(!typo_no_break_before('a') && !typo_no_break_after('a'), "a");
	CHECK(!typo_no_break_before(' ') && !typo_no_break_after(' '), "space");
	/* “ opens in English and closes in German: neither. */
	CHECK(!typo_no_break_before(0x201C) && !typo_no_break_after(0x201C), "“");
	{
		/* the wrapper's inline answers are the same, everywhere */
		unsigned cp, bad = 0;

		for (cp = 0; cp < 0x110000; cp++)
			if (typo_glue_before(cp) != typo_no_break_before(cp) ||
			    typo_glue_after(cp) != typo_no_break_after(cp))
				bad++;
		CHECK(!bad, "typo_glue_*() differ from typo_no_break_*() at %u code points",
		      bad);
	}
}

/* A tiny deterministic generator, so a failure can be replayed. */
static unsigned next_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7FFF;
}

/*
 * Arbitrary bytes, split into arbitrary runs, each in a buffer of its exact
 * size (so AddressSanitizer sees any read past the end): nothing may crash,
 * and with no rules the text must come out unchanged.
 */
static void test_robust(void)
{
	static const char *const langs[] = { "fr", "en", "de", "nl", "tr", "ar", "es", "zxx" };
	static const char *const pieces[] = { "\"", "'", ":", "!", "?", ";", "%", " ",
		"\t", "«", "»", "“", "”", "„", "\xC2\xA0", "\xE2\x80\xAF", "www.",
		"http://", "mailto:", "a", "é", "1", "\xE2\x80", "\xC2", "\xFF", "(",
		"-", "\n", "w", "\0" };
	unsigned seed = 42;
	int iter, crashed = 0;
	size_t l;

	for (l = 0; l < ARRAY_SIZE(langs); l++) {
		for (iter = 0; iter < 300; iter++) {
			struct typo t;
			struct buf in = BUF_INIT, out = BUF_INIT;
			size_t k, pos = 0, cut, npieces = next_rand(&seed) % 40;
			unsigned flags = next_rand(&seed) % 4;

			for (k = 0; k < npieces; k++) {
				const char *p = pieces[next_rand(&seed) % ARRAY_SIZE(pieces)];

				buf_add(&in, p, *p ? strlen(p) : 1);
			}
			typo_init(&t, langs[l], flags);
			while (pos < in.len) {
				char *copy;

				cut = 1 + next_rand(&seed) % 8;
				if (cut > in.len - pos)
					cut = in.len - pos;
				copy = xmalloc(cut);
				memcpy(copy, in.buf + pos, cut);
				if (next_rand(&seed) % 5 == 0) {
					typo_verbatim(&t, copy, cut);
					buf_add(&out, copy, cut);
				} else {
					typo_text(&t, &out, copy, cut);
				}
				free(copy);
				pos += cut;
				if (next_rand(&seed) % 10 == 0)
					typo_block(&t);
			}
			typo_text(&t, &out, "", 0);
			if (strcmp(langs[l], "zxx") == 0 &&
			    (out.len != in.len || memcmp(out.buf, in.buf, in.len)))
				crashed++;
			buf_release(&in);
			buf_release(&out);
		}
	}
	CHECK(crashed == 0, "zxx text unchanged (%d differ)", crashed);
}

/*
 * typo_run() gives what typo_text() appends, run by run, whether the run
 * changes or not, on arbitrary text cut into runs of every length.
 */
static void test_run_same(void)
{
	static const char *const langs[] = { "fr", "en", "de", "ar", "zxx" };
	static const char *const pieces[] = { "\"", "'", ":", "!", "?", " ",
		"«", "»", "\xC2\xA0", "\xE2\x80\xAF", "www.", "http://", "a",
		"é", "1", "5 ", "000", "mg", "\xD9\xA3", "\xDB\xB5", "ملغ",
		"word ", "l'", "\n", "\xFF", "14 h 30", "tel:", "`" };
	unsigned seed = 7;
	int iter, differ = 0;
	size_t l;

	for (l = 0; l < ARRAY_SIZE(langs); l++) {
		for (iter = 0; iter < 400; iter++) {
			struct typo a, b;
			struct buf in = BUF_INIT, out = BUF_INIT, out2 = BUF_INIT,
				   tmp = BUF_INIT;
			size_t k, pos = 0, cut, npieces = next_rand(&seed) % 60;

			for (k = 0; k < npieces; k++) {
				const char *p = pieces[next_rand(&seed) % ARRAY_SIZE(pieces)];

				buf_adds(&in, p);
			}
			typo_init(&a, langs[l], 0);
			typo_init(&b, langs[l], 0);
			while (pos < in.len) {
				const char *r;
				size_t rn;

				cut = 1 + next_rand(&seed) % 64;
				if (cut > in.len - pos)
					cut = in.len - pos;
				typo_text(&a, &out, in.buf + pos, cut);
				buf_reset(&tmp);
				r = typo_run(&b, &tmp, in.buf + pos, cut, &rn);
				buf_add(&out2, r, rn);
				pos += cut;
			}
			if (out.len != out2.len || memcmp(out.buf, out2.buf, out.len))
				differ++;
			buf_release(&in);
			buf_release(&out);
			buf_release(&out2);
			buf_release(&tmp);
		}
	}
	CHECK(differ == 0, "typo_run as typo_text (%d differ)", differ);
}

/* One long run: linear time, one buffer growth. */
static void test_long(void)
{
	struct typo t;
	struct buf in = BUF_INIT, out = BUF_INIT;
	size_t k;

	for (k = 0; k < 100000; k++)
		buf_adds(&in, "Vraiment? \"Oui\" l'ami: 50% ");
	typo_init(&t, "fr", 0);
	typo_text(&t, &out, in.buf, in.len);
	/*
	 * Each piece grows: U+202F before ? (3 bytes), "« " and " »" for the
	 * quotes (3 more each), ’ for ' (2 more), U+00A0 before : and % (2).
	 */
	CHECK(out.len == in.len + 100000 * (3 + 3 + 3 + 2 + 2 + 2),
	      "long run: %zu bytes from %zu", out.len, in.len);
	buf_release(&in);
	buf_release(&out);
}

/*
 * A web address is found wherever its "www" falls in the 16-byte blocks
 * the scanner reads, and a lone w (with, wie) changes nothing: the same
 * sentence after 0 to 40 letters, in every block position.
 */
static void test_www_offsets(void)
{
	/* padding: plain letters, then lone w's ("awaw..."), which the
	 * scanner passes over without stopping */
	static const char pad[2][2] = { { 'a', 'a' }, { 'a', 'w' } };
	size_t k;

	for (k = 0; k <= 81; k++) {
		struct typo t;
		struct buf in = BUF_INIT, out = BUF_INIT, want = BUF_INIT;
		size_t i;

		for (i = 0; i < k % 41; i++)
			buf_addc(&in, pad[k / 41][i % 2]);
		buf_add(&want, in.buf, in.len);
		buf_adds(&in, " voir www.site.org:8080/a;b pour wow ; fin");
		buf_adds(&want, " voir www.site.org:8080/a;b pour wow\xE2\x80\xAF; fin");
		typo_init(&t, "fr", 0);
		typo_text(&t, &out, in.buf, in.len);
		CHECK_STR(out.buf, want.buf, "www after %zu letters", k % 41);
		buf_release(&in);
		buf_release(&out);
		buf_release(&want);
	}
}

int main(int argc, char **argv)
{
	int n = run_spec(argc > 1 ? argv[1] : SPEC);

	CHECK(n >= 40, "%s has %d cases, want at least 40", SPEC, n);
	test_lang();
	test_breaks();
	test_robust();
	test_run_same();
	test_long();
	test_www_offsets();
	return test_done("typo");
}
