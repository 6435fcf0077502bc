/*
 * ASSERTION: timestamp in END is not before timestamp in BEGIN.
 */

#pragma D option quiet

BEGIN
{
	t = timestamp;
	exit(0);
}

END
{
	printf("%d\n", timestamp >= t);
}
