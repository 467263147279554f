/*
 * diff.c - the changes of originals since the bases of their stale
 * translations (SPEC 12.3), and their three printers: a word diff in
 * text, JSON, and one HTML page with three columns per change.
 */
#include "diff.h"
#include "corpus.h"
#include "escape.h"
#include "l10n.h"
#include "pool.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- gathering ------------------------------------------------------------ */

struct collect_job {
	struct diff_set *s;
	struct diag_list *lists;
};

static void collect_one(void *ctx, size_t i, int worker)
{
	struct collect_job *job = ctx;
	struct diff_entry *e = &job->s->v[i];

	(void)worker;
	base_cache_init(&e->bc, e->orig);
	e->ok = base_diff_build(&e->d, job->s->c, &e->bc, e->trans, 1,
				&job->lists[i]) == 0;
}

void diff_collect(struct diff_set *s, const struct l10n_report *r,
		  const unsigned char *on, int jobs)
{
	const struct corpus *c = r->c;
	size_t i, k, alloc = 0;
	struct collect_job job;

	memset(s, 0, sizeof(*s));
	s->c = c;
	for (i = 0; i < r->n; i++) {
		const struct l10n_article *a = &r->articles[i];

		for (k = 0; k < r->nlang; k++) {
			const struct l10n_cell *cell = &a->cells[k];
			struct diff_entry *e;

			if (cell->state != L10N_STALE || !cell->m || !a->original ||
			    (on && !on[k]) || !c->selected[cell->m - c->articles])
				continue;
			GROW(s->v, alloc, s->n + 1);
			e = &s->v[s->n++];
			memset(e, 0, sizeof(*e));
			e->orig = a->original;
			e->trans = cell->m;
			e->lang = (int)k;
		}
	}
	job.s = s;
	job.lists = xcalloc(s->n ? s->n : 1, sizeof(*job.lists));
	pool_run(jobs, s->n, collect_one, &job);
	for (i = 0; i < s->n; i++) {
		diag_list_append(&s->diags, &job.lists[i]);
		diag_list_release(&job.lists[i]);
	}
	free(job.lists);
}

void diff_set_release(struct diff_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		base_diff_release(&s->v[i].d);
		base_cache_release(&s->v[i].bc);
	}
	free(s->v);
	diag_list_release(&s->diags);
	memset(s, 0, sizeof(*s));
}

void diff_anchor(struct buf *b, const struct article_meta *trans)
{
	const char *parts[2] = { trans->id ? trans->id : "", trans->lang ? trans->lang : "" };
	int i;

	buf_adds(b, "t-");
	for (i = 0; i < 2; i++) {
		const char *p;

		if (i)
			buf_addc(b, '-');
		for (p = parts[i]; *p; p++)
			buf_addc(b, ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				     (*p >= '0' && *p <= '9') || *p == '-') ? *p : '_');
	}
}

static int shown(const struct block_change *ch, enum change_class min)
{
	return change_class_at_least(ch->cls, min);
}

int diff_reaches(const struct diff_set *s, enum change_class min)
{
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		const struct diff_entry *e = &s->v[i];

		if (e->d.cls == CLASS_UNKNOWN)
			return 1;
		for (k = 0; k < e->d.n; k++)
			if (shown(&e->d.v[k], min))
				return 1;
	}
	return 0;
}

/* ---- the word diff ----------------------------------------------------------- */

enum seg { SEG_SAME, SEG_DEL, SEG_INS };

typedef void (*seg_fn)(void *ctx, enum seg k, const char *s, size_t n);

struct tok {
	const char *s;
	size_t n;
	size_t h;
};

static size_t tokenize(const char *s, size_t n, struct tok **out)
{
	struct tok *v = NULL;
	size_t alloc = 0, k = 0, i = 0;

	while (i < n) {
		size_t j = i;
		int sp = s[i] == ' ';

		while (j < n && (s[j] == ' ') == sp)
			j++;
		GROW(v, alloc, k + 1);
		v[k].s = s + i;
		v[k].n = j - i;
		v[k].h = hash_mem(s + i, j - i);
		k++;
		i = j;
	}
	*out = v;
	return k;
}

static int tok_eq(const struct tok *a, const struct tok *b)
{
	return a->h == b->h && a->n == b->n && !memcmp(a->s, b->s, a->n);
}

#define WORD_DIFF_MAX_CELLS (4u << 20)

/* Segments of a against b, consecutive ones of a kind merged. */
static void word_diff(const char *a, size_t an, const char *b, size_t bn,
		      seg_fn fn, void *ctx)
{
	struct tok *ta, *tb;
	size_t na = tokenize(a, an, &ta), nb = tokenize(b, bn, &tb);
	size_t pre = 0, suf = 0, i, j, m, n;
	uint32_t *L = NULL;
	enum seg cur = SEG_SAME;
	const char *run = NULL;
	size_t runlen = 0;

#define EMIT(kind, t) do { \
	if (run && (cur != (kind) || run + runlen != (t)->s)) { \
		fn(ctx, cur, run, runlen); \
		run = NULL; \
	} \
	if (!run) { run = (t)->s; runlen = 0; cur = (kind); } \
	runlen += (t)->n; \
} while (0)

	while (pre < na && pre < nb && tok_eq(&ta[pre], &tb[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	       tok_eq(&ta[na - 1 - suf], &tb[nb - 1 - suf]))
		suf++;
	m = na - pre - suf;
	n = nb - pre - suf;
	for (i = 0; i < pre; i++)
		EMIT(SEG_SAME, &ta[i]);
	if (m && n && (double)(m + 1) * (double)(n + 1) <= WORD_DIFF_MAX_CELLS) {
		L = xcalloc((m + 1) * (n + 1), sizeof(*L));
		for (i = m; i-- > 0;)
			for (j = n; j-- > 0;)
				L[i * (n + 1) + j] = tok_eq(&ta[pre + i], &tb[pre + j]) ?
					L[(i + 1) * (n + 1) + j + 1] + 1 :
					L[(i + 1) * (n + 1) + j] >= L[i * (n + 1) + j + 1] ?
					L[(i + 1) * (n + 1) + j] : L[i * (n + 1) + j + 1];
	}
	i = j = 0;
	while (i < m || j < n) {
		if (L && i < m && j < n && tok_eq(&ta[pre + i], &tb[pre + j])) {
			EMIT(SEG_SAME, &ta[pre + i]);
			i++;
			j++;
		} else if (i < m && (!L || j >= n ||
				     L[(i + 1) * (n + 1) + j] >= L[i * (n + 1) + j + 1])) {
			EMIT(SEG_DEL, &ta[pre + i]);
			i++;
		} else {
			EMIT(SEG_INS, &tb[pre + j]);
			j++;
		}
	}
	for (i = na - suf; i < na; i++)
		EMIT(SEG_SAME, &ta[i]);
	if (run)
		fn(ctx, cur, run, runlen);
#undef EMIT
	free(L);
	free(ta);
	free(tb);
}

/* ---- text ------------------------------------------------------------------- */

static void text_seg(void *ctx, enum seg k, const char *s, size_t n)
{
	struct buf *b = ctx;

	buf_adds(b, k == SEG_DEL ? "[-" : k == SEG_INS ? "{+" : "");
	escape_text_line(b, s, n);
	buf_adds(b, k == SEG_DEL ? "-]" : k == SEG_INS ? "+}" : "");
}

static void add_date(struct buf *b, struct date d)
{
	char s[16];

	if (!d.y) {
		buf_adds(b, "?");
		return;
	}
	date_format(d, s);
	buf_adds(b, s);
}

static void add_counts(struct buf *b, const struct base_diff *d)
{
	buf_adds(b, change_class_name(d->cls));
	if (d->cls == CLASS_UNKNOWN)
		return;
	buf_addf(b, " (%u safety, %u content, %u editorial)", d->counts[CLASS_SAFETY],
		 d->counts[CLASS_CONTENT], d->counts[CLASS_EDITORIAL]);
}

static void text_path(struct buf *b, const char *p)
{
	escape_text_line(b, p, strlen(p));
}

static void text_entry(const struct diff_entry *e, enum change_class min,
		       struct buf *out)
{
	const struct base_diff *d = &e->d;
	size_t k;

	text_path(out, e->trans->path);
	buf_adds(out, ": stale translation of ");
	text_path(out, e->orig->path);
	buf_adds(out, "\n  base ");
	buf_adds(out, e->trans->tf_base[0] ? e->trans->tf_base : "(none)");
	buf_adds(out, " (");
	add_date(out, d->available ? d->base_updated : e->trans->tf_updated);
	buf_addf(out, ") -> now %s (", e->orig->digest[0] ? e->orig->digest : "?");
	add_date(out, e->orig->updated);
	buf_adds(out, "): ");
	add_counts(out, d);
	buf_addc(out, '\n');
	if (d->cls == CLASS_UNKNOWN) {
		buf_adds(out, e->trans->tf_base[0] ?
			 "  the base text is unavailable: what changed is unknown (counts as safety)\n" :
			 "  no base: the translation is dated only; what changed is unknown "
			 "(counts as safety); folio stamp records a base\n");
		return;
	}
	for (k = 0; k < d->n; k++) {
		const struct block_change *ch = &d->v[k];
		const struct block *o = ch->old_i >= 0 ? &d->old->v[ch->old_i] : NULL;
		const struct block *n = ch->new_i >= 0 ? &d->now->v[ch->new_i] : NULL;
		const struct block *t = ch->trans_i >= 0 ? &d->trans.v[ch->trans_i] : NULL;

		if (!shown(ch, min))
			continue;
		buf_addf(out, "\n  %s, %s %s: ", change_class_name(ch->cls),
			 change_kind_name(ch->kind), block_kind_name((n ? n : o)->kind));
		text_path(out, e->orig->path);
		if (n)
			buf_addf(out, ":%u", n->line);
		if (o)
			buf_addf(out, " (line %u in the base)", o->line);
		buf_adds(out, "\n    original: ");
		word_diff(o ? o->norm : "", o ? o->norm_len : 0,
			  n ? n->norm : "", n ? n->norm_len : 0, text_seg, out);
		buf_adds(out, "\n    translation: ");
		if (t) {
			text_path(out, e->trans->path);
			buf_addf(out, ":%u: ", t->line);
			escape_text_line(out, t->norm, t->norm_len);
		} else if (ch->kind == CH_ADDED) {
			buf_adds(out, "(none: a new block to translate)");
		} else {
			buf_adds(out, "(not placed: the translation's blocks differ "
				 "from the base's)");
		}
		buf_addc(out, '\n');
	}
	buf_addc(out, '\n');
}

void diff_render_text(const struct diff_set *s, enum change_class min,
		      struct buf *out)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].ok)
			text_entry(&s->v[i], min, out);
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_str(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	escape_json(b, s, n);
	buf_addc(b, '"');
}

static void json_date(struct buf *b, struct date d)
{
	char s[16];

	if (!d.y) {
		buf_adds(b, "null");
		return;
	}
	date_format(d, s);
	buf_addf(b, "\"%s\"", s);
}

static void json_block(struct buf *b, const struct block *x)
{
	if (!x) {
		buf_adds(b, "null");
		return;
	}
	buf_addf(b, "{\"line\":%u,\"text\":", x->line);
	json_str(b, x->text, x->len);
	buf_addc(b, '}');
}

void diff_render_json(const struct diff_set *s, enum change_class min,
		      struct buf *out)
{
	size_t i, k;
	int first = 1;

	buf_adds(out, "{\"translations\":[");
	for (i = 0; i < s->n; i++) {
		const struct diff_entry *e = &s->v[i];
		const struct base_diff *d = &e->d;
		int f2 = 1;

		if (!e->ok)
			continue;
		buf_adds(out, first ? "\n {" : ",\n {");
		first = 0;
		buf_adds(out, "\"file\":");
		json_str(out, e->trans->path, strlen(e->trans->path));
		buf_adds(out, ",\"original\":");
		json_str(out, e->orig->path, strlen(e->orig->path));
		buf_adds(out, ",\"base\":");
		if (e->trans->tf_base[0])
			json_str(out, e->trans->tf_base, 16);
		else
			buf_adds(out, "null");
		buf_adds(out, ",\"now\":");
		if (e->orig->digest[0])
			json_str(out, e->orig->digest, 16);
		else
			buf_adds(out, "null");
		buf_adds(out, ",\"base_updated\":");
		/* the original's date then: without a base text, the one the
		 * translation names, as the text output shows it */
		json_date(out, d->available ? d->base_updated : e->trans->tf_updated);
		buf_adds(out, ",\"updated\":");
		json_date(out, e->orig->updated);
		buf_addf(out, ",\"change\":\"%s\",\"changes\":[", change_class_name(d->cls));
		for (k = 0; k < d->n; k++) {
			const struct block_change *ch = &d->v[k];

			if (!shown(ch, min))
				continue;
			buf_adds(out, f2 ? "\n  {" : ",\n  {");
			f2 = 0;
			buf_addf(out, "\"class\":\"%s\",\"kind\":\"%s\",\"old\":",
				 change_class_name(ch->cls), change_kind_name(ch->kind));
			json_block(out, ch->old_i >= 0 ? &d->old->v[ch->old_i] : NULL);
			buf_adds(out, ",\"new\":");
			json_block(out, ch->new_i >= 0 ? &d->now->v[ch->new_i] : NULL);
			buf_adds(out, ",\"translation\":");
			json_block(out, ch->trans_i >= 0 ? &d->trans.v[ch->trans_i] : NULL);
			buf_addc(out, '}');
		}
		buf_adds(out, "]}");
	}
	buf_adds(out, "]}\n");
}

/* ---- HTML ----------------------------------------------------------------- */

static const char diff_style[] =
	"body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',"
	"'Noto Naskh Arabic',sans-serif;color:#1f2328;background:#fff;margin:0 auto;"
	"max-width:90rem;padding:1.5rem}\n"
	"h1{font-size:1.6rem;margin:0 0 .3rem}\n"
	"h2{font-size:1.15rem;margin:2rem 0 .3rem;border-bottom:1px solid #d0d7de;"
	"padding-bottom:.2rem}\n"
	"p{margin:.2rem 0 .6rem}.lead{color:#57606a}\n"
	".code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em}\n"
	"table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.4rem 0 1rem}\n"
	"th,td{border:1px solid #d0d7de;padding:.45rem .6rem;vertical-align:top;"
	"overflow-wrap:anywhere}\n"
	"thead th{background:#f6f8fa;text-align:start}\n"
	"td.what{background:#f6f8fa;font-size:.9rem;color:#57606a}\n"
	"del{background:#ffd7d5;text-decoration:line-through}\n"
	"ins{background:#ccffd8;text-decoration:none}\n"
	".k{font-weight:600;padding:0 .35rem;border-radius:3px}\n"
	".k-safety{background:#ffc9c9;color:#82071e}.k-content{background:#fff1c2;color:#7d4e00}"
	".k-editorial{background:#dafbe1;color:#116329}.k-unknown{background:#ffc9c9;color:#82071e}\n"
	".none{color:#8c959f;font-style:italic}\n";

static void h(struct buf *b, const char *s, size_t n)
{
	escape_html(b, s, n);
}

static void hs(struct buf *b, const char *s)
{
	escape_html(b, s, strlen(s));
}

struct html_seg {
	struct buf *b;
	enum seg skip;		/* the side not shown in this column */
};

static void html_seg(void *ctx, enum seg k, const char *s, size_t n)
{
	struct html_seg *x = ctx;

	if (k == x->skip)
		return;
	buf_adds(x->b, k == SEG_DEL ? "<del>" : k == SEG_INS ? "<ins>" : "");
	h(x->b, s, n);
	buf_adds(x->b, k == SEG_DEL ? "</del>" : k == SEG_INS ? "</ins>" : "");
}

static int rtl_of(const struct corpus *c, const char *lang)
{
	int li = lang ? config_lang(&c->cfg, lang) : -1;

	return li >= 0 && c->cfg.rtl && c->cfg.rtl[li];
}

static void td_open(struct buf *b, const struct corpus *c, const char *lang)
{
	buf_adds(b, "<td");
	if (lang) {
		buf_adds(b, " lang=\"");
		hs(b, lang);
		buf_adds(b, "\"");
	}
	buf_adds(b, rtl_of(c, lang) ? " dir=\"rtl\">" : " dir=\"ltr\">");
}

static void html_entry(const struct diff_set *s, const struct diff_entry *e,
		       enum change_class min, struct buf *b)
{
	const struct base_diff *d = &e->d;
	const char *ol = e->orig->lang, *tl = e->trans->lang;
	size_t k;
	int any = 0;

	buf_adds(b, "<section id=\"");
	diff_anchor(b, e->trans);
	buf_adds(b, "\">\n<h2><span class=\"code\">");
	hs(b, e->trans->path);
	buf_addf(b, "</span> <span class=\"k k-%s\">%s</span></h2>\n<p class=\"lead\">"
		 "Translation of <span class=\"code\">", change_class_name(d->cls),
		 change_class_name(d->cls));
	hs(b, e->orig->path);
	buf_adds(b, "</span>; base <span class=\"code\">");
	hs(b, e->trans->tf_base[0] ? e->trans->tf_base : "(none)");
	buf_adds(b, "</span> (");
	add_date(b, d->available ? d->base_updated : e->trans->tf_updated);
	buf_adds(b, ") \xE2\x86\x92 now <span class=\"code\">");
	hs(b, e->orig->digest[0] ? e->orig->digest : "?");
	buf_adds(b, "</span> (");
	add_date(b, e->orig->updated);
	buf_adds(b, ")");
	if (d->cls != CLASS_UNKNOWN)
		buf_addf(b, ": %u safety, %u content, %u editorial",
			 d->counts[CLASS_SAFETY], d->counts[CLASS_CONTENT],
			 d->counts[CLASS_EDITORIAL]);
	buf_adds(b, ".</p>\n");
	if (d->cls == CLASS_UNKNOWN) {
		buf_adds(b, e->trans->tf_base[0] ?
			 "<p>The base text is unavailable: what changed is unknown, "
			 "and counts as a safety change.</p>\n</section>\n" :
			 "<p>No base: this translation is dated only. What changed is "
			 "unknown, and counts as a safety change; <span class=\"code\">"
			 "folio stamp</span> records a base.</p>\n</section>\n");
		return;
	}
	for (k = 0; k < d->n; k++) {
		const struct block_change *ch = &d->v[k];
		const struct block *o = ch->old_i >= 0 ? &d->old->v[ch->old_i] : NULL;
		const struct block *n = ch->new_i >= 0 ? &d->now->v[ch->new_i] : NULL;
		const struct block *t = ch->trans_i >= 0 ? &d->trans.v[ch->trans_i] : NULL;
		struct html_seg x;

		if (!shown(ch, min))
			continue;
		if (!any)
			buf_adds(b, "<table>\n<thead><tr><th scope=\"col\">Original then</th>"
				 "<th scope=\"col\">Original now</th><th scope=\"col\">"
				 "Translation now</th></tr></thead>\n<tbody>\n");
		any = 1;
		buf_addf(b, "<tr><td class=\"what\" colspan=\"3\"><span class=\"k k-%s\">%s</span> "
			 "%s %s", change_class_name(ch->cls), change_class_name(ch->cls),
			 change_kind_name(ch->kind), block_kind_name((n ? n : o)->kind));
		if (n)
			buf_addf(b, ", line %u", n->line);
		if (o)
			buf_addf(b, " (line %u in the base)", o->line);
		if (t)
			buf_addf(b, "; translation line %u", t->line);
		buf_adds(b, "</td></tr>\n<tr>");
		x.b = b;
		td_open(b, s->c, ol);
		if (o) {
			x.skip = SEG_INS;
			word_diff(o->norm, o->norm_len, n ? n->norm : "", n ? n->norm_len : 0,
				  html_seg, &x);
		} else {
			buf_adds(b, "<span class=\"none\">(new)</span>");
		}
		buf_adds(b, "</td>");
		td_open(b, s->c, ol);
		if (n) {
			x.skip = SEG_DEL;
			word_diff(o ? o->norm : "", o ? o->norm_len : 0, n->norm, n->norm_len,
				  html_seg, &x);
		} else {
			buf_adds(b, "<span class=\"none\">(removed)</span>");
		}
		buf_adds(b, "</td>");
		td_open(b, s->c, tl);
		if (t)
			h(b, t->norm, t->norm_len);
		else
			buf_adds(b, ch->kind == CH_ADDED ?
				 "<span class=\"none\">(none: a new block to translate)</span>" :
				 "<span class=\"none\">(not placed: the translation's blocks "
				 "differ from the base's)</span>");
		buf_adds(b, "</td></tr>\n");
	}
	if (any)
		buf_adds(b, "</tbody>\n</table>\n");
	else
		buf_adds(b, "<p>No change of this class.</p>\n");
	buf_adds(b, "</section>\n");
}

void diff_render_html(const struct diff_set *s, enum change_class min,
		      struct buf *out)
{
	size_t i, shown_n = 0;

	buf_addf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		 "<title>What changed in the originals \xE2\x80\x94 folio diff</title>\n"
		 "<style>\n%s</style>\n</head>\n<body>\n"
		 "<h1>What changed in the originals</h1>\n", diff_style);
	for (i = 0; i < s->n; i++)
		shown_n += s->v[i].ok;
	buf_adds(out, "<p class=\"lead\">For each stale translation: the blocks of its "
		 "original changed since the text it renders (its base), each with its "
		 "class (<span class=\"k k-safety\">safety</span>: numbers, units, phone "
		 "numbers, links or negations; <span class=\"k k-content\">content</span>; "
		 "<span class=\"k k-editorial\">editorial</span>: punctuation, case, "
		 "typography or a move), and the translation's block to edit.</p>\n");
	if (!shown_n)
		buf_adds(out, "<p>No stale translation.</p>\n");
	for (i = 0; i < s->n; i++)
		if (s->v[i].ok)
			html_entry(s, &s->v[i], min, out);
	buf_adds(out, "</body>\n</html>\n");
}
