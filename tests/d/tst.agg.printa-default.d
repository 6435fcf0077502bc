/*
 * ASSERTION: printa() without a format prints an empty line then the
 *   entries; the aggregation is not printed again at exit.
 */

#pragma D option quiet

BEGIN
{
	@a["x"] = sum(1);
	@a["y"] = sum(2);
	printa(@a);
	exit(0);
}
