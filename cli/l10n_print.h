/*
 * l10n_print.h - the reports of `folio l10n` (SPEC 7.2).  l10n_print.c
 * owns the text, JSON and GitHub formats and the helpers below;
 * l10n_html.c owns the HTML dashboard.  Both only read a report that
 * l10n_build() and l10n_classify() computed; cmd_l10n.c owns the
 * options, the run and the exit status.
 */
#ifndef FOLIO_L10N_PRINT_H
#define FOLIO_L10N_PRINT_H

#include <stddef.h>

#include "date.h"
#include "main.h"

struct buf;
struct diag_list;
struct l10n_report;
struct l10n_cell;
struct qa_counts;

/* The states --check can fail on, as bits. */
enum l10n_check {
	CHK_STALE = 1 << 0,
	CHK_MISSING = 1 << 1,
	CHK_ORPHAN = 1 << 2,
	CHK_INVALID = 1 << 3,
	CHK_INCOMPLETE = 1 << 4,
	CHK_STRINGS = 1 << 5,
	CHK_ALL = (1 << 6) - 1,
	/* stale by class (SPEC 12.2): content or safety; safety (unknown
	 * counts as safety) */
	CHK_STALE_CONTENT = 1 << 6,
	CHK_STALE_SAFETY = 1 << 7,
};

/* What every format needs to know besides the report. */
struct l10n_view {
	const struct l10n_report *r;
	const unsigned char *on;	/* per language: reported */
	int check;			/* CHK_* bits, 0 without --check */
	int color;
	int quiet;
	size_t nfiles;			/* articles and catalogs read */
	const struct diag_list *qa;	/* translation QA (SPEC 13), sorted */
	const unsigned char *qa_compared;	/* per corpus article */
	/* html: the diff page beside the dashboard (a relative link), or
	 * NULL when none is written */
	const char *diff_href;
};

/* Append the report in the given format to out. */
void l10n_print(const struct l10n_view *v, enum report_format format,
		struct buf *out);

/* The HTML dashboard (l10n_html.c); l10n_print() calls it for html. */
void l10n_html_dashboard(const struct l10n_view *v, struct buf *out);

/* ---- helpers the two files share (l10n_print.c) ---- */

/* 4312 -> "4,312" */
void l10n_print_num(struct buf *b, size_t n);
/* An estimate, rounded: 4,187 -> "4,200". */
void l10n_print_about(struct buf *b, size_t n);
/* "1 word", "3 words" */
void l10n_print_plural(struct buf *b, size_t n, const char *one, const char *many);
/* "2024-03", or "?" for no date */
void l10n_print_date(struct buf *b, struct date d);
/* Whole percent, rounded down; 100 when den is 0. */
size_t l10n_print_percent(size_t num, size_t den);
/* The code of configured language k. */
const char *l10n_print_lang(const struct l10n_view *v, size_t k);
/* The QA of a cell: 1 compared (counts in *q), 0 not checked, -1 n/a. */
int l10n_print_cell_qa(const struct l10n_view *v, const struct l10n_cell *cell,
		       struct qa_counts *q);
/* "1 error, 2 warnings" */
void l10n_print_qa_counts(struct buf *b, const struct qa_counts *q);

#endif
