/*
 * test.h - the smallest unit-test harness: each check prints "ok" or
 * "not ok" lines that tests/run.sh counts, and the program exits 1 when
 * any check failed.
 */
#ifndef FOLIO_TEST_H
#define FOLIO_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed_, test_passed_;

#define CHECK(cond, ...) do { \
	if (cond) { test_passed_++; } \
	else { test_failed_++; printf("not ok - %s:%d: ", __FILE__, __LINE__); \
	       printf(__VA_ARGS__); printf("\n"); } \
} while (0)

#define CHECK_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && strcmp(g_, w_) == 0) { test_passed_++; } \
	else { test_failed_++; printf("not ok - %s:%d: ", __FILE__, __LINE__); \
	       printf(__VA_ARGS__); printf("\n   got:  %s\n   want: %s\n", \
	       g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

/* Record an outcome decided elsewhere (conformance runners). */
#define TEST_PASS() (test_passed_++)
#define TEST_FAIL(...) do { test_failed_++; printf("not ok - "); \
	printf(__VA_ARGS__); printf("\n"); } while (0)

/* Print the counts in the form tests/run.sh reads, and the exit status. */
static inline int test_done(const char *name)
{
	printf("# %s: %d passed, %d failed\n", name, test_passed_, test_failed_);
	return test_failed_ ? 1 : 0;
}

#endif
