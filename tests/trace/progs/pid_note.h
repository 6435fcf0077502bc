/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the pid provider's tracees (tests/trace/progs/pid_*.c) know of
 * their own calls: each call of a probed function goes through CALL(),
 * which notes, in the caller, the function's argument before the call
 * and its return value after it. A call that never returns (longjmp, an
 * exception) notes its argument and no return. Nothing of this runs in
 * the probed functions themselves, so their code is what the compiler
 * makes of them alone.
 *
 * note_write() prints, sorted, in the layout the tests give udtrace's
 * printa():
 *	calls FUNC N		entries of FUNC
 *	arg FUNC ARG0 N		entries with that first argument
 *	returns FUNC N		returns of FUNC
 *	ret FUNC VALUE N	returns with that value
 * (zero counts are not printed, as an aggregation has no such entry).
 */
#ifndef UDT_PID_NOTE_H
#define UDT_PID_NOTE_H

#include "progs.h"

#define NOTE_MAX 512

struct note {
	const char *fn;
	char kind; /* 'c' calls, 'a' arg, 'R' returns, 'r' ret */
	long v;
	long n;
};

static struct note notes[NOTE_MAX];
static int nnotes;

/* Out of line and never probed: one copy for every call site. */
static __attribute__((noinline)) void
note(const char *fn, char kind, long v)
{
	int i;

	for (i = 0; i < nnotes; i++)
		if (notes[i].kind == kind && notes[i].v == v &&
		    strcmp(notes[i].fn, fn) == 0) {
			notes[i].n++;
			return;
		}
	if (nnotes == NOTE_MAX)
		die("too many notes");
	notes[nnotes++] = (struct note){ fn, kind, v, 1 };
}

static __attribute__((noinline)) void
note_call(const char *fn, long arg0)
{
	note(fn, 'c', 0);
	note(fn, 'a', arg0);
}

static __attribute__((noinline)) long
note_ret(const char *fn, long r)
{
	note(fn, 'R', 0);
	note(fn, 'r', r);
	return r;
}

/* The call F(X, ...) with its notes, as function NAME; the value of F. */
#define CALL_AS(name, f, x, ...)                                               \
	(note_call(name, (x)), note_ret(name, f((x), ##__VA_ARGS__)))
#define CALL(f, x, ...) CALL_AS(#f, f, x, ##__VA_ARGS__)

static int
note_cmp(const void *a, const void *b)
{
	const struct note *x = a, *y = b;
	int c = strcmp(x->fn, y->fn);

	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->v < y->v ? -1 : x->v > y->v;
}

static void
note_write(FILE *f)
{
	int i;

	qsort(notes, (size_t)nnotes, sizeof notes[0], note_cmp);
	for (i = 0; i < nnotes; i++) {
		const struct note *e = &notes[i];

		switch (e->kind) {
		case 'c':
			fprintf(f, "calls %s %ld\n", e->fn, e->n);
			break;
		case 'a':
			fprintf(f, "arg %s %ld %ld\n", e->fn, e->v, e->n);
			break;
		case 'R':
			fprintf(f, "returns %s %ld\n", e->fn, e->n);
			break;
		case 'r':
			fprintf(f, "ret %s %ld %ld\n", e->fn, e->v, e->n);
			break;
		}
	}
}

/* Until PATH exists (60 s at most). */
static inline void
wait_file(const char *path)
{
	const struct timespec tick = { 0, 5 * 1000 * 1000 };
	int i;

	for (i = 0; i < 12000; i++) {
		if (access(path, F_OK) == 0)
			return;
		nanosleep(&tick, NULL);
	}
	die("%s did not appear within 60 s", path);
}

/* Creates the empty file PATH. */
static inline void
touch(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f || fclose(f) != 0)
		die("%s: %s", path, strerror(errno));
}

#endif
