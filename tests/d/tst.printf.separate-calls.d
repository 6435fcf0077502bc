/*
 * ASSERTION: Successive printf() calls print their output contiguously.
 */

#pragma D option quiet

BEGIN
{
	printf("a");
	printf("b");
	printf("%d", 3);
	printf("\n");
	exit(0);
}
