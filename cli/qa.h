/*
 * qa.h - translation QA (SPEC 13): does a translation say what its
 * original says?  Numbers by value, units, phone numbers, link targets,
 * untranslated blocks, glossary terms, digit scripts.
 *
 * The comparison works on block lists (blocks.h) and reports into a
 * diag_list at the translation's line and column, naming the original's
 * file and line.  Nothing here keeps state between calls: workers call
 * it in parallel, each with its own list.
 */
#ifndef FOLIO_QA_H
#define FOLIO_QA_H

#include "blocks.h"

#include <stddef.h>

struct block_list;
struct corpus;
struct diag_list;
struct glossary;

struct qa_cache;

/*
 * One side of a comparison: blocks, path and lang are borrowed; cache is
 * what the checks read from the blocks (numbers, link targets, the text
 * a glossary searches), made on first use and kept for every comparison
 * the side takes part in (an original with all its translations) until
 * qa_side_release().
 */
struct qa_side {
	const struct block_list *blocks;
	const char *path;	/* as reported */
	const char *lang;
	struct qa_cache *cache;	/* owned; NULL until first used */
	/* 1: the body blocks hold no Arabic-Indic digit (the caller knows
	 * it of the file they were cut from); 0: not known */
	int body_western;
	/* 1: qa-link and qa-phone are off for this comparison: links are
	 * not read */
	int no_links;
};

/* Make s's cache now (also for glossary g's searches, when non-NULL). */
void qa_side_prepare(struct qa_side *s, const struct glossary *g);
void qa_side_release(struct qa_side *s);

/* How the two sides were put side by side. */
enum qa_align {
	QA_ALIGN_BLOCKS,	/* block by block: the same structure */
	QA_ALIGN_SECTIONS,	/* the text under the n-th heading */
	QA_ALIGN_BODY,		/* the whole body at once */
};

/*
 * Compare the translation trans with the original text orig: qa-number,
 * qa-unit, qa-phone, qa-link, qa-untranslated and the glossary's terms
 * (g may be NULL).  Returns the alignment used.
 */
enum qa_align qa_compare(struct qa_side *orig, struct qa_side *trans,
			 const struct glossary *g, struct diag_list *d);

/*
 * The checks of one article alone: qa-digits, and the glossary's
 * forbidden terms of its language (originals included).
 */
void qa_article(struct qa_side *a, const struct glossary *g,
		struct diag_list *d);

/*
 * validate's pass (SPEC 13): every selected article alone, and every
 * selected translation against the original text it renders: the current
 * original when its base is the original's digest (or, without a base,
 * when it is current by date); else its base text, from the snapshot or
 * git history (named by the snapshot's path); a translation whose base
 * text is unavailable is not compared.  compared (c->n entries, or NULL)
 * gets 1 for each translation compared.  Runs on c->jobs workers;
 * findings go to d in path order.  flags: QA_* bits.
 */
enum qa_run_flags {
	QA_COMPARE_ONLY = 1,	/* no checks of an article alone (l10n) */
};

void qa_run(const struct corpus *c, const struct glossary *g, int flags,
	    unsigned char *compared, struct diag_list *d);

/*
 * The same pass inside the index, so that each body is read and parsed
 * once: qa_stream_begin() before corpus_index() (with INDEX_BODY and
 * INDEX_DIGEST) sets the corpus's index hooks; qa_stream_finish() after
 * it puts into d what qa_run() would (running qa_run() itself when an id
 * is not its directory's name), clears the hooks and frees s.
 */
struct qa_stream;

struct qa_stream *qa_stream_begin(struct corpus *c, const struct glossary *g,
				  int flags, unsigned char *compared);
void qa_stream_finish(struct qa_stream *s, struct corpus *c, struct diag_list *d);

/*
 * A translation's change class (SPEC 12.2), worked out by the pass for
 * each translation that renders a base text other than its original's
 * text now, when the pass has both texts' blocks at hand (it compares
 * the translation with that base text): from the same blocks_diff() of
 * the base text and the original now that integrity.c makes, so that
 * neither is read again.  known is 0 for every other article.
 */
struct qa_class {
	int known;
	enum change_class cls;	/* the highest of the changes */
	unsigned counts[3];	/* editorial, content, safety */
};

/* After qa_stream_begin(), before corpus_index(): fill classes[c->n]. */
void qa_stream_classes(struct qa_stream *s, struct qa_class *classes);

/*
 * After qa_stream_begin(): the caller prints errors only (export), so
 * the rules whose level is warning are off for this pass, and what only
 * they read (links, digits of two scripts) is not read.
 */
void qa_stream_errors_only(struct qa_stream *s);

/* The QA findings of one file, in a list sorted by diag_list_sort(). */
struct qa_counts {
	size_t errors, warnings;
	const struct diag *first;	/* into the list; NULL when none */
};

void qa_counts_of(const struct diag_list *l, const char *path,
		  struct qa_counts *out);

#endif
