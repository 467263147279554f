/*
 * cmd_common.c - what several subcommands check the same way, so that
 * each check has one wording (declared in main.h): --lang, --format of a
 * report, -o FILE, and the writing of the report.
 */
#include "atomic.h"
#include "buf.h"
#include "corpus.h"
#include "diag.h"
#include "escape.h"
#include "main.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

unsigned char *cmd_lang_select(const struct config *cfg, const char **v, int n)
{
	unsigned char *on = xcalloc(cfg->nlang ? cfg->nlang : 1, 1);
	size_t k;
	int i;

	for (i = 0; i < n; i++) {
		int li = config_lang(cfg, v[i]);
		struct buf shown = BUF_INIT;

		if (li >= 0) {
			on[li] = 1;
			continue;
		}
		/* the value is the user's: shown on one line, no escapes */
		escape_text_line(&shown, v[i], strlen(v[i]));
		fprintf(stderr, "folio: --lang: '%s' is not one of the languages "
			"of folio.yaml:", shown.buf);
		buf_release(&shown);
		for (k = 0; k < cfg->nlang; k++)
			fprintf(stderr, " %s", cfg->languages[k]);
		fputc('\n', stderr);
		free(on);
		return NULL;
	}
	if (!n)
		memset(on, 1, cfg->nlang);
	return on;
}

int cmd_report_format(const char *name, int allowed, enum report_format *out)
{
	static const char *const names[] = { "text", "json", "github", "html" };
	size_t i, n = 0, shown = 0;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if ((allowed & (1 << i)) && !strcmp(name, names[i])) {
			*out = (enum report_format)i;
			return 0;
		}
	for (i = 0; i < ARRAY_SIZE(names); i++)
		n += (allowed >> i) & 1;
	/* "text, json, github or html", "text, json or html" */
	fprintf(stderr, "folio: --format must be");
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!(allowed & (1 << i)))
			continue;
		shown++;
		fprintf(stderr, "%s%s", shown == 1 ? " " : shown == n ? " or " : ", ",
			names[i]);
	}
	fprintf(stderr, ", got '%s'\n", name);
	return -1;
}

/* The user's value on one line, no escapes, for a message. */
static void say_value(const char *fmt, const char *value)
{
	struct buf shown = BUF_INIT;

	escape_text_line(&shown, value, strlen(value));
	fprintf(stderr, fmt, shown.buf);
	buf_release(&shown);
}

int cmd_output_check(const char **output)
{
	struct stat st;

	if (!*output)
		return 0;
	/* "-o -" is the standard output, as everywhere else */
	if (!strcmp(*output, "-")) {
		*output = NULL;
		return 0;
	}
	if (stat(*output, &st) == 0 && S_ISDIR(st.st_mode)) {
		say_value("folio: -o '%s' is a directory: name the file to write\n",
			  *output);
		return -1;
	}
	return 0;
}

/* Does name end in a suffix of the files a corpus is made of? */
static int corpus_file_name(const char *name)
{
	static const char *const ext[] = { ".md", ".yaml", ".yml" };
	size_t n = strlen(name), i;

	for (i = 0; i < ARRAY_SIZE(ext); i++) {
		size_t e = strlen(ext[i]);

		if (n >= e && !strcmp(name + n - e, ext[i]))
			return 1;
	}
	return 0;
}

int cmd_output_outside(const char *output, const struct corpus *c)
{
	char abs[PATH_MAX];
	struct buf where = BUF_INIT;
	size_t rootlen = strlen(c->root_abs);
	const char *slash;
	int inside;

	if (!output)
		return 0;
	/* the file itself when it exists (a link is followed), else its
	 * directory and its name */
	if (realpath(output, abs)) {
		buf_adds(&where, abs);
	} else {
		char *dir;

		slash = strrchr(output, '/');
		dir = slash ? xstrndup(output, (size_t)(slash - output)) : xstrdup(".");
		if (!realpath(*dir ? dir : "/", abs)) {
			free(dir);
			return 0;	/* writing will say why it cannot */
		}
		free(dir);
		buf_addf(&where, "%s/%s", abs, slash ? slash + 1 : output);
	}
	inside = !strncmp(where.buf, c->root_abs, rootlen) &&
		where.buf[rootlen] == '/' && corpus_file_name(where.buf);
	buf_release(&where);
	if (!inside)
		return 0;
	say_value("folio: -o '%s' is a file of the corpus: a report never "
		  "replaces an article, a catalog or folio.yaml\n", output);
	return -1;
}

/* The standard output or error when path is the file it writes to. */
static int own_stream(const struct stat *st)
{
	struct stat o;
	int fd;

	for (fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++)
		if (fstat(fd, &o) == 0 && o.st_dev == st->st_dev &&
		    o.st_ino == st->st_ino)
			return fd;
	return -1;
}

int cmd_output_in_place(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISDIR(st.st_mode) &&
	       (!S_ISREG(st.st_mode) || own_stream(&st) >= 0);
}

/*
 * Write data into what path is (a device, a FIFO; the standard output
 * or error, through the descriptor that has it open, so that a file it
 * appends to is appended to): 0, or -1 with errno.
 */
static int write_in_place(const char *path, const char *data, size_t len)
{
	struct stat st;
	int fd, err;

	if (stat(path, &st) == 0 && (fd = own_stream(&st)) >= 0) {
		fflush(stdout);
		return atomic_write_all(fd, data, len);
	}
	fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (atomic_write_all(fd, data, len) < 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return close(fd);
}

int cmd_write_file(const char *path, const char *data, size_t len)
{
	struct stat st;
	char *real = NULL;
	int rc;

	if (cmd_output_in_place(path))
		return write_in_place(path, data, len);
	/* a symbolic link to a file: the file is replaced, the link stays */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(path, NULL)) != NULL)
		path = real;
	rc = atomic_write(path, data, len,
			  stat(path, &st) == 0 ? st.st_mode & 07777 : ATOMIC_UMASK, 1);
	free(real);
	return rc;
}

int cmd_write_report(const char *output, const struct buf *out)
{
	if (output) {
		if (cmd_write_file(output, out->buf, out->len) < 0) {
			fprintf(stderr, "folio: %s: cannot write: %s [%s]\n", output,
				errmsg(errno), rule_table[R_WRITE].id);
			return EXIT_SYSTEM;
		}
	} else if (fwrite(out->buf, 1, out->len, stdout) != out->len ||
		   fflush(stdout) != 0) {
		fprintf(stderr, "folio: cannot write the report: %s [%s]\n",
			errmsg(errno), rule_table[R_WRITE].id);
		return EXIT_SYSTEM;
	}
	return EXIT_OK;
}
