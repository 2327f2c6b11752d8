/*
 * Reservation reads (reservations.md §2, §4, §5): visibility, path
 * resolution, GET /:id and the lists.
 */
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "domain/codes.h"
#include "api/api.h"
#include "api/inputs.h"
#include "api/devices.h"
#include "api/fields.h"
#include "api/reservations.h"

#define RES_PAGE 10

int
api_res_visibility(struct api_call *c, const struct db_reservation *r)
{
	enum err	e;
	int		yes = 0;

	if (c->role_bit & ROLE_ADMIN)
		return 1;
	if (c->role_bit & ROLES_BUYER)
		return r->org_id == c->user.org.id ? 1 : -1;
	if ((e = db_res_dev_visible(c->db, r->id, c->user.org.id, &yes)) !=
	    ERR_OK) {
		api_db_error(c, e);
		return -2;
	}
	return yes ? 0 : -1;
}

static void
not_found(struct api_call *c, const char *ref)
{
	api_failf(c, E_RESERVATION_NOT_FOUND, "No reservation %.64s is "
	    "visible to you", ref);
}

int
api_res_check_ref(struct api_call *c)
{
	const char	*ref = api_param(c, "id");
	char		*uid = arena_strdup(c->a, ref ? ref : "");
	int64_t		 id;

	if (api_uuid_text(uid) || api_id_text(ref, &id) == 0)
		return 0;
	api_failf(c, E_INVALID_ID, "id: \"%.64s\" is not a valid "
	    "reservation id; a numeric id (1 to 9223372036854775807) or "
	    "a devicegroup_uid", ref ? ref : "");
	return -1;
}

int
api_res_resolve(struct api_call *c, int lock, struct db_reservation *r,
    int *full)
{
	const char	*ref = api_param(c, "id");
	char		*uid = arena_strdup(c->a, ref ? ref : "");
	int64_t		 id;
	enum err	 e;
	int		 vis;

	if (api_uuid_text(uid))
		e = db_res_by_uid(c->db, c->a, uid, lock, r);
	else if (api_id_text(ref, &id) == 0)
		e = db_res_get(c->db, c->a, id, lock, r);
	else {
		api_failf(c, E_INVALID_ID, "id: \"%.64s\" is not a valid "
		    "reservation id; a numeric id (1 to 9223372036854775807) or "
		    "a devicegroup_uid", ref ? ref : "");
		return -1;
	}
	if (e == ERR_NOTFOUND) {
		not_found(c, ref);
		return -1;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	if ((vis = api_res_visibility(c, r)) == -2)
		return -1;
	if (vis < 0) {
		not_found(c, ref);
		return -1;
	}
	if (full != NULL)
		*full = vis;
	return 0;
}

void
api_res_get(struct api_call *c)
{
	struct db_reservation	r;
	int			full;

	if (api_res_resolve(c, 0, &r, &full) != 0)
		return;
	api_res_reply(c, 200, r.id, full ? RES_FULL : RES_RESTRICTED);
}

/* "A,B" → ["A","B"] (values are codes: no escaping needed), or NULL. */
static const char *
csv_json(struct api_call *c, const char *csv)
{
	struct strbuf	 sb;
	const char	*p;

	if (csv == NULL)
		return NULL;
	strbuf_init_arena(&sb, c->a);
	strbuf_puts(&sb, "[\"");
	for (p = csv; *p != '\0'; p++) {
		if (*p == ',')
			strbuf_puts(&sb, "\",\"");
		else if (*p != '"' && *p != '\\')
			strbuf_putc(&sb, *p);
	}
	strbuf_puts(&sb, "\"]");
	return sb.buf;
}

static const char *
sdg_json(struct api_call *c, uint32_t mask)
{
	struct strbuf	 sb;
	struct jw	 w;
	int		 n;

	if (mask == 0)
		return NULL;
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (n = 1; n <= CODES_SDG_MAX; n++)
		if (mask & (1u << (n - 1)))
			jw_str(&w, dom_codes_sdg_name(n));
	jw_arr_close(&w);
	return sb.buf;
}

/* The query of the reservation lists (§4). */
struct res_list_in {
	struct api_pageq	pq;
	struct list_filter_q	lq;
	struct jstr		name, act, org;
	struct db_res_filter	f;
	int64_t			page;
};

static const struct jfield res_list_query[] = {
	LIST_COMMON_QUERY(struct res_list_in, lq),
	{ "name", JT_STRING, 0, offsetof(struct res_list_in, name), NULL,
	    .doc = "Only reservations whose name contains it" },
	{ "reservationActive", JT_STRING, 0, offsetof(struct res_list_in, act),
	    NULL, .doc = "All, Active or Deactive (any case; default All)" },
	{ "organizationId", JT_STRING, 0, offsetof(struct res_list_in, org),
	    NULL, .doc = "Admin only: one organization's reservations (an "
	    "id)" },
	API_QPAGE(struct res_list_in, pq),
};

/* The query of §4 into q->f and q->page; problems go to fe. */
static void
list_filters(struct api_call *c, struct res_list_in *q, int allow_org,
    struct field_errors *fe)
{
	struct db_res_filter	*f = &q->f;
	struct db_device_filter	 d;
	const char		*act, *org;
	int64_t			 limit;

	memset(f, 0, sizeof(*f));
	f->active = -1;
	api_paging_of(c, &q->pq, RES_PAGE, 0, &q->page, &limit, fe);
	api_list_common_filters_of(c, &q->lq, &d, fe);
	f->countries = csv_json(c, d.countries);
	f->fuels = csv_json(c, d.fuels);
	f->offtakers = csv_json(c, d.offtakers);
	f->sdgs = sdg_json(c, d.sdg_mask);
	f->has_start = d.has_start;
	f->start = d.start;
	f->has_end = d.has_end;
	f->end = d.end;
	if (q->name.present)
		f->name_like = api_fld_like_escape(c->a, q->name.v);
	if ((act = q->act.present ? q->act.v : NULL) != NULL) {
		if (strcasecmp(act, "active") == 0)
			f->active = 1;
		else if (strcasecmp(act, "deactive") == 0)
			f->active = 0;
		else if (strcasecmp(act, "all") != 0)
			http_field_error(c->a, fe, "reservationActive", "\"%.16s\" is "
			    "not allowed; All, Active or Deactive", act);
	}
	if (allow_org && (org = q->org.present ? q->org.v : NULL) != NULL &&
	    api_id_text(org, &f->org_id) != 0)
		http_field_error(c->a, fe, "organizationId", "\"%.32s\" is not "
		    "allowed; a positive integer", org);
}

static int
res_my_check(struct api_call *c, void *in, struct field_errors *fe)
{
	list_filters(c, in, (c->role_bit & ROLE_ADMIN) != 0, fe);
	return 0;
}

static int
res_of_devices_check(struct api_call *c, void *in, struct field_errors *fe)
{
	list_filters(c, in, 0, fe);
	return 0;
}

const struct api_input api_in_res_list = {
	.size = sizeof(struct res_list_in),
	.query = JTABLE(res_list_query, struct res_list_in),
	.code = E_INVALID_QUERY,
	.check = res_my_check,
	.doc = "Lists reservations",
};

const struct api_input api_in_res_of_devices = {
	.size = sizeof(struct res_list_in),
	.query = JTABLE(res_list_query, struct res_list_in),
	.code = E_INVALID_QUERY,
	.check = res_of_devices_check,
	.doc = "Lists the reservations holding the caller's devices",
};

static void
reply_list(struct api_call *c, const struct db_res_filter *f, int64_t page,
    enum res_view v)
{
	struct db_reservation	*rows;
	struct strbuf		 sb;
	struct jw		 w;
	int64_t			 total;
	enum err		 e;
	int			 n, i;

	e = db_res_list(c->db, c->a, f, RES_PAGE, (page - 1) * RES_PAGE, &rows,
	    &n, &total);
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "groupedData");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		if ((e = api_res_render_open(c, &w, &rows[i], v)) != ERR_OK) {
			api_db_error(c, e);
			return;
		}
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "pageNumber");
	jw_int(&w, page);
	jw_key(&w, "totalPages");
	jw_int(&w, (total + RES_PAGE - 1) / RES_PAGE);
	jw_key(&w, "totalCount");
	jw_int(&w, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

void
api_res_my(struct api_call *c)
{
	const struct res_list_in *q = c->in;
	struct db_res_filter	 f = q->f;

	if (!(c->role_bit & ROLE_ADMIN))
		f.org_id = c->user.org.id;
	reply_list(c, &f, q->page, RES_REPRESENTATION);
}

void
api_res_of_my_devices(struct api_call *c)
{
	const struct res_list_in *q = c->in;
	struct db_res_filter	 f = q->f;

	f.dev_org_id = c->user.org.id;
	reply_list(c, &f, q->page, RES_RESTRICTED);
}
