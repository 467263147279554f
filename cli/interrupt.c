#include "interrupt.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>

/*
 * Read by every worker thread, written by the handler on whichever thread
 * the signal lands: a lock-free atomic, which both may touch (C11 7.14.1.1).
 */
static atomic_int caught;

static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))

/*
 * Every signal after the first is only noted too: timeout(1) sends its
 * signal to the process and again to its group, and a second one must
 * not end the run before it has cleaned up.  SIGQUIT (^\) and SIGKILL
 * are not caught: they end it at once.
 */
static void on_signal(int sig)
{
	int none = 0;

	atomic_compare_exchange_strong(&caught, &none, sig);
}

void interrupt_catch(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* reads and writes in progress go on: the pool stops between items */
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < NSIGNALS; i++) {
		struct sigaction old;

		/* a signal ignored when folio started (nohup) stays ignored */
		if (sigaction(signals[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(signals[i], &sa, NULL);
	}
}

int interrupt_caught(void)
{
	return atomic_load_explicit(&caught, memory_order_relaxed);
}

void interrupt_end(void)
{
	struct sigaction sa;
	int sig = interrupt_caught();
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGNALS; i++) {
		struct sigaction old;

		if (sigaction(signals[i], NULL, &old) == 0 &&
		    old.sa_handler == on_signal)
			sigaction(signals[i], &sa, NULL);
	}
	if (sig)
		raise(sig);
}
