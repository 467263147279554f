/*
 * replay.c - run a harness without libFuzzer: each argument is a file,
 * or a directory whose files (not recursively) are each one input.
 * Linked with the harness and the sanitizers only, so that `make check`
 * replays the seed corpora and the regression inputs on any compiler.
 * Prints "replay: N inputs" and exits 0; a sanitizer report or an
 * abort() in the harness ends the process with a non-zero status.
 */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static size_t ninputs;

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t n = 0, alloc = 0;

	if (!f) {
		perror(path);
		exit(2);
	}
	for (;;) {
		size_t k;

		if (alloc - n < 65536) {
			alloc = alloc ? 2 * alloc : 65536;
			data = realloc(data, alloc);
			if (!data)
				abort();
		}
		k = fread(data + n, 1, alloc - n, f);
		if (!k)
			break;
		n += k;
	}
	fclose(f);
	if (getenv("REPLAY_VERBOSE"))
		fprintf(stderr, "replay: %s\n", path);
	/* an exact-size copy, so that reading past the end is caught */
	{
		unsigned char *exact = malloc(n ? n : 1);

		if (!exact)
			abort();
		memcpy(exact, data, n);
		free(data);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	ninputs++;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;
		char **names = NULL;
		size_t n = 0, k;

		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			return 2;
		}
		if (!S_ISDIR(st.st_mode)) {
			run_file(argv[i]);
			continue;
		}
		d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			return 2;
		}
		while ((e = readdir(d))) {
			char *p;
			size_t len = strlen(argv[i]) + strlen(e->d_name) + 2;

			if (e->d_name[0] == '.')
				continue;
			p = malloc(len);
			names = realloc(names, (n + 1) * sizeof(*names));
			if (!p || !names)
				abort();
			snprintf(p, len, "%s/%s", argv[i], e->d_name);
			names[n++] = p;
		}
		closedir(d);
		if (n)
			qsort(names, n, sizeof(*names), cmp);
		for (k = 0; k < n; k++) {
			if (stat(names[k], &st) == 0 && S_ISREG(st.st_mode))
				run_file(names[k]);
			free(names[k]);
		}
		free(names);
	}
	printf("replay: %zu inputs\n", ninputs);
	return 0;
}
