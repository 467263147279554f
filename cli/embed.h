/*
 * embed.h - the schemas and default templates compiled into the binary
 * (generated into build/embedded.h by tools/embed.sh).
 */
#ifndef FOLIO_EMBED_H
#define FOLIO_EMBED_H

#include <stddef.h>

/*
 * The embedded file of that name ("schemas/article.schema.yaml",
 * "cli/templates/page.html"), NUL-terminated, or NULL.  Static storage.
 */
const char *embed_find(const char *name, size_t *len);

#endif
