/*
 * l10n.c - article states, structure comparison and catalog comparison
 * (SPEC 7.1 and 7.3).  Everything is computed here once; the formats in
 * cmd_l10n.c only read the report.
 */
#include "l10n.h"
#include "buf.h"
#include "corpus.h"
#include "integrity.h"
#include "markdown.h"
#include "pool.h"
#include "qa.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

const char *l10n_state_name(enum l10n_state s)
{
	switch (s) {
	case L10N_CURRENT: return "current";
	case L10N_STALE: return "stale";
	case L10N_MISSING: return "missing";
	case L10N_ORPHAN: return "orphan";
	case L10N_INVALID: return "invalid";
	default: return "original";
	}
}

/* ---- grouping the corpus by id ---- */

/*
 * One file of the corpus as l10n sees it.  A file whose frontmatter
 * gives no id or lang still has a place: the recommended layout
 * <id>/<lang>.md names them, so a broken translation shows up where the
 * translator expects it, as `invalid`.
 */
struct entry {
	const char *id, *lang;	/* borrowed from the meta, or from guess */
	size_t idx;		/* in c->articles */
	int guessed;
	char *guess;		/* owned: "id\0lang" when guessed */
};

static int cmp_entry(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);

	if (c)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* <dir>/<id>/<lang>.md: the id and lang the layout gives, or -1. */
static int guess_from_path(const char *relpath, struct entry *e)
{
	const char *slash = strrchr(relpath, '/'), *dir;
	size_t dlen, llen;

	if (!slash)
		return -1;
	dir = slash;
	while (dir > relpath && dir[-1] != '/')
		dir--;
	dlen = (size_t)(slash - dir);
	llen = strlen(slash + 1);
	if (!dlen || llen <= 3)
		return -1;
	llen -= 3;	/* ".md" */
	e->guess = xmalloc(dlen + llen + 2);
	memcpy(e->guess, dir, dlen);
	e->guess[dlen] = '\0';
	memcpy(e->guess + dlen + 1, slash + 1, llen);
	e->guess[dlen + 1 + llen] = '\0';
	e->id = e->guess;
	e->lang = e->guess + dlen + 1;
	e->guessed = 1;
	return 0;
}

/*
 * Why a file cannot be used: the first error corpus_index() reported in
 * it (its diagnostics are in path order, so the first is the cause).
 */
static const struct diag *first_error(const struct diag_list *d, const char *file)
{
	size_t i;

	for (i = 0; d && i < d->n; i++)
		if (d->v[i].severity == SEV_ERROR && d->v[i].file &&
		    !strcmp(d->v[i].file, file))
			return &d->v[i];
	return NULL;
}

static void set_reason(struct l10n_cell *cell, struct pos p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_reason(struct l10n_cell *cell, struct pos p, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(cell->reason);
	cell->reason = buf_detach(&b, NULL);
	cell->state = L10N_INVALID;
	cell->line = p.line;
	cell->col = p.col;
}

static void unusable(struct l10n_cell *cell, const struct article_meta *m,
		     const struct diag_list *index_diags)
{
	const struct diag *d = first_error(index_diags, m->path);
	struct pos p = { 1, 1 };

	if (m->usable) {
		p.line = 2;
		set_reason(cell, p, "no %s in the frontmatter",
			   !m->id ? "'id'" : "'lang'");
	} else if (d) {
		p.line = d->line;
		p.col = d->col;
		set_reason(cell, p, "%s [%s]", d->message, rule_table[d->rule].id);
	} else {
		set_reason(cell, p, "frontmatter cannot be read");
	}
}

/* ---- structure ---- */

/* A stretch of body under one heading (section 0: before the first). */
struct section {
	int level;
	struct pos pos;		/* of the heading */
	struct block_counts n;	/* blocks below it, headings not counted */
};

struct sections {
	struct section *v;
	size_t n, alloc;
	const struct md_src *src;
	int li_depth, in_heading, heading_pos_set;
};

static struct section *cur_section(struct sections *s)
{
	return &s->v[s->n - 1];
}

static int sec_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct sections *s = ud;

	switch (type) {
	case MD_BLOCK_H:
		GROW(s->v, s->alloc, s->n + 1);
		memset(&s->v[s->n], 0, sizeof(s->v[0]));
		s->v[s->n].level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
		s->n++;
		s->in_heading = 1;
		s->heading_pos_set = 0;
		break;
	case MD_BLOCK_P:
		/* as markdown.c counts them: a list item's paragraphs are the item */
		if (!s->li_depth)
			cur_section(s)->n.paragraphs++;
		break;
	case MD_BLOCK_LI:
		s->li_depth++;
		cur_section(s)->n.list_items++;
		break;
	case MD_BLOCK_TABLE:
		cur_section(s)->n.tables++;
		break;
	default:
		break;
	}
	return 0;
}

static int sec_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct sections *s = ud;

	(void)detail;
	if (type == MD_BLOCK_H)
		s->in_heading = 0;
	else if (type == MD_BLOCK_LI)
		s->li_depth--;
	return 0;
}

static int sec_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct sections *s = ud;

	(void)detail;
	if (type == MD_SPAN_IMG)
		cur_section(s)->n.images++;
	else if (type == MD_SPAN_A)
		cur_section(s)->n.links++;
	return 0;
}

static int sec_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	(void)type;
	(void)detail;
	(void)ud;
	return 0;
}

static int sec_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
	struct sections *s = ud;

	(void)type;
	(void)size;
	if (s->in_heading && !s->heading_pos_set) {
		struct pos p = md_src_pos(s->src, text);

		/* md4c hands the text, not the '#': point at the line start */
		if (p.line) {
			cur_section(s)->pos.line = p.line;
			cur_section(s)->pos.col = 1;
		}
		s->heading_pos_set = 1;
	}
	return 0;
}

/* Read a file again and cut its body into sections.  -1: unreadable. */
static int read_sections(const char *path, struct sections *s)
{
	struct article a;
	struct diag_list ignored = DIAG_LIST_INIT;
	struct md_src src;
	MD_PARSER p;
	int ret = -1;

	memset(s, 0, sizeof(*s));
	GROW(s->v, s->alloc, 1);
	memset(&s->v[0], 0, sizeof(s->v[0]));
	s->n = 1;
	article_init(&a, path);
	/* the index has reported this file's problems already */
	article_load(&a, path, &ignored);
	if (!a.body)
		goto out;
	md_src_init(&src, a.body, a.body_len, a.body_line);
	s->src = &src;
	memset(&p, 0, sizeof(p));
	p.enter_block = sec_enter_block;
	p.leave_block = sec_leave_block;
	p.enter_span = sec_enter_span;
	p.leave_span = sec_leave_span;
	p.text = sec_text;
	ret = md_run(&src, &p, s) == 0 ? 0 : -1;
	s->src = NULL;
	md_src_release(&src);
out:
	article_release(&a);
	diag_list_release(&ignored);
	return ret;
}

static int counts_equal(const struct block_counts *a, const struct block_counts *b)
{
	return a->paragraphs == b->paragraphs && a->list_items == b->list_items &&
	       a->tables == b->tables && a->images == b->images &&
	       a->links == b->links;
}

static int fewer(const struct block_counts *t, const struct block_counts *o)
{
	return t->headings < o->headings || t->paragraphs < o->paragraphs ||
	       t->list_items < o->list_items || t->tables < o->tables ||
	       t->images < o->images || t->links < o->links;
}

/* The cost of matching two headings: -1 when they cannot match. */
static int match_cost(const struct section *o, const struct section *t)
{
	if (o->level != t->level)
		return -1;
	return counts_equal(&o->n, &t->n) ? 0 : 1;
}

/*
 * Align the headings of the translation with those of the original, as
 * an edit distance: a heading of the same level matches (free when the
 * blocks below agree, at a small cost otherwise), a heading of another
 * level never does, and leaving out a heading on either side costs 2.
 * The costs are those of the rest of both texts (suffixes), so that the
 * walk from the start can prefer matching early headings: when sections
 * look alike, the one left out is the later one, as when a translator
 * stopped before the end.  Returns the index of the first heading of the
 * original without a counterpart, 0 when none; *short_section gets the
 * first matched section whose translation has fewer blocks, (size_t)-1
 * for the text before the first heading, 0 when none.
 */
static size_t unmatched_heading(const struct sections *o, const struct sections *t,
				size_t *short_section)
{
	size_t n = o->n, m = t->n, i, j, found = 0;
	unsigned *cost;
#define C(i, j) cost[(i) * (m + 1) + (j)]

	*short_section = 0;
	if (fewer(&t->v[0].n, &o->v[0].n))
		*short_section = (size_t)-1;
	/*
	 * The table costs n * m: past a few million cells (thousands of
	 * headings on both sides, which no real article has) headings are
	 * paired by position, so that memory and time stay bounded.
	 */
	if ((n + 1) > 4000000 / (m + 1)) {
		for (i = 1; i < n; i++) {
			if (i >= m || match_cost(&o->v[i], &t->v[i]) < 0)
				return i;
			if (!*short_section && fewer(&t->v[i].n, &o->v[i].n))
				*short_section = i;
		}
		return 0;
	}
	cost = xcalloc((n + 1) * (m + 1), sizeof(*cost));
	/* C(i, j): aligning headings o[i..n) with t[j..m); index 0 is the intro */
	for (i = n; i-- > 1; )
		C(i, m) = C(i + 1, m) + 2;
	for (j = m; j-- > 1; )
		C(n, j) = C(n, j + 1) + 2;
	for (i = n; i-- > 1; ) {
		for (j = m; j-- > 1; ) {
			unsigned best = C(i + 1, j) + 2, c = C(i, j + 1) + 2;
			int mc = match_cost(&o->v[i], &t->v[j]);

			if (c < best)
				best = c;
			if (mc >= 0 && C(i + 1, j + 1) + (unsigned)mc < best)
				best = C(i + 1, j + 1) + (unsigned)mc;
			C(i, j) = best;
		}
	}
	i = 1;
	j = 1;
	while (i < n) {
		int mc = j < m ? match_cost(&o->v[i], &t->v[j]) : -1;

		if (mc >= 0 && C(i, j) == C(i + 1, j + 1) + (unsigned)mc) {
			if (!*short_section && fewer(&t->v[j].n, &o->v[i].n))
				*short_section = i;
			i++;
			j++;
		} else if (j < m && C(i, j) == C(i, j + 1) + 2) {
			j++;
		} else {
			if (!found)
				found = i;
			i++;
		}
	}
	free(cost);
#undef C
	return found;
}

static void compare_structure(struct l10n_cell *cell, const struct article_meta *orig)
{
	const struct article_meta *tr = cell->m;
	struct sections o, t;
	size_t k, sh;

	memset(&o, 0, sizeof(o));
	memset(&t, 0, sizeof(t));
	cell->st.orig = orig->counts;
	cell->st.trans = tr->counts;
	if (!fewer(&tr->counts, &orig->counts))
		return;
	cell->incomplete = 1;
	if (read_sections(orig->path, &o) < 0 || read_sections(tr->path, &t) < 0)
		goto out;
	k = unmatched_heading(&o, &t, &sh);
	if (k) {
		cell->st.lost = 1;
	} else if (sh == (size_t)-1) {
		cell->st.intro = 1;
	} else {
		k = sh;		/* no heading lost: name the section that shrank */
	}
	if (k && k - 1 < orig->nheadings) {
		cell->st.heading = xstrdup(orig->headings[k - 1]);
		cell->st.heading_line = o.v[k].pos.line;
	}
out:
	free(o.v);
	free(t.v);
}

/* ---- states ---- */

static void judge(struct l10n_cell *cell, const struct article_meta *orig)
{
	const struct article_meta *m = cell->m;
	char a[16], b[16];
	struct pos at = m->tf_updated_pos.line ? m->tf_updated_pos : m->tf_pos;
	int cmp;

	if (!m->tf_lang) {
		set_reason(cell, m->tf_pos,
			   "'translated_from' names no language ('lang')");
		return;
	}
	if (!orig->lang || strcmp(m->tf_lang, orig->lang) != 0) {
		set_reason(cell, m->tf_lang_pos,
			   "translated from '%s', but the original %s is in '%s'",
			   m->tf_lang, orig->path, orig->lang ? orig->lang : "?");
		return;
	}
	if (!m->tf_updated.y) {
		set_reason(cell, at, "'translated_from.updated' is missing or not "
			   "a date YYYY-MM or YYYY-MM-DD");
		return;
	}
	/* a base that is no digest says nothing of the text: not the dates
	 * either, as if it were absent (validate reports it too) */
	if (m->tf_base_bad) {
		set_reason(cell, m->tf_base_pos.line ? m->tf_base_pos : m->tf_pos,
			   "'translated_from.base' must be 16 hexadecimal digits "
			   "(the digest folio stamp writes)");
		return;
	}
	if (!orig->updated.y) {
		set_reason(cell, at, "the original %s has no valid 'updated' date "
			   "to compare with", orig->path);
		return;
	}
	cmp = date_cmp(m->tf_updated, orig->updated);
	date_format(m->tf_updated, a);
	date_format(orig->updated, b);
	/* with a base, the text decides, whatever the dates (SPEC 12.2) */
	if (m->tf_base[0] && orig->digest[0]) {
		cell->based = 1;
		cell->line = at.line;
		cell->col = at.col;
		if (!strcmp(m->tf_base, orig->digest)) {
			cell->state = L10N_CURRENT;
			cell->redated = cmp != 0;
		} else {
			cell->state = L10N_STALE;
			cell->cls = CLASS_UNKNOWN;
			cell->months_behind = cmp < 0 ?
				date_months(m->tf_updated, orig->updated) : 0;
			if (cell->months_behind < 0)
				cell->months_behind = 0;
		}
		compare_structure(cell, orig);
		return;
	}
	if (cmp > 0) {
		set_reason(cell, at, "'translated_from.updated' %s is later than "
			   "the original's 'updated' %s", a, b);
		return;
	}
	cell->line = at.line;
	cell->col = at.col;
	if (cmp == 0) {
		cell->state = L10N_CURRENT;
	} else {
		cell->state = L10N_STALE;
		cell->cls = CLASS_UNKNOWN;	/* no base: nothing known harmless */
		cell->months_behind = date_months(m->tf_updated, orig->updated);
		if (cell->months_behind < 0)
			cell->months_behind = 0;
		/* "0 months behind" tells a translator nothing: say days */
		if (!cell->months_behind && m->tf_updated.d && orig->updated.d)
			cell->days_behind = date_days(m->tf_updated, orig->updated);
	}
	compare_structure(cell, orig);
}

/* Fill one article's cells from its files (entries e[0..n), path order). */
static void build_article(struct l10n_report *r, struct l10n_article *art,
			  const struct entry *e, size_t n,
			  const struct diag_list *index_diags)
{
	const struct corpus *c = r->c;
	size_t i, k;

	art->cells = xcalloc(r->nlang ? r->nlang : 1, sizeof(*art->cells));
	art->orig_lang = -1;
	for (i = 0; i < n; i++) {
		const struct article_meta *m = &c->articles[e[i].idx];

		if (!e[i].guessed && !m->translated) {
			art->original = m;
			art->orig_lang = config_lang(&c->cfg, m->lang);
			break;
		}
	}
	for (i = 0; i < n; i++) {
		const struct article_meta *m = &c->articles[e[i].idx];
		int li = config_lang(&c->cfg, e[i].lang);
		struct l10n_cell *cell;

		if (c->selected[e[i].idx])
			art->selected = 1;
		/* unknown languages and duplicates are validate's to report */
		if (li < 0 || m == art->original || art->cells[li].m)
			continue;
		if (li == art->orig_lang && art->original)
			continue;
		cell = &art->cells[li];
		cell->m = m;
		if (e[i].guessed) {
			unusable(cell, m, index_diags);
		} else if (!m->translated) {
			set_reason(cell, m->id_pos, "a second original of '%s' (no "
				   "'translated_from'): the original is %s",
				   art->id, art->original->path);
		} else if (!art->original) {
			cell->state = L10N_ORPHAN;
			cell->line = m->tf_pos.line;
			cell->col = m->tf_pos.col;
		} else {
			judge(cell, art->original);
		}
	}
	if (!art->original)
		return;
	for (k = 0; k < r->nlang; k++)
		if ((int)k != art->orig_lang && !art->cells[k].m)
			art->cells[k].state = L10N_MISSING;
}

static void build_articles(struct l10n_report *r, const struct diag_list *index_diags)
{
	const struct corpus *c = r->c;
	struct entry *e = xcalloc(c->n ? c->n : 1, sizeof(*e));
	size_t i, n = 0, start, alloc = 0;

	for (i = 0; i < c->n; i++) {
		const struct article_meta *m = &c->articles[i];

		e[n].idx = i;
		if (m->usable && m->id && m->lang) {
			e[n].id = m->id;
			e[n].lang = m->lang;
		} else if (guess_from_path(m->relpath, &e[n]) < 0) {
			continue;	/* no place for it: validate reports it */
		}
		n++;
	}
	if (n)
		qsort(e, n, sizeof(*e), cmp_entry);
	for (start = 0; start < n; ) {
		size_t end = start + 1;
		struct l10n_article *art;

		while (end < n && !strcmp(e[end].id, e[start].id))
			end++;
		GROW(r->articles, alloc, r->n + 1);
		art = &r->articles[r->n++];
		memset(art, 0, sizeof(*art));
		art->id = xstrdup(e[start].id);
		build_article(r, art, e + start, end - start, index_diags);
		start = end;
	}
	for (i = 0; i < n; i++)
		free(e[i].guess);
	free(e);
}

static void summarize(struct l10n_report *r)
{
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		const struct l10n_article *a = &r->articles[i];

		if (!a->selected)
			continue;
		for (k = 0; k < r->nlang; k++) {
			const struct l10n_cell *cell = &a->cells[k];
			struct l10n_summary *s = &r->sum[k];

			if (a->original && (int)k != a->orig_lang)
				s->wanted++;
			switch (cell->state) {
			case L10N_CURRENT: s->current++; break;
			case L10N_STALE: s->stale++; break;
			case L10N_MISSING: s->missing++; break;
			case L10N_ORPHAN: s->orphan++; break;
			case L10N_INVALID: s->invalid++; break;
			default: break;
			}
			if (cell->incomplete)
				s->incomplete++;
			if ((cell->state == L10N_CURRENT || cell->state == L10N_STALE) &&
			    !cell->based)
				s->dated_only++;
			if (cell->state == L10N_STALE &&
			    change_class_at_least(cell->cls, CLASS_CONTENT))
				s->stale_content++;
			if (cell->state == L10N_STALE &&
			    change_class_at_least(cell->cls, CLASS_SAFETY))
				s->stale_safety++;
			if (cell->state == L10N_MISSING || cell->state == L10N_STALE)
				s->words += a->original->words;
		}
	}
}

/* ---- string catalogs ---- */

struct cmp_ctx {
	struct l10n_strings *s;
	const struct l10n_strings *ref;
	const struct ynode *same_ok;	/* the catalog's same_ok list */
	struct buf key;
};

static void issue(struct cmp_ctx *x, enum rule rule, const struct ynode *at,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void issue(struct cmp_ctx *x, enum rule rule, const struct ynode *at,
		  const char *fmt, ...)
{
	struct l10n_strings *s = x->s;
	struct l10n_issue *is;
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	GROW(s->v, s->alloc, s->n + 1);
	is = &s->v[s->n++];
	is->rule = rule;
	is->key = xstrndup(x->key.buf, x->key.len);
	is->line = at ? at->line : 0;
	is->col = at ? at->col : 0;
	is->message = buf_detach(&msg, NULL);
}

static int is_empty(const struct ynode *n)
{
	size_t i;

	if (!n || n->type == Y_NULL)
		return 1;
	if (n->type == Y_SEQ || n->type == Y_MAP)
		return n->n == 0;
	for (i = 0; i < n->len; i++)
		if (n->str[i] != ' ' && n->str[i] != '\t' && n->str[i] != '\n')
			return 0;
	return 1;
}

/* Does the text hold a letter?  ", " or "، " need no translation. */
static int has_letter(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;

	while (n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp);

		if (len <= 0)
			return 0;
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO:
			return 1;
		default:
			break;
		}
		p += len;
		n -= (size_t)len;
	}
	return 0;
}

/* The {name} placeholders of s, sorted and unique, as "{a} {b}". */
static void placeholders(const char *s, size_t n, struct buf *out)
{
	char **v = NULL;
	size_t nv = 0, alloc = 0, i, j;

	for (i = 0; i < n; i++) {
		if (s[i] != '{')
			continue;
		for (j = i + 1; j < n && (s[j] == '_' || s[j] == '-' ||
			(s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
			(s[j] >= '0' && s[j] <= '9')); j++)
			;
		if (j < n && s[j] == '}' && j > i + 1) {
			GROW(v, alloc, nv + 1);
			v[nv++] = xstrndup(s + i, j + 1 - i);
			i = j;
		}
	}
	for (i = 1; i < nv; i++)	/* few: insertion sort */
		for (j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (i = 0; i < nv; i++)
		if (!i || strcmp(v[i], v[i - 1]))
			buf_addf(out, "%s%s", out->len ? " " : "", v[i]);
	for (i = 0; i < nv; i++)
		free(v[i]);
	free(v);
}

/* Items of the space-separated set a that are not in b, into out. */
static void set_minus(const char *a, const char *b, struct buf *out)
{
	const char *p = a;

	while (*p) {
		const char *q = strchr(p, ' ');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		const char *f = b;
		int found = 0;

		while (*f && !found) {
			const char *g = strchr(f, ' ');
			size_t m = g ? (size_t)(g - f) : strlen(f);

			found = m == n && !memcmp(f, p, n);
			f += m + (g ? 1 : 0);
		}
		if (!found)
			buf_addf(out, "%s%.*s", out->len ? ", " : "", (int)n, p);
		p += n + (q ? 1 : 0);
	}
}

static void check_placeholders(struct cmp_ctx *x, const struct ynode *ref,
			       const struct ynode *v)
{
	struct buf a = BUF_INIT, b = BUF_INIT, lack = BUF_INIT, extra = BUF_INIT;

	placeholders(ref->str, ref->len, &a);
	placeholders(v->str, v->len, &b);
	if (strcmp(a.buf, b.buf) != 0) {
		set_minus(a.buf, b.buf, &lack);
		set_minus(b.buf, a.buf, &extra);
		issue(x, R_STRINGS_PLACEHOLDERS, v,
		      "placeholders of '%s' differ from the reference:%s%s%s%s%s",
		      x->key.buf, lack.len ? " missing " : "", lack.buf,
		      lack.len && extra.len ? ";" : "",
		      extra.len ? " unknown " : "", extra.buf);
	}
	buf_release(&a);
	buf_release(&b);
	buf_release(&lack);
	buf_release(&extra);
}

static int same_ok(const struct cmp_ctx *x)
{
	size_t i;

	if (!x->same_ok || x->same_ok->type != Y_SEQ)
		return 0;
	for (i = 0; i < x->same_ok->n; i++) {
		const char *k = ynode_scalar(x->same_ok->items[i]);
		size_t n = k ? strlen(k) : 0;

		/* a key, or a mapping above it ("sections" exempts sections.*) */
		if (n && !strncmp(x->key.buf, k, n) &&
		    (x->key.buf[n] == '\0' || x->key.buf[n] == '.'))
			return 1;
	}
	return 0;
}

static void check_untranslated(struct cmp_ctx *x, const struct ynode *ref,
			       const struct ynode *v)
{
	if (ref->len == v->len && !memcmp(ref->str, v->str, v->len) &&
	    has_letter(v->str, v->len) && !same_ok(x))
		issue(x, R_STRINGS_UNTRANSLATED, v,
		      "string '%s' is the same as the reference ('%s'); if that is "
		      "right, list it in 'same_ok'", x->key.buf, v->str);
}

static const char *what_is(const struct ynode *n)
{
	switch (n->type) {
	case Y_SEQ: return "a list";
	case Y_MAP: return "a mapping";
	default: return "a string";
	}
}

static void compare_node(struct cmp_ctx *x, const struct ynode *ref,
			 const struct ynode *ref_key, const struct ynode *v,
			 const struct ynode *key_at);

static void push_key(struct buf *b, const char *k, size_t *saved)
{
	*saved = b->len;
	if (b->len)
		buf_addc(b, '.');
	buf_adds(b, k);
}

/* Every string below ref is missing; at: where to point in the catalog. */
static void all_missing(struct cmp_ctx *x, const struct ynode *ref,
			const struct ynode *ref_key, const struct ynode *at,
			const char *why)
{
	size_t i, saved;

	if (ref->type == Y_MAP) {
		for (i = 0; i < ref->n; i++) {
			const char *k = ynode_scalar(ref->pairs[i].key);

			if (!x->key.len && !strcmp(k, "same_ok"))
				continue;
			push_key(&x->key, k, &saved);
			all_missing(x, ref->pairs[i].value, ref->pairs[i].key, at, why);
			buf_setlen(&x->key, saved);
		}
		return;
	}
	issue(x, R_STRINGS_MISSING, at, "missing string '%s'%s (reference: %s:%u:%u)",
	      x->key.buf, why, x->ref->path, ref_key->line, ref_key->col);
}

static void compare_map(struct cmp_ctx *x, const struct ynode *ref,
			const struct ynode *v, int top)
{
	size_t i, saved;

	for (i = 0; i < ref->n; i++) {
		const char *k = ynode_scalar(ref->pairs[i].key);
		const struct ypair *p = ymap_pair(v, k);

		if (top && !strcmp(k, "same_ok"))
			continue;
		push_key(&x->key, k, &saved);
		if (p)
			compare_node(x, ref->pairs[i].value, ref->pairs[i].key,
				     p->value, p->key);
		else
			all_missing(x, ref->pairs[i].value, ref->pairs[i].key, v, "");
		buf_setlen(&x->key, saved);
	}
	for (i = 0; i < v->n; i++) {
		const char *k = ynode_scalar(v->pairs[i].key);

		if ((top && !strcmp(k, "same_ok")) || ymap_pair(ref, k))
			continue;
		push_key(&x->key, k, &saved);
		issue(x, R_STRINGS_OBSOLETE, v->pairs[i].key,
		      "obsolete string '%s': the reference %s has no such key",
		      x->key.buf, x->ref->path);
		buf_setlen(&x->key, saved);
	}
}

static void compare_list(struct cmp_ctx *x, const struct ynode *ref,
			 const struct ynode *v)
{
	size_t i, n = ref->n < v->n ? ref->n : v->n, saved;
	int same = ref->n == v->n, letters = 0;

	if (ref->n != v->n)
		issue(x, R_STRINGS_LENGTH, v, "list '%s' has %zu item%s, the "
		      "reference has %zu", x->key.buf, v->n, v->n == 1 ? "" : "s",
		      ref->n);
	for (i = 0; i < n; i++) {
		const struct ynode *a = ref->items[i], *b = v->items[i];
		char idx[32];

		saved = x->key.len;
		snprintf(idx, sizeof(idx), "[%zu]", i);
		buf_adds(&x->key, idx);
		if (is_empty(b) && !is_empty(a)) {
			issue(x, R_STRINGS_EMPTY, b, "empty string '%s'", x->key.buf);
			same = 0;
		} else if (ynode_scalar(a) && ynode_scalar(b)) {
			check_placeholders(x, a, b);
			if (a->len != b->len || memcmp(a->str, b->str, a->len))
				same = 0;
			letters |= has_letter(a->str, a->len);
		} else {
			same = 0;
		}
		buf_setlen(&x->key, saved);
	}
	/* a list is untranslated as a whole, when every item is the same */
	if (same && letters && !same_ok(x))
		issue(x, R_STRINGS_UNTRANSLATED, v, "list '%s' is the same as the "
		      "reference; if that is right, list it in 'same_ok'",
		      x->key.buf);
}

static void compare_node(struct cmp_ctx *x, const struct ynode *ref,
			 const struct ynode *ref_key, const struct ynode *v,
			 const struct ynode *key_at)
{
	struct buf why = BUF_INIT;

	if (ref->type == Y_MAP) {
		if (v->type == Y_MAP) {
			compare_map(x, ref, v, 0);
		} else {
			buf_addf(&why, ": '%s' is %s here, a mapping in the reference",
				 x->key.buf, what_is(v));
			all_missing(x, ref, ref_key, key_at, why.buf);
		}
	} else if (is_empty(v) && !is_empty(ref)) {
		issue(x, R_STRINGS_EMPTY, key_at, "empty string '%s'", x->key.buf);
	} else if (ref->type == Y_SEQ) {
		if (v->type == Y_SEQ)
			compare_list(x, ref, v);
		else
			issue(x, R_STRINGS_LENGTH, v, "'%s' must be a list of %zu "
			      "items like the reference, got %s", x->key.buf,
			      ref->n, what_is(v));
	} else if (v->type == Y_SEQ || v->type == Y_MAP) {
		issue(x, R_STRINGS_MISSING, v, "missing string '%s': %s here, a "
		      "string in the reference", x->key.buf, what_is(v));
	} else if (ynode_scalar(ref) && ynode_scalar(v)) {
		check_placeholders(x, ref, v);
		check_untranslated(x, ref, v);
	}
	buf_release(&why);
}

/* Is a strictly before b in the catalog? */
static int issue_before(const struct l10n_issue *a, const struct l10n_issue *b)
{
	return a->line != b->line ? a->line < b->line : a->col < b->col;
}

/* In catalog order; insertion sort, as it is stable and catalogs small. */
static void sort_issues(struct l10n_strings *s)
{
	struct l10n_issue *v = s->v;
	size_t i, j;

	for (i = 1; i < s->n; i++)
		for (j = i; j > 0 && issue_before(&v[j], &v[j - 1]); j--) {
			struct l10n_issue t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static char *autonym(const struct ynode *root, const char *lang)
{
	const char *s = ynode_str(ymap_get(ymap_get(root, "language_names"), lang));

	return s && *s ? xstrdup(s) : NULL;
}

static void compare_catalogs(struct l10n_report *r)
{
	const struct corpus *c = r->c;
	struct catalog ref, cat;
	const struct ynode *root;
	size_t k;
	int ref_ok;

	r->ref = config_lang(&c->cfg, c->cfg.source_language);
	catalog_load(c, c->cfg.source_language, &ref, &r->diags);
	ref_ok = ref.doc.root && ref.doc.root->type == Y_MAP;
	if (ref.exists && ref.doc.root && !ref_ok)
		diag(&r->diags, R_STRINGS_MISSING, ref.path, ref.doc.root->line,
		     ref.doc.root->col, NULL, "the reference catalog must be a "
		     "mapping of keys, got %s", ytype_name(ref.doc.root->type));
	else if (!ref.exists && r->nlang > 1)
		diag(&r->diags, R_STRINGS_MISSING, ref.path, 0, 0, NULL,
		     "no reference catalog: the source language's strings are "
		     "what every other catalog is compared with");
	for (k = 0; k < r->nlang; k++) {
		struct l10n_strings *s = &r->strings[k];
		struct cmp_ctx x;

		if ((int)k == r->ref) {
			s->path = xstrdup(ref.path);
			s->exists = ref.exists;
			s->usable = ref_ok;
			s->autonym = autonym(ref.doc.root, c->cfg.languages[k]);
			continue;
		}
		catalog_load(c, c->cfg.languages[k], &cat, &s->load);
		s->path = xstrdup(cat.path);
		s->exists = cat.exists;
		root = cat.doc.root;
		s->usable = root && root->type == Y_MAP;
		s->empty = cat.exists && !root && !s->load.n;
		s->autonym = autonym(root, c->cfg.languages[k]);
		memset(&x, 0, sizeof(x));
		x.s = s;
		x.ref = &r->strings[r->ref];
		buf_init(&x.key);
		if (!r->strings[r->ref].path)
			r->strings[r->ref].path = xstrdup(ref.path);
		if (!ref_ok) {
			/* nothing to compare with: the reference's problem */
		} else if (!cat.exists) {
			/* every key is missing; the text report says it once */
			all_missing(&x, ref.doc.root, ref.doc.root, NULL, "");
		} else if (!s->usable) {
			if (root)
				diag(&s->load, R_STRINGS_MISSING, cat.path, root->line,
				     root->col, NULL, "a string catalog must be a "
				     "mapping of keys, got %s", ytype_name(root->type));
			all_missing(&x, ref.doc.root, ref.doc.root, NULL,
				    ": the catalog cannot be read");
		} else {
			x.same_ok = ymap_get(root, "same_ok");
			compare_map(&x, ref.doc.root, root, 1);
		}
		buf_release(&x.key);
		sort_issues(s);
		catalog_release(&cat);
	}
	catalog_release(&ref);
}

static void count_strings(struct l10n_report *r)
{
	size_t k, i;

	for (k = 0; k < r->nlang; k++) {
		const struct l10n_strings *s = &r->strings[k];
		struct l10n_summary *sum = &r->sum[k];

		for (i = 0; i < s->n; i++) {
			enum rule rule = s->v[i].rule;

			if (rule == R_STRINGS_MISSING || rule == R_STRINGS_EMPTY)
				sum->strings_missing++;
			if (rule_table[rule].severity == SEV_ERROR)
				sum->strings_problems++;
			else
				sum->strings_warnings++;
		}
		sum->strings_problems += diag_count(&s->load).errors;
	}
}

void l10n_build(struct l10n_report *r, const struct corpus *c,
		const struct diag_list *index_diags)
{
	memset(r, 0, sizeof(*r));
	r->c = c;
	r->nlang = c->cfg.nlang;
	r->sum = xcalloc(r->nlang ? r->nlang : 1, sizeof(*r->sum));
	r->strings = xcalloc(r->nlang ? r->nlang : 1, sizeof(*r->strings));
	build_articles(r, index_diags);
	summarize(r);
	compare_catalogs(r);
	count_strings(r);
}

/* ---- change classes (SPEC 12.2) ---- */

struct classify_job {
	struct l10n_report *r;
	const struct qa_class *known;	/* [c->n], or NULL */
	struct diag_list *lists;	/* one per article */
};

static void classify_one(void *ctx, size_t i, int worker)
{
	struct classify_job *job = ctx;
	struct l10n_article *a = &job->r->articles[i];
	struct base_cache bc;
	size_t k;

	(void)worker;
	if (!a->original)
		return;
	/* the original and each base text read once for all translations;
	 * the translations themselves are not needed for a class */
	base_cache_init(&bc, a->original);
	for (k = 0; k < job->r->nlang; k++) {
		struct l10n_cell *cell = &a->cells[k];
		struct base_diff d;

		if (cell->state != L10N_STALE || !cell->based)
			continue;
		if (job->known && job->known[cell->m - job->r->c->articles].known) {
			const struct qa_class *q = &job->known[cell->m - job->r->c->articles];

			cell->cls = q->cls;
			memcpy(cell->changes, q->counts, sizeof(cell->changes));
			continue;
		}
		if (base_diff_build(&d, job->r->c, &bc, cell->m, 0,
				    &job->lists[i]) == 0) {
			cell->cls = d.cls;
			memcpy(cell->changes, d.counts, sizeof(cell->changes));
		}
		base_diff_release(&d);
	}
	base_cache_release(&bc);
}

void l10n_classify(struct l10n_report *r, const struct qa_class *known,
		   int jobs)
{
	struct classify_job job;
	size_t i, k;

	job.r = r;
	job.known = known;
	job.lists = xcalloc(r->n ? r->n : 1, sizeof(*job.lists));
	pool_run(jobs, r->n, classify_one, &job);
	for (i = 0; i < r->n; i++) {
		diag_list_append(&r->base_diags, &job.lists[i]);
		diag_list_release(&job.lists[i]);
	}
	free(job.lists);
	for (k = 0; k < r->nlang; k++)
		r->sum[k].stale_content = r->sum[k].stale_safety = 0;
	for (i = 0; i < r->n; i++) {
		const struct l10n_article *a = &r->articles[i];

		if (!a->selected)
			continue;
		for (k = 0; k < r->nlang; k++) {
			const struct l10n_cell *cell = &a->cells[k];

			if (cell->state != L10N_STALE)
				continue;
			if (change_class_at_least(cell->cls, CLASS_CONTENT))
				r->sum[k].stale_content++;
			if (change_class_at_least(cell->cls, CLASS_SAFETY))
				r->sum[k].stale_safety++;
		}
	}
}

void l10n_release(struct l10n_report *r)
{
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		struct l10n_article *a = &r->articles[i];

		for (k = 0; k < r->nlang; k++) {
			free(a->cells[k].reason);
			free(a->cells[k].st.heading);
		}
		free(a->cells);
		free(a->id);
	}
	free(r->articles);
	for (k = 0; k < r->nlang; k++) {
		struct l10n_strings *s = &r->strings[k];

		for (i = 0; i < s->n; i++) {
			free(s->v[i].key);
			free(s->v[i].message);
		}
		free(s->v);
		free(s->path);
		free(s->autonym);
		diag_list_release(&s->load);
	}
	free(r->strings);
	free(r->sum);
	diag_list_release(&r->diags);
	diag_list_release(&r->base_diags);
	memset(r, 0, sizeof(*r));
}

char *l10n_expected_path(const struct l10n_report *r,
			 const struct l10n_article *a, size_t lang)
{
	struct buf b = BUF_INIT;
	const char *lg = r->c->cfg.languages[lang];

	if (a->original) {
		const char *p = a->original->path, *slash = strrchr(p, '/');

		if (slash)
			buf_add(&b, p, (size_t)(slash - p + 1));
		buf_addf(&b, "%s.md", lg);
	} else {
		char *rel = xmalloc(strlen(a->id) + strlen(lg) + 5);

		sprintf(rel, "%s/%s.md", a->id, lg);
		buf_adds(&b, rel);
		free(rel);
	}
	return buf_detach(&b, NULL);
}

/* The article at relpath rel, by binary search (articles are sorted by
 * relpath), or NULL. */
static const struct article_meta *at_relpath(const struct corpus *c,
					     const char *rel)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(c->articles[mid].relpath, rel);

		if (!d)
			return &c->articles[mid];
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Append what and where m belongs (<id>/<lang>.md beside the directory
 * of p's first dir bytes) when that is not where m is; rel is scratch. */
static int belongs(struct buf *b, const struct corpus *c, struct buf *rel,
		   const char *p, size_t dir, const struct article_meta *m,
		   const char *what)
{
	char *to;

	buf_setlen(rel, 0);
	if (dir) {
		const char *up = p + dir - 1;

		while (up > p && up[-1] != '/')
			up--;
		buf_add(rel, p, (size_t)(up - p));
	}
	buf_addf(rel, "%s/%s.md", m->id, m->lang);
	if (!strcmp(rel->buf, m->relpath))
		return 0;
	to = corpus_path(c, rel->buf);
	buf_addf(b, "%s%s", what, to);
	free(to);
	return 1;
}

int l10n_taken_phrase(struct buf *b, const struct l10n_report *r,
		      const struct l10n_article *a, size_t lang)
{
	const struct article_meta *h;
	const char *p, *slash;
	struct buf rel = BUF_INIT;
	size_t dir;

	if (!a->original)
		return 0;
	p = a->original->relpath;
	slash = strrchr(p, '/');
	dir = slash ? (size_t)(slash - p + 1) : 0;
	buf_add(&rel, p, dir);
	buf_addf(&rel, "%s.md", r->c->cfg.languages[lang]);
	h = at_relpath(r->c, rel.buf);
	buf_setlen(&rel, 0);
	if (!h) {
		buf_release(&rel);
		return 0;
	}
	buf_adds(b, h->path);
	if (!h->usable || !h->id || !h->lang) {
		buf_adds(b, " exists but its frontmatter gives no usable id and "
			 "lang: fix that file");
		buf_release(&rel);
		return 1;
	}
	buf_addf(b, " already holds the %s %s of '%s'", h->lang,
		 h->translated ? "translation" : "original", h->id);
	/* the recommended layout's place for it: <id>/<lang>.md beside
	 * the directory of the original; when it is there already, the
	 * original is what sits in the wrong place */
	if (!belongs(b, r->c, &rel, p, dir, h, ", which belongs at "))
		belongs(b, r->c, &rel, p, dir, a->original,
			"; the original of this article belongs at ");
	buf_release(&rel);
	return 1;
}

void l10n_behind_phrase(struct buf *b, const struct l10n_cell *cell)
{
	if (cell->days_behind > 0)
		buf_addf(b, " (%d day%s behind", cell->days_behind,
			 cell->days_behind == 1 ? "" : "s");
	else
		buf_addf(b, " (%d month%s behind", cell->months_behind,
			 cell->months_behind == 1 ? "" : "s");
}

void l10n_counts_phrase(struct buf *b, const struct block_counts *o,
			const struct block_counts *t)
{
	static const char *const names[] = {
		"headings", "paragraphs", "list items", "tables", "images", "links",
	};
	unsigned ov[6], tv[6];
	size_t i;
	int first = 1;

	ov[0] = o->headings; tv[0] = t->headings;
	ov[1] = o->paragraphs; tv[1] = t->paragraphs;
	ov[2] = o->list_items; tv[2] = t->list_items;
	ov[3] = o->tables; tv[3] = t->tables;
	ov[4] = o->images; tv[4] = t->images;
	ov[5] = o->links; tv[5] = t->links;
	for (i = 0; i < 6; i++) {
		if (tv[i] >= ov[i])
			continue;
		buf_addf(b, "%s%u of %u %s", first ? "" : ", ", tv[i], ov[i], names[i]);
		first = 0;
	}
}

int l10n_fewer_blocks(const struct block_counts *t, const struct block_counts *o)
{
	return fewer(t, o);
}

int l10n_cell_draft(const struct l10n_cell *cell)
{
	return cell->m && cell->m->translated && cell->m->status == STATUS_DRAFT &&
	       (cell->state == L10N_CURRENT || cell->state == L10N_STALE ||
		cell->state == L10N_ORPHAN);
}
