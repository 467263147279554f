/*
 * test.h - the smallest unit-test harness: each check prints "ok" or
 * "not ok" lines that tests/run.sh counts, and the program exits 1 when
 * any check failed.
 */
#ifndef FOLIO_TEST_H
#define FOLIO_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/*
 * The directory holding the conformance suites (SPEC 11): $CONFORMANCE_DIR
 * when set (a copy of the suites; its absence is then a failure), else
 * $SHARED/conformance, else ../shared/conformance.  Returns NULL when the
 * default directory is absent (a fresh clone): the caller prints
 * conformance_skip() and stops.  The string is static or the environment's.
 */
static inline const char *conformance_dir(void)
{
	static char path[4096];
	const char *env = getenv("CONFORMANCE_DIR");
	const char *shared = getenv("SHARED");
	struct stat st;

	if (env && *env)
		return env;
	if (!shared || !*shared)
		shared = "../shared";
	snprintf(path, sizeof(path), "%s/conformance", shared);
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return path;
}

/* One skip line with the reason, and counts that say so. */
static inline int conformance_skip(const char *name, const char *suite)
{
	printf("skip - %s: %s suite not found (no ../shared/conformance; "
	       "set CONFORMANCE_DIR to a copy of it)\n", name, suite);
	printf("# %s: %d passed, %d failed, 1 skipped\n", name,
	       test_passed_, test_failed_);
	return test_failed_ ? 1 : 0;
}

#endif
