/*
 * ASSERTION: ~ requires an integer operand.
 */

BEGIN
{
	trace(~"abc");
	exit(0);
}
