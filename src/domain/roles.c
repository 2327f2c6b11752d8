/*
 * The role table (domain/roles.h).  Each name is spelled once, here.
 */
#include <stddef.h>
#include <string.h>

#include "core/nelem.h"
#include "domain/roles.h"

static const char admin[] = "Admin", orgadmin[] = "OrganizationAdmin",
    devowner[] = "DeviceOwner", buyer[] = "Buyer", subbuyer[] = "SubBuyer",
    user[] = "User", apiuser[] = "ApiUser";
static const char developer[] = "Developer";

const struct dom_role dom_roles[] = {
	{ orgadmin, ROLE_ORGADMIN, developer, orgadmin, 1 },
	{ devowner, ROLE_DEVOWNER, developer, devowner, 0 },
	{ buyer, ROLE_BUYER, buyer, buyer, 1 },
	{ subbuyer, ROLE_SUBBUYER, buyer, subbuyer, 0 },
	{ user, ROLE_DEV_USER, developer, "User of a Developer organization", 0 },
	{ user, ROLE_BUY_USER, buyer, "User of a Buyer organization", 0 },
	{ admin, ROLE_ADMIN, admin, admin, 0 },
	{ apiuser, ROLE_APIUSER, apiuser, NULL, 0 },
};
const unsigned dom_nroles = NELEM(dom_roles);

const char *const dom_role_names[] = { orgadmin, devowner, buyer, subbuyer,
    user, NULL };

unsigned
dom_role_bit(const char *role, const char *org_type)
{
	unsigned	i;

	if (role == NULL)
		return 0;
	for (i = 0; i < dom_nroles; i++) {
		if (strcmp(role, dom_roles[i].name) != 0)
			continue;
		/* User: the bit of its organization's type. */
		if (dom_roles[i].bit & ROLES_USER) {
			if (org_type != NULL &&
			    strcmp(org_type, dom_roles[i].org_type) == 0)
				return dom_roles[i].bit;
			continue;
		}
		return dom_roles[i].bit;
	}
	return 0;
}

int
dom_role_fits(const char *role, const char *org_type)
{
	unsigned	i;

	if (strcmp(role, user) == 0)
		return strcmp(org_type, admin) != 0;
	/* Admin and ApiUser are never given to a member. */
	for (i = 0; i < dom_nroles; i++)
		if (strcmp(role, dom_roles[i].name) == 0 &&
		    (dom_roles[i].bit & (ROLE_ADMIN | ROLE_APIUSER)) == 0)
			return strcmp(org_type, dom_roles[i].org_type) == 0;
	return 0;
}

const char *
dom_role_manager(const char *org_type)
{
	unsigned	i;

	if (org_type == NULL)
		return NULL;
	for (i = 0; i < dom_nroles; i++)
		if (dom_roles[i].manager &&
		    strcmp(org_type, dom_roles[i].org_type) == 0)
			return dom_roles[i].name;
	return NULL;
}
