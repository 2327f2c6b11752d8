#!/usr/bin/env bash
# No dead exported functions: every function a src/ file defines without
# `static` (KNF: its name at the start of a line, the type on the line
# before) is named somewhere else than its definition and its header
# declaration (a call, a table, a test in tests/ or bench/).  Those known
# to be unused are listed in `known` (open work, docs/architecture.md); a
# listed one that gains a caller fails too, so the list stays true.  Run
# by `make check`.
root=${top_srcdir:-.}
known='db_cert_device_insert db_cert_reads_lock db_res_member_insert
db_res_overlap_lock db_session_get dom_bulk_ncols http_json_has_nul
log_set_level api_res_input_decode'
cd "$root" || exit 1
# file:line:name of each exported definition.
defs_at=$(awk 'FNR == 1 { prev = "" }
	/^[a-z_][a-z0-9_]*\(/ && prev !~ /^static/ && prev !~ /^#/ &&
	    prev != "" { n = $0; sub(/\(.*/, "", n); print FILENAME ":" FNR ":" n }
	{ prev = $0 }' $(find src -name '*.c'))
defs=$(cut -d: -f3 <<<"$defs_at" | sort -u)
[ -n "$defs" ] || { echo "FAIL: no exported function found in src/"; exit 1; }
# Each use: an occurrence outside the definition line and src/ headers.
used=$(grep -nowF -f <(printf '%s\n' $defs) \
	$(find src tests bench -name '*.[ch]' -o -name '*.inc') |
    grep -v -E '^src/[^:]+\.h:' | grep -vxF -f <(printf '%s\n' "$defs_at") |
    cut -d: -f3 | sort -u)
fail=0
for f in $defs; do
	u=0 listed=0
	grep -qxF -- "$f" <<<"$used" && u=1
	for k in $known; do [ "$k" = "$f" ] && listed=1; done
	if [ "$u" -eq 0 ] && [ "$listed" -eq 0 ]; then
		echo "FAIL: $f is exported but never used: remove it"
		fail=1
	elif [ "$u" -eq 1 ] && [ "$listed" -eq 1 ]; then
		echo "FAIL: $f is used now: drop it from check-dead.sh's list"
		fail=1
	fi
done
for k in $known; do
	grep -qx -- "$k" <<<"$defs" || { echo "FAIL: listed $k is not defined"; fail=1; }
done
[ "$fail" -eq 0 ] && echo "PASS: $(wc -w <<<"$defs") exported functions, each used" \
    "($(wc -w <<<"$known") known unused)"
exit "$fail"
