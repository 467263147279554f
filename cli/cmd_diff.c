/*
 * cmd_diff.c - `folio diff`: for each stale translation, what changed in
 * its original since the text it renders (SPEC 12.3), block by block,
 * each change classed editorial, content or safety, with the
 * translation's block to edit.
 */
#include "atomic.h"
#include "buf.h"
#include "corpus.h"
#include "diff.h"
#include "escape.h"
#include "l10n.h"
#include "main.h"
#include "opts.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_line[] =
	"folio diff [--lang L]... [--class editorial|content|safety] [--check]\n"
	"                  [--format text|json|html] [-o FILE] [-j N] [FILE...]";
static const char about[] =
	"Show, for each stale translation named (or every one of the languages\n"
	"given, or all), what changed in its original since the text it renders:\n"
	"the blocks changed, added, removed or moved, each classed editorial,\n"
	"content or safety, with the translation's block to edit.  --check\n"
	"exits 1 when a change of the --class given (default content) or higher\n"
	"exists.";

static int parse_class(const char *s, enum change_class *out)
{
	if (!strcmp(s, "editorial"))
		*out = CLASS_EDITORIAL;
	else if (!strcmp(s, "content"))
		*out = CLASS_CONTENT;
	else if (!strcmp(s, "safety"))
		*out = CLASS_SAFETY;
	else
		return -1;
	return 0;
}

int cmd_diff(int argc, const char **argv, const struct global_opts *g)
{
	struct corpus c;
	struct diag_list d = DIAG_LIST_INIT;
	struct diag_out o = { FMT_TEXT, 0, 0 };
	struct l10n_report r;
	struct diff_set set;
	struct opt_list langs = { NULL, 0, 0, NULL, 0 };
	struct buf out = BUF_INIT;
	const char *format_name = "text", *class_name = NULL, *output = NULL;
	enum change_class min = CLASS_EDITORIAL, gate = CLASS_CONTENT;
	enum report_format format = REPORT_TEXT;
	unsigned char *on = NULL;
	int check = 0, jobs = default_jobs(), first, nargs, ret, built = 0;
	int collected = 0;
	size_t k;
	const struct opt opts[] = {
		{ "lang", 0, OPT_LIST, &langs, "L", "only translations into L (repeatable)" },
		{ "class", 0, OPT_STRING, &class_name, "C",
		  "only changes of class C or higher: editorial, content, safety" },
		{ "check", 0, OPT_FLAG, &check, NULL,
		  "exit 1 when a change of --class (default content) or higher exists" },
		{ "format", 0, OPT_STRING, &format_name, "F", "text, json or html" },
		{ "output", 'o', OPT_STRING, &output, "FILE",
		  "write the report to FILE (atomically)" },
		{ "jobs", 'j', OPT_INT, &jobs, "N", "read N files at once (default: CPUs)" },
		{ NULL, 0, 0, NULL, NULL, NULL },
	};

	(void)g;
	memset(&c, 0, sizeof(c));
	ret = opts_parse(argc, argv, opts, usage_line, about, &first, &nargs);
	if (ret) {
		ret = ret > 0 ? EXIT_OK : EXIT_USAGE;
		goto out;
	}
	ret = EXIT_USAGE;
	if (cmd_report_format(format_name, REPORT_NO_GITHUB, &format) < 0 ||
	    cmd_output_check(&output) < 0)
		goto out;
	if (class_name) {
		if (parse_class(class_name, &min) < 0) {
			fprintf(stderr, "folio: --class must be editorial, content or "
				"safety, got '%s'\n", class_name);
			goto out;
		}
		gate = min;
	}
	if (corpus_open(&c, nargs ? argv[first] : NULL, jobs, &d) < 0 ||
	    corpus_select(&c, argv + first, nargs, &d) < 0) {
		diag_list_sort(&d);
		for (k = 0; k < d.n; k++)
			diag_print_one(&d.v[k], &o, stderr);
		goto out;
	}
	on = cmd_lang_select(&c.cfg, langs.v, langs.n);
	if (!on || cmd_output_outside(output, &c) < 0)
		goto out;
	corpus_index(&c, INDEX_DIGEST | INDEX_NO_LINKS, &d);
	l10n_build(&r, &c, &d);
	built = 1;
	diff_collect(&set, &r, on, c.jobs);
	collected = 1;
	if (format == REPORT_JSON)
		diff_render_json(&set, min, &out);
	else if (format == REPORT_HTML)
		diff_render_html(&set, min, &out);
	else
		diff_render_text(&set, min, &out);
	/* what could not be found is said, and the rest still shown */
	diag_list_sort(&set.diags);
	for (k = 0; k < set.diags.n; k++)
		diag_print_one(&set.diags.v[k], &o, stderr);
	ret = cmd_write_report(output, &out);
	if (ret)
		goto out;
	ret = EXIT_OK;
	if (check && diff_reaches(&set, gate)) {
		const char *name = change_class_name(gate);

		/* "an editorial change", "a content change" */
		fprintf(stderr, "folio: diff check failed: %s %s change or higher\n",
			name[0] && strchr("aeiou", name[0]) ? "an" : "a", name);
		ret = EXIT_FINDINGS;
	}
out:
	if (collected)
		diff_set_release(&set);
	if (built)
		l10n_release(&r);
	free(on);
	buf_release(&out);
	opt_list_release(&langs);
	corpus_release(&c);
	diag_list_release(&d);
	return ret;
}
