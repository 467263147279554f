/* Temporary: subcommands still being written elsewhere. */
#include "main.h"
#include <stdio.h>
#define PENDING(f) __attribute__((weak)) int f(int argc, const char **argv, \
	const struct global_opts *g) { (void)argc; (void)argv; (void)g; \
	fputs("folio: not built yet\n", stderr); return EXIT_USAGE; }
PENDING(cmd_export)
