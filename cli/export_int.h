/*
 * export_int.h - what the files of the export pipeline share, and no
 * other file includes: export.h is the pipeline's interface.
 */
#ifndef FOLIO_EXPORT_INT_H
#define FOLIO_EXPORT_INT_H

#include <stddef.h>

struct buf;
struct render_info;
struct ynode;

/* ---- export_text.c ---- */

/*
 * A whole text page from the page data d and its body rendered by
 * render_text(), wrapped at width columns (0: RENDER_TEXT_WIDTH).
 * Appends to out; info->refs goes on numbering the body's links.
 */
void export_text_layout(const struct ynode *d, unsigned width,
			struct render_info *info, struct buf *out);

#endif
