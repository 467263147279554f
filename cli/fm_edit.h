/*
 * fm_edit.h - what stamp and xliff import share to edit a translation's
 * frontmatter byte for byte (SPEC 7.4, 12.1): where a node libyaml
 * placed by line and column is in the file, and where and how
 * translated_from.base goes when it is absent.
 */
#ifndef FOLIO_FM_EDIT_H
#define FOLIO_FM_EDIT_H

#include <stddef.h>

struct article;
struct buf;
struct ynode;

/*
 * The byte offset of line:col (1-based, columns in characters as libyaml
 * counts them) in text[0..len), or -1 when there is no such place.
 */
long fm_offset(const char *text, size_t len, unsigned line, unsigned col);

/*
 * Where base goes in a's text when translated_from (tf, whose 'updated'
 * key is key and whose value ends at byte val_end) has none, and what is
 * inserted there (appended to text): in a flow mapping, whatever anchor
 * or tag stands before it, ", base: "DIGEST"" right after the value of
 * updated; in a block mapping, a line of its own after updated's,
 * indented as the key updated is, with the file's line end.  Returns 0
 * with *at set, or -1 when no place is found.
 */
int fm_base_insertion(const struct article *a, const struct ynode *tf,
		      const struct ynode *key, size_t val_end,
		      const char *digest, size_t *at, struct buf *text);

#endif
