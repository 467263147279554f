/*
 * readability.h - how hard a text is to read (SPEC 15): sentences, words
 * and syllables of the measured segments of a body (struct prose_seg),
 * the language's formula, its band.
 *
 * Sentences end at . ! ? … and ؟ followed by a space or the end of the
 * block (after any closing quote or bracket), and at the end of a block;
 * never inside a number (0,5 or 2.5) nor after an abbreviation of the
 * language's list.  Words are runs of letters, marks and digits; an
 * apostrophe or a hyphen between two of them, and a point or comma
 * between two digits, keeps one word.  A sentence without words is no
 * sentence.
 */
#ifndef FOLIO_READABILITY_H
#define FOLIO_READABILITY_H

#include <stddef.h>

#include "prose.h"
#include "syllables.h"

#define RD_LONGEST 3		/* longest sentences kept per article */

enum rd_band {
	BAND_NONE = -1,
	BAND_VERY_EASY = 0,
	BAND_EASY,
	BAND_FAIRLY_EASY,
	BAND_STANDARD,
	BAND_FAIRLY_DIFFICULT,
	BAND_DIFFICULT,
	BAND_VERY_DIFFICULT,
};

struct rd_sentence {
	unsigned line, col;	/* of its first word */
	unsigned words;
};

struct rd_stats {
	size_t sentences, words, syllables;
	struct rd_sentence longest[RD_LONGEST];	/* most words first */
	size_t nlongest;
};

/* One measure in progress; fill with rd_init(). */
struct readability {
	enum syl_lang lang;
	struct rd_stats stats;
	/* called for every sentence, when set (validate's gate) */
	void (*sentence)(void *ctx, const struct rd_sentence *s);
	void *ctx;
	struct syl_cache *cache;	/* a worker's, or NULL */
};

void rd_init(struct readability *r, const char *lang);

/* Measure one segment (callers pass only prose_measured() ones). */
void rd_segment(struct readability *r, const struct prose_seg *seg);

/*
 * The formula's score of the stats, rounded to one decimal and clamped
 * to 0-100; returns -1 when the language has none (ar, unknown) or
 * there is no word.
 */
int rd_score(const struct rd_stats *s, enum syl_lang lang, double *score);

enum rd_band rd_band_of(double score);
/* "very-easy" ... "very-difficult"; NULL for BAND_NONE. */
const char *rd_band_name(enum rd_band b);
/* The band named s, or BAND_NONE. */
enum rd_band rd_band_parse(const char *s);
/* The formula's name for a language ("Kandel-Moles"), or NULL. */
const char *rd_formula(enum syl_lang lang);

#endif

/* ---- the report of `folio readability` (readability_report.c) ---- */

struct buf;

/* One article's line of the report; strings borrowed from the corpus. */
struct rd_article {
	const char *file;	/* as reported */
	const char *lang, *title;
	enum syl_lang syl;
	struct rd_stats stats;
	int has_score;
	double score;
	enum rd_band band;	/* BAND_NONE without a score */
	/* a translation whose band is two or more steps below its original's */
	int much_harder;
	const char *original;	/* the original's file, when compared */
	enum rd_band original_band;
};

struct rd_report {
	struct rd_article *v;	/* owned array, in path order */
	size_t n;
};

/* Words per sentence, 0 without a sentence. */
double rd_words_per_sentence(const struct rd_stats *s);

void rd_report_text(const struct rd_report *r, struct buf *out);
/* SPEC 15's JSON document. */
void rd_report_json(const struct rd_report *r, struct buf *out);
/* A self-contained HTML page: a bar per article, readable on a phone. */
void rd_report_html(const struct rd_report *r, struct buf *out);
