/*
 * POST /api/meter-reads/new/:externalId and the Admin's addByAdmin twin
 * (meter-reads.md §1): envelope, device, one transaction in which the
 * device row is locked and bumped, idempotency, then the in-order batch
 * check of domain/reads and multi-row inserts.  A 201 is sent only after
 * COMMIT; a connection lost during COMMIT is resolved through the batch
 * token (§2).
 */
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "crypto/crypto.h"
#include "domain/reads.h"
#include "api/api.h"
#include "api/reads.h"
#include "api/inputs.h"

#define TRIES 3

/* One element of reads[] as sent (meter-reads.md §1.2). */
struct read_item {
	struct jval	start;		/* starttimestamp */
	struct jval	end;		/* endtimestamp */
	struct jval	value;
};

/* The body (the routes' .in), checked by the envelope step. */
struct reads_in {
	struct jval		 type;
	struct jval		 unit;
	struct jarr		 reads;		/* of struct read_item */
	struct jval		 timezone;
	/* The envelope, decoded. */
	enum read_type		 t;
	enum read_unit		 u;
	const struct tz		*zone;
	const char		*key;		/* Idempotency-Key or NULL */
	int64_t			 org;		/* addByAdmin's organization */
};

static const struct jfield item_fields[] = {
	{ "starttimestamp", JT_VALUE, 0, offsetof(struct read_item, start),
	    NULL, .doc = "Start of the interval (History: required; "
	    "Aggregate: format-checked only)" },
	{ "endtimestamp", JT_VALUE, 0, offsetof(struct read_item, end), NULL,
	    .doc = "End of the interval (an instant; the body's timezone "
	    "for one without an offset)" },
	{ "value", JT_VALUE, 0, offsetof(struct read_item, value), NULL,
	    .doc = "Energy (History, Delta) or meter counter (Aggregate) in "
	    "unit; a number, exact decimal" },
};
static const struct jtable item_table = JTABLE(item_fields,
    struct read_item);

/*
 * Every member is a JT_VALUE, so the table never refuses one: §1.2 step
 * 3's first failure answers, with its own code (envelope()).
 */
static const struct jfield reads_fields[] = {
	{ "type", JT_VALUE, 1, offsetof(struct reads_in, type), NULL,
	    .doc = "History, Delta or Aggregate" },
	{ "unit", JT_VALUE, 1, offsetof(struct reads_in, unit), NULL,
	    .doc = "Wh, kWh, MWh or GWh" },
	{ "reads", JT_ARRAY, 1, offsetof(struct reads_in, reads), NULL,
	    .flags = JF_ITEMS_QUIET, .items = &item_table,
	    .doc = "The reads, a non-empty array of objects (at most "
	    "meter_reads_max_batch)" },
	{ "timezone", JT_VALUE, 0, offsetof(struct reads_in, timezone), NULL,
	    .doc = "IANA zone of timestamps without an offset" },
};

struct ingest {
	struct api_call		*c;
	enum read_type		 type;
	enum read_unit		 unit;
	const struct read_item	*items;
	size_t			 n;
	const struct tz		*zone;
	const char		*key;		/* Idempotency-Key or NULL */
	unsigned char		 fp[32];	/* its fingerprint */
	struct dom_read		*r;
	struct db_device	 dev;
	char			*response;
	unsigned char		 token[16];
	int64_t			 org;		/* addByAdmin's organization */
};

/* Answers e with one message and details {field, index?}. */
static void
fail_at(struct api_call *c, enum ecode e, const char *field, int index,
    const char *msg)
{
	api_error_at(c, field, index);
	api_failf(c, e, "%s", msg);
}

/* A short printable rendering of a value for messages. */
static const char *
shown(struct api_call *c, const struct jval *v)
{
	if (!v->present)
		return "null";
	return arena_printf(c->a, "%.64s%s", v->text, strlen(v->text) > 64 ?
	    "..." : "");
}

/* What the message says was sent: "\"<value>\"" or nothing. */
static const char *
got(struct api_call *c, const struct jval *v)
{
	return v->present ? arena_printf(c->a, "\"%s\"", shown(c, v)) :
	    "nothing";
}

/*
 * §1.2 step 3: type, unit, reads, timezone; the first failure answers
 * (after addByAdmin's organizationId, §6, and the Idempotency-Key,
 * §1.10).  0, or answered and -1.
 */
static int
envelope(struct api_call *c, struct reads_in *in, int by_admin)
{
	const struct jval	*e;
	size_t			 n = in->reads.n;
	int			 k;

	if (by_admin && api_id_text(api_query(c, "organizationId"),
	    &in->org) != 0) {
		fail_at(c, E_INVALID_QUERY, "organizationId", -1,
		    "organizationId must be a positive integer naming a Developer "
		    "organization");
		return -1;
	}
	if (api_idem_key(c, &in->key) != 0)
		return -1;
	if (!http_json_val_text(&in->type) || (k = dom_read_type_parse(in->type.text)) <
	    0) {
		fail_at(c, E_INVALID_READ_TYPE, "type", -1, arena_printf(c->a,
		    "type must be one of History, Delta, Aggregate (got %s)",
		    got(c, &in->type)));
		return -1;
	}
	in->t = (enum read_type)k;
	if (!http_json_val_text(&in->unit) || (k = dom_read_unit_parse(in->unit.text)) <
	    0) {
		fail_at(c, E_INVALID_UNIT, "unit", -1, arena_printf(c->a,
		    "unit must be one of Wh, kWh, MWh, GWh (got %s)",
		    got(c, &in->unit)));
		return -1;
	}
	in->u = (enum read_unit)k;
	if (!in->reads.present || n == 0) {
		fail_at(c, E_INVALID_READS, "reads", -1,
		    "reads must be a non-empty array of objects");
		return -1;
	}
	if (n > (size_t)c->ctx->cfg->meter_reads_max_batch) {
		fail_at(c, E_TOO_MANY_READS, "reads", -1, arena_printf(c->a,
		    "reads holds %zu reads; at most %d", n,
		    c->ctx->cfg->meter_reads_max_batch));
		return -1;
	}
	if (in->reads.bad != 0) {
		fail_at(c, E_INVALID_READS, "reads", (int)in->reads.bad - 1,
		    arena_printf(c->a, "reads[%zu] must be an object",
		    in->reads.bad - 1));
		return -1;
	}
	e = &in->timezone;
	if (e->present && !(e->kind == JK_STRING && e->len == 0) &&
	    (!http_json_val_text(e) || (in->zone = tz_get(e->text)) == NULL)) {
		fail_at(c, E_INVALID_TIMEZONE, "timezone", -1,
		    arena_printf(c->a, "timezone \"%s\" is not a known IANA time "
		    "zone", shown(c, e)));
		return -1;
	}
	return 0;
}

static int
check_post(struct api_call *c, void *in, struct field_errors *fe)
{
	(void)fe;
	return envelope(c, in, 0);
}

static int
check_admin(struct api_call *c, void *in, struct field_errors *fe)
{
	(void)fe;
	return envelope(c, in, 1);
}

const struct api_input api_in_reads = {
	.size = sizeof(struct reads_in),
	.body = JTABLE(reads_fields, struct reads_in),
	.check = check_post,
	.doc = "A batch of meter reads of one device (meter-reads.md §1)",
};

const struct api_input api_in_reads_admin = {
	.size = sizeof(struct reads_in),
	.body = JTABLE(reads_fields, struct reads_in),
	.check = check_admin,
	.doc = "A batch of meter reads for a device of organizationId "
	    "(meter-reads.md §6)",
};

/* Phase A of read i: fills r from the decoded item (errors kept in r). */
static void
parse_read(struct ingest *g, size_t i, struct dom_read *r)
{
	struct api_call		*c = g->c;
	const struct read_item	*o = &g->items[i];
	const struct jval	*ts[2] = { &o->start, &o->end };
	const char		*name[2] = { "starttimestamp", "endtimestamp" };
	int64_t			*dst[2] = { &r->start, &r->end };
	int			 have[2] = { 0, 0 }, k;
	enum value_status	 vs;

	memset(r, 0, sizeof(*r));
	for (k = 0; k < 2; k++) {
		if (!ts[k]->present ||
		    (ts[k]->kind == JK_STRING && ts[k]->len == 0)) {
			/* Absent: required for History; end always. */
			if (k == 1 || g->type == READ_HISTORY) {
				r->a_code = "TIMESTAMP_REQUIRED";
				r->a_field = name[k];
				r->a_message = arena_printf(c->a, "reads[%zu].%s is "
				    "required for %s reads", i, name[k],
				    dom_read_type_name(g->type));
				return;
			}
			continue;
		}
		if (!http_json_val_text(ts[k]) ||
		    dom_read_timestamp(ts[k]->text, g->zone, dst[k]) != 0) {
			r->a_code = "INVALID_TIMESTAMP";
			r->a_field = name[k];
			r->a_message = arena_printf(c->a, "reads[%zu].%s \"%s\" is "
			    "not a valid date-time", i, name[k], shown(c, ts[k]));
			return;
		}
		have[k] = 1;
	}
	/* Aggregate: the start is format-checked but unused. */
	r->has_start = have[0] && g->type != READ_AGGREGATE;
	r->a_field = "value";
	if (!o->value.present) {
		r->a_code = "INVALID_VALUE";
		r->a_message = arena_printf(c->a, "reads[%zu].value is required", i);
		return;
	}
	if (o->value.kind != JK_NUMBER)
		vs = VALUE_NOT_NUMBER;
	else
		vs = dom_value_wh(o->value.text, g->unit, &r->value_wh);
	if (vs != VALUE_OK || r->value_wh < 0 ||
	    (g->type != READ_AGGREGATE && r->value_wh <= 0)) {
		r->a_code = "INVALID_VALUE";
		if (vs == VALUE_OK && r->value_wh == 0 && g->type != READ_AGGREGATE)
			r->a_message = arena_printf(c->a, "reads[%zu].value %s is 0 "
			    "Wh after conversion", i, shown(c, &o->value));
		else
			r->a_message = arena_printf(c->a, "reads[%zu].value must be "
			    "a number %s 0 (got %s)", i, g->type == READ_AGGREGATE ?
			    ">=" : ">", shown(c, &o->value));
		return;
	}
	r->a_field = NULL;
}

/* The 201 body of §1.11. */
static char *
success_body(struct ingest *g)
{
	struct strbuf	 sb;
	struct jw	 w;
	char		 t[TIME_ISO_LEN];
	int64_t		 first = INT64_MAX, last = INT64_MIN, sum = 0;
	size_t		 i;

	for (i = 0; i < g->n; i++) {
		if (g->r[i].out_end < first)
			first = g->r[i].out_end;
		if (g->r[i].out_end > last)
			last = g->r[i].out_end;
		sum += g->r[i].energy_wh;
	}
	strbuf_init_arena(&sb, g->c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "deviceId");
	jw_int(&w, g->dev.id);
	jw_key(&w, "externalId");
	jw_str(&w, g->dev.external_id);
	jw_key(&w, "type");
	jw_str(&w, dom_read_type_name(g->type));
	jw_key(&w, "stored");
	jw_int(&w, (int64_t)g->n);
	jw_key(&w, "firstEndTimestamp");
	time_format_iso(first, t);
	jw_str(&w, t);
	jw_key(&w, "lastEndTimestamp");
	time_format_iso(last, t);
	jw_str(&w, t);
	jw_key(&w, "energyWh");
	jw_int(&w, sum);
	jw_obj_close(&w);
	return sb.buf;
}

static void
reply_201(struct api_call *c, const char *body, int replayed)
{
	struct strbuf sb = { (char *)body, strlen(body), 0, NULL };

	if (replayed)
		http_add_header(c->req, "Idempotent-Replayed", "true");
	api_json(c, 201, &sb);
}

/* §1.10: SHA-256(decoded path NUL normalised query NUL raw body). */
static int
cmp_pair(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;
	int d = strcmp(x[0], y[0]);

	return d ? d : strcmp(x[1], y[1]);
}

static void
fingerprint(struct ingest *g)
{
	struct api_call	*c = g->c;
	const char	*(*pairs)[2];
	struct strbuf	 sb;
	int		 i;

	char		*segs[ROUTE_MAX_SEGS];
	int		 n;

	strbuf_init_arena(&sb, c->a);
	/* The decoded path: "/" + each decoded segment. */
	n = http_router_split(c->a, c->req->path, segs, ROUTE_MAX_SEGS);
	for (i = 0; i < n; i++) {
		strbuf_putc(&sb, '/');
		strbuf_puts(&sb, segs[i]);
	}
	strbuf_putc(&sb, '\0');
	pairs = arena_alloc(c->a, sizeof(*pairs) * (size_t)(c->query.n + 1));
	for (i = 0; i < c->query.n; i++) {
		pairs[i][0] = c->query.name[i];
		pairs[i][1] = c->query.value[i];
	}
	qsort(pairs, (size_t)c->query.n, sizeof(*pairs), cmp_pair);
	for (i = 0; i < c->query.n; i++) {
		if (i > 0)
			strbuf_putc(&sb, '&');
		strbuf_printf(&sb, "%s=%s", pairs[i][0], pairs[i][1]);
	}
	strbuf_putc(&sb, '\0');
	strbuf_append(&sb, c->raw_body, c->raw_len);
	crypto_sha256(sb.buf, sb.len, g->fp);
}

/* details of 409 READ_TYPE_MISMATCH: both types (§1.2). */
static void
mismatch_details(struct jw *w, const void *arg)
{
	const struct ingest *g = arg;

	jw_key(w, "deviceReadType");
	jw_str(w, g->dev.meter_read_type);
	jw_key(w, "requestReadType");
	jw_str(w, dom_read_type_name(g->type));
}

static void
reply_type_mismatch(const struct ingest *g)
{
	api_error_details(g->c, mismatch_details, g);
	api_failf(g->c, E_READ_TYPE_MISMATCH, "Device \"%s\" takes %s "
	    "reads, not %s", g->dev.external_id, g->dev.meter_read_type,
	    dom_read_type_name(g->type));
}

void
api_reads_fail_details(struct jw *wp, const struct dom_read_fail *f,
    const int *rows)
{
	struct jw	*w = wp;
	char		 t[TIME_ISO_LEN];

	if (f->details & DF_CONFLICT) {
		time_format_iso(f->t1, t);
		jw_key(w, "conflictingStart");
		jw_str(w, t);
		time_format_iso(f->t2, t);
		jw_key(w, "conflictingEnd");
		jw_str(w, t);
		if (f->conflict_index >= 0) {
			jw_key(w, rows ? "conflictingRow" : "conflictingIndex");
			jw_int(w, rows ? rows[f->conflict_index] :
			    f->conflict_index);
		}
	}
	if (f->details & DF_PREV_END) {
		time_format_iso(f->t1, t);
		jw_key(w, "endTimestamp");
		jw_str(w, t);
		time_format_iso(f->t2, t);
		jw_key(w, "previousEndTimestamp");
		jw_str(w, t);
	}
	if (f->details & DF_COUNTER) {
		jw_key(w, "counterWh");
		jw_int(w, f->counter);
		jw_key(w, "previousCounterWh");
		jw_int(w, f->prev_counter);
	}
	if (f->details & DF_PLAUSIBLE) {
		jw_key(w, "energyWh");
		jw_int(w, f->energy);
		jw_key(w, "maxWh");
		jw_int(w, f->max);
		jw_key(w, "hours");
		jw_double(w, f->hours);
		time_format_iso(f->istart, t);
		jw_key(w, "intervalStart");
		jw_str(w, t);
		time_format_iso(f->iend, t);
		jw_key(w, "intervalEnd");
		jw_str(w, t);
	}
}

/* details of a batch failure (§1.2 step 7): field, index, the rest. */
static void
fail_details(struct jw *w, const void *arg)
{
	const struct dom_read_fail *f = arg;

	jw_key(w, "field");
	jw_str(w, f->field);
	jw_key(w, "index");
	jw_int(w, f->index);
	api_reads_fail_details(w, f, NULL);
}

static void
reply_fail(struct api_call *c, const struct dom_read_fail *f)
{
	api_error_details(c, fail_details, f);
	api_failf(c, f->err, "%s", f->message);
}

enum outcome { OUT_DONE, OUT_RETRY, OUT_COMMIT_LOST };

/* The device state of §1.2 step 7 for the batch. */
static enum err
load_state(struct ingest *g, struct dom_read_state *st)
{
	struct api_call		*c = g->c;
	struct db_prev_read	 p;
	int64_t			 lo = INT64_MAX, hi = INT64_MIN;
	size_t			 i;
	enum err		 e;

	memset(st, 0, sizeof(*st));
	st->onboarding = g->dev.created;
	st->commissioning = g->dev.commissioning;
	st->capacity_kw = g->dev.capacity;
	st->yield = g->dev.yield_value;
	st->now = c->now;
	st->skew_ms = (int64_t)c->ctx->cfg->skew_s * 1000;
	if (g->type != READ_HISTORY) {
		if ((e = db_read_prev(c->db, g->dev.id, &p)) != ERR_OK)
			return e;
		st->has_prev = p.have;
		st->prev_end = p.end;
		st->prev_counter = p.counter;
		return ERR_OK;
	}
	for (i = 0; i < g->n; i++)
		if (g->r[i].a_code == NULL && g->r[i].has_start) {
			if (g->r[i].start < lo)
				lo = g->r[i].start;
			if (g->r[i].end > hi)
				hi = g->r[i].end;
		}
	if (lo > hi)
		return ERR_OK;
	return db_read_history_near(c->db, c->a, g->dev.id, lo, hi,
	    (struct dom_interval **)&st->history, &st->nhistory);
}

/* One attempt of steps 5-8 in a transaction. */
static enum outcome
attempt(struct ingest *g, enum err *ep)
{
	struct api_call		*c = g->c;
	struct db_batch		 b;
	struct dom_read_state	 st;
	struct dom_read_fail	 f;
	int64_t			 batch;
	enum err		 e;

	if ((e = db_begin_read_committed(c->db)) != ERR_OK)
		goto dberr;
	if (api_reads_device(c, 1, g->org, 1, &g->dev) != 0)
		goto done;
	if ((e = db_device_bump(c->db, g->dev.id)) != ERR_OK)
		goto dberr;
	if (g->key != NULL) {
		e = db_batch_by_key(c->db, c->a, c->user.id, g->key, g->fp, &b);
		if (e == ERR_OK && b.created > c->now -
		    c->ctx->cfg->idempotency_ttl_s * 1000) {
			db_rollback(c->db);
			if (b.same_fingerprint)
				reply_201(c, b.response, 1);
			else
				api_failf(c, E_IDEMPOTENCY_KEY_REUSED,
				    "Idempotency-Key \"%s\" was used for a "
				    "different request", g->key);
			return OUT_DONE;
		}
		if (e == ERR_OK)	/* expired: forget it */
			e = db_batch_clear_key(c->db, b.id);
		if (e != ERR_OK && e != ERR_NOTFOUND)
			goto dberr;
	}
	if (g->type != READ_HISTORY && g->dev.meter_read_type != NULL &&
	    strcmp(g->dev.meter_read_type, dom_read_type_name(g->type)) != 0) {
		reply_type_mismatch(g);
		goto done;
	}
	if ((e = load_state(g, &st)) != ERR_OK)
		goto dberr;
	if (dom_reads_check(c->a, g->type, &st, g->r, g->n, &f) != 0) {
		reply_fail(c, &f);
		goto done;
	}
	g->response = success_body(g);
	if ((e = db_batch_insert(c->db, g->token, g->dev.id, c->user.id, g->key,
	    g->key ? g->fp : NULL, g->response, c->now, &batch)) != ERR_OK ||
	    (e = db_reads_insert(c->db, g->dev.id, batch, g->type, g->r, g->n,
	    c->now)) != ERR_OK)
		goto dberr;
	if (g->type != READ_HISTORY && g->dev.meter_read_type == NULL &&
	    (e = db_device_set_read_type(c->db, g->dev.id,
	    dom_read_type_name(g->type))) != ERR_OK)
		goto dberr;
	if ((e = db_commit(c->db)) != ERR_OK) {
		*ep = e;
		return e == ERR_UNAVAILABLE ? OUT_COMMIT_LOST : OUT_RETRY;
	}
	reply_201(c, g->response, 0);
	return OUT_DONE;
dberr:
	db_rollback(c->db);
	*ep = e;
	/* A concurrent twin with the same key committed first: replay. */
	if (e == ERR_DEADLOCK || (e == ERR_CONFLICT &&
	    strcmp(db_conflict_key(c->db), "uq_meter_read_batch_idem") == 0))
		return OUT_RETRY;
	api_db_error(c, e);
	return OUT_DONE;
done:
	db_rollback(c->db);
	return OUT_DONE;
}

/*
 * The connection died during COMMIT: ask a fresh connection whether the
 * batch landed (§2).  Found: 201; absent: 503; unreachable: 503 with
 * details.outcome "unknown".
 */
static void
unknown_details(struct jw *w, const void *arg)
{
	(void)arg;
	jw_key(w, "outcome");
	jw_str(w, "unknown");
}

static void
commit_lost(struct ingest *g)
{
	struct api_call	*c = g->c;
	struct db_conn	*db;
	const char	*resp;
	enum err	 e = ERR_UNAVAILABLE;

	db_pool_put(c->ctx->pool, c->db);
	c->db = db = db_pool_get(c->ctx->pool);
	if (db != NULL)
		e = db_batch_by_token(db, c->a, g->token, &resp);
	if (e == ERR_OK) {
		reply_201(c, resp, 0);
		return;
	}
	if (e == ERR_NOTFOUND) {
		api_db_error(c, ERR_UNAVAILABLE);
		return;
	}
	api_error_details(c, unknown_details, NULL);
	api_failf(c, E_DB_UNAVAILABLE, "The database was lost during "
	    "COMMIT; the outcome is unknown. Retry with the same "
	    "Idempotency-Key");
}

/* addByAdmin (§6): the organization named in the query exists. */
static int
admin_org_check(struct ingest *g)
{
	return api_org_of_type(g->c, g->org, "Developer",
	    E_ORGANIZATION_NOT_DEVELOPER);
}

static void
ingest(struct api_call *c, int by_admin)
{
	const struct reads_in	*in = c->in;
	struct ingest	g;
	enum outcome	o = OUT_RETRY;
	enum err	e = ERR_OK;
	size_t		i;
	int		t;

	memset(&g, 0, sizeof(g));
	g.c = c;
	g.type = in->t;
	g.unit = in->u;
	g.zone = in->zone;
	g.key = in->key;
	g.org = in->org;
	g.items = in->reads.v;
	g.n = in->reads.n;
	if (by_admin && admin_org_check(&g) != 0)
		return;
	g.r = arena_alloc(c->a, sizeof(*g.r) * g.n);
	for (i = 0; i < g.n; i++)
		parse_read(&g, i, &g.r[i]);
	if (g.key != NULL)
		fingerprint(&g);
	if (crypto_random(g.token, sizeof(g.token)) != 0) {
		api_db_error(c, ERR_CRYPTO);
		return;
	}
	for (t = 0; t < TRIES && o == OUT_RETRY; t++) {
		if (t > 0)	/* forget the results of the last try */
			for (i = 0; i < g.n; i++)
				g.r[i].baseline = 0;
		o = attempt(&g, &e);
	}
	if (o == OUT_COMMIT_LOST)
		commit_lost(&g);
	else if (o == OUT_RETRY)
		api_db_error(c, e);
}

int
api_reads_dry_run(struct api_call *c, const struct dom_read_state *st,
    const struct db_device *dev, struct dom_read **r, size_t *n,
    struct dom_read_fail *f)
{
	const struct reads_in	*in = c->in;
	struct dom_read_state	 s = *st;
	struct ingest		 g;
	size_t			 i;

	memset(&g, 0, sizeof(g));
	g.c = c;
	g.type = in->t;
	g.unit = in->u;
	g.zone = in->zone;
	g.items = in->reads.v;
	g.n = in->reads.n;
	g.dev = *dev;
	g.r = arena_alloc(c->a, sizeof(*g.r) * g.n);
	for (i = 0; i < g.n; i++)
		parse_read(&g, i, &g.r[i]);
	*r = g.r;
	*n = g.n;
	if (g.type == READ_HISTORY)
		s.has_prev = 0;
	if (dom_reads_check(c->a, g.type, &s, g.r, g.n, f) != 0) {
		reply_fail(c, f);
		return -1;
	}
	reply_201(c, success_body(&g), 0);
	return 0;
}

void
api_reads_post(struct api_call *c)
{
	ingest(c, 0);
}

void
api_reads_post_admin(struct api_call *c)
{
	ingest(c, 1);
}
