/*
 * ASSERTION: trunc(@a) removes all entries.
 */

#pragma D option quiet

BEGIN
{
	@a[1] = sum(1);
	@a[2] = sum(2);
	trunc(@a);
	exit(0);
}
