/*
 * ASSERTION: A speculation started in BEGIN can be committed from a
 *   later probe.
 */

#pragma D option quiet

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("from BEGIN\n");
}

tick-1ms
{
	commit(s);
}

tick-1ms
{
	exit(0);
}
