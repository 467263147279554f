#include "arena.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct arena_chunk {
	struct arena_chunk *next;
	size_t pad;
	/* data follows, at ARENA_CHUNK_HEAD */
};

_Static_assert(((sizeof(struct arena_chunk) + ARENA_ALIGN - 1) &
		~(size_t)(ARENA_ALIGN - 1)) == ARENA_CHUNK_HEAD,
	       "ARENA_CHUNK_HEAD is where a chunk's data starts");

#define CHUNK 16384

void *arena_alloc_chunk(struct arena *a, size_t n)
{
	char *p;

	if (!a->head || a->size - a->used < n) {
		/*
		 * Chunks grow from 2 KiB to CHUNK: a catalog or a small
		 * frontmatter fits the first, a page's data the last few.
		 */
		size_t grow = a->head ? a->size * 2 : 2048;
		size_t sz = n > CHUNK / 2 ? n : grow < n ? n : grow > CHUNK ? CHUNK : grow;
		struct arena_chunk *c = xmalloc(ARENA_CHUNK_HEAD + sz);

		if (n > CHUNK / 2 && a->head && a->size - a->used >= 64) {
			/* a big block gets its own chunk behind the head */
			c->next = a->head->next;
			a->head->next = c;
			return (char *)c + ARENA_CHUNK_HEAD;
		}
		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->size = sz;
	}
	p = (char *)a->head + ARENA_CHUNK_HEAD + a->used;
	a->used += n;
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head;

	while (c) {
		struct arena_chunk *next = c->next;

		free(c);
		c = next;
	}
	a->head = NULL;
	a->used = a->size = 0;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *c;

	if (!a->head)
		return;
	/* the head is the newest chunk, and of the largest size but for a
	 * big block's own: the others go */
	c = a->head->next;
	while (c) {
		struct arena_chunk *next = c->next;

		free(c);
		c = next;
	}
	a->head->next = NULL;
	a->used = 0;
}
