/*
 * Reservation bodies (reservations.md §3.1, §6): decoding with every field
 * error, shared by create and PATCH.
 */
#ifndef API_RESERVATION_INPUT_H
#define API_RESERVATION_INPUT_H

#include <stdint.h>

#include "http/jsonin.h"

struct api_call;

#define RES_MAX_DEVICES 10000

struct res_id {
	struct jint	 id;
};

struct res_input {
	struct jstr	 name;
	struct jarr	 device_ids;	/* of struct res_id */
	struct jnum	 target;
	struct jstr	 start_s, end_s, expiry_s;
	struct jstr	 frequency;
	struct jbool	 authority;
	struct jbool	 skip;		/* ...DevicesUnavailable... flag */
	struct jbool	 feasible;	/* ...TargetCapacityIsLess... flag */
	struct jstr	 blockchain;
	struct jint	 org;
	/* Decoded values (valid when the field is present and had no error). */
	int64_t		*ids;		/* ascending, duplicates collapsed */
	int		 nids;
	int64_t		 target_wh;
	int64_t		 start, end, expiry;
	int64_t		 org_id;
};

/* The end of DELETE .../endreservation/:id (the route's .in), or now. */
int64_t	api_res_end_of(const struct api_call *);

/*
 * Decodes c->body into in (the routes decode it through api_in_res_create
 * and api_in_res_patch; this is the same, for the body fuzzer).  create: the required fields of §3.1 and, for
 * an Admin, organizationId (or ?orgId=); patch: every field optional,
 * frequency only type-checked.  Errors go to fe in table order.
 */
void	api_res_input_decode(struct api_call *, int create, struct res_input *,
	    struct field_errors *);

#endif
