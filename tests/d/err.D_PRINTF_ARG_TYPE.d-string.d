/*
 * ASSERTION: %d with a string argument is a type error.
 */

BEGIN
{
	printf("%d\n", "x");
	exit(0);
}
