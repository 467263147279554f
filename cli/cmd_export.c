/*
 * cmd_export.c - `folio export`: production's pages (SPEC 8).  Options
 * in, export_run(), diagnostics and the exit status out.
 */
#include "diag.h"
#include "export.h"
#include "main.h"
#include "opts.h"

#include <stdio.h>
#include <string.h>

static const char usage_line[] =
	"folio export --to FORMAT [--lang L]... [-o DIR] [--include-drafts] "
	"[-j N] [--format text|json|github] [-q] [PATH...]";
static const char about[] =
	"Write the corpus as web pages (--to html): out/html/<lang>/<slug>.html,\n"
	"an index per language and style.css.  Drafts are skipped unless\n"
	"--include-drafts; an article with validation errors is reported and\n"
	"not exported (exit 1).  Files are replaced atomically, and only when\n"
	"their content changed.  Templates in the corpus's _templates/ override\n"
	"the built-in ones; see folio-export(1) for their variables.";

int cmd_export(int argc, const char **argv, const struct global_opts *g)
{
	struct export_opts eo;
	struct export_result r;
	struct diag_list d = DIAG_LIST_INIT;
	struct diag_out o = { FMT_TEXT, 0, 0 };
	struct opt_list langs = { NULL, 0, 0, NULL, 0 };
	const char *format = "text", *to = NULL, *outdir = NULL,
		   *encoding = NULL;
	int drafts = 0, jobs = default_jobs(), width = -1, translit = 0;
	int first, nargs, ret;
	const struct opt opts[] = {
		{ "to", 0, OPT_STRING, &to, "FORMAT", "what to write: html" },
		{ "lang", 0, OPT_LIST, &langs, "L", "only this language (repeatable)" },
		{ "output", 'o', OPT_STRING, &outdir, "DIR", "write under DIR (default: out/FORMAT)" },
		{ "include-drafts", 0, OPT_FLAG, &drafts, NULL, "export drafts too" },
		{ "jobs", 'j', OPT_INT, &jobs, "N", "render N pages at once (default: CPUs)" },
		{ "width", 0, OPT_INT, &width, "N", "text: wrap at N columns (default 72)" },
		{ "encoding", 0, OPT_STRING, &encoding, "ENC", "text: output encoding" },
		{ "translit", 0, OPT_FLAG, &translit, NULL, "text: transliterate what ENC lacks" },
		{ "format", 0, OPT_STRING, &format, "F", "diagnostics as text, json or github" },
		{ "quiet", 'q', OPT_FLAG, &o.quiet, NULL, "print errors only" },
		{ NULL, 0, 0, NULL, NULL, NULL },
	};

	ret = opts_parse(argc, argv, opts, usage_line, about, &first, &nargs);
	if (ret) {
		opt_list_release(&langs);
		return ret > 0 ? EXIT_OK : EXIT_USAGE;
	}
	ret = EXIT_USAGE;
	if (!to) {
		fprintf(stderr, "folio: export needs --to FORMAT (%s)\nusage: %s\n",
			export_format_names(), usage_line);
		goto out;
	}
	if (!export_format_known(to)) {
		fprintf(stderr, "folio: --to must be one of %s, got '%s'\n",
			export_format_names(), to);
		goto out;
	}
	if (!export_format_is_text(to) && (width >= 0 || encoding || translit)) {
		fprintf(stderr, "folio: --width, --encoding and --translit apply "
			"to --to text only\n");
		goto out;
	}
	if (diag_parse_format(format, &o.format) < 0 || o.format == FMT_HTML) {
		fprintf(stderr, "folio: --format must be text, json or github, got '%s'\n",
			format);
		goto out;
	}
	o.color = g->color && o.format == FMT_TEXT;

	memset(&eo, 0, sizeof(eo));
	eo.format = to;
	eo.langs = langs.v;
	eo.nlangs = langs.n;
	eo.outdir = outdir;
	eo.include_drafts = drafts;
	eo.jobs = jobs < 1 ? 1 : jobs;
	eo.paths = argv + first;
	eo.npaths = nargs;
	eo.width = width < 0 ? 0 : width;
	eo.encoding = encoding;
	eo.translit = translit;
	export_run(&eo, &d, &r);

	diag_list_sort(&d);
	/* the report goes to stderr: stdout is free for json */
	diag_print(&d, &o, r.files, o.format == FMT_JSON ? stdout : stderr,
		   stderr);
	if (!o.quiet && !r.usage_error)
		fprintf(stderr, "folio: %zu page%s exported (%zu written, "
			"%zu unchanged)%s\n", r.pages, r.pages == 1 ? "" : "s",
			r.written, r.unchanged, r.skipped ? ", some articles "
			"skipped because of errors" : "");
	if (r.usage_error)
		ret = EXIT_USAGE;
	else if (r.write_error)
		ret = EXIT_SYSTEM;
	else if (diag_worst(&d) == SEV_ERROR)
		ret = EXIT_FINDINGS;
	else
		ret = EXIT_OK;
out:
	opt_list_release(&langs);
	diag_list_release(&d);
	return ret;
}
