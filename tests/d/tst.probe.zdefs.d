/*
 * ASSERTION: With -Z a probe description matching no probes is accepted
 *   and the rest of the script runs.
 */
/* @@runtest-opts: -Z */

#pragma D option quiet

nosuchprovider:::nosuchprobe
{
	printf("never\n");
}

BEGIN
{
	printf("ok\n");
	exit(0);
}
