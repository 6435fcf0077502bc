/*
 * ASSERTION: The -> operator needs a pointer.
 */

BEGIN
{
	x = 1;
	trace(x->foo);
	exit(0);
}
