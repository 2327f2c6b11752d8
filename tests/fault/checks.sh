# shellcheck shell=bash
# tests/fault/checks.sh — the check and figure helpers of the fault tests
# (tests/fault/run.sh, tests/cluster/run.sh).  Sourced; a test's failed
# checks collect in WHY (the runner resets it per test).  FIGURE_WIDTH
# (34) is the width of a figure's label.

now_ms() { date +%s%3N; }

# fail WHY: record a failed check of the current test (it goes on).
fail() {
	WHY+=("$*")
	printf '    FAIL: %s\n' "$*"
}

# check DESCRIPTION CONDITION...: `test CONDITION`, else fail.
check() {
	local what=$1
	shift
	if ! test "$@"; then
		fail "$what"
	fi
}

figure() { printf '    %-*s %s\n' "${FIGURE_WIDTH:-34}" "$1" "$2"; }

# sumv PREFIX NAME: a figure of loadgen's PREFIX.sum.
sumv() { awk -v k="$2" '$1 == k { print $2 }' "$1.sum"; }
