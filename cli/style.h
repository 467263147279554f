/*
 * style.h - house style: the rules of _style/<lang>.yaml (SPEC 15), each
 * a PCRE2 pattern with a message, a suggestion, a level and a scope,
 * compiled once (UTF, UCP, JIT) and run over text by the workers.
 *
 * A file with any error (YAML, a schema violation, a pattern that does
 * not compile, an id twice) is reported with positions and none of its
 * rules run.  A struct style_book is read-only once loaded: workers share
 * it; each match uses its own match data.
 *
 * A rule whose every match starts with a literal (after (?i) and \b) is
 * not searched for over the whole text: one pass looks for the literals
 * of all such rules at once, and each is tried, anchored, where its
 * literal is; the findings are the same, rule by rule, in the same order.
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
	/*
	 * When every match starts with a literal of two bytes or more
	 * (lit[0..nlit), folded to lowercase when caseless): the pattern
	 * anchored (JIT), tried only where the literal is in the text.
	 */
	void *anchored;
	char lit[24];
	size_t nlit;
	int caseless;
	int sk;			/* caseless s or k in lit: they also match ſ, K */
};

/*
 * Three bytes of a literal (two when it has only two: c is then any), at
 * d in it, with 0x20 set (the least frequent three in running text), and
 * the rules whose literal has them there.
 */
struct style_pair {
	unsigned char a, b, c, any_c;
	size_t d;
	unsigned long long rules;
};

/* The rules of one language. */
struct style_book {
	char *path;		/* as reported; owned */
	struct style_rule *v;
	size_t n;
	size_t nscope[3];	/* rules per scope, to skip a scope at once */
	/*
	 * Per scope, a run of bytes of each literal of its rules (the
	 * first 64), each with the rules (bit i: rule i) whose literal has
	 * it: one pass over a text finds where these are; the rules without
	 * a literal run alone.
	 */
	struct style_pair *pairs[3];
	size_t npairs[3];
	void *mctx;		/* the match limits, shared by every match */
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
