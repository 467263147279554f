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
	size_t share;		/* what a hand-out takes: the rest / share */
	atomic_size_t next;
};

/* A run is 1 / (workers * POOL_SHARE) of what is left. */
#define POOL_SHARE 8

struct worker {
	struct pool *pool;
	int id;
};

/*
 * The next run of items for a worker, from the index returned to *end: a
 * part of what is left, so that early runs are long and the last ones
 * single items.  Two
 * workers then touch neighbouring items (whose results share cache lines)
 * only where their runs meet, and the counter is taken a few hundred
 * times rather than once per item; none waits long for another at the
 * end.  Nothing once a signal is caught.
 */
static size_t claim_share(struct pool *p, size_t *end)
{
	size_t i = atomic_load(&p->next), len;

	do {
		if (i >= p->n || interrupt_caught()) {
			*end = i;
			return i;
		}
		len = (p->n - i) / p->share;
		if (!len)
			len = 1;
	} while (!atomic_compare_exchange_weak(&p->next, &i, i + len));
	*end = i + len;
	return i;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	size_t i, end;

	while ((i = claim_share(p, &end)) < end)
		/* an item begun is finished: the caller cleans up after the
		 * rest */
		for (; i < end && !interrupt_caught(); i++)
			p->fn(p->ctx, i, w->id);
	return NULL;
}

int pool_jobs(long n)
{
	return n < 1 ? 1 : n > POOL_MAX_JOBS ? POOL_MAX_JOBS : (int)n;
}

void pool_run(int jobs, size_t n, pool_fn fn, void *ctx)
{
	struct pool p;
	struct worker w[POOL_MAX_JOBS];
	pthread_t t[POOL_MAX_JOBS];
	int i, started = 0;

	p.fn = fn;
	p.ctx = ctx;
	p.n = n;
	atomic_init(&p.next, 0);
	jobs = pool_jobs(jobs);
	if ((size_t)jobs > n)
		jobs = (int)n;
	p.share = (size_t)(jobs < 1 ? 1 : jobs) * POOL_SHARE;
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
