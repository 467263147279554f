/*
 * cmd_validate.c - `folio validate`: the editors' CI check (SPEC 5).
 */
#include "checks.h"
#include "corpus.h"
#include "glossary.h"
#include "house.h"
#include "main.h"
#include "markdown.h"
#include "opts.h"
#include "qa.h"
#include "slugs.h"
#include "util.h"
#include "yaml_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_line[] =
	"folio validate [--strict] [--format text|json|github] [-q] [-j N] [PATH...]";
static const char about[] =
	"Check every article, folio.yaml and the string catalogs; report each\n"
	"problem as FILE:LINE:COL: SEVERITY: MESSAGE [RULE].  PATHs restrict the\n"
	"report to some articles; cross-file checks always see the whole corpus.";

/* Tell the user which rules folio.yaml silences: never silently. */
static void note_ignored(const struct corpus *c)
{
	int r;

	for (r = 0; r < R__COUNT; r++)
		if (RULE_SILENCED(c->cfg.ignore[r]))
			fprintf(stderr, "folio: note: rule '%s' is silenced by "
				"'%s' in folio.yaml\n", rule_table[r].id,
				c->cfg.ignore[r] == RULE_OFF ? "rules" : "ignore");
	for (r = 0; (size_t)r < c->cfg.nignore_style; r++)
		fprintf(stderr, "folio: note: rule 'style:%s' is silenced by "
			"'ignore' in folio.yaml\n", c->cfg.ignore_style[r]);
}

/*
 * What validate reads of each file besides the body checks, in the
 * index's own pass (the frontmatter is still there): then the body walk
 * of house style and readability, when set, else the body checks alone.
 */
struct fm_walk {
	void (*inner)(void *ctx, size_t i, int worker, const struct article *a,
		      const struct md_src *src, struct md_check *chk,
		      struct diag_list *d);
	void *inner_ctx;
	struct pos *section;	/* [n]: where each file's section is */
};

static void validate_body(void *ctx, size_t i, int worker,
			  const struct article *a, const struct md_src *src,
			  struct md_check *chk, struct diag_list *d)
{
	const struct fm_walk *w = ctx;
	const struct ynode *s = a->fm.root ? ymap_get(a->fm.root, "section") : NULL;

	if (s && s->type == Y_STRING) {
		w->section[i].line = s->line;
		w->section[i].col = s->col;
	}
	checks_source_urls(a->fm.root, a->path, d);
	if (w->inner)
		w->inner(w->inner_ctx, i, worker, a, src, chk, d);
	else
		md_check_run(chk);
}

int cmd_validate(int argc, const char **argv, const struct global_opts *g)
{
	struct corpus c;
	struct house h = { NULL, NULL, 0 };
	struct diag_list d = DIAG_LIST_INIT;
	struct glossary *glossary;
	struct qa_stream *qa;
	struct fm_walk walk = { NULL, NULL, NULL };
	struct diag_out o = { FMT_TEXT, 0, 0 };
	const char *format = "text";
	int strict = 0, jobs = default_jobs(), first, nargs, ret;
	size_t i, nfiles = 1;
	const struct opt opts[] = {
		{ "strict", 0, OPT_FLAG, &strict, NULL, "warnings fail too (exit 1)" },
		{ "format", 0, OPT_STRING, &format, "F", "text, json or github" },
		{ "quiet", 'q', OPT_FLAG, &o.quiet, NULL, "print errors only" },
		{ "jobs", 'j', OPT_INT, &jobs, "N", "read N files at once (default: CPUs)" },
		{ NULL, 0, 0, NULL, NULL, NULL },
	};

	memset(&c, 0, sizeof(c));
	ret = opts_parse(argc, argv, opts, usage_line, about, &first, &nargs);
	if (ret)
		return ret > 0 ? EXIT_OK : EXIT_USAGE;
	if (diag_parse_format(format, &o.format) < 0) {
		fprintf(stderr, "folio: --format must be text, json or github, got '%s'\n",
			format);
		return EXIT_USAGE;
	}
	o.color = g->color && o.format == FMT_TEXT;
	/* under --strict, warnings fail the run: -q must still show them */
	if (strict)
		o.quiet = 0;

	if (corpus_open(&c, nargs ? argv[first] : NULL, jobs, &d) < 0 ||
	    corpus_select(&c, argv + first, nargs, &d) < 0) {
		diag_list_sort(&d);
		diag_print(&d, &o, 0, stdout, stderr);
		ret = EXIT_USAGE;
		goto out;
	}
	/* readability gates and house style (SPEC 15) run in the index */
	house_setup(&h, &c, &d);
	nfiles += h.nfiles;
	walk.inner = c.body_walk;
	walk.inner_ctx = c.body_ctx;
	walk.section = xcalloc(c.n ? c.n : 1, sizeof(*walk.section));
	c.body_walk = validate_body;
	c.body_ctx = &walk;
	/* translation QA (SPEC 13), in the index's parse of each body */
	glossary = glossary_load(&c, &d);
	qa = qa_stream_begin(&c, glossary, 0, NULL);
	corpus_index(&c, INDEX_BODY | INDEX_DIGEST_BASED | INDEX_FM_WHERE, &d);
	qa_stream_finish(qa, &c, &d);
	glossary_free(glossary);
	checks_cross(&c, &d);
	checks_sections(&c, walk.section, &d);
	checks_names(&c, &d);
	/* what export would refuse: a slug no page can have, or a clash */
	slugs_validate(&c, &d);
	for (i = 0; i < c.n; i++)
		nfiles += c.selected[i];
	checks_catalogs(&c, &d, &nfiles);
	diag_list_relevel(&d, c.cfg.level);
	diag_list_sort(&d);
	/* -q prints errors only: the notes are not errors */
	if (!o.quiet)
		note_ignored(&c);
	diag_print(&d, &o, nfiles, stdout, stderr);
	switch (diag_worst(&d)) {
	case SEV_ERROR:
		ret = EXIT_FINDINGS;
		break;
	case SEV_WARNING:
		ret = strict ? EXIT_FINDINGS : EXIT_OK;
		break;
	default:
		ret = EXIT_OK;
	}
out:
	free(walk.section);
	house_release(&h);
	corpus_release(&c);
	diag_list_release(&d);
	return ret;
}
