/*
 * ASSERTION: Several clauses can speculate into the same buffer; a
 *   commit prints them in order.
 */

#pragma D option quiet

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("one\n");
}

BEGIN
{
	speculate(s);
	printf("two\n");
}

BEGIN
{
	commit(s);
}

BEGIN
{
	exit(0);
}
