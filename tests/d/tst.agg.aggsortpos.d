/*
 * ASSERTION: aggsortpos selects which aggregation of a multi-
 *   aggregation printa() is sorted on.
 */

#pragma D option quiet

#pragma D option aggsortpos=1

BEGIN
{
	@x["a"] = sum(2);
	@x["b"] = sum(1);
	@y["a"] = sum(10);
	@y["b"] = sum(20);
	printa("%s %@d %@d\n", @x, @y);
	exit(0);
}
