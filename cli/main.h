/*
 * main.h - what every subcommand receives from main.c, and the
 * subcommand entry points.  Each cmd_*() returns the process exit status
 * (SPEC 4.1); only main.c and the cmd_*.c files decide it.
 */
#ifndef FOLIO_MAIN_H
#define FOLIO_MAIN_H

#include <stddef.h>

enum exit_code {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1,
	EXIT_USAGE = 2,		/* also: unreadable or invalid corpus/config */
	EXIT_SYSTEM = 3,	/* a system error while writing output */
};

struct global_opts {
	const char *chdir;	/* -C DIR, or NULL */
	int color;		/* 1 when stdout/stderr may get ANSI colours */
};

struct buf;
struct config;
struct corpus;

/*
 * The languages that a command's --lang values select, as cfg->nlang
 * flags (malloc'ed, free() them; every one set when n is 0), or NULL
 * after saying on stderr which value is not a language of folio.yaml:
 * one wording for every command (cmd_common.c).
 */
unsigned char *cmd_lang_select(const struct config *cfg, const char **v, int n);

/*
 * The formats of a report that a command prints itself (l10n, diff,
 * readability), HTML included; diagnostics have their own (diag.h).
 */
enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_GITHUB, REPORT_HTML };
#define REPORT_ALL ((1 << REPORT_TEXT) | (1 << REPORT_JSON) | \
		    (1 << REPORT_GITHUB) | (1 << REPORT_HTML))
#define REPORT_NO_GITHUB (REPORT_ALL & ~(1 << REPORT_GITHUB))

/*
 * --format NAME among the formats whose bits (1 << REPORT_*) are in
 * allowed: 0 with *out set, or -1 after saying on stderr which ones a
 * command takes, in one wording for every command (cmd_common.c).
 */
int cmd_report_format(const char *name, int allowed, enum report_format *out);

/*
 * -o FILE of a command that prints a report, checked before any work:
 * "-" is the standard output (*output becomes NULL), and a directory is
 * refused.  0, or -1 after saying why on stderr.
 */
int cmd_output_check(const char **output);
/*
 * Once the corpus is open: a report never replaces a file the corpus is
 * made of (a .md, .yaml or .yml file inside it: articles, catalogs,
 * folio.yaml).  0, or -1 after saying why on stderr.
 */
int cmd_output_outside(const char *output, const struct corpus *c);
/*
 * Is path a device, a FIFO or a socket (or a link to one), or the file
 * the standard output or error goes to (/dev/stdout)?  A report is
 * written into it as it is, never put in its place.
 */
int cmd_output_in_place(const char *path);
/* Write path whole (atomic.h), keeping an existing file's mode; into it
 * when cmd_output_in_place(); through a symbolic link to a file, the
 * file replaced and the link kept: 0 or -1 with errno. */
int cmd_write_file(const char *path, const char *data, size_t len);
/* The report to output, or to the standard output when NULL: EXIT_OK, or
 * EXIT_SYSTEM after saying why on stderr. */
int cmd_write_report(const char *output, const struct buf *out);

int cmd_validate(int argc, const char **argv, const struct global_opts *g);
int cmd_l10n(int argc, const char **argv, const struct global_opts *g);
int cmd_stamp(int argc, const char **argv, const struct global_opts *g);
int cmd_export(int argc, const char **argv, const struct global_opts *g);
int cmd_schema(int argc, const char **argv, const struct global_opts *g);
int cmd_readability(int argc, const char **argv, const struct global_opts *g);
int cmd_diff(int argc, const char **argv, const struct global_opts *g);
int cmd_xliff(int argc, const char **argv, const struct global_opts *g);

#endif
