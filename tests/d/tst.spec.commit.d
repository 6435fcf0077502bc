/*
 * ASSERTION: Data traced after speculate() appears only once the
 *   speculation is committed.
 */

#pragma D option quiet

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("speculative\n");
}

BEGIN
{
	commit(s);
}

BEGIN
{
	exit(0);
}
