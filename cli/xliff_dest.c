/*
 * xliff_dest.c - an existing translation's own link targets and images
 * on import (SPEC 14).
 *
 * An import writes the original's skeleton with the targets in place, so
 * every destination it writes is the original's.  A translation may have
 * localized one (https://example.org/en/help where the original has
 * /fr/aide, image-en.png): the destination of its link, autolink or
 * image of the same kind and rank in the counterpart unit.  When the
 * original's destination is the one it had at the translation's base,
 * the translation's is a localization and is kept.  When the original
 * changed it since, its new one is written: silently when the
 * translation had the original's old one, with a warning at the
 * translation's line naming the one that went when it had its own; and
 * when the base text is unknown, the original's is written with a
 * warning too, folio cannot tell a localization from a leftover.  Whatever
 * other destination of the translation the written text no longer holds
 * (in a part of the skeleton, a reference definition) is a warning too:
 * nothing is lost silently.
 */
#include "xliff.h"

#include "diag.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void xkeep_release(struct xkeep *k)
{
	free(k->sp);
	free(k->said);
	if (k->warn) {
		diag_list_release(k->warn);
		free(k->warn);
	}
	memset(k, 0, sizeof(*k));
}

/* Line and column (in characters) of p in text. */
static void position(const char *text, const char *p, unsigned *line,
		     unsigned *col)
{
	const char *q;

	*line = 1;
	*col = 1;
	for (q = text; q < p; q++) {
		if (*q == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)*q & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* The rank-th code of u that holds a destination of kind kk (a link's
 * end, an image, an autolink), or NULL. */
static const struct xitem *nth_dest(const struct xunit *u, enum xcode_kind kk,
				    unsigned rank)
{
	size_t i;

	for (i = 0; u && i < u->n; i++) {
		const struct xitem *it = &u->items[i];

		if (it->kind != kk || it->type == XI_TEXT ||
		    (kk == XC_LINK && it->type != XI_CLOSE))
			continue;
		if (!rank--)
			return it;
	}
	return NULL;
}

/* A destination: bytes [s, e) of body; none when s == e. */
struct span {
	const char *body;
	size_t s, e;
};

static int span_eq(struct span a, struct span b)
{
	return a.e - a.s == b.e - b.s && !memcmp(a.body + a.s, b.body + b.s, a.e - a.s);
}

struct keeper {
	struct xkeep *k;
	const char *ttext, *tpath, *file;
};

enum base_state {
	BASE_UNKNOWN,		/* no text at the translation's base */
	BASE_HAD,		/* the base had this destination: b */
	BASE_NEW,		/* the base had no such link or image */
};

/* The original's destination o, the translation's t, the base's b. */
static void decide(struct keeper *kp, const char *what, struct span o,
		   struct span t, enum base_state bs, struct span b)
{
	struct xkeep *k = kp->k;
	unsigned line, col;
	int ol = (int)(o.e - o.s < 200 ? o.e - o.s : 200);
	int tl = (int)(t.e - t.s < 200 ? t.e - t.s : 200);
	int bl = (int)(b.e - b.s < 200 ? b.e - b.s : 200);

	if (o.e == o.s || t.e == t.s || span_eq(o, t))
		return;
	if (bs == BASE_HAD && span_eq(o, b)) {
		/* the original kept it since the base: a localization */
		GROW(k->sp, k->asp, k->nsp + 1);
		k->sp[k->nsp].start = o.s;
		k->sp[k->nsp].end = o.e;
		k->sp[k->nsp].s = t.body + t.s;
		k->sp[k->nsp++].n = t.e - t.s;
		return;
	}
	GROW(k->said, k->asaid, k->nsaid + 1);
	k->said[k->nsaid++] = t.body + t.s;
	if (bs == BASE_HAD && span_eq(t, b))
		return;	/* the original's then, not a localization: it follows */
	position(kp->ttext, t.body + t.s, &line, &col);
	if (bs == BASE_UNKNOWN)
		diag_sev(k->warn, R_XLIFF, SEV_WARNING, kp->tpath, line, col, NULL,
			 "%s '%.*s' of the translation replaced by the original's "
			 "'%.*s' in the text imported from %s: without the original's "
			 "text at the translation's base, folio cannot tell a "
			 "localized one from an outdated one; put it back by hand "
			 "if it was localized", what, tl, t.body + t.s, ol,
			 o.body + o.s, kp->file);
	else if (bs == BASE_NEW)
		diag_sev(k->warn, R_XLIFF, SEV_WARNING, kp->tpath, line, col, NULL,
			 "%s '%.*s' of the translation replaced by the original's "
			 "'%.*s' in the text imported from %s: the original's is new "
			 "since the translation's base; localize it again if need be",
			 what, tl, t.body + t.s, ol, o.body + o.s, kp->file);
	else
		diag_sev(k->warn, R_XLIFF, SEV_WARNING, kp->tpath, line, col, NULL,
			 "%s '%.*s' of the translation replaced by the original's "
			 "'%.*s' in the text imported from %s: the original changed it "
			 "since the translation's base (from '%.*s'); localize it "
			 "again if need be", what, tl, t.body + t.s, ol, o.body + o.s,
			 kp->file, bl, b.body + b.s);
}

/* The base's unit at unit i's place, and its body; BASE_UNKNOWN, or
 * BASE_NEW when the unit was not there. */
static enum base_state base_unit(const struct xmatch *m, const struct xdoc *ox,
				 size_t i, const struct xunit **bu,
				 const char **bbody)
{
	*bu = NULL;
	*bbody = NULL;
	if (m->base_known == 2) {
		*bu = &ox->units[i];
		*bbody = ox->body;
		return BASE_HAD;
	}
	if (m->base_known != 1)
		return BASE_UNKNOWN;
	if (!m->then || m->then[i] < 0 || (size_t)m->then[i] >= m->base.n)
		return BASE_NEW;
	*bu = &m->base.units[m->then[i]];
	*bbody = m->base.body;
	return BASE_HAD;
}

/* The links, autolinks and images of unit i, whose target is written
 * with the original's codes, against its counterpart tu. */
static void unit_codes(struct keeper *kp, const struct xunit *ou, const char *obody,
		       const struct xunit *tu, const char *tbody,
		       enum base_state bs, const struct xunit *bu,
		       const char *bbody)
{
	static const enum xcode_kind kinds[] = { XC_LINK, XC_IMAGE, XC_AUTOLINK };
	size_t q;

	for (q = 0; q < ARRAY_SIZE(kinds); q++) {
		const struct xitem *o, *t, *b;
		unsigned r;

		for (r = 0; (o = nth_dest(ou, kinds[q], r)) != NULL; r++) {
			struct span so = { obody, o->dest, o->dest_end };
			struct span st = { tbody, 0, 0 }, sb = { obody, 0, 0 };
			enum base_state here = bs;

			if (!(t = nth_dest(tu, kinds[q], r)))
				continue;
			st.s = t->dest;
			st.e = t->dest_end;
			if (bs == BASE_HAD) {
				b = nth_dest(bu, kinds[q], r);
				if (b) {
					sb.body = bbody;
					sb.s = b->dest;
					sb.e = b->dest_end;
				} else {
					here = BASE_NEW;
				}
			}
			decide(kp, kinds[q] == XC_IMAGE ? "image" : "link target",
			       so, st, here, sb);
		}
	}
}

static int cmp_splice(const void *a, const void *b)
{
	const struct xsplice *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

void xliff_keep_dests(struct xkeep *k, const struct xdoc *ox,
		      const struct xtarget *tg, const struct xdoc *tx,
		      const struct xmatch *m, const char *ttext,
		      const char *tpath, const char *file)
{
	struct keeper kp = { k, ttext, tpath, file };
	size_t i;

	if (!k->warn) {
		k->warn = xmalloc(sizeof(*k->warn));
		*k->warn = (struct diag_list)DIAG_LIST_INIT;
	}
	for (i = 0; i < ox->n && m->counterpart; i++) {
		const struct xunit *ou = &ox->units[i], *tu, *bu;
		const char *bbody;
		enum base_state bs;
		long c = m->counterpart[i];

		if (c < 0 || (size_t)c >= tx->n)
			continue;
		tu = &tx->units[c];
		bs = base_unit(m, ox, i, &bu, &bbody);
		if (ou->dest_end > ou->dest) {
			/* an image alone: its destination is skeleton */
			struct span so = { ox->body, ou->dest, ou->dest_end };
			struct span st = { tx->body, tu->dest, tu->dest_end };
			struct span sb = { bbody, bu ? bu->dest : 0, bu ? bu->dest_end : 0 };

			decide(&kp, "image", so, st, bs == BASE_HAD && sb.e == sb.s ?
			       BASE_NEW : bs, sb);
		}
		if (tg[i].state == XT_TRANSLATED)
			unit_codes(&kp, ou, ox->body, tu, tx->body, bs, bu, bbody);
	}
	if (k->nsp > 1)
		qsort(k->sp, k->nsp, sizeof(*k->sp), cmp_splice);
}

/* A link or image destination of a Markdown text. */
struct dest {
	const char *s;
	size_t n;
};

static int cmp_dest(const void *a, const void *b)
{
	const struct dest *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);

	return c ? c : (x->n > y->n) - (x->n < y->n);
}

static void add_dest(struct dest **v, size_t *nv, size_t *alloc, const char *s,
		     size_t n)
{
	GROW(*v, *alloc, *nv + 1);
	(*v)[*nv].s = s;
	(*v)[(*nv)++].n = n;
}

/*
 * The destinations of the links and images of s[0..n): after "](" (in
 * <> or up to a space or ')'), and of each reference definition
 * ("[x]: dest" at a line's start), into *v (pointing into s).
 */
static void dests_of(const char *s, size_t n, struct dest **v, size_t *nv,
		     size_t *alloc)
{
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		j = n;
		if (s[i] == ']' && i + 1 < n && s[i + 1] == '(') {
			j = i + 2;
		} else if (s[i] == '[' && (i == 0 || s[i - 1] == '\n')) {
			const char *e = memchr(s + i, '\n', n - i);
			const char *d = find_bytes(s + i, (size_t)((e ? e : s + n) - (s + i)),
						   "]:", 2);

			if (d)
				j = (size_t)(d - s) + 2;
		}
		if (j >= n)
			continue;
		while (j < n && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j < n && s[j] == '<') {
			const char *e = memchr(s + j, '>', n - j);

			if (e)
				add_dest(v, nv, alloc, s + j + 1, (size_t)(e - (s + j + 1)));
			continue;
		}
		for (k = j; k < n && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' &&
		     s[k] != ')'; k++)
			;
		if (k > j)
			add_dest(v, nv, alloc, s + j, k - j);
	}
}

static int said_before(const struct xkeep *k, const char *p)
{
	size_t i;

	for (i = 0; i < k->nsaid; i++)
		if (k->said[i] == p)
			return 1;
	return 0;
}

void xliff_warn_lost_dests(struct diag_list *d, const struct xkeep *k,
			   const char *ttext, const char *tbody,
			   const char *tend, const char *tpath,
			   const struct buf *out, const char *file)
{
	struct dest *old = NULL, *now = NULL;
	size_t nold = 0, aold = 0, nnow = 0, anow = 0, i = 0, j = 0;

	if (!tbody)
		return;
	dests_of(tbody, (size_t)(tend - tbody), &old, &nold, &aold);
	dests_of(out->buf, out->len, &now, &nnow, &anow);
	if (nold > 1)
		qsort(old, nold, sizeof(*old), cmp_dest);
	if (nnow > 1)
		qsort(now, nnow, sizeof(*now), cmp_dest);
	while (i < nold) {
		int c = j < nnow ? cmp_dest(&old[i], &now[j]) : -1;
		unsigned line, col;

		if (c > 0) {
			j++;
			continue;
		}
		if (c == 0) {
			j++;
		} else if (!said_before(k, old[i].s)) {
			position(ttext, old[i].s, &line, &col);
			diag_sev(d, R_XLIFF, SEV_WARNING, tpath, line, col, NULL,
				 "link target '%.*s' of the translation is not in "
				 "the text imported from %s, which takes the original's "
				 "links and images: put it back by hand if it was "
				 "localized", (int)(old[i].n < 200 ? old[i].n : 200),
				 old[i].s, file);
		}
		i++;
	}
	free(old);
	free(now);
}
