/*
 * ASSERTION: a constant index outside a declared array is a compile-time
 *   error ("max is" names the number of elements).
 */

int a[5];

BEGIN
{
	trace(a[5]);
	exit(0);
}
