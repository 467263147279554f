/*
 * arena.h - a bump allocator for trees that live and die together.
 *
 * A YAML document, a compiled schema or a template is allocated from one
 * arena and released at once with arena_release() (or emptied for reuse
 * with arena_reset()); nothing inside is freed on its own.  Memory
 * returned by arena_alloc() is owned by the arena, zeroed, and aligned to
 * 8 bytes: enough for pointers, sizes and doubles, not for long double or
 * vector types.
 */
#ifndef FOLIO_ARENA_H
#define FOLIO_ARENA_H

#include <stddef.h>
#include <string.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used;		/* bytes used in head */
	size_t size;		/* bytes available in head */
};

#define ARENA_INIT { NULL, 0, 0 }

/*
 * What arenas hold (nodes of pointers, sizes and doubles, strings) needs
 * 8: not max_align_t's 16, which would waste 8 bytes on most nodes.
 */
#define ARENA_ALIGN 8
/* Where a chunk's data starts, after its header (arena.c checks it). */
#define ARENA_CHUNK_HEAD 16

/* n bytes (a multiple of ARENA_ALIGN) from a new chunk: the slow path. */
void *arena_alloc_chunk(struct arena *a, size_t n);

/*
 * As arena_alloc(), not zeroed: for a caller that sets every byte.  The
 * common case, room in the newest chunk, is inline: page data and YAML
 * trees take tens of thousands of small blocks.
 */
static inline void *arena_alloc_raw(struct arena *a, size_t n)
{
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (a->head && a->size - a->used >= n) {
		char *p = (char *)a->head + ARENA_CHUNK_HEAD + a->used;

		a->used += n;
		return p;
	}
	return arena_alloc_chunk(a, n);
}

static inline void *arena_alloc(struct arena *a, size_t n)
{
	return memset(arena_alloc_raw(a, n), 0, n);
}

static inline char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_raw(a, n + 1);

	if (n)		/* s may be NULL when n is 0 */
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void arena_release(struct arena *a);
/*
 * Free everything allocated, but keep the newest chunk for what comes
 * next: a worker that builds one page after another allocates once, not
 * once per page.  Everything arena_alloc() returned is invalid after.
 */
void arena_reset(struct arena *a);

#endif
