/*
 * ASSERTION: %s of an empty string prints nothing.
 */

#pragma D option quiet

BEGIN
{
	printf("[%s] [%5s]\n", "", "");
	exit(0);
}
