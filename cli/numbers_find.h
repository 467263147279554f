/*
 * numbers_find.h - the byte finders under the number reader (numbers.c)
 * and translation QA's link scan (qa.c): where in a text there may be
 * work, found thirty-two bytes at a time where the CPU has AVX2, sixteen
 * with SSE2, else one by one.  Every finder reads s[0..n) and nothing past
 * it, allocates nothing and gives the same answer on every path.
 */
#ifndef FOLIO_NUMBERS_FIND_H
#define FOLIO_NUMBERS_FIND_H

#include <stddef.h>

/*
 * Does s[0..n) hold a digit: 0-9, Arabic-Indic (U+0660-U+0669) or
 * Eastern Arabic-Indic (U+06F0-U+06F9)?  With arabic_only, only the
 * last two.
 */
int find_digit(const char *s, size_t n, int arabic_only);

/*
 * The first byte of s[i..n) where the number reader may have work, or n:
 * newline, '&', '(', '+', a digit of the three scripts, ':', '<', '@',
 * '\\', ']', '`', or a 'w' before a 'w' (of "www.").  It may also stop on
 * other bytes of '(' to '@', on any 'w' and on an Arabic letter's lead
 * byte 0xD9 or 0xDB: the reader steps past those.
 */
size_t find_scan_stop(const char *s, size_t n, size_t i);

/*
 * The first byte of s[i..n) where a link target or a code span may start
 * ('`', ']', '<', "ht", "ww"), or n.  It may also stop on another 'h'
 * or 'w'.
 */
size_t find_link_start(const char *s, size_t n, size_t i);

/* The first byte of s[i..n) that is one of set[0..4), or n. */
size_t find_any4(const char *s, size_t n, size_t i, const char set[4]);

#endif
