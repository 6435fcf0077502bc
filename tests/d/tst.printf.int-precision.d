/*
 * ASSERTION: A precision on an integer conversion sets the minimum
 *   number of digits.
 */

#pragma D option quiet

BEGIN
{
	printf("%.5d|%8.3d|%-8.3d|\n", 42, 42, 42);
	exit(0);
}
