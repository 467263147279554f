/*
 * date.h - the partial dates of articles: YYYY-MM or YYYY-MM-DD.
 */
#ifndef FOLIO_DATE_H
#define FOLIO_DATE_H

struct date {
	int y, m, d;		/* d == 0 for a YYYY-MM date; y == 0: no date */
};

/* Parse s (exactly YYYY-MM or YYYY-MM-DD, valid month and day). */
int date_parse(const char *s, struct date *out);
/* Compare at the coarser precision of the two (2023-10 == 2023-10-15). */
int date_cmp(struct date a, struct date b);
/* Whole months from a to b (b later gives a positive number). */
int date_months(struct date a, struct date b);
/* Days from a to b (a day-less date counts from its first day). */
int date_days(struct date a, struct date b);
/* Today: FOLIO_TODAY (YYYY-MM-DD) when set and valid, else the clock. */
struct date date_today(void);
/* Format as YYYY-MM or YYYY-MM-DD into out (at least 11 bytes). */
void date_format(struct date d, char *out);
/* Add months (review_months) to a date. */
struct date date_add_months(struct date d, int months);

#endif
