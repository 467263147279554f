/*
 * export_catalog.h - whether a language's string catalog is fit to print
 * pages with.  A catalog with an error (malformed YAML, unreadable, a
 * schema violation such as 11 months, a placeholder the export does not
 * fill) would put wrong words on medical pages; export leaves such a
 * language's pages as they were rather than rewrite them.
 */
#ifndef FOLIO_EXPORT_CATALOG_H
#define FOLIO_EXPORT_CATALOG_H

#include <stddef.h>

struct corpus;
struct catalog;
struct diag_list;

/* A key every page fills in, and its text when no catalog gives one. */
struct catalog_key {
	const char *key, *value;
};

/* The keys every page fills in, with their English text (export_lang.c's
 * defaults, and what `folio validate` checks the catalogs' placeholders
 * against). */
#define EXPORT_NSTRINGS 14
extern const struct catalog_key export_builtin_strings[EXPORT_NSTRINGS];

/*
 * Check cat (loaded by catalog_load() without error; an absent catalog
 * is fine, a failed load is the caller's to count as an error) against
 * the corpus's strings schema, and every string of keys[0..n) it holds
 * for placeholders the built-in value lacks (they would print as typed).
 * Problems go to d, with positions.  Returns 0 when the catalog can be
 * used, -1 when it has an error.  Borrows everything.
 */
int export_catalog_check(const struct corpus *c, const struct catalog *cat,
			 const struct catalog_key *keys, size_t n,
			 struct diag_list *d);

#endif
