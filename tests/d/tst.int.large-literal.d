/*
 * ASSERTION: A decimal literal too big for int is a 64-bit value.
 */

#pragma D option quiet

BEGIN
{
	printf("%d\n", 4294967296 + 1);
	exit(0);
}
