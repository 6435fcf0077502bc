/*
 * ASSERTION: assigning to a constant index outside a declared array is a
 *   compile-time error too.
 */

int a[5];

BEGIN
{
	a[5] = 0;
	exit(0);
}
