/*
 * cmd_l10n.c - `folio l10n`: what each translator has to do, and the
 * --check gate (SPEC 7).  l10n.c computes the report, l10n_print.c and
 * l10n_html.c print it; this file reads the options, runs the steps and
 * decides the exit status.
 */
#include "buf.h"
#include "corpus.h"
#include "diff.h"
#include "glossary.h"
#include "l10n.h"
#include "l10n_print.h"
#include "main.h"
#include "opts.h"
#include "qa.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_line[] =
	"folio l10n [--lang L]... [--check[=STATES]] [--format text|json|github|html]\n"
	"                  [-o FILE] [-q] [-j N] [PATH...]";
static const char about[] =
	"Report, for each language, which articles are current, stale, missing,\n"
	"orphaned, invalid or incomplete, how many words are left to translate,\n"
	"and what the string catalog lacks.  --check exits 1 when any of the\n"
	"STATES exists (default: all of stale,missing,orphan,invalid,incomplete,\n"
	"strings).  PATHs restrict the report to some articles.";

static const struct {
	const char *name;
	int bit;
} check_names[] = {
	{ "stale", CHK_STALE }, { "missing", CHK_MISSING },
	{ "orphan", CHK_ORPHAN }, { "invalid", CHK_INVALID },
	{ "incomplete", CHK_INCOMPLETE }, { "strings", CHK_STRINGS },
	{ "stale-content", CHK_STALE_CONTENT }, { "stale-safety", CHK_STALE_SAFETY },
};

/* ---- --check ---- */

static int parse_check(const char *s, int *bits)
{
	const char *p = s;

	if (!s) {
		*bits = 0;
		return 0;
	}
	if (!*s) {
		*bits = CHK_ALL;
		return 0;
	}
	*bits = 0;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p), i;

		for (i = 0; i < ARRAY_SIZE(check_names); i++)
			if (memeq(p, n, check_names[i].name))
				break;
		if (n && i == ARRAY_SIZE(check_names)) {
			fprintf(stderr, "folio: --check: unknown state '%.*s' (states: "
				"stale, stale-content, stale-safety, missing, orphan, invalid,\n"
				"incomplete, strings)\n",
				(int)n, p);
			return -1;
		}
		if (n)
			*bits |= check_names[i].bit;
		p += n + (comma ? 1 : 0);
	}
	if (!*bits) {
		/* "--check=," from "--check=$A,$B" with both unset: a CI
		 * script's bug, not a request for every state */
		fprintf(stderr, "folio: --check='%s' names no state: write "
			"--check alone for every state\n", s);
		return -1;
	}
	return 0;
}

/*
 * Is --check given as "--check=" (an empty list)?  The option parser
 * gives "" for it as for a bare --check, which means every state; an
 * empty list is more likely "--check=$STATES" with STATES unset.  Read
 * before the parser moves the operands (an operand after "--", or the
 * file of -o, is no option).
 */
static int check_given_empty(int argc, const char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
			i++;
			continue;
		}
		if (!strcmp(argv[i], "--check="))
			return 1;
	}
	return 0;
}

/* Is s a comma-separated list of state names and nothing else? */
static int check_names_only(const char *s, int *bits)
{
	const char *p = s;

	*bits = 0;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p), i;

		for (i = 0; i < ARRAY_SIZE(check_names); i++)
			if (memeq(p, n, check_names[i].name))
				break;
		if (i == ARRAY_SIZE(check_names))
			return 0;
		*bits |= check_names[i].bit;
		p += n + (comma ? 1 : 0);
	}
	return *bits != 0;
}


/* The --check states found, as bits. */
static int failing(const struct l10n_view *v)
{
	const struct l10n_report *r = v->r;
	size_t k;
	int found = 0;

	if (diag_count(&r->diags).errors)
		found |= CHK_STRINGS;
	for (k = 0; k < r->nlang; k++) {
		const struct l10n_summary *s = &r->sum[k];

		if (!v->on[k])
			continue;
		found |= (s->stale ? CHK_STALE : 0) | (s->missing ? CHK_MISSING : 0) |
			 (s->orphan ? CHK_ORPHAN : 0) | (s->invalid ? CHK_INVALID : 0) |
			 (s->incomplete ? CHK_INCOMPLETE : 0) |
			 (s->strings_problems ? CHK_STRINGS : 0) |
			 (s->stale_content ? CHK_STALE_CONTENT : 0) |
			 (s->stale_safety ? CHK_STALE_SAFETY : 0);
	}
	return found & v->check;
}

/* ---- output and the command ---- */

static int print_corpus_errors(struct diag_list *d)
{
	struct diag_out o = { FMT_TEXT, 0, 0 };
	size_t i;

	diag_list_sort(d);
	for (i = 0; i < d->n; i++)
		diag_print_one(&d->v[i], &o, stderr);
	return EXIT_USAGE;
}

/* The options as given on the command line. */
struct l10n_opts {
	struct opt_list langs;
	const char *format_name, *check, *output;
	enum report_format format;
	int check_bits;
	int quiet, jobs;
	int first, nargs;	/* the PATHs: argv[first], nargs of them */
};

/* What one run holds; run_release() frees it. */
struct l10n_run {
	struct corpus c;
	struct diag_list d, qa;
	struct l10n_report r;
	int built;
	unsigned char *on;		/* per language: reported */
	unsigned char *qa_compared;	/* per corpus article */
	struct qa_class *classes;	/* per corpus article: QA's change classes */
	struct buf diff_path;		/* html -o: the diff page beside it */
};

/*
 * "--check stale": an optional value must follow '=', so "stale" came
 * as a PATH.  When no such file exists but it names states, say what
 * was meant rather than "cannot open".  Returns -1 after saying it.
 */
static int check_value_as_path(const struct l10n_opts *o, const char **argv)
{
	int bits;

	if (o->check && !*o->check && o->nargs && access(argv[o->first], F_OK) < 0 &&
	    check_names_only(argv[o->first], &bits)) {
		fprintf(stderr, "folio: no file '%s': to limit --check to "
			"those states, write --check=%s\n", argv[o->first],
			argv[o->first]);
		return -1;
	}
	return 0;
}

/* Read the options: -1 when the run goes on, else the exit status. */
static int read_options(int argc, const char **argv, struct l10n_opts *o)
{
	const struct opt opts[] = {
		{ "lang", 0, OPT_LIST, &o->langs, "L", "report only language L (repeatable)" },
		{ "check", 0, OPT_OPTIONAL, &o->check, "STATES",
		  "exit 1 when any of these states exists" },
		{ "format", 0, OPT_STRING, &o->format_name, "F", "text, json, github or html" },
		{ "output", 'o', OPT_STRING, &o->output, "FILE",
		  "write the report to FILE (atomically)" },
		{ "quiet", 'q', OPT_FLAG, &o->quiet, NULL,
		  "leave out what needs no work, and warnings" },
		{ "jobs", 'j', OPT_INT, &o->jobs, "N", "read N files at once (default: CPUs)" },
		{ NULL, 0, 0, NULL, NULL, NULL },
	};
	int empty = check_given_empty(argc, argv);
	int ret = opts_parse(argc, argv, opts, usage_line, about, &o->first, &o->nargs);

	if (ret)
		return ret > 0 ? EXIT_OK : EXIT_USAGE;
	if (o->check && !*o->check && empty) {
		fprintf(stderr, "folio: --check= names no state: write --check "
			"alone for every state, or --check=STATES\n");
		return EXIT_USAGE;
	}
	if (cmd_report_format(o->format_name, REPORT_ALL, &o->format) < 0 ||
	    parse_check(o->check, &o->check_bits) < 0)
		return EXIT_USAGE;
	if (cmd_output_check(&o->output) < 0 || check_value_as_path(o, argv) < 0)
		return EXIT_USAGE;
	return -1;
}

/*
 * Index the corpus with translation QA (SPEC 13) worked out in the
 * index's parse of each body: each current translation's findings.
 * digest: INDEX_DIGEST when the diff page shows every original's
 * digest, else INDEX_DIGEST_BASED (states read only the digests of
 * originals with a based translation).
 */
static void run_index(struct l10n_run *run, int digest)
{
	struct corpus *c = &run->c;
	struct glossary *glossary = glossary_load(c, &run->qa);
	struct qa_stream *qs;

	diag_list_release(&run->qa);
	memcpy(run->qa.ignored, c->cfg.ignore, sizeof(run->qa.ignored));
	run->qa_compared = xcalloc(c->n + 1, 1);
	qs = qa_stream_begin(c, glossary, QA_COMPARE_ONLY, run->qa_compared);
	/* the change classes of translations QA compares with a base text */
	run->classes = xcalloc(c->n + 1, sizeof(*run->classes));
	qa_stream_classes(qs, run->classes);
	/* per-file problems are validate's to print; invalid cells quote them */
	corpus_index(c, INDEX_BODY | INDEX_WORDS | INDEX_ORIGINAL_WORDS |
		     INDEX_NO_LINKS | INDEX_NO_FRAGMENTS | INDEX_NO_SCHEMA | digest |
		     INDEX_FM_WHERE,
		     &run->d);
	qa_stream_finish(qs, c, &run->qa);
	glossary_free(glossary);
	diag_list_relevel(&run->qa, c->cfg.level);
	diag_list_sort(&run->qa);
}

/* Open the corpus and build the report: 0, or the exit status. */
static int run_build(struct l10n_run *run, const struct l10n_opts *o,
		     const char **argv)
{
	struct corpus *c = &run->c;

	if (corpus_open(c, o->nargs ? argv[o->first] : NULL, o->jobs, &run->d) < 0 ||
	    corpus_select(c, argv + o->first, o->nargs, &run->d) < 0)
		return print_corpus_errors(&run->d);
	run->on = cmd_lang_select(&c->cfg, o->langs.v, o->langs.n);
	if (!run->on || cmd_output_outside(o->output, c) < 0)
		return EXIT_USAGE;
	run_index(run, o->format == REPORT_HTML && o->output ? INDEX_DIGEST :
		  INDEX_DIGEST_BASED);
	l10n_build(&run->r, c, &run->d);
	run->built = 1;
	l10n_classify(&run->r, run->classes, c->jobs);
	return 0;
}

/* What the printers need besides the report. */
static void view_fill(struct l10n_view *v, struct l10n_run *run,
		      const struct l10n_opts *o, const struct global_opts *g)
{
	const struct corpus *c = &run->c;
	size_t k, n;

	memset(v, 0, sizeof(*v));
	v->check = o->check_bits;
	v->qa = &run->qa;
	v->qa_compared = run->qa_compared;
	if (o->format == REPORT_HTML && o->output && !cmd_output_in_place(o->output)) {
		/* the dashboard links each stale cell to a page beside it (none
		 * beside a device or a pipe: as on the standard output) */
		const char *output = o->output;
		const char *slash = strrchr(output, '/');
		const char *dot = strrchr(slash ? slash : output, '.');

		buf_add(&run->diff_path, output,
			dot ? (size_t)(dot - output) : strlen(output));
		buf_adds(&run->diff_path, "-diff.html");
		v->diff_href = run->diff_path.buf +
			(slash ? (size_t)(slash + 1 - output) : 0);
	}
	v->r = &run->r;
	v->on = run->on;
	v->quiet = o->quiet;
	v->color = g->color && !o->output && o->format == REPORT_TEXT;
	for (n = 0, k = 0; k < c->n; k++)
		n += c->selected[k];
	for (k = 0; k < c->cfg.nlang; k++)
		n += run->r.strings[k].exists;
	v->nfiles = n;
}

/* The diff page beside the dashboard: 0, or EXIT_SYSTEM after saying why. */
static int write_diff_page(struct l10n_run *run, const char *output)
{
	struct diff_set set;
	struct buf page = BUF_INIT;
	int ret = 0;

	diff_collect(&set, &run->r, run->on, run->c.jobs);
	diff_render_html(&set, CLASS_EDITORIAL, &page);
	if (cmd_write_file(run->diff_path.buf, page.buf, page.len) < 0) {
		fprintf(stderr, "folio: %s: cannot write the diff page of %s: %s [%s]\n",
			run->diff_path.buf, output, errmsg(errno), rule_table[R_WRITE].id);
		ret = EXIT_SYSTEM;
	}
	diff_set_release(&set);
	buf_release(&page);
	return ret;
}

/* --check: EXIT_FINDINGS when a state asked for exists, saying which. */
static int check_status(const struct l10n_view *v)
{
	int bits = failing(v);
	size_t j;
	int sep = 0;

	if (!bits)
		return EXIT_OK;
	if (!v->quiet) {
		fprintf(stderr, "folio: l10n check failed:");
		for (j = 0; j < ARRAY_SIZE(check_names); j++)
			if (bits & check_names[j].bit)
				fprintf(stderr, "%s %s", sep++ ? "," : "",
					check_names[j].name);
		fputc('\n', stderr);
	}
	return EXIT_FINDINGS;
}

static void run_release(struct l10n_run *run)
{
	if (run->built)
		l10n_release(&run->r);
	free(run->on);
	buf_release(&run->diff_path);
	corpus_release(&run->c);
	diag_list_release(&run->d);
	diag_list_release(&run->qa);
	free(run->qa_compared);
	free(run->classes);
}

int cmd_l10n(int argc, const char **argv, const struct global_opts *g)
{
	struct l10n_opts o;
	struct l10n_run run;
	struct l10n_view v;
	struct buf out = BUF_INIT;
	size_t k;
	int ret;

	memset(&o, 0, sizeof(o));
	memset(&run, 0, sizeof(run));
	o.format_name = "text";
	o.jobs = default_jobs();
	run.d = (struct diag_list)DIAG_LIST_INIT;
	run.qa = (struct diag_list)DIAG_LIST_INIT;
	run.diff_path = (struct buf)BUF_INIT;
	ret = read_options(argc, argv, &o);
	if (ret >= 0)
		goto out;
	ret = run_build(&run, &o, argv);
	if (ret)
		goto out;
	view_fill(&v, &run, &o, g);
	l10n_print(&v, o.format, &out);
	if (!o.quiet) {
		struct diag_out dout = { FMT_TEXT, 0, 0 };

		for (k = 0; k < run.r.base_diags.n; k++)
			diag_print_one(&run.r.base_diags.v[k], &dout, stderr);
	}
	if (v.diff_href && (ret = write_diff_page(&run, o.output)) != 0)
		goto out;
	ret = cmd_write_report(o.output, &out);
	if (!ret && v.check)
		ret = check_status(&v);
out:
	run_release(&run);
	buf_release(&out);
	opt_list_release(&o.langs);
	return ret;
}
