#!/bin/sh
# Builds every tests/fuzz/fuzz_*.c as a libFuzzer binary into OUTDIR and
# runs each for $FUZZ_SECONDS seconds (default 30), starting from the seeds
# in tests/fuzz/corpus/<name>/ (and tests/fuzz/dict/<name>.dict when it
# exists).  Exits non-zero when a build fails or a harness finds something
# (the crashing input is left in OUTDIR).
#
# usage: tests/fuzz/run.sh OUTDIR
#
#   FUZZ_SECONDS  seconds per harness (default 30)
#   FUZZ_ONLY     space-separated harness names to build and run (default
#                 all), e.g. FUZZ_ONLY="bodies jwt"
#   FUZZ_JOBS     parallel compilations (default 2)
#   CC            the compiler (default clang)
#
# Every harness links against OUTDIR/libdrec_fuzz.a: all of src/ except the
# programs' mains (drecd.c, drecctl*.c) and the FastCGI glue (http/server.c,
# http/request.c), compiled once with the fuzzer's instrumentation, plus
# tests/fuzz/http_stub.c, which stands in for http/request.c and records
# the response a decoder sends.  The linker takes only the members a
# harness needs; a harness that #includes a handler file (fuzz_bodies.c)
# defines that file's symbols itself, so its archive member is never taken.
set -eu

out=${1:?usage: run.sh OUTDIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${FUZZ_SECONDS:-30}
cc=${CC:-clang}
jobs=${FUZZ_JOBS:-2}
mkdir -p "$out"
out=$(cd "$out" && pwd)

pkgs="json-c libmariadb libcrypto"
pkg-config --exists libmariadb 2>/dev/null || pkgs="json-c mariadb libcrypto"
# shellcheck disable=SC2086
cflags="-g -O1 -std=gnu11 -fno-sanitize-recover=undefined -fno-omit-frame-pointer -I$top/src -D_GNU_SOURCE $(pkg-config --cflags $pkgs)"
# shellcheck disable=SC2086
libs="$(pkg-config --libs $pkgs) -lcrypt -lm -pthread"

# ---------------------------------------------------------------- library

echo "== build libdrec_fuzz.a"
rm -rf "$out/obj"
mkdir -p "$out/obj"
srcs=$(cd "$top" && find src -name '*.c' ! -name drecd.c ! -name 'drecctl*.c' \
    ! -path src/http/request.c ! -path src/http/server.c | sort)
srcs="$srcs tests/fuzz/http_stub.c"
# One object per source, named after its path (src/db/reads.c and
# src/domain/reads.c both exist).
# shellcheck disable=SC2086,SC2016 # the inner script expands its own args
if ! printf '%s\n' $srcs | (cd "$top" && xargs -n 1 -P "$jobs" sh -c '
	o=$(printf %s "$4" | tr / _)
	# shellcheck disable=SC2086
	exec "$1" $2 -fsanitize=fuzzer-no-link,address,undefined \
	    -c -o "$3/obj/${o%.c}.o" "$4"' sh "$cc" "$cflags" "$out"); then
	echo "FAIL: build of libdrec_fuzz.a"
	exit 1
fi
rm -f "$out/libdrec_fuzz.a"
ar rcs "$out/libdrec_fuzz.a" "$out"/obj/*.o

# ---------------------------------------------------------------- harnesses

fail=0
for h in "$top"/tests/fuzz/fuzz_*.c; do
	name=${h##*/fuzz_}
	name=${name%.c}
	if [ -n "${FUZZ_ONLY:-}" ]; then
		case " $FUZZ_ONLY " in *" $name "*) ;; *) continue ;; esac
	fi
	bin="$out/fuzz_$name"
	echo "== build fuzz_$name"
	# shellcheck disable=SC2086
	if ! "$cc" $cflags -fsanitize=fuzzer,address,undefined \
	    -o "$bin" "$h" "$out/libdrec_fuzz.a" $libs; then
		echo "FAIL: build of fuzz_$name"
		fail=1
		continue
	fi
	mkdir -p "$out/corpus/$name"
	seeds=
	[ -d "$top/tests/fuzz/corpus/$name" ] && seeds="$top/tests/fuzz/corpus/$name"
	dict=
	[ -f "$top/tests/fuzz/dict/$name.dict" ] && dict="-dict=$top/tests/fuzz/dict/$name.dict"
	echo "== run fuzz_$name for ${secs}s"
	# shellcheck disable=SC2086
	if ! "$bin" -max_total_time="$secs" -print_final_stats=1 $dict \
	    -artifact_prefix="$out/fuzz_$name-" "$out/corpus/$name" $seeds \
	    >"$out/fuzz_$name.log" 2>&1; then
		echo "FAIL: fuzz_$name found a problem; see $out/fuzz_$name.log"
		tail -40 "$out/fuzz_$name.log"
		fail=1
		continue
	fi
	grep -E '^stat::(number_of_executed_units|new_units_added)' "$out/fuzz_$name.log" || true
	# One line per harness for docs/reliability.md.
	awk -v n="fuzz_$name" -v s="$secs" '
		/^stat::number_of_executed_units:/ { e = $2 }
		/^stat::new_units_added:/ { u = $2 }
		/^Done [0-9]+ runs in [0-9]+ second/ { t = $5 }
		END { printf "%s: %d executions in %s s without a finding (%d new units)\n", n, e, (t != "" ? t : s), u }
	' "$out/fuzz_$name.log"
done
exit $fail
