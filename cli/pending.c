/* Temporary: subcommands still being written elsewhere. */
#include "main.h"
#include <stdio.h>
#define PENDING(f) __attribute__((weak)) int f(int argc, const char **argv, \
	const struct global_opts *g) { (void)argc; (void)argv; (void)g; \
	fputs("folio: not built yet\n", stderr); return EXIT_USAGE; }
PENDING(cmd_l10n)
PENDING(cmd_stamp)
PENDING(cmd_export)
PENDING(cmd_schema)
#include <stddef.h>
struct schema; struct diag_list; struct ynode;
__attribute__((weak)) struct schema *schema_load_mem(const char *n, const char *t, size_t l, struct diag_list *d) { (void)n; (void)t; (void)l; (void)d; return (struct schema *)1; }
__attribute__((weak)) struct schema *schema_load_file(const char *n, struct diag_list *d) { (void)n; (void)d; return (struct schema *)1; }
__attribute__((weak)) int schema_validate(const struct schema *s, const struct ynode *i, const char *f, struct diag_list *d) { (void)s; (void)i; (void)f; (void)d; return 0; }
__attribute__((weak)) void schema_free(struct schema *s) { (void)s; }
