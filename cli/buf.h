/*
 * buf.h - a growable byte buffer.
 *
 * Invariants: after buf_init() (or BUF_INIT), `buf` is never NULL and
 * buf[len] is always '\0', so the contents can be used as a C string when
 * they hold no NUL byte.  The buffer owns its storage; buf_detach() hands
 * it to the caller, who then frees it with free().
 */
#ifndef FOLIO_BUF_H
#define FOLIO_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char buf_empty_[];
#define BUF_INIT { buf_empty_, 0, 0 }

void buf_init(struct buf *b);
void buf_release(struct buf *b);

/* Room for extra more bytes (and the NUL); the slow path is buf_grow_. */
void buf_grow_(struct buf *b, size_t extra);

/*
 * The appends are inline: renderers call them for every few bytes of a
 * page, and a call per append was a tenth of an export's time.  While
 * alloc > 0, alloc > len (the NUL); while alloc == 0, len == 0: the test
 * below cannot overflow and sends an unallocated buffer to buf_grow_.
 */
static inline void buf_grow(struct buf *b, size_t extra)
{
	if (extra >= b->alloc - b->len)
		buf_grow_(b, extra);
}

static inline void buf_add(struct buf *b, const void *data, size_t len)
{
	buf_grow(b, len);
	if (len)
		memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

static inline void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static inline void buf_addc(struct buf *b, int c)
{
	buf_grow(b, 1);
	b->buf[b->len++] = (char)c;
	b->buf[b->len] = '\0';
}
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* Append the UTF-8 encoding of code point cp. */
void buf_addcp(struct buf *b, unsigned cp);
/* v in decimal. */
void buf_addu(struct buf *b, unsigned long long v);
static inline void buf_setlen(struct buf *b, size_t len)
{
	b->len = len;
	if (b->alloc)
		b->buf[len] = '\0';
}

static inline void buf_reset(struct buf *b)
{
	buf_setlen(b, 0);
}
/* Hand the storage to the caller (never NULL); the buffer is reset. */
char *buf_detach(struct buf *b, size_t *len);

enum buf_read_result {
	BUF_READ_OK = 0,
	BUF_READ_ERRNO = -1,	/* errno says why */
	BUF_READ_TOO_BIG = -2,	/* larger than max; nothing kept */
	BUF_READ_NOT_FILE = -3,	/* a directory, FIFO, device... */
};
/*
 * Read the regular file at path into b (appending), refusing anything that
 * is not a regular file and any file larger than max bytes, without
 * reading it whole.  Never blocks on a FIFO.
 */
enum buf_read_result buf_read_file(struct buf *b, const char *path, size_t max);

/*
 * What tells a file's contents apart without reading them, as git's index
 * does: device, inode, size, modification and change times (the change
 * time moves on every write and cannot be set back by hand).
 */
struct file_id {
	unsigned long long dev, ino, size;
	long long mtime, mtime_ns, ctime, ctime_ns;
};

/* buf_read_file(), also filling *id from the opened file. */
enum buf_read_result buf_read_file_id(struct buf *b, const char *path,
				      size_t max, struct file_id *id);
/*
 * The open() of buf_read_file(): read only, close-on-exec, not blocking
 * on a FIFO.  A descriptor, or -1 and errno.
 */
int buf_open_file(const char *path);
/*
 * buf_read_file_id() through a file opened by buf_open_file(), read from
 * its start whatever was read of it before; fd stays open (the caller's).
 */
enum buf_read_result buf_read_fd_id(struct buf *b, int fd, size_t max,
				    struct file_id *id);
/* Are a and b the same contents (both read, neither zero)? */
int file_id_same(const struct file_id *a, const struct file_id *b);

#endif
