/*
 * typo.h - per-language typography of text runs (SPEC 8).
 *
 * A renderer walks md4c's parse and hands every run of ordinary text
 * (MD_TEXT_NORMAL, entities once decoded) to typo_text(), which appends the
 * converted text to a buffer; code spans, URLs and anything else that must
 * stay as written are emitted by the renderer itself and only reported with
 * typo_verbatim().  A sentence is split across runs by emphasis, links and
 * entities, so struct typo carries what the rules need from one run to the
 * next: the previous character, the open double quotes, whether a URL or
 * the space after « is still going on.
 *
 * The rules, by BCP 47 primary subtag:
 *   fr  U+202F before ; ! ?, U+00A0 before : and %, after « and before »:
 *       an ordinary space there (or any run of spaces, tabs and no-break
 *       spaces) becomes that one space, and one is added where none is.
 *       Never before a ':' between digits (14:30, 3:1), a ':' followed by a
 *       letter, digit, ':' or '/' (http:, std::, note:x), nor before the
 *       second of "!!", "?!", ";:"..., nor right after ( [ { or at the start
 *       of the block, nor at the start of a run that follows verbatim text
 *       (« » are the exception: quotes around code get their spaces).
 *   all languages: straight double quotes become the language's quotes,
 *       opening at the start of the block or after a space, ( [ { a dash or
 *       an opening quote, closing otherwise; a quote inside a quote takes
 *       the secondary pair.  While a quote is open, one after a space that
 *       is followed by a space, . , ; : ! ? ) ] } or the end of the run
 *       closes it (" bonjour ").  A closing-looking quote with no quote
 *       open is left straight (3" is inches, not a quotation).
 *       fr « » (inner “ ”), en nl tr and any other language “ ” (inner ‘ ’),
 *       de „ “ (inner ‚ ‘), ar « » (inner “ ”, no spaces).
 *   fr en de nl tr: a straight ' between two letters becomes ’ (U+2019);
 *       so does one after a letter at the very end of a run, because the
 *       next run almost always continues the word (l'*hôpital*).
 *   Quotes the author typed are kept and count as open/closed; in fr an
 *       author's « » get their no-break spaces too.
 *   URLs are copied unchanged up to the next space, even when they run
 *       on into the next run: any scheme followed by "//" (http://...),
 *       http: https: ftp: mailto: tel: file: followed by anything but a
 *       space, and "www." at the start of a word.
 * Nothing else changes: no dashes, no ellipses, no escaping.
 *
 * Limits that follow from appending: a space already emitted by an earlier
 * typo_text() call is never taken back, so in "Attention |!" (two runs) the
 * space stays ordinary and nothing is added.  A soft line break given
 * alone as typo_text(t, out, "\n", 1) is such a space: "Comment\n?" gets
 * its U+202F only when the "\n" comes in the same call as the "?" (a
 * renderer can hold the break and prepend it to the next text run).  A
 * hard break is typo_verbatim(t, "\n", 1).
 *
 * Text is UTF-8 given as pointer and length, never NUL-terminated; invalid
 * bytes are copied through unchanged.  No function allocates except through
 * the output buffer; struct typo holds no pointer the caller must free.
 */
#ifndef FOLIO_TYPO_H
#define FOLIO_TYPO_H

#include <stddef.h>

struct buf;

/* The languages with rules; anything else is TYPO_LANG_OTHER. */
enum typo_lang {
	TYPO_LANG_NONE,		/* no rules at all: "", "zxx", NULL */
	TYPO_LANG_OTHER,	/* quotes “ ” only */
	TYPO_LANG_FR,
	TYPO_LANG_EN,
	TYPO_LANG_DE,
	TYPO_LANG_NL,
	TYPO_LANG_TR,
	TYPO_LANG_AR,
};

/* The output encoding lacks U+202F: use U+00A0 where U+202F would go. */
#define TYPO_NO_NNBSP 1u
/* The output encoding lacks both U+202F and U+00A0: use a plain space. */
#define TYPO_NO_NBSP 2u

struct num_list;

/*
 * Per-block state.  The fields are private to typo.c but nums and
 * nums_lang.  typo_init() sets nums to NULL: a caller that converts many
 * runs may point it at a num_list of its own (borrowed; emptied by each
 * use, released by the caller), so that reading the numbers of a run
 * allocates nothing.  After typo_text() or typo_run(), nums_lang is not
 * NULL when *nums holds the numbers of the text just given back, as
 * numbers_scan() reads them in the language nums_lang names: a renderer
 * that reads them too need not.
 */
struct typo {
	enum typo_lang lang;
	unsigned flags;
	unsigned prev;		/* last code point emitted; 0 at block start */
	unsigned depth;		/* double quotes open in this block */
	unsigned char after_verbatim;	/* nothing emitted since verbatim */
	unsigned char eat_space;	/* a no-break space follows «: drop spaces */
	unsigned char in_url;		/* a URL runs on into the next run */
	struct num_list *nums;		/* scratch, or NULL */
	const char *nums_lang;		/* see above; static storage */
};

/* The language of a BCP 47 tag (its primary subtag, any case; NULL ok). */
enum typo_lang typo_lang_of(const char *lang);

/* 0 when lang has no rules at all, so callers may copy text unchanged. */
int typo_needed(const char *lang);

/*
 * Set up for lang (a BCP 47 tag, borrowed only during the call) and flags
 * (TYPO_NO_*), at the start of a block.
 */
void typo_init(struct typo *t, const char *lang, unsigned flags);
/* The same for a language already looked up with typo_lang_of(). */
void typo_init_lang(struct typo *t, enum typo_lang lang, unsigned flags);

/*
 * Start of a new block (paragraph, heading, list item, table cell): no
 * previous character, no quote open.
 */
void typo_block(struct typo *t);

/* Convert s[0..n) and append it to out (raw UTF-8, not escaped). */
void typo_text(struct typo *t, struct buf *out, const char *s, size_t n);

/*
 * The same for a caller that reads the result at once: when no rule
 * changes the run, s itself is returned and nothing is copied; else the
 * converted text is appended to out and its start in out returned, valid
 * until out changes.  *len gets its length either way.
 */
const char *typo_run(struct typo *t, struct buf *out, const char *s, size_t n,
		     size_t *len);

/*
 * The caller emitted s[0..n) unchanged (code, a URL, a hard break as
 * "\n"): nothing is appended, but the next run knows what it follows.
 */
void typo_verbatim(struct typo *t, const char *s, size_t n);

/*
 * For the text wrapper, whatever the language.  No line may start with:
 * ; : ! ? » › ” ’ ؛ ؟ U+00A0 U+202F.  No line may end with: « ‹ „ ‚
 * U+00A0 U+202F.  “ and ‘ are in neither: they open in English and close
 * in German, and guessing wrong would glue words that may be split.
 */
int typo_no_break_before(unsigned cp);
int typo_no_break_after(unsigned cp);

/* The same, answering ASCII inline: the wrapper asks at every word. */
static inline int typo_glue_before(unsigned cp)
{
	if (cp < 0x80)
		return cp == ';' || cp == ':' || cp == '!' || cp == '?';
	return typo_no_break_before(cp);
}

static inline int typo_glue_after(unsigned cp)
{
	return cp >= 0x80 && typo_no_break_after(cp);
}

#endif
