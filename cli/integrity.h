/*
 * integrity.h - what changed in an original since the base a translation
 * renders (SPEC 12.2, 12.3): the base text, the original now and the
 * translation as blocks, their alignment, and the change class that
 * l10n, diff and export show.
 */
#ifndef FOLIO_INTEGRITY_H
#define FOLIO_INTEGRITY_H

#include "article.h"
#include "blocks.h"
#include "date.h"

struct corpus;
struct diag_list;

/*
 * One original's texts, read once for all its translations: the text now
 * and each base text asked for.  Owns its lists; outlives every base_diff
 * built from it.
 */
struct base_text {
	char digest[17];
	int ok;				/* found and read */
	struct block_list l;
	struct date updated;		/* the original's 'updated' then */
	/* its changes to the text now, without a translation's
	 * counterparts: worked out once for all translations on that base */
	int diffed;
	struct block_change *changes;	/* owned; nchanges of them */
	size_t nchanges;
};

struct base_cache {
	const struct article_meta *orig;	/* borrowed */
	int now_state;			/* 0 not read yet, 1 read, -1 unreadable */
	struct block_list now;
	struct base_text *v;
	size_t n, alloc;
};

void base_cache_init(struct base_cache *bc, const struct article_meta *orig);
void base_cache_release(struct base_cache *bc);

struct base_diff {
	const struct block_list *old, *now;	/* the cache's; old NULL when
						 * the base text is unavailable */
	struct block_list trans;		/* owned; empty unless asked for */
	struct block_change *v;			/* owned; n changes */
	size_t n;
	int available;		/* the base text was found */
	/* the highest class of the changes; CLASS_UNKNOWN when the base
	 * text is not available (or the translation has no base) */
	enum change_class cls;
	unsigned counts[3];	/* editorial, content, safety */
	struct date base_updated;	/* the original's 'updated' then */
};

/*
 * Compare the original of bc now with the base text of translation trans
 * (trans->tf_base; no base gives CLASS_UNKNOWN).  with_trans: read the
 * translation too, to name each change's counterpart.  Problems finding
 * the base go to diags.  Returns 0, or -1 when the original or the
 * translation cannot be read (reported too).
 */
int base_diff_build(struct base_diff *d, const struct corpus *c,
		    struct base_cache *bc, const struct article_meta *trans,
		    int with_trans, struct diag_list *diags);
void base_diff_release(struct base_diff *d);

/*
 * Does the page of translation trans carry the stale notice (SPEC 8.1,
 * 12.2)?  With a base: when its original's text changed since, by a
 * content, safety or unknown change (not an editorial one alone);
 * without: when the original's date is later.  Needs orig->digest
 * (INDEX_DIGEST or INDEX_DIGEST_BASED).
 */
int integrity_stale_notice(const struct corpus *c, const struct article_meta *orig,
			   const struct article_meta *trans);

/* Does a change of class cls reach the threshold min (unknown = safety)? */
int change_class_at_least(enum change_class cls, enum change_class min);

#endif
