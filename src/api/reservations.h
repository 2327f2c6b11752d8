/*
 * Shared by the reservation handlers (reservations.md): path resolution
 * with visibility, rendering, and the JSON list texts of §3.7.
 */
#ifndef API_RESERVATIONS_H
#define API_RESERVATIONS_H

#include "db/db.h"

struct api_call;
struct jw;

/* The views of a reservation (§3.8, §4, §5). */
enum res_view {
	RES_REPRESENTATION,	/* §3.8: create, /my items */
	RES_FULL,		/* §5: + organization + devices */
	RES_RESTRICTED		/* §4: a developer's read-only view */
};

/* 1 when the caller sees r in full, 0 restricted, -1 not visible. */
int	api_res_visibility(struct api_call *, const struct db_reservation *);
/* Checks the syntax of path parameter "id"; 0, or -1 after 400 INVALID_ID. */
int	api_res_check_ref(struct api_call *);
/*
 * Resolves path parameter "id" (numeric id or devicegroup_uid) among the
 * reservations visible to the caller; lock: FOR UPDATE (in a transaction).
 * *full (may be NULL) gets 1 for the full view, 0 for the restricted one.
 * Returns 0, or -1 after answering 400 INVALID_ID / 404 / 503.
 */
int	api_res_resolve(struct api_call *, int lock, struct db_reservation *,
	    int *full);
/*
 * Writes the reservation object of view v into w (object left open so
 * the caller may add keys; close it with jw_obj_close).  Loads members
 * (and, for FULL/RESTRICTED, their devices).  Returns ERR_OK or a db error.
 */
enum err api_res_render_open(struct api_call *, struct jw *,
	    const struct db_reservation *, enum res_view);
/* Answers status with the view v of reservation id (re-read). */
void	api_res_reply(struct api_call *, int status, int64_t id, enum res_view);

#endif
