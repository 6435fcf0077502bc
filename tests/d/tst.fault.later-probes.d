/*
 * ASSERTION: Probes keep firing after a fault.
 */

#pragma D option quiet

int n;

tick-1ms
/n++ == 0/
{
	x = *(int *)8;
}

tick-1ms
/n == 4/
{
	printf("still running\n");
	exit(0);
}
