/*
 * glossary.c - _glossary.yaml: read, check, compile (SPEC 13).
 *
 * A term becomes the PCRE2 pattern "(?<![letters])(?:TERM)(?![letters])"
 * compiled with UTF and UCP, so that word boundaries hold for accented
 * and Arabic letters, and caseless unless the entry is `keep`.  A
 * `pattern` of a language replaces the quoted term there.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "glossary.h"
#include "buf.h"
#include "corpus.h"
#include "diag.h"
#include "embed.h"
#include "schema.h"
#include "util.h"
#include "yaml_tree.h"

#include <pcre2.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define GLOSSARY_FILE "_glossary.yaml"

int glossary_lang(const struct glossary *g, const char *lang)
{
	size_t k;

	for (k = 0; k < g->nlang; k++)
		if (!strcmp(g->languages[k], lang))
			return (int)k;
	return -1;
}

/* The term as a literal of a pattern: every ASCII punctuation escaped,
 * a space any run of white space. */
static void quote(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ') {		/* a line break is a space too */
			buf_adds(b, "\\s+");
			continue;
		}
		if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
				  (c >= 'A' && c <= 'Z') || c == ' '))
			buf_addc(b, '\\');
		buf_addc(b, c);
	}
}

/*
 * Turkish and Azerbaijani case i and ı apart: İ is the capital of i, I
 * of ı.  PCRE2 (before 10.45's Turkish casing) pairs I with i and gives
 * İ and ı no other case, so a Turkic term spells each of the four as a
 * class of its two cases, matched without caseless folding.
 */
static int is_turkic(const char *lang)
{
	return lang && (!strcmp(lang, "tr") || !strcmp(lang, "az") ||
			!strncmp(lang, "tr-", 3) || !strncmp(lang, "az-", 3));
}

/* The class of the Turkic i at s (i, I, İ or ı), *len its bytes; or NULL. */
static const char *turkic_i(const char *s, size_t *len)
{
	*len = 1;
	if (*s == 'i')
		return "(?-i:[i\\x{130}])";
	if (*s == 'I')
		return "(?-i:[I\\x{131}])";
	*len = 2;
	if ((unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0xB0)
		return "(?-i:[i\\x{130}])";
	if ((unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0xB1)
		return "(?-i:[I\\x{131}])";
	return NULL;
}

/* quote() for a Turkic term: its i's in their own cases. */
static void quote_turkic(struct buf *b, const char *s)
{
	struct buf piece = BUF_INIT;
	const char *from = s;
	size_t len;

	for (; *s; s++) {
		const char *cls = turkic_i(s, &len);

		if (!cls)
			continue;
		buf_reset(&piece);
		buf_add(&piece, from, (size_t)(s - from));
		quote(b, piece.buf ? piece.buf : "");
		buf_adds(b, cls);
		s += len - 1;
		from = s + 1;
	}
	quote(b, from);
	buf_release(&piece);
}

/* Is c a byte of a character the piece may hold: an ASCII letter or
 * digit, or (lead and continuation) a character of the Arabic block?
 * In a Turkic term not i nor I, whose other cases there are İ and ı. */
static size_t piece_char(const unsigned char *s, int turkic)
{
	if (turkic && (s[0] | 0x20) == 'i')
		return 0;
	if ((s[0] >= '0' && s[0] <= '9') || ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
		return 1;
	if (s[0] >= 0xD8 && s[0] <= 0xDB && s[1] >= 0x80 && s[1] <= 0xBF)
		return 2;
	return 0;
}

/*
 * The longest run of body that a match of the quoted term holds as it
 * is, ASCII case aside: ASCII letters and digits, whose only other cases
 * under PCRE2's caseless UCP matching are their own (and U+212A for k,
 * U+017F for s, hence t->ks), and Arabic letters, which have none.
 * Spaces, punctuation and other letters end a run.
 */
static void set_need(struct gl_term *t, const char *body, int turkic)
{
	const unsigned char *s = (const unsigned char *)body;
	size_t i = 0, best = 0, best_len = 0, k;

	while (s[i]) {
		size_t start = i, len;

		while ((len = piece_char(s + i, turkic)) != 0)
			i += len;
		if (i - start > best_len) {
			best = start;
			best_len = i - start;
		}
		if (i == start)
			i++;
	}
	if (best_len < 2)
		return;
	t->need = xstrndup(body + best, best_len);
	t->need_len = best_len;
	for (k = 0; k < best_len; k++) {
		unsigned char c = (unsigned char)t->need[k];

		if (c >= 'A' && c <= 'Z')
			t->need[k] = (char)(c | 0x20);
		if (t->need[k] == 'k' || t->need[k] == 's')
			t->ks = 1;
	}
}

/* Does s[0..n) hold the bytes p[0..m)? */
static int has_bytes(const char *s, size_t n, const char *p, size_t m)
{
	const char *at = s, *end = s + n;

	while ((size_t)(end - at) >= m && (at = memchr(at, p[0], (size_t)(end - at) - m + 1)))
		if (!memcmp(at, p, m))
			return 1;
		else
			at++;
	return 0;
}

/* The first of p[0] and its other ASCII case (fold) in [at, end), or NULL. */
static const unsigned char *next_first(const unsigned char *at,
				       const unsigned char *end, unsigned char c,
				       unsigned char fold)
{
	const unsigned char *a = memchr(at, c, (size_t)(end - at)), *b;

	if (!fold)
		return a;
	b = memchr(at, c ^ fold, (size_t)(a ? a - at : end - at));
	return b ? b : a;
}

/* Does at[0..m) hold the piece p[0..m) (ASCII case aside)? */
static int piece_at(const unsigned char *at, const unsigned char *p, size_t m)
{
	size_t j;

	for (j = 0; j < m; j++) {
		unsigned char a = at[j], b = p[j];

		if (a != b && !(b >= 'a' && b <= 'z' && (a | 0x20) == b))
			return 0;
	}
	return 1;
}

/* May term t match s[0..n)?  0 only when its piece is not there. */
static int may_match(const struct gl_term *t, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s, *at;
	const unsigned char *p = (const unsigned char *)t->need;
	size_t m = t->need_len, j;
	unsigned char fold;

	if (!p)
		return 1;
	if (m > n)
		goto other_cases;
	at = u;
#ifdef __SSE2__
	{
		/* sixteen places at a time where the piece's first two bytes
		 * are (ASCII case aside), then the rest at each of them */
		const __m128i f0 = _mm_set1_epi8(p[0] >= 'a' && p[0] <= 'z' ? 0x20 : 0);
		const __m128i f1 = _mm_set1_epi8(p[1] >= 'a' && p[1] <= 'z' ? 0x20 : 0);
		const __m128i c0 = _mm_set1_epi8((char)p[0]), c1 = _mm_set1_epi8((char)p[1]);
		size_t i;

		for (i = 0; i + 17 <= n; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(u + i));
			__m128i w = _mm_loadu_si128((const __m128i *)(u + i + 1));
			unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(
				_mm_cmpeq_epi8(_mm_or_si128(v, f0), c0),
				_mm_cmpeq_epi8(_mm_or_si128(w, f1), c1)));

			for (; mask; mask &= mask - 1) {
				size_t k = i + (size_t)__builtin_ctz(mask);

				if (k + m <= n && piece_at(u + k, p, m))
					return 1;
			}
		}
		at = u + i;
	}
#endif
	if (at + m > u + n)
		goto other_cases;
	fold = p[0] >= 'a' && p[0] <= 'z' ? 0x20 : 0;
	for (; (at = next_first(at, u + n - m + 1, p[0], fold)) != NULL; at++) {
		for (j = 1; j < m; j++) {
			unsigned char a = at[j], b = p[j];

			if (a != b && !(b >= 'a' && b <= 'z' && (a | 0x20) == b))
				break;
		}
		if (j == m)
			return 1;
	}
other_cases:
	return t->ks && (has_bytes(s, n, "\xE2\x84\xAA", 3) ||
			 has_bytes(s, n, "\xC5\xBF", 2));
}

/*
 * Columns from node n's start to the character at byte off of its value
 * body, where the source is the value as it is (plain, or quoted without
 * an escape: one line, as long as the value and its quotes); else 0, the
 * node's start.
 */
static unsigned col_in(const struct ynode *n, const char *body, size_t off)
{
	if (n->line != n->end_line ||
	    n->end - n->start != utf8_count(n->str, n->len) + 2u * n->quoted)
		return 0;
	return n->quoted + utf8_count(body, off);
}

/*
 * Compile body (a pattern) on word boundaries into t->re.  On error,
 * report it at node n with PCRE2's message and offset (in the pattern
 * the user wrote when user is set).
 */
static int compile_term(struct gl_term *t, const char *body, int user, int keep,
			int turkic, const struct ynode *n, const char *path,
			struct diag_list *d)
{
	/* Arabic writes its proclitics (wa-, fa-, bi-, li-, ka-) against the
	 * word: "والعلاج" still holds "العلاج" */
	static const char pre[] = "(?<![\\p{L}\\p{N}\\p{M}_])"
		"[\\x{0648}\\x{0641}\\x{0628}\\x{0644}\\x{0643}]{0,2}(?:";
	struct buf p = BUF_INIT;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int err;
	pcre2_code *re;

	buf_adds(&p, pre);
	if (user) {
		buf_adds(&p, body);
	} else if (keep && ((unsigned char)body[0] | 0x20) >= 'a' &&
		   ((unsigned char)body[0] | 0x20) <= 'z') {
		/* a kept name may open a sentence: "Nivolumab ist..." */
		size_t len;
		const char *cls = turkic ? turkic_i(body, &len) : NULL;

		if (cls)
			buf_adds(&p, cls);
		else
			buf_addf(&p, "(?i:%c)", body[0]);
		quote(&p, body + 1);
	} else if (turkic && !keep) {
		quote_turkic(&p, body);
	} else {
		quote(&p, body);
	}
	buf_adds(&p, ")(?![\\p{L}\\p{N}\\p{M}_])");
	re = pcre2_compile((PCRE2_SPTR)p.buf, p.len,
			   PCRE2_UTF | PCRE2_UCP | (keep ? 0 : PCRE2_CASELESS),
			   &err, &off, NULL);
	buf_release(&p);
	if (!re) {
		pcre2_get_error_message(err, msg, sizeof(msg));
		off = off >= sizeof(pre) - 1 ? off - (sizeof(pre) - 1) : 0;
		if (off > strlen(body))
			off = strlen(body);
		diag(d, R_GLOSSARY, path, n->line,
		     n->col + (user ? col_in(n, body, off) : 0), NULL,
		     "bad pattern '%s' at offset %zu: %s", body, (size_t)off,
		     (const char *)msg);
		return -1;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	t->re = re;
	if (!user)
		set_need(t, body, turkic && !keep);
	return 0;
}

/* Case-folded NFC, for finding a term given twice. */
static char *fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
			 UTF8PROC_CASEFOLD) < 0)
		return xstrdup(s);
	return (char *)out;
}

struct seen {
	char *folded;
	int lang;
	unsigned line, col;
};

/* A term already given for lang (compared folded): reported, 1; else
 * remembered, 0. */
static int seen_before(const struct glossary *g, const struct ynode *v,
		       const char *lang, int li, struct seen **seen, size_t *nseen,
		       size_t *aseen, struct diag_list *d)
{
	char *f = fold(v->str);
	size_t k;

	for (k = 0; k < *nseen; k++)
		if ((*seen)[k].lang == li && !strcmp((*seen)[k].folded, f))
			break;
	if (k < *nseen) {
		diag(d, R_GLOSSARY, g->path, v->line, v->col, NULL,
		     "duplicate term '%s' for '%s': already at line %u",
		     v->str, lang, (*seen)[k].line);
		free(f);
		return 1;
	}
	GROW(*seen, *aseen, *nseen + 1);
	(*seen)[*nseen].folded = f;
	(*seen)[*nseen].lang = li;
	(*seen)[*nseen].line = v->line;
	(*seen)[*nseen].col = v->col;
	(*nseen)++;
	return 0;
}

/* An entry's pattern: keys that are languages of the corpus with a term. */
static void check_patterns(const struct glossary *g, const struct ynode *m,
			   const struct ynode *pat, struct diag_list *d)
{
	size_t i;

	for (i = 0; pat && pat->type == Y_MAP && i < pat->n; i++) {
		const char *lang = ynode_scalar(pat->pairs[i].key);

		if (lang && glossary_lang(g, lang) < 0)
			diag(d, R_GLOSSARY, g->path, pat->pairs[i].key->line,
			     pat->pairs[i].key->col, NULL,
			     "unknown language '%s': not in 'languages' of folio.yaml",
			     lang);
		else if (lang && !ymap_get(m, lang))
			diag(d, R_GLOSSARY, g->path, pat->pairs[i].key->line,
			     pat->pairs[i].key->col, NULL,
			     "pattern for '%s' without a term for '%s'", lang, lang);
	}
}

/* An entry's forbidden terms, per language, each compiled. */
static void load_forbidden(const struct glossary *g, struct gl_entry *e,
			   const struct ynode *forb, struct diag_list *d)
{
	size_t i, k;

	for (i = 0; forb && forb->type == Y_MAP && i < forb->n; i++) {
		const struct ynode *key = forb->pairs[i].key, *list = forb->pairs[i].value;
		const char *lang = ynode_scalar(key);
		int li = lang ? glossary_lang(g, lang) : -1;

		if (li < 0) {
			diag(d, R_GLOSSARY, g->path, key->line, key->col, NULL,
			     "unknown language '%s': not in 'languages' of folio.yaml",
			     lang ? lang : "");
			continue;
		}
		if (list->type != Y_SEQ)
			continue;
		e->forbidden[li] = xcalloc(list->n + 1, sizeof(struct gl_term));
		for (k = 0; k < list->n; k++) {
			struct gl_term *t = &e->forbidden[li][e->nforbidden[li]];

			if (!list->items[k]->str)
				continue;
			if (compile_term(t, list->items[k]->str, 0, 0,
					 is_turkic(lang), list->items[k],
					 g->path, d) < 0)
				continue;
			t->text = xstrdup(list->items[k]->str);
			e->nforbidden[li]++;
		}
	}
}

static void load_entry(struct glossary *g, struct gl_entry *e,
		       const struct ynode *m, struct seen **seen, size_t *nseen,
		       size_t *aseen, struct diag_list *d)
{
	const struct ynode *pat = ymap_get(m, "pattern");
	const struct ynode *forb = ymap_get(m, "forbidden");
	const struct ynode *keep = ymap_get(m, "keep");
	size_t i;

	e->keep = keep && keep->type == Y_BOOL && keep->v.b;
	e->line = m->line;
	e->term = xcalloc(g->nlang, sizeof(*e->term));
	e->forbidden = xcalloc(g->nlang, sizeof(*e->forbidden));
	e->nforbidden = xcalloc(g->nlang, sizeof(*e->nforbidden));
	for (i = 0; i < m->n; i++) {
		const struct ynode *key = m->pairs[i].key, *v = m->pairs[i].value;
		const char *lang = ynode_scalar(key);
		const struct ynode *p;
		int li;

		if (!lang || !strcmp(lang, "pattern") || !strcmp(lang, "forbidden") ||
		    !strcmp(lang, "keep") || !strcmp(lang, "note"))
			continue;
		li = glossary_lang(g, lang);
		if (li < 0) {
			diag(d, R_GLOSSARY, g->path, key->line, key->col, NULL,
			     "unknown language '%s': not in 'languages' of folio.yaml",
			     lang);
			continue;
		}
		if (!v->str || v->type == Y_MAP || v->type == Y_SEQ)
			continue;
		if (seen_before(g, v, lang, li, seen, nseen, aseen, d))
			continue;
		p = pat ? ymap_get(pat, lang) : NULL;
		if (p && p->str) {
			if (compile_term(&e->term[li], p->str, 1, e->keep,
					 is_turkic(lang), p, g->path, d) < 0)
				continue;
		} else if (compile_term(&e->term[li], v->str, 0, e->keep,
					is_turkic(lang), v, g->path, d) < 0) {
			continue;
		}
		e->term[li].text = xstrdup(v->str);
	}
	check_patterns(g, m, pat, d);
	load_forbidden(g, e, forb, d);
}

/* A glossary the schema rejects: each entry's patterns (strings in a
 * `pattern` mapping) compiled for their errors alone. */
static void check_user_patterns(const struct ynode *root, const char *path,
				struct diag_list *d)
{
	size_t i, k;

	for (i = 0; root->type == Y_SEQ && i < root->n; i++) {
		const struct ynode *pat = ymap_get(root->items[i], "pattern");

		for (k = 0; pat && pat->type == Y_MAP && k < pat->n; k++) {
			const struct ynode *v = pat->pairs[k].value;
			struct gl_term t;

			if (v->type != Y_STRING)
				continue;
			memset(&t, 0, sizeof(t));
			if (compile_term(&t, v->str, 1, 0, 0, v, path, d) == 0)
				pcre2_code_free(t.re);
		}
	}
}

struct glossary *glossary_load(const struct corpus *c, struct diag_list *d)
{
	struct buf text = BUF_INIT;
	struct ydoc doc = YDOC_INIT;
	struct glossary *g = NULL;
	struct schema *s = NULL;
	struct seen *seen = NULL;
	size_t nseen = 0, aseen = 0, i, len;
	char *path = corpus_path(c, GLOSSARY_FILE);
	const char *schema_text;

	if (yaml_file_load(path, 1, R_IO, &text, &doc, d) != 0)
		goto out;
	schema_text = embed_find("schemas/glossary.schema.yaml", &len);
	s = schema_load_mem("schemas/glossary.schema.yaml", schema_text, len, d);
	if (!s || !doc.root)
		goto out;
	if (schema_validate(s, doc.root, path, d) > 0) {
		/* the glossary is not used, but every error is said in one
		 * run: its patterns are compiled for their errors too */
		check_user_patterns(doc.root, path, d);
		goto out;
	}
	if (doc.root->type != Y_SEQ)
		goto out;
	g = xcalloc(1, sizeof(*g));
	g->path = path;
	path = NULL;
	g->nlang = c->cfg.nlang;
	g->languages = c->cfg.languages;
	g->v = xcalloc(doc.root->n + 1, sizeof(*g->v));
	for (i = 0; i < doc.root->n; i++)
		load_entry(g, &g->v[g->n++], doc.root->items[i], &seen, &nseen,
			   &aseen, d);
out:
	for (i = 0; i < nseen; i++)
		free(seen[i].folded);
	free(seen);
	if (s)
		schema_free(s);
	ydoc_release(&doc);
	buf_release(&text);
	free(path);
	return g;
}

static void term_release(struct gl_term *t)
{
	free(t->text);
	free(t->need);
	if (t->re)
		pcre2_code_free(t->re);
}

void glossary_free(struct glossary *g)
{
	size_t i, k, j;

	if (!g)
		return;
	for (i = 0; i < g->n; i++) {
		struct gl_entry *e = &g->v[i];

		for (k = 0; k < g->nlang; k++) {
			term_release(&e->term[k]);
			for (j = 0; j < e->nforbidden[k]; j++)
				term_release(&e->forbidden[k][j]);
			free(e->forbidden[k]);
		}
		free(e->term);
		free(e->forbidden);
		free(e->nforbidden);
	}
	free(g->v);
	free(g->path);
	free(g);
}

void *glossary_md_new(void)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);

	if (!md) {
		fputs("folio: out of memory\n", stderr);
		exit(3);
	}
	return md;
}

void glossary_md_free(void *md)
{
	pcre2_match_data_free(md);
}

size_t glossary_count(const struct gl_term *t, const char *text, size_t len,
		      void *md, size_t *first, size_t *first_len)
{
	size_t count = 0, at = 0;

	if (!t->re || !may_match(t, text, len))
		return 0;
	while (at <= len) {
		PCRE2_SIZE *ov;
		int rc = pcre2_match(t->re, (PCRE2_SPTR)text, len, at,
				     PCRE2_NO_UTF_CHECK, md, NULL);

		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(md);
		if (!count && first) {
			*first = ov[0];
			if (first_len)
				*first_len = ov[1] - ov[0];
		}
		count++;
		at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		/* never stop inside a character */
		while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
			at++;
	}
	return count;
}

int glossary_may(const struct gl_term *t, const char *text, size_t len)
{
	return t->re && may_match(t, text, len);
}

int glossary_has(const struct gl_term *t, const char *text, size_t len, void *md)
{
	return t->re && may_match(t, text, len) && pcre2_match(t->re, (PCRE2_SPTR)text, len, 0,
				    PCRE2_NO_UTF_CHECK, md, NULL) >= 0;
}
