/*
 * ASSERTION: An aggregation with no entries prints nothing.
 */

#pragma D option quiet

BEGIN
/0/
{
    @never = count();
}

BEGIN
{
	x = 1;
	exit(0);
}
