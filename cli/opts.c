/*
 * opts.c - the option parser every subcommand shares.
 */
#include "opts.h"
#include "util.h"
#include "pool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Edit distance, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[64], prev;

	if (la > 63 || lb > 63)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev + cost;

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb];
}

void opts_usage(const struct opt *opts, const char *usage, const char *about,
		void *fp)
{
	FILE *f = fp;
	const struct opt *o;

	fprintf(f, "usage: %s\n", usage);
	if (about)
		fprintf(f, "\n%s\n", about);
	fprintf(f, "\noptions:\n");
	for (o = opts; o->name; o++) {
		char left[64];

		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s%s", o->short_name,
				 o->name, o->arg ? (o->type == OPT_OPTIONAL ? "[=" : " ") : "",
				 o->arg ? o->arg : "", o->arg && o->type == OPT_OPTIONAL ? "]" : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s%s", o->name,
				 o->arg ? (o->type == OPT_OPTIONAL ? "[=" : " ") : "",
				 o->arg ? o->arg : "", o->arg && o->type == OPT_OPTIONAL ? "]" : "");
		fprintf(f, "  %-26s %s\n", left, o->help);
	}
	fprintf(f, "  %-26s %s\n", "-h, --help", "show this help");
}

static int bad(const struct opt *opts, const char *usage, const char *fmt,
	       const char *what, const char *hint)
{
	fprintf(stderr, "folio: ");
	fprintf(stderr, fmt, what);
	if (hint)
		fprintf(stderr, " (did you mean '--%s'?)", hint);
	fprintf(stderr, "\nusage: %s\n", usage);
	(void)opts;
	return -1;
}

static int set_value(const struct opt *o, const char *v, const char *usage,
		     const struct opt *opts)
{
	switch (o->type) {
	case OPT_FLAG:
		*(int *)o->value = 1;
		break;
	case OPT_STRING:
	case OPT_OPTIONAL:
		*(const char **)o->value = v;
		break;
	case OPT_INT: {
		char *end;
		long n = strtol(v, &end, 10);

		if (!*v || *end || n < 0 || n > 1000000)
			return bad(opts, usage, "'%s' is not a valid number", v, NULL);
		*(int *)o->value = (int)n;
		break;
	}
	case OPT_LIST: {
		struct opt_list *l = o->value;
		const char *p = v;

		/* comma-separated values are split into owned pieces */
		while (*p) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);

			if (n) {
				if (l->n == l->alloc) {
					l->alloc = l->alloc ? l->alloc * 2 : 4;
					l->v = xrealloc(l->v, (size_t)l->alloc * sizeof(*l->v));
				}
				if (comma) {
					l->own = xrealloc(l->own, (size_t)(l->nown + 1) * sizeof(*l->own));
					l->own[l->nown] = xstrndup(p, n);
					l->v[l->n++] = l->own[l->nown++];
				} else {
					l->v[l->n++] = p;
				}
			}
			p += n + (comma ? 1 : 0);
		}
		break;
	}
	}
	return 0;
}

int opts_parse(int argc, const char **argv, const struct opt *opts,
	       const char *usage, const char *about, int *first, int *nargs)
{
	int i, out = 1, only_args = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct opt *o;

		if (only_args || a[0] != '-' || !a[1]) {
			argv[out++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			opts_usage(opts, usage, about, stdout);
			return 1;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);
			const struct opt *best = NULL;
			size_t bestd = 3;

			for (o = opts; o->name; o++)
				if (memeq(name, n, o->name))
					break;
			if (!o->name) {
				char *tmp = xstrndup(name, n);

				for (o = opts; o->name; o++) {
					size_t d = distance(tmp, o->name);

					if (d < bestd) {
						bestd = d;
						best = o;
					}
				}
				free(tmp);
				return bad(opts, usage, "unknown option '%s'", a,
					   best ? best->name : NULL);
			}
			if (o->type == OPT_FLAG) {
				if (eq)
					return bad(opts, usage, "option '%s' takes no value", a, NULL);
				set_value(o, NULL, usage, opts);
			} else if (o->type == OPT_OPTIONAL) {
				*(const char **)o->value = eq ? eq + 1 : "";
			} else if (eq) {
				if (set_value(o, eq + 1, usage, opts) < 0)
					return -1;
			} else {
				if (i + 1 >= argc)
					return bad(opts, usage, "option '%s' needs a value", a, NULL);
				if (set_value(o, argv[++i], usage, opts) < 0)
					return -1;
			}
			continue;
		}
		/* short options, possibly bundled: -qj4 */
		for (a++; *a; a++) {
			char s[3] = { '-', *a, 0 };

			for (o = opts; o->name; o++)
				if (o->short_name == *a)
					break;
			if (!o->name)
				return bad(opts, usage, "unknown option '%s'", s, NULL);
			if (o->type == OPT_FLAG) {
				set_value(o, NULL, usage, opts);
				continue;
			}
			if (a[1]) {
				if (set_value(o, a + 1, usage, opts) < 0)
					return -1;
			} else {
				if (i + 1 >= argc)
					return bad(opts, usage, "option '%s' needs a value", s, NULL);
				if (set_value(o, argv[++i], usage, opts) < 0)
					return -1;
			}
			break;
		}
	}
	*first = 1;
	*nargs = out - 1;
	return 0;
}

void opt_list_release(struct opt_list *l)
{
	int i;

	for (i = 0; i < l->nown; i++)
		free(l->own[i]);
	free(l->own);
	l->own = NULL;
	l->nown = 0;
	free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
}

int default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return pool_jobs(n);
}
