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

# The statuses of src/api/openapi_codes.c against the handlers: each
# literal `NNN, "CODE"` of src/api/*.c must be the code's status there,
# or named "CODE@NNN" by a route description.
table=$(grep -oE '\{ "[A-Z0-9_]+", [0-9]{3} \}' "$top/src/api/openapi_codes.c" |
    sed -E 's/\{ "([A-Z0-9_]+)", ([0-9]{3}) \}/\1 \2/')
bad=$(grep -rohE --include='*.c' --exclude='openapi*' \
    '\b[0-9]{3}, *"[A-Z][A-Z0-9]*(_[A-Z0-9]+)+"' "$top/src/api" |
    sed -E 's/([0-9]{3}), *"([A-Z0-9_]+)"/\2 \1/' | sort -u |
    while read -r code st; do
	want=$(printf '%s\n' "$table" | awk -v c="$code" '$1 == c { print $2 }')
	if [ -z "$want" ]; then
		echo "$code ($st) has no status in src/api/openapi_codes.c"
	elif [ "$want" != "$st" ] &&
	    ! grep -q "$code@$st" "$top/src/api/route_docs.c"; then
		echo "$code is answered $st, openapi_codes.c says $want" \
		    "(or name $code@$st in route_docs.c)"
	fi
    done)
if [ -n "$bad" ]; then
	printf 'FAIL: %s\n' "$bad"
	exit 1
fi
echo "openapi: docs/openapi.json matches the route table" \
    "($(grep -c '"operationId"' "$tmp") operations)"
