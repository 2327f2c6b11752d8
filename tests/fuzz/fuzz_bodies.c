/*
 * libFuzzer harness: the body decoding of every route that takes a JSON
 * body (CONVENTIONS §1-2, users.md §4, devices.md §3, meter-reads.md §1,
 * reservations.md §3.1, §6-7, certificates.md §9.7, CONVENTIONS §11).
 *
 * The targets are the route table itself: at start-up the harness walks
 * api_routes() and takes every route descriptor with a JSON body (or a
 * raw body its input decodes as one JSON array, api_input.array), in table
 * order (FUZZ_BODIES_LIST=1 prints them and exits).  A route that declares
 * its input (.in) is decoded as the pipeline does, by api_input_decode()
 * on its tables and check, with path parameters id (or the declared one)
 * 5, userId 6 and a 64-hex token;
 * some add invariants of their own (extra[] below, by handler).  The
 * harness aborts at start-up when a JSON-body route declares no input.
 *
 * Input: byte 0 picks the target (its value modulo the number of targets)
 * and, in the quotient's low bits, the caller (bit 0: Admin) and the
 * variant (bit 1: ?orgId=7&organizationId=7 in the query, a previous
 * ongoing read for meter reads); the rest is the body, parsed by
 * http_json_parse_strict (depth 32) as the pipeline does (an array body's
 * bytes by api_input_decode itself).  A seed's byte 0 is
 * therefore index + N * flags for N targets: a route added to or removed
 * from the table's JSON-body routes means re-encoding byte 0 of every seed
 * in tests/fuzz/corpus/bodies/ (tests/fuzz/reencode_bodies.py).
 *
 * tests/fuzz/http_stub.c stands in for http/request.c and records a
 * response a decoder sends.  Aborts when: a field error has no field or
 * message, or names a field outside the route's table; a decoder answers
 * without saying so (or says so without answering); an answer is not a
 * 4xx error envelope of CONVENTIONS §2 in valid JSON (our own strict
 * scanner, so also valid UTF-8) with statusCode equal to the status; a
 * decoded input is refused when decoded again; a meter-read batch that
 * passes every phase renders a 201 body that is not valid JSON.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/nelem.h"
#include "core/arena.h"
#include "core/config.h"
#include "http/jsonin.h"
#include "http/jsonscan.h"
#include "api/api.h"
#include "api/device_input.h"
#include "api/reads.h"
#include "api/reservation_input.h"
#include "domain/reads.h"
#include "http_stub.h"


int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

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
	if (http_jsonscan_validate(fuzz_resp.body, fuzz_resp.len, 32, &why, a) != 0)
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

/* ---------------------------------------------------------------- decoders */

static const char *const dev_names[] = { "externalId", "projectName",
    "address", "latitude", "longitude", "countryCode", "fuelCode",
    "deviceTypeCode", "capacity", "commissioningDate", "gridInterconnection",
    "offTaker", "yieldValue", "impactStory", "images", "deviceDescription",
    "energyStorage", "energyStorageCapacity", "qualityLabels", "SDGBenefits",
    "timezone", NULL };

/* Devices: the bulk rows' decoder agrees; a POST has its required fields. */
static void
x_device(struct api_call *c, int v)
{
	const struct dev_input	*in = api_dev_input_of(c);
	struct field_errors	 fe = { 0 };
	struct dev_input	 twin;
	int			 i, patch = c->route->fn == api_device_patch;

	(void)v;
	api_dev_input_decode(c, patch, &twin, &fe);
	check_fe(&fe, NULL, 0, NULL);
	for (i = 0; i < fe.n; i++)
		if (!in_table(fe.field[i], NULL, 0, dev_names))
			abort();
	if (fe.n > 0)
		abort();	/* the route accepted what a bulk row refuses */
	if (!patch && (in->v.external_id == NULL ||
	    in->v.address == NULL || in->v.latitude == NULL ||
	    in->v.longitude == NULL || in->v.country_code == NULL ||
	    in->v.fuel_code == NULL || in->v.device_type_code == NULL ||
	    !(in->v.capacity > 0)))
		abort();	/* a POST accepted without a required field */
	if (in->v.images == NULL || in->v.grid < -1 || in->v.grid > 1)
		abort();
}

/* Reservation create and PATCH: accepted deviceIds, a create's target. */
static void
x_res(struct api_call *c, int v)
{
	const struct res_input	*in = c->in;
	int			 i;

	(void)v;
	if (in->device_ids.present) {
		if (in->nids < 1 || in->nids > RES_MAX_DEVICES)
			abort();
		for (i = 0; i < in->nids; i++)	/* ascending, no duplicates */
			if (in->ids[i] < 1 || (i > 0 && in->ids[i] <= in->ids[i - 1]))
				abort();
	}
	if (c->route->fn == api_res_create && (!in->name.present ||
	    in->target_wh < 1))
		abort();
}

/* Meter reads: each read's phase A, then phases B-D against fixed facts. */
static void
x_reads(struct api_call *c, int prev)
{
	struct dom_read_state	 st;
	struct dom_read_fail	 f;
	struct db_device	 dev;
	struct dom_read		*r;
	size_t			 i, n;
	int			 rc;

	memset(&st, 0, sizeof(st));
	st.onboarding = 1735689600000LL;	/* 2025-01-01 */
	st.commissioning = 1577836800000LL;	/* 2020-01-01 */
	st.capacity_kw = 10;
	st.yield = prev ? 0 : 1500;
	st.now = c->now;
	st.skew_ms = (int64_t)cfg.skew_s * 1000;
	if (prev) {		/* taken for Delta and Aggregate only */
		st.has_prev = 1;
		st.prev_end = 1746057600000LL;		/* 2025-05-01 */
		st.prev_counter = 1000000;
	}
	memset(&dev, 0, sizeof(dev));
	dev.id = 42;
	dev.external_id = "fuzz device";
	fuzz_resp_reset();
	rc = api_reads_dry_run(c, &st, &dev, &r, &n, &f);
	if (n < 1 || n > (size_t)cfg.meter_reads_max_batch)
		abort();
	for (i = 0; i < n; i++)
		if (r[i].a_code != NULL && (r[i].a_field == NULL ||
		    r[i].a_message == NULL))
			abort();
	if (rc != 0 && (f.code == NULL || f.message == NULL ||
	    (ecode_status(f.err) != 400 && ecode_status(f.err) != 409) ||
	    f.index < 0 ||
	    (size_t)f.index >= n))
		abort();
	check_answer(c->a, 1, rc == 0);
}


/* Invariants of some declared inputs, by handler. */
static const struct {
	api_handler_fn	 handler;
	void		(*fn)(struct api_call *, int);
} extra[] = {
	{ api_device_create, x_device },
	{ api_device_patch, x_device },
	{ api_res_create, x_res },
	{ api_res_patch, x_res },
	{ api_reads_post, x_reads },
	{ api_reads_post_admin, x_reads },
};

/*
 * A route with a declared input (.in): the pipeline's own decode
 * (api_input_decode), with the path id, when it has one, set to 5.
 */
static void
d_input(struct api_call *c, int v)
{
	const struct api_input	*in = c->route->in;
	struct field_errors	 fe;
	size_t			 i;
	int			 rc;

	/* The path parameters the checks read: ids, and a reset token. */
	c->m.nparams = 3;
	c->m.param_name[0] = in->path_id != NULL ? in->path_id : "id";
	c->m.param[0] = "5";
	c->m.param_name[1] = "userId";
	c->m.param[1] = "6";
	c->m.param_name[2] = "token";
	c->m.param[2] = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";
	rc = api_input_decode(c);
	check_answer(c->a, rc != 0, 0);
	if (rc != 0)
		return;
	/* Re-decoded: nothing of the table may be refused now. */
	fe.n = 0;
	http_json_decode_table(c->a, c->body, &in->body, c->in, c, &fe);
	if (fe.n != 0 && in->check == NULL)
		abort();
	for (i = 0; i < NELEM(extra); i++)
		if (extra[i].handler == c->route->fn)
			extra[i].fn(c, v);
}

/* 1 when ar's body is one JSON array its input decodes (api_input.array). */
static int
is_array_body(const struct api_route *ar)
{
	return ar->in != NULL && ar->in->array.type == JT_ARRAY;
}

/* The JSON-body route descriptors of api_routes(), in table order. */
#define TARGETS_MAX	128
static struct target {
	const struct api_route	*route;
	const char		*name;		/* "METHOD pattern" */
	void			(*fn)(struct api_call *, int);
} targets[TARGETS_MAX];
static size_t ntargets;

/* ---------------------------------------------------------------- driver */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const struct route	*r;
	const struct api_route	*ar;
	char			 name[256];
	size_t			 n, i, k;
	int			 missing = 0;

	(void)argc;
	(void)argv;
	config_defaults(&cfg);
	actx.cfg = &cfg;
	r = api_routes(&n);
	for (i = 0; i < n; i++) {
		ar = r[i].data;
		if (ar->body != BODY_JSON && ar->body != BODY_OPTIONAL &&
		    !is_array_body(ar))
			continue;
		for (k = 0; k < ntargets; k++)
			if (targets[k].route == ar)
				break;
		if (k < ntargets)
			continue;	/* one descriptor, several paths */
		if (ntargets == TARGETS_MAX)
			abort();
		snprintf(name, sizeof(name), "%s %s", r[i].method,
		    r[i].pattern);
		targets[ntargets].route = ar;
		targets[ntargets].name = strdup(name);
		if (ar->in != NULL)
			targets[ntargets].fn = d_input;
		if (targets[ntargets].fn == NULL) {
			fprintf(stderr, "fuzz_bodies: %s reads a JSON body but "
			    "declares no input (.in)\n", name);
			missing = 1;
		}
		ntargets++;
	}
	if (missing || ntargets == 0)
		abort();
	if (getenv("FUZZ_BODIES_LIST") != NULL) {
		for (i = 0; i < ntargets; i++)
			printf("%zu %s\n", i, targets[i].name);
		exit(0);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	struct http_req		 req;
	struct api_call		 c;
	const struct target	*d;
	struct json_object	*root;
	const char		*why;
	unsigned		 sel, flags;

	if (size < 1)
		return 0;
	if (a == NULL && (a = arena_new()) == NULL)
		abort();
	sel = data[0] % ntargets;
	flags = data[0] / ntargets;
	d = &targets[sel];
	root = NULL;	/* an array body: api_input_decode parses the bytes */
	if (!is_array_body(d->route) && http_json_parse_strict(a,
	    (const char *)data + 1, size - 1, 32, &root, &why) != 0)
		goto out;
	fuzz_resp_reset();
	http_req_init(&req, NULL, a);
	req.query = (flags & 2) ? "orgId=7&organizationId=7" : "";
	memset(&c, 0, sizeof(c));
	c.req = &req;
	c.ctx = &actx;
	c.a = a;
	c.now = FUZZ_NOW;
	c.authed = 1;
	c.role_bit = (flags & 1) ? ROLE_ADMIN : ROLE_BUYER | ROLE_ORGADMIN;
	c.user.id = 7;
	c.user.email = "fuzz@example.org";
	c.user.role = (flags & 1) ? "Admin" : "Buyer";
	c.user.org.id = 3;
	c.route = d->route;
	c.body = root;
	c.raw_body = (const char *)data + 1;
	c.raw_len = size - 1;
	if (http_query_parse(a, req.query, &c.query) != 0)
		abort();
	d->fn(&c, (flags & 2) != 0);
out:
	arena_reset(a);
	return 0;
}
