# SPDX-License-Identifier: GPL-2.0-or-later
#
# Shared set-up for the command-line tests (tests/cli/*.test), sourced by
# each of them: finds the binary ($UDTRACE, else ./udtrace), makes a
# scratch directory $tmp that is removed at exit and changes into it, and
# offers small assertion helpers. A test exits 0 (pass), 1 (fail) or 77
# (skip). Every helper prints what it expected when it fails and sets
# $failed; a test ends with `finish`.

LC_ALL=C
export LC_ALL
unset _DTRACE_TESTING

udtrace=${UDTRACE:-${abs_top_builddir:-.}/udtrace}
case $udtrace in
/*) ;;
*) udtrace=$(pwd)/$udtrace ;;
esac
if [ ! -x "$udtrace" ]; then
	echo "${0##*/}: $udtrace is not an executable" >&2
	exit 99
fi
# Messages are prefixed by the name the binary was invoked as.
P=$(basename "$udtrace")

# tests/lib (expect.sh), found before the cd below
udt_libdir=$(cd "$(dirname "$0")/../lib" && pwd) || exit 99

tmp=$(mktemp -d "${TMPDIR:-/tmp}/udt-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99

failed=0

fail()
{
	echo "FAIL: $*"
	failed=1
}

# run ARGS...: runs udtrace (10 s at most), stdout to $tmp/out, stderr to
# $tmp/err, exit status in $rc.
run()
{
	timeout 10 "$udtrace" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

. "$udt_libdir/expect.sh"

expect_out() { expect_file "$tmp/out" "$1" "$2"; }
expect_err() { expect_file "$tmp/err" "$1" "$2"; }

finish()
{
	exit $failed
}
