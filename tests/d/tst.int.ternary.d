/*
 * ASSERTION: The ?: operator selects one of two values of matching
 *   type.
 */

#pragma D option quiet

BEGIN
{
	x = 5;
	printf("%s %d\n", x > 3 ? "big" : "small", x < 3 ? 1 : 2);
	exit(0);
}
