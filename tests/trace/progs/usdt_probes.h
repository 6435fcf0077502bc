/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * <sys/sdt.h> for the USDT tracees (tests/trace/progs/usdt_*.c), and
 * what they do where the C library's headers have none (Debian's
 * systemtap-sdt-dev package is missing): such a build exits 77 and says
 * why, and the tests skip.
 */
#ifndef UDT_USDT_PROBES_H
#define UDT_USDT_PROBES_H

#if defined(__has_include)
#if __has_include(<sys/sdt.h>)
#include <sys/sdt.h>
#define USDT_HAVE_SDT 1
#endif
#endif

#ifndef USDT_HAVE_SDT
#define DTRACE_PROBE(p, n) ((void)0)
#define DTRACE_PROBE1(p, n, a) ((void)(a))
#define DTRACE_PROBE2(p, n, a, b) ((void)(a), (void)(b))
#define DTRACE_PROBE3(p, n, a, b, c) ((void)(a), (void)(b), (void)(c))
#define DTRACE_PROBE4(p, n, a, b, c, d)                                        \
	((void)(a), (void)(b), (void)(c), (void)(d))
#define DTRACE_PROBE5(p, n, a, b, c, d, e)                                     \
	((void)(a), (void)(b), (void)(c), (void)(d), (void)(e))
#define STAP_PROBE2(p, n, a, b) ((void)(a), (void)(b))
#endif

/* The program's first words: exit 77 when the probes are not there. */
static inline void
usdt_require_sdt(void)
{
#ifndef USDT_HAVE_SDT
	fprintf(stderr, "no <sys/sdt.h> (systemtap-sdt-dev): no probes\n");
	exit(77);
#endif
}

#endif
