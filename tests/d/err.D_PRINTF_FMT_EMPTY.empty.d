/*
 * ASSERTION: An empty printf() format is an error.
 */

BEGIN
{
	printf("");
	exit(0);
}
