/*
 * export_manifest.c - the list of files an export wrote, and the removal
 * of those a later export no longer produces (export_manifest.h).
 */
#include "export_manifest.h"
#include "atomic.h"
#include "buf.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_MAX (64u << 20)

static const char header[] =
	"# folio export manifest: the files the last export of this format "
	"wrote here,\n# one a line, with a checksum (and the article of a page). "
	"The next export removes\n# those it no longer produces, and no other "
	"file. Written by folio; do not edit.\n";

void export_manifest_init(struct export_manifest *m)
{
	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
}

static void entries_free(struct manifest_entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].source);
	}
	free(v);
}

void export_manifest_release(struct export_manifest *m)
{
	entries_free(m->v, m->n);
	pthread_mutex_destroy(&m->lock);
	memset(m, 0, sizeof(*m));
}

/* Eight bytes as one little-endian word, whatever the machine's order:
 * compilers make this one load where the order is already right. */
static unsigned long long load_le64(const unsigned char *p)
{
	return (unsigned long long)p[0] | (unsigned long long)p[1] << 8 |
	       (unsigned long long)p[2] << 16 | (unsigned long long)p[3] << 24 |
	       (unsigned long long)p[4] << 32 | (unsigned long long)p[5] << 40 |
	       (unsigned long long)p[6] << 48 | (unsigned long long)p[7] << 56;
}

/*
 * A word at a time, multiplied and folded: it only has to tell whether a
 * file still holds the bytes folio wrote, and a byte at a time (FNV-1a)
 * was a tenth of an html export.  sum_words() takes whole words (n a
 * multiple of 8), sum_end() the last 0 to 7 bytes and the final mix.
 */
static unsigned long long sum_words(unsigned long long h,
				    const unsigned char *p, size_t n)
{
	size_t i = 0;

	/* four words a turn: the same sum, a third fewer instructions */
	for (; n - i >= 32; i += 32) {
		h ^= load_le64(p + i);
		h *= 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
		h ^= load_le64(p + i + 8);
		h *= 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
		h ^= load_le64(p + i + 16);
		h *= 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
		h ^= load_le64(p + i + 24);
		h *= 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	for (; i < n; i += 8) {
		h ^= load_le64(p + i);
		h *= 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	return h;
}

static unsigned long long sum_end(unsigned long long h,
				  const unsigned char *p, size_t n)
{
	unsigned long long w = 0;
	size_t k;

	for (k = 0; k < n; k++)
		w |= (unsigned long long)p[k] << (8 * k);
	h ^= w;
	h *= 0x9e3779b97f4a7c15ULL;
	h ^= h >> 32;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

unsigned long long manifest_sum(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t words = len & ~(size_t)7;

	return sum_end(sum_words(0xcbf29ce484222325ULL ^ len, p, words),
		       p + words, len - words);
}

int manifest_sum_fd(int fd, unsigned long long *sum)
{
	unsigned char chunk[65536];	/* a multiple of 8: whole words */
	unsigned long long h;
	uint64_t done = 0;
	struct stat st;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	h = 0xcbf29ce484222325ULL ^ (size_t)st.st_size;
	for (;;) {
		size_t n = 0;

		while (n < sizeof(chunk)) {
			ssize_t r = read(fd, chunk + n, sizeof(chunk) - n);

			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				return -1;
			if (r == 0)
				break;
			n += (size_t)r;
		}
		done += n;
		if (n < sizeof(chunk)) {
			/* the file is read whole only when it kept its size */
			if (done != (uint64_t)st.st_size)
				return -1;
			*sum = sum_end(sum_words(h, chunk, n & ~(size_t)7),
				       chunk + (n & ~(size_t)7), n & 7);
			return 0;
		}
		h = sum_words(h, chunk, n);
	}
}

static void note(struct export_manifest *m, const char *path,
		 const char *source, unsigned long long sum, int has_sum)
{
	pthread_mutex_lock(&m->lock);
	GROW(m->v, m->alloc, m->n + 1);
	m->v[m->n].path = xstrdup(path);
	m->v[m->n].source = source ? xstrdup(source) : NULL;
	m->v[m->n].sum = sum;
	m->v[m->n].has_sum = has_sum;
	m->n++;
	pthread_mutex_unlock(&m->lock);
}

void export_manifest_note(struct export_manifest *m, const char *path,
			  const char *source, const char *data, size_t len)
{
	/* outside the lock: the workers hash their pages in parallel */
	note(m, path, source, data ? manifest_sum(data, len) : 0, data != NULL);
}

void export_manifest_note_sum(struct export_manifest *m, const char *path,
			      const char *source, unsigned long long sum)
{
	note(m, path, source, sum, 1);
}

void export_manifest_forget(struct export_manifest *m, const char *path)
{
	size_t i, k = 0;

	pthread_mutex_lock(&m->lock);
	for (i = 0; i < m->n; i++) {
		if (!strcmp(m->v[i].path, path)) {
			free(m->v[i].path);
			free(m->v[i].source);
			continue;
		}
		m->v[k++] = m->v[i];
	}
	m->n = k;
	pthread_mutex_unlock(&m->lock);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct manifest_entry *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	/* an entry with a source first, so that dedup keeps it */
	if (c)
		return c;
	return (x->source == NULL) - (y->source == NULL);
}

/* Sort by path and merge repeats (a source and a checksum kept). */
static void sort_unique(struct manifest_entry *v, size_t *n)
{
	size_t i, k = 0;

	if (!*n)
		return;
	qsort(v, *n, sizeof(*v), cmp_entry);
	for (i = 0; i < *n; i++) {
		if (k && !strcmp(v[k - 1].path, v[i].path)) {
			if (!v[k - 1].has_sum && v[i].has_sum) {
				v[k - 1].sum = v[i].sum;
				v[k - 1].has_sum = 1;
			}
			free(v[i].path);
			free(v[i].source);
			continue;
		}
		v[k++] = v[i];
	}
	*n = k;
}

static const struct manifest_entry *find(const struct manifest_entry *v,
					 size_t n, const char *path)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, v[mid].path);

		if (!c)
			return &v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/*
 * Is path one this manifest may name: relative, every component a plain
 * name (no "", ".", ".."), no control character?  What else a hand or a
 * hostile process wrote there is ignored.
 */
static int path_ok(const char *p, size_t len)
{
	size_t i, start = 0;

	if (!len || p[0] == '/' || len >= 4096)
		return 0;
	for (i = 0; i <= len; i++) {
		if (i < len && (unsigned char)p[i] < 0x20)
			return 0;
		if (i < len && p[i] != '/')
			continue;
		if (i == start || (i - start == 1 && p[start] == '.') ||
		    (i - start == 2 && p[start] == '.' && p[start + 1] == '.'))
			return 0;
		start = i + 1;
	}
	return 1;
}

/* The entries of the last manifest, valid ones only; the text in text. */
static void read_old(const char *mpath, struct buf *text,
		     struct manifest_entry **v, size_t *n, size_t *alloc,
		     struct diag_list *d)
{
	struct stat st;
	size_t pos = 0;
	unsigned line = 0;

	if (lstat(mpath, &st) < 0)
		return;
	if (!S_ISREG(st.st_mode)) {
		diag(d, R_MANIFEST, mpath, 0, 0, NULL, "manifest is not a "
		     "regular file: ignored, nothing it names is removed");
		return;
	}
	if (buf_read_file(text, mpath, MANIFEST_MAX) != BUF_READ_OK) {
		diag(d, R_MANIFEST, mpath, 0, 0, NULL, "cannot read the "
		     "manifest: nothing it names is removed");
		buf_reset(text);
		return;
	}
	while (pos < text->len) {
		const char *s = text->buf + pos;
		const char *nl = memchr(s, '\n', text->len - pos);
		size_t len = nl ? (size_t)(nl - s) : text->len - pos;
		const char *tab = memchr(s, '\t', len), *src = NULL;
		size_t plen = tab ? (size_t)(tab - s) : len;
		unsigned long long sum = 0;
		int has_sum = 0;

		pos += len + (nl ? 1 : 0);
		line++;
		if (!len || s[0] == '#')
			continue;
		if (!path_ok(s, plen) || memchr(s, '\0', len)) {
			diag(d, R_MANIFEST, mpath, line, 1, NULL,
			     "manifest entry ignored: '%.*s' is not a path "
			     "inside the output directory", (int)(plen > 200 ?
			     200 : plen), s);
			continue;
		}
		if (tab) {
			const char *q = tab + 1, *end = s + len;

			while (q < end && q - tab <= 16 &&
			       strchr("0123456789abcdef", *q) && *q) {
				sum = sum << 4 | (unsigned long long)
				      (*q <= '9' ? *q - '0' : *q - 'a' + 10);
				q++;
			}
			has_sum = q - tab == 17 && (q == end || *q == '\t');
			if (has_sum && q < end && q + 1 < end)
				src = q + 1;
			if (!has_sum) {
				q = memchr(tab + 1, '\t', (size_t)(end - tab - 1));
				if (q && q + 1 < end)
					src = q + 1;
			}
		}
		GROW(*v, *alloc, *n + 1);
		(*v)[*n].path = xstrndup(s, plen);
		(*v)[*n].source = src ? xstrndup(src, (size_t)(s + len - src)) :
			NULL;
		(*v)[*n].sum = sum;
		(*v)[*n].has_sum = has_sum;
		(*n)++;
	}
}

/*
 * Remove outdir/rel, a regular file, through no symbolic link: each
 * directory is opened below the last with O_NOFOLLOW.  1 removed, 0 not
 * there (or not a file folio writes), -1 refused or failed (reported).
 */
static int remove_below(int root, const char *outdir,
			const struct manifest_entry *e, struct diag_list *d)
{
	const char *rel = e->path;
	struct buf bytes = BUF_INIT;
	int leaf;
	char *copy = xstrdup(rel), *comp = copy, *slash;
	int fd = dup(root), ret = 0;
	struct stat st;

	if (fd < 0)
		goto fail;
	while ((slash = strchr(comp, '/')) != NULL) {
		int next;

		*slash = '\0';
		next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			      O_CLOEXEC);
		if (next < 0) {
			if (errno == ENOENT)
				goto out;
			if (errno == ELOOP || errno == ENOTDIR) {
				ret = diag(d, R_MANIFEST, outdir, 0, 0, NULL,
					   "'%s' not removed: '%s' is not a "
					   "directory (a symbolic link?)", rel,
					   comp);
				goto out;
			}
			goto fail;
		}
		close(fd);
		fd = next;
		comp = slash + 1;
	}
	if (fstatat(fd, comp, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			goto out;
		goto fail;
	}
	if (S_ISLNK(st.st_mode)) {
		ret = diag(d, R_MANIFEST, outdir, 0, 0, NULL, "'%s' not "
			   "removed: a symbolic link, which export never "
			   "writes", rel);
		goto out;
	}
	if (!S_ISREG(st.st_mode))
		goto out;
	/* only the bytes folio wrote: never a file made or changed by hand */
	leaf = openat(fd, comp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (leaf < 0)
		goto fail;
	if (buf_read_fd_id(&bytes, leaf, MANIFEST_MAX, NULL) != BUF_READ_OK ||
	    !e->has_sum || manifest_sum(bytes.buf, bytes.len) != e->sum) {
		close(leaf);
		ret = diag(d, R_MANIFEST, outdir, 0, 0, NULL, "'%s' not "
			   "removed: its bytes are not those the last export "
			   "wrote", rel);
		goto out;
	}
	close(leaf);
	if (unlinkat(fd, comp, 0) < 0)
		goto fail;
	ret = 1;
out:
	if (fd >= 0)
		close(fd);
	free(copy);
	buf_release(&bytes);
	return ret;
fail:
	ret = diag(d, R_WRITE, outdir, 0, 0, NULL, "cannot remove '%s', "
		   "which the last export wrote: %s", rel, errmsg(errno));
	goto out;
}

static void put_entries(struct buf *b, const struct manifest_entry *v,
			size_t n)
{
	size_t i;

	buf_adds(b, header);
	for (i = 0; i < n; i++) {
		buf_adds(b, v[i].path);
		if (v[i].has_sum)
			buf_addf(b, "\t%016llx", v[i].sum);
		else
			buf_adds(b, "\t-");
		/* a source no line can hold is left out, never mangled */
		if (v[i].source && !strpbrk(v[i].source, "\t\n\r")) {
			buf_addc(b, '\t');
			buf_adds(b, v[i].source);
		}
		buf_addc(b, '\n');
	}
}

long export_manifest_finish(struct export_manifest *m, const char *outdir,
			    const char *format, int prune, manifest_judge judge,
			    void *ctx, struct diag_list *d)
{
	struct buf mpath = BUF_INIT, old_text = BUF_INIT, text = BUF_INIT;
	struct manifest_entry *old = NULL;
	size_t nold = 0, aold = 0, i, nnew;
	long removed = 0;
	int root = -1;

	buf_addf(&mpath, "%s/.folio-manifest-%s", outdir, format);
	read_old(mpath.buf, &old_text, &old, &nold, &aold, d);
	sort_unique(m->v, &m->n);
	sort_unique(old, &nold);
	nnew = m->n;	/* what kept entries are appended after */
	if (prune)
		root = open(outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (i = 0; i < nold; i++) {
		enum manifest_fate f;

		if (find(m->v, nnew, old[i].path))
			continue;
		f = prune && root >= 0 ?
		    judge(ctx, old[i].path, old[i].source) : MANIFEST_CARRY;
		if (f == MANIFEST_REMOVE) {
			if (remove_below(root, outdir, &old[i], d) > 0)
				removed++;
			continue;
		}
		/* kept: listed again, so that a later run still knows it */
		GROW(m->v, m->alloc, m->n + 1);
		m->v[m->n].path = old[i].path;
		m->v[m->n].source = old[i].source;
		m->v[m->n].sum = old[i].sum;
		m->v[m->n].has_sum = old[i].has_sum;
		old[i].path = old[i].source = NULL;
		m->n++;
	}
	sort_unique(m->v, &m->n);
	put_entries(&text, m->v, m->n);
	if (text.len != old_text.len ||
	    memcmp(text.buf, old_text.buf, text.len) != 0) {
		if (atomic_write(mpath.buf, text.buf, text.len, ATOMIC_UMASK,
				 0) < 0) {
			diag(d, R_WRITE, mpath.buf, 0, 0, NULL,
			     "cannot write: %s", errmsg(errno));
			removed = -1;
		}
	}
	if (root >= 0)
		close(root);
	entries_free(old, nold);
	buf_release(&mpath);
	buf_release(&old_text);
	buf_release(&text);
	return removed;
}
