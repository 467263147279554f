/*
 * export_page.c - the page data of an article (SPEC 8.1, the variables of
 * folio-export(1)): where links between pages go in each format, the
 * update line, reviewers and translators, the other versions, the stale
 * notice, related articles, sources, headings and the JSON-LD.
 */
#include "export_int.h"
#include "escape.h"
#include "util.h"

#include <unistd.h>

#define PEOPLE_SLOTS 1024	/* struct pg's reviewers; a power of two */
#define PEOPLE_MADE 4096	/* lines made before people_arena is emptied */
#define PAGE_SLOTS 256		/* dates, sections, translators; a power of two */

/*
 * A reviewer as a page of one language shows them: the fields and the
 * thanks, typography applied, in struct pg's people_arena.  The same few
 * people review most articles.
 */
struct person_line {
	size_t lang;
	const char *name, *role, *affiliation;	/* as written (NULL: none) */
	struct ynode *node[5];	/* name, role, affiliation, thanks, thanks_html */
};

/* s escaped by escape_url: s itself when nothing changes, else owned. */
char *export_url_escaped(const char *s)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s);

	escape_url(&b, s, n);
	if (b.len == n) {
		/* escaping never keeps the length of a string it changes */
		buf_release(&b);
		return (char *)s;
	}
	return buf_detach(&b, NULL);
}

/*
 * The URLs below are built raw, or escaped for an attribute (esc) from
 * parts escaped once per run; ext, page_dir and "../" need no escaping.
 */
static const char *slug_of(const struct export *x, size_t t, int esc)
{
	return esc ? x->slug_esc[t] : x->slug[t];
}

static const char *code_of(const struct export *x, size_t k, int esc)
{
	return esc ? x->langs[k].code_esc : x->langs[k].code;
}

/* base_url<lang>/<slug><ext>: where article t is on the web. */
static void web_url(const struct export *x, size_t t, const char *ext,
		    int esc, struct buf *out)
{
	buf_adds(out, esc ? x->base_esc : x->c.cfg.base_url);
	buf_adds(out, code_of(x, (size_t)x->lix[t], esc));
	buf_addc(out, '/');
	buf_adds(out, slug_of(x, t, esc));
	buf_adds(out, ext);
}

/* The extension of the pages at base_url: the web pages, for formats
 * whose files are not published there themselves. */
static const char *web_ext(const struct export *x)
{
	return x->f->book || x->f->web_links ? ".html" : x->f->ext;
}

/*
 * Whether article t's web page is there to link to: its language is not
 * held back (a catalog with errors), or its page is in the output
 * directory from an earlier run, which the held language keeps.  A
 * language left out by --lang is linked as in a full run.  A book's and
 * print's links to other languages go to the web site, which this run
 * does not see: those stay.
 */
static int page_there(const struct export *x, size_t t)
{
	const struct xlang *L = &x->langs[x->lix[t]];
	struct buf path = BUF_INIT;
	int there;

	if (!L->held || x->f->book || x->f->web_links)
		return 1;
	buf_addf(&path, "%s/%s/%s%s%s", x->outdir_abs, L->code, x->f->page_dir,
		 x->slug[t], x->f->ext);
	there = access(path.buf, F_OK) == 0;
	buf_release(&path);
	return there;
}

/*
 * The URL of article t's page from a page of language `from`, raw or
 * (esc) escaped for an attribute.
 * Returns -1 when the format cannot link there: an EPUB holds only its
 * language's pages of this run, print has no links but to the web, and
 * without base_url there is nowhere else to point.
 */
int export_href_to(const struct export *x, size_t from, size_t t, int esc,
		   struct buf *out)
{
	const struct export_format *f = x->f;
	int k = x->lix[t];

	if ((size_t)k != from && !page_there(x, t))
		return -1;
	if ((size_t)k == from && !f->web_links && (!f->book || export_reported(x, t))) {
		buf_adds(out, slug_of(x, t, esc));
		buf_adds(out, f->ext);
		return 0;
	}
	if ((size_t)k != from && f->cross_lang_links) {
		buf_adds(out, "../");
		buf_adds(out, code_of(x, (size_t)k, esc));
		buf_addc(out, '/');
		buf_adds(out, f->page_dir);
		buf_adds(out, slug_of(x, t, esc));
		buf_adds(out, f->ext);
		return 0;
	}
	if (x->c.cfg.base_url) {
		web_url(x, t, ".html", esc, out);
		return 0;
	}
	return -1;
}

/* The page's own address: absolute with base_url, else relative. */
static void self_url(const struct export *x, size_t t, struct buf *out)
{
	if (x->c.cfg.base_url) {
		web_url(x, t, web_ext(x), 0, out);
	} else {
		buf_adds(out, x->slug[t]);
		buf_adds(out, x->f->ext);
	}
}

/* As export_href_to(), but absolute when base_url is set (hreflang links). */
static int alt_url(const struct export *x, size_t from, size_t t, int esc,
		   struct buf *out)
{
	if ((size_t)x->lix[t] != from && !page_there(x, t))
		return -1;
	if (x->c.cfg.base_url) {
		web_url(x, t, web_ext(x), esc, out);
		return 0;
	}
	return export_href_to(x, from, t, esc, out);
}

/* article:<id> links: the same language, else the original (render.h). */
int export_resolve(void *ctx, const char *id, size_t n, struct buf *href,
		   const char **hreflang)
{
	struct resolve_ctx *r = ctx;
	const struct export *x = r->x;
	const struct xid *e = export_id_find(x, id, n);

	r->last = SIZE_MAX;
	if (!e)
		return -1;
	if (e->by_lang[r->lang] >= 0) {
		*hreflang = NULL;
		r->last = (size_t)e->by_lang[r->lang];
		return export_href_to(x, r->lang, r->last, 0, href);
	}
	if (e->orig >= 0 && x->pub[e->orig]) {
		*hreflang = x->langs[x->lix[e->orig]].code;
		r->last = (size_t)e->orig;
		return export_href_to(x, r->lang, r->last, 0, href);
	}
	return -1;
}

int export_is_stale(const struct export *x, size_t i)
{
	return x->stale[i];
}

void pg_set_lang_attrs(struct pg *p, struct ynode *d)
{
	pg_set_cstr(p, d, "lang", p->x->langs[p->lang].code);
	pg_set_cstr(p, d, "dir", p->rtl ? "rtl" : "ltr");
	pg_set_bool(p, d, "rtl", p->rtl);
}

/* "janvier 2024" */
static void local_date(struct pg *p, struct date dt, struct buf *out)
{
	const char *month = export_cat_month(p->x, p->lang, dt.m);

	buf_adds(out, month);
	buf_addc(out, ' ');
	if (dt.y >= 0)
		buf_addu(out, (unsigned long long)dt.y);
	else
		buf_addf(out, "%d", dt.y);
}

/* The update line of pages of one language and date (page_updated()). */
struct page_dated {
	size_t lang;
	struct date dt;		/* y == 0: the slot is free */
	struct ynode *v[4];	/* updated, updated_date, updated_on(_html) */
};

/* The page_dated of p's language and dt, made in p->a. */
static void make_dated(struct pg *p, struct date dt, struct page_dated *pd)
{
	struct ynode *d = ynode_new(p->a, Y_MAP);
	struct buf *date, *tag;
	char iso[16];
	size_t i;

	date = pg_scratch_push(p);
	tag = pg_scratch_push(p);
	date_format(dt, iso);
	pg_set_str(p, d, "updated", iso, strlen(iso));
	local_date(p, dt, date);
	pg_set_text(p, d, "updated_date", date->buf);
	buf_adds(tag, "<time datetime=\"");
	escape_html(tag, iso, strlen(iso));
	buf_adds(tag, "\">");
	escape_html(tag, date->buf, date->len);
	buf_adds(tag, "</time>");
	pg_fill_one(p, d, "updated_on", "date", date, tag, NULL, NULL);
	pg_scratch_pop(p, 2);
	for (i = 0; i < 4; i++)
		pd->v[i] = d->pairs[i].value;
	pd->lang = p->lang;
	pd->dt = dt;
}

/*
 * updated, updated_date, updated_on and updated_on_html: the same on
 * every page of a language updated the same day, so made once per
 * worker when its slot is free.
 */
static void page_updated(struct pg *p, struct ynode *d,
			 const struct article_meta *m)
{
	static const char *const keys[4] = {
		"updated", "updated_date", "updated_on", "updated_on_html"
	};
	struct page_dated own, *pd;
	struct date dt = m->updated;
	size_t h, i;

	if (!dt.y)
		return;
	if (!p->dated)
		p->dated = xcalloc(PAGE_SLOTS, sizeof(*p->dated));
	h = ((p->lang * 31 + (size_t)dt.y) * 31 + (size_t)dt.m) * 31 +
	    (size_t)dt.d;
	pd = &p->dated[(h * 0x9E3779B97F4A7C15ull >> 40) & (PAGE_SLOTS - 1)];
	if (!pd->dt.y) {
		struct arena *page = p->a;

		p->a = &p->kept_arena;
		make_dated(p, dt, pd);
		p->a = page;
	} else if (pd->lang != p->lang || pd->dt.y != dt.y ||
		   pd->dt.m != dt.m || pd->dt.d != dt.d) {
		make_dated(p, dt, &own);
		pd = &own;
	}
	for (i = 0; i < 4; i++)
		pg_map_add(p, d, keys[i], pd->v[i]);
}

/*
 * Reviewer r as the page shows them: the line of an earlier page, or one
 * made now in people_arena, taking its slot (the page may still use the
 * line it replaces: the arena is emptied only between pages).
 */
static const struct person_line *person_line(struct pg *p,
					     const struct keep_person *r)
{
	static const char *const keys[3] = { "name", "role", "affiliation" };
	struct arena *page = p->a;
	struct person_line *pl;
	struct buf *html, *text;
	struct farg args[3];
	size_t i, h;

	h = p->lang;
	h = h * 31 + hash_mem(r->name, strlen(r->name));
	h = h * 31 + hash_mem(r->role, strlen(r->role));
	h = h * 31 + hash_mem(r->affiliation, strlen(r->affiliation));
	pl = &p->people[h & (PEOPLE_SLOTS - 1)];
	if (pl->name && pl->lang == p->lang && !strcmp(pl->name, r->name) &&
	    !strcmp(pl->role, r->role) &&
	    !strcmp(pl->affiliation, r->affiliation))
		return pl;
	p->nmade++;
	p->a = &p->people_arena;
	pl->lang = p->lang;
	pl->name = arena_strndup(p->a, r->name, strlen(r->name));
	pl->role = arena_strndup(p->a, r->role, strlen(r->role));
	pl->affiliation = arena_strndup(p->a, r->affiliation,
					strlen(r->affiliation));
	args[0].text = r->name;
	args[1].text = r->role;
	args[2].text = r->affiliation;
	for (i = 0; i < 3; i++) {
		args[i].name = keys[i];
		args[i].len = strlen(args[i].text);
		args[i].html = NULL;
		args[i].hlen = 0;
		args[i].runs = NULL;
		buf_reset(&p->t1);
		pg_typo_append(p, &p->t1, args[i].text, args[i].len);
		pl->node[i] = pg_node_str(p, p->t1.buf, p->t1.len);
	}
	html = pg_scratch_push(p);
	text = pg_scratch_push(p);
	pg_fill(p, p->x->langs[p->lang].sentence[S_THANKS], args, 3, html, text,
	     NULL);
	pl->node[3] = pg_node_str(p, text->buf, text->len);
	pl->node[4] = pg_node_str(p, html->buf, html->len);
	pg_scratch_pop(p, 2);
	p->a = page;
	return pl;
}

/* The translators of pages of one language (page_translators()). */
struct page_credit {
	size_t lang, n;		/* n == 0: the slot is free */
	const char **names;	/* copies */
	struct ynode *v[3];	/* translated_by, its markup, translators */
};

/* kp's translators on a page of p's language, in p->a. */
static void make_translators(struct pg *p, const struct article_keep *kp,
			     struct ynode *v[3])
{
	struct ynode *d = ynode_new(p->a, Y_MAP);
	struct ynode *list = ynode_new(p->a, Y_SEQ);
	struct litem *items = arena_alloc(p->a, kp->ntranslators *
					  sizeof(*items));
	struct buf *jh = pg_scratch_push(p), *jt = pg_scratch_push(p);
	size_t i;

	for (i = 0; i < kp->ntranslators; i++) {
		struct ynode *item = ynode_new(p->a, Y_MAP);

		pg_set_text(p, item, "name", kp->translators[i]);
		yseq_add(p->a, list, item);
		items[i].text = kp->translators[i];
		items[i].len = strlen(kp->translators[i]);
	}
	pg_join(p, items, kp->ntranslators, jh, jt, NULL);
	pg_fill_one(p, d, "translated_by", "names", jt, jh, NULL, NULL);
	pg_scratch_pop(p, 2);
	v[0] = d->pairs[0].value;
	v[1] = d->pairs[1].value;
	v[2] = list;
}

/*
 * translated_by, translated_by_html and translators: the same on every
 * page of a language with the same translators (a few people translate
 * most articles), so made once per worker when its slot is free.
 */
static void page_translators(struct pg *p, struct ynode *d,
			     const struct article_keep *kp)
{
	static const char *const keys[3] = {
		"translated_by", "translated_by_html", "translators"
	};
	struct page_credit *pc, own;
	size_t h = p->lang, i;

	if (!kp->ntranslators) {
		pg_set_null(p, d, "translated_by");
		pg_set_null(p, d, "translated_by_html");
		pg_map_add(p, d, "translators", ynode_new(p->a, Y_SEQ));
		return;
	}
	for (i = 0; i < kp->ntranslators; i++)
		h = h * 31 + hash_mem(kp->translators[i],
				      strlen(kp->translators[i]));
	if (!p->credits)
		p->credits = xcalloc(PAGE_SLOTS, sizeof(*p->credits));
	pc = &p->credits[(h * 0x9E3779B97F4A7C15ull >> 40) & (PAGE_SLOTS - 1)];
	for (i = 0; pc->n == kp->ntranslators && pc->lang == p->lang &&
		    i < pc->n; i++)
		if (strcmp(pc->names[i], kp->translators[i]))
			break;
	if (!pc->n) {
		struct arena *page = p->a;

		p->a = &p->kept_arena;
		make_translators(p, kp, pc->v);
		pc->names = arena_alloc(p->a, kp->ntranslators *
					sizeof(*pc->names));
		for (i = 0; i < kp->ntranslators; i++)
			pc->names[i] = arena_strndup(p->a, kp->translators[i],
						     strlen(kp->translators[i]));
		pc->n = kp->ntranslators;
		pc->lang = p->lang;
		p->a = page;
	} else if (pc->n != kp->ntranslators || pc->lang != p->lang ||
		   i < pc->n) {
		make_translators(p, kp, own.v);
		pc = &own;
	}
	for (i = 0; i < 3; i++)
		pg_map_add(p, d, keys[i], pc->v[i]);
}

static void page_people(struct pg *p, struct ynode *d,
			const struct article_keep *kp, struct buf *jsonld)
{
	struct ynode *list = ynode_new(p->a, Y_SEQ);
	size_t i, n = 0;

	/* between two pages: no line of people_arena is in use */
	if (!p->people)
		p->people = xcalloc(PEOPLE_SLOTS, sizeof(*p->people));
	if (p->nmade > PEOPLE_MADE) {
		arena_reset(&p->people_arena);
		memset(p->people, 0, PEOPLE_SLOTS * sizeof(*p->people));
		p->nmade = 0;
	}
	for (i = 0; i < kp->nreviewers; i++) {
		const struct keep_person *r = &kp->reviewers[i];
		const struct person_line *pl = person_line(p, r);
		struct ynode *item = ynode_new(p->a, Y_MAP);

		pg_map_add(p, item, "name", pl->node[0]);
		pg_map_add(p, item, "role", pl->node[1]);
		pg_map_add(p, item, "affiliation", pl->node[2]);
		pg_map_add(p, item, "thanks", pl->node[3]);
		pg_map_add(p, item, "thanks_html", pl->node[4]);
		yseq_add(p->a, list, item);
		if (jsonld) {
			/* no reviewers, no key: never an empty reviewedBy */
			buf_adds(jsonld, n ? ",{\"@type\":\"Person\",\"name\":" :
				 ",\"reviewedBy\":[{\"@type\":\"Person\",\"name\":");
			escape_json_script(jsonld, r->name, strlen(r->name));
			buf_addc(jsonld, '}');
		}
		n++;
	}
	if (jsonld && n)
		buf_addc(jsonld, ']');
	pg_map_add(p, d, "reviewers", list);
	pg_set_bool(p, d, "has_reviewers", n > 0);
	pg_set_label(p, d, L_ACK);
	pg_set_label(p, d, L_REVIEWED);

	page_translators(p, d, kp);
}

/*
 * What follows the href in the link to language k's version on a page
 * of p->lang: `" hreflang="en">anglais</a>`, made once per worker.
 */
static const struct ynode *version_end(struct pg *p, size_t k)
{
	const struct export *x = p->x;
	size_t nl = x->c.cfg.nlang, at = p->lang * nl + k;
	struct buf *h;

	if (!p->version_ends)
		p->version_ends = xcalloc(nl * nl + 1, sizeof(*p->version_ends));
	if (p->version_ends[at])
		return p->version_ends[at];
	h = pg_scratch_push(p);
	buf_adds(h, "\" hreflang=\"");
	escape_html(h, x->langs[k].code, strlen(x->langs[k].code));
	buf_adds(h, "\">");
	escape_html(h, x->langs[p->lang].name[k]->str,
		    x->langs[p->lang].name[k]->len);
	buf_adds(h, "</a>");
	p->version_ends[at] = ynode_string(&p->kept_arena, h->buf, h->len);
	pg_scratch_pop(p, 1);
	return p->version_ends[at];
}

/*
 * Language k's name in the "also available in" sentence, as item it: its
 * link in p->t2 when linked, as a raw URL for the text format (esc 0,
 * which reads no markup: pg_join() makes none), else as <a> markup in a
 * scratch buffer of p (the caller gives it back).
 */
static void version_name(struct pg *p, size_t k, int linked, int esc,
			 struct litem *it)
{
	const struct export *x = p->x;
	struct buf *h;

	it->text = x->langs[p->lang].raw_name[k];
	it->len = strlen(it->text);
	if (linked && esc) {
		const struct ynode *end = version_end(p, k);

		/* <a href="../en/x.html" hreflang="en">anglais</a> */
		h = pg_scratch_push(p);
		buf_adds(h, "<a href=\"");
		buf_add(h, p->t2.buf, p->t2.len);
		buf_add(h, end->str, end->len);
		it->html = h->buf;
		it->hlen = h->len;
		return;
	}
	/* the caller gives back one scratch buffer a name */
	pg_scratch_push(p);
	if (linked)
		it->href = arena_strndup(p->a, p->t2.buf, p->t2.len);
}

/* The x-default alternate: the original orig, when it has a URL. */
static void default_alternate(struct pg *p, struct ynode *alts, size_t art,
			      size_t orig)
{
	struct ynode *item = ynode_new(p->a, Y_MAP);

	buf_reset(&p->t2);
	if (alt_url(p->x, p->lang, orig, 1, &p->t2) == 0) {
		pg_set_cstr(p, item, "hreflang", "x-default");
		pg_set_str(p, item, "href", p->t2.buf, p->t2.len);
		pg_set_bool(p, item, "self", orig == art);
		yseq_add(p->a, alts, item);
	}
}

/*
 * The language versions of the page: hreflang alternates (itself
 * included, x-default the original) and "also available in" (the
 * others, linked, named in the page's language).
 */
static void page_versions(struct pg *p, struct ynode *d, size_t art,
			  const struct xid *e)
{
	const struct export *x = p->x;
	struct ynode *alts = ynode_new(p->a, Y_SEQ);
	struct ynode *vers = ynode_new(p->a, Y_SEQ);
	struct litem *items = arena_alloc(p->a, (x->c.cfg.nlang + 1) *
					  sizeof(*items));
	struct ynode *runs = x->f->text ? ynode_new(p->a, Y_SEQ) : NULL;
	/* hrefs escaped for markup, raw for the text format (set_url) */
	int esc = !x->f->text;
	size_t k, n = 0;

	for (k = 0; e && k < x->c.cfg.nlang; k++) {
		long t = e->by_lang[k];
		struct ynode *item;
		int linked;

		/* no version whose page this run neither writes nor finds */
		if (t < 0 || !page_there(x, (size_t)t))
			continue;
		buf_reset(&p->t2);
		/* the text format shows neither alternates nor versions */
		if (!x->f->text && alt_url(x, p->lang, (size_t)t, 1, &p->t2) == 0) {
			item = ynode_new(p->a, Y_MAP);
			pg_set_cstr(p, item, "hreflang", x->langs[k].code);
			pg_set_str(p, item, "href", p->t2.buf, p->t2.len);
			pg_set_bool(p, item, "self", (size_t)t == art);
			yseq_add(p->a, alts, item);
		}
		buf_reset(&p->t2);
		if ((size_t)t == art)
			continue;
		/*
		 * A version the format cannot link to (an EPUB without
		 * base_url) is still named, as text.
		 */
		linked = export_href_to(x, p->lang, (size_t)t, esc, &p->t2) == 0;
		if (!x->f->text) {
			item = ynode_new(p->a, Y_MAP);
			pg_set_cstr(p, item, "lang", x->langs[k].code);
			pg_map_add(p, item, "name", x->langs[p->lang].name[k]);
			pg_map_add(p, item, "autonym", x->langs[k].autonym);
			if (linked)
				pg_set_str(p, item, "href", p->t2.buf, p->t2.len);
			else
				pg_set_null(p, item, "href");
			pg_set_bool(p, item, "original", !x->c.articles[t].translated);
			pg_set_bool(p, item, "stale", export_is_stale(x, (size_t)t));
			yseq_add(p->a, vers, item);
		}

		version_name(p, k, linked, esc, &items[n]);
		n++;
	}
	if (!x->f->text && e && e->orig >= 0 && x->pub[e->orig])
		default_alternate(p, alts, art, (size_t)e->orig);
	pg_map_add(p, d, "alternates", alts);
	pg_map_add(p, d, "versions", vers);
	pg_set_bool(p, d, "has_versions", n > 0);
	if (n) {
		struct buf *jh = pg_scratch_push(p), *jt = pg_scratch_push(p);
		struct ynode *lruns = runs ? ynode_new(p->a, Y_SEQ) : NULL;

		pg_join(p, items, n, jh, jt, lruns);
		pg_fill_one(p, d, "also_available_in", "languages", jt, jh, lruns,
			 runs);
		pg_scratch_pop(p, 2);
	} else {
		pg_set_null(p, d, "also_available_in");
		pg_set_null(p, d, "also_available_in_html");
	}
	pg_scratch_pop(p, n);
}

static void page_stale(struct pg *p, struct ynode *d, size_t art,
		       const struct xid *e)
{
	const struct export *x = p->x;
	int stale = export_is_stale(x, art);

	pg_set_bool(p, d, "stale", stale);
	pg_set_label(p, d, L_STALE);
	pg_set_label(p, d, L_ORIGINAL);
	buf_reset(&p->t2);
	if (e && e->orig >= 0 && (size_t)e->orig != art && x->pub[e->orig] &&
	    export_href_to(x, p->lang, (size_t)e->orig, !x->f->text, &p->t2) == 0) {
		pg_set_str(p, d, "original_href", p->t2.buf, p->t2.len);
		pg_set_cstr(p, d, "original_lang", x->langs[x->lix[e->orig]].code);
	} else {
		pg_set_null(p, d, "original_href");
		pg_set_null(p, d, "original_lang");
	}
}

/* Related articles, titled in the page's language or the original's. */
static void page_related(struct pg *p, struct ynode *d,
			 const struct article_meta *m)
{
	const struct export *x = p->x;
	struct ynode *list = ynode_new(p->a, Y_SEQ);
	size_t i;

	for (i = 0; i < m->nrelated; i++) {
		const struct xid *e = export_id_find(x, m->related[i].id,
					      strlen(m->related[i].id));
		struct ynode *item;
		long t;
		int same;

		/* an article is not further reading for itself */
		if (!e || (m->id && !strcmp(m->related[i].id, m->id)))
			continue;
		t = e->by_lang[p->lang];
		same = t >= 0;
		if (!same)
			t = e->orig >= 0 && x->pub[e->orig] ? e->orig : -1;
		if (t < 0)
			continue;
		item = ynode_new(p->a, Y_MAP);
		pg_set_cstr(p, item, "id", e->id);
		/* one the format cannot link to keeps its title (EPUB, print) */
		buf_reset(&p->t2);
		if (export_href_to(x, p->lang, (size_t)t, !x->f->text, &p->t2) == 0)
			pg_set_str(p, item, "href", p->t2.buf, p->t2.len);
		else
			pg_set_null(p, item, "href");
		if (same) {
			pg_set_title(p, item, "title", (size_t)t);
			pg_set_null(p, item, "title_lang");
			pg_set_null(p, item, "title_dir");
			pg_set_null(p, item, "hreflang");
		} else {
			/* the original's title, in its own language */
			int k = x->lix[t];
			size_t page_lang = p->lang;

			p->lang = (size_t)k;
			pg_set_title(p, item, "title", (size_t)t);
			p->lang = page_lang;
			pg_set_cstr(p, item, "title_lang", x->langs[k].code);
			if (x->langs[k].rtl != p->rtl)
				pg_set_cstr(p, item, "title_dir",
					 x->langs[k].rtl ? "rtl" : "ltr");
			else
				pg_set_null(p, item, "title_dir");
			pg_set_cstr(p, item, "hreflang", x->langs[k].code);
		}
		yseq_add(p->a, list, item);
	}
	pg_map_add(p, d, "related", list);
	pg_set_bool(p, d, "has_related", list->n > 0);
	pg_set_label(p, d, L_FURTHER);
}

static void page_sources(struct pg *p, struct ynode *d,
			 const struct article_keep *kp)
{
	struct ynode *list = ynode_new(p->a, Y_SEQ);
	size_t i;

	for (i = 0; i < kp->nsources; i++) {
		const char *url = kp->sources[i].url;
		struct ynode *item = ynode_new(p->a, Y_MAP);

		pg_set_text(p, item, "title", kp->sources[i].title);
		if (*url && render_url_allowed(url, strlen(url), 0))
			pg_set_url(p, item, "href", url, strlen(url));
		else
			pg_set_null(p, item, "href");
		yseq_add(p->a, list, item);
	}
	pg_map_add(p, d, "sources", list);
	pg_set_bool(p, d, "has_sources", list->n > 0);
	pg_set_label(p, d, L_LINKS);
}

static void page_headings(struct pg *p, struct ynode *d,
			  const struct render_info *ri)
{
	const struct export *x = p->x;
	struct ynode *all = ynode_new(p->a, Y_SEQ);
	struct ynode *toc = ynode_new(p->a, Y_SEQ);
	size_t i;

	for (i = 0; i < ri->nheadings; i++) {
		struct ynode *item = ynode_new(p->a, Y_MAP);

		pg_set_cstr(p, item, "id", ri->headings[i].id);
		pg_set_cstr(p, item, "text", ri->headings[i].text);
		pg_map_add(p, item, "level",
			 ri->headings[i].level < ARRAY_SIZE(x->small_int) ?
			 x->small_int[ri->headings[i].level] :
			 ynode_int(p->a, ri->headings[i].level));
		yseq_add(p->a, all, item);
		if (ri->headings[i].level == 2)
			yseq_add(p->a, toc, item);
	}
	pg_map_add(p, d, "headings", all);
	/* a table of contents helps from three sections on */
	pg_set_bool(p, d, "has_toc", toc->n >= 3);
	pg_map_add(p, d, "toc", toc);
	pg_set_label(p, d, L_CONTENTS);
}

/* The section of pages of one language (page_section()). */
struct page_section {
	size_t lang;
	const char *id;		/* NULL: the slot is free */
	struct ynode *node;	/* {id, label} */
};

/* Section id's {id, label} on a page of p's language, in p->a. */
static struct ynode *make_section(struct pg *p, const char *id)
{
	struct ynode *s = ynode_new(p->a, Y_MAP);
	const char *label = export_cat_sub(p->x, p->lang, "sections", id);

	pg_set_cstr(p, s, "id", id);
	pg_set_text(p, s, "label", label ? label : id);
	return s;
}

/*
 * The same on every page of a language in that section: made once per
 * worker, with its own copy of id, when its slot is free.
 */
static struct ynode *page_section(struct pg *p, const char *id)
{
	size_t n = strlen(id);
	struct page_section *ps;
	struct arena *page = p->a;

	if (!p->sections)
		p->sections = xcalloc(PAGE_SLOTS, sizeof(*p->sections));
	ps = &p->sections[(p->lang * 31 + hash_mem(id, n)) & (PAGE_SLOTS - 1)];
	if (ps->id && ps->lang == p->lang && !strcmp(ps->id, id))
		return ps->node;
	if (ps->id)
		return make_section(p, id);
	p->a = &p->kept_arena;
	ps->id = arena_strndup(p->a, id, n);
	ps->node = make_section(p, ps->id);
	p->a = page;
	ps->lang = p->lang;
	return ps->node;
}

/* Everything a page template sees (folio-export(1) lists it). */
/*
 * JSON-LD, schema.org's MedicalWebPage for search engines, with the
 * reviewers (page_people() adds them to d too).
 */
static void page_jsonld(struct pg *p, struct ynode *d,
			const struct article_meta *m,
			const struct article_keep *kp, const struct buf *url)
{
	const struct export *x = p->x;
	const char *code = x->langs[p->lang].code;
	struct buf *jsonld = pg_scratch_push(p);
	char iso[16];

	buf_adds(jsonld, "{\"@context\":\"https://schema.org\","
		 "\"@type\":\"MedicalWebPage\",\"inLanguage\":");
	escape_json_script(jsonld, code, strlen(code));
	buf_adds(jsonld, ",\"headline\":");
	escape_json_script(jsonld, m->title ? m->title : m->id,
			   strlen(m->title ? m->title : m->id));
	if (m->summary) {
		buf_adds(jsonld, ",\"description\":");
		escape_json_script(jsonld, m->summary, strlen(m->summary));
	}
	if (x->c.cfg.base_url) {
		buf_adds(jsonld, ",\"url\":");
		escape_json_script(jsonld, url->buf, url->len);
	}
	if (m->updated.y) {
		date_format(m->updated, iso);
		buf_adds(jsonld, ",\"dateModified\":");
		escape_json_script(jsonld, iso, strlen(iso));
	}
	/* a review date only where the frontmatter states one (reviewed:) */
	if (m->reviewed.y) {
		date_format(m->reviewed, iso);
		buf_adds(jsonld, ",\"lastReviewed\":");
		escape_json_script(jsonld, iso, strlen(iso));
	}
	page_people(p, d, kp, jsonld);
	buf_adds(jsonld, ",\"audience\":{\"@type\":\"MedicalAudience\","
		 "\"audienceType\":\"Patient\"}}");
	pg_set_str(p, d, "jsonld", jsonld->buf, jsonld->len);
	pg_scratch_pop(p, 1);
}

struct ynode *export_page_data(struct pg *p, size_t art,
			       const struct article_keep *kp,
			       const char *body, size_t body_len,
			       const struct render_info *ri)
{
	const struct export *x = p->x;
	const struct article_meta *m = &x->c.articles[art];
	const struct xid *e = export_id_find(x, m->id, strlen(m->id));
	struct ynode *d;
	struct buf *url;

	pg_page_begin(p);
	d = ynode_new(p->a, Y_MAP);
	url = pg_scratch_push(p);
	pg_set_lang_attrs(p, d);
	pg_set_cstr(p, d, "id", m->id);
	pg_set_cstr(p, d, "slug", x->slug[art]);
	pg_set_title(p, d, "title", art);
	if (m->summary)
		pg_set_text(p, d, "summary", m->summary);
	else
		pg_set_null(p, d, "summary");
	/* not copied: the body outlives the page's data (page_job) */
	pg_map_add(p, d, "body", ynode_string_ref(p->a, body, body_len));
	self_url(x, art, url);
	pg_set_url(p, d, "canonical", url->buf, url->len);
	export_index_links(p, d);
	if (m->section)
		pg_map_add(p, d, "section", page_section(p, m->section));
	else
		pg_set_null(p, d, "section");
	page_updated(p, d, m);

	/* the text format, which has no template, needs no JSON-LD */
	if (x->f->text)
		page_people(p, d, kp, NULL);
	else
		page_jsonld(p, d, m, kp, url);
	page_versions(p, d, art, e);
	page_stale(p, d, art, e);
	page_related(p, d, m);
	page_sources(p, d, kp);
	page_headings(p, d, ri);
	pg_map_add(p, d, "strings", x->langs[p->lang].strings);
	pg_scratch_pop(p, 1);
	return d;
}
