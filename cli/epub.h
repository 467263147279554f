/*
 * epub.h - the files that make a directory of XHTML pages an EPUB 3
 * publication (SPEC 8.3): mimetype, META-INF/container.xml and the
 * package document, EPUB/package.opf.
 *
 * The export pipeline (export.c) renders the content documents and the
 * navigation document (nav.xhtml, from a template) and decides what the
 * book holds; this module only writes the package around them, so that
 * everything EPUB requires of the package is in one place.  Nothing here
 * reads the clock or the locale: the same book gives the same bytes.
 */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H

#include <stddef.h>

struct buf;

/* The content of the mimetype file: no newline after it. */
#define EPUB_MIMETYPE "application/epub+zip"

/* Where the package document is, from the root of the book. */
#define EPUB_PACKAGE "EPUB/package.opf"

/* A file of the book besides its pages (an image). */
struct epub_res {
	const char *href;		/* raw, from EPUB/ */
	const char *type;		/* media type */
};

/* One language's book, as the package describes it.  All borrowed. */
struct epub_book {
	const char *lang;		/* BCP 47, also xml:lang of <package> */
	int rtl;			/* page-progression-direction="rtl" */
	const char *identifier;		/* dc:identifier (epub_identifier()) */
	const char *title;		/* dc:title, plain text */
	const char *description;	/* dc:description, plain text, or NULL */
	const char *modified;		/* dcterms:modified: YYYY-MM-DDThh:mm:ssZ */
	const char *nav;		/* the navigation document: "nav.xhtml" */
	const char *stylesheet;		/* "style.css", or NULL */
	const char **pages;		/* content documents, raw relative URLs, */
	size_t npages;			/* in reading order (the nav's order) */
	const struct epub_res *res;	/* its images, in the manifest */
	size_t nres;
	size_t images;			/* images shown in the pages */
	size_t images_alt;		/* ... with a text alternative */
};

/*
 * A stable identifier from seed (the corpus's base_url and the language,
 * or its name): "urn:uuid:" and the name-based UUID (version 5, URL
 * namespace) of seed, appended to out.
 */
void epub_identifier(struct buf *out, const char *seed);

/* package.opf for the book, appended to out. */
void epub_package(const struct epub_book *b, struct buf *out);

/* META-INF/container.xml, appended to out. */
void epub_container(struct buf *out);

#endif
