/*
 * maxrss.c - run a command, then record its wall time and peak memory.
 *
 *   maxrss RESULT COMMAND [ARG...]
 *
 * Runs COMMAND (searched in PATH) with the same stdin, stdout and stderr,
 * waits for it with wait4() and writes one line to the file RESULT:
 *
 *   status=N seconds=S.SSSSSS maxrss_kb=K user=S.SSS sys=S.SSS
 *
 * status is the exit code, 128+signal when killed, 127 when it could not be
 * started.  seconds is wall time from just before fork() to wait4()'s
 * return (CLOCK_MONOTONIC).  maxrss_kb is ru_maxrss of the child, which
 * Linux takes as the largest of the child and of the descendants it waited
 * for: for a shell loop of many processes, the biggest one, not the sum.
 * Exits with COMMAND's status.  This saves the bench from needing GNU time.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE		/* wait4() */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	double start, secs;
	int status = 0, code;
	pid_t pid;
	FILE *out;

	if (argc < 3) {
		fputs("usage: maxrss RESULT COMMAND [ARG...]\n", stderr);
		return 2;
	}
	start = now();
	pid = fork();
	if (pid < 0) {
		perror("maxrss: fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "maxrss: cannot run %s: %s\n", argv[2],
			strerror(errno));
		_exit(127);
	}
	memset(&ru, 0, sizeof(ru));
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("maxrss: wait4");
			return 127;
		}
	secs = now() - start;
	if (WIFEXITED(status))
		code = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		code = 128 + WTERMSIG(status);
	else
		code = 127;
	out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		return 127;
	}
	fprintf(out, "status=%d seconds=%.6f maxrss_kb=%ld user=%.3f sys=%.3f\n",
		code, secs, ru.ru_maxrss, tv(ru.ru_utime), tv(ru.ru_stime));
	if (fclose(out) != 0)
		return 127;
	return code;
}
