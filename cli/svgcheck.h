/*
 * svgcheck.h - is an SVG image safe to put in an e-book?
 *
 * An SVG file is a document: it may run a script or fetch a remote
 * resource, which an EPUB must declare (epubcheck fails the book
 * otherwise) and which a patient's reading system should never do.  The
 * export puts into a book only an SVG that holds neither; any other is
 * an error, and the pages that show it are not exported.
 */
#ifndef FOLIO_SVGCHECK_H
#define FOLIO_SVGCHECK_H

#include <stddef.h>

struct buf;

/*
 * Check the SVG document data[0..len).  Returns 0 when it is well-formed
 * XML with no script (a <script> element, an on... event attribute, a
 * javascript: link), no reference outside itself (an href, xlink:href
 * or src that is not "#fragment" or a data: URL, a CSS url() or @import,
 * an xml-stylesheet instruction) and no entity declaration.  Otherwise
 * returns -1, appends to why what it holds ("a <script> element") and
 * sets *line to where (0 when not known).  Safe to call from several
 * threads at once.
 */
int svg_check(const char *data, size_t len, struct buf *why, unsigned *line);

#define SVG_MAX (16u << 20)

/*
 * svg_check() of the file at path (as reported, read up to SVG_MAX):
 * 0 when it is safe or cannot be read (the copy reports that), else -1
 * with an svg-unsafe error in d at the line it found.
 */
struct diag_list;
int svg_check_file(const char *path, struct diag_list *d);

#endif
