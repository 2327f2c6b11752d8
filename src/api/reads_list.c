/*
 * Meter-read listings (meter-reads.md §3-5), the time-zone list (§6) and
 * the device resolution shared with ingestion.
 */
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "domain/reads.h"
#include "api/api.h"
#include "api/inputs.h"
#include "api/devices.h"
#include "api/reads.h"

#define PAGE 5
#define LIMIT_MAX 10000
#define DAY_MS 86400000LL

static void
not_visible(struct api_call *c, const char *ref)
{
	api_failf(c, E_DEVICE_NOT_FOUND, "No device \"%.140s\" whose reads "
	    "are visible to you", ref);
}

int
api_reads_device(struct api_call *c, int write, int64_t org_hint, int lock,
    struct db_device *d)
{
	const char	*ref = api_param(c, "id");
	char		*copy = arena_strdup(c->a, ref);
	int64_t		 org, id;
	size_t		 n = strlen(ref);
	enum err	 e = ERR_NOTFOUND;
	int		 yes = 0;

	org = org_hint ? org_hint : (c->role_bit & ROLES_DEVELOPER) ?
	    c->user.org.id : 0;
	if (org > 0 && n <= 128)
		e = db_device_by_external(c->db, c->a, org, ref, c->now, lock, d);
	if (e == ERR_NOTFOUND && api_uuid_text(copy))
		e = db_device_by_internal(c->db, c->a, copy, c->now, lock, d);
	if (e == ERR_NOTFOUND && n >= 1 && n <= 18 &&
	    strspn(ref, "0123456789") == n && (id = strtoll(ref, NULL, 10)) >= 1)
		e = db_device_get(c->db, c->a, id, c->now, lock, d);
	if (e == ERR_OK) {
		if (c->role_bit & ROLE_ADMIN)
			yes = 1;
		else if (c->role_bit & ROLES_DEVELOPER)
			yes = d->org_id == c->user.org.id;
		else if (!write)
			e = db_device_buyer_member(c->db, d->id, c->user.org.id,
			    &yes);
	}
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		api_db_error(c, e);
		return -1;
	}
	if (e == ERR_NOTFOUND || !yes) {
		not_visible(c, ref);
		return -1;
	}
	return 0;
}

/* The query of GET /api/meter-reads/:id and /new/:id (§3, §4). */
struct reads_q {
	struct jstr		start, end, limit, offset;	/* /:id, meterReads */
	struct jstr		type, acc, year, month;		/* /new/:id */
	struct api_pageq	pq;
	int64_t			s, e, lim, off;			/* reads_list_check */
};

#define READS_WINDOW							\
	{ "start", JT_STRING, 0, offsetof(struct reads_q, start), NULL,	\
	    .doc = "Required: reads ending after this instant" },	\
	{ "end", JT_STRING, 0, offsetof(struct reads_q, end), NULL,	\
	    .doc = "Required: reads ending at or before this instant" }

/* A required instant query parameter (§3). */
static void
instant_param(struct api_call *c, const char *name, const struct jstr *q,
    int64_t *ms, struct field_errors *fe)
{
	const char *v = api_instant_text(c->a, q->present ? q->v : NULL);

	if (v == NULL)
		http_field_error(c->a, fe, name, "is required; an instant such as "
		    "2024-06-01T00:00:00Z");
	else if (dom_read_timestamp(v, NULL, ms) != 0)
		http_field_error(c->a, fe, name, "\"%.40s\" is not a valid instant; "
		    "YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]", v);
}

/* An integer query parameter in [lo, hi] with a default. */
static int64_t
int_param(struct api_call *c, const char *name, const struct jstr *q,
    int64_t lo, int64_t hi, int64_t def, struct field_errors *fe)
{
	const char	*v = q->present ? q->v : NULL;
	size_t		 n;
	int64_t		 x;

	if (v == NULL)
		return def;
	n = strlen(v);
	if (n < 1 || n > 9 || strspn(v, "0123456789") != n ||
	    (x = strtoll(v, NULL, 10)) < lo || x > hi) {
		http_field_error(c->a, fe, name, "\"%.20s\" is not allowed; an integer "
		    "from %lld to %lld", v, (long long)lo, (long long)hi);
		return def;
	}
	return x;
}

/* start/end of §3 with start <= end; 0 ok. */
static int
window(struct api_call *c, const struct reads_q *q, int64_t *s, int64_t *e,
    struct field_errors *fe)
{
	instant_param(c, "start", &q->start, s, fe);
	instant_param(c, "end", &q->end, e, fe);
	if (fe->n == 0 && *s > *e) {
		char a[TIME_ISO_LEN], b[TIME_ISO_LEN];

		time_format_iso(*s, a);
		time_format_iso(*e, b);
		http_field_error(c->a, fe, "start", "start %s must not be after end %s",
		    a, b);
	}
	return fe->n;
}

static const struct jfield reads_list_query[] = {
	READS_WINDOW,
	{ "limit", JT_STRING, 0, offsetof(struct reads_q, limit), NULL,
	    .doc = "At most this many reads, 1-10000 (default 10000)" },
	{ "offset", JT_STRING, 0, offsetof(struct reads_q, offset), NULL,
	    .doc = "Skip this many reads (0-999999999; default 0)" },
};

static int
reads_list_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct reads_q *q = in;

	window(c, q, &q->s, &q->e, fe);
	q->lim = int_param(c, "limit", &q->limit, 1, LIMIT_MAX, LIMIT_MAX, fe);
	q->off = int_param(c, "offset", &q->offset, 0, 999999999, 0, fe);
	return 0;
}

const struct api_input api_in_reads_list = {
	.size = sizeof(struct reads_q),
	.query = JTABLE(reads_list_query, struct reads_q),
	.code = E_INVALID_QUERY,
	.check = reads_list_check,
	.doc = "A device's reads in a window",
};

/* readType answers first; the rest is checked after the device's 404. */
static const struct jfield reads_new_query[] = {
	{ "readType", JT_STRING, 0, offsetof(struct reads_q, type), NULL,
	    .doc = "Required: meterReads or accumulated" },
	READS_WINDOW,
	{ "accumulationType", JT_STRING, 0, offsetof(struct reads_q, acc),
	    NULL, .doc = "accumulated: Monthly or Yearly (required)" },
	{ "Year", JT_STRING, 0, offsetof(struct reads_q, year), NULL,
	    .doc = "accumulated: the year, 1970-9999 (required)" },
	{ "Month", JT_STRING, 0, offsetof(struct reads_q, month), NULL,
	    .doc = "accumulated Monthly: the month, 1-12 (required)" },
	API_QPAGE(struct reads_q, pq),
};

static int
reads_new_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct reads_q	*q = in;
	const char	*rt = q->type.present ? q->type.v : NULL;

	if (rt == NULL || (strcmp(rt, "meterReads") != 0 &&
	    strcmp(rt, "accumulated") != 0))
		http_field_error(c->a, fe, "readType", "must be meterReads or "
		    "accumulated");
	return 0;
}

const struct api_input api_in_reads_new = {
	.size = sizeof(struct reads_q),
	.query = JTABLE(reads_new_query, struct reads_q),
	.code = E_INVALID_QUERY,
	.check = reads_new_check,
	.doc = "A device's reads, paged or accumulated",
};

/*
 * {"timestamp":"<end>","value":<energy>} into out (>= 80 bytes), as
 * jw_obj_open/jw_key_instant/jw_int would write it: the ISO instant and the
 * integer need no escaping, and a list renders up to 10 000 of them.
 */
static const char *
read_item(int64_t end, int64_t energy, char *out)
{
	char		 t[TIME_ISO_LEN], d[24];
	uint64_t	 v = energy < 0 ? 0 - (uint64_t)energy : (uint64_t)energy;
	size_t		 n = 0;
	int		 k = (int)sizeof(d);

	time_format_iso(end, t);
	do {
		d[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (energy < 0)
		d[--k] = '-';
	memcpy(out, "{\"timestamp\":\"", 14);
	n = 14;
	memcpy(out + n, t, TIME_ISO_LEN - 1);
	n += TIME_ISO_LEN - 1;
	memcpy(out + n, "\",\"value\":", 10);
	n += 10;
	memcpy(out + n, d + k, sizeof(d) - (size_t)k);
	n += sizeof(d) - (size_t)k;
	out[n++] = '}';
	out[n] = '\0';
	return out;
}

void
api_reads_list(struct api_call *c)
{
	const struct reads_q	*q = c->in;
	struct db_device	 d;
	struct db_read_row	*rows;
	struct strbuf		 sb;
	struct jw		 w;
	int64_t			 s = q->s, e = q->e, limit = q->lim;
	int64_t			 offset = q->off;
	int			 n, i;
	enum err		 err;
	char			 item[96];

	if (api_reads_device(c, 0, 0, 0, &d) != 0)
		return;
	if ((err = db_reads_range(c->db, c->a, d.id, s, e, limit, offset, &rows,
	    &n)) != ERR_OK) {
		api_db_error(c, err);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		jw_raw(&w, read_item(rows[i].end, rows[i].energy, item));
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}

static void
page_items(struct jw *w, const char *key, const struct db_read_row *r, int n)
{
	int i;

	jw_key(w, key);
	jw_arr_open(w);
	for (i = 0; i < n; i++) {
		jw_obj_open(w);
		jw_key_instant(w, "startdate", r[i].start);
		jw_key_instant(w, "enddate", r[i].end);
		jw_key(w, "value");
		jw_int(w, r[i].energy);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* §4 readType=meterReads. */
static void
reads_paged(struct api_call *c, const struct db_device *d)
{
	const struct reads_q	*q = c->in;
	struct field_errors	 fe = { 0 };
	struct db_read_row	*hr, *or;
	struct strbuf		 sb;
	struct jw		 w;
	int64_t			 s = 0, e = 0, page, lim, ht, ot;
	int			 hn, on;
	enum err		 err;

	window(c, q, &s, &e, &fe);
	api_paging_of(c, &q->pq, PAGE, 0, &page, &lim, &fe);
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_QUERY, &fe);
		return;
	}
	if ((err = db_reads_page(c->db, c->a, d->id, 1, s, e, PAGE,
	    (page - 1) * PAGE, &hr, &hn, &ht)) != ERR_OK ||
	    (err = db_reads_page(c->db, c->a, d->id, 0, s, e, PAGE,
	    (page - 1) * PAGE, &or, &on, &ot)) != ERR_OK) {
		api_db_error(c, err);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	page_items(&w, "historyread", hr, hn);
	page_items(&w, "ongoing", or, on);
	jw_key(&w, "numberOfReads");
	jw_int(&w, ht + ot);
	jw_key(&w, "numberOfPages");
	jw_int(&w, ((ht > ot ? ht : ot) + PAGE - 1) / PAGE);
	jw_key(&w, "currentPageNumber");
	jw_int(&w, page);
	jw_key(&w, "timezone");
	jw_str(&w, api_device_zone(d));
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

/* Local midnight of y-m-d in zone, as an instant. */
static int64_t
local_midnight(const struct tz *z, int64_t y, unsigned m, unsigned d)
{
	int64_t local = time_days_from_civil(y, m, d) * DAY_MS;

	return z ? tz_local_to_utc(z, local) : local;
}

/* §4 readType=accumulated: local calendar days or months. */
static void
reads_accumulated(struct api_call *c, const struct db_device *d)
{
	const struct reads_q	*q = c->in;
	struct field_errors	 fe = { 0 };
	const char		*kind = q->acc.present ? q->acc.v : NULL;
	const struct tz		*z = tz_get(api_device_zone(d));
	struct db_read_row	*rows;
	struct strbuf		 sb;
	struct jw		 w;
	int64_t			 year, month = 1, bounds[33] = { 0 }, sum;
	int			 monthly, nb, i, k = 0, n;
	enum err		 err;

	monthly = kind != NULL && strcmp(kind, "Monthly") == 0;
	if (kind == NULL || (!monthly && strcmp(kind, "Yearly") != 0))
		http_field_error(c->a, &fe, "accumulationType", "must be Monthly or "
		    "Yearly");
	year = int_param(c, "Year", &q->year, 1970, 9999, -1, &fe);
	if (year < 0 && !http_field_has_error(&fe, "Year"))
		http_field_error(c->a, &fe, "Year", "is required; 1970-9999");
	if (monthly) {
		month = int_param(c, "Month", &q->month, 1, 12, -1, &fe);
		if (month < 0 && !http_field_has_error(&fe, "Month"))
			http_field_error(c->a, &fe, "Month", "is required; 1-12");
	}
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_QUERY, &fe);
		return;
	}
	if (monthly) {
		nb = (int)time_days_in_month(year, (unsigned)month);
		for (i = 0; i <= nb; i++)
			bounds[i] = i < nb ? local_midnight(z, year,
			    (unsigned)month, (unsigned)i + 1) : month == 12 ?
			    local_midnight(z, year + 1, 1, 1) :
			    local_midnight(z, year, (unsigned)month + 1, 1);
	} else {
		nb = 12;
		for (i = 0; i <= nb; i++)
			bounds[i] = i < 12 ? local_midnight(z, year,
			    (unsigned)i + 1, 1) : local_midnight(z, year + 1, 1, 1);
	}
	if ((err = db_reads_span(c->db, c->a, d->id, bounds[0], bounds[nb],
	    &rows, &n)) != ERR_OK) {
		api_db_error(c, err);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "aggregateType");
	jw_str(&w, monthly ? "Monthly" : "Yearly");
	jw_key(&w, "accumulatedReads");
	jw_arr_open(&w);
	for (i = 0; i < nb; i++) {
		for (sum = 0; k < n && rows[k].end < bounds[i + 1]; k++)
			sum += rows[k].energy;
		jw_obj_open(&w);
		jw_key_instant(&w, "startTime", bounds[i]);
		jw_key_instant(&w, "endTime", bounds[i + 1]);
		jw_key(&w, "value");
		jw_int(&w, sum);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "timezone");
	jw_str(&w, z ? tz_name(z) : "UTC");
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

void
api_reads_new(struct api_call *c)
{
	const struct reads_q	*q = c->in;
	struct db_device	 d;
	const char		*rt = q->type.v;	/* reads_new_check */

	if (api_reads_device(c, 0, 0, 0, &d) != 0)
		return;
	if (strcmp(rt, "meterReads") == 0)
		reads_paged(c, &d);
	else
		reads_accumulated(c, &d);
}

void
api_reads_latest(struct api_call *c)
{
	struct db_device	d;
	struct db_read_row	r;
	struct strbuf		sb;
	struct jw		w;
	enum err		e;
	int			buyer = !(c->role_bit & (ROLE_ADMIN |
				    ROLES_DEVELOPER));

	if (api_reads_device(c, 0, 0, 0, &d) != 0)
		return;
	if ((e = db_read_latest(c->db, d.id, &r)) == ERR_NOTFOUND) {
		api_failf(c, E_READ_NOT_FOUND, "Device \"%s\" has no Delta or "
		    "Aggregate reads", d.external_id);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	if (buyer) {
		jw_key(&w, "externalId");
		jw_str(&w, d.external_id);
		jw_key_instant(&w, "timestamp", r.end);
	} else
		jw_key_instant(&w, "enddate", r.end);
	jw_key(&w, "value");
	jw_int(&w, r.energy);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

/* GET /api/meter-reads/time-zones's query. */
struct tz_in {
	struct jstr	kw;
};

static const struct jfield tz_query[] = {
	{ "timezoneSearchKeyword", JT_STRING, 0, offsetof(struct tz_in, kw),
	    NULL, .doc = "Only time zones whose name contains it (any case)" },
};

const struct api_input api_in_time_zones = {
	.size = sizeof(struct tz_in),
	.query = JTABLE(tz_query, struct tz_in),
	.doc = "Lists the IANA time zone names",
};

void
api_time_zones(struct api_call *c)
{
	const char *const	*names;
	const struct tz_in	*q = c->in;
	const char		*kw = q->kw.present ? q->kw.v : NULL;
	struct strbuf		 sb;
	struct jw		 w;
	size_t			 n, i;

	names = tz_names(&n);
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		if (kw == NULL || strcasestr(names[i], kw) != NULL)
			jw_str(&w, names[i]);
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}
