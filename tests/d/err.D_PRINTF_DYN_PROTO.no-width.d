/*
 * ASSERTION: A * width with no argument is an error.
 */

BEGIN
{
	printf("%*d");
	exit(0);
}
