/*
 * l10n.h - what each language has to do (SPEC 7): the state of every
 * article id in every configured language, the structure comparison of a
 * translation with its original, the workload in words, and the
 * comparison of each string catalog with the reference catalog.
 *
 * l10n_build() computes everything once from an indexed corpus; the
 * report formats (text, json, github in l10n_print.c, html in l10n_html.c)
 * only read it.
 */
#ifndef FOLIO_L10N_H
#define FOLIO_L10N_H

#include <stddef.h>

#include "article.h"
#include "blocks.h"
#include "diag.h"

struct qa_class;

struct corpus;

enum l10n_state {
	L10N_NONE,		/* the original's own language; or no file and
				 * no original, so nothing to translate */
	L10N_CURRENT,
	L10N_STALE,
	L10N_MISSING,
	L10N_ORPHAN,
	L10N_INVALID,
};

/* "current", "stale"...; "original" for L10N_NONE. */
const char *l10n_state_name(enum l10n_state s);

/* Where a translation has fewer blocks than its original. */
struct l10n_structure {
	struct block_counts orig, trans;
	/*
	 * lost: heading is the first heading of the original without a
	 * counterpart in the translation.  Otherwise every heading has one,
	 * and heading names the first section whose translation has fewer
	 * blocks, or intro says it is the text before the first heading.
	 * heading is owned, NULL when not known; heading_line is its line in
	 * the original.
	 */
	int lost, intro;
	char *heading;
	unsigned heading_line;
};

/* One article id in one language. */
struct l10n_cell {
	enum l10n_state state;
	/* The file in this language, borrowed from the corpus; NULL when
	 * missing. */
	const struct article_meta *m;
	int months_behind;	/* stale: whole months, at least 0 */
	int days_behind;	/* stale and 0 months behind: days, else 0 */
	int incomplete;		/* current or stale, with fewer blocks */
	struct l10n_structure st;
	char *reason;		/* invalid: why, owned */
	unsigned line, col;	/* where the reason (or the stale date) is */
	/* translation integrity (SPEC 12.2) */
	int based;		/* has a base, compared with the original's digest */
	int redated;		/* current by its base, though the dates differ */
	enum change_class cls;	/* stale: the highest class of its changes */
	unsigned changes[3];	/* stale: editorial, content, safety */
};

/* Is cell a translation whose status is draft (l10n marks it so)? */
int l10n_cell_draft(const struct l10n_cell *cell);

struct l10n_article {
	char *id;		/* owned */
	/* The original, borrowed from the corpus; NULL for orphans. */
	const struct article_meta *original;
	int orig_lang;		/* index in cfg.languages, or -1 */
	struct l10n_cell *cells;	/* one per configured language; owned */
	int selected;		/* one of its files is among the PATHs */
};

/* One problem of a string catalog. */
struct l10n_issue {
	enum rule rule;		/* R_STRINGS_* */
	char *key;		/* dotted key, owned */
	unsigned line, col;	/* in the catalog; 0 for the whole file */
	char *message;		/* owned */
};

struct l10n_strings {
	char *path;		/* the catalog as reported, owned */
	int exists;
	int usable;		/* parsed into a mapping */
	int empty;		/* exists, but holds no YAML document */
	/* The language's own name for itself, from language_names in its
	 * catalog ("Deutsch"), owned; NULL when the catalog has none. */
	char *autonym;
	struct l10n_issue *v;	/* in catalog order; owned */
	size_t n, alloc;
	/* Why the catalog could not be read (yaml-syntax...), owned. */
	struct diag_list load;
};

/* Counts over the selected articles, per language. */
struct l10n_summary {
	size_t current, stale, missing, orphan, invalid, incomplete;
	size_t wanted;		/* ids with an original in another language */
	size_t words;		/* words of the originals missing or stale */
	size_t strings_missing;	/* missing and empty strings */
	size_t strings_problems;	/* every string error (not warnings) */
	size_t strings_warnings;	/* untranslated */
	size_t dated_only;	/* current or stale without a base */
	size_t stale_content, stale_safety;	/* stale of class content or
						 * safety (unknown counts as safety) */
};

struct l10n_report {
	const struct corpus *c;		/* borrowed */
	struct l10n_article *articles;	/* sorted by id; owned */
	size_t n;
	size_t nlang;			/* c->cfg.nlang */
	struct l10n_summary *sum;	/* per language; owned */
	struct l10n_strings *strings;	/* per language; owned */
	int ref;			/* index of the source language */
	struct diag_list diags;		/* the reference catalog's problems */
	struct diag_list base_diags;	/* base texts not found, in id order */
};

/*
 * Build the report from a corpus indexed with INDEX_BODY.  index_diags
 * are corpus_index()'s diagnostics: a file whose frontmatter cannot be
 * used is reported `invalid` with the first error found in it.  Files
 * are read again only to locate what an incomplete translation lacks.
 */
void l10n_build(struct l10n_report *r, const struct corpus *c,
		const struct diag_list *index_diags);
/*
 * The change class of every stale translation (SPEC 12.2): needs an index
 * with INDEX_DIGEST or INDEX_DIGEST_BASED.  known: [c->n], the classes
 * translation QA's pass worked out already (qa_stream_classes()), or
 * NULL.  The other base texts are read from snapshots or git history
 * (jobs workers); what cannot be found is said in r->base_diags.
 */
void l10n_classify(struct l10n_report *r, const struct qa_class *known,
		   int jobs);
void l10n_release(struct l10n_report *r);

/* The file path a missing translation should have: beside the original. */
char *l10n_expected_path(const struct l10n_report *r,
			 const struct l10n_article *a, size_t lang);

/*
 * When the path l10n_expected_path() names is already taken by another
 * file (an original saved under the wrong language, another id), append
 * to b what is wrong with that file ("a/en.md already holds 'b' in en,
 * which belongs at b/en.md") and return 1; else return 0.  The reports
 * never suggest creating a file that exists.
 */
struct buf;
int l10n_taken_phrase(struct buf *b, const struct l10n_report *r,
		      const struct l10n_article *a, size_t lang);

/* " (3 months behind" or " (5 days behind" of a stale cell, appended to b. */
void l10n_behind_phrase(struct buf *b, const struct l10n_cell *cell);

/* Does the translation t have fewer of any block than the original o? */
int l10n_fewer_blocks(const struct block_counts *t, const struct block_counts *o);
/* "3 of 5 headings, 10 of 12 paragraphs": what t lacks, appended to b. */
struct buf;
void l10n_counts_phrase(struct buf *b, const struct block_counts *o,
			const struct block_counts *t);

#endif
