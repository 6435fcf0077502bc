/*
 * ASSERTION: cleanpath() removes ., .. and repeated slashes.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s|%s\n", cleanpath("/a/b/../c/./d"), cleanpath("/a//b///c"),
		cleanpath("/a/b/c/.."));
	exit(0);
}
