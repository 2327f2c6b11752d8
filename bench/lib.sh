# shellcheck shell=bash
# bench/lib.sh — helpers shared by the benches (bench/http, bench/issuance,
# bench/scale, bench/cluster; sourced after scripts/lib.sh): a private
# stack under var/bench.XXXXXX that is stopped and removed on exit, API
# steps of the fixtures over scripts/lib.sh's stack_api (login, clock,
# register, devices), the issuer-pass fixture and measurement of
# bench/issuance and bench/scale, and CPU/RSS readings of the server
# processes from /proc.
#
# The caller sets BENCH_KEEP (1: keep the directory) before bench_stack_dir
# and BENCH_OK=1 when it finished.
# shellcheck disable=SC2034 # REG_ID, DEVICE_ID, TICK_HZ are for the callers

TVAR=""
STACK_UP=0
BENCH_OK=0
BENCH_KEEP=${BENCH_KEEP:-0}
BENCH_EXTRA_PIDFILES=() # more pid files to stop on exit (process groups)

# shellcheck disable=SC2317 # invoked by the EXIT trap
bench_cleanup() {
	local pf
	set +e
	for pf in "${BENCH_EXTRA_PIDFILES[@]}"; do
		stop_pidfile "$pf" "" TERM 5
	done
	if [ "$STACK_UP" -eq 1 ]; then
		[ "$BENCH_OK" -eq 1 ] || show_logs 30
		stack_stop
	fi
	if [ -n "$TVAR" ] && [ -d "$TVAR" ]; then
		if [ "$BENCH_OK" -eq 1 ] && [ "$BENCH_KEEP" -eq 0 ]; then
			if [ "${STACK_SOCK_DIR:-$TVAR}" != "$TVAR" ]; then
				rm -rf "$STACK_SOCK_DIR"
			fi
			rm -rf "$TVAR"
		else
			log "stack directory kept: $TVAR"
		fi
	fi
}

bench_traps() {
	trap bench_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

# bench_build: packages, drecd/drecctl and `make bench-programs`; log in
# var/bench-build.log.
bench_build() {
	ensure_packages || die "missing packages"
	mkdir -p "$DREC_ROOT/var"
	build >"$DREC_ROOT/var/bench-build.log" 2>&1 || {
		tail -n 40 "$DREC_ROOT/var/bench-build.log" >&2
		die "build failed (var/bench-build.log)"
	}
	make -s bench-programs >>"$DREC_ROOT/var/bench-build.log" 2>&1 || {
		tail -n 40 "$DREC_ROOT/var/bench-build.log" >&2
		die "make bench-programs failed (var/bench-build.log)"
	}
}

# bench_stack_dir: a new stack directory (TVAR) with its STACK_* paths.
bench_stack_dir() {
	TVAR=$(mktemp -d "$DREC_ROOT/var/bench.XXXXXX")
	stack_paths "$TVAR"
	STACK_UP=1
}

# sql ARGS...: the mariadb client (root, -N) on the stack's database.
sql() {
	mariadb_root -N "$STACK_DB_NAME" "$@"
}

# now_ns: nanoseconds of the wall clock (enough for these durations).
now_ns() { date +%s%N; }

# ---------------------------------------------------------------- API

# api_file METHOD PATH TOKEN FILE: as stack_api, the body from FILE.
api_file() {
	local out
	out=$(curl -s --noproxy '*' --max-time 120 -X "$1" -w '\n%{http_code}' \
		-H "Authorization: Bearer $3" -H 'Content-Type: application/json' \
		--data-binary "@$4" "$STACK_URL$2") || out=$'\n000'
	HTTP_CODE=${out##*$'\n'}
	API_BODY=${out%$'\n'*}
}

# expect CODE WHAT: the last api call answered CODE, else die.
expect() {
	[ "$HTTP_CODE" = "$1" ] || die "$2: HTTP $HTTP_CODE: ${API_BODY:0:400}"
}

# login EMAIL PASSWORD: prints the access token.
login() {
	stack_api POST /api/auth/login "" "{\"username\":\"$1\",\"password\":\"$2\"}"
	expect 200 "login $1"
	sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' <<<"$API_BODY"
}

# clock_set ADMIN_EMAIL ADMIN_PASSWORD INSTANT: freezes the test clock.
clock_set() {
	local tok
	tok=$(login "$1" "$2")
	stack_api PUT /api/test/clock "$tok" "{\"now\":\"$3\"}"
	expect 200 "PUT /api/test/clock $3"
}

# The first "id": N of the last answer (the object's own id).
first_id() {
	grep -o '"id" *: *[0-9]*' <<<"$API_BODY" | head -n 1 | grep -o '[0-9]*$'
}

# register EMAIL PASSWORD ORG TYPE: POST /api/user/register (201); the
# user's id in REG_ID.
register() {
	stack_api POST /api/user/register "" "{\"firstName\":\"Bench\",\"lastName\":\"Mark\",\
\"email\":\"$1\",\"organizationType\":\"$4\",\"password\":\"$2\",\
\"confirmPassword\":\"$2\",\"orgName\":\"$3\"}"
	expect 201 "register $1"
	REG_ID=$(first_id)
}

# device_create TOKEN EXTERNAL_ID COUNTRY CAPACITY_KW: POST /api/device
# (201); its id in DEVICE_ID.
device_create() {
	stack_api POST /api/device "$1" "{\"externalId\":\"$2\",\"projectName\":\"Bench\",\
\"address\":\"1 Bench Road\",\"latitude\":\"12.9716\",\"longitude\":\"77.5946\",\
\"countryCode\":\"$3\",\"fuelCode\":\"ES100\",\"deviceTypeCode\":\"TC120\",\"capacity\":$4,\
\"commissioningDate\":\"2019-01-01\",\"yieldValue\":2000}"
	expect 201 "POST /api/device $2"
	DEVICE_ID=$(first_id)
}

# check_get PATH TOKEN [PATTERN COUNT]: GET PATH answers 200 and (with
# PATTERN) holds exactly COUNT matches of PATTERN (grep -o), else die.
check_get() {
	stack_api GET "$1" "$2"
	expect 200 "GET $1"
	[ -z "${3:-}" ] || [ "$(grep -o "$3" <<<"$API_BODY" | wc -l)" -eq "$4" ] ||
		die "GET $1: expected $4 x $3: ${API_BODY:0:300}"
}

# devices_create TOKEN PREFIX N: POST /api/device of devices PREFIX-1 ..
# PREFIX-N (10 kW, alternately IND and BGD) through one curl process (a
# config file of requests); every answer 201, else die.
devices_create() {
	local cfg=$STACK_VAR/devices.curl i cc codes
	: >"$cfg"
	for ((i = 1; i <= $3; i++)); do
		cc=IND
		[ $((i % 2)) -eq 0 ] && cc=BGD
		[ "$i" -gt 1 ] && echo next >>"$cfg"
		cat >>"$cfg" <<EOF
url = "$STACK_URL/api/device"
header = "Authorization: Bearer $1"
header = "Content-Type: application/json"
output = "/dev/null"
write-out = "%{http_code}\\n"
data-binary = "{\\"externalId\\":\\"$2-$i\\",\\"projectName\\":\\"Bench\\",\\"address\\":\\"1 Bench Road\\",\\"latitude\\":\\"12.9716\\",\\"longitude\\":\\"77.5946\\",\\"countryCode\\":\\"$cc\\",\\"fuelCode\\":\\"ES100\\",\\"deviceTypeCode\\":\\"TC120\\",\\"capacity\\":10,\\"commissioningDate\\":\\"2019-01-01\\",\\"yieldValue\\":2000}"
EOF
	done
	codes=$(curl -s --noproxy '*' -K "$cfg" | sort | uniq -c)
	[ "$(awk '$2 == 201 { print $1 }' <<<"$codes")" = "$3" ] ||
		die "creating $3 devices $2-*: $codes"
}

# ---------------------------------------------------------------- issuer pass

# The issuer-pass benchmark of bench/issuance and bench/scale (issue 6, 19):
# issuance_fixture builds one size, issuance_measure times the SQL
# aggregate and one pass over it and checks the result.  The caller defines
# ADMIN_EMAIL and ADMIN_PASSWORD (the test clock) and runs drecd with an
# issuer key (issuer_key_ensure).

# issuance_fixture PREFIX NDEV DAYS DEV_TOKEN DEV_USER BUY_TOKEN: test
# clock at 2025-01-15; NDEV devices PREFIX-1..NDEV of the Developer
# (DEV_TOKEN; DEV_USER owns the read batches); two reservations of the
# Buyer (BUY_TOKEN) over 2025-02-01 .. +DAYS days and 1 hour (one hour past
# the last read: a read that ends exactly at the end of a reservation
# belongs to no window), "daily" on the first half of the devices, "hourly"
# on the second half (authorityToExceed, a 1 MWh target); then, straight
# into MariaDB, one meter_read_batch row per device and per device 24 x
# DAYS hourly Delta reads (start = the previous end, 1 000-4 999 Wh,
# created_at = end_ts); the devices' meter_read_type becomes Delta; the
# clock moves to two days after the period (past the settle time).
# Sets ISS_RIDS (the two reservation ids, comma-separated), ISS_HALF,
# ISS_NREADS, ISS_LOAD_S (seconds to load the reads) and ISS_CLOCK.
issuance_fixture() {
	local prefix=$1 ndev=$2 days=$3 dev_token=$4 dev_user=$5 buy_token=$6
	local start="2025-02-01 00:00:00" hours=$(($3 * 24)) end_iso t freq from n
	local -a ids
	end_iso=$(date -u -d "2025-02-01 + $days days + 1 hour" +%Y-%m-%dT%H:%M:%S.000Z)
	clock_set "$ADMIN_EMAIL" "$ADMIN_PASSWORD" 2025-01-15T00:00:00Z
	devices_create "$dev_token" "$prefix" "$ndev"
	mapfile -t ids < <(sql -e "SELECT id FROM device WHERE external_id LIKE '$prefix-%' ORDER BY id")
	[ "${#ids[@]}" -eq "$ndev" ] || die "expected $ndev devices $prefix-*, found ${#ids[@]}"
	ISS_HALF=$((ndev / 2))
	ISS_RIDS=""
	for freq in daily hourly; do
		from=0 n=$ISS_HALF
		[ "$freq" = hourly ] && from=$ISS_HALF n=$((ndev - ISS_HALF))
		stack_api POST /api/buyer-reservation "$buy_token" "{\"name\":\"$prefix-$freq\",\
\"deviceIds\":[$(IFS=,; echo "${ids[*]:from:n}")],\"targetCapacityInMegaWattHour\":1,\
\"reservationStartDate\":\"2025-02-01T00:00:00.000Z\",\"reservationEndDate\":\"$end_iso\",\
\"authorityToExceed\":true,\"frequency\":\"$freq\"}"
		expect 201 "reservation $prefix-$freq"
		ISS_RIDS+="${ISS_RIDS:+,}$(first_id)"
	done
	log "issuer fixture $prefix: $ndev devices, reservations $ISS_RIDS; loading $((ndev * hours)) reads"
	t=$SECONDS
	sql <<EOF
INSERT INTO meter_read_batch (token, device_id, user_id, idem_key, fingerprint,
  response, created_at)
SELECT UNHEX(MD5(CONCAT('bench-issuance-', d.id))), d.id, $dev_user, NULL, NULL,
  '{}', '$start'
FROM device d WHERE d.external_id LIKE '$prefix-%';
INSERT INTO meter_read (device_id, batch_id, read_type, start_ts, end_ts,
  energy_wh, counter_wh, is_baseline, created_at)
SELECT b.device_id, b.id, 'Delta',
  TIMESTAMP'$start' + INTERVAL s.seq HOUR,
  TIMESTAMP'$start' + INTERVAL (s.seq + 1) HOUR,
  1000 + (b.device_id * 7919 + s.seq * 104729) % 4000, NULL, 0,
  TIMESTAMP'$start' + INTERVAL (s.seq + 1) HOUR
FROM meter_read_batch b JOIN device d ON d.id = b.device_id
JOIN seq_0_to_$((hours - 1)) s
WHERE d.external_id LIKE '$prefix-%';
UPDATE device SET meter_read_type = 'Delta' WHERE external_id LIKE '$prefix-%';
EOF
	ISS_NREADS=$(sql -e "SELECT COUNT(*) FROM meter_read mr JOIN device d
  ON d.id = mr.device_id WHERE d.external_id LIKE '$prefix-%'")
	[ "$ISS_NREADS" -eq $((ndev * hours)) ] ||
		die "meter_read holds $ISS_NREADS reads of $prefix-*, not $((ndev * hours))"
	ISS_LOAD_S=$((SECONDS - t))
	# Two days after the period (a fixed 2025-03-10 left the windows of
	# --days 37 and more undue, so the pass certified nothing).
	ISS_CLOCK=$(date -u -d "2025-02-01 + $days days + 2 days" +%Y-%m-%dT00:00:00Z)
	clock_set "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$ISS_CLOCK"
}

# issuance_measure PREFIX: over the reads of issuance_fixture PREFIX (its
# reservations ISS_RIDS), in this order:
#   sql   one SELECT of SUM(energy_wh) and COUNT(*) per reservation, window
#         (UTC day or hour, by the reservation's frequency) and country over
#         the uncertified reads (joined through reservation_device as the
#         issuer does), run twice: the second run is timed (warm buffer
#         pool, like the pass);
#   pass  `drecctl issue --force`: one issuer pass (lease, plan, one
#         transaction per certificate, ledger), its peak RSS by GNU time;
# then checks, else die: every read of PREFIX certified, and the energy of
# the reservations' certificates equals the reads' and the SQL total, and
# the SQL counted every read.  Sets ISS_SQL_MS, ISS_GROUPS (SQL rows),
# ISS_SQL_WH, ISS_PASS_MS, ISS_PASS_RSS (kB), ISS_CERTS, ISS_CERT_DEV
# (certificate_device rows), ISS_CERT_WH, ISS_READ_WH; the pass's output is
# in $STACK_LOG/pass.out.
issuance_measure() {
	local prefix=$1 group_sql t0 t1 left sql_reads
	local -a extra
	group_sql="SELECT rd.reservation_id, d.country_code,
  IF(r.frequency = 'daily', DATE_FORMAT(mr.end_ts - INTERVAL 1 MICROSECOND, '%Y-%m-%d'),
     DATE_FORMAT(mr.end_ts - INTERVAL 1 MICROSECOND, '%Y-%m-%d %H')) AS w,
  SUM(mr.energy_wh), COUNT(*)
FROM reservation_device rd
JOIN reservation r ON r.id = rd.reservation_id
JOIN device d ON d.id = rd.device_id
JOIN meter_read mr ON mr.device_id = rd.device_id AND mr.end_ts >= rd.member_from
  AND mr.end_ts <= rd.member_to AND mr.certificate_id IS NULL
  AND mr.is_baseline = 0 AND mr.energy_wh > 0
WHERE rd.reservation_id IN ($ISS_RIDS)
GROUP BY rd.reservation_id, d.country_code, w"
	log "sql: SUM ... GROUP BY reservation, country, window over $prefix-* (warm-up, then timed)"
	sql -e "$group_sql" >/dev/null
	t0=$(now_ns)
	sql -e "$group_sql" >"$STACK_LOG/group.out"
	t1=$(now_ns)
	ISS_SQL_MS=$(((t1 - t0) / 1000000))
	ISS_GROUPS=$(wc -l <"$STACK_LOG/group.out")
	ISS_SQL_WH=$(awk -F'\t' '{ s += $4 } END { printf "%d", s }' "$STACK_LOG/group.out")
	sql_reads=$(awk -F'\t' '{ s += $5 } END { printf "%d", s }' "$STACK_LOG/group.out")

	log "pass: drecctl issue --force"
	read -r -a extra <<<"${STACK_DRECCTL_ENV:-${STACK_DRECD_ENV:-}}"
	clean_env_args
	t0=$(now_ns)
	/usr/bin/time -f %M -o "$STACK_LOG/pass.rss" env "${CLEAN_ENV[@]}" "${extra[@]}" \
		"$DREC_ROOT/src/drecctl" -c "$STACK_CONF" issue --force >"$STACK_LOG/pass.out" 2>&1 || {
		cat "$STACK_LOG/pass.out" >&2
		die "drecctl issue failed"
	}
	t1=$(now_ns)
	ISS_PASS_RSS=$(tail -n 1 "$STACK_LOG/pass.rss")
	ISS_PASS_MS=$(((t1 - t0) / 1000000))

	ISS_CERTS=$(sql -e "SELECT COUNT(*) FROM certificate WHERE reservation_id IN ($ISS_RIDS)")
	ISS_CERT_WH=$(sql -e "SELECT COALESCE(SUM(energy_wh), 0) FROM certificate
  WHERE reservation_id IN ($ISS_RIDS)")
	ISS_CERT_DEV=$(sql -e "SELECT COUNT(*) FROM certificate_device cd JOIN certificate c
  ON c.id = cd.certificate_id WHERE c.reservation_id IN ($ISS_RIDS)")
	left=$(sql -e "SELECT COUNT(*) FROM meter_read mr JOIN device d ON d.id = mr.device_id
  WHERE d.external_id LIKE '$prefix-%' AND mr.certificate_id IS NULL")
	ISS_READ_WH=$(sql -e "SELECT SUM(mr.energy_wh) FROM meter_read mr JOIN device d
  ON d.id = mr.device_id WHERE d.external_id LIKE '$prefix-%'")
	[ "$left" = 0 ] || die "$left reads were not certified ($(head -c 600 "$STACK_LOG/pass.out"))"
	[ "$ISS_CERT_WH" = "$ISS_READ_WH" ] && [ "$ISS_SQL_WH" = "$ISS_READ_WH" ] ||
		die "energy: certificates $ISS_CERT_WH, reads $ISS_READ_WH, SQL $ISS_SQL_WH"
	[ "$sql_reads" = "$ISS_NREADS" ] || die "the SQL counted $sql_reads reads of $ISS_NREADS"
}

# ---------------------------------------------------------------- /proc

TICK_HZ=$(getconf CLK_TCK)

# ticks PID...: utime + stime (clock ticks, all threads) of the processes.
ticks() {
	local p t=0 st
	local -a f
	for p in "$@"; do
		st=$(cat "/proc/$p/stat" 2>/dev/null) || continue
		read -r -a f <<<"${st##*) }" # f[11] utime, f[12] stime
		t=$((t + f[11] + f[12]))
	done
	echo "$t"
}

# group_ticks PIDFILE: ticks of the process in PIDFILE and its children.
group_ticks() {
	local m
	m=$(cat "$1" 2>/dev/null) || {
		echo 0
		return
	}
	# shellcheck disable=SC2046 # pid list
	ticks "$m" $(pgrep -P "$m")
}

# rss_kb PID: VmRSS of PID in kB.
rss_kb() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# drecd_worker_pids: the pids of drecd's workers (children of the master).
drecd_worker_pids() {
	pgrep -P "$(cat "$STACK_RUN/drecd.pid")" | sort -n
}
