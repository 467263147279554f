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

/*
 * The link-target rule for one article: link l of article m (its body's
 * `article:` links, known once the body is read: export checks them in
 * the parse that renders the page).  1 when some article has its id;
 * else 0, and the rule's diagnostic goes to d at the link.
 */
struct article_meta;
struct idref;
int checks_link_target(const struct corpus *c, const struct article_meta *m,
		       const struct idref *l, struct diag_list *d);

/*
 * The link-scheme rule for the urls of frontmatter fm's sources (a page
 * links none whose scheme a body link may not have), reported to d at
 * each url of file path.  checks_cross() runs it for an export's index,
 * which keeps no frontmatter; validate runs it as each file is indexed.
 */
struct ynode;
void checks_source_urls(const struct ynode *fm, const char *path,
			struct diag_list *d);

/*
 * The section rule: each article whose `section` (its value at where[i],
 * 0:0 when not known) the source language's catalog does not name under
 * `sections`, when that catalog exists and can be read.
 */
struct pos;
void checks_sections(struct corpus *c, const struct pos *where,
		     struct diag_list *d);

/*
 * Files below the root that their author may take for articles but
 * folio does not read ("en.MD", "fr.markdown"): a path-mismatch warning
 * for each, when no PATH leaves an article out.
 */
void checks_names(struct corpus *c, struct diag_list *d);

/* Check every string catalog against the strings schema; a language with
 * articles and no catalog is a warning (strings-missing). */
void checks_catalogs(struct corpus *c, struct diag_list *d, size_t *nfiles);

#endif
