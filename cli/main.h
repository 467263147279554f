/*
 * main.h - what every subcommand receives from main.c, and the
 * subcommand entry points.  Each cmd_*() returns the process exit status
 * (SPEC 4.1); only main.c and the cmd_*.c files decide it.
 */
#ifndef FOLIO_MAIN_H
#define FOLIO_MAIN_H

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

struct config;

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

int cmd_validate(int argc, const char **argv, const struct global_opts *g);
int cmd_l10n(int argc, const char **argv, const struct global_opts *g);
int cmd_stamp(int argc, const char **argv, const struct global_opts *g);
int cmd_export(int argc, const char **argv, const struct global_opts *g);
int cmd_schema(int argc, const char **argv, const struct global_opts *g);
int cmd_readability(int argc, const char **argv, const struct global_opts *g);
int cmd_diff(int argc, const char **argv, const struct global_opts *g);
int cmd_xliff(int argc, const char **argv, const struct global_opts *g);

#endif
