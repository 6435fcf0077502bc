/*
 * ASSERTION: Aggregations keyed by a string print "  %-50s" keys and "
 *   %16lld" values, sorted by value.
 */

#pragma D option quiet

BEGIN
{
	@a["b"] = count();
	@a["a"] = count();
	@a["a"] = count();
	exit(0);
}
