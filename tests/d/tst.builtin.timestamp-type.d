/*
 * ASSERTION: timestamp and walltimestamp are 64-bit.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d\n", sizeof (timestamp), sizeof (walltimestamp));
	exit(0);
}
