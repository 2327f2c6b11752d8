/*
 * Meter-read rules (meter-reads.md §1.4-1.9) as pure functions: exact unit
 * conversion, calendar years, the plausibility limit, and the in-order
 * validation of a batch against the device facts and the stored state.
 * No I/O: the caller loads the state (the previous ongoing read P and the
 * stored History intervals near the batch) and stores the result.
 */
#ifndef DOMAIN_READS_H
#define DOMAIN_READS_H

#include <stddef.h>
#include <stdint.h>

#include "core/ecode.h"

struct arena;

enum read_type { READ_HISTORY, READ_DELTA, READ_AGGREGATE, READ__MAX };
enum read_unit { UNIT_WH, UNIT_KWH, UNIT_MWH, UNIT_GWH, UNIT__MAX };

/* "History", "Delta", "Aggregate". */
const char	*dom_read_type_name(enum read_type);
/* Parses a type / unit in any case; -1 when unknown. */
int		 dom_read_type_parse(const char *);
int		 dom_read_unit_parse(const char *);

enum value_status { VALUE_OK, VALUE_NOT_NUMBER, VALUE_OVERFLOW };
/*
 * Converts the decimal text of a JSON number (e.g. "0.5005", "5e3",
 * "-1") times the unit to whole Wh exactly, rounding halves away from
 * zero (§1.4).  *wh may be negative.  VALUE_OVERFLOW when |result| is
 * above 2^63-1 or the exponent is absurd.
 */
enum value_status dom_value_wh(const char *text, enum read_unit, int64_t *wh);

/* ms plus n calendar years, UTC; 29 Feb becomes 28 Feb (§1.5 B4, §1.9). */
int64_t		 dom_add_years(int64_t ms, int n);
/*
 * The plausibility limit L of §1.9 for an interval [start, end] of a
 * device (capacity kW, yieldValue, commissioning instant).  *hours gets
 * the interval length in hours.
 */
int64_t		 dom_plausible_max(double capacity_kw, int yield,
		    int64_t commissioning, int64_t start, int64_t end,
		    double *hours);

/* One read of a request, as parsed by the API layer. */
struct dom_read {
	/* Phase A (shape) failure found while parsing, or NULL. */
	const char	*a_code;
	const char	*a_field;
	const char	*a_message;
	int		 has_start;
	int64_t		 start;
	int64_t		 end;
	int64_t		 value_wh;
	/* Results, set for accepted reads. */
	int64_t		 out_start;
	int64_t		 out_end;
	int64_t		 energy_wh;
	int64_t		 counter_wh;	/* Aggregate only */
	int		 baseline;
};

/* A stored History interval. */
struct dom_interval {
	int64_t		 start;
	int64_t		 end;
	int		 index;		/* batch index, or -1 when stored */
};

/* The device facts and the stored state the batch is checked against. */
struct dom_read_state {
	int64_t			 onboarding;
	int64_t			 commissioning;
	double			 capacity_kw;
	int			 yield;		/* <= 0: 2000 */
	int64_t			 now;
	int64_t			 skew_ms;
	int			 has_prev;	/* P exists (ongoing reads) */
	int64_t			 prev_end;
	int64_t			 prev_counter;
	const struct dom_interval *history;	/* stored, disjoint, by start */
	size_t			 nhistory;
};

/* Which optional details a failure carries. */
enum {
	DF_CONFLICT	= 1 << 0,	/* conflictingStart/End (+Index) */
	DF_PREV_END	= 1 << 1,	/* endTimestamp, previousEndTimestamp */
	DF_COUNTER	= 1 << 2,	/* counterWh, previousCounterWh */
	DF_PLAUSIBLE	= 1 << 3,	/* energyWh, maxWh, hours, interval */
};

/* The first failure of a batch (§1.2 step 7). */
struct dom_read_fail {
	enum ecode	 err;		/* the catalogue row (400 or 409) */
	const char	*code;		/* its code, ecode_code(err) */
	const char	*field;		/* details.field */
	int		 index;		/* details.index */
	const char	*message;	/* arena */
	unsigned	 details;
	int64_t		 t1, t2;	/* conflict start/end, or end/prev end */
	int		 conflict_index;	/* -1: stored */
	int64_t		 counter, prev_counter;
	int64_t		 energy, max;
	double		 hours;
	int64_t		 istart, iend;
};

/*
 * Checks reads[0..n) in array order, each through phases A-D against the
 * state left by the previous ones (§1.2 step 7), and fills their results.
 * Returns 0 when every read is accepted, else -1 with *fail describing the
 * first failure (messages allocated in a).  history must hold every stored
 * History read that may overlap the batch (sorted by start, disjoint).
 */
int		 dom_reads_check(struct arena *, enum read_type,
		    const struct dom_read_state *, struct dom_read *, size_t n,
		    struct dom_read_fail *fail);

struct tz;
/*
 * Parses a read timestamp (§1.3): CONVENTIONS §5 with a single space
 * allowed instead of 'T'; without an offset the time is UTC, or wall-clock
 * time in zone when zone is not NULL.  0 ok, -1 invalid.
 */
int		 dom_read_timestamp(const char *, const struct tz *zone,
		    int64_t *ms);

#endif
