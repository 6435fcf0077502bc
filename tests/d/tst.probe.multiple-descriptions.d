/*
 * ASSERTION: One clause can name several probes separated by commas.
 */

#pragma D option quiet

BEGIN,
END
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
