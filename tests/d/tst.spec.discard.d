/*
 * ASSERTION: Data traced after speculate() is dropped when the
 *   speculation is discarded.
 */

#pragma D option quiet

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("never\n");
}

BEGIN
{
	discard(s);
}

BEGIN
{
	printf("done\n");
	exit(0);
}
