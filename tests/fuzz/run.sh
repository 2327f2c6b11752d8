#!/bin/sh
# Builds every tests/fuzz/fuzz_*.c as a libFuzzer binary into OUTDIR and
# runs each for $FUZZ_SECONDS seconds (default 30), starting from the seeds
# in tests/fuzz/corpus/<name>/.  Exits non-zero when a build fails or a
# harness finds something (the crashing input is left in OUTDIR).
#
# usage: tests/fuzz/run.sh OUTDIR
set -eu

out=${1:?usage: run.sh OUTDIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${FUZZ_SECONDS:-30}
cc=${CC:-clang}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The pure parts: core's arena and strbuf, the coordinate parser, http/ minus the files that need
# FastCGI and the layers above (request.c, server.c).
srcs="$top/src/core/arena.c $top/src/core/strbuf.c $top/src/domain/coords.c"
for f in "$top"/src/http/*.c; do
	case ${f##*/} in
	request.c|server.c) ;;
	*) srcs="$srcs $f" ;;
	esac
done
flags=$(pkg-config --cflags --libs json-c)

fail=0
for h in "$top"/tests/fuzz/fuzz_*.c; do
	name=${h##*/fuzz_}
	name=${name%.c}
	bin="$out/fuzz_$name"
	echo "== build fuzz_$name"
	# shellcheck disable=SC2086
	if ! "$cc" -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -I "$top/src" -D_GNU_SOURCE \
	    -o "$bin" "$h" $srcs $flags -lm; then
		echo "FAIL: build of fuzz_$name"
		fail=1
		continue
	fi
	mkdir -p "$out/corpus/$name"
	seeds=
	[ -d "$top/tests/fuzz/corpus/$name" ] && seeds="$top/tests/fuzz/corpus/$name"
	echo "== run fuzz_$name for ${secs}s"
	# shellcheck disable=SC2086
	if ! "$bin" -max_total_time="$secs" -print_final_stats=1 \
	    -artifact_prefix="$out/fuzz_$name-" "$out/corpus/$name" $seeds \
	    >"$out/fuzz_$name.log" 2>&1; then
		echo "FAIL: fuzz_$name found a problem; see $out/fuzz_$name.log"
		tail -40 "$out/fuzz_$name.log"
		fail=1
		continue
	fi
	grep -E '^stat::(number_of_executed_units|new_units_added)' "$out/fuzz_$name.log" || true
done
exit $fail
