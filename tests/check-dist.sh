#!/usr/bin/env bash
# Every git-tracked file is in the distribution (`make distdir`: the
# _SOURCES, _DATA and _SCRIPTS lists and EXTRA_DIST), so that `make
# install` installs every migration (dist_sql_DATA) and a tarball holds
# every script a build or test uses.  Run by `make check` from the build
# directory; SKIP (77) outside a git checkout.  The files of the git
# checkout only (CI's entry point, .gitignore, m4's placeholder) are
# listed in `exempt` below.
root=${top_srcdir:-.}
if ! command -v git >/dev/null ||
	! git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "SKIP: $root is not a git checkout"
	exit 77
fi
exempt='^(\.ci/.*|\.gitignore|m4/\.keep)$'
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-dist.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
if ! env -u MAKEFLAGS -u MAKELEVEL "${MAKE:-make}" -s distdir \
	distdir="$tmp/d" >"$tmp/log" 2>&1; then
	echo "FAIL: make distdir failed:"
	cat "$tmp/log"
	exit 1
fi
(cd "$tmp/d" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$tmp/dist"
git -C "$root" ls-files | grep -Ev "$exempt" | LC_ALL=C sort >"$tmp/git"
missing=$(LC_ALL=C comm -23 "$tmp/git" "$tmp/dist")
if [ -n "$missing" ]; then
	echo "FAIL: tracked but not distributed (add them to Makefile.am:" \
	    "dist_sql_DATA for sql/*.sql, else a _SOURCES list or EXTRA_DIST):"
	echo "$missing"
	exit 1
fi
echo "PASS: $(wc -l <"$tmp/git") tracked files, all distributed"
