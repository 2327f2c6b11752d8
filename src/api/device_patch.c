/*
 * PATCH /api/device/:externalId (devices.md §6.4): a partial update with
 * the fact locks of steps 3-5, in one transaction on the locked row.
 */
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "domain/codes.h"
#include "api/api.h"
#include "api/device_input.h"
#include "api/devices.h"

static int
str_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/*
 * Copies each field the body set from in into m; returns a bitmask of
 * the fields whose value changed (1 << enum dev_field).
 */
static unsigned
merge(const struct dev_input *in, const struct db_device *d,
    struct db_device *m)
{
	const struct db_device	*v = &in->v;
	unsigned		 ch = 0;

#define STR(f, member) \
	if (in->set[f] && str_differs(v->member, d->member)) { \
		m->member = v->member; ch |= 1u << f; }
#define NUM(f, member) \
	if (in->set[f] && v->member != d->member) { \
		m->member = v->member; ch |= 1u << f; }
	STR(DF_EXTERNAL_ID, external_id);
	STR(DF_PROJECT_NAME, project_name);
	STR(DF_ADDRESS, address);
	STR(DF_LATITUDE, latitude);
	STR(DF_LONGITUDE, longitude);
	STR(DF_COUNTRY, country_code);
	STR(DF_FUEL, fuel_code);
	STR(DF_TYPE, device_type_code);
	NUM(DF_CAPACITY, capacity);
	NUM(DF_COMMISSIONING, commissioning);
	NUM(DF_GRID, grid);
	STR(DF_OFFTAKER, off_taker);
	NUM(DF_YIELD, yield_value);
	STR(DF_IMPACT, impact_story);
	STR(DF_IMAGES, images);
	STR(DF_DESCRIPTION, device_description);
	NUM(DF_STORAGE, energy_storage);
	if (in->set[DF_ESC] && (v->has_esc != d->has_esc ||
	    (v->has_esc && v->esc != d->esc))) {
		m->has_esc = v->has_esc;
		m->esc = v->esc;
		ch |= 1u << DF_ESC;
	}
	STR(DF_QUALITY, quality_labels);
	NUM(DF_SDG, sdg);
#undef STR
#undef NUM
	return ch;
}

/* Step 2: the zone against the resulting country. 0 ok. */
static int
zone_step(struct api_call *c, struct dev_input *in, const struct db_device *d,
    struct db_device *m, unsigned *ch)
{
	struct field_errors	 fe = { 0 };
	const struct country	*ct = dom_codes_country(m->country_code);
	const char		*before = api_device_zone(d);

	if (ct == NULL)
		return 0;
	if (in->set[DF_TIMEZONE]) {
		struct db_device probe = *m;

		if (in->timezone_raw != NULL &&
		    api_dev_input_check_zone(c, in, ct, &fe) != 0) {
			api_fail_fields(c, E_INVALID_FIELD, &fe);
			return -1;
		}
		/* Only a change of the effective zone is stored. */
		probe.timezone = in->timezone_raw ? in->v.timezone : NULL;
		if (strcmp(api_device_zone(&probe), before) != 0)
			m->timezone = probe.timezone;
	} else if (d->timezone != NULL && !dom_codes_country_has_zone(ct,
	    d->timezone, NULL))
		m->timezone = NULL;	/* the new country does not list it */
	if (str_differs(m->timezone, d->timezone) ||
	    strcmp(api_device_zone(m), before) != 0)
		*ch |= 1u << DF_TIMEZONE;
	return 0;
}

/*
 * Steps 3-5; 0 when the write may go ahead.  -1 with *dbe ERR_OK: answered
 * (the request breaks a rule); -1 with another *dbe: a database error, not
 * answered (a deadlock re-runs the transaction).
 */
static int
fact_steps(struct api_call *c, const struct db_device *d,
    const struct db_device *m, unsigned ch, enum err *dbe)
{
	const unsigned	 facts = 1u << DF_COUNTRY | 1u << DF_FUEL |
			    1u << DF_TYPE | 1u << DF_CAPACITY | 1u << DF_YIELD;
	struct field_errors fe = { 0 };
	int64_t		 other;
	int		 yes;
	enum err	 e;

	if (ch & (1u << DF_COMMISSIONING)) {
		if (m->commissioning > d->created) {
			http_field_error(c->a, &fe, "commissioningDate", "is after the "
			    "device's onboarding; at most its createdAt");
			api_fail_fields(c, E_INVALID_FIELD, &fe);
			return -1;
		}
		if ((e = db_device_has_reads(c->db, d->id, &yes)) != ERR_OK)
			goto dberr;
		if (yes) {
			api_failf(c, E_DEVICE_HAS_READS, "commissioningDate of "
			    "device %s cannot change: it has meter reads",
			    d->external_id);
			return -1;
		}
	}
	if (ch & facts) {
		if ((e = db_device_held(c->db, d->id, &yes)) != ERR_OK)
			goto dberr;
		if (yes) {
			api_failf(c, E_DEVICE_RESERVED, "Device %s is held by "
			    "a reservation; its country, fuel, type, capacity and "
			    "yield cannot change", d->external_id);
			return -1;
		}
		if ((e = db_device_has_certified(c->db, d->id, 0, &yes)) != ERR_OK)
			goto dberr;
		if (yes) {
			api_failf(c, E_DEVICE_CERTIFIED, "Device %s has "
			    "certified reads; its country, fuel, type, capacity and "
			    "yield cannot change", d->external_id);
			return -1;
		}
	}
	if ((ch & (1u << DF_EXTERNAL_ID)) &&
	    strcasecmp(m->external_id, d->external_id) != 0) {
		if ((e = db_device_external_taken(c->db, d->org_id,
		    m->external_id, &other)) != ERR_OK)
			goto dberr;
		if (other > 0 && other != d->id) {
			api_failf(c, E_DEVICE_EXTERNAL_ID_TAKEN, "externalId "
			    "\"%s\" is already used by device %lld of this "
			    "organization", m->external_id, (long long)other);
			return -1;
		}
	}
	return 0;
dberr:
	*dbe = e;
	return -1;
}

struct patch {
	struct dev_input	*in;
	struct db_device	 d, m;		/* stored, and as patched */
	unsigned		 ch;		/* fields changed (merge) */
	int			 answered;	/* the body answered */
};

/*
 * The whole PATCH on the locked row, re-run from the locking read by
 * api_acct_tx on a deadlock or certification failure.  A broken rule is
 * answered here (x->answered, ERR_NOTFOUND rolls back); a database error
 * is returned unanswered.  A database error inside api_device_resolve or
 * api_dev_yield_default is answered there (503), not retried.
 */
static enum err
patch_tx(struct api_call *c, void *arg)
{
	struct patch		*x = arg;
	struct dev_input	*in = x->in;
	enum err		 e = ERR_OK;

	if (api_device_resolve(c, "id", 1, 1, &x->d) != 0)
		goto answered;
	x->m = x->d;
	x->ch = merge(in, &x->d, &x->m);
	/* integrators.md §7: an explicit null or 0 takes the default. */
	if (in->set[DF_YIELD] && in->yield_default) {
		if (api_dev_yield_default(c, x->m.country_code,
		    &x->m.yield_value) != 0)
			goto answered;
		x->ch = x->m.yield_value != x->d.yield_value ?
		    x->ch | 1u << DF_YIELD : x->ch & ~(1u << DF_YIELD);
	}
	if (zone_step(c, in, &x->d, &x->m, &x->ch) != 0)
		goto answered;
	if (fact_steps(c, &x->d, &x->m, x->ch, &e) != 0) {
		if (e != ERR_OK)
			return e;
		goto answered;
	}
	if (x->ch == 0)
		return ERR_OK;
	x->m.updated = c->now;
	e = db_device_update(c->db, &x->m);
	if (e == ERR_CONFLICT) {
		api_failf(c, E_DEVICE_EXTERNAL_ID_TAKEN, "externalId "
		    "\"%s\" is already used by another device of this "
		    "organization", x->m.external_id);
		goto answered;
	}
	if (e == ERR_OK)
		e = db_device_get(c->db, c->a, x->d.id, c->now, 0, &x->m);
	return e;
answered:
	x->answered = 1;
	return ERR_NOTFOUND;
}

void
api_device_patch(struct api_call *c)
{
	struct patch	 x;
	struct strbuf	 sb;
	struct jw	 w;
	enum err	 e;

	memset(&x, 0, sizeof(x));
	x.in = api_dev_input_of(c);
	e = api_acct_tx(c, patch_tx, &x);
	if (x.answered)
		return;
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_render_device(&w, x.ch ? &x.m : &x.d);
	api_json(c, 200, &sb);
}
