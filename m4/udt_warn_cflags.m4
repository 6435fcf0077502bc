# SPDX-License-Identifier: GPL-2.0-or-later
#
# Compiler flag probing for udtrace (the idea of strace's st_warn_cflags.m4,
# written without autoconf-archive so that configure needs no extra macro
# package). Each flag is tried with -Werror, so a compiler that merely warns
# about an unknown option (clang) does not get it.

# UDT_CHECK_CFLAG(FLAG, [ACTION-IF-OK], [ACTION-IF-NOT])
AC_DEFUN([UDT_CHECK_CFLAG], [
	AS_VAR_PUSHDEF([udt_var], [udt_cv_cflag_$1])
	AC_CACHE_CHECK([whether $CC accepts $1], [udt_var], [
		udt_save_CFLAGS=$CFLAGS
		CFLAGS="$CFLAGS -Werror $1"
		AC_COMPILE_IFELSE([AC_LANG_PROGRAM([], [])],
			[AS_VAR_SET([udt_var], [yes])],
			[AS_VAR_SET([udt_var], [no])])
		CFLAGS=$udt_save_CFLAGS])
	AS_VAR_IF([udt_var], [yes], [$2], [$3])
	AS_VAR_POPDEF([udt_var])
])

# UDT_STD_CFLAGS: the C dialect, gnu11, in STD_CFLAGS.
AC_DEFUN([UDT_STD_CFLAGS], [
	UDT_CHECK_CFLAG([-std=gnu11], [STD_CFLAGS=-std=gnu11],
		[AC_MSG_ERROR([$CC does not accept -std=gnu11])])
	AC_SUBST([STD_CFLAGS])
])

# UDT_WARN_CFLAGS: the project's warning set, in WARN_CFLAGS.
AC_DEFUN([UDT_WARN_CFLAGS], [
	WARN_CFLAGS=
	for udt_flag in -Wall -Wextra -Wmissing-prototypes \
		-Wstrict-prototypes -Wold-style-definition -Wformat=2 \
		-Wformat-security -Wimplicit-fallthrough=5 -Wundef \
		-Wwrite-strings -Wvla -fno-common; do
		UDT_CHECK_CFLAG([$udt_flag],
			[WARN_CFLAGS="$WARN_CFLAGS $udt_flag"])
	done
	# clang spells the strictest fallthrough check without a level.
	AS_CASE([$WARN_CFLAGS], [*-Wimplicit-fallthrough*], [],
		[UDT_CHECK_CFLAG([-Wimplicit-fallthrough],
			[WARN_CFLAGS="$WARN_CFLAGS -Wimplicit-fallthrough"])])
	AC_SUBST([WARN_CFLAGS])
])

# UDT_WERROR: --enable-werror puts -Werror in WERROR_CFLAGS (on in CI and
# in bootstrap.sh, off by default for people building a release).
AC_DEFUN([UDT_WERROR], [
	AC_ARG_ENABLE([werror],
		[AS_HELP_STRING([--enable-werror],
			[treat compiler warnings as errors])],
		[], [enable_werror=no])
	WERROR_CFLAGS=
	AS_IF([test "x$enable_werror" = xyes], [WERROR_CFLAGS=-Werror])
	AC_SUBST([WERROR_CFLAGS])
])
