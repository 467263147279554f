/*
 * diag.h - the one table of everything folio can report, and its printers.
 *
 * Every problem a user can see is a rule here, with its id (printed in
 * brackets and used by `ignore:`) and its default severity.  Modules report
 * into a struct diag_list; only main.c and the cmd_*.c files turn the worst
 * severity into an exit status.
 */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stddef.h>
#include <stdio.h>

/* in rising order: the worst of a list is the greatest */
enum severity { SEV_NONE = 0, SEV_INFO, SEV_WARNING, SEV_ERROR };

enum rule {
	/* validate (SPEC 5) */
	R_FRONTMATTER,
	R_YAML_SYNTAX,
	R_YAML_DUPLICATE_KEY,
	R_YAML_LIMITS,
	R_ENCODING,
	R_SCHEMA,
	R_UNKNOWN_LANG,
	R_DUPLICATE_ID,
	R_PATH_MISMATCH,
	R_TRANSLATION_SOURCE,
	R_RELATED_MISSING,
	R_LINK_TARGET,
	R_HEADING_LEVEL,
	R_IMAGE_ALT,
	R_EMPTY_LINK,
	R_RAW_HTML,
	R_DATE_FUTURE,
	R_REVIEW_OVERDUE,
	/* files, config, schemas */
	R_IO,			/* unreadable file, not a regular file */
	R_CONFIG,		/* folio.yaml missing keys, bad values */
	R_SCHEMA_INVALID,	/* a schema that cannot be used */
	R_IGNORE,		/* a rule silenced by `ignore:` (note) */
	/* l10n (SPEC 7) */
	R_L10N_STALE,
	R_L10N_MISSING,
	R_L10N_ORPHAN,
	R_L10N_INVALID,
	R_L10N_INCOMPLETE,
	R_STRINGS_MISSING,
	R_STRINGS_EMPTY,
	R_STRINGS_OBSOLETE,
	R_STRINGS_PLACEHOLDERS,
	R_STRINGS_LENGTH,
	R_STRINGS_UNTRANSLATED,
	/* stamp */
	R_STAMP,
	/* export */
	R_SLUG,			/* a slug that could escape the output dir */
	R_UNMAPPABLE,		/* a character the --encoding lacks */
	R_TEMPLATE,		/* a template that cannot be parsed */
	R_WRITE,		/* a system error while writing output */
	/* EPUB books (SPEC 16) */
	R_BOOK_IMAGE,		/* an image the book cannot hold */
	/* readability and house style (SPEC 15) */
	R_READABILITY,		/* a sentence too long, an article too hard */
	R_STYLE,		/* a house style rule: printed as style:<id> */
	R_STYLE_RULES,		/* a _style/<lang>.yaml that cannot be used */
	/* what the body says reaches the page (issue 20) */
	R_LINK_SCHEME,		/* a link or image URL never rendered */
	R_TABLE_CELLS,		/* cells past a table's header */
	R_LINK_DEFINITION,	/* a footnote, or a definition no link uses */
	/* validate: what new editors and translators trip over */
	R_TRANSLATION_DATE,	/* a translation dated before what it renders */
	R_TRANSLATORS_ORIGINAL,	/* translators: on an original */
	R_RELATED_SELF,		/* an article in its own related list */
	R_SVG_UNSAFE,		/* an e-book's SVG with a script or a remote reference */
	/* honest pages (issue 20): JSON documents, withdrawn pages, local links */
	R_JSON_SYNTAX,		/* a .json schema or document that is not JSON */
	R_CATALOG_HELD,		/* a language not exported: its catalog is broken */
	R_MANIFEST,		/* an export manifest entry or file ignored */
	R_PAGE_KEPT,		/* an article in error: its last good page stays */
	R_LOCAL_TARGET,		/* a link or image to a file that is not there */
	R_FRAGMENT,		/* a #fragment no heading of the page has */
	R_BOOK_LINK,		/* an EPUB link made absolute or dropped */
	/* translation integrity (SPEC 12) */
	R_UPDATED_NOT_BUMPED,	/* an original's text changed, its date did not */
	R_BASE_TEXT,		/* a base text that cannot be found or trusted */
	/* translation QA (SPEC 13) */
	R_QA_NUMBER,
	R_QA_UNIT,
	R_QA_PHONE,
	R_QA_LINK,
	R_QA_UNTRANSLATED,
	R_QA_GLOSSARY,
	R_QA_DIGITS,
	R_GLOSSARY,		/* an unusable _glossary.yaml entry */
	/* xliff (SPEC 14) */
	R_XLIFF,		/* an XLIFF file import refuses */
	R_DIRECTIVE,		/* a folio: comment that does not say what it means */
	R_SECTION,		/* a section the reference catalog does not name */
	/* export: a link to an article left out as a draft or in review */
	R_UNPUBLISHED,
	R__COUNT
};

struct rule_info {
	const char *id;
	enum severity severity;
	const char *what;	/* one line, for man pages and --help */
};

extern const struct rule_info rule_table[R__COUNT];

/* Look a rule up by its id; returns -1 when there is none. */
int rule_by_id(const char *id);

/*
 * May folio.yaml's `rules:` and `ignore:` set rule r?  Every rule that
 * reports on the corpus's content may be; the ones about folio's own
 * working (io, config, schema-invalid, ignore, write) may not.
 */
int rule_settable(int r);

struct diag {
	char *file;		/* owned; path as reported, may be NULL */
	unsigned line, col;	/* 1-based; 0 when not applicable */
	enum rule rule;
	enum severity severity;
	char *message;		/* owned */
	char *pointer;		/* owned JSON pointer, or NULL */
	size_t seq;		/* order of arrival, for a stable sort */
	/* owned, NULL unless set by diag_style(): the id printed in place of
	 * the rule's (style:<id>), and a suggested replacement */
	char *id;
	char *suggest;
};

/*
 * A list of diagnostics.  A worker fills its own list; lists are merged
 * with diag_list_append() in a fixed order, then sorted once.
 */
struct diag_list {
	struct diag *v;
	size_t n, alloc;
	/* what folio.yaml says of each rule: an enum rule_policy */
	unsigned char ignored[R__COUNT];
};

/*
 * What folio.yaml says of a rule, copied from the config into every
 * list that reports findings: silenced (`ignore:` or `rules: off`), or
 * given a level by `rules:`, applied as each finding is made, so that
 * every command counts a rule's errors the way validate does.
 */
enum rule_policy {
	RULE_AS_IS = 0,		/* its own severity */
	RULE_IGNORED = 1,	/* `ignore: [RULE]` */
	RULE_OFF = 2,		/* `rules: {RULE: off}` */
	RULE_WARNING = 3,	/* `rules: {RULE: warning}` */
	RULE_ERROR = 4,		/* `rules: {RULE: error}` */
};

/* Is a rule with this policy silenced? */
#define RULE_SILENCED(p) ((p) == RULE_IGNORED || (p) == RULE_OFF)

/* The severity a finding of rule r gets under policy[] (sev: its own). */
enum severity rule_severity(const unsigned char *policy, enum rule r,
			    enum severity sev);

#define DIAG_LIST_INIT { NULL, 0, 0, { 0 } }

void diag_list_release(struct diag_list *l);
/* Forget every report from the n-th on (n <= l->n). */
void diag_list_truncate(struct diag_list *l, size_t n);

/*
 * Report a problem at file:line:col (line and col 0 for the whole file)
 * with the rule's default severity; pointer may be NULL.  Returns -1 so
 * that callers can write `return diag(...)`.
 */
int diag(struct diag_list *l, enum rule r, const char *file,
	 unsigned line, unsigned col, const char *pointer,
	 const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* The same with an explicit severity. */
int diag_sev(struct diag_list *l, enum rule r, enum severity sev,
	     const char *file, unsigned line, unsigned col,
	     const char *pointer, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/*
 * Report a finding of a house style rule: printed with the given id
 * (style:<id>) and severity, with a suggestion (NULL for none) in the
 * JSON output.  Returns -1.
 */
int diag_style(struct diag_list *l, enum severity sev, const char *id,
	       const char *suggest, const char *file, unsigned line,
	       unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/* The id a diagnostic is printed with. */
const char *diag_id(const struct diag *d);

/* Move every entry of src to the end of dst; src is left empty. */
void diag_list_append(struct diag_list *dst, struct diag_list *src);

/* Sort by file (byte order), line, column, then arrival. */
void diag_list_sort(struct diag_list *l);

/* What diag_print() prints in.  The reports that commands print themselves,
 * HTML among them, have their own formats (main.h: enum report_format). */
enum diag_format { FMT_TEXT, FMT_JSON, FMT_GITHUB };
int diag_parse_format(const char *s, enum diag_format *out);

struct diag_counts {
	size_t errors, warnings, infos;
};
struct diag_counts diag_count(const struct diag_list *l);

/* Options of one report. */
struct diag_out {
	enum diag_format format;
	int color;		/* ANSI colours (text only) */
	int quiet;		/* errors only */
};

/*
 * Print the list to out in the given format.  For text and github the
 * summary line "folio: N errors, N warnings in N files" goes to err
 * (unless quiet and nothing to say); JSON prints one document with the
 * summary inside.
 */
void diag_print(const struct diag_list *l, const struct diag_out *o,
		size_t nfiles, FILE *out, FILE *err);

/* Print one diagnostic's text form (no newline handling of colour). */
void diag_print_one(const struct diag *d, const struct diag_out *o, FILE *out);

/*
 * Give every diagnostic whose rule has a level in level[] (SEV_WARNING or
 * SEV_ERROR; SEV_NONE: keep its own) that severity: `rules:` of
 * folio.yaml.
 */
void diag_list_relevel(struct diag_list *l, const unsigned char *level);

/* Worst severity in the list. */
enum severity diag_worst(const struct diag_list *l);

#endif
