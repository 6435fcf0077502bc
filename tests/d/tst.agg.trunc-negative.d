/*
 * ASSERTION: trunc(@a, -n) keeps the n entries with the smallest
 *   values.
 */

#pragma D option quiet

BEGIN
{
	@a[1] = sum(1);
	@a[2] = sum(2);
	@a[3] = sum(3);
	trunc(@a, -2);
	exit(0);
}
