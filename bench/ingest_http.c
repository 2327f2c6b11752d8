/*
 * bench/ingest_http — the HTTP side of bench/ingest: POSTs Delta reads to
 * /api/meter-reads/new/:externalId through nginx and measures reads/s.
 *
 *   BENCH_TOKEN=<JWT> ingest_http [-c CONNS] [-d SECONDS] BASE_URL START_MS
 *       STEP_MS ROUNDS READS_PER_REQUEST EXTERNAL_ID...
 *
 * (the bearer token comes from the environment, not the command line).
 * Each device gets ROUNDS requests of READS_PER_REQUEST reads (bench.h:
 * read j of a device ends at START_MS + (j + 1) * STEP_MS).  CONNS threads
 * (default 1), each with its own libcurl handle (one kept-alive
 * connection), share the devices: device i belongs to thread i % CONNS, so
 * two threads never write to one device.  A thread sends its requests
 * round by round, one per device per round.  -d stops each thread after
 * SECONDS of sending (checked between requests).
 *
 * Every body is generated before the clock starts; the timed region is the
 * exchanges only.  Each answer must be 201 with "stored":READS_PER_REQUEST,
 * else the program prints the answer and exits 1.  Output: one line
 *   RESULT conns=.. requests=.. reads=.. seconds=.. reads_per_s=..
 *     p50_ms=.. p99_ms=.. max_ms=..
 * (seconds: from the common start to the end of the last thread).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "bench.h"

struct body {
	char	*p;
	size_t	 len;
};

struct worker {
	pthread_t	 th;
	int		 id;
	int		 ndev;
	const char	**dev;		/* external ids */
	struct body	*bodies;	/* [round * ndev + k] */
	int64_t		 rounds;
	double		*lat;		/* per request, seconds */
	int64_t		 done;		/* requests answered 201 */
	double		 t0, t1;
	int		 failed;
};

static const char	*base, *token;
static int64_t		 start_ms, step_ms, per_req;
static double		 max_seconds;
static pthread_barrier_t barrier;

struct sink {
	char	*p;
	size_t	 len, cap;
};

static size_t
on_data(char *data, size_t size, size_t n, void *arg)
{
	struct sink	*s = arg;
	size_t		 len = size * n;

	if (s->len + len + 1 > s->cap) {
		size_t	 cap = (s->len + len + 1) * 2;
		char	*p = realloc(s->p, cap);

		if (p == NULL)
			return 0;
		s->p = p;
		s->cap = cap;
	}
	memcpy(s->p + s->len, data, len);
	s->len += len;
	s->p[s->len] = '\0';
	return len;
}

/* The JSON body of request `round` of a device. */
static struct body
make_body(int64_t round)
{
	struct body	 b;
	size_t		 cap = 128 + (size_t)per_req * 80, off = 0;
	int64_t		 j, first = round * per_req;
	char		 t[80];	/* 25 used; room for -Wformat-truncation */

	if ((b.p = malloc(cap)) == NULL) {
		perror("malloc");
		exit(1);
	}
	off += (size_t)snprintf(b.p + off, cap - off,
	    "{\"type\":\"Delta\",\"unit\":\"Wh\",\"reads\":[");
	for (j = first; j < first + per_req; j++) {
		bench_iso(bench_end(start_ms, step_ms, j), t, sizeof(t));
		off += (size_t)snprintf(b.p + off, cap - off,
		    "%s{\"endtimestamp\":\"%s\",\"value\":%d}",
		    j > first ? "," : "", t, bench_value(j));
	}
	off += (size_t)snprintf(b.p + off, cap - off, "]}");
	b.len = off;
	return b;
}

static void *
run(void *arg)
{
	struct worker		*w = arg;
	struct curl_slist	*hdr = NULL;
	struct sink		 sink = { NULL, 0, 0 };
	char			 auth[4096], url[1024];
	CURL			*h;
	int64_t			 r, n = 0;
	int			 k;
	long			 status;
	double			 a, b;

	if ((h = curl_easy_init()) == NULL) {
		w->failed = 1;
		return NULL;
	}
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
	hdr = curl_slist_append(hdr, auth);
	hdr = curl_slist_append(hdr, "Content-Type: application/json");
	hdr = curl_slist_append(hdr, "Expect:");	/* no 100-continue round trip */
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(h, CURLOPT_POST, 1L);

	pthread_barrier_wait(&barrier);
	w->t0 = bench_now();
	for (r = 0; r < w->rounds && !w->failed; r++) {
		if (max_seconds > 0 && bench_now() - w->t0 >= max_seconds)
			break;
		for (k = 0; k < w->ndev; k++) {
			struct body *bd = &w->bodies[r * w->ndev + k];

			snprintf(url, sizeof(url), "%s/api/meter-reads/new/%s",
			    base, w->dev[k]);
			curl_easy_setopt(h, CURLOPT_URL, url);
			curl_easy_setopt(h, CURLOPT_POSTFIELDS, bd->p);
			curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
			    (curl_off_t)bd->len);
			sink.len = 0;
			a = bench_now();
			if (curl_easy_perform(h) != CURLE_OK) {
				fprintf(stderr, "thread %d: %s: transport error\n",
				    w->id, url);
				w->failed = 1;
				break;
			}
			b = bench_now();
			curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
			{
				char want[64];

				snprintf(want, sizeof(want), "\"stored\":%lld",
				    (long long)per_req);
				if (status != 201 || sink.p == NULL ||
				    strstr(sink.p, want) == NULL) {
					fprintf(stderr, "thread %d: %s round %lld: "
					    "HTTP %ld: %.400s\n", w->id, url,
					    (long long)r, status,
					    sink.p ? sink.p : "");
					w->failed = 1;
					break;
				}
			}
			w->lat[n++] = b - a;
		}
	}
	w->t1 = bench_now();
	w->done = n;
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	free(sink.p);
	return NULL;
}

static int
cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

static void
usage(void)
{
	fprintf(stderr, "usage: BENCH_TOKEN=<JWT> ingest_http [-c CONNS] "
	    "[-d SECONDS] BASE_URL START_MS STEP_MS ROUNDS READS_PER_REQUEST "
	    "EXTERNAL_ID...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct worker	*w;
	double		*all, t0, t1, secs;
	int64_t		 rounds, nreq = 0, r;
	int		 conns = 1, ndev, i, k, o, failed = 0;

	while ((o = getopt(argc, argv, "c:d:")) != -1) {
		switch (o) {
		case 'c':
			conns = (int)bench_arg(optarg, "CONNS");
			break;
		case 'd':
			max_seconds = (double)bench_arg(optarg, "SECONDS");
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 6 || (token = getenv("BENCH_TOKEN")) == NULL ||
	    *token == '\0')
		usage();
	base = argv[0];
	start_ms = bench_arg(argv[1], "START_MS");
	step_ms = bench_arg(argv[2], "STEP_MS");
	rounds = bench_arg(argv[3], "ROUNDS");
	per_req = bench_arg(argv[4], "READS_PER_REQUEST");
	ndev = argc - 5;
	if (conns < 1 || conns > ndev || rounds < 1 || per_req < 1 ||
	    step_ms < 1)
		usage();

	curl_global_init(CURL_GLOBAL_DEFAULT);
	w = calloc((size_t)conns, sizeof(*w));
	for (i = 0; i < conns; i++) {
		w[i].id = i;
		w[i].rounds = rounds;
		w[i].dev = calloc((size_t)ndev, sizeof(char *));
		for (k = i; k < ndev; k += conns)
			w[i].dev[w[i].ndev++] = argv[5 + k];
		/* Bodies: generated here, before any clock starts. */
		w[i].bodies = calloc((size_t)(rounds * w[i].ndev),
		    sizeof(struct body));
		w[i].lat = calloc((size_t)(rounds * w[i].ndev), sizeof(double));
		if (w[i].bodies == NULL || w[i].lat == NULL) {
			perror("calloc");
			return 1;
		}
		for (r = 0; r < rounds; r++)
			for (k = 0; k < w[i].ndev; k++)
				w[i].bodies[r * w[i].ndev + k] = make_body(r);
	}
	pthread_barrier_init(&barrier, NULL, (unsigned)conns);
	for (i = 0; i < conns; i++)
		pthread_create(&w[i].th, NULL, run, &w[i]);
	for (i = 0; i < conns; i++)
		pthread_join(w[i].th, NULL);

	t0 = w[0].t0;
	t1 = w[0].t1;
	for (i = 0; i < conns; i++) {
		if (w[i].t0 < t0)
			t0 = w[i].t0;
		if (w[i].t1 > t1)
			t1 = w[i].t1;
		nreq += w[i].done;
		failed |= w[i].failed;
	}
	if (failed || nreq == 0) {
		fprintf(stderr, "ingest_http: failed after %lld requests\n",
		    (long long)nreq);
		return 1;
	}
	all = calloc((size_t)nreq, sizeof(double));
	nreq = 0;
	for (i = 0; i < conns; i++) {
		memcpy(all + nreq, w[i].lat, sizeof(double) * (size_t)w[i].done);
		nreq += w[i].done;
	}
	qsort(all, (size_t)nreq, sizeof(double), cmp_double);
	secs = t1 - t0;
	printf("RESULT conns=%d requests=%lld reads=%lld seconds=%.3f "
	    "reads_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", conns,
	    (long long)nreq, (long long)(nreq * per_req), secs,
	    (double)(nreq * per_req) / secs, all[nreq / 2] * 1000,
	    all[(nreq * 99) / 100] * 1000, all[nreq - 1] * 1000);
	curl_global_cleanup();
	return 0;
}
