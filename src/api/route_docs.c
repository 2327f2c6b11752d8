/*
 * Route descriptions for docs/openapi.json (route_docs.h).  One entry per
 * route of routes.c, in its order; the reservation and CSV-job routes
 * exist under two prefixes there and here alike.  Error codes: the
 * route's own (the pipeline's common ones are derived from the route
 * table by the generator, openapi.c); each must be known to the
 * generator's code table.
 */
#include "api/route_docs.h"

#define T_OPS		"Operations"
#define T_USERS		"Users and sessions"
#define T_ACCOUNTS	"Accounts"
#define T_ORGS		"Organizations"
#define T_ADMIN		"Administration"
#define T_DEVICES	"Devices"
#define T_CODES		"Code lists"
#define T_READS		"Meter reads"
#define T_RES		"Reservations"
#define T_CERTS		"Certificates"
#define T_CLIENTS	"Routes for existing clients"
#define T_INTEG		"Integrators"
#define T_BULK		"Bulk uploads"
#define T_YIELD		"Yield configuration"

#define CSV	"text/csv"

/* Registration; with api_user_id it authenticates the ApiUser. */
#define E_REGISTER	"EMAIL_TAKEN ORGANIZATION_NAME_TAKEN UNAUTHORIZED " \
	"ACCOUNT_PENDING EMAIL_NOT_CONFIRMED FORBIDDEN"

/* A reservation id or group UUID in the path (reservations.md §2). */
#define E_RES	"INVALID_ID RESERVATION_NOT_FOUND"

#define RES_DOCS(pre) \
	{ "POST", pre, T_RES, 201, "Create a reservation", \
	    "reservations.md §3", "DEVICE_NOT_FOUND DEVICE_ALREADY_RESERVED " \
	    "ORGANIZATION_NOT_FOUND ORGANIZATION_NOT_BUYER " \
	    "RESERVATION_DATE_TOO_FAR RESERVATION_DATE_TOO_OLD " \
	    "RESERVATION_END_BEFORE_START RESERVATION_EXPIRY_BEFORE_END " \
	    "RESERVATION_NAME_TAKEN TARGET_NOT_REACHABLE", NULL }, \
	{ "GET", pre, T_RES, 200, "List all reservations (Admin)", \
	    "reservations.md §4", "", NULL }, \
	{ "GET", pre "/my", T_RES, 200, "List the caller's reservations", \
	    "reservations.md §4", "", NULL }, \
	{ "GET", pre "/of-my-devices", T_RES, 200, \
	    "List reservations holding the caller's devices", \
	    "reservations.md §4", "", NULL }, \
	{ "DELETE", pre "/endreservation/:id", T_RES, 200, \
	    "End a reservation early", "reservations.md §7", E_RES \
	    " END_DATE_IN_PAST END_DATE_AFTER_CURRENT_END " \
	    "END_BEFORE_ISSUED_WINDOW RESERVATION_ALREADY_ENDED " \
	    "RESERVATION_NOT_ACTIVE", NULL }, \
	{ "DELETE", pre "/endresavation/:id", T_RES, 200, \
	    "End a reservation early (the reference spelling)", \
	    "reservations.md §7", E_RES " END_DATE_IN_PAST " \
	    "END_DATE_AFTER_CURRENT_END END_BEFORE_ISSUED_WINDOW " \
	    "RESERVATION_ALREADY_ENDED RESERVATION_NOT_ACTIVE", NULL }, \
	{ "GET", pre "/current-information/:id", T_CLIENTS, 200, \
	    "Current information of a reservation", "clients.md §6.1", \
	    "RESERVATION_NOT_FOUND", NULL }, \
	{ "GET", pre "/:id", T_RES, 200, "Get a reservation", \
	    "reservations.md §5", E_RES, NULL }, \
	{ "PATCH", pre "/:id", T_RES, 200, "Change a reservation", \
	    "reservations.md §6", E_RES " DEVICE_ALREADY_RESERVED " \
	    "DEVICE_NOT_FOUND FIELD_NOT_UPDATABLE RESERVATION_CLOSED " \
	    "RESERVATION_DATE_TOO_FAR RESERVATION_END_BEFORE_START " \
	    "RESERVATION_EXPIRY_BEFORE_END RESERVATION_EXPIRY_BEFORE_END@409 " \
	    "RESERVATION_EXPIRY_IN_PAST " \
	    "RESERVATION_HAS_CERTIFICATES RESERVATION_NAME_TAKEN " \
	    "END_BEFORE_ISSUED_WINDOW TARGET_NOT_REACHABLE", NULL }, \
	{ "DELETE", pre "/:id", T_RES, 200, "Cancel a reservation", \
	    "reservations.md §8", E_RES " RESERVATION_CLOSED " \
	    "RESERVATION_HAS_CERTIFICATES", NULL }

#define CSV_DOCS(pre) \
	{ "POST", pre "/process-creation-bulk-devices-csv", T_BULK, 201, \
	    "Start a device CSV job from an uploaded file", \
	    "integrators.md §5.6", "FILE_NOT_FOUND ORGANIZATION_NOT_FOUND " \
	    "ORGANIZATION_NOT_DEVELOPER TOO_MANY_OPEN_JOBS", NULL }, \
	{ "GET", pre "/bulk-upload/get-all-csv-jobs-of-organization", T_BULK, \
	    200, "List the organization's CSV jobs", "integrators.md §5.6", \
	    "ORGANIZATION_NOT_FOUND", NULL }, \
	{ "GET", pre "/bulk-upload-status/:id", T_BULK, 200, \
	    "Status of a CSV job", "integrators.md §5.6", \
	    "INVALID_ID JOB_NOT_FOUND", NULL }

static const struct route_doc docs[] = {
	{ "GET", "/api/health", T_OPS, 200,
	    "Health of drecd and its database (503 when unhealthy)",
	    "CONVENTIONS §10", "", NULL },
	{ "GET", "/api/health/live", T_OPS, 200, "Liveness of the worker",
	    "CONVENTIONS §10", "", NULL },
	{ "POST", "/api/user/register", T_USERS, 201,
	    "Register a user with a new organization (with api_user_id: an "
	    "ApiUser's managed one, with the ApiUser's token)",
	    "users.md §4.1, integrators.md §4.1", E_REGISTER, NULL },
	{ "POST", "/api/user/registerWithOrganization", T_USERS, 201,
	    "Register a user with a new organization (alias)",
	    "users.md §4.1, integrators.md §4.1", E_REGISTER, NULL },
	{ "POST", "/api/auth/login", T_USERS, 200,
	    "Log in with e-mail and password: a session token",
	    "users.md §4.2", "INVALID_CREDENTIALS", NULL },
	{ "POST", "/api/auth/logout", T_USERS, 200, "End the session",
	    "users.md §4.3", "", NULL },
	{ "GET", "/api/user/me", T_USERS, 200, "The caller's user view",
	    "users.md §4.4", "", NULL },
	{ "PUT", "/api/user/password", T_USERS, 200, "Change the password",
	    "users.md §4.5, accounts.md §4.3", "INCORRECT_CURRENT_PASSWORD",
	    NULL },
	{ "PUT", "/api/user/profile", T_USERS, 200, "Change the profile",
	    "users.md §4.6", "EMAIL_TAKEN INCORRECT_CURRENT_PASSWORD "
	    "REAUTHENTICATION_REQUIRED", NULL },
	{ "PUT", "/api/user/confirm-email/:token", T_ACCOUNTS, 200,
	    "Confirm an e-mail address with its token", "accounts.md §3.2",
	    "TOKEN_INVALID TOKEN_EXPIRED", NULL },
	{ "PUT", "/api/user/resend-confirm-email", T_ACCOUNTS, 200,
	    "Send a new confirmation e-mail", "accounts.md §3.3",
	    "EMAIL_ALREADY_CONFIRMED RATE_LIMITED", NULL },
	{ "POST", "/api/user/forget-password", T_ACCOUNTS, 200,
	    "Mail a password reset link", "accounts.md §4.1", "RATE_LIMITED",
	    NULL },
	{ "PUT", "/api/user/reset/password/:token", T_ACCOUNTS, 200,
	    "Reset the password with a mailed token, or (an e-mail in the "
	    "path, authenticated) change one's own",
	    "accounts.md §4.2, clients.md §4.1", "TOKEN_INVALID TOKEN_EXPIRED "
	    "INCORRECT_CURRENT_PASSWORD USER_NOT_FOUND", NULL },
	{ "GET", "/api/organization/me", T_ORGS, 200,
	    "The caller's organization", "users.md §4.7", "", NULL },
	{ "GET", "/api/organization/users", T_ORGS, 200,
	    "Users of the caller's organization", "users.md §4.8", "", NULL },
	{ "GET", "/api/organization/:id", T_ORGS, 200, "Get an organization",
	    "accounts.md §6.2", "INVALID_ID ORGANIZATION_NOT_FOUND", NULL },
	{ "PUT", "/api/organization/:id/change-role/:userId", T_ORGS, 200,
	    "Change a member's role", "accounts.md §6.3", "INVALID_ID "
	    "ORGANIZATION_NOT_FOUND USER_NOT_FOUND CANNOT_CHANGE_OWN_ROLE "
	    "ROLE_NOT_ALLOWED_FOR_ORGANIZATION LAST_ORGANIZATION_MANAGER",
	    NULL },
	{ "DELETE", "/api/organization/user/:id", T_ORGS, 200,
	    "Remove a member from the organization", "accounts.md §6.4",
	    "INVALID_ID USER_NOT_FOUND CANNOT_CHANGE_OWN_STATUS "
	    "LAST_ORGANIZATION_MANAGER", NULL },
	{ "POST", "/api/invitation", T_ACCOUNTS, 201, "Invite a user",
	    "accounts.md §5.2", "ORGANIZATION_NOT_FOUND ORGANIZATION_SUSPENDED "
	    "ROLE_NOT_ALLOWED_FOR_ORGANIZATION ALREADY_MEMBER "
	    "INVITATION_PENDING INVITATION_LIMIT_REACHED", NULL },
	{ "GET", "/api/invitation", T_ACCOUNTS, 200,
	    "List the organization's invitations", "accounts.md §5.3",
	    "ORGANIZATION_NOT_FOUND", NULL },
	{ "GET", "/api/invitation/By_email", T_ACCOUNTS, 200,
	    "The caller's open invitation", "accounts.md §5.4",
	    "INVITATION_NOT_FOUND", NULL },
	{ "PUT", "/api/invitation/:id", T_ACCOUNTS, 200,
	    "Accept or reject an invitation", "accounts.md §5.5",
	    "INVALID_ID INVITATION_NOT_FOUND INVITATION_NOT_OPEN", NULL },
	{ "DELETE", "/api/invitation/:id", T_ACCOUNTS, 200,
	    "Revoke an invitation", "accounts.md §5.6",
	    "INVALID_ID INVITATION_NOT_FOUND INVITATION_NOT_OPEN", NULL },
	{ "GET", "/api/admin/organizations/:id", T_ADMIN, 200,
	    "Get any organization", "accounts.md §7.1",
	    "INVALID_ID ORGANIZATION_NOT_FOUND", NULL },
	{ "PATCH", "/api/admin/organizations/:id", T_ADMIN, 200,
	    "Change an organization (or suspend it)", "accounts.md §7.2",
	    "INVALID_ID ORGANIZATION_NOT_FOUND ORGANIZATION_NAME_TAKEN "
	    "FIELD_NOT_UPDATABLE CANNOT_SUSPEND_ADMIN_ORGANIZATION", NULL },
	{ "DELETE", "/api/admin/organizations/:id", T_ADMIN, 200,
	    "Delete an empty organization", "accounts.md §7.3",
	    "INVALID_ID ORGANIZATION_NOT_FOUND ORGANIZATION_NOT_EMPTY "
	    "ADMIN_ORGANIZATION_PROTECTED", NULL },
	{ "GET", "/api/admin/organizations/user/:id", T_ADMIN, 200,
	    "Users of any organization", "accounts.md §7",
	    "INVALID_ID ORGANIZATION_NOT_FOUND", NULL },
	{ "DELETE", "/api/admin/user/:id", T_ADMIN, 200, "Delete a user",
	    "accounts.md §7", "INVALID_ID USER_NOT_FOUND "
	    "CANNOT_CHANGE_OWN_STATUS", NULL },
	{ "GET", "/api/admin/users", T_ADMIN, 200, "List all users",
	    "users.md §4.9", "", NULL },
	{ "POST", "/api/admin/users", T_ADMIN, 201,
	    "Create a user in an organization", "users.md §4.12",
	    "EMAIL_TAKEN ORGANIZATION_NOT_FOUND "
	    "ROLE_NOT_ALLOWED_FOR_ORGANIZATION", NULL },
	{ "PUT", "/api/admin/users/:id", T_ADMIN, 200,
	    "Change a user's status", "users.md §4.11", "INVALID_ID "
	    "USER_NOT_FOUND USER_PENDING CANNOT_CHANGE_OWN_STATUS", NULL },
	{ "GET", "/api/admin/organizations", T_ADMIN, 200,
	    "List all organizations", "users.md §4.10", "", NULL },
	{ "POST", "/api/device", T_DEVICES, 201, "Register a device",
	    "devices.md §6.1", "DEVICE_EXTERNAL_ID_TAKEN "
	    "ORGANIZATION_NOT_FOUND ORGANIZATION_NOT_DEVELOPER", NULL },
	{ "GET", "/api/device/my", T_DEVICES, 200,
	    "List the organization's devices", "devices.md §6.2", "", NULL },
	{ "GET", "/api/device/fuel-type", T_CODES, 200, "Fuel codes",
	    "devices.md", "", NULL },
	{ "GET", "/api/device/device-type", T_CODES, 200, "Device type codes",
	    "devices.md", "", NULL },
	{ "GET", "/api/device/ungrouped/buyerreservation", T_DEVICES, 200,
	    "The catalogue of devices a Buyer may reserve",
	    "devices.md §6.6", "", NULL },
	{ "GET", "/api/device/:id", T_DEVICES, 200, "Get a device",
	    "devices.md §6.3", "INVALID_ID DEVICE_NOT_FOUND", NULL },
	{ "PATCH", "/api/device/:id", T_DEVICES, 200,
	    "Change a device (by id, externalId or UUID)", "devices.md §6.4",
	    "DEVICE_NOT_FOUND DEVICE_EXTERNAL_ID_TAKEN DEVICE_CERTIFIED "
	    "DEVICE_HAS_READS DEVICE_RESERVED", NULL },
	{ "DELETE", "/api/device/:id", T_DEVICES, 200, "Delete a device",
	    "devices.md §6.5", "INVALID_ID DEVICE_NOT_FOUND DEVICE_CERTIFIED "
	    "DEVICE_RESERVED", NULL },
	{ "GET", "/api/countrycode/list", T_CODES, 200, "Country codes",
	    "devices.md", "", NULL },
	{ "GET", "/api/sdgbenefit/code", T_CODES, 200, "SDG benefit codes",
	    "devices.md", "", NULL },
	{ "POST", "/api/meter-reads/new/:id", T_READS, 201,
	    "Post meter reads of a device", "meter-reads.md §1",
	    "DEVICE_NOT_FOUND ORGANIZATION_NOT_FOUND ORGANIZATION_NOT_DEVELOPER "
	    "INVALID_IDEMPOTENCY_KEY IDEMPOTENCY_KEY_REUSED INVALID_READS "
	    "INVALID_READ_TYPE INVALID_UNIT INVALID_TIMEZONE INVALID_TIMESTAMP "
	    "TIMESTAMP_REQUIRED INVALID_VALUE TOO_MANY_READS READ_IN_FUTURE "
	    "READ_BEFORE_ONBOARDING BEFORE_COMMISSIONING HISTORY_TOO_OLD "
	    "HISTORY_AFTER_ONBOARDING START_NOT_BEFORE_END ENERGY_IMPLAUSIBLE "
	    "READ_TYPE_MISMATCH HISTORY_OVERLAP READ_OLDER_THAN_LAST "
	    "READ_NOT_NEWER READ_OVERLAPS_PREVIOUS AGGREGATE_COUNTER_DECREASED",
	    NULL },
	{ "GET", "/api/meter-reads/new/:id", T_READS, 200,
	    "Meter reads of a device, aggregated", "meter-reads.md §4",
	    "DEVICE_NOT_FOUND", NULL },
	{ "POST", "/api/meter-reads/addByAdmin/new/:id", T_READS, 201,
	    "Post meter reads for an organization's device (Admin)",
	    "meter-reads.md §1", "DEVICE_NOT_FOUND ORGANIZATION_NOT_FOUND "
	    "ORGANIZATION_NOT_DEVELOPER INVALID_IDEMPOTENCY_KEY "
	    "IDEMPOTENCY_KEY_REUSED INVALID_READS INVALID_READ_TYPE "
	    "INVALID_UNIT INVALID_TIMEZONE INVALID_TIMESTAMP TIMESTAMP_REQUIRED "
	    "INVALID_VALUE TOO_MANY_READS READ_IN_FUTURE READ_BEFORE_ONBOARDING "
	    "BEFORE_COMMISSIONING HISTORY_TOO_OLD HISTORY_AFTER_ONBOARDING "
	    "START_NOT_BEFORE_END ENERGY_IMPLAUSIBLE READ_TYPE_MISMATCH "
	    "HISTORY_OVERLAP READ_OLDER_THAN_LAST READ_NOT_NEWER "
	    "READ_OVERLAPS_PREVIOUS AGGREGATE_COUNTER_DECREASED", NULL },
	{ "GET", "/api/meter-reads/latestread/:id", T_READS, 200,
	    "The latest meter read of a device", "meter-reads.md §5",
	    "DEVICE_NOT_FOUND READ_NOT_FOUND", NULL },
	{ "GET", "/api/meter-reads/time-zones", T_READS, 200,
	    "Time zone names", "meter-reads.md", "", NULL },
	{ "GET", "/api/meter-reads/:id", T_READS, 200,
	    "Meter reads of a device", "meter-reads.md §3",
	    "DEVICE_NOT_FOUND", NULL },
	RES_DOCS("/api/buyer-reservation"),
	RES_DOCS("/api/device-group"),
	{ "POST", "/api/drec-issuer/run", T_CERTS, 200,
	    "Run an issuer pass now", "certificates.md §9.1",
	    "ISSUER_BUSY ISSUER_KEY_MISSING ISSUER_PARTIAL", NULL },
	{ "GET", "/api/issuer/public-key", T_CERTS, 200,
	    "The issuer's public key", "certificates.md §9.3", "NO_ISSUER_KEY",
	    NULL },
	{ "GET", "/api/certificate-log/ledger", T_CERTS, 200,
	    "The signed certificate ledger (public)", "certificates.md §9.2",
	    "", NULL },
	{ "GET", "/api/certificate-log/issuer/certified/:id", T_CERTS, 200,
	    "Certificates of a reservation", "certificates.md §9.4",
	    E_RES, NULL },
	{ "GET", "/api/certificate-log/issuer/certified/new/:id", T_CERTS, 200,
	    "Certificates of a reservation (alias)", "certificates.md §9.4",
	    E_RES, NULL },
	{ "GET", "/api/certificate-log/issuer/certifiedlogOfdevices", T_CERTS,
	    200, "Certificates of the caller's devices", "certificates.md §9.6",
	    "ORGANIZATION_NOT_FOUND", NULL },
	{ "GET", "/api/certificate-log/by-reservation-groupId", T_CERTS, 200,
	    "Certificates of a reservation by groupId", "certificates.md §9.5",
	    "RESERVATION_NOT_FOUND ORGANIZATION_NOT_FOUND", NULL },
	{ "POST", "/api/certificate-log/:id/claim", T_CERTS, 201,
	    "Claim (retire) a certificate", "certificates.md §9.7",
	    "INVALID_ID CERTIFICATE_NOT_FOUND CERTIFICATE_ALREADY_CLAIMED "
	    "ISSUER_KEY_MISSING", NULL },
	{ "GET", "/api/blockchain-properties", T_CLIENTS, 200,
	    "Registry properties (public)", "clients.md §6.2", "", NULL },
	{ "GET", "/api/device", T_CLIENTS, 200, "List all devices (Admin)",
	    "clients.md §5.2", "", NULL },
	{ "GET", "/api/device/externalId/:externalId", T_CLIENTS, 200,
	    "Get a device by externalId", "clients.md §5.3",
	    "DEVICE_NOT_FOUND", NULL },
	{ "GET", "/api/device/my/autocomplete", T_CLIENTS, 200,
	    "externalIds of the organization's devices", "clients.md §5.4",
	    "", NULL },
	{ "GET", "/api/admin/devices/autocomplete", T_CLIENTS, 200,
	    "externalIds of any organization's devices (Admin)",
	    "clients.md §5.4", "", NULL },
	{ "GET", "/api/device/certifiedlog/first&lastdate", T_CLIENTS, 200,
	    "First and last certified instants per device", "clients.md §5.5",
	    "", NULL },
	{ "GET", "/api/certificate-log/redemption-report", T_CLIENTS, 200,
	    "Redemption report of claimed certificates", "clients.md §6.4",
	    "", NULL },
	{ "GET", "/api/certificate-log/expoert_perdevice/:id", T_CLIENTS, 200,
	    "Per-device certificate export of a reservation (CSV)",
	    "clients.md §6.5", "INVALID_ID RESERVATION_NOT_FOUND", CSV },
	{ "POST", "/api/auth/getAccess", T_INTEG, 200,
	    "A client session from client credentials", "integrators.md §3.2",
	    "INVALID_CLIENT", NULL },
	{ "GET", "/api/user/export-accesskey/:id", T_INTEG, 200,
	    "Download the credentials file once (public, by export key)",
	    "integrators.md §3.1", "INVALID_ID API_USER_NOT_FOUND "
	    "ACCESS_KEY_EXPORT_CLOSED", "text/plain" },
	{ "GET", "/api/user/:id", T_INTEG, 200, "Get a user",
	    "integrators.md §7", "INVALID_ID USER_NOT_FOUND", NULL },
	{ "PUT", "/api/apiuser/scopes", T_INTEG, 200,
	    "Request scopes (ApiUser)", "integrators.md §2.2",
	    "NOTHING_REQUESTED", NULL },
	{ "GET", "/api/apiuser/credentials", T_INTEG, 200,
	    "List the ApiUser's client credentials", "integrators.md §3.1",
	    "", NULL },
	{ "POST", "/api/apiuser/credentials", T_INTEG, 201,
	    "Create a client credential", "integrators.md §3.1",
	    "CREDENTIAL_LIMIT", NULL },
	{ "DELETE", "/api/apiuser/credentials/:clientId", T_INTEG, 200,
	    "Revoke a client credential", "integrators.md §3.1",
	    "INVALID_ID CREDENTIAL_NOT_FOUND", NULL },
	{ "GET", "/api/apiuser/organizations", T_INTEG, 200,
	    "The ApiUser's managed organizations", "integrators.md §4.1", "",
	    NULL },
	{ "POST", "/api/apiuser/organizations", T_INTEG, 201,
	    "Create a managed organization with its first user",
	    "integrators.md §4.1", "EMAIL_TAKEN ORGANIZATION_NAME_TAKEN", NULL },
	{ "GET", "/api/organization/apiuser/all_organization", T_INTEG, 200,
	    "The ApiUser's managed organizations (reference path)",
	    "integrators.md §4.1", "", NULL },
	{ "GET", "/api/admin/apiusers", T_ADMIN, 200, "List ApiUsers",
	    "integrators.md §2.2", "", NULL },
	{ "PUT", "/api/admin/apiusers/:id", T_ADMIN, 200,
	    "Grant or refuse an ApiUser's requested scopes",
	    "integrators.md §2.2", "INVALID_ID API_USER_NOT_FOUND "
	    "SCOPE_NOT_REQUESTED", NULL },
	{ "PUT", "/api/permission/module/verify/ByAdmin/:id", T_ADMIN, 200,
	    "Grant or refuse an ApiUser's requested scopes (reference path)",
	    "integrators.md §2.3", "INVALID_ID API_USER_NOT_FOUND "
	    "SCOPE_NOT_REQUESTED", NULL },
	{ "GET", "/api/access-control-layer-module-service", T_INTEG, 200,
	    "The permission modules (reference client)", "integrators.md §2.3",
	    "", NULL },
	{ "POST", "/api/permission/module/apiuser/request", T_INTEG, 201,
	    "Request scopes as reference modules (a JSON array)",
	    "integrators.md §2.3", "INVALID_JSON NOTHING_REQUESTED", NULL },
	{ "GET", "/api/permission/user/:id", T_INTEG, 200,
	    "An ApiUser's permissions", "integrators.md §2.3",
	    "INVALID_ID API_USER_NOT_FOUND USER_NOT_FOUND", NULL },
	{ "GET", "/api/yield/config", T_YIELD, 200,
	    "List yield configurations", "integrators.md §7", "", NULL },
	{ "POST", "/api/yield/config", T_YIELD, 201,
	    "Create a country's yield configuration", "integrators.md §7",
	    "YIELD_CONFIG_EXISTS", NULL },
	{ "GET", "/api/yield/config/:id", T_YIELD, 200,
	    "Get a yield configuration", "integrators.md §7",
	    "INVALID_ID YIELD_CONFIG_NOT_FOUND", NULL },
	{ "PATCH", "/api/yield/config/update/:id", T_YIELD, 200,
	    "Change a yield configuration", "integrators.md §7",
	    "INVALID_ID YIELD_CONFIG_NOT_FOUND", NULL },
	{ "POST", "/api/meter-reads/bulk-upload", T_BULK, 202,
	    "Upload meter reads as CSV: a job", "integrators.md §5",
	    "ORGANIZATION_NOT_FOUND ORGANIZATION_NOT_DEVELOPER "
	    "INVALID_IDEMPOTENCY_KEY IDEMPOTENCY_KEY_REUSED TOO_MANY_OPEN_JOBS "
	    "CSV_EMPTY CSV_MALFORMED CSV_INVALID_ENCODING CSV_TOO_MANY_ROWS "
	    "CSV_MISSING_COLUMN CSV_UNKNOWN_COLUMN CSV_DUPLICATE_COLUMN", NULL },
	{ "POST", "/api/device/bulk-upload", T_BULK, 202,
	    "Upload devices as CSV: a job", "integrators.md §5",
	    "ORGANIZATION_NOT_FOUND ORGANIZATION_NOT_DEVELOPER "
	    "INVALID_IDEMPOTENCY_KEY IDEMPOTENCY_KEY_REUSED TOO_MANY_OPEN_JOBS "
	    "CSV_EMPTY CSV_MALFORMED CSV_INVALID_ENCODING CSV_TOO_MANY_ROWS "
	    "CSV_MISSING_COLUMN CSV_UNKNOWN_COLUMN CSV_DUPLICATE_COLUMN", NULL },
	{ "GET", "/api/bulk-upload/jobs", T_BULK, 200, "List bulk-upload jobs",
	    "integrators.md §5", "ORGANIZATION_NOT_FOUND", NULL },
	{ "GET", "/api/bulk-upload/jobs/:id", T_BULK, 200,
	    "A bulk-upload job with its row results", "integrators.md §5",
	    "INVALID_ID JOB_NOT_FOUND", NULL },
	{ "POST", "/api/file", T_BULK, 201,
	    "Upload a file (multipart) for a CSV job", "integrators.md §5.6",
	    "INVALID_FIELD", NULL },
	{ "POST",
	    "/api/device/addByAdmin/process-creation-bulk-devices-csv/:orgId",
	    T_BULK, 201, "Start a device CSV job for an organization (Admin)",
	    "integrators.md §5.6", "INVALID_ID FILE_NOT_FOUND "
	    "ORGANIZATION_NOT_FOUND ORGANIZATION_NOT_DEVELOPER "
	    "TOO_MANY_OPEN_JOBS", NULL },
	CSV_DOCS("/api/buyer-reservation"),
	CSV_DOCS("/api/device-group"),
};

const struct route_doc *
api_route_docs(size_t *n)
{
	*n = sizeof(docs) / sizeof(docs[0]);
	return docs;
}
