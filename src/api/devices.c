/*
 * Device routes (devices.md §6.1-6.6).
 */
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "crypto/crypto.h"
#include "domain/codes.h"
#include "api/api.h"
#include "api/device_input.h"
#include "api/devices.h"

#define DEVICE_PAGE 20
/* Devices the catalogue counts past a page before it stops counting. */
#define CATALOGUE_AHEAD 1000

void
api_device_not_found(struct api_call *c, const char *ref)
{
	api_failf(c, E_DEVICE_NOT_FOUND, "No device %.140s is visible to you",
	    ref);
}

int
api_device_visible(struct api_call *c, const struct db_device *d)
{
	enum err	e;
	int		yes = 0;

	if (c->role_bit & ROLE_ADMIN)
		return 1;
	if (c->role_bit & ROLES_DEVELOPER)
		return d->org_id == c->user.org.id;
	if ((e = db_device_buyer_visible(c->db, d->id, c->user.org.id, c->now,
	    &yes)) != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	return yes;
}

int
api_device_resolve(struct api_call *c, const char *param, int by_external,
    int lock, struct db_device *d)
{
	const char	*ref = api_param(c, param);
	char		*copy;
	int64_t		 id = 0;
	size_t		 n;
	enum err	 e = ERR_NOTFOUND;
	int		 vis;

	if (!by_external) {
		if (api_path_id(c, param, &id) != 0)
			return -1;
		e = db_device_get(c->db, c->a, id, c->now, lock, d);
	} else {
		copy = arena_strdup(c->a, ref);
		n = strlen(copy);
		if (!(c->role_bit & ROLE_ADMIN) && n <= 128)
			e = db_device_by_external(c->db, c->a, c->user.org.id,
			    ref, c->now, lock, d);
		if (e == ERR_NOTFOUND && api_uuid_text(copy))
			e = db_device_by_internal(c->db, c->a, copy, c->now, lock,
			    d);
		if (e == ERR_NOTFOUND && n >= 1 && n <= 19 &&
		    strspn(ref, "0123456789") == n &&
		    (n < 19 || strcmp(ref, "9223372036854775807") <= 0) &&
		    (id = strtoll(ref, NULL, 10)) >= 1)
			e = db_device_get(c->db, c->a, id, c->now, lock, d);
	}
	if (e == ERR_NOTFOUND) {
		api_device_not_found(c, ref);
		return -1;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	if ((vis = api_device_visible(c, d)) < 0)
		return -1;
	if (!vis) {
		api_device_not_found(c, ref);
		return -1;
	}
	return 0;
}

static void
reply_device(struct api_call *c, int status, const struct db_device *d)
{
	struct strbuf	sb;
	struct jw	w;

	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_render_device(&w, d);
	api_json(c, status, &sb);
}

static void
external_taken(struct api_call *c, const char *ext, int64_t other)
{
	api_failf(c, E_DEVICE_EXTERNAL_ID_TAKEN, "externalId \"%s\" is "
	    "already used by device %lld of this organization", ext,
	    (long long)other);
}

void
api_device_create(struct api_call *c)
{
	const struct dev_input	*in = api_dev_input_of(c);
	struct db_device	 d;
	char			 uuid[37];
	int64_t			 org = api_dev_input_org(c), id, other;
	enum err		 e;

	if ((c->role_bit & ROLE_ADMIN) && api_org_of_type(c, org, "Developer",
	    E_ORGANIZATION_NOT_DEVELOPER) != 0)
		return;
	d = in->v;
	if (in->yield_default && api_dev_yield_default(c, d.country_code,
	    &d.yield_value) != 0)
		return;
	d.org_id = org;
	d.created = d.updated = c->now;
	if (crypto_uuid_v4(uuid) != 0) {
		api_db_error(c, ERR_CRYPTO);
		return;
	}
	d.internal_external_id = uuid;
	if ((e = db_device_external_taken(c->db, org, d.external_id, &other)) ==
	    ERR_OK && other > 0) {
		external_taken(c, d.external_id, other);
		return;
	}
	if (e == ERR_OK)
		e = db_device_insert(c->db, &d, &id);
	if (e == ERR_CONFLICT && db_device_external_taken(c->db, org,
	    d.external_id, &other) == ERR_OK && other > 0) {
		external_taken(c, d.external_id, other);
		return;
	}
	if (e == ERR_OK)
		e = db_device_get(c->db, c->a, id, c->now, 0, &d);
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	http_add_header(c->req, "Location", arena_printf(c->a, "/api/device/%lld",
	    (long long)id));
	reply_device(c, 201, &d);
}

/* Sends devs as a bare array or as the paged object. */
static void
reply_list(struct api_call *c, const struct db_device *devs, int n,
    int paged, int64_t page, int64_t total, int bounded)
{
	struct strbuf	sb;
	struct jw	w;
	int		i;

	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	if (paged) {
		jw_obj_open(&w);
		jw_key(&w, "devices");
	}
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		api_render_device(&w, &devs[i]);
	jw_arr_close(&w);
	if (paged) {
		api_page_keys(&w, page, DEVICE_PAGE, total);
		if (bounded) {
			/* docs/api.md "Catalogue totals are bounded". */
			jw_key(&w, "totalCountIsLowerBound");
			jw_bool(&w, 1);
		}
		jw_obj_close(&w);
	}
	api_json(c, 200, &sb);
}

/* Lists with filters; paged when forced or a page parameter was sent. */
static void
device_list(struct api_call *c, int buyer_list)
{
	const struct device_list_in *q = c->in;
	struct db_device_filter	 f = q->f;
	struct db_device	*devs;
	int64_t			 page = q->page, total, off;
	int			 n, paged = buyer_list || q->paged;
	enum err		 e;

	if (f.after_id > 0)	/* a cursor: the first page after it */
		page = 1;
	if (buyer_list) {
		f.catalogue_only = 1;
		/* Count at most CATALOGUE_AHEAD devices past this page's
		 * offset: the cost of a page no longer grows with the table.
		 * The offset of the last page api_paging admits is near
		 * INT64_MAX: the cap saturates (issue 13, defect 6). */
		off = (page - 1) * DEVICE_PAGE;
		f.count_cap = off > INT64_MAX - CATALOGUE_AHEAD - 1 ? INT64_MAX :
		    off + CATALOGUE_AHEAD + 1;
	} else if (!(c->role_bit & ROLE_ADMIN))
		f.org_id = c->user.org.id;
	e = db_device_list(c->db, c->a, &f, c->now, paged ? DEVICE_PAGE : -1,
	    paged ? (page - 1) * DEVICE_PAGE : 0, &devs, &n, &total);
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	reply_list(c, devs, n, paged, page, total,
	    f.count_cap > 0 && total >= f.count_cap);
}

void
api_device_my(struct api_call *c)
{
	device_list(c, 0);
}

void
api_device_catalogue(struct api_call *c)
{
	device_list(c, 1);
}

void
api_device_get(struct api_call *c)
{
	struct db_device d;

	if (api_device_resolve(c, "id", 0, 0, &d) == 0)
		reply_device(c, 200, &d);
}

struct del {
	struct db_device	d;
	int			answered;	/* the body answered */
};

/*
 * The DELETE on the locked row, re-run by api_acct_tx on a deadlock or
 * certification failure; a broken rule is answered here (x->answered), a
 * database error returned unanswered (one inside api_device_resolve is
 * answered there, not retried).
 */
static enum err
delete_tx(struct api_call *c, void *arg)
{
	struct del	*x = arg;
	struct db_device *d = &x->d;
	enum err	 e;
	int		 held = 0, cert = 0;

	if (api_device_resolve(c, "id", 0, 1, d) != 0)
		goto answered;
	if ((e = db_device_held(c->db, d->id, &held)) != ERR_OK)
		return e;
	if (held) {
		api_failf(c, E_DEVICE_RESERVED, "Device %lld (%s) is held by "
		    "a reservation", (long long)d->id, d->external_id);
		goto answered;
	}
	if ((e = db_device_has_certified(c->db, d->id, 1, &cert)) != ERR_OK)
		return e;
	if (cert) {
		api_failf(c, E_DEVICE_CERTIFIED, "Device %lld (%s) has "
		    "certified meter reads", (long long)d->id, d->external_id);
		goto answered;
	}
	return db_device_delete(c->db, d->id);
answered:
	x->answered = 1;
	return ERR_NOTFOUND;
}

void
api_device_delete(struct api_call *c)
{
	struct del	x;
	struct strbuf	sb;
	struct jw	w;
	enum err	e;

	memset(&x, 0, sizeof(x));
	if (api_path_id(c, "id", &x.d.id) != 0)
		return;
	e = api_acct_tx(c, delete_tx, &x);
	if (x.answered)
		return;
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "success");
	jw_bool(&w, 1);
	jw_key(&w, "message");
	jw_str(&w, arena_printf(c->a, "Device %lld (%s) deleted",
	    (long long)x.d.id, x.d.external_id));
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}
