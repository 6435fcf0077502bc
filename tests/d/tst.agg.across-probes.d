/*
 * ASSERTION: Aggregations accumulate across probe firings.
 */

#pragma D option quiet

int i;

tick-1ms
/i++ < 5/
{
	@c = count();
}

tick-1ms
/i > 5/
{
	exit(0);
}
