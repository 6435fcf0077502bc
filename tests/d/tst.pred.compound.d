/*
 * ASSERTION: Predicates can combine conditions with && and ||.
 */

#pragma D option quiet

BEGIN
{
	x = 4;
}

BEGIN
/x > 2 && x < 5 || x == 10/
{
	printf("in range\n");
}

BEGIN
/x > 4 || x < 0/
{
	printf("out of range\n");
}

BEGIN
{
	exit(0);
}
