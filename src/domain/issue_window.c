/*
 * The window grid of a reservation's period (certificates.md §2).
 *
 * Grid points g_n are S + n fixed steps (hourly, daily, weekly) or
 * addMonths(S, n) / addMonths(S, 3n) (monthly, quarterly), each computed
 * from S so that the day clamp never accumulates (01-31 -> 02-28 ->
 * 03-31 -> 04-30).  Window n is [g_n, g_n+1) for g_n < E, the last one
 * cut at E.  Index lookups are O(1): a division for fixed steps, a month
 * difference corrected by at most a step or two for calendar months.
 */
#include <stdint.h>
#include <strings.h>

#include "core/timeutil.h"
#include "domain/issuance.h"

#define HOUR_MS		3600000LL

static const char *const frequency_names[FREQ__MAX] = { "hourly", "daily",
    "weekly", "monthly", "quarterly" };

const char *
dom_frequency_name(enum dom_frequency f)
{
	return (f >= 0 && f < FREQ__MAX) ? frequency_names[f] : "?";
}

int
dom_frequency_parse(const char *s)
{
	int i;

	for (i = 0; i < FREQ__MAX; i++)
		if (strcasecmp(s, frequency_names[i]) == 0)
			return i;
	return -1;
}

/* The fixed step in ms, or 0 for the calendar-month frequencies. */
static int64_t
fixed_step_ms(enum dom_frequency f)
{
	switch (f) {
	case FREQ_HOURLY:
		return HOUR_MS;
	case FREQ_DAILY:
		return 24 * HOUR_MS;
	case FREQ_WEEKLY:
		return 168 * HOUR_MS;
	default:
		return 0;
	}
}

static int64_t
months_per_step(enum dom_frequency f)
{
	return f == FREQ_QUARTERLY ? 3 : 1;
}

int64_t
dom_grid_point(const struct dom_period *p, int64_t n)
{
	int64_t step = fixed_step_ms(p->freq);

	if (step > 0)
		return p->start + n * step;
	return time_add_months(p->start, n * months_per_step(p->freq));
}

/* Days since the epoch of the UTC day containing ms (floor division). */
static int64_t
day_of(int64_t ms)
{
	int64_t day_ms = 24 * HOUR_MS;

	return ms >= 0 ? ms / day_ms : -((-ms + day_ms - 1) / day_ms);
}

/* Calendar months from a to b (b's month minus a's), ignoring the day. */
static int64_t
month_difference(int64_t a, int64_t b)
{
	int64_t		ya, yb;
	unsigned	ma, mb, d;

	time_civil_from_days(day_of(a), &ya, &ma, &d);
	time_civil_from_days(day_of(b), &yb, &mb, &d);
	return (yb - ya) * 12 + ((int64_t)mb - (int64_t)ma);
}

/* The n >= 0 with g_n <= t < g_n+1; t >= S. */
static int64_t
grid_index(const struct dom_period *p, int64_t t)
{
	int64_t step = fixed_step_ms(p->freq), n;

	if (step > 0)
		return (t - p->start) / step;
	n = month_difference(p->start, t) / months_per_step(p->freq);
	if (n < 0)
		n = 0;
	while (n > 0 && dom_grid_point(p, n) > t)
		n--;
	while (dom_grid_point(p, n + 1) <= t)
		n++;
	return n;
}

int64_t
dom_window_count(const struct dom_period *p)
{
	if (p->end <= p->start)
		return 0;
	/* The last window is the one containing E - 1 ms. */
	return grid_index(p, p->end - 1) + 1;
}

int
dom_window_at(const struct dom_period *p, int64_t n, struct dom_window *w)
{
	int64_t next;

	if (n < 0 || n >= dom_window_count(p))
		return -1;
	next = dom_grid_point(p, n + 1);
	w->index = n;
	w->start = dom_grid_point(p, n);
	w->end = next < p->end ? next : p->end;
	return 0;
}

int
dom_window_containing(const struct dom_period *p, int64_t t,
    struct dom_window *w)
{
	if (t < p->start || t >= p->end)
		return -1;
	return dom_window_at(p, grid_index(p, t), w);
}

int
dom_window_ending_at(const struct dom_period *p, int64_t t,
    struct dom_window *w)
{
	if (t <= p->start || t > p->end)
		return -1;
	if (dom_window_containing(p, t - 1, w) == -1 || w->end != t)
		return -1;
	return 0;
}

int
dom_window_due(const struct dom_window *w, int64_t t, int64_t settle_s)
{
	return w->end <= t - settle_s * 1000;
}

int
dom_window_issued(const struct dom_window *w, int64_t issued_through)
{
	return issued_through != DOM_NO_TIME && w->end <= issued_through;
}
