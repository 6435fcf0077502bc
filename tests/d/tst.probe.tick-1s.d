/*
 * ASSERTION: tick-1s fires once a second.
 */

#pragma D option quiet

int n;

BEGIN
{
	start = timestamp;
}

tick-1s
/n++ == 0/
{
	printf("%d\n", timestamp - start >= 900000000);
	exit(0);
}
