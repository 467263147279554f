/*
 * fm_edit.c - byte-preserving edits of a frontmatter (fm_edit.h).
 */
#include "fm_edit.h"
#include "article.h"
#include "buf.h"
#include "yaml_tree.h"

#include <string.h>

long fm_offset(const char *text, size_t len, unsigned line, unsigned col)
{
	size_t i = 0;
	unsigned l = 1, c = 1;

	while (l < line) {
		const char *nl = memchr(text + i, '\n', len - i);

		if (!nl)
			return -1;
		i = (size_t)(nl - text) + 1;
		l++;
	}
	while (c < col) {
		if (i >= len || text[i] == '\n')
			return -1;
		i++;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	return (long)i;
}

static int blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

int fm_base_insertion(const struct article *a, const struct ynode *tf,
		      const struct ynode *key, size_t val_end,
		      const char *digest, size_t *at, struct buf *text)
{
	const char *t = a->text.buf;
	size_t lim = a->fm_start + a->fm_len, ls, i;
	long tf_at = fm_offset(t, lim, tf->line, tf->col);
	long key_at = fm_offset(t, lim, key->line, key->col);
	const char *nl;

	if (tf_at < 0 || key_at < 0 || val_end > lim)
		return -1;
	/* an anchor (&tf) or a tag (!!map) may stand before the mapping */
	while ((size_t)tf_at < lim && (t[tf_at] == '&' || t[tf_at] == '!')) {
		while ((size_t)tf_at < lim && !blank(t[tf_at]))
			tf_at++;
		while ((size_t)tf_at < lim && blank(t[tf_at]))
			tf_at++;
	}
	if ((size_t)tf_at < lim && t[tf_at] == '{') {
		buf_addf(text, ", base: \"%s\"", digest);
		*at = val_end;
		return 0;
	}
	nl = memchr(t + val_end, '\n', lim - val_end);
	if (!nl)
		return -1;
	for (ls = (size_t)key_at; ls > a->fm_start && t[ls - 1] != '\n'; ls--)
		;
	for (i = ls; i < (size_t)key_at; i++)
		buf_addc(text, t[i] == '\t' ? '\t' : ' ');
	buf_addf(text, "base: \"%s\"%s", digest,
		 nl > t && nl[-1] == '\r' ? "\r\n" : "\n");
	*at = (size_t)(nl - t) + 1;
	return 0;
}
