/*
 * cmd_stamp.c - `folio stamp`: a translator who has brought a translation
 * up to date sets its translated_from.updated to the original's current
 * updated and translated_from.base to the digest of its text, saved as a
 * snapshot (SPEC 7.4, 12.1).  Only those values' bytes change; the file
 * is replaced atomically, and never over a newer version of itself.
 */
#include "atomic.h"
#include "blocks.h"
#include "buf.h"
#include "corpus.h"
#include "escape.h"
#include "l10n.h"
#include "main.h"
#include "opts.h"
#include "snapshot.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage_line[] = "folio stamp [--dry-run] FILE...";
static const char about[] =
	"Mark translations as up to date: set translated_from.updated in each\n"
	"FILE to the original's current 'updated' and translated_from.base to\n"
	"the digest of its text, saved as a snapshot under _base/.  Only those\n"
	"values change; comments, key order, quoting and line endings stay.";

enum stamp_result {
	STAMP_DONE,		/* changed, already current, or dry run */
	STAMP_REFUSED,		/* a diagnostic says why; nothing written */
	STAMP_WRITE_ERROR,	/* a system error while replacing the file */
};

struct stamper {
	const struct corpus *c;
	int dry_run;
	struct diag_list *d;
	FILE *out;
};

/* Byte offset in text of a file line:col (col counts code points), or -1. */
static long offset_of(const char *text, size_t len, size_t from,
		      unsigned from_line, unsigned line, unsigned col)
{
	size_t i = from;
	unsigned l = from_line, c = 1;

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

/*
 * Where the value's bytes are.  libyaml reports positions in characters,
 * so they are turned into bytes here, then checked against the value:
 * anything but a one-line plain or quoted scalar without escapes (a block
 * scalar, a folded or escaped string) is refused rather than guessed.
 */
static int locate(const struct article *a, const struct ynode *n,
		  size_t *start, size_t *end)
{
	const char *t = a->text.buf;
	long s, e;
	size_t inner;

	if (n->line != n->end_line)
		return -1;
	/* the frontmatter's first line is line 2 of the file */
	s = offset_of(t, a->fm_start + a->fm_len, a->fm_start, 2, n->line, n->col);
	e = offset_of(t, a->fm_start + a->fm_len, a->fm_start, 2, n->end_line,
		      n->end_col);
	if (s < 0 || e <= s)
		return -1;
	inner = (size_t)(e - s);
	if (n->quoted) {
		char q = t[s];

		if ((q != '\'' && q != '"') || inner < 2 || t[e - 1] != q ||
		    inner - 2 != n->len || memcmp(t + s + 1, n->str, n->len) ||
		    memchr(n->str, q, n->len) || memchr(n->str, '\\', n->len))
			return -1;
	} else if (inner != n->len || memcmp(t + s, n->str, n->len)) {
		return -1;
	}
	*start = (size_t)s;
	*end = (size_t)e;
	return 0;
}

static int same_file_state(const struct stat *a, const struct stat *b)
{
	return a->st_size == b->st_size && a->st_ino == b->st_ino &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Is the file at path still byte for byte what was read? */
static int unchanged(const char *path, const struct stat *before,
		     const struct buf *text)
{
	struct stat now;
	struct buf again = BUF_INIT;
	int same;

	if (stat(path, &now) < 0 || !same_file_state(before, &now))
		return 0;
	same = buf_read_file(&again, path, ARTICLE_MAX_SIZE) == BUF_READ_OK &&
	       again.len == text->len && !memcmp(again.buf, text->buf, text->len);
	buf_release(&again);
	return same;
}

/*
 * Tests make a concurrent edit happen at a known moment: the pause lets
 * them change the file between reading and replacing it.
 */
static void test_pause(void)
{
	const char *s = getenv("FOLIO_TEST_STAMP_PAUSE");
	struct timespec ts;

	if (!s || !*s)
		return;
	ts.tv_sec = atoi(s);
	ts.tv_nsec = 0;
	nanosleep(&ts, NULL);
}

/*
 * Replace the file at real (a resolved path: a symbolic link keeps
 * pointing at the updated file) with data: a temporary file in the same
 * directory with the same mode, fsync, a last check that nobody changed
 * the file since it was read, rename, fsync of the directory.
 * Returns 0, 1 when the file changed meanwhile (nothing written), -1 on
 * a system error (errno set).
 */
static int replace_file(const char *real, const struct stat *before,
			const struct buf *old, const char *data, size_t len)
{
	struct buf tmp = BUF_INIT;
	const char *slash = strrchr(real, '/');
	int fd = -1, ret = -1, e;

	fd = atomic_open(&tmp, real, before->st_mode & 07777);
	if (fd < 0)
		goto out;
	if (write_all(fd, data, len) < 0)
		goto fail;
	/* the owner matters to the next editor; failing to keep it is fine */
	if (fchown(fd, before->st_uid, before->st_gid) < 0) {
		/* not root: the file is ours anyway */
	}
	if (fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	test_pause();
	if (!unchanged(real, before, old)) {
		unlink(tmp.buf);
		ret = 1;
		goto out;
	}
	if (rename(tmp.buf, real) < 0)
		goto fail;
	{
		/* the rename itself must reach the disk */
		struct buf dir = BUF_INIT;
		int dfd;

		buf_add(&dir, real, slash == real ? 1 : (size_t)(slash - real));
		dfd = open(dir.buf, O_RDONLY | O_DIRECTORY);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		buf_release(&dir);
	}
	ret = 0;
	goto out;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp.buf);
	errno = e;
out:
	buf_release(&tmp);
	return ret;
}

/* Is relpath an article path: *.md, no directory starting with _ or .? */
static int article_path(const char *rel)
{
	const char *p = rel;
	size_t n = strlen(rel);

	if (n < 4 || strcmp(rel + n - 3, ".md"))
		return 0;
	while (p) {
		if (*p == '_' || *p == '.')
			return 0;
		p = strchr(p, '/');
		if (p)
			p++;
	}
	return 1;
}

/* A path for one line of the report: control characters escaped. */
static const char *shown(struct buf *b, const char *path)
{
	buf_reset(b);
	escape_text_line(b, path, strlen(path));
	return b->buf;
}

static const struct article_meta *find_meta(const struct corpus *c,
					   const char *relpath)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->articles[i].relpath, relpath))
			return &c->articles[i];
	return NULL;
}

/* Byte edits of a file, applied together (offsets in the text as read). */
struct edit {
	size_t start, end;
	char *with;
	size_t len;
};

struct edits {
	struct edit *v;
	size_t n, alloc;
};

static void edit_add(struct edits *e, size_t start, size_t end,
		     const char *with, size_t len)
{
	GROW(e->v, e->alloc, e->n + 1);
	e->v[e->n].start = start;
	e->v[e->n].end = end;
	e->v[e->n].with = xstrndup(with, len);
	e->v[e->n].len = len;
	e->n++;
}

static int cmp_edit(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void edit_apply(struct edits *e, const struct buf *in, struct buf *out)
{
	size_t i, at = 0;

	qsort(e->v, e->n, sizeof(*e->v), cmp_edit);
	buf_reset(out);
	for (i = 0; i < e->n; i++) {
		buf_add(out, in->buf + at, e->v[i].start - at);
		buf_add(out, e->v[i].with, e->v[i].len);
		at = e->v[i].end;
	}
	buf_add(out, in->buf + at, in->len - at);
}

static void edits_release(struct edits *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->v[i].with);
	free(e->v);
}

/*
 * Where 'base' goes when absent (SPEC 7.4): in a flow mapping, ", base:
 * "..."" right after the value of updated (which ends at val_end); in a
 * block mapping, a line of its own after updated's, indented as the key
 * updated is, with the file's line end.
 */
static int insert_base(const struct article *a, const struct ynode *tf,
		       const struct ynode *key, size_t val_end, const char *digest,
		       struct edits *ed)
{
	const char *t = a->text.buf;
	size_t lim = a->fm_start + a->fm_len;
	long tf_at = offset_of(t, lim, a->fm_start, 2, tf->line, tf->col);
	long key_at = offset_of(t, lim, a->fm_start, 2, key->line, key->col);
	struct buf v = BUF_INIT;
	const char *nl;
	size_t ls, i;

	if (tf_at < 0 || key_at < 0)
		return -1;
	if (t[tf_at] == '{') {
		buf_addf(&v, ", base: \"%s\"", digest);
		edit_add(ed, val_end, val_end, v.buf, v.len);
		buf_release(&v);
		return 0;
	}
	nl = memchr(t + val_end, '\n', lim - val_end);
	if (!nl)
		return -1;
	for (ls = (size_t)key_at; ls > a->fm_start && t[ls - 1] != '\n'; ls--)
		;
	for (i = ls; i < (size_t)key_at; i++)
		buf_addc(&v, t[i] == '\t' ? '\t' : ' ');
	buf_addf(&v, "base: \"%s\"", digest);
	buf_adds(&v, nl > t && nl[-1] == '\r' ? "\r\n" : "\n");
	edit_add(ed, (size_t)(nl - t) + 1, (size_t)(nl - t) + 1, v.buf, v.len);
	buf_release(&v);
	return 0;
}

/* The original as it is now, kept as the snapshot of its digest. */
static void save_snapshot(struct stamper *s, const struct article_meta *orig,
			  const char *digest, const struct article *oa,
			  const char *path)
{
	struct buf rel = BUF_INIT, sp = BUF_INIT;
	char *shownp;
	int r = snapshot_save(s->c, orig->id, orig->lang, digest, oa->text.buf,
			      oa->text.len);

	snapshot_relpath(&rel, orig->id, orig->lang, digest);
	shownp = corpus_path(s->c, rel.buf);
	if (r < 0)
		diag(s->d, R_WRITE, shownp, 0, 0, NULL,
		     "cannot save the snapshot of the original for %s: %s", path,
		     errmsg(errno));
	else if (r == 0)
		fprintf(s->out, "%s: snapshot saved\n", shown(&sp, shownp));
	free(shownp);
	buf_release(&rel);
	buf_release(&sp);
}

/*
 * Remove the snapshots of the id that no translation names any more:
 * the corpus's bases as indexed, this file's replaced by its new one.
 */
static void prune_snapshots(struct stamper *s, const struct article_meta *orig,
			    const char *self_rel, const char *digest)
{
	const struct corpus *c = s->c;
	const char **keep = xmalloc((c->n + 1) * sizeof(*keep));
	struct buf removed = BUF_INIT, sp = BUF_INIT;
	size_t n = 0, i;
	const char *p;

	keep[n++] = digest;
	for (i = 0; i < c->n; i++) {
		const struct article_meta *m = &c->articles[i];

		if (m->translated && m->id && !strcmp(m->id, orig->id) &&
		    m->tf_base[0] && strcmp(m->relpath, self_rel))
			keep[n++] = m->tf_base;
	}
	if (snapshot_prune(c, orig->id, keep, n, &removed) < 0)
		diag(s->d, R_WRITE, orig->path, 0, 0, NULL,
		     "cannot prune the snapshots of '%s': %s", orig->id,
		     errmsg(errno));
	for (p = removed.buf; *p;) {
		const char *e = strchr(p, '\n');
		struct buf one = BUF_INIT;

		buf_add(&one, p, (size_t)(e - p));
		fprintf(s->out, "%s: snapshot removed (no translation names it)\n",
			shown(&sp, one.buf));
		buf_release(&one);
		p = e + 1;
	}
	free(keep);
	buf_release(&removed);
	buf_release(&sp);
}

static enum stamp_result refuse(struct stamper *s, const char *file,
				const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static enum stamp_result refuse(struct stamper *s, const char *file,
				const struct ynode *at, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag(s->d, R_STAMP, file, at ? at->line : 0, at ? at->col : 0, NULL,
	     "cannot stamp: %s", msg.buf);
	buf_release(&msg);
	return STAMP_REFUSED;
}

static enum stamp_result stamp_one(struct stamper *s, const char *path)
{
	const struct corpus *c = s->c;
	struct article a;
	struct stat st;
	struct buf text = BUF_INIT, sp = BUF_INIT;
	char real[PATH_MAX], now[16], was[16];
	const struct ynode *root, *tf, *val, *idn;
	const struct ypair *up;
	const struct article_meta *orig, *self;
	struct diag_list load = DIAG_LIST_INIT;
	const char *id, *tfl;
	size_t count, start, end, rootlen = strlen(c->root_abs);
	struct date old;
	enum stamp_result ret = STAMP_REFUSED;
	int r, date_same, base_same;
	struct article oa;
	char digest[17];
	const struct ypair *bp;
	const char *cur;
	struct edits ed = { NULL, 0, 0 };

	article_init(&a, path);
	article_init(&oa, "");
	if (!realpath(path, real) || stat(real, &st) < 0) {
		diag(s->d, R_STAMP, path, 0, 0, NULL, "cannot stamp: %s",
		     errmsg(errno));
		goto out;
	}
	if (strncmp(real, c->root_abs, rootlen) || real[rootlen] != '/' ||
	    !article_path(real + rootlen + 1)) {
		struct stat lst;

		if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
			refuse(s, path, NULL, "a symbolic link to a file outside "
			       "the corpus at '%s': not changed", c->root);
		else
			refuse(s, path, NULL, "not an article of the corpus at '%s'",
			       c->root);
		goto out;
	}
	/* a warning such as a BOM is validate's business, not stamp's */
	if (article_load(&a, real, &load) < 0) {
		size_t k;

		for (k = 0; k < load.n; k++)
			if (load.v[k].severity == SEV_ERROR)
				diag(s->d, load.v[k].rule, path, load.v[k].line,
				     load.v[k].col, NULL, "%s", load.v[k].message);
		refuse(s, path, NULL, "the frontmatter cannot be read");
		goto out;
	}
	root = a.fm.root;
	idn = ymap_get(root, "id");
	id = ynode_str(idn);
	tf = ymap_get(root, "translated_from");
	if (!tf) {
		refuse(s, path, root, "not a translation: it has no 'translated_from' "
		       "(an original is never stamped)");
		goto out;
	}
	if (tf->type != Y_MAP) {
		refuse(s, path, tf, "'translated_from' must be a mapping with 'lang' "
		       "and 'updated'");
		goto out;
	}
	up = ymap_pair(tf, "updated");
	if (!up || up->value->type == Y_NULL || !ynode_scalar(up->value)) {
		refuse(s, path, up ? up->value : ymap_pair(root, "translated_from")->key,
		       "'translated_from' has no 'updated' value to stamp");
		goto out;
	}
	val = up->value;
	if (!id || !*id) {
		refuse(s, path, root, "no 'id': the original cannot be found");
		goto out;
	}
	orig = corpus_original(c, id, &count);
	if (!orig) {
		refuse(s, path, idn, "the original of '%s' does not exist", id);
		goto out;
	}
	if (count > 1) {
		refuse(s, path, idn, "'%s' has %zu originals: it is not clear which "
		       "one this translates", id, count);
		goto out;
	}
	tfl = ynode_str(ymap_get(tf, "lang"));
	if (!tfl || !orig->lang || strcmp(tfl, orig->lang)) {
		refuse(s, path, tfl ? ymap_get(tf, "lang") : tf,
		       "translated_from names '%s', but the original %s is in '%s'",
		       tfl ? tfl : "no language", orig->path,
		       orig->lang ? orig->lang : "?");
		goto out;
	}
	if (!orig->updated.y) {
		refuse(s, path, val, "the original %s has no valid 'updated' date",
		       orig->path);
		goto out;
	}
	date_format(orig->updated, now);
	snprintf(was, sizeof(was), "%s", ynode_scalar(val));
	/* the original's text now: its digest, and the snapshot to save */
	if (article_load(&oa, orig->path, &load) < 0) {
		refuse(s, path, idn, "the original %s cannot be read", orig->path);
		goto out;
	}
	text_digest_article(&oa, digest);
	bp = ymap_pair(tf, "base");
	cur = bp ? ynode_scalar(bp->value) : NULL;
	date_same = date_parse(ynode_scalar(val), &old) == 0 &&
		    date_cmp(old, orig->updated) == 0;
	base_same = cur && strlen(cur) == 16 && !strcasecmp(cur, digest);
	if (date_same && base_same) {
		fprintf(s->out, "%s: already current (translated_from.updated %s, "
			"the original's is %s; base %s)\n", shown(&sp, path),
			ynode_scalar(val), now, digest);
		ret = STAMP_DONE;
		if (!s->dry_run)
			save_snapshot(s, orig, digest, &oa, path);
		goto out;
	}
	/*
	 * An alias shares the node it names, which stands before the key:
	 * rewriting it would change another value.
	 */
	if (val->line < up->key->line ||
	    (val->line == up->key->line && val->col <= up->key->col)) {
		refuse(s, path, up->key, "the value of 'translated_from.updated' is "
		       "an alias of another value; edit it by hand");
		goto out;
	}
	if (locate(&a, val, &start, &end) < 0) {
		refuse(s, path, val, "the value of 'translated_from.updated' is not a "
		       "plain or simply quoted scalar on one line; edit it by hand");
		goto out;
	}
	if (!date_same) {
		struct buf v = BUF_INIT;

		if (val->quoted)
			buf_addc(&v, a.text.buf[start]);
		buf_adds(&v, now);
		if (val->quoted)
			buf_addc(&v, a.text.buf[start]);
		edit_add(&ed, start, end, v.buf, v.len);
		buf_release(&v);
	}
	if (bp && !base_same) {
		size_t bs, be;
		struct buf v = BUF_INIT;
		char q;

		if (bp->value->line < bp->key->line ||
		    (bp->value->line == bp->key->line && bp->value->col <= bp->key->col) ||
		    locate(&a, bp->value, &bs, &be) < 0) {
			refuse(s, path, bp->value, "the value of 'translated_from.base' is "
			       "not a plain or simply quoted scalar on one line; edit it by hand");
			goto out;
		}
		/* kept quoted as it was; a plain digest could read as a number */
		q = bp->value->quoted ? a.text.buf[bs] : '"';
		buf_addf(&v, "%c%s%c", q, digest, q);
		edit_add(&ed, bs, be, v.buf, v.len);
		buf_release(&v);
	} else if (!bp && insert_base(&a, tf, up->key, end, digest, &ed) < 0) {
		refuse(s, path, tf, "no place found for 'base' in 'translated_from'; "
		       "add it by hand");
		goto out;
	}
	edit_apply(&ed, &a.text, &text);
	if (s->dry_run) {
		if (!date_same)
			fprintf(s->out, "%s: translated_from.updated %s -> %s (dry run, not "
				"written)\n", shown(&sp, path), was, now);
		fprintf(s->out, "%s: translated_from.base %s -> %s (dry run, not "
			"written)\n", shown(&sp, path), cur ? cur : "(none)", digest);
		ret = STAMP_DONE;
		goto out;
	}
	r = replace_file(real, &st, &a.text, text.buf, text.len);
	if (r < 0) {
		diag(s->d, R_WRITE, path, 0, 0, NULL, "cannot write: %s",
		     errmsg(errno));
		ret = STAMP_WRITE_ERROR;
		goto out;
	}
	if (r > 0) {
		refuse(s, path, NULL, "the file changed while it was being stamped; "
		       "nothing written, run folio stamp again");
		goto out;
	}
	if (!date_same)
		fprintf(s->out, "%s: translated_from.updated %s -> %s\n",
			shown(&sp, path), was, now);
	fprintf(s->out, "%s: translated_from.base %s -> %s\n", shown(&sp, path),
		cur ? cur : "(none)", digest);
	ret = STAMP_DONE;
	save_snapshot(s, orig, digest, &oa, path);
	prune_snapshots(s, orig, real + rootlen + 1, digest);
	/* the translator says it is done: say so if it looks shorter */
	self = find_meta(c, real + rootlen + 1);
	if (self && l10n_fewer_blocks(&self->counts, &orig->counts)) {
		struct buf what = BUF_INIT;

		l10n_counts_phrase(&what, &orig->counts, &self->counts);
		diag_sev(s->d, R_L10N_INCOMPLETE, SEV_WARNING, path, 0, 0, NULL,
			 "stamped, but the translation is shorter than the "
			 "original %s: %s", orig->path, what.buf);
		buf_release(&what);
	}
out:
	diag_list_release(&load);
	buf_release(&text);
	buf_release(&sp);
	article_release(&a);
	article_release(&oa);
	edits_release(&ed);
	return ret;
}

int cmd_stamp(int argc, const char **argv, const struct global_opts *g)
{
	struct corpus c;
	struct diag_list d = DIAG_LIST_INIT, idx = DIAG_LIST_INIT;
	struct diag_out o = { FMT_TEXT, 0, 0 };
	struct stamper s;
	int dry_run = 0, first, nargs, ret, i, refused = 0, failed = 0;
	const struct opt opts[] = {
		{ "dry-run", 'n', OPT_FLAG, &dry_run, NULL,
		  "show what would change, write nothing" },
		{ NULL, 0, 0, NULL, NULL, NULL },
	};

	memset(&c, 0, sizeof(c));
	o.color = g->color;
	ret = opts_parse(argc, argv, opts, usage_line, about, &first, &nargs);
	if (ret)
		return ret > 0 ? EXIT_OK : EXIT_USAGE;
	if (!nargs) {
		fprintf(stderr, "folio: stamp needs at least one FILE\nusage: %s\n",
			usage_line);
		return EXIT_USAGE;
	}
	/* the corpus is the one the files are in, wherever folio is run */
	if (corpus_open(&c, argv[first], 1, &d) < 0) {
		ret = EXIT_USAGE;
		goto report;
	}
	/* block counts too: a stamp on a shorter translation gets a warning */
	corpus_index(&c, INDEX_BODY | INDEX_WORDS, &idx);
	s.c = &c;
	s.dry_run = dry_run;
	s.d = &d;
	s.out = stdout;
	for (i = 0; i < nargs; i++) {
		size_t k;

		switch (stamp_one(&s, argv[first + i])) {
		case STAMP_REFUSED: refused++; break;
		case STAMP_WRITE_ERROR: failed++; break;
		default: break;
		}
		/* each file's messages together, in the order of the FILEs */
		fflush(stdout);
		for (k = 0; k < d.n; k++)
			diag_print_one(&d.v[k], &o, stderr);
		diag_list_release(&d);
	}
	ret = failed ? EXIT_SYSTEM : refused ? EXIT_FINDINGS : EXIT_OK;
report:
	{
		size_t k;

		for (k = 0; k < d.n; k++)
			diag_print_one(&d.v[k], &o, stderr);
	}
	corpus_release(&c);
	diag_list_release(&d);
	diag_list_release(&idx);
	return ret;
}
