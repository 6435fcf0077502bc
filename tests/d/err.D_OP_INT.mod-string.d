/*
 * ASSERTION: % requires integer operands.
 */

BEGIN
{
	x = "a" % 2;
	exit(0);
}
