/*
 * json_tree.c - a strict RFC 8259 parser building yaml_tree.h's nodes.
 *
 * A recursive descent, its depth bounded by YAML_MAX_DEPTH before each
 * step down, so hostile nesting costs neither stack nor memory.  The
 * reader keeps line, column and character offset as it goes, byte by
 * byte: a UTF-8 continuation byte starts no character.
 */
#include "json_tree.h"
#include "buf.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct jp {
	const char *s;
	size_t len, pos;
	unsigned line, col, chars;
	struct ydoc *doc;
	const struct yaml_opts *opts;
	struct diag_list *diags;
	struct buf str;		/* a string being decoded */
	size_t total;		/* nodes so far */
	int failed;
};

static int at_end(const struct jp *p)
{
	return p->pos >= p->len;
}

static unsigned char jp_cur(const struct jp *p)
{
	return at_end(p) ? 0 : (unsigned char)p->s[p->pos];
}

static void adv(struct jp *p)
{
	unsigned char c = jp_cur(p);

	p->pos++;
	if (c == '\n' || (c == '\r' && jp_cur(p) != '\n')) {
		p->line++;
		p->col = 1;
		p->chars++;
	} else if ((c & 0xC0) != 0x80) {
		p->col++;
		p->chars++;
	}
}

/* The character at the reader, quoted, for a message. */
static const char *what_here(const struct jp *p, char *out, size_t size)
{
	unsigned char c = jp_cur(p);
	size_t n = 1;

	if (at_end(p))
		return "end of the document";
	if (c >= 0x20 && c < 0x7F) {
		snprintf(out, size, "'%c'", c);
		return out;
	}
	if (c < 0x80) {
		snprintf(out, size, "control character U+%04X", c);
		return out;
	}
	if (c >= 0xC2 && c <= 0xF4)
		n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (n > 1 && p->pos + n <= p->len) {
		snprintf(out, size, "'%.*s'", (int)n, p->s + p->pos);
		return out;
	}
	snprintf(out, size, "byte 0x%02X", c);
	return out;
}

static struct ynode *fail_at(struct jp *p, unsigned line, unsigned col,
			     const char *fmt, const char *arg)
{
	if (!p->failed)
		diag(p->diags, R_JSON_SYNTAX, p->opts->file, line, col, NULL,
		     fmt, arg);
	p->failed = 1;
	return NULL;
}

/* "malformed json: unexpected X, expected WHAT" at the reader. */
static struct ynode *unexpected(struct jp *p, const char *expected)
{
	char buf[64], msg[160];

	snprintf(msg, sizeof(msg), "malformed json: unexpected %s, expected %s",
		 what_here(p, buf, sizeof(buf)), expected);
	return fail_at(p, p->line, p->col, "%s", msg);
}

static void skip_ws(struct jp *p)
{
	while (!at_end(p)) {
		unsigned char c = jp_cur(p);

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		adv(p);
	}
}

static struct ynode *new_node(struct jp *p, enum ytype t)
{
	struct ynode *n = arena_alloc(&p->doc->arena, sizeof(*n));

	n->type = t;
	n->line = p->line;
	n->col = p->col;
	n->start = p->chars;
	return n;
}

static void end_node(struct jp *p, struct ynode *n)
{
	n->end_line = p->line;
	n->end_col = p->col;
	n->end = p->chars;
}

static int count_node(struct jp *p, const struct ynode *n)
{
	if (++p->total <= YAML_MAX_NODES)
		return 0;
	if (!p->failed)
		diag(p->diags, R_YAML_LIMITS, p->opts->file, n->line, n->col,
		     NULL, "document too large: more than 10000 nodes");
	p->failed = 1;
	return -1;
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void put_utf8(struct buf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, u, n);
}

/* Bytes of a well-formed UTF-8 character at s[0..n), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t k, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	k = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	if (k > n)
		return 0;
	for (i = 1; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	/* overlong forms, UTF-16 surrogates, beyond U+10FFFF */
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
		return 0;
	return k;
}

/* One \uXXXX escape at the reader (on the backslash), or a pair. */
static int unicode_escape(struct jp *p)
{
	unsigned line = p->line, col = p->col, hi, lo;
	char esc[8];

	if (p->pos + 6 > p->len || hex4(p->s + p->pos + 2, &hi) < 0) {
		fail_at(p, line, col, "%s", "malformed json: \\u must be "
			"followed by four hexadecimal digits");
		return -1;
	}
	snprintf(esc, sizeof(esc), "\\u%.4s", p->s + p->pos + 2);
	if (hi >= 0xDC00 && hi <= 0xDFFF) {
		fail_at(p, line, col, "malformed json: lone low surrogate '%s' "
			"(not preceded by a high surrogate)", esc);
		return -1;
	}
	if (hi >= 0xD800 && hi <= 0xDBFF) {
		if (p->pos + 12 > p->len || p->s[p->pos + 6] != '\\' ||
		    p->s[p->pos + 7] != 'u' ||
		    hex4(p->s + p->pos + 8, &lo) < 0 ||
		    lo < 0xDC00 || lo > 0xDFFF) {
			fail_at(p, line, col, "malformed json: lone high "
				"surrogate '%s' (not followed by a low "
				"surrogate)", esc);
			return -1;
		}
		put_utf8(&p->str, 0x10000 + ((hi - 0xD800) << 10) +
			 (lo - 0xDC00));
		p->pos += 12;
		p->col += 12;
		p->chars += 12;
		return 0;
	}
	put_utf8(&p->str, hi);
	p->pos += 6;
	p->col += 6;
	p->chars += 6;
	return 0;
}

static struct ynode *string(struct jp *p)
{
	struct ynode *n = new_node(p, Y_STRING);

	buf_reset(&p->str);
	adv(p);		/* the opening quote */
	for (;;) {
		unsigned char c = jp_cur(p);
		size_t k;

		if (at_end(p))
			return fail_at(p, n->line, n->col, "%s",
				       "malformed json: string not closed");
		if (c == '"')
			break;
		if (c < 0x20) {
			char buf[64], msg[160];

			snprintf(msg, sizeof(msg), "malformed json: %s in a "
				 "string (write it as an escape)",
				 what_here(p, buf, sizeof(buf)));
			return fail_at(p, p->line, p->col, "%s", msg);
		}
		if (c == '\\') {
			const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
			const char *e;
			char next = p->pos + 1 < p->len ? p->s[p->pos + 1] : 0;

			if (next == 'u') {
				if (unicode_escape(p) < 0)
					return NULL;
				continue;
			}
			e = next ? strchr(from, next) : NULL;
			if (!e) {
				char esc[8];

				snprintf(esc, sizeof(esc), "\\%c",
					 next >= 0x20 && next < 0x7F ? next : '?');
				return fail_at(p, p->line, p->col,
					       "malformed json: unknown escape "
					       "'%s'", esc);
			}
			buf_add(&p->str, to + (e - from), 1);
			adv(p);
			adv(p);
			continue;
		}
		k = utf8_len((const unsigned char *)p->s + p->pos,
			     p->len - p->pos);
		if (!k)
			return fail_at(p, p->line, p->col, "%s",
				       "malformed json: invalid UTF-8 in a string");
		buf_add(&p->str, p->s + p->pos, k);
		while (k--)
			adv(p);
	}
	adv(p);		/* the closing quote */
	end_node(p, n);
	n->quoted = 1;
	n->len = p->str.len;
	n->str = arena_strndup(&p->doc->arena, p->str.buf, p->str.len);
	return count_node(p, n) < 0 ? NULL : n;
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static struct ynode *number(struct jp *p)
{
	struct ynode *n = new_node(p, Y_INT);
	size_t from = p->pos;
	int whole = 1;
	char *text;

	if (jp_cur(p) == '-')
		adv(p);
	if (jp_cur(p) == '0') {
		adv(p);
		if (is_digit(jp_cur(p)))
			return fail_at(p, n->line, n->col, "%s",
				       "malformed json: a number with a "
				       "leading zero");
	} else if (is_digit(jp_cur(p))) {
		while (is_digit(jp_cur(p)))
			adv(p);
	} else {
		return unexpected(p, "a digit");
	}
	if (jp_cur(p) == '.') {
		whole = 0;
		adv(p);
		if (!is_digit(jp_cur(p)))
			return unexpected(p, "a digit after '.'");
		while (is_digit(jp_cur(p)))
			adv(p);
	}
	if (jp_cur(p) == 'e' || jp_cur(p) == 'E') {
		whole = 0;
		adv(p);
		if (jp_cur(p) == '+' || jp_cur(p) == '-')
			adv(p);
		if (!is_digit(jp_cur(p)))
			return unexpected(p, "a digit in the exponent");
		while (is_digit(jp_cur(p)))
			adv(p);
	}
	end_node(p, n);
	n->len = p->pos - from;
	n->str = text = arena_strndup(&p->doc->arena, p->s + from, n->len);
	if (whole) {
		errno = 0;
		n->v.i = strtoll(text, NULL, 10);
		if (errno == ERANGE)
			whole = 0;
		else
			n->num = (double)n->v.i;
	}
	if (!whole) {
		n->type = Y_FLOAT;
		n->num = n->v.f = strtod(text, NULL);
	}
	return count_node(p, n) < 0 ? NULL : n;
}

static struct ynode *literal(struct jp *p)
{
	static const struct {
		const char *word;
		enum ytype type;
		int b;
	} words[] = {
		{ "true", Y_BOOL, 1 }, { "false", Y_BOOL, 0 }, { "null", Y_NULL, 0 },
	};
	size_t i, k;

	for (i = 0; i < ARRAY_SIZE(words); i++) {
		struct ynode *n;

		k = strlen(words[i].word);
		if (p->len - p->pos < k || memcmp(p->s + p->pos, words[i].word, k))
			continue;
		n = new_node(p, words[i].type);
		while (k--)
			adv(p);
		end_node(p, n);
		n->str = words[i].word;
		n->len = strlen(words[i].word);
		n->v.b = words[i].b;
		return count_node(p, n) < 0 ? NULL : n;
	}
	return unexpected(p, "a value");
}

static struct ynode *json_value(struct jp *p, unsigned depth);

static int key_equal(const struct ynode *a, const struct ynode *b)
{
	return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* A member's key and its ':', the reader on the key's quote. */
static struct ynode *member_key(struct jp *p)
{
	struct ynode *key;

	if (jp_cur(p) != '"')
		return unexpected(p, "a string key");
	if (!(key = string(p)))
		return NULL;
	skip_ws(p);
	if (jp_cur(p) != ':')
		return unexpected(p, "':' after the key");
	adv(p);
	return key;
}

/* The children read, into n's arena: an array's items, or an object's
 * pairs (kids alternate keys and values), each key checked unique. */
static void set_children(struct jp *p, struct ynode *n, struct ynode **kids,
			 size_t nkids)
{
	size_t i, j;

	if (n->type == Y_SEQ) {
		n->n = nkids;
		n->items = arena_alloc(&p->doc->arena, nkids * sizeof(*n->items));
		if (nkids)
			memcpy(n->items, kids, nkids * sizeof(*n->items));
		return;
	}
	n->n = nkids / 2;
	n->pairs = arena_alloc(&p->doc->arena, n->n * sizeof(*n->pairs));
	for (i = 0; i < n->n; i++) {
		const struct ynode *k = kids[2 * i];

		n->pairs[i].key = kids[2 * i];
		n->pairs[i].value = kids[2 * i + 1];
		for (j = 0; j < i; j++) {
			if (!key_equal(n->pairs[j].key, k))
				continue;
			/* the message yaml_tree.c gives a duplicate key */
			diag(p->diags, R_YAML_DUPLICATE_KEY, p->opts->file,
			     k->line, k->col, NULL,
			     "duplicate key '%s' (first at line %u)",
			     k->str, n->pairs[j].key->line);
			p->failed = 1;
			break;
		}
	}
}

/* An object or an array, the reader on its opening bracket. */
static struct ynode *collection(struct jp *p, unsigned depth)
{
	int is_map = jp_cur(p) == '{';
	char close = is_map ? '}' : ']';
	struct ynode *n = new_node(p, is_map ? Y_MAP : Y_SEQ), **kids = NULL;
	size_t nkids = 0, alloc = 0;
	unsigned comma_line = 0, comma_col = 0;

	if (depth >= YAML_MAX_DEPTH) {
		if (!p->failed)
			diag(p->diags, R_YAML_LIMITS, p->opts->file, n->line,
			     n->col, NULL, "nesting deeper than 64 levels");
		p->failed = 1;
		return NULL;
	}
	if (count_node(p, n) < 0)
		return NULL;
	adv(p);
	skip_ws(p);
	if (jp_cur(p) == close)
		goto closed;
	for (;;) {
		struct ynode *key = NULL, *v;

		skip_ws(p);
		if (comma_line && jp_cur(p) == close) {
			char msg[80];

			snprintf(msg, sizeof(msg), "malformed json: a comma "
				 "before '%c' (trailing commas are not JSON)",
				 close);
			fail_at(p, comma_line, comma_col, "%s", msg);
			goto fail;
		}
		if (is_map && !(key = member_key(p)))
			goto fail;
		if (!(v = json_value(p, depth + 1)))
			goto fail;
		GROW(kids, alloc, nkids + 2);
		if (key)
			kids[nkids++] = key;
		kids[nkids++] = v;
		skip_ws(p);
		if (jp_cur(p) == close)
			break;
		if (jp_cur(p) != ',') {
			unexpected(p, is_map ? "',' or '}' after a member" :
				   "',' or ']' after an item");
			goto fail;
		}
		comma_line = p->line;
		comma_col = p->col;
		adv(p);
	}
closed:
	adv(p);
	end_node(p, n);
	set_children(p, n, kids, nkids);
	free(kids);
	return n;
fail:
	free(kids);
	return NULL;
}

static struct ynode *json_value(struct jp *p, unsigned depth)
{
	unsigned char c;

	skip_ws(p);
	c = jp_cur(p);
	if (at_end(p))
		return unexpected(p, "a value");
	if (c == '{' || c == '[')
		return collection(p, depth);
	if (c == '"')
		return string(p);
	if (c == '-' || is_digit(c))
		return number(p);
	return literal(p);
}

int json_parse(struct ydoc *doc, const char *text, size_t len,
	       const struct yaml_opts *opts, struct diag_list *diags)
{
	struct jp p;
	struct ynode *root;

	memset(&p, 0, sizeof(p));
	p.s = text;
	p.len = len;
	p.line = 1 + opts->line_base;
	p.col = 1;
	p.doc = doc;
	p.opts = opts;
	p.diags = diags;
	buf_init(&p.str);
	doc->root = NULL;
	/* RFC 8259 8.1: a parser may ignore a byte order mark */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		p.pos = 3;
		p.chars = 1;
	}
	root = json_value(&p, 0);
	if (root && !p.failed) {
		skip_ws(&p);
		if (!at_end(&p))
			unexpected(&p, "the end of the document after the value");
	}
	buf_release(&p.str);
	if (!root || p.failed)
		return -1;
	doc->root = root;
	return 0;
}

int json_is_json_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	return n >= 5 && strcmp(name + n - 5, ".json") == 0;
}

int ydoc_parse_named(struct ydoc *doc, const char *name, const char *text,
		     size_t len, const struct yaml_opts *opts,
		     struct diag_list *diags)
{
	if (json_is_json_name(name))
		return json_parse(doc, text, len, opts, diags);
	return yaml_parse(doc, text, len, opts, diags);
}
