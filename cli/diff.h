/*
 * diff.h - what changed in the originals of stale translations (SPEC
 * 12.3), gathered once and printed as text (a word diff), JSON or one
 * self-contained HTML page.  `folio diff` prints it; `folio l10n --format
 * html -o FILE` writes the HTML page beside its dashboard.
 */
#ifndef FOLIO_DIFF_H
#define FOLIO_DIFF_H

#include <stddef.h>

#include "blocks.h"
#include "buf.h"
#include "diag.h"
#include "integrity.h"

struct corpus;
struct l10n_report;

struct diff_entry {
	const struct article_meta *orig, *trans;	/* borrowed */
	int lang;		/* the translation's index in cfg.languages */
	int ok;			/* both files could be read */
	struct base_cache bc;	/* owned: the original's texts */
	struct base_diff d;	/* owned */
};

struct diff_set {
	const struct corpus *c;		/* borrowed */
	struct diff_entry *v;		/* owned, by id then language */
	size_t n;
	struct diag_list diags;		/* base texts not found */
};

/*
 * Every stale translation of the report whose file is selected and whose
 * language is on (on[k] for cfg.languages[k]; NULL: all), compared with
 * its base (jobs workers).
 */
void diff_collect(struct diff_set *s, const struct l10n_report *r,
		  const unsigned char *on, int jobs);
void diff_set_release(struct diff_set *s);

/* The anchor of a translation in the HTML page: "<id>-<lang>". */
void diff_anchor(struct buf *b, const struct article_meta *trans);

/* Print the changes of class min or higher (CLASS_EDITORIAL: all). */
void diff_render_text(const struct diff_set *s, enum change_class min,
		      struct buf *out);
void diff_render_json(const struct diff_set *s, enum change_class min,
		      struct buf *out);
void diff_render_html(const struct diff_set *s, enum change_class min,
		      struct buf *out);

/* Does some translation have a change of class min or higher (unknown
 * counting as safety)? */
int diff_reaches(const struct diff_set *s, enum change_class min);

#endif
