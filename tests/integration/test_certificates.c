/*
 * Certificates (certificates.md): the black-box suite itest_certificates.
 * This file holds the helpers shared by the suite's three files (see
 * test_certificates.h), the fixture and its vectors (19, 25, the empty
 * ledger), a client-side check of the harness's canonicalizer against
 * §8's test vector (so that the ledger checks of the other files can be
 * trusted), and main().
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <sys/wait.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "test_certificates.h"

/* ========================================================== requests */

struct rbuf {
	char	*p;
	size_t	 n;
};

static size_t
rb_write(char *d, size_t s, size_t n, void *a)
{
	struct rbuf	*b = a;
	char		*p;

	if ((p = realloc(b->p, b->n + s * n + 1)) == NULL)
		return 0;
	memcpy(p + b->n, d, s * n);
	b->p = p;
	b->n += s * n;
	p[b->n] = '\0';
	return s * n;
}

long
ct_raw(const char *method, const char *path, const char *tok,
    const char *body, char **out)
{
	return itest_raw(method, path, tok, body, NULL, out, NULL);
}

struct json_object *
ct_res_get(long long id, const char *tok)
{
	struct itest_resp	 r;
	struct json_object	*o;
	char			*p = itest_fmt(CT_BR "/%lld", id);

	itest_get(p, tok ? tok : ct.admin, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	o = json_object_get(r.json);
	itest_resp_free(&r);
	free(p);
	return o;
}

struct json_object *
ct_entry(long long id)
{
	struct itest_resp	 r;
	struct json_object	*o = NULL;
	char			*p;

	p = itest_fmt(CT_LEDGER "?afterId=%lld&limit=1", id - 1);

	itest_get(p, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	if (itest_jint(&r, "entries.0.id") == id)
		o = json_object_get(itest_jget(&r, "entries.0"));
	itest_resp_free(&r);
	free(p);
	return o;
}

void
ct_close_at(const char *file, unsigned int line, const char *t,
    const struct ct_res *res, size_t n)
{
	struct json_object	*s, *g;
	const char		*st;
	size_t			 i;

	s = ct_pass_at(file, line, t);
	json_object_put(s);
	for (i = 0; i < n; i++) {
		if (res[i].id <= 0)
			continue;
		g = ct_res_get(res[i].id, NULL);
		st = itest_ostr(g, "status");
		ct_check_at(file, line, itest_obool(g, "closed") == 1 ||
		    (st != NULL && strcmp(st, "completed") == 0),
		    "reservation %lld closed after the pass at %s (or "
		    "completed): status %s, closed %d", res[i].id, t,
		    st ? st : "?", itest_obool(g, "closed"));
		json_object_put(g);
	}
}

/* ========================================================= certificates */

void
ct_cert_at(const char *file, unsigned int line, long long id,
    const struct ct_res *res, const char *owner, const struct ct_want *w)
{
	struct json_object	*e, *prev, *devs, *d;
	long long		 nreads = 0, wh = 0, last = 0;
	char			 hint[64];
	size_t			 i;
	int			 sorted = 1;

	snprintf(hint, sizeof(hint), "certificate %lld: ", id);
	e = ct_entry(id);
	if (!ct_check_at(file, line, e != NULL, "%sin the ledger", hint))
		return;
#define CE(path, ...) ct_jeq_at(file, line, e, path, __VA_ARGS__)
	CE("id", "%lld", id);
	CE("reservationId", "%lld", res->id);
	CE("reservationUid", "\"%s\"", res->uid);
	CE("windowStart", "\"%s\"", w->ws);
	CE("windowEnd", "\"%s\"", w->we);
	CE("countryCode", "\"%s\"", w->country);
	CE("energyWh", "%lld", w->energy);
	CE("excessWh", "%lld", w->excess);
	CE("generationStartTime", "\"%s\"", w->gs);
	CE("generationEndTime", "\"%s\"", w->ge);
	CE("late", "%s", w->late ? "true" : "false");
	CE("kind", "\"%s\"", w->kind ? w->kind : "window");
	CE("version", "1");
	if (owner != NULL)
		CE("owner", "\"%s\"", owner);
	if (ct.key_id[0] != '\0')
		CE("keyId", "\"%s\"", ct.key_id);
	devs = itest_oget(e, "devices");
	for (i = 0; json_object_is_type(devs, json_type_array) &&
	    i < json_object_array_length(devs); i++) {
		d = json_object_array_get_idx(devs, i);
		nreads += itest_oint(d, "readCount");
		wh += itest_oint(d, "wh");
		if (itest_oint(d, "deviceId") <= last)
			sorted = 0;
		last = itest_oint(d, "deviceId");
	}
	ct_check_at(file, line, json_object_is_type(devs, json_type_array) &&
	    (w->ndevices == 0 || (int)json_object_array_length(devs) ==
	    w->ndevices) && sorted, "%sdevices: %d, by deviceId (got %.300s)",
	    hint, w->ndevices, json_object_to_json_string(devs));
	if (w->nreads > 0)
		ct_check_at(file, line, nreads == w->nreads,
		    "%sΣ readCount %d (got %lld)", hint, w->nreads, nreads);
	ct_check_at(file, line, wh == w->energy + w->excess,
	    "%sΣ devices[].wh = energyWh + excessWh (P1): %lld vs %lld", hint,
	    wh, w->energy + w->excess);
	/* Vector 21: the chain. */
	if (id == 1)
		CE("prevHash", "\"" CT_ZEROS "\"");
	else if ((prev = ct_entry(id - 1)) != NULL) {
		CE("prevHash", "\"%s\"", itest_ostr(prev, "hash") ?
		    itest_ostr(prev, "hash") : "?");
		json_object_put(prev);
	}
	if (ct.pub_hex[0] != '\0')
		ct_check_at(file, line, ct_entry_sealed(e, ct.pub_hex),
		    "%sthe hash is SHA-256 of its drec-c14n-1 form and the "
		    "signature verifies with the issuer's public key", hint);
#undef CE
	json_object_put(e);
}

/* ============================================================ scenarios */

char *
ct_owner_of(const struct ct_party *p)
{
	return itest_fmt("org:%lld", p->org);
}

/* The reservation as the Admin sees it: a few fields. */
void
ct_res_state_at(const char *file, unsigned int line, const struct ct_res *r,
    const char *status, long long issued, long long count,
    const char *through, int closed)
{
	struct json_object *g = ct_res_get(r->id, NULL);

	ct_jeq_at(file, line, g, "status", "\"%s\"", status);
	ct_jeq_at(file, line, g, "reservationActive", "%s",
	    strcmp(status, "active") == 0 ? "true" : "false");
	ct_jeq_at(file, line, g, "issuedWh", "%lld", issued);
	ct_jeq_at(file, line, g, "certificateCount", "%lld", count);
	if (through != NULL)
		ct_jeq_at(file, line, g, "issuedThrough", "\"%s\"", through);
	else
		ct_jeq_at(file, line, g, "issuedThrough", "null");
	if (closed >= 0)
		ct_jeq_at(file, line, g, "closed", "%s", closed ? "true" :
		    "false");
	json_object_put(g);
}

/* How many of the device's reads are certified (-1: SQL failed). */
long long
ct_certified_reads(const struct ct_dev *d)
{
	return ct_sql_ll("SELECT COUNT(*) FROM meter_read WHERE device_id ="
	    " %lld AND certificate_id IS NOT NULL", d->id);
}

/* The certificate id of the device's read ending at end (0: none). */
long long
ct_read_cert(const struct ct_dev *d, const char *end)
{
	return ct_sql_ll("SELECT COALESCE(MAX(certificate_id), 0) FROM"
	    " meter_read WHERE device_id = %lld AND end_ts = '%.23s'", d->id,
	    ct_iso(ct_ms(end)));
}

/* GET path as tok: 200; the body (json_object_put it). */
struct json_object *
ct_get_json_at(const char *file, unsigned int line, const char *path,
    const char *tok)
{
	struct itest_resp	 r;
	struct json_object	*o;

	itest_get(path, tok, &r);
	itest_check_status(&r, 200, 1, file, line);
	o = json_object_get(r.json);
	itest_resp_free(&r);
	return o;
}

/* The ids of the array of items at path, in order, equal ids. */
int
ct_item_ids_at(const char *file, unsigned int line, struct json_object *o,
    const char *path, const long long *ids, size_t n)
{
	struct json_object	*a = itest_oget(o, path);
	size_t			 i;
	int			 ok;

	ok = json_object_is_type(a, json_type_array) &&
	    json_object_array_length(a) == n;
	for (i = 0; ok && i < n; i++)
		ok = itest_oint(json_object_array_get_idx(a, i), "id") ==
		    ids[i];
	return ct_check_at(file, line, ok, "%s: %zu item(s), ids %lld... "
	    "(got %zu)", path, n, n ? ids[0] : 0,
	    json_object_is_type(a, json_type_array) ?
	    json_object_array_length(a) : 0);
}

/* ============================================================ listings */

static const char *const item_keys[] = {
	"id", "internalCertificateId", "deviceId", "generationStartTime",
	"generationEndTime", "creationTime", "certificateStartDate",
	"certificateEndDate", "metadata", "countryCode", "kind", "late",
	"windowStart", "windowEnd", "issuedAt", "prevHash", "hash",
	"signature", "keyId", "perDeviceCertificateLog"
};
static const char *const buyer_keys[] = {
	"owners", "claimers", "claims", "claim", "energyWh", "excessWh"
};
static const char *const row_keys[] = {
	"certificateId", "deviceId", "externalId", "internalExternalId",
	"groupId", "countryCode", "certificateTransactionUID",
	"certificate_issuance_startdate", "certificate_issuance_enddate",
	"readvalue_watthour", "readCount", "status", "ongoing_start_date",
	"ongoing_end_date"
};
static const char *const meta_keys[] = {
	"version", "buyerReservationId", "isStandardIssuanceRequested", "type",
	"deviceIds", "groupId", "certificateTransactionUID"
};

/* The integer or decimal string at path as a number, or -1. */
static long long
int_or_text(struct json_object *o, const char *path)
{
	const char	*s;

	if (itest_otype(o, path) == json_type_int)
		return itest_oint(o, path);
	if ((s = itest_ostr(o, path)) != NULL && *s != '\0' &&
	    strspn(s, "0123456789") == strlen(s))
		return strtoll(s, NULL, 10);
	return -1;
}

static long long
floor_s(const char *iso)
{
	int64_t ms = ct_ms(iso);

	return ms == INT64_MIN ? -2 : (long long)(ms >= 0 ? ms / 1000 :
	    (ms - 999) / 1000);
}

void
ct_row_at(const char *file, unsigned int line, struct json_object *o)
{
	size_t	 i;

	for (i = 0; i < NELEM(row_keys); i++)
		ct_check_at(file, line, itest_ohas(o, row_keys[i]),
		    "ROW key %s present (%.300s)", row_keys[i],
		    json_object_to_json_string(o));
	ct_check_at(file, line, json_object_object_length(o) ==
	    (int)NELEM(row_keys), "ROW has exactly its 14 keys");
	ct_check_at(file, line, itest_otype(o, "certificateId") ==
	    json_type_int && int_or_text(o, "deviceId") > 0 &&
	    int_or_text(o, "groupId") > 0 && itest_otype(o,
	    "readvalue_watthour") == json_type_int && itest_otype(o,
	    "readCount") == json_type_int && itest_oint(o, "readCount") > 0,
	    "ROW: certificateId, deviceId, groupId, readvalue_watthour, "
	    "readCount numbers");
	ct_check_at(file, line, itest_ostr(o, "status") != NULL &&
	    strcmp(itest_ostr(o, "status"), "Succeeded") == 0,
	    "ROW status Succeeded");
	ct_check_at(file, line, itest_is_instant(itest_ostr(o,
	    "certificate_issuance_startdate")) && itest_is_instant(itest_ostr(
	    o, "certificate_issuance_enddate")), "ROW issuance dates");
}

void
ct_item_at(const char *file, unsigned int line, struct json_object *o,
    int full)
{
	struct json_object	*rows, *row, *own;
	const char		*kind;
	long long		 id, sum = 0;
	size_t			 i;

	for (i = 0; i < NELEM(item_keys); i++)
		ct_check_at(file, line, itest_ohas(o, item_keys[i]),
		    "item key %s present", item_keys[i]);
	for (i = 0; i < NELEM(buyer_keys); i++)
		ct_check_at(file, line, itest_ohas(o, buyer_keys[i]) == full,
		    "item key %s %s", buyer_keys[i], full ? "present" :
		    "absent (the developer's cut)");
	ct_check_at(file, line, itest_ohas(o, "ownDevicesWh") == !full,
	    "ownDevicesWh %s", full ? "absent" : "present");
	for (i = 0; i < NELEM(meta_keys); i++)
		ct_check_at(file, line, itest_ohas(o, itest_fmt("metadata.%s",
		    meta_keys[i])), "metadata.%s present", meta_keys[i]);
	id = itest_oint(o, "id");
	ct_check_at(file, line, id > 0 && itest_oint(o,
	    "internalCertificateId") == id, "id = internalCertificateId");
	ct_check_at(file, line, itest_otype(o, "deviceId") == json_type_string
	    && itest_otype(o, "metadata.groupId") == json_type_string &&
	    strcmp(itest_ostr(o, "deviceId"), itest_ostr(o,
	    "metadata.groupId")) == 0, "deviceId and metadata.groupId: the "
	    "reservation id as a string");
	ct_check_at(file, line, itest_otype(o, "generationStartTime") ==
	    json_type_int && itest_oint(o, "generationStartTime") ==
	    floor_s(itest_ostr(o, "certificateStartDate")) &&
	    itest_oint(o, "generationEndTime") == floor_s(itest_ostr(o,
	    "certificateEndDate")) && itest_oint(o, "creationTime") ==
	    floor_s(itest_ostr(o, "issuedAt")), "generationStartTime, "
	    "generationEndTime, creationTime: Unix seconds of the generation "
	    "interval and issuedAt");
	ct_check_at(file, line, itest_ostr(o, "metadata.version") != NULL &&
	    strcmp(itest_ostr(o, "metadata.version"), "v1.0") == 0 &&
	    strcmp(itest_ostr(o, "metadata.isStandardIssuanceRequested"),
	    "I-REC") == 0 && strcmp(itest_ostr(o, "metadata.type"), "REC") ==
	    0, "metadata constants v1.0, I-REC, REC");
	rows = itest_oget(o, "perDeviceCertificateLog");
	ct_check_at(file, line, json_object_is_type(rows, json_type_array) &&
	    json_object_array_length(rows) > 0 &&
	    json_object_array_length(rows) == itest_olen(o,
	    "metadata.deviceIds"), "perDeviceCertificateLog: one ROW per "
	    "metadata.deviceIds entry");
	kind = itest_ostr(o, "kind");
	for (i = 0; json_object_is_type(rows, json_type_array) &&
	    i < json_object_array_length(rows); i++) {
		row = json_object_array_get_idx(rows, i);
		ct_row_at(file, line, row);
		sum += itest_oint(row, "readvalue_watthour");
		ct_check_at(file, line, itest_oint(row, "certificateId") == id
		    && int_or_text(row, "groupId") == int_or_text(o,
		    "metadata.groupId") && strcmp(itest_ostr(row,
		    "certificateTransactionUID") ? itest_ostr(row,
		    "certificateTransactionUID") : "", itest_ostr(o,
		    "metadata.certificateTransactionUID") ? itest_ostr(o,
		    "metadata.certificateTransactionUID") : "?") == 0 &&
		    strcmp(itest_ostr(row, "internalExternalId") ?
		    itest_ostr(row, "internalExternalId") : "",
		    itest_ostr(o, itest_fmt("metadata.deviceIds.%zu", i)) ?
		    itest_ostr(o, itest_fmt("metadata.deviceIds.%zu", i)) :
		    "?") == 0, "ROW %zu: its certificate, reservation, "
		    "transaction and device", i);
		if (kind != NULL && strcmp(kind, "history") == 0)
			ct_check_at(file, line, itest_oisnull(row,
			    "ongoing_start_date") && itest_oisnull(row,
			    "ongoing_end_date"), "History ROW: ongoing_* null");
		else
			ct_check_at(file, line, itest_ostr(row,
			    "ongoing_start_date") != NULL && strcmp(itest_ostr(
			    row, "ongoing_start_date"), itest_ostr(o,
			    "windowStart")) == 0 && strcmp(itest_ostr(row,
			    "ongoing_end_date"), itest_ostr(o, "windowEnd")) ==
			    0, "ROW ongoing_* = the window");
	}
	if (!full) {
		ct_check_at(file, line, itest_oint(o, "ownDevicesWh") == sum,
		    "ownDevicesWh = Σ its rows' readvalue_watthour (%lld)",
		    sum);
		return;
	}
	own = itest_oget(o, "owners");
	ct_check_at(file, line, json_object_is_type(own, json_type_object) &&
	    json_object_is_type(itest_oget(o, "claimers"), json_type_object) &&
	    json_object_is_type(itest_oget(o, "claims"), json_type_array),
	    "owners, claimers objects; claims array");
	if (itest_oisnull(o, "claim")) {
		char *v = itest_fmt("%lld", itest_oint(o, "energyWh"));

		ct_check_at(file, line, itest_olen(o, "owners") == 1 &&
		    itest_olen(o, "claimers") == 0 && itest_olen(o,
		    "claims") == 0, "unclaimed: one owner, no claimers, no "
		    "claims");
		json_object_object_foreach(own, k, val) {
			(void)k;
			ct_check_at(file, line, json_object_is_type(val,
			    json_type_string) && strcmp(json_object_get_string(
			    val), v) == 0, "owners value = energyWh as a "
			    "decimal string (%s)", v);
		}
		free(v);
	}
	ct_check_at(file, line, sum == itest_oint(o, "energyWh") +
	    itest_oint(o, "excessWh"), "Σ readvalue_watthour = energyWh + "
	    "excessWh");
}

/* ============================================================ SQL, CLI */

int
ct_sql(char **out, const char *fmt, ...)
{
	const char	*db = itest_env("DREC_SQL", NULL);
	char		 path[] = "/tmp/ct_sqlXXXXXX", line[4096];
	char		*sql, *cmd;
	struct rbuf	 b = { NULL, 0 };
	va_list		 ap;
	FILE		*f;
	int		 fd, st;

	if (out != NULL)
		*out = NULL;
	if (db == NULL) {
		printf("\n  (DREC_SQL is not set)\n");
		return -1;
	}
	va_start(ap, fmt);
	if (vasprintf(&sql, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		exit(2);
	fprintf(f, "SET time_zone = '+00:00';\n%s;\n", sql);
	fclose(f);
	cmd = itest_fmt("%s -N -B < %s 2>&1", db, path);
	fflush(stdout);
	if ((f = popen(cmd, "r")) == NULL)
		exit(2);
	while (fgets(line, sizeof(line), f) != NULL)
		rb_write(line, 1, strlen(line), &b);
	st = pclose(f);
	st = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (st != 0)
		printf("\n  (SQL exit %d: %.500s\n   %s)\n", st, sql,
		    b.p ? b.p : "");
	unlink(path);
	if (out != NULL)
		*out = b.p ? b.p : strdup("");
	else
		free(b.p);
	free(cmd);
	free(sql);
	return st;
}

long long
ct_sql_ll(const char *fmt, ...)
{
	va_list		 ap;
	char		*sql, *out;
	long long	 v = -1;

	va_start(ap, fmt);
	if (vasprintf(&sql, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	if (ct_sql(&out, "%s", sql) == 0 && out != NULL && *out != '\0' &&
	    strncmp(out, "NULL", 4) != 0)
		v = strtoll(out, NULL, 10);
	free(out);
	free(sql);
	return v;
}

int
ct_drecctl_sh(const char *args, char **out)
{
	const char	*prefix = itest_env("DREC_DRECCTL", NULL);
	char		*cmd, line[4096];
	struct rbuf	 b = { NULL, 0 };
	FILE		*f;
	int		 st;

	if (out != NULL)
		*out = NULL;
	if (prefix == NULL) {
		printf("\n  (DREC_DRECCTL is not set)\n");
		return -1;
	}
	cmd = itest_fmt("%s %s 2>&1 </dev/null", prefix, args);
	fflush(stdout);
	if ((f = popen(cmd, "r")) == NULL)
		exit(2);
	while (fgets(line, sizeof(line), f) != NULL)
		rb_write(line, 1, strlen(line), &b);
	st = pclose(f);
	st = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	printf("\n  ($ drecctl %s -> %d) %.300s%s", args, st, b.p ? b.p : "",
	    b.n > 300 ? " [...]\n" : "");
	free(cmd);
	if (out != NULL)
		*out = b.p ? b.p : strdup("");
	else
		free(b.p);
	return st;
}

int
ct_verify(char *line)
{
	char	*out;
	int	 st;

	st = ct_drecctl_sh("ledger verify", &out);
	snprintf(line, 512, "%.*s", (int)strcspn(out ? out : "", "\n"),
	    out ? out : "");
	free(out);
	return st;
}

void
ct_verify_ok_at(const char *file, unsigned int line, long long n)
{
	char	 out[512], want[64];
	int	 st = ct_verify(out);

	snprintf(want, sizeof(want), "OK %lld certificates, head %lld ", n,
	    n);
	ct_check_at(file, line, st == 0 && strncmp(out, "OK ", 3) == 0 &&
	    (n < 0 || strncmp(out, want, strlen(want)) == 0),
	    "drecctl ledger verify: exit 0, \"OK%s%s...\" (got %d \"%s\")",
	    n < 0 ? "" : " ", n < 0 ? "" : want + 3, st, out);
}

/*
 * The start of a scenario: a scenario that failed midway may have left
 * reservations open, whose windows a later scenario's pass would
 * certify; they are closed by hand (closed_at through SQL) and named.
 */
void
ct_scenario(const char *name)
{
	char	*out = NULL;

	if (ct_sql(&out, "SELECT GROUP_CONCAT(id) FROM reservation WHERE"
	    " closed_at IS NULL AND status <> 'completed'") == 0 && out !=
	    NULL && strncmp(out, "NULL", 4) != 0 && *out != '\0') {
		printf("\n  (%s: reservations left open by an earlier failure,"
		    " closed through SQL: %.200s)\n", name, out);
		ct_sql(NULL, "UPDATE reservation SET closed_at = '2000-01-01'"
		    " WHERE closed_at IS NULL AND status <> 'completed'");
	}
	free(out);
}

/* ======================================================== properties */

/* "1,2,3" */
static char *
id_list(const long long *ids, size_t n)
{
	char	*s = strdup("0"), *t;
	size_t	 i;

	for (i = 0; i < n; i++) {
		t = itest_fmt("%s,%lld", s, ids[i]);
		free(s);
		s = t;
	}
	return s;
}

#define MS(col) "(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', " col \
	") DIV 1000)"
/* Read mr of device membership m belongs to reservation r and is
 * eligible (§3). */
#define ELIGIBLE \
	" mr.is_baseline = 0 AND mr.energy_wh > 0" \
	" AND mr.created_at <= r.expiry_ts AND ((mr.read_type <> 'History'" \
	" AND m.member_from <= mr.end_ts AND mr.end_ts < m.member_to) OR" \
	" (mr.read_type = 'History' AND m.member_from <= mr.start_ts" \
	" AND mr.end_ts <= m.member_to))"

/* Set by ct_props_probe: the checks record no assertion. */
static int	 props_silent;

static int
pcheck(const char *file, unsigned int line, int ok, const char *fmt, ...)
{
	va_list	 ap;
	char	 what[1024];

	if (props_silent)
		return ok;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return itest_check(ok, NULL, what, file, line, 0);
}

/* Rows of violations of a query: 0 when there are none. */
static int
none_at(const char *file, unsigned int line, const char *what,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*sql, *out;
	int	 st, ok;

	va_start(ap, fmt);
	if (vasprintf(&sql, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	st = ct_sql(&out, "%s", sql);
	ok = st == 0 && out != NULL && *out == '\0';
	pcheck(file, line, ok, "%s: no violation (SQL exit %d; rows: "
	    "%.600s)", what, st, out ? out : "");
	free(out);
	free(sql);
	return ok;
}

/* The end of r's window for a read ending at e (History: may be E). */
static int64_t
window_end(const char *freq, int64_t s, int64_t e_res, int64_t e)
{
	int64_t	 g = s, next;
	int	 n;

	for (n = 1;; n++) {
		if (strcmp(freq, "hourly") == 0)
			next = s + (int64_t)n * 3600000;
		else if (strcmp(freq, "daily") == 0)
			next = s + (int64_t)n * 86400000;
		else if (strcmp(freq, "weekly") == 0)
			next = s + (int64_t)n * 7 * 86400000;
		else if (strcmp(freq, "monthly") == 0)
			next = ct_add_months(s, n);
		else
			next = ct_add_months(s, 3 * n);
		if (next >= e_res)
			return e_res;
		if (g <= e && e < next)
			return next;
		g = next;
	}
}

int
ct_props_at(const char *file, unsigned int line, const long long *ids,
    size_t n, int64_t t)
{
	char		*in = id_list(ids, n), *out = NULL, *p, *q;
	char		 freq[16];
	long long	 rid, cert, elig, unc;
	long long	 s, e, rs, re;
	int		 bad = 0, st;

	/* P1: per certificate and per certificate_device row. */
	bad |= CT_P1 * !none_at(file, line, "P1 energyWh + excessWh = Σ wh of "
	    "its reads = Σ devices[].wh; Σ readCount = their number",
	    "SELECT c.id FROM certificate c LEFT JOIN (SELECT certificate_id,"
	    " SUM(energy_wh) s, COUNT(*) n, MIN(start_ts) a, MAX(end_ts) b"
	    " FROM meter_read WHERE certificate_id IS NOT NULL GROUP BY"
	    " certificate_id) r ON r.certificate_id = c.id LEFT JOIN (SELECT"
	    " certificate_id, SUM(wh) s, SUM(read_count) n FROM"
	    " certificate_device GROUP BY certificate_id) d ON"
	    " d.certificate_id = c.id WHERE c.reservation_id IN (%s) AND NOT"
	    " (COALESCE(r.n, 0) > 0 AND c.energy_wh + c.excess_wh = r.s AND"
	    " r.s = d.s AND r.n = d.n AND c.generation_start = r.a AND"
	    " c.generation_end = r.b)", in);
	bad |= CT_P1 * !none_at(file, line, "P1 per device: wh, readCount, "
	    "start, end of its reads", "SELECT cd.certificate_id,"
	    " cd.device_id FROM"
	    " certificate_device cd JOIN certificate c ON c.id ="
	    " cd.certificate_id LEFT JOIN (SELECT certificate_id, device_id,"
	    " SUM(energy_wh) s, COUNT(*) n, MIN(start_ts) a, MAX(end_ts) b"
	    " FROM meter_read WHERE certificate_id IS NOT NULL GROUP BY"
	    " certificate_id, device_id) r ON r.certificate_id ="
	    " cd.certificate_id AND r.device_id = cd.device_id WHERE"
	    " c.reservation_id IN (%s) AND NOT (r.n IS NOT NULL AND cd.wh ="
	    " r.s AND cd.read_count = r.n AND cd.start_ts = r.a AND"
	    " cd.end_ts = r.b)", in);
	/* P2 */
	bad |= CT_P2 * !none_at(file, line, "P2 every read of a certificate "
	    "belonged to its reservation and lies in its window (History: the "
	    "read's interval)", "SELECT mr.id, c.id FROM meter_read mr JOIN"
	    " certificate c ON c.id = mr.certificate_id JOIN reservation r ON"
	    " r.id = c.reservation_id JOIN device d ON d.id = mr.device_id"
	    " LEFT JOIN reservation_device m ON m.reservation_id = r.id AND"
	    " m.device_id = mr.device_id WHERE r.id IN (%s) AND NOT"
	    " (m.device_id IS NOT NULL AND" ELIGIBLE " AND ((mr.read_type <>"
	    " 'History' AND c.kind = 'window' AND c.window_start <= mr.end_ts"
	    " AND mr.end_ts < c.window_end AND c.country_code ="
	    " d.country_code) OR (mr.read_type = 'History' AND c.kind ="
	    " 'history' AND c.window_start = mr.start_ts AND c.window_end ="
	    " mr.end_ts)))", in);
	bad |= CT_P2 * !none_at(file, line, "P2 a History certificate has one "
	    "read",
	    "SELECT c.id FROM certificate c WHERE c.reservation_id IN (%s)"
	    " AND c.kind = 'history' AND (SELECT COUNT(*) FROM meter_read"
	    " WHERE certificate_id = c.id) <> 1", in);
	/* P5 and the reservation's counters. */
	bad |= CT_P5 * !none_at(file, line, "P5 issuedWh = Σ energyWh, "
	    "certificateCount, issuedWh <= target unless authorityToExceed, "
	    "completed at the target", "SELECT r.id FROM reservation r WHERE "
	    "r.id IN (%s) AND"
	    " (r.issued_wh <> (SELECT COALESCE(SUM(energy_wh), 0) FROM"
	    " certificate WHERE reservation_id = r.id) OR r.certificate_count"
	    " <> (SELECT COUNT(*) FROM certificate WHERE reservation_id ="
	    " r.id) OR (r.authority_to_exceed = 0 AND r.issued_wh >"
	    " r.target_wh) OR (r.status = 'completed' AND (r.issued_wh <>"
	    " r.target_wh OR r.authority_to_exceed <> 0)))", in);
	bad |= CT_P5 * !none_at(file, line, "P5 excessWh > 0 only on the "
	    "completing certificate", "SELECT c.id FROM certificate c JOIN "
	    "reservation r"
	    " ON r.id = c.reservation_id WHERE r.id IN (%s) AND c.excess_wh >"
	    " 0 AND NOT (r.authority_to_exceed = 0 AND r.status = 'completed'"
	    " AND c.id = (SELECT MAX(id) FROM certificate WHERE"
	    " reservation_id = r.id))", in);
	/* P3 per reservation. */
	st = ct_sql(&out, "SELECT r.id, (SELECT COALESCE(SUM(energy_wh +"
	    " excess_wh), 0) FROM certificate WHERE reservation_id = r.id),"
	    " (SELECT COALESCE(SUM(mr.energy_wh), 0) FROM reservation_device m"
	    " JOIN meter_read mr ON mr.device_id = m.device_id WHERE"
	    " m.reservation_id = r.id AND" ELIGIBLE "), (SELECT"
	    " COALESCE(SUM(mr.energy_wh), 0) FROM reservation_device m JOIN"
	    " meter_read mr ON mr.device_id = m.device_id WHERE"
	    " m.reservation_id = r.id AND mr.certificate_id IS NULL AND"
	    ELIGIBLE ") FROM reservation r WHERE r.id IN (%s) ORDER BY r.id",
	    in);
	bad |= CT_P3 * !pcheck(file, line, st == 0, "P3 query ran");
	for (p = out; st == 0 && p != NULL && *p != '\0'; p = q) {
		q = strchr(p, '\n');
		q = q ? q + 1 : NULL;
		if (sscanf(p, "%lld\t%lld\t%lld\t%lld", &rid, &cert, &elig,
		    &unc) != 4) {
			bad |= CT_P3 * !pcheck(file, line, 0, "P3 row: %.80s",
			    p);
			continue;
		}
		bad |= CT_P3 * !pcheck(file, line, cert + unc == elig, "P3 "
		    "reservation %lld: Σ certificates (energyWh + excessWh) "
		    "%lld + Σ eligible uncertified %lld = Σ eligible %lld",
		    rid, cert, unc, elig);
	}
	free(out);
	/* P4: eligible uncertified reads of non-completed reservations whose
	 * window is due at t. */
	if (t > 0) {
		st = ct_sql(&out, "SELECT r.id, r.frequency, " MS("r.start_ts")
		    ", " MS("r.end_ts") ", mr.id, " MS("mr.end_ts") " FROM"
		    " reservation r JOIN reservation_device m ON"
		    " m.reservation_id = r.id JOIN meter_read mr ON"
		    " mr.device_id = m.device_id WHERE r.id IN (%s) AND"
		    " r.status <> 'completed' AND mr.certificate_id IS NULL"
		    " AND" ELIGIBLE " ORDER BY r.id, mr.id", in);
		bad |= CT_P4 * !pcheck(file, line, st == 0, "P4 query ran");
		for (p = out; st == 0 && p != NULL && *p != '\0'; p = q) {
			long long mid;

			q = strchr(p, '\n');
			q = q ? q + 1 : NULL;
			if (sscanf(p, "%lld\t%15s\t%lld\t%lld\t%lld\t%lld",
			    &rid, freq, &rs, &re, &mid, &e) != 6) {
				bad |= CT_P4 * !pcheck(file, line, 0, "P4 row: "
				    "%.80s", p);
				continue;
			}
			s = window_end(freq, rs, re, e);
			bad |= CT_P4 * !pcheck(file, line, s > t - 300000, "P4 "
			    "reservation %lld: eligible uncertified read %lld "
			    "(end %s) has its window (end %s) due at the pass "
			    "at %s", rid, mid, ct_iso(e), ct_iso(s), ct_iso(t));
		}
		free(out);
	}
	free(in);
	/* P6 */
	{
		char	 v[512];

		st = ct_verify(v);
		bad |= CT_P6 * !pcheck(file, line, st == 0 &&
		    strncmp(v, "OK ", 3) == 0, "P6 drecctl ledger verify OK "
		    "(got %d \"%s\")", st, v);
	}
	return bad;
}

int
ct_props_probe(const long long *ids, size_t n, int64_t t)
{
	int	 bad;

	props_silent = 1;
	bad = ct_props_at(__FILE__, __LINE__, ids, n, t);
	props_silent = 0;
	return bad;
}

/* ====================================================== cryptography */

void
ct_sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char	 md[32];
	unsigned int	 len = 0;
	size_t		 i;

	EVP_Digest(p, n, md, &len, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static int
unhex(const char *s, unsigned char *out, size_t n)
{
	size_t		 i;
	unsigned int	 b;

	if (s == NULL || strlen(s) != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)s[2 * i]) ||
		    !isxdigit((unsigned char)s[2 * i + 1]) ||
		    sscanf(s + 2 * i, "%2x", &b) != 1)
			return -1;
		out[i] = (unsigned char)b;
	}
	return 0;
}

static int
keycmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A drec-c14n-1 string: only " \\ and U+0000-U+001F escaped. */
static void
put_str(FILE *f, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;

	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s == '\b')
			fputs("\\b", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\f')
			fputs("\\f", f);
		else if (*s == '\r')
			fputs("\\r", f);
		else if (*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void
canon(FILE *f, struct json_object *o)
{
	const char		**keys;
	size_t			 n, i;

	switch (json_object_get_type(o)) {
	case json_type_null:
		fputs("null", f);
		break;
	case json_type_boolean:
		fputs(json_object_get_boolean(o) ? "true" : "false", f);
		break;
	case json_type_int:
		fprintf(f, "%lld", (long long)json_object_get_int64(o));
		break;
	case json_type_double:
		fprintf(f, "%.17g", json_object_get_double(o));
		break;
	case json_type_string:
		put_str(f, json_object_get_string(o));
		break;
	case json_type_array:
		fputc('[', f);
		for (i = 0; i < json_object_array_length(o); i++) {
			if (i > 0)
				fputc(',', f);
			canon(f, json_object_array_get_idx(o, i));
		}
		fputc(']', f);
		break;
	case json_type_object:
		n = (size_t)json_object_object_length(o);
		keys = calloc(n + 1, sizeof(*keys));
		i = 0;
		{
			json_object_object_foreach(o, k, v) {
				(void)v;
				keys[i++] = k;
			}
		}
		qsort(keys, n, sizeof(*keys), keycmp);
		fputc('{', f);
		for (i = 0; i < n; i++) {
			struct json_object *v = NULL;

			if (i > 0)
				fputc(',', f);
			json_object_object_get_ex(o, keys[i], &v);
			put_str(f, keys[i]);
			fputc(':', f);
			canon(f, v);
		}
		fputc('}', f);
		free(keys);
		break;
	}
}

char *
ct_canonical(struct json_object *o)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);

	if (f == NULL)
		exit(2);
	canon(f, o);
	fclose(f);
	return buf;
}

int
ct_ed25519_ok(const char *pub_hex, const char *hash_hex, const char *sig_hex)
{
	unsigned char	 pub[32], msg[32], sig[64];
	EVP_PKEY	*k;
	EVP_MD_CTX	*c;
	int		 ok = 0;

	if (unhex(pub_hex, pub, 32) != 0 || unhex(hash_hex, msg, 32) != 0 ||
	    unhex(sig_hex, sig, 64) != 0)
		return 0;
	if ((k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub,
	    32)) == NULL)
		return 0;
	if ((c = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1)
		ok = EVP_DigestVerify(c, sig, 64, msg, 32) == 1;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return ok;
}

int
ct_entry_sealed(struct json_object *e, const char *pub_hex)
{
	struct json_object	*copy = json_object_new_object();
	const char		*hash = itest_ostr(e, "hash");
	const char		*sig = itest_ostr(e, "signature");
	char			*c, h[65];
	int			 ok;

	json_object_object_foreach(e, k, v) {
		if (strcmp(k, "hash") != 0 && strcmp(k, "signature") != 0)
			json_object_object_add(copy, k, json_object_get(v));
	}
	c = ct_canonical(copy);
	ct_sha256_hex(c, strlen(c), h);
	ok = hash != NULL && strcmp(h, hash) == 0 && sig != NULL &&
	    ct_ed25519_ok(pub_hex, hash, sig);
	if (!ok)
		printf("\n  (canonical %s\n   sha256 %s, hash %s)\n", c, h,
		    hash ? hash : "none");
	free(c);
	json_object_put(copy);
	return ok;
}

/* ============================================================ fixture */

/* Admin A at the real clock; vector 25: the public key before any pass. */
static void
t00_fixture_public_key(void)
{
	struct itest_resp	 r;
	unsigned char		 pub[32];
	const char		*kid, *hex, *pem;
	char			 h[65];
	size_t			 i;
	int			 found = 0;

	ct.admin = itest_admin_token();
	ITEST_REQUIRE(ct.admin != NULL);
	ct_clock_clear();
	itest_get("/api/user/me", ct.admin, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ct.admin_id = itest_jint(&r, "id");
	itest_resp_free(&r);

	/* Vector 25: no token, no pass yet. */
	itest_get("/api/issuer/public-key", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_JSTR(&r, "algorithm", "Ed25519");
	ITEST_ASSERT_JSTR(&r, "hashAlgorithm", "SHA-256");
	ITEST_ASSERT_JSTR(&r, "canonicalization", "drec-c14n-1");
	kid = itest_jstr(&r, "keyId");
	hex = itest_jstr(&r, "publicKey");
	pem = itest_jstr(&r, "publicKeyPem");
	ITEST_ASSERT_R_FATAL(&r, kid != NULL && strlen(kid) == 16 &&
	    strspn(kid, "0123456789abcdef") == 16);
	ITEST_ASSERT_R_FATAL(&r, hex != NULL && unhex(hex, pub, 32) == 0 &&
	    strspn(hex, "0123456789abcdef") == 64);
	ct_sha256_hex(pub, 32, h);
	ITEST_ASSERT_R(&r, strncmp(h, kid, 16) == 0);	/* keyId rule, §8 */
	ITEST_ASSERT_R(&r, pem != NULL && strncmp(pem,
	    "-----BEGIN PUBLIC KEY-----", 26) == 0);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "keys") >= 1);
	for (i = 0; i < itest_jlen(&r, "keys"); i++) {
		struct json_object *k = json_object_array_get_idx(
		    itest_jget(&r, "keys"), i);

		ITEST_ASSERT_R(&r, itest_ohas(k, "keyId") &&
		    itest_ohas(k, "publicKey") && itest_ohas(k,
		    "publicKeyPem") && itest_is_instant(itest_ostr(k,
		    "createdAt")));
		if (itest_ostr(k, "keyId") != NULL &&
		    strcmp(itest_ostr(k, "keyId"), kid) == 0 &&
		    strcmp(itest_ostr(k, "publicKey"), hex) == 0)
			found = 1;
	}
	ITEST_ASSERT_R(&r, found);
	snprintf(ct.key_id, sizeof(ct.key_id), "%s", kid);
	snprintf(ct.pub_hex, sizeof(ct.pub_hex), "%s", hex);
	itest_resp_free(&r);
	/* A token is not needed, and not refused either; public routes skip
	 * authentication (CONVENTIONS §1), so even a bad one is ignored. */
	itest_get("/api/issuer/public-key", ct.admin, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "keyId", ct.key_id);
	itest_resp_free(&r);
	itest_get("/api/issuer/public-key", "not-a-token", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	itest_get(CT_LEDGER, "not-a-token", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
}

/* The empty ledger: the public route and `ledger verify`. */
static void
t01_empty_ledger(void)
{
	struct itest_resp	 r;
	long long		 head;

	ITEST_REQUIRE(ct.admin != NULL);
	itest_get(CT_LEDGER, NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	head = itest_jint(&r, "headId");
	if (head == 0) {	/* scripts/test's fresh database */
		CT_JEQ(r.json, "entries", "[]");
		CT_JEQ(r.json, "nextAfterId", "null");
		ITEST_ASSERT_JSTR(&r, "headHash", CT_ZEROS);
		CT_VERIFY_OK(0);
	} else
		printf("\n  (ledger not empty: %lld certificates)\n", head);
	itest_resp_free(&r);
}

/*
 * Not a server test: the harness's drec-c14n-1, SHA-256 and Ed25519
 * against §8's test vector (RFC 8032 key 1), so that the ledger checks
 * of vectors 20-21 done over HTTP compare against a verified reference.
 */
static void
t02_c14n_reference(void)
{
	static const char canonical[] =
	    "{\"buyerOrganizationId\":3,\"certificateTransactionUID\":"
	    "\"3b2f8a4e-6c1d-4f7a-9e2b-5d8c7a1f0e93\",\"countryCode\":\"IND\","
	    "\"devices\":[{\"deviceId\":1,\"externalId\":\"Xion Mall\","
	    "\"internalExternalId\":\"5f0c7a0e-2d7e-4b8e-9c61-2f1a3b4c5d6e\","
	    "\"readCount\":2,\"wh\":3000}],\"energyWh\":3000,\"excessWh\":0,"
	    "\"generationEndTime\":\"2025-03-01T10:45:00.000Z\","
	    "\"generationStartTime\":\"2025-03-01T09:50:00.000Z\",\"id\":1,"
	    "\"issuedAt\":\"2025-03-01T11:05:00.000Z\",\"keyId\":"
	    "\"21fe31dfa154a261\",\"kind\":\"window\",\"late\":false,"
	    "\"owner\":\"org:3\",\"prevHash\":\"" CT_ZEROS "\","
	    "\"reservationId\":12,\"reservationUid\":"
	    "\"c87208a2-1f4e-4d3b-8a6c-9e0f1b2c3d4e\",\"version\":1,"
	    "\"windowEnd\":\"2025-03-01T11:00:00.000Z\",\"windowStart\":"
	    "\"2025-03-01T10:00:00.000Z\"}";
	static const char hash[] =
	    "386d7b8a87f08248fb4831a0863d225c557ca85ef754489684e6fa8fbd49a3db";
	static const char sig[] =
	    "eb8b720f486b249a17594134d60cc5b58cb8d9b5bd3c38455362176fa8a0e9f8"
	    "9abd1f7b810b29092f7e827cf7b5b735042b4d475d78a8c104c1f0bcd0759807";
	static const char seed_hex[] =
	    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
	static const char pub_hex[] =
	    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
	struct json_object	*o, *shuffled;
	unsigned char		 seed[32], pub[32], md[32], s[64];
	size_t			 publen = 32, slen = 64, i;
	char			*c, h[65], sh[129], ph[65];
	EVP_PKEY		*k;
	EVP_MD_CTX		*m;

	CU_ASSERT_EQUAL(strlen(canonical), 735);
	o = json_tokener_parse(canonical);
	ITEST_REQUIRE(o != NULL);
	/* Re-serialized from a differently ordered object: same bytes. */
	shuffled = json_object_new_object();
	{
		const char *order[] = { "windowStart", "id", "devices",
		    "version", "prevHash", "owner", "late", "kind", "keyId",
		    "issuedAt", "generationStartTime", "generationEndTime",
		    "excessWh", "energyWh", "countryCode",
		    "certificateTransactionUID", "buyerOrganizationId",
		    "reservationUid", "reservationId", "windowEnd" };

		for (i = 0; i < NELEM(order); i++)
			json_object_object_add(shuffled, order[i],
			    json_object_get(itest_oget(o, order[i])));
	}
	c = ct_canonical(shuffled);
	CT_CHECK(strcmp(c, canonical) == 0, "the harness's drec-c14n-1 "
	    "reproduces §8's 735 bytes (got %s)", c);
	ct_sha256_hex(canonical, strlen(canonical), h);
	CT_CHECK(strcmp(h, hash) == 0, "§8 hash (got %s)", h);
	ITEST_REQUIRE(unhex(seed_hex, seed, 32) == 0);
	k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	ITEST_REQUIRE(k != NULL);
	EVP_PKEY_get_raw_public_key(k, pub, &publen);
	for (i = 0; i < 32; i++)
		snprintf(ph + 2 * i, 3, "%02x", pub[i]);
	CT_CHECK(strcmp(ph, pub_hex) == 0, "RFC 8032 public key (got %s)",
	    ph);
	ct_sha256_hex(pub, 32, h);
	CT_CHECK(strncmp(h, "21fe31dfa154a261", 16) == 0, "keyId = first 16 "
	    "hex of SHA-256(public key)");
	unhex(hash, md, 32);
	m = EVP_MD_CTX_new();
	ITEST_REQUIRE(m != NULL && EVP_DigestSignInit(m, NULL, NULL, NULL, k)
	    == 1 && EVP_DigestSign(m, s, &slen, md, 32) == 1);
	for (i = 0; i < 64; i++)
		snprintf(sh + 2 * i, 3, "%02x", s[i]);
	CT_CHECK(strcmp(sh, sig) == 0, "§8 signature (got %s)", sh);
	CT_CHECK(ct_ed25519_ok(pub_hex, hash, sig), "§8 signature verifies");
	EVP_MD_CTX_free(m);
	EVP_PKEY_free(k);
	json_object_put(o);
	json_object_put(shuffled);
	free(c);
}

/* Vector 19: POST /api/drec-issuer/run: no token 401; a Buyer 403;
 * other roles 403 too (Admin's 200 is in every scenario). */
static void
t03_run_roles(void)
{
	struct ct_party	 b, d;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_party_new(&b, "buyer", "ctrb");
	ct_party_new(&d, "developer", "ctrd");
	itest_expect_error("POST", CT_RUN, NULL, "{}", NULL, 401,
	    "UNAUTHORIZED");
	itest_expect_error("POST", CT_RUN, b.tok, "{}", NULL, 403,
	    "FORBIDDEN");
	itest_expect_error("POST", CT_RUN, d.tok, "{}", NULL, 403,
	    "FORBIDDEN");
	itest_expect_error("POST", CT_RUN, "not-a-token", "{}", NULL, 401,
	    "UNAUTHORIZED");
	/* The route takes no other method. */
	itest_expect_error("GET", CT_RUN, ct.admin, NULL, NULL, 405,
	    "METHOD_NOT_ALLOWED");
}

static const struct ct_test fixture[] = {
	T(t00_fixture_public_key), T(t01_empty_ledger), T(t02_c14n_reference),
	T(t03_run_roles),
};

static void
clear_clock_quietly(void)
{
	char *b = NULL;

	if (ct.admin != NULL && ct_clock_now[0] != '\0') {
		ct_raw("PUT", CT_CLOCK, ct.admin, "{\"now\":null}", &b);
		ct_clock_now[0] = '\0';
	}
	free(b);
}

/* A suite's cleanup: the test clock cleared, even after a fatal
 * failure. */
int
ct_suite_cleanup(void)
{
	clear_clock_quietly();
	return 0;
}

static void
register_all(void)
{
	CU_pSuite	 s;
	size_t		 i;

	if ((s = CU_add_suite("certificates: fixture, public key (25), "
	    "issuer route roles (19)", NULL, ct_suite_cleanup)) == NULL)
		exit(2);
	for (i = 0; i < NELEM(fixture); i++)
		itest_add(s, fixture[i].name, fixture[i].fn);
	ct_examples_register();
	ct_more_register();
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
