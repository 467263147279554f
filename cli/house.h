/*
 * house.h - what validate checks of the language of each article (SPEC
 * 15): the readability gates of folio.yaml (max_sentence_words,
 * min_band) and the house style rules of _style/<lang>.yaml, over the
 * body (in the same md4c parse as the body checks), the title and the
 * summary.
 */
#ifndef FOLIO_HOUSE_H
#define FOLIO_HOUSE_H

#include <stddef.h>

#include "corpus.h"
#include "style.h"

struct house {
	const struct corpus *c;
	struct style_book *books;	/* one per configured language */
	size_t nfiles;			/* style files read */
};

/*
 * Load the style files of c's languages (their errors go to diags) and,
 * when there is anything to check, set c->body_walk so that
 * corpus_index() runs it.  h must outlive the index.
 */
void house_setup(struct house *h, struct corpus *c, struct diag_list *diags);
void house_release(struct house *h);

#endif
