# SPDX-License-Identifier: GPL-2.0-or-later
#
# --enable-sanitizers: build udtrace and its tests with AddressSanitizer
# and UndefinedBehaviorSanitizer, any report being fatal. The flags go to
# SANITIZE_CFLAGS and SANITIZE_LDFLAGS (used by Makefile.am), and are
# checked by linking a program, since the runtimes are separate packages.
#
# UDT_LIBFUZZER: FUZZ_CC is a clang that links -fsanitize=fuzzer,address
# (the libFuzzer runtime is in libclang-rt-14-dev on Debian 12), else empty.

AC_DEFUN([UDT_SANITIZERS], [
	AC_ARG_ENABLE([sanitizers],
		[AS_HELP_STRING([--enable-sanitizers],
			[build with -fsanitize=address,undefined])],
		[], [enable_sanitizers=no])
	SANITIZE_CFLAGS=
	SANITIZE_LDFLAGS=
	AS_IF([test "x$enable_sanitizers" = xyes], [
		udt_san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
		AC_MSG_CHECKING([whether $CC links with $udt_san])
		udt_save_CFLAGS=$CFLAGS
		udt_save_LDFLAGS=$LDFLAGS
		CFLAGS="$CFLAGS $udt_san"
		LDFLAGS="$LDFLAGS $udt_san"
		AC_LINK_IFELSE([AC_LANG_PROGRAM([], [])],
			[AC_MSG_RESULT([yes])],
			[AC_MSG_RESULT([no])
			 AC_MSG_ERROR([--enable-sanitizers: $CC cannot link with $udt_san (install libasan and libubsan)])])
		CFLAGS=$udt_save_CFLAGS
		LDFLAGS=$udt_save_LDFLAGS
		SANITIZE_CFLAGS=$udt_san
		SANITIZE_LDFLAGS=$udt_san
	])
	AC_SUBST([SANITIZE_CFLAGS])
	AC_SUBST([SANITIZE_LDFLAGS])
	AM_CONDITIONAL([ENABLE_SANITIZERS], [test -n "$SANITIZE_CFLAGS"])
])

AC_DEFUN([UDT_LIBFUZZER], [
	AC_ARG_VAR([FUZZ_CC], [clang used by make fuzz (libFuzzer)])
	AS_IF([test -z "$FUZZ_CC"], [
		AC_CHECK_PROGS([udt_clang], [clang clang-14], [])
		AS_IF([test -n "$udt_clang"], [
			AC_MSG_CHECKING([whether $udt_clang links -fsanitize=fuzzer])
			cat > conftest-fuzz.c <<'_UDT_EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }
_UDT_EOF
			AS_IF([$udt_clang -fsanitize=fuzzer,address -o conftest-fuzz$EXEEXT conftest-fuzz.c >&AS_MESSAGE_LOG_FD 2>&1],
				[FUZZ_CC=$udt_clang; AC_MSG_RESULT([yes])],
				[AC_MSG_RESULT([no])])
			rm -f conftest-fuzz.c conftest-fuzz$EXEEXT
		])
	])
	AM_CONDITIONAL([HAVE_LIBFUZZER], [test -n "$FUZZ_CC"])
])
