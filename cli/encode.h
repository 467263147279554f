/*
 * encode.h - the output encoding of the text format (SPEC 8.4, --encoding
 * and --translit): UTF-8 pages converted through iconv.
 *
 * An encoding is opened once per run (struct encoding): its name checked,
 * and iconv asked once whether it has U+202F NARROW NO-BREAK SPACE and
 * U+00A0 NO-BREAK SPACE.  French typography needs them; where the
 * encoding lacks U+202F a page gets U+00A0 instead, and a plain space
 * where it lacks both.  Every other character the encoding lacks is
 * reported (struct encode_bad), and the page is not written; with
 * --translit they are approximated instead, never so that a number
 * changes: first folio's own spellings of digits and signs (10⁹ -> 10^9,
 * Arabic-Indic digits -> 0-9, ‰ -> o/oo, μ -> u), then a letter without
 * its accent when the encoding has that (ğ -> g), else a letter of
 * folio's own table for those that have no accent to remove (ı -> i,
 * ł -> l, œ -> oe), else iconv's //TRANSLIT (“ -> "), unless that gives
 * '?' or a digit the character was not: such a character is reported as
 * without --translit.
 *
 * U+2019 RIGHT SINGLE QUOTATION MARK, the apostrophe French typography
 * curls, becomes ' in an encoding that lacks it (latin1), as the no-break
 * spaces do: a French page must not need --translit for folio's own
 * apostrophes.
 *
 * iconv_t holds conversion state and must not be shared between threads:
 * each worker has its own struct encoder, opened on first use and kept
 * for the run.
 */
#ifndef FOLIO_ENCODE_H
#define FOLIO_ENCODE_H

#include <iconv.h>
#include <stddef.h>

#include "buf.h"

#define ENCODE_SPELLINGS 64

struct encoding {
	char *name;		/* as the user gave it; owned */
	int utf8;		/* UTF-8: nothing to convert */
	int translit;		/* //TRANSLIT */
	int no_nnbsp;		/* it lacks U+202F */
	int no_nbsp;		/* it lacks U+00A0 */
	int no_rsquo;		/* it lacks U+2019: ' instead (latin1) */
	/* --translit: which characters of encode.c's own spellings it lacks */
	unsigned char lacks[ENCODE_SPELLINGS];
};

/*
 * Check name (letters, digits, '-', '_', '.', ':' only: no "//" suffix of
 * our own to smuggle in) and probe it.  Returns 0, or -1 when iconv does
 * not know it (a usage error).  NULL or "" is UTF-8.
 */
int encoding_open(struct encoding *e, const char *name, int translit);
void encoding_release(struct encoding *e);

/* The characters of one page an encoding lacks: the first few, in order. */
#define ENCODE_BAD_MAX 5
struct encode_bad {
	struct {
		unsigned cp;
		size_t offset;	/* of its first occurrence, in the UTF-8 page */
	} v[ENCODE_BAD_MAX];
	size_t n;		/* distinct characters kept in v */
	size_t more;		/* distinct characters past ENCODE_BAD_MAX */
};

struct encoder {
	const struct encoding *e;	/* borrowed */
	iconv_t cd;		/* (iconv_t)-1 until the first page */
	iconv_t tr;		/* --translit: the same with //TRANSLIT, on demand */
	struct buf fallback;	/* the page with folio's own replacements */
	struct {
		size_t o, ol;	/* the replaced bytes of the page */
		size_t c, cl;	/* what replaced them, in fallback */
	} *subs;		/* in page order; owned */
	size_t nsubs, asubs;
};

void encoder_init(struct encoder *c, const struct encoding *e);
void encoder_release(struct encoder *c);

/*
 * Append s[0..n) (UTF-8) converted to out.  Returns 0; or -1 when some
 * character cannot be converted: they are described in *bad (out then
 * holds garbage the caller must not write).  Never fails on memory (see
 * util.h) and keeps no pointer to s.
 */
int encoder_convert(struct encoder *c, const char *s, size_t n,
		    struct buf *out, struct encode_bad *bad);

/* "ARABIC LETTER ALEF": the name of a character folio's users meet, or NULL. */
const char *encode_char_name(unsigned cp);

#endif
