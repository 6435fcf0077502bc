/*
 * ASSERTION: The left operand of = must be a modifiable lvalue.
 */

BEGIN
{
	1 = 2;
	exit(0);
}
