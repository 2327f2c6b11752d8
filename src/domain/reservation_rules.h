/*
 * Reservation rules (reservations.md §3.7) as pure functions: the derived
 * labels computed once when a reservation is created.
 */
#ifndef DOMAIN_RESERVATION_RULES_H
#define DOMAIN_RESERVATION_RULES_H

#include <stdint.h>

/* Number of commissioningDateRange labels, in their listed order. */
#define DOM_COMMISSIONING_LABELS 11

/*
 * The capacityRange label of an aggregated capacity c kW: c <= 1
 * "0.1W - 1kW", <= 50 "1.01kW - 50kW", <= 500 "51kW - 500kW", <= 5000
 * "500kW - 5MW", else "5MW+".
 */
const char	*dom_capacity_range(double kw);
/*
 * The index (0..DOM_COMMISSIONING_LABELS-1, the listed order) of a
 * device's commissioningDateRange label at now: m = whole calendar months
 * from commissioning to now (time_add_months), operating year
 * n = m/12 + 1.  n = 1: "Year 1 - Q<m/3+1>" (0-3); n = 2..5: "Year n"
 * (4-7); 6-10: "6 - 10 years" (8); 11-15: "11 - 15 years" (9); else
 * "15 years+" (10).  A future commissioning date gives 0.
 */
int		 dom_commissioning_index(int64_t commissioning, int64_t now);
/* The label text of an index of dom_commissioning_index. */
const char	*dom_commissioning_label(int index);

#endif
