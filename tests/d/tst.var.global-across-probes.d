/*
 * ASSERTION: Global variables keep their values across probes.
 */

#pragma D option quiet

BEGIN
{
	x = 1;
}

BEGIN
{
	x = x + 1;
	exit(0);
}

END
{
	printf("%d\n", x);
}
