/*
 * deflate.c - a fast raw deflate encoder (deflate.h).
 *
 * The input is read once.  At each position the four bytes there are
 * hashed into a table of the last position that hashed alike; when the
 * bytes there are the same and within the 32 KiB window, the match is
 * extended (eight bytes at a time) and taken whole, else the byte is a
 * literal.  The symbols of up to SYM_MAX of them make a block, which is
 * written with the smallest of three encodings: a dynamic Huffman code
 * (lengths at most 15 bits, sent run-length coded), deflate's fixed
 * code, or stored.  Every Huffman code built here has at least two
 * symbols, so that each is complete, as strict inflaters require.
 */
#include "deflate.h"
#include "buf.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 32768u		/* the farthest a match may reach back */
#define MATCH_MIN 4		/* what the hash covers (deflate allows 3) */
#define MATCH_MAX 258
#define SYM_MAX 32768		/* symbols of one block */
#define STORED_MAX 65535u	/* bytes of one stored block */

#define NLITLEN 286		/* literals, end of block, lengths */
#define NLITLEN_FIXED 288	/* the fixed code counts two more */
#define NDIST 30
#define NCLEN 19		/* the code-length alphabet */
#define END_BLOCK 256

/* A symbol of the LZ77 pass: a literal byte, or a match. */
#define SYM_MATCH 0x80000000u
#define SYM_LEN_SHIFT 15	/* length - 3 above, distance - 1 below */

static const uint16_t len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
	59, 67, 83, 99, 115, 131, 163, 195, 227, 258
};
static const uint8_t len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
	4, 5, 5, 5, 5, 0
};
static const uint16_t dist_base[NDIST] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
	513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577
};
static const uint8_t dist_extra[NDIST] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
	10, 11, 11, 12, 12, 13, 13
};
/* the order the code-length code's lengths are sent in */
static const uint8_t clen_order[NCLEN] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
};

/* The codes of lengths and distances, looked up (built per call). */
struct codes_of {
	uint8_t len[256];	/* length - 3 -> length code - 257 */
	uint8_t near[256];	/* distance - 1 < 256 -> distance code */
	uint8_t far[256];	/* (distance - 1) >> 7 otherwise */
};

static void codes_of_init(struct codes_of *t)
{
	unsigned c, v;

	for (c = 0; c < 28; c++)
		for (v = len_base[c]; v < len_base[c + 1] && v < 258; v++)
			t->len[v - 3] = (uint8_t)c;
	t->len[258 - 3] = 28;
	for (c = 0; c < NDIST; c++) {
		unsigned lo = dist_base[c] - 1u;
		unsigned hi = lo + (1u << dist_extra[c]) - 1u;

		if (lo < 256) {
			for (v = lo; v <= hi; v++)
				t->near[v] = (uint8_t)c;
		} else {
			for (v = lo >> 7; v <= hi >> 7; v++)
				t->far[v] = (uint8_t)c;
		}
	}
}

static inline unsigned dist_code(const struct codes_of *t, unsigned d1)
{
	return d1 < 256 ? t->near[d1] : t->far[d1 >> 7];
}

/* ---- bits out, least significant first ---- */

struct bits {
	unsigned char *p;	/* the next whole byte */
	uint64_t acc;
	unsigned n;		/* bits held in acc, < 32 between calls */
};

static inline void put(struct bits *w, uint32_t v, unsigned nb)
{
	w->acc |= (uint64_t)v << w->n;
	w->n += nb;
	if (w->n >= 32) {
		w->p[0] = (unsigned char)w->acc;
		w->p[1] = (unsigned char)(w->acc >> 8);
		w->p[2] = (unsigned char)(w->acc >> 16);
		w->p[3] = (unsigned char)(w->acc >> 24);
		w->p += 4;
		w->acc >>= 32;
		w->n -= 32;
	}
}

/* Out to the next byte boundary, every bit written. */
static void put_align(struct bits *w)
{
	while (w->n > 0) {
		*w->p++ = (unsigned char)w->acc;
		w->acc >>= 8;
		w->n = w->n > 8 ? w->n - 8 : 0;
	}
	w->acc = 0;
}

/* ---- Huffman codes ---- */

/*
 * The symbols of freq[0..n) that occur, into sym[], by ascending
 * frequency, ties by symbol: a radix sort on the frequency's bytes
 * (a block's are under 2^24), stable, so symbols stay in order.
 * Returns how many.
 */
static unsigned by_freq(const uint32_t *freq, unsigned n, uint16_t *sym)
{
	uint16_t tmp[NLITLEN], *from = tmp, *to = sym, *t;
	unsigned count[256], i, m = 0, shift;
	uint32_t most = 0;

	for (i = 0; i < n; i++)
		if (freq[i]) {
			tmp[m++] = (uint16_t)i;
			most |= freq[i];
		}
	for (shift = 0; shift < 24 && (shift == 0 || most >> shift); shift += 8) {
		unsigned at = 0;

		memset(count, 0, sizeof(count));
		for (i = 0; i < m; i++)
			count[(freq[from[i]] >> shift) & 255]++;
		for (i = 0; i < 256; i++) {
			unsigned c = count[i];

			count[i] = at;
			at += c;
		}
		for (i = 0; i < m; i++)
			to[count[(freq[from[i]] >> shift) & 255]++] = from[i];
		t = from, from = to, to = t;
	}
	if (from != sym)
		memcpy(sym, from, m * sizeof(*sym));
	return m;
}

/*
 * Code lengths for freq[0..n) (n <= NLITLEN), none longer than maxbits;
 * symbols of frequency 0 get 0.  At least two symbols must have a
 * frequency.  Where Huffman's lengths are too long, the frequencies are
 * flattened and the code built again: a few bits lost on a rare symbol.
 */
static void huff_lengths(const uint32_t *freq_, unsigned n, unsigned maxbits,
			 uint8_t *lens)
{
	uint32_t freq[NLITLEN];
	uint16_t key[NLITLEN];
	uint32_t w[2 * NLITLEN];
	uint16_t parent[2 * NLITLEN];
	uint8_t depth[2 * NLITLEN];
	unsigned i, m, leaf, inner, made, deepest;

	memcpy(freq, freq_, n * sizeof(*freq));
	for (;;) {
		m = by_freq(freq, n, key);
		for (i = 0; i < m; i++)
			w[i] = freq[key[i]];
		/* two queues: the leaves, sorted, and the inner nodes, made
		 * in nondecreasing order of weight */
		leaf = 0, inner = m, made = m;
		while (made < 2 * m - 1) {
			unsigned pick[2], k;

			for (k = 0; k < 2; k++) {
				if (leaf < m && (inner >= made || w[leaf] <= w[inner]))
					pick[k] = leaf++;
				else
					pick[k] = inner++;
			}
			w[made] = w[pick[0]] + w[pick[1]];
			parent[pick[0]] = parent[pick[1]] = (uint16_t)made;
			made++;
		}
		depth[2 * m - 2] = 0;
		deepest = 0;
		for (i = 2 * m - 2; i-- > 0;) {
			depth[i] = (uint8_t)(depth[parent[i]] + 1);
			if (i < m && depth[i] > deepest)
				deepest = depth[i];
		}
		if (deepest <= maxbits)
			break;
		for (i = 0; i < n; i++)
			if (freq[i])
				freq[i] = (freq[i] >> 1) | 1;
	}
	memset(lens, 0, n);
	for (i = 0; i < m; i++)
		lens[key[i]] = depth[i];
}

/* The canonical codes of lens[0..n), bit-reversed for writing. */
static void huff_codes(const uint8_t *lens, unsigned n, uint16_t *code)
{
	unsigned count[16] = { 0 }, next[16], i, b, c = 0;

	for (i = 0; i < n; i++)
		count[lens[i]]++;
	count[0] = 0;
	for (b = 1; b < 16; b++) {
		c = (c + count[b - 1]) << 1;
		next[b] = c;
	}
	for (i = 0; i < n; i++) {
		unsigned l = lens[i], v;

		if (!l)
			continue;
		/* the l bits of the code, last first: all 16 reversed */
		v = next[l]++;
		v = (v & 0x5555) << 1 | (v >> 1 & 0x5555);
		v = (v & 0x3333) << 2 | (v >> 2 & 0x3333);
		v = (v & 0x0F0F) << 4 | (v >> 4 & 0x0F0F);
		v = (v & 0x00FF) << 8 | (v >> 8 & 0x00FF);
		code[i] = (uint16_t)(v >> (16 - l));
	}
}

/* At least two symbols used, so that the code is complete. */
static void two_used(uint32_t *freq, unsigned n)
{
	unsigned i, used = 0;

	for (i = 0; i < n; i++)
		used += freq[i] != 0;
	for (i = 0; used < 2 && i < n; i++)
		if (!freq[i]) {
			freq[i] = 1;
			used++;
		}
}

/* ---- blocks ---- */

struct block {
	const uint32_t *sym;
	size_t nsym;
	uint32_t lfreq[NLITLEN], dfreq[NDIST];
	uint64_t extra_bits;	/* of lengths and distances: any code */
};

/* The code lengths of a dynamic header, run-length coded. */
struct header {
	uint8_t llen[NLITLEN_FIXED], dlen[NDIST], clen[NCLEN];
	uint16_t cl_code[NCLEN];
	unsigned hlit, hdist, hclen;
	uint8_t op[NLITLEN + NDIST], op_extra[NLITLEN + NDIST];
	unsigned nop;
	uint64_t bits;		/* the header's size, after the 3-bit start */
};

static void rle_op(struct header *h, uint32_t *cfreq, unsigned sym,
		   unsigned extra)
{
	h->op[h->nop] = (uint8_t)sym;
	h->op_extra[h->nop++] = (uint8_t)extra;
	cfreq[sym]++;
}

static void make_header(struct header *h)
{
	uint8_t seq[NLITLEN + NDIST];
	uint32_t cfreq[NCLEN] = { 0 };
	unsigned total, i, run;

	h->hlit = NLITLEN;
	while (h->hlit > 257 && !h->llen[h->hlit - 1])
		h->hlit--;
	h->hdist = NDIST;
	while (h->hdist > 1 && !h->dlen[h->hdist - 1])
		h->hdist--;
	memcpy(seq, h->llen, h->hlit);
	memcpy(seq + h->hlit, h->dlen, h->hdist);
	total = h->hlit + h->hdist;
	h->nop = 0;
	for (i = 0; i < total; i += run) {
		unsigned v = seq[i], left;

		run = 1;
		while (i + run < total && seq[i + run] == v)
			run++;
		left = run;
		if (v == 0) {
			while (left >= 11) {
				unsigned r = left > 138 ? 138 : left;

				rle_op(h, cfreq, 18, r - 11);
				left -= r;
			}
			if (left >= 3) {
				rle_op(h, cfreq, 17, left - 3);
				left = 0;
			}
		} else {
			rle_op(h, cfreq, v, 0);
			left--;
			while (left >= 3) {
				unsigned r = left > 6 ? 6 : left;

				rle_op(h, cfreq, 16, r - 3);
				left -= r;
			}
		}
		while (left-- > 0)
			rle_op(h, cfreq, v, 0);
	}
	two_used(cfreq, NCLEN);
	huff_lengths(cfreq, NCLEN, 7, h->clen);
	huff_codes(h->clen, NCLEN, h->cl_code);
	h->hclen = NCLEN;
	while (h->hclen > 4 && !h->clen[clen_order[h->hclen - 1]])
		h->hclen--;
	h->bits = 5 + 5 + 4 + 3 * h->hclen;
	for (i = 0; i < h->nop; i++) {
		unsigned s = h->op[i];

		h->bits += h->clen[s] + (s == 16 ? 2 : s == 17 ? 3 : s == 18 ? 7 : 0);
	}
}

static void put_header(struct bits *w, const struct header *h)
{
	unsigned i;

	put(w, h->hlit - 257, 5);
	put(w, h->hdist - 1, 5);
	put(w, h->hclen - 4, 4);
	for (i = 0; i < h->hclen; i++)
		put(w, h->clen[clen_order[i]], 3);
	for (i = 0; i < h->nop; i++) {
		unsigned s = h->op[i];

		put(w, h->cl_code[s], h->clen[s]);
		if (s >= 16)
			put(w, h->op_extra[i], s == 16 ? 2 : s == 17 ? 3 : 7);
	}
}

/* The block's symbols in the code of llen/dlen. */
static void put_symbols(struct bits *w, const struct block *b,
			const struct codes_of *t, const uint8_t *llen,
			const uint8_t *dlen)
{
	uint16_t lcode[NLITLEN_FIXED], dcode[NDIST];
	/* each length's code and extra bits as one: bits, and their count */
	uint32_t lbits[256], dbits[NDIST];
	uint8_t lnb[256], dnb[NDIST];
	size_t i;

	/* all 288: the fixed code's last two shape the codes before them */
	huff_codes(llen, NLITLEN_FIXED, lcode);
	huff_codes(dlen, NDIST, dcode);
	for (i = 0; i < 256; i++) {
		unsigned lc = t->len[i], s = 257 + lc;

		lbits[i] = lcode[s] |
			   (uint32_t)(i + 3 - len_base[lc]) << llen[s];
		lnb[i] = (uint8_t)(llen[s] + len_extra[lc]);
	}
	for (i = 0; i < NDIST; i++) {
		dbits[i] = dcode[i];
		dnb[i] = dlen[i];
	}
	for (i = 0; i < b->nsym; i++) {
		uint32_t s = b->sym[i];

		if (!(s & SYM_MATCH)) {
			put(w, lcode[s], llen[s]);
		} else {
			unsigned l3 = (s >> SYM_LEN_SHIFT) & 255;
			unsigned d1 = s & (WINDOW - 1);
			unsigned dc = dist_code(t, d1);

			put(w, lbits[l3], lnb[l3]);
			put(w, dbits[dc] | (d1 + 1 - dist_base[dc]) << dnb[dc],
			    dnb[dc] + dist_extra[dc]);
		}
	}
	put(w, lcode[END_BLOCK], llen[END_BLOCK]);
}

static uint64_t cost(const struct block *b, const uint8_t *llen,
		     const uint8_t *dlen)
{
	uint64_t bits = b->extra_bits;
	unsigned i;

	for (i = 0; i < NLITLEN; i++)
		bits += (uint64_t)b->lfreq[i] * llen[i];
	for (i = 0; i < NDIST; i++)
		bits += (uint64_t)b->dfreq[i] * dlen[i];
	return bits;
}

/* data[0..len) as stored blocks, the last one final when last. */
static void put_stored(struct bits *w, const unsigned char *data, size_t len,
		       int last)
{
	do {
		size_t n = len > STORED_MAX ? STORED_MAX : len;

		put(w, last && n == len, 3);	/* BTYPE 00 */
		put_align(w);
		w->p[0] = (unsigned char)n;
		w->p[1] = (unsigned char)(n >> 8);
		w->p[2] = (unsigned char)~n;
		w->p[3] = (unsigned char)(~n >> 8);
		memcpy(w->p + 4, data, n);
		w->p += 4 + n;
		data += n;
		len -= n;
	} while (len);
}

/*
 * Write one block of b's symbols, which stand for data[0..len), in the
 * smallest of the three encodings.
 */
static void put_block(struct bits *w, struct block *b, const struct codes_of *t,
		      const unsigned char *data, size_t len, int last)
{
	struct header h;
	uint8_t fl[NLITLEN_FIXED], fd[NDIST];
	uint32_t lf[NLITLEN], df[NDIST];
	uint64_t dyn, fixed, stored;
	unsigned i;

	b->lfreq[END_BLOCK]++;
	memcpy(lf, b->lfreq, sizeof(lf));
	memcpy(df, b->dfreq, sizeof(df));
	two_used(lf, NLITLEN);
	two_used(df, NDIST);
	huff_lengths(lf, NLITLEN, 15, h.llen);
	h.llen[286] = h.llen[287] = 0;
	huff_lengths(df, NDIST, 15, h.dlen);
	make_header(&h);
	for (i = 0; i < NLITLEN_FIXED; i++)
		fl[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
	for (i = 0; i < NDIST; i++)
		fd[i] = 5;
	dyn = 3 + h.bits + cost(b, h.llen, h.dlen);
	fixed = 3 + cost(b, fl, fd);
	/* header and alignment per 64 KiB: at most 3 + 7 + 32 bits each */
	stored = ((uint64_t)len + 6 * (len / STORED_MAX + 1)) * 8;
	if (stored < dyn && stored < fixed) {
		put_stored(w, data, len, last);
	} else if (fixed <= dyn) {
		put(w, (unsigned)last | 1u << 1, 3);
		put_symbols(w, b, t, fl, fd);
	} else {
		put(w, (unsigned)last | 2u << 1, 3);
		put_header(w, &h);
		put_symbols(w, b, t, h.llen, h.dlen);
	}
}

/* ---- matching ---- */

/* Four bytes, little-endian on every machine: the hash, and so the
 * stream, do not depend on the byte order (one load where it is LE). */
static inline uint32_t read32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* How many of a[0..max) and b[0..max) are equal, from the start. */
static inline unsigned match_len(const unsigned char *a, const unsigned char *b,
				 unsigned from, unsigned max)
{
	unsigned n = from;

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (n + 8 <= max) {
		uint64_t x, y;

		memcpy(&x, a + n, 8);
		memcpy(&y, b + n, 8);
		if (x != y)
			return n + (unsigned)(__builtin_ctzll(x ^ y) >> 3);
		n += 8;
	}
#endif
	while (n < max && a[n] == b[n])
		n++;
	return n;
}

void deflate_buf(const unsigned char *data, size_t len, struct buf *out)
{
	struct codes_of t;
	struct block b;
	struct bits w;
	/* every symbol is written before it is read: no need to clear */
	uint32_t *sym = xmalloc((len < SYM_MAX ? len + 1 : SYM_MAX) *
				sizeof(*sym));
	uint32_t *head;
	unsigned hbits = 10;
	size_t i = 0, start, bound, at;
	/* where four bytes can no longer be read */
	size_t ends = len >= MATCH_MIN ? len - MATCH_MIN + 1 : 0;

	/* a slot for every two bytes: as small as it can be for a page */
	while (hbits < 15 && ((size_t)1 << (hbits + 1)) < len)
		hbits++;
	head = xcalloc((size_t)1 << hbits, sizeof(*head));
	codes_of_init(&t);
	/*
	 * never more than stored: the data, and at most 6 bytes for each
	 * block and each 64 KiB (a block holds 32 KiB at least), and slack
	 */
	bound = len + 6 * (len / 16384 + 2) + 16;
	buf_grow(out, bound);
	at = out->len;
	memset(&w, 0, sizeof(w));
	w.p = (unsigned char *)out->buf + at;
	do {
		memset(&b, 0, sizeof(b));
		b.sym = sym;
		start = i;
		while (i < ends && b.nsym < SYM_MAX) {
			uint32_t x = read32(data + i);
			uint32_t h = (x * 2654435761u) >> (32 - hbits);
			uint32_t cand = head[h];

			head[h] = (uint32_t)i + 1;
			if (cand && i - (cand - 1) <= WINDOW &&
			    read32(data + cand - 1) == x) {
				size_t c = cand - 1;
				unsigned max = len - i < MATCH_MAX ?
					       (unsigned)(len - i) : MATCH_MAX;
				unsigned ml = match_len(data + i, data + c,
							MATCH_MIN, max);
				unsigned d1 = (unsigned)(i - c - 1);
				unsigned lc = t.len[ml - 3], dc = dist_code(&t, d1);

				sym[b.nsym++] = SYM_MATCH |
						(uint32_t)(ml - 3) << SYM_LEN_SHIFT | d1;
				b.lfreq[257 + lc]++;
				b.dfreq[dc]++;
				b.extra_bits += len_extra[lc] + dist_extra[dc];
				/* the match's end, for the text that repeats it */
				if (ml > 4 && i + ml - 2 < ends) {
					size_t e = i + ml - 2;

					head[(read32(data + e) * 2654435761u) >>
					     (32 - hbits)] = (uint32_t)e + 1;
				}
				i += ml;
			} else {
				b.lfreq[data[i]]++;
				sym[b.nsym++] = data[i++];
			}
		}
		/* the last bytes, too few to hash */
		while (i >= ends && i < len && b.nsym < SYM_MAX) {
			b.lfreq[data[i]]++;
			sym[b.nsym++] = data[i++];
		}
		put_block(&w, &b, &t, data + start, i - start, i == len);
	} while (i < len);
	put_align(&w);
	buf_setlen(out, (size_t)((char *)w.p - out->buf));
	free(head);
	free(sym);
}
