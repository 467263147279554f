/*
 * deflate.h - a fast raw deflate encoder (RFC 1951) for the pages of a
 * book (SPEC 16).
 *
 * zlib's fastest level spent some 58 instructions a byte on a book's
 * pages, more than rendering them; this encoder gives their size within
 * a few tenths of a percent in a third of the CPU time: one probe of a
 * hash of four bytes per position (greedy matching, no chains), then
 * per block of input a dynamic Huffman code, the fixed code or stored
 * bytes, whichever is smallest.  The output is a complete raw deflate
 * stream (no zlib header) that any inflater reads, the same bytes for
 * the same input on every machine.  No state outlives a call.
 */
#ifndef FOLIO_DEFLATE_H
#define FOLIO_DEFLATE_H

#include <stddef.h>

struct buf;

/*
 * Append the raw deflate stream of data[0..len) to out.  Never fails
 * (memory aside, which aborts as buf.h does).
 */
void deflate_buf(const unsigned char *data, size_t len, struct buf *out);

#endif
