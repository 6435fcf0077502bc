/*
 * ASSERTION: Division by a constant zero is detected at compile time.
 */

BEGIN
{
	trace(1 / 0);
	exit(0);
}
