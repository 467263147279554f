/*
 * render.h - the interface of folio's body renderers.
 *
 * A renderer turns one article body (Markdown, as a struct md_src) into its
 * output format in a single md4c parse.  Each output format is one file
 * (render_html.c; render_text.c next) behind the same signature, so the
 * export pipeline keeps a table of formats and never knows which renderer
 * it calls.  Variants of a format are flags, not copies: XHTML is
 * RENDER_XHTML on the HTML renderer.
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

struct buf;
struct md_check;
struct md_src;

enum render_flags {
	/* XML syntax: void elements as <br />, only the XML five entities */
	RENDER_XHTML = 1u << 0,
	/* no typography (the text as written) */
	RENDER_NO_TYPO = 1u << 1,
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

struct render_opts {
	const char *lang;	/* the page's language (BCP 47); borrowed */
	int rtl;		/* the page reads right to left */
	unsigned flags;		/* enum render_flags */
	unsigned typo_flags;	/* TYPO_NO_NNBSP... (typo.h) */
	render_resolve_fn resolve;	/* NULL: article: links become text */
	void *resolve_ctx;
};

/* A heading of the body, for tables of contents. */
struct render_heading {
	unsigned level;		/* 2..6 in a valid article */
	char *id;		/* its unique id in the page; owned */
	char *text;		/* its plain text, typography applied; owned */
};

/* What a render leaves besides the output bytes. */
struct render_info {
	struct render_heading *headings;	/* owned array */
	size_t nheadings, alloc;
};

#define RENDER_INFO_INIT { NULL, 0, 0 }

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
 * Is url[0..n) safe to link to?  Relative URLs and the schemes http,
 * https, mailto and tel are; anything with a control character or
 * another scheme (javascript:, data:, vbscript:, file:...) is not.
 * allow_article admits article: too.  Shared by every renderer and by the
 * page data (sources), so that one rule decides.
 */
int render_url_allowed(const char *url, size_t n, int allow_article);

/*
 * Append the id a heading with plain text s[0..n) gets before
 * de-duplication: case-folded letters and digits of any script (accents
 * and other marks removed), every other run of characters one '-', never
 * starting with a digit or '-', at most 64 bytes; "section" when nothing
 * is left.
 */
void render_heading_id(struct buf *out, const char *s, size_t n);

#endif
