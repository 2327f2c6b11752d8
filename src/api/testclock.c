/*
 * The test clock (CONVENTIONS §11): Admin only, absent (404) in the
 * production profile (the route table marks these routes test_only).
 */
#include <string.h>

#include "core/timeutil.h"
#include "api/api.h"

static void
clock_reply(struct api_call *c)
{
	struct strbuf	sb;
	struct jw	w;
	char		iso[TIME_ISO_LEN];
	int64_t		now;
	int		over;
	enum err	e;

	if ((e = db_clock_now(c->db, c->ctx->cfg->profile, &now, &over)) !=
	    ERR_OK) {
		api_db_error(c, e);
		return;
	}
	time_format_iso(now, iso);
	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "now");
	jw_str(&w, iso);
	jw_key(&w, "overridden");
	jw_bool(&w, over);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
	strbuf_cleanup(&sb);
}

void
api_clock_get(struct api_call *c)
{
	clock_reply(c);
}

/*
 * The body of PUT (CONVENTIONS §11): {"now": instant} sets *have and *ms,
 * {"now": null} clears *have.  0, or -1 after answering 400 INVALID_FIELD.
 */
static int
clock_body(struct api_call *c, int *have, int64_t *ms)
{
	struct json_object	*v = NULL;
	struct field_errors	 fe = { 0 };

	*ms = 0;
	if (!api_body_get(c, "now", &v))
		field_error(c->a, &fe, "now", "is required; an RFC 3339 "
		    "instant, or null to clear the override");
	else if (v != NULL && (json_text(v, NULL) == NULL ||
	    time_parse_instant(json_text(v, NULL), ms) != 0))
		field_error(c->a, &fe, "now", "is not a valid instant; "
		    "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM), or null");
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_FIELD, &fe);
		return -1;
	}
	*have = v != NULL;
	return 0;
}

void
api_clock_put(struct api_call *c)
{
	int64_t		ms;
	int		have;
	enum err	e;

	if (clock_body(c, &have, &ms) != 0)
		return;
	if ((e = db_clock_set(c->db, have, ms)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	clock_reply(c);
}
