/*
 * escape.h - every escaping folio does, in one place.
 *
 * All functions append to a buffer the caller owns; input is a pointer and
 * a length (never assumed NUL-terminated) of UTF-8 text.
 */
#ifndef FOLIO_ESCAPE_H
#define FOLIO_ESCAPE_H

#include <stddef.h>

struct buf;

/*
 * & < > " ' as the XML five (valid in HTML and XHTML alike); what is not
 * a character of HTML or XML text (C0 and C1 controls but tab and line
 * ends, U+FFFE, U+FFFF, invalid UTF-8) as U+FFFD.
 */
void escape_html(struct buf *b, const char *s, size_t n);
/* The same for s known to be valid UTF-8 (utf8_check()), faster. */
void escape_html_utf8(struct buf *b, const char *s, size_t n);
/* A JSON string body (no quotes); invalid UTF-8 becomes U+FFFD. */
void escape_json(struct buf *b, const char *s, size_t n);
/* A JSON string with its quotes. */
void escape_json_str(struct buf *b, const char *s, size_t n);
/*
 * For a URL inside an HTML attribute: percent-encodes bytes that are not
 * allowed in a URL (space, controls, non-ASCII stay as UTF-8 percent
 * encoded), then HTML-escapes.
 */
void escape_url(struct buf *b, const char *s, size_t n);
/* For one line of terminal text: control characters as \n \t \xNN. */
void escape_text_line(struct buf *b, const char *s, size_t n);
/* For a GitHub annotation message: % \r \n as %25 %0D %0A. */
void escape_github(struct buf *b, const char *s, size_t n, int property);
/* A JSON string that is safe inside <script type="application/ld+json">. */
void escape_json_script(struct buf *b, const char *s, size_t n);

#endif
