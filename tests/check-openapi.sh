#!/bin/sh
# docs/openapi.json against the code (docs/openapi.md): `drecctl openapi`
# must succeed (every route of api_routes() has its description in
# src/api/route_docs.c, every description its route, every error code a
# status) and print exactly the committed document.  After a route
# change: `make openapi`, and commit docs/openapi.json.
top="${top_srcdir:-.}"
drecctl=${DRECCTL:-src/drecctl}
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
if [ ! -x "$drecctl" ]; then
	echo "FAIL: $drecctl is not built"
	exit 1
fi
if ! "$drecctl" openapi >"$tmp"; then
	echo "FAIL: drecctl openapi reported the problems above"
	exit 1
fi
if ! diff -u "$top/docs/openapi.json" "$tmp" >"$tmp.diff" 2>&1; then
	head -n 60 "$tmp.diff"
	rm -f "$tmp.diff"
	echo "FAIL: docs/openapi.json differs from what the code generates" \
	    "(run make openapi and commit it)"
	exit 1
fi
rm -f "$tmp.diff"

echo "openapi: docs/openapi.json matches the route table" \
    "($(grep -c '"operationId"' "$tmp") operations)"
