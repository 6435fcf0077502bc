/*
 * ASSERTION: Comparing a string with an int is a type error.
 */

BEGIN
{
	trace("a" == 1);
	exit(0);
}
