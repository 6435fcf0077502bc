/*
 * ASSERTION: With nspec=1 a second speculation() returns 0.
 */

#pragma D option quiet

#pragma D option nspec=1

BEGIN
{
	a = speculation();
	b = speculation();
	printf("%d %d\n", a != 0, b);
	exit(0);
}
