/*
 * syllables.h - syllables of one word, by rules written for each language
 * (SPEC 15), and the languages readability knows.
 *
 * The rules count vowel groups, then correct them the way the language is
 * spoken: French drops the mute e at the end of a word (and in "-ement"
 * after one consonant); Dutch and German keep their diphthongs (ij, oe,
 * ui, ie, eu, ou, au; ei, ie, eu, äu, au) as one; English drops the
 * silent e and the e of -ed and -es where it is not heard; Turkish has one
 * syllable per vowel.  Arabic is written without its short vowels, so it
 * gets no count.  Words are UTF-8, pointer and length, any case; nothing
 * here allocates.
 */
#ifndef FOLIO_SYLLABLES_H
#define FOLIO_SYLLABLES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum syl_lang {
	SYL_OTHER = 0,		/* no rules: lengths only */
	SYL_FR,
	SYL_NL,
	SYL_EN,
	SYL_DE,
	SYL_TR,
	SYL_AR,			/* lengths only */
};

/* The rules for a BCP 47 tag, by its primary subtag ("fr-BE" is fr). */
enum syl_lang syl_lang_of(const char *tag);

/*
 * Syllables of the word w[0..n); 0 for SYL_AR and SYL_OTHER, and for a
 * word without a vowel (a number, an initial): callers that need at least
 * one per word say so.
 */
unsigned syllables_count(enum syl_lang lang, const char *w, size_t n);

/*
 * Words come back again and again: a cache of the counts of short words
 * that a worker keeps from one article to the next.  Zeroed memory is an
 * empty cache; syl_cache_release() frees it.
 */
#define SYL_WORD 22		/* the longest word cached, in bytes */
#define SYL_CACHE_SIZE 16384

/* One cached word, with its language. */
struct syl_entry {
	uint64_t head, tail;	/* its first and last 8 bytes (fewer: zeros) */
	unsigned char len, lang, count;
	char w[SYL_WORD];
};

struct syl_cache {
	struct syl_entry *v;	/* SYL_CACHE_SIZE entries, allocated on use */
};

/* syllables_count(), through the cache. */
unsigned syl_cache_count(struct syl_cache *c, enum syl_lang lang,
			 const char *w, size_t n);
void syl_cache_release(struct syl_cache *c);

/* The inner parts of syl_cache_count_in(), below. */
unsigned syl_cache_fill(struct syl_entry *e, enum syl_lang lang, const char *w,
			size_t n, uint64_t head, uint64_t tail);
struct syl_entry *syl_cache_alloc(struct syl_cache *c);
uint64_t syl_word_bytes(const char *w, size_t n);	/* n <= 8, little end first */

/*
 * syl_cache_count() where avail >= n bytes can be read from w: the first
 * eight are read at once when there are eight, and a word seen before
 * costs a hash and a comparison, here, without a call.
 */
static inline unsigned syl_cache_count_in(struct syl_cache *c, enum syl_lang lang,
					  const char *w, size_t n, size_t avail)
{
	const struct syl_entry *e;
	uint64_t head, tail, h;

	if (n > SYL_WORD || lang == SYL_AR || lang == SYL_OTHER)
		return syllables_count(lang, w, n);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (avail >= 8) {
		memcpy(&head, w, 8);
		if (n < 8)
			head &= (UINT64_C(1) << (8 * n)) - 1;
	} else
#endif
		head = syl_word_bytes(w, n < 8 ? n : 8);
	(void)avail;
	if (n <= 8)
		tail = head;
	else
		memcpy(&tail, w + n - 8, 8);
	h = (head * UINT64_C(0x9E3779B97F4A7C15)) ^ (tail * UINT64_C(0xC2B2AE3D27D4EB4F)) ^
		((uint64_t)n << 3) ^ (uint64_t)lang;
	h ^= h >> 29;
	h *= UINT64_C(0xBF58476D1CE4E5B9);
	h ^= h >> 32;
	e = &(c->v ? c->v : syl_cache_alloc(c))[h & (SYL_CACHE_SIZE - 1)];
	/* up to 16 bytes, head and tail are the whole word */
	if (e->len == n && e->lang == lang && e->head == head && e->tail == tail &&
	    (n <= 16 || !memcmp(e->w, w, n)))
		return e->count;
	return syl_cache_fill((struct syl_entry *)e, lang, w, n, head, tail);
}

#endif
