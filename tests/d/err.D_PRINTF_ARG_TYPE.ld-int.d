/*
 * ASSERTION: %ld needs a long argument.
 */

BEGIN
{
	printf("%ld\n", 1);
	exit(0);
}
