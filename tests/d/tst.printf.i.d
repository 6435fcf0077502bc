/*
 * ASSERTION: %i is the same as %d.
 */

#pragma D option quiet

BEGIN
{
	printf("%i %i\n", -42, 42);
	exit(0);
}
