#include "buf.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char buf_empty_[1];

void buf_init(struct buf *b)
{
	b->buf = buf_empty_;
	b->len = b->alloc = 0;
}

void buf_release(struct buf *b)
{
	if (b->alloc)
		free(b->buf);
	buf_init(b);
}


void buf_grow_(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	int fresh = !b->alloc;

	if (need <= b->alloc)
		return;
	if (need < b->len)
		xmalloc((size_t)-1);	/* overflow: report out of memory */
	if (fresh)
		b->buf = NULL;
	b->buf = xgrow(b->buf, &b->alloc, need < 64 ? 64 : need, 1);
	if (fresh)
		b->buf[0] = '\0';
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(b->buf + b->len, b->alloc ? b->alloc - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= (b->alloc ? b->alloc - b->len : 0)) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_addcp(struct buf *b, unsigned cp)
{
	char s[4];
	size_t n;

	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, s, n);
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	if (!b->alloc)
		p = xstrdup("");
	else
		p = b->buf;
	buf_init(b);
	return p;
}

enum buf_read_result buf_read_file(struct buf *b, const char *path, size_t max)
{
	return buf_read_file_id(b, path, max, NULL);
}

int file_id_same(const struct file_id *a, const struct file_id *b)
{
	return a->ino && a->dev == b->dev && a->ino == b->ino &&
	       a->size == b->size && a->mtime == b->mtime &&
	       a->mtime_ns == b->mtime_ns && a->ctime == b->ctime &&
	       a->ctime_ns == b->ctime_ns;
}

int buf_open_file(const char *path)
{
	return open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
}

enum buf_read_result buf_read_file_id(struct buf *b, const char *path,
				      size_t max, struct file_id *id)
{
	enum buf_read_result ret;
	int fd = buf_open_file(path), saved;

	if (fd < 0)
		return BUF_READ_ERRNO;
	ret = buf_read_fd_id(b, fd, max, id);
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}

enum buf_read_result buf_read_fd_id(struct buf *b, int fd, size_t max,
				    struct file_id *id)
{
	struct stat st;
	size_t start = b->len;

	if (fstat(fd, &st) < 0)
		return BUF_READ_ERRNO;
	if (!S_ISREG(st.st_mode))
		return BUF_READ_NOT_FILE;
	if (id) {
		id->dev = (unsigned long long)st.st_dev;
		id->ino = (unsigned long long)st.st_ino;
		id->size = (unsigned long long)st.st_size;
		id->mtime = (long long)st.st_mtim.tv_sec;
		id->mtime_ns = (long long)st.st_mtim.tv_nsec;
		id->ctime = (long long)st.st_ctim.tv_sec;
		id->ctime_ns = (long long)st.st_ctim.tv_nsec;
	}
	if ((unsigned long long)st.st_size > max)
		return BUF_READ_TOO_BIG;
	/* one byte more, so that the read that meets the end has room */
	buf_grow(b, (size_t)st.st_size + 1);
	for (;;) {
		size_t got = b->len - start;
		ssize_t n;

		if (got > max) {
			buf_setlen(b, start);	/* grew while we read */
			return BUF_READ_TOO_BIG;
		}
		if (b->alloc - b->len < 2)	/* it grew since the fstat */
			buf_grow(b, 8192);
		/* from the start, whoever read the file before */
		n = pread(fd, b->buf + b->len, b->alloc - b->len - 1,
			  (off_t)got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			buf_setlen(b, start);
			return BUF_READ_ERRNO;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
		/*
		 * All the fstat promised: done, without a read to meet the
		 * end (a file growing meanwhile is read as it was then).
		 */
		if (b->len - start == (size_t)st.st_size && st.st_size > 0)
			break;
	}
	b->buf[b->len] = '\0';
	/* it changed while we read: no identity to vouch for these bytes */
	if (id && b->len - start != (size_t)st.st_size)
		id->ino = 0;
	return BUF_READ_OK;
}

void buf_addu(struct buf *b, unsigned long long v)
{
	char digits[20];

	buf_add(b, digits, fmt_uint(digits, v));
}
