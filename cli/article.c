/*
 * article.c - read one article: encoding, frontmatter split, YAML tree,
 * and the distilled metadata the corpus keeps.
 */
#include "article.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

void article_init(struct article *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->path = path;
	buf_init(&a->text);
}

void article_release(struct article *a)
{
	buf_release(&a->text);
	ydoc_release(&a->fm);
}

/*
 * The common case first: a file that is valid needs no line counting, so
 * runs of ASCII without NUL are skipped eight bytes at a time and the
 * position is worked out only when something is wrong.
 */
static int utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c;

#ifdef __SSE2__
		if (n - i >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
			/* high bytes, and NULs */
			int stop = _mm_movemask_epi8(v) |
				   _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));

			if (!stop) {
				i += 16;
				continue;
			}
			i += (size_t)__builtin_ctz((unsigned)stop);
		} else
#endif
		if (n - i >= 8) {
			unsigned long long w, stop;

			memcpy(&w, s + i, 8);
			/* high bytes, and NULs (exact up to the first one) */
			stop = (w & 0x8080808080808080ULL) |
			       ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL);
			if (!stop) {
				i += 8;
				continue;
			}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* the ASCII before the first byte to look at */
			i += (size_t)__builtin_ctzll(stop) >> 3;
#endif
		}
		c = s[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
		} else if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
				return 0;
			i += 2;
			/* Arabic and Cyrillic words: a run of two-byte letters */
			while (i + 1 < n && s[i] >= 0xC2 && s[i] <= 0xDF &&
			       (s[i + 1] & 0xC0) == 0x80)
				i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			unsigned cp;

			if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80)
				return 0;
			cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
			if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
				return 0;
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			unsigned cp;

			if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
				return 0;
			cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3Fu) << 12) |
			     ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
			if (cp < 0x10000 || cp > 0x10FFFF)
				return 0;
			i += 4;
		} else {
			return 0;
		}
	}
	return 1;
}

int utf8_check(const char *text, size_t n, unsigned first_line,
	       const char *file, struct diag_list *diags)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned line = first_line, col = 1;
	size_t i = 0;

	if (utf8_valid(s, n))
		return 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len = 1, k;
		unsigned cp;

		if (c == '\n') {
			line++;
			col = 1;
			i++;
			continue;
		}
		if (c == 0)
			return diag(diags, R_ENCODING, file, line, col, NULL,
				    "NUL byte in the file");
		if (c < 0x80) {
			i++;
			col++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, cp = c & 0x07;
		else
			goto bad;
		if (i + len > n)
			goto bad;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += len;
		col++;
		continue;
bad:
		return diag(diags, R_ENCODING, file, line, col, NULL,
			    "invalid UTF-8 byte 0x%02X", c);
	}
	return 0;
}

/* Length of the line at p (without its end), and of the end (0-2). */
static size_t line_len(const char *p, const char *end, size_t *eol)
{
	const char *q = p;

	while (q < end && *q != '\n')
		q++;
	*eol = q < end ? 1 : 0;
	if (q > p && q[-1] == '\r') {
		q--;
		(*eol)++;
	}
	return (size_t)(q - p);
}

static int is_fence(const char *p, size_t n, int closing)
{
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return memeq(p, n, "---") || (closing && memeq(p, n, "..."));
}

/* Say why a file cannot be read; a dangling link names its target. */
static int io_error(struct article *a, const char *fs_path, int err,
		    struct diag_list *diags)
{
	char target[512];
	ssize_t n;

	if (err == ENOENT && (n = readlink(fs_path, target, sizeof(target) - 1)) >= 0) {
		target[n] = '\0';
		return diag(diags, R_IO, a->path, 0, 0, NULL,
			    "dangling symbolic link to '%s'", target);
	}
	return diag(diags, R_IO, a->path, 0, 0, NULL, "cannot read: %s",
		    errmsg(err));
}

static int load(struct article *a, const char *fs_path, int parse,
		const struct file_id *checked, struct diag_list *diags)
{
	const char *text, *end, *p;
	size_t n, eol;
	unsigned line;
	struct yaml_opts yo;
	enum buf_read_result r;

	r = buf_read_file_id(&a->text, fs_path, ARTICLE_MAX_SIZE, &a->id);
	switch (r) {
	case BUF_READ_OK:
		break;
	case BUF_READ_TOO_BIG:
		return diag(diags, R_YAML_LIMITS, a->path, 0, 0, NULL,
			    "file larger than 4 MiB, not read");
	case BUF_READ_NOT_FILE:
		return diag(diags, R_IO, a->path, 0, 0, NULL,
			    "not a regular file");
	default:
		return io_error(a, fs_path, errno, diags);
	}
	text = a->text.buf;
	n = a->text.len;
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		a->had_bom = 1;
		diag_sev(diags, R_ENCODING, SEV_WARNING, a->path, 1, 1, NULL,
			 "byte order mark at the start of the file");
		text += 3;
		n -= 3;
	}
	if (!(checked && file_id_same(&a->id, checked)) &&
	    utf8_check(text, n, 1, a->path, diags) < 0) {
		a->id.ino = 0;	/* not a file to trust */
		return -1;
	}
	end = text + n;
	if (!n || !is_fence(text, line_len(text, end, &eol), 0))
		return diag(diags, R_FRONTMATTER, a->path, 1, 1, NULL,
			    "no frontmatter: the file must start with a '---' line");
	p = text + line_len(text, end, &eol) + eol;
	a->fm_start = (size_t)(p - a->text.buf);
	line = 2;
	for (;;) {
		size_t len;

		if (p >= end)
			return diag(diags, R_FRONTMATTER, a->path, 1, 1, NULL,
				    "frontmatter not terminated: no closing '---' line");
		len = line_len(p, end, &eol);
		if (is_fence(p, len, 1))
			break;
		p += len + eol;
		line++;
	}
	a->fm_len = (size_t)(p - a->text.buf) - a->fm_start;
	p += line_len(p, end, &eol) + eol;
	a->body = p;
	a->body_len = (size_t)(end - p);
	a->body_line = line + 1;
	if (!parse)
		return 0;

	yo.file = a->path;
	yo.line_base = 1;
	yo.json_pointer_diags = 0;
	if (yaml_parse(&a->fm, a->text.buf + a->fm_start, a->fm_len, &yo, diags) < 0)
		return -1;
	if (!a->fm.root || a->fm.root->type != Y_MAP) {
		unsigned l = a->fm.root ? a->fm.root->line : 2;
		unsigned c = a->fm.root ? a->fm.root->col : 1;

		diag(diags, R_FRONTMATTER, a->path, l, c, NULL,
		     "frontmatter must be a mapping of keys, got %s",
		     a->fm.root ? ytype_name(a->fm.root->type) : "nothing");
		a->fm.root = NULL;
		return -1;
	}
	return 0;
}

int article_load(struct article *a, const char *fs_path, struct diag_list *diags)
{
	return load(a, fs_path, 1, NULL, diags);
}

int article_read(struct article *a, const char *fs_path,
		 const struct file_id *checked, struct diag_list *diags)
{
	return load(a, fs_path, 0, checked, diags);
}

static char *str_of(const struct ynode *n)
{
	const char *s = ynode_scalar(n);

	return s && n->type != Y_NULL && *s ? xstrdup(s) : NULL;
}

static struct pos pos_of(const struct ynode *n)
{
	struct pos p = { 0, 0 };

	if (n) {
		p.line = n->line;
		p.col = n->col;
	}
	return p;
}

static void date_of(const struct ynode *n, struct date *d, struct pos *p)
{
	const char *s = ynode_scalar(n);

	*p = pos_of(n);
	if (!s || date_parse(s, d) < 0)
		memset(d, 0, sizeof(*d));
}

void article_meta_fill(struct article_meta *m, const struct article *a)
{
	const struct ynode *fm = a->fm.root, *n, *tf;
	size_t i;

	if (!fm)
		return;
	m->usable = 1;
	n = ymap_get(fm, "id");
	m->id = str_of(n);
	m->id_pos = pos_of(n);
	n = ymap_get(fm, "lang");
	m->lang = str_of(n);
	m->lang_pos = pos_of(n);
	m->title = str_of(ymap_get(fm, "title"));
	m->summary = str_of(ymap_get(fm, "summary"));
	m->slug = str_of(ymap_get(fm, "slug"));
	m->section = str_of(ymap_get(fm, "section"));
	date_of(ymap_get(fm, "updated"), &m->updated, &m->updated_pos);
	date_of(ymap_get(fm, "review_due"), &m->review_due, &m->review_due_pos);
	n = ymap_get(fm, "status");
	m->status = STATUS_PUBLISHED;
	if (ynode_str(n) && !strcmp(n->str, "draft"))
		m->status = STATUS_DRAFT;
	else if (ynode_str(n) && !strcmp(n->str, "review"))
		m->status = STATUS_REVIEW;

	tf = ymap_get(fm, "translated_from");
	if (tf) {
		m->translated = 1;
		m->tf_pos = pos_of(tf);
		n = ymap_get(tf, "lang");
		m->tf_lang = str_of(n);
		m->tf_lang_pos = pos_of(n);
		date_of(ymap_get(tf, "updated"), &m->tf_updated, &m->tf_updated_pos);
	}
	n = ymap_get(fm, "related");
	if (n && n->type == Y_SEQ) {
		m->related = xcalloc(n->n, sizeof(*m->related));
		for (i = 0; i < n->n; i++) {
			char *id = str_of(n->items[i]);

			if (!id)
				continue;
			m->related[m->nrelated].id = id;
			m->related[m->nrelated].pos = pos_of(n->items[i]);
			m->nrelated++;
		}
	}
}

void article_meta_release(struct article_meta *m)
{
	size_t i;

	free(m->relpath);
	free(m->path);
	free(m->id);
	free(m->lang);
	free(m->title);
	free(m->summary);
	free(m->slug);
	free(m->section);
	free(m->tf_lang);
	for (i = 0; i < m->nrelated; i++)
		free(m->related[i].id);
	free(m->related);
	for (i = 0; i < m->nlinks; i++)
		free(m->links[i].id);
	free(m->links);
	for (i = 0; i < m->nheadings; i++)
		free(m->headings[i]);
	free(m->headings);
	if (m->keep) {
		ydoc_release(m->keep);
		free(m->keep);
	}
	memset(m, 0, sizeof(*m));
}
