/*
 * ApiUser routes (integrators.md §2-4): handlers and helpers shared by
 * apiusers.c, permissions.c and credentials.c.
 */
#ifndef API_APIUSERS_H
#define API_APIUSERS_H

#include "api/api.h"

/*
 * The ApiUser of a path reference (user id or api_user_id): 0, or
 * answered 400 INVALID_ID / 404 API_USER_NOT_FOUND and -1.
 */
int		 api_apiuser_by_ref(struct api_call *, const char *ref,
		    struct db_apiuser *);
/* The caller asks for scopes S (§2.3); 0, or answered and -1. */
int		 api_apiuser_ask(struct api_call *, unsigned scopes);
/* G ∪ P ∪ more of the caller. */
unsigned	 api_apiuser_request_more(const struct api_call *, unsigned more);

/* apiusers.c */
void	api_apiuser_scopes(struct api_call *);
void	api_admin_apiusers(struct api_call *);
void	api_admin_apiuser_decide(struct api_call *);
/* permissions.c */
void	api_acl_modules(struct api_call *);
void	api_permission_request(struct api_call *);
void	api_permission_user(struct api_call *);
void	api_user_get(struct api_call *);
void	api_apiuser_orgs(struct api_call *);
/* users.c */
void	api_apiuser_org_create(struct api_call *);
/* credentials.c */
void	api_cred_create(struct api_call *);
void	api_cred_list(struct api_call *);
void	api_cred_delete(struct api_call *);
void	api_cred_export(struct api_call *);
void	api_get_access(struct api_call *);
/* yield.c */
void	api_yield_list(struct api_call *);
void	api_yield_get(struct api_call *);
void	api_yield_create(struct api_call *);
void	api_yield_update(struct api_call *);

#endif
