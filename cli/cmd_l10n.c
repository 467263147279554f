/*
 * cmd_l10n.c - `folio l10n`: what each translator has to do, and the
 * --check gate (SPEC 7).  l10n.c computes the report; this file reads
 * the options, prints the report in one of four formats, and decides the
 * exit status.
 */
#include "atomic.h"
#include "buf.h"
#include "corpus.h"
#include "diff.h"
#include "escape.h"
#include "glossary.h"
#include "integrity.h"
#include "l10n.h"
#include "main.h"
#include "opts.h"
#include "qa.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_line[] =
	"folio l10n [--lang L]... [--check[=STATES]] [--format text|json|github|html]\n"
	"                  [-o FILE] [-q] [-j N] [PATH...]";
static const char about[] =
	"Report, for each language, which articles are current, stale, missing,\n"
	"orphaned, invalid or incomplete, how many words are left to translate,\n"
	"and what the string catalog lacks.  --check exits 1 when any of the\n"
	"STATES exists (default: all of stale,missing,orphan,invalid,incomplete,\n"
	"strings).  PATHs restrict the report to some articles.";

enum check_bits {
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

static const struct {
	const char *name;
	int bit;
} check_names[] = {
	{ "stale", CHK_STALE }, { "missing", CHK_MISSING },
	{ "orphan", CHK_ORPHAN }, { "invalid", CHK_INVALID },
	{ "incomplete", CHK_INCOMPLETE }, { "strings", CHK_STRINGS },
	{ "stale-content", CHK_STALE_CONTENT }, { "stale-safety", CHK_STALE_SAFETY },
};

/* What every format needs to know besides the report. */
struct view {
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

/* ---- small formatting helpers ---- */

/* 4312 -> "4,312" */
static void add_num(struct buf *b, size_t n)
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
static void add_about(struct buf *b, size_t n)
{
	size_t unit = n >= 1000 ? 100 : n >= 100 ? 10 : 1;

	add_num(b, (n + unit / 2) / unit * unit);
}

static void add_plural(struct buf *b, size_t n, const char *one, const char *many)
{
	add_num(b, n);
	buf_addf(b, " %s", n == 1 ? one : many);
}

static void add_date(struct buf *b, struct date d)
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
static size_t percent(size_t num, size_t den)
{
	return den ? num * 100 / den : 100;
}

static const char *lang_of(const struct view *v, size_t k)
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

/* ---- --check ---- */

static int parse_check(const char *s, int *bits)
{
	const char *p = s;

	if (!s) {
		*bits = 0;
		return 0;
	}
	if (!*s) {
		*bits = CHK_ALL;
		return 0;
	}
	*bits = 0;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p), i;

		for (i = 0; i < ARRAY_SIZE(check_names); i++)
			if (memeq(p, n, check_names[i].name))
				break;
		if (n && i == ARRAY_SIZE(check_names)) {
			fprintf(stderr, "folio: --check: unknown state '%.*s' (states: "
				"stale, stale-content, stale-safety, missing, orphan, invalid,\n"
				"incomplete, strings)\n",
				(int)n, p);
			return -1;
		}
		if (n)
			*bits |= check_names[i].bit;
		p += n + (comma ? 1 : 0);
	}
	if (!*bits)
		*bits = CHK_ALL;
	return 0;
}

/* Is s a comma-separated list of state names and nothing else? */
static int check_names_only(const char *s, int *bits)
{
	const char *p = s;

	*bits = 0;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p), i;

		for (i = 0; i < ARRAY_SIZE(check_names); i++)
			if (memeq(p, n, check_names[i].name))
				break;
		if (i == ARRAY_SIZE(check_names))
			return 0;
		*bits |= check_names[i].bit;
		p += n + (comma ? 1 : 0);
	}
	return *bits != 0;
}

/* The --check states found, as bits. */
static int failing(const struct view *v)
{
	const struct l10n_report *r = v->r;
	size_t k;
	int found = 0;

	if (diag_count(&r->diags).errors)
		found |= CHK_STRINGS;
	for (k = 0; k < r->nlang; k++) {
		const struct l10n_summary *s = &r->sum[k];

		if (!v->on[k])
			continue;
		found |= (s->stale ? CHK_STALE : 0) | (s->missing ? CHK_MISSING : 0) |
			 (s->orphan ? CHK_ORPHAN : 0) | (s->invalid ? CHK_INVALID : 0) |
			 (s->incomplete ? CHK_INCOMPLETE : 0) |
			 (s->strings_problems ? CHK_STRINGS : 0) |
			 (s->stale_content ? CHK_STALE_CONTENT : 0) |
			 (s->stale_safety ? CHK_STALE_SAFETY : 0);
	}
	return found & v->check;
}

/* ---- text ---- */

enum col { C_LANG, C_CURRENT, C_STALE, C_MISSING, C_ORPHAN, C_INVALID,
	   C_INCOMPLETE, C_STRINGS, C_COVERAGE, C_WORDS, C__N };

static const char *const col_head[C__N] = {
	"language", "current", "stale", "missing", "orphan", "invalid",
	"incomplete", "strings missing", "coverage", "words to translate",
};

static void cell_text(const struct view *v, size_t k, enum col c, struct buf *b)
{
	const struct l10n_summary *s = &v->r->sum[k];

	switch (c) {
	case C_LANG: buf_adds(b, lang_of(v, k)); break;
	case C_CURRENT: add_num(b, s->current); break;
	case C_STALE: add_num(b, s->stale); break;
	case C_MISSING: add_num(b, s->missing); break;
	case C_ORPHAN: add_num(b, s->orphan); break;
	case C_INVALID: add_num(b, s->invalid); break;
	case C_INCOMPLETE: add_num(b, s->incomplete); break;
	case C_STRINGS: add_num(b, s->strings_missing); break;
	case C_COVERAGE:
		if (s->wanted)
			buf_addf(b, "%zu%%", percent(s->current, s->wanted));
		else
			buf_adds(b, "-");
		break;
	case C_WORDS: add_num(b, s->words); break;
	default: break;
	}
}

/* Which colour a table cell gets on a terminal. */
static const char *cell_color(const struct view *v, size_t k, enum col c)
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

static void text_table(const struct view *v, struct buf *out)
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
static void text_lang_head(const struct view *v, size_t k, struct buf *out)
{
	const struct l10n_summary *s = &v->r->sum[k];
	size_t before;

	if (v->color)
		buf_adds(out, "\033[1m");
	buf_addf(out, "%s:", lang_of(v, k));
	before = out->len;
	if (s->missing) {
		buf_adds(out, " ");
		add_num(out, s->missing);
		buf_adds(out, " missing,");
	}
	if (s->stale) {
		buf_adds(out, " ");
		add_num(out, s->stale);
		buf_adds(out, " stale,");
	}
	if (s->incomplete) {
		buf_adds(out, " ");
		add_num(out, s->incomplete);
		buf_adds(out, " incomplete,");
	}
	if (s->orphan) {
		buf_adds(out, " ");
		add_plural(out, s->orphan, "orphan,", "orphans,");
	}
	if (s->invalid) {
		buf_adds(out, " ");
		add_num(out, s->invalid);
		buf_adds(out, " invalid,");
	}
	if (s->strings_problems) {
		buf_adds(out, " ");
		add_plural(out, s->strings_problems, "string problem,",
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
		add_about(out, s->words);
		buf_adds(out, s->words == 1 ? " word" : " words");
	} else {
		buf_setlen(out, out->len - 1);	/* the last comma */
	}
	buf_adds(out, v->color ? "\033[0m\n" : "\n");
}

/* ---- translation QA in the reports (SPEC 13) ---- */

/* The QA of a cell: 1 compared (counts in *q), 0 not checked, -1 n/a. */
static int cell_qa(const struct view *v, const struct l10n_cell *cell,
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

static void add_qa_counts(struct buf *b, const struct qa_counts *q)
{
	if (q->errors)
		add_plural(b, q->errors, "error", "errors");
	if (q->errors && q->warnings)
		buf_adds(b, ", ");
	if (q->warnings)
		add_plural(b, q->warnings, "warning", "warnings");
}

/* "qa: 1 warning; line 24: glossary term ... [qa-glossary]" */
static void text_qa(const struct view *v, const struct l10n_cell *cell,
		    struct buf *out)
{
	struct qa_counts q;
	int st = cell_qa(v, cell, &q);

	if (st < 0 || (st == 1 && !q.first))
		return;
	buf_addf(out, "  %-8s  qa: ", "");
	if (!st) {
		buf_adds(out, "not checked: base text unavailable\n");
		return;
	}
	add_qa_counts(out, &q);
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

static void text_article(const struct view *v, const struct l10n_article *a,
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
	switch (cell->state) {
	case L10N_CURRENT:
		buf_adds(out, "based on ");
		add_date(out, cell->m->tf_updated);
		if (cell->redated) {
			buf_adds(out, ", original dated ");
			add_date(out, o->updated);
			buf_adds(out, " (re-dated, text unchanged)");
		} else {
			buf_adds(out, ", the original's date");
		}
		break;
	case L10N_STALE:
		buf_adds(out, "based on ");
		add_date(out, cell->m->tf_updated);
		buf_adds(out, ", original updated ");
		add_date(out, o->updated);
		l10n_behind_phrase(out, cell);
		buf_adds(out, "), ");
		add_plural(out, o->words, "word", "words");
		add_change(out, cell);
		break;
	case L10N_MISSING:
		if (l10n_taken_phrase(out, v->r, a, k))
			buf_adds(out, "; ");
		buf_adds(out, "original ");
		escape_text_line(out, o->path, strlen(o->path));
		buf_adds(out, " (");
		add_date(out, o->updated);
		buf_adds(out, "), ");
		add_plural(out, o->words, "word", "words");
		break;
	case L10N_ORPHAN:
		buf_addf(out, "translated from '%s' ", cell->m->tf_lang ?
			 cell->m->tf_lang : "?");
		add_date(out, cell->m->tf_updated);
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
static int catalog_summary(const struct view *v, const struct l10n_strings *s,
			   struct buf *msg)
{
	if ((s->exists && s->usable) || !s->n)
		return 0;
	buf_addf(msg, "%s: all ", !s->exists ? "no catalog" :
		 s->empty ? "empty catalog" : "catalog cannot be read");
	add_num(msg, s->n);
	buf_addf(msg, " strings of %s are missing", v->r->strings[v->r->ref].path);
	return 1;
}

/* Print one language's catalog problems, compiler style. */
static void text_strings(const struct view *v, size_t k, struct buf *out)
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

static void text_details(const struct view *v, struct buf *out)
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

static void render_text(const struct view *v, struct buf *out)
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
static void json_qa(const struct view *v, const struct l10n_article *a,
		    struct buf *b)
{
	size_t k;
	int first = 1;

	for (k = 0; k < v->r->nlang; k++) {
		struct qa_counts q;
		int st;

		if (!v->on[k] || (st = cell_qa(v, &a->cells[k], &q)) < 0)
			continue;
		buf_adds(b, first ? ",\"qa\":{" : ",");
		first = 0;
		json_str(b, lang_of(v, k));
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

static void json_article(const struct view *v, const struct l10n_article *a,
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
		json_str(b, lang_of(v, k));
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

static void render_json(const struct view *v, struct buf *b)
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
		json_str(b, lang_of(v, k));
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
		json_str(b, lang_of(v, k));
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
		json_str(b, lang_of(v, k));
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

static enum severity sev_for(const struct view *v, int bit)
{
	return (v->check & bit) ? SEV_ERROR : SEV_WARNING;
}

/* A stale translation fails the --check states that its class reaches. */
static enum severity stale_sev(const struct view *v, const struct l10n_cell *cell)
{
	if ((v->check & CHK_STALE) ||
	    ((v->check & CHK_STALE_CONTENT) &&
	     change_class_at_least(cell->cls, CLASS_CONTENT)) ||
	    ((v->check & CHK_STALE_SAFETY) &&
	     change_class_at_least(cell->cls, CLASS_SAFETY)))
		return SEV_ERROR;
	return SEV_WARNING;
}

static void github_cell(const struct view *v, const struct l10n_article *a,
			size_t k, struct diag_list *d)
{
	const struct l10n_cell *cell = &a->cells[k];
	const struct article_meta *o = a->original, *m = cell->m;
	struct buf msg = BUF_INIT;
	const char *lg = lang_of(v, k);

	switch (cell->state) {
	case L10N_STALE:
		buf_addf(&msg, "stale %s translation of '%s': based on ", lg, a->id);
		add_date(&msg, m->tf_updated);
		buf_addf(&msg, ", the original %s was updated ", o->path);
		add_date(&msg, o->updated);
		l10n_behind_phrase(&msg, cell);
		buf_adds(&msg, ", ");
		add_plural(&msg, o->words, "word)", "words)");
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
		add_plural(&msg, o->words, "word)", "words)");
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

static void render_github(const struct view *v, struct buf *out)
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

/* ---- html: one self-contained page for translators ---- */

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

static void html_lang_name(const struct view *v, size_t k, struct buf *b)
{
	const char *name = v->r->strings[k].autonym;

	buf_adds(b, "<span class=\"code\">");
	h(b, lang_of(v, k));
	buf_adds(b, "</span>");
	if (name) {
		buf_adds(b, " <span lang=\"");
		h(b, lang_of(v, k));
		buf_addf(b, "\"%s>", v->r->c->cfg.rtl[k] ? " dir=\"rtl\"" : "");
		h(b, name);
		buf_adds(b, "</span>");
	}
}

/* A stacked bar: current, stale, missing, orphan+invalid, in 300 px. */
static void html_bar(const struct view *v, size_t k, struct buf *b)
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
	h(b, lang_of(v, k));
	buf_addf(b, ": %zu%% up to date\">", percent(s->current, s->wanted));
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

static void html_todo(const struct view *v, size_t k, struct buf *b)
{
	const struct l10n_summary *s = &v->r->sum[k];
	size_t before;

	if (!s->wanted && !s->orphan && !s->invalid) {
		buf_adds(b, "Nothing to translate: every article was written in "
			 "this language.");
		return;
	}
	buf_addf(b, "%zu of %zu up to date (%zu%%).", s->current, s->wanted,
		 percent(s->current, s->wanted));
	before = b->len;
	buf_adds(b, " To do:");
	if (s->missing) {
		buf_adds(b, " translate ");
		add_plural(b, s->missing, "article,", "articles,");
	}
	if (s->stale) {
		buf_adds(b, " update ");
		add_plural(b, s->stale, "article,", "articles,");
	}
	if (s->incomplete) {
		buf_adds(b, " complete ");
		add_plural(b, s->incomplete, "article,", "articles,");
	}
	if (s->orphan + s->invalid) {
		buf_adds(b, " fix ");
		add_plural(b, s->orphan + s->invalid, "file,", "files,");
	}
	if (s->strings_problems) {
		buf_adds(b, " fix ");
		add_plural(b, s->strings_problems, "interface string,",
			   "interface strings,");
	}
	if (b->len - before == strlen(" To do:")) {
		buf_setlen(b, before);
		buf_adds(b, " Nothing to do.");
		return;
	}
	buf_setlen(b, b->len - 1);
	buf_addc(b, '.');
	if (s->words) {
		buf_adds(b, " About ");
		add_about(b, s->words);
		buf_adds(b, " words to translate.");
	}
}

/* A date never breaks across lines: "2023-\n11" reads as two numbers. */
static void html_date(struct buf *b, struct date d)
{
	buf_adds(b, "<span class=\"d\">");
	add_date(b, d);
	buf_adds(b, "</span>");
}

/* The QA findings of a current cell: counts, the first in a tooltip. */
static void html_qa(const struct view *v, const struct l10n_cell *cell,
		    struct buf *b)
{
	struct qa_counts q;
	struct buf t = BUF_INIT;
	int st = cell_qa(v, cell, &q);

	/* a stale cell says out of date already: QA waits for the update */
	if (st <= 0 || !q.first)
		return;
	buf_adds(&t, "QA: ");
	add_qa_counts(&t, &q);
	buf_addf(b, "<span class=\"warn qa\" title=\"");
	h(b, q.first->message);
	buf_addf(b, " [%s], line %u\">\xE2\x9A\xA0 ", rule_table[q.first->rule].id,
		 q.first->line);
	h(b, t.buf);
	buf_adds(b, "</span>");
	buf_release(&t);
}

static void html_cell(const struct view *v, const struct l10n_article *a,
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
		add_plural(b, o->words, "word", "words");
		break;
	case L10N_CURRENT:
		buf_adds(b, "based on the version of ");
		html_date(b, m->tf_updated);
		if (cell->redated)
			buf_adds(b, " (re-dated, text unchanged)");
		break;
	case L10N_STALE:
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
		break;
	case L10N_MISSING: {
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
		add_about(b, o->words);
		buf_adds(b, " words");
		free(p);
		break;
	}
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
	if (cell->incomplete) {
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
	html_qa(v, cell, b);
	buf_adds(b, "</td>");
}

static void html_strings(const struct view *v, struct buf *b)
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
			add_num(b, s->n);
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

static void render_html(const struct view *v, struct buf *b)
{
	const struct l10n_report *r = v->r;
	struct date today = date_today();
	size_t i, k, nart = 0;
	unsigned s;
	char day[16];

	for (i = 0; i < r->n; i++)
		nart += r->articles[i].selected;
	date_format(today, day);
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		 "content=\"width=device-width, initial-scale=1\">\n"
		 "<title>Translation status</title>\n<style>\n");
	buf_adds(b, html_style);
	/* landmarks: a screen reader goes to the main content directly */
	buf_adds(b, "</style>\n</head>\n<body>\n<main>\n"
		 "<h1>Translation status</h1>\n");
	buf_addf(b, "<p class=\"lead\">The state on %s of ", day);
	add_plural(b, nart, "article", "articles");
	buf_adds(b, " in every language. Each article is written in one language "
		 "(its original) and translated into the others; a translation "
		 "is out of date when the original was changed after it was "
		 "made.</p>\n");

	buf_adds(b, "<h2>Progress by language</h2>\n<table class=\"cov\">\n");
	for (k = 0; k < r->nlang; k++) {
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
	html_strings(v, b);
	buf_adds(b, "</main>\n<footer>Made by <span class=\"code\">folio l10n</span>. "
		 "After updating a translation, run <span class=\"code\">folio "
		 "stamp FILE</span> to mark it up to date.</footer>\n"
		 "</body>\n</html>\n");
}

/* ---- output and the command ---- */

/*
 * Write data to path atomically (atomic.h), so a reader never sees half a
 * report.  The mode of an existing file is kept; a new one gets 0666 less
 * the umask.
 */
static int write_atomic(const char *path, const char *data, size_t len)
{
	struct stat st;

	return atomic_write(path, data, len,
			    stat(path, &st) == 0 ? st.st_mode & 07777 : ATOMIC_UMASK,
			    1);
}

static int print_corpus_errors(struct diag_list *d)
{
	struct diag_out o = { FMT_TEXT, 0, 0 };
	size_t i;

	diag_list_sort(d);
	for (i = 0; i < d->n; i++)
		diag_print_one(&d->v[i], &o, stderr);
	return EXIT_USAGE;
}

int cmd_l10n(int argc, const char **argv, const struct global_opts *g)
{
	struct corpus c;
	struct diag_list d = DIAG_LIST_INIT, qa = DIAG_LIST_INIT;
	struct glossary *glossary;
	unsigned char *qa_compared = NULL;
	struct qa_stream *qa_stream;
	struct l10n_report r;
	struct opt_list langs = { NULL, 0, 0, NULL, 0 };
	struct view v;
	struct buf out = BUF_INIT, diff_path = BUF_INIT;
	enum diag_format format = FMT_TEXT;
	const char *format_name = "text", *check = NULL, *output = NULL;
	unsigned char *on = NULL;
	int quiet = 0, jobs = default_jobs(), first, nargs, ret, built = 0;
	size_t k, n;
	const struct opt opts[] = {
		{ "lang", 0, OPT_LIST, &langs, "L", "report only language L (repeatable)" },
		{ "check", 0, OPT_OPTIONAL, &check, "STATES",
		  "exit 1 when any of these states exists" },
		{ "format", 0, OPT_STRING, &format_name, "F", "text, json, github or html" },
		{ "output", 'o', OPT_STRING, &output, "FILE",
		  "write the report to FILE (atomically)" },
		{ "quiet", 'q', OPT_FLAG, &quiet, NULL,
		  "leave out what needs no work, and warnings" },
		{ "jobs", 'j', OPT_INT, &jobs, "N", "read N files at once (default: CPUs)" },
		{ NULL, 0, 0, NULL, NULL, NULL },
	};

	memset(&c, 0, sizeof(c));
	memset(&v, 0, sizeof(v));
	ret = opts_parse(argc, argv, opts, usage_line, about, &first, &nargs);
	if (ret) {
		ret = ret > 0 ? EXIT_OK : EXIT_USAGE;
		goto out;
	}
	ret = EXIT_USAGE;
	if (diag_parse_format(format_name, &format) < 0) {
		fprintf(stderr, "folio: --format must be text, json, github or html, "
			"got '%s'\n", format_name);
		goto out;
	}
	if (parse_check(check, &v.check) < 0)
		goto out;
	/* "-o -" is the standard output, as everywhere else */
	if (output && !strcmp(output, "-"))
		output = NULL;
	/*
	 * "--check stale": an optional value must follow '=', so "stale"
	 * came as a PATH.  When no such file exists but it names states,
	 * say what was meant rather than "cannot open".
	 */
	if (check && !*check && nargs && access(argv[first], F_OK) < 0) {
		int bits;

		if (check_names_only(argv[first], &bits)) {
			fprintf(stderr, "folio: no file '%s': to limit --check to "
				"those states, write --check=%s\n", argv[first],
				argv[first]);
			goto out;
		}
	}
	if (corpus_open(&c, nargs ? argv[first] : NULL, jobs, &d) < 0 ||
	    corpus_select(&c, argv + first, nargs, &d) < 0) {
		ret = print_corpus_errors(&d);
		goto out;
	}
	on = cmd_lang_select(&c.cfg, langs.v, langs.n);
	if (!on)
		goto out;
	/* per-file problems are validate's to print; invalid cells quote them */
	/* translation QA (SPEC 13): each current translation's findings,
	 * worked out in the index's parse of each body */
	glossary = glossary_load(&c, &qa);
	diag_list_release(&qa);
	memcpy(qa.ignored, c.cfg.ignore, sizeof(qa.ignored));
	qa_compared = xcalloc(c.n + 1, 1);
	qa_stream = qa_stream_begin(&c, glossary, QA_COMPARE_ONLY, qa_compared);
	corpus_index(&c, INDEX_BODY | INDEX_WORDS | INDEX_NO_LINKS | INDEX_DIGEST |
		     INDEX_FM_WHERE, &d);
	qa_stream_finish(qa_stream, &c, &qa);
	glossary_free(glossary);
	l10n_build(&r, &c, &d);
	built = 1;
	diag_list_relevel(&qa, c.cfg.level);
	diag_list_sort(&qa);
	v.qa = &qa;
	v.qa_compared = qa_compared;
	l10n_classify(&r, c.jobs);
	if (format == FMT_HTML && output) {
		/* the dashboard links each stale cell to a page beside it */
		const char *slash = strrchr(output, '/');
		const char *dot = strrchr(slash ? slash : output, '.');

		buf_add(&diff_path, output, dot ? (size_t)(dot - output) : strlen(output));
		buf_adds(&diff_path, "-diff.html");
		v.diff_href = diff_path.buf + (slash ? (size_t)(slash + 1 - output) : 0);
	}

	v.r = &r;
	v.on = on;
	v.quiet = quiet;
	v.color = g->color && !output && format == FMT_TEXT;
	for (n = 0, k = 0; k < c.n; k++)
		n += c.selected[k];
	for (k = 0; k < c.cfg.nlang; k++)
		n += r.strings[k].exists;
	v.nfiles = n;
	switch (format) {
	case FMT_JSON: render_json(&v, &out); break;
	case FMT_GITHUB: render_github(&v, &out); break;
	case FMT_HTML: render_html(&v, &out); break;
	default: render_text(&v, &out); break;
	}
	if (!quiet) {
		struct diag_out dout = { FMT_TEXT, 0, 0 };

		for (k = 0; k < r.base_diags.n; k++)
			diag_print_one(&r.base_diags.v[k], &dout, stderr);
	}
	if (v.diff_href) {
		struct diff_set set;
		struct buf page = BUF_INIT;

		diff_collect(&set, &r, on, c.jobs);
		diff_render_html(&set, CLASS_EDITORIAL, &page);
		if (write_atomic(diff_path.buf, page.buf, page.len) < 0) {
			fprintf(stderr, "folio: %s: cannot write the diff page of %s: %s [%s]\n",
				diff_path.buf, output, errmsg(errno), rule_table[R_WRITE].id);
			ret = EXIT_SYSTEM;
			diff_set_release(&set);
			buf_release(&page);
			goto out;
		}
		diff_set_release(&set);
		buf_release(&page);
	}
	if (output) {
		if (write_atomic(output, out.buf, out.len) < 0) {
			fprintf(stderr, "folio: %s: cannot write: %s [%s]\n", output,
				errmsg(errno), rule_table[R_WRITE].id);
			ret = EXIT_SYSTEM;
			goto out;
		}
	} else if (fwrite(out.buf, 1, out.len, stdout) != out.len ||
		   fflush(stdout) != 0) {
		fprintf(stderr, "folio: cannot write the report: %s [%s]\n",
			errmsg(errno), rule_table[R_WRITE].id);
		ret = EXIT_SYSTEM;
		goto out;
	}
	ret = EXIT_OK;
	if (v.check) {
		int bits = failing(&v);

		if (bits) {
			if (!quiet) {
				size_t j;
				int sep = 0;

				fprintf(stderr, "folio: l10n check failed:");
				for (j = 0; j < ARRAY_SIZE(check_names); j++)
					if (bits & check_names[j].bit)
						fprintf(stderr, "%s %s", sep++ ? "," : "",
							check_names[j].name);
				fputc('\n', stderr);
			}
			ret = EXIT_FINDINGS;
		}
	}
out:
	if (built)
		l10n_release(&r);
	free(on);
	buf_release(&out);
	buf_release(&diff_path);
	opt_list_release(&langs);
	corpus_release(&c);
	diag_list_release(&d);
	diag_list_release(&qa);
	free(qa_compared);
	return ret;
}
