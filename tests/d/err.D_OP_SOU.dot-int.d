/*
 * ASSERTION: The . operator needs a struct or union.
 */

BEGIN
{
	x = 1;
	trace(x.foo);
	exit(0);
}
