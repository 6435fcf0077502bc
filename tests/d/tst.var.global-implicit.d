/*
 * ASSERTION: A global variable is created by its first assignment and
 *   takes the type of the assigned value.
 */

#pragma D option quiet

BEGIN
{
	x = 42;
	s = "str";
	printf("%d %s %d\n", x, s, sizeof (x));
	exit(0);
}
