/*
 * main.c - global options, the subcommand table, the exit status.
 */
#include "date.h"
#include "main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FOLIO_VERSION "0.1.0"

struct command {
	const char *name;
	int (*fn)(int argc, const char **argv, const struct global_opts *g);
	const char *summary;
};

static const struct command commands[] = {
	{ "validate", cmd_validate, "check every article, the config and the string catalogs" },
	{ "l10n", cmd_l10n, "what each language is missing, stale or incomplete" },
	{ "stamp", cmd_stamp, "mark a translation as up to date with its original" },
	{ "diff", cmd_diff, "what changed in the originals of stale translations" },
	{ "export", cmd_export, "write HTML pages, EPUB trees and books, or plain text" },
	{ "schema", cmd_schema, "validate YAML or JSON documents against a JSON Schema" },
	/* readability and house style (SPEC 15) */
	{ "readability", cmd_readability, "how hard each article is to read, per language" },
	{ "xliff", cmd_xliff, "exchange translations with CAT tools as XLIFF 1.2 or 2.0" },
};

static void usage(FILE *f)
{
	size_t i;

	fputs("usage: folio [-C DIR] [--color auto|always|never] COMMAND [OPTIONS] [PATH...]\n"
	      "       folio --help | --version | COMMAND --help\n\n"
	      "folio checks, tracks and exports a multilingual corpus of articles.\n\n"
	      "commands:\n", f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fputs("\nglobal options:\n"
	      "  -C DIR                 run as if folio was started in DIR\n"
	      "  --color WHEN           colour the output: auto (default), always, never\n"
	      "  -h, --help             show this help\n"
	      "  --version              show the version\n\n"
	      "exit status: 0 success, 1 findings, 2 usage or corpus error, 3 write error\n"
	      "see folio(1) and folio-COMMAND(1)\n", f);
}

static const struct command *closest(const char *name)
{
	size_t i, best = 0, bestn = 0;

	/* a shared prefix of at least 3, or a one-letter slip */
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const char *c = commands[i].name;
		size_t n = 0;

		while (c[n] && c[n] == name[n])
			n++;
		if (n > bestn) {
			bestn = n;
			best = i;
		}
	}
	return bestn >= 2 ? &commands[best] : NULL;
}

/* A report that could not be written is a system error (exit 3). */
static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("folio: cannot write the output");
		return EXIT_SYSTEM;
	}
	return status;
}

int main(int argc, char **argv)
{
	struct global_opts g = { NULL, 0 };
	const char *color = "auto";
	const char **av = (const char **)argv;
	size_t i;
	int k = 1;

	while (k < argc && av[k][0] == '-') {
		const char *a = av[k];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return finish(EXIT_OK);
		} else if (!strcmp(a, "--version")) {
			printf("folio %s\n", FOLIO_VERSION);
			return finish(EXIT_OK);
		} else if (!strcmp(a, "-C") && k + 1 < argc) {
			g.chdir = av[++k];
		} else if (!strncmp(a, "-C", 2) && a[2]) {
			g.chdir = a + 2;
		} else if (!strcmp(a, "--color") && k + 1 < argc) {
			color = av[++k];
		} else if (!strncmp(a, "--color=", 8)) {
			color = a + 8;
		} else {
			fprintf(stderr, "folio: unknown option '%s'\n", a);
			usage(stderr);
			return EXIT_USAGE;
		}
		k++;
	}
	if (!strcmp(color, "always")) {
		g.color = 1;
	} else if (!strcmp(color, "never")) {
		g.color = 0;
	} else if (!strcmp(color, "auto")) {
		const char *nc = getenv("NO_COLOR");

		g.color = (!nc || !*nc) && isatty(1) && isatty(2);
	} else {
		fprintf(stderr, "folio: --color must be auto, always or never, got '%s'\n",
			color);
		return EXIT_USAGE;
	}
	if (k >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	{
		const char *today = getenv("FOLIO_TODAY");
		struct date d;

		/*
		 * A CI run that asked for a fixed date must not get the
		 * clock; but an empty value (a template's unset variable)
		 * asks for nothing, and date_today() ignores it too.
		 */
		if (today && *today && (date_parse(today, &d) < 0 || !d.d)) {
			fprintf(stderr, "folio: FOLIO_TODAY must be a date YYYY-MM-DD "
				"(or empty, for today), got '%s'\n", today);
			return EXIT_USAGE;
		}
	}
	if (g.chdir && chdir(g.chdir) < 0) {
		fprintf(stderr, "folio: cannot change to '%s': ", g.chdir);
		perror(NULL);
		return EXIT_USAGE;
	}
	if (!strcmp(av[k], "help")) {
		/* "folio help validate" is "folio validate --help" */
		const char *help_argv[3] = { NULL, "--help", NULL };

		for (i = 0; k + 1 < argc &&
			    i < sizeof(commands) / sizeof(commands[0]); i++)
			if (!strcmp(av[k + 1], commands[i].name)) {
				help_argv[0] = commands[i].name;
				return finish(commands[i].fn(2, help_argv, &g));
			}
		if (k + 1 < argc) {
			fprintf(stderr, "folio: '%s' is not a folio command\n"
				"run 'folio --help' for the list of commands\n",
				av[k + 1]);
			return EXIT_USAGE;
		}
		usage(stdout);
		return finish(EXIT_OK);
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(av[k], commands[i].name))
			return finish(commands[i].fn(argc - k, av + k, &g));
	{
		const struct command *c = closest(av[k]);

		fprintf(stderr, "folio: '%s' is not a folio command", av[k]);
		if (c)
			fprintf(stderr, " (did you mean '%s'?)", c->name);
		fputs("\nrun 'folio --help' for the list of commands\n", stderr);
	}
	return EXIT_USAGE;
}
