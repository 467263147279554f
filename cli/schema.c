/*
 * schema.c - JSON Schema draft 2020-12: load, compile, validate.
 *
 * Loading turns each schema document into a graph of struct sch, one per
 * subschema, allocated from the schema's arena.  Every keyword is checked
 * and converted once: regular expressions are compiled (and JIT-compiled
 * when PCRE2 can), numeric limits kept as the YAML nodes so integers
 * compare exactly, and every $ref is resolved to the struct sch it
 * names, loading other files as needed.  After schema_load_*() nothing
 * in the graph changes, which is what makes validation thread-safe.
 *
 * Validation walks the graph against the instance tree.  It has two
 * modes: "report" (diags set) collects every violation with its message,
 * position and pointer; "boolean" (diags NULL) stops at the first one and
 * allocates nothing, which is what anyOf/oneOf/not/if/contains use.
 * Report mode only re-runs alternatives when they all failed, to pick the
 * one that came closest.
 */
#include "schema.h"
#include "buf.h"
#include "diag.h"
#include "embed.h"
#include "escape.h"
#include "util.h"
#include "json_tree.h"
#include "yaml_tree.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

/* Nested schema evaluations at one time: only a $ref cycle that never
 * moves into the instance gets this deep (instances nest 64 levels). */
#define MAX_EVAL_DEPTH 1000
/*
 * Schema evaluations for one document.  A frontmatter takes about fifty;
 * only a hostile schema (anyOf of alternatives that all recurse, which
 * costs 2^depth) comes near, and it must not hang folio.
 */
#define MAX_EVAL_STEPS 10000000L
/*
 * Alternatives compared in report mode, nested: comparing re-runs each
 * one, so a recursive schema with several alternatives of the same type
 * would cost alternatives^depth; deeper down, the first alternative of
 * the right type speaks.
 */
#define MAX_CLOSEST_NEST 3
/* Longest value quoted in a message, in bytes. */
#define QUOTE_MAX 60
/* Longest list of allowed values spelled out in a message, in bytes. */
#define ENUM_TEXT_MAX 160

enum {
	T_NULL = 1 << 0,
	T_BOOL = 1 << 1,
	T_INT = 1 << 2,
	T_NUM = 1 << 3,
	T_STR = 1 << 4,
	T_ARR = 1 << 5,
	T_OBJ = 1 << 6,
};

enum fmt {
	F_NONE,
	F_DATE,
	F_DATETIME,
	F_TIME,
	F_EMAIL,
	F_URI,
	F_URIREF,
	F_HOSTNAME,
	F_IPV4,
	F_IPV6,
	F_UUID,
	F_REGEX,
	F_PARTIAL_DATE,
	F_IRI,
	F_IRIREF,
};

static const struct {
	const char *name;
	const char *what;	/* for "'x' must be <what>, got ..." */
} formats[] = {
	[F_NONE] = { "", "" },
	[F_DATE] = { "date", "a date YYYY-MM-DD" },
	[F_DATETIME] = { "date-time", "a date and time YYYY-MM-DDTHH:MM:SS with a time zone" },
	[F_TIME] = { "time", "a time HH:MM:SS with a time zone" },
	[F_EMAIL] = { "email", "an email address" },
	[F_URI] = { "uri", "an absolute URI" },
	[F_URIREF] = { "uri-reference", "a URI reference" },
	[F_HOSTNAME] = { "hostname", "a host name" },
	[F_IPV4] = { "ipv4", "an IPv4 address" },
	[F_IPV6] = { "ipv6", "an IPv6 address" },
	[F_UUID] = { "uuid", "a UUID" },
	[F_REGEX] = { "regex", "a regular expression" },
	[F_PARTIAL_DATE] = { "partial-date", "a date YYYY-MM or YYYY-MM-DD" },
	[F_IRI] = { "iri", "an absolute IRI (a URI that may hold letters such as \xC3\xA9)" },
	[F_IRIREF] = { "iri-reference", "an IRI reference" },
};

struct sdoc {
	struct ydoc y;
	char *name;		/* as reported in diagnostics */
	char *uri;		/* where it was retrieved: a file:// URI */
	int embedded_ok;	/* may look schemas/... up among embedded files */
};

struct sch;

struct sprop {
	const char *name;	/* the key's bytes (owned by the document) */
	size_t len;
	struct sch *s;
};

struct spat {
	const pcre2_code *re;
	const struct ynode *src;
	struct sch *s;
};

/* One compiled (sub)schema.  Absent keywords are NULL or -1. */
struct sch {
	const struct ynode *node;	/* its source */
	const struct sdoc *doc;
	const char *base;		/* base URI (arena) */
	signed char always;		/* 1: `true`, 0: `false`, -1: an object */
	unsigned char unique;		/* uniqueItems: true */
	unsigned char fmt;		/* enum fmt */
	unsigned types;			/* T_* of "type", 0 when absent */
	const struct ynode *enum_v;	/* a sequence */
	const struct ynode *const_v;
	const struct ynode *minimum, *maximum, *xminimum, *xmaximum;
	const struct ynode *multiple;
	long long min_len, max_len;
	long long min_items, max_items;
	long long min_props, max_props;
	long long min_contains, max_contains;
	const pcre2_code *pattern;
	const struct ynode *pattern_src;
	struct sprop *props;		/* sorted by name for bsearch */
	size_t nprops;
	struct spat *pats;
	size_t npats;
	struct sch *additional, *propnames;
	const struct ynode *required;	/* sequence of strings */
	const struct ynode *dep_required;	/* map: name -> names */
	struct sprop *dep_schemas;
	size_t ndep_schemas;
	struct sch **prefix;
	size_t nprefix;
	struct sch *items, *contains;
	struct sch **all_of, **any_of, **one_of;
	size_t nall, nany, none;
	struct sch *not_, *if_, *then_, *else_;
	struct sch *ref;
	const struct ynode *ref_src;
	const char *description;	/* short, one line, for messages */
	const char *when, *unless;	/* "when 'status' is 'published'" */
};

struct schema {
	struct arena arena;
	struct sdoc **docs;
	size_t ndocs, adocs;
	pcre2_code **codes;		/* every compiled regex, to free */
	size_t ncodes, acodes;
	struct sch *root;
	int has_regex;			/* a match data is needed */
};

/* A URI the loader knows: a document, an $id or an $anchor. */
struct res {
	char *uri;
	struct sch *s;			/* NULL: a document that failed */
};

struct loader {
	struct schema *s;
	struct diag_list *diags;
	int errors;
	struct res *res;
	size_t nres, ares;
	struct sch **refs;		/* schemas whose $ref awaits resolution */
	size_t nrefs, arefs;
	/* ynode -> sch, open addressing: each node compiles once */
	const struct ynode **mkeys;
	struct sch **mvals;
	size_t mcap, mn;
	char *cwd;			/* the working directory, "/"-ended */
	pcre2_compile_context *cctx;
};

/* ---------------------------------------------------------------- */
/* Small helpers                                                     */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hex_val(int c)
{
	if (is_digit(c))
		return c - '0';
	return (c | 0x20) - 'a' + 10;
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int is_number(const struct ynode *n)
{
	return n->type == Y_INT || n->type == Y_FLOAT;
}

static int is_integral(const struct ynode *n)
{
	return n->type == Y_INT ||
	       (n->type == Y_FLOAT && isfinite(n->num) && n->num == floor(n->num));
}

static unsigned inst_types(const struct ynode *x)
{
	switch (x->type) {
	case Y_NULL: return T_NULL;
	case Y_BOOL: return T_BOOL;
	case Y_INT: return T_INT | T_NUM;
	case Y_FLOAT: return is_integral(x) ? T_INT | T_NUM : T_NUM;
	case Y_STRING: return T_STR;
	case Y_SEQ: return T_ARR;
	case Y_MAP: return T_OBJ;
	}
	return 0;
}

/*
 * Compare two numbers.  Integers compare exactly; long double holds any
 * long long exactly on the usual ABIs, so mixed comparisons stay exact
 * there too.
 */
static int num_cmp(const struct ynode *a, const struct ynode *b)
{
	long double x, y;

	if (a->type == Y_INT && b->type == Y_INT)
		return (a->v.i > b->v.i) - (a->v.i < b->v.i);
	x = a->type == Y_INT ? (long double)a->v.i : (long double)a->num;
	y = b->type == Y_INT ? (long double)b->v.i : (long double)b->num;
	return (x > y) - (x < y);
}

/* A number's text as mantissa * 10^exp, when the mantissa fits. */
struct decimal {
	unsigned long long m;
	int exp;
};

static int parse_decimal(const struct ynode *n, struct decimal *d)
{
	const char *s = n->str;
	size_t i = 0, len = n->len;
	int exp = 0, digits = 0;

	if (n->type == Y_INT) {
		d->m = n->v.i < 0 ? 0ULL - (unsigned long long)n->v.i :
			(unsigned long long)n->v.i;
		d->exp = 0;
		return 1;
	}
	d->m = 0;
	if (!s)
		return 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < len && is_digit(s[i]); i++) {
		if (d->m == 0 && s[i] == '0')
			continue;
		if (++digits > 19)
			return 0;
		d->m = d->m * 10 + (unsigned)(s[i] - '0');
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && is_digit(s[i]); i++) {
			exp--;
			if (d->m == 0 && s[i] == '0')
				continue;
			if (++digits > 19)
				return 0;
			d->m = d->m * 10 + (unsigned)(s[i] - '0');
		}
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		int neg = 0;
		long e = 0;

		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			neg = s[i++] == '-';
		for (; i < len && is_digit(s[i]); i++)
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
		exp += (int)(neg ? -e : e);
	}
	if (i != len)
		return 0;
	d->exp = exp;
	return 1;
}

/* m * 10^k, or 0 when it overflows. */
static int scale10(unsigned long long *m, int k)
{
	while (k-- > 0) {
		if (*m > ULLONG_MAX / 10)
			return 0;
		*m *= 10;
	}
	return 1;
}

/*
 * Is x a multiple of m (> 0)?  Exact on the decimal texts whenever they
 * fit in 64 bits once brought to a common exponent (so 19.99 is a
 * multiple of 0.01); otherwise by division with a tolerance of a few
 * ulps of the quotient, an infinite quotient never being a multiple.
 */
static int is_multiple(const struct ynode *x, const struct ynode *m)
{
	struct decimal a, b;
	double q, r;

	if (x->type == Y_INT && m->type == Y_INT)
		return m->v.i > 0 && x->v.i % m->v.i == 0;
	if (parse_decimal(x, &a) && parse_decimal(m, &b) && b.m) {
		int e = a.exp < b.exp ? a.exp : b.exp;

		if (a.m == 0)
			return 1;
		if (scale10(&a.m, a.exp - e) && scale10(&b.m, b.exp - e))
			return a.m % b.m == 0;
	}
	q = x->num / m->num;
	if (!isfinite(q))
		return 0;
	r = nearbyint(q);
	return fabs(q - r) <= fmax(1e-9, fabs(q) * 8 * DBL_EPSILON);
}

/* Optimal string alignment distance, for "did you mean"; -1 if too long. */
static int edit_distance(const char *a, size_t n, const char *b, size_t m)
{
	int rows[3][65];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	size_t i, j;

	if (n > 64 || m > 64)
		return -1;
	for (j = 0; j <= m; j++)
		prev[j] = (int)j;
	for (i = 1; i <= n; i++) {
		int *t;

		cur[0] = (int)i;
		for (j = 1; j <= m; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = prev[j] + 1;

			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

/* Is the candidate close enough to the typo to suggest it? */
static int close_enough(const char *typo, size_t n, const char *cand,
			size_t m, int *best)
{
	int d = edit_distance(typo, n, cand, m);
	int limit = n < 4 ? 1 : 2;

	if (d < 0 || d > limit || d >= (int)(n > m ? n : m))
		return 0;
	if (*best >= 0 && d >= *best)
		return 0;
	*best = d;
	return 1;
}

/* ---------------------------------------------------------------- */
/* URIs (RFC 3986): enough to resolve references and compare them    */

struct uri {
	const char *scheme, *auth, *path, *query, *frag;
	size_t scheme_len, auth_len, path_len, query_len, frag_len;
	int has_scheme, has_auth, has_query, has_frag;
};

static void uri_split(const char *s, struct uri *u)
{
	const char *p = s;

	memset(u, 0, sizeof(*u));
	if (is_alpha(*p)) {
		const char *q = p + 1;

		while (is_alpha(*q) || is_digit(*q) || *q == '+' || *q == '-' ||
		       *q == '.')
			q++;
		if (*q == ':') {
			u->has_scheme = 1;
			u->scheme = p;
			u->scheme_len = (size_t)(q - p);
			p = q + 1;
		}
	}
	if (p[0] == '/' && p[1] == '/') {
		u->has_auth = 1;
		p += 2;
		u->auth = p;
		while (*p && *p != '/' && *p != '?' && *p != '#')
			p++;
		u->auth_len = (size_t)(p - u->auth);
	}
	u->path = p;
	while (*p && *p != '?' && *p != '#')
		p++;
	u->path_len = (size_t)(p - u->path);
	if (*p == '?') {
		u->has_query = 1;
		u->query = ++p;
		while (*p && *p != '#')
			p++;
		u->query_len = (size_t)(p - u->query);
	}
	if (*p == '#') {
		u->has_frag = 1;
		u->frag = ++p;
		u->frag_len = strlen(p);
	}
}

/*
 * RFC 3986 5.2.4, appending the result to out: output segments are
 * "/seg", so ".." drops back to the last '/' written.
 */
static void remove_dots(struct buf *out, const char *in, size_t n)
{
	size_t start = out->len;
	size_t i = 0;

	while (i < n) {
		const char *p = in + i;
		size_t left = n - i;

		if (left >= 3 && memcmp(p, "../", 3) == 0) {
			i += 3;
		} else if (left >= 2 && memcmp(p, "./", 2) == 0) {
			i += 2;
		} else if (left >= 3 && memcmp(p, "/./", 3) == 0) {
			i += 2;
		} else if (left == 2 && memcmp(p, "/.", 2) == 0) {
			buf_addc(out, '/');	/* a final "/." is "/" */
			i = n;
		} else if ((left >= 4 && memcmp(p, "/../", 4) == 0) ||
			   (left == 3 && memcmp(p, "/..", 3) == 0)) {
			size_t k = out->len;

			while (k > start && out->buf[k - 1] != '/')
				k--;
			if (k > start)
				k--;
			buf_setlen(out, k);
			if (left == 3) {
				buf_addc(out, '/');
				i = n;
			} else {
				i += 3;
			}
		} else if ((left == 1 && p[0] == '.') ||
			   (left == 2 && memcmp(p, "..", 2) == 0)) {
			i = n;
		} else {
			size_t j = i + (p[0] == '/');

			while (j < n && in[j] != '/')
				j++;
			buf_add(out, p, j - i);
			i = j;
		}
	}
}

/* Resolve ref against the absolute base (RFC 3986 5.2.2) into out. */
static void uri_resolve(struct buf *out, const char *base, const char *ref)
{
	struct uri b, r;
	struct buf path = BUF_INIT;

	uri_split(base, &b);
	uri_split(ref, &r);
	buf_reset(out);
	if (r.has_scheme) {
		buf_add(out, r.scheme, r.scheme_len);
		buf_addc(out, ':');
		if (r.has_auth) {
			buf_adds(out, "//");
			buf_add(out, r.auth, r.auth_len);
		}
		remove_dots(out, r.path, r.path_len);
		if (r.has_query) {
			buf_addc(out, '?');
			buf_add(out, r.query, r.query_len);
		}
	} else {
		if (b.has_scheme) {
			buf_add(out, b.scheme, b.scheme_len);
			buf_addc(out, ':');
		}
		if (r.has_auth) {
			buf_adds(out, "//");
			buf_add(out, r.auth, r.auth_len);
			remove_dots(out, r.path, r.path_len);
		} else {
			if (b.has_auth) {
				buf_adds(out, "//");
				buf_add(out, b.auth, b.auth_len);
			}
			if (!r.path_len) {
				buf_add(out, b.path, b.path_len);
				if (!r.has_query && b.has_query) {
					buf_addc(out, '?');
					buf_add(out, b.query, b.query_len);
				}
			} else if (r.path[0] == '/') {
				remove_dots(out, r.path, r.path_len);
			} else {
				size_t k = b.path_len;

				if (b.has_auth && !b.path_len) {
					buf_addc(&path, '/');
				} else {
					while (k > 0 && b.path[k - 1] != '/')
						k--;
					buf_add(&path, b.path, k);
				}
				buf_add(&path, r.path, r.path_len);
				remove_dots(out, path.buf, path.len);
			}
		}
		if (r.has_query) {
			buf_addc(out, '?');
			buf_add(out, r.query, r.query_len);
		}
	}
	if (r.has_frag) {
		buf_addc(out, '#');
		buf_add(out, r.frag, r.frag_len);
	}
	buf_release(&path);
}

static void pct_decode(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && is_hex(s[i + 1]) &&
		    is_hex(s[i + 2])) {
			buf_addc(out, hex_val(s[i + 1]) * 16 + hex_val(s[i + 2]));
			i += 2;
		} else {
			buf_addc(out, s[i]);
		}
	}
}

/* A path into a URI path: only bytes that may stand as they are. */
static void pct_encode_path(struct buf *out, const char *s)
{
	static const char keep[] = "-._~/!$&'()*+,;=:@";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (is_alpha(c) || is_digit(c) || (c && strchr(keep, c)))
			buf_addc(out, c);
		else
			buf_addf(out, "%%%02X", c);
	}
}

/* ---------------------------------------------------------------- */
/* Loading: diagnostics, registry, memo                               */

static void lerr(struct loader *L, const struct sdoc *d, const struct ynode *at,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void lerr(struct loader *L, const struct sdoc *d, const struct ynode *at,
		 const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag(L->diags, R_SCHEMA_INVALID, d ? d->name : NULL, at ? at->line : 0,
	     at ? at->col : 0, NULL, "%s", msg.buf);
	buf_release(&msg);
	L->errors++;
}

/* A scalar's text for a message: escaped, cut short. */
static const char *shown_text(struct buf *b, const char *s, size_t n)
{
	size_t cut = n;

	buf_reset(b);
	if (cut > QUOTE_MAX) {
		cut = QUOTE_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	escape_text_line(b, s, cut);
	if (cut < n)
		buf_adds(b, "...");
	return b->buf;
}

static const char *node_text(struct buf *b, const struct ynode *n)
{
	if (n->type == Y_SEQ || n->type == Y_MAP) {
		buf_reset(b);
		buf_adds(b, ytype_name(n->type));
		return b->buf;
	}
	return shown_text(b, n->str ? n->str : "", n->str ? n->len : 0);
}

static struct res *res_find(struct loader *L, const char *uri)
{
	size_t i;

	for (i = 0; i < L->nres; i++)
		if (strcmp(L->res[i].uri, uri) == 0)
			return &L->res[i];
	return NULL;
}

/* Remember what a URI names; a second, different owner is an error. */
static void res_add(struct loader *L, const char *uri, struct sch *s,
		    const struct ynode *at, const char *what)
{
	struct res *r = res_find(L, uri);

	if (r) {
		if (r->s != s && s && r->s) {
			struct buf t = BUF_INIT;

			if (at)
				lerr(L, s->doc, at, "'%s' '%s' is already defined "
				     "at line %u", what, shown_text(&t, at->str, at->len),
				     r->s->node->line);
			else	/* a document, whose URI a subschema took */
				lerr(L, r->s->doc, r->s->node, "'$id' '%s' names the "
				     "document it is in: a subschema needs an "
				     "identifier of its own", shown_text(&t, uri, strlen(uri)));
			buf_release(&t);
		}
		return;
	}
	GROW(L->res, L->ares, L->nres + 1);
	L->res[L->nres].uri = xstrdup(uri);
	L->res[L->nres].s = s;
	L->nres++;
}

static size_t memo_slot(const struct loader *L, const struct ynode *n)
{
	uintptr_t h = (uintptr_t)n;

	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15ULL;
	return (size_t)(h >> 7) & (L->mcap - 1);
}

static struct sch *memo_get(const struct loader *L, const struct ynode *n)
{
	size_t i;

	if (!L->mcap)
		return NULL;
	for (i = memo_slot(L, n); L->mkeys[i]; i = (i + 1) & (L->mcap - 1))
		if (L->mkeys[i] == n)
			return L->mvals[i];
	return NULL;
}

static void memo_put(struct loader *L, const struct ynode *n, struct sch *s)
{
	size_t i;

	if ((L->mn + 1) * 2 > L->mcap) {
		const struct ynode **ok = L->mkeys;
		struct sch **ov = L->mvals;
		size_t oc = L->mcap;

		L->mcap = oc ? oc * 2 : 256;
		L->mkeys = xcalloc(L->mcap, sizeof(*L->mkeys));
		L->mvals = xcalloc(L->mcap, sizeof(*L->mvals));
		for (i = 0; i < oc; i++) {
			size_t j;

			if (!ok[i])
				continue;
			for (j = memo_slot(L, ok[i]); L->mkeys[j];
			     j = (j + 1) & (L->mcap - 1))
				;
			L->mkeys[j] = ok[i];
			L->mvals[j] = ov[i];
		}
		free(ok);
		free(ov);
	}
	for (i = memo_slot(L, n); L->mkeys[i]; i = (i + 1) & (L->mcap - 1))
		;
	L->mkeys[i] = n;
	L->mvals[i] = s;
	L->mn++;
}

/* ---------------------------------------------------------------- */
/* Regular expressions                                                */

/*
 * JSON Schema patterns are ECMA-262; PCRE2 10.42 knows the short
 * General_Category names (\p{Lu}) but not the long ones ECMA allows
 * (\p{Uppercase_Letter}, \p{gc=Letter}, \p{Script=Greek}), so those are
 * rewritten before compiling.
 */
static const char *const gc_names[][2] = {
	{ "Other", "C" }, { "Control", "Cc" }, { "cntrl", "Cc" },
	{ "Format", "Cf" }, { "Unassigned", "Cn" }, { "Private_Use", "Co" },
	{ "Surrogate", "Cs" }, { "Letter", "L" }, { "Cased_Letter", "L&" },
	{ "Lowercase_Letter", "Ll" }, { "Modifier_Letter", "Lm" },
	{ "Other_Letter", "Lo" }, { "Titlecase_Letter", "Lt" },
	{ "Uppercase_Letter", "Lu" }, { "Mark", "M" }, { "Combining_Mark", "M" },
	{ "Spacing_Mark", "Mc" }, { "Enclosing_Mark", "Me" },
	{ "Nonspacing_Mark", "Mn" }, { "Number", "N" }, { "Decimal_Number", "Nd" },
	{ "digit", "Nd" }, { "Letter_Number", "Nl" }, { "Other_Number", "No" },
	{ "Punctuation", "P" }, { "punct", "P" },
	{ "Connector_Punctuation", "Pc" }, { "Dash_Punctuation", "Pd" },
	{ "Close_Punctuation", "Pe" }, { "Final_Punctuation", "Pf" },
	{ "Initial_Punctuation", "Pi" }, { "Other_Punctuation", "Po" },
	{ "Open_Punctuation", "Ps" }, { "Symbol", "S" }, { "Currency_Symbol", "Sc" },
	{ "Modifier_Symbol", "Sk" }, { "Math_Symbol", "Sm" }, { "Other_Symbol", "So" },
	{ "Separator", "Z" }, { "Line_Separator", "Zl" },
	{ "Paragraph_Separator", "Zp" }, { "Space_Separator", "Zs" },
};

static void ecma_property(struct buf *out, const char *name, size_t n)
{
	size_t i;
	const char *eq = memchr(name, '=', n);

	if (eq) {
		size_t k = (size_t)(eq - name);
		const char *v = eq + 1;
		size_t vn = n - k - 1;

		if (memeq(name, k, "General_Category") || memeq(name, k, "gc")) {
			ecma_property(out, v, vn);
			return;
		}
		if (memeq(name, k, "Script") || memeq(name, k, "sc")) {
			buf_adds(out, "sc:");
			buf_add(out, v, vn);
			return;
		}
		if (memeq(name, k, "Script_Extensions") || memeq(name, k, "scx")) {
			buf_adds(out, "scx:");
			buf_add(out, v, vn);
			return;
		}
	}
	for (i = 0; i < ARRAY_SIZE(gc_names); i++) {
		if (memeq(name, n, gc_names[i][0])) {
			buf_adds(out, gc_names[i][1]);
			return;
		}
	}
	buf_add(out, name, n);
}

static void ecma_to_pcre(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 >= n) {
			buf_addc(out, s[i]);
			continue;
		}
		if ((s[i + 1] == 'p' || s[i + 1] == 'P') && i + 2 < n &&
		    s[i + 2] == '{') {
			const char *end = memchr(s + i + 3, '}', n - i - 3);

			if (end) {
				buf_add(out, s + i, 3);
				ecma_property(out, s + i + 3,
					      (size_t)(end - (s + i + 3)));
				buf_addc(out, '}');
				i = (size_t)(end - s);
				continue;
			}
		}
		buf_add(out, s + i, 2);
		i++;
	}
}

/* Compile an ECMA-style regex; on error, *msg gets PCRE2's words. */
static pcre2_code *re_compile(pcre2_compile_context *cctx, const char *s,
			      size_t n, char *msg, size_t msglen, size_t *off)
{
	struct buf p = BUF_INIT;
	pcre2_code *re;
	int err;
	PCRE2_SIZE eoff;

	ecma_to_pcre(&p, s, n);
	/*
	 * ECMA semantics where PCRE2 differs by default: $ only at the very
	 * end, \uXXXX escapes; MATCH_INVALID_UTF so a stray byte in an
	 * instance is a non-match rather than an error.
	 */
	re = pcre2_compile((PCRE2_SPTR)p.buf, p.len,
			   PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_BSUX |
			   PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C,
			   &err, &eoff, cctx);
	buf_release(&p);
	if (!re) {
		pcre2_get_error_message(err, (PCRE2_UCHAR *)msg, msglen);
		*off = eoff;
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static const pcre2_code *load_regex(struct loader *L, const struct sdoc *d,
				    const struct ynode *src, const char *kw)
{
	char msg[256];
	size_t off = 0;
	pcre2_code *re = re_compile(L->cctx, src->str, src->len, msg,
				    sizeof(msg), &off);

	if (!re) {
		struct buf t = BUF_INIT;

		lerr(L, d, src, "invalid regular expression '%s' in '%s': %s at offset %zu",
		     shown_text(&t, src->str, src->len), kw, msg, off);
		buf_release(&t);
		return NULL;
	}
	GROW(L->s->codes, L->s->acodes, L->s->ncodes + 1);
	L->s->codes[L->s->ncodes++] = re;
	L->s->has_regex = 1;
	return re;
}

/* ---------------------------------------------------------------- */
/* Compiling keywords                                                 */

enum kw {
	K_TYPE, K_ENUM, K_CONST, K_PROPERTIES, K_REQUIRED, K_ADDITIONAL,
	K_PATTERN_PROPS, K_PROPNAMES, K_ITEMS, K_PREFIX, K_CONTAINS,
	K_MIN_CONTAINS, K_MAX_CONTAINS, K_MIN_ITEMS, K_MAX_ITEMS, K_UNIQUE,
	K_MIN_LEN, K_MAX_LEN, K_PATTERN, K_MINIMUM, K_MAXIMUM, K_XMIN, K_XMAX,
	K_MULTIPLE, K_MIN_PROPS, K_MAX_PROPS, K_DEP_REQUIRED, K_DEP_SCHEMAS,
	K_ALL_OF, K_ANY_OF, K_ONE_OF, K_NOT, K_IF, K_THEN, K_ELSE, K_REF,
	K_DEFS, K_ID, K_ANCHOR, K_FORMAT, K_TITLE, K_DESCRIPTION, K_DEFAULT,
	K_EXAMPLES, K_COMMENT, K_DEPRECATED, K_READ_ONLY, K_WRITE_ONLY,
	K_SCHEMA, K__COUNT
};

static const char *const kw_names[K__COUNT] = {
	"type", "enum", "const", "properties", "required",
	"additionalProperties", "patternProperties", "propertyNames", "items",
	"prefixItems", "contains", "minContains", "maxContains", "minItems",
	"maxItems", "uniqueItems", "minLength", "maxLength", "pattern",
	"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
	"multipleOf", "minProperties", "maxProperties", "dependentRequired",
	"dependentSchemas", "allOf", "anyOf", "oneOf", "not", "if", "then",
	"else", "$ref", "$defs", "$id", "$anchor", "format", "title",
	"description", "default", "examples", "$comment", "deprecated",
	"readOnly", "writeOnly", "$schema",
};

static int kw_lookup(const struct ynode *key)
{
	int i;

	for (i = 0; i < K__COUNT; i++)
		if (memeq(key->str, key->len, kw_names[i]))
			return i;
	return -1;
}

static void unknown_keyword(struct loader *L, const struct sdoc *d,
			    const struct ynode *key)
{
	struct buf t = BUF_INIT;
	int i, best = -1, pick = -1;

	for (i = 0; i < K__COUNT; i++)
		if (close_enough(key->str, key->len, kw_names[i],
				 strlen(kw_names[i]), &best))
			pick = i;
	if (pick >= 0)
		lerr(L, d, key, "unknown keyword '%s' (did you mean '%s'?)",
		     shown_text(&t, key->str, key->len), kw_names[pick]);
	else
		lerr(L, d, key, "unknown keyword '%s'",
		     shown_text(&t, key->str, key->len));
	buf_release(&t);
}

static void wrong_type(struct loader *L, const struct sdoc *d, const char *kw,
		       const char *want, const struct ynode *val)
{
	struct buf t = BUF_INIT;

	if (val->type == Y_SEQ || val->type == Y_MAP || val->type == Y_NULL)
		lerr(L, d, val, "'%s' must be %s, got %s", kw, want,
		     ytype_name(val->type));
	else
		lerr(L, d, val, "'%s' must be %s, got %s '%s'", kw, want,
		     ytype_name(val->type), node_text(&t, val));
	buf_release(&t);
}

static struct sch *compile_schema(struct loader *L, const struct ynode *n,
				  const char *base, const struct sdoc *d);

static long long get_count(struct loader *L, const struct sdoc *d,
			   const char *kw, const struct ynode *val)
{
	if (val->type == Y_INT && val->v.i >= 0)
		return val->v.i;
	if (val->type == Y_FLOAT && is_integral(val) && val->num >= 0 &&
	    val->num < 9.2e18)
		return (long long)val->num;
	wrong_type(L, d, kw, "a non-negative integer", val);
	return -1;
}

static const struct ynode *get_number(struct loader *L, const struct sdoc *d,
				      const char *kw, const struct ynode *val)
{
	if (is_number(val) && !isnan(val->num))
		return val;
	wrong_type(L, d, kw, "a number", val);
	return NULL;
}

static int want(struct loader *L, const struct sdoc *d, const char *kw,
		const struct ynode *val, enum ytype t, const char *what)
{
	if (val->type == t)
		return 1;
	wrong_type(L, d, kw, what, val);
	return 0;
}

static struct sch **compile_list(struct loader *L, const struct sdoc *d,
				 const char *kw, const struct ynode *val,
				 const char *base, size_t *n)
{
	struct sch **v;
	size_t i;

	*n = 0;
	if (!want(L, d, kw, val, Y_SEQ, "a list of schemas"))
		return NULL;
	if (!val->n) {
		lerr(L, d, val, "'%s' must not be empty", kw);
		return NULL;
	}
	v = arena_alloc(&L->s->arena, val->n * sizeof(*v));
	for (i = 0; i < val->n; i++)
		v[i] = compile_schema(L, val->items[i], base, d);
	*n = val->n;
	return v;
}

static struct sprop *compile_map(struct loader *L, const struct sdoc *d,
				 const char *kw, const struct ynode *val,
				 const char *base, size_t *n)
{
	struct sprop *v;
	size_t i;

	*n = 0;
	if (!want(L, d, kw, val, Y_MAP, "a mapping of names to schemas"))
		return NULL;
	v = arena_alloc(&L->s->arena, (val->n ? val->n : 1) * sizeof(*v));
	for (i = 0; i < val->n; i++) {
		v[i].name = val->pairs[i].key->str;
		v[i].len = val->pairs[i].key->len;
		v[i].s = compile_schema(L, val->pairs[i].value, base, d);
	}
	*n = val->n;
	return v;
}

static int check_names(struct loader *L, const struct sdoc *d, const char *kw,
		       const struct ynode *val)
{
	size_t i;

	if (!want(L, d, kw, val, Y_SEQ, "a list of strings"))
		return 0;
	for (i = 0; i < val->n; i++)
		if (!want(L, d, kw, val->items[i], Y_STRING, "a list of strings"))
			return 0;
	return 1;
}

static unsigned parse_type_name(struct loader *L, const struct sdoc *d,
				const struct ynode *t)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "null", T_NULL }, { "boolean", T_BOOL }, { "integer", T_INT },
		{ "number", T_NUM }, { "string", T_STR }, { "array", T_ARR },
		{ "object", T_OBJ },
	};
	struct buf b = BUF_INIT;
	size_t i;

	if (t->type == Y_STRING)
		for (i = 0; i < ARRAY_SIZE(names); i++)
			if (memeq(t->str, t->len, names[i].name))
				return names[i].bit;
	if (t->type == Y_STRING)
		lerr(L, d, t, "unknown type '%s' in 'type' (one of null, boolean, "
		     "integer, number, string, array, object)",
		     shown_text(&b, t->str, t->len));
	else
		wrong_type(L, d, "type", "a type name or a list of them", t);
	buf_release(&b);
	return 0;
}

static unsigned parse_types(struct loader *L, const struct sdoc *d,
			    const struct ynode *val)
{
	unsigned t = 0;
	size_t i;

	if (val->type != Y_SEQ)
		return parse_type_name(L, d, val);
	if (!val->n)
		lerr(L, d, val, "'type' must not be an empty list");
	for (i = 0; i < val->n; i++)
		t |= parse_type_name(L, d, val->items[i]);
	return t;
}

static int parse_format(struct loader *L, const struct sdoc *d,
			const struct ynode *val)
{
	struct buf b = BUF_INIT;
	int i;

	if (!want(L, d, "format", val, Y_STRING, "a string"))
		return F_NONE;
	for (i = 1; i < (int)ARRAY_SIZE(formats); i++)
		if (memeq(val->str, val->len, formats[i].name))
			return i;
	/* folio asserts formats; an unknown one would silently check nothing */
	lerr(L, d, val, "unknown format '%s' (known: date, date-time, time, "
	     "email, uri, uri-reference, iri, iri-reference, hostname, ipv4, "
	     "ipv6, uuid, regex, partial-date)", shown_text(&b, val->str, val->len));
	buf_release(&b);
	return F_NONE;
}

static int prop_cmp(const void *pa, const void *pb)
{
	const struct sprop *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->name, b->name, n);

	if (c)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

/* A value as a short phrase: 'published', or a list a, b, c. */
static void add_plain_value(struct buf *b, const struct ynode *n, int quote)
{
	struct buf t = BUF_INIT;

	if (n->type == Y_SEQ || n->type == Y_MAP) {
		buf_adds(b, ytype_name(n->type));
	} else if (n->type == Y_NULL) {
		buf_adds(b, "null");
	} else if (quote) {
		buf_addf(b, "'%s'", shown_text(&t, n->str, n->len));
	} else {
		buf_adds(b, shown_text(&t, n->str, n->len));
	}
	buf_release(&t);
}

/*
 * The words "'status' is 'published'" for a condition that tests
 * properties against constants, looking into allOf/anyOf/oneOf when the
 * properties are not at the top (`anyOf: [{not: {required: [status]}},
 * {properties: {status: {const: published}}}]`).  0 when there are none.
 */
static int condition_words(struct buf *w, const struct ynode *n, int depth)
{
	static const char *const nested[] = { "allOf", "anyOf", "oneOf" };
	const struct ynode *props = ymap_get(n, "properties");
	struct buf t = BUF_INIT;
	size_t i, j, parts = 0;

	if (props && props->type == Y_MAP) {
		for (i = 0; i < props->n; i++) {
			const struct ynode *k = props->pairs[i].key;
			const struct ynode *v = props->pairs[i].value;
			const struct ynode *c = ymap_get(v, "const");
			const struct ynode *e = ymap_get(v, "enum");

			if (!c && e && e->type == Y_SEQ && e->n == 1)
				c = e->items[0];
			if (!c && !(e && e->type == Y_SEQ && e->n > 1))
				continue;
			buf_adds(w, parts++ ? " and " : "");
			buf_addf(w, "'%s' is ", shown_text(&t, k->str, k->len));
			if (c) {
				add_plain_value(w, c, 1);
				continue;
			}
			buf_adds(w, "one of ");
			for (j = 0; j < e->n; j++) {
				if (j)
					buf_adds(w, ", ");
				add_plain_value(w, e->items[j], 0);
			}
		}
	}
	buf_release(&t);
	if (parts || depth > 4)
		return (int)parts;
	for (i = 0; i < ARRAY_SIZE(nested); i++) {
		const struct ynode *l = ymap_get(n, nested[i]);

		for (j = 0; l && l->type == Y_SEQ && j < l->n; j++)
			if (condition_words(w, l->items[j], depth + 1))
				return 1;
	}
	return 0;
}

/*
 * For `if: {properties: {status: {const: published}}}`, the words that
 * explain a then/else failure: "when 'status' is 'published'" and
 * "unless 'status' is 'published'".  NULL when the condition is not of
 * that simple shape.
 */
static void make_when(struct loader *L, struct sch *s)
{
	struct buf w = BUF_INIT, x = BUF_INIT;

	if (condition_words(&w, s->if_->node, 0)) {
		buf_addf(&x, "when %s", w.buf);
		s->when = arena_strndup(&L->s->arena, x.buf, x.len);
		buf_reset(&x);
		buf_addf(&x, "unless %s", w.buf);
		s->unless = arena_strndup(&L->s->arena, x.buf, x.len);
	}
	buf_release(&w);
	buf_release(&x);
}

/* A description short and plain enough to finish "'id' must be ...". */
static void keep_description(struct loader *L, struct sch *s,
			     const struct ynode *val)
{
	size_t n = val->len;
	char *d;

	while (n && (val->str[n - 1] == '.' || val->str[n - 1] == ' ' ||
		     val->str[n - 1] == '\n'))
		n--;
	if (!n || n > 100 || memchr(val->str, '\n', n))
		return;
	d = arena_strndup(&L->s->arena, val->str, n);
	/* "Lowercase words" reads as "'id' must be lowercase words", but
	 * an acronym such as "ISO date" keeps its capitals */
	if (d[0] >= 'A' && d[0] <= 'Z' && !(n > 1 && d[1] >= 'A' && d[1] <= 'Z'))
		d[0] = (char)(d[0] - 'A' + 'a');
	s->description = d;
}

static int valid_anchor(const char *s, size_t n)
{
	size_t i;

	if (!n || !(is_alpha(s[0]) || s[0] == '_'))
		return 0;
	for (i = 1; i < n; i++)
		if (!(is_alpha(s[i]) || is_digit(s[i]) || s[i] == '-' ||
		      s[i] == '_' || s[i] == '.'))
			return 0;
	return 1;
}

/* $id: the new base URI of this subschema and everything inside it. */
static const char *compile_id(struct loader *L, struct sch *s,
			      const struct ynode *val, const char *base)
{
	struct buf u = BUF_INIT, t = BUF_INIT;
	const char *hash;

	if (!want(L, s->doc, "$id", val, Y_STRING, "a URI"))
		return base;
	uri_resolve(&u, base, val->str);
	hash = strchr(u.buf, '#');
	if (hash && hash[1]) {
		lerr(L, s->doc, val, "'$id' must not have a fragment, got '%s' "
		     "(use '$anchor')", shown_text(&t, val->str, val->len));
		goto out;
	}
	if (hash)
		buf_setlen(&u, (size_t)(hash - u.buf));
	base = arena_strndup(&L->s->arena, u.buf, u.len);
	res_add(L, base, s, val, "$id");
out:
	buf_release(&u);
	buf_release(&t);
	return base;
}

/* The keywords on any value, numbers and strings. */
static int compile_scalar(struct loader *L, struct sch *s, int k,
			   const struct ynode *val)
{
	const struct sdoc *d = s->doc;
	const char *kw = kw_names[k];

	switch (k) {
	case K_TYPE:
		s->types = parse_types(L, d, val);
		break;
	case K_ENUM:
		if (want(L, d, kw, val, Y_SEQ, "a list of values"))
			s->enum_v = val;
		break;
	case K_CONST:
		s->const_v = val;
		break;
	case K_MIN_LEN:
		s->min_len = get_count(L, d, kw, val);
		break;
	case K_MAX_LEN:
		s->max_len = get_count(L, d, kw, val);
		break;
	case K_PATTERN:
		if (want(L, d, kw, val, Y_STRING, "a regular expression")) {
			s->pattern = load_regex(L, d, val, kw);
			s->pattern_src = val;
		}
		break;
	case K_MINIMUM:
		s->minimum = get_number(L, d, kw, val);
		break;
	case K_MAXIMUM:
		s->maximum = get_number(L, d, kw, val);
		break;
	case K_XMIN:
		s->xminimum = get_number(L, d, kw, val);
		break;
	case K_XMAX:
		s->xmaximum = get_number(L, d, kw, val);
		break;
	case K_MULTIPLE:
		s->multiple = get_number(L, d, kw, val);
		if (s->multiple && !(s->multiple->num > 0)) {
			wrong_type(L, d, kw, "a number greater than 0", val);
			s->multiple = NULL;
		}
		break;
	case K_FORMAT:
		s->fmt = (unsigned char)parse_format(L, d, val);
		break;
	default:
		return 0;
	}
	return 1;
}

/* The keywords on mappings. */
static int compile_object(struct loader *L, struct sch *s, int k,
			   const struct ynode *val, const char *base)
{
	const struct sdoc *d = s->doc;
	const char *kw = kw_names[k];
	size_t i;

	switch (k) {
	case K_PROPERTIES:
		s->props = compile_map(L, d, kw, val, base, &s->nprops);
		if (s->nprops > 1)
			qsort(s->props, s->nprops, sizeof(*s->props), prop_cmp);
		break;
	case K_REQUIRED:
		if (check_names(L, d, kw, val))
			s->required = val;
		break;
	case K_ADDITIONAL:
		s->additional = compile_schema(L, val, base, d);
		break;
	case K_PATTERN_PROPS:
		if (!want(L, d, kw, val, Y_MAP, "a mapping of patterns to schemas"))
			break;
		s->pats = arena_alloc(&L->s->arena,
				      (val->n ? val->n : 1) * sizeof(*s->pats));
		for (i = 0; i < val->n; i++) {
			struct spat *p = &s->pats[s->npats];

			p->src = val->pairs[i].key;
			p->re = load_regex(L, d, p->src, kw);
			p->s = compile_schema(L, val->pairs[i].value, base, d);
			if (p->re)
				s->npats++;
		}
		break;
	case K_PROPNAMES:
		s->propnames = compile_schema(L, val, base, d);
		break;
	case K_MIN_PROPS:
		s->min_props = get_count(L, d, kw, val);
		break;
	case K_MAX_PROPS:
		s->max_props = get_count(L, d, kw, val);
		break;
	case K_DEP_REQUIRED:
		if (!want(L, d, kw, val, Y_MAP, "a mapping of names to lists of names"))
			break;
		for (i = 0; i < val->n; i++)
			if (!check_names(L, d, kw, val->pairs[i].value))
				break;
		if (i == val->n)
			s->dep_required = val;
		break;
	case K_DEP_SCHEMAS:
		s->dep_schemas = compile_map(L, d, kw, val, base, &s->ndep_schemas);
		break;
	default:
		return 0;
	}
	return 1;
}

/* The keywords on lists. */
static int compile_array(struct loader *L, struct sch *s, int k,
			  const struct ynode *val, const char *base)
{
	const struct sdoc *d = s->doc;
	const char *kw = kw_names[k];

	switch (k) {
	case K_ITEMS:
		if (val->type == Y_SEQ) {
			lerr(L, d, val, "'items' must be a schema; a list of "
			     "schemas is 'prefixItems' in draft 2020-12");
			break;
		}
		s->items = compile_schema(L, val, base, d);
		break;
	case K_PREFIX:
		s->prefix = compile_list(L, d, kw, val, base, &s->nprefix);
		break;
	case K_CONTAINS:
		s->contains = compile_schema(L, val, base, d);
		break;
	case K_MIN_CONTAINS:
		s->min_contains = get_count(L, d, kw, val);
		break;
	case K_MAX_CONTAINS:
		s->max_contains = get_count(L, d, kw, val);
		break;
	case K_MIN_ITEMS:
		s->min_items = get_count(L, d, kw, val);
		break;
	case K_MAX_ITEMS:
		s->max_items = get_count(L, d, kw, val);
		break;
	case K_UNIQUE:
		if (want(L, d, kw, val, Y_BOOL, "true or false"))
			s->unique = (unsigned char)val->v.b;
		break;
	default:
		return 0;
	}
	return 1;
}

/* The keywords that apply other schemas, and the definitions they name. */
static int compile_applicator(struct loader *L, struct sch *s, int k,
			       const struct ynode *val, const char *base)
{
	const struct sdoc *d = s->doc;
	const char *kw = kw_names[k];
	size_t i;

	switch (k) {
	case K_ALL_OF:
		s->all_of = compile_list(L, d, kw, val, base, &s->nall);
		break;
	case K_ANY_OF:
		s->any_of = compile_list(L, d, kw, val, base, &s->nany);
		break;
	case K_ONE_OF:
		s->one_of = compile_list(L, d, kw, val, base, &s->none);
		break;
	case K_NOT:
		s->not_ = compile_schema(L, val, base, d);
		break;
	case K_IF:
		s->if_ = compile_schema(L, val, base, d);
		break;
	case K_THEN:
		s->then_ = compile_schema(L, val, base, d);
		break;
	case K_ELSE:
		s->else_ = compile_schema(L, val, base, d);
		break;
	case K_REF:
		if (want(L, d, kw, val, Y_STRING, "a URI reference")) {
			s->ref_src = val;
			GROW(L->refs, L->arefs, L->nrefs + 1);
			L->refs[L->nrefs++] = s;
		}
		break;
	case K_DEFS:
		if (want(L, d, kw, val, Y_MAP, "a mapping of names to schemas"))
			for (i = 0; i < val->n; i++)
				compile_schema(L, val->pairs[i].value, base, d);
		break;
	default:
		return 0;
	}
	return 1;
}

/* The keywords that identify or annotate a schema. */
static int compile_annotation(struct loader *L, struct sch *s, int k,
			       const struct ynode *val)
{
	const struct sdoc *d = s->doc;
	const char *kw = kw_names[k];

	switch (k) {
	case K_ID:
		break;		/* done first, in compile_schema() */
	case K_ANCHOR:
		break;		/* likewise */
	case K_DESCRIPTION:
		if (want(L, d, kw, val, Y_STRING, "a string"))
			keep_description(L, s, val);
		break;
	case K_TITLE:
	case K_COMMENT:
	case K_SCHEMA:
		want(L, d, kw, val, Y_STRING, "a string");
		break;
	case K_DEFAULT:
		break;
	case K_EXAMPLES:
		want(L, d, kw, val, Y_SEQ, "a list of values");
		break;
	case K_DEPRECATED:
	case K_READ_ONLY:
	case K_WRITE_ONLY:
		want(L, d, kw, val, Y_BOOL, "true or false");
		break;
	default:
		return 0;
	}
	return 1;
}

/* Keyword k of schema s, whose value is val, compiled into s. */
static void compile_keyword(struct loader *L, struct sch *s, int k,
			    const struct ynode *val, const char *base)
{
	if (!compile_scalar(L, s, k, val) && !compile_object(L, s, k, val, base) &&
	    !compile_array(L, s, k, val, base) && !compile_applicator(L, s, k, val, base))
		compile_annotation(L, s, k, val);
}

/*
 * Compile the schema at node n (once: a node reached again, through a
 * YAML alias or a $ref to it, gives the same struct sch).
 */
static struct sch *compile_schema(struct loader *L, const struct ynode *n,
				  const char *base, const struct sdoc *d)
{
	struct sch *s = memo_get(L, n);
	const struct ynode *v;
	size_t i;

	if (s)
		return s;
	s = arena_alloc(&L->s->arena, sizeof(*s));
	s->node = n;
	s->doc = d;
	s->base = base;
	s->min_len = s->max_len = s->min_items = s->max_items = -1;
	s->min_props = s->max_props = s->max_contains = -1;
	s->min_contains = 1;
	memo_put(L, n, s);
	if (n->type == Y_BOOL) {
		s->always = (signed char)n->v.b;
		return s;
	}
	s->always = -1;
	if (n->type != Y_MAP) {
		struct buf t = BUF_INIT;

		if (n->type == Y_SEQ || n->type == Y_NULL)
			lerr(L, d, n, "a schema must be a mapping or true or "
			     "false, got %s", ytype_name(n->type));
		else
			lerr(L, d, n, "a schema must be a mapping or true or "
			     "false, got %s '%s'", ytype_name(n->type),
			     node_text(&t, n));
		buf_release(&t);
		s->always = 1;
		return s;
	}
	/* $id first: every other keyword here, $ref included, resolves
	 * against the base it sets, wherever it stands in the mapping */
	if ((v = ymap_get(n, "$id")))
		s->base = base = compile_id(L, s, v, base);
	if ((v = ymap_get(n, "$anchor")) &&
	    want(L, d, "$anchor", v, Y_STRING, "a name")) {
		struct buf u = BUF_INIT, t = BUF_INIT;

		if (!valid_anchor(v->str, v->len)) {
			lerr(L, d, v, "'$anchor' must be a letter or '_' "
			     "followed by letters, digits, '-', '_' or '.', got '%s'",
			     shown_text(&t, v->str, v->len));
		} else {
			buf_addf(&u, "%s#%s", base, v->str);
			res_add(L, u.buf, s, v, "$anchor");
		}
		buf_release(&u);
		buf_release(&t);
	}
	for (i = 0; i < n->n; i++) {
		const struct ynode *key = n->pairs[i].key;
		int k = kw_lookup(key);

		if (k < 0)
			unknown_keyword(L, d, key);
		else
			compile_keyword(L, s, k, n->pairs[i].value, base);
	}
	if (s->if_)
		make_when(L, s);
	return s;
}

/* ---------------------------------------------------------------- */
/* Documents and $ref resolution                                      */

/* The path from the working directory to p, for messages. */
static char *display_path(const struct loader *L, const char *p)
{
	struct buf b = BUF_INIT;
	const char *c = L->cwd, *q = p;
	const char *cs = c, *qs = q;

	if (!c || p[0] != '/')
		return xstrdup(p);
	/* longest common run of whole components */
	while (*c && *q && *c == *q) {
		if (*c == '/') {
			cs = c + 1;
			qs = q + 1;
		}
		c++;
		q++;
	}
	if (!*c && (!*q || q[-1] == '/')) {
		cs = c;
		qs = q;
	}
	for (c = cs; *c; c++)
		if (*c == '/')
			buf_adds(&b, "../");
	buf_adds(&b, qs);
	return buf_detach(&b, NULL);
}

static struct sdoc *add_doc(struct loader *L, const char *name, const char *uri,
			    const char *text, size_t len, int embedded_ok)
{
	struct sdoc *d = xcalloc(1, sizeof(*d));
	struct yaml_opts yo;

	d->name = xstrdup(name);
	d->uri = xstrdup(uri);
	d->embedded_ok = embedded_ok;
	GROW(L->s->docs, L->s->adocs, L->s->ndocs + 1);
	L->s->docs[L->s->ndocs++] = d;
	memset(&yo, 0, sizeof(yo));
	yo.file = d->name;
	if (ydoc_parse_named(&d->y, name, text, len, &yo, L->diags) < 0) {
		L->errors++;
		res_add(L, uri, NULL, NULL, NULL);
		return NULL;
	}
	if (!d->y.root) {
		lerr(L, d, NULL, "the schema is empty");
		res_add(L, uri, NULL, NULL, NULL);
		return NULL;
	}
	return d;
}

/* Compile a loaded document and make its URI (and root $id) known. */
static struct sch *add_root(struct loader *L, struct sdoc *d)
{
	struct sch *s = compile_schema(L, d->y.root, d->uri, d);

	res_add(L, d->uri, s, NULL, NULL);
	return s;
}

/*
 * Load the schema file a file:// URI names.  Schemas under schemas/
 * referenced from an embedded schema come from the embedded copies
 * first, so the built-in defaults work from any directory.  On failure
 * *why says what went wrong (static storage or errno text).
 */
static const char *errno_text(char *b, size_t n);

static struct sch *load_uri(struct loader *L, const char *uri,
			    const struct sdoc *from, const char **why,
			    char *errbuf, size_t errlen)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	struct sch *s = NULL;
	struct sdoc *d;
	char *name = NULL;
	const char *data;
	size_t len;
	enum buf_read_result r;

	*why = NULL;
	if (!starts_with(uri, "file://"))
		goto out;
	pct_decode(&path, uri + 7, strlen(uri + 7));
	name = display_path(L, path.buf);
	if (from->embedded_ok && starts_with(name, "schemas/") &&
	    (data = embed_find(name, &len))) {
		if ((d = add_doc(L, name, uri, data, len, 1)))
			s = add_root(L, d);
		goto out;
	}
	r = buf_read_file(&text, path.buf, YAML_MAX_FILE);
	if (r != BUF_READ_OK) {
		*why = r == BUF_READ_TOO_BIG ? "larger than 4 MiB" :
		       r == BUF_READ_NOT_FILE ? "not a regular file" :
		       errno_text(errbuf, errlen);
		res_add(L, uri, NULL, NULL, NULL);
		goto out;
	}
	d = add_doc(L, name, uri, text.buf, text.len,
		    from->embedded_ok && starts_with(name, "schemas/"));
	if (d)
		s = add_root(L, d);
out:
	free(name);
	buf_release(&path);
	buf_release(&text);
	return s;
}

/* Follow a JSON pointer (already percent-decoded) from n. */
static const struct ynode *walk_pointer(const struct ynode *n, const char *p)
{
	struct buf tok = BUF_INIT;

	while (n && *p == '/') {
		const char *end = strchr(p + 1, '/');
		const char *q;
		size_t i, k;

		if (!end)
			end = p + strlen(p);
		buf_reset(&tok);
		for (q = p + 1; q < end; q++) {
			if (*q == '~' && q + 1 < end && (q[1] == '0' || q[1] == '1')) {
				buf_addc(&tok, q[1] == '0' ? '~' : '/');
				q++;
			} else {
				buf_addc(&tok, *q);
			}
		}
		p = end;
		if (n->type == Y_MAP) {
			const struct ynode *next = NULL;

			for (i = 0; i < n->n; i++) {
				const struct ynode *key = n->pairs[i].key;

				if (key->len == tok.len &&
				    memcmp(key->str, tok.buf, tok.len) == 0) {
					next = n->pairs[i].value;
					break;
				}
			}
			n = next;
		} else if (n->type == Y_SEQ) {
			if (!tok.len || (tok.len > 1 && tok.buf[0] == '0'))
				n = NULL;
			for (i = 0, k = 0; n && i < tok.len; i++) {
				if (!is_digit(tok.buf[i]) || k > n->n) {
					n = NULL;
					break;
				}
				k = k * 10 + (size_t)(tok.buf[i] - '0');
			}
			n = n && k < n->n ? n->items[k] : NULL;
		} else {
			n = NULL;
		}
	}
	buf_release(&tok);
	return *p ? NULL : n;
}

static void resolve_ref(struct loader *L, struct sch *s)
{
	struct buf uri = BUF_INIT, frag = BUF_INIT, t = BUF_INIT;
	const char *ref = s->ref_src->str;
	const char *why = NULL;
	char errbuf[128];
	struct res *r;
	struct sch *root = NULL, *target = NULL;
	char *hash;
	struct uri ru;

	uri_resolve(&uri, s->base, ref);
	if ((hash = strchr(uri.buf, '#'))) {
		pct_decode(&frag, hash + 1, strlen(hash + 1));
		buf_setlen(&uri, (size_t)(hash - uri.buf));
	}
	r = res_find(L, uri.buf);
	if (r) {
		root = r->s;
		if (!root)
			goto out;	/* that document's errors are reported */
	} else {
		root = load_uri(L, uri.buf, s->doc, &why, errbuf, sizeof(errbuf));
	}
	/*
	 * A schema whose $id is a web address but which refers to a sibling
	 * file by a relative name: look for that file beside this one.
	 */
	uri_split(ref, &ru);
	if (!root && !why && !ru.has_scheme && !starts_with(uri.buf, "file:")) {
		uri_resolve(&uri, s->doc->uri, ref);
		if ((hash = strchr(uri.buf, '#')))
			buf_setlen(&uri, (size_t)(hash - uri.buf));
		r = res_find(L, uri.buf);
		root = r ? r->s : load_uri(L, uri.buf, s->doc, &why, errbuf,
					    sizeof(errbuf));
		if (r && !root)
			goto out;
	}
	if (!root)
		goto fail;
	if (!frag.len) {
		target = root;
	} else if (frag.buf[0] == '/') {
		const struct ynode *n = walk_pointer(root->node, frag.buf);

		if (n)
			target = compile_schema(L, n, root->base, root->doc);
	} else {
		/* anchors live under the base their resource's $id sets */
		buf_reset(&uri);
		buf_addf(&uri, "%s#%s", root->base, frag.buf);
		r = res_find(L, uri.buf);
		target = r ? r->s : NULL;
	}
	if (target) {
		s->ref = target;
		goto out;
	}
fail:
	if (why)
		lerr(L, s->doc, s->ref_src, "'$ref' '%s' resolves to no schema "
		     "(cannot read it: %s)", shown_text(&t, ref, strlen(ref)), why);
	else
		lerr(L, s->doc, s->ref_src, "'$ref' '%s' resolves to no schema",
		     shown_text(&t, ref, strlen(ref)));
out:
	buf_release(&uri);
	buf_release(&frag);
	buf_release(&t);
}

/* strerror() in the lowercase of every folio message. */
static const char *errno_text(char *b, size_t n)
{
	snprintf(b, n, "%s", errmsg(errno));
	if (b[0] >= 'A' && b[0] <= 'Z' && !(b[1] >= 'A' && b[1] <= 'Z'))
		b[0] = (char)(b[0] - 'A' + 'a');
	return b;
}

static char *get_cwd(void)
{
	size_t n = 256;

	for (;;) {
		char *b = xmalloc(n + 1);

		if (getcwd(b, n)) {
			size_t k = strlen(b);

			if (!k || b[k - 1] != '/') {
				b[k] = '/';
				b[k + 1] = '\0';
			}
			return b;
		}
		free(b);
		if (errno != ERANGE || n > (1u << 20))
			return NULL;
		n *= 2;
	}
}

struct schema *schema_load_mem(const char *name, const char *text, size_t len,
			       struct diag_list *diags)
{
	struct loader L;
	struct buf base = BUF_INIT, uri = BUF_INIT;
	struct sdoc *d;
	size_t i;

	memset(&L, 0, sizeof(L));
	L.s = xcalloc(1, sizeof(*L.s));
	L.diags = diags;
	L.cwd = get_cwd();
	L.cctx = pcre2_compile_context_create(NULL);
	if (!L.cctx)
		xmalloc((size_t)-1);
#ifdef PCRE2_EXTRA_ALT_BSUX
	pcre2_set_compile_extra_options(L.cctx, PCRE2_EXTRA_ALT_BSUX);
#endif
	/* the document's own location is its first base URI */
	buf_adds(&base, "file://");
	if (name[0] != '/')
		pct_encode_path(&base, L.cwd ? L.cwd : "/");
	else
		buf_addc(&base, '/');
	buf_reset(&uri);
	{
		struct buf rel = BUF_INIT;

		pct_encode_path(&rel, name[0] == '/' ? name + 1 : name);
		uri_resolve(&uri, base.buf, rel.buf);
		buf_release(&rel);
	}
	d = add_doc(&L, name, uri.buf, text, len, starts_with(name, "schemas/"));
	if (d)
		L.s->root = add_root(&L, d);
	/* resolving a $ref may load a file that adds more $refs */
	for (i = 0; i < L.nrefs; i++)
		resolve_ref(&L, L.refs[i]);

	buf_release(&base);
	buf_release(&uri);
	for (i = 0; i < L.nres; i++)
		free(L.res[i].uri);
	free(L.res);
	free(L.refs);
	free(L.mkeys);
	free(L.mvals);
	free(L.cwd);
	pcre2_compile_context_free(L.cctx);
	if (L.errors || !L.s->root) {
		schema_free(L.s);
		return NULL;
	}
	return L.s;
}

struct schema *schema_load_file(const char *path, struct diag_list *diags)
{
	struct buf text = BUF_INIT;
	struct schema *s = NULL;
	enum buf_read_result r = buf_read_file(&text, path, YAML_MAX_FILE);

	if (r == BUF_READ_OK)
		s = schema_load_mem(path, text.buf, text.len, diags);
	else if (r == BUF_READ_TOO_BIG)
		diag(diags, R_YAML_LIMITS, path, 0, 0, NULL,
		     "schema larger than 4 MiB");
	else if (r == BUF_READ_NOT_FILE)
		diag(diags, R_IO, path, 0, 0, NULL,
		     "cannot read schema: not a regular file");
	else {
		char e[128];

		diag(diags, R_IO, path, 0, 0, NULL, "cannot read schema: %s",
		     errno_text(e, sizeof(e)));
	}
	buf_release(&text);
	return s;
}

void schema_free(struct schema *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->ncodes; i++)
		pcre2_code_free(s->codes[i]);
	free(s->codes);
	for (i = 0; i < s->ndocs; i++) {
		ydoc_release(&s->docs[i]->y);
		free(s->docs[i]->name);
		free(s->docs[i]->uri);
		free(s->docs[i]);
	}
	free(s->docs);
	arena_release(&s->arena);
	free(s);
}

/* ---------------------------------------------------------------- */
/* Formats                                                            */

static int read_digits(const char *s, size_t n, size_t at, size_t k, int *out)
{
	size_t i;
	int v = 0;

	if (at + k > n)
		return 0;
	for (i = 0; i < k; i++) {
		if (!is_digit(s[at + i]))
			return 0;
		v = v * 10 + (s[at + i] - '0');
	}
	*out = v;
	return 1;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* YYYY-MM-DD (full) or YYYY-MM (partial) at s[0..n). */
static int check_date(const char *s, size_t n, int partial)
{
	int y, m, d;

	if (!read_digits(s, n, 0, 4, &y) || n < 7 || s[4] != '-' ||
	    !read_digits(s, n, 5, 2, &m) || m < 1 || m > 12)
		return 0;
	/* folio's dates are calendar dates of articles: there is no year 0 */
	if (partial && y == 0)
		return 0;
	if (partial && n == 7)
		return 1;
	return n == 10 && s[7] == '-' && read_digits(s, n, 8, 2, &d) && d >= 1 &&
	       d <= days_in_month(y, m);
}

/* RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM). */
static int check_time(const char *s, size_t n)
{
	int h, m, sec, oh = 0, om = 0, sign = 0;
	size_t i = 8;

	if (!read_digits(s, n, 0, 2, &h) || s[2] != ':' ||
	    !read_digits(s, n, 3, 2, &m) || n < 8 || s[5] != ':' ||
	    !read_digits(s, n, 6, 2, &sec))
		return 0;
	if (h > 23 || m > 59 || sec > 60)
		return 0;
	if (i < n && s[i] == '.') {
		size_t k = ++i;

		while (i < n && is_digit(s[i]))
			i++;
		if (i == k)
			return 0;
	}
	if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
		i++;
	} else if (i < n && (s[i] == '+' || s[i] == '-')) {
		sign = s[i] == '+' ? 1 : -1;
		if (!read_digits(s, n, i + 1, 2, &oh) || i + 3 >= n || s[i + 3] != ':' ||
		    !read_digits(s, n, i + 4, 2, &om) || oh > 23 || om > 59)
			return 0;
		i += 6;
	} else {
		return 0;
	}
	if (i != n)
		return 0;
	if (sec == 60) {
		/* a leap second only at 23:59:60 UTC */
		int utc = ((h * 60 + m - sign * (oh * 60 + om)) % 1440 + 1440) % 1440;

		if (utc != 23 * 60 + 59)
			return 0;
	}
	return 1;
}

static int check_datetime(const char *s, size_t n)
{
	return n > 11 && check_date(s, 10, 0) &&
	       (s[10] == 'T' || s[10] == 't') && check_time(s + 11, n - 11);
}

/* Dotted quad, no leading zeros. */
static int check_ipv4(const char *s, size_t n)
{
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		size_t start = i;
		int v = 0;

		if (part) {
			if (i >= n || s[i] != '.')
				return 0;
			start = ++i;
		}
		while (i < n && is_digit(s[i]) && i - start < 3)
			v = v * 10 + (s[i++] - '0');
		if (i == start || v > 255 || (i - start > 1 && s[start] == '0'))
			return 0;
	}
	return i == n;
}

static int check_ipv6(const char *s, size_t n)
{
	size_t i = 0;
	int groups = 0, gap = 0;

	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 1;
		i = 2;
		if (i == n)
			return 1;
	} else if (n && s[0] == ':') {
		return 0;
	}
	while (i < n) {
		size_t start = i;

		while (i < n && is_hex(s[i]) && i - start < 5)
			i++;
		if (i < n && s[i] == '.') {
			/* an IPv4 tail counts as two groups */
			if (!check_ipv4(s + start, n - start))
				return 0;
			groups += 2;
			i = n;
			break;
		}
		if (i == start || i - start > 4)
			return 0;
		groups++;
		if (i == n)
			break;
		if (s[i] != ':')
			return 0;
		i++;
		if (i < n && s[i] == ':') {
			if (gap)
				return 0;
			gap = 1;
			i++;
			if (i == n)
				break;
		} else if (i == n) {
			return 0;
		}
	}
	return gap ? groups < 8 : groups == 8;
}

/* RFC 3492 decoding of a Punycode label into code points. */
static int punycode_decode(const char *in, size_t n, uint32_t *out,
			   size_t *outn, size_t cap)
{
	const uint32_t base = 36, tmin = 1, tmax = 26, skew = 38, damp = 700;
	uint32_t cp = 128, i = 0, bias = 72;
	size_t b = 0, j, len = 0, pos;

	for (j = 0; j < n; j++)
		if (in[j] == '-')
			b = j;
	if (b > 0 || (n && in[0] == '-')) {
		for (j = 0; j < b; j++) {
			if ((unsigned char)in[j] >= 0x80 || len >= cap)
				return 0;
			out[len++] = (unsigned char)in[j];
		}
		pos = b + 1;
	} else {
		pos = 0;
	}
	while (pos < n) {
		uint32_t oldi = i, w = 1, k, delta, numpoints;

		for (k = base;; k += base) {
			uint32_t digit, t;
			int c;

			if (pos >= n)
				return 0;
			c = (unsigned char)in[pos++];
			if (c >= 'a' && c <= 'z')
				digit = (uint32_t)(c - 'a');
			else if (c >= 'A' && c <= 'Z')
				digit = (uint32_t)(c - 'A');
			else if (c >= '0' && c <= '9')
				digit = (uint32_t)(c - '0' + 26);
			else
				return 0;
			if (digit > (UINT32_MAX - i) / w)
				return 0;
			i += digit * w;
			t = k <= bias ? tmin : k >= bias + tmax ? tmax : k - bias;
			if (digit < t)
				break;
			if (w > UINT32_MAX / (base - t))
				return 0;
			w *= base - t;
		}
		/* adapt the bias */
		numpoints = (uint32_t)len + 1;
		delta = oldi == 0 ? (i - oldi) / damp : (i - oldi) / 2;
		delta += delta / numpoints;
		for (k = 0; delta > ((base - tmin) * tmax) / 2; k += base)
			delta /= base - tmin;
		bias = k + (base - tmin + 1) * delta / (delta + skew);
		if (i / numpoints > UINT32_MAX - cp)
			return 0;
		cp += i / numpoints;
		i %= numpoints;
		if (len >= cap || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		memmove(out + i + 1, out + i, (len - i) * sizeof(*out));
		out[i++] = cp;
		len++;
	}
	*outn = len;
	return 1;
}

static int in_range(uint32_t c, uint32_t lo, uint32_t hi)
{
	return c >= lo && c <= hi;
}

/* NFKC_Casefold(c) == c: IDNA2008's "Unstable" test, negated. */
static int nfkc_cf_stable(uint32_t c)
{
	utf8proc_uint8_t in[8], *out;
	utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)c, in);
	int same;

	in[n] = 0;
	out = utf8proc_NFKC_Casefold(in);
	if (!out)
		return 0;
	same = strcmp((const char *)in, (const char *)out) == 0;
	free(out);
	return same;
}

/* RFC 5892 derived property PVALID for a code point outside ASCII. */
static int idna_pvalid(uint32_t c)
{
	static const uint32_t exc_pvalid[] = { 0xDF, 0x3C2, 0x6FD, 0x6FE, 0xF0B, 0x3007 };
	static const uint32_t exc_disallowed[] = {
		0x640, 0x7FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034,
		0x3035, 0x303B,
	};
	const utf8proc_property_t *p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(exc_pvalid); i++)
		if (c == exc_pvalid[i])
			return 1;
	for (i = 0; i < ARRAY_SIZE(exc_disallowed); i++)
		if (c == exc_disallowed[i])
			return 0;
	p = utf8proc_get_property((utf8proc_int32_t)c);
	if (p->category == UTF8PROC_CATEGORY_CN || p->ignorable)
		return 0;
	if ((c & 0xFFFE) == 0xFFFE || in_range(c, 0xFDD0, 0xFDEF))
		return 0;
	if (in_range(c, 0x20D0, 0x20FF) || in_range(c, 0x1D100, 0x1D24F))
		return 0;
	if (in_range(c, 0x1100, 0x11FF) || in_range(c, 0xA960, 0xA97F) ||
	    in_range(c, 0xD7B0, 0xD7FF))
		return 0;
	switch (p->category) {
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
		return nfkc_cf_stable(c);
	default:
		return 0;
	}
}

static int is_greek(uint32_t c)
{
	return in_range(c, 0x370, 0x3FF) || in_range(c, 0x1F00, 0x1FFF);
}

static int is_hebrew(uint32_t c)
{
	return in_range(c, 0x591, 0x5F4) || in_range(c, 0xFB1D, 0xFB4F);
}

static int is_kana_han(uint32_t c)
{
	return (in_range(c, 0x3040, 0x30FF) && c != 0x30FB) ||
	       in_range(c, 0x31F0, 0x31FF) || in_range(c, 0xFF66, 0xFF9D) ||
	       in_range(c, 0x3400, 0x4DBF) || in_range(c, 0x4E00, 0x9FFF) ||
	       in_range(c, 0xF900, 0xFAFF) || in_range(c, 0x20000, 0x3FFFF) ||
	       c == 0x3005 || c == 0x3007 || in_range(c, 0x3021, 0x3029) ||
	       in_range(c, 0x3038, 0x303B);
}

/*
 * Arabic joining types, enough for the ZERO WIDTH NON-JOINER rule:
 * 'R' right-joining, 'D' dual, 'T' transparent, 'U' otherwise.
 */
static int joining_type(uint32_t c)
{
	static const uint32_t right[][2] = {
		{ 0x622, 0x625 }, { 0x627, 0x627 }, { 0x629, 0x629 },
		{ 0x62F, 0x632 }, { 0x648, 0x648 }, { 0x671, 0x673 },
		{ 0x675, 0x677 }, { 0x688, 0x699 }, { 0x6C0, 0x6C0 },
		{ 0x6C3, 0x6CB }, { 0x6CD, 0x6CD }, { 0x6CF, 0x6CF },
		{ 0x6D2, 0x6D3 }, { 0x6D5, 0x6D5 }, { 0x6EE, 0x6EF },
	};
	utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
	size_t i;

	if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME ||
	    (cat == UTF8PROC_CATEGORY_CF && c != 0x200C && c != 0x200D))
		return 'T';
	for (i = 0; i < ARRAY_SIZE(right); i++)
		if (in_range(c, right[i][0], right[i][1]))
			return 'R';
	if ((in_range(c, 0x620, 0x6FF) || in_range(c, 0x750, 0x77F) ||
	     in_range(c, 0x8A0, 0x8FF)) && cat == UTF8PROC_CATEGORY_LO &&
	    c != 0x621 && c != 0x674 && c != 0x6D5)
		return 'D';
	if (c == 0x640)
		return 'D';
	return 'U';
}

static int ccc_virama(uint32_t c)
{
	return utf8proc_get_property((utf8proc_int32_t)c)->combining_class == 9;
}

/* IDNA2008 (RFC 5891 5892) checks of a decoded U-label. */
static int check_ulabel(const uint32_t *u, size_t n)
{
	size_t i;
	int arabic = 0, extended = 0, ascii_only = 1;

	if (!n)
		return 0;
	if (n >= 4 && u[2] == '-' && u[3] == '-')
		return 0;
	if (u[0] == '-' || u[n - 1] == '-')
		return 0;
	switch (utf8proc_category((utf8proc_int32_t)u[0])) {
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return 0;
	default:
		break;
	}
	for (i = 0; i < n; i++) {
		uint32_t c = u[i];

		if (c < 0x80) {
			if (!((c >= 'a' && c <= 'z') || is_digit((int)c) || c == '-'))
				return 0;
			continue;
		}
		ascii_only = 0;
		if (c == 0x200C) {
			size_t j, k;

			if (i > 0 && ccc_virama(u[i - 1]))
				continue;
			for (j = i; j > 0 && joining_type(u[j - 1]) == 'T'; j--)
				;
			for (k = i + 1; k < n && joining_type(u[k]) == 'T'; k++)
				;
			if (j == 0 || k == n ||
			    !strchr("LD", joining_type(u[j - 1])) ||
			    !strchr("RD", joining_type(u[k])))
				return 0;
		} else if (c == 0x200D) {
			if (!(i > 0 && ccc_virama(u[i - 1])))
				return 0;
		} else if (c == 0xB7) {
			if (!(i > 0 && i + 1 < n && u[i - 1] == 'l' && u[i + 1] == 'l'))
				return 0;
		} else if (c == 0x375) {
			if (!(i + 1 < n && is_greek(u[i + 1])))
				return 0;
		} else if (c == 0x5F3 || c == 0x5F4) {
			if (!(i > 0 && is_hebrew(u[i - 1])))
				return 0;
		} else if (c == 0x30FB) {
			size_t j;

			for (j = 0; j < n && !is_kana_han(u[j]); j++)
				;
			if (j == n)
				return 0;
		} else if (in_range(c, 0x660, 0x669)) {
			arabic = 1;
		} else if (in_range(c, 0x6F0, 0x6F9)) {
			extended = 1;
		} else if (!idna_pvalid(c)) {
			return 0;
		}
	}
	return !ascii_only && !(arabic && extended);
}

/* RFC 1123 host name; labels starting "xn--" must be valid A-labels. */
static int check_hostname(const char *s, size_t n)
{
	size_t i = 0;

	if (!n || n > 253)
		return 0;
	while (i <= n) {
		size_t start = i, len;

		while (i < n && s[i] != '.')
			i++;
		len = i - start;
		if (!len || len > 63)
			return 0;
		for (size_t k = start; k < i; k++)
			if (!(is_alpha(s[k]) || is_digit(s[k]) || s[k] == '-'))
				return 0;
		if (s[start] == '-' || s[i - 1] == '-')
			return 0;
		if (len >= 4 && s[start + 2] == '-' && s[start + 3] == '-') {
			uint32_t u[64];
			size_t un;

			if ((s[start] | 0x20) != 'x' || (s[start + 1] | 0x20) != 'n')
				return 0;
			if (!punycode_decode(s + start + 4, len - 4, u, &un,
					     ARRAY_SIZE(u)) ||
			    !check_ulabel(u, un))
				return 0;
		}
		i++;
	}
	return 1;
}

static int is_atext(int c)
{
	return is_alpha(c) || is_digit(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* RFC 5321 mailbox: dot-atom or quoted local part, host or [literal]. */
static int check_email(const char *s, size_t n)
{
	size_t i = 0;

	if (n && s[0] == '"') {
		for (i = 1; i < n && s[i] != '"'; i++) {
			if (s[i] == '\\' && i + 1 < n)
				i++;
			else if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
				return 0;
		}
		if (i >= n)
			return 0;
		i++;
	} else {
		size_t start = 0;

		for (;;) {
			while (i < n && is_atext((unsigned char)s[i]))
				i++;
			if (i == start)
				return 0;
			if (i < n && s[i] == '.') {
				start = ++i;
				continue;
			}
			break;
		}
	}
	if (i >= n || s[i] != '@')
		return 0;
	i++;
	if (i < n && s[i] == '[') {
		if (s[n - 1] != ']')
			return 0;
		if (n - i - 2 >= 5 && memcmp(s + i + 1, "IPv6:", 5) == 0)
			return check_ipv6(s + i + 6, n - i - 7);
		return check_ipv4(s + i + 1, n - i - 2);
	}
	return check_hostname(s + i, n - i);
}

static int is_unreserved(int c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

static int is_subdelim(int c)
{
	return c && strchr("!$&'()*+,;=", c);
}

/* Characters in s[0..n) are each allowed (pct-encoded triplets too). */
static int uri_chars(const char *s, size_t n, const char *extra, int ucs)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		/* an IRI (RFC 3987) also takes characters from U+00A0 up
		 * (the instance is valid UTF-8), but the bidi controls */
		if (ucs && c >= 0x80) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate(
				(const utf8proc_uint8_t *)s + i,
				(utf8proc_ssize_t)(n - i), &cp);

			if (k <= 0 || cp < 0xA0 || (cp >= 0x200E && cp <= 0x200F) ||
			    (cp >= 0x202A && cp <= 0x202E) ||
			    (cp >= 0xFFF0 && cp <= 0xFFFF))
				return 0;
			i += (size_t)k - 1;
			continue;
		}
		if (c == '%') {
			if (i + 2 >= n)
				return 0;
			if (!is_hex(s[i + 1]) || !is_hex(s[i + 2]))
				return 0;
			i += 2;
		} else if (!(is_unreserved(c) || is_subdelim(c) ||
			     (c && strchr(extra, c)))) {
			return 0;
		}
	}
	return 1;
}

static int check_authority(const char *s, size_t n, int ucs)
{
	const char *at = memchr(s, '@', n);
	size_t i, hostlen;

	if (at) {
		if (!uri_chars(s, (size_t)(at - s), ":", ucs))
			return 0;
		n -= (size_t)(at - s) + 1;
		s = at + 1;
	}
	if (n && s[0] == '[') {
		const char *end = memchr(s, ']', n);

		if (!end)
			return 0;
		hostlen = (size_t)(end - s) + 1;
		if (hostlen > 2 && (s[1] == 'v' || s[1] == 'V')) {
			if (!uri_chars(s + 1, hostlen - 2, ":", 0))
				return 0;
		} else if (!check_ipv6(s + 1, hostlen - 2)) {
			return 0;
		}
	} else {
		for (hostlen = 0; hostlen < n && s[hostlen] != ':'; hostlen++)
			;
		if (!uri_chars(s, hostlen, "", ucs))
			return 0;
	}
	if (hostlen < n) {
		if (s[hostlen] != ':')
			return 0;
		for (i = hostlen + 1; i < n; i++)
			if (!is_digit(s[i]))
				return 0;
	}
	return 1;
}

/* RFC 3986 URI (need_scheme) or URI-reference; with ucs, RFC 3987 IRI. */
static int check_uri(const char *s, size_t n, int need_scheme, int ucs)
{
	struct uri u;
	size_t i;

	if (memchr(s, '\0', n))
		return 0;
	uri_split(s, &u);
	if (need_scheme && !u.has_scheme)
		return 0;
	if (u.has_auth && !check_authority(u.auth, u.auth_len, ucs))
		return 0;
	if (!uri_chars(u.path, u.path_len, ":@/", ucs))
		return 0;
	if (!u.has_scheme && !u.has_auth) {
		/* a relative path's first segment cannot hold a colon */
		for (i = 0; i < u.path_len && u.path[i] != '/'; i++)
			if (u.path[i] == ':')
				return 0;
	}
	if (u.has_query && !uri_chars(u.query, u.query_len, ":@/?", ucs))
		return 0;
	if (u.has_frag && !uri_chars(u.frag, u.frag_len, ":@/?", ucs))
		return 0;
	return 1;
}

static int check_uuid(const char *s, size_t n)
{
	size_t i;

	if (n != 36)
		return 0;
	for (i = 0; i < n; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!is_hex(s[i])) {
			return 0;
		}
	}
	return 1;
}

static int check_regex(const char *s, size_t n)
{
	pcre2_compile_context *cctx = pcre2_compile_context_create(NULL);
	pcre2_code *re;
	char msg[128];
	size_t off;

	if (!cctx)
		xmalloc((size_t)-1);
#ifdef PCRE2_EXTRA_ALT_BSUX
	pcre2_set_compile_extra_options(cctx, PCRE2_EXTRA_ALT_BSUX);
#endif
	re = re_compile(cctx, s, n, msg, sizeof(msg), &off);
	pcre2_code_free(re);
	pcre2_compile_context_free(cctx);
	return re != NULL;
}

static int check_format(int f, const char *s, size_t n)
{
	switch (f) {
	case F_DATE: return check_date(s, n, 0);
	case F_PARTIAL_DATE: return check_date(s, n, 1);
	case F_DATETIME: return check_datetime(s, n);
	case F_TIME: return check_time(s, n);
	case F_EMAIL: return check_email(s, n);
	case F_URI: return check_uri(s, n, 1, 0);
	case F_URIREF: return check_uri(s, n, 0, 0);
	case F_IRI: return check_uri(s, n, 1, 1);
	case F_IRIREF: return check_uri(s, n, 0, 1);
	case F_HOSTNAME: return check_hostname(s, n);
	case F_IPV4: return check_ipv4(s, n);
	case F_IPV6: return check_ipv6(s, n);
	case F_UUID: return check_uuid(s, n);
	case F_REGEX: return check_regex(s, n);
	}
	return 1;
}

/* ---------------------------------------------------------------- */
/* Validation                                                         */

/* Where in the instance we are: a chain of frames on the C stack. */
struct vpath {
	const struct vpath *up;
	const char *key;	/* map key bytes (P_KEY, P_NAME) */
	size_t len;
	size_t idx;		/* P_INDEX */
	int kind;
};

enum { P_ROOT, P_KEY, P_INDEX, P_NAME };

/* What every copy of a validation context shares. */
struct vshared {
	long steps;
	int aborted;		/* E_TOO_DEEP or E_TOO_LONG: everything fails */
	const struct ynode *at;	/* where it happened */
	struct buf name, ptr;
};

struct vctx {
	struct diag_list *diags;	/* NULL: only validity is wanted */
	const char *file;
	pcre2_match_data *md;
	const char *when;		/* for `required` just below then/else */
	int depth;
	int closest_nest;		/* report_closest() calls open */
	struct vshared *shared;
};

static const struct ynode null_instance = { .type = Y_NULL, .str = "null", .len = 4 };

static int validate_node(struct vctx *c, const struct sch *s,
			 const struct ynode *x, const struct vpath *p);

static int re_match(struct vctx *c, const pcre2_code *re, const char *s,
		    size_t n)
{
	/* straight to the JIT code, which skips pcre2_match()'s checks of
	 * its arguments; the interpreter where there is none */
	int r = pcre2_jit_match(re, (PCRE2_SPTR)s, n, 0, 0, c->md, NULL);

	if (r == PCRE2_ERROR_JIT_BADOPTION)
		r = pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, c->md, NULL);
	return r >= 0;
}

/* Validity of x against s, whatever mode c is in. */
static int valid_in(struct vctx *c, const struct sch *s, const struct ynode *x,
		    const struct vpath *p)
{
	struct diag_list *saved = c->diags;
	int n;

	c->diags = NULL;
	n = validate_node(c, s, x, p);
	c->diags = saved;
	return n == 0;
}

static int has_key(const struct ynode *m, const char *k, size_t n)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct ynode *key = m->pairs[i].key;

		if (key->len == n && memcmp(key->str, k, n) == 0)
			return 1;
	}
	return 0;
}

static const struct sprop *find_prop(const struct sch *s, const struct ynode *key)
{
	size_t lo = 0, hi = s->nprops;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct sprop *q = &s->props[mid];
		size_t n = q->len < key->len ? q->len : key->len;
		/* memcmp's order; most steps are decided by the first byte */
		int c = n && key->str[0] != q->name[0] ?
			(unsigned char)key->str[0] - (unsigned char)q->name[0] :
			memcmp(key->str, q->name, n);

		if (!c)
			c = (key->len > q->len) - (key->len < q->len);
		if (!c)
			return q;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The JSON pointer of p (RFC 6901). */
static void path_pointer(struct buf *b, const struct vpath *p)
{
	const struct vpath *chain[256];
	size_t n = 0, k;

	for (; p && p->kind != P_ROOT && n < ARRAY_SIZE(chain); p = p->up)
		chain[n++] = p;
	while (n-- > 0) {
		p = chain[n];
		buf_addc(b, '/');
		if (p->kind == P_INDEX) {
			buf_addf(b, "%zu", p->idx);
			continue;
		}
		for (k = 0; k < p->len; k++) {
			if (p->key[k] == '~')
				buf_adds(b, "~0");
			else if (p->key[k] == '/')
				buf_adds(b, "~1");
			else
				buf_addc(b, p->key[k]);
		}
	}
}

/* How a message names the place: 'updated', 'related[2]', key 'Foo'. */
static void path_name(struct buf *b, const struct vpath *p)
{
	struct buf idx = BUF_INIT, t = BUF_INIT;
	const struct vpath *q = p;

	if (!p || p->kind == P_ROOT) {
		buf_adds(b, "the document");
		return;
	}
	while (q && q->kind == P_INDEX) {
		struct buf tmp = BUF_INIT;

		buf_addf(&tmp, "[%zu]%s", q->idx, idx.buf);
		buf_reset(&idx);
		buf_add(&idx, tmp.buf, tmp.len);
		buf_release(&tmp);
		q = q->up;
	}
	if (q && q->kind == P_NAME)
		buf_adds(b, "key ");
	if (q && q->kind != P_ROOT)
		buf_addf(b, "'%s%s'", shown_text(&t, q->key, q->len), idx.buf);
	else
		buf_addf(b, "'%s'", idx.buf);
	buf_release(&idx);
	buf_release(&t);
}

/* What the instance is, for "got ...": 'xx', array, object, null. */
static void add_got(struct buf *b, const struct ynode *x)
{
	struct buf t = BUF_INIT;

	if (x->type == Y_SEQ || x->type == Y_MAP || x->type == Y_NULL)
		buf_adds(b, ytype_name(x->type));
	else
		buf_addf(b, "'%s'", shown_text(&t, x->str, x->len));
	buf_release(&t);
}

/* In the words of ytype_name(), so "must be ..., got ..." match. */
static void add_types(struct buf *b, unsigned t)
{
	static const struct { unsigned bit; const char *s; } names[] = {
		{ T_STR, "a string" }, { T_INT, "an integer" },
		{ T_NUM, "a number" }, { T_BOOL, "a boolean" },
		{ T_ARR, "an array" }, { T_OBJ, "an object" }, { T_NULL, "null" },
	};
	size_t i, k = 0, total = 0;

	if (t & T_NUM)
		t &= ~(unsigned)T_INT;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		total += (t & names[i].bit) != 0;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!(t & names[i].bit))
			continue;
		if (k)
			buf_adds(b, k + 1 == total ? " or " : ", ");
		buf_adds(b, names[i].s);
		k++;
	}
}

/* A value as JSON, compact, for enum lists. */
static void add_json(struct buf *b, const struct ynode *n)
{
	size_t i;

	switch (n->type) {
	case Y_SEQ:
		buf_addc(b, '[');
		for (i = 0; i < n->n; i++) {
			if (i)
				buf_addc(b, ',');
			add_json(b, n->items[i]);
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
			add_json(b, n->pairs[i].value);
		}
		buf_addc(b, '}');
		break;
	case Y_NULL:
		buf_adds(b, "null");
		break;
	case Y_STRING:
		escape_json_str(b, n->str, n->len);
		break;
	default:
		buf_add(b, n->str, n->len);
		break;
	}
}

static void add_value(struct buf *b, const struct ynode *n)
{
	struct buf json = BUF_INIT, t = BUF_INIT;

	if (n->type == Y_SEQ || n->type == Y_MAP) {
		add_json(&json, n);
		buf_adds(b, shown_text(&t, json.buf, json.len));
	} else {
		add_plain_value(b, n, 0);
	}
	buf_release(&json);
	buf_release(&t);
}

enum failure {
	E_FALSE, E_TYPE, E_ENUM, E_CONST, E_MINIMUM, E_XMIN, E_MAXIMUM, E_XMAX,
	E_MULTIPLE, E_MIN_LEN, E_MAX_LEN, E_PATTERN, E_FORMAT, E_MIN_ITEMS,
	E_MAX_ITEMS, E_UNIQUE, E_MIN_CONTAINS, E_MAX_CONTAINS, E_MIN_PROPS,
	E_MAX_PROPS, E_REQUIRED, E_DEP_REQUIRED, E_UNKNOWN, E_NOT, E_ONE_OF,
	E_NO_MATCH,
	/* not reported by fail_report(): ending a run, they are
	 * validate_document()'s to tell */
	E_TOO_DEEP, E_TOO_LONG,
};

static const char *plural_of(long long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The message of one violation, built by fail_report()'s helpers. */
struct fail_text {
	struct buf msg, name, t;	/* the message, the value's name, a scratch */
	struct vctx *c;
	const struct sch *s;
	const struct ynode *x, *a, *b;
	const struct vpath *p;
	long long num;
};

/* What is wrong with a value of the wrong type or outside an enumeration. */
static int fail_value(struct fail_text *f, enum failure e)
{
	const struct sch *s = f->s;
	const struct ynode *x = f->x;
	long long num = f->num;
	size_t i;

	switch (e) {
	case E_FALSE:
		buf_addf(&f->msg, "%s is not allowed", f->name.buf);
		break;
	case E_TYPE:
		buf_addf(&f->msg, "%s must be ", f->name.buf);
		add_types(&f->msg, (unsigned)num);
		buf_adds(&f->msg, ", got ");
		/* a scalar: its type and its value, "got integer '5'" */
		if (x->type != Y_SEQ && x->type != Y_MAP && x->type != Y_NULL)
			buf_addf(&f->msg, "%s ", ytype_name(x->type));
		add_got(&f->msg, x);
		break;
	case E_ENUM:
		if (!s->enum_v->n) {
			buf_addf(&f->msg, "%s is not allowed (an empty 'enum')", f->name.buf);
			break;
		}
		buf_addf(&f->msg, "%s must be one of ", f->name.buf);
		for (i = 0; i < s->enum_v->n; i++) {
			if (f->msg.len > ENUM_TEXT_MAX) {
				buf_adds(&f->msg, ", ...");
				break;
			}
			if (i)
				buf_adds(&f->msg, ", ");
			add_value(&f->msg, s->enum_v->items[i]);
		}
		buf_adds(&f->msg, ", got ");
		add_got(&f->msg, x);
		break;
	case E_CONST:
		buf_addf(&f->msg, "%s must be ", f->name.buf);
		if (s->const_v->type == Y_SEQ || s->const_v->type == Y_MAP)
			add_value(&f->msg, s->const_v);
		else
			add_plain_value(&f->msg, s->const_v, 1);
		buf_adds(&f->msg, ", got ");
		add_got(&f->msg, x);
		break;
	default:
		return 0;
	}
	return 1;
}

/* What is wrong with a number or a string outside its limits. */
static int fail_limit(struct fail_text *f, enum failure e)
{
	const struct sch *s = f->s;
	const struct ynode *x = f->x;
	const struct ynode *a = f->a;
	long long num = f->num;

	switch (e) {
	case E_MINIMUM:
	case E_XMIN:
	case E_MAXIMUM:
	case E_XMAX:
		buf_addf(&f->msg, "%s must be %s %s, got ", f->name.buf,
			 e == E_MINIMUM ? "at least" : e == E_XMIN ? "greater than" :
			 e == E_MAXIMUM ? "at most" : "less than",
			 shown_text(&f->t, a->str, a->len));
		add_got(&f->msg, x);
		break;
	case E_MULTIPLE:
		buf_addf(&f->msg, "%s must be a multiple of %s, got ", f->name.buf,
			 shown_text(&f->t, a->str, a->len));
		add_got(&f->msg, x);
		break;
	case E_MIN_LEN:
		buf_addf(&f->msg, "%s must be at least %lld %s long, got ", f->name.buf,
			 s->min_len, plural_of(s->min_len, "character", "characters"));
		add_got(&f->msg, x);
		break;
	case E_MAX_LEN:
		buf_addf(&f->msg, "%s must be at most %lld %s long, got %lld",
			 f->name.buf, s->max_len,
			 plural_of(s->max_len, "character", "characters"), num);
		break;
	case E_PATTERN:
		if (s->description)
			buf_addf(&f->msg, "%s must be %s, got ", f->name.buf, s->description);
		else
			buf_addf(&f->msg, "%s must match '%s', got ", f->name.buf,
				 shown_text(&f->t, s->pattern_src->str, s->pattern_src->len));
		add_got(&f->msg, x);
		break;
	case E_FORMAT:
		buf_addf(&f->msg, "%s must be %s, got ", f->name.buf, formats[s->fmt].what);
		add_got(&f->msg, x);
		break;
	default:
		return 0;
	}
	return 1;
}

/* What is wrong with the size or the items of a list or a mapping. */
static int fail_size(struct fail_text *f, enum failure e)
{
	const struct sch *s = f->s;
	const struct ynode *x = f->x;
	const struct vpath *p = f->p;
	long long num = f->num;

	switch (e) {
	case E_MIN_ITEMS:
		buf_addf(&f->msg, "%s must have at least %lld %s, got %zu", f->name.buf,
			 s->min_items, plural_of(s->min_items, "item", "items"), x->n);
		break;
	case E_MAX_ITEMS:
		buf_addf(&f->msg, "%s must have at most %lld %s, got %zu", f->name.buf,
			 s->max_items, plural_of(s->max_items, "item", "items"), x->n);
		break;
	case E_UNIQUE:
		/* reported at the repeated item: name is the list's */
		buf_reset(&f->name);
		path_name(&f->name, p->up);
		buf_addf(&f->msg, "%s must not repeat items, got ", f->name.buf);
		add_got(&f->msg, x);
		buf_addf(&f->msg, " again (first at [%lld])", num);
		break;
	case E_MIN_CONTAINS:
	case E_MAX_CONTAINS: {
		const struct ynode *cv = s->contains->always < 0 ?
			s->contains->const_v : NULL;
		long long lim = e == E_MIN_CONTAINS ? s->min_contains : s->max_contains;

		buf_addf(&f->msg, "%s must contain %s %lld ", f->name.buf,
			 e == E_MIN_CONTAINS ? "at least" : "at most", lim);
		if (cv && cv->type != Y_SEQ && cv->type != Y_MAP) {
			buf_adds(&f->msg, plural_of(lim, "item ", "items "));
			add_plain_value(&f->msg, cv, 1);
		} else {
			buf_adds(&f->msg, plural_of(lim, "matching item", "matching items"));
		}
		buf_addf(&f->msg, ", got %lld", num);
		break;
	}
	case E_MIN_PROPS:
		buf_addf(&f->msg, "%s must have at least %lld %s, got %zu", f->name.buf,
			 s->min_props, plural_of(s->min_props, "key", "keys"), x->n);
		break;
	case E_MAX_PROPS:
		buf_addf(&f->msg, "%s must have at most %lld %s, got %zu", f->name.buf,
			 s->max_props, plural_of(s->max_props, "key", "keys"), x->n);
		break;
	default:
		return 0;
	}
	return 1;
}

/* What is wrong with the keys of a mapping. */
static int fail_key(struct fail_text *f, enum failure e)
{
	struct vctx *c = f->c;
	const struct sch *s = f->s;
	const struct ynode *x = f->x;
	const struct ynode *a = f->a;
	const struct ynode *b = f->b;
	const struct vpath *p = f->p;
	size_t i;

	switch (e) {
	case E_REQUIRED:
		if (c->when) {
			buf_addf(&f->msg, "'%s' is required %s",
				 shown_text(&f->t, a->str, a->len), c->when);
		} else {
			buf_addf(&f->msg, "missing required key '%s'",
				 shown_text(&f->t, a->str, a->len));
		}
		if (p->kind != P_ROOT)
			buf_addf(&f->msg, " in %s", f->name.buf);
		break;
	case E_DEP_REQUIRED:
		buf_addf(&f->msg, "'%s' is required when ", shown_text(&f->t, a->str, a->len));
		buf_addf(&f->msg, "'%s' is present", shown_text(&f->t, b->str, b->len));
		if (p->kind != P_ROOT)
			buf_addf(&f->msg, " in %s", f->name.buf);
		break;
	case E_UNKNOWN: {
		/* x is the key; the name is that of the mapping */
		int best = -1;
		const struct sprop *pick = NULL;

		buf_addf(&f->msg, "unknown key '%s'", shown_text(&f->t, x->str, x->len));
		if (p->up && p->up->kind != P_ROOT) {
			buf_reset(&f->name);
			path_name(&f->name, p->up);
			buf_addf(&f->msg, " in %s", f->name.buf);
		}
		for (i = 0; i < s->nprops; i++)
			if (close_enough(x->str, x->len, s->props[i].name,
					 s->props[i].len, &best))
				pick = &s->props[i];
		if (pick)
			buf_addf(&f->msg, " (did you mean '%s'?)",
				 shown_text(&f->t, pick->name, pick->len));
		break;
	}
	default:
		return 0;
	}
	return 1;
}

/* What is wrong with a value matching a wrong number of forms. */
static int fail_form(struct fail_text *f, enum failure e)
{
	const struct sch *s = f->s;
	const struct ynode *x = f->x;
	long long num = f->num;

	switch (e) {
	case E_NOT:
		if (s->not_->description)
			buf_addf(&f->msg, "%s must not be %s, got ", f->name.buf,
				 s->not_->description);
		else
			buf_addf(&f->msg, "%s must not match the schema in 'not', got ",
				 f->name.buf);
		add_got(&f->msg, x);
		break;
	case E_ONE_OF:
		buf_addf(&f->msg, "%s must match exactly one allowed form, got ",
			 f->name.buf);
		add_got(&f->msg, x);
		buf_addf(&f->msg, " matching %lld", num);
		break;
	case E_NO_MATCH:
		buf_addf(&f->msg, "%s matches none of the allowed forms, got ", f->name.buf);
		add_got(&f->msg, x);
		break;
	default:
		return 0;
	}
	return 1;
}

/*
 * Report one violation.  a and b are the nodes the message needs (the
 * missing key's name, the key that requires it...); num a count.
 */
static void fail_report(struct vctx *c, enum failure e, const struct sch *s,
			const struct ynode *x, const struct vpath *p,
			const struct ynode *a, const struct ynode *b, long long num)
{
	struct fail_text f = { BUF_INIT, BUF_INIT, BUF_INIT, c, s, x, a, b, p, num };
	struct buf ptr = BUF_INIT;
	const struct ynode *at = x;

	path_name(&f.name, p);
	path_pointer(&ptr, p);
	if (!fail_value(&f, e) && !fail_limit(&f, e) && !fail_size(&f, e) &&
	    !fail_key(&f, e))
		fail_form(&f, e);
	if (!at)
		at = &null_instance;
	diag(c->diags, R_SCHEMA, c->file, at->line, at->col, ptr.buf, "%s", f.msg.buf);
	buf_release(&f.msg);
	buf_release(&f.name);
	buf_release(&ptr);
	buf_release(&f.t);
}

/* The types an alternative demands, looking through a bare $ref. */
static unsigned demanded_types(const struct sch *s)
{
	int hops;

	for (hops = 0; hops < 16 && s->always < 0 && !s->types && s->ref; hops++)
		s = s->ref;
	return s->always < 0 ? s->types : 0;
}

static int min_depth(const struct diag_list *l, size_t from)
{
	size_t i;
	int best = INT_MAX;

	for (i = from; i < l->n; i++) {
		const char *q = l->v[i].pointer;
		int d = 0;

		for (; q && *q; q++)
			d += *q == '/';
		if (d < best)
			best = d;
	}
	return best;
}

/*
 * Every alternative of anyOf/oneOf failed: report one type error when
 * they all want another type, else the errors of the alternative that
 * came closest (its errors deepest in the instance, then fewest), not a
 * wall of every alternative's complaints.
 */
static void report_closest(struct vctx *c, struct sch *const *alts, size_t n,
			   const struct ynode *x, const struct vpath *p)
{
	struct diag_list best = DIAG_LIST_INIT;
	unsigned types = 0, have = inst_types(x);
	int best_depth = -1;
	size_t i, best_n = 0, typed = 0;

	for (i = 0; i < n; i++) {
		unsigned t = demanded_types(alts[i]);

		if (t && !(t & have)) {
			types |= t;
			typed++;
		}
	}
	if (typed == n) {
		fail_report(c, E_TYPE, NULL, x, p, NULL, NULL, types);
		return;
	}
	for (i = 0; i < n; i++) {
		struct diag_list tmp = DIAG_LIST_INIT;
		struct vctx c2 = *c;
		unsigned t = demanded_types(alts[i]);
		int depth;

		if (t && !(t & have))
			continue;
		if (best.n && c->closest_nest >= MAX_CLOSEST_NEST)
			break;
		c2.diags = &tmp;
		c2.when = NULL;
		c2.closest_nest++;
		validate_node(&c2, alts[i], x, p);
		depth = min_depth(&tmp, 0);
		if (tmp.n && (best_depth < 0 || depth > best_depth ||
			      (depth == best_depth && tmp.n < best_n))) {
			diag_list_release(&best);
			best = tmp;
			best_depth = depth;
			best_n = tmp.n;
		} else {
			diag_list_release(&tmp);
		}
	}
	if (best.n)
		diag_list_append(c->diags, &best);
	else
		fail_report(c, E_NO_MATCH, NULL, x, p, NULL, NULL, 0);
	diag_list_release(&best);
}

/* Stop at the first failure when only validity is wanted. */
#define FAILED(k) do { nerr += (k); if (!c->diags) goto out; } while (0)
#define REPORT(...) \
	do { if (c->diags) fail_report(c, __VA_ARGS__); FAILED(1); } while (0)

static int validate_object(struct vctx *c, const struct sch *s,
			   const struct ynode *x, const struct vpath *p,
			   const char *when)
{
	int nerr = 0;
	size_t i, j;

	if (s->min_props >= 0 && (long long)x->n < s->min_props)
		REPORT(E_MIN_PROPS, s, x, p, NULL, NULL, 0);
	if (s->max_props >= 0 && (long long)x->n > s->max_props)
		REPORT(E_MAX_PROPS, s, x, p, NULL, NULL, 0);
	if (s->required) {
		const char *saved = c->when;

		c->when = when;
		for (i = 0; i < s->required->n; i++) {
			const struct ynode *k = s->required->items[i];

			if (!has_key(x, k->str, k->len)) {
				if (c->diags)
					fail_report(c, E_REQUIRED, s, x, p, k, NULL, 0);
				nerr++;
				if (!c->diags)
					break;
			}
		}
		c->when = saved;
		if (nerr && !c->diags)
			goto out;
	}
	if (s->dep_required) {
		for (i = 0; i < s->dep_required->n; i++) {
			const struct ynode *trigger = s->dep_required->pairs[i].key;
			const struct ynode *names = s->dep_required->pairs[i].value;

			if (!has_key(x, trigger->str, trigger->len))
				continue;
			for (j = 0; j < names->n; j++)
				if (!has_key(x, names->items[j]->str, names->items[j]->len))
					REPORT(E_DEP_REQUIRED, s, x, p, names->items[j],
					       trigger, 0);
		}
	}
	if (s->nprops || s->npats || s->additional || s->propnames) {
		for (i = 0; i < x->n; i++) {
			const struct ynode *key = x->pairs[i].key;
			const struct ynode *val = x->pairs[i].value;
			struct vpath kp = { p, key->str, key->len, 0, P_KEY };
			const struct sprop *sp = s->nprops ? find_prop(s, key) : NULL;
			int matched = sp != NULL, k;

			if (sp && (k = validate_node(c, sp->s, val, &kp)))
				FAILED(k);
			for (j = 0; j < s->npats; j++) {
				if (!re_match(c, s->pats[j].re, key->str, key->len))
					continue;
				matched = 1;
				if ((k = validate_node(c, s->pats[j].s, val, &kp)))
					FAILED(k);
			}
			if (!matched && s->additional) {
				if (s->additional->always == 0)
					REPORT(E_UNKNOWN, s, key, &kp, NULL, NULL, 0);
				else if ((k = validate_node(c, s->additional, val, &kp)))
					FAILED(k);
			}
			if (s->propnames) {
				/* a key checked as a string, wherever YAML
				 * resolved it to another scalar type */
				struct ynode kn = *key;
				struct vpath np = { p, key->str, key->len, 0, P_NAME };

				kn.type = Y_STRING;
				if ((k = validate_node(c, s->propnames, &kn, &np)))
					FAILED(k);
			}
		}
	}
	for (i = 0; i < s->ndep_schemas; i++) {
		const struct sprop *d = &s->dep_schemas[i];
		int k;

		if (has_key(x, d->name, d->len) && (k = validate_node(c, d->s, x, p)))
			FAILED(k);
	}
out:
	return nerr;
}

static int validate_array(struct vctx *c, const struct sch *s,
			  const struct ynode *x, const struct vpath *p)
{
	int nerr = 0, k;
	size_t i, j;

	if (s->min_items >= 0 && (long long)x->n < s->min_items)
		REPORT(E_MIN_ITEMS, s, x, p, NULL, NULL, 0);
	if (s->max_items >= 0 && (long long)x->n > s->max_items)
		REPORT(E_MAX_ITEMS, s, x, p, NULL, NULL, 0);
	if (s->unique) {
		for (i = 1; i < x->n; i++) {
			for (j = 0; j < i; j++) {
				if (ynode_equal(x->items[i], x->items[j])) {
					struct vpath ip = { p, NULL, 0, i, P_INDEX };

					REPORT(E_UNIQUE, s, x->items[i], &ip, NULL, NULL,
					       (long long)j);
					break;
				}
			}
		}
	}
	for (i = 0; i < x->n; i++) {
		struct vpath ip = { p, NULL, 0, i, P_INDEX };
		const struct sch *is = i < s->nprefix ? s->prefix[i] : s->items;

		if (is && (k = validate_node(c, is, x->items[i], &ip)))
			FAILED(k);
	}
	if (s->contains) {
		long long found = 0;

		for (i = 0; i < x->n; i++) {
			struct vpath ip = { p, NULL, 0, i, P_INDEX };

			found += valid_in(c, s->contains, x->items[i], &ip);
		}
		if (found < s->min_contains)
			REPORT(E_MIN_CONTAINS, s, x, p, NULL, NULL, found);
		if (s->max_contains >= 0 && found > s->max_contains)
			REPORT(E_MAX_CONTAINS, s, x, p, NULL, NULL, found);
	}
out:
	return nerr;
}

static int validate_string(struct vctx *c, const struct sch *s,
			   const struct ynode *x, const struct vpath *p)
{
	int nerr = 0;

	if (s->min_len >= 0 || s->max_len >= 0) {
		long long n = (long long)utf8_count(x->str, x->len);

		if (s->min_len >= 0 && n < s->min_len)
			REPORT(E_MIN_LEN, s, x, p, NULL, NULL, n);
		if (s->max_len >= 0 && n > s->max_len)
			REPORT(E_MAX_LEN, s, x, p, NULL, NULL, n);
	}
	if (s->pattern && !re_match(c, s->pattern, x->str, x->len))
		REPORT(E_PATTERN, s, x, p, NULL, NULL, 0);
	if (s->fmt && !check_format(s->fmt, x->str, x->len))
		REPORT(E_FORMAT, s, x, p, NULL, NULL, 0);
out:
	return nerr;
}

static int validate_number(struct vctx *c, const struct sch *s,
			   const struct ynode *x, const struct vpath *p)
{
	int nerr = 0;

	if (s->minimum && num_cmp(x, s->minimum) < 0)
		REPORT(E_MINIMUM, s, x, p, s->minimum, NULL, 0);
	if (s->xminimum && num_cmp(x, s->xminimum) <= 0)
		REPORT(E_XMIN, s, x, p, s->xminimum, NULL, 0);
	if (s->maximum && num_cmp(x, s->maximum) > 0)
		REPORT(E_MAXIMUM, s, x, p, s->maximum, NULL, 0);
	if (s->xmaximum && num_cmp(x, s->xmaximum) >= 0)
		REPORT(E_XMAX, s, x, p, s->xmaximum, NULL, 0);
	if (s->multiple && !is_multiple(x, s->multiple))
		REPORT(E_MULTIPLE, s, x, p, s->multiple, NULL, 0);
out:
	return nerr;
}

static int in_enum(const struct ynode *e, const struct ynode *x)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (ynode_equal(e->items[i], x))
			return 1;
	return 0;
}

/* The keywords of x's own type: those of mappings, lists, strings or
 * numbers. */
static int validate_by_type(struct vctx *c, const struct sch *s,
			    const struct ynode *x, const struct vpath *p,
			    const char *when)
{
	int k;

	switch (x->type) {
	case Y_MAP:
		k = validate_object(c, s, x, p, when);
		break;
	case Y_SEQ:
		k = validate_array(c, s, x, p);
		break;
	case Y_STRING:
		k = validate_string(c, s, x, p);
		break;
	case Y_INT:
	case Y_FLOAT:
		k = validate_number(c, s, x, p);
		break;
	default:
		k = 0;
		break;
	}
	return k;
}

/* The keywords that combine schemas: allOf, anyOf, oneOf, not, and
 * if/then/else. */
static int validate_combined(struct vctx *c, const struct sch *s,
			     const struct ynode *x, const struct vpath *p)
{
	int nerr = 0, k;
	size_t i;

	for (i = 0; i < s->nall; i++)
		if ((k = validate_node(c, s->all_of[i], x, p)))
			FAILED(k);
	if (s->nany) {
		for (i = 0; i < s->nany; i++)
			if (valid_in(c, s->any_of[i], x, p))
				break;
		if (i == s->nany) {
			if (c->diags)
				report_closest(c, s->any_of, s->nany, x, p);
			FAILED(1);
		}
	}
	if (s->none) {
		long long matches = 0;

		for (i = 0; i < s->none && matches < 2; i++)
			matches += valid_in(c, s->one_of[i], x, p);
		if (matches == 0) {
			if (c->diags)
				report_closest(c, s->one_of, s->none, x, p);
			FAILED(1);
		} else if (matches > 1) {
			for (; i < s->none; i++)
				matches += valid_in(c, s->one_of[i], x, p);
			REPORT(E_ONE_OF, s, x, p, NULL, NULL, matches);
		}
	}
	if (s->not_ && valid_in(c, s->not_, x, p))
		REPORT(E_NOT, s, x, p, NULL, NULL, 0);
	if (s->if_ && (s->then_ || s->else_)) {
		int ok = valid_in(c, s->if_, x, p);
		const struct sch *branch = ok ? s->then_ : s->else_;

		if (branch) {
			c->when = ok ? s->when : s->unless;
			k = validate_node(c, branch, x, p);
			c->when = NULL;
			if (k)
				FAILED(k);
		}
	}
out:
	return nerr;
}

/*
 * Validate x against s: the number of violations (in boolean mode, 1 at
 * the first).  c->when, set by the caller for a then/else branch, is
 * taken here so that it reaches this schema's `required` only.
 */
static int validate_node(struct vctx *c, const struct sch *s,
			 const struct ynode *x, const struct vpath *p)
{
	const char *when = c->when;
	int nerr = 0, k;

	c->when = NULL;
	if (s->always >= 0) {
		if (s->always)
			return 0;
		if (c->diags)
			fail_report(c, E_FALSE, s, x, p, NULL, NULL, 0);
		return 1;
	}
	if (c->shared->aborted)
		return 1;
	if (++c->depth > MAX_EVAL_DEPTH || ++c->shared->steps > MAX_EVAL_STEPS) {
		/* from now on every evaluation fails at once, so this ends
		 * quickly; validate_document() reports it, whatever mode got here first */
		c->shared->aborted = c->depth > MAX_EVAL_DEPTH ? E_TOO_DEEP :
			E_TOO_LONG;
		c->shared->at = x;
		path_name(&c->shared->name, p);
		path_pointer(&c->shared->ptr, p);
		nerr = 1;
		goto out;
	}
	if (s->ref && (k = validate_node(c, s->ref, x, p)))
		FAILED(k);
	if (s->types && !(s->types & inst_types(x))) {
		/* the other keywords would only add noise to this one */
		REPORT(E_TYPE, s, x, p, NULL, NULL, s->types);
		goto out;
	}
	if (s->enum_v && !in_enum(s->enum_v, x))
		REPORT(E_ENUM, s, x, p, NULL, NULL, 0);
	if (s->const_v && !ynode_equal(s->const_v, x))
		REPORT(E_CONST, s, x, p, NULL, NULL, 0);
	if ((k = validate_by_type(c, s, x, p, when)))
		FAILED(k);
	if ((k = validate_combined(c, s, x, p)))
		FAILED(k);
out:
	c->depth--;
	return nerr;
}

static int validate_document(const struct schema *s, const struct ynode *x,
			     const char *file, struct diag_list *diags)
{
	struct vctx c;
	struct vpath root = { NULL, NULL, 0, 0, P_ROOT };
	struct vshared shared = { 0, 0, NULL, BUF_INIT, BUF_INIT };
	int n;
	size_t before = diags ? diags->n : 0;

	memset(&c, 0, sizeof(c));
	c.diags = diags;
	c.file = file;
	c.shared = &shared;
	/* one match data per call: the compiled schema stays read-only */
	if (s->has_regex && !(c.md = pcre2_match_data_create(1, NULL)))
		xmalloc((size_t)-1);
	n = validate_node(&c, s->root, x ? x : &null_instance, &root);
	if (diags && shared.aborted == E_TOO_DEEP)
		diag(diags, R_SCHEMA, file, shared.at->line, shared.at->col,
		     shared.ptr.buf, "validation stopped: the schema nests deeper "
		     "than %d levels at %s (a $ref cycle?)", MAX_EVAL_DEPTH,
		     shared.name.buf);
	else if (diags && shared.aborted)
		diag(diags, R_SCHEMA, file, shared.at->line, shared.at->col,
		     shared.ptr.buf, "validation stopped at %s after %ld schema "
		     "evaluations: the schema is too costly for this document",
		     shared.name.buf, MAX_EVAL_STEPS);
	buf_release(&shared.name);
	buf_release(&shared.ptr);
	pcre2_match_data_free(c.md);
	return diags ? (int)(diags->n - before) : n;
}

int schema_validate(const struct schema *s, const struct ynode *instance,
		    const char *file, struct diag_list *diags)
{
	return validate_document(s, instance, file, diags);
}

int schema_valid(const struct schema *s, const struct ynode *instance)
{
	return validate_document(s, instance, NULL, NULL) == 0;
}
