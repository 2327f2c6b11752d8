/*
 * Device list filters (devices.md §6.7, CONVENTIONS §8 filter grammar).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "domain/codes.h"
#include "api/api.h"
#include "api/inputs.h"
#include "api/devices.h"

#define LIST_MAX 50
#define DAY_MS 86400000LL

typedef const char *(*canon_fn)(const char *);

static const char *
canon_country(const char *s)
{
	const struct country *c = dom_codes_country(s);

	return c ? c->alpha3 : NULL;
}

static const char *
canon_fuel(const char *s)
{
	const struct code_entry *e = dom_codes_fuel(s);

	return e ? e->code : NULL;
}

static const char *
canon_type(const char *s)
{
	const struct code_entry *e = dom_codes_device_type(s);

	return e ? e->code : NULL;
}

/*
 * Collects the comma-separated values of the list parameter q (every
 * occurrence, JF_QUERY_ALL; empty ones skipped) into vals; returns the
 * count, or -1 when more than LIST_MAX.
 */
static int
values(struct arena *a, const struct jstr *q, const char **vals)
{
	char	*copy, *tok, *save;
	int	 n = 0;

	if (!q->present)
		return 0;
	copy = arena_strdup(a, q->v);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (*tok == '\0')
			continue;
		if (n == LIST_MAX)
			return -1;
		vals[n++] = tok;
	}
	return n;
}

/* A code-list filter → comma-joined canonical values, or NULL. */
static const char *
code_filter(struct api_call *c, const char *name, const struct jstr *q,
    canon_fn fn, const char *allowed, struct field_errors *fe)
{
	const char	*vals[LIST_MAX], *canon;
	struct strbuf	 sb;
	int		 n, i;

	if ((n = values(c->a, q, vals)) < 0) {
		http_field_error(c->a, fe, name, "has more than %d values", LIST_MAX);
		return NULL;
	}
	if (n == 0)
		return NULL;
	strbuf_init_arena(&sb, c->a);
	for (i = 0; i < n; i++) {
		if ((canon = fn(vals[i])) == NULL) {
			http_field_error(c->a, fe, name, "\"%.64s\" is not allowed; "
			    "allowed: %s", vals[i], allowed);
			return NULL;
		}
		if (i > 0)
			strbuf_putc(&sb, ',');
		strbuf_puts(&sb, canon);
	}
	return sb.buf;
}

static uint32_t
sdg_filter(struct api_call *c, const struct list_filter_q *q,
    struct field_errors *fe)
{
	const char	*vals[LIST_MAX * 2];
	const char	*name = q->sdg.present ? "SDGBenefits" : "sdgbenefit";
	uint32_t	 mask = 0;
	int		 n, m, i, k;

	if ((n = values(c->a, &q->sdg, vals)) < 0 ||
	    (m = values(c->a, &q->sdg2, vals + n)) < 0 || n + m > LIST_MAX) {
		http_field_error(c->a, fe, name, "has more than %d values", LIST_MAX);
		return 0;
	}
	for (i = 0; i < n + m; i++) {
		if ((k = dom_codes_sdg_from_filter(vals[i])) == 0) {
			http_field_error(c->a, fe, name, "\"%.64s\" is not allowed; "
			    "SDG1-SDG17, 1-17 or an SDG name", vals[i]);
			return 0;
		}
		mask |= 1u << (k - 1);
	}
	return mask;
}

/* A decimal >= 0 ("12", "0.5"); 0 ok. */
static int
decimal(const char *s, double *d)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n > 15)
		return -1;
	if (s[n] == '.') {
		size_t f = strspn(s + n + 1, "0123456789");

		if (f == 0 || s[n + 1 + f] != '\0')
			return -1;
	} else if (s[n] != '\0')
		return -1;
	*d = strtod(s, NULL);
	return 0;
}

/* The text of a single-valued parameter q, or NULL. */
static const char *
text(const struct jstr *q)
{
	return q->present ? q->v : NULL;
}

static void
capacity_filters(struct api_call *c, const struct list_filter_q *q,
    struct db_device_filter *f, struct field_errors *fe)
{
	const char	*mn = text(&q->min);
	const char	*mx = text(&q->max);
	const char	*cap = text(&q->cap);
	const char	*mxname = "maxCapacity";

	if (mx != NULL && cap != NULL) {
		http_field_error(c->a, fe, "capacity", "is an alias of maxCapacity; "
		    "send one of them");
		http_field_error(c->a, fe, "maxCapacity", "is also sent as capacity; "
		    "send one of them");
		return;
	}
	if (mx == NULL && cap != NULL) {
		mx = cap;
		mxname = "capacity";
	}
	if (mn != NULL) {
		if (decimal(mn, &f->min_kw) != 0)
			http_field_error(c->a, fe, "minCapacity", "\"%.32s\" is not "
			    "allowed; a decimal number of kW, 0 or more", mn);
		else
			f->has_min = 1;
	}
	if (mx != NULL) {
		if (decimal(mx, &f->max_kw) != 0)
			http_field_error(c->a, fe, mxname, "\"%.32s\" is not allowed; "
			    "a decimal number of kW, 0 or more", mx);
		else
			f->has_max = 1;
	}
	if (f->has_min && f->has_max && f->min_kw > f->max_kw) {
		http_field_error(c->a, fe, "minCapacity", "is greater than %s; "
		    "minCapacity <= %s", mxname, mxname);
		http_field_error(c->a, fe, mxname, "is less than minCapacity; "
		    "minCapacity <= %s", mxname);
	}
}

/* start_date s and end_date e (instant texts, NULL absent) into f. */
static void
date_filters(struct api_call *c, const char *s, const char *e,
    struct db_device_filter *f, struct field_errors *fe)
{
	int		 date_only = 0;

	if (s != NULL) {
		if (time_parse_instant_or_date(s, 1, &f->start, NULL) != 0)
			http_field_error(c->a, fe, "start_date", "\"%.40s\" is not "
			    "allowed; an instant or YYYY-MM-DD", s);
		else
			f->has_start = 1;
	}
	if (e != NULL) {
		if (time_parse_instant_or_date(e, 1, &f->end, &date_only) != 0)
			http_field_error(c->a, fe, "end_date", "\"%.40s\" is not "
			    "allowed; an instant or YYYY-MM-DD", e);
		else {
			f->has_end = 1;
			if (date_only)	/* the whole UTC day */
				f->end += DAY_MS - 1;
		}
	}
	if (f->has_start && f->has_end && f->start > f->end) {
		http_field_error(c->a, fe, "start_date", "is after end_date; "
		    "start_date <= end_date");
		http_field_error(c->a, fe, "end_date", "is before start_date; "
		    "start_date <= end_date");
	}
}

/* Query parameter name as a positive integer; 0 when absent or wrong. */
static int64_t
positive_id(struct api_call *c, const char *name, const struct jstr *q,
    const char *what, struct field_errors *fe)
{
	const char	*s;
	int64_t		 v;
	size_t		 n;

	if ((s = text(q)) == NULL)
		return 0;
	n = strlen(s);
	if (n < 1 || n > 18 || strspn(s, "0123456789") != n ||
	    (v = strtoll(s, NULL, 10)) < 1) {
		http_field_error(c->a, fe, name, "\"%.32s\" is not allowed; %s", s,
		    what);
		return 0;
	}
	return v;
}

void
api_device_filters_of(struct api_call *c, const struct list_filter_q *q,
    int allow_org, struct db_device_filter *f, struct field_errors *fe)
{
	char		 fuels[1024], types[1024], offt[512];
	const char	*g;

	memset(f, 0, sizeof(*f));
	f->grid = -1;
	dom_codes_list_text(CODES_FUEL, fuels, sizeof(fuels));
	dom_codes_list_text(CODES_DEVICE_TYPE, types, sizeof(types));
	dom_codes_list_text(CODES_OFFTAKER, offt, sizeof(offt));
	f->countries = code_filter(c, "country", &q->country, canon_country,
	    "ISO 3166-1 alpha-2 or alpha-3 codes (see /api/countrycode/list)",
	    fe);
	f->fuels = code_filter(c, "fuelCode", &q->fuel, canon_fuel, fuels, fe);
	f->types = code_filter(c, "deviceTypeCode", &q->type, canon_type, types,
	    fe);
	f->offtakers = code_filter(c, "offTaker", &q->offtaker, dom_codes_offtaker,
	    offt, fe);
	f->sdg_mask = sdg_filter(c, q, fe);
	capacity_filters(c, q, f, fe);
	date_filters(c, api_instant_text(c->a, text(&q->start)),
	    api_instant_text(c->a, text(&q->end)), f, fe);
	if ((g = text(&q->grid)) != NULL) {
		if (strcasecmp(g, "true") == 0)
			f->grid = 1;
		else if (strcasecmp(g, "false") == 0)
			f->grid = 0;
		else
			http_field_error(c->a, fe, "gridInterconnection", "\"%.16s\" is "
			    "not allowed; true or false", g);
	}
	/* docs/api.md: the keyset cursor, a device id. */
	f->after_id = positive_id(c, "after", &q->after,
	    "a device id (a positive integer)", fe);
	if (allow_org)
		f->org_id = positive_id(c, "organizationId", &q->org,
		    "a positive integer", fe);
}

void
api_list_common_filters_of(struct api_call *c, const struct list_filter_q *q,
    struct db_device_filter *f, struct field_errors *fe)
{
	char fuels[1024], offt[512];

	memset(f, 0, sizeof(*f));
	f->grid = -1;
	dom_codes_list_text(CODES_FUEL, fuels, sizeof(fuels));
	dom_codes_list_text(CODES_OFFTAKER, offt, sizeof(offt));
	f->countries = code_filter(c, "country", &q->country, canon_country,
	    "ISO 3166-1 alpha-2 or alpha-3 codes (see /api/countrycode/list)",
	    fe);
	f->fuels = code_filter(c, "fuelCode", &q->fuel, canon_fuel, fuels, fe);
	f->offtakers = code_filter(c, "offTaker", &q->offtaker, dom_codes_offtaker,
	    offt, fe);
	f->sdg_mask = sdg_filter(c, q, fe);
	date_filters(c, api_instant_text(c->a, text(&q->start)),
	    api_instant_text(c->a, text(&q->end)), f, fe);
}

void
api_list_date_filters_of(struct api_call *c, const struct jstr *start,
    const struct jstr *end, struct db_device_filter *f,
    struct field_errors *fe)
{
	memset(f, 0, sizeof(*f));
	f->grid = -1;
	date_filters(c, api_instant_text(c->a, text(start)),
	    api_instant_text(c->a, text(end)), f, fe);
}

static const struct jfield device_list_query[] = {
	LIST_COMMON_QUERY(struct device_list_in, lq),
	LIST_DEVICE_QUERY(struct device_list_in, lq),
	API_QPAGE(struct device_list_in, pq),
};

/* The device lists' query (devices.md §6.7); allow_org: organizationId. */
static void
device_list_check(struct api_call *c, struct device_list_in *q,
    int allow_org, struct field_errors *fe)
{
	api_device_filters_of(c, &q->lq, allow_org, &q->f, fe);
	api_paging_of(c, &q->pq, DEVICE_LIST_PAGE, 0, &q->page, &q->limit, fe);
	q->paged = q->pq.page.present || q->pq.page2.present;
}

static int
device_my_check(struct api_call *c, void *in, struct field_errors *fe)
{
	device_list_check(c, in, (c->role_bit & ROLE_ADMIN) != 0, fe);
	return 0;
}

static int
catalogue_check(struct api_call *c, void *in, struct field_errors *fe)
{
	device_list_check(c, in, 1, fe);
	return 0;
}

const struct api_input api_in_device_my = {
	.size = sizeof(struct device_list_in),
	.query = JTABLE(device_list_query, struct device_list_in),
	.code = E_INVALID_QUERY,
	.check = device_my_check,
	.doc = "Lists the caller's devices (an Admin: every device)",
};

const struct api_input api_in_device_catalogue = {
	.size = sizeof(struct device_list_in),
	.query = JTABLE(device_list_query, struct device_list_in),
	.code = E_INVALID_QUERY,
	.check = catalogue_check,
	.doc = "Lists the devices a buyer may reserve",
};
