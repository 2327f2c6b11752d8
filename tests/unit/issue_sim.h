/*
 * An in-memory issuer for the unit tests: one reservation, its
 * memberships, devices and reads; sim_pass() plans a pass with
 * dom_issue_plan() and applies the steps as the database driver would
 * (checking each step's `before` state), recording the certificates.
 */
#ifndef TESTS_ISSUE_SIM_H
#define TESTS_ISSUE_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "domain/issuance.h"

#define SIM_MAX_DEVICES	16
#define SIM_MAX_READS	512
#define SIM_MAX_CERTS	256
#define SIM_MAX_CERT_READS 200

struct sim_cert {
	int64_t			 id;
	enum dom_cert_kind	 kind;
	int			 late;
	int64_t			 window_start, window_end;	/* recorded */
	int64_t			 grid_start, grid_end;		/* unit window */
	char			 country[4];
	int64_t			 generation_start, generation_end;
	int64_t			 energy_wh, excess_wh;
	int64_t			 read_ids[SIM_MAX_CERT_READS];
	size_t			 nreads;
	int64_t			 parts_wh, parts_reads;	/* Σ over parts */
	size_t			 nparts;
	int			 completing;
};

struct sim_pass_result {
	int			 rc;		/* dom_issue_plan's */
	size_t			 certificates;
	int64_t			 windows_issued;
	unsigned		 events;	/* DOM_EV_* of every step */
	size_t			 steps;
	int			 stale;		/* a step's before != state */
};

struct sim {
	struct dom_issue_reservation	 resv;
	struct dom_device_facts		 dev[SIM_MAX_DEVICES];
	char				 ext[SIM_MAX_DEVICES][32];
	char				 uid[SIM_MAX_DEVICES][40];
	char				 cc[SIM_MAX_DEVICES][4];
	size_t				 ndev;
	struct dom_membership		 mem[SIM_MAX_DEVICES];
	size_t				 nmem;
	struct dom_issue_read		 reads[SIM_MAX_READS];
	size_t				 nreads;
	struct sim_cert			 certs[SIM_MAX_CERTS];
	size_t				 ncerts;
	int64_t				 settle_s;
	int64_t				 until;
};

/* An instant from "YYYY-MM-DDTHH:MM[:SS[.mmm]]Z"-like ISO text; aborts if bad. */
int64_t	 sim_ts(const char *);
/* A reservation: id, frequency, [start, end), expiry, target Wh, ATE. */
void	 sim_init(struct sim *, int64_t id, enum dom_frequency, int64_t start,
	    int64_t end, int64_t expiry, int64_t target_wh, int ate);
/* Adds a device (id, country) with a membership over the period; returns it. */
struct dom_device_facts *sim_device(struct sim *, int64_t id,
	    const char *country);
/* Adds a read; returns it. */
struct dom_issue_read *sim_read(struct sim *, int64_t id, int64_t device_id,
	    enum read_type, int64_t start, int64_t end, int64_t wh,
	    int64_t created_at);
/* Runs one pass at now over the reads with created_at <= now. */
struct sim_pass_result sim_pass(struct sim *, int64_t now);
/* The certificate with that id (1-based), or NULL. */
const struct sim_cert *sim_cert(const struct sim *, int64_t id);
/* The read with that id, or NULL. */
const struct dom_issue_read *sim_find_read(const struct sim *, int64_t id);
/*
 * Checks P1, P2, P3 and P5 (§7) on the current state; returns 0 or a
 * nonzero code naming the property (1, 2, 3, 5) and writes a reason.
 */
int	 sim_check_properties(const struct sim *, char *why, size_t whylen);
/*
 * P4 (§7) after a completed pass at now: unless completed, no eligible
 * uncertified read created <= now has a due window.  0 or 4.
 */
int	 sim_check_p4(const struct sim *, int64_t now);

#endif
