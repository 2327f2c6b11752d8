/*
 * bench/commit_ceiling — phase 7 of bench/http: the durable-commit ceiling.
 * CONNS threads, each on its own MariaDB connection (unix socket, utf8mb4,
 * autocommit off, as drecd's pool connects), loop on one single-row
 * prepared INSERT followed by COMMIT for SECONDS seconds.  With
 * innodb_flush_log_at_trx_commit=1 every COMMIT waits for the redo log to
 * reach the disk (group commit may share one flush among the connections),
 * so no endpoint that answers only after a durable COMMIT can beat this
 * rate on the same server with the same number of connections.
 *
 *   commit_ceiling [-c CONNS] [-w WARMUP_S] SOCKET DATABASE USER
 *       PASSWORD_FILE SECONDS
 *
 * Creates table bench_commit (InnoDB; id, v, created_at) when missing.
 * The first WARMUP_S seconds (default 1) are not counted.  Output:
 *   RESULT conns=.. requests=<commits> seconds=.. rps=.. p50_ms=..
 *     p99_ms=.. max_ms=..
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysql.h>

#include "bench.h"

#define MAX_CONNS 64
#define MAX_LAT 4000000

struct worker {
	pthread_t	 th;
	MYSQL		*my;
	double		*lat;
	int64_t		 n;
	int		 failed;
};

static const char	*sock, *dbname, *dbuser;
static char		 pw[256];
static double		 warm_until, stop_at;
static pthread_barrier_t barrier;

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void *
run(void *arg)
{
	static const char sql[] = "INSERT INTO bench_commit (v, created_at) "
	    "VALUES (?, NOW(3))";
	struct worker	*w = arg;
	MYSQL_STMT	*st;
	MYSQL_BIND	 b;
	long long	 v = 0;
	double		 t0, t1;

	st = mysql_stmt_init(w->my);
	if (st == NULL || mysql_stmt_prepare(st, sql, sizeof(sql) - 1) != 0) {
		fprintf(stderr, "prepare: %s\n", mysql_error(w->my));
		w->failed = 1;
	}
	memset(&b, 0, sizeof(b));
	b.buffer_type = MYSQL_TYPE_LONGLONG;
	b.buffer = &v;
	pthread_barrier_wait(&barrier);
	while (!w->failed && (t0 = bench_now()) < stop_at) {
		v++;
		if (mysql_stmt_bind_param(st, &b) != 0 ||
		    mysql_stmt_execute(st) != 0 || mysql_commit(w->my) != 0) {
			fprintf(stderr, "insert/commit: %s\n", mysql_error(w->my));
			w->failed = 1;
			break;
		}
		t1 = bench_now();
		if (t0 >= warm_until && w->n < MAX_LAT)
			w->lat[w->n++] = t1 - t0;
	}
	if (st != NULL)
		mysql_stmt_close(st);
	return NULL;
}

int
main(int argc, char *argv[])
{
	static struct worker	 w[MAX_CONNS];
	double			 secs, warm = 1, *all, start;
	int64_t			 total = 0, k = 0;
	int			 conns = 2, ch, i;
	my_bool			 off = 0;
	FILE			*f;

	while ((ch = getopt(argc, argv, "c:w:")) != -1) {
		if (ch == 'c')
			conns = (int)bench_arg(optarg, "connections");
		else if (ch == 'w')
			warm = (double)bench_arg(optarg, "warm-up seconds");
		else
			return 2;
	}
	argc -= optind;
	argv += optind;
	if (argc != 5 || conns < 1 || conns > MAX_CONNS) {
		fprintf(stderr, "usage: commit_ceiling [-c CONNS] [-w WARMUP_S] "
		    "SOCKET DATABASE USER PASSWORD_FILE SECONDS\n");
		return 2;
	}
	sock = argv[0];
	dbname = argv[1];
	dbuser = argv[2];
	secs = (double)bench_arg(argv[4], "seconds");
	if ((f = fopen(argv[3], "r")) == NULL || fgets(pw, sizeof(pw), f) == NULL) {
		fprintf(stderr, "cannot read %s\n", argv[3]);
		return 1;
	}
	fclose(f);
	pw[strcspn(pw, "\r\n")] = '\0';
	mysql_library_init(0, NULL, NULL);
	for (i = 0; i < conns; i++) {
		if ((w[i].my = mysql_init(NULL)) == NULL ||
		    (w[i].lat = malloc(sizeof(double) * MAX_LAT)) == NULL)
			return 1;
		mysql_options(w[i].my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
		mysql_options(w[i].my, MYSQL_OPT_RECONNECT, &off);
		if (mysql_real_connect(w[i].my, "localhost", dbuser, pw, dbname, 0,
		    sock, 0) == NULL) {
			fprintf(stderr, "connect: %s\n", mysql_error(w[i].my));
			return 1;
		}
		if (i == 0 && mysql_query(w[i].my, "CREATE TABLE IF NOT EXISTS "
		    "bench_commit (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
		    "v BIGINT NOT NULL, created_at DATETIME(3) NOT NULL) "
		    "ENGINE=InnoDB") != 0) {
			fprintf(stderr, "create: %s\n", mysql_error(w[i].my));
			return 1;
		}
		mysql_autocommit(w[i].my, 0);
	}
	pthread_barrier_init(&barrier, NULL, (unsigned)conns + 1);
	for (i = 0; i < conns; i++)
		pthread_create(&w[i].th, NULL, run, &w[i]);
	start = bench_now();
	warm_until = start + warm;
	stop_at = warm_until + secs;
	pthread_barrier_wait(&barrier);
	for (i = 0; i < conns; i++) {
		pthread_join(w[i].th, NULL);
		if (w[i].failed)
			return 1;
		total += w[i].n;
	}
	if (total == 0)
		return 1;
	all = malloc(sizeof(double) * (size_t)total);
	for (i = 0; i < conns; i++) {
		memcpy(all + k, w[i].lat, sizeof(double) * (size_t)w[i].n);
		k += w[i].n;
		mysql_close(w[i].my);
	}
	qsort(all, (size_t)total, sizeof(double), cmp_double);
	printf("RESULT conns=%d requests=%lld seconds=%.3f rps=%.1f p50_ms=%.3f "
	    "p99_ms=%.3f max_ms=%.3f\n", conns, (long long)total, secs,
	    (double)total / secs, all[total / 2] * 1e3,
	    all[(total * 99) / 100] * 1e3, all[total - 1] * 1e3);
	return 0;
}
