/*
 * ASSERTION: An aggregation cannot change its aggregating function.
 */

BEGIN
{
	@a = count();
	@a = sum(1);
	exit(0);
}
