/*
 * Certificate issuance (certificates.md §2-§5) as pure functions: the
 * window grid of a reservation's period, which reads a reservation
 * certifies and in which window, and the plan of one issuer pass for one
 * reservation (units, volume cap, window marks, completion, end, close).
 * No I/O: the database driver loads plain structs, calls
 * dom_issue_plan() and applies the returned steps, one bounded
 * transaction per step (§6).
 *
 * Instants are int64 ms since the epoch (core/timeutil.h); energy is
 * int64 Wh.  DOM_NO_TIME stands for SQL NULL in instant fields.
 */
#ifndef DOMAIN_ISSUANCE_H
#define DOMAIN_ISSUANCE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/reads.h"

struct arena;

#define DOM_NO_TIME	INT64_MIN	/* a NULL instant (issuedThrough, closed_at) */

/* ------------------------------------------------------------------ */
/* Windows (§2)                                                        */

enum dom_frequency {
	FREQ_HOURLY, FREQ_DAILY, FREQ_WEEKLY, FREQ_MONTHLY, FREQ_QUARTERLY,
	FREQ__MAX
};

/* "hourly" ... "quarterly" (the stored, lower-case spelling). */
const char	*dom_frequency_name(enum dom_frequency);
/* Parses a frequency in any case; -1 when unknown. */
int		 dom_frequency_parse(const char *);

/* A reservation's period [start, end) and its window frequency. */
struct dom_period {
	enum dom_frequency	 freq;
	int64_t			 start;		/* S */
	int64_t			 end;		/* E, >= S */
};

/* Window n of a period: [start, end) = [g_n, min(g_n+1, E)). */
struct dom_window {
	int64_t		 index;		/* n, from 0 */
	int64_t		 start;
	int64_t		 end;
};

/*
 * Grid point g_n of the period (n >= 0): S + n hours / days / weeks
 * (fixed steps of 3600 / 86400 / 604800 s), or addMonths(S, n) /
 * addMonths(S, 3n), always computed from S (time_add_months).  Not cut at
 * E.
 */
int64_t		 dom_grid_point(const struct dom_period *, int64_t n);
/* Number of windows of the period: 0 when S = E, else the n with g_n-1 < E <= g_n. */
int64_t		 dom_window_count(const struct dom_period *);
/*
 * Window n of the period, the last one cut at E.  Returns 0, or -1 when
 * n is not in [0, dom_window_count()).
 */
int		 dom_window_at(const struct dom_period *, int64_t n,
		    struct dom_window *);
/*
 * The window containing instant t (g_n <= t < g_n+1; an instant on a
 * boundary is in the later window).  Returns 0, or -1 when t is outside
 * [S, E).
 */
int		 dom_window_containing(const struct dom_period *, int64_t t,
		    struct dom_window *);
/*
 * The window that ends at t (t = g_n with 0 < g_n < E, or t = E), e.g.
 * the window of a stored issuedThrough.  Returns 0, or -1 when no window
 * of the period ends at t.
 */
int		 dom_window_ending_at(const struct dom_period *, int64_t t,
		    struct dom_window *);
/* 1 when the window is due at t: its end <= t - settle_s seconds (§2). */
int		 dom_window_due(const struct dom_window *, int64_t t,
		    int64_t settle_s);
/* 1 when the window is issued: issued_through is set and >= its end. */
int		 dom_window_issued(const struct dom_window *,
		    int64_t issued_through);

/* ------------------------------------------------------------------ */
/* Reads (§1, §3)                                                      */

/* Device facts copied into a certificate (§1). Strings are borrowed. */
struct dom_device_facts {
	int64_t		 id;
	const char	*external_id;
	const char	*internal_external_id;	/* UUID */
	const char	*country_code;		/* alpha-3 */
};

/* A meter_read row as the issuer sees it (§1). */
struct dom_issue_read {
	int64_t				 id;
	const struct dom_device_facts	*device;	/* borrowed */
	enum read_type			 type;
	int64_t				 start;		/* energy interval */
	int64_t				 end;
	int64_t				 wh;		/* >= 0 */
	int				 baseline;
	int64_t				 created_at;
	int64_t				 certificate_id;	/* 0: uncertified */
};

/* A reservation_device row of the reservation: [from, to), empty if equal. */
struct dom_membership {
	int64_t		 device_id;
	int64_t		 from;
	int64_t		 to;
};

/*
 * 1 when the read lies in the membership by §3's interval rule: Delta and
 * Aggregate from <= end < to; History from <= start and end <= to.  The
 * device is not compared, nor are baseline and energy.
 */
int		 dom_read_in_membership(const struct dom_issue_read *,
		    const struct dom_membership *);
/*
 * 1 when the read belongs to the reservation (§3): not baseline, wh > 0,
 * and its device's membership (found by binary search: memberships must
 * be sorted by device_id, one per device) contains it per
 * dom_read_in_membership().
 */
int		 dom_read_belongs(const struct dom_issue_read *,
		    const struct dom_membership *, size_t nmemberships);
/*
 * 1 when the read is eligible (§3): it belongs (as dom_read_belongs) and
 * created_at <= expiry.  Certification state is not looked at.
 */
int		 dom_read_eligible(const struct dom_issue_read *,
		    const struct dom_membership *, size_t nmemberships,
		    int64_t expiry);
/*
 * The read's window (§3): the one containing its end; a History read
 * ending at E gets the last window.  Returns 0, or -1 when the end is
 * outside the period (a Delta/Aggregate read ending at E, or any read
 * ending before S or after E).
 */
int		 dom_read_window(const struct dom_period *,
		    const struct dom_issue_read *, struct dom_window *);

/* ------------------------------------------------------------------ */
/* The issuer pass for one reservation (§4, §5)                        */

enum dom_resv_status { RESV_ACTIVE, RESV_ENDED, RESV_COMPLETED, RESV__MAX };

/* "active", "ended", "completed". */
const char	*dom_resv_status_name(enum dom_resv_status);
/* Parses a stored status; -1 when unknown. */
int		 dom_resv_status_parse(const char *);

/* The reservation columns the issuer writes. */
struct dom_resv_state {
	enum dom_resv_status	 status;
	int64_t			 issued_wh;
	int64_t			 certificate_count;
	int64_t			 issued_through;	/* DOM_NO_TIME: null */
	int64_t			 closed_at;		/* DOM_NO_TIME: null */
};

/* A reservation row as the issuer reads it. */
struct dom_issue_reservation {
	int64_t			 id;
	struct dom_period	 period;
	int64_t			 expiry;
	int64_t			 target_wh;
	int			 authority_to_exceed;
	struct dom_resv_state	 state;
};

/*
 * 1 when a pass works on the reservation (§4 step 2): active (closed or
 * not), or ended and not closed.
 */
int		 dom_resv_processable(const struct dom_resv_state *);
/*
 * The membership after completion lowered every end to through (§5):
 * to := max(from, min(to, through)).  Returns the new `to`.
 */
int64_t		 dom_membership_lowered_end(const struct dom_membership *,
		    int64_t through);

struct dom_issue_input {
	const struct dom_issue_reservation *reservation;
	/* This reservation's memberships, any order (copied and sorted). */
	const struct dom_membership	*memberships;
	size_t				 nmemberships;
	/*
	 * Candidate reads: at least every uncertified, non-baseline read of
	 * a member device whose window is due (and ends <= until); others
	 * (certified, not belonging, not eligible, not yet due) are ignored.
	 */
	const struct dom_issue_read	*reads;
	size_t				 nreads;
	int64_t				 now;		/* T, the effective now */
	int64_t				 settle_s;	/* issuer_settle_seconds */
	/*
	 * DOM_NO_TIME, or a bound for a chunked pass: windows ending after
	 * it are left alone (neither certified nor marked).  Chunk at
	 * window ends so that one call sees every read of a window; the
	 * next call gets the stored state the previous one left (`late`
	 * stays right: its windows were unissued when the pass began).
	 */
	int64_t				 until;
};

enum dom_cert_kind { CERT_WINDOW, CERT_HISTORY, CERT__MAX };

/* "window", "history". */
const char	*dom_cert_kind_name(enum dom_cert_kind);

/* One device's share of a certificate: a certificate_device row (§6). */
struct dom_cert_part {
	const struct dom_device_facts	*device;	/* borrowed from the reads */
	int64_t				 read_count;
	int64_t				 wh;
	int64_t				 start;		/* min start of its reads */
	int64_t				 end;		/* max end of its reads */
};

/* A certificate the pass issues (one unit, §4 step 2a-b). */
struct dom_planned_cert {
	enum dom_cert_kind	 kind;
	int			 late;		/* window issued when the pass began */
	struct dom_window	 window;	/* the grid window of the unit */
	int64_t			 window_start;	/* recorded: the window, or the */
	int64_t			 window_end;	/* History read's interval (§8) */
	const char		*country_code;	/* borrowed */
	int64_t			 generation_start;	/* min start of the reads */
	int64_t			 generation_end;	/* max end of the reads */
	int64_t			 total_wh;	/* W = energy_wh + excess_wh */
	int64_t			 energy_wh;
	int64_t			 excess_wh;
	const int64_t		*read_ids;	/* ascending */
	size_t			 nreads;
	const struct dom_cert_part *parts;	/* by device id */
	size_t			 nparts;
};

enum dom_step_kind {
	STEP_CERTIFICATE,	/* insert a certificate, certify its reads */
	STEP_STATE		/* only reservation columns change */
};

/* Events of a step, for the pass summary (§9.1). */
#define DOM_EV_ENDED		0x1u	/* status active -> ended */
#define DOM_EV_COMPLETED	0x2u	/* status -> completed */
#define DOM_EV_CLOSED		0x4u	/* closed_at set */

/*
 * One transaction of the pass.  The driver locks the reservation row,
 * checks that it still has the `before` state (else the plan is stale:
 * skip the reservation), applies the step and writes `after`.
 */
struct dom_issue_step {
	enum dom_step_kind	 kind;
	struct dom_planned_cert	 cert;		/* STEP_CERTIFICATE only */
	struct dom_resv_state	 before;
	struct dom_resv_state	 after;
	int64_t			 windows_issued;	/* windows this step marks */
	/* DOM_NO_TIME, or: lower every membership end to this (§5). */
	int64_t			 lower_memberships_to;
	unsigned		 events;	/* DOM_EV_* */
};

struct dom_issue_plan {
	struct dom_issue_step	*steps;		/* in order; arena */
	size_t			 nsteps;
	size_t			 ncertificates;
};

/*
 * Plans one issuer pass at in->now for one reservation (§4 step 2, §5):
 * - units of every due window (end <= now - settle, and <= until), in
 *   window order: the eligible uncertified Delta/Aggregate reads of the
 *   window grouped by device countryCode (ascending, byte-wise), then
 *   each eligible uncertified History read alone, by (end, id);
 * - one STEP_CERTIFICATE per unit, capped by the target unless
 *   authorityToExceed; the certificate of a window's last unit also marks
 *   the window issued; the one reaching the target marks its window,
 *   completes the reservation and lowers the memberships, and nothing
 *   after it is planned;
 * - a STEP_STATE before a unit's window for the run of unit-less due
 *   windows preceding it, and a last STEP_STATE for the trailing unit-less
 *   windows, the end (issuedThrough = E: active -> ended) and the close
 *   (now > expiry: closed_at := now, only when the call is not cut short
 *   by until) when not already done by a step.
 * A reservation that is not processable gives an empty plan.  Arrays are
 * allocated in a and borrow the inputs' strings and device facts.
 * Returns 0, or -1 when the input is inconsistent (E < S, an unknown
 * frequency, an issuedThrough that ends no window, or Wh sums above
 * INT64_MAX); *out is then empty.
 */
int		 dom_issue_plan(struct arena *a, const struct dom_issue_input *in,
		    struct dom_issue_plan *out);

#endif
