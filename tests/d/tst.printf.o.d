/*
 * ASSERTION: %o prints octal; # adds a leading 0.
 */

#pragma D option quiet

BEGIN
{
	printf("%o %#o %o\n", 8, 8, 511);
	exit(0);
}
