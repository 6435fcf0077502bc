/*
 * ASSERTION: Assignment is right-associative and yields the assigned
 *   value.
 */

#pragma D option quiet

BEGIN
{
	a = b = c = 7;
	printf("%d %d %d %d\n", a, b, c, (d = 3) + 1);
	exit(0);
}
