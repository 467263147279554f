/*
 * export_fill.c - how page data is built (struct pg, one per worker):
 * scratch buffers, the nodes of the data tree and their literal keys,
 * values with the typography of their language, and the catalog's
 * sentences filled with their arguments ("{first} et {last}", "Merci à
 * {name}"), in HTML and in text, with the direction of each piece kept.
 */
#include "export_int.h"
#include "escape.h"
#include "util.h"

#include <utf8proc.h>

/*
 * An empty scratch buffer, the caller's until pg_scratch_pop().  Its
 * contents are never NULL, even before anything is appended: pg_fill()
 * reads a NULL markup as "no markup".
 */
struct buf *pg_scratch_push(struct pg *p)
{
	struct buf *b;

	if (p->top == p->nstack) {
		GROW(p->stack, p->astack, p->nstack + 1);
		p->stack[p->nstack] = xcalloc(1, sizeof(struct buf));
		buf_grow(p->stack[p->nstack++], 0);
	}
	b = p->stack[p->top++];
	buf_reset(b);
	return b;
}

void pg_release(struct pg *p)
{
	size_t i;

	for (i = 0; i < p->nstack; i++) {
		buf_release(p->stack[i]);
		free(p->stack[i]);
	}
	free(p->stack);
	p->stack = NULL;
	p->nstack = p->astack = p->top = 0;
	buf_release(&p->t1);
	buf_release(&p->t2);
	memset(p->keys, 0, sizeof(p->keys));
	arena_release(&p->key_arena);
	free(p->people);
	p->people = NULL;
	p->nmade = 0;
	arena_release(&p->people_arena);
	free(p->titles);
	p->titles = NULL;
	p->ntitles = 0;
	arena_release(&p->titles_arena);
	free(p->version_ends);
	p->version_ends = NULL;
	free(p->dated);
	p->dated = NULL;
	free(p->sections);
	p->sections = NULL;
	free(p->credits);
	p->credits = NULL;
	p->stylesheet = p->index_href = NULL;
	arena_release(&p->kept_arena);
}

/* s with the typography of tl appended to out. */
static void typo_append_lang(struct buf *out, const char *s, size_t n,
			     enum typo_lang tl)
{
	struct typo t;

	if (tl == TYPO_LANG_NONE) {
		buf_add(out, s, n);
		return;
	}
	typo_init_lang(&t, tl, 0);
	typo_text(&t, out, s, n);
}

/* s with the page language's typography appended to out. */
void pg_typo_append(const struct pg *p, struct buf *out, const char *s,
			size_t n)
{
	struct typo t;
	enum typo_lang tl = p->x->langs[p->lang].typo;

	if (tl == TYPO_LANG_NONE) {
		buf_add(out, s, n);
		return;
	}
	typo_init_lang(&t, tl, 0);
	typo_text(&t, out, s, n);
}

/* Text shown to the reader: typography applied (Mustache escapes it). */
void pg_set_text(struct pg *p, struct ynode *map, const char *key,
		     const char *s)
{
	buf_reset(&p->t1);
	pg_typo_append(p, &p->t1, s, strlen(s));
	pg_set_str(p, map, key, p->t1.buf, p->t1.len);
}

/*
 * Article art's title (its id when it has none) as pg_set_text() gives
 * it, on a page whose language (p->lang) is the article's: made once per
 * worker and run, since the same titles come back as related reading.
 */
void pg_set_title(struct pg *p, struct ynode *map, const char *key,
		  size_t art)
{
	const struct article_meta *m = &p->x->c.articles[art];
	struct ynode *n;

	struct title_slot *slot;

	if (!p->titles)
		p->titles = xcalloc(TITLE_SLOTS, sizeof(*p->titles));
	slot = &p->titles[art & (TITLE_SLOTS - 1)];
	if (slot->art == art + 1) {
		n = slot->title;
	} else {
		const char *s = m->title ? m->title : m->id;

		buf_reset(&p->t1);
		pg_typo_append(p, &p->t1, s, strlen(s));
		n = ynode_string(&p->titles_arena, p->t1.buf, p->t1.len);
		slot->art = art + 1;
		slot->title = n;
		p->ntitles++;
	}
	pg_map_add(p, map, key, n);
}

/* Between two pages: no title of titles_arena is in use. */
void pg_page_begin(struct pg *p)
{
	if (p->ntitles < TITLE_SLOTS)
		return;
	arena_reset(&p->titles_arena);
	memset(p->titles, 0, TITLE_SLOTS * sizeof(*p->titles));
	p->ntitles = 0;
}

/* The same for a catalog string written in language tl (export_cat_str_typo). */
void pg_set_text_typo(struct pg *p, struct ynode *map, const char *key,
			  const char *s, enum typo_lang tl)
{
	buf_reset(&p->t1);
	typo_append_lang(&p->t1, s, strlen(s), tl);
	pg_set_str(p, map, key, p->t1.buf, p->t1.len);
}

/*
 * A URL, raw in u[0..n): stored escaped for an attribute ({{{ }}}), or
 * as it is for the text format, which prints it.
 */
void pg_set_url(struct pg *p, struct ynode *map, const char *key,
		    const char *u, size_t n)
{
	if (p->x->f->text) {
		pg_set_str(p, map, key, u, n);
		return;
	}
	buf_reset(&p->t1);
	escape_url(&p->t1, u, n);
	pg_set_str(p, map, key, p->t1.buf, p->t1.len);
}

/* A name in a sentence, isolated on right-to-left pages (see pg_fill()). */
static void add_isolated(const struct pg *p, struct buf *html, const char *s,
			 size_t n)
{
	if (p->rtl)
		buf_adds(html, "<bdi>");
	escape_html(html, s, n);
	if (p->rtl)
		buf_adds(html, "</bdi>");
}

/* A label of the page's language (xlang.label), shared by every page. */
void pg_set_label(struct pg *p, struct ynode *map, int which)
{
	pg_map_add(p, map, export_label_keys[which],
		 p->x->langs[p->lang].label[which]);
}

/*
 * Text runs: a sentence as a list of {text, href} maps, href (raw) on
 * the runs that are links.  The text format numbers those links, so it
 * needs the sentence in pieces rather than as markup.
 */
static void run_add(struct pg *p, struct ynode *runs, const char *s, size_t n,
		    const char *href)
{
	struct ynode *r = ynode_new(p->a, Y_MAP);

	pg_map_add(p, r, "text", ynode_string(p->a, s, n));
	if (href)
		pg_map_add(p, r, "href", ynode_string(p->a, href, strlen(href)));
	yseq_add(p->a, runs, r);
}

static void runs_append(struct pg *p, struct ynode *runs,
			const struct ynode *more)
{
	size_t i;

	for (i = 0; more && i < more->n; i++)
		yseq_add(p->a, runs, more->items[i]);
}

/* A piece of a catalog string: literal text, or a placeholder. */
struct piece {
	const char *s;
	size_t n;
	int arg;		/* index in args, or -1: literal */
};

#define MAX_PIECES 64

/* Only spaces and punctuation (", ", " (", "، "): what joins two values. */
/*
 * Is s[0..n) a joint between two placeholders: punctuation and spaces,
 * with at most one word among them (", ", " (", " \xC3\xA0 ", " at ")?
 */
static int is_joint(const char *s, size_t n)
{
	size_t i = 0;
	int words = 0, in_word = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		utf8proc_category_t cat;

		if (k <= 0)
			return 0;
		cat = utf8proc_category(cp);
		if ((cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO) ||
		    (cat >= UTF8PROC_CATEGORY_ZS && cat <= UTF8PROC_CATEGORY_ZP)) {
			in_word = 0;
		} else if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_MC) {
			if (!in_word && ++words > 1)
				return 0;
			in_word = 1;
		} else {
			return 0;
		}
		i += (size_t)k;
	}
	return 1;
}

/* A comma (',' or the Arabic U+060C) at s: its length, else 0. */
static size_t comma_at(const char *s)
{
	if (s[0] == ',')
		return 1;
	if ((unsigned char)s[0] == 0xD8 && (unsigned char)s[1] == 0x8C)
		return 2;
	return 0;
}

/* Does s[0..n) hold a comma? */
static int has_comma(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (comma_at(s + i))
			return 1;
	return 0;
}

/*
 * Split tmpl into pieces.  A placeholder whose value is empty (a reviewer
 * without an affiliation) goes, and so does the joint (punctuation, and
 * one word at most) that tied it to the placeholder before it
 * ("{name}, {role}" -> "{name}", "{role} \xC3\xA0 {affiliation}" -> "{role}"),
 * with the closing bracket of an opening one it took
 * (" ({affiliation})" -> "").  When the joints that went opened with a
 * comma an aside that is now empty, the comma that closed it goes too:
 * "{name}, {role} ({affiliation}), for" -> "{name} for".
 * Returns the number of pieces; a string of more pieces is cut there.
 */
static size_t split_pieces(const char *tmpl, const struct farg *args,
			   size_t nargs, struct piece *v)
{
	const char *s = tmpl;
	size_t n = 0;
	int gone_comma = 0;

	while (*s && n + 2 < MAX_PIECES) {
		const char *open, *close;
		size_t i;

		if (gone_comma && n && v[n - 1].arg >= 0 &&
		    (*s == ')' || *s == ']') && comma_at(s + 1)) {
			/* "{name} ({affiliation})," : the bracket stays */
			v[n].s = s;
			v[n].n = 1;
			v[n++].arg = -1;
			s += 1 + comma_at(s + 1);
			gone_comma = 0;
		} else if (gone_comma && n && v[n - 1].arg >= 0 && comma_at(s)) {
			s += comma_at(s);
			gone_comma = 0;
		}
		if (!*s)
			break;
		open = strchr(s, '{');
		close = open ? strchr(open, '}') : NULL;

		if (!close) {
			v[n].s = s;
			v[n].n = strlen(s);
			v[n++].arg = -1;
			break;
		}
		for (i = 0; i < nargs; i++)
			if (memeq(open + 1, (size_t)(close - open - 1), args[i].name))
				break;
		v[n].s = s;
		v[n].n = (size_t)(i < nargs ? open - s : close + 1 - s);
		v[n++].arg = -1;
		if (i < nargs) {
			if (!args[i].len && n >= 2 && v[n - 2].arg >= 0 &&
			    is_joint(v[n - 1].s, v[n - 1].n)) {
				/* drop the joint, and a bracket it opened */
				const char *last = v[n - 1].s + v[n - 1].n - 1;

				if (v[n - 1].n && (*last == '(' || *last == '[') &&
				    close[1] == (*last == '(' ? ')' : ']'))
					close++;
				gone_comma |= has_comma(v[n - 1].s, v[n - 1].n);
				n--;
			} else if (args[i].len) {
				v[n].s = open;
				v[n].n = (size_t)(close + 1 - open);
				v[n++].arg = (int)i;
			}
		}
		s = close + 1;
	}
	return n;
}

/*
 * Fill the {name} placeholders of a catalog string into html (escaped;
 * text values isolated with <bdi> on right-to-left pages, where a Latin
 * name would otherwise reorder the sentence around it; left alone for
 * the text format, which reads no markup) and text (plain).
 * The whole string is one typography run, so "texte : {date}" gets its
 * no-break space.  An unknown placeholder stays as written.
 */
/* The typography of a sentence: that of the language it is written in. */
static enum typo_lang tmpl_typo(const struct pg *p, const char *tmpl)
{
	const struct xlang *L = &p->x->langs[p->lang];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(export_sentence_keys); i++)
		if (tmpl == L->sentence[i])
			return L->sentence_typo[i];
	return L->typo;
}

void pg_fill(struct pg *p, const char *tmpl, const struct farg *args,
		 size_t nargs, struct buf *html, struct buf *text,
		 struct ynode *runs)
{
	enum typo_lang tl = tmpl_typo(p, tmpl);
	struct piece v[MAX_PIECES];
	struct buf *run = pg_scratch_push(p);
	struct typo t;
	int typo = tl != TYPO_LANG_NONE;
	/* the text format reads no markup: html is left as it is */
	int markup = !p->x->f->text;
	size_t n = split_pieces(tmpl, args, nargs, v), k;

	if (typo)
		typo_init_lang(&t, tl, 0);
	for (k = 0; k < n; k++) {
		const struct farg *a = v[k].arg >= 0 ? &args[v[k].arg] : NULL;

		if (a && a->html) {
			if (markup)
				buf_add(html, a->html, a->hlen);
			buf_add(text, a->text, a->len);
			if (typo)
				typo_verbatim(&t, a->text, a->len);
			if (runs && a->runs)
				runs_append(p, runs, a->runs);
			else if (runs)
				run_add(p, runs, a->text, a->len, NULL);
			continue;
		}
		buf_reset(run);
		if (typo)
			typo_text(&t, run, a ? a->text : v[k].s, a ? a->len : v[k].n);
		else
			buf_add(run, a ? a->text : v[k].s, a ? a->len : v[k].n);
		if (markup && a)
			add_isolated(p, html, run->buf, run->len);
		else if (markup)
			escape_html(html, run->buf, run->len);
		buf_add(text, run->buf, run->len);
		if (runs)
			run_add(p, runs, run->buf, run->len, NULL);
	}
	pg_scratch_pop(p, 1);
}

/*
 * A catalog sentence with one placeholder, name, given as text and as
 * markup (runs: its text runs, or NULL): d gets key (text) and key_html,
 * and key_runs when sruns, the runs of the sentence, is given (text).
 */
void pg_fill_one(struct pg *p, struct ynode *d, const char *key,
		     const char *name, const struct buf *text,
		     const struct buf *html, const struct ynode *runs,
		     struct ynode *sruns)
{
	struct buf *t = pg_scratch_push(p), *h = pg_scratch_push(p), *k = pg_scratch_push(p);
	struct farg arg;

	arg.name = name;
	arg.text = text->buf;
	arg.len = text->len;
	arg.html = html->buf;
	arg.hlen = html->len;
	arg.runs = runs;
	pg_fill(p, export_sentence(p->x, p->lang, key), &arg, 1, h, t, sruns);
	/* ymap_add keeps keys as given: the names built here go to the arena */
	pg_set_str(p, d, key, t->buf, t->len);
	buf_adds(k, key);
	buf_adds(k, "_html");
	ymap_add(p->a, d, arena_strndup(p->a, k->buf, k->len),
		 pg_node_str(p, h->buf, h->len));
	if (sruns) {
		buf_setlen(k, strlen(key));
		buf_adds(k, "_runs");
		ymap_add(p->a, d, arena_strndup(p->a, k->buf, k->len), sruns);
	}
	pg_scratch_pop(p, 3);
}

/*
 * "a, b et c": the items but the last joined with list_sep, then the
 * last joined to them with list_pair's {first} {last}.
 */
void pg_join(struct pg *p, const struct litem *items, size_t n,
		 struct buf *html, struct buf *text, struct ynode *runs)
{
	struct buf *h, *t;
	const char *sep = p->x->langs[p->lang].sentence[S_LIST_SEP];
	struct ynode *first = runs ? ynode_new(p->a, Y_SEQ) : NULL;
	struct ynode *last = runs ? ynode_new(p->a, Y_SEQ) : NULL;
	/* the text format reads no markup: html stays empty (pg_fill()) */
	int markup = !p->x->f->text;
	struct farg args[2];
	size_t i;

	if (!n)
		return;
	h = pg_scratch_push(p);
	t = pg_scratch_push(p);
	/* all but the last, or the only one */
	for (i = 0; i < (n == 1 ? 1 : n - 1); i++) {
		if (i) {
			if (markup)
				escape_html(h, sep, strlen(sep));
			buf_adds(t, sep);
			if (runs)
				run_add(p, first, sep, strlen(sep), NULL);
		}
		if (markup && items[i].html)
			buf_add(h, items[i].html, items[i].hlen);
		else if (markup)
			add_isolated(p, h, items[i].text, items[i].len);
		buf_add(t, items[i].text, items[i].len);
		if (runs)
			run_add(p, first, items[i].text, items[i].len,
				items[i].href);
	}
	if (n == 1) {
		buf_add(html, h->buf, h->len);
		buf_add(text, t->buf, t->len);
		runs_append(p, runs, first);
		goto out;
	}
	args[0].name = "first";
	args[0].text = t->buf;
	args[0].len = t->len;
	args[0].html = h->buf;
	args[0].hlen = h->len;
	args[0].runs = first;
	args[1].name = "last";
	args[1].text = items[n - 1].text;
	args[1].len = items[n - 1].len;
	args[1].runs = last;
	if (runs)
		run_add(p, last, items[n - 1].text, items[n - 1].len,
			items[n - 1].href);
	/* an argument with markup is a value, typography left out (pg_fill()) */
	if (!markup) {
		args[1].html = "";
		args[1].hlen = 0;
	} else if (items[n - 1].html) {
		args[1].html = items[n - 1].html;
		args[1].hlen = items[n - 1].hlen;
	} else {
		struct buf e = BUF_INIT;

		add_isolated(p, &e, items[n - 1].text, items[n - 1].len);
		args[1].html = buf_detach(&e, &args[1].hlen);
	}
	pg_fill(p, p->x->langs[p->lang].sentence[S_LIST_PAIR], args, 2, html, text,
	     runs);
	if (markup && !items[n - 1].html)
		free((char *)args[1].html);
out:
	pg_scratch_pop(p, 2);
}
