/*
 * fuzz_blocks.c - the block model of SPEC 12 on arbitrary files: the
 * input, cut at its first NUL, is an old and a new version of one
 * original.  Both are read as blocks and digested, aligned and classed
 * in every language of the negation lists, with the old version as the
 * translation too.  A version aligned with itself has no change; every
 * change names blocks that exist; the digest of a text does not depend
 * on being computed twice.
 */
#include "fuzz.h"

#include "blocks.h"
#include "diag.h"

static const char *const langs[] = { "fr", "en", "de", "nl", "tr", "ar" };

static void check(const struct block_list *o, const struct block_list *n,
		  const struct block_list *t, const char *lang)
{
	struct block_change *c = NULL;
	size_t k = blocks_diff(o, n, t, lang, &c), i;

	for (i = 0; i < k; i++) {
		if (c[i].old_i >= (long)o->n || c[i].new_i >= (long)n->n ||
		    (t && c[i].trans_i >= (long)t->n) ||
		    (c[i].old_i < 0 && c[i].new_i < 0) ||
		    (unsigned)c[i].cls > CLASS_SAFETY)
			abort();
	}
	free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct block_list o = BLOCK_LIST_INIT, n = BLOCK_LIST_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	const char *a, *b;
	size_t an, bn, i;
	char d1[17], d2[17];
	int ro, rn;

	fuzz_split(data, size, &a, &an, &b, &bn);
	ro = blocks_of_file(&o, a, an, "old.md", &d);
	rn = blocks_of_file(&n, b, bn, "new.md", &d);
	if (blocks_digest_file(a, an, d1) == 0) {
		if (blocks_digest_file(a, an, d2) != 0 || strcmp(d1, d2) ||
		    strlen(d1) != 16)
			abort();
	}
	for (i = 0; i < o.n; i++)
		if (!o.v[i].text || !o.v[i].norm || o.v[i].text[o.v[i].len] ||
		    o.v[i].norm[o.v[i].norm_len] || !o.v[i].line)
			abort();
	if (ro == 0 && rn == 0) {
		struct block_change *c = NULL;

		if (blocks_diff(&o, &o, &o, "fr", &c) != 0)
			abort();
		free(c);
		for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
			check(&o, &n, i & 1 ? &o : NULL, langs[i]);
	}
	block_list_release(&o);
	block_list_release(&n);
	diag_list_release(&d);
	return 0;
}
