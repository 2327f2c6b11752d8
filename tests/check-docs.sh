#!/bin/sh
# The docs against the code ("keep docs/ true to the code"): every
# reference in README.md, docs/*.md and the usage texts of the scripts
# (HEADERS below) that can be checked without a service must name
# something that exists.  Fast (about 2 s), no network,
# no build needed.  Run by `make check`; docs/operations.md §2.
#
#   path    src/..., sql/..., tests/..., scripts/..., bench/..., nginx/...,
#           systemd/..., docs/... (and core/x.c, db/x.c, ... for src/)
#           must exist in the tree (a glob or a <placeholder> must match;
#           a program built by Makefile.am counts), unless listed in PATHS;
#   file    a file name in backticks (`tx.c`, `sink.py`) must be the name
#           of a file of the tree;
#   func    `name(...)` in code must be called or defined in src/ (or be a
#           shell function of the scripts), unless listed in LIBFUNCS;
#   ident   a snake_case name in code (`db_tx_retry`, `held_until`) and an
#           UPPER_CASE one with an underscore (`ERR_CONFLICT`,
#           `KEPT_IDLE_MS`) must occur as a word in the code tree (src/,
#           sql/, scripts/, tests/, bench/, nginx/, systemd/, .ci/, the
#           build files), unless listed in WORDS;
#   config  a key of a configuration table (header cell "key") and of a
#           "key = value" line of a code block (not an option file with
#           [sections], not C) must be a key of src/core/config.c, and
#           every key of config.c must be in a table; DREC_X must be
#           DREC_<config key> or a variable of the code tree;
#   default a table's default ("2", "1048576 (1 MiB)", "`info`", "172800,
#           3600, 604800" for three keys) must be what config_defaults
#           sets;
#   code    an error code after a status ("409 `EMAIL_TAKEN`", a status
#           table's row, "code":"X") must be a row of src/core/ecode.def
#           with that status, or an error page of nginx/errors/*.json;
#   flag    an option after scripts/test must be in `scripts/test --help`;
#           an option after another script of the tree, and every option
#           of a script's own usage text, must occur in its code (not its
#           comments) or in a file it sources;
#           a drecctl command must be a row of src/drecctl.c's command
#           table and its options must occur in src/drecctl*.c;
#   section "docs/x.md §N" must name a heading "N. ..." / "N ..." of x.md,
#           and no two headings of a doc may carry one number;
#   route   "METHOD /api/..." must be an operation of docs/openapi.json
#           (which tests/check-openapi.sh holds to the route table) or a
#           test-profile route of src/api/routes.c, unless listed in
#           ROUTES.
#
# A failure names the document, the line and the reference, e.g.
#   docs/architecture.md:47: function db_tx_retry2(): not called or defined in src/ ...
#   docs/operations.md:353: default of workers: the doc says 3; the code: 2
# and the run exits 1.  DOCS_KEEP=1 keeps the extracted references
# (its temporary directory) for debugging.
top="${top_srcdir:-.}"
cd "$top" || exit 1
LC_ALL=C
export LC_ALL

# Functions outside the tree that the docs may name with parentheses
# although src/ never calls them (a function src/ calls needs no entry),
# e.g. to say that the code avoids them.
LIBFUNCS='atoi atol sprintf strcpy GET_LOCK RELEASE_LOCK
NOW SLEEP DATETIME COUNT SUM'

# Words the docs name in backticks that live outside this tree: SQL,
# MariaDB/Galera variables, HTTP headers, systemd, nginx, libraries.
WORDS='try_files max_allowed_packet unix_socket wsrep_sst_auth
wsrep_local_state_comment galera_new_cluster galera_recovery
xtrabackup_galera_info BLOCK_COMMIT GET_LOCK RELEASE_LOCK
limit_req_log_level
'

fail=0
tmp=$(mktemp -d) || exit 1
trap '[ -n "$DOCS_KEEP" ] || rm -rf "$tmp"' EXIT

docs="README.md $(ls docs/*.md)"
# The usage texts (header comments) of the entry points, read as markdown
# with their line numbers kept: line 1 (#!) becomes empty, "# " goes.
HEADERS="scripts/test scripts/run scripts/lib.sh scripts/cluster
scripts/cluster_lib.sh scripts/bulk_lib.sh bench/http bench/ingest
bench/bulk bench/issuance bench/cluster bench/scale bench/lib.sh
tests/fault/run.sh tests/cluster/run.sh tests/fuzz/run.sh
tests/newman/run.sh tests/openapi/run.sh tests/browser/run.sh"
hdrs=
for f in $HEADERS; do
	[ -f "$f" ] || continue
	mkdir -p "$tmp/h/${f%/*}"
	awk 'NR == 1 { print ""; next } !/^#/ { exit }
	    { sub(/^# ?/, ""); print }' "$f" >"$tmp/h/$f"
	hdrs="$hdrs $tmp/h/$f"
done

# --------------------------------------------------------- extraction
# One record per reference: kind <TAB> file:line <TAB> ref [<TAB> extra].
# Inline code spans may run over line breaks; indented and fenced code
# blocks count as code too.
# shellcheck disable=SC2086 # docs: file names without spaces
awk '
function emit(kind, ln, ref, extra) {
	f = FILENAME
	if (index(f, hdir) == 1)
		f = substr(f, length(hdir) + 1)
	printf "%s\t%s:%d\t%s\t%s\n", kind, f, ln, ref, extra
}
# code: the text of one inline span or code line.
function code(s, ln, block,    t, m, w, n, i, parts, prog, rest) {
	t = s
	while (match(t, /(^|[^A-Za-z0-9_$.\/<~-])[A-Za-z0-9_-]+\.(c|h|inc|def|sh|sql|py|mjs|lua)([^A-Za-z0-9_]|$)/)) {
		w = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		sub(/^[^A-Za-z0-9_-]/, "", w)
		sub(/[^A-Za-z0-9_]$/, "", w)
		emit("file", ln, w)
	}
	while (match(t, /[A-Za-z_][A-Za-z0-9_]*\(/)) {
		w = substr(t, RSTART, RLENGTH - 1)
		# upper-case names in code blocks are diagrams ("HTTP(S)")
		if (!block || w !~ /^[A-Z0-9]+$/)
			emit("func", ln, w)
		t = substr(t, RSTART + RLENGTH)
	}
	t = s
	while (match(t, /(^|[^A-Za-z0-9_$.\/<-])[a-z][a-z0-9]*(_[a-z0-9]+)+/)) {
		w = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		sub(/^[^a-z]/, "", w)
		if (t !~ /^([A-Za-z0-9_\/>-]|\.[a-z])/)	# no path, no file
			emit("ident", ln, w)
	}
	t = s
	while (match(t, /(^|[^A-Za-z0-9_$.\/<-])[A-Z][A-Z0-9]*(_[A-Z0-9]+)+/)) {
		w = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		sub(/^[^A-Z]/, "", w)
		# DREC_ names: the plain-text pass
		if (t !~ /^[A-Za-z0-9_\/>*-]/ && w !~ /^DREC_/)
			emit("ident", ln, w)
	}
	if (block == 1 && match(s, /^[ \t]*#?[ \t]*[a-z][a-z0-9_]* = /)) {
		w = s
		sub(/^[ \t]*#?[ \t]*/, "", w)
		sub(/ = .*/, "", w)
		emit("config", ln, w)
	}
	# options after a script of the tree or drecctl (not in comments)
	t = s
	if (block)
		sub(/(^|[ \t])#.*/, "", t)
	while (match(t, /(^|[^A-Za-z0-9_\/.-])((scripts|bench|tests)\/[A-Za-z0-9_\/.-]+|drecctl)( +[^ ]+)*/)) {
		rest = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		sub(/^[^A-Za-z]*/, "", rest)
		n = split(rest, parts, / +/)
		prog = parts[1]
		if (prog == "drecctl" || prog == "scripts/drecctl") {
			for (i = 2; i <= n; i++) {
				if (parts[i] == "-c") { i++; continue }
				if (parts[i] ~ /^(ARGS|COMMAND|\.\.\.|…)/)
					break
				if (parts[i] ~ /^[a-z][a-z-]*$/)
					emit("cmd", ln, parts[i])
				break
			}
			prog = "drecctl"
		}
		for (i = 2; i <= n; i++) {
			if (parts[i] ~ /^(&&|\||;|#|\(|\)|\|\|)/ ||
			    parts[i] ~ /^(scripts|bench|tests)\// ||
			    parts[i] == "drecctl")
				break
			w = parts[i]
			gsub(/^[[(]+|[]),.;:]+$/, "", w)
			if (w ~ /^--[a-z][a-z0-9-]*(=.*)?$/) {
				sub(/=.*/, "", w)
				emit("flag", ln, w, prog)
			}
		}
	}
}
# plain: every line, code or not.
function plain(s, ln,    t, w, st) {
	# docs/x.md §N (also over a line break): a heading "N." of x.md
	t = pendoc != "" ? pendoc " " s : s
	pendoc = ""
	while (match(t, /docs\/[a-z-]+\.md`?,? *§[0-9]+(\.[0-9]+)*[a-z]?/)) {
		w = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		st = w
		sub(/^docs\//, "", w)
		sub(/\.md.*/, "", w)
		sub(/.*§/, "", st)
		emit("section", ln, w, st)
	}
	if (match(s, /docs\/[a-z-]+\.md`?,?$/))
		pendoc = substr(s, RSTART)
	t = s
	while (match(t, /(^|[^A-Za-z0-9_$.\/<~-])(src|sql|tests|scripts|bench|nginx|systemd|docs)\/([A-Za-z0-9_.*\/-]|<[A-Za-z_]+>)*/)) {
		w = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		sub(/^[^a-z]*/, "", w)
		gsub(/<[A-Za-z_]+>/, "*", w)
		sub(/[.\/]+$/, "", w)
		if (w ~ /\//)
			emit("path", ln, w)
	}
	t = s
	while (match(t, /(^|[^A-Za-z0-9_$.\/<~-])(core|domain|db|http|crypto|account|issuer|api)\/[A-Za-z0-9_]+\.(c|h|inc|def)/)) {
		w = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		sub(/^[^a-z]*/, "", w)
		emit("path", ln, "src/" w)
	}
	t = s
	while (match(t, /DREC_[A-Z0-9_]+/)) {
		w = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		if (substr(t, 1, 1) != "<")
			emit("drec", ln, w)
	}
	t = s
	while (match(t, /[1-5][0-9][0-9],? `[A-Z][A-Z0-9_]+`/)) {
		w = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		st = substr(w, 1, 3)
		sub(/^[^`]*`/, "", w)
		sub(/`$/, "", w)
		emit("code", ln, w, st)
	}
	t = s
	while (match(t, /"code": ?"[A-Z][A-Z0-9_]+"/)) {
		w = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		sub(/^"code": ?"/, "", w)
		sub(/"$/, "", w)
		emit("code", ln, w, "")
	}
	t = s
	while (match(t, /(GET|POST|PUT|PATCH|DELETE) \/api[A-Za-z0-9_\/:{}<>.…-]*/)) {
		w = substr(t, RSTART, RLENGTH)
		t = substr(t, RSTART + RLENGTH)
		if (t !~ /^[(|]/)	# not a regular expression
			emit("route", ln, w)
	}
}
FNR == 1 { inspan = 0; incode = 0; fence = 0; prevblank = 1; keytab = 0
	pendoc = ""
	hdr = index(FILENAME, hdir) == 1 ? substr(FILENAME, length(hdir) + 1) : "" }
# A usage text: its usage lines ("  bench/http [--rounds N] ...", their
# continuations "     [--keep]") and option lines ("  --keep  ...") name
# options of the script itself.
hdr != "" && ($0 ~ "^ +" hdr "( |$)" || $0 ~ /^ +\[?--[a-z]/) {
	t = $0
	if (t ~ /^ +--/) {	# an option line: its first word only
		sub(/^ +/, "", t)
		sub(/ .*/, "", t)
	}
	while (match(t, /--[a-z][a-z0-9-]*/)) {
		emit("flag", FNR, substr(t, RSTART, RLENGTH), "code:" hdr)
		t = substr(t, RSTART + RLENGTH)
	}
}
{
	line = $0
	if (line ~ /^```/) { fence = !fence; prevblank = 0; blocktype = 1; next }
	isblank = (line ~ /^[ \t]*$/)
	if (fence || (line ~ /^(    |\t)/ && (prevblank || incode) && !inspan)) {
		if (!incode && !fence)
			blocktype = 1
		# an option file of MariaDB ([section]) or C: not drecd.conf
		if (line ~ /^[ \t]*\[[a-z]+\][ \t]*$/ || line ~ /[{};]/)
			blocktype = 2
		incode = !isblank || incode
		if (!isblank) {
			code(line, FNR, blocktype)
			plain(line, FNR)
		}
		prevblank = isblank
		next
	}
	incode = 0
	prevblank = isblank
	plain(line, FNR)
	# a status table: | 404 (outside /api) | `ROUTE_NOT_FOUND` |
	if (line ~ /^\| *[1-5][0-9][0-9][^|]*\| *`[A-Z][A-Z0-9_]+` *\|/) {
		split(line, cells, /\|/)
		w = cells[3]
		gsub(/[ `]/, "", w)
		t = cells[2]
		sub(/\(.*/, "", t)
		while (match(t, /[1-5][0-9][0-9]/)) {
			emit("code", FNR, w, substr(t, RSTART, 3))
			t = substr(t, RSTART + 3)
		}
	}
	# a configuration table: header row whose first cell is "key"
	if (line ~ /^\| *key *\|/) { keytab = 1; next }
	if (keytab && line !~ /^\|/) keytab = 0
	if (keytab && line ~ /^\| *`/) {
		cell = line
		sub(/^\| */, "", cell)
		dflt = cell
		sub(/ *\|.*/, "", cell)
		# the default cell: numbers ("2", "1048576 (1 MiB)", "172800,
		# 3600, 604800") or one `word`, checked against config_defaults
		sub(/^[^|]*\| */, "", dflt)
		sub(/ *\|.*/, "", dflt)
		nd = 0
		if (dflt ~ /^[0-9]+( \([^)]*\))?$/) {
			sub(/ .*/, "", dflt)
			nd = split(dflt, dv, ",")
		} else if (dflt ~ /^[0-9]+(, [0-9]+)+$/)
			nd = split(dflt, dv, ", ")
		else if (dflt ~ /^`[^`]*`$/) {
			gsub(/`/, "", dflt)
			nd = split(dflt, dv, "\001")
		}
		t = cell
		nk = 0
		while (match(t, /`[a-z][a-z0-9_]*`/)) {
			k = substr(t, RSTART + 1, RLENGTH - 2)
			emit("config", FNR, k)
			nk++
			if (nd == 1 || nk <= nd)
				emit("default", FNR, k, nd == 1 ? dv[1] : dv[nk])
			t = substr(t, RSTART + RLENGTH)
		}
	}
	# inline code spans, possibly over several lines
	rest = line
	while (rest != "") {
		if (inspan) {
			i = index(rest, "`")
			if (i == 0) { span = span " " rest; rest = "" }
			else {
				span = span " " substr(rest, 1, i - 1)
				code(span, spanline, 0)
				inspan = 0
				rest = substr(rest, i + 1)
			}
		} else {
			i = index(rest, "`")
			if (i == 0) rest = ""
			else {
				inspan = 1; span = ""; spanline = FNR
				rest = substr(rest, i + 1)
				sub(/^ /, "", rest)
			}
		}
	}
	if (isblank && inspan) { inspan = 0 }	# a span never crosses a paragraph
}
' hdir="$tmp/h/" $docs $hdrs >"$tmp/refs" || {
	echo "FAIL: check-docs.sh: the extraction (awk) failed"
	exit 1
}

# --------------------------------------------------------- the code side
codefiles=$(find src sql scripts tests bench nginx systemd -type f \
    ! -path 'tests/fuzz/corpus/*' ! -path '*/node_modules/*' \
    ! -path '*/.deps/*' ! -name '*.o' ! -name '*.a' ! -name '.dirstamp' \
    ! -name check-docs.sh \
    -exec grep -lI '' {} + 2>/dev/null; ls configure.ac \
    Makefile.am .ci/* 2>/dev/null)
# Every word of the code tree, and every name( of src/ and the shell
# functions of the scripts.  A shell script's comments do not count (its
# usage text is checked here, so it must not vouch for itself).
# shellcheck disable=SC2086
for f in $codefiles; do
	case $(head -c 64 "$f" 2>/dev/null) in
	'#!'*sh*|'# shellcheck shell='*) grep -v '^[[:space:]]*#' "$f" ;;
	*) case $f in *.sh) grep -v '^[[:space:]]*#' "$f" ;; *) cat "$f" ;; esac ;;
	esac
done 2>/dev/null | tr -c 'A-Za-z0-9_' '\n' | sort -u >"$tmp/words"
find src \( -name '*.[ch]' -o -name '*.inc' -o -name '*.def' \) \
    -exec grep -ohE '[A-Za-z_][A-Za-z0-9_]*[[:space:]]*\(' {} + |
    tr -d '( \t' | sort -u >"$tmp/calls"
# shellcheck disable=SC2086
grep -ohE '^[A-Za-z_][A-Za-z0-9_]*\(\)' $codefiles 2>/dev/null |
    tr -d '()' >>"$tmp/calls"
# shellcheck disable=SC2086 # one word a line
printf '%s\n' $LIBFUNCS >>"$tmp/calls"
# shellcheck disable=SC2086
printf '%s\n' $WORDS >>"$tmp/words"
# shellcheck disable=SC2086
for f in $codefiles; do
	b=${f##*/}
	echo "$b"
	echo "${b%.*}"
done >"$tmp/files"
cat "$tmp/files" >>"$tmp/words"
sort -u -o "$tmp/calls" "$tmp/calls"
sort -u -o "$tmp/words" "$tmp/words"
sed -n 's/^[[:space:]]*\(S\|I\|L\|Z\)(\([a-z_0-9]*\),*.*/\2/p;
    s/^[[:space:]]*{ "\([a-z_]*\)", C_.*/\1/p' src/core/config.c |
    sort -u >"$tmp/keys"
sed -n 's/^E([A-Z_0-9]*, "\([A-Z_0-9]*\)", \([0-9]*\),.*/\1 \2/p' \
    src/core/ecode.def >"$tmp/codes"
for f in nginx/errors/*.json; do
	c=$(sed -n 's/.*"code" *: *"\([A-Z_]*\)".*/\1/p' "$f")
	[ -n "$c" ] && echo "$c $(basename "$f" .json)"
done >>"$tmp/codes"
sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", cmd_.*/\1/p' src/drecctl.c \
    >"$tmp/cmds"
if ! bash scripts/test --help >"$tmp/test-help" 2>&1; then
	echo "FAIL: scripts/test --help failed"
	exit 1
fi
# openapi operations as "METHOD /api/a/*/b"
awk '/^    "\/api/ { p = $1; gsub(/[":]/, "", p); gsub(/\{[^}]*\}/, "*", p) }
    /^      "(get|post|put|patch|delete)"/ { m = $1; gsub(/[":]/, "", m);
    print toupper(m) " " p }' docs/openapi.json >"$tmp/ops"
# and the literal rows of the route table (test-only routes are not in
# docs/openapi.json)
sed -n 's/^[[:space:]]*R("\([A-Z]*\)", "\(\/api[^"]*\)".*/\1 \2/p' \
    src/api/routes.c | sed 's,/:[A-Za-z_]*,/*,g' >>"$tmp/ops"
sort -u -o "$tmp/ops" "$tmp/ops"

for f in refs keys codes cmds ops calls words; do
	if [ ! -s "$tmp/$f" ]; then
		echo "FAIL: check-docs.sh found no $f in the code (its parsing is stale)"
		exit 1
	fi
done

bad() {	# where kind ref why
	echo "$1: $2 $3: $4"
	fail=1
}
has() { grep -qxF -- "$2" "$tmp/$1"; }

# Routes the docs name on purpose although drecd has no such operation: a
# made-up one in an example, and the GET that nginx logs for a PUT its
# error page answered (docs/operations.md §5.3).
ROUTES='
GET /api/x
GET /api/user/confirm-email/…
'
# Paths of other trees (the reference web client's checkout).
PATHS='
src/environments/environment.ts
'

# --------------------------------------------------------- checks
n=0
while IFS="$(printf '\t')" read -r kind where ref extra; do
	n=$((n + 1))
	case $kind in
	path)
		p=${ref%/}
		if [ -e "$p" ]; then continue; fi
		case $PATHS in *"
$p
"*) continue ;; esac
		case $p in
		*'*'*)
			# shellcheck disable=SC2086
			set -- $p
			[ -e "$1" ] && continue
			re=$(printf '%s' "$p" | sed 's/[.]/[.]/g; s/[*]/[A-Za-z0-9_.-]*/g')
			grep -qE "(^|[ \t=])$re([ \t]|\$)" Makefile.am && continue ;;
		*)
			grep -qE "(^|[ \t=])$p([ \t]|\\\$|\$)" Makefile.am && continue ;;
		esac
		bad "$where" path "$ref" "no such file" ;;
	file)
		has files "$ref" || bad "$where" file "$ref" "no such file in the tree" ;;
	func)
		has calls "$ref" || bad "$where" function "$ref()" \
		    "not called or defined in src/ (nor a shell function of the scripts)" ;;
	ident)
		has words "$ref" || has keys "$ref" ||
		    bad "$where" name "$ref" "occurs nowhere in the code tree" ;;
	config)
		has keys "$ref" || bad "$where" "config key" "$ref" \
		    "not a key of src/core/config.c" ;;
	drec)
		k=$(printf '%s' "${ref#DREC_}" | tr '[:upper:]' '[:lower:]')
		has keys "$k" || has words "$ref" || bad "$where" variable "$ref" \
		    "neither DREC_<config key> nor a variable of the code tree" ;;
	code)
		if ! grep -q "^$ref " "$tmp/codes"; then
			bad "$where" "error code" "$ref" \
			    "not a row of src/core/ecode.def nor an nginx error"
		elif [ -n "$extra" ] && ! grep -qx "$ref $extra" "$tmp/codes"; then
			bad "$where" "error code" "$extra $ref" "answered with $(grep "^$ref " "$tmp/codes" | cut -d' ' -f2 | paste -sd, -), not $extra"
		fi ;;
	default)
		# c->key = N; or snprintf(c->key, ..., "S"); in config_defaults
		v=$(sed -n '/^config_defaults/,/^}/p' src/core/config.c | tr -d '\n\t' |
		    tr ';' '\n' | sed -n "s/^ *c->$ref = \(.*\)\$/\1/p;
		    s/^ *snprintf(c->$ref, sizeof(c->$ref), \"\([^\"%]*\)\")\$/\1/p;
		    s/^ *snprintf(c->$ref, sizeof(c->$ref), \"%s\", *\(.*\))\$/\1/p")
		case $v in
		'') case $extra in 0|false) ;; *) bad "$where" "default of" "$ref" \
		    "the doc says $extra; config_defaults leaves it zero/empty" ;; esac ;;
		PROFILE_DEVELOPMENT) [ "$extra" = development ] ||
		    bad "$where" "default of" "$ref" "the doc says $extra; the code: $v" ;;
		*) [ "$v" = "$extra" ] || { [ "$extra" = true ] && [ "$v" = 1 ]; } ||
		    { [ "$extra" = false ] && [ "$v" = 0 ]; } ||
		    bad "$where" "default of" "$ref" "the doc says $extra; the code: $v" ;;
		esac ;;
	section)
		grep -qE "^#+ +$extra([. ]|\$)" "docs/$ref.md" 2>/dev/null ||
		    bad "$where" section "docs/$ref.md §$extra" \
		    "no heading \"$extra\" in docs/$ref.md" ;;
	cmd)
		has cmds "$ref" || bad "$where" "drecctl command" "$ref" \
		    "not in src/drecctl.c's command table" ;;
	flag)
		case $extra in
		scripts/test)
			grep -qE -- "(^|[^a-z-])$ref([^a-z-]|\$)" "$tmp/test-help" ||
			    bad "$where" "scripts/test option" "$ref" \
			    "not in scripts/test --help" ;;
		drecctl)
			grep -qE -- "\"${ref#--}\"|$ref([^a-z-]|\$)" src/drecctl*.c ||
			    bad "$where" "drecctl option" "$ref" \
			    "not an option of src/drecctl*.c" ;;
		*)
			# code:X: a usage text's own option, never vouched
			# for by its --help (which prints that text)
			extra=${extra#code:}
			if [ -f "$extra" ]; then
				# the script and the files it sources (each has
				# its "# shellcheck source=PATH" line)
				srcs=$(sed -n 's/^[[:space:]]*# shellcheck source=//p' \
				    "$extra" | while read -r x; do
				    [ -f "$x" ] && echo "$x"; done)
				# shellcheck disable=SC2086
				cat "$extra" $srcs | grep -v '^[[:space:]]*#' |
				    grep -qE -- "$ref([^a-z-]|\$)" ||
				    bad "$where" "$extra option" "$ref" \
				    "does not occur in $extra"
			fi ;;
		esac ;;
	route)
		m=${ref%% *}
		p=$(printf '%s' "${ref#* }" | sed 's/[?#].*//; s/[.]*$//; s,/$,,')
		case $ROUTES in *"
$m $p
"*) continue ;; esac
		# each segment: the same (any letter case), a parameter of
		# the operation, or a placeholder of the doc (:x, {x}, <x>, …,
		# N, ID, digits, UPPER)
		printf '%s %s\n' "$m" "$p" | awk 'NR == FNR { d[$1] = $2; dm = $1; next }
		    function seg(a, b) { return tolower(a) == tolower(b) || b == "*" ||
		    a ~ /^(:.*|\{.*\}|<.*>|…|\.\.\.|[0-9]+|[A-Z][A-Z_]*|N|ID)$/ }
		    $1 == dm { n = split(d[dm], x, "/"); if (split($2, y, "/") != n) next
		    for (i = 1; i <= n; i++) if (!seg(x[i], y[i])) next; f = 1 }
		    END { exit !f }' - "$tmp/ops" || bad "$where" route "$ref" \
		    "not an operation of docs/openapi.json" ;;
	esac
done <"$tmp/refs"

# A section number names one heading: no two headings share one.
for d in $docs; do
	dup=$(sed -n 's/^#\{1,\} \{1,\}\([0-9][0-9.]*[a-z]\{0,1\}\)[. ].*/\1/p' "$d" |
	    sed 's/[.]$//' | sort | uniq -d | paste -sd' ' -)
	[ -z "$dup" ] || bad "$d" section "$dup" "numbers two headings"
done

# Every key of the parser is in a configuration table of the docs.
grep '^config' "$tmp/refs" | cut -f3 | sort -u >"$tmp/doc-keys"
for k in $(comm -23 "$tmp/keys" "$tmp/doc-keys"); do
	bad src/core/config.c "config key" "$k" \
	    "in no configuration table of the docs (docs/operations.md §4)"
done

if [ $fail -eq 0 ]; then
	echo "docs: $n references in README.md, docs/*.md and the scripts'" \
	    "usage texts match the code"
else
	echo "FAIL: the docs name what the code does not have (above;" \
	    "fix the doc, or the stale comment)"
fi
exit $fail
