/*
 * Shared by the device handlers (devices.md): rendering, visibility,
 * path resolution and list filters.
 */
#ifndef API_DEVICES_H
#define API_DEVICES_H

#include "db/db.h"
#include "http/jsonin.h"

struct api_call;
struct jw;

/* The device object of devices.md §4. */
void		 api_render_device(struct jw *, const struct db_device *);
/* Its keys only, inside an object the caller opened (adds more keys). */
void		 api_render_device_keys(struct jw *, const struct db_device *);
/* The effective zone: stored, else the country's main zone, else UTC. */
const char	*api_device_zone(const struct db_device *);
/* 1 when the caller may see d (CONVENTIONS §4); -1 after a 503/500. */
int		 api_device_visible(struct api_call *, const struct db_device *);
/*
 * Resolves a device path parameter (CONVENTIONS §6) among the devices
 * visible to the caller.  by_external: the caller's organization's
 * externalId, then internalExternalId, then the numeric id; else the id
 * grammar (400 INVALID_ID).  lock: SELECT ... FOR UPDATE (in a
 * transaction).  Returns 0, or -1 after answering (400/404/503).
 */
int		 api_device_resolve(struct api_call *, const char *param,
		    int by_external, int lock, struct db_device *);
/* 404 DEVICE_NOT_FOUND for ref. */
void		 api_device_not_found(struct api_call *, const char *ref);
/*
 * The list filters' query parameters (devices.md §6.7, reservations.md
 * §4): LIST_COMMON_QUERY and LIST_DEVICE_QUERY declare them in a query
 * table over a struct list_filter_q member.
 */
struct list_filter_q {
	struct jstr	country, fuel, offtaker, sdg, sdg2, start, end;
	struct jstr	type, min, max, cap, grid, after, org;
};
#define LIST_Q(n, T, m, f, fl, d)					\
	{ (n), JT_STRING, 0, offsetof(T, m.f), NULL, .flags = (fl), .doc = (d) }
/* country, fuelCode, offTaker, SDGBenefits/sdgbenefit, start_date/end_date */
#define LIST_COMMON_QUERY(T, m)						\
	LIST_Q("country", T, m, country, JF_QUERY_ALL, "Countries (ISO "	\
	    "3166-1 alpha-2 or alpha-3; comma list or repeated)"),	\
	LIST_Q("fuelCode", T, m, fuel, JF_QUERY_ALL, "Fuel codes (comma "	\
	    "list or repeated)"),					\
	LIST_Q("offTaker", T, m, offtaker, JF_QUERY_ALL, "Off-takers "	\
	    "(comma list or repeated)"),				\
	LIST_Q("SDGBenefits", T, m, sdg, JF_QUERY_ALL, "SDGs: SDG1-SDG17, " \
	    "1-17 or names (comma list or repeated)"),			\
	LIST_Q("sdgbenefit", T, m, sdg2, JF_QUERY_ALL, "SDGBenefits under " \
	    "another spelling (values add up)"),			\
	LIST_Q("start_date", T, m, start, 0, "From this instant or date "	\
	    "(YYYY-MM-DD)"),						\
	LIST_Q("end_date", T, m, end, 0, "Up to this instant or date (the " \
	    "whole day)")
/* The device lists' other filters (organizationId when allowed) */
#define LIST_DEVICE_QUERY(T, m)						\
	LIST_Q("deviceTypeCode", T, m, type, JF_QUERY_ALL, "Device type "	\
	    "codes (comma list or repeated)"),				\
	LIST_Q("minCapacity", T, m, min, 0, "At least this capacity in kW"), \
	LIST_Q("maxCapacity", T, m, max, 0, "At most this capacity in kW"), \
	LIST_Q("capacity", T, m, cap, 0, "maxCapacity under another name"), \
	LIST_Q("gridInterconnection", T, m, grid, 0, "true or false"),	\
	LIST_Q("organizationId", T, m, org, 0, "Where allowed: one "	\
	    "organization's devices (a positive integer)"),		\
	LIST_Q("after", T, m, after, 0, "The keyset cursor: devices after " \
	    "this device id")

/*
 * The decoded query of GET /api/device/my and the buyers' catalogue
 * (api_in_device_my, api_in_device_catalogue of device_filters.c): the
 * filters f, the page of DEVICE_LIST_PAGE devices, and paged when a page
 * parameter was sent.
 */
#define DEVICE_LIST_PAGE	20
struct device_list_in {
	struct api_pageq	pq;
	struct list_filter_q	lq;
	struct db_device_filter	f;
	int64_t			page, limit;
	int			paged;
};

/* The filters of q (+ organizationId when allow_org) into f; problems go
 * to fe (INVALID_QUERY). */
void		 api_device_filters_of(struct api_call *,
		    const struct list_filter_q *, int allow_org,
		    struct db_device_filter *, struct field_errors *);
/* The filters shared with other lists (LIST_COMMON_QUERY) into those
 * members of f (the rest zeroed); problems go to fe. */
void		 api_list_common_filters_of(struct api_call *,
		    const struct list_filter_q *, struct db_device_filter *,
		    struct field_errors *);
/* Only start_date/end_date (CONVENTIONS §8), decoded query values, into
 * f (the rest zeroed). */
void		 api_list_date_filters_of(struct api_call *, const struct jstr *start,
		    const struct jstr *end, struct db_device_filter *,
		    struct field_errors *);

#endif
