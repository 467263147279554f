/*
 * numbers.h - numbers, units and phone numbers read from text as a reader
 * of that language would read them (SPEC 13): "1 000,5" in French and
 * "1,000.5" in English are one value; "%50" in Turkish is 50 %;
 * Arabic-Indic digits are digits; "2–3" is two numbers, "14:30" one time.
 *
 * The scanner reads a block's Markdown source: numbers inside code spans,
 * URLs (link destinations, autolinks, bare URLs) and HTML comments are
 * not numbers of the text.  It allocates nothing the caller does not free:
 * results go to an array the caller owns.
 */
#ifndef FOLIO_NUMBERS_H
#define FOLIO_NUMBERS_H

#include <stddef.h>

enum num_kind {
	NUM_NUMBER,		/* a value, with or without a unit */
	NUM_TIME,		/* 14:30, 14 h 30: value is minutes since 0:00 */
	NUM_PHONE,		/* + or 0 then 8 digits or more in groups */
};

struct num_token {
	enum num_kind kind;
	/*
	 * The value as read, scaled to the unit's base when it has one
	 * (0,5 g and 500 mg both give base 0.5 in "g"): compare base and
	 * base_unit to test equivalence, value and unit to print.
	 */
	double value;
	double base;
	char unit[16];		/* canonical unit as written ("mg", "ml", "%",
				 * "mg/kg", "IU"); "" when none */
	char base_unit[16];	/* the base of its dimension ("g", "l", "%",
				 * "g/kg"...); "" when none */
	char digits[32];	/* NUM_PHONE: its digits alone, NUL-terminated */
	size_t off, len;	/* where in the scanned text (bytes) */
};

struct num_list {
	struct num_token *v;	/* owned; free with num_list_release() */
	size_t n, alloc;
};

#define NUM_LIST_INIT { NULL, 0, 0 }

void num_list_release(struct num_list *l);

/*
 * Append to l every number, time and phone number of text[0..len) read in
 * the language lang ("fr", "en", "de", "nl", "tr", "ar"; anything else is
 * read as English).  Returns how many were added.
 */
size_t numbers_scan(struct num_list *l, const char *text, size_t len,
		    const char *lang);

/*
 * numbers_scan() without its first look for a digit, for a caller that
 * has just seen one with numbers_has_digit(): the same tokens (on a text
 * without a digit, none, only found more slowly).
 */
size_t numbers_scan_unchecked(struct num_list *l, const char *text,
			      size_t len, const char *lang);

/*
 * Does text[0..len) hold a digit of any script SPEC 13 reads (0-9,
 * Arabic-Indic, Eastern Arabic-Indic)?  Thirty-two or sixteen bytes at
 * a time (numbers_find.h): most texts hold none, and then hold no number.
 */
int numbers_has_digit(const char *text, size_t len);

/*
 * Does text[0..len) hold an Arabic-Indic or Eastern Arabic-Indic digit
 * (U+0660-U+0669, U+06F0-U+06F9)?
 */
int numbers_arabic_digit(const char *text, size_t len);

/* Do two tokens say the same thing (same kind, equivalent value and unit)? */
int num_equal(const struct num_token *a, const struct num_token *b);

/*
 * The comparison sign written just before a number that starts at
 * text[off] ("< 3", "≤5", "&gt; 10", ">= 2"; spaces and no-break spaces
 * between allowed): it is part of what the number says.  The end of an
 * HTML tag ("<b>3") or an arrow ("->") is not one.
 */
enum num_cmp { NUM_CMP_NONE, NUM_CMP_LT, NUM_CMP_LE, NUM_CMP_GT, NUM_CMP_GE };

enum num_cmp numbers_comparison(const char *text, size_t off);
/* The sign as folio prints it: "", "<", "≤", ">", "≥". */
const char *num_cmp_sign(enum num_cmp c);

/* Format a token for a message ("500 mg", "+32 2 555 12 34" as digits). */
struct buf;
void num_format(struct buf *b, const struct num_token *t);

#endif
