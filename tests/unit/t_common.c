/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for src/common/: xalloc (zero sizes, strndup, asprintf),
 * strbuf (growth, formatting, detach, truncate), htab (insert, replace,
 * delete with tombstones, iteration while deleting, growth past many
 * rehashes, binary and empty keys), vec.h and msg (progname, cleanup hook
 * order and removal, the message format on stderr). Linked against
 * libudt_common.a only.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/htab.h"
#include "common/msg.h"
#include "common/strbuf.h"
#include "common/vec.h"
#include "common/xalloc.h"
#include "tap.h"

static void
test_xalloc(void)
{
	char *p = xmalloc(0), *s;

	ok(p != NULL, "xmalloc(0) returns a pointer");
	free(p);
	p = xcalloc(0, 16);
	ok(p != NULL, "xcalloc(0, n) returns a pointer");
	free(p);
	p = xcalloc(4, 4);
	ok(memcmp(p, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16) == 0,
	   "xcalloc zeroes");
	p = xreallocarray(p, 100, 8);
	p[799] = 1;
	ok(1, "xreallocarray grows");
	free(p);
	s = xstrndup("abcdef", 3);
	is_str(s, "abc", "xstrndup truncates");
	free(s);
	s = xstrndup("ab", 10);
	is_str(s, "ab", "xstrndup stops at NUL");
	free(s);
	s = xstrdup("");
	is_str(s, "", "xstrdup of empty string");
	free(s);
	s = xasprintf("%d-%s", 42, "x");
	is_str(s, "42-x", "xasprintf");
	free(s);
}

static void
test_strbuf(void)
{
	struct strbuf sb;
	char *s;
	size_t len;
	int i;

	sb_init(&sb);
	ok(sb.buf != NULL && sb.len == 0 && sb.buf[0] == '\0',
	   "sb_init gives an empty string");
	sb_reset(&sb);
	is_int(sb.len, 0, "sb_reset on a fresh buffer");
	sb_setlen(&sb, 0);
	s = sb_detach(&sb, &len);
	ok(s != NULL && *s == '\0' && len == 0, "detach of empty buffer");
	free(s);

	sb_addstr(&sb, "hello");
	sb_addch(&sb, ',');
	sb_add(&sb, " world!!", 6);
	is_str(sb.buf, "hello, world", "add, addstr, addch");
	is_int(sb.len, 12, "length");
	sb_addf(&sb, " %d %s", 7, "up");
	is_str(sb.buf, "hello, world 7 up", "sb_addf");
	sb_setlen(&sb, 5);
	is_str(sb.buf, "hello", "sb_setlen truncates");
	sb_reset(&sb);
	is_str(sb.buf, "", "sb_reset empties");
	for (i = 0; i < 1000; i++)
		sb_addf(&sb, "%04d", i);
	is_int(sb.len, 4000, "many sb_addf calls");
	ok(memcmp(sb.buf + 3996, "0999", 5) == 0, "content after growth");
	sb_reset(&sb);
	sb_addf(&sb, "%300s|", "x");
	is_int(sb.len, 301, "sb_addf larger than the first guess");
	ok(sb.buf[299] == 'x' && sb.buf[300] == '|', "padded output");
	sb_addch(&sb, '\0');
	is_int(sb.len, 302, "embedded NUL counted");
	s = sb_detach(&sb, &len);
	is_int(len, 302, "detach returns the length");
	ok(sb.len == 0 && sb.buf[0] == '\0', "detach re-initialises");
	free(s);
	sb_addstr(&sb, "x");
	sb_release(&sb);
	ok(sb.len == 0 && sb.alloc == 0, "sb_release");
	sb_release(&sb);
	ok(1, "sb_release twice is harmless");
}

static void
test_htab(void)
{
	struct htab *h = htab_create();
	const void *key;
	size_t it, klen, n;
	void *val;
	char kbuf[32];
	int i, bad;
	static int vals[5000];

	is_int(htab_count(h), 0, "empty table");
	ok(htab_get(h, "a", 1) == NULL, "get on empty table");
	ok(htab_put(h, "a", 1, &vals[1]) == NULL, "put new key");
	ok(htab_put(h, "a", 1, &vals[2]) == &vals[1],
	   "put existing key returns old value");
	ok(htab_get(h, "a", 1) == &vals[2], "get sees replaced value");
	ok(htab_get(h, "a", 2) == NULL, "key length matters");
	ok(htab_put(h, "", 0, &vals[3]) == NULL, "empty key");
	ok(htab_get(h, "", 0) == &vals[3], "get empty key");
	ok(htab_put(h, "a\0b", 3, &vals[4]) == NULL, "binary key");
	ok(htab_get(h, "a\0b", 3) == &vals[4], "get binary key");
	ok(htab_get(h, "a\0c", 3) == NULL, "binary keys compare all bytes");
	is_int(htab_count(h), 3, "count");
	ok(htab_del(h, "a", 1) == &vals[2], "del returns value");
	ok(htab_del(h, "a", 1) == NULL, "del of missing key");
	ok(htab_get(h, "a\0b", 3) == &vals[4], "other keys survive a del");
	is_int(htab_count(h), 2, "count after del");

	/* Growth, and churn that leaves many tombstones. */
	for (i = 0; i < 5000; i++) {
		n = (size_t)snprintf(kbuf, sizeof(kbuf), "key%d", i);
		htab_put(h, kbuf, n, &vals[i]);
	}
	is_int(htab_count(h), 5002, "5000 inserts");
	for (i = 0; i < 5000; i += 2) {
		n = (size_t)snprintf(kbuf, sizeof(kbuf), "key%d", i);
		htab_del(h, kbuf, n);
	}
	for (i = 0, bad = 0; i < 5000; i++) {
		n = (size_t)snprintf(kbuf, sizeof(kbuf), "key%d", i);
		if (htab_get(h, kbuf, n) != (i % 2 ? &vals[i] : NULL))
			bad++;
	}
	is_int(bad, 0, "lookups after deleting every other key");
	for (i = 0; i < 20000; i++) {
		n = (size_t)snprintf(kbuf, sizeof(kbuf), "tmp%d", i % 7);
		htab_put(h, kbuf, n, &vals[0]);
		htab_del(h, kbuf, n);
	}
	is_int(htab_count(h), 2502, "insert/delete churn keeps the count");

	/* Iterate, deleting each entry as it is returned. */
	it = 0;
	n = 0;
	bad = 0;
	while (htab_next(h, &it, &key, &klen, &val)) {
		if (htab_del(h, key, klen) != val)
			bad++;
		n++;
	}
	is_int(n, 2502, "iteration visits every entry once");
	is_int(bad, 0, "deleting the current entry while iterating");
	is_int(htab_count(h), 0, "table empty after deleting all");
	it = 0;
	ok(!htab_next(h, &it, NULL, NULL, NULL), "iteration of empty table");
	htab_destroy(h);
	htab_destroy(NULL);
	ok(1, "htab_destroy");

	/* FNV-1a 64 reference values. */
	ok(htab_hash("", 0) == 0xcbf29ce484222325ULL, "fnv1a of \"\"");
	ok(htab_hash("a", 1) == 0xaf63dc4c8601ec8cULL, "fnv1a of \"a\"");
}

static void
test_vec(void)
{
	VEC(int) v = VEC_INIT;
	int i, sum = 0;

	for (i = 0; i < 100; i++)
		VEC_PUSH(&v, i);
	for (i = 0; i < (int)v.n; i++)
		sum += v.v[i];
	ok(v.n == 100 && v.cap >= 100 && sum == 4950, "VEC_PUSH");
	VEC_FREE(&v);
	ok(v.v == NULL && v.n == 0 && v.cap == 0, "VEC_FREE");
}

static char order[8];
static size_t norder;

static void
hook(void *arg)
{
	order[norder++] = *(const char *)arg;
}

static void
test_msg(void)
{
	static const char a = 'a', b = 'b', c = 'c';
	char buf[4096], big[2001], *want;
	FILE *f;
	int saved, fd;
	size_t n;

	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	is_str(msg_progname, "udtrace", "default progname");
	msg_set_progname("/usr/sbin/dtrace");
	is_str(msg_progname, "dtrace", "progname is the basename");
	msg_set_progname("./udtrace");
	is_str(msg_progname, "udtrace", "progname of ./udtrace");
	msg_set_progname("");
	is_str(msg_progname, "udtrace", "empty argv0 keeps the name");

	msg_add_cleanup(hook, (void *)&a);
	msg_add_cleanup(hook, (void *)&b);
	msg_add_cleanup(hook, (void *)&c);
	is_int(msg_remove_cleanup(hook, (void *)&b), 0, "remove a hook");
	is_int(msg_remove_cleanup(hook, (void *)&b), -1,
	       "remove a missing hook");
	msg_run_cleanups();
	is_str(order, "ca", "hooks run most recent first");
	norder = 0;
	msg_run_cleanups();
	is_int(norder, 0, "hooks run once");

	/* Capture stderr to check the message format. */
	f = tmpfile();
	fflush(stderr);
	saved = dup(2);
	fd = fileno(f);
	dup2(fd, 2);
	msg_warn("bad thing %d", 3);
	errno = ENOENT;
	msg_warn_errno("open %s", "x");
	msg_warn("%s", big);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	want = xasprintf("udtrace: bad thing 3\nudtrace: open x: No such "
			 "file or directory\nudtrace: %s\n",
			 big);
	is_str(buf, want, "msg_warn and msg_warn_errno format, long message");
	free(want);
}

int
main(void)
{
	test_xalloc();
	test_strbuf();
	test_htab();
	test_vec();
	test_msg();
	return done_testing();
}
