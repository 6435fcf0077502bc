/*
 * ASSERTION: tick-1m, tick-1h and tick-1d are accepted (they do not
 *   fire before exit).
 */

#pragma D option quiet

tick-1m
{
	printf("minute\n");
}

tick-1h
{
	printf("hour\n");
}

tick-1d
{
	printf("day\n");
}

BEGIN
{
	exit(0);
}
