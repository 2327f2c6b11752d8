/*
 * Device input (devices.md §3): decoding a POST or PATCH body into the
 * fields of a struct db_device, with every field error of the body.
 */
#ifndef API_DEVICE_INPUT_H
#define API_DEVICE_INPUT_H

#include <stdint.h>

#include "db/db.h"
#include "http/jsonin.h"

struct api_call;
struct country;

/* Which fields the body set (PATCH) and what they normalised to. */
enum dev_field {
	DF_EXTERNAL_ID, DF_PROJECT_NAME, DF_ADDRESS, DF_LATITUDE, DF_LONGITUDE,
	DF_COUNTRY, DF_FUEL, DF_TYPE, DF_CAPACITY, DF_COMMISSIONING, DF_GRID,
	DF_OFFTAKER, DF_YIELD, DF_IMPACT, DF_IMAGES, DF_DESCRIPTION,
	DF_STORAGE, DF_ESC, DF_QUALITY, DF_SDG, DF_TIMEZONE, DF__MAX
};

struct dev_input {
	int			 set[DF__MAX];	/* present (value or null) */
	struct db_device	 v;		/* the normalised values */
	const struct country	*country;	/* when DF_COUNTRY is set */
	const char		*timezone_raw;	/* as sent, checked later */
	int			 yield_default;	/* yieldValue absent, null or 0 */
};

/*
 * The yieldValue default of a device in country cc (integrators.md §7):
 * its Y entry of yield_config, else 2000.  0, or answered 5xx and -1.
 */
int	api_dev_yield_default(struct api_call *, const char *cc, int *value);

/*
 * The decoded input of POST and PATCH /api/device (the routes' .in): the
 * pipeline has decoded it, the handler reads it with api_dev_input_of().
 */
struct dev_input	*api_dev_input_of(struct api_call *);
/* The organization of a POST: an Admin's organizationId, else the
 * caller's. */
int64_t	api_dev_input_org(struct api_call *);
/*
 * Decodes c->body the same way (bulk device rows).  patch: fields are optional, null clears an optional
 * field and is an error for a required one.  Errors go to fe in the order
 * of devices.md §3.  The timezone is checked here only when the country
 * is known from the body (POST, or PATCH with countryCode).
 */
void	api_dev_input_decode(struct api_call *, int patch, struct dev_input *,
	    struct field_errors *);
/*
 * Checks in->timezone_raw against country (PATCH step 2): 0 ok with
 * in->v.timezone canonical, else adds the timezone error to fe.
 */
int	api_dev_input_check_zone(struct api_call *, struct dev_input *,
	    const struct country *, struct field_errors *);

#endif
