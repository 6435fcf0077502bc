# SPDX-License-Identifier: GPL-2.0-or-later
#
# Shared set-up of tests/tools/*.test, the tests of the scripts of
# examples/tools/: tests/lib/trace.sh (udtrace, the tracees of
# tests/trace/progs in $progs, the scratch directory $tmp, the
# assertions), plus $tools (the scripts' directory) and $toolprog (the
# tracee of tests/tools/progs/toolprog.c).
. "${abs_top_srcdir:-$(dirname "$0")/../..}/tests/lib/trace.sh"

tools=${abs_top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/examples/tools
[ -f "$tools/syscount.d" ] || { echo "no $tools/syscount.d" >&2; exit 99; }
toolprog=${abs_top_builddir:-$(pwd)}/tests/tools/progs/toolprog
[ -x "$toolprog" ] ||
	{ echo "$toolprog is not built (make check builds it)" >&2; exit 99; }

# run_tool TOOL ARGS...: udtrace -s examples/tools/TOOL.d ARGS (run_udt:
# stdout in $tmp/out, stderr in $tmp/err, status in $rc); the tools are
# quiet: a run that went well says nothing on stderr but the notices of
# the end of the command.
run_tool()
{
	_t=$1
	shift
	run_udt -s "$tools/$_t.d" "$@"
}
