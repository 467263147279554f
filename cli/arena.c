#include "arena.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct arena_chunk {
	struct arena_chunk *next;
	size_t pad;
	/* data follows, ALIGN-aligned */
};

/*
 * What arenas hold (nodes of pointers, sizes and doubles, strings) needs
 * 8: not max_align_t's 16, which would waste 8 bytes on most nodes.
 */
#define ALIGN 8
#define CHUNK 16384

/* n bytes, not zeroed. */
static void *alloc(struct arena *a, size_t n)
{
	char *p;

	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (!a->head || a->size - a->used < n) {
		/*
		 * Chunks grow from 2 KiB to CHUNK: a catalog or a small
		 * frontmatter fits the first, a page's data the last few.
		 */
		size_t grow = a->head ? a->size * 2 : 2048;
		size_t sz = n > CHUNK / 2 ? n : grow < n ? n : grow > CHUNK ? CHUNK : grow;
		struct arena_chunk *c = xmalloc(sizeof(*c) + ALIGN + sz);

		if (n > CHUNK / 2 && a->head && a->size - a->used >= 64) {
			/* a big block gets its own chunk behind the head */
			c->next = a->head->next;
			a->head->next = c;
			return (char *)c + ((sizeof(*c) + ALIGN - 1) & ~(size_t)(ALIGN - 1));
		}
		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->size = sz;
	}
	p = (char *)a->head + ((sizeof(struct arena_chunk) + ALIGN - 1) & ~(size_t)(ALIGN - 1));
	p += a->used;
	a->used += n;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return memset(alloc(a, n), 0, n);
}

void *arena_alloc_raw(struct arena *a, size_t n)
{
	return alloc(a, n);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = alloc(a, n + 1);

	if (n)		/* s may be NULL when n is 0 */
		memcpy(p, s, n);
	p[n] = '\0';
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
