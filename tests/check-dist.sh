#!/usr/bin/env bash
# Every git-tracked file is in the distribution (`make distdir`: the
# _SOURCES, _DATA and _SCRIPTS lists and EXTRA_DIST), so that `make
# install` installs every migration (dist_sql_DATA) and a tarball holds
# every script a build or test uses; then that `make install-data` (with
# the default prefix /usr/local) installs every sql/*.sql and the docs the
# systemd units' Documentation= names (dist_doc_DATA).  Run by `make check` from the build
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
# `make install-data` installs every migration and the documentation the
# systemd units name (Documentation=, written for the default prefix).
if ! env -u MAKEFLAGS -u MAKELEVEL "${MAKE:-make}" -s install-data \
	prefix=/usr/local DESTDIR="$tmp/inst" >"$tmp/log" 2>&1; then
	echo "FAIL: make install-data failed:"
	cat "$tmp/log"
	exit 1
fi
fail=0
for f in $(git -C "$root" ls-files 'sql/*.sql'); do
	if [ -z "$(find "$tmp/inst" -path "*/sql/${f#sql/}" -type f)" ]; then
		echo "FAIL: make install does not install $f"
		fail=1
	fi
done
for u in "$root"/systemd/*; do
	for d in $(sed -n 's|^Documentation=||p' "$u"); do
		case $d in
		file:/usr/local/*)
			[ -f "$tmp/inst${d#file:}" ] && continue
			echo "FAIL: ${u#"$root"/}: $d is not installed" \
			    "(make install-data, prefix /usr/local)"
			fail=1 ;;
		file:*)
			echo "FAIL: ${u#"$root"/}: $d is not under the" \
			    "default prefix /usr/local"
			fail=1 ;;
		esac
	done
done
[ "$fail" -eq 0 ] || exit 1
echo "PASS: $(wc -l <"$tmp/git") tracked files, all distributed;" \
    "migrations and the units' documentation installed"
