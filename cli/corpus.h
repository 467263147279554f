/*
 * corpus.h - find folio.yaml, read the configuration, list the articles,
 * and keep the small index that cross-file checks, l10n and export use.
 */
#ifndef FOLIO_CORPUS_H
#define FOLIO_CORPUS_H

#include <stddef.h>

#include "article.h"
#include "diag.h"

struct schema;
struct md_src;
struct md_check;

struct config {
	char *source_language;
	char **languages;	/* display order */
	size_t nlang;
	unsigned char *rtl;	/* rtl[i]: languages[i] is right-to-left */
	char *schema;		/* article schema path (relative to cwd), or NULL */
	int review_months;	/* 0: no age limit */
	char *base_url;		/* with a trailing '/', or NULL */
	char *book_id;		/* what e-book identifiers are made from, or NULL */
	/* `ignore:` and `rules:`, an enum rule_policy (diag.h) a rule */
	unsigned char ignore[R__COUNT];
	/* `rules:`: SEV_WARNING or SEV_ERROR, SEV_NONE for the default */
	unsigned char level[R__COUNT];
	/* readability: in folio.yaml (SPEC 15): validate's gates */
	unsigned max_sentence_words;	/* 0: no limit */
	int min_band;			/* an enum rd_band; -1: none */
	char **ignore_style;		/* style:<id> entries of ignore:, the ids */
	size_t nignore_style;
};

/* Index of lang in cfg->languages, or -1. */
int config_lang(const struct config *cfg, const char *lang);

struct corpus {
	struct config cfg;
	char *root;		/* the corpus directory, as reported ("." ...) */
	char *root_abs;		/* its absolute path */
	char *cwd_abs;		/* the current directory, absolute */
	/* what corpus_path() puts before a relpath: root and '/', "" for
	 * "."; NULL when the cwd is below the root (a path may be shorter) */
	char *prefix;
	struct article_meta *articles;	/* sorted by relpath */
	size_t n;
	/* files below the root named like an article in another case or
	 * spelling ("en.MD", "fr.markdown"), which are not read: their
	 * paths below the root, sorted; owned */
	char **odd;
	size_t nodd;
	unsigned char *selected;	/* selected[i]: PATHs include it */
	/* the lookup: indices, one run per id, each sorted by lang */
	size_t *by_id;
	size_t nby_id;
	/* where each id's run of by_id starts, and its length: a hash
	 * table of groups_cap slots (a power of two), ids borrowed from
	 * articles */
	struct id_group {
		const char *id;
		size_t start, len;
	} *groups;
	size_t groups_cap;
	/* what the index keeps of the articles: one store per worker */
	struct article_store **stores;
	size_t nstores;
	struct schema *article_schema;
	struct schema *strings_schema;
	/* with INDEX_FM_WHERE: [n], where each article's frontmatter
	 * blocks are (blocks.h), so that translation QA reads no
	 * frontmatter again; NULL otherwise */
	struct fm_where *fm_where;
	int jobs;
	/*
	 * With INDEX_BODY, when set: what reads each body in place of the
	 * body checks alone (readability, validate's readability gates and
	 * house style).  Called in a worker for article i, frontmatter
	 * filled in; it runs the checks itself (md_check_run(chk) or
	 * md_run_with_check(chk, ...)) and touches only what is article i's
	 * and worker's (0..jobs-1, for per-worker scratch).
	 */
	void (*body_walk)(void *ctx, size_t i, int worker, const struct article *a,
			  const struct md_src *src, struct md_check *chk,
			  struct diag_list *d);
	void *body_ctx;
	/*
	 * With INDEX_BODY, when set (translation QA, SPEC 13): once article
	 * i's frontmatter is read, blocks_for(index_ctx, i) names the list
	 * to cut its text into (blocks.h), or NULL for none; the body is cut
	 * in the body checks' own parse (in a parse of its own when
	 * body_walk is set).  Then indexed(index_ctx, i, worker) is called
	 * last, when article i is done.  Both run in the workers.
	 */
	struct block_list *(*blocks_for)(void *ctx, size_t i);
	void (*indexed)(void *ctx, size_t i, int worker);
	void *index_ctx;
};

/*
 * Read and check folio.yaml at c's root into c->cfg (config.c); -1 when
 * it has an error (reported to d): the corpus cannot be used.
 */
int config_load(struct corpus *c, struct diag_list *d);

/*
 * Find the corpus (from start, or the cwd when NULL, then upward), read
 * and check folio.yaml, load the schemas, list the article files (jobs
 * workers, also c->jobs).  Config problems are reported to diags;
 * returns -1 when the corpus cannot be used (exit 2).
 */
int corpus_open(struct corpus *c, const char *start, int jobs,
		struct diag_list *diags);

/*
 * Restrict reporting to the articles under the given paths (files or
 * directories, relative to the cwd).  No paths: everything is selected.
 * A path that does not exist is reported (R_IO) and returns -1.
 */
int corpus_select(struct corpus *c, const char **paths, int npaths,
		  struct diag_list *diags);

/* What corpus_index() does to each body. */
enum index_flags {
	INDEX_BODY = 1,		/* run the body checks and block counts */
	INDEX_WORDS = 2,	/* with INDEX_BODY: words and heading texts */
	INDEX_KEEP = 4,		/* keep the page's frontmatter in meta->keep */
	INDEX_NO_LINKS = 8,	/* with INDEX_BODY: no meta->links (no cross checks) */
	INDEX_DIGEST = 16,	/* the text digest of every original (SPEC 12.1) */
	INDEX_DIGEST_BASED = 32,	/* only of the originals of an id that
					 * has a translation with a base (every
					 * reader of a digest compares it with
					 * a base); set when indexed() is called
					 * for the last file of its directory */
	INDEX_FM_WHERE = 64,	/* c->fm_where: QA's frontmatter blocks */
	INDEX_NO_SCHEMA = 128,	/* no schema check (for callers that report no R_SCHEMA) */
	INDEX_ORIGINAL_WORDS = 256,	/* with INDEX_WORDS: of originals only
					 * (l10n's work to translate) */
	INDEX_NO_FRAGMENTS = 512,	/* with INDEX_BODY: no fragment rule
					 * (for callers that print no finding
					 * of a body) */
};

/*
 * Read every article (jobs workers), filling c->articles[i]; per-file
 * problems go to diags in path order.  Bodies are released as soon as
 * they are checked.
 */
void corpus_index(struct corpus *c, int flags, struct diag_list *diags);

/* The article with id and lang, or NULL. */
const struct article_meta *corpus_find(const struct corpus *c, const char *id,
				       const char *lang);
/* Another article with m's id and lang (a duplicate), or NULL. */
const struct article_meta *corpus_twin(const struct corpus *c,
				       const struct article_meta *m);
/* Any article with that id, or NULL. */
const struct article_meta *corpus_any(const struct corpus *c, const char *id);
/* The original of id (no translated_from), or NULL; *count gets how many. */
const struct article_meta *corpus_original(const struct corpus *c,
					   const char *id, size_t *count);

/*
 * The slot of the id id[0..n) (not NUL-terminated) in c->groups, or -1
 * when no article has it: what a caller keeps per id (export's versions
 * of each id) goes in an array of c->groups_cap entries indexed by it,
 * rather than in a second table of the ids.
 */
long corpus_id_slot(const struct corpus *c, const char *id, size_t n);

/* The length of the directory part of a relpath (0 for a file at the top). */
size_t corpus_rel_dir_len(const char *rel);
/*
 * The articles grouped by directory: dir_of[i] (c->n entries) the
 * directory of article i, numbered in path order; order (c->n entries,
 * or NULL) the articles by directory; dir_start (ndirs + 1 entries, at
 * most c->n + 1; or NULL) where each directory starts in order.
 * Returns ndirs.
 */
size_t corpus_dirs(const struct corpus *c, size_t *dir_of, size_t *order,
		   size_t *dir_start);

/* Path of a corpus file as reported, e.g. corpus_path(c, "_strings/fr.yaml"). */
char *corpus_path(const struct corpus *c, const char *relpath);

/*
 * Read the YAML file at path (a regular file of at most YAML_MAX_FILE
 * bytes) into text, check its UTF-8 and parse it into doc (folio.yaml,
 * catalogs, the glossary, house style files).
 * Returns 0; 1 when there is no such file and missing_ok (nothing said);
 * -1 after saying why: too large (yaml-limits), not a regular file (io),
 * unreadable or missing (io_rule), bad UTF-8 or YAML.
 */
int yaml_file_load(const char *path, int missing_ok, enum rule io_rule,
		   struct buf *text, struct ydoc *doc, struct diag_list *d);

/* The string catalog of lang: parsed tree (NULL when absent/unusable). */
struct catalog {
	char *path;		/* as reported; owned */
	int exists;
	struct ydoc doc;	/* doc.root NULL when unusable */
};
int catalog_load(const struct corpus *c, const char *lang, struct catalog *cat,
		 struct diag_list *diags);
void catalog_release(struct catalog *cat);

void corpus_release(struct corpus *c);

#endif
