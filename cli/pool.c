#include "pool.h"
#include "interrupt.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

struct pool {
	pool_fn fn;
	void *ctx;
	size_t n;
	atomic_size_t next;
};

struct worker {
	struct pool *pool;
	int id;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	size_t i;

	/* an item begun is finished: the caller cleans up after the rest */
	while (!interrupt_caught() &&
	       (i = atomic_fetch_add(&p->next, 1)) < p->n)
		p->fn(p->ctx, i, w->id);
	return NULL;
}

void pool_run(int jobs, size_t n, pool_fn fn, void *ctx)
{
	struct pool p;
	struct worker w[64];
	pthread_t t[64];
	int i, started = 0;

	p.fn = fn;
	p.ctx = ctx;
	p.n = n;
	atomic_init(&p.next, 0);
	if (jobs > 64)
		jobs = 64;
	if ((size_t)jobs > n)
		jobs = (int)n;
	/* the calling thread is worker 0 */
	for (i = 1; i < jobs; i++) {
		w[i].pool = &p;
		w[i].id = i;
		if (pthread_create(&t[i], NULL, work, &w[i]) != 0)
			break;
		started = i;
	}
	w[0].pool = &p;
	w[0].id = 0;
	work(&w[0]);
	for (i = 1; i <= started; i++)
		pthread_join(t[i], NULL);
}
