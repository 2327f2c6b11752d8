/*
 * Device routes for existing clients (clients.md §5.2-5.5): the Admin's
 * device list, the externalId lookup, autocomplete and a reservation's
 * certified span per device.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "db/clients.h"
#include "api/api.h"
#include "api/inputs.h"
#include "api/clients.h"
#include "api/devices.h"
#include "api/reservations.h"

#define DEVICE_PAGE	20
#define SPAN_PAGE	10
#define ORG_CACHE	32

/* A positive integer query value (at most 18 digits), else -1. */
static int64_t
posint(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 18 || strspn(s, "0123456789") != n)
		return -1;
	return strtoll(s, NULL, 10);
}

/* The name of organization id, through a small per-request cache. */
static const char *
org_name(struct api_call *c, int64_t id, int64_t *ids, const char **names,
    int *n, enum err *e)
{
	struct db_org	o;
	int		i;

	for (i = 0; i < *n; i++)
		if (ids[i] == id)
			return names[i];
	if ((*e = db_org_by_id(c->db, c->a, id, &o)) == ERR_NOTFOUND) {
		*e = ERR_OK;
		o.name = NULL;
	} else if (*e != ERR_OK)
		return NULL;
	if (*n < ORG_CACHE) {
		ids[*n] = id;
		names[(*n)++] = o.name;
	}
	return o.name;
}

/* §5.1's query: the device list filters, OrganizationId, the page. */
struct cl_devices_in {
	struct api_pageq	pq;
	struct list_filter_q	lq;
	struct jstr		org2;		/* OrganizationId */
	struct db_device_filter	f;
	int64_t			page, limit;
	int			paged;
};

static const struct jfield cl_devices_query[] = {
	LIST_COMMON_QUERY(struct cl_devices_in, lq),
	LIST_DEVICE_QUERY(struct cl_devices_in, lq),
	{ "OrganizationId", JT_STRING, 0, offsetof(struct cl_devices_in, org2),
	    NULL, .doc = "organizationId under another spelling (the same "
	    "value)" },
	API_QPAGE(struct cl_devices_in, pq),
};

static int
cl_devices_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct cl_devices_in	*q = in;
	const char		*o1 = q->lq.org.present ? q->lq.org.v : NULL;
	const char		*o2 = q->org2.present ? q->org2.v : NULL;

	api_device_filters_of(c, &q->lq, 1, &q->f, fe);
	if (o1 != NULL && o2 != NULL && strcmp(o1, o2) != 0)
		http_field_error(c->a, fe, "OrganizationId", "\"%.32s\" and "
		    "organizationId \"%.32s\" differ; send one of them", o2, o1);
	else if (o1 == NULL && o2 != NULL && (q->f.org_id = posint(o2)) < 1) {
		http_field_error(c->a, fe, "OrganizationId", "\"%.32s\" is not "
		    "allowed; a positive integer", o2);
		q->f.org_id = 0;
	}
	api_paging_of(c, &q->pq, DEVICE_PAGE, 0, &q->page, &q->limit, fe);
	q->paged = q->pq.page.present || q->pq.page2.present;
	return 0;
}

const struct api_input api_in_cl_devices = {
	.size = sizeof(struct cl_devices_in),
	.query = JTABLE(cl_devices_query, struct cl_devices_in),
	.code = E_INVALID_QUERY,
	.check = cl_devices_check,
	.doc = "Lists every device (all on one page unless a page is asked)",
};

/*
 * GET /api/device (Admin, §5.2): devices.md §6.7's filters with
 * organizationId or its alias OrganizationId; always the paged object,
 * every match on one page unless a page parameter is sent; items carry
 * the owner's name as organizationname.
 */
void
api_cl_device_list(struct api_call *c)
{
	const struct cl_devices_in *q = c->in;
	const struct db_device_filter *f = &q->f;
	struct db_device	*devs;
	struct strbuf		 sb;
	struct jw		 w;
	int64_t			 page = q->page, total, ids[ORG_CACHE];
	const char		*names[ORG_CACHE], *name;
	int			 n, i, paged = q->paged, nnames = 0;
	enum err		 e = ERR_OK;

	if ((e = db_device_list(c->db, c->a, f, c->now, paged ? DEVICE_PAGE :
	    -1, paged ? (page - 1) * DEVICE_PAGE : 0, &devs, &n, &total)) !=
	    ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "devices");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		name = org_name(c, devs[i].org_id, ids, names, &nnames, &e);
		if (e != ERR_OK) {
			api_db_error(c, e);
			return;
		}
		jw_obj_open(&w);
		api_render_device_keys(&w, &devs[i]);
		jw_key(&w, "organizationname");
		jw_str(&w, name);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	/* Unpaged: one page holding every match (0 pages when none). */
	api_page_keys(&w, paged ? page : 1, paged ? DEVICE_PAGE :
	    (total > 0 ? total : 1), total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

/* GET /api/device/externalId/:externalId (§5.3). */
void
api_cl_device_by_external(struct api_call *c)
{
	struct db_device	d;
	struct strbuf		sb;
	struct jw		w;

	if (api_device_resolve(c, "externalId", 1, 0, &d) != 0)
		return;
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_render_device(&w, &d);
	api_json(c, 200, &sb);
}

/*
 * The trimmed externalId prefix of the autocomplete routes (1-128
 * characters), or NULL after adding a field error.
 */
static const char *
prefix_query(struct api_call *c, const struct jstr *q,
    struct field_errors *fe)
{
	const char	*v = q->present ? q->v : NULL;
	char		*t;
	size_t		 n;

	if (v == NULL) {
		http_field_error(c->a, fe, "externalId", "is required; the first "
		    "1-128 characters of a device externalId");
		return NULL;
	}
	while (*v == ' ' || *v == '\t')
		v++;
	t = arena_strdup(c->a, v);
	n = strlen(t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		t[--n] = '\0';
	if (n < 1 || n > 128) {
		http_field_error(c->a, fe, "externalId", "\"%.32s\" is not allowed; "
		    "1-128 characters after trimming", v);
		return NULL;
	}
	return t;
}

/* §5.4: answers the bare array of devices of org (0: any) for prefix. */
static void
autocomplete(struct api_call *c, int64_t org, const char *prefix)
{
	struct db_device	*devs;
	struct strbuf		 sb;
	struct jw		 w;
	int			 n, i;
	enum err		 e;

	if ((e = db_cl_autocomplete(c->db, c->a, org, prefix, c->now, &devs,
	    &n)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		api_render_device(&w, &devs[i]);
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}

/* organizationId of the query: *org set, or a field error (required). */
static void
org_query(struct api_call *c, const struct jstr *q, int required,
    int64_t *org, struct field_errors *fe)
{
	const char *v = q->present ? q->v : NULL;

	*org = 0;
	if (v == NULL) {
		if (required)
			http_field_error(c->a, fe, "organizationId", "is required; "
			    "the id of a Developer organization");
	} else if ((*org = posint(v)) < 1) {
		http_field_error(c->a, fe, "organizationId", "\"%.32s\" is not "
		    "allowed; a positive integer", v);
		*org = 0;
	}
}

/* The autocomplete routes' query (§5.4). */
struct ac_in {
	struct jstr	 prefix, org_q;
	const char	*p;		/* the trimmed prefix */
	int64_t		 org;
};

#define AC_QUERY(orgdoc)						\
	{ "externalId", JT_STRING, 0, offsetof(struct ac_in, prefix), NULL, \
	    .doc = "Required (checked with the others): the first 1-128 " \
	    "characters of a device externalId (trimmed)" },		\
	{ "organizationId", JT_STRING, 0, offsetof(struct ac_in, org_q),	\
	    NULL, .doc = (orgdoc) }

static const struct jfield ac_my_query[] = {
	AC_QUERY("Admin only: one organization's devices (a positive "
	    "integer)"),
};

static int
ac_my_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct ac_in *q = in;

	q->p = prefix_query(c, &q->prefix, fe);
	q->org = c->user.org.id;
	if (c->role_bit & ROLE_ADMIN)
		org_query(c, &q->org_q, 0, &q->org, fe);
	return 0;
}

const struct api_input api_in_cl_autocomplete_my = {
	.size = sizeof(struct ac_in),
	.query = JTABLE(ac_my_query, struct ac_in),
	.code = E_INVALID_QUERY,
	.check = ac_my_check,
	.doc = "Devices whose externalId starts with a prefix",
};

/* GET /api/device/my/autocomplete (§5.4): scope as /device/my. */
void
api_cl_autocomplete_my(struct api_call *c)
{
	const struct ac_in *q = c->in;

	autocomplete(c, q->org, q->p);
}

static const struct jfield ac_admin_query[] = {
	AC_QUERY("The Developer organization whose devices are searched (a "
	    "positive integer, required)"),
};

static int
ac_admin_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct ac_in *q = in;

	q->p = prefix_query(c, &q->prefix, fe);
	org_query(c, &q->org_q, 1, &q->org, fe);
	return 0;
}

const struct api_input api_in_cl_autocomplete_admin = {
	.size = sizeof(struct ac_in),
	.query = JTABLE(ac_admin_query, struct ac_in),
	.code = E_INVALID_QUERY,
	.check = ac_admin_check,
	.doc = "An organization's devices whose externalId starts with a "
	    "prefix",
};

/* GET /api/admin/devices/autocomplete (§5.4): organizationId required. */
void
api_cl_autocomplete_admin(struct api_call *c)
{
	const struct ac_in *q = c->in;

	autocomplete(c, q->org, q->p);
}

/*
 * The device id that ref names among the caller's visible devices
 * (CONVENTIONS §6), 0 when none; -1 after a 503/500.
 */
static int64_t
device_ref(struct api_call *c, const char *ref)
{
	struct db_device	 d;
	char			*uid = arena_strdup(c->a, ref);
	int64_t			 id;
	enum err		 e = ERR_NOTFOUND;
	int			 vis;

	if (!(c->role_bit & ROLE_ADMIN) && strlen(ref) <= 128)
		e = db_device_by_external(c->db, c->a, c->user.org.id, ref,
		    c->now, 0, &d);
	if (e == ERR_NOTFOUND && api_uuid_text(uid))
		e = db_device_by_internal(c->db, c->a, uid, c->now, 0, &d);
	if (e == ERR_NOTFOUND && api_id_text(ref, &id) == 0)
		e = db_device_get(c->db, c->a, id, c->now, 0, &d);
	if (e == ERR_NOTFOUND)
		return 0;
	if (e != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	if ((vis = api_device_visible(c, &d)) < 0)
		return -1;
	return vis ? d.id : 0;
}

/* §5.5's query: groupUid (a UUID), externalId, the page. */
struct spans_in {
	struct api_pageq	pq;
	struct jstr		group, ref;
	char			*uid;		/* group, lower-case */
	int64_t			page, limit;
};

static const struct jfield spans_query[] = {
	{ "groupUid", JT_STRING, 0, offsetof(struct spans_in, group), NULL,
	    .doc = "Required: the reservation's devicegroup_uid (a UUID)" },
	{ "externalId", JT_STRING, 0, offsetof(struct spans_in, ref), NULL,
	    .doc = "Only this device (an externalId, id or UUID)" },
	API_QPAGE(struct spans_in, pq),
};

static int
spans_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct spans_in	*q = in;
	const char	*g = q->group.present ? q->group.v : NULL;

	q->uid = arena_strdup(c->a, g ? g : "");
	if (!api_uuid_text(q->uid))
		http_field_error(c->a, fe, "groupUid", "\"%.40s\" is not allowed; "
		    "a reservation devicegroup_uid (a UUID)", g ? g : "");
	api_paging_of(c, &q->pq, SPAN_PAGE, 0, &q->page, &q->limit, fe);
	return 0;
}

const struct api_input api_in_cl_spans = {
	.size = sizeof(struct spans_in),
	.query = JTABLE(spans_query, struct spans_in),
	.code = E_INVALID_QUERY,
	.check = spans_check,
	.doc = "First and last certified dates per device of a reservation",
};

/*
 * GET /api/device/certifiedlog/first&lastdate (§5.5): per member device
 * with a certificate of the reservation, its first start, last end and
 * Wh there.  A groupUid or externalId naming nothing visible: empty list.
 */
void
api_cl_certified_spans(struct api_call *c)
{
	const struct spans_in	*q = c->in;
	struct db_reservation	 r;
	struct db_cl_span	*s = NULL;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*ref = q->ref.present ? q->ref.v : NULL;
	char			*uid = q->uid;
	int64_t			 page = q->page, total = 0;
	int64_t			 dev = 0, dev_org = 0;
	int			 n = 0, i, vis = 1;
	enum err		 e;

	e = db_res_by_uid(c->db, c->a, uid, 0, &r);
	if (e == ERR_OK && (vis = api_res_visibility(c, &r)) == -2)
		return;
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		api_db_error(c, e);
		return;
	}
	if (e == ERR_OK && vis == 0)
		dev_org = c->user.org.id;
	if (e == ERR_OK && vis >= 0 && ref != NULL &&
	    (dev = device_ref(c, ref)) < 0)
		return;
	if (e == ERR_OK && vis >= 0 && (ref == NULL || dev > 0) &&
	    (e = db_cl_cert_spans(c->db, c->a, r.id, dev_org, dev, SPAN_PAGE,
	    (page - 1) * SPAN_PAGE, &s, &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "certifieddevices_startToend");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_key(&w, "deviceId");
		jw_int(&w, s[i].device_id);
		jw_key(&w, "externalId");
		jw_str(&w, s[i].external_id);
		jw_key(&w, "internalExternalId");
		jw_str(&w, s[i].internal_external_id);
		jw_key_instant(&w, "firstcertifiedstartdate", s[i].first_start);
		jw_key_instant(&w, "lastcertifiedenddate", s[i].last_end);
		jw_key(&w, "certifiedWh");
		jw_int(&w, s[i].wh);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_items_page_keys(&w, page, SPAN_PAGE, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}
