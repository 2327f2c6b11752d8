#!/usr/bin/env bash
# tests/cluster/run.sh — the fault tests of issue 18 on a local Galera
# cluster (scripts/cluster_lib.sh: three MariaDB nodes, two drecd hosts,
# nginx; docs/cluster.md).  Run by `scripts/test --cluster`.
#
#   tests/cluster/run.sh [--keep] [--dir DIR] [TEST...]
#
# TEST is nodekill, freeze, hostkill, issuer or samedev (default: all five):
#   nodekill  kill -9 db2 (host 2's node) under load, restart it after
#             CLUSTER_DOWN_SECONDS: it rejoins by IST (or SST).
#   freeze    SIGSTOP db1 (host 1's node) until the others evict it
#             (CLUSTER_FREEZE_SECONDS), then SIGCONT: it rejoins.
#   hostkill  kill -9 drecd host 1 (master and workers) under load: nginx
#             goes on with host 2; host 1 is restarted at the end.
#   issuer    an issuer loop on each host (`drecctl issue --every 1`):
#             host 1's is killed -9 after its first certificate, mid-pass;
#             host 2's finishes the work once the lease (5 s) expires; no
#             read certified twice; `drecctl ledger verify` passes.
#   samedev   two loads on the same devices, one through host 1 (db1), one
#             through host 2 (db2): the order checks of meter-reads.md hold
#             (no two reads overlap, each read starts where the one before
#             ends, no end stored twice).  First, a batch posted through
#             host 1 is replayed by its Idempotency-Key through host 2.
# Every test runs under a load through nginx (tests/fault/loadgen: per
# device one thread, even threads one read per request, odd threads
# batches of CLUSTER_BATCH reads, an Idempotency-Key per request, a
# 5xx or timeout retried with the same key until a definite answer) and
# ends with the acknowledged (201) reads against the reads stored on every
# running node: none lost, none stored without a 201.  A request whose
# failed attempt (5xx, no answer) had been stored is answered by its
# key's replay (Idempotent-Replayed: true): counted as "found by replay".
#
# Ports (loopback): SQL 3410-3412, Galera 4410-4418, HTTP 18410-18412, or
# CLUSTER_TEST_SQL_PORT / CLUSTER_TEST_GALERA_PORT / CLUSTER_TEST_HTTP_PORT.
# State under DIR (default a new var/cluster-test.XXXXXX, removed when all
# passed unless --keep).  Bounded: about 3 minutes on 2 shared cores (load
# average 8-13 when measured).
# Environment: CLUSTER_THREADS (4), CLUSTER_BATCH (5), CLUSTER_LOAD_SECONDS
# (before and after each fault, 3), CLUSTER_DOWN_SECONDS (5),
# CLUSTER_FREEZE_SECONDS (12), CLUSTER_HOURLY_READS (issuer, 240),
# CLUSTER_SAMEDEV_SECONDS (10).
# shellcheck disable=SC2119 # lib functions take optional arguments
# shellcheck disable=SC2317 # the tests run as "test_$name": reached indirectly
set -euo pipefail

DREC_LOG_TAG="cluster-test"
# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/lib.sh"
# shellcheck source=scripts/cluster_lib.sh
source "$DREC_ROOT/scripts/cluster_lib.sh"
cd "$DREC_ROOT"

# shellcheck source=tests/fault/checks.sh
source "$DREC_ROOT/tests/fault/checks.sh"
fault_args "nodekill freeze hostkill issuer samedev" "$@"

THREADS=${CLUSTER_THREADS:-4}
BATCH=${CLUSTER_BATCH:-5}
LOAD_SECONDS=${CLUSTER_LOAD_SECONDS:-3}
DOWN_SECONDS=${CLUSTER_DOWN_SECONDS:-5}
FREEZE_SECONDS=${CLUSTER_FREEZE_SECONDS:-12}
HOURLY_READS=${CLUSTER_HOURLY_READS:-240}
SAMEDEV_SECONDS=${CLUSTER_SAMEDEV_SECONDS:-10}
ADMIN_EMAIL=admin@drec.test
ADMIN_PASSWORD=Adm1nPass
LOADGEN=$DREC_ROOT/tests/fault/loadgen

export CLUSTER_SQL_PORT=${CLUSTER_TEST_SQL_PORT:-3410}
export CLUSTER_GALERA_PORT=${CLUSTER_TEST_GALERA_PORT:-4410}
export CLUSTER_HTTP_PORT=${CLUSTER_TEST_HTTP_PORT:-18410}
STACK_DB_NAME=drec_cluster
STACK_BCRYPT_COST=4
STACK_WORKERS=2
STACK_THREADS=4

N_PASS=0
N_FAIL=0
FAILED=()
UP=0
T0=$SECONDS
SUMMARY=()

# ---------------------------------------------------------------- helpers

FIGURE_WIDTH=40
# nsql N SQL: rows of SQL on node N, after every write the cluster
# committed before it (wsrep_sync_wait).
nsql() {
	node_q "$1" "SET SESSION wsrep_sync_wait = 1; USE \`$CL_DB_NAME\`; $2"
}

# running_nodes: the nodes whose mariadbd runs.
running_nodes() {
	local i
	for ((i = 1; i <= CLUSTER_NODES; i++)); do
		node_running "$i" && printf '%s ' "$i"
	done
	return 0
}

host_pid() { cat "$CL_DIR/host$1/run/drecd.pid" 2>/dev/null || true; }

start_cluster() {
	if [ -z "$DIR" ]; then
		mkdir -p "$DREC_ROOT/var"
		DIR=$(mktemp -d "$DREC_ROOT/var/cluster-test.XXXXXX")
	fi
	cluster_paths "$DIR"
	LOADGEN_URL=$CL_URL
	UP=1
	log "cluster: $DIR (sql $CL_SQL_PORT-$((CL_SQL_PORT + 2)), galera $CL_GALERA_PORT-$((CL_GALERA_PORT + 8)), http $CL_HTTP_PORT-$((CL_HTTP_PORT + 2)))"
	DREC_ISSUER_LEASE_SECONDS=5 cluster_up test || return 1
	host_use 1
	drecctl create-admin --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD" \
		--org-name SuperOrg >>"$CL_LOG/drecctl.log" 2>&1
}

teardown() {
	local h
	set +e
	if [ "$UP" -eq 1 ]; then
		if [ "$N_FAIL" -gt 0 ]; then
			for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
				host_use "$h"
				show_logs 20
			done
		fi
		for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
			[ -n "${ISSUER_PID[$h]:-}" ] && kill -KILL "${ISSUER_PID[$h]}" 2>/dev/null
		done
		cluster_down
		UP=0
	fi
	if [ -n "$DIR" ] && [ -d "$DIR" ]; then
		if [ "$N_FAIL" -gt 0 ] || [ "$KEEP" -eq 1 ]; then
			log "cluster test directory kept: $DIR"
		else
			[ "${CL_SOCK_DIR:-$DIR}" != "$DIR" ] && rm -rf "$CL_SOCK_DIR"
			rm -rf "$DIR"
		fi
	fi
}

FINISHED=0
finish() {
	local line
	teardown
	FINISHED=1
	if [ "${#SUMMARY[@]}" -gt 0 ]; then
		printf '\n%-9s %8s %8s %8s %8s %7s %7s %8s %s\n' test requests reads acked \
			stored lost unacked replayed "stored per node (db1/db2/db3)"
		for line in "${SUMMARY[@]}"; do
			printf '%s\n' "$line"
		done
	fi
	printf '\n=== cluster tests: %d passed, %d failed (%ss)\n' "$N_PASS" "$N_FAIL" \
		"$((SECONDS - T0))"
	[ "$N_FAIL" -eq 0 ] || printf 'failed: %s\n' "${FAILED[*]}"
	[ "$N_FAIL" -eq 0 ]
	exit $?
}
on_exit() {
	local rc=$?
	[ "$FINISHED" -eq 1 ] && return
	N_FAIL=$((N_FAIL + 1))
	FAILED+=("run.sh (aborted, exit $rc)")
	finish
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- load

# load_start NAME STATE URL: loadgen on STATE's devices until load_stop
# NAME (keys NAME-<thread>-<k>); files $W/NAME.{req,att,sum,out}.
declare -A LOAD_PID
load_start() {
	rm -f "$W/$1.stop"
	"$LOADGEN" run --url "$3" --state "$W/$2.state" --out "$W/$1" --tag "$1" \
		--threads "$THREADS" --batch "$BATCH" --duration 200 \
		--stop-file "$W/$1.stop" --timeout 60 --give-up 120 >"$W/$1.out" 2>&1 &
	LOAD_PID[$1]=$!
}

load_stop() {
	local rc=0
	touch "$W/$1.stop"
	wait "${LOAD_PID[$1]}" || rc=$?
	sed -n '1p' "$W/$1.out"
	if [ "$rc" -ne 0 ]; then
		cat "$W/$1.out"
		fail "loadgen $1 exited $rc"
		return 1
	fi
}

# check_statuses NAME [REFUSED_OK]: no 500, every request answered, no 4xx
# (unless REFUSED_OK: samedev's losing twin gets one).
check_statuses() {
	local p=$W/$1
	figure "$1: attempts / 503 (unknown) / 502 / none" "$(sumv "$p" attempts) / $(sumv "$p" status_503) ($(sumv "$p" status_503_unknown)) / $(sumv "$p" status_502) / $(sumv "$p" no_response)"
	figure "$1: latency p99 / max (ms)" "$(sumv "$p" p99_latency_ms) / $(sumv "$p" max_latency_ms)"
	check "$1: $(sumv "$p" status_500) answers 500" "$(sumv "$p" status_500)" -eq 0
	check "$1: $(sumv "$p" undetermined) requests without a definite answer" \
		"$(sumv "$p" undetermined)" -eq 0
	if [ -z "${2:-}" ]; then
		check "$1: $(sumv "$p" refused) requests refused (4xx)" "$(sumv "$p" refused)" -eq 0
		if [ "$(sumv "$p" status_4xx)" -gt 0 ]; then
			awk '$5 >= 400 && $5 < 500' "$p.att" | head -n 5 | sed 's/^/      /'
		fi
	fi
}

# replay_found NAME...: requests acknowledged by a replay after a failed
# attempt (5xx or no answer): their read had been stored by that attempt.
replay_found() {
	local n
	for n in "$@"; do
		awk '$5 != 201 { bad[$1] = 1 } $5 == 201 && $7 == 1 && bad[$1] { print $1 }' "$W/$n.att"
	done | sort -u | wc -l
}

# check_stored NAME...: the acknowledged reads of the named loads against
# the reads (device, end) and batch keys stored on every running node.
check_stored() {
	local n ids="" ack ackk req reads node stored lost extra klost kextra per="" dup
	local total_lost=0 total_extra=0 found first_stored=""
	for n in "$@"; do
		ids+="${ids:+,}$(awk '$1 == "device" { print $2 }' "$W/$(state_of "$n").state" | paste -sd, -)"
	done
	ids=$(tr ',' '\n' <<<"$ids" | sort -u | paste -sd, -)
	for n in "$@"; do awk '$4 == 201 { print $1, $2 }' "$W/$n.req"; done | sort >"$W/acked"
	for n in "$@"; do awk '$4 == 201 { print $3 }' "$W/$n.req"; done | sort -u >"$W/ackkeys"
	req=0
	reads=0
	for n in "$@"; do
		req=$((req + $(sumv "$W/$n" requests)))
		reads=$((reads + $(wc -l <"$W/$n.req")))
	done
	ack=$(wc -l <"$W/acked")
	ackk=$(wc -l <"$W/ackkeys")
	dup=$(uniq -d "$W/acked" | wc -l)
	found=$(replay_found "$@")
	figure "requests sent / reads in them" "$req / $reads"
	figure "acknowledged (201): reads / requests" "$ack / $ackk"
	figure "found by replay (a failed try stored)" "$found"
	check "$dup reads acknowledged twice (same device and end)" "$dup" -eq 0
	check "no read was acknowledged" "$ack" -gt 0
	for node in $(running_nodes); do
		nsql "$node" "SELECT device_id, CONCAT(DATE_FORMAT(end_ts, '%Y-%m-%dT%H:%i:%s.'),
			LPAD(FLOOR(MICROSECOND(end_ts) / 1000), 3, '0'), 'Z')
			FROM meter_read WHERE device_id IN ($ids)" | tr '\t' ' ' | sort >"$W/stored.$node"
		nsql "$node" "SELECT idem_key FROM meter_read_batch WHERE device_id IN ($ids)" |
			sort >"$W/storedkeys.$node"
		stored=$(wc -l <"$W/stored.$node")
		lost=$(comm -23 "$W/acked" "$W/stored.$node" | wc -l)
		extra=$(comm -13 "$W/acked" "$W/stored.$node" | wc -l)
		klost=$(comm -23 "$W/ackkeys" "$W/storedkeys.$node" | wc -l)
		kextra=$(comm -13 "$W/ackkeys" "$W/storedkeys.$node" | wc -l)
		figure "db$node: stored / lost / unacknowledged" "$stored / $lost / $extra (keys: $klost lost, $kextra unacknowledged)"
		check "db$node: $lost acknowledged reads not stored" "$lost" -eq 0
		check "db$node: $extra reads stored without a 201" "$extra" -eq 0
		check "db$node: keys $klost lost, $kextra unacknowledged" $((klost + kextra)) -eq 0
		total_lost=$((total_lost + lost))
		total_extra=$((total_extra + extra))
		per+="${per:+/}$stored"
		[ -n "$first_stored" ] || first_stored=$stored
		if [ "$lost" -gt 0 ] || [ "$extra" -gt 0 ]; then
			diff "$W/acked" "$W/stored.$node" | grep '^[<>]' | head -n 5 | sed 's/^/      /'
		fi
	done
	check "fewer than 3 nodes run after the test: $(running_nodes)" "$(running_nodes | wc -w)" -eq 3
	SUMMARY+=("$(printf '%-9s %8s %8s %8s %8s %7s %7s %8s %s' "$TEST" "$req" "$reads" \
		"$ack" "$first_stored" "$total_lost" "$total_extra" "$found" "$per")")
}

state_of() { sed -n 's/^state //p' "$W/$1.meta" 2>/dev/null || echo "$1"; }

# load_window NAME STATE: load NAME through nginx on STATE's devices.
load_begin() {
	echo "state $2" >"$W/$1.meta"
	load_start "$1" "$2" "${3:-$CL_URL}"
}

# wait_size N SIZE TIMEOUT: until node N sees a cluster of SIZE nodes.
wait_size() {
	local i
	for ((i = 0; i < $3 * 5; i++)); do
		[ "$(cluster_size "$1")" = "$2" ] && return 0
		sleep 0.2
	done
	return 1
}

# log_mark N: remember where node N's log ends (wait_rejoin reads on).
log_mark() { LOG_MARK=$(wc -l <"$CL_LOG/db$1.log"); }

# wait_rejoin N TIMEOUT: node N Synced again in a cluster of three (as it
# and the others see it); the figure says how it caught up: SST (a full
# copy, mariabackup) or IST (the missed write sets from a donor's gcache).
wait_rejoin() {
	local n=$1 t0 how i o
	o=$((n % CLUSTER_NODES + 1))
	t0=$(now_ms)
	for ((i = 0; i < $2 * 5; i++)); do
		node_synced "$n" && [ "$(cluster_size "$n")" = 3 ] &&
			[ "$(cluster_size "$o")" = 3 ] && node_synced "$o" && break
		sleep 0.2
	done
	if [ "$i" -ge $(($2 * 5)) ]; then
		fail "db$n did not rejoin within $2 s (state: $(node_state "$n"))"
		return 1
	fi
	how=IST
	tail -n "+$((LOG_MARK + 1))" "$CL_LOG/db$n.log" | grep -q "SST completed on joiner" && how=SST
	figure "db$n Synced again after (ms)" "$(($(now_ms) - t0)) (by $how)"
}

# ---------------------------------------------------------------- tests

# fault_begin TAG NAME N: devices TAG under load NAME for LOAD_SECONDS;
# then (in the caller's locals) pid = node N's mariadbd, t0 = now, and
# node N's log is marked for wait_rejoin.
fault_begin() {
	setup "$1" --devices "$THREADS" || return 1
	load_begin "$2" "$1"
	sleep "$LOAD_SECONDS"
	pid=$(node_pid "$3")
	log_mark "$3"
	t0=$(now_ms)
}

test_nodekill() {
	local pid t0
	fault_begin k nk 2
	kill -KILL "$pid"
	wait_size 1 2 20
	figure "db2 killed (pid); db1 sees size 2 after (ms)" "$pid; $(($(now_ms) - t0))"
	sleep "$DOWN_SECONDS"
	node_start 2 >>"$W/node.out" 2>&1 &
	wait_rejoin 2 180 || true
	wait $! || true
	figure "db2 down for (ms)" "$(($(now_ms) - t0))"
	sleep "$LOAD_SECONDS"
	load_stop nk || return 1
	check_statuses nk
	check_stored nk
}

test_freeze() {
	local pid size t0
	fault_begin f fr 1
	kill -STOP "$pid"
	wait_size 2 2 "$FREEZE_SECONDS"
	size=$(cluster_size 2)
	figure "db1 evicted after (ms)" "$(($(now_ms) - t0)) (size seen by db2: ${size:-?})"
	check "db1 was not evicted while frozen (size seen by db2: $size)" "$size" = 2
	while [ $(($(now_ms) - t0)) -lt $((FREEZE_SECONDS * 1000)) ]; do sleep 0.2; done
	kill -CONT "$pid"
	figure "db1 frozen for (ms)" "$(($(now_ms) - t0))"
	wait_rejoin 1 180 || true
	sleep "$LOAD_SECONDS"
	load_stop fr || return 1
	check_statuses fr
	check_stored fr
}

test_hostkill() {
	local pid t0 code
	setup h --devices "$THREADS" || return 1
	load_begin hk h
	sleep "$LOAD_SECONDS"
	pid=$(host_pid 1)
	t0=$(now_ms)
	kill -KILL -- "-$pid"
	sleep "$DOWN_SECONDS"
	code=$(curl -s --noproxy '*' --max-time 5 -o /dev/null -w '%{http_code}' "$CL_URL/api/health" || true)
	figure "host 1 killed (master pid)" "$pid; /api/health $((DOWN_SECONDS)) s later: $code"
	check "nginx did not go on with host 2 (/api/health: $code)" "$code" = 200
	sleep "$LOAD_SECONDS"
	load_stop hk || return 1
	host_use 1
	drecd_start >>"$W/host.out" 2>&1 || fail "host 1 did not restart"
	figure "host 1 down for (ms)" "$(($(now_ms) - t0))"
	check_statuses hk
	check_stored hk
}

declare -A ISSUER_PID
# issuer_loop H: `drecctl issue --every 1 --force` on host H (the test
# clock is set: --force), output $W/issuer.H.
issuer_loop() {
	host_use "$1"
	clean_env_args
	setsid env "${CLEAN_ENV[@]}" "$DREC_ROOT/src/drecctl" -c "$STACK_CONF" \
		issue --every 1 --force >"$W/issuer.$1" 2>&1 </dev/null &
	ISSUER_PID[$1]=$!
}

test_issuer() {
	local resv ids expect n_killed i t_kill rc n_total bad dup uncert verify busy passes2 t_done
	setup is --devices 4 --hourly-reads "$HOURLY_READS" --reservation || return 1
	setup isl --devices "$THREADS" || return 1
	resv=$(awk '$1 == "reservation" { print $2 }' "$W/is.state")
	ids=$(awk '$1 == "device" { print $2 }' "$W/is.state" | paste -sd, -)
	expect=$HOURLY_READS
	load_begin il isl
	sleep "$LOAD_SECONDS"
	issuer_loop 1
	for ((i = 0; i < 3000; i++)); do
		n_killed=$(nsql 1 "SELECT COUNT(*) FROM certificate")
		[ "${n_killed:-0}" -ge 1 ] && break
		sleep 0.02
	done
	issuer_loop 2
	kill -KILL -- "-${ISSUER_PID[1]}" 2>/dev/null || kill -KILL "${ISSUER_PID[1]}"
	rc=0
	wait "${ISSUER_PID[1]}" 2>/dev/null || rc=$?
	t_kill=$(now_ms)
	ISSUER_PID[1]=""
	n_killed=$(nsql 1 "SELECT COUNT(*) FROM certificate")
	figure "host 1 issuer killed: exit / certificates" "$rc / $n_killed of $expect"
	check "host 1's issuer was not killed mid-pass ($n_killed of $expect)" \
		"$(((n_killed >= 1) && (n_killed < expect) ? 1 : 0))" -eq 1
	t_done=""
	for ((i = 0; i < 1200; i++)); do
		if [ "$(nsql 2 "SELECT COUNT(*) FROM certificate")" -ge "$expect" ]; then
			t_done=$(now_ms)
			break
		fi
		sleep 0.1
	done
	sleep 2 # one more pass of host 2: nothing left
	kill -TERM "${ISSUER_PID[2]}" 2>/dev/null || true
	wait "${ISSUER_PID[2]}" 2>/dev/null || true
	ISSUER_PID[2]=""
	busy=$(grep -c -i "busy\|lease" "$W/issuer.2" || true)
	passes2=$(grep -c '"certificatesIssued":[1-9]' "$W/issuer.2" || true)
	figure "host 2: passes that issued / found the lease held" "$passes2 / $busy"
	figure "host 2 finished after the kill (ms)" "${t_done:+$((t_done - t_kill))}"
	check "host 2's issuer did not take over (passes that issued: $passes2)" "$passes2" -ge 1
	n_total=$(nsql 2 "SELECT COUNT(*) FROM certificate")
	figure "certificates in the end" "$n_total (expected $expect)"
	check "$n_total certificates, expected $expect" "$n_total" -eq "$expect"
	bad=$(nsql 3 "SELECT COUNT(*) FROM certificate c
		LEFT JOIN (SELECT certificate_id, SUM(energy_wh) wh FROM meter_read
			WHERE certificate_id IS NOT NULL GROUP BY certificate_id) r ON r.certificate_id = c.id
		WHERE c.energy_wh + c.excess_wh <> COALESCE(r.wh, -1)")
	dup=$(nsql 3 "SELECT COUNT(*) FROM (SELECT window_start, country_code FROM certificate
		WHERE reservation_id = $resv GROUP BY window_start, country_code HAVING COUNT(*) > 1) x")
	uncert=$(nsql 3 "SELECT COUNT(*) FROM meter_read WHERE device_id IN ($ids) AND certificate_id IS NULL")
	figure "windows certified twice / reads uncertified" "$dup / $uncert"
	figure "certificates whose Wh != their reads' Wh" "$bad"
	check "$dup windows certified twice" "$dup" -eq 0
	check "$uncert reads left uncertified" "$uncert" -eq 0
	check "$bad certificates differ from their reads" "$bad" -eq 0
	host_use 2
	verify=$(drecctl ledger verify 2>&1) || true
	figure "drecctl ledger verify (host 2)" "$verify"
	check "ledger verify: $verify" "$(grep -c "^OK $n_total certificates" <<<"$verify")" -eq 1
	load_stop il || return 1
	check_statuses il
	check_stored il
}

# post_key PORT TOKEN EXT KEY BODY: POST a meter-read batch through nginx
# port PORT with Idempotency-Key KEY; "status replayed-header" on stdout,
# the body in $W/post.PORT.
post_key() {
	local out
	out=$(curl -s --noproxy '*' --max-time 30 -D "$W/post.$1.h" -o "$W/post.$1" \
		-w '%{http_code}' -X POST "http://127.0.0.1:$1/api/meter-reads/new/$3" \
		-H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
		-H "Idempotency-Key: $4" -d "$5") || true
	printf '%s %s\n' "${out:-000}" "$(grep -ci '^idempotent-replayed: *true' "$W/post.$1.h" || true)"
}

# replay_across: a batch posted through host 1 (db1), its Idempotency-Key
# replayed through host 2 (db2): the same 201 body, marked as a replay.
replay_across() {
	local tok ext body p1 p2 a b
	setup r --devices 1 || return 1
	tok=$(sed -n 's/^token //p' "$W/r.state")
	ext=$(awk '$1 == "device" { print $3; exit }' "$W/r.state")
	body='{"type":"Delta","unit":"Wh","reads":[{"endtimestamp":"2024-01-01T00:10:00.000Z","value":5},{"endtimestamp":"2024-01-01T00:20:00.000Z","value":7}]}'
	p1=$((CL_HTTP_PORT + 1))
	p2=$((CL_HTTP_PORT + 2))
	a=$(post_key "$p1" "$tok" "$ext" replay-across-1 "$body")
	b=$(post_key "$p2" "$tok" "$ext" replay-across-1 "$body")
	figure "key posted via host 1 / replayed via host 2" "$a / $b (status, replay header)"
	check "first POST through host 1: $a, expected 201 0" "$a" = "201 0"
	check "replay through host 2: $b, expected 201 1" "$b" = "201 1"
	check "the replay's body differs from the first answer" "$(cmp -s "$W/post.$p1" "$W/post.$p2" && echo same)" = same
	check "db2 holds $(nsql 2 "SELECT COUNT(*) FROM meter_read m JOIN device d ON d.id = m.device_id WHERE d.external_id = '$ext'") reads of the key's batch, expected 2" \
		"$(nsql 2 "SELECT COUNT(*) FROM meter_read m JOIN device d ON d.id = m.device_id WHERE d.external_id = '$ext'")" = 2
}

test_samedev() {
	local ov gap ids
	replay_across || return 1
	setup s --devices "$THREADS" || return 1
	load_begin sa s "http://127.0.0.1:$((CL_HTTP_PORT + 1))"
	load_begin sb s "http://127.0.0.1:$((CL_HTTP_PORT + 2))"
	sleep "$SAMEDEV_SECONDS"
	load_stop sa || return 1
	load_stop sb || return 1
	figure "through host 1: acknowledged / refused" "$(sumv "$W/sa" acknowledged) / $(sumv "$W/sa" refused)"
	figure "through host 2: acknowledged / refused" "$(sumv "$W/sb" acknowledged) / $(sumv "$W/sb" refused)"
	check "host 1's load had no read acknowledged" "$(sumv "$W/sa" acknowledged)" -gt 0
	check "host 2's load had no read acknowledged" "$(sumv "$W/sb" acknowledged)" -gt 0
	check_statuses sa refused-ok
	check_statuses sb refused-ok
	check_stored sa sb
	ids=$(awk '$1 == "device" { print $2 }' "$W/s.state" | paste -sd, -)
	# Order (meter-reads.md §1): per device, each read starts at the end
	# of the one before (no overlap, no gap accepted twice).
	ov=$(nsql 3 "SELECT COUNT(*) FROM (SELECT start_ts, LAG(end_ts) OVER
		(PARTITION BY device_id ORDER BY end_ts) AS prev FROM meter_read
		WHERE device_id IN ($ids)) x WHERE prev IS NOT NULL AND start_ts < prev")
	gap=$(nsql 3 "SELECT COUNT(*) FROM (SELECT start_ts, LAG(end_ts) OVER
		(PARTITION BY device_id ORDER BY end_ts) AS prev FROM meter_read
		WHERE device_id IN ($ids)) x WHERE prev IS NOT NULL AND start_ts <> prev")
	figure "overlapping reads / starts not at the end before" "$ov / $gap"
	check "$ov reads overlap the read before" "$ov" -eq 0
	check "$gap reads do not start at the end of the read before" "$gap" -eq 0
}

# ---------------------------------------------------------------- main

ensure_packages "${CLUSTER_PACKAGES[@]}" || die "missing packages"
make -s faulttests >/dev/null || die "cannot build tests/fault/loadgen (make faulttests)"
start_cluster || die "the cluster did not start"

for TEST in "${TESTS[@]}"; do
	printf '\n=== cluster: %s\n' "$TEST"
	W=$DIR/work/$TEST
	mkdir -p "$W"
	WHY=()
	t1=$SECONDS
	rc=0
	"test_$TEST" || rc=$?
	[ "$rc" -eq 0 ] || [ "${#WHY[@]}" -gt 0 ] || WHY+=("aborted (exit $rc)")
	for ((i = 1; i <= CLUSTER_NODES; i++)); do
		node_synced "$i" || node_start "$i" >/dev/null 2>&1 || WHY+=("db$i not Synced after the test")
	done
	for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
		host_use "$h"
		drecd_running || drecd_start >/dev/null 2>&1 || WHY+=("host $h not running after the test")
	done
	if [ "${#WHY[@]}" -eq 0 ]; then
		N_PASS=$((N_PASS + 1))
		printf -- '--- PASS: cluster/%s (%ss)\n' "$TEST" "$((SECONDS - t1))"
	else
		N_FAIL=$((N_FAIL + 1))
		FAILED+=("cluster/$TEST")
		printf -- '--- FAIL: cluster/%s (%s; %ss)\n' "$TEST" "${WHY[0]}" "$((SECONDS - t1))"
	fi
done

finish
