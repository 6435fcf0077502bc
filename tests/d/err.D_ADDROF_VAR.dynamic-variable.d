/*
 * ASSERTION: The address of a D variable cannot be taken.
 */

BEGIN
{
	x = 1;
	trace(&x);
	exit(0);
}
