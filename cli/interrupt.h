/*
 * interrupt.h - stop a long run cleanly on SIGINT, SIGTERM or SIGHUP.
 *
 * Between interrupt_catch() and interrupt_end(), those signals only set a
 * flag: the worker pool hands out no more items once it is set (pool.c),
 * and the caller removes what it left half done before interrupt_end()
 * restores the default actions and, when a signal came, ends the process
 * by that signal, so that a shell or a CI job sees the usual status (130
 * for ^C).  A second signal changes nothing (timeout(1) sends two);
 * SIGQUIT (^\) and SIGKILL, not caught, end the process at once.  The
 * flag is the process's one piece of global mutable state: a signal
 * handler can reach nothing else.
 */
#ifndef FOLIO_INTERRUPT_H
#define FOLIO_INTERRUPT_H

void interrupt_catch(void);
/* The signal that came since interrupt_catch(), or 0. */
int interrupt_caught(void);
void interrupt_end(void);

#endif
