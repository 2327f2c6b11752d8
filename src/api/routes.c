/*
 * The route table: every route of the API with its roles and body kind.
 * A new route without a roles entry is public: keep that deliberate.
 */
#include <string.h>

#include "domain/scopes.h"
#include "api/api.h"
#include "api/apiusers.h"
#include "api/bulk.h"
#include "api/clients.h"
#include "api/inputs.h"

/*
 * A route's declared input (.in, docs/hacking.md) names the query
 * parameters and body members it reads; every route that reads any has
 * one.  .query / .fields (space-separated) name what is read outside the
 * .in tables: the ApiUser gate's organizationId / orgId (apiuser_gate.c,
 * on any route it guards) and the two a check reads itself (addByAdmin's
 * ?organizationId, an Admin reservation's ?orgId).  api_query(),
 * http_query_get() and api_body_get() log any name a route does not
 * declare (and the hostile stage fails on such a line in drecd.log); the
 * black-box hostile stage sends its values in each declared name
 * (tests/integration/test_hostile_bb.c).
 */
/* Fields not named are 0: public, no body limit override, etc. */
static const struct api_route
    r_health = { .fn = api_health, .body = BODY_NONE, .no_db = 1 },
    r_live = { .fn = api_health_live, .body = BODY_NONE, .no_db = 1 },
    r_register = { .fn = api_register, .body = BODY_JSON,
	.in = &api_in_register },
    r_login = { .fn = api_login, .body = BODY_JSON, .in = &api_in_login },
    r_logout = { .fn = api_logout, .roles = ROLES_ANY, .body = BODY_IGNORED, .api = API_OWN, .restricted_ok = ACCT_PENDING_OK },
    r_me = { .fn = api_user_me, .roles = ROLES_ANY, .body = BODY_NONE, .api = API_OWN, .restricted_ok = ACCT_PENDING_OK },
    r_password = { .fn = api_user_password, .roles = ROLES_ANY, .body = BODY_JSON, .api = API_OWN, .pw_session = 1, .restricted_ok = ACCT_UNCONFIRMED_OK,
	.in = &api_in_password },
    r_profile = { .fn = api_user_profile, .roles = ROLES_ANY, .body = BODY_JSON, .api = API_OWN, .restricted_ok = ACCT_UNCONFIRMED_OK,
	.in = &api_in_profile },
    r_org_me = { .fn = api_org_me, .roles = ROLES_ANY, .body = BODY_NONE, .api = API_OWN, .restricted_ok = ACCT_PENDING_OK },
    r_org_users = { .fn = api_org_users, .roles = ROLES_ANY, .body = BODY_NONE, .api = SCOPE_ORGANIZATIONS,
	.in = &api_in_org_users },
    r_admin_users = { .fn = api_admin_users, .roles = ROLE_ADMIN, .body = BODY_NONE,
	.in = &api_in_admin_users },
    r_admin_orgs = { .fn = api_admin_orgs, .roles = ROLE_ADMIN, .body = BODY_NONE,
	.in = &api_in_admin_orgs },
    r_admin_status = { .fn = api_admin_user_status, .roles = ROLE_ADMIN, .body = BODY_JSON,
	.in = &api_in_admin_user_status },
    r_admin_create = { .fn = api_admin_user_create, .roles = ROLE_ADMIN, .body = BODY_JSON,
	.in = &api_in_admin_user_create },
    r_clock_get = { .fn = api_clock_get, .roles = ROLE_ADMIN, .body = BODY_NONE, .test_only = 1 },
    r_clock_put = { .fn = api_clock_put, .roles = ROLE_ADMIN, .body = BODY_JSON, .test_only = 1,
	.in = &api_in_clock_put },
    r_dev_create = { .fn = api_device_create, .roles = ROLE_ORGADMIN | ROLE_DEVOWNER | ROLE_ADMIN, .body = BODY_JSON, .api = SCOPE_DEVICES, .act = ACT_DEV_BODY,
	.in = &api_in_device_post, .fields = "organizationId" },
    r_dev_my = { .fn = api_device_my, .roles = ROLES_DEVELOPER | ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_DEVICES, .act = ACT_DEV_UNION,
	.in = &api_in_device_my },
    r_dev_get = { .fn = api_device_get, .roles = ROLES_DEVELOPER | ROLES_BUYER | ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_DEVICES | SCOPE_RESERVATIONS, .act = ACT_DEV_OBJECT },
    r_dev_patch = { .fn = api_device_patch, .roles = ROLE_ORGADMIN | ROLE_DEVOWNER | ROLE_ADMIN, .body = BODY_JSON, .api = SCOPE_DEVICES, .act = ACT_DEV_OBJECT,
	.in = &api_in_device_patch, .fields = "organizationId" },
    r_dev_delete = { .fn = api_device_delete, .roles = ROLE_ORGADMIN | ROLE_DEVOWNER | ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_DEVICES, .act = ACT_DEV_OBJECT },
    r_dev_catalogue = { .fn = api_device_catalogue, .roles = ROLES_BUYER | ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_RESERVATIONS, .act = ACT_CATALOGUE,
	.in = &api_in_device_catalogue },
    r_codes_fuel = { .fn = api_codes_fuel, .body = BODY_NONE, .no_db = 1 },
    r_codes_type = { .fn = api_codes_device_type, .body = BODY_NONE, .no_db = 1 },
    r_codes_country = { .fn = api_codes_countries, .body = BODY_NONE, .no_db = 1,
	.in = &api_in_countries },
    r_codes_sdg = { .fn = api_codes_sdg, .body = BODY_NONE, .no_db = 1 },
    r_reads_post = { .fn = api_reads_post, .roles = ROLE_ORGADMIN | ROLE_DEVOWNER | ROLE_ADMIN, .body = BODY_JSON, .big_body = 1, .api = SCOPE_READS, .act = ACT_DEV_BODY_Q,
	.in = &api_in_reads },
    r_reads_admin = { .fn = api_reads_post_admin, .roles = ROLE_ADMIN, .body = BODY_JSON, .big_body = 1,
	.query = "organizationId", .in = &api_in_reads_admin },
    r_reads_list = { .fn = api_reads_list, .roles = ROLES_ANY, .body = BODY_NONE, .api = SCOPE_READS, .act = ACT_DEV_OBJECT,
	.in = &api_in_reads_list },
    r_reads_new = { .fn = api_reads_new, .roles = ROLES_ANY, .body = BODY_NONE, .api = SCOPE_READS, .act = ACT_DEV_OBJECT,
	.in = &api_in_reads_new },
    r_reads_latest = { .fn = api_reads_latest, .roles = ROLES_ANY, .body = BODY_NONE, .api = SCOPE_READS, .act = ACT_DEV_OBJECT },
    r_time_zones = { .fn = api_time_zones, .roles = ROLES_ANY, .body = BODY_NONE, .api = API_OWN,
	.in = &api_in_time_zones },
    r_res_create = { .fn = api_res_create, .roles = ROLE_BUYER | ROLE_ADMIN, .body = BODY_JSON, .api = SCOPE_RESERVATIONS, .act = ACT_BUY_BODY,
	.query = "orgId", .in = &api_in_res_create,
	.fields = "organizationId" },
    r_res_my = { .fn = api_res_my, .roles = ROLES_BUYER | ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_RESERVATIONS, .act = ACT_BUY_UNION,
	.in = &api_in_res_list },
    r_res_all = { .fn = api_res_my, .roles = ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_RESERVATIONS, .act = ACT_BUY_UNION,
	.in = &api_in_res_list },
    r_res_of_devices = { .fn = api_res_of_my_devices, .roles = ROLES_DEVELOPER, .body = BODY_NONE, .api = SCOPE_DEVICES, .act = ACT_DEV_QUERY,
	.in = &api_in_res_of_devices },
    r_res_get = { .fn = api_res_get, .roles = ROLES_ANY, .body = BODY_NONE, .api = SCOPE_RESERVATIONS, .act = ACT_RES_OBJECT },
    r_res_patch = { .fn = api_res_patch, .roles = ROLE_BUYER | ROLE_ADMIN, .body = BODY_JSON, .api = SCOPE_RESERVATIONS, .act = ACT_RES_OBJECT,
	.in = &api_in_res_patch },
    r_res_end = { .fn = api_res_end, .roles = ROLE_BUYER | ROLE_ADMIN, .body = BODY_OPTIONAL, .api = SCOPE_RESERVATIONS, .act = ACT_RES_OBJECT,
	.in = &api_in_res_end },
    r_res_cancel = { .fn = api_res_cancel, .roles = ROLE_BUYER | ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_RESERVATIONS, .act = ACT_RES_OBJECT },
    r_issuer_run = { .fn = api_issuer_run, .roles = ROLE_ADMIN, .body = BODY_IGNORED },
    r_public_key = { .fn = api_issuer_public_key, .body = BODY_NONE },
    r_ledger = { .fn = api_ledger, .body = BODY_NONE,
	.in = &api_in_ledger },
    r_certified = { .fn = api_cert_certified, .roles = ROLES_ANY, .body = BODY_NONE, .api = SCOPE_CERTIFICATES, .act = ACT_RES_OBJECT,
	.in = &api_in_cert_certified },
    r_cert_by_res = { .fn = api_cert_by_reservation, .roles = ROLES_ANY, .body = BODY_NONE, .api = SCOPE_CERTIFICATES, .act = ACT_QUERY_ANY,
	.in = &api_in_cert_by_reservation },
    r_cert_of_devices = { .fn = api_cert_of_devices, .roles = ROLES_ANY, .body = BODY_NONE, .api = SCOPE_CERTIFICATES, .act = ACT_QUERY_ANY,
	.in = &api_in_cert_of_devices },
    r_cert_claim = { .fn = api_cert_claim, .roles = ROLE_BUYER, .body = BODY_JSON, .api = SCOPE_CERTIFICATES, .act = ACT_CERT_OBJECT,
	.in = &api_in_cert_claim },
    /* clients.md §3: routes for existing clients */
    r_cl_chain = { .fn = api_cl_blockchain_properties, .body = BODY_NONE },
    r_cl_devices = { .fn = api_cl_device_list, .roles = ROLE_ADMIN, .body = BODY_NONE,
	.in = &api_in_cl_devices },
    r_cl_dev_ext = { .fn = api_cl_device_by_external, .roles = ROLES_DEVELOPER | ROLES_BUYER | ROLE_ADMIN, .body = BODY_NONE },
    r_cl_ac_my = { .fn = api_cl_autocomplete_my, .roles = ROLES_DEVELOPER | ROLE_ADMIN, .body = BODY_NONE,
	.in = &api_in_cl_autocomplete_my },
    r_cl_ac_admin = { .fn = api_cl_autocomplete_admin, .roles = ROLE_ADMIN, .body = BODY_NONE,
	.in = &api_in_cl_autocomplete_admin },
    r_cl_spans = { .fn = api_cl_certified_spans, .roles = ROLES_ANY, .body = BODY_NONE,
	.in = &api_in_cl_spans },
    r_cl_current = { .fn = api_cl_current_information, .roles = ROLES_ANY, .body = BODY_NONE,
	.in = &api_in_cl_current },
    r_cl_redemption = { .fn = api_cl_redemption_report, .roles = ROLES_BUYER | ROLE_ADMIN, .body = BODY_NONE,
	.in = &api_in_cl_redemption },
    r_cl_export = { .fn = api_cl_export_perdevice, .roles = ROLES_ANY, .body = BODY_NONE };

/* accounts.md §1 (managers: OrganizationAdmins of Developer, Buyers of
 * Buyer organizations). */
#define ROLES_MANAGER	(ROLE_ORGADMIN | ROLE_BUYER)
static const struct api_route
    r_confirm = { .fn = api_confirm_email, .body = BODY_IGNORED },
    r_resend = { .fn = api_resend_confirm_email, .roles = ROLES_ANY, .body = BODY_IGNORED, .api = API_OWN, .restricted_ok = ACCT_UNCONFIRMED_OK },
    r_forget = { .fn = api_forget_password, .body = BODY_JSON,
	.in = &api_in_forget },
    r_reset = { .fn = api_reset_password, .body = BODY_JSON,
	.in = &api_in_reset },
    /* clients.md §4.1: the same path with an e-mail (api_route_pick). */
    r_reset_own = { .fn = api_reset_password_own, .roles = ROLES_ANY, .body = BODY_JSON, .api = API_OWN, .pw_session = 1, .log_name = "/api/user/reset/password/:email",
	.in = &api_in_reset_own },
    r_outbox = { .fn = api_test_outbox, .roles = ROLE_ADMIN, .body = BODY_NONE, .test_only = 1,
	.in = &api_in_test_outbox },
    r_inv_create = { .fn = api_invitation_create, .roles = ROLES_MANAGER | ROLE_ADMIN, .body = BODY_JSON,
	.in = &api_in_invitation_create },
    r_inv_list = { .fn = api_invitation_list, .roles = ROLES_MANAGER | ROLE_ADMIN, .body = BODY_NONE,
	.in = &api_in_invitation_list },
    r_inv_revoke = { .fn = api_invitation_revoke, .roles = ROLES_MANAGER | ROLE_ADMIN, .body = BODY_NONE },
    r_inv_mine = { .fn = api_invitation_mine, .roles = ROLES_ANY, .body = BODY_NONE, .restricted_ok = ACCT_PENDING_OK },
    r_inv_answer = { .fn = api_invitation_answer, .roles = ROLES_ANY, .body = BODY_JSON, .restricted_ok = ACCT_PENDING_OK,
	.in = &api_in_invitation_answer },
    r_org_get = { .fn = api_org_get, .roles = ROLES_ANY, .body = BODY_NONE },
    r_org_role = { .fn = api_org_change_role, .roles = ROLES_MANAGER | ROLE_ADMIN, .body = BODY_JSON,
	.in = &api_in_org_change_role },
    r_org_remove = { .fn = api_org_remove_user, .roles = ROLES_MANAGER, .body = BODY_NONE },
    r_adm_org_get = { .fn = api_admin_org_get, .roles = ROLE_ADMIN, .body = BODY_NONE },
    r_adm_org_patch = { .fn = api_admin_org_patch, .roles = ROLE_ADMIN, .body = BODY_JSON,
	.in = &api_in_admin_org_patch },
    r_adm_org_delete = { .fn = api_admin_org_delete, .roles = ROLE_ADMIN, .body = BODY_NONE },
    r_adm_org_users = { .fn = api_admin_org_users, .roles = ROLE_ADMIN, .body = BODY_NONE,
	.in = &api_in_admin_org_users },
    r_adm_user_delete = { .fn = api_admin_user_delete, .roles = ROLE_ADMIN, .body = BODY_NONE };

/* integrators.md §2-4, §7 (API_OWN: an ApiUser needs no scope). */
#define AU_OWN(f, b) { .fn = f, .roles = ROLE_APIUSER, .body = b, .api = API_OWN }
static const struct api_route
    r_get_access = { .fn = api_get_access, .body = BODY_JSON, .in = &api_in_get_access },
    r_export = { .fn = api_cred_export, .body = BODY_NONE },
    r_au_scopes = { .fn = api_apiuser_scopes, .roles = ROLE_APIUSER, .body = BODY_JSON, .api = API_OWN, .in = &api_in_apiuser_scopes },
    r_au_request = { .fn = api_permission_request, .roles = ROLE_APIUSER, .body = BODY_RAW, .api = API_OWN, .raw_type = "application/json",
	.in = &api_in_permission_request },
    r_cred_list = AU_OWN(api_cred_list, BODY_NONE),
    r_cred_create = { .fn = api_cred_create, .roles = ROLE_APIUSER, .body = BODY_IGNORED, .api = API_OWN, .pw_session = 1 },
    r_cred_delete = { .fn = api_cred_delete, .roles = ROLE_APIUSER, .body = BODY_NONE, .api = API_OWN, .pw_session = 1 },
    r_au_orgs = { .fn = api_apiuser_orgs, .roles = ROLE_APIUSER, .body = BODY_NONE, .api = SCOPE_ORGANIZATIONS,
	.in = &api_in_apiuser_orgs },
    r_au_org_new = { .fn = api_apiuser_org_create, .roles = ROLE_APIUSER, .body = BODY_JSON, .api = SCOPE_ORGANIZATIONS,
	.in = &api_in_apiuser_org },
    r_admin_aus = { .fn = api_admin_apiusers, .roles = ROLE_ADMIN, .body = BODY_NONE,
	.in = &api_in_admin_apiusers },
    r_admin_au = { .fn = api_admin_apiuser_decide, .roles = ROLE_ADMIN, .body = BODY_JSON, .in = &api_in_apiuser_decide },
    r_acl_modules = { .fn = api_acl_modules, .roles = ROLES_ANY, .body = BODY_NONE, .api = API_OWN },
    r_perm_user = { .fn = api_permission_user, .roles = ROLE_ADMIN | ROLE_APIUSER, .body = BODY_NONE, .api = API_OWN },
    r_user_get = { .fn = api_user_get, .roles = ROLES_ANY, .body = BODY_NONE, .api = API_OWN },
    r_yield_list = { .fn = api_yield_list, .roles = ROLES_ANY, .body = BODY_NONE, .api = API_OWN },
    r_yield_get = { .fn = api_yield_get, .roles = ROLES_ANY, .body = BODY_NONE, .api = API_OWN },
    r_yield_new = { .fn = api_yield_create, .roles = ROLE_ADMIN, .body = BODY_JSON,
	.in = &api_in_yield_create },
    r_yield_patch = { .fn = api_yield_update, .roles = ROLE_ADMIN, .body = BODY_JSON,
	.in = &api_in_yield_update },
    r_bulk_reads = { .fn = api_bulk_reads_upload, .roles = ROLE_ORGADMIN | ROLE_DEVOWNER | ROLE_ADMIN, .body = BODY_RAW, .api = SCOPE_READS, .raw_type = "text/csv", .big_body = 1,
	.in = &api_in_bulk_reads_upload },
    r_bulk_devices = { .fn = api_bulk_devices_upload, .roles = ROLE_ORGADMIN | ROLE_DEVOWNER | ROLE_ADMIN, .body = BODY_RAW, .api = SCOPE_DEVICES, .raw_type = "text/csv", .big_body = 1,
	.in = &api_in_bulk_devices_upload },
    r_bulk_jobs = { .fn = api_bulk_jobs, .roles = ROLES_DEVELOPER | ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_DEVICES | SCOPE_READS,
	.in = &api_in_bulk_jobs },
    r_bulk_job = { .fn = api_bulk_job, .roles = ROLES_DEVELOPER | ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_DEVICES | SCOPE_READS,
	.in = &api_in_bulk_job },
    r_file = { .fn = api_file_upload, .roles = ROLE_ORGADMIN | ROLE_DEVOWNER | ROLE_ADMIN, .body = BODY_RAW, .api = SCOPE_DEVICES, .raw_type = "multipart/form-data", .big_body = 1 },
    r_process = { .fn = api_file_process, .roles = ROLE_ORGADMIN | ROLE_DEVOWNER, .body = BODY_JSON,
	.in = &api_in_file_process },
    r_process_admin = { .fn = api_file_process_admin, .roles = ROLE_ADMIN, .body = BODY_JSON, .api = SCOPE_DEVICES,
	.in = &api_in_file_process_admin },
    r_csv_jobs = { .fn = api_csv_jobs, .roles = ROLES_DEVELOPER | ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_DEVICES | SCOPE_READS,
	.in = &api_in_csv_jobs },
    r_csv_status = { .fn = api_csv_job_status, .roles = ROLES_DEVELOPER | ROLE_ADMIN, .body = BODY_NONE, .api = SCOPE_DEVICES | SCOPE_READS };

#define R(m, p, d) { m, p, (void *)&d }
#define RES_ROUTES(pre) \
	R("POST", pre, r_res_create), \
	R("GET", pre, r_res_all), \
	R("GET", pre "/my", r_res_my), \
	R("GET", pre "/of-my-devices", r_res_of_devices), \
	R("DELETE", pre "/endreservation/:id", r_res_end), \
	R("DELETE", pre "/endresavation/:id", r_res_end), \
	R("GET", pre "/current-information/:id", r_cl_current), \
	R("GET", pre "/:id", r_res_get), \
	R("PATCH", pre "/:id", r_res_patch), \
	R("DELETE", pre "/:id", r_res_cancel)

#define CSV_ROUTES(pre) \
	R("POST", pre "/process-creation-bulk-devices-csv", r_process), \
	R("GET", pre "/bulk-upload/get-all-csv-jobs-of-organization", r_csv_jobs), \
	R("GET", pre "/bulk-upload-status/:id", r_csv_status)

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
	R("PUT", "/api/user/confirm-email/:token", r_confirm),
	R("PUT", "/api/user/resend-confirm-email", r_resend),
	R("POST", "/api/user/forget-password", r_forget),
	R("PUT", "/api/user/reset/password/:token", r_reset),
	R("GET", "/api/test/outbox", r_outbox),
	R("GET", "/api/organization/me", r_org_me),
	R("GET", "/api/organization/users", r_org_users),
	R("GET", "/api/organization/:id", r_org_get),
	R("PUT", "/api/organization/:id/change-role/:userId", r_org_role),
	R("DELETE", "/api/organization/user/:id", r_org_remove),
	R("POST", "/api/invitation", r_inv_create),
	R("GET", "/api/invitation", r_inv_list),
	R("GET", "/api/invitation/By_email", r_inv_mine),
	R("PUT", "/api/invitation/:id", r_inv_answer),
	R("DELETE", "/api/invitation/:id", r_inv_revoke),
	R("GET", "/api/admin/organizations/:id", r_adm_org_get),
	R("PATCH", "/api/admin/organizations/:id", r_adm_org_patch),
	R("DELETE", "/api/admin/organizations/:id", r_adm_org_delete),
	R("GET", "/api/admin/organizations/user/:id", r_adm_org_users),
	R("DELETE", "/api/admin/user/:id", r_adm_user_delete),
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
	R("POST", "/api/meter-reads/new/:id", r_reads_post),
	R("GET", "/api/meter-reads/new/:id", r_reads_new),
	R("POST", "/api/meter-reads/addByAdmin/new/:id", r_reads_admin),
	R("GET", "/api/meter-reads/latestread/:id", r_reads_latest),
	R("GET", "/api/meter-reads/time-zones", r_time_zones),
	R("GET", "/api/meter-reads/:id", r_reads_list),
	/* reservations.md §2: every route under both prefixes. */
	RES_ROUTES("/api/buyer-reservation"),
	RES_ROUTES("/api/device-group"),
	R("POST", "/api/drec-issuer/run", r_issuer_run),
	R("GET", "/api/issuer/public-key", r_public_key),
	R("GET", "/api/certificate-log/ledger", r_ledger),
	R("GET", "/api/certificate-log/issuer/certified/:id", r_certified),
	R("GET", "/api/certificate-log/issuer/certified/new/:id", r_certified),
	R("GET", "/api/certificate-log/issuer/certifiedlogOfdevices", r_cert_of_devices),
	R("GET", "/api/certificate-log/by-reservation-groupId", r_cert_by_res),
	R("POST", "/api/certificate-log/:id/claim", r_cert_claim),
	/* clients.md §3: routes for existing clients */
	R("GET", "/api/blockchain-properties", r_cl_chain),
	R("GET", "/api/device", r_cl_devices),
	R("GET", "/api/device/externalId/:externalId", r_cl_dev_ext),
	R("GET", "/api/device/my/autocomplete", r_cl_ac_my),
	R("GET", "/api/admin/devices/autocomplete", r_cl_ac_admin),
	R("GET", "/api/device/certifiedlog/first&lastdate", r_cl_spans),
	R("GET", "/api/certificate-log/redemption-report", r_cl_redemption),
	R("GET", "/api/certificate-log/expoert_perdevice/:id", r_cl_export),
	/* integrators.md */
	R("POST", "/api/auth/getAccess", r_get_access),
	R("GET", "/api/user/export-accesskey/:id", r_export),
	R("GET", "/api/user/:id", r_user_get),
	R("PUT", "/api/apiuser/scopes", r_au_scopes),
	R("GET", "/api/apiuser/credentials", r_cred_list),
	R("POST", "/api/apiuser/credentials", r_cred_create),
	R("DELETE", "/api/apiuser/credentials/:clientId", r_cred_delete),
	R("GET", "/api/apiuser/organizations", r_au_orgs),
	R("POST", "/api/apiuser/organizations", r_au_org_new),
	R("GET", "/api/organization/apiuser/all_organization", r_au_orgs),
	R("GET", "/api/admin/apiusers", r_admin_aus),
	R("PUT", "/api/admin/apiusers/:id", r_admin_au),
	R("PUT", "/api/permission/module/verify/ByAdmin/:id", r_admin_au),
	R("GET", "/api/access-control-layer-module-service", r_acl_modules),
	R("POST", "/api/permission/module/apiuser/request", r_au_request),
	R("GET", "/api/permission/user/:id", r_perm_user),
	R("GET", "/api/yield/config", r_yield_list),
	R("POST", "/api/yield/config", r_yield_new),
	R("GET", "/api/yield/config/:id", r_yield_get),
	R("PATCH", "/api/yield/config/update/:id", r_yield_patch),
	R("POST", "/api/meter-reads/bulk-upload", r_bulk_reads),
	R("POST", "/api/device/bulk-upload", r_bulk_devices),
	R("GET", "/api/bulk-upload/jobs", r_bulk_jobs),
	R("GET", "/api/bulk-upload/jobs/:id", r_bulk_job),
	/* §5.6, the reference client's flow, under both prefixes. */
	R("POST", "/api/file", r_file),
	R("POST", "/api/device/addByAdmin/process-creation-bulk-devices-csv/:orgId", r_process_admin),
	CSV_ROUTES("/api/buyer-reservation"),
	CSV_ROUTES("/api/device-group"),
};

const struct route *
api_routes(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}

const struct api_route *
api_route_pick(const struct route_match *m)
{
	const char	*x;
	int		 i;

	if (m->route->data != &r_reset)
		return m->route->data;
	for (i = 0; i < m->nparams; i++)
		if (strcmp(m->param_name[i], "token") == 0) {
			x = m->param[i];
			if (x != NULL && strchr(x, '@') != NULL)
				return &r_reset_own;
		}
	return &r_reset;
}

