/*
 * ASSERTION: An associative array may not be assigned as a scalar.
 */

BEGIN
{
	a[1] = 1;
	a = 2;
	exit(0);
}
