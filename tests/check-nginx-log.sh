#!/bin/sh
# No path tokens in logs (CONVENTIONS §9, accounts.md §2.4), statically, in
# every nginx file of the repository (make check; no nginx needed):
#   - no log_format names $request, $request_uri, $uri, $document_uri or
#     $http_referer (the redacted $drec_log_uri stands for the URI);
#   - every access_log is "off" or writes format drec (never the default
#     combined, which logs $request and $http_referer);
#   - every server block of the production site nginx/drec.conf has its own
#     access_log (it is included in an http block whose default is
#     combined); the local stack's nginx/local.conf.in sets one in http;
#   - the map $request_uri $drec_log_uri and log_format drec are the same
#     in nginx/drec.conf and nginx/local.conf.in (indentation aside);
#   - the error log (docs/operations.md §5.3): both files have the token
#     routes' location, the same regex, whose error_log takes emerg only
#     and which is otherwise location /api (comments aside).
# tests/check-nginx-site.sh (drec.conf) and itest_accounts (local.conf.in)
# send the token spellings through a live nginx.
# Exit 0 pass, 1 fail.
top="${top_srcdir:-.}"
fail=0
no() { echo "FAIL: $*"; fail=1; }

# directives FILE NAME: each NAME directive of FILE on one line (a
# directive ends at its ";"; comments dropped), prefixed "LINE: ".
directives() {
	awk -v name="$2" '
		{ sub(/(^|[ \t])#.*/, "") }
		!open && $0 ~ "^[ \t]*" name "[ \t]" { open = 1; start = NR; text = "" }
		open {
			text = text " " $0
			if ($0 ~ /;[ \t]*$/) { print start ":" text; open = 0 }
		}' "$1"
}

# block FILE HEAD: the lines from the one starting with HEAD to its closing
# "}", leading blanks removed.
block() {
	awk -v head="$2" '
		{ line = $0; sub(/^[ \t]+/, "", line) }
		!on && index(line, head) == 1 { on = 1; depth = 0 }
		on {
			print line
			n = gsub(/\{/, "{", line); depth += n
			n = gsub(/\}/, "}", line); depth -= n
			if (depth == 0 && line ~ /[;}]$/) exit
		}' "$1"
}

files=$(ls "$top"/nginx/*.conf "$top"/nginx/*.conf.in)
for f in $files; do
	b=$(basename "$f")
	directives "$f" log_format | while IFS= read -r d; do
		if echo "$d" | grep -Eq '\$\{?(request|request_uri|uri|document_uri|http_referer)([^A-Za-z0-9_]|$)'; then
			echo "FAIL: $b:${d%%:*}: log_format with a raw URI or the Referer: ${d#*:}"
		fi
	done | grep . && fail=1
	directives "$f" access_log | while IFS= read -r d; do
		where=$(echo "${d#*:}" | awk '{ print $2 }')
		format=$(echo "${d#*:}" | awk '{ sub(/;$/, "", $3); print $3 }')
		[ "$where" = off ] || [ "$where" = "off;" ] && continue
		if [ "$format" != drec ]; then
			echo "FAIL: $b:${d%%:*}: access_log without format drec: ${d#*:}"
		fi
	done | grep . && fail=1
done

# Every server block of drec.conf sets its access_log.
res=$(awk '
	{ sub(/(^|[ \t])#.*/, "") }
	/^[ \t]*server[ \t]*\{/ && !in_s { in_s = 1; depth = 0; start = NR; has = 0 }
	in_s {
		if ($0 ~ /^[ \t]*access_log[ \t]/) has = 1
		line = $0
		depth += gsub(/\{/, "{", line)
		depth -= gsub(/\}/, "}", line)
		if (depth == 0) { n++; if (!has) print "server at line " start " has no access_log"; in_s = 0 }
	}
	END { print n + 0 " servers" }' "$top/nginx/drec.conf")
if echo "$res" | grep -q 'has no access_log'; then
	no "nginx/drec.conf: $(echo "$res" | grep 'has no' | tr '\n' ' ')"
elif [ "$(echo "$res" | tail -n 1)" = "0 servers" ]; then
	no "nginx/drec.conf: no server block found"
fi
if [ -z "$(directives "$top/nginx/local.conf.in" access_log)" ]; then
	no "nginx/local.conf.in: no access_log"
fi

# One redaction, the same in both site files.
# shellcheck disable=SC2016 # literal nginx text, not shell expansions
for head in 'map $request_uri $drec_log_uri {' 'log_format drec '; do
	a=$(block "$top/nginx/drec.conf" "$head")
	l=$(block "$top/nginx/local.conf.in" "$head")
	if [ -z "$a" ]; then
		no "nginx/drec.conf: no \"$head\""
	elif [ "$a" != "$l" ]; then
		no "\"$head\" differs between nginx/drec.conf and nginx/local.conf.in"
	fi
done

# The token routes' own location: location /api plus "error_log FILE emerg".
# shellcheck disable=SC2016 # literal nginx text, not shell expansions
tokloc='location ~* ^/api/user/(confirm-email|reset/password)(/|$) {'
for f in "$top/nginx/drec.conf" "$top/nginx/local.conf.in"; do
	b=$(basename "$f")
	t=$(block "$f" "$tokloc" | sed -e 's/[ \t]*#.*//' -e '/^$/d')
	a=$(block "$f" 'location /api {' | sed -e 's/[ \t]*#.*//' -e '/^$/d')
	if [ -z "$t" ]; then
		no "$b: no \"$tokloc\""
		continue
	fi
	if [ "$(echo "$t" | grep -c '^error_log ')" -ne 1 ] ||
		! echo "$t" | grep -Eq '^error_log [^ ]+ emerg;$'; then
		no "$b: the token routes' location needs one \"error_log FILE emerg;\""
	fi
	if [ "$(echo "$t" | sed -e '1d' -e '/^error_log /d')" != "$(echo "$a" | sed '1d')" ]; then
		no "$b: the token routes' location is not location /api plus its error_log"
	fi
done
[ $fail -eq 0 ] && echo "nginx log formats: ok"
exit $fail
