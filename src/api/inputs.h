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

extern const struct api_input api_in_register;		/* users.c */
extern const struct api_input api_in_apiuser_org;	/* users.c */
extern const struct api_input api_in_password;		/* users.c */
extern const struct api_input api_in_profile;		/* users.c */

extern const struct api_input api_in_forget;		/* accounts_reset.c */
extern const struct api_input api_in_reset;		/* accounts_reset.c */
extern const struct api_input api_in_reset_own;	/* accounts_reset.c */

extern const struct api_input api_in_admin_user_status;	/* admin.c */
extern const struct api_input api_in_admin_user_create;	/* admin.c */

extern const struct api_input api_in_admin_org_patch;	/* admin_orgs.c */

extern const struct api_input api_in_invitation_create;	/* invitations.c */
extern const struct api_input api_in_invitation_answer;	/* invitations.c */

extern const struct api_input api_in_org_change_role;	/* members.c */
extern const struct api_input api_in_cert_claim;	/* claims.c */

extern const struct api_input api_in_apiuser_scopes;	/* apiusers.c */
extern const struct api_input api_in_apiuser_decide;	/* apiusers.c */
extern const struct api_input api_in_get_access;	/* credentials.c */

extern const struct api_input api_in_yield_create;	/* yield.c */
extern const struct api_input api_in_yield_update;	/* yield.c */

extern const struct api_input api_in_file_process;	/* bulk_files.c */
extern const struct api_input api_in_file_process_admin; /* bulk_files.c */

extern const struct api_input api_in_ledger;		/* issuer_routes.c */
extern const struct api_input api_in_countries;	/* codelists.c */

extern const struct api_input api_in_admin_users;	/* admin.c */
extern const struct api_input api_in_admin_orgs;	/* admin.c */
extern const struct api_input api_in_org_users;	/* orgs.c */
extern const struct api_input api_in_admin_apiusers;	/* apiusers.c */
extern const struct api_input api_in_apiuser_orgs;	/* permissions.c */
extern const struct api_input api_in_permission_request;
extern const struct api_input api_in_bulk_jobs;	/* bulk_jobs.c */
extern const struct api_input api_in_bulk_job;		/* bulk_jobs.c */

extern const struct api_input api_in_test_outbox;	/* accounts_email.c */
extern const struct api_input api_in_invitation_list;	/* invitations.c */
extern const struct api_input api_in_csv_jobs;		/* bulk_files.c */

extern const struct api_input api_in_admin_org_users;	/* admin_orgs.c */
extern const struct api_input api_in_time_zones;	/* reads_list.c */

extern const struct api_input api_in_cl_autocomplete_my;	/* clients_devices.c */
extern const struct api_input api_in_cl_autocomplete_admin; /* clients_devices.c */

extern const struct api_input api_in_cert_certified;	/* certificates.c */
extern const struct api_input api_in_cert_by_reservation; /* certificates.c */

extern const struct api_input api_in_cl_current;	/* clients_certs.c */
extern const struct api_input api_in_cl_spans;		/* clients_devices.c */

extern const struct api_input api_in_reads_list;	/* reads_list.c */
extern const struct api_input api_in_reads_new;	/* reads_list.c */

extern const struct api_input api_in_bulk_reads_upload;	/* bulk_upload.c */
extern const struct api_input api_in_bulk_devices_upload; /* bulk_upload.c */

extern const struct api_input api_in_cl_redemption;	/* clients_certs.c */

extern const struct api_input api_in_res_list;		/* reservations.c */
extern const struct api_input api_in_res_of_devices;	/* reservations.c */
extern const struct api_input api_in_cert_of_devices;	/* certificates.c */
extern const struct api_input api_in_cl_devices;	/* clients_devices.c */

extern const struct api_input api_in_device_my;	/* device_filters.c */
extern const struct api_input api_in_device_catalogue;	/* device_filters.c */

#endif
