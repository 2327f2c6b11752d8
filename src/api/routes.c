/*
 * The route table: every route of the API with its roles and body kind.
 * A new route without a roles entry is public: keep that deliberate.
 */
#include <string.h>

#include "api/api.h"

static const struct api_route
    r_health = { api_health, 0, BODY_NONE, 1, 0, 0 },
    r_live = { api_health_live, 0, BODY_NONE, 1, 0, 0 },
    r_register = { api_register, 0, BODY_JSON, 0, 0, 0 },
    r_login = { api_login, 0, BODY_JSON, 0, 0, 0 },
    r_logout = { api_logout, ROLES_ANY, BODY_IGNORED, 0, 0, 0 },
    r_me = { api_user_me, ROLES_ANY, BODY_NONE, 0, 0, 0 },
    r_password = { api_user_password, ROLES_ANY, BODY_JSON, 0, 0, 0 },
    r_profile = { api_user_profile, ROLES_ANY, BODY_JSON, 0, 0, 0 },
    r_org_me = { api_org_me, ROLES_ANY, BODY_NONE, 0, 0, 0 },
    r_org_users = { api_org_users, ROLES_ANY, BODY_NONE, 0, 0, 0 },
    r_admin_users = { api_admin_users, ROLE_ADMIN, BODY_NONE, 0, 0, 0 },
    r_admin_orgs = { api_admin_orgs, ROLE_ADMIN, BODY_NONE, 0, 0, 0 },
    r_admin_status = { api_admin_user_status, ROLE_ADMIN, BODY_JSON, 0, 0, 0 },
    r_admin_create = { api_admin_user_create, ROLE_ADMIN, BODY_JSON, 0, 0, 0 },
    r_clock_get = { api_clock_get, ROLE_ADMIN, BODY_NONE, 0, 0, 1 },
    r_clock_put = { api_clock_put, ROLE_ADMIN, BODY_JSON, 0, 0, 1 },
    r_dev_create = { api_device_create, ROLE_ORGADMIN | ROLE_DEVOWNER |
	ROLE_ADMIN, BODY_JSON, 0, 0, 0 },
    r_dev_my = { api_device_my, ROLES_DEVELOPER | ROLE_ADMIN, BODY_NONE, 0,
	0, 0 },
    r_dev_get = { api_device_get, ROLES_DEVELOPER | ROLES_BUYER | ROLE_ADMIN,
	BODY_NONE, 0, 0, 0 },
    r_dev_patch = { api_device_patch, ROLE_ORGADMIN | ROLE_DEVOWNER |
	ROLE_ADMIN, BODY_JSON, 0, 0, 0 },
    r_dev_delete = { api_device_delete, ROLE_ORGADMIN | ROLE_DEVOWNER |
	ROLE_ADMIN, BODY_NONE, 0, 0, 0 },
    r_dev_catalogue = { api_device_catalogue, ROLES_BUYER | ROLE_ADMIN,
	BODY_NONE, 0, 0, 0 },
    r_codes_fuel = { api_codes_fuel, 0, BODY_NONE, 1, 0, 0 },
    r_codes_type = { api_codes_device_type, 0, BODY_NONE, 1, 0, 0 },
    r_codes_country = { api_codes_countries, 0, BODY_NONE, 1, 0, 0 },
    r_codes_sdg = { api_codes_sdg, 0, BODY_NONE, 1, 0, 0 };

#define R(m, p, d) { m, p, (void *)&d }

static const struct route routes[] = {
	R("GET", "/api/health", r_health),
	R("GET", "/api/health/live", r_live),
	R("POST", "/api/user/register", r_register),
	R("POST", "/api/user/registerWithOrganization", r_register),
	R("POST", "/api/auth/login", r_login),
	R("POST", "/api/auth/logout", r_logout),
	R("GET", "/api/user/me", r_me),
	R("PUT", "/api/user/password", r_password),
	R("PUT", "/api/user/profile", r_profile),
	R("GET", "/api/organization/me", r_org_me),
	R("GET", "/api/organization/users", r_org_users),
	R("GET", "/api/admin/users", r_admin_users),
	R("POST", "/api/admin/users", r_admin_create),
	R("PUT", "/api/admin/users/:id", r_admin_status),
	R("GET", "/api/admin/organizations", r_admin_orgs),
	R("GET", "/api/test/clock", r_clock_get),
	R("PUT", "/api/test/clock", r_clock_put),
	R("POST", "/api/device", r_dev_create),
	R("GET", "/api/device/my", r_dev_my),
	R("GET", "/api/device/fuel-type", r_codes_fuel),
	R("GET", "/api/device/device-type", r_codes_type),
	R("GET", "/api/device/ungrouped/buyerreservation", r_dev_catalogue),
	/* One parameter name: GET/DELETE take an id, PATCH any reference. */
	R("GET", "/api/device/:id", r_dev_get),
	R("PATCH", "/api/device/:id", r_dev_patch),
	R("DELETE", "/api/device/:id", r_dev_delete),
	R("GET", "/api/countrycode/list", r_codes_country),
	R("GET", "/api/sdgbenefit/code", r_codes_sdg),
};

const struct route *
api_routes(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}

unsigned
api_role_bit(const char *role, const char *org_type)
{
	if (role == NULL)
		return 0;
	if (strcmp(role, "Admin") == 0)
		return ROLE_ADMIN;
	if (strcmp(role, "OrganizationAdmin") == 0)
		return ROLE_ORGADMIN;
	if (strcmp(role, "DeviceOwner") == 0)
		return ROLE_DEVOWNER;
	if (strcmp(role, "Buyer") == 0)
		return ROLE_BUYER;
	if (strcmp(role, "SubBuyer") == 0)
		return ROLE_SUBBUYER;
	if (strcmp(role, "User") == 0 && org_type != NULL) {
		if (strcmp(org_type, "Developer") == 0)
			return ROLE_DEV_USER;
		if (strcmp(org_type, "Buyer") == 0)
			return ROLE_BUY_USER;
	}
	return 0;
}
