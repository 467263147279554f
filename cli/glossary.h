/*
 * glossary.h - the corpus's glossary, _glossary.yaml (SPEC 13): terms a
 * translation must render, names it must keep, terms no article of a
 * language may use.
 *
 * Loaded once, then only read: every compiled pattern is shared by the
 * workers, each with its own match data (glossary_count()).
 */
#ifndef FOLIO_GLOSSARY_H
#define FOLIO_GLOSSARY_H

#include <stddef.h>

struct config;
struct corpus;
struct diag_list;

/* One term: its text as written and its compiled matcher. */
struct gl_term {
	char *text;		/* owned */
	void *re;		/* pcre2_code *, owned; NULL when unusable */
	/*
	 * A piece every match holds (ASCII letters lowercase, compared
	 * without ASCII case), so that a text without it is not searched;
	 * NULL when the term has none (a user's pattern).  ks: the piece
	 * has a 'k' or an 's', which KELVIN SIGN and LONG S also match.
	 */
	char *need;		/* owned */
	size_t need_len;
	int ks;
};

/* An entry, per language of the configuration (index in cfg.languages). */
struct gl_entry {
	int keep;
	struct gl_term *term;	/* [nlang]; text NULL when the entry has
				 * no term for that language */
	struct gl_term **forbidden;	/* [nlang] arrays */
	size_t *nforbidden;		/* [nlang] */
	unsigned line;		/* of the entry in the file */
};

struct glossary {
	char *path;		/* as reported; owned */
	struct gl_entry *v;
	size_t n;
	size_t nlang;
	/* languages[k] of the configuration, borrowed */
	char *const *languages;
};

/*
 * Read _glossary.yaml at the corpus root when there is one: check it
 * against the glossary schema, compile every term and pattern.  Problems
 * (schema, a bad pattern with its offset, a language the configuration
 * lacks, a term given twice) go to diags at their line and column; an
 * unusable term is left out.  Returns NULL when there is no glossary or
 * nothing usable in it.  Free with glossary_free().
 */
struct glossary *glossary_load(const struct corpus *c, struct diag_list *diags);
void glossary_free(struct glossary *g);

/* Index of lang among the glossary's languages, or -1. */
int glossary_lang(const struct glossary *g, const char *lang);

/*
 * How many times term t matches text[0..len) (0 when t is unusable).
 * When first is non-NULL it gets the byte offset and length of the first
 * match.  md: a pcre2_match_data * the caller owns (glossary_md_new()).
 */
size_t glossary_count(const struct gl_term *t, const char *text, size_t len,
		      void *md, size_t *first, size_t *first_len);

/*
 * Can term t match text[0..len) at all?  0 only when it cannot: the piece
 * every match of it holds is not there.  Blanking bytes of a text never
 * makes it match.
 */
int glossary_may(const struct gl_term *t, const char *text, size_t len);

/* Does term t match text[0..len) at all?  (One search: the first match.) */
int glossary_has(const struct gl_term *t, const char *text, size_t len, void *md);

void *glossary_md_new(void);
void glossary_md_free(void *md);

#endif
