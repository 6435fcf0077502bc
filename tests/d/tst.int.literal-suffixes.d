/*
 * ASSERTION: Integer literals accept u, l, ul, ll and ull suffixes.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d\n", 10u, 10l, 10ul, 10ll, 10ull);
	exit(0);
}
