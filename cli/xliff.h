/*
 * xliff.h - XLIFF exchange with translators' tools (SPEC 14): an article
 * cut into translation units and a skeleton (xliff_seg.c), units written
 * as XLIFF 1.2 or 2.0 (xliff_write.c), an XLIFF file read and checked
 * (xliff_read.c), and the article rebuilt from the skeleton with targets
 * in place (xliff_seg.c).
 *
 * A unit's content is a sequence of items: text, and inline codes that
 * stand for Markdown markup.  Every item keeps the byte range of the
 * Markdown it came from, so that the items of a unit, put back to back,
 * are exactly the unit's source bytes: that is what makes the round trip
 * byte-exact.  All strings and arrays are owned by the struct that holds
 * them and released with it.
 */
#ifndef FOLIO_XLIFF_H
#define FOLIO_XLIFF_H

#include <stddef.h>

#include "buf.h"

struct article;
struct diag_list;

enum xitem_type {
	XI_TEXT,		/* translatable text */
	XI_OPEN,		/* the start of a paired code (1.2 <g>, 2.0 <pc>) */
	XI_CLOSE,		/* its end */
	XI_PH,			/* a standalone code (1.2 <x/>, 2.0 <ph/>) */
};

enum xcode_kind {
	XC_EM, XC_STRONG, XC_DEL, XC_LINK,	/* paired */
	XC_IMAGE, XC_CODE, XC_BREAK, XC_AUTOLINK, XC_HTML,	/* standalone */
	XC__COUNT
};

/* "em", "strong", ...: the name used in ctype / subType values. */
const char *xcode_name(enum xcode_kind k);

struct xitem {
	enum xitem_type type;
	enum xcode_kind kind;	/* codes only */
	unsigned id;		/* codes: 1-based, the same for OPEN and CLOSE */
	size_t raw, raw_end;	/* the Markdown bytes, offsets in the body */
	/*
	 * A link's CLOSE, an image, an autolink: its destination's bytes in
	 * the body (without <>); dest == dest_end when it has none here (a
	 * reference link, a target unit read from XLIFF).
	 */
	size_t dest, dest_end;
	char *text;		/* XI_TEXT: the text as a reader sees it; owned */
	size_t len;
};

enum xunit_kind {
	XU_TITLE, XU_SUMMARY, XU_SOURCE,	/* frontmatter */
	XU_HEADING, XU_PARAGRAPH, XU_LIST_ITEM, XU_QUOTE, XU_CELL,
	XU_ALT,			/* an image's alt text */
	XU_LINK_TITLE,		/* a link's or an image's title */
};

struct xunit {
	char id[40];		/* "title", "p3", "li2", "t1r2c3", "p3-alt1" ... */
	enum xunit_kind kind;
	/*
	 * Body units: the source bytes [start, end) of the body; units
	 * nested in another's code (an alt text, a link title) lie inside
	 * it.  Frontmatter units: 0, 0.
	 */
	size_t start, end;
	/* The alt text of an image alone in its paragraph (img3): the
	 * image's destination, as xitem's; the image is skeleton there. */
	size_t dest, dest_end;
	struct xitem *items;
	size_t n, alloc;
	unsigned ncodes;	/* ids 1..ncodes */
};

/* An article cut into units, in document order. */
struct xdoc {
	const char *body;	/* borrowed: the article's body */
	size_t body_len;
	struct xunit *units;
	size_t n, alloc;
};

#define XDOC_INIT { NULL, 0, NULL, 0, 0 }

void xdoc_release(struct xdoc *x);

/*
 * Cut a loaded article (article_load() returned 0) into units: title,
 * summary and source titles from its frontmatter, then the body.  The
 * xdoc borrows a's body: a must outlive it.
 */
void xliff_segment(struct xdoc *x, const struct article *a);

/* The unit with that id, or NULL. */
const struct xunit *xdoc_find(const struct xdoc *x, const char *id);

/* The text of a unit without its codes (notes, frontmatter values). */
void xunit_plain(struct buf *b, const struct xunit *u);

/*
 * The text a reader reads of unit u cut from body (NULL for the
 * frontmatter's units), appended to b: its text items, a line break as
 * a newline, a code span's code and an autolink's address; emphasis
 * markers, links' and images' destinations and HTML tags left out.
 * What a review note quotes.
 */
void xunit_read_text(struct buf *b, const struct xunit *u, const char *body);

/* Do two units hold the same sequence of items (text and codes)? */
int xunit_same(const struct xunit *a, const struct xunit *b);

/*
 * Does unit b (cut from bbody) say something else than unit a (cut from
 * abody)?  1 when their text or codes differ (xunit_same()), 2 when only
 * what a code holds does: a link's or an image's destination, a code
 * span's code, an autolink, an HTML tag; 0 when they say the same.
 */
int xunit_differs(const struct xunit *a, const char *abody,
		  const struct xunit *b, const char *bbody);

/* The body rebuilt from x's skeleton (SPEC 14). */
enum xtarget_state {
	XT_NONE,		/* not in the file, or not translated */
	XT_TRANSLATED,
};

struct xtarget {
	enum xtarget_state state;
	struct xunit unit;	/* items' raw ranges unused; text owned */
};

/*
 * A range [start, end) of the original's body written as other bytes
 * when the body is rebuilt: a destination the translation localized.
 * s is borrowed.
 */
struct xsplice {
	size_t start, end;
	const char *s;
	size_t n;
};

/*
 * Rebuild x's body into out: each unit i with targets[i].state ==
 * XT_TRANSLATED gets the target (text escaped for Markdown where needed,
 * codes as the source's Markdown); a unit without target keeps, when
 * trans (the existing translation) is given and counterpart[i] names one
 * of its units, the translation's Markdown for it, else the source's.
 * Wherever the original's bytes are written, the nsp splices (sorted by
 * start, not overlapping) replace theirs.
 */
void xliff_rebuild(struct buf *out, const struct xdoc *x,
		   const struct xtarget *targets, const struct xdoc *trans,
		   const long *counterpart, const struct xsplice *sp, size_t nsp);

/* Writing. */
enum xliff_version { XLIFF_12, XLIFF_20 };

enum xunit_state {
	XS_NEW,			/* no target */
	XS_TRANSLATED,		/* a target, current */
	XS_REVIEW,		/* a target, but the source changed since */
};

struct xout_unit {
	const struct xunit *src;
	const struct xunit *target;	/* NULL when none */
	enum xunit_state state;
	const char *note;		/* NULL or the note (plain text) */
	const char *note2;		/* NULL or a second one */
};

struct xout_file {
	enum xliff_version version;
	const char *original;		/* "<id>/<lang>.md" */
	const char *srclang, *trglang;
	const struct xout_unit *units;
	size_t n;
};

/* The whole file into out; x is the article the source units come from. */
void xliff_write(struct buf *out, const struct xout_file *f,
		 const struct xdoc *x);

/* Reading. */
struct xin_unit {
	char *id;
	struct xunit source;
	int has_target;
	struct xunit target;
	int translated;		/* in a state that counts as translated */
	unsigned line, col;
};

struct xin_file {
	enum xliff_version version;
	char *original, *srclang, *trglang;
	unsigned file_line, file_col;	/* of the <file> element */
	struct xin_unit *units;
	size_t n, alloc;
};

void xin_file_release(struct xin_file *f);

/*
 * Parse an XLIFF file folio wrote (or a tool kept the shape of): no
 * DOCTYPE, no entity declarations, no network; problems go to diags at
 * their line and column in path.  Returns 0, or -1 when the file cannot
 * be used.
 */
int xliff_read(struct xin_file *f, const char *data, size_t len,
	       const char *path, struct diag_list *diags);

/* Does a unit's source in a file say what the original's unit says now? */
int xliff_same_source(const struct xunit *file_src, const struct xunit *orig);

/*
 * A target's codes against its source's: the same set, each once, paired
 * where the source pairs it, no link inside a link.  Fills tgt's code
 * kinds in.  Returns 0, or -1 with the problem in d (at xu's place in
 * file).
 */
int xliff_check_codes(const struct xin_unit *xu, const struct xunit *src,
		      struct xunit *tgt, const char *file, struct diag_list *d);

/*
 * The counterparts of an original's units in its translation (SPEC 14,
 * as 12.3 matches counterparts), and which of them changed since the
 * translation's base (xliff_match.c).
 */
struct corpus;
struct article_meta;

/* Why a unit is marked for review (precise matches only). */
enum xreview {
	XR_NONE,
	XR_TEXT,		/* its text changed since the base */
	XR_MARKUP,		/* only its markup: a destination, a code */
	XR_MOVED,		/* its block moved, its text unchanged */
	XR_NEW,			/* its block changed, and it was not there */
};

struct xmatch {
	size_t n;		/* the original's units */
	long *counterpart;	/* index in the translation's units, or -1 */
	unsigned char *review;	/* the unit changed since the base (enum xreview) */
	char **old;		/* XR_TEXT, XR_MARKUP: the text a reader read
				 * then (xunit_read_text(); owned), else NULL */
	/*
	 * The original's units at the translation's base, when that text is
	 * known (base_known): base is cut from base_art (both owned), and
	 * then[i] is the unit of base at unit i's place, or -1 (the unit
	 * is new).  A translation whose base is the text now has base_known
	 * 2, base empty and then[i] == i.
	 */
	int base_known;
	struct xdoc base;
	struct article *base_art;
	long *then;
	int stale;		/* the translation renders an older text */
	int base_missing;	/* stale, and the base text is unavailable */
	int shapeless;		/* stale, and the translation's body has not
				 * the base's shape: no block can be told
				 * unchanged, every unit is for review */
	char base_updated[16];	/* the original's 'updated' then, or "" */
};

void xmatch_release(struct xmatch *m);

/*
 * Match the units ox of original om with the units tx of translation tm
 * (both cut from the files the metas name).  Returns 0, or -1 when a
 * file cannot be read (reported to diags).
 */
int xliff_match(struct xmatch *m, const struct corpus *c,
		const struct article_meta *om, const struct xdoc *ox,
		const struct article_meta *tm, const struct xdoc *tx,
		const char digest_now[17], struct diag_list *diags);

/*
 * An existing translation's own link targets and images on import
 * (xliff_dest.c).  The body is the original's skeleton, so its
 * destinations are the original's; each one the translation had another
 * for (its link, autolink or image of the same kind and rank in the
 * counterpart unit) is kept when the original's did not change since
 * the translation's base, and otherwise replaced with a warning.
 */

struct xkeep {
	struct xsplice *sp;	/* sorted by start; owned */
	size_t nsp, asp;
	/* where in the translation's text each destination a warning
	 * already named starts (the lost-destination check skips them) */
	const char **said;
	size_t nsaid, asaid;
	struct diag_list *warn;	/* the warnings, said after the write; owned */
};

void xkeep_release(struct xkeep *k);

/*
 * Fill k for the import of targets tg into the translation tx (cut from
 * the file whose whole text is ttext, reported as tpath), matched to ox
 * by m; file names the XLIFF file in messages.
 */
void xliff_keep_dests(struct xkeep *k, const struct xdoc *ox,
		      const struct xtarget *tg, const struct xdoc *tx,
		      const struct xmatch *m, const char *ttext,
		      const char *tpath, const char *file);

/*
 * After the write: each destination of the translation's body (tbody
 * .. tend, in ttext) that the written text out no longer holds, and
 * that no warning of k named, is a warning at its line and column.
 */
void xliff_warn_lost_dests(struct diag_list *d, const struct xkeep *k,
			   const char *ttext, const char *tbody,
			   const char *tend, const char *tpath,
			   const struct buf *out, const char *file);

#endif
