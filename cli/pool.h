/*
 * pool.h - run one function over n items on a fixed number of threads.
 *
 * Items are handed out in index order from a shared counter, in runs of
 * neighbouring items that shorten as the end nears; callers store each
 * item's result at its index and merge afterwards in index order, so
 * output never depends on the number of workers.  Once a signal is
 * caught (interrupt.h), no further item is begun: the ones begun are
 * finished, and pool_run() returns with the others not run (not always
 * the last ones: a worker's run stops where it is).
 */
#ifndef FOLIO_POOL_H
#define FOLIO_POOL_H

#include <stddef.h>

/* fn(ctx, i, worker): worker is 0..jobs-1, for per-worker scratch. */
typedef void (*pool_fn)(void *ctx, size_t i, int worker);

void pool_run(int jobs, size_t n, pool_fn fn, void *ctx);

/* The most threads a pool runs, whatever -j says. */
#define POOL_MAX_JOBS 64

/*
 * The number of workers a "-j N" (or the CPUs counted) gives: N within
 * 1..POOL_MAX_JOBS.  The one place -j is clamped; a command passes what
 * it returns to corpus_open() and to its pools.
 */
int pool_jobs(long n);

#endif
