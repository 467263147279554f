/*
 * fuzz_schema.c - the JSON Schema engine with both sides fuzzed: the
 * input up to its first NUL byte is a schema (YAML or JSON), the rest
 * an instance; without a NUL the input is validated against itself.
 * The schema is named under schemas/, so $refs to folio's own schemas
 * come from the embedded copies.
 */
#include "fuzz.h"

#include "diag.h"
#include "schema.h"
#include "yaml_tree.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct ydoc doc = YDOC_INIT;
	struct yaml_opts yo = { "instance.yaml", 0, 0 };
	const char *st, *it;
	size_t sn, in;
	struct schema *s;

	fuzz_split(data, size, &st, &sn, &it, &in);
	s = schema_load_mem("schemas/fuzz.schema.yaml", st, sn, &diags);
	if (!s && !diags.n) {
		fprintf(stderr, "fuzz: schema rejected silently\n");
		abort();
	}
	if (s && yaml_parse(&doc, it, in, &yo, &diags) == 0) {
		int n = schema_validate(s, doc.root, "instance.yaml", &diags);
		int ok = schema_valid(s, doc.root);

		/* the two entry points agree */
		if ((n == 0) != (ok == 1)) {
			fprintf(stderr, "fuzz: schema_validate says %d errors, "
				"schema_valid says %d\n", n, ok);
			abort();
		}
	}
	ydoc_release(&doc);
	schema_free(s);
	fuzz_check_diags(&diags);
	return 0;
}
