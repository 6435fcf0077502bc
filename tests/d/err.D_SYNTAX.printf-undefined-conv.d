/*
 * ASSERTION: An unknown printf() conversion is rejected.
 */

BEGIN
{
	printf("%z\n", 1);
	exit(0);
}
