/*
 * Yield configuration (integrators.md §7): a per-country default for a
 * device's yieldValue, applied when a device row is written.
 */
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "domain/codes.h"
#include "api/api.h"
#include "api/apiusers.h"
#include "api/inputs.h"
#include "api/device_input.h"

static void
render_yield(struct jw *w, const struct db_yield *y)
{
	const struct country *k = dom_codes_country(y->country_code);

	jw_obj_open(w);
	jw_key(w, "id");
	jw_int(w, y->id);
	jw_key(w, "countryName");
	jw_str(w, k ? k->name : NULL);
	jw_key(w, "countryCode");
	jw_str(w, y->country_code);
	jw_key(w, "yieldValue");
	jw_int(w, y->yield_value);
	jw_key(w, "status");
	jw_str(w, y->status);
	jw_key(w, "createdAt");
	jw_str(w, y->created_at);
	jw_key(w, "updatedAt");
	jw_str(w, y->updated_at);
	jw_obj_close(w);
}

/* Answers with entry id (404 YIELD_CONFIG_NOT_FOUND). */
static void
reply_yield(struct api_call *c, int status, int64_t id)
{
	struct db_yield	y;
	struct strbuf	sb;
	struct jw	w;
	enum err	e;

	if ((e = db_yield_get(c->db, c->a, id, &y)) == ERR_NOTFOUND) {
		api_failf(c, E_YIELD_CONFIG_NOT_FOUND, "No yield "
		    "configuration %lld", (long long)id);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	render_yield(&w, &y);
	api_json(c, status, &sb);
}

void
api_yield_list(struct api_call *c)
{
	struct db_yield	*y;
	struct strbuf	 sb;
	struct jw	 w;
	int		 n, i;
	enum err	 e;

	if ((e = db_yield_list(c->db, c->a, &y, &n)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		render_yield(&w, &y[i]);
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}

void
api_yield_get(struct api_call *c)
{
	int64_t id;

	if (api_path_id(c, "id", &id) == 0)
		reply_yield(c, 200, id);
}

struct yield_body {
	struct jstr	 cc;
	struct jint	 value;
	struct jstr	 status;
	const char	*alpha3;
};

static const char *
c_cc(struct arena *a, void *d, void *x)
{
	struct yield_body	*b = d;
	const struct country	*k = dom_codes_country(b->cc.v);

	if (k == NULL)
		return "is not allowed; an ISO 3166-1 alpha-2 or alpha-3 code "
		    "(see /api/countrycode/list)";
	b->alpha3 = k->alpha3;
	return NULL;
}

#define YIELD_RANGE	"is not allowed; an integer from 1 to 10000 (kWh per " \
			"kW per year)"
static const char *const yield_statuses[] = { "Y", "N", NULL };

#define YIELD_VALUE(req)						\
	{ "yieldValue", JT_INT64, (req), offsetof(struct yield_body, value), \
	    NULL, .flags = JF_MIN | JF_MAX, .min = 1, .max = 10000,	\
	    .msg_value = YIELD_RANGE,					\
	    .doc = "Yield in kWh per kW per year (1-10000)" }
#define YIELD_STATUS							\
	{ "status", JT_STRING, 0, offsetof(struct yield_body, status), NULL, \
	    .values = yield_statuses, .msg_value = "is not allowed; Y or N",	\
	    .doc = "Y (in use) or N" }

static const struct jfield create_fields[] = {
	{ "countryCode", JT_STRING, 1, offsetof(struct yield_body, cc), c_cc,
	    .doc = "An ISO 3166-1 alpha-2 or alpha-3 country code" },
	YIELD_VALUE(1),
	YIELD_STATUS,
};

static const struct jfield update_fields[] = {
	YIELD_VALUE(0),
	YIELD_STATUS,
};

const struct api_input api_in_yield_create = {
	.size = sizeof(struct yield_body),
	.body = JTABLE(create_fields, struct yield_body),
	.doc = "Adds a country's yield configuration",
};

const struct api_input api_in_yield_update = {
	.size = sizeof(struct yield_body),
	.path_id = "id",
	.body = JTABLE(update_fields, struct yield_body),
	.doc = "Changes a yield configuration",
};

void
api_yield_create(struct api_call *c)
{
	const struct yield_body	*b = c->in;
	int64_t			 id;
	enum err		 e;

	e = db_yield_insert(c->db, b->alpha3, b->value.v,
	    b->status.present ? b->status.v : "Y", c->now, &id);
	if (e == ERR_CONFLICT) {
		api_failf(c, E_YIELD_CONFIG_EXISTS, "Country %s already "
		    "has a yield configuration; change it with PATCH "
		    "/api/yield/config/update/:id", b->alpha3);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	reply_yield(c, 201, id);
}

void
api_yield_update(struct api_call *c)
{
	const struct yield_body	*b = c->in;
	struct db_yield		 y;
	int64_t			 id = c->path_id;
	enum err		 e;

	if ((e = db_yield_get(c->db, c->a, id, &y)) == ERR_OK)
		e = db_yield_update(c->db, id, b->value.present ? b->value.v : -1,
		    b->status.present ? b->status.v : NULL, c->now);
	if (e == ERR_NOTFOUND) {
		api_failf(c, E_YIELD_CONFIG_NOT_FOUND, "No yield "
		    "configuration %lld", (long long)id);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	reply_yield(c, 200, id);
}

int
api_dev_yield_default(struct api_call *c, const char *cc, int *value)
{
	int64_t		v;
	enum err	e;

	if ((e = db_yield_default(c->db, cc, 2000, &v)) != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	*value = (int)v;
	return 0;
}
