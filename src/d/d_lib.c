/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D library: the constants dtrace's own D libraries declare
 * (Oracle's /usr/lib64/dtrace/<version>/errno.d, signal.d, unistd.d,
 * io.d, procfs.d, ip.d, tcp.d...), built into udtrace as D source text
 * and compiled into every compilation before its first unit, as dtrace
 * loads its libraries when it opens. The values are Linux's (the
 * asm-generic numbering x86_64 and aarch64 share; signal numbers, AF_*,
 * IPPROTO_* and TH_* from the C library's headers), the DTRACEFLT_*
 * codes are dtrace's own (ERROR's arg4), and the others are the values
 * Oracle's libraries give names that Linux has no header for (B_* buffer
 * flags, the SSLEEP... process states) and the uregs[] indices of the
 * build's CPU. What needs kernel types (translators, psinfo_t,
 * bufinfo_t: the providers' prelude, d.h) is not here; the
 * library's one type, struct in6_addr with Linux's in6_u union, is built
 * in (d_type.c).
 *
 * Every line is "inline int|char NAME = NUMBER;", which define_simple()
 * enters directly, as the checker would (an integer constant of that
 * type): running the parser over the ~300 lines costs 0.6 ms, doubling
 * the time of a short run. A line of any other form goes through the
 * full compiler.
 *
 * The library is not a unit: it has no clauses, no pragmas, no macro
 * arguments, and it is compiled outside d_cc_unit(), so it counts for
 * nothing in messages or unit indices. Its definitions go into the same
 * global identifier table as the program's, flagged as library ones:
 * a program that declares a name of its own (an inline, a variable, a
 * typedef or an enumerator) replaces the library's definition of it
 * (d_lib_shadow()) instead of failing, and "#pragma D binding" or
 * "attributes" cannot modify one (d_lib_defined()), as dtrace's
 * identifiers of an earlier compilation cannot be.
 */
#include "config.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/htab.h"
#include "d/d_ast.h"
#include "d/d_cc.h"

/*
 * regs.d: the uregs[] indices (R_PC, R_SP, R_RAX...), in Oracle's
 * numbering for the CPU udtrace is built for, which the session's ureg
 * host op (vm.h) maps to the tracee's registers. One
 * "inline int R_NAME = N;\n" line each.
 *
 * >>> UREGS: the arch helper's list (/tmp/team/uregs.txt) <<<
 */
#if defined(__x86_64__)
/* Oracle's x86_64 regs.d numbering (the 64-bit names, then the 32-bit
   names and the generic R_PC, R_SP... at their Solaris indices) */
#define LIB_UREGS                                                              \
	"inline int R_R15 = 0;\n"                                              \
	"inline int R_R14 = 1;\n"                                              \
	"inline int R_R13 = 2;\n"                                              \
	"inline int R_R12 = 3;\n"                                              \
	"inline int R_RBP = 4;\n"                                              \
	"inline int R_RBX = 5;\n"                                              \
	"inline int R_R11 = 6;\n"                                              \
	"inline int R_R10 = 7;\n"                                              \
	"inline int R_R9 = 8;\n"                                               \
	"inline int R_R8 = 9;\n"                                               \
	"inline int R_RAX = 10;\n"                                             \
	"inline int R_RCX = 11;\n"                                             \
	"inline int R_RDX = 12;\n"                                             \
	"inline int R_RSI = 13;\n"                                             \
	"inline int R_RDI = 14;\n"                                             \
	"inline int R_ERR = 15;\n"                                             \
	"inline int R_RIP = 16;\n"                                             \
	"inline int R_CS = 17;\n"                                              \
	"inline int R_RFL = 18;\n"                                             \
	"inline int R_RSP = 19;\n"                                             \
	"inline int R_SS = 20;\n"                                              \
	"inline int R_DS = 21;\n"                                              \
	"inline int R_ES = 22;\n"                                              \
	"inline int R_FS = 23;\n"                                              \
	"inline int R_GS = 24;\n"                                              \
	"inline int R_TRAPNO = 25;\n"                                          \
	"inline int R_EBX = 25;\n"                                             \
	"inline int R_ECX = 26;\n"                                             \
	"inline int R_EDX = 27;\n"                                             \
	"inline int R_ESI = 28;\n"                                             \
	"inline int R_EDI = 29;\n"                                             \
	"inline int R_EBP = 30;\n"                                             \
	"inline int R_EAX = 31;\n"                                             \
	"inline int R_EIP = 37;\n"                                             \
	"inline int R_EFL = 39;\n"                                             \
	"inline int R_ESP = 40;\n"                                             \
	"inline int R_PC = 37;\n"                                              \
	"inline int R_FP = 30;\n"                                              \
	"inline int R_SP = 40;\n"                                              \
	"inline int R_PS = 39;\n"                                              \
	"inline int R_R0 = 31;\n"                                              \
	"inline int R_R1 = 25;\n"                                              \
	""
#elif defined(__aarch64__)
/* Oracle's arm64 regs.d numbering (R_SP = 32: 31 names nothing) */
#define LIB_UREGS                                                              \
	"inline int R_X0 = 0;\n"                                               \
	"inline int R_X1 = 1;\n"                                               \
	"inline int R_X2 = 2;\n"                                               \
	"inline int R_X3 = 3;\n"                                               \
	"inline int R_X4 = 4;\n"                                               \
	"inline int R_X5 = 5;\n"                                               \
	"inline int R_X6 = 6;\n"                                               \
	"inline int R_X7 = 7;\n"                                               \
	"inline int R_X8 = 8;\n"                                               \
	"inline int R_X9 = 9;\n"                                               \
	"inline int R_X10 = 10;\n"                                             \
	"inline int R_X11 = 11;\n"                                             \
	"inline int R_X12 = 12;\n"                                             \
	"inline int R_X13 = 13;\n"                                             \
	"inline int R_X14 = 14;\n"                                             \
	"inline int R_X15 = 15;\n"                                             \
	"inline int R_X16 = 16;\n"                                             \
	"inline int R_X17 = 17;\n"                                             \
	"inline int R_X18 = 18;\n"                                             \
	"inline int R_X19 = 19;\n"                                             \
	"inline int R_X20 = 20;\n"                                             \
	"inline int R_X21 = 21;\n"                                             \
	"inline int R_X22 = 22;\n"                                             \
	"inline int R_X23 = 23;\n"                                             \
	"inline int R_X24 = 24;\n"                                             \
	"inline int R_X25 = 25;\n"                                             \
	"inline int R_X26 = 26;\n"                                             \
	"inline int R_X27 = 27;\n"                                             \
	"inline int R_X28 = 28;\n"                                             \
	"inline int R_X29 = 29;\n"                                             \
	"inline int R_X30 = 30;\n"                                             \
	"inline int R_SP = 32;\n"                                              \
	"inline int R_PC = 33;\n"                                              \
	"inline int R_PSTATE = 34;\n"                                          \
	"inline int R_FP = 29;\n"                                              \
	""
#else
#define LIB_UREGS ""
#endif
/* >>> UREGS end <<< */

/* The library, one definition a line. */
static const char lib_text[] =
	/* errno.d: <asm-generic/errno-base.h>, <asm-generic/errno.h>,
	   and the C library's ENOTSUP */
	"inline int EPERM = 1;\n"
	"inline int ENOENT = 2;\n"
	"inline int ESRCH = 3;\n"
	"inline int EINTR = 4;\n"
	"inline int EIO = 5;\n"
	"inline int ENXIO = 6;\n"
	"inline int E2BIG = 7;\n"
	"inline int ENOEXEC = 8;\n"
	"inline int EBADF = 9;\n"
	"inline int ECHILD = 10;\n"
	"inline int EAGAIN = 11;\n"
	"inline int ENOMEM = 12;\n"
	"inline int EACCES = 13;\n"
	"inline int EFAULT = 14;\n"
	"inline int ENOTBLK = 15;\n"
	"inline int EBUSY = 16;\n"
	"inline int EEXIST = 17;\n"
	"inline int EXDEV = 18;\n"
	"inline int ENODEV = 19;\n"
	"inline int ENOTDIR = 20;\n"
	"inline int EISDIR = 21;\n"
	"inline int EINVAL = 22;\n"
	"inline int ENFILE = 23;\n"
	"inline int EMFILE = 24;\n"
	"inline int ENOTTY = 25;\n"
	"inline int ETXTBSY = 26;\n"
	"inline int EFBIG = 27;\n"
	"inline int ENOSPC = 28;\n"
	"inline int ESPIPE = 29;\n"
	"inline int EROFS = 30;\n"
	"inline int EMLINK = 31;\n"
	"inline int EPIPE = 32;\n"
	"inline int EDOM = 33;\n"
	"inline int ERANGE = 34;\n"
	"inline int EDEADLK = 35;\n"
	"inline int ENAMETOOLONG = 36;\n"
	"inline int ENOLCK = 37;\n"
	"inline int ENOSYS = 38;\n"
	"inline int ENOTEMPTY = 39;\n"
	"inline int ELOOP = 40;\n"
	"inline int EWOULDBLOCK = 11;\n"
	"inline int ENOMSG = 42;\n"
	"inline int EIDRM = 43;\n"
	"inline int ECHRNG = 44;\n"
	"inline int EL2NSYNC = 45;\n"
	"inline int EL3HLT = 46;\n"
	"inline int EL3RST = 47;\n"
	"inline int ELNRNG = 48;\n"
	"inline int EUNATCH = 49;\n"
	"inline int ENOCSI = 50;\n"
	"inline int EL2HLT = 51;\n"
	"inline int EBADE = 52;\n"
	"inline int EBADR = 53;\n"
	"inline int EXFULL = 54;\n"
	"inline int ENOANO = 55;\n"
	"inline int EBADRQC = 56;\n"
	"inline int EBADSLT = 57;\n"
	"inline int EDEADLOCK = 35;\n"
	"inline int EBFONT = 59;\n"
	"inline int ENOSTR = 60;\n"
	"inline int ENODATA = 61;\n"
	"inline int ETIME = 62;\n"
	"inline int ENOSR = 63;\n"
	"inline int ENONET = 64;\n"
	"inline int ENOPKG = 65;\n"
	"inline int EREMOTE = 66;\n"
	"inline int ENOLINK = 67;\n"
	"inline int EADV = 68;\n"
	"inline int ESRMNT = 69;\n"
	"inline int ECOMM = 70;\n"
	"inline int EPROTO = 71;\n"
	"inline int EMULTIHOP = 72;\n"
	"inline int EDOTDOT = 73;\n"
	"inline int EBADMSG = 74;\n"
	"inline int EOVERFLOW = 75;\n"
	"inline int ENOTUNIQ = 76;\n"
	"inline int EBADFD = 77;\n"
	"inline int EREMCHG = 78;\n"
	"inline int ELIBACC = 79;\n"
	"inline int ELIBBAD = 80;\n"
	"inline int ELIBSCN = 81;\n"
	"inline int ELIBMAX = 82;\n"
	"inline int ELIBEXEC = 83;\n"
	"inline int EILSEQ = 84;\n"
	"inline int ERESTART = 85;\n"
	"inline int ESTRPIPE = 86;\n"
	"inline int EUSERS = 87;\n"
	"inline int ENOTSOCK = 88;\n"
	"inline int EDESTADDRREQ = 89;\n"
	"inline int EMSGSIZE = 90;\n"
	"inline int EPROTOTYPE = 91;\n"
	"inline int ENOPROTOOPT = 92;\n"
	"inline int EPROTONOSUPPORT = 93;\n"
	"inline int ESOCKTNOSUPPORT = 94;\n"
	"inline int EOPNOTSUPP = 95;\n"
	"inline int EPFNOSUPPORT = 96;\n"
	"inline int EAFNOSUPPORT = 97;\n"
	"inline int EADDRINUSE = 98;\n"
	"inline int EADDRNOTAVAIL = 99;\n"
	"inline int ENETDOWN = 100;\n"
	"inline int ENETUNREACH = 101;\n"
	"inline int ENETRESET = 102;\n"
	"inline int ECONNABORTED = 103;\n"
	"inline int ECONNRESET = 104;\n"
	"inline int ENOBUFS = 105;\n"
	"inline int EISCONN = 106;\n"
	"inline int ENOTCONN = 107;\n"
	"inline int ESHUTDOWN = 108;\n"
	"inline int ETOOMANYREFS = 109;\n"
	"inline int ETIMEDOUT = 110;\n"
	"inline int ECONNREFUSED = 111;\n"
	"inline int EHOSTDOWN = 112;\n"
	"inline int EHOSTUNREACH = 113;\n"
	"inline int EALREADY = 114;\n"
	"inline int EINPROGRESS = 115;\n"
	"inline int ESTALE = 116;\n"
	"inline int EUCLEAN = 117;\n"
	"inline int ENOTNAM = 118;\n"
	"inline int ENAVAIL = 119;\n"
	"inline int EISNAM = 120;\n"
	"inline int EREMOTEIO = 121;\n"
	"inline int EDQUOT = 122;\n"
	"inline int ENOMEDIUM = 123;\n"
	"inline int EMEDIUMTYPE = 124;\n"
	"inline int ECANCELED = 125;\n"
	"inline int ENOKEY = 126;\n"
	"inline int EKEYEXPIRED = 127;\n"
	"inline int EKEYREVOKED = 128;\n"
	"inline int EKEYREJECTED = 129;\n"
	"inline int EOWNERDEAD = 130;\n"
	"inline int ENOTRECOVERABLE = 131;\n"
	"inline int ERFKILL = 132;\n"
	"inline int EHWPOISON = 133;\n"
	"inline int ENOTSUP = 95;\n"
	/* signal.d: <signal.h> */
	"inline int SIGHUP = 1;\n"
	"inline int SIGINT = 2;\n"
	"inline int SIGQUIT = 3;\n"
	"inline int SIGILL = 4;\n"
	"inline int SIGTRAP = 5;\n"
	"inline int SIGABRT = 6;\n"
	"inline int SIGIOT = 6;\n"
	"inline int SIGBUS = 7;\n"
	"inline int SIGFPE = 8;\n"
	"inline int SIGKILL = 9;\n"
	"inline int SIGUSR1 = 10;\n"
	"inline int SIGSEGV = 11;\n"
	"inline int SIGUSR2 = 12;\n"
	"inline int SIGPIPE = 13;\n"
	"inline int SIGALRM = 14;\n"
	"inline int SIGTERM = 15;\n"
	"inline int SIGSTKFLT = 16;\n"
	"inline int SIGCHLD = 17;\n"
	"inline int SIGCLD = 17;\n"
	"inline int SIGCONT = 18;\n"
	"inline int SIGSTOP = 19;\n"
	"inline int SIGTSTP = 20;\n"
	"inline int SIGTTIN = 21;\n"
	"inline int SIGTTOU = 22;\n"
	"inline int SIGURG = 23;\n"
	"inline int SIGXCPU = 24;\n"
	"inline int SIGXFSZ = 25;\n"
	"inline int SIGVTALRM = 26;\n"
	"inline int SIGPROF = 27;\n"
	"inline int SIGWINCH = 28;\n"
	"inline int SIGIO = 29;\n"
	"inline int SIGPOLL = 29;\n"
	"inline int SIGPWR = 30;\n"
	"inline int SIGSYS = 31;\n"
	/* si_code of SIGCHLD (the proc provider's exit reason):
	   <bits/siginfo-consts.h> */
	"inline int CLD_EXITED = 1;\n"
	"inline int CLD_KILLED = 2;\n"
	"inline int CLD_DUMPED = 3;\n"
	"inline int CLD_TRAPPED = 4;\n"
	"inline int CLD_STOPPED = 5;\n"
	"inline int CLD_CONTINUED = 6;\n"
	/* unistd.d: fault codes, ERROR's arg4 (vm_rec.h enum vm_fault) */
	"inline int DTRACEFLT_UNKNOWN = 0;\n"
	"inline int DTRACEFLT_BADADDR = 1;\n"
	"inline int DTRACEFLT_BADALIGN = 2;\n"
	"inline int DTRACEFLT_ILLOP = 3;\n"
	"inline int DTRACEFLT_DIVZERO = 4;\n"
	"inline int DTRACEFLT_NOSCRATCH = 5;\n"
	"inline int DTRACEFLT_KPRIV = 6;\n"
	"inline int DTRACEFLT_UPRIV = 7;\n"
	"inline int DTRACEFLT_TUPOFLOW = 8;\n"
	"inline int DTRACEFLT_BADSTACK = 9;\n"
	"inline int DTRACEFLT_BADSIZE = 10;\n"
	"inline int DTRACEFLT_BADINDEX = 11;\n"
	"inline int DTRACEFLT_LIBRARY = 1000;\n"
	/* io.d: bufinfo_t's b_flags */
	"inline int B_BUSY = 0x000001;\n"
	"inline int B_DONE = 0x000002;\n"
	"inline int B_ERROR = 0x000004;\n"
	"inline int B_PAGEIO = 0x000010;\n"
	"inline int B_PHYS = 0x000020;\n"
	"inline int B_READ = 0x000040;\n"
	"inline int B_WRITE = 0x000100;\n"
	"inline int B_ASYNC = 0x000400;\n"
	/* procfs.d: lwpsinfo_t's pr_state */
	"inline char SSLEEP = 1;\n"
	"inline char SRUN = 2;\n"
	"inline char SZOMB = 3;\n"
	"inline char SSTOP = 4;\n"
	"inline char SIDL = 5;\n"
	"inline char SONPROC = 6;\n"
	"inline char SWAIT = 7;\n"
	/* net.d, ip.d: address families, <sys/socket.h> */
	"inline int AF_UNSPEC = 0;\n"
	"inline int AF_FILE = 1;\n"
	"inline int AF_LOCAL = 1;\n"
	"inline int AF_UNIX = 1;\n"
	"inline int AF_INET = 2;\n"
	"inline int AF_AX25 = 3;\n"
	"inline int AF_IPX = 4;\n"
	"inline int AF_APPLETALK = 5;\n"
	"inline int AF_NETROM = 6;\n"
	"inline int AF_BRIDGE = 7;\n"
	"inline int AF_ATMPVC = 8;\n"
	"inline int AF_X25 = 9;\n"
	"inline int AF_INET6 = 10;\n"
	"inline int AF_ROSE = 11;\n"
	"inline int AF_NETBEUI = 13;\n"
	"inline int AF_SECURITY = 14;\n"
	"inline int AF_KEY = 15;\n"
	"inline int AF_NETLINK = 16;\n"
	"inline int AF_ROUTE = 16;\n"
	"inline int AF_PACKET = 17;\n"
	"inline int AF_ASH = 18;\n"
	"inline int AF_ECONET = 19;\n"
	"inline int AF_ATMSVC = 20;\n"
	"inline int AF_RDS = 21;\n"
	"inline int AF_SNA = 22;\n"
	"inline int AF_IRDA = 23;\n"
	"inline int AF_PPPOX = 24;\n"
	"inline int AF_WANPIPE = 25;\n"
	"inline int AF_LLC = 26;\n"
	"inline int AF_IB = 27;\n"
	"inline int AF_MPLS = 28;\n"
	"inline int AF_CAN = 29;\n"
	"inline int AF_TIPC = 30;\n"
	"inline int AF_BLUETOOTH = 31;\n"
	"inline int AF_IUCV = 32;\n"
	"inline int AF_RXRPC = 33;\n"
	"inline int AF_ISDN = 34;\n"
	"inline int AF_PHONET = 35;\n"
	"inline int AF_IEEE802154 = 36;\n"
	"inline int AF_CAIF = 37;\n"
	"inline int AF_ALG = 38;\n"
	"inline int AF_NFC = 39;\n"
	"inline int AF_VSOCK = 40;\n"
	"inline int AF_KCM = 41;\n"
	"inline int AF_QIPCRTR = 42;\n"
	"inline int AF_SMC = 43;\n"
	"inline int AF_XDP = 44;\n"
	"inline int AF_MCTP = 45;\n"
	"inline int AF_MAX = 46;\n"
	/* ip.d: protocols, <netinet/in.h> */
	"inline int IPPROTO_HOPOPTS = 0;\n"
	"inline int IPPROTO_IP = 0;\n"
	"inline int IPPROTO_ICMP = 1;\n"
	"inline int IPPROTO_IGMP = 2;\n"
	"inline int IPPROTO_IPIP = 4;\n"
	"inline int IPPROTO_TCP = 6;\n"
	"inline int IPPROTO_EGP = 8;\n"
	"inline int IPPROTO_PUP = 12;\n"
	"inline int IPPROTO_UDP = 17;\n"
	"inline int IPPROTO_IDP = 22;\n"
	"inline int IPPROTO_TP = 29;\n"
	"inline int IPPROTO_DCCP = 33;\n"
	"inline int IPPROTO_IPV6 = 41;\n"
	"inline int IPPROTO_ROUTING = 43;\n"
	"inline int IPPROTO_FRAGMENT = 44;\n"
	"inline int IPPROTO_RSVP = 46;\n"
	"inline int IPPROTO_GRE = 47;\n"
	"inline int IPPROTO_ESP = 50;\n"
	"inline int IPPROTO_AH = 51;\n"
	"inline int IPPROTO_ICMPV6 = 58;\n"
	"inline int IPPROTO_NONE = 59;\n"
	"inline int IPPROTO_DSTOPTS = 60;\n"
	"inline int IPPROTO_MTP = 92;\n"
	"inline int IPPROTO_BEETPH = 94;\n"
	"inline int IPPROTO_ENCAP = 98;\n"
	"inline int IPPROTO_PIM = 103;\n"
	"inline int IPPROTO_COMP = 108;\n"
	"inline int IPPROTO_SCTP = 132;\n"
	"inline int IPPROTO_MH = 135;\n"
	"inline int IPPROTO_UDPLITE = 136;\n"
	"inline int IPPROTO_MPLS = 137;\n"
	"inline int IPPROTO_ETHERNET = 143;\n"
	"inline int IPPROTO_RAW = 255;\n"
	"inline int IPPROTO_MPTCP = 262;\n"
	/* tcp.d: TCP header flags, <netinet/tcp.h> (and RFC 3168's two) */
	"inline int TH_FIN = 0x01;\n"
	"inline int TH_SYN = 0x02;\n"
	"inline int TH_RST = 0x04;\n"
	"inline int TH_PUSH = 0x08;\n"
	"inline int TH_ACK = 0x10;\n"
	"inline int TH_URG = 0x20;\n"
	"inline int TH_ECE = 0x40;\n"
	"inline int TH_CWR = 0x80;\n"
	/* regs.d: uregs[] indices, below */
	LIB_UREGS;

static struct d_var *
lib_var(struct d_cc *cc, const char *name)
{
	struct d_var *v;

	if (name == NULL)
		return NULL;
	v = htab_get(cc->globals, name, strlen(name));
	return v != NULL && v->lib ? v : NULL;
}

static int
is_ident(int c, int first)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

/*
 * Defines "inline int NAME = NUMBER;" (or char) without the parser: the
 * form of every line of the library, which d_parse() would take half a
 * millisecond to read, more than the rest of a short run. The result is
 * what d_cc_inline() makes of such a line: an integer constant of the
 * declared type. 0 for any other form (left to the full compiler).
 */
static int
define_simple(struct d_cc *cc, const char *s, size_t len, int line)
{
	static const char kw[] = "inline ";
	const char *p, *e = s + len, *n;
	char name[64], num[24];
	struct d_type *t;
	struct d_var *v;
	size_t l;
	long long val;
	char *end;

	if (len < sizeof(kw) || memcmp(s, kw, sizeof(kw) - 1) != 0)
		return 0;
	p = s + sizeof(kw) - 1;
	if (e - p > 4 && memcmp(p, "int ", 4) == 0) {
		t = cc->ty->t_int;
		p += 4;
	} else if (e - p > 5 && memcmp(p, "char ", 5) == 0) {
		t = cc->ty->t_char;
		p += 5;
	} else {
		return 0;
	}
	for (n = p; p < e && is_ident((unsigned char)*p, p == n); p++)
		;
	l = (size_t)(p - n);
	if (l == 0 || l >= sizeof(name) || e - p < 4 ||
	    memcmp(p, " = ", 3) != 0)
		return 0;
	memcpy(name, n, l);
	name[l] = '\0';
	p += 3;
	l = (size_t)(e - p);
	if (l < 2 || l - 1 >= sizeof(num) || e[-1] != ';' || *p < '0' ||
	    *p > '9')
		return 0;
	memcpy(num, p, l - 1);
	num[l - 1] = '\0';
	val = strtoll(num, &end, 0);
	if (*end != '\0' || val < 0 || val > INT32_MAX ||
	    htab_get(cc->globals, name, strlen(name)) != NULL)
		return 0;
	v = d_arena_alloc(cc->arena, sizeof(*v));
	v->name = d_arena_strdup(cc->arena, name);
	v->scope = VM_SCOPE_GLOBAL;
	v->kind = D_VK_INLINE;
	v->lib = 1;
	v->line = line;
	v->type = t;
	v->inl = d_cc_const(cc, val, t, line);
	htab_put(cc->globals, v->name, strlen(v->name), v);
	return 1;
}

/* The full compiler, for a part of the library of another form. */
static void
define_full(struct d_cc *cc, const char *text, size_t len)
{
	struct d_pcb pcb;
	jmp_buf jb;
	struct d_node *it;

	d_pcb_init(&pcb);
	pcb.src = text;
	pcb.srclen = len;
	pcb.name = "";
	pcb.srckind = D_SRC_SCRIPT;
	if (d_parse(&pcb) != 0) {
		d_pcb_release(&pcb);
		return;
	}
	cc->pcb = &pcb;
	cc->jb = &jb;
	if (setjmp(jb) == 0) {
		for (it = pcb.prog; it != NULL; it = it->next) {
			struct d_var *v;

			if (it->kind != D_N_INLINE)
				continue;
			cc->depth = 0;
			d_cc_inline(cc, it);
			v = htab_get(cc->globals, it->u.inl.dtor.name,
				     strlen(it->u.inl.dtor.name));
			if (v != NULL)
				v->lib = 1;
		}
	} else {
		/* not with the text above (the library's tests would
		   fail): keep what was defined, report nothing */
		cc->failed = 0;
		cc->etag[0] = '\0';
		cc->emsg[0] = '\0';
		cc->eline = 0;
	}
	cc->pcb = NULL;
	cc->jb = NULL;
	d_pcb_release(&pcb);
}

void
d_lib_load(struct d_cc *cc)
{
	const char *p = lib_text, *e = lib_text + sizeof(lib_text) - 1;
	int line = 1;

	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t l = nl != NULL ? (size_t)(nl - p) : (size_t)(e - p);

		if (!define_simple(cc, p, l, line))
			define_full(cc, p, l);
		p += l + 1;
		line++;
	}
}

void
d_lib_shadow(struct d_cc *cc, const char *name)
{
	if (lib_var(cc, name) != NULL)
		htab_del(cc->globals, name, strlen(name));
}

int
d_lib_defined(struct d_cc *cc, const char *name)
{
	return lib_var(cc, name) != NULL;
}
