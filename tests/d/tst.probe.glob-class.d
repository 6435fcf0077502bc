/*
 * ASSERTION: A [...] character class in a probe name.
 */

#pragma D option quiet

dtrace:::[BX]EGIN
{
	printf("ok\n");
	exit(0);
}
