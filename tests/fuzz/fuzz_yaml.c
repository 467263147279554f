/*
 * fuzz_yaml.c - yaml_parse() on arbitrary bytes: the tree builder, the
 * scalar resolution, the alias budget and the depth limit.  Every tree
 * it returns is walked (aliases included), deep-copied with ynode_copy()
 * and compared with the copy.
 */
#include "fuzz.h"

#include "diag.h"
#include "yaml_tree.h"

#include <stdio.h>

static int has_nan;

/* Walk n, checking what yaml_tree.h promises; returns nodes visited. */
static size_t walk(const struct ynode *n, unsigned depth)
{
	size_t i, k = 1;

	if (!n || depth > 100000 || n->line < 1 || n->col < 1)
		abort();
	switch (n->type) {
	case Y_SEQ:
		for (i = 0; i < n->n; i++)
			k += walk(n->items[i], depth + 1);
		break;
	case Y_MAP:
		for (i = 0; i < n->n; i++) {
			const struct ynode *key = n->pairs[i].key;

			if (!key || key->type == Y_SEQ || key->type == Y_MAP ||
			    !key->str)
				abort();
			k += 1 + walk(n->pairs[i].value, depth + 1);
		}
		break;
	default:
		/* scalars: NUL-terminated, len bytes */
		if (!n->str || n->str[n->len] != '\0')
			abort();
		if (n->type == Y_FLOAT && n->num != n->num)
			has_nan = 1;
		(void)ynode_scalar(n);
	}
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ydoc doc = YDOC_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct yaml_opts yo = { "fuzz.yaml", 1, 0 };

	has_nan = 0;
	if (yaml_parse(&doc, (const char *)data, size, &yo, &diags) == 0) {
		if (doc.root) {
			/* the budget bounds the expanded tree (keys count too) */
			if (walk(doc.root, 0) > 3 * YAML_MAX_NODES)
				abort();
			struct arena a = ARENA_INIT;
			struct ynode *copy = ynode_copy(&a, doc.root);

			/* a deep copy is equal (NaN equals nothing) */
			if (!ynode_equal(doc.root, copy) && !has_nan) {
				fprintf(stderr, "fuzz: ynode_copy differs\n");
				abort();
			}
			arena_release(&a);
			(void)ymap_get(doc.root, "id");
		}
	} else if (doc.root || !diags.n) {
		/* a failure always says why, and leaves no tree */
		fprintf(stderr, "fuzz: yaml_parse failed silently\n");
		abort();
	}
	ydoc_release(&doc);
	fuzz_check_diags(&diags);
	return 0;
}
