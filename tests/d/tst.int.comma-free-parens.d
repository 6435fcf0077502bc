/*
 * ASSERTION: Parenthesized expressions nest arbitrarily.
 */

#pragma D option quiet

BEGIN
{
	printf("%d\n", ((((1 + 2) * (3 + 4)) - ((5))) / (2)));
	exit(0);
}
