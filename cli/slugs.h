/*
 * slugs.h - the slugs that name an article's page: which ones can name a
 * file in an output directory, and which ones of a language clash.  One
 * rule for `export` (which refuses such pages) and `validate` (which
 * reports them before an export fails).
 */
#ifndef FOLIO_SLUGS_H
#define FOLIO_SLUGS_H

#include "article.h"

struct buf;
struct corpus;
struct diag_list;

#define SLUG_MAX 200

/*
 * Why a slug (or a language code) cannot name a file in the output
 * directory: a message appended to why, and -1; 0 when it can.
 * index_file (borrowed, may be NULL) is the language's index, whose name
 * no slug may take, without regard to ASCII case ("index.html").
 */
int slug_check(const char *s, const char *index_file, struct buf *why);

/* Where m's slug is written (read from its file again), else 0:0. */
struct pos slug_pos(const struct article_meta *m);

/*
 * For validate: every usable article's slug (its `slug`, else its id)
 * that no export could write (slug_check() against the HTML index and
 * the e-book's table of contents), and the slugs of one language that
 * clash without regard to ASCII case (`commun` and `Commun` are one file
 * on a case-insensitive file system), each reported as `slug` errors in
 * d.  Drafts count: publishing one must not break the export.
 */
void slugs_validate(const struct corpus *c, struct diag_list *d);

#endif
