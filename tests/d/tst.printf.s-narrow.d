/*
 * ASSERTION: A %s width smaller than the string does not truncate.
 */

#pragma D option quiet

BEGIN
{
	printf("%3s|\n", "hello");
	exit(0);
}
