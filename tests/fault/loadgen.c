/*
 * loadgen: the load generator of the fault tests (tests/fault/run.sh,
 * docs/reliability-faults.md).  Black-box, over HTTP (libcurl), JSON
 * through json-c; no drec code.
 *
 *   loadgen setup --url URL --state FILE --tag TAG --devices N
 *           [--hourly-reads H] [--reservation]
 *	Admin (DREC_ADMIN_EMAIL / DREC_ADMIN_PASSWORD) sets the test clock
 *	(CONVENTIONS §11) to CLOCK0 (2024-01-01T00:00:00Z); a new Developer
 *	organization registers N devices (10 kW, yield 2000, commissioned
 *	2020-07-01, IND): their onboarding is CLOCK0.  The clock then moves
 *	to CLOCK1 (2024-07-01T00:00:00Z) and the developer logs in again.
 *	--hourly-reads H posts, per device, one batch of H Delta reads
 *	ending at CLOCK0 + 1 h, + 2 h, ... (the issuer workload);
 *	--reservation registers a Buyer organization that reserves every
 *	device, hourly, over [CLOCK0, CLOCK0 + (H+1) h), authorityToExceed.
 *	The state FILE gets the token, the devices and the reservation.
 *
 *   loadgen run --url URL --state FILE --out PREFIX [--threads N]
 *           [--duration S] [--stop-file F] [--timeout S] [--give-up S]
 *	One thread per device (the first N devices): each posts one Delta
 *	read per request, ends CLOCK0 + 1 min, + 2 min, ... (strictly
 *	increasing), value 1-90 Wh (plausible: 10 kW × 1 min is 166 Wh),
 *	with a fresh Idempotency-Key "TAG-<device>-<k>" per read.  A request
 *	that gets no response or a 5xx is retried with the SAME key (and
 *	body) after a short back-off until a definite answer (2xx, 4xx) or
 *	until --give-up seconds (default 120) have passed since its first
 *	attempt (then it is "undetermined").  No new read starts after
 *	--duration seconds or once --stop-file exists; the ones under way
 *	are finished.  --timeout is curl's limit per attempt (default 60 s).
 *	--batch B: the odd-numbered threads post B reads per request
 *	instead (ends (k-1)B+1 .. kB minutes; tests/cluster/run.sh); .req
 *	then has one line per read, all of a request with its key.
 *	--held-file F: whenever F is absent, it is written ("device thread
 *	ms" lines) as soon as attempts have been under way for --held-ms
 *	(default 300): requests held inside drecd (run.sh's signal tests
 *	hold a device's row lock).
 *	Writes
 *	  PREFIX.req  one line per read: device end key final-status
 *		      attempts first-attempt-ms (epoch) done-ms (epoch)
 *	  PREFIX.att  one line per attempt: key n start-ms end-ms status
 *		      code replayed latency-ms
 *	  PREFIX.sum  "name value" lines: the figures printed on stdout.
 *	"Acknowledged" = the final status is 201.  Exit 0 when the run
 *	completed (whatever the statuses), 2 on usage or setup errors.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <json-c/json.h>

#define CLOCK0		"2024-01-01T00:00:00.000Z"
#define CLOCK0_MS	1704067200000LL
#define CLOCK1		"2024-07-01T00:00:00.000Z"
#define PASSWORD	"FaultPassw0rd"
#define MAX_DEVICES	64
#define MINUTE_MS	60000LL
#define HOUR_MS		3600000LL

/* ---- small helpers ---- */

static void die(const char *, ...) __attribute__((format(printf, 1, 2),
    noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "loadgen: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(2);
}

static char *fmt(const char *, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt(const char *f, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		die("out of memory");
	va_end(ap);
	return s;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Epoch ms (>= 0) → 2024-01-01T00:01:00.000Z */
static void
iso(int64_t ms, char out[32])
{
	time_t		t = (time_t)(ms / 1000);
	struct tm	tm;
	char		s[24];

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 32, "%.19s.%03dZ", s, (int)(ms % 1000));
}

/* ---- HTTP ---- */

struct resp {
	long	 status;	/* 0: no response */
	char	*body;
	size_t	 len;
	int	 replayed;	/* Idempotent-Replayed: true */
	char	 err[CURL_ERROR_SIZE];
};

static const char	*base_url;
static long		 timeout_s = 60;

static size_t
on_body(char *d, size_t s, size_t n, void *arg)
{
	struct resp	*r = arg;
	char		*p;

	if ((p = realloc(r->body, r->len + s * n + 1)) == NULL)
		return 0;
	memcpy(p + r->len, d, s * n);
	r->body = p;
	r->len += s * n;
	p[r->len] = '\0';
	return s * n;
}

static size_t
on_header(char *d, size_t s, size_t n, void *arg)
{
	struct resp	*r = arg;
	static const char h[] = "idempotent-replayed:";

	if (s * n > sizeof(h) && strncasecmp(d, h, sizeof(h) - 1) == 0 &&
	    memmem(d + sizeof(h) - 1, s * n - (sizeof(h) - 1), "true", 4))
		r->replayed = 1;
	return s * n;
}

/* One exchange on handle c (kept between calls: keep-alive). */
static void
http(CURL *c, const char *method, const char *path, const char *token,
    const char *body, const char *hdr, struct resp *r)
{
	struct curl_slist	*hl = NULL;
	char			*url, *auth = NULL;

	free(r->body);
	memset(r, 0, sizeof(*r));
	url = fmt("%s%s", base_url, path);
	hl = curl_slist_append(hl, "Content-Type: application/json");
	hl = curl_slist_append(hl, "Expect:");
	if (token != NULL)
		hl = curl_slist_append(hl, auth = fmt("Authorization: Bearer %s",
		    token));
	if (hdr != NULL)
		hl = curl_slist_append(hl, hdr);
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, r->err);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	else
		r->status = 0;
	if (r->body == NULL)
		r->body = strdup("");
	curl_slist_free_all(hl);
	free(auth);
	free(url);
}

/* A JSON member of the body ("a.b" paths not needed). */
static json_object *
jget(json_object *o, const char *k)
{
	json_object *v = NULL;

	if (o == NULL || !json_object_object_get_ex(o, k, &v))
		return NULL;
	return v;
}

/* The envelope's code, or "-"; "+unknown" when details.outcome says so
 * (a 503 after a connection lost during COMMIT, meter-reads.md §2). */
static void
err_code(const struct resp *r, char *out, size_t len)
{
	json_object	*o = json_tokener_parse(r->body), *v, *d;
	const char	*oc = NULL;

	snprintf(out, len, "-");
	if ((d = jget(o, "details")) != NULL && (v = jget(d, "outcome")) !=
	    NULL && json_object_is_type(v, json_type_string))
		oc = json_object_get_string(v);
	if ((v = jget(o, "code")) != NULL &&
	    json_object_is_type(v, json_type_string))
		snprintf(out, len, "%s%s%s", json_object_get_string(v),
		    oc ? "+" : "", oc ? oc : "");
	json_object_put(o);
}

/* A request that must succeed with status `want`; its parsed body. */
static json_object *
must(CURL *c, const char *method, const char *path, const char *token,
    const char *body, long want)
{
	struct resp	 r = { 0 };
	json_object	*o;
	int		 i;

	for (i = 0; i < 5; i++) {	/* setup tolerates a slow start */
		http(c, method, path, token, body, NULL, &r);
		if (r.status != 0 && r.status < 500)
			break;
		sleep_ms(500);
	}
	if (r.status != want)
		die("%s %s: status %ld (want %ld) %s%s", method, path, r.status,
		    want, r.body, r.err);
	if ((o = json_tokener_parse(r.body)) == NULL)
		die("%s %s: not JSON: %s", method, path, r.body);
	free(r.body);
	return o;
}

static char *
login(CURL *c, const char *email, const char *password)
{
	json_object	*b = json_object_new_object(), *o, *t;
	char		*tok;

	json_object_object_add(b, "username", json_object_new_string(email));
	json_object_object_add(b, "password", json_object_new_string(password));
	o = must(c, "POST", "/api/auth/login", NULL,
	    json_object_to_json_string_ext(b, JSON_C_TO_STRING_PLAIN), 200);
	if ((t = jget(o, "accessToken")) == NULL)
		die("login %s: no accessToken", email);
	tok = strdup(json_object_get_string(t));
	json_object_put(o);
	json_object_put(b);
	return tok;
}

static void
clock_set(CURL *c, const char *admin, const char *instant)
{
	char *b = fmt("{\"now\":\"%s\"}", instant);

	json_object_put(must(c, "PUT", "/api/test/clock", admin, b, 200));
	free(b);
}

/* Registers a user with a new organization of type; the user's e-mail. */
static char *
register_org(CURL *c, const char *type, const char *tag)
{
	char	*email, *b;

	email = fmt("%s.%s.%ld@fault.test", tag, type, (long)getpid());
	b = fmt("{\"firstName\":\"Fault\",\"lastName\":\"Test\",\"email\":"
	    "\"%s\",\"organizationType\":\"%s\",\"password\":\"" PASSWORD
	    "\",\"confirmPassword\":\"" PASSWORD "\",\"orgName\":\"%s %s %ld\"}",
	    email, type, tag, type, (long)getpid());
	json_object_put(must(c, "POST", "/api/user/register", NULL, b, 201));
	free(b);
	return email;
}

/* ---- setup ---- */

static long long
json_id(json_object *o, const char *what)
{
	json_object *v = jget(o, "id");

	if (v == NULL || !json_object_is_type(v, json_type_int))
		die("%s: no id", what);
	return (long long)json_object_get_int64(v);
}

static int
cmd_setup(const char *state, const char *tag, int ndev, int hourly, int resv)
{
	CURL		*c = curl_easy_init();
	FILE		*f;
	const char	*ae = getenv("DREC_ADMIN_EMAIL");
	const char	*ap = getenv("DREC_ADMIN_PASSWORD");
	char		*admin, *dev_email, *buy_email = NULL, *dev, *buy = NULL;
	char		*b, t[32], t2[32];
	long long	 ids[MAX_DEVICES], resv_id = 0;
	int		 i, h;
	json_object	*o;
	struct strbuf_s { char *p; size_t n, cap; } sb;

	if (c == NULL)
		die("curl_easy_init failed");
	admin = login(c, ae ? ae : "admin@drec.test", ap ? ap : "Adm1nPass");
	clock_set(c, admin, CLOCK0);
	dev_email = register_org(c, "Developer", tag);
	dev = login(c, dev_email, PASSWORD);
	if (resv)
		buy_email = register_org(c, "Buyer", tag);
	for (i = 0; i < ndev; i++) {
		b = fmt("{\"externalId\":\"%s-d%d\",\"projectName\":\"Fault\","
		    "\"address\":\"1 Test Road\",\"latitude\":12.9716,"
		    "\"longitude\":77.5946,\"countryCode\":\"IND\",\"fuelCode\":"
		    "\"ES100\",\"deviceTypeCode\":\"TC120\",\"capacity\":10,"
		    "\"commissioningDate\":\"2020-07-01\",\"yieldValue\":2000}",
		    tag, i);
		o = must(c, "POST", "/api/device", dev, b, 201);
		ids[i] = json_id(o, "POST /api/device");
		json_object_put(o);
		free(b);
	}
	clock_set(c, admin, CLOCK1);
	free(dev);
	dev = login(c, dev_email, PASSWORD);
	if (resv)
		buy = login(c, buy_email, PASSWORD);
	for (i = 0; i < ndev && hourly > 0; i++) {
		sb.cap = (size_t)hourly * 64 + 128;
		sb.p = malloc(sb.cap);
		sb.n = (size_t)snprintf(sb.p, sb.cap,
		    "{\"type\":\"Delta\",\"unit\":\"Wh\",\"reads\":[");
		for (h = 1; h <= hourly; h++) {
			iso(CLOCK0_MS + h * HOUR_MS, t);
			sb.n += (size_t)snprintf(sb.p + sb.n, sb.cap - sb.n,
			    "%s{\"endtimestamp\":\"%s\",\"value\":%d}",
			    h > 1 ? "," : "", t, 100 + (h * 13 + i) % 400);
		}
		snprintf(sb.p + sb.n, sb.cap - sb.n, "]}");
		b = fmt("/api/meter-reads/new/%lld", ids[i]);
		json_object_put(must(c, "POST", b, dev, sb.p, 201));
		free(b);
		free(sb.p);
	}
	if (resv) {
		sb.cap = (size_t)ndev * 24 + 512;
		sb.p = malloc(sb.cap);
		iso(CLOCK0_MS, t);
		iso(CLOCK0_MS + (hourly + 1) * HOUR_MS, t2);
		sb.n = (size_t)snprintf(sb.p, sb.cap, "{\"name\":\"%s\","
		    "\"targetCapacityInMegaWattHour\":1,\"reservationStartDate\":"
		    "\"%s\",\"reservationEndDate\":\"%s\",\"authorityToExceed\":"
		    "true,\"frequency\":\"hourly\",\"deviceIds\":[", tag, t, t2);
		for (i = 0; i < ndev; i++)
			sb.n += (size_t)snprintf(sb.p + sb.n, sb.cap - sb.n,
			    "%s%lld", i ? "," : "", ids[i]);
		snprintf(sb.p + sb.n, sb.cap - sb.n, "]}");
		o = must(c, "POST", "/api/buyer-reservation", buy, sb.p, 201);
		resv_id = json_id(o, "POST /api/buyer-reservation");
		json_object_put(o);
		free(sb.p);
	}
	if ((f = fopen(state, "w")) == NULL)
		die("%s: %s", state, strerror(errno));
	fprintf(f, "tag %s\ntoken %s\n", tag, dev);
	for (i = 0; i < ndev; i++)
		fprintf(f, "device %lld %s-d%d\n", ids[i], tag, i);
	if (resv)
		fprintf(f, "reservation %lld\n", resv_id);
	if (fclose(f) != 0)
		die("%s: %s", state, strerror(errno));
	printf("setup %s: %d devices", tag, ndev);
	for (i = 0; i < ndev; i++)
		printf(" %lld", ids[i]);
	if (hourly)
		printf("; %d hourly reads each", hourly);
	if (resv)
		printf("; reservation %lld", resv_id);
	printf("\n");
	free(admin);
	free(dev);
	free(buy);
	free(dev_email);
	free(buy_email);
	curl_easy_cleanup(c);
	return 0;
}

/* ---- run ---- */

struct attempt {
	int64_t	 t0, t1;	/* epoch ms */
	double	 lat;		/* ms */
	long	 status;
	int	 n, replayed;
	char	 code[40];
};

struct request {
	int64_t	 end;		/* of its last read */
	int	 k, nreads;
	long	 final;		/* 0: undetermined */
	int	 attempts;
	int64_t	 t_first, t_done;
};

struct thread {
	pthread_t	 tid;
	_Atomic int64_t	 inflight_us;	/* an attempt under way since; 0: none */
	_Atomic int	 done;
	int		 idx;
	long long	 dev;
	char		 ext[256];
	struct request	*req;
	size_t		 nreq, capreq;
	struct attempt	*att;
	size_t		 natt, capatt;
	int		*att_req;	/* request index of each attempt */
};

static const char	*tag, *token, *stop_file, *held_file;
static double		 duration_s = 10, give_up_s = 120, held_ms = 300;
static int		 batch = 1;	/* reads per request, odd threads */
static double		 t_start;

static int
stopping(void)
{
	if (mono_ms() - t_start >= duration_s * 1000)
		return 1;
	return stop_file != NULL && access(stop_file, F_OK) == 0;
}

/*
 * --held-file: until every thread is done, whenever the file is absent and
 * attempts have been under way for --held-ms, write it ("device thread ms"
 * per such attempt): requests held inside drecd, e.g. on a row lock
 * (run.sh's signal tests remove the file, then wait for it).
 */
static void
watch_held(struct thread *th, int n)
{
	FILE	*f = NULL;
	char	*tmp = fmt("%s.tmp", held_file);
	int64_t	 since;
	int	 i, left;

	do {
		left = 0;
		for (i = 0; i < n; i++) {
			if (th[i].done)
				continue;
			left++;
			since = atomic_load(&th[i].inflight_us);
			if (since == 0 || mono_ms() - (double)since / 1000 <
			    held_ms || access(held_file, F_OK) == 0)
				continue;
			if (f == NULL && (f = fopen(tmp, "w")) == NULL)
				continue;
			fprintf(f, "%lld %s-%d %.0f\n", th[i].dev, tag, i,
			    mono_ms() - (double)since / 1000);
		}
		if (f != NULL) {
			fclose(f);
			f = NULL;
			rename(tmp, held_file);
		}
		sleep_ms(10);
	} while (left > 0);
	free(tmp);
}

static void *
worker(void *arg)
{
	struct thread	*th = arg;
	CURL		*c = curl_easy_init();
	struct resp	 r = { 0 };
	struct request	*q;
	struct attempt	*a;
	char		 end[32], *path, *body, *hdr;
	double		 m0;
	int		 k, nb = th->idx % 2 == 1 ? batch : 1, j;
	long		 backoff;
	size_t		 bl;

	if (c == NULL)
		die("curl_easy_init failed");
	path = fmt("/api/meter-reads/new/%s", th->ext);
	for (k = 1; !stopping(); k++) {
		if (th->nreq == th->capreq) {
			th->capreq = th->capreq ? th->capreq * 2 : 1024;
			th->req = realloc(th->req, th->capreq * sizeof(*th->req));
			if (th->req == NULL)
				die("out of memory");
		}
		q = &th->req[th->nreq++];
		memset(q, 0, sizeof(*q));
		q->k = k;
		q->nreads = nb;
		q->end = CLOCK0_MS + (int64_t)k * nb * MINUTE_MS;
		body = malloc(bl = 64 + (size_t)nb * 64);
		if (body == NULL)
			die("out of memory");
		snprintf(body, bl, "{\"type\":\"Delta\",\"unit\":\"Wh\","
		    "\"reads\":[");
		for (j = nb - 1; j >= 0; j--) {
			iso(q->end - j * MINUTE_MS, end);
			snprintf(body + strlen(body), bl - strlen(body),
			    "%s{\"endtimestamp\":\"%s\",\"value\":%d}",
			    j == nb - 1 ? "" : ",", end,
			    1 + ((k * nb - j) * 7 + th->idx) % 90);
		}
		snprintf(body + strlen(body), bl - strlen(body), "]}");
		hdr = fmt("Idempotency-Key: %s-%d-%d", tag, th->idx, k);
		q->t_first = now_ms();
		for (backoff = 50;; backoff = backoff < 400 ? backoff * 2 : 500) {
			if (th->natt == th->capatt) {
				th->capatt = th->capatt ? th->capatt * 2 : 1024;
				th->att = realloc(th->att, th->capatt *
				    sizeof(*th->att));
				th->att_req = realloc(th->att_req, th->capatt *
				    sizeof(*th->att_req));
				if (th->att == NULL || th->att_req == NULL)
					die("out of memory");
			}
			th->att_req[th->natt] = (int)(th->nreq - 1);
			a = &th->att[th->natt++];
			memset(a, 0, sizeof(*a));
			a->n = ++q->attempts;
			a->t0 = now_ms();
			m0 = mono_ms();
			atomic_store(&th->inflight_us, (int64_t)(m0 * 1000));
			http(c, "POST", path, token, body, hdr, &r);
			atomic_store(&th->inflight_us, 0);
			a->lat = mono_ms() - m0;
			a->t1 = now_ms();
			a->status = r.status;
			a->replayed = r.replayed;
			if (r.status >= 400)
				err_code(&r, a->code, sizeof(a->code));
			else
				snprintf(a->code, sizeof(a->code), "%s",
				    r.status ? "-" : "NO_RESPONSE");
			if (r.status != 0 && r.status < 500) {
				q->final = r.status;
				break;
			}
			if (now_ms() - q->t_first > (int64_t)(give_up_s * 1000)) {
				q->final = 0;	/* undetermined */
				break;
			}
			sleep_ms(backoff);
		}
		q->t_done = now_ms();
		free(body);
		free(hdr);
	}
	free(r.body);
	free(path);
	curl_easy_cleanup(c);
	th->done = 1;
	return NULL;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
cmd_run(const char *state, const char *out, int nthreads)
{
	struct thread	 th[MAX_DEVICES];
	FILE		*f, *fr, *fa, *fs;
	char		 line[4096], a1[2048], a2[256], end[32], *p;
	long long	 id;
	int		 ndev = 0, i, r;
	size_t		 j, natt = 0, nreq = 0, nlat = 0;
	double		*lat, maxlat = 0, p99 = 0;
	long		 acked = 0, definite = 0, undet = 0, replayed = 0;
	long		 s201 = 0, s503 = 0, s503db = 0, s503unk = 0, s502 = 0,
			 s504 = 0, s500 = 0, s0 = 0, s4xx = 0, sother = 0;
	char		*stok = NULL, *stag = NULL;

	if ((f = fopen(state, "r")) == NULL)
		die("%s: %s", state, strerror(errno));
	memset(th, 0, sizeof(th));
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "token %2047s", a1) == 1)
			stok = strdup(a1);
		else if (sscanf(line, "tag %2047s", a1) == 1)
			stag = strdup(a1);
		else if (sscanf(line, "device %lld %255s", &id, a2) == 2 &&
		    ndev < MAX_DEVICES) {
			th[ndev].idx = ndev;
			th[ndev].dev = id;
			snprintf(th[ndev].ext, sizeof(th[ndev].ext), "%s", a2);
			ndev++;
		}
	}
	fclose(f);
	if (stok == NULL || stag == NULL || ndev == 0)
		die("%s: no token, tag or device", state);
	token = stok;
	if (tag == NULL)
		tag = stag;
	if (nthreads <= 0 || nthreads > ndev)
		nthreads = ndev;
	t_start = mono_ms();
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&th[i].tid, NULL, worker, &th[i]) != 0)
			die("pthread_create failed");
	if (held_file != NULL)
		watch_held(th, nthreads);
	for (i = 0; i < nthreads; i++)
		pthread_join(th[i].tid, NULL);

	p = fmt("%s.req", out);
	fr = fopen(p, "w");
	free(p);
	p = fmt("%s.att", out);
	fa = fopen(p, "w");
	free(p);
	p = fmt("%s.sum", out);
	fs = fopen(p, "w");
	free(p);
	if (fr == NULL || fa == NULL || fs == NULL)
		die("cannot write %s.*: %s", out, strerror(errno));
	for (i = 0; i < nthreads; i++) {
		natt += th[i].natt;
		nreq += th[i].nreq;
	}
	if ((lat = malloc((natt + 1) * sizeof(*lat))) == NULL)
		die("out of memory");
	for (i = 0; i < nthreads; i++) {
		for (j = 0; j < th[i].nreq; j++) {
			struct request *q = &th[i].req[j];

			for (r = q->nreads - 1; r >= 0; r--) {
				iso(q->end - r * MINUTE_MS, end);
				fprintf(fr, "%lld %s %s-%d-%d %ld %d %" PRId64
				    " %" PRId64 "\n", th[i].dev, end, tag, i,
				    q->k, q->final, q->attempts, q->t_first,
				    q->t_done);
			}
			if (q->final == 201)
				acked++;
			else if (q->final == 0)
				undet++;
			else
				definite++;
		}
		for (j = 0; j < th[i].natt; j++) {
			struct attempt *a = &th[i].att[j];

			fprintf(fa, "%s-%d-%d %d %" PRId64 " %" PRId64
			    " %ld %s %d %.1f\n", tag, i,
			    th[i].req[th[i].att_req[j]].k, a->n, a->t0, a->t1,
			    a->status, a->code, a->replayed, a->lat);
			lat[nlat++] = a->lat;
			if (a->lat > maxlat)
				maxlat = a->lat;
			replayed += a->replayed;
			switch (a->status) {
			case 201: s201++; break;
			case 0: s0++; break;
			case 500: s500++; break;
			case 502: s502++; break;
			case 504: s504++; break;
			case 503:
				s503++;
				if (strncmp(a->code, "DB_UNAVAILABLE", 14) == 0)
					s503db++;
				if (strcmp(a->code, "DB_UNAVAILABLE+unknown") == 0)
					s503unk++;
				break;
			default:
				if (a->status >= 400 && a->status < 500)
					s4xx++;
				else
					sother++;
			}
		}
	}
	if (nlat > 0) {
		qsort(lat, nlat, sizeof(*lat), cmp_double);
		p99 = lat[(size_t)((double)(nlat - 1) * 0.99)];
	}
#define SUM(name, fmtv, v) do { \
	fprintf(fs, "%s " fmtv "\n", name, v); \
	printf("  %-22s " fmtv "\n", name, v); \
} while (0)
	printf("loadgen %s: %d threads, %.1f s\n", tag, nthreads,
	    (mono_ms() - t_start) / 1000);
	SUM("requests", "%zu", nreq);
	SUM("acknowledged", "%ld", acked);
	SUM("refused", "%ld", definite);
	SUM("undetermined", "%ld", undet);
	SUM("attempts", "%zu", natt);
	SUM("retries", "%zu", natt - nreq);
	SUM("replayed", "%ld", replayed);
	SUM("status_201", "%ld", s201);
	SUM("status_503", "%ld", s503);
	SUM("status_503_db", "%ld", s503db);
	SUM("status_503_unknown", "%ld", s503unk);
	SUM("status_502", "%ld", s502);
	SUM("status_504", "%ld", s504);
	SUM("status_500", "%ld", s500);
	SUM("status_4xx", "%ld", s4xx);
	SUM("status_other", "%ld", sother);
	SUM("no_response", "%ld", s0);
	SUM("max_latency_ms", "%.0f", maxlat);
	SUM("p99_latency_ms", "%.0f", p99);
#undef SUM
	if (fclose(fr) != 0 || fclose(fa) != 0 || fclose(fs) != 0)
		die("writing %s.*: %s", out, strerror(errno));
	for (i = 0; i < nthreads; i++) {
		free(th[i].req);
		free(th[i].att);
		free(th[i].att_req);
	}
	free(lat);
	free(stok);
	free(stag);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: loadgen setup --url URL --state FILE --tag TAG --devices N\n"
	    "                     [--hourly-reads H] [--reservation]\n"
	    "       loadgen run --url URL --state FILE --out PREFIX [--threads N]\n"
	    "                   [--duration S] [--stop-file F] [--timeout S]\n"
	    "                   [--give-up S] [--held-file F [--held-ms MS]]\n"
	    "                   [--batch B]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char	*cmd, *state = NULL, *out = NULL, *stag = NULL;
	int		 i, ndev = 0, nthreads = 0, hourly = 0, resv = 0;

	if (argc < 2)
		usage();
	cmd = argv[1];
	for (i = 2; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(o, "--reservation") == 0) {
			resv = 1;
			continue;
		}
		if (v == NULL)
			usage();
		i++;
		if (strcmp(o, "--url") == 0)
			base_url = v;
		else if (strcmp(o, "--state") == 0)
			state = v;
		else if (strcmp(o, "--out") == 0)
			out = v;
		else if (strcmp(o, "--tag") == 0)
			stag = v;
		else if (strcmp(o, "--devices") == 0)
			ndev = atoi(v);
		else if (strcmp(o, "--threads") == 0)
			nthreads = atoi(v);
		else if (strcmp(o, "--hourly-reads") == 0)
			hourly = atoi(v);
		else if (strcmp(o, "--duration") == 0)
			duration_s = atof(v);
		else if (strcmp(o, "--stop-file") == 0)
			stop_file = v;
		else if (strcmp(o, "--timeout") == 0)
			timeout_s = atol(v);
		else if (strcmp(o, "--give-up") == 0)
			give_up_s = atof(v);
		else if (strcmp(o, "--held-file") == 0)
			held_file = v;
		else if (strcmp(o, "--held-ms") == 0)
			held_ms = atof(v);
		else if (strcmp(o, "--batch") == 0 &&
		    (batch = atoi(v)) >= 1 && batch <= 1000)
			;
		else
			usage();
	}
	if (base_url == NULL || state == NULL)
		usage();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (strcmp(cmd, "setup") == 0) {
		if (stag == NULL || ndev < 1 || ndev > MAX_DEVICES ||
		    hourly < 0 || hourly > 10000)
			usage();
		return cmd_setup(state, stag, ndev, hourly, resv);
	}
	if (strcmp(cmd, "run") == 0) {
		if (out == NULL)
			usage();
		tag = stag;
		return cmd_run(state, out, nthreads);
	}
	usage();
	return 2;
}
