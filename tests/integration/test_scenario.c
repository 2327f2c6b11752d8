/*
 * Scenario helpers shared by itest_certificates and itest_clients (see
 * test_certificates.h): instants, the test clock, parties, devices,
 * reads, reservations, passes, the ledger head, and JSON checks.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_certificates.h"

struct ct_state	 ct;

char		 ct_clock_now[32];	/* "" = the real clock */
static unsigned	 dev_counter;

/* ================================================================ time */

int64_t
ct_ms(const char *s)
{
	struct tm	 tm;
	const char	*p;
	int64_t		 ms = 0;
	int		 n;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || (p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)) == NULL)
		return INT64_MIN;
	if (*p == '.') {
		for (n = 0, p++; isdigit((unsigned char)*p); p++, n++)
			if (n < 3)
				ms = ms * 10 + (*p - '0');
		for (; n < 3; n++)
			ms *= 10;
	}
	return (int64_t)timegm(&tm) * 1000 + ms;
}

const char *
ct_iso(int64_t ms)
{
	static char	 buf[16][64];
	static unsigned	 k;
	char		*b = buf[k++ % 16];
	time_t		 s = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	struct tm	 tm;

	gmtime_r(&s, &tm);
	snprintf(b, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (int)(ms - (int64_t)s * 1000));
	return b;
}

static int
month_days(int y, int m)	/* m 0..11 */
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m];
}

/* addMonths (certificates.md §2): time of day kept, day clamped. */
int64_t
ct_add_months(int64_t ms, int n)
{
	time_t		 s = (time_t)(ms / 1000);
	struct tm	 tm;
	int		 y, m, d;

	gmtime_r(&s, &tm);
	m = tm.tm_mon + n;
	y = tm.tm_year + 1900 + m / 12;
	m %= 12;
	d = tm.tm_mday;
	if (d > month_days(y, m))
		d = month_days(y, m);
	tm.tm_year = y - 1900;
	tm.tm_mon = m;
	tm.tm_mday = d;
	return (int64_t)timegm(&tm) * 1000 + ms % 1000;
}

/* ============================================================= checks */

int
ct_check_at(const char *file, unsigned int line, int ok, const char *fmt, ...)
{
	va_list	 ap;
	char	 what[1024];

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return itest_check(ok, NULL, what, file, line, 0);
}

int
ct_jeq_at(const char *file, unsigned int line, struct json_object *o,
    const char *path, const char *fmt, ...)
{
	struct json_object	*want, *got;
	va_list			 ap;
	char			*text;
	int			 ok;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	if ((want = json_tokener_parse(text)) == NULL &&
	    strcmp(text, "null") != 0) {
		fprintf(stderr, "bad test JSON: %s\n", text);
		exit(2);
	}
	got = itest_oget(o, path);
	ok = itest_otype(o, path) >= 0 && json_object_equal(got, want);
	ct_check_at(file, line, ok, "%s == %s (got %s)", path, text,
	    itest_otype(o, path) < 0 ? "nothing" :
	    json_object_to_json_string_ext(got, JSON_C_TO_STRING_PLAIN));
	json_object_put(want);
	free(text);
	return ok;
}

int
ct_ints_at(const char *file, unsigned int line, struct json_object *o,
    const char *path, const long long *v, size_t n)
{
	struct json_object	*a = itest_oget(o, path), *x;
	size_t			 i;
	int			 ok;
	char			 want[512] = "";

	ok = json_object_is_type(a, json_type_array) &&
	    json_object_array_length(a) == n;
	for (i = 0; i < n; i++) {
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
		    "%s%lld", i ? "," : "", v[i]);
		if (!ok)
			continue;
		x = json_object_array_get_idx(a, i);
		if (!json_object_is_type(x, json_type_int) ||
		    json_object_get_int64(x) != v[i])
			ok = 0;
	}
	return ct_check_at(file, line, ok, "%s == [%s] (got %.300s)", path,
	    want, a ? json_object_to_json_string_ext(a,
	    JSON_C_TO_STRING_PLAIN) : "nothing");
}

void
ct_sum_ids_at(const char *file, unsigned int line, struct json_object *s,
    long long first, long long n)
{
	struct json_object	*a = itest_oget(s, "certificateIds");
	long long		 i;
	int			 ok;

	ok = itest_oint(s, "certificatesIssued") == n &&
	    json_object_is_type(a, json_type_array) &&
	    (long long)json_object_array_length(a) == n;
	for (i = 0; ok && i < n; i++)
		ok = json_object_get_int64(json_object_array_get_idx(a,
		    (size_t)i)) == first + i;
	ct_check_at(file, line, ok, "summary: certificatesIssued %lld, "
	    "certificateIds %lld..%lld (got %.400s)", n, first, first + n - 1,
	    s ? json_object_to_json_string_ext(s, JSON_C_TO_STRING_PLAIN) :
	    "nothing");
}

/* ========================================================== requests */

void
ct_clock(const char *now)
{
	struct itest_resp	 r;
	char			*b, want[32];

	ITEST_REQUIRE(ct.admin != NULL);
	snprintf(want, sizeof(want), "%s", ct_iso(ct_ms(now)));
	if (strcmp(ct_clock_now, want) == 0)
		return;
	b = itest_fmt("{\"now\":\"%s\"}", now);
	itest_put(CT_CLOCK, ct.admin, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_JSTR(&r, "now", want);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "overridden") == 1);
	itest_resp_free(&r);
	free(b);
	snprintf(ct_clock_now, sizeof(ct_clock_now), "%s", want);
}

void
ct_clock_clear(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(ct.admin != NULL);
	itest_put(CT_CLOCK, ct.admin, "{\"now\":null}", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "overridden") == 0);
	itest_resp_free(&r);
	ct_clock_now[0] = '\0';
}

void
ct_party_named(struct ct_party *p, const char *type, const char *name,
    const char *tag)
{
	struct itest_resp	 r;
	char			*email = itest_unique_email(tag), *b;

	if (ct_clock_now[0] != '\0')
		ct_clock_clear();
	b = itest_fmt("{\"firstName\":\"Cert\",\"lastName\":\"Test\","
	    "\"email\":\"%s\",\"organizationType\":\"%s\",\"password\":\""
	    CT_PASSWORD "\",\"confirmPassword\":\"" CT_PASSWORD "\","
	    "\"orgName\":\"%s\"}", email, type, name);
	itest_post("/api/user/register", NULL, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	p->org = itest_jint(&r, "organization.id");
	p->uid = itest_jint(&r, "id");
	ITEST_ASSERT_R_FATAL(&r, p->org > 0 && p->uid > 0);
	itest_resp_free(&r);
	p->tok = itest_login(email, CT_PASSWORD);
	ITEST_REQUIRE(p->tok != NULL);
	free(email);
	free(b);
}

void
ct_party_new(struct ct_party *p, const char *type, const char *tag)
{
	char *name = itest_unique(tag);

	ct_party_named(p, type, name, tag);
	free(name);
}

void
ct_party_add(struct ct_party *p, long long org, const char *role,
    const char *tag)
{
	struct itest_resp	 r;
	char			*email = itest_unique_email(tag), *b;

	if (ct_clock_now[0] != '\0')
		ct_clock_clear();
	b = itest_fmt("{\"firstName\":\"Cert\",\"lastName\":\"Test\","
	    "\"email\":\"%s\",\"password\":\"" CT_PASSWORD "\","
	    "\"confirmPassword\":\"" CT_PASSWORD "\",\"role\":\"%s\","
	    "\"organizationId\":%lld}", email, role, org);
	itest_post("/api/admin/users", ct.admin, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	p->uid = itest_jint(&r, "id");
	p->org = org;
	itest_resp_free(&r);
	p->tok = itest_login(email, CT_PASSWORD);
	ITEST_REQUIRE(p->tok != NULL);
	free(email);
	free(b);
}

/* base with the top-level keys of patch set (a JSON null deletes). */
static char *
merge(const char *base, const char *patch)
{
	return itest_json_merge(base, patch);
}

struct ct_dev
ct_device(const char *tok, const char *fmt, ...)
{
	static const char base[] = "{\"address\":\"1 Test Road\","
	    "\"latitude\":\"12.9716\",\"longitude\":\"77.5946\","
	    "\"countryCode\":\"IND\",\"fuelCode\":\"ES100\",\"deviceTypeCode\":"
	    "\"TC110\",\"capacity\":10,\"yieldValue\":2000,"
	    "\"commissioningDate\":\"2024-01-01\",\"gridInterconnection\":true,"
	    "\"offTaker\":\"School\"}";
	struct itest_resp	 r;
	struct ct_dev		 d;
	va_list			 ap;
	char			*patch, *b, *b2, *ext;

	va_start(ap, fmt);
	if (vasprintf(&patch, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	ext = itest_fmt("{\"externalId\":\"Cert-Dev-%u\"}", ++dev_counter);
	b2 = merge(base, ext);
	b = merge(b2, patch);
	itest_post("/api/device", tok, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	d.id = itest_jint(&r, "id");
	d.iid = strdup(itest_jstr(&r, "internalExternalId") ?
	    itest_jstr(&r, "internalExternalId") : "");
	d.ext = strdup(itest_jstr(&r, "externalId") ?
	    itest_jstr(&r, "externalId") : "");
	ITEST_ASSERT_R_FATAL(&r, d.id > 0 && strlen(d.iid) == 36);
	if (ct_clock_now[0] != '\0')
		ITEST_ASSERT_JSTR(&r, "createdAt", ct_clock_now);
	itest_resp_free(&r);
	free(b);
	free(b2);
	free(ext);
	free(patch);
	return d;
}

char *
ct_rd(const char *s, const char *e, long long v)
{
	if (s != NULL)
		return itest_fmt("{\"starttimestamp\":\"%s\",\"endtimestamp\":"
		    "\"%s\",\"value\":%lld}", s, e, v);
	return itest_fmt("{\"endtimestamp\":\"%s\",\"value\":%lld}", e, v);
}

void
ct_reads_at(const char *file, unsigned int line, const char *tok,
    const struct ct_dev *d, const char *type, const char *fmt, ...)
{
	struct itest_resp	 r;
	va_list			 ap;
	char			*reads, *b, *path;

	va_start(ap, fmt);
	if (vasprintf(&reads, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	b = itest_fmt("{\"type\":\"%s\",\"unit\":\"Wh\",\"reads\":[%s]}", type,
	    reads);
	path = itest_fmt("/api/meter-reads/new/%s", d->iid);
	itest_post(path, tok, b, &r);
	itest_check_status(&r, 201, 1, file, line);
	itest_resp_free(&r);
	free(path);
	free(b);
	free(reads);
}

struct ct_res
ct_reserve_at(const char *file, unsigned int line, const char *tok,
    const char *fmt, ...)
{
	struct itest_resp	 r;
	struct ct_res		 res;
	va_list			 ap;
	char			*b;

	va_start(ap, fmt);
	if (vasprintf(&b, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	itest_post(CT_BR, tok, b, &r);
	itest_check_status(&r, 201, 1, file, line);
	res.id = itest_jint(&r, "id");
	res.uid = strdup(itest_jstr(&r, "devicegroup_uid") ?
	    itest_jstr(&r, "devicegroup_uid") : "");
	itest_check(res.id > 0 && strlen(res.uid) == 36, &r,
	    "a reservation id and uid", file, line, 1);
	itest_resp_free(&r);
	free(b);
	return res;
}

struct json_object *
ct_pass_at(const char *file, unsigned int line, const char *t)
{
	struct itest_resp	 r;
	struct json_object	*o;

	ct_clock(t);
	itest_post(CT_RUN, ct.admin, "{}", &r);
	itest_check_status(&r, 200, 1, file, line);
	itest_check_str(&r, "startedAt", ct_iso(ct_ms(t)), file, line);
	o = json_object_get(r.json);
	itest_resp_free(&r);
	return o;
}

long long
ct_head(char *hash)
{
	struct itest_resp	 r;
	long long		 id;

	itest_get(CT_LEDGER "?afterId=1000000000000&limit=1", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	id = itest_jint(&r, "headId");
	if (hash != NULL)
		snprintf(hash, 65, "%s", itest_jstr(&r, "headHash") ?
		    itest_jstr(&r, "headHash") : "");
	itest_resp_free(&r);
	return id;
}

