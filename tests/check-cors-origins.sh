#!/usr/bin/env bash
# STACK_CORS_ORIGINS (clients.md §1, scripts/lib.sh cors_origin_lines): the
# nginx map lines of well-formed origins, and a refusal (status 1, a message
# naming the entry) of anything else.  Run by `make check`.
root=${top_srcdir:-.}
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh" || exit 1
fail=0
for o in "http://localhost:4200" "https://ui.example.org" \
	"http://127.0.0.1:4200" "https://a-b.example.org:8443"; do
	if ! out=$(cors_origin_lines "$o" 2>/dev/null) ||
		[ "$out" != "\"$o\" 1;"$'\n'"        " ]; then
		echo "FAIL: $o refused or rendered as: $out"
		fail=1
	fi
done
out=$(cors_origin_lines "http://localhost:4200 https://ui.example.org" 2>/dev/null)
if [ "$(grep -c ' 1;' <<<"$out")" -ne 2 ]; then
	echo "FAIL: two origins should give two map lines: $out"
	fail=1
fi
for o in "*" "null" "http://localhost:4200/" "http://LOCALHOST:4200" \
	"ftp://x.org" "http://x.org/path" "localhost:4200" "http://" \
	"http://x.org:port" "https://x.org\";default" ; do
	if msg=$(cors_origin_lines "http://ok.org $o" 2>&1); then
		echo "FAIL: \"$o\" accepted: $msg"
		fail=1
	elif ! grep -qF "\"$o\" is not an origin" <<<"$msg"; then
		echo "FAIL: \"$o\": the message does not name it: $msg"
		fail=1
	fi
done
exit "$fail"
