/*
 * The roles of CONVENTIONS §4 and integrators.md §2 in one table: name,
 * bit, the organization type each belongs to, which ones an Admin or a
 * manager may give and which one manages an organization.  Every role
 * name, role list and role check elsewhere comes from here.
 */
#ifndef DOMAIN_ROLES_H
#define DOMAIN_ROLES_H

/* Roles as bits; User counts by its organization's type (CONVENTIONS §4). */
enum {
	ROLE_ADMIN	= 1 << 0,
	ROLE_ORGADMIN	= 1 << 1,
	ROLE_DEVOWNER	= 1 << 2,
	ROLE_BUYER	= 1 << 3,
	ROLE_SUBBUYER	= 1 << 4,
	ROLE_DEV_USER	= 1 << 5,	/* User of a Developer organization */
	ROLE_BUY_USER	= 1 << 6,	/* User of a Buyer organization */
	ROLE_APIUSER	= 1 << 7,	/* integrators.md §2; never in ROLES_ANY */
};
#define ROLES_ANY	0x7f
#define ROLES_DEVELOPER	(ROLE_ORGADMIN | ROLE_DEVOWNER | ROLE_DEV_USER)
#define ROLES_BUYER	(ROLE_BUYER | ROLE_SUBBUYER | ROLE_BUY_USER)
#define ROLES_USER	(ROLE_DEV_USER | ROLE_BUY_USER)

struct dom_role {
	const char	*name;		/* as stored and sent */
	unsigned	 bit;
	const char	*org_type;	/* the organization type it belongs to */
	const char	*label;		/* in a 403's allowed roles; NULL: never */
	int		 manager;	/* manages its organization (accounts.md) */
};

/* The table, in the order 403 messages list roles; dom_nroles entries. */
extern const struct dom_role	dom_roles[];
extern const unsigned		dom_nroles;
/*
 * The roles an Admin (users.md §4.12), a manager (accounts.md §5, §6) or
 * drecctl may give, NULL-terminated, for field choices.
 */
extern const char *const	dom_role_names[];
/* Their list as the field error sentences spell it. */
#define DOM_ROLE_NAMES_TEXT \
	"OrganizationAdmin, DeviceOwner, Buyer, SubBuyer or User"

/*
 * The bit of role in an organization of org_type (User: ROLE_DEV_USER or
 * ROLE_BUY_USER by the type), or 0 for an unknown role or a User outside
 * Developer and Buyer organizations.  NULL role: 0.
 */
unsigned	 dom_role_bit(const char *role, const char *org_type);
/*
 * 1 when role may be given to a member of an organization of org_type:
 * User in any type but Admin, the others in their own type only; else 0.
 */
int		 dom_role_fits(const char *role, const char *org_type);
/* The role managing an organization of org_type (OrganizationAdmin for
 * Developer, Buyer for Buyer), or NULL. */
const char	*dom_role_manager(const char *org_type);

#endif
