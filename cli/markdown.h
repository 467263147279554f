/*
 * markdown.h - md4c set up once for folio, and the one walk that the
 * renderers and the checks share.
 *
 * md4c gives no line numbers; struct md_src maps a pointer into the body
 * back to its line and column in the .md file.  Text given to callbacks
 * is never NUL-terminated.
 */
#ifndef FOLIO_MARKDOWN_H
#define FOLIO_MARKDOWN_H

#include <md4c.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h"

struct diag_list;

/* CommonMark with GFM tables, strikethrough and autolinks. */
#define FOLIO_MD_FLAGS (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | \
	MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS | \
	MD_FLAG_PERMISSIVEEMAILAUTOLINKS)

struct md_src {
	const char *text;	/* the body; borrowed */
	size_t len;
	unsigned first_line;	/* file line of text[0] */
	size_t *line_starts;	/* owned: offset of each line's start */
	size_t nlines;
	/*
	 * Owned, NULL unless a line is longer than MD_COL_STEP bytes: the
	 * column of every offset that is a multiple of MD_COL_STEP, so that
	 * md_src_pos() never counts more than that many bytes (a 3 MB line
	 * of links would otherwise make positions quadratic).
	 */
	unsigned *cols;
	int long_lines;		/* some line is longer than MD_COL_STEP */
	/*
	 * The last position md_src_pos() gave: its line's index, its offset
	 * and column.  The walk asks in reading order, mostly forward and in
	 * the same or a nearby line, so the next answer starts from there
	 * instead of a binary search and a count from the line's start.  An
	 * md_src belongs to one thread: this is filled through a const
	 * pointer, as cols is.
	 */
	size_t mark_line, mark_off;
	unsigned mark_col;
};

#define MD_COL_STEP 256

/*
 * text[len] must be readable and '\0' (a struct buf's contents are):
 * md4c 0.4.8 reads the byte after the end in some unclosed constructs,
 * and misparses when it is not a NUL.
 */
void md_src_init(struct md_src *s, const char *text, size_t len,
		 unsigned first_line);
void md_src_release(struct md_src *s);
/* Line and column (1-based, in bytes) of p; {0,0} when p is not in text. */
struct pos md_src_pos(const struct md_src *s, const char *p);
/* The index (0-based) of the line of s holding byte off. */
size_t md_src_line(const struct md_src *s, size_t off);

/* Run md4c over the body with FOLIO_MD_FLAGS; returns md_parse's result. */
int md_run(const struct md_src *s, const MD_PARSER *parser, void *userdata);

/*
 * The body checks (validate's heading-level, image-alt, empty-link,
 * raw-html; the article: links kept for link-target) and the facts that
 * l10n needs (block counts, heading texts, word count).  Facts go into
 * meta; diagnostics into diags with positions.
 */
struct md_check;

struct md_check *md_check_new(const struct md_src *src, const char *file,
			      struct article_meta *meta, struct diag_list *diags);
void md_check_free(struct md_check *c);
/*
 * Where the link or image being rendered begins (its destination), for a
 * report its renderer makes while the span is open (md_run_with_check()
 * calls the checks before the renderer); {0, 0} outside a span.
 */
struct pos md_check_span_pos(const struct md_check *c);
/*
 * Append the file path a relative link's destination s[0..n) names
 * (before its ?query or #fragment) to out, %XX escapes decoded.
 */
void md_path_decode(struct buf *out, const char *s, size_t n);

/*
 * The key a heading id s[0..n) is kept by in meta->ids (64-bit FNV-1a):
 * two ids of one page that differ have different keys but for odds of
 * one in 2^64, which a missed warning can afford.
 */
static inline uint64_t md_id_key(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}
/*
 * One more reader of the same parse, called after the checks and before
 * the renderer of md_run_with_check() (or alone with md_check_run()):
 * so that whoever runs the checks also feeds it, and a body is parsed
 * once.  What it returns is ignored.  NULL: none.
 */
void md_check_also(struct md_check *c, const MD_PARSER *reader, void *data);
/*
 * Count the body's words into meta->words and keep the heading texts in
 * meta->headings: what l10n needs, off by default.
 */
void md_check_words(struct md_check *c, int on);
/*
 * Keep the body's article: links in meta->links, for the cross-file
 * check that their targets exist: on by default.
 */
void md_check_links(struct md_check *c, int on);

/*
 * Keep the ids of the body's headings in meta->ids, for the cross-file
 * check of article:ID#FRAGMENT links: off by default.
 */
void md_check_ids(struct md_check *c, int on);

/*
 * Check the body's links to a #fragment of its own page against its
 * headings' ids (rule fragment), and keep those links for
 * md_check_fragment(): on by default.  Off, and with md_check_ids() off,
 * the headings' ids are not made at all (l10n, which prints no finding
 * of a body).
 */
void md_check_fragments(struct md_check *c, int on);

/*
 * After a run: the i-th link of the body to a #fragment of its own page,
 * its name (decoded, borrowed until md_check_free()) and position.
 * Returns -1 past the last, 1 when no heading of the page has that id,
 * else 0.
 */
int md_check_dangling(const struct md_check *c, size_t i, const char **name,
		      struct pos *pos);

/* Run the checks alone. */
int md_check_run(struct md_check *c);

/*
 * Run a renderer and the checks in one parse: each md4c callback goes
 * first to the checks, then to the renderer.
 */
int md_run_with_check(struct md_check *c, const MD_PARSER *renderer,
		      void *renderer_data);

/*
 * True when an href is an `article:` link (the scheme in any case);
 * *id and *n get the id, unless NULL.
 */
int md_article_link(const char *href, size_t len, const char **id, size_t *n);

/*
 * Decode an entity such as &eacute; or &#233; (s[0..n) with & and ;):
 * any of the HTML5 names (entities.h).  *cp gets the first code point
 * (two names stand for two: &NotEqualTilde;); -1 when it is no entity.
 */
int md_entity(const char *s, size_t n, unsigned *cp);

/* The same, appending the entity's whole text, UTF-8, to b. */
struct buf;
int md_entity_add(struct buf *b, const char *s, size_t n);

/* Concatenated text of an MD_ATTRIBUTE (entities resolved) into a buf. */
void md_attr_text(struct buf *b, const MD_ATTRIBUTE *attr);

#endif
