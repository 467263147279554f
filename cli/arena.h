/*
 * arena.h - a bump allocator for trees that live and die together.
 *
 * A YAML document, a compiled schema or a template is allocated from one
 * arena and released at once with arena_release() (or emptied for reuse
 * with arena_reset()); nothing inside is freed on its own.  Memory returned by arena_alloc() is owned by the arena,
 * zeroed, and aligned to 8 bytes: enough for pointers, sizes and doubles,
 * not for long double or vector types.
 */
#ifndef FOLIO_ARENA_H
#define FOLIO_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used;		/* bytes used in head */
	size_t size;		/* bytes available in head */
};

#define ARENA_INIT { NULL, 0, 0 }

void *arena_alloc(struct arena *a, size_t n);
/* As arena_alloc(), not zeroed: for a caller that sets every byte. */
void *arena_alloc_raw(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);
/*
 * Free everything allocated, but keep the newest chunk for what comes
 * next: a worker that builds one page after another allocates once, not
 * once per page.  Everything arena_alloc() returned is invalid after.
 */
void arena_reset(struct arena *a);

#endif
