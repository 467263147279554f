/*
 * mustache.h - Mustache templates: compiled once, rendered many times.
 *
 * Implements the required modules of the Mustache spec (interpolation,
 * sections, inverted sections, comments, partials, set delimiters) with its
 * standalone-line rules.  A template is compiled to a flat instruction list;
 * rendering walks that list and allocates nothing but the growth of the
 * output buffer, so one compiled template can serve every worker at once.
 *
 * Data is a struct ynode tree (yaml_tree.h).  Names resolve through the
 * context stack as the spec says; dotted names resolve their later parts
 * only against the former result.  Values interpolate as:
 *   null, missing, sequence, mapping   the empty string
 *   boolean                            "true" / "false"
 *   integer                            decimal, no decimal point ("85")
 *   float                              shortest text that reads back as
 *                                      the same double ("1.210" -> "1.21")
 *   string                             its bytes
 * {{x}} is escaped with escape_html(); {{{x}}} and {{&x}} are not.
 *
 * A section is falsy, and an inverted section renders, when the value is
 * missing, null, false, an empty sequence or an empty string.  Everything
 * else (0 and empty mappings included) is truthy; a sequence renders its
 * body once per item, anything else once with the value pushed.
 */
#ifndef FOLIO_MUSTACHE_H
#define FOLIO_MUSTACHE_H

#include <stddef.h>

struct buf;
struct diag_list;
struct ynode;

/* Sections nested deeper than this in one template are a syntax error. */
#define MUSTACHE_MAX_NESTING 64
/* Partials nested deeper than this make mustache_render() fail. */
#define MUSTACHE_MAX_PARTIAL_DEPTH 64
/*
 * Partials that recurse twice per level stay under the depth limit and
 * still never end (2^63 renders), so one render may execute at most this
 * many tags and text pieces, and append at most this many bytes.  A page
 * takes thousands of steps; these limits only stop runaways.
 */
#define MUSTACHE_MAX_STEPS (1L << 24)
#define MUSTACHE_MAX_OUTPUT ((size_t)256 << 20)

/*
 * A compiled template: immutable after compile, safe to render from several
 * threads at once.  Owned by whoever compiled it; released with
 * mustache_free().
 */
struct mustache;

/*
 * Compile text[0..len) (need not be NUL-terminated).  name is the file
 * reported in diagnostics; text and name stay the caller's and may be freed
 * once this returns (the template keeps copies of what it needs).
 *
 * Returns the template, owned by the caller, or NULL on a syntax error
 * (unclosed tag, unclosed section, mismatched or stray close, bad
 * delimiters, bad tag name, nesting deeper than MUSTACHE_MAX_NESTING), one
 * R_TEMPLATE diagnostic with its line:col having gone to diags (which may be
 * NULL to discard it).  Columns count characters, not bytes.
 */
struct mustache *mustache_compile(const char *name, const char *text,
				  size_t len, struct diag_list *diags);

/*
 * Find a partial by name.  name[0..len) is owned by the calling template
 * and is NUL-terminated at name[len].  Returns a compiled template that must
 * stay valid until mustache_render() returns (the caller keeps owning it),
 * or NULL when there is none: the partial then renders as the empty string.
 */
typedef const struct mustache *(*mustache_partial_fn)(void *ctx,
						      const char *name,
						      size_t len);

/*
 * Render t with data (borrowed; NULL renders as an empty context) and
 * append the result to out.  partials may be NULL (every partial empty);
 * ctx is passed to it untouched.
 *
 * Returns 0, or a negative enum mustache_runaway: partials nested deeper
 * than MUSTACHE_MAX_PARTIAL_DEPTH, more than MUSTACHE_MAX_STEPS steps or
 * more than MUSTACHE_MAX_OUTPUT bytes.  out is then left as it was before
 * the call, and the caller reports the template with
 * mustache_runaway_msg().
 */
enum mustache_runaway {
	MUSTACHE_DEEP = -1,
	MUSTACHE_STEPS = -2,
	MUSTACHE_TOO_BIG = -3,
};

int mustache_render(const struct mustache *t, const struct ynode *data,
		    mustache_partial_fn partials, void *ctx, struct buf *out);

/*
 * Where each name of a template was found last time: data built alike
 * (one page after another, the items of a list) is then looked up in one
 * step instead of a scan.  A hint is only ever tried, never trusted, so
 * stale or colliding hints cost time, not correctness.  One per thread,
 * zeroed before its first use, owned by the caller.
 */
#define MUSTACHE_HINTS 512
struct mustache_hints {
	const void *at[MUSTACHE_HINTS];	/* the name's instruction and part */
	unsigned pair[MUSTACHE_HINTS];	/* where it was in its map */
};

/*
 * mustache_render(), with hints (which may be NULL); utf8: the caller
 * vouches that every string of data is valid UTF-8, and escaping then
 * passes its characters without checking them (the page data of export,
 * read from files whose UTF-8 was checked).
 */
int mustache_render_hinted(const struct mustache *t, const struct ynode *data,
			   mustache_partial_fn partials, void *ctx,
			   struct buf *out, struct mustache_hints *hints,
			   int utf8);
/* What a runaway code says, for a diagnostic ("partials nest ..."). */
const char *mustache_runaway_msg(int code);

/*
 * The markup of template text[0..len) alone, into out (replaced): every
 * tag, and the text of the sections left out, turned into spaces
 * (newlines kept), so that each byte stays at its offset and a position
 * in out is one in the template.  truth 1 keeps the bodies of {{#x}}
 * sections and leaves out those of {{^x}}; truth 0 the reverse: between
 * the two, every piece of markup is seen once, each time with
 * the same choice for every section, as a page makes it for a name.
 * *partials is set when the template includes one ({{> name}}, blanked
 * here).  For templates mustache_compile() accepted: -1 only on the
 * syntax errors it rejects.
 */
int mustache_markup(const char *text, size_t len, int truth, struct buf *out,
		    int *partials);

/*
 * The names t uses, in order, each with its tag's line and column: kind
 * 'v' ({{name}}, {{{name}}}), '#', '^' (sections) and '>' (partials);
 * name is the name as written (dotted names whole).  unresolved_only:
 * only the names that renders of t have looked up and never found in
 * any context (a partial is never one: see mustache_partial_fn).
 */
typedef void (*mustache_name_fn)(void *ctx, int kind, const char *name,
				 unsigned line, unsigned col);
void mustache_names(const struct mustache *t, int unresolved_only,
		    mustache_name_fn fn, void *ctx);

/* Release t and everything it owns; NULL is allowed. */
void mustache_free(struct mustache *t);

#endif
