/*
 * ASSERTION: %ld, %lu and %lx print long arguments.
 */

#pragma D option quiet

BEGIN
{
	printf("%ld %lu %lx\n", (long)-3, (unsigned long)3, (long)255);
	exit(0);
}
