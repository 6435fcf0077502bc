/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The translated types of the syscall, proc and io providers, as C structs
 * laid out byte for byte as the D declarations in prov_types_d, which the
 * session hands the compiler as its prelude. A provider fills one, copies
 * it into the firing's synthetic memory (prov_host.syn_put) and passes the
 * address as args[N]; D code then reads it with ordinary loads
 * (args[0]->b_bcount, curpsinfo->pr_psargs).
 *
 * psinfo_t and lwpsinfo_t are Oracle DTrace's (libdtrace/procfs.d), and
 * bufinfo_t, devinfo_t and fileinfo_t are its io.d ones, except that D
 * `string` members are char arrays here: a string member's size would
 * follow -x strsize, and these layouts must not move. siginfo_t is flat
 * (the members D scripts name, without the kernel's unions). Integers have
 * fixed sizes: D is LP64 on every CPU udtrace runs on. D, as dtrace (CTF),
 * puts no padding after a struct's last member, so sizeof(fileinfo_t) is
 * 1292 in D and 1296 here: the offsets are what must agree.
 *
 * The C names carry the layer prefix (the C library has its own siginfo_t
 * and psinfo_t); the D names are dtrace's.
 */
#ifndef UDT_PROVIDERS_PROV_TYPES_H
#define UDT_PROVIDERS_PROV_TYPES_H

#include <stdint.h>
#include <sys/types.h>

/* D: timestruc_t */
struct prov_timestruc {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* D: lwpsinfo_t (128 bytes) */
struct prov_lwpsinfo {
	int32_t pr_flag;  /* PR_STOPPED when stopped (not by udtrace) */
	int32_t pr_lwpid; /* the thread id */
	uint64_t pr_addr; /* 0: no kernel address */
	uint64_t pr_wchan;
	int8_t pr_stype;
	int8_t pr_state;    /* SSLEEP, SRUN, SZOMB, SSTOP, SONPROC, SWAIT */
	char pr_sname;	    /* 'S', 'R', 'Z', 'T', 'O', 'W' */
	int8_t pr_nice;	    /* nice + 20, as Solaris's */
	int16_t pr_syscall; /* syscall it is in, or 0 */
	int8_t pr_oldpri;
	int8_t pr_cpu;
	int32_t pr_pri; /* /proc's priority field */
	uint16_t pr_pctcpu;
	uint16_t pr_pad;
	struct prov_timestruc pr_start; /* start time, since the epoch */
	struct prov_timestruc pr_time;	/* user + system CPU time */
	char pr_clname[8];		/* scheduling policy ("OTHER"...) */
	char pr_name[16];		/* the thread's comm */
	int32_t pr_onpro;		/* CPU it last ran on */
	int32_t pr_bindpro;		/* -1 */
	int32_t pr_bindpset;		/* -1 */
	int32_t pr_lgrp;
	int32_t pr_filler[4];
};

/* D: psinfo_t (416 bytes) */
struct prov_psinfo {
	int32_t pr_flag;
	int32_t pr_nlwp; /* threads */
	int32_t pr_pid;
	int32_t pr_ppid;
	int32_t pr_pgid;
	int32_t pr_sid;
	uint32_t pr_uid;
	uint32_t pr_euid;
	uint32_t pr_gid;
	uint32_t pr_egid;
	uint64_t pr_addr;
	uint64_t pr_size;   /* virtual size, KB */
	uint64_t pr_rssize; /* resident size, KB */
	uint64_t pr_pad1;
	/* D: struct tty_struct *; here the controlling terminal's device
	   number (major << 20 | minor), or -1 when there is none */
	uint64_t pr_ttydev;
	uint16_t pr_pctcpu;
	uint16_t pr_pctmem;
	struct prov_timestruc pr_start; /* start time, since the epoch */
	struct prov_timestruc pr_time;	/* user + system CPU time */
	struct prov_timestruc pr_ctime; /* the same, of waited-for children */
	char pr_fname[16];		/* comm */
	char pr_psargs[80];		/* argv joined by spaces, truncated */
	int32_t pr_wstat;
	int32_t pr_argc;
	uint64_t pr_argv; /* address of argv[] in the process */
	uint64_t pr_envp; /* address of envp[] */
	int8_t pr_dmodel; /* PR_MODEL_LP64 (2) */
	int8_t pr_pad2[3];
	int32_t pr_taskid;
	int32_t pr_projid;
	int32_t pr_nzomb;
	int32_t pr_poolid;
	int32_t pr_zoneid;
	int32_t pr_contract;
	int32_t pr_filler[1];
	struct prov_lwpsinfo pr_lwp; /* the main thread's */
};

/* D: bufinfo_t (80 bytes) */
struct prov_bufinfo {
	int32_t b_flags;    /* B_READ or B_WRITE (| B_ERROR at done) */
	uint64_t b_bcount;  /* bytes asked for */
	uint64_t b_addr;    /* D: caddr_t; the user buffer, or 0 */
	uint64_t b_lblkno;  /* 0 */
	uint64_t b_blkno;   /* 0 */
	uint64_t b_resid;   /* bytes not transferred (done) */
	uint64_t b_bufsize; /* = b_bcount */
	uint64_t b_iodone;  /* D: caddr_t; 0 */
	int32_t b_error;    /* errno at done, else 0 */
	uint64_t b_edev;    /* device, as the kernel's dev_t (major << 20) */
};

/* D: devinfo_t (780 bytes) */
struct prov_devinfo {
	int32_t dev_major;
	int32_t dev_minor;
	int32_t dev_instance;
	char dev_name[256];
	char dev_statname[256];
	char dev_pathname[256];
};

/* D: fileinfo_t (1296 bytes) */
struct prov_fileinfo {
	char fi_name[256];
	char fi_dirname[256];
	char fi_pathname[256];
	int64_t fi_offset; /* D: loff_t */
	char fi_fs[256];
	char fi_mount[256];
	int32_t fi_oflags;
};

/* D: siginfo_t (48 bytes): the members that apply to the signal's origin
   are set, the others are 0. The C names drop the si_ of the last five:
   <signal.h> defines si_pid, si_addr... as macros. */
struct prov_siginfo {
	int32_t si_signo;
	int32_t si_code;
	int32_t si_errno;
	int32_t pid;	/* D: pid_t si_pid */
	uint32_t uid;	/* D: uid_t si_uid */
	uint64_t addr;	/* D: void *si_addr */
	int32_t status; /* D: int si_status */
	int64_t band;	/* D: long si_band */
};

typedef struct prov_psinfo prov_psinfo_t;
typedef struct prov_lwpsinfo prov_lwpsinfo_t;
typedef struct prov_bufinfo prov_bufinfo_t;
typedef struct prov_devinfo prov_devinfo_t;
typedef struct prov_fileinfo prov_fileinfo_t;
typedef struct prov_siginfo prov_siginfo_t;

/*
 * The D declarations of the types above (and of the typedef names they
 * use that D does not know: timestruc_t, poolid_t, loff_t), to compile
 * before the program's units (d_compile_args.prelude).
 */
extern const char prov_types_d[];

/*
 * psinfo_t of process pid, from /proc/PID/{stat,status,cmdline}
 * (pr_lwp: the main thread's lwpsinfo_t). 0, or -errno when the process
 * cannot be read (gone: -ENOENT or -ESRCH). Every read is bounded and
 * nothing in /proc is trusted to be well formed.
 */
int prov_psinfo_fill(pid_t pid, prov_psinfo_t *out);

/*
 * lwpsinfo_t of thread tid of process pid (/proc/PID/task/TID/stat). A
 * thread in a ptrace stop is reported running (SONPROC, 'O'): the stops
 * are udtrace's own, and dtrace's probes fire on a running thread. 0 or
 * -errno.
 */
int prov_lwpsinfo_fill(pid_t pid, pid_t tid, prov_lwpsinfo_t *out);

/* The process (thread group) thread tid belongs to, or -errno. */
pid_t prov_tgid_of(pid_t tid);
/* The process group of process pid, or -errno. */
pid_t prov_pgid_of(pid_t pid);

#endif
