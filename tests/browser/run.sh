#!/usr/bin/env bash
# tests/browser/run.sh — the reference web client (d-rec/drec-ui, built
# elsewhere; it is not part of this repository) in a real Chromium against a
# running drec stack: docs/clients.md §4.
#
#   DREC_UI_DIST=/path/to/drec-ui/dist/origin-drec-angular-ui \
#   DREC_BASE_URL=http://127.0.0.1:8080 DREC_ADMIN_EMAIL=admin@drec.test \
#   DREC_ADMIN_PASSWORD=... tests/browser/run.sh
#
# Without DREC_UI_DIST it prints one SKIP line and exits 77 (scripts/test
# records a skip; nothing is downloaded).  With it: Debian's chromium
# (/usr/bin/chromium; installed with apt-get as root when missing) and
# puppeteer-core from the npm registry, installed on first use into
# var/browser of the checkout (BROWSER_DIR; PUPPETEER_VERSION, default
# 25.16.0).  The flows are in ui_check.js; exit 0 when all passed.  Screen
# shots of failed flows go to DREC_VAR_DIR (or var/browser).  The account
# flows read drec's mail from an SMTP sink's files: DREC_MAIL_DIR (against
# scripts/run: var/mail), else a sink of their own delivered to by
# $DREC_DRECCTL mail --flush (scripts/test).  DREC_BROWSER_SHOTS=1 keeps a
# screenshot of each key screen of those flows.
set -euo pipefail

# shellcheck disable=SC2034 # read by scripts/lib.sh
DREC_LOG_TAG="browser"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

if [ -z "${DREC_UI_DIST:-}" ]; then
	echo "SKIP: browser check: DREC_UI_DIST is not set (the dist directory of a built d-rec/drec-ui; see docs/clients.md §4)"
	exit 77
fi
: "${DREC_BASE_URL:?DREC_BASE_URL must name the drec server, e.g. http://127.0.0.1:8080}"
[ -f "$DREC_UI_DIST/index.html" ] || die "DREC_UI_DIST=$DREC_UI_DIST has no index.html (run npx ng build --configuration development in the client)"

BROWSER_DIR=${BROWSER_DIR:-$DREC_ROOT/var/browser}
PUPPETEER_VERSION=${PUPPETEER_VERSION:-25.16.0}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$CHROMIUM" ]; then
	ensure_packages chromium || die "chromium is not installed (apt-get install chromium)"
fi
if ! command -v node >/dev/null 2>&1; then
	ensure_packages nodejs npm || die "node is not installed (apt-get install nodejs npm)"
fi
mkdir -p "$BROWSER_DIR"
exec 9>"$BROWSER_DIR/.lock"
flock 9
if [ ! -f "$BROWSER_DIR/node_modules/puppeteer-core/package.json" ] ||
	! grep -q "\"version\": \"$PUPPETEER_VERSION\"" "$BROWSER_DIR/node_modules/puppeteer-core/package.json"; then
	log "installing puppeteer-core@$PUPPETEER_VERSION into $BROWSER_DIR"
	npm install --prefix "$BROWSER_DIR" --no-audit --no-fund --loglevel=error \
		"puppeteer-core@$PUPPETEER_VERSION" </dev/null >"$BROWSER_DIR/npm-install.log" 2>&1 ||
		die "npm install puppeteer-core failed (log: $BROWSER_DIR/npm-install.log)"
fi
flock -u 9

export NODE_PATH=$BROWSER_DIR/node_modules
export DREC_SHOT_DIR=${DREC_VAR_DIR:-$BROWSER_DIR}
exec node "$DREC_ROOT/tests/browser/ui_check.js"
