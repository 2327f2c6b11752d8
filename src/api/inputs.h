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

extern const struct api_input api_in_register;		/* users.c */
extern const struct api_input api_in_apiuser_org;	/* users.c */
extern const struct api_input api_in_password;		/* users.c */
extern const struct api_input api_in_profile;		/* users.c */

#endif
