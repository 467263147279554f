/*
 * cmd_schema.c - `folio schema`: validate YAML or JSON documents against
 * a JSON Schema (SPEC 6), the engine behind validate's `schema` rule.
 */
#include "buf.h"
#include "diag.h"
#include "json_tree.h"
#include "main.h"
#include "opts.h"
#include "schema.h"
#include "util.h"
#include "yaml_tree.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char usage_line[] =
	"folio schema [--format text|json|github] [-q] SCHEMA FILE...";
static const char about[] =
	"Validate YAML or JSON documents against a JSON Schema (draft 2020-12)\n"
	"written in YAML or JSON.  Each violation is reported as\n"
	"FILE:LINE:COL: error: MESSAGE [schema], at the offending node.  A FILE\n"
	"of - reads standard input.\n\n"
	"exit status: 0 every document is valid, 1 a document is invalid,\n"
	"2 usage error, invalid schema or unreadable file";

/* Standard input, up to the size limit of any document. */
static int read_stdin(struct buf *b)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (b->len + n > YAML_MAX_FILE)
			return BUF_READ_TOO_BIG;
		buf_add(b, chunk, n);
	}
	return ferror(stdin) ? BUF_READ_ERRNO : BUF_READ_OK;
}

/* Read, parse and validate one document; -1 when it could not be read. */
static int check_file(const struct schema *s, const char *path,
		      struct diag_list *d)
{
	struct buf text = BUF_INIT;
	struct ydoc doc = YDOC_INIT;
	struct yaml_opts yo;
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	int r, ret = 0;

	r = strcmp(path, "-") ? buf_read_file(&text, path, YAML_MAX_FILE) :
		read_stdin(&text);
	switch (r) {
	case BUF_READ_OK:
		break;
	case BUF_READ_TOO_BIG:
		diag(d, R_YAML_LIMITS, name, 0, 0, NULL, "file larger than 4 MiB");
		goto out;	/* rejected like any document over the limit */
	case BUF_READ_NOT_FILE:
		diag(d, R_IO, name, 0, 0, NULL, "cannot read: not a regular file");
		ret = -1;
		goto out;
	default: {
		char e[128];

		/* in the lowercase of every folio message */
		snprintf(e, sizeof(e), "%s", errmsg(errno));
		if (e[0] >= 'A' && e[0] <= 'Z')
			e[0] = (char)(e[0] - 'A' + 'a');
		diag(d, R_IO, name, 0, 0, NULL, "cannot read: %s", e);
		ret = -1;
		goto out;
	}
	}
	memset(&yo, 0, sizeof(yo));
	yo.file = name;
	/* a FILE named *.json is read as JSON, anything else as YAML */
	if (ydoc_parse_named(&doc, name, text.buf, text.len, &yo, d) == 0)
		schema_validate(s, doc.root, name, d);
out:
	ydoc_release(&doc);
	buf_release(&text);
	return ret;
}

int cmd_schema(int argc, const char **argv, const struct global_opts *g)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct diag_out o = { FMT_TEXT, 0, 0 };
	struct schema *s = NULL;
	const char *format = "text";
	int first, nargs, ret, unreadable = 0, i;
	const struct opt opts[] = {
		{ "format", 0, OPT_STRING, &format, "F", "text, json or github" },
		{ "quiet", 'q', OPT_FLAG, &o.quiet, NULL, "print errors only" },
		{ NULL, 0, 0, NULL, NULL, NULL },
	};

	ret = opts_parse(argc, argv, opts, usage_line, about, &first, &nargs);
	if (ret)
		return ret > 0 ? EXIT_OK : EXIT_USAGE;
	if (diag_parse_format(format, &o.format) < 0) {
		fprintf(stderr, "folio: --format must be text, json or github, got '%s'\n",
			format);
		return EXIT_USAGE;
	}
	if (nargs < 2) {
		fprintf(stderr, "folio: %s\nusage: %s\n", nargs ?
			"no document to validate" : "no schema and no document given",
			usage_line);
		return EXIT_USAGE;
	}
	o.color = g->color && o.format == FMT_TEXT;

	s = schema_load_file(argv[first], &d);
	if (!s) {
		diag_list_sort(&d);
		diag_print(&d, &o, 1, stdout, stderr);
		ret = EXIT_USAGE;
		goto out;
	}
	for (i = 1; i < nargs; i++)
		if (check_file(s, argv[first + i], &d) < 0)
			unreadable = 1;
	diag_list_sort(&d);
	diag_print(&d, &o, (size_t)nargs - 1, stdout, stderr);
	if (unreadable)
		ret = EXIT_USAGE;
	else
		ret = diag_worst(&d) == SEV_ERROR ? EXIT_FINDINGS : EXIT_OK;
out:
	schema_free(s);
	diag_list_release(&d);
	return ret;
}
