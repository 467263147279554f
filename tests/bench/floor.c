/*
 * floor.c - the floor of SPEC 9: what any tool must at least do with a
 * corpus, and nothing else.
 *
 *   floor SRCDIR OUTDIR
 *
 * For every *.md file below SRCDIR (skipping directories whose name starts
 * with '_' or '.', as folio does), one thread, one file after the other:
 * read it whole, parse its frontmatter with libyaml (events only, kept
 * nowhere), render its body with md4c-html (GFM: tables, strikethrough,
 * autolinks) and write the HTML to OUTDIR, one file per article, named
 * after its path with '/' turned into '_' (so OUTDIR needs no subdirectories).
 * Exit 0, or 1 if any file could not be read, parsed or written.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE	/* d_type */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <md4c-html.h>
#include <yaml.h>

struct buf {
	char *p;
	size_t len, cap;
};

static int reserve(struct buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 65536;
	char *p;

	if (b->len + extra <= b->cap)
		return 0;
	while (b->len + extra > cap)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

static void append(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
	struct buf *b = userdata;

	if (reserve(b, size) < 0) {
		fputs("floor: out of memory\n", stderr);
		exit(1);
	}
	memcpy(b->p + b->len, text, size);
	b->len += size;
}

struct state {
	const char *out;
	size_t outlen;
	struct buf in, html;
	int failed;
	size_t files;
};

/* The frontmatter: from a first line "---" to the next "---" or "...". */
static size_t frontmatter(const char *s, size_t n, size_t *yaml_start,
			  size_t *yaml_end)
{
	size_t i = 0, line;

	if (n < 4 || memcmp(s, "---", 3) != 0 || (s[3] != '\n' && s[3] != '\r'))
		return 0;
	while (i < n && s[i] != '\n')
		i++;
	*yaml_start = ++i;
	while (i < n) {
		line = i;
		while (i < n && s[i] != '\n')
			i++;
		if (i - line >= 3 && (!memcmp(s + line, "---", 3) ||
				      !memcmp(s + line, "...", 3)) &&
		    (i - line == 3 || (i - line == 4 && s[line + 3] == '\r'))) {
			*yaml_end = line;
			return i < n ? i + 1 : i;
		}
		i++;
	}
	return 0;
}

static int parse_yaml(const char *s, size_t n)
{
	yaml_parser_t parser;
	yaml_event_t event;
	int done = 0, ok = 1;

	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)s, n);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			ok = 0;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	return ok ? 0 : -1;
}

static int read_file(const char *path, struct buf *b)
{
	struct stat st;
	ssize_t got;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	b->len = 0;
	if (fstat(fd, &st) < 0 || reserve(b, (size_t)st.st_size + 1) < 0) {
		close(fd);
		return -1;
	}
	for (;;) {
		if (reserve(b, 65536) < 0)
			break;
		got = read(fd, b->p + b->len, b->cap - b->len);
		if (got <= 0) {
			close(fd);
			return got < 0 ? -1 : 0;
		}
		b->len += (size_t)got;
	}
	close(fd);
	return -1;
}

static int write_file(const char *path, const struct buf *b)
{
	size_t off = 0;
	ssize_t put;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);

	if (fd < 0)
		return -1;
	while (off < b->len) {
		put = write(fd, b->p + off, b->len - off);
		if (put < 0) {
			close(fd);
			return -1;
		}
		off += (size_t)put;
	}
	return close(fd);
}

static void one_file(struct state *st, const char *path, const char *rel)
{
	char outpath[8192];
	size_t body, yaml_start = 0, yaml_end = 0, i;
	int n;

	if (read_file(path, &st->in) < 0) {
		fprintf(stderr, "floor: cannot read %s: %s\n", path, strerror(errno));
		st->failed = 1;
		return;
	}
	body = frontmatter(st->in.p, st->in.len, &yaml_start, &yaml_end);
	if (body && parse_yaml(st->in.p + yaml_start, yaml_end - yaml_start) < 0) {
		fprintf(stderr, "floor: %s: bad frontmatter\n", path);
		st->failed = 1;
	}
	st->html.len = 0;
	if (md_html(st->in.p + body, (MD_SIZE)(st->in.len - body), append,
		    &st->html, MD_DIALECT_GITHUB, 0) != 0) {
		fprintf(stderr, "floor: %s: md4c failed\n", path);
		st->failed = 1;
		return;
	}
	n = snprintf(outpath, sizeof(outpath), "%s/%s", st->out, rel);
	if (n < 0 || (size_t)n + 3 >= sizeof(outpath))
		return;
	for (i = st->outlen + 1; outpath[i]; i++)
		if (outpath[i] == '/')
			outpath[i] = '_';
	memcpy(outpath + n - 2, "html", 5);	/* x.md -> x.html */
	if (write_file(outpath, &st->html) < 0) {
		fprintf(stderr, "floor: cannot write %s: %s\n", outpath,
			strerror(errno));
		st->failed = 1;
	}
	st->files++;
}

static void walk(struct state *st, const char *dir, const char *rel)
{
	char path[4096], sub[4096];
	struct dirent *e;
	DIR *d = opendir(dir);
	size_t len;

	if (!d) {
		fprintf(stderr, "floor: cannot open %s: %s\n", dir, strerror(errno));
		st->failed = 1;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat sb;

		if (e->d_name[0] == '.' || e->d_name[0] == '_')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		if (e->d_type == DT_DIR ||
		    (e->d_type == DT_UNKNOWN && stat(path, &sb) == 0 &&
		     S_ISDIR(sb.st_mode))) {
			walk(st, path, sub);
			continue;
		}
		len = strlen(e->d_name);
		if (len > 3 && !strcmp(e->d_name + len - 3, ".md"))
			one_file(st, path, sub);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	struct state st;

	if (argc != 3) {
		fputs("usage: floor SRCDIR OUTDIR\n", stderr);
		return 2;
	}
	memset(&st, 0, sizeof(st));
	st.out = argv[2];
	st.outlen = strlen(argv[2]);
	walk(&st, argv[1], "");
	free(st.in.p);
	free(st.html.p);
	if (!st.files)
		fprintf(stderr, "floor: no *.md file below %s\n", argv[1]);
	return st.failed || !st.files;
}
