/*
 * ASSERTION: An int literal has type int; one too big for int has a
 *   64-bit type.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d\n", sizeof (1), sizeof (4294967296));
	exit(0);
}
