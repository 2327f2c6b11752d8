/*
 * A read item of a bulk job (integrators.md §5.4): one device's rows, in
 * one transaction with the device row locked.  Empty and zero values are
 * skipped, rows identical to stored reads dropped, the rest is one
 * meter-reads §1 batch checked by domain/reads like a JSON batch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "crypto/crypto.h"
#include "domain/reads.h"
#include "api/api.h"
#include "api/bulk_run.h"
#include "api/reads.h"

struct rrow {
	int		 row;
	const char	*end, *value, *start, *unit;
};

struct counts {
	int64_t	stored, skipped, duplicate, energy;
};

void
api_bulk_item_fail(struct item_out *out, const char *field, enum ecode e,
    const char *message)
{
	struct jw w;

	out->status = "Failed";
	strbuf_reset(&out->result);
	jw_init(&w, &out->result);
	jw_obj_open(&w);
	jw_key(&w, "errors");
	jw_arr_open(&w);
	jw_obj_open(&w);
	jw_key(&w, "field");
	jw_str(&w, field);
	jw_key(&w, "code");
	jw_str(&w, ecode_code(e));
	jw_key(&w, "message");
	jw_str(&w, message ? message : ecode_message(e));
	jw_obj_close(&w);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

/* The counters and errors of a read item (errors: raw JSON or NULL). */
static void
read_result(struct item_out *out, const struct counts *k, const char *errors)
{
	struct jw w;

	strbuf_reset(&out->result);
	jw_init(&w, &out->result);
	jw_obj_open(&w);
	jw_key(&w, "readsStored");
	jw_int(&w, k->stored);
	jw_key(&w, "readsSkipped");
	jw_int(&w, k->skipped);
	jw_key(&w, "readsDuplicate");
	jw_int(&w, k->duplicate);
	jw_key(&w, "energyWh");
	jw_int(&w, k->energy);
	jw_key(&w, "errors");
	jw_raw(&w, errors ? errors : "[]");
	jw_obj_close(&w);
}

/* The failure of dom_reads_check with row for index (§5.4 step 4). */
static char *
fail_json(struct arena *a, const struct dom_read_fail *f, int row,
    const int *rows)
{
	struct strbuf	 sb;
	struct jw	 w;
	const char	*msg, *p;

	strbuf_init_arena(&sb, a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	jw_obj_open(&w);
	jw_key(&w, "field");
	jw_str(&w, f->field);
	jw_key(&w, "code");
	jw_str(&w, f->code);
	jw_key(&w, "message");
	/* The batch's "reads[i]: " becomes the row. */
	msg = f->message;
	if (strncmp(msg, "reads[", 6) == 0 && (p = strstr(msg, "]: ")) != NULL)
		msg = p + 3;
	else if (strncmp(msg, "reads[", 6) == 0 && (p = strchr(msg, ']')) !=
	    NULL)
		msg = p + 1 + (p[1] == '.');
	jw_str(&w, arena_printf(a, "row %d: %s", row, msg));
	jw_key(&w, "row");
	jw_int(&w, row);
	api_reads_fail_details(&w, f, rows);
	jw_obj_close(&w);
	jw_arr_close(&w);
	return sb.buf;
}

/* The item's rows from its JSON input. */
static int
rows_of(struct arena *a, const char *input, struct rrow **rows, size_t *n)
{
	struct json_object	*o, *r, *v;
	size_t			 i;
	int			 k;
	const char		**dst[4];

	if ((o = json_tokener_parse(input)) == NULL ||
	    !json_object_is_type(o, json_type_array)) {
		json_object_put(o);
		return -1;
	}
	*n = json_object_array_length(o);
	*rows = arena_alloc(a, sizeof(**rows) * (*n + 1));
	for (i = 0; i < *n; i++) {
		r = json_object_array_get_idx(o, i);
		(*rows)[i].row = json_object_get_int(
		    json_object_array_get_idx(r, 0));
		dst[0] = &(*rows)[i].end;
		dst[1] = &(*rows)[i].value;
		dst[2] = &(*rows)[i].start;
		dst[3] = &(*rows)[i].unit;
		for (k = 0; k < 4; k++) {
			v = json_object_array_get_idx(r, (size_t)k + 1);
			*dst[k] = json_object_is_type(v, json_type_string) ?
			    arena_strdup(a, json_object_get_string(v)) : NULL;
		}
	}
	json_object_put(o);
	return 0;
}

/* CONVENTIONS §6 resolution of ext in org, locked. */
static enum err
device_of(struct job_run *x, const char *ext, struct db_device *d)
{
	char		*copy = arena_strdup(x->a, ext);
	int64_t		 id;
	enum err	 e;

	e = db_device_by_external(x->db, x->a, x->job->org_id, ext, x->now, 1,
	    d);
	if (e == ERR_NOTFOUND && api_uuid_text(copy))
		e = db_device_by_internal(x->db, x->a, copy, x->now, 1, d);
	else if (e == ERR_NOTFOUND && api_id_text(ext, &id) == 0)
		e = db_device_get(x->db, x->a, id, x->now, 1, d);
	if (e == ERR_OK && d->org_id != x->job->org_id)
		e = ERR_NOTFOUND;
	return e;
}

/* Phase A of one row into r; 1 when the row is skipped (empty/zero). */
static int
parse_row(struct job_run *x, enum read_type type, const struct tz *zone,
    const struct rrow *w, struct dom_read *r)
{
	const char		*unit = w->unit ? w->unit : x->job->read_unit ?
				    x->job->read_unit : "Wh";
	enum value_status	 vs;
	int			 u;

	memset(r, 0, sizeof(*r));
	if (w->value == NULL)
		return 1;
	if (w->end == NULL || dom_read_timestamp(w->end, zone, &r->end) != 0) {
		r->a_code = w->end ? "INVALID_TIMESTAMP" : "TIMESTAMP_REQUIRED";
		r->a_field = "endtimestamp";
		r->a_message = arena_printf(x->a, "endtimestamp \"%s\" is not "
		    "a valid date-time", w->end ? w->end : "");
		return 0;
	}
	if (type == READ_HISTORY && (w->start == NULL ||
	    dom_read_timestamp(w->start, zone, &r->start) != 0)) {
		r->a_code = w->start ? "INVALID_TIMESTAMP" : "TIMESTAMP_REQUIRED";
		r->a_field = "starttimestamp";
		r->a_message = arena_printf(x->a, "starttimestamp \"%s\" is "
		    "required for History reads and must be a date-time",
		    w->start ? w->start : "");
		return 0;
	}
	r->has_start = type == READ_HISTORY;
	if ((u = dom_read_unit_parse(unit)) < 0) {
		r->a_code = "INVALID_UNIT";
		r->a_field = "unit";
		r->a_message = arena_printf(x->a, "unit \"%s\" is not one of "
		    "Wh, kWh, MWh, GWh", unit);
		return 0;
	}
	vs = dom_value_wh(w->value, (enum read_unit)u, &r->value_wh);
	if (vs != VALUE_OK || r->value_wh < 0) {
		r->a_code = "INVALID_VALUE";
		r->a_field = "value";
		r->a_message = arena_printf(x->a, "value \"%s\" is not a number "
		    ">= 0", w->value);
		return 0;
	}
	return type != READ_AGGREGATE && r->value_wh == 0;
}

/* 1 when r equals a stored read (§5.4 step 3). */
static int
duplicate(enum read_type type, const struct dom_read *r,
    const struct db_read_key *k, int nk)
{
	int i;

	for (i = 0; i < nk; i++) {
		if (k[i].end != r->end)
			continue;
		if (type == READ_HISTORY && strcmp(k[i].type, "History") == 0 &&
		    k[i].start == r->start && k[i].energy == r->value_wh)
			return 1;
		if (type == READ_DELTA && strcmp(k[i].type, "Delta") == 0 &&
		    k[i].energy == r->value_wh)
			return 1;
		if (type == READ_AGGREGATE && k[i].counter == r->value_wh)
			return 1;
	}
	return 0;
}

/* The device state of meter-reads §1.2 step 7 (as reads_ingest.c). */
static enum err
state_of(struct job_run *x, enum read_type type, const struct db_device *d,
    const struct dom_read *r, size_t n, struct dom_read_state *st)
{
	struct db_prev_read	p;
	int64_t			lo = INT64_MAX, hi = INT64_MIN;
	size_t			i;
	enum err		e;

	memset(st, 0, sizeof(*st));
	st->onboarding = d->created;
	st->commissioning = d->commissioning;
	st->capacity_kw = d->capacity;
	st->yield = d->yield_value;
	st->now = x->now;
	st->skew_ms = (int64_t)x->ctx->cfg->skew_s * 1000;
	if (type != READ_HISTORY) {
		if ((e = db_read_prev(x->db, d->id, &p)) != ERR_OK)
			return e;
		st->has_prev = p.have;
		st->prev_end = p.end;
		st->prev_counter = p.counter;
		return ERR_OK;
	}
	for (i = 0; i < n; i++)
		if (r[i].a_code == NULL) {
			lo = r[i].start < lo ? r[i].start : lo;
			hi = r[i].end > hi ? r[i].end : hi;
		}
	if (lo > hi)
		return ERR_OK;
	return db_read_history_near(x->db, x->a, d->id, lo, hi,
	    (struct dom_interval **)&st->history, &st->nhistory);
}

/* The batch's §1.11 summary, recorded with it. */
static char *
summary(struct job_run *x, const struct db_device *d, enum read_type type,
    const struct dom_read *r, size_t n, int64_t energy)
{
	struct strbuf	 sb;
	struct jw	 w;
	char		 t1[TIME_ISO_LEN], t2[TIME_ISO_LEN], *out;
	int64_t		 first = INT64_MAX, last = INT64_MIN;
	size_t		 i;

	for (i = 0; i < n; i++) {
		first = r[i].out_end < first ? r[i].out_end : first;
		last = r[i].out_end > last ? r[i].out_end : last;
	}
	time_format_iso(first, t1);
	time_format_iso(last, t2);
	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_str(&w, d->external_id);
	out = arena_printf(x->a, "{\"deviceId\":%lld,\"externalId\":%s,"
	    "\"type\":\"%s\",\"stored\":%zu,\"firstEndTimestamp\":\"%s\","
	    "\"lastEndTimestamp\":\"%s\",\"energyWh\":%lld}", (long long)d->id,
	    sb.buf, dom_read_type_name(type), n, t1, t2, (long long)energy);
	strbuf_cleanup(&sb);
	return out;
}

enum err
api_bulk_read_item(struct job_run *x, const struct db_item *it,
    struct item_out *out)
{
	const struct config	*cfg = x->ctx->cfg;
	enum read_type		 type = dom_read_type_parse(x->job->read_type);
	const struct tz		*zone = x->job->read_timezone ?
				    tz_get(x->job->read_timezone) : NULL;
	struct counts		 k = { 0, 0, 0, 0 };
	struct rrow		*rows;
	struct dom_read		*r;
	struct dom_read_state	 st;
	struct dom_read_fail	 f;
	struct db_read_key	*keys = NULL;
	struct db_device	 d;
	unsigned char		 token[16];
	int			*rowno;
	int64_t			 lo = INT64_MAX, hi = INT64_MIN, batch;
	size_t			 n, i, m = 0;
	int			 nk = 0;
	enum err		 e;

	if (rows_of(x->a, it->input, &rows, &n) != 0)
		return ERR_DB;
	if ((e = device_of(x, it->external_id, &d)) == ERR_NOTFOUND) {
		read_result(out, &k, fail_json(x->a, &(struct dom_read_fail){
		    .field = "externalId", .code = "DEVICE_NOT_FOUND",
		    .message = arena_printf(x->a, "externalId \"%s\" is not a "
		    "device of organization %lld", it->external_id,
		    (long long)x->job->org_id) }, (int)it->first_row, NULL));
		out->status = "Failed";
		return ERR_OK;
	}
	if (e != ERR_OK)
		return e;
	out->device_id = d.id;
	if (n > (size_t)cfg->meter_reads_max_batch) {
		read_result(out, &k, fail_json(x->a, &(struct dom_read_fail){
		    .field = "externalId", .code = "TOO_MANY_READS",
		    .message = arena_printf(x->a, "device %s has %zu rows; at "
		    "most %d per device and file", it->external_id, n,
		    cfg->meter_reads_max_batch) }, (int)it->first_row, NULL));
		out->status = "Failed";
		return ERR_OK;
	}
	r = arena_alloc(x->a, sizeof(*r) * (n + 1));
	rowno = arena_alloc(x->a, sizeof(*rowno) * (n + 1));
	for (i = 0; i < n; i++) {
		if (parse_row(x, type, zone, &rows[i], &r[m])) {
			k.skipped++;
			continue;
		}
		if (r[m].a_code == NULL) {
			lo = r[m].end < lo ? r[m].end : lo;
			hi = r[m].end > hi ? r[m].end : hi;
		}
		rowno[m++] = rows[i].row;
	}
	if (lo <= hi && (e = db_reads_same_end(x->db, x->a, d.id, lo, hi,
	    &keys, &nk)) != ERR_OK)
		return e;
	for (i = n = 0; i < m; i++) {
		if (r[i].a_code == NULL && duplicate(type, &r[i], keys, nk)) {
			k.duplicate++;
			continue;
		}
		rowno[n] = rowno[i];
		r[n++] = r[i];
	}
	if (n == 0) {
		out->status = "Skipped";
		read_result(out, &k, NULL);
		return ERR_OK;
	}
	if ((e = db_device_bump(x->db, d.id)) != ERR_OK)
		return e;
	if (type != READ_HISTORY && d.meter_read_type != NULL &&
	    strcmp(d.meter_read_type, dom_read_type_name(type)) != 0) {
		read_result(out, &k, fail_json(x->a, &(struct dom_read_fail){
		    .field = "type", .code = "READ_TYPE_MISMATCH",
		    .message = arena_printf(x->a, "device \"%s\" takes %s reads, "
		    "not %s", d.external_id, d.meter_read_type,
		    dom_read_type_name(type)) }, rowno[0], NULL));
		out->status = "Failed";
		return ERR_OK;
	}
	if ((e = state_of(x, type, &d, r, n, &st)) != ERR_OK)
		return e;
	if (dom_reads_check(x->a, type, &st, r, n, &f) != 0) {
		read_result(out, &k, fail_json(x->a, &f, rowno[f.index], rowno));
		out->status = "Failed";
		return ERR_OK;
	}
	for (i = 0; i < n; i++)
		k.energy += r[i].energy_wh;
	k.stored = (int64_t)n;
	if (crypto_random(token, sizeof(token)) != 0)
		return ERR_CRYPTO;
	if ((e = db_batch_insert(x->db, token, d.id, x->job->user_id, NULL,
	    NULL, summary(x, &d, type, r, n, k.energy), x->now, &batch)) !=
	    ERR_OK || (e = db_reads_insert(x->db, d.id, batch, type, r, n,
	    x->now)) != ERR_OK)
		return e;
	if (type != READ_HISTORY && d.meter_read_type == NULL &&
	    (e = db_device_set_read_type(x->db, d.id,
	    dom_read_type_name(type))) != ERR_OK)
		return e;
	out->status = "Succeeded";
	out->reads_stored = k.stored;
	read_result(out, &k, NULL);
	return ERR_OK;
}
