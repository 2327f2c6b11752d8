/*
 * One issuer pass (certificates.md §4, §6): plan per reservation with
 * dom_issue_plan(), apply each step in its own lease-checked transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/jsonw.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "crypto/crypto.h"
#include "crypto/ledger.h"
#include "db/db.h"
#include "domain/issuance.h"
#include "domain/ledger.h"
#include "issuer/issuer.h"

/*
 * Candidate reads planned at once (issue 19): a pass loads and plans a
 * reservation in chunks of whole windows holding at most this many reads
 * (dom_issue_input.until), so that its memory does not grow with the
 * number of reads.  A single window with more reads is loaded whole.
 */
#define CHUNK_READS 20000
/* Bounds of "no bound" for the candidate range, in ms. */
#define FAR_PAST 0
#define FAR_FUTURE 253402300799000LL	/* 9999-12-31T23:59:59Z */

enum apply { APPLY_OK, APPLY_STALE, APPLY_LEASE_LOST, APPLY_DBERR };

struct pass {
	struct db_conn		*db;
	const struct config	*cfg;
	const struct issuer_key	*key;
	int64_t			 now;
	char			 holder[96];
	int64_t			 token;
	struct issuer_summary	*sum;
};

static int
push(int64_t **v, size_t *n, size_t *cap, int64_t x)
{
	int64_t *nv;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		if ((nv = realloc(*v, *cap * sizeof(*nv))) == NULL)
			return -1;
		*v = nv;
	}
	(*v)[(*n)++] = x;
	return 0;
}

static void
state_of(const struct db_reservation *r, struct dom_resv_state *s)
{
	int st = dom_resv_status_parse(r->status);

	s->status = st < 0 ? RESV_ACTIVE : (enum dom_resv_status)st;
	s->issued_wh = r->issued_wh;
	s->certificate_count = r->cert_count;
	s->issued_through = r->has_issued_through ? r->issued_through :
	    DOM_NO_TIME;
	s->closed_at = r->closed ? r->closed_at : DOM_NO_TIME;
}

static int
same_state(const struct dom_resv_state *a, const struct dom_resv_state *b)
{
	return a->status == b->status && a->issued_wh == b->issued_wh &&
	    a->certificate_count == b->certificate_count &&
	    a->issued_through == b->issued_through &&
	    a->closed_at == b->closed_at;
}

/* Inserts the certificate of step s (ledger head locked; reads locked as
 * they are marked). */
static enum apply
certify(struct pass *p, struct arena *a, const struct db_reservation *r,
    const struct dom_planned_cert *pc, int64_t *cert_id, enum err *e)
{
	struct dom_cert_record	 rec;
	struct db_certificate	 c;
	struct db_cert_device	*d;
	struct crypto_seal	 seal;
	const char		*last_hash;
	char			 uid[37], owner[DOM_OWNER_MAX];
	int64_t			 last_id, n;
	size_t			 i;

	/*
	 * The reads are not locked first: db_cert_reads_mark below locks
	 * them as it certifies them and counts the ones still uncertified,
	 * and a stale step rolls back whole.  A separate SELECT ... FOR
	 * UPDATE over the same id lists cost MariaDB a second pass over
	 * every read of the pass (bench/issuance).
	 */
	if ((*e = db_ledger_head(p->db, a, 1, &last_id, &last_hash)) !=
	    ERR_OK)
		return APPLY_DBERR;
	if (crypto_uuid_v4(uid) != 0) {
		*e = ERR_CRYPTO;
		return APPLY_DBERR;
	}
	dom_cert_record_from_plan(a, pc, &rec);
	dom_cert_owner(r->blockchain, r->org_id, owner);
	rec.id = last_id + 1;
	rec.buyer_organization_id = r->org_id;
	rec.transaction_uid = uid;
	rec.issued_at = p->now;
	rec.key_id = p->key->key_id;
	rec.owner = owner;
	rec.prev_hash = last_hash;
	rec.reservation_id = r->id;
	rec.reservation_uid = r->uid;
	if (crypto_ledger_seal(p->key->key, &rec, &seal) != 0) {
		*e = ERR_CRYPTO;
		return APPLY_DBERR;
	}
	memset(&c, 0, sizeof(c));
	c.id = rec.id;
	c.reservation_id = r->id;
	c.reservation_uid = r->uid;
	c.buyer_org_id = r->org_id;
	c.transaction_uid = uid;
	c.country_code = rec.country_code;
	c.kind = dom_cert_kind_name(rec.kind);
	c.late = rec.late;
	c.energy_wh = rec.energy_wh;
	c.excess_wh = rec.excess_wh;
	c.generation_start = rec.generation_start;
	c.generation_end = rec.generation_end;
	c.window_start = rec.window_start;
	c.window_end = rec.window_end;
	c.issued_at = rec.issued_at;
	c.owner = owner;
	c.version = rec.version;
	c.key_id = rec.key_id;
	c.prev_hash = last_hash;
	c.hash = seal.hash;
	c.signature = seal.signature;
	if ((*e = db_cert_insert(p->db, &c)) != ERR_OK)
		return APPLY_DBERR;
	/* All device rows in multi-row statements, not one per device. */
	d = arena_alloc(a, sizeof(*d) * (pc->nparts + 1));
	memset(d, 0, sizeof(*d) * (pc->nparts + 1));
	for (i = 0; i < pc->nparts; i++) {
		d[i].certificate_id = c.id;
		d[i].device_id = pc->parts[i].device->id;
		d[i].external_id = pc->parts[i].device->external_id;
		d[i].internal_external_id =
		    pc->parts[i].device->internal_external_id;
		d[i].read_count = pc->parts[i].read_count;
		d[i].wh = pc->parts[i].wh;
		d[i].start = pc->parts[i].start;
		d[i].end = pc->parts[i].end;
	}
	if ((*e = db_cert_devices_insert(p->db, d, pc->nparts)) != ERR_OK)
		return APPLY_DBERR;
	if ((*e = db_cert_reads_mark(p->db, c.id, pc->read_ids, pc->nreads,
	    &n)) != ERR_OK)
		return APPLY_DBERR;
	if (n != (int64_t)pc->nreads)
		return APPLY_STALE;
	if ((*e = db_ledger_head_set(p->db, c.id, seal.hash)) != ERR_OK)
		return APPLY_DBERR;
	*cert_id = c.id;
	return APPLY_OK;
}

/* One step of one reservation (step_tx) and how it ended. */
struct step_run {
	struct pass			*p;
	int64_t				 res_id;
	const struct dom_issue_step	*s;
	struct arena			*a;
	enum apply			 out;
	int64_t				 cert_id;
};

/*
 * The step's transaction (§6).  x->out says why it rolled back: a stale
 * reservation or a lost lease return ERR_NOTFOUND (not retried).
 */
static enum err
step_tx(struct db_conn *db, void *arg)
{
	struct step_run			*x = arg;
	struct pass			*p = x->p;
	const struct dom_issue_step	*s = x->s;
	struct db_reservation		 r;
	struct dom_resv_state		 now_state;
	enum err			 e;
	int				 ok;

	x->out = APPLY_DBERR;
	x->cert_id = 0;
	if ((e = db_lease_renew(db, p->holder, p->token,
	    p->cfg->issuer_lease_seconds, &ok)) != ERR_OK)
		return e;
	if (!ok) {
		x->out = APPLY_LEASE_LOST;
		return ERR_NOTFOUND;
	}
	if ((e = db_res_get(db, x->a, x->res_id, 1, &r)) != ERR_OK) {
		if (e == ERR_NOTFOUND)
			x->out = APPLY_STALE;
		return e;
	}
	state_of(&r, &now_state);
	if (!same_state(&now_state, &s->before)) {
		x->out = APPLY_STALE;
		return ERR_NOTFOUND;
	}
	if (s->kind == STEP_CERTIFICATE && (x->out = certify(p, x->a, &r,
	    &s->cert, &x->cert_id, &e)) != APPLY_OK)
		return x->out == APPLY_DBERR && e != ERR_OK ? e : ERR_NOTFOUND;
	x->out = APPLY_DBERR;
	if ((e = db_res_issue_state(db, x->res_id, s->after.issued_wh,
	    s->after.certificate_count, s->after.issued_through != DOM_NO_TIME,
	    s->after.issued_through, dom_resv_status_name(s->after.status),
	    s->after.closed_at != DOM_NO_TIME, s->after.closed_at, p->now)) !=
	    ERR_OK)
		return e;
	if (s->lower_memberships_to != DOM_NO_TIME &&
	    (e = db_res_member_lower(db, x->res_id,
	    s->lower_memberships_to)) != ERR_OK)
		return e;
	return ERR_OK;
}

/* One step in one transaction, with deadlock retries (db_tx_retry). */
static enum apply
apply_step(struct pass *p, int64_t res_id, const struct dom_issue_step *s,
    enum err *e)
{
	struct step_run	x = { p, res_id, s, NULL, APPLY_DBERR, 0 };

	if ((x.a = arena_new()) == NULL) {
		*e = ERR_NOMEM;
		return APPLY_DBERR;
	}
	if ((*e = db_tx_retry(p->db, step_tx, &x)) == ERR_OK) {
		x.out = APPLY_OK;
		if (x.cert_id > 0 && push(&p->sum->cert_ids, &p->sum->ncerts,
		    &p->sum->cap_certs, x.cert_id) != 0)
			log_error(NULL, "issuer: out of memory for the summary");
	} else if (x.out != APPLY_DBERR)
		*e = ERR_OK;
	arena_free(x.a);
	return x.out;
}

/*
 * Loads the planner's inputs for one reservation: the candidate reads that
 * end in [from, until) (until DOM_NO_TIME: no bound), at most limit of
 * them; *more = the limit was exceeded (the chunk is too big).  limit 0
 * loads the reservation only.
 */
static enum err
load(struct pass *p, struct arena *a, int64_t id, int64_t from,
    int64_t until, int64_t limit, struct dom_issue_reservation *res,
    struct dom_issue_input *in, int *more)
{
	struct db_reservation	 r;
	struct db_member	*m;
	struct db_issue_read	*rows;
	struct dom_membership	*ms;
	struct dom_issue_read	*rd;
	struct dom_device_facts	*dev;
	int			 nm, nr, i, f;
	enum err		 e;

	if ((e = db_res_get(p->db, a, id, 0, &r)) != ERR_OK)
		return e;
	memset(res, 0, sizeof(*res));
	res->id = r.id;
	f = dom_frequency_parse(r.frequency);
	res->period.freq = f < 0 ? FREQ_DAILY : (enum dom_frequency)f;
	res->period.start = r.start;
	res->period.end = r.end;
	res->expiry = r.expiry;
	res->target_wh = r.target_wh;
	res->authority_to_exceed = r.authority;
	state_of(&r, &res->state);
	*more = 0;
	if (limit == 0)		/* the reservation only */
		return ERR_OK;
	if ((e = db_res_members(p->db, a, id, 0, &m, &nm)) != ERR_OK)
		return e;
	if ((e = db_issue_reads(p->db, a, id,
	    p->now - (int64_t)p->cfg->issuer_settle_seconds * 1000, r.expiry,
	    from, until == DOM_NO_TIME ? FAR_FUTURE : until, limit + 1, &rows,
	    &nr)) != ERR_OK)
		return e;
	if ((*more = nr > limit))
		return ERR_OK;
	ms = arena_alloc(a, sizeof(*ms) * (size_t)(nm + 1));
	rd = arena_alloc(a, sizeof(*rd) * (size_t)(nr + 1));
	dev = arena_alloc(a, sizeof(*dev) * (size_t)(nr + 1));
	if (ms == NULL || rd == NULL || dev == NULL)
		return ERR_NOMEM;
	for (i = 0; i < nm; i++) {
		ms[i].device_id = m[i].device_id;
		ms[i].from = m[i].from;
		ms[i].to = m[i].to;
	}
	for (i = 0; i < nr; i++) {
		dev[i].id = rows[i].device_id;
		dev[i].external_id = rows[i].external_id;
		dev[i].internal_external_id = rows[i].internal_external_id;
		dev[i].country_code = rows[i].country_code;
		rd[i].id = rows[i].id;
		rd[i].device = &dev[i];
		f = dom_read_type_parse(rows[i].type);
		rd[i].type = f < 0 ? READ_DELTA : (enum read_type)f;
		rd[i].start = rows[i].start;
		rd[i].end = rows[i].end;
		rd[i].wh = rows[i].wh;
		rd[i].baseline = rows[i].baseline;
		rd[i].created_at = rows[i].created;
		rd[i].certificate_id = 0;
	}
	memset(in, 0, sizeof(*in));
	in->reservation = res;
	in->memberships = ms;
	in->nmemberships = (size_t)nm;
	in->reads = rd;
	in->nreads = (size_t)nr;
	in->now = p->now;
	in->settle_s = p->cfg->issuer_settle_seconds;
	in->until = until;
	return ERR_OK;
}

static void
count_step(struct pass *p, int64_t res_id, const struct dom_issue_step *s)
{
	struct issuer_summary *sum = p->sum;

	sum->windows_issued += s->windows_issued;
	if (s->kind == STEP_CERTIFICATE) {
		sum->energy_wh += s->cert.energy_wh;
		sum->excess_wh += s->cert.excess_wh;
		sum->reads_certified += (int64_t)s->cert.nreads;
	}
	if (s->events & DOM_EV_ENDED)
		(void)push(&sum->ended, &sum->nended, &sum->cap_ended, res_id);
	if (s->events & DOM_EV_COMPLETED)
		(void)push(&sum->completed, &sum->ncompleted,
		    &sum->cap_completed, res_id);
}

/*
 * Plans and applies the windows of one chunk.  *go = 0 when the
 * reservation is done for this pass (stale, completed or not processable).
 */
static enum apply
apply_plan(struct pass *p, struct arena *a, int64_t id,
    const struct dom_issue_input *in, int *go, enum err *e)
{
	struct dom_issue_plan	 plan;
	enum apply		 out = APPLY_OK;
	size_t			 i;

	if (dom_issue_plan(a, in, &plan) != 0) {
		log_error(NULL, "issuer: reservation %lld: inconsistent input, "
		    "skipped", (long long)id);
		*go = 0;
		return APPLY_OK;
	}
	for (i = 0; i < plan.nsteps; i++) {
		out = apply_step(p, id, &plan.steps[i], e);
		if (out == APPLY_STALE) {	/* changed under us: next pass */
			*go = 0;
			return APPLY_OK;
		}
		if (out != APPLY_OK) {
			*go = 0;
			return out;
		}
		count_step(p, id, &plan.steps[i]);
		if (plan.steps[i].events & DOM_EV_COMPLETED)
			*go = 0;
	}
	return APPLY_OK;
}

/*
 * Plans and applies one reservation, in chunks of whole windows of at most
 * CHUNK_READS candidate reads: the first chunk also takes every read that
 * ends before the period (late reads of issued windows are candidates
 * too), the last one every read after it.  The number of windows per chunk
 * halves when a chunk has too many reads and doubles when it has few.
 * Returns APPLY_OK (done or skipped as stale), APPLY_LEASE_LOST or
 * APPLY_DBERR (abort the pass).
 */
static enum apply
one_reservation(struct pass *p, int64_t id, enum err *e)
{
	struct arena			*a;
	struct dom_issue_reservation	 res;
	struct dom_issue_input		 in;
	struct dom_window		 w;
	enum apply			 out = APPLY_OK;
	int64_t				 from = FAR_PAST, until, n = 0, span = 64;
	int				 go = 1, more, last;

	while (go && out == APPLY_OK) {
		if ((a = arena_new()) == NULL) {
			*e = ERR_NOMEM;
			return APPLY_DBERR;
		}
		if ((*e = load(p, a, id, 0, DOM_NO_TIME, 0, &res, &in,
		    &more)) != ERR_OK || !dom_resv_processable(&res.state)) {
			out = *e == ERR_OK || *e == ERR_NOTFOUND ? APPLY_OK :
			    APPLY_DBERR;
			arena_free(a);
			break;
		}
		/* Windows n .. n + span - 1; the last chunk is unbounded. */
		last = n + span >= dom_window_count(&res.period);
		until = DOM_NO_TIME;
		if (!last && dom_window_at(&res.period, n + span, &w) == 0)
			until = w.start;
		arena_reset(a);
		if ((*e = load(p, a, id, from, until, span > 1 ? CHUNK_READS :
		    INT32_MAX, &res, &in, &more)) != ERR_OK) {
			out = APPLY_DBERR;
			arena_free(a);
			break;
		}
		if (more) {			/* too many reads: fewer windows */
			span /= 2;
			arena_free(a);
			continue;
		}
		out = apply_plan(p, a, id, &in, &go, e);
		arena_free(a);
		if (last)
			break;
		from = until;
		n += span;
		if (in.nreads < CHUNK_READS / 4 && span < ((int64_t)1 << 20))
			span *= 2;
	}
	return out;
}

static void
holder_name(char *out, size_t len)
{
	char		host[64] = "host";
	unsigned char	rnd[4];
	char		hex[9];

	(void)gethostname(host, sizeof(host) - 1);
	host[sizeof(host) - 1] = '\0';
	if (crypto_random(rnd, sizeof(rnd)) != 0)
		memset(rnd, 0, sizeof(rnd));
	crypto_hex(rnd, sizeof(rnd), hex);
	snprintf(out, len, "%s:%ld:%s", host, (long)getpid(), hex);
}

enum issuer_result
issuer_pass(struct db_conn *db, const struct config *cfg,
    const struct issuer_key *key, int64_t now, int wait_s,
    struct issuer_summary *sum, enum err *e)
{
	struct pass	 p;
	struct arena	*a;
	int64_t		*ids, waited = 0;
	int		 n, i, got = 0;
	enum apply	 out = APPLY_OK;

	memset(sum, 0, sizeof(*sum));
	sum->started_at = now;
	*e = ERR_OK;
	if (key == NULL || key->key == NULL)
		return ISSUER_KEY_MISSING;
	memset(&p, 0, sizeof(p));
	p.db = db;
	p.cfg = cfg;
	p.key = key;
	p.now = now;
	p.sum = sum;
	holder_name(p.holder, sizeof(p.holder));
	for (;;) {
		if ((*e = db_lease_acquire(db, p.holder,
		    cfg->issuer_lease_seconds, &got, &p.token)) != ERR_OK)
			return ISSUER_FAILED;
		if (got || waited >= (int64_t)wait_s * 1000)
			break;
		usleep(200 * 1000);
		waited += 200;
	}
	if (!got)
		return ISSUER_BUSY;
	if ((a = arena_new()) == NULL) {
		*e = ERR_NOMEM;
		out = APPLY_DBERR;
	} else if ((*e = db_res_processable(db, a, &ids, &n)) != ERR_OK)
		out = APPLY_DBERR;
	else
		for (i = 0; i < n && out == APPLY_OK; i++)
			out = one_reservation(&p, ids[i], e);
	if (a != NULL)
		arena_free(a);
	(void)db_lease_release(db, p.holder, p.token);
	if (out == APPLY_OK)
		return ISSUER_OK;
	if (out == APPLY_LEASE_LOST)
		*e = ERR_UNAVAILABLE;
	/* Aborted after the lease: what committed stays (§4 step 3). */
	return ISSUER_PARTIAL;
}

void
issuer_summary_free(struct issuer_summary *s)
{
	free(s->cert_ids);
	free(s->ended);
	free(s->completed);
	memset(s, 0, sizeof(*s));
}

void
issuer_summary_json(struct jw *w, const struct issuer_summary *s)
{
	size_t	i;

	jw_obj_open(w);
	jw_key_instant(w, "startedAt", s->started_at);
	jw_key(w, "certificatesIssued");
	jw_int(w, (int64_t)s->ncerts);
	jw_key(w, "certificateIds");
	jw_arr_open(w);
	for (i = 0; i < s->ncerts; i++)
		jw_int(w, s->cert_ids[i]);
	jw_arr_close(w);
	jw_key(w, "energyWh");
	jw_int(w, s->energy_wh);
	jw_key(w, "excessWh");
	jw_int(w, s->excess_wh);
	jw_key(w, "readsCertified");
	jw_int(w, s->reads_certified);
	jw_key(w, "windowsIssued");
	jw_int(w, s->windows_issued);
	jw_key(w, "reservationsEnded");
	jw_arr_open(w);
	for (i = 0; i < s->nended; i++)
		jw_int(w, s->ended[i]);
	jw_arr_close(w);
	jw_key(w, "reservationsCompleted");
	jw_arr_open(w);
	for (i = 0; i < s->ncompleted; i++)
		jw_int(w, s->completed[i]);
	jw_arr_close(w);
	jw_obj_close(w);
}
