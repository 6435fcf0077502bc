/*
 * ASSERTION: printa() of a scalar aggregation prints its value line
 *   after an empty line.
 */

#pragma D option quiet

BEGIN
{
	@c = count();
	printa(@c);
	exit(0);
}
