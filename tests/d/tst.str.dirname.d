/*
 * ASSERTION: dirname() returns all but the last path component.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s|%s|%s\n", dirname("/usr/lib/libc.so.6"), dirname("foo"),
		dirname("/usr/"), dirname("/"));
	exit(0);
}
