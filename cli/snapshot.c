/*
 * snapshot.c - finding a translation's base text again (SPEC 12.1): the
 * snapshot under _base/, checked, else the original's git history, read
 * through the `git` command (argv, no shell; bounded in time and bytes).
 */
#include "snapshot.h"
#include "article.h"
#include "atomic.h"
#include "blocks.h"
#include "corpus.h"
#include "diag.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

void snapshot_relpath(struct buf *out, const char *id, const char *lang,
		      const char *digest)
{
	buf_addf(out, "_base/%s/%s.%s.md", id, lang, digest);
}

/* ---- running git --------------------------------------------------------- */

#define GIT_SECONDS 60
#define GIT_MAX_OUT (64u << 20)

struct git_run {
	struct buf out, err;
	int status;		/* exit status; -1 not run, -2 cut short */
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The environment without what would point git elsewhere than the corpus. */
static char **git_env(void)
{
	size_t n = 0, k = 0, i;
	char **env;

	while (environ && environ[n])
		n++;
	env = xmalloc((n + 4) * sizeof(*env));
	for (i = 0; i < n; i++) {
		if (!strncmp(environ[i], "GIT_DIR=", 8) ||
		    !strncmp(environ[i], "GIT_WORK_TREE=", 14) ||
		    !strncmp(environ[i], "GIT_INDEX_FILE=", 15) ||
		    !strncmp(environ[i], "GIT_TERMINAL_PROMPT=", 20) ||
		    !strncmp(environ[i], "GIT_OPTIONAL_LOCKS=", 19))
			continue;
		env[k++] = environ[i];
	}
	env[k++] = "GIT_TERMINAL_PROMPT=0";
	env[k++] = "GIT_OPTIONAL_LOCKS=0";
	env[k] = NULL;
	return env;
}

/* The pipes to a git child: its standard input, output and errors, each
 * [0] read end, [1] write end, -1 when closed. */
struct git_pipes {
	int in[2], out[2], err[2];
};

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* "git -C dir -c core.quotepath=off args..." started on the pipes; its
 * pid, or -1 (with a message in r->err when git cannot be run). */
static pid_t git_spawn(struct git_run *r, const char *dir, const char *const *args,
		       struct git_pipes *p)
{
	const char *argv[16];
	posix_spawn_file_actions_t fa;
	char **env;
	pid_t pid;
	size_t k = 0;
	int st;

	argv[k++] = "git";
	argv[k++] = "-C";
	argv[k++] = dir;
	argv[k++] = "-c";
	argv[k++] = "core.quotepath=off";
	while (*args && k < ARRAY_SIZE(argv) - 1)
		argv[k++] = *args++;
	argv[k] = NULL;
	if (pipe(p->out) < 0 || pipe(p->err) < 0 || pipe(p->in) < 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p->in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, p->out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, p->err[1], 2);
	posix_spawn_file_actions_addclose(&fa, p->in[1]);
	posix_spawn_file_actions_addclose(&fa, p->out[0]);
	posix_spawn_file_actions_addclose(&fa, p->err[0]);
	env = git_env();
	st = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv, env);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	close_fd(&p->in[0]);
	close_fd(&p->out[1]);
	close_fd(&p->err[1]);
	if (st != 0) {
		buf_addf(&r->err, "cannot run git: %s", errmsg(st));
		return -1;
	}
	return pid;
}

/* The next bytes of input to git; its input closed when all are written
 * or it cannot take more. */
static void git_feed(struct git_pipes *p, const char *input, size_t inlen,
		     size_t *written)
{
	ssize_t w = write(p->in[1], input + *written, inlen - *written);

	if (w > 0)
		*written += (size_t)w;
	if ((w < 0 && errno != EAGAIN && errno != EINTR) || *written == inlen)
		close_fd(&p->in[1]);
}

/* What git wrote on fd (its output or its errors) added to b; fd closed
 * at its end. */
static void git_drain(struct buf *b, int *fd)
{
	ssize_t n;

	buf_grow(b, 65536);
	n = read(*fd, b->buf + b->len, 65536);
	if (n > 0)
		buf_setlen(b, b->len + (size_t)n);
	else if (n == 0 || (errno != EINTR && errno != EAGAIN))
		close_fd(fd);
}

/* Input fed to git and its output and errors collected until it closes
 * them; git killed past GIT_SECONDS or GIT_MAX_OUT bytes of output. */
static void git_exchange(struct git_run *r, pid_t pid, struct git_pipes *p,
			 const char *input, size_t inlen)
{
	long long deadline = now_ms() + GIT_SECONDS * 1000;
	size_t written = 0;

	while (p->out[0] >= 0 || p->err[0] >= 0) {
		struct pollfd fds[3];
		int nf = 0, i;
		long long left = deadline - now_ms();

		if (left <= 0 || r->out.len > GIT_MAX_OUT) {
			kill(pid, SIGKILL);
			r->status = -2;
			break;
		}
		if (p->out[0] >= 0)
			fds[nf++] = (struct pollfd){ p->out[0], POLLIN, 0 };
		if (p->err[0] >= 0)
			fds[nf++] = (struct pollfd){ p->err[0], POLLIN, 0 };
		if (p->in[1] >= 0)
			fds[nf++] = (struct pollfd){ p->in[1], POLLOUT, 0 };
		if (poll(fds, (nfds_t)nf, (int)(left > 1000 ? 1000 : left)) < 0 &&
		    errno != EINTR)
			break;
		for (i = 0; i < nf; i++) {
			int fd = fds[i].fd;

			if (!fds[i].revents)
				continue;
			if (fd == p->in[1])
				git_feed(p, input, inlen, &written);
			else if (fd == p->out[0])
				git_drain(&r->out, &p->out[0]);
			else
				git_drain(&r->err, &p->err[0]);
		}
	}
}

/*
 * Run git with args (after "git -C dir"), feeding it input (or nothing),
 * collecting its output and errors; killed past GIT_SECONDS or
 * GIT_MAX_OUT bytes of output.
 */
static void run_git(struct git_run *r, const char *dir, const char *const *args,
		    const char *input, size_t inlen)
{
	struct git_pipes p = { { -1, -1 }, { -1, -1 }, { -1, -1 } };
	pid_t pid;
	int st, i;

	buf_init(&r->out);
	buf_init(&r->err);
	r->status = -1;
	pid = git_spawn(r, dir, args, &p);
	if (pid >= 0) {
		fcntl(p.in[1], F_SETFL, O_NONBLOCK);
		if (!input || !inlen)
			close_fd(&p.in[1]);
		git_exchange(r, pid, &p, input, inlen);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		if (r->status != -2)
			r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	for (i = 0; i < 2; i++) {
		close_fd(&p.in[i]);
		close_fd(&p.out[i]);
		close_fd(&p.err[i]);
	}
}

static void git_release(struct git_run *r)
{
	buf_release(&r->out);
	buf_release(&r->err);
}

/* git's first line of complaint, for a message. */
static const char *first_line(struct buf *b)
{
	char *nl;

	if ((nl = memchr(b->buf, '\n', b->len)))
		buf_setlen(b, (size_t)(nl - b->buf));
	if (!strncmp(b->buf, "fatal: ", 7))
		return b->buf + 7;
	return b->len ? b->buf : "no message";
}

/* What git says of the corpus's repository: whether it is shallow, and
 * the corpus's path from the repository's top; 1 when there is none (said
 * why). */
static int git_where(const struct corpus *c, const struct article_meta *orig,
		     const char *digest, const char *snap, int *shallow,
		     struct buf *prefix, struct diag_list *diags)
{
	const char *args[] = { "rev-parse", "--is-shallow-repository",
			       "--show-prefix", NULL };
	struct git_run r;
	const char *p;

	run_git(&r, c->root_abs, args, NULL, 0);
	if (r.status != 0) {
		if (diags)
			diag(diags, R_BASE_TEXT, orig->path, 0, 0, NULL,
			     "base text '%s' unavailable: no snapshot '%s', and no git history (%s)",
			     digest, snap, first_line(&r.err));
		git_release(&r);
		return 1;
	}
	*shallow = !strncmp(r.out.buf, "true", 4);
	p = memchr(r.out.buf, '\n', r.out.len);
	if (p) {
		const char *q = memchr(p + 1, '\n', r.out.len - (size_t)(p + 1 - r.out.buf));

		buf_add(prefix, p + 1, q ? (size_t)(q - p - 1) : 0);
	}
	git_release(&r);
	return 0;
}

/* The requests for the original's last SNAPSHOT_GIT_COMMITS versions, one
 * per commit: "<commit>:<path from the top>"; 1 when the history cannot
 * be read (said why). */
static int git_versions(const struct corpus *c, const struct article_meta *orig,
			const char *digest, const char *snap, const char *prefix,
			struct buf *req, struct diag_list *diags)
{
	struct git_run r;
	const char *p, *end;
	char n[24];

	snprintf(n, sizeof(n), "%d", SNAPSHOT_GIT_COMMITS);
	{
		const char *args[] = { "log", "-n", n, "--format=%H", "--",
				       orig->relpath, NULL };

		run_git(&r, c->root_abs, args, NULL, 0);
	}
	if (r.status != 0) {
		if (diags)
			diag(diags, R_BASE_TEXT, orig->path, 0, 0, NULL,
			     "base text '%s' unavailable: no snapshot '%s', and the git history cannot be read (%s)",
			     digest, snap, first_line(&r.err));
		git_release(&r);
		return 1;
	}
	for (p = r.out.buf, end = p + r.out.len; p < end;) {
		const char *q = memchr(p, '\n', (size_t)(end - p));

		if (!q)
			q = end;
		if (q > p)
			buf_addf(req, "%.*s:%s%s\n", (int)(q - p), p, prefix,
				 orig->relpath);
		p = q + 1;
	}
	git_release(&r);
	return 0;
}

/* Among git cat-file --batch's answers, "<oid> blob <size>\n<content>\n"
 * or "<name> missing\n", the content whose digest is digest, into out;
 * 0 found, 1 not. */
static int git_pick_version(const struct buf *answers, const char *digest,
			    struct buf *out)
{
	const char *p = answers->buf, *end = p + answers->len;

	while (p < end) {
		const char *q = memchr(p, '\n', (size_t)(end - p));
		const char *sp;
		unsigned long long size;
		char d[17];

		if (!q)
			break;
		sp = memchr(p, ' ', (size_t)(q - p));
		if (!sp || (size_t)(q - sp) < 6 || memcmp(sp, " blob ", 6)) {
			p = q + 1;
			continue;
		}
		size = strtoull(sp + 6, NULL, 10);
		p = q + 1;
		if (size > (unsigned long long)(end - p))
			break;
		if (blocks_digest_file(p, (size_t)size, d) == 0 && !strcmp(d, digest)) {
			buf_reset(out);
			buf_add(out, p, (size_t)size);
			return 0;
		}
		p += size + 1;
	}
	return 1;
}

/*
 * The version of the original whose digest is digest, from history.
 * 0 found, 1 not (said why).
 */
static int from_git(const struct corpus *c, const struct article_meta *orig,
		    const char *digest, struct buf *out, const char *snap,
		    struct diag_list *diags)
{
	const char *args[] = { "cat-file", "--batch", NULL };
	struct git_run r;
	struct buf req = BUF_INIT, prefix = BUF_INIT;
	int shallow = 0, rc = 1;

	if (git_where(c, orig, digest, snap, &shallow, &prefix, diags) ||
	    git_versions(c, orig, digest, snap, prefix.buf, &req, diags))
		goto out;
	if (!req.len) {
		if (diags)
			diag(diags, R_BASE_TEXT, orig->path, 0, 0, NULL,
			     "base text '%s' unavailable: no snapshot '%s', and the file has no %sgit history",
			     digest, snap, shallow ? "(shallow) " : "");
		goto out;
	}
	run_git(&r, c->root_abs, args, req.buf, req.len);
	rc = git_pick_version(&r.out, digest, out);
	if (rc == 1 && r.status != 0 && diags)
		diag(diags, R_BASE_TEXT, orig->path, 0, 0, NULL,
		     "base text '%s' unavailable: no snapshot '%s', and the git history cannot be read (%s)",
		     digest, snap, first_line(&r.err));
	else if (rc == 1 && diags)
		diag(diags, R_BASE_TEXT, orig->path, 0, 0, NULL,
		     "base text '%s' unavailable: no snapshot '%s', and no version in the %s git history has that digest",
		     digest, snap, shallow ? "shallow (cut short)" : "file's");
	git_release(&r);
out:
	buf_release(&req);
	buf_release(&prefix);
	return rc;
}

/* ---- the snapshot ------------------------------------------------------------ */

/*
 * Is text the original's, with that digest?  0 yes; else -1 with a
 * positioned base-text diagnostic.
 */
static int snapshot_check(const char *text, size_t len, const char *path,
			  const struct article_meta *orig, const char *digest,
			  struct diag_list *diags)
{
	struct article a;
	struct diag_list inner = DIAG_LIST_INIT;
	char d[17];
	int rc = -1;

	article_init(&a, path);
	if (article_load_mem(&a, text, len, &inner) < 0) {
		const struct diag *first = inner.n ? &inner.v[0] : NULL;

		if (diags)
			diag(diags, R_BASE_TEXT, path, first ? first->line : 0,
			     first ? first->col : 0, NULL,
			     "corrupt snapshot, not used: %s",
			     first ? first->message : "not an article");
		goto out;
	}
	{
		const struct ynode *id = ymap_get(a.fm.root, "id");
		const struct ynode *lang = ymap_get(a.fm.root, "lang");
		const char *ids = ynode_scalar(id), *langs = ynode_scalar(lang);

		if (!ids || !orig->id || strcmp(ids, orig->id)) {
			if (diags)
				diag(diags, R_BASE_TEXT, path, id ? id->line : 1,
				     id ? id->col : 1, "/id",
				     "snapshot of another article, not used: id '%s', not '%s'",
				     ids ? ids : "", orig->id ? orig->id : "");
			goto out;
		}
		if (!langs || !orig->lang || strcmp(langs, orig->lang)) {
			if (diags)
				diag(diags, R_BASE_TEXT, path, lang ? lang->line : 1,
				     lang ? lang->col : 1, "/lang",
				     "snapshot in another language, not used: lang '%s', not '%s'",
				     langs ? langs : "", orig->lang ? orig->lang : "");
			goto out;
		}
	}
	blocks_digest_article(&a, d);
	if (strcmp(d, digest)) {
		if (diags)
			diag(diags, R_BASE_TEXT, path, 1, 1, NULL,
			     "snapshot's text has digest '%s', not '%s' (edited since it was saved?), not used",
			     d, digest);
		goto out;
	}
	rc = 0;
out:
	article_release(&a);
	diag_list_release(&inner);
	return rc;
}

int snapshot_find(const struct corpus *c, const struct article_meta *original,
		  const char *digest, struct buf *out, struct diag_list *diags)
{
	struct buf rel = BUF_INIT;
	char *path;
	enum buf_read_result r;
	int rc = 1;

	if (!original->id || !original->lang || !original->relpath)
		return 1;
	snapshot_relpath(&rel, original->id, original->lang, digest);
	path = corpus_path(c, rel.buf);
	buf_reset(out);
	r = buf_read_file(out, path, ARTICLE_MAX_SIZE);
	if (r == BUF_READ_OK) {
		if (snapshot_check(out->buf, out->len, path, original, digest, diags) == 0) {
			rc = 0;
			goto done;
		}
	} else if (r == BUF_READ_TOO_BIG) {
		if (diags)
			diag(diags, R_BASE_TEXT, path, 0, 0, NULL,
			     "snapshot larger than 4 MiB, not read");
	} else if (r == BUF_READ_NOT_FILE) {
		if (diags)
			diag(diags, R_BASE_TEXT, path, 0, 0, NULL,
			     "snapshot is not a regular file, not read");
	} else if (errno != ENOENT && errno != ENOTDIR) {
		if (diags)
			diag(diags, R_BASE_TEXT, path, 0, 0, NULL,
			     "cannot read snapshot: %s", errmsg(errno));
	}
	buf_reset(out);
	rc = from_git(c, original, digest, out, path, diags);
done:
	free(path);
	buf_release(&rel);
	return rc;
}

/* mkdir -p of the directories of rel under the root. */
static int make_dirs(const struct corpus *c, const char *rel)
{
	struct buf b = BUF_INIT;
	const char *p;
	int rc = 0;

	for (p = strchr(rel, '/'); p; p = strchr(p + 1, '/')) {
		char *path;

		buf_reset(&b);
		buf_add(&b, rel, (size_t)(p - rel));
		path = corpus_path(c, b.buf);
		if (mkdir(path, 0777) < 0 && errno != EEXIST)
			rc = -1;
		free(path);
		if (rc)
			break;
	}
	buf_release(&b);
	return rc;
}

int snapshot_save(const struct corpus *c, const char *id, const char *lang,
		  const char *digest, const char *text, size_t len)
{
	struct buf rel = BUF_INIT;
	char *path = NULL;
	struct stat st;
	int rc;

	snapshot_relpath(&rel, id, lang, digest);
	path = corpus_path(c, rel.buf);
	if (lstat(path, &st) == 0) {
		struct buf was = BUF_INIT;
		char d[17];
		int good = S_ISREG(st.st_mode) &&
			   buf_read_file(&was, path, ARTICLE_MAX_SIZE) == BUF_READ_OK &&
			   blocks_digest_file(was.buf, was.len, d) == 0 &&
			   !strcmp(d, digest);

		buf_release(&was);
		if (good) {
			rc = 1;
			goto out;
		}
		rc = atomic_write(path, text, len, ATOMIC_UMASK, 1) < 0 ? -1 : 2;
		goto out;
	}
	rc = make_dirs(c, rel.buf);
	if (rc == 0)
		rc = atomic_write(path, text, len, ATOMIC_UMASK, 1);
out:
	free(path);
	buf_release(&rel);
	return rc;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int snapshot_prune(const struct corpus *c, const char *id,
		   const char *const *keep, size_t n, struct buf *removed)
{
	struct buf rel = BUF_INIT;
	char *dir, **names = NULL;
	size_t nn = 0, alloc = 0, i, j;
	DIR *d;
	struct dirent *e;
	int count = 0;

	buf_addf(&rel, "_base/%s", id);
	dir = corpus_path(c, rel.buf);
	d = opendir(dir);
	if (!d) {
		int err = errno;

		free(dir);
		buf_release(&rel);
		errno = err;
		return err == ENOENT ? 0 : -1;
	}
	while ((e = readdir(d)) != NULL) {
		GROW(names, alloc, nn + 1);
		names[nn++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, nn, sizeof(*names), cmp_name);
	for (i = 0; i < nn; i++) {
		const char *name = names[i], *dot;
		size_t len = strlen(name);
		int named = 0;

		/* "<lang>.<16 hex>.md" */
		if (len < 21 || strcmp(name + len - 3, ".md"))
			continue;
		dot = name + len - 20;
		if (dot[0] != '.' || dot == name)
			continue;
		for (j = 0; j < 16; j++)
			if (!strchr("0123456789abcdef", dot[1 + j]))
				break;
		if (j < 16)
			continue;
		for (j = 0; j < n; j++)
			if (keep[j] && !strncmp(dot + 1, keep[j], 16))
				named = 1;
		if (!named) {
			char *path;

			buf_reset(&rel);
			buf_addf(&rel, "_base/%s/%s", id, name);
			path = corpus_path(c, rel.buf);
			if (unlink(path) == 0) {
				count++;
				if (removed)
					buf_addf(removed, "%s\n", path);
			}
			free(path);
		}
	}
	for (i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	free(dir);
	buf_release(&rel);
	return count;
}
