/*
 * export_lang.c - the languages of a run: their string catalogs (loaded,
 * checked, merged over the source language's, a language held back when
 * its catalog is unfit), the strings every page of a language shows,
 * made once before the workers start, and how many pages each has.
 */
#include "export_int.h"
#include "util.h"

const char *const export_label_keys[10] = {
	"acknowledgements", "reviewed_by", "further_reading", "contents",
	"links", "stale_notice", "original_link", "index_title",
	/* an e-book's package (SPEC 16); none built in */
	"book_title", "book_description",
};

/* ---- string catalogs ---- */

/* What a page says when neither its catalog nor the source's has a key
 * (export_catalog.c, which validate checks the catalogs with too). */
#define builtin_strings export_builtin_strings

static const char *const builtin_months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

const struct ynode *export_cat_root(const struct export *x, size_t lang)
{
	const struct ynode *r = x->langs[lang].cat.doc.root;

	return r && r->type == Y_MAP ? r : NULL;
}

static int usable_str(const struct ynode *n)
{
	return n && n->type == Y_STRING && n->len;
}
const char *const export_sentence_keys[6] = {
	"list_sep", "list_pair", "thanks", "updated_on", "translated_by",
	"also_available_in",
};

/*
 * A language whose catalog has an error is not exported: its pages stay
 * as the last good run left them, rather than print words the catalog
 * did not mean (English defaults, "{datum}", another language's months).
 * The catalog is given up, so that no other page falls back on it.
 */
static void hold_lang(struct export *x, size_t k, struct diag_list *d)
{
	struct xlang *L = &x->langs[k];

	if (L->wanted)
		diag(d, R_CATALOG_HELD, L->cat.path, 0, 0, NULL,
		     "language '%s' not exported: its string catalog has "
		     "errors; its pages stay as they were", L->code);
	if (L->wanted)
		L->held = 1;
	L->wanted = 0;
	catalog_release(&L->cat);
}

/*
 * A string of the page language's catalog, else the source's, else ours;
 * *tl (when not NULL) gets the typography of the language it is written
 * in, which is not the page's for a fallback: an English built-in string
 * on a French page gets no French spaces.
 */
const char *export_cat_str_typo(const struct export *x, size_t lang,
				const char *key, enum typo_lang *tl)
{
	const struct ynode *n = ymap_get(export_cat_root(x, lang), key);
	size_t i;

	if (tl)
		*tl = x->langs[lang].typo;
	if (!usable_str(n)) {
		n = ymap_get(export_cat_root(x, x->src), key);
		if (tl)
			*tl = x->langs[x->src].typo;
	}
	if (usable_str(n))
		return n->str;
	if (tl)
		*tl = TYPO_LANG_EN;
	for (i = 0; i < ARRAY_SIZE(builtin_strings); i++)
		if (!strcmp(builtin_strings[i].key, key))
			return builtin_strings[i].value;
	return "";
}

static const char *cat_str(const struct export *x, size_t lang, const char *key)
{
	return export_cat_str_typo(x, lang, key, NULL);
}

/* map.sub ("language_names", "en"), or NULL. */
const char *export_cat_sub(const struct export *x, size_t lang,
			   const char *map, const char *sub)
{
	const struct ynode *n = ymap_get(ymap_get(export_cat_root(x, lang), map), sub);

	if (!usable_str(n))
		n = ymap_get(ymap_get(export_cat_root(x, x->src), map), sub);
	return usable_str(n) ? n->str : NULL;
}

const char *export_cat_month(const struct export *x, size_t lang, int m)
{
	const struct ynode *n = ymap_get(export_cat_root(x, lang), "months");

	if (m < 1 || m > 12)
		return "";
	if (!n || n->type != Y_SEQ || n->n != 12 || !usable_str(n->items[m - 1]))
		n = ymap_get(export_cat_root(x, x->src), "months");
	if (n && n->type == Y_SEQ && n->n == 12 && usable_str(n->items[m - 1]))
		return n->items[m - 1]->str;
	return builtin_months[m - 1];
}

/* The name of language `of` in language `in`; its code when unknown. */
static const char *lang_name(const struct export *x, size_t in, size_t of)
{
	const char *s = export_cat_sub(x, in, "language_names", x->langs[of].code);

	return s ? s : x->langs[of].code;
}

/* cat_str() of one of export_sentence_keys, from what prepare_lang found. */
const char *export_sentence(const struct export *x, size_t lang,
			    const char *key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(export_sentence_keys); i++)
		if (key == export_sentence_keys[i] || !strcmp(key, export_sentence_keys[i]))
			return x->langs[lang].sentence[i];
	return cat_str(x, lang, key);
}

/*
 * The `strings` variable: the page language's catalog, with the keys it
 * lacks taken from the source language's and then from the built-in
 * strings.  Built once per language before the workers start.
 */
static struct ynode *merged_strings(struct export *x, size_t lang)
{
	struct arena *a = &x->arena;
	struct ynode *m = ynode_new(a, Y_MAP);
	const struct ynode *own = export_cat_root(x, lang), *src = export_cat_root(x, x->src);
	size_t i;

	for (i = 0; own && i < own->n; i++)
		ymap_add(a, m, own->pairs[i].key->str, own->pairs[i].value);
	for (i = 0; src && i < src->n; i++)
		if (!ymap_get(m, src->pairs[i].key->str))
			ymap_add(a, m, src->pairs[i].key->str,
				 src->pairs[i].value);
	for (i = 0; i < ARRAY_SIZE(builtin_strings); i++)
		if (!ymap_get(m, builtin_strings[i].key))
			ymap_add(a, m, builtin_strings[i].key,
				 ynode_string(a, builtin_strings[i].value,
					      strlen(builtin_strings[i].value)));
	return m;
}

/* ---- pages per language ---- */

/*
 * npub and has_pages of every language as pub[] stands: an index for the
 * languages with publishable articles, among those with pages in this run
 * (make_lang_dirs() set has_pages for them); a book for those with pages
 * in this run.  pub[] only loses articles, so that a second call agrees.
 */
void export_lang_counts(struct export *x)
{
	const struct corpus *c = &x->c;
	size_t i, k;

	for (k = 0; k < c->cfg.nlang; k++)
		x->langs[k].npub = 0;
	for (i = 0; i < c->n; i++)
		if (x->pub[i])
			x->langs[x->lix[i]].npub++;
	for (k = 0; k < c->cfg.nlang; k++)
		if (!x->langs[k].npub || x->f->book)
			x->langs[k].has_pages = 0;
	for (i = 0; x->f->book && i < c->n; i++)
		if (x->pub[i] && export_reported(x, i))
			x->langs[x->lix[i]].has_pages = 1;
}

/*
 * The language's labels and language names, typography applied once
 * (x->arena), shared read-only by the pages the workers build.
 */
static void prepare_lang(struct export *x, size_t k)
{
	struct xlang *L = &x->langs[k];
	struct ynode *hold = ynode_new(&x->arena, Y_MAP);
	struct pg p;
	size_t j, i;

	memset(&p, 0, sizeof(p));
	p.x = x;
	p.lang = k;
	p.rtl = L->rtl;
	p.a = &x->arena;
	for (i = 0; i < ARRAY_SIZE(export_label_keys); i++) {
		enum typo_lang tl;
		const char *s = export_cat_str_typo(x, k, export_label_keys[i], &tl);

		pg_set_text_typo(&p, hold, export_label_keys[i], s, tl);
		L->label[i] = hold->pairs[hold->n - 1].value;
	}
	L->name = arena_alloc(&x->arena, (x->c.cfg.nlang + 1) * sizeof(*L->name));
	L->raw_name = arena_alloc(&x->arena,
				  (x->c.cfg.nlang + 1) * sizeof(*L->raw_name));
	for (j = 0; j < x->c.cfg.nlang; j++) {
		L->raw_name[j] = lang_name(x, k, j);
		pg_set_text(&p, hold, "name", L->raw_name[j]);
		L->name[j] = hold->pairs[hold->n - 1].value;
	}
	for (i = 0; i < ARRAY_SIZE(export_sentence_keys); i++)
		L->sentence[i] = export_cat_str_typo(x, k, export_sentence_keys[i],
					      &L->sentence_typo[i]);
	L->autonym = L->name[k];
	L->autonym_lang = usable_str(ymap_get(ymap_get(export_cat_root(x, k),
						      "language_names"), L->code)) ||
			  !export_cat_sub(x, k, "language_names", L->code) ? k : x->src;
	pg_release(&p);
}

/*
 * Every catalog: a page names the other languages in their own words
 * too.  Problems are shown for the languages written and the source's.
 */
void export_load_catalogs(struct export *x, struct diag_list *all)
{
	struct corpus *c = &x->c;
	struct diag_list quiet = DIAG_LIST_INIT;
	size_t k;

	memcpy(quiet.ignored, c->cfg.ignore, sizeof(quiet.ignored));
	for (k = 0; k < c->cfg.nlang; k++) {
		struct diag_list *to = k == x->src || x->langs[k].wanted ?
				       all : &quiet;

		int loaded = catalog_load(c, x->langs[k].code, &x->langs[k].cat,
					  to) == 0;

		if (x->langs[k].cat.exists &&
		    (!loaded || export_catalog_check(c, &x->langs[k].cat,
			builtin_strings, ARRAY_SIZE(builtin_strings), to) < 0))
			hold_lang(x, k, all);
	}
	diag_list_release(&quiet);
}

/* What every page of each language shows, made once for the workers. */
void export_prepare_langs(struct export *x)
{
	size_t k;

	for (k = 0; k < x->c.cfg.nlang; k++) {
		x->langs[k].strings = merged_strings(x, k);
		prepare_lang(x, k);
	}
}
