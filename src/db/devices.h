/*
 * Devices (devices.md §5).  Included by db/db.h; see its error contract.
 */
#ifndef DB_DEVICES_H
#define DB_DEVICES_H

#include <stdint.h>

struct arena;
struct db_conn;

/* A device row as stored (strings in the caller's arena). */
struct db_device {
	int64_t		 id;
	int64_t		 org_id;
	int64_t		 group_id;		/* 0: null (computed at now) */
	const char	*internal_external_id;
	const char	*external_id;
	const char	*project_name;		/* NULL allowed */
	const char	*quality_labels;
	const char	*address;
	const char	*latitude;		/* "-19.347492" */
	const char	*longitude;
	const char	*country_code;		/* alpha-3 */
	const char	*fuel_code;
	const char	*device_type_code;
	double		 capacity;		/* kW */
	int64_t		 commissioning;		/* ms */
	int		 grid;			/* -1 null, 0, 1 */
	int		 energy_storage;	/* -1 null, 0, 1 */
	const char	*off_taker;
	const char	*device_description;
	int		 yield_value;
	const char	*impact_story;
	const char	*images;		/* JSON array text */
	int		 has_esc;		/* energy_storage_capacity not null */
	double		 esc;
	uint32_t	 sdg;			/* bit n-1 = SDGn */
	const char	*timezone;		/* stored zone or NULL */
	const char	*meter_read_type;	/* NULL, Delta, Aggregate */
	int64_t		 created;		/* ms, the onboarding instant */
	int64_t		 updated;
};

/* List filters (devices.md §6.7); zero/NULL members filter nothing. */
struct db_device_filter {
	int64_t		 org_id;		/* 0: every organization; < 0: those
					 * managed by ApiUser -org_id */
	int		 catalogue_only;	/* groupId null at now */
	const char	*countries;		/* comma-joined canonical values */
	const char	*fuels;
	const char	*types;
	const char	*offtakers;
	uint32_t	 sdg_mask;
	int		 has_min, has_max;
	double		 min_kw, max_kw;
	int		 has_start, has_end;
	int64_t		 start, end;		/* ms, closed range */
	int		 grid;			/* -1: any */
	int64_t		 after_id;		/* > 0: only rows after this
						 * device in the list's order */
	/*
	 * > 0: count at most this many matches (the total of a paged list
	 * is then min(matches, count_cap)); 0: count them all.
	 */
	int64_t		 count_cap;
};

/*
 * Devices matching f at now, newest first; limit < 0 lists all.  *devs is
 * an arena array of *n; *total counts every match (at most f->count_cap).
 * The one list path of every device list route (db/device_list.c).
 */
enum err	db_device_list(struct db_conn *, struct arena *,
		    const struct db_device_filter *, int64_t now, int64_t limit,
		    int64_t offset, struct db_device **devs, int *n,
		    int64_t *total);
/* One device by id; for_update locks the row (inside a transaction). */
enum err	db_device_get(struct db_conn *, struct arena *, int64_t id,
		    int64_t now, int for_update, struct db_device *);
/* By (organization, externalId) case-insensitively, or by UUID. */
enum err	db_device_by_external(struct db_conn *, struct arena *,
		    int64_t org_id, const char *external_id, int64_t now,
		    int for_update, struct db_device *);
enum err	db_device_by_internal(struct db_conn *, struct arena *,
		    const char *uuid, int64_t now, int for_update,
		    struct db_device *);
/* Inserts d (id, group_id, meter_read_type ignored); sets *id. */
enum err	db_device_insert(struct db_conn *, const struct db_device *,
		    int64_t *id);
/* Writes every mutable column of d (by d->id), bumping row_version. */
enum err	db_device_update(struct db_conn *, const struct db_device *);
/* Deletes the device, its reads, batches and memberships. */
enum err	db_device_delete(struct db_conn *, int64_t id);
/* *yes = the device is held by a reservation (devices.md §1). */
enum err	db_device_held(struct db_conn *, int64_t id, int *yes);
/* *yes = the device has a meter read / a certified one. */
enum err	db_device_has_reads(struct db_conn *, int64_t id, int *yes);
enum err	db_device_has_certified(struct db_conn *, int64_t id,
		    int for_update, int *yes);
/*
 * *yes = a buyer organization may see the device: it is in the catalogue
 * at now or has a non-empty membership in one of the organization's
 * reservations (CONVENTIONS §4).
 */
enum err	db_device_buyer_visible(struct db_conn *, int64_t id,
		    int64_t buyer_org, int64_t now, int *yes);
/* The id of the device of org_id with externalId (any case), or 0. */
enum err	db_device_external_taken(struct db_conn *, int64_t org_id,
		    const char *external_id, int64_t *id);

#endif
