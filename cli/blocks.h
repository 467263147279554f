/*
 * blocks.h - an article's text as a sequence of blocks (SPEC 12.3): the
 * unit that `folio diff` aligns, that translation QA (SPEC 13) compares
 * and that XLIFF (SPEC 14) sends to translators.
 *
 * A block list owns every string it holds (block texts live in the list's
 * own storage, never in the caller's file buffer), so a list outlives the
 * article it was read from.  Lists are built by one thread and then only
 * read.
 */
#ifndef FOLIO_BLOCKS_H
#define FOLIO_BLOCKS_H

#include <stddef.h>

#include "buf.h"

struct article;
struct diag_list;

enum block_kind {
	BLK_TITLE,		/* frontmatter title */
	BLK_SUMMARY,		/* frontmatter summary */
	BLK_SOURCE,		/* frontmatter sources[].title, in order */
	BLK_HEADING,
	BLK_PARAGRAPH,
	BLK_LIST_ITEM,		/* one item's own paragraph text */
	BLK_TABLE_ROW,
	BLK_CODE,		/* fenced or indented code block */
	BLK_IMAGE,		/* a paragraph that holds only an image */
	BLK_QUOTE,		/* a paragraph of a block quote */
	BLK__COUNT
};

/* "title", "summary", "source", "heading", "paragraph", "list-item",
 * "table-row", "code", "image", "quote". */
const char *block_kind_name(enum block_kind k);

struct block {
	enum block_kind kind;
	unsigned level;		/* heading level (1-6); 0 otherwise */
	unsigned line, col;	/* in the .md file, of text[0]; 1-based */
	/*
	 * The Markdown source as written, without its block marker ("## ",
	 * "- ", "> ", "1. ", a table row's outer pipes are kept), lines
	 * joined with '\n' and their container prefixes ("> ", list
	 * indentation) removed.  For the frontmatter blocks, the YAML
	 * value.  Owned by the list; NUL-terminated.
	 */
	const char *text;
	size_t len;
	/* NFC, whitespace runs as one space, trimmed: what alignment compares.
	 * Owned by the list; NUL-terminated.  NULL in a list cut with
	 * lazy_norm until block_norm() makes it. */
	const char *norm;
	size_t norm_len;
	unsigned section;	/* heading blocks seen before it (0: the intro) */
	/*
	 * Rules silenced for this block by an HTML comment block
	 * `<!-- folio: ignore RULE, RULE -->` right before it: a
	 * comma-separated list of rule ids, owned by the list; NULL when
	 * none.
	 */
	const char *ignore;
};

struct block_list {
	struct block *v;
	size_t n, alloc;
	struct buf store;	/* scratch: the block being normalized */
	char **chunks;		/* storage that never moves once handed out */
	size_t nchunks;
	char *at;		/* the free room of the last chunk, */
	size_t room;		/* that many bytes */
	struct buf tmp;		/* scratch: its whitespace collapsed */
	/*
	 * Set by a reader that compares no normalized text (export, when
	 * neither qa-untranslated nor qa-glossary is an error): each
	 * block's norm is then its text as written, not normalized.
	 */
	int raw_norm;
	/*
	 * Set by a reader that needs few blocks' normalized text (translation
	 * QA: only a block that may be left untranslated): each block's norm
	 * is NULL at the cut, and block_norm() makes it on first need.
	 */
	int lazy_norm;
};

#define BLOCK_LIST_INIT { NULL, 0, 0, BUF_INIT, NULL, 0, NULL, 0, BUF_INIT, 0, 0 }

/*
 * Block b of list l with its norm made, when the list was cut with
 * lazy_norm and it is not yet: stored in l, so the list is written to
 * and its reader must be its only one at that moment.
 */
void block_norm(struct block_list *l, struct block *b);
/* Every block of l with its norm made (block_norm()). */
void block_list_norm_all(struct block_list *l);
/*
 * Do a's and b's texts as written tell that their normalized texts do
 * not fold alike (full case folding), without normalizing them?  1: they
 * differ; 0: not known.
 */
int blocks_fold_differ(const struct block *a, const struct block *b);
/*
 * Do a's and b's normalized texts (made: block_norm()) fold alike, by
 * full case folding (what qa-untranslated compares)?
 */
int blocks_same_folded(const struct block *a, const struct block *b);

void block_list_release(struct block_list *l);

/*
 * The blocks of a loaded article (article_load() returned 0): title,
 * summary and source titles from its frontmatter, then the body's blocks.
 * Returns 0, or -1 when the frontmatter is unusable.
 */
int blocks_of_article(struct block_list *l, const struct article *a);

/*
 * The same cut in a parse that does other work too (the index's body
 * checks, md_run_with_check()): blocks_of_frontmatter() adds the
 * frontmatter's blocks (-1 when it is unusable); blocks_walk_new() gives
 * what blocks_walk_parser() wants as its data (blocks_walk_data()) to
 * add the blocks of body[0..len), which src maps to lines; after the
 * parse, blocks_walk_end() adds the last one and frees the walk.
 */
struct md_src;
struct MD_PARSER;
struct blocks_walk;

int blocks_of_frontmatter(struct block_list *l, const struct article *a);
struct blocks_walk *blocks_walk_new(struct block_list *l, const struct md_src *src,
				    const char *body, size_t len);
const struct MD_PARSER *blocks_walk_parser(void);
void *blocks_walk_data(struct blocks_walk *bw);
void blocks_walk_end(struct blocks_walk *bw);

/*
 * Where an article's frontmatter blocks are, when the index keeps enough
 * of them (the title and summary strings of struct article_meta, the
 * source titles here) to build them again without parsing the
 * frontmatter: then `simple` is 1.  Not simple when a text is not the
 * meta's.
 */
struct fm_source {
	unsigned line, col;
	char *title;		/* owned */
};

struct fm_where {
	unsigned char filled;	/* by blocks_fm_where() */
	unsigned char simple;
	unsigned char title, summary;	/* 1: the block is there */
	/* the file holds an Arabic-Indic digit (U+0660-U+0669, U+06F0-U+06F9) */
	unsigned char arabic_digit;
	unsigned title_line, title_col, summary_line, summary_col;
	struct fm_source *sources;	/* the titled ones, in order; owned */
	size_t nsources;
};

/* Fill w from article a's frontmatter (parsed) and its meta strings. */
void blocks_fm_where(struct fm_where *w, const struct article *a,
		     const char *title, const char *summary);
void blocks_fm_where_release(struct fm_where *w);

/*
 * What blocks_of_article() gives, from a simple fm_where with the meta's
 * title and summary, and an article read without its frontmatter parsed
 * (article_read()).
 */
void blocks_of_body(struct block_list *l, const struct fm_where *w,
		    const char *title, const char *summary,
		    const struct article *a);

/*
 * The same from a whole .md file held in memory (a snapshot, a version
 * from git history); path is as reported in diagnostics.  Problems go to
 * diags (may be NULL); returns -1 when the text cannot be read as an
 * article.
 */
int blocks_of_file(struct block_list *l, const char *text, size_t len,
		   const char *path, struct diag_list *diags);

/* True when the rule id is silenced for block b by a folio: ignore. */
int block_ignores(const struct block *b, const char *rule);

/* Do a and b have the same sequence of block kinds (and heading levels)? */
int blocks_same_shape(const struct block_list *a, const struct block_list *b);

/*
 * The digest of an article's text (SPEC 12.1): 16 lowercase hex digits
 * and a NUL into out.  From a loaded article, or from a whole file.
 */
void blocks_digest_article(const struct article *a, char out[17]);
int blocks_digest_file(const char *text, size_t len, char out[17]);

/*
 * The same in two steps, for a digest that may not be wanted: what it
 * reads of loaded article a appended to in (a copy: in outlives a), then
 * the digest of in[0..len) into out, from any thread.
 */
void blocks_digest_input(struct buf *in, const struct article *a);
void blocks_digest_of_input(const char *in, size_t len, char out[17]);

/* The alignment of an old and a new version of one original (12.3). */
enum change_kind { CH_CHANGED, CH_ADDED, CH_REMOVED, CH_MOVED };
enum change_class {
	CLASS_EDITORIAL, CLASS_CONTENT, CLASS_SAFETY,
	CLASS_UNKNOWN		/* no base text: counts as safety */
};

const char *change_kind_name(enum change_kind k);
const char *change_class_name(enum change_class c);

struct block_change {
	enum change_kind kind;
	enum change_class cls;
	long old_i, new_i;	/* index in old / new, -1 when that side is absent */
	long trans_i;		/* the translation's counterpart, or -1 */
};

/*
 * Align old and new (LCS on norm), classify each change for the language
 * lang (negation words, numbers, units, phones, URLs, link targets).  When
 * trans is non-NULL, trans_i names the translation's block at each
 * change's place: title, summary and sources by kind and rank, the body's
 * blocks when its body has old's shape.  *out is malloc'ed (free it);
 * returns the number of changes.
 */
size_t blocks_diff(const struct block_list *old, const struct block_list *new,
		   const struct block_list *trans, const char *lang,
		   struct block_change **out);

#endif
