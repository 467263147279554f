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

#include <stddef.h>

struct block_list;
struct corpus;
struct diag_list;
struct glossary;

/* One side of a comparison; everything borrowed. */
struct qa_side {
	const struct block_list *blocks;
	const char *path;	/* as reported */
	const char *lang;
};

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
enum qa_align qa_compare(const struct qa_side *orig, const struct qa_side *trans,
			 const struct glossary *g, struct diag_list *d);

/*
 * The checks of one article alone: qa-digits, and the glossary's
 * forbidden terms of its language (originals included).
 */
void qa_article(const struct qa_side *a, const struct glossary *g,
		struct diag_list *d);

/*
 * validate's pass (SPEC 13): every selected article alone, and every
 * selected translation against the original text it renders (the current
 * original when the translation is current by date).  Runs on c->jobs
 * workers; findings go to d in path order.
 */
void qa_run(const struct corpus *c, const struct glossary *g,
	    struct diag_list *d);

#endif
