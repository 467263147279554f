/*
 * yaml_tree.c - build a positioned tree from libyaml's event stream.
 *
 * The builder keeps an explicit stack of open collections, so hostile
 * nesting costs a bounded amount of memory and no recursion; aliases
 * share the anchored node and are charged its size against the budget,
 * which is what stops "billion laughs" documents.
 */
#include "yaml_tree.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct anchor {
	const char *name;
	struct ynode *node;
	size_t weight;		/* nodes in the anchored subtree */
};

struct frame {
	struct ynode *node;
	size_t weight;		/* nodes below, aliases expanded */
	struct ynode *key;	/* a mapping's pending key */
	const char *anchor;
	size_t first;		/* its children: builder.kids[first..] */
};

struct builder {
	struct ydoc *doc;
	const struct yaml_opts *opts;
	struct diag_list *diags;
	struct frame *stack;
	size_t depth, alloc;
	struct anchor *anchors;
	size_t nanchors, anchors_alloc;
	/*
	 * The children of every open collection, innermost last, copied to
	 * the arena when it closes: one array for the whole document.
	 */
	struct ynode **kids;
	size_t nkids, kids_alloc;
	size_t total;		/* nodes so far, aliases expanded */
	int failed;
};

static unsigned line_of(const struct builder *b, yaml_mark_t m)
{
	return (unsigned)m.line + 1 + b->opts->line_base;
}

static int scan_int(const char *s, size_t n, long long *out)
{
	int base = 10, neg = 0;
	size_t i = 0;
	unsigned long long v = 0;

	if (n >= 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
		base = s[1] == 'o' ? 8 : 16;
		i = 2;
	} else if (n && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == n)
		return 0;
	for (; i < n; i++) {
		int d;
		char c = s[i];

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return 0;
		if (d >= base)
			return 0;
		if (v > (unsigned long long)(LLONG_MAX - d) / base)
			return -1;	/* too big: a float */
		v = v * base + (unsigned long long)d;
	}
	*out = neg ? -(long long)v : (long long)v;
	return 1;
}

static int is_float(const char *s, size_t n, double *out)
{
	size_t i = 0, digits = 0;

	if (n && (s[0] == '-' || s[0] == '+'))
		i = 1;
	if (memeq(s + i, n - i, ".inf") || memeq(s + i, n - i, ".Inf") ||
	    memeq(s + i, n - i, ".INF")) {
		*out = s[0] == '-' ? -INFINITY : INFINITY;
		return 1;
	}
	if (memeq(s, n, ".nan") || memeq(s, n, ".NaN") || memeq(s, n, ".NAN")) {
		*out = NAN;
		return 1;
	}
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	if (!digits)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;

		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, e++;
		if (!e)
			return 0;
	}
	if (i != n)
		return 0;
	*out = strtod(s, NULL);
	return 1;
}

/* YAML 1.2 core schema resolution of a plain scalar. */
static void resolve(struct ynode *n)
{
	const char *s = n->str;
	size_t len = n->len;
	long long i;
	int r;

	/* most values are words: only these can start anything but a string
	 * (a NUL too, as the strchr() this replaces found one) */
	if (len) {
		switch (s[0]) {
		case '~': case 'n': case 'N': case 't': case 'T': case 'f':
		case 'F': case '-': case '+': case '.': case '\0':
			break;
		default:
			if (s[0] < '0' || s[0] > '9')
				return;
		}
	}
	if (!len || memeq(s, len, "~") || memeq(s, len, "null") ||
	    memeq(s, len, "Null") || memeq(s, len, "NULL")) {
		n->type = Y_NULL;
	} else if (memeq(s, len, "true") || memeq(s, len, "True") ||
		   memeq(s, len, "TRUE")) {
		n->type = Y_BOOL;
		n->v.b = 1;
	} else if (memeq(s, len, "false") || memeq(s, len, "False") ||
		   memeq(s, len, "FALSE")) {
		n->type = Y_BOOL;
		n->v.b = 0;
	} else if ((r = scan_int(s, len, &i)) == 1) {
		n->type = Y_INT;
		n->v.i = i;
		n->num = (double)i;
	} else if (r == -1 || is_float(s, len, &n->num)) {
		n->type = Y_FLOAT;
		if (r == -1)
			n->num = strtod(s, NULL);
		n->v.f = n->num;
	}
}

static struct ynode *new_node(struct builder *b, enum ytype t, yaml_mark_t start,
			      yaml_mark_t end)
{
	struct ynode *n = arena_alloc(&b->doc->arena, sizeof(*n));

	n->type = t;
	n->line = line_of(b, start);
	n->col = (unsigned)start.column + 1;
	n->end_line = line_of(b, end);
	n->end_col = (unsigned)end.column + 1;
	n->start = (unsigned)start.index;
	n->end = (unsigned)end.index;
	return n;
}

static int limits(struct builder *b, yaml_mark_t m, const char *what)
{
	diag(b->diags, R_YAML_LIMITS, b->opts->file, line_of(b, m),
	     (unsigned)m.column + 1, NULL, "%s", what);
	b->failed = 1;
	return -1;
}

static void remember_anchor(struct builder *b, const char *name,
			    struct ynode *n, size_t weight)
{
	if (!name)
		return;
	GROW(b->anchors, b->anchors_alloc, b->nanchors + 1);
	b->anchors[b->nanchors].name = name;
	b->anchors[b->nanchors].node = n;
	b->anchors[b->nanchors].weight = weight;
	b->nanchors++;
}

/* Hang a finished node on the collection that is open, or make it root. */
static int attach(struct builder *b, struct ynode *n, size_t weight,
		  yaml_mark_t m)
{
	struct frame *f;

	b->total += weight;
	if (b->total > YAML_MAX_NODES)
		return limits(b, m, "document too large: more than 10000 nodes "
			      "once aliases are expanded");
	if (!b->depth) {
		b->doc->root = n;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	f->weight += weight;
	if (f->node->type == Y_MAP && !f->key) {
		if (n->type == Y_SEQ || n->type == Y_MAP) {
			diag(b->diags, R_YAML_SYNTAX, b->opts->file, n->line,
			     n->col, NULL, "a key must be a scalar, got a %s",
			     n->type == Y_SEQ ? "sequence" : "mapping");
			b->failed = 1;
			return -1;
		}
		f->key = n;
		return 0;
	}
	GROW(b->kids, b->kids_alloc, b->nkids + 2);
	if (f->node->type == Y_MAP) {
		b->kids[b->nkids++] = f->key;
		f->key = NULL;
	}
	b->kids[b->nkids++] = n;
	return 0;
}

static int open_collection(struct builder *b, enum ytype t, yaml_event_t *ev)
{
	struct frame *f;
	const yaml_char_t *anchor = t == Y_MAP ?
		ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;

	if (b->depth >= YAML_MAX_DEPTH)
		return limits(b, ev->start_mark, "nesting deeper than 64 levels");
	GROW(b->stack, b->alloc, b->depth + 1);
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof(*f));
	f->first = b->nkids;
	f->node = new_node(b, t, ev->start_mark, ev->end_mark);
	if (anchor)
		f->anchor = arena_strndup(&b->doc->arena, (const char *)anchor,
					  strlen((const char *)anchor));
	return 0;
}

static int key_equal(const struct ynode *a, const struct ynode *b)
{
	return a->len == b->len && (!a->len || (a->str[0] == b->str[0] &&
						memcmp(a->str, b->str, a->len) == 0));
}

static int close_collection(struct builder *b, yaml_event_t *ev)
{
	struct frame *f = &b->stack[b->depth - 1];
	struct ynode *n = f->node;
	size_t i, j, weight = f->weight + 1, nkids = b->nkids - f->first;
	/* b->kids is NULL until a first child */
	struct ynode **kids = nkids ? b->kids + f->first : NULL;
	int ret = 0;

	n->end_line = line_of(b, ev->end_mark);
	n->end_col = (unsigned)ev->end_mark.column + 1;
	n->end = ev->end_mark.index;
	if (n->type == Y_SEQ) {
		n->n = nkids;
		n->items = arena_alloc(&b->doc->arena, nkids * sizeof(*n->items));
		if (nkids)
			memcpy(n->items, kids, nkids * sizeof(*n->items));
	} else {
		n->n = nkids / 2;
		n->pairs = arena_alloc(&b->doc->arena, n->n * sizeof(*n->pairs));
		for (i = 0; i < n->n; i++) {
			n->pairs[i].key = kids[2 * i];
			n->pairs[i].value = kids[2 * i + 1];
			for (j = 0; j < i; j++) {
				const struct ynode *k = n->pairs[i].key;

				if (!key_equal(n->pairs[j].key, k))
					continue;
				diag(b->diags, R_YAML_DUPLICATE_KEY,
				     b->opts->file, k->line, k->col, NULL,
				     "duplicate key '%s' (first at line %u)",
				     k->str, n->pairs[j].key->line);
				b->failed = 1;
				ret = -1;
				break;
			}
		}
	}
	b->nkids = f->first;
	remember_anchor(b, f->anchor, n, weight);
	b->depth--;
	/* the children were charged already; the node itself counts one */
	b->total -= f->weight;
	if (attach(b, n, weight, ev->end_mark) < 0)
		ret = -1;
	return ret;
}

static int scalar(struct builder *b, yaml_event_t *ev)
{
	struct ynode *n = new_node(b, Y_STRING, ev->start_mark, ev->end_mark);
	const char *tag = (const char *)ev->data.scalar.tag;

	n->len = ev->data.scalar.length;
	n->str = arena_strndup(&b->doc->arena, (const char *)ev->data.scalar.value,
			       n->len);
	n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE &&
		    ev->data.scalar.style != YAML_ANY_SCALAR_STYLE;
	if (!n->quoted && !(tag && strcmp(tag, "tag:yaml.org,2002:str") == 0 &&
			    !ev->data.scalar.plain_implicit))
		resolve(n);
	if (ev->data.scalar.anchor)
		remember_anchor(b, arena_strndup(&b->doc->arena,
			(const char *)ev->data.scalar.anchor,
			strlen((const char *)ev->data.scalar.anchor)), n, 1);
	return attach(b, n, 1, ev->start_mark);
}

static int alias(struct builder *b, yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	size_t i = b->nanchors;

	while (i-- > 0) {
		if (strcmp(b->anchors[i].name, name) == 0)
			return attach(b, b->anchors[i].node,
				      b->anchors[i].weight, ev->start_mark);
	}
	diag(b->diags, R_YAML_SYNTAX, b->opts->file, line_of(b, ev->start_mark),
	     (unsigned)ev->start_mark.column + 1, NULL,
	     "unknown alias '*%s'", name);
	b->failed = 1;
	return -1;
}

static void syntax_error(struct builder *b, yaml_parser_t *p)
{
	yaml_mark_t m = p->problem ? p->problem_mark : p->mark;
	const char *problem = p->problem ? p->problem : "malformed document";

	if (p->error == YAML_MEMORY_ERROR)
		xmalloc((size_t)-1);
	/*
	 * A quote left open runs to the end of the frontmatter, where
	 * libyaml notices: the place to fix is where it opened.
	 */
	if (p->context && strstr(p->context, "quoted scalar") && p->problem &&
	    (strstr(p->problem, "end of stream") ||
	     strstr(p->problem, "document indicator"))) {
		m = p->context_mark;
		diag(b->diags, R_YAML_SYNTAX, b->opts->file, line_of(b, m),
		     (unsigned)m.column + 1, NULL, "malformed yaml: the quoted "
		     "value that starts here has no closing quote (%s %s)",
		     problem, p->context);
		b->failed = 1;
		return;
	}
	/* "title: Immunoth\xC3\xA9rapie : comment ?": the value's own ": " */
	if (p->problem && strstr(p->problem, "mapping values are not allowed")) {
		diag(b->diags, R_YAML_SYNTAX, b->opts->file, line_of(b, m),
		     (unsigned)m.column + 1, NULL, "malformed yaml: %s (a value "
		     "that holds ': ' must be quoted: key: \"a value : like "
		     "this\")", problem);
		b->failed = 1;
		return;
	}
	if (p->context)
		diag(b->diags, R_YAML_SYNTAX, b->opts->file, line_of(b, m),
		     (unsigned)m.column + 1, NULL, "malformed yaml: %s %s",
		     problem, p->context);
	else
		diag(b->diags, R_YAML_SYNTAX, b->opts->file, line_of(b, m),
		     (unsigned)m.column + 1, NULL, "malformed yaml: %s", problem);
	b->failed = 1;
}

int yaml_parse(struct ydoc *doc, const char *text, size_t len,
	       const struct yaml_opts *opts, struct diag_list *diags)
{
	yaml_parser_t parser;
	struct builder b;
	int docs = 0, done = 0;

	memset(&b, 0, sizeof(b));
	b.doc = doc;
	b.opts = opts;
	b.diags = diags;
	doc->root = NULL;
	/* room for a frontmatter's open children at once, not in doublings */
	GROW(b.kids, b.kids_alloc, 64);
	if (!yaml_parser_initialize(&parser))
		xmalloc((size_t)-1);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);

	while (!done && !b.failed) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&b, &parser);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				diag(diags, R_YAML_SYNTAX, opts->file,
				     line_of(&b, ev.start_mark),
				     (unsigned)ev.start_mark.column + 1, NULL,
				     "more than one yaml document");
				b.failed = 1;
			}
			break;
		case YAML_MAPPING_START_EVENT:
			open_collection(&b, Y_MAP, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			open_collection(&b, Y_SEQ, &ev);
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			close_collection(&b, &ev);
			break;
		case YAML_SCALAR_EVENT:
			scalar(&b, &ev);
			break;
		case YAML_ALIAS_EVENT:
			alias(&b, &ev);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(b.kids);
	free(b.stack);
	free(b.anchors);
	if (b.failed) {
		doc->root = NULL;
		return -1;
	}
	return 0;
}

void ydoc_release(struct ydoc *doc)
{
	arena_release(&doc->arena);
	doc->root = NULL;
}

const struct ypair *ymap_pair(const struct ynode *m, const char *key)
{
	size_t i, n;

	if (!m || m->type != Y_MAP)
		return NULL;
	n = strlen(key);
	for (i = 0; i < m->n; i++) {
		const struct ynode *k = m->pairs[i].key;

		/* most keys of a length differ in their first byte */
		if (k->len == n && (!n || (k->str[0] == key[0] &&
					   memcmp(k->str, key, n) == 0)))
			return &m->pairs[i];
	}
	return NULL;
}

struct ynode *ymap_get_next(const struct ynode *m, const char *key,
			    size_t *from)
{
	size_t i, k, n;

	if (!m || m->type != Y_MAP)
		return NULL;
	n = strlen(key);
	for (k = 0, i = *from; k < m->n; k++, i++) {
		const struct ynode *kn;

		if (i >= m->n)
			i = 0;
		kn = m->pairs[i].key;
		if (kn->len == n && memcmp(kn->str, key, n) == 0) {
			*from = i + 1;
			return m->pairs[i].value;
		}
	}
	return NULL;
}

struct ynode *ymap_get(const struct ynode *m, const char *key)
{
	const struct ypair *p = ymap_pair(m, key);

	return p ? p->value : NULL;
}

const char *ynode_scalar(const struct ynode *n)
{
	if (!n || n->type == Y_SEQ || n->type == Y_MAP)
		return NULL;
	return n->str ? n->str : "";
}

const char *ynode_str(const struct ynode *n)
{
	return n && n->type == Y_STRING ? n->str : NULL;
}

const char *ytype_name(enum ytype t)
{
	switch (t) {
	case Y_NULL: return "null";
	case Y_BOOL: return "boolean";
	case Y_INT: return "integer";
	case Y_FLOAT: return "number";
	case Y_STRING: return "string";
	case Y_SEQ: return "array";
	case Y_MAP: return "object";
	}
	return "?";
}

struct ynode *ynode_new(struct arena *a, enum ytype t)
{
	struct ynode *n = arena_alloc_raw(a, sizeof(*n));

	/* every member set, without a call to memset */
	*n = (struct ynode){ .type = t, .str = "" };
	return n;
}

struct ynode *ynode_string(struct arena *a, const char *s, size_t n)
{
	struct ynode *y = ynode_new(a, Y_STRING);

	y->str = arena_strndup(a, s, n);
	y->len = n;
	y->quoted = 1;
	return y;
}

struct ynode *ynode_string_ref(struct arena *a, const char *s, size_t n)
{
	struct ynode *y = ynode_new(a, Y_STRING);

	y->str = s;
	y->len = n;
	y->quoted = 1;
	return y;
}

struct ynode *ynode_bool(struct arena *a, int b)
{
	struct ynode *y = ynode_new(a, Y_BOOL);

	y->v.b = !!b;
	y->str = b ? "true" : "false";
	y->len = b ? 4 : 5;
	return y;
}

struct ynode *ynode_int(struct arena *a, long long i)
{
	struct ynode *y = ynode_new(a, Y_INT);
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = i < 0 ? 0 - (unsigned long long)i : (unsigned long long)i;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (i < 0)
		*--p = '-';
	y->v.i = i;
	y->num = (double)i;
	y->len = (size_t)(tmp + sizeof(tmp) - p);
	y->str = arena_strndup(a, p, y->len);
	return y;
}

/* Arrays of built nodes double in the arena; the old copy is abandoned. */
static int needs_room(size_t n)
{
	return n == 0 || (n >= 4 && (n & (n - 1)) == 0);
}

void yseq_add(struct arena *a, struct ynode *seq, struct ynode *item)
{
	if (needs_room(seq->n)) {
		size_t cap = seq->n ? seq->n * 2 : 4;
		struct ynode **v = arena_alloc(a, cap * sizeof(*v));

		if (seq->n)
			memcpy(v, seq->items, seq->n * sizeof(*v));
		seq->items = v;
	}
	seq->items[seq->n++] = item;
}

void ymap_add_node(struct arena *a, struct ynode *map, struct ynode *key,
		   struct ynode *value)
{
	if (needs_room(map->n)) {
		size_t cap = map->n ? map->n * 2 : 4;
		struct ypair *v = arena_alloc(a, cap * sizeof(*v));

		if (map->n)
			memcpy(v, map->pairs, map->n * sizeof(*v));
		map->pairs = v;
	}
	map->pairs[map->n].key = key;
	map->pairs[map->n].value = value;
	map->n++;
}

void ymap_add(struct arena *a, struct ynode *map, const char *key,
	      struct ynode *value)
{
	ymap_add_node(a, map, ynode_string_ref(a, key, strlen(key)), value);
}

static int is_number(const struct ynode *n)
{
	return n->type == Y_INT || n->type == Y_FLOAT;
}

int ynode_equal(const struct ynode *a, const struct ynode *b)
{
	size_t i;

	if (!a || !b)
		return a == b;
	if (is_number(a) && is_number(b)) {
		if (a->type == Y_INT && b->type == Y_INT)
			return a->v.i == b->v.i;
		return a->num == b->num;
	}
	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case Y_NULL:
		return 1;
	case Y_BOOL:
		return a->v.b == b->v.b;
	case Y_STRING:
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	case Y_SEQ:
		if (a->n != b->n)
			return 0;
		for (i = 0; i < a->n; i++)
			if (!ynode_equal(a->items[i], b->items[i]))
				return 0;
		return 1;
	case Y_MAP:
		if (a->n != b->n)
			return 0;
		for (i = 0; i < a->n; i++) {
			const struct ynode *k = a->pairs[i].key, *v = NULL;
			size_t j;

			/* by length too: keys may hold NUL bytes */
			for (j = 0; j < b->n && !v; j++)
				if (key_equal(b->pairs[j].key, k))
					v = b->pairs[j].value;
			if (!v || !ynode_equal(a->pairs[i].value, v))
				return 0;
		}
		return 1;
	default:
		return 0;
	}
}

struct ynode *ynode_copy(struct arena *a, const struct ynode *n)
{
	struct ynode *c;
	size_t i;

	if (!n)
		return NULL;
	c = arena_alloc(a, sizeof(*c));
	*c = *n;
	if (n->str)
		c->str = arena_strndup(a, n->str, n->len);
	if (n->type == Y_SEQ && n->n) {
		c->items = arena_alloc(a, n->n * sizeof(*c->items));
		for (i = 0; i < n->n; i++)
			c->items[i] = ynode_copy(a, n->items[i]);
	} else if (n->type == Y_MAP && n->n) {
		c->pairs = arena_alloc(a, n->n * sizeof(*c->pairs));
		for (i = 0; i < n->n; i++) {
			c->pairs[i].key = ynode_copy(a, n->pairs[i].key);
			c->pairs[i].value = ynode_copy(a, n->pairs[i].value);
		}
	}
	return c;
}
