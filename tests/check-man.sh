#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The man page (doc/udtrace.1) cannot rot:
#  1. it formats without a warning (groff -man -ww);
#  2. every option letter of src/main.c's getopt string (-32 and -64 for
#     its 3: and 6:) is the tag of an entry of OPTIONS (".TP" or ".TQ",
#     then ".B \-X" or ".BI \-X ...");
#  3. every -x option of src/session_opts.c's table is named in the
#     section "Options of \-x";
#  4. every provider has its subsection (".SS NAME") in PROVIDERS: those
#     `udtrace -l` lists (pid1234 counts as pid) and every provider the
#     sources register (the .name of each struct prov_ops), pid and usdt
#     included, which -l lists only for a process.
# Skipped (77) when groff is not installed (Debian: groff-base).

srcdir=${top_srcdir:-.}
page=$srcdir/doc/udtrace.1
main_c=$srcdir/src/main.c
opts_c=$srcdir/src/session_opts.c
udtrace=${UDTRACE:-${abs_top_builddir:-.}/udtrace}
LC_ALL=C
export LC_ALL

for f in "$page" "$main_c" "$opts_c"; do
	if [ ! -r "$f" ]; then
		echo "check-man.sh: $f is missing" >&2
		exit 99
	fi
done
if ! command -v groff >/dev/null 2>&1; then
	echo "SKIP: groff is not installed (Debian: apt-get install groff-base)"
	exit 77
fi
if [ ! -x "$udtrace" ]; then
	echo "check-man.sh: $udtrace is not an executable" >&2
	exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/udt-man.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
bad=0

fail()
{
	echo "FAIL: $*"
	bad=1
}

# 1. Formatting: -ww turns on every warning; -z discards the output.
if ! groff -man -ww -z "$page" >"$tmp/groff.err" 2>&1; then
	fail "groff -man failed on $page"
fi
if [ -s "$tmp/groff.err" ]; then
	fail "groff -man -ww warns about $page:"
	cat "$tmp/groff.err"
fi

# The page's source with the escapes that matter here undone: "\-" is
# "-", "\f?" font changes and "\&" vanish, quotes go.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' -e 's/"//g' \
	"$page" >"$tmp/plain"

# section START END: the lines of $tmp/plain from the one matching the
# regex START to the one before the next matching END.
section()
{
	awk -v s="$1" -v e="$2" '
		on && $0 ~ e { exit }
		$0 ~ s { on = 1; next }
		on' "$tmp/plain"
}

# 2. Option letters: the string literal that follows "OPTSTR[] =".
optstr=$(awk '/OPTSTR\[\] =/ { on = 1 }
	on && /"/ { sub(/^[^"]*"/, ""); sub(/".*$/, ""); print; exit }' "$main_c")
if [ -z "$optstr" ]; then
	echo "check-man.sh: no OPTSTR in $main_c" >&2
	exit 99
fi
# The tags (the line after .TP or .TQ) of OPTIONS, up to its "Options of
# -x" subsection.
section '^\.SH OPTIONS' '^\.S[HS] ' |
	awk 'tag { print } { tag = $0 ~ /^\.T[PQ]/ }' >"$tmp/options"
letters=$(printf '%s\n' "$optstr" | tr -d '+:' | sed 's/./& /g')
nopt=0
for l in $letters; do
	case $l in
	3) o=-32 ;;
	6) o=-64 ;;
	*) o=-$l ;;
	esac
	nopt=$((nopt + 1))
	grep -Eq "^\.(B|BI|BR) $o( |$)" "$tmp/options" ||
		fail "option $o (getopt string \"$optstr\") has no entry in OPTIONS"
done

# 3. The -x options: the first string of each O(), OV(), ONP() line.
sed -n 's/^[[:space:]]*\(O\|OV\|ONP\)("\([a-z0-9_]*\)".*/\2/p' "$opts_c" \
	>"$tmp/xnames"
nx=$(wc -l <"$tmp/xnames")
if [ "$nx" -lt 50 ]; then
	echo "check-man.sh: only $nx -x options found in $opts_c" >&2
	exit 99
fi
section '^\.SS Options of -x' '^\.SH ' >"$tmp/xsection"
[ -s "$tmp/xsection" ] || fail "no section 'Options of \\-x' in OPTIONS"
while read -r name; do
	grep -qw -- "$name" "$tmp/xsection" ||
		fail "-x $name is not in the section 'Options of \\-x'"
done <"$tmp/xnames"

# 4. Providers.
if ! timeout 20 "$udtrace" -l >"$tmp/list" 2>"$tmp/list.err"; then
	echo "check-man.sh: udtrace -l failed:" >&2
	cat "$tmp/list.err" >&2
	exit 99
fi
{
	awk 'NR > 1 { sub(/[0-9]+$/, "", $2); print $2 }' "$tmp/list"
	sed -n 's/^[[:space:]]*\.name = "\([a-z0-9_]*\)",.*/\1/p' \
		"$srcdir"/src/providers/prov_*.c
} | sort -u >"$tmp/provs"
nprov=$(wc -l <"$tmp/provs")
[ "$nprov" -ge 7 ] || fail "only $nprov providers found: $(tr '\n' ' ' <"$tmp/provs")"
section '^\.SH PROVIDERS' '^\.SH ' >"$tmp/providers"
while read -r p; do
	grep -q "^\.SS $p\$" "$tmp/providers" ||
		fail "provider $p has no subsection in PROVIDERS"
done <"$tmp/provs"

echo "checked: groff -ww, $nopt option letters, $nx -x options, $nprov providers"
exit $bad
