/*
 * schema_suite.c - run the official JSON Schema test suite (draft 2020-12)
 * kept in json-schema/ of the conformance directory (conformance_dir() in
 * test.h: $CONFORMANCE_DIR, else $SHARED/conformance, else
 * ../shared/conformance, relative to the project root, where tests/run.sh
 * starts us); without it the suite is skipped with a reason.
 *
 * Each group's schema is compiled with schema_load_mem() and each test's
 * data checked twice: with schema_valid(), and with schema_validate(),
 * whose diagnostics must agree (none exactly when valid).  Tests that
 * cannot pass by design are skipped only through tests/schema-skip.txt,
 * one "FILE | GROUP | TEST | REASON" a line (TEST may be "*").
 */
#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "json_tree.h"
#include "schema.h"
#include "util.h"
#include "yaml_tree.h"

#include "test.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>

#define SKIP_FILE "tests/schema-skip.txt"

struct skip {
	char *file, *group, *test;
	int used;
};

struct skips {
	struct skip *v;
	size_t n, alloc;
};

static int skipped;

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static void load_skips(struct skips *sk)
{
	struct buf b = BUF_INIT;
	char *line, *save = NULL;
	int lineno = 0;

	if (buf_read_file(&b, SKIP_FILE, 1 << 20) != BUF_READ_OK) {
		TEST_FAIL("cannot read %s", SKIP_FILE);
		return;
	}
	for (line = strtok_r(b.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[4];
		int k;

		lineno++;
		line = trim(line);
		if (!*line || *line == '#')
			continue;
		for (k = 0; k < 4; k++) {
			char *bar = k < 3 ? strstr(line, " | ") : NULL;

			if (bar)
				*bar = '\0';
			f[k] = trim(line);
			if (!bar)
				break;
			line = bar + 3;
		}
		if (k < 3 || !*f[3]) {
			TEST_FAIL("%s: a skip needs FILE | GROUP | TEST | REASON: %s",
				  SKIP_FILE, f[0]);
			continue;
		}
		GROW(sk->v, sk->alloc, sk->n + 1);
		sk->v[sk->n].file = xstrdup(f[0]);
		sk->v[sk->n].group = xstrdup(f[1]);
		sk->v[sk->n].test = xstrdup(f[2]);
		sk->v[sk->n].used = 0;
		sk->n++;
	}
	buf_release(&b);
}

static int is_skipped(struct skips *sk, const char *file, const char *group,
		      const char *test)
{
	size_t i;

	for (i = 0; i < sk->n; i++) {
		struct skip *s = &sk->v[i];

		if (!strcmp(s->file, file) && !strcmp(s->group, group) &&
		    (!strcmp(s->test, "*") || !strcmp(s->test, test))) {
			s->used = 1;
			return 1;
		}
	}
	return 0;
}

/* JSON back from a parsed node: how a group's schema reaches the loader. */
static void to_json(struct buf *b, const struct ynode *n)
{
	size_t i;

	switch (n->type) {
	case Y_SEQ:
		buf_addc(b, '[');
		for (i = 0; i < n->n; i++) {
			if (i)
				buf_addc(b, ',');
			to_json(b, n->items[i]);
		}
		buf_addc(b, ']');
		break;
	case Y_MAP:
		buf_addc(b, '{');
		for (i = 0; i < n->n; i++) {
			if (i)
				buf_addc(b, ',');
			escape_json_str(b, n->pairs[i].key->str, n->pairs[i].key->len);
			buf_addc(b, ':');
			to_json(b, n->pairs[i].value);
		}
		buf_addc(b, '}');
		break;
	case Y_STRING:
		escape_json_str(b, n->str, n->len);
		break;
	case Y_NULL:
		buf_adds(b, "null");
		break;
	default:
		buf_add(b, n->str, n->len);
		break;
	}
}

static const char *str_of(const struct ynode *m, const char *key)
{
	const char *s = ynode_str(ymap_get(m, key));

	return s ? s : "?";
}

static void run_group(struct skips *sk, const char *path, const char *file,
		      const struct ynode *g)
{
	const char *gname = str_of(g, "description");
	const struct ynode *schema = ymap_get(g, "schema");
	const struct ynode *tests = ymap_get(g, "tests");
	struct diag_list load = DIAG_LIST_INIT;
	struct buf json = BUF_INIT;
	struct schema *s = NULL;
	size_t i, j;

	if (!schema || !tests || tests->type != Y_SEQ) {
		TEST_FAIL("%s: %s: malformed group", file, gname);
		return;
	}
	to_json(&json, schema);
	s = schema_load_mem(path, json.buf, json.len, &load);
	for (i = 0; i < tests->n; i++) {
		const struct ynode *t = tests->items[i];
		const char *tname = str_of(t, "description");
		const struct ynode *data = ymap_get(t, "data");
		const struct ynode *valid = ymap_get(t, "valid");
		int want = valid && valid->type == Y_BOOL && valid->v.b;
		struct diag_list d = DIAG_LIST_INIT;
		int got, ndiag;

		if (is_skipped(sk, file, gname, tname)) {
			skipped++;
			continue;
		}
		if (!s) {
			TEST_FAIL("%s: %s: %s: schema did not load", file, gname, tname);
			for (j = 0; j < load.n; j++)
				printf("    %u:%u: %s\n", load.v[j].line, load.v[j].col,
				       load.v[j].message);
			continue;
		}
		got = schema_valid(s, data);
		ndiag = schema_validate(s, data, "data", &d);
		if (got != want) {
			TEST_FAIL("%s: %s: %s: valid is %s, want %s", file, gname,
				  tname, got ? "true" : "false", want ? "true" : "false");
		} else if ((ndiag == 0) != want || (int)d.n != ndiag) {
			TEST_FAIL("%s: %s: %s: %d diagnostics for a %s instance",
				  file, gname, tname, ndiag, want ? "valid" : "invalid");
		} else {
			TEST_PASS();
		}
		diag_list_release(&d);
	}
	schema_free(s);
	diag_list_release(&load);
	buf_release(&json);
}

static void run_file(struct skips *sk, const char *path, const char *file)
{
	struct buf text = BUF_INIT;
	struct ydoc doc = YDOC_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	struct yaml_opts yo = { path, 0, 0 };
	size_t i;

	if (buf_read_file(&text, path, 1 << 24) != BUF_READ_OK) {
		TEST_FAIL("%s: cannot read", file);
		return;
	}
	/* the suite files are JSON, read by folio's JSON reader */
	if (json_parse(&doc, text.buf, text.len, &yo, &d) < 0 || !doc.root ||
	    doc.root->type != Y_SEQ) {
		TEST_FAIL("%s: cannot parse: %s", file, d.n ? d.v[0].message : "?");
		goto out;
	}
	for (i = 0; i < doc.root->n; i++)
		run_group(sk, path, file, doc.root->items[i]);
out:
	ydoc_release(&doc);
	diag_list_release(&d);
	buf_release(&text);
}

int main(void)
{
	const char *dir = conformance_dir();
	struct skips sk = { NULL, 0, 0 };
	struct buf pat = BUF_INIT;
	glob_t g;
	size_t i, k, root_len;
	const char *const subdirs[] = { "", "optional-format/" };

	if (!dir)
		return conformance_skip("schema_suite",
					"the JSON Schema test");
	load_skips(&sk);
	for (k = 0; k < ARRAY_SIZE(subdirs); k++) {
		buf_reset(&pat);
		buf_addf(&pat, "%s/json-schema/", dir);
		root_len = pat.len;
		buf_addf(&pat, "%s*.json", subdirs[k]);
		if (glob(pat.buf, 0, NULL, &g) != 0) {
			TEST_FAIL("no suite files at %s", pat.buf);
			continue;
		}
		for (i = 0; i < g.gl_pathc; i++)
			run_file(&sk, g.gl_pathv[i], g.gl_pathv[i] + root_len);
		globfree(&g);
	}
	for (i = 0; i < sk.n; i++) {
		if (!sk.v[i].used)
			TEST_FAIL("%s: skip matches no test: %s | %s | %s", SKIP_FILE,
				  sk.v[i].file, sk.v[i].group, sk.v[i].test);
		free(sk.v[i].file);
		free(sk.v[i].group);
		free(sk.v[i].test);
	}
	free(sk.v);
	buf_release(&pat);
	printf("# schema_suite: %d passed, %d failed, %d skipped\n",
	       test_passed_, test_failed_, skipped);
	return test_failed_ ? 1 : 0;
}
