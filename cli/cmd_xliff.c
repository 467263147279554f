/*
 * cmd_xliff.c - `folio xliff export` and `folio xliff import` (SPEC 14):
 * options, which articles, the checks an import makes before it writes,
 * and the exit status.  Cutting articles into units is xliff_seg.c's job,
 * the XML xliff_write.c's and xliff_read.c's.
 */
#include "article.h"
#include "atomic.h"
#include "blocks.h"
#include "fm_edit.h"
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
	const char *when = mt->base_updated[0] ? mt->base_updated : "its date unknown";

	buf_reset(b);
	date_format(m->updated, od);
	date_format(t->tf_updated, td);
	if (mt->old && mt->old[i]) {
		buf_addf(b, "the original changed since the translation's base (%s)%s; "
			 "the source was: %s", when, mt->review[i] == XR_MARKUP ?
			 ", in a link's or an image's target, code or HTML only" : "",
			 mt->old[i]);
	} else if (mt->review[i] == XR_MOVED) {
		buf_addf(b, "the block moved in the original since the translation's "
			 "base (%s)", when);
	} else if (mt->review[i] == XR_NEW) {
		buf_addf(b, "the original changed since the translation's base (%s): "
			 "this text is new", when);
	} else if (mt->review[i]) {
		buf_addf(b, "the original changed since the translation's base (%s): "
			 "review it against the new source", when);
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

/* One article on its way out as XLIFF: what each step of export_one()
 * reads and leaves for the next. */
struct export_job {
	const struct article_meta *m, *t;	/* the original, its translation or NULL */
	struct article oa, ta;
	struct xdoc ox, tx;
	struct xmatch mt;
	int have_t, draft;
	char digest[17];
	struct xout_unit *ou;			/* the units written, in order */
	struct xunit *plain;			/* per unit of ox: a target as text alone */
	struct buf *notes;			/* per unit of ox: its review note */
};

/* The units of the original, and of its translation with each block
 * matched to the original's. */
static int export_load(struct exporter *e, struct export_job *j)
{
	const struct corpus *c = e->c;
	const struct article_meta *t = j->t;

	if (load_units(&j->oa, &j->ox, c, j->m, e->d) < 0)
		return -1;
	blocks_digest_article(&j->oa, j->digest);
	if (t) {
		if (load_units(&j->ta, &j->tx, c, t, e->d) < 0)
			return -1;
		j->have_t = 1;
		j->draft = t->status == STATUS_DRAFT;
		if (xliff_match(&j->mt, c, j->m, &j->ox, t, &j->tx, j->digest, e->d) < 0)
			return -1;
	}
	return 0;
}

/* Unit i's target made the translation's text alone: codes the source
 * lacks would dangle. */
static void export_plain_target(struct export_job *j, size_t i, const struct xunit *tu,
				struct xout_unit *o)
{
	struct buf text = BUF_INIT;
	struct xitem *it;

	j->plain[i].items = it = xcalloc(1, sizeof(*it));
	j->plain[i].n = 1;
	it->type = XI_TEXT;
	xunit_plain(&text, tu);
	it->text = xstrndup(text.buf, text.len);
	it->len = text.len;
	buf_release(&text);
	static const char markup[] = "the translation's inline markup (emphasis, "
		"links, code) differs from the original's: check it";

	o->target = &j->plain[i];
	o->state = XS_REVIEW;
	/* a review note stays: the old source is what the change is about */
	if (o->note)
		o->note2 = markup;
	else
		o->note = markup;
}

/* The units to write, in ou: each with its translation, state and note;
 * returns how many (with --changed, only those with work to do). */
static size_t export_units(struct exporter *e, struct export_job *j)
{
	const struct xmatch *mt = &j->mt;
	size_t i, n = 0;
	/* the changed blocks are known: only they are marked */
	int precise = mt->stale && j->t && j->t->tf_base[0] && !mt->base_missing &&
		      !mt->shapeless;

	j->ou = xcalloc(j->ox.n + 1, sizeof(*j->ou));
	j->plain = xcalloc(j->ox.n + 1, sizeof(*j->plain));
	j->notes = xcalloc(j->ox.n + 1, sizeof(*j->notes));
	for (i = 0; i < j->ox.n; i++) {
		const struct xunit *s = &j->ox.units[i], *tu = NULL;
		struct xout_unit *o = &j->ou[n];
		int review;

		if (j->have_t && mt->counterpart[i] >= 0)
			tu = &j->tx.units[mt->counterpart[i]];
		if (tu && j->draft && xunit_same(tu, s))
			tu = NULL;	/* a draft keeps the source where not translated */
		memset(o, 0, sizeof(*o));
		o->src = s;
		o->state = XS_NEW;
		if (tu) {
			review = precise ? mt->review[i] : mt->stale;
			o->target = tu;
			o->state = review ? XS_REVIEW : XS_TRANSLATED;
			if (review) {
				review_note(&j->notes[i], mt, i, j->t, j->m);
				o->note = j->notes[i].buf;
			}
			if (!same_codes(s, tu))
				export_plain_target(j, i, tu, o);
		} else if (precise && mt->review[i] && mt->old[i]) {
			review_note(&j->notes[i], mt, i, j->t, j->m);
			o->note = j->notes[i].buf;
		}
		/* --changed: only the units with work to do */
		if (e->changed && o->state == XS_TRANSLATED)
			continue;
		n++;
	}
	return n;
}

/* The n units written as DIR/LANG/ID.xlf. */
static void export_write_file(struct exporter *e, struct export_job *j, size_t n)
{
	struct buf out = BUF_INIT, path = BUF_INIT, orig = BUF_INIT;
	struct xout_file f;

	buf_addf(&orig, "%s/%s.md", j->m->id, j->m->lang);
	f.version = e->version;
	f.original = orig.buf;
	f.srclang = j->m->lang;
	f.trglang = e->lang;
	f.units = j->ou;
	f.n = n;
	xliff_write(&out, &f, &j->ox);
	buf_addf(&path, "%s/%s", e->dir, e->lang);
	if (mkdirs(path.buf) < 0) {
		diag(e->d, R_WRITE, path.buf, 0, 0, NULL, "cannot create directory: %s",
		     errmsg(errno));
		goto out;
	}
	buf_addf(&path, "/%s.xlf", j->m->id);
	if (atomic_write(path.buf, out.buf, out.len, ATOMIC_UMASK, 0) < 0) {
		diag(e->d, R_WRITE, path.buf, 0, 0, NULL, "cannot write: %s",
		     errmsg(errno));
		goto out;
	}
	e->written++;
out:
	buf_release(&out);
	buf_release(&path);
	buf_release(&orig);
}

static void export_job_release(struct export_job *j)
{
	size_t i;

	if (j->plain)
		for (i = 0; i < j->ox.n; i++)
			if (j->plain[i].items) {
				free(j->plain[i].items[0].text);
				free(j->plain[i].items);
			}
	if (j->notes)
		for (i = 0; i < j->ox.n; i++)
			buf_release(&j->notes[i]);
	free(j->notes);
	free(j->plain);
	free(j->ou);
	xmatch_release(&j->mt);
	xdoc_release(&j->ox);
	xdoc_release(&j->tx);
	article_release(&j->oa);
	if (j->have_t || j->ta.path)
		article_release(&j->ta);
}

static void export_one(struct exporter *e, const struct article_meta *m)
{
	const struct article_meta *t = corpus_find(e->c, m->id, e->lang);
	struct export_job j;
	size_t n;

	if (!id_ok(m->id)) {
		diag(e->d, R_XLIFF, m->path, m->id_pos.line, m->id_pos.col, "/id",
		     "id '%s' cannot name an XLIFF file: not exported", m->id);
		return;
	}
	if (t && (!t->translated || !t->tf_lang || strcmp(t->tf_lang, m->lang)))
		t = NULL;
	memset(&j, 0, sizeof(j));
	j.ox = j.tx = (struct xdoc)XDOC_INIT;
	j.m = m;
	j.t = t;
	if (export_load(e, &j) == 0 && (n = export_units(e, &j)) > 0)
		export_write_file(e, &j, n);
	export_job_release(&j);
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


struct edit {
	size_t start, end;
	struct buf text;
};

/* Where a one-line scalar's bytes are in the file, or -1. */
static int scalar_span(const struct article *a, const struct ynode *n,
		       size_t *s, size_t *e)
{
	long so, eo;

	if (!n || n->line != n->end_line || n->type == Y_MAP || n->type == Y_SEQ)
		return -1;
	so = fm_offset(a->text.buf, a->fm_start + a->fm_len, n->line, n->col);
	eo = fm_offset(a->text.buf, a->fm_start + a->fm_len, n->end_line, n->end_col);
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

	/* a text the translator left as it was keeps its bytes: its
	 * style (plain, quoted, folded) and its lines are the author's */
	if (quote && n && n->type == Y_STRING && n->len == strlen(value) &&
	    !memcmp(n->str, value, n->len))
		return 0;
	if (scalar_span(a, n, &s, &e) < 0)
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

/* 'base' added to translated_from where it belongs (fm_edit.h). */
static int insert_base(struct edit *ed, size_t *ned, const struct article *a,
		       const struct ynode *tf, const struct ynode *key,
		       size_t val_end, const char *digest)
{
	size_t at;

	buf_init(&ed[*ned].text);
	if (fm_base_insertion(a, tf, key, val_end, digest, &at,
			      &ed[*ned].text) < 0) {
		buf_release(&ed[*ned].text);
		return -1;
	}
	ed[*ned].start = ed[*ned].end = at;
	(*ned)++;
	return 0;
}

static int cmp_edit(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * A complete import makes the translation render the original's updated:
 * its own updated, when earlier, becomes today's date (at its own
 * precision), since its text is today's; else validate's
 * translation-date would warn about every import.
 */
static int bring_updated(struct edit *ed, size_t *ned, const struct article *ta,
			 const struct article_meta *om)
{
	const struct ynode *u = ymap_get(ta->fm.root, "updated");
	struct date d, today = date_today();
	char v[16];

	if (!u || !ynode_scalar(u) || date_parse(ynode_scalar(u), &d) < 0 ||
	    date_cmp(d, om->updated) >= 0)
		return 0;
	if (date_cmp(today, om->updated) < 0)
		today = om->updated;	/* a clock behind the original's date */
	if (!d.d)
		today.d = 0;
	date_format(today, v);
	return add_edit(ed, ned, ta, u, v, 0);
}

/*
 * An existing translation imported in part becomes a draft (SPEC 14):
 * its status set to draft, or a line "status: draft" added at the end of
 * its frontmatter when it has none (published, by default).  A page that
 * was published is then withdrawn by the next export: said here.
 */
static int make_draft(struct edit *ed, size_t *ned, const struct article *ta,
		      const char *file, struct importer *im)
{
	const struct ynode *st = ymap_get(ta->fm.root, "status");
	const char *was = st ? ynode_scalar(st) : NULL;
	size_t end = ta->fm_start + ta->fm_len;

	if (!st || (was && !strcmp(was, "published")))
		diag_sev(im->d, R_XLIFF, SEV_WARNING, file, 0, 0, NULL,
			 "%s was published: imported in part it is a draft now, "
			 "and the next export withdraws its page until the "
			 "translation is complete", ta->path);
	if (st)
		return add_edit(ed, ned, ta, st, "draft", 0);
	if (end == 0 || ta->text.buf[end - 1] != '\n')
		return -1;
	ed[*ned].start = ed[*ned].end = end;
	buf_init(&ed[*ned].text);
	buf_adds(&ed[*ned].text, end >= 2 && ta->text.buf[end - 2] == '\r' ?
		 "status: draft\r\n" : "status: draft\n");
	(*ned)++;
	return 0;
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
	if (!ret && complete)
		ret = bring_updated(ed, &ned, ta, om);
	if (!ret && !complete)
		ret = make_draft(ed, &ned, ta, file, im);
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

/* One XLIFF file on its way into a translation: what each step of
 * import_one() reads and leaves for the next. */
struct import_job {
	struct importer *im;
	const char *file;
	struct buf data, out, rel;
	struct xin_file xf;
	const struct article_meta *om, *tm;	/* the original, the translation (or NULL) */
	char *id, *fs;				/* the article's id, the translation's path */
	struct article oa, ta;
	struct xdoc ox, tx;
	int loaded_o, loaded_t, complete;
	struct xtarget *tg;			/* per unit of ox: its new text */
	unsigned char *present;			/* present[i]: unit i is in the file */
	struct unit_ref *idx;
	struct xmatch mt;
	struct xkeep keep;			/* the translation's own destinations */
	char digest[17];
	size_t errs_before;			/* diagnostics before this file */
};

/* Read and parse the XLIFF file. */
static int import_read(struct import_job *j)
{
	enum buf_read_result rr = buf_read_file(&j->data, j->file, 64u << 20);

	if (rr != BUF_READ_OK) {
		diag(j->im->d, R_XLIFF, j->file, 0, 0, NULL, "cannot read: %s",
		     rr == BUF_READ_TOO_BIG ? "larger than 64 MiB" :
		     rr == BUF_READ_NOT_FILE ? "not a regular file" : errmsg(errno));
		return -1;
	}
	return xliff_read(&j->xf, j->data.buf, j->data.len, j->file, j->im->d);
}

/* The article and languages the file names: an original of this corpus,
 * in the file's source language, and a target language of the corpus. */
static int import_identify(struct import_job *j)
{
	const struct corpus *c = j->im->c;
	const struct xin_file *xf = &j->xf;
	struct diag_list *d = j->im->d;
	const char *slash = xf->original ? strchr(xf->original, '/') : NULL;
	const struct article_meta *om;
	size_t count;

	if (!slash) {
		diag(d, R_XLIFF, j->file, xf->file_line, xf->file_col, NULL, "the <file> names "
		     "no article: 'original' must be 'ID/LANG.md', got '%s'",
		     xf->original ? xf->original : "");
		return -1;
	}
	j->id = xstrndup(xf->original, (size_t)(slash - xf->original));
	om = j->om = id_ok(j->id) ? corpus_original(c, j->id, &count) : NULL;
	if (!om) {
		diag(d, R_XLIFF, j->file, xf->file_line, xf->file_col, NULL, "the article '%s' "
		     "has no original in this corpus", j->id);
		return -1;
	}
	if (!om->lang || strncmp(slash + 1, om->lang, strlen(om->lang)) ||
	    strcmp(slash + 1 + strlen(om->lang), ".md") ||
	    !xf->srclang || strcmp(xf->srclang, om->lang)) {
		diag(d, R_XLIFF, j->file, xf->file_line, xf->file_col, NULL, "the file says "
		     "'%s' in '%s', but the original of '%s' is %s, in '%s'",
		     xf->original, xf->srclang ? xf->srclang : "no language", j->id,
		     om->path, om->lang ? om->lang : "?");
		return -1;
	}
	if (!xf->trglang || config_lang(&c->cfg, xf->trglang) < 0 ||
	    !strcmp(xf->trglang, om->lang)) {
		diag(d, R_XLIFF, j->file, xf->file_line, xf->file_col, NULL, "target language "
		     "'%s' is not one of the corpus's languages other than the "
		     "original's", xf->trglang ? xf->trglang : "");
		return -1;
	}
	return 0;
}

/* The units of the original, and of the existing translation if any. */
static int import_load(struct import_job *j)
{
	const struct corpus *c = j->im->c;

	if (load_units(&j->oa, &j->ox, c, j->om, j->im->d) < 0)
		return -1;
	j->loaded_o = 1;
	j->tm = corpus_find(c, j->id, j->xf.trglang);
	if (j->tm && (!j->tm->translated || !j->tm->usable)) {
		diag(j->im->d, R_XLIFF, j->file, j->xf.file_line, j->xf.file_col, NULL,
		     "%s exists and is not a translation: nothing imported", j->tm->path);
		return -1;
	}
	if (j->tm) {
		if (load_units(&j->ta, &j->tx, c, j->tm, j->im->d) < 0)
			return -1;
		j->loaded_t = 1;
	}
	return 0;
}

/* The file's translated units, each checked against its original unit,
 * into tg; fails when any unit was refused. */
static int import_targets(struct import_job *j)
{
	struct diag_list *d = j->im->d;
	size_t i;

	j->tg = xcalloc(j->ox.n + 1, sizeof(*j->tg));
	j->present = xcalloc(j->ox.n + 1, 1);
	j->idx = unit_index(&j->ox);
	for (i = 0; i < j->xf.n; i++) {
		struct xin_unit *xu = &j->xf.units[i];
		const struct xunit *s = find_unit(&j->ox, j->idx, xu->id);
		size_t k;

		if (!s) {
			diag(d, R_XLIFF, j->file, xu->line, xu->col, NULL, "unknown unit "
			     "id '%s': the original %s has no such block", xu->id,
			     j->om->path);
			continue;
		}
		k = (size_t)(s - j->ox.units);
		j->present[k] = 1;
		if (!xliff_same_source(&xu->source, s)) {
			diag(d, R_XLIFF, j->file, xu->line, xu->col, NULL, "the source of "
			     "unit '%s' is not the original's text any more: %s changed "
			     "since the export; export again", xu->id, j->om->path);
			continue;
		}
		if (!xu->has_target || !xu->translated)
			continue;
		if (xliff_check_codes(xu, s, &xu->target, j->file, d) < 0)
			continue;
		if (blank_unit(&xu->target) && !blank_unit(s)) {
			diag(d, R_XLIFF, j->file, xu->line, xu->col, NULL, "unit '%s': "
			     "the target is empty, but the source is not", xu->id);
			continue;
		}
		j->tg[k].state = XT_TRANSLATED;
		j->tg[k].unit = xu->target;
	}
	return d->n > j->errs_before ? -1 : 0;
}

/* Whether every unit of the original has a translation, from the file or
 * kept from the existing translation; an incomplete one is refused unless
 * --partial. */
static int import_completeness(struct import_job *j)
{
	const char *first_untrans = NULL;
	size_t i, nuntrans = 0;

	/* units not in the file keep the existing translation's text */
	blocks_digest_article(&j->oa, j->digest);
	if (j->loaded_t && xliff_match(&j->mt, j->im->c, j->om, &j->ox, j->tm, &j->tx,
				       j->digest, j->im->d) < 0)
		return -1;
	for (i = 0; i < j->ox.n; i++) {
		int have = j->tg[i].state == XT_TRANSLATED;

		if (!have && !j->present[i] && j->loaded_t && j->mt.counterpart[i] >= 0 &&
		    !j->mt.review[i] && !j->mt.shapeless)
			have = 1;
		if (!have) {
			if (!nuntrans++)
				first_untrans = j->ox.units[i].id;
		}
	}
	j->complete = nuntrans == 0;
	if (!j->complete && !j->im->partial) {
		diag(j->im->d, R_XLIFF, j->file, j->xf.file_line, j->xf.file_col, NULL,
		     "%zu of %zu units are not translated (the first: '%s'): not "
		     "imported; --partial imports it as a draft", nuntrans, j->ox.n,
		     first_untrans);
		return -1;
	}
	return 0;
}

/* Every '\n' of b preceded by '\r'. */
static void crlf_line_ends(struct buf *b)
{
	struct buf crlf = BUF_INIT;
	size_t i;

	for (i = 0; i < b->len; i++) {
		if (b->buf[i] == '\n')
			buf_addc(&crlf, '\r');
		buf_addc(&crlf, b->buf[i]);
	}
	buf_reset(b);
	buf_add(b, crlf.buf, crlf.len);
	buf_release(&crlf);
}

/* The new translation's text in out: its frontmatter, then the body
 * rebuilt from the units. */
static int import_compose(struct import_job *j)
{
	const struct buf *ot = &j->oa.text;

	if (j->loaded_t) {
		if (keep_frontmatter(&j->out, &j->ta, &j->ox, j->tg, j->om, j->complete,
				     j->digest, j->file, j->im) < 0)
			return -1;
	} else {
		new_frontmatter(&j->out, &j->oa, &j->ox, j->tg, j->om, j->xf.trglang,
				j->complete, j->digest);
		/* the original's line ends, for a file with one kind of them */
		if (memchr(ot->buf, '\n', ot->len) &&
		    ((const char *)memchr(ot->buf, '\n', ot->len))[-1] == '\r')
			crlf_line_ends(&j->out);
	}
	if (j->loaded_t)
		xliff_keep_dests(&j->keep, &j->ox, j->tg, &j->tx, &j->mt,
				 j->ta.text.buf, j->ta.path, j->file);
	xliff_rebuild(&j->out, &j->ox, j->tg, j->loaded_t ? &j->tx : NULL,
		      j->loaded_t ? j->mt.counterpart : NULL, j->keep.sp, j->keep.nsp);
	return 0;
}

/* The translation's path in rel and fs, and its directory made; a file
 * there that is not this translation is never replaced. */
static enum import_result import_place(struct import_job *j)
{
	char *dir, *s;

	if (j->tm)
		buf_adds(&j->rel, j->tm->relpath);
	else
		buf_addf(&j->rel, "%s/%s.md", j->id, j->xf.trglang);
	j->fs = corpus_path(j->im->c, j->rel.buf);
	if (!j->tm && access(j->fs, F_OK) == 0) {
		/* a file folio could not read as this translation: never replaced */
		diag(j->im->d, R_XLIFF, j->file, j->xf.file_line, j->xf.file_col, NULL,
		     "%s exists but is not a translation of '%s' folio can read: "
		     "nothing imported", j->fs, j->id);
		return IMP_REFUSED;
	}
	dir = xstrdup(j->fs);
	s = strrchr(dir, '/');
	if (s) {
		*s = '\0';
		if (mkdirs(dir) < 0) {
			diag(j->im->d, R_WRITE, j->fs, 0, 0, NULL, "cannot create its "
			     "directory: %s", errmsg(errno));
			free(dir);
			return IMP_WRITE_ERROR;
		}
	}
	free(dir);
	return IMP_DONE;
}

/* The snapshot of the original (when complete: stamped, SPEC 12.1) and
 * the translation written; a stamped one is remembered and the snapshots
 * no translation names any more are pruned. */
static enum import_result import_write(struct import_job *j)
{
	struct importer *im = j->im;

	/* stamped (SPEC 12.1): the base the translation names is kept */
	if (j->complete && snapshot_save(im->c, j->id, j->om->lang, j->digest,
					 j->oa.text.buf, j->oa.text.len) < 0) {
		diag(im->d, R_WRITE, j->file, 0, 0, NULL, "cannot save the snapshot of "
		     "%s: %s; nothing imported", j->om->path, errmsg(errno));
		return IMP_WRITE_ERROR;
	}
	if (atomic_write(j->fs, j->out.buf, j->out.len, ATOMIC_UMASK, 1) < 0) {
		diag(im->d, R_WRITE, j->fs, 0, 0, NULL, "cannot write: %s", errmsg(errno));
		return IMP_WRITE_ERROR;
	}
	if (j->loaded_t) {
		const struct article *ta = &j->ta;

		/* said once the file is written, at the translation's lines */
		diag_list_append(im->d, j->keep.warn);
		xliff_warn_lost_dests(im->d, &j->keep, ta->text.buf, ta->body,
				      ta->text.buf + ta->text.len, ta->path, &j->out,
				      j->file);
	}
	printf("%s: imported into %s (%s)\n", j->file, j->fs,
	       j->complete ? "complete" : "partial, status: draft");
	if (j->complete) {
		size_t n = strlen(j->id);
		char *rec = xmalloc(n + 18);

		memcpy(rec, j->id, n + 1);
		memcpy(rec + n + 1, j->digest, 17);
		GROW(im->stamped, im->astamped, im->nstamped + 1);
		im->stamped[im->nstamped++] = rec;
		prune(im, j->id, j->rel.buf, j->digest);
	}
	return IMP_DONE;
}

static void import_job_release(struct import_job *j)
{
	free(j->tg);
	free(j->present);
	free(j->idx);
	free(j->id);
	free(j->fs);
	xmatch_release(&j->mt);
	xkeep_release(&j->keep);
	xin_file_release(&j->xf);
	xdoc_release(&j->ox);
	xdoc_release(&j->tx);
	if (j->loaded_o)
		article_release(&j->oa);
	if (j->loaded_t)
		article_release(&j->ta);
	buf_release(&j->data);
	buf_release(&j->out);
	buf_release(&j->rel);
}

static enum import_result import_one(struct importer *im, const char *file)
{
	struct import_job j;
	enum import_result ret = IMP_REFUSED;

	memset(&j, 0, sizeof(j));
	j.im = im;
	j.file = file;
	j.data = j.out = j.rel = (struct buf)BUF_INIT;
	j.ox = j.tx = (struct xdoc)XDOC_INIT;
	j.errs_before = im->d->n;
	if (import_read(&j) < 0 || import_identify(&j) < 0 || import_load(&j) < 0 ||
	    import_targets(&j) < 0 || import_completeness(&j) < 0 ||
	    import_compose(&j) < 0)
		goto out;
	ret = import_place(&j);
	if (ret == IMP_DONE)
		ret = import_write(&j);
out:
	import_job_release(&j);
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
