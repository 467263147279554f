/*
 * checks.c - the cross-file rules of `folio validate` (SPEC 5).
 */
#include "checks.h"
#include "buf.h"
#include "corpus.h"
#include "export_catalog.h"
#include "markdown.h"
#include "pool.h"
#include "render.h"
#include "schema.h"
#include "util.h"
#include "yaml_tree.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>
#include <sys/stat.h>

/* Report against article m, counting its errors for export's sake. */
static void report(struct corpus *c, struct diag_list *d,
		   struct article_meta *m, enum rule r, struct pos p,
		   const char *pointer, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static void report(struct corpus *c, struct diag_list *d,
		   struct article_meta *m, enum rule r, struct pos p,
		   const char *pointer, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	size_t i = (size_t)(m - c->articles);

	if (RULE_SILENCED(c->cfg.ignore[r]))
		return;
	if (rule_severity(c->cfg.ignore, r, rule_table[r].severity) == SEV_ERROR)
		m->errors++;
	if (!c->selected[i])
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag(d, r, m->path, p.line, p.col, pointer, "%s", msg);
}

/* Does path end with the components of tail ("a/b/c.md" ends with "b/c.md")? */
static int ends_with_path(const char *path, const char *tail)
{
	size_t n = strlen(path), t = strlen(tail);

	if (n < t || strcmp(path + n - t, tail) != 0)
		return 0;
	return n == t || path[n - t - 1] == '/';
}

static void check_ids(struct corpus *c, struct diag_list *d,
		      struct article_meta *m, struct buf *want)
{
	const struct article_meta *other;

	if (!m->id || !m->lang)
		return;
	if (config_lang(&c->cfg, m->lang) < 0) {
		struct buf list = BUF_INIT;
		size_t k;

		for (k = 0; k < c->cfg.nlang; k++)
			buf_addf(&list, "%s%s", k ? ", " : "", c->cfg.languages[k]);
		report(c, d, m, R_UNKNOWN_LANG, m->lang_pos, "/lang",
		       "'lang' must be one of the languages of folio.yaml "
		       "(%s), got '%s'", list.buf, m->lang);
		buf_release(&list);
	}
	/* every file of a duplicated (id, lang) names another */
	other = corpus_twin(c, m);
	if (other)
		report(c, d, m, R_DUPLICATE_ID, m->id_pos, "/id",
		       "duplicate article: id '%s' in '%s' is also in '%s'",
		       m->id, m->lang, other->path);
	/* the recommended layout is <id>/<lang>.md, at any depth */
	buf_reset(want);
	buf_adds(want, m->id);
	buf_addc(want, '/');
	buf_adds(want, m->lang);
	buf_adds(want, ".md");
	if (!ends_with_path(m->relpath, want->buf))
		report(c, d, m, R_PATH_MISMATCH, m->id_pos, NULL,
		       "path does not match id and lang: expected '%s'",
		       want->buf);
}

/* A translation based on an older text of orig, with orig's date. */
static int not_bumped(const struct article_meta *m, const struct article_meta *orig)
{
	return m->translated && m->tf_base[0] && orig->digest[0] &&
	       strcmp(m->tf_base, orig->digest) && m->tf_updated.y &&
	       orig->updated.y && date_cmp(m->tf_updated, orig->updated) == 0;
}

static void check_translation(struct corpus *c, struct diag_list *d,
			      struct article_meta *m)
{
	const struct article_meta *orig;
	size_t count;
	char a[11], b[11];

	if (!m->id)
		return;
	orig = corpus_original(c, m->id, &count);
	if (!m->translated) {
		if (m->translators_pos.line)
			report(c, d, m, R_TRANSLATORS_ORIGINAL, m->translators_pos,
			       "/translators", "'translators' on an original: "
			       "it has no 'translated_from', so its pages "
			       "credit no translator");
		if (count > 1)
			report(c, d, m, R_TRANSLATION_SOURCE, m->id_pos, "/id",
			       "id '%s' has %zu originals: only one file may "
			       "lack 'translated_from'", m->id, count);
		return;
	}
	if (!orig) {
		report(c, d, m, R_TRANSLATION_SOURCE, m->tf_pos,
		       "/translated_from",
		       "'translated_from' names no original: no article "
		       "'%s' without 'translated_from'", m->id);
		return;
	}
	/* the page would show an older date than the version it renders */
	if (m->updated.y && m->tf_updated.y &&
	    date_cmp(m->updated, m->tf_updated) < 0) {
		date_format(m->updated, a);
		date_format(m->tf_updated, b);
		report(c, d, m, R_TRANSLATION_DATE, m->updated_pos, "/updated",
		       "'updated' is earlier than 'translated_from.updated': "
		       "'%s' before '%s' (the page would show an older date "
		       "than the version it renders)", a, b);
	}
	if (m->tf_lang && orig->lang && strcmp(m->tf_lang, orig->lang))
		report(c, d, m, R_TRANSLATION_SOURCE, m->tf_lang_pos,
		       "/translated_from/lang",
		       "'translated_from.lang' is '%s' but the original "
		       "'%s' is in '%s'", m->tf_lang, orig->path, orig->lang);
	if (m->tf_updated.y && orig->updated.y &&
	    date_cmp(m->tf_updated, orig->updated) > 0) {
		date_format(m->tf_updated, a);
		date_format(orig->updated, b);
		report(c, d, m, R_TRANSLATION_SOURCE, m->tf_updated_pos,
		       "/translated_from/updated",
		       "'translated_from.updated' is later than the "
		       "original's 'updated': '%s' after '%s'", a, b);
	}
	/* SPEC 12.2: the original's text changed, its date did not; said
	 * once, for the first such translation in path order */
	if (not_bumped(m, orig)) {
		struct article_meta *om = &c->articles[orig - c->articles];
		size_t k, others = 0;

		for (k = 0; k < c->cfg.nlang; k++) {
			const struct article_meta *t = corpus_find(c, m->id, c->cfg.languages[k]);

			if (!t || t == m || !not_bumped(t, orig))
				continue;
			if (strcmp(t->relpath, m->relpath) < 0)
				return;
			others++;
		}
		date_format(orig->updated, b);
		report(c, d, om, R_UPDATED_NOT_BUMPED, orig->updated_pos, "/updated",
		       "the text changed since %s but 'updated' still says %s "
		       "(the base of %s%s)", b, b, m->path,
		       others == 0 ? "" : others == 1 ? " and one more translation" :
		       " and more translations");
	}
}

/* Does some article have this id?  One look-up in the corpus's table. */
static int id_exists(const struct corpus *c, const char *id)
{
	return corpus_id_slot(c, id, strlen(id)) >= 0;
}

/* The link-target rule's message, whoever checks the links. */
#define LINK_TARGET_MSG "link to an article that does not exist: 'article:%s'%s"
/* A reference link's definition, after its message (article.h). */
#define VIA(l) ((l)->via ? (l)->via : "")

int checks_link_target(const struct corpus *c, const struct article_meta *m,
		       const struct idref *l, struct diag_list *d)
{
	if (id_exists(c, l->id))
		return 1;
	diag(d, R_LINK_TARGET, m->path, l->pos.line, l->pos.col, NULL,
	     LINK_TARGET_MSG, l->id, VIA(l));
	return 0;
}

/*
 * article:ID#FRAGMENT: the page the link leads to (the article in the
 * page's language, else its original) has a heading with that id.
 */
static void check_fragment(struct corpus *c, struct diag_list *d,
			   struct article_meta *m, const struct idref *l)
{
	const struct article_meta *t = NULL;
	size_t i, count;
	uint64_t key;

	if (!l->frag || !*l->frag)
		return;
	if (m->lang)
		t = corpus_find(c, l->id, m->lang);
	if (!t)
		t = corpus_original(c, l->id, &count);
	if (!t || !t->usable || !t->ids_known)
		return;	/* no body read: nothing to compare with */
	key = md_id_key(l->frag, strlen(l->frag));
	for (i = 0; i < t->nids; i++)
		if (t->ids[i] == key)
			return;
	report(c, d, m, R_FRAGMENT, l->pos, NULL, "link to a heading "
	       "'article:%s' does not have: '#%s'%s", l->id, l->frag, VIA(l));
}

static void check_references(struct corpus *c, struct diag_list *d,
			     struct article_meta *m)
{
	size_t k;

	for (k = 0; k < m->nrelated; k++) {
		char ptr[64];

		snprintf(ptr, sizeof(ptr), "/related/%zu", k);
		if (m->id && !strcmp(m->related[k].id, m->id)) {
			report(c, d, m, R_RELATED_SELF, m->related[k].pos, ptr,
			       "'related' names the article itself: '%s' (it "
			       "is not linked)", m->id);
			continue;
		}
		if (id_exists(c, m->related[k].id))
			continue;
		report(c, d, m, R_RELATED_MISSING, m->related[k].pos, ptr,
		       "'related' names an article that does not exist: '%s'",
		       m->related[k].id);
	}
	for (k = 0; k < m->nlinks; k++) {
		if (id_exists(c, m->links[k].id)) {
			check_fragment(c, d, m, &m->links[k]);
			continue;
		}
		report(c, d, m, R_LINK_TARGET, m->links[k].pos, NULL,
		       LINK_TARGET_MSG, m->links[k].id, VIA(&m->links[k]));
	}
}

/*
 * sources[].url: the body's link-scheme rule, since the page drops a
 * source's link as it drops a body link's (render_url_allowed()).  The
 * next url from item *k on whose scheme is never linked, else NULL.
 */
static const struct ynode *next_bad_source(const struct ynode *fm, size_t *k)
{
	const struct ynode *list = fm ? ymap_get(fm, "sources") : NULL;

	if (!list || list->type != Y_SEQ)
		return NULL;
	for (; *k < list->n; (*k)++) {
		const struct ynode *url = list->items[*k]->type == Y_MAP ?
			ymap_get(list->items[*k], "url") : NULL;

		if (url && url->type == Y_STRING && url->len &&
		    !render_url_allowed(url->str, url->len, 0))
			return url;
	}
	return NULL;
}

/* At most 80 bytes of a url in a message, never half a character. */
static int url_quote_len(const struct ynode *url)
{
	size_t n = url->len < 80 ? url->len : 80;

	while (n < url->len && n && ((unsigned char)url->str[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

#define SOURCE_SCHEME_MSG "source not linked, its url has a scheme folio " \
	"never links to: '%.*s'%s (http, https, mailto and tel are)"

void checks_source_urls(const struct ynode *fm, const char *path,
			struct diag_list *d)
{
	const struct ynode *url;
	size_t k = 0;

	for (; (url = next_bad_source(fm, &k)) != NULL; k++) {
		char ptr[48];

		snprintf(ptr, sizeof(ptr), "/sources/%zu/url", k);
		diag(d, R_LINK_SCHEME, path, url->line, url->col, ptr,
		     SOURCE_SCHEME_MSG, url_quote_len(url), url->str,
		     (size_t)url_quote_len(url) < url->len ? "..." : "");
	}
}

/*
 * The same for an article export indexed, whose frontmatter is gone:
 * what its page keeps says whether a url is refused, and only then is
 * the file read again, for the position.
 */
static void check_kept_sources(struct corpus *c, struct diag_list *d,
			       struct article_meta *m)
{
	struct diag_list scratch = DIAG_LIST_INIT;
	struct article a;
	const struct ynode *url;
	size_t i, k = 0;

	if (!m->keep)
		return;
	for (i = 0; i < m->keep->nsources; i++) {
		const char *u = m->keep->sources[i].url;

		if (*u && !render_url_allowed(u, strlen(u), 0))
			break;
	}
	if (i == m->keep->nsources)
		return;
	article_init(&a, m->path);
	if (article_load(&a, m->path, &scratch) == 0)
		for (; (url = next_bad_source(a.fm.root, &k)) != NULL; k++) {
			char ptr[48];
			struct pos p = { url->line, url->col };

			snprintf(ptr, sizeof(ptr), "/sources/%zu/url", k);
			report(c, d, m, R_LINK_SCHEME, p, ptr, SOURCE_SCHEME_MSG,
			       url_quote_len(url), url->str,
			       (size_t)url_quote_len(url) < url->len ? "..." : "");
		}
	article_release(&a);
	diag_list_release(&scratch);
}

static void check_dates(struct corpus *c, struct diag_list *d,
			struct article_meta *m, struct date today,
			const char *t)
{
	char a[11];

	if (m->updated.y && date_cmp(m->updated, today) > 0) {
		date_format(m->updated, a);
		report(c, d, m, R_DATE_FUTURE, m->updated_pos, "/updated",
		       "'updated' is in the future: '%s' (today is %s)", a, t);
	}
	if (m->reviewed.y && date_cmp(m->reviewed, today) > 0) {
		date_format(m->reviewed, a);
		report(c, d, m, R_DATE_FUTURE, m->reviewed_pos, "/reviewed",
		       "'reviewed' is in the future: '%s' (today is %s)", a, t);
	}
	if (m->translated)
		return;	/* the original's review covers them */
	if (m->review_due.y && date_cmp(m->review_due, today) < 0) {
		date_format(m->review_due, a);
		report(c, d, m, R_REVIEW_OVERDUE, m->review_due_pos,
		       "/review_due",
		       "medical review overdue: 'review_due' was '%s'", a);
	} else if (!m->review_due.y && m->updated.y && c->cfg.review_months &&
		   date_cmp(date_add_months(m->updated, c->cfg.review_months),
			    today) < 0) {
		date_format(m->updated, a);
		report(c, d, m, R_REVIEW_OVERDUE, m->updated_pos, "/updated",
		       "medical review overdue: not updated since '%s', "
		       "more than %d months ago (review_months)", a,
		       c->cfg.review_months);
	}
}

/*
 * The rules for CROSS_SPAN articles at a time: each article's problems
 * are its own (report() raises only its count), and what the rules read
 * of the others does not change meanwhile.
 */
#define CROSS_SPAN 256

struct cross {
	struct corpus *c;
	struct date today;
	char t[11];
	struct diag_list *lists;	/* one per span */
};

static void cross_span(void *ctx, size_t span, int worker)
{
	struct cross *x = ctx;
	struct corpus *c = x->c;
	struct diag_list *d = &x->lists[span];
	struct buf want = BUF_INIT;
	size_t i, end = (span + 1) * CROSS_SPAN;

	(void)worker;
	for (i = span * CROSS_SPAN; i < c->n && i < end; i++) {
		struct article_meta *m = &c->articles[i];

		check_ids(c, d, m, &want);
		check_translation(c, d, m);
		check_references(c, d, m);
		check_dates(c, d, m, x->today, x->t);
		check_kept_sources(c, d, m);
	}
	buf_release(&want);
}

void checks_cross(struct corpus *c, struct diag_list *d)
{
	struct cross x;
	size_t k, n = (c->n + CROSS_SPAN - 1) / CROSS_SPAN;

	x.c = c;
	x.today = date_today();
	date_format(x.today, x.t);
	x.lists = xcalloc(n + 1, sizeof(*x.lists));
	pool_run(c->jobs, n, cross_span, &x);
	/* in the order of the articles: the same report for any -j */
	for (k = 0; k < n; k++)
		diag_list_append(d, &x.lists[k]);
	free(x.lists);
}

/* Whether the corpus has an article in lang: export prints its pages. */
static int has_articles(const struct corpus *c, const char *lang)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->articles[i].lang && !strcmp(c->articles[i].lang, lang))
			return 1;
	return 0;
}

/* Is there a file where the source language's catalog goes? */
static int source_catalog(const struct corpus *c)
{
	struct buf rel = BUF_INIT;
	char *path;
	int yes;

	if (!c->cfg.source_language)
		return 0;
	buf_addf(&rel, "_strings/%s.yaml", c->cfg.source_language);
	path = corpus_path(c, rel.buf);
	yes = access(path, F_OK) == 0;
	free(path);
	buf_release(&rel);
	return yes;
}

/*
 * The path of a file beside the catalog's whose name differs from the
 * catalog's only by case (_strings/TR.yaml for tr; owned by the caller),
 * or NULL: file names are case-sensitive, so export does not read it.
 */
static char *other_case(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	const char *base = slash ? slash + 1 : path;
	char *found = NULL;
	struct dirent *e;
	DIR *d = opendir(dir);

	while (d && !found && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, base) && !ascii_casecmp(e->d_name, base)) {
			found = xmalloc((size_t)(base - path) + strlen(e->d_name) + 1);
			memcpy(found, path, (size_t)(base - path));
			strcpy(found + (base - path), e->d_name);
		}
	if (d)
		closedir(d);
	free(dir);
	return found;
}

/*
 * A language with articles and no catalog: export would print its pages'
 * labels ("Updated:", "Thanks to ...") from the source language's
 * catalog, or from folio's built-in English when that is missing too.
 * A warning, so that --strict (or `rules: {strings-missing: error}`)
 * stops such a corpus before it publishes; none for English pages that
 * would print the built-in English.
 */
static void report_no_catalog(const struct corpus *c, const struct catalog *cat,
			      const char *lang, int source_exists,
			      struct diag_list *d)
{
	int source = c->cfg.source_language &&
		     !strcmp(lang, c->cfg.source_language);
	char *other;

	/* English pages printed in English: nothing is lost */
	if ((source || !source_exists) && !strncmp(lang, "en", 2) &&
	    (!lang[2] || lang[2] == '-'))
		return;
	other = other_case(cat->path);
	diag_sev(d, R_STRINGS_MISSING, SEV_WARNING, cat->path, 0, 0, NULL,
		 "no string catalog for '%s': its pages would print %s%s%s%s",
		 lang, !source && source_exists ? "the source language's "
		 "strings" : "folio's built-in English strings",
		 other ? " ('" : "", other ? other : "",
		 other ? "' is not read: file names are case-sensitive)" : "");
	free(other);
}

/*
 * Does the dotted key k[0..n) name a node of map m?  Keys nest
 * ("sections.espace-patients"), and a key may hold a dot itself: each
 * split is tried.
 */
static int names_key(const struct ynode *m, const char *k, size_t n)
{
	size_t i, j;

	if (!m || m->type != Y_MAP || !n)
		return 0;
	for (i = 0; i < m->n; i++) {
		const struct ynode *key = m->pairs[i].key;

		if (!key || key->type != Y_STRING || key->len > n ||
		    memcmp(key->str, k, key->len))
			continue;
		j = key->len;
		if (j == n || (k[j] == '.' &&
			       names_key(m->pairs[i].value, k + j + 1, n - j - 1)))
			return 1;
	}
	return 0;
}

/*
 * same_ok lists the keys of a catalog that may equal the reference's: an
 * item that names none (a typo) exempts nothing, and the key meant is
 * still reported.
 */
static void check_same_ok(const struct catalog *cat, struct diag_list *d)
{
	const struct ynode *root = cat->doc.root;
	const struct ynode *list = ymap_get(root, "same_ok");
	size_t i;

	if (!list || list->type != Y_SEQ)
		return;
	for (i = 0; i < list->n; i++) {
		const struct ynode *k = list->items[i];
		char ptr[48];

		if (k->type != Y_STRING ||
		    (strcmp(k->str, "same_ok") && names_key(root, k->str, k->len)))
			continue;
		snprintf(ptr, sizeof(ptr), "/same_ok/%zu", i);
		diag(d, R_STRINGS_UNTRANSLATED, cat->path, k->line, k->col, ptr,
		     "'same_ok' names no key of this catalog: '%s' (it exempts "
		     "nothing)", k->str);
	}
}

void checks_sections(struct corpus *c, const struct pos *where,
		     struct diag_list *d)
{
	struct diag_list scratch = DIAG_LIST_INIT;
	const struct ynode *sections;
	struct catalog cat;
	size_t i;

	/* its own problems are reported with the other catalogs' */
	if (catalog_load(c, c->cfg.source_language, &cat, &scratch) < 0 ||
	    !cat.exists || !cat.doc.root || cat.doc.root->type != Y_MAP)
		goto out;
	sections = ymap_get(cat.doc.root, "sections");
	for (i = 0; i < c->n; i++) {
		struct article_meta *m = &c->articles[i];

		if (!m->section || !where[i].line ||
		    ymap_get(sections, m->section))
			continue;
		report(c, d, m, R_SECTION, where[i], "/section",
		       "section not named in the reference catalog's "
		       "'sections' (%s): '%s' (its pages show the id as its "
		       "label)", cat.path, m->section);
	}
out:
	catalog_release(&cat);
	diag_list_release(&scratch);
}

void checks_names(struct corpus *c, struct diag_list *d)
{
	size_t i;

	/* with PATHs that leave articles out, their neighbours are not asked about */
	for (i = 0; i < c->n; i++)
		if (!c->selected[i])
			return;
	for (i = 0; i < c->nodd; i++) {
		char *p = corpus_path(c, c->odd[i]);
		const char *name = strrchr(c->odd[i], '/');

		diag(d, R_PATH_MISMATCH, p, 0, 0, NULL,
		     "not read as an article: only a name ending in '.md' "
		     "(lowercase) is one, got '%s'", name ? name + 1 : c->odd[i]);
		free(p);
	}
}

void checks_catalogs(struct corpus *c, struct diag_list *d, size_t *nfiles)
{
	int source_exists = source_catalog(c);
	size_t i;

	for (i = 0; i < c->cfg.nlang; i++) {
		struct catalog cat;

		/* as export judges it: the schema, and no placeholder the
		 * page would print as typed */
		if (catalog_load(c, c->cfg.languages[i], &cat, d) == 0) {
			export_catalog_check(c, &cat, export_builtin_strings,
					     EXPORT_NSTRINGS, d);
			check_same_ok(&cat, d);
		}
		if (!cat.exists && has_articles(c, c->cfg.languages[i]))
			report_no_catalog(c, &cat, c->cfg.languages[i],
					  source_exists, d);
		if (cat.exists)
			(*nfiles)++;
		catalog_release(&cat);
	}
}
