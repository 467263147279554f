/*
 * schema_micro.c - what validating a frontmatter costs next to parsing it.
 *
 * Parses a typical article frontmatter (14 top-level keys, 21 in all) N
 * times with yaml_parse(), then validates the parsed tree N times against
 * schemas/article.schema.yaml, and prints the cost of one of each.  Not
 * built by `make`; from the project root, after `make`:
 *
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Icli -Ibuild -o build/schema_micro tests/bench/schema_micro.c $(ls build/*.o | grep -v '/main.o$') $(pkg-config --libs yaml-0.1 libpcre2-8 md4c libutf8proc) -lpthread -lm && ./build/schema_micro [N]
 */
#include "buf.h"
#include "diag.h"
#include "schema.h"
#include "yaml_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char frontmatter[] =
	"id: immunotherapie-reponse\n"
	"lang: fr\n"
	"title: Comment le cancer réagit-il face aux immunothérapies ?\n"
	"summary: L'immunothérapie agit par le système immunitaire, pas sur la tumeur.\n"
	"slug: cancer-et-immunotherapie\n"
	"section: espace-patients\n"
	"updated: 2023-10\n"
	"review_due: 2026-10\n"
	"status: published\n"
	"reviewers:\n"
	"  - name: Prof. Jeanne Exemple\n"
	"    role: oncologue\n"
	"    affiliation: Hôpital universitaire\n"
	"related: [immuno-oncologie, systeme-immunitaire-cancer]\n"
	"sources:\n"
	"  - title: Immunothérapie des cancers\n"
	"    url: https://www.example.org/immunotherapie\n"
	"translated_from:\n"
	"  lang: nl\n"
	"  updated: 2023-09\n"
	"translators: [Anne Exemple]\n";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000, i;
	struct diag_list d = DIAG_LIST_INIT;
	struct yaml_opts yo = { "bench.md", 1, 0 };
	struct ydoc doc = YDOC_INIT;
	struct schema *s;
	double t0, parse, validate;
	int errors = 0;

	if (n < 1)
		n = 1;
	s = schema_load_file("schemas/article.schema.yaml", &d);
	if (!s) {
		fprintf(stderr, "schema_micro: cannot load schemas/article.schema.yaml "
			"(run from the project root)\n");
		return 2;
	}
	t0 = now();
	for (i = 0; i < n; i++) {
		struct ydoc tmp = YDOC_INIT;

		yaml_parse(&tmp, frontmatter, sizeof(frontmatter) - 1, &yo, &d);
		ydoc_release(&tmp);
	}
	parse = (now() - t0) / (double)n;

	yaml_parse(&doc, frontmatter, sizeof(frontmatter) - 1, &yo, &d);
	t0 = now();
	for (i = 0; i < n; i++)
		errors += schema_validate(s, doc.root, "bench.md", &d);
	validate = (now() - t0) / (double)n;

	printf("frontmatter: %zu bytes, %ld runs, %d errors\n",
	       sizeof(frontmatter) - 1, n, errors);
	printf("parse:    %8.2f us/op\n", parse * 1e6);
	printf("validate: %8.2f us/op (%.1f%% of parse)\n", validate * 1e6,
	       100.0 * validate / parse);
	ydoc_release(&doc);
	schema_free(s);
	diag_list_release(&d);
	return errors ? 1 : 0;
}
