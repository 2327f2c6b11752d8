# shellcheck shell=bash
# scripts/lib.sh — shared functions of scripts/run, scripts/test,
# scripts/drecctl and scripts/cluster, and of the benchmarks (bench/) and
# test runners (tests/*/run.sh) that start a stack: packages, build, a
# private MariaDB, drecd and nginx on loopback, the mail sink and mailer,
# and one API client (stack_api, stack_jfield).  Sourced, never run; works
# under `set -euo pipefail`.
#
# Everything a stack owns lives under one "var" directory (stack_paths VAR):
#
#   VAR/drec.conf            drecd/drecctl configuration (generated, 0600)
#   VAR/secrets/             db_password, db_migrate_password, jwt_secret,
#                            admin_password (0600)
#   VAR/mariadb/data/        MariaDB data directory
#   VAR/mariadb/mariadbd.pid
#   VAR/mysqld.sock          MariaDB socket        } in /tmp/drec-<hash>/ when
#   VAR/drecd.sock           drecd FastCGI socket  } VAR's path is too long
#   VAR/issuer.key           the issuer's Ed25519 key (drecctl issuer-key init)
#   VAR/run/                 pid files of drecd, the issuer and mailer loops
#                            and the mail sink
#   VAR/mail/                every mail the sink received (N.eml, N.json)
#   VAR/nginx/               nginx.conf (from nginx/local.conf.in), pid, temp
#   VAR/log/                 drecd.log, mariadb.log, nginx-error.log,
#                            nginx-access.log, drecctl.log, issuer.log,
#                            mailer.log, mail-sink.log, configure.out
#
# The processes are started in their own sessions (setsid) so that they
# outlive scripts/run; each is stopped through its pid file only.

DREC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages the build, the stack and the tests need.
DREC_PACKAGES=(build-essential autoconf automake libtool pkg-config
	libfcgi-dev libjson-c-dev libmariadb-dev libssl-dev libcrypt-dev
	libcunit1-dev libcurl4-openssl-dev mariadb-server mariadb-client
	nginx curl tzdata ca-certificates valgrind python3-aiosmtpd)

# ---------------------------------------------------------------- messages

log() { printf '%s [%s] %s\n' "${DREC_LOG_TAG:-drec}" "$(date +%H:%M:%S)" "$*" >&2; }
warn() { log "warning: $*"; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- packages

# ensure_packages [PKG...]: install the Debian packages that are missing
# (default: DREC_PACKAGES), non-interactively, without starting their system
# services.  Does nothing, and needs no root, when all are installed.
ensure_packages() {
	local -a pkgs=("$@") missing=()
	local p rc=0 made_policy=0
	[ "${#pkgs[@]}" -gt 0 ] || pkgs=("${DREC_PACKAGES[@]}")
	for p in "${pkgs[@]}"; do
		if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]; then
			missing+=("$p")
		fi
	done
	[ "${#missing[@]}" -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		log "missing Debian packages: ${missing[*]}"
		log "install them as root: apt-get install ${missing[*]}"
		return 1
	fi
	log "installing Debian packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	# Keep the packages' own services (system MariaDB on 3306, nginx on 80)
	# from starting: the stack runs private instances.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		made_policy=1
	fi
	if [ -z "${_DREC_APT_UPDATED:-}" ]; then
		apt-get update -qq || rc=$?
		_DREC_APT_UPDATED=1
	fi
	if [ "$rc" -eq 0 ]; then
		apt-get install -y -qq --no-install-recommends \
			-o Dpkg::Options::=--force-confdef \
			-o Dpkg::Options::=--force-confold \
			"${missing[@]}" </dev/null || rc=$?
	fi
	[ "$made_policy" -eq 1 ] && rm -f /usr/sbin/policy-rc.d
	[ "$rc" -eq 0 ] || log "apt-get failed (exit $rc)"
	return "$rc"
}

# ---------------------------------------------------------------- build

# build [CONFIGURE_ARG...]: in-tree autotools build of src/drecd and
# src/drecctl.  autoreconf when there is no configure; configure when there
# is no Makefile or the configure arguments changed (then `make clean` first,
# since objects built with other flags would be reused); then make -j2.
# CI=true adds --enable-werror.  Configure output goes to VAR/log when
# STACK_LOG is set.
build() {
	local -a want=("$@")
	local have="" wantq="" a cfglog
	[ "${CI:-}" = true ] && want+=(--enable-werror)
	for a in "${want[@]}"; do wantq+="${wantq:+ }'$a'"; done
	cfglog=${STACK_LOG:-$DREC_ROOT}/configure.out
	(
		cd "$DREC_ROOT" || exit 1
		if [ ! -x configure ]; then
			log "autoreconf -fi"
			autoreconf -fi || exit 1
		fi
		if [ -f config.status ]; then
			# config.status quotes only the arguments that need it: normalize.
			eval "set -- $(./config.status --config 2>/dev/null || true)"
			for a in "$@"; do have+="${have:+ }'$a'"; done
		fi
		if [ ! -f Makefile ] || [ "$have" != "$wantq" ]; then
			if [ -f Makefile ]; then
				log "configure arguments changed ($have -> $wantq): make clean"
				make clean >/dev/null 2>&1 || true
			fi
			log "./configure ${want[*]}"
			mkdir -p "$(dirname "$cfglog")"
			if ! ./configure "${want[@]}" >"$cfglog" 2>&1; then
				tail -n 40 "$cfglog" >&2
				log "configure failed (full output: $cfglog)"
				exit 1
			fi
		fi
		log "make -j2"
		make -j2
	)
}

# ---------------------------------------------------------------- helpers

# random_hex NBYTES: NBYTES random bytes as lowercase hex (coreutils only).
random_hex() {
	head -c "$1" /dev/urandom | od -An -v -tx1 | tr -d ' \n'
}

# secret_get NAME NBYTES: the secret VAR/secrets/NAME, generated once.
secret_get() {
	local f="$STACK_VAR/secrets/$1"
	if [ ! -s "$f" ]; then
		mkdir -p "$STACK_VAR/secrets"
		chmod 700 "$STACK_VAR/secrets"
		(umask 077 && random_hex "$2" >"$f.tmp" && mv "$f.tmp" "$f")
	fi
	cat "$f"
}

# pid_alive PIDFILE [NAME]: true when PIDFILE names a live process (whose
# command line mentions NAME, when given: guards against a reused pid).
pid_alive() {
	local pid
	[ -s "$1" ] || return 1
	pid=$(cat "$1" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	proc_alive "$pid" || return 1
	if [ -n "${2:-}" ]; then
		tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" || return 1
	fi
	return 0
}

# proc_alive PID: PID exists and is not a zombie (an exited daemon stays a
# zombie until init reaps it, which can take a while in some containers).
proc_alive() {
	local st
	kill -0 "$1" 2>/dev/null || return 1
	st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
	[ "${st%% *}" != Z ]
}

# pgrp_alive PGID: some live (non-zombie) process is in process group PGID.
pgrp_alive() {
	local f st
	local -a fld
	kill -0 -- "-$1" 2>/dev/null || return 1
	for f in /proc/[0-9]*/stat; do
		st=$(cat "$f" 2>/dev/null) || continue
		read -r -a fld <<<"${st##*) }" # state ppid pgrp ...
		[ "${fld[2]}" = "$1" ] && [ "${fld[0]}" != Z ] && return 0
	done
	return 1
}

# stop_pidfile PIDFILE NAME SIGNAL TIMEOUT: send SIGNAL to the process of
# PIDFILE, wait TIMEOUT seconds for it to exit, then SIGKILL its process
# group (it leads one: started with setsid).  Removes PIDFILE.
stop_pidfile() {
	local pf=$1 name=$2 sig=$3 timeout=$4 pid i
	if ! pid_alive "$pf" "$name"; then
		# A leader that died (SIGKILL, crash) may leave its group behind:
		# the workers of a drecd master.
		pid=$(cat "$pf" 2>/dev/null || true)
		if [[ $pid =~ ^[0-9]+$ ]] && pgrp_alive "$pid"; then
			warn "$name (pid $pid) is gone but its process group is not: SIGTERM, SIGKILL"
			kill -TERM -- "-$pid" 2>/dev/null || true
			for ((i = 0; i < 50; i++)); do
				pgrp_alive "$pid" || break
				sleep 0.1
			done
			kill -KILL -- "-$pid" 2>/dev/null || true
		fi
		rm -f "$pf"
		return 0
	fi
	pid=$(cat "$pf")
	kill "-$sig" "$pid" 2>/dev/null || true
	for ((i = 0; i < timeout * 10; i++)); do
		proc_alive "$pid" || break
		sleep 0.1
	done
	if proc_alive "$pid"; then
		warn "$name (pid $pid) still running after ${timeout}s: SIGKILL"
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
	fi
	# Children left in its process group (workers of a killed master).
	for ((i = 0; i < 50; i++)); do
		pgrp_alive "$pid" || break
		[ "$i" -eq 20 ] && kill -KILL -- "-$pid" 2>/dev/null
		sleep 0.1
	done
	rm -f "$pf"
}

# port_in_use PORT: something accepts connections on 127.0.0.1:PORT.
port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port START: the first port from START on that nobody listens on.
free_port() {
	local p=$1
	while port_in_use "$p"; do
		p=$((p + 1))
		[ "$p" -lt 65535 ] || return 1
	done
	echo "$p"
}

# sock_dir DIR: DIR when a socket path in it fits sun_path (108 bytes),
# else a private directory under /tmp named after DIR (stable across calls).
sock_dir() {
	local d=$1 h
	if [ "${#d}" -le 90 ]; then
		echo "$d"
		return
	fi
	h=$(printf '%s' "$d" | md5sum | cut -c1-12)
	mkdir -p "/tmp/drec-$h"
	chmod 700 "/tmp/drec-$h"
	echo "/tmp/drec-$h"
}

# clean_env_args: CLEAN_ENV=(-u DREC_X ...) for `env`, dropping every DREC_*
# variable so that drecd and drecctl take their settings from the generated
# config file only (they honour DREC_<KEY> overrides).
clean_env_args() {
	local v
	CLEAN_ENV=()
	for v in $(compgen -e); do
		[[ $v == DREC_* ]] && CLEAN_ENV+=(-u "$v")
	done
	return 0
}

# ---------------------------------------------------------------- layout

# stack_paths VAR: set the STACK_* paths of the stack whose state is in VAR.
# Settings (set them before calling, or keep the defaults):
#   STACK_PROFILE development|test   STACK_HTTP_PORT  STACK_DB_PORT
#   STACK_BCRYPT_COST                STACK_WORKERS    STACK_THREADS
stack_paths() {
	mkdir -p "$1"
	STACK_VAR=$(cd "$1" && pwd)
	STACK_LOG=$STACK_VAR/log
	STACK_RUN=$STACK_VAR/run
	STACK_CONF=$STACK_VAR/drec.conf
	STACK_DB_DIR=$STACK_VAR/mariadb
	STACK_NGINX_DIR=$STACK_VAR/nginx
	STACK_SOCK_DIR=$(sock_dir "$STACK_VAR")
	STACK_DB_SOCK=$STACK_SOCK_DIR/mysqld.sock
	STACK_FCGI_SOCK=$STACK_SOCK_DIR/drecd.sock
	STACK_DB_NAME=${STACK_DB_NAME:-drec}
	STACK_DB_USER=${STACK_DB_USER:-drec}
	STACK_DB_MIGRATE_USER=${STACK_DB_MIGRATE_USER:-drec_migrate}
	STACK_PROFILE=${STACK_PROFILE:-development}
	STACK_HTTP_PORT=${STACK_HTTP_PORT:-8080}
	STACK_DB_PORT=${STACK_DB_PORT:-3307}
	STACK_BCRYPT_COST=${STACK_BCRYPT_COST:-10}
	STACK_WORKERS=${STACK_WORKERS:-2}
	STACK_THREADS=${STACK_THREADS:-4}
	STACK_URL=http://127.0.0.1:$STACK_HTTP_PORT
	mkdir -p "$STACK_LOG" "$STACK_RUN"
}

# ---------------------------------------------------------------- MariaDB

# mariadb_root [ARGS...]: the mariadb client as root over the private socket.
mariadb_root() {
	mariadb --no-defaults --socket="$STACK_DB_SOCK" -uroot "$@"
}

mariadb_running() {
	pid_alive "$STACK_DB_DIR/mariadbd.pid" mariadbd
}

# mariadb_init [DIR [PORT]]: create the data directory when there is none
# (mariadb-install-db; root authenticates through the unix socket), start
# mariadbd on 127.0.0.1:PORT and the socket, then create (or update) database
# STACK_DB_NAME and user STACK_DB_USER@localhost / @127.0.0.1 with the
# password in VAR/secrets/db_password.  Idempotent.
mariadb_init() {
	local me
	STACK_DB_DIR=${1:-$STACK_DB_DIR}
	STACK_DB_PORT=${2:-$STACK_DB_PORT}
	me=$(id -un)
	mkdir -p "$STACK_DB_DIR"
	if [ ! -d "$STACK_DB_DIR/data/mysql" ]; then
		log "mariadb: creating data directory $STACK_DB_DIR/data"
		rm -rf "$STACK_DB_DIR/data"
		# Its own tmpdir: two stacks bootstrapping in the same second
		# in one /tmp collided on "#sql-temptable-…" names.
		mkdir -p "$STACK_DB_DIR/tmp"
		if ! mariadb-install-db --no-defaults --user="$me" \
			--datadir="$STACK_DB_DIR/data" \
			--tmpdir="$STACK_DB_DIR/tmp" \
			--auth-root-authentication-method=socket \
			--auth-root-socket-user="$me" \
			--skip-test-db >"$STACK_LOG/mariadb-install.log" 2>&1; then
			tail -n 30 "$STACK_LOG/mariadb-install.log" >&2
			log "mariadb-install-db failed"
			return 1
		fi
	fi
	mariadb_start || return 1
	mariadb_create_db
}

# mariadb_start: start mariadbd unless it runs; wait until it answers.
mariadb_start() {
	local i pf=$STACK_DB_DIR/mariadbd.pid
	if mariadb_running; then
		return 0
	fi
	if port_in_use "$STACK_DB_PORT"; then
		log "mariadb: port $STACK_DB_PORT is in use by another program (set the port: DREC_DB_PORT)"
		return 1
	fi
	rm -f "$pf" "$STACK_DB_SOCK"
	# Temporary tables (large sorts) in the stack, not in /tmp, where
	# another user's cleanup can delete them under a running query.
	mkdir -p "$STACK_DB_DIR/tmp"
	log "mariadb: starting on 127.0.0.1:$STACK_DB_PORT, socket $STACK_DB_SOCK"
	setsid mariadbd --no-defaults --user="$(id -un)" \
		--datadir="$STACK_DB_DIR/data" \
		--socket="$STACK_DB_SOCK" \
		--port="$STACK_DB_PORT" \
		--bind-address=127.0.0.1 \
		--pid-file="$pf" \
		--tmpdir="$STACK_DB_DIR/tmp" \
		--log-error="$STACK_LOG/mariadb.log" \
		--innodb-buffer-pool-size="${STACK_DB_BUFFER_POOL:-256M}" \
		--innodb-flush-log-at-trx-commit="${STACK_DB_FLUSH:-1}" \
		--skip-name-resolve \
		--max-connections=300 \
		--max-allowed-packet=64M \
		</dev/null >>"$STACK_LOG/mariadb.log" 2>&1 &
	for ((i = 0; i < 600; i++)); do
		if mariadb-admin --no-defaults --socket="$STACK_DB_SOCK" -uroot \
			--connect-timeout=2 ping >/dev/null 2>&1; then
			[ -s "$pf" ] && return 0
		fi
		if [ "$i" -gt 20 ] && ! mariadb_running && ! proc_alive $!; then
			break
		fi
		sleep 0.1
	done
	tail -n 30 "$STACK_LOG/mariadb.log" >&2
	log "mariadb: did not start (log: $STACK_LOG/mariadb.log)"
	return 1
}

# mariadb_create_db: database and its two users (idempotent; an existing
# application user loses any other privilege).  docs/operations.md §3:
#   STACK_DB_USER          drecd and drecctl: SELECT, INSERT, UPDATE, DELETE
#                          on STACK_DB_NAME.* only (password
#                          VAR/secrets/db_password)
#   STACK_DB_MIGRATE_USER  drecctl migrate: ALL on STACK_DB_NAME.* (password
#                          VAR/secrets/db_migrate_password)
mariadb_create_db() {
	local pw mpw h sql=""
	pw=$(secret_get db_password 24)
	mpw=$(secret_get db_migrate_password 24)
	for h in localhost 127.0.0.1; do
		sql+="CREATE USER IF NOT EXISTS '$STACK_DB_USER'@'$h' IDENTIFIED BY '$pw';
		ALTER USER '$STACK_DB_USER'@'$h' IDENTIFIED BY '$pw';
		REVOKE ALL PRIVILEGES, GRANT OPTION FROM '$STACK_DB_USER'@'$h';
		GRANT SELECT, INSERT, UPDATE, DELETE ON \`$STACK_DB_NAME\`.* TO '$STACK_DB_USER'@'$h';
		CREATE USER IF NOT EXISTS '$STACK_DB_MIGRATE_USER'@'$h' IDENTIFIED BY '$mpw';
		ALTER USER '$STACK_DB_MIGRATE_USER'@'$h' IDENTIFIED BY '$mpw';
		GRANT ALL PRIVILEGES ON \`$STACK_DB_NAME\`.* TO '$STACK_DB_MIGRATE_USER'@'$h';
		"
	done
	mariadb_root <<-SQL
		CREATE DATABASE IF NOT EXISTS \`$STACK_DB_NAME\` CHARACTER SET utf8mb4;
		$sql
	SQL
}

# mariadb_reset_db: drop and re-create the application database (tests).
mariadb_reset_db() {
	mariadb_root -e "DROP DATABASE IF EXISTS \`$STACK_DB_NAME\`;
		CREATE DATABASE \`$STACK_DB_NAME\` CHARACTER SET utf8mb4;"
}

# mariadb_stop: clean shutdown (mariadb-admin), else SIGTERM, else SIGKILL.
mariadb_stop() {
	local pf=$STACK_DB_DIR/mariadbd.pid
	mariadb_running || {
		rm -f "$pf"
		return 0
	}
	log "mariadb: stopping"
	mariadb-admin --no-defaults --socket="$STACK_DB_SOCK" -uroot \
		--connect-timeout=5 shutdown >/dev/null 2>&1 || true
	stop_pidfile "$pf" mariadbd TERM 60
}

# ---------------------------------------------------------------- drecd

# write_config [PROFILE]: write VAR/drec.conf (0600) for drecd and drecctl.
# A user's DREC_<KEY> environment (log_level, workers, threads, pool...) is
# folded into the file here; the processes then run without DREC_* variables.
write_config() {
	local profile=${1:-$STACK_PROFILE} dbpw jwt tmp
	dbpw=$(secret_get db_password 24)
	jwt=$(secret_get jwt_secret 32)
	secret_get db_migrate_password 24 >/dev/null
	tmp=$STACK_CONF.tmp
	(
		umask 077
		cat >"$tmp" <<-EOF
			# drecd / drecctl configuration of the local stack.
			# Generated by scripts/lib.sh (write_config) on every start: edit the
			# scripts or set DREC_<KEY> in the environment, not this file.
			# The scripts own the pid file (VAR/run/drecd.pid): no pid_file here.
			profile = $profile
			listen = unix:$STACK_FCGI_SOCK
			workers = ${DREC_WORKERS:-$STACK_WORKERS}
			threads = ${DREC_THREADS:-$STACK_THREADS}
			db_host = localhost
			db_port = $STACK_DB_PORT
			db_socket = $STACK_DB_SOCK
			db_user = $STACK_DB_USER
			db_password = $dbpw
			db_name = $STACK_DB_NAME
			migrate_db_user = $STACK_DB_MIGRATE_USER
			migrate_db_password_file = $STACK_VAR/secrets/db_migrate_password
			db_pool_size = ${DREC_DB_POOL_SIZE:-4}
			db_wait_ms = ${DREC_DB_WAIT_MS:-2000}
			db_timeout_s = ${DREC_DB_TIMEOUT_S:-5}
			jwt_secret = $jwt
			bcrypt_cost = $STACK_BCRYPT_COST
			sql_dir = $DREC_ROOT/sql
			issuer_key_file = $STACK_VAR/issuer.key
			log_level = ${DREC_LOG_LEVEL:-info}
		EOF
		for key in jwt_lifetime_s body_limit body_limit_reads skew_s \
		    issuer_settle_seconds issuer_lease_seconds \
		    reservation_expiry_days meter_reads_max_batch \
		    jobs_enabled jobs_poll_ms job_lease_s bulk_max_open_jobs; do
			v="DREC_${key^^}"
			if [ -n "${!v:-}" ]; then
				printf '%s = %s\n' "$key" "${!v}" >>"$tmp"
			fi
		done
		mv "$tmp" "$STACK_CONF"
	)
}

# drecctl ARGS...: src/drecctl against this stack's configuration (with
# STACK_DRECCTL_ENV when set, else STACK_DRECD_ENV, like drecd).
drecctl() {
	local -a extra
	read -r -a extra <<<"${STACK_DRECCTL_ENV:-${STACK_DRECD_ENV:-}}"
	clean_env_args
	env "${CLEAN_ENV[@]}" "${extra[@]}" "$DREC_ROOT/src/drecctl" -c "$STACK_CONF" "$@"
}

drecd_running() {
	pid_alive "$STACK_RUN/drecd.pid" drecd
}

# drecd_start: start src/drecd -c VAR/drec.conf in the background (log
# VAR/log/drecd.log) unless it runs; wait for its socket.  STACK_DRECD_WRAPPER
# (words, e.g. "valgrind --trace-children=yes") runs it under a tool;
# STACK_DRECD_ENV (NAME=VALUE words, no spaces inside) adds environment
# (sanitizer options) to drecd and drecctl.
drecd_start() {
	local pf=$STACK_RUN/drecd.pid i sock_was
	local -a wrapper extra
	read -r -a wrapper <<<"${STACK_DRECD_WRAPPER:-}"
	read -r -a extra <<<"${STACK_DRECD_ENV:-}"
	if [ ! -x "$DREC_ROOT/src/drecd" ]; then
		log "drecd: $DREC_ROOT/src/drecd is not built"
		return 1
	fi
	drecd_running && return 0
	stop_pidfile "$pf" drecd TERM 1 # leftovers of a crashed master
	# drecd replaces the socket file atomically (a stale one, or the one
	# of a drecd still draining: drecd_restart): wait for a new file.
	sock_was=$(stat -c %i "$STACK_FCGI_SOCK" 2>/dev/null || echo none)
	clean_env_args
	log "drecd: starting (profile $(sed -n 's/^profile = //p' "$STACK_CONF"), socket $STACK_FCGI_SOCK)"
	{
		printf '==== %s drecd start\n' "$(date -u +%FT%TZ)"
	} >>"$STACK_LOG/drecd.log"
	# shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
	setsid env "${CLEAN_ENV[@]}" "${extra[@]}" bash -c 'echo $$ >"$0"; exec "$@"' \
		"$pf" "${wrapper[@]}" "$DREC_ROOT/src/drecd" -c "$STACK_CONF" \
		</dev/null >>"$STACK_LOG/drecd.log" 2>&1 &
	for ((i = 0; i < 300; i++)); do
		if [ -S "$STACK_FCGI_SOCK" ] && drecd_running &&
			[ "$(stat -c %i "$STACK_FCGI_SOCK" 2>/dev/null)" != "$sock_was" ]; then
			return 0
		fi
		if [ "$i" -gt 5 ] && ! drecd_running; then
			break
		fi
		sleep 0.1
	done
	tail -n 30 "$STACK_LOG/drecd.log" >&2
	log "drecd: did not start (log: $STACK_LOG/drecd.log)"
	return 1
}

# drecd_stop: SIGTERM (drain), SIGKILL after STACK_DRECD_STOP_TIMEOUT (30 s).
drecd_stop() {
	if drecd_running; then
		log "drecd: stopping"
	fi
	stop_pidfile "$STACK_RUN/drecd.pid" drecd TERM "${STACK_DRECD_STOP_TIMEOUT:-30}"
	rm -f "$STACK_FCGI_SOCK"
}

# drecd_restart: replace a running drecd (a new binary) without failing a
# request: start a new master next to the old one (it takes the socket path
# over atomically, src/http/listen.c), then SIGTERM the old one, which
# serves the connections it has queued and exits (docs/operations.md §3).
# Starts drecd when none runs.
drecd_restart() {
	local pf=$STACK_RUN/drecd.pid old=$STACK_RUN/drecd.old.pid
	drecd_running || {
		drecd_start
		return
	}
	mv "$pf" "$old"
	if ! drecd_start; then
		stop_pidfile "$pf" drecd TERM 5
		mv "$old" "$pf"
		return 1
	fi
	log "drecd: new master running; draining the old one"
	stop_pidfile "$old" drecd TERM "${STACK_DRECD_STOP_TIMEOUT:-30}"
}

# drecd_reload: SIGHUP (re-read config, replace workers).
drecd_reload() {
	drecd_running || return 1
	kill -HUP "$(cat "$STACK_RUN/drecd.pid")"
}

# ---------------------------------------------------------------- issuer

# The issuer timer loop of scripts/run (ARCHITECTURE §5): `drecctl issue
# --every 60` in the background (log VAR/log/issuer.log), the local stand-in
# for drec-issuer.timer.  scripts/test never starts it (suites run passes
# with POST /api/drec-issuer/run).

# issuer_key_ensure: VAR/issuer.key (Ed25519, 0600) for drecd and drecctl,
# created once by `drecctl issuer-key init`; never replaced.
issuer_key_ensure() {
	[ -s "$STACK_VAR/issuer.key" ] && return 0
	drecctl issuer-key init --file "$STACK_VAR/issuer.key" >/dev/null
}

issuer_available() {
	[ -x "$DREC_ROOT/src/drecctl" ] || return 1
	drecctl issue --help >/dev/null 2>&1 </dev/null
}

issuer_running() {
	pid_alive "$STACK_RUN/issuer.pid" drecctl
}

issuer_start() {
	local pf=$STACK_RUN/issuer.pid
	if ! issuer_available; then
		log "issuer: drecctl issue is not available (not built?): no issuer loop"
		return 0
	fi
	issuer_running && return 0
	clean_env_args
	log "issuer: starting drecctl issue --every ${STACK_ISSUER_EVERY:-60}"
	# shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
	setsid env "${CLEAN_ENV[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$pf" \
		"$DREC_ROOT/src/drecctl" -c "$STACK_CONF" issue \
		--every "${STACK_ISSUER_EVERY:-60}" \
		</dev/null >>"$STACK_LOG/issuer.log" 2>&1 &
	return 0
}

issuer_stop() {
	stop_pidfile "$STACK_RUN/issuer.pid" drecctl TERM 30
}

# ---------------------------------------------------------------- mail

# accounts.md §8.5: scripts/run's local SMTP sink (tests/mail/sink.py on
# 127.0.0.1:${DREC_SMTP_PORT:-2525}, messages in VAR/mail/N.eml and N.json)
# and the mailer loop (drecctl mail --every 5) delivering to it.
# scripts/test starts neither (its mail suite starts its own sink).
sink_running() {
	pid_alive "$STACK_RUN/mail-sink.pid" python3
}

sink_start() {
	local pf=$STACK_RUN/mail-sink.pid port=${DREC_SMTP_PORT:-2525} i
	sink_running && return 0
	if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
		log "mail sink: python3-aiosmtpd is missing: no local SMTP sink"
		return 1
	fi
	mkdir -p "$STACK_VAR/mail"
	log "mail sink: smtp://127.0.0.1:$port, messages in $STACK_VAR/mail/"
	# shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
	setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pf" /usr/bin/python3 \
		"$DREC_ROOT/tests/mail/sink.py" --port "$port" --dir "$STACK_VAR/mail" \
		</dev/null >>"$STACK_LOG/mail-sink.log" 2>&1 &
	for ((i = 0; i < 50; i++)); do
		port_in_use "$port" && return 0
		sleep 0.1
	done
	log "mail sink: did not start (log: $STACK_LOG/mail-sink.log)"
	return 1
}

sink_stop() {
	stop_pidfile "$STACK_RUN/mail-sink.pid" python3 TERM 10
}

mailer_running() {
	pid_alive "$STACK_RUN/mailer.pid" drecctl
}

mailer_start() {
	local pf=$STACK_RUN/mailer.pid
	mailer_running && return 0
	clean_env_args
	log "mailer: starting drecctl mail --every 5 (to smtp://127.0.0.1:${DREC_SMTP_PORT:-2525})"
	# shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
	setsid env "${CLEAN_ENV[@]}" \
		"DREC_SMTP_URL=smtp://127.0.0.1:${DREC_SMTP_PORT:-2525}" \
		bash -c 'echo $$ >"$0"; exec "$@"' "$pf" \
		"$DREC_ROOT/src/drecctl" -c "$STACK_CONF" mail --every 5 \
		</dev/null >>"$STACK_LOG/mailer.log" 2>&1 &
	return 0
}

mailer_stop() {
	stop_pidfile "$STACK_RUN/mailer.pid" drecctl TERM 30
}

# ---------------------------------------------------------------- API

# stack_api METHOD PATH TOKEN [BODY]: a request through nginx ($STACK_URL),
# with "Authorization: Bearer TOKEN" unless TOKEN is empty and BODY as JSON
# when given; at most STACK_API_TIMEOUT seconds (120).  Sets API_BODY (the
# answer's body) and HTTP_CODE (000: no answer).  The tests' and benches'
# one way to call the API from bash.
HTTP_CODE=000
API_BODY=""
stack_api() {
	local out
	local -a args=(-s --noproxy '*' --max-time "${STACK_API_TIMEOUT:-120}"
	    -X "$1" -w '\n%{http_code}')
	[ -n "$3" ] && args+=(-H "Authorization: Bearer $3")
	[ $# -ge 4 ] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
	out=$(curl "${args[@]}" "$STACK_URL$2") || out=$'\n000'
	HTTP_CODE=${out##*$'\n'}
	API_BODY=${out%$'\n'*}
}

# stack_jfield KEY: the first scalar member KEY of API_BODY (no JSON parser).
stack_jfield() {
	grep -o "\"$1\" *: *\"\{0,1\}[^\",}]*" <<<"$API_BODY" | head -n 1 |
		sed 's/.*: *"\{0,1\}//'
}

# ---------------------------------------------------------------- nginx

# nginx_write_config: VAR/nginx/nginx.conf from nginx/local.conf.in.
# Rates (CONVENTIONS §9, development/test): STACK_LOGIN_RATE (50r/s),
# STACK_LOGIN_BURST (200), STACK_REGISTER_RATE (50r/s), STACK_REGISTER_BURST
# (200), STACK_ACCOUNT_RATE (50r/s), STACK_ACCOUNT_BURST (200),
# STACK_CREDENTIAL_RATE (50r/s) and STACK_CREDENTIAL_BURST (200) for
# the credential zones (password, profile, admin user creation).  The idle FastCGI connection cache (fastcgi_keep_conn) is a quarter
# of drecd's workers × threads: each idle kept connection pins a drecd thread,
# and a cache as large as the thread count stalls requests queued behind it
# until upstream keepalive_timeout, now 1 s (measured, with 30 s: 20 concurrent 2 s requests on
# 8 threads took 34 s with keepalive 16, 8 s with keepalive 4).
# Benchmarks (bench/http): STACK_UPSTREAM_KEEPALIVE overrides that size (0:
# no cache); STACK_NGINX_FASTCGI_CONF replaces nginx/fastcgi_drec.conf;
# STACK_NGINX_EXTRA_HTTP and STACK_NGINX_EXTRA_SERVER name files included in
# the http and server blocks.
# CORS (clients.md §1): STACK_CORS_ORIGINS, space-separated allowed browser
# origins (default http://localhost:4200), rendered by cors_origin_lines.
nginx_write_config() {
	local tpl user_dir="" keep cors out=$STACK_NGINX_DIR/nginx.conf.new
	local workers=${DREC_WORKERS:-$STACK_WORKERS} threads=${DREC_THREADS:-$STACK_THREADS}
	keep=$((workers * threads / 4))
	[ "$keep" -ge 1 ] || keep=1
	[ "$keep" -le 16 ] || keep=16
	keep=${STACK_UPSTREAM_KEEPALIVE:-$keep}
	[ "$(id -u)" -eq 0 ] && user_dir="user root root;"
	tpl=$(cat "$DREC_ROOT/nginx/local.conf.in")
	if [ "$keep" -eq 0 ]; then # no idle cache at all (benchmarks)
		tpl=${tpl//"keepalive @UPSTREAM_KEEPALIVE@;"/"# no keepalive"}
		tpl=${tpl//"keepalive_timeout 1s;"/}
		tpl=${tpl//"keepalive_time 1s;"/}
	fi
	if [ -n "${STACK_NGINX_FASTCGI_CONF:-}" ]; then
		tpl=${tpl//"@NGINXDIR@/fastcgi_drec.conf"/"$STACK_NGINX_FASTCGI_CONF"}
	fi
	tpl=${tpl//@USER_DIRECTIVE@/"$user_dir"}
	tpl=${tpl//@PORT@/"$STACK_HTTP_PORT"}
	tpl=${tpl//@FCGI_SOCKET@/"$STACK_FCGI_SOCK"}
	tpl=${tpl//@PREFIX@/"$STACK_NGINX_DIR"}
	tpl=${tpl//@LOGDIR@/"$STACK_LOG"}
	tpl=${tpl//@NGINXDIR@/"$DREC_ROOT/nginx"}
	tpl=${tpl//@ERRDIR@/"$DREC_ROOT/nginx/errors"}
	tpl=${tpl//@LOGIN_RATE@/"${STACK_LOGIN_RATE:-50r/s}"}
	tpl=${tpl//@LOGIN_BURST@/"${STACK_LOGIN_BURST:-200}"}
	tpl=${tpl//@REGISTER_RATE@/"${STACK_REGISTER_RATE:-50r/s}"}
	tpl=${tpl//@REGISTER_BURST@/"${STACK_REGISTER_BURST:-200}"}
	tpl=${tpl//@CREDENTIAL_RATE@/"${STACK_CREDENTIAL_RATE:-50r/s}"}
	tpl=${tpl//@CREDENTIAL_BURST@/"${STACK_CREDENTIAL_BURST:-200}"}
	tpl=${tpl//@ACCOUNT_RATE@/"${STACK_ACCOUNT_RATE:-50r/s}"}
	tpl=${tpl//@ACCOUNT_BURST@/"${STACK_ACCOUNT_BURST:-200}"}
	tpl=${tpl//@CONN_LIMIT@/"${STACK_CONN_LIMIT:-1000}"}
	tpl=${tpl//@UPSTREAM_KEEPALIVE@/"$keep"}
	cors=$(cors_origin_lines "${STACK_CORS_ORIGINS-http://localhost:4200}") || return 1
	tpl=${tpl//@CORS_ORIGINS@/"$cors"}
	tpl=${tpl//@EXTRA_HTTP@/"${STACK_NGINX_EXTRA_HTTP:+include $STACK_NGINX_EXTRA_HTTP;}"}
	tpl=${tpl//@EXTRA_SERVER@/"${STACK_NGINX_EXTRA_SERVER:+include $STACK_NGINX_EXTRA_SERVER;}"}
	if grep -qE '@[A-Z_]+@' <<<"$tpl"; then
		log "nginx: unsubstituted placeholder: $(grep -oE '@[A-Z_]+@' <<<"$tpl" | sort -u | tr '\n' ' ')"
		return 1
	fi
	mkdir -p "$STACK_NGINX_DIR"/tmp/{body,fastcgi,proxy,uwsgi,scgi}
	printf '%s\n' "$tpl" >"$out"
}

# cors_origin_lines "ORIGIN...": one nginx map line per allowed origin
# ("http://localhost:4200" 1;).  An origin is http:// or https://, a lower-case
# host, an optional :port, no path or trailing slash; never * or null.  A
# malformed entry is logged and returns 1 (the caller stops).
cors_origin_lines() {
	local o out="" list=()
	read -ra list <<<"$1"	# no glob expansion: "*" stays "*"
	for o in "${list[@]}"; do
		if ! [[ $o =~ ^https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$ ]]; then
			log "STACK_CORS_ORIGINS: \"$o\" is not an origin; allowed: http:// or https://, a lower-case host, an optional :port, no path, no trailing slash (e.g. http://localhost:4200)"
			return 1
		fi
		out+="\"$o\" 1;"$'\n'"        "
	done
	printf '%s' "$out"
}

nginx_running() {
	pid_alive "$STACK_NGINX_DIR/nginx.pid" nginx
}

# nginx_cmd ARGS...: nginx with this stack's prefix, config and error log.
nginx_cmd() {
	nginx -p "$STACK_NGINX_DIR/" -c "$STACK_NGINX_DIR/nginx.conf" \
		-e "$STACK_LOG/nginx-error.log" "$@"
}

# nginx_start: write the config; start nginx (it daemonizes) unless it runs,
# else reload it when the config changed.  A config that fails `nginx -t`
# never replaces the one in use.  Waits until the port answers.
nginx_start() {
	local conf=$STACK_NGINX_DIR/nginx.conf i
	nginx_write_config || return 1
	if ! nginx_cmd -t -q -c "$conf.new"; then
		log "nginx: configuration test failed ($conf.new)"
		return 1
	fi
	if nginx_running; then
		if ! cmp -s "$conf.new" "$conf"; then
			mv "$conf.new" "$conf"
			log "nginx: config changed: reload"
			nginx_cmd -s reload
		else
			rm -f "$conf.new"
		fi
		return 0
	fi
	mv "$conf.new" "$conf"
	if port_in_use "$STACK_HTTP_PORT"; then
		log "nginx: port $STACK_HTTP_PORT is in use by another program (set the port: DREC_HTTP_PORT)"
		return 1
	fi
	log "nginx: starting on $STACK_URL"
	nginx_cmd </dev/null || {
		tail -n 20 "$STACK_LOG/nginx-error.log" >&2
		return 1
	}
	for ((i = 0; i < 100; i++)); do
		if nginx_running && port_in_use "$STACK_HTTP_PORT"; then
			return 0
		fi
		sleep 0.1
	done
	tail -n 20 "$STACK_LOG/nginx-error.log" >&2
	log "nginx: did not start"
	return 1
}

# nginx_stop: graceful quit (SIGQUIT), SIGKILL after 15 s.
nginx_stop() {
	if nginx_running; then
		log "nginx: stopping"
	fi
	stop_pidfile "$STACK_NGINX_DIR/nginx.pid" nginx QUIT 15
}

# ---------------------------------------------------------------- health

# wait_health URL [TIMEOUT [CHECK...]]: poll URL (loopback, no proxy) until
# it answers 200, for at most TIMEOUT seconds (default 60).  Each CHECK is a
# command (e.g. drecd_running) that must stay true, else give up at once.
wait_health() {
	local url=$1 timeout=${2:-60} code="000" body="" c deadline
	shift $(($# < 2 ? $# : 2))
	deadline=$((SECONDS + timeout))
	while :; do
		body=$(curl -s --noproxy '*' --max-time 3 -w '\n%{http_code}' "$url" 2>/dev/null) || true
		code=${body##*$'\n'}
		body=${body%$'\n'*}
		[ "$code" = 200 ] && return 0
		for c in "$@"; do
			if ! "$c"; then
				log "health: $c failed while waiting for $url (last answer: $code $body)"
				return 1
			fi
		done
		if [ "$SECONDS" -ge "$deadline" ]; then
			log "health: $url did not answer 200 within ${timeout}s (last answer: ${code:-none} $body)"
			return 1
		fi
		sleep 0.5
	done
}

# show_logs [LINES]: the tail of each log of the stack, for failures.
show_logs() {
	local n=${1:-40} f m
	for f in drecd.log nginx-error.log drecctl.log issuer.log mailer.log mariadb.log; do
		[ -s "$STACK_LOG/$f" ] || continue
		m=$n
		[ "$f" = mariadb.log ] && m=$((n / 4 + 1))
		printf '\n----- tail -n %s %s\n' "$m" "$STACK_LOG/$f" >&2
		tail -n "$m" "$STACK_LOG/$f" >&2
	done
	printf '\n' >&2
}

# stack_stop: stop everything of this stack, in dependency order.
stack_stop() {
	mailer_stop
	sink_stop
	issuer_stop
	nginx_stop
	drecd_stop
	mariadb_stop
}
