/*
 * epub_zip.h - one language's book zipped into <lang>.epub (SPEC 16).
 *
 * The pages of a book never go through a file of their own: each is
 * deflated by the worker that renders it and held, in memory or put
 * aside in one unnamed file (export_epub.c), until its book is zipped,
 * so that most of the compression runs in parallel with the rendering
 * and making the book only copies.  The book's other files (mimetype,
 * the container, the package, the navigation, the stylesheet, the
 * images) are in a hidden directory of its own (export_tree.c); those
 * folio wrote are deflated here the way the pages were.  This
 * module zips them in the order EPUB asks for (mimetype first, stored;
 * then the container, the package, the navigation, the stylesheet, the
 * pages in reading order, the images), every entry dated as
 * dcterms:modified, and puts the archive in place whole, only when its
 * bytes changed.
 */
#ifndef FOLIO_EPUB_ZIP_H
#define FOLIO_EPUB_ZIP_H

#include <stddef.h>

struct diag_list;
struct epub_res;
struct zip_blob;

/* A book to zip; every string borrowed. */
struct epub_zip {
	const char *tree;	/* its files: mimetype, META-INF/, EPUB/ */
	const char *dest;	/* the archive: "out/epub/fr.epub" */
	const char *nav;	/* from EPUB/: "nav.xhtml" */
	const char *stylesheet;	/* from EPUB/, or NULL */
	/* from EPUB/, raw, in reading order, and each page deflated ahead
	 * (deflate_page()); not in the tree */
	const char **pages;
	const struct zip_blob *const *blobs;
	size_t npages;
	const struct epub_res *res;	/* its images, sorted by href */
	size_t nres;
	const char *modified;	/* dcterms:modified, YYYY-MM-DDThh:mm:ssZ */
};

/*
 * Zip the book into z->dest: replaced atomically when its bytes changed
 * (a temporary file beside it, renamed), left alone when they did not.
 * Stops when interrupt_caught() (interrupt.h), leaving nothing.
 * Returns 1 (written), 0 (the same bytes were there), or -1, reported in
 * d, with the old archive (if any) as it was and no temporary file.
 */
int epub_zip_book(const struct epub_zip *z, struct diag_list *d);

#endif
