/*
 * ASSERTION: avg() of negative values truncates toward zero.
 */

#pragma D option quiet

BEGIN
{
	@a = avg(-1);
	@a = avg(-2);
	exit(0);
}
