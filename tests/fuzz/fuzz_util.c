/*
 * fuzz_util.c - checks every harness shares: the diagnostics a hostile
 * input produces must still print as well-formed lines and JSON.
 */
#include "fuzz.h"

#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct json {
	const char *s, *end;
	int depth;
};

static void ws(struct json *j)
{
	while (j->s < j->end && (*j->s == ' ' || *j->s == '\n' ||
				 *j->s == '\t' || *j->s == '\r'))
		j->s++;
}

static int lit(struct json *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->s) < n || memcmp(j->s, w, n))
		return 0;
	j->s += n;
	return 1;
}

static int hex4(struct json *j)
{
	int i;

	for (i = 0; i < 4; i++, j->s++)
		if (j->s >= j->end || !strchr("0123456789abcdefABCDEF", *j->s) ||
		    !*j->s)
			return 0;
	return 1;
}

static int string(struct json *j)
{
	const char *start;

	if (j->s >= j->end || *j->s != '"')
		return 0;
	start = ++j->s;
	while (j->s < j->end && *j->s != '"') {
		unsigned char c = (unsigned char)*j->s;

		if (c < 0x20)
			return 0;
		if (c == '\\') {
			j->s++;
			if (j->s >= j->end)
				return 0;
			if (*j->s == 'u') {
				j->s++;
				if (!hex4(j))
					return 0;
				continue;
			}
			if (!*j->s || !strchr("\"\\/bfnrt", *j->s))
				return 0;
		}
		j->s++;
	}
	if (j->s >= j->end)
		return 0;
	if (!fuzz_utf8_valid(start, (size_t)(j->s - start)))
		return 0;
	j->s++;
	return 1;
}

static int number(struct json *j)
{
	const char *st = j->s;

	if (j->s < j->end && *j->s == '-')
		j->s++;
	if (j->s < j->end && *j->s == '0')
		j->s++;
	else if (j->s < j->end && *j->s >= '1' && *j->s <= '9')
		while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
			j->s++;
	else
		return 0;
	if (j->s < j->end && *j->s == '.') {
		j->s++;
		if (j->s >= j->end || *j->s < '0' || *j->s > '9')
			return 0;
		while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
			j->s++;
	}
	if (j->s < j->end && (*j->s == 'e' || *j->s == 'E')) {
		j->s++;
		if (j->s < j->end && (*j->s == '+' || *j->s == '-'))
			j->s++;
		if (j->s >= j->end || *j->s < '0' || *j->s > '9')
			return 0;
		while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
			j->s++;
	}
	return j->s > st;
}

static int value(struct json *j)
{
	int ok = 0;

	if (++j->depth > 1000)
		return 0;
	ws(j);
	if (j->s >= j->end)
		return 0;
	switch (*j->s) {
	case '{':
		j->s++;
		ws(j);
		if (j->s < j->end && *j->s == '}') {
			j->s++;
			ok = 1;
			break;
		}
		for (;;) {
			ws(j);
			if (!string(j))
				goto out;
			ws(j);
			if (!lit(j, ":") || !value(j))
				goto out;
			ws(j);
			if (lit(j, "}"))
				break;
			if (!lit(j, ","))
				goto out;
		}
		ok = 1;
		break;
	case '[':
		j->s++;
		ws(j);
		if (j->s < j->end && *j->s == ']') {
			j->s++;
			ok = 1;
			break;
		}
		for (;;) {
			if (!value(j))
				goto out;
			ws(j);
			if (lit(j, "]"))
				break;
			if (!lit(j, ","))
				goto out;
		}
		ok = 1;
		break;
	case '"':
		ok = string(j);
		break;
	case 't':
		ok = lit(j, "true");
		break;
	case 'f':
		ok = lit(j, "false");
		break;
	case 'n':
		ok = lit(j, "null");
		break;
	default:
		ok = number(j);
	}
out:
	j->depth--;
	return ok;
}

int fuzz_json_valid(const char *s, size_t n)
{
	struct json j = { s, s + n, 0 };

	if (!value(&j))
		return 0;
	ws(&j);
	return j.s == j.end;
}

static size_t count_lines(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

static void print_to(const struct diag_list *l, enum diag_format f,
		     char **out, size_t *outn)
{
	struct diag_out o = { f, 0, 0 };
	char *err = NULL;
	size_t errn = 0;
	FILE *fo = open_memstream(out, outn), *fe = open_memstream(&err, &errn);

	if (!fo || !fe)
		abort();
	diag_print(l, &o, 1, fo, fe);
	fclose(fo);
	fclose(fe);
	free(err);
}

void fuzz_check_diags(struct diag_list *l)
{
	char *s = NULL;
	size_t n = 0;

	print_to(l, FMT_TEXT, &s, &n);
	if (count_lines(s, n) != l->n || memchr(s, 0, n)) {
		fprintf(stderr, "fuzz: text diagnostics not one per line:\n%.*s",
			(int)n, s);
		abort();
	}
	free(s);
	print_to(l, FMT_GITHUB, &s, &n);
	if (count_lines(s, n) != l->n || memchr(s, 0, n)) {
		fprintf(stderr, "fuzz: github diagnostics not one per line:\n%.*s",
			(int)n, s);
		abort();
	}
	free(s);
	print_to(l, FMT_JSON, &s, &n);
	if (!fuzz_json_valid(s, n)) {
		fprintf(stderr, "fuzz: json diagnostics not valid:\n%.*s",
			(int)n, s);
		abort();
	}
	free(s);
	diag_list_release(l);
}
