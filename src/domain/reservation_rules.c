/*
 * Reservation rules (reservations.md §3.7).
 */
#include "core/timeutil.h"
#include "domain/reservation_rules.h"

const char *
dom_capacity_range(double kw)
{
	if (kw <= 1)
		return "0.1W - 1kW";
	if (kw <= 50)
		return "1.01kW - 50kW";
	if (kw <= 500)
		return "51kW - 500kW";
	if (kw <= 5000)
		return "500kW - 5MW";
	return "5MW+";
}

/* The greatest m >= 0 with time_add_months(from, m) <= to. */
static int64_t
whole_months(int64_t from, int64_t to)
{
	int64_t	m;

	if (to <= from)
		return 0;
	m = (to - from) / (31LL * 86400000LL);	/* a lower bound */
	while (time_add_months(from, m + 1) <= to)
		m++;
	return m;
}

int
dom_commissioning_index(int64_t commissioning, int64_t now)
{
	int64_t	m = whole_months(commissioning, now);
	int64_t	n = m / 12 + 1;

	if (n == 1)
		return (int)(m / 3);
	if (n <= 5)
		return (int)(n + 2);
	if (n <= 10)
		return 8;
	if (n <= 15)
		return 9;
	return 10;
}

const char *
dom_commissioning_label(int index)
{
	static const char *const labels[DOM_COMMISSIONING_LABELS] = {
		"Year 1 - Q1", "Year 1 - Q2", "Year 1 - Q3", "Year 1 - Q4",
		"Year 2", "Year 3", "Year 4", "Year 5",
		"6 - 10 years", "11 - 15 years", "15 years+"
	};

	if (index < 0 || index >= DOM_COMMISSIONING_LABELS)
		return labels[0];
	return labels[index];
}
