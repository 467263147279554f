/*
 * cmd_common.c - what several subcommands check the same way, so that
 * each check has one wording (declared in main.h).
 */
#include "buf.h"
#include "corpus.h"
#include "escape.h"
#include "main.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned char *cmd_lang_select(const struct config *cfg, const char **v, int n)
{
	unsigned char *on = xcalloc(cfg->nlang ? cfg->nlang : 1, 1);
	size_t k;
	int i;

	for (i = 0; i < n; i++) {
		int li = config_lang(cfg, v[i]);
		struct buf shown = BUF_INIT;

		if (li >= 0) {
			on[li] = 1;
			continue;
		}
		/* the value is the user's: shown on one line, no escapes */
		escape_text_line(&shown, v[i], strlen(v[i]));
		fprintf(stderr, "folio: --lang: '%s' is not one of the languages "
			"of folio.yaml:", shown.buf);
		buf_release(&shown);
		for (k = 0; k < cfg->nlang; k++)
			fprintf(stderr, " %s", cfg->languages[k]);
		fputc('\n', stderr);
		free(on);
		return NULL;
	}
	if (!n)
		memset(on, 1, cfg->nlang);
	return on;
}

int cmd_report_format(const char *name, int allowed, enum report_format *out)
{
	static const char *const names[] = { "text", "json", "github", "html" };
	size_t i, n = 0, shown = 0;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if ((allowed & (1 << i)) && !strcmp(name, names[i])) {
			*out = (enum report_format)i;
			return 0;
		}
	for (i = 0; i < ARRAY_SIZE(names); i++)
		n += (allowed >> i) & 1;
	/* "text, json, github or html", "text, json or html" */
	fprintf(stderr, "folio: --format must be");
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!(allowed & (1 << i)))
			continue;
		shown++;
		fprintf(stderr, "%s%s", shown == 1 ? " " : shown == n ? " or " : ", ",
			names[i]);
	}
	fprintf(stderr, ", got '%s'\n", name);
	return -1;
}
