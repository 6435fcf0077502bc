/*
 * ASSERTION: substr() starting past the end is empty.
 */

#pragma D option quiet

BEGIN
{
	printf("[%s]\n", substr("hello", 10));
	exit(0);
}
