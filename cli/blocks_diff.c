/*
 * blocks_diff.c - the alignment of an old and a new version of one
 * original, block by block (SPEC 12.3), each change classed editorial,
 * content or safety; and the translation's block at each change's place.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "blocks.h"
#include "numbers.h"
#include "util.h"

const char *change_kind_name(enum change_kind k)
{
	static const char *const names[] = { "changed", "added", "removed", "moved" };

	return (unsigned)k < ARRAY_SIZE(names) ? names[k] : "?";
}

const char *change_class_name(enum change_class c)
{
	static const char *const names[] = { "editorial", "content", "safety", "unknown" };

	return (unsigned)c < ARRAY_SIZE(names) ? names[c] : "?";
}

/* ---- classes ----------------------------------------------------------- */

/*
 * What makes a change a safety change (12.3): the multiset of numbers,
 * units, phone numbers, URLs and link targets, and negation words of a
 * text, as strings ("n:0.5 g", "u:https://...", "w:pas") sorted.
 */
struct facts {
	char **v;
	size_t n, alloc;
};

static void facts_add(struct facts *f, const char *kind, const char *s, size_t n)
{
	char *p = xmalloc(strlen(kind) + n + 1);

	memcpy(p, kind, strlen(kind));
	memcpy(p + strlen(kind), s, n);
	p[strlen(kind) + n] = '\0';
	GROW(f->v, f->alloc, f->n + 1);
	f->v[f->n++] = p;
}

static void facts_release(struct facts *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Numbers, times and phone numbers as SPEC 13 reads them (numbers.h):
 * "0,5 g" and "500 mg" are one fact, grouping and digit scripts aside;
 * the comparison sign before a number is part of it ("< 3" is not "> 3").
 */
static void facts_numbers(struct facts *f, const char *s, size_t n, const char *lang)
{
	struct num_list nl = NUM_LIST_INIT;
	size_t i;

	numbers_scan(&nl, s, n, lang);
	for (i = 0; i < nl.n; i++) {
		const struct num_token *t = &nl.v[i];
		char key[96];
		int k;

		/* "< 3 mmol/l" and "> 3 mmol/l" say opposite things */
		const char *sign = num_cmp_sign(numbers_comparison(s, t->off));

		if (t->kind == NUM_PHONE)
			k = snprintf(key, sizeof(key), "p:%s", t->digits);
		else if (t->kind == NUM_TIME)
			k = snprintf(key, sizeof(key), "t:%s%.6g", sign, t->value);
		else if (t->base_unit[0])
			k = snprintf(key, sizeof(key), "n:%s%.6g %s", sign, t->base, t->base_unit);
		else
			k = snprintf(key, sizeof(key), "n:%s%.6g %s", sign, t->value, t->unit);
		if (k > 0)
			facts_add(f, "", key, strlen(key) < sizeof(key) ? strlen(key) : sizeof(key) - 1);
	}
	num_list_release(&nl);
}

static int url_char_end(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ')' ||
	       c == '>' || c == ']' || c == '"' || c == '\'' || c == '<';
}

/* Link destinations ("](x)"), autolinks and bare URLs. */
static void facts_urls(struct facts *f, const char *s, size_t n)
{
	static const char *const schemes[] = {
		"http://", "https://", "mailto:", "tel:", "www.", "article:",
	};
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (s[i] == ']' && i + 1 < n && s[i + 1] == '(') {
			size_t j = i + 2;

			while (j < n && (s[j] == ' ' || s[j] == '<'))
				j++;
			k = j;
			while (k < n && !url_char_end((unsigned char)s[k]))
				k++;
			if (k > j)
				facts_add(f, "l:", s + j, k - j);
			continue;
		}
		/* every scheme starts with one of these letters */
		if (!strchr("hmtwaHMTWA", s[i]) || !s[i])
			continue;
		for (k = 0; k < ARRAY_SIZE(schemes); k++) {
			size_t m = strlen(schemes[k]), j;

			if (n - i < m || strncasecmp(s + i, schemes[k], m))
				continue;
			if (i && isalnum((unsigned char)s[i - 1]))
				continue;
			if (i >= 2 && s[i - 1] == '(' && s[i - 2] == ']')
				break;	/* counted as the link's target */
			for (j = i + m; j < n && !url_char_end((unsigned char)s[j]); j++)
				;
			while (j > i + m && strchr(".,;:!?", s[j - 1]))
				j--;
			facts_add(f, "u:", s + i, j - i);
			i = j - 1;
			break;
		}
	}
}

static const char *const neg_fr[] = { "ne", "n", "pas", "jamais", "sans", "aucun", "aucune", "rien", "ni", NULL };
static const char *const neg_en[] = { "not", "no", "never", "without", "none", "nor", NULL };
static const char *const neg_de[] = { "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "ohne", NULL };
static const char *const neg_nl[] = { "niet", "geen", "nooit", "zonder", NULL };
static const char *const neg_tr[] = { "de\xc4\x9fil", "yok", "hi\xc3\xa7", NULL };
static const char *const neg_ar[] = {
	"\xd9\x84\xd8\xa7",			/* لا */
	"\xd9\x84\xd9\x85",			/* لم */
	"\xd9\x84\xd9\x86",			/* لن */
	"\xd9\x84\xd9\x8a\xd8\xb3",		/* ليس */
	"\xd9\x84\xd9\x8a\xd8\xb3\xd8\xaa",	/* ليست */
	"\xd8\xba\xd9\x8a\xd8\xb1",		/* غير */
	"\xd8\xa8\xd8\xaf\xd9\x88\xd9\x86",	/* بدون */
	NULL
};

static const char *const *negations(const char *lang)
{
	if (!lang)
		return NULL;
	if (!strncmp(lang, "fr", 2))
		return neg_fr;
	if (!strncmp(lang, "en", 2))
		return neg_en;
	if (!strncmp(lang, "de", 2))
		return neg_de;
	if (!strncmp(lang, "nl", 2))
		return neg_nl;
	if (!strncmp(lang, "tr", 2))
		return neg_tr;
	if (!strncmp(lang, "ar", 2))
		return neg_ar;
	return NULL;
}

static int is_letter(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

/* Negation words: whole lowercase words, split on non-letters. */
static void facts_negations(struct facts *f, const char *s, size_t n, const char *lang)
{
	const char *const *words = negations(lang);
	struct buf w = BUF_INIT;
	size_t i = 0;

	if (!words)
		return;
	while (i <= n) {
		utf8proc_int32_t cp = -1;
		utf8proc_ssize_t k = 0;

		if (i < n) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					     (utf8proc_ssize_t)(n - i), &cp);
			if (k <= 0) {
				k = 1;
				cp = -1;
			}
		}
		if (cp >= 0 && is_letter(cp)) {
			buf_addcp(&w, (unsigned)utf8proc_tolower(cp));
			i += (size_t)k;
			continue;
		}
		if (w.len) {
			size_t j;

			for (j = 0; words[j]; j++)
				if (!strcmp(w.buf, words[j]))
					facts_add(f, "w:", w.buf, w.len);
			/* English n't: "don't", "isn’t" */
			if (words == neg_en && w.len > 1 && w.buf[w.len - 1] == 'n' && i < n) {
				const char *p = s + i;
				size_t rest = n - i;

				if ((rest >= 2 && p[0] == '\'' && (p[1] == 't' || p[1] == 'T') &&
				     (rest == 2 || !isalpha((unsigned char)p[2]))) ||
				    (rest >= 4 && !memcmp(p, "\xe2\x80\x99", 3) &&
				     (p[3] == 't' || p[3] == 'T') &&
				     (rest == 4 || !isalpha((unsigned char)p[4]))))
					facts_add(f, "w:", "n't", 3);
			}
			buf_reset(&w);
		}
		if (i == n)
			break;
		i += (size_t)k;
	}
	buf_release(&w);
}

static void facts_of(struct facts *f, const char *s, size_t n, const char *lang)
{
	facts_numbers(f, s, n, lang);
	facts_urls(f, s, n);
	facts_negations(f, s, n, lang);
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), cmp_str);
}

static int facts_equal(const struct facts *a, const struct facts *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]))
			return 0;
	return 1;
}

/* The letters and digits alone, lowercase: what an editorial change keeps. */
static void letters_of(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);

		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (is_letter(cp) || utf8proc_category(cp) == UTF8PROC_CATEGORY_ND) {
			utf8proc_category_t c = utf8proc_category(cp);

			if (c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME)
				continue;
			buf_addcp(out, (unsigned)utf8proc_tolower(cp));
		}
	}
}

static enum change_class classify(const struct block *o, const struct block *n,
				  const char *lang)
{
	struct facts fo = { 0 }, fn = { 0 };
	enum change_class c;

	if (o)
		facts_of(&fo, o->text, o->len, lang);
	if (n)
		facts_of(&fn, n->text, n->len, lang);
	if (!o || !n) {
		c = (o ? fo.n : fn.n) ? CLASS_SAFETY : CLASS_CONTENT;
	} else if (!facts_equal(&fo, &fn)) {
		c = CLASS_SAFETY;
	} else {
		struct buf a = BUF_INIT, b = BUF_INIT;

		letters_of(&a, o->norm, o->norm_len);
		letters_of(&b, n->norm, n->norm_len);
		c = a.len == b.len && !memcmp(a.buf, b.buf, a.len) ?
			CLASS_EDITORIAL : CLASS_CONTENT;
		buf_release(&a);
		buf_release(&b);
	}
	facts_release(&fo);
	facts_release(&fn);
	return c;
}

/* ---- alignment --------------------------------------------------------- */

static int same_norm(const struct block *a, const struct block *b)
{
	return a->norm_len == b->norm_len && !memcmp(a->norm, b->norm, a->norm_len);
}

struct changes {
	struct block_change *v;
	size_t n, alloc;
};

static void change_add(struct changes *c, enum change_kind k, long oi, long ni)
{
	GROW(c->v, c->alloc, c->n + 1);
	c->v[c->n].kind = k;
	c->v[c->n].cls = CLASS_EDITORIAL;
	c->v[c->n].old_i = oi;
	c->v[c->n].new_i = ni;
	c->v[c->n].trans_i = -1;
	c->n++;
}

static int is_frontmatter(enum block_kind k)
{
	return k == BLK_TITLE || k == BLK_SUMMARY || k == BLK_SOURCE;
}

/*
 * The translation's block for each block of old, or -1: the frontmatter's
 * by kind and rank (a translation may lack the sources), the body's when
 * the bodies have the same shape.  NULL when nothing can be placed.
 */
static long *counterparts(const struct block_list *old, const struct block_list *trans)
{
	long *map = xmalloc((old->n + 1) * sizeof(*map));
	size_t i, j, ob = 0, tb = 0, placed = 0;
	int body_same = 1;

	while (ob < old->n && is_frontmatter(old->v[ob].kind))
		ob++;
	while (tb < trans->n && is_frontmatter(trans->v[tb].kind))
		tb++;
	if (old->n - ob != trans->n - tb)
		body_same = 0;
	for (i = ob, j = tb; body_same && i < old->n; i++, j++)
		if (old->v[i].kind != trans->v[j].kind || old->v[i].level != trans->v[j].level)
			body_same = 0;
	for (i = 0; i < old->n; i++) {
		map[i] = -1;
		if (i < ob) {
			/* the rank-th block of this kind in the translation */
			size_t rank = 0, k;

			for (k = 0; k < i; k++)
				rank += old->v[k].kind == old->v[i].kind;
			for (k = 0; k < tb; k++)
				if (trans->v[k].kind == old->v[i].kind && rank-- == 0) {
					map[i] = (long)k;
					break;
				}
		} else if (body_same) {
			map[i] = (long)(tb + (i - ob));
		}
		placed += map[i] >= 0;
	}
	if (!placed) {
		free(map);
		return NULL;
	}
	return map;
}

/* The words of a normalized text, lowercase letters and digits, sorted. */
static size_t words_of(const struct block *b, char ***out)
{
	char **v = NULL;
	size_t n = 0, alloc = 0;
	const char *p = b->norm, *e = b->norm + b->norm_len;

	while (p < e) {
		const char *q = memchr(p, ' ', (size_t)(e - p));
		struct buf w = BUF_INIT;

		if (!q)
			q = e;
		letters_of(&w, p, (size_t)(q - p));
		if (w.len) {
			GROW(v, alloc, n + 1);
			v[n++] = buf_detach(&w, NULL);
		}
		buf_release(&w);
		p = q + 1;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_str);
	*out = v;
	return n;
}

static void words_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Dice's coefficient of two sorted word lists, in thousandths. */
static unsigned similarity(char **a, size_t na, char **b, size_t nb)
{
	size_t i = 0, j = 0, common = 0;

	if (!na && !nb)
		return 1000;
	while (i < na && j < nb) {
		int c = strcmp(a[i], b[j]);

		if (!c) {
			common++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	return (unsigned)(2000 * common / (na + nb));
}

struct cand {
	unsigned score;
	size_t i, j;
};

static int cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

/* Past this many unmatched pairs, similarity is not looked for. */
#define SIMILAR_MAX_PAIRS 20000

static void pair_similar(const struct block_list *old, const struct block_list *new,
			 const long *match_o, const long *match_n, long *pair_o,
			 long *pair_n, struct changes *ch)
{
	size_t *uo = NULL, *un = NULL, nuo = 0, nun = 0, ao = 0, an = 0, i, j, nc = 0;
	char ***wo, ***wn;
	size_t *lo, *ln;
	struct cand *c;

	for (i = 0; i < old->n; i++)
		if (match_o[i] < 0 && pair_o[i] < 0) {
			GROW(uo, ao, nuo + 1);
			uo[nuo++] = i;
		}
	for (j = 0; j < new->n; j++)
		if (match_n[j] < 0 && pair_n[j] < 0) {
			GROW(un, an, nun + 1);
			un[nun++] = j;
		}
	if (!nuo || !nun || nuo * nun > SIMILAR_MAX_PAIRS) {
		free(uo);
		free(un);
		return;
	}
	wo = xcalloc(nuo, sizeof(*wo));
	wn = xcalloc(nun, sizeof(*wn));
	lo = xcalloc(nuo, sizeof(*lo));
	ln = xcalloc(nun, sizeof(*ln));
	c = xmalloc(nuo * nun * sizeof(*c));
	for (i = 0; i < nuo; i++)
		lo[i] = words_of(&old->v[uo[i]], &wo[i]);
	for (j = 0; j < nun; j++)
		ln[j] = words_of(&new->v[un[j]], &wn[j]);
	for (i = 0; i < nuo; i++)
		for (j = 0; j < nun; j++) {
			unsigned sc = similarity(wo[i], lo[i], wn[j], ln[j]);

			if (sc >= 500 && old->v[uo[i]].kind == new->v[un[j]].kind) {
				c[nc].score = sc;
				c[nc].i = uo[i];
				c[nc].j = un[j];
				nc++;
			}
		}
	qsort(c, nc, sizeof(*c), cmp_cand);
	for (i = 0; i < nc; i++) {
		if (pair_o[c[i].i] >= 0 || pair_n[c[i].j] >= 0)
			continue;
		pair_o[c[i].i] = (long)c[i].j;
		pair_n[c[i].j] = (long)c[i].i;
		change_add(ch, CH_CHANGED, (long)c[i].i, (long)c[i].j);
	}
	for (i = 0; i < nuo; i++)
		words_free(wo[i], lo[i]);
	for (j = 0; j < nun; j++)
		words_free(wn[j], ln[j]);
	free(wo);
	free(wn);
	free(lo);
	free(ln);
	free(c);
	free(uo);
	free(un);
}

struct keyed {
	size_t key, old_i;
	struct block_change c;
};

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->old_i < b->old_i ? -1 : a->old_i > b->old_i;
}

/*
 * Changes in the order of the new text; a removed block just before the
 * new place of the next old block that has one.
 */
static void order_changes(struct changes *ch, size_t no, size_t nn,
			  const long *match_o, const long *pair_o)
{
	struct keyed *k = xmalloc((ch->n + 1) * sizeof(*k));
	size_t i, m;

	for (i = 0; i < ch->n; i++) {
		const struct block_change *c = &ch->v[i];

		k[i].c = *c;
		k[i].old_i = c->old_i >= 0 ? (size_t)c->old_i : 0;
		if (c->new_i >= 0) {
			k[i].key = 2 * (size_t)c->new_i + 1;
			continue;
		}
		k[i].key = 2 * nn;
		for (m = (size_t)c->old_i + 1; m < no; m++) {
			long to = match_o[m] >= 0 ? match_o[m] : pair_o[m];

			if (to >= 0) {
				k[i].key = 2 * (size_t)to;
				break;
			}
		}
	}
	qsort(k, ch->n, sizeof(*k), cmp_keyed);
	for (i = 0; i < ch->n; i++)
		ch->v[i] = k[i].c;
	free(k);
}

/* Past this many cells the middle is not aligned: all removed, all added. */
#define LCS_MAX_CELLS (16u << 20)

/* The alignment of old and new under way: what each step of blocks_diff()
 * reads and leaves for the next. */
struct align {
	const struct block_list *old, *new;
	size_t no, nn;
	size_t *ho, *hn;		/* the hash of each block's norm */
	long *match_o, *match_n;	/* old i -> new j and back by LCS, -1 none */
	long *pair_o, *pair_n;		/* the same, for moved and changed blocks */
	struct changes ch;
};

/* Old block i and new block j have the same text. */
static inline int same_block(const struct align *a, size_t i, size_t j)
{
	return a->ho[i] == a->hn[j] && same_norm(&a->old->v[i], &a->new->v[j]);
}

static void align_init(struct align *a, const struct block_list *old,
		       const struct block_list *new)
{
	size_t i, j;

	memset(a, 0, sizeof(*a));
	a->old = old;
	a->new = new;
	a->no = old->n;
	a->nn = new->n;
	a->match_o = xmalloc((a->no + 1) * sizeof(*a->match_o));
	a->match_n = xmalloc((a->nn + 1) * sizeof(*a->match_n));
	a->pair_o = xmalloc((a->no + 1) * sizeof(*a->pair_o));
	a->pair_n = xmalloc((a->nn + 1) * sizeof(*a->pair_n));
	a->ho = xmalloc((a->no + 1) * sizeof(*a->ho));
	a->hn = xmalloc((a->nn + 1) * sizeof(*a->hn));
	for (i = 0; i < a->no; i++) {
		a->match_o[i] = a->pair_o[i] = -1;
		a->ho[i] = hash_mem(old->v[i].norm, old->v[i].norm_len);
	}
	for (j = 0; j < a->nn; j++) {
		a->match_n[j] = a->pair_n[j] = -1;
		a->hn[j] = hash_mem(new->v[j].norm, new->v[j].norm_len);
	}
}

static void align_release(struct align *a)
{
	free(a->ho);
	free(a->hn);
	free(a->match_o);
	free(a->match_n);
	free(a->pair_o);
	free(a->pair_n);
}

static void match(struct align *a, size_t i, size_t j)
{
	a->match_o[i] = (long)j;
	a->match_n[j] = (long)i;
}

/* The longest common subsequence of the blocks between the same first
 * pre and last suf of both, when the table is small enough. */
static void align_middle(struct align *a, size_t pre, size_t suf)
{
	size_t na = a->no - pre - suf, nb = a->nn - pre - suf, i, j;
	uint32_t *L;

	if (!na || !nb || (double)(na + 1) * (double)(nb + 1) > LCS_MAX_CELLS)
		return;
	/* L[i][j]: LCS length of old[pre+i..] and new[pre+j..] */
	L = xcalloc((na + 1) * (nb + 1), sizeof(*L));
	for (i = na; i-- > 0;)
		for (j = nb; j-- > 0;)
			L[i * (nb + 1) + j] = same_block(a, pre + i, pre + j) ?
				L[(i + 1) * (nb + 1) + j + 1] + 1 :
				L[(i + 1) * (nb + 1) + j] >= L[i * (nb + 1) + j + 1] ?
				L[(i + 1) * (nb + 1) + j] : L[i * (nb + 1) + j + 1];
	i = j = 0;
	while (i < na && j < nb) {
		if (same_block(a, pre + i, pre + j)) {
			match(a, pre + i, pre + j);
			i++;
			j++;
		} else if (L[(i + 1) * (nb + 1) + j] >= L[i * (nb + 1) + j + 1])
			i++;
		else
			j++;
	}
	free(L);
}

/* The blocks the same in both: the same first ones, the same last ones,
 * and the longest common subsequence between. */
static void align_same(struct align *a)
{
	size_t no = a->no, nn = a->nn, pre = 0, suf = 0;

	while (pre < no && pre < nn && same_block(a, pre, pre)) {
		match(a, pre, pre);
		pre++;
	}
	while (suf < no - pre && suf < nn - pre &&
	       same_block(a, no - 1 - suf, nn - 1 - suf)) {
		match(a, no - 1 - suf, nn - 1 - suf);
		suf++;
	}
	align_middle(a, pre, suf);
}

static int unpaired_o(const struct align *a, size_t i)
{
	return a->match_o[i] < 0 && a->pair_o[i] < 0;
}

static int unpaired_n(const struct align *a, size_t j)
{
	return a->match_n[j] < 0 && a->pair_n[j] < 0;
}

static void pair(struct align *a, enum change_kind k, size_t i, size_t j)
{
	a->pair_o[i] = (long)j;
	a->pair_n[j] = (long)i;
	change_add(&a->ch, k, (long)i, (long)j);
}

/* Between two matches, blocks of one kind in order are changed. */
static void pair_in_gaps(struct align *a)
{
	size_t *gap_o = xmalloc((a->no + 1) * sizeof(*gap_o));
	size_t *gap_n = xmalloc((a->nn + 1) * sizeof(*gap_n));
	size_t i, j, g;

	/* the gap of each unmatched block: matches before it */
	for (i = 0, g = 0; i < a->no; i++) {
		if (a->match_o[i] >= 0)
			g++;
		gap_o[i] = g;
	}
	for (j = 0, g = 0; j < a->nn; j++) {
		if (a->match_n[j] >= 0)
			g++;
		gap_n[j] = g;
	}
	for (i = 0; i < a->no; i++) {
		if (!unpaired_o(a, i))
			continue;
		for (j = 0; j < a->nn; j++)
			if (unpaired_n(a, j) && gap_n[j] == gap_o[i] &&
			    a->old->v[i].kind == a->new->v[j].kind) {
				pair(a, CH_CHANGED, i, j);
				break;
			}
	}
	free(gap_o);
	free(gap_n);
}

/*
 * What LCS leaves unmatched is paired: the same text elsewhere is moved; a
 * similar text (half its words or more in common) anywhere is changed, the
 * most similar first; then, between two matches, blocks of one kind in
 * order are changed.  The rest are removed or added.
 */
static void align_rest(struct align *a)
{
	size_t i, j;

	for (i = 0; i < a->no; i++) {
		if (a->match_o[i] >= 0)
			continue;
		for (j = 0; j < a->nn; j++)
			if (unpaired_n(a, j) && same_block(a, i, j)) {
				pair(a, CH_MOVED, i, j);
				break;
			}
	}
	pair_similar(a->old, a->new, a->match_o, a->match_n, a->pair_o, a->pair_n,
		     &a->ch);
	pair_in_gaps(a);
	for (i = 0; i < a->no; i++)
		if (unpaired_o(a, i))
			change_add(&a->ch, CH_REMOVED, (long)i, -1);
	for (j = 0; j < a->nn; j++)
		if (unpaired_n(a, j))
			change_add(&a->ch, CH_ADDED, -1, (long)j);
	order_changes(&a->ch, a->no, a->nn, a->match_o, a->pair_o);
}

size_t blocks_diff(const struct block_list *old, const struct block_list *new,
		   const struct block_list *trans, const char *lang,
		   struct block_change **out)
{
	struct align a;
	long *counter = trans ? counterparts(old, trans) : NULL;
	size_t k;

	align_init(&a, old, new);
	align_same(&a);
	align_rest(&a);
	for (k = 0; k < a.ch.n; k++) {
		struct block_change *c = &a.ch.v[k];

		if (c->kind == CH_MOVED)
			c->cls = CLASS_EDITORIAL;
		else
			c->cls = classify(c->old_i >= 0 ? &old->v[c->old_i] : NULL,
					  c->new_i >= 0 ? &new->v[c->new_i] : NULL, lang);
		if (counter && c->old_i >= 0)
			c->trans_i = counter[c->old_i];
	}
	free(counter);
	align_release(&a);
	*out = a.ch.v;
	return a.ch.n;
}
