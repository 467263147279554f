/*
 * md_src.c - a body as md4c reads it: md4c run with folio's flags, and
 * the line and column of any pointer md4c gives into the body
 * (markdown.h: struct md_src).
 */
#include "markdown.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void md_src_init(struct md_src *s, const char *text, size_t len,
		 unsigned first_line)
{
	size_t i, alloc = 0;
	int long_line = 0;

	s->text = text;
	s->len = len;
	s->first_line = first_line;
	s->line_starts = NULL;
	s->nlines = 0;
	s->cols = NULL;
	s->mark_line = s->mark_off = 0;
	s->mark_col = 1;
	/* room for lines of 32 bytes on average: seldom grown */
	GROW(s->line_starts, alloc, len / 32 + 2);
	s->line_starts[s->nlines++] = 0;
	for (i = 0; i < len; i++) {
		const char *nl = memchr(text + i, '\n', len - i);

		if (!nl)
			break;
		if ((size_t)(nl - text) - i >= MD_COL_STEP)
			long_line = 1;
		i = (size_t)(nl - text);
		if (s->nlines + 1 > alloc)
			GROW(s->line_starts, alloc, s->nlines + 1);
		s->line_starts[s->nlines++] = i + 1;
	}
	if (len - s->line_starts[s->nlines - 1] >= MD_COL_STEP)
		long_line = 1;
	s->long_lines = long_line;
}

/*
 * Column checkpoints for long lines, built lazily: most bodies never ask
 * for a position far into a line.  An md_src belongs to one thread, so the
 * cache can be filled through a const pointer.
 */
static void build_cols(const struct md_src *cs)
{
	struct md_src *s = (struct md_src *)cs;
	unsigned col = 1;
	size_t i;

	s->cols = xcalloc(s->len / MD_COL_STEP + 1, sizeof(*s->cols));
	for (i = 0; i <= s->len; i++) {
		if (i % MD_COL_STEP == 0)
			s->cols[i / MD_COL_STEP] = col;
		if (i == s->len)
			break;
		if (s->text[i] == '\n')
			col = 1;
		else if (((unsigned char)s->text[i] & 0xC0) != 0x80)
			col++;
	}
}

void md_src_release(struct md_src *s)
{
	free(s->line_starts);
	free(s->cols);
	s->line_starts = NULL;
	s->cols = NULL;
	s->nlines = 0;
}

/* The line holding byte off: a binary search of the line starts. */
size_t md_src_line(const struct md_src *s, size_t off)
{
	size_t lo = 0, hi = s->nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (s->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Columns count code points, as libyaml's do for the frontmatter. */
static unsigned count_cols(const char *p, size_t n)
{
	return (unsigned)(1 + utf8_count(p, n));
}

/*
 * The line holding off, looked for from the marked line when off is at
 * or after it: a walk's next position is seldom more than a few lines on.
 */
static size_t line_near(const struct md_src *s, size_t off)
{
	size_t li = s->mark_line, k;

	if (off < s->line_starts[li])
		return md_src_line(s, off);
	for (k = 0; k < 8; k++) {
		if (li + 1 >= s->nlines || s->line_starts[li + 1] > off)
			return li;
		li++;
	}
	return md_src_line(s, off);
}

struct pos md_src_pos(const struct md_src *cs, const char *p)
{
	struct md_src *s = (struct md_src *)cs;
	struct pos r = { 0, 0 };
	size_t off, li, start;

	if (!p || p < s->text || p > s->text + s->len)
		return r;
	off = (size_t)(p - s->text);
	li = line_near(s, off);
	r.line = s->first_line + (unsigned)li;
	start = s->line_starts[li];
	/* counting up to 64 KiB is cheaper than building the checkpoints */
	if (s->long_lines && off - start >= 65536) {
		if (!s->cols)
			build_cols(s);
		/* from the last checkpoint, which is inside this line */
		size_t k = off / MD_COL_STEP * MD_COL_STEP;

		r.col = s->cols[k / MD_COL_STEP] - 1 +
			count_cols(s->text + k, off - k);
		return r;
	}
	/* columns add up: from the mark when it is earlier in this line */
	if (li == s->mark_line && s->mark_off >= start && s->mark_off <= off)
		r.col = s->mark_col - 1 +
			count_cols(s->text + s->mark_off, off - s->mark_off);
	else
		r.col = count_cols(s->text + start, off - start);
	s->mark_line = li;
	s->mark_off = off;
	s->mark_col = r.col;
	return r;
}

int md_run(const struct md_src *s, const MD_PARSER *parser, void *userdata)
{
	MD_PARSER p = *parser;

	p.flags = FOLIO_MD_FLAGS;
	return md_parse(s->text, (MD_SIZE)s->len, &p, userdata);
}
