/*
 * ASSERTION: errno is 0 in BEGIN.
 */

#pragma D option quiet

BEGIN
{
	printf("%d\n", errno);
	exit(0);
}
