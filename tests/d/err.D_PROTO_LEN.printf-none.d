/*
 * ASSERTION: printf() needs at least a format.
 */

BEGIN
{
	printf();
	exit(0);
}
