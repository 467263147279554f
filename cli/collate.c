/*
 * collate.c - index sort keys (collate.h).
 */
#include "collate.h"
#include "buf.h"
#include "render.h"
#include "util.h"

#include <string.h>
#include <utf8proc.h>

char *collate_key(const char *s)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n, i = 0;
	struct buf k = BUF_INIT;
	int gap = 0;

	if (!s)
		return xstrdup("");
	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_COMPOSE |
			 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
			 UTF8PROC_COMPAT);
	if (n < 0)
		return xstrdup(s);
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(folded + i, n - i, &cp);
		utf8proc_category_t cat;
		const char *as;

		if (len <= 0)
			break;
		cat = utf8proc_category(cp);
		as = cp >= 0x80 ? render_fold_latin((unsigned)cp) : NULL;
		if (as || (cat >= UTF8PROC_CATEGORY_LU &&
			   cat <= UTF8PROC_CATEGORY_LO) ||
		    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO)) {
			if (gap && k.len)
				buf_addc(&k, ' ');
			gap = 0;
			if (as)
				buf_adds(&k, as);
			else
				buf_add(&k, (const char *)folded + i, (size_t)len);
		} else if (!(cat >= UTF8PROC_CATEGORY_MN &&
			     cat <= UTF8PROC_CATEGORY_ME)) {
			gap = 1;
		}
		i += len;
	}
	free(folded);
	return buf_detach(&k, NULL);
}
