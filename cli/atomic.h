/*
 * atomic.h - replace a file whole, never leaving half of it.
 *
 * The new contents go to a temporary file in the same directory, named
 * ".NAME.PID.tmp" (".NAME.PID-N.tmp" when that one exists: O_EXCL makes
 * the name ours, across processes and threads alike), which is then
 * renamed over NAME: a reader sees the old file or the new one, and a
 * failure leaves the old one and no temporary file.  The caller owns the
 * buffers it passes; these functions keep nothing.
 */
#ifndef FOLIO_ATOMIC_H
#define FOLIO_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

struct buf;

/* Hidden names tried before giving up on finding a free one. */
#define ATOMIC_TRIES 100

/*
 * The k-th hidden name beside path, into tmp: ".NAME.PID.tmp", then
 * ".NAME.PID-k.tmp" (NAME: path's last component).  Whoever creates it
 * first (O_EXCL, mkdir) owns it.
 */
void atomic_tmp_name(struct buf *tmp, const char *path, int k);

/* The mode that keeps the umask's: 0666 less it (atomic_open's default). */
#define ATOMIC_UMASK ((mode_t)-1)

/*
 * Create the temporary file for path and return its descriptor (or -1,
 * errno set); its name is left in tmp.  New files get 0666 less the
 * umask, or exactly mode when it is not ATOMIC_UMASK.
 */
int atomic_open(struct buf *tmp, const char *path, mode_t mode);

/* Write all of data[0..len) to fd, through EINTR; -1 with errno. */
int atomic_write_all(int fd, const char *data, size_t len);

/*
 * Write data to path as above.  sync: fsync the file before the rename
 * (a report or a source; an export's pages, remade on the next run, do
 * without).  Returns 0, or -1 with errno set and nothing left behind.
 */
int atomic_write(const char *path, const char *data, size_t len, mode_t mode,
		 int sync);
/*
 * atomic_write() in two steps, for a file that may still be given up:
 * atomic_stage() writes data to the temporary file (its name left in tmp;
 * 0, or -1 with errno set and nothing left behind), atomic_commit()
 * renames it over path (0, or -1 with errno set and the temporary file
 * removed).  To give it up, unlink tmp.
 */
int atomic_stage(struct buf *tmp, const char *path, const char *data,
		 size_t len, mode_t mode, int sync);
int atomic_commit(const char *tmp, const char *path);

/*
 * Create path, which must not exist yet, holding data[0..len): for a file
 * no reader can see before the run is over (a directory export.c renames
 * into place when it has written it whole).  Returns 0, or -1 with errno
 * set (EEXIST: path exists, left as it was; any other failure removes
 * what was written).
 */
int write_new(const char *path, const char *data, size_t len);

#endif
