/*
 * json_tree.h - strict JSON (RFC 8259) into the positioned tree of
 * yaml_tree.h, so that a schema or a document written in JSON is read as
 * JSON (a trailing comma is an error, "\ud83d\udca9" is one character)
 * and the schema engine sees the same nodes as for YAML.
 *
 * Positions follow yaml_tree.h: line and col are 1-based, col counted in
 * characters; start and end are character offsets.  Numbers without a
 * fraction or exponent that fit a long long are Y_INT, other numbers
 * Y_FLOAT; strings and keys are quoted Y_STRING nodes.  The limits of
 * SPEC 3 apply (depth, nodes).  All memory belongs to doc's arena.
 */
#ifndef FOLIO_JSON_TREE_H
#define FOLIO_JSON_TREE_H

#include <stddef.h>

#include "yaml_tree.h"

struct diag_list;

/*
 * Parse text[0..len) as one JSON value into doc.  Problems go to diags:
 * json-syntax (with the position of the offending character),
 * yaml-duplicate-key, yaml-limits.  Returns 0 with doc->root set, or -1
 * with doc->root NULL.  opts->line_base is honoured; opts->file names the
 * file in diagnostics.
 */
int json_parse(struct ydoc *doc, const char *text, size_t len,
	       const struct yaml_opts *opts, struct diag_list *diags);

/* Whether a file of this name is read as JSON: its name ends in ".json". */
int json_is_json_name(const char *name);

/*
 * json_parse() for a name json_is_json_name() accepts, else yaml_parse():
 * the one place where a document's name picks its parser.
 */
int ydoc_parse_named(struct ydoc *doc, const char *name, const char *text,
		     size_t len, const struct yaml_opts *opts,
		     struct diag_list *diags);

#endif
