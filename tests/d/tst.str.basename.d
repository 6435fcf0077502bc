/*
 * ASSERTION: basename() returns the last path component.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s|%s|%s\n", basename("/usr/lib/libc.so.6"), basename("foo"),
		basename("/usr/"), basename("/"));
	exit(0);
}
