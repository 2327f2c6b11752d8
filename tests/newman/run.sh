#!/usr/bin/env bash
# tests/newman/run.sh — the seed Postman collection against a drec server.
#
#   DREC_BASE_URL=http://127.0.0.1:18080 DREC_ADMIN_EMAIL=admin@drec.test \
#   DREC_ADMIN_PASSWORD=... tests/newman/run.sh [NEWMAN-OPTION...]
#
# Runs tests/postman/drec-seed.postman_collection.json (spec seed.md: the seed
# requests as given, then the flow in which all of them succeed) with newman,
# prints newman's summary and exits non-zero when any request or assertion
# failed.  scripts/test runs it as its "newman" stage, against its throwaway
# stack, after resetting the database to the Admin alone: the collection
# assumes exactly that database (the ids it asserts are a fresh database's)
# and a server in the test or development profile (it moves the test clock,
# and clears it at the end).
#
# newman is installed on first use from the npm registry into var/newman of
# the checkout (NEWMAN_DIR; no global install); NEWMAN_VERSION (default
# 6.2.2) selects the version.  Without npm, the Debian packages nodejs and npm
# are installed (as root).  With DREC_VAR_DIR set, newman's JSON report goes
# to DREC_VAR_DIR/newman.json (kept by scripts/test when something failed).
# Extra arguments go to `newman run` (e.g. --verbose, --folder NAME).
set -euo pipefail

DREC_LOG_TAG="newman"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

: "${DREC_BASE_URL:?DREC_BASE_URL must name the drec server, e.g. http://127.0.0.1:8080}"
: "${DREC_ADMIN_EMAIL:?DREC_ADMIN_EMAIL must name an Admin of that server}"
: "${DREC_ADMIN_PASSWORD:?DREC_ADMIN_PASSWORD must be the password of that Admin}"

COLLECTION=$DREC_ROOT/tests/postman/drec-seed.postman_collection.json
NEWMAN_DIR=${NEWMAN_DIR:-$DREC_ROOT/var/newman}
NEWMAN_VERSION=${NEWMAN_VERSION:-6.2.2}
NEWMAN=$NEWMAN_DIR/node_modules/.bin/newman

[ -f "$COLLECTION" ] || die "no collection at $COLLECTION"

# newman_ok: the wanted newman version is installed and runs.
newman_ok() {
	[ -x "$NEWMAN" ] && [ "$("$NEWMAN" --version 2>/dev/null)" = "$NEWMAN_VERSION" ]
}

install_newman() {
	if ! command -v npm >/dev/null 2>&1; then
		ensure_packages nodejs npm || die "npm is not installed (apt-get install nodejs npm)"
	fi
	mkdir -p "$NEWMAN_DIR"
	# One installer at a time per checkout (parallel scripts/test runs).
	exec 9>"$NEWMAN_DIR/.lock"
	flock 9
	if ! newman_ok; then
		log "installing newman@$NEWMAN_VERSION into $NEWMAN_DIR (node $(node --version))"
		if ! npm install --prefix "$NEWMAN_DIR" --no-audit --no-fund --loglevel=error \
			"newman@$NEWMAN_VERSION" </dev/null >"$NEWMAN_DIR/npm-install.log" 2>&1; then
			tail -n 30 "$NEWMAN_DIR/npm-install.log" >&2
			die "npm install newman@$NEWMAN_VERSION failed (log: $NEWMAN_DIR/npm-install.log)"
		fi
		newman_ok || die "newman@$NEWMAN_VERSION does not run after npm install"
	fi
	exec 9>&-
}

newman_ok || install_newman

OPTS=(--disable-unicode)
[ -t 1 ] || OPTS+=(--color off)
REPORT=()
if [ -n "${DREC_VAR_DIR:-}" ] && [ -d "$DREC_VAR_DIR" ]; then
	# shellcheck disable=SC2054 # "cli,json" is one argument
	REPORT=(--reporters cli,json --reporter-json-export "$DREC_VAR_DIR/newman.json")
fi

log "newman $NEWMAN_VERSION: $(basename "$COLLECTION") against $DREC_BASE_URL"
# Environment variables win over the collection's own (baseUrl, admin*).
# newman exits 1 when any request or assertion failed.
exec "$NEWMAN" run "$COLLECTION" \
	--env-var "baseUrl=${DREC_BASE_URL%/}" \
	--env-var "adminEmail=$DREC_ADMIN_EMAIL" \
	--env-var "adminPassword=$DREC_ADMIN_PASSWORD" \
	--timeout-request 30000 \
	--timeout 120000 \
	"${OPTS[@]}" \
	"${REPORT[@]}" \
	"$@" </dev/null
