/*
 * config.c - folio.yaml (SPEC 2.1): languages and which are right to
 * left, settings, ignore: and rules:, readability gates; checked by
 * schemas/folio.schema.yaml (corpus.h: struct config).
 */
#include "corpus.h"
#include "buf.h"
#include "embed.h"
#include "readability.h"
#include "schema.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int config_lang(const struct config *cfg, const char *lang)
{
	size_t i;

	if (!lang)
		return -1;
	for (i = 0; i < cfg->nlang; i++)
		if (strcmp(cfg->languages[i], lang) == 0)
			return (int)i;
	return -1;
}

static char *dupstr(const struct ynode *n)
{
	const char *s = ynode_scalar(n);

	return s ? xstrdup(s) : NULL;
}

static const char *const default_rtl[] = { "ar", "fa", "he", "ur" };

/* readability: {max_sentence_words, min_band}, checked by the schema */
static void read_readability(struct config *cfg, const struct ynode *n)
{
	const struct ynode *v;

	cfg->min_band = -1;
	if (!n)
		return;
	v = ymap_get(n, "max_sentence_words");
	if (v && v->type == Y_INT && v->v.i > 0)
		cfg->max_sentence_words = (unsigned)v->v.i;
	v = ymap_get(n, "min_band");
	if (v && v->str)
		cfg->min_band = rd_band_parse(v->str);
}

/* One entry of `rules:`: RULE: error|warning|off (the schema checked the
 * level). */
static void config_rule(struct config *cfg, const struct ypair *p,
			const char *path, struct diag_list *d)
{
	const char *id = ynode_scalar(p->key), *level = ynode_scalar(p->value);
	int r = id ? rule_by_id(id) : -1;
	struct buf ptr = BUF_INIT;

	if (r < 0 || !rule_settable(r)) {
		buf_adds(&ptr, "/rules/");
		buf_adds(&ptr, id ? id : "");
		diag(d, R_CONFIG, path, p->key->line, p->key->col, ptr.buf,
		     "'rules' names no validate rule: '%s'", id ? id : "");
		buf_release(&ptr);
		return;
	}
	if (!level)
		return;
	if (!strcmp(level, "off")) {
		cfg->ignore[r] = RULE_OFF;
	} else if (!strcmp(level, "warning")) {
		cfg->level[r] = SEV_WARNING;
		if (!RULE_SILENCED(cfg->ignore[r]))	/* ignore: wins */
			cfg->ignore[r] = RULE_WARNING;
	} else if (!strcmp(level, "error")) {
		cfg->level[r] = SEV_ERROR;
		if (!RULE_SILENCED(cfg->ignore[r]))
			cfg->ignore[r] = RULE_ERROR;
	}
}

/* languages, source_language and rtl: the corpus's languages, in order,
 * and which are written right to left. */
static void read_languages(struct config *cfg, const struct ynode *root,
			   const char *path, struct diag_list *local)
{
	const struct ynode *n;
	size_t i;

	cfg->source_language = dupstr(ymap_get(root, "source_language"));
	n = ymap_get(root, "languages");
	cfg->nlang = n->n;
	cfg->languages = xcalloc(n->n, sizeof(char *));
	cfg->rtl = xcalloc(n->n, 1);
	for (i = 0; i < n->n; i++) {
		cfg->languages[i] = dupstr(n->items[i]);
		if (config_lang(cfg, cfg->languages[i]) != (int)i)
			diag(local, R_CONFIG, path, n->items[i]->line,
			     n->items[i]->col, "/languages",
			     "'languages' lists '%s' twice", cfg->languages[i]);
	}
	if (config_lang(cfg, cfg->source_language) < 0) {
		n = ymap_get(root, "source_language");
		diag(local, R_CONFIG, path, n->line, n->col, "/source_language",
		     "'source_language' must be one of 'languages', got '%s'",
		     cfg->source_language);
	}
	n = ymap_get(root, "rtl");
	if (n) {
		for (i = 0; i < n->n; i++) {
			int k = config_lang(cfg, n->items[i]->str);

			if (k < 0)
				diag(local, R_CONFIG, path, n->items[i]->line,
				     n->items[i]->col, "/rtl",
				     "'rtl' names '%s', which is not in 'languages'",
				     n->items[i]->str);
			else
				cfg->rtl[k] = 1;
		}
	} else {
		/* by the primary language subtag: ar-MA is Arabic too */
		for (size_t k = 0; k < cfg->nlang; k++) {
			const char *code = cfg->languages[k] ? cfg->languages[k] : "";
			size_t len = strcspn(code, "-_");

			for (i = 0; i < ARRAY_SIZE(default_rtl); i++)
				if (strlen(default_rtl[i]) == len &&
				    !strncasecmp(code, default_rtl[i], len))
					cfg->rtl[k] = 1;
		}
	}
}

/* review_months, base_url, book_id and schema. */
static void read_settings(struct config *cfg, const struct corpus *c,
			  const struct ynode *root)
{
	const struct ynode *n = ymap_get(root, "review_months");

	cfg->review_months = n && n->type == Y_INT ? (int)n->v.i : 0;
	n = ymap_get(root, "base_url");
	if (n) {
		struct buf u = BUF_INIT;

		buf_adds(&u, n->str);
		if (!u.len || u.buf[u.len - 1] != '/')
			buf_addc(&u, '/');
		cfg->base_url = buf_detach(&u, NULL);
	}
	n = ymap_get(root, "book_id");
	if (n && ynode_str(n))
		cfg->book_id = xstrdup(n->str);
	n = ymap_get(root, "schema");
	if (n) {
		struct buf p = BUF_INIT;

		if (n->str[0] != '/' && strcmp(c->root, "."))
			buf_addf(&p, "%s/", c->root);
		buf_adds(&p, n->str);
		cfg->schema = buf_detach(&p, NULL);
	}
}

/* ignore: validate rules by id, and house style rules as style:<id>. */
static void read_ignore(struct config *cfg, const struct ynode *root,
			const char *path, struct diag_list *local)
{
	const struct ynode *n = ymap_get(root, "ignore");
	size_t i;

	if (!n || n->type != Y_SEQ)
		return;
	for (i = 0; i < n->n; i++) {
		int r;

		/* not a string: the schema said so */
		if (n->items[i]->type != Y_STRING)
			continue;
		r = rule_by_id(n->items[i]->str);

		/* one house style rule: style:<id> */
		if (!strncmp(n->items[i]->str, "style:", 6) && n->items[i]->str[6]) {
			if (!cfg->ignore_style)
				cfg->ignore_style = xcalloc(n->n, sizeof(char *));
			cfg->ignore_style[cfg->nignore_style++] =
				xstrdup(n->items[i]->str + 6);
			continue;
		}
		if (r < 0 || !rule_settable(r))
			diag(local, R_CONFIG, path, n->items[i]->line,
			     n->items[i]->col, "/ignore",
			     "'ignore' names no validate rule: '%s'",
			     n->items[i]->str);
		else
			cfg->ignore[r] = RULE_IGNORED;
	}
}

/* rules: {RULE: error|warning|off} (SPEC 13) */
static void read_rules(struct config *cfg, const struct ynode *root,
		       const char *path, struct diag_list *local)
{
	const struct ynode *n = ymap_get(root, "rules");
	size_t i;

	for (i = 0; n && n->type == Y_MAP && i < n->n; i++)
		config_rule(cfg, &n->pairs[i], path, local);
}

/* Is n a list of strings? */
static int string_list(const struct ynode *n)
{
	size_t i;

	if (!n || n->type != Y_SEQ)
		return 0;
	for (i = 0; i < n->n; i++)
		if (n->items[i]->type != Y_STRING)
			return 0;
	return 1;
}

/*
 * A config the schema rejects: the checks the schema cannot make, where
 * the nodes they read have the shape they need, so that one run reports
 * every error of the file.
 */
static void check_only(struct config *cfg, const struct ynode *root,
		       const char *path, struct diag_list *local)
{
	const struct ynode *langs = ymap_get(root, "languages"),
			   *src = ymap_get(root, "source_language");
	size_t i;

	/* a source language outside the list (its repeats are the
	 * schema's) */
	if (string_list(langs) && ynode_str(src)) {
		for (i = 0; i < langs->n; i++)
			if (!strcmp(langs->items[i]->str, src->str))
				break;
		if (i == langs->n)
			diag(local, R_CONFIG, path, src->line, src->col,
			     "/source_language", "'source_language' must be "
			     "one of 'languages', got '%s'", src->str);
	}
	read_ignore(cfg, root, path, local);
	read_rules(cfg, root, path, local);
}

int config_load(struct corpus *c, struct diag_list *d)
{
	struct ydoc doc = YDOC_INIT;
	struct buf text = BUF_INIT;
	struct diag_list local = DIAG_LIST_INIT;
	struct config *cfg = &c->cfg;
	struct schema *s = NULL;
	const struct ynode *root;
	char *path = corpus_path(c, "folio.yaml");
	const char *schema_text;
	size_t len;
	int ret = -1;

	if (yaml_file_load(path, 0, R_CONFIG, &text, &doc, &local) < 0)
		goto out;
	schema_text = embed_find("schemas/folio.schema.yaml", &len);
	s = schema_load_mem("schemas/folio.schema.yaml", schema_text, len, &local);
	if (!s)
		goto out;
	root = doc.root;
	if (schema_validate(s, root, path, &local) > 0) {
		/* the corpus is unusable, but every error is said in one
		 * run: the rule names of ignore: and rules:, which the
		 * schema does not know, are checked all the same */
		check_only(cfg, root, path, &local);
		goto out;
	}
	read_languages(cfg, root, path, &local);
	read_settings(cfg, c, root);
	read_ignore(cfg, root, path, &local);
	read_readability(cfg, ymap_get(root, "readability"));
	read_rules(cfg, root, path, &local);
	ret = diag_count(&local).errors ? -1 : 0;
out:
	/* every error in the config makes the corpus unusable */
	if (diag_count(&local).errors)
		ret = -1;
	diag_list_append(d, &local);
	diag_list_release(&local);
	if (s)
		schema_free(s);
	ydoc_release(&doc);
	buf_release(&text);
	free(path);
	return ret;
}
