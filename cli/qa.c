/*
 * qa.c - the comparison of a translation with its original (SPEC 13).
 *
 * The two block lists are cut into units that say the same thing: the
 * title with the title, the summary with the summary, the sources
 * together, then the body block by block when both have one structure,
 * else section by section when both have as many headings, else whole.
 * Within a unit, each number, phone number and link target of the
 * original must be found in the translation (as multisets: one of the
 * translation's tokens answers one of the original's); a block of the
 * translation identical to one of the original's is untranslated; a
 * glossary term of the original wants its rendering in the translation.
 */
#include "qa.h"
#include "blocks.h"
#include "buf.h"
#include "diag.h"
#include "glossary.h"
#include "numbers.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A run of blocks [from, to) of each side. */
struct unit {
	size_t of, ot, tf, tt;
};

/* A token with the block it came from. */
struct tok {
	const struct num_token *t;
	size_t block;
	int used;
};

struct side_toks {
	struct num_list nums;
	size_t *block_of;	/* [nums.n] */
	size_t alloc;
};

/* ---- positions ------------------------------------------------------ */

/* Line and column (code points) of byte off of block b's text. */
static void block_pos(const struct block *b, size_t off, unsigned *line,
		      unsigned *col)
{
	size_t i, start = 0;
	unsigned l = b->line, c;

	if (off > b->len)
		off = b->len;
	for (i = 0; i < off; i++)
		if (b->text[i] == '\n') {
			l++;
			start = i + 1;
		}
	c = start ? 1 : b->col;
	for (i = start; i < off; i++)
		c += ((unsigned char)b->text[i] & 0xC0) != 0x80;
	*line = l;
	*col = c;
}

static int silenced(const struct block *ob, const struct block *tb,
		    enum rule r)
{
	return (ob && block_ignores(ob, rule_table[r].id)) ||
	       (tb && block_ignores(tb, rule_table[r].id));
}

static size_t cut(const char *s, size_t n, size_t max);

/* The source text of a token, for messages (at most 60 bytes). */
static void tok_text(struct buf *out, const struct block *b,
		     const struct num_token *t)
{
	buf_add(out, b->text + t->off, cut(b->text + t->off, t->len, 60));
}

/* The length of s[0..n) cut to at most max bytes, on a character. */
static size_t cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* ---- tokens of a unit ----------------------------------------------- */

static int is_text_block(const struct block *b)
{
	return b->kind != BLK_CODE;
}

static void scan_side(struct side_toks *s, const struct block_list *l,
		      size_t from, size_t to, const char *lang)
{
	size_t k, i;

	s->nums.n = 0;
	for (k = from; k < to; k++) {
		size_t before = s->nums.n;

		if (!is_text_block(&l->v[k]))
			continue;
		numbers_scan(&s->nums, l->v[k].text, l->v[k].len, lang);
		if (s->nums.n > s->alloc) {
			s->alloc = s->nums.alloc;
			s->block_of = xrealloc(s->block_of,
					       s->alloc * sizeof(*s->block_of));
		}
		for (i = before; i < s->nums.n; i++)
			s->block_of[i] = k;
	}
}

static int same_value(double a, double b)
{
	double d = fabs(a - b);

	return d <= 1e-9 * fmax(fabs(a), fabs(b)) || d < 1e-12;
}

/*
 * Does translation token t answer original token o well enough not to
 * be a missing number?  The same value and unit; or the same value where
 * one side has no unit ("500 milligrammes" is no unit the reader knows);
 * or a whole hour and its number ("14 h", "2 pm").
 */
static int loosely_equal(const struct num_token *o, const struct num_token *t)
{
	if (o->kind == NUM_TIME && t->kind == NUM_NUMBER && !t->unit[0])
		return fmod(o->value, 60) == 0 && same_value(o->value / 60, t->value);
	if (t->kind == NUM_TIME && o->kind == NUM_NUMBER && !o->unit[0])
		return fmod(t->value, 60) == 0 && same_value(t->value / 60, o->value);
	if (o->kind != NUM_NUMBER || t->kind != NUM_NUMBER)
		return 0;
	if (!o->unit[0] || !t->unit[0])
		return same_value(o->value, t->value);
	return 0;
}

/* ---- link targets ---------------------------------------------------- */

struct link {
	const char *s;
	size_t len;
	size_t block, off;
	int used;
};

struct links {
	struct link *v;
	size_t n, alloc;
};

static void link_add(struct links *l, const char *s, size_t len,
		     size_t block, size_t off)
{
	while (len && (s[len - 1] == '.' || s[len - 1] == ',' || s[len - 1] == ';'))
		len--;
	if (!len)
		return;
	GROW(l->v, l->alloc, l->n + 1);
	l->v[l->n].s = s;
	l->v[l->n].len = len;
	l->v[l->n].block = block;
	l->v[l->n].off = off;
	l->v[l->n].used = 0;
	l->n++;
}

static int has_scheme(const char *s, size_t n, size_t i)
{
	static const char *const schemes[] = {
		"https://", "http://", "www.", "mailto:", "tel:", "article:",
	};
	size_t k;

	if (i > 0 && (((unsigned char)s[i - 1] | 0x20) >= 'a' &&
		      ((unsigned char)s[i - 1] | 0x20) <= 'z'))
		return 0;
	for (k = 0; k < ARRAY_SIZE(schemes); k++) {
		size_t len = strlen(schemes[k]);

		if (n - i >= len && !memcmp(s + i, schemes[k], len))
			return 1;
	}
	return 0;
}

/* Link destinations, autolinks and bare URLs of a block's source. */
static void scan_links(struct links *l, const struct block *b, size_t block)
{
	const char *s = b->text;
	size_t n = b->len, i, j;

	for (i = 0; i < n; i++) {
		if (s[i] == '`') {
			size_t run = 0;

			while (i + run < n && s[i + run] == '`')
				run++;
			for (j = i + run; j + run <= n; j++)
				if (!memcmp(s + j, s + i, run) &&
				    (j + run == n || s[j + run] != '`'))
					break;
			i = j + run <= n ? j + run - 1 : i + run - 1;
			continue;
		}
		if (s[i] == ']' && i + 1 < n && s[i + 1] == '(') {
			size_t a = i + 2, e;

			while (a < n && s[a] == ' ')
				a++;
			if (a < n && s[a] == '<') {
				for (e = ++a; e < n && s[e] != '>'; e++)
					;
			} else {
				int depth = 0;

				for (e = a; e < n && s[e] != ' ' && s[e] != '\n'; e++) {
					if (s[e] == '(')
						depth++;
					else if (s[e] == ')' && depth-- == 0)
						break;
				}
			}
			link_add(l, s + a, e - a, block, a);
			i = e;
			continue;
		}
		if (s[i] == '<' && i + 1 < n && has_scheme(s, n, i + 1)) {
			for (j = i + 1; j < n && s[j] != '>' && s[j] != ' '; j++)
				;
			if (j < n && s[j] == '>') {
				link_add(l, s + i + 1, j - i - 1, block, i + 1);
				i = j;
				continue;
			}
		}
		if ((s[i] == 'h' || s[i] == 'w') && has_scheme(s, n, i) &&
		    strncmp(s + i, "article:", 8)) {
			for (j = i; j < n && s[j] != ' ' && s[j] != '\n' &&
				    s[j] != '<' && s[j] != ')' && s[j] != ']'; j++)
				;
			link_add(l, s + i, j - i, block, i);
			i = j;
		}
	}
}

/*
 * Are two link targets the same for a reader of each language?  Byte
 * equal, or equal once a path segment or query value naming the
 * language ("/fr/", "lang=fr") is read as the other side's language, and
 * a trailing slash dropped.
 */
static int same_link(const struct link *o, const char *olang,
		     const struct link *t, const char *tlang)
{
	size_t i = 0, j = 0, ol = strlen(olang), tl = strlen(tlang);
	size_t on = o->len, tn = t->len;

	if (on && o->s[on - 1] == '/')
		on--;
	if (tn && t->s[tn - 1] == '/')
		tn--;
	while (i < on && j < tn) {
		int at_seg = i > 0 && (o->s[i - 1] == '/' || o->s[i - 1] == '=') &&
			     j > 0 && (t->s[j - 1] == '/' || t->s[j - 1] == '=');

		if (at_seg && on - i >= ol && tn - j >= tl &&
		    !memcmp(o->s + i, olang, ol) && !memcmp(t->s + j, tlang, tl) &&
		    (i + ol == on || strchr("/&#.", o->s[i + ol])) &&
		    (j + tl == tn || strchr("/&#.", t->s[j + tl]))) {
			i += ol;
			j += tl;
			continue;
		}
		if (o->s[i] != t->s[j])
			return 0;
		i++;
		j++;
	}
	return i == on && j == tn;
}

/* ---- words ------------------------------------------------------------ */

/* Runs of letters (any script) in s. */
static size_t count_words(const char *s, size_t n)
{
	size_t i = 0, words = 0;
	int in = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							(utf8proc_ssize_t)(n - i), &cp);
		utf8proc_category_t cat;

		if (len <= 0) {
			i++;
			in = 0;
			continue;
		}
		cat = utf8proc_category(cp);
		if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
			words += !in;
			in = 1;
		} else if (!(cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)) {
			in = 0;
		}
		i += (size_t)len;
	}
	return words;
}

static char *casefold(const char *s, size_t n)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
		return xstrndup(s, n);
	return (char *)out;
}

static int same_folded(const struct block *a, const struct block *b)
{
	char *x, *y;
	int same;

	if (a->norm_len == b->norm_len && !memcmp(a->norm, b->norm, a->norm_len))
		return 1;
	/* a case difference changes few lengths: skip the rest cheaply */
	if (a->norm_len > b->norm_len + 8 || b->norm_len > a->norm_len + 8)
		return 0;
	x = casefold(a->norm, a->norm_len);
	y = casefold(b->norm, b->norm_len);
	same = !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

/* Does the block hold only names the glossary keeps (and no other word)? */
static int only_kept(const struct block *b, const struct glossary *g, void *md)
{
	struct buf t = BUF_INIT;
	size_t i, k, first, flen;
	int only;

	if (!g)
		return 0;
	buf_add(&t, b->norm, b->norm_len);
	for (i = 0; i < g->n; i++) {
		if (!g->v[i].keep)
			continue;
		for (k = 0; k < g->nlang; k++) {
			const struct gl_term *term = &g->v[i].term[k];

			while (term->text &&
			       glossary_count(term, t.buf, t.len, md, &first, &flen))
				memset(t.buf + first, ' ', flen);
		}
	}
	only = count_words(t.buf, t.len) == 0;
	buf_release(&t);
	return only;
}

/* ---- the comparison -------------------------------------------------- */

struct cmp {
	const struct qa_side *o, *t;
	const struct glossary *g;
	struct diag_list *d;
	struct side_toks os, ts;
	struct links ol, tl;
	char *oused, *tused;
	size_t ualloc;
	void *md;
	struct buf msg, a, b;
};

static const struct block *oblk(const struct cmp *c, size_t i)
{
	return &c->o->blocks->v[i];
}

static const struct block *tblk(const struct cmp *c, size_t i)
{
	return &c->t->blocks->v[i];
}

/* Report at translation block tb (offset off), naming original block ob. */
static void report(struct cmp *c, enum rule r, const struct block *tb,
		   size_t off, const struct block *ob, const char *what)
{
	unsigned line, col;

	if (silenced(ob, tb, r))
		return;
	block_pos(tb, off, &line, &col);
	diag(c->d, r, c->t->path, line, col, NULL, "%s (original %s:%u)", what,
	     c->o->path, ob->line);
}

static void compare_numbers(struct cmp *c, const struct unit *u)
{
	struct num_list *on = &c->os.nums, *tn = &c->ts.nums;
	size_t i, k;

	scan_side(&c->os, c->o->blocks, u->of, u->ot, c->o->lang);
	scan_side(&c->ts, c->t->blocks, u->tf, u->tt, c->t->lang);
	if (on->n > c->ualloc || tn->n > c->ualloc) {
		c->ualloc = (on->n > tn->n ? on->n : tn->n) + 16;
		c->oused = xrealloc(c->oused, c->ualloc);
		c->tused = xrealloc(c->tused, c->ualloc);
	}
	if (on->n)
		memset(c->oused, 0, on->n);
	if (tn->n)
		memset(c->tused, 0, tn->n);
	/* equal tokens first, so that a loose match takes no exact one */
	for (i = 0; i < on->n; i++)
		for (k = 0; k < tn->n; k++)
			if (!c->tused[k] && num_equal(&on->v[i], &tn->v[k])) {
				c->oused[i] = c->tused[k] = 1;
				break;
			}
	for (i = 0; i < on->n; i++) {
		const struct num_token *o = &on->v[i];
		const struct block *ob = oblk(c, c->os.block_of[i]);
		const struct block *tb = tblk(c, u->tf < u->tt ? u->tf : 0);
		long other = -1;

		if (c->oused[i])
			continue;
		for (k = 0; k < tn->n; k++) {
			if (c->tused[k])
				continue;
			if (loosely_equal(o, &tn->v[k]))
				break;
			if (other < 0 && o->kind == tn->v[k].kind &&
			    (o->kind == NUM_PHONE ||
			     (o->kind == NUM_NUMBER && same_value(o->value, tn->v[k].value))))
				other = (long)k;
		}
		if (k < tn->n) {
			c->oused[i] = c->tused[k] = 1;
			continue;
		}
		buf_reset(&c->a);
		tok_text(&c->a, ob, o);
		buf_reset(&c->msg);
		if (other >= 0) {
			const struct num_token *t = &tn->v[other];
			const struct block *tb2 = tblk(c, c->ts.block_of[other]);

			c->tused[other] = 1;
			buf_reset(&c->b);
			tok_text(&c->b, tb2, t);
			if (o->kind == NUM_PHONE)
				buf_addf(&c->msg, "phone number differs: '%s' where the "
					 "original has '%s'", c->b.buf, c->a.buf);
			else
				buf_addf(&c->msg, "unit differs: '%s' where the original "
					 "has '%s'", c->b.buf, c->a.buf);
			report(c, o->kind == NUM_PHONE ? R_QA_PHONE : R_QA_UNIT, tb2,
			       t->off, ob, c->msg.buf);
			continue;
		}
		if (u->tf == u->tt)
			continue;
		buf_addf(&c->msg, "missing %s '%s'",
			 o->kind == NUM_PHONE ? "phone number" :
			 o->kind == NUM_TIME ? "time" : "number", c->a.buf);
		report(c, o->kind == NUM_PHONE ? R_QA_PHONE : R_QA_NUMBER, tb, 0,
		       ob, c->msg.buf);
	}
}

static void compare_links(struct cmp *c, const struct unit *u)
{
	size_t i, k;

	c->ol.n = c->tl.n = 0;
	for (i = u->of; i < u->ot; i++)
		scan_links(&c->ol, oblk(c, i), i);
	for (i = u->tf; i < u->tt; i++)
		scan_links(&c->tl, tblk(c, i), i);
	if (!c->ol.n || u->tf == u->tt)
		return;
	for (i = 0; i < c->ol.n; i++) {
		struct link *o = &c->ol.v[i];

		for (k = 0; k < c->tl.n; k++)
			if (!c->tl.v[k].used &&
			    same_link(o, c->o->lang, &c->tl.v[k], c->t->lang))
				break;
		if (k < c->tl.n) {
			c->tl.v[k].used = 1;
			continue;
		}
		buf_reset(&c->msg);
		buf_addf(&c->msg, "missing link target '%.*s'",
			 (int)cut(o->s, o->len, 80), o->s);
		report(c, R_QA_LINK, tblk(c, u->tf), 0, oblk(c, o->block),
		       c->msg.buf);
	}
}

static int untranslatable_kind(enum block_kind k)
{
	return k == BLK_HEADING || k == BLK_PARAGRAPH || k == BLK_LIST_ITEM;
}

static void compare_untranslated(struct cmp *c, const struct unit *u)
{
	size_t i, k;

	for (k = u->tf; k < u->tt; k++) {
		const struct block *tb = tblk(c, k);

		if (!untranslatable_kind(tb->kind) ||
		    count_words(tb->norm, tb->norm_len) < 4)
			continue;
		for (i = u->of; i < u->ot; i++) {
			const struct block *ob = oblk(c, i);

			if (ob->kind == tb->kind && same_folded(ob, tb))
				break;
		}
		if (i == u->ot || only_kept(tb, c->g, c->md))
			continue;
		buf_reset(&c->msg);
		buf_addf(&c->msg, "untranslated %s, identical to the original: '%.*s%s'",
			 block_kind_name(tb->kind), (int)cut(tb->norm, tb->norm_len, 40),
			 tb->norm, tb->norm_len > 40 ? "..." : "");
		report(c, R_QA_UNTRANSLATED, tb, 0, oblk(c, i), c->msg.buf);
	}
}

/* The term an entry gives for language li (keep: any of its terms). */
static const struct gl_term *term_for(const struct gl_entry *e, int li,
				      size_t nlang)
{
	size_t k;

	if (li >= 0 && e->term[li].text)
		return &e->term[li];
	if (!e->keep)
		return NULL;
	for (k = 0; k < nlang; k++)
		if (e->term[k].text)
			return &e->term[k];
	return NULL;
}

static void compare_glossary(struct cmp *c, const struct unit *u)
{
	const struct glossary *g = c->g;
	int oli, tli;
	size_t i, k;

	if (!g || u->tf == u->tt)
		return;
	oli = glossary_lang(g, c->o->lang);
	tli = glossary_lang(g, c->t->lang);
	for (i = 0; i < g->n; i++) {
		const struct gl_term *ot = term_for(&g->v[i], oli, g->nlang);
		const struct gl_term *tt = term_for(&g->v[i], tli, g->nlang);
		long at = -1;

		if (!ot || !tt)
			continue;
		for (k = u->of; k < u->ot && at < 0; k++)
			if (is_text_block(oblk(c, k)) &&
			    glossary_count(ot, oblk(c, k)->norm, oblk(c, k)->norm_len,
					   c->md, NULL, NULL))
				at = (long)k;
		if (at < 0)
			continue;
		for (k = u->tf; k < u->tt; k++)
			if (glossary_count(tt, tblk(c, k)->norm, tblk(c, k)->norm_len,
					   c->md, NULL, NULL))
				break;
		if (k < u->tt)
			continue;
		buf_reset(&c->msg);
		if (g->v[i].keep)
			buf_addf(&c->msg, "glossary name '%s' not kept as written",
				 tt->text);
		else
			buf_addf(&c->msg, "glossary term '%s' not rendered as '%s'",
				 ot->text, tt->text);
		report(c, R_QA_GLOSSARY, tblk(c, u->tf), 0, oblk(c, (size_t)at),
		       c->msg.buf);
	}
}

static void compare_unit(struct cmp *c, const struct unit *u)
{
	if (u->of == u->ot)
		return;
	compare_numbers(c, u);
	compare_links(c, u);
	compare_untranslated(c, u);
	compare_glossary(c, u);
}

/* ---- alignment ------------------------------------------------------ */

static size_t body_start(const struct block_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].kind != BLK_TITLE && l->v[i].kind != BLK_SUMMARY &&
		    l->v[i].kind != BLK_SOURCE)
			break;
	return i;
}

/* The run of blocks of kind k among the frontmatter blocks [0, end). */
static void fm_run(const struct block_list *l, size_t end, enum block_kind k,
		   size_t *from, size_t *to)
{
	size_t i;

	*from = *to = 0;
	for (i = 0; i < end; i++)
		if (l->v[i].kind == k) {
			if (*from == *to)
				*from = i;
			*to = i + 1;
		}
}

static int same_body_shape(const struct block_list *a, size_t ab,
			   const struct block_list *b, size_t bb)
{
	size_t i;

	if (a->n - ab != b->n - bb)
		return 0;
	for (i = 0; ab + i < a->n; i++) {
		const struct block *x = &a->v[ab + i], *y = &b->v[bb + i];

		if (x->kind != y->kind || x->level != y->level)
			return 0;
	}
	return 1;
}

static size_t count_headings(const struct block_list *l, size_t from)
{
	size_t i, n = 0;

	for (i = from; i < l->n; i++)
		n += l->v[i].kind == BLK_HEADING;
	return n;
}

/* The blocks of section s among [from, n): [*a, *b). */
static void section_run(const struct block_list *l, size_t from, unsigned s,
			size_t *a, size_t *b)
{
	size_t i = from;

	while (i < l->n && l->v[i].section < s)
		i++;
	*a = i;
	while (i < l->n && l->v[i].section == s)
		i++;
	*b = i;
}

enum qa_align qa_compare(const struct qa_side *orig, const struct qa_side *trans,
			 const struct glossary *g, struct diag_list *d)
{
	const struct block_list *o = orig->blocks, *t = trans->blocks;
	static const enum block_kind fm_kinds[] = { BLK_TITLE, BLK_SUMMARY, BLK_SOURCE };
	struct cmp c;
	struct unit u;
	size_t ob = body_start(o), tb = body_start(t), k;
	enum qa_align align;

	memset(&c, 0, sizeof(c));
	c.o = orig;
	c.t = trans;
	c.g = g;
	c.d = d;
	c.md = glossary_md_new();
	buf_init(&c.msg);
	buf_init(&c.a);
	buf_init(&c.b);
	for (k = 0; k < ARRAY_SIZE(fm_kinds); k++) {
		fm_run(o, ob, fm_kinds[k], &u.of, &u.ot);
		fm_run(t, tb, fm_kinds[k], &u.tf, &u.tt);
		if (fm_kinds[k] == BLK_SOURCE && u.ot - u.of == u.tt - u.tf) {
			/* as many sources: one by one */
			size_t i, n = u.ot - u.of;
			struct unit one;

			for (i = 0; i < n; i++) {
				one.of = u.of + i;
				one.ot = one.of + 1;
				one.tf = u.tf + i;
				one.tt = one.tf + 1;
				compare_unit(&c, &one);
			}
			continue;
		}
		compare_unit(&c, &u);
	}
	if (same_body_shape(o, ob, t, tb)) {
		align = QA_ALIGN_BLOCKS;
		for (k = 0; ob + k < o->n; k++) {
			u.of = ob + k;
			u.ot = u.of + 1;
			u.tf = tb + k;
			u.tt = u.tf + 1;
			compare_unit(&c, &u);
		}
	} else if (count_headings(o, ob) == count_headings(t, tb) &&
		   count_headings(o, ob) > 0) {
		unsigned s, ns = (unsigned)count_headings(o, ob);

		align = QA_ALIGN_SECTIONS;
		for (s = 0; s <= ns; s++) {
			section_run(o, ob, s, &u.of, &u.ot);
			section_run(t, tb, s, &u.tf, &u.tt);
			compare_unit(&c, &u);
		}
	} else {
		align = QA_ALIGN_BODY;
		u.of = ob;
		u.ot = o->n;
		u.tf = tb;
		u.tt = t->n;
		compare_unit(&c, &u);
	}
	num_list_release(&c.os.nums);
	num_list_release(&c.ts.nums);
	free(c.os.block_of);
	free(c.ts.block_of);
	free(c.ol.v);
	free(c.tl.v);
	free(c.oused);
	free(c.tused);
	buf_release(&c.msg);
	buf_release(&c.a);
	buf_release(&c.b);
	glossary_md_free(c.md);
	return align;
}

/* ---- one article alone ---------------------------------------------- */

enum { SCRIPT_WESTERN, SCRIPT_ARABIC, SCRIPT_EASTERN, SCRIPT__N };

static int script_of(const char *s, size_t i, size_t n)
{
	unsigned char c = (unsigned char)s[i];

	if (c >= '0' && c <= '9')
		return SCRIPT_WESTERN;
	if (i + 1 < n && (c == 0xD9 && (unsigned char)s[i + 1] >= 0xA0 &&
			  (unsigned char)s[i + 1] <= 0xA9))
		return SCRIPT_ARABIC;
	if (i + 1 < n && (c == 0xDB && (unsigned char)s[i + 1] >= 0xB0 &&
			  (unsigned char)s[i + 1] <= 0xB9))
		return SCRIPT_EASTERN;
	return -1;
}

static void check_digits(const struct qa_side *a, struct diag_list *d)
{
	static const char *const names[SCRIPT__N] = {
		"Western", "Arabic-Indic", "Eastern Arabic-Indic",
	};
	const struct block_list *l = a->blocks;
	struct num_list nums = NUM_LIST_INIT;
	size_t count[SCRIPT__N] = { 0 }, first_blk[SCRIPT__N], first_off[SCRIPT__N];
	size_t k, i, j;
	int s, most = 0, used = 0;

	for (k = 0; k < l->n; k++) {
		const struct block *b = &l->v[k];

		if (!is_text_block(b))
			continue;
		nums.n = 0;
		numbers_scan(&nums, b->text, b->len, a->lang);
		for (i = 0; i < nums.n; i++) {
			const struct num_token *t = &nums.v[i];

			for (j = t->off; j < t->off + t->len; j++) {
				s = script_of(b->text, j, b->len);
				if (s < 0)
					continue;
				if (!count[s]++) {
					first_blk[s] = k;
					first_off[s] = j;
				}
			}
		}
	}
	num_list_release(&nums);
	for (s = 0; s < SCRIPT__N; s++) {
		used += count[s] > 0;
		if (count[s] > count[most])
			most = s;
	}
	if (used < 2)
		return;
	for (s = 0; s < SCRIPT__N; s++) {
		const struct block *b;
		unsigned line, col;

		if (s == most || !count[s])
			continue;
		b = &l->v[first_blk[s]];
		if (block_ignores(b, rule_table[R_QA_DIGITS].id))
			continue;
		block_pos(b, first_off[s], &line, &col);
		diag(d, R_QA_DIGITS, a->path, line, col, NULL,
		     "mixed digits: %zu %s digit%s in an article written with "
		     "%zu %s digit%s", count[s], names[s], count[s] == 1 ? "" : "s",
		     count[most], names[most], count[most] == 1 ? "" : "s");
	}
}

static void check_forbidden(const struct qa_side *a, const struct glossary *g,
			    struct diag_list *d)
{
	const struct block_list *l = a->blocks;
	int li = glossary_lang(g, a->lang);
	void *md;
	size_t i, k, f;

	if (li < 0)
		return;
	md = glossary_md_new();
	for (i = 0; i < g->n; i++) {
		const struct gl_entry *e = &g->v[i];

		for (f = 0; f < e->nforbidden[li]; f++) {
			const struct gl_term *t = &e->forbidden[li][f];

			for (k = 0; k < l->n; k++) {
				const struct block *b = &l->v[k];
				size_t off, len;
				unsigned line, col;

				if (!is_text_block(b) ||
				    !glossary_count(t, b->text, b->len, md, &off, &len) ||
				    block_ignores(b, rule_table[R_QA_GLOSSARY].id))
					continue;
				block_pos(b, off, &line, &col);
				if (e->term[li].text)
					diag(d, R_QA_GLOSSARY, a->path, line, col, NULL,
					     "forbidden term '%.*s': the glossary says '%s'",
					     (int)len, b->text + off, e->term[li].text);
				else
					diag(d, R_QA_GLOSSARY, a->path, line, col, NULL,
					     "forbidden term '%.*s'", (int)len,
					     b->text + off);
			}
		}
	}
	glossary_md_free(md);
}

void qa_article(const struct qa_side *a, const struct glossary *g,
		struct diag_list *d)
{
	check_digits(a, d);
	if (g)
		check_forbidden(a, g, d);
}
