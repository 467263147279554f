/*
 * prose.h - the running text of a body, block by block, for what reads it
 * as language: readability (SPEC 15) and the house style rules.
 *
 * A walk over md4c's parse gathers the text of each leaf block (a
 * paragraph, the text of a list item, a heading, a table cell) into one
 * UTF-8 segment, entities decoded and soft breaks as '\n', and hands it
 * to a callback with a map back to the source, so that any offset in the
 * segment has its line and column in the file.  Inline code, raw HTML
 * and the text of autolinks (a URL) are blanked with spaces of the same
 * length: they are never measured or matched.  Link text and the alt
 * text of images are kept.  Code blocks and HTML blocks give no segment.
 */
#ifndef FOLIO_PROSE_H
#define FOLIO_PROSE_H

#include <md4c.h>
#include <stddef.h>

#include "article.h"

struct md_src;

enum prose_kind {
	PROSE_PARAGRAPH,	/* a paragraph, in a block quote or a list or not */
	PROSE_ITEM,		/* the text of a tight list item */
	PROSE_HEADING,
	PROSE_CELL,		/* a table cell */
};

struct prose_chunk {
	size_t off;		/* where it starts in the segment */
	const char *src;	/* where it was in the body, or NULL */
	size_t len;		/* bytes of src copied as they are (0: decoded) */
};

/* One segment; everything is borrowed for the callback's duration. */
struct prose_seg {
	const char *text;	/* not NUL-terminated */
	size_t len;
	enum prose_kind kind;
	const struct md_src *src;
	const struct prose_chunk *chunks;
	size_t nchunks;
};

/* Is the segment one that readability measures (paragraphs, list items)? */
static inline int prose_measured(const struct prose_seg *s)
{
	return s->kind == PROSE_PARAGRAPH || s->kind == PROSE_ITEM;
}

/* Line and column in the file of the byte at off in the segment. */
struct pos prose_pos(const struct prose_seg *s, size_t off);

/* Called once per non-empty segment, in document order. */
typedef void (*prose_fn)(void *ctx, const struct prose_seg *seg);

struct prose;

/* src is borrowed and must outlive the walk. */
struct prose *prose_new(const struct md_src *src, prose_fn fn, void *ctx);
void prose_free(struct prose *p);

/*
 * The md4c callbacks of the walk, their userdata the struct prose: for
 * md_run() alone, or beside the body checks with md_run_with_check().
 */
extern const MD_PARSER prose_parser;

#endif
