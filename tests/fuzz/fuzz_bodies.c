/*
 * libFuzzer harness: the body decoder of every route that takes a JSON
 * body (CONVENTIONS §1-2, users.md §4, devices.md §3, meter-reads.md §1,
 * reservations.md §3.1, §6-7, certificates.md §9.7, CONVENTIONS §11).
 *
 * Input: byte 0 picks the decoder (its value modulo the number of
 * decoders) and, in the quotient's low bits, the caller (bit 0: Admin)
 * and the variant (bit 1: ?orgId= for a reservation create, a previous
 * ongoing read for meter reads); the rest is the body, parsed by
 * json_parse_strict (depth 32) as the pipeline does, then decoded by the
 * route's own code.  A seed's byte 0 is therefore index + N * flags for
 * N decoders: adding a decoder means re-encoding byte 0 of every seed in
 * tests/fuzz/corpus/bodies/.
 *
 * The decoders are reached without exporting anything from src/: the
 * handler files whose field tables and decoders are static are compiled
 * into this file (#include below), and the harness calls the table or the
 * static decoder directly, never the handler past its decoding, so no
 * database is needed.  tests/fuzz/http_stub.c stands in for
 * http/request.c and records a response a decoder sends.  At start-up the
 * harness walks the real route table (api_routes()) and aborts when a
 * route that reads a JSON body has no decoder here, so a new body route
 * cannot slip past the fuzz stage.
 *
 * Aborts when: a field error has no field or message, or names a field
 * outside the route's table; a decoder answers without saying so (or says
 * so without answering); an answer is not a 4xx error envelope of
 * CONVENTIONS §2 in valid JSON (our own strict scanner, so also valid
 * UTF-8) with statusCode equal to the status; a meter-read batch that
 * passes every phase renders a 201 body that is not valid JSON.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "http/jsonin.h"
#include "http/jsonscan.h"
#include "api/api.h"
#include "api/device_input.h"
#include "api/reservation_input.h"
#include "domain/reads.h"
#include "http_stub.h"

/*
 * The handler files with static tables and decoders.  Two of them define
 * a static org_types and two a TRIES macro: renamed around each include.
 */
#define org_types users_org_types
#include "api/users.c"
#undef org_types
#include "api/auth.c"
#define org_types admin_org_types
#include "api/admin.c"
#undef org_types
#include "api/claims.c"
#include "api/testclock.c"
#include "api/reads_ingest.c"
#undef TRIES
#include "api/reservation_change.c"
#undef TRIES
#define pw_body reset_pw_body
#include "api/accounts_reset.c"
#undef pw_body
#define not_found inv_not_found
#include "api/invitations.c"
#undef not_found
#include "api/members.c"
#define statuses org_statuses_
#include "api/admin_orgs.c"
#undef statuses
#include "api/credentials.c"
#undef TRIES
#include "api/apiusers.c"
#undef TRIES
#define create_fields yield_create_fields
#define c_status yield_c_status
#include "api/yield.c"
#undef c_status
#undef create_fields
#include "api/bulk_files.c"
#undef TRIES

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
/* 2025-06-01T00:00:00.000Z: the effective now of every decode. */
#define FUZZ_NOW	1748736000000LL

static struct config	cfg;
static struct api_ctx	actx;

/* ---------------------------------------------------------------- checks */

/* 1 when name is one of the table's fields (or one of extra). */
static int
in_table(const char *name, const struct jfield *t, size_t n,
    const char *const *extra)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(name, t[i].name) == 0)
			return 1;
	for (; extra != NULL && *extra != NULL; extra++)
		if (strcmp(name, *extra) == 0)
			return 1;
	return 0;
}

static void
check_fe(const struct field_errors *fe, const struct jfield *t, size_t n,
    const char *const *extra)
{
	int i;

	if (fe->n < 0 || fe->n > FIELD_ERRORS_MAX)
		abort();
	for (i = 0; i < fe->n; i++) {
		if (fe->field[i] == NULL || fe->message[i] == NULL ||
		    fe->message[i][0] == '\0')
			abort();
		if (t != NULL && !in_table(fe->field[i], t, n, extra))
			abort();
	}
}

/*
 * The recorded response: present iff answered; then a 4xx (2xx when
 * ok_2xx) whose body is strict JSON; errors carry the §2 envelope.
 */
static void
check_answer(struct arena *a, int answered, int ok_2xx)
{
	struct json_object	*o, *v, *m, *d, *f;
	const char		*why, *code;
	size_t			 i;

	if (!answered) {
		if (fuzz_resp.calls != 0)
			abort();	/* answered without saying so */
		return;
	}
	if (fuzz_resp.calls != 1)
		abort();		/* said so without answering, or twice */
	if (jsonscan_validate(fuzz_resp.body, fuzz_resp.len, 32, &why, a) != 0)
		abort();		/* not JSON, or not UTF-8 */
	if (fuzz_resp.status >= 200 && fuzz_resp.status < 300) {
		if (!ok_2xx)
			abort();
		return;
	}
	if (fuzz_resp.status < 400 || fuzz_resp.status > 499)
		abort();
	if ((o = json_tokener_parse(fuzz_resp.body)) == NULL)
		abort();
	if (!json_object_object_get_ex(o, "statusCode", &v) ||
	    !json_object_is_type(v, json_type_int) ||
	    json_object_get_int(v) != fuzz_resp.status ||
	    !json_object_object_get_ex(o, "error", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    !json_object_object_get_ex(o, "success", &v) ||
	    !json_object_is_type(v, json_type_boolean) ||
	    json_object_get_boolean(v) ||
	    !json_object_object_get_ex(o, "code", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    !json_object_object_get_ex(o, "message", &m))
		abort();
	code = json_object_get_string(v);
	if (code[0] == '\0' || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") !=
	    strlen(code))
		abort();
	if (json_object_is_type(m, json_type_array)) {
		/* Field errors: one sentence per field (one may cover several). */
		if (json_object_array_length(m) == 0 ||
		    !json_object_object_get_ex(o, "details", &d) ||
		    !json_object_object_get_ex(d, "fields", &f) ||
		    !json_object_is_type(f, json_type_array) ||
		    json_object_array_length(f) < json_object_array_length(m))
			abort();
		for (i = 0; i < json_object_array_length(m); i++)
			if (!json_object_is_type(json_object_array_get_idx(m, i),
			    json_type_string))
				abort();
	} else if (!json_object_is_type(m, json_type_string) ||
	    json_object_get_string_len(m) == 0)
		abort();
	json_object_put(o);
}

/* A field-table decode as the handlers do it: 400 INVALID_FIELD if any. */
static void
table(struct api_call *c, const struct jfield *t, size_t n, void *dst,
    void *ctx, const char *const *extra)
{
	struct field_errors fe = { 0 };

	json_decode_fields(c->a, c->body, t, n, dst, ctx, &fe);
	check_fe(&fe, t, n, extra);
	if (fe.n > 0)
		api_fail_fields(c, E_INVALID_FIELD, &fe);
	check_answer(c->a, fe.n > 0, 0);
}

/* ---------------------------------------------------------------- decoders */

static void
d_register(struct api_call *c, int v)
{
	struct reg_body b;

	(void)v;
	memset(&b, 0, sizeof(b));
	table(c, reg_fields, nitems(reg_fields), &b, NULL, NULL);
}

static void
d_login(struct api_call *c, int v)
{
	struct login_body b;

	(void)v;
	memset(&b, 0, sizeof(b));
	table(c, login_fields, nitems(login_fields), &b, NULL, NULL);
}

static void
d_password(struct api_call *c, int v)
{
	struct pw_body b;

	(void)v;
	memset(&b, 0, sizeof(b));
	table(c, pw_fields, nitems(pw_fields), &b, NULL, NULL);
}

static void
d_profile(struct api_call *c, int v)
{
	struct profile_body b;

	(void)v;
	memset(&b, 0, sizeof(b));
	table(c, profile_fields, nitems(profile_fields), &b, NULL, NULL);
}

static void
d_admin_status(struct api_call *c, int v)
{
	struct status_body b;

	(void)v;
	memset(&b, 0, sizeof(b));
	table(c, status_fields, nitems(status_fields), &b, NULL, NULL);
}

static void
d_admin_create(struct api_call *c, int v)
{
	struct create_body b;

	(void)v;
	memset(&b, 0, sizeof(b));
	table(c, create_fields, nitems(create_fields), &b, NULL, NULL);
}

static void
d_claim(struct api_call *c, int v)
{
	struct claim_body b;

	(void)v;
	memset(&b, 0, sizeof(b));
	table(c, claim_fields, nitems(claim_fields), &b, c, NULL);
}

static void
d_clock(struct api_call *c, int v)
{
	int64_t	ms = -1;
	int	have = -1, rc;

	(void)v;
	rc = clock_body(c, &have, &ms);
	check_answer(c->a, rc != 0, 0);
	if (rc == 0 && have != 0 && have != 1)
		abort();
}

static const char *const dev_names[] = { "externalId", "projectName",
    "address", "latitude", "longitude", "countryCode", "fuelCode",
    "deviceTypeCode", "capacity", "commissioningDate", "gridInterconnection",
    "offTaker", "yieldValue", "impactStory", "images", "deviceDescription",
    "energyStorage", "energyStorageCapacity", "qualityLabels", "SDGBenefits",
    "timezone", NULL };

static void
d_device(struct api_call *c, int patch)
{
	struct field_errors	fe = { 0 };
	struct dev_input	in;

	dev_input_decode(c, patch, &in, &fe);
	check_fe(&fe, NULL, 0, NULL);
	for (int i = 0; i < fe.n; i++)
		if (!in_table(fe.field[i], NULL, 0, dev_names))
			abort();
	if (fe.n > 0)
		api_fail_fields(c, E_INVALID_FIELD, &fe);
	check_answer(c->a, fe.n > 0, 0);
	if (fe.n == 0 && !patch && (in.v.external_id == NULL ||
	    in.v.address == NULL || in.v.latitude == NULL ||
	    in.v.longitude == NULL || in.v.country_code == NULL ||
	    in.v.fuel_code == NULL || in.v.device_type_code == NULL ||
	    !(in.v.capacity > 0)))
		abort();	/* a POST accepted without a required field */
}

static void d_device_post(struct api_call *c, int v) { (void)v; d_device(c, 0); }
static void d_device_patch(struct api_call *c, int v) { (void)v; d_device(c, 1); }

static const char *const res_names[] = { "name", "deviceIds",
    "targetCapacityInMegaWattHour", "reservationStartDate",
    "reservationEndDate", "reservationExpiryDate", "frequency",
    "authorityToExceed",
    "continueWithReservationIfOneOrMoreDevicesUnavailableForReservation",
    "continueWithReservationIfTargetCapacityIsLessThanDeviceTotalCapacityBetweenDuration",
    "blockchainAddress", "organizationId", NULL };

static void
d_res(struct api_call *c, int create)
{
	struct field_errors	fe = { 0 };
	struct res_input	in;
	int			i;

	res_input_decode(c, create, &in, &fe);
	check_fe(&fe, NULL, 0, NULL);
	for (i = 0; i < fe.n; i++)
		if (!in_table(fe.field[i], NULL, 0, res_names))
			abort();
	if (fe.n > 0)
		api_fail_fields(c, E_INVALID_FIELD, &fe);
	check_answer(c->a, fe.n > 0, 0);
	if (fe.n == 0 && in.device_ids.present) {
		if (in.nids < 1 || in.nids > RES_MAX_DEVICES)
			abort();
		for (i = 0; i < in.nids; i++)	/* ascending, no duplicates */
			if (in.ids[i] < 1 || (i > 0 && in.ids[i] <= in.ids[i - 1]))
				abort();
	}
	if (fe.n == 0 && create && (!in.name.present || in.target_wh < 1))
		abort();
}

static void d_res_create(struct api_call *c, int v) { (void)v; d_res(c, 1); }
static void d_res_patch(struct api_call *c, int v) { (void)v; d_res(c, 0); }

static void
d_res_end(struct api_call *c, int v)
{
	int64_t	end = 0;
	int	rc;

	(void)v;
	rc = end_body(c, &end);
	check_answer(c->a, rc != 0, 0);
}

/* Envelope, each read's phase A, then phases B-D against fixed facts. */
static void
d_reads(struct api_call *c, int prev)
{
	struct ingest		g;
	struct dom_read_state	st;
	struct dom_read_fail	f;
	size_t			i;
	int			rc;

	memset(&g, 0, sizeof(g));
	g.c = c;
	rc = envelope(&g);
	check_answer(c->a, rc != 0, 0);
	if (rc != 0)
		return;
	if (g.n < 1 || g.n > (size_t)cfg.meter_reads_max_batch)
		abort();
	g.r = arena_alloc(c->a, sizeof(*g.r) * g.n);
	for (i = 0; i < g.n; i++) {
		parse_read(&g, i, &g.r[i]);
		if (g.r[i].a_code != NULL && (g.r[i].a_field == NULL ||
		    g.r[i].a_message == NULL))
			abort();
	}
	memset(&st, 0, sizeof(st));
	st.onboarding = 1735689600000LL;	/* 2025-01-01 */
	st.commissioning = 1577836800000LL;	/* 2020-01-01 */
	st.capacity_kw = 10;
	st.yield = prev ? 0 : 1500;
	st.now = c->now;
	st.skew_ms = (int64_t)cfg.skew_s * 1000;
	if (prev && g.type != READ_HISTORY) {
		st.has_prev = 1;
		st.prev_end = 1746057600000LL;		/* 2025-05-01 */
		st.prev_counter = 1000000;
	}
	g.dev.id = 42;
	g.dev.external_id = "fuzz device";
	fuzz_resp_reset();
	if (dom_reads_check(c->a, g.type, &st, g.r, g.n, &f) != 0) {
		if (f.code == NULL || f.message == NULL ||
		    (ecode_status(f.err) != 400 &&
		    ecode_status(f.err) != 409) ||
		    f.index < 0 || (size_t)f.index >= g.n)
			abort();
		reply_fail(c, &f);
		check_answer(c->a, 1, 0);
		return;
	}
	reply_201(c, success_body(&g), 0);
	check_answer(c->a, 1, 1);
}

static void d_reads_post(struct api_call *c, int v) { d_reads(c, v); }

/* A field table whose body struct is T: the table decode on a zeroed T. */
#define TABLE_DECODER(fn, T, t)						\
static void								\
fn(struct api_call *c, int v)						\
{									\
	T b;								\
									\
	(void)v;							\
	memset(&b, 0, sizeof(b));					\
	table(c, t, nitems(t), &b, NULL, NULL);				\
}

TABLE_DECODER(d_forget, struct forget_body, forget_fields)
TABLE_DECODER(d_reset, struct reset_pw_body, reset_fields)
TABLE_DECODER(d_org_role, struct role_body, role_fields)
TABLE_DECODER(d_inv_create, struct inv_body, inv_fields)
TABLE_DECODER(d_inv_answer, struct answer_body, answer_fields)
TABLE_DECODER(d_org_patch, struct patch_body, patch_fields)
TABLE_DECODER(d_get_access, struct access_body, access_fields)
TABLE_DECODER(d_au_scopes, struct scopes_body, scopes_fields)
TABLE_DECODER(d_au_decide, struct decide_body, decide_fields)
TABLE_DECODER(d_yield_create, struct yield_body, yield_create_fields)
TABLE_DECODER(d_yield_update, struct yield_body, update_fields)
TABLE_DECODER(d_file_process, struct process_body, process_fields)

/* POST /api/apiuser/organizations: register_as(c, 2)'s decode. */
static void
d_au_org(struct api_call *c, int v)
{
	static const char *const extra[] = { "api_user_id", NULL };
	struct field_errors	fe = { 0 };
	struct reg_body		b;

	(void)v;
	reg_decode(c, 2, &b, &fe);
	check_fe(&fe, reg_fields, nitems(reg_fields), extra);
	if (fe.n > 0)
		api_fail_fields(c, E_INVALID_FIELD, &fe);
	check_answer(c->a, fe.n > 0, 0);
}

struct decoder {
	const char	*name;
	api_handler_fn	 handler;	/* the route's handler */
	void		(*fn)(struct api_call *, int);
};

static const struct decoder decoders[] = {
	{ "register", api_register, d_register },
	{ "login", api_login, d_login },
	{ "password", api_user_password, d_password },
	{ "profile", api_user_profile, d_profile },
	{ "admin-status", api_admin_user_status, d_admin_status },
	{ "admin-create", api_admin_user_create, d_admin_create },
	{ "clock", api_clock_put, d_clock },
	{ "device-post", api_device_create, d_device_post },
	{ "device-patch", api_device_patch, d_device_patch },
	{ "reads", api_reads_post, d_reads_post },
	{ "reads-admin", api_reads_post_admin, d_reads_post },
	{ "res-create", api_res_create, d_res_create },
	{ "res-patch", api_res_patch, d_res_patch },
	{ "res-end", api_res_end, d_res_end },
	{ "claim", api_cert_claim, d_claim },
	{ "forget", api_forget_password, d_forget },
	{ "reset", api_reset_password, d_reset },
	{ "org-role", api_org_change_role, d_org_role },
	{ "inv-create", api_invitation_create, d_inv_create },
	{ "inv-answer", api_invitation_answer, d_inv_answer },
	{ "org-patch", api_admin_org_patch, d_org_patch },
	{ "get-access", api_get_access, d_get_access },
	{ "au-scopes", api_apiuser_scopes, d_au_scopes },
	{ "au-org", api_apiuser_org_create, d_au_org },
	{ "au-decide", api_admin_apiuser_decide, d_au_decide },
	{ "yield-create", api_yield_create, d_yield_create },
	{ "yield-update", api_yield_update, d_yield_update },
	{ "file-process", api_file_process, d_file_process },
	{ "file-process-admin", api_file_process_admin, d_file_process },
};

/* ---------------------------------------------------------------- driver */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const struct route	*r;
	const struct api_route	*ar;
	size_t			 n, i, k;
	int			 missing = 0;

	(void)argc;
	(void)argv;
	config_defaults(&cfg);
	actx.cfg = &cfg;
	/* Every route that reads a JSON body must have its decoder here. */
	r = api_routes(&n);
	for (i = 0; i < n; i++) {
		ar = r[i].data;
		if (ar->body != BODY_JSON && ar->body != BODY_OPTIONAL)
			continue;
		for (k = 0; k < nitems(decoders); k++)
			if (decoders[k].handler == ar->fn)
				break;
		if (k == nitems(decoders)) {
			fprintf(stderr, "fuzz_bodies: %s %s reads a JSON body but "
			    "has no decoder in tests/fuzz/fuzz_bodies.c\n",
			    r[i].method, r[i].pattern);
			missing = 1;
		}
	}
	if (missing)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	struct http_req		 req;
	struct api_call		 c;
	const struct decoder	*d;
	struct json_object	*root;
	const char		*why;
	unsigned		 sel, flags;

	if (size < 1)
		return 0;
	if (a == NULL && (a = arena_new()) == NULL)
		abort();
	sel = data[0] % nitems(decoders);
	flags = data[0] / nitems(decoders);
	d = &decoders[sel];
	if (json_parse_strict(a, (const char *)data + 1, size - 1, 32, &root,
	    &why) != 0)
		goto out;
	fuzz_resp_reset();
	http_req_init(&req, NULL, a);
	req.query = (flags & 2) ? "orgId=7" : "";
	memset(&c, 0, sizeof(c));
	c.req = &req;
	c.ctx = &actx;
	c.a = a;
	c.now = FUZZ_NOW;
	c.authed = 1;
	c.role_bit = (flags & 1) ? ROLE_ADMIN : ROLE_BUYER | ROLE_ORGADMIN;
	c.user.id = 7;
	c.user.role = (flags & 1) ? "Admin" : "Buyer";
	c.user.org.id = 3;
	c.body = root;
	c.raw_body = (const char *)data + 1;
	c.raw_len = size - 1;
	if (query_parse(a, req.query, &c.query) != 0)
		abort();
	d->fn(&c, (flags & 2) != 0);
out:
	arena_reset(a);
	return 0;
}
