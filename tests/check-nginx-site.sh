#!/bin/sh
# The production nginx site (nginx/drec.conf) against a live nginx (make
# check; about 2 s).  The site file is used as shipped, except for what a
# host fills in: its listen sockets (unix sockets in a private directory,
# so no port is taken), a throwaway self-signed certificate, and the paths
# of the snippet and the error bodies in this checkout.  No drecd runs, so
# the FastCGI upstream is down.  Checks:
#   - TLS 1.2 handshakes only with forward-secret AEAD suites (ECDHE +
#     GCM/ChaCha20): static RSA, CBC and non-ECDHE GCM suites are refused;
#     TLS 1.1 is refused; TLS 1.3 works;
#   - nginx's own 502 is the JSON envelope with the security headers;
#   - the credential zone (docs/operations.md §5): PUT /api/user/password
#     answers 429 RATE_LIMITED (JSON) after its production burst of 10;
#   - clients.md §8 vector 7 (zone login, 1 r/s burst 10): 20 CORS
#     preflights to /api/auth/login are 204 and not counted, then the 12th
#     POST /api/Auth/LOGIN is the first 429; zone register (10 r/min burst
#     5) counts its routes in any spelling together: the 7th is the first 429;
#   - in nginx/drec.conf and nginx/local.conf.in, the first directive of
#     every /api location is the CORS preflight's (clients.md §1);
#   - no path token in the access log (CONVENTIONS §9): the token routes in
#     the spellings nginx or drecd would read as them (letter case,
#     %-escapes, %2F, doubled slashes, dot segments, a query string, the
#     own-e-mail form) are logged redacted, here through nginx's own 502
#     error page (error_page changes $uri, not $request_uri); a plain
#     request is logged with its query string;
#   - nor in the error log: after those 502s, a 413 (body over 1 MiB) and a
#     429 (zone account) on token routes, error.log holds no token, while
#     it does hold the lines of a 502 and a 429 on other routes (the log
#     is read).
# Exit 0 pass, 1 fail, 77 (automake: SKIP) when nginx or openssl is not
# installed.
top="${top_srcdir:-.}"
site="$top/nginx/drec.conf"
command -v nginx >/dev/null 2>&1 || { echo "SKIP: nginx not installed"; exit 77; }
command -v openssl >/dev/null 2>&1 || { echo "SKIP: openssl not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
d=$(mktemp -d /tmp/drec-site-XXXXXX) || exit 1
fail=0
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
	[ -s "$d/nginx.pid" ] && kill -QUIT "$(cat "$d/nginx.pid")" 2>/dev/null
	sleep 0.2
	rm -rf "$d"
}
trap cleanup EXIT
no() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
	-keyout "$d/key.pem" -out "$d/cert.pem" >/dev/null 2>&1 ||
	{ echo "FAIL: cannot make a test certificate"; exit 1; }
mkdir -p "$d/tmp"
user=""
[ "$(id -u)" -eq 0 ] && user="user root root;"
sed -e "s|listen 80;|listen unix:$d/http.sock;|" \
	-e "s|listen 443 ssl http2;|listen unix:$d/https.sock ssl http2;|" \
	-e '/listen \[::\]/d' \
	-e "s|/etc/ssl/drec/fullchain.pem|$d/cert.pem|" \
	-e "s|/etc/ssl/drec/privkey.pem|$d/key.pem|" \
	-e "s|/etc/nginx/snippets/fastcgi_drec.conf|$(cd "$top" && pwd)/nginx/fastcgi_drec.conf|" \
	-e "s|/usr/share/drec/nginx/errors/|$(cd "$top" && pwd)/nginx/errors/|" \
	-e "s|unix:/run/drecd/drecd.sock|unix:$d/drecd.sock|" \
	-e "s|/var/log/nginx/drec-access.log|$d/access.log|" \
	-e "s|/var/log/nginx/error.log|$d/error.log|" \
	"$site" >"$d/site.conf"
cat >"$d/nginx.conf" <<EOF
$user
worker_processes 1;
pid $d/nginx.pid;
error_log $d/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $d/tmp;
    fastcgi_temp_path $d/tmp;
    proxy_temp_path $d/tmp;
    uwsgi_temp_path $d/tmp;
    scgi_temp_path $d/tmp;
    include $d/site.conf;
}
EOF
if ! nginx -p "$d/" -c "$d/nginx.conf" -e "$d/error.log" -t -q; then
	echo "FAIL: nginx -t rejects nginx/drec.conf"
	exit 1
fi
nginx -p "$d/" -c "$d/nginx.conf" -e "$d/error.log" || { echo "FAIL: nginx did not start"; exit 1; }
i=0
while [ ! -S "$d/https.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

# handshake PROTO-OPTION [CIPHER]: 0 when a TLS session was established.
handshake() {
	if [ -n "${2:-}" ]; then
		set -- "$1" -cipher "$2"
	fi
	echo | openssl s_client -unix "$d/https.sock" -servername localhost \
		-brief "$@" >"$d/s_client.out" 2>&1
	grep -q '^CONNECTION ESTABLISHED' "$d/s_client.out"
}
for c in ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384 \
	ECDHE-RSA-CHACHA20-POLY1305; do
	if handshake -tls1_2 "$c"; then ok "TLS 1.2 $c"; else no "TLS 1.2 $c refused"; fi
done
# Static RSA key exchange, CBC with and without ECDHE, DHE, GCM without
# forward secrecy.
for c in AES128-SHA AES256-SHA256 AES128-GCM-SHA256 AES256-GCM-SHA384 \
	ECDHE-RSA-AES128-SHA ECDHE-RSA-AES256-SHA384 DHE-RSA-AES128-GCM-SHA256; do
	if handshake -tls1_2 "$c"; then no "TLS 1.2 $c accepted"; else ok "TLS 1.2 $c refused"; fi
done
if handshake -tls1_1; then no "TLS 1.1 accepted"; else ok "TLS 1.1 refused"; fi
if handshake -tls1_3; then ok "TLS 1.3"; else no "TLS 1.3 refused"; fi

# curl ARGS...: status line + headers + body of one HTTPS request.
req() {
	curl -sk --unix-socket "$d/https.sock" -D - --max-time 5 "$@" 2>/dev/null | tr -d '\r'
}
out=$(req https://localhost/api/health)
case $out in
*'HTTP/2 502'*'"code":"UPSTREAM_UNAVAILABLE"'*) ok "502 envelope" ;;
*) no "no drecd: expected 502 UPSTREAM_UNAVAILABLE, got: $(echo "$out" | head -c 300)" ;;
esac
case $out in
*strict-transport-security*) ok "HSTS on nginx's own errors" ;;
*) no "no HSTS header on nginx's 502" ;;
esac
n=0
limited=""
while [ $n -lt 15 ]; do
	n=$((n + 1))
	out=$(req -X PUT -H 'Content-Type: application/json' -d '{}' \
		https://localhost/api/User/Password)
	case $out in
	*'HTTP/2 429'*) limited=$n; break ;;
	esac
done
case $out in
*'"code":"RATE_LIMITED"'*) ok "PUT /api/User/Password: 429 RATE_LIMITED at request $limited" ;;
*) no "PUT /api/User/Password: no JSON 429 in 15 requests (last: $(echo "$out" | head -c 300))" ;;
esac
if [ -n "$limited" ] && [ "$limited" -lt 11 ]; then
	no "refused at request $limited, before the burst of 10"
fi
out=$(req https://localhost/api/user/password)
case $out in
*'HTTP/2 429'*) no "GET /api/user/password is rate-limited" ;;
*) ok "GET /api/user/password is not counted" ;;
esac

# post_until_429 PATH...: POST {} to the paths in turn, about 20 requests;
# prints the number of the first one answered 429 RATE_LIMITED (JSON), or 0.
post_until_429() {
	i=0
	while [ $i -lt 20 ]; do
		for p in "$@"; do
			i=$((i + 1))
			out=$(req -X POST -H 'Content-Type: application/json' -d '{}' \
				"https://localhost$p")
			case $out in
			*'HTTP/2 429'*'"code":"RATE_LIMITED"'*) echo "$i"; return ;;
			esac
		done
	done
	echo 0
}
# clients.md §8 vector 7: preflights are answered before the limits.  The
# 12th POST is the first refused when the 12 take under a second (nginx
# refills 1 r/s), the 13th when slower.
n=0
pf=0
while [ $n -lt 20 ]; do
	n=$((n + 1))
	out=$(req -X OPTIONS -H 'Access-Control-Request-Method: POST' \
		https://localhost/api/auth/login)
	case $out in *'HTTP/2 204'*) pf=$((pf + 1)) ;; esac
done
if [ $pf -eq 20 ]; then ok "20 preflights to /api/auth/login: 204"; else no "only $pf of 20 preflights to /api/auth/login were 204"; fi
k=$(post_until_429 /api/Auth/LOGIN)
case $k in
12 | 13) ok "POST /api/Auth/LOGIN: first 429 at request $k (zone login)" ;;
0) no "POST /api/Auth/LOGIN: no 429 in 20 requests (zone login ignores this spelling?)" ;;
*) no "POST /api/Auth/LOGIN: first 429 at request $k, not 12" ;;
esac
k=$(post_until_429 /api/user/register /api/User/Register/ \
	/api/user/REGISTERWITHORGANIZATION)
case $k in
7) ok "register in three spellings: first 429 at request 7 (one zone)" ;;
*) no "register in three spellings: first 429 at request $k, not 7" ;;
esac

# clients.md §1: a preflight is answered in every /api location, before its
# limits: the location's first directive (comments aside) is the if.
for f in "$top/nginx/drec.conf" "$top/nginx/local.conf.in"; do
	res=$(awk '
		/^[ \t]*location[ \t]+(\^~[ \t]+|=[ \t]+|~\*?[ \t]+\^?)?\/api/ { loc = $0; want = 1; n++; next }
		want && /^[ \t]*(#.*)?$/ { next }
		want {
			if ($0 !~ /^[ \t]*if \(\$drec_cors_preflight\) \{ return 204; \}/)
				{ sub(/^[ \t]+/, "", loc); print "without: " loc }
			want = 0
		}
		END { print n + 0 }' "$f")
	nloc=$(echo "$res" | tail -n 1)
	if echo "$res" | grep -q '^without: '; then
		no "$(basename "$f"): /api location(s) not starting with the preflight: $(echo "$res" | grep '^without: ' | tr '\n' ' ')"
	elif [ "$nloc" -lt 2 ]; then
		no "$(basename "$f"): found $nloc /api locations (expected at least 2)"
	else
		ok "$(basename "$f"): all $nloc /api locations start with the preflight"
	fi
done
# No path tokens in logs: each PATH (sent as is, PUT) and the URI its line
# must show.  The /api paths get nginx's 502 (no drecd) through error_page.
# At most 11 of them may name a token route (zone account, burst 10).
tok=feedc0defeedc0defeedc0defeedc0defeedc0defeedc0defeedc0defeedc0de
n=0
while read -r path want; do
	n=$((n + 1))
	path=$(echo "$path" | sed "s/TOK/$tok/g")
	req --http1.1 --path-as-is -X PUT -H "X-Request-Id: logredact-$n" \
		-H 'Content-Type: application/json' -d '{}' \
		"https://localhost$path" >/dev/null
	echo "$n $want"
done >"$d/want" <<'EOF'
/api/user/confirm-email/TOK /api/user/confirm-email/…
/api/user/confirm-email/TOK/?a=1 /api/user/confirm-email/…/?a=1
/api/User/CONFIRM-EMAIL/TOK /api/User/CONFIRM-EMAIL/…
/api/user/%63onfirm%2Demail/TOK /api/user/%63onfirm%2Demail/…
/api/user/confirm-email%2FTOK?b /api/user/confirm-email%2F…?b
/api//user/confirm-email//TOK /api//user/confirm-email//…
/api/user/./confirm-email/./TOK /api/user/./confirm-email/…
/api/user/reset/password/TOK /api/user/reset/password/…
/api/user/reset%2F%50ASSWORD/TOK /api/user/reset%2F%50ASSWORD/…
/api/user/reset/password/feedc0de%40x.io /api/user/reset/password/…
/api/health/live?probe=feedc0de&x=%2F /api/health/live?probe=feedc0de&x=%2F
EOF
sleep 0.3	# nginx writes a line after its answer
while read -r i want; do
	line=$(grep " id=logredact-$i\$" "$d/access.log")
	case $line in
	*"\"GET $want HTTP/1.1\" 502 "*) ok "access log: $want" ;;
	*) no "request $i: expected \"GET $want HTTP/1.1\" 502 (nginx's 502 page is a GET), logged: ${line:-nothing}" ;;
	esac
done <"$d/want"
leak="$tok\|feedc0de%40\|feedc0de@"
if grep -q "$leak" "$d/access.log"; then
	no "a path token in the access log: $(grep "$leak" "$d/access.log" | head -n 3)"
else
	ok "no path token in the access log"
fi

# The error log (docs/operations.md §5.3): a 413 and a 429 on token routes
# too (the spellings above used 10 of zone account's burst of 10).
out=$(head -c 1100000 /dev/zero | tr '\0' ' ' | req --http1.1 --path-as-is \
	-X PUT -H 'Content-Type: application/json' --data-binary @- \
	"https://localhost/api/user/%63onfirm-email/$tok")
case $out in
*'HTTP/1.1 413'*) ok "1.1 MB to a token route: 413" ;;
*) no "1.1 MB to a token route: expected 413, got: $(echo "$out" | head -c 300)" ;;
esac
k=0
n=0
while [ $n -lt 15 ]; do
	n=$((n + 1))
	out=$(req --path-as-is -X PUT -H 'Content-Type: application/json' -d '{}' \
		"https://localhost/api/User/confirm-email//$tok")
	case $out in *'HTTP/2 429'*) k=$n; break ;; esac
done
if [ $k -gt 0 ]; then ok "token route: 429 at request $k (zone account)"; else no "token route: no 429 in 15 requests"; fi
sleep 0.3
if grep -q "$leak" "$d/error.log"; then
	no "a path token in the error log: $(grep "$leak" "$d/error.log" | head -n 3)"
else
	ok "no path token in the error log"
fi
# It is the log nginx writes these events to: those of other routes are in.
if grep -q 'request: "GET /api/health HTTP' "$d/error.log" &&
	grep -q 'limiting requests.*request: "PUT /api/User/Password HTTP' "$d/error.log"; then
	ok "error log: the 502 and 429 of other routes are logged"
else
	no "error log: no line of the 502 of /api/health or the 429 of /api/User/Password: $(tail -n 3 "$d/error.log")"
fi
[ $fail -eq 0 ] && echo "nginx/drec.conf: ok"
exit $fail
