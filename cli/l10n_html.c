/*
 * l10n_html.c - the HTML dashboard of `folio l10n --format html`: one
 * self-contained page for translators (coverage bars, the matrix of
 * articles and languages, the catalogs' problems), with each stale cell
 * linked to the diff page when one is written beside it.
 */
#include "buf.h"
#include "corpus.h"
#include "diff.h"
#include "escape.h"
#include "l10n.h"
#include "l10n_print.h"
#include "qa.h"

#include <stdlib.h>
#include <string.h>

static void h(struct buf *b, const char *s)
{
	escape_html(b, s, strlen(s));
}

static const char html_style[] =
	"body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',"
	"sans-serif;color:#1f2328;background:#fff;margin:0 auto;max-width:75rem;"
	"padding:1.5rem}\n"
	"h1{font-size:1.7rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;"
	"border-bottom:1px solid #d0d7de;padding-bottom:.2rem}\n"
	"p.lead{color:#57606a;margin:.2rem 0 1rem;max-width:52rem}\n"
	"table{border-collapse:collapse}\n"
	"table.cov td,table.cov th{padding:.35rem .8rem .35rem 0;text-align:left;"
	"vertical-align:middle}\n"
	"table.cov th{font-weight:600;white-space:nowrap}\n"
	"table.cov .todo{color:#57606a;font-size:.92rem}\n"
	".code{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;"
	"font-size:.85em;color:#57606a}\n"
	"ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;"
	"margin:.4rem 0 1rem}\n"
	"ul.legend li{display:flex;align-items:center;gap:.4rem;font-size:.92rem}\n"
	".sw{display:inline-block;width:1.1rem;height:1.1rem;border-radius:3px;"
	"border:1px solid rgba(0,0,0,.2)}\n"
	"table.matrix{width:100%;table-layout:fixed;font-size:.85rem}\n"
	"table.matrix th,table.matrix td{border:1px solid #d0d7de;padding:.4rem .45rem;"
	"vertical-align:top;text-align:left;overflow-wrap:anywhere}\n"
	"table.matrix thead th{background:#f6f8fa;font-size:.95rem}\n"
	"table.matrix tbody th{font-weight:600;background:#fff;width:16rem}\n"
	"table.matrix td b{display:block;font-size:.9rem}\n"
	"table.matrix td .file{display:block}\n"
	".s-current{background:#dafbe1}.s-stale{background:#fff1c2}"
	".s-missing{background:#ffe0e0}.s-orphan{background:#eee3fb}"
	".s-invalid{background:#ffc9c9}.s-original{background:#e7eef8}"
	".s-none{background:#f6f8fa;color:#8c959f}\n"
	".d{white-space:nowrap}\n"
	".k{font-weight:600}.k-safety,.k-unknown{color:#82071e}.k-content{color:#7d4e00}"
	".k-editorial{color:#116329}\n"
	"td.incomplete{box-shadow:inset 5px 0 0 #bf8700}\n"
	".warn{display:block;margin-top:.25rem;color:#7d4e00}\n"
	"ul.strings{margin:.2rem 0 1rem;padding-left:1.2rem}\n"
	"ul.strings li{margin:.15rem 0}\n"
	"footer{margin-top:2rem;color:#57606a;font-size:.85rem}\n";

struct hstate {
	const char *cls, *label, *help;
	const char *fill;	/* for the bar and the legend */
};

static const struct hstate html_states[] = {
	[L10N_NONE] = { "s-original", "Original", "the language the article was "
			"written in", "#e7eef8" },
	[L10N_CURRENT] = { "s-current", "\xE2\x9C\x93 Up to date", "the translation "
			   "follows the latest version of the original", "#2da44e" },
	[L10N_STALE] = { "s-stale", "! Out of date", "the original was changed "
			 "after this translation was made: compare and update it",
			 "#d4a72c" },
	[L10N_MISSING] = { "s-missing", "\xE2\x9C\x97 Not translated", "no "
			   "translation exists yet", "#cf222e" },
	[L10N_ORPHAN] = { "s-orphan", "? Orphan", "a translation whose original "
			  "no longer exists", "#8250df" },
	[L10N_INVALID] = { "s-invalid", "\xE2\x9A\xA0 Cannot be checked", "the "
			   "file has a problem that must be fixed first", "#a40e26" },
};

static void html_lang_name(const struct l10n_view *v, size_t k, struct buf *b)
{
	const char *name = v->r->strings[k].autonym;

	buf_adds(b, "<span class=\"code\">");
	h(b, l10n_print_lang(v, k));
	buf_adds(b, "</span>");
	if (name) {
		buf_adds(b, " <span lang=\"");
		h(b, l10n_print_lang(v, k));
		buf_addf(b, "\"%s>", v->r->c->cfg.rtl[k] ? " dir=\"rtl\"" : "");
		h(b, name);
		buf_adds(b, "</span>");
	}
}

/* A stacked bar: current, stale, missing, orphan+invalid, in 300 px. */
static void html_bar(const struct l10n_view *v, size_t k, struct buf *b)
{
	static const char *const fills[4] = { "#2da44e", "#d4a72c", "#cf222e",
					      "#8250df" };
	static const char *const names[4] = { "up to date", "out of date",
					      "not translated", "orphan or invalid" };
	const struct l10n_summary *s = &v->r->sum[k];
	size_t parts[4], total, i, cum = 0;

	parts[0] = s->current;
	parts[1] = s->stale;
	parts[2] = s->missing;
	parts[3] = s->orphan + s->invalid;
	total = parts[0] + parts[1] + parts[2] + parts[3];
	buf_adds(b, "<svg width=\"300\" height=\"18\" viewBox=\"0 0 300 18\" "
		 "role=\"img\" aria-label=\"");
	h(b, l10n_print_lang(v, k));
	buf_addf(b, ": %zu%% up to date\">", l10n_print_percent(s->current, s->wanted));
	buf_adds(b, "<rect width=\"300\" height=\"18\" rx=\"3\" fill=\"#eaeef2\"/>");
	for (i = 0; i < 4 && total; i++) {
		/* from cumulative sums, so the parts always add up to 300 */
		size_t x = cum * 300 / total, w;

		cum += parts[i];
		w = cum * 300 / total - x;
		if (!parts[i])
			continue;
		buf_addf(b, "<rect x=\"%zu\" width=\"%zu\" height=\"18\" fill=\"%s\">"
			 "<title>%zu %s</title></rect>", x, w, fills[i], parts[i],
			 names[i]);
	}
	buf_adds(b, "</svg>");
}

/* How many translations no base tracks: judged by their dates alone. */
static void html_dated_only(const struct l10n_summary *s, struct buf *b)
{
	if (!s->dated_only)
		return;
	buf_adds(b, " ");
	l10n_print_plural(b, s->dated_only, "translation is", "translations are");
	buf_adds(b, " dated only: without a base, judged by their dates alone.");
}

static void html_todo(const struct l10n_view *v, size_t k, struct buf *b)
{
	const struct l10n_summary *s = &v->r->sum[k];
	size_t before;

	if (!s->wanted && !s->orphan && !s->invalid) {
		buf_adds(b, "Nothing to translate: every article was written in "
			 "this language.");
		return;
	}
	buf_addf(b, "%zu of %zu up to date (%zu%%).", s->current, s->wanted,
		 l10n_print_percent(s->current, s->wanted));
	before = b->len;
	buf_adds(b, " To do:");
	if (s->missing) {
		buf_adds(b, " translate ");
		l10n_print_plural(b, s->missing, "article,", "articles,");
	}
	if (s->stale) {
		buf_adds(b, " update ");
		l10n_print_plural(b, s->stale, "article,", "articles,");
	}
	if (s->incomplete) {
		buf_adds(b, " complete ");
		l10n_print_plural(b, s->incomplete, "article,", "articles,");
	}
	if (s->orphan + s->invalid) {
		buf_adds(b, " fix ");
		l10n_print_plural(b, s->orphan + s->invalid, "file,", "files,");
	}
	if (s->strings_problems) {
		buf_adds(b, " fix ");
		l10n_print_plural(b, s->strings_problems, "interface string,",
			   "interface strings,");
	}
	if (b->len - before == strlen(" To do:")) {
		buf_setlen(b, before);
		buf_adds(b, " Nothing to do.");
		html_dated_only(s, b);
		return;
	}
	buf_setlen(b, b->len - 1);
	buf_addc(b, '.');
	if (s->words) {
		buf_adds(b, " About ");
		l10n_print_about(b, s->words);
		buf_adds(b, " words to translate.");
	}
	html_dated_only(s, b);
}

/* A date never breaks across lines: "2023-\n11" reads as two numbers. */
static void html_date(struct buf *b, struct date d)
{
	buf_adds(b, "<span class=\"d\">");
	l10n_print_date(b, d);
	buf_adds(b, "</span>");
}

/* The QA findings of a current cell: counts, the first in a tooltip. */
static void html_qa(const struct l10n_view *v, const struct l10n_cell *cell,
		    struct buf *b)
{
	struct qa_counts q;
	struct buf t = BUF_INIT;
	int st = l10n_print_cell_qa(v, cell, &q);

	/* a stale cell says out of date already: QA waits for the update */
	if (st <= 0 || !q.first)
		return;
	buf_adds(&t, "QA: ");
	l10n_print_qa_counts(&t, &q);
	buf_addf(b, "<span class=\"warn qa\" title=\"");
	h(b, q.first->message);
	buf_addf(b, " [%s], line %u\">\xE2\x9A\xA0 ", rule_table[q.first->rule].id,
		 q.first->line);
	h(b, t.buf);
	buf_adds(b, "</span>");
	buf_release(&t);
}

/* A stale cell: the dates, and the class of change, linked to the diff
 * page when there is one. */
static void html_stale(const struct l10n_view *v, const struct l10n_article *a,
		       const struct l10n_cell *cell, struct buf *b)
{
	const struct article_meta *o = a->original, *m = cell->m;

	buf_adds(b, "based on the version of ");
	html_date(b, m->tf_updated);
	buf_adds(b, "; original updated ");
	html_date(b, o->updated);
	l10n_behind_phrase(b, cell);
	buf_addc(b, ')');
	buf_adds(b, "<br>");
	if (v->diff_href) {
		buf_adds(b, "<a href=\"");
		h(b, v->diff_href);
		buf_addc(b, '#');
		diff_anchor(b, m);
		buf_adds(b, "\">");
	}
	buf_addf(b, "change: <span class=\"k k-%s\">%s</span>",
		 change_class_name(cell->cls), change_class_name(cell->cls));
	if (cell->cls != CLASS_UNKNOWN)
		buf_addf(b, " (%u safety, %u content, %u editorial)",
			 cell->changes[CLASS_SAFETY], cell->changes[CLASS_CONTENT],
			 cell->changes[CLASS_EDITORIAL]);
	if (v->diff_href)
		buf_adds(b, "</a>");
}

/* A missing cell: the file to create (or what holds its path), the work. */
static void html_missing(const struct l10n_view *v, const struct l10n_article *a,
			 size_t k, struct buf *b)
{
	const struct article_meta *o = a->original;
	char *p = l10n_expected_path(v->r, a, k);
	struct buf taken = BUF_INIT;

	if (l10n_taken_phrase(&taken, v->r, a, k)) {
		buf_adds(b, "<span class=\"file\">");
		h(b, taken.buf);
		buf_adds(b, "</span>");
	} else {
		buf_adds(b, "to create: <span class=\"file code\">");
		h(b, p);
		buf_adds(b, "</span>");
	}
	buf_release(&taken);
	buf_adds(b, "about ");
	l10n_print_about(b, o->words);
	buf_adds(b, " words");
	free(p);
}

/* "◐ Incomplete: 1 of 3 paragraphs; shorter under the heading “X”" */
static void html_incomplete(const struct l10n_cell *cell, struct buf *b)
{
	struct buf t = BUF_INIT;

	buf_adds(&t, "Incomplete: ");
	l10n_counts_phrase(&t, &cell->st.orig, &cell->st.trans);
	if (cell->st.lost && cell->st.heading)
		buf_addf(&t, "; the section \xE2\x80\x9C%s\xE2\x80\x9D is missing",
			 cell->st.heading);
	else if (cell->st.heading)
		buf_addf(&t, "; shorter under the heading \xE2\x80\x9C%s\xE2\x80\x9D",
			 cell->st.heading);
	else if (cell->st.intro)
		buf_adds(&t, "; shorter before the first heading");
	buf_adds(b, "<span class=\"warn\">\xE2\x97\x90 ");
	h(b, t.buf);
	buf_adds(b, "</span>");
	buf_release(&t);
}

static void html_cell(const struct l10n_view *v, const struct l10n_article *a,
		      size_t k, struct buf *b)
{
	const struct l10n_cell *cell = &a->cells[k];
	const struct article_meta *o = a->original, *m = cell->m;
	int is_orig = cell->state == L10N_NONE && o && (int)k == a->orig_lang;
	const struct hstate *hs = &html_states[cell->state];

	if (cell->state == L10N_NONE && !is_orig) {
		buf_adds(b, "<td class=\"s-none\">\xE2\x80\x94</td>");
		return;
	}
	buf_addf(b, "<td class=\"%s%s\">", hs->cls,
		 cell->incomplete ? " incomplete" : "");
	buf_addf(b, "<b>%s</b>", hs->label);
	if (l10n_cell_draft(cell))
		buf_adds(b, " (draft)");
	if (is_orig)
		m = o;
	if (m) {
		buf_adds(b, "<span class=\"file code\">");
		h(b, m->path);
		buf_adds(b, "</span>");
	}
	switch (cell->state) {
	case L10N_NONE:
		buf_adds(b, "updated ");
		html_date(b, o->updated);
		buf_adds(b, "<br>");
		l10n_print_plural(b, o->words, "word", "words");
		break;
	case L10N_CURRENT:
		buf_adds(b, "based on the version of ");
		html_date(b, m->tf_updated);
		if (cell->redated)
			buf_adds(b, " (re-dated, text unchanged)");
		break;
	case L10N_STALE:
		html_stale(v, a, cell, b);
		break;
	case L10N_MISSING:
		html_missing(v, a, k, b);
		break;
	case L10N_ORPHAN:
		buf_adds(b, "based on the version of ");
		html_date(b, m->tf_updated);
		buf_adds(b, ", but the original does not exist");
		break;
	case L10N_INVALID:
		if (cell->line)
			buf_addf(b, "line %u: ", cell->line);
		h(b, cell->reason);
		break;
	}
	if (cell->incomplete)
		html_incomplete(cell, b);
	html_qa(v, cell, b);
	buf_adds(b, "</td>");
}

static void html_strings(const struct l10n_view *v, struct buf *b)
{
	const struct l10n_report *r = v->r;
	size_t k, i;
	int any = 0;

	buf_adds(b, "<h2>Interface strings</h2>\n<p class=\"lead\">The short texts "
		 "printed around every article (dates, \xE2\x80\x9C" "further reading"
		 "\xE2\x80\x9D, thanks...) live in one file per language and are "
		 "compared with ");
	h(b, r->strings[r->ref].path ? r->strings[r->ref].path : "the reference");
	buf_adds(b, ".</p>\n");
	for (k = 0; k < r->nlang; k++) {
		const struct l10n_strings *s = &r->strings[k];
		size_t shown = 0;

		if (!v->on[k] || (int)k == r->ref)
			continue;
		for (i = 0; i < s->n; i++)
			if (!v->quiet || rule_table[s->v[i].rule].severity == SEV_ERROR)
				shown++;
		if (!shown && !s->load.n)
			continue;
		any = 1;
		buf_adds(b, "<h3>");
		html_lang_name(v, k, b);
		buf_adds(b, " \xE2\x80\x94 <span class=\"code\">");
		h(b, s->path);
		buf_adds(b, "</span></h3>\n<ul class=\"strings\">\n");
		for (i = 0; i < s->load.n; i++) {
			buf_adds(b, "<li>");
			h(b, s->load.v[i].message);
			buf_adds(b, "</li>\n");
		}
		if (!s->exists) {
			buf_adds(b, "<li>The file does not exist yet: all ");
			l10n_print_num(b, s->n);
			buf_adds(b, " strings are missing.</li>\n");
		} else if (s->usable) {
			for (i = 0; i < s->n; i++) {
				const struct l10n_issue *is = &s->v[i];

				if (v->quiet && rule_table[is->rule].severity != SEV_ERROR)
					continue;
				/* a missing key has no line of its own */
				if (is->line && is->rule != R_STRINGS_MISSING)
					buf_addf(b, "<li>line %u: ", is->line);
				else
					buf_adds(b, "<li>");
				h(b, is->message);
				buf_adds(b, "</li>\n");
			}
		}
		buf_adds(b, "</ul>\n");
	}
	if (!any)
		buf_adds(b, "<p>No problems: every catalog has every string.</p>\n");
}

/* The page up to the lead paragraph: title, style, what it shows. */
static void html_page_head(const struct l10n_view *v, struct buf *b)
{
	const struct l10n_report *r = v->r;
	size_t i, nart = 0;
	char day[16];

	for (i = 0; i < r->n; i++)
		nart += r->articles[i].selected;
	date_format(date_today(), day);
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		 "content=\"width=device-width, initial-scale=1\">\n"
		 "<title>Translation status</title>\n<style>\n");
	buf_adds(b, html_style);
	/* landmarks: a screen reader goes to the main content directly */
	buf_adds(b, "</style>\n</head>\n<body>\n<main>\n"
		 "<h1>Translation status</h1>\n");
	buf_addf(b, "<p class=\"lead\">The state on %s of ", day);
	l10n_print_plural(b, nart, "article", "articles");
	buf_adds(b, " in every language. Each article is written in one language "
		 "(its original) and translated into the others; a translation "
		 "is out of date when the original was changed after it was "
		 "made.</p>\n");
}

/* One row per language: its name, its bar, what is left to do. */
static void html_progress(const struct l10n_view *v, struct buf *b)
{
	size_t k;

	buf_adds(b, "<h2>Progress by language</h2>\n<table class=\"cov\">\n");
	for (k = 0; k < v->r->nlang; k++) {
		if (!v->on[k])
			continue;
		buf_adds(b, "<tr><th scope=\"row\">");
		html_lang_name(v, k, b);
		buf_adds(b, "</th><td>");
		html_bar(v, k, b);
		buf_adds(b, "</td><td class=\"todo\">");
		html_todo(v, k, b);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</table>\n");
}

/* The legend of the matrix: one swatch per state, and incomplete. */
static void html_legend(struct buf *b)
{
	unsigned s;

	buf_adds(b, "<h2>Articles</h2>\n<ul class=\"legend\">\n");
	for (s = L10N_NONE; s <= L10N_INVALID; s++) {
		const struct hstate *hs = &html_states[s];

		buf_addf(b, "<li><span class=\"sw %s\"></span><span><b>%s</b>: %s"
			 "</span></li>\n", hs->cls, hs->label, hs->help);
	}
	buf_adds(b, "<li><span class=\"sw s-current\" style=\"box-shadow:inset 5px "
		 "0 0 #bf8700\"></span><span><b>\xE2\x97\x90 Incomplete</b>: "
		 "shorter than the original (fewer headings, paragraphs...)"
		 "</span></li>\n</ul>\n");
}

/* The matrix: one row per article, one cell per language. */
static void html_matrix(const struct l10n_view *v, struct buf *b)
{
	const struct l10n_report *r = v->r;
	size_t i, k;

	buf_adds(b, "<table class=\"matrix\">\n<thead><tr><th scope=\"col\">Article"
		 "</th>");
	for (k = 0; k < r->nlang; k++) {
		if (!v->on[k])
			continue;
		buf_adds(b, "<th scope=\"col\">");
		html_lang_name(v, k, b);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->n; i++) {
		const struct l10n_article *a = &r->articles[i];
		const struct article_meta *o = a->original;

		if (!a->selected)
			continue;
		buf_adds(b, "<tr><th scope=\"row\">");
		if (o && o->title) {
			buf_adds(b, "<span lang=\"");
			h(b, o->lang ? o->lang : "");
			buf_addf(b, "\"%s>", a->orig_lang >= 0 &&
				 r->c->cfg.rtl[a->orig_lang] ? " dir=\"rtl\"" : "");
			h(b, o->title);
			buf_adds(b, "</span><br>");
		}
		buf_adds(b, "<span class=\"code\">");
		h(b, a->id);
		buf_adds(b, "</span></th>");
		for (k = 0; k < r->nlang; k++)
			if (v->on[k])
				html_cell(v, a, k, b);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n");
}

void l10n_html_dashboard(const struct l10n_view *v, struct buf *b)
{
	html_page_head(v, b);
	html_progress(v, b);
	html_legend(b);
	html_matrix(v, b);
	html_strings(v, b);
	buf_adds(b, "</main>\n<footer>Made by <span class=\"code\">folio l10n</span>. "
		 "After updating a translation, run <span class=\"code\">folio "
		 "stamp FILE</span> to mark it up to date.</footer>\n"
		 "</body>\n</html>\n");
}
