/*
 * xliff_write.c - translation units as XLIFF 1.2 or 2.0 (SPEC 14).
 *
 * 1.2 puts paired codes as <g> and standalone ones as <x/>, with a ctype
 * that CAT tools show; 2.0 as <pc> and <ph/>, whose Markdown travels in
 * <originalData>.  URLs and code spans are inside codes: a translator sees
 * and edits text only.
 */
#include "xliff.h"

#include <stdio.h>
#include <string.h>

static const char *const ctype12[XC__COUNT] = {
	"italic", "bold", "x-strike", "link", "image", "x-code", "lb",
	"x-autolink", "x-html",
};

/*
 * XML text and attribute values: the markup characters, a CR kept as a
 * reference (a parser would turn it into a line feed), and what XML 1.0
 * cannot hold (C0 controls, U+FFFE, U+FFFF) as U+FFFD.  Articles are
 * valid UTF-8 (the loader checks it): bytes are copied as they are.
 */
static void esc(struct buf *b, const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\r': rep = "&#13;"; break;
		case '\t': case '\n': break;
		case 0xEF:
			if (i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
			    ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
				buf_add(b, s + from, i - from);
				buf_adds(b, "\xEF\xBF\xBD");
				i += 2;
				from = i + 1;
			}
			break;
		default:
			if (c < 0x20)
				rep = "\xEF\xBF\xBD";
		}
		if (rep) {
			buf_add(b, s + from, i - from);
			buf_adds(b, rep);
			from = i + 1;
		}
	}
	buf_add(b, s + from, n - from);
}

static void inline12(struct buf *b, const struct xunit *u)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		const struct xitem *it = &u->items[i];

		switch (it->type) {
		case XI_TEXT:
			esc(b, it->text, it->len);
			break;
		case XI_OPEN:
			buf_addf(b, "<g id=\"%u\" ctype=\"%s\">", it->id, ctype12[it->kind]);
			break;
		case XI_CLOSE:
			buf_adds(b, "</g>");
			break;
		case XI_PH:
			buf_addf(b, "<x id=\"%u\" ctype=\"%s\"/>", it->id, ctype12[it->kind]);
			break;
		}
	}
}

static void pc_attrs(struct buf *b, enum xcode_kind k)
{
	switch (k) {
	case XC_EM:
		buf_adds(b, " type=\"fmt\" subType=\"xlf:i\"");
		break;
	case XC_STRONG:
		buf_adds(b, " type=\"fmt\" subType=\"xlf:b\"");
		break;
	case XC_DEL:
		buf_adds(b, " type=\"fmt\"");
		break;
	case XC_LINK:
	case XC_AUTOLINK:
		buf_adds(b, " type=\"link\"");
		break;
	case XC_IMAGE:
		buf_adds(b, " type=\"image\"");
		break;
	case XC_BREAK:
		buf_adds(b, " type=\"fmt\" subType=\"xlf:lb\"");
		break;
	default:
		buf_adds(b, " type=\"other\"");
	}
}

/* 2.0: data ids are "d<code id>s" / "d<code id>e" (start and end), "d<id>" */
static void inline20(struct buf *b, const struct xunit *u)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		const struct xitem *it = &u->items[i];

		switch (it->type) {
		case XI_TEXT:
			esc(b, it->text, it->len);
			break;
		case XI_OPEN:
			buf_addf(b, "<pc id=\"%u\" dataRefStart=\"d%us\" dataRefEnd=\"d%ue\"",
				 it->id, it->id, it->id);
			pc_attrs(b, it->kind);
			buf_adds(b, ">");
			break;
		case XI_CLOSE:
			buf_adds(b, "</pc>");
			break;
		case XI_PH:
			buf_addf(b, "<ph id=\"%u\" dataRef=\"d%u\"", it->id, it->id);
			pc_attrs(b, it->kind);
			buf_adds(b, "/>");
			break;
		}
	}
}

static void original_data(struct buf *b, const struct xdoc *x, const struct xunit *u)
{
	size_t i;
	int any = 0;

	for (i = 0; i < u->n; i++) {
		const struct xitem *it = &u->items[i];

		if (it->type == XI_TEXT)
			continue;
		if (!any)
			buf_adds(b, "   <originalData>\n");
		any = 1;
		buf_addf(b, "    <data id=\"d%u%s\">", it->id,
			 it->type == XI_OPEN ? "s" : it->type == XI_CLOSE ? "e" : "");
		if (x && x->body && it->raw_end <= x->body_len)
			esc(b, x->body + it->raw, it->raw_end - it->raw);
		buf_adds(b, "</data>\n");
	}
	if (any)
		buf_adds(b, "   </originalData>\n");
}

static void write12(struct buf *b, const struct xout_file *f)
{
	size_t i;

	buf_adds(b, "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
		 " <file original=\"");
	esc(b, f->original, strlen(f->original));
	buf_adds(b, "\" source-language=\"");
	esc(b, f->srclang, strlen(f->srclang));
	buf_adds(b, "\" target-language=\"");
	esc(b, f->trglang, strlen(f->trglang));
	buf_adds(b, "\" datatype=\"x-markdown\">\n"
		 "  <header>\n   <tool tool-id=\"folio\" tool-name=\"folio\"/>\n  </header>\n"
		 "  <body>\n");
	for (i = 0; i < f->n; i++) {
		const struct xout_unit *o = &f->units[i];

		buf_adds(b, "   <trans-unit id=\"");
		esc(b, o->src->id, strlen(o->src->id));
		buf_adds(b, "\" xml:space=\"preserve\">\n    <source>");
		inline12(b, o->src);
		buf_adds(b, "</source>\n");
		if (o->target) {
			buf_addf(b, "    <target state=\"%s\">",
				 o->state == XS_REVIEW ? "needs-review-translation" :
				 "translated");
			inline12(b, o->target);
			buf_adds(b, "</target>\n");
		}
		if (o->note) {
			buf_adds(b, "    <note from=\"folio\">");
			esc(b, o->note, strlen(o->note));
			buf_adds(b, "</note>\n");
		}
		if (o->note2) {
			buf_adds(b, "    <note from=\"folio\">");
			esc(b, o->note2, strlen(o->note2));
			buf_adds(b, "</note>\n");
		}
		buf_adds(b, "   </trans-unit>\n");
	}
	buf_adds(b, "  </body>\n </file>\n</xliff>\n");
}

static void write20(struct buf *b, const struct xout_file *f, const struct xdoc *x)
{
	size_t i;

	buf_adds(b, "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"");
	esc(b, f->srclang, strlen(f->srclang));
	buf_adds(b, "\" trgLang=\"");
	esc(b, f->trglang, strlen(f->trglang));
	buf_adds(b, "\">\n <file id=\"f1\" original=\"");
	esc(b, f->original, strlen(f->original));
	buf_adds(b, "\">\n");
	for (i = 0; i < f->n; i++) {
		const struct xout_unit *o = &f->units[i];

		buf_adds(b, "  <unit id=\"");
		esc(b, o->src->id, strlen(o->src->id));
		buf_adds(b, "\" xml:space=\"preserve\">\n");
		if (o->note || o->note2) {
			buf_adds(b, "   <notes>\n");
			if (o->note) {
				buf_adds(b, "    <note category=\"folio\">");
				esc(b, o->note, strlen(o->note));
				buf_adds(b, "</note>\n");
			}
			if (o->note2) {
				buf_adds(b, "    <note category=\"folio\">");
				esc(b, o->note2, strlen(o->note2));
				buf_adds(b, "</note>\n");
			}
			buf_adds(b, "   </notes>\n");
		}
		original_data(b, x, o->src);
		buf_adds(b, "   <segment");
		if (o->target)
			buf_addf(b, " state=\"%s\"", o->state == XS_REVIEW ? "initial" :
				 "translated");
		buf_adds(b, ">\n    <source>");
		inline20(b, o->src);
		buf_adds(b, "</source>\n");
		if (o->target) {
			buf_adds(b, "    <target>");
			inline20(b, o->target);
			buf_adds(b, "</target>\n");
		}
		buf_adds(b, "   </segment>\n  </unit>\n");
	}
	buf_adds(b, " </file>\n</xliff>\n");
}

void xliff_write(struct buf *out, const struct xout_file *f, const struct xdoc *x)
{
	buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (f->version == XLIFF_20)
		write20(out, f, x);
	else
		write12(out, f);
}
