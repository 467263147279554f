/*
 * yaml_tree.h - libyaml events into a tree where every node knows where
 * it stands in the file.
 *
 * Scalars are resolved by the YAML 1.2 core schema: null ~ (and empty),
 * true false, integers (decimal, 0o, 0x), floats (.inf .nan too); every
 * other plain scalar, and every quoted or block scalar, is a string.
 * Aliases are expanded (copied by reference: an alias shares the anchored
 * node) up to a budget; duplicate keys, depth and budget are diagnostics.
 *
 * All nodes, keys and strings of a document are owned by its arena and
 * die with ydoc_release().
 */
#ifndef FOLIO_YAML_TREE_H
#define FOLIO_YAML_TREE_H

#include <stddef.h>

#include "arena.h"

struct diag_list;

enum ytype {
	Y_NULL,
	Y_BOOL,
	Y_INT,
	Y_FLOAT,
	Y_STRING,
	Y_SEQ,
	Y_MAP,
};

struct ynode;

struct ypair {
	struct ynode *key;	/* a scalar (complex keys are rejected) */
	struct ynode *value;
};

struct ynode {
	enum ytype type;
	unsigned line, col;	/* 1-based, in the file (frontmatter: the .md) */
	unsigned end_line, end_col;
	/*
	 * Offsets of the node's source text in the buffer given to
	 * yaml_parse(), in characters as libyaml counts them (a CRLF counts
	 * 2, a multibyte character 1): line and col are the reliable way
	 * back to bytes.  For a quoted scalar they include the quotes.
	 * (unsigned, like line: a document is at most a few MiB, and the
	 * 88 bytes of a node are what ten thousand pages' data is made of.)
	 */
	unsigned start, end;
	unsigned quoted : 1;	/* a quoted or block scalar */
	/* Scalars: the text, NUL-terminated, len bytes (may hold NULs). */
	const char *str;
	size_t len;
	union {
		int b;		/* Y_BOOL */
		long long i;	/* Y_INT */
		double f;	/* Y_FLOAT (and Y_INT as a double) */
	} v;
	double num;		/* Y_INT and Y_FLOAT as a double */
	/* Y_SEQ: n items; Y_MAP: n pairs, in document order. */
	size_t n;
	struct ynode **items;
	struct ypair *pairs;
};

struct ydoc {
	struct arena arena;
	struct ynode *root;	/* NULL for an empty document */
};

#define YDOC_INIT { ARENA_INIT, NULL }

/* Limits of SPEC 3. */
#define YAML_MAX_NODES 10000	/* nodes after alias expansion */
#define YAML_MAX_DEPTH 64
#define YAML_MAX_FILE (4u << 20)

struct yaml_opts {
	const char *file;	/* for diagnostics */
	unsigned line_base;	/* added to libyaml's 0-based line: the
				 * frontmatter's first line in the file - 1 */
	int json_pointer_diags;	/* unused; reserved */
};

/*
 * Parse one YAML document from text[0..len) into doc.  Problems go to
 * diags (yaml-syntax, yaml-duplicate-key, yaml-limits) with positions.
 * Returns 0 when the tree is usable, -1 otherwise (doc->root NULL).
 * A stream of several documents is a yaml-syntax error.
 */
int yaml_parse(struct ydoc *doc, const char *text, size_t len,
	       const struct yaml_opts *opts, struct diag_list *diags);

void ydoc_release(struct ydoc *doc);

/* The value of key in a mapping, or NULL (also when m is not a map). */
struct ynode *ymap_get(const struct ynode *m, const char *key);
/* The pair of key, or NULL. */
const struct ypair *ymap_pair(const struct ynode *m, const char *key);
/*
 * ymap_get() for a reader that asks for the keys of one map mostly in
 * their order: the search starts at *from (then wraps around), and
 * *from becomes the place after the key found.  Start *from at 0.  The
 * map's keys must be unique (a map folio built, not one parsed).
 */
struct ynode *ymap_get_next(const struct ynode *m, const char *key,
			    size_t *from);
/* The node's string when it is a scalar of any type, else NULL. */
const char *ynode_scalar(const struct ynode *n);
/* The string of a Y_STRING node, else NULL. */
const char *ynode_str(const struct ynode *n);
/* A type name for messages: "null", "boolean", "integer", "number",
 * "string", "array", "object". */
const char *ytype_name(enum ytype t);

/*
 * Build nodes by hand (for template data and tests); all memory from the
 * arena given.  ymap_add appends (no duplicate check) and keeps key as it
 * is, not copied: a literal, or a string that outlives the map.
 * ynode_string copies s; ynode_string_ref does not, and s must then
 * outlive the node (a page body read by the template right after).
 */
struct ynode *ynode_new(struct arena *a, enum ytype t);
struct ynode *ynode_string(struct arena *a, const char *s, size_t n);
struct ynode *ynode_string_ref(struct arena *a, const char *s, size_t n);
struct ynode *ynode_bool(struct arena *a, int b);
struct ynode *ynode_int(struct arena *a, long long i);
void yseq_add(struct arena *a, struct ynode *seq, struct ynode *item);
void ymap_add(struct arena *a, struct ynode *map, const char *key,
	      struct ynode *value);
/* The same with the key's node, which may be shared by many maps. */
void ymap_add_node(struct arena *a, struct ynode *map, struct ynode *key,
		   struct ynode *value);

/* A deep copy of n into arena a (aliases become copies). */
struct ynode *ynode_copy(struct arena *a, const struct ynode *n);

/*
 * Equality of two instances as JSON values (used by enum, const,
 * uniqueItems): numbers by value (1 == 1.0), maps regardless of order.
 */
int ynode_equal(const struct ynode *a, const struct ynode *b);

#endif
