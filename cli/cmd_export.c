/*
 * cmd_export.c - `folio export`: production's pages (SPEC 8).  Options
 * in, export_run(), diagnostics and the exit status out.
 */
#include "buf.h"
#include "diag.h"
#include "encode.h"
#include "escape.h"
#include "export.h"
#include "interrupt.h"
#include "main.h"
#include "opts.h"
#include "pool.h"

#include <stdio.h>
#include <string.h>

static const char usage_line[] =
	"folio export --to FORMAT [--lang L]... [-o DIR] "
	"[--include-drafts] [--width N] [--encoding ENC] [--translit] [-j N] "
	"[--format text|json|github] [-q] [PATH...]";
static const char about[] =
	"Write the corpus for readers, under out/FORMAT/ (or -o DIR), FORMAT one of:\n"
	"  --to html   web pages: <lang>/<slug>.html, an index per language,\n"
	"              style.css\n"
	"  --to xhtml  an e-book per language: <lang>/ is an unzipped EPUB 3\n"
	"              (mimetype, META-INF/, EPUB/); to make the .epub file:\n"
	"              cd out/xhtml/fr && zip -X0 ../fr.epub mimetype &&\n"
	"              zip -Xr9D ../fr.epub META-INF EPUB\n"
	"  --to epub   the same books zipped, one <lang>.epub per language,\n"
	"              the same bytes for the same corpus (SOURCE_DATE_EPOCH)\n"
	"  --to text   plain text for print: <lang>/<slug>.txt, wrapped at\n"
	"              --width columns, in --encoding (default UTF-8; latin1,\n"
	"              cp1252, cp1254 for Turkish, cp1256 for Arabic...)\n"
	"Drafts are skipped unless --include-drafts; an article with validation\n"
	"errors is reported and not exported (exit 1), and so is a text page\n"
	"with characters the encoding lacks, unless --translit.  Files are\n"
	"replaced atomically, and only when their content changed.  Templates\n"
	"in the corpus's _templates/ override the built-in ones; see\n"
	"folio-export(1) for their variables.";

/* Narrower than this, a list nested twice has no room for a word. */
#define WIDTH_MIN 20
#define WIDTH_MAX 1000

/*
 * --width, --encoding and --translit: for a text format only, a width in
 * range, an encoding iconv knows.  -1, said on stderr, when not.
 */
static int check_text_options(const char *to, int width, const char *encoding,
			      int translit)
{
	if (!export_format_is_text(to) && (width >= 0 || encoding || translit)) {
		fprintf(stderr, "folio: --width, --encoding and --translit apply "
			"to --to text only\n");
		return -1;
	}
	if (width >= 0 && (width < WIDTH_MIN || width > WIDTH_MAX)) {
		fprintf(stderr, "folio: --width must be %d to %d columns, got %d\n",
			WIDTH_MIN, WIDTH_MAX, width);
		return -1;
	}
	if (encoding) {
		struct encoding e;

		if (encoding_open(&e, encoding, translit) < 0) {
			struct buf q = BUF_INIT;

			escape_text_line(&q, encoding, strlen(encoding));
			fprintf(stderr, "folio: --encoding '%s' is not an encoding "
				"iconv knows (latin1, cp1252, cp1254, cp1256, utf-8...; "
				"iconv -l lists them)\n", q.buf);
			buf_release(&q);
			return -1;
		}
		encoding_release(&e);
	}
	return 0;
}

/* The summary line: pages (and books) exported, written, unchanged. */
static void print_summary(const struct export_result *r, const char *to)
{
	if (!strcmp(to, "epub"))
		fprintf(stderr, "folio: %zu page%s exported in %zu book%s "
			"(%zu written, %zu unchanged)%s\n", r->pages,
			r->pages == 1 ? "" : "s", r->books, r->books == 1 ? "" : "s",
			r->written, r->unchanged, r->skipped ? ", some articles "
			"skipped because of errors" : "");
	else
		fprintf(stderr, "folio: %zu page%s exported (%zu written, "
			"%zu unchanged)%s\n", r->pages, r->pages == 1 ? "" : "s",
			r->written, r->unchanged, r->skipped ? ", some articles "
			"skipped because of errors" : "");
}

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
		{ "to", 0, OPT_STRING, &to, "FORMAT", "what to write: html, xhtml, epub or text" },
		{ "lang", 0, OPT_LIST, &langs, "L", "only this language (repeatable)" },
		{ "output", 'o', OPT_STRING, &outdir, "DIR", "write under DIR (default: out/FORMAT)" },
		{ "include-drafts", 0, OPT_FLAG, &drafts, NULL, "export drafts too" },
		{ "jobs", 'j', OPT_INT, &jobs, "N", "render N pages at once (default: CPUs)" },
		{ "width", 0, OPT_INT, &width, "N", "text: wrap at N columns (default 72)" },
		{ "encoding", 0, OPT_STRING, &encoding, "ENC", "text: write in ENC (iconv name; default utf-8)" },
		{ "translit", 0, OPT_FLAG, &translit, NULL, "text: approximate what ENC lacks (iconv //TRANSLIT)" },
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
	if (check_text_options(to, width, encoding, translit) < 0)
		goto out;
	if (diag_parse_format(format, &o.format) < 0) {
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
	eo.jobs = pool_jobs(jobs);
	eo.paths = argv + first;
	eo.npaths = nargs;
	eo.width = width < 0 ? 0 : width;
	eo.encoding = encoding;
	eo.translit = translit;
	interrupt_catch();
	export_run(&eo, &d, &r);
	if (interrupt_caught())
		fprintf(stderr, "folio: interrupted: the files in place are whole "
			"(old or new), no temporary file is left\n");
	interrupt_end();	/* after a signal, ends the process by it */

	diag_list_sort(&d);
	/* the report goes to stderr: stdout is free for json */
	diag_print(&d, &o, r.files, o.format == FMT_JSON ? stdout : stderr,
		   stderr);
	if (!o.quiet && !r.usage_error)
		print_summary(&r, to);
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
