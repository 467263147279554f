/*
 * style.c - load, compile and run the house style rules.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "style.h"
#include "article.h"
#include "buf.h"
#include "corpus.h"
#include "embed.h"
#include "schema.h"
#include "util.h"
#include "yaml_tree.h"

#include <stdint.h>
#include <pcre2.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define STYLE_AVX2 1
#endif
#include <stdlib.h>
#include <string.h>

/* Backtracking steps one match may take (the default is ten million). */
#define STYLE_MATCH_LIMIT 1000000

void style_release(struct style_book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].id);
		free(b->v[i].message);
		free(b->v[i].suggest);
		pcre2_code_free(b->v[i].code);
		pcre2_code_free(b->v[i].anchored);
	}
	for (i = 0; i < 3; i++)
		free(b->pairs[i]);
	pcre2_match_context_free(b->mctx);
	free(b->v);
	free(b->path);
	memset(b, 0, sizeof(*b));
}

static enum severity level_of(const struct ynode *n)
{
	if (n && n->str && !strcmp(n->str, "error"))
		return SEV_ERROR;
	if (n && n->str && !strcmp(n->str, "info"))
		return SEV_INFO;
	return SEV_WARNING;
}

static enum style_scope scope_of(const struct ynode *n)
{
	if (n && n->str && !strcmp(n->str, "title"))
		return SCOPE_TITLE;
	if (n && n->str && !strcmp(n->str, "summary"))
		return SCOPE_SUMMARY;
	return SCOPE_BODY;
}

/* Compile one rule's pattern; a failure is reported at its offset. */
static void *compile(const struct ynode *p, const char *path, int *jit,
		     struct diag_list *d)
{
	pcre2_code *re;
	int err;
	PCRE2_SIZE off;

	re = pcre2_compile((PCRE2_SPTR)p->str, p->len, PCRE2_UTF | PCRE2_UCP,
			   &err, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		unsigned line = p->line, col = p->col;

		pcre2_get_error_message(err, msg, sizeof(msg));
		/* the column of the offending character, where the source
		 * is the value as it is: plain, or quoted without an escape
		 * (one line, as long as the value and its quotes) */
		if (p->line == p->end_line &&
		    p->end - p->start == utf8_count(p->str, p->len) + 2u * p->quoted)
			col += p->quoted + utf8_count(p->str, off < p->len ? off : p->len);
		diag(d, R_STYLE_RULES, path, line, col, NULL,
		     "pattern does not compile: %s at offset %zu of '%s'",
		     (const char *)msg, (size_t)off, p->str);
		return NULL;
	}
	/* without JIT (not built in, no memory) the interpreter still works */
	*jit = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
	return re;
}

/* A rules file the schema rejects: each pattern that is a string compiled
 * for its errors alone. */
static void check_patterns(const struct ynode *rules, const char *path,
			   struct diag_list *d)
{
	size_t i;

	for (i = 0; rules && rules->type == Y_SEQ && i < rules->n; i++) {
		const struct ynode *p = ymap_get(rules->items[i], "pattern");
		int jit;
		void *re;

		if (p && p->type == Y_STRING &&
		    (re = compile(p, path, &jit, d)) != NULL)
			pcre2_code_free(re);
	}
}

/*
 * Can the pattern run from the places its literal is found?  Where it
 * matches must not depend on where the search started (\G), on a verb
 * that stops a search (*X), on \K moving the start, nor on the end of
 * the pattern (a comment, \Q).  A pattern that only looks like one of
 * these just runs alone.
 */
static int plain(const char *p)
{
	static const char *const bad[] = {
		"\\G", "\\K", "\\Q", "(*", "(?C", "#", NULL
	};
	const char *const *b;

	for (b = bad; *b; b++)
		if (strstr(p, *b))
			return 0;
	return 1;
}

/* Is there a | outside any group, so that the pattern has two starts? */
static int top_level_or(const char *p, size_t n)
{
	size_t i = 0;
	int depth = 0;

	while (i < n) {
		if (p[i] == '\\') {
			i += 2;
			continue;
		}
		if (p[i] == '[') {
			/* a class: ] first (or after ^) is itself, [:name:] inside */
			i++;
			if (i < n && p[i] == '^')
				i++;
			if (i < n && p[i] == ']')
				i++;
			while (i < n && p[i] != ']') {
				if (p[i] == '\\')
					i++;
				else if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
					const char *e = strstr(p + i + 2, ":]");

					if (!e)
						return 1;
					i = (size_t)(e - p) + 1;
				}
				i++;
			}
			i++;
			continue;
		}
		if (p[i] == '(')
			depth++;
		else if (p[i] == ')')
			depth--;
		else if (p[i] == '|' && depth <= 0)
			return 1;
		i++;
	}
	return 0;
}

/*
 * The literal every match of the rule starts with: after a leading (?i)
 * and \b, its letters and digits, less the last one when a quantifier
 * follows it.  Caseless, only what PCRE2 folds within ASCII: ASCII
 * letters (k and s noted: they also match U+212A and U+017F, so a text
 * with those runs such a rule alone), and Arabic, which has no case;
 * otherwise any character, byte for byte.
 */
static void literal_of(struct style_rule *x, const char *p, size_t n)
{
	size_t i = 0, k = 0, last = 0;

	x->nlit = 0;
	x->caseless = 0;
	x->sk = 0;
	if (!plain(p) || top_level_or(p, n))
		return;
	if (n >= 4 && !memcmp(p, "(?i)", 4)) {
		x->caseless = 1;
		i = 4;
	}
	if (i + 1 < n && p[i] == '\\' && p[i + 1] == 'b')
		i += 2;
	while (i < n) {
		unsigned char c = (unsigned char)p[i];
		size_t w = 1, j;

		if (c < 0x80) {
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9')))
				break;
			if (x->caseless && ((c | 0x20) == 'k' || (c | 0x20) == 's'))
				x->sk = 1;
			if (x->caseless && c >= 'A' && c <= 'Z')
				c |= 0x20;
		} else {
			w = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			/* U+0600 to U+06FF: Arabic, the only letters caseless keeps */
			if (x->caseless && !(c >= 0xD8 && c <= 0xDB))
				break;
			if (i + w > n)
				break;
			for (j = 1; j < w; j++)
				if (((unsigned char)p[i + j] & 0xC0) != 0x80)
					break;
			if (j < w)
				break;
		}
		if (k + w > sizeof(x->lit))
			break;
		last = k;
		x->lit[k] = (char)c;
		for (j = 1; j < w; j++)
			x->lit[k + j] = p[i + j];
		k += w;
		i += w;
	}
	/* ? * {: the last character may not be there */
	if (i < n && (p[i] == '?' || p[i] == '*' || p[i] == '{'))
		k = last;
	if (k >= 2)
		x->nlit = k;
}

/*
 * How often a byte of a literal comes in running text, roughly, in the
 * Latin-script languages and in Arabic (whose letters are a lead byte,
 * D8 or D9, and one more): what a literal is looked for by is its
 * rarest three bytes, so that the pass over a text stops seldom.
 */
static unsigned byte_weight(unsigned char c)
{
	if (c == ' ' || c == 0xD8 || c == 0xD9)
		return 16;
	if (c >= 0x80)	/* alif, lam, waw, mim, nun, ya, ta marbuta, ra, ta, ba */
		return strchr("\xA7\x84\x88\x85\x86\x8A\xA9\xB1\xAA\xA8", c) ? 8 : 2;
	c |= 0x20;
	if (c >= 'a' && c <= 'z')
		return strchr("eainsrtolu", c) ? 8 : strchr("dcmph", c) ? 3 : 1;
	return 2;
}

static void add_pair(struct style_book *b, enum style_scope scope,
		     const struct style_rule *x, size_t rule)
{
	struct style_pair p;
	unsigned best = ~0u;
	size_t d, j;

	/* a literal of two bytes: those, and any third */
	p.a = (unsigned char)x->lit[0] | 0x20;
	p.b = (unsigned char)x->lit[1] | 0x20;
	p.c = 0;
	p.any_c = 1;
	p.d = 0;
	p.rules = 0;
	for (d = 0; d + 2 < x->nlit; d++) {
		const unsigned char *l = (const unsigned char *)x->lit + d;
		unsigned w = byte_weight(l[0]) * byte_weight(l[1]) * byte_weight(l[2]);

		if (w < best) {
			best = w;
			p.a = l[0] | 0x20;
			p.b = l[1] | 0x20;
			p.c = l[2] | 0x20;
			p.any_c = 0;
			p.d = d;
		}
	}
	for (j = 0; j < b->npairs[scope]; j++) {
		const struct style_pair *q = &b->pairs[scope][j];

		if (q->a == p.a && q->b == p.b && q->c == p.c &&
		    q->any_c == p.any_c && q->d == p.d)
			break;
	}
	if (j == b->npairs[scope]) {
		b->pairs[scope] = xrealloc(b->pairs[scope],
					   (j + 1) * sizeof(*b->pairs[scope]));
		b->pairs[scope][j] = p;
		b->npairs[scope]++;
	}
	b->pairs[scope][j].rules |= 1ULL << rule;
}

/*
 * The rules of a scope that start with a literal get their anchored
 * form and their first two bytes among the scope's pairs.
 */
static void build_prefilter(struct style_book *b, const struct ynode *rules,
			    enum style_scope scope)
{
	size_t i;
	int err;
	PCRE2_SIZE off;

	for (i = 0; i < b->n && i < 64; i++) {
		struct style_rule *x = &b->v[i];
		const struct ynode *p = ymap_get(rules->items[i], "pattern");
		pcre2_code *a;

		if (x->scope != scope)
			continue;
		literal_of(x, p->str, p->len);
		if (!x->nlit)
			continue;
		a = pcre2_compile((PCRE2_SPTR)p->str, p->len,
				  PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &err, &off, NULL);
		if (!a || pcre2_jit_compile(a, PCRE2_JIT_COMPLETE) != 0) {
			pcre2_code_free(a);
			x->nlit = 0;
			continue;
		}
		x->anchored = a;
		add_pair(b, scope, x, i);
	}
}

int style_load(struct style_book *b, const char *path, struct diag_list *diags)
{
	struct buf text = BUF_INIT;
	struct ydoc doc = YDOC_INIT;
	struct diag_list local = DIAG_LIST_INIT;
	struct schema *s = NULL;
	const struct ynode *rules;
	const char *schema_text;
	size_t i, j, len;
	int ret = -1;

	memset(b, 0, sizeof(*b));
	ret = yaml_file_load(path, 1, R_STYLE_RULES, &text, &doc, &local);
	if (ret != 0)
		goto out;	/* 1: no such file; -1: said why */
	ret = -1;
	schema_text = embed_find("schemas/style.schema.yaml", &len);
	s = schema_load_mem("schemas/style.schema.yaml", schema_text, len, &local);
	if (!s)
		goto out;
	if (schema_validate(s, doc.root, path, &local) > 0 ||
	    diag_count(&local).errors) {
		/* the rules do not run, but every error is said in one run:
		 * the patterns are compiled for their errors too */
		check_patterns(ymap_get(doc.root, "rules"), path, &local);
		goto out;
	}
	rules = ymap_get(doc.root, "rules");
	b->v = xcalloc(rules->n ? rules->n : 1, sizeof(*b->v));
	for (i = 0; i < rules->n; i++) {
		const struct ynode *r = rules->items[i];
		const struct ynode *id = ymap_get(r, "id");
		const struct ynode *sg = ymap_get(r, "suggest");
		struct style_rule *x = &b->v[b->n];

		for (j = 0; j < i; j++)
			if (!strcmp(ymap_get(rules->items[j], "id")->str, id->str))
				diag(&local, R_STYLE_RULES, path, id->line, id->col,
				     NULL, "rule id '%s' is used twice", id->str);
		x->code = compile(ymap_get(r, "pattern"), path, &x->jit, &local);
		if (!x->code)
			continue;
		x->id = xstrdup(id->str);
		x->message = xstrdup(ymap_get(r, "message")->str);
		x->suggest = sg ? xstrdup(sg->str) : NULL;
		x->level = level_of(ymap_get(r, "level"));
		x->scope = scope_of(ymap_get(r, "scope"));
		b->nscope[x->scope]++;
		b->n++;
	}
	ret = diag_count(&local).errors ? -1 : 0;
	if (ret == 0) {
		for (i = 0; i < 3; i++)
			build_prefilter(b, rules, (enum style_scope)i);
		/* a pattern that backtracks without end must not hang the run */
		b->mctx = pcre2_match_context_create(NULL);
		if (b->mctx) {
			pcre2_set_match_limit(b->mctx, STYLE_MATCH_LIMIT);
			pcre2_set_depth_limit(b->mctx, STYLE_MATCH_LIMIT / 10);
		}
	}
out:
	if (ret < 0)
		style_release(b);
	else if (ret == 0)
		b->path = xstrdup(path);
	diag_list_append(diags, &local);
	diag_list_release(&local);
	if (s)
		schema_free(s);
	ydoc_release(&doc);
	buf_release(&text);
	return ret;
}

static int skipped(const char *id, char *const *skip, size_t nskip)
{
	size_t i;

	for (i = 0; i < nskip; i++)
		if (!strcmp(skip[i], id))
			return 1;
	return 0;
}

/* The index of the lowest bit set in m (not 0). */
static unsigned lowest_bit(unsigned long long m)
{
#ifdef __GNUC__
	return (unsigned)__builtin_ctzll(m);
#else
	unsigned k = 0;

	while (!(m & 1)) {
		m >>= 1;
		k++;
	}
	return k;
#endif
}

/* One match of a rule, as the message says it. */
static void report(const struct style_rule *r, const char *text, size_t s,
		   size_t e, style_pos_fn pos, const void *pos_ctx,
		   const char *file, struct diag_list *diags)
{
	struct pos p = pos(pos_ctx, s);

	if (r->suggest)
		diag_style(diags, r->level, r->id, r->suggest, file, p.line, p.col,
			   "%s: '%.*s', write '%s'", r->message, (int)(e - s),
			   text + s, r->suggest);
	else
		diag_style(diags, r->level, r->id, NULL, file, p.line, p.col,
			   "%s: '%.*s'", r->message, (int)(e - s), text + s);
}

/* Where the search goes on after a match [s, e): an empty one, a char on. */
static size_t after(const char *text, size_t len, size_t s, size_t e)
{
	if (e > s)
		return e;
	e++;
	while (e < len && ((unsigned char)text[e] & 0xC0) == 0x80)
		e++;
	return e;
}

/* Every match of one rule over the text, searched from one to the next. */
static void run_rule(const struct style_book *b, const struct style_rule *r,
		     const char *text, size_t len, pcre2_match_data *md,
		     style_pos_fn pos, const void *pos_ctx, const char *file,
		     struct diag_list *diags)
{
	PCRE2_SIZE off = 0;

	while (off <= len) {
		PCRE2_SIZE *ov;
		int rc = r->jit ?
			pcre2_jit_match(r->code, (PCRE2_SPTR)text, len, off, 0, md,
					b->mctx) :
			pcre2_match(r->code, (PCRE2_SPTR)text, len, off,
				    PCRE2_NO_UTF_CHECK, md, b->mctx);

		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0) {
			PCRE2_UCHAR msg[128];
			struct pos p0 = pos(pos_ctx, off);

			pcre2_get_error_message(rc, msg, sizeof(msg));
			diag(diags, R_STYLE_RULES, file, p0.line, p0.col, NULL,
			     "rule '%s' of %s gave up here: %s", r->id, b->path,
			     (const char *)msg);
			break;
		}
		ov = pcre2_get_ovector_pointer(md);
		report(r, text, ov[0], ov[1], pos, pos_ctx, file, diags);
		off = after(text, len, ov[0], ov[1]);
	}
}

/* A match of a rule with a literal: rule, start, end. */
struct found {
	size_t rule, s, e;
};

struct found_list {
	struct found *v;
	size_t n, alloc;
};

/* Is the rule's literal at t[i..)? */
static int literal_at(const struct style_rule *r, const char *t, size_t len,
		      size_t i)
{
	size_t j;

	if (r->nlit > len - i)
		return 0;
	for (j = 0; j < r->nlit; j++) {
		unsigned char c = (unsigned char)t[i + j];

		if (r->caseless && c >= 'A' && c <= 'Z')
			c |= 0x20;
		if (c != (unsigned char)r->lit[j])
			return 0;
	}
	return 1;
}

/*
 * The matches of the scope's rules with a literal, in one pass: at each
 * byte, the rules whose literal may start there; where the whole literal
 * is, every such rule whose own search has reached that place is tried,
 * anchored, and a match moves that search past it, as a search from
 * match to match would.  Returns -1 when a match gave up (a limit): the
 * rules then run alone, which says where.
 */
/* Are the n bytes of s somewhere in t[0..len)? */
static int has_bytes(const char *t, size_t len, const char *s, size_t n)
{
	const char *p = t, *end = t + len;

	while ((size_t)(end - p) >= n && (p = memchr(p, s[0], (size_t)(end - p - n + 1)))) {
		if (!memcmp(p, s, n))
			return 1;
		p++;
	}
	return 0;
}


/*
 * Try at t[s] each rule of m whose own search has reached s and whose
 * literal is there; -1 when a match gave up.
 */
static int try_at(const struct style_book *b, const char *text, size_t len,
		  size_t s, unsigned long long m, size_t *next,
		  pcre2_match_data *md, struct found_list *f)
{
	while (m) {
		const struct style_rule *r;
		PCRE2_SIZE *ov;
		size_t k = lowest_bit(m);
		int rc;

		m &= m - 1;
		r = &b->v[k];
		if (next[k] > s || !literal_at(r, text, len, s))
			continue;
		rc = pcre2_jit_match(r->anchored, (PCRE2_SPTR)text, len, s, 0, md,
				     b->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			continue;
		if (rc < 0)
			return -1;
		ov = pcre2_get_ovector_pointer(md);
		GROW(f->v, f->alloc, f->n + 1);
		f->v[f->n++] = (struct found){ k, ov[0], ov[1] };
		next[k] = after(text, len, ov[0], ov[1]);
	}
	return 0;
}

/* The runs of the scope at t[i], 0x20 set on each byte: their rules tried. */
static int pairs_at(const struct style_book *b, enum style_scope scope,
		    const char *text, size_t len, size_t i, unsigned long long live,
		    size_t *next, pcre2_match_data *md, struct found_list *f)
{
	unsigned char x = (unsigned char)text[i] | 0x20,
		y = (unsigned char)text[i + 1] | 0x20,
		z = i + 2 < len ? (unsigned char)text[i + 2] | 0x20 : 0;
	size_t j;

	for (j = 0; j < b->npairs[scope]; j++) {
		const struct style_pair *p = &b->pairs[scope][j];

		if (p->a == x && p->b == y && (p->any_c || (i + 2 < len && p->c == z)) &&
		    i >= p->d && (p->rules & live) &&
		    try_at(b, text, len, i - p->d, p->rules & live, next, md, f) < 0)
			return -1;
	}
	return 0;
}

#ifdef STYLE_AVX2
/*
 * Where a pair may start, 32 places at a time, with AVX2's table
 * lookups: each pair of a round of eight has a bit of its own, set in
 * the two 16-entry tables (low nibble, high nibble) of each of its three
 * bytes at that byte's nibbles.  A byte has the bit in both tables of a
 * position only when it is that pair's byte there, so the three bytes'
 * bits, and-ed, are the pairs that start at a place; two rounds for up to
 * sixteen pairs, where the plain SSE2 loop compares every pair's bytes.
 * A place found is handed to pairs_at(), as that loop does.  Returns the
 * offset where the bytes left start, or -1 when a match gave up.
 */
__attribute__((target("avx2")))
static size_t pairs_avx2(const struct style_book *b, enum style_scope scope,
			 const char *text, size_t len, pcre2_match_data *md,
			 unsigned long long live, size_t *next,
			 struct found_list *f)
{
	unsigned char tab[2][3][2][16];
	__m256i t[2][3][2], v20 = _mm256_set1_epi8(0x20),
		low = _mm256_set1_epi8(0x0f);
	size_t np = b->npairs[scope], rounds = (np + 7) / 8, i, j, r, k;

	memset(tab, 0, sizeof(tab));
	for (j = 0; j < np; j++) {
		const struct style_pair *p = &b->pairs[scope][j];
		unsigned char bit = (unsigned char)(1u << (j % 8));
		unsigned char (*q)[2][16] = tab[j / 8];

		q[0][0][p->a & 15] |= bit;
		q[0][1][p->a >> 4] |= bit;
		q[1][0][p->b & 15] |= bit;
		q[1][1][p->b >> 4] |= bit;
		for (k = 0; k < 16; k++) {
			if (p->any_c || k == (p->c & 15u))
				q[2][0][k] |= bit;
			if (p->any_c || k == (p->c >> 4u))
				q[2][1][k] |= bit;
		}
	}
	for (r = 0; r < 2; r++)
		for (j = 0; j < 3; j++)
			for (k = 0; k < 2; k++)
				t[r][j][k] = _mm256_broadcastsi128_si256(
					_mm_loadu_si128((const __m128i *)tab[r][j][k]));

	for (i = 0; i + 34 <= len; i += 32) {
		__m256i lo[3], hi[3], hit;
		unsigned bits;

		for (j = 0; j < 3; j++) {
			__m256i x = _mm256_or_si256(_mm256_loadu_si256(
				(const __m256i *)(text + i + j)), v20);

			lo[j] = _mm256_and_si256(x, low);
			hi[j] = _mm256_and_si256(_mm256_srli_epi16(x, 4), low);
		}
		hit = _mm256_setzero_si256();
		for (r = 0; r < rounds; r++) {
			__m256i m = _mm256_and_si256(
				_mm256_shuffle_epi8(t[r][0][0], lo[0]),
				_mm256_shuffle_epi8(t[r][0][1], hi[0]));

			for (j = 1; j < 3; j++)
				m = _mm256_and_si256(m, _mm256_and_si256(
					_mm256_shuffle_epi8(t[r][j][0], lo[j]),
					_mm256_shuffle_epi8(t[r][j][1], hi[j])));
			hit = _mm256_or_si256(hit, m);
		}
		bits = ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hit,
					_mm256_setzero_si256()));
		while (bits) {
			k = lowest_bit(bits);
			bits &= bits - 1;
			if (pairs_at(b, scope, text, len, i + k, live, next, md, f) < 0)
				return (size_t)-1;
		}
	}
	return i;
}
#endif

/*
 * The matches of the rules of *live (those with a literal), in one pass
 * over the text: where the run of bytes of a literal is (0x20 set on
 * each: capitals too, and a few bytes more), sixteen places at a time
 * with SSE2; where the whole literal is around it, each rule whose own
 * search has reached its start is tried there, anchored, and a match
 * moves that search past it, as a search from match to match would (a
 * rule has one run, so its places come in order).  *live loses the
 * rules with a caseless s or k when the text has ſ or K.  Returns -1
 * when a match gave up (a limit): the rules then run alone, which says
 * where.
 */
static int prefilter_rules(const struct style_book *b, enum style_scope scope,
			   const char *text, size_t len, pcre2_match_data *md,
			   unsigned long long *live, struct found_list *f)
{
	size_t next[64], i = 0;
	int sk = 0;

	for (i = 0; i < 64 && i < b->n; i++) {
		next[i] = 0;
		sk |= (*live >> i & 1) && b->v[i].sk;
	}
	if (sk && (has_bytes(text, len, "\xC5\xBF", 2) ||
		   has_bytes(text, len, "\xE2\x84\xAA", 3)))
		for (i = 0; i < 64 && i < b->n; i++)
			if (b->v[i].sk)
				*live &= ~(1ULL << i);
	i = 0;
	if (!*live || len < 2)
		return 0;
#ifdef STYLE_AVX2
	if (b->npairs[scope] <= 16 && len >= 34 &&
	    __builtin_cpu_supports("avx2")) {
		i = pairs_avx2(b, scope, text, len, md, *live, next, f);
		if (i == (size_t)-1)
			return -1;
	} else
#endif
#ifdef __SSE2__
	if (b->npairs[scope] <= 16) {
		__m128i pa[16], pb[16], pc[16], any[16], v20 = _mm_set1_epi8(0x20);
		size_t np = b->npairs[scope], j;

		for (j = 0; j < np; j++) {
			const struct style_pair *p = &b->pairs[scope][j];

			pa[j] = _mm_set1_epi8((char)p->a);
			pb[j] = _mm_set1_epi8((char)p->b);
			pc[j] = _mm_set1_epi8((char)p->c);
			any[j] = _mm_set1_epi8(p->any_c ? (char)-1 : 0);
		}
		for (; i + 18 <= len; i += 16) {
			__m128i x = _mm_or_si128(_mm_loadu_si128((const __m128i *)(text + i)), v20);
			__m128i y = _mm_or_si128(_mm_loadu_si128((const __m128i *)(text + i + 1)), v20);
			__m128i z = _mm_or_si128(_mm_loadu_si128((const __m128i *)(text + i + 2)), v20);
			__m128i hit = _mm_setzero_si128();
			unsigned bits;

			for (j = 0; j < np; j++)
				hit = _mm_or_si128(hit, _mm_and_si128(
					_mm_and_si128(_mm_cmpeq_epi8(x, pa[j]),
						      _mm_cmpeq_epi8(y, pb[j])),
					_mm_or_si128(_mm_cmpeq_epi8(z, pc[j]), any[j])));
			bits = (unsigned)_mm_movemask_epi8(hit);
			while (bits) {
				unsigned k = lowest_bit(bits);

				bits &= bits - 1;
				if (pairs_at(b, scope, text, len, i + k, *live, next, md, f) < 0)
					return -1;
			}
		}
	}
#endif
	for (; i + 1 < len; i++)
		if (pairs_at(b, scope, text, len, i, *live, next, md, f) < 0)
			return -1;
	return 0;
}

/*
 * Is t[0..n) UTF-8?  Checked once per text, not by every match; NULs may
 * part it (house.c puts one between blocks), each piece UTF-8.
 */
static int text_valid(const char *t, size_t n)
{
	const char *end = t + n, *z;

	while ((z = memchr(t, 0, (size_t)(end - t))) != NULL) {
		if (!utf8_valid_text(t, (size_t)(z - t)))
			return 0;
		t = z + 1;
	}
	return utf8_valid_text(t, (size_t)(end - t));
}

void style_check(const struct style_book *b, enum style_scope scope,
		 const char *text, size_t len, style_pos_fn pos,
		 const void *pos_ctx, const char *file, char *const *skip,
		 size_t nskip, struct diag_list *diags)
{
	pcre2_match_data *md;
	struct found_list f = { NULL, 0, 0 };
	unsigned long long live = 0;
	size_t i, j;

	if (!b->nscope[scope] || !len || !text_valid(text, len))
		return;
	md = pcre2_match_data_create(8, NULL);
	for (i = 0; i < b->n && i < 64; i++)
		if (b->v[i].scope == scope && b->v[i].anchored &&
		    !skipped(b->v[i].id, skip, nskip))
			live |= 1ULL << i;
	if (live && prefilter_rules(b, scope, text, len, md, &live, &f) < 0)
		live = 0;
	/* rule by rule, in the file's order, each one's matches in the text's */
	for (i = 0; i < b->n; i++) {
		const struct style_rule *r = &b->v[i];

		if (r->scope != scope || skipped(r->id, skip, nskip))
			continue;
		if (i >= 64 || !(live & (1ULL << i))) {
			run_rule(b, r, text, len, md, pos, pos_ctx, file, diags);
			continue;
		}
		for (j = 0; j < f.n; j++)
			if (f.v[j].rule == i)
				report(r, text, f.v[j].s, f.v[j].e, pos, pos_ctx, file,
				       diags);
	}
	free(f.v);
	pcre2_match_data_free(md);
}
