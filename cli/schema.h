/*
 * schema.h - JSON Schema (draft 2020-12) for YAML and JSON documents.
 *
 * A schema is loaded once, compiled (every regular expression compiled,
 * every $ref resolved, every file it refers to loaded), then used to
 * validate any number of documents, from any number of threads at once:
 * a compiled schema is never modified after schema_load_*() returns.
 *
 * The keywords are those of SPEC 6; a schema using any other keyword, a
 * value of the wrong type for a keyword, a bad regular expression or a
 * $ref that resolves nowhere is rejected at load time with an
 * R_SCHEMA_INVALID diagnostic at the offending line:col.
 *
 * Ownership: struct schema is opaque and owned by the caller of
 * schema_load_*(), who releases it with schema_free().  It owns copies
 * of everything it needs (the schema documents' trees, the compiled
 * regular expressions); the text given to schema_load_mem() and the
 * strings given to any function here are only borrowed for the call.
 * Diagnostics are appended to the caller's list (which owns them).
 */
#ifndef FOLIO_SCHEMA_H
#define FOLIO_SCHEMA_H

#include <stddef.h>

struct diag_list;
struct ynode;

/* A compiled schema set: the root document plus any files it $refs. */
struct schema;

/*
 * Load and compile the schema in the YAML or JSON file at path.
 * Relative $refs to other files are resolved relative to path and loaded
 * from disk.  Problems go to diags (R_IO, R_YAML_*, R_SCHEMA_INVALID,
 * with file:line:col); returns NULL then.
 */
struct schema *schema_load_file(const char *path, struct diag_list *diags);

/*
 * The same from memory: text[0..len) (borrowed).  name is used in
 * diagnostics and as the document's location, from which relative $refs
 * are resolved; when name starts with "schemas/", referenced files under
 * schemas/ are looked up among the embedded files first, then on disk.
 */
struct schema *schema_load_mem(const char *name, const char *text,
			       size_t len, struct diag_list *diags);

/*
 * Validate an instance (NULL: an empty document, validated as null).
 * Each violation becomes an R_SCHEMA diagnostic in diags, reported in
 * file (borrowed, copied into the diagnostic) at the failing node's
 * line:col, with the JSON pointer of the instance location.  Returns the
 * number of diagnostics added.  Safe to call from several threads with
 * the same schema (each with its own diags).
 */
int schema_validate(const struct schema *s, const struct ynode *instance,
		    const char *file, struct diag_list *diags);

/* 1 when the instance is valid, 0 otherwise; no diagnostics, stops at
 * the first failure. */
int schema_valid(const struct schema *s, const struct ynode *instance);

/* Release everything the schema owns; NULL is a no-op. */
void schema_free(struct schema *s);

#endif
