/*
 * cmd_stamp.c - `folio stamp`: a translator who has brought a translation
 * up to date sets its translated_from.updated to the original's current
 * updated and translated_from.base to the digest of its text, saved as a
 * snapshot (SPEC 7.4, 12.1).  Only those values' bytes change; the file
 * is replaced atomically, and never over a newer version of itself.
 */
#include "atomic.h"
#include "blocks.h"
#include "fm_edit.h"
#include "buf.h"
#include "corpus.h"
#include "date.h"
#include "escape.h"
#include "l10n.h"
#include "main.h"
#include "opts.h"
#include "snapshot.h"
#include "util.h"

#include <ctype.h>
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
	/* the bases written by this run (the index holds the old ones):
	 * relpath and digest, owned */
	struct stamped {
		char *rel;
		char digest[17];
	} *done;
	size_t ndone, adone;
};


/*
 * Where the value's bytes are.  libyaml reports positions in characters,
 * so they are turned into bytes here, then checked against the value:
 * anything but a one-line plain or quoted scalar without escapes (a block
 * scalar, a folded or escaped string) is refused rather than guessed.
 */
static int value_span(const struct article *a, const struct ynode *n,
		      size_t *start, size_t *end)
{
	const char *t = a->text.buf;
	long s, e;
	size_t inner;

	if (n->line != n->end_line)
		return -1;
	s = fm_offset(t, a->fm_start + a->fm_len, n->line, n->col);
	e = fm_offset(t, a->fm_start + a->fm_len, n->end_line, n->end_col);
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
	if (atomic_write_all(fd, data, len) < 0)
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
static const char *shown_path(struct buf *b, const char *path)
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

/* 'base' inserted where it belongs when absent (fm_edit.h). */
static int insert_base(const struct article *a, const struct ynode *tf,
		       const struct ynode *key, size_t val_end, const char *digest,
		       struct edits *ed)
{
	struct buf v = BUF_INIT;
	size_t at;
	int r = fm_base_insertion(a, tf, key, val_end, digest, &at, &v);

	if (r == 0)
		edit_add(ed, at, at, v.buf, v.len);
	buf_release(&v);
	return r;
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
		fprintf(s->out, "%s: snapshot saved\n", shown_path(&sp, shownp));
	else if (r == 2)
		fprintf(s->out, "%s: snapshot replaced (its text was not that of "
			"its digest: edited, or not a file)\n", shown_path(&sp, shownp));
	free(shownp);
	buf_release(&rel);
	buf_release(&sp);
}

/*
 * The digests a file whose frontmatter cannot be read may still name:
 * each run of 16 hexadecimal digits after "base" in its bytes, appended
 * to *v (owned strings).  A typo or a merge-conflict marker in a
 * translation must not cost it its base text.
 */
static void bases_in_file(const char *path, char ***v, size_t *n, size_t *alloc)
{
	struct buf text = BUF_INIT;
	const char *p, *end;

	if (buf_read_file(&text, path, ARTICLE_MAX_SIZE) != BUF_READ_OK) {
		buf_release(&text);
		return;
	}
	end = text.buf + text.len;
	for (p = text.buf; (p = find_bytes(p, (size_t)(end - p), "base", 4)) != NULL;
	     p += 4) {
		const char *q = p + 4;
		size_t k = 0;

		while (q < end && (*q == ' ' || *q == '\t' || *q == ':' || *q == '"' ||
				   *q == '\''))
			q++;
		while (q + k < end && k < 17 && isxdigit((unsigned char)q[k]))
			k++;
		if (k != 16)
			continue;
		GROW(*v, *alloc, *n + 1);
		(*v)[(*n)++] = xstrndup(q, 16);
	}
	buf_release(&text);
}

/*
 * Remove the snapshots of the id that no translation names any more:
 * the corpus's bases as indexed, this file's replaced by its new one,
 * and whatever a file of the corpus that cannot be read names.
 */
static void prune_snapshots(struct stamper *s, const struct article_meta *orig,
			    const char *self_rel, const char *digest)
{
	const struct corpus *c = s->c;
	const char **keep = xmalloc((c->n + 2) * sizeof(*keep));
	struct buf removed = BUF_INIT, sp = BUF_INIT;
	char **unread = NULL;
	size_t n = 0, i, nunread = 0, aunread = 0;
	const char *p;

	keep[n++] = digest;
	GROW(s->done, s->adone, s->ndone + 1);
	s->done[s->ndone].rel = xstrdup(self_rel);
	memcpy(s->done[s->ndone].digest, digest, 17);
	s->ndone++;
	for (i = 0; i < c->n; i++) {
		const struct article_meta *m = &c->articles[i];
		const char *base = m->tf_base;
		size_t k;

		if (!m->translated || !m->id || strcmp(m->id, orig->id))
			continue;
		for (k = 0; k < s->ndone; k++)
			if (!strcmp(s->done[k].rel, m->relpath))
				base = s->done[k].digest;	/* the newest */
		if (base[0])
			keep[n++] = base;
	}
	/* a file that cannot be read may be a translation of this id */
	for (i = 0; i < c->n; i++)
		if (!c->articles[i].usable || !c->articles[i].id)
			bases_in_file(c->articles[i].path, &unread, &nunread, &aunread);
	keep = xrealloc(keep, (n + nunread + 1) * sizeof(*keep));
	for (i = 0; i < nunread; i++)
		keep[n++] = unread[i];
	if (snapshot_prune(c, orig->id, keep, n, &removed) < 0)
		diag(s->d, R_WRITE, orig->path, 0, 0, NULL,
		     "cannot prune the snapshots of '%s': %s", orig->id,
		     errmsg(errno));
	for (p = removed.buf; *p;) {
		const char *e = strchr(p, '\n');
		struct buf one = BUF_INIT;

		buf_add(&one, p, (size_t)(e - p));
		fprintf(s->out, "%s: snapshot removed (no translation names it)\n",
			shown_path(&sp, one.buf));
		buf_release(&one);
		p = e + 1;
	}
	free(keep);
	for (i = 0; i < nunread; i++)
		free(unread[i]);
	free(unread);
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

/* The warning of a stamp (real or dry run) on a translation with fewer
 * blocks than its original. */
static void warn_shorter(struct stamper *s, const char *path,
			 const struct article_meta *self,
			 const struct article_meta *orig)
{
	struct buf what = BUF_INIT;

	if (!self || !l10n_fewer_blocks(&self->counts, &orig->counts))
		return;
	l10n_counts_phrase(&what, &orig->counts, &self->counts);
	diag_sev(s->d, R_L10N_INCOMPLETE, SEV_WARNING, path, 0, 0, NULL,
		 "%s, but the translation is shorter than the original %s: %s",
		 s->dry_run ? "would be stamped" : "stamped", orig->path, what.buf);
	buf_release(&what);
}

/*
 * Stamped, a translation renders the original's updated: its own updated
 * earlier than that is what validate's translation-date warns about, and
 * only the translator can set it (stamp changes no other value).
 */
static void warn_dated(struct stamper *s, const char *path,
		       const struct article_meta *self,
		       const struct article_meta *orig)
{
	char mine[16], theirs[16];

	if (!self || !self->updated.y || !orig->updated.y ||
	    date_cmp(self->updated, orig->updated) >= 0)
		return;
	date_format(self->updated, mine);
	date_format(orig->updated, theirs);
	diag_sev(s->d, R_TRANSLATION_DATE, SEV_WARNING, path, self->updated_pos.line,
		 self->updated_pos.col, NULL, "%s, but its 'updated' %s is earlier "
		 "than the original's %s it now renders: set it to the date of "
		 "this translation", s->dry_run ? "would be stamped" : "stamped",
		 mine, theirs);
}

/* One translation being stamped: what each step of stamp_one() reads and
 * leaves for the next. */
struct stamp_job {
	struct stamper *s;
	const char *path;		/* as the user named it */
	char real[PATH_MAX];		/* its real path, inside the corpus */
	const char *rel;		/* the same, relative to the corpus root */
	struct stat st;
	struct article a, oa;		/* the translation, its original */
	struct diag_list load;
	const struct ynode *idn, *tf, *val;	/* id, translated_from, its updated */
	const struct ypair *up, *bp;	/* translated_from's updated and base */
	const struct article_meta *orig;
	const char *cur;		/* the base the translation names, or NULL */
	char now[16], was[16], digest[17];
	int date_same, base_same;
	struct edits ed;
	struct buf text, sp;		/* the new text; a scratch for shown_path() */
};

/* The file's real path, which must be an article inside the corpus. */
static int stamp_locate(struct stamp_job *j)
{
	const struct corpus *c = j->s->c;
	size_t rootlen = strlen(c->root_abs);
	struct stat lst;

	if (!realpath(j->path, j->real) || stat(j->real, &j->st) < 0) {
		diag(j->s->d, R_STAMP, j->path, 0, 0, NULL, "cannot stamp: %s",
		     errmsg(errno));
		return -1;
	}
	if (strncmp(j->real, c->root_abs, rootlen) || j->real[rootlen] != '/' ||
	    !article_path(j->real + rootlen + 1)) {
		if (lstat(j->path, &lst) == 0 && S_ISLNK(lst.st_mode))
			refuse(j->s, j->path, NULL, "a symbolic link to a file outside "
			       "the corpus at '%s': not changed", c->root);
		else
			refuse(j->s, j->path, NULL, "not an article of the corpus at '%s'",
			       c->root);
		return -1;
	}
	j->rel = j->real + rootlen + 1;
	return 0;
}

/* The translation read: a 'translated_from' mapping with an 'updated'
 * value, and an id. */
static int stamp_read(struct stamp_job *j)
{
	struct stamper *s = j->s;
	const struct ynode *root;
	size_t k;

	/* a warning such as a BOM is validate's business, not stamp's */
	if (article_load(&j->a, j->real, &j->load) < 0) {
		for (k = 0; k < j->load.n; k++)
			if (j->load.v[k].severity == SEV_ERROR)
				diag(s->d, j->load.v[k].rule, j->path, j->load.v[k].line,
				     j->load.v[k].col, NULL, "%s", j->load.v[k].message);
		refuse(s, j->path, NULL, "the frontmatter cannot be read");
		return -1;
	}
	root = j->a.fm.root;
	j->idn = ymap_get(root, "id");
	j->tf = ymap_get(root, "translated_from");
	if (!j->tf) {
		refuse(s, j->path, root, "not a translation: it has no 'translated_from' "
		       "(an original is never stamped)");
		return -1;
	}
	if (j->tf->type != Y_MAP) {
		refuse(s, j->path, j->tf, "'translated_from' must be a mapping with "
		       "'lang' and 'updated'");
		return -1;
	}
	j->up = ymap_pair(j->tf, "updated");
	if (!j->up || j->up->value->type == Y_NULL || !ynode_scalar(j->up->value)) {
		refuse(s, j->path, j->up ? j->up->value :
		       ymap_pair(root, "translated_from")->key,
		       "'translated_from' has no 'updated' value to stamp");
		return -1;
	}
	j->val = j->up->value;
	if (!ynode_str(j->idn) || !*ynode_str(j->idn)) {
		refuse(s, j->path, root, "no 'id': the original cannot be found");
		return -1;
	}
	return 0;
}

/* The one original of the translation, in the language it names, with a
 * date; its text read, and its digest. */
static int stamp_original(struct stamp_job *j)
{
	struct stamper *s = j->s;
	const char *id = ynode_str(j->idn), *tfl;
	const struct article_meta *orig;
	struct date old;
	size_t count;

	orig = j->orig = corpus_original(s->c, id, &count);
	if (!orig) {
		refuse(s, j->path, j->idn, "the original of '%s' does not exist", id);
		return -1;
	}
	if (count > 1) {
		refuse(s, j->path, j->idn, "'%s' has %zu originals: it is not clear "
		       "which one this translates", id, count);
		return -1;
	}
	tfl = ynode_str(ymap_get(j->tf, "lang"));
	if (!tfl || !orig->lang || strcmp(tfl, orig->lang)) {
		refuse(s, j->path, tfl ? ymap_get(j->tf, "lang") : j->tf,
		       "translated_from names '%s', but the original %s is in '%s'",
		       tfl ? tfl : "no language", orig->path,
		       orig->lang ? orig->lang : "?");
		return -1;
	}
	if (!orig->updated.y) {
		refuse(s, j->path, j->val, "the original %s has no valid 'updated' "
		       "date", orig->path);
		return -1;
	}
	date_format(orig->updated, j->now);
	snprintf(j->was, sizeof(j->was), "%s", ynode_scalar(j->val));
	/* the original's text now: its digest, and the snapshot to save */
	if (article_load(&j->oa, orig->path, &j->load) < 0) {
		refuse(s, j->path, j->idn, "the original %s cannot be read", orig->path);
		return -1;
	}
	blocks_digest_article(&j->oa, j->digest);
	j->bp = ymap_pair(j->tf, "base");
	j->cur = j->bp ? ynode_scalar(j->bp->value) : NULL;
	j->date_same = date_parse(ynode_scalar(j->val), &old) == 0 &&
		       date_cmp(old, orig->updated) == 0;
	j->base_same = j->cur && strlen(j->cur) == 16 && !strcasecmp(j->cur, j->digest);
	return 0;
}

/* The edits of the frontmatter's text: the date replaced, the base
 * replaced or inserted; values that cannot be rewritten in place are
 * refused. */
static int stamp_edits(struct stamp_job *j)
{
	const struct ynode *val = j->val, *key = j->up->key;
	const struct ypair *bp = j->bp;
	struct buf v = BUF_INIT;
	size_t start, end, bs, be;
	char q;

	/*
	 * An alias shares the node it names, which stands before the key:
	 * rewriting it would change another value.
	 */
	if (val->line < key->line || (val->line == key->line && val->col <= key->col)) {
		refuse(j->s, j->path, key, "the value of 'translated_from.updated' is "
		       "an alias of another value; edit it by hand");
		return -1;
	}
	if (value_span(&j->a, val, &start, &end) < 0) {
		refuse(j->s, j->path, val, "the value of 'translated_from.updated' is "
		       "not a plain or simply quoted scalar on one line; edit it by hand");
		return -1;
	}
	if (!j->date_same) {
		if (val->quoted)
			buf_addc(&v, j->a.text.buf[start]);
		buf_adds(&v, j->now);
		if (val->quoted)
			buf_addc(&v, j->a.text.buf[start]);
		edit_add(&j->ed, start, end, v.buf, v.len);
		buf_reset(&v);
	}
	if (bp && !j->base_same) {
		if (bp->value->line < bp->key->line ||
		    (bp->value->line == bp->key->line && bp->value->col <= bp->key->col) ||
		    value_span(&j->a, bp->value, &bs, &be) < 0) {
			refuse(j->s, j->path, bp->value, "the value of 'translated_from.base' "
			       "is not a plain or simply quoted scalar on one line; edit it "
			       "by hand");
			buf_release(&v);
			return -1;
		}
		/* kept quoted as it was; a plain digest could read as a number */
		q = bp->value->quoted ? j->a.text.buf[bs] : '"';
		buf_addf(&v, "%c%s%c", q, j->digest, q);
		edit_add(&j->ed, bs, be, v.buf, v.len);
	} else if (!bp && insert_base(&j->a, j->tf, key, end, j->digest, &j->ed) < 0) {
		refuse(j->s, j->path, j->tf, "no place found for 'base' in "
		       "'translated_from'; add it by hand");
		buf_release(&v);
		return -1;
	}
	buf_release(&v);
	return 0;
}

/*
 * The new text read back before it is written: it must parse, and give
 * translated_from the date and base stamped, so that a layout stamp did
 * not foresee refuses rather than breaks a translation.
 */
static int stamp_verify(struct stamp_job *j)
{
	struct article b;
	struct diag_list quiet = DIAG_LIST_INIT;
	const struct ynode *tf;
	const char *up, *base;
	int ok;

	article_init(&b, j->path);
	ok = article_load_mem(&b, j->text.buf, j->text.len, &quiet) == 0 &&
	     !diag_count(&quiet).errors;
	tf = ok ? ymap_get(b.fm.root, "translated_from") : NULL;
	up = tf ? ynode_scalar(ymap_get(tf, "updated")) : NULL;
	base = tf ? ynode_scalar(ymap_get(tf, "base")) : NULL;
	ok = ok && up && base && !strcmp(up, j->date_same ? j->was : j->now) &&
	     !strcasecmp(base, j->digest);
	article_release(&b);
	diag_list_release(&quiet);
	if (!ok)
		refuse(j->s, j->path, j->tf, "the stamped frontmatter would not "
		       "read back as written (a layout stamp cannot edit); nothing "
		       "written: set 'updated' and 'base: \"%s\"' by hand", j->digest);
	return ok ? 0 : -1;
}

/* The new text written over the file, the original's snapshot saved and
 * the snapshots nothing names any more pruned. */
static enum stamp_result stamp_write(struct stamp_job *j)
{
	struct stamper *s = j->s;
	int r = replace_file(j->real, &j->st, &j->a.text, j->text.buf, j->text.len);

	if (r < 0) {
		diag(s->d, R_WRITE, j->path, 0, 0, NULL, "cannot write: %s",
		     errmsg(errno));
		return STAMP_WRITE_ERROR;
	}
	if (r > 0)
		return refuse(s, j->path, NULL, "the file changed while it was being "
			      "stamped; nothing written, run folio stamp again");
	if (!j->date_same)
		fprintf(s->out, "%s: translated_from.updated %s -> %s\n",
			shown_path(&j->sp, j->path), j->was, j->now);
	fprintf(s->out, "%s: translated_from.base %s -> %s\n",
		shown_path(&j->sp, j->path), j->cur ? j->cur : "(none)", j->digest);
	save_snapshot(s, j->orig, j->digest, &j->oa, j->path);
	prune_snapshots(s, j->orig, j->rel, j->digest);
	/* the translator says it is done: say so if it looks shorter */
	warn_shorter(s, j->path, find_meta(s->c, j->rel), j->orig);
	warn_dated(s, j->path, find_meta(s->c, j->rel), j->orig);
	return STAMP_DONE;
}

static enum stamp_result stamp_one(struct stamper *s, const char *path)
{
	struct stamp_job j;
	enum stamp_result ret = STAMP_REFUSED;

	memset(&j, 0, sizeof(j));
	j.s = s;
	j.path = path;
	j.load = (struct diag_list)DIAG_LIST_INIT;
	j.ed = (struct edits){ NULL, 0, 0 };
	j.text = j.sp = (struct buf)BUF_INIT;
	article_init(&j.a, path);
	article_init(&j.oa, "");
	if (stamp_locate(&j) < 0 || stamp_read(&j) < 0 || stamp_original(&j) < 0)
		goto out;
	if (j.date_same && j.base_same) {
		fprintf(s->out, "%s: already current (translated_from.updated %s, "
			"the original's is %s; base %s)\n", shown_path(&j.sp, path),
			ynode_scalar(j.val), j.now, j.digest);
		ret = STAMP_DONE;
		if (!s->dry_run)
			save_snapshot(s, j.orig, j.digest, &j.oa, path);
		goto out;
	}
	if (stamp_edits(&j) < 0)
		goto out;
	edit_apply(&j.ed, &j.a.text, &j.text);
	if (stamp_verify(&j) < 0)
		goto out;
	if (s->dry_run) {
		if (!j.date_same)
			fprintf(s->out, "%s: translated_from.updated %s -> %s (dry run, not "
				"written)\n", shown_path(&j.sp, path), j.was, j.now);
		fprintf(s->out, "%s: translated_from.base %s -> %s (dry run, not "
			"written)\n", shown_path(&j.sp, path), j.cur ? j.cur : "(none)", j.digest);
		ret = STAMP_DONE;
		warn_shorter(s, path, find_meta(s->c, j.rel), j.orig);
		warn_dated(s, path, find_meta(s->c, j.rel), j.orig);
		goto out;
	}
	ret = stamp_write(&j);
out:
	diag_list_release(&j.load);
	buf_release(&j.text);
	buf_release(&j.sp);
	article_release(&j.a);
	article_release(&j.oa);
	edits_release(&j.ed);
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
	memset(&s, 0, sizeof(s));
	o.color = g->color;
	ret = opts_parse(argc, argv, opts, usage_line, about, &first, &nargs);
	if (ret)
		return ret > 0 ? EXIT_OK : EXIT_USAGE;
	if (!nargs) {
		fprintf(stderr, "folio: stamp needs at least one FILE\nusage: %s\n",
			usage_line);
		return EXIT_USAGE;
	}
	/*
	 * The corpus is the one the files are in, wherever folio is run:
	 * found from the first FILE that exists, so that a missing one is
	 * refused like any other and does not stop the rest.
	 */
	for (i = 0; i < nargs - 1; i++)
		if (access(argv[first + i], F_OK) == 0)
			break;
	if (corpus_open(&c, argv[first + i], 1, &d) < 0) {
		ret = EXIT_USAGE;
		goto report;
	}
	/* block counts too: a stamp on a shorter translation gets a warning */
	corpus_index(&c, INDEX_BODY | INDEX_WORDS, &idx);
	s.c = &c;
	s.dry_run = dry_run;
	s.d = &d;
	s.out = stdout;
	s.done = NULL;
	s.ndone = s.adone = 0;
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
	for (i = 0; i < (int)s.ndone; i++)
		free(s.done[i].rel);
	free(s.done);
	corpus_release(&c);
	diag_list_release(&d);
	diag_list_release(&idx);
	return ret;
}
