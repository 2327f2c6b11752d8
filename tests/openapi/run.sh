#!/usr/bin/env bash
# tests/openapi/run.sh [DOC] — docs/openapi.json (or DOC) checked by real
# OpenAPI tools (docs/openapi.md): valid OpenAPI 3.1 by
# @seriousme/openapi-schema-validator, importable into Postman by
# openapi-to-postmanv2 with one request per operation (tests/openapi/
# check.mjs).  scripts/test runs it as its "openapi" stage.
#
# The tools are installed on first use with `npm ci` from
# tests/openapi/package.json and its committed package-lock.json (exact
# versions and integrity hashes) into var/openapi-check of the checkout
# (OPENAPI_CHECK_DIR); without npm, the Debian packages nodejs and npm are
# installed (as root).  When they cannot be installed the stage fails
# under CI=true; elsewhere it exits 77 (scripts/test counts a skip).
set -euo pipefail

DREC_LOG_TAG="openapi"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

SRC=$DREC_ROOT/tests/openapi
DOC=${1:-$DREC_ROOT/docs/openapi.json}
DIR=${OPENAPI_CHECK_DIR:-$DREC_ROOT/var/openapi-check}

[ -f "$DOC" ] || die "no document at $DOC"

# cannot_install WHY: exit 1 under CI, else 77 (skip).
cannot_install() {
	if [ "${CI:-}" = true ]; then
		die "$1"
	fi
	warn "$1: openapi checks skipped"
	exit 77
}

# installed: node_modules matches the committed lock file.
installed() {
	[ -f "$DIR/node_modules/.package-lock.json" ] &&
		cmp -s "$SRC/package-lock.json" "$DIR/package-lock.json" &&
		[ -d "$DIR/node_modules/@seriousme/openapi-schema-validator" ] &&
		[ -d "$DIR/node_modules/openapi-to-postmanv2" ]
}

install_tools() {
	if ! command -v npm >/dev/null 2>&1; then
		ensure_packages nodejs npm || cannot_install "npm is not installed (apt-get install nodejs npm)"
	fi
	mkdir -p "$DIR"
	# One installer at a time per checkout (parallel scripts/test runs).
	exec 9>"$DIR/.lock"
	flock 9
	if ! installed; then
		cp "$SRC/package.json" "$SRC/package-lock.json" "$DIR/"
		log "npm ci in $DIR (node $(node --version))"
		if ! (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error) \
			</dev/null >"$DIR/npm-install.log" 2>&1; then
			tail -n 30 "$DIR/npm-install.log" >&2
			cannot_install "npm ci failed (log: $DIR/npm-install.log)"
		fi
		installed || cannot_install "npm ci left no validator in $DIR"
	fi
	exec 9>&-
}

installed || install_tools
# Node resolves the packages next to the script: run a copy there.
cp "$SRC/check.mjs" "$DIR/check.mjs"
exec node "$DIR/check.mjs" "$DOC"
