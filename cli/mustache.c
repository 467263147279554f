/*
 * mustache.c - compile Mustache text to an instruction list, render it.
 *
 * Compilation resolves everything that depends only on the template: tag
 * types, dotted names split into parts, standalone lines removed, section
 * bodies as index ranges, delimiter changes applied.  Rendering is then a
 * walk over the instructions with the context stack kept in C stack frames,
 * so no tag allocates.
 *
 * Partial indentation follows the spec's "prepend to each line of the
 * partial before rendering": instead of rewriting the partial's source, the
 * compiler marks every instruction that begins a source line (`bol`), and
 * text instructions indent after their inner newlines.  A standalone partial
 * tag renders its template with the indentation chain extended by the tag's
 * own leading whitespace; interpolated values are never indented.
 */
#include "mustache.h"

#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "util.h"
#include "yaml_tree.h"

enum mu_op {
	OP_TEXT,		/* literal text */
	OP_ESCAPED,		/* {{name}} */
	OP_RAW,			/* {{{name}}} and {{&name}} */
	OP_SECTION,		/* {{#name}} ... {{/name}} */
	OP_INVERTED,		/* {{^name}} ... {{/name}} */
	OP_PARTIAL,		/* {{>name}} */
};

struct mu_ins {
	unsigned char op;
	/* Begins a line of the source: partial indentation goes first. */
	unsigned char bol;
	/* OP_PARTIAL: the tag stood alone on its line, so it indents. */
	unsigned char standalone;
	/* Name parts; 0 for the implicit iterator ".". */
	unsigned nparts;
	/*
	 * OP_TEXT, OP_PARTIAL: off/len of the text or name in the pool.
	 * Named ops: off is the index of the first part in parts.
	 */
	size_t off, len;
	size_t ind_off, ind_len;	/* OP_PARTIAL: its indentation */
	size_t end;			/* sections: index past the body */
	unsigned line, col;		/* named ops, OP_PARTIAL: the tag's */
};

struct mu_span {
	size_t off, len;		/* in the pool */
};

struct mustache {
	struct mu_ins *ins;
	size_t nins, ains;
	struct mu_span *parts;
	size_t nparts, aparts;
	/* Literal text and NUL-terminated names, referred to by offset. */
	char *pool;
	size_t pool_len;
	/*
	 * Per instruction, what renders saw of its name: MU_RAN once it was
	 * looked up, MU_FOUND once it resolved.  Only ever set, by any
	 * thread, so that mustache_unresolved() can tell a name no data
	 * ever had (a misspelt variable) from one that is sometimes null.
	 */
	_Atomic unsigned char *seen;
};

enum { MU_RAN = 1, MU_FOUND = 2 };

/* ---- compiling ---------------------------------------------------------- */

struct open_section {
	size_t ins;			/* index of its OP_SECTION/OP_INVERTED */
	size_t pos;			/* of the opening tag, for diagnostics */
	const char *name;		/* in the source text */
	size_t name_len;
};

struct compiler {
	const char *file;
	const char *text;
	size_t len;
	struct diag_list *diags;
	struct mustache *t;
	struct buf pool;
	const char *otag, *ctag;	/* current delimiters */
	size_t olen, clen;
	struct open_section open[MUSTACHE_MAX_NESTING];
	size_t nopen;
	/* where line_col() last stopped: tags come in order */
	size_t lc_pos;
	unsigned lc_line, lc_col;
};

/* The line and column of byte pos, counting characters like libyaml. */
static void line_col(struct compiler *c, size_t pos, unsigned *line,
		     unsigned *col)
{
	size_t i;

	if (pos < c->lc_pos) {
		c->lc_pos = 0;
		c->lc_line = c->lc_col = 1;
	}
	for (i = c->lc_pos; i < pos && i < c->len; i++) {
		if (c->text[i] == '\n') {
			c->lc_line++;
			c->lc_col = 1;
		} else if (((unsigned char)c->text[i] & 0xC0) != 0x80) {
			c->lc_col++;
		}
	}
	c->lc_pos = i;
	*line = c->lc_line;
	*col = c->lc_col;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\f' || c == '\v';
}

/* Report a syntax error at byte pos; returns -1. */
static int cerr(struct compiler *c, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int cerr(struct compiler *c, size_t pos, const char *fmt, ...)
{
	char msg[256];
	unsigned line = 1, col = 1;
	va_list ap;
	size_t i;

	if (!c->diags)
		return -1;
	/* Columns count characters like libyaml's, so skip UTF-8 tails. */
	for (i = 0; i < pos && i < c->len; i++) {
		if (c->text[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)c->text[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return diag(c->diags, R_TEMPLATE, c->file, line, col, NULL, "%s",
		    msg);
}

/* Quote at most this many bytes of a name or tag in messages. */
#define QUOTE_MAX 40
#define QLEN(n) ((int)((n) < QUOTE_MAX ? (n) : QUOTE_MAX))

static size_t pool_add(struct compiler *c, const char *s, size_t n)
{
	size_t off = c->pool.len;

	buf_add(&c->pool, s, n);
	buf_addc(&c->pool, '\0');
	return off;
}

static struct mu_ins *emit_ins(struct compiler *c, enum mu_op op, int bol)
{
	struct mustache *t = c->t;
	struct mu_ins *in;

	GROW(t->ins, t->ains, t->nins + 1);
	in = &t->ins[t->nins++];
	memset(in, 0, sizeof(*in));
	in->op = op;
	in->bol = bol;
	return in;
}

static void emit_text(struct compiler *c, size_t from, size_t to)
{
	struct mu_ins *in;
	int bol = from == 0 || c->text[from - 1] == '\n';

	if (from >= to)
		return;
	in = emit_ins(c, OP_TEXT, bol);
	in->len = to - from;
	/* Text is not NUL-terminated in use, but pool_add adds one anyway. */
	in->off = pool_add(c, c->text + from, to - from);
}

/* Split a dotted name into parts kept in the pool; "." has none. */
static int set_name(struct compiler *c, struct mu_ins *in, size_t pos,
		    const char *name, size_t n)
{
	struct mustache *t = c->t;
	size_t base, i, start;

	line_col(c, pos, &in->line, &in->col);
	if (n == 1 && name[0] == '.') {
		in->nparts = 0;
		return 0;
	}
	base = pool_add(c, name, n);
	in->off = t->nparts;
	for (start = i = 0; i <= n; i++) {
		if (i < n && name[i] != '.')
			continue;
		if (i == start)
			return cerr(c, pos, "bad tag name \"%.*s\"", QLEN(n),
				    name);
		GROW(t->parts, t->aparts, t->nparts + 1);
		t->parts[t->nparts].off = base + start;
		t->parts[t->nparts].len = i - start;
		t->nparts++;
		in->nparts++;
		start = i + 1;
	}
	return 0;
}

/* Where c followed by the closing delimiter starts, at or after from. */
static const char *find_close(struct compiler *cp, size_t from, char c)
{
	const char *end = cp->text + cp->len;
	const char *p = cp->text + from;
	const char *hit;

	if (!c)
		return find_bytes(p, end - p, cp->ctag, cp->clen);
	/* The delimiter must follow c, which itself sits at or after from. */
	for (p++; p < end; p = hit + 1) {
		hit = find_bytes(p, end - p, cp->ctag, cp->clen);
		if (!hit)
			return NULL;
		if (hit[-1] == c)
			return hit - 1;
	}
	return NULL;
}

/* {{=<% %>=}}: two blank-separated delimiters, neither holding '='. */
static int set_delimiters(struct compiler *c, size_t pos, const char *s,
			  size_t n)
{
	size_t i = 0, a, alen, b, blen;

	a = i;
	while (i < n && !is_space(s[i]) && s[i] != '=')
		i++;
	alen = i - a;
	if (!alen || i == n || !is_space(s[i]))
		goto bad;
	while (i < n && is_space(s[i]))
		i++;
	b = i;
	while (i < n && !is_space(s[i]) && s[i] != '=')
		i++;
	blen = i - b;
	if (!blen || i != n)
		goto bad;
	/* The source outlives compilation, so point into it. */
	c->otag = s + a;
	c->olen = alen;
	c->ctag = s + b;
	c->clen = blen;
	return 0;
bad:
	return cerr(c, pos, "bad delimiters \"%.*s\"", QLEN(n), s);
}

static int has_space(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_space(s[i]))
			return 1;
	return 0;
}

/* One tag as the compiler reads it. */
struct mu_tag {
	size_t s;			/* where its opening delimiter starts */
	size_t end;			/* just past its closing delimiter */
	char type;			/* '\0' (a variable), '&', '{', '#', '^', '/', '>', '!', '=' */
	const char *body;		/* its name, blanks trimmed */
	size_t body_len;
	int standalone;			/* alone on its line: the line is not output */
	size_t line_start, line_end;	/* the text it stands for in the output */
	int bol;			/* not standalone, at a line's start */
};

/* The tag whose opening delimiter is at s: its type, name and end. */
static int read_tag(struct compiler *c, size_t s, struct mu_tag *t)
{
	const char *text = c->text, *close;
	size_t p = s + c->olen;
	char closer = 0;

	t->s = s;
	t->type = p < c->len ? text[p] : '\0';
	switch (t->type) {
	case '{':
		closer = '}';
		p++;
		break;
	case '=':
		closer = '=';
		p++;
		break;
	case '&': case '#': case '^': case '/': case '>': case '!':
		p++;
		break;
	default:
		t->type = '\0';
	}
	close = find_close(c, p, closer);
	if (!close)
		return cerr(c, s, "unclosed tag, no \"%s%.*s\" after it",
			    closer == '}' ? "}" :
			    closer == '=' ? "=" : "",
			    QLEN(c->clen), c->ctag);
	t->end = (close - text) + (closer ? 1 : 0) + c->clen;
	t->body = text + p;
	t->body_len = close - t->body;
	while (t->body_len && is_space(*t->body)) {
		t->body++;
		t->body_len--;
	}
	while (t->body_len && is_space(t->body[t->body_len - 1]))
		t->body_len--;
	if (t->type != '!' && t->type != '=') {
		if (!t->body_len)
			return cerr(c, s, "empty tag");
		if (has_space(t->body, t->body_len))
			return cerr(c, s, "bad tag name \"%.*s\"",
				    QLEN(t->body_len), t->body);
	}
	return 0;
}

/*
 * Standalone: only blanks between the line's start and the tag and
 * between the tag and the line's end.  The line's start cannot lie
 * before text_start: that would put another tag on the line.
 */
static void find_standalone(const struct compiler *c, size_t text_start,
			    struct mu_tag *t)
{
	const char *text = c->text;
	size_t len = c->len, i;

	t->standalone = 0;
	t->line_start = t->s;
	t->line_end = t->end;
	if (!t->type || t->type == '&' || t->type == '{')
		return;
	i = t->s;
	while (i > text_start && is_blank(text[i - 1]))
		i--;
	if (i == 0 || text[i - 1] == '\n') {
		t->line_start = i;
		i = t->end;
		while (i < len && is_blank(text[i]))
			i++;
		if (i == len) {
			t->standalone = 1;
			t->line_end = len;
		} else if (text[i] == '\n') {
			t->standalone = 1;
			t->line_end = i + 1;
		} else if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') {
			t->standalone = 1;
			t->line_end = i + 2;
		}
	}
	if (!t->standalone)
		t->line_start = t->s;
}

/* A section ('#') or an inverted section ('^') opened. */
static int open_section(struct compiler *c, const struct mu_tag *t)
{
	struct mu_ins *in;

	if (c->nopen == MUSTACHE_MAX_NESTING)
		return cerr(c, t->s, "sections nested too deeply "
			    "(more than %d)", MUSTACHE_MAX_NESTING);
	in = emit_ins(c, t->type == '#' ? OP_SECTION : OP_INVERTED, t->bol);
	if (set_name(c, in, t->s, t->body, t->body_len) < 0)
		return -1;
	c->open[c->nopen].ins = c->t->nins - 1;
	c->open[c->nopen].pos = t->s;
	c->open[c->nopen].name = t->body;
	c->open[c->nopen].name_len = t->body_len;
	c->nopen++;
	return 0;
}

/* The innermost open section closed by '/', which must name it. */
static int close_section(struct compiler *c, const struct mu_tag *t)
{
	struct open_section *o;

	if (!c->nopen)
		return cerr(c, t->s, "closing tag \"%.*s\" "
			    "without an open section",
			    QLEN(t->body_len), t->body);
	o = &c->open[c->nopen - 1];
	if (o->name_len != t->body_len ||
	    memcmp(o->name, t->body, t->body_len) != 0)
		return cerr(c, t->s, "closing tag \"%.*s\" does "
			    "not match open section \"%.*s\"",
			    QLEN(t->body_len), t->body,
			    QLEN(o->name_len), o->name);
	/*
	 * An inline close tag at a line's start: the indent a partial puts
	 * there belongs inside the section.
	 */
	if (t->bol)
		emit_ins(c, OP_TEXT, 1);
	c->t->ins[o->ins].end = c->t->nins;
	c->nopen--;
	return 0;
}

/* The instructions of one tag. */
static int emit_tag(struct compiler *c, const struct mu_tag *t)
{
	struct mu_ins *in;

	switch (t->type) {
	case '\0':
	case '&':
	case '{':
		in = emit_ins(c, t->type ? OP_RAW : OP_ESCAPED, t->bol);
		return set_name(c, in, t->s, t->body, t->body_len);
	case '#':
	case '^':
		return open_section(c, t);
	case '/':
		return close_section(c, t);
	case '>':
		in = emit_ins(c, OP_PARTIAL, t->bol);
		line_col(c, t->s, &in->line, &in->col);
		in->standalone = t->standalone;
		in->len = t->body_len;
		in->off = pool_add(c, t->body, t->body_len);
		if (t->standalone) {
			in->ind_len = t->s - t->line_start;
			in->ind_off = pool_add(c, c->text + t->line_start,
					       t->s - t->line_start);
		}
		return 0;
	case '!':
	case '=':
		/* No output of their own, but an indent may precede. */
		if (t->bol)
			emit_ins(c, OP_TEXT, 1);
		if (t->type == '=')
			return set_delimiters(c, t->s, t->body, t->body_len);
		return 0;
	}
	return 0;
}

static int compile_template(struct compiler *c)
{
	const char *text = c->text;
	size_t len = c->len;
	size_t text_start = 0;	/* literal text not yet emitted */

	for (;;) {
		const char *hit = find_bytes(text + text_start, len - text_start,
					   c->otag, c->olen);
		struct mu_tag t = { 0 };

		if (!hit) {
			emit_text(c, text_start, len);
			break;
		}
		if (read_tag(c, (size_t)(hit - text), &t) < 0)
			return -1;
		find_standalone(c, text_start, &t);
		emit_text(c, text_start, t.line_start);
		text_start = t.standalone ? t.line_end : t.end;
		t.bol = !t.standalone && (t.s == 0 || text[t.s - 1] == '\n');
		if (emit_tag(c, &t) < 0)
			return -1;
	}
	if (c->nopen) {
		struct open_section *o = &c->open[c->nopen - 1];

		return cerr(c, o->pos, "unclosed section \"%.*s\"",
			    QLEN(o->name_len), o->name);
	}
	return 0;
}

struct mustache *mustache_compile(const char *name, const char *text,
				  size_t len, struct diag_list *diags)
{
	struct compiler c;
	struct mustache *t = xcalloc(1, sizeof(*t));

	memset(&c, 0, sizeof(c));
	c.file = name;
	c.text = text;
	c.len = len;
	c.diags = diags;
	c.t = t;
	buf_init(&c.pool);
	c.lc_line = c.lc_col = 1;
	c.otag = "{{";
	c.olen = 2;
	c.ctag = "}}";
	c.clen = 2;
	if (compile_template(&c) < 0) {
		buf_release(&c.pool);
		mustache_free(t);
		return NULL;
	}
	t->pool = buf_detach(&c.pool, &t->pool_len);
	t->seen = xcalloc(t->nins + 1, sizeof(*t->seen));
	return t;
}

/* Blank out text[from..to) into out: a space per byte, newlines kept. */
static void blank_into(char *out, const char *text, size_t from, size_t to)
{
	for (; from < to; from++)
		out[from] = text[from] == '\n' ? '\n' : ' ';
}

int mustache_markup(const char *text, size_t len, int truth, struct buf *out,
		    int *partials)
{
	struct compiler c;
	char *o;
	size_t pos = 0;
	unsigned blanked = 0;	/* open sections, from the first blanked one */
	int ret = 0;

	memset(&c, 0, sizeof(c));
	c.text = text;
	c.len = len;
	c.otag = "{{";
	c.olen = 2;
	c.ctag = "}}";
	c.clen = 2;
	*partials = 0;
	buf_reset(out);
	buf_add(out, text, len);
	o = out->buf;
	for (;;) {
		const char *hit = find_bytes(text + pos, len - pos, c.otag, c.olen);
		struct mu_tag t = { 0 };

		if (!hit)
			break;
		if (read_tag(&c, (size_t)(hit - text), &t) < 0) {
			ret = -1;
			break;
		}
		/* the text before the tag, inside a section left out */
		if (blanked)
			blank_into(o, text, pos, t.s);
		blank_into(o, text, t.s, t.end);
		pos = t.end;
		switch (t.type) {
		case '#': case '^':
			if (blanked || (t.type == '#') != (truth != 0))
				blanked++;
			break;
		case '/':
			if (blanked)
				blanked--;
			break;
		case '>':
			*partials = 1;
			break;
		case '=':
			if (set_delimiters(&c, t.s, t.body, t.body_len) < 0)
				ret = -1;
			break;
		}
		if (ret)
			break;
	}
	if (blanked)
		blank_into(o, text, pos, len);
	return ret;
}

void mustache_names(const struct mustache *t, int unresolved_only,
		    mustache_name_fn fn, void *ctx)
{
	size_t i;

	for (i = 0; t && i < t->nins; i++) {
		const struct mu_ins *in = &t->ins[i];
		unsigned char seen = atomic_load_explicit(&t->seen[i],
							  memory_order_relaxed);
		int kind;

		switch (in->op) {
		case OP_ESCAPED:
		case OP_RAW:
			kind = 'v';
			break;
		case OP_SECTION:
			kind = '#';
			break;
		case OP_INVERTED:
			kind = '^';
			break;
		case OP_PARTIAL:
			if (!unresolved_only)
				fn(ctx, '>', t->pool + in->off, in->line, in->col);
			continue;
		default:
			continue;
		}
		if (!in->nparts)
			continue;	/* "." is always there */
		if (unresolved_only && (!(seen & MU_RAN) || (seen & MU_FOUND)))
			continue;
		/* the whole name, dotted as written: the pool holds it */
		fn(ctx, kind, t->pool + t->parts[in->off].off, in->line, in->col);
	}
}

void mustache_free(struct mustache *t)
{
	if (!t)
		return;
	free(t->ins);
	free(t->parts);
	free(t->pool);
	free((void *)t->seen);
	free(t);
}

/* ---- rendering ---------------------------------------------------------- */

/* The context stack, one frame per pushed value, in C stack frames. */
struct frame {
	const struct ynode *node;
	const struct frame *up;
};

/* The indentation of nested standalone partials, outermost last. */
struct indent {
	const char *s;
	size_t n;
	const struct indent *up;
};

struct render {
	mustache_partial_fn partials;
	void *ctx;
	struct buf *out;
	size_t mark;		/* out->len when the render began */
	long steps;		/* left before the render is a runaway */
	int depth;		/* of partials */
	enum mustache_runaway why;	/* once a render returned -1 */
	struct mustache_hints *hints;	/* or NULL */
	int utf8;		/* the data's strings are valid UTF-8 */
};

static void put_indent(const struct indent *ind, struct buf *out)
{
	if (!ind)
		return;
	put_indent(ind->up, out);
	buf_add(out, ind->s, ind->n);
}

static void put_text(const char *s, size_t n, int bol,
		     const struct indent *ind, struct buf *out)
{
	const char *nl;
	size_t i = 0;

	if (!ind) {
		buf_add(out, s, n);
		return;
	}
	if (bol)
		put_indent(ind, out);
	/* Indent every line that has text after it in this piece. */
	while ((nl = memchr(s + i, '\n', n - i)) && (size_t)(nl - s) + 1 < n) {
		size_t k = nl - s + 1;

		buf_add(out, s + i, k - i);
		put_indent(ind, out);
		i = k;
	}
	buf_add(out, s + i, n - i);
}

/* Is key the name k[0..n)?  The first byte first: most keys differ there. */
static int key_is(const struct ynode *key, const char *k, size_t n)
{
	return key && key->len == n &&
	       (!n || (key->str[0] == k[0] && memcmp(key->str, k, n) == 0));
}

/* The pair of m named k[0..n); *hint, when given, is tried first and
 * set to where the pair was found. */
static inline const struct ypair *map_find(const struct ynode *m, const char *k,
				    size_t n, unsigned *hint)
{
	size_t i;

	if (!m || m->type != Y_MAP)
		return NULL;
	if (hint && *hint < m->n && key_is(m->pairs[*hint].key, k, n))
		return &m->pairs[*hint];
	for (i = 0; i < m->n; i++) {
		if (key_is(m->pairs[i].key, k, n)) {
			if (hint)
				*hint = (unsigned)i;
			return &m->pairs[i];
		}
	}
	return NULL;
}

/* The hint of one part of a name (the part's span identifies it), or NULL. */
static unsigned *hint_of(struct mustache_hints *h, const struct mu_span *part)
{
	size_t slot;

	if (!h)
		return NULL;
	slot = ((uintptr_t)part / sizeof(*part)) % MUSTACHE_HINTS;
	if (h->at[slot] != part) {
		h->at[slot] = part;
		h->pair[slot] = 0;
	}
	return &h->pair[slot];
}

/* What a render saw of in's name (set once: loads only, after that). */
static void mark_seen(const struct mustache *t, const struct mu_ins *in,
		      int found)
{
	_Atomic unsigned char *s = &t->seen[in - t->ins];
	unsigned char want = MU_RAN | (found ? MU_FOUND : 0);
	unsigned char had = atomic_load_explicit(s, memory_order_relaxed);

	if ((had & want) != want)
		atomic_fetch_or_explicit(s, want, memory_order_relaxed);
}

/* The value a name resolves to, or NULL when it does not resolve. */
static const struct ynode *lookup(const struct mustache *t,
				  const struct mu_ins *in,
				  const struct frame *f,
				  struct mustache_hints *hints)
{
	const struct mu_span *part;
	const struct ypair *pair = NULL;
	const struct ynode *v;
	unsigned *hint;
	unsigned i;

	/* "." has no parts, and t->parts may then be NULL */
	if (!in->nparts)
		return f ? f->node : NULL;
	part = &t->parts[in->off];
	hint = hint_of(hints, part);
	/* The first part: the nearest context that has the key wins. */
	for (; f && !pair; f = f->up)
		pair = map_find(f->node, t->pool + part[0].off, part[0].len,
				hint);
	v = pair ? pair->value : NULL;
	/* The others: only against the former result. */
	for (i = 1; i < in->nparts && pair && v; i++) {
		pair = map_find(v, t->pool + part[i].off, part[i].len,
				hint_of(hints, &part[i]));
		v = pair ? pair->value : NULL;
	}
	mark_seen(t, in, pair != NULL);
	return pair ? v : NULL;
}

static int truthy(const struct ynode *v)
{
	if (!v)
		return 0;
	switch (v->type) {
	case Y_NULL:
		return 0;
	case Y_BOOL:
		return v->v.b != 0;
	case Y_STRING:
		return v->len != 0;
	case Y_SEQ:
		return v->n != 0;
	default:
		return 1;
	}
}

/*
 * The shortest text that reads back as d, so 1.210 prints "1.21" and 0.1
 * does not print "0.10000000000000001"; exponents only where JavaScript
 * writes them (below 1e-6 and from 1e21), so 1e3 prints "1000".
 */
static size_t format_double(char *b, size_t size, double d)
{
	int prec, exp, n = 0;
	char *p;

	if (isnan(d))
		return (size_t)snprintf(b, size, "NaN");
	if (isinf(d))
		return (size_t)snprintf(b, size, d < 0 ? "-Infinity" :
					"Infinity");
	for (prec = 1; prec < 17; prec++) {
		n = snprintf(b, size, "%.*e", prec - 1, d);
		if (strtod(b, NULL) == d)
			break;
	}
	n = snprintf(b, size, "%.*e", prec - 1, d);
	p = strchr(b, 'e');
	exp = p ? atoi(p + 1) : 0;
	if (exp >= -6 && exp < 21)
		n = snprintf(b, size, "%.*f",
			     prec - 1 - exp > 0 ? prec - 1 - exp : 0, d);
	/* A locale with a decimal comma must not leak into the output. */
	for (p = b; *p; p++)
		if (*p == ',')
			*p = '.';
	return (size_t)n;
}

static void interpolate(const struct ynode *v, int escape, int utf8,
			struct buf *out)
{
	char num[40];
	const char *s = NULL;
	size_t n = 0;

	if (!v)
		return;
	switch (v->type) {
	case Y_BOOL:
		s = v->v.b ? "true" : "false";
		n = strlen(s);
		break;
	case Y_INT:
		n = (size_t)snprintf(num, sizeof(num), "%lld", v->v.i);
		s = num;
		break;
	case Y_FLOAT:
		n = format_double(num, sizeof(num), v->v.f);
		s = num;
		break;
	case Y_STRING:
		s = v->str;
		n = v->len;
		break;
	default:
		/* null, sequences and mappings print nothing */
		return;
	}
	if (escape && utf8)
		escape_html_utf8(out, s, n);
	else if (escape)
		escape_html(out, s, n);
	else
		buf_add(out, s, n);
}

static int render_range(const struct mustache *t, size_t from, size_t to,
			const struct frame *stack, const struct indent *ind,
			struct render *r);

static int render_partial(const struct mustache *t, const struct mu_ins *in,
			  const struct frame *stack, const struct indent *ind,
			  struct render *r)
{
	const struct mustache *p;
	struct indent own;
	int ret;

	if (!r->partials)
		return 0;
	p = r->partials(r->ctx, t->pool + in->off, in->len);
	if (!p)
		return 0;
	if (r->depth >= MUSTACHE_MAX_PARTIAL_DEPTH) {
		r->why = MUSTACHE_DEEP;
		return -1;
	}
	/*
	 * Only a standalone tag indents, and then on top of the lines it
	 * sits in; an inline partial starts flush, as its source would.
	 */
	if (!in->standalone) {
		ind = NULL;
	} else if (in->ind_len) {
		own.s = t->pool + in->ind_off;
		own.n = in->ind_len;
		own.up = ind;
		ind = &own;
	}
	r->depth++;
	ret = render_range(p, 0, p->nins, stack, ind, r);
	r->depth--;
	return ret;
}

static int render_range(const struct mustache *t, size_t from, size_t to,
			const struct frame *stack, const struct indent *ind,
			struct render *r)
{
	size_t i = from;

	while (i < to) {
		const struct mu_ins *in = &t->ins[i];
		const struct ynode *v;
		struct frame f;
		size_t k;

		if (--r->steps < 0) {
			r->why = MUSTACHE_STEPS;
			return -1;
		}
		if (r->out->len - r->mark > MUSTACHE_MAX_OUTPUT) {
			r->why = MUSTACHE_TOO_BIG;
			return -1;
		}
		if (in->op == OP_TEXT) {
			put_text(t->pool + in->off, in->len, in->bol, ind,
				 r->out);
			i++;
			continue;
		}
		if (in->bol && ind)
			put_indent(ind, r->out);
		switch (in->op) {
		case OP_ESCAPED:
		case OP_RAW:
			interpolate(lookup(t, in, stack, r->hints), in->op == OP_ESCAPED,
				    r->utf8,
				    r->out);
			break;
		case OP_SECTION:
			v = lookup(t, in, stack, r->hints);
			if (!truthy(v))
				break;
			f.up = stack;
			if (v->type != Y_SEQ) {
				f.node = v;
				if (render_range(t, i + 1, in->end, &f, ind,
						 r) < 0)
					return -1;
				break;
			}
			for (k = 0; k < v->n; k++) {
				f.node = v->items[k];
				if (render_range(t, i + 1, in->end, &f, ind,
						 r) < 0)
					return -1;
			}
			break;
		case OP_INVERTED:
			if (truthy(lookup(t, in, stack, r->hints)))
				break;
			if (render_range(t, i + 1, in->end, stack, ind, r) < 0)
				return -1;
			break;
		case OP_PARTIAL:
			if (render_partial(t, in, stack, ind, r) < 0)
				return -1;
			break;
		}
		i = (in->op == OP_SECTION || in->op == OP_INVERTED)
			? in->end : i + 1;
	}
	return 0;
}

int mustache_render(const struct mustache *t, const struct ynode *data,
		    mustache_partial_fn partials, void *ctx, struct buf *out)
{
	return mustache_render_hinted(t, data, partials, ctx, out, NULL, 0);
}

int mustache_render_hinted(const struct mustache *t, const struct ynode *data,
			   mustache_partial_fn partials, void *ctx,
			   struct buf *out, struct mustache_hints *hints,
			   int utf8)
{
	struct render r;
	struct frame root;
	size_t mark = out->len;

	r.partials = partials;
	r.ctx = ctx;
	r.out = out;
	r.mark = mark;
	r.steps = MUSTACHE_MAX_STEPS;
	r.depth = 0;
	r.why = MUSTACHE_DEEP;
	r.hints = hints;
	r.utf8 = utf8;
	root.node = data;
	root.up = NULL;
	if (render_range(t, 0, t->nins, &root, NULL, &r) < 0) {
		/* Half a page is worse than none: the caller reports. */
		buf_setlen(out, mark);
		return r.why;
	}
	return 0;
}

/* the messages below spell the limits out */
_Static_assert(MUSTACHE_MAX_STEPS == 16777216L, "mustache_runaway_msg");
_Static_assert(MUSTACHE_MAX_PARTIAL_DEPTH == 64, "mustache_runaway_msg");
_Static_assert(MUSTACHE_MAX_OUTPUT == (size_t)256 << 20, "mustache_runaway_msg");

const char *mustache_runaway_msg(int code)
{
	switch (code) {
	case MUSTACHE_STEPS:
		return "the template does not finish (more than 16,777,216 "
		       "steps): a partial that includes itself, or sections "
		       "nested over long lists";
	case MUSTACHE_TOO_BIG:
		return "the page would be larger than 256 MiB";
	default:
		return "partials nest deeper than 64: a partial includes itself";
	}
}
