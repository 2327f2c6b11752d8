/*
 * integrators.md §11's bulk vectors (#24-#30, #34-#38, #41), run inside
 * itest_integrators after #23 (see test_integrators.c).  Jobs run in
 * drecd's job thread; a job is polled until it is decided, at most
 * POLL_S seconds (a bound, not a timing assertion).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "itest.h"
#include "test_integrators.h"

#define DEV_UP		"/api/device/bulk-upload"
#define READ_UP		"/api/meter-reads/bulk-upload"
#define CSV		"text/csv"
#define POLL_S		60

#define C1_HEAD "externalId,address,latitude,longitude,countryCode,fuelCode," \
	"deviceTypeCode,capacity,commissioningDate,SDGBenefits,yieldValue\n"
#define C1_BODY \
	"KH-001,Phnom Penh,11.5564,104.9282,KH,ES100,TC120,0.66,2021-05-30,1|7,\n" \
	"KH-002,\"Siem Reap, Road 6\",13.3633,103.8564,KHM,es100,tc120,0.3," \
	"2021-05-30,,1500\n" \
	"KH-003,Kampot,10.6104,104.1815,KH,ES100,TC120,0,2021-05-30,,\n" \
	"kh-001,Kep,10.48,104.31,KH,ES100,TC120,0.5,2021-05-30,,\n"
#define CSV_C1 C1_HEAD C1_BODY
#define CSV_C2 C1_HEAD \
	"KH-001,Phnom Penh,11.5564,104.9282,KH,ES100,TC120,0.66,2021-05-30,1|7,\n" \
	"KH-002,\"Siem Reap, Road 6\",13.3633,103.8564,KHM,es100,tc120,0.3," \
	"2021-05-30,,1500\n" \
	"KH-003,Kampot,10.6104,104.1815,KH,ES100,TC120,0.45,2021-05-30,,\n"
#define R1 "id,timestamp,value,unit\n" \
	"KH-001,2025-03-02T00:00:00Z,1200,Wh\n" \
	"KH-002,2025-03-02T00:00:00Z,1460,Wh\n" \
	"KH-001,2025-03-03T00:00:00Z,0,Wh\n" \
	"KH-001,2025-03-04T00:00:00Z,2.5005,kWh\n" \
	"NOPE,2025-03-02T00:00:00Z,5,Wh\n"

static long long job1;

/* POSTs a CSV body; the response in *r. */
static void
post_csv(const char *path, const char *tok, const char *ct, const char *body,
    const char *const *hdrs, struct itest_resp *r)
{
	itest_request("POST", path, tok, ct, body, hdrs, r);
}

/* Polls job id until it is decided; the last response in *r. */
static void
poll_job(long long id, const char *tok, struct itest_resp *r)
{
	struct timespec	 ts = { 0, 100 * 1000000L };
	char		*p = itest_fmt("/api/bulk-upload/jobs/%lld", id);
	const char	*st;
	int		 i;

	for (i = 0; i < POLL_S * 10; i++) {
		itest_get(p, tok, r);
		st = itest_jstr(r, "status");
		if (r->status != 200 || (st && (strcmp(st, "Completed") == 0 ||
		    strcmp(st, "Failed") == 0)))
			break;
		itest_resp_free(r);
		nanosleep(&ts, NULL);
	}
	free(p);
	ITEST_ASSERT_STATUS_FATAL(r, 200);
	ITEST_ASSERT_JSTR(r, "status", "Completed");
}

/* Uploads and waits; the job id, its final view in *r. */
static long long
upload_done(const char *path, const char *tok, const char *body,
    struct itest_resp *r)
{
	long long id;

	post_csv(path, tok, CSV, body, NULL, r);
	ITEST_ASSERT_STATUS_FATAL(r, 202);
	id = itest_jint(r, "jobId");
	itest_resp_free(r);
	poll_job(id, tok, r);
	return id;
}

/* The item of externalId ext in a job view, or NULL. */
static struct json_object *
item_of(const struct itest_resp *r, const char *ext, int row)
{
	struct json_object	*l = itest_jget(r, "itemsPage.items"), *o;
	size_t			 i;

	for (i = 0; l != NULL && i < json_object_array_length(l); i++) {
		o = json_object_array_get_idx(l, i);
		if ((ext == NULL || (itest_ostr(o, "externalId") &&
		    strcmp(itest_ostr(o, "externalId"), ext) == 0)) &&
		    (row == 0 || itest_oint(o, "row") == row))
			return o;
	}
	return NULL;
}

void
b24_content(void)
{
	struct itest_resp r;

	post_csv(DEV_UP, tOA1, "application/json", CSV_C1, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
	itest_resp_free(&r);
	post_csv(DEV_UP, tOA1, CSV, "externalId,address,latitude,longitude,"
	    "countryCode,fuelCode,deviceTypeCode,commissioningDate\n"
	    "A,b,1,1,KH,ES100,TC120,2021-05-30\n", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "CSV_MISSING_COLUMN");
	ITEST_ASSERT_R(&r, itest_message_has(&r, "capacity"));
	itest_resp_free(&r);
	post_csv(DEV_UP, tOA1, CSV, "externalId,address,latitude,longitude,"
	    "countryCode,fuelCode,deviceTypeCode,capcity,commissioningDate\n"
	    "A,b,1,1,KH,ES100,TC120,1,2021-05-30\n", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "CSV_UNKNOWN_COLUMN");
	ITEST_ASSERT_R(&r, itest_message_has(&r, "capcity") &&
	    itest_message_has(&r, "comma"));
	itest_resp_free(&r);
}

void
b25_upload(void)
{
	struct itest_resp	 r;
	struct json_object	*o;
	char			*loc;

	post_csv(DEV_UP, tOA1, "text/csv; charset=utf-8", CSV_C1, NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 202);
	ITEST_ASSERT_JSTR(&r, "status", "Added");
	ITEST_ASSERT_JINT(&r, "rows", 4);
	ITEST_ASSERT_JSTR(&r, "kind", "devices");
	job1 = itest_jint(&r, "jobId");
	loc = itest_header(&r, "Location");
	ITEST_ASSERT_R(&r, loc != NULL && strstr(loc, "/api/bulk-upload/jobs/")
	    != NULL);
	free(loc);
	itest_resp_free(&r);
	poll_job(job1, tOA1, &r);
	ITEST_ASSERT_JINT(&r, "succeeded", 2);
	ITEST_ASSERT_JINT(&r, "failed", 2);
	ITEST_ASSERT_JINT(&r, "pending", 0);
	o = item_of(&r, NULL, 4);
	ITEST_ASSERT_R(&r, o != NULL && strcmp(itest_ostr(o, "status"),
	    "Failed") == 0 && strcmp(itest_ostr(o, "errors.0.code"),
	    "INVALID_FIELD") == 0 && strcmp(itest_ostr(o, "errors.0.field"),
	    "capacity") == 0);
	o = item_of(&r, NULL, 5);
	ITEST_ASSERT_R(&r, o != NULL && strcmp(itest_ostr(o, "errors.0.code"),
	    "DUPLICATE_IN_FILE") == 0 && strstr(itest_ostr(o,
	    "errors.0.message"), "row 2") != NULL);
	itest_resp_free(&r);
}

/* The device of externalId ext in a /device/my list, or NULL. */
static struct json_object *
device_of(const struct itest_resp *r, const char *ext)
{
	size_t i;

	for (i = 0; r->json && i < json_object_array_length(r->json); i++) {
		struct json_object *o = json_object_array_get_idx(r->json, i);

		if (itest_ostr(o, "externalId") &&
		    strcmp(itest_ostr(o, "externalId"), ext) == 0)
			return o;
	}
	return NULL;
}

void
b26_devices(void)
{
	struct itest_resp	 r;
	struct json_object	*a, *b;

	itest_get("/api/device/my", tOA1, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	a = device_of(&r, "KH-001");
	b = device_of(&r, "KH-002");
	ITEST_ASSERT_R_FATAL(&r, a != NULL && b != NULL);
	ITEST_ASSERT_R(&r, strcmp(itest_ostr(a, "countryCode"), "KHM") == 0);
	ITEST_ASSERT_R(&r, itest_oint(a, "yieldValue") == 1450);
	/* SDG1 and SDG7 by name (devices.md §4). */
	ITEST_ASSERT_R(&r, strcmp(json_object_to_json_string_ext(itest_oget(a,
	    "SDGBenefits"), JSON_C_TO_STRING_PLAIN), "[\"No Poverty\","
	    "\"Affordable and Clean Energy\"]") == 0);
	ITEST_ASSERT_R(&r, strcmp(itest_ostr(a, "createdAt"),
	    "2025-03-01T10:00:00.000Z") == 0);
	ITEST_ASSERT_R(&r, strcmp(itest_ostr(b, "address"),
	    "Siem Reap, Road 6") == 0);
	ITEST_ASSERT_R(&r, strcmp(itest_ostr(b, "fuelCode"), "ES100") == 0);
	ITEST_ASSERT_R(&r, itest_oint(b, "yieldValue") == 1500);
	ITEST_ASSERT_R(&r, device_of(&r, "KH-003") == NULL);
	itest_resp_free(&r);
}

void
b27_reupload(void)
{
	struct itest_resp	 r;
	struct json_object	*o;

	upload_done(DEV_UP, tOA1, CSV_C2, &r);
	o = item_of(&r, "KH-001", 0);
	ITEST_ASSERT_R(&r, o && strcmp(itest_ostr(o, "status"), "Skipped") == 0);
	o = item_of(&r, "KH-002", 0);
	ITEST_ASSERT_R(&r, o && strcmp(itest_ostr(o, "status"), "Skipped") == 0);
	o = item_of(&r, "KH-003", 0);
	ITEST_ASSERT_R(&r, o && strcmp(itest_ostr(o, "status"), "Succeeded") ==
	    0 && itest_oint(o, "deviceId") > 0);
	ITEST_ASSERT_JINT(&r, "skipped", 2);
	ITEST_ASSERT_JINT(&r, "succeeded", 1);
	itest_resp_free(&r);
	/* The same externalId (another case) with another address. */
	upload_done(DEV_UP, tOA1, C1_HEAD "kh-002,Elsewhere,13.3633,103.8564,"
	    "KHM,ES100,TC120,0.3,2021-05-30,,1500\n", &r);
	o = item_of(&r, "kh-002", 0);
	ITEST_ASSERT_R(&r, o && strcmp(itest_ostr(o, "errors.0.code"),
	    "DEVICE_EXTERNAL_ID_TAKEN") == 0 && strstr(itest_ostr(o,
	    "errors.0.message"), "address") != NULL);
	itest_resp_free(&r);
}

void
b28_idempotency(void)
{
	struct itest_resp	 r;
	const char *const	*h = ITEST_HDRS("Idempotency-Key: up-1");
	long long		 j3;
	char			*rep;

	post_csv(DEV_UP, tOA1, CSV, CSV_C2, h, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 202);
	j3 = itest_jint(&r, "jobId");
	itest_resp_free(&r);
	post_csv(DEV_UP, tOA1, CSV, CSV_C2, h, &r);
	ITEST_ASSERT_STATUS(&r, 202);
	ITEST_ASSERT_JINT(&r, "jobId", j3);
	rep = itest_header(&r, "Idempotent-Replayed");
	ITEST_ASSERT_R(&r, rep != NULL && strcmp(rep, "true") == 0);
	free(rep);
	itest_resp_free(&r);
	post_csv(DEV_UP, tOA1, CSV, CSV_C1, h, &r);
	ITEST_ASSERT_ERROR(&r, 409, "IDEMPOTENCY_KEY_REUSED");
	itest_resp_free(&r);
	poll_job(j3, tOA1, &r);
	itest_resp_free(&r);
}

/* Jobs of OA1's organization (a count, to see nothing was written). */
static long long
job_count(void)
{
	struct itest_resp	r;
	long long		n;

	itest_get("/api/bulk-upload/jobs", tOA1, &r);
	n = itest_jint(&r, "totalCount");
	itest_resp_free(&r);
	return n;
}

/* A CSV failure: status 400, code, details.row (0: none expected). */
static void
csv_refused(const char *body, size_t len, const char *code, int row)
{
	struct itest_resp	 r;
	char			*b = malloc(len + 1);

	memcpy(b, body, len);
	b[len] = '\0';
	post_csv(DEV_UP, tOA1, CSV, b, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, code);
	if (row > 0)
		ITEST_ASSERT_JINT(&r, "details.row", row);
	itest_resp_free(&r);
	free(b);
}

void
b29_malformed(void)
{
	static const char enc[] = C1_HEAD
	    "KH-7,a,11.5,104.9,KH,ES100,TC120,1,2021-05-30,,\n"
	    "KH-8,\xff,11.5,104.9,KH,ES100,TC120,1,2021-05-30,,\n";
	struct itest_resp	 r;
	struct strbuf_like { char *p; size_t n, cap; } big = { NULL, 0, 0 };
	long long		 before = job_count();
	int			 i;
	char			*line;

	csv_refused(C1_HEAD "KH-9,\"Phnom \"Penh\",11.5,104.9,KH,ES100,TC120,"
	    "1,2021-05-30,,\n", strlen(C1_HEAD) + 60, "CSV_MALFORMED", 2);
	csv_refused(C1_HEAD "KH-9,a,11.5,104.9,KH,ES100,TC120,1,2021-05-30,,,"
	    "x\n", strlen(C1_HEAD) + 48, "CSV_MALFORMED", 2);
	csv_refused(C1_HEAD, strlen(C1_HEAD), "CSV_EMPTY", 0);
	csv_refused(enc, sizeof(enc) - 1, "CSV_INVALID_ENCODING", 3);
	/* 10 001 rows. */
	big.cap = 64 * 10002 + 512;
	big.p = malloc(big.cap);
	big.n = (size_t)snprintf(big.p, big.cap, "%s", C1_HEAD);
	for (i = 0; i < 10001; i++) {
		line = itest_fmt("T-%d,a,11.5,104.9,KH,ES100,TC120,1,"
		    "2021-05-30,,\n", i);
		memcpy(big.p + big.n, line, strlen(line));
		big.n += strlen(line);
		free(line);
	}
	csv_refused(big.p, big.n, "CSV_TOO_MANY_ROWS", 0);
	free(big.p);
	CU_ASSERT_EQUAL(job_count(), before);
	/* BOM, CRLF, an empty last line: accepted. */
	post_csv(DEV_UP, tOA1, CSV, "\xef\xbb\xbf" "externalId,address,latitude,"
	    "longitude,countryCode,fuelCode,deviceTypeCode,capacity,"
	    "commissioningDate\r\nKH-BOM,a,11.5,104.9,KH,ES100,TC120,1,"
	    "2021-05-30\r\n\r\n", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 202);
	ITEST_ASSERT_JINT(&r, "rows", 1);
	if (r.status == 202) {
		long long id = itest_jint(&r, "jobId");

		itest_resp_free(&r);
		poll_job(id, tOA1, &r);
		ITEST_ASSERT_JINT(&r, "succeeded", 1);
	}
	itest_resp_free(&r);
}

/* Hostile cells are data: stored verbatim, the job never fails. */
void
b29_hostile_cells(void)
{
	struct itest_resp	 r;
	struct json_object	*o;
	size_t			 i;
	int			 found = 0;

	upload_done(DEV_UP, tOA1, "externalId,address,latitude,longitude,"
	    "countryCode,fuelCode,deviceTypeCode,capacity,commissioningDate,"
	    "projectName,impactStory\n"
	    "HOST-1,\"' OR '1'='1\",11.5,104.9,KH,ES100,TC120,1,2021-05-30,"
	    "\"x'; DROP TABLE user; --\",\"=HYPERLINK(\"\"http://x\"\")\"\n",
	    &r);
	ITEST_ASSERT_JINT(&r, "succeeded", 1);
	itest_resp_free(&r);
	itest_get("/api/device/my", tOA1, &r);
	for (i = 0; r.json && i < json_object_array_length(r.json); i++) {
		o = json_object_array_get_idx(r.json, i);
		if (itest_ostr(o, "externalId") == NULL ||
		    strcmp(itest_ostr(o, "externalId"), "HOST-1") != 0)
			continue;
		found = 1;
		ITEST_ASSERT_R(&r, strcmp(itest_ostr(o, "address"),
		    "' OR '1'='1") == 0 && strcmp(itest_ostr(o, "projectName"),
		    "x'; DROP TABLE user; --") == 0 && strcmp(itest_ostr(o,
		    "impactStory"), "=HYPERLINK(\"http://x\")") == 0);
	}
	ITEST_ASSERT_R(&r, found);
	itest_resp_free(&r);
}

void
b30_visibility(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/bulk-upload/jobs/%lld", job1);

	itest_expect_error("GET", p, tOA2, NULL, NULL, 404, "JOB_NOT_FOUND");
	itest_expect_error("GET", p, tBU1, NULL, NULL, 403, "FORBIDDEN");
	itest_get(p, tA, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(p);
	post_csv(DEV_UP, tA, CSV, CSV_C1, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_assert_detail_fields(&r, "organizationId", NULL);
	itest_resp_free(&r);
	p = itest_fmt(DEV_UP "?organizationId=%lld", orgK);
	post_csv(p, tc2, CSV, CSV_C1, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 202);
	ITEST_ASSERT_JINT(&r, "organizationId", orgK);
	ITEST_ASSERT_JINT(&r, "userId", ops_id);
	if (r.status == 202) {
		long long id = itest_jint(&r, "jobId");

		itest_resp_free(&r);
		poll_job(id, tc2, &r);
		ITEST_ASSERT_JINT(&r, "succeeded", 2);
	}
	itest_resp_free(&r);
	free(p);
	p = itest_fmt(DEV_UP "?organizationId=%lld", d1);
	post_csv(p, tc2, CSV, CSV_C1, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 404, "ORGANIZATION_NOT_FOUND");
	itest_resp_free(&r);
	free(p);
}

/* A multipart/form-data body with one part "files" named fname. */
static char *
multipart(const char *fname, const char *csv)
{
	return itest_fmt("--XyZ\r\nContent-Disposition: form-data; name=\"files\";"
	    " filename=\"%s\"\r\nContent-Type: application/vnd.ms-excel\r\n\r\n"
	    "%s\r\n--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n"
	    "\r\nignored\r\n--XyZ--\r\n", fname, csv);
}
#define MP_CT	"multipart/form-data; boundary=XyZ"

/* POST /api/file with one CSV; the file id (malloc'd). */
static char *
file_upload(const char *tok, const char *csv)
{
	struct itest_resp	 r;
	char			*b = multipart("devices.CSV", csv), *id = NULL;

	post_csv("/api/file", tok, MP_CT, b, NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 1);
	if (itest_jstr(&r, "0") != NULL)
		id = strdup(itest_jstr(&r, "0"));
	itest_resp_free(&r);
	free(b);
	ITEST_REQUIRE(id != NULL);
	return id;
}

void
b31_file_flow(void)
{
	struct itest_resp	 r;
	char			*f, *b, *csv, *p;
	long long		 id;

	csv = strdup(CSV_C2);
	for (p = csv; (p = strstr(p, "KH-0")) != NULL; p += 4)
		p[3] = '1';	/* KH-1xx */
	f = file_upload(tOA1, csv);
	b = itest_fmt("{\"fileName\":\"%s\"}", f);
	itest_post("/api/buyer-reservation/process-creation-bulk-devices-csv",
	    tOA1, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_JSTR(&r, "status", "Added");
	ITEST_ASSERT_JSTR(&r, "fileId", f);
	id = itest_jint(&r, "jobId");
	itest_resp_free(&r);
	itest_expect_error("POST", "/api/device-group/process-creation-bulk-"
	    "devices-csv", tOA2, b, NULL, 404, "FILE_NOT_FOUND");
	poll_job(id, tOA1, &r);
	ITEST_ASSERT_JINT(&r, "succeeded", 3);
	itest_resp_free(&r);
	p = itest_fmt("/api/buyer-reservation/bulk-upload-status/%lld", id);
	itest_get(p, tOA1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "errorDetails.log.errorDetails.0.status",
	    "Success");
	ITEST_ASSERT_JINT(&r, "errorDetails.log.successfullyAddedRowsAnd"
	    "ExternalIds.0.rowNumber", 2);
	itest_resp_free(&r);
	free(p);
	itest_get("/api/buyer-reservation/bulk-upload/get-all-csv-jobs-of-"
	    "organization", tOA1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "csvJobs.0.jobId", id);
	ITEST_ASSERT_JSTR(&r, "csvJobs.0.fileId", f);
	ITEST_ASSERT_JSTR(&r, "csvJobs.0.organization.name", "D1");
	itest_resp_free(&r);
	/* The file went with its job: a second start finds nothing. */
	itest_expect_error("POST", "/api/buyer-reservation/process-creation-"
	    "bulk-devices-csv", tOA1, b, NULL, 404, "FILE_NOT_FOUND");
	free(b);
	free(f);
	free(csv);
	/* Not a .csv name: 415; no files part: 400. */
	b = multipart("devices.xlsx", "a,b\n1,2\n");
	post_csv("/api/file", tOA1, MP_CT, b, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
	itest_resp_free(&r);
	free(b);
	post_csv("/api/file", tOA1, MP_CT, "--XyZ\r\nContent-Disposition: "
	    "form-data; name=\"x\"\r\n\r\n1\r\n--XyZ--\r\n", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_resp_free(&r);
	post_csv("/api/file", tOA1, CSV, "a,b\n", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
	itest_resp_free(&r);
}

void
b32_admin_process(void)
{
	char	*f = file_upload(tA, CSV_C2);
	char	*b = itest_fmt("{\"fileName\":\"%s\"}", f), *p;

	p = itest_fmt("/api/device/addByAdmin/process-creation-bulk-devices-"
	    "csv/%lld", b1);
	itest_expect_error("POST", p, tA, b, NULL, 400,
	    "ORGANIZATION_NOT_DEVELOPER");
	free(p);
	itest_expect_error("POST", "/api/device/addByAdmin/process-creation-"
	    "bulk-devices-csv/999999", tA, b, NULL, 404,
	    "ORGANIZATION_NOT_FOUND");
	free(b);
	free(f);
}

void
b34_read_query(void)
{
	struct itest_resp r;

	itest_put("/api/test/clock", tA, "{\"now\":\"2025-03-05T00:00:00Z\"}",
	    &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	itest_resp_free(&r);
	post_csv(READ_UP, tOA1, CSV, R1, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_assert_detail_fields(&r, "type", NULL);
	itest_resp_free(&r);
	post_csv(READ_UP "?type=Hourly", tOA1, CSV, R1, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_resp_free(&r);
	post_csv(READ_UP "?type=History", tOA1, CSV, R1, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "CSV_MISSING_COLUMN");
	ITEST_ASSERT_R(&r, itest_message_has(&r, "starttimestamp"));
	itest_resp_free(&r);
}

void
b35_reads(void)
{
	struct itest_resp	 r;
	struct json_object	*o;

	upload_done(READ_UP "?type=delta", tOA1, R1, &r);
	ITEST_ASSERT_JSTR(&r, "kind", "reads");
	ITEST_ASSERT_JINT(&r, "readsStored", 2);
	o = item_of(&r, "KH-001", 0);
	ITEST_ASSERT_R_FATAL(&r, o != NULL);
	ITEST_ASSERT_R(&r, strcmp(itest_ostr(o, "status"), "Succeeded") == 0);
	ITEST_ASSERT_R(&r, itest_oint(o, "readsStored") == 2);
	ITEST_ASSERT_R(&r, itest_oint(o, "readsSkipped") == 1);
	ITEST_ASSERT_R(&r, itest_oint(o, "energyWh") == 3701);
	ITEST_ASSERT_R(&r, itest_oint(o, "row") == 2 &&
	    itest_oint(o, "lastRow") == 5);
	o = item_of(&r, "KH-002", 0);
	ITEST_ASSERT_R_FATAL(&r, o != NULL);
	ITEST_ASSERT_R(&r, strcmp(itest_ostr(o, "errors.0.code"),
	    "ENERGY_IMPLAUSIBLE") == 0 && itest_oint(o, "errors.0.row") == 3 &&
	    itest_oint(o, "errors.0.maxWh") == 1459);
	o = item_of(&r, "NOPE", 0);
	ITEST_ASSERT_R(&r, o != NULL && strcmp(itest_ostr(o, "errors.0.code"),
	    "DEVICE_NOT_FOUND") == 0 && itest_oint(o, "errors.0.row") == 6);
	itest_resp_free(&r);
}

void
b36_listed(void)
{
	struct itest_resp r;

	itest_get("/api/meter-reads/KH-001?start=2025-03-01T00:00:00Z"
	    "&end=2025-03-05T00:00:00Z", tOA1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 2);
	ITEST_ASSERT_JSTR(&r, "0.timestamp", "2025-03-02T00:00:00.000Z");
	ITEST_ASSERT_JINT(&r, "0.value", 1200);
	ITEST_ASSERT_JSTR(&r, "1.timestamp", "2025-03-04T00:00:00.000Z");
	ITEST_ASSERT_JINT(&r, "1.value", 2501);
	itest_resp_free(&r);
}

void
b37_again(void)
{
	struct itest_resp	 r;
	struct json_object	*o;

	upload_done(READ_UP "?type=delta", tOA1, R1, &r);
	ITEST_ASSERT_JINT(&r, "readsStored", 0);
	o = item_of(&r, "KH-001", 0);
	ITEST_ASSERT_R(&r, o != NULL && strcmp(itest_ostr(o, "status"),
	    "Skipped") == 0 && itest_oint(o, "readsDuplicate") == 2);
	itest_resp_free(&r);
}

void
b38_older(void)
{
	struct itest_resp	 r;
	struct json_object	*o;

	upload_done(READ_UP "?type=Delta", tOA1, "id,timestamp,value,unit\n"
	    "KH-001,2025-03-03T12:00:00Z,10,Wh\n", &r);
	o = item_of(&r, "KH-001", 0);
	ITEST_ASSERT_R(&r, o != NULL && strcmp(itest_ostr(o, "errors.0.code"),
	    "READ_OLDER_THAN_LAST") == 0 && itest_oint(o, "errors.0.row") == 2);
	itest_resp_free(&r);
}

void
v41_yield_patch(void)
{
	struct itest_resp r;

	itest_request("PATCH", "/api/device/KH-001", tOA1, NULL,
	    "{\"projectName\":\"P\"}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "yieldValue", 1450);
	itest_resp_free(&r);
	itest_request("PATCH", "/api/device/KH-001", tOA1, NULL,
	    "{\"yieldValue\":null}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "yieldValue", 2000);
	itest_resp_free(&r);
}
