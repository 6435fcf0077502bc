#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Nothing is silently left out of the build or the test suite:
#  - every .c file under src/, arch/, tests/unit/ and tests/fuzz/ must be
#    named in Makefile.am (a source in no list would never be compiled, a
#    unit test in no list never run);
#  - every .d file under tests/d/ must be a tst.*.d or err.*.d test (the
#    harness finds only those), except files under tests/d/**/include/;
#  - every .r under tests/d/ must belong to a test (a renamed test must not
#    leave its expected output behind, unchecked).

LC_ALL=C
export LC_ALL
srcdir=${top_srcdir:-.}
cd "$srcdir" || exit 99
[ -f Makefile.am ] || { echo "no Makefile.am in $srcdir" >&2; exit 99; }

bad=0
for f in $(find src arch tests/unit tests/fuzz -name '*.c' 2>/dev/null | sort); do
	# Test programs are listed without their .c (tests/unit/t_x).
	case $f in
	tests/unit/*) name=${f%.c} ;;
	*) name=$f ;;
	esac
	if ! grep -Eq "(^|[[:space:]=])$name([[:space:]\\\\]|\$)" Makefile.am; then
		echo "FAIL: $f is not listed in Makefile.am"
		bad=1
	fi
done

if [ -d tests/d ]; then
	for f in $(find tests/d -name '*.d' ! -path '*/include/*' | sort); do
		case ${f##*/} in
		tst.*.d | err.*.d) ;;
		*)
			echo "FAIL: $f is not named tst.*.d or err.*.d (never run)"
			bad=1
			;;
		esac
	done
	for f in $(find tests/d -name '*.r' | sort); do
		if [ ! -f "${f%.r}.d" ]; then
			echo "FAIL: $f has no ${f%.r}.d"
			bad=1
		fi
	done
	# err.D_TAG.d has no NAME: the harness would not see the tag.
	for f in $(find tests/d -name 'err.D_*.d' | sort); do
		case ${f##*/} in
		err.D_*.*.d) ;;
		*)
			echo "FAIL: $f: name it err.D_TAG.NAME.d"
			bad=1
			;;
		esac
	done
fi

[ $bad -eq 0 ] && echo "all sources and tests are listed"
exit $bad
