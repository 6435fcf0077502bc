/*
 * ASSERTION: trunc(@a, n) keeps the n entries with the largest values.
 */

#pragma D option quiet

BEGIN
{
	@a[1] = sum(1);
	@a[2] = sum(2);
	@a[3] = sum(3);
	@a[4] = sum(4);
	@a[5] = sum(5);
	trunc(@a, 2);
	exit(0);
}
