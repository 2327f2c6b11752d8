/*
 * The test clock (CONVENTIONS §11): Admin only, absent (404) in the
 * production profile (the route table marks these routes test_only).
 */
#include <stddef.h>
#include <string.h>

#include "core/timeutil.h"
#include "api/api.h"
#include "api/inputs.h"

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
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "now");
	jw_str(&w, iso);
	jw_key(&w, "overridden");
	jw_bool(&w, over);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

void
api_clock_get(struct api_call *c)
{
	clock_reply(c);
}

/* PUT's body (CONVENTIONS §11): {"now": instant}, or {"now": null}. */
struct clock_in {
	struct jstr	now;	/* null: clear the override */
	int64_t		ms;	/* now's instant */
};

#define BAD_INSTANT "is not a valid instant; " \
	"YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM), or null"

static const char *
clock_instant(struct arena *a, void *dst, void *ctx)
{
	struct clock_in *in = dst;

	(void)a;
	(void)ctx;
	return time_parse_instant(in->now.v, &in->ms) == 0 ? NULL :
	    BAD_INSTANT;
}

static const struct jfield clock_fields[] = {
	{ "now", JT_STRING, 1, offsetof(struct clock_in, now), clock_instant,
	    .flags = JF_NULLABLE,
	    .doc = "The instant the clock shows from now on (frozen), or "
	    "null to follow the system clock again",
	    .msg_required = "is required; an RFC 3339 instant, or null to "
	    "clear the override",
	    .msg_type = BAD_INSTANT },
};

const struct api_input api_in_clock_put = {
	.size = sizeof(struct clock_in),
	.body = JTABLE(clock_fields, struct clock_in),
	.doc = "Sets or clears the test clock's override",
};

void
api_clock_put(struct api_call *c)
{
	const struct clock_in	*in = c->in;
	enum err		 e;

	if ((e = db_clock_set(c->db, !in->now.null, in->ms)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	clock_reply(c);
}
