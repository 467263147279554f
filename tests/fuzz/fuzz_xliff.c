/*
 * fuzz_xliff.c - `folio xliff import` on arbitrary files, and the
 * segmenter's promise on arbitrary Markdown.
 *
 * The input is cut at its first NUL.  The first part is read as an XLIFF
 * file (xliff_read(): libxml2 with the network and entities off, the
 * DOCTYPE refused) against a fixed original holding every inline
 * construct; every unit it gives is checked as the import checks it
 * (known id, the same source, the same codes) and the body is rebuilt
 * with the targets that pass.  The second part (the whole input when
 * there is no NUL) is the body of an article: cut into units and put
 * back without any target, it must come out byte for byte, and so with
 * every unit's own source as its target.
 */
#include "fuzz.h"

#include "article.h"
#include "buf.h"
#include "diag.h"
#include "xliff.h"

static const char original[] =
	"---\nid: a\nlang: fr\ntitle: Un titre\nsummary: Un résumé\n"
	"updated: 2024-01\nsources:\n  - title: Une source\n    url: https://e.org/s\n"
	"---\n\n## Un *titre*\n\n"
	"Du *texte*, du **gras**, du `code`, un [lien](https://e.org/l \"Le titre\")\n"
	"et ![une image](i.png) puis une coupure  \n"
	"et <https://e.org/a> et [un *lien* imbriqué](article:b).\n\n"
	"![Seule](s.png)\n\n> Une *citation*\n\n- élément **un**\n\n"
	"| A | B |\n|---|---|\n| `c` | [d](u) |\n";

static void import_check(const char *x, size_t n)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct article a;
	struct xdoc ox = XDOC_INIT;
	struct xin_file f;
	struct xtarget *tg;
	struct buf out = BUF_INIT;
	size_t i;

	article_init(&a, "a/fr.md");
	if (article_load_mem(&a, original, sizeof(original) - 1, &d) < 0)
		abort();
	xliff_segment(&ox, &a);
	tg = calloc(ox.n + 1, sizeof(*tg));
	if (!tg)
		abort();
	if (xliff_read(&f, x, n, "fuzz.xlf", &d) == 0) {
		for (i = 0; i < f.n; i++) {
			struct xin_unit *u = &f.units[i];
			const struct xunit *s = xdoc_find(&ox, u->id);

			if (!s || !xliff_same_source(&u->source, s) || !u->has_target)
				continue;
			if (xliff_check_codes(u, s, &u->target, "fuzz.xlf", &d) < 0)
				continue;
			tg[s - ox.units].state = XT_TRANSLATED;
			tg[s - ox.units].unit = u->target;
		}
		xliff_rebuild(&out, &ox, tg, NULL, NULL, NULL, 0);
	}
	xin_file_release(&f);
	buf_release(&out);
	free(tg);
	xdoc_release(&ox);
	article_release(&a);
	diag_list_release(&d);
}

static void round_trip(const char *md, size_t n)
{
	static const char fm[] = "---\nid: x\nlang: fr\ntitle: T\n---\n";
	struct diag_list d = DIAG_LIST_INIT;
	struct article a;
	struct xdoc x = XDOC_INIT;
	struct xtarget *tg;
	struct buf text = BUF_INIT, out = BUF_INIT;
	size_t i;

	if (memchr(md, 0, n) || !fuzz_utf8_valid(md, n))
		return;
	buf_add(&text, fm, sizeof(fm) - 1);
	buf_add(&text, md, n);
	article_init(&a, "x/fr.md");
	if (article_load_mem(&a, text.buf, text.len, &d) == 0 && a.body) {
		xliff_segment(&x, &a);
		xliff_rebuild(&out, &x, NULL, NULL, NULL, NULL, 0);
		if (out.len != a.body_len || memcmp(out.buf, a.body, out.len))
			abort();	/* the skeleton lost or added bytes */
		tg = calloc(x.n + 1, sizeof(*tg));
		if (!tg)
			abort();
		for (i = 0; i < x.n; i++) {
			tg[i].state = XT_TRANSLATED;
			tg[i].unit = x.units[i];
		}
		buf_reset(&out);
		xliff_rebuild(&out, &x, tg, NULL, NULL, NULL, 0);
		if (out.len != a.body_len || memcmp(out.buf, a.body, out.len))
			abort();	/* targets equal to sources changed the body */
		free(tg);
		xdoc_release(&x);
	}
	article_release(&a);
	buf_release(&text);
	buf_release(&out);
	diag_list_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *a, *b;
	size_t an, bn;

	fuzz_split(data, size, &a, &an, &b, &bn);
	import_check(a, an);
	round_trip(b, bn);
	return 0;
}
