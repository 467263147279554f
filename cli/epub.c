/*
 * epub.c - the package of an EPUB 3 book (epub.h): the package document
 * with its metadata, manifest and spine, the container file, and the
 * book's identifier.
 *
 * The accessibility metadata (EPUB Accessibility 1.1, schema.org
 * properties) states only what folio's output is by construction:
 *   - accessMode textual: the pages are text (images, when a page shows
 *     some, add visual);
 *   - structuralNavigation: headings follow the outline (validate refuses
 *     a level-1 heading in a body and skipped levels), lists and tables
 *     are marked up as such;
 *   - tableOfContents: the navigation document links every page;
 *   - readingOrder: the spine is the order of the table of contents;
 *   - alternativeText: only when every image shown has a text alternative;
 *   - accessibilityHazard none: no sound, video or animation, nothing
 *     flashes.
 * No conformance to WCAG is claimed (dcterms:conformsTo): nobody has
 * evaluated the content, and the summary says so.
 */
#include "epub.h"
#include "buf.h"
#include "escape.h"

#include <stdint.h>
#include <string.h>

/* ---- SHA-1 (RFC 3174), for name-based UUIDs only ---- */

struct sha1 {
	uint32_t h[5];
	unsigned char block[64];
	size_t used;
	uint64_t bytes;
};

static uint32_t rol(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));
}

static void sha1_block(struct sha1 *s, const unsigned char *p)
{
	uint32_t w[80], a, b, c, d, e, t;
	unsigned i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
	for (i = 0; i < 80; i++) {
		uint32_t f, k;

		if (i < 20)
			f = (b & c) | (~b & d), k = 0x5A827999;
		else if (i < 40)
			f = b ^ c ^ d, k = 0x6ED9EBA1;
		else if (i < 60)
			f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
		else
			f = b ^ c ^ d, k = 0xCA62C1D6;
		t = rol(a, 5) + f + e + k + w[i];
		e = d, d = c, c = rol(b, 30), b = a, a = t;
	}
	s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d, s->h[4] += e;
}

static void sha1_init(struct sha1 *s)
{
	static const uint32_t h0[5] = {
		0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0,
	};

	memcpy(s->h, h0, sizeof(h0));
	s->used = 0;
	s->bytes = 0;
}

static void sha1_add(struct sha1 *s, const void *data, size_t n)
{
	const unsigned char *p = data;

	s->bytes += n;
	while (n) {
		size_t k = 64 - s->used < n ? 64 - s->used : n;

		memcpy(s->block + s->used, p, k);
		s->used += k;
		p += k;
		n -= k;
		if (s->used == 64) {
			sha1_block(s, s->block);
			s->used = 0;
		}
	}
}

static void sha1_end(struct sha1 *s, unsigned char out[20])
{
	uint64_t bits = s->bytes * 8;
	unsigned char len[8];
	unsigned i;

	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_add(s, "\x80", 1);
	while (s->used != 56)
		sha1_add(s, "", 1);
	sha1_add(s, len, 8);
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

void epub_identifier(struct buf *out, const char *seed)
{
	/* RFC 4122's namespace for URLs: 6ba7b811-9dad-11d1-80b4-00c04fd430c8 */
	static const unsigned char ns[16] = {
		0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
		0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
	};
	struct sha1 s;
	unsigned char h[20];
	unsigned i;

	sha1_init(&s);
	sha1_add(&s, ns, sizeof(ns));
	sha1_add(&s, seed, strlen(seed));
	sha1_end(&s, h);
	h[6] = (unsigned char)((h[6] & 0x0F) | 0x50);	/* version 5 */
	h[8] = (unsigned char)((h[8] & 0x3F) | 0x80);	/* RFC 4122 variant */
	buf_adds(out, "urn:uuid:");
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			buf_addc(out, '-');
		buf_addf(out, "%02x", h[i]);
	}
}

/* ---- the package ---- */

static void esc(struct buf *out, const char *s)
{
	escape_html(out, s, strlen(s));
}

static void meta(struct buf *out, const char *property, const char *value)
{
	buf_addf(out, "    <meta property=\"%s\">", property);
	esc(out, value);
	buf_adds(out, "</meta>\n");
}

void epub_package(const struct epub_book *b, struct buf *out)
{
	int images = b->images > 0;
	int all_alt = images && b->images_alt == b->images;
	size_t i;

	buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\""
		 " unique-identifier=\"pub-id\" xml:lang=\"");
	esc(out, b->lang);
	buf_addf(out, "\" dir=\"%s\">\n", b->rtl ? "rtl" : "ltr");
	buf_adds(out, "  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
		 "    <dc:identifier id=\"pub-id\">");
	esc(out, b->identifier);
	buf_adds(out, "</dc:identifier>\n    <dc:title>");
	esc(out, b->title);
	buf_adds(out, "</dc:title>\n    <dc:language>");
	esc(out, b->lang);
	buf_adds(out, "</dc:language>\n");
	if (b->description) {
		buf_adds(out, "    <dc:description>");
		esc(out, b->description);
		buf_adds(out, "</dc:description>\n");
	}
	meta(out, "dcterms:modified", b->modified);
	meta(out, "schema:accessMode", "textual");
	if (images)
		meta(out, "schema:accessMode", "visual");
	if (!images || all_alt)
		meta(out, "schema:accessModeSufficient", "textual");
	meta(out, "schema:accessibilityFeature", "structuralNavigation");
	meta(out, "schema:accessibilityFeature", "tableOfContents");
	meta(out, "schema:accessibilityFeature", "readingOrder");
	if (all_alt)
		meta(out, "schema:accessibilityFeature", "alternativeText");
	meta(out, "schema:accessibilityHazard", "none");
	/*
	 * In English whatever the book's language: folio has no catalog
	 * string for it, and a reading system shows it with its xml:lang.
	 */
	buf_adds(out, "    <meta property=\"schema:accessibilitySummary\" "
		 "xml:lang=\"en\" dir=\"ltr\">");
	buf_adds(out, "Patient information articles in reflowable text, with "
		 "headings, lists and tables marked up for what they are; the "
		 "table of contents links every article, in reading order. ");
	if (!images)
		buf_adds(out, "There are no images, sound or video. ");
	else if (all_alt)
		buf_adds(out, "Every image has a text alternative. ");
	else
		buf_adds(out, "Some images have no text alternative. ");
	buf_adds(out, "The content has not been evaluated against WCAG, and no "
		 "conformance is claimed.</meta>\n");
	buf_adds(out, "  </metadata>\n  <manifest>\n"
		 "    <item id=\"nav\" href=\"");
	escape_url(out, b->nav, strlen(b->nav));
	buf_adds(out, "\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n");
	if (b->stylesheet) {
		buf_adds(out, "    <item id=\"css\" href=\"");
		escape_url(out, b->stylesheet, strlen(b->stylesheet));
		buf_adds(out, "\" media-type=\"text/css\"/>\n");
	}
	for (i = 0; i < b->npages; i++) {
		buf_addf(out, "    <item id=\"p%zu\" href=\"", i + 1);
		escape_url(out, b->pages[i], strlen(b->pages[i]));
		buf_adds(out, "\" media-type=\"application/xhtml+xml\"/>\n");
	}
	for (i = 0; i < b->nres; i++) {
		buf_addf(out, "    <item id=\"r%zu\" href=\"", i + 1);
		escape_url(out, b->res[i].href, strlen(b->res[i].href));
		buf_adds(out, "\" media-type=\"");
		esc(out, b->res[i].type);
		buf_adds(out, "\"/>\n");
	}
	buf_adds(out, "  </manifest>\n  <spine");
	if (b->rtl)
		buf_adds(out, " page-progression-direction=\"rtl\"");
	buf_adds(out, ">\n    <itemref idref=\"nav\"/>\n");
	for (i = 0; i < b->npages; i++)
		buf_addf(out, "    <itemref idref=\"p%zu\"/>\n", i + 1);
	buf_adds(out, "  </spine>\n</package>\n");
}

void epub_container(struct buf *out)
{
	buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<container version=\"1.0\" "
		 "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
		 "  <rootfiles>\n"
		 "    <rootfile full-path=\"" EPUB_PACKAGE "\" "
		 "media-type=\"application/oebps-package+xml\"/>\n"
		 "  </rootfiles>\n"
		 "</container>\n");
}
