/*
 * ASSERTION: An octal constant may not contain 8 or 9.
 */

BEGIN
{
	trace(09);
	exit(0);
}
