/*
 * render_html_spec.c - the golden examples of tests/spec/render_html.txt
 * through render_html(), byte for byte, plus unit checks of the URL
 * filter and the heading ids.
 *
 * The file's format is described at its top.  Examples resolve article:
 * links through a fixed table (spec_resolve() in spec.h), so that both outcomes
 * of the resolver and its failure are covered without a corpus.
 *
 * The reading, comparing and SPEC_BLESS=1 rewriting are tests/unit/spec.h's,
 * shared with render_text_spec.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "export.h"
#include "markdown.h"
#include "render.h"
#include "util.h"

#include "spec.h"

/*
 * A body that leaves something in every buffer a renderer keeps between
 * bodies: each example is rendered again after it with kept buffers, and
 * must come out the same.
 */
static const char dirty[] =
	"# T\n\n- a [l](https://x.org) ![i](y.png \"t\")\n  1. b *c*\n\n"
	"> q `c` <b>h</b>\n\n| a | b |\n|---|---|\n| [c](article:x) | d |\n\n"
	"```\ncode\n```\n\n## H ![alt **x**](z.png)\n";

/* "example lang=fr xhtml notypo" */
static void render(const char *opts, const struct buf *md, struct buf *out)
{
	char lang[16];
	struct md_src src;
	struct render_opts o;

	spec_opt(opts, "lang", lang, sizeof(lang));
	memset(&o, 0, sizeof(o));
	o.lang = *lang ? lang : "zxx";
	o.rtl = !strcmp(o.lang, "ar");
	if (spec_flag(opts, "xhtml"))
		o.flags |= RENDER_XHTML;
	if (spec_flag(opts, "notypo"))
		o.flags |= RENDER_NO_TYPO;
	o.resolve = spec_resolve;
	md_src_init(&src, md->buf, md->len, 1);
	render_html(&src, NULL, &o, out, NULL);
	md_src_release(&src);
	{
		struct buf again = BUF_INIT;

		o.html_keep = html_keep_new();
		md_src_init(&src, dirty, strlen(dirty), 1);
		render_html(&src, NULL, &o, &again, NULL);
		md_src_release(&src);
		buf_reset(&again);
		md_src_init(&src, md->buf, md->len, 1);
		render_html(&src, NULL, &o, &again, NULL);
		md_src_release(&src);
		if (again.len != out->len || memcmp(again.buf, out->buf, out->len))
			buf_adds(out, "[not the same with kept buffers]\n");
		html_keep_free(o.html_keep);
		buf_release(&again);
	}
}

static void unit_checks(void)
{
	static const struct { const char *url; int ok; } urls[] = {
		{ "https://example.org/", 1 }, { "HTTP://example.org", 1 },
		{ "mailto:a@b.org", 1 }, { "tel:+3212345", 1 },
		{ "relative/page.html", 1 }, { "../up.html", 1 },
		{ "#anchor", 1 }, { "?q=1", 1 }, { "//cdn.example.org/x", 1 },
		{ "a b:c", 1 }, { "", 1 },
		{ "javascript:alert(1)", 0 }, { "JavaScript:alert(1)", 0 },
		{ "java\tscript:alert(1)", 0 }, { "data:text/html,x", 0 },
		{ "vbscript:x", 0 }, { "file:///etc/passwd", 0 },
		{ "article:x", 0 }, { "ftp://example.org", 0 },
		{ "\x01javascript:x", 0 },
	};
	static const struct { const char *text, *id; } ids[] = {
		{ "Une réponse qui peut prendre du temps",
		  "une-reponse-qui-peut-prendre-du-temps" },
		{ "Quand la tumeur semble d’abord grossir",
		  "quand-la-tumeur-semble-d-abord-grossir" },
		{ "Größe & Maße", "grosse-masse" },
		{ "  Spaces  ", "spaces" },
		{ "2. Étape", "h-2-etape" },
		{ "?!", "section" },
		{ "", "section" },
		{ "علاج يعمل", "علاج-يعمل" },
		{ "İyi Işık", "iyi-isik" },
		{ "Œdème, Ærø et Łódź", "oedeme-aero-et-lodz" },
		{ "<script>alert(1)</script>", "script-alert-1-script" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(urls); i++)
		CHECK(render_url_allowed(urls[i].url, strlen(urls[i].url), 0) ==
		      urls[i].ok, "render_url_allowed(\"%s\") should be %d",
		      urls[i].url, urls[i].ok);
	CHECK(render_url_allowed("article:x", 9, 1),
	      "article: allowed when asked");
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		struct buf b = BUF_INIT;

		render_heading_id(&b, ids[i].text, strlen(ids[i].text));
		CHECK_STR(b.buf, ids[i].id, "render_heading_id(\"%s\")",
			  ids[i].text);
		buf_release(&b);
	}
	{
		/* control characters HTML and XML refuse become U+FFFD */
		struct buf md = BUF_INIT, out = BUF_INIT;

		buf_adds(&md, "a\x01" "b\x7f c\x0b\n\n## t\x02" "i\n");
		render(" lang=fr ", &md, &out);
		CHECK_STR(out.buf, "<p>a\xEF\xBF\xBD" "b\xEF\xBF\xBD c\xEF\xBF\xBD</p>\n"
			  "<h2 id=\"t-i\">t\xEF\xBF\xBD" "i</h2>\n", "control characters");
		buf_release(&out);
		buf_release(&md);
	}
	{
		/* a long heading's id stops at 64 bytes, on a character */
		struct buf b = BUF_INIT;
		const char *t = "ééééééééééééééééééééééééééééééééééééééééééééé";

		render_heading_id(&b, t, strlen(t));
		CHECK(b.len <= 64 && b.len > 0, "long id: %zu bytes", b.len);
		buf_release(&b);
	}
}

/* The Latin letters render.h lists as read in ASCII, after case folding. */
static const char *ref_latin(utf8proc_int32_t c)
{
	static const struct { utf8proc_int32_t cp; const char *as; } v[] = {
		{ 0xE6, "ae" }, { 0x153, "oe" }, { 0xF8, "o" }, { 0x142, "l" },
		{ 0x111, "d" }, { 0xF0, "d" }, { 0xFE, "th" }, { 0x131, "i" },
		{ 0x14B, "n" }, { 0x127, "h" }, { 0x167, "t" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(v); i++)
		if (v[i].cp == c)
			return v[i].as;
	return NULL;
}

/*
 * The id of s[0..n) the long way, every character through utf8proc as
 * render.h describes it: what render_heading_id() must give, however it
 * takes its shortcuts.
 */
static void ref_heading_id(struct buf *out, const char *s, size_t n)
{
	size_t start = out->len, i = 0;
	int dash = 0;

	while (i < n) {
		utf8proc_int32_t cp, d[16];
		utf8proc_ssize_t k, nd, j;
		int last = 0;

		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			cp = ' ', k = 1;
		i += (size_t)k;
		nd = utf8proc_decompose_char(cp, d, 16, UTF8PROC_DECOMPOSE |
					     UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
					     UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
					     &last);
		for (j = 0; j < (nd < 0 || nd > 16 ? 0 : nd); j++) {
			utf8proc_category_t cat = utf8proc_category(d[j]);
			int digit = cat >= UTF8PROC_CATEGORY_ND &&
				    cat <= UTF8PROC_CATEGORY_NO;
			utf8proc_uint8_t u[4];
			utf8proc_ssize_t len;
			const char *as = ref_latin(d[j]);

			if (!as && !digit && !(cat >= UTF8PROC_CATEGORY_LU &&
					       cat <= UTF8PROC_CATEGORY_LO)) {
				dash = 1;
				continue;
			}
			if (as) {
				len = (utf8proc_ssize_t)strlen(as);
				memcpy(u, as, (size_t)len);
			} else {
				len = utf8proc_encode_char(d[j], u);
			}
			if (out->len == start && digit)
				buf_adds(out, "h-");
			else if (dash && out->len > start)
				buf_addc(out, '-');
			dash = 0;
			if (out->len - start + (size_t)len > 64)
				goto out;
			buf_add(out, u, (size_t)len);
		}
	}
out:
	if (out->len == start)
		buf_adds(out, "section");
}

/*
 * Every character of U+0080 to U+07FF, alone and between letters, gets
 * the id utf8proc gives it (render_heading_id() reads accented Latin and
 * Arabic from its own tables).
 */
static void heading_id_checks(void)
{
	unsigned cp;
	int bad = 0;

	for (cp = 0x80; cp < 0x800; cp++) {
		static const char *const forms[] = { "%s", "a%sb", "A %s 1", "%s%s" };
		unsigned char c[5] = { 0 };
		size_t f;

		utf8proc_encode_char((utf8proc_int32_t)cp, c);
		for (f = 0; f < ARRAY_SIZE(forms); f++) {
			struct buf t = BUF_INIT, a = BUF_INIT, b = BUF_INIT;

			buf_addf(&t, forms[f], c, c);
			render_heading_id(&a, t.buf, t.len);
			ref_heading_id(&b, t.buf, t.len);
			if (strcmp(a.buf, b.buf) && !bad++)
				CHECK_STR(a.buf, b.buf, "heading id of U+%04X (\"%s\")",
					  cp, t.buf);
			buf_release(&t);
			buf_release(&a);
			buf_release(&b);
		}
	}
	CHECK(!bad, "%d heading ids differ from utf8proc's", bad);
}

/*
 * What export_sort_key() must give (collate.h): s through utf8proc_map,
 * then each character one at a time: letters and digits kept (the
 * Latin ones of render.h's list in ASCII), marks dropped, every run of
 * anything else one space, none at either end.
 */
static char *ref_sort_key(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_int32_t cp;
	struct buf k = BUF_INIT;
	size_t i = 0;

	if (utf8proc_map((const utf8proc_uint8_t *)s, -1, &out,
			 UTF8PROC_NULLTERM | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
			 UTF8PROC_STRIPMARK | UTF8PROC_COMPAT) < 0)
		return strdup(s);
	while (out[i]) {
		utf8proc_ssize_t len = utf8proc_iterate(out + i, -1, &cp);
		utf8proc_category_t cat = utf8proc_category(cp);
		const char *as = ref_latin(cp);

		if (as || cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
		    cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
		    cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND ||
		    cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO) {
			if (k.len && k.buf[k.len - 1] == '\1')
				k.buf[k.len - 1] = ' ';
			if (as)
				buf_adds(&k, as);
			else
				buf_add(&k, (const char *)out + i, (size_t)len);
		} else if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC &&
			   cat != UTF8PROC_CATEGORY_ME) {
			if (k.len && k.buf[k.len - 1] != '\1')
				buf_addc(&k, '\1');
		}
		i += (size_t)len;
	}
	if (k.len && k.buf[k.len - 1] == '\1')
		buf_setlen(&k, k.len - 1);
	free(out);
	return buf_detach(&k, NULL);
}

/*
 * Index sort keys: every character of U+0080 to U+07FF, alone, between
 * letters and twice, and titles of each language, broken UTF-8 and
 * control characters, get the key utf8proc gives them (export_sort_key()
 * reads ASCII, accented Latin and Arabic itself).
 */
static void sort_key_checks(void)
{
	static const char *const titles[] = {
		"Immunoth\xc3\xa9rapie : les r\xc3\xa9ponses", "\xc3\x89TAPES",
		"Stra\xc3\x9f" "e", "\xc4\xb0mm\xc3\xbcnoterapi ve ba\xc4\x9f\xc4\xb1\xc5\x9f\xc4\xb1kl\xc4\xb1k",
		"\xd8\xa7\xd9\x84\xd8\xb9\xd9\x84\xd8\xa7\xd8\xac \xd8\xa8\xd9\x90\xd8\xa7\xd9\x84\xd9\x85\xd9\x86\xd8\xa7\xd8\xb9\xd8\xa9",
		"\xd8\xa2\xd8\xa5\xd8\xa6", "caf\xc3", "a\xc3(b", "tab\there", "\x7f", "",
		"\xe2\x80\x99l\xe2\x80\x99immunit\xc3\xa9", "\xef\xac\x81n", "K\xe2\x84\xaa",
	};
	unsigned cp;
	size_t i;
	int bad = 0;

	for (cp = 0x80; cp < 0x800; cp++) {
		static const char *const forms[] = { "%s", "Ab%sC", "%s%s", "1 %s." };
		unsigned char c[5] = { 0 };
		size_t f;

		utf8proc_encode_char((utf8proc_int32_t)cp, c);
		for (f = 0; f < ARRAY_SIZE(forms); f++) {
			struct buf t = BUF_INIT;
			char *a, *b;

			buf_addf(&t, forms[f], c, c);
			a = export_sort_key(t.buf, NULL);
			b = ref_sort_key(t.buf);
			if (strcmp(a, b) && !bad++)
				CHECK_STR(a, b, "sort key of U+%04X (\"%s\")", cp,
					  t.buf);
			free(a);
			free(b);
			buf_release(&t);
		}
	}
	CHECK(!bad, "%d sort keys differ from utf8proc's", bad);
	/* the index order a reader expects: Œ among the O, « » ignored */
	{
		static const char *const sorted[] = {
			"\xc3\x86sope", "Cancer", "\xc2\xab Dialogue \xc2\xbb",
			"\xc5\x81\xc3\xb3" "d\xc5\xba", "\xc5\x92" "d\xc3\xa8me",
			"Oreille", "\xc3\x98stergaard", "Zona",
		};

		for (i = 0; i + 1 < ARRAY_SIZE(sorted); i++) {
			char *a = export_sort_key(sorted[i], NULL);
			char *b = export_sort_key(sorted[i + 1], NULL);

			CHECK(strcmp(a, b) < 0, "\"%s\" (%s) sorts before \"%s\" (%s)",
			      sorted[i], a, sorted[i + 1], b);
			free(a);
			free(b);
		}
	}
	/* Turkish and Azerbaijani: their own letters after the Latin ones */
	{
		static const char *const tr[] = {
			"Cuma g\xc3\xbcn\xc3\xbc", "\xc3\x87" "ay", "\xc3\xa7ok",
			"Dil", "Gece", "\xc4\x9e" "ece", "Hap", "hz",
			"Il\xc4\xb1k", "\xc4\xb1rmak", "\xc4\xb0\xc4\x9f" "ne",
			"ilk", "Oru\xc3\xa7", "\xc3\x96ks\xc3\xbcr\xc3\xbck", "Pazar",
			"Su", "\xc5\x9e" "eker", "Tuz", "Uyku", "\xc3\x9c" "z\xc3\xbcm",
			"Ve",
		};
		static const char *const az[] = {
			"Ev", "Ezm\xc9\x99", "\xc6\x8fl", "F\xc9\x99sil",
		};

		for (i = 0; i + 1 < ARRAY_SIZE(tr); i++) {
			char *a = export_sort_key(tr[i], "tr");
			char *b = export_sort_key(tr[i + 1], "tr");

			CHECK(strcmp(a, b) < 0, "tr: \"%s\" sorts before \"%s\"",
			      tr[i], tr[i + 1]);
			free(a);
			free(b);
		}
		for (i = 0; i + 1 < ARRAY_SIZE(az); i++) {
			char *a = export_sort_key(az[i], "az");
			char *b = export_sort_key(az[i + 1], "az");

			CHECK(strcmp(a, b) < 0, "az: \"%s\" sorts before \"%s\"",
			      az[i], az[i + 1]);
			free(a);
			free(b);
		}
	}
	for (i = 0; i < ARRAY_SIZE(titles); i++) {
		char *a = export_sort_key(titles[i], NULL), *b = ref_sort_key(titles[i]);

		CHECK_STR(a, b, "sort key of \"%s\"", titles[i]);
		free(a);
		free(b);
	}
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/spec/render_html.txt";
	int n;

	unit_checks();
	heading_id_checks();
	sort_key_checks();
	n = spec_run(path, render);
	printf("# %d examples in %s\n", n, path);
	return test_done("render_html_spec");
}
