/*
 * ASSERTION: In default mode, a clause that only aggregates prints no
 *   record; the aggregation is printed at exit.
 */

BEGIN
{
	@c = count();
}

BEGIN
{
	exit(0);
}
