# shellcheck shell=bash
# bench/lib.sh — helpers shared by bench/http, bench/issuance, bench/scale
# and bench/cluster (sourced after scripts/lib.sh): a private stack under
# var/bench.XXXXXX that is stopped and removed on exit, API steps of the
# fixtures over scripts/lib.sh's stack_api (login, clock, register,
# devices), and CPU/RSS readings of the server processes from /proc.
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
