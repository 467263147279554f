/*
 * fuzz_mustache.c - the template engine: compile arbitrary text, then
 * render it over data and partials that are fuzzed too.  The input is
 * TEMPLATE NUL DATA NUL PARTIAL: DATA is YAML (the tree templates get),
 * PARTIAL is the template every {{>name}} finds, except {{>self}} (the
 * template itself: recursion) and names starting with 'n' (no partial).
 *
 * Asserts what mustache.h promises: a failed render leaves the output
 * as it was, and output stays under MUSTACHE_MAX_OUTPUT.
 */
#include "fuzz.h"

#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "yaml_tree.h"

#include <stdio.h>
#include <stdlib.h>

struct partials {
	const struct mustache *self, *partial;
};

static const struct mustache *find_partial(void *ctx, const char *name,
					   size_t len)
{
	struct partials *p = ctx;

	if (name[len] != '\0')
		abort();	/* mustache.h: NUL-terminated */
	if (len == 4 && !memcmp(name, "self", 4))
		return p->self;
	if (len && name[0] == 'n')
		return NULL;
	return p->partial;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct ydoc doc = YDOC_INIT;
	struct yaml_opts yo = { "data.yaml", 0, 0 };
	struct partials p = { NULL, NULL };
	struct buf out = BUF_INIT;
	const char *tt, *rest, *dt, *pt;
	size_t tn, rn, dn, pn;
	struct mustache *t, *part = NULL;

	if (fuzz_split(data, size, &tt, &tn, &rest, &rn))
		fuzz_split((const uint8_t *)rest, rn, &dt, &dn, &pt, &pn);
	else
		dt = pt = "", dn = pn = 0;
	t = mustache_compile("fuzz.mustache", tt, tn, &diags);
	if (!t && !diags.n) {
		fprintf(stderr, "fuzz: template rejected silently\n");
		abort();
	}
	if (t) {
		part = mustache_compile("partial.mustache", pt, pn, &diags);
		if (yaml_parse(&doc, dt, dn, &yo, &diags) < 0)
			doc.root = NULL;
		p.self = t;
		p.partial = part;
		buf_adds(&out, "before");
		if (mustache_render(t, doc.root, find_partial, &p, &out) < 0) {
			if (out.len != 6 || memcmp(out.buf, "before", 6)) {
				fprintf(stderr, "fuzz: failed render left output\n");
				abort();
			}
		} else if (out.len > MUSTACHE_MAX_OUTPUT + 6) {
			abort();
		}
		/*
		 * The same compiled template renders the same way twice, and
		 * with hints, fresh or left by the renders before.
		 */
		{
			struct buf again = BUF_INIT;
			struct mustache_hints *h = calloc(1, sizeof(*h));
			int k;

			for (k = 0; k < 3; k++) {
				buf_reset(&again);
				buf_adds(&again, "before");
				mustache_render_hinted(t, doc.root, find_partial, &p,
						       &again, k ? h : NULL, 0);
				if (again.len != out.len ||
				    memcmp(again.buf, out.buf, out.len)) {
					fprintf(stderr, "fuzz: two renders differ%s\n",
						k ? " (hints)" : "");
					abort();
				}
			}
			free(h);
			buf_release(&again);
		}
	}
	buf_release(&out);
	ydoc_release(&doc);
	mustache_free(part);
	mustache_free(t);
	fuzz_check_diags(&diags);
	return 0;
}
