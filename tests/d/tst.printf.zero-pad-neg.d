/*
 * ASSERTION: Zero padding goes after the sign.
 */

#pragma D option quiet

BEGIN
{
	printf("%06d|\n", -42);
	exit(0);
}
