/*
 * ASSERTION: Modulo by a constant zero is detected at compile time.
 */

BEGIN
{
	x = 5 % 0;
	exit(0);
}
