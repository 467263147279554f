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
 */
char *collate_key(const char *s);

#endif
