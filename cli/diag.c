/*
 * diag.c - the rule table and the three report formats of SPEC 4.2.
 */
#include "diag.h"
#include "buf.h"
#include "escape.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const struct rule_info rule_table[R__COUNT] = {
	[R_FRONTMATTER] = { "frontmatter", SEV_ERROR, "no frontmatter, or it is not terminated" },
	[R_YAML_SYNTAX] = { "yaml-syntax", SEV_ERROR, "malformed YAML" },
	[R_YAML_DUPLICATE_KEY] = { "yaml-duplicate-key", SEV_ERROR, "a key twice in one mapping" },
	[R_YAML_LIMITS] = { "yaml-limits", SEV_ERROR, "alias budget, depth or file size exceeded" },
	[R_ENCODING] = { "encoding", SEV_ERROR, "invalid UTF-8 or NUL byte (error); byte order mark (warning)" },
	[R_SCHEMA] = { "schema", SEV_ERROR, "a JSON Schema violation" },
	[R_UNKNOWN_LANG] = { "unknown-lang", SEV_ERROR, "'lang' not in the configured languages" },
	[R_DUPLICATE_ID] = { "duplicate-id", SEV_ERROR, "two files with the same id and lang" },
	[R_PATH_MISMATCH] = { "path-mismatch", SEV_WARNING, "path is not <id>/<lang>.md" },
	[R_TRANSLATION_SOURCE] = { "translation-source", SEV_ERROR, "translated_from names no original, or a later date" },
	[R_RELATED_MISSING] = { "related-missing", SEV_ERROR, "a related id that no article has" },
	[R_LINK_TARGET] = { "link-target", SEV_ERROR, "an article: link to an unknown id" },
	[R_HEADING_LEVEL] = { "heading-level", SEV_ERROR, "a level-1 heading in the body, or a skipped level" },
	[R_IMAGE_ALT] = { "image-alt", SEV_ERROR, "an image without alternative text" },
	[R_EMPTY_LINK] = { "empty-link", SEV_ERROR, "a link with no text or no destination" },
	[R_RAW_HTML] = { "raw-html", SEV_WARNING, "raw HTML in the body that is never rendered (an error when it holds text)" },
	[R_DATE_FUTURE] = { "date-future", SEV_ERROR, "'updated' or 'reviewed' after today" },
	[R_REVIEW_OVERDUE] = { "review-overdue", SEV_WARNING, "medical review overdue" },
	[R_IO] = { "io", SEV_ERROR, "a file that cannot be read" },
	[R_CONFIG] = { "config", SEV_ERROR, "an invalid folio.yaml" },
	[R_SCHEMA_INVALID] = { "schema-invalid", SEV_ERROR, "a schema that cannot be used" },
	[R_IGNORE] = { "ignore", SEV_WARNING, "a rule silenced by ignore:" },
	[R_L10N_STALE] = { "stale", SEV_ERROR, "a translation older than its original" },
	[R_L10N_MISSING] = { "missing", SEV_ERROR, "no translation in a configured language" },
	[R_L10N_ORPHAN] = { "orphan", SEV_ERROR, "a translation whose original does not exist" },
	[R_L10N_INVALID] = { "invalid", SEV_ERROR, "a translation that cannot be compared" },
	[R_L10N_INCOMPLETE] = { "incomplete", SEV_ERROR, "a translation with fewer blocks than its original" },
	[R_STRINGS_MISSING] = { "strings-missing", SEV_ERROR, "an interface string missing" },
	[R_STRINGS_EMPTY] = { "strings-empty", SEV_ERROR, "an empty interface string" },
	[R_STRINGS_OBSOLETE] = { "strings-obsolete", SEV_ERROR, "a key not in the reference catalog" },
	[R_STRINGS_PLACEHOLDERS] = { "strings-placeholders", SEV_ERROR, "placeholders that differ from the reference" },
	[R_STRINGS_LENGTH] = { "strings-length", SEV_ERROR, "a list of another length than the reference" },
	[R_STRINGS_UNTRANSLATED] = { "strings-untranslated", SEV_WARNING, "a value identical to the reference" },
	[R_STAMP] = { "stamp", SEV_ERROR, "a file stamp refuses" },
	[R_SLUG] = { "slug", SEV_ERROR, "a slug that could escape the output directory" },
	[R_UNMAPPABLE] = { "unmappable", SEV_ERROR, "a character the output encoding lacks" },
	[R_TEMPLATE] = { "template", SEV_ERROR, "a template that cannot be used" },
	[R_WRITE] = { "write", SEV_ERROR, "a system error while writing output" },
	/* EPUB books (SPEC 16) */
	[R_BOOK_IMAGE] = { "book-image", SEV_ERROR, "a local image an EPUB book cannot hold (no such file in the corpus, or a type readers do not show)" },
	[R_READABILITY] = { "readability", SEV_WARNING, "a sentence longer than max_sentence_words, an article below min_band" },
	[R_STYLE] = { "style", SEV_WARNING, "a house style rule of _style/<lang>.yaml (style:<id>)" },
	[R_STYLE_RULES] = { "style-rules", SEV_ERROR, "a house style file whose rules cannot run" },
	/* what the body says reaches the page (issue 20) */
	[R_LINK_SCHEME] = { "link-scheme", SEV_ERROR, "a link or image whose URL scheme is never rendered (ftp:, file:...)" },
	[R_TABLE_CELLS] = { "table-cells", SEV_ERROR, "a table row with more cells than its header (never shown)" },
	[R_LINK_DEFINITION] = { "link-definition", SEV_ERROR, "a footnote, or a link definition no link uses (never shown; a warning when it is a URL)" },
	/* validate: what new editors and translators trip over */
	[R_TRANSLATION_DATE] = { "translation-date", SEV_WARNING, "a translation's 'updated' before its translated_from.updated" },
	[R_TRANSLATORS_ORIGINAL] = { "translators-original", SEV_WARNING, "'translators' on an article that is not a translation" },
	[R_RELATED_SELF] = { "related-self", SEV_WARNING, "an article that lists itself in 'related'" },
	[R_SVG_UNSAFE] = { "svg-unsafe", SEV_ERROR, "an SVG image with a script or a reference outside it, refused for an e-book" },
	/* honest pages (issue 20): JSON documents, withdrawn pages, local links */
	[R_JSON_SYNTAX] = { "json-syntax", SEV_ERROR, "a .json schema or document that is not strict JSON (RFC 8259)" },
	[R_MANIFEST] = { "manifest", SEV_WARNING, "an export manifest entry that could lead outside the output directory, or a file not removed through a symbolic link" },
	[R_PAGE_KEPT] = { "page-kept", SEV_WARNING, "an article with errors: the page of the last good export stays" },
	[R_LOCAL_TARGET] = { "local-target", SEV_WARNING, "a link or image to a file beside the article that does not exist, or an image no page can show (another type, outside the corpus)" },
	[R_FRAGMENT] = { "fragment", SEV_WARNING, "a link to a #fragment that no heading of the page has" },
	[R_BOOK_LINK] = { "book-link", SEV_WARNING, "a link in a book to a file it does not hold: made absolute from base_url, or its text alone" },
	[R_CATALOG_HELD] = { "catalog-held", SEV_ERROR, "a language not exported because its string catalog has errors" },
	/* translation integrity (SPEC 12) */
	[R_UPDATED_NOT_BUMPED] = { "updated-not-bumped", SEV_WARNING, "an original whose text changed since a translation's base, with the same 'updated'" },
	[R_BASE_TEXT] = { "base-text", SEV_WARNING, "a translation's base text that cannot be found or trusted" },
	/* translation QA (SPEC 13) */
	[R_QA_NUMBER] = { "qa-number", SEV_ERROR, "a number of the original missing from the translation" },
	[R_QA_UNIT] = { "qa-unit", SEV_ERROR, "a number with another unit than the original's, not an equivalent" },
	[R_QA_PHONE] = { "qa-phone", SEV_ERROR, "a phone number whose digits differ from the original's" },
	[R_QA_LINK] = { "qa-link", SEV_WARNING, "a link target of the original missing from the translation" },
	[R_QA_UNTRANSLATED] = { "qa-untranslated", SEV_WARNING, "a block identical to the original's" },
	[R_QA_GLOSSARY] = { "qa-glossary", SEV_WARNING, "a glossary term not rendered, or a forbidden term used" },
	[R_QA_DIGITS] = { "qa-digits", SEV_WARNING, "Western and Arabic-Indic digits mixed in one article" },
	[R_GLOSSARY] = { "glossary", SEV_ERROR, "an unusable entry of _glossary.yaml" },
	/* xliff (SPEC 14) */
	[R_XLIFF] = { "xliff", SEV_ERROR, "an XLIFF file that cannot be imported" },
	[R_DIRECTIVE] = { "directive", SEV_WARNING, "a <!-- folio: --> comment with an unknown verb or rule name, which silences nothing" },
	[R_SECTION] = { "section", SEV_WARNING, "a section the reference catalog's sections do not name (its pages show the id)" },
	/* export: what a page cannot link to */
	[R_UNPUBLISHED] = { "unpublished", SEV_WARNING, "export: an article: link, a related id or a stale notice's original that leads to an article not published (a draft or in review): its text alone, or left out" },
};

int rule_by_id(const char *id)
{
	int i;

	for (i = 0; i < R__COUNT; i++)
		if (rule_table[i].id && strcmp(rule_table[i].id, id) == 0)
			return i;
	return -1;
}

int rule_settable(int r)
{
	return r >= 0 && r < R__COUNT && r != R_IO && r != R_CONFIG &&
	       r != R_SCHEMA_INVALID && r != R_IGNORE && r != R_WRITE;
}

enum severity rule_severity(const unsigned char *policy, enum rule r,
			    enum severity sev)
{
	if (policy[r] == RULE_WARNING)
		return SEV_WARNING;
	if (policy[r] == RULE_ERROR)
		return SEV_ERROR;
	return sev;
}

void diag_list_relevel(struct diag_list *l, const unsigned char *level)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (level[l->v[i].rule] != SEV_NONE)
			l->v[i].severity = (enum severity)level[l->v[i].rule];
}

void diag_list_release(struct diag_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].file);
		free(l->v[i].message);
		free(l->v[i].pointer);
		free(l->v[i].id);
		free(l->v[i].suggest);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
}

void diag_list_truncate(struct diag_list *l, size_t n)
{
	while (l->n > n) {
		struct diag *d = &l->v[--l->n];

		free(d->file);
		free(d->message);
		free(d->pointer);
		free(d->id);
		free(d->suggest);
	}
}

static int vdiag(struct diag_list *l, enum rule r, enum severity sev,
		 const char *file, unsigned line, unsigned col,
		 const char *pointer, const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT;
	struct diag *d;

	if (RULE_SILENCED(l->ignored[r]))
		return -1;
	sev = rule_severity(l->ignored, r, sev);
	GROW(l->v, l->alloc, l->n + 1);
	d = &l->v[l->n];
	buf_vaddf(&msg, fmt, ap);
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->col = col;
	d->rule = r;
	d->severity = sev;
	d->message = buf_detach(&msg, NULL);
	d->pointer = pointer ? xstrdup(pointer) : NULL;
	d->id = NULL;
	d->suggest = NULL;
	d->seq = l->n;
	l->n++;
	return -1;
}

int diag(struct diag_list *l, enum rule r, const char *file, unsigned line,
	 unsigned col, const char *pointer, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(l, r, rule_table[r].severity, file, line, col, pointer, fmt, ap);
	va_end(ap);
	return -1;
}

int diag_sev(struct diag_list *l, enum rule r, enum severity sev,
	     const char *file, unsigned line, unsigned col,
	     const char *pointer, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(l, r, sev, file, line, col, pointer, fmt, ap);
	va_end(ap);
	return -1;
}

int diag_style(struct diag_list *l, enum severity sev, const char *id,
	       const char *suggest, const char *file, unsigned line,
	       unsigned col, const char *fmt, ...)
{
	va_list ap;
	size_t n = l->n;

	va_start(ap, fmt);
	vdiag(l, R_STYLE, sev, file, line, col, NULL, fmt, ap);
	va_end(ap);
	if (l->n > n) {
		struct buf b = BUF_INIT;

		buf_addf(&b, "style:%s", id);
		l->v[n].id = buf_detach(&b, NULL);
		l->v[n].suggest = suggest ? xstrdup(suggest) : NULL;
	}
	return -1;
}

const char *diag_id(const struct diag *d)
{
	return d->id ? d->id : rule_table[d->rule].id;
}

void diag_list_append(struct diag_list *dst, struct diag_list *src)
{
	size_t i;

	GROW(dst->v, dst->alloc, dst->n + src->n);
	for (i = 0; i < src->n; i++) {
		if (RULE_SILENCED(dst->ignored[src->v[i].rule])) {
			free(src->v[i].file);
			free(src->v[i].message);
			free(src->v[i].pointer);
			free(src->v[i].id);
			free(src->v[i].suggest);
			continue;
		}
		dst->v[dst->n] = src->v[i];
		dst->v[dst->n].severity = rule_severity(dst->ignored,
							src->v[i].rule,
							src->v[i].severity);
		dst->v[dst->n].seq = dst->n;
		dst->n++;
	}
	free(src->v);
	src->v = NULL;
	src->n = src->alloc = 0;
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c;

	if (a->file != b->file) {
		if (!a->file)
			return -1;
		if (!b->file)
			return 1;
		c = strcmp(a->file, b->file);
		if (c)
			return c;
	}
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_list_sort(struct diag_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_diag);
}

int diag_parse_format(const char *s, enum diag_format *out)
{
	if (!strcmp(s, "text"))
		*out = FMT_TEXT;
	else if (!strcmp(s, "json"))
		*out = FMT_JSON;
	else if (!strcmp(s, "github"))
		*out = FMT_GITHUB;
	else
		return -1;
	return 0;
}

struct diag_counts diag_count(const struct diag_list *l)
{
	struct diag_counts c = { 0, 0, 0 };
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].severity == SEV_ERROR)
			c.errors++;
		else if (l->v[i].severity == SEV_WARNING)
			c.warnings++;
		else if (l->v[i].severity == SEV_INFO)
			c.infos++;
	}
	return c;
}

enum severity diag_worst(const struct diag_list *l)
{
	enum severity w = SEV_NONE;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].severity > w)
			w = l->v[i].severity;
	return w;
}

static const char *sev_name(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_INFO ? "info" : "warning";
}

static void text_one(struct buf *b, const struct diag *d, const struct diag_out *o)
{
	const char *bold = o->color ? "\033[1m" : "";
	const char *reset = o->color ? "\033[0m" : "";
	const char *sevc = !o->color ? "" :
		d->severity == SEV_ERROR ? "\033[1;31m" :
		d->severity == SEV_INFO ? "\033[1;36m" : "\033[1;35m";

	buf_adds(b, bold);
	if (d->file) {
		escape_text_line(b, d->file, strlen(d->file));
		if (d->line)
			buf_addf(b, ":%u:%u", d->line, d->col ? d->col : 1);
		buf_adds(b, ": ");
	} else {
		buf_adds(b, "folio: ");
	}
	buf_adds(b, reset);
	buf_addf(b, "%s%s:%s ", sevc, sev_name(d->severity), reset);
	escape_text_line(b, d->message, strlen(d->message));
	buf_addf(b, " [%s]\n", diag_id(d));
}

void diag_print_one(const struct diag *d, const struct diag_out *o, FILE *out)
{
	struct buf b = BUF_INIT;

	text_one(&b, d, o);
	fwrite(b.buf, 1, b.len, out);
	buf_release(&b);
}

static void json_one(struct buf *b, const struct diag *d)
{
	buf_adds(b, "{\"file\":");
	if (d->file)
		escape_json_str(b, d->file, strlen(d->file));
	else
		buf_adds(b, "null");
	/* SPEC 4.2's shape always: 0 for a finding about a whole file */
	buf_addf(b, ",\"line\":%u,\"column\":%u", d->line,
		 d->line ? (d->col ? d->col : 1) : 0);
	buf_addf(b, ",\"severity\":\"%s\",\"rule\":\"%s\",\"message\":",
		 sev_name(d->severity), diag_id(d));
	escape_json_str(b, d->message, strlen(d->message));
	if (d->pointer) {
		buf_adds(b, ",\"pointer\":");
		escape_json_str(b, d->pointer, strlen(d->pointer));
	}
	if (d->suggest) {
		buf_adds(b, ",\"suggest\":");
		escape_json_str(b, d->suggest, strlen(d->suggest));
	}
	buf_addc(b, '}');
}

/*
 * SPEC 4.2's document: "diagnostics" holds errors and warnings, and the
 * summary counts them.  A house style rule of level info (SPEC 15) is
 * neither: its findings go to an "info" list of their own, after the
 * diagnostics, only when there are some (and not with -q), so that a
 * client written from 4.2 reads the same shape.
 */
static void json_all(struct buf *b, const struct diag_list *l,
		     const struct diag_out *o, size_t nfiles)
{
	struct diag_counts c = diag_count(l);
	size_t i;
	int first = 1;

	buf_adds(b, "{\"diagnostics\":[");
	for (i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];

		if (d->severity == SEV_INFO ||
		    (o->quiet && d->severity != SEV_ERROR))
			continue;
		buf_adds(b, first ? "\n  " : ",\n  ");
		first = 0;
		json_one(b, d);
	}
	buf_adds(b, first ? "]," : "\n],");
	if (c.infos && !o->quiet) {
		buf_adds(b, "\n \"info\":[");
		first = 1;
		for (i = 0; i < l->n; i++) {
			if (l->v[i].severity != SEV_INFO)
				continue;
			buf_adds(b, first ? "\n  " : ",\n  ");
			first = 0;
			json_one(b, &l->v[i]);
		}
		buf_adds(b, "\n],");
	}
	buf_addf(b, "\n \"summary\":{\"files\":%zu,\"errors\":%zu,\"warnings\":%zu}}\n",
		 nfiles, c.errors, c.warnings);
}

static void github_one(struct buf *b, const struct diag *d)
{
	/* GitHub has error, warning and notice */
	buf_addf(b, "::%s ", d->severity == SEV_INFO ? "notice" : sev_name(d->severity));
	if (d->file) {
		buf_adds(b, "file=");
		escape_github(b, d->file, strlen(d->file), 1);
		if (d->line)
			buf_addf(b, ",line=%u,col=%u", d->line, d->col ? d->col : 1);
		buf_addc(b, ',');
	}
	/* a property: style:<id> has a colon to escape */
	buf_adds(b, "title=");
	escape_github(b, diag_id(d), strlen(diag_id(d)), 1);
	buf_adds(b, "::");
	escape_github(b, d->message, strlen(d->message), 0);
	buf_addc(b, '\n');
}

static void plural(struct buf *b, size_t n, const char *what)
{
	buf_addf(b, "%zu %s%s", n, what, n == 1 ? "" : "s");
}

void diag_print(const struct diag_list *l, const struct diag_out *o,
		size_t nfiles, FILE *out, FILE *err)
{
	struct buf b = BUF_INIT;
	struct diag_counts c = diag_count(l);
	size_t i;

	if (o->format == FMT_JSON) {
		json_all(&b, l, o, nfiles);
		fwrite(b.buf, 1, b.len, out);
		buf_release(&b);
		return;
	}
	for (i = 0; i < l->n; i++) {
		if (o->quiet && l->v[i].severity != SEV_ERROR)
			continue;
		if (o->format == FMT_GITHUB)
			github_one(&b, &l->v[i]);
		else
			text_one(&b, &l->v[i], o);
	}
	fwrite(b.buf, 1, b.len, out);
	buf_reset(&b);
	if (!o->quiet || c.errors) {
		buf_adds(&b, "folio: ");
		plural(&b, c.errors, "error");
		buf_adds(&b, ", ");
		plural(&b, c.warnings, "warning");
		if (c.infos)
			buf_addf(&b, ", %zu info", c.infos);
		buf_adds(&b, " in ");
		plural(&b, nfiles, "file");
		buf_addc(&b, '\n');
		fwrite(b.buf, 1, b.len, err);
	}
	buf_release(&b);
}
