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
struct syl_cache {
	struct syl_entry *v;	/* SYL_CACHE_SIZE entries, allocated on use */
};

#define SYL_CACHE_SIZE 16384

/* syllables_count(), through the cache. */
unsigned syl_cache_count(struct syl_cache *c, enum syl_lang lang,
			 const char *w, size_t n);
void syl_cache_release(struct syl_cache *c);

#endif
