/*
 * corpus.c - find the corpus, list and index articles (config.c reads
 * folio.yaml).
 */
#include "corpus.h"
#include "arena.h"
#include "blocks.h"
#include "buf.h"
#include "embed.h"
#include "markdown.h"
#include "pool.h"
#include "readability.h"
#include "schema.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>


static int exists(const char *dir, const char *name)
{
	struct buf b = BUF_INIT;
	struct stat st;
	int r;

	buf_addf(&b, "%s/%s", dir, name);
	r = stat(b.buf, &st) == 0 && S_ISREG(st.st_mode);
	buf_release(&b);
	return r;
}

/* Relative path from directory `from` to `to`, both absolute. */
static char *relative(const char *from, const char *to)
{
	struct buf b = BUF_INIT;
	size_t i = 0, common = 0;

	while (from[i] && from[i] == to[i]) {
		if (from[i] == '/')
			common = i;
		i++;
	}
	if (!from[i] && (to[i] == '/' || !to[i]))
		common = i;
	else if (!to[i] && from[i] == '/')
		common = i;
	if (strcmp(from, "/") == 0)
		common = 0;
	for (i = common; from[i]; i++)
		if (from[i] == '/' && from[i + 1])
			buf_adds(&b, b.len ? "/.." : "..");
	if (to[common] == '/' && to[common + 1]) {
		if (b.len)
			buf_addc(&b, '/');
		buf_adds(&b, to + common + 1);
	}
	if (!b.len)
		buf_addc(&b, '.');
	return buf_detach(&b, NULL);
}

char *corpus_path(const struct corpus *c, const char *relpath)
{
	struct buf b = BUF_INIT;
	char *r;

	if (c->prefix) {
		buf_adds(&b, c->prefix);
		buf_adds(&b, relpath);
		return buf_detach(&b, NULL);
	}
	/* the shortest path from the cwd: "fr.md" inside the article's dir */
	buf_addf(&b, "%s/%s", c->root_abs, relpath);
	r = relative(c->cwd_abs, b.buf);
	buf_release(&b);
	return r;
}

static int find_root(struct corpus *c, const char *start, struct diag_list *d)
{
	char cwd[PATH_MAX], dir[PATH_MAX];
	struct stat st;
	size_t n;

	if (!getcwd(cwd, sizeof(cwd)))
		return diag(d, R_CONFIG, NULL, 0, 0, NULL,
			    "cannot get the current directory: %s", errmsg(errno));
	if (start && stat(start, &st) == 0 && !S_ISDIR(st.st_mode)) {
		/*
		 * A file: the corpus is around the directory that holds it
		 * as named, not around what a symbolic link points to.
		 */
		char *parent = xstrdup(start), *slash = strrchr(parent, '/');

		if (slash == parent)
			slash[1] = '\0';	/* "/name": the root */
		else if (slash)
			*slash = '\0';
		if (!realpath(slash ? parent : ".", dir)) {
			free(parent);
			return diag(d, R_IO, start, 0, 0, NULL, "cannot open: %s",
				    errmsg(errno));
		}
		free(parent);
	} else if (!realpath(start ? start : ".", dir)) {
		return diag(d, start ? R_IO : R_CONFIG, start, 0, 0, NULL,
			    "cannot open: %s", errmsg(errno));
	}
	for (;;) {
		char *slash;

		if (exists(dir, "folio.yaml"))
			break;
		slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			return diag(d, R_CONFIG, NULL, 0, 0, NULL,
				    "no folio.yaml in %s or any parent directory "
				    "(use -C DIR to name the corpus)",
				    start ? start : "the current directory");
		*slash = '\0';
	}
	c->root_abs = xstrdup(dir);
	c->cwd_abs = xstrdup(cwd);
	c->root = relative(cwd, dir);
	/* from a cwd not below the root, a file's path is the root's and
	 * its relpath (no ".." to cancel) */
	n = strlen(dir);
	if (strcmp(dir, "/") != 0 &&
	    (strncmp(cwd, dir, n) != 0 || cwd[n] != '/')) {
		struct buf b = BUF_INIT;

		if (strcmp(c->root, ".") != 0) {
			buf_adds(&b, c->root);
			buf_addc(&b, '/');
		}
		c->prefix = buf_detach(&b, NULL);
	}
	return 0;
}

static int load_schemas(struct corpus *c, struct diag_list *d)
{
	const char *text;
	size_t len;

	if (c->cfg.schema) {
		c->article_schema = schema_load_file(c->cfg.schema, d);
	} else {
		text = embed_find("schemas/article.schema.yaml", &len);
		c->article_schema = schema_load_mem("schemas/article.schema.yaml",
						    text, len, d);
	}
	text = embed_find("schemas/strings.schema.yaml", &len);
	c->strings_schema = schema_load_mem("schemas/strings.schema.yaml",
					    text, len, d);
	return c->article_schema && c->strings_schema ? 0 : -1;
}

/* What the walk of one directory found. */
struct scan {
	const struct corpus *c;
	struct diag_list d;
	char **rel;		/* the articles' paths below the root; owned */
	char **path;		/* the same as reported (corpus_path); owned */
	size_t n, alloc;
	char **sub;		/* the top level's directories, or NULL */
	size_t nsub, asub;
	char **odd;		/* c->odd's, found here; owned */
	size_t nodd, aodd;
	int depth;
};

static int is_md(const char *name)
{
	size_t n = strlen(name);

	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/*
 * Would its author take this file for an article?  Only "*.md" is one:
 * "en.MD" or "fr.markdown" (a Windows editor's choice) is not read.
 */
static int odd_md(const char *name)
{
	size_t n = strlen(name);

	if (n > 3 && !strcasecmp(name + n - 3, ".md"))
		return strcmp(name + n - 3, ".md") != 0;
	return n > 9 && !strcasecmp(name + n - 9, ".markdown");
}

static void add_rel(char ***v, size_t *n, size_t *alloc, const char *rel)
{
	GROW(*v, *alloc, *n + 1);
	(*v)[(*n)++] = xstrdup(rel);
}

/*
 * Walk the tree below the root.  Directories starting with '_' or '.'
 * are skipped; symbolic links to directories are not followed (no loops);
 * anything named *.md is an article, and when it is not a readable
 * regular file the reading reports it.  With s->sub, the directories
 * found are listed there instead of walked (the top level).
 */
static void scan_dir(struct scan *s, const char *rel)
{
	struct buf path = BUF_INIT, child = BUF_INIT;
	DIR *dir;
	struct dirent *e;

	if (s->depth > 64)
		return;
	buf_adds(&path, s->c->root_abs);
	if (*rel) {
		buf_addc(&path, '/');
		buf_adds(&path, rel);
	}
	dir = opendir(path.buf);
	if (!dir) {
		char *p = corpus_path(s->c, *rel ? rel : ".");

		diag(&s->d, R_IO, p, 0, 0, NULL, "cannot list directory: %s",
		     errmsg(errno));
		free(p);
		goto out;
	}
	while ((e = readdir(dir)) != NULL) {
		struct stat st;

		if (e->d_name[0] == '.' || e->d_name[0] == '_')
			continue;
		buf_reset(&child);
		if (*rel) {
			buf_adds(&child, rel);
			buf_addc(&child, '/');
		}
		buf_adds(&child, e->d_name);
		buf_reset(&path);
		buf_adds(&path, s->c->root_abs);
		buf_addc(&path, '/');
		buf_add(&path, child.buf, child.len);
		/* a directory named *.md is reported (reading it says what it
		 * is) and searched like any other */
		if (is_md(e->d_name))
			add_rel(&s->rel, &s->n, &s->alloc, child.buf);
		/* d_type spares a stat per file; some file systems leave it
		 * DT_UNKNOWN, and then lstat says (links are not followed) */
		if (e->d_type == DT_DIR ||
		    (e->d_type == DT_UNKNOWN && lstat(path.buf, &st) == 0 &&
		     S_ISDIR(st.st_mode))) {
			if (s->sub) {
				add_rel(&s->sub, &s->nsub, &s->asub, child.buf);
				continue;
			}
			s->depth++;
			scan_dir(s, child.buf);
			s->depth--;
		} else if (odd_md(e->d_name)) {
			add_rel(&s->odd, &s->nodd, &s->aodd, child.buf);
		}
	}
	closedir(dir);
out:
	buf_release(&path);
	buf_release(&child);
}

static int cmp_rel(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort what s found by path, and name each file as reported. */
static void scan_sort(struct scan *s)
{
	size_t i;

	if (s->n > 1)
		qsort(s->rel, s->n, sizeof(*s->rel), cmp_rel);
	s->path = xcalloc(s->n + 1, sizeof(*s->path));
	for (i = 0; i < s->n; i++) {
		size_t plen, rlen;
		char *p;

		if (!s->c->prefix) {
			s->path[i] = corpus_path(s->c, s->rel[i]);
			continue;
		}
		/* the path is prefix + relpath: one block holds both */
		plen = strlen(s->c->prefix);
		rlen = strlen(s->rel[i]);
		p = xmalloc(plen + rlen + 1);
		memcpy(p, s->c->prefix, plen);
		memcpy(p + plen, s->rel[i], rlen + 1);
		free(s->rel[i]);
		s->path[i] = p;
		s->rel[i] = p + plen;
	}
}

/* pool_fn: the walk below the top level's directory i, sorted. */
static void scan_job(void *ctx, size_t i, int worker)
{
	struct scan *top = ctx, *s = &top[i + 1];

	(void)worker;
	s->c = top->c;
	s->depth = 1;
	scan_dir(s, top->sub[i]);
	scan_sort(s);
}

/*
 * Where the files the walk of the top level's directory i found (i < 0:
 * its files, -i - 1 the file) go among the others: every path below
 * directory "d" starts with "d/", and no other entry of the top level
 * starts with that, so sorting the entries by "d/" for a directory and
 * by name for a file, then taking each one's files in their own order,
 * sorts them all by path.
 */
struct top_entry {
	char *key;		/* owned */
	long i;
};

static int cmp_top(const void *a, const void *b)
{
	return strcmp(((const struct top_entry *)a)->key,
		      ((const struct top_entry *)b)->key);
}

/*
 * The article files of the corpus into c->articles, sorted by path.  The
 * directories of the top level are walked by c->jobs workers (a corpus
 * keeps an article's languages in a directory of its own); what each
 * found is taken in their order.
 */
static void scan_corpus(struct corpus *c, struct diag_list *d)
{
	struct scan *s;
	struct top_entry *top;
	size_t i, k, n, ntop = 0, total, aodd = 0;

	s = xcalloc(1, sizeof(*s));
	s->c = c;
	s->sub = xcalloc(1, sizeof(*s->sub));
	scan_dir(s, "");
	n = s->nsub;
	s = xrealloc(s, (n + 1) * sizeof(*s));
	memset(s + 1, 0, n * sizeof(*s));
	pool_run(c->jobs, n, scan_job, s);
	scan_sort(&s[0]);

	/* the entries of the top level in order, then their files */
	top = xcalloc(s[0].n + n + 1, sizeof(*top));
	total = s[0].n;
	for (i = 0; i < s[0].n; i++) {
		top[ntop].key = xstrdup(s[0].rel[i]);
		top[ntop++].i = -(long)i - 1;
	}
	for (k = 0; k < n; k++) {
		struct buf key = BUF_INIT;

		buf_adds(&key, s->sub[k]);
		buf_addc(&key, '/');
		top[ntop].key = buf_detach(&key, NULL);
		top[ntop++].i = (long)k;
		total += s[k + 1].n;
	}
	qsort(top, ntop, sizeof(*top), cmp_top);
	/* the index lives all run long: no room to spare */
	c->articles = xcalloc(total ? total : 1, sizeof(*c->articles));
	for (k = 0; k < ntop; k++) {
		struct scan *from = top[k].i < 0 ? &s[0] : &s[top[k].i + 1];
		size_t first = top[k].i < 0 ? (size_t)(-top[k].i - 1) : 0;
		size_t end = top[k].i < 0 ? first + 1 : from->n;

		for (i = first; i < end; i++) {
			struct article_meta *m = &c->articles[c->n++];

			m->relpath = from->rel[i];
			m->path = from->path[i];
		}
		free(top[k].key);
	}
	free(top);
	for (k = 0; k <= n; k++) {
		for (i = 0; i < s[k].nodd; i++) {
			GROW(c->odd, aodd, c->nodd + 1);
			c->odd[c->nodd++] = s[k].odd[i];
		}
		free(s[k].odd);
		free(s[k].rel);
		free(s[k].path);
		diag_list_append(d, &s[k].d);
		diag_list_release(&s[k].d);
	}
	for (i = 0; i < n; i++)
		free(s->sub[i]);
	free(s->sub);
	free(s);
	if (c->nodd > 1)
		qsort(c->odd, c->nodd, sizeof(*c->odd), cmp_rel);
}

int corpus_open(struct corpus *c, const char *start, int jobs,
		struct diag_list *d)
{
	memset(c, 0, sizeof(*c));
	c->jobs = pool_jobs(jobs);
	if (find_root(c, start, d) < 0 || config_load(c, d) < 0 ||
	    load_schemas(c, d) < 0)
		return -1;
	memcpy(d->ignored, c->cfg.ignore, sizeof(d->ignored));
	scan_corpus(c, d);
	c->selected = xmalloc(c->n ? c->n : 1);
	memset(c->selected, 1, c->n ? c->n : 1);
	return 0;
}

int corpus_select(struct corpus *c, const char **paths, int npaths,
		  struct diag_list *d)
{
	char abs[PATH_MAX];
	size_t i, rootlen = strlen(c->root_abs);
	int k, ret = 0;

	if (!npaths)
		return 0;
	memset(c->selected, 0, c->n ? c->n : 1);
	for (k = 0; k < npaths; k++) {
		const char *rel;
		size_t len;

		if (!realpath(paths[k], abs)) {
			ret = diag(d, R_IO, paths[k], 0, 0, NULL, "cannot open: %s",
				   errmsg(errno));
			continue;
		}
		if (strncmp(abs, c->root_abs, rootlen) != 0 ||
		    (abs[rootlen] && abs[rootlen] != '/')) {
			ret = diag(d, R_IO, paths[k], 0, 0, NULL,
				   "not inside the corpus at '%s'", c->root);
			continue;
		}
		rel = abs[rootlen] ? abs + rootlen + 1 : "";
		len = strlen(rel);
		for (i = 0; i < c->n; i++) {
			const char *r = c->articles[i].relpath;

			if (!len || (strncmp(r, rel, len) == 0 &&
				     (r[len] == '\0' || r[len] == '/')))
				c->selected[i] = 1;
		}
	}
	return ret;
}

static void build_lookup(struct corpus *c);
static const struct id_group *find_group(const struct corpus *c, const char *id);

/*
 * What a worker keeps from one file to the next: the room of the text it
 * read and of the tree it parsed, both dead once the file is indexed.
 */
struct index_keep {
	struct buf text;
	struct arena tree;
	struct diag_list d;	/* the reports of the file being read */
};

/*
 * INDEX_DIGEST_BASED in the index: an original's digest is wanted when a
 * translation of its id has a base, and the translations of an id are in
 * its directory (else see digest_based()).  Each original's digest input
 * is held (a copy) until every file of its directory is indexed, then
 * hashed when one of them was a translation with a base, or dropped.  An
 * original read after such a translation is hashed at once.
 */
struct held_input {
	struct held_input *next;
	size_t i;		/* the article */
	struct buf in;		/* blocks_digest_input() */
};

struct digest_dirs {
	size_t *dir_of;		/* [n]: the directory of article i */
	size_t ndirs;
	atomic_size_t *left;	/* [ndirs]: its files not yet indexed */
	atomic_int *based;	/* [ndirs]: one is a translation with a base */
	/* [ndirs]: its originals' inputs until then, pushed by any worker */
	_Atomic(struct held_input *) *held;
	unsigned char *tried;	/* [n]: its digest taken, or its file unusable */
};

struct index_job {
	struct corpus *c;
	int flags;
	/* per file: its reports, NULL when there is none (most files) */
	struct diag_list **lists;
	struct index_keep *keep;	/* one per worker */
	/* INDEX_KEEP: how many more files may be left open (meta->fd) */
	atomic_long fds;
	struct digest_dirs *dd;	/* INDEX_DIGEST_BASED, else NULL */
};

static size_t words_of(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; s && *s; s++) {
		int space = *s == ' ' || *s == '\t' || *s == '\n';

		if (!space && !in)
			n++;
		in = !space;
	}
	return n;
}

size_t corpus_rel_dir_len(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash ? (size_t)(slash - rel) : 0;
}

struct dir_key {
	const char *rel;
	size_t len, i;
};

static int cmp_dir_key(const void *pa, const void *pb)
{
	const struct dir_key *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int r = memcmp(a->rel, b->rel, n);

	if (r)
		return r;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

size_t corpus_dirs(const struct corpus *c, size_t *dir_of, size_t *order,
		   size_t *dir_start)
{
	struct dir_key *keys = xcalloc(c->n + 1, sizeof(*keys));
	size_t i, ndirs = 0;

	for (i = 0; i < c->n; i++) {
		keys[i].rel = c->articles[i].relpath;
		keys[i].len = corpus_rel_dir_len(keys[i].rel);
		keys[i].i = i;
	}
	qsort(keys, c->n, sizeof(*keys), cmp_dir_key);
	for (i = 0; i < c->n; i++) {
		if (i == 0 || keys[i].len != keys[i - 1].len ||
		    memcmp(keys[i].rel, keys[i - 1].rel, keys[i].len)) {
			if (dir_start)
				dir_start[ndirs] = i;
			ndirs++;
		}
		if (order)
			order[i] = keys[i].i;
		dir_of[keys[i].i] = ndirs - 1;
	}
	if (dir_start)
		dir_start[ndirs] = c->n;
	free(keys);
	return ndirs;
}

static struct digest_dirs *digest_dirs_new(const struct corpus *c)
{
	struct digest_dirs *dd = xcalloc(1, sizeof(*dd));
	size_t i, k;

	dd->dir_of = xcalloc(c->n + 1, sizeof(*dd->dir_of));
	dd->ndirs = corpus_dirs(c, dd->dir_of, NULL, NULL);
	dd->left = xcalloc(dd->ndirs + 1, sizeof(*dd->left));
	dd->based = xcalloc(dd->ndirs + 1, sizeof(*dd->based));
	dd->held = xcalloc(dd->ndirs + 1, sizeof(*dd->held));
	for (k = 0; k < dd->ndirs; k++) {
		atomic_init(&dd->left[k], 0);
		atomic_init(&dd->based[k], 0);
		atomic_init(&dd->held[k], NULL);
	}
	for (i = 0; i < c->n; i++)
		atomic_fetch_add(&dd->left[dd->dir_of[i]], 1);
	dd->tried = xcalloc(c->n + 1, 1);
	return dd;
}

static void held_free(struct held_input *h)
{
	while (h) {
		struct held_input *next = h->next;

		buf_release(&h->in);
		free(h);
		h = next;
	}
}

static void digest_dirs_free(struct digest_dirs *dd)
{
	size_t k;

	if (!dd)
		return;
	for (k = 0; k < dd->ndirs; k++)
		held_free(atomic_load(&dd->held[k]));
	free(dd->dir_of);
	free(dd->left);
	free(dd->based);
	free(dd->held);
	free(dd->tried);
	free(dd);
}

/* Article i was read (rc: article_load's answer) and its meta filled. */
static void digest_seen(struct digest_dirs *dd, struct article_meta *m,
			size_t i, int rc, const struct article *a)
{
	size_t k = dd->dir_of[i];
	struct held_input *h;

	if (rc != 0) {
		dd->tried[i] = 1;
	} else if (m->translated) {
		if (m->tf_base[0])
			atomic_store(&dd->based[k], 1);
	} else if (atomic_load(&dd->based[k])) {
		blocks_digest_article(a, m->digest);
		dd->tried[i] = 1;
	} else {
		h = xmalloc(sizeof(*h));
		h->i = i;
		buf_init(&h->in);
		blocks_digest_input(&h->in, a);
		h->next = atomic_load(&dd->held[k]);
		while (!atomic_compare_exchange_weak(&dd->held[k], &h->next, h))
			;
	}
}

/* Article i is indexed: the last of its directory settles the digests held. */
static void digest_left(struct digest_dirs *dd, struct corpus *c, size_t i)
{
	size_t k = dd->dir_of[i];
	struct held_input *h;

	if (atomic_fetch_sub(&dd->left[k], 1) != 1)
		return;
	h = atomic_exchange(&dd->held[k], NULL);
	if (atomic_load(&dd->based[k])) {
		struct held_input *p;

		for (p = h; p; p = p->next) {
			blocks_digest_of_input(p->in.buf, p->in.len,
					       c->articles[p->i].digest);
			dd->tried[p->i] = 1;
		}
	}
	held_free(h);
}

/*
 * What folio itself reads of every article, which the schema folio.yaml
 * names may leave out (SPEC 2.1 lets it replace the built-in one, whose
 * own rules say the same): without an id, a lang or a date for updated,
 * or with a translated_from that gives no language or date, an article
 * would otherwise be left out of every check, report and page silently.
 */
static void folio_required(const struct article_meta *m, const struct article *a,
			   struct diag_list *d)
{
	const struct ynode *root = a->fm.root;
	unsigned line = root ? root->line : 1, col = root ? root->col : 1;

	if (!m->id)
		diag(d, R_SCHEMA, m->path, line, col, "/id", "'id' is missing or not "
		     "a string: folio knows an article by it, whatever the schema "
		     "of folio.yaml allows");
	if (!m->lang)
		diag(d, R_SCHEMA, m->path, line, col, "/lang", "'lang' is missing or "
		     "not a string: folio knows an article by it, whatever the "
		     "schema of folio.yaml allows");
	if (!m->updated.y)
		diag(d, R_SCHEMA, m->path, m->updated_pos.line ? m->updated_pos.line : line,
		     m->updated_pos.line ? m->updated_pos.col : col, "/updated",
		     "'updated' is missing or not a date YYYY-MM or YYYY-MM-DD: "
		     "folio dates the article by it, whatever the schema of "
		     "folio.yaml allows");
	if (m->translated && (!m->tf_lang || !m->tf_updated.y))
		diag(d, R_TRANSLATION_SOURCE, m->path,
		     m->tf_pos.line ? m->tf_pos.line : line,
		     m->tf_pos.line ? m->tf_pos.col : col, "/translated_from",
		     "'translated_from' must give the original's 'lang' and the date "
		     "'updated' it renders");
}

static void index_one(void *ctx, size_t i, int worker)
{
	struct index_job *job = ctx;
	struct corpus *c = job->c;
	struct article_meta *m = &c->articles[i];
	struct index_keep *k = &job->keep[worker];
	struct diag_list *d = &k->d;
	struct article a;
	struct block_list *bl = NULL;
	int rc;

	memcpy(d->ignored, c->cfg.ignore, sizeof(d->ignored));
	article_init(&a, m->path);
	/* the worker's room, lent: given back below, emptied */
	a.text = k->text;
	a.fm.arena = k->tree;
	if ((job->flags & INDEX_KEEP) && atomic_fetch_sub(&job->fds, 1) > 0) {
		rc = article_load_keep(&a, m->path, &m->fd, d);
		m->fd_kept = m->fd >= 0;
	} else {
		rc = article_load(&a, m->path, d);
	}
	if (rc == 0) {
		if (!(job->flags & INDEX_NO_SCHEMA))
			schema_validate(c->article_schema, a.fm.root, m->path, d);
		article_meta_fill(m, &a, c->stores[worker]);
		if (c->cfg.schema && !(job->flags & INDEX_NO_SCHEMA) && m->usable)
			folio_required(m, &a, d);
		if (m->tf_base_bad)
			diag(d, R_SCHEMA, m->path, m->tf_base_pos.line,
			     m->tf_base_pos.col, "/translated_from/base",
			     "'base' must be 16 hexadecimal digits, got '%s'",
			     ynode_scalar(ymap_get(ymap_get(a.fm.root, "translated_from"), "base")) ?
			     ynode_scalar(ymap_get(ymap_get(a.fm.root, "translated_from"), "base")) : "");
		if ((job->flags & INDEX_DIGEST) && !m->translated)
			blocks_digest_article(&a, m->digest);
		else if (job->dd)
			digest_seen(job->dd, m, i, rc, &a);
		if (job->flags & INDEX_KEEP)
			m->keep = article_keep_of(c->stores[worker], a.fm.root);
		if (c->fm_where)
			blocks_fm_where(&c->fm_where[i], &a, m->title, m->summary);
		if ((job->flags & INDEX_BODY) && c->blocks_for &&
		    (bl = c->blocks_for(c->index_ctx, i)) != NULL &&
		    blocks_of_frontmatter(bl, &a) < 0)
			bl = NULL;
	}
	if ((job->flags & INDEX_BODY) && a.body) {
		struct md_src src;
		struct md_check *chk;

		md_src_init(&src, a.body, a.body_len, a.body_line);
		chk = md_check_new(&src, m->path, m, d);
		md_check_words(chk, (job->flags & INDEX_WORDS) &&
			       !((job->flags & INDEX_ORIGINAL_WORDS) && m->translated));
		md_check_fragments(chk, !(job->flags & INDEX_NO_FRAGMENTS));
		md_check_links(chk, !(job->flags & INDEX_NO_LINKS));
		md_check_ids(chk, !(job->flags & INDEX_NO_LINKS));
		if (c->body_walk) {
			struct blocks_walk *bw = NULL;

			/* the blocks cut in the walk's own parse */
			if (bl) {
				bw = blocks_walk_new(bl, &src, a.body, a.body_len);
				md_check_also(chk, blocks_walk_parser(),
					      blocks_walk_data(bw));
			}
			c->body_walk(c->body_ctx, i, worker, &a, &src, chk, d);
			if (bw)
				blocks_walk_end(bw);
		} else if (bl) {
			struct blocks_walk *bw = blocks_walk_new(bl, &src, a.body, a.body_len);

			md_run_with_check(chk, blocks_walk_parser(), blocks_walk_data(bw));
			blocks_walk_end(bw);
		} else {
			md_check_run(chk);
		}
		md_check_free(chk);
		md_src_release(&src);
		m->words += words_of(m->title) + words_of(m->summary);
		/* what the checks gathered, from blocks of their own to the store */
		article_meta_pack(m, c->stores[worker]);
	}
	m->errors = (unsigned)diag_count(d).errors;
	if (d->n) {	/* kept for the merge in path order; d starts anew */
		job->lists[i] = xmalloc(sizeof(*d));
		*job->lists[i] = *d;
		d->v = NULL;
		d->n = d->alloc = 0;
	}
	m->file_key = article_file_key(&a.id);	/* 0 unless read and valid UTF-8 */
	k->text = a.text;
	buf_reset(&k->text);
	k->tree = a.fm.arena;
	arena_reset(&k->tree);
	buf_init(&a.text);
	a.fm.arena = (struct arena)ARENA_INIT;
	a.fm.root = NULL;
	article_release(&a);
	if (job->dd) {
		if (rc != 0)
			digest_seen(job->dd, m, i, rc, NULL);
		/* before the hook: what it reads of the id is settled */
		digest_left(job->dd, c, i);
	}
	if (c->indexed)
		c->indexed(c->index_ctx, i, worker);
}

/*
 * How many article files an INDEX_KEEP index may leave open for the page
 * pass, which then reads them without looking their paths up again: as
 * many as there are when the limit on open files allows, beside those
 * the process has open already (inherited ones too), raising its soft
 * limit as far as the hard one, and never more than FD_KEEP_MAX; FD_SPARE
 * stay free for the rest of the run (directories, pages being written).
 * None when the open ones cannot be counted.
 */
#define FD_KEEP_MAX 16384
#define FD_SPARE 256

/* The descriptors the process has open, from /proc/self/fd, or -1. */
static long fds_open(void)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *e;
	long n = -1;	/* the listing's own */

	if (!dir)
		return -1;
	while ((e = readdir(dir)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(dir);
	return n;
}

static long fd_budget(size_t n)
{
	struct rlimit rl;
	int probe;
	long open_now = fds_open();
	rlim_t keep = (rlim_t)(n < FD_KEEP_MAX ? n : FD_KEEP_MAX), want;

	if (open_now < 0 || getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 0;
	want = keep + FD_SPARE + (rlim_t)open_now;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rlim_t old = rl.rlim_cur;

		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ?
			      want : rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			rl.rlim_cur = old;
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > want)
		rl.rlim_cur = want;
	if (rl.rlim_cur <= FD_SPARE + (rlim_t)open_now)
		return 0;
	/*
	 * Grow the table of descriptors to its size now, in one step: the
	 * workers share it, and a table shared by threads grows only after
	 * an RCU grace period, milliseconds each time it doubles.
	 */
	if ((probe = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		int top = fcntl(probe, F_DUPFD_CLOEXEC, (int)rl.rlim_cur - 1);

		if (top >= 0)
			close(top);
		close(probe);
	}
	return (long)(rl.rlim_cur - FD_SPARE - (rlim_t)open_now);
}

/*
 * INDEX_DIGEST_BASED: the digests of the originals whose id has a
 * translation with a base that the index did not take (a translation
 * outside its original's directory), read again after it; none is
 * needed for the others (a translation without a base goes by its
 * dates).
 */
struct digest_job {
	struct corpus *c;
	size_t *v;
};

static void digest_one(void *ctx, size_t i, int worker)
{
	struct digest_job *job = ctx;
	struct article_meta *m = &job->c->articles[job->v[i]];
	struct diag_list scratch = DIAG_LIST_INIT;
	struct article a;

	(void)worker;
	article_init(&a, m->path);
	if (article_load(&a, m->path, &scratch) == 0)
		blocks_digest_article(&a, m->digest);
	article_release(&a);
	diag_list_release(&scratch);
}

static void digest_based(struct corpus *c, const unsigned char *tried)
{
	struct digest_job job;
	unsigned char *want = xcalloc(c->n ? c->n : 1, 1);
	size_t i, k, n = 0;

	for (i = 0; i < c->n; i++) {
		const struct article_meta *m = &c->articles[i];
		const struct id_group *g;

		if (!m->translated || !m->tf_base[0] || !m->id ||
		    !(g = find_group(c, m->id)))
			continue;
		for (k = g->start; k < g->start + g->len; k++)
			if (!c->articles[c->by_id[k]].translated)
				want[c->by_id[k]] = 1;
	}
	job.c = c;
	job.v = xcalloc(c->n ? c->n : 1, sizeof(*job.v));
	for (i = 0; i < c->n; i++)
		if (want[i] && !tried[i])
			job.v[n++] = i;
	if (n)
		pool_run(c->jobs, n, digest_one, &job);
	free(job.v);
	free(want);
}

void corpus_index(struct corpus *c, int flags, struct diag_list *d)
{
	struct index_job job;
	size_t i;

	job.c = c;
	job.flags = flags;
	job.lists = xcalloc(c->n ? c->n : 1, sizeof(*job.lists));
	job.keep = xcalloc((size_t)c->jobs, sizeof(*job.keep));
	for (i = 0; i < (size_t)c->jobs; i++)
		buf_init(&job.keep[i].text);
	if (!c->stores) {
		c->nstores = (size_t)c->jobs;
		c->stores = xcalloc(c->nstores, sizeof(*c->stores));
		for (i = 0; i < c->nstores; i++)
			c->stores[i] = article_store_new();
	}
	atomic_init(&job.fds, flags & INDEX_KEEP ? fd_budget(c->n) : 0);
	job.dd = (flags & INDEX_DIGEST_BASED) && !(flags & INDEX_DIGEST) ?
		 digest_dirs_new(c) : NULL;
	if (flags & INDEX_FM_WHERE) {
		if (c->fm_where)
			for (i = 0; i < c->n; i++)
				blocks_fm_where_release(&c->fm_where[i]);
		free(c->fm_where);
		c->fm_where = xcalloc(c->n ? c->n : 1, sizeof(*c->fm_where));
	}
	pool_run(c->jobs, c->n, index_one, &job);
	for (i = 0; i < (size_t)c->jobs; i++) {
		buf_release(&job.keep[i].text);
		arena_release(&job.keep[i].tree);
		diag_list_release(&job.keep[i].d);
	}
	free(job.keep);
	/* diagnostics of unselected files are dropped: PATHs restrict */
	for (i = 0; i < c->n; i++) {
		if (!job.lists[i])
			continue;
		if (c->selected[i])
			diag_list_append(d, job.lists[i]);
		diag_list_release(job.lists[i]);
		free(job.lists[i]);
	}
	free(job.lists);
	build_lookup(c);
	if (job.dd)
		digest_based(c, job.dd->tried);
	digest_dirs_free(job.dd);
}

/* Sort order of the lookup: id, then lang. */
static int cmp_key(const struct article_meta *a, const char *id, const char *lang)
{
	int r = strcmp(a->id, id);

	if (r || !lang)
		return r;
	return strcmp(a->lang ? a->lang : "", lang);
}

/* The slot of id in c->groups: its group, or the empty slot it would take. */
static struct id_group *group_slot(const struct corpus *c, const char *id)
{
	size_t mask = c->groups_cap - 1, i;

	for (i = hash_mem(id, strlen(id)) & mask; c->groups[i].id;
	     i = (i + 1) & mask)
		if (strcmp(c->groups[i].id, id) == 0)
			break;
	return &c->groups[i];
}

long corpus_id_slot(const struct corpus *c, const char *id, size_t n)
{
	size_t mask = c->groups_cap - 1, i;

	if (!c->groups_cap)
		return -1;
	for (i = hash_mem(id, n) & mask; c->groups[i].id; i = (i + 1) & mask)
		if (memeq(id, n, c->groups[i].id))
			return (long)i;
	return -1;
}

/* The group of id, or NULL when no article has it. */
static const struct id_group *find_group(const struct corpus *c, const char *id)
{
	const struct id_group *g;

	if (!c->groups_cap)
		return NULL;
	g = group_slot(c, id);
	return g->id ? g : NULL;
}

/* An entry of a long run, sorted apart: by lang, then article order. */
struct run_key {
	const char *lang;
	size_t index;
};

static int cmp_run_key(const void *pa, const void *pb)
{
	const struct run_key *a = pa, *b = pb;
	int r = strcmp(a->lang, b->lang);

	return r ? r : (a->index > b->index) - (a->index < b->index);
}

static const char *lang_key(const struct corpus *c, size_t i)
{
	return c->articles[i].lang ? c->articles[i].lang : "";
}

/* Sort one id's run of c->by_id by lang; it holds the articles in order. */
static void sort_run(const struct corpus *c, size_t *v, size_t n)
{
	size_t i, k;

	if (n > 32) {	/* many files claim one id: not insertion sort */
		struct run_key *keys = xcalloc(n, sizeof(*keys));

		for (i = 0; i < n; i++) {
			keys[i].lang = lang_key(c, v[i]);
			keys[i].index = v[i];
		}
		qsort(keys, n, sizeof(*keys), cmp_run_key);
		for (i = 0; i < n; i++)
			v[i] = keys[i].index;
		free(keys);
		return;
	}
	/* stable: equal langs stay in article order */
	for (i = 1; i < n; i++) {
		size_t x = v[i];
		const char *l = lang_key(c, x);

		for (k = i; k > 0 && strcmp(lang_key(c, v[k - 1]), l) > 0; k--)
			v[k] = v[k - 1];
		v[k] = x;
	}
}

/*
 * The lookup: c->by_id holds each id's articles in one run, sorted by
 * lang and then in their order, and c->groups (a hash table) finds an
 * id's run.  The runs follow the order in which their ids first appear;
 * no lookup reads across two.  Linear in the articles, where a sort of
 * them all by id was not: it ran alone between the parallel passes.
 */
/*
 * How many distinct ids the n articles with one have: the table of ids
 * (and export's, slot for slot) is sized by them, not by the files, which
 * are six times as many in a corpus of six languages.
 */
static size_t count_ids(const struct corpus *c, size_t n)
{
	const char **seen;
	size_t cap, mask, i, k, count = 0;

	for (cap = 8; cap < 2 * n;)
		cap *= 2;
	mask = cap - 1;
	seen = xcalloc(cap, sizeof(*seen));
	for (i = 0; i < c->n; i++) {
		const char *id = c->articles[i].id;

		if (!id)
			continue;
		for (k = hash_mem(id, strlen(id)) & mask; seen[k]; k = (k + 1) & mask)
			if (seen[k] == id || strcmp(seen[k], id) == 0)
				break;
		if (!seen[k]) {
			seen[k] = id;
			count++;
		}
	}
	free(seen);
	return count;
}

static void build_lookup(struct corpus *c)
{
	size_t i, k, n = 0, ngroups = 0, at = 0;
	size_t *slot_of = xcalloc(c->n ? c->n : 1, sizeof(*slot_of));
	size_t *order, *next, nids;

	for (i = 0; i < c->n; i++)
		n += c->articles[i].id != NULL;
	nids = count_ids(c, n);
	free(c->groups);
	for (c->groups_cap = 8; c->groups_cap < 2 * nids;)
		c->groups_cap *= 2;
	c->groups = xcalloc(c->groups_cap, sizeof(*c->groups));
	order = xcalloc(nids ? nids : 1, sizeof(*order));
	for (i = 0; i < c->n; i++) {
		struct id_group *g;

		if (!c->articles[i].id)
			continue;
		g = group_slot(c, c->articles[i].id);
		if (!g->id) {
			g->id = c->articles[i].id;
			order[ngroups++] = (size_t)(g - c->groups);
		}
		g->len++;
		slot_of[i] = (size_t)(g - c->groups);
	}
	next = xcalloc(c->groups_cap, sizeof(*next));
	for (k = 0; k < ngroups; k++) {
		c->groups[order[k]].start = at;
		next[order[k]] = at;
		at += c->groups[order[k]].len;
	}
	free(c->by_id);
	c->by_id = xcalloc(n ? n : 1, sizeof(*c->by_id));
	c->nby_id = n;
	for (i = 0; i < c->n; i++)
		if (c->articles[i].id)
			c->by_id[next[slot_of[i]]++] = i;
	for (k = 0; k < ngroups; k++) {
		const struct id_group *g = &c->groups[order[k]];

		if (g->len > 1)
			sort_run(c, c->by_id + g->start, g->len);
	}
	free(next);
	free(order);
	free(slot_of);
}

/*
 * Where the lookup's entries of (id, lang) begin (of id, when lang is
 * NULL): the first of its id's group whose key is >= (id, lang); when
 * there is none, a position whose key is another id's, or c->nby_id.
 * Callers read on while the key is theirs.
 */
static size_t lower_bound(const struct corpus *c, const char *id, const char *lang)
{
	const struct id_group *g = find_group(c, id);
	size_t i;

	if (!g)
		return c->nby_id;
	for (i = g->start; lang && i < g->start + g->len; i++)
		if (cmp_key(&c->articles[c->by_id[i]], id, lang) >= 0)
			break;
	return lang ? i : g->start;
}

const struct article_meta *corpus_find(const struct corpus *c, const char *id,
				       const char *lang)
{
	size_t i = lower_bound(c, id, lang);

	if (i < c->nby_id && cmp_key(&c->articles[c->by_id[i]], id, lang) == 0)
		return &c->articles[c->by_id[i]];
	return NULL;
}

const struct article_meta *corpus_twin(const struct corpus *c,
				       const struct article_meta *m)
{
	size_t i;

	if (!m->id || !m->lang)
		return NULL;
	for (i = lower_bound(c, m->id, m->lang); i < c->nby_id; i++) {
		const struct article_meta *o = &c->articles[c->by_id[i]];

		if (cmp_key(o, m->id, m->lang) != 0)
			break;
		if (o != m)
			return o;
	}
	return NULL;
}

const struct article_meta *corpus_any(const struct corpus *c, const char *id)
{
	return corpus_find(c, id, NULL);
}

const struct article_meta *corpus_original(const struct corpus *c,
					   const char *id, size_t *count)
{
	const struct article_meta *found = NULL;
	const struct id_group *g = find_group(c, id);
	size_t i, k = 0;

	for (i = g ? g->start : 0; g && i < g->start + g->len; i++) {
		const struct article_meta *m = &c->articles[c->by_id[i]];

		if (!m->translated) {
			if (!found)
				found = m;
			k++;
		}
	}
	if (count)
		*count = k;
	return found;
}

int yaml_file_load(const char *path, int missing_ok, enum rule io_rule,
		   struct buf *text, struct ydoc *doc, struct diag_list *d)
{
	struct yaml_opts yo = { NULL, 0, 0 };

	yo.file = path;
	switch (buf_read_file(text, path, YAML_MAX_FILE)) {
	case BUF_READ_OK:
		break;
	case BUF_READ_TOO_BIG:
		diag(d, R_YAML_LIMITS, path, 0, 0, NULL,
		     "file larger than 4 MiB, not read");
		return -1;
	case BUF_READ_NOT_FILE:
		/* errno is not set: an ENOENT left by another read would hide it */
		diag(d, R_IO, path, 0, 0, NULL, "not a regular file");
		return -1;
	default:
		if (errno == ENOENT && missing_ok)
			return 1;
		diag(d, io_rule, path, 0, 0, NULL, "cannot read: %s", errmsg(errno));
		return -1;
	}
	if (utf8_check(text->buf, text->len, 1, path, d) < 0 ||
	    yaml_parse(doc, text->buf, text->len, &yo, d) < 0)
		return -1;
	return 0;
}

int catalog_load(const struct corpus *c, const char *lang, struct catalog *cat,
		 struct diag_list *d)
{
	struct buf rel = BUF_INIT, text = BUF_INIT;
	int ret;

	memset(cat, 0, sizeof(*cat));
	buf_addf(&rel, "_strings/%s.yaml", lang);
	cat->path = corpus_path(c, rel.buf);
	ret = yaml_file_load(cat->path, 1, R_IO, &text, &cat->doc, d);
	cat->exists = ret != 1;
	buf_release(&rel);
	buf_release(&text);
	return ret ? -1 : 0;
}

void catalog_release(struct catalog *cat)
{
	free(cat->path);
	ydoc_release(&cat->doc);
	memset(cat, 0, sizeof(*cat));
}

void corpus_release(struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		article_meta_release(&c->articles[i]);
	free(c->articles);
	for (i = 0; i < c->nodd; i++)
		free(c->odd[i]);
	free(c->odd);
	for (i = 0; i < c->nstores; i++)
		article_store_free(c->stores[i]);
	free(c->stores);
	free(c->selected);
	for (i = 0; c->fm_where && i < c->n; i++)
		blocks_fm_where_release(&c->fm_where[i]);
	free(c->fm_where);
	free(c->by_id);
	free(c->groups);
	for (i = 0; i < c->cfg.nlang; i++)
		free(c->cfg.languages[i]);
	free(c->cfg.languages);
	free(c->cfg.rtl);
	free(c->cfg.source_language);
	free(c->cfg.schema);
	free(c->cfg.base_url);
	for (i = 0; i < c->cfg.nignore_style; i++)
		free(c->cfg.ignore_style[i]);
	free(c->cfg.ignore_style);
	free(c->cfg.book_id);
	if (c->article_schema)
		schema_free(c->article_schema);
	if (c->strings_schema)
		schema_free(c->strings_schema);
	free(c->root);
	free(c->root_abs);
	free(c->cwd_abs);
	free(c->prefix);
	memset(c, 0, sizeof(*c));
}
