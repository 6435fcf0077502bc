/*
 * ASSERTION: END runs after the tick clause that called exit().
 */

#pragma D option quiet

int i;

tick-1ms
/i++ == 2/
{
	printf("tick %d\n", i);
	exit(0);
}

END
{
	printf("end\n");
}
