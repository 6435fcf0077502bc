/*
 * ASSERTION: calls are checked when parsed, before any clause is cooked:
 *   a variable created by an assignment is not known yet, so calling it
 *   is an undefined function.
 */

BEGIN
{
	x = 1;
	x();
}
