/*
 * bench/ingest_direct — the baseline of bench/ingest: the rows that
 * POST /api/meter-reads/new/:externalId stores for a Delta batch, written
 * straight into MariaDB with the statements drecd uses (src/db/stmt.c,
 * src/db/reads.c): a prepared multi-row
 *   INSERT INTO meter_read (device_id, batch_id, read_type, start_ts,
 *     end_ts, energy_wh, counter_wh, is_baseline, created_at) VALUES ...
 * of ROWS_PER_STATEMENT rows (default 1000), bound with the same types
 * (LONGLONG, STRING, DATETIME, NULL), READS_PER_TX rows per transaction,
 * COMMIT per transaction.  Each transaction also inserts its
 * meter_read_batch row first (batch_id is a NOT NULL foreign key; drecd
 * inserts one per request too).  No validation, no device lock, no
 * previous-read lookup: the cost of storing the rows, nothing else.
 *
 *   ingest_direct [-c CONNS] [-r ROWS_PER_STATEMENT] SOCKET DATABASE USER
 *       PASSWORD_FILE USER_ID START_MS STEP_MS ROUNDS READS_PER_TX
 *       DEVICE_ID...
 *
 * Device k's transaction of round r holds reads r*READS_PER_TX ..
 * (r+1)*READS_PER_TX-1 (bench.h); the interval of read j starts where read
 * j-1 ended, as drecd stores a Delta read without a start.  CONNS threads
 * (default 1), each with its own connection, share the devices as
 * bench/ingest_http does (device k belongs to thread k % CONNS) and go
 * round by round, device by device.  Connections use drecd's settings:
 * the unix socket, utf8mb4, time zone UTC, READ COMMITTED (drecd sets it
 * per transaction, this program per session).
 *
 * Row values are computed before the clock starts; the timed region is
 * bind + execute + commit.  Output: one line
 *   RESULT conns=.. requests=<transactions> reads=.. seconds=..
 *     reads_per_s=.. p50_ms=.. p99_ms=.. max_ms=..
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>

#include "bench.h"

#define COLS 9

static const char batch_sql[] = "INSERT INTO meter_read_batch (token,"
    " device_id, user_id, idem_key, fingerprint, response, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char response[] = "{\"deviceId\":0,\"externalId\":"
    "\"bench-direct\",\"type\":\"Delta\",\"stored\":10000,"
    "\"firstEndTimestamp\":\"2020-01-01T00:05:00.000Z\","
    "\"lastEndTimestamp\":\"2020-02-04T17:20:00.000Z\","
    "\"energyWh\":2495000}";

static const char	*sock, *dbname, *dbuser;
static char		 pw[256];
static int64_t		 user, start_ms, step_ms, rounds, per_tx;
static int		 per_stmt = 1000;
static MYSQL_TIME	 created;
static pthread_barrier_t barrier;

/* One device's transaction: rows computed before timing. */
struct tx {
	int64_t		 dev;
	MYSQL_TIME	*start, *end;
	int64_t		*energy;
	unsigned char	 token[16];
};

struct worker {
	pthread_t	 th;
	int		 id;
	MYSQL		*my;
	struct tx	*txs;		/* [round * ndev + k] */
	int		 ntx;
	double		*lat;		/* per transaction, seconds */
	double		 t0, t1;
};

static void
die_my(MYSQL *my, const char *what)
{
	fprintf(stderr, "ingest_direct: %s: %u %s\n", what, mysql_errno(my),
	    mysql_error(my));
	exit(1);
}

static void
die_st(MYSQL_STMT *st, const char *what)
{
	fprintf(stderr, "ingest_direct: %s: %u %s\n", what, mysql_stmt_errno(st),
	    mysql_stmt_error(st));
	exit(1);
}

static void
query(MYSQL *my, const char *sql)
{
	if (mysql_query(my, sql) != 0)
		die_my(my, sql);
}

static void
to_mytime(int64_t ms, MYSQL_TIME *t)
{
	int		y;
	unsigned	mo, d, h, mi, s, f;

	bench_split(ms, &y, &mo, &d, &h, &mi, &s, &f);
	memset(t, 0, sizeof(*t));
	t->year = (unsigned)y;
	t->month = mo;
	t->day = d;
	t->hour = h;
	t->minute = mi;
	t->second = s;
	t->second_part = (unsigned long)f * 1000;
	t->time_type = MYSQL_TIMESTAMP_DATETIME;
}

static MYSQL_STMT *
prepare(MYSQL *my, const char *sql)
{
	MYSQL_STMT *st;

	if ((st = mysql_stmt_init(my)) == NULL)
		die_my(my, "mysql_stmt_init");
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0)
		die_st(st, "prepare");
	return st;
}

/* "INSERT ... VALUES (?,...),(?,...)" with n rows. */
static char *
insert_sql(int n)
{
	static const char head[] = "INSERT INTO meter_read (device_id, batch_id,"
	    " read_type, start_ts, end_ts, energy_wh, counter_wh, is_baseline,"
	    " created_at) VALUES ";
	static const char row[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
	char	*s, *p;
	int	 i;

	if ((s = malloc(sizeof(head) + (size_t)n * sizeof(row) + 1)) == NULL)
		exit(1);
	p = stpcpy(s, head);
	for (i = 0; i < n; i++) {
		if (i > 0)
			*p++ = ',';
		p = stpcpy(p, row);
	}
	return s;
}

/* Transaction r of device dev: its rows and batch token. */
static void
make_tx(struct tx *t, int64_t dev, int64_t r, unsigned *seed)
{
	int64_t	j, g;
	int	i;

	t->dev = dev;
	t->start = calloc((size_t)per_tx, sizeof(MYSQL_TIME));
	t->end = calloc((size_t)per_tx, sizeof(MYSQL_TIME));
	t->energy = calloc((size_t)per_tx, sizeof(int64_t));
	if (t->start == NULL || t->end == NULL || t->energy == NULL) {
		perror("calloc");
		exit(1);
	}
	for (j = 0; j < per_tx; j++) {
		g = r * per_tx + j;
		to_mytime(g == 0 ? start_ms : bench_end(start_ms, step_ms, g - 1),
		    &t->start[j]);
		to_mytime(bench_end(start_ms, step_ms, g), &t->end[j]);
		t->energy[j] = bench_value(g);
	}
	for (i = 0; i < 16; i++)
		t->token[i] = (unsigned char)rand_r(seed);
}

static void *
run(void *arg)
{
	struct worker	*w = arg;
	static my_bool	 isnull = 1;
	static char	 tname[] = "Delta";
	unsigned long	 tname_len = 5, resp_len = sizeof(response) - 1;
	unsigned long	 tok_len = 16;
	MYSQL_STMT	*st_batch, *st_rows, *st_tail = NULL;
	MYSQL_BIND	 bb[7], *rb;
	MYSQL		*my = w->my;
	char		*sql;
	double		 a;
	int64_t		 zero = 0, batch = 0, dev_param = 0, j, done;
	int		 i, n;

	st_batch = prepare(my, batch_sql);
	sql = insert_sql(per_stmt);
	st_rows = prepare(my, sql);
	free(sql);
	if (per_tx % per_stmt != 0) {
		sql = insert_sql((int)(per_tx % per_stmt));
		st_tail = prepare(my, sql);
		free(sql);
	}
	if ((rb = calloc((size_t)per_stmt * COLS, sizeof(*rb))) == NULL)
		exit(1);

	pthread_barrier_wait(&barrier);
	w->t0 = bench_now();
	for (i = 0; i < w->ntx; i++) {
		struct tx *t = &w->txs[i];

		a = bench_now();
		query(my, "START TRANSACTION");
		dev_param = t->dev;
		memset(bb, 0, sizeof(bb));
		bb[0].buffer_type = MYSQL_TYPE_STRING;
		bb[0].buffer = t->token;
		bb[0].buffer_length = 16;
		bb[0].length = &tok_len;
		bb[1].buffer_type = MYSQL_TYPE_LONGLONG;
		bb[1].buffer = &dev_param;
		bb[2].buffer_type = MYSQL_TYPE_LONGLONG;
		bb[2].buffer = &user;
		bb[3].buffer_type = MYSQL_TYPE_NULL;
		bb[3].is_null = &isnull;
		bb[4].buffer_type = MYSQL_TYPE_NULL;
		bb[4].is_null = &isnull;
		bb[5].buffer_type = MYSQL_TYPE_STRING;
		bb[5].buffer = (void *)response;
		bb[5].buffer_length = resp_len;
		bb[5].length = &resp_len;
		bb[6].buffer_type = MYSQL_TYPE_DATETIME;
		bb[6].buffer = &created;
		if (mysql_stmt_bind_param(st_batch, bb) != 0 ||
		    mysql_stmt_execute(st_batch) != 0)
			die_st(st_batch, "batch insert");
		batch = (int64_t)mysql_stmt_insert_id(st_batch);
		for (done = 0; done < per_tx; done += n) {
			MYSQL_STMT *st = per_tx - done >= per_stmt ? st_rows :
			    st_tail;

			n = st == st_rows ? per_stmt : (int)(per_tx % per_stmt);
			memset(rb, 0, sizeof(*rb) * (size_t)n * COLS);
			for (j = 0; j < n; j++) {
				MYSQL_BIND *b = &rb[j * COLS];

				b[0].buffer_type = MYSQL_TYPE_LONGLONG;
				b[0].buffer = &dev_param;
				b[1].buffer_type = MYSQL_TYPE_LONGLONG;
				b[1].buffer = &batch;
				b[2].buffer_type = MYSQL_TYPE_STRING;
				b[2].buffer = tname;
				b[2].buffer_length = tname_len;
				b[2].length = &tname_len;
				b[3].buffer_type = MYSQL_TYPE_DATETIME;
				b[3].buffer = &t->start[done + j];
				b[4].buffer_type = MYSQL_TYPE_DATETIME;
				b[4].buffer = &t->end[done + j];
				b[5].buffer_type = MYSQL_TYPE_LONGLONG;
				b[5].buffer = &t->energy[done + j];
				b[6].buffer_type = MYSQL_TYPE_NULL;
				b[6].is_null = &isnull;
				b[7].buffer_type = MYSQL_TYPE_LONGLONG;
				b[7].buffer = &zero;
				b[8].buffer_type = MYSQL_TYPE_DATETIME;
				b[8].buffer = &created;
			}
			if (mysql_stmt_bind_param(st, rb) != 0 ||
			    mysql_stmt_execute(st) != 0)
				die_st(st, "rows insert");
		}
		query(my, "COMMIT");
		w->lat[i] = bench_now() - a;
	}
	w->t1 = bench_now();
	mysql_stmt_close(st_batch);
	mysql_stmt_close(st_rows);
	if (st_tail != NULL)
		mysql_stmt_close(st_tail);
	free(rb);
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
	fprintf(stderr, "usage: ingest_direct [-c CONNS] [-r ROWS_PER_STATEMENT] "
	    "SOCKET DATABASE USER PASSWORD_FILE USER_ID START_MS STEP_MS ROUNDS "
	    "READS_PER_TX DEVICE_ID...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct worker	*w;
	FILE		*f;
	double		*lat, t0, t1;
	int64_t		 r;
	int		 conns = 1, ndev, ntx = 0, k, o, i, m;
	unsigned	 seed;

	while ((o = getopt(argc, argv, "c:r:")) != -1) {
		switch (o) {
		case 'c':
			conns = (int)bench_arg(optarg, "CONNS");
			break;
		case 'r':
			per_stmt = (int)bench_arg(optarg, "ROWS_PER_STATEMENT");
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 10 || per_stmt < 1)
		usage();
	sock = argv[0];
	dbname = argv[1];
	dbuser = argv[2];
	user = bench_arg(argv[4], "USER_ID");
	start_ms = bench_arg(argv[5], "START_MS");
	step_ms = bench_arg(argv[6], "STEP_MS");
	rounds = bench_arg(argv[7], "ROUNDS");
	per_tx = bench_arg(argv[8], "READS_PER_TX");
	ndev = argc - 9;
	if (rounds < 1 || per_tx < 1 || step_ms < 1 || conns < 1 ||
	    conns > ndev)
		usage();
	if ((f = fopen(argv[3], "r")) == NULL || fgets(pw, sizeof(pw), f) == NULL) {
		perror(argv[3]);
		return 2;
	}
	fclose(f);
	pw[strcspn(pw, "\r\n")] = '\0';
	to_mytime((int64_t)time(NULL) * 1000, &created);
	seed = (unsigned)time(NULL) ^ (unsigned)getpid();

	w = calloc((size_t)conns, sizeof(*w));
	for (i = 0; i < conns; i++) {
		w[i].id = i;
		if ((w[i].my = mysql_init(NULL)) == NULL)
			return 1;
		mysql_options(w[i].my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
		mysql_options(w[i].my, MYSQL_INIT_COMMAND,
		    "SET time_zone='+00:00'");
		if (mysql_real_connect(w[i].my, "localhost", dbuser, pw, dbname,
		    0, sock, 0) == NULL)
			die_my(w[i].my, "connect");
		query(w[i].my,
		    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
		/* Device k belongs to connection k % conns; rows now. */
		m = (ndev - i + conns - 1) / conns;
		w[i].txs = calloc((size_t)(rounds * m), sizeof(struct tx));
		w[i].lat = calloc((size_t)(rounds * m), sizeof(double));
		if (w[i].txs == NULL || w[i].lat == NULL)
			return 1;
		for (r = 0; r < rounds; r++)
			for (k = i; k < ndev; k += conns)
				make_tx(&w[i].txs[w[i].ntx++],
				    bench_arg(argv[9 + k], "DEVICE_ID"), r, &seed);
		ntx += w[i].ntx;
	}
	pthread_barrier_init(&barrier, NULL, (unsigned)conns);
	for (i = 0; i < conns; i++)
		pthread_create(&w[i].th, NULL, run, &w[i]);
	for (i = 0; i < conns; i++)
		pthread_join(w[i].th, NULL);

	t0 = w[0].t0;
	t1 = w[0].t1;
	lat = calloc((size_t)ntx, sizeof(double));
	ntx = 0;
	for (i = 0; i < conns; i++) {
		if (w[i].t0 < t0)
			t0 = w[i].t0;
		if (w[i].t1 > t1)
			t1 = w[i].t1;
		memcpy(lat + ntx, w[i].lat, sizeof(double) * (size_t)w[i].ntx);
		ntx += w[i].ntx;
		mysql_close(w[i].my);
	}
	qsort(lat, (size_t)ntx, sizeof(double), cmp_double);
	printf("RESULT conns=%d requests=%d reads=%lld seconds=%.3f "
	    "reads_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", conns,
	    ntx, (long long)(ntx * per_tx), t1 - t0,
	    (double)(ntx * per_tx) / (t1 - t0), lat[ntx / 2] * 1000,
	    lat[(ntx * 99) / 100] * 1000, lat[ntx - 1] * 1000);
	return 0;
}
