/*
 * checks.h - validate's rules that need the whole corpus: duplicate ids,
 * unknown languages, paths, translation sources, related ids, article
 * links, dates.  The per-file rules run while the corpus is indexed
 * (article.c, markdown.c, the schema).
 */
#ifndef FOLIO_CHECKS_H
#define FOLIO_CHECKS_H

#include <stddef.h>

struct corpus;
struct diag_list;

/*
 * Run the cross-file rules over the index; diagnostics go to d, and each
 * article's `errors` count is raised by the errors found in it.
 */
void checks_cross(struct corpus *c, struct diag_list *d);

/* Check every string catalog against the strings schema. */
void checks_catalogs(struct corpus *c, struct diag_list *d, size_t *nfiles);

#endif
