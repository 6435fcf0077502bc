/*
 * ASSERTION: The operand of ++ must be a modifiable lvalue.
 */

BEGIN
{
	1++;
	exit(0);
}
