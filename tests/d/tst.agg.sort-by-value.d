/*
 * ASSERTION: By default entries are sorted by ascending value, whatever
 *   the key order.
 */

#pragma D option quiet

BEGIN
{
	@a["a"] = sum(30);
	@a["b"] = sum(10);
	@a["c"] = sum(20);
	exit(0);
}
