/*
 * export_tree.c - the output tree: the output directory and each
 * language's (a new one made whole under a hidden name, then shown at
 * once), files written only when their bytes changed and atomically,
 * pages staged under temporary names until the pass is over, and the
 * manifest of what the run wrote.
 */
#include "export_int.h"
#include "atomic.h"
#include "export_manifest.h"
#include "interrupt.h"
#include "pool.h"
#include "slugs.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- files ---- */

/* mkdir -p; 0 or -1 with errno. */
int export_make_dirs(const char *path)
{
	char *p = xstrdup(path), *s;
	struct stat st;
	int ret = -1;

	for (s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) < 0 && errno != EEXIST)
				goto out;
			*s = c;
			if (!c)
				break;
		}
	}
	if (stat(path, &st) < 0)
		goto out;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		goto out;
	}
	ret = 0;
out:
	free(p);
	return ret;
}

/* Does the directory at path hold nothing at all? */
static int dir_is_empty(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	int empty = 1;

	if (!dir)
		return 0;
	while (empty && (e = readdir(dir)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(dir);
	return empty;
}

/* Does the file at path hold exactly data[0..len)?  Never follows links. */
static int same_bytes(const char *path, const char *data, size_t len)
{
	char chunk[65536];
	struct stat st;
	size_t off = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	int same = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len)
		goto out;
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof(chunk));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto out;
		if (r == 0)
			break;
		if (off + (size_t)r > len || memcmp(chunk, data + off, (size_t)r))
			goto out;
		off += (size_t)r;
	}
	same = off == len;
out:
	close(fd);
	return same;
}

/*
 * Put data[0..len) at dir/name: nothing when the file already holds those
 * bytes (its mtime stays), else atomically (atomic.h), so that a reader
 * never sees half a page and a failure (disk full, permissions) leaves
 * the old file and no temporary behind.  how: WRITE_FRESH, WRITE_HIDDEN.
 * With defer, a file to replace is only written under its temporary name,
 * left in defer for the caller to rename into place (atomic_commit()) or
 * to give up (unlink); defer stays empty when nothing is pending.
 */
static void note_written(const struct export *x, const char *path,
			 const char *data, size_t len);
enum write_result export_write_file_defer(const struct export *x,
					  const char *dir, int how,
					  const char *name, const char *data,
					  size_t len, struct buf *defer,
					  struct diag_list *d)
{
	struct buf path = BUF_INIT;
	enum write_result ret = WRITE_DONE;

	buf_adds(&path, dir);
	buf_addc(&path, '/');
	buf_adds(&path, name);
	if ((how & WRITE_HIDDEN) && write_new(path.buf, data, len) == 0)
		goto out;
	if ((how & WRITE_HIDDEN) && errno != EEXIST)
		goto fail;
	if (!(how & WRITE_FRESH) && same_bytes(path.buf, data, len))
		ret = WRITE_SAME;
	else if ((defer ? atomic_stage(defer, path.buf, data, len,
				       ATOMIC_UMASK, 0) :
			  atomic_write(path.buf, data, len, ATOMIC_UMASK, 0)) < 0)
		goto fail;
out:
	if (ret != WRITE_FAILED)
		note_written(x, path.buf, data, len);
	buf_release(&path);
	return ret;
fail:
	diag(d, R_WRITE, path.buf, 0, 0, NULL, "cannot write: %s",
	     errmsg(errno));
	if (defer)
		buf_reset(defer);
	ret = WRITE_FAILED;
	goto out;
}

enum write_result export_write_file(const struct export *x, const char *dir,
				    int how, const char *name, const char *data,
				    size_t len, struct diag_list *d)
{
	return export_write_file_defer(x, dir, how, name, data, len, NULL, d);
}

/* L's directory of pages as the reader will see it, in out. */
void export_shown_dir(const struct export *x, const struct xlang *L,
		      struct buf *out)
{
	if (!L->stage) {
		buf_adds(out, L->dir);
		return;
	}
	buf_addf(out, "%s/%s%s", x->outdir, L->code,
		 L->dir + strlen(L->stage));
}

/* export_write_file()'s how for a file of L's directories. */
int export_lang_how(const struct xlang *L)
{
	return L->stage ? WRITE_HIDDEN : 0;
}

/*
 * After the first pass: its pages waiting under temporary names go in
 * place (keep), or are given up for the second pass to render again and
 * compare with the files as they were before the run, so that a page
 * which ends as it was is not replaced (its mtime stays) nor counted.
 * SETTLE_SPAN jobs at a time on the workers: after a change of template
 * every page of the corpus may be waiting.
 */
#define SETTLE_SPAN 256

struct settle {
	const struct export *x;
	struct job *jobs;
	size_t njobs;
	int keep;
};

static void settle_span(void *ctx, size_t span, int worker)
{
	const struct settle *st = ctx;
	const struct export *x = st->x;
	struct buf path = BUF_INIT;
	size_t i, end = (span + 1) * SETTLE_SPAN;

	(void)worker;
	for (i = span * SETTLE_SPAN; i < st->njobs && i < end; i++) {
		struct job *j = &st->jobs[i];

		if (!j->staged)
			continue;
		if (!st->keep || j->redo) {
			unlink(j->staged);
			j->wrote = WRITE_FAILED;
		} else {
			buf_reset(&path);
			buf_addf(&path, "%s/%s%s", x->langs[x->lix[j->art]].dir,
				 x->slug[j->art], x->f->ext);
			if (atomic_commit(j->staged, path.buf) < 0) {
				diag(&j->d, R_WRITE, path.buf, 0, 0, NULL,
				     "cannot write: %s", errmsg(errno));
				j->wrote = WRITE_FAILED;
			}
		}
		free(j->staged);
		j->staged = NULL;
	}
	buf_release(&path);
}

void export_settle_staged(const struct export *x, struct job *jobs,
			  size_t njobs, int keep, int workers)
{
	struct settle st;
	size_t i;

	for (i = 0; i < njobs && !jobs[i].staged; i++)
		;
	if (i == njobs)
		return;
	st.x = x;
	st.jobs = jobs;
	st.njobs = njobs;
	st.keep = keep;
	pool_run(workers, (njobs + SETTLE_SPAN - 1) / SETTLE_SPAN, settle_span,
		 &st);
	/* a signal stops the pool between spans: what is left, here */
	for (i = 0; interrupt_caught() && i * SETTLE_SPAN < njobs; i++)
		settle_span(&st, i, 0);
}

void export_count_write(struct export_result *r, enum write_result w)
{
	if (w == WRITE_DONE)
		r->written++;
	else if (w == WRITE_SAME)
		r->unchanged++;
	else
		r->write_error = 1;
}

/*
 * The hidden directory that stands for root (outdir/CODE) until export_unstage():
 * ".CODE.PID.tmp" beside it, or ".CODE.PID-N.tmp" when that one is taken
 * (mkdir makes the name ours).  Returns it (owned), or NULL: root is then
 * written in place.
 */
static char *make_stage(const struct export *x, const struct xlang *L)
{
	struct buf root = BUF_INIT, stage = BUF_INIT;
	int k;

	buf_addf(&root, "%s/%s", x->outdir, L->code);
	for (k = 0; k < ATOMIC_TRIES; k++) {
		atomic_tmp_name(&stage, root.buf, k);
		if (mkdir(stage.buf, 0777) == 0)
			break;
		if (errno != EEXIST)
			k = ATOMIC_TRIES;
	}
	buf_release(&root);
	if (k < ATOMIC_TRIES)
		return buf_detach(&stage, NULL);
	buf_release(&stage);
	return NULL;
}

/*
 * The directory of every language written; a language whose directory
 * fails gets none.  One that does not exist yet is made whole under a
 * hidden name first and shown at the end, all its pages at once
 * (export_unstage()); one that exists is written file by file, each replaced
 * atomically.
 */
static void make_lang_dirs(struct export *x, struct diag_list *d,
			   struct export_result *r)
{
	size_t k, rootlen = strlen(x->outdir_abs);

	for (k = 0; k < x->c.cfg.nlang; k++) {
		struct xlang *L = &x->langs[k];
		struct buf dir = BUF_INIT, why = BUF_INIT;
		char real[PATH_MAX];
		struct stat st;

		if (!L->wanted || !L->has_pages)
			continue;
		if (slug_check(L->code, NULL, &why) < 0) {
			diag(d, R_WRITE, x->outdir, 0, 0, NULL,
			     "language '%s' cannot name a directory: it %s",
			     L->code, why.buf);
			r->write_error = 1;
			buf_release(&why);
			continue;
		}
		buf_addf(&dir, "%s/%s", x->outdir, L->code);
		/* a zipped book's tree is always hidden, then removed */
		if ((x->f->zip || (lstat(dir.buf, &st) < 0 && errno == ENOENT)) &&
		    (L->stage = make_stage(x, L)) != NULL) {
			buf_reset(&dir);
			buf_adds(&dir, L->stage);
		} else if (x->f->zip) {
			diag(d, R_WRITE, dir.buf, 0, 0, NULL,
			     "cannot create a hidden directory beside it: %s",
			     errmsg(errno));
			r->write_error = 1;
			buf_release(&dir);
			continue;
		}
		if (*x->f->page_dir)
			buf_addf(&dir, "/%.*s", (int)strlen(x->f->page_dir) - 1,
				 x->f->page_dir);
		if (export_make_dirs(dir.buf) < 0) {
			diag(d, R_WRITE, dir.buf, 0, 0, NULL,
			     "cannot create directory: %s", errmsg(errno));
			r->write_error = 1;
		} else if (!realpath(dir.buf, real) ||
			   strncmp(real, x->outdir_abs, rootlen) != 0 ||
			   real[rootlen] != '/') {
			/* a symbolic link planted in the output directory */
			diag(d, R_WRITE, dir.buf, 0, 0, NULL,
			     "directory leads outside '%s': not written",
			     x->outdir);
			r->write_error = 1;
		} else {
			L->fresh = L->stage || dir_is_empty(dir.buf);
			L->dir = buf_detach(&dir, NULL);
		}
		buf_release(&dir);
	}
}

/*
 * Remove name (in the directory parent) and, when it is a directory,
 * everything in it, following no symbolic link: a hidden directory of
 * this run's, given up.  What cannot be removed stays.
 */
static void remove_tree(int parent, const char *name, int depth)
{
	struct dirent *e;
	DIR *d;
	int fd, pass;

	if (unlinkat(parent, name, 0) == 0 || (errno != EISDIR && errno != EPERM))
		return;
	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd < 0 || depth > 16 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return;
	}
	/* again when entries removed meanwhile hid others from readdir */
	for (pass = 0; pass < 3; pass++) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				remove_tree(dirfd(d), e->d_name, depth + 1);
		if (unlinkat(parent, name, AT_REMOVEDIR) == 0 ||
		    errno != ENOTEMPTY)
			break;
		rewinddir(d);
	}
	closedir(d);
}

/*
 * A run stopped by a signal (interrupt.h), or whose books are zipped:
 * the hidden directories of the languages that did not exist go, with
 * the pages in them, and so do the books' pages held (export_epub.c);
 * the indexes and pages waiting under temporary names go at the end of
 * export_run().
 * What is in place stays: each file there is whole, old or new.
 */
void export_give_up_stages(struct export *x)
{
	size_t k;

	export_books_free(x);
	for (k = 0; k < x->c.cfg.nlang; k++) {
		if (!x->langs[k].stage)
			continue;
		remove_tree(AT_FDCWD, x->langs[k].stage, 0);
		free(x->langs[k].dir);
		x->langs[k].dir = NULL;
	}
}

/*
 * What a failed rename leaves to do: move the files of src into dst one
 * by one (another run made dst meanwhile), each replacing the one there,
 * directories merged; never through a link.  Removes src when it is left
 * empty.  Returns 0 or -1 (reported).
 */
static int move_tree(const char *src, const char *dst, int depth,
		     struct diag_list *d)
{
	DIR *dh;
	struct dirent *e;
	struct stat st;
	int ret = 0;

	if (mkdir(dst, 0777) < 0 && errno != EEXIST)
		return diag(d, R_WRITE, dst, 0, 0, NULL,
			    "cannot create directory: %s", errmsg(errno));
	if (lstat(dst, &st) < 0 || !S_ISDIR(st.st_mode) || depth > 32)
		return diag(d, R_WRITE, dst, 0, 0, NULL,
			    "not a directory: the files for it are left in '%s'",
			    src);
	dh = opendir(src);
	if (!dh)
		return diag(d, R_WRITE, src, 0, 0, NULL, "cannot open: %s",
			    errmsg(errno));
	while ((e = readdir(dh)) != NULL) {
		struct buf from = BUF_INIT, to = BUF_INIT;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		buf_addf(&from, "%s/%s", src, e->d_name);
		buf_addf(&to, "%s/%s", dst, e->d_name);
		if (lstat(from.buf, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (move_tree(from.buf, to.buf, depth + 1, d) < 0)
				ret = -1;
		} else if (rename(from.buf, to.buf) < 0) {
			ret = diag(d, R_WRITE, to.buf, 0, 0, NULL,
				   "cannot write: %s", errmsg(errno));
		}
		buf_release(&from);
		buf_release(&to);
	}
	closedir(dh);
	if (ret == 0)
		rmdir(src);
	return ret;
}

/*
 * Diagnostics about the files of a hidden directory name them where
 * they are now.
 */
void export_unstage_paths(struct diag_list *d, const char *stage,
			  const char *root)
{
	size_t i, n = strlen(stage);

	for (i = 0; i < d->n; i++) {
		char *f = d->v[i].file;
		struct buf b = BUF_INIT;

		if (!f || strncmp(f, stage, n) != 0 || (f[n] && f[n] != '/'))
			continue;
		buf_adds(&b, root);
		buf_adds(&b, f + n);
		free(f);
		d->v[i].file = buf_detach(&b, NULL);
	}
}

/*
 * Every hidden language directory, whole now, renamed to its name (or,
 * when another run made that meanwhile, moved into it file by file).
 */
void export_unstage(struct export *x, struct diag_list *d,
		    struct export_result *r)
{
	size_t k;

	for (k = 0; k < x->c.cfg.nlang; k++) {
		struct xlang *L = &x->langs[k];
		struct buf root = BUF_INIT;

		if (!L->stage)
			continue;
		buf_addf(&root, "%s/%s", x->outdir, L->code);
		if (rename(L->stage, root.buf) < 0 &&
		    move_tree(L->stage, root.buf, 0, d) < 0)
			r->write_error = 1;
		else
			export_unstage_paths(d, L->stage, root.buf);
		buf_release(&root);
	}
}

/* ---- the manifest of what a run wrote (export_manifest.h) ---- */

/*
 * path, as written (below the output directory or a language's hidden
 * directory) with data[0..len), noted as the reader will see it:
 * relative to the output directory.
 */
/* path as the manifest names it (relative to the output directory,
 * a hidden language directory as the one it stands for), in rel. */
static void manifest_rel(const struct export *x, const char *path,
			 struct buf *rel)
{
	size_t n = strlen(x->outdir), k;

	for (k = 0; k < x->c.cfg.nlang; k++) {
		const char *st = x->langs[k].stage;
		size_t sn = st ? strlen(st) : 0;

		if (sn && !strncmp(path, st, sn) && path[sn] == '/') {
			buf_adds(rel, x->langs[k].code);
			buf_adds(rel, path + sn);
			break;
		}
	}
	if (!rel->len && !strncmp(path, x->outdir, n) && path[n] == '/')
		buf_adds(rel, path + n + 1);
}

void export_unnote(const struct export *x, const char *path)
{
	struct buf rel = BUF_INIT;

	if (!x->man || x->f->zip)
		return;
	manifest_rel(x, path, &rel);
	if (rel.len)
		export_manifest_forget(x->man, rel.buf);
	buf_release(&rel);
}

static void note_written(const struct export *x, const char *path,
			 const char *data, size_t len)
{
	struct buf rel = BUF_INIT;

	/* a book's tree is zipped and removed: the book is noted instead */
	if (!x->man || x->f->zip)
		return;
	manifest_rel(x, path, &rel);
	if (rel.len)
		export_manifest_note(x->man, rel.buf, NULL, data, len);
	buf_release(&rel);
}

struct judge_ctx {
	const struct export *x;
	struct diag_list *d;
};

/*
 * A file of the last run that this one did not produce: carried when
 * this run did not cover it (--lang), kept when it is the page of an
 * article that would be published but now has errors, else removed (a
 * withdrawn, deleted or renamed page; a language no longer configured).
 */
static enum manifest_fate judge_entry(void *ctx, const char *path,
				      const char *source)
{
	const struct judge_ctx *jc = ctx;
	const struct export *x = jc->x;
	const struct corpus *c = &x->c;
	const char *slash = strchr(path, '/');
	size_t k, i;

	if (slash) {
		for (k = 0; k < c->cfg.nlang; k++)
			if (strlen(x->langs[k].code) == (size_t)(slash - path) &&
			    !strncmp(path, x->langs[k].code, slash - path))
				break;
		if (k < c->cfg.nlang && !x->langs[k].wanted)
			return MANIFEST_CARRY;
		if (k == c->cfg.nlang && x->o->nlangs)
			return MANIFEST_CARRY;
	} else if (x->o->nlangs) {
		return MANIFEST_CARRY;
	} else if (x->f->zip) {
		/* "fr.epub": a language held back keeps its book */
		size_t n = strlen(path);

		for (k = 0; n > 5 && k < c->cfg.nlang; k++)
			if (strlen(x->langs[k].code) == n - 5 &&
			    !strncmp(path, x->langs[k].code, n - 5) &&
			    !strcmp(path + n - 5, ".epub"))
				return x->langs[k].wanted ? MANIFEST_REMOVE :
					MANIFEST_CARRY;
	}
	for (i = 0; source && i < c->n; i++) {
		const struct article_meta *m = &c->articles[i];

		if (!m->relpath || strcmp(m->relpath, source))
			continue;
		if (m->usable && m->status != STATUS_PUBLISHED &&
		    !x->o->include_drafts)
			return MANIFEST_REMOVE;	/* withdrawn */
		if (m->usable && x->pub[i])
			return MANIFEST_REMOVE;	/* exported under another name */
		diag(jc->d, R_PAGE_KEPT, m->path, 0, 0, NULL,
		     "not exported: this version has errors, the page of the "
		     "last good export stays: '%s/%s'", x->outdir, path);
		return MANIFEST_KEEP_BAD;
	}
	return MANIFEST_REMOVE;
}

/*
 * The run is over: its pages noted with their articles, files of the
 * last run it no longer produces removed (only after a run that wrote
 * all it meant to, over every article), the manifest written.
 */
void export_finish_manifest(struct export *x, const struct job *jobs,
			    size_t njobs, struct diag_list *d,
			    struct export_result *r)
{
	struct judge_ctx jc;
	struct buf rel = BUF_INIT;
	size_t i;
	int prune = !r->write_error && !r->usage_error && !x->o->npaths &&
		    !interrupt_caught();

	for (i = 0; !x->f->zip && i < njobs; i++) {
		const struct job *j = &jobs[i];

		if (!j->render || j->failed || j->bad_template || j->refused ||
		    j->wrote == WRITE_FAILED)
			continue;
		buf_reset(&rel);
		buf_addf(&rel, "%s/%s%s%s", x->langs[x->lix[j->art]].code,
			 x->f->page_dir, x->slug[j->art], x->f->ext);
		export_manifest_note(x->man, rel.buf,
				     x->c.articles[j->art].relpath, NULL, 0);
	}
	buf_release(&rel);
	jc.x = x;
	jc.d = d;
	if (export_manifest_finish(x->man, x->outdir, x->f->name, prune,
				   judge_entry, &jc, d) < 0)
		r->write_error = 1;
}

/*
 * The output directory, and a directory per language written: -1 when
 * it cannot be made (r says so).
 */
int export_open_output(struct export *x, struct diag_list *all,
		       struct export_result *r)
{
	const struct export_opts *o = x->o;
	char real[PATH_MAX];
	size_t i;

	if (o->outdir) {
		size_t n = strlen(o->outdir);

		while (n > 1 && o->outdir[n - 1] == '/')
			n--;
		x->outdir = xstrndup(o->outdir, n);
	} else {
		struct buf b = BUF_INIT;

		buf_addf(&b, "out/%s", x->f->name);
		x->outdir = buf_detach(&b, NULL);
	}
	for (i = 0; i < x->c.n; i++)
		if (x->pub[i] && export_reported(x, i))
			x->langs[x->lix[i]].has_pages = 1;
	if (export_make_dirs(x->outdir) < 0) {
		diag(all, R_WRITE, x->outdir, 0, 0, NULL,
		     "cannot create directory: %s", errmsg(errno));
		r->write_error = 1;
		return -1;
	}
	if (!realpath(x->outdir, real)) {
		diag(all, R_WRITE, x->outdir, 0, 0, NULL, "cannot open: %s",
		     errmsg(errno));
		r->write_error = 1;
		return -1;
	}
	x->outdir_abs = xstrdup(real);
	make_lang_dirs(x, all, r);
	if (x->f->zip)
		export_books_open(x);
	return 0;
}
