/*
 * ASSERTION: printa() with several aggregations joins them by key and
 *   each %@ takes the next aggregation.
 */

#pragma D option quiet

BEGIN
{
	@c["a"] = count();
	@c["b"] = count();
	@c["b"] = count();
	@s["a"] = sum(10);
	@s["b"] = sum(20);
	printa("%s %@d %@d\n", @c, @s);
	exit(0);
}
