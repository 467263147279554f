/*
 * render.h - the interface of folio's body renderers.
 *
 * A renderer turns one article body (Markdown, as a struct md_src) into its
 * output format in a single md4c parse.  Each output format is one file
 * (render_html.c, render_text.c) behind the same signature, so the export
 * pipeline keeps a table of formats and never knows which renderer it
 * calls.  Variants of a format are flags, not copies: XHTML is
 * RENDER_XHTML on the HTML renderer.  What the renderers share (the
 * references of a render, link targets, URL text, heading ids and the
 * folding behind them) is render.c; neither renderer calls the other.
 *
 * What every renderer promises:
 *   - raw HTML in the body (blocks and inline) is never emitted;
 *   - link and image URLs whose scheme is not http, https, mailto or tel
 *     (or article: for links) are dropped: the text stays, the link goes;
 *   - `article:<id>[#fragment]` links are resolved through the caller's
 *     render_resolve_fn, and rendered as plain text when it fails;
 *   - text runs get the page language's typography (typo.h), never code
 *     or URLs;
 *   - output depends only on the input and the options (no locale, clock
 *     or global state), so workers may render in parallel.
 */
#ifndef FOLIO_RENDER_H
#define FOLIO_RENDER_H

#include <stddef.h>

struct arena;
struct buf;
struct md_check;
struct md_src;

enum render_flags {
	/* XML syntax: void elements as <br />, only the XML five entities */
	RENDER_XHTML = 1u << 0,
	/* no typography (the text as written) */
	RENDER_NO_TYPO = 1u << 1,
	/* every image as its alternative text, never <img> */
	RENDER_IMG_ALT = 1u << 2,
	/*
	 * The caller vouches that the body is valid UTF-8 (utf8_check()
	 * passed), so text is escaped without checking it again.  Without
	 * it, invalid bytes become U+FFFD.
	 */
	RENDER_VALID_UTF8 = 1u << 3,
	/*
	 * The text is converted to another encoding than UTF-8 (--encoding
	 * cp1256), which may lack U+2066 and U+2069: a right-to-left page's
	 * numbers are not isolated (their no-break spaces keep their groups
	 * in order).
	 */
	RENDER_NO_ISOLATES = 1u << 4,
};

/*
 * Resolve `article:` id[0..n) for the page being rendered.  On success
 * append the target's URL (raw: not percent-encoded, not escaped; the
 * renderer escapes it) to href, set *hreflang to the target's language
 * when it is not the page's (else NULL; the string must outlive the
 * render), and return 0.  Return -1 when the id has no page to link to:
 * the link's text is then rendered without a link.
 */
typedef int (*render_resolve_fn)(void *ctx, const char *id, size_t n,
				 struct buf *href, const char **hreflang);

/*
 * Where the image src[0..n) (a URL the renderer accepts) is shown from:
 * append the URL to use (raw) to out and return 0, or return -1 to show
 * the image's alternative text instead.  An EPUB may only show images it
 * holds: its export copies the corpus's image into the book, or says no.
 */
typedef int (*render_image_fn)(void *ctx, const char *src, size_t n,
			       struct buf *out);

/*
 * Where a link of the body that is not an article: link goes, when the
 * format restricts it (an EPUB holds only its pages and images): href is
 * the destination as written; the function may replace it (an absolute
 * URL) and return 0, or return -1 to show the link's text alone.
 */
typedef int (*render_link_fn)(void *ctx, struct buf *href);

/*
 * Whether an article: link that resolved keeps its #fragment frag[0..n)
 * (without the '#'): return 0 to keep it, -1 to link to the page's top
 * (an e-book's link to a heading the other page does not have would
 * fail epubcheck).
 */
typedef int (*render_fragment_fn)(void *ctx, const char *frag, size_t n);

/* The columns of a text line when nothing says otherwise. */
#define RENDER_TEXT_WIDTH 72

struct render_opts {
	const char *lang;	/* the page's language (BCP 47); borrowed */
	int rtl;		/* the page reads right to left */
	unsigned flags;		/* enum render_flags */
	unsigned typo_flags;	/* TYPO_NO_NNBSP... (typo.h) */
	render_resolve_fn resolve;	/* NULL: article: links become text */
	void *resolve_ctx;
	render_image_fn image;		/* NULL: images as written */
	void *image_ctx;
	render_link_fn link;		/* NULL: other links as written */
	void *link_ctx;
	render_fragment_fn fragment;	/* NULL: fragments kept */
	void *fragment_ctx;
	unsigned width;		/* text: columns of a line (0: RENDER_TEXT_WIDTH) */
	/*
	 * Buffers the renderer keeps from one body to the next (a worker's,
	 * made by html_keep_new(), text_keep_new()), so that they are
	 * allocated once rather than once per page; NULL: its own.
	 */
	struct html_keep *html_keep;
	struct text_keep *text_keep;
};

struct html_keep;
struct text_keep;
struct html_keep *html_keep_new(void);
void html_keep_free(struct html_keep *k);
struct text_keep *text_keep_new(void);
void text_keep_free(struct text_keep *k);

/* A heading of the body, for tables of contents. */
struct render_heading {
	unsigned level;		/* 2..6 in a valid article */
	char *id;		/* its unique id in the page */
	char *text;		/* its plain text, typography applied */
};

/*
 * The numbered links of a text page ("text [3]", listed at the end), in
 * the order of their first appearance; a URL that comes again keeps its
 * number.  The body's renderer numbers its links, the page around it
 * goes on from there.
 */
struct render_refs {
	char **url;		/* owned strings; url[k] is number k + 1 */
	size_t n, alloc;
	size_t *slot;		/* open addressing over url, cap a power of 2 */
	size_t cap;
};

/* The number of url[0..n), given a new one when it has none. */
size_t render_refs_add(struct render_refs *r, const char *url, size_t n);
void render_refs_release(struct render_refs *r);

/* What a render leaves besides the output bytes. */
struct render_info {
	struct render_heading *headings;	/* owned array */
	size_t nheadings, alloc;
	/*
	 * Where the headings' strings go, borrowed (a page's arena), or
	 * NULL: then each is owned, and render_info_release() frees it.
	 */
	struct arena *arena;
	struct render_refs refs;	/* text: numbered links; may be seeded */
	/* images met, and how many of them had alternative text */
	size_t images, images_alt;
};

#define RENDER_INFO_INIT { NULL, 0, 0, NULL, { NULL, 0, 0, NULL, 0 }, 0, 0 }

void render_info_release(struct render_info *ri);

/*
 * Render src into out (appending), with the options o.  chk, when not NULL,
 * runs the body checks in the same parse (md_run_with_check); info, when
 * not NULL, gets the headings.  Returns 0, or -1 when md4c failed (out
 * then holds what was rendered so far).
 */
typedef int (*render_body_fn)(const struct md_src *src, struct md_check *chk,
			      const struct render_opts *o, struct buf *out,
			      struct render_info *info);

int render_html(const struct md_src *src, struct md_check *chk,
		const struct render_opts *o, struct buf *out,
		struct render_info *info);

/*
 * Plain text wrapped at o->width (render_text.c, on wrap.h): headings
 * underlined, lists with hanging indents, tables in aligned columns,
 * emphasis dropped, code as written, links as "text [n]" numbered in
 * info->refs (info must not be NULL), images as "[alt]".  UTF-8 out; the
 * output encoding is the caller's business.
 */
int render_text(const struct md_src *src, struct md_check *chk,
		const struct render_opts *o, struct buf *out,
		struct render_info *info);


/*
 * Is text[0..tn) the URL href[0..hn) itself, as an autolink shows it
 * (with or without the http:// or mailto: that md4c adds)?
 */
int render_is_url_text(const char *href, size_t hn, const char *text,
		       size_t tn);

/*
 * Is url[0..n) safe to link to?  Relative URLs and the schemes http,
 * https, mailto and tel are; anything with a control character or
 * another scheme (javascript:, data:, vbscript:, file:...) is not.
 * allow_article admits article: too.  Shared by every renderer and by the
 * page data (sources), so that one rule decides.
 */
int render_url_allowed(const char *url, size_t n, int allow_article);

/*
 * Where a link of the body goes, for every renderer: an `article:` link
 * resolved through o->resolve (its #fragment kept; *hreflang set when it
 * falls back to another language), any other URL when its scheme is
 * allowed.  Returns 1 with the destination in *href (replaced), 0 when
 * the link is dropped and only its text is shown.  scratch is the
 * caller's buffer, to resolve in; its content is lost.
 */
int render_link_target(const struct render_opts *o, struct buf *href,
		       struct buf *scratch, const char **hreflang);

/*
 * Append the id a heading with plain text s[0..n) gets before
 * de-duplication: case-folded letters and digits of any script (accents
 * and other marks removed, render_fold_latin() applied), every other run
 * of characters one '-', never
 * starting with a digit or '-', at most 64 bytes; "section" when nothing
 * is left.
 */
void render_heading_id(struct buf *out, const char *s, size_t n);

/*
 * What case folding, compatibility decomposition and the removal of marks
 * (utf8proc's CASEFOLD, COMPAT, STRIPMARK, as heading ids and sort keys
 * read text), then render_fold_latin(), make of the character cp of
 * U+0080 to U+07FF, when the heading ids' tables know it: 1, one ASCII
 * letter, in *c (é, ç, ğ, ł, ø: e, c, g, l, o); 2, the character itself
 * (an Arabic letter); 0, nothing (an Arabic mark); -1, not known (ask
 * utf8proc).
 */
int render_fold2(unsigned cp, char *c);

/*
 * A Latin letter that folding leaves outside ASCII although it reads as
 * ASCII letters, cp already case-folded: its letters (æ ae, œ oe, ø o,
 * ł l, đ d, ð d, þ th, ı i, ŋ n, ħ h, ŧ t), else NULL.  Heading ids and
 * sort keys fold them, so that "Œdème" is "oedeme" as "Édème" is
 * "edeme", and sorts among the O.
 */
const char *render_fold_latin(unsigned cp);

/*
 * In a right-to-left page, the runs of text[0..n) (a text run after its
 * typography, read as lang reads numbers) that must be shown left to right
 * as one piece, or the bidirectional algorithm lays out their parts in
 * reverse order: each phone number ("0800 15 801" would read "801 15
 * 0800"), and each number in Western digits written in several pieces
 * (digit groups, a unit, a time: "1 000 mg", "38,5 °C").  Appends each as
 * its start and end offsets to *v (pairs, grown as GROW does) and returns
 * how many runs it found.  known: the numbers of text as numbers_scan()
 * reads them in lang, when the caller has them (the typography's, see
 * typo.h), else NULL; scratch: a list to read them into (emptied first;
 * NULL: one of its own, freed).  Both are borrowed.
 */
struct num_list;
size_t render_ltr_runs(const char *text, size_t n, const char *lang,
		       const struct num_list *known, struct num_list *scratch,
		       size_t **v, size_t *alloc);

#endif
