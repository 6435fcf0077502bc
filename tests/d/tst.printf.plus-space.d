/*
 * ASSERTION: The + flag forces a sign; the space flag puts a space
 *   before positive numbers.
 */

#pragma D option quiet

BEGIN
{
	printf("%+d %+d % d % d\n", 5, -5, 5, -5);
	exit(0);
}
