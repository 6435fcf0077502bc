/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D side of prov_types.h: the declarations the session compiles
 * before every program, so that args[0]->b_bcount and curpsinfo->pr_pid
 * type-check. Each struct must stay byte-identical to its C twin; the
 * static assertions below pin the C side, and tests/unit/t_prov_types
 * compares every member's offset as the D compiler computes it.
 *
 * D's built-in typedefs (d_type.c) already give pid_t, uid_t, id_t,
 * size_t, dev_t, uintptr_t, caddr_t, time_t, processorid_t, psetid_t,
 * taskid_t, projid_t and zoneid_t with Linux's LP64 sizes; what Oracle's
 * procfs.d and io.d add on top of them is declared here.
 */
#include "config.h"

#include <stddef.h>

#include "providers/prov_types.h"

const char prov_types_d[] = "typedef struct timestruc {\n"
			    "	time_t tv_sec;\n"
			    "	long tv_nsec;\n"
			    "} timestruc_t;\n"
			    "typedef id_t poolid_t;\n"
			    "typedef long long loff_t;\n"
			    "\n"
			    "typedef struct lwpsinfo {\n"
			    "	int pr_flag;\n"
			    "	int pr_lwpid;\n"
			    "	uintptr_t pr_addr;\n"
			    "	uintptr_t pr_wchan;\n"
			    "	char pr_stype;\n"
			    "	char pr_state;\n"
			    "	char pr_sname;\n"
			    "	char pr_nice;\n"
			    "	short pr_syscall;\n"
			    "	char pr_oldpri;\n"
			    "	char pr_cpu;\n"
			    "	int pr_pri;\n"
			    "	ushort_t pr_pctcpu;\n"
			    "	ushort_t pr_pad;\n"
			    "	timestruc_t pr_start;\n"
			    "	timestruc_t pr_time;\n"
			    "	char pr_clname[8];\n"
			    "	char pr_name[16];\n"
			    "	processorid_t pr_onpro;\n"
			    "	processorid_t pr_bindpro;\n"
			    "	psetid_t pr_bindpset;\n"
			    "	int pr_lgrp;\n"
			    "	int pr_filler[4];\n"
			    "} lwpsinfo_t;\n"
			    "\n"
			    "typedef struct psinfo {\n"
			    "	int pr_flag;\n"
			    "	int pr_nlwp;\n"
			    "	pid_t pr_pid;\n"
			    "	pid_t pr_ppid;\n"
			    "	pid_t pr_pgid;\n"
			    "	pid_t pr_sid;\n"
			    "	uid_t pr_uid;\n"
			    "	uid_t pr_euid;\n"
			    "	uid_t pr_gid;\n"
			    "	uid_t pr_egid;\n"
			    "	uintptr_t pr_addr;\n"
			    "	size_t pr_size;\n"
			    "	size_t pr_rssize;\n"
			    "	size_t pr_pad1;\n"
			    "	struct tty_struct *pr_ttydev;\n"
			    "	ushort_t pr_pctcpu;\n"
			    "	ushort_t pr_pctmem;\n"
			    "	timestruc_t pr_start;\n"
			    "	timestruc_t pr_time;\n"
			    "	timestruc_t pr_ctime;\n"
			    "	char pr_fname[16];\n"
			    "	char pr_psargs[80];\n"
			    "	int pr_wstat;\n"
			    "	int pr_argc;\n"
			    "	uintptr_t pr_argv;\n"
			    "	uintptr_t pr_envp;\n"
			    "	char pr_dmodel;\n"
			    "	char pr_pad2[3];\n"
			    "	taskid_t pr_taskid;\n"
			    "	projid_t pr_projid;\n"
			    "	int pr_nzomb;\n"
			    "	poolid_t pr_poolid;\n"
			    "	zoneid_t pr_zoneid;\n"
			    "	id_t pr_contract;\n"
			    "	int pr_filler[1];\n"
			    "	lwpsinfo_t pr_lwp;\n"
			    "} psinfo_t;\n"
			    "\n"
			    "typedef struct bufinfo {\n"
			    "	int b_flags;\n"
			    "	size_t b_bcount;\n"
			    "	caddr_t b_addr;\n"
			    "	uint64_t b_lblkno;\n"
			    "	uint64_t b_blkno;\n"
			    "	size_t b_resid;\n"
			    "	size_t b_bufsize;\n"
			    "	caddr_t b_iodone;\n"
			    "	int b_error;\n"
			    "	dev_t b_edev;\n"
			    "} bufinfo_t;\n"
			    "\n"
			    "typedef struct devinfo {\n"
			    "	int dev_major;\n"
			    "	int dev_minor;\n"
			    "	int dev_instance;\n"
			    "	char dev_name[256];\n"
			    "	char dev_statname[256];\n"
			    "	char dev_pathname[256];\n"
			    "} devinfo_t;\n"
			    "\n"
			    "typedef struct fileinfo {\n"
			    "	char fi_name[256];\n"
			    "	char fi_dirname[256];\n"
			    "	char fi_pathname[256];\n"
			    "	loff_t fi_offset;\n"
			    "	char fi_fs[256];\n"
			    "	char fi_mount[256];\n"
			    "	int fi_oflags;\n"
			    "} fileinfo_t;\n"
			    "\n"
			    "typedef struct siginfo {\n"
			    "	int si_signo;\n"
			    "	int si_code;\n"
			    "	int si_errno;\n"
			    "	pid_t si_pid;\n"
			    "	uid_t si_uid;\n"
			    "	void *si_addr;\n"
			    "	int si_status;\n"
			    "	long si_band;\n"
			    "} siginfo_t;\n";

/* The C side of the layouts (the D side is the unit test's). */
_Static_assert(sizeof(struct prov_timestruc) == 16, "timestruc_t");
_Static_assert(sizeof(struct prov_lwpsinfo) == 128, "lwpsinfo_t");
_Static_assert(offsetof(struct prov_lwpsinfo, pr_start) == 40, "pr_start");
_Static_assert(offsetof(struct prov_lwpsinfo, pr_onpro) == 96, "pr_onpro");
_Static_assert(sizeof(struct prov_psinfo) == 416, "psinfo_t");
_Static_assert(offsetof(struct prov_psinfo, pr_start) == 88, "pr_start");
_Static_assert(offsetof(struct prov_psinfo, pr_psargs) == 152, "pr_psargs");
_Static_assert(offsetof(struct prov_psinfo, pr_lwp) == 288, "pr_lwp");
_Static_assert(sizeof(struct prov_bufinfo) == 80, "bufinfo_t");
_Static_assert(offsetof(struct prov_bufinfo, b_edev) == 72, "b_edev");
_Static_assert(sizeof(struct prov_devinfo) == 780, "devinfo_t");
_Static_assert(sizeof(struct prov_fileinfo) == 1296, "fileinfo_t");
_Static_assert(offsetof(struct prov_fileinfo, fi_offset) == 768, "fi_offset");
_Static_assert(sizeof(struct prov_siginfo) == 48, "siginfo_t");
_Static_assert(offsetof(struct prov_siginfo, addr) == 24, "si_addr");
