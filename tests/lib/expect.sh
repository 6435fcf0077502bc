# SPDX-License-Identifier: GPL-2.0-or-later
#
# Assertion helpers shared by the script tests (tests/cli/lib.sh,
# tests/lib/trace.sh source this). The sourcing library defines fail(),
# the scratch directory $tmp, and $rc (the last udtrace's exit status,
# its stderr in $tmp/err).

# expect_rc N WHAT
expect_rc()
{
	[ "$rc" -eq "$1" ] || fail "$2: exit status $rc, expected $1" \
		"(stderr: $(head -c 500 "$tmp/err"))"
}

# expect_file FILE TEXT WHAT: FILE holds exactly TEXT (printf %s, plus a
# final newline unless TEXT is empty).
expect_file()
{
	if [ -z "$2" ]; then
		: >"$tmp/expected"
	else
		printf '%s\n' "$2" >"$tmp/expected"
	fi
	if ! cmp -s "$tmp/expected" "$1"; then
		fail "$3: unexpected $(basename "$1") (- expected, + got)"
		diff -u "$tmp/expected" "$1" | head -30
	fi
}

# expect_grep FILE REGEX WHAT: some line of FILE matches (grep -E).
expect_grep()
{
	grep -Eq -- "$2" "$1" ||
		{ fail "$3: no line matching /$2/ in $(basename "$1"):"; \
		  head -10 "$1"; }
}

# expect_nogrep FILE REGEX WHAT: no line of FILE matches.
expect_nogrep()
{
	! grep -Eq -- "$2" "$1" ||
		{ fail "$3: a line matches /$2/ in $(basename "$1"):"; \
		  grep -E -- "$2" "$1" | head -5; }
}
