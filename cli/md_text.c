/*
 * md_text.c - text as md4c gives it: an entity ("&mu;", "&#233;") decoded
 * to its code points, and an attribute (a link's destination, an image's
 * source) made the text it stands for (markdown.h).
 */
#include "markdown.h"
#include "buf.h"
#include "entities.h"

#include <stddef.h>

int md_entity(const char *s, size_t n, unsigned *cp)
{
	size_t i;
	unsigned v = 0;
	const char *named;

	if (n < 3 || s[0] != '&' || s[n - 1] != ';')
		return -1;
	if (s[1] == '#') {
		int hex = n > 3 && (s[2] == 'x' || s[2] == 'X');

		for (i = hex ? 3 : 2; i < n - 1; i++) {
			char c = s[i];
			unsigned d;

			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				d = (unsigned)(c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				d = (unsigned)(c - 'A' + 10);
			else
				return -1;
			v = v * (hex ? 16 : 10) + d;
			if (v > 0x10FFFF)
				v = 0x110000;
		}
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		*cp = v;
		return 0;
	}
	named = entity_lookup(s + 1, n - 2);
	if (!named)
		return -1;
	/* the first code point; md_entity_add() has the whole text */
	{
		const unsigned char *u = (const unsigned char *)named;

		if (u[0] < 0x80)
			v = u[0];
		else if (u[0] < 0xE0)
			v = (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu);
		else if (u[0] < 0xF0)
			v = (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 |
			    (u[2] & 0x3Fu);
		else
			v = (u[0] & 0x07u) << 18 | (u[1] & 0x3Fu) << 12 |
			    (u[2] & 0x3Fu) << 6 | (u[3] & 0x3Fu);
	}
	*cp = v;
	return 0;
}

int md_entity_add(struct buf *b, const char *s, size_t n)
{
	const char *named;
	unsigned cp;

	if (n >= 3 && s[0] == '&' && s[1] != '#' && s[n - 1] == ';') {
		named = entity_lookup(s + 1, n - 2);
		if (!named)
			return -1;
		buf_adds(b, named);
		return 0;
	}
	if (md_entity(s, n, &cp) != 0)
		return -1;
	buf_addcp(b, cp);
	return 0;
}

void md_attr_text(struct buf *b, const MD_ATTRIBUTE *attr)
{
	unsigned i;

	for (i = 0; attr->substr_offsets[i] < attr->size; i++) {
		const char *s = attr->text + attr->substr_offsets[i];
		size_t n = attr->substr_offsets[i + 1] - attr->substr_offsets[i];

		switch (attr->substr_types[i]) {
		case MD_TEXT_NULLCHAR:
			buf_addcp(b, 0xFFFD);
			break;
		case MD_TEXT_ENTITY:
			if (md_entity_add(b, s, n) != 0)
				buf_add(b, s, n);
			break;
		default:
			buf_add(b, s, n);
		}
	}
}
