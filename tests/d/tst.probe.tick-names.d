/*
 * ASSERTION: tick probes report provider profile and their name as
 *   probename.
 */

#pragma D option quiet

int n;

tick-10ms
/n++ == 0/
{
	printf("%s %s\n", probeprov, probename);
	exit(0);
}
