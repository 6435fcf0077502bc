/*
 * ASSERTION: Globs in probe descriptions match BEGIN and END.
 */

#pragma D option quiet

dtrace:::BEGI*
{
	printf("%s\n", probename);
	exit(0);
}

dtrace:::?ND
{
	printf("%s\n", probename);
}
