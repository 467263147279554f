/*
 * blocks_unit.c - the block model (SPEC 12.3): blocks of a file, the
 * digest of a text (12.1, pinned against SHA-256 worked out by hand), the
 * alignment of two versions and the class of each change.
 */
#include "blocks.h"
#include "buf.h"
#include "diag.h"
#include "util.h"
#include "test.h"

#include <stdlib.h>
#include <utf8proc.h>

static void test_digest(void)
{
	char d[17];
	int r;

	/* "title\nTitre\nsummary\nRésumé\nbody\nUn paragraphe.\n" */
	r = blocks_digest_file("---\ntitle: Titre\nsummary: Résumé\n---\nUn paragraphe.\n",
			       strlen("---\ntitle: Titre\nsummary: Résumé\n---\nUn paragraphe.\n"), d);
	CHECK(r == 0, "a plain article has a digest");
	CHECK_STR(d, "d686a7b734ba09a5", "digest of a small article");

	/* CRLF, trailing spaces, blank lines around the body, metadata,
	 * a decomposed é (e + U+0301): none changes the digest */
	{
		const char *t = "---\r\nid: x\r\nupdated: 2024-01\r\ntitle: \"Titre\"\r\n"
			"summary: Re\xCC\x81sume\xCC\x81\r\n---\r\n\r\n\r\nUn paragraphe.  \r\n\r\n";

		r = blocks_digest_file(t, strlen(t), d);
		CHECK(r == 0, "a CRLF article has a digest");
		CHECK_STR(d, "d686a7b734ba09a5", "normalization: CRLF, NFC, trailing blanks, metadata");
	}
	{
		const char *t = "---\ntitle: Titre\nsources:\n  - title: Source A\n    url: https://a\n"
			"  - title: Source B\n---\n# Intro\n\nTexte à 500 mg.\n";

		r = blocks_digest_file(t, strlen(t), d);
		CHECK_STR(d, "54c7ca11de49269f", "digest with sources and no summary");
	}
	{
		const char *t = "---\nid: x\n---\n";

		r = blocks_digest_file(t, strlen(t), d);
		CHECK_STR(d, "6d9511ce7bec30ad", "digest of an empty text");
	}
	CHECK(blocks_digest_file("no frontmatter\n", 15, d) < 0, "no frontmatter: no digest");
}

static const char *const doc =
	"---\n"
	"title: Le titre\n"
	"summary: Un résumé\n"
	"sources:\n"
	"  - title: Une source\n"
	"---\n"
	"Intro **gras** et [lien](https://x.org).\n"
	"Suite de l'intro.\n"
	"\n"
	"## Dosage ##\n"
	"\n"
	"- premier point\n"
	"- second point\n"
	"  sur deux lignes\n"
	"\n"
	"> Citée\n"
	"> encore\n"
	"\n"
	"<!-- folio: ignore qa-number, qa-link -->\n"
	"\n"
	"![Une image](img.png)\n"
	"\n"
	"| a | b |\n"
	"|---|---|\n"
	"| 1 | 2 |\n"
	"\n"
	"```\n"
	"code  ici\n"
	"```\n";

static void test_blocks(void)
{
	struct block_list l = BLOCK_LIST_INIT;
	static const struct {
		enum block_kind kind;
		unsigned line, col;
		const char *text;
	} want[] = {
		{ BLK_TITLE, 2, 8, "Le titre" },
		{ BLK_SUMMARY, 3, 10, "Un résumé" },
		{ BLK_SOURCE, 5, 12, "Une source" },
		{ BLK_PARAGRAPH, 7, 1, "Intro **gras** et [lien](https://x.org).\nSuite de l'intro." },
		{ BLK_HEADING, 10, 4, "Dosage" },
		{ BLK_LIST_ITEM, 12, 3, "premier point" },
		{ BLK_LIST_ITEM, 13, 3, "second point\nsur deux lignes" },
		{ BLK_QUOTE, 16, 3, "Citée\nencore" },
		{ BLK_IMAGE, 21, 1, "![Une image](img.png)" },
		{ BLK_TABLE_ROW, 23, 1, "| a | b |" },
		{ BLK_TABLE_ROW, 25, 1, "| 1 | 2 |" },
		{ BLK_CODE, 28, 1, "code  ici" },
	};
	size_t i;

	CHECK(blocks_of_file(&l, doc, strlen(doc), "x.md", NULL) == 0, "blocks of a file");
	CHECK(l.n == ARRAY_SIZE(want), "%zu blocks, want %zu", l.n, ARRAY_SIZE(want));
	for (i = 0; i < l.n && i < ARRAY_SIZE(want); i++) {
		CHECK(l.v[i].kind == want[i].kind, "block %zu is a %s, want %s", i,
		      block_kind_name(l.v[i].kind), block_kind_name(want[i].kind));
		CHECK(l.v[i].line == want[i].line && l.v[i].col == want[i].col,
		      "block %zu at %u:%u, want %u:%u", i, l.v[i].line, l.v[i].col,
		      want[i].line, want[i].col);
		CHECK_STR(l.v[i].text, want[i].text, "text of block %zu", i);
	}
	if (l.n == ARRAY_SIZE(want)) {
		CHECK_STR(l.v[3].norm, "Intro **gras** et [lien](https://x.org). Suite de l'intro.",
			  "norm joins lines");
		CHECK(l.v[4].level == 2, "heading level");
		CHECK(l.v[3].section == 0 && l.v[5].section == 1, "sections count headings");
		CHECK(block_ignores(&l.v[8], "qa-link") && block_ignores(&l.v[8], "qa-number") &&
		      !block_ignores(&l.v[8], "qa-unit") && !block_ignores(&l.v[9], "qa-link"),
		      "folio: ignore applies to the next block only");
	}
	block_list_release(&l);
}

/* Build a list from a body alone (title "T"). */
static void body(struct block_list *l, const char *md)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "---\ntitle: T\n---\n%s", md);
	blocks_of_file(l, b.buf, b.len, "t.md", NULL);
	buf_release(&b);
}

struct want_change {
	enum change_kind kind;
	enum change_class cls;
	long old_i, new_i;
};

static void check_diff(const char *what, const char *lang, const char *o, const char *n,
		       const struct want_change *w, size_t nw)
{
	struct block_list lo = BLOCK_LIST_INIT, ln = BLOCK_LIST_INIT;
	struct block_change *c = NULL;
	size_t k, i;

	body(&lo, o);
	body(&ln, n);
	k = blocks_diff(&lo, &ln, NULL, lang, &c);
	CHECK(k == nw, "%s: %zu changes, want %zu", what, k, nw);
	for (i = 0; i < k && i < nw; i++)
		CHECK(c[i].kind == w[i].kind && c[i].cls == w[i].cls &&
		      c[i].old_i == w[i].old_i && c[i].new_i == w[i].new_i,
		      "%s: change %zu is %s %s %ld->%ld, want %s %s %ld->%ld", what, i,
		      change_kind_name(c[i].kind), change_class_name(c[i].cls),
		      c[i].old_i, c[i].new_i, change_kind_name(w[i].kind),
		      change_class_name(w[i].cls), w[i].old_i, w[i].new_i);
	free(c);
	block_list_release(&lo);
	block_list_release(&ln);
}

static void test_diff(void)
{
	static const struct want_change none[1];
	static const struct want_change dose[] = { { CH_CHANGED, CLASS_SAFETY, 2, 2 } };
	static const struct want_change comma[] = { { CH_CHANGED, CLASS_EDITORIAL, 1, 1 } };
	static const struct want_change words[] = { { CH_CHANGED, CLASS_CONTENT, 1, 1 } };
	static const struct want_change neg[] = { { CH_CHANGED, CLASS_SAFETY, 1, 1 } };
	static const struct want_change added[] = {
		{ CH_ADDED, CLASS_CONTENT, -1, 2 }, { CH_ADDED, CLASS_SAFETY, -1, 3 } };
	static const struct want_change removed[] = { { CH_REMOVED, CLASS_SAFETY, 2, -1 } };
	static const struct want_change moved[] = { { CH_MOVED, CLASS_EDITORIAL, 2, 4 } };
	static const struct want_change link[] = { { CH_CHANGED, CLASS_SAFETY, 1, 1 } };

	check_diff("same", "fr", "A.\n\nB.\n", "A.\n\nB.\n", none, 0);
	check_diff("whitespace only", "fr", "A  b.\n\nB.\n", "A b.\n\nB.\n", none, 0);
	check_diff("a dose", "fr", "A.\n\nPrendre 500 mg.\n\nC.\n",
		   "A.\n\nPrendre 750 mg.\n\nC.\n", dose, 1);
	check_diff("a unit", "fr", "A.\n\nPrendre 500 mg.\n", "A.\n\nPrendre 500 g.\n", dose, 1);
	check_diff("punctuation and case", "fr", "Un texte, simple.\n",
		   "Un Texte simple !\n", comma, 1);
	check_diff("typography", "fr", "\"Oui\" dit-il.\n", "« Oui » dit-il.\n", comma, 1);
	check_diff("words", "fr", "Un texte simple.\n", "Un texte plus long.\n", words, 1);
	check_diff("negation fr", "fr", "Vous pouvez manger.\n",
		   "Vous ne pouvez pas manger.\n", neg, 1);
	check_diff("negation en n't", "en", "You can drive.\n", "You can't drive.\n", neg, 1);
	check_diff("negation en contraction", "en", "Do stop.\n", "Don't stop.\n", neg, 1);
	check_diff("negation ar", "ar", "\xd9\x8a\xd9\x85\xd9\x83\xd9\x86 \xd8\xa7\xd9\x84\xd8\xa3\xd9\x83\xd9\x84.\n",
		   "\xd9\x84\xd8\xa7 \xd9\x8a\xd9\x85\xd9\x83\xd9\x86 \xd8\xa7\xd9\x84\xd8\xa3\xd9\x83\xd9\x84.\n", neg, 1);
	check_diff("not a negation in another language", "de", "Un texte.\n",
		   "Pas un texte.\n", words, 1);
	check_diff("added", "fr", "A.\n", "A.\n\nNouveau texte.\n\nAppelez le 0800 15 801.\n",
		   added, 2);
	check_diff("removed", "fr", "A.\n\nDurée : 3 jours.\n\nC.\n", "A.\n\nC.\n", removed, 1);
	check_diff("moved", "fr", "A.\n\nB.\n\nC.\n\nD.\n", "A.\n\nC.\n\nD.\n\nB.\n", moved, 1);
	check_diff("link target", "fr", "Voir [ici](https://a.org).\n",
		   "Voir [ici](https://b.org).\n", link, 1);
	check_diff("an equivalent dose is no safety change", "fr", "Prendre 0,5 g.\n",
		   "Prendre 500 mg.\n", words, 1);
	check_diff("grouping is typography", "fr", "Un total de 1000 patients.\n",
		   "Un total de 1\xe2\x80\xaf" "000 patients.\n", comma, 1);
	check_diff("a phone number", "fr", "Appelez le 0800 15 801.\n",
		   "Appelez le 0800 15 802.\n", link, 1);
	check_diff("url", "fr", "Voir https://a.org/x.\n", "Voir https://a.org/y.\n", link, 1);
}

static void test_counterpart(void)
{
	struct block_list lo = BLOCK_LIST_INIT, ln = BLOCK_LIST_INIT, lt = BLOCK_LIST_INIT;
	struct block_change *c = NULL;
	size_t k;

	body(&lo, "## Titre\n\nUn.\n\nDeux 5 mg.\n");
	body(&ln, "## Titre\n\nUn.\n\nDeux 10 mg.\n");
	body(&lt, "## Title\n\nOne.\n\nTwo 5 mg.\n");
	CHECK(blocks_same_shape(&lo, &lt), "same shape");
	k = blocks_diff(&lo, &ln, &lt, "fr", &c);
	CHECK(k == 1 && c[0].trans_i == 3, "the translation's block at the change's place");
	free(c);
	block_list_release(&lt);
	body(&lt, "## Title\n\nOne.\n");
	CHECK(!blocks_same_shape(&lo, &lt), "another shape");
	k = blocks_diff(&lo, &ln, &lt, "fr", &c);
	CHECK(k == 1 && c[0].trans_i == -1, "no counterpart when the shapes differ");
	free(c);
	block_list_release(&lo);
	block_list_release(&ln);
	block_list_release(&lt);
}

/*
 * The normalized text of a block is its NFC with whitespace collapsed:
 * Arabic harakat out of canonical order (shadda U+0651 before fatha
 * U+064E) are put in order, as NFC does, whether or not other
 * characters need the full normalization too.
 */
static void test_norm(void)
{
	static const struct {
		const char *md, *norm, *what;
	} cases[] = {
		{ "\xd8\xb4\xd9\x91\xd9\x8e\xd8\xaf  \xd8\xa9\n",
		  "\xd8\xb4\xd9\x8e\xd9\x91\xd8\xaf \xd8\xa9", "shadda then fatha: fatha first" },
		{ "\xd8\xb4\xd9\x8e\xd9\x91\xd8\xaf\n",
		  "\xd8\xb4\xd9\x8e\xd9\x91\xd8\xaf", "fatha then shadda: as it is" },
		{ "\xd9\x84\xd9\x92\xd9\x91\xd9\x8b\xd9\x8f x\n",
		  "\xd9\x84\xd9\x8b\xd9\x8f\xd9\x91\xd9\x92 x", "a run of four sorted by class" },
		{ "\xd8\xb4\xd9\x91\xd9\x8e e\xcc\x81\n",
		  "\xd8\xb4\xd9\x8e\xd9\x91 \xc3\xa9", "with a decomposed letter beside" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct block_list l = BLOCK_LIST_INIT;

		body(&l, cases[i].md);
		CHECK(l.n == 2, "%s: %zu blocks", cases[i].what, l.n);
		if (l.n == 2)
			CHECK_STR(l.v[1].norm, cases[i].norm, "%s", cases[i].what);
		block_list_release(&l);
	}
}

/* A list marked raw_norm keeps each block's text as its norm. */
static void test_raw_norm(void)
{
	struct block_list l = BLOCK_LIST_INIT;

	l.raw_norm = 1;
	body(&l, "Deux   espaces  et e\xcc\x81\n");
	CHECK(l.n == 2, "raw: %zu blocks", l.n);
	if (l.n == 2) {
		CHECK(l.v[1].norm == l.v[1].text, "raw: norm is the text itself");
		CHECK(l.v[1].norm_len == l.v[1].len, "raw: same length");
	}
	block_list_release(&l);
}


/* A list marked lazy_norm makes each block's norm on demand, the same. */
static void test_lazy_norm(void)
{
	static const char *const md = "Deux   espaces  et e\xcc\x81\n\n"
		"- item\xc2\xa0un\n- d\xc3\xa9j\xc3\xa0 vu\n";
	struct block_list eager = BLOCK_LIST_INIT, lazy = BLOCK_LIST_INIT;
	size_t i;

	lazy.lazy_norm = 1;
	body(&eager, md);
	body(&lazy, md);
	CHECK(eager.n == lazy.n && lazy.n == 4, "lazy: %zu blocks", lazy.n);
	for (i = 0; i < lazy.n && i < eager.n; i++) {
		CHECK(lazy.v[i].norm == NULL, "lazy: block %zu has no norm at the cut", i);
		block_norm(&lazy, &lazy.v[i]);
		CHECK_STR(lazy.v[i].norm, eager.v[i].norm, "lazy: block %zu's norm", i);
		CHECK(lazy.v[i].norm_len == eager.v[i].norm_len, "lazy: block %zu's length", i);
	}
	block_list_release(&eager);
	block_list_release(&lazy);
}

/* The full fold of a normalized text, as translation QA compares them. */
static char *folded(const struct block *b)
{
	utf8proc_uint8_t *r = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)b->norm, (utf8proc_ssize_t)b->norm_len,
			 &r, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
		return NULL;
	return (char *)r;
}

/*
 * blocks_fold_differ() may say "differ" only where the normalized,
 * folded texts differ: texts made of pieces that normalization and
 * folding change (spaces of every kind, a decomposed e, Kelvin sign,
 * sharp s, dotted and dotless i, an Arabic alef and a combining madda).
 */
static void test_fold_differ(void)
{
	static const char *const piece[] = {
		"a", "A", "b", "k", "K", " ", "  ", "\t", "\n", "\xc2\xa0",
		"\xe2\x80\xaf", "e\xcc\x81", "\xc3\xa9", "\xc3\x89", "\xd8\xa7",
		"\xd9\x93", "\xd8\xa2", "\xe2\x84\xaa", "\xc3\x9f", "ss",
		"\xc4\xb0", "i", "\xc4\xb1", "1", ".", "\xc2\xab",
	};
	unsigned long seed = 7, said = 0, wrong = 0;
	int it;

	for (it = 0; it < 200000; it++) {
		char a[128], b[128];
		size_t na = 0, nb, k, n;
		struct block x, y;
		struct block_list l = BLOCK_LIST_INIT;
		char *fx, *fy;

		for (n = 1 + (seed >> 33) % 6, k = 0; k < n; k++) {
			const char *p;

			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			p = piece[(seed >> 33) % ARRAY_SIZE(piece)];
			memcpy(a + na, p, strlen(p));
			na += strlen(p);
		}
		/* b: a with a piece put in somewhere, or a case changed */
		memcpy(b, a, na);
		nb = na;
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		if (seed >> 63) {
			const char *p = piece[(seed >> 20) % ARRAY_SIZE(piece)];
			size_t at = (seed >> 40) % (nb + 1), pl = strlen(p);

			memmove(b + at + pl, b + at, nb - at);
			memcpy(b + at, p, pl);
			nb += pl;
		} else {
			for (k = 0; k < nb; k++)
				if (b[k] >= 'a' && b[k] <= 'z' && ((seed >> (k % 60)) & 1))
					b[k] ^= 0x20;
		}
		a[na] = b[nb] = '\0';
		memset(&x, 0, sizeof(x));
		memset(&y, 0, sizeof(y));
		x.text = a;
		x.len = na;
		y.text = b;
		y.len = nb;
		block_norm(&l, &x);
		block_norm(&l, &y);
		if (blocks_fold_differ(&x, &y)) {
			said++;
			fx = folded(&x);
			fy = folded(&y);
			if (!fx || !fy || !strcmp(fx, fy)) {
				if (!wrong++)
					CHECK(0, "fold_differ: '%s' and '%s' fold alike", a, b);
			}
			free(fx);
			free(fy);
		}
		block_list_release(&l);
	}
	CHECK(wrong == 0, "fold_differ: %lu wrong of %lu told apart", wrong, said);
	CHECK(said > 2000, "fold_differ: tells many pairs apart (%lu)", said);
}

int main(void)
{
	test_digest();
	test_blocks();
	test_norm();
	test_raw_norm();
	test_lazy_norm();
	test_fold_differ();
	test_diff();
	test_counterpart();
	return test_done("blocks_unit");
}
