/*
 * l10n_print.c - the reports of `folio l10n` as text (a table, then each
 * language's articles and catalog problems), JSON (SPEC 7.2) and GitHub
 * annotations, and the small formatting helpers the HTML dashboard
 * (l10n_html.c) shares.  Everything here reads a built report and
 * appends to a buffer; nothing decides the exit status.
 */
#include "buf.h"
#include "corpus.h"
#include "escape.h"
#include "integrity.h"
#include "l10n.h"
#include "l10n_print.h"
#include "qa.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small formatting helpers ---- */

/* 4312 -> "4,312" */
void l10n_print_num(struct buf *b, size_t n)
{
	char tmp[32];
	size_t len, i;

	snprintf(tmp, sizeof(tmp), "%zu", n);
	len = strlen(tmp);
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf_addc(b, ',');
		buf_addc(b, tmp[i]);
	}
}

/* An estimate reads better rounded: 4,187 -> "4,200". */
void l10n_print_about(struct buf *b, size_t n)
{
	size_t unit = n >= 1000 ? 100 : n >= 100 ? 10 : 1;

	l10n_print_num(b, (n + unit / 2) / unit * unit);
}

void l10n_print_plural(struct buf *b, size_t n, const char *one, const char *many)
{
	l10n_print_num(b, n);
	buf_addf(b, " %s", n == 1 ? one : many);
}

void l10n_print_date(struct buf *b, struct date d)
{
	char tmp[16];

	if (!d.y) {
		buf_adds(b, "?");
		return;
	}
	date_format(d, tmp);
	buf_adds(b, tmp);
}

/* Coverage as a JSON number: 0.75, 0.6667, 1 */
static void add_ratio(struct buf *b, size_t num, size_t den)
{
	char tmp[32];
	size_t n;

	snprintf(tmp, sizeof(tmp), "%.4f", (double)num / (double)den);
	n = strlen(tmp);
	while (n > 1 && tmp[n - 1] == '0')
		n--;
	if (tmp[n - 1] == '.')
		n--;
	buf_add(b, tmp, n);
}

/* Whole percent, rounded down: 100% only when everything is current. */
size_t l10n_print_percent(size_t num, size_t den)
{
	return den ? num * 100 / den : 100;
}

const char *l10n_print_lang(const struct l10n_view *v, size_t k)
{
	return v->r->c->cfg.languages[k];
}

/* The articles of a language in the order a translator works them. */
static int state_rank(enum l10n_state s)
{
	switch (s) {
	case L10N_INVALID: return 0;
	case L10N_ORPHAN: return 1;
	case L10N_STALE: return 2;
	case L10N_MISSING: return 3;
	case L10N_CURRENT: return 4;
	default: return 5;
	}
}

static const char *state_color(enum l10n_state s)
{
	switch (s) {
	case L10N_CURRENT: return "\033[32m";
	case L10N_STALE: return "\033[33m";
	case L10N_MISSING: return "\033[31m";
	case L10N_ORPHAN: return "\033[35m";
	case L10N_INVALID: return "\033[1;31m";
	default: return "";
	}
}

/* "first missing heading 'X' (line 30 of the original)" and friends. */
static void add_where_phrase(struct buf *b, const struct l10n_structure *st)
{
	if (st->lost && st->heading)
		buf_addf(b, "; first heading without a counterpart: '%s' "
			 "(line %u of the original)", st->heading, st->heading_line);
	else if (st->heading)
		buf_addf(b, "; the first section with fewer blocks is '%s' "
			 "(line %u of the original)", st->heading, st->heading_line);
	else if (st->intro)
		buf_adds(b, "; the text before the first heading has fewer blocks");
}

/* ---- text ---- */

enum col { C_LANG, C_CURRENT, C_STALE, C_MISSING, C_ORPHAN, C_INVALID,
	   C_INCOMPLETE, C_STRINGS, C_COVERAGE, C_WORDS, C_DATED, C__N };

static const char *const col_head[C__N] = {
	"language", "current", "stale", "missing", "orphan", "invalid",
	"incomplete", "strings missing", "coverage", "words to translate",
	"dated only",
};

static void cell_text(const struct l10n_view *v, size_t k, enum col c, struct buf *b)
{
	const struct l10n_summary *s = &v->r->sum[k];

	switch (c) {
	case C_LANG: buf_adds(b, l10n_print_lang(v, k)); break;
	case C_CURRENT: l10n_print_num(b, s->current); break;
	case C_STALE: l10n_print_num(b, s->stale); break;
	case C_MISSING: l10n_print_num(b, s->missing); break;
	case C_ORPHAN: l10n_print_num(b, s->orphan); break;
	case C_INVALID: l10n_print_num(b, s->invalid); break;
	case C_INCOMPLETE: l10n_print_num(b, s->incomplete); break;
	case C_STRINGS: l10n_print_num(b, s->strings_missing); break;
	case C_COVERAGE:
		if (s->wanted)
			buf_addf(b, "%zu%%", l10n_print_percent(s->current, s->wanted));
		else
			buf_adds(b, "-");
		break;
	case C_WORDS: l10n_print_num(b, s->words); break;
	/* current or stale without a base: judged by dates alone (SPEC 12.2) */
	case C_DATED: l10n_print_num(b, s->dated_only); break;
	default: break;
	}
}

/* Which colour a table cell gets on a terminal. */
static const char *cell_color(const struct l10n_view *v, size_t k, enum col c)
{
	const struct l10n_summary *s = &v->r->sum[k];

	switch (c) {
	case C_STALE: return s->stale ? "\033[33m" : "";
	case C_MISSING: return s->missing ? "\033[31m" : "";
	case C_ORPHAN: return s->orphan ? "\033[35m" : "";
	case C_INVALID: return s->invalid ? "\033[1;31m" : "";
	case C_INCOMPLETE: return s->incomplete ? "\033[33m" : "";
	case C_STRINGS: return s->strings_missing ? "\033[31m" : "";
	case C_COVERAGE:
		return !s->wanted ? "" : s->current == s->wanted ? "\033[32m" : "\033[33m";
	default: return "";
	}
}

static void text_table(const struct l10n_view *v, struct buf *out)
{
	const struct l10n_report *r = v->r;
	size_t width[C__N], k;
	struct buf t = BUF_INIT;
	int c;

	for (c = 0; c < C__N; c++)
		width[c] = strlen(col_head[c]);
	for (k = 0; k < r->nlang; k++) {
		if (!v->on[k])
			continue;
		for (c = 0; c < C__N; c++) {
			buf_reset(&t);
			cell_text(v, k, (enum col)c, &t);
			if (t.len > width[c])
				width[c] = t.len;
		}
	}
	if (v->color)
		buf_adds(out, "\033[1m");
	for (c = 0; c < C__N; c++)
		buf_addf(out, c == 0 ? "%-*s" : "  %*s", (int)width[c], col_head[c]);
	buf_adds(out, v->color ? "\033[0m\n" : "\n");
	for (k = 0; k < r->nlang; k++) {
		if (!v->on[k])
			continue;
		for (c = 0; c < C__N; c++) {
			const char *col = v->color ? cell_color(v, k, (enum col)c) : "";

			buf_reset(&t);
			cell_text(v, k, (enum col)c, &t);
			/* ASCII only, so bytes are columns */
			if (c == 0)
				buf_addf(out, "%-*s", (int)width[c], t.buf);
			else
				buf_addf(out, "  %s%*s%s", col, (int)width[c], t.buf,
					 *col ? "\033[0m" : "");
		}
		buf_addc(out, '\n');
	}
	buf_release(&t);
}

/* "de: 3 missing, 2 stale, about 4,200 words" */
static void text_lang_head(const struct l10n_view *v, size_t k, struct buf *out)
{
	const struct l10n_summary *s = &v->r->sum[k];
	size_t before;

	if (v->color)
		buf_adds(out, "\033[1m");
	buf_addf(out, "%s:", l10n_print_lang(v, k));
	before = out->len;
	if (s->missing) {
		buf_adds(out, " ");
		l10n_print_num(out, s->missing);
		buf_adds(out, " missing,");
	}
	if (s->stale) {
		buf_adds(out, " ");
		l10n_print_num(out, s->stale);
		buf_adds(out, " stale,");
	}
	if (s->incomplete) {
		buf_adds(out, " ");
		l10n_print_num(out, s->incomplete);
		buf_adds(out, " incomplete,");
	}
	if (s->orphan) {
		buf_adds(out, " ");
		l10n_print_plural(out, s->orphan, "orphan,", "orphans,");
	}
	if (s->invalid) {
		buf_adds(out, " ");
		l10n_print_num(out, s->invalid);
		buf_adds(out, " invalid,");
	}
	if (s->strings_problems) {
		buf_adds(out, " ");
		l10n_print_plural(out, s->strings_problems, "string problem,",
			   "string problems,");
	}
	if (out->len == before) {
		if (s->wanted == 0)
			buf_adds(out, " nothing to translate");
		else if (s->wanted == 1)
			buf_adds(out, " the article is current");
		else
			buf_addf(out, " all %zu articles current", s->wanted);
	} else if (s->words) {
		buf_adds(out, " about ");
		l10n_print_about(out, s->words);
		buf_adds(out, s->words == 1 ? " word" : " words");
	} else {
		buf_setlen(out, out->len - 1);	/* the last comma */
	}
	buf_adds(out, v->color ? "\033[0m\n" : "\n");
}

/* ---- translation QA in the reports (SPEC 13) ---- */

/* The QA of a cell: 1 compared (counts in *q), 0 not checked, -1 n/a. */
int l10n_print_cell_qa(const struct l10n_view *v, const struct l10n_cell *cell,
		       struct qa_counts *q)
{
	memset(q, 0, sizeof(*q));
	if (!v->qa || !cell->m ||
	    (cell->state != L10N_STALE && cell->state != L10N_CURRENT))
		return -1;
	if (!v->qa_compared[cell->m - v->r->c->articles])
		return 0;
	qa_counts_of(v->qa, cell->m->path, q);
	return 1;
}

void l10n_print_qa_counts(struct buf *b, const struct qa_counts *q)
{
	if (q->errors)
		l10n_print_plural(b, q->errors, "error", "errors");
	if (q->errors && q->warnings)
		buf_adds(b, ", ");
	if (q->warnings)
		l10n_print_plural(b, q->warnings, "warning", "warnings");
}

/* "qa: 1 warning; line 24: glossary term ... [qa-glossary]" */
static void text_qa(const struct l10n_view *v, const struct l10n_cell *cell,
		    struct buf *out)
{
	struct qa_counts q;
	int st = l10n_print_cell_qa(v, cell, &q);

	if (st < 0 || (st == 1 && !q.first))
		return;
	buf_addf(out, "  %-8s  qa: ", "");
	if (!st) {
		buf_adds(out, "not checked: base text unavailable\n");
		return;
	}
	l10n_print_qa_counts(out, &q);
	buf_addf(out, "; line %u: ", q.first->line);
	escape_text_line(out, q.first->message, strlen(q.first->message));
	buf_addf(out, " [%s]\n", rule_table[q.first->rule].id);
}

/* "; change: safety (1 safety, 2 content, 0 editorial)" (SPEC 12.2) */
static void add_change(struct buf *b, const struct l10n_cell *cell)
{
	buf_addf(b, "; change: %s", change_class_name(cell->cls));
	if (cell->cls == CLASS_UNKNOWN)
		buf_adds(b, cell->based ? " (base text unavailable)" :
			 " (no base: dated only)");
	else
		buf_addf(b, " (%u safety, %u content, %u editorial)",
			 cell->changes[CLASS_SAFETY], cell->changes[CLASS_CONTENT],
			 cell->changes[CLASS_EDITORIAL]);
}

static void text_article(const struct l10n_view *v, const struct l10n_article *a,
			 size_t k, size_t pathw, struct buf *out)
{
	const struct l10n_cell *cell = &a->cells[k];
	const struct article_meta *o = a->original;
	char *path = cell->m ? xstrdup(cell->m->path) :
		l10n_expected_path(v->r, a, k);

	buf_addf(out, "  %s%-8s%s  ", v->color ? state_color(cell->state) : "",
		 l10n_state_name(cell->state), v->color ? "\033[0m" : "");
	escape_text_line(out, path, strlen(path));
	buf_addf(out, "%*s  ", (int)(pathw - strlen(path)), "");
	/* SPEC 14: a draft (a partial import) is marked beside its state */
	if (l10n_cell_draft(cell))
		buf_adds(out, "(draft) ");
	switch (cell->state) {
	case L10N_CURRENT:
		buf_adds(out, "based on ");
		l10n_print_date(out, cell->m->tf_updated);
		if (cell->redated) {
			buf_adds(out, ", original dated ");
			l10n_print_date(out, o->updated);
			buf_adds(out, " (re-dated, text unchanged)");
		} else {
			buf_adds(out, ", the original's date");
		}
		break;
	case L10N_STALE:
		buf_adds(out, "based on ");
		l10n_print_date(out, cell->m->tf_updated);
		buf_adds(out, ", original updated ");
		l10n_print_date(out, o->updated);
		l10n_behind_phrase(out, cell);
		buf_adds(out, "), ");
		l10n_print_plural(out, o->words, "word", "words");
		add_change(out, cell);
		break;
	case L10N_MISSING:
		if (l10n_taken_phrase(out, v->r, a, k))
			buf_adds(out, "; ");
		buf_adds(out, "original ");
		escape_text_line(out, o->path, strlen(o->path));
		buf_adds(out, " (");
		l10n_print_date(out, o->updated);
		buf_adds(out, "), ");
		l10n_print_plural(out, o->words, "word", "words");
		break;
	case L10N_ORPHAN:
		buf_addf(out, "translated from '%s' ", cell->m->tf_lang ?
			 cell->m->tf_lang : "?");
		l10n_print_date(out, cell->m->tf_updated);
		buf_addf(out, ", but no article '%s' is an original", a->id);
		break;
	case L10N_INVALID:
		if (cell->line)
			buf_addf(out, "line %u: ", cell->line);
		escape_text_line(out, cell->reason, strlen(cell->reason));
		break;
	default:
		break;
	}
	buf_addc(out, '\n');
	if (cell->incomplete) {
		buf_addf(out, "  %s%-8s%s  ", v->color ? "\033[33m" : "", "",
			 v->color ? "\033[0m" : "");
		buf_adds(out, "incomplete: ");
		l10n_counts_phrase(out, &cell->st.orig, &cell->st.trans);
		add_where_phrase(out, &cell->st);
		buf_addc(out, '\n');
	}
	text_qa(v, cell, out);
	free(path);
}

/*
 * A catalog that does not exist or cannot be read misses every string:
 * one line says so instead of one per key.  Returns 1 with the message.
 */
static int catalog_summary(const struct l10n_view *v, const struct l10n_strings *s,
			   struct buf *msg)
{
	if ((s->exists && s->usable) || !s->n)
		return 0;
	buf_addf(msg, "%s: all ", !s->exists ? "no catalog" :
		 s->empty ? "empty catalog" : "catalog cannot be read");
	l10n_print_num(msg, s->n);
	buf_addf(msg, " strings of %s are missing", v->r->strings[v->r->ref].path);
	return 1;
}

/* Print one language's catalog problems, compiler style. */
static void text_strings(const struct l10n_view *v, size_t k, struct buf *out)
{
	const struct l10n_strings *s = &v->r->strings[k];
	struct diag_out o = { FMT_TEXT, v->color, v->quiet };
	struct diag d;
	struct buf msg = BUF_INIT;
	size_t i;
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);

	if (!f)
		return;
	if ((int)k == v->r->ref)
		for (i = 0; i < v->r->diags.n; i++)
			diag_print_one(&v->r->diags.v[i], &o, f);
	for (i = 0; i < s->load.n; i++)
		diag_print_one(&s->load.v[i], &o, f);
	memset(&d, 0, sizeof(d));
	d.file = s->path;
	if ((int)k != v->r->ref && catalog_summary(v, s, &msg)) {
		d.rule = R_STRINGS_MISSING;
		d.severity = SEV_ERROR;
		d.message = msg.buf;
		diag_print_one(&d, &o, f);
	} else if ((int)k != v->r->ref) {
		for (i = 0; i < s->n; i++) {
			const struct l10n_issue *is = &s->v[i];

			d.rule = is->rule;
			d.severity = rule_table[is->rule].severity;
			if (v->quiet && d.severity != SEV_ERROR)
				continue;
			d.line = is->line;
			d.col = is->col;
			d.message = is->message;
			diag_print_one(&d, &o, f);
		}
	}
	buf_release(&msg);
	fclose(f);
	buf_add(out, mem, memlen);
	free(mem);
}

static void text_details(const struct l10n_view *v, struct buf *out)
{
	const struct l10n_report *r = v->r;
	size_t k, i;
	int rank;

	for (k = 0; k < r->nlang; k++) {
		size_t pathw = 0;

		if (!v->on[k])
			continue;
		buf_addc(out, '\n');
		text_lang_head(v, k, out);
		for (i = 0; i < r->n; i++) {
			const struct l10n_article *a = &r->articles[i];
			const struct l10n_cell *cell = &a->cells[k];
			char *p;

			if (!a->selected || cell->state == L10N_NONE)
				continue;
			p = cell->m ? NULL : l10n_expected_path(r, a, k);
			if (strlen(p ? p : cell->m->path) > pathw)
				pathw = strlen(p ? p : cell->m->path);
			free(p);
		}
		for (rank = 0; rank < 5; rank++) {
			for (i = 0; i < r->n; i++) {
				const struct l10n_article *a = &r->articles[i];
				const struct l10n_cell *cell = &a->cells[k];

				if (!a->selected || state_rank(cell->state) != rank)
					continue;
				if (v->quiet && cell->state == L10N_CURRENT &&
				    !cell->incomplete)
					continue;
				text_article(v, a, k, pathw, out);
			}
		}
		text_strings(v, k, out);
	}
}

static void print_text_report(const struct l10n_view *v, struct buf *out)
{
	text_table(v, out);
	text_details(v, out);
}

/* ---- json (SPEC 7.2) ---- */

static void json_str(struct buf *b, const char *s)
{
	if (s)
		escape_json_str(b, s, strlen(s));
	else
		buf_adds(b, "null");
}

static void json_date(struct buf *b, struct date d)
{
	char tmp[16];

	if (!d.y) {
		buf_adds(b, "null");
		return;
	}
	date_format(d, tmp);
	buf_addf(b, "\"%s\"", tmp);
}

static void json_counts(struct buf *b, const struct block_counts *n)
{
	buf_addf(b, "{\"headings\":%u,\"paragraphs\":%u,\"list_items\":%u,"
		 "\"tables\":%u,\"images\":%u,\"links\":%u}", n->headings,
		 n->paragraphs, n->list_items, n->tables, n->images, n->links);
}

/*
 * The translations' QA beside them (SPEC 13), for the languages that have
 * something to say: ,"qa":{"en":{"checked":true,"errors":0,"warnings":1,
 * "first":{...}},"de":{"checked":false,"reason":"base text unavailable"}}
 */
static void json_qa(const struct l10n_view *v, const struct l10n_article *a,
		    struct buf *b)
{
	size_t k;
	int first = 1;

	for (k = 0; k < v->r->nlang; k++) {
		struct qa_counts q;
		int st;

		if (!v->on[k] || (st = l10n_print_cell_qa(v, &a->cells[k], &q)) < 0)
			continue;
		buf_adds(b, first ? ",\"qa\":{" : ",");
		first = 0;
		json_str(b, l10n_print_lang(v, k));
		if (!st) {
			buf_adds(b, ":{\"checked\":false,\"reason\":"
				 "\"base text unavailable\"}");
			continue;
		}
		buf_addf(b, ":{\"checked\":true,\"errors\":%zu,\"warnings\":%zu",
			 q.errors, q.warnings);
		if (q.first) {
			buf_addf(b, ",\"first\":{\"line\":%u,\"column\":%u,\"rule\":",
				 q.first->line, q.first->col);
			json_str(b, rule_table[q.first->rule].id);
			buf_adds(b, ",\"message\":");
			json_str(b, q.first->message);
			buf_addc(b, '}');
		}
		buf_addc(b, '}');
	}
	if (!first)
		buf_addc(b, '}');
}

static void json_cell(const struct l10n_cell *cell, struct buf *b)
{
	const struct article_meta *m = cell->m;

	buf_addf(b, "{\"state\":\"%s\"", l10n_state_name(cell->state));
	if (m) {
		buf_adds(b, ",\"file\":");
		json_str(b, m->path);
	}
	if (l10n_cell_draft(cell))
		buf_adds(b, ",\"draft\":true");
	switch (cell->state) {
	case L10N_CURRENT:
	case L10N_STALE:
	case L10N_ORPHAN:
		buf_adds(b, ",\"updated\":");
		json_date(b, m->updated);
		buf_adds(b, ",\"based_on\":");
		json_date(b, m->tf_updated);
		break;
	case L10N_INVALID:
		buf_adds(b, ",\"reason\":");
		json_str(b, cell->reason);
		if (cell->line)
			buf_addf(b, ",\"line\":%u,\"column\":%u", cell->line,
				 cell->col ? cell->col : 1);
		break;
	default:
		break;
	}
	if (cell->state == L10N_STALE) {
		buf_addf(b, ",\"months_behind\":%d", cell->months_behind);
		if (cell->days_behind > 0)
			buf_addf(b, ",\"days_behind\":%d", cell->days_behind);
		buf_addf(b, ",\"change\":\"%s\",\"changes\":",
			 change_class_name(cell->cls));
		if (cell->cls == CLASS_UNKNOWN)
			buf_adds(b, "{}");
		else
			buf_addf(b, "{\"safety\":%u,\"content\":%u,\"editorial\":%u}",
				 cell->changes[CLASS_SAFETY], cell->changes[CLASS_CONTENT],
				 cell->changes[CLASS_EDITORIAL]);
	}
	/* a translation with a base: is it re-dated, its text unchanged? */
	if (cell->state == L10N_CURRENT && cell->based)
		buf_addf(b, ",\"redated\":%s", cell->redated ? "true" : "false");
	if (cell->state == L10N_CURRENT || cell->state == L10N_STALE) {
		buf_addf(b, ",\"incomplete\":%s", cell->incomplete ? "true" : "false");
		if (cell->incomplete) {
			buf_adds(b, ",\"structure\":{\"original\":");
			json_counts(b, &cell->st.orig);
			buf_adds(b, ",\"translation\":");
			json_counts(b, &cell->st.trans);
			if (cell->st.lost) {
				buf_adds(b, ",\"missing_heading\":");
				json_str(b, cell->st.heading);
			} else {
				buf_adds(b, ",\"shorter_section\":");
				json_str(b, cell->st.heading);
			}
			buf_addc(b, '}');
		}
	}
	buf_addc(b, '}');
}

static void json_article(const struct l10n_view *v, const struct l10n_article *a,
			 struct buf *b)
{
	const struct l10n_report *r = v->r;
	const struct article_meta *o = a->original;
	size_t k;
	int first = 1;

	buf_adds(b, "{\"id\":");
	json_str(b, a->id);
	buf_adds(b, ",\"original\":");
	if (o) {
		buf_adds(b, "{\"lang\":");
		json_str(b, o->lang);
		buf_adds(b, ",\"file\":");
		json_str(b, o->path);
		buf_adds(b, ",\"updated\":");
		json_date(b, o->updated);
		buf_addf(b, ",\"words\":%zu}", o->words);
	} else {
		buf_adds(b, "null");
	}
	buf_adds(b, ",\"translations\":{");
	for (k = 0; k < r->nlang; k++) {
		if (!v->on[k] || a->cells[k].state == L10N_NONE)
			continue;
		buf_adds(b, first ? "" : ",");
		first = 0;
		json_str(b, l10n_print_lang(v, k));
		buf_addc(b, ':');
		json_cell(&a->cells[k], b);
	}
	buf_addc(b, '}');
	json_qa(v, a, b);
	buf_addc(b, '}');
}

static void json_keys(const struct l10n_strings *s, enum rule rule,
		      const char *name, struct buf *b)
{
	size_t i;
	int first = 1;

	buf_addf(b, "\"%s\":[", name);
	for (i = 0; i < s->n; i++) {
		if (s->v[i].rule != rule)
			continue;
		buf_adds(b, first ? "" : ",");
		first = 0;
		json_str(b, s->v[i].key);
	}
	buf_addc(b, ']');
}

static void print_json_report(const struct l10n_view *v, struct buf *b)
{
	const struct l10n_report *r = v->r;
	size_t i, k;
	int first = 1;

	buf_adds(b, "{\"source_language\":");
	json_str(b, r->c->cfg.source_language);
	buf_adds(b, ",\"languages\":[");
	for (k = 0; k < r->nlang; k++) {
		if (!v->on[k])
			continue;
		buf_adds(b, first ? "" : ",");
		first = 0;
		json_str(b, l10n_print_lang(v, k));
	}
	buf_adds(b, "],\n \"articles\":[");
	first = 1;
	for (i = 0; i < r->n; i++) {
		if (!r->articles[i].selected)
			continue;
		buf_adds(b, first ? "\n  " : ",\n  ");
		first = 0;
		json_article(v, &r->articles[i], b);
	}
	buf_adds(b, "],\n \"strings\":{");
	first = 1;
	for (k = 0; k < r->nlang; k++) {
		const struct l10n_strings *s = &r->strings[k];

		if (!v->on[k] || (int)k == r->ref)
			continue;
		buf_adds(b, first ? "\n  " : ",\n  ");
		first = 0;
		json_str(b, l10n_print_lang(v, k));
		buf_adds(b, ":{");
		json_keys(s, R_STRINGS_MISSING, "missing", b);
		buf_addc(b, ',');
		json_keys(s, R_STRINGS_EMPTY, "empty", b);
		buf_addc(b, ',');
		json_keys(s, R_STRINGS_OBSOLETE, "obsolete", b);
		buf_addc(b, ',');
		json_keys(s, R_STRINGS_PLACEHOLDERS, "placeholders", b);
		buf_addc(b, ',');
		json_keys(s, R_STRINGS_LENGTH, "length", b);
		buf_addc(b, ',');
		json_keys(s, R_STRINGS_UNTRANSLATED, "untranslated", b);
		buf_addc(b, '}');
	}
	buf_adds(b, "},\n \"summary\":{");
	first = 1;
	for (k = 0; k < r->nlang; k++) {
		const struct l10n_summary *s = &r->sum[k];

		if (!v->on[k])
			continue;
		buf_adds(b, first ? "\n  " : ",\n  ");
		first = 0;
		json_str(b, l10n_print_lang(v, k));
		buf_addf(b, ":{\"current\":%zu,\"stale\":%zu,\"missing\":%zu,"
			 "\"orphan\":%zu,\"invalid\":%zu,\"incomplete\":%zu,"
			 "\"coverage\":", s->current, s->stale, s->missing,
			 s->orphan, s->invalid, s->incomplete);
		if (s->wanted)
			add_ratio(b, s->current, s->wanted);
		else
			buf_adds(b, "null");
		buf_addf(b, ",\"words_to_translate\":%zu,\"dated_only\":%zu}",
			 s->words, s->dated_only);
	}
	buf_adds(b, "}}\n");
}

/* ---- github annotations ---- */

static enum severity sev_for(const struct l10n_view *v, int bit)
{
	return (v->check & bit) ? SEV_ERROR : SEV_WARNING;
}

/* A stale translation fails the --check states that its class reaches. */
static enum severity stale_sev(const struct l10n_view *v, const struct l10n_cell *cell)
{
	if ((v->check & CHK_STALE) ||
	    ((v->check & CHK_STALE_CONTENT) &&
	     change_class_at_least(cell->cls, CLASS_CONTENT)) ||
	    ((v->check & CHK_STALE_SAFETY) &&
	     change_class_at_least(cell->cls, CLASS_SAFETY)))
		return SEV_ERROR;
	return SEV_WARNING;
}

static void github_cell(const struct l10n_view *v, const struct l10n_article *a,
			size_t k, struct diag_list *d)
{
	const struct l10n_cell *cell = &a->cells[k];
	const struct article_meta *o = a->original, *m = cell->m;
	struct buf msg = BUF_INIT;
	const char *lg = l10n_print_lang(v, k);

	switch (cell->state) {
	case L10N_STALE:
		buf_addf(&msg, "stale %s translation of '%s': based on ", lg, a->id);
		l10n_print_date(&msg, m->tf_updated);
		buf_addf(&msg, ", the original %s was updated ", o->path);
		l10n_print_date(&msg, o->updated);
		l10n_behind_phrase(&msg, cell);
		buf_adds(&msg, ", ");
		l10n_print_plural(&msg, o->words, "word)", "words)");
		add_change(&msg, cell);
		diag_sev(d, R_L10N_STALE, stale_sev(v, cell), m->path, cell->line,
			 cell->col, NULL, "%s", msg.buf);
		break;
	case L10N_MISSING: {
		char *p = l10n_expected_path(v->r, a, k);

		buf_addf(&msg, "missing %s translation of '%s' (", lg, a->id);
		if (!l10n_taken_phrase(&msg, v->r, a, k))
			buf_adds(&msg, p);
		buf_adds(&msg, ", ");
		l10n_print_plural(&msg, o->words, "word)", "words)");
		diag_sev(d, R_L10N_MISSING, sev_for(v, CHK_MISSING), o->path,
			 o->id_pos.line, o->id_pos.col, NULL, "%s", msg.buf);
		free(p);
		break;
	}
	case L10N_ORPHAN:
		diag_sev(d, R_L10N_ORPHAN, sev_for(v, CHK_ORPHAN), m->path, cell->line,
			 cell->col, NULL, "orphan %s translation: no article '%s' "
			 "is an original", lg, a->id);
		break;
	case L10N_INVALID:
		diag_sev(d, R_L10N_INVALID, sev_for(v, CHK_INVALID), m->path,
			 cell->line, cell->col, NULL, "invalid %s translation of "
			 "'%s': %s", lg, a->id, cell->reason);
		break;
	default:
		break;
	}
	if (cell->incomplete) {
		buf_reset(&msg);
		buf_addf(&msg, "incomplete %s translation of '%s': ", lg, a->id);
		l10n_counts_phrase(&msg, &cell->st.orig, &cell->st.trans);
		add_where_phrase(&msg, &cell->st);
		diag_sev(d, R_L10N_INCOMPLETE, sev_for(v, CHK_INCOMPLETE), m->path,
			 1, 1, NULL, "%s", msg.buf);
	}
	buf_release(&msg);
}

static void print_github_annotations(const struct l10n_view *v, struct buf *out)
{
	const struct l10n_report *r = v->r;
	struct diag_list d = DIAG_LIST_INIT;
	struct diag_out o = { FMT_GITHUB, 0, v->quiet };
	struct buf msg = BUF_INIT;
	size_t i, k;
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f;

	for (i = 0; i < r->diags.n; i++) {
		const struct diag *x = &r->diags.v[i];

		diag_sev(&d, x->rule, x->severity, x->file, x->line, x->col, NULL,
			 "%s", x->message);
	}
	for (k = 0; k < r->nlang; k++) {
		const struct l10n_strings *s = &r->strings[k];

		if (!v->on[k])
			continue;
		for (i = 0; i < r->n; i++)
			if (r->articles[i].selected)
				github_cell(v, &r->articles[i], k, &d);
		for (i = 0; i < s->load.n; i++) {
			const struct diag *x = &s->load.v[i];

			diag_sev(&d, x->rule, sev_for(v, CHK_STRINGS), x->file,
				 x->line, x->col, NULL, "%s", x->message);
		}
		buf_reset(&msg);
		if ((int)k == r->ref)
			continue;
		if (catalog_summary(v, s, &msg)) {
			diag_sev(&d, R_STRINGS_MISSING, sev_for(v, CHK_STRINGS), s->path,
				 0, 0, NULL, "%s", msg.buf);
			continue;
		}
		for (i = 0; i < s->n; i++) {
			const struct l10n_issue *is = &s->v[i];
			enum severity sev = rule_table[is->rule].severity == SEV_ERROR ?
				sev_for(v, CHK_STRINGS) : SEV_WARNING;

			diag_sev(&d, is->rule, sev, s->path, is->line, is->col, NULL,
				 "%s", is->message);
		}
	}
	diag_list_sort(&d);
	f = open_memstream(&mem, &memlen);
	if (f) {
		diag_print(&d, &o, v->nfiles, f, stderr);
		fclose(f);
		buf_add(out, mem, memlen);
		free(mem);
	}
	buf_release(&msg);
	diag_list_release(&d);
}

/* ---- the one entry point ---- */

void l10n_print(const struct l10n_view *v, enum report_format format,
		struct buf *out)
{
	switch (format) {
	case REPORT_JSON: print_json_report(v, out); break;
	case REPORT_GITHUB: print_github_annotations(v, out); break;
	case REPORT_HTML: l10n_html_dashboard(v, out); break;
	default: print_text_report(v, out); break;
	}
}
