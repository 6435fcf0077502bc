/*
 * ASSERTION: %s with an int argument is a type error.
 */

BEGIN
{
	printf("%s\n", 1);
	exit(0);
}
