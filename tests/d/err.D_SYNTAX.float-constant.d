/*
 * ASSERTION: Floating-point constants are not permitted in D.
 */

BEGIN
{
	x = 1.5;
	exit(0);
}
