/*
 * itest_authz: the authorization matrix (test_authz.c) and the hostile
 * input tests (test_hostile.c) share one fixture, built by the first test
 * of the program (az_fixture).  See test_authz.c for the layout.
 */
#ifndef AUTHZ_H
#define AUTHZ_H

#include <stddef.h>

#include "itest.h"

/* The callers of the matrix, in the column order of its tables. */
enum az_role {
	AZ_NONE, AZ_ADMIN, AZ_ORGADMIN, AZ_DEVOWNER, AZ_DEVUSER,
	AZ_BUYER, AZ_SUBBUYER, AZ_BUYUSER, AZ__N
};
extern const char *const az_role_name[AZ__N];

/* Own (org A / X objects) and other (org B / Y objects). */
enum az_scope { AZ_OWN, AZ_OTHER };

#define AZ_PASSWORD	"Passw0rd1"

struct az_fixture {
	int		 ready;
	char		*tok[AZ__N];		/* AZ_NONE: NULL */
	char		*email[AZ__N];
	long long	 uid[AZ__N];
	long long	 org_admin;		/* the Admin's organization */
	long long	 org_a, org_b;		/* Developer organizations */
	long long	 org_x, org_y;		/* Buyer organizations */
	char		*tok_oa_b, *tok_buyer_y;
	long long	 dev[2];		/* dA, dB */
	long long	 onb[2];		/* their onboarding, epoch s */
	long long	 res[2];		/* R_X (dA), R_Y (dB) */
	char		*ruid[2];
	long long	 cert[2];		/* a certificate of each */
	long long	 spare_user;		/* PUT /api/admin/users/:id */
	char		*login_email;		/* POST /api/auth/login */
	long long	 res_h;			/* hostile PATCHes and ends */
	char		*tok_profile;		/* hostile profile changes */
	long long	 now;			/* when the fixture was built */
	/* integrators.md (test_authz_apiuser.c): ApiUser AU1 with all five
	 * scopes, its managed Developer M1 (device dev_m1) and Buyer MB1;
	 * AU2's managed Developer M2 (device dev_m2) and Buyer MB2. */
	char		*tok_au1, *tok_au2;
	char		*email_au1;
	long long	 uid_au1;
	long long	 org_m1, org_mb1, org_m2, org_mb2;
	long long	 dev_m1, dev_m2;
	long long	 res_m[2];	/* reservations of MB1 (AU1), MB2 (AU2) */
};
extern struct az_fixture az;

/* Builds the fixture once (CUnit assertions; fatal when it fails). */
void		 az_fixture(void);
/* "2024-06-01T10:00:00Z" for epoch seconds t (static buffer). */
const char	*az_iso(long long t);
/* A new device of Developer organization A (scope own) or B; id. */
long long	 az_device(int scope, long long *onboarding);
/* A new active reservation of X (own) or Y holding a new device; id. */
long long	 az_reservation(int scope, char **uid);
/* JSON body of a valid new device; Admin callers name org. */
char		*az_device_body(long long org);
/* JSON body of a valid new reservation of device d; Admin: org. */
char		*az_reservation_body(long long d, long long org);

/* Adds the ApiUsers of the fixture (called by az_fixture). */
void		 az_fixture_apiuser(void);
/* A new device of managed organization org, created by ApiUser tok. */
long long	 az_device_managed(const char *tok, long long org);

/* The suites. */
void		 az_register_matrix(void);
void		 az_register_hostile(void);
void		 az_register_apiuser(void);

#endif
