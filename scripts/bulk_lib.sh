# shellcheck shell=bash
# shellcheck disable=SC2034 # BULK_* are the callers'
# scripts/bulk_lib.sh — the bulk-upload crash-resume helpers shared by
# bench/bulk (its crash part) and tests/fault/run.sh (test job):
# integrators.md §11 vector 33.  Sourced after scripts/lib.sh (STACK_*,
# mariadb_root); works under `set -euo pipefail`.

# bulk_dev_csv FILE PREFIX N: a device CSV of N rows, externalIds
# PREFIX-1 .. PREFIX-N (integrators.md §5.3's required columns).
bulk_dev_csv() {
	awk -v p="$2" -v n="$3" 'BEGIN {
		print "externalId,address,latitude,longitude,countryCode,fuelCode,deviceTypeCode,capacity,commissioningDate,SDGBenefits"
		for (i = 1; i <= n; i++)
			printf "%s-%d,Road %d,11.5564,104.9282,KH,ES100,TC120,0.66,2021-05-30,7\n", p, i, i
	}' >"$1"
}

# bulk_job_row JOB: "status succeeded lease_token lease_holder" of bulk_job JOB.
bulk_job_row() {
	mariadb_root -N -B -e "SELECT status, succeeded, lease_token, COALESCE(lease_holder, '-')
		FROM \`$STACK_DB_NAME\`.bulk_job WHERE id = $1"
}

bulk_secs() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }

# bulk_crash_resume JOB MIN_ROWS LIMIT_S: once job JOB is Running with at
# least MIN_ROWS rows succeeded, kill -9 the drecd worker holding its lease
# (bulk_job.lease_holder is host:pid; it must be a child of this stack's
# drecd master), then poll until the job is Completed or Failed, at most
# LIMIT_S seconds.  Sets BULK_VICTIM (the pid killed), BULK_KILL_ROWS (rows
# succeeded once the victim was gone and any commit it had sent had landed),
# BULK_MOVED (seconds from the kill until a later claim, lease_token above
# the victim's, had committed a chunk; empty if never), BULK_DONE (seconds
# from the kill to the end), BULK_STATUS (the job's last status) and
# BULK_HOLDER (the holder that resumed it).  Returns 1 with BULK_ERR when
# the job never ran or its holder is not a worker of this stack.
bulk_crash_resume() {
	local job=$1 min=$2 limit=$3 st rows token holder master i t_kill t_end
	BULK_VICTIM="" BULK_KILL_ROWS="" BULK_MOVED="" BULK_DONE="" BULK_STATUS="" BULK_HOLDER="" BULK_ERR=""
	for ((i = 0; i < 1500; i++)); do
		read -r st rows token holder <<<"$(bulk_job_row "$job")"
		[ "$st" = Running ] && [ "$rows" -ge "$min" ] && break
		[ "$st" = Completed ] || [ "$st" = Failed ] && break
		sleep 0.02
	done
	if [ "$st" != Running ]; then
		BULK_ERR="job $job not Running with >= $min rows done (status $st, $rows rows)"
		return 1
	fi
	BULK_VICTIM=${holder##*:}
	master=$(cat "$STACK_RUN/drecd.pid" 2>/dev/null || echo none)
	if [[ ! $BULK_VICTIM =~ ^[0-9]+$ ]] ||
		[ "$(ps -o ppid= -p "$BULK_VICTIM" 2>/dev/null | tr -d ' ')" != "$master" ]; then
		BULK_ERR="job $job's lease holder $holder is not a worker of drecd $master"
		return 1
	fi
	kill -KILL "$BULK_VICTIM"
	t_kill=$(date +%s.%N)
	# A COMMIT the victim sent before it died may still land: count the
	# rows once it is gone (reaped by the master) and a moment later.
	for ((i = 0; i < 100; i++)); do
		proc_alive "$BULK_VICTIM" || break
		sleep 0.01
	done
	sleep 0.2
	read -r st BULK_KILL_ROWS token holder <<<"$(bulk_job_row "$job")"
	t_end=$(($(date +%s) + limit))
	while [ "$(date +%s)" -le "$t_end" ]; do
		read -r st rows i holder <<<"$(bulk_job_row "$job")"
		if [ -z "$BULK_MOVED" ] && [ "$rows" -gt "$BULK_KILL_ROWS" ] && [ "$i" -gt "$token" ]; then
			BULK_MOVED=$(bulk_secs "$t_kill")
			BULK_HOLDER=$holder
		fi
		[ "$st" = Completed ] || [ "$st" = Failed ] && break
		sleep 0.05
	done
	BULK_STATUS=$st
	BULK_DONE=$(bulk_secs "$t_kill")
	[ -n "$BULK_HOLDER" ] || BULK_HOLDER=$holder
	return 0
}

# bulk_job_counts JOB ORG PREFIX: BULK_NDEV and BULK_NDISTINCT (devices of
# organization ORG with an externalId PREFIX-..., and how many distinct
# ignoring case), BULK_NITEMS and BULK_NOK (job JOB's items, and how many
# Succeeded).
bulk_job_counts() {
	read -r BULK_NDEV BULK_NDISTINCT <<<"$(mariadb_root -N -B -e "SELECT COUNT(*),
		COUNT(DISTINCT LOWER(external_id)) FROM \`$STACK_DB_NAME\`.device
		WHERE organization_id = $2 AND external_id LIKE '$3-%'")"
	read -r BULK_NITEMS BULK_NOK <<<"$(mariadb_root -N -B -e "SELECT COUNT(*),
		COALESCE(SUM(status = 'Succeeded'), 0) FROM \`$STACK_DB_NAME\`.bulk_job_item
		WHERE job_id = $1")"
}
