/*
 * ASSERTION: Fully qualified dtrace:::BEGIN and dtrace:::END match the
 *   same probes as BEGIN and END.
 */

#pragma D option quiet

dtrace:::BEGIN
{
	printf("begin\n");
	exit(0);
}

dtrace:::END
{
	printf("end\n");
}
