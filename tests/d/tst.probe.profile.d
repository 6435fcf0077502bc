/*
 * ASSERTION: profile-N probes fire like tick probes.
 */

#pragma D option quiet

int n;

profile-1000hz
/n++ == 0/
{
	printf("%s\n", probename);
	exit(0);
}
