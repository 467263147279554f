/*
 * wrap.h - the line-wrapping engine of the plain text output (SPEC 8.4).
 *
 * Everything the text format writes as running text goes through it: the
 * paragraphs, headings, list items and table cells of a body
 * (render_text.c), and the title, summary and closing parts of a page.
 * One struct wrap fills one paragraph at a time, greedily (as many words
 * as fit on each line), writing straight into the caller's buffer: nothing
 * else may be appended to it while a paragraph is open.
 *
 * Widths are display columns, counted with utf8proc_charwidth(): a
 * combining mark counts 0 (so Arabic with its vowel marks is as wide as
 * without), an East Asian wide character 2.  Lines break at ASCII
 * spaces, tabs and line ends in the text (a run of them is one space),
 * and, as UAX #14 does for Chinese and Japanese, where no space is: before
 * and after an ideograph or kana, but never before a closing mark (、。，
 * ）」 small kana, ー ...) nor after an opening one (（「 ...).  Never:
 *   - inside a no-break space (U+00A0, U+202F: they are not spaces here),
 *   - before a character typo_no_break_before() names (; : ! ? » ...),
 *   - after one typo_no_break_after() names (« „ ...),
 *   - between a number and its unit, as SPEC 13 lists units (500 mg,
 *     38,5 °C, 2 ml/kg, 60 %), as the number reader (numbers.h) reads
 *     the unit once its word is whole,
 *   - inside verbatim text (wrap_verbatim: code, link references).
 * A word wider than the line is never cut: it takes a line of its own.
 *
 * Control characters (but the spaces above), DEL, C1 controls and bytes
 * that are not UTF-8 become U+FFFD, so no input can put a terminal escape
 * or a broken sequence into the output.
 *
 * The engine owns its scratch buffers (wrap_release frees them); the
 * prefixes given to wrap_begin() are borrowed until wrap_end().  It holds
 * no global state and allocates only by growing its buffers.
 */
#ifndef FOLIO_WRAP_H
#define FOLIO_WRAP_H

#include <stddef.h>

#include "buf.h"

/* A string with its display width, e.g. a line prefix "  - ". */
struct wrap_str {
	const char *s;
	size_t len;
	unsigned width;
};

struct wrap {
	struct buf *out;	/* finished lines are appended here; borrowed */
	unsigned width;		/* columns of a line, prefix included */

	/* set by wrap_begin(); borrowed */
	struct wrap_str before;	/* written once before the first line (a blank line owed) */
	struct wrap_str first;	/* prefix of the first line */
	struct wrap_str rest;	/* prefix of the others */

	/* results of the paragraph, read after wrap_end() */
	size_t lines;		/* lines written */
	unsigned max_line;	/* widest line, prefix excluded */
	unsigned max_unit;	/* widest unbreakable unit */

	/* private */
	struct buf move;	/* a unit on its way to the next line */
	unsigned line_w;	/* placed on the open line, prefix excluded */
	unsigned unit_w, unit_last;	/* the pending unit */
	size_t unit_at;		/* in out: where the pending unit begins */
	size_t line_start;	/* in out: where the open line's prefix begins */
	size_t text_at;		/* in out: where its text begins, after the prefix */
	unsigned room;		/* columns for text on the open line */
	int unit, unit_sep;	/* a unit is pending; a space before it */
	int unit_brk;		/* a line may break before it (space or not) */
	int nosp;		/* the next unit follows without a space */
	int in_word;		/* no break space since the last character */
	/* the pending unit's last word is glued to the number before it as
	 * its unit, until it is whole and read (wrap.c: settle()) */
	int tent, tent_sp;	/* so glued; with a space before it */
	unsigned tent_w;	/* the unit's width before that word */
	size_t tent_at;		/* in out: where that word begins */
	struct buf split;	/* that word, on its way out of the unit */
	int line_open, open;
	/*
	 * The words last read after a number and whether each is a unit,
	 * by a hash of the word: a page says "mg" or "jours" many times,
	 * and reading a word with the number reader costs more than the
	 * rest of the wrapping of a line.
	 */
	struct wrap_unit_memo {
		unsigned char len;	/* 0: empty */
		unsigned char yes;
		char word[38];
	} memo[16];
};

void wrap_init(struct wrap *w, struct buf *out, unsigned width);
void wrap_release(struct wrap *w);

/*
 * Start a paragraph.  before, first, rest may be NULL (nothing).  Results
 * of the previous paragraph are reset.
 */
void wrap_begin(struct wrap *w, const struct wrap_str *before,
		const struct wrap_str *first, const struct wrap_str *rest);
/* Text whose spaces are break opportunities. */
void wrap_text(struct wrap *w, const char *s, size_t n);
/* Text kept together: its spaces never break (code spans). */
void wrap_verbatim(struct wrap *w, const char *s, size_t n);
/*
 * Text glued to what came before, even across a space the text ended with
 * (" [3]" after a link's text): "word [3]" never breaks before "[3]".
 */
void wrap_attach(struct wrap *w, const char *s, size_t n);
/* A hard line break. */
void wrap_break(struct wrap *w);
/* End the paragraph: the last line is written.  Returns w->lines. */
size_t wrap_end(struct wrap *w);

/* Display width of s[0..n), as the engine counts it. */
unsigned wrap_width(const char *s, size_t n);

/*
 * How the engine reads a word: the length of the characters at the start
 * of s[0..n) that go into a word as they are (printable ASCII but the
 * space; valid UTF-8 of U+00A0 and up but U+2028, U+2029 and U+FFFD),
 * their width, and their first and last code points (0 when none).
 * Returns 0 when s starts with anything else.  The `before` bytes before
 * s are text too (read, never measured): 0 when s starts the text.
 */
size_t wrap_word(const char *s, size_t n, size_t before, unsigned *width,
		 unsigned *first, unsigned *last);

/*
 * Append s[0..n) to out with what the engine would replace replaced
 * (controls, invalid UTF-8 -> U+FFFD); keep_tabs keeps tabs (code).
 */
void wrap_clean(struct buf *out, const char *s, size_t n, int keep_tabs);

#endif
