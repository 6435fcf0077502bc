/*
 * ASSERTION: %#o and %#x of 0 print just 0.
 */

#pragma D option quiet

BEGIN
{
	printf("%#o|%#x|\n", 0, 0);
	exit(0);
}
