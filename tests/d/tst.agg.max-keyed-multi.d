/*
 * ASSERTION: Several keyed aggregations of different kinds.
 */

#pragma D option quiet

BEGIN
{
	@mx["a"] = max(4);
	@mx["a"] = max(9);
	@mn["a"] = min(4);
	@mn["a"] = min(9);
	exit(0);
}
