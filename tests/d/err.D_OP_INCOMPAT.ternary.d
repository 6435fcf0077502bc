/*
 * ASSERTION: The branches of ?: must have compatible types.
 */

BEGIN
{
	x = 1;
	trace(x ? 1 : "one");
	exit(0);
}
