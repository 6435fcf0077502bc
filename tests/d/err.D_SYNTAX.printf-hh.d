/*
 * ASSERTION: %hhd is not a dtrace printf() conversion.
 */

BEGIN
{
	printf("%hhd\n", (char)1);
	exit(0);
}
