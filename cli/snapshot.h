/*
 * snapshot.h - a translation's base text (SPEC 12.1): the original as it
 * was when the translation was stamped, kept under
 * `_base/<id>/<lang>.<digest>.md`, or found again in git history.
 *
 * Nothing here keeps state between calls; every buffer is the caller's.
 */
#ifndef FOLIO_SNAPSHOT_H
#define FOLIO_SNAPSHOT_H

#include "buf.h"

struct corpus;
struct article_meta;
struct diag_list;

/* How many commits of the original's history are searched, newest first. */
#define SNAPSHOT_GIT_COMMITS 500

/*
 * The relative path of a snapshot under the corpus root into out
 * (appending): "_base/<id>/<lang>.<digest>.md".
 */
void snapshot_relpath(struct buf *out, const char *id, const char *lang,
		      const char *digest);

/*
 * The original's whole file as it was when its text had that digest, into
 * out (replaced).  Looks in the snapshot first (its digest and its id
 * checked), then in git history when the corpus lies in a work tree.
 * Returns 0 when found; 1 when unavailable (a base-text diagnostic says
 * why: no snapshot and no history, a snapshot that cannot be read or is
 * not the original's, a shallow or broken repository).  diags may be NULL
 * (then nothing is said).
 */
int snapshot_find(const struct corpus *c, const struct article_meta *original,
		  const char *digest, struct buf *out, struct diag_list *diags);

/*
 * Save text (the original's whole file) as the snapshot of digest, unless
 * one exists already and is a text of that digest (kept as it is).  One
 * that is not (edited by hand, a bad merge, not a file) is replaced, so
 * that the base text a stamp records can be found.  Returns 0 when
 * saved, 1 when kept, 2 when replaced, -1 with errno set.
 */
int snapshot_save(const struct corpus *c, const char *id, const char *lang,
		  const char *digest, const char *text, size_t len);

/*
 * Remove the snapshots of id that no translation names any more: keep
 * holds the digests still named (n of them).  Each removed file's path as
 * reported is appended to removed (one per line) when removed is not
 * NULL.  Returns how many were removed, or -1 when the directory cannot
 * be read (errno set; an absent one is 0).
 */
int snapshot_prune(const struct corpus *c, const char *id,
		   const char *const *keep, size_t n, struct buf *removed);

#endif
