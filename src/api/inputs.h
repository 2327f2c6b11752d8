/*
 * The declared inputs of routes (struct api_input, api.h), one per route
 * that has one, defined next to its handler and named in the route's
 * entry in routes.c (.in).  docs/hacking.md tells how to add one.
 */
#ifndef API_INPUTS_H
#define API_INPUTS_H

#include "api/api.h"

extern const struct api_input api_in_login;		/* auth.c */
extern const struct api_input api_in_clock_put;	/* testclock.c */
extern const struct api_input api_in_device_post;	/* device_input.c */
extern const struct api_input api_in_device_patch;
extern const struct api_input api_in_res_create;	/* reservation_input.c */
extern const struct api_input api_in_res_patch;
extern const struct api_input api_in_res_end;
extern const struct api_input api_in_reads;		/* reads_ingest.c */
extern const struct api_input api_in_reads_admin;

#endif
