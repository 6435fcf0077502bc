/*
 * ASSERTION: tick-1ms fires repeatedly; a counter reaches 5.
 */

#pragma D option quiet

int n;

tick-1ms
/++n == 5/
{
	printf("%d\n", n);
	exit(0);
}
