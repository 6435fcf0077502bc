/*
 * ASSERTION: %o prints a negative int as 32-bit unsigned octal.
 */

#pragma D option quiet

BEGIN
{
	printf("%o\n", -1);
	exit(0);
}
