/*
 * export_manifest.h - what an export wrote in its output directory, kept
 * in DIR/.folio-manifest-FORMAT, so that the next export of that format
 * removes the files it wrote before and no longer produces (a withdrawn
 * or deleted article, a changed slug) and never a file it did not write.
 *
 * One line a file: its path relative to the output directory, a tab, a
 * checksum of the bytes written (64 bits, in hex; manifest_sum()), and, for a page,
 * a tab and its article (relative to the corpus root).  The manifest is
 * read as hostile: an entry that is absolute, holds "." or ".."
 * components or control characters is ignored with a warning; nothing is
 * removed through a symbolic link, nor a file whose bytes are no longer
 * those folio wrote (an entry added by hand, a file replaced since).
 */
#ifndef FOLIO_EXPORT_MANIFEST_H
#define FOLIO_EXPORT_MANIFEST_H

#include <pthread.h>
#include <stddef.h>

struct diag_list;

struct manifest_entry {
	char *path;		/* relative to the output directory; owned */
	char *source;		/* the article, or NULL; owned */
	unsigned long long sum;	/* manifest_sum() of its bytes */
	int has_sum;
};

/* The checksum of data[0..len) that the manifest keeps. */
unsigned long long manifest_sum(const char *data, size_t len);

/*
 * manifest_sum() of the file open at fd (at its start), read to its
 * end in pieces of 64 KiB (a book need not be in memory whole): 0, or
 * -1 when it cannot be read or its size changed meanwhile.
 */
int manifest_sum_fd(int fd, unsigned long long *sum);

/* The files this run produced (written or already up to date). */
struct export_manifest {
	pthread_mutex_t lock;	/* workers note their pages in parallel */
	struct manifest_entry *v;
	size_t n, alloc;
};

void export_manifest_init(struct export_manifest *m);
void export_manifest_release(struct export_manifest *m);

/*
 * Note that the run produced path (relative to the output directory)
 * with the bytes data[0..len) (data NULL: the checksum is not known
 * here), the page of article source (NULL: not a page).  Copies what it
 * keeps; safe from several threads.  Notes of one path are merged.
 */
void export_manifest_note(struct export_manifest *m, const char *path,
			  const char *source, const char *data, size_t len);

/* export_manifest_note() of a file whose checksum is known: sum. */
void export_manifest_note_sum(struct export_manifest *m, const char *path,
			      const char *source, unsigned long long sum);

/* Forget what was noted of path: the run gave that file up. */
void export_manifest_forget(struct export_manifest *m, const char *path);

/* What export_manifest_finish() does with a file of the last run that
 * this one did not produce. */
enum manifest_fate {
	MANIFEST_REMOVE,	/* withdrawn: remove it */
	MANIFEST_CARRY,		/* outside this run (--lang, PATHs): keep it listed */
	MANIFEST_KEEP_BAD,	/* its article now has errors: keep its last
				 * good page (judge() warns) */
};

/*
 * The caller's judgement of one entry of the last run that this run did
 * not produce; ctx is its own.
 */
typedef enum manifest_fate (*manifest_judge)(void *ctx, const char *path,
					     const char *source);

/*
 * After the run: read the last manifest of format in outdir (as
 * reported; outdir_abs its real path), and, when prune is set (the run
 * wrote everything it meant to), remove each file it lists that this run
 * did not produce and judge() says MANIFEST_REMOVE; then write the new
 * manifest (this run's files and those kept), only when it changed.
 * Warnings and errors go to d.  Returns the number of files removed, or
 * -1 when the new manifest could not be written.
 */
long export_manifest_finish(struct export_manifest *m, const char *outdir,
			    const char *format, int prune, manifest_judge judge,
			    void *ctx, struct diag_list *d);

#endif
