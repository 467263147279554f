/*
 * article.h - one article file: read it, check its encoding, split the
 * frontmatter from the body, parse the frontmatter into a positioned tree,
 * and distil what the corpus keeps about it (struct article_meta).
 */
#ifndef FOLIO_ARTICLE_H
#define FOLIO_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "date.h"
#include "yaml_tree.h"

struct diag_list;
struct schema;
struct config;

struct pos {
	unsigned line, col;
};

/* An article: link's id, with where. */
struct idref {
	char *id;		/* owned, or in an article_store once kept */
	struct pos pos;
	char *frag;		/* a link's #fragment (without '#'), owned, or NULL */
	/* a reference link's definition, " (via [label] at line N)" for
	 * its reports, owned; NULL for another link and a related id */
	char *via;
};

/* An id of the related list, with where: its string in an article_store. */
struct relref {
	const char *id;
	struct pos pos;
};

/* The blocks l10n compares between an original and a translation. */
struct block_counts {
	unsigned headings, paragraphs, list_items, tables, images, links;
};

enum article_status { STATUS_PUBLISHED, STATUS_REVIEW, STATUS_DRAFT };

/*
 * The reviewers, translators and sources of an article as its pages show
 * them: a reviewer with a name, a translator's name, a source with a
 * title, in the order written; a missing or non-string field reads "".
 * One block holds the struct, its arrays and its strings; articles that
 * credit the same people and sources share one (article_keep_of()).
 */
struct keep_person {
	const char *name, *role, *affiliation;
};

struct keep_source {
	const char *title, *url;
};

struct article_keep {
	struct keep_person *reviewers;
	size_t nreviewers;
	const char **translators;
	size_t ntranslators;
	struct keep_source *sources;
	size_t nsources;
};

/*
 * Where an index puts what it keeps of its articles, so that the records
 * of tens of thousands of articles cost little more than their text: the
 * strings of article_meta (ids, languages and sections stored once
 * however many articles name them) and the article_keeps, one for all
 * the articles with the same reviewers, translators and sources.  One
 * store per worker, not locked; what it gives stays valid until
 * article_store_free().
 */
struct article_store;

struct article_store *article_store_new(void);
void article_store_free(struct article_store *st);

/* The article_keep of frontmatter fm (a mapping), in st; never NULL. */
const struct article_keep *article_keep_of(struct article_store *st,
					   const struct ynode *fm);

/*
 * What the corpus keeps of an article after reading it: small, so that
 * the whole index stays in memory while bodies are released.  relpath,
 * path, links, headings and ids are owned by the struct and freed by
 * article_meta_release() unless packed (then they are in an
 * article_store, as id to tf_lang, related and keep always are).  A string is NULL when the
 * frontmatter does not give a usable value.
 */
struct article_meta {
	char *relpath;		/* relative to the corpus root; may end path's block */
	char *path;		/* as reported: relative to the cwd */
	/*
	 * The article_file_key() of the file as indexed, when its UTF-8 was
	 * valid, else 0: eight bytes where its struct file_id takes 56.
	 */
	uint64_t file_key;
	/*
	 * With fd_kept, the file, left open by an INDEX_KEEP index for the
	 * page pass to read again without looking up its path.  Owned:
	 * article_read() or article_meta_release() closes it.
	 */
	int fd;
	unsigned errors;	/* per-file errors (before cross-file checks) */
	/* (the flags and small fields are together: no padding between
	 * fields, for a record that tens of thousands of articles have) */
	unsigned char fd_kept;
	unsigned char usable;	/* frontmatter parsed into a mapping */
	unsigned char translated;	/* has translated_from */
	unsigned char tf_base_bad;	/* see tf_base */
	unsigned char ids_known;	/* ids were kept: a body with no heading has none */
	/* headings, links and ids are in an article_store (article_meta_pack) */
	unsigned char packed;
	unsigned char status;	/* an enum article_status */

	/* id to section, tf_lang and the related ids: in an article_store */
	char *id, *lang, *title, *summary, *slug, *section;
	char *tf_lang;
	struct date updated, review_due;
	struct date reviewed;	/* the last medical review, when stated */
	struct date tf_updated;
	struct pos id_pos, lang_pos, updated_pos, review_due_pos;
	struct pos reviewed_pos;
	struct pos tf_pos, tf_lang_pos, tf_updated_pos;
	struct pos translators_pos;	/* its key; 0:0 when absent */
	struct pos tf_base_pos;
	/*
	 * translated_from.base (SPEC 12.1): 16 lowercase hex digits, or ""
	 * when absent; tf_base_bad when present but not such a digest.
	 */
	char tf_base[17];
	/* The digest of the article's text, "" unless INDEX_DIGEST read it. */
	char digest[17];

	struct block_counts counts;
	struct relref *related;
	size_t nrelated;
	struct idref *links;	/* article: links of the body */
	size_t nlinks;

	/*
	 * With INDEX_KEEP: what a page shows of the frontmatter that the
	 * fields above do not hold, so that export parses no file twice.
	 */
	const struct article_keep *keep;

	char **headings;	/* text of each heading, in order */
	size_t nheadings;
	/*
	 * The ids of its headings, as the pages give them (md_check_ids),
	 * kept as md_id_key()s: eight bytes each, whatever the id's length,
	 * for a corpus of tens of thousands of articles.
	 */
	uint64_t *ids;
	size_t nids;
	size_t words;
};

void article_meta_release(struct article_meta *m);

/*
 * Move what the body checks gathered of m (its headings' texts, its
 * article: links, its headings' ids) into st, each string stored once
 * and each array at its exact size, and free the blocks they were in;
 * m is packed after, and no check may add to those lists again.
 */
void article_meta_pack(struct article_meta *m, struct article_store *st);

/*
 * A file being read.  `text` holds the whole file, BOM included (had_bom
 * says whether there was one; fm_start counts it); `body` points into it.  Owned by the struct, released by article_release().
 */
struct article {
	const char *path;	/* as reported; borrowed */
	struct buf text;
	size_t fm_start, fm_len;	/* frontmatter YAML in text */
	const char *body;	/* into text */
	size_t body_len;
	unsigned body_line;	/* file line of body[0] */
	int had_bom;		/* the file started with a UTF-8 BOM */
	/*
	 * 1 when text holds an Arabic-Indic digit, 0 when not, -1 when not
	 * known: the UTF-8 check tells where the processor lets it read
	 * thirty-two bytes at a time.
	 */
	signed char arabic_digit;
	struct file_id id;	/* of the file read; zero unless its UTF-8 is valid */
	struct ydoc fm;		/* fm.root NULL when unusable */
};

#define ARTICLE_MAX_SIZE (4u << 20)

void article_init(struct article *a, const char *path);
void article_release(struct article *a);

/*
 * Read fs_path (reported as a->path), check encoding, split and parse the
 * frontmatter.  Every problem is reported to diags.  Returns 0 when the
 * frontmatter is a usable mapping, -1 otherwise (the body may still be
 * set when only the YAML failed).
 */
int article_load(struct article *a, const char *fs_path, struct diag_list *diags);
/*
 * The same, leaving the file open in *fd for a later article_read() when
 * it could be read (else *fd is -1).
 */
int article_load_keep(struct article *a, const char *fs_path, int *fd,
		      struct diag_list *diags);

/*
 * The same from text[0..len) held in memory (a snapshot, a version from
 * git history), copied into a->text; a->path names it in diagnostics.
 */
int article_load_mem(struct article *a, const char *text, size_t len,
		     struct diag_list *diags);

/*
 * The same without parsing the YAML (a->fm stays empty): for a second
 * pass over a file whose frontmatter the index already holds.  Returns 0
 * when the body is set.  checked: the article_file_key() of the file when
 * an article_load() found its UTF-8 valid (or 0); the same file is not
 * checked again.  fd: the file as article_load_keep() left it open
 * (closed here), or -1 to open fs_path.
 */
int article_read(struct article *a, const char *fs_path,
		 uint64_t checked, int fd, struct diag_list *diags);

/*
 * The identity of a file read (struct article's id) in 64 bits, for a
 * record that keeps many: a hash of all of it, never 0; 0 for a zero id
 * (a file not read, or not valid UTF-8).  Two different identities of
 * one path share a key with a chance of one in 2^64.
 */
uint64_t article_file_key(const struct file_id *id);

/*
 * Fill m's frontmatter fields from a->fm, their strings in st (values of
 * the wrong type are left NULL: the schema reports them).
 */
void article_meta_fill(struct article_meta *m, const struct article *a,
		       struct article_store *st);

/*
 * Check that text[0..n) is UTF-8 without NUL bytes; report the first
 * problem as an `encoding` error at its line:col (first_line is the line
 * of text[0]).  Returns 0 when clean.
 */
int utf8_check(const char *text, size_t n, unsigned first_line,
	       const char *file, struct diag_list *diags);

/* Is text[0..n) UTF-8 without NUL bytes?  utf8_check()'s test, silent. */
int utf8_valid_text(const char *text, size_t n);

#endif
