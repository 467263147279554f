/*
 * slugs.c - which slugs can name a page, and which ones clash (slugs.h).
 */
#include "slugs.h"
#include "buf.h"
#include "corpus.h"
#include "diag.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/*
 * Why a slug (or a language code) cannot name a file in the output
 * directory: a message into why, and -1; 0 when it can.  Only letters (any
 * script), digits, '-', '_' and '.' pass: no '/', '\\' or "..", no
 * leading '.', nothing a URL would read as a scheme, query or fragment,
 * and not the name of the language's index.
 */
int slug_check(const char *s, const char *index_file, struct buf *why)
{
	size_t i, n = strlen(s), base;

	if (!n) {
		buf_adds(why, "is empty");
		return -1;
	}
	if (n > SLUG_MAX) {
		buf_addf(why, "is longer than %d bytes", SLUG_MAX);
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '/' || c == '\\' || (c == '.' && s[i + 1] == '.')) {
			buf_addf(why, "could escape the output directory: it "
				 "contains '%s'", c == '.' ? ".." : c == '/' ? "/" : "\\");
			return -1;
		}
	}
	if (s[0] == '.') {
		buf_adds(why, "would name a hidden file: it starts with '.'");
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
			continue;
		if (c < 0x20 || c == 0x7F)
			buf_adds(why, "cannot name a page: it contains a control "
				 "character");
		else
			buf_addf(why, "cannot name a page: it contains '%c' (use "
				 "letters, digits, '-', '_' and '.')", c);
		return -1;
	}
	/* index.html is the language's index, on any file system */
	base = index_file ? strcspn(index_file, ".") : 0;
	for (i = 0; base && n == base && i < n; i++) {
		int a = (unsigned char)s[i], b = (unsigned char)index_file[i];

		if ((a >= 'A' && a <= 'Z' ? a + 32 : a) != b)
			break;
	}
	if (base && n == base && i == n) {
		buf_addf(why, "is reserved: it would replace the language's %s",
			 index_file);
		return -1;
	}
	return 0;
}

struct pos slug_pos(const struct article_meta *m)
{
	struct article a;
	struct diag_list scratch = DIAG_LIST_INIT;
	struct pos p = { 0, 0 };
	const struct ynode *n;

	article_init(&a, m->path);
	if (article_load(&a, m->path, &scratch) == 0 &&
	    (n = ymap_get(a.fm.root, "slug")) != NULL) {
		p.line = n->line;
		p.col = n->col;
	}
	article_release(&a);
	diag_list_release(&scratch);
	return p;
}

struct vslug {
	const struct article_meta *m;
	const char *slug;
	size_t idx;
};

/* By language, then slug without regard to ASCII case, then file order. */
static int cmp_vslug(const void *va, const void *vb)
{
	const struct vslug *a = va, *b = vb;
	int r = strcmp(a->m->lang, b->m->lang);

	if (!r)
		r = ascii_casecmp(a->slug, b->slug);
	if (r)
		return r;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void report(const struct corpus *c, struct diag_list *d,
		   const struct article_meta *m, const char *slug,
		   const char *why)
{
	struct pos p = m->slug ? slug_pos(m) : m->id_pos;

	if (RULE_SILENCED(c->cfg.ignore[R_SLUG]) || !c->selected[m - c->articles])
		return;
	diag(d, R_SLUG, m->path, p.line, p.col, m->slug ? "/slug" : "/id",
	     "slug '%s' %s", slug, why);
}

void slugs_validate(const struct corpus *c, struct diag_list *d)
{
	static const char *const index_files[] = { "index.html", "nav.xhtml" };
	struct vslug *v = xcalloc(c->n + 1, sizeof(*v));
	struct buf why = BUF_INIT;
	size_t i, j, t, n = 0, k;

	for (i = 0; i < c->n; i++) {
		const struct article_meta *m = &c->articles[i];
		const char *slug;
		int bad = 0;

		if (!m->usable || !m->id || !m->lang)
			continue;
		slug = m->slug ? m->slug : m->id;
		/* a file with errors has had them reported (a slug against
		 * the schema's pattern among them): its clashes still count */
		for (k = 0; k < sizeof(index_files) / sizeof(*index_files) &&
			    !bad && !m->errors; k++) {
			buf_reset(&why);
			if (slug_check(slug, index_files[k], &why) < 0) {
				report(c, d, m, slug, why.buf);
				bad = 1;
			}
		}
		if (bad)
			continue;
		v[n].m = m;
		v[n].slug = slug;
		v[n++].idx = i;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_vslug);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(v[i].m->lang, v[j].m->lang) &&
			    !ascii_casecmp(v[i].slug, v[j].slug); j++)
			;
		for (t = i; j - i > 1 && t < j; t++) {
			const struct article_meta *o = v[t == i ? i + 1 : i].m;

			/* two files of one id and lang: duplicate-id says so */
			if (!strcmp(o->id, v[t].m->id))
				continue;
			buf_reset(&why);
			buf_addf(&why, "is also the slug of '%s' in '%s': both "
				 "would write one file", o->path, o->lang);
			report(c, d, v[t].m, v[t].slug, why.buf);
		}
	}
	buf_release(&why);
	free(v);
}
