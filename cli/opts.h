/*
 * opts.h - one option table per subcommand, parsed the same way
 * everywhere: long options (--name, --name=value, --name value), short
 * options (-j4, -j 4, -q), "--" ends options, and unknown options are a
 * usage error that suggests the closest known name.
 */
#ifndef FOLIO_OPTS_H
#define FOLIO_OPTS_H

enum opt_type {
	OPT_FLAG,	/* int *: set to 1 */
	OPT_STRING,	/* const char **: argv storage, not copied */
	OPT_INT,	/* int *: a non-negative decimal */
	OPT_LIST,	/* struct opt_list *: repeated, or comma-separated */
	OPT_OPTIONAL,	/* const char **: --name alone sets "" ; --name=V sets V */
};

struct opt_list {
	const char **v;		/* owned array; items point into argv or own */
	int n, alloc;
	char **own;		/* pieces split off "a,b" values; owned */
	int nown;
};

struct opt {
	const char *name;	/* long name without "--" */
	char short_name;	/* 0 when none */
	enum opt_type type;
	void *value;
	const char *arg;	/* argument name in help, or NULL */
	const char *help;	/* one line */
};

/*
 * Parse argv[1..] (argv[0] is the subcommand name) against opts, which ends
 * with an entry whose name is NULL.  Operands are moved to the front of
 * the returned array range: *nargs operands at argv[*first..].
 * Returns 0, 1 when --help was given (help printed to stdout), or -1 on a
 * usage error (message printed to stderr, with the usage line).
 */
int opts_parse(int argc, const char **argv, const struct opt *opts,
	       const char *usage, const char *about, int *first, int *nargs);

void opt_list_release(struct opt_list *l);

/* Print "usage: ..." and the option table to f. */
void opts_usage(const struct opt *opts, const char *usage, const char *about,
		void *f);

/* -j N default: the number of online CPUs (at least 1). */
int default_jobs(void);

#endif
