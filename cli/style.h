/*
 * style.h - house style: the rules of _style/<lang>.yaml (SPEC 15), each
 * a PCRE2 pattern with a message, a suggestion, a level and a scope,
 * compiled once (UTF, UCP, JIT) and run over text by the workers.
 *
 * A file with any error (YAML, a schema violation, a pattern that does
 * not compile, an id twice) is reported with positions and none of its
 * rules run.  A struct style_book is read-only once loaded: workers share
 * it; each match uses its own match data.
 */
#ifndef FOLIO_STYLE_H
#define FOLIO_STYLE_H

#include <stddef.h>

#include "article.h"
#include "diag.h"

enum style_scope { SCOPE_BODY, SCOPE_TITLE, SCOPE_SUMMARY };

struct style_rule {
	char *id, *message, *suggest;	/* owned; suggest may be NULL */
	enum severity level;
	enum style_scope scope;
	void *code;			/* the compiled pcre2_code */
	int jit;			/* JIT-compiled: pcre2_jit_match() */
};

/* The rules of one language. */
struct style_book {
	char *path;		/* as reported; owned */
	struct style_rule *v;
	size_t n;
	size_t nscope[3];	/* rules per scope, to skip a scope at once */
};

/*
 * Load path (reported as such) into b.  Returns 1 when there is no such
 * file (b empty), 0 when its rules are ready, -1 when it has errors (all
 * reported to diags; b left empty).
 */
int style_load(struct style_book *b, const char *path, struct diag_list *diags);
void style_release(struct style_book *b);

/* Where an offset of the text checked is in the file. */
typedef struct pos (*style_pos_fn)(const void *ctx, size_t off);

/*
 * Report every match of the rules of scope in text[0..len) as
 * style:<id> at its position; rules whose id is in skip[0..nskip) (the
 * ignore: of folio.yaml) do not run.
 */
void style_check(const struct style_book *b, enum style_scope scope,
		 const char *text, size_t len, style_pos_fn pos,
		 const void *pos_ctx, const char *file, char *const *skip,
		 size_t nskip, struct diag_list *diags);

#endif
