# shellcheck shell=bash
# shellcheck disable=SC2034 # KEEP, DIR, TESTS and WHY are the runner's
# tests/fault/checks.sh — the check and figure helpers of the fault tests
# (tests/fault/run.sh, tests/cluster/run.sh).  Sourced; a test's failed
# checks collect in WHY (the runner resets it per test).  FIGURE_WIDTH
# (34) is the width of a figure's label; fault_args parses the runner's
# arguments.

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

# fault_args "TEST..." ARG...: the runner's arguments: KEEP (--keep), DIR
# (--dir DIR) and TESTS (names from the space-separated TEST list, all of
# them when none is given); --help prints the runner's header comment.
fault_args() {
	local all=$1
	shift
	KEEP=0
	DIR=""
	TESTS=()
	while [ $# -gt 0 ]; do
		case $1 in
		--keep) KEEP=1 ;;
		--dir)
			DIR=${2:?--dir needs a directory}
			shift
			;;
		-h | --help)
			awk 'NR > 1 && !/^#/ { exit } NR > 1 && !/shellcheck/ { sub(/^# ?/, ""); print }' "$0"
			exit 0
			;;
		*)
			[[ " $all " == *" $1 "* ]] || die "unknown argument $1 (see $0 --help)"
			TESTS+=("$1")
			;;
		esac
		shift
	done
	[ "${#TESTS[@]}" -gt 0 ] || read -r -a TESTS <<<"$all"
}

# setup TAG [LOADGEN SETUP ARGS...]: devices (and more) of a new
# organization through LOADGEN_URL (default STACK_URL), as ADMIN_EMAIL; the
# state file is $W/TAG.state.
setup() {
	local tag=$1
	shift
	env DREC_ADMIN_EMAIL="$ADMIN_EMAIL" DREC_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
		"$LOADGEN" setup --url "${LOADGEN_URL:-$STACK_URL}" --state "$W/$tag.state" \
		--tag "$tag" "$@"
}
