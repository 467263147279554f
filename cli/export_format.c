/*
 * export_format.c - the output formats export knows (html, xhtml, epub,
 * text): the table of their renderers, templates, file layouts and hooks;
 * the templates of a run, built in or from the corpus's _templates/, and
 * the stylesheet they make.
 */
#include "export_int.h"
#include "embed.h"
#include "mustache.h"
#include "util.h"

#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#define TEMPLATE_MAX (1u << 20)

static const struct export_format formats[] = {
	{
		.name = "html",
		.ext = ".html",
		.page_dir = "",
		.page_template = "page.html",
		.index_template = "index.html",
		.index_file = "index.html",
		.stylesheet = "style.css",
		.cross_lang_links = 1,
		.render_flags = 0,
		.body = render_html,
		.lang_files = export_web_files,
	},
	{
		/* out/xhtml/<lang>/ is an unzipped EPUB 3 (SPEC 8.3) */
		.name = "xhtml",
		.ext = ".xhtml",
		.page_dir = "EPUB/",
		.page_template = "page.xhtml",
		.index_template = "nav.xhtml",
		.index_file = "nav.xhtml",
		.stylesheet = "style.css",
		.stylesheet_src = "epub.css",
		.style_per_lang = 1,
		.book = 1,
		.render_flags = RENDER_XHTML,
		.body = render_html,
		.lang_files = export_epub_files,
	},
	{
		/* out/epub/<lang>.epub: the xhtml tree, zipped (SPEC 16) */
		.name = "epub",
		.ext = ".xhtml",
		.page_dir = "EPUB/",
		.page_template = "page.xhtml",
		.index_template = "nav.xhtml",
		.index_file = "nav.xhtml",
		.stylesheet = "style.css",
		.stylesheet_src = "epub.css",
		.style_per_lang = 1,
		.book = 1,
		.zip = 1,
		.render_flags = RENDER_XHTML,
		.body = render_html,
		.lang_files = export_epub_files,
	},
	{
		/* out/text/<lang>/<slug>.txt for print (SPEC 8.4) */
		.name = "text",
		.ext = ".txt",
		.page_dir = "",
		.web_links = 1,
		.text = 1,
		.body = render_text,
		.page_fn = export_text_page,
	},
};

const struct export_format *export_format_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(formats); i++)
		if (!strcmp(formats[i].name, name))
			return &formats[i];
	return NULL;
}

int export_format_known(const char *name)
{
	return export_format_find(name) != NULL;
}

const char *export_format_names(void)
{
	return "html, xhtml, epub, text";
}

int export_format_is_text(const char *name)
{
	const struct export_format *f = export_format_find(name);

	return f && f->text;
}

/* ---- templates ---- */

const struct mustache *export_partial(void *ctx, const char *name,
					   size_t len)
{
	const struct export *x = ctx;
	size_t i;

	for (i = 0; i < x->ntpls; i++)
		if (memeq(name, len, x->tpls[i].name))
			return x->tpls[i].t;
	return NULL;
}

const struct tpl *export_tpl_find(const struct export *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->ntpls; i++)
		if (!strcmp(x->tpls[i].name, name))
			return &x->tpls[i];
	return NULL;
}

/* The first error of an XML parse, where the parser's messages go. */
struct xml_first {
	int line, col, code;
	char msg[200];
};

static void keep_first_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_first *f = ctxt->_private;
	size_t k;

	if (f->line || !e || e->level < XML_ERR_ERROR)
		return;
	f->line = e->line > 0 ? e->line : 1;
	f->col = e->int2 > 0 ? e->int2 : 1;
	f->code = e->code;
	snprintf(f->msg, sizeof(f->msg), "%s", e->message ? e->message : "");
	k = strlen(f->msg);
	while (k && (f->msg[k - 1] == '\n' || f->msg[k - 1] == ' '))
		f->msg[--k] = '\0';
	if (f->msg[0] >= 'A' && f->msg[0] <= 'Z')
		f->msg[0] = (char)(f->msg[0] - 'A' + 'a');
}

/* Parse m[0..n) as XML, no DTD read, nothing from the network. */
static void xml_parse(const char *m, size_t n, struct xml_first *f)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;

	if (!ctxt) {
		f->line = 1;
		f->col = 1;
		snprintf(f->msg, sizeof(f->msg), "cannot start the XML parser");
		return;
	}
	ctxt->_private = f;
	ctxt->sax->serror = keep_first_error;
	doc = xmlCtxtReadMemory(ctxt, m, (int)n, NULL, "UTF-8",
				XML_PARSE_NONET | XML_PARSE_NOERROR |
				XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	if ((!doc || !ctxt->wellFormed) && !f->line) {
		f->line = 1;
		f->col = 1;
		snprintf(f->msg, sizeof(f->msg), "not well-formed");
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
}

/*
 * A page or index template of an EPUB format must give well-formed XML
 * whatever its data: a reader refuses a page with "<br>" or "&nbsp;"
 * (a name HTML knows and XML does not).  Its markup is parsed twice with
 * the tags blanked in place (mustache_markup()): every {{#x}} section
 * kept, then every {{^x}} one; the first error is reported at its line
 * and column in the template.  A template that includes partials is not
 * parsed: its markup is not whole without them.
 */
static int xml_template_check(const char *file, const char *text, size_t len,
			      struct diag_list *d)
{
	struct buf m = BUF_INIT;
	struct xml_first f;
	int truth, partials = 0, ret = 0;

	for (truth = 1; truth >= 0 && !ret; truth--) {
		size_t skip = 0, at, k;
		unsigned line = 1, col = 1;
		int l;

		if (mustache_markup(text, len, truth, &m, &partials) < 0 || partials)
			break;
		/*
		 * A comment tag before "<?xml" leaves blanks the page has not
		 * (a tag alone on its line takes the line with it): the
		 * declaration is blanked too, and the markup keeps its lines.
		 */
		while (skip < m.len && (m.buf[skip] == ' ' || m.buf[skip] == '\n' ||
					m.buf[skip] == '\t' || m.buf[skip] == '\r'))
			skip++;
		if (skip && m.len - skip >= 5 && !memcmp(m.buf + skip, "<?xml", 5)) {
			for (k = skip; k < m.len && m.buf[k] != '>'; k++)
				m.buf[k] = m.buf[k] == '\n' ? '\n' : ' ';
			if (k < m.len)
				m.buf[k] = ' ';
		}
		memset(&f, 0, sizeof(f));
		xml_parse(m.buf, m.len, &f);
		if (!f.line)
			continue;
		/* the parser's line and column (in characters) as an offset */
		for (at = 0, l = 1; at < m.len && l < f.line; at++)
			l += m.buf[at] == '\n';
		for (l = 1; at < m.len && l < f.col && m.buf[at] != '\n'; at++)
			l += ((unsigned char)m.buf[at + 1] & 0xC0) != 0x80;
		/* an undefined entity is said past its ';': point at its '&' */
		if (f.code == XML_ERR_UNDECLARED_ENTITY)
			while (at > 0 && m.buf[at] != '&' && m.buf[at] != '\n')
				at--;
		for (k = 0; k < at && k < m.len; k++) {
			if (m.buf[k] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)m.buf[k] & 0xC0) != 0x80) {
				col++;
			}
		}
		ret = diag(d, R_TEMPLATE, file, line, col, NULL,
			   "not well-formed XML, which an e-book reader refuses: %s",
			   f.msg);
	}
	buf_release(&m);
	return ret;
}

static int add_tpl(struct export *x, const char *name, const char *file,
		   const char *text, size_t len, struct diag_list *d)
{
	struct mustache *t = mustache_compile(file, text, len, d);

	if (!t)
		return -1;
	x->tpls = xrealloc(x->tpls, (x->ntpls + 1) * sizeof(*x->tpls));
	x->tpls[x->ntpls].name = xstrdup(name);
	x->tpls[x->ntpls].file = xstrdup(file);
	x->tpls[x->ntpls].t = t;
	x->ntpls++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_stylesheet(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcmp(name + n - 4, ".css");
}

/* A template of the corpus's own, not a built-in one. */
static int corpus_tpl(const struct tpl *tp)
{
	return strncmp(tp->file, "cli/templates/", 14) != 0;
}

struct name_report {
	const struct export *x;
	const struct tpl *tp;
	struct diag_list *d;
};

static void report_partial(void *ctx, int kind, const char *name,
			   unsigned line, unsigned col)
{
	struct name_report *nr = ctx;

	if (kind == '>' && !export_partial((void *)nr->x, name, strlen(name)))
		diag_sev(nr->d, R_TEMPLATE, SEV_WARNING, nr->tp->file, line, col,
			 NULL, "partial '%s' is no file of _templates/: it "
			 "renders as nothing", name);
}

/*
 * The corpus's templates include only partials that exist: Mustache
 * renders a missing one as nothing, so a misspelt name would drop part
 * of every page without a word.
 */
static void export_check_partials(const struct export *x, struct diag_list *d)
{
	size_t i;

	for (i = 0; i < x->ntpls; i++) {
		struct name_report nr = { x, &x->tpls[i], d };

		if (corpus_tpl(&x->tpls[i]))
			mustache_names(x->tpls[i].t, 0, report_partial, &nr);
	}
}

static void report_unresolved(void *ctx, int kind, const char *name,
			      unsigned line, unsigned col)
{
	struct name_report *nr = ctx;

	diag_sev(nr->d, R_TEMPLATE, SEV_WARNING, nr->tp->file, line, col, NULL,
		 "'%s%s' matched no value on any page: it rendered %s "
		 "(folio-export(1) lists the variables)",
		 kind == 'v' ? "" : kind == '#' ? "#" : "^", name,
		 kind == '^' ? "its section every time" : kind == '#' ?
		 "its section nowhere" : "as nothing");
}

void export_report_templates(const struct export *x, struct diag_list *d)
{
	size_t i;

	for (i = 0; i < x->ntpls; i++) {
		struct name_report nr = { x, &x->tpls[i], d };

		if (corpus_tpl(&x->tpls[i]))
			mustache_names(x->tpls[i].t, 1, report_unresolved, &nr);
	}
}

/*
 * Every file in the corpus's _templates/ (a page template, an index
 * template or a partial they include), then the built-in defaults of the
 * format for the names the corpus does not override.  All are compiled
 * before any page is written: a syntax error stops the run (exit 2).
 */
int export_load_templates(struct export *x, struct diag_list *d)
{
	char *dirpath = corpus_path(&x->c, "_templates");
	const char *defaults[2];
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	DIR *dir = opendir(dirpath);
	int ret = 0;

	if (dir) {
		struct dirent *e;

		while ((e = readdir(dir)) != NULL) {
			if (e->d_name[0] == '.' || is_stylesheet(e->d_name))
				continue;
			GROW(names, alloc, n + 1);
			names[n++] = xstrdup(e->d_name);
		}
		closedir(dir);
	}
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct buf text = BUF_INIT, file = BUF_INIT;
		struct stat st;

		buf_addf(&file, "%s/%s", dirpath, names[i]);
		/*
		 * A directory is not a template; anything else that is not a
		 * file (a FIFO, a device, a dangling link) cannot be one, and
		 * would otherwise leave the built-in template in its place.
		 */
		if (stat(file.buf, &st) < 0) {
			ret = diag(d, R_TEMPLATE, file.buf, 0, 0, NULL,
				   "cannot read: %s", errmsg(errno));
			buf_release(&file);
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			if (!S_ISDIR(st.st_mode))
				ret = diag(d, R_TEMPLATE, file.buf, 0, 0, NULL,
					   "cannot read: not a regular file");
			buf_release(&file);
			continue;
		}
		switch (buf_read_file(&text, file.buf, TEMPLATE_MAX)) {
		case BUF_READ_OK:
			if (utf8_check(text.buf, text.len, 1, file.buf, d) < 0 ||
			    add_tpl(x, names[i], file.buf, text.buf, text.len, d) < 0)
				ret = -1;
			else if ((x->f->render_flags & RENDER_XHTML) &&
				 ((x->f->page_template &&
				   !strcmp(names[i], x->f->page_template)) ||
				  (x->f->index_template &&
				   !strcmp(names[i], x->f->index_template))) &&
				 xml_template_check(file.buf, text.buf, text.len, d) < 0)
				ret = -1;
			break;
		case BUF_READ_TOO_BIG:
			ret = diag(d, R_TEMPLATE, file.buf, 0, 0, NULL,
				   "template larger than 1 MiB");
			break;
		default:
			ret = diag(d, R_TEMPLATE, file.buf, 0, 0, NULL,
				   "cannot read: %s", errmsg(errno));
		}
		buf_release(&text);
		buf_release(&file);
	}
	defaults[0] = x->f->page_template;
	defaults[1] = x->f->index_template;
	for (i = 0; i < 2; i++) {
		struct buf emb = BUF_INIT;
		const char *text;
		size_t len;

		if (!defaults[i] || export_tpl_find(x, defaults[i]))
			continue;
		buf_addf(&emb, "cli/templates/%s", defaults[i]);
		text = embed_find(emb.buf, &len);
		if (!text)
			ret = diag(d, R_TEMPLATE, emb.buf, 0, 0, NULL,
				   "built-in template missing");
		else if (add_tpl(x, defaults[i], emb.buf, text, len, d) < 0)
			ret = -1;
		buf_release(&emb);
	}
	export_check_partials(x, d);
	if (x->f->page_template && export_tpl_find(x, x->f->page_template))
		x->page_t = export_tpl_find(x, x->f->page_template)->t;
	if (x->f->index_template && export_tpl_find(x, x->f->index_template))
		x->index_t = export_tpl_find(x, x->f->index_template)->t;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dirpath);
	return ret;
}

/*
 * style.css: the corpus's _templates/style.css, else the built-in one
 * (for an EPUB: epub.css, written as style.css).
 */
void export_write_stylesheet(struct export *x, struct diag_list *d,
			     struct export_result *r)
{
	struct buf text = BUF_INIT, emb = BUF_INIT;
	char *path;
	const char *data, *src;
	size_t len, k;

	if (!x->f->stylesheet)
		return;
	src = x->f->stylesheet_src ? x->f->stylesheet_src : x->f->stylesheet;
	buf_addf(&emb, "_templates/%s", src);
	path = corpus_path(&x->c, emb.buf);
	if (buf_read_file(&text, path, TEMPLATE_MAX) == BUF_READ_OK) {
		data = text.buf;
		len = text.len;
	} else {
		buf_reset(&emb);
		buf_addf(&emb, "cli/templates/%s", src);
		data = embed_find(emb.buf, &len);
	}
	if (!data)
		goto out;
	if (x->f->style_per_lang) {
		for (k = 0; k < x->c.cfg.nlang; k++)
			if (x->langs[k].dir)
				export_count_write(r, export_write_file(x, x->langs[k].dir,
							  export_lang_how(&x->langs[k]),
							  x->f->stylesheet, data,
							  len, d));
	} else {
		export_count_write(r, export_write_file(x, x->outdir, 0, x->f->stylesheet, data,
					  len, d));
	}
out:
	free(path);
	buf_release(&text);
	buf_release(&emb);
}
