/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Seccomp user notification: syscall entries served without a ptrace stop.
 *
 * A ptrace stop costs two wake-ups plus the ptrace calls that read the
 * thread and resume it. For an entry whose event needs nothing of the
 * thread but the syscall's number and arguments (and memory, which
 * process_vm_readv reads from a running process), a -c command's filter
 * returns SECCOMP_RET_USER_NOTIF instead of SECCOMP_RET_TRACE: the thread
 * waits in the kernel, the listener (a file descriptor created by the
 * child's seccomp() and taken into udtrace with pidfd_getfd(), tgt_proc.c)
 * turns readable, udtrace receives the notification, fires the probes and
 * answers SECCOMP_USER_NOTIF_FLAG_CONTINUE: the syscall runs as if nothing
 * had looked. With SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (Linux 6.6) both
 * wake-ups stay on the CPU where they happen. make bench's floor: 2.4 µs
 * per notification against 4.2 µs per seccomp stop with the tracer on the
 * tracee's CPU, 2.8 against 12.6 µs when they run apart.
 *
 * The filter is installed with SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
 * (Linux 5.19): once received, a notification waits for our answer and
 * only a fatal signal ends the wait, so no event fires for a syscall that
 * then does not run. Before we receive it, a signal (or a ptrace
 * interrupt) still withdraws it: unseen, the syscall returns -ERESTARTSYS,
 * which restarts it (and it notifies again) unless the signal's handler
 * lacks SA_RESTART: then the program sees EINTR from a syscall that under
 * a ptrace stop would have run. That is why notifications are not the
 * default (-x sysentry=notify asks for them).
 *
 * While any process holds the filter, the listener stays open: closed, it
 * would make every notifying syscall fail with ENOSYS. Such processes are
 * killed at detach (tgt_proc.c), as for a filter that returns TRACE.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/seccomp.h>

#include "arch/arch.h"
#include "target/tgt_impl.h"

/* Linux 6.6; older headers lack them (the call then fails: no gain, no
   harm). */
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

int
tgt_notify_supported(void)
{
	static int known = -1;
	struct seccomp_notif_sizes sz;
	int pfd, fd;

	if (known >= 0)
		return known;
	known = 0;
	/* What taking the listener needs: seccomp's sizes call (3.5's
	   listeners came with it, Linux 5.0), pidfd_open and pidfd_getfd
	   (5.6). A memory checker that runs udtrace may know none of them. */
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sz) < 0 ||
	    sz.seccomp_notif > sizeof(struct seccomp_notif) * 4)
		return 0;
	pfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
	if (pfd < 0)
		return 0;
	fd = (int)syscall(SYS_pidfd_getfd, pfd, pfd, 0);
	if (fd >= 0) {
		known = 1;
		close(fd);
	}
	close(pfd);
	return known;
}

int
tgt_notify_add(struct tgt *t, int fd)
{
	if (t->nlisteners == TGT_MAX_LISTENERS)
		return -EMFILE;
	/* Best effort: without it, each side's wake-up may go to another
	   CPU (still cheaper than a stop). */
	(void)ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
		    (unsigned long)SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
	t->listeners[t->nlisteners++] = fd;
	return 0;
}

static void
drop_listener(struct tgt *t, int i)
{
	close(t->listeners[i]);
	t->listeners[i] = t->listeners[--t->nlisteners];
}

void
tgt_notify_close_all(struct tgt *t)
{
	while (t->nlisteners)
		drop_listener(t, 0);
}

int
tgt_notify_fds(const struct tgt *t, struct pollfd *pfds, int max)
{
	int n = 0;

	for (int i = 0; i < t->nlisteners && n < max; i++) {
		pfds[n].fd = t->listeners[i];
		pfds[n].events = POLLIN;
		pfds[n].revents = 0;
		n++;
	}
	return n;
}

/* The entry event of one notification, then the answer that lets the
   syscall run. */
static void
serve(struct tgt *t, int fd)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	struct tgt_thr *th;

	/* The kernel wants it zeroed. ENOENT: withdrawn meanwhile. */
	memset(&req, 0, sizeof(req));
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
		return;
	th = tgt_thr_find(t, (pid_t)req.pid);
	/* Unknown threads (a child that escaped us with CLONE_UNTRACED)
	   and syscalls no longer wanted run on without an event. */
	if (th && !th->exiting && req.data.arch == arch_audit &&
	    req.data.nr >= 0 && (size_t)req.data.nr < t->nsc &&
	    t->entry[req.data.nr] && !t->detaching) {
		struct tgt_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.kind = TGT_EV_SC_ENTRY;
		ev.pid = th->proc->pid;
		ev.tid = th->tid;
		ev.nr = req.data.nr;
		memcpy(ev.args, req.data.args, sizeof(ev.args));
		ev.running = 1;
		tgt_place_stop(t, th->tid);
		/* No registers to read (tgt_cur_regs() refuses). */
		t->cur = NULL;
		/* A detach in the callback kills the process: the answer
		   below then fails, harmlessly. */
		(void)tgt_emit(t, &ev);
	}
	memset(&resp, 0, sizeof(resp));
	resp.id = req.id;
	resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	/* ENOENT: a signal or a kill took the thread out of the wait. */
	(void)ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &resp);
}

int
tgt_notify_take(struct tgt *t, const struct pollfd *polled, int npolled)
{
	struct pollfd pfds[TGT_MAX_LISTENERS];
	int n = 0, np;

	if (t->nlisteners == 0)
		return 0;
	if (polled && npolled == t->nlisteners) {
		memcpy(pfds, polled, sizeof(*pfds) * (size_t)npolled);
		np = npolled;
	} else {
		np = tgt_notify_fds(t, pfds, TGT_MAX_LISTENERS);
		if (poll(pfds, (nfds_t)np, 0) <= 0)
			return 0;
	}
	/* Backwards: drop_listener() moves the last one into the gap. */
	for (int i = np - 1; i >= 0; i--) {
		if (pfds[i].fd != t->listeners[i])
			continue; /* (the set changed since the poll) */
		if (pfds[i].revents & POLLIN) {
			serve(t, pfds[i].fd);
			n++;
		} else if (pfds[i].revents & (POLLHUP | POLLERR | POLLNVAL))
			/* No process holds the filter any more. */
			drop_listener(t, i);
	}
	return n;
}
