/*
 * Reservations and memberships (reservations.md §9).  Included by
 * db/db.h; see its error contract.
 */
#ifndef DB_RESERVATIONS_H
#define DB_RESERVATIONS_H

#include <stdint.h>

struct arena;
struct db_conn;

/* A reservation row (strings in the caller's arena). */
struct db_reservation {
	int64_t		 id;
	const char	*uid;			/* devicegroup_uid, lower-case */
	int64_t		 org_id;
	const char	*org_name;		/* read only */
	const char	*api_user_uid;		/* the buyer organization's
						 * managing ApiUser, or NULL */
	int64_t		 buyer_id;
	const char	*name;
	const char	*frequency;		/* lower-case */
	int64_t		 start, end, expiry;	/* ms */
	int64_t		 target_wh;
	int		 authority;		/* authorityToExceed */
	const char	*blockchain;		/* NULL: absent */
	const char	*status;		/* active | ended | completed */
	int64_t		 issued_wh;
	int64_t		 cert_count;
	int		 has_issued_through;
	int64_t		 issued_through;
	int		 closed;
	int64_t		 closed_at;
	/* §3.7, JSON array text */
	const char	*fuel_codes, *country_codes, *device_type_codes;
	const char	*off_takers, *sdg_benefits, *commissioning_range;
	int		 grid;
	double		 aggregated_capacity;
	const char	*capacity_range;
	int64_t		 created, updated;
};

/* A membership [from, to) of a device. */
struct db_member {
	int64_t		 device_id;
	int64_t		 from, to;
};

/* List filters (reservations.md §4); zero/NULL members filter nothing. */
struct db_res_filter {
	int64_t		 org_id;	/* the buyer organization */
	int64_t		 dev_org_id;	/* non-empty membership of its device */
	const char	*name_like;	/* LIKE-escaped with '!' */
	/* JSON array texts matched with JSON_OVERLAPS */
	const char	*countries, *fuels, *offtakers, *sdgs;
	int		 has_start, has_end;
	int64_t		 start, end;	/* closed range */
	int		 active;	/* -1 all, 1 active, 0 ended/completed */
};

/* Inserts r (id, status, issued, closed ignored); sets *id. */
enum err	db_res_insert(struct db_conn *, const struct db_reservation *,
		    int64_t *id);
enum err	db_res_member_insert(struct db_conn *, int64_t res_id,
		    int64_t device_id, int64_t from, int64_t to);
/* By id / by devicegroup_uid; lock: SELECT ... FOR UPDATE. */
enum err	db_res_get(struct db_conn *, struct arena *, int64_t id,
		    int lock, struct db_reservation *);
enum err	db_res_by_uid(struct db_conn *, struct arena *, const char *uid,
		    int lock, struct db_reservation *);
/*
 * Memberships of reservation res_id by device id; org_id > 0 keeps the
 * non-empty ones of that organization's devices.  Arena array of *n.
 */
enum err	db_res_members(struct db_conn *, struct arena *, int64_t res_id,
		    int64_t org_id, struct db_member **, int *n);
/*
 * Locking read: *yes = device has a non-empty membership of a reservation
 * other than except_res overlapping [from, to).
 */
enum err	db_res_overlap_lock(struct db_conn *, int64_t device_id,
		    int64_t except_res, int64_t from, int64_t to, int *yes);
/* Writes name, end, expiry, authority, status and updated of r. */
enum err	db_res_update(struct db_conn *, const struct db_reservation *);
/* Every non-empty membership's end := max(its from, end). */
enum err	db_res_member_set_end(struct db_conn *, int64_t res_id,
		    int64_t end);
/* Completion (certificates.md §5): every end := max(from, min(to, t)). */
enum err	db_res_member_lower(struct db_conn *, int64_t res_id, int64_t t);
/* Deletes the reservation and (cascade) its memberships. */
enum err	db_res_delete(struct db_conn *, int64_t id);
/* *yes = res has a non-empty membership of a device of org_id. */
enum err	db_res_dev_visible(struct db_conn *, int64_t res_id,
		    int64_t org_id, int *yes);
/* Reservations matching f by id ascending; *total counts all matches. */
enum err	db_res_list(struct db_conn *, struct arena *,
		    const struct db_res_filter *, int64_t limit, int64_t offset,
		    struct db_reservation **, int *n, int64_t *total);

/*
 * Sets of devices, one statement each whatever their number (ids sorted
 * ascending, distinct).  db_res_devices_lock: the existing devices among
 * ids, locked (FOR UPDATE, ascending), by id, with only what reservations.md
 * §3.5 and §3.7 read set (id, capacity, commissioning, grid, sdg,
 * country_code, fuel_code, device_type_code, off_taker; the rest zero or
 * NULL); arena array of *n.  The first statement of a transaction that
 * writes the devices (Galera: a causal read, docs/cluster.md).
 */
struct db_device;
enum err	db_res_devices_lock(struct db_conn *, struct arena *,
		    const int64_t *ids, int nids, struct db_device **, int *n);
/*
 * Bumps row_version of every device of ids (ARCHITECTURE §1) and raises
 * its held_until to at least until (a membership ending then follows).
 */
enum err	db_res_devices_bump(struct db_conn *, struct arena *,
		    const int64_t *ids, int nids, int64_t until);
/*
 * Locking read: the devices of ids with a non-empty membership of a
 * reservation other than except_res overlapping [from, to); arena array
 * of *nbusy, ascending.
 */
enum err	db_res_overlaps_lock(struct db_conn *, struct arena *,
		    const int64_t *ids, int nids, int64_t except_res,
		    int64_t from, int64_t to, int64_t **busy, int *nbusy);
/* Memberships [from, to) of reservation res_id for every device of ids. */
enum err	db_res_members_insert(struct db_conn *, struct arena *,
		    int64_t res_id, const int64_t *ids, int nids, int64_t from,
		    int64_t to);
/*
 * The member devices of res_id (org_id > 0: the non-empty memberships of
 * that organization's devices), one at a time: fn(arg, d) per device in id
 * order, d valid until fn returns (a reservation of any size costs no
 * array of its devices).  An error can come after some calls: the caller
 * discards what it built from them.
 */
enum err	db_res_member_devices_each(struct db_conn *, int64_t res_id,
		    int64_t org_id, int64_t now,
		    void (*fn)(void *, const struct db_device *), void *arg);

#endif
