#include "date.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static int digits(const char *s, int n)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int days_in(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int date_parse(const char *s, struct date *out)
{
	size_t n = strlen(s);
	struct date d = { 0, 0, 0 };

	if ((n != 7 && n != 10) || s[4] != '-')
		return -1;
	d.y = digits(s, 4);
	d.m = digits(s + 5, 2);
	if (d.y < 1 || d.m < 1 || d.m > 12)
		return -1;
	if (n == 10) {
		if (s[7] != '-')
			return -1;
		d.d = digits(s + 8, 2);
		if (d.d < 1 || d.d > days_in(d.y, d.m))
			return -1;
	}
	*out = d;
	return 0;
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (!a.d || !b.d || a.d == b.d)
		return 0;
	return a.d < b.d ? -1 : 1;
}

int date_months(struct date a, struct date b)
{
	int m = (b.y - a.y) * 12 + (b.m - a.m);

	if (a.d && b.d && b.d < a.d && m > 0)
		m--;
	return m;
}

/* Days from 0000-03-01 to y-m-d in the proleptic Gregorian calendar. */
static long day_number(int y, int m, int d)
{
	long yy = m <= 2 ? y - 1 : y, mm = m <= 2 ? m + 9 : m - 3;

	return 365 * yy + yy / 4 - yy / 100 + yy / 400 + (153 * mm + 2) / 5 + d - 1;
}

int date_days(struct date a, struct date b)
{
	return (int)(day_number(b.y, b.m, b.d ? b.d : 1) -
		     day_number(a.y, a.m, a.d ? a.d : 1));
}

struct date date_today(void)
{
	const char *env = getenv("FOLIO_TODAY");
	struct date d;
	struct tm tm;
	time_t now;

	if (env && date_parse(env, &d) == 0 && d.d)
		return d;
	now = time(NULL);
	gmtime_r(&now, &tm);
	d.y = tm.tm_year + 1900;
	d.m = tm.tm_mon + 1;
	d.d = tm.tm_mday;
	return d;
}

/* v in exactly `width` digits, zeros first, at out. */
static char *put_digits(char *out, unsigned v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return out + width;
}

void date_format(struct date d, char *out)
{
	unsigned y = (unsigned)d.y % 10000, m = (unsigned)d.m % 100;
	unsigned dd = (unsigned)d.d % 100;

	/* fixed widths: 10 characters at most, and the NUL */
	out = put_digits(out, y, 4);
	*out++ = '-';
	out = put_digits(out, m, 2);
	if (d.d) {
		*out++ = '-';
		out = put_digits(out, dd, 2);
	}
	*out = '\0';
}

struct date date_add_months(struct date d, int months)
{
	int m = d.y * 12 + (d.m - 1) + months;

	d.y = m / 12;
	d.m = m % 12 + 1;
	if (d.d && d.d > days_in(d.y, d.m))
		d.d = days_in(d.y, d.m);
	return d;
}
