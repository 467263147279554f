/*
 * qa.c - the comparison of a translation with its original (SPEC 13).
 *
 * The two block lists are cut into units that say the same thing: the
 * title with the title, the summary with the summary, the sources
 * together, then the body block by block when both have one structure,
 * else section by section when both have as many headings, else whole.
 * Within a unit, each number, phone number and link target of the
 * original must be found in the translation (as multisets: one of the
 * translation's tokens answers one of the original's); a block of the
 * translation identical to one of the original's is untranslated; a
 * glossary term of the original wants its rendering in the translation.
 */
#include "qa.h"
#include "blocks.h"
#include "buf.h"
#include "diag.h"
#include "glossary.h"
#include "numbers.h"
#include "numbers_find.h"
#include "util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* A run of blocks [from, to) of each side. */
struct unit {
	size_t of, ot, tf, tt;
};

/* ---- positions ------------------------------------------------------ */

/* Line and column (code points) of byte off of block b's text. */
static void block_pos(const struct block *b, size_t off, unsigned *line,
		      unsigned *col)
{
	size_t i, start = 0;
	unsigned l = b->line, c;

	if (off > b->len)
		off = b->len;
	for (i = 0; i < off; i++)
		if (b->text[i] == '\n') {
			l++;
			start = i + 1;
		}
	c = start ? 1 : b->col;
	for (i = start; i < off; i++)
		c += ((unsigned char)b->text[i] & 0xC0) != 0x80;
	*line = l;
	*col = c;
}

static int silenced(const struct block *ob, const struct block *tb,
		    enum rule r)
{
	return (ob && block_ignores(ob, rule_table[r].id)) ||
	       (tb && block_ignores(tb, rule_table[r].id));
}

static size_t cut(const char *s, size_t n, size_t max);

/* The source text of a token, for messages (at most 60 bytes). */
static void tok_text(struct buf *out, const struct block *b,
		     const struct num_token *t)
{
	buf_add(out, b->text + t->off, cut(b->text + t->off, t->len, 60));
}

/* The length of s[0..n) cut to at most max bytes, on a character. */
static size_t cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* ---- tokens of a unit ----------------------------------------------- */

static int is_text_block(const struct block *b)
{
	return b->kind != BLK_CODE;
}

static int same_value(double a, double b)
{
	double d = fabs(a - b);

	return d <= 1e-9 * fmax(fabs(a), fabs(b)) || d < 1e-12;
}

/*
 * Does translation token t answer original token o well enough not to
 * be a missing number?  The same value and unit; or the same value where
 * one side has no unit ("500 milligrammes" is no unit the reader knows);
 * or a whole hour and its number ("14 h", "2 pm").
 */
static int loosely_equal(const struct num_token *o, const struct num_token *t)
{
	if (o->kind == NUM_TIME && t->kind == NUM_NUMBER && !t->unit[0])
		return fmod(o->value, 60) == 0 && same_value(o->value / 60, t->value);
	if (t->kind == NUM_TIME && o->kind == NUM_NUMBER && !o->unit[0])
		return fmod(t->value, 60) == 0 && same_value(t->value / 60, o->value);
	if (o->kind != NUM_NUMBER || t->kind != NUM_NUMBER)
		return 0;
	if (!o->unit[0] || !t->unit[0])
		return same_value(o->value, t->value);
	return 0;
}

/*
 * A number of the original with a unit, read in the translation as the
 * same number with none and no word after it ("500 mg" become "500."):
 * the unit was dropped.  A word after it may be the unit spelt out
 * ("500 milligrams"), which is not a unit folio reads: not a finding.
 */
static int unit_dropped(const struct num_token *o, const struct num_token *t,
			const struct block *tb)
{
	const unsigned char *p, *e;

	if (o->kind != NUM_NUMBER || t->kind != NUM_NUMBER || !o->unit[0] ||
	    t->unit[0] || t->off + t->len > tb->len)
		return 0;
	p = (const unsigned char *)tb->text + t->off + t->len;
	e = (const unsigned char *)tb->text + tb->len;
	/* spaces, no-break spaces included */
	for (;;) {
		if (p < e && (*p == ' ' || *p == '\t' || *p == '\n'))
			p++;
		else if (e - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
			p += 2;
		else if (e - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF)
			p += 3;
		else
			break;
	}
	/* a letter of any script (a lead byte of one) is a word */
	return !(p < e && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			   (*p >= 0xC3 && *p <= 0xF4)));
}

/*
 * Small numbers written as words: "2 fois" is rightly "twice", "1 heure"
 * "ساعة واحدة".  Not read as numbers (SPEC 13), but a translation that
 * writes the original's 1 to 12 as a word has not lost it.
 */
struct num_word {
	const char *lang;
	int value;
	const char *words;	/* '|'-separated */
};

static const struct num_word num_words[] = {
	{ "fr", 1, "un|une" }, { "fr", 2, "deux" }, { "fr", 3, "trois" },
	{ "fr", 4, "quatre" }, { "fr", 5, "cinq" }, { "fr", 6, "six" },
	{ "fr", 7, "sept" }, { "fr", 8, "huit" }, { "fr", 9, "neuf" },
	{ "fr", 10, "dix" }, { "fr", 11, "onze" }, { "fr", 12, "douze" },
	{ "en", 1, "one|once|a|an|single" }, { "en", 2, "two|twice" },
	{ "en", 3, "three" }, { "en", 4, "four" }, { "en", 5, "five" },
	{ "en", 6, "six" }, { "en", 7, "seven" }, { "en", 8, "eight" },
	{ "en", 9, "nine" }, { "en", 10, "ten" }, { "en", 11, "eleven" },
	{ "en", 12, "twelve" },
	{ "de", 1, "ein|eine|einen|einem|einer|eines|einmal" },
	{ "de", 2, "zwei|zweimal" }, { "de", 3, "drei" }, { "de", 4, "vier" },
	{ "de", 5, "f\xC3\xBCnf" }, { "de", 6, "sechs" }, { "de", 7, "sieben" },
	{ "de", 8, "acht" }, { "de", 9, "neun" }, { "de", 10, "zehn" },
	{ "de", 11, "elf" }, { "de", 12, "zw\xC3\xB6lf" },
	{ "nl", 1, "een|\xC3\xA9\xC3\xA9n|eenmaal" }, { "nl", 2, "twee|tweemaal" },
	{ "nl", 3, "drie" }, { "nl", 4, "vier" }, { "nl", 5, "vijf" },
	{ "nl", 6, "zes" }, { "nl", 7, "zeven" }, { "nl", 8, "acht" },
	{ "nl", 9, "negen" }, { "nl", 10, "tien" }, { "nl", 11, "elf" },
	{ "nl", 12, "twaalf" },
	{ "tr", 1, "bir" }, { "tr", 2, "iki" }, { "tr", 3, "\xC3\xBC\xC3\xA7" },
	{ "tr", 4, "d\xC3\xB6rt" }, { "tr", 5, "be\xC5\x9F" },
	{ "tr", 6, "alt\xC4\xB1" }, { "tr", 7, "yedi" }, { "tr", 8, "sekiz" },
	{ "tr", 9, "dokuz" }, { "tr", 10, "on" },
	/* Arabic: the words, and (below) 1 and 2 said by a noun's singular
	 * or dual alone */
	{ "ar", 1, "\xD9\x88\xD8\xA7\xD8\xAD\xD8\xAF" },	/* واحد(ة) */
	{ "ar", 2, "\xD8\xA7\xD8\xAB\xD9\x86" },		/* اثن... */
	{ "ar", 3, "\xD8\xAB\xD9\x84\xD8\xA7\xD8\xAB" },	/* ثلاث */
	{ "ar", 4, "\xD8\xA3\xD8\xB1\xD8\xA8\xD8\xB9" },	/* أربع */
	{ "ar", 5, "\xD8\xAE\xD9\x85\xD8\xB3" },		/* خمس */
	{ "ar", 6, "\xD8\xB3\xD8\xAA" },			/* ست */
	{ "ar", 7, "\xD8\xB3\xD8\xA8\xD8\xB9" },		/* سبع */
	{ "ar", 8, "\xD8\xAB\xD9\x85\xD8\xA7\xD9\x86" },	/* ثمان */
	{ "ar", 9, "\xD8\xAA\xD8\xB3\xD8\xB9" },		/* تسع */
	{ "ar", 10, "\xD8\xB9\xD8\xB4\xD8\xB1" },		/* عشر */
};

static int ascii_letter(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Does word w occur in s[0..n): whole word (Latin), or anywhere (Arabic,
 * where particles are written against the word)? */
static int has_word(const char *s, size_t n, const char *w, size_t wl, int whole)
{
	size_t i, k;

	for (i = 0; i + wl <= n; i++) {
		for (k = 0; k < wl; k++) {
			unsigned char a = (unsigned char)s[i + k], b = (unsigned char)w[k];

			if (a != b && !(a < 0x80 && (a | 0x20) == b))
				break;
		}
		if (k < wl)
			continue;
		if (!whole)
			return 1;
		if ((i == 0 || (!ascii_letter((unsigned char)s[i - 1]) &&
				(unsigned char)s[i - 1] < 0x80)) &&
		    (i + wl == n || (!ascii_letter((unsigned char)s[i + wl]) &&
				     (unsigned char)s[i + wl] < 0x80)))
			return 1;
	}
	return 0;
}

/* Is value v said in words in the translation's blocks [from, to)? */
static int said_in_words(const struct block_list *l, size_t from, size_t to,
			 const char *lang, double v)
{
	size_t k, b;

	if (v != floor(v) || v < 1 || v > 12)
		return 0;
	/* Arabic says one and two of a thing by its singular and dual */
	if (!strcmp(lang, "ar") && v <= 2)
		return 1;
	for (k = 0; k < ARRAY_SIZE(num_words); k++) {
		const char *w, *e;

		if (num_words[k].value != (int)v || strcmp(num_words[k].lang, lang))
			continue;
		for (w = num_words[k].words; *w; w = *e ? e + 1 : e) {
			e = strchr(w, '|');
			if (!e)
				e = w + strlen(w);
			for (b = from; b < to; b++)
				if (has_word(l->v[b].text, l->v[b].len, w,
					     (size_t)(e - w), strcmp(lang, "ar") != 0))
					return 1;
		}
	}
	return 0;
}

/* ---- link targets ---------------------------------------------------- */

struct link {
	const char *s;
	size_t len;
	size_t block, off;
	int used;
};

struct links {
	struct link *v;
	size_t n, alloc;
};

static void link_add(struct links *l, const char *s, size_t len,
		     size_t block, size_t off)
{
	while (len && (s[len - 1] == '.' || s[len - 1] == ',' || s[len - 1] == ';'))
		len--;
	if (!len)
		return;
	GROW(l->v, l->alloc, l->n + 1);
	l->v[l->n].s = s;
	l->v[l->n].len = len;
	l->v[l->n].block = block;
	l->v[l->n].off = off;
	l->v[l->n].used = 0;
	l->n++;
}

static int has_scheme(const char *s, size_t n, size_t i)
{
	static const char *const schemes[] = {
		"https://", "http://", "www.", "mailto:", "tel:", "article:",
	};
	size_t k;

	if (i > 0 && (((unsigned char)s[i - 1] | 0x20) >= 'a' &&
		      ((unsigned char)s[i - 1] | 0x20) <= 'z'))
		return 0;
	for (k = 0; k < ARRAY_SIZE(schemes); k++) {
		size_t len = strlen(schemes[k]);

		if (n - i >= len && !memcmp(s + i, schemes[k], len))
			return 1;
	}
	return 0;
}

/* Link destinations, autolinks and bare URLs of a block's source. */
static void scan_links(struct links *l, const struct block *b, size_t block)
{
	const char *s = b->text;
	size_t n = b->len, i, j, k;
	size_t nocloser[64];	/* as in numbers.c's skip_code() */
	int nocloser_set = 0;

	for (i = 0; i < n; i++) {
		i = find_link_start(s, n, i);
		if (i >= n)
			break;
		/* a bare URL starts "http" or "www." */
		if (s[i] != '`' && s[i] != ']' && s[i] != '<' &&
		    !(s[i] == 'h' && n - i > 3 && !memcmp(s + i, "http", 4)) &&
		    !(s[i] == 'w' && n - i > 3 && !memcmp(s + i, "www.", 4)))
			continue;
		if (s[i] == '`') {
			size_t run = 0;

			while (i + run < n && s[i + run] == '`')
				run++;
			if (!nocloser_set) {
				for (k = 0; k < 64; k++)
					nocloser[k] = SIZE_MAX;
				nocloser_set = 1;
			}
			if (run >= 64 || nocloser[run] <= i) {
				i += run - 1;
				continue;
			}
			/* the next run of exactly as many backticks */
			for (j = i + run; j < n; ) {
				size_t r = 0;

				if (s[j] != '`') {
					j++;
					continue;
				}
				while (j + r < n && s[j + r] == '`')
					r++;
				if (r == run)
					break;
				j += r;
			}
			if (j < n) {
				i = j + run - 1;
			} else {
				nocloser[run] = i;
				i += run - 1;
			}
			continue;
		}
		if (s[i] == ']' && i + 1 < n && s[i + 1] == '(') {
			size_t a = i + 2, e;

			while (a < n && s[a] == ' ')
				a++;
			if (a < n && s[a] == '<') {
				for (e = ++a; e < n && s[e] != '>'; e++)
					;
			} else {
				int depth = 0;

				for (e = a; (e = find_any4(s, n, e, " \n()")) < n &&
					    s[e] != ' ' && s[e] != '\n'; e++) {
					if (s[e] == '(')
						depth++;
					else if (depth-- == 0)
						break;
				}
			}
			link_add(l, s + a, e - a, block, a);
			i = e;
			continue;
		}
		if (s[i] == '<' && i + 1 < n && has_scheme(s, n, i + 1)) {
			for (j = i + 1; j < n && s[j] != '>' && s[j] != ' '; j++)
				;
			if (j < n && s[j] == '>') {
				link_add(l, s + i + 1, j - i - 1, block, i + 1);
				i = j;
				continue;
			}
		}
		if ((s[i] == 'h' || s[i] == 'w') && has_scheme(s, n, i) &&
		    strncmp(s + i, "article:", 8)) {
			for (j = i; j < n && s[j] != ' ' && s[j] != '\n' &&
				    s[j] != '<' && s[j] != ')' && s[j] != ']'; j++)
				;
			link_add(l, s + i, j - i, block, i);
			i = j;
		}
	}
}

/*
 * Are two link targets the same for a reader of each language?  Byte
 * equal, or equal once a path segment or query value naming the
 * language ("/fr/", "lang=fr") is read as the other side's language, and
 * a trailing slash dropped.
 */
static int is_tel(const struct link *l)
{
	return l->len > 4 && !strncasecmp(l->s, "tel:", 4);
}

/* The digits of a tel: target, and a leading '+', into d (size 40). */
static void tel_digits(const struct link *l, char d[40])
{
	size_t i, n = 0;

	for (i = 4; i < l->len && n < 39; i++)
		if ((l->s[i] >= '0' && l->s[i] <= '9') || (l->s[i] == '+' && !n))
			d[n++] = l->s[i];
	d[n] = '\0';
}

static int same_tel(const struct link *a, const struct link *b)
{
	char x[40], y[40];

	tel_digits(a, x);
	tel_digits(b, y);
	return !strcmp(x, y);
}

static int same_link(const struct link *o, const char *olang,
		     const struct link *t, const char *tlang)
{
	size_t i = 0, j = 0, ol, tl;
	size_t on = o->len, tn = t->len;

	/* the same bytes: the walk below would find them the same (a
	 * language read as another needs two different spellings) */
	if (on == tn && !memcmp(o->s, t->s, on))
		return 1;
	/* a tel: target is a phone number: its digits alone */
	if (is_tel(o) && is_tel(t))
		return same_tel(o, t);
	ol = strlen(olang);
	tl = strlen(tlang);

	if (on && o->s[on - 1] == '/')
		on--;
	if (tn && t->s[tn - 1] == '/')
		tn--;
	while (i < on && j < tn) {
		int at_seg = i > 0 && (o->s[i - 1] == '/' || o->s[i - 1] == '=') &&
			     j > 0 && (t->s[j - 1] == '/' || t->s[j - 1] == '=');

		if (at_seg && on - i >= ol && tn - j >= tl &&
		    !memcmp(o->s + i, olang, ol) && !memcmp(t->s + j, tlang, tl) &&
		    (i + ol == on || strchr("/&#.", o->s[i + ol])) &&
		    (j + tl == tn || strchr("/&#.", t->s[j + tl]))) {
			i += ol;
			j += tl;
			continue;
		}
		if (o->s[i] != t->s[j])
			return 0;
		i++;
		j++;
	}
	return i == on && j == tn;
}

/* ---- words ------------------------------------------------------------ */

/* Runs of letters (any script) in s. */
static size_t count_words(const char *s, size_t n)
{
	size_t i = 0, words = 0;
	int in = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							(utf8proc_ssize_t)(n - i), &cp);
		utf8proc_category_t cat;

		if (len <= 0) {
			i++;
			in = 0;
			continue;
		}
		cat = utf8proc_category(cp);
		if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
			words += !in;
			in = 1;
		} else if (!(cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)) {
			in = 0;
		}
		i += (size_t)len;
	}
	return words;
}

/* Does the block hold only names the glossary keeps (and no other word)? */
static int only_kept(const struct block *b, const struct glossary *g, void *md)
{
	struct buf t = BUF_INIT;
	size_t i, k, first, flen;
	int only;

	if (!g)
		return 0;
	buf_add(&t, b->norm, b->norm_len);
	for (i = 0; i < g->n; i++) {
		if (!g->v[i].keep)
			continue;
		for (k = 0; k < g->nlang; k++) {
			const struct gl_term *term = &g->v[i].term[k];

			while (term->text &&
			       glossary_count(term, t.buf, t.len, md, &first, &flen))
				memset(t.buf + first, ' ', flen);
		}
	}
	only = count_words(t.buf, t.len) == 0;
	buf_release(&t);
	return only;
}

/*
 * The text of a block for glossary matching: its link destinations,
 * autolinks, bare URLs and code spans blanked (same length, so offsets
 * hold), so that "article:immunotherapie-reponse" uses no term.
 * Appended to out.
 */
static void mask_markup(struct buf *out, const struct block *b,
			const struct link *links, size_t nlinks)
{
	size_t i, j, n = b->len, at = out->len;
	char *s;

	buf_add(out, b->text, b->len);
	s = out->buf + at;
	for (i = 0; i < n; i++) {
		char *tick = memchr(s + i, '`', n - i), *close;

		if (!tick)
			break;
		i = (size_t)(tick - s);
		close = memchr(s + i + 1, '`', n - i - 1);
		if (close) {
			j = (size_t)(close - s);
			memset(s + i, ' ', j - i + 1);
			i = j;
		}
	}
	for (i = 0; i < nlinks; i++)
		memset(s + links[i].off, ' ', links[i].len);
}

/* ---- what each side holds, read once ------------------------------ */

/*
 * A side's numbers, link targets and searchable text, block by block:
 * block k's tokens are nums.v[nstart[k] .. nstart[k + 1]), its links
 * links.v[lstart[k] .. lstart[k + 1]), its masked text masked.buf +
 * moff[k] (the block's length).  An original keeps its cache for all its
 * translations.
 *
 * Blocks are read in order, up to upto.  A translation is read only
 * where its original has numbers or link targets to find in it: a block
 * passed over (partial) holds no tokens in the lists; qa_side_prepare()
 * reads a side whole, again from the start when it was read in part.
 * A block's masked text is made when a glossary search first wants it.
 */
#define MASK_UNMADE (SIZE_MAX - 1)

struct qa_cache {
	struct num_list nums;
	size_t *nstart;		/* [n + 1], up to upto */
	size_t *nblock;		/* [nums.n]: the block of each token */
	size_t nblock_alloc;
	struct links links;
	size_t *lstart;		/* [n + 1], up to upto */
	size_t upto;
	int partial;
	unsigned char *read;	/* [n]: the block's tokens and links are in */
	struct buf masked;	/* the blocks that needed blanking */
	size_t *moff;		/* into masked; SIZE_MAX: the block's text;
				 * MASK_UNMADE: not made yet */
	int has_mask;
	/* [block * nentries + entry]: 0 not searched yet, 1 no, 2 the
	 * entry's term of the side's language is in the block */
	unsigned char *gm;
	size_t nentries;
	/* [block]: bit e set when the block uses entry e's term (with at
	 * most 64 entries), when uses_done[block] */
	uint64_t *uses;
	unsigned char *uses_done;
};

static struct qa_cache *cache_new(size_t n)
{
	struct qa_cache *c = xcalloc(1, sizeof(*c));

	c->nstart = xcalloc(n + 1, sizeof(*c->nstart));
	c->lstart = xcalloc(n + 1, sizeof(*c->lstart));
	c->read = xcalloc(n + 1, 1);
	return c;
}

/* Read blocks [from, to) of side s (from >= upto), passing over those
 * between upto and from. */
static void read_blocks(const struct qa_side *s, size_t from, size_t to)
{
	struct qa_cache *c = s->cache;
	size_t k, i;

	for (k = c->upto; k < from; k++) {
		c->nstart[k] = c->nums.n;
		c->lstart[k] = c->links.n;
		c->partial = 1;
	}
	for (k = from; k < to; k++) {
		const struct block *b = &s->blocks->v[k];
		size_t before = c->nums.n;

		c->nstart[k] = c->nums.n;
		c->lstart[k] = c->links.n;
		c->read[k] = 1;
		if (!is_text_block(b))
			continue;
		numbers_scan(&c->nums, b->text, b->len, s->lang);
		if (!s->no_links)
			scan_links(&c->links, b, k);
		if (c->nums.n > before) {
			GROW(c->nblock, c->nblock_alloc, c->nums.n);
			for (i = before; i < c->nums.n; i++)
				c->nblock[i] = k;
		}
	}
	if (to > c->upto)
		c->upto = to;
	c->nstart[c->upto] = c->nums.n;
	c->lstart[c->upto] = c->links.n;
}

/* Room for glossary searches in s's cache. */
static void cache_masks(const struct qa_side *s, const struct glossary *g)
{
	struct qa_cache *c = s->cache;
	size_t n = s->blocks->n, k;

	if (c->has_mask)
		return;
	c->moff = xmalloc((n + 1) * sizeof(*c->moff));
	for (k = 0; k < n; k++)
		c->moff[k] = MASK_UNMADE;
	buf_init(&c->masked);
	c->has_mask = 1;
	c->nentries = g->n;
	c->gm = xcalloc(n * g->n + 1, 1);
	c->uses = xcalloc(n + 1, sizeof(*c->uses));
	c->uses_done = xcalloc(n + 1, 1);
}

void qa_side_prepare(struct qa_side *side, const struct glossary *g)
{
	size_t n = side->blocks->n;

	if (side->cache && side->cache->partial)
		qa_side_release(side);
	if (!side->cache)
		side->cache = cache_new(n);
	if (side->cache->upto < n)
		read_blocks(side, side->cache->upto, n);
	if (g)
		cache_masks(side, g);
}

/*
 * A cache for side s that reads no block yet (or s's whole one), for a
 * translation whose blocks are read as its comparison wants them.
 */
static void side_prepare_lazy(struct qa_side *s, const struct glossary *g)
{
	if (s->cache && s->cache->upto && (s->cache->partial ||
					   s->cache->upto < s->blocks->n))
		qa_side_release(s);	/* read in part by another comparison */
	if (!s->cache)
		s->cache = cache_new(s->blocks->n);
	if (g)
		cache_masks(s, g);
}

void qa_side_release(struct qa_side *side)
{
	struct qa_cache *c = side->cache;

	if (!c)
		return;
	num_list_release(&c->nums);
	free(c->nstart);
	free(c->nblock);
	free(c->links.v);
	free(c->lstart);
	free(c->read);
	if (c->has_mask) {
		buf_release(&c->masked);
		free(c->moff);
		free(c->gm);
		free(c->uses);
		free(c->uses_done);
	}
	free(c);
	side->cache = NULL;
}

/* The masked text of block k of a side with masks, made on first use. */
static const char *masked(const struct qa_side *s, size_t k)
{
	struct qa_cache *c = s->cache;
	const struct block *b = &s->blocks->v[k];

	if (c->moff[k] == MASK_UNMADE) {
		struct links own = { NULL, 0, 0 };
		const struct link *lv = NULL;
		size_t ln = 0;

		if (k < c->upto && c->read[k]) {
			ln = c->lstart[k + 1] - c->lstart[k];
			lv = ln ? c->links.v + c->lstart[k] : NULL;
		} else if (is_text_block(b)) {
			scan_links(&own, b, k);
			lv = own.v;
			ln = own.n;
		}
		if (!ln && !memchr(b->text, '`', b->len)) {
			c->moff[k] = SIZE_MAX;
		} else {
			c->moff[k] = c->masked.len;
			mask_markup(&c->masked, b, lv, ln);
		}
		free(own.v);
	}
	return c->moff[k] == SIZE_MAX ? b->text : c->masked.buf + c->moff[k];
}

/* Does block k of side s use term t of glossary entry e?  Searched once. */
static int side_uses(const struct qa_side *s, size_t k, size_t e,
		     const struct gl_term *t, void *md)
{
	unsigned char *m = &s->cache->gm[k * s->cache->nentries + e];

	/* the block's own text first: its masked text (made only then)
	 * cannot match where it cannot */
	if (!*m)
		*m = glossary_may(t, s->blocks->v[k].text, s->blocks->v[k].len) &&
		     glossary_has(t, masked(s, k), s->blocks->v[k].len, md) ? 2 : 1;
	return *m == 2;
}

/* ---- the comparison -------------------------------------------------- */

struct cmp {
	const struct qa_side *o;
	struct qa_side *t;	/* its blocks read as the units want them */
	const struct glossary *g;
	struct diag_list *d;
	char *oused, *tused;
	size_t ualloc;
	void *md;
	int oli, tli;		/* the sides' glossary languages, or -1 */
	struct buf msg, a, b;
};

static const struct block *oblk(const struct cmp *c, size_t i)
{
	return &c->o->blocks->v[i];
}

static const struct block *tblk(const struct cmp *c, size_t i)
{
	return &c->t->blocks->v[i];
}

/* Report at translation block tb (offset off), naming original block ob. */
static void report(struct cmp *c, enum rule r, const struct block *tb,
		   size_t off, const struct block *ob, const char *what)
{
	unsigned line, col;

	if (silenced(ob, tb, r))
		return;
	block_pos(tb, off, &line, &col);
	diag(c->d, r, c->t->path, line, col, NULL, "%s (original %s:%u)", what,
	     c->o->path, ob->line);
}

/*
 * Do the comparison signs before original token i and translation token
 * k point opposite ways ("< 3" and "> 3")?  A sign written out in words
 * ("less than 3") is no sign, and no finding.
 */
static int signs_oppose(const struct cmp *c, const struct num_token *ov,
			const size_t *oblock, size_t i,
			const struct num_token *tv, const size_t *tblock, size_t k)
{
	enum num_cmp a = numbers_comparison(oblk(c, oblock[i])->text, ov[i].off);
	enum num_cmp b;

	if (a == NUM_CMP_NONE)
		return 0;
	b = numbers_comparison(tblk(c, tblock[k])->text, tv[k].off);
	return b != NUM_CMP_NONE &&
	       (a == NUM_CMP_LT || a == NUM_CMP_LE) != (b == NUM_CMP_LT || b == NUM_CMP_LE);
}

/* qa-number when the signs of a matched pair point opposite ways. */
static void sign_flipped(struct cmp *c, const struct num_token *ov,
			 const size_t *oblock, size_t i,
			 const struct num_token *tv, const size_t *tblock, size_t k)
{
	const struct block *ob = oblk(c, oblock[i]), *tb = tblk(c, tblock[k]);

	if (!signs_oppose(c, ov, oblock, i, tv, tblock, k))
		return;
	buf_reset(&c->a);
	buf_adds(&c->a, num_cmp_sign(numbers_comparison(ob->text, ov[i].off)));
	buf_adds(&c->a, " ");
	tok_text(&c->a, ob, &ov[i]);
	buf_reset(&c->b);
	buf_adds(&c->b, num_cmp_sign(numbers_comparison(tb->text, tv[k].off)));
	buf_adds(&c->b, " ");
	tok_text(&c->b, tb, &tv[k]);
	buf_reset(&c->msg);
	buf_addf(&c->msg, "comparison reversed: '%s' where the original has '%s'",
		 c->b.buf, c->a.buf);
	report(c, R_QA_NUMBER, tb, tv[k].off, ob, c->msg.buf);
}

static void compare_numbers(struct cmp *c, const struct unit *u)
{
	const struct qa_cache *oc = c->o->cache, *tc = c->t->cache;
	size_t on = oc->nstart[u->ot] - oc->nstart[u->of];
	/* (no offset on a NULL array: an empty side has none) */
	const struct num_token *ov, *tv;
	const size_t *oblock, *tblock;
	size_t tn, i, k;

	if (!on)
		return;
	ov = oc->nums.v + oc->nstart[u->of];
	oblock = oc->nblock + oc->nstart[u->of];
	tn = tc->nstart[u->tt] - tc->nstart[u->tf];
	tv = tn ? tc->nums.v + tc->nstart[u->tf] : NULL;
	tblock = tn ? tc->nblock + tc->nstart[u->tf] : NULL;
	if (on > c->ualloc || tn > c->ualloc) {
		c->ualloc = (on > tn ? on : tn) + 16;
		c->oused = xrealloc(c->oused, c->ualloc);
		c->tused = xrealloc(c->tused, c->ualloc);
	}
	memset(c->oused, 0, on);
	if (tn)
		memset(c->tused, 0, tn);
	/* equal tokens first, so that a loose match takes no exact one;
	 * those whose comparison signs agree first of all */
	for (i = 0; i < on; i++)
		for (k = 0; k < tn; k++)
			if (!c->tused[k] && num_equal(&ov[i], &tv[k]) &&
			    !signs_oppose(c, ov, oblock, i, tv, tblock, k)) {
				c->oused[i] = c->tused[k] = 1;
				break;
			}
	for (i = 0; i < on; i++)
		for (k = 0; k < tn && !c->oused[i]; k++)
			if (!c->tused[k] && num_equal(&ov[i], &tv[k])) {
				c->oused[i] = c->tused[k] = 1;
				sign_flipped(c, ov, oblock, i, tv, tblock, k);
			}
	for (i = 0; i < on; i++) {
		const struct num_token *o = &ov[i];
		const struct block *ob = oblk(c, oblock[i]);
		const struct block *tb = tblk(c, u->tf < u->tt ? u->tf : 0);
		long other = -1;

		if (c->oused[i])
			continue;
		for (k = 0; k < tn; k++) {
			if (c->tused[k])
				continue;
			if (loosely_equal(o, &tv[k]) &&
			    !unit_dropped(o, &tv[k], tblk(c, tblock[k])))
				break;
			if (other < 0 && o->kind == tv[k].kind &&
			    (o->kind == NUM_PHONE ||
			     (o->kind == NUM_NUMBER && same_value(o->value, tv[k].value))))
				other = (long)k;
		}
		if (k < tn) {
			c->oused[i] = c->tused[k] = 1;
			continue;
		}
		buf_reset(&c->a);
		tok_text(&c->a, ob, o);
		buf_reset(&c->msg);
		if (other >= 0) {
			const struct num_token *t = &tv[other];
			const struct block *tb2 = tblk(c, tblock[other]);

			c->tused[other] = 1;
			buf_reset(&c->b);
			tok_text(&c->b, tb2, t);
			if (o->kind == NUM_PHONE)
				buf_addf(&c->msg, "phone number differs: '%s' where the "
					 "original has '%s'", c->b.buf, c->a.buf);
			else
				buf_addf(&c->msg, "unit differs: '%s' where the original "
					 "has '%s'", c->b.buf, c->a.buf);
			report(c, o->kind == NUM_PHONE ? R_QA_PHONE : R_QA_UNIT, tb2,
			       t->off, ob, c->msg.buf);
			continue;
		}
		if (u->tf == u->tt)
			continue;
		if (o->kind == NUM_NUMBER && !o->unit[0] &&
		    said_in_words(c->t->blocks, u->tf, u->tt, c->t->lang, o->value))
			continue;
		buf_addf(&c->msg, "missing %s '%s'",
			 o->kind == NUM_PHONE ? "phone number" :
			 o->kind == NUM_TIME ? "time" : "number", c->a.buf);
		report(c, o->kind == NUM_PHONE ? R_QA_PHONE : R_QA_NUMBER, tb, 0,
		       ob, c->msg.buf);
	}
}

static void compare_links(struct cmp *c, const struct unit *u)
{
	const struct qa_cache *oc = c->o->cache, *tc = c->t->cache;
	size_t on = oc->lstart[u->ot] - oc->lstart[u->of];
	const struct link *ov, *tv;
	size_t tn, i, k;

	if (!on || u->tf == u->tt)
		return;
	ov = oc->links.v + oc->lstart[u->of];
	tn = tc->lstart[u->tt] - tc->lstart[u->tf];
	tv = tn ? tc->links.v + tc->lstart[u->tf] : NULL;
	if (tn > c->ualloc) {
		c->ualloc = tn + 16;
		c->oused = xrealloc(c->oused, c->ualloc);
		c->tused = xrealloc(c->tused, c->ualloc);
	}
	if (tn)
		memset(c->tused, 0, tn);
	for (i = 0; i < on; i++) {
		const struct link *o = &ov[i];

		for (k = 0; k < tn; k++)
			if (!c->tused[k] && same_link(o, c->o->lang, &tv[k], c->t->lang))
				break;
		if (k < tn) {
			c->tused[k] = 1;
			continue;
		}
		/* a tel: target with other digits: a wrong number to call */
		for (k = 0; is_tel(o) && k < tn; k++)
			if (!c->tused[k] && is_tel(&tv[k]))
				break;
		if (is_tel(o) && k < tn) {
			c->tused[k] = 1;
			buf_reset(&c->msg);
			buf_addf(&c->msg, "phone number differs: link to '%.*s' where "
				 "the original has '%.*s'", (int)cut(tv[k].s, tv[k].len, 80),
				 tv[k].s, (int)cut(o->s, o->len, 80), o->s);
			report(c, R_QA_PHONE, tblk(c, tv[k].block), tv[k].off,
			       oblk(c, o->block), c->msg.buf);
			continue;
		}
		buf_reset(&c->msg);
		buf_addf(&c->msg, "missing link target '%.*s'",
			 (int)cut(o->s, o->len, 80), o->s);
		report(c, R_QA_LINK, tblk(c, u->tf), 0, oblk(c, o->block),
		       c->msg.buf);
	}
}

static int untranslatable_kind(enum block_kind k)
{
	return k == BLK_HEADING || k == BLK_PARAGRAPH || k == BLK_LIST_ITEM;
}

/*
 * Block i of side s with its normalized text made (a list cut with
 * lazy_norm makes it on first need).  The lists are written to: a
 * group's comparisons run in one thread, one after the other.
 */
static const struct block *normed(const struct qa_side *s, size_t i)
{
	struct block_list *l = (struct block_list *)s->blocks;

	block_norm(l, &l->v[i]);
	return &l->v[i];
}

static void compare_untranslated(struct cmp *c, const struct unit *u)
{
	size_t i, k;

	if (RULE_SILENCED(c->d->ignored[R_QA_UNTRANSLATED]))
		return;

	for (k = u->tf; k < u->tt; k++) {
		const struct block *tb = tblk(c, k);

		if (!untranslatable_kind(tb->kind))
			continue;
		for (i = u->of; i < u->ot; i++) {
			const struct block *ob = oblk(c, i);

			if (ob->kind != tb->kind || blocks_fold_differ(ob, tb))
				continue;
			if (blocks_same_folded(normed(c->o, i), normed(c->t, k)))
				break;
		}
		if (i == u->ot || count_words(tb->norm, tb->norm_len) < 4 ||
		    only_kept(tb, c->g, c->md))
			continue;
		buf_reset(&c->msg);
		buf_addf(&c->msg, "untranslated %s, identical to the original: '%.*s%s'",
			 block_kind_name(tb->kind), (int)cut(tb->norm, tb->norm_len, 40),
			 tb->norm, tb->norm_len > 40 ? "..." : "");
		report(c, R_QA_UNTRANSLATED, tb, 0, oblk(c, i), c->msg.buf);
	}
}

/* The term an entry gives for language li (keep: any of its terms). */
static const struct gl_term *term_for(const struct gl_entry *e, int li,
				      size_t nlang)
{
	size_t k;

	if (li >= 0 && e->term[li].text)
		return &e->term[li];
	if (!e->keep)
		return NULL;
	for (k = 0; k < nlang; k++)
		if (e->term[k].text)
			return &e->term[k];
	return NULL;
}

/*
 * The entries of glossary g (64 at most) whose term for the language li
 * block k of side s uses: every entry searched once, the answer kept.
 */
static uint64_t block_uses(const struct qa_side *s, size_t k,
			   const struct glossary *g, int li, void *md)
{
	struct qa_cache *c = s->cache;
	uint64_t m = 0;
	size_t e;

	if (c->uses_done[k])
		return c->uses[k];
	for (e = 0; e < g->n; e++) {
		const struct gl_term *t = term_for(&g->v[e], li, g->nlang);

		if (t && side_uses(s, k, e, t, md))
			m |= (uint64_t)1 << e;
	}
	c->uses[k] = m;
	c->uses_done[k] = 1;
	return m;
}

static void compare_glossary(struct cmp *c, const struct unit *u)
{
	const struct glossary *g = c->g;
	int oli = c->oli, tli = c->tli;
	uint64_t any = 0;
	size_t i, k;

	if (!g || u->tf == u->tt)
		return;
	if (g->n <= 64) {
		/* the entries the original's blocks use, most often none */
		for (k = u->of; k < u->ot; k++)
			if (is_text_block(oblk(c, k)))
				any |= block_uses(c->o, k, g, oli, c->md);
		if (!any)
			return;
	}
	for (i = 0; i < g->n; i++) {
		const struct gl_term *ot, *tt;
		long at = -1;

		if (g->n <= 64 && !(any >> i & 1))
			continue;
		ot = term_for(&g->v[i], oli, g->nlang);
		tt = term_for(&g->v[i], tli, g->nlang);
		if (!ot || !tt)
			continue;
		for (k = u->of; k < u->ot && at < 0; k++)
			if (is_text_block(oblk(c, k)) && side_uses(c->o, k, i, ot, c->md))
				at = (long)k;
		if (at < 0)
			continue;
		for (k = u->tf; k < u->tt; k++)
			if (side_uses(c->t, k, i, tt, c->md))
				break;
		if (k < u->tt)
			continue;
		buf_reset(&c->msg);
		if (g->v[i].keep)
			buf_addf(&c->msg, "glossary name '%s' not kept as written",
				 tt->text);
		else
			buf_addf(&c->msg, "glossary term '%s' not rendered as '%s'",
				 ot->text, tt->text);
		report(c, R_QA_GLOSSARY, tblk(c, u->tf), 0, oblk(c, (size_t)at),
		       c->msg.buf);
	}
}

static void compare_unit(struct cmp *c, const struct unit *u)
{
	const struct qa_cache *oc = c->o->cache, *tc = c->t->cache;
	size_t k;

	if (u->of == u->ot)
		return;
	/* the translation's tokens and links, where the original's unit
	 * has some to find */
	if (oc->nstart[u->ot] != oc->nstart[u->of] ||
	    oc->lstart[u->ot] != oc->lstart[u->of]) {
		if (u->tf >= tc->upto) {
			read_blocks(c->t, u->tf, u->tt);
		} else {
			for (k = u->tf; k < u->tt && k < tc->upto && tc->read[k]; k++)
				;
			if (k < u->tt)	/* passed over before: read it all */
				qa_side_prepare(c->t, c->g);
		}
	}
	compare_numbers(c, u);
	compare_links(c, u);
	compare_untranslated(c, u);
	compare_glossary(c, u);
}

/* ---- alignment ------------------------------------------------------ */

static size_t body_start(const struct block_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].kind != BLK_TITLE && l->v[i].kind != BLK_SUMMARY &&
		    l->v[i].kind != BLK_SOURCE)
			break;
	return i;
}

/* The run of blocks of kind k among the frontmatter blocks [0, end). */
static void fm_run(const struct block_list *l, size_t end, enum block_kind k,
		   size_t *from, size_t *to)
{
	size_t i;

	*from = *to = 0;
	for (i = 0; i < end; i++)
		if (l->v[i].kind == k) {
			if (*from == *to)
				*from = i;
			*to = i + 1;
		}
}

static int same_body_shape(const struct block_list *a, size_t ab,
			   const struct block_list *b, size_t bb)
{
	size_t i;

	if (a->n - ab != b->n - bb)
		return 0;
	for (i = 0; ab + i < a->n; i++) {
		const struct block *x = &a->v[ab + i], *y = &b->v[bb + i];

		if (x->kind != y->kind || x->level != y->level)
			return 0;
	}
	return 1;
}

static size_t count_headings(const struct block_list *l, size_t from)
{
	size_t i, n = 0;

	for (i = from; i < l->n; i++)
		n += l->v[i].kind == BLK_HEADING;
	return n;
}

/* The blocks of section s among [from, n): [*a, *b). */
static void section_run(const struct block_list *l, size_t from, unsigned s,
			size_t *a, size_t *b)
{
	size_t i = from;

	while (i < l->n && l->v[i].section < s)
		i++;
	*a = i;
	while (i < l->n && l->v[i].section == s)
		i++;
	*b = i;
}

enum qa_align qa_compare(struct qa_side *orig, struct qa_side *trans,
			 const struct glossary *g, struct diag_list *d)
{
	const struct block_list *o = orig->blocks, *t = trans->blocks;
	static const enum block_kind fm_kinds[] = { BLK_TITLE, BLK_SUMMARY, BLK_SOURCE };
	struct cmp c;
	struct unit u;
	size_t ob = body_start(o), tb = body_start(t), k;
	enum qa_align align;

	qa_side_prepare(orig, g);
	side_prepare_lazy(trans, g);
	memset(&c, 0, sizeof(c));
	c.o = orig;
	c.t = trans;
	c.g = g;
	c.d = d;
	c.md = glossary_md_new();
	c.oli = g ? glossary_lang(g, orig->lang) : -1;
	c.tli = g ? glossary_lang(g, trans->lang) : -1;
	buf_init(&c.msg);
	buf_init(&c.a);
	buf_init(&c.b);
	for (k = 0; k < ARRAY_SIZE(fm_kinds); k++) {
		fm_run(o, ob, fm_kinds[k], &u.of, &u.ot);
		fm_run(t, tb, fm_kinds[k], &u.tf, &u.tt);
		if (fm_kinds[k] == BLK_SOURCE && u.ot - u.of == u.tt - u.tf) {
			/* as many sources: one by one */
			size_t i, n = u.ot - u.of;
			struct unit one;

			for (i = 0; i < n; i++) {
				one.of = u.of + i;
				one.ot = one.of + 1;
				one.tf = u.tf + i;
				one.tt = one.tf + 1;
				compare_unit(&c, &one);
			}
			continue;
		}
		compare_unit(&c, &u);
	}
	if (same_body_shape(o, ob, t, tb)) {
		align = QA_ALIGN_BLOCKS;
		for (k = 0; ob + k < o->n; k++) {
			u.of = ob + k;
			u.ot = u.of + 1;
			u.tf = tb + k;
			u.tt = u.tf + 1;
			compare_unit(&c, &u);
		}
	} else if (count_headings(o, ob) == count_headings(t, tb) &&
		   count_headings(o, ob) > 0) {
		unsigned s, ns = (unsigned)count_headings(o, ob);

		align = QA_ALIGN_SECTIONS;
		for (s = 0; s <= ns; s++) {
			section_run(o, ob, s, &u.of, &u.ot);
			section_run(t, tb, s, &u.tf, &u.tt);
			compare_unit(&c, &u);
		}
	} else {
		align = QA_ALIGN_BODY;
		u.of = ob;
		u.ot = o->n;
		u.tf = tb;
		u.tt = t->n;
		compare_unit(&c, &u);
	}
	free(c.oused);
	free(c.tused);
	buf_release(&c.msg);
	buf_release(&c.a);
	buf_release(&c.b);
	glossary_md_free(c.md);
	return align;
}

/* ---- one article alone ---------------------------------------------- */

enum { SCRIPT_WESTERN, SCRIPT_ARABIC, SCRIPT_EASTERN, SCRIPT__N };

static int script_of(const char *s, size_t i, size_t n)
{
	unsigned char c = (unsigned char)s[i];

	if (c >= '0' && c <= '9')
		return SCRIPT_WESTERN;
	if (i + 1 < n && (c == 0xD9 && (unsigned char)s[i + 1] >= 0xA0 &&
			  (unsigned char)s[i + 1] <= 0xA9))
		return SCRIPT_ARABIC;
	if (i + 1 < n && (c == 0xDB && (unsigned char)s[i + 1] >= 0xB0 &&
			  (unsigned char)s[i + 1] <= 0xB9))
		return SCRIPT_EASTERN;
	return -1;
}

static void check_digits(const struct qa_side *a, struct diag_list *d)
{
	static const char *const names[SCRIPT__N] = {
		"Western", "Arabic-Indic", "Eastern Arabic-Indic",
	};
	const struct block_list *l = a->blocks;
	const struct qa_cache *c = a->cache;
	size_t count[SCRIPT__N] = { 0 }, first_blk[SCRIPT__N], first_off[SCRIPT__N];
	size_t i, j;
	int s, most = 0, used = 0;

	for (i = 0; i < c->nums.n; i++) {
		const struct num_token *t = &c->nums.v[i];
		const struct block *b = &l->v[c->nblock[i]];

		for (j = t->off; j < t->off + t->len; j++) {
			s = script_of(b->text, j, b->len);
			if (s < 0)
				continue;
			if (!count[s]++) {
				first_blk[s] = c->nblock[i];
				first_off[s] = j;
			}
		}
	}
	for (s = 0; s < SCRIPT__N; s++) {
		used += count[s] > 0;
		if (count[s] > count[most])
			most = s;
	}
	if (used < 2)
		return;
	for (s = 0; s < SCRIPT__N; s++) {
		const struct block *b;
		unsigned line, col;

		if (s == most || !count[s])
			continue;
		b = &l->v[first_blk[s]];
		if (block_ignores(b, rule_table[R_QA_DIGITS].id))
			continue;
		block_pos(b, first_off[s], &line, &col);
		diag(d, R_QA_DIGITS, a->path, line, col, NULL,
		     "mixed digits: %zu %s digit%s in an article written with "
		     "%zu %s digit%s", count[s], names[s], count[s] == 1 ? "" : "s",
		     count[most], names[most], count[most] == 1 ? "" : "s");
	}
}

static void check_forbidden(const struct qa_side *a, const struct glossary *g,
			    struct diag_list *d)
{
	const struct block_list *l = a->blocks;
	int li = glossary_lang(g, a->lang);
	void *md;
	size_t i, k, f;

	if (li < 0)
		return;
	md = glossary_md_new();
	for (i = 0; i < g->n; i++) {
		const struct gl_entry *e = &g->v[i];

		if (!e->nforbidden[li])
			continue;

		for (f = 0; f < e->nforbidden[li]; f++) {
			const struct gl_term *t = &e->forbidden[li][f];

			for (k = 0; k < l->n; k++) {
				const struct block *b = &l->v[k];
				size_t off, len;
				unsigned line, col;

				if (!is_text_block(b) ||
				    !glossary_may(t, b->text, b->len) ||
				    !glossary_count(t, masked(a, k), b->len, md, &off, &len) ||
				    block_ignores(b, rule_table[R_QA_GLOSSARY].id))
					continue;
				block_pos(b, off, &line, &col);
				if (e->term[li].text)
					diag(d, R_QA_GLOSSARY, a->path, line, col, NULL,
					     "forbidden term '%.*s': the glossary says '%s'",
					     (int)len, b->text + off, e->term[li].text);
				else
					diag(d, R_QA_GLOSSARY, a->path, line, col, NULL,
					     "forbidden term '%.*s'", (int)len,
					     b->text + off);
			}
		}
	}
	glossary_md_free(md);
}

void qa_article(struct qa_side *a, const struct glossary *g,
		struct diag_list *d)
{
	size_t k;

	/* digits of two scripts need an Arabic-Indic one: else the tokens
	 * are not read for this check */
	for (k = 0; k < a->blocks->n; k++) {
		const struct block *b = &a->blocks->v[k];

		if (a->body_western && b->kind != BLK_TITLE &&
		    b->kind != BLK_SUMMARY && b->kind != BLK_SOURCE)
			continue;
		if (is_text_block(b) && numbers_arabic_digit(b->text, b->len))
			break;
	}
	if (k < a->blocks->n && !RULE_SILENCED(d->ignored[R_QA_DIGITS])) {
		qa_side_prepare(a, g);
		check_digits(a, d);
	}
	if (g) {
		side_prepare_lazy(a, g);
		check_forbidden(a, g, d);
	}
}
