/*
 * svgcheck.c - scripts and outside references in an SVG image (svgcheck.h).
 */
#include "svgcheck.h"
#include "buf.h"
#include "diag.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

/* Where a check found something: the first thing only. */
struct found {
	struct buf *why;
	unsigned line;
	int bad;
};

static void say(struct found *f, const xmlNode *n, const char *fmt,
		const char *what)
{
	if (f->bad)
		return;
	f->bad = 1;
	f->line = n ? (unsigned)xmlGetLineNo((xmlNode *)n) : 0;
	if ((int)f->line < 0)
		f->line = 0;
	buf_addf(f->why, fmt, what);
}

/* Does a reference stay inside the image ("#id", a data: URL)? */
static int inside(const char *v)
{
	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	return *v == '#' || !strncasecmp(v, "data:", 5);
}

/* CSS text: url(...) that leaves the image, or @import. */
static const char *css_outside(const char *s)
{
	const char *p;

	if (strstr(s, "@import"))
		return "@import";
	for (p = s; (p = strstr(p, "url(")) != NULL; p += 4) {
		const char *v = p + 4;

		while (*v == ' ' || *v == '\'' || *v == '"')
			v++;
		if (!inside(v))
			return "url()";
	}
	return NULL;
}

static void check_node(const xmlNode *n, struct found *f, int depth)
{
	const xmlAttr *a;

	if (depth > 256) {
		say(f, n, "%s", "elements nested too deep");
		return;
	}
	for (; n && !f->bad; n = n->next) {
		if (n->type == XML_PI_NODE &&
		    !strcmp((const char *)n->name, "xml-stylesheet")) {
			say(f, n, "%s", "an xml-stylesheet instruction (a stylesheet "
			    "from outside the image)");
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!strcasecmp((const char *)n->name, "script")) {
			say(f, n, "%s", "a <script> element");
			continue;
		}
		if (!strcasecmp((const char *)n->name, "style")) {
			xmlChar *t = xmlNodeGetContent((xmlNode *)n);
			const char *what = t ? css_outside((const char *)t) : NULL;

			if (what)
				say(f, n, "a stylesheet that loads from outside the "
				    "image (%s)", what);
			xmlFree(t);
		}
		for (a = n->properties; a && !f->bad; a = a->next) {
			const char *name = (const char *)a->name;
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
			const char *s = v ? (const char *)v : "";
			const char *what;

			if (!strncasecmp(name, "on", 2)) {
				say(f, n, "a script in the attribute '%s'", name);
			} else if (!strcasecmp(name, "href") ||
				   !strcasecmp(name, "src")) {
				if (!strncasecmp(s + strspn(s, " \t\r\n"),
						 "javascript:", 11))
					say(f, n, "%s", "a javascript: link");
				else if (!inside(s))
					say(f, n, "a reference outside the image "
					    "('%s')", s);
			} else if (!strcasecmp(name, "style") &&
				   (what = css_outside(s)) != NULL) {
				say(f, n, "a style that loads from outside the "
				    "image (%s)", what);
			}
			xmlFree(v);
		}
		if (n->children && !f->bad)
			check_node(n->children, f, depth + 1);
	}
}

int svg_check(const char *data, size_t len, struct buf *why, unsigned *line)
{
	struct found f = { why, 0, 0 };
	xmlDoc *doc;

	*line = 0;
	if (len > (size_t)0x7FFFFFFF) {
		buf_adds(why, "a file too large to check");
		return -1;
	}
	xmlInitParser();
	/* no network, no entity substitution, no messages of its own */
	doc = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET |
			    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();

		buf_adds(why, "no well-formed XML");
		if (e && e->line > 0)
			*line = (unsigned)e->line;
		return -1;
	}
	if (doc->intSubset && doc->intSubset->entities)
		say(&f, (const xmlNode *)doc->intSubset, "%s",
		    "entity declarations");
	if (!f.bad)
		check_node(doc->children, &f, 0);
	xmlFreeDoc(doc);
	*line = f.line;
	return f.bad ? -1 : 0;
}

int svg_check_file(const char *path, struct diag_list *d)
{
	struct buf data = BUF_INIT, why = BUF_INIT;
	unsigned line = 0;
	int ret = 0;

	if (buf_read_file(&data, path, SVG_MAX) != BUF_READ_OK) {
		/* the copy says why it cannot read it */
		buf_release(&data);
		return 0;
	}
	if (svg_check(data.buf, data.len, &why, &line) < 0)
		ret = diag(d, R_SVG_UNSAFE, path, line, line ? 1 : 0, NULL,
			   "SVG image refused for an e-book: it holds %s; "
			   "the pages that show it are not exported", why.buf);
	buf_release(&why);
	buf_release(&data);
	return ret;
}
