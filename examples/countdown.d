/*
 * countdown.d -- count down from 5, one step every 100 milliseconds.
 *
 * Shows: a global variable initialised in BEGIN, a tick-N probe with a
 * unit suffix, predicates that select a clause, printf(), and an END
 * clause that runs after exit().
 *
 * Run:  udtrace -s examples/countdown.d
 */
/* @@run */

#pragma D option quiet

BEGIN
{
	i = 5;
	printf("counting down from %d\n", i);
}

tick-100ms
/i > 0/
{
	printf("%d...\n", i--);
}

tick-100ms
/i == 0/
{
	printf("liftoff!\n");
	i = -1;		/* fire only once, even if another tick comes */
	exit(0);
}

END
{
	printf("done\n");
}
