/*
 * export.h - the export pipeline every output format shares (SPEC 8).
 *
 * One run: open the corpus, index and check it (cross-file rules see the
 * whole corpus), decide which articles can be exported (not drafts unless
 * asked, no validation errors, a slug that stays inside the output
 * directory and is unique in its language), render each page in a worker
 * pool, write every file atomically and only when its bytes changed, then
 * each language's index and the run's shared files.
 *
 * Formats are rows of a table in export_format.c (html, xhtml, epub,
 * text): each row names its body renderer (render.h), its templates or
 * page function, its file layout, where its links may point and its
 * hooks (an EPUB's package).  The pipeline, the page data (SPEC 8.1,
 * the Mustache variables listed in folio-export(1)) and the writing are
 * the same for all of them; export_int.h says which file holds which.
 *
 * Only cmd_export.c turns the result into an exit status.
 */
#ifndef FOLIO_EXPORT_H
#define FOLIO_EXPORT_H

#include <stddef.h>

struct diag_list;

struct export_opts {
	const char *format;	/* --to: "html", "xhtml", "epub", "text" */
	const char **langs;	/* --lang, borrowed; nlangs == 0: every language */
	int nlangs;
	const char *outdir;	/* -o DIR; NULL: out/<format>/ under the cwd */
	int include_drafts;
	int jobs;		/* workers, at least 1 */
	const char **paths;	/* PATHs, borrowed */
	int npaths;
	/* text output (SPEC 8.4); refused by formats that do not use them */
	int width;		/* 0: the default (72) */
	const char *encoding;	/* NULL: UTF-8; an iconv name, borrowed */
	int translit;		/* approximate what the encoding lacks */
};

struct export_result {
	size_t files;		/* articles reported on, for the summary line */
	size_t pages;		/* pages exported (written or already up to date) */
	size_t written;		/* files written because their bytes changed */
	size_t unchanged;	/* files left alone: same bytes */
	size_t books;		/* --to epub: books in place (written or not) */
	size_t skipped;		/* articles not exported because of errors (or
				 * characters the text encoding lacks) */
	int usage_error;	/* corpus, config, --lang or a template unusable */
	int write_error;	/* some output could not be written */
};

/*
 * The key an index and a table of contents sort titles by (then by
 * article): s case-folded, compatibility-decomposed, without marks, as
 * utf8proc's COMPOSE, CASEFOLD, STRIPMARK and COMPAT make it, tailored for
 * the article's language lang (collate_key(): Turkish ç after c).  The
 * caller frees it.
 */
char *export_sort_key(const char *s, const char *lang);

/* Is name a format export knows ("html")?  0 when it is not. */
int export_format_known(const char *name);
/* The formats, comma-separated, for messages ("html, xhtml, text"). */
const char *export_format_names(void);
/* Does the format take --width, --encoding and --translit? */
int export_format_is_text(const char *name);

/*
 * Run the export.  Diagnostics worth showing (errors of the articles
 * reported on, of the catalogs and templates used, of the writing) go to
 * d, unsorted; the counts and error flags to r.  Returns 0 when every
 * exported file is in place, -1 otherwise (r says why).
 */
int export_run(const struct export_opts *o, struct diag_list *d,
	       struct export_result *r);

#endif
