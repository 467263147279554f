/*
 * export_int.h - what the files of the export pipeline share, and no
 * other file includes: export.h is the pipeline's interface.  The types
 * first (the run's struct export, read-only while the workers run; a
 * language; a format; a worker's page builder; a job), then what each
 * file gives the others, file by file.  Pointers are borrowed unless
 * said otherwise; what a function returns owned is said at its
 * definition.
 */
#ifndef FOLIO_EXPORT_INT_H
#define FOLIO_EXPORT_INT_H

#include "arena.h"
#include "corpus.h"
#include "encode.h"
#include "export.h"
#include "export_catalog.h"
#include "mustache.h"
#include "render.h"
#include "typo.h"
#include "yaml_tree.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct buf;
struct deflater;
struct diag_list;
struct export;
struct epub_res;
struct person_line;
struct export_manifest;
struct ynode;

/* ---- the types the files share ---- */

/*
 * One output format: a body renderer with its flags, a page template (or
 * a page function when there is none), the layout of the files, where
 * links between articles may point, and a hook for the files a whole
 * language needs.
 */
struct export_format {
	const char *name;		/* --to NAME; default out/NAME/ */
	const char *ext;		/* of a page file */
	const char *page_dir;		/* pages' directory in a language's: "" or "EPUB/" */
	const char *page_template;	/* NULL: page_fn renders the page */
	const char *index_template;	/* NULL: no index page */
	const char *index_file;		/* the index, in the pages' directory */
	const char *stylesheet;		/* written under this name, or NULL */
	const char *stylesheet_src;	/* from this template (NULL: the same) */
	int style_per_lang;		/* in each language's page_dir, else at the top */
	int cross_lang_links;		/* other languages' pages are at ../<lang>/ */
	/*
	 * A language's pages form a book (an EPUB): a link may point at a
	 * page only when the book holds it, else to the web page (base_url),
	 * else nowhere.
	 */
	int book;
	/*
	 * The book zipped (SPEC 16): its tree is written in a hidden
	 * directory, zipped into <lang>.epub (epub_zip.h), then removed.
	 */
	int zip;
	/* every link to an article goes to its web page (base_url): print */
	int web_links;
	int text;			/* takes --width, --encoding, --translit */
	unsigned render_flags;		/* RENDER_XHTML... */
	render_body_fn body;
	/* the page from its data, for a format without templates */
	int (*page_fn)(const struct export *x, const struct ynode *data,
		       struct render_info *info, struct buf *out);
	/* after a language's pages: files such as an EPUB's package */
	int (*lang_files)(struct export *x, size_t lang, struct diag_list *d,
			  struct export_result *r);
};

struct tpl {
	char *name;		/* as a partial: "page.html" */
	char *file;		/* as reported */
	struct mustache *t;
};

struct export {
	const struct export_opts *o;
	const struct export_format *f;
	struct corpus c;
	size_t src;		/* index of the source language */
	struct xlang *langs;
	int *lix;		/* per article: its language index, or -1 */
	unsigned char *pub;	/* per article: publishable */
	/* per article: a translation older than its original (export_build_ids) */
	unsigned char *stale;
	/* per article: its slug, or its id (borrowed from the index), or NULL */
	const char **slug;
	/*
	 * The same escaped for an attribute (escape_url, which maps each byte
	 * on its own, so that the parts of a URL escaped one by one make the
	 * URL escaped): owned where it differs, else the slug itself.
	 */
	const char **slug_esc;
	char *base_esc;		/* base_url escaped, or NULL */
	/*
	 * What each id has in this run, indexed by its slot in the corpus's
	 * table of ids (corpus_id_slot()): c.groups_cap entries, those of no
	 * id empty (id NULL).
	 */
	struct xid *ids;
	long *by_lang_pool;
	struct tpl *tpls;
	size_t ntpls;
	const struct mustache *page_t, *index_t;
	char *outdir;		/* as reported, no trailing '/' */
	char *outdir_abs;
	struct arena arena;	/* shared read-only data for the workers */
	/* the sort keys of the publishable articles' titles (page_job) */
	char **title_key;
	/* true, false and null, in arena: every page's booleans share them */
	struct ynode *yes, *no, *null;
	/* the integers 0 to 6 (a heading's level), in arena */
	struct ynode *small_int[7];
	/* text: --width, --encoding (probed once), --translit */
	unsigned width;
	struct encoding enc;
	/* the books' identifiers were made from the directory's name only
	 * (no book_id, no base_url): said once */
	int said_book_id;
	/* SOURCE_DATE_EPOCH, or -1: the time a book says it was modified */
	long long epoch;
	/* the files this run produced (write_file_defer notes them) */
	struct export_manifest *man;
	/* --to epub: the pages deflated, until their books are zipped
	 * (export_epub.c); NULL otherwise */
	struct book_store *books;
};

/* A configured language, as this run sees it. */
struct xlang {
	const char *code;	/* borrowed from the config */
	char *code_esc;		/* escaped (slug_esc); owned */
	enum typo_lang typo;	/* typo_lang_of(code) */
	int rtl;
	int wanted;		/* --lang includes it */
	int held;		/* its catalog has errors: not exported (export_lang.c) */
	int has_pages;		/* some article of this run is in it */
	int npub;		/* publishable articles in it */
	struct catalog cat;
	struct ynode *strings;	/* its catalog over the source's; x->arena */
	/*
	 * What every page of the language shows, typography applied, built
	 * once before the workers start (x->arena): the labels, and the name
	 * of every language in this one.
	 */
	struct ynode *label[10];
	struct ynode **name;	/* name[j]: language j's name, in this one */
	const char **raw_name;	/* the same as the catalog has it */
	/* the catalog's sentences every page uses (export_sentence_keys), and the
	 * typography of the language each is written in (export_cat_str_typo) */
	const char *sentence[6];
	enum typo_lang sentence_typo[6];
	struct ynode *autonym;	/* its own name */
	/* the language that name is written in: this one, or the source
	 * language's when only the source catalog names it */
	size_t autonym_lang;
	char *dir;		/* output directory of its pages, or NULL; owned */
	int fresh;		/* dir was empty before this run wrote in it */
	/*
	 * The hidden directory (".CODE.PID.tmp" beside it) that stands for
	 * its directory when that did not exist: written in without
	 * temporary files, renamed into place at the end (export_unstage()); or
	 * NULL.  Owned; dir and the book's directories are below it.
	 */
	char *stage;
	/* an e-book's images, from its pages; and how many had an alt text */
	struct bimage *img;
	size_t nimg, aimg;
	size_t images, images_alt;
	int book_failed;	/* its book's files are not all in place */
};

/* Everything known about one id. */
struct xid {
	const char *id;		/* borrowed from the article */
	long orig;		/* its original, or -1 */
	long *by_lang;		/* its publishable version per language, or -1 */
};

enum write_result { WRITE_FAILED = -1, WRITE_SAME = 0, WRITE_DONE = 1 };

/*
 * An image an e-book holds, copied from the corpus into EPUB/images/
 * under its path in the corpus.  All strings owned.
 */
struct bimage {
	char *src;		/* the file, as a path from the cwd */
	char *name;		/* in the book, from EPUB/: "images/x/scan.png" */
	const char *type;	/* its media type; static */
};

#define KEY_SLOTS 256	/* struct pg's key nodes; a power of two */
#define TITLE_SLOTS 2048	/* struct pg's titles kept; a power of two */

/* What one page (or index) is being built with: a worker's scratch. */
struct pg {
	const struct export *x;
	size_t lang;
	int rtl;
	struct arena *a;
	struct buf t1, t2;	/* scratch */
	/*
	 * More scratch, for the sentences and lists of a page: pg_scratch_push() one,
	 * pg_scratch_pop() them back innermost first.  They keep their room from one
	 * page to the next (pg_release frees them).
	 */
	struct buf **stack;
	size_t nstack, astack, top;
	/*
	 * The key nodes of the literal keys of page data (lit_key), built
	 * once per worker in key_arena rather than once per page.
	 */
	struct {
		const char *lit;
		struct ynode *node;
	} keys[KEY_SLOTS];
	struct arena key_arena;
	/*
	 * The reviewers of the last pages (person_line()), reused as they
	 * are: a slot per hash, whose lines stay in people_arena until it
	 * is emptied between two pages.  PEOPLE_SLOTS of them, made when
	 * first needed.
	 */
	struct person_line *people;
	size_t nmade;
	struct arena people_arena;
	/*
	 * Articles' titles with their language's typography (pg_set_title()),
	 * made the first time a page of this worker shows one: they come back
	 * as related reading on other pages.  Slot art % TITLE_SLOTS holds
	 * article art's (another article's replaces it); the titles are in
	 * titles_arena, emptied between two pages once TITLE_SLOTS were made
	 * (pg_page_begin()), so that a worker's memory does not grow with
	 * the corpus.
	 */
	struct title_slot {
		size_t art;		/* + 1: 0 for an empty slot */
		struct ynode *title;
	} *titles;
	size_t ntitles;
	struct arena titles_arena;
	/* what the caches below hold, bounded by their slots; for the run */
	struct arena kept_arena;
	/* the end of a link to language k's version on a page of language
	 * l, at [l * nlang + k] (version_name()), in kept_arena */
	struct ynode **version_ends;
	/*
	 * What pages of one language and one date, one section, or the
	 * same translators show alike (page_updated(), page_section(),
	 * page_translators()), in kept_arena: a slot
	 * per hash, taken by the first comer (PAGE_SLOTS of each, made when
	 * first needed); a page whose slot another holds makes its own.
	 */
	struct page_dated *dated;
	struct page_section *sections;
	struct page_credit *credits;
	/* stylesheet and index_href (export_index_links()), or NULL */
	struct ynode *stylesheet, *index_href;
};

/* The catalog keys of xlang.label, in its order. */
enum { L_ACK, L_REVIEWED, L_FURTHER, L_CONTENTS, L_LINKS, L_STALE, L_ORIGINAL,
       L_INDEX, L_BOOK_TITLE, L_BOOK_DESCRIPTION };

/*
 * The catalog strings that every page fills in, looked up once per
 * language (prepare_lang) into xlang.sentence, in this order.
 */
enum { S_LIST_SEP, S_LIST_PAIR, S_THANKS };

/* A catalog placeholder's value: text, or ready markup with its text. */
struct farg {
	const char *name;
	const char *text;	/* plain, typography not yet applied */
	size_t len;
	const char *html;	/* markup, or NULL: the text escaped */
	size_t hlen;
	const struct ynode *runs;	/* its text runs with links, or NULL */
};

/* One item of a list joined with list_sep and list_pair. */
struct litem {
	const char *text, *html;	/* html may be NULL: text escaped */
	size_t len, hlen;
	const char *href;		/* raw, for text runs; may be NULL */
};

struct resolve_ctx {
	const struct export *x;
	size_t lang;
	size_t last;	/* the article the last link resolved to, or SIZE_MAX */
};

/* A worker's buffers, kept from one page to the next. */
struct scratch {
	struct buf body, page, conv;
	struct html_keep *html_keep;	/* the body renderer's buffers */
	struct text_keep *text_keep;
	struct pg pg;
	struct arena arena;
	struct encoder enc;	/* its own iconv_t: they are not shared */
	struct mustache_hints hints;	/* pages are built alike */
	struct deflater *zd;	/* --to epub: the pages deflated (deflate.h) */
};

struct run {
	struct export *x;
	struct job *jobs;
	struct scratch *sc;
	size_t njobs;		/* jobs[0..njobs) are this pass's */
	int nsc;		/* workers */
	size_t late;		/* articles whose body failed in the first pass */
	size_t redo;		/* book pages to render again (struct job) */
	int check;		/* first pass: body checks in the same parse */
	struct export_qa *qa;	/* first pass: translation QA, or NULL */
	/*
	 * Set in the first pass: its job 0 (index_job) computes the titles'
	 * sort keys and writes the index pages as pub[] stands before any
	 * body is checked, while the other workers build pages.  What it
	 * reported, counted and wrote per language is kept for the end.
	 */
	int indexes;
	struct diag_list index_d;
	struct export_result index_r;
	enum write_result *index_wrote;
	/*
	 * An index replacing one that a reader may be looking at waits
	 * under its temporary name until the pass is over: it is renamed
	 * into place then (commit_indexes()), or given up when a body
	 * failed (drop_indexes()), as if never written.
	 */
	struct buf *index_tmp;
};

struct entry {
	size_t art;
	long section;		/* rank of its section; LONG_MAX: none */
	const char *section_id;
	const char *key;	/* x->title_key[art] */
};

/* ---- the run ---- */

/*
 * One article in the pool.  In the first pass every article that matters
 * is read once: its body checks (validate's per-file body rules, and its
 * article: links) run in the same md4c parse as its rendering, so a body
 * is parsed once.  An article whose body turns out to have errors is not
 * written; if it was a link target of other pages, those are rendered
 * again in a second pass (rare: only when the run reports errors).
 */
struct job {
	size_t art;
	/* flags, in bytes: a job per article */
	unsigned char render;		/* its page is written in this run */
	unsigned char failed;		/* its body has errors: not exported */
	unsigned char bad_template;	/* the template could not render it */
	unsigned char refused;		/* --encoding lacks some of its characters */
	unsigned char redo;		/* see xfrags */
	enum write_result wrote;
	struct diag_list d;
	/*
	 * Where in d what making the page reported begins (its template, its
	 * encoding, its file; SIZE_MAX: nothing made): when a second pass
	 * makes the page again, only that pass's report of it is kept.
	 */
	size_t made;
	/*
	 * First pass, in a directory that existed: the page waits under this
	 * temporary name (owned) until it is known whether a second pass
	 * renders it again (export_settle_staged()).
	 */
	char *staged;
	/* an e-book page: the images it shows (owned), with alt text or not */
	struct bimage *img;
	size_t nimg, aimg;
	size_t images, images_alt;
	/* an e-book page: its links to #fragments no heading of it has */
	char **dangling;
	size_t ndangling, adangling;
	/*
	 * An e-book page: its links to #fragments of other pages of the book
	 * (kept by the first pass, owned), what export_xfrags_check()
	 * reported of them, and whether the page is rendered again without
	 * those that lead nowhere.
	 */
	struct xfrag *xfrags;
	size_t nxfrags, axfrags;
	struct diag_list *xd;	/* NULL until there is one: a job a page */
};

/* How export_write_file() may write a file. */
enum {
	/* dir was empty when the run started and nothing wrote this name
	 * since: there is nothing to compare with (a first export costs no
	 * failed open per page) */
	WRITE_FRESH = 1,
	/* dir is in a language's hidden directory (xlang.stage), which no
	 * reader sees before it is whole: no temporary file either */
	WRITE_HIDDEN = 2,
};

/* An image src of an article, for an e-book's image resolver. */
struct image_ctx {
	const struct export *x;
	size_t art;
	struct job *j;
	const struct article *a;	/* its text, to place a report */
	struct resolve_ctx *rc;	/* which article a link resolved to */
	/* the first render of the first pass: its checks place reports;
	 * NULL in a render again, which reports nothing twice */
	const struct md_check *chk;
};


/* ---- export_assets.c: images and local files of a body ---- */

void export_bimages_free(struct bimage *v, size_t n);
int export_book_image(void *vctx, const char *src, size_t n,
	struct buf *out);
int export_web_image(void *vctx, const char *src, size_t n,
	struct buf *out);
int export_web_link(void *vctx, struct buf *href);
int export_book_link(void *vctx, struct buf *href);
size_t export_book_dangling(struct job *j, const struct md_check *chk,
	const struct article_meta *m);
void export_dangling_free(struct job *j);
int export_copy_images(struct export *x, size_t k, struct epub_res *res,
	struct diag_list *d, struct export_result *r);
int export_web_files(struct export *x, size_t k, struct diag_list *d,
	struct export_result *r);
int export_prune_images(const char *dir, const char *rel,
	const struct epub_res *res, size_t n, int depth,
	struct diag_list *d);

/* ---- export_links.c: links to articles' files, a book's #fragments ---- */

struct xfrag;
int export_book_fragment(void *vctx, const char *frag, size_t n);
size_t export_xfrags_check(const struct export *x, struct job *jobs,
	size_t njobs);
void export_xfrags_free(struct job *j);
int export_source_link(struct image_ctx *ic, struct buf *href);
int export_text_link(void *vctx, struct buf *href);
struct idref;
void export_unpublished_link(const struct export *x,
	const struct article_meta *m, const struct idref *l,
	struct diag_list *d);
void export_unpublished_refs(const struct export *x, struct diag_list *d);

/* ---- export_epub.c: the e-book package, the zipped books ---- */

char *export_safe_dir(const struct export *x, struct buf *dir_,
	struct diag_list *d);
int export_epub_files(struct export *x, size_t k, struct diag_list *d,
	struct export_result *r);
void export_zip_books(struct export *x, int workers, struct diag_list *d,
	struct export_result *r);
void export_books_open(struct export *x);
enum write_result export_book_keep(struct export *x, size_t art,
	const char *page, size_t len, struct deflater *zd,
	struct buf *scratch, struct diag_list *d);
void export_books_free(struct export *x);

/* ---- export_fill.c: building page data (struct pg) ---- */

/*
 * The small setters of page data, inline: they run for every key of
 * every page.  A key is a string literal, whose node is made once per
 * worker (struct pg's keys).
 */

/*
 * The node of key, a string literal (the cache knows it by its address,
 * which no other string ever has).  A literal whose slot another one
 * holds gets a node of its own in the page's arena, as ymap_add makes.
 */
static inline struct ynode *pg_lit_key(struct pg *p, const char *lit)
{
	size_t h = (size_t)(((uintptr_t)lit * 0x9E3779B97F4A7C15ull) >> 32) &
		   (KEY_SLOTS - 1);

	if (p->keys[h].lit == lit)
		return p->keys[h].node;
	if (p->keys[h].lit)
		return ynode_string_ref(p->a, lit, strlen(lit));
	p->keys[h].lit = lit;
	p->keys[h].node = ynode_string_ref(&p->key_arena, lit, strlen(lit));
	return p->keys[h].node;
}

/* map[lit] = value, lit a string literal. */
static inline void pg_map_add(struct pg *p, struct ynode *map,
			      const char *lit, struct ynode *value)
{
	ymap_add_node(p->a, map, pg_lit_key(p, lit), value);
}

static inline struct ynode *pg_node_str(const struct pg *p, const char *s,
					size_t n)
{
	return ynode_string(p->a, s, n);
}

/* The pg_set_ functions take a string literal as key (pg_map_add). */
static inline void pg_set_str(struct pg *p, struct ynode *map,
			      const char *key, const char *s, size_t n)
{
	pg_map_add(p, map, key, pg_node_str(p, s, n));
}

/* s, not copied: a literal, or a string of the run or of the page's
 * render_info (ids, slugs, language codes, headings). */
static inline void pg_set_cstr(struct pg *p, struct ynode *map,
			       const char *key, const char *s)
{
	pg_map_add(p, map, key, ynode_string_ref(p->a, s, strlen(s)));
}

static inline void pg_set_bool(struct pg *p, struct ynode *map,
			       const char *key, int b)
{
	pg_map_add(p, map, key, b ? p->x->yes : p->x->no);
}

/*
 * A value the page does not have.  null, not false: Mustache renders it
 * as nothing and, unlike a missing key, it stops the lookup, so that an
 * item without `summary` never shows the page's summary instead.
 */
static inline void pg_set_null(struct pg *p, struct ynode *map,
			       const char *key)
{
	pg_map_add(p, map, key, p->x->null);
}

/* Give back the k buffers taken last. */
static inline void pg_scratch_pop(struct pg *p, size_t k)
{
	p->top -= k;
}

struct buf *pg_scratch_push(struct pg *p);
void pg_release(struct pg *p);
void pg_typo_append(const struct pg *p, struct buf *out, const char *s,
	size_t n);
void pg_set_text(struct pg *p, struct ynode *map, const char *key,
	const char *s);
void pg_set_text_typo(struct pg *p, struct ynode *map, const char *key,
	const char *s, enum typo_lang tl);
void pg_set_title(struct pg *p, struct ynode *map, const char *key,
	size_t art);
void pg_page_begin(struct pg *p);
void pg_set_url(struct pg *p, struct ynode *map, const char *key,
	const char *u, size_t n);
void pg_set_label(struct pg *p, struct ynode *map, int which);
void pg_fill(struct pg *p, const char *tmpl, const struct farg *args,
	size_t nargs, struct buf *html, struct buf *text,
	struct ynode *runs);
void pg_fill_one(struct pg *p, struct ynode *d, const char *key,
	const char *name, const struct buf *text,
	const struct buf *html, const struct ynode *runs,
	struct ynode *sruns);
void pg_join(struct pg *p, const struct litem *items, size_t n,
	struct buf *html, struct buf *text, struct ynode *runs);

/* ---- export_format.c: formats, templates, the stylesheet ---- */

const struct export_format *export_format_find(const char *name);
const struct mustache *export_partial(void *ctx, const char *name,
	size_t len);
const struct tpl *export_tpl_find(const struct export *x, const char *name);
int export_load_templates(struct export *x, struct diag_list *d);
/* A file written under path no longer counts as produced by the run. */
void export_unnote(const struct export *x, const char *path);
/*
 * After the pages: each name of the corpus's own templates that the
 * renders looked up and never found (a misspelt variable), a warning at
 * its tag.
 */
void export_report_templates(const struct export *x, struct diag_list *d);
void export_write_stylesheet(struct export *x, struct diag_list *d,
	struct export_result *r);

/* ---- export_index.c: index pages ---- */

void export_index_links(struct pg *p, struct ynode *d);
struct entry *export_lang_entries(const struct export *x, size_t lang,
	size_t *n);
void export_index_job(struct run *run);
void export_finish_indexes(struct run *run, struct diag_list *all,
	struct export_result *r);

/* ---- export_lang.c: languages and their catalogs ---- */

extern const char *const export_label_keys[10];
const struct ynode *export_cat_root(const struct export *x, size_t lang);
extern const char *const export_sentence_keys[6];
const char *export_cat_str_typo(const struct export *x, size_t lang,
	const char *key, enum typo_lang *tl);
const char *export_cat_sub(const struct export *x, size_t lang,
	const char *map, const char *sub);
const char *export_cat_month(const struct export *x, size_t lang, int m);
const char *export_sentence(const struct export *x, size_t lang,
	const char *key);
void export_lang_counts(struct export *x);
void export_load_catalogs(struct export *x, struct diag_list *all);
void export_prepare_langs(struct export *x);

/* ---- export_page.c: an article's page data, links between pages ---- */

char *export_url_escaped(const char *s);
int export_href_to(const struct export *x, size_t from, size_t t, int esc,
	struct buf *out);
int export_resolve(void *ctx, const char *id, size_t n, struct buf *href,
	const char **hreflang);
int export_is_stale(const struct export *x, size_t i);
void pg_set_lang_attrs(struct pg *p, struct ynode *d);
struct ynode *export_page_data(struct pg *p, size_t art,
	const struct article_keep *kp,
	const char *body, size_t body_len,
	const struct render_info *ri);

/* ---- export_pass.c: the passes in the worker pool ---- */

void export_first_pass(struct run *run);
int export_second_pass(struct run *run, struct diag_list *all);
int export_redo_pass(struct run *run, struct diag_list *all);
void export_first_reports(struct run *run, struct diag_list *all);

/* ---- export_select.c: which articles, slugs, the id table ---- */

const struct xid *export_id_find(const struct export *x, const char *id,
	size_t n);
void export_build_ids(struct export *x);
void export_keep_diags(const struct export *x, struct diag_list *all,
	struct diag_list *d);
void export_select_articles(struct export *x, struct diag_list *all, int nsc);
int export_reported(const struct export *x, size_t i);
long export_article_by_path(const struct corpus *c, const char *path);

/* ---- export_qa.c: translation QA in the page pass ---- */

struct blocks_walk;
struct md_check;
struct md_src;

/* Before the first pass's pool, its jobs made: run->qa set when a
 * selected article is a translation. */
void export_qa_begin(struct run *run);
/*
 * A page job's blocks cut in its own parse: the walk attached to chk
 * (NULL when QA does not run); export_qa_done() after the parse, in
 * every case, with what export_qa_walk() returned.
 */
struct blocks_walk *export_qa_walk(struct run *run, size_t art,
				   const struct md_src *src,
				   const struct article *a,
				   struct md_check *chk);
void export_qa_done(struct run *run, size_t art, struct blocks_walk *bw,
		    int worker);
/* After the first pass's pool: each job whose article QA fails gets
 * failed and its findings; run->qa freed. */
void export_qa_finish(struct run *run);

/* ---- export_text.c: the text page ---- */

/*
 * A whole text page from the page data d and its body rendered by
 * render_text(), wrapped at width columns (0: RENDER_TEXT_WIDTH).
 * Appends to out; info->refs goes on numbering the body's links.
 */
void export_text_layout(const struct ynode *d, unsigned width,
			struct render_info *info, struct buf *out);

int export_text_page(const struct export *x, const struct ynode *data,
	struct render_info *info, struct buf *out);

/* ---- export_tree.c: the output tree, staging, the manifest ---- */

int export_make_dirs(const char *path);
enum write_result export_write_file_defer(const struct export *x,
	const char *dir, int how,
	const char *name, const char *data,
	size_t len, struct buf *defer,
	struct diag_list *d);
enum write_result export_write_file(const struct export *x, const char *dir,
	int how, const char *name, const char *data,
	size_t len, struct diag_list *d);
void export_shown_dir(const struct export *x, const struct xlang *L,
	struct buf *out);
int export_lang_how(const struct xlang *L);
void export_settle_staged(const struct export *x, struct job *jobs,
	size_t njobs, int keep, int workers);
void export_count_write(struct export_result *r, enum write_result w);
void export_give_up_stages(struct export *x);
void export_unstage_paths(struct diag_list *d, const char *stage,
	const char *root);
void export_unstage(struct export *x, struct diag_list *d,
	struct export_result *r);
void export_finish_manifest(struct export *x, const struct job *jobs,
	size_t njobs, struct diag_list *d,
	struct export_result *r);
int export_open_output(struct export *x, struct diag_list *all,
	struct export_result *r);


#endif
