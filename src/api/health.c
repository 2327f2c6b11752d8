/*
 * Operations endpoints (CONVENTIONS §10).  /api/health answers its own
 * body (not the error envelope) because monitors read it.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "api/api.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif

void
api_health(struct api_call *c)
{
	struct db_conn	*db;
	struct strbuf	 sb;
	struct jw	 w;
	int		 ok = 0;

	if ((db = db_pool_get(c->ctx->pool)) != NULL) {
		db_conn_set_rid(db, c->req->rid);
		ok = db_ping(db) == ERR_OK;
		db_pool_put(c->ctx->pool, db);
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "status");
	jw_str(&w, ok ? "ok" : "degraded");
	jw_key(&w, "db");
	jw_str(&w, ok ? "ok" : "down");
	jw_key(&w, "version");
	jw_str(&w, PACKAGE_VERSION);
	jw_obj_close(&w);
	api_json(c, ok ? 200 : 503, &sb);
}

void
api_health_live(struct api_call *c)
{
	static const struct strbuf live = { (char *)"{\"status\":\"ok\"}", 15, 0, NULL };

	api_json(c, 200, &live);
}
