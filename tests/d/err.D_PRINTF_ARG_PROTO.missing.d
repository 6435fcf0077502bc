/*
 * ASSERTION: A conversion without a matching argument is an error.
 */

BEGIN
{
	printf("%d %d\n", 1);
	exit(0);
}
