/*
 * ASSERTION: a variable bigger than the 1 MiB an object may take (here an
 *   int array of 262145 elements) is refused at compile time instead of
 *   faulting on every access.
 */

int a[262145];

BEGIN
{
	a[3] = 4;
	exit(0);
}
