/*
 * cmd_xliff.c - `folio xliff export` and `folio xliff import` (SPEC 14):
 * options, which articles, the checks an import makes before it writes,
 * and the exit status.  Cutting articles into units is xliff_seg.c's job,
 * the XML xliff_write.c's and xliff_read.c's.
 */
#include "article.h"
#include "atomic.h"
#include "blocks.h"
#include "corpus.h"
#include "date.h"
#include "main.h"
#include "opts.h"
#include "snapshot.h"
#include "util.h"
#include "xliff.h"
#include "yaml_tree.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_export[] =
	"folio xliff export --lang L [--xliff 1.2|2.0] [--changed] [-o DIR] [PATH...]";
static const char about_export[] =
	"Write DIR/L/ID.xlf (default out/xliff/) for every published original:\n"
	"one unit per translatable block, inline Markdown as inline codes, an\n"
	"existing translation's blocks as targets, stale ones marked for review.";
static const char usage_import[] =
	"folio xliff import [--partial] FILE...";
static const char about_import[] =
	"Check each XLIFF file and write the translation it holds as ID/L.md,\n"
	"built from the original with the targets in place.  A file with an\n"
	"error, or with untranslated units unless --partial, is not imported.";

/* mkdir -p; 0 or -1 with errno. */
static int mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int ret = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) < 0 && errno != EEXIST) {
				ret = -1;
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return ret;
}

static int id_ok(const char *id)
{
	const char *s;

	if (!id || !*id || *id == '-')
		return 0;
	for (s = id; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

/* Load an article and cut it into units; errors to d.  0 or -1. */
static int load_units(struct article *a, struct xdoc *x, const struct corpus *c,
		      const struct article_meta *m, struct diag_list *d)
{
	struct diag_list load = DIAG_LIST_INIT;
	char *fs = corpus_path(c, m->relpath);
	int ret = 0;
	size_t k;

	article_init(a, m->path);
	if (article_load(a, fs, &load) < 0 || !a->body) {
		for (k = 0; k < load.n; k++)
			if (load.v[k].severity == SEV_ERROR)
				diag(d, load.v[k].rule, m->path, load.v[k].line,
				     load.v[k].col, NULL, "%s", load.v[k].message);
		ret = -1;
	} else {
		xliff_segment(x, a);
	}
	diag_list_release(&load);
	free(fs);
	return ret;
}

/* Do two units have the same codes (type and kind by id)? */
static int same_codes(const struct xunit *a, const struct xunit *b)
{
	size_t i, j;
	unsigned na = 0, nb = 0;

	for (i = 0; i < a->n; i++) {
		const struct xitem *x = &a->items[i];

		if (x->type == XI_TEXT)
			continue;
		na++;
		for (j = 0; j < b->n; j++)
			if (b->items[j].type == x->type && b->items[j].id == x->id &&
			    b->items[j].kind == x->kind)
				break;
		if (j == b->n)
			return 0;
	}
	for (i = 0; i < b->n; i++)
		nb += b->items[i].type != XI_TEXT;
	return na == nb;
}

struct exporter {
	const struct corpus *c;
	const char *lang, *dir;
	enum xliff_version version;
	int changed;
	struct diag_list *d;
	size_t written;
};

/* The note of a unit marked for review. */
static void review_note(struct buf *b, const struct xmatch *mt, size_t i,
			const struct article_meta *t, const struct article_meta *m)
{
	char od[16], td[16];

	buf_reset(b);
	date_format(m->updated, od);
	date_format(t->tf_updated, td);
	if (mt->old && mt->old[i]) {
		buf_addf(b, "the original changed since the translation's base (%s); "
			 "the source was: %s", mt->base_updated[0] ? mt->base_updated :
			 "its date unknown", mt->old[i]);
	} else if (mt->review[i]) {
		buf_addf(b, "the block moved in the original since the translation's "
			 "base (%s)", mt->base_updated[0] ? mt->base_updated : "its date "
			 "unknown");
	} else if (mt->base_missing) {
		buf_addf(b, "the original changed since this translation, and the text "
			 "it was made from is not available (no snapshot, no history): "
			 "review it against the new source");
	} else {
		buf_addf(b, "the original changed since this translation "
			 "(translated_from.updated %s, the original's updated %s); "
			 "review it against the new source", td, od);
	}
}

static void export_one(struct exporter *e, const struct article_meta *m)
{
	const struct corpus *c = e->c;
	const struct article_meta *t = corpus_find(c, m->id, e->lang);
	struct article oa, ta;
	struct xdoc ox = XDOC_INIT, tx = XDOC_INIT;
	struct xmatch mt;
	struct xout_unit *ou = NULL;
	struct xunit *plain = NULL;
	struct buf out = BUF_INIT, path = BUF_INIT, orig = BUF_INIT;
	struct buf *notes = NULL;
	int have_t = 0, draft = 0, precise;
	size_t i, n = 0;
	char digest[17];

	memset(&ta, 0, sizeof(ta));
	memset(&mt, 0, sizeof(mt));
	if (!id_ok(m->id)) {
		diag(e->d, R_XLIFF, m->path, m->id_pos.line, m->id_pos.col, "/id",
		     "id '%s' cannot name an XLIFF file: not exported", m->id);
		return;
	}
	if (t && (!t->translated || !t->tf_lang || strcmp(t->tf_lang, m->lang)))
		t = NULL;
	if (load_units(&oa, &ox, c, m, e->d) < 0)
		goto out;
	text_digest_article(&oa, digest);
	if (t) {
		if (load_units(&ta, &tx, c, t, e->d) < 0)
			goto out;
		have_t = 1;
		draft = t->status == STATUS_DRAFT;
		if (xliff_match(&mt, c, m, &ox, t, &tx, digest, e->d) < 0)
			goto out;
	}
	/* the changed blocks are known: only they are marked */
	precise = mt.stale && t && t->tf_base[0] && !mt.base_missing;
	ou = xcalloc(ox.n + 1, sizeof(*ou));
	plain = xcalloc(ox.n + 1, sizeof(*plain));
	notes = xcalloc(ox.n + 1, sizeof(*notes));
	for (i = 0; i < ox.n; i++) {
		const struct xunit *s = &ox.units[i], *tu = NULL;
		struct xout_unit *o = &ou[n];
		int review;

		if (have_t && mt.counterpart[i] >= 0)
			tu = &tx.units[mt.counterpart[i]];
		if (tu && draft && xunit_same(tu, s))
			tu = NULL;	/* a draft keeps the source where not translated */
		memset(o, 0, sizeof(*o));
		o->src = s;
		o->state = XS_NEW;
		if (tu) {
			review = precise ? mt.review[i] : mt.stale;
			o->target = tu;
			o->state = review ? XS_REVIEW : XS_TRANSLATED;
			if (review) {
				review_note(&notes[i], &mt, i, t, m);
				o->note = notes[i].buf;
			}
			if (!same_codes(s, tu)) {
				struct xitem *it;

				/* codes the source lacks would dangle: the text alone */
				plain[i].items = it = xcalloc(1, sizeof(*it));
				plain[i].n = 1;
				it->type = XI_TEXT;
				buf_reset(&orig);
				xunit_plain(&orig, tu);
				it->text = xstrndup(orig.buf, orig.len);
				it->len = orig.len;
				o->target = &plain[i];
				o->state = XS_REVIEW;
				o->note = "the translation's inline markup (emphasis, links, "
					  "code) differs from the original's: check it";
			}
		} else if (precise && mt.review[i] && mt.old[i]) {
			review_note(&notes[i], &mt, i, t, m);
			o->note = notes[i].buf;
		}
		/* --changed: only the units with work to do */
		if (e->changed && o->state == XS_TRANSLATED)
			continue;
		n++;
	}
	if (!n)
		goto out;
	{
		struct xout_file f;

		buf_reset(&orig);
		buf_addf(&orig, "%s/%s.md", m->id, m->lang);
		f.version = e->version;
		f.original = orig.buf;
		f.srclang = m->lang;
		f.trglang = e->lang;
		f.units = ou;
		f.n = n;
		xliff_write(&out, &f, &ox);
	}
	buf_addf(&path, "%s/%s", e->dir, e->lang);
	if (mkdirs(path.buf) < 0) {
		diag(e->d, R_WRITE, path.buf, 0, 0, NULL, "cannot create directory: %s",
		     errmsg(errno));
		goto out;
	}
	buf_addf(&path, "/%s.xlf", m->id);
	if (atomic_write(path.buf, out.buf, out.len, ATOMIC_UMASK, 0) < 0) {
		diag(e->d, R_WRITE, path.buf, 0, 0, NULL, "cannot write: %s",
		     errmsg(errno));
		goto out;
	}
	e->written++;
out:
	if (plain)
		for (i = 0; i < ox.n; i++)
			if (plain[i].items) {
				free(plain[i].items[0].text);
				free(plain[i].items);
			}
	if (notes)
		for (i = 0; i < ox.n; i++)
			buf_release(&notes[i]);
	free(notes);
	free(plain);
	free(ou);
	xmatch_release(&mt);
	xdoc_release(&ox);
	xdoc_release(&tx);
	article_release(&oa);
	if (have_t || ta.path)
		article_release(&ta);
	buf_release(&out);
	buf_release(&path);
	buf_release(&orig);
}

static int xliff_export(int argc, const char **argv, const struct global_opts *g)
{
	struct corpus c;
	struct diag_list d = DIAG_LIST_INIT, idx = DIAG_LIST_INIT;
	struct diag_out o = { FMT_TEXT, 0, 0 };
	const char *lang = NULL, *version = "1.2", *dir = "out/xliff";
	int changed = 0, first, nargs, ret;
	size_t i;
	struct exporter e;
	const struct opt opts[] = {
		{ "lang", 0, OPT_STRING, &lang, "L", "the target language (required)" },
		{ "xliff", 0, OPT_STRING, &version, "V", "1.2 (default) or 2.0" },
		{ "changed", 0, OPT_FLAG, &changed, NULL,
		  "only the units with work to do: new, changed, untranslated" },
		{ "output", 'o', OPT_STRING, &dir, "DIR", "where to write (default out/xliff)" },
		{ NULL, 0, 0, NULL, NULL, NULL },
	};

	memset(&c, 0, sizeof(c));
	memset(&e, 0, sizeof(e));
	ret = opts_parse(argc, argv, opts, usage_export, about_export, &first, &nargs);
	if (ret)
		return ret > 0 ? EXIT_OK : EXIT_USAGE;
	o.color = g->color;
	if (!lang) {
		fprintf(stderr, "folio: xliff export needs --lang L\nusage: %s\n", usage_export);
		return EXIT_USAGE;
	}
	if (strcmp(version, "1.2") && strcmp(version, "2.0")) {
		fprintf(stderr, "folio: --xliff must be 1.2 or 2.0, got '%s'\n", version);
		return EXIT_USAGE;
	}
	if (corpus_open(&c, nargs ? argv[first] : NULL, default_jobs(), &d) < 0 ||
	    corpus_select(&c, argv + first, nargs, &d) < 0) {
		ret = EXIT_USAGE;
		goto print;
	}
	if (config_lang(&c.cfg, lang) < 0) {
		fprintf(stderr, "folio: --lang '%s' is not one of the corpus's languages\n",
			lang);
		ret = EXIT_USAGE;
		goto out;
	}
	corpus_index(&c, 0, &idx);
	e.c = &c;
	e.lang = lang;
	e.dir = dir;
	e.version = strcmp(version, "2.0") ? XLIFF_12 : XLIFF_20;
	e.changed = changed;
	e.d = &d;
	for (i = 0; i < c.n; i++) {
		const struct article_meta *m = &c.articles[i];

		if (!c.selected[i] || !m->usable || m->translated || !m->id ||
		    !m->lang || !strcmp(m->lang, lang) || m->status != STATUS_PUBLISHED)
			continue;
		if (corpus_twin(&c, m))
			continue;
		export_one(&e, m);
	}
	ret = diag_worst(&d) == SEV_ERROR ? EXIT_FINDINGS : EXIT_OK;
	for (i = 0; i < d.n; i++)
		if (d.v[i].rule == R_WRITE)
			ret = EXIT_SYSTEM;
	if (!o.quiet)
		fprintf(stderr, "folio: %zu XLIFF %s written to %s/%s\n", e.written,
			e.written == 1 ? "file" : "files", dir, lang);
print:
	diag_list_sort(&d);
	if (d.n)
		diag_print(&d, &o, 0, stdout, stderr);
out:
	corpus_release(&c);
	diag_list_release(&d);
	diag_list_release(&idx);
	return ret;
}

/* Import. */

/* A YAML double-quoted string. */
static void yaml_quote(struct buf *b, const char *s, size_t n)
{
	size_t i;

	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)ch);
		} else if (ch == '\n') {
			buf_adds(b, "\\n");
		} else if (ch == '\t') {
			buf_adds(b, "\\t");
		} else if (ch < 0x20 || ch == 0x7F) {
			buf_addf(b, "\\x%02x", ch);
		} else {
			buf_addc(b, (char)ch);
		}
	}
	buf_addc(b, '"');
}

struct importer {
	const struct corpus *c;
	int partial;
	struct diag_list *d;
	size_t imported, refused;
	/* "id\0digest" of every translation stamped in this run: the index
	 * was read before, and their snapshots must stay */
	char **stamped;
	size_t nstamped, astamped;
};

/*
 * After a stamp, the snapshots of id that no translation names any more
 * go, as folio stamp removes them; the translation written is self_rel.
 */
static void prune(struct importer *im, const char *id, const char *self_rel,
		  const char *digest)
{
	const struct corpus *c = im->c;
	const char **keep = xmalloc((c->n + im->nstamped + 2) * sizeof(*keep));
	size_t n = 0, i;

	keep[n++] = digest;
	for (i = 0; i < c->n; i++) {
		const struct article_meta *m = &c->articles[i];

		if (m->translated && m->id && !strcmp(m->id, id) && m->tf_base[0] &&
		    strcmp(m->relpath, self_rel))
			keep[n++] = m->tf_base;
	}
	for (i = 0; i < im->nstamped; i++)
		if (!strcmp(im->stamped[i], id))
			keep[n++] = im->stamped[i] + strlen(id) + 1;
	if (snapshot_prune(c, id, keep, n, NULL) < 0)
		diag(im->d, R_WRITE, id, 0, 0, NULL, "cannot prune the snapshots of "
		     "'%s': %s", id, errmsg(errno));
	free(keep);
}

/* Byte offset of a line:col (col in characters) of text, or -1. */
static long offset_of(const char *text, size_t len, unsigned line, unsigned col)
{
	size_t i = 0;
	unsigned l = 1, c = 1;

	while (l < line) {
		const char *nl = memchr(text + i, '\n', len - i);

		if (!nl)
			return -1;
		i = (size_t)(nl - text) + 1;
		l++;
	}
	while (c < col) {
		if (i >= len || text[i] == '\n')
			return -1;
		i++;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	return (long)i;
}

struct edit {
	size_t start, end;
	struct buf text;
};

/* Where a one-line scalar's bytes are in the file, or -1. */
static int locate(const struct article *a, const struct ynode *n, size_t *s,
		  size_t *e)
{
	long so, eo;

	if (!n || n->line != n->end_line || n->type == Y_MAP || n->type == Y_SEQ)
		return -1;
	so = offset_of(a->text.buf, a->fm_start + a->fm_len, n->line, n->col);
	eo = offset_of(a->text.buf, a->fm_start + a->fm_len, n->end_line, n->end_col);
	if (so < 0 || eo <= so || (size_t)so < a->fm_start)
		return -1;
	if (a->text.buf[so] == '|' || a->text.buf[so] == '>')
		return -1;
	*s = (size_t)so;
	*e = (size_t)eo;
	return 0;
}

/*
 * The text of unit id for a frontmatter value: the target, or with
 * source_too, the source when the unit has no target; NULL otherwise.
 */
static const char *target_text(struct buf *b, const struct xdoc *x,
			       const struct xtarget *t, const char *id,
			       int source_too)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < x->n; i++)
		if (!strcmp(x->units[i].id, id)) {
			if (t[i].state == XT_TRANSLATED)
				xunit_plain(b, &t[i].unit);
			else if (source_too)
				xunit_plain(b, &x->units[i]);
			else
				return NULL;
			return b->buf;
		}
	return NULL;
}

static int add_edit(struct edit *ed, size_t *ned, const struct article *a,
		    const struct ynode *n, const char *value, int quote)
{
	size_t s, e;

	if (locate(a, n, &s, &e) < 0)
		return -1;
	ed[*ned].start = s;
	ed[*ned].end = e;
	buf_init(&ed[*ned].text);
	if (quote)
		yaml_quote(&ed[*ned].text, value, strlen(value));
	else
		buf_adds(&ed[*ned].text, value);
	(*ned)++;
	return 0;
}

/*
 * 'base' added to translated_from after its 'updated' (whose value ends at
 * val_end): ", base: ..." in a flow mapping, a line of its own, indented
 * as 'updated', in a block one.
 */
static int insert_base(struct edit *ed, size_t *ned, const struct article *a,
		       const struct ynode *tf, const struct ynode *key,
		       size_t val_end, const char *digest)
{
	const char *t = a->text.buf;
	size_t lim = a->fm_start + a->fm_len, ls, k;
	long tf_at = offset_of(t, lim, tf->line, tf->col);
	long key_at = offset_of(t, lim, key->line, key->col);
	const char *nl;
	struct buf *v = &ed[*ned].text;

	if (tf_at < 0 || key_at < 0)
		return -1;
	buf_init(v);
	if (t[tf_at] == '{') {
		buf_addf(v, ", base: \"%s\"", digest);
		ed[*ned].start = ed[*ned].end = val_end;
		(*ned)++;
		return 0;
	}
	nl = memchr(t + val_end, '\n', lim - val_end);
	if (!nl)
		return -1;
	for (ls = (size_t)key_at; ls > a->fm_start && t[ls - 1] != '\n'; ls--)
		;
	for (k = ls; k < (size_t)key_at; k++)
		buf_addc(v, t[k] == '\t' ? '\t' : ' ');
	buf_addf(v, "base: \"%s\"%s", digest, nl > t && nl[-1] == '\r' ? "\r\n" : "\n");
	ed[*ned].start = ed[*ned].end = (size_t)(nl - t) + 1;
	(*ned)++;
	return 0;
}

static int cmp_edit(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The frontmatter of an existing translation, with title, summary and
 * source titles from the targets, translated_from.updated brought to the
 * original's when complete, status draft when not.
 */
static int keep_frontmatter(struct buf *out, const struct article *ta,
			    const struct xdoc *ox, const struct xtarget *tg,
			    const struct article_meta *om, int complete,
			    const char *digest, const char *file,
			    struct importer *im)
{
	const struct ynode *root = ta->fm.root, *src, *tf;
	struct edit ed[64];
	size_t ned = 0, i, at = 0;
	struct buf v = BUF_INIT;
	char od[16];
	int ret = 0;

	memset(ed, 0, sizeof(ed));
	if (target_text(&v, ox, tg, "title", 0) &&
	    add_edit(ed, &ned, ta, ymap_get(root, "title"), v.buf, 1) < 0)
		ret = -1;
	if (!ret && target_text(&v, ox, tg, "summary", 0) && ymap_get(root, "summary") &&
	    add_edit(ed, &ned, ta, ymap_get(root, "summary"), v.buf, 1) < 0)
		ret = -1;
	src = ymap_get(root, "sources");
	for (i = 0; !ret && src && src->type == Y_SEQ && i < src->n && ned < 60; i++) {
		char id[32];

		snprintf(id, sizeof(id), "source%zu", i + 1);
		if (src->items[i]->type == Y_MAP && ymap_get(src->items[i], "title") &&
		    target_text(&v, ox, tg, id, 0) &&
		    add_edit(ed, &ned, ta, ymap_get(src->items[i], "title"), v.buf, 1) < 0)
			ret = -1;
	}
	tf = ymap_get(root, "translated_from");
	if (!ret && complete && tf && tf->type == Y_MAP && ymap_get(tf, "updated")) {
		const struct ypair *up = ymap_pair(tf, "updated");

		date_format(om->updated, od);
		if (add_edit(ed, &ned, ta, up->value, od, 0) < 0)
			ret = -1;
		else if (ymap_get(tf, "base"))
			ret = add_edit(ed, &ned, ta, ymap_get(tf, "base"), digest, 1);
		else
			ret = insert_base(ed, &ned, ta, tf, up->key, ed[ned - 1].end,
					  digest);
	}
	if (!ret && !complete && ymap_get(root, "status") &&
	    add_edit(ed, &ned, ta, ymap_get(root, "status"), "draft", 0) < 0)
		ret = -1;
	if (ret) {
		diag(im->d, R_XLIFF, file, 0, 0, NULL, "the frontmatter of %s holds "
		     "a title, summary, source title, date or status that is not a "
		     "one-line value: edit it by hand, nothing imported", ta->path);
	} else {
		qsort(ed, ned, sizeof(ed[0]), cmp_edit);
		for (i = 0; i < ned; i++) {
			if (ed[i].start < at)
				continue;
			buf_add(out, ta->text.buf + at, ed[i].start - at);
			buf_add(out, ed[i].text.buf, ed[i].text.len);
			at = ed[i].end;
		}
		buf_add(out, ta->text.buf + at, (size_t)(ta->body - ta->text.buf) - at);
	}
	for (i = 0; i < ned; i++)
		buf_release(&ed[i].text);
	buf_release(&v);
	return ret;
}

/* The frontmatter of a new translation. */
static void new_frontmatter(struct buf *out, const struct article *oa,
			    const struct xdoc *ox, const struct xtarget *tg,
			    const struct article_meta *om, const char *lang,
			    int complete, const char *digest)
{
	const struct ynode *root = oa->fm.root, *rel, *src;
	struct buf v = BUF_INIT;
	char today[16], od[16];
	size_t i;

	date_format(date_today(), today);
	date_format(om->updated, od);
	buf_addf(out, "---\nid: %s\nlang: %s\ntitle: ", om->id, lang);
	target_text(&v, ox, tg, "title", 1);
	yaml_quote(out, v.buf, v.len);
	if (target_text(&v, ox, tg, "summary", 1)) {
		buf_adds(out, "\nsummary: ");
		yaml_quote(out, v.buf, v.len);
	}
	if (om->section) {
		buf_adds(out, "\nsection: ");
		yaml_quote(out, om->section, strlen(om->section));
	}
	buf_addf(out, "\nupdated: %s\nstatus: %s\n", today, complete ? "review" : "draft");
	rel = ymap_get(root, "related");
	if (rel && rel->type == Y_SEQ && rel->n) {
		buf_adds(out, "related: [");
		for (i = 0; i < rel->n; i++) {
			const char *s = ynode_str(rel->items[i]);

			if (i)
				buf_adds(out, ", ");
			yaml_quote(out, s ? s : "", s ? strlen(s) : 0);
		}
		buf_adds(out, "]\n");
	}
	src = ymap_get(root, "sources");
	if (src && src->type == Y_SEQ && src->n) {
		buf_adds(out, "sources:\n");
		for (i = 0; i < src->n; i++) {
			const char *url = ynode_str(ymap_get(src->items[i], "url"));
			char id[32];

			snprintf(id, sizeof(id), "source%zu", i + 1);
			buf_adds(out, "  - title: ");
			if (target_text(&v, ox, tg, id, 1))
				yaml_quote(out, v.buf, v.len);
			else
				buf_adds(out, "\"\"");
			if (url) {
				buf_adds(out, "\n    url: ");
				yaml_quote(out, url, strlen(url));
			}
			buf_addc(out, '\n');
		}
	}
	buf_addf(out, "translated_from:\n  lang: %s\n  updated: %s\n", om->lang, od);
	if (complete)
		buf_addf(out, "  base: \"%s\"\n", digest);
	buf_adds(out, "---\n");
	buf_release(&v);
}

/* The units of x sorted by id, so that a file of many units is looked up in n log n. */
struct unit_ref {
	const char *id;
	const struct xunit *u;
};

static int cmp_unit_ref(const void *a, const void *b)
{
	return strcmp(((const struct unit_ref *)a)->id, ((const struct unit_ref *)b)->id);
}

static struct unit_ref *unit_index(const struct xdoc *x)
{
	struct unit_ref *v = xmalloc((x->n + 1) * sizeof(*v));
	size_t i;

	for (i = 0; i < x->n; i++) {
		v[i].id = x->units[i].id;
		v[i].u = &x->units[i];
	}
	qsort(v, x->n, sizeof(*v), cmp_unit_ref);
	return v;
}

static const struct xunit *find_unit(const struct xdoc *x, const struct unit_ref *idx,
				     const char *id)
{
	struct unit_ref key = { id, NULL };
	const struct unit_ref *r = bsearch(&key, idx, x->n, sizeof(*idx), cmp_unit_ref);

	return r ? r->u : NULL;
}

/* A unit with no text but blanks (a block would vanish). */
static int blank_unit(const struct xunit *u)
{
	size_t i, k;

	for (i = 0; i < u->n; i++)
		for (k = 0; u->items[i].type == XI_TEXT && k < u->items[i].len; k++)
			if (!strchr(" \t\r\n", u->items[i].text[k]))
				return 0;
	return 1;
}

enum import_result { IMP_DONE, IMP_REFUSED, IMP_WRITE_ERROR };

static enum import_result import_one(struct importer *im, const char *file)
{
	const struct corpus *c = im->c;
	struct buf data = BUF_INIT, out = BUF_INIT, rel = BUF_INIT;
	struct xin_file xf;
	struct article oa, ta;
	struct xdoc ox = XDOC_INIT, tx = XDOC_INIT;
	struct xtarget *tg = NULL;
	const struct article_meta *om, *tm = NULL;
	const char *slash;
	char *id = NULL, *fs = NULL;
	size_t i, count, nuntrans = 0, errs = im->d->n;
	const char *first_untrans = NULL;
	int loaded_o = 0, loaded_t = 0, complete;
	struct xmatch mt;
	char digest[17];
	unsigned char *present = NULL;	/* present[i]: unit i is in the file */
	struct unit_ref *idx = NULL;
	enum import_result ret = IMP_REFUSED;
	enum buf_read_result rr;

	memset(&xf, 0, sizeof(xf));
	memset(&mt, 0, sizeof(mt));
	rr = buf_read_file(&data, file, 64u << 20);
	if (rr != BUF_READ_OK) {
		diag(im->d, R_XLIFF, file, 0, 0, NULL, "cannot read: %s",
		     rr == BUF_READ_TOO_BIG ? "larger than 64 MiB" :
		     rr == BUF_READ_NOT_FILE ? "not a regular file" : errmsg(errno));
		goto out;
	}
	if (xliff_read(&xf, data.buf, data.len, file, im->d) < 0)
		goto out;
	slash = xf.original ? strchr(xf.original, '/') : NULL;
	if (!slash) {
		diag(im->d, R_XLIFF, file, xf.file_line, xf.file_col, NULL, "the <file> names "
		     "no article: 'original' must be 'ID/LANG.md', got '%s'",
		     xf.original ? xf.original : "");
		goto out;
	}
	id = xstrndup(xf.original, (size_t)(slash - xf.original));
	om = id_ok(id) ? corpus_original(c, id, &count) : NULL;
	if (!om) {
		diag(im->d, R_XLIFF, file, xf.file_line, xf.file_col, NULL, "the article '%s' "
		     "has no original in this corpus", id);
		goto out;
	}
	if (!om->lang || strncmp(slash + 1, om->lang, strlen(om->lang)) ||
	    strcmp(slash + 1 + strlen(om->lang), ".md") ||
	    !xf.srclang || strcmp(xf.srclang, om->lang)) {
		diag(im->d, R_XLIFF, file, xf.file_line, xf.file_col, NULL, "the file says "
		     "'%s' in '%s', but the original of '%s' is %s, in '%s'",
		     xf.original, xf.srclang ? xf.srclang : "no language", id,
		     om->path, om->lang ? om->lang : "?");
		goto out;
	}
	if (!xf.trglang || config_lang(&c->cfg, xf.trglang) < 0 ||
	    !strcmp(xf.trglang, om->lang)) {
		diag(im->d, R_XLIFF, file, xf.file_line, xf.file_col, NULL, "target language "
		     "'%s' is not one of the corpus's languages other than the "
		     "original's", xf.trglang ? xf.trglang : "");
		goto out;
	}
	if (load_units(&oa, &ox, c, om, im->d) < 0)
		goto out;
	loaded_o = 1;
	tm = corpus_find(c, id, xf.trglang);
	if (tm && (!tm->translated || !tm->usable)) {
		diag(im->d, R_XLIFF, file, xf.file_line, xf.file_col, NULL, "%s exists and is "
		     "not a translation: nothing imported", tm->path);
		goto out;
	}
	if (tm) {
		if (load_units(&ta, &tx, c, tm, im->d) < 0)
			goto out;
		loaded_t = 1;
	}
	tg = xcalloc(ox.n + 1, sizeof(*tg));
	present = xcalloc(ox.n + 1, 1);
	idx = unit_index(&ox);
	for (i = 0; i < xf.n; i++) {
		struct xin_unit *xu = &xf.units[i];
		const struct xunit *s = find_unit(&ox, idx, xu->id);
		size_t k;

		if (!s) {
			diag(im->d, R_XLIFF, file, xu->line, xu->col, NULL, "unknown unit "
			     "id '%s': the original %s has no such block", xu->id,
			     om->path);
			continue;
		}
		k = (size_t)(s - ox.units);
		present[k] = 1;
		if (!xliff_same_source(&xu->source, s)) {
			diag(im->d, R_XLIFF, file, xu->line, xu->col, NULL, "the source of "
			     "unit '%s' is not the original's text any more: %s changed "
			     "since the export; export again", xu->id, om->path);
			continue;
		}
		if (!xu->has_target || !xu->translated)
			continue;
		if (xliff_check_codes(xu, s, &xu->target, file, im->d) < 0)
			continue;
		if (blank_unit(&xu->target) && !blank_unit(s)) {
			diag(im->d, R_XLIFF, file, xu->line, xu->col, NULL, "unit '%s': "
			     "the target is empty, but the source is not", xu->id);
			continue;
		}
		tg[k].state = XT_TRANSLATED;
		tg[k].unit = xu->target;
	}
	if (im->d->n > errs)
		goto out;
	/* units not in the file keep the existing translation's text */
	text_digest_article(&oa, digest);
	if (loaded_t && xliff_match(&mt, c, om, &ox, tm, &tx, digest, im->d) < 0)
		goto out;
	for (i = 0; i < ox.n; i++) {
		int have = tg[i].state == XT_TRANSLATED;

		if (!have && !present[i] && loaded_t && mt.counterpart[i] >= 0 &&
		    !mt.review[i])
			have = 1;
		if (!have) {
			if (!nuntrans++)
				first_untrans = ox.units[i].id;
		}
	}
	complete = nuntrans == 0;
	if (!complete && !im->partial) {
		diag(im->d, R_XLIFF, file, xf.file_line, xf.file_col, NULL, "%zu of %zu units "
		     "are not translated (the first: '%s'): not imported; "
		     "--partial imports it as a draft", nuntrans, ox.n, first_untrans);
		goto out;
	}
	if (loaded_t) {
		if (keep_frontmatter(&out, &ta, &ox, tg, om, complete, digest, file,
				     im) < 0)
			goto out;
	} else {
		new_frontmatter(&out, &oa, &ox, tg, om, xf.trglang, complete, digest);
		if (memchr(oa.text.buf, '\n', oa.text.len) &&
		    ((const char *)memchr(oa.text.buf, '\n', oa.text.len))[-1] == '\r') {
			/* the original's line ends, for a file with one kind of them */
			struct buf crlf = BUF_INIT;

			for (i = 0; i < out.len; i++) {
				if (out.buf[i] == '\n')
					buf_addc(&crlf, '\r');
				buf_addc(&crlf, out.buf[i]);
			}
			buf_reset(&out);
			buf_add(&out, crlf.buf, crlf.len);
			buf_release(&crlf);
		}
	}
	xliff_rebuild(&out, &ox, tg, loaded_t ? &tx : NULL,
		      loaded_t ? mt.counterpart : NULL);
	if (tm) {
		buf_adds(&rel, tm->relpath);
	} else {
		buf_addf(&rel, "%s/%s.md", id, xf.trglang);
	}
	fs = corpus_path(c, rel.buf);
	if (!tm && access(fs, F_OK) == 0) {
		/* a file folio could not read as this translation: never replaced */
		diag(im->d, R_XLIFF, file, xf.file_line, xf.file_col, NULL, "%s exists "
		     "but is not a translation of '%s' folio can read: nothing "
		     "imported", fs, id);
		goto out;
	}
	{
		char *dir = xstrdup(fs), *s = strrchr(dir, '/');

		if (s) {
			*s = '\0';
			if (mkdirs(dir) < 0) {
				diag(im->d, R_WRITE, fs, 0, 0, NULL, "cannot create its "
				     "directory: %s", errmsg(errno));
				free(dir);
				ret = IMP_WRITE_ERROR;
				goto out;
			}
		}
		free(dir);
	}
	/* stamped (SPEC 12.1): the base the translation names is kept */
	if (complete && snapshot_save(c, id, om->lang, digest, oa.text.buf,
				      oa.text.len) < 0) {
		diag(im->d, R_WRITE, file, 0, 0, NULL, "cannot save the snapshot of "
		     "%s: %s; nothing imported", om->path, errmsg(errno));
		ret = IMP_WRITE_ERROR;
		goto out;
	}
	if (atomic_write(fs, out.buf, out.len, ATOMIC_UMASK, 1) < 0) {
		diag(im->d, R_WRITE, fs, 0, 0, NULL, "cannot write: %s", errmsg(errno));
		ret = IMP_WRITE_ERROR;
		goto out;
	}
	printf("%s: imported into %s (%s)\n", file, fs,
	       complete ? "complete" : "partial, status: draft");
	if (complete) {
		char *rec = xmalloc(strlen(id) + 18);

		memcpy(rec, id, strlen(id) + 1);
		memcpy(rec + strlen(id) + 1, digest, 17);
		GROW(im->stamped, im->astamped, im->nstamped + 1);
		im->stamped[im->nstamped++] = rec;
		prune(im, id, rel.buf, digest);
	}
	ret = IMP_DONE;
out:
	free(tg);
	free(present);
	free(idx);
	free(id);
	free(fs);
	xmatch_release(&mt);
	xin_file_release(&xf);
	xdoc_release(&ox);
	xdoc_release(&tx);
	if (loaded_o)
		article_release(&oa);
	if (loaded_t)
		article_release(&ta);
	buf_release(&data);
	buf_release(&out);
	buf_release(&rel);
	return ret;
}

static int xliff_import(int argc, const char **argv, const struct global_opts *g)
{
	struct corpus c;
	struct diag_list d = DIAG_LIST_INIT, idx = DIAG_LIST_INIT;
	struct diag_out o = { FMT_TEXT, 0, 0 };
	struct importer im;
	int partial = 0, first, nargs, ret, k, write_err = 0;
	const struct opt opts[] = {
		{ "partial", 0, OPT_FLAG, &partial, NULL,
		  "import an incomplete file as a draft (source text kept)" },
		{ NULL, 0, 0, NULL, NULL, NULL },
	};

	memset(&c, 0, sizeof(c));
	memset(&im, 0, sizeof(im));
	ret = opts_parse(argc, argv, opts, usage_import, about_import, &first, &nargs);
	if (ret)
		return ret > 0 ? EXIT_OK : EXIT_USAGE;
	o.color = g->color;
	if (!nargs) {
		fprintf(stderr, "folio: xliff import needs the XLIFF files to read\n"
			"usage: %s\n", usage_import);
		return EXIT_USAGE;
	}
	if (corpus_open(&c, NULL, default_jobs(), &d) < 0) {
		ret = EXIT_USAGE;
		goto print;
	}
	corpus_index(&c, 0, &idx);
	im.c = &c;
	im.partial = partial;
	im.d = &d;
	for (k = 0; k < nargs; k++) {
		switch (import_one(&im, argv[first + k])) {
		case IMP_DONE:
			im.imported++;
			break;
		case IMP_WRITE_ERROR:
			write_err = 1;
			/* fall through */
		case IMP_REFUSED:
			im.refused++;
			break;
		}
	}
	ret = write_err ? EXIT_SYSTEM : im.refused ? EXIT_FINDINGS : EXIT_OK;
	for (k = 0; k < (int)im.nstamped; k++)
		free(im.stamped[k]);
	free(im.stamped);
	fflush(stdout);
print:
	diag_list_sort(&d);
	diag_print(&d, &o, (size_t)nargs, stdout, stderr);
	corpus_release(&c);
	diag_list_release(&d);
	diag_list_release(&idx);
	return ret;
}

int cmd_xliff(int argc, const char **argv, const struct global_opts *g)
{
	if (argc >= 2 && !strcmp(argv[1], "export"))
		return xliff_export(argc - 1, argv + 1, g);
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return xliff_import(argc - 1, argv + 1, g);
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: %s\n       %s\n\n%s\n\n%s\n", usage_export, usage_import,
		       about_export, about_import);
		return EXIT_OK;
	}
	fprintf(stderr, "folio: xliff needs 'export' or 'import'%s%s%s\n"
		"usage: %s\n       %s\n", argc >= 2 ? ", got '" : "",
		argc >= 2 ? argv[1] : "", argc >= 2 ? "'" : "", usage_export,
		usage_import);
	return EXIT_USAGE;
}
