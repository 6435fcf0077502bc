/*
 * ASSERTION: count() counts calls; a scalar aggregation is printed at
 *   exit as a single right-aligned value after an empty line.
 */

#pragma D option quiet

BEGIN
{
	@c = count();
	@c = count();
	@c = count();
	exit(0);
}
