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
void		 render_device(struct jw *, const struct db_device *);
/* Its keys only, inside an object the caller opened (adds more keys). */
void		 render_device_keys(struct jw *, const struct db_device *);
/* The effective zone: stored, else the country's main zone, else UTC. */
const char	*device_zone(const struct db_device *);
/* 1 when the caller may see d (CONVENTIONS §4); -1 after a 503/500. */
int		 device_visible(struct api_call *, const struct db_device *);
/*
 * Resolves a device path parameter (CONVENTIONS §6) among the devices
 * visible to the caller.  by_external: the caller's organization's
 * externalId, then internalExternalId, then the numeric id; else the id
 * grammar (400 INVALID_ID).  lock: SELECT ... FOR UPDATE (in a
 * transaction).  Returns 0, or -1 after answering (400/404/503).
 */
int		 device_resolve(struct api_call *, const char *param,
		    int by_external, int lock, struct db_device *);
/* 404 DEVICE_NOT_FOUND for ref. */
void		 device_not_found(struct api_call *, const char *ref);
/*
 * The list filters of devices.md §6.7 (+ organizationId when allow_org)
 * into f; problems go to fe (INVALID_QUERY).
 */
void		 device_filters(struct api_call *, int allow_org,
		    struct db_device_filter *, struct field_errors *);

/*
 * The filters shared with other lists (reservations.md §4): country,
 * fuelCode, offTaker, SDGBenefits/sdgbenefit, start_date/end_date, into
 * those members of f (the rest zeroed); problems go to fe.
 */
void		 list_common_filters(struct api_call *,
		    struct db_device_filter *, struct field_errors *);
/* Only start_date/end_date (CONVENTIONS §8), decoded query values, into
 * f (the rest zeroed). */
void		 list_date_filters_of(struct api_call *, const struct jstr *start,
		    const struct jstr *end, struct db_device_filter *,
		    struct field_errors *);

#endif
