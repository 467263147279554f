/*
 * collate.h - the order of titles in an index: a sort key the same on
 * every machine, whatever its locales.
 */
#ifndef FOLIO_COLLATE_H
#define FOLIO_COLLATE_H

/*
 * The sort key of s (UTF-8, NUL-terminated; NULL reads as ""), to compare
 * with strcmp(): letters and digits of any script, case-folded, their
 * accents and other marks removed, compatibility forms decomposed (ﬁ is
 * fi), the Latin letters of render_fold_latin() spelled in ASCII (Œ oe,
 * Æ ae, Ł l, ß ss); every run of anything else (spaces, punctuation,
 * quotes « » “ ”, symbols) one space, none at either end.  So "« Œdème »"
 * sorts with "oedeme", among the O, and "L'immunité" before "Le
 * cancer" as punctuation sorts before letters in the Unicode collation.
 * Text that is not valid UTF-8 is its own key.  The caller frees the key.
 *
 * lang (a BCP 47 tag, or NULL) tailors the order where a language has
 * letters of its own: Turkish and Azerbaijani (tr, az) sort
 * c < ç < d, g < ğ < h, ı < i, o < ö < p, s < ş < t, u < ü < v (and az
 * e < ə < f), with I the capital of ı and İ of i; each such letter is
 * its Latin letter and the byte 0xFF in the key (ç is "c\xFF"), which
 * is then not UTF-8.  Still a fixed table: no locale is read.
 */
char *collate_key(const char *s, const char *lang);

/*
 * The same key made by utf8proc alone, character by character in context.
 * collate_key() gives the key of most titles from its own tables (ASCII,
 * Latin letters with accents, Arabic, punctuation) and calls this for the
 * rest; the two must agree on every string (tests/unit/collate_unit.c).
 */
char *collate_key_full(const char *s, const char *lang);

#endif
