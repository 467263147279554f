/*
 * rawhtml.h - raw HTML in article bodies: the few inline tags folio
 * renders, and what the rest of it would lose.
 *
 * Markdown has no superscript, subscript or strikethrough of its own
 * that authors of medical text can rely on ("10<sup>9</sup>/L",
 * "Prendre <s>4</s> 2 comprimés"), so a small list of inline tags
 * without attributes is rendered by every format: sup, sub, s, del, ins,
 * mark and br.  Any other raw HTML is never rendered (SPEC 8.2): the
 * checks report it (markdown.c), an error when text would be lost.
 *
 * Inline tags come from md4c one per MD_TEXT_HTML run; the renderers
 * keep the open ones on a struct rawhtml_stack so that what they write
 * is always well nested (XHTML is XML), whatever the author typed: a
 * closing tag that does not close the innermost open one is dropped (the
 * checks report it), and the tags still open are closed when the Markdown
 * span or the block they were opened in ends.
 */
#ifndef FOLIO_RAWHTML_H
#define FOLIO_RAWHTML_H

#include <stddef.h>

enum rawhtml_tag {
	RH_NONE, RH_SUP, RH_SUB, RH_S, RH_DEL, RH_INS, RH_MARK, RH_BR
};

enum rawhtml_kind {
	RK_RENDERED,	/* one of the list, no attributes */
	RK_COMMENT,	/* <!-- ... -->: never shown, by intent */
	RK_EMPTY,	/* a tag that marks up no text (<wbr>, <img src>) */
	RK_TEXT,	/* a tag around text, or with text in an attribute */
};

struct rawhtml_inline {
	enum rawhtml_kind kind;
	enum rawhtml_tag tag;	/* RK_RENDERED: which */
	int closing;		/* </sup> */
	int attrs;		/* a tag of the list with attributes */
};

/* What the inline raw HTML run s[0..n) is. */
void rawhtml_inline(const char *s, size_t n, struct rawhtml_inline *r);

/* The tag's name ("sup"), static. */
const char *rawhtml_name(enum rawhtml_tag t);

#define RAWHTML_DEPTH 16

/* The rendered inline tags open in a block, innermost last. */
struct rawhtml_stack {
	struct {
		enum rawhtml_tag tag;
		unsigned depth;		/* Markdown spans open around it */
	} v[RAWHTML_DEPTH];
	int n;
};

/* Open t inside depth Markdown spans: 0, or -1 when too deep (dropped). */
int rawhtml_push(struct rawhtml_stack *st, enum rawhtml_tag t,
		 unsigned depth);
/*
 * Close t inside depth Markdown spans: 0 when it is the innermost open
 * tag and was opened at that depth (it is popped), -1 when the closing
 * tag must be dropped.
 */
int rawhtml_pop(struct rawhtml_stack *st, enum rawhtml_tag t,
		unsigned depth);
/*
 * The innermost tag opened inside at least depth Markdown spans, popped,
 * or RH_NONE: call until RH_NONE when a span at that depth ends (depth
 * 0: the block ends), and close each.
 */
enum rawhtml_tag rawhtml_unwind(struct rawhtml_stack *st, unsigned depth);

/*
 * The scan of an HTML block for the text it holds, fed with md4c's runs
 * in order (a tag or comment may span lines).
 */
struct rawhtml_scan {
	int state;		/* outside, in a tag, in a comment */
	char quote;		/* inside a tag: the open quote, or 0 */
	int tags;		/* tags other than comments seen */
};

#define RAWHTML_SCAN_INIT { 0, 0, 0 }

/*
 * Scan s[0..n): returns a bit set of RAWHTML_TEXT (*text_at is the
 * offset of the run's first character of text outside tags and comments)
 * and RAWHTML_TAG (*tag_at is the offset of a tag, not a comment, that
 * is the block's first).
 */
#define RAWHTML_TEXT 1
#define RAWHTML_TAG 2
int rawhtml_scan(struct rawhtml_scan *sc, const char *s, size_t n,
		 size_t *text_at, size_t *tag_at);
/* True when the block ended inside a comment (it hides the rest). */
int rawhtml_scan_open_comment(const struct rawhtml_scan *sc);

#endif
