/*
 * xliff_read.c - an XLIFF 1.2 or 2.0 file read back (SPEC 14).
 *
 * The file comes from outside (a translator, an agency, a CAT tool): it
 * is parsed by libxml2 with the network off, no DTD loaded and no entity
 * substituted, and a file with a DOCTYPE (the only place where an entity
 * can be declared) is refused before libxml2 sees it, so that neither an
 * external entity (a local file's contents) nor an expansion bomb can
 * reach the parser.  What is read is only the shape folio writes: one
 * <file>, its units with a source, maybe a target, and the inline codes
 * folio uses; anything else is a positioned diagnostic.
 */
#include "xliff.h"

#include "diag.h"
#include "util.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

#define NS12 "urn:oasis:names:tc:xliff:document:1.2"
#define NS20 "urn:oasis:names:tc:xliff:document:2.0"

struct reader {
	struct xin_file *f;
	const char *data;
	size_t len;
	const char *path;
	struct diag_list *d;
	int errors;
	size_t *lines;		/* offset of each line's start; owned */
	size_t nlines;
};

void xin_file_release(struct xin_file *f)
{
	size_t i, k;

	for (i = 0; i < f->n; i++) {
		struct xin_unit *u = &f->units[i];

		free(u->id);
		for (k = 0; k < u->source.n; k++)
			free(u->source.items[k].text);
		free(u->source.items);
		for (k = 0; k < u->target.n; k++)
			free(u->target.items[k].text);
		free(u->target.items);
	}
	free(f->units);
	free(f->original);
	free(f->srclang);
	free(f->trglang);
	memset(f, 0, sizeof(*f));
}

/* Line and column of byte off. */
static void pos_of(const char *s, size_t len, size_t off, unsigned *line,
		   unsigned *col)
{
	size_t i;
	unsigned l = 1, c = 1;

	for (i = 0; i < off && i < len; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* The column of "<name" on a line (libxml2 keeps lines, not columns). */
static unsigned col_on_line(struct reader *r, unsigned line, const char *name)
{
	size_t i, n = strlen(name);
	unsigned c = 1;

	if (!r->lines) {
		size_t k, alloc = 0;

		for (k = 0; k <= r->len; k++)
			if (k == 0 || r->data[k - 1] == '\n') {
				GROW(r->lines, alloc, r->nlines + 1);
				r->lines[r->nlines++] = k;
			}
	}
	if (line < 1 || line > r->nlines)
		return 1;
	for (i = r->lines[line - 1]; i < r->len && r->data[i] != '\n'; i++) {
		if (r->data[i] == '<' && i + 1 + n <= r->len &&
		    !memcmp(r->data + i + 1, name, n))
			return c;
		if (((unsigned char)r->data[i] & 0xC0) != 0x80)
			c++;
	}
	return 1;
}

static int err_at(struct reader *r, const xmlNode *n, const char *fmt, const char *a,
		  const char *b)
{
	unsigned line = n ? (unsigned)xmlGetLineNo(n) : 0;
	unsigned col = n && n->name ? col_on_line(r, line, (const char *)n->name) : 0;

	r->errors++;
	return diag(r->d, R_XLIFF, r->path, line, col, NULL, fmt, a ? a : "",
		    b ? b : "");
}

/*
 * Refuse a DOCTYPE before the parser sees it: in the prolog, only the
 * XML declaration, comments, processing instructions and blanks.
 */
static int prolog_check(struct reader *r)
{
	const char *s = r->data;
	size_t i = 0, n = r->len;

	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
			i++;
		} else if (i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
			const char *e = NULL;
			size_t k;

			for (k = i + 4; k + 3 <= n; k++)
				if (!memcmp(s + k, "-->", 3)) {
					e = s + k;
					break;
				}
			if (!e)
				return 0;	/* the parser says what is wrong */
			i = (size_t)(e - s) + 3;
		} else if (i + 2 <= n && !memcmp(s + i, "<?", 2)) {
			size_t k;

			for (k = i + 2; k + 2 <= n && memcmp(s + k, "?>", 2); k++)
				;
			i = k + 2;
		} else if (i + 2 <= n && !memcmp(s + i, "<!", 2)) {
			unsigned line, col;

			pos_of(s, n, i, &line, &col);
			r->errors++;
			return diag(r->d, R_XLIFF, r->path, line, col, NULL,
				    "a DOCTYPE or entity declaration is not allowed "
				    "in an XLIFF file: nothing imported");
		} else {
			return 0;
		}
	}
	return 0;
}

static int is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static void add_item(struct xunit *u, enum xitem_type t, unsigned id,
		     const char *s, size_t n)
{
	struct xitem *it;

	if (t == XI_TEXT && u->n && u->items[u->n - 1].type == XI_TEXT) {
		it = &u->items[u->n - 1];
		it->text = xrealloc(it->text, it->len + n + 1);
		memcpy(it->text + it->len, s, n);
		it->len += n;
		it->text[it->len] = '\0';
		return;
	}
	GROW(u->items, u->alloc, u->n + 1);
	it = &u->items[u->n++];
	memset(it, 0, sizeof(*it));
	it->type = t;
	it->id = id;
	if (t == XI_TEXT) {
		it->text = xstrndup(s, n);
		it->len = n;
	}
}

static int code_id(struct reader *r, const xmlNode *n, unsigned *id)
{
	char *v = attr(n, "id"), *end;
	unsigned long x;

	if (!v)
		return err_at(r, n, "an inline code <%s> without an 'id'%s",
			      (const char *)n->name, NULL);
	x = strtoul(v, &end, 10);
	if (!*v || *end || x == 0 || x > 100000) {
		err_at(r, n, "an inline code id folio did not write: '%s'%s", v, NULL);
		free(v);
		return -1;
	}
	free(v);
	*id = (unsigned)x;
	return 0;
}

/* The inline content of a <source> or <target> into u. */
static int inline_content(struct reader *r, const xmlNode *parent, struct xunit *u,
			  int depth)
{
	const xmlNode *c;
	int v20 = r->f->version == XLIFF_20;

	if (depth > 64)
		return err_at(r, parent, "inline codes nested too deep%s%s", NULL, NULL);
	for (c = parent->children; c; c = c->next) {
		unsigned id;

		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)c->content;

			if (t)
				add_item(u, XI_TEXT, 0, t, strlen(t));
			continue;
		}
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
			continue;
		if (c->type != XML_ELEMENT_NODE)
			return err_at(r, c, "unexpected content in a unit%s%s", NULL, NULL);
		if (is_el(c, "mrk")) {
			if (inline_content(r, c, u, depth + 1) < 0)
				return -1;
		} else if (is_el(c, v20 ? "pc" : "g")) {
			if (code_id(r, c, &id) < 0)
				return -1;
			add_item(u, XI_OPEN, id, NULL, 0);
			if (inline_content(r, c, u, depth + 1) < 0)
				return -1;
			add_item(u, XI_CLOSE, id, NULL, 0);
		} else if (is_el(c, v20 ? "ph" : "x")) {
			if (code_id(r, c, &id) < 0)
				return -1;
			add_item(u, XI_PH, id, NULL, 0);
		} else {
			return err_at(r, c, "an inline element folio does not write: "
				      "'<%s>'%s", (const char *)c->name, NULL);
		}
	}
	return 0;
}

static struct xin_unit *new_unit(struct reader *r, const xmlNode *n)
{
	struct xin_file *f = r->f;
	struct xin_unit *u;
	char *id = attr(n, "id");

	if (!id) {
		err_at(r, n, "a unit without an 'id'%s%s", NULL, NULL);
		return NULL;
	}
	GROW(f->units, f->alloc, f->n + 1);
	u = &f->units[f->n++];
	memset(u, 0, sizeof(*u));
	u->id = id;
	u->line = (unsigned)xmlGetLineNo(n);
	u->col = col_on_line(r, u->line, (const char *)n->name);
	return u;
}

static int unit12(struct reader *r, const xmlNode *n)
{
	struct xin_unit *u = new_unit(r, n);
	const xmlNode *c;
	int have_source = 0;

	if (!u)
		return -1;
	for (c = n->children; c; c = c->next) {
		if (is_el(c, "source")) {
			if (have_source++)
				return err_at(r, c, "unit '%s' has two sources%s", u->id, NULL);
			if (inline_content(r, c, &u->source, 0) < 0)
				return -1;
		} else if (is_el(c, "target")) {
			char *st;

			if (u->has_target)
				return err_at(r, c, "unit '%s' has two targets%s", u->id, NULL);
			st = attr(c, "state");
			u->has_target = 1;
			u->translated = st && (!strcmp(st, "translated") ||
					       !strcmp(st, "signed-off") ||
					       !strcmp(st, "final"));
			free(st);
			if (inline_content(r, c, &u->target, 0) < 0)
				return -1;
		}
	}
	if (!have_source)
		return err_at(r, n, "unit '%s' has no source%s", u->id, NULL);
	return 0;
}

/*
 * An XLIFF 2.0 unit: its text is its segments and ignorables in order
 * (a translation tool that splits a paragraph into sentences writes one
 * segment each, with the spaces between them as ignorables), so their
 * sources are joined into the unit's source and their targets into its
 * target; an ignorable without a target stands for itself.  The unit is
 * translated when every segment is, in state translated, reviewed or
 * final, with a target.
 */
static int unit20(struct reader *r, const xmlNode *n)
{
	struct xin_unit *u = new_unit(r, n);
	const xmlNode *c, *s;
	int segments = 0, translated = 1;

	if (!u)
		return -1;
	for (c = n->children; c; c = c->next) {
		int seg = is_el(c, "segment"), src = 0, trg = 0;
		const xmlNode *source = NULL;

		if (!seg && !is_el(c, "ignorable"))
			continue;
		if (seg) {
			char *st = attr(c, "state");

			segments++;
			translated = translated && st &&
				(!strcmp(st, "translated") || !strcmp(st, "reviewed") ||
				 !strcmp(st, "final"));
			free(st);
		}
		for (s = c->children; s; s = s->next) {
			if (is_el(s, "source")) {
				if (src++)
					return err_at(r, s, "unit '%s' has two sources in one "
						      "segment%s", u->id, NULL);
				source = s;
				if (inline_content(r, s, &u->source, 0) < 0)
					return -1;
			} else if (is_el(s, "target")) {
				if (trg++)
					return err_at(r, s, "unit '%s' has two targets in one "
						      "segment%s", u->id, NULL);
				u->has_target = 1;
				if (inline_content(r, s, &u->target, 0) < 0)
					return -1;
			}
		}
		if (!src)
			return err_at(r, c, "unit '%s' has a %s with no source", u->id,
				      seg ? "segment" : "ignorable");
		if (!trg && seg)
			translated = 0;
		if (!trg && !seg && inline_content(r, source, &u->target, 0) < 0)
			return -1;
	}
	if (!segments)
		return err_at(r, n, "unit '%s' has no source%s", u->id, NULL);
	u->translated = translated && u->has_target;
	return 0;
}

/* Units, inside groups too (a tool may add them). */
static int units(struct reader *r, const xmlNode *parent, int depth)
{
	const xmlNode *c;
	int v20 = r->f->version == XLIFF_20;

	if (depth > 32)
		return err_at(r, parent, "groups nested too deep%s%s", NULL, NULL);
	for (c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, v20 ? "unit" : "trans-unit")) {
			if ((v20 ? unit20(r, c) : unit12(r, c)) < 0)
				return -1;
		} else if (is_el(c, "group") || (!v20 && is_el(c, "body"))) {
			if (units(r, c, depth + 1) < 0)
				return -1;
		}
	}
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct xin_unit *const *x = a, *const *y = b;
	int c = strcmp((*x)->id, (*y)->id);

	if (c)
		return c;
	return (*x)->line < (*y)->line ? -1 : (*x)->line > (*y)->line;
}

/* A unit id twice: sorted, so that a file of many units costs n log n. */
static int duplicates(struct reader *r)
{
	struct xin_file *f = r->f;
	struct xin_unit **v;
	size_t i;
	int ret = 0;

	if (f->n < 2)
		return 0;
	v = xmalloc(f->n * sizeof(*v));
	for (i = 0; i < f->n; i++)
		v[i] = &f->units[i];
	qsort(v, f->n, sizeof(*v), by_id);
	for (i = 1; i < f->n; i++)
		if (!strcmp(v[i]->id, v[i - 1]->id)) {
			r->errors++;
			ret = diag(r->d, R_XLIFF, r->path, v[i]->line, v[i]->col, NULL,
				   "unit id '%s' appears twice (first on line %u)",
				   v[i]->id, v[i - 1]->line);
			break;
		}
	free(v);
	return ret;
}

int xliff_read(struct xin_file *f, const char *data, size_t len,
	       const char *path, struct diag_list *diags)
{
	struct reader r = { f, data, len, path, diags, 0, NULL, 0 };
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	const xmlNode *root, *c, *file = NULL;
	char *version = NULL;
	const char *ns;
	int ret = -1;

	memset(f, 0, sizeof(*f));
	if (len > (64u << 20)) {
		diag(diags, R_XLIFF, path, 0, 0, NULL, "file too large (over 64 MiB)");
		return -1;
	}
	if (prolog_check(&r) < 0)
		return -1;
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag(diags, R_XLIFF, path, 0, 0, NULL, "cannot start the XML parser");
		return -1;
	}
	/* no XML_PARSE_NOENT, no DTDLOAD: nothing outside the file is read */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR |
				XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	if (!doc) {
		xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
		char msg[256];
		size_t k;

		snprintf(msg, sizeof(msg), "%s", e && e->message ? e->message : "unknown error");
		k = strlen(msg);
		while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
			msg[--k] = '\0';
		if (k && msg[0] >= 'A' && msg[0] <= 'Z')
			msg[0] = (char)(msg[0] - 'A' + 'a');
		diag(diags, R_XLIFF, path, e ? (unsigned)e->line : 0,
		     e ? (unsigned)e->int2 : 0, NULL, "not well-formed XML: %s", msg);
		goto out;
	}
	if (doc->intSubset || doc->extSubset) {
		diag(diags, R_XLIFF, path, 1, 1, NULL, "a DOCTYPE or entity declaration "
		     "is not allowed in an XLIFF file: nothing imported");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || !is_el(root, "xliff")) {
		err_at(&r, root, "not an XLIFF file: the root element is '%s'%s",
		       root ? (const char *)root->name : "none", NULL);
		goto out;
	}
	version = attr(root, "version");
	ns = root->ns ? (const char *)root->ns->href : "";
	if (version && !strcmp(version, "1.2") && !strcmp(ns, NS12)) {
		f->version = XLIFF_12;
	} else if (version && !strcmp(version, "2.0") && !strcmp(ns, NS20)) {
		f->version = XLIFF_20;
		f->srclang = attr(root, "srcLang");
		f->trglang = attr(root, "trgLang");
	} else {
		err_at(&r, root, "XLIFF version '%s' is not one folio reads (1.2 or "
		       "2.0, in their namespaces)%s", version ? version : "none", NULL);
		goto out;
	}
	for (c = root->children; c; c = c->next)
		if (is_el(c, "file")) {
			if (file) {
				err_at(&r, c, "more than one <file>: folio writes one "
				       "article per XLIFF file%s%s", NULL, NULL);
				goto out;
			}
			file = c;
		}
	if (!file) {
		err_at(&r, root, "no <file> element%s%s", NULL, NULL);
		goto out;
	}
	f->file_line = (unsigned)xmlGetLineNo(file);
	f->file_col = col_on_line(&r, f->file_line, "file");
	f->original = attr(file, "original");
	if (f->version == XLIFF_12) {
		f->srclang = attr(file, "source-language");
		f->trglang = attr(file, "target-language");
	}
	if (units(&r, file, 0) < 0 || r.errors || duplicates(&r) < 0)
		goto out;
	ret = 0;
out:
	free(r.lines);
	free(version);
	if (doc)
		xmlFreeDoc(doc);
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
	return ret;
}

/* The code ids of a unit: for each id, its item type and kind. */
struct codeinfo {
	enum xitem_type type;
	enum xcode_kind kind;
	int seen;
};

/*
 * The target's codes against the source's: the same set, each once, paired
 * where the source pairs it; no link inside a link.  Fills the kinds in.
 */
int xliff_check_codes(const struct xin_unit *xu, const struct xunit *src,
		      struct xunit *tgt, const char *file, struct diag_list *d)
{
	struct codeinfo *ci = xcalloc(src->ncodes + 2, sizeof(*ci));
	size_t i;
	unsigned k, links = 0;
	int ret = 0;
	unsigned char stack[128];
	int sp = 0;

	for (i = 0; i < src->n; i++) {
		const struct xitem *it = &src->items[i];

		if (it->type != XI_TEXT && it->type != XI_CLOSE && it->id <= src->ncodes) {
			ci[it->id].type = it->type;
			ci[it->id].kind = it->kind;
		}
	}
	for (i = 0; i < tgt->n && !ret; i++) {
		struct xitem *it = &tgt->items[i];

		if (it->type == XI_TEXT)
			continue;
		if (it->id == 0 || it->id > src->ncodes ||
		    (it->type != XI_CLOSE && ci[it->id].type != it->type)) {
			ret = diag(d, R_XLIFF, file, xu->line, xu->col, NULL,
				   "unit '%s': inline code %u of the target is not in "
				   "the source", xu->id, it->id);
			break;
		}
		it->kind = ci[it->id].kind;
		if (it->type == XI_CLOSE) {
			if (sp > 0)
				sp--;
			if (sp < (int)sizeof(stack) && it->kind == XC_LINK)
				links--;
			continue;
		}
		if (ci[it->id].seen++) {
			ret = diag(d, R_XLIFF, file, xu->line, xu->col, NULL,
				   "unit '%s': inline code %u appears twice in the "
				   "target", xu->id, it->id);
			break;
		}
		if ((it->kind == XC_LINK || it->kind == XC_AUTOLINK) && links) {
			ret = diag(d, R_XLIFF, file, xu->line, xu->col, NULL,
				   "unit '%s': a link inside a link (code %u): Markdown "
				   "cannot nest them", xu->id, it->id);
			break;
		}
		if (it->type == XI_OPEN) {
			if (sp < (int)sizeof(stack))
				stack[sp] = (unsigned char)it->kind;
			sp++;
			if (it->kind == XC_LINK)
				links++;
		}
	}
	for (k = 1; !ret && k <= src->ncodes; k++)
		if (ci[k].type != XI_TEXT && !ci[k].seen)
			ret = diag(d, R_XLIFF, file, xu->line, xu->col, NULL,
				   "unit '%s': inline code %u (%s) of the source is "
				   "missing from the target", xu->id, k,
				   xcode_name(ci[k].kind));
	free(ci);
	return ret;
}

/* Does the file's source say what the original says now? */
int xliff_same_source(const struct xunit *a, const struct xunit *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		const struct xitem *x = &a->items[i], *y = &b->items[i];

		if (x->type != y->type || (x->type != XI_TEXT && x->id != y->id))
			return 0;
		if (x->type == XI_TEXT &&
		    (x->len != y->len || memcmp(x->text, y->text, x->len)))
			return 0;
	}
	return 1;
}
