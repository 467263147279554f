/*
 * style.c - load, compile and run the house style rules.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "style.h"
#include "buf.h"
#include "embed.h"
#include "schema.h"
#include "util.h"
#include "yaml_tree.h"

#include <errno.h>
#include <stdint.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

/* Backtracking steps one match may take (the default is ten million). */
#define STYLE_MATCH_LIMIT 1000000

void style_release(struct style_book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].id);
		free(b->v[i].message);
		free(b->v[i].suggest);
		pcre2_code_free(b->v[i].code);
	}
	free(b->v);
	free(b->path);
	memset(b, 0, sizeof(*b));
}

/* Code points in s[0..n): a pattern's error offset as a column. */
static unsigned cps(const char *s, size_t n)
{
	unsigned k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

static enum severity level_of(const struct ynode *n)
{
	if (n && n->str && !strcmp(n->str, "error"))
		return SEV_ERROR;
	if (n && n->str && !strcmp(n->str, "info"))
		return SEV_INFO;
	return SEV_WARNING;
}

static enum style_scope scope_of(const struct ynode *n)
{
	if (n && n->str && !strcmp(n->str, "title"))
		return SCOPE_TITLE;
	if (n && n->str && !strcmp(n->str, "summary"))
		return SCOPE_SUMMARY;
	return SCOPE_BODY;
}

/* Compile one rule's pattern; a failure is reported at its offset. */
static void *compile(const struct ynode *p, const char *path, int *jit,
		     struct diag_list *d)
{
	pcre2_code *re;
	int err;
	PCRE2_SIZE off;

	re = pcre2_compile((PCRE2_SPTR)p->str, p->len, PCRE2_UTF | PCRE2_UCP,
			   &err, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		unsigned line = p->line, col = p->col;

		pcre2_get_error_message(err, msg, sizeof(msg));
		/* on its one line, the column of the offending character */
		if (p->line == p->end_line)
			col += p->quoted + cps(p->str, off < p->len ? off : p->len);
		diag(d, R_STYLE_RULES, path, line, col, NULL,
		     "pattern does not compile: %s at offset %zu of '%s'",
		     (const char *)msg, (size_t)off, p->str);
		return NULL;
	}
	/* without JIT (not built in, no memory) the interpreter still works */
	*jit = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
	return re;
}

int style_load(struct style_book *b, const char *path, struct diag_list *diags)
{
	struct buf text = BUF_INIT;
	struct ydoc doc = YDOC_INIT;
	struct diag_list local = DIAG_LIST_INIT;
	struct yaml_opts yo = { NULL, 0, 0 };
	struct schema *s = NULL;
	const struct ynode *rules;
	const char *schema_text;
	size_t i, j, len;
	int ret = -1;

	memset(b, 0, sizeof(*b));
	yo.file = path;
	switch (buf_read_file(&text, path, YAML_MAX_FILE)) {
	case BUF_READ_OK:
		break;
	case BUF_READ_TOO_BIG:
		diag(&local, R_YAML_LIMITS, path, 0, 0, NULL, "file larger than 4 MiB, not read");
		goto out;
	case BUF_READ_NOT_FILE:
		diag(&local, R_IO, path, 0, 0, NULL, "not a regular file");
		goto out;
	default:
		if (errno == ENOENT) {
			ret = 1;
			goto out;
		}
		diag(&local, R_STYLE_RULES, path, 0, 0, NULL, "cannot read: %s",
		     errmsg(errno));
		goto out;
	}
	if (utf8_check(text.buf, text.len, 1, path, &local) < 0 ||
	    yaml_parse(&doc, text.buf, text.len, &yo, &local) < 0)
		goto out;
	schema_text = embed_find("schemas/style.schema.yaml", &len);
	s = schema_load_mem("schemas/style.schema.yaml", schema_text, len, &local);
	if (!s || schema_validate(s, doc.root, path, &local) > 0 ||
	    diag_count(&local).errors)
		goto out;
	rules = ymap_get(doc.root, "rules");
	b->v = xcalloc(rules->n ? rules->n : 1, sizeof(*b->v));
	for (i = 0; i < rules->n; i++) {
		const struct ynode *r = rules->items[i];
		const struct ynode *id = ymap_get(r, "id");
		const struct ynode *sg = ymap_get(r, "suggest");
		struct style_rule *x = &b->v[b->n];

		for (j = 0; j < i; j++)
			if (!strcmp(ymap_get(rules->items[j], "id")->str, id->str))
				diag(&local, R_STYLE_RULES, path, id->line, id->col,
				     NULL, "rule id '%s' is used twice", id->str);
		x->code = compile(ymap_get(r, "pattern"), path, &x->jit, &local);
		if (!x->code)
			continue;
		x->id = xstrdup(id->str);
		x->message = xstrdup(ymap_get(r, "message")->str);
		x->suggest = sg ? xstrdup(sg->str) : NULL;
		x->level = level_of(ymap_get(r, "level"));
		x->scope = scope_of(ymap_get(r, "scope"));
		b->nscope[x->scope]++;
		b->n++;
	}
	ret = diag_count(&local).errors ? -1 : 0;
out:
	if (ret < 0)
		style_release(b);
	else if (ret == 0)
		b->path = xstrdup(path);
	diag_list_append(diags, &local);
	diag_list_release(&local);
	if (s)
		schema_free(s);
	ydoc_release(&doc);
	buf_release(&text);
	return ret;
}

static int skipped(const char *id, char *const *skip, size_t nskip)
{
	size_t i;

	for (i = 0; i < nskip; i++)
		if (!strcmp(skip[i], id))
			return 1;
	return 0;
}

/* Is t[0..n) UTF-8?  Checked once per text, not by every match. */
static int utf8_valid(const char *t, size_t n)
{
	const unsigned char *s = (const unsigned char *)t;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k, need;
		unsigned cp;
		uint64_t w8;

		/* eight ASCII bytes at a time */
		if (i + 8 <= n) {
			memcpy(&w8, s + i, 8);
			if (!(w8 & 0x8080808080808080ULL)) {
				i += 8;
				continue;
			}
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, cp = c & 0x07;
		else
			return 0;
		if (n - i <= need)
			return 0;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		/* overlong, surrogates, past U+10FFFF */
		if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		i += need + 1;
	}
	return 1;
}

void style_check(const struct style_book *b, enum style_scope scope,
		 const char *text, size_t len, style_pos_fn pos,
		 const void *pos_ctx, const char *file, char *const *skip,
		 size_t nskip, struct diag_list *diags)
{
	pcre2_match_data *md = NULL;
	pcre2_match_context *mc = NULL;
	size_t i;

	if (!b->nscope[scope] || !len || !utf8_valid(text, len))
		return;
	/* a pattern that backtracks without end must not hang the run */
	mc = pcre2_match_context_create(NULL);
	if (mc) {
		pcre2_set_match_limit(mc, STYLE_MATCH_LIMIT);
		pcre2_set_depth_limit(mc, STYLE_MATCH_LIMIT / 10);
	}
	for (i = 0; i < b->n; i++) {
		const struct style_rule *r = &b->v[i];
		PCRE2_SIZE off = 0;

		if (r->scope != scope || skipped(r->id, skip, nskip))
			continue;
		if (!md)
			md = pcre2_match_data_create(8, NULL);
		while (off <= len) {
			PCRE2_SIZE *ov;
			struct pos p;
			int rc = r->jit ?
				pcre2_jit_match(r->code, (PCRE2_SPTR)text, len, off,
						0, md, mc) :
				pcre2_match(r->code, (PCRE2_SPTR)text, len, off,
					    PCRE2_NO_UTF_CHECK, md, mc);

			if (rc == PCRE2_ERROR_NOMATCH)
				break;
			if (rc < 0) {
				PCRE2_UCHAR msg[128];
				struct pos p0 = pos(pos_ctx, off);

				pcre2_get_error_message(rc, msg, sizeof(msg));
				diag(diags, R_STYLE_RULES, file, p0.line, p0.col, NULL,
				     "rule '%s' of %s gave up here: %s", r->id, b->path,
				     (const char *)msg);
				break;
			}
			ov = pcre2_get_ovector_pointer(md);
			p = pos(pos_ctx, ov[0]);
			if (r->suggest)
				diag_style(diags, r->level, r->id, r->suggest, file,
					   p.line, p.col, "%s: '%.*s', write '%s'",
					   r->message, (int)(ov[1] - ov[0]),
					   text + ov[0], r->suggest);
			else
				diag_style(diags, r->level, r->id, NULL, file,
					   p.line, p.col, "%s: '%.*s'", r->message,
					   (int)(ov[1] - ov[0]), text + ov[0]);
			if (ov[1] > ov[0]) {
				off = ov[1];
			} else {
				/* an empty match: on to the next character */
				off = ov[1] + 1;
				while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
					off++;
			}
		}
	}
	if (md)
		pcre2_match_data_free(md);
	pcre2_match_context_free(mc);
}
