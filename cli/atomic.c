#include "atomic.h"
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void atomic_tmp_name(struct buf *tmp, const char *path, int k)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;

	buf_reset(tmp);
	buf_add(tmp, path, dirlen);
	buf_addc(tmp, '.');
	buf_adds(tmp, path + dirlen);
	buf_addc(tmp, '.');
	buf_addu(tmp, (unsigned long long)getpid());
	if (k) {
		buf_addc(tmp, '-');
		buf_addu(tmp, (unsigned long long)k);
	}
	buf_adds(tmp, ".tmp");
}

int atomic_open(struct buf *tmp, const char *path, mode_t mode)
{
	int k, fd = -1;

	for (k = 0; k < ATOMIC_TRIES && fd < 0; k++) {
		atomic_tmp_name(tmp, path, k);
		/* the kernel applies the umask: no fchmod in the common case */
		fd = open(tmp->buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
			  O_NOFOLLOW, 0666);
		if (fd < 0 && errno != EEXIST)
			return -1;
	}
	if (fd < 0)
		return -1;	/* errno is EEXIST */
	if (mode != ATOMIC_UMASK && fchmod(fd, mode & 07777) < 0) {
		int e = errno;

		close(fd);
		unlink(tmp->buf);
		errno = e;
		return -1;
	}
	return fd;
}

int atomic_write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

/*
 * Write data to fd, a file just created at path, and close it; on any
 * failure the file is removed.  0, or -1 with errno set.
 */
static int fill_new(int fd, const char *path, const char *data, size_t len,
		    int sync)
{
	int e;

	if (atomic_write_all(fd, data, len) < 0 || (sync && fsync(fd) < 0))
		goto fail;
	/* delayed allocation reports a full disk at close */
	e = close(fd);
	fd = -1;
	if (e < 0)
		goto fail;
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(path);
	errno = e;
	return -1;
}

int atomic_stage(struct buf *tmp, const char *path, const char *data,
		 size_t len, mode_t mode, int sync)
{
	int fd = atomic_open(tmp, path, mode);

	if (fd < 0)
		return -1;
	return fill_new(fd, tmp->buf, data, len, sync);
}

int atomic_commit(const char *tmp, const char *path)
{
	int e;

	if (rename(tmp, path) == 0)
		return 0;
	e = errno;
	unlink(tmp);
	errno = e;
	return -1;
}

int atomic_write(const char *path, const char *data, size_t len, mode_t mode,
		 int sync)
{
	struct buf tmp = BUF_INIT;
	int ret = atomic_stage(&tmp, path, data, len, mode, sync);

	if (ret == 0)
		ret = atomic_commit(tmp.buf, path);
	buf_release(&tmp);
	return ret;
}

int write_new(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		      0666);

	if (fd < 0)
		return -1;
	return fill_new(fd, path, data, len, 0);
}
