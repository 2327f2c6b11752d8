# shellcheck shell=bash
# shellcheck disable=SC2034 # STACK_* are the settings of scripts/lib.sh
# scripts/cluster_lib.sh — the local Galera cluster of scripts/cluster and
# tests/cluster/run.sh: three MariaDB nodes (galera-4, wsrep on), two drecd
# "hosts" and one nginx, all on loopback.  Sourced after scripts/lib.sh;
# works under `set -euo pipefail`.  docs/cluster.md describes the layout.
#
# Everything lives under one directory (cluster_paths DIR):
#
#   DIR/secrets/             db_password, jwt_secret, admin_password (shared)
#   DIR/issuer.key           one issuer key for both hosts
#   DIR/dbN/my.cnf           node N's configuration (N = 1..3)
#   DIR/dbN/data/            its data directory (grastate.dat: seqno)
#   DIR/hostN/drec.conf      drecd host N (N = 1..2): db_nodes from node N on
#   DIR/hostN/run/           drecd.pid, issuer.pid
#   DIR/nginx/               nginx.conf, the cluster's upstream include files
#   DIR/log/                 dbN.log, nginx-*.log; hostN/log: drecd, issuer
#
# Ports (loopback only), from three bases (environment overrides):
#   CLUSTER_SQL_PORT (3400)     node N: SQL on base + N - 1
#   CLUSTER_GALERA_PORT (4400)  node N: gcomm base + N - 1, IST base + 2 + N,
#                               SST (mariabackup) base + 5 + N: nine ports in all
#   CLUSTER_HTTP_PORT (18400)   nginx: base = both hosts (upstream), base + N
#                               = host N alone (for tests that pin a host)
# Tuning: CLUSTER_DB_BUFFER_POOL (64M), CLUSTER_GCACHE (64M),
# CLUSTER_FLUSH (innodb_flush_log_at_trx_commit, 1), CLUSTER_EVS_SUSPECT
# (PT3S) and CLUSTER_EVS_INACTIVE (PT6S): how soon a silent node is evicted.

CLUSTER_NODES=3
CLUSTER_HOSTS=2
CLUSTER_PACKAGES=(galera-4 mariadb-server mariadb-client mariadb-backup socat)
GALERA_LIB=${GALERA_LIB:-/usr/lib/galera/libgalera_smm.so}

# cluster_paths DIR: the CL_* settings of the cluster whose state is in DIR.
cluster_paths() {
	mkdir -p "$1"
	CL_DIR=$(cd "$1" && pwd)
	CL_LOG=$CL_DIR/log
	CL_SOCK_DIR=$(sock_dir "$CL_DIR")
	CL_SQL_PORT=${CLUSTER_SQL_PORT:-3400}
	CL_GALERA_PORT=${CLUSTER_GALERA_PORT:-4400}
	CL_HTTP_PORT=${CLUSTER_HTTP_PORT:-18400}
	CL_URL=http://127.0.0.1:$CL_HTTP_PORT
	CL_DB_NAME=${STACK_DB_NAME:-drec}
	mkdir -p "$CL_LOG"
	# Secrets and the issuer key are the cluster's, shared by the hosts.
	STACK_VAR=$CL_DIR
}

cl_sql_port() { echo $((CL_SQL_PORT + $1 - 1)); }
cl_gcomm_port() { echo $((CL_GALERA_PORT + $1 - 1)); }
cl_ist_port() { echo $((CL_GALERA_PORT + 2 + $1)); }
cl_sst_port() { echo $((CL_GALERA_PORT + 5 + $1)); }
cl_node_dir() { echo "$CL_DIR/db$1"; }
cl_node_sock() { echo "$CL_SOCK_DIR/db$1.sock"; }
cl_node_pidfile() { echo "$CL_DIR/db$1/mariadbd.pid"; }

# node_sql N ARGS...: the mariadb client as root on node N (unix socket).
node_sql() {
	local n=$1
	shift
	mariadb --no-defaults --socket="$(cl_node_sock "$n")" -uroot \
		--connect-timeout=3 "$@"
}

# node_q N SQL: one query's rows, tab-separated, no header ("" on failure).
node_q() {
	node_sql "$1" -N -B -e "$2" 2>/dev/null || true
}

node_running() { pid_alive "$(cl_node_pidfile "$1")" mariadbd; }
node_pid() { cat "$(cl_node_pidfile "$1")" 2>/dev/null || true; }

# node_state N: "STATUS STATE READY" (e.g. "Primary 4 ON": Synced).
node_state() {
	node_q "$1" "SELECT MAX(IF(VARIABLE_NAME='WSREP_CLUSTER_STATUS', VARIABLE_VALUE, NULL)),
		MAX(IF(VARIABLE_NAME='WSREP_LOCAL_STATE', VARIABLE_VALUE, NULL)),
		MAX(IF(VARIABLE_NAME='WSREP_READY', VARIABLE_VALUE, NULL))
		FROM information_schema.GLOBAL_STATUS" | tr '\t' ' '
}

node_synced() { [ "$(node_state "$1")" = "Primary 4 ON" ]; }

# wait_synced N TIMEOUT: until node N is Primary and Synced.
wait_synced() {
	local i
	for ((i = 0; i < $2 * 5; i++)); do
		node_synced "$1" && return 0
		sleep 0.2
	done
	return 1
}

# cluster_size N: wsrep_cluster_size as node N sees it.
cluster_size() {
	node_q "$1" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
		WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'"
}

# node_cnf N: write node N's my.cnf (the SST scripts read it too).
node_cnf() {
	local n=$1 d peers="" i
	d=$(cl_node_dir "$n")
	for ((i = 1; i <= CLUSTER_NODES; i++)); do
		peers+="${peers:+,}127.0.0.1:$(cl_gcomm_port "$i")"
	done
	mkdir -p "$d/tmp"
	cat >"$d/my.cnf" <<-EOF
		# Node $n of the local drec Galera cluster (scripts/cluster_lib.sh).
		[mysqld]
		user = $(id -un)
		datadir = $d/data
		socket = $(cl_node_sock "$n")
		port = $(cl_sql_port "$n")
		bind-address = 127.0.0.1
		pid-file = $d/mariadbd.pid
		log-error = $CL_LOG/db$n.log
		tmpdir = $d/tmp
		skip-name-resolve
		max_connections = 300
		default_storage_engine = InnoDB
		innodb_buffer_pool_size = ${CLUSTER_DB_BUFFER_POOL:-64M}
		innodb_flush_log_at_trx_commit = ${CLUSTER_FLUSH:-1}
		innodb_autoinc_lock_mode = 2
		binlog_format = ROW
		wsrep_on = ON
		wsrep_provider = $GALERA_LIB
		wsrep_cluster_name = drec_local
		wsrep_cluster_address = gcomm://$peers
		wsrep_node_name = db$n
		wsrep_node_address = 127.0.0.1
		wsrep_node_incoming_address = 127.0.0.1:$(cl_sql_port "$n")
		wsrep_sst_method = mariabackup
		wsrep_sst_receive_address = 127.0.0.1:$(cl_sst_port "$n")
		wsrep_provider_options = "gmcast.listen_addr=tcp://127.0.0.1:$(cl_gcomm_port "$n");ist.recv_addr=127.0.0.1:$(cl_ist_port "$n");gcache.size=${CLUSTER_GCACHE:-64M};evs.suspect_timeout=${CLUSTER_EVS_SUSPECT:-PT3S};evs.inactive_timeout=${CLUSTER_EVS_INACTIVE:-PT6S};evs.install_timeout=${CLUSTER_EVS_INACTIVE:-PT6S};evs.keepalive_period=PT1S"
	EOF
}

# node_start N [--wsrep-new-cluster]: start node N unless it runs (its
# data directory is created on node 1 only: the others join by SST); wait
# until it is Synced (SST/IST included: at most CLUSTER_JOIN_TIMEOUT, 300 s).
node_start() {
	local n=$1 d pf i me
	shift
	d=$(cl_node_dir "$n")
	pf=$(cl_node_pidfile "$n")
	me=$(id -un)
	node_cnf "$n"
	if ! node_running "$n"; then
		if port_in_use "$(cl_sql_port "$n")" || port_in_use "$(cl_gcomm_port "$n")"; then
			log "db$n: port $(cl_sql_port "$n") or $(cl_gcomm_port "$n") is in use (set CLUSTER_SQL_PORT / CLUSTER_GALERA_PORT)"
			return 1
		fi
		if [ "$n" -eq 1 ] && [ ! -d "$d/data/mysql" ]; then
			log "db1: creating data directory $d/data"
			rm -rf "$d/data"
			mkdir -p "$d/tmp"
			mariadb-install-db --no-defaults --user="$me" --datadir="$d/data" \
				--tmpdir="$d/tmp" \
				--auth-root-authentication-method=socket \
				--auth-root-socket-user="$me" --skip-test-db \
				>"$CL_LOG/db1-install.log" 2>&1 || {
				tail -n 20 "$CL_LOG/db1-install.log" >&2
				return 1
			}
		fi
		mkdir -p "$d/data"
		rm -f "$pf" "$(cl_node_sock "$n")"
		node_recover "$n"
		set -- "$@" "${RECOVERED[@]}"
		log "db$n: starting (sql $(cl_sql_port "$n"), gcomm $(cl_gcomm_port "$n"))${1:+ $1}"
		setsid mariadbd --defaults-file="$d/my.cnf" "$@" \
			</dev/null >>"$CL_LOG/db$n.log" 2>&1 &
		disown $! 2>/dev/null || true # a test's kill -9 is no job event
	fi
	for ((i = 0; i < ${CLUSTER_JOIN_TIMEOUT:-300} * 5; i++)); do
		node_synced "$n" && [ -s "$pf" ] && return 0
		if [ "$i" -gt 50 ] && ! node_running "$n" && ! proc_alive $!; then
			break
		fi
		sleep 0.2
	done
	tail -n 30 "$CL_LOG/db$n.log" >&2
	log "db$n: not Synced (state: $(node_state "$n"); log: $CL_LOG/db$n.log)"
	return 1
}

# node_recover N: RECOVERED=(--wsrep-start-position=UUID:SEQNO) when node N
# crashed (grastate.dat seqno -1): its position, read from InnoDB by
# `mariadbd --wsrep-recover`, lets it rejoin by IST (the write sets it
# missed, from a donor's gcache) instead of a full SST.
node_recover() {
	local d pos
	RECOVERED=()
	d=$(cl_node_dir "$1")
	[ -d "$d/data/mysql" ] && [ "$(grastate "$1" seqno)" = -1 ] || return 0
	mariadbd --defaults-file="$d/my.cnf" --wsrep-recover \
		--log-error="$d/recover.log" </dev/null >/dev/null 2>&1 || true
	pos=$(sed -n 's/.*WSREP: Recovered position: *//p' "$d/recover.log" 2>/dev/null | tail -n 1)
	if [[ $pos =~ ^[0-9a-f-]+:[0-9]+$ ]]; then
		log "db$1: crashed; recovered position $pos"
		RECOVERED=(--wsrep-start-position="$pos")
	fi
	return 0
}

# node_stop N: clean shutdown (the last node to stop may bootstrap).
node_stop() {
	node_running "$1" || {
		rm -f "$(cl_node_pidfile "$1")"
		return 0
	}
	log "db$1: stopping"
	mariadb-admin --no-defaults --socket="$(cl_node_sock "$1")" -uroot \
		--connect-timeout=5 shutdown >/dev/null 2>&1 || true
	stop_pidfile "$(cl_node_pidfile "$1")" mariadbd TERM 60
}

# grastate N KEY: a value of node N's grastate.dat ("" when none).
grastate() {
	sed -n "s/^$2:[[:space:]]*//p" "$(cl_node_dir "$1")/data/grastate.dat" 2>/dev/null || true
}

# bootstrap_node: the node a cluster with no running node starts from
# (docs/cluster.md, full-cluster restart): CLUSTER_BOOTSTRAP_NODE when
# set; else the node with safe_to_bootstrap: 1 (the last to stop cleanly);
# else the highest seqno; else node 1 (a new cluster).
bootstrap_node() {
	local i best=1 bestseq=-2 s
	if [ -n "${CLUSTER_BOOTSTRAP_NODE:-}" ]; then
		echo "$CLUSTER_BOOTSTRAP_NODE"
		return
	fi
	for ((i = 1; i <= CLUSTER_NODES; i++)); do
		if [ "$(grastate "$i" safe_to_bootstrap)" = 1 ]; then
			echo "$i"
			return
		fi
	done
	for ((i = 1; i <= CLUSTER_NODES; i++)); do
		s=$(grastate "$i" seqno)
		[[ $s =~ ^-?[0-9]+$ ]] || continue
		if [ "$s" -gt "$bestseq" ]; then
			best=$i
			bestseq=$s
		fi
	done
	echo "$best"
}

# cluster_db_start: every node Synced.  With no node running, bootstrap
# from bootstrap_node (--wsrep-new-cluster), then the others join it.
cluster_db_start() {
	local i b any=0 f
	for ((i = 1; i <= CLUSTER_NODES; i++)); do
		node_running "$i" && any=1
	done
	if [ "$any" -eq 0 ]; then
		b=$(bootstrap_node)
		f=$(cl_node_dir "$b")/data/grastate.dat
		if [ -f "$f" ] && [ "$(grastate "$b" safe_to_bootstrap)" != 1 ]; then
			warn "db$b: bootstrapping although it was not the last to stop (highest seqno $(grastate "$b" seqno))"
			sed -i 's/^safe_to_bootstrap:.*/safe_to_bootstrap: 1/' "$f"
		fi
		node_start "$b" --wsrep-new-cluster || return 1
	fi
	for ((i = 1; i <= CLUSTER_NODES; i++)); do
		node_start "$i" || return 1
	done
}

cluster_db_stop() {
	local i
	# The first node stops last: it is the one to bootstrap from next time.
	for ((i = CLUSTER_NODES; i >= 1; i--)); do
		node_stop "$i"
	done
}

# cluster_db_users [N]: the database, the application user and the
# migration user (lib.sh's mariadb_create_db), created on Synced node N (1)
# and replicated: DDL and account statements run in total order (TOI) on
# every node.
cluster_db_users() {
	STACK_DB_SOCK=$(cl_node_sock "${1:-1}") STACK_DB_NAME=$CL_DB_NAME \
		STACK_DB_USER=drec STACK_DB_MIGRATE_USER=drec_migrate mariadb_create_db
}

# ---------------------------------------------------------------- hosts

# host_nodes N: drecd host N's node list, its own node first (host 1: db1,
# db2, db3; host 2: db2, db3, db1).
host_nodes() {
	local h=$1 i k out=""
	for ((i = 0; i < CLUSTER_NODES; i++)); do
		k=$(((h - 1 + i) % CLUSTER_NODES + 1))
		out+="${out:+,}127.0.0.1:$(cl_sql_port "$k")"
	done
	echo "$out"
}

# host_use N: point the STACK_* settings of scripts/lib.sh at drecd host N,
# so that drecd_start, drecctl, issuer_start ... act on it.
host_use() {
	STACK_VAR=$CL_DIR
	STACK_RUN=$CL_DIR/host$1/run
	STACK_LOG=$CL_DIR/host$1/log
	STACK_CONF=$CL_DIR/host$1/drec.conf
	STACK_FCGI_SOCK=$CL_SOCK_DIR/drecd$1.sock
	STACK_DB_SOCK=""
	STACK_DB_NAME=$CL_DB_NAME
	STACK_DB_USER=drec
	STACK_DB_MIGRATE_USER=drec_migrate
	STACK_DB_PORT=$(cl_sql_port "$1")
	STACK_WORKERS=${STACK_WORKERS:-2}
	STACK_THREADS=${STACK_THREADS:-4}
	STACK_BCRYPT_COST=${STACK_BCRYPT_COST:-10}
	mkdir -p "$STACK_RUN" "$STACK_LOG"
}

# host_config N PROFILE: write host N's drec.conf (write_config, then the
# node list; DREC_<KEY> in the environment applies to both hosts).
host_config() {
	host_use "$1"
	write_config "$2"
	{
		printf '# The cluster: nodes in order of preference (docs/cluster.md).\n'
		printf 'db_nodes = %s\n' "$(host_nodes "$1")"
	} >>"$STACK_CONF"
}

# ---------------------------------------------------------------- nginx

# cluster_nginx_start: nginx on CL_HTTP_PORT with an upstream over both
# drecd sockets, and CL_HTTP_PORT + N on host N alone.  scripts/lib.sh's
# nginx_start with its template; the cluster's upstreams come in through
# STACK_NGINX_EXTRA_HTTP and a copy of fastcgi_drec.conf whose fastcgi_pass
# takes the upstream from the port.
cluster_nginx_start() {
	local d=$CL_DIR/nginx h all=""
	mkdir -p "$d"
	STACK_NGINX_DIR=$d
	STACK_LOG=$CL_LOG
	STACK_HTTP_PORT=$CL_HTTP_PORT
	STACK_FCGI_SOCK=$CL_SOCK_DIR/drecd1.sock
	STACK_URL=$CL_URL
	{
		# shellcheck disable=SC2016 # nginx variables
		printf 'map $server_port $drec_upstream {\n    default drecd_all;\n'
		for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
			printf '    %s drecd_h%s;\n' "$((CL_HTTP_PORT + h))" "$h"
		done
		printf '}\n'
		for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
			printf 'upstream drecd_h%s {\n    server unix:%s;\n}\n' "$h" "$CL_SOCK_DIR/drecd$h.sock"
			all+="    server unix:$CL_SOCK_DIR/drecd$h.sock;"$'\n'
		done
		printf 'upstream drecd_all {\n%s}\n' "$all"
	} >"$d/cluster-http.conf"
	for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
		printf 'listen 127.0.0.1:%s;\n' "$((CL_HTTP_PORT + h))"
	done >"$d/cluster-server.conf"
	# shellcheck disable=SC2016 # an nginx variable
	sed 's/^fastcgi_pass drecd;/fastcgi_pass $drec_upstream;/' \
		"$DREC_ROOT/nginx/fastcgi_drec.conf" >"$d/fastcgi_cluster.conf"
	STACK_NGINX_EXTRA_HTTP=$d/cluster-http.conf
	STACK_NGINX_EXTRA_SERVER=$d/cluster-server.conf
	STACK_NGINX_FASTCGI_CONF=$d/fastcgi_cluster.conf
	STACK_UPSTREAM_KEEPALIVE=0
	nginx_start
}

cluster_nginx_stop() {
	STACK_NGINX_DIR=$CL_DIR/nginx
	STACK_LOG=$CL_LOG
	nginx_stop
}

cluster_nginx_running() {
	STACK_NGINX_DIR=$CL_DIR/nginx
	nginx_running
}

# ---------------------------------------------------------------- whole

# cluster_up PROFILE: nodes, schema, both hosts, nginx (no issuer loop).
cluster_up() {
	local h
	cluster_db_start || return 1
	cluster_db_users 1 || return 1
	for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
		host_config "$h" "$1"
	done
	host_use 1
	drecctl migrate >>"$CL_LOG/drecctl.log" 2>&1 || {
		tail -n 20 "$CL_LOG/drecctl.log" >&2
		return 1
	}
	issuer_key_ensure || return 1
	for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
		host_use "$h"
		drecd_start || return 1
	done
	cluster_nginx_start || return 1
	wait_health "$CL_URL/api/health" 60
}

cluster_issuers_start() {
	local h
	for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
		host_use "$h"
		issuer_start
	done
}

# cluster_down: everything, in dependency order.
cluster_down() {
	local h
	for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
		host_use "$h"
		issuer_stop
	done
	cluster_nginx_stop
	for ((h = 1; h <= CLUSTER_HOSTS; h++)); do
		host_use "$h"
		drecd_stop
	done
	cluster_db_stop
}
